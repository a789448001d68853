//! The `Client` of an API and one request builder per operation.
//!
//! Required parameters (and a required body) are arguments of the client method; optional ones are setters on the
//! builder, so a release that adds an optional parameter breaks no caller. `send` does the work through the
//! runtime, which owns everything that is the same for every operation.

mod builder;
mod method_text;
mod outcomes;
mod security;
mod send;
mod send_call;
mod send_text;
mod status;
mod stream;

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, generated_doc_attrs};
use super::examples::Examples;
use super::format::{impl_items_text, Chunk};
use super::{ident, type_tokens, Scope};
use crate::ir::walk::operation_edges;
use crate::ir::{Api, Operation, Parameter};
use builder::{argument_type, takes_string};
use method_text::{client_method_text, MethodDoc};

pub(crate) use builder::request_builder;
pub(crate) use security::takes_bearer;

/// The client module's preamble and the `Client`, with the methods of `operations` (every operation, unless
/// the crate is split by tag), then `following`, the items after it already laid out (the tag modules'
/// declarations).
pub(crate) fn client(
    api: &Api,
    options: &super::ClientOptions,
    operations: &[&Operation],
    examples: Option<&Examples<'_>>,
    following: Option<String>,
) -> Chunk {
    let base_url = api
        .default_base_url
        .as_deref()
        // OpenAPI's default server is `/`, relative to wherever the document was served: the user must say where.
        .unwrap_or("/");
    let client_doc = doc_attrs([format!("A client for {} ({}).", api.title, api.version).as_str()]);
    let methods = client_methods(api, operations, examples);
    let method_tokens = methods.tokens;
    let use_types = mentions_named_types(operations).then(|| {
        quote!(
            use super::types;
        )
    });
    let schemes = security::scheme_entries(api);
    let takes_bearer = security::takes_bearer(api);
    let constructor = security::constructor(takes_bearer);
    let (config_doc, env_fallback) = security::config_token_fallback(options, takes_bearer);
    let pin_version = options.version_header.as_ref().map(|name| {
        let version = api.version.trim_start_matches(['v', 'V']);
        quote!(let config = config.header_unless_set(#name, #version);)
    });
    let allow_deprecated =
        super::types::has_deprecated_types(api).then(|| quote!(#![allow(deprecated)]));
    let tokens = quote! {
        //! The client and one request builder per operation.
        #allow_deprecated
        #use_types
        use crate::runtime;

        /// The security schemes the document declares, by name.
        const SECURITY_SCHEMES: &[runtime::SecurityScheme] = &[ #( #schemes ),* ];

        #client_doc
        #[derive(Debug, Clone)]
        pub struct Client {
            core: runtime::ClientCore,
        }

        impl Client {
            /// The server the API document names.
            pub const DEFAULT_BASE_URL: &'static str = #base_url;

            #constructor

            #[doc = #config_doc]
            pub fn with_config(config: runtime::Config) -> Result<Self, runtime::Error> {
                #env_fallback
                #pin_version
                Ok(Self { core: runtime::ClientCore::new(config, Self::DEFAULT_BASE_URL, SECURITY_SCHEMES)? })
            }

            /// The base URL requests go to.
            pub fn base_url(&self) -> &str {
                self.core.base_url()
            }

            #method_tokens
        }
    };
    // The methods' text goes before the last line the tokens print, the `impl Client` block's.
    Chunk {
        leading_text: None,
        after_first_line: None,
        before_last_line: methods.text,
        tokens,
        trailing_text: following,
        trailing_tokens: TokenStream::new(),
    }
}

/// The preamble of a tag's client module: the `Client` methods of its operations, whose builders follow it.
pub(crate) fn group_client(
    api: &Api,
    group: &str,
    operations: &[&Operation],
    examples: Option<&Examples<'_>>,
) -> Chunk {
    let doc = format!(
        " The operations tagged `{}`: their `Client` methods and request builders.",
        crate::naming::unraw(group)
    );
    let methods = client_methods(api, operations, examples);
    let method_tokens = methods.tokens;
    // The parent imports the types module only when its own operations need it.
    let use_types = if mentions_named_types(operations) {
        "use super::super::types;\n"
    } else {
        ""
    };
    let preamble = format!("//!{doc}\nuse super::*;\n{use_types}");
    if method_tokens.is_empty() {
        // Every method is text: an `impl` block printed empty would be one line, so the block is text too.
        if let Some(text) = methods.text {
            return Chunk::text(format!("{preamble}impl Client {{\n{text}}}\n"));
        }
    }
    Chunk {
        leading_text: Some(preamble),
        after_first_line: None,
        before_last_line: methods.text,
        tokens: quote! {
            impl Client {
                #method_tokens
            }
        },
        trailing_text: None,
        trailing_tokens: TokenStream::new(),
    }
}

/// The `Client` methods of some operations: as tokens up to the last one that cannot be written as text, the
/// rest as text for the inside of the `impl Client` block, before its closing brace.
struct Methods {
    tokens: TokenStream,
    text: Option<String>,
}

impl Methods {
    /// Every method as tokens.
    fn tokens(api: &Api, operations: &[&Operation], examples: Option<&Examples<'_>>) -> Self {
        let tokens = operations
            .iter()
            .map(|operation| {
                let paragraphs = operation_doc(api, operation);
                let example = examples.map(|examples| examples.operation_example(operation));
                let doc = MethodDoc {
                    paragraphs: &paragraphs,
                    example: example.as_deref(),
                };
                client_method(api, operation, &doc)
            })
            .collect();
        Methods { tokens, text: None }
    }
}

fn client_methods(
    api: &Api,
    operations: &[&Operation],
    examples: Option<&Examples<'_>>,
) -> Methods {
    let mut text = String::new();
    // How many methods, from the first, are tokens: every one up to the last that text cannot write.
    let mut as_tokens = 0;
    for (index, operation) in operations.iter().enumerate() {
        let paragraphs = operation_doc(api, operation);
        let example = examples.map(|examples| examples.operation_example(operation));
        let doc = MethodDoc {
            paragraphs: &paragraphs,
            example: example.as_deref(),
        };
        // A method text cannot write is printed on its own, and placed among the others as text.
        let method = client_method_text(api, operation, &doc)
            .or_else(|| impl_items_text(client_method(api, operation, &doc)));
        match method {
            Some(method) => text.push_str(&method),
            None => {
                as_tokens = index + 1;
                text.clear();
            }
        }
    }
    Methods {
        tokens: Methods::tokens(api, &operations[..as_tokens], examples).tokens,
        text: (!text.is_empty()).then_some(text),
    }
}

/// Whether any of `operations` mentions a type of the types module, which decides whether its module imports it.
fn mentions_named_types(operations: &[&Operation]) -> bool {
    operations.iter().any(|operation| {
        let mut named = false;
        operation_edges(operation, |_, ty| ty.for_each_named(|_, _| named = true));
        named
    })
}

/// The paragraphs of a `Client` method's doc.
fn operation_doc(api: &Api, operation: &Operation) -> Vec<String> {
    let route = format!(
        "`{} {}`",
        operation.method.as_str(),
        operation.path_template
    );
    let mut paragraphs: Vec<String> = operation.summary.iter().cloned().collect();
    if let Some(description) = &operation.description {
        if Some(description) != operation.summary.as_ref() {
            paragraphs.push(description.clone());
        }
    }
    if !operation.permissions.is_empty() {
        let list: Vec<String> = operation
            .permissions
            .iter()
            .map(|p| format!("`{}`", p.replace('`', "'")))
            .collect();
        paragraphs.push(format!("Requires the permission {}.", list.join(", ")));
    }
    if let (Some(since), Some(releases)) = (&operation.since, &api.server_releases) {
        paragraphs.push(format!(
            "Available since {product} {since}: with `Config::server_version` set to an older release, `send` \
             fails with `InvalidRequest` before sending.",
            product = releases.product
        ));
    }
    paragraphs.push(format!("Sends {route}."));
    paragraphs
}

fn client_method(api: &Api, operation: &Operation, doc: &MethodDoc<'_>) -> TokenStream {
    let example = doc.example.map(generated_doc_attrs);
    let doc = doc_attrs(doc.paragraphs.iter().map(String::as_str));
    let method = ident(&operation.rust_name);
    let builder = ident(&operation.builder_name);
    let required: Vec<&Parameter> = operation.parameters.iter().filter(|p| p.required).collect();
    let mut arguments: Vec<TokenStream> = required
        .iter()
        .map(|parameter| {
            let name = ident(&parameter.rust_name);
            let ty = argument_type(api, parameter);
            quote!(#name: #ty)
        })
        .collect();
    let mut initializers: Vec<TokenStream> = operation
        .parameters
        .iter()
        .map(|parameter| {
            let name = ident(&parameter.rust_name);
            if parameter.required && takes_string(parameter) {
                quote!(#name: #name.into())
            } else if parameter.required {
                quote!(#name)
            } else {
                quote!(#name: None)
            }
        })
        .collect();
    if let Some(body) = &operation.body {
        if body.required {
            let ty = type_tokens(api, &body.ty, Scope::Client);
            arguments.push(quote!(body: #ty));
            initializers.push(quote!(body));
        } else {
            initializers.push(quote!(body: None));
        }
        if !body.alternatives.is_empty() {
            initializers.push(quote!(body_media: 0));
        }
    }
    initializers.push(quote!(timeout: None));
    let deprecated = operation.deprecated.then(|| quote!(#[deprecated]));
    quote! {
        #doc
        #example
        #deprecated
        pub fn #method(&self, #( #arguments ),*) -> #builder<'_> {
            #builder { client: self, #( #initializers, )* }
        }
    }
}
