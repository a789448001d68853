//! Snapshots of the code emitted for small fixture documents, one per feature, and a build of all of them.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{check_crate, run_cargo};

use generator::package::{multi_api_crate, ApiModule, PackageInfo};

const FIXTURES: &[&str] = &[
    "objects",
    "enums",
    "arrays_maps",
    "one_of",
    "parameters",
    "bodies",
    "responses",
    "auth",
    "formats",
    "fields",
    "pagination",
    "precision",
    "openapi31",
    "openapi32",
    "fastapi",
    "utoipa",
    "swagger2_petstore",
];

/// A fixture written by hand is YAML; one written by a real spec generator (`fastapi.json`, `utoipa.json`) is kept
/// as it wrote it, beside the program that wrote it.
fn fixture_path(name: &str) -> PathBuf {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let yaml = directory.join(format!("{name}.yaml"));
    if yaml.exists() {
        yaml
    } else {
        directory.join(format!("{name}.json"))
    }
}

fn lower_fixture(name: &str) -> generator::ir::Api {
    let lowered = generator::lower_file(&fixture_path(name))
        .unwrap_or_else(|error| panic!("{name}: {error}"));
    lowered.api
}

#[test]
fn a_schema_named_error_never_reads_error_of_error() {
    let api = lower_fixture("responses");
    let files = generator::emit::api_module(&api, "", &Default::default()).unwrap();
    let code: String = files.iter().map(|file| file.contents.as_str()).collect();
    assert!(code.contains("runtime::CallError<types::Error>"));
    assert!(
        !code.contains("runtime::Error<"),
        "operations name the runtime's error `CallError`"
    );
}

#[test]
fn emitted_code_matches_snapshots() {
    for name in FIXTURES {
        let api = lower_fixture(name);
        let files = generator::emit::api_module(&api, "", &Default::default()).unwrap();
        let combined: String = files
            .iter()
            .filter(|file| file.path != "mod.rs")
            .map(|file| format!("// ===== {} =====\n{}", file.path, file.contents))
            .collect();
        insta::assert_snapshot!(*name, combined);
    }
}

/// The examples of client methods (`emit/examples.rs`) with the statuses of `send`: a body built with `new`, one
/// taken by the hidden function when it cannot be written briefly, parameters of each type. Whether they compile
/// is checked by the doctests of the fixture crate below.
#[test]
fn doc_examples_match_snapshots() {
    for name in ["bodies", "parameters", "auth"] {
        let options = generator::emit::ClientOptions {
            doc_path: Some(format!("fixtures::{name}")),
            ..Default::default()
        };
        let files = generator::emit::api_module(&lower_fixture(name), "", &options).unwrap();
        let client = files.iter().find(|file| file.path == "client.rs").unwrap();
        insta::assert_snapshot!(format!("examples_{name}"), client.contents);
    }
}

#[test]
fn generation_is_deterministic() {
    for name in FIXTURES {
        let first =
            generator::emit::api_module(&lower_fixture(name), "", &Default::default()).unwrap();
        let second =
            generator::emit::api_module(&lower_fixture(name), "", &Default::default()).unwrap();
        assert_eq!(first, second, "{name} differs between two runs");
    }
}

/// All fixtures as modules of one crate, checked by rustc with warnings denied: only the compiler catches some
/// mistakes (duplicate names, characters it refuses in doc comments).
#[test]
fn emitted_fixture_code_compiles_without_warnings_and_round_trips() {
    let apis: Vec<_> = FIXTURES.iter().map(|name| lower_fixture(name)).collect();
    let modules: Vec<ApiModule<'_>> = FIXTURES
        .iter()
        .zip(&apis)
        .map(|(name, api)| ApiModule {
            api,
            module_path: (*name).to_owned(),
            feature: None,
            default: false,
            base_url: None,
            options: Default::default(),
        })
        .collect();
    let package = PackageInfo {
        name: "fixtures",
        version: "0.0.0",
        description: "Fixture build",
        // The round-trip tests send a few requests to a loopback server.
        extra_manifest:
            "[dev-dependencies]\ntokio = { version = \"1\", features = [\"macros\", \"rt\"] }\n",
        standalone: true,
    };
    let files =
        multi_api_crate(&modules, &package, "Every fixture document as one module.").unwrap();
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let crate_dir = workspace.join("target/generated-crates/fixtures");
    let _ = std::fs::remove_dir_all(crate_dir.join("src"));
    generator::package::write_files(&crate_dir, &files).unwrap();
    // The round-trip tests run against the generated types, inside the fixture crate.
    std::fs::create_dir_all(crate_dir.join("tests")).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/roundtrip/roundtrip.rs"),
        crate_dir.join("tests/roundtrip.rs"),
    )
    .unwrap();
    run_cargo(&crate_dir, workspace, &["test", "--quiet"]);
}

/// A crate split by tag: a module per tag under `types/` and `client/`, each behind its feature; a type that several
/// features use in a module of `types/shared/` compiled when any of them is on; what untagged operations use in the
/// always-compiled root; what no operation uses behind `unused-types`. It builds without warnings with no feature,
/// with each alone, and with every one.
#[test]
fn crates_split_by_tag_build_with_any_set_of_features() {
    let api = lower_fixture("tags");
    let package = PackageInfo {
        name: "tagged",
        version: "0.0.0",
        description: "Split by tag",
        extra_manifest: "",
        standalone: true,
    };
    let files = generator::package::single_api_crate(&api, &package).unwrap();
    let file = |path: &str| {
        files
            .iter()
            .find(|file| file.path == path)
            .unwrap_or_else(|| panic!("no {path}"))
            .contents
            .clone()
    };
    // `pets`, `People` and `stores` become modules; `getPetOwner` goes by its first tag.
    let manifest = file("Cargo.toml");
    assert!(
        manifest.contains("default = [\"people\", \"pets\", \"stores\"]")
            && manifest.contains("\nunused-types = []\n"),
        "{manifest}"
    );
    let pets_types = file("src/types/pets.rs");
    for name in [
        "pub struct Pet ",
        "pub type PetId = String;",
        "pub enum PetKind ",
        "pub enum PetSize ",
        "use serde::{Deserialize, Serialize};",
    ] {
        assert!(pets_types.contains(name), "{name} in pets:\n{pets_types}");
    }
    let root = file("src/types/mod.rs");
    assert!(root.contains("pub struct Health "), "{root}");
    assert!(
        !root.contains("use serde"),
        "only modules with unions import serde:\n{root}"
    );
    let everyone = file("src/types/shared/people_pets_stores.rs");
    for name in ["pub struct Person ", "pub enum Contact ", "use serde::"] {
        assert!(everyone.contains(name), "{name}:\n{everyone}");
    }
    assert!(file("src/types/shared/pets_unused_types.rs").contains("pub struct Toy "));
    assert!(file("src/types/shared/unused_types.rs").contains("pub struct Unused "));
    assert!(file("src/types/shared/mod.rs").contains(
        "#[cfg(any(feature = \"pets\", feature = \"unused-types\"))]\nmod pets_unused_types;"
    ));
    assert!(!files.iter().any(|file| file.path == "src/types/people.rs"));
    let pets_client = file("src/client/pets.rs");
    assert!(
        pets_client.contains("pub fn list_pets") && pets_client.contains("pub fn get_pet_owner")
    );
    assert!(file("src/client/mod.rs").contains("pub fn health"));
    assert!(file("src/lib.rs").contains("`unused-types`"));

    let combined: String = files
        .iter()
        .filter(|file| !file.path.starts_with("src/runtime/"))
        .map(|file| format!("// ===== {} =====\n{}", file.path, file.contents))
        .collect();
    insta::assert_snapshot!("split_by_tag", combined);

    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let out = workspace.join("target/generated-crates/tagged");
    let _ = std::fs::remove_dir_all(&out);
    generator::package::write_files(&out, &files).unwrap();
    let alone = |features: &'static str| {
        vec![
            "check",
            "--quiet",
            "--no-default-features",
            "--features",
            features,
        ]
    };
    for arguments in [
        vec!["check", "--quiet", "--no-default-features"],
        alone("people"),
        alone("pets"),
        alone("stores"),
        alone("unused-types"),
        vec!["check", "--quiet", "--features", "unused-types"],
        // The examples compile with every tag, and with one alone: the crate root's are gated by their tag.
        vec!["test", "--quiet", "--doc"],
        vec![
            "test",
            "--quiet",
            "--doc",
            "--no-default-features",
            "--features",
            "pets",
        ],
    ] {
        run_cargo(&out, workspace, &arguments);
    }
}

/// The `generate` binary writes a standalone crate that builds outside this workspace.
#[test]
fn generate_binary_writes_a_standalone_crate_that_compiles() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let out = workspace.join("target/generated-crates/standalone");
    let _ = std::fs::remove_dir_all(&out);
    let status = Command::new(env!("CARGO_BIN_EXE_generate"))
        .args([
            "--spec",
            fixture_path("responses").to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--name",
            "responses-client",
        ])
        .status()
        .unwrap();
    assert!(status.success());
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("name = \"responses-client\"") && manifest.contains("[workspace]"),
        "{manifest}"
    );
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    assert!(lib.starts_with(generator::emit::GENERATED_HEADER), "{lib}");
    check_crate(&out, workspace);
}

#[test]
fn generate_binary_refuses_other_versions_with_a_clear_message() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let spec = workspace.join("target/generated-crates/swagger.json");
    std::fs::create_dir_all(spec.parent().unwrap()).unwrap();
    std::fs::write(
        &spec,
        r#"{"swagger": "1.2", "info": {"title": "t", "version": "1"}, "paths": {}}"#,
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_generate"))
        .args([
            "--spec",
            spec.to_str().unwrap(),
            "--out",
            workspace
                .join("target/generated-crates/never")
                .to_str()
                .unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("`swagger: 1.2`") && stderr.contains("Swagger 2.0 and OpenAPI 3.0.x"),
        "{stderr}"
    );
}
