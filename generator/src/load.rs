//! Reading a document: YAML or JSON text → a checked OpenAPI 3.0 model.
//!
//! The text is first read into a generic JSON value, which lets the version be checked before the OpenAPI model
//! is applied (so a 3.1 or Swagger 2.0 document gets a message about its version, not about a field it happens to
//! use differently). YAML goes through `serde-saphyr`, which reports line and column, refuses duplicate keys and
//! limits alias expansion, so an alias bomb fails fast instead of exhausting memory.

use std::path::Path;

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Error};

/// A loaded document: the OpenAPI model, the raw JSON value it was read from (for `$ref`s that point into arbitrary
/// places), and what loading had to repair.
#[derive(Debug, Clone)]
pub struct Document {
    pub model: openapiv3::OpenAPI,
    pub raw: Value,
    pub warnings: Vec<Diagnostic>,
}

/// Reads and checks the document at `path`.
pub fn load_file(path: &Path) -> Result<Document, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    load_str(&text, &path.display().to_string())
}

/// Parses and checks a document given as text; `source_name` names it in errors.
pub fn load_str(text: &str, source_name: &str) -> Result<Document, Error> {
    let mut value = parse_value(text, source_name)?;
    check_version(&value, source_name)?;
    let mut warnings = Vec::new();
    widen_integer_bounds(&mut value, &mut "#".to_owned(), &mut warnings);
    match try_deserialize::<openapiv3::OpenAPI>(&value) {
        Ok(model) => Ok(Document {
            model,
            raw: value,
            warnings,
        }),
        Err((pointer, message)) => {
            let (pointer, message) = type_list(&value, &message)
                .or_else(|| locate_schema_error(&value))
                .unwrap_or((pointer, message));
            let wanted = crate::positions::Wanted::pointers([pointer.as_str()]);
            let location = crate::positions::PositionIndex::build(text, &wanted)
                .and_then(|index| index.locate(text, &pointer));
            Err(Error::Schema {
                source_name: source_name.to_owned(),
                pointer,
                message,
                location,
            })
        }
    }
}

/// Drops integer bounds (`minimum`, `maximum`) that do not fit in 64 bits, with a warning. Real documents carry
/// them (OpenAI's `seed` has a minimum below `i64::MIN`, written as a rounded float), and the OpenAPI model cannot
/// hold them; no 64-bit value can violate such a bound, so dropping it loses nothing a client could check.
///
/// `pointer` is the value's JSON pointer, grown and cut back as the walk goes, since most nodes never need it.
fn widen_integer_bounds(value: &mut Value, pointer: &mut String, warnings: &mut Vec<Diagnostic>) {
    match value {
        Value::Object(object) => {
            if object.get("type").and_then(Value::as_str) == Some("integer") {
                for key in ["minimum", "maximum"] {
                    let fits = object.get(key).is_none_or(|bound| {
                        bound.is_i64() || bound.is_u64() && bound.as_u64() <= Some(i64::MAX as u64)
                    });
                    if !fits {
                        let bound = object.remove(key).unwrap_or_default();
                        warnings.push(Diagnostic::warning(
                            format!("{pointer}/{key}"),
                            format!(
                                "the integer bound {bound} does not fit in 64 bits; it is dropped"
                            ),
                        ));
                    }
                }
            }
            const_to_enum(object);
            let parent = pointer.len();
            for (key, child) in object.iter_mut() {
                pointer.push('/');
                pointer.push_str(&crate::diagnostics::escape_pointer_token(key));
                widen_integer_bounds(child, pointer, warnings);
                pointer.truncate(parent);
            }
        }
        Value::Array(items) => {
            let parent = pointer.len();
            for (index, item) in items.iter_mut().enumerate() {
                use std::fmt::Write;
                let _ = write!(pointer, "/{index}");
                widen_integer_bounds(item, pointer, warnings);
                pointer.truncate(parent);
            }
        }
        _ => {}
    }
}

/// A `type` given as a list (`[string, 'null']`, the OpenAPI 3.1 form), which the 3.0 model reports only as an
/// unexpected sequence somewhere: found and named here, first in document order.
fn type_list(document: &Value, message: &str) -> Option<(String, String)> {
    if !message.contains("sequence") {
        return None;
    }
    let mut pending = vec![("#".to_owned(), document)];
    while let Some((pointer, value)) = pending.pop() {
        match value {
            Value::Object(object) => {
                if let Some(Value::Array(types)) = object.get("type") {
                    let types: Vec<String> = types.iter().map(render_scalar).collect();
                    return Some((
                        format!("{pointer}/type"),
                        format!(
                            "`type: [{}]` is a list of types, which OpenAPI 3.1 allows and 3.0 does not; use one type \
                             (with `nullable: true` for null) or `oneOf`",
                            types.join(", ")
                        ),
                    ));
                }
                for (key, child) in object.iter().rev() {
                    let child_pointer = crate::diagnostics::pointer_join(&pointer, &[key]);
                    pending.push((child_pointer, child));
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate().rev() {
                    pending.push((format!("{pointer}/{index}"), item));
                }
            }
            _ => {}
        }
    }
    None
}

/// Deserializes `value`, reporting a failure with the JSON pointer serde could track.
/// Rewrites `const: v` (a JSON Schema keyword that OpenAPI 3.0 lacks but real 3.0 documents use) as the
/// equivalent `enum: [v]`, which the OpenAPI model keeps; an `enum` already present wins.
fn const_to_enum(object: &mut serde_json::Map<String, Value>) {
    let scalar = matches!(
        object.get("const"),
        Some(Value::String(_) | Value::Number(_) | Value::Bool(_))
    );
    if scalar && !object.contains_key("enum") {
        if let Some(value) = object.remove("const") {
            object.insert("enum".to_owned(), Value::Array(vec![value]));
        }
    }
}

fn try_deserialize<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T, (String, String)> {
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
fn locate_schema_error(document: &Value) -> Option<(String, String)> {
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

fn parse_value(text: &str, source_name: &str) -> Result<Value, Error> {
    let looks_like_json = text.trim_start().starts_with('{');
    if looks_like_json {
        serde_json::from_str::<StrictJson>(text)
            .map(|strict| strict.0)
            .map_err(|error| Error::Syntax {
                source_name: source_name.to_owned(),
                format: "JSON",
                message: error.to_string(),
            })
    } else {
        serde_saphyr::from_str_with_options(text, yaml_options()).map_err(|error| Error::Syntax {
            source_name: source_name.to_owned(),
            format: "YAML",
            message: error.to_string(),
        })
    }
}

/// A JSON value read with a check that no object repeats a key: serde_json alone keeps the last copy silently,
/// while YAML documents get the same check from `serde-saphyr`.
struct StrictJson(Value);

impl<'de> serde::Deserialize<'de> for StrictJson {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{Error as _, MapAccess, SeqAccess, Visitor};

        struct StrictVisitor;
        impl<'de> Visitor<'de> for StrictVisitor {
            type Value = StrictJson;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E>(self, value: bool) -> Result<StrictJson, E> {
                Ok(StrictJson(Value::Bool(value)))
            }
            fn visit_i64<E>(self, value: i64) -> Result<StrictJson, E> {
                Ok(StrictJson(Value::from(value)))
            }
            fn visit_u64<E>(self, value: u64) -> Result<StrictJson, E> {
                Ok(StrictJson(Value::from(value)))
            }
            fn visit_f64<E>(self, value: f64) -> Result<StrictJson, E> {
                Ok(StrictJson(Value::from(value)))
            }
            fn visit_str<E>(self, value: &str) -> Result<StrictJson, E> {
                Ok(StrictJson(Value::String(value.to_owned())))
            }
            fn visit_string<E>(self, value: String) -> Result<StrictJson, E> {
                Ok(StrictJson(Value::String(value)))
            }
            fn visit_unit<E>(self) -> Result<StrictJson, E> {
                Ok(StrictJson(Value::Null))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<StrictJson, A::Error> {
                let mut items = Vec::new();
                while let Some(StrictJson(item)) = seq.next_element()? {
                    items.push(item);
                }
                Ok(StrictJson(Value::Array(items)))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StrictJson, A::Error> {
                let mut object = serde_json::Map::new();
                while let Some(key) = map.next_key::<String>()? {
                    if object.contains_key(&key) {
                        return Err(A::Error::custom(format!(
                            "the key `{key}` appears twice in one object"
                        )));
                    }
                    let StrictJson(value) = map.next_value()?;
                    object.insert(key, value);
                }
                Ok(StrictJson(Value::Object(object)))
            }
        }
        deserializer.deserialize_any(StrictVisitor)
    }
}

/// How YAML is read: duplicate keys are refused, and only YAML 1.2 booleans are booleans (under YAML 1.1 rules a
/// property named `y` or `n` would become a boolean key).
pub(crate) fn yaml_options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        duplicate_keys: serde_saphyr::options::DuplicateKeyPolicy::Error,
        strict_booleans: true,
    }
}

fn check_version(value: &Value, source_name: &str) -> Result<(), Error> {
    let refuse = |message: String| {
        Err(Error::UnsupportedVersion {
            source_name: source_name.to_owned(),
            message,
        })
    };
    if let Some(swagger) = value.get("swagger") {
        return refuse(format!(
            "this is a Swagger {} document; only OpenAPI 3.0.x is supported. Convert it first, for example with \
             `npx swagger2openapi`, and generate from the result.",
            render_scalar(swagger)
        ));
    }
    match value.get("openapi").and_then(Value::as_str) {
        Some(version) if version.starts_with("3.0.") || version == "3.0" => Ok(()),
        Some(version) if version.starts_with("3.") => refuse(format!(
            "this is an OpenAPI {version} document; only OpenAPI 3.0.x is supported. OpenAPI 3.1 changes `type`, \
             `nullable` and `exclusiveMinimum`; publish or convert a 3.0 version of the document."
        )),
        Some(version) => refuse(format!("`openapi: {version}` is not a version this generator reads (3.0.x).")),
        None => refuse("there is no `openapi` field at the top level; is this an OpenAPI 3.0 document?".to_owned()),
    }
}

fn render_scalar(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
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

    #[test]
    fn refuses_other_versions_by_name() {
        let swagger = load_str(r#"{"swagger": "2.0", "paths": {}}"#, "k8s.json")
            .unwrap_err()
            .to_string();
        assert!(swagger.contains("Swagger 2.0"), "{swagger}");
        let v31 = load_str(
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n",
            "d.yaml",
        )
        .unwrap_err()
        .to_string();
        assert!(
            v31.contains("OpenAPI 3.1.0") && v31.contains("3.0.x"),
            "{v31}"
        );
    }

    #[test]
    fn yaml_syntax_errors_carry_a_position() {
        let error = load_str("openapi: 3.0.3\ninfo: [unclosed\n", "bad.yaml")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("bad.yaml") && error.contains("line"),
            "{error}"
        );
    }

    #[test]
    fn yaml_1_1_boolean_words_stay_strings() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    P:\n      properties:\n        y: {type: integer}\n        n: {type: integer}\n";
        let document = load_str(text, "p.yaml").unwrap();
        let schema = format!("{:?}", document.model.components.unwrap().schemas["P"]);
        assert!(
            schema.contains("\"y\"") && schema.contains("\"n\""),
            "{schema}"
        );
    }

    #[test]
    fn integer_bounds_beyond_64_bits_are_dropped_with_a_warning() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Seed: {type: integer, minimum: -9223372036854776000, maximum: 5}\n";
        let document = load_str(text, "seed.yaml").unwrap();
        assert_eq!(document.warnings.len(), 1);
        assert_eq!(
            document.warnings[0].pointer,
            "#/components/schemas/Seed/minimum"
        );
    }

    #[test]
    fn duplicate_json_keys_are_refused_with_a_position() {
        let text = "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"t\", \"version\": \"1\"},\n \"paths\": {}, \"paths\": {}}";
        let error = load_str(text, "dup.json").unwrap_err().to_string();
        assert!(
            error.contains("`paths` appears twice") && error.contains("line 2"),
            "{error}"
        );
    }

    #[test]
    fn duplicate_yaml_keys_are_refused() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\npaths: {}\n";
        assert!(load_str(text, "dup.yaml").is_err());
    }

    #[test]
    fn schema_errors_name_a_pointer() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: 5\n";
        let error = load_str(text, "s.yaml").unwrap_err().to_string();
        assert!(error.contains("#/paths/~1a/get/responses"), "{error}");
    }
}
