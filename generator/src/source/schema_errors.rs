//! Applying the OpenAPI model to the raw value, and when it does not apply, finding the innermost part of the
//! document at fault and the JSON pointer that names it.

use serde_json::Value;

/// Deserializes `value`, reporting a failure with the JSON pointer serde could track.
pub(super) fn try_deserialize<T: serde::de::DeserializeOwned>(
    value: &Value,
) -> Result<T, (String, String)> {
    // Tracking the path costs on every value, so it is paid only to explain a failure.
    if let Ok(model) = T::deserialize(value) {
        return Ok(model);
    }
    let mut track = serde_path_to_error::Track::new();
    let deserializer = serde_path_to_error::Deserializer::new(value, &mut track);
    T::deserialize(deserializer)
        .map_err(|error: serde_json::Error| (path_to_pointer(&track.path()), error.to_string()))
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
