//! Where a Swagger 2.0 schema differs from a 3.0 one: `x-nullable` is `nullable` (a nullable reference becomes an
//! `allOf` of the reference, the 3.0 way to annotate one), `type: file` is a binary string, and a `discriminator`
//! (a property name in 2.0) is an object naming that property. Everything else means the same in both. A `type`
//! list, which 2.0 does not allow but documents write (Docker's `Cmd: [array, string]`), is read the 3.1 way.

use serde_json::{Map, Value};

use super::Origin;
use super::SchemaRewrite;
use crate::diagnostics::pointer_join;

/// Rewrites the schema at `pointer` (a pointer of the normalized document).
pub(super) fn rewrite(schema: &mut Value, pointer: &str, rewrite: &mut SchemaRewrite) {
    let Value::Object(object) = schema else {
        return;
    };
    nullable(object, pointer, rewrite.origin);
    if matches!(object.get("type"), Some(Value::Array(_))) {
        rewrite.split_type_list(object, pointer);
    }
    file_as_binary(object);
    if let Some(Value::String(property)) = object.get("discriminator") {
        let mut discriminator = Map::new();
        discriminator.insert("propertyName".to_owned(), Value::String(property.clone()));
        object.insert("discriminator".to_owned(), Value::Object(discriminator));
    }
}

fn nullable(object: &mut Map<String, Value>, pointer: &str, origin: &mut Origin) {
    let Some(flag) = object.shift_remove("x-nullable") else {
        return;
    };
    if flag != Value::Bool(true) {
        return;
    }
    object.insert("nullable".to_owned(), Value::Bool(true));
    // 3.0 ignores the siblings of a `$ref`; in an `allOf` of its own the reference can be made nullable.
    if let Some(reference) = object.shift_remove("$ref") {
        let mut member = Map::new();
        member.insert("$ref".to_owned(), reference);
        let mut members = match object.shift_remove("allOf") {
            Some(Value::Array(members)) => members,
            _ => Vec::new(),
        };
        members.insert(0, Value::Object(member));
        let original = origin.original(pointer);
        origin.record(pointer_join(pointer, &["allOf", "0"]), original);
        object.insert("allOf".to_owned(), Value::Array(members));
    }
}

/// `type: file` is a string of bytes in 3.0.
pub(super) fn file_as_binary(object: &mut Map<String, Value>) {
    if object.get("type").and_then(Value::as_str) == Some("file") {
        object.insert("type".to_owned(), Value::String("string".to_owned()));
        object.insert("format".to_owned(), Value::String("binary".to_owned()));
    }
}

/// Whether a schema is a file: `type: file`, or the binary string it becomes.
pub(super) fn is_file(schema: &Value) -> bool {
    let kind = schema.get("type").and_then(Value::as_str);
    kind == Some("file")
        || (kind == Some("string")
            && schema.get("format").and_then(Value::as_str) == Some("binary"))
}
