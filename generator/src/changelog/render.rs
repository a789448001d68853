//! The changelog as Markdown: a summary counting the changes and suggesting a version bump, then each change under
//! its kind, section and subject.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::{suggested_bump, Change, ChangeKind, Group, Semver};

impl Group {
    /// The section's heading.
    fn title(self) -> &'static str {
        match self {
            Group::Schemas => "Schemas",
            Group::Operations => "Operations",
            Group::Parameters => "Parameters",
            Group::RequestBodies => "Request bodies",
            Group::Responses => "Responses",
            Group::Security => "Security",
            Group::Servers => "Servers",
            Group::Permissions => "Permissions",
        }
    }
}

/// A changelog in the form Astronomer publishes: Summary, then Added / Changed / Removed, grouped.
pub fn render_markdown(title: &str, changes: &[Change]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## {title}\n");
    let _ = writeln!(out, "### Summary");
    if changes.is_empty() {
        let _ = writeln!(out, "- No changes to the API surface.");
    }
    for kind in [ChangeKind::Added, ChangeKind::Changed, ChangeKind::Removed] {
        let of_kind: Vec<&Change> = changes.iter().filter(|c| c.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let mut per_group: BTreeMap<Group, usize> = BTreeMap::new();
        for c in &of_kind {
            *per_group.entry(c.group).or_default() += 1;
        }
        let parts: Vec<String> = per_group
            .iter()
            .map(|(group, n)| format!("{n} in {}", group.title().to_lowercase()))
            .collect();
        let verb = match kind {
            ChangeKind::Added => "Added",
            ChangeKind::Changed => "Changed",
            ChangeKind::Removed => "Removed",
        };
        let _ = writeln!(out, "- {verb}: {}.", parts.join(", "));
    }
    let breaking = changes.iter().filter(|c| c.breaking).count();
    let _ = writeln!(
        out,
        "- Breaking for HTTP clients: {}. Suggested crate version bump: {}.",
        if breaking == 0 {
            "none".to_owned()
        } else {
            format!("{breaking} change(s), marked **breaking**")
        },
        semver_text(suggested_bump(changes))
    );
    for kind in [ChangeKind::Added, ChangeKind::Changed, ChangeKind::Removed] {
        let of_kind: Vec<&Change> = changes.iter().filter(|c| c.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let heading = match kind {
            ChangeKind::Added => "Added",
            ChangeKind::Changed => "Changed",
            ChangeKind::Removed => "Removed",
        };
        let _ = writeln!(out, "\n### {heading}");
        let mut current_group = None;
        let mut current_subject: Option<&str> = None;
        for c in of_kind {
            if current_group != Some(c.group) {
                let _ = writeln!(out, "- {}", c.group.title());
                current_group = Some(c.group);
                current_subject = None;
            }
            if current_subject != Some(c.subject.as_str()) {
                let _ = writeln!(out, "  - {}", c.subject);
                current_subject = Some(c.subject.as_str());
            }
            // Both effects in words, the HTTP one in bold when it breaks, then the crate's bump.
            let http = if c.breaking {
                format!("**{}**", c.http_effect)
            } else {
                c.http_effect.clone()
            };
            let _ = writeln!(
                out,
                "    - {}: {http}; {} ({})",
                c.detail,
                c.rust_effect,
                semver_text(c.semver)
            );
        }
    }
    out
}

/// A version bump as the changelog spells it.
fn semver_text(semver: Semver) -> &'static str {
    match semver {
        Semver::Patch => "patch",
        Semver::Minor => "minor",
        Semver::Major => "major",
    }
}
