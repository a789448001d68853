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
    "mistyped_keywords",
    "encoded_refs",
    "openapi3x_not_enforced",
    "swagger2_kept_as_warnings",
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
                out.push_str(&format!(
                    "\n// ===== {} =====\n{}",
                    file.path, file.contents
                ));
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
        panic!(
            "{source_name}: the bidi control U+{:04X} is in the output",
            c as u32
        );
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
    let files = multi_api_crate(
        &modules,
        &package,
        "Every bad-input fixture that generates.",
    )
    .unwrap();
    let workspace = common::workspace();
    let crate_dir = workspace.join("target/generated-crates/bad-input");
    let _ = std::fs::remove_dir_all(crate_dir.join("src"));
    generator::package::write_files(&crate_dir, &files).unwrap();
    common::check_crate(&crate_dir, &workspace);
}

// ----- documents built in code ----------------------------------------------------------------------------------

const JSON_HEADER: &str = r#""openapi": "3.0.3", "info": {"title": "Built", "version": "1"}, "servers": [{"url": "https://example.com"}]"#;

/// `count` component schemas, each made by `schema(i)` (a JSON text).
fn schemas_document(count: usize, schema: impl Fn(usize) -> String) -> String {
    let mut text = format!("{{{JSON_HEADER}, \"paths\": {{}}, \"components\": {{\"schemas\": {{");
    for index in 0..count {
        if index > 0 {
            text.push(',');
        }
        text.push_str(&format!("\"S{index}\": {}", schema(index)));
    }
    text.push_str("}}}");
    text
}

/// Runs `run` and fails when it takes more than `limit_seconds` times `SLACK` of this thread's CPU time: a guard
/// against a walk that goes quadratic or worse on hostile input, not a speed target (those are measured by `cargo
/// xtask bench`). CPU time, not wall time: on a loaded two-core machine a run of 18 s alone took 218 s of wall time
/// (work on threads that `run` starts is not counted; the walks guarded here run on the calling thread).
fn timed<T>(what: &str, limit_seconds: u64, run: impl FnOnce() -> T) -> T {
    const SLACK: u64 = 3;
    let limit_seconds = limit_seconds * SLACK;
    let started = thread_cpu_time();
    let result = run();
    let spent = thread_cpu_time().saturating_sub(started);
    assert!(
        spent.as_secs() < limit_seconds,
        "{what} took {spent:?} of CPU time (limit {limit_seconds} s)"
    );
    result
}

/// The CPU time this thread has used.
fn thread_cpu_time() -> std::time::Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a live, writable `timespec`, and the clock id is one every Linux and macOS has.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    assert_eq!(status, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    std::time::Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

/// A chain of 100 000 schema aliases: no stack overflow, and no quadratic walk along it.
#[test]
fn a_100_000_long_schema_ref_chain() {
    const LENGTH: usize = 100_000;
    let text = schemas_document(LENGTH, |i| {
        if i + 1 == LENGTH {
            r#"{"type": "string"}"#.to_owned()
        } else {
            format!(r##"{{"$ref": "#/components/schemas/S{}"}}"##, i + 1)
        }
    });
    let lowered = timed("lowering the chain", 60, || {
        generator::lower_str(&text, "chain.json")
    })
    .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(lowered.api.types.len(), LENGTH);
    // And the same chain closed into a loop: its first alias falls back to a JSON value, with a warning, and the
    // others stay aliases of it.
    let text = schemas_document(LENGTH, |i| {
        format!(
            r##"{{"$ref": "#/components/schemas/S{}"}}"##,
            (i + 1) % LENGTH
        )
    });
    let lowered = timed("lowering the loop", 60, || {
        generator::lower_str(&text, "loop.json")
    })
    .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(lowered.warnings.len(), 1, "{:?}", lowered.warnings.first());
    assert_eq!(lowered.warnings[0].pointer, "#/components/schemas/S0");
}

/// 100 000 parameters that each refer to the next, and schemas that each refer into the next one's property.
#[test]
fn a_100_000_long_parameter_and_deep_ref_chain() {
    const LENGTH: usize = 100_000;
    let mut text = format!(
        r##"{{{JSON_HEADER}, "paths": {{"/a": {{"get": {{"parameters": [{{"$ref": "#/components/parameters/P0"}}], "responses": {{"204": {{"description": "ok"}}}}}}}}}}, "components": {{"parameters": {{"##
    );
    for index in 0..LENGTH {
        if index > 0 {
            text.push(',');
        }
        text.push_str(&format!(
            r##""P{index}": {{"$ref": "#/components/parameters/P{}"}}"##,
            index + 1
        ));
    }
    text.push_str("}}}");
    let error = timed("lowering the parameter chain", 60, || {
        generator::lower_str(&text, "parameters.json")
    })
    .unwrap_err()
    .to_string();
    assert!(
        error.contains("#/paths/~1a/get/parameters/0") && error.contains("chain longer than"),
        "{error}"
    );

    let text = schemas_document(LENGTH, |i| {
        format!(
            r##"{{"type": "object", "properties": {{"next": {{"$ref": "#/components/schemas/S{}/properties/next"}}}}}}"##,
            i + 1
        )
    });
    let error = timed("lowering the deep chain", 60, || {
        generator::lower_str(&text, "deep.json")
    })
    .unwrap_err()
    .to_string();
    assert!(error.contains("chain of more than"), "{error}");
}

/// Nesting beyond what the readers allow is refused with a position, not followed down the stack.
#[test]
fn deep_nesting_is_refused() {
    let depth = 5_000;
    let json = format!(
        "{{{JSON_HEADER}, \"paths\": {{}}, \"x-deep\": {}{}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let error = generator::lower_str(&json, "deep.json")
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("recursion limit") && error.contains("line 1"),
        "{error}"
    );
    let mut yaml =
        String::from("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-deep:\n");
    for level in 0..depth {
        yaml.push_str(&format!("{}- \n", "  ".repeat(level + 1)));
    }
    let error = generator::lower_str(&yaml, "deep.yaml")
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("deep.yaml") && error.contains("line"),
        "{error}"
    );
}

/// A billion-laughs document: refused by the YAML reader's alias budget, quickly.
#[test]
fn yaml_alias_bomb() {
    let mut yaml =
        String::from("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-bomb:\n");
    yaml.push_str("  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..12 {
        let previous = format!("*a{}", level - 1);
        let items = [previous.as_str(); 10].join(", ");
        yaml.push_str(&format!("  a{level}: &a{level} [{items}]\n"));
    }
    let error = timed("reading the alias bomb", 10, || {
        generator::lower_str(&yaml, "bomb.yaml")
    })
    .unwrap_err()
    .to_string();
    insta::assert_snapshot!("alias_bomb", error);
}

/// A JSON object with a key twice: refused with its line, instead of the last copy silently winning.
#[test]
fn json_duplicate_keys() {
    let text = format!(
        "{{{JSON_HEADER},\n\"paths\": {{\"/a\": {{\"get\": {{\"responses\": {{\"204\": {{\"description\": \"ok\"}}}}}},\n\"get\": {{\"responses\": {{}}}}}}}}}}"
    );
    let error = generator::lower_str(&text, "dup.json")
        .unwrap_err()
        .to_string();
    insta::assert_snapshot!("json_duplicate_keys", error);
}

/// A 50 MB document (long descriptions and examples, many schemas): generated within a time limit.
#[test]
fn a_50_megabyte_document() {
    let prose = "All work and no play makes a very long description. ".repeat(40);
    let example = format!("\"{}\"", "x".repeat(20_000));
    let text = schemas_document(2_000, |i| {
        format!(
            r##"{{"type": "object", "description": "{prose}", "example": {{"id": {example}}}, "properties": {{"id": {{"type": "string", "example": {example}}}, "next": {{"$ref": "#/components/schemas/S{}"}}}}}}"##,
            (i + 1) % 2_000
        )
    });
    assert!(text.len() > 50_000_000, "{} bytes", text.len());
    let lowered = timed("lowering 50 MB", 60, || {
        generator::lower_str(&text, "big.json")
    })
    .unwrap_or_else(|error| panic!("{error}"));
    let files = timed("emitting 50 MB", 60, || {
        generator::emit::api_module(&lowered.api, "", &Default::default())
    })
    .unwrap();
    for file in &files {
        assert_safe_source(&file.contents, "big.json");
    }
}

/// The `generate` binary exits non-zero with every error, each with its file, line, column and pointer.
#[test]
fn the_cli_lists_every_error_with_its_position() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-input/dangling_refs.yaml");
    let out = common::workspace().join("target/generated-crates/never-written");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_generate"))
        .args([
            "--spec",
            fixture.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("has 9 error(s)"), "{stderr}");
    assert!(
        stderr.contains("dangling_refs.yaml:9:11 (#/paths/~1a/post/parameters/0)"),
        "{stderr}"
    );
    assert!(!out.exists());
}

/// `allOf` members that hold unions whose variants hold `allOf`s with unions again, 12 levels deep: distributing
/// each over its union would copy every level into every variant of the next (2^12 variants, each merging all the levels below); only the outermost is
/// distributed, and lowering stays fast.
#[test]
fn nested_unions_inside_all_of_do_not_multiply() {
    let mut schema = r#"{"type": "object", "properties": {"leaf": {"type": "string"}}}"#.to_owned();
    for level in 0..12 {
        schema = format!(
            r#"{{"allOf": [{{"type": "object", "properties": {{"a{level}": {{"type": "string"}}}}}},
                {{"oneOf": [{schema}, {{"type": "object", "properties": {{"b{level}": {{"type": "integer"}}}}}}]}}]}}"#
        );
    }
    let text = format!(
        "{{{JSON_HEADER}, \"paths\": {{}}, \"components\": {{\"schemas\": {{\"Nested\": {schema}}}}}}}"
    );
    let lowered = timed("lowering nested unions in allOf", 20, || {
        generator::lower_str(&text, "nested.json")
    });
    assert!(lowered.is_ok(), "{:?}", lowered.err());
}
