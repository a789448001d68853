//! Pagination: whether a list operation pages, and how (offset, cursor or page number, or what `x-pagination`
//! says), by the rules in the README.

use super::Lowerer;
use crate::ir::{
    Field, Pagination, PaginationStyle, Parameter, ParameterLocation, Primitive, Response,
    TypeKind, TypeRef,
};

impl<'a> Lowerer<'a> {
    /// Finds how a list operation pages, by the rules in the README ("Pagination"): an `x-pagination` extension
    /// wins; otherwise `offset` + `limit`, a cursor parameter with a next-cursor response field, or a `page`
    /// parameter, each with exactly one array property in the response object (or the one `x-pagination` names).
    pub(super) fn detect_pagination(
        &mut self,
        operation: &openapiv3::Operation,
        parameters: &[Parameter],
        success: &Response,
        pointer: &str,
    ) -> Option<Pagination> {
        const CURSOR_PARAMETERS: &[&str] = &[
            "cursor",
            "page_token",
            "pageToken",
            "next_token",
            "nextToken",
            "after",
        ];
        const NEXT_FIELDS: &[&str] = &[
            "next_cursor",
            "nextCursor",
            "next_page_token",
            "nextPageToken",
            "next_token",
            "nextToken",
            "cursor",
            "next",
        ];
        const TOTAL_FIELDS: &[&str] = &["totalCount", "total_count", "total"];

        let extension = operation.extensions.get("x-pagination");
        if extension == Some(&serde_json::Value::Bool(false)) {
            return None;
        }
        let style_override = extension
            .and_then(|e| e.get("style"))
            .and_then(|v| v.as_str());
        let items_override = extension
            .and_then(|e| e.get("items"))
            .and_then(|v| v.as_str());
        let Response::Json(TypeRef::Named(id)) = success else {
            return None;
        };
        let TypeKind::Struct(body) = self.types[id.0].kind.clone() else {
            return None;
        };

        let arrays: Vec<&Field> = body
            .fields
            .iter()
            .filter(|field| matches!(field.ty, TypeRef::Array(_)))
            .filter(|field| items_override.is_none_or(|name| field.wire_name == name))
            .collect();
        let [items] = arrays.as_slice() else {
            if extension.is_some() {
                self.warn(pointer, "x-pagination: the response needs exactly one array property (name it with `items`)");
            }
            return None;
        };
        let TypeRef::Array(item) = &items.ty else {
            return None;
        };
        let optional_query = |wire: &str, integer: bool| {
            parameters.iter().position(|p| {
                p.location == ParameterLocation::Query
                    && !p.required
                    && p.wire_name == wire
                    && (!integer
                        || matches!(p.ty, TypeRef::Primitive(Primitive::I32 | Primitive::I64)))
            })
        };
        let field = |names: &[&str], string: bool| {
            body.fields.iter().find(|f| {
                names.contains(&f.wire_name.as_str())
                    && (!string || f.ty == TypeRef::Primitive(Primitive::String))
                    && (string
                        || matches!(f.ty, TypeRef::Primitive(Primitive::I32 | Primitive::I64)))
            })
        };

        let offset = || {
            let offset_parameter = optional_query("offset", true)?;
            optional_query("limit", true)?;
            let total_field =
                field(TOTAL_FIELDS, false).map(|f| (f.rust_name.clone(), f.option_depth()));
            Some(PaginationStyle::Offset {
                offset_parameter,
                total_field,
            })
        };
        let cursor = || {
            let cursor_parameter = CURSOR_PARAMETERS
                .iter()
                .find_map(|name| optional_query(name, false))?;
            if parameters[cursor_parameter].ty != TypeRef::Primitive(Primitive::String) {
                return None;
            }
            let next = field(NEXT_FIELDS, true)?;
            Some(PaginationStyle::Cursor {
                cursor_parameter,
                next_field: next.rust_name.clone(),
                next_depth: next.option_depth(),
            })
        };
        let page = || {
            let page_parameter = optional_query("page", true)?;
            let first_page = parameters[page_parameter]
                .default
                .as_deref()
                .and_then(|d| d.parse().ok())
                .unwrap_or(1);
            Some(PaginationStyle::Page {
                page_parameter,
                first_page,
            })
        };
        let style = match style_override {
            Some("offset") => offset(),
            Some("cursor") => cursor(),
            Some("page") => page(),
            Some(other) => {
                self.warn(
                    pointer,
                    format!("x-pagination: unknown style `{other}` (offset, cursor or page)"),
                );
                None
            }
            None => offset().or_else(cursor).or_else(page),
        };
        if style.is_none() && style_override.is_some() {
            self.warn(
                pointer,
                "x-pagination: the operation lacks the parameters or response fields of that style",
            );
        }
        Some(Pagination {
            style: style?,
            items_field: items.rust_name.clone(),
            items_depth: items.option_depth(),
            item: (**item).clone(),
        })
    }
}
