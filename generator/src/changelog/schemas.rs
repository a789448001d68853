//! Comparing the schemas of two releases: component schemas matched by name, inline ones by where they sit in
//! the document; schemas added, removed and renamed in Rust, and in each kept schema its properties
//! (`properties.rs`), enum values, union members (`unions.rs`), alias target and kind.
//!
//! Inline schemas are generated types too (a property's inline object is a struct of its own), so their changes
//! reach Rust callers exactly as a component's do.

use std::collections::BTreeMap;

use super::properties::diff_struct;
use super::unions::diff_union;
use super::usage::Usage;
use super::values::{diff_enum_values, diff_value, is_inline, Subject};
use super::{change, Change, ChangeKind, Group, RustItem, RustUse, Semver};
use crate::ir::{Api, TypeDef, TypeId, TypeKind};

/// Every schema of a release by its identity: a component's name, or an inline schema's JSON pointer.
fn schemas(api: &Api) -> BTreeMap<&str, TypeId> {
    api.types
        .iter()
        .enumerate()
        .map(|(index, def)| (def.origin.as_str(), TypeId(index)))
        .collect()
}

/// How a schema is named in a changelog: a component by its name, an inline schema of a component by the way
/// to it (`Output.config`, `Output.tags[]`), any other inline schema by its Rust name.
pub(super) fn schema_subject(def: &TypeDef) -> String {
    let Some(inside) = def.origin.strip_prefix("#/components/schemas/") else {
        return if is_inline(def) {
            def.rust_name.clone()
        } else {
            def.origin.clone()
        };
    };
    let mut parts = inside.split('/');
    let mut subject = parts
        .next()
        .unwrap_or_default()
        .replace("~1", "/")
        .replace("~0", "~");
    while let Some(part) = parts.next() {
        match part {
            "properties" => {
                let name = parts.next().unwrap_or_default();
                subject.push('.');
                subject.push_str(&name.replace("~1", "/").replace("~0", "~"));
            }
            "items" => subject.push_str("[]"),
            "additionalProperties" => subject.push_str("{}"),
            other => {
                subject.push('/');
                subject.push_str(other);
            }
        }
    }
    subject
}

/// The schemas added and removed, and the changes within each schema both releases have.
pub(super) fn diff_schemas(
    old: &Api,
    new: &Api,
    new_usage: &Usage,
    old_usage: &Usage,
    out: &mut Vec<Change>,
) {
    let old_schemas = schemas(old);
    let new_schemas = schemas(new);
    for (origin, id) in &new_schemas {
        let def = new.type_def(*id);
        // A new inline schema comes with the property or operation that holds it, which is reported.
        if !old_schemas.contains_key(origin) && !is_inline(def) {
            out.push(
                change(
                    ChangeKind::Added,
                    Group::Schemas,
                    &schema_subject(def),
                    "new schema",
                    false,
                    Semver::Minor,
                )
                .touching(RustUse::Name, &def.rust_name),
            );
        }
    }
    for (origin, id) in &old_schemas {
        if !new_schemas.contains_key(origin) {
            let def = old.type_def(*id);
            // An inline schema that moved with its operation (a path renamed) keeps its Rust type.
            let moved = is_inline(def)
                && new
                    .types
                    .iter()
                    .any(|other| is_inline(other) && other.rust_name == def.rust_name);
            if moved {
                continue;
            }
            let detail = if is_inline(def) {
                format!("inline schema removed (the Rust type `{}`)", def.rust_name)
            } else {
                "schema removed".to_owned()
            };
            out.push(
                change(
                    ChangeKind::Removed,
                    Group::Schemas,
                    &schema_subject(def),
                    &detail,
                    !is_inline(def),
                    Semver::Major,
                )
                .touching(RustUse::Name, &def.rust_name),
            );
        }
    }
    for (origin, new_id) in &new_schemas {
        let Some(old_id) = old_schemas.get(origin) else {
            continue;
        };
        let (old_def, new_def) = (old.type_def(*old_id), new.type_def(*new_id));
        let name = schema_subject(new_def);
        if old_def.rust_name != new_def.rust_name {
            let detail = format!(
                "Rust type renamed from `{}` to `{}`",
                old_def.rust_name, new_def.rust_name
            );
            out.push(
                change(
                    ChangeKind::Changed,
                    Group::Schemas,
                    &name,
                    &detail,
                    false,
                    Semver::Major,
                )
                .touching(RustUse::Name, &old_def.rust_name),
            );
        }
        if old_def.deprecated != new_def.deprecated {
            // `#[deprecated]` warns every caller that names the type: cargo-semver-checks counts it as minor.
            let (detail, semver) = if new_def.deprecated {
                ("now deprecated", Semver::Minor)
            } else {
                ("no longer deprecated", Semver::Patch)
            };
            out.push(
                change(
                    ChangeKind::Changed,
                    Group::Schemas,
                    &name,
                    detail,
                    false,
                    semver,
                )
                .touching(RustUse::Name, &new_def.rust_name),
            );
        }
        let in_request = new_usage.requests.contains(new_id) || old_usage.requests.contains(old_id);
        let in_response =
            new_usage.responses.contains(new_id) || old_usage.responses.contains(old_id);
        let rust = RustItem {
            usage: RustUse::Name,
            path: new_def.rust_name.clone(),
            also: Vec::new(),
        };
        let schema = Subject {
            old,
            new,
            name: &name,
            group: Group::Schemas,
            in_request,
            in_response,
            rust: &rust,
        };
        diff_schema(schema, old_def, new_def, out);
    }
}

/// The changes within one schema that both releases have; its properties are compared as subjects of their own.
fn diff_schema(schema: Subject<'_>, old_def: &TypeDef, new_def: &TypeDef, out: &mut Vec<Change>) {
    match (&old_def.kind, &new_def.kind) {
        (TypeKind::Struct(a), TypeKind::Struct(b)) => {
            diff_struct(schema, &new_def.rust_name, a, b, out)
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
                schema.name,
                &new_def.rust_name,
                schema.in_request || schema.in_response,
                out,
            );
            // The same value under another variant name (`x-enum-varnames`, or a collision resolved anew).
            for variant in &b.variants {
                let renamed = a.variants.iter().find(|v| {
                    v.wire_value == variant.wire_value && v.rust_name != variant.rust_name
                });
                if let Some(previous) = renamed {
                    let detail = format!(
                        "Rust variant of `{}` renamed from `{}` to `{}`",
                        variant.wire_value, previous.rust_name, variant.rust_name
                    );
                    out.push(
                        change(
                            ChangeKind::Changed,
                            Group::Schemas,
                            schema.name,
                            &detail,
                            false,
                            Semver::Major,
                        )
                        .touching(
                            RustUse::Match,
                            format!("{}::{}", new_def.rust_name, previous.rust_name),
                        ),
                    );
                }
            }
        }
        (TypeKind::Union(a), TypeKind::Union(b)) => {
            diff_union(schema, &new_def.rust_name, a, b, out)
        }
        (TypeKind::Alias(a), TypeKind::Alias(b)) => diff_value(schema, a, b, out),
        _ => {
            let detail = format!(
                "kind of schema changed from {} to {}",
                kind_name(&old_def.kind),
                kind_name(&new_def.kind)
            );
            out.push(
                change(
                    ChangeKind::Changed,
                    Group::Schemas,
                    schema.name,
                    &detail,
                    true,
                    Semver::Major,
                )
                .touching(RustUse::Name, &old_def.rust_name),
            );
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
