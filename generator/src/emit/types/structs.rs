//! A schema with properties as a `#[non_exhaustive]` struct: its fields, and the `new` constructor that takes the
//! required ones.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::{doc_attrs, doc_comment};
use crate::emit::text::{type_line, CodeText, LiteralFn, INDENT};
use crate::emit::{ident, type_text, type_tokens, Scope};
use crate::ir::{Api, Direction, Field, Struct};

/// A struct with one field per property (and one for additional properties), and its constructor.
pub(super) fn struct_definition(
    api: &Api,
    doc: &TokenStream,
    name: &proc_macro2::Ident,
    data: &Struct,
    methods: &TokenStream,
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
    let constructor = constructor(api, name, data, methods);
    // `#[non_exhaustive]` lets a later release add a property without breaking callers, who build values with
    // `new` and set optional fields afterwards (with the setters of `setters.rs`, or by assigning them).
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

/// `new` takes the fields that must be present on the wire and leaves every optional one empty; `methods` (the
/// setters as tokens, when they are not written as text) follow it in the same `impl` block.
pub(super) fn constructor(
    api: &Api,
    type_name: &proc_macro2::Ident,
    data: &Struct,
    methods: &TokenStream,
) -> TokenStream {
    if data.fields.iter().all(|field| !field.required) {
        // Every field is optional, so the struct derives `Default`, which is this value.
        return quote! {
            impl #type_name {
                /// A value with every optional field empty.
                pub fn new() -> Self {
                    Self::default()
                }
                #methods
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
            #methods
        }
    }
}

/// The constructor's `impl` block as [`constructor`] prints it, with the setters (`methods_text`, laid out for
/// the inside of the block) before its closing brace; `None` when a line would not print as written. Every
/// struct has one, so on documents of many schemas these were a large share of what `syn` parsed.
pub(super) fn constructor_text(
    api: &Api,
    type_name: &str,
    data: &Struct,
    methods_text: Option<&str>,
) -> Option<String> {
    let mut text = CodeText::new();
    text.fixed_line(0, &format!("impl {type_name} {{"));
    if data.fields.iter().all(|field| !field.required) {
        text.fixed_line(4, "/// A value with every optional field empty.");
        text.fixed_line(4, "pub fn new() -> Self {");
        text.fixed_line(8, "Self::default()");
        text.fixed_line(4, "}");
    } else {
        let mut arguments = Vec::new();
        let mut initializers = Vec::new();
        for field in &data.fields {
            let name = &field.rust_name;
            if field.required {
                let ty = type_text(api, &field.ty, Scope::Types);
                arguments.push(if field.nullable {
                    format!("{name}: Option<{ty}>")
                } else {
                    format!("{name}: {ty}")
                });
                initializers.push(match (field.boxed, field.nullable) {
                    (true, true) => format!("{name}: {name}.map(Box::new)"),
                    (true, false) => format!("{name}: Box::new({name})"),
                    (false, _) => name.clone(),
                });
            } else {
                initializers.push(format!("{name}: None"));
            }
        }
        if let Some(extra) = &data.additional_properties {
            initializers.push(format!("{}: Default::default()", extra.rust_name));
        }
        text.fixed_line(
            4,
            "/// A value with the required fields given and every optional field empty.",
        );
        if arguments.len() > 7 {
            text.fixed_line(4, "#[allow(clippy::too_many_arguments)]");
        }
        text.literal_fn(
            4,
            &LiteralFn {
                head: "pub fn new",
                inputs: &arguments,
                output: "Self",
                literal_type: "Self",
                fields: &initializers,
            },
        );
    }
    text.lines(methods_text.unwrap_or_default());
    text.fixed_line(0, "}");
    text.finish()
}

/// The paragraphs of a field's doc comment: its prose (or where it comes from), its direction, its default.
fn field_doc(field: &Field) -> [String; 3] {
    let fallback = format!("The `{}` property.", field.wire_name.replace('`', "'"));
    let direction = match field.direction {
        Direction::Both => "",
        Direction::ServerToClient => "Set by the server (read-only): requests need not carry it.",
        Direction::ClientToServer => "Sent by the client (write-only): responses do not carry it.",
    };
    let default = field.default.as_ref().map(|value| {
        format!(
            "When absent, the server uses `{}`.",
            value.replace('`', "'")
        )
    });
    [
        field.doc.clone().unwrap_or(fallback),
        direction.to_owned(),
        default.unwrap_or_default(),
    ]
}

fn field_definition(api: &Api, field: &Field) -> TokenStream {
    let paragraphs = field_doc(field);
    let mut doc = doc_attrs(paragraphs.iter().map(String::as_str));
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

/// A struct's definition (without its constructor) as the text `prettyplease` prints for it, or `None` when a
/// field's type would wrap in a way `text::type_line` does not write. Its header has nowhere to break, so it is
/// one line whatever its length. Structs are most of the types of documents like Stripe's.
pub(super) fn struct_text(
    api: &Api,
    doc: &str,
    deprecated: bool,
    name: &str,
    data: &Struct,
) -> Option<String> {
    let header = format!("pub struct {name} {{");
    let mut text = String::with_capacity(256 + data.fields.len() * 128);
    doc_comment(&mut text, "", [doc]);
    if deprecated {
        text.push_str("#[deprecated]\n");
    }
    let all_optional = data.fields.iter().all(|field| field.is_optional());
    text.push_str(if all_optional {
        "#[derive(Debug, Clone, PartialEq, Default)]\n#[non_exhaustive]\n"
    } else {
        "#[derive(Debug, Clone, PartialEq)]\n#[non_exhaustive]\n"
    });
    if data.fields.is_empty() && data.additional_properties.is_none() {
        text.push_str(&format!("pub struct {name} {{}}\n"));
        return Some(text);
    }
    text.push_str(&header);
    text.push('\n');
    for field in &data.fields {
        let mut ty = type_text(api, &field.ty, Scope::Types);
        if field.boxed {
            ty = format!("Box<{ty}>");
        }
        let ty = match field.option_depth() {
            0 => ty,
            1 => format!("Option<{ty}>"),
            _ => format!("Option<Option<{ty}>>"),
        };
        let line = type_line(INDENT, &format!("pub {}: ", field.rust_name), &ty, ",")?;
        let paragraphs = field_doc(field);
        doc_comment(&mut text, "    ", paragraphs.iter().map(String::as_str));
        if field.deprecated {
            text.push_str("    #[deprecated]\n");
        }
        text.push_str(&line);
    }
    if let Some(extra) = &data.additional_properties {
        let value = type_text(api, &extra.value, Scope::Types);
        let line = type_line(
            INDENT,
            &format!("pub {}: ", extra.rust_name),
            &format!("std::collections::BTreeMap<String, {value}>"),
            ",",
        )?;
        text.push_str("    /// Properties beyond the ones listed above.\n");
        text.push_str(&line);
    }
    text.push_str("}\n");
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::docs::doc_attrs;
    use crate::ir::{AdditionalProperties, Primitive, TypeRef};

    fn printed(tokens: TokenStream) -> String {
        prettyplease::unparse(&syn::parse2(tokens).expect("tokens parse"))
    }

    #[test]
    fn structs_are_written_as_prettyplease_prints_them() {
        let api = Api::default();
        let field = |name: &str, required: bool, nullable: bool, direction: Direction| Field {
            rust_name: name.to_owned(),
            wire_name: format!("{name}`x"),
            ty: TypeRef::Array(Box::new(TypeRef::Primitive(Primitive::DateTime))),
            required,
            nullable,
            boxed: name == "r#type",
            doc: (name == "id").then(|| "The id.  \n\nSecond paragraph.".to_owned()),
            deprecated: name == "old",
            direction,
            default: (name == "old").then(|| "`7`".to_owned()),
            constraints: Default::default(),
            setters: None,
        };
        let full = Struct {
            fields: vec![
                field("id", true, false, Direction::Both),
                field("r#type", false, true, Direction::ServerToClient),
                field("old", false, false, Direction::ClientToServer),
                field("maybe", true, true, Direction::Both),
            ],
            additional_properties: Some(AdditionalProperties {
                rust_name: "extra".to_owned(),
                value: TypeRef::Primitive(Primitive::Json),
            }),
        };
        let optional = Struct {
            fields: vec![field("old", false, false, Direction::Both)],
            additional_properties: None,
        };
        let empty = Struct {
            fields: Vec::new(),
            additional_properties: None,
        };
        for data in [&full, &optional, &empty] {
            for deprecated in [false, true] {
                let mut doc = doc_attrs(["A pet."]);
                if deprecated {
                    doc.extend(quote!(#[deprecated]));
                }
                let name = ident("Pet");
                let none = TokenStream::new();
                let tokens = struct_definition(&api, &doc, &name, data, &none);
                let text = struct_text(&api, "A pet.", deprecated, "Pet", data).expect("fits");
                let constructor = printed(constructor(&api, &name, data, &none));
                assert_eq!(format!("{text}{constructor}"), printed(tokens));
                let constructor_text = constructor_text(&api, "Pet", data, None).expect("fits");
                assert_eq!(constructor_text, constructor);
            }
        }
    }

    /// Long names and fields across the margin: written as `prettyplease` prints them (a type too long for its
    /// line broken inside its brackets), or refused.
    #[test]
    fn long_structs_are_written_as_prettyplease_prints_them() {
        let api = Api::default();
        let mut written = 0;
        let mut refused = 0;
        // Fields whose type broke inside its brackets.
        let mut wrapped = 0;
        for name_length in [10, 70, 80, 90, 120] {
            let type_name = format!("P{}", "n".repeat(name_length));
            for field_length in 20..=70 {
                let field = Field {
                    rust_name: "f".repeat(field_length),
                    wire_name: "f".to_owned(),
                    ty: TypeRef::Array(Box::new(TypeRef::Primitive(Primitive::DateTime))),
                    required: field_length % 2 == 0,
                    nullable: false,
                    boxed: false,
                    doc: None,
                    deprecated: false,
                    direction: Direction::Both,
                    default: None,
                    constraints: Default::default(),
                    setters: None,
                };
                let data = Struct {
                    fields: vec![field],
                    additional_properties: None,
                };
                let doc = doc_attrs(["A pet."]);
                let none = TokenStream::new();
                let tokens = struct_definition(&api, &doc, &ident(&type_name), &data, &none);
                match struct_text(&api, "A pet.", false, &type_name, &data) {
                    Some(text) => {
                        written += 1;
                        wrapped += usize::from(text.contains("<\n"));
                        let constructor =
                            printed(constructor(&api, &ident(&type_name), &data, &none));
                        assert_eq!(
                            format!("{text}{constructor}"),
                            printed(tokens),
                            "{name_length} {field_length}"
                        );
                    }
                    None => refused += 1,
                }
            }
        }
        assert!(
            written > 0 && wrapped > 0,
            "{written} written ({wrapped} wrapped), {refused} refused"
        );
    }
}
