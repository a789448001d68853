//! The semver audit without the tool: every verdict of cargo-semver-checks kept under `xtask/tests/semver-audit/`
//! (written by `cargo xtask semver-audit`) is checked against today's changelog of the same pair. The changelog
//! must suggest at least the bump the tool required and have an entry for each finding. Every Astro release pair
//! and every fixture mutation must have a verdict, so a new release or mutation cannot go unaudited.

mod common;

#[allow(dead_code)]
#[path = "../src/semver_audit/mutations.rs"]
mod mutations;

use std::path::{Path, PathBuf};

use generator::changelog::audit::{disagreements, Verdict};
use generator::changelog::{diff, render_markdown, Change};
use generator::ir::Api;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn verdict(kind: &str, label: &str) -> Verdict {
    let path = mutations::folder(&root())
        .join(kind)
        .join(format!("{}.txt", label.replace('/', "__")));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no verdict {} — run `cargo xtask semver-audit` and commit it",
            path.display()
        )
    });
    Verdict::parse(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn lower_text(text: &str, name: &str) -> Api {
    generator::lower_str(text, name)
        .unwrap_or_else(|error| panic!("{name}: {error}"))
        .api
}

fn check(label: &str, changes: &[Change], verdict: &Verdict, failures: &mut Vec<String>) {
    for problem in disagreements(changes, verdict) {
        failures.push(format!("{label}: {problem}"));
    }
}

#[test]
fn the_changelog_of_every_release_pair_agrees_with_cargo_semver_checks() {
    let mut directories: Vec<(String, Vec<PathBuf>)> = Vec::new();
    for release in common::release_files() {
        let directory = common::relative(release.parent().unwrap());
        match directories.iter_mut().find(|(name, _)| *name == directory) {
            Some((_, releases)) => releases.push(release),
            None => directories.push((directory, vec![release])),
        }
    }
    let mut failures = Vec::new();
    let mut pairs = 0;
    for (directory, releases) in directories {
        for window in releases.windows(2) {
            let date = |path: &Path| path.file_stem().unwrap().to_string_lossy().into_owned();
            let label = format!("{directory}/{}__{}", date(&window[0]), date(&window[1]));
            let lower = |path: &Path| generator::lower_file(path).unwrap().api;
            let changes = diff(&lower(&window[0]), &lower(&window[1]));
            check(&label, &changes, &verdict("astro", &label), &mut failures);
            pairs += 1;
        }
    }
    assert!(pairs > 0);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_changelog_of_every_fixture_mutation_agrees_with_cargo_semver_checks() {
    let root = root();
    let base = mutations::base(&root).unwrap();
    let old = lower_text(&serde_json::to_string_pretty(&base).unwrap(), "base.yaml");
    let mut failures = Vec::new();
    for mutation in mutations::mutations(&root).unwrap() {
        let text = mutations::apply(&base, &mutation).unwrap();
        let new = lower_text(&text, &mutation.name);
        let changes = diff(&old, &new);
        assert!(
            !changes.is_empty(),
            "{} ({}) changes nothing the changelog sees",
            mutation.name,
            mutation.rule
        );
        // The changelog of each rule, for a reviewer: both effects of each entry in words.
        let markdown = render_markdown(&mutation.rule, &changes);
        insta::assert_snapshot!(format!("mutation__{}", mutation.name), markdown);
        check(
            &mutation.name,
            &changes,
            &verdict("mutations", &mutation.name),
            &mut failures,
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
