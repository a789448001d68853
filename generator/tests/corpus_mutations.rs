//! Mutations of real-world documents from the corpus (`../shared/corpus`), one at a time: rename a schema to a
//! keyword or add a case twin, delete a referenced component, add a back-edge, inject nasty descriptions, repeat an
//! enum value in another case, widen an integer format, give a wrong-typed default. Each mutant must give an error
//! or safe code (parses, no bare CR, no bidi control), never a panic, and the same bytes on a second run.

use serde_json::{json, Value};

const DOCUMENTS: &[&str] = &[
    "ory_keto.json",
    "xero_bankfeeds.yaml",
    "ory_kratos.json",
    "spotify.yaml",
];
/// How many components each mutation is applied to, one at a time.
const TARGETS: usize = 3;
const NASTY: &str = "*/ \"] \\ \0 a\rb \u{202E}\u{2066}x\u{2069} ```\nfn f() {}\n```";

fn schemas_of(document: &mut Value) -> Option<&mut serde_json::Map<String, Value>> {
    document.pointer_mut("/components/schemas")?.as_object_mut()
}

/// Replaces every `$ref` equal to `from` by `to`.
fn rewrite_refs(value: &mut Value, from: &str, to: &str) {
    let mut pending = vec![value];
    while let Some(value) = pending.pop() {
        match value {
            Value::Object(object) => {
                if object.get("$ref").and_then(Value::as_str) == Some(from) {
                    object.insert("$ref".to_owned(), Value::String(to.to_owned()));
                }
                pending.extend(object.values_mut());
            }
            Value::Array(items) => pending.extend(items.iter_mut()),
            _ => {}
        }
    }
}

/// Every object in the document, in no particular order, with `visit` applied until it returns true.
fn first_object(
    value: &mut Value,
    mut visit: impl FnMut(&mut serde_json::Map<String, Value>) -> bool,
) {
    let mut pending = vec![value];
    while let Some(value) = pending.pop() {
        match value {
            Value::Object(object) => {
                if visit(object) {
                    return;
                }
                pending.extend(object.values_mut());
            }
            Value::Array(items) => pending.extend(items.iter_mut()),
            _ => {}
        }
    }
}

fn nth_of_type(
    document: &mut Value,
    kind: &str,
    n: usize,
    change: impl Fn(&mut serde_json::Map<String, Value>),
) {
    let mut seen = 0;
    first_object(document, |object| {
        if object.get("type").and_then(Value::as_str) == Some(kind) {
            if seen == n {
                change(object);
                return true;
            }
            seen += 1;
        }
        false
    });
}

/// The mutants of one document: a label and the mutated value.
fn mutants(original: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let names: Vec<String> = original
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|schemas| schemas.keys().take(TARGETS).cloned().collect())
        .unwrap_or_default();
    for name in &names {
        let reference = format!("#/components/schemas/{name}");
        for keyword in ["self", "type", "Result"] {
            let mut document = original.clone();
            let schemas = schemas_of(&mut document).unwrap();
            let schema = schemas.shift_remove(name).unwrap();
            schemas.insert(keyword.to_owned(), schema);
            rewrite_refs(
                &mut document,
                &reference,
                &format!("#/components/schemas/{keyword}"),
            );
            out.push((format!("rename {name} to {keyword}"), document));
        }
        let mut document = original.clone();
        let schemas = schemas_of(&mut document).unwrap();
        let twin = if name.to_lowercase() == *name {
            name.to_uppercase()
        } else {
            name.to_lowercase()
        };
        let copy = schemas[name].clone();
        schemas.insert(twin.clone(), copy);
        out.push((format!("case twin {twin} of {name}"), document));

        let mut document = original.clone();
        schemas_of(&mut document).unwrap().shift_remove(name);
        out.push((format!("delete {name}"), document));

        let mut document = original.clone();
        let schema = &mut schemas_of(&mut document).unwrap()[name];
        if let Some(properties) = schema.get_mut("properties").and_then(Value::as_object_mut) {
            properties.insert("backEdge".to_owned(), json!({"$ref": reference}));
            properties.insert(
                "BackEdge".to_owned(),
                json!({"allOf": [{"$ref": reference}]}),
            );
        } else {
            *schema = json!({"allOf": [schema.clone(), {"$ref": reference}]});
        }
        out.push((format!("back-edge on {name}"), document));
    }
    let mut document = original.clone();
    first_object(&mut document, |object| {
        for key in ["description", "summary", "title"] {
            if object.get(key).is_some_and(Value::is_string) {
                object.insert(key.to_owned(), Value::String(NASTY.to_owned()));
            }
        }
        false
    });
    out.push(("nasty descriptions".to_owned(), document));
    for n in 0..TARGETS {
        let mut document = original.clone();
        nth_of_type(&mut document, "string", n, |object| {
            let values = object
                .entry("enum")
                .or_insert_with(|| json!(["value"]))
                .as_array_mut()
                .unwrap();
            if let Some(first) = values.first().and_then(Value::as_str).map(str::to_owned) {
                let other_case = if first.to_uppercase() == first {
                    first.to_lowercase()
                } else {
                    first.to_uppercase()
                };
                values.push(Value::String(other_case));
                values.push(Value::String(first));
            }
        });
        out.push((format!("enum case twin #{n}"), document));
        for format in ["int128", "uint64"] {
            let mut document = original.clone();
            nth_of_type(&mut document, "integer", n, |object| {
                object.insert("format".to_owned(), json!(format));
            });
            out.push((format!("integer #{n} as {format}"), document));
        }
        let mut document = original.clone();
        nth_of_type(&mut document, "integer", n, |object| {
            object.insert("default".to_owned(), json!("not a number"));
        });
        nth_of_type(&mut document, "string", n, |object| {
            object.insert("default".to_owned(), json!({"an": "object"}));
        });
        out.push((format!("wrong-typed defaults #{n}"), document));
    }
    out
}

fn check_source(contents: &str) -> Result<(), String> {
    syn::parse_file(contents).map_err(|error| format!("does not parse: {error}"))?;
    let bytes = contents.as_bytes();
    if (0..bytes.len()).any(|i| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
        return Err("a bare CR".to_owned());
    }
    if contents
        .chars()
        .any(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
    {
        return Err("a bidi control".to_owned());
    }
    Ok(())
}

/// The generated files of a document, or its error text.
fn generate(text: &str) -> Result<Vec<generator::GeneratedFile>, String> {
    let lowered = generator::lower_str(text, "mutant.json").map_err(|error| error.to_string())?;
    generator::emit::api_module(&lowered.api, "", &Default::default())
        .map_err(|error| format!("EMIT FAILED: {error}"))
}

#[test]
fn corpus_mutants_give_an_error_or_safe_deterministic_code() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    if !corpus.is_dir() {
        println!(
            "note: {} is missing; the corpus mutation test is skipped",
            corpus.display()
        );
        return;
    }
    let (mut generated, mut refused) = (0, 0);
    let mut problems = Vec::new();
    for name in DOCUMENTS {
        let text = std::fs::read_to_string(corpus.join(name)).unwrap();
        let original = generator::source::load_str(&text, name).unwrap().raw;
        for (label, mutant) in mutants(&original) {
            let text = mutant.to_string();
            let first = generate(&text);
            match &first {
                Ok(files) => {
                    generated += 1;
                    for file in files {
                        if let Err(problem) = check_source(&file.contents) {
                            problems.push(format!("{name}, {label}: {}: {problem}", file.path));
                        }
                    }
                }
                Err(error) if error.starts_with("EMIT FAILED") => {
                    problems.push(format!("{name}, {label}: {error}"))
                }
                Err(_) => refused += 1,
            }
            if generate(&text) != first {
                problems.push(format!("{name}, {label}: two runs differ"));
            }
        }
    }
    println!(
        "{} corpus mutants: {generated} generated safe code, {refused} were refused with diagnostics",
        generated + refused
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
