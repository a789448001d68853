//! Recursive schemas of real APIs, reduced to fixtures of our own (`tests/recursive/`): each crashed the generator
//! with a stack overflow, or ran for minutes, before schemas documented through `allOf` were read as the type they
//! document. Each is lowered and emitted on a thread with a small stack, so a regression fails here instead of
//! aborting a user's run.

use std::path::Path;

use generator::ir::{Api, TypeKind, TypeRef};

/// Well under the 2 MiB of a test thread and the 8 MiB of a main thread.
const SMALL_STACK: usize = 512 * 1024;

/// Lowers and emits a fixture on a thread with `SMALL_STACK`, within 20 seconds.
fn generate_on_small_stack(name: &'static str) -> (Api, Vec<String>) {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name(name.to_owned())
        .stack_size(SMALL_STACK)
        .spawn(move || {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/recursive")
                .join(format!("{name}.yaml"));
            let lowered = generator::lower_file(&path).unwrap_or_else(|error| panic!("{error}"));
            generator::emit::api_module(&lowered.api, "", &Default::default())
                .unwrap_or_else(|error| panic!("{name}: {error}"));
            let warnings = lowered
                .warnings
                .iter()
                .map(|warning| format!("{} {}", warning.pointer, warning.message))
                .collect();
            let _ = sender.send((lowered.api, warnings));
        })
        .expect("spawn a thread");
    receiver
        .recv_timeout(std::time::Duration::from_secs(20))
        .unwrap_or_else(|_| panic!("{name}: no result within 20 s (or the thread panicked)"))
}

fn type_named<'a>(api: &'a Api, name: &str) -> &'a generator::ir::TypeDef {
    api.types
        .iter()
        .find(|def| def.rust_name == name)
        .unwrap_or_else(|| panic!("no type {name} among {:?}", names(api)))
}

fn names(api: &Api) -> Vec<&str> {
    api.types.iter().map(|def| def.rust_name.as_str()).collect()
}

/// The field `field` of struct `owner`: its type, whether it is boxed, its doc and nullability.
fn field<'a>(api: &'a Api, owner: &str, field: &str) -> &'a generator::ir::Field {
    let TypeKind::Struct(data) = &type_named(api, owner).kind else {
        panic!("{owner} is not a struct");
    };
    data.fields
        .iter()
        .find(|f| f.rust_name == field)
        .unwrap_or_else(|| panic!("{owner} has no field {field}"))
}

fn named(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => api.type_def(*id).rust_name.clone(),
        other => format!("{other:?}"),
    }
}

#[test]
fn a_schema_that_documents_a_reference_to_itself_is_that_type() {
    let (api, warnings) = generate_on_small_stack("self_reference");
    assert!(warnings.is_empty(), "{warnings:#?}");
    // One type, not an ever deeper copy of it.
    assert_eq!(names(&api), ["Filter"]);
    let negated = field(&api, "Filter", "negated");
    assert_eq!(named(&api, &negated.ty), "Filter");
    assert!(negated.boxed, "a struct that holds itself needs a Box");
    assert!(negated.nullable, "the annotating member's nullable applies");
    assert_eq!(
        negated.doc.as_deref(),
        Some("Matches whatever the inner filter does not match.")
    );
}

#[test]
fn two_schemas_that_document_references_to_each_other_are_two_types() {
    let (api, warnings) = generate_on_small_stack("mutual");
    assert!(warnings.is_empty(), "{warnings:#?}");
    // `Value` is taken by `serde_json::Value`, which generated code uses unqualified.
    assert_eq!(names(&api), ["Condition", "Value2"]);
    for branch in ["then", "r#else"] {
        assert_eq!(named(&api, &field(&api, "Condition", branch).ty), "Value2");
    }
    assert_eq!(
        field(&api, "Condition", "r#else").doc.as_deref(),
        Some("The value otherwise.")
    );
    assert_eq!(
        named(&api, &field(&api, "Value2", "condition").ty),
        "Condition"
    );
}

#[test]
fn a_statement_reached_again_through_three_schemas_is_lowered_once() {
    let (api, warnings) = generate_on_small_stack("branching");
    assert!(warnings.is_empty(), "{warnings:#?}");
    assert_eq!(
        names(&api),
        [
            "Statement",
            "NotStatement",
            "RateStatement",
            "ManagedStatement"
        ]
    );
    let statement = field(&api, "NotStatement", "statement");
    assert_eq!(named(&api, &statement.ty), "Statement");
    assert!(
        statement.required,
        "the wrapper keeps the property's required-ness"
    );
    for owner in ["RateStatement", "ManagedStatement"] {
        assert_eq!(
            named(&api, &field(&api, owner, "scope_down").ty),
            "Statement"
        );
    }
}

#[test]
fn an_all_of_that_merges_a_schema_into_itself_is_reported_and_stops() {
    let (api, warnings) = generate_on_small_stack("merge_cycle");
    // The warning points at the property where it is written, not at a copy of it.
    assert_eq!(
        warnings,
        ["#/components/schemas/Node/allOf/1/properties/child this property contains itself through allOf merges (each copy would hold another); it is typed as a JSON value"],
    );
    // One level is unrolled (the child merges Node with `depth`); the copy inside it is where the cycle closes.
    let child = field(&api, "Node", "child");
    assert_eq!(named(&api, &child.ty), "NodeChild");
    assert_eq!(
        field(&api, "NodeChild", "child").ty,
        TypeRef::Primitive(generator::ir::Primitive::Json)
    );
    assert_eq!(
        field(&api, "NodeChild", "depth").ty,
        TypeRef::Primitive(generator::ir::Primitive::I64)
    );
    assert_eq!(
        field(&api, "Node", "id").ty,
        TypeRef::Primitive(generator::ir::Primitive::String)
    );
}
