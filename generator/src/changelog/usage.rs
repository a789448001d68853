//! Which types each release sends and receives, which decides whether a change to a schema can break a client:
//! a new required property breaks senders, a removed one breaks readers.

use std::collections::BTreeSet;

use crate::ir::{Api, Response, TypeId, TypeKind, TypeRef};

/// Which types a client sends (request bodies and parameters) and which it receives (responses).
pub(super) struct Usage {
    pub(super) requests: BTreeSet<TypeId>,
    pub(super) responses: BTreeSet<TypeId>,
}

impl Usage {
    pub(super) fn of(api: &Api) -> Self {
        let mut requests = Vec::new();
        let mut responses = Vec::new();
        for operation in &api.operations {
            requests.extend(operation.parameters.iter().map(|p| p.ty.clone()));
            requests.extend(operation.body.iter().map(|b| b.ty.clone()));
            if let Response::Json(ty) = &operation.success {
                responses.push(ty.clone());
            }
            responses.extend(operation.error_body.iter().cloned());
        }
        Self {
            requests: reachable(api, requests),
            responses: reachable(api, responses),
        }
    }
}

/// Every type `roots` mention, directly or through the fields, variants and targets of the types they name.
fn reachable(api: &Api, roots: Vec<TypeRef>) -> BTreeSet<TypeId> {
    let mut seen = BTreeSet::new();
    let mut pending = roots;
    while let Some(ty) = pending.pop() {
        let mut direct = BTreeSet::new();
        Api::referenced_types(&ty, &mut direct);
        for id in direct {
            if !seen.insert(id) {
                continue;
            }
            match &api.type_def(id).kind {
                TypeKind::Struct(data) => {
                    pending.extend(data.fields.iter().map(|f| f.ty.clone()));
                    pending.extend(data.additional_properties.iter().map(|a| a.value.clone()));
                }
                TypeKind::Union(union) => {
                    pending.extend(union.variants.iter().map(|v| v.ty.clone()))
                }
                TypeKind::Alias(target) => pending.push(target.clone()),
                TypeKind::Enum(_) => {}
            }
        }
    }
    seen
}
