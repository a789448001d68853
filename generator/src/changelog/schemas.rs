//! Comparing the component schemas of two releases: schemas added and removed, and in each kept schema its
//! properties, enum values, `oneOf` members, alias target and kind.

use std::collections::{BTreeMap, BTreeSet};

use super::usage::Usage;
use super::values::{describe_type, diff_enum_values, diff_value, is_inline, wire_type, Subject};
use super::{change, Change, ChangeKind, Group, Semver};
use crate::ir::{Api, TypeDef, TypeId, TypeKind};

/// The component schemas of a release, by name.
fn components(api: &Api) -> BTreeMap<&str, TypeId> {
    api.types
        .iter()
        .enumerate()
        .filter(|(_, def)| !is_inline(def))
        .map(|(index, def)| (def.origin.as_str(), TypeId(index)))
        .collect()
}

/// The schemas added and removed, and the changes within each schema both releases have.
pub(super) fn diff_schemas(
    old: &Api,
    new: &Api,
    new_usage: &Usage,
    old_usage: &Usage,
    out: &mut Vec<Change>,
) {
    let old_components = components(old);
    let new_components = components(new);
    for name in new_components.keys() {
        if !old_components.contains_key(name) {
            out.push(change(
                ChangeKind::Added,
                Group::Schemas,
                name,
                "new schema",
                false,
                Semver::Minor,
            ));
        }
    }
    for name in old_components.keys() {
        if !new_components.contains_key(name) {
            out.push(change(
                ChangeKind::Removed,
                Group::Schemas,
                name,
                "schema removed",
                true,
                Semver::Major,
            ));
        }
    }
    for (name, new_id) in &new_components {
        let Some(old_id) = old_components.get(name) else {
            continue;
        };
        let in_request = new_usage.requests.contains(new_id) || old_usage.requests.contains(old_id);
        let in_response =
            new_usage.responses.contains(new_id) || old_usage.responses.contains(old_id);
        let schema = Subject {
            old,
            new,
            name,
            group: Group::Schemas,
            in_request,
            in_response,
        };
        diff_schema(schema, old.type_def(*old_id), new.type_def(*new_id), out);
    }
}

/// The changes within one schema that both releases have; its properties are compared as subjects of their own.
fn diff_schema(schema: Subject<'_>, old_def: &TypeDef, new_def: &TypeDef, out: &mut Vec<Change>) {
    let Subject {
        old,
        new,
        name,
        in_request,
        in_response,
        ..
    } = schema;
    match (&old_def.kind, &new_def.kind) {
        (TypeKind::Struct(a), TypeKind::Struct(b)) => {
            for field in &b.fields {
                let subject = format!("{name}.{}", field.wire_name);
                match a.fields.iter().find(|f| f.wire_name == field.wire_name) {
                    None => {
                        let (breaking, semver) = (
                            in_request && field.required,
                            if in_request && field.required {
                                Semver::Major
                            } else {
                                Semver::Minor
                            },
                        );
                        let detail = format!(
                            "new {} property ({})",
                            if field.required {
                                "required"
                            } else {
                                "optional"
                            },
                            describe_type(new, &field.ty)
                        );
                        out.push(change(
                            ChangeKind::Added,
                            Group::Schemas,
                            &subject,
                            &detail,
                            breaking,
                            semver,
                        ));
                    }
                    Some(before) => {
                        let property = Subject {
                            name: &subject,
                            ..schema
                        };
                        diff_value(property, &before.ty, &field.ty, out);
                        if before.required != field.required {
                            // Optional → required breaks senders; required → optional breaks readers.
                            let breaking = if field.required {
                                in_request
                            } else {
                                in_response
                            };
                            let detail = if field.required {
                                "now required"
                            } else {
                                "no longer required"
                            };
                            out.push(change(
                                ChangeKind::Changed,
                                Group::Schemas,
                                &subject,
                                detail,
                                breaking,
                                Semver::Major,
                            ));
                        }
                        if before.nullable != field.nullable {
                            let breaking = if field.nullable {
                                in_response
                            } else {
                                in_request
                            };
                            let detail = if field.nullable {
                                "may now be null"
                            } else {
                                "may no longer be null"
                            };
                            out.push(change(
                                ChangeKind::Changed,
                                Group::Schemas,
                                &subject,
                                detail,
                                breaking,
                                Semver::Major,
                            ));
                        }
                    }
                }
            }
            for field in &a.fields {
                if !b.fields.iter().any(|f| f.wire_name == field.wire_name) {
                    let subject = format!("{name}.{}", field.wire_name);
                    out.push(change(
                        ChangeKind::Removed,
                        Group::Schemas,
                        &subject,
                        "property removed",
                        true,
                        Semver::Major,
                    ));
                }
            }
        }
        (TypeKind::Enum(a), TypeKind::Enum(b)) => {
            let values = |e: &crate::ir::StringEnum| {
                e.variants
                    .iter()
                    .map(|v| v.wire_value.clone())
                    .collect::<Vec<_>>()
            };
            diff_enum_values(
                &values(a),
                &values(b),
                name,
                Group::Schemas,
                in_request || in_response,
                out,
            );
        }
        (TypeKind::Union(a), TypeKind::Union(b)) => {
            let names = |api: &Api, union: &crate::ir::Union| -> BTreeSet<String> {
                union
                    .variants
                    .iter()
                    .map(|v| wire_type(api, &v.ty))
                    .collect()
            };
            let (before, after) = (names(old, a), names(new, b));
            for added in after.difference(&before) {
                out.push(change(
                    ChangeKind::Added,
                    Group::Schemas,
                    name,
                    &format!("new oneOf member {added}"),
                    in_response,
                    Semver::Minor,
                ));
            }
            for removed in before.difference(&after) {
                out.push(change(
                    ChangeKind::Removed,
                    Group::Schemas,
                    name,
                    &format!("oneOf member {removed} removed"),
                    in_request,
                    Semver::Major,
                ));
            }
        }
        (TypeKind::Alias(a), TypeKind::Alias(b)) => diff_value(schema, a, b, out),
        _ => {
            let detail = format!(
                "kind of schema changed from {} to {}",
                kind_name(&old_def.kind),
                kind_name(&new_def.kind)
            );
            out.push(change(
                ChangeKind::Changed,
                Group::Schemas,
                name,
                &detail,
                true,
                Semver::Major,
            ));
        }
    }
}

/// What kind of schema a definition is, in a changelog line.
fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "object",
        TypeKind::Enum(_) => "enum",
        TypeKind::Union(_) => "oneOf",
        TypeKind::Alias(_) => "alias",
    }
}
