//! Pagination: the `stream` method of an operation whose responses are pages, which yields every item of every
//! page and requests the next page by offset, cursor or page number; as tokens, and as the text `prettyplease`
//! prints for them when every line of it is modelled.

use proc_macro2::TokenStream;
use quote::quote;

use super::send::error_type;
use super::send_call;
use crate::emit::text::{last_input_line, CodeText, INDENT, MARGIN};
use crate::emit::{ident, type_text, type_tokens, Scope};
use crate::ir::{Api, Operation, Pagination, PaginationStyle, Primitive, TypeRef};

/// The indents of `stream` inside the builder's `impl` block, of its statements, of `paginate`'s arguments and
/// of the closure's statements.
const FN_INDENT: usize = INDENT;
const BODY_INDENT: usize = 2 * INDENT;
const ARGUMENT_INDENT: usize = 3 * INDENT;
const CLOSURE_INDENT: usize = 4 * INDENT;

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
    let integer = |index: usize| {
        let integer = ident(integer_type(operation, index));
        quote!(#integer)
    };
    let body = match &pagination.style {
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
            quote! {
                let start = request.#offset.unwrap_or(0);
                let page = request.clone().send().await?;
                let end = start + #count as #integer;
                let next = (#more).then(|| (end, request.#offset(end)));
                Ok((#items, next))
            }
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
            quote! {
                let mut page = request.clone().send().await?;
                let next = #next_value
                    .filter(|cursor| !cursor.is_empty())
                    .map(|cursor| (cursor.clone(), request.#cursor(cursor)));
                Ok((#items, next))
            }
        }
        PaginationStyle::Page {
            page_parameter,
            first_page,
        } => {
            let number = ident(&operation.parameters[*page_parameter].rust_name);
            let integer = integer(*page_parameter);
            let first = proc_macro2::Literal::i64_unsuffixed(*first_page);
            quote! {
                let number: #integer = request.#number.unwrap_or(#first);
                let page = request.clone().send().await?;
                Ok((#items, Some((number + 1, request.#number(number + 1)))))
            }
        }
    };
    let doc = stream_doc(pagination);
    quote! {
        #[doc = #doc]
        pub fn stream(self) -> impl futures_util::Stream<Item = Result<#item, #error_type>> + Unpin + 'a {
            let max_pages = self.client.core.max_pages();
            runtime::paginate(self, max_pages, |request| async move { #body })
        }
    }
}

/// The doc of `stream`: what it yields, how it asks for the next page, and when it stops.
fn stream_doc(pagination: &Pagination) -> String {
    let rule = match &pagination.style {
        PaginationStyle::Offset { .. } => {
            "Pages are requested by `offset`, advanced by the number of items received, until a page is empty or the total is reached."
        }
        PaginationStyle::Cursor { .. } => {
            "Pages are requested by cursor, taken from each response, until a response has no cursor or no items."
        }
        PaginationStyle::Page { .. } => {
            "Pages are requested by number, counting up, until a page is empty."
        }
    };
    format!(
        " Every item of every page, fetched as the stream is read. {rule} The stream ends with \
         [`runtime::Error::Pagination`] when a page repeats the one before it or points back to one already \
         fetched, or after `Config::max_pages` pages."
    )
}

/// The integer type of the offset or page-number parameter at `index`.
fn integer_type(operation: &Operation, index: usize) -> &'static str {
    match operation.parameters[index].ty {
        TypeRef::Primitive(Primitive::I32) => "i32",
        _ => "i64",
    }
}

/// `let next = receiver.call()…;` in the closure, given as its receiver and its calls: on one line when it fits,
/// else broken before each call, the receiver staying after `=`; a line too long for that is refused.
fn next_statement(text: &mut CodeText, chain: &[String]) {
    let statement = format!("let next = {};", chain.concat());
    if CLOSURE_INDENT + statement.len() <= MARGIN {
        text.fixed_line(CLOSURE_INDENT, &statement);
        return;
    }
    let [receiver, calls @ .., last] = chain else {
        text.refuse();
        return;
    };
    text.line(CLOSURE_INDENT, &format!("let next = {receiver}"));
    for call in calls {
        text.line(CLOSURE_INDENT + INDENT, call);
    }
    text.line(CLOSURE_INDENT + INDENT, &format!("{last};"));
}

/// [`stream_method`] as the text `prettyplease` prints for it, or `None` when a line of it would be broken in a
/// way not modelled here (a statement or a call of the cursor's chain past the margin, an item type that breaks
/// further than one argument a line, a return type short enough to stay on one line).
pub(super) fn stream_text(
    api: &Api,
    operation: &Operation,
    pagination: &Pagination,
) -> Option<String> {
    let mut text = CodeText::new();
    text.doc_line(FN_INDENT, &stream_doc(pagination));
    let item = format!(
        "Result<{}, {}>",
        type_text(api, &pagination.item, Scope::Client),
        send_call::error_type(operation).text(api)
    );
    let one_line_output = format!(") -> impl futures_util::Stream<Item = {item}> + Unpin + 'a {{");
    if FN_INDENT + one_line_output.len() <= MARGIN {
        return None;
    }
    text.fixed_line(FN_INDENT, "pub fn stream(");
    text.fixed_line(BODY_INDENT, "self,");
    text.fixed_line(FN_INDENT, ") -> impl futures_util::Stream<");
    text.lines(&last_input_line(BODY_INDENT, "Item = ", &item)?);
    text.fixed_line(FN_INDENT, "> + Unpin + 'a {");
    text.fixed_line(BODY_INDENT, "let max_pages = self.client.core.max_pages();");
    text.fixed_line(BODY_INDENT, "runtime::paginate(");
    text.fixed_line(ARGUMENT_INDENT, "self,");
    text.fixed_line(ARGUMENT_INDENT, "max_pages,");
    text.fixed_line(ARGUMENT_INDENT, "|request| async move {");
    let field = &pagination.items_field;
    let items = match pagination.items_depth {
        0 => format!("page.{field}"),
        1 => format!("page.{field}.unwrap_or_default()"),
        _ => format!("page.{field}.flatten().unwrap_or_default()"),
    };
    let parameter = |index: usize| operation.parameters[index].rust_name.as_str();
    // The statements before `Ok(..)`, and the next page that `Ok(..)` returns.
    let next = match &pagination.style {
        PaginationStyle::Offset {
            offset_parameter,
            total_field,
        } => {
            let offset = parameter(*offset_parameter);
            let count = match pagination.items_depth {
                0 => format!("page.{field}.len()"),
                1 => format!("page.{field}.as_ref().map_or(0, Vec::len)"),
                _ => format!("page.{field}.as_ref().and_then(Option::as_ref).map_or(0, Vec::len)"),
            };
            let more = match total_field {
                Some((total, 0)) => format!("(end as i128) < (page.{total} as i128)"),
                Some((total, 1)) => {
                    format!("page.{total}.is_none_or(|total| (end as i128) < (total as i128))")
                }
                Some((total, _)) => format!(
                    "page.{total}.flatten().is_none_or(|total| (end as i128) < (total as i128))"
                ),
                None => "true".to_owned(),
            };
            let integer = integer_type(operation, *offset_parameter);
            text.line(
                CLOSURE_INDENT,
                &format!("let start = request.{offset}.unwrap_or(0);"),
            );
            text.fixed_line(CLOSURE_INDENT, "let page = request.clone().send().await?;");
            text.line(
                CLOSURE_INDENT,
                &format!("let end = start + {count} as {integer};"),
            );
            let then = format!(".then(|| (end, request.{offset}(end)))");
            next_statement(&mut text, &[format!("({more})"), then]);
            "next".to_owned()
        }
        PaginationStyle::Cursor {
            cursor_parameter,
            next_field,
            next_depth,
        } => {
            let cursor = parameter(*cursor_parameter);
            let mut chain = match next_depth {
                0 => vec![format!("Some(std::mem::take(&mut page.{next_field}))")],
                1 => vec![
                    "page".to_owned(),
                    format!(".{next_field}"),
                    ".take()".to_owned(),
                ],
                _ => vec![
                    "page".to_owned(),
                    format!(".{next_field}"),
                    ".take()".to_owned(),
                    ".flatten()".to_owned(),
                ],
            };
            chain.push(".filter(|cursor| !cursor.is_empty())".to_owned());
            chain.push(format!(
                ".map(|cursor| (cursor.clone(), request.{cursor}(cursor)))"
            ));
            text.fixed_line(
                CLOSURE_INDENT,
                "let mut page = request.clone().send().await?;",
            );
            next_statement(&mut text, &chain);
            "next".to_owned()
        }
        PaginationStyle::Page {
            page_parameter,
            first_page,
        } => {
            let number = parameter(*page_parameter);
            let integer = integer_type(operation, *page_parameter);
            text.line(
                CLOSURE_INDENT,
                &format!("let number: {integer} = request.{number}.unwrap_or({first_page});"),
            );
            text.fixed_line(CLOSURE_INDENT, "let page = request.clone().send().await?;");
            format!("Some((number + 1, request.{number}(number + 1)))")
        }
    };
    text.line(CLOSURE_INDENT, &format!("Ok(({items}, {next}))"));
    text.fixed_line(ARGUMENT_INDENT, "},");
    text.fixed_line(BODY_INDENT, ")");
    text.fixed_line(FN_INDENT, "}");
    text.finish()
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    /// List operations of every style, with an item type, an items property and a total or next-cursor field of
    /// lengths from 1 to 70, each field required, optional or optional and nullable, and with or without typed
    /// errors.
    fn document() -> String {
        let mut paths = String::new();
        let mut schemas =
            String::from("    Problem: {type: object, properties: {m: {type: string}}}\n");
        for length in (1..=70).step_by(3) {
            let item = format!("I{}", "i".repeat(length));
            let items = format!("data{}", "d".repeat(length));
            let _ = writeln!(
                schemas,
                "    {item}: {{type: object, properties: {{m: {{type: string}}}}}}"
            );
            let errors = if length % 2 == 0 {
                "        \"404\": {description: no, content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}\n        \"409\": {description: clash, content: {application/json: {schema: {type: object, properties: {c: {type: integer}}}}}}\n"
            } else {
                ""
            };
            // A field's depth: required, optional, optional and nullable.
            let styles = [
                ("offset", "total", "{name: offset, in: query, schema: {type: integer}}, {name: limit, in: query, schema: {type: integer, format: int32}}"),
                ("offset", "count", "{name: offset, in: query, schema: {type: integer, format: int32}}, {name: limit, in: query, schema: {type: integer}}"),
                ("cursor", "next_cursor", "{name: cursor, in: query, schema: {type: string}}"),
                ("page", "count", "{name: page, in: query, schema: {type: integer, default: 0}}"),
            ];
            for (style_index, (style, field, parameters)) in styles.iter().enumerate() {
                let field_type = if *style == "cursor" {
                    "string"
                } else {
                    "integer"
                };
                for depth in 0..3 {
                    // The items property takes the depth after the field's, so every pair is met.
                    let items_depth = (depth + 1) % 3;
                    let required: Vec<&str> = [(depth, *field), (items_depth, items.as_str())]
                        .into_iter()
                        .filter(|(depth, _)| *depth == 0)
                        .map(|(_, name)| name)
                        .collect();
                    let required = if required.is_empty() {
                        String::new()
                    } else {
                        format!("                required: [{}]\n", required.join(", "))
                    };
                    let nullable = |depth: usize| if depth == 2 { ", nullable: true" } else { "" };
                    let (field_nullable, items_nullable) = (nullable(depth), nullable(items_depth));
                    let _ = write!(
                        paths,
                        r#"
  /{style}{style_index}/d{depth}/{length}:
    get:
      operationId: list{style_index}x{depth}x{length}
      parameters: [{parameters}]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  {field}: {{type: {field_type}{field_nullable}}}
                  {items}: {{type: array, items: {{$ref: '#/components/schemas/{item}'}}{items_nullable}}}
{required}{errors}"#
                    );
                }
            }
        }
        format!("openapi: 3.0.3\ninfo: {{title: Pages, version: '1'}}\npaths:{paths}components:\n  schemas:\n{schemas}")
    }

    #[test]
    fn stream_is_written_as_prettyplease_prints_it() {
        let lowered = crate::lower_str(&document(), "pages.yaml").expect("the document lowers");
        let api = &lowered.api;
        let mut written = String::new();
        let mut paginated = 0;
        for operation in &api.operations {
            let Some(pagination) = &operation.pagination else {
                continue;
            };
            paginated += 1;
            let tokens = stream_method(api, operation, pagination);
            let printed = prettyplease::unparse(
                &syn::parse2(quote!(impl<'a> B<'a> { #tokens })).expect("tokens parse"),
            );
            if let Some(text) = stream_text(api, operation, pagination) {
                assert_eq!(
                    format!("impl<'a> B<'a> {{\n{text}}}\n"),
                    printed,
                    "{}",
                    operation.rust_name
                );
                written.push_str(&text);
            }
        }
        assert!(paginated >= 200, "only {paginated} operations page");
        for layout in [
            "        Item = Result<types::I",
            "        Item = Result<\n            types::I",
            "let start = request.offset.unwrap_or(0);",
            " as i32;",
            " as i64;",
            "let next = (true).then(",
            "let next = ((end as i128) < (page.total as i128))\n                    .then(",
            ".as_ref().map_or(0, Vec::len) as",
            "let next = page\n                    .next_cursor\n                    .take()\n                    .filter(",
            "                    .take()\n                    .flatten()\n",
            "let next = Some(std::mem::take(&mut page.next_cursor))\n",
            "let number: i64 = request.page.unwrap_or(0);",
            "Ok((page.data",
            ".flatten().unwrap_or_default(), next))",
        ] {
            assert!(written.contains(layout), "no stream written as {layout:?}");
        }
    }
}
