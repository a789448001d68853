//! Reading JSON text strictly: an object that repeats a key is refused, as a YAML document's is.

use serde_json::Value;

use crate::diagnostics::Error;

/// Parses JSON text; `source_name` names it in errors.
pub(super) fn parse(text: &str, source_name: &str) -> Result<Value, Error> {
    serde_json::from_str::<StrictJson>(text)
        .map(|strict| strict.0)
        .map_err(|error| Error::Syntax {
            source_name: source_name.to_owned(),
            format: "JSON",
            message: error.to_string(),
        })
}

/// A JSON value read with a check that no object repeats a key: serde_json alone keeps the last copy silently,
/// while YAML documents get the same check from `serde-saphyr`.
struct StrictJson(Value);

impl<'de> serde::Deserialize<'de> for StrictJson {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{Error as _, MapAccess, SeqAccess, Visitor};

        struct StrictVisitor;
        impl<'de> Visitor<'de> for StrictVisitor {
            type Value = StrictJson;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E>(self, value: bool) -> Result<StrictJson, E> {
                Ok(StrictJson(Value::Bool(value)))
            }
            fn visit_i64<E>(self, value: i64) -> Result<StrictJson, E> {
                Ok(StrictJson(Value::from(value)))
            }
            fn visit_u64<E>(self, value: u64) -> Result<StrictJson, E> {
                Ok(StrictJson(Value::from(value)))
            }
            fn visit_f64<E>(self, value: f64) -> Result<StrictJson, E> {
                Ok(StrictJson(Value::from(value)))
            }
            fn visit_str<E>(self, value: &str) -> Result<StrictJson, E> {
                Ok(StrictJson(Value::String(value.to_owned())))
            }
            fn visit_string<E>(self, value: String) -> Result<StrictJson, E> {
                Ok(StrictJson(Value::String(value)))
            }
            fn visit_unit<E>(self) -> Result<StrictJson, E> {
                Ok(StrictJson(Value::Null))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<StrictJson, A::Error> {
                let mut items = Vec::new();
                while let Some(StrictJson(item)) = seq.next_element()? {
                    items.push(item);
                }
                Ok(StrictJson(Value::Array(items)))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StrictJson, A::Error> {
                let mut object = serde_json::Map::new();
                while let Some(key) = map.next_key::<String>()? {
                    // One lookup per key: the slot is taken before the value is read, so that a repeated key
                    // is reported where it stands.
                    let slot = match object.entry(key) {
                        serde_json::map::Entry::Vacant(vacant) => vacant.insert(Value::Null),
                        serde_json::map::Entry::Occupied(occupied) => {
                            return Err(A::Error::custom(format!(
                                "the key `{}` appears twice in one object",
                                occupied.key()
                            )));
                        }
                    };
                    let StrictJson(value) = map.next_value()?;
                    *slot = value;
                }
                Ok(StrictJson(Value::Object(object)))
            }
        }
        deserializer.deserialize_any(StrictVisitor)
    }
}
