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
fn a_new_required_response_property_does_not_break() {
    let new = document(INPUT, "{type: object, required: [id, kind], properties: {id: {type: string}, kind: {type: string}, state: {type: string, enum: [A, B]}}}", PARAMETERS, "");
    let found = changes(&base(), &new);
    let change = only(&found);
    assert_eq!(change.subject, "Output.kind");
    assert!(!change.breaking);
    assert_eq!(change.semver, Semver::Minor);
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
    let change = only(&found);
    assert_eq!(
        (change.kind, change.subject.as_str()),
        (ChangeKind::Removed, "Output.state")
    );
    assert!(change.breaking);
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
