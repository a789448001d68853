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

/// One member of an untagged union of objects: the property names its type knows (none for a member that is not
/// an object type) and how to decode it.
pub struct UnionMember<T> {
    /// The variant's name, for errors.
    pub name: &'static str,
    /// The wire names of the member's properties.
    pub properties: &'static [&'static str],
    /// Decodes the member and wraps it in its variant.
    pub decode: fn(Value) -> Result<T, serde_json::Error>,
}

/// Decodes an untagged union by trying its members in order of how well an object's keys match their properties
/// (most known keys, then fewest unknown ones, then the document's order), not merely in the document's order:
/// a member whose properties are all optional decodes from any object, and would otherwise take every value and
/// lose what the better-matching member holds.
pub fn decode_best_match<T, E: serde::de::Error>(
    value: Value,
    members: &[UnionMember<T>],
    union: &str,
) -> Result<T, E> {
    let score = |properties: &[&str]| -> (usize, usize) {
        let Value::Object(object) = &value else {
            return (0, 0);
        };
        let known = object
            .keys()
            .filter(|key| properties.contains(&key.as_str()))
            .count();
        (known, object.len() - known)
    };
    let mut order: Vec<(usize, (usize, usize))> = members
        .iter()
        .enumerate()
        .map(|(index, member)| (index, score(member.properties)))
        .collect();
    order.sort_by(|(a, (a_known, a_unknown)), (b, (b_known, b_unknown))| {
        b_known
            .cmp(a_known)
            .then(a_unknown.cmp(b_unknown))
            .then(a.cmp(b))
    });
    let mut failures = Vec::new();
    for (index, _) in order {
        let member = &members[index];
        match (member.decode)(value.clone()) {
            Ok(decoded) => return Ok(decoded),
            Err(error) => failures.push(format!("{}: {error}", member.name)),
        }
    }
    Err(E::custom(format!(
        "the value matches no member of `{union}` ({})",
        failures.join("; ")
    )))
}
