//! `cargo xtask corpus [DIR]`: generates a crate for every OpenAPI document in DIR (default `../shared/corpus`)
//! and checks that each compiles, printing one line per document (with its JSON-value fallbacks: schemas typed
//! as `serde_json::Value` for want of a model) and a closing `N passed, M failed` line with the fallback total.
//! Every version the generator reads is expected to generate: a refusal is a failure. The fallbacks are held to a
//! ratchet, `xtask/corpus-fallbacks.txt`: a listed document with more than its number fails the run.

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
    let scratch = root.join("target/corpus");
    let target = root.join("target/corpus/target");
    let ratchet = read_ratchet(&root.join("xtask/corpus-fallbacks.txt"))?;
    let (mut passed, mut failed, mut fallbacks) = (0, 0, 0);
    for document in &documents {
        let name = document
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("document")
            .to_owned();
        let outcome = check_document(root, document, &scratch.join(&name), &target, &name);
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

fn check_document(
    root: &Path,
    document: &Path,
    crate_dir: &Path,
    target: &Path,
    name: &str,
) -> Outcome {
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
    let _ = std::fs::remove_dir_all(crate_dir.join("src"));
    if let Err(error) = generator::package::write_files(crate_dir, &files) {
        return Outcome::Failed(error.to_string());
    }
    let lines: usize = files
        .iter()
        .filter(|f| f.path.ends_with(".rs"))
        .map(|f| f.contents.lines().count())
        .sum();
    let _ = std::fs::copy(root.join("Cargo.lock"), crate_dir.join("Cargo.lock"));
    let check_started = Instant::now();
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .args(["check", "--quiet", "--message-format", "short"])
        .current_dir(crate_dir)
        .env("CARGO_TARGET_DIR", target)
        .output();
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
        Ok(output) if output.status.success() => {
            println!("{summary}  ok");
            Outcome::Passed { fallbacks }
        }
        Ok(output) => {
            println!("{summary}  does not compile");
            Outcome::Failed(first_lines(&String::from_utf8_lossy(&output.stderr), 12))
        }
        Err(error) => Outcome::Failed(format!("cannot run cargo: {error}")),
    }
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
