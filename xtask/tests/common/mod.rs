//! What the tests over `specs/` share: where it is and which release files it holds.

use std::path::{Path, PathBuf};

pub fn specs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs")
}

/// Every release file under `specs/` (the manifest excluded), by directory and then oldest first.
pub fn release_files() -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![specs()];
    while let Some(directory) = pending.pop() {
        for entry in std::fs::read_dir(&directory).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml")
                && path.file_name().is_some_and(|n| n != "manifest.yaml")
            {
                found.push(path);
            }
        }
    }
    // Releases named by version sort by their numbers (3.2.2 before 3.10.0); dated ones as text.
    found.sort_by_key(|path| {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let numbers: Option<Vec<u64>> = stem.split('.').map(|part| part.parse().ok()).collect();
        (
            path.parent().unwrap().to_path_buf(),
            numbers.unwrap_or_default(),
            stem,
        )
    });
    assert!(
        found.len() >= 4,
        "expected the Astro releases under specs/, found {found:?}"
    );
    found
}

/// A path relative to `specs/`, with `/` separators.
pub fn relative(path: &Path) -> String {
    path.strip_prefix(specs())
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}
