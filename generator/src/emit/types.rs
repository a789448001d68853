//! One Rust type per schema: structs, open string enums, unions and aliases.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs;
use super::{ident, type_tokens, Scope};
use crate::ir::{
    Api, Direction, EnumRepr, Field, StringEnum, Struct, TypeDef, TypeKind, Union, UnionTagging,
};

/// The types module's doc comment and imports.
pub(crate) fn preamble(api: &Api) -> TokenStream {
    // Structs (whose impls `json_object!` writes), aliases and string enums (`open_enum!`) name neither trait.
    let names_serde = api.types.iter().any(|def| match &def.kind {
        TypeKind::Alias(_) | TypeKind::Struct(_) => false,
        TypeKind::Enum(data) => data.repr != EnumRepr::String,
        TypeKind::Union(_) => true,
    });
    let use_serde = names_serde.then(|| {
        quote!(
            use serde::{Deserialize, Serialize};
        )
    });
    // Deprecated items are marked for the user's code; their own definitions still mention each other.
    let allow_deprecated = has_deprecated_types(api).then(|| quote!(#![allow(deprecated)]));
    quote! {
        //! The data types of this API: one per schema of the document.
        #allow_deprecated
        #use_serde
    }
}

/// Whether any type or property is deprecated, which the modules that mention them must allow.
pub(crate) fn has_deprecated_types(api: &Api) -> bool {
    api.types.iter().any(|def| {
        def.deprecated
            || matches!(&def.kind, TypeKind::Struct(data) if data.fields.iter().any(|f| f.deprecated))
    })
}

/// The text that follows a type's definition: the invocation of the runtime macro that writes its impls, laid
/// out here, an entry a line, because `prettyplease` prints a macro's input as one filled paragraph.
///
/// A struct's `Serialize` and `Deserialize` come from `json_object!`, given each field's member name and how it
/// travels: present and not `null` (`required`), present and maybe `null` (`nullable`), maybe absent or `null`
/// (`optional`), or maybe absent and `null` apart (`optional_nullable`). An open string enum's conversions
/// (`as_str`, `From<&str>`) and the impls that call them come from `open_enum!`, given each variant's value and
/// the variant that keeps the others.
pub(crate) fn trailing_text(def: &TypeDef) -> Option<String> {
    use std::fmt::Write as _;

    let (mut text, rest) = match &def.kind {
        TypeKind::Struct(data) => {
            let mut text = format!(
                "crate::runtime::json_object!({} {{\n",
                ident(&def.rust_name)
            );
            for field in &data.fields {
                let how = match (field.required, field.nullable) {
                    (true, false) => "required",
                    (true, true) => "nullable",
                    (false, false) => "optional",
                    (false, true) => "optional_nullable",
                };
                let member = proc_macro2::Literal::string(&field.wire_name);
                let _ = writeln!(text, "    {}: {member} {how},", ident(&field.rust_name));
            }
            let rest = data
                .additional_properties
                .as_ref()
                .map(|extra| ident(&extra.rust_name));
            (text, rest)
        }
        TypeKind::Enum(data) if data.repr == EnumRepr::String => {
            let mut text = format!("crate::runtime::open_enum!({} {{\n", ident(&def.rust_name));
            for variant in &data.variants {
                let value = proc_macro2::Literal::string(&variant.wire_value);
                let _ = writeln!(text, "    {}: {value},", ident(&variant.rust_name));
            }
            (text, Some(ident(&data.unknown_variant)))
        }
        _ => return None,
    };
    if let Some(rest) = rest {
        let _ = writeln!(text, "    ..{rest}");
    }
    text.push_str("});\n");
    Some(text)
}

/// One type with its impls.
pub(crate) fn definition(api: &Api, def: &TypeDef) -> TokenStream {
    // Every item is documented: spec prose where there is some, otherwise where the type comes from.
    let origin = def.origin.replace('`', "'");
    let fallback = if origin.starts_with("#/") {
        format!("The inline schema at `{origin}`.")
    } else {
        format!("The `{origin}` schema.")
    };
    let mut doc = doc_attrs([def.doc.as_deref().unwrap_or(&fallback)]);
    if def.deprecated {
        doc.extend(quote!(#[deprecated]));
    }
    let name = ident(&def.rust_name);
    match &def.kind {
        TypeKind::Struct(data) => struct_definition(api, &doc, &name, data),
        TypeKind::Enum(data) => enum_definition(&doc, &name, data),
        TypeKind::Union(data) => union_definition(api, &doc, &name, data),
        TypeKind::Alias(target) => {
            let target = type_tokens(api, target, Scope::Types);
            quote! {
                #doc
                pub type #name = #target;
            }
        }
    }
}

fn struct_definition(
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

fn enum_definition(doc: &TokenStream, name: &proc_macro2::Ident, data: &StringEnum) -> TokenStream {
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

fn union_definition(
    api: &Api,
    doc: &TokenStream,
    name: &proc_macro2::Ident,
    data: &Union,
) -> TokenStream {
    let variant_names: Vec<_> = data
        .variants
        .iter()
        .map(|variant| ident(&variant.rust_name))
        .collect();
    let variant_types: Vec<_> = data
        .variants
        .iter()
        .map(|variant| {
            let ty = type_tokens(api, &variant.ty, Scope::Types);
            if variant.boxed {
                quote!(Box<#ty>)
            } else {
                ty
            }
        })
        .collect();
    match &data.tagging {
        UnionTagging::Untagged => {
            let variant_docs = data.variants.iter().map(|variant| {
                let text = format!(" A value of the `{}` variant.", variant.rust_name);
                quote!(#[doc = #text])
            });
            quote! {
                #doc
                #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
                #[allow(clippy::large_enum_variant)]
                #[serde(untagged)]
                pub enum #name {
                    #( #variant_docs #variant_names(#variant_types), )*
                }
            }
        }
        UnionTagging::Tagged {
            property,
            unknown_variant,
        } => {
            let unknown = ident(unknown_variant);
            let mut serialize_arms = Vec::new();
            let mut deserialize_arms = Vec::new();
            for (variant, variant_name) in data.variants.iter().zip(&variant_names) {
                // The first mapped value is written; every mapped value is accepted. A member without a tag value
                // (an inline schema) is written as it is and never chosen when decoding.
                let Some(written) = variant.tag_values.first() else {
                    serialize_arms
                        .push(quote!(Self::#variant_name(value) => value.serialize(serializer),));
                    continue;
                };
                serialize_arms.push(quote! {
                    Self::#variant_name(value) => crate::runtime::serde_helpers::serialize_tagged(value, #property, #written, serializer),
                });
                let accepted = &variant.tag_values;
                let convert = if variant.boxed {
                    quote!(|value| Self::#variant_name(Box::new(value)))
                } else {
                    quote!(Self::#variant_name)
                };
                deserialize_arms.push(quote! {
                    #( Some(#accepted) )|* => crate::runtime::serde_helpers::from_value(object).map(#convert),
                });
            }
            let variant_docs = data.variants.iter().map(|variant| {
                let text = format!(
                    " Selected by `{property}` = {}.",
                    variant
                        .tag_values
                        .iter()
                        .map(|v| format!("`{}`", super::docs::sanitize(v).replace('`', "'")))
                        .collect::<Vec<_>>()
                        .join(" or ")
                );
                quote!(#[doc = #text])
            });
            quote! {
                #doc
                #[derive(Debug, Clone, PartialEq)]
                #[allow(clippy::large_enum_variant)]
                #[non_exhaustive]
                pub enum #name {
                    #( #variant_docs #variant_names(#variant_types), )*
                    /// An object whose tag this version of the client does not know; it is kept whole.
                    #unknown(serde_json::Value),
                }

                impl Serialize for #name {
                    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        match self {
                            #( #serialize_arms )*
                            Self::#unknown(value) => value.serialize(serializer),
                        }
                    }
                }

                impl<'de> Deserialize<'de> for #name {
                    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        let (tag, object) = crate::runtime::serde_helpers::read_tagged(deserializer, #property)?;
                        match tag.as_deref() {
                            #( #deserialize_arms )*
                            _ => Ok(Self::#unknown(object)),
                        }
                    }
                }
            }
        }
    }
}
