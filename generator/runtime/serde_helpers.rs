//! Serde building blocks that generated types call, so each type stays a few lines.

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

/// Decodes a string into an open enum, which maps values it does not list to its `Unknown` variant.
///
/// The string is matched where the deserializer holds it, so a known value costs no allocation; only an unknown
/// one is copied into its `Unknown` variant.
pub fn deserialize_open_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    struct OpenEnumVisitor<T>(std::marker::PhantomData<T>);

    impl<T: for<'a> From<&'a str>> serde::de::Visitor<'_> for OpenEnumVisitor<T> {
        type Value = T;

        fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            formatter.write_str("a string")
        }

        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from(value))
        }
    }

    deserializer.deserialize_str(OpenEnumVisitor(std::marker::PhantomData))
}

/// Serializes a union variant and writes its tag property, unless the variant already wrote one.
pub fn serialize_tagged<T, S>(
    value: &T,
    property: &str,
    tag: &str,
    serializer: S,
) -> Result<S::Ok, S::Error>
where
    T: Serialize,
    S: Serializer,
{
    let mut json = serde_json::to_value(value).map_err(serde::ser::Error::custom)?;
    if let Value::Object(object) = &mut json {
        if !matches!(object.get(property), Some(Value::String(_))) {
            object.insert(property.to_owned(), Value::String(tag.to_owned()));
        }
    }
    json.serialize(serializer)
}

/// Reads an object and its tag property, leaving the tag in the object for the variant to read too.
pub fn read_tagged<'de, D>(
    deserializer: D,
    property: &str,
) -> Result<(Option<String>, Value), D::Error>
where
    D: serde::Deserializer<'de>,
{
    let value = Value::deserialize(deserializer)?;
    if !value.is_object() {
        return Err(D::Error::custom(format!(
            "expected an object with a `{property}` property"
        )));
    }
    let tag = value
        .get(property)
        .and_then(Value::as_str)
        .map(str::to_owned);
    Ok((tag, value))
}

/// Decodes a variant from an object already read.
pub fn from_value<T: DeserializeOwned, E: serde::de::Error>(value: Value) -> Result<T, E> {
    serde_json::from_value(value).map_err(E::custom)
}

/// A JSON value from its text, as generated code writes the values of mixed enums.
pub fn json_literal(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}
