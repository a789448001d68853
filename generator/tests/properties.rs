//! Property tests: documents built from a dictionary of nasty strings and random schema graphs (cycles, dangling
//! references, every schema kind). Generation must return an error or code that parses, with no bare CR and no
//! bidi control; it must never panic or overflow the stack. A fixed sample of the generated documents is compiled.

mod common;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{json, Map, Value};

/// Strings that have broken generators: keywords, prelude names, case twins, digits, symbols, non-ASCII, comment
/// terminators, escapes, control and bidi characters, and the names of the generated code's own items.
const NASTY: &[&str] = &[
    "",
    " ",
    "self",
    "Self",
    "super",
    "crate",
    "_",
    "type",
    "r#type",
    "fn",
    "async",
    "Result",
    "Option",
    "Box",
    "String",
    "Vec",
    "Client",
    "Error",
    "std",
    "Unknown",
    "getUser",
    "get_user",
    "GetUser",
    "GET_USER",
    "1st",
    "2",
    "+",
    "-",
    ">=",
    "()",
    "名前",
    "été",
    "🙂",
    "*/",
    "/*",
    "\"]",
    "\\",
    "\0",
    "a\rb",
    "\r",
    "\u{202E}",
    "\u{2066}x\u{2069}",
    "x\n*/ fn injected() {} /*",
    "```\nfn doctest() {}\n```",
    "    indented",
    "new",
    "send",
    "body",
    "stream",
    "timeout",
    "client",
    "request",
    "additional_properties",
    "{",
    "}",
    "/",
    "~",
    "#",
    "%",
];

fn nasty() -> impl Strategy<Value = String> {
    prop::sample::select(NASTY).prop_map(str::to_owned)
}

/// A reference to schema `index` of `count`; an index past the end dangles.
fn reference(index: usize, count: usize) -> Value {
    if index < count {
        json!({ "$ref": format!("#/components/schemas/S{index}") })
    } else {
        json!({ "$ref": "#/components/schemas/Missing" })
    }
}

/// One schema of a graph of `count` schemas: any kind, with references to any index (some dangling).
fn schema(count: usize) -> impl Strategy<Value = Value> {
    // Dangling references come from the plain-reference kind only, so that most documents get past validation.
    let target = 0..count;
    let description = prop::option::of(nasty());
    let kind = prop_oneof![
        prop::collection::vec(nasty(), 0..5)
            .prop_map(|values| json!({"type": "string", "enum": values})),
        prop::sample::select(&["int32", "int64", "int128", "uint64", "weird", ""][..])
            .prop_map(|format| json!({"type": "integer", "format": format})),
        Just(json!({"type": "number", "default": "not a number"})),
        Just(json!({"type": "boolean"})),
        prop::collection::vec((nasty(), target.clone(), any::<bool>()), 0..5).prop_map(
            move |properties| {
                let mut object = Map::new();
                let mut required = Vec::new();
                for (name, index, is_required) in properties {
                    if is_required {
                        required.push(Value::String(name.clone()));
                    }
                    object.insert(name, reference(index, count));
                }
                required.push(json!("notAProperty"));
                json!({"type": "object", "properties": object, "required": required})
            }
        ),
        target
            .clone()
            .prop_map(move |index| json!({"type": "array", "items": reference(index, count)})),
        target.clone().prop_map(
            move |index| json!({"type": "object", "additionalProperties": reference(index, count)})
        ),
        prop::collection::vec(target.clone(), 0..4).prop_map(move |members| {
            json!({"oneOf": members.into_iter().map(|i| reference(i, count)).collect::<Vec<_>>()})
        }),
        prop::collection::vec(target.clone(), 0..4).prop_map(move |members| {
            json!({"anyOf": members.into_iter().map(|i| reference(i, count)).collect::<Vec<_>>()})
        }),
        prop::collection::vec(target.clone(), 1..4).prop_map(move |members| {
            json!({"allOf": members.into_iter().map(|i| reference(i, count)).collect::<Vec<_>>()})
        }),
        (0..count + 1).prop_map(move |index| reference(index, count)),
        Just(json!({"not": {"type": "string"}})),
        Just(json!({"type": ["string", "null"]})),
    ];
    (kind, description).prop_map(|(mut schema, description)| {
        if let (Some(description), Some(object)) = (description, schema.as_object_mut()) {
            if !object.contains_key("$ref") {
                object.insert("description".to_owned(), Value::String(description));
            }
        }
        schema
    })
}

/// One operation: a path from nasty segments, a nasty operationId, parameters, a body and a response.
fn operation(count: usize) -> impl Strategy<Value = (String, String, Value)> {
    let method = prop::sample::select(&["get", "post", "put", "delete", "patch"][..]);
    let parameter = (
        nasty(),
        prop::sample::select(&["path", "query", "header", "cookie"][..]),
        0..count,
    )
        .prop_map(move |(name, location, index)| {
            json!({"name": name, "in": location, "required": location == "path", "schema": reference(index, count)})
        });
    (
        prop::collection::vec(prop_oneof![nasty(), nasty().prop_map(|n| format!("{{{n}}}"))], 1..3),
        method,
        prop::option::of(nasty()),
        prop::collection::vec(parameter, 0..4),
        prop::option::of(0..count),
        0..count,
        prop::option::of(nasty()),
    )
        .prop_map(move |(segments, method, id, parameters, body, response, description)| {
            let path = format!("/{}", segments.join("/"));
            let mut operation = json!({
                "parameters": parameters,
                "responses": {
                    "200": {"description": "ok", "content": {"application/json": {"schema": reference(response, count)}}},
                    "default": {"description": description.clone().unwrap_or_default()}
                }
            });
            if let Some(id) = id {
                operation["operationId"] = Value::String(id);
            }
            if let Some(description) = description {
                operation["description"] = Value::String(description);
            }
            if let Some(index) = body {
                operation["requestBody"] =
                    json!({"content": {"application/json": {"schema": reference(index, count)}}});
            }
            (path, method.to_owned(), operation)
        })
}

fn document() -> impl Strategy<Value = String> {
    (1usize..7)
        .prop_flat_map(|count| {
            (
                prop::collection::vec(schema(count), count),
                prop::collection::vec(operation(count), 0..4),
                nasty(),
                nasty(),
            )
        })
        .prop_map(|(schemas, operations, title, description)| {
            let mut paths = Map::new();
            for (path, method, operation) in operations {
                let item = paths.entry(path).or_insert_with(|| json!({}));
                item[method] = operation;
            }
            let schemas: Map<String, Value> = schemas
                .into_iter()
                .enumerate()
                .map(|(index, schema)| (format!("S{index}"), schema))
                .collect();
            json!({
                "openapi": "3.0.3",
                "info": {"title": title, "version": "1", "description": description},
                "servers": [{"url": "https://example.com"}],
                "paths": paths,
                "components": {"schemas": schemas}
            })
            .to_string()
        })
}

/// What every emitted file must be: Rust that parses, with no character rustc refuses in a comment.
fn check_source(contents: &str) -> Result<(), String> {
    syn::parse_file(contents).map_err(|error| format!("does not parse: {error}"))?;
    let bytes = contents.as_bytes();
    if let Some(index) =
        (0..bytes.len()).find(|&i| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
    {
        return Err(format!("a bare CR at byte {index}"));
    }
    let bidi = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if let Some(c) = contents.chars().find(|c| bidi(*c)) {
        return Err(format!("the bidi control U+{:04X}", c as u32));
    }
    Ok(())
}

/// Generates a document; `Ok(Some(api))` when it generated safe code, `Ok(None)` when it was refused.
fn generate(text: &str) -> Result<Option<generator::ir::Api>, String> {
    let Ok(lowered) = generator::lower_str(text, "property.json") else {
        return Ok(None);
    };
    let files = generator::emit::api_module(&lowered.api, "", &Default::default())
        .map_err(|error| error.to_string())?;
    for file in &files {
        check_source(&file.contents).map_err(|problem| format!("{}: {problem}", file.path))?;
    }
    Ok(Some(lowered.api))
}

const CASES: u32 = 1_000;

#[test]
fn random_documents_give_an_error_or_safe_code() {
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    });
    let generated = std::cell::Cell::new(0u32);
    runner
        .run(&document(), |text| {
            let result = generate(&text).map_err(TestCaseError::fail)?;
            if result.is_some() {
                generated.set(generated.get() + 1);
            }
            Ok(())
        })
        .unwrap();
    println!(
        "{CASES} random documents: {} generated safe code, {} were refused with diagnostics",
        generated.get(),
        CASES - generated.get()
    );
    assert!(generated.get() > 0, "no random document generated code");
}

/// A fixed sample (a seeded runner, so the same documents every time), compiled as modules of one crate.
#[test]
fn a_fixed_sample_of_random_documents_compiles() {
    const SAMPLE: usize = 8;
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
    );
    let strategy = document();
    let mut apis = Vec::new();
    for _ in 0..2_000 {
        let text = strategy.new_tree(&mut runner).unwrap().current();
        if let Some(api) = generate(&text).unwrap() {
            apis.push(api);
            if apis.len() == SAMPLE {
                break;
            }
        }
    }
    assert_eq!(apis.len(), SAMPLE);
    let modules: Vec<generator::package::ApiModule<'_>> = apis
        .iter()
        .enumerate()
        .map(|(index, api)| generator::package::ApiModule {
            api,
            module_path: format!("sample{index}"),
            feature: None,
            default: false,
            base_url: None,
            options: Default::default(),
        })
        .collect();
    let package = generator::package::PackageInfo {
        name: "property-sample",
        version: "0.0.0",
        description: "Random documents",
        extra_manifest: "",
        standalone: true,
    };
    let files =
        generator::package::multi_api_crate(&modules, &package, "A sample of random documents.")
            .unwrap();
    let workspace = common::workspace();
    let crate_dir = workspace.join("target/generated-crates/property-sample");
    let _ = std::fs::remove_dir_all(crate_dir.join("src"));
    generator::package::write_files(&crate_dir, &files).unwrap();
    common::check_crate(&crate_dir, &workspace);
}
