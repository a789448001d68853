//! `cargo xtask semver-audit [API/VERSION | mutations]`: the changelog checked against cargo-semver-checks.
//!
//! For each consecutive pair of releases in `specs/` (or of one API version), and for each fixture mutation of
//! `xtask/tests/semver-audit/base.yaml`, the crates of both documents are generated and cargo-semver-checks
//! (installed into `target/semver-tools/` when missing) compares them. The changelog of the pair must suggest
//! a bump at least as large as the tool requires and have an entry for each finding
//! (`generator::changelog::audit`). Each verdict is written under `xtask/tests/semver-audit/` as a snapshot,
//! which `xtask/tests/semver_audit.rs` checks without the tool.

pub mod mutations;
mod tool;

use std::path::{Path, PathBuf};

use generator::changelog::audit::{disagreements, semver_word};
use generator::changelog::{diff, suggested_bump};
use generator::ir::Api;
use generator::package::{multi_api_crate, write_files, ApiModule, PackageInfo};

use crate::manifest::Manifest;

/// One pair of documents to audit: where its verdict goes, and both APIs.
struct Pair {
    /// `iam/v1beta1/2024-03-22__2024-04-10` or `mutations/property_removed`: the folder of its crates.
    label: String,
    /// What the report calls it.
    title: String,
    snapshot: PathBuf,
    module: String,
    old: Api,
    new: Api,
}

/// Runs the audit; `Ok(false)` when the changelog disagrees with the tool somewhere (each disagreement is
/// printed).
pub fn run(root: &Path, arguments: &[&str]) -> Result<bool, String> {
    let (astro_filter, with_astro, with_mutations) = match arguments {
        [] => (None, true, true),
        ["mutations"] => (None, false, true),
        [api] if !api.starts_with('-') => (Some(*api), true, false),
        _ => return Err("usage: cargo xtask semver-audit [API/VERSION | mutations]".to_owned()),
    };
    let tool = tool::Tool::ensure(root)?;
    let work = root.join("target/semver-audit");
    let mut pairs = Vec::new();
    if with_astro {
        pairs.extend(astro_pairs(root, astro_filter)?);
    }
    if with_mutations {
        pairs.extend(mutation_pairs(root)?);
    }
    let mut agreed = true;
    for pair in &pairs {
        let crate_of = |side: &str, api: &Api| -> Result<PathBuf, String> {
            let directory = work.join(pair.label.replace('/', "__")).join(side);
            write_crate(&directory, api, &pair.module)?;
            Ok(directory)
        };
        let baseline = crate_of("old", &pair.old)?;
        let current = crate_of("new", &pair.new)?;
        let verdict = tool.check(&baseline, &current)?;
        let changes = diff(&pair.old, &pair.new);
        let problems = disagreements(&changes, &verdict);
        println!(
            "{}: changelog {}, cargo-semver-checks {} ({} finding(s)): {}",
            pair.title,
            semver_word(suggested_bump(&changes)),
            semver_word(verdict.required),
            verdict.findings.len(),
            if problems.is_empty() {
                "agrees".to_owned()
            } else {
                format!("{} disagreement(s)", problems.len())
            }
        );
        for problem in &problems {
            println!("  - {problem}");
        }
        agreed &= problems.is_empty();
        if let Some(parent) = pair.snapshot.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(&pair.snapshot, verdict.render())
            .map_err(|e| format!("{}: {e}", pair.snapshot.display()))?;
    }
    Ok(agreed)
}

/// Every consecutive pair of releases of every API version (or of the one named).
fn astro_pairs(root: &Path, filter: Option<&str>) -> Result<Vec<Pair>, String> {
    let specs = root.join("specs");
    let manifest = Manifest::load(&specs)?;
    let mut pairs = Vec::new();
    for version in &manifest.apis {
        if filter.is_some_and(|api| api != version.directory) {
            continue;
        }
        let releases = version.releases(&specs)?;
        for window in releases.windows(2) {
            let lower = |path: &Path| {
                generator::lower_file(path)
                    .map(|lowered| lowered.api)
                    .map_err(|e| e.to_string())
            };
            let label = format!(
                "{}/{}__{}",
                version.directory, window[0].name, window[1].name
            );
            pairs.push(Pair {
                snapshot: snapshot_path(root, "astro", &label),
                title: label.clone(),
                label,
                module: version.module.clone(),
                old: lower(&window[0].path)?,
                new: lower(&window[1].path)?,
            });
        }
    }
    if pairs.is_empty() {
        return Err(format!(
            "no consecutive releases for `{}`",
            filter.unwrap_or("any API version")
        ));
    }
    Ok(pairs)
}

/// The base document against each of its mutations.
fn mutation_pairs(root: &Path) -> Result<Vec<Pair>, String> {
    let base = mutations::base(root)?;
    let lower = |text: &str, name: &str| {
        generator::lower_str(text, name)
            .map(|lowered| lowered.api)
            .map_err(|e| format!("{name}: {e}"))
    };
    let base_text = serde_json::to_string_pretty(&base).map_err(|e| e.to_string())?;
    let mut pairs = Vec::new();
    for mutation in mutations::mutations(root)? {
        let text = mutations::apply(&base, &mutation)?;
        pairs.push(Pair {
            snapshot: snapshot_path(root, "mutations", &mutation.name),
            label: format!("mutations/{}", mutation.name),
            title: format!("mutations/{} ({})", mutation.name, mutation.rule),
            module: "library".to_owned(),
            old: lower(&base_text, "base.yaml")?,
            new: lower(&text, &format!("{}.yaml", mutation.name))?,
        });
    }
    Ok(pairs)
}

/// Where a pair's verdict is kept: `xtask/tests/semver-audit/<kind>/<label>.txt`.
pub fn snapshot_path(root: &Path, kind: &str, label: &str) -> PathBuf {
    let file = label.replace('/', "__");
    mutations::folder(root)
        .join(kind)
        .join(format!("{file}.txt"))
}

/// Writes the crate of one API as the SDK lays it out (one feature-less module), replacing an earlier one.
fn write_crate(directory: &Path, api: &Api, module: &str) -> Result<(), String> {
    let modules = [ApiModule {
        api,
        module_path: module.to_owned(),
        feature: None,
        default: true,
        base_url: None,
        options: generator::emit::ClientOptions {
            token_env: None,
            split_by_tag: false,
            hand_written_modules: Vec::new(),
            version_header: None,
            doc_path: None,
        },
    }];
    let package = PackageInfo {
        name: "audited",
        // Above 1.0, so that cargo-semver-checks tells minor changes from major ones.
        version: "1.0.0",
        description: "A crate generated for the semver audit.",
        extra_manifest: "",
        standalone: true,
    };
    let files = multi_api_crate(&modules, &package, "The semver audit's crate.")
        .map_err(|e| e.to_string())?;
    let sources = directory.join("src");
    if sources.exists() {
        std::fs::remove_dir_all(&sources).map_err(|e| format!("{}: {e}", sources.display()))?;
    }
    write_files(directory, &files).map_err(|e| e.to_string())
}
