//! The request builder of an operation: a struct holding its parameters and body, with a setter for each optional
//! one; its `send`, `stream` and status enums come from their own modules.

use proc_macro2::TokenStream;
use quote::quote;

use super::send::send_method;
use super::status::{status_enum, StatusEnumKind};
use super::stream::stream_method;
use crate::emit::docs::doc_attrs;
use crate::emit::{ident, type_tokens, Scope};
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

/// The builder struct of an operation, its setters, and what the modules next to this one add to it.
pub(crate) fn request_builder(api: &Api, operation: &Operation) -> TokenStream {
    let name = ident(&operation.builder_name);
    let doc = format!(
        " The request of [`Client::{}`]: set optional parameters, then call [`{}::send`].",
        operation.rust_name.trim_start_matches("r#"),
        operation.builder_name
    );
    let mut fields = Vec::new();
    let mut setters = Vec::new();
    for parameter in &operation.parameters {
        let field = ident(&parameter.rust_name);
        let ty = type_tokens(api, &parameter.ty, Scope::Client);
        if parameter.required {
            fields.push(quote!(#field: #ty));
            continue;
        }
        fields.push(quote!(#field: Option<#ty>));
        let default = parameter
            .default
            .as_ref()
            .map(|value| format!("The server's default is `{value}`."));
        let fallback = format!(
            "The `{}` {} parameter.",
            parameter.wire_name.replace('`', "'"),
            parameter.location.as_str()
        );
        let setter_doc = doc_attrs([
            parameter.doc.as_deref().unwrap_or(&fallback),
            default.as_deref().unwrap_or_default(),
        ]);
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
        let ty = type_tokens(api, &body.ty, Scope::Client);
        if body.required {
            fields.push(quote!(body: #ty));
        } else {
            fields.push(quote!(body: Option<#ty>));
            let setter_doc = doc_attrs([body.doc.as_deref().unwrap_or("The request body.")]);
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
        }
        for (index, alternative) in body.alternatives.iter().enumerate() {
            let setter = ident(&alternative.setter);
            let doc = format!(
                " Sends the body as `{}` instead of `{}`.",
                alternative.media_type, body.media_type
            );
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
    fields.push(quote!(timeout: Option<std::time::Duration>));
    setters.push(quote! {
        /// A time limit for this call alone, instead of the client's.
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self.timeout = Some(timeout);
            self
        }
    });
    let send = send_method(api, operation);
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
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until `send` is awaited"]
        pub struct #name<'a> {
            client: &'a Client,
            #( #fields, )*
        }

        impl<'a> #name<'a> {
            #( #setters )*
            #send
            #stream
        }

        #success_enum
        #error_enum
    }
}
