//! The one traversal of the IR: every edge from a type definition or an operation to the type references it
//! holds, each with its kind, and every named type inside a reference with how it is held.
//!
//! Every analysis of the type graph (reachability, request and response usage, boxing of containment cycles,
//! the layout of a crate split by tag, the dependencies a crate needs) reads the graph through these functions, so
//! none of them can forget an edge: a new place that holds a type is added here once. Nothing here recurses, so a
//! document cannot nest types deep enough to overflow the stack.

use super::{Api, Operation, Primitive, Response, TypeDef, TypeId, TypeKind, TypeRef};

/// What holds a type reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Edge {
    /// A field of a struct.
    Field,
    /// The value of a struct's extra properties.
    AdditionalProperties,
    /// A variant of a union.
    Variant,
    /// The type an alias stands for.
    Alias,
    /// A parameter of an operation.
    Parameter,
    /// The request body of an operation.
    RequestBody,
    /// The body every success status of an operation returns.
    Success,
    /// The body of one success status, when the statuses return different bodies.
    SuccessByStatus,
    /// The body every error status of an operation returns.
    Error,
    /// The body of one error status, when error shapes differ by status.
    ErrorByStatus,
}

impl Edge {
    /// The edge carries what the client sends.
    pub fn is_request(self) -> bool {
        matches!(self, Edge::Parameter | Edge::RequestBody)
    }

    /// The edge carries what the client receives.
    pub fn is_response(self) -> bool {
        matches!(
            self,
            Edge::Success | Edge::SuccessByStatus | Edge::Error | Edge::ErrorByStatus
        )
    }
}

/// How a named type sits inside a type reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Holding {
    /// The reference is the type itself: its value is stored in place.
    ByValue,
    /// Inside an array or a map, which allocate.
    InCollection,
}

/// Calls `visit` with every type reference a type definition holds, in definition order.
pub fn type_edges(def: &TypeDef, mut visit: impl FnMut(Edge, &TypeRef)) {
    match &def.kind {
        TypeKind::Struct(data) => {
            for field in &data.fields {
                visit(Edge::Field, &field.ty);
            }
            if let Some(extra) = &data.additional_properties {
                visit(Edge::AdditionalProperties, &extra.value);
            }
        }
        TypeKind::Union(union) => {
            for variant in &union.variants {
                visit(Edge::Variant, &variant.ty);
            }
        }
        TypeKind::Alias(target) => visit(Edge::Alias, target),
        TypeKind::Enum(_) => {}
    }
}

/// Calls `visit` with every named type a type definition mentions, with the edge and how the type is held. The
/// values of extra properties live in a map, so they are never held by value.
pub fn named_children(def: &TypeDef, mut visit: impl FnMut(Edge, TypeId, Holding)) {
    type_edges(def, |edge, ty| {
        ty.for_each_named(|id, holding| {
            let holding = match edge {
                Edge::AdditionalProperties => Holding::InCollection,
                _ => holding,
            };
            visit(edge, id, holding)
        })
    });
}

/// Calls `visit` with every type reference an operation holds: parameters, body, and the JSON bodies of its
/// responses, shared and by status.
pub fn operation_edges(operation: &Operation, mut visit: impl FnMut(Edge, &TypeRef)) {
    for parameter in &operation.parameters {
        visit(Edge::Parameter, &parameter.ty);
    }
    if let Some(body) = &operation.body {
        visit(Edge::RequestBody, &body.ty);
    }
    if let Some(ty) = operation.success.value_type() {
        visit(Edge::Success, ty);
    }
    if let Some(ty) = &operation.error_body {
        visit(Edge::Error, ty);
    }
    let by_status = [
        (Edge::SuccessByStatus, &operation.success_by_status),
        (Edge::ErrorByStatus, &operation.error_by_status),
    ];
    for (edge, statuses) in by_status {
        for variant in statuses.iter().flat_map(|statuses| &statuses.variants) {
            if let Some(ty) = variant.body.value_type() {
                visit(edge, ty);
            }
        }
    }
}

/// Calls `visit` with every type reference of the API, to change it: the references `type_edges` and
/// `operation_edges` visit, a pagination's item (a type the success body holds) and a webhook's payload. Kept
/// beside the two so that a new place that holds a type is added to all three.
pub fn for_each_type_ref_mut(api: &mut Api, mut visit: impl FnMut(&mut TypeRef)) {
    for def in &mut api.types {
        match &mut def.kind {
            TypeKind::Struct(data) => {
                for field in &mut data.fields {
                    visit(&mut field.ty);
                }
                if let Some(extra) = &mut data.additional_properties {
                    visit(&mut extra.value);
                }
            }
            TypeKind::Union(union) => {
                for variant in &mut union.variants {
                    visit(&mut variant.ty);
                }
            }
            TypeKind::Alias(target) => visit(target),
            TypeKind::Enum(_) => {}
        }
    }
    for operation in &mut api.operations {
        for parameter in &mut operation.parameters {
            visit(&mut parameter.ty);
        }
        if let Some(body) = &mut operation.body {
            visit(&mut body.ty);
        }
        let by_status = [
            &mut operation.success_by_status,
            &mut operation.error_by_status,
        ];
        let status_bodies = by_status
            .into_iter()
            .flatten()
            .flat_map(|statuses| &mut statuses.variants)
            .map(|variant| &mut variant.body);
        for response in std::iter::once(&mut operation.success).chain(status_bodies) {
            if let Response::Json(ty) | Response::Stream { item: ty, .. } = response {
                visit(ty);
            }
        }
        if let Some(ty) = &mut operation.error_body {
            visit(ty);
        }
        if let Some(pagination) = &mut operation.pagination {
            visit(&mut pagination.item);
        }
    }
    for webhook in &mut api.webhooks {
        visit(&mut webhook.payload);
    }
}

impl TypeRef {
    /// Calls `visit` with every named type this reference mentions, to change it.
    pub fn for_each_named_mut(&mut self, mut visit: impl FnMut(&mut TypeId)) {
        let mut pending = vec![self];
        while let Some(current) = pending.pop() {
            match current {
                TypeRef::Named(id) => visit(id),
                TypeRef::Array(inner) | TypeRef::Map(inner) => pending.push(inner),
                TypeRef::Tuple(members) => pending.extend(members.iter_mut()),
                TypeRef::Primitive(_) => {}
            }
        }
    }

    /// Calls `visit` with every named type this reference mentions, directly or through arrays, maps and tuples.
    pub fn for_each_named(&self, mut visit: impl FnMut(TypeId, Holding)) {
        // A tuple holds its members by value, so a tuple member can close a containment cycle as a field can.
        let mut pending = vec![(self, Holding::ByValue)];
        while let Some((current, holding)) = pending.pop() {
            match current {
                TypeRef::Named(id) => visit(*id, holding),
                TypeRef::Array(inner) | TypeRef::Map(inner) => {
                    pending.push((inner, Holding::InCollection))
                }
                TypeRef::Tuple(members) => {
                    pending.extend(members.iter().rev().map(|member| (member, holding)))
                }
                TypeRef::Primitive(_) => {}
            }
        }
    }

    /// Whether this reference is or holds `primitive`, through arrays, maps and tuples (not named types).
    pub fn holds_primitive(&self, primitive: Primitive) -> bool {
        let mut pending = vec![self];
        while let Some(current) = pending.pop() {
            match current {
                TypeRef::Primitive(found) if *found == primitive => return true,
                TypeRef::Array(inner) | TypeRef::Map(inner) => pending.push(inner),
                TypeRef::Tuple(members) => pending.extend(members),
                TypeRef::Primitive(_) | TypeRef::Named(_) => {}
            }
        }
        false
    }
}

/// A set of types of one API, by id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeSet {
    members: Vec<bool>,
}

impl TypeSet {
    pub fn contains(&self, id: TypeId) -> bool {
        self.members.get(id.0).copied().unwrap_or(false)
    }

    /// The members, in id order.
    pub fn iter(&self) -> impl Iterator<Item = TypeId> + '_ {
        self.members
            .iter()
            .enumerate()
            .filter(|(_, member)| **member)
            .map(|(index, _)| TypeId(index))
    }
}

impl Api {
    /// Every type reachable from `roots` through the edges of type definitions, the roots included.
    pub fn reachable(&self, roots: impl IntoIterator<Item = TypeId>) -> TypeSet {
        let mut members = vec![false; self.types.len()];
        let mut pending: Vec<TypeId> = roots.into_iter().collect();
        while let Some(id) = pending.pop() {
            if std::mem::replace(&mut members[id.0], true) {
                continue;
            }
            named_children(self.type_def(id), |_, named, _| {
                if !members[named.0] {
                    pending.push(named);
                }
            });
        }
        TypeSet { members }
    }

    /// Every type reachable from the edges of `operations` that `follow` accepts.
    pub fn reachable_from_operations<'o>(
        &self,
        operations: impl IntoIterator<Item = &'o Operation>,
        mut follow: impl FnMut(Edge) -> bool,
    ) -> TypeSet {
        let mut roots = Vec::new();
        for operation in operations {
            operation_edges(operation, |edge, ty| {
                if follow(edge) {
                    ty.for_each_named(|id, _| roots.push(id));
                }
            });
        }
        self.reachable(roots)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mutable_walk_visits_what_the_edges_visit() {
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        for fixture in [
            "pagination.yaml",
            "responses.yaml",
            "one_of.yaml",
            "openapi31.yaml",
        ] {
            let mut api = crate::lower_file(&fixtures.join(fixture))
                .expect("the fixture lowers")
                .api;
            let mut expected = Vec::new();
            for def in &api.types {
                type_edges(def, |_, ty| expected.push(ty.clone()));
            }
            for operation in &api.operations {
                operation_edges(operation, |_, ty| expected.push(ty.clone()));
                expected.extend(operation.pagination.iter().map(|p| p.item.clone()));
            }
            expected.extend(api.webhooks.iter().map(|w| w.payload.clone()));
            let mut visited = Vec::new();
            for_each_type_ref_mut(&mut api, |ty| visited.push(ty.clone()));
            expected.sort();
            visited.sort();
            assert_eq!(visited, expected, "{fixture}");
        }
    }
}
