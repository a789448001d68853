//! The fixture mutations of the semver audit: `xtask/tests/semver-audit/base.yaml` changed one way at a time by
//! the edits `mutations.yaml` lists (`set`, `remove`, `move` at JSON pointers). The audit command and the test
//! that checks its snapshots both read them through this file, so they build the same documents.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

/// One mutation: its name (the snapshot's), the rule it exercises, and its edits.
#[derive(Debug, Deserialize)]
pub struct Mutation {
    pub name: String,
    pub rule: String,
    pub edits: Vec<Edit>,
}

/// One edit of the base document.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Edit {
    /// Puts `value` at the pointer, replacing what is there; an array index one past the end appends.
    Set {
        set: String,
        value: Value,
    },
    Remove {
        remove: String,
    },
    /// Moves the value at one pointer to another (a renamed key).
    Move {
        #[serde(rename = "move")]
        from: String,
        to: String,
    },
}

/// The folder of the base document, the mutations and their verdicts.
pub fn folder(root: &Path) -> PathBuf {
    root.join("xtask/tests/semver-audit")
}

/// The base document as JSON.
pub fn base(root: &Path) -> Result<Value, String> {
    let path = folder(root).join("base.yaml");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_saphyr::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn mutations(root: &Path) -> Result<Vec<Mutation>, String> {
    let path = folder(root).join("mutations.yaml");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_saphyr::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The base document with one mutation applied, as JSON text.
pub fn apply(base: &Value, mutation: &Mutation) -> Result<String, String> {
    let mut document = base.clone();
    for edit in &mutation.edits {
        match edit {
            Edit::Set { set, value } => put(&mut document, set, value.clone())?,
            Edit::Remove { remove } => {
                take(&mut document, remove)?;
            }
            Edit::Move { from, to } => {
                let value = take(&mut document, from)?;
                put(&mut document, to, value)?;
            }
        }
    }
    serde_json::to_string_pretty(&document).map_err(|e| e.to_string())
}

/// A pointer's parent and last token, unescaped.
fn split(pointer: &str) -> Result<(&str, String), String> {
    let (parent, last) = pointer
        .rsplit_once('/')
        .ok_or_else(|| format!("`{pointer}` is not a JSON pointer"))?;
    Ok((parent, last.replace("~1", "/").replace("~0", "~")))
}

fn put(document: &mut Value, pointer: &str, value: Value) -> Result<(), String> {
    let (parent, key) = split(pointer)?;
    match document.pointer_mut(parent) {
        Some(Value::Object(object)) => {
            object.insert(key, value);
            Ok(())
        }
        Some(Value::Array(array)) => {
            let index: usize = key
                .parse()
                .map_err(|_| format!("`{pointer}`: not an index"))?;
            match index.cmp(&array.len()) {
                std::cmp::Ordering::Less => array[index] = value,
                std::cmp::Ordering::Equal => array.push(value),
                std::cmp::Ordering::Greater => return Err(format!("`{pointer}`: past the end")),
            }
            Ok(())
        }
        _ => Err(format!(
            "`{parent}` is not an object or array of the base document"
        )),
    }
}

fn take(document: &mut Value, pointer: &str) -> Result<Value, String> {
    let (parent, key) = split(pointer)?;
    let taken = match document.pointer_mut(parent) {
        Some(Value::Object(object)) => object.shift_remove(&key),
        Some(Value::Array(array)) => key
            .parse::<usize>()
            .ok()
            .filter(|index| *index < array.len())
            .map(|index| array.remove(index)),
        _ => None,
    };
    taken.ok_or_else(|| format!("`{pointer}` is not in the base document"))
}
