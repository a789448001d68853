//! Real OpenAPI 3.1 documents (Airflow 3's REST API in four releases, Discord's API) are read with every null
//! idiom typed: not one schema falls back to a JSON value, and each optional nullable field keeps absent and null
//! apart. Their crates are compiled by `cargo xtask corpus` (`.ci/run` runs it on both folders).

use std::path::{Path, PathBuf};

fn shared(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared")
        .join(path)
}

fn fallbacks(document: &Path) -> Vec<String> {
    let lowered = generator::lower_file(document).unwrap_or_else(|error| panic!("{error}"));
    lowered
        .warnings
        .iter()
        .filter(|warning| {
            warning.message.contains("typed as a JSON value")
                || warning.message.contains("not modelled")
        })
        .map(|warning| {
            warning
                .in_source(&document.display().to_string())
                .to_string()
        })
        .collect()
}

#[test]
fn airflow_3_documents_have_no_json_value_fallback() {
    for release in ["3.0.6", "3.1.8", "3.2.2", "3.3.2"] {
        let document = shared(&format!("specs-upstream/airflow/v2/{release}.yaml"));
        assert_eq!(
            fallbacks(&document),
            Vec::<String>::new(),
            "Airflow {release}"
        );
    }
}

#[test]
fn discord_has_no_json_value_fallback() {
    assert_eq!(
        fallbacks(&shared("corpus/discord.json")),
        Vec::<String>::new()
    );
}

#[test]
fn airflow_optional_nullable_fields_keep_absent_and_null_apart() {
    let document = shared("specs-upstream/airflow/v2/3.3.2.yaml");
    let api = generator::lower_file(&document).unwrap().api;
    let patch = api
        .types
        .iter()
        .find(|def| def.rust_name == "DagRunPatchBody")
        .expect("DAGRunPatchBody is lowered");
    let generator::ir::TypeKind::Struct(data) = &patch.kind else {
        panic!("DAGRunPatchBody is a struct");
    };
    let note = data
        .fields
        .iter()
        .find(|field| field.wire_name == "note")
        .unwrap();
    assert!(note.nullable && !note.required, "{note:?}");
}
