//! OpenAPI 3.1 `webhooks`: requests the API sends to a receiver its user runs. The 3.0 model has no place for
//! them, so they are read from the raw document; each webhook's JSON request body becomes a payload type, which
//! the `webhooks` module names so that a receiver can deserialize what it is sent.

use openapiv3::{ReferenceOr, Schema};
use serde_json::Value;

use super::Lowerer;
use crate::diagnostics::{pointer_join, reference_pointer};
use crate::ir::Webhook;
use crate::naming::{camel_name, Namespace};

/// The methods a webhook may be sent with, in the order they are listed.
const METHODS: &[&str] = &[
    "post", "put", "patch", "get", "delete", "options", "head", "trace",
];

impl Lowerer<'_> {
    pub(super) fn lower_webhooks(&mut self) {
        let raw = self.raw;
        let Some(webhooks) = raw.get("webhooks").and_then(Value::as_object) else {
            return;
        };
        let mut names = Namespace::for_types();
        for (name, item) in webhooks {
            let item_pointer = pointer_join("#/webhooks", &[name]);
            let item = follow_raw(raw, item);
            let methods: Vec<&str> = METHODS
                .iter()
                .copied()
                .filter(|m| item.get(*m).is_some())
                .collect();
            for method in &methods {
                let operation_pointer = pointer_join(&item_pointer, &[method]);
                let operation = &item[*method];
                let body = follow_raw(raw, operation.get("requestBody").unwrap_or(&Value::Null));
                let json = body
                    .get("content")
                    .and_then(Value::as_object)
                    .and_then(|content| {
                        content.iter().find(|(media, _)| {
                            media
                                .split(';')
                                .next()
                                .unwrap_or("")
                                .trim()
                                .ends_with("json")
                        })
                    });
                let Some((media, media_type)) = json else {
                    self.warn(&operation_pointer, format!("the webhook `{name}` has no JSON request body, so no payload type is generated for it"));
                    continue;
                };
                let schema_pointer = pointer_join(
                    &operation_pointer,
                    &["requestBody", "content", media, "schema"],
                );
                let schema = media_type
                    .get("schema")
                    .cloned()
                    .unwrap_or(Value::Bool(true));
                let base = if methods.len() > 1 {
                    format!("{}{}", camel_name(name), camel_name(method))
                } else {
                    camel_name(name)
                };
                let payload = match serde_json::from_value::<ReferenceOr<Schema>>(schema) {
                    Ok(schema) => {
                        self.lower_schema(&schema, &format!("{base}Payload"), &schema_pointer)
                    }
                    Err(error) => {
                        self.warn(&schema_pointer, format!("this webhook payload is not a schema ({error}); no payload type is generated"));
                        continue;
                    }
                };
                let doc = ["summary", "description"]
                    .iter()
                    .filter_map(|key| operation.get(*key).and_then(Value::as_str))
                    .find(|text| !text.trim().is_empty())
                    .map(str::to_owned);
                self.webhooks.push(Webhook {
                    wire_name: name.clone(),
                    rust_name: names.claim(&format!("{base}Webhook")),
                    method: method.to_uppercase(),
                    doc,
                    payload,
                });
            }
        }
    }
}

/// A raw value, or what its local `$ref` points to (a path item or request body in `components`), followed a bounded
/// number of hops; a reference that leads nowhere gives `null`, which holds no operation.
fn follow_raw<'v>(raw: &'v Value, mut value: &'v Value) -> &'v Value {
    for _ in 0..super::MAX_REF_HOPS {
        let Some(reference) = value.get("$ref").and_then(Value::as_str) else {
            return value;
        };
        match reference_pointer(reference).and_then(|pointer| raw.pointer(&pointer)) {
            Some(target) => value = target,
            None => return &Value::Null,
        }
    }
    &Value::Null
}
