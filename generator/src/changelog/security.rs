//! Comparing the security schemes two releases declare, by name: schemes added, removed, or of another kind.

use super::{change, Change, ChangeKind, Group, Semver};
use crate::ir::{Api, SecuritySchemeKind};

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

/// The security schemes added, removed and changed.
pub(super) fn diff_security(old: &Api, new: &Api, out: &mut Vec<Change>) {
    for scheme in &new.security_schemes {
        match old.security_schemes.iter().find(|s| s.name == scheme.name) {
            None => out.push(change(
                ChangeKind::Added,
                Group::Security,
                &scheme.name,
                &format!("new security scheme ({})", scheme_text(&scheme.kind)),
                false,
                Semver::Minor,
            )),
            Some(before) if before.kind != scheme.kind => {
                let detail = format!(
                    "scheme changed from {} to {}",
                    scheme_text(&before.kind),
                    scheme_text(&scheme.kind)
                );
                out.push(change(
                    ChangeKind::Changed,
                    Group::Security,
                    &scheme.name,
                    &detail,
                    true,
                    Semver::Major,
                ));
            }
            Some(_) => {}
        }
    }
    for scheme in &old.security_schemes {
        if !new.security_schemes.iter().any(|s| s.name == scheme.name) {
            out.push(change(
                ChangeKind::Removed,
                Group::Security,
                &scheme.name,
                "security scheme removed",
                true,
                Semver::Major,
            ));
        }
    }
}
