//! The summary of a `cargo xtask directory` run: counts per outcome, the slowest documents, the JSON-value
//! fallbacks, every failure with its message, a Markdown table for the README and the closing
//! `N passed, M failed` line.

use std::collections::BTreeMap;
use std::time::Duration;

use super::outcome::Outcome;
use super::{Compiled, Run};

/// How many documents the "slowest" and "most fallbacks" lists show.
const TOP: usize = 10;

/// Prints the report; returns whether everything passed.
pub(super) fn print(run: &Run) -> bool {
    let counts = Counts::of(run);
    println!();
    println!(
        "== outcomes: {} documents in {:.0} s",
        thousands(run.documents.len()),
        run.elapsed.as_secs_f64()
    );
    for (label, count) in counts.rows(run.timeout) {
        println!("  {label:<28} {count:>6}");
    }

    let bytes: u64 = run.documents.iter().map(|document| document.size).sum();
    let summed: Duration = run.records.iter().map(|record| record.wall).sum();
    println!();
    println!(
        "== generation: {:.1} MB in {:.1} s of child time, summed over documents ({})",
        megabytes(bytes),
        summed.as_secs_f64(),
        ms_per_mb(summed, bytes)
            .map_or_else(|| "-".to_owned(), |rate| format!("{rate:.0} ms per MB")),
    );
    let mut order: Vec<usize> = (0..run.documents.len()).collect();
    order.sort_by(|&a, &b| {
        run.records[b]
            .wall
            .cmp(&run.records[a].wall)
            .then(a.cmp(&b))
    });
    println!("  the slowest {TOP}:");
    println!(
        "  {:<52} {:>9} {:>9} {:>8}  outcome",
        "document", "size", "time", "ms/MB"
    );
    for &index in order.iter().take(TOP) {
        let (document, record) = (&run.documents[index], &run.records[index]);
        println!(
            "  {:<52} {:>6.2} MB {:>7.2} s {:>8}  {}",
            document.name,
            megabytes(document.size),
            record.wall.as_secs_f64(),
            ms_per_mb(record.wall, document.size)
                .filter(|_| record.outcome != Outcome::TimedOut)
                .map_or_else(|| "-".to_owned(), |rate| format!("{rate:.0}")),
            short(&record.outcome),
        );
    }

    let total: usize = run.records.iter().map(|record| record.fallbacks).sum();
    let with: usize = run
        .records
        .iter()
        .filter(|record| record.fallbacks > 0)
        .count();
    let mut order: Vec<usize> = (0..run.documents.len())
        .filter(|&index| run.records[index].fallbacks > 0)
        .collect();
    order.sort_by(|&a, &b| {
        run.records[b]
            .fallbacks
            .cmp(&run.records[a].fallbacks)
            .then(a.cmp(&b))
    });
    println!();
    println!(
        "== JSON-value fallbacks: {} in {} documents",
        thousands(total),
        thousands(with)
    );
    for &index in order.iter().take(TOP) {
        println!(
            "  {:<52} {:>6}",
            run.documents[index].name, run.records[index].fallbacks
        );
    }

    println!();
    println!("== failures");
    let mut any = false;
    for (heading, wanted) in [
        ("crashed", Wanted::Crashed),
        ("timed out", Wanted::TimedOut),
        ("refused (not for its version)", Wanted::Invalid),
    ] {
        let failures: Vec<String> = run
            .documents
            .iter()
            .zip(&run.records)
            .filter(|(_, record)| wanted.matches(&record.outcome))
            .map(|(document, record)| format!("  {}: {}", document.name, record.outcome.message()))
            .collect();
        if !failures.is_empty() {
            any = true;
            println!("{heading} ({}):", failures.len());
            for line in failures {
                println!("{line}");
            }
        }
    }
    let compile_failures: Vec<String> = run
        .compiled
        .iter()
        .filter_map(|(index, compiled, _)| {
            let name = &run.documents[*index].name;
            match compiled {
                Compiled::Passed => None,
                Compiled::Failed(message) => {
                    Some(format!("  {name}: does not compile:\n    {message}"))
                }
                Compiled::TimedOut => Some(format!("  {name}: `cargo check` timed out")),
            }
        })
        .collect();
    if !compile_failures.is_empty() {
        any = true;
        println!("compile failures ({}):", compile_failures.len());
        for line in compile_failures {
            println!("{line}");
        }
    }
    if !any {
        println!("  none");
    }

    println!();
    println!("== summary table (README)");
    println!("| outcome | documents |");
    println!("|---|---:|");
    for (label, count) in counts.rows(run.timeout) {
        println!("| {label} | {count} |");
    }
    println!("| **total** | {} |", thousands(run.documents.len()));
    if !run.compiled.is_empty() {
        println!(
            "| compiled, of a sample of {} generated crates | {} |",
            run.compiled.len(),
            counts.compiled
        );
    }
    println!();
    let phases: Vec<String> = run
        .phases
        .iter()
        .map(|(phase, time)| format!("{phase} {:.0} s", time.as_secs_f64()))
        .collect();
    println!(
        "time: {:.0} s ({})",
        run.elapsed.as_secs_f64(),
        phases.join(", ")
    );
    println!("{} passed, {} failed", counts.passed, counts.failed);
    counts.failed == 0
}

/// Which failures a list shows.
#[derive(Clone, Copy)]
enum Wanted {
    Crashed,
    TimedOut,
    Invalid,
}

impl Wanted {
    fn matches(self, outcome: &Outcome) -> bool {
        matches!(
            (self, outcome),
            (Wanted::Crashed, Outcome::Crashed(_))
                | (Wanted::TimedOut, Outcome::TimedOut)
                | (Wanted::Invalid, Outcome::RefusedInvalid(_))
        )
    }
}

/// The numbers of documents in each class.
struct Counts {
    generated: usize,
    /// By version (`OpenAPI 3.1`, `Swagger 2.0`), in order.
    versions: BTreeMap<String, usize>,
    invalid: usize,
    crashed: usize,
    timed_out: usize,
    compiled: usize,
    passed: usize,
    failed: usize,
}

impl Counts {
    fn of(run: &Run) -> Counts {
        let mut counts = Counts {
            generated: 0,
            versions: BTreeMap::new(),
            invalid: 0,
            crashed: 0,
            timed_out: 0,
            compiled: 0,
            passed: 0,
            failed: 0,
        };
        for record in &run.records {
            match &record.outcome {
                Outcome::Generated => counts.generated += 1,
                Outcome::RefusedVersion { version, .. } => {
                    *counts.versions.entry(version.clone()).or_default() += 1
                }
                Outcome::RefusedInvalid(_) => counts.invalid += 1,
                Outcome::Crashed(_) => counts.crashed += 1,
                Outcome::TimedOut => counts.timed_out += 1,
            }
        }
        counts.compiled = run
            .compiled
            .iter()
            .filter(|(_, compiled, _)| matches!(compiled, Compiled::Passed))
            .count();
        let compile_failures = run.compiled.len() - counts.compiled;
        // A crate that does not compile was generated: its document counts once on each side.
        counts.passed = run
            .records
            .iter()
            .filter(|record| record.outcome.passed())
            .count();
        counts.failed = counts.invalid + counts.crashed + counts.timed_out + compile_failures;
        counts
    }

    /// (label, count) for each outcome; the version refusals one row per version, the failures always shown.
    fn rows(&self, timeout: Duration) -> Vec<(String, String)> {
        let mut rows = vec![("generated".to_owned(), thousands(self.generated))];
        for (version, count) in &self.versions {
            rows.push((format!("refused: {version}"), thousands(*count)));
        }
        rows.push((
            "refused: invalid document".to_owned(),
            thousands(self.invalid),
        ));
        rows.push(("crashed".to_owned(), thousands(self.crashed)));
        rows.push((
            format!("timed out (over {} s)", timeout.as_secs_f64()),
            thousands(self.timed_out),
        ));
        rows
    }
}

/// One word for an outcome in a table column.
fn short(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Generated => "generated".to_owned(),
        Outcome::RefusedVersion { version, .. } => format!("refused: {version}"),
        Outcome::RefusedInvalid(_) => "refused".to_owned(),
        Outcome::Crashed(_) => "crashed".to_owned(),
        Outcome::TimedOut => "timed out".to_owned(),
    }
}

/// Milliseconds per megabyte (10^6 bytes) of document; `None` for an empty document.
pub(super) fn ms_per_mb(wall: Duration, bytes: u64) -> Option<f64> {
    (bytes > 0).then(|| wall.as_secs_f64() * 1000.0 / megabytes(bytes))
}

fn megabytes(bytes: u64) -> f64 {
    bytes as f64 / 1_000_000.0
}

/// `2639` as `2 639`, the README's style.
fn thousands(number: usize) -> String {
    let digits = number.to_string();
    let mut out = String::new();
    for (position, digit) in digits.chars().enumerate() {
        if position > 0 && (digits.len() - position) % 3 == 0 {
            out.push(' ');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milliseconds_per_megabyte() {
        assert_eq!(
            ms_per_mb(Duration::from_millis(500), 2_000_000),
            Some(250.0)
        );
        assert_eq!(ms_per_mb(Duration::from_secs(3), 500_000), Some(6000.0));
        assert_eq!(ms_per_mb(Duration::from_secs(1), 0), None);
    }

    #[test]
    fn passed_is_generated_and_version_refused_and_failed_is_the_rest_with_compile_failures() {
        use super::super::{Document, Record};
        let outcomes = [
            Outcome::Generated,
            Outcome::Generated,
            Outcome::RefusedVersion {
                version: "OpenAPI 3.1".to_owned(),
                message: String::new(),
            },
            Outcome::RefusedInvalid(String::new()),
            Outcome::Crashed(String::new()),
            Outcome::TimedOut,
        ];
        let run = Run {
            documents: (0..outcomes.len())
                .map(|index| Document {
                    name: format!("{index}.json"),
                    path: format!("{index}.json").into(),
                    size: 1,
                    index,
                })
                .collect(),
            records: outcomes
                .into_iter()
                .map(|outcome| Record {
                    wall: Duration::ZERO,
                    outcome,
                    fallbacks: 0,
                })
                .collect(),
            compiled: vec![
                (0, Compiled::Passed, Duration::ZERO),
                (1, Compiled::Failed("error".to_owned()), Duration::ZERO),
            ],
            timeout: Duration::from_secs(120),
            phases: Vec::new(),
            elapsed: Duration::ZERO,
        };
        let counts = Counts::of(&run);
        assert_eq!((counts.passed, counts.failed, counts.compiled), (3, 4, 1));
        let rows = counts.rows(run.timeout);
        assert_eq!(rows[1], ("refused: OpenAPI 3.1".to_owned(), "1".to_owned()));
        assert_eq!(rows.len(), 5);
    }

    #[test]
    fn thousands_are_grouped_by_spaces() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(2639), "2 639");
        assert_eq!(thousands(1_234_567), "1 234 567");
    }
}
