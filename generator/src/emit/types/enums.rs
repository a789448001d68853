//! An enum schema as an open Rust enum: string values (whose conversions `open_enum!` writes), integer values and
//! other JSON values, each with a variant that keeps a value this version does not know.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::doc_attrs;
use crate::emit::ident;
use crate::ir::{EnumRepr, StringEnum};

/// The enum of a schema's values, with the conversions and serde impls its representation needs.
pub(super) fn enum_definition(
    doc: &TokenStream,
    name: &proc_macro2::Ident,
    data: &StringEnum,
) -> TokenStream {
    let variants: Vec<_> = data
        .variants
        .iter()
        .map(|variant| ident(&variant.rust_name))
        .collect();
    let variant_docs = data.variants.iter().map(|variant| {
        let value = format!("`{}`", variant.wire_value.replace('`', "'"));
        doc_attrs([value.as_str(), variant.doc.as_deref().unwrap_or_default()])
    });
    let unknown = ident(&data.unknown_variant);
    let unknown_doc = quote! {
        /// A value that this version of the client does not know; it is kept as it was received.
    };
    match data.repr {
        EnumRepr::String => {
            // The conversions (`as_str`, `From<&str>`) and the impls that call them come from the runtime's
            // `open_enum!`, given the variants and their values in the text after the definition.
            quote! {
                #doc
                #[derive(Debug, Clone, PartialEq, Eq, Hash)]
                #[non_exhaustive]
                pub enum #name {
                    #( #variant_docs #variants, )*
                    #unknown_doc
                    #unknown(String),
                }
            }
        }
        EnumRepr::Integer => {
            let values: Vec<proc_macro2::Literal> = data
                .variants
                .iter()
                .map(|variant| {
                    proc_macro2::Literal::i64_unsuffixed(
                        variant.wire_value.parse().unwrap_or_default(),
                    )
                })
                .collect();
            quote! {
                #doc
                #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
                #[non_exhaustive]
                pub enum #name {
                    #( #variant_docs #variants, )*
                    #unknown_doc
                    #unknown(i64),
                }

                impl #name {
                    /// The value as it is written on the wire.
                    pub fn value(self) -> i64 {
                        match self {
                            #( Self::#variants => #values, )*
                            Self::#unknown(value) => value,
                        }
                    }
                }

                impl From<i64> for #name {
                    fn from(value: i64) -> Self {
                        match value {
                            #( #values => Self::#variants, )*
                            other => Self::#unknown(other),
                        }
                    }
                }

                impl Serialize for #name {
                    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        serializer.serialize_i64(self.value())
                    }
                }

                impl<'de> Deserialize<'de> for #name {
                    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        i64::deserialize(deserializer).map(Self::from)
                    }
                }
            }
        }
        EnumRepr::Json => {
            let values = data
                .variants
                .iter()
                .map(|variant| variant.wire_value.as_str());
            let count = proc_macro2::Literal::usize_unsuffixed(data.variants.len());
            quote! {
                #doc
                #[derive(Debug, Clone, PartialEq)]
                #[non_exhaustive]
                pub enum #name {
                    #( #variant_docs #variants, )*
                    #unknown_doc
                    #unknown(serde_json::Value),
                }

                impl #name {
                    /// The value as it is written on the wire.
                    pub fn to_value(&self) -> serde_json::Value {
                        match self {
                            #( Self::#variants => crate::runtime::serde_helpers::json_literal(#values), )*
                            Self::#unknown(value) => value.clone(),
                        }
                    }
                }

                impl From<serde_json::Value> for #name {
                    fn from(value: serde_json::Value) -> Self {
                        let known: [Self; #count] = [ #( Self::#variants, )* ];
                        known
                            .into_iter()
                            .find(|known| known.to_value() == value)
                            .unwrap_or(Self::#unknown(value))
                    }
                }

                impl Serialize for #name {
                    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        self.to_value().serialize(serializer)
                    }
                }

                impl<'de> Deserialize<'de> for #name {
                    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        serde_json::Value::deserialize(deserializer).map(Self::from)
                    }
                }
            }
        }
    }
}
