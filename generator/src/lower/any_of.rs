//! `anyOf`: a value may match several members at once, so members that are all objects become one struct with
//! every member's properties (required where every member requires them), and nothing a matching member carries
//! is lost, as it would be by an untagged enum that stops at the first member that decodes. Members that pin a
//! tag, conflict on a property, or are not all objects stay a union (`union.rs`).

use openapiv3::{ReferenceOr, Schema, Type};

use super::intersection::implied_type;
use super::union::UnionKeyword;
use super::{Lowerer, Shape};
use crate::diagnostics::pointer_join;

impl Lowerer<'_> {
    pub(super) fn any_of_shape(
        &mut self,
        members: &[ReferenceOr<Schema>],
        schema: &Schema,
        name_hint: &str,
        pointer: &str,
    ) -> Shape {
        if schema.schema_data.discriminator.is_none() {
            if let Some(shape) = self.merged_any_of(members, name_hint, pointer) {
                return shape;
            }
        }
        self.union_shape(members, UnionKeyword::AnyOf, schema, name_hint, pointer)
    }

    /// The one struct of an `anyOf` of objects, or `None` when the members are not all objects, pin a tag each,
    /// or define a property differently.
    fn merged_any_of(
        &mut self,
        members: &[ReferenceOr<Schema>],
        name_hint: &str,
        pointer: &str,
    ) -> Option<Shape> {
        // Cheap refusals first: most `anyOf`s in real documents mix a scalar with an object (Stripe's expandable
        // fields), and those are decided by the first member that is plainly not an object.
        let plainly_not_object = |schema: &Schema| matches!(&schema.schema_kind, openapiv3::SchemaKind::Type(typ) if !matches!(typ, Type::Object(_)));
        if members.len() < 2
            || members.iter().any(|member| match member {
                ReferenceOr::Item(schema) => plainly_not_object(schema),
                ReferenceOr::Reference { reference } => self
                    .schema_at(reference)
                    .map_or(true, |schema| plainly_not_object(&schema)),
            })
            || self.inferred_tag(members).is_some()
        {
            return None;
        }
        let mut properties: indexmap::IndexMap<String, ReferenceOr<Box<Schema>>> =
            indexmap::IndexMap::new();
        let mut origins: indexmap::IndexMap<String, String> = indexmap::IndexMap::new();
        let mut required_by_all: Option<Vec<String>> = None;
        let mut additional = None;
        for (index, member) in members.iter().enumerate() {
            let (schema, origin) = match member {
                ReferenceOr::Reference { reference } => (
                    self.schema_at(reference).ok()?.into_owned(),
                    reference.clone(),
                ),
                ReferenceOr::Item(schema) => (
                    schema.clone(),
                    pointer_join(pointer, &["anyOf", &index.to_string()]),
                ),
            };
            let Some(Type::Object(object)) = implied_type(&schema.schema_kind, Some("object"))
            else {
                return None;
            };
            if object.properties.is_empty() && object.additional_properties.is_none() {
                return None;
            }
            for (name, property) in &object.properties {
                match properties.get(name) {
                    Some(existing) if !same_values(existing, property) => return None,
                    Some(_) => {}
                    None => {
                        properties.insert(name.clone(), property.clone());
                        origins.insert(name.clone(), pointer_join(&origin, &["properties", name]));
                    }
                }
            }
            required_by_all = Some(match required_by_all {
                None => object.required.clone(),
                Some(required) => required
                    .into_iter()
                    .filter(|name| object.required.contains(name))
                    .collect(),
            });
            match (&additional, &object.additional_properties) {
                (None, Some(extra)) if index == 0 => additional = Some(extra.clone()),
                (Some(kept), Some(extra)) if kept == extra => {}
                (None, None) => {}
                _ => return None,
            }
        }
        let required = required_by_all.unwrap_or_default();
        Some(self.object_shape(
            &properties,
            &required,
            additional.as_ref(),
            name_hint,
            pointer,
            Some(&origins),
        ))
    }
}

/// Whether two property schemas accept the same values (their prose aside).
fn same_values(a: &ReferenceOr<Box<Schema>>, b: &ReferenceOr<Box<Schema>>) -> bool {
    let plain = |schema: &ReferenceOr<Box<Schema>>| match schema {
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
    plain(a) == plain(b)
}
