//! Schemas: the entry points that turn a schema into a type reference, and the dispatch on what kind of schema it
//! is (primitive, enum, array, object, `oneOf`/`anyOf`, `allOf`, untyped).

use openapiv3::{
    IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};

use super::all_of::{sole_shaped_member, ObjectParts};
use super::enums::open_enum;
use super::union::UnionKeyword;
use super::{schema_doc, Lowerer, Shape};

/// How deep inline schemas may nest. A JSON document cannot nest schemas deeper than about 64 (serde_json stops
/// at 128 levels of JSON), so only a schema that includes itself through `allOf` reaches it.
const MAX_NESTING: usize = 64;
use crate::diagnostics::pointer_join;
use crate::ir::{EnumRepr, Primitive, TypeKind, TypeRef};
use crate::naming::enum_variant_names;

impl<'a> Lowerer<'a> {
    /// Lowers a schema that may need its own type; `name_hint` names it when it does.
    pub(super) fn lower_schema(
        &mut self,
        schema: &ReferenceOr<Schema>,
        name_hint: &str,
        pointer: &str,
    ) -> TypeRef {
        match schema {
            ReferenceOr::Reference { reference } => self.schema_reference(reference, pointer),
            ReferenceOr::Item(schema) => self.lower_inline(schema, name_hint, pointer),
        }
    }

    pub(super) fn lower_boxed_schema(
        &mut self,
        schema: &ReferenceOr<Box<Schema>>,
        name_hint: &str,
        pointer: &str,
    ) -> TypeRef {
        match schema {
            ReferenceOr::Reference { reference } => self.schema_reference(reference, pointer),
            ReferenceOr::Item(schema) => self.lower_inline(schema, name_hint, pointer),
        }
    }

    pub(super) fn lower_inline(
        &mut self,
        schema: &Schema,
        name_hint: &str,
        pointer: &str,
    ) -> TypeRef {
        match self.schema_shape(schema, name_hint, pointer) {
            Shape::Existing(ty) => ty,
            Shape::Definition(kind) => self.define_inline(schema, name_hint, pointer, kind),
        }
    }

    /// A new named type for an inline schema whose shape is `kind`.
    pub(super) fn define_inline(
        &mut self,
        schema: &Schema,
        name_hint: &str,
        pointer: &str,
        kind: TypeKind,
    ) -> TypeRef {
        let id = self.reserve_type(
            name_hint,
            pointer.to_owned(),
            pointer.to_owned(),
            schema_doc(schema),
        );
        self.types[id.0].deprecated = schema.schema_data.deprecated;
        self.types[id.0].kind = kind;
        TypeRef::Named(id)
    }

    /// The shape of a schema, within a budget of nesting: inline schemas in inline schemas (and `allOf` merges
    /// that inline a referenced schema) recurse, and a document must not be able to drive that past the stack.
    pub(super) fn schema_shape(
        &mut self,
        schema: &Schema,
        name_hint: &str,
        pointer: &str,
    ) -> Shape {
        if self.nesting >= MAX_NESTING {
            self.warn(pointer, format!("schemas nest more than {MAX_NESTING} levels deep here; this one is typed as a JSON value"));
            return Shape::Existing(TypeRef::Primitive(Primitive::Json));
        }
        self.nesting += 1;
        let shape = self.shape_by_kind(schema, name_hint, pointer);
        self.nesting -= 1;
        shape
    }

    /// The shape of a schema by its kind: primitive, enum, array, object, union, `allOf`, or untyped.
    fn shape_by_kind(&mut self, schema: &Schema, name_hint: &str, pointer: &str) -> Shape {
        let raw_enum = self
            .has_empty_enum
            .then(|| self.raw.pointer(pointer.trim_start_matches('#')))
            .flatten()
            .and_then(|raw| raw.get("enum"));
        if raw_enum
            .and_then(serde_json::Value::as_array)
            .is_some_and(Vec::is_empty)
        {
            self.warn(&pointer_join(pointer, &["enum"]), "`enum: []` allows no value at all; it is ignored and the schema is typed by its `type`");
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                let values: Vec<String> = string.enumeration.iter().flatten().cloned().collect();
                if !values.is_empty() {
                    let names = enum_variant_names(
                        &schema.schema_data.extensions,
                        EnumRepr::String,
                        &values,
                    );
                    return Shape::Definition(TypeKind::Enum(open_enum(
                        EnumRepr::String,
                        &values,
                        names,
                    )));
                }
                Shape::Existing(TypeRef::Primitive(match &string.format {
                    VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Primitive::DateTime,
                    VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Primitive::Date,
                    VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => Primitive::Base64,
                    VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => Primitive::Bytes,
                    VariantOrUnknownOrEmpty::Unknown(format) if format == "uuid" => Primitive::Uuid,
                    _ => Primitive::String,
                }))
            }
            SchemaKind::Type(Type::Integer(integer)) => {
                let values: Vec<String> = integer
                    .enumeration
                    .iter()
                    .flatten()
                    .map(i64::to_string)
                    .collect();
                if !values.is_empty() {
                    let names = enum_variant_names(
                        &schema.schema_data.extensions,
                        EnumRepr::Integer,
                        &values,
                    );
                    return Shape::Definition(TypeKind::Enum(open_enum(
                        EnumRepr::Integer,
                        &values,
                        names,
                    )));
                }
                Shape::Existing(TypeRef::Primitive(match &integer.format {
                    VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Primitive::I32,
                    VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64) => Primitive::I64,
                    VariantOrUnknownOrEmpty::Unknown(format) => match format.as_str() {
                        // Narrower formats are read into a wider type: a value is never cut.
                        "int8" | "int16" => Primitive::I32,
                        "uint8" | "uint16" | "uint32" => Primitive::U32,
                        "uint64" | "uint" => Primitive::U64,
                        "int128" => Primitive::I128,
                        "uint128" => Primitive::U128,
                        _ => Primitive::I64,
                    },
                    VariantOrUnknownOrEmpty::Empty => Primitive::I64,
                }))
            }
            SchemaKind::Type(Type::Number(number)) => {
                Shape::Existing(TypeRef::Primitive(match &number.format {
                    VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => Primitive::F32,
                    _ => Primitive::F64,
                }))
            }
            SchemaKind::Type(Type::Boolean(_)) => {
                Shape::Existing(TypeRef::Primitive(Primitive::Bool))
            }
            SchemaKind::Type(Type::Array(array)) => {
                if let Some(tuple) = self.tuple_type(schema, array, name_hint, pointer) {
                    return Shape::Existing(tuple);
                }
                let items = match &array.items {
                    Some(items) => self.lower_boxed_schema(
                        items,
                        &format!("{name_hint}Item"),
                        &pointer_join(pointer, &["items"]),
                    ),
                    None => TypeRef::Primitive(Primitive::Json),
                };
                Shape::Existing(TypeRef::Array(Box::new(items)))
            }
            SchemaKind::Type(Type::Object(object)) => self.object_shape(
                &object.properties,
                &object.required,
                object.additional_properties.as_ref(),
                name_hint,
                pointer,
                None,
            ),
            SchemaKind::OneOf { one_of } => {
                self.union_shape(one_of, UnionKeyword::OneOf, schema, name_hint, pointer)
            }
            SchemaKind::AllOf { all_of } => match sole_shaped_member(all_of) {
                // `allOf: [{$ref: X}, {description: …}]`, the 3.0 way to document a reference: the member is the
                // type, and the other members' annotations are read where the schema's facts are.
                Some(index) => Shape::Existing(self.lower_schema(
                    &all_of[index],
                    name_hint,
                    &pointer_join(pointer, &["allOf", &index.to_string()]),
                )),
                None => {
                    self.merged_all_of_shape(all_of, ObjectParts::default(), name_hint, pointer)
                }
            },
            SchemaKind::Any(any) if !any.one_of.is_empty() => {
                self.union_shape(&any.one_of, UnionKeyword::OneOf, schema, name_hint, pointer)
            }
            // An `anyOf` is decoded like an untagged `oneOf`: the first member (most specific first) that accepts
            // the value wins, which is what a client needs when reading it.
            SchemaKind::AnyOf { any_of } => self.any_of_shape(any_of, schema, name_hint, pointer),
            SchemaKind::Any(any)
                if !any.any_of.is_empty() && any.all_of.is_empty() && any.properties.is_empty() =>
            {
                self.any_of_shape(&any.any_of, schema, name_hint, pointer)
            }
            // `{type: string, enum: [user], allOf: [{$ref: Kinds}]}`: a scalar that narrows the type it refers to
            // (how tag values are pinned to a shared enum); its own values are the narrower, exact type.
            SchemaKind::Any(any) if narrows_a_scalar(any) => match without_all_of(schema) {
                Some(narrowed) => self.shape_by_kind(&narrowed, name_hint, pointer),
                None => Shape::Existing(TypeRef::Primitive(Primitive::Json)),
            },
            SchemaKind::Any(any)
                if !any.all_of.is_empty() && any.any_of.is_empty() && any.not.is_none() =>
            {
                let mut parts = ObjectParts::default();
                parts.add_object(
                    &any.properties,
                    &any.required,
                    any.additional_properties.as_ref(),
                    pointer,
                );
                self.merged_all_of_shape(&any.all_of, parts, name_hint, pointer)
            }
            SchemaKind::Any(any)
                if any.all_of.is_empty()
                    && any.any_of.is_empty()
                    && (!any.properties.is_empty() || any.typ.as_deref() == Some("object")) =>
            {
                self.object_shape(
                    &any.properties,
                    &any.required,
                    any.additional_properties.as_ref(),
                    name_hint,
                    pointer,
                    None,
                )
            }
            SchemaKind::Any(any)
                if !any.enumeration.is_empty()
                    && any.properties.is_empty()
                    && any.all_of.is_empty()
                    && any.any_of.is_empty() =>
            {
                // Values of several JSON types (or of a type the enum does not state): each is kept as JSON text.
                let values: Vec<String> = any
                    .enumeration
                    .iter()
                    .filter(|value| !value.is_null())
                    .map(serde_json::Value::to_string)
                    .collect();
                let names =
                    enum_variant_names(&schema.schema_data.extensions, EnumRepr::Json, &values);
                Shape::Definition(TypeKind::Enum(open_enum(EnumRepr::Json, &values, names)))
            }
            SchemaKind::Any(any)
                if any.typ.is_none()
                    && any.all_of.is_empty()
                    && any.any_of.is_empty()
                    && any.not.is_none() =>
            {
                // A schema with no type at all accepts any JSON value.
                Shape::Existing(TypeRef::Primitive(Primitive::Json))
            }
            // `{type: array, maxLength: 5}`: a keyword of another type keeps the model from reading the type; the
            // keyword cannot apply to the value, so it is ignored with a warning and the type is read.
            SchemaKind::Any(any) if any.typ.is_some() => match foreign_keywords(schema, any) {
                Some((typed, dropped)) => {
                    let list = dropped
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let typ = any.typ.as_deref().unwrap_or_default();
                    let at = pointer_join(pointer, &[&dropped[0]]);
                    self.warn(
                        &at,
                        format!("{list} cannot apply to a value of type `{typ}`; ignored"),
                    );
                    self.shape_by_kind(&typed, name_hint, pointer)
                }
                None => self.unmodelled_shape(schema, pointer),
            },
            _ => self.unmodelled_shape(schema, pointer),
        }
    }

    /// A JSON value, with a warning at the keyword that keeps the schema from having a Rust type.
    fn unmodelled_shape(&mut self, schema: &Schema, pointer: &str) -> Shape {
        let (keyword, why) = unmodelled(schema);
        self.warn(
            &pointer_join(pointer, &[keyword]),
            format!("{why}; it is typed as a JSON value"),
        );
        Shape::Existing(TypeRef::Primitive(Primitive::Json))
    }
}

/// A schema with a scalar `type` of its own beside `allOf` members, and nothing that makes it an object or a
/// union: the members can only narrow it further, never change its shape.
fn narrows_a_scalar(any: &openapiv3::AnySchema) -> bool {
    matches!(
        any.typ.as_deref(),
        Some("string" | "integer" | "number" | "boolean")
    ) && !any.all_of.is_empty()
        && any.any_of.is_empty()
        && any.one_of.is_empty()
        && any.not.is_none()
        && any.properties.is_empty()
        && any.items.is_none()
}

/// The schema without its `allOf`, read again by the model so that its `type` decides its kind.
fn without_all_of(schema: &Schema) -> Option<Schema> {
    let mut value = serde_json::to_value(schema).ok()?;
    value.as_object_mut()?.remove("allOf");
    serde_json::from_value(value).ok()
}

/// A schema with one `type` that the model read as untyped because of keywords of another type: the schema without
/// them (now read as its type) and the keywords dropped. `None` when dropping them does not give a typed schema.
fn foreign_keywords(schema: &Schema, any: &openapiv3::AnySchema) -> Option<(Schema, Vec<String>)> {
    let typ = any.typ.as_deref()?;
    if !any.all_of.is_empty()
        || !any.any_of.is_empty()
        || !any.one_of.is_empty()
        || any.not.is_some()
    {
        return None;
    }
    let mut value = serde_json::to_value(schema).ok()?;
    let object = value.as_object_mut()?;
    let foreign: Vec<String> = object
        .keys()
        .filter(|key| {
            crate::source::is_type_keyword(key) && !crate::source::keyword_applies_to(typ, key)
        })
        .cloned()
        .collect();
    if foreign.is_empty() {
        return None;
    }
    for key in &foreign {
        object.remove(key);
    }
    let typed: Schema = serde_json::from_value(value).ok()?;
    matches!(typed.schema_kind, SchemaKind::Type(_)).then_some((typed, foreign))
}

/// Whether an `enum: []` appears anywhere in the document. Most documents have none, and then no schema needs
/// its raw JSON looked up by pointer to warn about one (a lookup per schema was a tenth of lowering Graph beta).
/// Iterative, like every walk a document drives.
pub(super) fn has_empty_enum(raw: &serde_json::Value) -> bool {
    let mut stack = vec![raw];
    while let Some(value) = stack.pop() {
        match value {
            serde_json::Value::Object(members) => {
                if members
                    .get("enum")
                    .and_then(serde_json::Value::as_array)
                    .is_some_and(Vec::is_empty)
                {
                    return true;
                }
                stack.extend(members.values());
            }
            serde_json::Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    false
}

/// The keyword that keeps a schema from having a Rust type, and why, for the warning that types it as a JSON value.
fn unmodelled(schema: &Schema) -> (&'static str, &'static str) {
    let SchemaKind::Any(any) = &schema.schema_kind else {
        return ("not", "`not` excludes values, which no Rust type can say");
    };
    if any.not.is_some() {
        ("not", "`not` excludes values, which no Rust type can say")
    } else if !any.any_of.is_empty() && !any.properties.is_empty() {
        (
            "anyOf",
            "`anyOf` beside `properties` (each member adding to the object) is not modelled",
        )
    } else if !any.one_of.is_empty() && !any.properties.is_empty() {
        (
            "oneOf",
            "`oneOf` beside `properties` (each member adding to the object) is not modelled",
        )
    } else if !any.all_of.is_empty() {
        (
            "allOf",
            "`allOf` beside `anyOf`/`oneOf` in the same schema is not modelled",
        )
    } else {
        (
            "type",
            "this combination of `type` and keywords is not modelled",
        )
    }
}
