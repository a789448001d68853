//! Request bodies: Swagger's `in: body` parameter is 3.0's `requestBody` (its `schema` under each media type the
//! operation consumes), and its `in: formData` parameters are the properties of one object sent as
//! `multipart/form-data` (when the operation consumes it or a field is a `type: file`) or else as
//! `application/x-www-form-urlencoded`.

use serde_json::{Map, Value};

use super::parameters::{take_value_schema, Placement};
use super::{content_media_types, Conversion};
use crate::diagnostics::pointer_join;

const MULTIPART: &str = "multipart/form-data";
const URL_ENCODED: &str = "application/x-www-form-urlencoded";

/// A `formData` parameter of an operation, a reference already resolved, and where it was written.
pub(super) struct FormField {
    pub(super) field: Map<String, Value>,
    pub(super) written: String,
}

/// The request body an `in: body` parameter (or a reference to one) stands for, under each media type of
/// `consumes`.
pub(super) fn from_body_parameter(
    mut parameter: Map<String, Value>,
    at: &Placement,
    consumes: &[String],
    conversion: &mut Conversion,
) -> Value {
    conversion.record(at.now, at.written);
    if let Some(reference) = parameter.shift_remove("$ref") {
        let mut body = Map::new();
        body.insert("$ref".to_owned(), reference);
        return Value::Object(body);
    }
    let mut body = Map::new();
    for (key, value) in std::mem::take(&mut parameter) {
        match key.as_str() {
            "description" | "required" => {
                body.insert(key, value);
            }
            // The name means nothing on the wire; generators that keep it use this extension.
            "name" => {
                body.insert("x-codegen-request-body-name".to_owned(), value);
            }
            "schema" | "in" => {
                parameter.insert(key, value);
            }
            _ if key.starts_with("x-") => {
                body.insert(key, value);
            }
            _ => {}
        }
    }
    let schema = parameter.shift_remove("schema");
    let mut content = Map::new();
    for media_type in content_media_types(consumes, schema.as_ref()) {
        let mut media = Map::new();
        if let Some(schema) = &schema {
            conversion.record(
                pointer_join(at.now, &["content", &media_type, "schema"]),
                pointer_join(at.written, &["schema"]),
            );
            media.insert("schema".to_owned(), schema.clone());
        }
        content.insert(media_type, Value::Object(media));
    }
    body.insert("content".to_owned(), Value::Object(content));
    Value::Object(body)
}

/// The request body the `formData` parameters of an operation stand for: one object with a property per field.
pub(super) fn from_form_fields(
    fields: Vec<FormField>,
    now: &str,
    consumes: &[String],
    conversion: &mut Conversion,
) -> Value {
    let is_file =
        |field: &FormField| field.field.get("type").and_then(Value::as_str) == Some("file");
    let media_type = if consumes.iter().any(|m| m == MULTIPART) || fields.iter().any(is_file) {
        MULTIPART
    } else {
        URL_ENCODED
    };
    let schema_pointer = pointer_join(now, &["content", media_type, "schema"]);
    if let Some(first) = fields.first() {
        // What is not a property of the form (its `required` list, its schema as a whole) is best shown at the
        // first field.
        conversion.record(now, first.written.clone());
        conversion.record(schema_pointer.clone(), first.written.clone());
    }
    let mut properties = Map::new();
    let mut required = Vec::new();
    for FormField { mut field, written } in fields {
        let Some(name) = field.get("name").and_then(Value::as_str).map(str::to_owned) else {
            conversion.warn(
                written,
                "a `formData` parameter without a `name` is not generated",
            );
            continue;
        };
        let property_pointer = pointer_join(&schema_pointer, &["properties", &name]);
        conversion.record(property_pointer, written.clone());
        let is_required = field.get("required").and_then(Value::as_bool) == Some(true);
        let mut schema = take_value_schema(&mut field, &written, conversion);
        let is_array = schema.get("type").and_then(Value::as_str) == Some("array");
        let format = field
            .get("collectionFormat")
            .and_then(Value::as_str)
            .unwrap_or("csv");
        if is_array && format != "multi" {
            conversion.warn(
                pointer_join(&written, &["collectionFormat"]),
                format!(
                    "form arrays are sent as one field per item (`collectionFormat: multi`); \
                     `collectionFormat: {format}` is not generated"
                ),
            );
        }
        for (key, value) in field {
            if key == "description" || key.starts_with("x-") {
                schema.insert(key, value);
            }
        }
        if is_required {
            required.push(Value::String(name.clone()));
        }
        properties.insert(name, Value::Object(schema));
    }
    let mut schema = Map::new();
    schema.insert("type".to_owned(), Value::String("object".to_owned()));
    schema.insert("properties".to_owned(), Value::Object(properties));
    let any_required = !required.is_empty();
    if any_required {
        schema.insert("required".to_owned(), Value::Array(required));
    }
    let mut media = Map::new();
    media.insert("schema".to_owned(), Value::Object(schema));
    let mut content = Map::new();
    content.insert(media_type.to_owned(), Value::Object(media));
    let mut body = Map::new();
    body.insert("content".to_owned(), Value::Object(content));
    if any_required {
        body.insert("required".to_owned(), Value::Bool(true));
    }
    Value::Object(body)
}
