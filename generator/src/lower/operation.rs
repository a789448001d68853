//! Operations: each method of each path becomes an `Operation`, with its names, parameters, body, responses,
//! security and pagination decided by the files beside this one.

use foldhash::{HashMap, HashMapExt};
use std::borrow::Cow;

use openapiv3::ReferenceOr;

use super::refs::Target;
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
    /// The operation's name in `UpperCamelCase` (`ClearDagRun`), which the names of its inline types and status
    /// enums start with.
    pub stem: String,
    /// The request builder's name: the stem and `Builder` (see `lower_operations`).
    pub builder_name: String,
    /// `#/paths/<path>/<method>`.
    pub pointer: String,
}

impl<'a> Lowerer<'a> {
    /// Lowers every operation in document order. Method, builder and tag-module names are claimed here, so each
    /// namespace sees the operations in the same order on every run.
    ///
    /// A request builder is always named the operation and `Builder` (`clear_dag_run` → `ClearDagRunBuilder`),
    /// never the bare operation name: that name reads as a type of the document, and documents name their bodies
    /// and responses after the operation (Airflow's `ClearDagRunResponse`, Astro's `CreateEnvironmentObject`,
    /// which is the response of `create_environment_object`). `Request` would not do either: Astro names its
    /// bodies `CreateDeploymentRequest`. A suffix only where a type would clash would rename a builder when a
    /// later release adds a schema, and would leave the reader to guess which kind of name they look at; this
    /// way the builder's name follows from the method's, and its error and response enums
    /// (`ClearDagRunError`) from the same stem.
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
            let extra = self.extra_operations(&item, &path_pointer);
            let standard = item.iter().map(|(key, operation)| {
                let method = match key {
                    "get" => HttpMethod::Get,
                    "put" => HttpMethod::Put,
                    "post" => HttpMethod::Post,
                    "delete" => HttpMethod::Delete,
                    "options" => HttpMethod::Options,
                    "head" => HttpMethod::Head,
                    "patch" => HttpMethod::Patch,
                    _ => HttpMethod::Trace,
                };
                (key.to_owned(), method, Cow::Borrowed(operation))
            });
            let all: Vec<_> = standard.chain(extra).collect();
            for (method_key, method, operation) in &all {
                let (method_key, method, operation) =
                    (method_key.as_str(), method.clone(), operation.as_ref());
                let item = &*item;
                let method_name = method.as_str().to_lowercase();
                let raw_name = match &operation.operation_id {
                    Some(id) => id.clone(),
                    None => format!("{method_name} {path}"),
                };
                let rust_name = method_names.claim(&snake_name(&raw_name));
                let stem = builder_names.claim(&camel_name(unraw(&rust_name)));
                let site = OperationSite {
                    path,
                    item,
                    operation,
                    method,
                    builder_name: builder_names.claim(&format!("{stem}Builder")),
                    stem: stem.clone(),
                    rust_name,
                    pointer: format!("{path_pointer}/{method_key}"),
                };
                if let Some(mut lowered) = self.lower_operation(site) {
                    lowered.group = operation.tags.first().map(|tag| {
                        groups
                            .entry(tag.clone())
                            .or_insert_with(|| group_names.claim(&snake_name(tag)))
                            .clone()
                    });
                    // The per-status enums live beside the builders, so they share the builders' namespace.
                    if let Some(by_status) = &mut lowered.success_by_status {
                        by_status.rust_name = builder_names.claim(&format!("{stem}Response"));
                    }
                    if let Some(by_status) = &mut lowered.error_by_status {
                        by_status.rust_name = builder_names.claim(&format!("{stem}Error"));
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
                &site.stem,
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
            &site.stem,
            &pointer_join(pointer, &["responses"]),
        );
        let security = self.operation_security(operation, pointer);

        // A paginated walk needs one page type (operations whose success body depends on the status have none),
        // and repeats the request: only a safe method may be repeated for reading (a bulk PATCH with `offset`
        // and `limit` is not a list).
        let pagination = match success_by_status {
            None if site.method.is_safe() => {
                self.detect_pagination(operation, &parameters, &success, pointer)
            }
            _ => None,
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
            since: None,
            security,
        })
    }
}

impl<'a> Lowerer<'a> {
    /// A path item, or the one its `$ref` points to (anywhere in the document); `None` with an error when the
    /// reference cannot be followed.
    /// The operations of a path item beyond the 3.0 methods, which normalization keeps as extensions: 3.2's
    /// `query` (`x-query`) and `additionalOperations` (`x-additional-operations`), each with the pointer key it
    /// sits under.
    fn extra_operations(
        &mut self,
        item: &openapiv3::PathItem,
        path_pointer: &str,
    ) -> Vec<(String, HttpMethod, Cow<'a, openapiv3::Operation>)> {
        let mut found = Vec::new();
        let mut read =
            |lowerer: &mut Self, key: String, method: HttpMethod, value: &serde_json::Value| {
                match serde_json::from_value::<openapiv3::Operation>(value.clone()) {
                    Ok(operation) => found.push((key, method, Cow::Owned(operation))),
                    Err(error) => lowerer.error(
                        &format!("{path_pointer}/{key}"),
                        format!("this is not an operation: {error}"),
                    ),
                }
            };
        if let Some(query) = item.extensions.get("x-query") {
            read(self, "x-query".to_owned(), HttpMethod::Query, query);
        }
        let additional = item
            .extensions
            .get("x-additional-operations")
            .and_then(serde_json::Value::as_object);
        for (name, operation) in additional.into_iter().flatten() {
            let key = format!(
                "x-additional-operations/{}",
                crate::diagnostics::escape_pointer_token(name)
            );
            let is_token = !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
            if !is_token {
                self.error(&format!("{path_pointer}/{key}"), format!("`{name}` is not an HTTP method name (letters, digits and `!#$%&'*+-.^_`|~` only)"));
                continue;
            }
            let upper = name.to_ascii_uppercase();
            let standard = [
                "GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE", "QUERY",
            ];
            if standard.contains(&upper.as_str()) {
                self.error(&format!("{path_pointer}/{key}"), format!("`{name}` is a method with a field of its own in the path item; `additionalOperations` is for other methods"));
                continue;
            }
            read(self, key, HttpMethod::Other(upper), operation);
        }
        found
    }

    fn resolve_path_item(
        &mut self,
        item: &'a ReferenceOr<openapiv3::PathItem>,
        pointer: &str,
    ) -> Option<Target<'a, openapiv3::PathItem>> {
        match item {
            ReferenceOr::Item(item) => Some(Target::Borrowed(item)),
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
