//! The Swagger 2.0 conversion, one mapping per test, each checking the 3.0 value it gives and where `Origin` maps
//! its parts back to.

use serde_json::{json, Value};

use super::normalize;
use crate::diagnostics::Diagnostic;
use crate::source::normalize::Origin;

/// A converted document with its origin and warnings.
struct Converted {
    document: Value,
    origin: Origin,
    warnings: Vec<Diagnostic>,
}

impl Converted {
    fn at(&self, pointer: &str) -> &Value {
        self.document
            .pointer(pointer)
            .unwrap_or_else(|| panic!("nothing at {pointer} in {:#}", self.document))
    }

    fn warnings(&self) -> Vec<(String, String)> {
        self.warnings
            .iter()
            .map(|w| (w.pointer.clone(), w.message.clone()))
            .collect()
    }
}

fn convert(mut document: Value) -> Converted {
    let mut origin = Origin::default();
    let mut warnings = Vec::new();
    normalize(&mut document, &mut origin, &mut warnings);
    Converted {
        document,
        origin,
        warnings,
    }
}

/// A document with one operation `op` at `/p` (method `post`).
fn with_operation(operation: Value) -> Value {
    json!({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {"/p": {"post": operation}}})
}

#[test]
fn definitions_parameters_and_responses_become_components() {
    let converted = convert(json!({
        "swagger": "2.0", "info": {"title": "t", "version": "1"},
        "paths": {"/p": {"post": {
            "parameters": [{"$ref": "#/parameters/body"}, {"$ref": "#/parameters/limit"}],
            "responses": {"404": {"$ref": "#/responses/Missing"}}}}},
        "definitions": {"Pet": {"type": "object", "properties": {"owner": {"$ref": "#/definitions/Owner"}}},
                        "Owner": {"type": "object"}},
        "parameters": {
            "body": {"name": "pet", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Pet"}},
            "limit": {"name": "limit", "in": "query", "type": "integer", "maximum": 10}},
        "responses": {"Missing": {"description": "gone", "schema": {"$ref": "#/definitions/Owner"}}}
    }));
    assert_eq!(
        converted.at("/components/schemas/Pet/properties/owner/$ref"),
        "#/components/schemas/Owner"
    );
    assert_eq!(
        converted.at("/components/parameters/limit"),
        &json!({"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 10}})
    );
    assert_eq!(
        converted.at("/components/requestBodies/body"),
        &json!({"required": true, "x-codegen-request-body-name": "pet",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}})
    );
    let operation = converted.at("/paths/~1p/post");
    assert_eq!(
        operation["requestBody"],
        json!({"$ref": "#/components/requestBodies/body"})
    );
    assert_eq!(
        operation["parameters"],
        json!([{"$ref": "#/components/parameters/limit"}])
    );
    assert_eq!(
        operation["responses"]["404"],
        json!({"$ref": "#/components/responses/Missing"})
    );
    assert_eq!(
        converted.at("/components/responses/Missing/content/application~1json/schema/$ref"),
        "#/components/schemas/Owner"
    );
    let origin = &converted.origin;
    assert_eq!(
        origin.original("#/components/schemas/Pet/properties/owner"),
        "#/definitions/Pet/properties/owner"
    );
    assert_eq!(
        origin.original("#/components/parameters/limit/schema/maximum"),
        "#/parameters/limit/maximum"
    );
    assert_eq!(
        origin.original("#/components/requestBodies/body/content/application~1json/schema"),
        "#/parameters/body/schema"
    );
    assert_eq!(
        origin.original("#/components/requestBodies/body/required"),
        "#/parameters/body/required"
    );
    assert_eq!(
        origin.original("#/paths/~1p/post/requestBody/$ref"),
        "#/paths/~1p/post/parameters/0/$ref"
    );
    assert_eq!(
        origin.original("#/paths/~1p/post/parameters/0"),
        "#/paths/~1p/post/parameters/1"
    );
    assert_eq!(
        origin.original("#/components/responses/Missing/content/application~1json/schema"),
        "#/responses/Missing/schema"
    );
    assert!(converted.warnings.is_empty());
}

#[test]
fn host_base_path_and_schemes_become_servers() {
    let servers = |document: Value| {
        let mut base =
            json!({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}});
        base.as_object_mut()
            .unwrap()
            .extend(document.as_object().unwrap().clone());
        convert(base).document.get("servers").cloned()
    };
    assert_eq!(
        servers(
            json!({"host": "api.example.com", "basePath": "/v1/", "schemes": ["http", "https"]})
        ),
        Some(json!([{"url": "https://api.example.com/v1"}, {"url": "http://api.example.com/v1"}]))
    );
    assert_eq!(
        servers(json!({"host": "api.example.com"})),
        Some(json!([{"url": "https://api.example.com"}]))
    );
    assert_eq!(
        servers(json!({"basePath": "/api"})),
        Some(json!([{"url": "/api"}]))
    );
    assert_eq!(servers(json!({"basePath": "/"})), None);
}

#[test]
fn security_definitions_become_security_schemes() {
    let converted = convert(json!({
        "swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {},
        "securityDefinitions": {
            "basic": {"type": "basic", "description": "user and password"},
            "key": {"type": "apiKey", "name": "X-Key", "in": "header"},
            "implicit": {"type": "oauth2", "flow": "implicit", "authorizationUrl": "https://a/auth",
                         "scopes": {"read": "read"}},
            "password": {"type": "oauth2", "flow": "password", "tokenUrl": "https://a/token", "scopes": {}},
            "application": {"type": "oauth2", "flow": "application", "tokenUrl": "https://a/token",
                            "x-extra": 1},
            "code": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://a/auth",
                     "tokenUrl": "https://a/token", "scopes": {"write": "write"}}}
    }));
    let schemes = converted.at("/components/securitySchemes");
    assert_eq!(
        schemes["basic"],
        json!({"type": "http", "description": "user and password", "scheme": "basic"})
    );
    assert_eq!(
        schemes["key"],
        json!({"type": "apiKey", "name": "X-Key", "in": "header"})
    );
    assert_eq!(
        schemes["implicit"],
        json!({"type": "oauth2", "flows": {"implicit": {
            "authorizationUrl": "https://a/auth", "scopes": {"read": "read"}}}})
    );
    assert_eq!(
        schemes["password"]["flows"],
        json!({"password": {"tokenUrl": "https://a/token", "scopes": {}}})
    );
    assert_eq!(
        schemes["application"],
        json!({"type": "oauth2", "x-extra": 1, "flows": {"clientCredentials": {
            "tokenUrl": "https://a/token", "scopes": {}}}})
    );
    assert_eq!(
        schemes["code"]["flows"],
        json!({"authorizationCode": {"authorizationUrl": "https://a/auth", "tokenUrl": "https://a/token",
                                     "scopes": {"write": "write"}}})
    );
    assert_eq!(
        converted
            .origin
            .original("#/components/securitySchemes/code/flows/authorizationCode/tokenUrl"),
        "#/securityDefinitions/code/tokenUrl"
    );
    assert_eq!(
        converted
            .origin
            .original("#/components/securitySchemes/key/name"),
        "#/securityDefinitions/key/name"
    );
}

#[test]
fn an_unknown_oauth_flow_is_named() {
    let converted = convert(json!({
        "swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {},
        "securityDefinitions": {"odd": {"type": "oauth2", "flow": "device", "scopes": {}}}
    }));
    assert_eq!(
        converted.at("/components/securitySchemes/odd"),
        &json!({"type": "oauth2", "flows": {}})
    );
    assert_eq!(
        converted.warnings[0].pointer,
        "#/securityDefinitions/odd/flow"
    );
}

#[test]
fn a_body_parameter_is_the_request_body_under_each_consumed_media_type() {
    let converted = convert(json!({
        "swagger": "2.0", "info": {"title": "t", "version": "1"},
        "consumes": ["application/xml"],
        "paths": {"/p": {"post": {
            "consumes": ["application/json", "text/plain"],
            "parameters": [{"name": "q", "in": "query", "type": "string"},
                           {"name": "pet", "in": "body", "description": "the pet", "x-mine": true,
                            "schema": {"type": "object"}}],
            "responses": {"200": {"description": "ok"}}}}}
    }));
    let operation = converted.at("/paths/~1p/post");
    assert_eq!(
        operation["requestBody"],
        json!({"description": "the pet", "x-codegen-request-body-name": "pet", "x-mine": true,
               "content": {"application/json": {"schema": {"type": "object"}},
                           "text/plain": {"schema": {"type": "object"}}}})
    );
    assert_eq!(operation["parameters"].as_array().unwrap().len(), 1);
    assert!(operation.get("consumes").is_none());
    assert_eq!(
        converted
            .origin
            .original("#/paths/~1p/post/requestBody/content/text~1plain/schema/type"),
        "#/paths/~1p/post/parameters/1/schema/type"
    );
    assert_eq!(
        converted
            .origin
            .original("#/paths/~1p/post/requestBody/description"),
        "#/paths/~1p/post/parameters/1/description"
    );
}

#[test]
fn media_types_default_to_json_and_a_wildcard_with_a_schema_is_json() {
    let converted = convert(with_operation(json!({
        "consumes": ["*/*"],
        "parameters": [{"name": "b", "in": "body", "schema": {"type": "object"}}],
        "responses": {"200": {"description": "ok", "schema": {"type": "string"}}}
    })));
    let operation = converted.at("/paths/~1p/post");
    assert_eq!(
        operation["requestBody"]["content"],
        json!({"application/json": {"schema": {"type": "object"}}})
    );
    assert_eq!(
        operation["responses"]["200"]["content"],
        json!({"application/json": {"schema": {"type": "string"}}})
    );
    let file = convert(with_operation(json!({
        "produces": ["*/*"],
        "responses": {"200": {"description": "ok", "schema": {"type": "file"}}}
    })));
    assert_eq!(
        file.at("/paths/~1p/post/responses/200/content"),
        &json!({"*/*": {"schema": {"type": "string", "format": "binary"}}})
    );
}

#[test]
fn operation_media_types_override_the_documents() {
    let converted = convert(json!({
        "swagger": "2.0", "info": {"title": "t", "version": "1"},
        "produces": ["application/xml"],
        "paths": {"/p": {
            "get": {"responses": {"200": {"description": "ok", "schema": {"type": "string"}}}},
            "put": {"produces": ["application/json"],
                    "responses": {"200": {"description": "ok", "schema": {"type": "string"}}}}}}
    }));
    let content = |method: &str| {
        let pointer = format!("/paths/~1p/{method}/responses/200/content");
        let keys: Vec<String> = converted
            .at(&pointer)
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        keys
    };
    assert_eq!(content("get"), ["application/xml"]);
    assert_eq!(content("put"), ["application/json"]);
}

#[test]
fn form_fields_with_a_file_are_a_multipart_object() {
    let converted = convert(json!({
        "swagger": "2.0", "info": {"title": "t", "version": "1"},
        "parameters": {"note": {"name": "note", "in": "formData", "type": "string", "description": "a note"}},
        "paths": {"/p": {
            "parameters": [{"name": "owner", "in": "formData", "type": "string"}],
            "post": {
                "parameters": [
                    {"name": "photo", "in": "formData", "type": "file", "required": true},
                    {"$ref": "#/parameters/note"},
                    {"name": "id", "in": "path", "type": "string", "required": true}],
                "responses": {"200": {"description": "ok"}}}}}
    }));
    let operation = converted.at("/paths/~1p/post");
    assert_eq!(
        operation["requestBody"],
        json!({"required": true, "content": {"multipart/form-data": {"schema": {
            "type": "object",
            "properties": {
                "owner": {"type": "string"},
                "photo": {"type": "string", "format": "binary"},
                "note": {"type": "string", "description": "a note"}},
            "required": ["photo"]}}}})
    );
    assert_eq!(
        operation["parameters"],
        json!([{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}])
    );
    assert!(converted.at("/paths/~1p").get("parameters").is_none());
    assert!(converted.document.get("components").is_none());
    let form = "#/paths/~1p/post/requestBody/content/multipart~1form-data/schema/properties";
    let origin = &converted.origin;
    assert_eq!(
        origin.original(&format!("{form}/photo/type")),
        "#/paths/~1p/post/parameters/0/type"
    );
    assert_eq!(
        origin.original(&format!("{form}/note/description")),
        "#/parameters/note/description"
    );
    assert_eq!(
        origin.original(&format!("{form}/owner")),
        "#/paths/~1p/parameters/0"
    );
    assert_eq!(
        origin.original("#/paths/~1p/post/parameters/0/schema/type"),
        "#/paths/~1p/post/parameters/2/type"
    );
}

#[test]
fn form_fields_without_a_file_are_url_encoded_and_other_array_formats_are_named() {
    let converted = convert(with_operation(json!({
        "parameters": [
            {"name": "name", "in": "formData", "type": "string"},
            {"name": "tags", "in": "formData", "type": "array", "items": {"type": "string"},
             "collectionFormat": "multi"},
            {"name": "ids", "in": "formData", "type": "array", "items": {"type": "integer"}}],
        "responses": {"200": {"description": "ok"}}
    })));
    let body = converted.at("/paths/~1p/post/requestBody");
    assert!(body.get("required").is_none());
    let schema = &body["content"]["application/x-www-form-urlencoded"]["schema"];
    assert_eq!(
        schema["properties"]["tags"],
        json!({"type": "array", "items": {"type": "string"}})
    );
    assert!(schema.get("required").is_none());
    assert_eq!(
        converted.warnings(),
        [(
            "#/paths/~1p/post/parameters/2/collectionFormat".to_owned(),
            "form arrays are sent as one field per item (`collectionFormat: multi`); \
             `collectionFormat: csv` is not generated"
                .to_owned()
        )]
    );
}

#[test]
fn a_form_field_beside_a_body_is_named_and_a_second_body_too() {
    let converted = convert(with_operation(json!({
        "parameters": [
            {"name": "a", "in": "body", "schema": {"type": "string"}},
            {"name": "b", "in": "body", "schema": {"type": "integer"}},
            {"name": "c", "in": "formData", "type": "string"}],
        "responses": {"200": {"description": "ok"}}
    })));
    let pointers: Vec<String> = converted.warnings().into_iter().map(|(p, _)| p).collect();
    assert_eq!(
        pointers,
        [
            "#/paths/~1p/post/parameters/1",
            "#/paths/~1p/post/parameters/2"
        ]
    );
    assert_eq!(
        converted.at("/paths/~1p/post/requestBody/content/application~1json/schema"),
        &json!({"type": "string"})
    );
}

#[test]
fn collection_formats_become_styles() {
    let parameter = |location: &str, format: Option<&str>| {
        let mut parameter =
            json!({"name": "x", "in": location, "type": "array", "items": {"type": "string"}});
        if let Some(format) = format {
            parameter["collectionFormat"] = json!(format);
        }
        let converted = convert(with_operation(json!({
            "parameters": [parameter], "responses": {"200": {"description": "ok"}}
        })));
        let parameter = converted.at("/paths/~1p/post/parameters/0").clone();
        (
            parameter["style"].as_str().unwrap().to_owned(),
            parameter["explode"].as_bool().unwrap(),
            converted.warnings().len(),
        )
    };
    let expect = |style: &str, explode, warnings| (style.to_owned(), explode, warnings);
    assert_eq!(parameter("query", None), expect("form", false, 0));
    assert_eq!(parameter("query", Some("csv")), expect("form", false, 0));
    assert_eq!(parameter("query", Some("multi")), expect("form", true, 0));
    assert_eq!(
        parameter("query", Some("ssv")),
        expect("spaceDelimited", false, 0)
    );
    assert_eq!(
        parameter("query", Some("pipes")),
        expect("pipeDelimited", false, 0)
    );
    assert_eq!(parameter("query", Some("tsv")), expect("form", false, 1));
    assert_eq!(parameter("path", None), expect("simple", false, 0));
    assert_eq!(parameter("header", Some("csv")), expect("simple", false, 0));
    assert_eq!(
        parameter("header", Some("multi")),
        expect("simple", false, 1)
    );
}

#[test]
fn a_tsv_array_is_named_at_its_collection_format() {
    let converted = convert(with_operation(json!({
        "parameters": [{"name": "x", "in": "query", "type": "array", "collectionFormat": "tsv",
                        "items": {"type": "array", "collectionFormat": "pipes", "items": {"type": "string"}}}],
        "responses": {"200": {"description": "ok"}}
    })));
    let warnings = converted.warnings();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert_eq!(
        warnings[0].0,
        "#/paths/~1p/post/parameters/0/items/collectionFormat"
    );
    assert_eq!(
        warnings[1].0,
        "#/paths/~1p/post/parameters/0/collectionFormat"
    );
    assert!(warnings[1].1.contains("tsv"), "{warnings:?}");
    assert_eq!(
        converted.at("/paths/~1p/post/parameters/0/schema"),
        &json!({"type": "array", "items": {"type": "array", "items": {"type": "string"}}})
    );
}

#[test]
fn parameter_value_keywords_move_into_the_schema() {
    let converted = convert(with_operation(json!({
        "parameters": [{"name": "n", "in": "query", "description": "d", "required": false,
                        "allowEmptyValue": true, "type": "integer", "format": "int32", "minimum": 1,
                        "exclusiveMaximum": true, "maximum": 9, "default": 3, "enum": [1, 3],
                        "multipleOf": 1, "x-nullable": true, "x-other": "kept"},
                       {"name": "s", "in": "header", "type": "string", "pattern": "^a", "minLength": 1,
                        "maxLength": 4}],
        "responses": {"200": {"description": "ok"}}
    })));
    assert_eq!(
        converted.at("/paths/~1p/post/parameters"),
        &json!([
            {"name": "n", "in": "query", "description": "d", "required": false, "allowEmptyValue": true,
             "x-other": "kept",
             "schema": {"type": "integer", "format": "int32", "default": 3, "maximum": 9,
                        "exclusiveMaximum": true, "minimum": 1, "enum": [1, 3], "multipleOf": 1,
                        "nullable": true}},
            {"name": "s", "in": "header",
             "schema": {"type": "string", "maxLength": 4, "minLength": 1, "pattern": "^a"}}])
    );
}

#[test]
fn responses_gain_content_headers_and_examples() {
    let converted = convert(with_operation(json!({
        "produces": ["application/json", "application/xml"],
        "responses": {"200": {
            "description": "ok",
            "schema": {"type": "object"},
            "headers": {"X-Rate": {"type": "integer", "description": "left", "x-h": 1},
                        "X-Tags": {"type": "array", "items": {"type": "string"}, "collectionFormat": "pipes"}},
            "examples": {"application/json": {"a": 1}, "text/csv": "a\n1"},
            "x-response": true}}
    })));
    let response = converted.at("/paths/~1p/post/responses/200");
    assert_eq!(
        response,
        &json!({
            "description": "ok",
            "headers": {"X-Rate": {"description": "left", "x-h": 1, "schema": {"type": "integer"}},
                        "X-Tags": {"schema": {"type": "array", "items": {"type": "string"}}}},
            "x-response": true,
            "content": {"application/json": {"schema": {"type": "object"}, "example": {"a": 1}},
                        "application/xml": {"schema": {"type": "object"}}}})
    );
    let origin = &converted.origin;
    assert_eq!(
        origin.original("#/paths/~1p/post/responses/200/headers/X-Rate/schema/type"),
        "#/paths/~1p/post/responses/200/headers/X-Rate/type"
    );
    assert_eq!(
        origin.original("#/paths/~1p/post/responses/200/content/application~1xml/schema/type"),
        "#/paths/~1p/post/responses/200/schema/type"
    );
    assert_eq!(
        converted.warnings()[0].0,
        "#/paths/~1p/post/responses/200/headers/X-Tags/collectionFormat"
    );
}

#[test]
fn schemas_differ_in_nullability_files_and_discriminators() {
    let converted = convert(json!({
        "swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {},
        "definitions": {
            "Pet": {"type": "object", "discriminator": "kind", "x-kind": "kept",
                    "properties": {
                        "kind": {"type": "string"},
                        "nick": {"type": "string", "x-nullable": true},
                        "plain": {"type": "string", "x-nullable": false},
                        "owner": {"$ref": "#/definitions/Owner", "x-nullable": true},
                        "photo": {"type": "file"},
                        "deep": {"type": "array", "items": {"type": "object", "properties": {
                            "inner": {"type": "integer", "x-nullable": true}}}}}},
            "Owner": {"type": "object"}}
    }));
    let pet = converted.at("/components/schemas/Pet");
    assert_eq!(pet["discriminator"], json!({"propertyName": "kind"}));
    assert_eq!(pet["x-kind"], "kept");
    let properties = &pet["properties"];
    assert_eq!(
        properties["nick"],
        json!({"type": "string", "nullable": true})
    );
    assert_eq!(properties["plain"], json!({"type": "string"}));
    assert_eq!(
        properties["owner"],
        json!({"nullable": true, "allOf": [{"$ref": "#/components/schemas/Owner"}]})
    );
    assert_eq!(
        properties["photo"],
        json!({"type": "string", "format": "binary"})
    );
    assert_eq!(
        properties["deep"]["items"]["properties"]["inner"],
        json!({"type": "integer", "nullable": true})
    );
    assert_eq!(
        converted
            .origin
            .original("#/components/schemas/Pet/properties/owner/allOf/0/$ref"),
        "#/definitions/Pet/properties/owner/$ref"
    );
}

#[test]
fn extensions_stay_where_they_were() {
    let converted = convert(json!({
        "swagger": "2.0", "info": {"title": "t", "version": "1", "x-logo": "l"},
        "x-top": 1,
        "paths": {"/p": {"x-item": 2, "get": {"x-op": 3, "responses": {
                     "200": {"description": "ok"}, "x-r": {"schema": 1}}}},
                  "x-paths": {"get": {"parameters": [{"in": "body"}]}}},
        "tags": [{"name": "a"}], "security": [{"k": []}], "externalDocs": {"url": "https://d"}
    }));
    let document = &converted.document;
    assert_eq!(document["openapi"], "3.0.3");
    assert!(document.get("swagger").is_none());
    assert_eq!(document["x-top"], 1);
    assert_eq!(document["info"]["x-logo"], "l");
    assert_eq!(document["paths"]["/p"]["x-item"], 2);
    assert_eq!(document["paths"]["/p"]["get"]["x-op"], 3);
    assert_eq!(
        document["paths"]["/p"]["get"]["responses"]["x-r"],
        json!({"schema": 1})
    );
    assert_eq!(
        document["paths"]["x-paths"],
        json!({"get": {"parameters": [{"in": "body"}]}})
    );
    assert_eq!(document["tags"], json!([{"name": "a"}]));
    assert_eq!(document["security"], json!([{"k": []}]));
    assert_eq!(document["externalDocs"]["url"], "https://d");
}

#[test]
fn an_operations_own_schemes_are_named_when_the_default_is_not_among_them() {
    let converted = convert(json!({
        "swagger": "2.0", "info": {"title": "t", "version": "1"}, "host": "h", "schemes": ["https"],
        "paths": {"/p": {
            "get": {"schemes": ["https", "http"], "responses": {"200": {"description": "ok"}}},
            "put": {"schemes": ["ws"], "responses": {"200": {"description": "ok"}}}}}
    }));
    assert_eq!(
        converted.warnings(),
        [(
            "#/paths/~1p/put/schemes".to_owned(),
            "the operation's own `schemes` are not generated: it is sent over `https`, like the others"
                .to_owned()
        )]
    );
}

/// The whole loader: a Swagger document is read into the model, and lowering's diagnostics point into it and
/// quote its references as written.
#[test]
fn a_swagger_document_loads_and_lowering_points_into_it() {
    let text = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /p:\n    post:\n      parameters:\n        - {name: q, in: query, type: string}\n        - name: b\n          in: body\n          schema: {$ref: '#/definitions/Missing'}\n      responses:\n        '200': {description: ok}\n";
    let Err(crate::Error::Invalid { errors, .. }) = crate::lower_str(text, "s.yaml") else {
        panic!("a dangling reference is an error");
    };
    assert_eq!(errors[0].pointer, "#/paths/~1p/post/parameters/1/schema");
    assert_eq!(
        errors[0].location.map(|l| (l.line, l.column)),
        Some((10, 11))
    );
    assert!(
        errors[0].message.contains("`$ref: #/definitions/Missing`"),
        "{}",
        errors[0].message
    );
}

#[test]
fn bare_definition_names_and_type_lists_are_read_as_tools_read_them() {
    let converted = convert(json!({
        "swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {},
        "definitions": {
            "pet": {"type": "object"},
            "Input": {"allOf": [{"$ref": "pet"}, {"$ref": "Other.json"}]},
            "Cmd": {"type": ["array", "string"], "items": {"type": "string"}}}
    }));
    assert_eq!(
        converted.at("/components/schemas/Input/allOf"),
        &json!([{"$ref": "#/components/schemas/pet"}, {"$ref": "Other.json"}])
    );
    assert_eq!(
        converted.at("/components/schemas/Cmd"),
        &json!({"oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]})
    );
    assert_eq!(
        converted
            .origin
            .original("#/components/schemas/Cmd/oneOf/0/items"),
        "#/definitions/Cmd/items"
    );
}
