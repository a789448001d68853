//! Pagination: whether a list operation pages, and how. The styles are strategies tried in order (offset, cursor,
//! page number), each one function below with its rule; `x-pagination` on the operation can turn detection off,
//! force a style, or name the items property. The README ("Pagination") states the same rules for users.

use super::Lowerer;
use crate::ir::{
    Field, Pagination, PaginationStyle, Parameter, ParameterLocation, Primitive, Response, Struct,
    TypeKind, TypeRef,
};

/// Query parameters that carry a cursor, in order of preference.
const CURSOR_PARAMETERS: &[&str] = &[
    "cursor",
    "page_token",
    "pageToken",
    "next_token",
    "nextToken",
    "after",
];

/// Response fields that carry the next page's cursor, in order of preference.
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

/// Response fields that carry the total number of items.
const TOTAL_FIELDS: &[&str] = &["totalCount", "total_count", "total", "total_entries"];

/// A list operation being examined: its parameters and the object its success response returns.
struct ListSite<'s> {
    parameters: &'s [Parameter],
    page: &'s Struct,
}

impl ListSite<'_> {
    /// The index of an optional query parameter named `wire`, an integer one when `integer` is asked for.
    fn optional_query(&self, wire: &str, integer: bool) -> Option<usize> {
        self.parameters.iter().position(|p| {
            p.location == ParameterLocation::Query
                && !p.required
                && p.wire_name == wire
                && (!integer || is_integer(&p.ty))
        })
    }

    /// The first response field with one of `names`, a string one when `string` is asked for, else an integer.
    fn field(&self, names: &[&str], string: bool) -> Option<&Field> {
        self.page.fields.iter().find(|f| {
            names.contains(&f.wire_name.as_str())
                && if string {
                    f.ty == TypeRef::Primitive(Primitive::String)
                } else {
                    is_integer(&f.ty)
                }
        })
    }
}

impl<'a> Lowerer<'a> {
    /// Finds how a list operation pages. An `x-pagination` extension wins; otherwise the first style whose
    /// parameters and response fields the operation has, provided the response is an object with exactly one array
    /// property (or the one `x-pagination` names).
    pub(super) fn detect_pagination(
        &mut self,
        operation: &openapiv3::Operation,
        parameters: &[Parameter],
        success: &Response,
        pointer: &str,
    ) -> Option<Pagination> {
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
        let TypeKind::Struct(page) = &self.types[id.0].kind else {
            return None;
        };
        let arrays: Vec<&Field> = page
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
        let (items_field, items_depth, item) = (
            items.rust_name.clone(),
            items.option_depth(),
            (**item).clone(),
        );
        let site = ListSite { parameters, page };
        let style = match style_override {
            Some("offset") => offset_style(&site),
            Some("cursor") => cursor_style(&site),
            Some("page") => page_number_style(&site),
            Some(other) => {
                self.warn(
                    pointer,
                    format!("x-pagination: unknown style `{other}` (offset, cursor or page)"),
                );
                None
            }
            None => offset_style(&site)
                .or_else(|| cursor_style(&site))
                .or_else(|| page_number_style(&site)),
        };
        // An unknown style has had its warning; only a known one can lack what it needs.
        if style.is_none() && matches!(style_override, Some("offset" | "cursor" | "page")) {
            self.warn(
                pointer,
                "x-pagination: the operation lacks the parameters or response fields of that style",
            );
        }
        Some(Pagination {
            style: style?,
            items_field,
            items_depth,
            item,
        })
    }
}

/// Offset: optional integer query parameters `offset` and `limit`. The next offset is this one plus the items
/// received; a total field (`TOTAL_FIELDS`), when the page has one, ends the walk.
fn offset_style(site: &ListSite<'_>) -> Option<PaginationStyle> {
    let offset_parameter = site.optional_query("offset", true)?;
    site.optional_query("limit", true)?;
    let total_field = site
        .field(TOTAL_FIELDS, false)
        .map(|f| (f.rust_name.clone(), f.option_depth()));
    Some(PaginationStyle::Offset {
        offset_parameter,
        total_field,
    })
}

/// Cursor: an optional string query parameter of `CURSOR_PARAMETERS`, set from a string response field of
/// `NEXT_FIELDS` until that field is absent or empty.
fn cursor_style(site: &ListSite<'_>) -> Option<PaginationStyle> {
    let cursor_parameter = CURSOR_PARAMETERS
        .iter()
        .find_map(|name| site.optional_query(name, false))?;
    if site.parameters[cursor_parameter].ty != TypeRef::Primitive(Primitive::String) {
        return None;
    }
    let next = site.field(NEXT_FIELDS, true)?;
    Some(PaginationStyle::Cursor {
        cursor_parameter,
        next_field: next.rust_name.clone(),
        next_depth: next.option_depth(),
    })
}

/// Page number: an optional integer query parameter `page`, counted up from its default (or 1) until a page is
/// empty.
fn page_number_style(site: &ListSite<'_>) -> Option<PaginationStyle> {
    let page_parameter = site.optional_query("page", true)?;
    let first_page = site.parameters[page_parameter]
        .default
        .as_deref()
        .and_then(|d| d.parse().ok())
        .unwrap_or(1);
    Some(PaginationStyle::Page {
        page_parameter,
        first_page,
    })
}

fn is_integer(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Primitive(Primitive::I32 | Primitive::I64))
}
