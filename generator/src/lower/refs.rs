//! References: following a `$ref` to what it names. Schema references become types (a component by name, any
//! other local pointer lowered once under a name made from it); parameter, body and response references are read
//! as their targets.

use std::ops::Deref;
use std::rc::Rc;

use indexmap::IndexMap;
use openapiv3::{ReferenceOr, Schema};

use super::{schema_doc, Lowerer, Shape, MAX_REF_HOPS};
use crate::diagnostics::{component_name, component_schema_name, reference_pointer};
use crate::ir::{Primitive, TypeKind, TypeRef};
use crate::naming::reference_name_hint;
use crate::source::ReadDirect;

impl<'a> Lowerer<'a> {
    /// Resolves a schema `$ref`: a component by name, or any other local JSON pointer that holds a schema.
    pub(super) fn schema_reference(&mut self, reference: &str, pointer: &str) -> TypeRef {
        if let Some(name) = component_schema_name(reference) {
            if let Some(id) = self.component_types.get(name.as_str()) {
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
        let schema = match self.read_target::<Schema>(reference) {
            Ok(schema) => schema,
            // A target outside the places the model reads (a schema's own `definitions`, say) was never checked
            // when the document was loaded; one that is not a schema costs its type, not the whole document.
            Err(RefProblem::WrongKind(error)) => {
                self.warn(pointer, format!("`$ref: {reference}` does not point to a valid schema ({error}); it is typed as a JSON value until the target is fixed"));
                return TypeRef::Primitive(Primitive::Json);
            }
            Err(_) => {
                self.error(pointer, format!("`$ref: {reference}` points to nothing in this document; fix the reference or add the schema"));
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

    /// The schema a `$ref` points to, following references: a component by name, or any local JSON pointer.
    /// Components are borrowed from the model; only a pointer elsewhere is read out of the raw document.
    pub(super) fn schema_at(&self, reference: &str) -> Result<Target<'a, Schema>, BrokenRef> {
        let components = self.document.components.as_ref();
        self.follow(reference, |reference| {
            components?.schemas.get(&component_schema_name(reference)?)
        })
        .map(|followed| followed.target)
    }

    /// Follows a `$ref` of a parameter, request body or response to its target, anywhere in the document.
    /// `section` is where such objects belong (`parameters`); a reference elsewhere still resolves, with a warning.
    /// Components are borrowed from the model: Microsoft Graph refers to the same few responses and parameters
    /// from tens of thousands of operations, and reading each out of the raw document again took seconds.
    pub(super) fn resolve<'i, T: Component>(
        &mut self,
        item: &'i ReferenceOr<T>,
        section: &str,
        pointer: &str,
    ) -> Option<Target<'i, T>>
    where
        'a: 'i,
    {
        let reference = match item {
            ReferenceOr::Item(item) => return Some(Target::Borrowed(item)),
            ReferenceOr::Reference { reference } => reference,
        };
        let kind = match section {
            "requestBodies" => "request body",
            "pathItems" => "path item",
            other => other.trim_end_matches('s'),
        };
        let components = self.document.components.as_ref();
        let result = self.follow::<T>(reference, |reference| {
            T::in_components(components?)?.get(&component_name(reference, section)?)
        });
        let hops = match &result {
            Ok(followed) => &followed.hops,
            Err(broken) => &broken.hops,
        };
        let home = format!("#/components/{section}/");
        for hop in hops.iter().filter(|hop| !hop.starts_with(&home)) {
            self.warn(
                pointer,
                format!(
                    "`$ref: {hop}` points outside components/{section}; it is read as a {kind}"
                ),
            );
        }
        let broken = match result {
            Ok(followed) => return Some(followed.target),
            Err(broken) => broken,
        };
        let reference = &broken.reference;
        let message = match broken.problem {
            RefProblem::NotLocal => format!("`$ref: {reference}` cannot be resolved: only local references (`#/...`) are read; external files and URLs are never fetched"),
            RefProblem::Dangling => format!("`$ref: {reference}` cannot be resolved: it points to nothing in this document"),
            RefProblem::WrongKind(error) => format!("`$ref: {reference}` does not point to a valid {kind}: {error}"),
            RefProblem::TooLong => format!("{kind} references form a cycle or a chain longer than {MAX_REF_HOPS}"),
        };
        self.error(pointer, message);
        None
    }

    /// What one local `$ref` points to, read as a `T` or as another reference. This is the only place that reads
    /// a reference's target out of the document.
    pub(super) fn ref_target<T: ReadDirect>(
        &self,
        reference: &str,
    ) -> Result<ReferenceOr<T>, RefProblem> {
        if !reference.starts_with('#') {
            return Err(RefProblem::NotLocal);
        }
        let path = reference_pointer(reference).ok_or(RefProblem::Dangling)?;
        let target = self.raw.pointer(&path).ok_or(RefProblem::Dangling)?;
        crate::source::reference_or::<T>(target)
            .map_err(|error| RefProblem::WrongKind(error.to_string()))
    }

    /// [`Self::ref_target`], kept by reference and kind once read and shared from then on: DigitalOcean refers
    /// to the same few schemas, responses and parameters inside its paths hundreds of times, and reading one
    /// again, or copying it for each reference, cost a fifth of its lowering.
    fn read_target<T: ReadDirect + 'static>(
        &self,
        reference: &str,
    ) -> Result<ReferenceOr<Rc<T>>, RefProblem> {
        let key = (std::any::TypeId::of::<T>(), reference.to_owned());
        if let Some(read) = self.read_targets.borrow().get(&key) {
            if let Some(read) = read.downcast_ref::<ReferenceOr<Rc<T>>>() {
                return Ok(read.clone());
            }
        }
        let read = match self.ref_target::<T>(reference)? {
            ReferenceOr::Item(item) => ReferenceOr::Item(Rc::new(item)),
            ReferenceOr::Reference { reference } => ReferenceOr::Reference { reference },
        };
        self.read_targets
            .borrow_mut()
            .insert(key, Box::new(read.clone()));
        Ok(read)
    }

    /// Follows `reference` and the references it leads to, at most `MAX_REF_HOPS`, until a `T`. `component`
    /// finds a target in the parsed model, which is borrowed instead of read out of the raw document. The result
    /// says what went wrong; each caller decides whether that is an error, a warning or nothing.
    fn follow<T: ReadDirect + 'static>(
        &self,
        reference: &str,
        component: impl Fn(&str) -> Option<&'a ReferenceOr<T>>,
    ) -> Result<Followed<'a, T>, BrokenRef> {
        let mut hops: Vec<String> = Vec::new();
        let mut reference = reference.to_owned();
        for _ in 0..MAX_REF_HOPS {
            let target = match component(&reference) {
                Some(ReferenceOr::Item(item)) => Target::Borrowed(item),
                Some(ReferenceOr::Reference { reference: next }) => {
                    hops.push(std::mem::replace(&mut reference, next.clone()));
                    continue;
                }
                None => match self.read_target::<T>(&reference) {
                    Ok(ReferenceOr::Item(item)) => Target::Shared(item),
                    Ok(ReferenceOr::Reference { reference: next }) => {
                        hops.push(std::mem::replace(&mut reference, next));
                        continue;
                    }
                    Err(problem) => {
                        if matches!(problem, RefProblem::WrongKind(_)) {
                            hops.push(reference.clone());
                        }
                        return Err(BrokenRef {
                            hops,
                            reference,
                            problem,
                        });
                    }
                },
            };
            hops.push(reference);
            return Ok(Followed { target, hops });
        }
        Err(BrokenRef {
            hops,
            reference,
            problem: RefProblem::TooLong,
        })
    }
}

/// What a `$ref` of a parameter, request body, response or path item resolves to, and where the model keeps the
/// components of its kind.
pub(super) trait Component: ReadDirect + 'static {
    fn in_components(
        components: &openapiv3::Components,
    ) -> Option<&IndexMap<String, ReferenceOr<Self>>>;
}

impl Component for openapiv3::Parameter {
    fn in_components(
        components: &openapiv3::Components,
    ) -> Option<&IndexMap<String, ReferenceOr<Self>>> {
        Some(&components.parameters)
    }
}

impl Component for openapiv3::RequestBody {
    fn in_components(
        components: &openapiv3::Components,
    ) -> Option<&IndexMap<String, ReferenceOr<Self>>> {
        Some(&components.request_bodies)
    }
}

impl Component for openapiv3::Response {
    fn in_components(
        components: &openapiv3::Components,
    ) -> Option<&IndexMap<String, ReferenceOr<Self>>> {
        Some(&components.responses)
    }
}

/// OpenAPI 3.0 has no path item components; a path item reference is always read out of the raw document.
impl Component for openapiv3::PathItem {
    fn in_components(_: &openapiv3::Components) -> Option<&IndexMap<String, ReferenceOr<Self>>> {
        None
    }
}

/// Why a `$ref` could not be followed.
#[derive(Debug)]
pub(super) enum RefProblem {
    /// Not a local reference (`#/...`): external files and URLs are never fetched.
    NotLocal,
    /// The pointer names nothing in this document.
    Dangling,
    /// The target is not the kind of object wanted (the deserializer's message).
    WrongKind(String),
    /// More than `MAX_REF_HOPS` references in a row: a cycle, or a chain no document needs.
    TooLong,
}

/// What a followed `$ref` (or an object written in place) gives: borrowed from the model, or read out of the raw
/// document once and shared by every reference to it.
pub(super) enum Target<'a, T> {
    Borrowed(&'a T),
    Shared(Rc<T>),
}

impl<T> Deref for Target<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        match self {
            Target::Borrowed(target) => target,
            Target::Shared(target) => target,
        }
    }
}

impl<T: Clone> Target<'_, T> {
    /// The target itself, copied only if something else holds it too.
    pub(super) fn into_owned(self) -> T {
        match self {
            Target::Borrowed(target) => target.clone(),
            Target::Shared(target) => Rc::unwrap_or_clone(target),
        }
    }
}

/// A reference followed to its target.
pub(super) struct Followed<'a, T> {
    pub target: Target<'a, T>,
    /// Every reference read on the way, the first included.
    pub hops: Vec<String>,
}

/// A reference that could not be followed.
#[derive(Debug)]
pub(super) struct BrokenRef {
    /// The references read before the problem (the failing one included when its target exists).
    pub hops: Vec<String>,
    /// The reference at which following stopped.
    pub reference: String,
    pub problem: RefProblem,
}
