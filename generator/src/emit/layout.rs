//! How an API's items are laid out in files: all in `types.rs` and `client.rs`, or, for a crate split by tag,
//! one module per tag under `types/` and `client/`, each behind a Cargo feature of the tag's name.
//!
//! A type goes to a tag's module only when nothing outside that tag can reach it: no operation of another tag
//! (or of none) and no type that stays shared. Shared types are always compiled, so a crate built with one tag's
//! feature still has everything that tag's code names.

use std::collections::BTreeMap;

use crate::ir::{Api, Operation, TypeDef, TypeId};

pub(crate) struct Layout<'a> {
    /// The operations of no tag module (all of them, when the crate is not split), in document order.
    pub ungrouped: Vec<&'a Operation>,
    /// The types of no tag module, in document order.
    pub shared_types: Vec<&'a TypeDef>,
    /// The tag modules, by name.
    pub groups: Vec<Group<'a>>,
}

pub(crate) struct Group<'a> {
    /// The module's identifier (possibly raw, `r#type`).
    pub name: &'a str,
    pub operations: Vec<&'a Operation>,
    pub types: Vec<&'a TypeDef>,
}

impl<'a> Layout<'a> {
    /// The layout of `api`: split by tag when `split` is asked for and the operations carry two tags or more.
    pub fn of(api: &'a Api, split: bool) -> Self {
        let mut by_group: BTreeMap<&'a str, Vec<&'a Operation>> = BTreeMap::new();
        let mut ungrouped = Vec::new();
        for operation in &api.operations {
            match (&operation.group, split) {
                (Some(group), true) => by_group.entry(group).or_default().push(operation),
                _ => ungrouped.push(operation),
            }
        }
        if by_group.len() < 2 {
            return Layout {
                ungrouped: api.operations.iter().collect(),
                shared_types: api.types.iter().collect(),
                groups: Vec::new(),
            };
        }
        let owners = type_owners(api, &by_group, &ungrouped);
        let mut shared_types = Vec::new();
        let mut groups: Vec<Group<'a>> = by_group
            .into_iter()
            .map(|(name, operations)| Group {
                name,
                operations,
                types: Vec::new(),
            })
            .collect();
        for (def, owner) in api.types.iter().zip(owners) {
            match owner {
                Some(group) => groups[group].types.push(def),
                None => shared_types.push(def),
            }
        }
        Layout {
            ungrouped,
            shared_types,
            groups,
        }
    }
}

/// For each type, the index of the only group that can reach it, or `None` for a shared type.
fn type_owners(
    api: &Api,
    by_group: &BTreeMap<&str, Vec<&Operation>>,
    ungrouped: &[&Operation],
) -> Vec<Option<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Reach {
        Unreached,
        One(usize),
        Many,
    }
    let mut reach = vec![Reach::Unreached; api.types.len()];
    for (index, operations) in by_group.values().enumerate() {
        for id in api
            .reachable_from_operations(operations.iter().copied(), |_| true)
            .iter()
        {
            reach[id.0] = match reach[id.0] {
                Reach::Unreached => Reach::One(index),
                Reach::One(owner) if owner == index => Reach::One(owner),
                _ => Reach::Many,
            };
        }
    }
    // What untagged operations, webhook payloads or shared types can reach is shared too, so it is compiled
    // whatever the features (the `webhooks` module is not behind one).
    let untagged = api.reachable_from_operations(ungrouped.iter().copied(), |_| true);
    let mut payloads = Vec::new();
    for webhook in &api.webhooks {
        webhook.payload.for_each_named(|id, _| payloads.push(id));
    }
    let shared_roots = reach
        .iter()
        .enumerate()
        .filter(|(_, reach)| !matches!(reach, Reach::One(_)))
        .map(|(index, _)| TypeId(index))
        .chain(payloads);
    for id in untagged.iter().chain(api.reachable(shared_roots).iter()) {
        reach[id.0] = Reach::Many;
    }
    reach
        .into_iter()
        .map(|reach| match reach {
            Reach::One(owner) => Some(owner),
            _ => None,
        })
        .collect()
}
