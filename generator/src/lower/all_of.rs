//! `allOf`: one member that carries the shape with others that only annotate it is that member's type; otherwise
//! the object members are merged into one object, following references and skipping cycles, and a property two
//! members define differently is a warning and a JSON value.

use openapiv3::{
    AdditionalProperties, AnySchema, ReferenceOr, Schema, SchemaData, SchemaKind, Type,
};

use super::intersection::{disagreement, intersect};
use super::refs::Target;
use super::union::UnionKeyword;
use super::{Lowerer, Shape, MAX_REF_HOPS};
use crate::diagnostics::pointer_join;
use crate::ir::{Primitive, TypeRef};

impl<'a> Lowerer<'a> {
    /// The object merged from the `allOf` members of the schema at `pointer` (beside what `parts` already holds),
    /// or a JSON value with a warning when a member is not an object.
    pub(super) fn merged_all_of_shape(
        &mut self,
        members: &[ReferenceOr<Schema>],
        mut parts: ObjectParts,
        name_hint: &str,
        pointer: &str,
    ) -> Shape {
        if self.collect_all_of(members, &mut parts, pointer, pointer, 0) {
            self.merged_object_shape(parts, name_hint, pointer)
        } else if let Some(shape) = self.distributed_all_of(members, name_hint, pointer) {
            shape
        } else if let Some(shape) = self.scalar_all_of(members, name_hint, pointer) {
            shape
        } else {
            self.warn(
                pointer,
                "this allOf combines members that are not all objects and not all of one scalar type; it is \
                 typed as a JSON value",
            );
            Shape::Existing(TypeRef::Primitive(Primitive::Json))
        }
    }

    /// `allOf: [Base, {oneOf: [A, B]}]` is `oneOf: [{allOf: [Base, A]}, {allOf: [Base, B]}]`: a union of the
    /// merged objects, each variant with the other members' properties. One union member at most; its
    /// discriminator stays with it.
    fn distributed_all_of(
        &mut self,
        members: &[ReferenceOr<Schema>],
        name_hint: &str,
        pointer: &str,
    ) -> Option<Shape> {
        if self.distributing {
            return None;
        }
        let mut found = None;
        for (index, member) in members.iter().enumerate() {
            let schema = match member {
                ReferenceOr::Reference { reference } => self.schema_at(reference).ok()?,
                ReferenceOr::Item(schema) => Target::Borrowed(schema),
            };
            let (variants, keyword) = match &schema.schema_kind {
                SchemaKind::OneOf { one_of } => (one_of.clone(), UnionKeyword::OneOf),
                SchemaKind::AnyOf { any_of } => (any_of.clone(), UnionKeyword::AnyOf),
                SchemaKind::Any(any)
                    if any.properties.is_empty()
                        && any.all_of.is_empty()
                        && any.one_of.is_empty() != any.any_of.is_empty() =>
                {
                    match any.one_of.is_empty() {
                        false => (any.one_of.clone(), UnionKeyword::OneOf),
                        true => (any.any_of.clone(), UnionKeyword::AnyOf),
                    }
                }
                _ => continue,
            };
            if found.is_some() {
                return None;
            }
            // The variants are read where the document writes them: under the member, or in the referenced schema.
            let union_pointer = match member {
                ReferenceOr::Reference { reference } => reference.clone(),
                ReferenceOr::Item(_) => pointer_join(pointer, &["allOf", &index.to_string()]),
            };
            found = Some((
                index,
                variants,
                keyword,
                schema.schema_data.discriminator.clone(),
                union_pointer,
            ));
        }
        let (index, variants, keyword, discriminator, union_pointer) = found?;
        let others: Vec<ReferenceOr<Schema>> = members
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != index)
            .map(|(_, m)| m.clone())
            .collect();
        let distributed: Vec<ReferenceOr<Schema>> = variants
            .into_iter()
            .map(|variant| {
                let mut all_of = others.clone();
                all_of.push(variant);
                ReferenceOr::Item(Schema {
                    schema_data: SchemaData::default(),
                    schema_kind: SchemaKind::AllOf { all_of },
                })
            })
            .collect();
        let union_schema = Schema {
            schema_data: SchemaData {
                discriminator,
                ..SchemaData::default()
            },
            schema_kind: SchemaKind::Any(AnySchema::default()),
        };
        self.distributing = true;
        let shape = match keyword {
            UnionKeyword::OneOf => self.union_shape(
                &distributed,
                keyword,
                &union_schema,
                name_hint,
                &union_pointer,
            ),
            UnionKeyword::AnyOf => {
                self.any_of_shape(&distributed, &union_schema, name_hint, &union_pointer)
            }
        };
        self.distributing = false;
        Some(shape)
    }

    /// `allOf: [{$ref: Scope}, {type: string, description: …}]`: members that are all of one scalar type meet in
    /// their intersection. When that is the referenced schema itself (the other members only restate its type and
    /// document it), the property keeps the referenced type.
    fn scalar_all_of(
        &mut self,
        members: &[ReferenceOr<Schema>],
        name_hint: &str,
        pointer: &str,
    ) -> Option<Shape> {
        let mut resolved = Vec::with_capacity(members.len());
        for member in members {
            let schema = match member {
                ReferenceOr::Reference { reference } => {
                    self.schema_at(reference).ok()?.into_owned()
                }
                ReferenceOr::Item(schema) => schema.clone(),
            };
            resolved.push(ReferenceOr::Item(Box::new(schema)));
        }
        let mut merged = resolved.first()?.clone();
        for next in &resolved[1..] {
            merged = intersect(&merged, next)?;
        }
        let ReferenceOr::Item(merged) = merged else {
            return None;
        };
        if matches!(
            merged.schema_kind,
            SchemaKind::Type(Type::Object(_) | Type::Array(_)) | SchemaKind::Any(_)
        ) {
            return None;
        }
        let references: Vec<usize> = (0..members.len())
            .filter(|index| matches!(members[*index], ReferenceOr::Reference { .. }))
            .collect();
        if let [index] = references[..] {
            let ReferenceOr::Item(target) = &resolved[index] else {
                return None;
            };
            if target.schema_kind == merged.schema_kind {
                let member_pointer = pointer_join(pointer, &["allOf", &index.to_string()]);
                return Some(Shape::Existing(self.lower_schema(
                    &members[index],
                    name_hint,
                    &member_pointer,
                )));
            }
        }
        Some(self.schema_shape(&merged, name_hint, pointer))
    }

    /// Adds the object parts of every `allOf` member to `parts`; false when a member is not object-like. `pointer`
    /// is where diagnostics point; `origin` is where the members are in the document (inside the target of a
    /// reference when they were reached through one), which becomes the pointer of each merged property.
    fn collect_all_of(
        &mut self,
        members: &[ReferenceOr<Schema>],
        parts: &mut ObjectParts,
        pointer: &str,
        origin: &str,
        depth: usize,
    ) -> bool {
        if depth > MAX_REF_HOPS {
            self.error(
                pointer,
                format!(
                    "allOf members nest deeper than {MAX_REF_HOPS} levels (a cycle through allOf?)"
                ),
            );
            return false;
        }
        if depth == 0 {
            self.all_of_chain = vec![pointer.to_owned()];
        }
        for (index, member) in members.iter().enumerate() {
            let member_pointer = pointer_join(pointer, &["allOf", &index.to_string()]);
            let member_origin = match member {
                ReferenceOr::Item(_) => pointer_join(origin, &["allOf", &index.to_string()]),
                ReferenceOr::Reference { reference } => reference.clone(),
            };
            let schema = match member {
                ReferenceOr::Item(schema) => Target::Borrowed(schema),
                ReferenceOr::Reference { reference } if self.all_of_chain.contains(reference) => {
                    self.warn(&member_pointer, format!("`$ref: {reference}` leads back to a schema this allOf is already merging; the cycle adds nothing and is skipped"));
                    continue;
                }
                ReferenceOr::Reference { reference } => {
                    match self.schema_at(reference) {
                        Ok(schema) => {
                            self.all_of_chain.push(reference.clone());
                            schema
                        }
                        Err(_) => {
                            self.error(&member_pointer, format!("`$ref: {reference}` does not point to a schema in this document"));
                            return false;
                        }
                    }
                }
            };
            let object_like = match &schema.schema_kind {
                SchemaKind::Type(Type::Object(object)) => {
                    parts.add_object(
                        &object.properties,
                        &object.required,
                        object.additional_properties.as_ref(),
                        &member_origin,
                    );
                    true
                }
                SchemaKind::AllOf { all_of } => {
                    self.collect_all_of(all_of, parts, &member_pointer, &member_origin, depth + 1)
                }
                SchemaKind::Any(any)
                    if any.one_of.is_empty() && any.any_of.is_empty() && any.not.is_none() =>
                {
                    let typed_otherwise = any.typ.as_deref().is_some_and(|t| t != "object");
                    parts.add_object(
                        &any.properties,
                        &any.required,
                        any.additional_properties.as_ref(),
                        &member_origin,
                    );
                    !typed_otherwise
                        && self.collect_all_of(
                            &any.all_of,
                            parts,
                            &member_pointer,
                            &member_origin,
                            depth + 1,
                        )
                }
                _ => false,
            };
            if let ReferenceOr::Reference { .. } = member {
                self.all_of_chain.pop();
            }
            if !object_like {
                return false;
            }
        }
        true
    }

    pub(super) fn merged_object_shape(
        &mut self,
        parts: ObjectParts,
        name_hint: &str,
        pointer: &str,
    ) -> Shape {
        let mut properties = parts.properties;
        let mut conflicts = Vec::new();
        // Two members that disagree only through a reference (a referenced schema and an inline one narrowing it)
        // meet once the reference is read; the property then gets the narrowed schema inline.
        for conflict in parts.conflicts {
            let resolved =
                [&conflict.first_schema, &conflict.second_schema].map(|schema| match schema {
                    ReferenceOr::Reference { reference } => self
                        .schema_at(reference.as_str())
                        .ok()
                        .map(|target| ReferenceOr::Item(Box::new(target.into_owned()))),
                    item => Some(item.clone()),
                });
            match resolved {
                [Some(a), Some(b)] => match intersect(&a, &b) {
                    Some(merged) => {
                        properties.insert(conflict.name.clone(), merged);
                    }
                    None => conflicts.push((disagreement(&a, &b), conflict)),
                },
                _ => conflicts.push(("a reference cannot be followed".to_owned(), conflict)),
            }
        }
        for (reason, conflict) in &conflicts {
            self.warn(
                &pointer_join(pointer, &["allOf"]),
                format!(
                    "allOf members define the property `{}` differently (at {} and at {}) and the two cannot be \
                     merged: {reason}; it is typed as a JSON value",
                    conflict.name, conflict.first, conflict.second
                ),
            );
        }
        for (_, conflict) in &conflicts {
            properties.insert(
                conflict.name.clone(),
                ReferenceOr::Item(Box::new(json_schema())),
            );
        }
        let additional = parts.additional;
        if properties.is_empty() && additional.is_none() {
            // Only documentation members: an object of any shape.
            return Shape::Existing(TypeRef::Primitive(Primitive::Json));
        }
        self.object_shape(
            &properties,
            &parts.required,
            additional.as_ref(),
            name_hint,
            pointer,
            Some(&parts.origins),
        )
    }
}

/// The object parts of a schema merged from `allOf` members: properties in first-seen order (a property several
/// members define is the intersection of their schemas), required names and extra properties from all of them,
/// and the properties two members define in contradicting ways.
#[derive(Default)]
pub(super) struct ObjectParts {
    properties: indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
    required: Vec<String>,
    additional: Option<AdditionalProperties>,
    conflicts: Vec<Conflict>,
    /// Where each property is defined in the document, by name.
    origins: indexmap::IndexMap<String, String>,
}

impl ObjectParts {
    pub(super) fn add_object(
        &mut self,
        properties: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: Option<&AdditionalProperties>,
        origin: &str,
    ) {
        for (name, property) in properties {
            let here = pointer_join(origin, &["properties", name]);
            match self.properties.get(name) {
                None => {
                    self.properties.insert(name.clone(), property.clone());
                    self.origins.insert(name.clone(), here);
                }
                Some(existing) => match intersect(existing, property) {
                    Some(merged) => {
                        self.properties.insert(name.clone(), merged);
                    }
                    None if !self.conflicts.iter().any(|c| c.name == *name) => {
                        self.conflicts.push(Conflict {
                            name: name.clone(),
                            first: self.origins.get(name).cloned().unwrap_or_default(),
                            second: here,
                            first_schema: existing.clone(),
                            second_schema: property.clone(),
                        });
                    }
                    None => {}
                },
            }
        }
        for name in required {
            if !self.required.contains(name) {
                self.required.push(name.clone());
            }
        }
        if self.additional.is_none() {
            self.additional = additional.cloned();
        }
    }
}

/// A property two `allOf` members define in ways no value satisfies as written, with both places and schemas.
struct Conflict {
    name: String,
    first: String,
    second: String,
    first_schema: ReferenceOr<Box<Schema>>,
    second_schema: ReferenceOr<Box<Schema>>,
}

/// A schema that accepts any JSON value.
fn json_schema() -> Schema {
    Schema {
        schema_data: Default::default(),
        schema_kind: SchemaKind::Any(Default::default()),
    }
}

/// The index of the one member of an `allOf` that carries a shape, when every other member only annotates it
/// (description, title, nullable, readOnly, writeOnly, deprecated, default, example: no type and no keyword that
/// constrains a value).
pub(super) fn sole_shaped_member(members: &[ReferenceOr<Schema>]) -> Option<usize> {
    let mut shaped = members
        .iter()
        .enumerate()
        .filter(|(_, member)| !is_annotation(member));
    let (index, _) = shaped.next()?;
    shaped.next().is_none().then_some(index)
}

/// A member that says something about a value but does not constrain it.
fn is_annotation(member: &ReferenceOr<Schema>) -> bool {
    matches!(member, ReferenceOr::Item(schema)
        if matches!(&schema.schema_kind, SchemaKind::Any(any) if *any == AnySchema::default()))
}

/// What the annotating members of an `allOf` say, when the `allOf` has one member that carries the shape (see
/// `sole_shaped_member`); nothing otherwise.
pub(super) fn annotations(schema: &Schema) -> impl Iterator<Item = &SchemaData> {
    let members: &[ReferenceOr<Schema>] = match &schema.schema_kind {
        SchemaKind::AllOf { all_of } if sole_shaped_member(all_of).is_some() => all_of,
        _ => &[],
    };
    members.iter().filter_map(|member| match member {
        ReferenceOr::Item(schema) if is_annotation(member) => Some(&schema.schema_data),
        _ => None,
    })
}
