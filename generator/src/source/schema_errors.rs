//! Applying the OpenAPI model to the raw value (a whole document's paths on every core), and when it does not
//! apply, finding the innermost part of the document at fault and the JSON pointer that names it.

use std::sync::atomic::{AtomicUsize, Ordering};

use indexmap::IndexMap;
use openapiv3::{Components, OpenAPI, PathItem, ReferenceOr, Schema};
use serde::Deserialize;
use serde_json::Value;

use super::direct::{map_of, reference_or, ReadDirect};

/// Deserializes `value`, reporting a failure with the JSON pointer serde could track.
pub(super) fn try_deserialize<T: serde::de::DeserializeOwned + 'static>(
    value: &Value,
) -> Result<T, (String, String)> {
    // A whole document is read in parallel; whatever that cannot read is read (and explained) as before.
    let mut parallel: Option<T> = None;
    if let Some(slot) = (&mut parallel as &mut dyn std::any::Any).downcast_mut::<Option<OpenAPI>>()
    {
        *slot = document_in_parallel(value);
    }
    if let Some(model) = parallel {
        return Ok(model);
    }
    // Tracking the path costs on every value, so it is paid only to explain a failure.
    if let Ok(model) = T::deserialize(value) {
        return Ok(model);
    }
    let mut track = serde_path_to_error::Track::new();
    let deserializer = serde_path_to_error::Deserializer::new(value, &mut track);
    T::deserialize(deserializer)
        .map_err(|error: serde_json::Error| (path_to_pointer(&track.path()), error.to_string()))
}

/// The entries read per claim by each thread of [`document_in_parallel`].
const ENTRIES_PER_CLAIM: usize = 64;

/// The stack of each thread of [`document_in_parallel`]: a main thread's.
const READER_STACK: usize = 8 * 1024 * 1024;

/// The model of a whole document with its path items and component schemas read on two threads, or `None` when
/// any part does not read (the caller then reads it whole, which explains the failure). Reading the model was the
/// largest serial step of generating a large document: Microsoft Graph beta's paths are 42 of its 47 MB, and
/// bungie.net's schemas are most of its 1.1 MB, which one thread read while the other was done with the paths.
/// The result is the model read whole: the document's other members, and the components' other sections, are
/// read by the model's own code with empty `paths` and `schemas`; the paths as `openapiv3::Paths` reads them
/// (members starting with `/` as path items, `x-` ones as extensions) and the schemas as entries of their map,
/// both in document order. Reading those two apart also spares the copies of them that the model's flattened
/// extensions make.
fn document_in_parallel(value: &Value) -> Option<OpenAPI> {
    use serde::de::value::MapDeserializer;

    let members = value.as_object()?;
    let paths = members.get("paths")?.as_object()?;
    let path_items: Vec<(&String, &Value)> = paths
        .iter()
        .filter(|(key, _)| key.starts_with('/'))
        .collect();
    let components = match members.get("components") {
        Some(components) => Some(components.as_object()?),
        None => None,
    };
    let schemas: Vec<(&String, &Value)> = match components.and_then(|c| c.get("schemas")) {
        Some(schemas) => schemas.as_object()?.iter().collect(),
        None => Vec::new(),
    };
    let path_runs = Runs::new(&path_items);
    let schema_runs = Runs::new(&schemas);
    let read_runs = || Some((schema_runs.read::<Schema>()?, path_runs.read::<PathItem>()?));
    let empty = Value::Object(serde_json::Map::new());
    let read_top_level_then_runs = || {
        let top_level = emptied(members, &["paths", "components"], &empty);
        let document =
            OpenAPI::deserialize(MapDeserializer::<_, serde_json::Error>::new(top_level)).ok();
        let components = components.map(|components| {
            let sections = emptied(components, DIRECT_SECTIONS, &empty);
            let mut read =
                Components::deserialize(MapDeserializer::<_, serde_json::Error>::new(sections))
                    .ok()?;
            let section = |name: &str| components.get(name);
            read.responses = read_section(section("responses"))?;
            read.parameters = read_section(section("parameters"))?;
            read.request_bodies = read_section(section("requestBodies"))?;
            read.headers = read_section(section("headers"))?;
            Some(read)
        });
        (document, components, read_runs())
    };
    // Both halves run on threads of their own with a main thread's stack, whatever stack the caller has (the
    // tests lower on 512 KiB, which the model's deserializers overrun in a debug build).
    let (first, second) = std::thread::scope(|scope| {
        let reader = || std::thread::Builder::new().stack_size(READER_STACK);
        let second = reader().spawn_scoped(scope, read_runs).ok();
        let first = reader().spawn_scoped(scope, read_top_level_then_runs).ok();
        let first = first.and_then(|handle| handle.join().ok());
        let second = second.and_then(|handle| handle.join().ok()).flatten();
        (first, second)
    });
    let (document, read_components, mine) = first?;
    let mut document = document?;
    let (my_schemas, my_items) = mine?;
    let (their_schemas, their_items) = second?;
    if let Some(read_components) = read_components {
        let mut read_components = read_components?;
        let mut schema_values = in_order(my_schemas, their_schemas);
        read_components.schemas.reserve(schemas.len());
        for (name, _) in schemas {
            read_components
                .schemas
                .insert(name.clone(), *schema_values.next()?);
        }
        document.components = Some(read_components);
    }
    let mut items = in_order(my_items, their_items);
    document.paths.paths.reserve(path_items.len());
    for (key, member) in paths {
        if key.starts_with('/') {
            document.paths.paths.insert(key.clone(), *items.next()?);
        } else if key.starts_with("x-") {
            document
                .paths
                .extensions
                .insert(key.clone(), member.clone());
        }
    }
    Some(document)
}

/// The sections of `components` read apart from the rest, by [`reference_or`]: `schemas` in runs on both threads,
/// these four on the first.
const DIRECT_SECTIONS: &[&str] = &[
    "schemas",
    "responses",
    "parameters",
    "requestBodies",
    "headers",
];

/// One section of `components` (missing when `None`) as its map of references or `T`s; `None` when any entry does
/// not read, or the section is not an object.
fn read_section<T: ReadDirect>(
    section: Option<&Value>,
) -> Option<IndexMap<String, ReferenceOr<T>>> {
    match section {
        Some(section) => map_of(section, |entry| reference_or(entry).ok()),
        None => Some(IndexMap::new()),
    }
}

/// The members of `object`, those named in `left_out` with `empty` as their value.
fn emptied<'v>(
    object: &'v serde_json::Map<String, Value>,
    left_out: &'static [&'static str],
    empty: &'v Value,
) -> impl Iterator<Item = (&'v str, &'v Value)> {
    object.iter().map(move |(key, member)| {
        let member = if left_out.contains(&key.as_str()) {
            empty
        } else {
            member
        };
        (key.as_str(), member)
    })
}

/// The entries of one JSON object, read in runs that each thread claims until none are left; a run's values
/// keep their place by the index of its first entry.
struct Runs<'v> {
    entries: &'v [(&'v String, &'v Value)],
    claimed: AtomicUsize,
}

impl<'v> Runs<'v> {
    fn new(entries: &'v [(&'v String, &'v Value)]) -> Self {
        Runs {
            entries,
            claimed: AtomicUsize::new(0),
        }
    }

    /// The runs this thread claimed, read as `T`s; `None` when any entry does not read. Each value is boxed until
    /// it reaches its map: a path item holds eight operations inline (8.7 KB), and was copied again at each move
    /// through the runs and their merge.
    fn read<T: ReadDirect>(&self) -> Option<Vec<Run<T>>> {
        let mut runs = Vec::new();
        loop {
            let start = self.claimed.fetch_add(ENTRIES_PER_CLAIM, Ordering::Relaxed);
            if start >= self.entries.len() {
                return Some(runs);
            }
            let end = (start + ENTRIES_PER_CLAIM).min(self.entries.len());
            let mut values = Vec::with_capacity(end - start);
            for (_, value) in &self.entries[start..end] {
                values.push(Box::new(reference_or(value).ok()?));
            }
            runs.push((start, values));
        }
    }
}

/// The index of a run's first entry, and its values.
type Run<T> = (usize, Vec<Box<ReferenceOr<T>>>);

/// The values of two threads' runs, in the order of their entries.
fn in_order<T>(
    mut runs: Vec<(usize, Vec<T>)>,
    others: Vec<(usize, Vec<T>)>,
) -> impl Iterator<Item = T> {
    runs.extend(others);
    runs.sort_unstable_by_key(|(start, _)| *start);
    runs.into_iter().flat_map(|(_, values)| values)
}

/// Finds the innermost part of the document that fails to deserialize.
///
/// The OpenAPI model flattens extensions into most objects, and serde loses the path inside a flattened struct, so
/// a failure deep in an operation is first reported at `#/paths`. This walks down the known structure and tries
/// each part on its own to name the operation, parameter, body, response or component that is wrong.
pub(super) fn locate_schema_error(document: &Value) -> Option<(String, String)> {
    use crate::diagnostics::pointer_join;
    use openapiv3::{Parameter, PathItem, ReferenceOr, RequestBody, Response, Schema};

    fn prefixed(base: &str, (inner, message): (String, String)) -> (String, String) {
        (format!("{base}{}", inner.trim_start_matches('#')), message)
    }

    if let Some(paths) = document.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            let item_pointer = pointer_join("#/paths", &[path]);
            let Err(item_error) = try_deserialize::<ReferenceOr<PathItem>>(item) else {
                continue;
            };
            for (method, operation) in item.as_object().into_iter().flatten() {
                let operation_pointer = pointer_join(&item_pointer, &[method]);
                for (index, parameter) in operation
                    .get("parameters")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .enumerate()
                {
                    if let Err(error) = try_deserialize::<ReferenceOr<Parameter>>(parameter) {
                        return Some(prefixed(
                            &pointer_join(&operation_pointer, &["parameters", &index.to_string()]),
                            error,
                        ));
                    }
                }
                if let Some(body) = operation.get("requestBody") {
                    if let Err(error) = try_deserialize::<ReferenceOr<RequestBody>>(body) {
                        return Some(prefixed(
                            &pointer_join(&operation_pointer, &["requestBody"]),
                            error,
                        ));
                    }
                }
                match operation.get("responses").and_then(Value::as_object) {
                    Some(responses) => {
                        for (status, response) in responses {
                            if let Err(error) = try_deserialize::<ReferenceOr<Response>>(response) {
                                return Some(prefixed(
                                    &pointer_join(&operation_pointer, &["responses", status]),
                                    error,
                                ));
                            }
                        }
                    }
                    None if operation.is_object() && method != "parameters" => {
                        return Some((
                            pointer_join(&operation_pointer, &["responses"]),
                            "`responses` must be an object".to_owned(),
                        ));
                    }
                    None => {}
                }
            }
            return Some(prefixed(&item_pointer, item_error));
        }
    }
    let components = document.get("components")?.as_object()?;
    for (section, entries) in components {
        for (name, entry) in entries.as_object().into_iter().flatten() {
            let pointer = pointer_join("#/components", &[section, name]);
            let result = match section.as_str() {
                "schemas" => try_deserialize::<ReferenceOr<Schema>>(entry).err(),
                "parameters" => try_deserialize::<ReferenceOr<Parameter>>(entry).err(),
                "requestBodies" => try_deserialize::<ReferenceOr<RequestBody>>(entry).err(),
                "responses" => try_deserialize::<ReferenceOr<Response>>(entry).err(),
                "securitySchemes" => {
                    try_deserialize::<ReferenceOr<openapiv3::SecurityScheme>>(entry).err()
                }
                _ => None,
            };
            if let Some(error) = result {
                return Some(prefixed(&pointer, error));
            }
        }
    }
    None
}

fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::from("#");
    for segment in path.iter() {
        pointer.push('/');
        match segment {
            Segment::Seq { index } => pointer.push_str(&index.to_string()),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                pointer.push_str(&crate::diagnostics::escape_pointer_token(key))
            }
            Segment::Unknown => pointer.push('?'),
        }
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The model read on two threads is the model read whole, on a document of our own with every part that is
    /// read apart (path items and `x-` members of `paths`, component schemas beside other sections and `x-`
    /// members of `components`, more entries than one claim) and on every JSON document of the corpus that the
    /// model reads.
    #[test]
    fn parallel_read_is_the_whole_read() {
        let schemas: serde_json::Map<String, Value> = (0..150)
            .map(|index| {
                let schema = match index % 3 {
                    0 => serde_json::json!({"type": "string", "enum": ["a", "b"]}),
                    1 => serde_json::json!({"$ref": "#/components/schemas/S0"}),
                    _ => serde_json::json!({"type": "object", "properties": {"x": {"type": "integer"}}}),
                };
                (format!("S{index}"), schema)
            })
            .collect();
        let paths: serde_json::Map<String, Value> = (0..100)
            .map(|index| {
                let item =
                    serde_json::json!({"get": {"responses": {"200": {"description": "ok"}}}});
                (format!("/items/{index}"), item)
            })
            .chain([("x-paths-note".to_owned(), serde_json::json!({"kept": true}))])
            .collect();
        let own = serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "x-top": 1,
            "paths": paths,
            "components": {
                "schemas": schemas,
                "responses": {"Gone": {"description": "gone"}},
                "x-components-note": "kept"
            }
        });
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
        let mut documents = vec![own];
        for entry in std::fs::read_dir(&corpus).expect("the corpus folder") {
            let path = entry.expect("a corpus entry").path();
            if path
                .extension()
                .is_some_and(|extension| extension == "json")
            {
                let text = std::fs::read_to_string(&path).expect("a corpus document");
                documents.push(serde_json::from_str(&text).expect("corpus JSON"));
            }
        }
        // The model's deserializers need a main thread's stack in a debug build.
        let compared = std::thread::Builder::new()
            .stack_size(READER_STACK)
            .spawn(move || {
                let mut compared = 0;
                for document in &documents {
                    let Ok(whole) = OpenAPI::deserialize(document) else {
                        continue;
                    };
                    assert!(document_in_parallel(document) == Some(whole));
                    compared += 1;
                }
                compared
            })
            .expect("a reader thread")
            .join()
            .expect("the comparison");
        assert!(compared >= 6, "only {compared} documents compared");
    }
}
