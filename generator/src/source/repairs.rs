//! What loading repairs in the raw value before the OpenAPI model is applied: integer bounds that do not fit in
//! 64 bits are dropped with a warning, and `const` is rewritten as a one-value `enum`.

use serde_json::Value;

use crate::diagnostics::Diagnostic;

/// Drops integer bounds (`minimum`, `maximum`) that do not fit in 64 bits, with a warning. Real documents carry
/// them (OpenAI's `seed` has a minimum below `i64::MIN`, written as a rounded float), and the OpenAPI model cannot
/// hold them; no 64-bit value can violate such a bound, so dropping it loses nothing a client could check.
///
/// `pointer` is the value's JSON pointer, grown and cut back as the walk goes, since most nodes never need it.
pub(super) fn widen_integer_bounds(
    value: &mut Value,
    pointer: &mut String,
    warnings: &mut Vec<Diagnostic>,
) {
    match value {
        Value::Object(object) => {
            if object.get("type").and_then(Value::as_str) == Some("integer") {
                for key in ["minimum", "maximum"] {
                    let fits = object.get(key).is_none_or(|bound| {
                        bound.is_i64() || bound.is_u64() && bound.as_u64() <= Some(i64::MAX as u64)
                    });
                    if !fits {
                        let bound = object.remove(key).unwrap_or_default();
                        warnings.push(Diagnostic::warning(
                            format!("{pointer}/{key}"),
                            format!(
                                "the integer bound {bound} does not fit in 64 bits; it is dropped"
                            ),
                        ));
                    }
                }
            }
            const_to_enum(object);
            let parent = pointer.len();
            for (key, child) in object.iter_mut() {
                pointer.push('/');
                pointer.push_str(&crate::diagnostics::escape_pointer_token(key));
                widen_integer_bounds(child, pointer, warnings);
                pointer.truncate(parent);
            }
        }
        Value::Array(items) => {
            let parent = pointer.len();
            for (index, item) in items.iter_mut().enumerate() {
                use std::fmt::Write;
                let _ = write!(pointer, "/{index}");
                widen_integer_bounds(item, pointer, warnings);
                pointer.truncate(parent);
            }
        }
        _ => {}
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
