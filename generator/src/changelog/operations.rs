//! Comparing the operations of two releases, matched by method and path: operations added and removed, and in
//! each kept operation its id, deprecation, parameters, request body, success response, permissions and security.

use std::collections::BTreeMap;

use super::values::{describe_type, diff_value, wire_type, Subject};
use super::{change, Change, ChangeKind, Group, Semver};
use crate::ir::{Api, Operation, Response};

/// How an operation is named in a changelog: its method and path.
fn route(operation: &Operation) -> String {
    format!("{} {}", operation.method.as_str(), operation.path_template)
}

/// An operation's route with its `operationId`, for the lines that add or remove it.
fn operation_label(operation: &Operation) -> String {
    match &operation.operation_id {
        Some(id) => format!("{} ({id})", route(operation)),
        None => route(operation),
    }
}

/// The operations added and removed, and the changes within each operation both releases have.
pub(super) fn diff_operations(old: &Api, new: &Api, out: &mut Vec<Change>) {
    let index = |api: &Api| -> BTreeMap<String, usize> {
        api.operations
            .iter()
            .enumerate()
            .map(|(i, op)| (route(op), i))
            .collect()
    };
    let (old_ops, new_ops) = (index(old), index(new));
    for (key, &i) in &new_ops {
        let operation = &new.operations[i];
        match old_ops.get(key) {
            None => {
                out.push(change(
                    ChangeKind::Added,
                    Group::Operations,
                    &operation_label(operation),
                    "new operation",
                    false,
                    Semver::Minor,
                ));
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
            Some(&j) => diff_operation(old, new, &old.operations[j], operation, out),
        }
    }
    for (key, &j) in &old_ops {
        if !new_ops.contains_key(key) {
            out.push(change(
                ChangeKind::Removed,
                Group::Operations,
                &operation_label(&old.operations[j]),
                "operation removed",
                true,
                Semver::Major,
            ));
        }
    }
}

/// The changes within one operation, from `before` to `after`.
fn diff_operation(
    old: &Api,
    new: &Api,
    before: &Operation,
    after: &Operation,
    out: &mut Vec<Change>,
) {
    let subject = route(after);
    if before.operation_id != after.operation_id {
        let detail = format!(
            "operationId changed from {} to {} (the client method is renamed)",
            before.operation_id.as_deref().unwrap_or("none"),
            after.operation_id.as_deref().unwrap_or("none")
        );
        out.push(change(
            ChangeKind::Changed,
            Group::Operations,
            &subject,
            &detail,
            false,
            Semver::Major,
        ));
    }
    if before.deprecated != after.deprecated && after.deprecated {
        out.push(change(
            ChangeKind::Changed,
            Group::Operations,
            &subject,
            "now deprecated",
            false,
            Semver::Patch,
        ));
    }

    for parameter in &after.parameters {
        let name = format!(
            "{subject} · {} `{}`",
            parameter.location.as_str(),
            parameter.wire_name
        );
        match before
            .parameters
            .iter()
            .find(|p| p.wire_name == parameter.wire_name && p.location == parameter.location)
        {
            None => {
                let detail = format!(
                    "new {} parameter ({})",
                    if parameter.required {
                        "required"
                    } else {
                        "optional"
                    },
                    describe_type(new, &parameter.ty)
                );
                let semver = if parameter.required {
                    Semver::Major
                } else {
                    Semver::Minor
                };
                out.push(change(
                    ChangeKind::Added,
                    Group::Parameters,
                    &name,
                    &detail,
                    parameter.required,
                    semver,
                ));
            }
            Some(previous) => {
                let compared = Subject {
                    old,
                    new,
                    name: &name,
                    group: Group::Parameters,
                    in_request: true,
                    in_response: false,
                };
                diff_value(compared, &previous.ty, &parameter.ty, out);
                if previous.required != parameter.required {
                    let detail = if parameter.required {
                        "now required"
                    } else {
                        "no longer required"
                    };
                    out.push(change(
                        ChangeKind::Changed,
                        Group::Parameters,
                        &name,
                        detail,
                        parameter.required,
                        Semver::Major,
                    ));
                }
                if previous.default != parameter.default {
                    let detail = format!(
                        "default changed from {} to {}",
                        previous.default.as_deref().unwrap_or("none"),
                        parameter.default.as_deref().unwrap_or("none")
                    );
                    out.push(change(
                        ChangeKind::Changed,
                        Group::Parameters,
                        &name,
                        &detail,
                        false,
                        Semver::Patch,
                    ));
                }
            }
        }
    }
    for parameter in &before.parameters {
        if !after
            .parameters
            .iter()
            .any(|p| p.wire_name == parameter.wire_name && p.location == parameter.location)
        {
            let name = format!(
                "{subject} · {} `{}`",
                parameter.location.as_str(),
                parameter.wire_name
            );
            out.push(change(
                ChangeKind::Removed,
                Group::Parameters,
                &name,
                "parameter removed",
                true,
                Semver::Major,
            ));
        }
    }

    match (&before.body, &after.body) {
        (None, Some(body)) => {
            let detail = format!("request body added ({})", describe_type(new, &body.ty));
            out.push(change(
                ChangeKind::Added,
                Group::RequestBodies,
                &subject,
                &detail,
                body.required,
                Semver::Major,
            ));
        }
        (Some(_), None) => out.push(change(
            ChangeKind::Removed,
            Group::RequestBodies,
            &subject,
            "request body removed",
            true,
            Semver::Major,
        )),
        (Some(a), Some(b)) => {
            let compared = Subject {
                old,
                new,
                name: &subject,
                group: Group::RequestBodies,
                in_request: true,
                in_response: false,
            };
            diff_value(compared, &a.ty, &b.ty, out);
            if a.required != b.required {
                let detail = if b.required {
                    "request body now required"
                } else {
                    "request body no longer required"
                };
                out.push(change(
                    ChangeKind::Changed,
                    Group::RequestBodies,
                    &subject,
                    detail,
                    b.required,
                    Semver::Major,
                ));
            }
        }
        (None, None) => {}
    }

    let response_text = |api: &Api, response: &Response| match response {
        Response::Json(ty) => wire_type(api, ty),
        Response::Stream { item, .. } => format!("stream of {}", wire_type(api, item)),
        Response::Text => "text".to_owned(),
        Response::Bytes => "bytes".to_owned(),
        Response::Empty => "no content".to_owned(),
    };
    let (a, b) = (
        response_text(old, &before.success),
        response_text(new, &after.success),
    );
    if a != b {
        out.push(change(
            ChangeKind::Changed,
            Group::Responses,
            &subject,
            &format!("success response changed from {a} to {b}"),
            true,
            Semver::Major,
        ));
    }

    if before.permissions != after.permissions {
        let kind = if before.permissions.is_empty() {
            ChangeKind::Added
        } else if after.permissions.is_empty() {
            ChangeKind::Removed
        } else {
            ChangeKind::Changed
        };
        let detail = match kind {
            ChangeKind::Removed => format!("no longer documents {}", before.permissions.join(", ")),
            ChangeKind::Added => format!("requires {}", after.permissions.join(", ")),
            ChangeKind::Changed => format!(
                "requires {} (was {})",
                after.permissions.join(", "),
                before.permissions.join(", ")
            ),
        };
        out.push(change(
            kind,
            Group::Permissions,
            &subject,
            &detail,
            false,
            Semver::Patch,
        ));
    }
    if before.security != after.security {
        let detail = format!(
            "security changed from {} to {}",
            before.security_text(),
            after.security_text()
        );
        out.push(change(
            ChangeKind::Changed,
            Group::Security,
            &subject,
            &detail,
            true,
            Semver::Minor,
        ));
    }
}
