//! Operations: each method of each path becomes an `Operation`, with its names, parameters, body, responses,
//! security and pagination decided by the files beside this one.

use std::borrow::Cow;
use std::collections::HashMap;

use openapiv3::ReferenceOr;

use super::responses::LoweredResponses;
use super::Lowerer;
use crate::diagnostics::pointer_join;
use crate::ir::{HttpMethod, Operation};
use crate::naming::{camel_name, snake_name, unraw, Namespace};

/// One operation of the document with the names already chosen for it: what every part of its lowering reads.
pub(super) struct OperationSite<'a> {
    pub path: &'a str,
    pub item: &'a openapiv3::PathItem,
    pub operation: &'a openapiv3::Operation,
    pub method: HttpMethod,
    pub rust_name: String,
    pub builder_name: String,
    /// `#/paths/<path>/<method>`.
    pub pointer: String,
}

impl<'a> Lowerer<'a> {
    /// Lowers every operation in document order. Method, builder and tag-module names are claimed here, so each
    /// namespace sees the operations in the same order on every run.
    pub(super) fn lower_operations(&mut self) {
        let document = self.document;
        let mut method_names = Namespace::with_reserved(&["new", "with_config", "base_url"]);
        let mut builder_names = Namespace::with_reserved(&["Client"]);
        // Tag modules sit beside the client's and the types' own names.
        let mut group_names =
            Namespace::with_reserved(&["types", "runtime", "client", "shared", "default"]);
        let mut groups: HashMap<String, String> = HashMap::new();
        for (path, item) in &document.paths.paths {
            let path_pointer = pointer_join("#/paths", &[path]);
            // A path item may be a reference to one defined elsewhere (PeerTube's are).
            let Some(item) = self.resolve_path_item(item, &path_pointer) else {
                continue;
            };
            for (method_name, operation) in item.iter() {
                let item = item.as_ref();
                let method = match method_name {
                    "get" => HttpMethod::Get,
                    "put" => HttpMethod::Put,
                    "post" => HttpMethod::Post,
                    "delete" => HttpMethod::Delete,
                    "options" => HttpMethod::Options,
                    "head" => HttpMethod::Head,
                    "patch" => HttpMethod::Patch,
                    _ => HttpMethod::Trace,
                };
                let raw_name = match &operation.operation_id {
                    Some(id) => id.clone(),
                    None => format!("{method_name} {path}"),
                };
                let rust_name = method_names.claim(&snake_name(&raw_name));
                let site = OperationSite {
                    path,
                    item,
                    operation,
                    method,
                    builder_name: builder_names.claim(&camel_name(unraw(&rust_name))),
                    rust_name,
                    pointer: pointer_join(&path_pointer, &[method_name]),
                };
                if let Some(mut lowered) = self.lower_operation(site) {
                    lowered.group = operation.tags.first().map(|tag| {
                        groups
                            .entry(tag.clone())
                            .or_insert_with(|| group_names.claim(&snake_name(tag)))
                            .clone()
                    });
                    // The per-status enums live beside the builders, so they share the builders' namespace.
                    let base = lowered.builder_name.clone();
                    if let Some(by_status) = &mut lowered.success_by_status {
                        by_status.rust_name = builder_names.claim(&format!("{base}Response"));
                    }
                    if let Some(by_status) = &mut lowered.error_by_status {
                        by_status.rust_name = builder_names.claim(&format!("{base}Error"));
                    }
                    self.operations.push(lowered);
                }
            }
        }
    }

    /// Lowers one operation; `None` when its path template cannot be read (the error is recorded).
    fn lower_operation(&mut self, site: OperationSite<'_>) -> Option<Operation> {
        let operation = site.operation;
        let pointer = site.pointer.as_str();
        // The builder's methods and the operation's parameters share one namespace.
        let mut parameter_names = Namespace::with_reserved(&[
            "client",
            "body",
            "send",
            "request",
            "timeout",
            "stream",
            "body_media",
            "build_request",
        ]);
        let mut parameters = self.lower_parameters(&site, &mut parameter_names);
        let segments =
            self.parse_path(site.path, &mut parameters, &mut parameter_names, pointer)?;
        let body = match &operation.request_body {
            Some(body) => self.lower_request_body(
                body,
                &site.builder_name,
                &mut parameter_names,
                &pointer_join(pointer, &["requestBody"]),
            ),
            None => None,
        };
        let LoweredResponses {
            success,
            success_by_status,
            error_body,
            error_by_status,
        } = self.lower_responses(
            &operation.responses,
            &site.builder_name,
            &pointer_join(pointer, &["responses"]),
        );
        let security = self.operation_security(operation, pointer);

        // A paginated walk needs one page type; operations whose success body depends on the status have none.
        let pagination = match success_by_status {
            None => self.detect_pagination(operation, &parameters, &success, pointer),
            Some(_) => None,
        };
        Some(Operation {
            pagination,
            rust_name: site.rust_name,
            builder_name: site.builder_name,
            operation_id: operation.operation_id.clone(),
            method: site.method,
            path: segments,
            path_template: site.path.to_owned(),
            pointer: site.pointer,
            summary: operation.summary.clone(),
            description: operation.description.clone(),
            deprecated: operation.deprecated,
            parameters,
            body,
            success,
            success_by_status,
            error_body,
            error_by_status,
            permissions: permissions(&operation.extensions),
            group: None,
            security,
        })
    }
}

impl<'a> Lowerer<'a> {
    /// A path item, or the one its `$ref` points to (anywhere in the document); `None` with an error when the
    /// reference cannot be followed.
    fn resolve_path_item(
        &mut self,
        item: &'a ReferenceOr<openapiv3::PathItem>,
        pointer: &str,
    ) -> Option<Cow<'a, openapiv3::PathItem>> {
        match item {
            ReferenceOr::Item(item) => Some(Cow::Borrowed(item)),
            ReferenceOr::Reference { .. } => self.resolve(item, "pathItems", pointer),
        }
    }
}

/// The permission names of an operation's `x-permission` extension (`[{action: ...}]`).
fn permissions(extensions: &indexmap::IndexMap<String, serde_json::Value>) -> Vec<String> {
    extensions
        .get("x-permission")
        .and_then(|value| value.as_array())
        .map(|entries| {
            entries
                .iter()
                .filter_map(|entry| {
                    entry
                        .get("action")
                        .and_then(|action| action.as_str())
                        .map(str::to_owned)
                })
                .collect()
        })
        .unwrap_or_default()
}
