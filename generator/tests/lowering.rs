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

/// The operations of `tests/fixtures/pagination.yaml`, one per pagination case, and the warnings of lowering it.
fn pagination_fixture() -> (generator::lower::Lowered, String) {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pagination.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    (generator::lower_file(&path).unwrap(), text)
}

fn operation<'a>(api: &'a generator::ir::Api, operation_id: &str) -> &'a generator::ir::Operation {
    api.operations
        .iter()
        .find(|o| o.operation_id.as_deref() == Some(operation_id))
        .unwrap_or_else(|| panic!("no operation {operation_id}"))
}

/// The index of the operation's parameter with this wire name.
fn parameter(operation: &generator::ir::Operation, wire_name: &str) -> usize {
    operation
        .parameters
        .iter()
        .position(|p| p.wire_name == wire_name)
        .unwrap_or_else(|| panic!("{}: no parameter {wire_name}", operation.rust_name))
}

fn named(api: &generator::ir::Api, rust_name: &str) -> TypeRef {
    let index = api
        .types
        .iter()
        .position(|t| t.rust_name == rust_name)
        .unwrap_or_else(|| panic!("no type {rust_name}"));
    TypeRef::Named(generator::ir::TypeId(index))
}

#[test]
fn cursor_pagination_is_found_by_parameter_and_response_field_names() {
    use generator::ir::{Pagination, PaginationStyle};
    let (lowered, _) = pagination_fixture();
    let api = &lowered.api;
    let notes = operation(api, "listNotes");
    // `size` comes first, so the cursor is parameter 1, not 0.
    assert_eq!(parameter(notes, "cursor"), 1);
    assert_eq!(
        notes.pagination,
        Some(Pagination {
            style: PaginationStyle::Cursor {
                cursor_parameter: 1,
                next_field: "next_cursor".to_owned(),
                next_depth: 1,
            },
            items_field: "notes".to_owned(),
            items_depth: 0,
            item: named(api, "Note"),
        })
    );
}

#[test]
fn page_pagination_counts_from_the_default_of_page_or_from_one() {
    use generator::ir::{Pagination, PaginationStyle, Primitive};
    let (lowered, _) = pagination_fixture();
    let api = &lowered.api;
    let photos = operation(api, "listPhotos");
    assert_eq!(
        photos.pagination,
        Some(Pagination {
            style: PaginationStyle::Page {
                page_parameter: parameter(photos, "page"),
                first_page: 1,
            },
            items_field: "photos".to_owned(),
            items_depth: 0,
            item: TypeRef::Primitive(Primitive::String),
        })
    );
    let albums = operation(api, "listAlbums");
    assert_eq!(albums.parameters[0].default.as_deref(), Some("0"));
    assert_eq!(
        albums.pagination,
        Some(Pagination {
            style: PaginationStyle::Page {
                page_parameter: parameter(albums, "page"),
                first_page: 0,
            },
            items_field: "albums".to_owned(),
            // `albums` is optional: the stream reads a missing array as an empty page.
            items_depth: 1,
            item: TypeRef::Primitive(Primitive::String),
        })
    );
}

#[test]
fn x_pagination_false_turns_off_what_would_be_offset_pagination() {
    use generator::ir::PaginationStyle;
    let (lowered, _) = pagination_fixture();
    assert_eq!(operation(&lowered.api, "listLogs").pagination, None);

    // The same operation without the extension is offset-paginated, totalCount included.
    let (_, text) = pagination_fixture();
    let without = text.replace("      x-pagination: false\n", "");
    assert_ne!(without, text);
    let api = generator::lower_str(&without, "pagination.yaml")
        .unwrap()
        .api;
    let logs = operation(&api, "listLogs");
    let style = logs.pagination.as_ref().map(|p| &p.style);
    assert_eq!(
        style,
        Some(&PaginationStyle::Offset {
            offset_parameter: parameter(logs, "offset"),
            total_field: Some(("total_count".to_owned(), 0)),
        })
    );
}

#[test]
fn x_pagination_items_picks_one_of_two_arrays() {
    use generator::ir::{Pagination, PaginationStyle};
    let (lowered, text) = pagination_fixture();
    let api = &lowered.api;
    let people = operation(api, "listTeamPeople");
    // The path parameter comes first; the style is still detected (cursor), only the items are named.
    assert_eq!(parameter(people, "pageToken"), 1);
    assert_eq!(
        people.pagination,
        Some(Pagination {
            style: PaginationStyle::Cursor {
                cursor_parameter: 1,
                next_field: "next_page_token".to_owned(),
                next_depth: 2,
            },
            items_field: "members".to_owned(),
            items_depth: 0,
            item: named(api, "Person"),
        })
    );

    // Without `items` the two arrays leave the operation unpaginated, and the extension's presence is warned about.
    let without = text.replace("x-pagination: {items: members}", "x-pagination: {}");
    assert_ne!(without, text);
    let lowered = generator::lower_str(&without, "pagination.yaml").unwrap();
    assert_eq!(operation(&lowered.api, "listTeamPeople").pagination, None);
    assert!(lowered.warnings.iter().any(|w| w.pointer == "#/paths/~1teams~1{team}~1people/get"
        && w.message == "x-pagination: the response needs exactly one array property (name it with `items`)"));
}

#[test]
fn x_pagination_style_overrides_the_detected_one() {
    use generator::ir::{Pagination, PaginationStyle, Primitive};
    let (lowered, _) = pagination_fixture();
    let api = &lowered.api;
    let tickets = operation(api, "listTickets");
    // `offset` and `limit` would win without the extension; `page` (the third parameter) is used instead.
    assert_eq!(parameter(tickets, "page"), 2);
    assert_eq!(
        tickets.pagination,
        Some(Pagination {
            style: PaginationStyle::Page {
                page_parameter: 2,
                first_page: 1,
            },
            items_field: "tickets".to_owned(),
            items_depth: 0,
            item: TypeRef::Primitive(Primitive::I64),
        })
    );
}

#[test]
fn bad_x_pagination_styles_are_warnings_at_the_operation_and_leave_it_unpaginated() {
    let (lowered, text) = pagination_fixture();
    let api = &lowered.api;
    // Both operations would be paginated without the extension (cursor by `after` + `next`, offset).
    assert_eq!(operation(api, "listEvents").pagination, None);
    assert_eq!(operation(api, "listJobs").pagination, None);

    let warnings: Vec<(&str, &str)> = lowered
        .warnings
        .iter()
        .map(|w| (w.pointer.as_str(), w.message.as_str()))
        .collect();
    assert_eq!(
        warnings,
        [
            (
                "#/paths/~1events/get",
                "x-pagination: unknown style `scroll` (offset, cursor or page)"
            ),
            (
                "#/paths/~1jobs/get",
                "x-pagination: the operation lacks the parameters or response fields of that style"
            ),
        ],
        "these are the fixture's only warnings"
    );
    // Each points at the operation's line in the document.
    let line_of = |needle: &str| text.lines().position(|l| l == needle).unwrap() + 2;
    let lines: Vec<Option<usize>> = lowered
        .warnings
        .iter()
        .map(|w| w.location.map(|l| l.line))
        .collect();
    assert_eq!(
        lines,
        [Some(line_of("  /events:")), Some(line_of("  /jobs:"))]
    );

    // Without the extensions both are paginated, so the warnings really did turn pagination off.
    let plain = text
        .replace("      x-pagination: {style: scroll}\n", "")
        .replace("      x-pagination: {style: cursor}\n", "");
    let api = generator::lower_str(&plain, "pagination.yaml").unwrap().api;
    assert!(matches!(
        operation(&api, "listEvents").pagination.as_ref().map(|p| &p.style),
        Some(generator::ir::PaginationStyle::Cursor { next_field, .. }) if next_field == "next"
    ));
    assert!(matches!(
        operation(&api, "listJobs")
            .pagination
            .as_ref()
            .map(|p| &p.style),
        Some(generator::ir::PaginationStyle::Offset {
            total_field: None,
            ..
        })
    ));
}

#[test]
fn two_arrays_without_the_extension_are_silently_not_paginated() {
    let yaml = format!(
        "{HEADER}servers: [{{url: 'https://x'}}]\npaths:\n  /p:\n    get:\n      operationId: p\n      parameters: [{{name: cursor, in: query, schema: {{type: string}}}}]\n      responses:\n        '200':\n          description: ok\n          content: {{application/json: {{schema: {{type: object, properties: {{a: {{type: array, items: {{type: string}}}}, b: {{type: array, items: {{type: string}}}}, next: {{type: string}}}}}}}}}}\n"
    );
    let lowered = lower(&yaml).unwrap();
    assert_eq!(lowered.api.operations[0].pagination, None);
    assert!(lowered.warnings.is_empty(), "{:?}", lowered.warnings);
    // One array fewer and the same operation is cursor-paginated.
    let one_array = yaml.replace(", b: {type: array, items: {type: string}}", "");
    assert_ne!(one_array, yaml);
    assert!(lower(&one_array).unwrap().api.operations[0]
        .pagination
        .is_some());
}

/// A page type with offset/limit parameters, read by GET and written by a bulk PATCH.
const OFFSET_LIST_AND_BULK_PATCH: &str = "paths:
  /items:
    get:
      operationId: listItems
      parameters:
        - {name: offset, in: query, schema: {type: integer}}
        - {name: limit, in: query, schema: {type: integer}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Page'}}}}
    patch:
      operationId: patchItems
      parameters:
        - {name: offset, in: query, schema: {type: integer}}
        - {name: limit, in: query, schema: {type: integer}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Page'}}}}
components:
  schemas:
    Page:
      type: object
      required: [items, total_entries]
      properties:
        items: {type: array, items: {type: string}}
        total_entries: {type: integer}
";

#[test]
fn only_safe_methods_paginate_and_total_entries_is_a_total() {
    use generator::ir::PaginationStyle;
    let lowered = lower(&format!("{HEADER}{OFFSET_LIST_AND_BULK_PATCH}")).unwrap();
    let list = operation(&lowered.api, "listItems");
    match &list.pagination.as_ref().expect("GET pages").style {
        PaginationStyle::Offset { total_field, .. } => {
            assert_eq!(
                total_field.as_ref().map(|(name, _)| name.as_str()),
                Some("total_entries")
            )
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(operation(&lowered.api, "patchItems").pagination, None);
}

#[test]
fn schemes_without_any_requirement_are_sent_when_configured_with_a_warning() {
    let document = format!(
        "{HEADER}security: []
paths:
  /a:
    get:
      operationId: a
      responses: {{'204': {{description: ok}}}}
  /public:
    get:
      operationId: public
      security: []
      responses: {{'204': {{description: ok}}}}
components:
  securitySchemes:
    token: {{type: http, scheme: bearer}}
"
    );
    let lowered = lower(&document).unwrap();
    let a = operation(&lowered.api, "a");
    assert_eq!(a.security, vec![vec!["token".to_owned()], Vec::new()]);
    // An operation that says `security: []` itself needs nothing, and gets nothing.
    assert!(operation(&lowered.api, "public").security.is_empty());
    let warnings: Vec<String> = lowered
        .warnings
        .iter()
        .map(ToString::to_string)
        .filter(|warning| warning.contains("#/security"))
        .collect();
    assert_eq!(
        warnings.len(),
        1,
        "one warning for the document: {warnings:?}"
    );
    assert!(warnings[0].contains("requires none"), "{warnings:?}");
}

#[test]
fn an_untyped_path_parameter_is_a_string() {
    let document = format!(
        "{HEADER}paths:
  /dags/{{dag_id}}:
    get:
      operationId: getDag
      parameters: [{{name: dag_id, in: path, required: true, schema: {{title: Dag Id}}}}]
      responses: {{'204': {{description: ok}}}}
"
    );
    let lowered = lower(&document).unwrap();
    let get = operation(&lowered.api, "getDag");
    assert_eq!(
        get.parameters[0].ty,
        TypeRef::Primitive(generator::ir::Primitive::String)
    );
}

#[test]
fn a_parameter_enum_that_repeats_a_property_enum_of_its_name_takes_that_type() {
    // `CreateTokenRequest.kind` comes first in the document (and the arena), but `Token.kind` is what a
    // response holds: the filter takes the values a caller reads. `scope` repeats `Token.level`'s values under
    // another name, and `state` has values of its own: both keep their own enums.
    let yaml = format!(
        "{HEADER}paths:
  /tokens:
    get:
      operationId: listTokens
      parameters:
        - {{name: kind, in: query, schema: {{type: string, enum: [DIRECT_ACCESS, STANDARD]}}}}
        - {{name: kinds, in: query, schema: {{type: array, items: {{type: string, enum: [STANDARD, DIRECT_ACCESS]}}}}}}
        - {{name: scope, in: query, schema: {{type: string, enum: [ORGANIZATION, WORKSPACE]}}}}
        - {{name: state, in: query, schema: {{type: string, enum: [STANDARD, REVOKED]}}}}
      responses:
        '200': {{description: ok, content: {{application/json: {{schema: {{type: array, items: {{$ref: '#/components/schemas/Token'}}}}}}}}}}
    post:
      operationId: createToken
      requestBody: {{content: {{application/json: {{schema: {{$ref: '#/components/schemas/CreateTokenRequest'}}}}}}}}
      responses:
        '201': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Token'}}}}}}}}
components:
  schemas:
    CreateTokenRequest:
      type: object
      properties:
        kind: {{type: string, enum: [STANDARD, DIRECT_ACCESS]}}
    Token:
      type: object
      properties:
        kind: {{type: string, enum: [STANDARD, DIRECT_ACCESS]}}
        level: {{type: string, enum: [ORGANIZATION, WORKSPACE]}}
"
    );
    let api = lower(&yaml).unwrap().api;
    let list = operation(&api, "listTokens");
    let type_of = |name: &str| &list.parameters[parameter(list, name)].ty;
    let token_kind = named(&api, "TokenKind");
    assert_eq!(type_of("kind"), &token_kind);
    assert_eq!(
        type_of("kinds"),
        &TypeRef::Array(Box::new(token_kind.clone()))
    );
    assert_eq!(type_of("scope"), &named(&api, "ListTokensScope"));
    assert_eq!(type_of("state"), &named(&api, "ListTokensState"));
    let names: Vec<&str> = api.types.iter().map(|t| t.rust_name.as_str()).collect();
    assert_eq!(
        names,
        [
            "CreateTokenRequest",
            "Token",
            "CreateTokenRequestKind",
            "TokenKind",
            "TokenLevel",
            "ListTokensScope",
            "ListTokensState",
        ],
        "the parameters' own enums are gone and the types after them moved down"
    );
    // References into the moved types still find them.
    let create = operation(&api, "createToken");
    assert_eq!(
        create.success,
        generator::ir::Response::Json(named(&api, "Token"))
    );
    assert_eq!(
        create.body.as_ref().map(|body| &body.ty),
        Some(&named(&api, "CreateTokenRequest"))
    );
}
