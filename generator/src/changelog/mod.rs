//! Comparing two releases of an API at the IR level, and classifying each change.
//!
//! Items are matched by identity, never by position: schemas and properties by name, operations by method and
//! path, parameters by name and location. A parameter or property that moves is therefore no change, and a
//! renamed one is a removal plus an addition.
//!
//! Each change is classified twice. `breaking` is for HTTP consumers and follows oasdiff's rules: a new required
//! request property or parameter, a removed operation, property, parameter or enum value, and a changed type
//! break; a new optional request input or a new response property does not. `semver` is the change's effect on the
//! generated Rust crate, whose structs and enums are `#[non_exhaustive]` with constructors, whose enums keep
//! unknown values, and whose optional parameters are builder setters, so additions are minor.

pub mod audit;
mod bodies;
mod constraints;
mod effects;
mod operations;
mod parameters;
mod paths;
mod properties;
mod render;
mod responses;
mod schemas;
mod security;
mod unions;
mod usage;
mod values;

use serde::Serialize;

use crate::ir::Api;
pub use effects::{RustItem, RustUse};
pub use render::render_markdown;
use usage::Usage;

/// Whether something was added, changed or removed; changelogs list the kinds in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Changed,
    Removed,
}

/// The sections of a changelog, in the order they are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Schemas,
    Operations,
    Parameters,
    RequestBodies,
    Responses,
    Security,
    Servers,
    Permissions,
}

/// How a change affects the generated crate's version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Semver {
    Patch,
    Minor,
    Major,
}

/// One change between two releases: a line of the changelog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub kind: ChangeKind,
    pub group: Group,
    /// What changed, for example `ApiToken.kind` or `GET /organizations/{organizationId}/tokens`.
    pub subject: String,
    /// The change in a sentence.
    pub detail: String,
    /// Whether the change can break an HTTP consumer.
    pub breaking: bool,
    /// The change's effect on the generated crate, judged on the code it changes.
    pub semver: Semver,
    /// The item of the generated crate the change touches and how callers use it, when it touches one.
    pub rust_item: Option<RustItem>,
    /// The effect on HTTP clients in a reviewer's words: "breaking for HTTP clients".
    pub http_effect: String,
    /// The effect on Rust callers in a reviewer's words: "breaking for Rust callers that construct `Output`".
    pub rust_effect: String,
}

impl Change {
    /// Names the crate item the change touches, which the effect in words and the semver audit read.
    fn touching(mut self, usage: RustUse, path: impl Into<String>) -> Self {
        self.rust_item = Some(RustItem {
            usage,
            path: path.into(),
            also: Vec::new(),
        });
        self
    }

    /// Names another crate item the same change touches.
    fn also_touching(mut self, path: impl Into<String>) -> Self {
        if let Some(item) = &mut self.rust_item {
            item.also.push(path.into());
        }
        self
    }
}

/// Every change from `old` to `new`, in a stable order.
pub fn diff(old: &Api, new: &Api) -> Vec<Change> {
    let mut changes = Vec::new();
    let old_usage = Usage::of(old);
    let new_usage = Usage::of(new);
    schemas::diff_schemas(old, new, &new_usage, &old_usage, &mut changes);
    operations::diff_operations(old, new, &mut changes);
    security::diff_security(old, new, &mut changes);
    for change in &mut changes {
        effects::describe(change);
    }
    changes.sort_by(|a, b| {
        (a.kind, a.group, &a.subject, &a.detail).cmp(&(b.kind, b.group, &b.subject, &b.detail))
    });
    changes.dedup();
    changes
}

/// The largest effect of a set of changes (patch when there are none).
pub fn suggested_bump(changes: &[Change]) -> Semver {
    changes
        .iter()
        .map(|change| change.semver)
        .max()
        .unwrap_or(Semver::Patch)
}

/// Applies a bump the way Cargo reads versions: below 1.0, the minor number is the breaking one.
pub fn bump_version(version: &str, bump: Semver) -> String {
    let mut parts: Vec<u64> = version
        .split('.')
        .map(|part| part.parse().unwrap_or(0))
        .collect();
    parts.resize(3, 0);
    let (major, minor, patch) = (parts[0], parts[1], parts[2]);
    match (major, bump) {
        (0, Semver::Major) => format!("0.{}.0", minor + 1),
        (0, _) => format!("0.{minor}.{}", patch + 1),
        (_, Semver::Major) => format!("{}.0.0", major + 1),
        (_, Semver::Minor) => format!("{major}.{}.0", minor + 1),
        (_, Semver::Patch) => format!("{major}.{minor}.{}", patch + 1),
    }
}

/// A change, the one way all comparisons make one.
fn change(
    kind: ChangeKind,
    group: Group,
    subject: &str,
    detail: &str,
    breaking: bool,
    semver: Semver,
) -> Change {
    Change {
        kind,
        group,
        subject: subject.to_owned(),
        detail: detail.to_owned(),
        breaking,
        semver,
        rust_item: None,
        http_effect: String::new(),
        rust_effect: String::new(),
    }
}
