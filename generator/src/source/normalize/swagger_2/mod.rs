//! A Swagger 2.0 document brought into the OpenAPI 3.0 form. The document is rebuilt member by member:
//! `host`/`basePath`/`schemes` become `servers` (`servers.rs`), the top-level `definitions`, `parameters`,
//! `responses` and `securityDefinitions` become components (`components.rs`, `security.rs`), each operation's
//! `body` and `formData` parameters become its request body (`bodies.rs`) and the others 3.0 parameters with a
//! `schema` (`parameters.rs`), responses gain `content` per media type (`responses.rs`); then every `$ref` is
//! pointed at the new places (`references.rs`) and every schema rewritten where 2.0 and 3.0 differ
//! (`schemas.rs`). Each relocated part is recorded in `Origin`, so diagnostics point into the Swagger document.

mod bodies;
mod components;
mod operations;
mod parameters;
mod references;
mod responses;
mod schemas;
mod security;
mod servers;

use serde_json::{Map, Value};

use super::json_schema::SchemaRewrite;
use super::{sites, Origin};
use crate::diagnostics::Diagnostic;

/// The media type assumed where a document names none (as Swagger tools do).
const DEFAULT_MEDIA_TYPE: &str = "application/json";

/// What every step of the conversion shares: where parts moved, what is not generated, and the document-level
/// settings that operations inherit.
pub(super) struct Conversion<'a> {
    origin: &'a mut Origin,
    warnings: &'a mut Vec<Diagnostic>,
    /// The document's `consumes`, the media types of request bodies an operation does not override.
    consumes: Vec<String>,
    /// The document's `produces`, likewise for responses.
    produces: Vec<String>,
    /// The top-level `parameters` as written, to resolve the operations' references to them: a `body` parameter
    /// becomes a request body and `formData` parameters become properties of one.
    parameters: Map<String, Value>,
    /// The scheme of the first server, when the document names a host.
    default_scheme: Option<String>,
}

impl Conversion<'_> {
    /// Records that what is now at `normalized` was written at `original` (a pointer of the Swagger document).
    fn record(&mut self, normalized: impl Into<String>, original: impl Into<String>) {
        self.origin.record(normalized, original);
    }

    fn warn(&mut self, original: impl Into<String>, message: impl Into<String>) {
        self.warnings.push(Diagnostic::warning(original, message));
    }
}

/// Rewrites the Swagger 2.0 `document` into the 3.0 form; warnings point into the Swagger document.
pub(super) fn normalize(document: &mut Value, origin: &mut Origin, warnings: &mut Vec<Diagnostic>) {
    let Value::Object(mut source) = std::mem::take(document) else {
        return;
    };
    let mut conversion = Conversion {
        origin,
        warnings,
        consumes: media_types(source.get("consumes")).unwrap_or_default(),
        produces: media_types(source.get("produces")).unwrap_or_default(),
        parameters: match source.get("parameters") {
            Some(Value::Object(parameters)) => parameters.clone(),
            _ => Map::new(),
        },
        default_scheme: None,
    };
    let definitions: Vec<String> = match source.get("definitions") {
        Some(Value::Object(definitions)) => definitions.keys().cloned().collect(),
        _ => Vec::new(),
    };
    for key in ["swagger", "consumes", "produces"] {
        source.shift_remove(key);
    }
    let mut target = Map::new();
    target.insert("openapi".to_owned(), Value::String("3.0.3".to_owned()));
    if let Some(info) = source.shift_remove("info") {
        target.insert("info".to_owned(), info);
    }
    if let Some(servers) = servers::servers(&mut source, &mut conversion) {
        target.insert("servers".to_owned(), servers);
    }
    let paths = source
        .shift_remove("paths")
        .unwrap_or_else(|| Value::Object(Map::new()));
    target.insert(
        "paths".to_owned(),
        operations::paths(paths, &mut conversion),
    );
    let components = components::components(&mut source, &mut conversion);
    if !components.is_empty() {
        target.insert("components".to_owned(), Value::Object(components));
    }
    // `security`, `tags`, `externalDocs` and extensions mean the same in 3.0.
    target.extend(source);
    *document = Value::Object(target);
    let body_parameters = components::body_parameter_names(&conversion.parameters);
    references::rewrite(document, &body_parameters, &definitions);
    for (normalized, original) in references::RENAMED {
        conversion.origin.rename_references(normalized, original);
    }
    let mut rewrite = SchemaRewrite {
        origin: conversion.origin,
        warnings: conversion.warnings,
    };
    sites::rewrite_schemas(document, |schema, pointer| {
        schemas::rewrite(schema, pointer, &mut rewrite)
    });
}

/// A `consumes` or `produces` list: `None` when it is not given (or not a list), so that an operation inherits.
fn media_types(value: Option<&Value>) -> Option<Vec<String>> {
    let list = value?.as_array()?;
    Some(
        list.iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
    )
}

/// The media types to write content under: the given ones, or JSON when none is given. A wildcard (`*/*`, often
/// written for "whatever the server accepts") next to a schema that is not a file stands for JSON, the encoding
/// Swagger tools give such a schema; read literally, the body would be untyped bytes.
fn content_media_types(listed: &[String], schema: Option<&Value>) -> Vec<String> {
    let is_file = schema.is_some_and(schemas::is_file);
    let mut media_types: Vec<String> = Vec::new();
    for media_type in listed {
        let media_type = if media_type.trim() == "*/*" && !is_file && schema.is_some() {
            DEFAULT_MEDIA_TYPE
        } else {
            media_type.as_str()
        };
        if !media_types.iter().any(|known| known == media_type) {
            media_types.push(media_type.to_owned());
        }
    }
    if media_types.is_empty() {
        media_types.push(DEFAULT_MEDIA_TYPE.to_owned());
    }
    media_types
}

#[cfg(test)]
mod tests;
