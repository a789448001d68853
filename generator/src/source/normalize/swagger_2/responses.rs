//! Responses: the `schema` of a Swagger response is the schema of its content under each media type the
//! operation produces, its `examples` (keyed by media type) the examples of that content, and its `headers` (with
//! the value's keywords on the header itself) 3.0 headers with a `schema`.

use serde_json::{Map, Value};

use super::parameters::{take_value_schema, Placement};
use super::{content_media_types, Conversion};
use crate::diagnostics::pointer_join;

/// The `responses` of an operation written at `pointer`, with content under each media type of `produces`.
pub(super) fn responses(
    responses: Value,
    pointer: &str,
    produces: &[String],
    conversion: &mut Conversion,
) -> Value {
    let Value::Object(responses) = responses else {
        return responses;
    };
    let converted = responses
        .into_iter()
        .map(|(status, response)| {
            if status.starts_with("x-") {
                return (status, response);
            }
            let pointer = pointer_join(pointer, &[&status]);
            let at = Placement {
                now: &pointer,
                written: &pointer,
            };
            (status, response_object(response, &at, produces, conversion))
        })
        .collect();
    Value::Object(converted)
}

/// One response (or a reference to one) in the 3.0 form.
pub(super) fn response_object(
    response: Value,
    at: &Placement,
    produces: &[String],
    conversion: &mut Conversion,
) -> Value {
    conversion.record(at.now, at.written);
    let Value::Object(mut response) = response else {
        return response;
    };
    if response.contains_key("$ref") {
        return Value::Object(response);
    }
    let schema = response.shift_remove("schema");
    let examples = response.shift_remove("examples");
    if let Some(Value::Object(headers)) = response.get_mut("headers") {
        for (name, header) in headers.iter_mut() {
            let header_at = Placement {
                now: &pointer_join(at.now, &["headers", name]),
                written: &pointer_join(at.written, &["headers", name]),
            };
            convert_header(header, &header_at, conversion);
        }
    }
    let Some(schema) = schema else {
        return Value::Object(response);
    };
    let mut content = Map::new();
    for media_type in content_media_types(produces, Some(&schema)) {
        let media_pointer = pointer_join(at.now, &["content", &media_type]);
        conversion.record(
            pointer_join(&media_pointer, &["schema"]),
            pointer_join(at.written, &["schema"]),
        );
        let mut media = Map::new();
        media.insert("schema".to_owned(), schema.clone());
        if let Some(example) = examples.as_ref().and_then(|e| e.get(&media_type)) {
            conversion.record(
                pointer_join(&media_pointer, &["example"]),
                pointer_join(at.written, &["examples", &media_type]),
            );
            media.insert("example".to_owned(), example.clone());
        }
        content.insert(media_type, Value::Object(media));
    }
    response.insert("content".to_owned(), Value::Object(content));
    Value::Object(response)
}

/// A Swagger header (the value's keywords on the header) as a 3.0 header with a `schema`.
fn convert_header(header: &mut Value, at: &Placement, conversion: &mut Conversion) {
    conversion.record(at.now, at.written);
    let Value::Object(object) = header else {
        return;
    };
    if object.contains_key("$ref") {
        return;
    }
    let schema = take_value_schema(object, at.written, conversion);
    if let Some(format) = object.shift_remove("collectionFormat") {
        let is_array = schema.get("type").and_then(Value::as_str) == Some("array");
        let format = format.as_str().unwrap_or("");
        if is_array && format != "csv" {
            conversion.warn(
                pointer_join(at.written, &["collectionFormat"]),
                format!("a header array is read comma-separated; `collectionFormat: {format}` is not generated"),
            );
        }
    }
    conversion.record(pointer_join(at.now, &["schema"]), at.written);
    object.insert("schema".to_owned(), Value::Object(schema));
}
