//! `allOf`: the object members of an `allOf` merged into one object, following references and skipping cycles; a
//! property two members define differently is a warning and a JSON value.

use std::borrow::Cow;

use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};

use super::{Lowerer, Shape, MAX_REF_HOPS};
use crate::diagnostics::pointer_join;
use crate::ir::{Primitive, TypeRef};

impl<'a> Lowerer<'a> {
    /// Adds the object parts of every `allOf` member to `parts`; false when a member is not object-like.
    pub(super) fn collect_all_of(
        &mut self,
        members: &[ReferenceOr<Schema>],
        parts: &mut ObjectParts,
        pointer: &str,
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
            let schema = match member {
                ReferenceOr::Item(schema) => Cow::Borrowed(schema),
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
                    );
                    true
                }
                SchemaKind::AllOf { all_of } => {
                    self.collect_all_of(all_of, parts, &member_pointer, depth + 1)
                }
                SchemaKind::Any(any)
                    if any.one_of.is_empty() && any.any_of.is_empty() && any.not.is_none() =>
                {
                    let typed_otherwise = any.typ.as_deref().is_some_and(|t| t != "object");
                    parts.add_object(
                        &any.properties,
                        &any.required,
                        any.additional_properties.as_ref(),
                    );
                    !typed_otherwise
                        && self.collect_all_of(&any.all_of, parts, &member_pointer, depth + 1)
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
        for name in &parts.conflicts {
            self.warn(
                &pointer_join(pointer, &["allOf"]),
                format!("allOf members define the property `{name}` differently; it is typed as a JSON value"),
            );
        }
        let mut properties = parts.properties;
        for name in &parts.conflicts {
            properties.insert(name.clone(), ReferenceOr::Item(Box::new(json_schema())));
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
        )
    }
}

/// The object parts of a schema merged from `allOf` members: properties in first-seen order, required names and
/// extra properties from all of them, and the names two members define differently.
#[derive(Default)]
pub(super) struct ObjectParts {
    properties: indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
    required: Vec<String>,
    additional: Option<AdditionalProperties>,
    conflicts: Vec<String>,
}

impl ObjectParts {
    pub(super) fn add_object(
        &mut self,
        properties: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: Option<&AdditionalProperties>,
    ) {
        for (name, property) in properties {
            match self.properties.get(name) {
                None => {
                    self.properties.insert(name.clone(), property.clone());
                }
                Some(existing) if same_shape(existing, property) => {}
                Some(_) => {
                    if !self.conflicts.contains(name) {
                        self.conflicts.push(name.clone());
                    }
                }
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

/// Whether two property schemas describe the same values (ignoring their prose).
fn same_shape(a: &ReferenceOr<Box<Schema>>, b: &ReferenceOr<Box<Schema>>) -> bool {
    let strip = |schema: &ReferenceOr<Box<Schema>>| match schema {
        ReferenceOr::Item(schema) => {
            let mut schema = schema.clone();
            schema.schema_data.description = None;
            schema.schema_data.title = None;
            schema.schema_data.example = None;
            schema.schema_data.extensions.clear();
            ReferenceOr::Item(schema)
        }
        reference => reference.clone(),
    };
    strip(a) == strip(b)
}

/// A schema that accepts any JSON value.
fn json_schema() -> Schema {
    Schema {
        schema_data: Default::default(),
        schema_kind: SchemaKind::Any(Default::default()),
    }
}
