//! The per-operation enums of the bodies an operation answers with when they differ by status, one for success
//! and one for errors, each with the function that picks the variant by status.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::doc_attrs;
use crate::emit::{ident, type_tokens, Scope};
use crate::ir::{Api, Operation, Response, StatusEnum, StatusMatch, StatusVariant};

/// Which of an operation's two status enums is emitted.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum StatusEnumKind {
    Success,
    Error,
}

/// An enum of the bodies an operation answers with, one variant per documented status, and the function that
/// picks the variant by status: exact codes first, then ranges (`4XX`), then `default`.
pub(super) fn status_enum(
    api: &Api,
    operation: &Operation,
    by_status: &StatusEnum,
    kind: StatusEnumKind,
) -> TokenStream {
    let name = ident(&by_status.rust_name);
    let method = operation.rust_name.trim_start_matches("r#");
    let doc = match kind {
        StatusEnumKind::Success => format!(" What [`Client::{method}`] answers, by status."),
        StatusEnumKind::Error => format!(" The error body of [`Client::{method}`], by status."),
    };
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    let mut ordered: Vec<&StatusVariant> = by_status.variants.iter().collect();
    ordered.sort_by_key(|variant| variant.status);
    for variant in &by_status.variants {
        let variant_name = ident(&variant.rust_name);
        let status_text = match variant.status {
            StatusMatch::Code(code) => format!("Status `{code}`."),
            StatusMatch::Range(digit) => format!("Any `{digit}XX` status not listed above."),
            StatusMatch::Default => "Any status not listed above.".to_owned(),
        };
        let variant_doc = doc_attrs([
            status_text.as_str(),
            variant.doc.as_deref().unwrap_or_default(),
        ]);
        let payload = match &variant.body {
            Response::Json(ty) => Some(type_tokens(api, ty, Scope::Client)),
            Response::Text => Some(quote!(String)),
            // Beside other statuses, a stream is read whole, as the bytes it is.
            Response::Bytes | Response::Stream { .. } => Some(quote!(runtime::Bytes)),
            Response::Empty => None,
        };
        variants.push(match &payload {
            Some(ty) => quote!(#variant_doc #variant_name(#ty)),
            None => quote!(#variant_doc #variant_name),
        });
    }
    for variant in ordered {
        let variant_name = ident(&variant.rust_name);
        let pattern = match variant.status {
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
        let decode = match (kind, &variant.body) {
            (StatusEnumKind::Success, Response::Json(_)) => {
                quote!(runtime::decode::json(status, body).map(Self::#variant_name))
            }
            (StatusEnumKind::Success, Response::Text) => {
                quote!(runtime::decode::text(status, body).map(Self::#variant_name))
            }
            (StatusEnumKind::Success, Response::Bytes | Response::Stream { .. }) => {
                quote!(Ok(Self::#variant_name(body)))
            }
            (StatusEnumKind::Success, Response::Empty) => quote!(Ok(Self::#variant_name)),
            (StatusEnumKind::Error, _) => {
                quote!(runtime::decode::json_error(status, body).map(Self::#variant_name))
            }
        };
        arms.push(quote!(#pattern => #decode,));
    }
    let has_default = by_status
        .variants
        .iter()
        .any(|variant| variant.status == StatusMatch::Default);
    let (signature, fallback) = match kind {
        StatusEnumKind::Success => (
            quote! {
                /// Decodes a 2xx body by its status; the error says what did not match.
                pub fn decode(status: runtime::StatusCode, body: runtime::Bytes) -> Result<Self, String>
            },
            quote!(_ => Err(format!("the status {status} is not documented for this operation")),),
        ),
        StatusEnumKind::Error => (
            quote! {
                /// Decodes an error body by its status; `None` when it does not have the documented shape.
                pub fn decode(status: runtime::StatusCode, body: &[u8]) -> Option<Self>
            },
            quote!(_ => None,),
        ),
    };
    let fallback = (!has_default).then_some(fallback);
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
