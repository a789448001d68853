//! cargo-semver-checks as the audit uses it: installed into `target/semver-tools/` (never globally) when
//! missing, run on two generated crates as a patch release so that every minor and major lint reports, and its
//! report read into a `Verdict`.

use std::path::{Path, PathBuf};
use std::process::Command;

use generator::changelog::audit::{Finding, Verdict};
use generator::changelog::Semver;

/// The version the verdicts are taken with; the newest 0.51 release.
pub const VERSION: &str = "0.51.0";

pub struct Tool {
    binary: PathBuf,
    /// One target folder for every crate checked, so their dependencies are built once.
    target: PathBuf,
    /// Everything under it is cut from findings, which then read the same on every machine.
    work: PathBuf,
}

impl Tool {
    /// The installed tool, installing it first when it is missing.
    pub fn ensure(root: &Path) -> Result<Self, String> {
        let tools = root.join("target/semver-tools");
        let binary = tools.join("bin/cargo-semver-checks");
        if !binary.exists() {
            eprintln!(
                "installing cargo-semver-checks {VERSION} into {}",
                tools.display()
            );
            let status =
                Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
                    .args(["install", "--locked"])
                    .arg(format!("cargo-semver-checks@{VERSION}"))
                    .arg("--root")
                    .arg(&tools)
                    .status()
                    .map_err(|e| format!("cannot run cargo install: {e}"))?;
            if !status.success() {
                return Err(format!("installing cargo-semver-checks {VERSION} failed"));
            }
        }
        Ok(Tool {
            binary,
            target: root.join("target/semver-audit/target"),
            work: root.join("target/semver-audit"),
        })
    }

    /// The tool's verdict on `current` as a release after `baseline`.
    pub fn check(&self, baseline: &Path, current: &Path) -> Result<Verdict, String> {
        let as_patch = self.run(baseline, current, "patch")?;
        let mut findings = as_patch.findings;
        // Both kinds failed: a second run as a minor release tells the major lints (those still failing) apart.
        if as_patch.major > 0 && as_patch.minor > 0 {
            let as_minor = self.run(baseline, current, "minor")?;
            for finding in &mut findings {
                let major = as_minor
                    .findings
                    .iter()
                    .any(|other| other.lint == finding.lint && other.item == finding.item);
                finding.required = if major { Semver::Major } else { Semver::Minor };
            }
        }
        findings.sort();
        findings.dedup();
        Ok(Verdict {
            tool: format!("cargo-semver-checks {VERSION}"),
            required: as_patch.required,
            findings,
        })
    }

    fn run(&self, baseline: &Path, current: &Path, release_type: &str) -> Result<Report, String> {
        let output = Command::new(&self.binary)
            .args(["semver-checks", "check-release", "--color", "never"])
            .arg("--manifest-path")
            .arg(current.join("Cargo.toml"))
            .arg("--baseline-root")
            .arg(baseline)
            .args(["--release-type", release_type])
            .env("CARGO_TARGET_DIR", &self.target)
            .output()
            .map_err(|e| format!("cannot run {}: {e}", self.binary.display()))?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let work = self.work.to_string_lossy().into_owned();
        read_report(&stdout, &stderr, &work).ok_or_else(|| {
            format!(
                "cargo-semver-checks gave no summary for {}:\n{stderr}",
                current.display()
            )
        })
    }
}

/// What one run reported: its required bump, the lints' counts by level, and the findings.
struct Report {
    required: Semver,
    major: usize,
    minor: usize,
    findings: Vec<Finding>,
}

/// Reads the tool's report: `--- failure LINT: … ---` and `--- warning LINT: … ---` sections on stdout, each with
/// a `Failed in:` list, and the `Summary` on stderr.
fn read_report(stdout: &str, stderr: &str, work: &str) -> Option<Report> {
    let summary = stderr
        .lines()
        .find(|line| line.trim_start().starts_with("Summary"))?;
    let counts = |text: &str| -> (usize, usize) {
        let numbers: Vec<usize> = text
            .split_whitespace()
            .filter_map(|word| word.parse().ok())
            .collect();
        (
            numbers.first().copied().unwrap_or(0),
            numbers.get(1).copied().unwrap_or(0),
        )
    };
    let (required, major, minor) = if summary.contains("no semver update required") {
        (Semver::Patch, 0, 0)
    } else {
        let (major, minor) = counts(summary);
        let required = if summary.contains("new major version") {
            Semver::Major
        } else {
            Semver::Minor
        };
        (required, major, minor)
    };
    // Warnings count apart; their level is known when only one level warned.
    let warning_level = stderr
        .lines()
        .find(|line| line.contains("level warnings"))
        .map(|line| match counts(line) {
            (_, 0) => Semver::Major,
            _ => Semver::Minor,
        })
        .unwrap_or(Semver::Minor);
    let failure_level = if minor == 0 {
        Semver::Major
    } else {
        Semver::Minor
    };
    let mut findings = Vec::new();
    let mut current: Option<(String, Semver)> = None;
    let mut listing = false;
    for line in stdout.lines() {
        if let Some(header) = line
            .strip_prefix("--- failure ")
            .map(|rest| (rest, failure_level))
            .or_else(|| {
                line.strip_prefix("--- warning ")
                    .map(|rest| (rest, warning_level))
            })
        {
            let lint = header.0.split(':').next().unwrap_or_default().to_owned();
            current = Some((lint, header.1));
            listing = false;
        } else if line.starts_with("Failed in:") {
            listing = true;
        } else if listing && line.starts_with("  ") && !line.trim().is_empty() {
            if let Some((lint, level)) = &current {
                findings.push(Finding {
                    required: *level,
                    lint: lint.clone(),
                    item: without_location(line.trim(), work),
                });
            }
        } else if line.trim().is_empty() || !line.starts_with(' ') {
            listing = listing && line.trim().is_empty();
        }
    }
    Some(Report {
        required,
        major,
        minor,
        findings,
    })
}

/// A finding without its file locations (`… in /…/src/types.rs:12`), which differ between machines.
fn without_location(item: &str, work: &str) -> String {
    let mut words: Vec<&str> = Vec::new();
    for word in item.split_whitespace() {
        if word.starts_with(work) {
            // The location and the words that introduce it: `in`, `in file`, `previously in file`.
            while words
                .last()
                .is_some_and(|last| matches!(*last, "in" | "file" | "previously"))
            {
                words.pop();
            }
            if word.ends_with(',') {
                words.push(",");
            }
            continue;
        }
        words.push(word);
    }
    words
        .join(" ")
        .replace(" ,", ",")
        .trim_end_matches(',')
        .to_owned()
}
