//! Comparing the operations of two releases, matched by method and path with path parameter names normalised
//! (`paths.rs`): operations added and removed, and in each kept operation its Rust names, deprecation, parameters
//! (`parameters.rs`), request body (`bodies.rs`), responses (`responses.rs`), permissions and security.
//!
//! In Rust an operation is a `Client` method taking its required parameters (and a required body) as arguments,
//! which returns a request builder with one setter per optional input.

use std::collections::BTreeMap;

use super::bodies::diff_body;
use super::parameters::diff_parameters;
use super::responses::diff_responses;
use super::{change, Change, ChangeKind, Group, RustUse, Semver};
use crate::ir::{Api, Operation};

/// How an operation is named in a changelog: its method and path.
pub(super) fn route(operation: &Operation) -> String {
    format!("{} {}", operation.method.as_str(), operation.path_template)
}

/// An operation's route with its `operationId`, for the lines that add or remove it.
fn operation_label(operation: &Operation) -> String {
    match &operation.operation_id {
        Some(id) => format!("{} ({id})", route(operation)),
        None => route(operation),
    }
}

/// The client method of an operation, as a Rust path.
pub(super) fn method_path(operation: &Operation) -> String {
    format!("Client::{}", operation.rust_name)
}

/// One operation both releases have: the releases, the operation in each, and its name in changelog lines.
pub(super) struct KeptOperation<'a> {
    pub(super) old: &'a Api,
    pub(super) new: &'a Api,
    pub(super) before: &'a Operation,
    pub(super) after: &'a Operation,
    pub(super) subject: String,
}

/// The operations added and removed, and the changes within each operation both releases have.
pub(super) fn diff_operations(old: &Api, new: &Api, out: &mut Vec<Change>) {
    let index = |api: &Api| -> BTreeMap<String, usize> {
        let mut index = BTreeMap::new();
        for (position, operation) in api.operations.iter().enumerate() {
            index.entry(operation.route_key()).or_insert(position);
        }
        index
    };
    let (old_ops, new_ops) = (index(old), index(new));
    for (key, &i) in &new_ops {
        let operation = &new.operations[i];
        match old_ops.get(key) {
            None => {
                out.push(
                    change(
                        ChangeKind::Added,
                        Group::Operations,
                        &operation_label(operation),
                        "new operation",
                        false,
                        Semver::Minor,
                    )
                    .touching(RustUse::Call, method_path(operation)),
                );
                if !operation.permissions.is_empty() {
                    let detail = format!("requires {}", operation.permissions.join(", "));
                    out.push(change(
                        ChangeKind::Added,
                        Group::Permissions,
                        &route(operation),
                        &detail,
                        false,
                        Semver::Patch,
                    ));
                }
            }
            Some(&j) => {
                let kept = KeptOperation {
                    old,
                    new,
                    before: &old.operations[j],
                    after: operation,
                    subject: route(operation),
                };
                diff_operation(&kept, out);
            }
        }
    }
    for (key, &j) in &old_ops {
        if !new_ops.contains_key(key) {
            let operation = &old.operations[j];
            let mut removed = change(
                ChangeKind::Removed,
                Group::Operations,
                &operation_label(operation),
                "operation removed",
                true,
                Semver::Major,
            )
            .touching(RustUse::Call, method_path(operation))
            .also_touching(&operation.builder_name);
            // The operation's own per-status enums go with it.
            for by_status in [&operation.success_by_status, &operation.error_by_status]
                .into_iter()
                .flatten()
            {
                removed = removed.also_touching(&by_status.rust_name);
            }
            out.push(removed);
        }
    }
}

/// The changes within one operation.
fn diff_operation(kept: &KeptOperation<'_>, out: &mut Vec<Change>) {
    let KeptOperation {
        before,
        after,
        subject,
        ..
    } = kept;
    let operation_change = |detail: &str, breaking: bool, semver: Semver| {
        change(
            ChangeKind::Changed,
            Group::Operations,
            subject,
            detail,
            breaking,
            semver,
        )
    };
    if before.rust_name != after.rust_name {
        let detail = format!(
            "client method renamed from `{}` to `{}` (operationId {} → {})",
            before.rust_name,
            after.rust_name,
            before.operation_id.as_deref().unwrap_or("none"),
            after.operation_id.as_deref().unwrap_or("none")
        );
        out.push(
            operation_change(&detail, false, Semver::Major)
                .touching(RustUse::Call, method_path(before)),
        );
    } else if before.operation_id != after.operation_id {
        let detail = format!(
            "operationId changed from {} to {} (the client method keeps its name)",
            before.operation_id.as_deref().unwrap_or("none"),
            after.operation_id.as_deref().unwrap_or("none")
        );
        out.push(operation_change(&detail, false, Semver::Patch));
    }
    if before.builder_name != after.builder_name {
        let detail = format!(
            "request builder renamed from `{}` to `{}`",
            before.builder_name, after.builder_name
        );
        out.push(
            operation_change(&detail, false, Semver::Major)
                .touching(RustUse::Name, &before.builder_name),
        );
    }
    if before.deprecated != after.deprecated {
        // `#[deprecated]` warns every caller of the method: cargo-semver-checks counts it as minor.
        let (detail, semver) = if after.deprecated {
            ("now deprecated", Semver::Minor)
        } else {
            ("no longer deprecated", Semver::Patch)
        };
        out.push(
            operation_change(detail, false, semver).touching(RustUse::Call, method_path(after)),
        );
    }
    diff_parameters(kept, out);
    diff_body(kept, out);
    diff_responses(kept, out);
    diff_permissions(kept, out);
    if before.security != after.security {
        // The requirements are a table the runtime reads; no Rust signature names them.
        let detail = format!(
            "security changed from {} to {}",
            before.security_text(),
            after.security_text()
        );
        out.push(change(
            ChangeKind::Changed,
            Group::Security,
            subject,
            &detail,
            true,
            Semver::Patch,
        ));
    }
}

/// The documented permissions (`x-permission`): documentation only, for HTTP and for Rust.
fn diff_permissions(kept: &KeptOperation<'_>, out: &mut Vec<Change>) {
    let (before, after) = (&kept.before.permissions, &kept.after.permissions);
    if before == after {
        return;
    }
    let kind = if before.is_empty() {
        ChangeKind::Added
    } else if after.is_empty() {
        ChangeKind::Removed
    } else {
        ChangeKind::Changed
    };
    let detail = match kind {
        ChangeKind::Removed => format!("no longer documents {}", before.join(", ")),
        ChangeKind::Added => format!("requires {}", after.join(", ")),
        ChangeKind::Changed => format!("requires {} (was {})", after.join(", "), before.join(", ")),
    };
    out.push(change(
        kind,
        Group::Permissions,
        &kept.subject,
        &detail,
        false,
        Semver::Patch,
    ));
}
