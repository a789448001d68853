//! Parameters that stay parameters (`query`, `path`, `header`): Swagger writes the value's keywords (`type`,
//! `format`, `items`, `enum`, bounds, …) on the parameter itself, 3.0 in its `schema`; and `collectionFormat`, how an
//! array is written in the URL or a header, is 3.0's `style` and `explode`. The value keywords of headers and form
//! fields move the same way (`take_value_schema`).

use serde_json::{Map, Value};

use super::Conversion;
use crate::diagnostics::pointer_join;

/// The keywords of a Swagger parameter, header or `items` object that describe its value, and so belong in the
/// 3.0 `schema`.
const VALUE_KEYWORDS: &[&str] = &[
    "type",
    "format",
    "items",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
    "x-nullable",
];

/// Where a part is in the normalized document now and where the user wrote it.
pub(super) struct Placement<'p> {
    pub(super) now: &'p str,
    pub(super) written: &'p str,
}

/// A `query`, `path` or `header` parameter (or a reference to one) in the 3.0 form.
pub(super) fn parameter(
    mut parameter: Map<String, Value>,
    at: &Placement,
    conversion: &mut Conversion,
) -> Value {
    conversion.record(at.now, at.written);
    if parameter.contains_key("$ref") {
        return Value::Object(parameter);
    }
    let location = parameter
        .get("in")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    let schema = take_value_schema(&mut parameter, at.written, conversion);
    let format = parameter.shift_remove("collectionFormat");
    let is_array = schema.get("type").and_then(Value::as_str) == Some("array");
    if is_array {
        let format = format.as_ref().and_then(Value::as_str).unwrap_or("csv");
        let pointer = pointer_join(at.written, &["collectionFormat"]);
        let (style, explode) = array_style(&location, format, &pointer, conversion);
        parameter.insert("style".to_owned(), Value::String(style.to_owned()));
        parameter.insert("explode".to_owned(), Value::Bool(explode));
    }
    // The schema is made of the parameter's own keywords: a pointer into it is a pointer into the parameter.
    conversion.record(pointer_join(at.now, &["schema"]), at.written);
    parameter.insert("schema".to_owned(), Value::Object(schema));
    Value::Object(parameter)
}

/// `collectionFormat` as 3.0's `style` and `explode` for a parameter `in` a place; what that place cannot say is
/// read as `csv`, with a warning at `pointer`.
fn array_style(
    location: &str,
    format: &str,
    pointer: &str,
    conversion: &mut Conversion,
) -> (&'static str, bool) {
    let query = location == "query";
    let csv = if query {
        ("form", false)
    } else {
        ("simple", false)
    };
    match (format, query) {
        ("csv", _) => csv,
        ("multi", true) => ("form", true),
        ("ssv", true) => ("spaceDelimited", false),
        ("pipes", true) => ("pipeDelimited", false),
        ("tsv", _) => {
            conversion.warn(
                pointer,
                "`collectionFormat: tsv` (tab-separated) has no OpenAPI 3.0 style and is not generated; \
                 the array is sent comma-separated (`csv`)",
            );
            csv
        }
        (other, _) => {
            conversion.warn(
                pointer,
                format!(
                    "`collectionFormat: {other}` is not generated for a parameter in `{location}`; \
                     the array is sent comma-separated (`csv`)"
                ),
            );
            csv
        }
    }
}

/// Moves the value keywords of a parameter, header or form field (written at `written`) into a schema of their
/// own. Inner `items` keep their keywords, less their own `collectionFormat`: an array inside an array is sent
/// as the client's runtime sends it, so a format other than `csv` there is named in a warning.
pub(super) fn take_value_schema(
    object: &mut Map<String, Value>,
    written: &str,
    conversion: &mut Conversion,
) -> Map<String, Value> {
    let mut schema = Map::new();
    for keyword in VALUE_KEYWORDS {
        if let Some(value) = object.shift_remove(*keyword) {
            schema.insert((*keyword).to_owned(), value);
        }
    }
    drop_keywords_of_other_types(&mut schema);
    let mut pointer = pointer_join(written, &["items"]);
    let mut items = schema.get_mut("items");
    // Iterative: a document can nest `items` as deep as it likes.
    while let Some(Value::Object(inner)) = items {
        if let Some(format) = inner.shift_remove("collectionFormat") {
            if format.as_str() != Some("csv") {
                conversion.warn(
                    pointer_join(&pointer, &["collectionFormat"]),
                    format!(
                        "`collectionFormat: {}` on an inner array is not generated; inner arrays are sent \
                         comma-separated",
                        format.as_str().unwrap_or("?")
                    ),
                );
            }
        }
        pointer = pointer_join(&pointer, &["items"]);
        items = inner.get_mut("items");
    }
    schema
}

/// The keywords that constrain only one type of value, with that type.
const TYPED_KEYWORDS: &[(&str, &[&str])] = &[
    ("uniqueItems", &["array"]),
    ("maxItems", &["array"]),
    ("minItems", &["array"]),
    ("maxLength", &["string"]),
    ("minLength", &["string"]),
    ("pattern", &["string"]),
    ("maximum", &["integer", "number"]),
    ("minimum", &["integer", "number"]),
    ("exclusiveMaximum", &["integer", "number"]),
    ("exclusiveMinimum", &["integer", "number"]),
    ("multipleOf", &["integer", "number"]),
];

/// A keyword for another type constrains nothing (JSON Schema ignores it), but beside `type` it would keep the
/// model from reading the schema as that type: Kubernetes writes `uniqueItems: true` on every parameter.
fn drop_keywords_of_other_types(schema: &mut Map<String, Value>) {
    let Some(kind) = schema
        .get("type")
        .and_then(Value::as_str)
        .map(str::to_owned)
    else {
        return;
    };
    schema.retain(|keyword, _| {
        TYPED_KEYWORDS
            .iter()
            .find(|(typed, _)| typed == keyword)
            .is_none_or(|(_, types)| types.contains(&kind.as_str()))
    });
}
