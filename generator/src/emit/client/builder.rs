//! The request builder of an operation: a struct holding its parameters and body, with a setter for each optional
//! one; its `send`, `stream` and status enums come from their own modules.

use proc_macro2::TokenStream;
use quote::quote;

use super::outcomes::send_doc;
use super::send::send_method;
use super::send_text::send_text;
use super::status::{status_enum, StatusEnumKind};
use super::stream::stream_method;
use crate::emit::docs::{doc_attrs, doc_comment};
use crate::emit::format::Chunk;
use crate::emit::text::MARGIN;
use crate::emit::{ident, type_text, type_tokens, Scope};
use crate::ir::{Api, Operation, Parameter, Primitive, TypeRef};

/// Whether a parameter is taken as `impl Into<String>` (any string-like value) rather than its exact type.
pub(super) fn takes_string(parameter: &Parameter) -> bool {
    parameter.ty == TypeRef::Primitive(Primitive::String)
}

/// How the client method or setter takes a parameter: any string-like value for a string, else its exact type.
pub(super) fn argument_type(api: &Api, parameter: &Parameter) -> TokenStream {
    if takes_string(parameter) {
        quote!(impl Into<String>)
    } else {
        type_tokens(api, &parameter.ty, Scope::Client)
    }
}

/// The builder struct of an operation, its setters, and what the modules next to this one add to it. The struct
/// is written as text when no line of it could wrap (`struct_text`), the rest formatted from tokens.
pub(crate) fn request_builder(api: &Api, operation: &Operation) -> Chunk {
    let name = ident(&operation.builder_name);
    let doc = format!(
        " The request of [`Client::{}`]: set optional parameters, then call [`{}::send`].",
        operation.rust_name.trim_start_matches("r#"),
        operation.builder_name
    );
    let mut fields = Vec::new();
    // The same fields as text, `name: Type`.
    let mut field_lines = Vec::new();
    let mut setters = Vec::new();
    // The same setters as text, while every line fits (`SetterText`).
    let mut setter_text = SetterText::new();
    for parameter in &operation.parameters {
        let field = ident(&parameter.rust_name);
        let ty = type_tokens(api, &parameter.ty, Scope::Client);
        let ty_text = type_text(api, &parameter.ty, Scope::Client);
        if parameter.required {
            fields.push(quote!(#field: #ty));
            field_lines.push(format!("{}: {ty_text}", parameter.rust_name));
            continue;
        }
        fields.push(quote!(#field: Option<#ty>));
        field_lines.push(format!("{}: Option<{ty_text}>", parameter.rust_name));
        let default = parameter
            .default
            .as_ref()
            .map(|value| format!("The server's default is `{value}`."));
        let fallback = format!(
            "The `{}` {} parameter.",
            parameter.wire_name.replace('`', "'"),
            parameter.location.as_str()
        );
        let doc_paragraphs = [
            parameter.doc.as_deref().unwrap_or(&fallback),
            default.as_deref().unwrap_or_default(),
        ];
        let setter_doc = doc_attrs(doc_paragraphs);
        let argument = argument_type(api, parameter);
        let value = if takes_string(parameter) {
            quote!(value.into())
        } else {
            quote!(value)
        };
        setter_text.push(
            doc_paragraphs,
            &format!(
                "pub fn {}(mut self, value: {}) -> Self {{",
                parameter.rust_name,
                if takes_string(parameter) {
                    "impl Into<String>".to_owned()
                } else {
                    ty_text.clone()
                }
            ),
            &format!(
                "self.{} = Some({});",
                parameter.rust_name,
                if takes_string(parameter) {
                    "value.into()"
                } else {
                    "value"
                }
            ),
        );
        setters.push(quote! {
            #setter_doc
            pub fn #field(mut self, value: #argument) -> Self {
                self.#field = Some(#value);
                self
            }
        });
    }
    if let Some(body) = &operation.body {
        let ty = type_tokens(api, &body.ty, Scope::Client);
        let ty_text = type_text(api, &body.ty, Scope::Client);
        if body.required {
            fields.push(quote!(body: #ty));
            field_lines.push(format!("body: {ty_text}"));
        } else {
            fields.push(quote!(body: Option<#ty>));
            field_lines.push(format!("body: Option<{ty_text}>"));
            let doc_paragraphs = [body.doc.as_deref().unwrap_or("The request body.")];
            let setter_doc = doc_attrs(doc_paragraphs);
            setter_text.push(
                doc_paragraphs,
                &format!("pub fn body(mut self, value: {ty_text}) -> Self {{"),
                "self.body = Some(value);",
            );
            setters.push(quote! {
                #setter_doc
                pub fn body(mut self, value: #ty) -> Self {
                    self.body = Some(value);
                    self
                }
            });
        }
        if !body.alternatives.is_empty() {
            // 0 is the body's own media type; n is alternative n - 1.
            fields.push(quote!(body_media: usize));
            field_lines.push("body_media: usize".to_owned());
        }
        for (index, alternative) in body.alternatives.iter().enumerate() {
            let setter = ident(&alternative.setter);
            let doc = format!(
                " Sends the body as `{}` instead of `{}`.",
                alternative.media_type, body.media_type
            );
            let choice = proc_macro2::Literal::usize_unsuffixed(index + 1);
            setter_text.push_attribute_doc(
                &doc,
                &format!("pub fn {}(mut self) -> Self {{", alternative.setter),
                &format!("self.body_media = {};", index + 1),
            );
            setters.push(quote! {
                #[doc = #doc]
                pub fn #setter(mut self) -> Self {
                    self.body_media = #choice;
                    self
                }
            });
        }
    }
    fields.push(quote!(timeout: Option<std::time::Duration>));
    field_lines.push("timeout: Option<std::time::Duration>".to_owned());
    setters.push(quote! {
        /// A time limit for this call alone, instead of the client's.
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self.timeout = Some(timeout);
            self
        }
    });
    setter_text.push(
        ["A time limit for this call alone, instead of the client's."],
        "pub fn timeout(mut self, timeout: std::time::Duration) -> Self {",
        "self.timeout = Some(timeout);",
    );
    let stream = operation
        .pagination
        .as_ref()
        .map(|pagination| stream_method(api, operation, pagination));
    let success_enum = operation
        .success_by_status
        .as_ref()
        .map(|by_status| status_enum(api, operation, by_status, StatusEnumKind::Success));
    let error_enum = operation
        .error_by_status
        .as_ref()
        .map(|by_status| status_enum(api, operation, by_status, StatusEnumKind::Error));
    let impl_header = format!("impl<'a> {}<'a> {{", operation.builder_name);
    let struct_text = struct_text(&doc, &operation.builder_name, &field_lines);
    let send_text = send_text(api, operation, &send_doc(api, operation));
    if let (Some(struct_text), Some(setters_text)) = (&struct_text, setter_text.finish()) {
        if let (Some(send_text), true) = (&send_text, impl_header.len() <= STRUCT_TEXT_WIDTH) {
            let methods = format!("{setters_text}{send_text}");
            let Some(stream) = stream else {
                // The whole `impl` block is text: as tokens with nothing in it, it would print on one line.
                return Chunk {
                    leading_text: Some(format!("{struct_text}{impl_header}\n{methods}}}\n")),
                    after_first_line: None,
                    before_last_line: None,
                    tokens: quote!(#success_enum #error_enum),
                    trailing_text: None,
                    trailing_tokens: TokenStream::new(),
                };
            };
            return Chunk {
                leading_text: Some(struct_text.clone()),
                after_first_line: Some(methods),
                before_last_line: None,
                tokens: quote! {
                    impl<'a> #name<'a> {
                        #stream
                    }

                    #success_enum
                    #error_enum
                },
                trailing_text: None,
                trailing_tokens: TokenStream::new(),
            };
        }
        let send = send_method(api, operation);
        if impl_header.len() <= STRUCT_TEXT_WIDTH {
            // The impl's header is the first line its tokens print; the setters go right after it.
            let rest = quote! {
                impl<'a> #name<'a> {
                    #send
                    #stream
                }

                #success_enum
                #error_enum
            };
            return Chunk {
                leading_text: Some(struct_text.clone()),
                after_first_line: Some(setters_text),
                before_last_line: None,
                tokens: rest,
                trailing_text: None,
                trailing_tokens: TokenStream::new(),
            };
        }
    }
    let struct_tokens = || {
        quote! {
            #[doc = #doc]
            #[derive(Debug, Clone)]
            #[must_use = "a request does nothing until `send` is awaited"]
            pub struct #name<'a> {
                client: &'a Client,
                #( #fields, )*
            }
        }
    };
    if let (Some(send_text), None) = (send_text, &stream) {
        // The setters as tokens end the `impl` block's tokens, `send` as text after them; the per-status enums
        // are printed on their own after the block.
        let mut tokens = match struct_text {
            Some(_) => TokenStream::new(),
            None => struct_tokens(),
        };
        tokens.extend(quote! {
            impl<'a> #name<'a> {
                #( #setters )*
            }
        });
        return Chunk {
            leading_text: struct_text,
            after_first_line: None,
            before_last_line: Some(send_text),
            tokens,
            trailing_text: None,
            trailing_tokens: quote!(#success_enum #error_enum),
        };
    }
    let send = send_method(api, operation);
    let rest = quote! {
        impl<'a> #name<'a> {
            #( #setters )*
            #send
            #stream
        }

        #success_enum
        #error_enum
    };
    if let Some(text) = struct_text {
        return Chunk {
            leading_text: Some(text),
            after_first_line: None,
            before_last_line: None,
            tokens: rest,
            trailing_text: None,
            trailing_tokens: TokenStream::new(),
        };
    }
    let mut tokens = struct_tokens();
    tokens.extend(rest);
    tokens.into()
}

/// A builder's setters as `prettyplease` prints them inside its impl block, as long as every line fits in
/// [`STRUCT_TEXT_WIDTH`] and every doc line is one `prettyplease` prints as `///` (`None` from `finish`
/// otherwise). Setters are most of a builder's lines, and the same few recur in every builder.
struct SetterText {
    text: Option<String>,
}

impl SetterText {
    fn new() -> Self {
        SetterText {
            text: Some(String::new()),
        }
    }

    /// A setter documented by `paragraphs` (as `doc_attrs` takes them), with its signature and its one statement.
    fn push<'a>(
        &mut self,
        paragraphs: impl IntoIterator<Item = &'a str>,
        signature: &str,
        statement: &str,
    ) {
        if let Some(text) = &mut self.text {
            doc_comment(text, "    ", paragraphs);
        }
        self.push_fn(signature, statement);
    }

    /// A setter documented by one `#[doc]` line, given as its text.
    fn push_attribute_doc(&mut self, doc: &str, signature: &str, statement: &str) {
        if doc.contains('\n') || doc.starts_with('/') {
            self.text = None;
        }
        if let Some(text) = &mut self.text {
            text.push_str("    ///");
            text.push_str(doc.trim_end_matches(' '));
            text.push('\n');
        }
        self.push_fn(signature, statement);
    }

    fn push_fn(&mut self, signature: &str, statement: &str) {
        // A signature or statement wraps only past the margin (`emit/text.rs` states the rule for signatures;
        // an assignment's size runs to its `;`).
        if 4 + signature.len() > MARGIN || 8 + statement.len() > MARGIN {
            self.text = None;
        }
        if let Some(text) = &mut self.text {
            text.push_str("    ");
            text.push_str(signature);
            text.push_str("\n        ");
            text.push_str(statement);
            text.push_str("\n        self\n    }\n");
        }
    }

    fn finish(self) -> Option<String> {
        self.text
    }
}

/// The widest line of a builder struct written as text: `prettyplease` wraps a line only past its margin of 89
/// columns, so a struct whose lines all fit in this many prints as written. The rest are left to it.
const STRUCT_TEXT_WIDTH: usize = 80;

/// The builder struct as `prettyplease` prints it, or `None` when a line is long enough that it might wrap. The
/// builders are a fifth of a large client's items (22 000 for Microsoft Graph beta), each parsed and printed.
fn struct_text(doc: &str, name: &str, field_lines: &[String]) -> Option<String> {
    let header = format!("pub struct {name}<'a> {{");
    if header.len() > STRUCT_TEXT_WIDTH
        || field_lines
            .iter()
            .any(|line| 4 + line.len() + 1 > STRUCT_TEXT_WIDTH)
    {
        return None;
    }
    let mut text = String::with_capacity(256 + field_lines.len() * 48);
    text.push_str("///");
    text.push_str(doc.trim_end_matches(' '));
    text.push_str("\n#[derive(Debug, Clone)]\n#[must_use = \"a request does nothing until `send` is awaited\"]\n");
    text.push_str(&header);
    text.push_str("\n    client: &'a Client,\n");
    for line in field_lines {
        text.push_str("    ");
        text.push_str(line);
        text.push_str(",\n");
    }
    text.push_str("}\n");
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_structs_are_written_as_prettyplease_prints_them() {
        let doc = " The request of [`Client::list_pets`]: set optional parameters, then call [`ListPets::send`].";
        let long_type = format!("Option<Vec<types::{}>>", "A".repeat(45));
        let fields = [
            ("r#type", "Option<String>".to_owned()),
            ("body", "types::Pet".to_owned()),
            (
                "limit",
                "Option<std::collections::BTreeMap<String, Vec<i64>>>".to_owned(),
            ),
            ("select", long_type),
            ("timeout", "Option<std::time::Duration>".to_owned()),
        ];
        let lines: Vec<String> = fields
            .iter()
            .map(|(name, ty)| format!("{name}: {ty}"))
            .collect();
        let text = struct_text(doc, "ListPets", &lines).expect("every line fits");
        let field_tokens = fields.iter().map(|(name, ty)| {
            let name = ident(name);
            let ty: TokenStream = ty.parse().unwrap();
            quote!(#name: #ty)
        });
        let tokens = quote! {
            #[doc = #doc]
            #[derive(Debug, Clone)]
            #[must_use = "a request does nothing until `send` is awaited"]
            pub struct ListPets<'a> {
                client: &'a Client,
                #( #field_tokens, )*
            }
        };
        let printed = prettyplease::unparse(&syn::parse2(tokens).unwrap());
        assert_eq!(text, printed);
        let too_wide = vec![format!("select: Option<Vec<types::{}>>", "A".repeat(60))];
        assert_eq!(struct_text(doc, "ListPets", &too_wide), None);
    }

    #[test]
    fn setters_are_written_as_prettyplease_prints_them() {
        let mut text = SetterText::new();
        text.push(
            [
                "Show only the first n items  ",
                "The server's default is `10`.",
            ],
            "pub fn top(mut self, value: i64) -> Self {",
            "self.top = Some(value);",
        );
        text.push(
            ["```\nfenced   \n```"],
            "pub fn r#type(mut self, value: impl Into<String>) -> Self {",
            "self.r#type = Some(value.into());",
        );
        text.push_attribute_doc(
            " Sends the body as `a/b` instead of `c/d`.  ",
            "pub fn body_as_b(mut self) -> Self {",
            "self.body_media = 1;",
        );
        let setters = text.finish().expect("every line fits");
        let tokens = quote! {
            impl<'a> ListPets<'a> {
                #[doc = " Show only the first n items  "]
                #[doc = ""]
                #[doc = " The server's default is `10`."]
                pub fn top(mut self, value: i64) -> Self {
                    self.top = Some(value);
                    self
                }
                #[doc = " ```text"]
                #[doc = " fenced   "]
                #[doc = " ```"]
                pub fn r#type(mut self, value: impl Into<String>) -> Self {
                    self.r#type = Some(value.into());
                    self
                }
                #[doc = " Sends the body as `a/b` instead of `c/d`.  "]
                pub fn body_as_b(mut self) -> Self {
                    self.body_media = 1;
                    self
                }
            }
        };
        let printed = prettyplease::unparse(&syn::parse2(tokens).unwrap());
        assert_eq!(format!("impl<'a> ListPets<'a> {{\n{setters}}}\n"), printed);
        // Names across the margin: each setter is written exactly, or refused once a line would pass it.
        let mut written = 0;
        for length in 10..=60 {
            let name = "n".repeat(length);
            let signature = format!("pub fn {name}(mut self, value: impl Into<String>) -> Self {{");
            let mut text = SetterText::new();
            text.push(
                ["x"],
                &signature,
                &format!("self.{name} = Some(value.into());"),
            );
            let Some(setters) = text.finish() else {
                assert!(4 + signature.len() > MARGIN, "{length}");
                continue;
            };
            written += 1;
            let source = format!(
                "impl<'a> B<'a> {{ #[doc = \" x\"] pub fn {name}(mut self, value: impl Into<String>) -> Self {{ self.{name} = Some(value.into()); self }} }}"
            );
            let printed = prettyplease::unparse(&syn::parse_file(&source).unwrap());
            assert_eq!(format!("impl<'a> B<'a> {{\n{setters}}}\n"), printed);
        }
        assert_eq!(
            written, 23,
            "every signature of 89 columns or less is written"
        );
        let mut wide = SetterText::new();
        wide.push(
            ["x"],
            &format!(
                "pub fn a(mut self, value: types::{}) -> Self {{",
                "A".repeat(60)
            ),
            "self.a = Some(value);",
        );
        assert_eq!(wide.finish(), None);
    }
}
