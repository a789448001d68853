//! A schema with properties as a `#[non_exhaustive]` struct: its fields, and the `new` constructor that takes the
//! required ones.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::doc_attrs;
use crate::emit::{ident, type_tokens, Scope};
use crate::ir::{Api, Direction, Field, Struct};

/// A struct with one field per property (and one for additional properties), and its constructor.
pub(super) fn struct_definition(
    api: &Api,
    doc: &TokenStream,
    name: &proc_macro2::Ident,
    data: &Struct,
) -> TokenStream {
    let fields = data.fields.iter().map(|field| field_definition(api, field));
    let additional = data.additional_properties.as_ref().map(|extra| {
        let field_name = ident(&extra.rust_name);
        let value = type_tokens(api, &extra.value, Scope::Types);
        quote! {
            /// Properties beyond the ones listed above.
            pub #field_name: std::collections::BTreeMap<String, #value>,
        }
    });
    // `Default` is only offered when it produces a valid value: every field may then be absent.
    let all_optional = data.fields.iter().all(|field| field.is_optional());
    let default = all_optional.then(|| quote!(Default,));
    let constructor = constructor(api, name, data);
    // `#[non_exhaustive]` lets a later release add a property without breaking callers, who build values with
    // `new` and set optional fields afterwards.
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default)]
        #[non_exhaustive]
        pub struct #name {
            #( #fields )*
            #additional
        }

        #constructor
    }
}

/// `new` takes the fields that must be present on the wire and leaves every optional one empty.
fn constructor(api: &Api, type_name: &proc_macro2::Ident, data: &Struct) -> TokenStream {
    if data.fields.iter().all(|field| !field.required) {
        // Every field is optional, so the struct derives `Default`, which is this value.
        return quote! {
            impl #type_name {
                /// A value with every optional field empty.
                pub fn new() -> Self {
                    Self::default()
                }
            }
        };
    }
    let mut arguments = Vec::new();
    let mut initializers = Vec::new();
    for field in &data.fields {
        let name = ident(&field.rust_name);
        if field.required {
            let mut ty = type_tokens(api, &field.ty, Scope::Types);
            if field.nullable {
                ty = quote!(Option<#ty>);
            }
            arguments.push(quote!(#name: #ty));
            initializers.push(match (field.boxed, field.nullable) {
                (true, true) => quote!(#name: #name.map(Box::new)),
                (true, false) => quote!(#name: Box::new(#name)),
                (false, _) => quote!(#name),
            });
        } else {
            initializers.push(quote!(#name: None));
        }
    }
    if let Some(extra) = &data.additional_properties {
        let name = ident(&extra.rust_name);
        initializers.push(quote!(#name: Default::default()));
    }
    let allow = (arguments.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        impl #type_name {
            /// A value with the required fields given and every optional field empty.
            #allow
            pub fn new(#( #arguments ),*) -> Self {
                Self { #( #initializers ),* }
            }
        }
    }
}

fn field_definition(api: &Api, field: &Field) -> TokenStream {
    let fallback = format!("The `{}` property.", field.wire_name.replace('`', "'"));
    let direction = match field.direction {
        Direction::Both => None,
        Direction::ServerToClient => {
            Some("Set by the server (read-only): requests need not carry it.")
        }
        Direction::ClientToServer => {
            Some("Sent by the client (write-only): responses do not carry it.")
        }
    };
    let default = field.default.as_ref().map(|value| {
        format!(
            "When absent, the server uses `{}`.",
            value.replace('`', "'")
        )
    });
    let mut doc = doc_attrs([
        field.doc.as_deref().unwrap_or(&fallback),
        direction.unwrap_or_default(),
        default.as_deref().unwrap_or_default(),
    ]);
    if field.deprecated {
        doc.extend(quote!(#[deprecated]));
    }
    let name = ident(&field.rust_name);
    let mut ty = type_tokens(api, &field.ty, Scope::Types);
    if field.boxed {
        ty = quote!(Box<#ty>);
    }
    // How the field travels (its member name, and when it is left out or written as `null`) is in the struct's
    // `json_object!` line. Absent and `null` mean different things for an optional nullable property (an update
    // body leaves a field alone, or clears it), so the outer `Option` is presence and the inner one is nullness.
    let ty = match field.option_depth() {
        0 => ty,
        1 => quote!(Option<#ty>),
        _ => quote!(Option<Option<#ty>>),
    };
    quote! {
        #doc
        pub #name: #ty,
    }
}
