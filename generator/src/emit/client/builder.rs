//! The request builder of an operation: a struct holding its parameters and body, with a setter for each optional
//! one; its `send`, `stream` and status enums come from their own modules.

use proc_macro2::TokenStream;
use quote::quote;

use super::outcomes::send_doc;
use super::send::send_method;
use super::send_text::send_text;
use super::status::{status_enum, status_enum_text, StatusEnumKind};
use super::stream::{stream_method, stream_text};
use crate::emit::docs::doc_attrs;
use crate::emit::format::Chunk;
use crate::emit::text::{type_line, CodeText, INDENT, MARGIN};
use crate::emit::{ident, type_text, type_tokens, Scope};
use crate::ir::{Api, BodyAlternative, Operation, Parameter, Primitive, RequestBody, TypeRef};

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

/// The builder struct of an operation, its setters, and what the modules next to this one add to it: as text
/// wherever `prettyplease`'s layout of it is modelled, the rest formatted from tokens.
pub(crate) fn request_builder(api: &Api, operation: &Operation) -> Chunk {
    let name = ident(&operation.builder_name);
    let doc = format!(
        " The request of [`Client::{}`]: set optional parameters, then call [`{}::send`].",
        operation.rust_name.trim_start_matches("r#"),
        operation.builder_name
    );
    // The fields as text, `name: Type`, and the setters while every line prints as written (`SetterText`);
    // their tokens are made only for the builders text cannot write (`field_tokens`, `setter_tokens`).
    let mut field_lines = Vec::new();
    let mut setter_text = SetterText::new();
    for parameter in &operation.parameters {
        let ty_text = type_text(api, &parameter.ty, Scope::Client);
        if parameter.required {
            field_lines.push((parameter.rust_name.as_str(), ty_text));
            continue;
        }
        field_lines.push((
            parameter.rust_name.as_str(),
            ["Option<", &ty_text, ">"].concat(),
        ));
        let (argument, value) = if takes_string(parameter) {
            ("impl Into<String>", "value.into()")
        } else {
            (ty_text.as_str(), "value")
        };
        let setter_doc = SetterDoc::of(parameter);
        setter_text.push(
            setter_doc.paragraphs(),
            &parameter.rust_name,
            Some(["value: ", argument].concat()),
            &["self.", &parameter.rust_name, " = Some(", value, ");"].concat(),
        );
    }
    if let Some(body) = &operation.body {
        let ty_text = type_text(api, &body.ty, Scope::Client);
        if body.required {
            field_lines.push(("body", ty_text));
        } else {
            field_lines.push(("body", format!("Option<{ty_text}>")));
            setter_text.push(
                [body_setter_doc(body)],
                "body",
                Some(format!("value: {ty_text}")),
                "self.body = Some(value);",
            );
        }
        if !body.alternatives.is_empty() {
            field_lines.push(("body_media", "usize".to_owned()));
        }
        for (index, alternative) in body.alternatives.iter().enumerate() {
            setter_text.push_attribute_doc(
                &alternative_setter_doc(body, alternative),
                &alternative.setter,
                &format!("self.body_media = {};", index + 1),
            );
        }
    }
    field_lines.push(("timeout", "Option<std::time::Duration>".to_owned()));
    setter_text.push(
        [TIMEOUT_SETTER_DOC],
        "timeout",
        Some("timeout: std::time::Duration".to_owned()),
        "self.timeout = Some(timeout);",
    );
    let stream_tokens = || {
        operation
            .pagination
            .as_ref()
            .map(|pagination| stream_method(api, operation, pagination))
    };
    // The per-status enums follow the builder, printed on their own.
    let (enums_text, enums_tokens) = match status_enums_text(api, operation) {
        Some(text) => (Some(text), TokenStream::new()),
        None => (None, status_enums(api, operation)),
    };
    let impl_header = impl_header_text(&operation.builder_name);
    // `after_first_line` places text after the header's one line; a header over several lines takes none.
    let impl_header_is_one_line = impl_header.matches('\n').count() == 1;
    let struct_text = struct_text(&doc, &operation.builder_name, &field_lines);
    let send_text = send_text(api, operation, &send_doc(api, operation));
    let setter_text = setter_text.finish();
    if let (Some(struct_text), Some(setters_text)) = (&struct_text, setter_text) {
        if let Some(send_text) = &send_text {
            // `stream` as text where it prints as written (empty when the operation has no pages), else tokens.
            let stream_text = match &operation.pagination {
                Some(pagination) => stream_text(api, operation, pagination),
                None => Some(String::new()),
            };
            if let Some(stream_text) = stream_text {
                // The whole `impl` block is text: as tokens with nothing in it, it would print on one line.
                let block = [
                    struct_text.as_str(),
                    &impl_header,
                    &setters_text,
                    send_text,
                    &stream_text,
                    "}\n",
                ]
                .concat();
                return Chunk {
                    leading_text: Some(block),
                    after_first_line: None,
                    before_last_line: None,
                    tokens: TokenStream::new(),
                    trailing_text: enums_text,
                    trailing_tokens: enums_tokens,
                };
            }
            if impl_header_is_one_line {
                let stream = stream_tokens();
                return Chunk {
                    leading_text: Some(struct_text.clone()),
                    after_first_line: Some([setters_text.as_str(), send_text].concat()),
                    before_last_line: None,
                    tokens: quote! {
                        impl<'a> #name<'a> {
                            #stream
                        }
                    },
                    trailing_text: enums_text,
                    trailing_tokens: enums_tokens,
                };
            }
        }
        let send = send_method(api, operation);
        if impl_header_is_one_line {
            let stream = stream_tokens();
            // The impl's header is the first line its tokens print; the setters go right after it.
            let rest = quote! {
                impl<'a> #name<'a> {
                    #send
                    #stream
                }
            };
            return Chunk {
                leading_text: Some(struct_text.clone()),
                after_first_line: Some(setters_text),
                before_last_line: None,
                tokens: rest,
                trailing_text: enums_text,
                trailing_tokens: enums_tokens,
            };
        }
    }
    let struct_tokens = || {
        let fields = field_tokens(api, operation);
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
    if let (Some(send_text), None) = (send_text, &operation.pagination) {
        // The setters as tokens end the `impl` block's tokens, `send` as text after them.
        let mut tokens = match struct_text {
            Some(_) => TokenStream::new(),
            None => struct_tokens(),
        };
        let setters = setter_tokens(api, operation);
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
            trailing_text: enums_text,
            trailing_tokens: enums_tokens,
        };
    }
    let send = send_method(api, operation);
    let stream = stream_tokens();
    let setters = setter_tokens(api, operation);
    let mut tokens = match struct_text {
        Some(_) => TokenStream::new(),
        None => struct_tokens(),
    };
    tokens.extend(quote! {
        impl<'a> #name<'a> {
            #( #setters )*
            #send
            #stream
        }
    });
    Chunk {
        leading_text: struct_text,
        after_first_line: None,
        before_last_line: None,
        tokens,
        trailing_text: enums_text,
        trailing_tokens: enums_tokens,
    }
}

/// The operation's per-status enums (success, then error) as tokens.
fn status_enums(api: &Api, operation: &Operation) -> TokenStream {
    let success = operation
        .success_by_status
        .as_ref()
        .map(|by_status| status_enum(api, operation, by_status, StatusEnumKind::Success));
    let error = operation
        .error_by_status
        .as_ref()
        .map(|by_status| status_enum(api, operation, by_status, StatusEnumKind::Error));
    quote!(#success #error)
}

/// The operation's per-status enums as text (empty when it has none), or `None` when one would not print as
/// written.
fn status_enums_text(api: &Api, operation: &Operation) -> Option<String> {
    let mut text = String::new();
    for (by_status, kind) in [
        (&operation.success_by_status, StatusEnumKind::Success),
        (&operation.error_by_status, StatusEnumKind::Error),
    ] {
        if let Some(by_status) = by_status {
            text.push_str(&status_enum_text(api, operation, by_status, kind)?);
        }
    }
    Some(text)
}

/// The doc of the `timeout` setter every builder has.
const TIMEOUT_SETTER_DOC: &str = "A time limit for this call alone, instead of the client's.";

/// The doc of an optional parameter's setter: the parameter's own doc (else what it is), then its default.
struct SetterDoc<'a> {
    doc: std::borrow::Cow<'a, str>,
    default: Option<String>,
}

impl<'a> SetterDoc<'a> {
    fn of(parameter: &'a Parameter) -> Self {
        let doc = match &parameter.doc {
            Some(doc) => doc.as_str().into(),
            None => format!(
                "The `{}` {} parameter.",
                parameter.wire_name.replace('`', "'"),
                parameter.location.as_str()
            )
            .into(),
        };
        let default = parameter
            .default
            .as_ref()
            .map(|value| format!("The server's default is `{value}`."));
        SetterDoc { doc, default }
    }

    /// The paragraphs, as `doc_attrs` and `doc_comment` take them.
    fn paragraphs(&self) -> [&str; 2] {
        [&self.doc, self.default.as_deref().unwrap_or_default()]
    }
}

fn body_setter_doc(body: &RequestBody) -> &str {
    body.doc.as_deref().unwrap_or("The request body.")
}

fn alternative_setter_doc(body: &RequestBody, alternative: &BodyAlternative) -> String {
    format!(
        " Sends the body as `{}` instead of `{}`.",
        alternative.media_type, body.media_type
    )
}

/// The builder's fields as tokens (after its `client`), for a struct that text cannot write.
fn field_tokens(api: &Api, operation: &Operation) -> Vec<TokenStream> {
    let mut fields = Vec::new();
    for parameter in &operation.parameters {
        let field = ident(&parameter.rust_name);
        let ty = type_tokens(api, &parameter.ty, Scope::Client);
        fields.push(if parameter.required {
            quote!(#field: #ty)
        } else {
            quote!(#field: Option<#ty>)
        });
    }
    if let Some(body) = &operation.body {
        let ty = type_tokens(api, &body.ty, Scope::Client);
        fields.push(if body.required {
            quote!(body: #ty)
        } else {
            quote!(body: Option<#ty>)
        });
        if !body.alternatives.is_empty() {
            // 0 is the body's own media type; n is alternative n - 1.
            fields.push(quote!(body_media: usize));
        }
    }
    fields.push(quote!(timeout: Option<std::time::Duration>));
    fields
}

/// The builder's setters as tokens, for an `impl` block whose setters text cannot write.
fn setter_tokens(api: &Api, operation: &Operation) -> Vec<TokenStream> {
    let mut setters = Vec::new();
    for parameter in operation
        .parameters
        .iter()
        .filter(|parameter| !parameter.required)
    {
        let field = ident(&parameter.rust_name);
        let setter_doc = doc_attrs(SetterDoc::of(parameter).paragraphs());
        let argument = argument_type(api, parameter);
        let value = if takes_string(parameter) {
            quote!(value.into())
        } else {
            quote!(value)
        };
        setters.push(quote! {
            #setter_doc
            pub fn #field(mut self, value: #argument) -> Self {
                self.#field = Some(#value);
                self
            }
        });
    }
    if let Some(body) = &operation.body {
        if !body.required {
            let ty = type_tokens(api, &body.ty, Scope::Client);
            let setter_doc = doc_attrs([body_setter_doc(body)]);
            setters.push(quote! {
                #setter_doc
                pub fn body(mut self, value: #ty) -> Self {
                    self.body = Some(value);
                    self
                }
            });
        }
        for (index, alternative) in body.alternatives.iter().enumerate() {
            let setter = ident(&alternative.setter);
            let doc = alternative_setter_doc(body, alternative);
            let choice = proc_macro2::Literal::usize_unsuffixed(index + 1);
            setters.push(quote! {
                #[doc = #doc]
                pub fn #setter(mut self) -> Self {
                    self.body_media = #choice;
                    self
                }
            });
        }
    }
    let timeout_doc = doc_attrs([TIMEOUT_SETTER_DOC]);
    setters.push(quote! {
        #timeout_doc
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self.timeout = Some(timeout);
            self
        }
    });
    setters
}

/// A builder's setters as `prettyplease` prints them inside its impl block, as long as every line prints as
/// written (`None` from `finish` otherwise). Setters are most of a builder's lines, and the same few recur in
/// every builder.
struct SetterText {
    text: CodeText,
}

impl SetterText {
    fn new() -> Self {
        SetterText {
            text: CodeText::new(),
        }
    }

    /// A setter documented by `paragraphs` (as `doc_attrs` takes them): `name`, taking `input` besides `self`,
    /// with its one statement.
    fn push<'a>(
        &mut self,
        paragraphs: impl IntoIterator<Item = &'a str>,
        name: &str,
        input: Option<String>,
        statement: &str,
    ) {
        self.text.doc(INDENT, paragraphs);
        self.push_fn(name, input, statement);
    }

    /// A setter taking nothing besides `self`, documented by one `#[doc]` line, given as its text.
    fn push_attribute_doc(&mut self, doc: &str, name: &str, statement: &str) {
        self.text.doc_line(INDENT, doc);
        self.push_fn(name, None, statement);
    }

    fn push_fn(&mut self, name: &str, input: Option<String>, statement: &str) {
        let mut inputs = vec!["mut self".to_owned()];
        inputs.extend(input);
        self.text
            .signature(INDENT, &format!("pub fn {name}"), &inputs, "Self");
        // An assignment's size runs to its `;`: it wraps only past the margin.
        self.text.line(2 * INDENT, statement);
        self.text.fixed_line(2 * INDENT, "self");
        self.text.fixed_line(INDENT, "}");
    }

    fn finish(self) -> Option<String> {
        self.text.finish()
    }
}

/// The builder struct as `prettyplease` prints it, or `None` when a field's type would wrap in a way
/// `text::type_line` does not write. The builders are a fifth of a large client's items (22 000 for Microsoft Graph beta),
/// each parsed and printed when left to tokens.
fn struct_text(doc: &str, name: &str, field_lines: &[(&str, String)]) -> Option<String> {
    let mut text = String::with_capacity(256 + field_lines.len() * 48);
    text.push_str("///");
    text.push_str(doc.trim_end_matches(' '));
    text.push_str("\n#[derive(Debug, Clone)]\n#[must_use = \"a request does nothing until `send` is awaited\"]\n");
    let one_line = format!("pub struct {name}<'a> {{");
    if one_line.len() <= MARGIN {
        text.push_str(&one_line);
    } else {
        // Too long for one line, the generics break first, one parameter a line.
        text.push_str(&format!("pub struct {name}<\n    'a,\n> {{"));
    }
    text.push_str("\n    client: &'a Client,\n");
    for (field, ty) in field_lines {
        text.push_str(&type_line(INDENT, &format!("{field}: "), ty, ",")?);
    }
    text.push_str("}\n");
    Some(text)
}

/// The first line or lines of the builder's `impl` block as `prettyplease` prints them, each with its newline:
/// `impl<'a> Name<'a> {` when it fits in the margin; else the `impl`'s generics break first, then the type's
/// if the rest still does not fit.
fn impl_header_text(name: &str) -> String {
    let one_line = format!("impl<'a> {name}<'a> {{\n");
    // The line's length without its newline.
    if one_line.len() - 1 <= MARGIN {
        return one_line;
    }
    let type_line = format!("> {name}<'a> {{\n");
    if type_line.len() - 1 <= MARGIN {
        format!("impl<\n    'a,\n{type_line}")
    } else {
        format!("impl<\n    'a,\n> {name}<\n    'a,\n> {{\n")
    }
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
        let lines: Vec<(&str, String)> = fields
            .iter()
            .map(|(name, ty)| (*name, ty.clone()))
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
        // A type no break fits, and one that has nowhere to break.
        let too_wide = vec![("select", format!("Option<Vec<types::{}>>", "A".repeat(90)))];
        let wide_text = struct_text(doc, "ListPets", &too_wide).expect("paths run past the margin");
        let tokens = format!(
            "#[doc = \"{doc}\"] #[derive(Debug, Clone)] #[must_use = \"a request does nothing until `send` is awaited\"] pub struct ListPets<'a> {{ client: &'a Client, {}: {}, }}",
            too_wide[0].0, too_wide[0].1
        );
        let printed = prettyplease::unparse(&syn::parse_file(&tokens).unwrap());
        assert_eq!(wide_text, printed);
        let tuple = vec![("pair", format!("Option<({}, u8)>", "A".repeat(90)))];
        assert_eq!(
            struct_text(doc, "ListPets", &tuple),
            None,
            "a tuple is not modelled"
        );
    }

    /// Names and field types across the margin: the struct and the `impl` header are written as `prettyplease`
    /// prints them, each header in whichever of its layouts the name's length calls for.
    #[test]
    fn long_builder_names_and_fields_are_written_as_prettyplease_prints_them() {
        let mut layouts = std::collections::BTreeSet::new();
        for length in 1..=120 {
            let name = format!("B{}", "n".repeat(length));
            let source = format!("impl<'a> {name}<'a> {{ fn f() {{}} }}");
            let printed = prettyplease::unparse(&syn::parse_file(&source).unwrap());
            let header = impl_header_text(&name);
            assert_eq!(
                format!("{header}    fn f() {{}}\n}}\n"),
                printed,
                "{length}"
            );
            layouts.insert(header.matches('\n').count());
            // Fields of this many characters: lines of 89 columns and less are written, longer ones refused.
            for field_length in [20, 60, 83, 84, 85, 90] {
                let ty = format!("Option<types::{}>", "T".repeat(field_length - 18));
                let field = format!("f: {ty}");
                let tokens = format!(
                    "#[doc = \" d\"] #[derive(Debug, Clone)] #[must_use = \"a request does nothing until `send` is awaited\"] pub struct {name}<'a> {{ client: &'a Client, {field}, }}"
                );
                let printed = prettyplease::unparse(&syn::parse_file(&tokens).unwrap());
                match struct_text(" d", &name, &[("f", ty)]) {
                    Some(text) => assert_eq!(text, printed, "{length} {field_length}"),
                    None => assert!(INDENT + field.len() + 1 > MARGIN, "{field_length}"),
                }
            }
        }
        assert_eq!(
            layouts.len(),
            3,
            "one line, `impl`'s generics broken, both broken"
        );
    }

    #[test]
    fn setters_are_written_as_prettyplease_prints_them() {
        let mut text = SetterText::new();
        text.push(
            [
                "Show only the first n items  ",
                "The server's default is `10`.",
            ],
            "top",
            Some("value: i64".to_owned()),
            "self.top = Some(value);",
        );
        text.push(
            ["```\nfenced   \n```"],
            "r#type",
            Some("value: impl Into<String>".to_owned()),
            "self.r#type = Some(value.into());",
        );
        text.push_attribute_doc(
            " Sends the body as `a/b` instead of `c/d`.  ",
            "body_as_b",
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
        // Names across the margin: each setter is written exactly, its arguments one a line past it, or
        // refused once its statement would pass it.
        let mut broken = 0;
        for length in 10..=80 {
            let name = "n".repeat(length);
            let mut text = SetterText::new();
            text.push(
                ["x"],
                &name,
                Some("value: impl Into<String>".to_owned()),
                &format!("self.{name} = Some(value.into());"),
            );
            let Some(setters) = text.finish() else {
                assert!(2 * INDENT + format!("self.{name} = Some(value.into());").len() > MARGIN);
                continue;
            };
            broken += usize::from(setters.contains("(\n        mut self,\n"));
            let source = format!(
                "impl<'a> B<'a> {{ #[doc = \" x\"] pub fn {name}(mut self, value: impl Into<String>) -> Self {{ self.{name} = Some(value.into()); self }} }}"
            );
            let printed = prettyplease::unparse(&syn::parse_file(&source).unwrap());
            assert_eq!(format!("impl<'a> B<'a> {{\n{setters}}}\n"), printed);
        }
        assert!(broken > 10, "{broken} signatures broken");
        // An argument too long for its own line: a path runs past the margin, a tuple is not modelled.
        let long = "A".repeat(90);
        let mut wide = SetterText::new();
        wide.push(
            ["x"],
            "a",
            Some(format!("value: types::{long}")),
            "self.a = Some(value);",
        );
        let source = format!(
            "impl<'a> B<'a> {{ #[doc = \" x\"] pub fn a(mut self, value: types::{long}) -> Self {{ self.a = Some(value); self }} }}"
        );
        let printed = prettyplease::unparse(&syn::parse_file(&source).unwrap());
        let setters = wide.finish().expect("a path is written");
        assert_eq!(format!("impl<'a> B<'a> {{\n{setters}}}\n"), printed);
        let mut tuple = SetterText::new();
        tuple.push(
            ["x"],
            "a",
            Some(format!("value: ({long}, u8)")),
            "self.a = Some(value);",
        );
        assert_eq!(tuple.finish(), None);
    }
}
