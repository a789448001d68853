//! `cargo xtask bench --kinds`: what each kind of generated item costs rustc. For each kind, a document of our own
//! holds `N` items of that kind and nothing else that grows with `N`; its crate is checked and built alone (the
//! dependencies already built), and the time of a baseline document of the same shape without those items is
//! subtracted, leaving the cost of one item. Times are CPU time (user and system of cargo and its rustc), which a
//! loaded machine barely changes; wall time under a load of 9 on two cores made one union look 30 times dearer.
//!
//! Every document has one operation answering a `Holder` object with one field per item, so every type is reached
//! (a type no operation reaches is not compiled by default); the baseline's `Holder` has `N` string fields.

use std::path::Path;
use std::time::Duration;

use serde_json::{json, Map, Value};

use super::{cargo, measure};

/// Items of each kind: enough that the kind's cost stands well above the noise of one crate's check.
const ITEMS: usize = 300;

/// Writes a document with the given number of items of one kind.
type DocumentOf = fn(usize) -> Value;

/// The kinds measured: name, what one item is, the document that isolates it.
const KINDS: &[(&str, &str, DocumentOf)] = &[
    (
        "baseline",
        "the holder's fields as strings, no item",
        baseline,
    ),
    (
        "object",
        "a struct of six fields (string, integer, boolean, nullable, list, date-time)",
        objects,
    ),
    ("string enum", "an open enum of five values", string_enums),
    (
        "untagged union",
        "a `oneOf` of a string, an integer and a list",
        untagged_unions,
    ),
    (
        "tagged union",
        "a `oneOf` of two objects with a discriminator (three types)",
        tagged_unions,
    ),
    (
        "GET operation",
        "two path and two query parameters, a shared answer, a typed 404",
        get_operations,
    ),
    (
        "POST operation",
        "a shared JSON body and answer, a typed 422",
        post_operations,
    ),
];

pub struct KindOptions<'a> {
    pub scratch: &'a Path,
    pub lock_file: &'a Path,
    pub runs: usize,
}

struct KindResult {
    name: &'static str,
    what: &'static str,
    lines: usize,
    check: Duration,
    build: Duration,
}

pub fn run(options: &KindOptions<'_>) -> Result<(), String> {
    let target = options.scratch.join("kinds-target");
    let logs = options.scratch.join("logs");
    std::fs::create_dir_all(&logs).map_err(|error| error.to_string())?;
    let mut results = Vec::new();
    for (name, what, document) in KINDS {
        println!("== {name}: {ITEMS} × {what}");
        let crate_dir = options.scratch.join("kinds").join(name.replace(' ', "-"));
        let lines = generate(&document(ITEMS), &crate_dir, options.lock_file)?;
        let log = logs.join(format!("kinds-{}.log", name.replace(' ', "-")));
        let cargo_in = |arguments: &[&str]| {
            let mut command = cargo();
            command
                .args(arguments)
                .current_dir(&crate_dir)
                .env("CARGO_TARGET_DIR", &target)
                .env("CARGO_INCREMENTAL", "0")
                .env_remove("RUSTFLAGS");
            command
        };
        // The dependencies, once, for both profiles' needs.
        for warm in [&["check", "--quiet"][..], &["build", "--quiet"][..]] {
            let measured = measure(&mut cargo_in(warm), &log)?;
            if !measured.success {
                return Err(format!(
                    "cargo {} of `{name}` failed:\n{}",
                    warm[0], measured.stderr
                ));
            }
        }
        let mut checks = Vec::new();
        let mut builds = Vec::new();
        for _ in 0..options.runs {
            for (command, times) in [("check", &mut checks), ("build", &mut builds)] {
                let clean = cargo_in(&["clean", "--quiet", "-p", "bench-kind"]).status();
                if !clean.is_ok_and(|status| status.success()) {
                    return Err("cargo clean -p bench-kind failed".to_owned());
                }
                let measured = measure(&mut cargo_in(&[command, "--quiet"]), &log)?;
                if !measured.success {
                    return Err(format!(
                        "cargo {command} of `{name}` failed:\n{}",
                        measured.stderr
                    ));
                }
                times.push(measured.cpu);
            }
        }
        checks.sort();
        builds.sort();
        let result = KindResult {
            name,
            what,
            lines,
            check: checks[checks.len() / 2],
            build: builds[builds.len() / 2],
        };
        println!(
            "  {} lines, check {:.2} s, build {:.2} s",
            result.lines,
            result.check.as_secs_f64(),
            result.build.as_secs_f64()
        );
        results.push(result);
    }
    println!();
    print!("{}", table(&results, options.runs));
    Ok(())
}

/// Writes the crate of `document` into `crate_dir` and returns its lines of Rust outside the runtime.
fn generate(document: &Value, crate_dir: &Path, lock_file: &Path) -> Result<usize, String> {
    let text = serde_json::to_string(document).map_err(|error| error.to_string())?;
    let lowered = generator::lower_str(&text, "kinds.json").map_err(|error| error.to_string())?;
    let package = generator::package::PackageInfo {
        name: "bench-kind",
        version: "0.0.0",
        description: "one kind of generated item, many times",
        extra_manifest: "",
        standalone: true,
    };
    let files = generator::package::single_api_crate(&lowered.api, &package)
        .map_err(|error| error.to_string())?;
    let _ = std::fs::remove_dir_all(crate_dir.join("src"));
    generator::package::write_files(crate_dir, &files).map_err(|error| error.to_string())?;
    std::fs::copy(lock_file, crate_dir.join("Cargo.lock"))
        .map_err(|error| format!("cannot copy the lock file: {error}"))?;
    Ok(files
        .iter()
        .filter(|file| file.path.ends_with(".rs") && !file.path.contains("runtime"))
        .map(|file| file.contents.lines().count())
        .sum())
}

fn table(results: &[KindResult], runs: usize) -> String {
    let mut text = format!(
        "Per item: (the kind's crate − the baseline's) ÷ {ITEMS}; CPU time (user and system, rustc included) of `cargo \
         check` and debug `cargo build` of the crate alone, median of {runs}\n\n"
    );
    text.push_str(
        "| kind | lines per item | check per item | build per item | what one item is |\n",
    );
    text.push_str("|---|---:|---:|---:|---|\n");
    let Some(baseline) = results.iter().find(|result| result.name == "baseline") else {
        return text;
    };
    for result in results.iter().filter(|result| result.name != "baseline") {
        let per_item = |kind: Duration, base: Duration| {
            (kind.as_secs_f64() - base.as_secs_f64()) * 1000.0 / ITEMS as f64
        };
        text.push_str(&format!(
            "| {} | {:.1} | {:.2} ms | {:.2} ms | {} |\n",
            result.name,
            (result.lines as f64 - baseline.lines as f64) / ITEMS as f64,
            per_item(result.check, baseline.check),
            per_item(result.build, baseline.build),
            result.what
        ));
    }
    text.push_str(&format!(
        "\nBaseline crate: {} lines, check {:.2} s, build {:.2} s.\n",
        baseline.lines,
        baseline.check.as_secs_f64(),
        baseline.build.as_secs_f64()
    ));
    text
}

/// A document of the given schemas and operations, with the one `GET /holder` answering `Holder`, whose field
/// `item<i>` holds `holder_field(i)`.
fn document(
    mut schemas: Map<String, Value>,
    paths: Map<String, Value>,
    count: usize,
    holder_field: impl Fn(usize) -> Value,
) -> Value {
    let fields: Map<String, Value> = (0..count)
        .map(|index| (format!("item{index}"), holder_field(index)))
        .collect();
    schemas.insert(
        "Holder".to_owned(),
        json!({"type": "object", "properties": fields}),
    );
    let mut paths = paths;
    paths.insert(
        "/holder".to_owned(),
        json!({"get": {
            "operationId": "getHolder",
            "responses": {"200": {"description": "the holder", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Holder"}
            }}}}
        }}),
    );
    json!({
        "openapi": "3.0.3",
        "info": {"title": "kinds", "version": "1"},
        "servers": [{"url": "https://example.invalid"}],
        "paths": paths,
        "components": {"schemas": schemas}
    })
}

fn reference(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

fn baseline(count: usize) -> Value {
    document(Map::new(), Map::new(), count, |_| json!({"type": "string"}))
}

/// Schemas named `<prefix><i>`, each `make(i)`, held by the holder.
fn held(count: usize, prefix: &str, make: impl Fn(usize) -> Value) -> Value {
    let schemas = (0..count)
        .map(|index| (format!("{prefix}{index}"), make(index)))
        .collect();
    document(schemas, Map::new(), count, |index| {
        reference(&format!("{prefix}{index}"))
    })
}

fn object_schema() -> Value {
    json!({
        "type": "object",
        "required": ["id", "count"],
        "properties": {
            "id": {"type": "string"},
            "count": {"type": "integer", "format": "int64"},
            "active": {"type": "boolean"},
            "note": {"type": "string", "nullable": true},
            "labels": {"type": "array", "items": {"type": "string"}},
            "createdAt": {"type": "string", "format": "date-time"}
        }
    })
}

fn objects(count: usize) -> Value {
    held(count, "Thing", |_| object_schema())
}

fn string_enums(count: usize) -> Value {
    held(
        count,
        "Mode",
        |_| json!({"type": "string", "enum": ["alpha", "beta", "gamma", "delta", "epsilon"]}),
    )
}

fn untagged_unions(count: usize) -> Value {
    held(count, "Value", |_| {
        json!({"oneOf": [
            {"type": "string"},
            {"type": "integer"},
            {"type": "array", "items": {"type": "string"}}
        ]})
    })
}

fn tagged_unions(count: usize) -> Value {
    let mut schemas = Map::new();
    for index in 0..count {
        for (member, extra) in [("Cat", "whiskers"), ("Dog", "bark")] {
            schemas.insert(
                format!("{member}{index}"),
                json!({
                    "type": "object",
                    "required": ["kind"],
                    "properties": {"kind": {"type": "string"}, "name": {"type": "string"}, extra: {"type": "integer"}}
                }),
            );
        }
        schemas.insert(
            format!("Pet{index}"),
            json!({
                "oneOf": [reference(&format!("Cat{index}")), reference(&format!("Dog{index}"))],
                "discriminator": {"propertyName": "kind", "mapping": {
                    "cat": format!("#/components/schemas/Cat{index}"),
                    "dog": format!("#/components/schemas/Dog{index}")
                }}
            }),
        );
    }
    document(schemas, Map::new(), count, |index| {
        reference(&format!("Pet{index}"))
    })
}

/// The schemas every operation document shares: one answer, one body, one error.
fn operation_schemas() -> Map<String, Value> {
    let mut schemas = Map::new();
    schemas.insert("Thing".to_owned(), object_schema());
    schemas.insert(
        "Problem".to_owned(),
        json!({"type": "object", "properties": {"message": {"type": "string"}}}),
    );
    schemas
}

fn answer(schema: &str) -> Value {
    json!({"description": "answer", "content": {"application/json": {"schema": reference(schema)}}})
}

fn get_operations(count: usize) -> Value {
    let paths = (0..count)
        .map(|index| {
            let responses = json!({"200": answer("Thing"), "404": answer("Problem")});
            (
                format!("/things{index}/{{owner}}/{{thing}}"),
                json!({"get": {
                    "operationId": format!("getThing{index}"),
                    "parameters": [
                        {"name": "owner", "in": "path", "required": true, "schema": {"type": "string"}},
                        {"name": "thing", "in": "path", "required": true, "schema": {"type": "integer"}},
                        {"name": "expand", "in": "query", "schema": {"type": "boolean"}},
                        {"name": "fields", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}}
                    ],
                    "responses": responses
                }}),
            )
        })
        .collect();
    document(
        operation_schemas(),
        paths,
        count,
        |_| json!({"type": "string"}),
    )
}

fn post_operations(count: usize) -> Value {
    let paths = (0..count)
        .map(|index| {
            let responses = json!({"201": answer("Thing"), "422": answer("Problem")});
            (
                format!("/things{index}"),
                json!({"post": {
                    "operationId": format!("createThing{index}"),
                    "requestBody": {"required": true, "content": {"application/json": {"schema": reference("Thing")}}},
                    "responses": responses
                }}),
            )
        })
        .collect();
    document(
        operation_schemas(),
        paths,
        count,
        |_| json!({"type": "string"}),
    )
}
