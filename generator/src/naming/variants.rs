//! Variant names: for the members of a union and for the values of an enum.

use std::collections::BTreeSet;

use super::camel_name;
use crate::ir::{EnumRepr, Primitive, TypeRef};

/// A variant name for an inline union member, from what it holds (`String`, `Integer`, `Array`, …).
pub(crate) fn inline_variant_name(ty: &TypeRef, index: usize) -> String {
    match ty {
        TypeRef::Primitive(Primitive::String) => "String".to_owned(),
        TypeRef::Primitive(Primitive::Bool) => "Boolean".to_owned(),
        TypeRef::Primitive(
            Primitive::I32
            | Primitive::I64
            | Primitive::U32
            | Primitive::U64
            | Primitive::I128
            | Primitive::U128,
        ) => "Integer".to_owned(),
        TypeRef::Primitive(Primitive::Uuid) => "Uuid".to_owned(),
        TypeRef::Primitive(Primitive::Base64) => "Base64".to_owned(),
        TypeRef::Primitive(Primitive::Secret) => "Secret".to_owned(),
        TypeRef::Primitive(Primitive::F32 | Primitive::F64) => "Number".to_owned(),
        TypeRef::Primitive(Primitive::DateTime) => "DateTime".to_owned(),
        TypeRef::Primitive(Primitive::Date) => "Date".to_owned(),
        TypeRef::Primitive(Primitive::Json) => "Value".to_owned(),
        TypeRef::Primitive(Primitive::Bytes) => "Bytes".to_owned(),
        TypeRef::Array(_) => "Array".to_owned(),
        TypeRef::Tuple(_) => "Tuple".to_owned(),
        TypeRef::Map(_) => "Map".to_owned(),
        TypeRef::Named(_) => format!("Variant{index}"),
    }
}

/// Short variant names for a union: the single tag value of each member when every member has one, otherwise the
/// member names without the words they all share at the start and the end (`UpdateDedicatedClusterRequest` and
/// `UpdateHybridClusterRequest` become `Dedicated` and `Hybrid`). Falls back to the full names when shortening
/// would leave a name empty or make two names equal.
pub(crate) fn union_variant_names(members: &[(String, TypeRef, Vec<String>)]) -> Vec<String> {
    let unique = |names: &[String]| names.iter().collect::<BTreeSet<_>>().len() == names.len();
    if members.iter().all(|(_, _, tags)| tags.len() == 1) {
        let names: Vec<String> = members
            .iter()
            .map(|(_, _, tags)| camel_name(&tags[0]))
            .collect();
        if unique(&names) {
            return names;
        }
    }
    let full: Vec<String> = members.iter().map(|(name, _, _)| name.clone()).collect();
    if full.len() < 2 {
        return full;
    }
    let words: Vec<Vec<&str>> = full.iter().map(|name| camel_words(name)).collect();
    let shortest = words.iter().map(Vec::len).min().unwrap_or(0);
    let prefix = (0..shortest)
        .take_while(|&i| words.iter().all(|w| w[i] == words[0][i]))
        .count();
    let suffix = (0..shortest - prefix)
        .take_while(|&i| {
            words
                .iter()
                .all(|w| w[w.len() - 1 - i] == words[0][words[0].len() - 1 - i])
        })
        .count();
    let short: Vec<String> = words
        .iter()
        .map(|w| w[prefix..w.len() - suffix].concat())
        .collect();
    if short
        .iter()
        .all(|name| !name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit()))
        && unique(&short)
    {
        short
    } else {
        full
    }
}

/// Splits an `UpperCamelCase` name at each capital letter.
fn camel_words(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    for (index, c) in name.char_indices().skip(1) {
        if c.is_ascii_uppercase() {
            words.push(&name[start..index]);
            start = index;
        }
    }
    words.push(&name[start..]);
    words
}

/// Names for enum values: the document's `x-enum-varnames` (or `x-enum-names`) when it gives one per value,
/// else names made from the values themselves.
pub(crate) fn enum_variant_names(
    extensions: &indexmap::IndexMap<String, serde_json::Value>,
    repr: EnumRepr,
    values: &[String],
) -> Vec<String> {
    let given = ["x-enum-varnames", "x-enum-names"]
        .iter()
        .find_map(|key| extensions.get(*key))
        .and_then(serde_json::Value::as_array)
        .filter(|names| names.len() == values.len())
        .and_then(|names| {
            names
                .iter()
                .map(|name| name.as_str().map(str::to_owned))
                .collect::<Option<Vec<String>>>()
        });
    given.unwrap_or_else(|| {
        values
            .iter()
            .map(|value| default_variant_name(repr, value))
            .collect()
    })
}

/// A variant name made from a value: a string as it is (naming makes it an identifier), a number spelled out
/// (`Value2`, `Minus1`) so that it does not turn into a bare digit.
fn default_variant_name(repr: EnumRepr, value: &str) -> String {
    if repr == EnumRepr::String {
        return value.to_owned();
    }
    match serde_json::from_str::<serde_json::Value>(value) {
        Ok(serde_json::Value::String(text)) => text,
        Ok(serde_json::Value::Number(number)) => {
            let text = number.to_string();
            match text.strip_prefix('-') {
                Some(magnitude) => format!("Minus{magnitude}"),
                None => format!("Value{text}"),
            }
        }
        Ok(serde_json::Value::Bool(true)) => "True".to_owned(),
        Ok(serde_json::Value::Bool(false)) => "False".to_owned(),
        _ => "Value".to_owned(),
    }
}
