//! Comparing the parameters of one operation across two releases, matched by name and location (a path
//! parameter by its place in the template, so a rename is reported as one; a parameter of the same name in
//! another location as a move): parameters added and removed, and in each kept parameter its type,
//! required-ness, default, style and explode, and constraints.
//!
//! In Rust a required parameter is an argument of the client method and an optional one a setter of the request
//! builder, so a parameter that becomes required (or optional) moves from one to the other.

use super::constraints::diff_constraints;
use super::operations::{method_path, KeptOperation};
use super::paths::renamed_path_parameters;
use super::values::{describe_type, diff_value, Subject};
use super::{change, Change, ChangeKind, Group, RustItem, RustUse, Semver};
use crate::ir::{Operation, Parameter, ParameterLocation, QueryStyle};

/// How a parameter is named in a changelog: the operation, its location and its name.
fn parameter_subject(kept: &KeptOperation<'_>, parameter: &Parameter) -> String {
    format!(
        "{} · {} `{}`",
        kept.subject,
        parameter.location.as_str(),
        parameter.wire_name
    )
}

/// The crate item a parameter is: an argument of the client method, or a setter of the request builder.
fn parameter_item(operation: &Operation, parameter: &Parameter) -> RustItem {
    let path = if parameter.required {
        method_path(operation)
    } else {
        format!("{}::{}", operation.builder_name, parameter.rust_name)
    };
    RustItem {
        usage: RustUse::Call,
        path,
        also: Vec::new(),
    }
}

/// The parameters of a kept operation added, removed, renamed and changed.
pub(super) fn diff_parameters(kept: &KeptOperation<'_>, out: &mut Vec<Change>) {
    let renames = renamed_path_parameters(kept.before, kept.after);
    // The name a parameter of the new release had in the old one.
    let old_name = |parameter: &Parameter| -> String {
        if parameter.location == ParameterLocation::Path {
            if let Some((old, _)) = renames.iter().find(|(_, new)| *new == parameter.wire_name) {
                return old.clone();
            }
        }
        parameter.wire_name.clone()
    };
    for parameter in &kept.after.parameters {
        let name = parameter_subject(kept, parameter);
        let previous = kept
            .before
            .parameters
            .iter()
            .find(|p| p.wire_name == old_name(parameter) && p.location == parameter.location);
        match previous {
            None => match moved_from(kept, parameter) {
                Some(previous) => {
                    out.push(moved_parameter(kept, &name, previous, parameter));
                    diff_parameter(kept, &name, previous, parameter, out);
                }
                None => out.push(added_parameter(kept, &name, parameter)),
            },
            Some(previous) => {
                if previous.wire_name != parameter.wire_name {
                    let detail = format!(
                        "path parameter renamed from `{}` to `{}` (the same request; only the argument's name changes)",
                        previous.wire_name, parameter.wire_name
                    );
                    out.push(
                        change(
                            ChangeKind::Changed,
                            Group::Parameters,
                            &name,
                            &detail,
                            false,
                            Semver::Patch,
                        )
                        .touching(RustUse::Call, method_path(kept.after)),
                    );
                }
                diff_parameter(kept, &name, previous, parameter, out);
            }
        }
    }
    for parameter in &kept.before.parameters {
        let still_there = kept
            .after
            .parameters
            .iter()
            .any(|p| old_name(p) == parameter.wire_name && p.location == parameter.location);
        let moved = kept
            .after
            .parameters
            .iter()
            .any(|p| moved_from(kept, p).is_some_and(|from| std::ptr::eq(from, parameter)));
        if !still_there && !moved {
            out.push(Change {
                rust_item: Some(parameter_item(kept.before, parameter)),
                ..change(
                    ChangeKind::Removed,
                    Group::Parameters,
                    &parameter_subject(kept, parameter),
                    "parameter removed",
                    true,
                    Semver::Major,
                )
            });
        }
    }
}

/// The parameter of the old release that `parameter` moved from: the same name in another location, which the
/// new release no longer has.
fn moved_from<'a>(kept: &KeptOperation<'a>, parameter: &Parameter) -> Option<&'a Parameter> {
    let in_new = |p: &Parameter| {
        kept.after
            .parameters
            .iter()
            .any(|a| a.wire_name == p.wire_name && a.location == p.location)
    };
    let was_there = kept
        .before
        .parameters
        .iter()
        .any(|b| b.wire_name == parameter.wire_name && b.location == parameter.location);
    if was_there || parameter.location == ParameterLocation::Path {
        return None;
    }
    kept.before.parameters.iter().find(|b| {
        b.wire_name == parameter.wire_name
            && b.location != parameter.location
            && b.location != ParameterLocation::Path
            && !in_new(b)
    })
}

/// A parameter sent in another location (header → query): the server no longer reads it where clients send it
/// (oasdiff: removed and added). In Rust it keeps its argument or setter when its name is the same; a change of
/// required-ness or type is reported on its own.
fn moved_parameter(
    kept: &KeptOperation<'_>,
    name: &str,
    previous: &Parameter,
    parameter: &Parameter,
) -> Change {
    let detail = format!(
        "moved from {} to {}",
        previous.location.as_str(),
        parameter.location.as_str()
    );
    let same_rust_item =
        parameter_item(kept.before, previous) == parameter_item(kept.after, parameter);
    let semver = if same_rust_item {
        Semver::Patch
    } else {
        Semver::Major
    };
    Change {
        rust_item: Some(parameter_item(kept.before, previous)),
        ..change(
            ChangeKind::Changed,
            Group::Parameters,
            name,
            &detail,
            true,
            semver,
        )
    }
}

/// A new parameter: a required one is a new argument of the client method, an optional one a new setter.
fn added_parameter(kept: &KeptOperation<'_>, name: &str, parameter: &Parameter) -> Change {
    let detail = format!(
        "new {} parameter ({})",
        if parameter.required {
            "required"
        } else {
            "optional"
        },
        describe_type(kept.new, &parameter.ty)
    );
    let semver = if parameter.required {
        Semver::Major
    } else {
        Semver::Minor
    };
    Change {
        rust_item: Some(parameter_item(kept.after, parameter)),
        ..change(
            ChangeKind::Added,
            Group::Parameters,
            name,
            &detail,
            parameter.required,
            semver,
        )
    }
}

/// The changes to one parameter both releases have.
fn diff_parameter(
    kept: &KeptOperation<'_>,
    name: &str,
    previous: &Parameter,
    parameter: &Parameter,
    out: &mut Vec<Change>,
) {
    let rust = parameter_item(kept.after, parameter);
    let compared = Subject {
        old: kept.old,
        new: kept.new,
        name,
        group: Group::Parameters,
        in_request: true,
        in_response: false,
        rust: &rust,
    };
    let changed = |detail: &str, breaking: bool, semver: Semver| {
        change(
            ChangeKind::Changed,
            Group::Parameters,
            name,
            detail,
            breaking,
            semver,
        )
    };
    diff_value(compared, &previous.ty, &parameter.ty, out);
    if previous.required != parameter.required {
        let detail = if parameter.required {
            "now required"
        } else {
            "no longer required"
        };
        // The argument of the client method becomes a builder setter, or the other way round.
        let setter = format!("{}::{}", kept.after.builder_name, parameter.rust_name);
        out.push(
            changed(detail, parameter.required, Semver::Major)
                .touching(RustUse::Call, method_path(kept.after))
                .also_touching(setter),
        );
    }
    if previous.default != parameter.default {
        // A client that leaves the parameter out now gets another behaviour (oasdiff: breaking); in Rust the
        // default is documentation.
        let detail = format!(
            "default changed from {} to {}",
            previous.default.as_deref().unwrap_or("none"),
            parameter.default.as_deref().unwrap_or("none")
        );
        out.push(changed(&detail, true, Semver::Patch));
    }
    if previous.style != parameter.style {
        // The same value is written another way on the wire; the runtime follows the document.
        let detail = format!(
            "serialization changed from {} to {}",
            style_text(previous.style),
            style_text(parameter.style)
        );
        out.push(changed(&detail, true, Semver::Patch));
    }
    diff_constraints(
        compared,
        (&previous.ty, &previous.constraints),
        (&parameter.ty, &parameter.constraints),
        out,
    );
}

/// A query parameter's style and explode, as OpenAPI writes them.
fn style_text(style: QueryStyle) -> &'static str {
    match style {
        QueryStyle::Form { explode: true } => "form (explode)",
        QueryStyle::Form { explode: false } => "form (no explode)",
        QueryStyle::SpaceDelimited => "spaceDelimited",
        QueryStyle::PipeDelimited => "pipeDelimited",
        QueryStyle::DeepObject => "deepObject",
    }
}
