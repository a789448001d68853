//! Responses that are a sequence of values (`text/event-stream`, JSON Lines, JSON text sequences) become a typed
//! stream. The value's schema is OpenAPI 3.2's `itemSchema` (kept as `x-item-schema` by normalization) or, by the
//! convention documents used before 3.2, the media type's `schema`. For server-sent events an item schema that
//! describes the event (`{event, id, data}`) is looked through to its `data`, decoded by the `contentSchema` the
//! data declares, else as a string; one without a `data` property describes the data itself.

use openapiv3::{MediaType, ReferenceOr, Schema};
use serde_json::Value;

use super::Lowerer;
use crate::diagnostics::pointer_join;
use crate::ir::{Primitive, Response, StreamFraming, TypeRef};

/// The framing of a sequential media type, if it is one.
pub(super) fn framing_of(media: &str) -> Option<StreamFraming> {
    let essence = media
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "text/event-stream" => Some(StreamFraming::ServerSentEvents),
        "application/jsonl"
        | "application/x-ndjson"
        | "application/x-jsonlines"
        | "application/jsonlines" => Some(StreamFraming::JsonLines),
        "application/json-seq" => Some(StreamFraming::JsonSeq),
        _ => None,
    }
}

impl Lowerer<'_> {
    /// A typed stream for a sequential media type that describes its values; `None` when it describes none (the
    /// body is then read as text or bytes, as before).
    pub(super) fn streamed_response(
        &mut self,
        media: &str,
        content: &MediaType,
        name_hint: &str,
        media_pointer: &str,
    ) -> Option<Response> {
        let framing = framing_of(media)?;
        let (schema, schema_pointer) = match content.extensions.get("x-item-schema") {
            Some(item) => (
                item.clone(),
                pointer_join(media_pointer, &["x-item-schema"]),
            ),
            None => match &content.schema {
                // Before 3.2 a plain string schema says only that the body is text.
                Some(schema) if !is_plain_string(schema) => (
                    serde_json::to_value(schema).ok()?,
                    pointer_join(media_pointer, &["schema"]),
                ),
                _ => return None,
            },
        };
        let (value_schema, value_pointer) = match framing {
            StreamFraming::ServerSentEvents => event_data(&schema, &schema_pointer),
            _ => (schema, schema_pointer),
        };
        let item = match serde_json::from_value::<ReferenceOr<Schema>>(value_schema) {
            Ok(schema) => self.lower_schema(&schema, &format!("{name_hint}Item"), &value_pointer),
            Err(error) => {
                self.warn(&value_pointer, format!("this item schema is not a schema ({error}); each value is typed as a JSON value"));
                TypeRef::Primitive(Primitive::Json)
            }
        };
        Some(Response::Stream { item, framing })
    }
}

/// The schema of an event's data: the `contentSchema` of its `data` property, or the `data` property itself (a
/// string), or, when the schema has no `data` property, the whole schema (it describes the data).
fn event_data(schema: &Value, pointer: &str) -> (Value, String) {
    let data = schema
        .get("properties")
        .and_then(|properties| properties.get("data"));
    match data {
        Some(data) => match data.get("contentSchema") {
            Some(content) => (
                content.clone(),
                pointer_join(pointer, &["properties", "data", "contentSchema"]),
            ),
            None => (data.clone(), pointer_join(pointer, &["properties", "data"])),
        },
        None => (schema.clone(), pointer.to_owned()),
    }
}

fn is_plain_string(schema: &ReferenceOr<Schema>) -> bool {
    matches!(
        schema,
        ReferenceOr::Item(Schema {
            schema_kind: openapiv3::SchemaKind::Type(openapiv3::Type::String(_)),
            ..
        })
    )
}
