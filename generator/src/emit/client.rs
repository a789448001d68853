//! The `Client` of an API and one request builder per operation.
//!
//! Required parameters (and a required body) are arguments of the client method; optional ones are setters on the
//! builder, so a release that adds an optional parameter breaks no caller. `send` does the work through the
//! runtime, which owns everything that is the same for every operation.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs;
use super::{ident, type_tokens, Scope};
use crate::ir::{
    Api, BodyEncoding, Operation, Pagination, PaginationStyle, Parameter, ParameterLocation,
    PathSegment, Primitive, QueryStyle, Response, SecuritySchemeKind, StatusEnum, StatusMatch,
    StatusVariant, TypeKind, TypeRef,
};

/// The client module's preamble and the `Client`, with the methods of `operations` (every operation, unless
/// the crate is split by tag).
pub(crate) fn client(
    api: &Api,
    options: &super::ClientOptions,
    operations: &[&Operation],
) -> TokenStream {
    let base_url = api
        .default_base_url
        .as_deref()
        .unwrap_or("http://localhost");
    let client_doc = doc_attrs([format!("A client for {} ({}).", api.title, api.version).as_str()]);
    let methods = operations
        .iter()
        .map(|operation| client_method(api, operation));
    let use_types = mentions_named_types(operations).then(|| {
        quote!(
            use super::types;
        )
    });
    let schemes = api.security_schemes.iter().filter_map(|scheme| {
        let name = &scheme.name;
        let kind = match &scheme.kind {
            SecuritySchemeKind::Bearer | SecuritySchemeKind::OAuth2 => {
                quote!(runtime::SchemeKind::Bearer)
            }
            SecuritySchemeKind::Basic => quote!(runtime::SchemeKind::Basic),
            SecuritySchemeKind::ApiKey { location, name } => {
                let location = match location {
                    ParameterLocation::Query => quote!(runtime::ApiKeyLocation::Query),
                    ParameterLocation::Cookie => quote!(runtime::ApiKeyLocation::Cookie),
                    _ => quote!(runtime::ApiKeyLocation::Header),
                };
                quote!(runtime::SchemeKind::ApiKey { location: #location, name: #name })
            }
            SecuritySchemeKind::Unsupported { .. } => return None,
        };
        Some(quote!(runtime::SecurityScheme { name: #name, kind: #kind }))
    });
    let takes_bearer = api.security_schemes.iter().any(|scheme| {
        matches!(
            scheme.kind,
            SecuritySchemeKind::Bearer | SecuritySchemeKind::OAuth2
        )
    });
    let constructor = if takes_bearer {
        quote! {
            /// A client for the default server that authenticates with `bearer_token`.
            pub fn new(bearer_token: impl Into<String>) -> Result<Self, runtime::Error> {
                Self::with_config(runtime::Config::new().bearer_token(bearer_token))
            }
        }
    } else {
        quote! {
            /// A client for the default server; set credentials with [`Self::with_config`].
            pub fn new() -> Result<Self, runtime::Error> {
                Self::with_config(runtime::Config::new())
            }
        }
    };
    let (config_doc, env_fallback) = match &options.token_env {
        Some(variable) if takes_bearer => {
            let doc = format!(
                " A client built from `config`; the base URL defaults to [`Self::DEFAULT_BASE_URL`], and the bearer \
                 token to the `{variable}` environment variable when `config` sets none."
            );
            let fallback = quote! {
                let config = match std::env::var(#variable) {
                    Ok(token) if !config.has_bearer_token() => config.bearer_token(token),
                    _ => config,
                };
            };
            (doc, Some(fallback))
        }
        _ => (
            " A client built from `config`; the base URL defaults to [`Self::DEFAULT_BASE_URL`]."
                .to_owned(),
            None,
        ),
    };
    let allow_deprecated =
        super::types::has_deprecated_types(api).then(|| quote!(#![allow(deprecated)]));
    quote! {
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
                Ok(Self { core: runtime::ClientCore::new(config, Self::DEFAULT_BASE_URL, SECURITY_SCHEMES)? })
            }

            /// The base URL requests go to.
            pub fn base_url(&self) -> &str {
                self.core.base_url()
            }

            #( #methods )*
        }
    }
}

/// The preamble of a tag's client module: the `Client` methods of its operations, whose builders follow it.
pub(crate) fn group_client(api: &Api, group: &str, operations: &[&Operation]) -> TokenStream {
    let doc = format!(
        " The operations tagged `{}`: their `Client` methods and request builders.",
        crate::naming::unraw(group)
    );
    let methods = operations
        .iter()
        .map(|operation| client_method(api, operation));
    // The parent imports the types module only when its own operations need it.
    let use_types = mentions_named_types(operations).then(|| {
        quote!(
            use super::super::types;
        )
    });
    quote! {
        #![doc = #doc]
        use super::*;
        #use_types

        impl Client {
            #( #methods )*
        }
    }
}

/// Whether any of `operations` mentions a type of the types module, which decides whether its module imports it.
fn mentions_named_types(operations: &[&Operation]) -> bool {
    operations
        .iter()
        .any(|operation| !super::split::operation_types(operation).is_empty())
}

/// The properties of a multipart body that are files (`format: binary`), each with whether it is a list of them.
fn multipart_files(api: &Api, body: &TypeRef) -> Vec<(String, bool)> {
    let TypeRef::Named(id) = body else {
        return Vec::new();
    };
    let TypeKind::Struct(data) = &api.type_def(*id).kind else {
        return Vec::new();
    };
    let bytes = TypeRef::Primitive(Primitive::Bytes);
    data.fields
        .iter()
        .filter_map(|field| match &field.ty {
            ty if *ty == bytes => Some((field.wire_name.clone(), false)),
            TypeRef::Array(item) if item.as_ref() == &bytes => {
                Some((field.wire_name.clone(), true))
            }
            _ => None,
        })
        .collect()
}

/// Whether a parameter is taken as `impl Into<String>` (any string-like value) rather than its exact type.
fn takes_string(parameter: &Parameter) -> bool {
    parameter.ty == TypeRef::Primitive(Primitive::String)
}

fn argument_type(api: &Api, parameter: &Parameter) -> TokenStream {
    if takes_string(parameter) {
        quote!(impl Into<String>)
    } else {
        type_tokens(api, &parameter.ty, Scope::Client)
    }
}

fn operation_doc(operation: &Operation) -> TokenStream {
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
    paragraphs.push(format!("Sends {route}."));
    doc_attrs(paragraphs.iter().map(String::as_str))
}

fn client_method(api: &Api, operation: &Operation) -> TokenStream {
    let doc = operation_doc(operation);
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
        #deprecated
        pub fn #method(&self, #( #arguments ),*) -> #builder<'_> {
            #builder { client: self, #( #initializers, )* }
        }
    }
}

pub(crate) fn builder(api: &Api, operation: &Operation) -> TokenStream {
    let name = ident(&operation.builder_name);
    let doc = format!(
        " The request of [`Client::{}`]: set optional parameters, then call [`{}::send`].",
        operation.rust_name.trim_start_matches("r#"),
        operation.builder_name
    );
    let mut fields = Vec::new();
    let mut setters = Vec::new();
    for parameter in &operation.parameters {
        let field = ident(&parameter.rust_name);
        let ty = type_tokens(api, &parameter.ty, Scope::Client);
        if parameter.required {
            fields.push(quote!(#field: #ty));
            continue;
        }
        fields.push(quote!(#field: Option<#ty>));
        let default = parameter
            .default
            .as_ref()
            .map(|value| format!("The server's default is `{value}`."));
        let fallback = format!(
            "The `{}` {} parameter.",
            parameter.wire_name.replace('`', "'"),
            parameter.location.as_str()
        );
        let setter_doc = doc_attrs([
            parameter.doc.as_deref().unwrap_or(&fallback),
            default.as_deref().unwrap_or_default(),
        ]);
        let argument = argument_type(api, parameter);
        let value = if takes_string(parameter) {
            quote!(value.into())
        } else {
            quote!(value)
        };
        setters.push(quote! {
            #setter_doc
            pub fn #field(mut self, value: #argument) -> Self {
                self.#field = Some(#value);
                self
            }
        });
    }
    if let Some(body) = &operation.body {
        let ty = type_tokens(api, &body.ty, Scope::Client);
        if body.required {
            fields.push(quote!(body: #ty));
        } else {
            fields.push(quote!(body: Option<#ty>));
            let setter_doc = doc_attrs([body.doc.as_deref().unwrap_or("The request body.")]);
            setters.push(quote! {
                #setter_doc
                pub fn body(mut self, value: #ty) -> Self {
                    self.body = Some(value);
                    self
                }
            });
        }
        if !body.alternatives.is_empty() {
            // 0 is the body's own media type; n is alternative n - 1.
            fields.push(quote!(body_media: usize));
        }
        for (index, alternative) in body.alternatives.iter().enumerate() {
            let setter = ident(&alternative.setter);
            let doc = format!(
                " Sends the body as `{}` instead of `{}`.",
                alternative.media_type, body.media_type
            );
            let choice = proc_macro2::Literal::usize_unsuffixed(index + 1);
            setters.push(quote! {
                #[doc = #doc]
                pub fn #setter(mut self) -> Self {
                    self.body_media = #choice;
                    self
                }
            });
        }
    }
    fields.push(quote!(timeout: Option<std::time::Duration>));
    setters.push(quote! {
        /// A time limit for this call alone, instead of the client's.
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self.timeout = Some(timeout);
            self
        }
    });
    let send = send_method(api, operation);
    let stream = operation
        .pagination
        .as_ref()
        .map(|pagination| stream_method(api, operation, pagination));
    let success_enum = operation
        .success_by_status
        .as_ref()
        .map(|by_status| status_enum(api, operation, by_status, StatusEnumKind::Success));
    let error_enum = operation
        .error_by_status
        .as_ref()
        .map(|by_status| status_enum(api, operation, by_status, StatusEnumKind::Error));
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until `send` is awaited"]
        pub struct #name<'a> {
            client: &'a Client,
            #( #fields, )*
        }

        impl<'a> #name<'a> {
            #( #setters )*
            #send
            #stream
        }

        #success_enum
        #error_enum
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum StatusEnumKind {
    Success,
    Error,
}

/// An enum of the bodies an operation answers with, one variant per documented status, and the function that
/// picks the variant by status: exact codes first, then ranges (`4XX`), then `default`.
fn status_enum(
    api: &Api,
    operation: &Operation,
    by_status: &StatusEnum,
    kind: StatusEnumKind,
) -> TokenStream {
    let name = ident(&by_status.rust_name);
    let method = operation.rust_name.trim_start_matches("r#");
    let doc = match kind {
        StatusEnumKind::Success => format!(" What [`Client::{method}`] answers, by status."),
        StatusEnumKind::Error => format!(" The error body of [`Client::{method}`], by status."),
    };
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    let mut ordered: Vec<&StatusVariant> = by_status.variants.iter().collect();
    ordered.sort_by_key(|variant| variant.status);
    for variant in &by_status.variants {
        let variant_name = ident(&variant.rust_name);
        let status_text = match variant.status {
            StatusMatch::Code(code) => format!("Status `{code}`."),
            StatusMatch::Range(digit) => format!("Any `{digit}XX` status not listed above."),
            StatusMatch::Default => "Any status not listed above.".to_owned(),
        };
        let variant_doc = doc_attrs([
            status_text.as_str(),
            variant.doc.as_deref().unwrap_or_default(),
        ]);
        let payload = match &variant.body {
            Response::Json(ty) => Some(type_tokens(api, ty, Scope::Client)),
            Response::Text => Some(quote!(String)),
            Response::Bytes => Some(quote!(runtime::Bytes)),
            Response::Empty => None,
        };
        variants.push(match &payload {
            Some(ty) => quote!(#variant_doc #variant_name(#ty)),
            None => quote!(#variant_doc #variant_name),
        });
    }
    for variant in ordered {
        let variant_name = ident(&variant.rust_name);
        let pattern = match variant.status {
            StatusMatch::Code(code) => {
                let code = proc_macro2::Literal::u16_unsuffixed(code);
                quote!(#code)
            }
            StatusMatch::Range(digit) => {
                let low = proc_macro2::Literal::u16_unsuffixed(u16::from(digit) * 100);
                let high = proc_macro2::Literal::u16_unsuffixed(u16::from(digit) * 100 + 99);
                quote!(#low..=#high)
            }
            StatusMatch::Default => quote!(_),
        };
        let decode = match (kind, &variant.body) {
            (StatusEnumKind::Success, Response::Json(_)) => {
                quote!(runtime::decode::json(status, body).map(Self::#variant_name))
            }
            (StatusEnumKind::Success, Response::Text) => {
                quote!(runtime::decode::text(status, body).map(Self::#variant_name))
            }
            (StatusEnumKind::Success, Response::Bytes) => quote!(Ok(Self::#variant_name(body))),
            (StatusEnumKind::Success, Response::Empty) => quote!(Ok(Self::#variant_name)),
            (StatusEnumKind::Error, _) => {
                quote!(runtime::decode::json_error(status, body).map(Self::#variant_name))
            }
        };
        arms.push(quote!(#pattern => #decode,));
    }
    let has_default = by_status
        .variants
        .iter()
        .any(|variant| variant.status == StatusMatch::Default);
    let (signature, fallback) = match kind {
        StatusEnumKind::Success => (
            quote! {
                /// Decodes a 2xx body by its status; the error says what did not match.
                pub fn decode(status: runtime::StatusCode, body: runtime::Bytes) -> Result<Self, String>
            },
            quote!(_ => Err(format!("the status {status} is not documented for this operation")),),
        ),
        StatusEnumKind::Error => (
            quote! {
                /// Decodes an error body by its status; `None` when it does not have the documented shape.
                pub fn decode(status: runtime::StatusCode, body: &[u8]) -> Option<Self>
            },
            quote!(_ => None,),
        ),
    };
    let fallback = (!has_default).then_some(fallback);
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #( #variants, )*
        }

        impl #name {
            #signature {
                match status.as_u16() {
                    #( #arms )*
                    #fallback
                }
            }
        }
    }
}

/// `stream`: every item of every page, as a stream that fetches the next page when the current one is used up.
fn stream_method(api: &Api, operation: &Operation, pagination: &Pagination) -> TokenStream {
    let item = type_tokens(api, &pagination.item, Scope::Client);
    let error_type = error_type(api, operation);
    let items_field = ident(&pagination.items_field);
    // A field may be wrapped in up to two `Option`s (absent, then null); read each as a plain `Option`.
    let (items, count) = match pagination.items_depth {
        0 => (quote!(page.#items_field), quote!(page.#items_field.len())),
        1 => (
            quote!(page.#items_field.unwrap_or_default()),
            quote!(page.#items_field.as_ref().map_or(0, Vec::len)),
        ),
        _ => (
            quote!(page.#items_field.flatten().unwrap_or_default()),
            quote!(page.#items_field.as_ref().and_then(Option::as_ref).map_or(0, Vec::len)),
        ),
    };
    let integer = |index: usize| match operation.parameters[index].ty {
        TypeRef::Primitive(Primitive::I32) => quote!(i32),
        _ => quote!(i64),
    };
    let (rule, body) = match &pagination.style {
        PaginationStyle::Offset {
            offset_parameter,
            total_field,
        } => {
            let offset = ident(&operation.parameters[*offset_parameter].rust_name);
            let integer = integer(*offset_parameter);
            let more = match total_field {
                Some((field, depth)) => {
                    let field = ident(field);
                    match depth {
                        0 => quote!((end as i64) < (page.#field as i64)),
                        1 => quote!(page.#field.is_none_or(|total| (end as i64) < (total as i64))),
                        _ => {
                            quote!(page.#field.flatten().is_none_or(|total| (end as i64) < (total as i64)))
                        }
                    }
                }
                None => quote!(true),
            };
            (
                "Pages are requested by `offset`, advanced by the number of items received, until a page is empty or the total is reached.",
                quote! {
                    let start = request.#offset.unwrap_or(0);
                    let page = request.clone().send().await?;
                    let end = start + #count as #integer;
                    let next = (#more).then(|| request.#offset(end));
                    Ok((#items, next))
                },
            )
        }
        PaginationStyle::Cursor {
            cursor_parameter,
            next_field,
            next_depth,
        } => {
            let cursor = ident(&operation.parameters[*cursor_parameter].rust_name);
            let next_field = ident(next_field);
            let next_value = match next_depth {
                0 => quote!(Some(std::mem::take(&mut page.#next_field))),
                1 => quote!(page.#next_field.take()),
                _ => quote!(page.#next_field.take().flatten()),
            };
            (
                "Pages are requested by cursor, taken from each response, until a response has no cursor or no items.",
                quote! {
                    let mut page = request.clone().send().await?;
                    let next = #next_value.filter(|cursor| !cursor.is_empty()).map(|cursor| request.#cursor(cursor));
                    Ok((#items, next))
                },
            )
        }
        PaginationStyle::Page {
            page_parameter,
            first_page,
        } => {
            let number = ident(&operation.parameters[*page_parameter].rust_name);
            let integer = integer(*page_parameter);
            let first = proc_macro2::Literal::i64_unsuffixed(*first_page);
            (
                "Pages are requested by number, counting up, until a page is empty.",
                quote! {
                    let number: #integer = request.#number.unwrap_or(#first);
                    let page = request.clone().send().await?;
                    Ok((#items, Some(request.#number(number + 1))))
                },
            )
        }
    };
    let doc = format!(" Every item of every page, fetched as the stream is read. {rule}");
    quote! {
        #[doc = #doc]
        pub fn stream(self) -> impl futures_util::Stream<Item = Result<#item, #error_type>> + 'a {
            runtime::paginate(self, |request| async move { #body })
        }
    }
}

fn error_type(api: &Api, operation: &Operation) -> TokenStream {
    if let Some(by_status) = &operation.error_by_status {
        let name = ident(&by_status.rust_name);
        return quote!(runtime::Error<#name>);
    }
    match &operation.error_body {
        Some(ty) => {
            let ty = type_tokens(api, ty, Scope::Client);
            quote!(runtime::Error<#ty>)
        }
        None => quote!(runtime::Error),
    }
}

fn send_method(api: &Api, operation: &Operation) -> TokenStream {
    let path_parts: Vec<TokenStream> = operation
        .path
        .iter()
        .map(|segment| match segment {
            PathSegment::Literal(text) => quote!(#text),
            PathSegment::Parameter(index) => {
                let parameter = &operation.parameters[*index];
                let wire = &parameter.wire_name;
                let field = ident(&parameter.rust_name);
                quote!(&runtime::path_parameter(#wire, &self.#field)?)
            }
        })
        .collect();
    let path = match path_parts.as_slice() {
        [literal]
            if !operation
                .path
                .iter()
                .any(|s| matches!(s, PathSegment::Parameter(_))) =>
        {
            quote!(#literal)
        }
        parts => quote!(&[ #( #parts ),* ].concat()),
    };
    let method = ident(operation.method.as_str());

    let mut steps = Vec::new();
    for parameter in &operation.parameters {
        let wire = &parameter.wire_name;
        let field = ident(&parameter.rust_name);
        let call = match parameter.location {
            ParameterLocation::Path => continue,
            ParameterLocation::Query if parameter.style != QueryStyle::Form { explode: true } => {
                let style = match parameter.style {
                    QueryStyle::Form { explode } => {
                        quote!(runtime::QueryStyle::Form { explode: #explode })
                    }
                    QueryStyle::SpaceDelimited => quote!(runtime::QueryStyle::SpaceDelimited),
                    QueryStyle::PipeDelimited => quote!(runtime::QueryStyle::PipeDelimited),
                    QueryStyle::DeepObject => quote!(runtime::QueryStyle::DeepObject),
                };
                steps.push(quote!(request.query_styled(#wire, &self.#field, #style)?;));
                continue;
            }
            ParameterLocation::Query => quote!(query),
            ParameterLocation::Header => quote!(header),
            ParameterLocation::Cookie => quote!(cookie),
        };
        steps.push(quote!(request.#call(#wire, &self.#field)?;));
    }
    if let Some(body) = &operation.body {
        let value = if body.required {
            quote!(&self.body)
        } else {
            quote!(body)
        };
        let encode = |encoding: BodyEncoding, media: &str| match encoding {
            BodyEncoding::Json => quote!(request.json_body(#value, #media)?;),
            BodyEncoding::Form => quote!(request.form_body(#value)?;),
            BodyEncoding::Multipart => {
                let files = multipart_files(api, &body.ty)
                    .into_iter()
                    .map(|(name, is_list)| quote!((#name, #is_list)));
                quote!(request.multipart_body(#value, &[ #( #files ),* ])?;)
            }
            BodyEncoding::Text => quote!(request.text_body(#value, #media);),
            BodyEncoding::Binary => quote!(request.bytes_body(#value, #media);),
        };
        let set = if body.alternatives.is_empty() {
            encode(body.encoding, &body.media_type)
        } else {
            let choices = body
                .alternatives
                .iter()
                .enumerate()
                .map(|(index, alternative)| {
                    let choice = proc_macro2::Literal::usize_unsuffixed(index + 1);
                    let set = encode(alternative.encoding, &alternative.media_type);
                    quote!(#choice => { #set })
                });
            let default = encode(body.encoding, &body.media_type);
            quote! {
                match self.body_media {
                    #( #choices )*
                    _ => { #default }
                }
            }
        };
        steps.push(if body.required {
            set
        } else {
            quote!(if let Some(body) = &self.body { #set })
        });
    }
    if !operation.security.is_empty() {
        let alternatives = operation
            .security
            .iter()
            .map(|alternative| quote!(&[ #( #alternative ),* ]));
        steps.push(quote!(request.security(&[ #( #alternatives ),* ]);));
    }
    steps.push(quote!(request.timeout(self.timeout);));

    let error_type = error_type(api, operation);
    let (mut output, success_decoder, execute) = match &operation.success {
        Response::Json(ty) => (
            type_tokens(api, ty, Scope::Client),
            quote!(runtime::decode::json),
            quote!(send_json(request)),
        ),
        Response::Text => (
            quote!(String),
            quote!(runtime::decode::text),
            quote!(send_text(request)),
        ),
        Response::Bytes => (
            quote!(runtime::Bytes),
            quote!(runtime::decode::raw),
            quote!(send_bytes(request)),
        ),
        Response::Empty => (
            quote!(()),
            quote!(runtime::decode::empty),
            quote!(send_empty(request)),
        ),
    };
    // Bodies that depend on the status are decoded by the functions of their per-operation enums.
    let execute = match (&operation.success_by_status, &operation.error_by_status) {
        (None, None) => execute,
        (success, error) => {
            let success_decoder = match success {
                Some(by_status) => {
                    let name = ident(&by_status.rust_name);
                    output = quote!(#name);
                    quote!(#name::decode)
                }
                None => success_decoder,
            };
            let error_decoder = match error {
                Some(by_status) => {
                    let name = ident(&by_status.rust_name);
                    quote!(#name::decode)
                }
                None => quote!(runtime::decode::json_error),
            };
            quote!(send(request, #success_decoder, #error_decoder))
        }
    };
    let mutable = if steps.is_empty() {
        quote!()
    } else {
        quote!(mut)
    };
    // A download can also be read as it arrives rather than held whole; both ways of sending then share one
    // function that builds the request.
    let streams = operation.success == Response::Bytes
        && operation.success_by_status.is_none()
        && operation.error_by_status.is_none();
    if !streams {
        return quote! {
            /// Sends the request and decodes the response.
            pub async fn send(self) -> Result<#output, #error_type> {
                let #mutable request = self.client.core.request(runtime::Method::#method, #path)?;
                #( #steps )*
                self.client.core.#execute.await
            }
        };
    }
    let item_error = match &operation.error_body {
        Some(ty) => type_tokens(api, ty, Scope::Client),
        None => quote!(serde_json::Value),
    };
    quote! {
        /// The request as this builder describes it.
        fn build_request(&self) -> Result<runtime::Request, runtime::InvalidRequest> {
            let #mutable request = self.client.core.request(runtime::Method::#method, #path)?;
            #( #steps )*
            Ok(request)
        }

        /// Sends the request and decodes the response.
        pub async fn send(self) -> Result<#output, #error_type> {
            let request = self.build_request()?;
            self.client.core.#execute.await
        }

        /// Sends the request and returns the response body as a stream of chunks as they arrive, for bodies
        /// too large to hold whole; an error answer is decoded as by [`Self::send`].
        pub async fn send_stream(self) -> Result<runtime::ByteStream<#item_error>, #error_type> {
            let request = self.build_request()?;
            self.client.core.send_stream(request).await
        }
    }
}
