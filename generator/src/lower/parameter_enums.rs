//! A parameter whose inline enum repeats the enum of a property of a component schema takes that property's type.
//!
//! Documents often write a filter's values again instead of referring to the schema they filter on (Astro's
//! `GET /tokens?kind=` beside `ApiToken.kind`). Each inline schema would be a type of its own, so a value read from
//! one could not be passed to the other (`ListApiTokensKind` vs `ApiTokenKind`). The rule, applied to the IR after
//! every operation is lowered:
//! - the parameter's type (or its array's item type) is an enum no type, body or response uses, and not a
//!   component schema's;
//! - an enum declared under `#/components/schemas` has the same JSON type and the same set of values;
//! - and it is declared for the same name: the property's (or the component enum's) name is the parameter's, one
//!   of them in the plural when it is an array (`sources` → `source`), ignoring case and separators. Equal values
//!   alone are not enough: a role's scope and a token's type may both be `ORGANIZATION`, `WORKSPACE` or
//!   `DEPLOYMENT`, but neither's docs describe the other.
//!
//! Among several such enums the one a response holds wins (a filter takes what the user read), then the first in
//! the document. The parameter's own enum is then unused and removed.

use foldhash::{HashMap, HashMapExt};

use crate::ir::walk::{for_each_type_ref_mut, named_children, operation_edges, Edge};
use crate::ir::{Api, EnumRepr, TypeId, TypeKind, TypeRef};

/// Replaces each parameter enum that repeats a component's by that component's type (see the module docs).
pub(super) fn reuse_component_enums(api: &mut Api) {
    let replacements = replacements(api);
    if replacements.is_empty() {
        return;
    }
    // Each replaced enum is dropped and the types after it move down.
    let mut new_index = vec![0; api.types.len()];
    let mut kept = 0;
    for (index, slot) in new_index.iter_mut().enumerate() {
        *slot = kept;
        if !replacements.contains_key(&TypeId(index)) {
            kept += 1;
        }
    }
    for (from, to) in &replacements {
        new_index[from.0] = new_index[to.0];
    }
    for_each_type_ref_mut(api, |ty| {
        ty.for_each_named_mut(|id| *id = TypeId(new_index[id.0]))
    });
    let mut index = 0;
    api.types.retain(|_| {
        let keep = !replacements.contains_key(&TypeId(index));
        index += 1;
        keep
    });
}

/// Which parameter enum becomes which component enum.
fn replacements(api: &Api) -> HashMap<TypeId, TypeId> {
    // Types some type, body, response or webhook holds: such an enum is not a parameter's alone.
    let mut shared = vec![false; api.types.len()];
    for def in &api.types {
        named_children(def, |_, id, _| shared[id.0] = true);
    }
    for operation in &api.operations {
        operation_edges(operation, |edge, ty| {
            if edge != Edge::Parameter {
                ty.for_each_named(|id, _| shared[id.0] = true);
            }
        });
    }
    for webhook in &api.webhooks {
        webhook.payload.for_each_named(|id, _| shared[id.0] = true);
    }
    let received = api.reachable_from_operations(&api.operations, Edge::is_response);
    let mut components: HashMap<(EnumRepr, Vec<&str>), Vec<TypeId>> = HashMap::new();
    for (index, def) in api.types.iter().enumerate() {
        if let (Some(values), true) = (enum_key(api, TypeId(index)), is_component(&def.pointer)) {
            components.entry(values).or_default().push(TypeId(index));
        }
    }
    let mut replacements = HashMap::new();
    for parameter in api.operations.iter().flat_map(|o| &o.parameters) {
        let (id, plural) = match &parameter.ty {
            TypeRef::Named(id) => (*id, false),
            TypeRef::Array(item) => match item.as_ref() {
                TypeRef::Named(id) => (*id, true),
                _ => continue,
            },
            _ => continue,
        };
        if shared[id.0] || replacements.contains_key(&id) {
            continue;
        }
        let def = api.type_def(id);
        if is_component(&def.pointer) {
            continue;
        }
        let Some(key) = enum_key(api, id) else {
            continue;
        };
        let wanted = comparable_name(&parameter.wire_name, plural);
        let chosen = components
            .get(&key)
            .into_iter()
            .flatten()
            .filter(|candidate| {
                let (name, plural) = declared_name(&api.type_def(**candidate).pointer);
                comparable_name(&name, plural) == wanted
            })
            .min_by_key(|candidate| (!received.contains(**candidate), candidate.0));
        if let Some(chosen) = chosen {
            replacements.insert(id, *chosen);
        }
    }
    replacements
}

/// An enum's JSON type and its values, sorted: what two enums must share to be one.
fn enum_key(api: &Api, id: TypeId) -> Option<(EnumRepr, Vec<&str>)> {
    let TypeKind::Enum(data) = &api.type_def(id).kind else {
        return None;
    };
    let mut values: Vec<&str> = data
        .variants
        .iter()
        .map(|variant| variant.wire_value.as_str())
        .collect();
    values.sort_unstable();
    Some((data.repr, values))
}

/// Whether a schema is declared under `#/components/schemas` (a component, or a schema inside one).
fn is_component(pointer: &str) -> bool {
    pointer.starts_with("#/components/schemas/")
}

/// The name a schema is declared for, from its pointer: a property's or a component's name, and whether it is an
/// array's item (`…/properties/sources/items` is `sources`, in the plural).
fn declared_name(pointer: &str) -> (String, bool) {
    let mut segments: Vec<&str> = pointer.split('/').collect();
    let mut plural = false;
    while segments.len() > 1 && segments.last() == Some(&"items") {
        segments.pop();
        plural = true;
    }
    let name = segments.last().copied().unwrap_or_default();
    (name.replace("~1", "/").replace("~0", "~"), plural)
}

/// A name as compared: lower-case letters and digits only, in the singular when it names an array's items.
fn comparable_name(name: &str, plural: bool) -> String {
    let name: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if !plural {
        return name;
    }
    if let Some(stem) = name.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for ending in ["sses", "uses", "xes", "ches", "shes"] {
        if name.ends_with(ending) {
            return name[..name.len() - 2].to_owned();
        }
    }
    match name.strip_suffix('s') {
        Some(stem) if !stem.ends_with('s') && !stem.ends_with('u') => stem.to_owned(),
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_in_the_singular_for_arrays() {
        assert_eq!(comparable_name("scopeTypes", true), "scopetype");
        assert_eq!(comparable_name("scope_type", false), "scopetype");
        assert_eq!(comparable_name("sources", true), "source");
        assert_eq!(comparable_name("statuses", true), "status");
        assert_eq!(comparable_name("status", true), "status");
        assert_eq!(comparable_name("categories", true), "category");
        assert_eq!(comparable_name("kind", false), "kind");
        assert_eq!(
            declared_name("#/components/schemas/Log/properties/sources/items"),
            ("sources".to_owned(), true)
        );
        assert_eq!(
            declared_name("#/components/schemas/Kind"),
            ("Kind".to_owned(), false)
        );
    }
}
