//! Applying the OpenAPI model to the raw value (a whole document's paths on every core), and when it does not
//! apply, finding the innermost part of the document at fault and the JSON pointer that names it.

use std::sync::atomic::{AtomicUsize, Ordering};

use openapiv3::{OpenAPI, PathItem, ReferenceOr};
use serde::Deserialize;
use serde_json::Value;

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

/// The path items read per claim by each thread of [`document_in_parallel`].
const PATHS_PER_CLAIM: usize = 64;

/// The stack of each thread of [`document_in_parallel`]: a main thread's.
const READER_STACK: usize = 8 * 1024 * 1024;

/// The model of a whole document with its path items read on two threads, or `None` when any part does not read
/// (the caller then reads it whole, which explains the failure). Reading the model was the largest serial step
/// of generating a large document: Microsoft Graph beta's paths are 42 of its 47 MB. The result is the model
/// read whole: the document's other members are read by the model's own code, with an empty `paths`, and the
/// paths as `openapiv3::Paths` reads them (members starting with `/` as path items, `x-` ones as extensions, in
/// document order). Reading the top level apart also spares the copy of the paths that the model's flattened
/// extensions make.
fn document_in_parallel(value: &Value) -> Option<OpenAPI> {
    use serde::de::value::MapDeserializer;

    let members = value.as_object()?;
    let paths: Vec<(&String, &Value)> = members.get("paths")?.as_object()?.iter().collect();
    let claimed = AtomicUsize::new(0);
    // Each thread claims runs of path items until none are left; a run's items keep their place by its index.
    let read_runs = || -> Option<Vec<(usize, Vec<ReferenceOr<PathItem>>)>> {
        let mut runs = Vec::new();
        loop {
            let start = claimed.fetch_add(PATHS_PER_CLAIM, Ordering::Relaxed);
            if start >= paths.len() {
                return Some(runs);
            }
            let end = (start + PATHS_PER_CLAIM).min(paths.len());
            let items = paths[start..end]
                .iter()
                .filter(|(key, _)| key.starts_with('/'))
                .map(|(_, item)| ReferenceOr::<PathItem>::deserialize(*item).ok())
                .collect::<Option<Vec<_>>>()?;
            runs.push((start, items));
        }
    };
    let no_paths = Value::Object(serde_json::Map::new());
    let read_top_level_then_runs = || {
        let top_level = members.iter().map(|(key, member)| {
            let member = if key == "paths" { &no_paths } else { member };
            (key.as_str(), member)
        });
        let document =
            OpenAPI::deserialize(MapDeserializer::<_, serde_json::Error>::new(top_level)).ok();
        (document, read_runs())
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
    let (document, mine) = first?;
    let mut document = document?;
    let mut runs = mine?;
    runs.extend(second?);
    runs.sort_unstable_by_key(|(start, _)| *start);
    let mut items = runs.into_iter().flat_map(|(_, items)| items);
    for (key, member) in paths {
        if key.starts_with('/') {
            document.paths.paths.insert(key.clone(), items.next()?);
        } else if key.starts_with("x-") {
            document
                .paths
                .extensions
                .insert(key.clone(), member.clone());
        }
    }
    Some(document)
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
