//! An enum schema as an open Rust enum: string values (whose conversions `open_enum!` writes), integer values and
//! other JSON values, each with a variant that keeps a value this version does not know.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::{doc_attrs, doc_comment};
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

/// A string enum as the text `prettyplease` prints for [`enum_definition`]'s tokens, written directly: it is the
/// most common item of large documents (Microsoft Graph beta has 27 000, most of them `$select` lists of hundreds
/// of values), and nothing in it can wrap, since every attribute and variant is a line of its own.
/// The tests below check that the two agree.
pub(super) fn string_enum_text(
    doc: &str,
    deprecated: bool,
    name: &str,
    data: &StringEnum,
) -> String {
    let mut text = String::with_capacity(128 + data.variants.len() * 48);
    doc_comment(&mut text, "", [doc]);
    if deprecated {
        text.push_str("#[deprecated]\n");
    }
    text.push_str("#[derive(Debug, Clone, PartialEq, Eq, Hash)]\n#[non_exhaustive]\npub enum ");
    text.push_str(name);
    text.push_str(" {\n");
    for variant in &data.variants {
        let value = format!("`{}`", variant.wire_value.replace('`', "'"));
        doc_comment(
            &mut text,
            "    ",
            [value.as_str(), variant.doc.as_deref().unwrap_or_default()],
        );
        text.push_str("    ");
        text.push_str(&variant.rust_name);
        text.push_str(",\n");
    }
    text.push_str(UNKNOWN_DOC_TEXT);
    text.push_str("    ");
    text.push_str(&data.unknown_variant);
    text.push_str("(String),\n}\n");
    text
}

/// The doc comment of the variant that keeps unknown values, as [`enum_definition`] writes it.
const UNKNOWN_DOC_TEXT: &str =
    "    /// A value that this version of the client does not know; it is kept as it was received.\n";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::EnumVariant;

    fn printed(tokens: TokenStream) -> String {
        prettyplease::unparse(&syn::parse2(tokens).expect("tokens parse"))
    }

    #[test]
    fn string_enums_are_written_as_prettyplease_prints_them() {
        let variant = |rust_name: &str, wire_value: &str, doc: Option<&str>| EnumVariant {
            rust_name: rust_name.to_owned(),
            wire_value: wire_value.to_owned(),
            doc: doc.map(str::to_owned),
        };
        let data = StringEnum {
            repr: EnumRepr::String,
            variants: vec![
                variant("DisplayName", "displayName", None),
                variant(
                    "Tick",
                    "a`b \"c\" \\n",
                    Some("Two lines,  \nthe first with trailing spaces."),
                ),
                variant("Fenced", "x", Some("```\ncode   \n```\n\n\ttab  ")),
                variant("Unicode", "日本", Some("é \u{202E} \r bare CR")),
            ],
            unknown_variant: "Unknown2".to_owned(),
        };
        for (doc, deprecated) in [
            ("One line.", false),
            ("Paragraph one.\n\n  Indented   \n/ slash first", true),
            ("", false),
        ] {
            let name = ident(
                "VeryLongEnumNameThatGoesOnAndOnPastTheWidthOfOneLineOfPrettyPleaseOutputForSure",
            );
            let mut doc_tokens = doc_attrs([doc]);
            if deprecated {
                doc_tokens.extend(quote!(#[deprecated]));
            }
            let tokens = enum_definition(&doc_tokens, &name, &data);
            let text = string_enum_text(doc, deprecated, &name.to_string(), &data);
            assert_eq!(text, printed(tokens));
        }
    }
}
