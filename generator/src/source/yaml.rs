//! Reading YAML text, through `serde-saphyr`: it reports line and column, refuses duplicate keys and limits alias
//! expansion, so an alias bomb fails fast instead of exhausting memory.

use serde_json::Value;

use crate::diagnostics::Error;

/// Parses YAML text; `source_name` names it in errors.
pub(super) fn parse(text: &str, source_name: &str) -> Result<Value, Error> {
    serde_saphyr::from_str_with_options(text, yaml_options()).map_err(|error| Error::Syntax {
        source_name: source_name.to_owned(),
        format: "YAML",
        message: error.to_string(),
    })
}

/// How YAML is read: duplicate keys are refused, and only YAML 1.2 booleans are booleans (under YAML 1.1 rules a
/// property named `y` or `n` would become a boolean key).
pub(super) fn yaml_options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        duplicate_keys: serde_saphyr::options::DuplicateKeyPolicy::Error,
        strict_booleans: true,
    }
}
