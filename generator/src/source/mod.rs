//! Reading a document: YAML or JSON text → a checked OpenAPI 3.0 model.
//!
//! The text is first read into a generic JSON value, which lets the version be checked before the OpenAPI model
//! is applied (so a 3.1 or Swagger 2.0 document gets a message about its version, not about a field it happens to
//! use differently). What the model cannot hold is repaired in the value first; when the model still does not
//! apply, the error names the innermost part at fault, with its line and column.

mod json;
pub(crate) mod positions;
mod repairs;
mod schema_errors;
mod version;
mod yaml;

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
    version::check_version(&value, source_name)?;
    let mut warnings = Vec::new();
    repairs::widen_integer_bounds(&mut value, &mut "#".to_owned(), &mut warnings);
    repairs::inline_callback_references(&mut value);
    // Each retry drops at least one keyword, and at most this many are tried before the error stands.
    let mut retries = MAX_KEYWORD_REPAIRS;
    loop {
        let (pointer, message) = match schema_errors::try_deserialize::<openapiv3::OpenAPI>(&value)
        {
            Ok(model) => {
                return Ok(Document {
                    model,
                    raw: value,
                    warnings,
                })
            }
            Err(failure) => failure,
        };
        let (pointer, message) = version::type_list(&value, &message)
            .or_else(|| schema_errors::locate_schema_error(&value))
            .unwrap_or((pointer, message));
        if retries > 0 && repairs::drop_mistyped_keywords(&mut value, &pointer, &mut warnings) > 0 {
            retries -= 1;
            continue;
        }
        let wanted = positions::Wanted::pointers([pointer.as_str()]);
        let location = positions::PositionIndex::build(text, &wanted)
            .and_then(|index| index.locate(text, &pointer));
        return Err(Error::Schema {
            source_name: source_name.to_owned(),
            pointer,
            message,
            location,
        });
    }
}

/// How many times a refused document is read again after dropping mistyped keywords.
const MAX_KEYWORD_REPAIRS: usize = 64;

/// Reads the text as JSON when it starts with `{`, as YAML otherwise.
fn parse_value(text: &str, source_name: &str) -> Result<Value, Error> {
    let looks_like_json = text.trim_start().starts_with('{');
    if looks_like_json {
        json::parse(text, source_name)
    } else {
        yaml::parse(text, source_name)
    }
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
