//! Building generated crates from the tests: shared by the fixture snapshots and the bad-input suite.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Runs `cargo check` on a generated crate with warnings denied.
pub fn check_crate(crate_dir: &Path, workspace: &Path) {
    run_cargo(crate_dir, workspace, &["check", "--quiet", "--all-targets"]);
}

/// Runs a cargo command in a generated crate with warnings denied, reusing the workspace's lock file so the same
/// dependency versions (already downloaded) are used, and one target directory for every generated crate.
pub fn run_cargo(crate_dir: &Path, workspace: &Path, arguments: &[&str]) {
    std::fs::copy(workspace.join("Cargo.lock"), crate_dir.join("Cargo.lock")).unwrap();
    let output = Command::new(env!("CARGO"))
        .args(arguments)
        .current_dir(crate_dir)
        .env(
            "CARGO_TARGET_DIR",
            workspace.join("target/generated-crates/target"),
        )
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "cargo {} failed:\n{}\n{}",
        arguments.join(" "),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
