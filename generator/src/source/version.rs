//! Which documents are read, and how one of another version is told so: a Swagger 2.0 or OpenAPI 3.1 document
//! is refused by its version field, and a 3.1 construct in a 3.0 document (a `type` list) is named.

use serde_json::Value;

use crate::diagnostics::Error;

/// Refuses a document that is not OpenAPI 3.0.x, saying which version it is and what to do about it.
pub(super) fn check_version(value: &Value, source_name: &str) -> Result<(), Error> {
    let refuse = |message: String| {
        Err(Error::UnsupportedVersion {
            source_name: source_name.to_owned(),
            message,
        })
    };
    if let Some(swagger) = value.get("swagger") {
        return refuse(format!(
            "this is a Swagger {} document; only OpenAPI 3.0.x is supported. Convert it first, for example with \
             `npx swagger2openapi`, and generate from the result.",
            render_scalar(swagger)
        ));
    }
    match value.get("openapi").and_then(Value::as_str) {
        Some(version) if version.starts_with("3.0.") || version == "3.0" => Ok(()),
        Some(version) if version.starts_with("3.") => refuse(format!(
            "this is an OpenAPI {version} document; only OpenAPI 3.0.x is supported. OpenAPI 3.1 changes `type`, \
             `nullable` and `exclusiveMinimum`; publish or convert a 3.0 version of the document."
        )),
        Some(version) => refuse(format!("`openapi: {version}` is not a version this generator reads (3.0.x).")),
        None => refuse("there is no `openapi` field at the top level; is this an OpenAPI 3.0 document?".to_owned()),
    }
}

/// A `type` given as a list (`[string, 'null']`, the OpenAPI 3.1 form), which the 3.0 model reports only as an
/// unexpected sequence somewhere: found and named here, first in document order.
pub(super) fn type_list(document: &Value, message: &str) -> Option<(String, String)> {
    if !message.contains("sequence") {
        return None;
    }
    let mut pending = vec![("#".to_owned(), document)];
    while let Some((pointer, value)) = pending.pop() {
        match value {
            Value::Object(object) => {
                if let Some(Value::Array(types)) = object.get("type") {
                    let types: Vec<String> = types.iter().map(render_scalar).collect();
                    return Some((
                        format!("{pointer}/type"),
                        format!(
                            "`type: [{}]` is a list of types, which OpenAPI 3.1 allows and 3.0 does not; use one type \
                             (with `nullable: true` for null) or `oneOf`",
                            types.join(", ")
                        ),
                    ));
                }
                for (key, child) in object.iter().rev() {
                    let child_pointer = crate::diagnostics::pointer_join(&pointer, &[key]);
                    pending.push((child_pointer, child));
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate().rev() {
                    pending.push((format!("{pointer}/{index}"), item));
                }
            }
            _ => {}
        }
    }
    None
}

/// A scalar as it is written in the document: a string without its quotes.
fn render_scalar(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}
