//! How an API's items are laid out in files: all in `types.rs` and `client.rs`, or, for a crate split by tag,
//! one module per tag under `types/` and `client/`, each behind a Cargo feature of the tag's name.
//!
//! In a crate split by tag every type is compiled only when a feature that uses it is on (`gates.rs`): a type that
//! one tag alone uses goes to that tag's module; a type that several features use goes to `types/shared/`, in one
//! module per set of features, compiled when any of them is on; a type that untagged operations or webhooks use
//! stays in `types/mod.rs`, always compiled. Each module's items are re-exported into `types`, so a type's path
//! is the same whichever module holds it.

use std::collections::BTreeMap;

use super::gates::{Gate, Gates, Reach};
use crate::ir::{Api, Operation, TypeDef};

pub(crate) struct Layout<'a> {
    /// The operations of no tag module (all of them, when the crate is not split), in document order.
    pub ungrouped: Vec<&'a Operation>,
    /// The types of the root types module, always compiled (all of them, when the crate is not split), in
    /// document order.
    pub root_types: Vec<&'a TypeDef>,
    /// The tag modules, by name.
    pub groups: Vec<Group<'a>>,
    /// The modules of types that several features compile, in the order of their first type.
    pub shared: Vec<SharedModule<'a>>,
    /// The crate's Cargo features for its types and operations: each tag module's, then `unused-types` when some
    /// type needs it. Empty when the crate is not split.
    pub features: Vec<String>,
}

pub(crate) struct Group<'a> {
    /// The module's identifier (possibly raw, `r#type`).
    pub name: &'a str,
    pub operations: Vec<&'a Operation>,
    /// The types that no other feature compiles.
    pub types: Vec<&'a TypeDef>,
}

/// A module of `types/shared/`: the types compiled when any of its features is on.
pub(crate) struct SharedModule<'a> {
    pub name: String,
    pub features: Vec<&'a str>,
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
                root_types: api.types.iter().collect(),
                groups: Vec::new(),
                shared: Vec::new(),
                features: Vec::new(),
            };
        }
        let reach_groups: Vec<(&str, &[&Operation])> = by_group
            .iter()
            .map(|(name, operations)| (crate::naming::unraw(name), operations.as_slice()))
            .collect();
        let gates = Gates::of(&Reach {
            api,
            groups: &reach_groups,
            ungrouped: &ungrouped,
        });
        let mut groups: Vec<Group<'a>> = by_group
            .into_iter()
            .map(|(name, operations)| Group {
                name,
                operations,
                types: Vec::new(),
            })
            .collect();
        let mut root_types = Vec::new();
        // Each set of two features or more (or `unused-types` alone), with its types, in order of first appearance.
        let mut shared_sets: Vec<(&[usize], Vec<&'a TypeDef>)> = Vec::new();
        // A large document has thousands of types and may have as many sets: each set's place, looked up.
        let mut set_index: BTreeMap<&[usize], usize> = BTreeMap::new();
        for (def, gate) in api.types.iter().zip(&gates.of_type) {
            match gate {
                Gate::Always => root_types.push(def),
                Gate::AnyOf(features) => match features.as_slice() {
                    [group] if *group < groups.len() => groups[*group].types.push(def),
                    set => {
                        let index = *set_index.entry(set).or_insert_with(|| {
                            shared_sets.push((set, Vec::new()));
                            shared_sets.len() - 1
                        });
                        shared_sets[index].1.push(def);
                    }
                },
            }
        }
        let feature_sets: Vec<Vec<&str>> = shared_sets
            .iter()
            .map(|(set, _)| set.iter().map(|i| gates.features[*i].as_str()).collect())
            .collect();
        let names = crate::naming::shared_module_names(&feature_sets);
        let shared = shared_sets
            .into_iter()
            .zip(names)
            .map(|((set, types), name)| SharedModule {
                name,
                // Feature names borrowed from the API (tags) or a constant, not from `gates`, which is dropped.
                features: set
                    .iter()
                    .map(|i| match groups.get(*i) {
                        Some(group) => crate::naming::unraw(group.name),
                        None => super::gates::UNUSED_TYPES_FEATURE,
                    })
                    .collect(),
                types,
            })
            .collect();
        Layout {
            ungrouped,
            root_types,
            groups,
            shared,
            features: gates.features,
        }
    }
}
