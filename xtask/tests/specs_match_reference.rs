//! Our documents in `specs/` must have exactly the API surface of Astronomer's published documents, and prose of
//! our own. The references live in `../shared/specs-upstream` (outside the repository); where it is absent the
//! comparison cannot run and says so.

use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;

/// Every release file under `specs/` with its reference, as paths relative to `specs/` and `specs-upstream/`.
/// The unified v1 document is filed under `platform/v1` upstream; the 2026-04-02 IAM document exists only as a
/// reconstruction from the published changelog.
fn pairs(reference: &Path) -> Vec<(String, String)> {
    common::release_files()
        .iter()
        .map(|path| {
            let ours = common::relative(path);
            let upstream = ours
                .strip_prefix("v1/")
                .map_or(ours.clone(), |rest| format!("platform/v1/{rest}"));
            let reconstructed = upstream.replace(".yaml", ".reconstructed.yaml");
            let theirs = if reference.join(&upstream).exists() {
                upstream
            } else {
                reconstructed
            };
            (ours, theirs)
        })
        .collect()
}

/// Keys that carry prose or sample data, not API surface.
const PROSE_KEYS: &[&str] = &["description", "summary", "example", "examples"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn reference_dir() -> Option<PathBuf> {
    let directory = root().join("../shared/specs-upstream");
    directory.is_dir().then_some(directory)
}

fn read(path: &Path) -> Value {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    serde_saphyr::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// Removes prose keys everywhere except where they are names (the keys of a `properties` map).
fn surface(value: &Value, parent_key: Option<&str>) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(key, _)| {
                    parent_key == Some("properties") || !PROSE_KEYS.contains(&key.as_str())
                })
                .map(|(key, child)| (key.clone(), surface(child, Some(key))))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|item| surface(item, None)).collect()),
        other => other.clone(),
    }
}

/// JSON pointers at which two values differ (at most `limit`).
fn differences(ours: &Value, theirs: &Value, pointer: &str, out: &mut Vec<String>, limit: usize) {
    if out.len() >= limit {
        return;
    }
    match (ours, theirs) {
        (Value::Object(a), Value::Object(b)) => {
            for key in a.keys().chain(b.keys().filter(|key| !a.contains_key(*key))) {
                let child = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => differences(x, y, &child, out, limit),
                    (Some(_), None) => out.push(format!("{child}: only in ours")),
                    (None, _) => out.push(format!("{child}: missing from ours")),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (index, (x, y)) in a.iter().zip(b).enumerate() {
                differences(x, y, &format!("{pointer}/{index}"), out, limit);
            }
        }
        (a, b) if a == b => {}
        (a, b) => out.push(format!("{pointer}: ours {a} ≠ reference {b}")),
    }
}

fn normalized(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Pointers at which our prose equals the reference's (after folding case and white space).
fn copied_prose(
    ours: &Value,
    theirs: &Value,
    pointer: &str,
    parent_key: Option<&str>,
    out: &mut Vec<String>,
) {
    match (ours, theirs) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, x) in a {
                let Some(y) = b.get(key) else { continue };
                let child = format!("{pointer}/{key}");
                let is_prose =
                    parent_key != Some("properties") && (key == "description" || key == "summary");
                match (x, y) {
                    (Value::String(x), Value::String(y)) if is_prose => {
                        if !normalized(x).is_empty() && normalized(x) == normalized(y) {
                            out.push(format!("{child}: {x:?}"));
                        }
                    }
                    _ => copied_prose(x, y, &child, Some(key), out),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for (index, (x, y)) in a.iter().zip(b).enumerate() {
                copied_prose(x, y, &format!("{pointer}/{index}"), None, out);
            }
        }
        _ => {}
    }
}

#[test]
fn api_surface_matches_the_reference_exactly() {
    let Some(reference) = reference_dir() else {
        eprintln!("../shared/specs-upstream is absent: nothing to compare against");
        return;
    };
    for (ours, theirs) in pairs(&reference) {
        let ours_value = surface(&read(&root().join("specs").join(&ours)), None);
        let theirs_value = surface(&read(&reference.join(&theirs)), None);
        let mut found = Vec::new();
        differences(&ours_value, &theirs_value, "#", &mut found, 20);
        assert!(
            found.is_empty(),
            "specs/{ours} differs from the reference {theirs}:\n{}",
            found.join("\n")
        );
    }
}

#[test]
fn prose_is_our_own() {
    let Some(reference) = reference_dir() else {
        eprintln!("../shared/specs-upstream is absent: nothing to compare against");
        return;
    };
    for (ours, theirs) in pairs(&reference) {
        let mut copied = Vec::new();
        copied_prose(
            &read(&root().join("specs").join(&ours)),
            &read(&reference.join(&theirs)),
            "#",
            None,
            &mut copied,
        );
        assert!(
            copied.is_empty(),
            "specs/{ours} repeats the reference's prose at:\n{}",
            copied.join("\n")
        );
    }
}

#[test]
fn the_comparison_notices_a_changed_surface() {
    let original: Value = serde_json::json!({"paths": {"/a": {"get": {"operationId": "A", "description": "x",
        "parameters": [{"name": "offset", "in": "query"}, {"name": "limit", "in": "query"}]}}}});
    let mut swapped = original.clone();
    swapped["paths"]["/a"]["get"]["parameters"] =
        serde_json::json!([{"name": "limit", "in": "query"}, {"name": "offset", "in": "query"}]);
    let mut reworded = original.clone();
    reworded["paths"]["/a"]["get"]["description"] = Value::String("y".into());

    let mut found = Vec::new();
    differences(
        &surface(&swapped, None),
        &surface(&original, None),
        "#",
        &mut found,
        20,
    );
    assert!(
        !found.is_empty(),
        "reordered parameters must count as a difference"
    );
    found.clear();
    differences(
        &surface(&reworded, None),
        &surface(&original, None),
        "#",
        &mut found,
        20,
    );
    assert!(found.is_empty(), "descriptions are not surface: {found:?}");
    let mut copied = Vec::new();
    copied_prose(&original, &original, "#", None, &mut copied);
    assert_eq!(copied.len(), 1);
}
