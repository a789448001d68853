//! Enums: open enums of distinct values, and one enum for a `oneOf` whose members are each documented string
//! values.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::schema_doc;
use crate::ir::{EnumRepr, EnumVariant, StringEnum};
use crate::naming::{camel_name, enum_variant_names, Namespace};

/// An open enum of distinct values; repeated values are dropped and names that collide after case conversion
/// are told apart by the namespace.
pub(super) fn open_enum(repr: EnumRepr, values: &[String], names: Vec<String>) -> StringEnum {
    let mut namespace = Namespace::new();
    let mut seen = BTreeSet::new();
    let variants: Vec<EnumVariant> = values
        .iter()
        .zip(names)
        .filter(|(value, _)| seen.insert(value.as_str()))
        .map(|(value, name)| EnumVariant {
            rust_name: namespace.claim(&camel_name(&name)),
            wire_value: value.clone(),
            doc: None,
        })
        .collect();
    let unknown_variant = namespace.claim("Unknown");
    StringEnum {
        repr,
        variants,
        unknown_variant,
    }
}

/// One open enum for a `oneOf` whose members are all inline string enums, the way some generators document
/// each value (`oneOf: [{enum: [a], description: …}, {enum: [b], description: …}]`): a union of one-value enums
/// would decode the same strings with far more types, and each value keeps its member's description.
pub(super) fn merged_string_enum(one_of: &[ReferenceOr<Schema>]) -> Option<StringEnum> {
    if one_of.is_empty() {
        return None;
    }
    let mut values = Vec::new();
    let mut names = Vec::new();
    let mut docs = BTreeMap::new();
    for member in one_of {
        let ReferenceOr::Item(member) = member else {
            return None;
        };
        let SchemaKind::Type(Type::String(string)) = &member.schema_kind else {
            return None;
        };
        let member_values: Option<Vec<String>> = string.enumeration.iter().cloned().collect();
        let member_values = member_values.filter(|values| !values.is_empty())?;
        names.extend(enum_variant_names(
            &member.schema_data.extensions,
            EnumRepr::String,
            &member_values,
        ));
        if let Some(doc) = schema_doc(member) {
            for value in &member_values {
                docs.entry(value.clone()).or_insert_with(|| doc.clone());
            }
        }
        values.extend(member_values);
    }
    let mut merged = open_enum(EnumRepr::String, &values, names);
    for variant in &mut merged.variants {
        variant.doc = docs.remove(&variant.wire_value);
    }
    Some(merged)
}
