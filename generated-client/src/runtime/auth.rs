// This file is copied from `generator/runtime/auth.rs` by `cargo xtask codegen`. Do not edit it here.

//! Credentials and how each security scheme of a document sends them.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use super::secret::Secret;

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiKeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

/// How one security scheme of the document authenticates a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>`; OAuth2 and OpenID Connect schemes send their access token this way.
    Bearer,
    /// `Authorization: Basic <base64(user:password)>`.
    Basic,
    /// A key in a header, query parameter or cookie of the given name.
    ApiKey {
        /// Where the key goes.
        location: ApiKeyLocation,
        /// The header, parameter or cookie name.
        name: &'static str,
    },
}

/// A security scheme as the generated code declares it: its name in the document and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SecurityScheme {
    /// The scheme's name under `components.securitySchemes`.
    pub name: &'static str,
    /// How it sends its credential.
    pub kind: SchemeKind,
}

/// The error a [`TokenProvider`] may return.
pub type TokenError = Box<dyn std::error::Error + Send + Sync>;

/// The future a [`TokenProvider`] returns.
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<String, TokenError>> + Send + 'a>>;

/// Supplies bearer tokens on demand, for tokens that expire (OAuth2, OpenID Connect). It is asked before every
/// request that needs a bearer token, so it should cache the token and refresh it only when it nears expiry.
pub trait TokenProvider: Send + Sync {
    /// The current access token.
    fn token(&self) -> TokenFuture<'_>;
}

/// The credentials a client holds, by kind.
#[derive(Clone, Default)]
pub(crate) struct Credentials {
    pub(crate) bearer_token: Option<Secret>,
    pub(crate) token_provider: Option<Arc<dyn TokenProvider>>,
    pub(crate) basic: Option<(String, Secret)>,
    /// API keys by scheme name.
    pub(crate) api_keys: Vec<(String, Secret)>,
}

impl Credentials {
    /// Whether a credential for `scheme` is configured.
    pub(crate) fn covers(&self, scheme: &SecurityScheme) -> bool {
        match scheme.kind {
            SchemeKind::Bearer => self.bearer_token.is_some() || self.token_provider.is_some(),
            SchemeKind::Basic => self.basic.is_some(),
            SchemeKind::ApiKey { .. } => self.api_key(scheme.name).is_some(),
        }
    }

    pub(crate) fn api_key(&self, scheme: &str) -> Option<&Secret> {
        self.api_keys
            .iter()
            .find(|(name, _)| name == scheme)
            .map(|(_, key)| key)
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("bearer_token", &self.bearer_token)
            .field(
                "token_provider",
                &self.token_provider.as_ref().map(|_| "<provider>"),
            )
            .field(
                "basic",
                &self.basic.as_ref().map(|(user, password)| (user, password)),
            )
            .field("api_keys", &self.api_keys)
            .finish()
    }
}
