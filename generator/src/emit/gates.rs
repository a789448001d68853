//! Which Cargo features compile each type of a crate split by tag, so that a build pays only for the types its
//! features use.
//!
//! A type is compiled when a feature that reaches it is on: the feature of a tag whose operations hold it, directly
//! or through other types, or [`UNUSED_TYPES_FEATURE`] for the types that no operation reaches and what they hold.
//! What untagged operations or webhook payloads reach is always compiled, because their code is behind no feature.
//! Reachability follows every type reference (`ir/walk.rs`), so a type's features include those of every type that
//! holds it, and a compiled type never names one that is not.

use crate::ir::{Api, Operation, TypeId};

/// The feature that compiles the types no operation uses (schemas a document declares for its readers). It is off
/// by default: such types cost the build and no call returns them.
pub const UNUSED_TYPES_FEATURE: &str = "unused-types";

/// When a type is compiled.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Gate {
    /// Whatever the features: untagged operations or webhooks reach it.
    Always,
    /// When any of these features is on: indices into [`Gates::features`], ascending, never empty.
    AnyOf(Vec<usize>),
}

/// The gate of every type of an API split by tag.
pub(crate) struct Gates {
    /// The features, in this order: one per tag module (in the order of the modules, so feature `i` is tag module
    /// `i`'s), then [`UNUSED_TYPES_FEATURE`] when some type needs it.
    pub features: Vec<String>,
    /// Each type's gate, by type id.
    pub of_type: Vec<Gate>,
}

/// What the gates are computed from: the operations of each tag module and the operations of none.
pub(crate) struct Reach<'r, 'a> {
    pub api: &'a Api,
    /// Each tag module's feature with its operations, in module order.
    pub groups: &'r [(&'a str, &'r [&'a Operation])],
    pub ungrouped: &'r [&'a Operation],
}

impl Gates {
    pub fn of(reach: &Reach<'_, '_>) -> Self {
        let api = reach.api;
        let mut features: Vec<String> = reach
            .groups
            .iter()
            .map(|(feature, _)| (*feature).to_owned())
            .collect();
        // Feature indices are pushed in ascending order, so each list stays sorted without sorting.
        let mut reaching: Vec<Vec<usize>> = vec![Vec::new(); api.types.len()];
        for (index, (_, operations)) in reach.groups.iter().enumerate() {
            for id in api
                .reachable_from_operations(operations.iter().copied(), |_| true)
                .iter()
            {
                reaching[id.0].push(index);
            }
        }
        let mut payloads = Vec::new();
        for webhook in &api.webhooks {
            webhook.payload.for_each_named(|id, _| payloads.push(id));
        }
        let untagged = api.reachable_from_operations(reach.ungrouped.iter().copied(), |_| true);
        let webhooks = api.reachable(payloads);
        let always = |id: TypeId| untagged.contains(id) || webhooks.contains(id);

        let unreached: Vec<TypeId> = (0..api.types.len())
            .map(TypeId)
            .filter(|id| reaching[id.0].is_empty() && !always(*id))
            .collect();
        if !unreached.is_empty() {
            let unused = features.len();
            features.push(UNUSED_TYPES_FEATURE.to_owned());
            for id in api.reachable(unreached).iter() {
                reaching[id.0].push(unused);
            }
        }
        let of_type = reaching
            .into_iter()
            .enumerate()
            .map(|(index, features)| {
                if always(TypeId(index)) {
                    Gate::Always
                } else {
                    Gate::AnyOf(features)
                }
            })
            .collect();
        Gates { features, of_type }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::walk::operation_edges;

    fn tagged_fixture() -> Api {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tags.yaml");
        crate::lower_file(&path).expect("the fixture lowers").api
    }

    fn gates(api: &Api) -> (Gates, Vec<(&str, Vec<&Operation>)>) {
        let mut groups: Vec<(&str, Vec<&Operation>)> = Vec::new();
        let mut ungrouped = Vec::new();
        for operation in &api.operations {
            match &operation.group {
                Some(group) => match groups.iter_mut().find(|(name, _)| name == group) {
                    Some((_, operations)) => operations.push(operation),
                    None => groups.push((group.as_str(), vec![operation])),
                },
                None => ungrouped.push(operation),
            }
        }
        let borrowed: Vec<(&str, &[&Operation])> = groups
            .iter()
            .map(|(name, operations)| (*name, operations.as_slice()))
            .collect();
        let gates = Gates::of(&Reach {
            api,
            groups: &borrowed,
            ungrouped: &ungrouped,
        });
        (gates, groups)
    }

    fn gate_of<'g>(api: &Api, gates: &'g Gates, name: &str) -> &'g Gate {
        let index = api
            .types
            .iter()
            .position(|def| def.rust_name == name)
            .unwrap_or_else(|| panic!("no type {name}"));
        &gates.of_type[index]
    }

    fn features<'g>(gates: &'g Gates, gate: &Gate) -> Vec<&'g str> {
        match gate {
            Gate::Always => Vec::new(),
            Gate::AnyOf(indices) => indices
                .iter()
                .map(|i| gates.features[*i].as_str())
                .collect(),
        }
    }

    #[test]
    fn a_type_is_gated_on_every_feature_that_reaches_it() {
        let api = tagged_fixture();
        let (gates, _) = gates(&api);
        assert_eq!(gate_of(&api, &gates, "Health"), &Gate::Always);
        assert_eq!(features(&gates, gate_of(&api, &gates, "Pet")), ["pets"]);
        let person = features(&gates, gate_of(&api, &gates, "Person"));
        assert!(
            person.contains(&"pets") && person.contains(&"people"),
            "{person:?}"
        );
        assert_eq!(
            features(&gates, gate_of(&api, &gates, "Unused")),
            [UNUSED_TYPES_FEATURE]
        );
        let toy = features(&gates, gate_of(&api, &gates, "Toy"));
        assert!(
            toy.contains(&"pets") && toy.contains(&UNUSED_TYPES_FEATURE),
            "{toy:?}"
        );
    }

    /// The client code of a tag names only types compiled with the tag's feature, and a compiled type names only
    /// compiled types, whatever the features.
    #[test]
    fn what_a_tag_names_is_compiled_with_its_feature() {
        let api = tagged_fixture();
        let (gates, groups) = gates(&api);
        let compiled_with = |id: TypeId, feature: usize| match &gates.of_type[id.0] {
            Gate::Always => true,
            Gate::AnyOf(features) => features.contains(&feature),
        };
        for (index, (_, operations)) in groups.iter().enumerate() {
            for operation in operations {
                operation_edges(operation, |_, ty| {
                    ty.for_each_named(|id, _| assert!(compiled_with(id, index)))
                });
            }
        }
        for (index, def) in api.types.iter().enumerate() {
            crate::ir::walk::named_children(def, |_, child, _| match &gates.of_type[index] {
                Gate::Always => assert_eq!(gates.of_type[child.0], Gate::Always),
                Gate::AnyOf(features) => {
                    for feature in features {
                        assert!(compiled_with(child, *feature), "{}", def.rust_name);
                    }
                }
            });
        }
    }
}
