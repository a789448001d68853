//! An OpenAPI 3.1 or 3.2 document brought into the 3.0 form: the document-level differences here (optional
//! `paths`, `info.summary`, `license.identifier`, `jsonSchemaDialect`, mutual-TLS security schemes, 3.2's
//! `querystring` parameters), every schema by `json_schema.rs`. What lowering reads beyond the 3.0 model
//! (`webhooks`, `query` and `additionalOperations`, `itemSchema`, tuples) stays in the value it reads.

use serde_json::{Map, Value};

use super::json_schema::SchemaRewrite;
use super::{sites, Origin};
use crate::diagnostics::{pointer_join, Diagnostic};

/// The dialects whose schemas are the ones `json_schema.rs` reads: OpenAPI's own and plain 2020-12.
const KNOWN_DIALECTS: &[&str] = &[
    "https://spec.openapis.org/oas/3.1/dialect/base",
    "https://spec.openapis.org/oas/3.1/dialect/2024-11-10",
    "https://spec.openapis.org/oas/3.2/dialect/2025-09-17",
    "https://json-schema.org/draft/2020-12/schema",
];

pub(super) fn normalize(document: &mut Value, origin: &mut Origin, warnings: &mut Vec<Diagnostic>) {
    let Some(root) = document.as_object_mut() else {
        return;
    };
    root.insert("openapi".to_owned(), Value::String("3.0.3".to_owned()));
    root.entry("paths")
        .or_insert_with(|| Value::Object(Map::new()));
    if let Some(dialect) = root.get("jsonSchemaDialect").and_then(Value::as_str) {
        if !KNOWN_DIALECTS.contains(&dialect) {
            warnings.push(Diagnostic::warning(
                "#/jsonSchemaDialect",
                format!("schemas are read as JSON Schema 2020-12 with OpenAPI's vocabulary, not as `{dialect}`"),
            ));
        }
    }
    keep_as_extension(root, "info", "summary", origin);
    if let Some(Value::Object(info)) = root.get_mut("info") {
        keep_as_extension(info, "license", "identifier", origin);
    }
    drop_mutual_tls(document, warnings);
    drop_querystring_parameters(document, origin, warnings);
    let mut rewrite = SchemaRewrite { origin, warnings };
    sites::rewrite_schemas(document, |schema, pointer| rewrite.rewrite(schema, pointer));
    // Item schemas first: their sites are found under the operations' 3.2 names.
    keep_item_schemas(document, origin);
    keep_extra_operations(document, origin);
}

/// 3.2's `itemSchema` of a media type moves to the extension `x-item-schema`, where the 3.0 model keeps it for
/// lowering (which makes a typed stream of it). Like `keep_extra_operations`, this runs after the schema rewrite.
fn keep_item_schemas(document: &mut Value, origin: &mut Origin) {
    for pointer in sites::item_schema_sites(document) {
        let media_pointer = &pointer[..pointer.len() - "/itemSchema".len()];
        let Some(Value::Object(media)) = document.pointer_mut(&media_pointer[1..]) else {
            continue;
        };
        if let Some(schema) = media.remove("itemSchema") {
            origin.record(format!("{media_pointer}/x-item-schema"), pointer.clone());
            media.insert("x-item-schema".to_owned(), schema);
        }
    }
}

/// 3.2's `query` operation and `additionalOperations` (other methods) have no field in the 3.0 path item; they move
/// to the extensions `x-query` and `x-additional-operations`, which lowering reads beside the 3.0 methods. This runs
/// after the schema rewrite, which finds their schemas under their own names.
fn keep_extra_operations(document: &mut Value, origin: &mut Origin) {
    let mut item_pointers = Vec::new();
    for container in ["#/paths", "#/components/pathItems"] {
        if let Some(Value::Object(items)) = document.pointer(&container[1..]) {
            item_pointers.extend(items.keys().map(|name| pointer_join(container, &[name])));
        }
    }
    for item_pointer in item_pointers {
        let Some(Value::Object(item)) = document.pointer_mut(&item_pointer[1..]) else {
            continue;
        };
        for (key, extension) in [
            ("query", "x-query"),
            ("additionalOperations", "x-additional-operations"),
        ] {
            if let Some(operation) = item.remove(key) {
                origin.record(
                    pointer_join(&item_pointer, &[extension]),
                    pointer_join(&item_pointer, &[key]),
                );
                item.insert(extension.to_owned(), operation);
            }
        }
    }
}

/// Moves `object[member][key]` to `object[member]["x-" + key]`, where the 3.0 model keeps extensions.
fn keep_as_extension(
    object: &mut Map<String, Value>,
    member: &str,
    key: &str,
    origin: &mut Origin,
) {
    let Some(Value::Object(inner)) = object.get_mut(member) else {
        return;
    };
    if let Some(value) = inner.remove(key) {
        let extension = format!("x-{key}");
        let base = if member == "license" {
            "#/info/license"
        } else {
            "#/info"
        };
        origin.record(
            pointer_join(base, &[&extension]),
            pointer_join(base, &[key]),
        );
        inner.insert(extension, value);
    }
}

/// 3.1's `mutualTLS` scheme has no 3.0 counterpart and nothing to generate: the client certificate is configured
/// on the HTTP client. The scheme is dropped from the components and from every security requirement.
fn drop_mutual_tls(document: &mut Value, warnings: &mut Vec<Diagnostic>) {
    let Some(Value::Object(schemes)) = document.pointer_mut("/components/securitySchemes") else {
        return;
    };
    let mutual: Vec<String> = schemes
        .iter()
        .filter(|(_, scheme)| scheme.get("type").and_then(Value::as_str) == Some("mutualTLS"))
        .map(|(name, _)| name.clone())
        .collect();
    for name in &mutual {
        schemes.remove(name);
        warnings.push(Diagnostic::warning(
            pointer_join("#/components/securitySchemes", &[name]),
            "mutual TLS is not generated: give the client certificate to the HTTP client \
             (`reqwest::Identity`) and pass it with `Client::with_http_client`",
        ));
    }
    if mutual.is_empty() {
        return;
    }
    let drop_from = |requirements: &mut Value| {
        if let Value::Array(requirements) = requirements {
            for requirement in requirements.iter_mut() {
                if let Value::Object(requirement) = requirement {
                    requirement.retain(|name, _| !mutual.contains(name));
                }
            }
        }
    };
    if let Some(security) = document.get_mut("security") {
        drop_from(security);
    }
    for_each_operation(document, |operation| {
        if let Some(security) = operation.get_mut("security") {
            drop_from(security);
        }
    });
}

/// 3.2's `in: querystring` parameter describes the whole query string as one schema, which 3.0 cannot say; the
/// parameter is dropped with a warning so that the rest of the operation is still generated.
fn drop_querystring_parameters(
    document: &mut Value,
    origin: &mut Origin,
    warnings: &mut Vec<Diagnostic>,
) {
    let Some(Value::Object(paths)) = document.get_mut("paths") else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let Value::Object(item) = item else { continue };
        for (key, node) in item.iter_mut() {
            let (list, pointer) = if key == "parameters" {
                (Some(node), pointer_join("#/paths", &[path, "parameters"]))
            } else if sites::METHODS.contains(&key.as_str()) {
                (
                    node.get_mut("parameters"),
                    pointer_join("#/paths", &[path, key, "parameters"]),
                )
            } else {
                continue;
            };
            let Some(Value::Array(parameters)) = list else {
                continue;
            };
            let is_querystring =
                |p: &Value| p.get("in").and_then(Value::as_str) == Some("querystring");
            if !parameters.iter().any(is_querystring) {
                continue;
            }
            let mut kept = Vec::new();
            for (index, parameter) in std::mem::take(parameters).into_iter().enumerate() {
                if is_querystring(&parameter) {
                    warnings.push(Diagnostic::warning(
                        format!("{pointer}/{index}"),
                        "an `in: querystring` parameter (OpenAPI 3.2) is not generated: the operation is, without it",
                    ));
                } else {
                    origin.record(
                        format!("{pointer}/{}", kept.len()),
                        format!("{pointer}/{index}"),
                    );
                    kept.push(parameter);
                }
            }
            *parameters = kept;
        }
    }
}

/// Calls `visit` on every operation object under `paths`, including 3.2's `additionalOperations`.
fn for_each_operation(document: &mut Value, mut visit: impl FnMut(&mut Value)) {
    let Some(Value::Object(paths)) = document.get_mut("paths") else {
        return;
    };
    for item in paths.values_mut() {
        let Value::Object(item) = item else { continue };
        for (key, node) in item.iter_mut() {
            if sites::METHODS.contains(&key.as_str()) {
                visit(node);
            } else if key == "additionalOperations" {
                if let Value::Object(operations) = node {
                    operations.values_mut().for_each(&mut visit);
                }
            }
        }
    }
}
