//! What loading repairs in the raw value before the OpenAPI model is applied: integer bounds written as whole
//! floats are read as integers, integer bounds that do not fit in 64 bits are dropped with a warning, `const` is rewritten as a one-value `enum`, callback `$ref`s are replaced by
//! their targets, and, only when the model refuses the document, keywords of the wrong type that carry no shape
//! (`pattern: 0`) are dropped with a warning.

use serde_json::Value;

use super::normalize::{null_members_as_nullable, Origin};
use crate::diagnostics::{pointer_join, unescape_pointer_token, Diagnostic};

/// Drops integer bounds (`minimum`, `maximum`) that do not fit in 64 bits, with a warning. Real documents carry
/// them (OpenAI's `seed` has a minimum below `i64::MIN`, written as a rounded float), and the OpenAPI model cannot
/// hold them; no 64-bit value can violate such a bound, so dropping it loses nothing a client could check.
///
/// `pointer` is the value's JSON pointer, grown and cut back as the walk goes, since most nodes never need it.
pub(super) fn widen_integer_bounds(
    value: &mut Value,
    pointer: &mut String,
    origin: &mut Origin,
    warnings: &mut Vec<Diagnostic>,
) {
    match value {
        Value::Object(object) => {
            // Which repairs could apply, from one look at the members instead of a hashed lookup per repair:
            // most objects need none, and there is one per node of the document.
            let (mut integer, mut constant, mut union) = (false, false, false);
            for (key, member) in object.iter() {
                match key.as_str() {
                    "type" => integer = member.as_str() == Some("integer"),
                    "const" => constant = true,
                    "anyOf" | "oneOf" => union = true,
                    _ => {}
                }
            }
            if integer {
                for key in ["minimum", "maximum"] {
                    integral_float_as_integer(object, key);
                    let fits = object.get(key).is_none_or(|bound| {
                        bound.is_i64() || bound.is_u64() && bound.as_u64() <= Some(i64::MAX as u64)
                    });
                    if !fits {
                        let bound = object.remove(key).unwrap_or_default();
                        let problem = if bound.is_number() {
                            "does not fit in 64 bits"
                        } else {
                            "is not a number"
                        };
                        warnings.push(Diagnostic::warning(
                            format!("{pointer}/{key}"),
                            format!("the integer bound {bound} {problem}; it is dropped"),
                        ));
                    }
                }
            }
            if constant {
                const_to_enum(object);
            }
            if union {
                // 3.0 documents write 3.1's `anyOf: [T, {type: "null"}]` too (OpenAI's does, 20 times).
                null_members_as_nullable(object, pointer, origin);
            }
            let parent = pointer.len();
            for (key, child) in object.iter_mut() {
                // Most members are scalars, which hold nothing to repair: their pointer is not worth building.
                if !(child.is_object() || child.is_array()) {
                    continue;
                }
                pointer.push('/');
                pointer.push_str(&crate::diagnostics::escape_pointer_token(key));
                widen_integer_bounds(child, pointer, origin, warnings);
                pointer.truncate(parent);
            }
        }
        Value::Array(items) => {
            let parent = pointer.len();
            for (index, item) in items.iter_mut().enumerate() {
                if !(item.is_object() || item.is_array()) {
                    continue;
                }
                use std::fmt::Write;
                let _ = write!(pointer, "/{index}");
                widen_integer_bounds(item, pointer, origin, warnings);
                pointer.truncate(parent);
            }
        }
        _ => {}
    }
}

/// An integer bound written as a whole float (`minimum: 0.0`, as pydantic writes it) is the integer it names.
fn integral_float_as_integer(object: &mut serde_json::Map<String, Value>, key: &str) {
    let Some(bound) = object.get(key).and_then(Value::as_f64) else {
        return;
    };
    let whole = bound.fract() == 0.0 && bound > i64::MIN as f64 && bound < i64::MAX as f64;
    if whole && object.get(key).is_some_and(Value::is_f64) {
        object.insert(key.to_owned(), Value::from(bound as i64));
    }
}

/// Rewrites `const: v` (a JSON Schema keyword that OpenAPI 3.0 lacks but real 3.0 documents use) as the
/// equivalent `enum: [v]`, which the OpenAPI model keeps; an `enum` already present wins.
fn const_to_enum(object: &mut serde_json::Map<String, Value>) {
    let scalar = matches!(
        object.get("const"),
        Some(Value::String(_) | Value::Number(_) | Value::Bool(_))
    );
    if scalar && !object.contains_key("enum") {
        if let Some(value) = object.remove("const") {
            object.insert("enum".to_owned(), Value::Array(vec![value]));
        }
    }
}

/// Keywords that describe or bound a value without deciding its shape, with the JSON type each must have. A value
/// of another type (`pattern: 0`) makes the OpenAPI model refuse the whole document, though dropping the keyword
/// loses only a description or a check the client does not make.
const SHAPELESS_KEYWORDS: &[(&str, JsonType)] = &[
    ("description", JsonType::String),
    ("title", JsonType::String),
    ("summary", JsonType::String),
    ("pattern", JsonType::String),
    ("format", JsonType::String),
    ("minLength", JsonType::Count),
    ("maxLength", JsonType::Count),
    ("minItems", JsonType::Count),
    ("maxItems", JsonType::Count),
    ("minProperties", JsonType::Count),
    ("maxProperties", JsonType::Count),
    ("minimum", JsonType::Number),
    ("maximum", JsonType::Number),
    ("multipleOf", JsonType::Number),
    ("exclusiveMinimum", JsonType::Bool),
    ("exclusiveMaximum", JsonType::Bool),
    ("uniqueItems", JsonType::Bool),
    ("deprecated", JsonType::Bool),
    ("readOnly", JsonType::Bool),
    ("writeOnly", JsonType::Bool),
    ("nullable", JsonType::Bool),
];

/// Keywords whose value is a schema, or a list or map of schemas, inside which the repair goes on.
const NESTED_SCHEMAS: &[&str] = &[
    "schema",
    "items",
    "additionalProperties",
    "not",
    "allOf",
    "anyOf",
    "oneOf",
    "properties",
];

#[derive(Clone, Copy)]
enum JsonType {
    String,
    /// A non-negative integer.
    Count,
    Number,
    Bool,
}

impl JsonType {
    fn holds(self, value: &Value) -> bool {
        match self {
            JsonType::String => value.is_string(),
            JsonType::Count => value.is_u64(),
            JsonType::Number => value.is_number(),
            JsonType::Bool => value.is_boolean(),
        }
    }

    fn name(self) -> &'static str {
        match self {
            JsonType::String => "a string",
            JsonType::Count => "a non-negative integer",
            JsonType::Number => "a number",
            JsonType::Bool => "a boolean",
        }
    }
}

/// Drops, with a warning each, the shape-less keywords of a wrong JSON type in the object at `pointer` and in the
/// schemas nested in it; the number dropped. Called only when the model refused the document at `pointer`, so a
/// valid document pays nothing. Keys of `properties` are names, not keywords, and examples, defaults, enums and
/// extensions hold data, so none of them is looked into.
pub(super) fn drop_mistyped_keywords(
    document: &mut Value,
    pointer: &str,
    warnings: &mut Vec<Diagnostic>,
) -> usize {
    let Some(start) = document.pointer_mut(pointer.trim_start_matches('#')) else {
        return 0;
    };
    let mut dropped = 0;
    // Iterative, so a deeply nested document cannot exhaust the stack.
    let mut pending: Vec<(&mut Value, String, bool)> = vec![(start, pointer.to_owned(), false)];
    while let Some((value, pointer, names)) = pending.pop() {
        match value {
            Value::Object(object) => {
                if !names {
                    object.retain(|key, value| {
                        let mistyped = SHAPELESS_KEYWORDS
                            .iter()
                            .find(|(keyword, _)| keyword == key)
                            .filter(|(_, expected)| !expected.holds(value));
                        let Some((_, expected)) = mistyped else {
                            return true;
                        };
                        warnings.push(Diagnostic::warning(
                            pointer_join(&pointer, &[key]),
                            format!(
                                "`{key}: {value}` should be {}; the keyword is dropped and the document read without it",
                                expected.name()
                            ),
                        ));
                        dropped += 1;
                        false
                    });
                }
                for (key, child) in object.iter_mut() {
                    let child_pointer = pointer_join(&pointer, &[key]);
                    if names {
                        pending.push((child, child_pointer, false));
                    } else if NESTED_SCHEMAS.contains(&key.as_str()) {
                        pending.push((child, child_pointer, key == "properties"));
                    }
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter_mut().enumerate() {
                    pending.push((item, pointer_join(&pointer, &[&index.to_string()]), false));
                }
            }
            _ => {}
        }
    }
    dropped
}

/// Replaces each `$ref` among an operation's callbacks by what it points to: the OpenAPI model has no reference
/// form for a callback, and refused the whole document for one (PeerTube's). The client does not call callbacks,
/// but the document is read whole.
pub(super) fn inline_callback_references(document: &mut Value) {
    let Some(components) = document.pointer("/components/callbacks").cloned() else {
        return;
    };
    let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for item in paths.values_mut().filter_map(Value::as_object_mut) {
        for operation in item.values_mut().filter_map(Value::as_object_mut) {
            let Some(callbacks) = operation
                .get_mut("callbacks")
                .and_then(Value::as_object_mut)
            else {
                continue;
            };
            for callback in callbacks.values_mut() {
                let target = callback
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|reference| reference.strip_prefix("#/components/callbacks/"))
                    .and_then(|name| components.get(unescape_pointer_token(name)));
                if let Some(target) = target {
                    *callback = target.clone();
                }
            }
        }
    }
}
