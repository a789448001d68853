//! The changelog checked against an oracle: what cargo-semver-checks found between the crates of two releases
//! (a verdict, kept as a snapshot so a check needs no tool) and whether the changelog agrees. It agrees when its
//! suggested bump is at least the one the tool requires and every finding has an entry of its own: one whose
//! crate item the finding names and whose bump is at least the finding's.

use super::{suggested_bump, Change, Semver};

/// What cargo-semver-checks reported for one pair of crates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// The tool and its version, for the reader of a snapshot.
    pub tool: String,
    /// The bump the tool requires (patch when it found nothing).
    pub required: Semver,
    pub findings: Vec<Finding>,
}

/// One item a lint of the tool failed on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    /// The bump the lint requires.
    pub required: Semver,
    /// The lint's name, for example `constructible_struct_adds_field`.
    pub lint: String,
    /// The item, as the tool describes it without file locations: `field Output.kind`.
    pub item: String,
}

impl Verdict {
    /// The verdict as a snapshot's text: the tool, the required bump, then one finding a line.
    pub fn render(&self) -> String {
        let mut text = format!(
            "tool: {}\nrequires: {}\n",
            self.tool,
            semver_word(self.required)
        );
        for finding in &self.findings {
            text.push_str(&format!(
                "{} {}: {}\n",
                semver_word(finding.required),
                finding.lint,
                finding.item
            ));
        }
        text
    }

    /// Reads a snapshot written by [`Verdict::render`].
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut lines = text.lines().filter(|line| !line.trim().is_empty());
        let tool = lines
            .next()
            .and_then(|line| line.strip_prefix("tool: "))
            .ok_or("a verdict starts with `tool: `")?
            .to_owned();
        let required = lines
            .next()
            .and_then(|line| line.strip_prefix("requires: "))
            .and_then(parse_semver)
            .ok_or("a verdict's second line is `requires: patch|minor|major`")?;
        let mut findings = Vec::new();
        for line in lines {
            let (level, rest) = line
                .split_once(' ')
                .ok_or_else(|| format!("unreadable finding `{line}`"))?;
            let (lint, item) = rest
                .split_once(": ")
                .ok_or_else(|| format!("unreadable finding `{line}`"))?;
            findings.push(Finding {
                required: parse_semver(level)
                    .ok_or_else(|| format!("unknown level in `{line}`"))?,
                lint: lint.to_owned(),
                item: item.to_owned(),
            });
        }
        Ok(Verdict {
            tool,
            required,
            findings,
        })
    }
}

/// Every way the changelog disagrees with a verdict; empty when it agrees.
pub fn disagreements(changes: &[Change], verdict: &Verdict) -> Vec<String> {
    let mut problems = Vec::new();
    let suggested = suggested_bump(changes);
    if suggested < verdict.required {
        problems.push(format!(
            "the changelog suggests a {} bump; cargo-semver-checks requires {}",
            semver_word(suggested),
            semver_word(verdict.required)
        ));
    }
    for finding in &verdict.findings {
        if !changes.iter().any(|change| covers(change, finding)) {
            problems.push(format!(
                "no changelog entry of at least {} for {}: {}",
                semver_word(finding.required),
                finding.lint,
                finding.item
            ));
        }
    }
    problems
}

/// Whether a change is the entry for a finding: the finding names every identifier of the change's crate item,
/// and the change's bump is at least the finding's.
fn covers(change: &Change, finding: &Finding) -> bool {
    let Some(item) = &change.rust_item else {
        return false;
    };
    let named: Vec<&str> = finding
        .item
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|word| !word.is_empty())
        .collect();
    change.semver >= finding.required
        && item
            .identifiers()
            .iter()
            .any(|path| path.iter().all(|identifier| named.contains(identifier)))
}

/// A bump as verdicts and messages spell it.
pub fn semver_word(semver: Semver) -> &'static str {
    match semver {
        Semver::Patch => "patch",
        Semver::Minor => "minor",
        Semver::Major => "major",
    }
}

fn parse_semver(word: &str) -> Option<Semver> {
    match word.trim() {
        "patch" => Some(Semver::Patch),
        "minor" => Some(Semver::Minor),
        "major" => Some(Semver::Major),
        _ => None,
    }
}
