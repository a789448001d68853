//! Reading the OpenAPI model straight from the JSON value.
//!
//! `openapiv3` reads most objects through serde's `flatten` (for extensions) and untagged enums (`ReferenceOr`,
//! the kinds of schema), and each of those copies the whole object into serde's private buffer, once more for
//! every level it is nested in: those copies were a third of generating DigitalOcean, whose schemas all sit inside
//! its operations. The objects that hold schemas, and schemas themselves, are read here member by member into the
//! same model types. Every other member is still read by serde, from its own value and as the type the model gives
//! it (`Option<String>`, `bool`, `Vec<Server>`…), so what a member means never differs, down to `null` being
//! absent for an `Option` and refused for a `bool`. Whatever this reader does not expect (a member of the wrong
//! type, a `$ref` that is not a string, a parameter with neither `schema` nor `content`) makes it give up on that
//! object, which serde then reads as before: a document reads the same and fails with the same message.

mod schema;

use indexmap::IndexMap;
use openapiv3::{
    Header, MediaType, Operation, Parameter, ParameterData, ParameterSchemaOrContent, PathItem,
    ReferenceOr, RequestBody, Response, Responses, StatusCode,
};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{Map, Value};

/// A model type read member by member from a JSON object; `None` when the object holds anything this reader
/// leaves to serde.
pub(crate) trait ReadDirect: DeserializeOwned {
    fn read_object(object: &Map<String, Value>) -> Option<Self>;
}

/// `value` as a reference or a `T`, read here where it can be and by serde otherwise.
pub(crate) fn reference_or<T: ReadDirect>(
    value: &Value,
) -> Result<ReferenceOr<T>, serde_json::Error> {
    match direct_reference_or(value) {
        Some(read) => Ok(read),
        None => ReferenceOr::<T>::deserialize(value),
    }
}

fn direct_reference_or<T: ReadDirect>(value: &Value) -> Option<ReferenceOr<T>> {
    let object = value.as_object()?;
    match object.get("$ref") {
        // As `openapiv3` reads it: an object with a string `$ref` is a reference, whatever else it holds.
        Some(Value::String(reference)) => Some(ReferenceOr::Reference {
            reference: reference.clone(),
        }),
        Some(_) => None,
        None => T::read_object(object).map(ReferenceOr::Item),
    }
}

/// A reference or `T` inside an object being read: when it does not read, neither does the object.
fn nested<T: ReadDirect>(value: &Value) -> Option<ReferenceOr<T>> {
    reference_or(value).ok()
}

/// A `T` (never a reference) inside an object being read.
fn nested_item<T: ReadDirect>(value: &Value) -> Option<T> {
    match value.as_object().and_then(T::read_object) {
        Some(read) => Some(read),
        None => T::deserialize(value).ok(),
    }
}

/// A member read by serde as its model type.
fn leaf<T: DeserializeOwned>(value: &Value) -> Option<T> {
    T::deserialize(value).ok()
}

/// A member of an `Option` type: `null` is absent, as serde reads it.
fn optional<T>(value: &Value, read: impl FnOnce(&Value) -> Option<T>) -> Option<Option<T>> {
    if value.is_null() {
        Some(None)
    } else {
        read(value).map(Some)
    }
}

/// A JSON object read as a map of `read` values, in document order.
pub(super) fn map_of<T>(
    value: &Value,
    read: impl Fn(&Value) -> Option<T>,
) -> Option<IndexMap<String, T>> {
    let object = value.as_object()?;
    // Sized up front: collecting through `Option` would grow the map from nothing, copying large model values.
    let mut map = IndexMap::with_capacity(object.len());
    for (key, member) in object {
        map.insert(key.clone(), read(member)?);
    }
    Some(map)
}

/// A JSON array read as a list of `read` values.
fn list_of<T>(value: &Value, read: impl Fn(&Value) -> Option<T>) -> Option<Vec<T>> {
    let array = value.as_array()?;
    let mut list = Vec::with_capacity(array.len());
    for item in array {
        list.push(read(item)?);
    }
    Some(list)
}

/// The member `name` read by serde as its model type, or that type's default when the object has none.
fn member_or_default<T: DeserializeOwned + Default>(
    object: &Map<String, Value>,
    name: &str,
) -> Option<T> {
    object.get(name).map_or(Some(T::default()), leaf)
}

/// The object's `x-` members, as the model's flattened extensions keep them.
fn extensions(object: &Map<String, Value>) -> IndexMap<String, Value> {
    object
        .iter()
        .filter(|(key, _)| key.starts_with("x-"))
        .map(|(key, member)| (key.clone(), member.clone()))
        .collect()
}

impl ReadDirect for PathItem {
    fn read_object(object: &Map<String, Value>) -> Option<Self> {
        let mut item = PathItem {
            extensions: extensions(object),
            ..PathItem::default()
        };
        for (key, member) in object {
            let operation = || optional(member, nested_item::<Operation>);
            match key.as_str() {
                "summary" => item.summary = leaf(member)?,
                "description" => item.description = leaf(member)?,
                "get" => item.get = operation()?,
                "put" => item.put = operation()?,
                "post" => item.post = operation()?,
                "delete" => item.delete = operation()?,
                "options" => item.options = operation()?,
                "head" => item.head = operation()?,
                "patch" => item.patch = operation()?,
                "trace" => item.trace = operation()?,
                "servers" => item.servers = leaf(member)?,
                "parameters" => item.parameters = list_of(member, nested)?,
                _ => {}
            }
        }
        Some(item)
    }
}

impl ReadDirect for Operation {
    fn read_object(object: &Map<String, Value>) -> Option<Self> {
        let mut operation = Operation {
            extensions: extensions(object),
            ..Operation::default()
        };
        let mut has_responses = false;
        for (key, member) in object {
            match key.as_str() {
                "tags" => operation.tags = leaf(member)?,
                "summary" => operation.summary = leaf(member)?,
                "description" => operation.description = leaf(member)?,
                "externalDocs" => operation.external_docs = leaf(member)?,
                "operationId" => operation.operation_id = leaf(member)?,
                "parameters" => operation.parameters = list_of(member, nested)?,
                "requestBody" => operation.request_body = optional(member, nested)?,
                "responses" => {
                    operation.responses = responses(member.as_object()?)?;
                    has_responses = true;
                }
                "callbacks" => operation.callbacks = leaf(member)?,
                "deprecated" => operation.deprecated = leaf(member)?,
                "security" => operation.security = leaf(member)?,
                "servers" => operation.servers = leaf(member)?,
                _ => {}
            }
        }
        // `responses` is required; serde names it when it is missing.
        has_responses.then_some(operation)
    }
}

/// An operation's responses: `default`, every member whose name reads as a status code or range (`200`, `4XX`),
/// and the extensions; any other member is passed over, as the model does.
fn responses(object: &Map<String, Value>) -> Option<Responses> {
    use serde::de::value::{Error, StrDeserializer};

    let mut responses = Responses {
        extensions: extensions(object),
        ..Responses::default()
    };
    for (key, member) in object {
        if key == "default" {
            responses.default = optional(member, nested)?;
        } else if let Ok(status) = StatusCode::deserialize(StrDeserializer::<Error>::new(key)) {
            responses.responses.insert(status, nested(member)?);
        }
    }
    Some(responses)
}

impl ReadDirect for Response {
    fn read_object(object: &Map<String, Value>) -> Option<Self> {
        let mut response = Response {
            extensions: extensions(object),
            ..Response::default()
        };
        let mut has_description = false;
        for (key, member) in object {
            match key.as_str() {
                "description" => {
                    response.description = leaf(member)?;
                    has_description = true;
                }
                "headers" => response.headers = map_of(member, nested)?,
                "content" => response.content = map_of(member, nested_item)?,
                "links" => response.links = leaf(member)?,
                _ => {}
            }
        }
        has_description.then_some(response)
    }
}

impl ReadDirect for RequestBody {
    fn read_object(object: &Map<String, Value>) -> Option<Self> {
        let mut body = RequestBody {
            extensions: extensions(object),
            ..RequestBody::default()
        };
        for (key, member) in object {
            match key.as_str() {
                "description" => body.description = leaf(member)?,
                "content" => body.content = map_of(member, nested_item)?,
                "required" => body.required = leaf(member)?,
                _ => {}
            }
        }
        Some(body)
    }
}

impl ReadDirect for MediaType {
    fn read_object(object: &Map<String, Value>) -> Option<Self> {
        let mut media_type = MediaType {
            extensions: extensions(object),
            ..MediaType::default()
        };
        for (key, member) in object {
            match key.as_str() {
                "schema" => media_type.schema = optional(member, nested)?,
                "example" => media_type.example = leaf(member)?,
                "examples" => media_type.examples = leaf(member)?,
                "encoding" => media_type.encoding = leaf(member)?,
                _ => {}
            }
        }
        Some(media_type)
    }
}

/// Where a parameter or header says its value is described: the first of `schema` and `content`, as the model's
/// flattened enum takes it.
fn schema_or_content(object: &Map<String, Value>) -> Option<ParameterSchemaOrContent> {
    object.iter().find_map(|(key, member)| match key.as_str() {
        "schema" => Some(nested(member).map(ParameterSchemaOrContent::Schema)),
        "content" => Some(map_of(member, nested_item).map(ParameterSchemaOrContent::Content)),
        _ => None,
    })?
}

impl ReadDirect for Parameter {
    fn read_object(object: &Map<String, Value>) -> Option<Self> {
        let mut data = ParameterData {
            name: String::new(),
            description: None,
            required: false,
            deprecated: None,
            format: schema_or_content(object)?,
            example: None,
            examples: IndexMap::new(),
            explode: None,
            extensions: extensions(object),
        };
        let mut has_name = false;
        for (key, member) in object {
            match key.as_str() {
                "name" => {
                    data.name = leaf(member)?;
                    has_name = true;
                }
                "description" => data.description = leaf(member)?,
                "required" => data.required = leaf(member)?,
                "deprecated" => data.deprecated = leaf(member)?,
                "example" => data.example = leaf(member)?,
                "examples" => data.examples = leaf(member)?,
                "explode" => data.explode = leaf(member)?,
                _ => {}
            }
        }
        if !has_name {
            return None;
        }
        // The members each location adds.
        Some(match object.get("in")?.as_str()? {
            "query" => Parameter::Query {
                parameter_data: data,
                allow_reserved: member_or_default(object, "allowReserved")?,
                style: member_or_default(object, "style")?,
                allow_empty_value: member_or_default(object, "allowEmptyValue")?,
            },
            "header" => Parameter::Header {
                parameter_data: data,
                style: member_or_default(object, "style")?,
            },
            "path" => Parameter::Path {
                parameter_data: data,
                style: member_or_default(object, "style")?,
            },
            "cookie" => Parameter::Cookie {
                parameter_data: data,
                style: member_or_default(object, "style")?,
            },
            _ => return None,
        })
    }
}

impl ReadDirect for Header {
    fn read_object(object: &Map<String, Value>) -> Option<Self> {
        let mut header = Header {
            description: None,
            style: Default::default(),
            required: false,
            deprecated: None,
            format: schema_or_content(object)?,
            example: None,
            examples: IndexMap::new(),
            extensions: extensions(object),
        };
        for (key, member) in object {
            match key.as_str() {
                "description" => header.description = leaf(member)?,
                "style" => header.style = leaf(member)?,
                "required" => header.required = leaf(member)?,
                "deprecated" => header.deprecated = leaf(member)?,
                "example" => header.example = leaf(member)?,
                "examples" => header.examples = leaf(member)?,
                _ => {}
            }
        }
        Some(header)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use openapiv3::Schema;
    use serde_json::json;

    /// Reads `value` as serde does and as this reader does, requires the same model or the same error, and says
    /// whether this reader read it without serde.
    fn read_alike<T: ReadDirect + PartialEq + std::fmt::Debug>(value: &Value) -> bool {
        let by_serde = ReferenceOr::<T>::deserialize(value).map_err(|error| error.to_string());
        let read = reference_or::<T>(value).map_err(|error| error.to_string());
        assert_eq!(read, by_serde, "{value}");
        direct_reference_or::<T>(value).is_some()
    }

    #[test]
    fn schemas_read_as_the_model_reads_them() {
        let read_here = [
            json!({"type": "string", "enum": ["a", null], "nullable": true, "x-a": {"b": [1, -2, 3.5]}}),
            json!({"type": "string", "format": "date-time", "pattern": "^a", "minLength": 1, "maxLength": 3}),
            json!({"type": "string", "format": "custom", "title": null, "example": null, "default": null}),
            json!({"type": "string", "minimum": 1}),
            json!({"type": "integer", "minimum": 1.5}),
            json!({"type": "integer", "enum": [1, 2.5]}),
            json!({"type": "integer", "maximum": 9_223_372_036_854_775_808_u64}),
            json!({"type": "integer", "enum": [1, null], "format": "int64", "multipleOf": 2, "exclusiveMaximum": true}),
            json!({"type": "number", "enum": [1, 2.5], "exclusiveMinimum": true, "minimum": 0}),
            json!({"type": "boolean", "enum": [true, null], "readOnly": true, "writeOnly": false, "deprecated": true}),
            json!({"type": "boolean", "format": "flag"}),
            json!({"type": "object", "required": ["a"], "additionalProperties": false, "properties": {
                "a": {"$ref": "#/components/schemas/A", "description": "beside a reference"},
                "b": {"type": "array", "items": {"type": "string"}, "uniqueItems": true, "minItems": 1}}}),
            json!({"type": "object", "additionalProperties": {"type": "integer"}, "minProperties": 1, "properties": null}),
            json!({"type": "array", "items": null, "maxItems": 3}),
            json!({"type": "array", "items": {"$ref": 5}}),
            json!({"oneOf": [{"$ref": "#/a"}, {"type": "string"}], "type": null,
                   "discriminator": {"propertyName": "kind", "mapping": {"a": "#/a"}, "x-d": 1}}),
            json!({"allOf": [], "description": "described"}),
            json!({"anyOf": [{}], "externalDocs": {"url": "https://example.com", "description": "more"}}),
            json!({"not": {"type": "string"}}),
            json!({"not": {"type": "string"}, "type": "object"}),
            json!({"required": ["a"], "properties": {}}),
            json!({"enum": [1, "a", null], "default": 0, "example": {"a": 1}}),
            json!({"items": {"$ref": "#/a"}, "oneOf": [{}], "anyOf": [{}]}),
            json!({}),
        ];
        for schema in &read_here {
            assert!(read_alike::<Schema>(schema), "left to serde: {schema}");
        }
        let left_to_serde = [
            json!({"$ref": 5, "type": "string"}),
            json!({"type": "object", "additionalProperties": ["#/a sequence"]}),
            json!(["#/a sequence reads as a reference"]),
            json!({"type": "string", "minLength": -1}),
            json!({"nullable": null}),
            json!({"type": 7}),
            json!({"properties": {"a": 5}}),
            json!({"oneOf": {"not": "a list"}}),
        ];
        for schema in &left_to_serde {
            read_alike::<Schema>(schema);
        }
    }

    #[test]
    fn parameters_and_headers_read_as_the_model_reads_them() {
        let read_here = [
            json!({"name": "q", "in": "query", "schema": {"type": "string"}, "style": "deepObject", "explode": true,
                   "allowReserved": true, "allowEmptyValue": null, "x-p": 1, "description": "d"}),
            json!({"name": "p", "in": "path", "required": true, "schema": {"$ref": "#/s"}, "style": "label",
                   "allowReserved": "ignored outside a query"}),
            json!({"name": "h", "in": "header", "content": {"application/json": {"schema": {"type": "object"}}},
                   "schema": {"type": "string"}}),
            json!({"name": "c", "in": "cookie", "schema": {}, "deprecated": null, "examples": {"a": {"value": 1}},
                   "example": [1]}),
            json!({"$ref": "#/components/parameters/P", "description": "beside a reference"}),
        ];
        for parameter in &read_here {
            assert!(
                read_alike::<Parameter>(parameter),
                "left to serde: {parameter}"
            );
        }
        for parameter in [
            json!({"name": "b", "in": "body", "schema": {}}),
            json!({"in": "query", "schema": {}}),
            json!({"name": "q", "in": "query"}),
            json!({"name": "q", "in": "query", "schema": {}, "style": "bogus"}),
            json!({"name": "q", "in": "query", "schema": {}, "required": null}),
            json!({"name": "q", "in": 0, "schema": {}}),
        ] {
            read_alike::<Parameter>(&parameter);
        }
        for header in [
            json!({"description": "d", "schema": {"type": "integer"}, "required": true, "style": "simple", "x-h": 2}),
            json!({"content": {"text/plain": {}}, "deprecated": true, "examples": {}}),
        ] {
            assert!(read_alike::<Header>(&header), "left to serde: {header}");
        }
        read_alike::<Header>(&json!({"description": "neither schema nor content"}));
    }

    #[test]
    fn path_items_read_as_the_model_reads_them() {
        let item = json!({
            "summary": "s",
            "parameters": [{"$ref": "#/components/parameters/P"}],
            "get": {
                "tags": ["t"], "operationId": "o", "deprecated": true, "x-o": true,
                "security": [{"key": []}], "servers": [{"url": "https://example.com"}],
                "callbacks": {"done": {"{$request.body#/url}": {"post": {"responses": {"200": {"description": "ok"}}}}}},
                "requestBody": {"required": true, "content": {"text/plain": {"schema": {"type": "string"}}}},
                "responses": {
                    "200": {
                        "description": "ok",
                        "headers": {"H": {"schema": {"type": "string"}}, "R": {"$ref": "#/components/headers/R"}},
                        "content": {"application/json": {"schema": {"type": "array", "items": {"type": "string"}},
                                    "example": [1], "encoding": {"a": {"contentType": "text/plain"}}}},
                        "links": {"next": {"operationId": "o"}}
                    },
                    "2xx": {"$ref": "#/components/responses/R"},
                    "default": {"description": "d"},
                    "x-r": 1,
                    "passed over": {"description": "not a status"},
                    "099": {"description": "not a status either"}
                }
            },
            "put": null,
            "servers": [{"url": "https://example.com"}],
            "x-i": [1]
        });
        assert!(read_alike::<PathItem>(&item));
        assert!(read_alike::<PathItem>(&json!({"$ref": "#/paths/~1a"})));
        for item in [
            json!({"get": {"summary": "no responses"}}),
            json!({"get": {"responses": {"200": {"content": {}}}}}),
            json!({"get": {"responses": {"200": {"description": "ok"}}, "tags": null}}),
            json!({"get": {"responses": 5}}),
        ] {
            read_alike::<PathItem>(&item);
        }
        for body in [
            json!({"description": "d", "content": {"a/b": {"schema": null}}, "x-b": 0}),
            json!({"content": {"a/b": {"examples": {"e": {"$ref": "#/components/examples/E"}}}}}),
        ] {
            assert!(read_alike::<RequestBody>(&body), "left to serde: {body}");
        }
        read_alike::<RequestBody>(&json!({"required": "yes"}));
        read_alike::<Response>(&json!({"description": "d", "content": {"a/b": 5}}));
    }
}
