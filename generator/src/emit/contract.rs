//! A contract test for a generated client: one call of every GET operation against a mock server that serves
//! the document (Prism), with sample arguments built from the IR. Every call must be accepted and its response
//! must decode into the generated types.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, type_tokens, Scope};
use crate::ir::{Api, HttpMethod, Operation, Primitive, Response, TypeKind, TypeRef};

/// How deep sample values may nest before an operation is left out of the contract test.
const MAX_SAMPLE_DEPTH: usize = 6;

/// The test module for one API module. `module_path` is the module in the crate (`v1beta1::iam`), `spec_path`
/// the document's path relative to the crate's manifest directory. The module expects a sibling `prism` module
/// (the harness that starts the mock server).
pub fn test_file(api: &Api, crate_ident: &str, module_path: &str, spec_path: &str) -> TokenStream {
    let crate_ident = ident(crate_ident);
    let module: Vec<_> = module_path.split("::").map(ident).collect();
    // Prism cannot produce a body of a non-JSON media type from a schema, so those operations are left out.
    let testable = |op: &&Operation| {
        op.method == HttpMethod::Get && matches!(op.success, Response::Json(_) | Response::Empty)
    };
    let calls: Vec<TokenStream> = api
        .operations
        .iter()
        .filter(testable)
        .filter_map(|op| call(api, op))
        .collect();
    let skipped: Vec<String> = api
        .operations
        .iter()
        .filter(|op| op.method == HttpMethod::Get && (!testable(op) || call(api, op).is_none()))
        .map(|op| op.rust_name.clone())
        .collect();
    let count = proc_macro2::Literal::usize_unsuffixed(calls.len());
    let doc = format!(" Calls each of the {count} GET operations of `{module_path}` against Prism serving its document.");
    let skipped_doc = (!skipped.is_empty()).then(|| {
        let text = format!(
            " Left out (a non-JSON response Prism cannot produce, or no sample arguments): {}.",
            skipped.join(", ")
        );
        quote!(#![doc = #text])
    });
    quote! {
        #![doc = #doc]
        #skipped_doc

        use super::prism;
        #[allow(unused_imports)]
        use #crate_ident::#( #module )::*::{types, Client};

        #[tokio::test]
        async fn every_get_operation_is_accepted_and_decodes() {
            let server = prism::Prism::start(concat!(env!("CARGO_MANIFEST_DIR"), "/", #spec_path));
            let config = #crate_ident::runtime::Config::new().base_url(server.url()).bearer_token("contract-test-token");
            let client = Client::with_config(config).unwrap();
            let mut report = prism::Report::default();
            #( #calls )*
            report.assert_all_passed(#count);
        }
    }
}

fn call(api: &Api, operation: &Operation) -> Option<TokenStream> {
    let method = ident(&operation.rust_name);
    let mut arguments = Vec::new();
    for parameter in operation.parameters.iter().filter(|p| p.required) {
        arguments.push(sample(api, &parameter.ty, 0)?);
    }
    if let Some(body) = operation.body.as_ref().filter(|b| b.required) {
        arguments.push(sample(api, &body.ty, 0)?);
    }
    let name = &operation.rust_name;
    Some(quote! {
        report.check(#name, client.#method(#( #arguments ),*).send().await);
    })
}

/// A value of the type that satisfies its schema as far as the IR knows it.
fn sample(api: &Api, ty: &TypeRef, depth: usize) -> Option<TokenStream> {
    if depth > MAX_SAMPLE_DEPTH {
        return None;
    }
    Some(match ty {
        TypeRef::Primitive(primitive) => match primitive {
            Primitive::String => quote!("sample".to_owned()),
            Primitive::Bool => quote!(true),
            Primitive::I32
            | Primitive::I64
            | Primitive::U32
            | Primitive::U64
            | Primitive::I128
            | Primitive::U128 => quote!(1),
            Primitive::F32 | Primitive::F64 => quote!(1.0),
            Primitive::DateTime => quote!(chrono::DateTime::<chrono::Utc>::UNIX_EPOCH),
            Primitive::Date => quote!(chrono::NaiveDate::MIN),
            Primitive::Json => quote!(serde_json::json!({})),
            Primitive::Bytes => quote!(Vec::<u8>::new()),
            Primitive::Base64 => quote!(crate::runtime::Base64::default()),
            Primitive::Secret => quote!(crate::runtime::Secret::new("")),
            Primitive::Uuid => quote!(uuid::Uuid::nil()),
        },
        TypeRef::Array(inner) => {
            let item = sample(api, inner, depth + 1)?;
            quote!(vec![#item])
        }
        TypeRef::Map(_) => quote!(Default::default()),
        TypeRef::Tuple(members) => {
            let members = members
                .iter()
                .map(|member| sample(api, member, depth + 1))
                .collect::<Option<Vec<_>>>()?;
            quote!((#(#members,)*))
        }
        TypeRef::Named(id) => {
            let def = api.type_def(*id);
            let path = type_tokens(api, ty, Scope::Client);
            match &def.kind {
                TypeKind::Enum(data) => {
                    let first = ident(&data.variants.first()?.rust_name);
                    quote!(#path::#first)
                }
                TypeKind::Struct(data) => {
                    let mut fields = Vec::new();
                    for field in data.fields.iter().filter(|f| f.required) {
                        let value = sample(api, &field.ty, depth + 1)?;
                        fields.push(if field.nullable {
                            quote!(Some(#value))
                        } else {
                            value
                        });
                    }
                    quote!(#path::new(#( #fields ),*))
                }
                TypeKind::Union(union) => {
                    let variant = union.variants.first()?;
                    let name = ident(&variant.rust_name);
                    let value = sample(api, &variant.ty, depth + 1)?;
                    let value = if variant.boxed {
                        quote!(Box::new(#value))
                    } else {
                        value
                    };
                    quote!(#path::#name(#value))
                }
                TypeKind::Alias(target) => sample(api, target, depth + 1)?,
            }
        }
    })
}
