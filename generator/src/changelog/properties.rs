//! Comparing the properties of one object schema across two releases: properties added and removed, and in each
//! kept property its type, required-ness, nullability, direction (readOnly / writeOnly), deprecation, default
//! and constraints.
//!
//! The Rust effect is judged on the struct the emitter writes: `new(required fields)` takes every required
//! field, so a new required property breaks every caller that constructs the struct, whether the schema is sent
//! or only received; a field's type is `T`, `Option<T>` or `Option<Option<T>>` by its required-ness and
//! nullability, so a change to either changes the field's type. The chained setters of a sent struct follow from
//! its fields (`lower/setters.rs`), and each one a release loses is reported as removed.

use super::constraints::diff_constraints;
use super::values::{describe_type, diff_value, Subject};
use super::{change, Change, ChangeKind, Group, RustItem, RustUse, Semver};
use crate::ir::{Direction, Field, Struct};

/// The properties of a struct added, removed and changed; `rust_name` is the struct's Rust name.
pub(super) fn diff_struct(
    schema: Subject<'_>,
    rust_name: &str,
    before: &Struct,
    after: &Struct,
    out: &mut Vec<Change>,
) {
    for field in &after.fields {
        let subject = format!("{}.{}", schema.name, field.wire_name);
        match before
            .fields
            .iter()
            .find(|f| f.wire_name == field.wire_name)
        {
            None => out.push(added_property(schema, rust_name, &subject, field)),
            Some(previous) => {
                let rust = RustItem {
                    usage: RustUse::Read,
                    path: format!("{rust_name}.{}", field.rust_name),
                    also: Vec::new(),
                };
                let property = Subject {
                    name: &subject,
                    rust: &rust,
                    ..schema
                };
                diff_property(property, rust_name, previous, field, out);
            }
        }
    }
    for field in &before.fields {
        if !after.fields.iter().any(|f| f.wire_name == field.wire_name) {
            let subject = format!("{}.{}", schema.name, field.wire_name);
            out.push(
                change(
                    ChangeKind::Removed,
                    Group::Schemas,
                    &subject,
                    "property removed",
                    true,
                    Semver::Major,
                )
                .touching(RustUse::Read, format!("{rust_name}.{}", field.rust_name)),
            );
        }
    }
    removed_setters(schema, rust_name, before, after, out);
}

/// The chained setters the struct loses: a field that is no longer optional, or no longer nullable, or read-only,
/// or removed, loses its own, and a struct the client no longer sends loses all of them. Each breaks the callers
/// that chain it, whatever the change of the field says.
fn removed_setters(
    schema: Subject<'_>,
    rust_name: &str,
    before: &Struct,
    after: &Struct,
    out: &mut Vec<Change>,
) {
    let names = |shape: &'_ Struct| -> Vec<String> {
        shape
            .fields
            .iter()
            .filter_map(|field| field.setters.as_ref())
            .flat_map(|setters| std::iter::once(&setters.value).chain(&setters.null))
            .cloned()
            .collect()
    };
    let kept = names(after);
    let gone: Vec<String> = names(before)
        .into_iter()
        .filter(|name| !kept.contains(name))
        .collect();
    let Some((first, rest)) = gone.split_first() else {
        return;
    };
    let listed: Vec<String> = gone.iter().map(|name| format!("`{name}`")).collect();
    let detail = format!("chained setters removed: {}", listed.join(", "));
    let mut line = change(
        ChangeKind::Removed,
        Group::Schemas,
        schema.name,
        &detail,
        false,
        Semver::Major,
    )
    .touching(RustUse::Call, format!("{rust_name}::{first}"));
    for name in rest {
        line = line.also_touching(format!("{rust_name}::{name}"));
    }
    out.push(line);
}

/// A new property: required ones are a new argument of `new`, optional ones a new field of a
/// `#[non_exhaustive]` struct.
fn added_property(schema: Subject<'_>, rust_name: &str, subject: &str, field: &Field) -> Change {
    let detail = format!(
        "new {} property ({})",
        if field.required {
            "required"
        } else {
            "optional"
        },
        describe_type(schema.new, &field.ty)
    );
    let breaking = schema.in_request && field.required;
    if field.required {
        change(
            ChangeKind::Added,
            Group::Schemas,
            subject,
            &detail,
            breaking,
            Semver::Major,
        )
        .touching(RustUse::Construct, rust_name)
    } else {
        change(
            ChangeKind::Added,
            Group::Schemas,
            subject,
            &detail,
            breaking,
            Semver::Minor,
        )
        .touching(RustUse::Read, format!("{rust_name}.{}", field.rust_name))
    }
}

/// The changes to one property both releases have.
fn diff_property(
    property: Subject<'_>,
    rust_name: &str,
    before: &Field,
    after: &Field,
    out: &mut Vec<Change>,
) {
    let Subject {
        name,
        in_request,
        in_response,
        rust,
        ..
    } = property;
    let changed = |detail: &str, breaking: bool, semver: Semver| {
        let mut line = change(
            ChangeKind::Changed,
            Group::Schemas,
            name,
            detail,
            breaking,
            semver,
        );
        line.rust_item = Some(rust.clone());
        line
    };
    diff_value(property, &before.ty, &after.ty, out);
    if before.rust_name != after.rust_name {
        let detail = format!(
            "Rust field renamed from `{}` to `{}`",
            before.rust_name, after.rust_name
        );
        out.push(
            changed(&detail, false, Semver::Major)
                .touching(RustUse::Read, format!("{rust_name}.{}", before.rust_name)),
        );
    }
    if before.required != after.required {
        // Optional → required breaks senders; required → optional breaks readers. In Rust the field's type gains
        // or loses its `Option`, and `new` gains or loses the argument.
        let (detail, breaking) = if after.required {
            ("now required", in_request)
        } else {
            ("no longer required", in_response)
        };
        out.push(changed(detail, breaking, Semver::Major).touching(RustUse::Construct, rust_name));
    }
    if before.nullable != after.nullable {
        let (detail, breaking) = if after.nullable {
            ("may now be null", in_response)
        } else {
            ("may no longer be null", in_request)
        };
        out.push(changed(detail, breaking, Semver::Major));
    }
    if before.direction != after.direction {
        // A property that becomes read-only is ignored when sent; one that becomes write-only is no longer
        // returned. The Rust field stays; its required-ness is compared above.
        let breaking = (after.direction == Direction::ServerToClient && in_request)
            || (after.direction == Direction::ClientToServer && in_response);
        let detail = format!(
            "now {} (was {})",
            direction_text(after.direction),
            direction_text(before.direction)
        );
        out.push(changed(&detail, breaking, Semver::Patch));
    }
    if before.deprecated != after.deprecated {
        // `#[deprecated]` warns every caller that reads the field: cargo-semver-checks counts it as minor.
        let (detail, semver) = if after.deprecated {
            ("now deprecated", Semver::Minor)
        } else {
            ("no longer deprecated", Semver::Patch)
        };
        out.push(changed(detail, false, semver));
    }
    if before.default != after.default {
        // A client that leaves the property out now gets another value: oasdiff counts this as breaking for
        // request properties. The default is only documentation in Rust.
        let detail = format!(
            "default changed from {} to {}",
            before.default.as_deref().unwrap_or("none"),
            after.default.as_deref().unwrap_or("none")
        );
        out.push(changed(&detail, in_request, Semver::Patch));
    }
    diff_constraints(
        property,
        (&before.ty, &before.constraints),
        (&after.ty, &after.constraints),
        out,
    );
}

/// Which way a property travels, in a changelog line.
fn direction_text(direction: Direction) -> &'static str {
    match direction {
        Direction::Both => "sent both ways",
        Direction::ServerToClient => "read-only",
        Direction::ClientToServer => "write-only",
    }
}
