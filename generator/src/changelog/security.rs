//! Comparing the security schemes two releases declare, by name: schemes added, removed, or of another kind; and
//! the default server.
//!
//! In Rust the schemes are a table the runtime reads, except in one place: `Client::new` takes a bearer token
//! when any scheme is HTTP bearer or OAuth2, so a change that gives or takes the API its first bearer scheme
//! changes that constructor's arguments. Scopes are not in the IR (the client sends the token it is given).

use super::{change, Change, ChangeKind, Group, RustUse, Semver};
use crate::ir::{Api, SecuritySchemeKind};

/// Whether `Client::new` takes a bearer token.
fn takes_bearer(api: &Api) -> bool {
    api.security_schemes.iter().any(|scheme| {
        matches!(
            scheme.kind,
            SecuritySchemeKind::Bearer | SecuritySchemeKind::OAuth2
        )
    })
}

/// A security scheme in a changelog line.
fn scheme_text(kind: &SecuritySchemeKind) -> String {
    match kind {
        SecuritySchemeKind::Bearer => "HTTP bearer".to_owned(),
        SecuritySchemeKind::OAuth2 => "OAuth2 / OpenID Connect".to_owned(),
        SecuritySchemeKind::Basic => "HTTP basic".to_owned(),
        SecuritySchemeKind::ApiKey {
            location: place,
            name,
        } => format!("API key `{name}` in {}", place.as_str()),
        SecuritySchemeKind::Unsupported { description } => description.clone(),
    }
}

/// The security schemes added, removed and changed, and the default server.
pub(super) fn diff_security(old: &Api, new: &Api, out: &mut Vec<Change>) {
    let constructor_changed = takes_bearer(old) != takes_bearer(new);
    // Each scheme change is a patch for Rust, unless the set of bearer schemes went from empty to not or back.
    let rust = |change: Change, bearer: bool| {
        if constructor_changed && bearer {
            Change {
                semver: Semver::Major,
                ..change.touching(RustUse::Call, "Client::new")
            }
        } else {
            change
        }
    };
    let is_bearer = |kind: &SecuritySchemeKind| {
        matches!(
            kind,
            SecuritySchemeKind::Bearer | SecuritySchemeKind::OAuth2
        )
    };
    for scheme in &new.security_schemes {
        match old.security_schemes.iter().find(|s| s.name == scheme.name) {
            None => out.push(rust(
                change(
                    ChangeKind::Added,
                    Group::Security,
                    &scheme.name,
                    &format!("new security scheme ({})", scheme_text(&scheme.kind)),
                    false,
                    Semver::Patch,
                ),
                is_bearer(&scheme.kind),
            )),
            Some(before) if before.kind != scheme.kind => {
                let detail = format!(
                    "scheme changed from {} to {}",
                    scheme_text(&before.kind),
                    scheme_text(&scheme.kind)
                );
                out.push(rust(
                    change(
                        ChangeKind::Changed,
                        Group::Security,
                        &scheme.name,
                        &detail,
                        true,
                        Semver::Patch,
                    ),
                    is_bearer(&before.kind) || is_bearer(&scheme.kind),
                ));
            }
            Some(_) => {}
        }
    }
    for scheme in &old.security_schemes {
        if !new.security_schemes.iter().any(|s| s.name == scheme.name) {
            out.push(rust(
                change(
                    ChangeKind::Removed,
                    Group::Security,
                    &scheme.name,
                    "security scheme removed",
                    true,
                    Semver::Patch,
                ),
                is_bearer(&scheme.kind),
            ));
        }
    }
    if old.default_base_url != new.default_base_url {
        // Clients follow the document's server unless configured otherwise; in Rust it is the value of
        // `Client::DEFAULT_BASE_URL`, whose type does not change.
        let detail = format!(
            "default server changed from {} to {}",
            old.default_base_url.as_deref().unwrap_or("none"),
            new.default_base_url.as_deref().unwrap_or("none")
        );
        out.push(change(
            ChangeKind::Changed,
            Group::Servers,
            "servers",
            &detail,
            false,
            Semver::Patch,
        ));
    }
}
