//! JSON Schema 2020-12 (the schema language of OpenAPI 3.1 and 3.2) rewritten into the OpenAPI 3.0 schema the
//! model holds, one schema at a time. Each rewrite keeps the meaning where 3.0 can say it (null as `nullable`,
//! `const` as a one-value `enum`, a `$ref` with siblings as an annotated `allOf`, numeric exclusive bounds as a
//! bound and a flag, one schema per type of a type list); what 3.0 cannot say is read as the nearest type that
//! accepts every valid value, with a warning naming the keyword that is not enforced.

use serde_json::{Map, Value};

use super::Origin;
use crate::diagnostics::{pointer_join, Diagnostic};

/// Rewrites schemas in place, recording what moved and warning about what is not enforced.
pub(super) struct SchemaRewrite<'a> {
    pub(super) origin: &'a mut Origin,
    pub(super) warnings: &'a mut Vec<Diagnostic>,
}

/// Keywords that describe a schema rather than constrain its shape: they stay on the outer schema when a type list
/// is split into one schema per type, and they do not stop a lone `anyOf` member from being merged into its parent.
const ANNOTATIONS: &[&str] = &[
    "title",
    "description",
    "default",
    "example",
    "examples",
    "deprecated",
    "readOnly",
    "writeOnly",
    "externalDocs",
    "nullable",
    "xml",
    "$comment",
    "$id",
    "$anchor",
    "$schema",
    "$defs",
    "discriminator",
];

/// Whether a keyword constrains values of one JSON type only (`maxLength`, `items`, `properties`…).
pub(crate) fn is_type_keyword(keyword: &str) -> bool {
    ["string", "integer", "array", "object"]
        .iter()
        .any(|json_type| applies_to(json_type, keyword))
}

/// The keywords that constrain values of one JSON type, so a type list can be split into one schema per type.
pub(crate) fn applies_to(json_type: &str, keyword: &str) -> bool {
    let keywords: &[&str] = match json_type {
        "string" => &[
            "minLength",
            "maxLength",
            "pattern",
            "format",
            "contentEncoding",
            "contentMediaType",
        ],
        "integer" | "number" => &[
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
            "format",
        ],
        "array" => &[
            "items",
            "prefixItems",
            "minItems",
            "maxItems",
            "uniqueItems",
            "contains",
        ],
        "object" => &[
            "properties",
            "required",
            "additionalProperties",
            "patternProperties",
            "minProperties",
            "maxProperties",
            "propertyNames",
        ],
        _ => &[],
    };
    keywords.contains(&keyword)
}

/// Keywords 3.0 has no counterpart for, and what the client does instead.
const NOT_ENFORCED: &[(&str, &str)] = &[
    (
        "dependentRequired",
        "properties required together are not checked",
    ),
    (
        "dependentSchemas",
        "schemas that depend on a property are not checked",
    ),
    ("if", "the conditional schema (if/then/else) is not checked"),
    (
        "contains",
        "array members are not checked against `contains`",
    ),
    ("propertyNames", "property names are not checked"),
    (
        "unevaluatedItems",
        "array members past the described ones are not checked",
    ),
];

/// `anyOf`/`oneOf` members that allow only null, in a document of any version, made nullability (see
/// `collapse_null_members`).
pub(crate) fn null_members_as_nullable(
    object: &mut Map<String, Value>,
    pointer: &str,
    origin: &mut Origin,
) {
    if !object.contains_key("anyOf") && !object.contains_key("oneOf") {
        return;
    }
    let mut warnings = Vec::new();
    SchemaRewrite {
        origin,
        warnings: &mut warnings,
    }
    .collapse_null_members(object, pointer);
}

impl SchemaRewrite<'_> {
    /// Rewrites the schema at `pointer` (a pointer of the normalized document).
    pub(super) fn rewrite(&mut self, schema: &mut Value, pointer: &str) {
        match schema {
            // `true` accepts anything, as `{}` does.
            Value::Bool(true) => *schema = Value::Object(Map::new()),
            // `false` accepts nothing, which no Rust type says; the nearest honest type accepts any value.
            Value::Bool(false) => {
                *schema = Value::Object(Map::new());
                self.warn(pointer, "the schema `false` accepts no value at all; it is typed as a JSON value, so the client does not refuse one".to_owned());
            }
            Value::Object(object) => {
                self.collapse_null_members(object, pointer);
                self.wrap_reference_with_siblings(object, pointer);
                self.split_type_list(object, pointer);
                self.nulls_in_enum(object);
                self.exclusive_bounds(object, pointer);
                self.first_example(object, pointer);
                content_encoding(object);
                self.pattern_properties(object, pointer);
                self.unevaluated_properties(object, pointer);
                self.prefix_items(object, pointer);
                self.not_enforced(object, pointer);
            }
            _ => {}
        }
    }

    /// Records that what is now at `normalized` was at `before` (both pointers of the document as it is now).
    fn record(&mut self, normalized: &str, before: &str) {
        let original = self.origin.original(before);
        self.origin.record(normalized, original);
    }

    fn warn(&mut self, pointer: &str, message: String) {
        let original = self.origin.original(pointer);
        self.warnings.push(Diagnostic::warning(original, message));
    }

    /// `anyOf`/`oneOf` members that only allow null (`{type: "null"}`, the way 3.1 writes an optional value) make
    /// the schema nullable instead; a single member left is merged into the schema (a reference as an `allOf`).
    fn collapse_null_members(&mut self, object: &mut Map<String, Value>, pointer: &str) {
        for keyword in ["anyOf", "oneOf"] {
            let Some(Value::Array(members)) = object.get_mut(keyword) else {
                continue;
            };
            if !members.iter().any(only_null) {
                continue;
            }
            let kept: Vec<(usize, Value)> = std::mem::take(members)
                .into_iter()
                .enumerate()
                .filter(|(_, member)| !only_null(member))
                .collect();
            object.insert("nullable".to_owned(), Value::Bool(true));
            let list_pointer = pointer_join(pointer, &[keyword]);
            let shaped_parent = object.keys().any(|key| {
                key != keyword && !ANNOTATIONS.contains(&key.as_str()) && !key.starts_with("x-")
            });
            match <[(usize, Value); 1]>::try_from(kept) {
                Ok([(index, member)]) if !shaped_parent && member.is_object() => {
                    object.remove(keyword);
                    let member_pointer = format!("{list_pointer}/{index}");
                    self.merge_lone_member(object, member, pointer, &member_pointer);
                }
                Ok([(index, member)]) => {
                    self.record(
                        &format!("{list_pointer}/0"),
                        &format!("{list_pointer}/{index}"),
                    );
                    object.insert(keyword.to_owned(), Value::Array(vec![member]));
                }
                Err(kept) => {
                    for (position, (index, _)) in kept.iter().enumerate() {
                        self.record(
                            &format!("{list_pointer}/{position}"),
                            &format!("{list_pointer}/{index}"),
                        );
                    }
                    let members = kept.into_iter().map(|(_, member)| member).collect();
                    object.insert(keyword.to_owned(), Value::Array(members));
                }
            }
        }
    }

    /// The one member left of a nullable `anyOf`: a reference becomes `allOf: [$ref]` (the 3.0 way to annotate a
    /// reference); an inline schema lends its keywords to the parent, whose own annotations win.
    fn merge_lone_member(
        &mut self,
        object: &mut Map<String, Value>,
        member: Value,
        pointer: &str,
        member_pointer: &str,
    ) {
        let Value::Object(member) = member else {
            return;
        };
        if member.contains_key("$ref") {
            self.record(&pointer_join(pointer, &["allOf", "0"]), member_pointer);
            object.insert(
                "allOf".to_owned(),
                Value::Array(vec![Value::Object(member)]),
            );
            return;
        }
        for (key, value) in member {
            if !object.contains_key(&key) {
                self.record(
                    &pointer_join(pointer, &[&key]),
                    &pointer_join(member_pointer, &[&key]),
                );
                object.insert(key, value);
            }
        }
    }

    /// A `$ref` beside other keywords: 3.1 applies both, while the 3.0 model would keep only the reference. The
    /// reference moves into an `allOf` of its own so the siblings (docs, default, nullability) stay.
    fn wrap_reference_with_siblings(&mut self, object: &mut Map<String, Value>, pointer: &str) {
        if !object.contains_key("$ref") || object.len() == 1 {
            return;
        }
        let Some(reference) = object.remove("$ref") else {
            return;
        };
        let all_of_pointer = pointer_join(pointer, &["allOf"]);
        let mut members = match object.remove("allOf") {
            Some(Value::Array(members)) => members,
            _ => Vec::new(),
        };
        for index in (0..members.len()).rev() {
            self.record(
                &format!("{all_of_pointer}/{}", index + 1),
                &format!("{all_of_pointer}/{index}"),
            );
        }
        self.record(&format!("{all_of_pointer}/0"), pointer);
        let mut wrapped = Map::new();
        wrapped.insert("$ref".to_owned(), reference);
        members.insert(0, Value::Object(wrapped));
        object.insert("allOf".to_owned(), Value::Array(members));
    }

    /// `type: [T, "null"]` is `T` made nullable; several non-null types become a `oneOf` of one schema per type,
    /// each with the keywords that apply to it.
    pub(super) fn split_type_list(&mut self, object: &mut Map<String, Value>, pointer: &str) {
        match object.get("type") {
            Some(Value::String(single)) if single == "null" => {
                object.remove("type");
                object.insert("nullable".to_owned(), Value::Bool(true));
                return;
            }
            Some(Value::Array(_)) => {}
            _ => return,
        }
        let Some(Value::Array(types)) = object.remove("type") else {
            return;
        };
        let mut types: Vec<String> = types
            .into_iter()
            .filter_map(|t| t.as_str().map(str::to_owned))
            .collect();
        if types.iter().any(|t| t == "null") {
            types.retain(|t| t != "null");
            object.insert("nullable".to_owned(), Value::Bool(true));
        }
        match types.as_slice() {
            [] => {}
            [single] => {
                object.insert("type".to_owned(), Value::String(single.clone()));
            }
            several => {
                let members: Vec<Value> = several
                    .iter()
                    .enumerate()
                    .map(|(index, json_type)| {
                        self.record(&format!("{pointer}/oneOf/{index}"), pointer);
                        let mut member = Map::new();
                        member.insert("type".to_owned(), Value::String(json_type.clone()));
                        for (key, value) in object.iter() {
                            if applies_to(json_type, key) {
                                member.insert(key.clone(), value.clone());
                            }
                        }
                        if let Some(Value::Array(values)) = object.get("enum") {
                            let fitting: Vec<Value> = values
                                .iter()
                                .filter(|v| fits(json_type, v))
                                .cloned()
                                .collect();
                            if !fitting.is_empty() {
                                member.insert("enum".to_owned(), Value::Array(fitting));
                            }
                        }
                        Value::Object(member)
                    })
                    .collect();
                object
                    .retain(|key, _| !several.iter().any(|t| applies_to(t, key)) && key != "enum");
                object.insert("oneOf".to_owned(), Value::Array(members));
            }
        }
    }

    /// `null` among the values of an `enum` (or a `const: null`) is nullability. An `enum` or `const` without a
    /// `type` gets the type its values share, so that the enum is typed (and a `const` can tag a union).
    fn nulls_in_enum(&mut self, object: &mut Map<String, Value>) {
        if object.get("const") == Some(&Value::Null) {
            object.remove("const");
            object.insert("nullable".to_owned(), Value::Bool(true));
        }
        if !object.contains_key("type") {
            let enum_type = object
                .get("enum")
                .and_then(Value::as_array)
                .and_then(|values| {
                    let first = values.iter().find(|value| !value.is_null())?;
                    let json_type = ["string", "integer", "number", "boolean"]
                        .into_iter()
                        .find(|t| fits(t, first))?;
                    values
                        .iter()
                        .all(|value| value.is_null() || fits(json_type, value))
                        .then_some(json_type)
                });
            let implied = enum_type.or(match object.get("const") {
                Some(Value::String(_)) => Some("string"),
                Some(Value::Bool(_)) => Some("boolean"),
                Some(value) if fits("integer", value) => Some("integer"),
                Some(Value::Number(_)) => Some("number"),
                _ => None,
            });
            if let Some(implied) = implied {
                object.insert("type".to_owned(), Value::String(implied.to_owned()));
            }
        }
        let Some(Value::Array(values)) = object.get_mut("enum") else {
            return;
        };
        if values.iter().any(Value::is_null) {
            values.retain(|value| !value.is_null());
            if values.is_empty() {
                object.remove("enum");
            }
            object.insert("nullable".to_owned(), Value::Bool(true));
        }
    }

    /// A numeric `exclusiveMinimum: 5` is 3.0's `minimum: 5, exclusiveMinimum: true` (the tighter bound wins when
    /// both are given); likewise for the maximum.
    fn exclusive_bounds(&mut self, object: &mut Map<String, Value>, pointer: &str) {
        for (exclusive, inclusive, tighter) in [
            ("exclusiveMinimum", "minimum", std::cmp::Ordering::Greater),
            ("exclusiveMaximum", "maximum", std::cmp::Ordering::Less),
        ] {
            let Some(bound) = object.get(exclusive).and_then(Value::as_f64) else {
                continue;
            };
            let Some(Value::Number(number)) = object.remove(exclusive) else {
                continue;
            };
            let existing = object.get(inclusive).and_then(Value::as_f64);
            let exclusive_wins = existing
                .is_none_or(|existing| bound.partial_cmp(&existing) != Some(tighter.reverse()));
            if exclusive_wins {
                self.record(
                    &pointer_join(pointer, &[inclusive]),
                    &pointer_join(pointer, &[exclusive]),
                );
                object.insert(inclusive.to_owned(), Value::Number(number));
                object.insert(exclusive.to_owned(), Value::Bool(true));
            }
        }
    }

    /// 3.1's `examples` list: its first value is the 3.0 `example` when there is none.
    fn first_example(&mut self, object: &mut Map<String, Value>, pointer: &str) {
        if object.contains_key("example") {
            return;
        }
        if let Some(first) = object
            .get("examples")
            .and_then(Value::as_array)
            .and_then(|e| e.first())
        {
            let first = first.clone();
            self.record(
                &pointer_join(pointer, &["example"]),
                &pointer_join(pointer, &["examples", "0"]),
            );
            object.insert("example".to_owned(), first);
        }
    }

    /// `patternProperties` become the map's value type when `additionalProperties` is not given; the patterns
    /// themselves are not checked.
    fn pattern_properties(&mut self, object: &mut Map<String, Value>, pointer: &str) {
        let Some(Value::Object(patterns)) = object.get("patternProperties") else {
            return;
        };
        let names: Vec<String> = patterns.keys().cloned().collect();
        let mut schemas: Vec<Value> = patterns.values().cloned().collect();
        schemas.dedup();
        let keyword = pointer_join(pointer, &["patternProperties"]);
        if object.contains_key("additionalProperties") || schemas.is_empty() {
            self.warn(
                &keyword,
                format!(
                    "property names are not checked against {}",
                    render_patterns(&names)
                ),
            );
            return;
        }
        let value = if schemas.len() == 1 {
            self.record(
                &pointer_join(pointer, &["additionalProperties"]),
                &pointer_join(&keyword, &[&names[0]]),
            );
            schemas.remove(0)
        } else {
            for (index, name) in names.iter().enumerate() {
                self.record(
                    &format!("{pointer}/additionalProperties/anyOf/{index}"),
                    &pointer_join(&keyword, &[name]),
                );
            }
            serde_json::json!({ "anyOf": schemas })
        };
        object.insert("additionalProperties".to_owned(), value);
        self.warn(
            &keyword,
            format!(
                "`patternProperties` is read as a map of its values; property names are not checked against {}",
                render_patterns(&names)
            ),
        );
    }

    /// `unevaluatedProperties` without `additionalProperties`: the properties no other keyword describes, which is
    /// what `additionalProperties` says when no `allOf` is involved; read as that.
    fn unevaluated_properties(&mut self, object: &mut Map<String, Value>, pointer: &str) {
        let Some(value) = object.get("unevaluatedProperties").cloned() else {
            return;
        };
        let keyword = pointer_join(pointer, &["unevaluatedProperties"]);
        if object.contains_key("additionalProperties") || object.contains_key("allOf") {
            self.warn(
                &keyword,
                "`unevaluatedProperties` is not checked".to_owned(),
            );
            return;
        }
        self.record(&pointer_join(pointer, &["additionalProperties"]), &keyword);
        object.insert("additionalProperties".to_owned(), value);
        self.warn(
            &keyword,
            "`unevaluatedProperties` is read as `additionalProperties` (properties from subschemas are not told apart)"
                .to_owned(),
        );
    }

    /// `prefixItems` (a tuple) is kept for lowering as `x-prefix-items`, with `items` read as what follows them.
    fn prefix_items(&mut self, object: &mut Map<String, Value>, pointer: &str) {
        let Some(Value::Array(members)) = object.remove("prefixItems") else {
            return;
        };
        let count = members.len();
        for index in 0..count {
            self.record(
                &format!("{pointer}/x-prefix-items/{index}"),
                &format!("{pointer}/prefixItems/{index}"),
            );
        }
        object.insert("x-prefix-items".to_owned(), Value::Array(members));
        // `items: false`, or `unevaluatedItems: false` with no `items`: nothing may follow the members.
        let closed_by_items = object.get("items") == Some(&Value::Bool(false));
        let closed_by_unevaluated = !object.contains_key("items")
            && object.get("unevaluatedItems") == Some(&Value::Bool(false));
        if closed_by_items {
            object.remove("items");
        }
        if closed_by_unevaluated {
            object.remove("unevaluatedItems");
        }
        if closed_by_items || closed_by_unevaluated {
            object.insert("x-tuple-closed".to_owned(), Value::Bool(true));
        }
    }

    fn not_enforced(&mut self, object: &Map<String, Value>, pointer: &str) {
        for (keyword, consequence) in NOT_ENFORCED {
            // `propertyNames: {type: string}` (utoipa writes it for every map) holds for every JSON object.
            let always_true = *keyword == "propertyNames"
                && object.get(*keyword) == Some(&serde_json::json!({"type": "string"}));
            if object.contains_key(*keyword) && !always_true {
                self.warn(
                    &pointer_join(pointer, &[keyword]),
                    format!("`{keyword}` has no OpenAPI 3.0 counterpart; {consequence}"),
                );
            }
        }
    }
}

/// A member that allows only null: `{type: "null"}` (possibly described), `{const: null}` or `{enum: [null]}`.
fn only_null(member: &Value) -> bool {
    let Some(object) = member.as_object() else {
        return false;
    };
    let null_type = match object.get("type") {
        Some(Value::String(t)) => t == "null",
        Some(Value::Array(types)) => types.iter().all(|t| t == "null") && !types.is_empty(),
        _ => false,
    };
    let null_value = object.get("const") == Some(&Value::Null)
        || object
            .get("enum")
            .and_then(Value::as_array)
            .is_some_and(|v| v.len() == 1 && v[0].is_null());
    let other_shape = object.keys().any(|key| {
        !matches!(key.as_str(), "type" | "const" | "enum") && !ANNOTATIONS.contains(&key.as_str())
    });
    (null_type || null_value) && !other_shape
}

/// 3.1 `contentEncoding`/`contentMediaType` on a string: base64 is 3.0's `format: byte`; raw binary content is
/// `format: binary`.
fn content_encoding(object: &mut Map<String, Value>) {
    if object.contains_key("format") || object.get("type").and_then(Value::as_str) != Some("string")
    {
        return;
    }
    let encoding = object.get("contentEncoding").and_then(Value::as_str);
    let format = match encoding {
        Some("base64" | "base64url") => "byte",
        Some(_) => return,
        None => match object.get("contentMediaType").and_then(Value::as_str) {
            Some(media)
                if !media.starts_with("text/")
                    && !media.contains("json")
                    && !media.contains("xml") =>
            {
                "binary"
            }
            _ => return,
        },
    };
    object.insert("format".to_owned(), Value::String(format.to_owned()));
}

/// Whether a value is of a JSON Schema type (an integer is also a number).
pub(crate) fn fits(json_type: &str, value: &Value) -> bool {
    match value {
        Value::String(_) => json_type == "string",
        Value::Bool(_) => json_type == "boolean",
        Value::Number(number) if number.is_i64() || number.is_u64() => {
            matches!(json_type, "integer" | "number")
        }
        Value::Number(_) => json_type == "number",
        Value::Array(_) => json_type == "array",
        Value::Object(_) => json_type == "object",
        Value::Null => false,
    }
}

fn render_patterns(names: &[String]) -> String {
    names
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
