//! A compact, readable listing of an API's surface (types, fields, operations and their signatures), made from
//! the IR. Snapshots of it turn a spec release into a diff a reviewer can read in a minute.

use std::fmt::Write;

use crate::ir::{Api, Operation, Primitive, Response, TypeKind, TypeRef, UnionTagging};

/// The listing: operations first, then types, each in document order.
pub fn listing(api: &Api) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {} ({})", api.title, api.version);
    if let Some(url) = &api.default_base_url {
        let _ = writeln!(out, "server: {url}");
    }
    for scheme in &api.security_schemes {
        let _ = writeln!(out, "security scheme {}: {:?}", scheme.name, scheme.kind);
    }
    let _ = writeln!(out, "\n## Operations ({})", api.operations.len());
    for operation in &api.operations {
        write_operation(&mut out, api, operation);
    }
    let _ = writeln!(out, "\n## Types ({})", api.types.len());
    for def in &api.types {
        match &def.kind {
            TypeKind::Struct(data) => {
                let _ = writeln!(out, "struct {}", def.rust_name);
                for field in &data.fields {
                    let optional = if field.required { "" } else { "?" };
                    let nullable = if field.nullable { " | null" } else { "" };
                    let wire = if crate::naming::unraw(&field.rust_name) == field.wire_name {
                        String::new()
                    } else {
                        format!(" (\"{}\")", field.wire_name)
                    };
                    let _ = writeln!(
                        out,
                        "  {}{optional}: {}{nullable}{wire}",
                        field.rust_name,
                        type_text(api, &field.ty)
                    );
                }
                if let Some(extra) = &data.additional_properties {
                    let _ = writeln!(
                        out,
                        "  ..{}: map of {}",
                        extra.rust_name,
                        type_text(api, &extra.value)
                    );
                }
            }
            TypeKind::Enum(data) => {
                let values: Vec<&str> = data
                    .variants
                    .iter()
                    .map(|v| v.wire_value.as_str())
                    .collect();
                let _ = writeln!(out, "enum {} = {} | ..", def.rust_name, values.join(" | "));
            }
            TypeKind::Union(data) => {
                let variants: Vec<String> = data
                    .variants
                    .iter()
                    .map(|v| format!("{}({})", v.rust_name, type_text(api, &v.ty)))
                    .collect();
                let tagging = match &data.tagging {
                    UnionTagging::Untagged => "untagged".to_owned(),
                    UnionTagging::Tagged { property, .. } => format!("tagged by {property}"),
                };
                let _ = writeln!(
                    out,
                    "union {} ({tagging}) = {}",
                    def.rust_name,
                    variants.join(" | ")
                );
            }
            TypeKind::Alias(target) => {
                let _ = writeln!(out, "type {} = {}", def.rust_name, type_text(api, target));
            }
        }
    }
    out
}

fn write_operation(out: &mut String, api: &Api, operation: &Operation) {
    let required: Vec<String> = operation
        .parameters
        .iter()
        .filter(|p| p.required)
        .map(|p| format!("{}: {}", p.rust_name, type_text(api, &p.ty)))
        .chain(
            operation
                .body
                .iter()
                .filter(|b| b.required)
                .map(|b| format!("body: {}", type_text(api, &b.ty))),
        )
        .collect();
    let output = match &operation.success {
        Response::Json(ty) => type_text(api, ty),
        Response::Stream { item, .. } => format!("Stream<{}>", type_text(api, item)),
        Response::Text => "String".to_owned(),
        Response::Bytes => "Bytes".to_owned(),
        Response::Empty => "()".to_owned(),
    };
    let error = operation
        .error_body
        .as_ref()
        .map(|ty| type_text(api, ty))
        .unwrap_or_else(|| "-".to_owned());
    let _ = writeln!(
        out,
        "{}({}) -> {output} / error {error}  [{} {}]",
        operation.rust_name,
        required.join(", "),
        operation.method.as_str(),
        operation.path_template
    );
    for parameter in operation.parameters.iter().filter(|p| !p.required) {
        let location = parameter.location.as_str();
        let default = parameter
            .default
            .as_ref()
            .map(|d| format!(" = {d}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  .{}({}) {location} {}{default}",
            parameter.rust_name,
            type_text(api, &parameter.ty),
            parameter.wire_name
        );
    }
    if let Some(body) = operation.body.iter().find(|b| !b.required) {
        let _ = writeln!(out, "  .body({})", type_text(api, &body.ty));
    }
    if !operation.permissions.is_empty() {
        let _ = writeln!(out, "  permission: {}", operation.permissions.join(", "));
    }
    let _ = writeln!(out, "  auth: {}", operation.security_text());
}

fn type_text(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Primitive(primitive) => match primitive {
            Primitive::String => "String",
            Primitive::Bool => "bool",
            Primitive::I32 => "i32",
            Primitive::I64 => "i64",
            Primitive::U32 => "u32",
            Primitive::U64 => "u64",
            Primitive::I128 => "i128",
            Primitive::U128 => "u128",
            Primitive::Uuid => "Uuid",
            Primitive::Base64 => "Base64",
            Primitive::Secret => "Secret",
            Primitive::F32 => "f32",
            Primitive::F64 => "f64",
            Primitive::DateTime => "DateTime",
            Primitive::Date => "Date",
            Primitive::Json => "Json",
            Primitive::Bytes => "Bytes",
        }
        .to_owned(),
        TypeRef::Named(id) => api.type_def(*id).rust_name.clone(),
        TypeRef::Array(inner) => format!("Vec<{}>", type_text(api, inner)),
        TypeRef::Map(inner) => format!("Map<{}>", type_text(api, inner)),
        TypeRef::Tuple(members) => format!(
            "({})",
            members
                .iter()
                .map(|member| type_text(api, member))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
