//! The `send` method of a request builder: the request built from its fields (path, query, headers, body,
//! security), the response decoded into its success type, and the error type of the operation.

use proc_macro2::TokenStream;
use quote::quote;

use super::send_call;
use crate::emit::docs::doc_attrs;
use crate::emit::ident;
use crate::ir::{
    Api, BodyEncoding, HttpMethod, Operation, ParameterLocation, PathSegment, Primitive,
    QueryStyle, Response, StreamFraming, TypeKind, TypeRef,
};

/// The error of an operation's `send` (`send_call::error_type`) as tokens.
pub(super) fn error_type(api: &Api, operation: &Operation) -> TokenStream {
    send_call::error_type(operation).tokens(api)
}

/// The properties of a multipart body that are files (`format: binary`), each with whether it is a list of them.
pub(super) fn multipart_files(api: &Api, body: &TypeRef) -> Vec<(String, bool)> {
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

/// `send`, and for a download also `send_stream`, which reads the body as it arrives.
pub(super) fn send_method(api: &Api, operation: &Operation) -> TokenStream {
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
    let method = method_tokens(&operation.method);

    let accept = accept(operation);
    let mut steps = vec![quote!(request.accept(#accept);)];
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
    let call = send_call::send_call(operation);
    let output = call.ok.tokens(api);
    let execute = {
        let method = ident(call.method);
        let arguments = call.arguments.iter().map(|argument| argument.tokens(api));
        quote!(#method(#( #arguments ),*))
    };
    // An operation that an older supported server release lacks fails before sending when the server is older.
    let guard = operation.since.as_ref().map(|since| {
        let product = api
            .server_releases
            .as_ref()
            .map_or("the server", |releases| releases.product.as_str());
        let name = &operation.rust_name;
        quote!(self.client.core.require_server_version(#product, #since, #name)?;)
    });
    let mutable = if steps.is_empty() {
        quote!()
    } else {
        quote!(mut)
    };
    let send_doc = doc_attrs(
        super::outcomes::send_doc(api, operation)
            .iter()
            .map(String::as_str),
    );
    if !send_call::streams(operation) {
        return quote! {
            #send_doc
            pub async fn send(self) -> Result<#output, #error_type> {
                #guard
                let #mutable request = self.client.core.request(#method, #path)?;
                #( #steps )*
                self.client.core.#execute.await
            }
        };
    }
    let item_error = send_call::error_body(operation).tokens(api);
    let [stream_doc_first, stream_doc_second] = send_call::SEND_STREAM_DOC;
    quote! {
        /// The request as this builder describes it.
        fn build_request(&self) -> Result<runtime::Request, runtime::InvalidRequest> {
            #guard
            let #mutable request = self.client.core.request(#method, #path)?;
            #( #steps )*
            Ok(request)
        }

        #send_doc
        pub async fn send(self) -> Result<#output, #error_type> {
            let request = self.build_request()?;
            self.client.core.#execute.await
        }

        #[doc = #stream_doc_first]
        #[doc = #stream_doc_second]
        pub async fn send_stream(self) -> Result<runtime::ByteStream<#item_error>, #error_type> {
            let request = self.build_request()?;
            self.client.core.send_stream(request).await
        }
    }
}

/// The `Accept` header of an operation: the media types of the success bodies the client decodes (JSON, text,
/// the sequential types of a stream; any type for bytes), then JSON, a little less preferred, for the error body,
/// which is always decoded as JSON.
pub(super) fn accept(operation: &Operation) -> String {
    let bodies: Vec<&Response> = match &operation.success_by_status {
        Some(by_status) => by_status
            .variants
            .iter()
            .map(|variant| &variant.body)
            .collect(),
        None => vec![&operation.success],
    };
    let mut types: Vec<&str> = Vec::new();
    for body in bodies {
        let media: &[&str] = match body {
            Response::Json(_) => &["application/json"],
            Response::Text => &["text/*"],
            Response::Bytes => &["*/*"],
            Response::Empty => &[],
            Response::Stream { framing, .. } => match framing {
                StreamFraming::ServerSentEvents => &["text/event-stream"],
                StreamFraming::JsonLines => &["application/jsonl", "application/x-ndjson"],
                StreamFraming::JsonSeq => &["application/json-seq"],
            },
        };
        for media_type in media {
            if !types.contains(media_type) {
                types.push(media_type);
            }
        }
    }
    if types.is_empty() {
        return "application/json".to_owned();
    }
    if !types.contains(&"application/json") && !types.contains(&"*/*") {
        types.push("application/json;q=0.9");
    }
    types.join(", ")
}

/// The method of a request: a `reqwest` constant, or one built from its name (checked when the request is made).
fn method_tokens(method: &HttpMethod) -> TokenStream {
    match method {
        HttpMethod::Query | HttpMethod::Other(_) => {
            let name = method.as_str();
            quote!(runtime::ClientCore::extension_method(#name)?)
        }
        standard => {
            let constant = ident(standard.as_str());
            quote!(runtime::Method::#constant)
        }
    }
}
