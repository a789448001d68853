//! A struct's chained setters (which fields have them, and their names, `lower/setters.rs` decides): each takes
//! the struct by value and returns it with one field set, so a body is built in one expression.
//!
//! A setter takes `impl Into<T>` (a `&str` for a `String`, a value for an `Option`), a collection takes
//! `impl IntoIterator<Item = impl Into<T>>` (an array, a `Vec`, an iterator), a map pairs of keys and values.
//! Numbers and booleans are taken as they are: an integer literal gets its type from the argument only when the
//! argument names it (`impl Into<u64>` would make `5` an `i32`, which has no `Into<u64>`). A field that may be
//! absent or `null` gets a second setter that sets `null`, so that callers never write `Some(Some(x))`.
//!
//! The setters of a struct are written as the text `prettyplease` prints for them whenever it can tell (every
//! line of a setter fits in the margin, or a signature is certain to be broken one parameter a line), else as
//! tokens that it formats; the `setters_are_written_as_prettyplease_prints_them` test holds the two together.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::text::last_input_line;
use crate::emit::{ident, type_text, type_tokens, Scope};
use crate::ir::{Api, Field, Primitive, Struct, TypeKind, TypeRef};
use crate::naming::unraw;

/// The column past which `prettyplease` breaks a line.
const MARGIN: usize = 89;

/// A struct's setters: as text laid out as `prettyplease` prints them inside the struct's `impl` block, or, when
/// a line might not print as written, as tokens for that block.
pub(super) enum Setters {
    None,
    Text(String),
    Tokens(TokenStream),
}

/// The setters of a struct's fields that have them.
pub(super) fn setters(api: &Api, data: &Struct) -> Setters {
    let fields: Vec<&Field> = data
        .fields
        .iter()
        .filter(|field| field.setters.is_some())
        .collect();
    if fields.is_empty() {
        return Setters::None;
    }
    let mut text = Some(String::new());
    for field in &fields {
        if let Some(written) = &mut text {
            if !push_text(written, api, field) {
                text = None;
            }
        }
    }
    match text {
        Some(text) => Setters::Text(text),
        None => Setters::Tokens(fields.iter().map(|field| tokens(api, field)).collect()),
    }
}

/// The setters of a struct's fields that have them, as tokens.
pub(super) fn setter_tokens(api: &Api, data: &Struct) -> TokenStream {
    data.fields.iter().map(|field| tokens(api, field)).collect()
}

/// What a setter takes and what it stores, as text and as tokens.
struct Conversion {
    argument: String,
    argument_tokens: TokenStream,
    value: &'static str,
    value_tokens: TokenStream,
}

/// Whether a type is taken as it is rather than as `impl Into<…>`: numbers and booleans (see the module docs),
/// also under an alias (`type Count = u64`).
fn taken_exactly(api: &Api, ty: &TypeRef) -> bool {
    use Primitive::*;
    let mut ty = ty;
    // Alias cycles are broken in lowering; the bound only keeps this loop finite whatever the IR holds.
    for _ in 0..64 {
        match ty {
            TypeRef::Primitive(Bool | I32 | I64 | U32 | U64 | I128 | U128 | F32 | F64) => {
                return true
            }
            TypeRef::Named(id) => match &api.type_def(*id).kind {
                TypeKind::Alias(target) => ty = target,
                _ => return false,
            },
            _ => return false,
        }
    }
    false
}

/// How a field's setter takes its value and turns it into the field's type (before the `Option`s).
fn conversion(api: &Api, field: &Field) -> Conversion {
    let plain = |ty: &TypeRef| {
        let text = type_text(api, ty, Scope::Types);
        let tokens = type_tokens(api, ty, Scope::Types);
        if taken_exactly(api, ty) {
            (text, tokens)
        } else {
            (format!("impl Into<{text}>"), quote!(impl Into<#tokens>))
        }
    };
    match &field.ty {
        TypeRef::Array(item) if !field.boxed => {
            let exact = taken_exactly(api, item);
            let (item, item_tokens) = plain(item);
            Conversion {
                argument: format!("impl IntoIterator<Item = {item}>"),
                argument_tokens: quote!(impl IntoIterator<Item = #item_tokens>),
                value: if exact {
                    "value.into_iter().collect()"
                } else {
                    "value.into_iter().map(Into::into).collect()"
                },
                value_tokens: if exact {
                    quote!(value.into_iter().collect())
                } else {
                    quote!(value.into_iter().map(Into::into).collect())
                },
            }
        }
        TypeRef::Map(item) if !field.boxed => {
            let exact = taken_exactly(api, item);
            let (item, item_tokens) = plain(item);
            Conversion {
                argument: format!("impl IntoIterator<Item = (impl Into<String>, {item})>"),
                argument_tokens: quote!(impl IntoIterator<Item = (impl Into<String>, #item_tokens)>),
                value: if exact {
                    "value.into_iter().map(|(key, item)| (key.into(), item)).collect()"
                } else {
                    "value.into_iter().map(|(key, item)| (key.into(), item.into())).collect()"
                },
                value_tokens: if exact {
                    quote!(value
                        .into_iter()
                        .map(|(key, item)| (key.into(), item))
                        .collect())
                } else {
                    quote!(value
                        .into_iter()
                        .map(|(key, item)| (key.into(), item.into()))
                        .collect())
                },
            }
        }
        ty => {
            let (argument, argument_tokens) = plain(ty);
            let exact = taken_exactly(api, ty);
            let (value, value_tokens) = match (field.boxed, exact) {
                (true, true) => ("Box::new(value)", quote!(Box::new(value))),
                (true, false) => ("Box::new(value.into())", quote!(Box::new(value.into()))),
                (false, true) => ("value", quote!(value)),
                (false, false) => ("value.into()", quote!(value.into())),
            };
            Conversion {
                argument,
                argument_tokens,
                value,
                value_tokens,
            }
        }
    }
}

fn value_doc(field: &Field) -> String {
    format!(" Sets `{}`.", unraw(&field.rust_name))
}

fn null_doc(field: &Field) -> String {
    format!(
        " Sets `{}` to `null`, which the server may read differently from leaving it out.",
        unraw(&field.rust_name)
    )
}

/// The setters of one field as tokens.
fn tokens(api: &Api, field: &Field) -> TokenStream {
    let Some(names) = &field.setters else {
        return TokenStream::new();
    };
    let name = ident(&field.rust_name);
    let setter = ident(&names.value);
    let conversion = conversion(api, field);
    let argument = conversion.argument_tokens;
    let value = conversion.value_tokens;
    let stored = if field.nullable {
        quote!(Some(Some(#value)))
    } else {
        quote!(Some(#value))
    };
    let deprecated = field.deprecated.then(|| quote!(#[deprecated]));
    let doc = value_doc(field);
    let null = names.null.as_ref().map(|null| {
        let null = ident(null);
        let doc = null_doc(field);
        quote! {
            #[doc = #doc]
            #deprecated
            pub fn #null(mut self) -> Self {
                self.#name = Some(None);
                self
            }
        }
    });
    quote! {
        #[doc = #doc]
        #deprecated
        pub fn #setter(mut self, value: #argument) -> Self {
            self.#name = #stored;
            self
        }
        #null
    }
}

/// Appends the setters of one field as `prettyplease` prints them, or returns `false` when a line might print
/// otherwise.
fn push_text(text: &mut String, api: &Api, field: &Field) -> bool {
    let Some(names) = &field.setters else {
        return true;
    };
    let conversion = conversion(api, field);
    let stored = if field.nullable {
        format!("Some(Some({}))", conversion.value)
    } else {
        format!("Some({})", conversion.value)
    };
    let one_line_statement = format!("        self.{} = {stored};\n", field.rust_name);
    let statement = if one_line_statement.len() - 1 <= MARGIN {
        one_line_statement
    } else {
        // The outer `Some(…)` is broken, its argument on a line of its own; an inner `Some(…)` too long for that
        // line is broken the same way; a value too long for its line would be broken further, which is not
        // modelled.
        let head = format!("        self.{} = Some(", field.rust_name);
        let one_line_inner = format!("            Some({}),\n", conversion.value);
        let argument = if !field.nullable {
            format!("            {},\n", conversion.value)
        } else if one_line_inner.len() - 1 <= MARGIN {
            one_line_inner
        } else {
            format!(
                "            Some(\n                {},\n            ),\n",
                conversion.value
            )
        };
        if head.len() > MARGIN || argument.lines().any(|line| line.len() > MARGIN) {
            return false;
        }
        format!("{head}\n{argument}        );\n")
    };
    let one_line = format!(
        "    pub fn {}(mut self, value: {}) -> Self {{\n",
        names.value, conversion.argument
    );
    let signature = if one_line.len() - 1 <= MARGIN {
        one_line
    } else {
        let Some(parameter) = last_input_line(8, "value: ", &conversion.argument) else {
            return false;
        };
        format!(
            "    pub fn {}(\n        mut self,\n{parameter}    ) -> Self {{\n",
            names.value
        )
    };
    let deprecated = if field.deprecated {
        "    #[deprecated]\n"
    } else {
        ""
    };
    text.push_str("    ///");
    text.push_str(&value_doc(field));
    text.push('\n');
    text.push_str(deprecated);
    text.push_str(&signature);
    text.push_str(&statement);
    text.push_str("        self\n    }\n");
    if let Some(null) = &names.null {
        let null_signature = format!("    pub fn {null}(mut self) -> Self {{\n");
        let null_statement = format!("        self.{} = Some(None);\n", field.rust_name);
        if null_signature.len() - 1 > MARGIN || null_statement.len() - 1 > MARGIN {
            return false;
        }
        text.push_str("    ///");
        text.push_str(&null_doc(field));
        text.push('\n');
        text.push_str(deprecated);
        text.push_str(&null_signature);
        text.push_str(&null_statement);
        text.push_str("        self\n    }\n");
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Direction, FieldSetters, TypeDef, TypeId, TypeKind};

    fn api(type_names: &[String]) -> Api {
        Api {
            title: String::new(),
            version: String::new(),
            description: None,
            default_base_url: None,
            types: type_names
                .iter()
                .map(|name| TypeDef {
                    rust_name: name.clone(),
                    origin: String::new(),
                    pointer: String::new(),
                    doc: None,
                    deprecated: false,
                    kind: TypeKind::Alias(TypeRef::Primitive(Primitive::Json)),
                })
                .collect(),
            operations: Vec::new(),
            security_schemes: Vec::new(),
            webhooks: Vec::new(),
            server_releases: None,
        }
    }

    fn field(name: &str, ty: TypeRef, nullable: bool, boxed: bool, deprecated: bool) -> Field {
        Field {
            rust_name: name.to_owned(),
            wire_name: name.to_owned(),
            ty,
            required: false,
            nullable,
            boxed,
            doc: None,
            deprecated,
            direction: Direction::Both,
            default: None,
            constraints: Default::default(),
            setters: Some(FieldSetters {
                value: name.to_owned(),
                null: nullable.then(|| format!("{}_null", unraw(name))),
            }),
        }
    }

    #[test]
    fn numbers_are_taken_as_they_are_also_under_an_alias() {
        let mut api = api(&["Count".to_owned(), "Name".to_owned()]);
        api.types[0].kind = TypeKind::Alias(TypeRef::Primitive(Primitive::U64));
        api.types[1].kind = TypeKind::Alias(TypeRef::Primitive(Primitive::String));
        let count = field("count", TypeRef::Named(TypeId(0)), false, false, false);
        let name = field("name", TypeRef::Named(TypeId(1)), false, false, false);
        assert_eq!(conversion(&api, &count).argument, "Count");
        assert_eq!(conversion(&api, &count).value, "value");
        assert_eq!(conversion(&api, &name).argument, "impl Into<Name>");
        assert_eq!(conversion(&api, &name).value, "value.into()");
    }

    #[test]
    fn setters_are_written_as_prettyplease_prints_them() {
        // Type names of every length from short to past the margin sweep each line across the width at which
        // `prettyplease` breaks it: one-line and broken signatures, and statements, each side of the margin.
        let names: Vec<String> = (1..80).map(|length| "P".repeat(length)).collect();
        let api = api(&names);
        let primitive = |p| TypeRef::Primitive(p);
        // Setters written as text on one line, as text broken one parameter a line, as tokens, statements broken
        // inside their `Some(…)`, and inside both `Some(…)`s.
        let mut written = [0, 0, 0, 0, 0];
        for (index, _) in names.iter().enumerate() {
            let named = TypeRef::Named(TypeId(index));
            let fields = vec![
                field("name", named.clone(), false, false, false),
                field("r#type", named.clone(), true, false, true),
                field("next", named.clone(), true, true, false),
                field("count", primitive(Primitive::U64), true, false, false),
                field(
                    "tags",
                    TypeRef::Array(Box::new(named.clone())),
                    true,
                    false,
                    false,
                ),
                field(
                    "sizes",
                    TypeRef::Array(Box::new(primitive(Primitive::I64))),
                    false,
                    false,
                    false,
                ),
                field(
                    "labels",
                    TypeRef::Map(Box::new(named.clone())),
                    false,
                    false,
                    false,
                ),
                field(
                    "limits",
                    TypeRef::Map(Box::new(primitive(Primitive::F64))),
                    true,
                    false,
                    false,
                ),
                field(
                    &"long_name".repeat(index / 8 + 1),
                    named.clone(),
                    true,
                    false,
                    false,
                ),
                // Names that push the statement past the margin, with each kind of value.
                field(
                    &"n".repeat(index + 1),
                    TypeRef::Array(Box::new(named.clone())),
                    false,
                    false,
                    false,
                ),
                field(
                    &"m".repeat(index + 1),
                    TypeRef::Map(Box::new(named.clone())),
                    true,
                    false,
                    false,
                ),
                field(
                    &"b".repeat(index + 1),
                    TypeRef::Array(Box::new(primitive(Primitive::Bool))),
                    true,
                    false,
                    false,
                ),
                field(&"v".repeat(index + 1), named.clone(), true, true, false),
                field(
                    &"l".repeat(index + 1),
                    TypeRef::Map(Box::new(primitive(Primitive::F64))),
                    true,
                    false,
                    false,
                ),
                field(
                    &"k".repeat(index + 1),
                    TypeRef::Map(Box::new(primitive(Primitive::F64))),
                    false,
                    false,
                    false,
                ),
                field(
                    &"a".repeat(index + 1),
                    TypeRef::Array(Box::new(named.clone())),
                    true,
                    false,
                    false,
                ),
                field(&"w".repeat(index + 1), named.clone(), false, true, false),
            ];
            for field in &fields {
                let mut text = String::new();
                let tokens = tokens(&api, field);
                let printed = prettyplease::unparse(
                    &syn::parse2(quote!(impl Pet { #tokens })).expect("setters parse"),
                );
                if push_text(&mut text, &api, field) {
                    assert_eq!(format!("impl Pet {{\n{text}}}\n"), printed);
                    written[usize::from(text.contains("(\n        mut self,\n"))] += 1;
                    written[3] += usize::from(text.contains(" = Some(\n"));
                    written[4] += usize::from(text.contains("Some(\n                value"));
                } else {
                    written[2] += 1;
                }
            }
        }
        // Every way is exercised.
        assert!(written.iter().all(|count| *count > 0), "{written:?}");
    }
}
