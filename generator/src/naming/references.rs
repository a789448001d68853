//! Reference names: a type name for the target of a `$ref` that points inside another object.

use super::camel_name;
use crate::diagnostics::{reference_pointer, unescape_pointer_token};

/// A type name for the target of a deep `$ref`, from the meaningful tokens of its pointer
/// (`#/components/schemas/Field/properties/name` → `FieldName`).
pub(crate) fn reference_name_hint(reference: &str) -> String {
    const STRUCTURAL: &[&str] = &[
        "components",
        "schemas",
        "properties",
        "parameters",
        "schema",
        "items",
        "content",
        "responses",
        "requestBodies",
    ];
    let pointer = reference_pointer(reference).unwrap_or(std::borrow::Cow::Borrowed(reference));
    pointer
        .trim_start_matches(['#', '/'])
        .split('/')
        .map(unescape_pointer_token)
        .filter(|token| {
            !STRUCTURAL.contains(&token.as_str()) && !token.chars().all(|c| c.is_ascii_digit())
        })
        .map(|token| camel_name(&token))
        .collect()
}
