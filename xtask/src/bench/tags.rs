//! `cargo xtask bench --tags`: what a tag feature saves. For each tagged corpus document, `cargo check` of the
//! generated crate alone (its dependencies already built) with every tag on, against the tag with the most
//! operations alone. Runs alternate between the two, so a load that comes and goes weighs on both alike, and the
//! times are CPU time (user and system of cargo and its rustc), which a loaded machine barely changes.
//!
//! "Every tag" is the crate's default features, as a user gets it: every tag's feature on, `unused-types` (the types
//! no operation uses, `generator/src/emit/gates.rs`) off.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use super::{cargo, measure, seconds};

/// The corpus documents that carry several tags (Kubernetes is Swagger 2.0, read since the input-formats issue).
pub const TAGGED_DOCUMENTS: &[(&str, &str)] = &[
    ("box", "box.json"),
    ("pagerduty", "pagerduty.json"),
    ("linode", "linode.yaml"),
    ("jira", "jira.json"),
    ("kubernetes", "kubernetes.json"),
];

/// The issue's target: one tag's check takes at most this share of the all-tags check.
const TARGET_SHARE: f64 = 0.25;

pub struct TagOptions<'a> {
    pub generate: &'a Path,
    pub corpus: &'a Path,
    pub scratch: &'a Path,
    pub lock_file: &'a Path,
    pub runs: usize,
    pub documents: &'a [String],
}

struct TagResult {
    name: String,
    types: usize,
    tags: usize,
    tag: String,
    tag_operations: usize,
    operations: usize,
    all: Duration,
    one: Duration,
}

pub fn run(options: &TagOptions<'_>) -> Result<(), String> {
    let target = options.scratch.join("tags-target");
    let logs = options.scratch.join("logs");
    std::fs::create_dir_all(&logs).map_err(|error| error.to_string())?;
    let mut results = Vec::new();
    for name in options.documents {
        let file = TAGGED_DOCUMENTS
            .iter()
            .find(|(known, _)| known == name)
            .map(|(_, file)| *file)
            .ok_or_else(|| {
                let known: Vec<&str> = TAGGED_DOCUMENTS.iter().map(|(known, _)| *known).collect();
                format!(
                    "`{name}` is not a tagged document; known: {}",
                    known.join(", ")
                )
            })?;
        let document = options.corpus.join(file);
        println!("== {name} ({})", document.display());
        results.push(measure_document(options, name, &document, &target, &logs)?);
    }
    println!();
    print!("{}", table(&results, options.runs));
    Ok(())
}

fn measure_document(
    options: &TagOptions<'_>,
    name: &str,
    document: &Path,
    target: &Path,
    logs: &Path,
) -> Result<TagResult, String> {
    let lowered = generator::lower_file(document).map_err(|error| error.to_string())?;
    let api = &lowered.api;
    let mut by_tag: BTreeMap<&str, usize> = BTreeMap::new();
    for operation in &api.operations {
        if let Some(group) = &operation.group {
            *by_tag.entry(group.trim_start_matches("r#")).or_default() += 1;
        }
    }
    // The most-used tag; ties go to the first in name order, so every run picks the same one.
    let (tag, tag_operations) = by_tag
        .iter()
        .fold(
            None,
            |best: Option<(&str, usize)>, (tag, count)| match best {
                Some((_, most)) if most >= *count => best,
                _ => Some((tag, *count)),
            },
        )
        .ok_or_else(|| format!("{name} has no tags"))?;

    let crate_name = format!("bench-tags-{name}");
    let crate_dir = options.scratch.join("tags").join(name);
    let _ = std::fs::remove_dir_all(&crate_dir);
    let mut generate = Command::new(options.generate);
    generate
        .arg("--spec")
        .arg(document)
        .arg("--out")
        .arg(&crate_dir)
        .args(["--name", &crate_name]);
    let generated = measure(
        &mut generate,
        &logs.join(format!("tags-generate-{name}.log")),
    )?;
    if !generated.success {
        return Err(format!("generating {name} failed:\n{}", generated.stderr));
    }
    standalone(&crate_dir, options.lock_file)?;

    let check = |features: &[&str]| {
        let mut command = cargo();
        command
            .args(["check", "--message-format", "short"])
            .args(features)
            .current_dir(&crate_dir)
            .env("CARGO_TARGET_DIR", target)
            // A user's first build, CI, a new version: the crate compiles from scratch, not from a cache.
            .env("CARGO_INCREMENTAL", "0")
            .env_remove("RUSTFLAGS");
        command
    };
    let one_tag = ["--no-default-features", "--features", tag];
    let log = logs.join(format!("tags-check-{name}.log"));
    // The dependencies, once; they are not what a tag saves.
    let first = measure(&mut check(&[]), &log)?;
    if !first.success {
        return Err(format!("cargo check of {name} failed:\n{}", first.stderr));
    }
    let mut all = Vec::new();
    let mut one = Vec::new();
    for _ in 0..options.runs {
        for (features, times) in [(&[][..], &mut all), (&one_tag[..], &mut one)] {
            clean_crate(&crate_dir, &crate_name, target)?;
            let measured = measure(&mut check(features), &log)?;
            if !measured.success {
                return Err(format!(
                    "cargo check {} of {name} failed:\n{}",
                    features.join(" "),
                    measured.stderr
                ));
            }
            times.push(measured.cpu);
        }
    }
    all.sort();
    one.sort();
    let result = TagResult {
        name: name.to_owned(),
        types: api.types.len(),
        tags: by_tag.len(),
        tag: tag.to_owned(),
        tag_operations,
        operations: api.operations.len(),
        all: all[all.len() / 2],
        one: one[one.len() / 2],
    };
    println!(
        "  all tags {}  `{}` alone {}  ({:.0} %)",
        seconds(result.all),
        result.tag,
        seconds(result.one),
        share(&result) * 100.0
    );
    Ok(result)
}

/// Makes the crate its own workspace with our lock file, so its dependencies resolve as ours do.
fn standalone(crate_dir: &Path, lock_file: &Path) -> Result<(), String> {
    let manifest = crate_dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest)
        .map_err(|error| format!("cannot read {}: {error}", manifest.display()))?;
    if !text.lines().any(|line| line.trim() == "[workspace]") {
        std::fs::write(&manifest, format!("{text}\n[workspace]\n"))
            .map_err(|error| format!("cannot write {}: {error}", manifest.display()))?;
    }
    std::fs::copy(lock_file, crate_dir.join("Cargo.lock"))
        .map(|_| ())
        .map_err(|error| format!("cannot copy the lock file: {error}"))
}

/// Removes the crate's own build output (not its dependencies'), so the next check compiles it from scratch.
fn clean_crate(crate_dir: &Path, crate_name: &str, target: &Path) -> Result<(), String> {
    let status = cargo()
        .args(["clean", "--quiet", "-p", crate_name])
        .current_dir(crate_dir)
        .env("CARGO_TARGET_DIR", target)
        .status()
        .map_err(|error| format!("cannot run cargo clean: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("cargo clean -p {crate_name} failed"))
    }
}

fn share(result: &TagResult) -> f64 {
    result.one.as_secs_f64() / result.all.as_secs_f64()
}

fn table(results: &[TagResult], runs: usize) -> String {
    let mut text = format!(
        "CPU time (user and system, rustc included) of `cargo check` of the generated crate alone, median of {runs} alternated runs; target: one tag ≤ {:.0} % of all tags\n\n",
        TARGET_SHARE * 100.0
    );
    text.push_str("| document | types | tags | most-used tag (operations) | all tags | that tag alone | share | target |\n");
    text.push_str("|---|---:|---:|---|---:|---:|---:|---|\n");
    for result in results {
        let share = share(result);
        text.push_str(&format!(
            "| {} | {} | {} | `{}` ({} of {}) | {} | {} | {:.0} % | {} |\n",
            result.name,
            result.types,
            result.tags,
            result.tag,
            result.tag_operations,
            result.operations,
            seconds(result.all),
            seconds(result.one),
            share * 100.0,
            if share <= TARGET_SHARE {
                "met"
            } else {
                "not met"
            }
        ));
    }
    text
}
