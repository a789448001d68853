//! A `oneOf` schema as a Rust enum: untagged, tried in order, or tagged by a discriminator property whose unknown
//! values are kept whole.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::{doc_comment, sanitize};
use crate::emit::text::{last_input_line, push_indent, string_literal, CodeText, INDENT, MARGIN};
use crate::emit::{ident, type_text, type_tokens, Scope};
use crate::ir::{Api, TypeKind, TypeRef, Union, UnionTagging, UnionVariant};

/// The enum of a union's variants, with serde impls that write and read the tag when there is one.
pub(super) fn union_definition(
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
            if let Some(properties) = object_member_properties(api, data) {
                let members = data
                    .variants
                    .iter()
                    .zip(&variant_names)
                    .zip(properties)
                    .map(|((variant, variant_name), properties)| {
                        let name = &variant.rust_name;
                        let convert = if variant.boxed {
                            quote!(|value| Self::#variant_name(Box::new(value)))
                        } else {
                            quote!(Self::#variant_name)
                        };
                        quote! {
                            crate::runtime::serde_helpers::UnionMember {
                                name: #name,
                                properties: &[ #( #properties ),* ],
                                decode: |value| serde_json::from_value(value).map(#convert),
                            }
                        }
                    });
                let union_name = name.to_string();
                return quote! {
                    #doc
                    #[derive(Debug, Clone, PartialEq, Serialize)]
                    #[allow(clippy::large_enum_variant)]
                    #[serde(untagged)]
                    pub enum #name {
                        #( #variant_docs #variant_names(#variant_types), )*
                    }

                    impl<'de> Deserialize<'de> for #name {
                        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                            let value = serde_json::Value::deserialize(deserializer)?;
                            crate::runtime::serde_helpers::decode_best_match(value, &[ #( #members ),* ], #union_name)
                        }
                    }
                };
            }
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
            let mut claimed = foldhash::HashSet::default();
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
                let accepted = accepted_tags(variant, &mut claimed);
                if accepted.is_empty() {
                    continue;
                }
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
                let text = selected_by_doc(property, variant);
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

/// The property names of each member, when at least two members are objects: the first member that decodes is
/// then not necessarily the right one (one whose properties are all optional decodes from any object), so the
/// union is decoded by the best match of keys to properties instead of in order.
fn object_member_properties(api: &Api, data: &Union) -> Option<Vec<Vec<String>>> {
    let properties: Vec<Option<Vec<String>>> = data
        .variants
        .iter()
        .map(|variant| match &variant.ty {
            TypeRef::Named(id) => match &api.type_def(*id).kind {
                TypeKind::Struct(shape) => Some(
                    shape
                        .fields
                        .iter()
                        .map(|field| field.wire_name.clone())
                        .collect(),
                ),
                _ => None,
            },
            _ => None,
        })
        .collect();
    (properties.iter().flatten().count() >= 2).then(|| {
        properties
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect()
    })
}

/// An untagged union as the text `prettyplease` prints for [`union_definition`]'s tokens, or `None` when it is
/// tagged, has no variant, or has a line that would not print as written. Microsoft Graph beta has 8 000 of them
/// (a reference or any JSON value); DigitalOcean has 60 decoded by the best match of their members' properties,
/// with a `Deserialize` impl of their own. The tests below check the two agree.
pub(super) fn untagged_text(
    api: &Api,
    doc: &str,
    deprecated: bool,
    name: &str,
    data: &Union,
) -> Option<String> {
    if data.tagging != UnionTagging::Untagged || data.variants.is_empty() {
        return None;
    }
    let best_match = object_member_properties(api, data);
    // The header has nowhere to break: a long one runs past the margin.
    let header = format!("pub enum {name} {{");
    let mut text = String::with_capacity(256 + data.variants.len() * 96);
    doc_comment(&mut text, "", [doc]);
    if deprecated {
        text.push_str("#[deprecated]\n");
    }
    text.push_str(if best_match.is_some() {
        "#[derive(Debug, Clone, PartialEq, Serialize)]\n"
    } else {
        "#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]\n"
    });
    text.push_str("#[allow(clippy::large_enum_variant)]\n#[serde(untagged)]\n");
    text.push_str(&header);
    text.push('\n');
    for variant in &data.variants {
        let ty = variant_type_text(api, variant);
        text.push_str(&format!(
            "    /// A value of the `{}` variant.\n",
            variant.rust_name
        ));
        variant_line(&mut text, &variant.rust_name, &ty)?;
    }
    text.push_str("}\n");
    if let Some(properties) = best_match {
        best_match_impl(&mut text, name, data, &properties)?;
    }
    Some(text)
}

/// The `Deserialize` impl of a union decoded by the best match of its members' properties, as `prettyplease`
/// prints it; `None` when a line that varies would not fit (it would break in ways not modelled here).
fn best_match_impl(
    text: &mut String,
    name: &str,
    data: &Union,
    properties: &[Vec<String>],
) -> Option<()> {
    const MEMBER_INDENT: usize = 5 * INDENT;
    let push_fitting = |text: &mut String, indent: usize, line: &str| {
        (indent + line.len() <= MARGIN).then(|| {
            push_indent(text, indent);
            text.push_str(line);
            text.push('\n');
        })
    };
    push_fitting(
        text,
        0,
        &format!("impl<'de> Deserialize<'de> for {name} {{"),
    )?;
    text.push_str(concat!(
        "    fn deserialize<D: serde::Deserializer<'de>>(\n",
        "        deserializer: D,\n",
        "    ) -> Result<Self, D::Error> {\n",
        "        let value = serde_json::Value::deserialize(deserializer)?;\n",
        "        crate::runtime::serde_helpers::decode_best_match(\n",
        "            value,\n",
        "            &[\n",
    ));
    for (variant, properties) in data.variants.iter().zip(properties) {
        text.push_str("                crate::runtime::serde_helpers::UnionMember {\n");
        let variant_name = &variant.rust_name;
        push_fitting(
            text,
            MEMBER_INDENT,
            &format!("name: {},", string_literal(variant_name)),
        )?;
        let literals: Vec<String> = properties
            .iter()
            .map(|property| string_literal(property))
            .collect();
        push_fitting(
            text,
            MEMBER_INDENT,
            &format!("properties: &[{}],", literals.join(", ")),
        )?;
        let convert = if variant.boxed {
            format!("|value| Self::{variant_name}(Box::new(value))")
        } else {
            format!("Self::{variant_name}")
        };
        let decode = format!("serde_json::from_value(value).map({convert})");
        // The last field's comma is printed because the literal broke, and does not count towards fitting.
        if MEMBER_INDENT + "decode: |value| ".len() + decode.len() <= MARGIN {
            push_indent(text, MEMBER_INDENT);
            text.push_str("decode: |value| ");
            text.push_str(&decode);
            text.push_str(",\n");
        } else {
            // Too long for its line, the closure's body goes in a block.
            push_fitting(text, MEMBER_INDENT, "decode: |value| {")?;
            push_fitting(text, MEMBER_INDENT + INDENT, &decode)?;
            push_fitting(text, MEMBER_INDENT, "},")?;
        }
        text.push_str("                },\n");
    }
    text.push_str("            ],\n");
    push_fitting(text, 3 * INDENT, &format!("{},", string_literal(name)))?;
    text.push_str("        )\n    }\n}\n");
    Some(())
}

/// The doc of a tagged union's variant: the tag values that select it.
fn selected_by_doc(property: &str, variant: &UnionVariant) -> String {
    let values: Vec<String> = variant
        .tag_values
        .iter()
        .map(|value| format!("`{}`", sanitize(value).replace('`', "'")))
        .collect();
    format!(" Selected by `{property}` = {}.", values.join(" or "))
}

/// The tag values a variant is decoded from: a value an earlier variant already took (`claimed`) is decoded by
/// that one (a document may map one value twice), as repeating it would be an unreachable match arm.
fn accepted_tags<'v>(
    variant: &'v UnionVariant,
    claimed: &mut foldhash::HashSet<&'v str>,
) -> Vec<&'v String> {
    variant
        .tag_values
        .iter()
        .filter(|value| claimed.insert(value.as_str()))
        .collect()
}

/// A variant holding one value, `Name(Type),`, as `prettyplease` prints it: too long for its line, the field
/// goes on lines of its own, with a comma that is printed only because it broke.
fn variant_line(text: &mut String, name: &str, ty: &str) -> Option<()> {
    let line = format!("    {name}({ty}),");
    if line.len() <= MARGIN {
        text.push_str(&line);
        text.push('\n');
    } else {
        text.push_str(&format!("    {name}(\n"));
        text.push_str(&last_input_line(2 * INDENT, "", ty)?);
        text.push_str("    ),\n");
    }
    Some(())
}

/// The type of a variant's value as text, boxed when the variant is.
fn variant_type_text(api: &Api, variant: &UnionVariant) -> String {
    let ty = type_text(api, &variant.ty, Scope::Types);
    if variant.boxed {
        format!("Box<{ty}>")
    } else {
        ty
    }
}

/// A union tagged by a property as the text `prettyplease` prints for [`union_definition`]'s tokens, or `None`
/// when a line would not print as written. Stripe, DigitalOcean and most APIs with a `discriminator` have
/// hundreds of them.
pub(super) fn tagged_text(
    api: &Api,
    doc: &str,
    deprecated: bool,
    name: &str,
    data: &Union,
) -> Option<String> {
    let UnionTagging::Tagged {
        property,
        unknown_variant,
    } = &data.tagging
    else {
        return None;
    };
    let property_literal = string_literal(property);
    let mut text = CodeText::new();
    text.doc(0, [doc]);
    if deprecated {
        text.fixed_line(0, "#[deprecated]");
    }
    text.lines("#[derive(Debug, Clone, PartialEq)]\n#[allow(clippy::large_enum_variant)]\n#[non_exhaustive]\n");
    text.fixed_line(0, &format!("pub enum {name} {{"));
    for variant in &data.variants {
        text.doc_line(INDENT, &selected_by_doc(property, variant));
        let mut line = String::new();
        variant_line(
            &mut line,
            &variant.rust_name,
            &variant_type_text(api, variant),
        )?;
        text.lines(&line);
    }
    text.doc_line(
        INDENT,
        " An object whose tag this version of the client does not know; it is kept whole.",
    );
    text.line(INDENT, &format!("{unknown_variant}(serde_json::Value),"));
    text.fixed_line(0, "}");
    // Serializing writes the first mapped value of the variant's tag.
    text.line(0, &format!("impl Serialize for {name} {{"));
    text.fixed_line(
        INDENT,
        "fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {",
    );
    text.fixed_line(2 * INDENT, "match self {");
    let arm_indent = 3 * INDENT;
    for variant in &data.variants {
        let pattern = format!("Self::{}(value)", variant.rust_name);
        let Some(written) = variant.tag_values.first() else {
            text.match_arm(arm_indent, &pattern, &["value.serialize(serializer)"]);
            continue;
        };
        let arguments = [
            "value".to_owned(),
            property_literal.clone(),
            string_literal(written),
            "serializer".to_owned(),
        ];
        let call = format!(
            "crate::runtime::serde_helpers::serialize_tagged({})",
            arguments.join(", ")
        );
        if arm_indent + pattern.len() + " => ".len() + call.len() <= MARGIN {
            text.fixed_line(arm_indent, &format!("{pattern} => {call},"));
            continue;
        }
        text.line(arm_indent, &format!("{pattern} => {{"));
        if arm_indent + INDENT + call.len() <= MARGIN {
            text.fixed_line(arm_indent + INDENT, &call);
        } else {
            text.fixed_line(
                arm_indent + INDENT,
                "crate::runtime::serde_helpers::serialize_tagged(",
            );
            for argument in &arguments {
                text.line(arm_indent + 2 * INDENT, &format!("{argument},"));
            }
            text.fixed_line(arm_indent + INDENT, ")");
        }
        text.fixed_line(arm_indent, "}");
    }
    text.match_arm(
        arm_indent,
        &format!("Self::{unknown_variant}(value)"),
        &["value.serialize(serializer)"],
    );
    text.fixed_line(2 * INDENT, "}");
    text.fixed_line(INDENT, "}");
    text.fixed_line(0, "}");
    // Deserializing picks the variant by the tag; a value an earlier variant already takes stays with it.
    text.line(0, &format!("impl<'de> Deserialize<'de> for {name} {{"));
    text.lines("    fn deserialize<D: serde::Deserializer<'de>>(\n        deserializer: D,\n    ) -> Result<Self, D::Error> {\n");
    text.fixed_line(
        2 * INDENT,
        "let (tag, object) = crate::runtime::serde_helpers::read_tagged(",
    );
    text.fixed_line(3 * INDENT, "deserializer,");
    text.line(3 * INDENT, &format!("{property_literal},"));
    text.fixed_line(2 * INDENT, ")?;");
    text.fixed_line(2 * INDENT, "match tag.as_deref() {");
    let mut claimed = foldhash::HashSet::default();
    for variant in &data.variants {
        let accepted: Vec<String> = accepted_tags(variant, &mut claimed)
            .into_iter()
            .map(|value| format!("Some({})", string_literal(value)))
            .collect();
        if accepted.is_empty() {
            continue;
        }
        let convert = if variant.boxed {
            format!(".map(|value| Self::{}(Box::new(value)))", variant.rust_name)
        } else {
            format!(".map(Self::{})", variant.rust_name)
        };
        text.match_arm(
            arm_indent,
            &accepted.join(" | "),
            &[
                "crate::runtime::serde_helpers::from_value(object)",
                &convert,
            ],
        );
    }
    text.match_arm(
        arm_indent,
        "_",
        &[&format!("Ok(Self::{unknown_variant}(object))")],
    );
    text.fixed_line(2 * INDENT, "}");
    text.fixed_line(INDENT, "}");
    text.fixed_line(0, "}");
    text.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::docs::doc_attrs;
    use crate::ir::{Primitive, TypeRef};

    /// An untagged union of a string, a boxed map of dates and a JSON value (boxed or not), its variants named
    /// `names`.
    fn untagged(names: [String; 3], value_boxed: bool) -> Union {
        let types = [
            TypeRef::Primitive(Primitive::String),
            TypeRef::Map(Box::new(TypeRef::Primitive(Primitive::DateTime))),
            TypeRef::Primitive(Primitive::Json),
        ];
        let boxed = [false, true, value_boxed];
        Union {
            variants: names
                .into_iter()
                .zip(types)
                .zip(boxed)
                .map(|((rust_name, ty), boxed)| UnionVariant {
                    rust_name,
                    ty,
                    tag_values: Vec::new(),
                    boxed,
                })
                .collect(),
            tagging: UnionTagging::Untagged,
        }
    }

    /// `prettyplease`'s printing of [`union_definition`]'s tokens for `data`, documented `Doc.`, deprecated or not.
    fn printed(api: &Api, name: &str, data: &Union, deprecated: bool) -> String {
        let mut doc = doc_attrs(["Doc."]);
        if deprecated {
            doc.extend(quote!(#[deprecated]));
        }
        let tokens = union_definition(api, &doc, &ident(name), data);
        prettyplease::unparse(&syn::parse2(tokens).unwrap())
    }

    #[test]
    fn long_variants_are_written_as_prettyplease_prints_them() {
        let api = Api::default();
        let mut broken = 0;
        for length in 1..100 {
            let data = untagged(["A", "B", "C"].map(|letter| letter.repeat(length)), true);
            // The enum's own name grows too, past the margin.
            let name = format!("Pet{}", "s".repeat(length));
            let tokens = union_definition(&api, &doc_attrs(["Doc."]), &ident(&name), &data);
            let printed = prettyplease::unparse(&syn::parse2(tokens).unwrap());
            let text = untagged_text(&api, "Doc.", false, &name, &data);
            assert_eq!(text.as_deref(), Some(printed.as_str()), "{length}");
            broken += printed.matches("(\n").count();
        }
        assert!(broken > 100, "{broken} variants broken");
    }

    #[test]
    fn tagged_unions_are_written_as_prettyplease_prints_them() {
        let api = Api::default();
        let (mut written, mut refused) = (0, Vec::new());
        for length in (1..100).step_by(2) {
            let variant = |letter: &str, values: &[String], boxed: bool| UnionVariant {
                rust_name: letter.repeat(length),
                ty: TypeRef::Primitive(Primitive::Json),
                tag_values: values.to_vec(),
                boxed,
            };
            let value = |letter: &str| letter.repeat(length / 2 + 1);
            let data = Union {
                variants: vec![
                    variant("A", &[value("a")], false),
                    variant("B", &[value("b"), "b\"q".to_owned()], true),
                    variant("C", &[], false),
                    // A value an earlier variant already takes is decoded by that one.
                    variant("D", &[value("a"), value("d")], false),
                ],
                tagging: UnionTagging::Tagged {
                    property: "t".repeat(length / 3 + 1),
                    unknown_variant: format!("Unknown{}", "u".repeat(length / 4)),
                },
            };
            let name = format!("Pet{}", "s".repeat(length));
            for deprecated in [false, true] {
                let printed = printed(&api, &name, &data, deprecated);
                match tagged_text(&api, "Doc.", deprecated, &name, &data) {
                    Some(text) => {
                        assert_eq!(text, printed, "{length}");
                        written += 1;
                    }
                    None => refused.push(length),
                }
            }
        }
        // Only unions with a line that would wrap in a way not modelled are refused: from variant names of 33
        // characters, a boxed variant's `.map(|value| Self::…(Box::new(value)))` breaks inside its closure.
        assert!(
            written > 30 && refused.iter().all(|&length| length > 30),
            "{written} written, refused at lengths {refused:?}"
        );
    }

    #[test]
    fn untagged_unions_are_written_as_prettyplease_prints_them() {
        let api = Api::default();
        let data = untagged(["Text", "Map", "Value"].map(str::to_owned), false);
        for (doc, deprecated) in [("A pet.  ", false), ("Two\n\nparagraphs", true)] {
            let mut doc_tokens = doc_attrs([doc]);
            if deprecated {
                doc_tokens.extend(quote!(#[deprecated]));
            }
            let tokens = union_definition(&api, &doc_tokens, &ident("Pet"), &data);
            let printed = prettyplease::unparse(&syn::parse2(tokens).unwrap());
            let text = untagged_text(&api, doc, deprecated, "Pet", &data);
            assert_eq!(text.as_deref(), Some(printed.as_str()));
        }
    }

    /// An API of two object types whose properties are `properties` (one each), for unions decoded by best match.
    fn object_types(properties: [Vec<String>; 2]) -> Api {
        use crate::ir::{Constraints, Direction, Field, Struct, TypeDef, TypeKind};
        let mut api = Api::default();
        for (index, wire_names) in properties.into_iter().enumerate() {
            let fields = wire_names
                .into_iter()
                .map(|wire_name| Field {
                    rust_name: "f".to_owned(),
                    wire_name,
                    ty: TypeRef::Primitive(Primitive::String),
                    required: false,
                    nullable: false,
                    boxed: false,
                    doc: None,
                    deprecated: false,
                    direction: Direction::Both,
                    default: None,
                    constraints: Constraints::default(),
                    setters: None,
                })
                .collect();
            api.types.push(TypeDef {
                rust_name: format!("Object{index}"),
                origin: String::new(),
                pointer: String::new(),
                doc: None,
                deprecated: false,
                kind: TypeKind::Struct(Struct {
                    fields,
                    additional_properties: None,
                }),
            });
        }
        api
    }

    #[test]
    fn best_match_unions_are_written_as_prettyplease_prints_them() {
        let (mut written, mut refused) = (0, Vec::new());
        for length in (1..90).step_by(4) {
            for count in [0, 1, 3, 8] {
                let property = |letter: &str, index: usize| {
                    format!("{}{index}", letter.repeat(length / 12 + 1))
                };
                let api = object_types([
                    (0..count).map(|index| property("a", index)).collect(),
                    (0..count.max(1))
                        .map(|index| property("b\"", index))
                        .collect(),
                ]);
                let variant = |rust_name: String, ty: TypeRef, boxed: bool| UnionVariant {
                    rust_name,
                    ty,
                    tag_values: Vec::new(),
                    boxed,
                };
                let data = Union {
                    variants: vec![
                        variant(
                            "A".repeat(length / 4 + 1),
                            TypeRef::Named(crate::ir::TypeId(0)),
                            false,
                        ),
                        variant(
                            format!("B{}", "b".repeat(length / 3)),
                            TypeRef::Named(crate::ir::TypeId(1)),
                            length % 16 == 1,
                        ),
                        variant(
                            "Value".to_owned(),
                            TypeRef::Primitive(Primitive::Json),
                            false,
                        ),
                    ],
                    tagging: UnionTagging::Untagged,
                };
                let name = format!("Pages{}", "s".repeat(length));
                for deprecated in [false, true] {
                    let printed = printed(&api, &name, &data, deprecated);
                    match untagged_text(&api, "Doc.", deprecated, &name, &data) {
                        Some(text) => {
                            assert_eq!(text, printed, "{length} {count}");
                            written += 1;
                        }
                        None => refused.push((length, count)),
                    }
                }
            }
        }
        // Only a line that would not fit is refused: long union names, property lists or variant names, and a
        // boxed member's decoding, which `prettyplease` breaks inside its closure; names of DigitalOcean's length
        // (`Variant0`, a union name of 40 characters) with a few properties are all written.
        let short_refused: Vec<_> = refused
            .iter()
            .filter(|(length, count)| *length <= 33 && *count <= 3 && length % 16 != 1)
            .collect();
        assert!(
            written > 50 && short_refused.is_empty(),
            "{written} written, refused {refused:?}"
        );
    }
}
