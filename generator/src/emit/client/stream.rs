//! Pagination: the `stream` method of an operation whose responses are pages, which yields every item of every
//! page and requests the next page by offset, cursor or page number.

use proc_macro2::TokenStream;
use quote::quote;

use super::send::error_type;
use crate::emit::{ident, type_tokens, Scope};
use crate::ir::{Api, Operation, Pagination, PaginationStyle, Primitive, TypeRef};

/// `stream`: every item of every page, as a stream that fetches the next page when the current one is used up.
pub(super) fn stream_method(
    api: &Api,
    operation: &Operation,
    pagination: &Pagination,
) -> TokenStream {
    let item = type_tokens(api, &pagination.item, Scope::Client);
    let error_type = error_type(api, operation);
    let items_field = ident(&pagination.items_field);
    // A field may be wrapped in up to two `Option`s (absent, then null); read each as a plain `Option`.
    let (items, count) = match pagination.items_depth {
        0 => (quote!(page.#items_field), quote!(page.#items_field.len())),
        1 => (
            quote!(page.#items_field.unwrap_or_default()),
            quote!(page.#items_field.as_ref().map_or(0, Vec::len)),
        ),
        _ => (
            quote!(page.#items_field.flatten().unwrap_or_default()),
            quote!(page.#items_field.as_ref().and_then(Option::as_ref).map_or(0, Vec::len)),
        ),
    };
    let integer = |index: usize| match operation.parameters[index].ty {
        TypeRef::Primitive(Primitive::I32) => quote!(i32),
        _ => quote!(i64),
    };
    let (rule, body) = match &pagination.style {
        PaginationStyle::Offset {
            offset_parameter,
            total_field,
        } => {
            let offset = ident(&operation.parameters[*offset_parameter].rust_name);
            let integer = integer(*offset_parameter);
            let more = match total_field {
                Some((field, depth)) => {
                    let field = ident(field);
                    // Compared as `i128`, which holds every integer type exactly (and is never the type a
                    // document declares, so the casts are never redundant).
                    match depth {
                        0 => quote!((end as i128) < (page.#field as i128)),
                        1 => {
                            quote!(page.#field.is_none_or(|total| (end as i128) < (total as i128)))
                        }
                        _ => {
                            quote!(page.#field.flatten().is_none_or(|total| (end as i128) < (total as i128)))
                        }
                    }
                }
                None => quote!(true),
            };
            (
                "Pages are requested by `offset`, advanced by the number of items received, until a page is empty or the total is reached.",
                quote! {
                    let start = request.#offset.unwrap_or(0);
                    let page = request.clone().send().await?;
                    let end = start + #count as #integer;
                    let next = (#more).then(|| (end, request.#offset(end)));
                    Ok((#items, next))
                },
            )
        }
        PaginationStyle::Cursor {
            cursor_parameter,
            next_field,
            next_depth,
        } => {
            let cursor = ident(&operation.parameters[*cursor_parameter].rust_name);
            let next_field = ident(next_field);
            let next_value = match next_depth {
                0 => quote!(Some(std::mem::take(&mut page.#next_field))),
                1 => quote!(page.#next_field.take()),
                _ => quote!(page.#next_field.take().flatten()),
            };
            (
                "Pages are requested by cursor, taken from each response, until a response has no cursor or no items.",
                quote! {
                    let mut page = request.clone().send().await?;
                    let next = #next_value
                        .filter(|cursor| !cursor.is_empty())
                        .map(|cursor| (cursor.clone(), request.#cursor(cursor)));
                    Ok((#items, next))
                },
            )
        }
        PaginationStyle::Page {
            page_parameter,
            first_page,
        } => {
            let number = ident(&operation.parameters[*page_parameter].rust_name);
            let integer = integer(*page_parameter);
            let first = proc_macro2::Literal::i64_unsuffixed(*first_page);
            (
                "Pages are requested by number, counting up, until a page is empty.",
                quote! {
                    let number: #integer = request.#number.unwrap_or(#first);
                    let page = request.clone().send().await?;
                    Ok((#items, Some((number + 1, request.#number(number + 1)))))
                },
            )
        }
    };
    let doc = format!(
        " Every item of every page, fetched as the stream is read. {rule} The stream ends with \
         [`runtime::Error::Pagination`] when a page repeats the one before it or points back to one already \
         fetched, or after `Config::max_pages` pages."
    );
    quote! {
        #[doc = #doc]
        pub fn stream(self) -> impl futures_util::Stream<Item = Result<#item, #error_type>> + Unpin + 'a {
            let max_pages = self.client.core.max_pages();
            runtime::paginate(self, max_pages, |request| async move { #body })
        }
    }
}
