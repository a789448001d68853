//! Which versions are read (Swagger 2.0, OpenAPI 3.0, 3.1 and 3.2), how a document of another version is told so,
//! and how a 3.1 construct in a document that declares 3.0 (a `type` list) is named.

use serde_json::Value;

use crate::diagnostics::Error;

/// The versions read. Every other version is brought into the 3.0 form the OpenAPI model holds by `normalize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputVersion {
    Swagger20,
    OpenApi30,
    OpenApi31,
    OpenApi32,
}

impl InputVersion {
    /// How the version is named in messages and reports.
    pub fn label(self) -> &'static str {
        match self {
            InputVersion::Swagger20 => "Swagger 2.0",
            InputVersion::OpenApi30 => "OpenAPI 3.0",
            InputVersion::OpenApi31 => "OpenAPI 3.1",
            InputVersion::OpenApi32 => "OpenAPI 3.2",
        }
    }
}

/// The version a document declares, or an error naming the version found and the ones read.
pub(super) fn input_version(value: &Value, source_name: &str) -> Result<InputVersion, Error> {
    let refuse = |message: String| {
        Err(Error::UnsupportedVersion {
            source_name: source_name.to_owned(),
            message,
        })
    };
    const READ: &str = "this generator reads Swagger 2.0 and OpenAPI 3.0.x, 3.1.x and 3.2.x";
    if let Some(swagger) = value.get("swagger") {
        return match swagger.as_str() {
            Some("2.0") => Ok(InputVersion::Swagger20),
            _ => refuse(format!(
                "`swagger: {}` is not a version this generator reads; {READ}.",
                render_scalar(swagger)
            )),
        };
    }
    let Some(declared) = value.get("openapi") else {
        return refuse(format!(
            "there is no `openapi` (or `swagger`) field at the top level, so this is not an OpenAPI document; {READ}."
        ));
    };
    let Some(version) = declared.as_str() else {
        return refuse(format!(
            "`openapi: {}` must be a version string such as \"3.1.0\" (quote it in YAML); {READ}.",
            render_scalar(declared)
        ));
    };
    let minor = |prefix: &str| version == prefix || version.starts_with(&format!("{prefix}."));
    if minor("3.0") {
        Ok(InputVersion::OpenApi30)
    } else if minor("3.1") {
        Ok(InputVersion::OpenApi31)
    } else if minor("3.2") {
        Ok(InputVersion::OpenApi32)
    } else {
        refuse(format!(
            "`openapi: {version}` is not a version this generator reads; {READ}."
        ))
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
                            "`type: [{}]` is a list of types, which OpenAPI 3.1 allows and 3.0 does not; if the \
                             document is 3.1, declare `openapi: 3.1.0`; otherwise use one type (with `nullable: true` \
                             for null) or `oneOf`",
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
