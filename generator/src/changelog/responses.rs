//! Comparing the responses of one operation across two releases: the success body, the error body, and the
//! documented status codes of each kind.
//!
//! In Rust an operation with several documented statuses of a kind returns a per-status enum
//! (`GetThingResponse::NotFound`). Those enums are exhaustive, so a status added or removed breaks callers that
//! match on them even where HTTP clients do not care.

use super::operations::{method_path, KeptOperation};
use super::values::wire_type;
use super::{change, Change, ChangeKind, Group, RustUse, Semver};
use crate::ir::{Api, Response, StatusEnum, StatusMatch};

/// A response body in a changelog line.
fn response_text(api: &Api, response: &Response) -> String {
    match response {
        Response::Json(ty) => wire_type(api, ty),
        Response::Stream { item, .. } => format!("stream of {}", wire_type(api, item)),
        Response::Text => "text".to_owned(),
        Response::Bytes => "bytes".to_owned(),
        Response::Empty => "no content".to_owned(),
    }
}

fn status_text(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Range(digit) => format!("{digit}XX"),
        StatusMatch::Default => "default".to_owned(),
    }
}

/// Whether the statuses are the successful ones (their loss breaks clients) or the errors.
#[derive(Clone, Copy, PartialEq)]
enum StatusKind {
    Success,
    Error,
}

pub(super) fn diff_responses(kept: &KeptOperation<'_>, out: &mut Vec<Change>) {
    let (before, after) = (kept.before, kept.after);
    let (a, b) = (
        response_text(kept.old, &before.success),
        response_text(kept.new, &after.success),
    );
    if a != b {
        out.push(
            change(
                ChangeKind::Changed,
                Group::Responses,
                &kept.subject,
                &format!("success response changed from {a} to {b}"),
                true,
                Semver::Major,
            )
            .touching(RustUse::Call, method_path(after)),
        );
    }
    let error_text = |api: &Api, body: &Option<crate::ir::TypeRef>| {
        body.as_ref()
            .map_or_else(|| "none".to_owned(), |ty| wire_type(api, ty))
    };
    let (a, b) = (
        error_text(kept.old, &before.error_body),
        error_text(kept.new, &after.error_body),
    );
    if a != b {
        out.push(
            change(
                ChangeKind::Changed,
                Group::Responses,
                &kept.subject,
                &format!("error response changed from {a} to {b}"),
                true,
                Semver::Major,
            )
            .touching(RustUse::Call, method_path(after)),
        );
    }
    let statuses = [
        (
            StatusKind::Success,
            &before.success_by_status,
            &after.success_by_status,
        ),
        (
            StatusKind::Error,
            &before.error_by_status,
            &after.error_by_status,
        ),
    ];
    for (kind, old_statuses, new_statuses) in statuses {
        diff_statuses(
            kept,
            kind,
            old_statuses.as_ref(),
            new_statuses.as_ref(),
            out,
        );
    }
}

/// The statuses of one kind: the per-status enum appearing or going, and statuses added, removed or retyped.
fn diff_statuses(
    kept: &KeptOperation<'_>,
    kind: StatusKind,
    before: Option<&StatusEnum>,
    after: Option<&StatusEnum>,
    out: &mut Vec<Change>,
) {
    let what = match kind {
        StatusKind::Success => "success",
        StatusKind::Error => "error",
    };
    let line = |change_kind: ChangeKind, detail: &str, breaking: bool, semver: Semver| {
        change(
            change_kind,
            Group::Responses,
            &kept.subject,
            detail,
            breaking,
            semver,
        )
    };
    let (before, after) = match (before, after) {
        (None, None) => return,
        (Some(_), None) | (None, Some(_)) => {
            // The operation's return type (or error type) switches between one body and a per-status enum.
            let detail = match after {
                Some(statuses) => format!(
                    "{what} responses now decoded per status (`{}`)",
                    statuses.rust_name
                ),
                None => format!("{what} responses no longer decoded per status"),
            };
            let mut switched = line(ChangeKind::Changed, &detail, false, Semver::Major)
                .touching(RustUse::Call, method_path(kept.after));
            if let Some(statuses) = before.or(after) {
                switched = switched.also_touching(&statuses.rust_name);
            }
            out.push(switched);
            return;
        }
        (Some(before), Some(after)) => (before, after),
    };
    if before.rust_name != after.rust_name {
        let detail = format!(
            "{what} status enum renamed from `{}` to `{}`",
            before.rust_name, after.rust_name
        );
        out.push(
            line(ChangeKind::Changed, &detail, false, Semver::Major)
                .touching(RustUse::Name, &before.rust_name),
        );
    }
    for variant in &after.variants {
        let status = status_text(variant.status);
        match before.variants.iter().find(|v| v.status == variant.status) {
            None => out.push(
                line(
                    ChangeKind::Added,
                    &format!("new {what} status {status}"),
                    false,
                    Semver::Major,
                )
                .touching(RustUse::Match, &after.rust_name),
            ),
            Some(previous) => {
                let (a, b) = (
                    response_text(kept.old, &previous.body),
                    response_text(kept.new, &variant.body),
                );
                if a != b {
                    let detail = format!("{what} status {status} changed from {a} to {b}");
                    out.push(
                        line(ChangeKind::Changed, &detail, true, Semver::Major)
                            .touching(RustUse::Match, &after.rust_name),
                    );
                }
            }
        }
    }
    for variant in &before.variants {
        if !after.variants.iter().any(|v| v.status == variant.status) {
            let status = status_text(variant.status);
            out.push(
                line(
                    ChangeKind::Removed,
                    &format!("{what} status {status} removed"),
                    true,
                    Semver::Major,
                )
                .touching(RustUse::Match, &before.rust_name),
            );
        }
    }
}
