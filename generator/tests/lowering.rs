//! What lowering decides and refuses, on small inline documents.

use generator::ir::{TypeKind, TypeRef};

fn lower(yaml: &str) -> Result<generator::lower::Lowered, generator::Error> {
    let document = generator::source::load_str(yaml, "test.yaml")?;
    generator::lower::lower(&document, "test.yaml")
}

const HEADER: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

#[test]
fn independent_errors_are_reported_together_with_pointers() {
    let yaml = format!(
        "{HEADER}paths:\n  /a:\n    get:\n      operationId: a\n      responses: {{'200': {{$ref: '#/components/responses/Gone'}}}}\n  /b:\n    get:\n      operationId: b\n      parameters: [{{$ref: '#/components/parameters/Nope'}}]\n      responses: {{'200': {{description: ok}}}}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        b: {{$ref: '#/components/schemas/Missing'}}\n"
    );
    let error = lower(&yaml).unwrap_err().to_string();
    assert!(error.contains("3 error(s)"), "{error}");
    assert!(
        error.contains("#/paths/~1a/get/responses/200")
            && error.contains("#/components/responses/Gone"),
        "{error}"
    );
    assert!(error.contains("#/paths/~1b/get/parameters/0"), "{error}");
    assert!(
        error.contains("#/components/schemas/A/properties/b") && error.contains("Missing"),
        "{error}"
    );
}

#[test]
fn names_that_collide_after_case_conversion_stay_apart() {
    let yaml = format!(
        "{HEADER}paths:\n  /u:\n    get:\n      operationId: getUser\n      responses: {{'200': {{description: ok}}}}\n    post:\n      operationId: get_user\n      responses: {{'200': {{description: ok}}}}\ncomponents:\n  schemas:\n    thing:\n      type: object\n      properties:\n        fooBar: {{type: string}}\n        foo_bar: {{type: integer}}\n    Thing: {{type: string}}\n"
    );
    let api = lower(&yaml).unwrap().api;
    let methods: Vec<&str> = api
        .operations
        .iter()
        .map(|o| o.rust_name.as_str())
        .collect();
    assert_eq!(methods, ["get_user", "get_user_2"]);
    let names: Vec<&str> = api.types.iter().map(|t| t.rust_name.as_str()).collect();
    assert_eq!(names, ["Thing", "Thing2"]);
    let TypeKind::Struct(thing) = &api.types[0].kind else {
        panic!()
    };
    let fields: Vec<(&str, &str)> = thing
        .fields
        .iter()
        .map(|f| (f.rust_name.as_str(), f.wire_name.as_str()))
        .collect();
    assert_eq!(fields, [("foo_bar", "fooBar"), ("foo_bar_2", "foo_bar")]);
}

#[test]
fn self_containing_schemas_are_boxed_and_alias_cycles_fall_back() {
    let yaml = format!(
        "{HEADER}paths: {{}}\ncomponents:\n  schemas:\n    Node:\n      type: object\n      properties:\n        next: {{$ref: '#/components/schemas/Node'}}\n        children: {{type: array, items: {{$ref: '#/components/schemas/Node'}}}}\n    Loop: {{$ref: '#/components/schemas/Loop'}}\n"
    );
    let lowered = lower(&yaml).unwrap();
    let TypeKind::Struct(node) = &lowered.api.types[0].kind else {
        panic!()
    };
    assert!(node.fields[0].boxed, "a direct self-reference needs a Box");
    assert!(!node.fields[1].boxed, "a Vec already allocates");
    assert_eq!(
        lowered.api.types[1].kind,
        TypeKind::Alias(TypeRef::Primitive(generator::ir::Primitive::Json))
    );
    assert!(
        lowered
            .warnings
            .iter()
            .any(|w| w.pointer == "#/components/schemas/Loop"),
        "{:?}",
        lowered.warnings
    );
}

#[test]
fn enums_keep_every_distinct_value_and_reserve_the_unknown_variant() {
    let yaml = format!("{HEADER}paths: {{}}\ncomponents:\n  schemas:\n    E: {{type: string, enum: [a, A, 'a-', Unknown, a]}}\n");
    let api = lower(&yaml).unwrap().api;
    let TypeKind::Enum(e) = &api.types[0].kind else {
        panic!()
    };
    let variants: Vec<(&str, &str)> = e
        .variants
        .iter()
        .map(|v| (v.rust_name.as_str(), v.wire_value.as_str()))
        .collect();
    assert_eq!(
        variants,
        [
            ("A", "a"),
            ("A2", "A"),
            ("A3", "a-"),
            ("Unknown", "Unknown")
        ]
    );
    assert_eq!(e.unknown_variant, "Unknown2");
}

#[test]
fn path_templates_are_the_truth_for_path_parameters() {
    let yaml = format!(
        "{HEADER}servers: [{{url: 'https://x'}}]\npaths:\n  /a/{{id}}:\n    get:\n      operationId: a\n      parameters: [{{name: other, in: path, required: true, schema: {{type: string}}}}]\n      responses: {{'200': {{description: ok}}}}\n"
    );
    let lowered = lower(&yaml).unwrap();
    let parameters: Vec<&str> = lowered.api.operations[0]
        .parameters
        .iter()
        .map(|p| p.wire_name.as_str())
        .collect();
    assert_eq!(parameters, ["id"]);
    let messages: Vec<&str> = lowered
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
}

#[test]
fn broken_path_templates_are_errors() {
    for path in ["/a}b", "/{}", "/{a"] {
        let yaml = format!("{HEADER}paths:\n  '{path}':\n    get:\n      responses: {{'200': {{description: ok}}}}\n");
        let error = lower(&yaml).unwrap_err().to_string();
        assert!(error.contains(path), "{path}: {error}");
    }
}

#[test]
fn server_variables_take_their_defaults() {
    let yaml = format!(
        "{HEADER}servers:\n  - url: 'https://{{region}}.example.com/{{version}}'\n    variables:\n      region: {{default: eu, enum: [eu, us]}}\n      version: {{default: v2}}\npaths: {{}}\n"
    );
    let api = lower(&yaml).unwrap().api;
    assert_eq!(
        api.default_base_url.as_deref(),
        Some("https://eu.example.com/v2")
    );
}

#[test]
fn one_of_members_pinning_a_property_become_a_tagged_union() {
    let yaml = format!(
        "{HEADER}paths: {{}}\ncomponents:\n  schemas:\n    Shape:\n      oneOf:\n        - {{type: object, properties: {{kind: {{type: string, enum: [circle]}}, r: {{type: number}}}}}}\n        - {{$ref: '#/components/schemas/Square'}}\n    Square: {{type: object, properties: {{kind: {{type: string, enum: [square]}}}}}}\n"
    );
    let api = lower(&yaml).unwrap().api;
    let TypeKind::Union(union) = &api.types[0].kind else {
        panic!()
    };
    assert!(
        matches!(&union.tagging, generator::ir::UnionTagging::Tagged { property, .. } if property == "kind")
    );
    let names: Vec<(&str, &[String])> = union
        .variants
        .iter()
        .map(|v| (v.rust_name.as_str(), v.tag_values.as_slice()))
        .collect();
    assert_eq!(
        names,
        [
            ("Circle", &["circle".to_owned()][..]),
            ("Square", &["square".to_owned()][..])
        ]
    );
}
