//! One Rust type per schema: which kind of item each schema becomes (struct, open enum, union or alias), the types
//! module's preamble, and the runtime macro line that follows a struct or a string enum.

mod enums;
mod setters;
mod structs;
mod unions;

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs;
use super::text::string_literal;
use super::{ident, type_tokens, Scope};
use crate::ir::{Api, EnumRepr, TypeDef, TypeKind};

/// The types module's doc comment and imports, for the types it holds itself (`types`), as `prettyplease` prints
/// them.
pub(crate) fn preamble(api: &Api, types: &[&TypeDef]) -> String {
    let mut text =
        String::from("//! The data types of this API: one per schema of the document.\n");
    // Deprecated items are marked for the user's code; their own definitions still mention each other. The
    // attribute also covers the modules inside (a crate split by tag).
    if has_deprecated_types(api) {
        text.push_str("#![allow(deprecated)]\n");
    }
    text.push_str(serde_import(types));
    text
}

/// `use serde::{Deserialize, Serialize};` when one of `types` derives them, else nothing: in a crate split by tag
/// each module imports for its own types, since an import the module's types do not use would be a warning
/// whenever the modules that do are compiled out.
pub(crate) fn serde_import(types: &[&TypeDef]) -> &'static str {
    // Structs (whose impls `json_object!` writes), aliases and string enums (`open_enum!`) name neither trait.
    let names_serde = types.iter().any(|def| match &def.kind {
        TypeKind::Alias(_) | TypeKind::Struct(_) => false,
        TypeKind::Enum(data) => data.repr != EnumRepr::String,
        TypeKind::Union(_) => true,
    });
    if names_serde {
        "use serde::{Deserialize, Serialize};\n"
    } else {
        ""
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
                let member = string_literal(&field.wire_name);
                // A name is already a valid identifier (possibly raw), printed as it is.
                let _ = writeln!(text, "    {}: {member} {how},", field.rust_name);
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
                let value = string_literal(&variant.wire_value);
                let _ = writeln!(text, "    {}: {value},", variant.rust_name);
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

/// One type with its impls: tokens to format, or, for the kinds written directly, text as `prettyplease` would
/// print it.
pub(crate) enum Definition {
    /// Tokens, and text to put before the last line they print (a struct's setters, inside its `impl` block).
    Tokens(TokenStream, Option<String>),
    Text(String),
    /// Text followed by tokens (a struct written as text, its constructor formatted), and text to put before the
    /// last line the tokens print, as for `Tokens`.
    TextThenTokens(String, TokenStream, Option<String>),
}

/// One type with its impls.
pub(crate) fn definition(api: &Api, def: &TypeDef) -> Definition {
    // Every item is documented: spec prose where there is some, otherwise where the type comes from.
    let origin = def.origin.replace('`', "'");
    let fallback = if origin.starts_with("#/") {
        format!("The inline schema at `{origin}`.")
    } else {
        format!("The `{origin}` schema.")
    };
    let doc_text = def.doc.as_deref().unwrap_or(&fallback);
    if let TypeKind::Enum(data) = &def.kind {
        if data.repr == EnumRepr::String {
            let text = enums::string_enum_text(doc_text, def.deprecated, &def.rust_name, data);
            return Definition::Text(text);
        }
    }
    if let TypeKind::Struct(data) = &def.kind {
        let (methods, methods_text) = match setters::setters(api, data) {
            setters::Setters::None => (TokenStream::new(), None),
            setters::Setters::Text(text) => (TokenStream::new(), Some(text)),
            setters::Setters::Tokens(tokens) => (tokens, None),
        };
        let name = ident(&def.rust_name);
        let text = structs::struct_text(api, doc_text, def.deprecated, &def.rust_name, data);
        if let Some(mut text) = text {
            if methods.is_empty() {
                let constructor =
                    structs::constructor_text(api, &def.rust_name, data, methods_text.as_deref());
                if let Some(constructor) = constructor {
                    text.push_str(&constructor);
                    return Definition::Text(text);
                }
            }
            let constructor = structs::constructor(api, &name, data, &methods);
            return Definition::TextThenTokens(text, constructor, methods_text);
        }
        let doc = definition_doc(doc_text, def.deprecated);
        let tokens = structs::struct_definition(api, &doc, &name, data, &methods);
        return Definition::Tokens(tokens, methods_text);
    }
    if let TypeKind::Union(data) = &def.kind {
        let text = unions::untagged_text(api, doc_text, def.deprecated, &def.rust_name, data)
            .or_else(|| unions::tagged_text(api, doc_text, def.deprecated, &def.rust_name, data));
        if let Some(text) = text {
            return Definition::Text(text);
        }
    }
    Definition::Tokens(definition_tokens(api, def, doc_text), None)
}

fn definition_doc(doc_text: &str, deprecated: bool) -> TokenStream {
    let mut doc = doc_attrs([doc_text]);
    if deprecated {
        doc.extend(quote!(#[deprecated]));
    }
    doc
}

/// One type with its impls, as tokens (a struct's setters too); string enums too, which [`definition`] writes as
/// text instead.
pub(crate) fn definition_tokens(api: &Api, def: &TypeDef, doc_text: &str) -> TokenStream {
    let doc = definition_doc(doc_text, def.deprecated);
    let name = ident(&def.rust_name);
    match &def.kind {
        TypeKind::Struct(data) => {
            let methods = setters::setter_tokens(api, data);
            structs::struct_definition(api, &doc, &name, data, &methods)
        }
        TypeKind::Enum(data) => enums::enum_definition(&doc, &name, data),
        TypeKind::Union(data) => unions::union_definition(api, &doc, &name, data),
        TypeKind::Alias(target) => {
            let target = type_tokens(api, target, Scope::Types);
            quote! {
                #doc
                pub type #name = #target;
            }
        }
    }
}
