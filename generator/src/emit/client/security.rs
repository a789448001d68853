//! How a client is given credentials: the security schemes of the document as the runtime's table, and the
//! constructors that take a bearer token, as an argument or from an environment variable.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::ClientOptions;
use crate::ir::{Api, ParameterLocation, SecuritySchemeKind};

/// The entries of `SECURITY_SCHEMES`, the schemes the runtime applies by name; a scheme it cannot apply is left
/// out.
pub(super) fn scheme_entries(api: &Api) -> impl Iterator<Item = TokenStream> + '_ {
    api.security_schemes.iter().filter_map(|scheme| {
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
    })
}

/// Whether the API takes a bearer token (HTTP bearer or OAuth2), which `Client::new` then asks for.
pub(crate) fn takes_bearer(api: &Api) -> bool {
    api.security_schemes.iter().any(|scheme| {
        matches!(
            scheme.kind,
            SecuritySchemeKind::Bearer | SecuritySchemeKind::OAuth2
        )
    })
}

/// `Client::new`: taking the bearer token when the API takes one, otherwise no credentials.
pub(super) fn constructor(takes_bearer: bool) -> TokenStream {
    if takes_bearer {
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
    }
}

/// The doc of `Client::with_config`, and the statements that take the bearer token from the environment variable
/// the options name when the configuration sets none.
pub(super) fn config_token_fallback(
    options: &ClientOptions,
    takes_bearer: bool,
) -> (String, Option<TokenStream>) {
    match &options.token_env {
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
    }
}
