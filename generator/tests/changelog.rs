//! One test per change kind and classification rule of the release diff.

use generator::changelog::{bump_version, diff, suggested_bump, Change, ChangeKind, Group, Semver};

const HEADER: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

/// A document with one POST operation taking `Input` and returning `Output`, and one GET with parameters.
fn document(input: &str, output: &str, parameters: &str, extra_operation: &str) -> String {
    format!(
        "{HEADER}paths:\n  /things:\n    get:\n      operationId: ListThings\n      parameters: [{parameters}]\n      responses: {{'200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Output'}}}}}}}}}}\n    post:\n      operationId: CreateThing\n      requestBody: {{required: true, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Input'}}}}}}}}\n      responses: {{'200': {{description: ok}}}}\n{extra_operation}components:\n  schemas:\n    Input: {input}\n    Output: {output}\n"
    )
}

fn changes(old: &str, new: &str) -> Vec<Change> {
    let lower = |text: &str| {
        let document = generator::source::load_str(text, "t.yaml").unwrap();
        generator::lower::lower(&document, "t.yaml").unwrap().api
    };
    diff(&lower(old), &lower(new))
}

const INPUT: &str = "{type: object, required: [name], properties: {name: {type: string}}}";
const OUTPUT: &str = "{type: object, required: [id], properties: {id: {type: string}, state: {type: string, enum: [A, B]}}}";
const PARAMETERS: &str = "{name: offset, in: query, schema: {type: integer}}, {name: limit, in: query, schema: {type: integer}}";

fn base() -> String {
    document(INPUT, OUTPUT, PARAMETERS, "")
}

fn only(changes: &[Change]) -> &Change {
    assert_eq!(changes.len(), 1, "{changes:#?}");
    &changes[0]
}

#[test]
fn identical_documents_have_no_changes() {
    assert!(changes(&base(), &base()).is_empty());
    assert_eq!(suggested_bump(&[]), Semver::Patch);
}

#[test]
fn a_new_required_request_property_breaks() {
    let new = document("{type: object, required: [name, size], properties: {name: {type: string}, size: {type: integer}}}", OUTPUT, PARAMETERS, "");
    let found = changes(&base(), &new);
    let change = only(&found);
    assert_eq!(
        (change.kind, change.group, change.subject.as_str()),
        (ChangeKind::Added, Group::Schemas, "Input.size")
    );
    assert!(change.breaking);
    assert_eq!(change.semver, Semver::Major);
}

#[test]
fn a_new_optional_request_property_does_not_break() {
    let new = document("{type: object, required: [name], properties: {name: {type: string}, note: {type: string}}}", OUTPUT, PARAMETERS, "");
    let found = changes(&base(), &new);
    let change = only(&found);
    assert!(!change.breaking);
    assert_eq!(change.semver, Semver::Minor);
}

#[test]
fn a_new_required_response_property_does_not_break_http_clients_but_breaks_rust_callers_that_construct_it(
) {
    let new = document(INPUT, "{type: object, required: [id, kind], properties: {id: {type: string}, kind: {type: string}, state: {type: string, enum: [A, B]}}}", PARAMETERS, "");
    let found = changes(&base(), &new);
    let change = only(&found);
    assert_eq!(change.subject, "Output.kind");
    assert!(!change.breaking);
    // `Output::new` takes every required field, so it gains an argument.
    assert_eq!(change.semver, Semver::Major);
    assert_eq!(change.http_effect, "not breaking for HTTP clients");
    assert_eq!(
        change.rust_effect,
        "breaking for Rust callers that construct `Output`"
    );
}

#[test]
fn a_removed_property_breaks() {
    let new = document(
        INPUT,
        "{type: object, required: [id], properties: {id: {type: string}}}",
        PARAMETERS,
        "",
    );
    let found = changes(&base(), &new);
    // The property, and the Rust enum of its inline values, which callers may name.
    let details: Vec<(ChangeKind, &str, &str, bool)> = found
        .iter()
        .map(|c| (c.kind, c.subject.as_str(), c.detail.as_str(), c.breaking))
        .collect();
    assert_eq!(
        details,
        [
            (
                ChangeKind::Removed,
                "Output.state",
                "inline schema removed (the Rust type `OutputState`)",
                false
            ),
            (
                ChangeKind::Removed,
                "Output.state",
                "property removed",
                true
            ),
        ]
    );
}

#[test]
fn enum_values_added_do_not_break_and_removed_ones_do() {
    let added = document(INPUT, "{type: object, required: [id], properties: {id: {type: string}, state: {type: string, enum: [A, B, C]}}}", PARAMETERS, "");
    let change = changes(&base(), &added).remove(0);
    assert_eq!(
        (change.kind, change.breaking, change.semver),
        (ChangeKind::Added, false, Semver::Minor)
    );
    assert!(change.detail.contains("`C`"), "{}", change.detail);

    let removed = document(INPUT, "{type: object, required: [id], properties: {id: {type: string}, state: {type: string, enum: [A]}}}", PARAMETERS, "");
    let change = changes(&base(), &removed).remove(0);
    assert_eq!(
        (change.kind, change.breaking, change.semver),
        (ChangeKind::Removed, true, Semver::Major)
    );
}

#[test]
fn a_changed_type_breaks() {
    let new = document(
        "{type: object, required: [name], properties: {name: {type: integer}}}",
        OUTPUT,
        PARAMETERS,
        "",
    );
    let found = changes(&base(), &new);
    let change = only(&found);
    assert_eq!(change.kind, ChangeKind::Changed);
    assert!(
        change.breaking && change.detail.contains("string") && change.detail.contains("integer"),
        "{change:?}"
    );
}

#[test]
fn operations_added_and_removed() {
    let extra = "  /other:\n    delete:\n      operationId: DeleteOther\n      responses: {'204': {description: gone}}\n";
    let with_extra = document(INPUT, OUTPUT, PARAMETERS, extra);
    let added = changes(&base(), &with_extra);
    let change = only(&added);
    assert_eq!(
        (change.kind, change.group, change.breaking),
        (ChangeKind::Added, Group::Operations, false)
    );
    let removed = changes(&with_extra, &base());
    let change = only(&removed);
    assert_eq!(
        (change.kind, change.breaking, change.semver),
        (ChangeKind::Removed, true, Semver::Major)
    );
}

#[test]
fn parameters_are_matched_by_name_and_location_not_position() {
    // `kind` is inserted before `offset`: one addition, and `offset` and `limit` are untouched.
    let inserted = document(
        INPUT,
        OUTPUT,
        &format!("{{name: kind, in: query, schema: {{type: string}}}}, {PARAMETERS}"),
        "",
    );
    let found = changes(&base(), &inserted);
    let change = only(&found);
    assert_eq!(
        (change.kind, change.group),
        (ChangeKind::Added, Group::Parameters)
    );
    assert!(
        change.subject.ends_with("query `kind`") && !change.breaking,
        "{change:?}"
    );

    let reordered = document(INPUT, OUTPUT, "{name: limit, in: query, schema: {type: integer}}, {name: offset, in: query, schema: {type: integer}}", "");
    assert!(
        changes(&base(), &reordered).is_empty(),
        "moving a parameter is not a change"
    );
}

#[test]
fn a_renamed_parameter_is_a_removal_and_an_addition() {
    let renamed = document(INPUT, OUTPUT, "{name: skip, in: query, schema: {type: integer}}, {name: limit, in: query, schema: {type: integer}}", "");
    let found = changes(&base(), &renamed);
    let kinds: Vec<ChangeKind> = found.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [ChangeKind::Added, ChangeKind::Removed]);
    assert!(found[1].breaking);
}

#[test]
fn a_new_required_parameter_breaks() {
    let new = document(INPUT, OUTPUT, &format!("{PARAMETERS}, {{name: X-Tenant, in: header, required: true, schema: {{type: string}}}}"), "");
    let found = changes(&base(), &new);
    let change = only(&found);
    assert!(
        change.breaking
            && change.semver == Semver::Major
            && change.subject.contains("header `X-Tenant`"),
        "{change:?}"
    );
}

#[test]
fn permissions_and_security_are_reported() {
    let old = format!("{HEADER}security: [{{JWT: []}}]\npaths:\n  /a:\n    get:\n      operationId: A\n      responses: {{'200': {{description: ok}}}}\ncomponents:\n  securitySchemes:\n    JWT: {{type: apiKey, in: header, name: Authorization}}\n");
    let new = old
        .replace(
            "operationId: A\n",
            "operationId: A\n      x-permission: [{action: a.read}]\n",
        )
        .replace(
            "{type: apiKey, in: header, name: Authorization}",
            "{type: http, scheme: bearer}",
        );
    let found = changes(&old, &new);
    let groups: Vec<(ChangeKind, Group, bool)> = found
        .iter()
        .map(|c| (c.kind, c.group, c.breaking))
        .collect();
    assert_eq!(
        groups,
        [
            (ChangeKind::Added, Group::Permissions, false),
            (ChangeKind::Changed, Group::Security, true)
        ]
    );
}

#[test]
fn versions_bump_the_way_cargo_reads_them() {
    assert_eq!(bump_version("0.1.0", Semver::Minor), "0.1.1");
    assert_eq!(bump_version("0.1.3", Semver::Major), "0.2.0");
    assert_eq!(bump_version("1.2.3", Semver::Minor), "1.3.0");
    assert_eq!(bump_version("1.2.3", Semver::Major), "2.0.0");
    assert_eq!(bump_version("1.2.3", Semver::Patch), "1.2.4");
}

/// A document whose GET answers `Listing` with 200 and `Accepted` with 202: the success bodies differ by status,
/// so `Accepted` is reached only through a per-status response.
fn per_status_document(accepted: &str) -> String {
    format!(
        "{HEADER}paths:\n  /jobs:\n    get:\n      operationId: GetJob\n      responses:\n        '200': {{description: done, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Listing'}}}}}}}}\n        '202': {{description: queued, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Accepted'}}}}}}}}\n        '409': {{description: busy, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Busy'}}}}}}}}\n        default: {{description: failed, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Failure'}}}}}}}}\ncomponents:\n  schemas:\n    Listing: {{type: object, properties: {{items: {{type: array, items: {{type: string}}}}}}}}\n    Accepted: {accepted}\n    Busy: {{type: object, required: [retry], properties: {{retry: {{type: integer}}}}}}\n    Failure: {{type: object, required: [message], properties: {{message: {{type: string}}}}}}\n"
    )
}

#[test]
fn a_schema_returned_only_by_a_per_status_response_is_a_response_schema() {
    // Reading a required property that may now be absent breaks a client that reads it, wherever the schema is
    // returned; a 202-only body counts like any other response.
    let old = per_status_document(
        "{type: object, required: [ticket], properties: {ticket: {type: string}}}",
    );
    let new = per_status_document("{type: object, properties: {ticket: {type: string}}}");
    let found = changes(&old, &new);
    let change = only(&found);
    assert_eq!(
        (change.kind, change.subject.as_str(), change.detail.as_str()),
        (ChangeKind::Changed, "Accepted.ticket", "no longer required")
    );
    assert!(change.breaking, "{change:#?}");
}

#[test]
fn a_schema_returned_only_by_a_per_status_error_is_a_response_schema() {
    let old = per_status_document(
        "{type: object, required: [ticket], properties: {ticket: {type: string}}}",
    );
    let new = old.replace(
        "Busy: {type: object, required: [retry], properties",
        "Busy: {type: object, properties",
    );
    let found = changes(&old, &new);
    let change = only(&found);
    assert_eq!(change.subject, "Busy.retry");
    assert!(change.breaking, "{change:#?}");
}

/// A document with `GET /books/{path}`, whose path parameter is named `name`.
fn book_document(path: &str, name: &str) -> String {
    format!(
        "{HEADER}paths:\n  {path}:\n    get:\n      operationId: GetBook\n      parameters: [{{name: {name}, in: path, required: true, schema: {{type: string}}}}]\n      responses: {{'200': {{description: ok}}}}\n"
    )
}

#[test]
fn a_renamed_path_parameter_is_a_rename_not_an_operation_removed_and_added() {
    let old = book_document("/books/{bookId}", "bookId");
    let new = book_document("/books/{id}", "id");
    let found = changes(&old, &new);
    let change = only(&found);
    assert_eq!(
        (change.kind, change.group, change.subject.as_str()),
        (
            ChangeKind::Changed,
            Group::Parameters,
            "GET /books/{id} · path `id`"
        )
    );
    assert!(
        !change.breaking && change.semver == Semver::Patch,
        "{change:#?}"
    );
    assert!(
        change.detail.contains("`bookId` to `id`"),
        "{}",
        change.detail
    );
}

#[test]
fn a_narrower_request_constraint_breaks_senders_and_a_wider_response_one_breaks_readers() {
    let narrower = document(
        "{type: object, required: [name], properties: {name: {type: string, maxLength: 10}}}",
        OUTPUT,
        PARAMETERS,
        "",
    );
    let found = changes(&base(), &narrower);
    let change = only(&found);
    assert_eq!(change.detail, "maxLength changed from none to 10");
    assert!(
        change.breaking && change.semver == Semver::Patch,
        "{change:#?}"
    );

    // The same keyword on a schema only returned: narrowing it breaks no reader.
    let returned = document(INPUT, "{type: object, required: [id], properties: {id: {type: string, maxLength: 10}, state: {type: string, enum: [A, B]}}}", PARAMETERS, "");
    assert!(!only(&changes(&base(), &returned)).breaking);
    assert!(only(&changes(&returned, &base())).breaking);
}

#[test]
fn every_constraint_keyword_is_compared() {
    let keywords = [
        ("{type: string}", "{type: string, minLength: 2}"),
        ("{type: string}", "{type: string, pattern: '^a'}"),
        ("{type: string}", "{type: string, format: email}"),
        ("{type: integer}", "{type: integer, minimum: 1}"),
        ("{type: integer}", "{type: integer, maximum: 9}"),
        ("{type: integer}", "{type: integer, multipleOf: 3}"),
        (
            "{type: array, items: {type: string}}",
            "{type: array, items: {type: string}, maxItems: 3}",
        ),
        (
            "{type: array, items: {type: string}}",
            "{type: array, items: {type: string}, minItems: 1}",
        ),
        (
            "{type: array, items: {type: string}}",
            "{type: array, items: {type: string}, uniqueItems: true}",
        ),
    ];
    for (before, after) in keywords {
        let input = |schema: &str| {
            format!("{{type: object, required: [name], properties: {{name: {schema}}}}}")
        };
        let old = document(&input(before), OUTPUT, PARAMETERS, "");
        let new = document(&input(after), OUTPUT, PARAMETERS, "");
        let found = changes(&old, &new);
        let change = only(&found);
        assert!(change.breaking, "{after}: {change:#?}");
    }
}

#[test]
fn a_parameter_constraint_style_and_default_are_compared() {
    let old = document(INPUT, OUTPUT, "{name: offset, in: query, schema: {type: integer, default: 0}}, {name: limit, in: query, schema: {type: integer}}", "");
    let new = document(INPUT, OUTPUT, "{name: offset, in: query, schema: {type: integer, default: 1}}, {name: limit, in: query, explode: false, schema: {type: integer, maximum: 50}}", "");
    let found = changes(&old, &new);
    let details: Vec<&str> = found.iter().map(|c| c.detail.as_str()).collect();
    assert_eq!(
        details,
        [
            "maximum changed from none to 50",
            "serialization changed from form (explode) to form (no explode)",
            "default changed from 0 to 1",
        ]
    );
    assert!(found
        .iter()
        .all(|c| c.breaking && c.semver == Semver::Patch));
}

/// A tagged union `Pet` of `Cat` and `Dog` returned by `GET /pet`, with the given mapping values.
fn pet_document(cat: &str, extra_member: &str) -> String {
    format!(
        "{HEADER}paths:\n  /pet:\n    get:\n      operationId: GetPet\n      responses: {{'200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Pet'}}}}}}}}}}\ncomponents:\n  schemas:\n    Pet:\n      oneOf: [{{$ref: '#/components/schemas/Cat'}}, {{$ref: '#/components/schemas/Dog'}}{extra_member}]\n      discriminator: {{propertyName: kind, mapping: {{{cat}: '#/components/schemas/Cat', dog: '#/components/schemas/Dog'}}}}\n    Cat: {{type: object, required: [kind], properties: {{kind: {{type: string}}}}}}\n    Dog: {{type: object, required: [kind], properties: {{kind: {{type: string}}}}}}\n    Fish: {{type: object, required: [kind], properties: {{kind: {{type: string}}}}}}\n"
    )
}

#[test]
fn a_changed_discriminator_mapping_breaks_http_clients_and_renames_the_rust_variant() {
    let found = changes(&pet_document("cat", ""), &pet_document("feline", ""));
    assert_eq!(found.len(), 2, "{found:#?}");
    let mapping = found.iter().find(|c| c.detail.contains("mapping")).unwrap();
    assert_eq!(mapping.subject, "Pet");
    assert!(
        mapping.detail.contains("`cat` to `feline`"),
        "{}",
        mapping.detail
    );
    assert!(mapping.breaking && mapping.semver == Semver::Patch);
    // Variants are named after their tag value, so this one is renamed: that is the Rust break.
    let renamed = found.iter().find(|c| c.detail.contains("renamed")).unwrap();
    assert!(!renamed.breaking && renamed.semver == Semver::Major);
    assert_eq!(
        renamed.rust_effect,
        "breaking for Rust callers that match on `Pet::Cat`"
    );
}

#[test]
fn a_member_of_a_tagged_union_is_additive_and_of_an_untagged_one_breaks_rust_matches() {
    let found = changes(
        &pet_document("cat", ""),
        &pet_document("cat", ", {$ref: '#/components/schemas/Fish'}"),
    );
    let added = found
        .iter()
        .find(|c| c.detail.starts_with("new oneOf member"))
        .unwrap();
    assert_eq!(added.semver, Semver::Minor);

    let untagged = |members: &str| {
        format!("{HEADER}paths:\n  /v:\n    get:\n      operationId: GetV\n      responses: {{'200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/V'}}}}}}}}}}\ncomponents:\n  schemas:\n    V: {{oneOf: [{members}]}}\n")
    };
    let found = changes(
        &untagged("{type: string}, {type: integer}"),
        &untagged("{type: string}, {type: integer}, {type: boolean}"),
    );
    let change = only(&found);
    assert_eq!(change.semver, Semver::Major);
    assert_eq!(
        change.rust_effect,
        "breaking for Rust callers that match on `V`"
    );
}

#[test]
fn a_status_added_to_a_per_status_response_breaks_rust_callers_that_match_on_it() {
    let old = per_status_document("{type: object, properties: {ticket: {type: string}}}");
    let new = old.replace(
        "        '409':",
        "        '201': {description: made, content: {application/json: {schema: {$ref: '#/components/schemas/Listing'}}}}\n        '409':",
    );
    let found = changes(&old, &new);
    let change = only(&found);
    assert_eq!(change.detail, "new success status 201");
    assert!(!change.breaking);
    assert_eq!(change.semver, Semver::Major);
    assert!(
        change.rust_effect.contains("match on"),
        "{}",
        change.rust_effect
    );
}

#[test]
fn the_json_form_of_a_change_carries_both_effects() {
    let new = document(INPUT, "{type: object, required: [id, kind], properties: {id: {type: string}, kind: {type: string}, state: {type: string, enum: [A, B]}}}", PARAMETERS, "");
    let found = changes(&base(), &new);
    let json = serde_json::to_value(only(&found)).unwrap();
    assert_eq!(json["http_effect"], "not breaking for HTTP clients");
    assert_eq!(
        json["rust_effect"],
        "breaking for Rust callers that construct `Output`"
    );
    assert_eq!(json["rust_item"]["usage"], "construct");
    assert_eq!(json["semver"], "major");
    assert_eq!(json["breaking"], false);
}

#[test]
fn a_parameter_moved_to_another_location_breaks_http_clients_and_keeps_its_rust_setter() {
    let new = document(
        INPUT,
        OUTPUT,
        "{name: offset, in: header, schema: {type: integer}}, {name: limit, in: query, schema: {type: integer}}",
        "",
    );
    let found = changes(&base(), &new);
    let change = only(&found);
    assert_eq!(
        (change.kind, change.detail.as_str()),
        (ChangeKind::Changed, "moved from query to header")
    );
    assert!(
        change.breaking && change.semver == Semver::Patch,
        "{change:#?}"
    );
}
