//! Comparing one `oneOf` schema across two releases: members added and removed, the discriminator property, and
//! the mapping from tag values to members.
//!
//! A discriminated union is a `#[non_exhaustive]` enum that keeps unknown objects, so a new member is additive in
//! Rust; an untagged union is an exhaustive enum, so a new member breaks callers that match on it. The mapping is
//! only serde code: changing it changes no Rust signature, but it changes which member a value decodes into.

use std::collections::BTreeMap;

use super::values::{wire_type, Subject};
use super::{change, Change, ChangeKind, Group, RustUse, Semver};
use crate::ir::{Api, Union, UnionTagging};

/// A union's members by their wire type, with the tag values that select each.
fn members(api: &Api, union: &Union) -> BTreeMap<String, Vec<String>> {
    union
        .variants
        .iter()
        .map(|variant| (wire_type(api, &variant.ty), variant.tag_values.clone()))
        .collect()
}

/// The discriminator property of a union, if it has one.
fn tag_property(union: &Union) -> Option<&str> {
    match &union.tagging {
        UnionTagging::Tagged { property, .. } => Some(property),
        UnionTagging::Untagged => None,
    }
}

/// The members and mapping of one union both releases have; `rust_name` is the enum's Rust name.
pub(super) fn diff_union(
    schema: Subject<'_>,
    rust_name: &str,
    before: &Union,
    after: &Union,
    out: &mut Vec<Change>,
) {
    let name = schema.name;
    let used = schema.in_request || schema.in_response;
    let (old_members, new_members) = (members(schema.old, before), members(schema.new, after));
    let exhaustive = tag_property(after).is_none();
    for member in new_members.keys().filter(|m| !old_members.contains_key(*m)) {
        let semver = if exhaustive {
            Semver::Major
        } else {
            Semver::Minor
        };
        out.push(
            change(
                ChangeKind::Added,
                Group::Schemas,
                name,
                &format!("new oneOf member {member}"),
                schema.in_response,
                semver,
            )
            .touching(RustUse::Match, rust_name),
        );
    }
    for member in old_members.keys().filter(|m| !new_members.contains_key(*m)) {
        out.push(
            change(
                ChangeKind::Removed,
                Group::Schemas,
                name,
                &format!("oneOf member {member} removed"),
                schema.in_request,
                Semver::Major,
            )
            .touching(RustUse::Match, rust_name),
        );
    }
    let (old_tag, new_tag) = (tag_property(before), tag_property(after));
    if old_tag != new_tag {
        // Losing the discriminator loses the variant that keeps unknown objects; gaining one adds it.
        let semver = if new_tag.is_none() {
            Semver::Major
        } else {
            Semver::Minor
        };
        let detail = format!(
            "discriminator changed from {} to {}",
            old_tag.map_or("none".to_owned(), |p| format!("`{p}`")),
            new_tag.map_or("none".to_owned(), |p| format!("`{p}`"))
        );
        out.push(
            change(
                ChangeKind::Changed,
                Group::Schemas,
                name,
                &detail,
                used,
                semver,
            )
            .touching(RustUse::Match, rust_name),
        );
        return;
    }
    // A variant is named after its member or its tag value, so a new mapping can rename it.
    for variant in &after.variants {
        let member = wire_type(schema.new, &variant.ty);
        let previous = before
            .variants
            .iter()
            .find(|v| wire_type(schema.old, &v.ty) == member);
        if let Some(previous) = previous.filter(|p| p.rust_name != variant.rust_name) {
            let detail = format!(
                "Rust variant of {member} renamed from `{}` to `{}`",
                previous.rust_name, variant.rust_name
            );
            out.push(
                change(
                    ChangeKind::Changed,
                    Group::Schemas,
                    name,
                    &detail,
                    false,
                    Semver::Major,
                )
                .touching(
                    RustUse::Match,
                    format!("{rust_name}::{}", previous.rust_name),
                ),
            );
        }
    }
    for (member, new_values) in &new_members {
        let Some(old_values) = old_members.get(member) else {
            continue;
        };
        if old_values != new_values && new_tag.is_some() {
            let detail = format!(
                "discriminator mapping of {member} changed from {} to {}",
                values_text(old_values),
                values_text(new_values)
            );
            out.push(change(
                ChangeKind::Changed,
                Group::Schemas,
                name,
                &detail,
                used,
                Semver::Patch,
            ));
        }
    }
}

fn values_text(values: &[String]) -> String {
    if values.is_empty() {
        return "none".to_owned();
    }
    values
        .iter()
        .map(|value| format!("`{value}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
