//! Which types each release sends and receives, which decides whether a change to a schema can break a client:
//! a new required property breaks senders, a removed one breaks readers.

use std::collections::BTreeSet;

use crate::ir::walk::Edge;
use crate::ir::{Api, TypeId};

/// Which types a client sends (request bodies and parameters) and which it receives (responses).
pub(super) struct Usage {
    pub(super) requests: BTreeSet<TypeId>,
    pub(super) responses: BTreeSet<TypeId>,
}

impl Usage {
    pub(super) fn of(api: &Api) -> Self {
        let requests = api.reachable_from_operations(&api.operations, Edge::is_request);
        let responses = api.reachable_from_operations(&api.operations, Edge::is_response);
        Self {
            requests: requests.iter().collect(),
            responses: responses.iter().collect(),
        }
    }
}
