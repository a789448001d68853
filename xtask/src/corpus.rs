//! `cargo xtask corpus [DIR]`: generates a crate for every OpenAPI document in DIR (default `../shared/corpus`)
//! and checks that each compiles, printing one line per document (with its JSON-value fallbacks: schemas typed
//! as `serde_json::Value` for want of a model) and a closing `N passed, M failed` line with the fallback total.
//! Every version the generator reads is expected to generate: a refusal is a failure. The fallbacks are held to a
//! ratchet, `xtask/corpus-fallbacks.txt`: a listed document with more than its number fails the run.
//!
//! Each crate is checked with every tag and the types no operation uses (`unused-types`), so that every type is
//! compiled. The first document split by tag is also checked with its smallest tag alone, which must compile
//! without a warning: one cheap check that a one-tag build has every type its tag needs and imports nothing it
//! does not use.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use generator::package::{single_api_crate, PackageInfo};

/// What happened to one document.
enum Outcome {
    /// Compiled, with this many JSON-value fallbacks.
    Passed {
        fallbacks: usize,
    },
    Failed(String),
}

/// Whether a warning says a schema was typed as a JSON value because the generator could not model it.
fn is_fallback(message: &str) -> bool {
    message.contains("typed as a JSON value") || message.contains("not modelled")
}

pub fn run(root: &Path, directory: Option<&str>) -> Result<(), String> {
    let corpus = directory
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/corpus"));
    let mut documents: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .map_err(|error| format!("cannot list {}: {error}", corpus.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("json" | "yaml" | "yml")
            )
        })
        .collect();
    documents.sort();
    let corpus = Corpus {
        root,
        scratch: root.join("target/corpus"),
        target: root.join("target/corpus/target"),
    };
    let ratchet = read_ratchet(&root.join("xtask/corpus-fallbacks.txt"))?;
    let (mut passed, mut failed, mut fallbacks) = (0, 0, 0);
    let mut one_tag_checked = false;
    for document in &documents {
        let name = document
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("document")
            .to_owned();
        let outcome = corpus.check_document(document, &name, &mut one_tag_checked);
        match outcome {
            Outcome::Passed { fallbacks: count } => {
                fallbacks += count;
                match ratchet.get(&name) {
                    Some(allowed) if count > *allowed => {
                        failed += 1;
                        println!(
                            "{name:<22} FAILED: {count} JSON-value fallbacks, more than the {allowed} \
                             xtask/corpus-fallbacks.txt allows"
                        );
                    }
                    Some(allowed) if count < *allowed => {
                        passed += 1;
                        println!("{name:<22} {count} fallbacks: lower its line in xtask/corpus-fallbacks.txt from {allowed}");
                    }
                    _ => passed += 1,
                }
            }
            Outcome::Failed(message) => {
                failed += 1;
                println!("{name:<22} FAILED: {message}");
            }
        }
    }
    if !one_tag_checked {
        println!("no document is split by tag: no one-tag check");
    }
    println!("{passed} passed, {failed} failed; {fallbacks} JSON-value fallbacks in all");
    if failed > 0 {
        Err(format!("{failed} document(s) failed"))
    } else {
        Ok(())
    }
}

/// The most fallbacks each listed document may have, by file stem.
fn read_ratchet(path: &Path) -> Result<std::collections::BTreeMap<String, usize>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| {
            let (name, count) = line.rsplit_once(' ').ok_or_else(|| {
                format!("{}: `{line}` is not `<document> <count>`", path.display())
            })?;
            let count = count
                .parse()
                .map_err(|_| format!("{}: `{count}` is not a count", path.display()))?;
            Ok((name.trim().to_owned(), count))
        })
        .collect()
}

/// Where the corpus crates are written and built.
struct Corpus<'a> {
    root: &'a Path,
    scratch: PathBuf,
    target: PathBuf,
}

impl Corpus<'_> {
    /// Generates and checks one document's crate; the first split by tag (`one_tag_checked` still false) is also
    /// checked with its smallest tag alone.
    fn check_document(&self, document: &Path, name: &str, one_tag_checked: &mut bool) -> Outcome {
        let started = Instant::now();
        let lowered = match generator::lower_file(document) {
            Ok(lowered) => lowered,
            Err(error) => return Outcome::Failed(first_lines(&error.to_string(), 12)),
        };
        let fallbacks = lowered
            .warnings
            .iter()
            .filter(|warning| is_fallback(&warning.message))
            .count();
        let crate_name = format!("corpus-{}", name.replace(['_', '.'], "-"));
        let package = PackageInfo {
            name: &crate_name,
            version: "0.0.0",
            description: "corpus check",
            extra_manifest: "",
            standalone: true,
        };
        let files = match single_api_crate(&lowered.api, &package) {
            Ok(files) => files,
            Err(error) => return Outcome::Failed(error.to_string()),
        };
        let generation = started.elapsed();
        let crate_dir = self.scratch.join(name);
        let _ = std::fs::remove_dir_all(crate_dir.join("src"));
        if let Err(error) = generator::package::write_files(&crate_dir, &files) {
            return Outcome::Failed(error.to_string());
        }
        let lines: usize = files
            .iter()
            .filter(|f| f.path.ends_with(".rs"))
            .map(|f| f.contents.lines().count())
            .sum();
        let _ = std::fs::copy(self.root.join("Cargo.lock"), crate_dir.join("Cargo.lock"));
        let features = generator::emit::group_features(&lowered.api);
        // Every type compiled: the tags are on by default, the types no operation uses are not.
        let every_type: Vec<&str> = features
            .iter()
            .filter(|(feature, _)| feature == generator::emit::UNUSED_TYPES_FEATURE)
            .flat_map(|(feature, _)| ["--features", feature.as_str()])
            .collect();
        let check_started = Instant::now();
        let output = self.cargo_check(&crate_dir, &every_type);
        let check = check_started.elapsed();
        let summary = format!(
            "{name:<22} {:>5} ops {:>5} types {:>7} lines  gen {:>6.2}s  check {:>6.1}s  {} warnings  {fallbacks} fallbacks",
            lowered.api.operations.len(),
            lowered.api.types.len(),
            lines,
            generation.as_secs_f64(),
            check.as_secs_f64(),
            lowered.warnings.len()
        );
        match output {
            Ok(output) if output.status.success() => println!("{summary}  ok"),
            Ok(output) => {
                println!("{summary}  does not compile");
                return Outcome::Failed(first_lines(&String::from_utf8_lossy(&output.stderr), 12));
            }
            Err(error) => return Outcome::Failed(format!("cannot run cargo: {error}")),
        }
        if !*one_tag_checked {
            if let Some(tag) = smallest_tag(&lowered.api) {
                *one_tag_checked = true;
                if let Err(message) = self.check_one_tag(&crate_dir, name, &tag) {
                    return Outcome::Failed(message);
                }
            }
        }
        Outcome::Passed { fallbacks }
    }

    /// `cargo check` of `tag` alone, which must compile without a warning.
    fn check_one_tag(&self, crate_dir: &Path, name: &str, tag: &str) -> Result<(), String> {
        let started = Instant::now();
        let output = self
            .cargo_check(crate_dir, &["--no-default-features", "--features", tag])
            .map_err(|error| format!("cannot run cargo: {error}"))?;
        let stderr = String::from_utf8_lossy(&output.stderr);
        let warnings: Vec<&str> = stderr
            .lines()
            .filter(|line| line.contains("warning:"))
            .collect();
        println!(
            "{name:<22} `{tag}` alone: check {:>6.1}s  {} compiler warnings  {}",
            started.elapsed().as_secs_f64(),
            warnings.len(),
            if output.status.success() && warnings.is_empty() {
                "ok"
            } else {
                "FAILED"
            }
        );
        if !output.status.success() {
            return Err(format!(
                "`{tag}` alone does not compile:\n  {}",
                first_lines(&stderr, 12)
            ));
        }
        if !warnings.is_empty() {
            return Err(format!(
                "`{tag}` alone compiles with warnings:\n  {}",
                first_lines(&warnings.join("\n"), 12)
            ));
        }
        Ok(())
    }

    fn cargo_check(
        &self,
        crate_dir: &Path,
        features: &[&str],
    ) -> std::io::Result<std::process::Output> {
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
            .args(["check", "--quiet", "--message-format", "short"])
            .args(features)
            .current_dir(crate_dir)
            .env("CARGO_TARGET_DIR", &self.target)
            .output()
    }
}

/// The tag with the fewest operations (the first in name order on a tie), or `None` when the crate is not split.
fn smallest_tag(api: &generator::ir::Api) -> Option<String> {
    let features = generator::emit::group_features(api);
    let mut counts: std::collections::BTreeMap<&str, usize> = features
        .iter()
        .filter(|(feature, _)| feature != generator::emit::UNUSED_TYPES_FEATURE)
        .map(|(feature, _)| (feature.as_str(), 0))
        .collect();
    for operation in &api.operations {
        if let Some(group) = &operation.group {
            if let Some(count) = counts.get_mut(group.trim_start_matches("r#")) {
                *count += 1;
            }
        }
    }
    counts
        .into_iter()
        .min_by_key(|(_, count)| *count)
        .map(|(tag, _)| tag.to_owned())
}

fn first_lines(text: &str, count: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = lines
        .iter()
        .take(count)
        .copied()
        .collect::<Vec<_>>()
        .join("\n  ");
    if lines.len() > count {
        out.push_str(&format!("\n  … {} more lines", lines.len() - count));
    }
    out
}
