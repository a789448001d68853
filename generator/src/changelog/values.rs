//! How the type of one value (a property, a parameter, a body) is described in a changelog line, and how two
//! releases of it are compared: a changed wire type. Enums, inline ones included, are compared as types of their
//! own (`schemas.rs`), so their values are not compared here.

use super::{change, Change, ChangeKind, Group, RustItem, RustUse, Semver};
use crate::ir::{Api, EnumRepr, Primitive, TypeDef, TypeKind, TypeRef};

/// A type as the wire sees it, independent of the Rust names lowering chose.
pub(super) fn wire_type(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Primitive(primitive) => match primitive {
            Primitive::String => "string",
            Primitive::Bool => "boolean",
            Primitive::I32 => "integer (int32)",
            Primitive::I64 => "integer",
            Primitive::U32 => "integer (uint32)",
            Primitive::U64 => "integer (uint64)",
            Primitive::I128 => "integer (int128)",
            Primitive::U128 => "integer (uint128)",
            Primitive::Uuid => "string (uuid)",
            Primitive::Base64 => "string (byte)",
            Primitive::Secret => "string (secret)",
            Primitive::F32 => "number (float)",
            Primitive::F64 => "number",
            Primitive::DateTime => "string (date-time)",
            Primitive::Date => "string (date)",
            Primitive::Json => "any JSON value",
            Primitive::Bytes => "bytes",
        }
        .to_owned(),
        TypeRef::Named(id) => {
            let def = api.type_def(*id);
            if !is_inline(def) {
                return def.origin.clone();
            }
            match &def.kind {
                TypeKind::Enum(data) => match data.repr {
                    EnumRepr::String => "string enum",
                    EnumRepr::Integer => "integer enum",
                    EnumRepr::Json => "enum",
                }
                .to_owned(),
                TypeKind::Struct(_) => "object".to_owned(),
                TypeKind::Union(_) => "oneOf".to_owned(),
                TypeKind::Alias(target) => wire_type(api, target),
            }
        }
        TypeRef::Array(inner) => format!("array of {}", wire_type(api, inner)),
        TypeRef::Map(inner) => format!("map of {}", wire_type(api, inner)),
        TypeRef::Tuple(members) => format!(
            "tuple of {}",
            members
                .iter()
                .map(|member| wire_type(api, member))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Whether a type was defined inline, with no component name of its own.
pub(super) fn is_inline(def: &TypeDef) -> bool {
    def.origin.starts_with("#/")
}

/// The values of an enum a type reference is (or holds through arrays), if any.
fn enum_values(api: &Api, ty: &TypeRef) -> Option<Vec<String>> {
    match ty {
        TypeRef::Named(id) => match &api.type_def(*id).kind {
            TypeKind::Enum(data) => {
                Some(data.variants.iter().map(|v| v.wire_value.clone()).collect())
            }
            _ => None,
        },
        TypeRef::Array(inner) => enum_values(api, inner),
        _ => None,
    }
}

/// A type for a changelog line: its wire type, and the values of an enum.
pub(super) fn describe_type(api: &Api, ty: &TypeRef) -> String {
    match enum_values(api, ty) {
        Some(values) => format!("{}: {}", wire_type(api, ty), values.join(", ")),
        None => wire_type(api, ty),
    }
}

/// Something compared across the two releases (a schema, property, parameter or request body): both releases, its
/// name in changelog lines, the section its changes go to, whether clients send it, receive it or both, which
/// decides whom a change breaks over HTTP, and the crate item a change to its type breaks.
#[derive(Clone, Copy)]
pub(super) struct Subject<'a> {
    pub(super) old: &'a Api,
    pub(super) new: &'a Api,
    pub(super) name: &'a str,
    pub(super) group: Group,
    pub(super) in_request: bool,
    pub(super) in_response: bool,
    pub(super) rust: &'a RustItem,
}

/// Compares the types of one property, parameter or body: a changed wire type changes the Rust type too.
pub(super) fn diff_value(
    subject: Subject<'_>,
    before: &TypeRef,
    after: &TypeRef,
    out: &mut Vec<Change>,
) {
    let (old_wire, new_wire) = (
        wire_type(subject.old, before),
        wire_type(subject.new, after),
    );
    if old_wire != new_wire {
        let detail = format!("type changed from {old_wire} to {new_wire}");
        let mut changed = change(
            ChangeKind::Changed,
            subject.group,
            subject.name,
            &detail,
            true,
            Semver::Major,
        );
        changed.rust_item = Some(subject.rust.clone());
        out.push(changed);
    }
}

/// Enum values added (never breaking: the client keeps unknown values, and the enum is `#[non_exhaustive]`) and
/// removed (breaking where used, and a variant fewer for Rust callers that match on `rust_name`).
pub(super) fn diff_enum_values(
    before: &[String],
    after: &[String],
    subject: &str,
    rust_name: &str,
    used: bool,
    out: &mut Vec<Change>,
) {
    let group = Group::Schemas;
    for value in after.iter().filter(|v| !before.contains(v)) {
        out.push(
            change(
                ChangeKind::Added,
                group,
                subject,
                &format!("new enum value `{value}`"),
                false,
                Semver::Minor,
            )
            .touching(RustUse::Match, rust_name),
        );
    }
    for value in before.iter().filter(|v| !after.contains(v)) {
        out.push(
            change(
                ChangeKind::Removed,
                group,
                subject,
                &format!("enum value `{value}` removed"),
                used,
                Semver::Major,
            )
            .touching(RustUse::Match, rust_name),
        );
    }
}
