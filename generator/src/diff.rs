//! Comparing two releases of an API at the IR level, and classifying each change.
//!
//! Items are matched by identity, never by position: schemas and properties by name, operations by method and
//! path, parameters by name and location. A parameter or property that moves is therefore no change, and a
//! renamed one is a removal plus an addition.
//!
//! Each change is classified twice. `breaking` is for HTTP consumers and follows oasdiff's rules: a new required
//! request property or parameter, a removed operation, property, parameter or enum value, and a changed type
//! break; a new optional request input or a new response property does not. `semver` is the change's effect on the
//! generated Rust crate, whose structs and enums are `#[non_exhaustive]` with constructors, whose enums keep
//! unknown values, and whose optional parameters are builder setters, so additions are minor.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use serde::Serialize;

use crate::ir::{
    Api, EnumRepr, Operation, Primitive, Response, SecuritySchemeKind, TypeDef, TypeId, TypeKind,
    TypeRef,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Changed,
    Removed,
}

/// The sections of a changelog, in the order they are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Schemas,
    Operations,
    Parameters,
    RequestBodies,
    Responses,
    Security,
    Permissions,
}

impl Group {
    fn title(self) -> &'static str {
        match self {
            Group::Schemas => "Schemas",
            Group::Operations => "Operations",
            Group::Parameters => "Parameters",
            Group::RequestBodies => "Request bodies",
            Group::Responses => "Responses",
            Group::Security => "Security",
            Group::Permissions => "Permissions",
        }
    }
}

/// How a change affects the generated crate's version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Semver {
    Patch,
    Minor,
    Major,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub kind: ChangeKind,
    pub group: Group,
    /// What changed, for example `ApiToken.kind` or `GET /organizations/{organizationId}/tokens`.
    pub subject: String,
    /// The change in a sentence.
    pub detail: String,
    /// Whether the change can break an HTTP consumer.
    pub breaking: bool,
    pub semver: Semver,
}

/// Every change from `old` to `new`, in a stable order.
pub fn diff(old: &Api, new: &Api) -> Vec<Change> {
    let mut changes = Vec::new();
    let old_usage = Usage::of(old);
    let new_usage = Usage::of(new);
    diff_schemas(old, new, &new_usage, &old_usage, &mut changes);
    diff_operations(old, new, &mut changes);
    diff_security(old, new, &mut changes);
    changes.sort_by(|a, b| {
        (a.kind, a.group, &a.subject, &a.detail).cmp(&(b.kind, b.group, &b.subject, &b.detail))
    });
    changes.dedup();
    changes
}

/// The largest effect of a set of changes (patch when there are none).
pub fn suggested_bump(changes: &[Change]) -> Semver {
    changes
        .iter()
        .map(|change| change.semver)
        .max()
        .unwrap_or(Semver::Patch)
}

/// Applies a bump the way Cargo reads versions: below 1.0, the minor number is the breaking one.
pub fn bump_version(version: &str, bump: Semver) -> String {
    let mut parts: Vec<u64> = version
        .split('.')
        .map(|part| part.parse().unwrap_or(0))
        .collect();
    parts.resize(3, 0);
    let (major, minor, patch) = (parts[0], parts[1], parts[2]);
    match (major, bump) {
        (0, Semver::Major) => format!("0.{}.0", minor + 1),
        (0, _) => format!("0.{minor}.{}", patch + 1),
        (_, Semver::Major) => format!("{}.0.0", major + 1),
        (_, Semver::Minor) => format!("{major}.{}.0", minor + 1),
        (_, Semver::Patch) => format!("{major}.{minor}.{}", patch + 1),
    }
}

// ----- usage -------------------------------------------------------------------------------------------------

/// Which types a client sends (request bodies and parameters) and which it receives (responses).
struct Usage {
    requests: BTreeSet<TypeId>,
    responses: BTreeSet<TypeId>,
}

impl Usage {
    fn of(api: &Api) -> Self {
        let mut requests = Vec::new();
        let mut responses = Vec::new();
        for operation in &api.operations {
            requests.extend(operation.parameters.iter().map(|p| p.ty.clone()));
            requests.extend(operation.body.iter().map(|b| b.ty.clone()));
            if let Response::Json(ty) = &operation.success {
                responses.push(ty.clone());
            }
            responses.extend(operation.error_body.iter().cloned());
        }
        Self {
            requests: reachable(api, requests),
            responses: reachable(api, responses),
        }
    }
}

fn reachable(api: &Api, roots: Vec<TypeRef>) -> BTreeSet<TypeId> {
    let mut seen = BTreeSet::new();
    let mut pending = roots;
    while let Some(ty) = pending.pop() {
        let mut direct = BTreeSet::new();
        Api::referenced_types(&ty, &mut direct);
        for id in direct {
            if !seen.insert(id) {
                continue;
            }
            match &api.type_def(id).kind {
                TypeKind::Struct(data) => {
                    pending.extend(data.fields.iter().map(|f| f.ty.clone()));
                    pending.extend(data.additional_properties.iter().map(|a| a.value.clone()));
                }
                TypeKind::Union(union) => {
                    pending.extend(union.variants.iter().map(|v| v.ty.clone()))
                }
                TypeKind::Alias(target) => pending.push(target.clone()),
                TypeKind::Enum(_) => {}
            }
        }
    }
    seen
}

// ----- schemas -----------------------------------------------------------------------------------------------

/// A type as the wire sees it, independent of the Rust names lowering chose.
fn wire_type(api: &Api, ty: &TypeRef) -> String {
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
    }
}

fn is_inline(def: &TypeDef) -> bool {
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

fn components(api: &Api) -> BTreeMap<&str, TypeId> {
    api.types
        .iter()
        .enumerate()
        .filter(|(_, def)| !is_inline(def))
        .map(|(index, def)| (def.origin.as_str(), TypeId(index)))
        .collect()
}

fn diff_schemas(old: &Api, new: &Api, new_usage: &Usage, old_usage: &Usage, out: &mut Vec<Change>) {
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
        diff_schema(
            old,
            new,
            old.type_def(*old_id),
            new.type_def(*new_id),
            name,
            in_request,
            in_response,
            out,
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn diff_schema(
    old: &Api,
    new: &Api,
    old_def: &TypeDef,
    new_def: &TypeDef,
    name: &str,
    in_request: bool,
    in_response: bool,
    out: &mut Vec<Change>,
) {
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
                        diff_value(
                            old,
                            new,
                            &before.ty,
                            &field.ty,
                            &subject,
                            Group::Schemas,
                            in_request,
                            in_response,
                            out,
                        );
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
        (TypeKind::Alias(a), TypeKind::Alias(b)) => diff_value(
            old,
            new,
            a,
            b,
            name,
            Group::Schemas,
            in_request,
            in_response,
            out,
        ),
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

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "object",
        TypeKind::Enum(_) => "enum",
        TypeKind::Union(_) => "oneOf",
        TypeKind::Alias(_) => "alias",
    }
}

/// A type for a changelog line: its wire type, and the values of an enum.
fn describe_type(api: &Api, ty: &TypeRef) -> String {
    match enum_values(api, ty) {
        Some(values) => format!("{}: {}", wire_type(api, ty), values.join(", ")),
        None => wire_type(api, ty),
    }
}

/// Compares the types of one property or parameter: a changed type, or enum values added and removed.
#[allow(clippy::too_many_arguments)]
fn diff_value(
    old: &Api,
    new: &Api,
    before: &TypeRef,
    after: &TypeRef,
    subject: &str,
    group: Group,
    in_request: bool,
    in_response: bool,
    out: &mut Vec<Change>,
) {
    let (old_wire, new_wire) = (wire_type(old, before), wire_type(new, after));
    if old_wire != new_wire {
        let detail = format!("type changed from {old_wire} to {new_wire}");
        out.push(change(
            ChangeKind::Changed,
            group,
            subject,
            &detail,
            true,
            Semver::Major,
        ));
        return;
    }
    // Component enums are compared where they are defined; inline enums (and arrays of them) here.
    let inline_enum = |api: &Api, ty: &TypeRef| match ty {
        TypeRef::Named(id) => is_inline(api.type_def(*id)),
        TypeRef::Array(inner) => {
            matches!(&**inner, TypeRef::Named(id) if is_inline(api.type_def(*id)))
        }
        _ => false,
    };
    if inline_enum(new, after) {
        if let (Some(a), Some(b)) = (enum_values(old, before), enum_values(new, after)) {
            diff_enum_values(&a, &b, subject, group, in_request || in_response, out);
        }
    }
}

/// Enum values added (never breaking: the client keeps unknown values) and removed (breaking where used).
fn diff_enum_values(
    before: &[String],
    after: &[String],
    subject: &str,
    group: Group,
    used: bool,
    out: &mut Vec<Change>,
) {
    for value in after.iter().filter(|v| !before.contains(v)) {
        out.push(change(
            ChangeKind::Added,
            group,
            subject,
            &format!("new enum value `{value}`"),
            false,
            Semver::Minor,
        ));
    }
    for value in before.iter().filter(|v| !after.contains(v)) {
        out.push(change(
            ChangeKind::Removed,
            group,
            subject,
            &format!("enum value `{value}` removed"),
            used,
            Semver::Major,
        ));
    }
}

// ----- operations --------------------------------------------------------------------------------------------

fn route(operation: &Operation) -> String {
    format!("{} {}", operation.method.as_str(), operation.path_template)
}

fn operation_label(operation: &Operation) -> String {
    match &operation.operation_id {
        Some(id) => format!("{} ({id})", route(operation)),
        None => route(operation),
    }
}

fn diff_operations(old: &Api, new: &Api, out: &mut Vec<Change>) {
    let index = |api: &Api| -> BTreeMap<String, usize> {
        api.operations
            .iter()
            .enumerate()
            .map(|(i, op)| (route(op), i))
            .collect()
    };
    let (old_ops, new_ops) = (index(old), index(new));
    for (key, &i) in &new_ops {
        let operation = &new.operations[i];
        match old_ops.get(key) {
            None => {
                out.push(change(
                    ChangeKind::Added,
                    Group::Operations,
                    &operation_label(operation),
                    "new operation",
                    false,
                    Semver::Minor,
                ));
                if !operation.permissions.is_empty() {
                    let detail = format!("requires {}", operation.permissions.join(", "));
                    out.push(change(
                        ChangeKind::Added,
                        Group::Permissions,
                        &route(operation),
                        &detail,
                        false,
                        Semver::Patch,
                    ));
                }
            }
            Some(&j) => diff_operation(old, new, &old.operations[j], operation, out),
        }
    }
    for (key, &j) in &old_ops {
        if !new_ops.contains_key(key) {
            out.push(change(
                ChangeKind::Removed,
                Group::Operations,
                &operation_label(&old.operations[j]),
                "operation removed",
                true,
                Semver::Major,
            ));
        }
    }
}

fn diff_operation(
    old: &Api,
    new: &Api,
    before: &Operation,
    after: &Operation,
    out: &mut Vec<Change>,
) {
    let subject = route(after);
    if before.operation_id != after.operation_id {
        let detail = format!(
            "operationId changed from {} to {} (the client method is renamed)",
            before.operation_id.as_deref().unwrap_or("none"),
            after.operation_id.as_deref().unwrap_or("none")
        );
        out.push(change(
            ChangeKind::Changed,
            Group::Operations,
            &subject,
            &detail,
            false,
            Semver::Major,
        ));
    }
    if before.deprecated != after.deprecated && after.deprecated {
        out.push(change(
            ChangeKind::Changed,
            Group::Operations,
            &subject,
            "now deprecated",
            false,
            Semver::Patch,
        ));
    }

    for parameter in &after.parameters {
        let name = format!(
            "{subject} · {} `{}`",
            parameter.location.as_str(),
            parameter.wire_name
        );
        match before
            .parameters
            .iter()
            .find(|p| p.wire_name == parameter.wire_name && p.location == parameter.location)
        {
            None => {
                let detail = format!(
                    "new {} parameter ({})",
                    if parameter.required {
                        "required"
                    } else {
                        "optional"
                    },
                    describe_type(new, &parameter.ty)
                );
                let semver = if parameter.required {
                    Semver::Major
                } else {
                    Semver::Minor
                };
                out.push(change(
                    ChangeKind::Added,
                    Group::Parameters,
                    &name,
                    &detail,
                    parameter.required,
                    semver,
                ));
            }
            Some(previous) => {
                diff_value(
                    old,
                    new,
                    &previous.ty,
                    &parameter.ty,
                    &name,
                    Group::Parameters,
                    true,
                    false,
                    out,
                );
                if previous.required != parameter.required {
                    let detail = if parameter.required {
                        "now required"
                    } else {
                        "no longer required"
                    };
                    out.push(change(
                        ChangeKind::Changed,
                        Group::Parameters,
                        &name,
                        detail,
                        parameter.required,
                        Semver::Major,
                    ));
                }
                if previous.default != parameter.default {
                    let detail = format!(
                        "default changed from {} to {}",
                        previous.default.as_deref().unwrap_or("none"),
                        parameter.default.as_deref().unwrap_or("none")
                    );
                    out.push(change(
                        ChangeKind::Changed,
                        Group::Parameters,
                        &name,
                        &detail,
                        false,
                        Semver::Patch,
                    ));
                }
            }
        }
    }
    for parameter in &before.parameters {
        if !after
            .parameters
            .iter()
            .any(|p| p.wire_name == parameter.wire_name && p.location == parameter.location)
        {
            let name = format!(
                "{subject} · {} `{}`",
                parameter.location.as_str(),
                parameter.wire_name
            );
            out.push(change(
                ChangeKind::Removed,
                Group::Parameters,
                &name,
                "parameter removed",
                true,
                Semver::Major,
            ));
        }
    }

    match (&before.body, &after.body) {
        (None, Some(body)) => {
            let detail = format!("request body added ({})", describe_type(new, &body.ty));
            out.push(change(
                ChangeKind::Added,
                Group::RequestBodies,
                &subject,
                &detail,
                body.required,
                Semver::Major,
            ));
        }
        (Some(_), None) => out.push(change(
            ChangeKind::Removed,
            Group::RequestBodies,
            &subject,
            "request body removed",
            true,
            Semver::Major,
        )),
        (Some(a), Some(b)) => {
            diff_value(
                old,
                new,
                &a.ty,
                &b.ty,
                &subject,
                Group::RequestBodies,
                true,
                false,
                out,
            );
            if a.required != b.required {
                let detail = if b.required {
                    "request body now required"
                } else {
                    "request body no longer required"
                };
                out.push(change(
                    ChangeKind::Changed,
                    Group::RequestBodies,
                    &subject,
                    detail,
                    b.required,
                    Semver::Major,
                ));
            }
        }
        (None, None) => {}
    }

    let response_text = |api: &Api, response: &Response| match response {
        Response::Json(ty) => wire_type(api, ty),
        Response::Text => "text".to_owned(),
        Response::Bytes => "bytes".to_owned(),
        Response::Empty => "no content".to_owned(),
    };
    let (a, b) = (
        response_text(old, &before.success),
        response_text(new, &after.success),
    );
    if a != b {
        out.push(change(
            ChangeKind::Changed,
            Group::Responses,
            &subject,
            &format!("success response changed from {a} to {b}"),
            true,
            Semver::Major,
        ));
    }

    if before.permissions != after.permissions {
        let kind = if before.permissions.is_empty() {
            ChangeKind::Added
        } else if after.permissions.is_empty() {
            ChangeKind::Removed
        } else {
            ChangeKind::Changed
        };
        let detail = match kind {
            ChangeKind::Removed => format!("no longer documents {}", before.permissions.join(", ")),
            ChangeKind::Added => format!("requires {}", after.permissions.join(", ")),
            ChangeKind::Changed => format!(
                "requires {} (was {})",
                after.permissions.join(", "),
                before.permissions.join(", ")
            ),
        };
        out.push(change(
            kind,
            Group::Permissions,
            &subject,
            &detail,
            false,
            Semver::Patch,
        ));
    }
    if before.security != after.security {
        let detail = format!(
            "security changed from {} to {}",
            before.security_text(),
            after.security_text()
        );
        out.push(change(
            ChangeKind::Changed,
            Group::Security,
            &subject,
            &detail,
            true,
            Semver::Minor,
        ));
    }
}

// ----- security ----------------------------------------------------------------------------------------------

fn scheme_text(kind: &SecuritySchemeKind) -> String {
    match kind {
        SecuritySchemeKind::Bearer => "HTTP bearer".to_owned(),
        SecuritySchemeKind::OAuth2 => "OAuth2 / OpenID Connect".to_owned(),
        SecuritySchemeKind::Basic => "HTTP basic".to_owned(),
        SecuritySchemeKind::ApiKey {
            location: place,
            name,
        } => format!("API key `{name}` in {}", place.as_str()),
        SecuritySchemeKind::Unsupported { description } => description.clone(),
    }
}

fn diff_security(old: &Api, new: &Api, out: &mut Vec<Change>) {
    for scheme in &new.security_schemes {
        match old.security_schemes.iter().find(|s| s.name == scheme.name) {
            None => out.push(change(
                ChangeKind::Added,
                Group::Security,
                &scheme.name,
                &format!("new security scheme ({})", scheme_text(&scheme.kind)),
                false,
                Semver::Minor,
            )),
            Some(before) if before.kind != scheme.kind => {
                let detail = format!(
                    "scheme changed from {} to {}",
                    scheme_text(&before.kind),
                    scheme_text(&scheme.kind)
                );
                out.push(change(
                    ChangeKind::Changed,
                    Group::Security,
                    &scheme.name,
                    &detail,
                    true,
                    Semver::Major,
                ));
            }
            Some(_) => {}
        }
    }
    for scheme in &old.security_schemes {
        if !new.security_schemes.iter().any(|s| s.name == scheme.name) {
            out.push(change(
                ChangeKind::Removed,
                Group::Security,
                &scheme.name,
                "security scheme removed",
                true,
                Semver::Major,
            ));
        }
    }
}

fn change(
    kind: ChangeKind,
    group: Group,
    subject: &str,
    detail: &str,
    breaking: bool,
    semver: Semver,
) -> Change {
    Change {
        kind,
        group,
        subject: subject.to_owned(),
        detail: detail.to_owned(),
        breaking,
        semver,
    }
}

// ----- rendering ---------------------------------------------------------------------------------------------

/// A changelog in the form Astronomer publishes: Summary, then Added / Changed / Removed, grouped.
pub fn render_markdown(title: &str, changes: &[Change]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## {title}\n");
    let _ = writeln!(out, "### Summary");
    if changes.is_empty() {
        let _ = writeln!(out, "- No changes to the API surface.");
    }
    for kind in [ChangeKind::Added, ChangeKind::Changed, ChangeKind::Removed] {
        let of_kind: Vec<&Change> = changes.iter().filter(|c| c.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let mut per_group: BTreeMap<Group, usize> = BTreeMap::new();
        for c in &of_kind {
            *per_group.entry(c.group).or_default() += 1;
        }
        let parts: Vec<String> = per_group
            .iter()
            .map(|(group, n)| format!("{n} in {}", group.title().to_lowercase()))
            .collect();
        let verb = match kind {
            ChangeKind::Added => "Added",
            ChangeKind::Changed => "Changed",
            ChangeKind::Removed => "Removed",
        };
        let _ = writeln!(out, "- {verb}: {}.", parts.join(", "));
    }
    let breaking = changes.iter().filter(|c| c.breaking).count();
    let _ = writeln!(
        out,
        "- Breaking for HTTP clients: {}. Suggested crate version bump: {}.",
        if breaking == 0 {
            "none".to_owned()
        } else {
            format!("{breaking} change(s), marked **breaking**")
        },
        semver_text(suggested_bump(changes))
    );
    for kind in [ChangeKind::Added, ChangeKind::Changed, ChangeKind::Removed] {
        let of_kind: Vec<&Change> = changes.iter().filter(|c| c.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let heading = match kind {
            ChangeKind::Added => "Added",
            ChangeKind::Changed => "Changed",
            ChangeKind::Removed => "Removed",
        };
        let _ = writeln!(out, "\n### {heading}");
        let mut current_group = None;
        let mut current_subject: Option<&str> = None;
        for c in of_kind {
            if current_group != Some(c.group) {
                let _ = writeln!(out, "- {}", c.group.title());
                current_group = Some(c.group);
                current_subject = None;
            }
            if current_subject != Some(c.subject.as_str()) {
                let _ = writeln!(out, "  - {}", c.subject);
                current_subject = Some(c.subject.as_str());
            }
            let flag = if c.breaking { " **breaking**" } else { "" };
            let _ = writeln!(out, "    - {}{flag} ({})", c.detail, semver_text(c.semver));
        }
    }
    out
}

fn semver_text(semver: Semver) -> &'static str {
    match semver {
        Semver::Patch => "patch",
        Semver::Minor => "minor",
        Semver::Major => "major",
    }
}
