//! Where the schemas of an OpenAPI 3.1 or 3.2 document are: the fixed places of the document that hold a schema
//! (component schemas, parameters, headers, media types, in paths, webhooks, callbacks and components), and the
//! JSON Schema keywords that hold subschemas. Normalization rewrites each schema it finds here.

use serde_json::Value;

use crate::diagnostics::pointer_join;

/// The methods a path item may hold operations under (3.2 adds `query`).
pub(super) const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace", "query",
];

/// Keywords whose value is one schema.
const SINGLE: &[&str] = &[
    "items",
    "additionalProperties",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
    "unevaluatedProperties",
    "unevaluatedItems",
    "contentSchema",
];
/// Keywords that OpenAPI 3.0 already allows to be `true` or `false`, or that lowering does not read as a schema.
const BOOLEAN_IN_3_0: &[&str] = &[
    "additionalProperties",
    "unevaluatedProperties",
    "unevaluatedItems",
];
/// Keywords whose value is a list of schemas.
const LISTS: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems", "x-prefix-items"];
/// Keywords whose value maps names to schemas.
const MAPS: &[&str] = &[
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "dependentSchemas",
];

/// Calls `rewrite` on every schema of the document with its pointer, parents before children; the children are
/// found after their parent is rewritten, so a rewrite that moves a subschema sees it again in its new place. The
/// walk keeps its own stack of pointers: no document, however deep, can overflow the call stack.
pub(super) fn rewrite_schemas(document: &mut Value, mut rewrite: impl FnMut(&mut Value, &str)) {
    let mut pending = document_schema_sites(document);
    pending.reverse();
    while let Some(pointer) = pending.pop() {
        let Some(schema) = document.pointer_mut(&pointer[1..]) else {
            continue;
        };
        rewrite(schema, &pointer);
        let first_child = pending.len();
        push_subschemas(schema, &pointer, &mut pending);
        pending[first_child..].reverse();
    }
}

fn push_subschemas(schema: &Value, pointer: &str, pending: &mut Vec<String>) {
    let Some(object) = schema.as_object() else {
        return;
    };
    for (key, value) in object {
        let key = key.as_str();
        if SINGLE.contains(&key) {
            match value {
                Value::Object(_) => pending.push(pointer_join(pointer, &[key])),
                // `additionalProperties: false` means the same in 3.0; the other keywords need a schema there.
                Value::Bool(_) if !BOOLEAN_IN_3_0.contains(&key) => {
                    pending.push(pointer_join(pointer, &[key]))
                }
                // `items` as a list is the draft-04 tuple form some documents still write.
                Value::Array(items) if key == "items" => {
                    for index in 0..items.len() {
                        pending.push(format!("{pointer}/items/{index}"));
                    }
                }
                _ => {}
            }
        } else if LISTS.contains(&key) {
            if let Value::Array(items) = value {
                for index in 0..items.len() {
                    pending.push(format!("{}/{index}", pointer_join(pointer, &[key])));
                }
            }
        } else if MAPS.contains(&key) {
            if let Value::Object(members) = value {
                for name in members.keys() {
                    pending.push(pointer_join(pointer, &[key, name]));
                }
            }
        }
    }
}

/// The pointers of the `itemSchema`s of media types (OpenAPI 3.2's schema of each value of a sequential body).
pub(super) fn item_schema_sites(document: &Value) -> Vec<String> {
    let mut sites = document_schema_sites(document);
    sites.retain(|pointer| pointer.ends_with("/itemSchema"));
    sites
}

/// The pointers of the schemas the document's own structure holds, in document order.
fn document_schema_sites(document: &Value) -> Vec<String> {
    let mut sites = Vec::new();
    let mut path_items: Vec<String> = Vec::new();
    for container in ["paths", "webhooks"] {
        for name in keys(document.get(container)) {
            path_items.push(pointer_join("#", &[container, name]));
        }
    }
    let components = document.get("components");
    for name in keys(components.and_then(|c| c.get("schemas"))) {
        sites.push(pointer_join("#/components/schemas", &[name]));
    }
    for kind in ["parameters", "headers"] {
        for name in keys(components.and_then(|c| c.get(kind))) {
            parameter_sites(
                document,
                &pointer_join("#/components", &[kind, name]),
                &mut sites,
            );
        }
    }
    for name in keys(components.and_then(|c| c.get("requestBodies"))) {
        content_sites(
            document,
            &pointer_join("#/components/requestBodies", &[name]),
            &mut sites,
        );
    }
    for name in keys(components.and_then(|c| c.get("responses"))) {
        response_sites(
            document,
            &pointer_join("#/components/responses", &[name]),
            &mut sites,
        );
    }
    for kind in ["pathItems", "callbacks"] {
        for name in keys(components.and_then(|c| c.get(kind))) {
            let pointer = pointer_join("#/components", &[kind, name]);
            if kind == "callbacks" {
                for expression in keys(at(document, &pointer)) {
                    path_items.push(pointer_join(&pointer, &[expression]));
                }
            } else {
                path_items.push(pointer);
            }
        }
    }
    // Callbacks hold path items that hold operations that hold callbacks: a worklist, not recursion.
    let mut next = 0;
    while let Some(item) = path_items.get(next).cloned() {
        next += 1;
        for parameter in 0..length(at(document, &item).and_then(|i| i.get("parameters"))) {
            parameter_sites(
                document,
                &format!("{item}/parameters/{parameter}"),
                &mut sites,
            );
        }
        let mut operations: Vec<String> = METHODS
            .iter()
            .filter(|method| at(document, &item).and_then(|i| i.get(**method)).is_some())
            .map(|method| pointer_join(&item, &[method]))
            .collect();
        let additional = at(document, &item).and_then(|i| i.get("additionalOperations"));
        for method in keys(additional) {
            operations.push(pointer_join(&item, &["additionalOperations", method]));
        }
        for operation in operations {
            let node = at(document, &operation);
            for parameter in 0..length(node.and_then(|o| o.get("parameters"))) {
                parameter_sites(
                    document,
                    &format!("{operation}/parameters/{parameter}"),
                    &mut sites,
                );
            }
            content_sites(document, &format!("{operation}/requestBody"), &mut sites);
            for status in keys(node.and_then(|o| o.get("responses"))) {
                response_sites(
                    document,
                    &pointer_join(&operation, &["responses", status]),
                    &mut sites,
                );
            }
            for name in keys(node.and_then(|o| o.get("callbacks"))) {
                let callback = pointer_join(&operation, &["callbacks", name]);
                for expression in keys(at(document, &callback)) {
                    path_items.push(pointer_join(&callback, &[expression]));
                }
            }
        }
    }
    sites
}

fn parameter_sites(document: &Value, pointer: &str, sites: &mut Vec<String>) {
    if at(document, pointer)
        .and_then(|p| p.get("schema"))
        .is_some()
    {
        sites.push(format!("{pointer}/schema"));
    }
    content_sites(document, pointer, sites);
}

fn response_sites(document: &Value, pointer: &str, sites: &mut Vec<String>) {
    for header in keys(at(document, pointer).and_then(|r| r.get("headers"))) {
        parameter_sites(
            document,
            &pointer_join(pointer, &["headers", header]),
            sites,
        );
    }
    content_sites(document, pointer, sites);
}

/// The schemas of a `content` map: each media type's `schema` and (3.2) `itemSchema`, and its encodings' headers.
fn content_sites(document: &Value, pointer: &str, sites: &mut Vec<String>) {
    let content = at(document, pointer).and_then(|p| p.get("content"));
    for media_type in keys(content) {
        let media_pointer = pointer_join(pointer, &["content", media_type]);
        let media = content.and_then(|c| c.get(media_type));
        for key in ["schema", "itemSchema"] {
            if media.and_then(|m| m.get(key)).is_some() {
                sites.push(pointer_join(&media_pointer, &[key]));
            }
        }
        let encoding = media.and_then(|m| m.get("encoding"));
        for property in keys(encoding) {
            let encoding_pointer = pointer_join(&media_pointer, &["encoding", property]);
            let headers = encoding
                .and_then(|e| e.get(property))
                .and_then(|e| e.get("headers"));
            for header in keys(headers) {
                parameter_sites(
                    document,
                    &pointer_join(&encoding_pointer, &["headers", header]),
                    sites,
                );
            }
        }
    }
}

fn at<'v>(document: &'v Value, pointer: &str) -> Option<&'v Value> {
    document.pointer(pointer.strip_prefix('#').unwrap_or(pointer))
}

fn keys(value: Option<&Value>) -> impl Iterator<Item = &str> {
    value
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|object| object.keys().map(String::as_str))
}

fn length(value: Option<&Value>) -> usize {
    value.and_then(Value::as_array).map_or(0, Vec::len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_schemas_in_document_order_parents_first() {
        let mut document = serde_json::json!({
            "paths": {"/a": {"get": {
                "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}}],
                "responses": {"200": {"content": {"application/json": {"schema": {
                    "type": "object", "properties": {"x": {"anyOf": [{"type": "null"}]}}}}}}}}}},
            "components": {"schemas": {"A": {"items": {"$defs": {"B": true}}}}}
        });
        let mut seen = Vec::new();
        rewrite_schemas(&mut document, |_, pointer| seen.push(pointer.to_owned()));
        assert_eq!(
            seen,
            [
                "#/components/schemas/A",
                "#/components/schemas/A/items",
                "#/components/schemas/A/items/$defs/B",
                "#/paths/~1a/get/parameters/0/schema",
                "#/paths/~1a/get/responses/200/content/application~1json/schema",
                "#/paths/~1a/get/responses/200/content/application~1json/schema/properties/x",
                "#/paths/~1a/get/responses/200/content/application~1json/schema/properties/x/anyOf/0",
            ]
        );
    }
}
