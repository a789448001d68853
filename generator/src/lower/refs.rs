//! References: following a `$ref` to what it names. Schema references become types (a component by name, any
//! other local pointer lowered once under a name made from it); parameter, body and response references are read
//! as their targets.

use std::borrow::Cow;

use openapiv3::{ReferenceOr, Schema};

use super::{schema_doc, Lowerer, Shape, MAX_REF_HOPS};
use crate::diagnostics::unescape_pointer_token;
use crate::ir::{Primitive, TypeKind, TypeRef};
use crate::naming::reference_name_hint;

impl<'a> Lowerer<'a> {
    /// Resolves a schema `$ref`: a component by name, or any other local JSON pointer that holds a schema.
    pub(super) fn schema_reference(&mut self, reference: &str, pointer: &str) -> TypeRef {
        if let Some(name) = reference
            .strip_prefix("#/components/schemas/")
            .filter(|name| !name.contains('/'))
        {
            if let Some(id) = self
                .component_types
                .get(unescape_pointer_token(name).as_str())
            {
                return TypeRef::Named(*id);
            }
        }
        if reference.starts_with("#/") {
            return self.deep_schema_reference(reference, pointer);
        }
        self.error(
            pointer,
            format!(
                "`$ref: {reference}` is not a local reference (`#/...`); external files and URLs are never fetched, \
                 bundle the document into one file first"
            ),
        );
        TypeRef::Primitive(Primitive::Json)
    }

    /// Resolves a `$ref` that points inside another object (`#/components/schemas/A/properties/b`,
    /// `#/components/parameters/p/schema`): the target is read as a schema and lowered once, under a name made
    /// from its pointer.
    fn deep_schema_reference(&mut self, reference: &str, pointer: &str) -> TypeRef {
        if let Some(known) = self.deep_references.get(reference) {
            return known.clone();
        }
        let Some(target) = self.raw.pointer(&reference[1..]) else {
            self.error(pointer, format!("`$ref: {reference}` points to nothing in this document; fix the reference or add the schema"));
            return TypeRef::Primitive(Primitive::Json);
        };
        let schema: ReferenceOr<Schema> = match serde_json::from_value(target.clone()) {
            Ok(schema) => schema,
            Err(error) => {
                self.error(
                    pointer,
                    format!("`$ref: {reference}` does not point to a schema: {error}"),
                );
                return TypeRef::Primitive(Primitive::Json);
            }
        };
        if self.deep_reference_depth >= MAX_REF_HOPS {
            self.error(
                pointer,
                format!(
                    "`$ref: {reference}` starts a chain of more than {MAX_REF_HOPS} references"
                ),
            );
            return TypeRef::Primitive(Primitive::Json);
        }
        // Reserve the type before lowering the target, so a target that refers back to itself terminates.
        let hint = reference_name_hint(reference);
        let id = self.reserve_type(&hint, reference.to_owned(), reference.to_owned(), None);
        self.deep_references
            .insert(reference.to_owned(), TypeRef::Named(id));
        self.deep_reference_depth += 1;
        let kind = match &schema {
            ReferenceOr::Reference { reference: next } => {
                TypeKind::Alias(self.schema_reference(next, reference))
            }
            ReferenceOr::Item(schema) => {
                self.types[id.0].doc = schema_doc(schema);
                let rust_name = self.types[id.0].rust_name.clone();
                match self.schema_shape(schema, &rust_name, reference) {
                    Shape::Existing(ty) => TypeKind::Alias(ty),
                    Shape::Definition(kind) => kind,
                }
            }
        };
        self.deep_reference_depth -= 1;
        self.types[id.0].kind = kind;
        TypeRef::Named(id)
    }

    /// The schema a `$ref` points to: a component by name, or any local JSON pointer. Components are borrowed
    /// from the model; only a pointer elsewhere is read out of the raw document.
    pub(super) fn schema_at(&self, reference: &str) -> Option<Cow<'a, Schema>> {
        let mut reference = reference.to_owned();
        for _ in 0..MAX_REF_HOPS {
            let target = match self.component_schema(&reference) {
                Some(component) => Cow::Borrowed(component),
                None => {
                    let raw = self.raw.pointer(reference.strip_prefix('#')?)?;
                    Cow::Owned(serde_json::from_value::<ReferenceOr<Schema>>(raw.clone()).ok()?)
                }
            };
            match target {
                Cow::Borrowed(ReferenceOr::Item(schema)) => return Some(Cow::Borrowed(schema)),
                Cow::Owned(ReferenceOr::Item(schema)) => return Some(Cow::Owned(schema)),
                Cow::Borrowed(ReferenceOr::Reference { reference: next }) => {
                    reference.clone_from(next)
                }
                Cow::Owned(ReferenceOr::Reference { reference: next }) => reference = next,
            }
        }
        None
    }

    /// The entry of `components.schemas` that a `#/components/schemas/<name>` reference names.
    fn component_schema(&self, reference: &str) -> Option<&'a ReferenceOr<Schema>> {
        let token = reference.strip_prefix("#/components/schemas/")?;
        if token.contains('/') {
            return None;
        }
        let name = unescape_pointer_token(token);
        self.document.components.as_ref()?.schemas.get(&name)
    }

    /// Follows a `$ref` of a parameter, request body or response to its target, anywhere in the document.
    /// `section` is where such objects belong (`parameters`); a reference elsewhere still resolves, with a warning.
    pub(super) fn resolve<T: serde::de::DeserializeOwned + Clone>(
        &mut self,
        item: &ReferenceOr<T>,
        section: &str,
        pointer: &str,
    ) -> Option<T> {
        let mut reference = match item {
            ReferenceOr::Item(item) => return Some(item.clone()),
            ReferenceOr::Reference { reference } => reference.clone(),
        };
        let kind = match section {
            "requestBodies" => "request body",
            other => other.trim_end_matches('s'),
        };
        for _ in 0..MAX_REF_HOPS {
            let Some(target) = reference
                .strip_prefix('#')
                .and_then(|target| self.raw.pointer(target))
            else {
                let hint = if reference.starts_with('#') {
                    "it points to nothing in this document"
                } else {
                    "only local references (`#/...`) are read; external files and URLs are never fetched"
                };
                self.error(
                    pointer,
                    format!("`$ref: {reference}` cannot be resolved: {hint}"),
                );
                return None;
            };
            if !reference.starts_with(&format!("#/components/{section}/")) {
                self.warn(pointer, format!("`$ref: {reference}` points outside components/{section}; it is read as a {kind}"));
            }
            match serde_json::from_value::<ReferenceOr<T>>(target.clone()) {
                Ok(ReferenceOr::Item(item)) => return Some(item),
                Ok(ReferenceOr::Reference { reference: next }) => reference = next,
                Err(error) => {
                    self.error(
                        pointer,
                        format!("`$ref: {reference}` does not point to a valid {kind}: {error}"),
                    );
                    return None;
                }
            }
        }
        self.error(
            pointer,
            format!("{kind} references form a cycle or a chain longer than {MAX_REF_HOPS}"),
        );
        None
    }
}
