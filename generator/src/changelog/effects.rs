//! A change's two effects in the words a reviewer uses: whom it breaks over HTTP, and which Rust callers of the
//! generated crate it breaks (those that construct a struct, read a field, call a method, match on an enum or name
//! a type). The Rust item a change touches is also what the semver audit matches cargo-semver-checks' findings to.

use serde::Serialize;

use super::{Change, Semver};

/// How callers of the generated crate use the item a change touches, which decides whom a major change breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RustUse {
    /// A struct built with `new(required fields)`.
    Construct,
    /// A field of a struct (`Type.field`).
    Read,
    /// A client method or a request builder's setter (`Client::method`, `Builder::setter`).
    Call,
    /// An enum callers match on (its variants).
    Match,
    /// A type callers name.
    Name,
}

/// The item of the generated crate a change touches, by its Rust path inside the API module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RustItem {
    pub usage: RustUse,
    /// `Output`, `Output.kind`, `Client::list_things`, `ListThings::limit`.
    pub path: String,
    /// Other items the same change touches: a parameter that becomes required leaves the builder (its setter)
    /// for the client method (an argument).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
}

impl RustItem {
    /// The identifiers of each path the change touches (`Output.kind` → `Output`, `kind`); a finding names an
    /// item when it names every identifier of one path.
    pub fn identifiers(&self) -> Vec<Vec<&str>> {
        std::iter::once(&self.path)
            .chain(&self.also)
            .map(|path| {
                path.split(['.', ':'])
                    .filter(|part| !part.is_empty())
                    .collect()
            })
            .collect()
    }
}

/// Fills in both effects of a change in words.
pub(super) fn describe(change: &mut Change) {
    change.http_effect = if change.breaking {
        "breaking for HTTP clients".to_owned()
    } else {
        "not breaking for HTTP clients".to_owned()
    };
    change.rust_effect = rust_effect(change.semver, change.rust_item.as_ref());
}

fn rust_effect(semver: Semver, item: Option<&RustItem>) -> String {
    match (semver, item) {
        (Semver::Major, Some(item)) => {
            let verb = match item.usage {
                RustUse::Construct => "construct",
                RustUse::Read => "read",
                RustUse::Call => "call",
                RustUse::Match => "match on",
                RustUse::Name => "name",
            };
            format!("breaking for Rust callers that {verb} `{}`", item.path)
        }
        (Semver::Major, None) => "breaking for Rust callers".to_owned(),
        (Semver::Minor, Some(item)) => format!("additive for Rust callers (`{}`)", item.path),
        (Semver::Minor, None) => "additive for Rust callers".to_owned(),
        (Semver::Patch, _) => "no change to the Rust API".to_owned(),
    }
}
