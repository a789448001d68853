//! Comparing the request body of one operation across two releases: added, removed, its type, required-ness,
//! media type and the other media types it may be sent as.
//!
//! In Rust a required body is the last argument of the client method, an optional one the builder's `body`
//! setter, and each other media type a setter of its own (`body_as_form`).

use super::operations::{method_path, KeptOperation};
use super::values::{describe_type, diff_value, Subject};
use super::{change, Change, ChangeKind, Group, RustItem, RustUse, Semver};
use crate::ir::{Operation, RequestBody};

/// The crate item a body is: an argument of the client method, or the builder's `body` setter.
fn body_item(operation: &Operation, body: &RequestBody) -> RustItem {
    let path = if body.required {
        method_path(operation)
    } else {
        format!("{}::body", operation.builder_name)
    };
    RustItem {
        usage: RustUse::Call,
        path,
        also: Vec::new(),
    }
}

pub(super) fn diff_body(kept: &KeptOperation<'_>, out: &mut Vec<Change>) {
    let subject = kept.subject.as_str();
    match (&kept.before.body, &kept.after.body) {
        (None, Some(body)) => {
            let detail = format!("request body added ({})", describe_type(kept.new, &body.ty));
            let semver = if body.required {
                Semver::Major
            } else {
                Semver::Minor
            };
            out.push(Change {
                rust_item: Some(body_item(kept.after, body)),
                ..change(
                    ChangeKind::Added,
                    Group::RequestBodies,
                    subject,
                    &detail,
                    body.required,
                    semver,
                )
            });
        }
        (Some(body), None) => out.push(Change {
            rust_item: Some(body_item(kept.before, body)),
            ..change(
                ChangeKind::Removed,
                Group::RequestBodies,
                subject,
                "request body removed",
                true,
                Semver::Major,
            )
        }),
        (Some(a), Some(b)) => diff_kept_body(kept, a, b, out),
        (None, None) => {}
    }
}

fn diff_kept_body(
    kept: &KeptOperation<'_>,
    a: &RequestBody,
    b: &RequestBody,
    out: &mut Vec<Change>,
) {
    let subject = kept.subject.as_str();
    let rust = body_item(kept.after, b);
    let compared = Subject {
        old: kept.old,
        new: kept.new,
        name: subject,
        group: Group::RequestBodies,
        in_request: true,
        in_response: false,
        rust: &rust,
    };
    let changed = |detail: &str, breaking: bool, semver: Semver| {
        change(
            ChangeKind::Changed,
            Group::RequestBodies,
            subject,
            detail,
            breaking,
            semver,
        )
    };
    diff_value(compared, &a.ty, &b.ty, out);
    if a.required != b.required {
        let detail = if b.required {
            "request body now required"
        } else {
            "request body no longer required"
        };
        out.push(
            changed(detail, b.required, Semver::Major)
                .touching(RustUse::Call, method_path(kept.after))
                .also_touching(format!("{}::body", kept.after.builder_name)),
        );
    }
    if a.media_type != b.media_type {
        // The server no longer accepts what the client sent; the Rust body type is the schema's, unchanged.
        let detail = format!(
            "media type changed from `{}` to `{}`",
            a.media_type, b.media_type
        );
        out.push(changed(&detail, true, Semver::Patch));
    }
    for alternative in &b.alternatives {
        if !a
            .alternatives
            .iter()
            .any(|x| x.media_type == alternative.media_type)
        {
            let detail = format!("may also be sent as `{}`", alternative.media_type);
            out.push(Change {
                kind: ChangeKind::Added,
                ..changed(&detail, false, Semver::Minor).touching(
                    RustUse::Call,
                    format!("{}::{}", kept.after.builder_name, alternative.setter),
                )
            });
        }
    }
    for alternative in &a.alternatives {
        if !b
            .alternatives
            .iter()
            .any(|x| x.media_type == alternative.media_type)
        {
            let detail = format!("may no longer be sent as `{}`", alternative.media_type);
            out.push(Change {
                kind: ChangeKind::Removed,
                ..changed(&detail, true, Semver::Major).touching(
                    RustUse::Call,
                    format!("{}::{}", kept.before.builder_name, alternative.setter),
                )
            });
        }
    }
}
