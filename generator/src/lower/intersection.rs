//! Two `allOf` members that define the same property: the property is the intersection of both schemas when one
//! narrows the other (adds an `enum`, a format, a tighter bound, nested properties, docs, read-only-ness), as
//! typify's merge does schema to schema before any type is made. Only a contradiction (a string and an integer,
//! two disjoint enums, two formats) has no intersection, and the caller reports both places.

use openapiv3::{
    AdditionalProperties, ArrayType, IntegerType, NumberType, ObjectType, ReferenceOr, Schema,
    SchemaData, SchemaKind, StringType, Type, VariantOrUnknownOrEmpty,
};

/// How deep nested object properties are merged; deeper ones must be equal.
const MAX_MERGE_DEPTH: usize = 16;

/// The schema that both `a` and `b` describe, or `None` when they contradict each other.
pub(super) fn intersect(
    a: &ReferenceOr<Box<Schema>>,
    b: &ReferenceOr<Box<Schema>>,
) -> Option<ReferenceOr<Box<Schema>>> {
    intersect_at(a, b, 0)
}

fn intersect_at(
    a: &ReferenceOr<Box<Schema>>,
    b: &ReferenceOr<Box<Schema>>,
    depth: usize,
) -> Option<ReferenceOr<Box<Schema>>> {
    // The same reference, documented on one side (`allOf: [$ref, {description}]`): the documented one.
    if let (Some(x), Some(y)) = (referenced(a), referenced(b)) {
        if x == y {
            return Some(if matches!(a, ReferenceOr::Item(_)) {
                a.clone()
            } else {
                b.clone()
            });
        }
    }
    match (a, b) {
        (ReferenceOr::Reference { reference: x }, ReferenceOr::Reference { reference: y }) => {
            (x == y).then(|| a.clone())
        }
        // A reference beside a schema that only documents it is the reference.
        (ReferenceOr::Reference { .. }, ReferenceOr::Item(item))
        | (ReferenceOr::Item(item), ReferenceOr::Reference { .. })
            if only_annotates(item) =>
        {
            Some(if matches!(a, ReferenceOr::Reference { .. }) {
                a.clone()
            } else {
                b.clone()
            })
        }
        (ReferenceOr::Item(x), ReferenceOr::Item(y)) => {
            let kind = intersect_kinds(&x.schema_kind, &y.schema_kind, depth)?;
            Some(ReferenceOr::Item(Box::new(Schema {
                schema_data: intersect_data(&x.schema_data, &y.schema_data),
                schema_kind: kind,
            })))
        }
        _ => None,
    }
}

/// The reference a schema is: a `$ref`, or an `allOf` whose one shaped member is a `$ref` and whose others only
/// document it.
fn referenced(schema: &ReferenceOr<Box<Schema>>) -> Option<&str> {
    match schema {
        ReferenceOr::Reference { reference } => Some(reference),
        ReferenceOr::Item(item) => match &item.schema_kind {
            SchemaKind::AllOf { all_of } => {
                match &all_of[super::all_of::sole_shaped_member(all_of)?] {
                    ReferenceOr::Reference { reference } => Some(reference),
                    ReferenceOr::Item(_) => None,
                }
            }
            _ => None,
        },
    }
}

/// Whether a schema says nothing about the values it accepts (no type, no keyword that constrains).
fn only_annotates(schema: &Schema) -> bool {
    matches!(&schema.schema_kind, SchemaKind::Any(any) if *any == Default::default())
}

/// Docs of the first member that has them; flags that mark a narrower use (read-only, write-only, deprecated)
/// from either; null allowed only when both allow it.
fn intersect_data(a: &SchemaData, b: &SchemaData) -> SchemaData {
    SchemaData {
        nullable: a.nullable && b.nullable,
        read_only: a.read_only || b.read_only,
        write_only: a.write_only || b.write_only,
        deprecated: a.deprecated || b.deprecated,
        description: a.description.clone().or_else(|| b.description.clone()),
        title: a.title.clone().or_else(|| b.title.clone()),
        default: a.default.clone().or_else(|| b.default.clone()),
        example: a.example.clone().or_else(|| b.example.clone()),
        ..a.clone()
    }
}

fn intersect_kinds(a: &SchemaKind, b: &SchemaKind, depth: usize) -> Option<SchemaKind> {
    match (a, b) {
        (SchemaKind::Any(any), other) | (other, SchemaKind::Any(any))
            if *any == Default::default() =>
        {
            Some(other.clone())
        }
        _ if a == b => Some(a.clone()),
        _ => {
            let (x, y) = (
                implied_type(a, written_type(b)),
                implied_type(b, written_type(a)),
            );
            intersect_types(&x?, &y?, depth).map(SchemaKind::Type)
        }
    }
}

/// Why two schemas have no intersection, in a reviewer's words (for the warning that types the property as a
/// JSON value).
pub(super) fn disagreement(a: &ReferenceOr<Box<Schema>>, b: &ReferenceOr<Box<Schema>>) -> String {
    disagreement_at(a, b, 0)
}

fn disagreement_at(
    a: &ReferenceOr<Box<Schema>>,
    b: &ReferenceOr<Box<Schema>>,
    depth: usize,
) -> String {
    let (ReferenceOr::Item(x), ReferenceOr::Item(y)) = (a, b) else {
        return "they refer to different schemas".to_owned();
    };
    let combines = |schema: &Schema| {
        matches!(
            schema.schema_kind,
            SchemaKind::AllOf { .. }
                | SchemaKind::AnyOf { .. }
                | SchemaKind::OneOf { .. }
                | SchemaKind::Not { .. }
        ) || matches!(&schema.schema_kind, SchemaKind::Any(any) if !any.all_of.is_empty() || !any.any_of.is_empty() || !any.one_of.is_empty() || any.not.is_some())
    };
    if combines(x) || combines(y) {
        return "one of them combines schemas (allOf, anyOf, oneOf or not), which the merge does not look into"
            .to_owned();
    }
    let (tx, ty) = (
        implied_type(&x.schema_kind, written_type(&y.schema_kind)),
        implied_type(&y.schema_kind, written_type(&x.schema_kind)),
    );
    let (Some(tx), Some(ty)) = (tx, ty) else {
        return "their types differ".to_owned();
    };
    let (nx, ny) = (
        type_name(&SchemaKind::Type(tx.clone())),
        type_name(&SchemaKind::Type(ty.clone())),
    );
    if nx != ny {
        return format!(
            "one is {} and the other {}",
            nx.unwrap_or("untyped"),
            ny.unwrap_or("untyped")
        );
    }
    match (&tx, &ty) {
        (Type::Object(ox), Type::Object(oy)) if depth < MAX_MERGE_DEPTH => {
            for (name, px) in &ox.properties {
                if let Some(py) = oy.properties.get(name) {
                    if intersect_at(px, py, depth + 1).is_none() {
                        return format!("their property `{name}` disagrees: {}", disagreement_at(px, py, depth + 1));
                    }
                }
            }
            "their additional properties disagree".to_owned()
        }
        (Type::Array(ax), Type::Array(ay)) => match (&ax.items, &ay.items) {
            (Some(ix), Some(iy)) if depth < MAX_MERGE_DEPTH => {
                format!("their items disagree: {}", disagreement_at(ix, iy, depth + 1))
            }
            _ => "their items disagree".to_owned(),
        },
        (Type::String(sx), Type::String(sy)) if !sx.enumeration.is_empty() && !sy.enumeration.is_empty() => {
            "their enums share no value".to_owned()
        }
        _ => "they set the same keyword (a format, pattern, multipleOf or enum) to values that exclude each other"
            .to_owned(),
    }
}

/// The JSON type a schema writes, whether or not the model could read it as that type.
fn written_type(kind: &SchemaKind) -> Option<&str> {
    match kind {
        SchemaKind::Any(any) => any.typ.as_deref(),
        typed => type_name(typed),
    }
}

/// The JSON type a typed schema names.
fn type_name(kind: &SchemaKind) -> Option<&'static str> {
    Some(match kind {
        SchemaKind::Type(Type::String(_)) => "string",
        SchemaKind::Type(Type::Integer(_)) => "integer",
        SchemaKind::Type(Type::Number(_)) => "number",
        SchemaKind::Type(Type::Boolean(_)) => "boolean",
        SchemaKind::Type(Type::Array(_)) => "array",
        SchemaKind::Type(Type::Object(_)) => "object",
        _ => return None,
    })
}

/// The type a schema has, written or implied, as seen beside a schema of type `beside`: keywords apply only to
/// values of their own type, so `{required: [a]}` beside an array constrains nothing, and `{properties: …}` without
/// a `type` beside an object is that object. Without `beside`, object keywords imply an object and an `enum` of
/// strings a string. `None` for combinations (`oneOf`, `allOf`, `not`) and anything less clear.
pub(super) fn implied_type(kind: &SchemaKind, beside: Option<&str>) -> Option<Type> {
    let any = match kind {
        SchemaKind::Type(typ) => return Some(typ.clone()),
        SchemaKind::Any(any) => any,
        _ => return None,
    };
    let combined = !any.all_of.is_empty()
        || !any.any_of.is_empty()
        || !any.one_of.is_empty()
        || any.not.is_some();
    if combined {
        return None;
    }
    let strings =
        !any.enumeration.is_empty() && any.enumeration.iter().all(serde_json::Value::is_string);
    let objectish = !any.properties.is_empty()
        || any.additional_properties.is_some()
        || !any.required.is_empty();
    let typ = match (any.typ.as_deref(), beside) {
        (Some(written), Some(other)) if written != other => return None,
        (Some(written), _) => written.to_owned(),
        (None, Some(other)) => other.to_owned(),
        (None, None) if objectish => "object".to_owned(),
        (None, None) if strings => "string".to_owned(),
        (None, None) => return None,
    };
    let mut value = serde_json::to_value(any).ok()?;
    let object = value.as_object_mut()?;
    object.retain(|key, _| {
        !crate::source::is_type_keyword(key) || crate::source::keyword_applies_to(&typ, key)
    });
    if let Some(serde_json::Value::Array(values)) = object.get_mut("enum") {
        values.retain(|value| crate::source::value_fits_type(&typ, value));
    }
    object.insert("type".to_owned(), serde_json::Value::String(typ));
    match serde_json::from_value::<Schema>(value).ok()?.schema_kind {
        SchemaKind::Type(typ) => Some(typ),
        _ => None,
    }
}

fn intersect_types(a: &Type, b: &Type, depth: usize) -> Option<Type> {
    Some(match (a, b) {
        (Type::String(x), Type::String(y)) => Type::String(StringType {
            format: same_or_either(&x.format, &y.format)?,
            pattern: same_or_one(&x.pattern, &y.pattern)?,
            enumeration: common_values(&x.enumeration, &y.enumeration)?,
            min_length: tighter(x.min_length, y.min_length, usize::max),
            max_length: tighter(x.max_length, y.max_length, usize::min),
        }),
        (Type::Integer(x), Type::Integer(y)) => Type::Integer(IntegerType {
            format: same_or_either(&x.format, &y.format)?,
            multiple_of: same_or_one(&x.multiple_of, &y.multiple_of)?,
            exclusive_minimum: x.exclusive_minimum || y.exclusive_minimum,
            exclusive_maximum: x.exclusive_maximum || y.exclusive_maximum,
            minimum: tighter(x.minimum, y.minimum, i64::max),
            maximum: tighter(x.maximum, y.maximum, i64::min),
            enumeration: common_values(&x.enumeration, &y.enumeration)?,
        }),
        (Type::Number(x), Type::Number(y)) => Type::Number(NumberType {
            format: same_or_either(&x.format, &y.format)?,
            multiple_of: same_or_one(&x.multiple_of, &y.multiple_of)?,
            exclusive_minimum: x.exclusive_minimum || y.exclusive_minimum,
            exclusive_maximum: x.exclusive_maximum || y.exclusive_maximum,
            minimum: tighter(x.minimum, y.minimum, f64::max),
            maximum: tighter(x.maximum, y.maximum, f64::min),
            enumeration: common_values(&x.enumeration, &y.enumeration)?,
        }),
        (Type::Boolean(x), Type::Boolean(y)) => Type::Boolean(openapiv3::BooleanType {
            enumeration: common_values(&x.enumeration, &y.enumeration)?,
        }),
        (Type::Array(x), Type::Array(y)) => Type::Array(ArrayType {
            items: match (&x.items, &y.items) {
                (Some(p), Some(q)) => Some(intersect_at(p, q, depth + 1)?),
                (p, q) => p.clone().or_else(|| q.clone()),
            },
            min_items: tighter(x.min_items, y.min_items, usize::max),
            max_items: tighter(x.max_items, y.max_items, usize::min),
            unique_items: x.unique_items || y.unique_items,
        }),
        (Type::Object(x), Type::Object(y)) if depth < MAX_MERGE_DEPTH => {
            Type::Object(intersect_objects(x, y, depth)?)
        }
        (x, y) => return (x == y).then(|| x.clone()),
    })
}

/// Properties of both (a name both define is their intersection), required by either.
fn intersect_objects(a: &ObjectType, b: &ObjectType, depth: usize) -> Option<ObjectType> {
    let mut properties = a.properties.clone();
    for (name, property) in &b.properties {
        let merged = match properties.get(name) {
            Some(existing) => intersect_at(existing, property, depth + 1)?,
            None => property.clone(),
        };
        properties.insert(name.clone(), merged);
    }
    let mut required = a.required.clone();
    required.extend(
        b.required
            .iter()
            .filter(|name| !a.required.contains(name))
            .cloned(),
    );
    let additional_properties = match (&a.additional_properties, &b.additional_properties) {
        (Some(x), Some(y)) if x != y => match (x, y) {
            // `false` on either side: no other properties.
            (AdditionalProperties::Any(false), _) | (_, AdditionalProperties::Any(false)) => {
                Some(AdditionalProperties::Any(false))
            }
            _ => return None,
        },
        (x, y) => x.clone().or_else(|| y.clone()),
    };
    Some(ObjectType {
        properties,
        required,
        additional_properties,
        min_properties: tighter(a.min_properties, b.min_properties, usize::max),
        max_properties: tighter(a.max_properties, b.max_properties, usize::min),
    })
}

/// A format both give the same, or the one only one gives.
fn same_or_either<T: Clone + PartialEq>(
    a: &VariantOrUnknownOrEmpty<T>,
    b: &VariantOrUnknownOrEmpty<T>,
) -> Option<VariantOrUnknownOrEmpty<T>> {
    match (a, b) {
        (VariantOrUnknownOrEmpty::Empty, other) | (other, VariantOrUnknownOrEmpty::Empty) => {
            Some(other.clone())
        }
        (x, y) => (x == y).then(|| x.clone()),
    }
}

fn same_or_one<T: Clone + PartialEq>(a: &Option<T>, b: &Option<T>) -> Option<Option<T>> {
    match (a, b) {
        (Some(x), Some(y)) => (x == y).then(|| Some(x.clone())),
        (x, y) => Some(x.clone().or_else(|| y.clone())),
    }
}

/// Of two bounds, the one `pick` prefers (the larger minimum, the smaller maximum).
fn tighter<T>(a: Option<T>, b: Option<T>, pick: fn(T, T) -> T) -> Option<T> {
    match (a, b) {
        (Some(x), Some(y)) => Some(pick(x, y)),
        (x, y) => x.or(y),
    }
}

/// The values both enums allow (all of one when the other allows any); `None` when they share none.
fn common_values<T: Clone + PartialEq>(a: &[T], b: &[T]) -> Option<Vec<T>> {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => Some(b.to_vec()),
        (_, true) => Some(a.to_vec()),
        _ => {
            let common: Vec<T> = a
                .iter()
                .filter(|value| b.contains(value))
                .cloned()
                .collect();
            (!common.is_empty()).then_some(common)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(json: serde_json::Value) -> ReferenceOr<Box<Schema>> {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn a_narrowing_member_adds_its_enum_and_keeps_the_base_docs() {
        let base = schema(
            serde_json::json!({"type": "string", "readOnly": true, "description": "The kind."}),
        );
        let narrow = schema(serde_json::json!({"type": "string", "enum": ["incident"]}));
        let merged = intersect(&base, &narrow).unwrap();
        assert_eq!(
            merged,
            schema(
                serde_json::json!({"type": "string", "readOnly": true, "description": "The kind.", "enum": ["incident"]})
            )
        );
    }

    #[test]
    fn bounds_tighten_and_nullability_needs_both() {
        let a = schema(
            serde_json::json!({"type": "integer", "minimum": 0, "maximum": 100, "nullable": true}),
        );
        let b = schema(serde_json::json!({"type": "integer", "minimum": 5}));
        let merged = intersect(&a, &b).unwrap();
        assert_eq!(
            merged,
            schema(serde_json::json!({"type": "integer", "minimum": 5, "maximum": 100}))
        );
    }

    #[test]
    fn nested_objects_merge_their_properties() {
        let a =
            schema(serde_json::json!({"type": "object", "properties": {"x": {"type": "string"}}}));
        let b = schema(
            serde_json::json!({"type": "object", "required": ["x"], "properties": {"x": {"type": "string", "format": "uuid"}, "y": {"type": "boolean"}}}),
        );
        let merged = intersect(&a, &b).unwrap();
        assert_eq!(
            merged,
            schema(
                serde_json::json!({"type": "object", "required": ["x"], "properties": {"x": {"type": "string", "format": "uuid"}, "y": {"type": "boolean"}}})
            )
        );
    }

    #[test]
    fn untyped_members_are_read_as_the_type_their_keywords_imply() {
        let object = schema(
            serde_json::json!({"type": "object", "properties": {"kind": {"type": "string"}}}),
        );
        let untyped = schema(
            serde_json::json!({"properties": {"kind": {"enum": ["global"]}, "n": {"type": "integer"}}}),
        );
        let merged = intersect(&object, &untyped).unwrap();
        assert_eq!(
            merged,
            schema(serde_json::json!({"type": "object", "properties": {
                "kind": {"type": "string", "enum": ["global"]}, "n": {"type": "integer"}}}))
        );
    }

    #[test]
    fn contradictions_have_no_intersection() {
        let text = schema(serde_json::json!({"type": "string"}));
        let number = schema(serde_json::json!({"type": "integer"}));
        assert_eq!(intersect(&text, &number), None);
        let a = schema(serde_json::json!({"type": "string", "enum": ["a"]}));
        let b = schema(serde_json::json!({"type": "string", "enum": ["b"]}));
        assert_eq!(intersect(&a, &b), None);
        let uuid = schema(serde_json::json!({"type": "string", "format": "uuid"}));
        let date = schema(serde_json::json!({"type": "string", "format": "date"}));
        assert_eq!(intersect(&uuid, &date), None);
    }

    #[test]
    fn a_reference_documented_beside_itself_is_the_reference() {
        let reference = schema(serde_json::json!({"$ref": "#/components/schemas/Kind"}));
        let docs = schema(serde_json::json!({"description": "What it is."}));
        assert_eq!(intersect(&reference, &docs), Some(reference.clone()));
        assert_eq!(intersect(&docs, &reference), Some(reference));
    }
}
