//! Paths and operations: each operation's media types (its own `consumes`/`produces`, else the document's), its
//! parameters split into those that stay parameters and those that make its request body (`body`, `formData`,
//! including the ones its path item shares with it and the top-level ones it references), and its responses.

use serde_json::{Map, Value};

use super::bodies::{self, FormField};
use super::parameters::{self, Placement};
use super::{media_types, responses, Conversion};
use crate::diagnostics::{pointer_join, reference_pointer, unescape_pointer_token};

/// The methods of a Swagger 2.0 path item.
const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];

pub(super) fn paths(paths: Value, conversion: &mut Conversion) -> Value {
    let Value::Object(paths) = paths else {
        return paths;
    };
    let converted = paths
        .into_iter()
        .map(|(path, item)| {
            if path.starts_with("x-") {
                return (path, item);
            }
            let pointer = pointer_join("#/paths", &[&path]);
            (path, path_item(item, &pointer, conversion))
        })
        .collect();
    Value::Object(converted)
}

/// A parameter list split by what each becomes.
#[derive(Default)]
struct Split {
    /// Parameters in the 3.0 form, in document order.
    kept: Vec<Value>,
    /// The `body` parameter and where it was written.
    body: Option<(Map<String, Value>, String)>,
    form: Vec<FormField>,
}

fn path_item(item: Value, pointer: &str, conversion: &mut Conversion) -> Value {
    let Value::Object(item) = item else {
        return item;
    };
    let mut shared = Split::default();
    if let Some(list) = item.get("parameters") {
        shared = split_parameters(
            list.clone(),
            &pointer_join(pointer, &["parameters"]),
            conversion,
        );
    }
    let mut converted = Map::new();
    for (key, value) in item {
        if key == "parameters" {
            if !shared.kept.is_empty() {
                converted.insert(key, Value::Array(std::mem::take(&mut shared.kept)));
            }
        } else if METHODS.contains(&key.as_str()) {
            let operation_pointer = pointer_join(pointer, &[&key]);
            let operation = operation(value, &operation_pointer, &shared, conversion);
            converted.insert(key, operation);
        } else {
            converted.insert(key, value);
        }
    }
    Value::Object(converted)
}

fn operation(
    operation: Value,
    pointer: &str,
    shared: &Split,
    conversion: &mut Conversion,
) -> Value {
    let Value::Object(mut operation) = operation else {
        return operation;
    };
    let consumes = media_types(operation.shift_remove("consumes").as_ref())
        .unwrap_or_else(|| conversion.consumes.clone());
    let produces = media_types(operation.shift_remove("produces").as_ref())
        .unwrap_or_else(|| conversion.produces.clone());
    operation_schemes(&mut operation, pointer, conversion);
    let mut own = Split::default();
    if let Some(list) = operation.shift_remove("parameters") {
        own = split_parameters(list, &pointer_join(pointer, &["parameters"]), conversion);
    }
    let body_pointer = pointer_join(pointer, &["requestBody"]);
    let request_body = request_body(
        own.body,
        own.form,
        shared,
        &body_pointer,
        &consumes,
        conversion,
    );
    let mut converted = Map::new();
    for (key, value) in operation {
        if key == "responses" {
            if !own.kept.is_empty() {
                converted.insert(
                    "parameters".to_owned(),
                    Value::Array(std::mem::take(&mut own.kept)),
                );
            }
            if let Some(body) = request_body.clone() {
                converted.insert("requestBody".to_owned(), body);
            }
            let responses_pointer = pointer_join(pointer, &["responses"]);
            converted.insert(
                key,
                responses::responses(value, &responses_pointer, &produces, conversion),
            );
        } else {
            converted.insert(key, value);
        }
    }
    // An operation without `responses` is refused by the model later; its parameters still go somewhere.
    if !own.kept.is_empty() {
        converted.insert("parameters".to_owned(), Value::Array(own.kept));
    }
    if let Some(body) = request_body {
        converted.entry("requestBody").or_insert(body);
    }
    Value::Object(converted)
}

/// The request body of an operation: its own `body` parameter, else the one of its path item; else its `formData`
/// fields with those of the path item it does not redefine.
fn request_body(
    body: Option<(Map<String, Value>, String)>,
    mut form: Vec<FormField>,
    shared: &Split,
    now: &str,
    consumes: &[String],
    conversion: &mut Conversion,
) -> Option<Value> {
    let body = body.or_else(|| shared.body.clone());
    let field_name = |field: &FormField| field.field.get("name").cloned();
    let redefined: Vec<Option<Value>> = form.iter().map(field_name).collect();
    let inherited = shared
        .form
        .iter()
        .filter(|field| !redefined.contains(&field_name(field)))
        .map(|field| FormField {
            field: field.field.clone(),
            written: field.written.clone(),
        });
    let mut fields: Vec<FormField> = inherited.collect();
    fields.append(&mut form);
    if let Some((parameter, written)) = body {
        for field in &fields {
            conversion.warn(
                field.written.clone(),
                "a `formData` parameter beside a `body` parameter is not generated: the body is sent",
            );
        }
        let at = Placement {
            now,
            written: &written,
        };
        return Some(bodies::from_body_parameter(
            parameter, &at, consumes, conversion,
        ));
    }
    (!fields.is_empty()).then(|| bodies::from_form_fields(fields, now, consumes, conversion))
}

/// Splits a parameter list written at `pointer` (a place that did not move) into 3.0 parameters and the parts of
/// a request body; the kept parameters are renumbered, which `Origin` records.
fn split_parameters(list: Value, pointer: &str, conversion: &mut Conversion) -> Split {
    let mut split = Split::default();
    let Value::Array(list) = list else {
        return split;
    };
    for (index, parameter) in list.into_iter().enumerate() {
        let written = format!("{pointer}/{index}");
        let Value::Object(parameter) = parameter else {
            split.kept.push(parameter);
            continue;
        };
        let (location, resolved) = match parameter.get("$ref").and_then(Value::as_str) {
            Some(reference) => match top_level_parameter(reference, conversion) {
                Some((target, target_pointer)) => {
                    (location_of(&target), Some((target, target_pointer)))
                }
                None => (String::new(), None),
            },
            None => (location_of(&parameter), None),
        };
        match location.as_str() {
            "body" if split.body.is_some() => conversion.warn(
                written,
                "a second `body` parameter is not generated: an operation sends one body",
            ),
            "body" => split.body = Some((parameter, written)),
            "formData" => {
                let (field, written) = resolved.unwrap_or((parameter, written));
                split.form.push(FormField { field, written });
            }
            _ => {
                let now = format!("{pointer}/{}", split.kept.len());
                let at = Placement {
                    now: &now,
                    written: &written,
                };
                split
                    .kept
                    .push(parameters::parameter(parameter, &at, conversion));
            }
        }
    }
    split
}

fn location_of(parameter: &Map<String, Value>) -> String {
    parameter
        .get("in")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned()
}

/// The top-level parameter a `#/parameters/<name>` reference names, with its pointer.
fn top_level_parameter(
    reference: &str,
    conversion: &Conversion,
) -> Option<(Map<String, Value>, String)> {
    let pointer = reference_pointer(reference)?;
    let token = pointer.strip_prefix("/parameters/")?;
    if token.contains('/') {
        return None;
    }
    let name = unescape_pointer_token(token);
    let parameter = conversion.parameters.get(&name)?.as_object()?.clone();
    Some((parameter, pointer_join("#/parameters", &[&name])))
}

/// An operation's own `schemes`: 3.0 has no counterpart but a server of its own, which the client does not
/// generate; a list without the scheme of the document's default server is named in a warning.
fn operation_schemes(
    operation: &mut Map<String, Value>,
    pointer: &str,
    conversion: &mut Conversion,
) {
    let Some(schemes) = operation.shift_remove("schemes") else {
        return;
    };
    let Some(default) = conversion.default_scheme.clone() else {
        return;
    };
    let listed = schemes
        .as_array()
        .is_some_and(|list| list.iter().any(|scheme| scheme.as_str() == Some(&default)));
    if !listed {
        conversion.warn(
            pointer_join(pointer, &["schemes"]),
            format!("the operation's own `schemes` are not generated: it is sent over `{default}`, like the others"),
        );
    }
}
