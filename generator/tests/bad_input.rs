//! The bad-input suite: hostile and broken documents. Each fixture in `tests/bad-input/` gives either a readable
//! list of diagnostics (with pointers, lines and columns) or generated code, as an insta snapshot; the generated
//! code of all fixtures that generate is compiled as one crate with warnings denied. Documents too large to keep as
//! files (a 100 000-long `$ref` chain, an alias bomb, a 50 MB document) are built here.
//!
//! Every test runs on the default 2 MiB test thread stack: nothing may overflow it.

mod common;

use std::path::Path;

use generator::ir::Api;
use generator::package::{multi_api_crate, ApiModule, PackageInfo};

const FIXTURES: &[&str] = &[
    "dangling_refs",
    "ref_cycles_schemas",
    "ref_cycles_components",
    "external_refs",
    "keywords",
    "odd_names",
    "case_collisions",
    "std_names",
    "nasty_descriptions",
    "enum_values",
    "defaults_and_numbers",
    "path_templates",
    "path_parameters",
    "operation_ids",
    "duplicate_keys",
    "type_arrays",
    "required_unknown",
    "non_finite",
];

fn fixture_text(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/bad-input")
        .join(format!("{name}.yaml"));
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// What a document gives: the error, or the warnings and the generated code.
fn report(text: &str, source_name: &str) -> (String, Option<Api>) {
    match generator::lower_str(text, source_name) {
        Err(error) => (format!("ERROR\n{error}\n"), None),
        Ok(lowered) => {
            let mut out = String::from("GENERATED\n");
            for warning in &lowered.warnings {
                out.push_str(&format!("{}\n", warning.in_source(source_name)));
            }
            let files = generator::emit::api_module(&lowered.api, "", &Default::default())
                .unwrap_or_else(|error| panic!("{source_name}: {error}"));
            for file in files.iter().filter(|file| file.path != "mod.rs") {
                assert_safe_source(&file.contents, source_name);
                out.push_str(&format!("\n// ===== {} =====\n{}", file.path, file.contents));
            }
            (out, Some(lowered.api))
        }
    }
}

/// What every emitted file must be: Rust that parses, with no character rustc refuses in a comment.
pub fn assert_safe_source(contents: &str, source_name: &str) {
    syn::parse_file(contents)
        .unwrap_or_else(|error| panic!("{source_name}: emitted code does not parse: {error}"));
    let bytes = contents.as_bytes();
    for (index, byte) in bytes.iter().enumerate() {
        assert!(
            *byte != b'\r' || bytes.get(index + 1) == Some(&b'\n'),
            "{source_name}: a bare CR at byte {index}"
        );
    }
    if let Some(c) = contents.chars().find(|c| is_bidi_control(*c)) {
        panic!("{source_name}: the bidi control U+{:04X} is in the output", c as u32);
    }
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

#[test]
fn every_fixture_file_is_listed() {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-input");
    let mut found: Vec<String> = std::fs::read_dir(directory)
        .unwrap()
        .filter_map(|entry| {
            let path = entry.unwrap().path();
            (path.extension()? == "yaml").then(|| path.file_stem()?.to_str().map(str::to_owned))?
        })
        .collect();
    found.sort();
    let mut listed: Vec<&str> = FIXTURES.to_vec();
    listed.sort();
    assert_eq!(found, listed);
}

#[test]
fn fixtures_match_snapshots() {
    for name in FIXTURES {
        let (out, _) = report(&fixture_text(name), &format!("{name}.yaml"));
        insta::assert_snapshot!(*name, out);
    }
}

#[test]
fn fixtures_are_deterministic() {
    for name in FIXTURES {
        let text = fixture_text(name);
        let source = format!("{name}.yaml");
        assert_eq!(report(&text, &source).0, report(&text, &source).0, "{name}");
    }
}

/// Every fixture that generates, as a module of one crate, checked by rustc with warnings denied.
#[test]
fn generated_fixtures_compile_without_warnings() {
    let apis: Vec<(&str, Api)> = FIXTURES
        .iter()
        .filter_map(|name| {
            let (_, api) = report(&fixture_text(name), &format!("{name}.yaml"));
            Some((*name, api?))
        })
        .collect();
    assert!(apis.len() >= 8, "only {} fixtures generate", apis.len());
    let modules: Vec<ApiModule<'_>> = apis
        .iter()
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
        name: "bad-input",
        version: "0.0.0",
        description: "Bad-input fixture build",
        extra_manifest: "",
        standalone: true,
    };
    let files =
        multi_api_crate(&modules, &package, "Every bad-input fixture that generates.").unwrap();
    let workspace = common::workspace();
    let crate_dir = workspace.join("target/generated-crates/bad-input");
    let _ = std::fs::remove_dir_all(crate_dir.join("src"));
    generator::package::write_files(&crate_dir, &files).unwrap();
    common::check_crate(&crate_dir, &workspace);
}
