//! Reading a document: YAML or JSON text → a checked OpenAPI 3.0 model.
//!
//! The text is first read into a generic JSON value, which lets the version be read before the OpenAPI model is
//! applied: a Swagger 2.0, OpenAPI 3.1 or 3.2 document is normalized into the 3.0 form (`normalize/`), and any
//! other version is refused by name. What the model cannot hold is repaired in the value next; when the model still
//! does not apply, the error names the innermost part at fault, with its line and column in the original text.

mod direct;
mod json;
mod normalize;
pub(crate) mod positions;
mod repairs;
mod schema_errors;
mod version;
mod yaml;

use std::path::Path;

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Error};

pub(crate) use direct::{reference_or, ReadDirect};
pub use normalize::Origin;
pub(crate) use normalize::{
    applies_to as keyword_applies_to, fits as value_fits_type, is_type_keyword,
};
pub use version::InputVersion;

/// A loaded document: the OpenAPI model, the raw JSON value it was read from (for `$ref`s that point into arbitrary
/// places, and what the 3.0 model does not hold), the version it was written in, where each part of the
/// normalized value came from, and what loading had to repair (pointing into the original document).
#[derive(Debug, Clone)]
pub struct Document {
    pub model: openapiv3::OpenAPI,
    pub raw: Value,
    pub version: InputVersion,
    pub origin: Origin,
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
    let version = version::input_version(&value, source_name)?;
    let mut warnings = Vec::new();
    let mut origin = normalize::normalize(&mut value, version, &mut warnings);
    let mut repair_warnings = Vec::new();
    repairs::widen_integer_bounds(
        &mut value,
        &mut "#".to_owned(),
        &mut origin,
        &mut repair_warnings,
    );
    repairs::inline_callback_references(&mut value);
    // Each retry drops at least one keyword, and at most this many are tried before the error stands.
    let mut retries = MAX_KEYWORD_REPAIRS;
    loop {
        let (pointer, message) = match schema_errors::try_deserialize::<openapiv3::OpenAPI>(&value)
        {
            Ok(model) => {
                origin.map_back(&mut repair_warnings);
                warnings.append(&mut repair_warnings);
                return Ok(Document {
                    model,
                    raw: value,
                    version,
                    origin,
                    warnings,
                });
            }
            Err(failure) => failure,
        };
        let (pointer, message) = version::type_list(&value, &message)
            .or_else(|| schema_errors::locate_schema_error(&value))
            .unwrap_or((pointer, message));
        if retries > 0
            && repairs::drop_mistyped_keywords(&mut value, &pointer, &mut repair_warnings) > 0
        {
            retries -= 1;
            continue;
        }
        let pointer = origin.original(&pointer);
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
        let swagger = load_str(r#"{"swagger": "1.2", "paths": {}}"#, "old.json")
            .unwrap_err()
            .to_string();
        assert!(
            swagger.contains("`swagger: 1.2`") && swagger.contains("3.2.x"),
            "{swagger}"
        );
        let v4 = load_str(
            "openapi: 4.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n",
            "d.yaml",
        )
        .unwrap_err()
        .to_string();
        assert!(
            v4.contains("`openapi: 4.0.0`") && v4.contains("Swagger 2.0"),
            "{v4}"
        );
        let unquoted = load_str("openapi: 3.1\ninfo: {title: t, version: '1'}\n", "n.yaml")
            .unwrap_err()
            .to_string();
        assert!(unquoted.contains("quote it"), "{unquoted}");
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
    fn integer_bounds_written_as_whole_floats_are_integers() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Slots: {type: integer, minimum: -1.0}\n";
        let document = load_str(text, "slots.yaml").unwrap();
        assert!(document.warnings.is_empty(), "{:?}", document.warnings);
        assert_eq!(
            document.raw["components"]["schemas"]["Slots"]["minimum"],
            -1
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
