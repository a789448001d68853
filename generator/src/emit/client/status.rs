//! The per-operation enums of the bodies an operation answers with when they differ by status, one for success
//! and one for errors, each with the function that picks the variant by status.

use proc_macro2::TokenStream;
use quote::quote;

use super::send_call::Piece;
use crate::emit::docs::doc_attrs;
use crate::emit::ident;
use crate::emit::text::{CodeText, INDENT};
use crate::ir::{Api, Operation, Response, StatusEnum, StatusMatch, StatusVariant};

/// Which of an operation's two status enums is emitted.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum StatusEnumKind {
    Success,
    Error,
}

/// The enum's doc.
fn enum_doc(operation: &Operation, kind: StatusEnumKind) -> String {
    let method = operation.rust_name.trim_start_matches("r#");
    match kind {
        StatusEnumKind::Success => format!(" What [`Client::{method}`] answers, by status."),
        StatusEnumKind::Error => format!(" The error body of [`Client::{method}`], by status."),
    }
}

/// The first paragraph of a variant's doc: which status it stands for.
fn status_doc(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => format!("Status `{code}`."),
        StatusMatch::Range(digit) => format!("Any `{digit}XX` status not listed above."),
        StatusMatch::Default => "Any status not listed above.".to_owned(),
    }
}

/// What a variant holds: the decoded body, text, the bytes as they are, or nothing.
fn payload(body: &Response) -> Option<Piece<'_>> {
    match body {
        Response::Json(ty) => Some(Piece::Type(ty)),
        Response::Text => Some(Piece::Path(&["String"])),
        // Beside other statuses, a stream is read whole, as the bytes it is.
        Response::Bytes | Response::Stream { .. } => Some(Piece::Path(&["runtime", "Bytes"])),
        Response::Empty => None,
    }
}

/// How an arm of `decode` makes its variant from the body.
enum Decode {
    /// `function(status, body).map(Self::Variant)`.
    Call(&'static [&'static str]),
    /// `Ok(Self::Variant(body))`.
    Body,
    /// `Ok(Self::Variant)`.
    Unit,
}

fn decode(kind: StatusEnumKind, body: &Response) -> Decode {
    match (kind, body) {
        (StatusEnumKind::Success, Response::Json(_)) => {
            Decode::Call(&["runtime", "decode", "json"])
        }
        (StatusEnumKind::Success, Response::Text) => Decode::Call(&["runtime", "decode", "text"]),
        (StatusEnumKind::Success, Response::Bytes | Response::Stream { .. }) => Decode::Body,
        (StatusEnumKind::Success, Response::Empty) => Decode::Unit,
        (StatusEnumKind::Error, _) => Decode::Call(&["runtime", "decode", "json_error"]),
    }
}

/// The pattern of a variant's arm: its code, its range, or anything.
fn pattern(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Range(digit) => format!(
            "{}..={}",
            u16::from(digit) * 100,
            u16::from(digit) * 100 + 99
        ),
        StatusMatch::Default => "_".to_owned(),
    }
}

/// The variants in the order their arms are tried: exact codes first, then ranges (`4XX`), then `default`.
fn arm_order(by_status: &StatusEnum) -> Vec<&StatusVariant> {
    let mut ordered: Vec<&StatusVariant> = by_status.variants.iter().collect();
    ordered.sort_by_key(|variant| variant.status);
    ordered
}

/// Whether `decode` needs an arm for the statuses no variant takes: when none is the `default`.
fn needs_fallback(by_status: &StatusEnum) -> bool {
    by_status
        .variants
        .iter()
        .all(|variant| variant.status != StatusMatch::Default)
}

/// The body of the arm (`_ =>`) for a status no variant takes, when there is no `default`.
fn fallback(kind: StatusEnumKind) -> &'static str {
    match kind {
        StatusEnumKind::Success => {
            r#"Err(format!("the status {status} is not documented for this operation"))"#
        }
        StatusEnumKind::Error => "None",
    }
}

const SUCCESS_DECODE_DOC: &str =
    " Decodes a 2xx body by its status; the error says what did not match.";
const ERROR_DECODE_DOC: &str =
    " Decodes an error body by its status; `None` when it does not have the documented shape.";

/// An enum of the bodies an operation answers with, one variant per documented status, and the function that
/// picks the variant by status: exact codes first, then ranges (`4XX`), then `default`.
pub(super) fn status_enum(
    api: &Api,
    operation: &Operation,
    by_status: &StatusEnum,
    kind: StatusEnumKind,
) -> TokenStream {
    let name = ident(&by_status.rust_name);
    let doc = enum_doc(operation, kind);
    let variants = by_status.variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let status = status_doc(variant.status);
        let variant_doc = doc_attrs([status.as_str(), variant.doc.as_deref().unwrap_or_default()]);
        match payload(&variant.body) {
            Some(ty) => {
                let ty = ty.tokens(api);
                quote!(#variant_doc #variant_name(#ty))
            }
            None => quote!(#variant_doc #variant_name),
        }
    });
    let arms = arm_order(by_status).into_iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let pattern: TokenStream = match variant.status {
            StatusMatch::Code(code) => {
                let code = proc_macro2::Literal::u16_unsuffixed(code);
                quote!(#code)
            }
            StatusMatch::Range(digit) => {
                let low = proc_macro2::Literal::u16_unsuffixed(u16::from(digit) * 100);
                let high = proc_macro2::Literal::u16_unsuffixed(u16::from(digit) * 100 + 99);
                quote!(#low..=#high)
            }
            StatusMatch::Default => quote!(_),
        };
        let decode = match decode(kind, &variant.body) {
            Decode::Call(function) => {
                let function = Piece::Path(function).tokens(api);
                quote!(#function(status, body).map(Self::#variant_name))
            }
            Decode::Body => quote!(Ok(Self::#variant_name(body))),
            Decode::Unit => quote!(Ok(Self::#variant_name)),
        };
        quote!(#pattern => #decode,)
    });
    let (signature, fallback) = match kind {
        StatusEnumKind::Success => (
            quote! {
                #[doc = #SUCCESS_DECODE_DOC]
                pub fn decode(status: runtime::StatusCode, body: runtime::Bytes) -> Result<Self, String>
            },
            quote!(_ => Err(format!("the status {status} is not documented for this operation")),),
        ),
        StatusEnumKind::Error => (
            quote! {
                #[doc = #ERROR_DECODE_DOC]
                pub fn decode(status: runtime::StatusCode, body: &[u8]) -> Option<Self>
            },
            quote!(_ => None,),
        ),
    };
    let fallback = needs_fallback(by_status).then_some(fallback);
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #( #variants, )*
        }

        impl #name {
            #signature {
                match status.as_u16() {
                    #( #arms )*
                    #fallback
                }
            }
        }
    }
}

/// [`status_enum`] as the text `prettyplease` prints for it, or `None` when a line would not print as written
/// (a variant or an arm too long for its line).
pub(super) fn status_enum_text(
    api: &Api,
    operation: &Operation,
    by_status: &StatusEnum,
    kind: StatusEnumKind,
) -> Option<String> {
    let name = &by_status.rust_name;
    let mut text = CodeText::new();
    text.doc_line(0, &enum_doc(operation, kind));
    text.fixed_line(0, "#[derive(Debug, Clone, PartialEq)]");
    text.fixed_line(0, &format!("pub enum {name} {{"));
    for variant in &by_status.variants {
        let status = status_doc(variant.status);
        text.doc(
            INDENT,
            [status.as_str(), variant.doc.as_deref().unwrap_or_default()],
        );
        let line = match payload(&variant.body) {
            Some(ty) => format!("{}({}),", variant.rust_name, ty.text(api)),
            None => format!("{},", variant.rust_name),
        };
        text.line(INDENT, &line);
    }
    text.fixed_line(0, "}");
    text.fixed_line(0, &format!("impl {name} {{"));
    let status_input = "status: runtime::StatusCode".to_owned();
    match kind {
        StatusEnumKind::Success => {
            text.doc_line(INDENT, SUCCESS_DECODE_DOC);
            let inputs = [status_input, "body: runtime::Bytes".to_owned()];
            text.result_signature(INDENT, "pub fn decode", &inputs, "Self", "String");
        }
        StatusEnumKind::Error => {
            text.doc_line(INDENT, ERROR_DECODE_DOC);
            let inputs = [status_input, "body: &[u8]".to_owned()];
            text.signature(INDENT, "pub fn decode", &inputs, "Option<Self>");
        }
    }
    text.fixed_line(2 * INDENT, "match status.as_u16() {");
    for variant in arm_order(by_status) {
        let variant_name = &variant.rust_name;
        let pattern = pattern(variant.status);
        match decode(kind, &variant.body) {
            Decode::Call(function) => {
                let receiver = format!("{}(status, body)", function.join("::"));
                let call = format!(".map(Self::{variant_name})");
                text.match_arm(3 * INDENT, &pattern, &[&receiver, &call]);
            }
            Decode::Body => text.match_arm(
                3 * INDENT,
                &pattern,
                &[&format!("Ok(Self::{variant_name}(body))")],
            ),
            Decode::Unit => text.match_arm(
                3 * INDENT,
                &pattern,
                &[&format!("Ok(Self::{variant_name})")],
            ),
        }
    }
    if needs_fallback(by_status) {
        text.match_arm(3 * INDENT, "_", &[fallback(kind)]);
    }
    text.fixed_line(2 * INDENT, "}");
    text.fixed_line(INDENT, "}");
    text.fixed_line(0, "}");
    text.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    /// Operations answering by status with every kind of body, named and typed long enough to cross the margin.
    fn document() -> String {
        let mut paths = String::new();
        let mut schemas =
            String::from("    Problem: {type: object, properties: {m: {type: string}}}\n");
        for length in (1..=70).step_by(3) {
            let name = format!("{}{length}", "p".repeat(length));
            let _ = write!(
                paths,
                r#"
  /a{length}:
    post:
      operationId: op{name}
      responses:
        "200": {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/T{name}'}}}}}}}}
        "201": {{description: made, content: {{text/plain: {{schema: {{type: string}}}}}}}}
        "202": {{description: bytes, content: {{application/octet-stream: {{schema: {{type: string, format: binary}}}}}}}}
        "204": {{description: empty}}
        "400": {{description: bad, content: {{application/json: {{schema: {{$ref: '#/components/schemas/T{name}'}}}}}}}}
        "404": {{description: none, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Problem'}}}}}}}}
        "5XX": {{description: server, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Problem'}}}}}}}}
  /b{length}:
    get:
      operationId: other{name}
      responses:
        "200": {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Problem'}}}}}}}}
        "201": {{description: made}}
        "431": {{description: big, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Problem'}}}}}}}}
        "511": {{description: login, content: {{application/json: {{schema: {{$ref: '#/components/schemas/T{name}'}}}}}}}}
        "4XX": {{description: client}}
        default: {{description: any, content: {{application/json: {{schema: {{$ref: '#/components/schemas/T{name}'}}}}}}}}
  /c{length}:
    get:
      operationId: third{name}
      responses:
        "200": {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Problem'}}}}}}}}
        "203": {{description: partial, content: {{application/json: {{schema: {{$ref: '#/components/schemas/T{name}'}}}}}}}}
        "451": {{description: legal, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Problem'}}}}}}}}
        "4XX": {{description: client, content: {{application/json: {{schema: {{$ref: '#/components/schemas/T{name}'}}}}}}}}
"#
            );
            let _ = writeln!(
                schemas,
                "    T{name}: {{type: object, properties: {{m: {{type: string}}}}}}"
            );
        }
        format!(
            "openapi: 3.0.3\ninfo: {{title: Status, version: '1'}}\npaths:{paths}components:\n  schemas:\n{schemas}"
        )
    }

    #[test]
    fn status_enums_are_written_as_prettyplease_prints_them() {
        let lowered = crate::lower_str(&document(), "status.yaml").expect("the document lowers");
        let api = &lowered.api;
        let (mut written, mut refused, mut block_arms) = (0, 0, 0);
        for operation in &api.operations {
            for (by_status, kind) in [
                (&operation.success_by_status, StatusEnumKind::Success),
                (&operation.error_by_status, StatusEnumKind::Error),
            ] {
                let Some(by_status) = by_status else {
                    continue;
                };
                let tokens = status_enum(api, operation, by_status, kind);
                let printed = prettyplease::unparse(&syn::parse2(tokens).expect("tokens parse"));
                match status_enum_text(api, operation, by_status, kind) {
                    Some(text) => {
                        written += 1;
                        block_arms += text.matches(" => {\n").count();
                        assert_eq!(text, printed, "{}", by_status.rust_name);
                    }
                    None => refused += 1,
                }
            }
        }
        // Every operation has both enums; only variants whose type passes the margin are refused. Arms too long
        // for their line (`511 => …(Self::NetworkAuthenticationRequired)`) are written as blocks.
        assert!(
            written > 30 && refused > 0 && block_arms > 30,
            "{written} written, {refused} refused, {block_arms} arms in blocks"
        );
    }
}
