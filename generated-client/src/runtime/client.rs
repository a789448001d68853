// This file is copied from `generator/runtime/client.rs` by `cargo xtask codegen`. Do not edit it here.

//! The client core: configuration, the shared HTTP client, and the send loop every operation goes through
//! (credentials, retries with backoff, redirects within one origin, decoding by status).

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE, COOKIE};
use reqwest::redirect::Policy;
use reqwest::{Method, Url};
use serde::de::DeserializeOwned;

use super::auth::{ApiKeyLocation, Credentials, SchemeKind, SecurityScheme, TokenProvider};
use super::decode::{self, ErrorDecoder, SuccessDecoder};
use super::error::{ApiError, DecodeError, Error, InvalidRequest, MAX_ERROR_BODY_BYTES};
use super::pagination::DEFAULT_MAX_PAGES;
use super::request::Request;
use super::retry::{self, RetryPolicy};
use super::secret::Secret;
use super::sequential::{self, EventStream, Framing, ItemStream};
use super::transport::TransportError;

/// Connect timeout applied unless the configuration sets another.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The deadline of a whole call (every attempt and the waits between them) unless the configuration sets another.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// The largest success body read whole (64 MiB) unless the configuration sets another.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;

/// How a client is set up. Every field has a sensible default; start from [`Config::new`].
#[derive(Clone, Default)]
pub struct Config {
    base_url: Option<String>,
    credentials: Credentials,
    http_client: Option<reqwest::Client>,
    timeout: Option<Duration>,
    attempt_timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    max_response_bytes: Option<usize>,
    max_pages: Option<u64>,
    max_idle_per_host: Option<usize>,
    default_headers: HeaderMap,
    user_agent: Option<String>,
    retry: RetryPolicy,
    server_version: Option<String>,
    invalid: Option<InvalidRequest>,
}

impl Config {
    /// A configuration with every default: the document's server, no credentials, 10 s to connect, 60 s for a
    /// whole call (retries included), and up to 3 attempts for idempotent requests.
    pub fn new() -> Self {
        Self::default()
    }

    /// The server to call instead of the one the API document names.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// The token sent as `Authorization: Bearer …` for HTTP bearer, OAuth2 and OpenID Connect schemes.
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        let token = token.into();
        self.refuse(credential_problem("the bearer token", &token));
        self.credentials.bearer_token = Some(Secret::new(token));
        self
    }

    /// Whether a bearer token or token provider is set.
    pub fn has_bearer_token(&self) -> bool {
        self.credentials.bearer_token.is_some() || self.credentials.token_provider.is_some()
    }

    /// A source of bearer tokens that expire; asked before each request that needs one.
    pub fn token_provider(mut self, provider: impl TokenProvider + 'static) -> Self {
        self.credentials.token_provider = Some(Arc::new(provider));
        self
    }

    /// The user name and password for HTTP basic schemes.
    pub fn basic_auth(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
        let (user, password) = (user.into(), password.into());
        self.refuse(header_problem("the basic-auth user name", &user));
        self.refuse(header_problem("the basic-auth password", &password));
        self.credentials.basic = Some((user, Secret::new(password)));
        self
    }

    /// The key for the API-key scheme named `scheme` in the document (header, query or cookie, as it declares).
    pub fn api_key(mut self, scheme: impl Into<String>, key: impl Into<String>) -> Self {
        let (scheme, key) = (scheme.into(), key.into());
        self.refuse(credential_problem(
            &format!("the API key for `{scheme}`"),
            &key,
        ));
        self.credentials
            .api_keys
            .retain(|(name, _)| *name != scheme);
        self.credentials.api_keys.push((scheme, Secret::new(key)));
        self
    }

    /// A `reqwest::Client` of your own (proxies, certificates, connection pools). The connect timeout, user
    /// agent, idle connection limit and redirect policy set here are then not applied, since that client carries its own; the deadline
    /// ([`Config::timeout`]) and the attempt limit ([`Config::attempt_timeout`]) still are.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// The deadline of a whole call: every attempt, the waits between them (a backoff or `Retry-After` that
    /// would end past it is not waited; the last answer is returned instead) and reading the response body.
    /// [`DEFAULT_TIMEOUT`] (60 s) unless set. A call still running when it passes ends with an
    /// [`Error::Transport`] of kind [`TransportKind::Timeout`](super::TransportKind::Timeout).
    ///
    /// A call that returns a stream (`send_stream`, server-sent events, JSON Lines) is bounded until the
    /// response's status and headers arrive; its body is then read for as long as the server sends it. A request
    /// builder's `.timeout(..)` sets the deadline of that call alone.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The limit for one attempt, from connecting until the response's status and headers arrive. An attempt
    /// that takes longer is abandoned and, for an idempotent request, tried again if the deadline
    /// ([`Config::timeout`]) leaves time. None unless set: an attempt may take what remains of the deadline.
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// The largest success body a call reads whole: [`DEFAULT_MAX_RESPONSE_BYTES`] (64 MiB) unless set. A larger
    /// one is refused with [`Error::TooLarge`] as soon as its `Content-Length` or the bytes read so far pass the
    /// limit, so it is never held whole. A body read as a stream is not limited as a whole, but each of its
    /// server-sent events or JSON Lines values is (a longer one ends the stream with [`Error::TooLarge`]); the raw
    /// chunks of `send_stream` are not. Error bodies are always read up to [`MAX_ERROR_BODY_BYTES`] only.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = Some(limit);
        self
    }

    /// The most pages one `.stream()` fetches: [`DEFAULT_MAX_PAGES`](super::DEFAULT_MAX_PAGES) (10 000)
    /// unless set. A walk that reaches it with more pages to come ends with [`Error::Pagination`].
    pub fn max_pages(mut self, limit: u64) -> Self {
        self.max_pages = Some(limit);
        self
    }

    /// How many idle connections to each host the client keeps open for reuse (no limit unless set; `0` closes
    /// each connection after its request). It bounds the connections left open after a burst of concurrent calls,
    /// not how many calls run at once.
    pub fn max_idle_per_host(mut self, connections: usize) -> Self {
        self.max_idle_per_host = Some(connections);
        self
    }

    /// The limit for establishing a connection.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// A header sent with every request. A name or value that is not valid in HTTP makes the client's
    /// construction fail with [`Error::InvalidRequest`].
    pub fn default_header(mut self, name: &str, value: &str) -> Self {
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            (Ok(name), Ok(value)) => {
                self.default_headers.insert(name, value);
            }
            _ => {
                self.invalid = Some(InvalidRequest::new(format!(
                    "default header `{name}` is not a valid header"
                )))
            }
        }
        self
    }

    /// A header sent with every request unless one of that name is already set (the API version a generated
    /// client pins).
    pub fn header_unless_set(self, name: &str, value: &str) -> Self {
        if self.default_headers.contains_key(name) {
            self
        } else {
            self.default_header(name, value)
        }
    }

    /// The `User-Agent`, instead of the crate's name and version.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        let user_agent = user_agent.into();
        self.refuse(header_problem("the User-Agent", &user_agent));
        self.user_agent = Some(user_agent);
        self
    }

    /// Keeps the first problem of the configuration; [`ClientCore::new`] reports it as `InvalidRequest`.
    fn refuse(&mut self, problem: Option<String>) {
        if let (None, Some(problem)) = (&self.invalid, problem) {
            self.invalid = Some(InvalidRequest::new(problem));
        }
    }

    /// How requests are retried.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The server's release (such as `3.0.6`), when a client supports several: an operation the server is too
    /// old for then fails before sending, with an error that names the release it needs.
    pub fn server_version(mut self, version: impl Into<String>) -> Self {
        self.server_version = Some(version.into());
        self
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("base_url", &self.base_url)
            .field("credentials", &self.credentials)
            .field("timeout", &self.timeout)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("max_pages", &self.max_pages)
            .field("max_idle_per_host", &self.max_idle_per_host)
            .field(
                "default_headers",
                &self.default_headers.keys().collect::<Vec<_>>(),
            )
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

/// A response body read chunk by chunk, as [`ClientCore::send_stream`] returns it.
pub type ByteStream<E> =
    std::pin::Pin<Box<dyn futures_util::Stream<Item = Result<bytes::Bytes, Error<E>>> + Send>>;

/// The part of every generated client that sends requests.
#[derive(Clone)]
pub struct ClientCore {
    http: reqwest::Client,
    base_url: String,
    credentials: Credentials,
    schemes: &'static [SecurityScheme],
    default_headers: HeaderMap,
    retry: RetryPolicy,
    server_version: Option<String>,
    timeout: Duration,
    attempt_timeout: Option<Duration>,
    max_response_bytes: usize,
    max_pages: u64,
}

impl fmt::Debug for ClientCore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCore")
            .field("base_url", &self.base_url)
            .field("credentials", &self.credentials)
            .field("retry", &self.retry)
            .field("server_version", &self.server_version)
            .field("timeout", &self.timeout)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("max_pages", &self.max_pages)
            .finish_non_exhaustive()
    }
}

/// When a call must be over, and the limit that set it (for the message).
#[derive(Debug, Clone, Copy)]
struct Deadline {
    at: Option<tokio::time::Instant>,
    limit: Duration,
}

impl Deadline {
    /// Runs `work`, ending it with a timeout error if the deadline passes first.
    async fn bound<T, E>(
        self,
        work: impl Future<Output = Result<T, Error<E>>>,
    ) -> Result<T, Error<E>> {
        match self.at {
            Some(at) => tokio::time::timeout_at(at, work)
                .await
                .unwrap_or_else(|_| Err(TransportError::deadline(self.limit).into())),
            None => work.await,
        }
    }

    /// Whether waiting `wait` from now would reach the deadline.
    fn reached_after(&self, wait: Duration) -> bool {
        self.at.is_some_and(|at| {
            tokio::time::Instant::now()
                .checked_add(wait)
                .is_none_or(|end| end >= at)
        })
    }
}

impl ClientCore {
    /// Builds the core from a configuration; `default_base_url` applies when the configuration names none, and
    /// `schemes` are the document's security schemes.
    pub fn new(
        config: Config,
        default_base_url: &str,
        schemes: &'static [SecurityScheme],
    ) -> Result<Self, Error> {
        if let Some(invalid) = config.invalid {
            return Err(invalid.into());
        }
        let base_url = config
            .base_url
            .as_deref()
            .unwrap_or(default_base_url)
            .trim_end_matches('/')
            .to_owned();
        Url::parse(&base_url).map_err(|error| match error {
            _ if config.base_url.is_none() && !base_url.contains("://") => {
                InvalidRequest::new(format!(
                    "the API document names no server address{}: set one with `Config::base_url`, for \
                     example `https://api.example.com{base_url}`",
                    if base_url.is_empty() {
                        String::new()
                    } else {
                        format!(" (only the path `{base_url}`)")
                    }
                ))
            }
            error => InvalidRequest::new(format!(
                "the base URL `{base_url}` is not a valid URL: {error}"
            )),
        })?;
        let http = match config.http_client {
            Some(client) => client,
            None => {
                // gzip and brotli answers are decompressed (and `Accept-Encoding` sent) by the crate's `reqwest`
                // features.
                let mut builder = reqwest::Client::builder()
                    .connect_timeout(config.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
                    .user_agent(config.user_agent.unwrap_or_else(|| {
                        concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")).to_owned()
                    }))
                    .redirect(same_origin_redirects())
                    .referer(false);
                if let Some(connections) = config.max_idle_per_host {
                    builder = builder.pool_max_idle_per_host(connections);
                }
                builder.build().map_err(TransportError::from_reqwest)?
            }
        };
        Ok(Self {
            http,
            base_url,
            credentials: config.credentials,
            schemes,
            default_headers: config.default_headers,
            retry: config.retry,
            server_version: config.server_version,
            timeout: config.timeout.unwrap_or(DEFAULT_TIMEOUT),
            attempt_timeout: config.attempt_timeout,
            max_response_bytes: config
                .max_response_bytes
                .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES),
            max_pages: config.max_pages.unwrap_or(DEFAULT_MAX_PAGES),
        })
    }

    /// The server's release, when the configuration names it.
    pub fn server_version(&self) -> Option<&str> {
        self.server_version.as_deref()
    }

    /// Fails when the server's release is known and older than `since`, the first `product` release that has
    /// `operation`; passes when the release is not known (the server then answers for itself).
    pub fn require_server_version(
        &self,
        product: &str,
        since: &str,
        operation: &str,
    ) -> Result<(), InvalidRequest> {
        let Some(server) = &self.server_version else {
            return Ok(());
        };
        let parts = |version: &str| -> Vec<u64> {
            version
                .split(|c: char| !c.is_ascii_digit())
                .take_while(|part| !part.is_empty())
                .filter_map(|part| part.parse().ok())
                .collect()
        };
        if parts(server) < parts(since) {
            return Err(InvalidRequest::new(format!(
                "`{operation}` needs {product} {since} or later, and this server runs {product} {server}"
            )));
        }
        Ok(())
    }

    /// The deadline of a call starting now: the request's own limit, or the client's.
    fn deadline(&self, request: &Request) -> Deadline {
        let limit = request.timeout.unwrap_or(self.timeout);
        Deadline {
            at: tokio::time::Instant::now().checked_add(limit),
            limit,
        }
    }

    /// The most pages one `.stream()` fetches.
    pub fn max_pages(&self) -> u64 {
        self.max_pages
    }

    /// The base URL requests go to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// A method that `reqwest` has no constant for (OpenAPI 3.2's `QUERY`, or one of `additionalOperations`).
    pub fn extension_method(name: &str) -> Result<Method, InvalidRequest> {
        Method::from_bytes(name.as_bytes())
            .map_err(|_| InvalidRequest::new(format!("`{name}` is not a valid HTTP method name")))
    }

    /// Starts a request to `path` (already encoded) below the base URL.
    pub fn request(&self, method: Method, path: &str) -> Result<Request, InvalidRequest> {
        let url = Url::parse(&format!("{}{path}", self.base_url)).map_err(|error| {
            InvalidRequest::new(format!("`{path}` does not make a valid URL: {error}"))
        })?;
        Ok(Request::new(method, url))
    }

    /// Sends a request and decodes a JSON success body as `T`.
    pub async fn send_json<T: DeserializeOwned, E: DeserializeOwned>(
        &self,
        request: Request,
    ) -> Result<T, Error<E>> {
        self.send(request, decode::json, decode::json_error).await
    }

    /// Sends a request and returns a text success body.
    pub async fn send_text<E: DeserializeOwned>(
        &self,
        request: Request,
    ) -> Result<String, Error<E>> {
        self.send(request, decode::text, decode::json_error).await
    }

    /// Sends a request and returns the success body as it came.
    pub async fn send_bytes<E: DeserializeOwned>(
        &self,
        request: Request,
    ) -> Result<bytes::Bytes, Error<E>> {
        self.send(request, decode::raw, decode::json_error).await
    }

    /// Sends a request whose success response carries nothing the caller needs.
    pub async fn send_empty<E: DeserializeOwned>(&self, request: Request) -> Result<(), Error<E>> {
        self.send(request, decode::empty, decode::json_error).await
    }

    /// Sends a request and decodes the answer with the given decoders, which may look at the status.
    pub async fn send<T, E>(
        &self,
        request: Request,
        success: SuccessDecoder<T>,
        error: ErrorDecoder<E>,
    ) -> Result<T, Error<E>> {
        let deadline = self.deadline(&request);
        deadline
            .bound(async {
                let response = self.execute_response(&request, deadline, error).await?;
                let status = response.status();
                // A header value is shared, not copied; it is read as text only if the body does not decode.
                let content_type = response.headers().get(CONTENT_TYPE).cloned();
                let body = read_limited(response, self.max_response_bytes).await?;
                success(status, body.clone()).map_err(|message| {
                    let content_type = content_type
                        .as_ref()
                        .and_then(|value| value.to_str().ok())
                        .map(str::to_owned);
                    Error::Decode(Box::new(DecodeError::new(
                        status,
                        content_type,
                        message,
                        &body,
                    )))
                })
            })
            .await
    }

    /// Sends a request and returns the success body as a stream of chunks as they arrive, for downloads too
    /// large to hold whole; an error answer is read and decoded as usual.
    pub async fn send_stream<E: DeserializeOwned + Send + 'static>(
        &self,
        request: Request,
    ) -> Result<ByteStream<E>, Error<E>> {
        let response = self.execute_bounded(&request, decode::json_error).await?;
        let chunks = futures_util::stream::try_unfold(response, |mut response| async move {
            match response.chunk().await {
                Ok(Some(chunk)) => Ok(Some((chunk, response))),
                Ok(None) => Ok(None),
                Err(error) => Err(Error::Transport(TransportError::from_reqwest(error))),
            }
        });
        Ok(Box::pin(chunks))
    }

    /// Sends a request and returns its server-sent events as they arrive, each one's data decoded as `T`; an
    /// error answer is read and decoded as usual.
    pub async fn send_events<T, E>(
        &self,
        request: Request,
        decode_error: ErrorDecoder<E>,
    ) -> Result<EventStream<T, E>, Error<E>>
    where
        T: DeserializeOwned + Send + 'static,
        E: Send + 'static,
    {
        let response = self.execute_bounded(&request, decode_error).await?;
        Ok(sequential::events(response, self.max_response_bytes))
    }

    /// Sends a request and returns the JSON values of a JSON Lines or JSON text sequence answer as they arrive.
    pub async fn send_values<T, E>(
        &self,
        request: Request,
        framing: Framing,
        decode_error: ErrorDecoder<E>,
    ) -> Result<ItemStream<T, E>, Error<E>>
    where
        T: DeserializeOwned + Send + 'static,
        E: Send + 'static,
    {
        let response = self.execute_bounded(&request, decode_error).await?;
        Ok(sequential::values(
            response,
            framing,
            self.max_response_bytes,
        ))
    }

    /// [`Self::execute_response`] within the call's deadline, for calls whose body is read later, as a stream.
    async fn execute_bounded<E>(
        &self,
        request: &Request,
        decode_error: ErrorDecoder<E>,
    ) -> Result<reqwest::Response, Error<E>> {
        let deadline = self.deadline(request);
        deadline
            .bound(self.execute_response(request, deadline, decode_error))
            .await
    }

    /// Sends a request, retrying as the policy allows while the deadline leaves time for the wait, and returns a
    /// 2xx response with its body unread; any other answer is read and becomes `Error::Api`.
    async fn execute_response<E>(
        &self,
        request: &Request,
        deadline: Deadline,
        decode_error: ErrorDecoder<E>,
    ) -> Result<reqwest::Response, Error<E>> {
        let policy = RetryPolicy {
            max_attempts: request
                .max_attempts
                .unwrap_or(self.retry.max_attempts)
                .max(1),
            ..self.retry
        };
        let retryable = retry::is_idempotent(&request.method);
        let mut attempt = 1;
        loop {
            let outcome = self.attempt_within_limit(request).await;
            let retry_headers = match &outcome {
                Ok(response) if retryable && retry::is_retryable_status(response.status()) => {
                    Some(Some(response.headers().clone()))
                }
                Err(error) if retryable && error.is_retryable() => Some(None),
                _ => None,
            };
            if let (Some(headers), true) = (retry_headers, attempt < policy.max_attempts) {
                let wait = retry::delay(&policy, attempt, headers.as_ref());
                if !deadline.reached_after(wait) {
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                    continue;
                }
            }
            let response = outcome?;
            let status = response.status();
            if status.is_success() {
                return Ok(response);
            }
            if let Some(location) = other_origin(&response) {
                return Err(Error::Redirect { status, location });
            }
            let headers = response.headers().clone();
            let (body, truncated) = read_capped(response, MAX_ERROR_BODY_BYTES).await;
            return Err(Error::Api(Box::new(ApiError {
                status,
                headers,
                body: decode_error(status, &body),
                raw_body: body,
                raw_body_truncated: truncated,
            })));
        }
    }

    /// One attempt, abandoned when it outlasts the attempt limit.
    async fn attempt_within_limit(
        &self,
        request: &Request,
    ) -> Result<reqwest::Response, TransportError> {
        match self.attempt_timeout {
            Some(limit) => tokio::time::timeout(limit, self.attempt(request))
                .await
                .unwrap_or_else(|_| Err(TransportError::attempt_timeout(limit))),
            None => self.attempt(request).await,
        }
    }

    /// One attempt: the request as built, plus default headers and the credentials its security asks for.
    async fn attempt(&self, request: &Request) -> Result<reqwest::Response, TransportError> {
        let mut url = request.url.clone();
        let mut headers = self.default_headers.clone();
        headers.extend(request.headers.clone());
        let mut builder_auth: Option<AuthHeader> = None;
        if let Some(schemes) = self.satisfied_requirement(request.security) {
            for scheme in schemes {
                match scheme.kind {
                    SchemeKind::Bearer => {
                        let token = match (
                            &self.credentials.token_provider,
                            &self.credentials.bearer_token,
                        ) {
                            // A provider that fails ends the call with its reason: sending the request without
                            // the token would only turn a wrong password into a puzzling 401.
                            (Some(provider), _) => match provider.token().await {
                                Ok(token) => {
                                    match credential_problem("the token provider's token", &token) {
                                        None => Secret::new(token),
                                        Some(problem) => {
                                            return Err(TransportError::credentials(problem))
                                        }
                                    }
                                }
                                Err(error) => {
                                    return Err(TransportError::credentials(format!(
                                        "the token provider failed: {error}"
                                    )))
                                }
                            },
                            (None, Some(token)) => token.clone(),
                            (None, None) => continue,
                        };
                        builder_auth = Some(AuthHeader::Bearer(token));
                    }
                    SchemeKind::Basic => {
                        if let Some((user, password)) = &self.credentials.basic {
                            builder_auth = Some(AuthHeader::Basic(user.clone(), password.clone()));
                        }
                    }
                    SchemeKind::ApiKey { location, name } => {
                        let Some(key) = self.credentials.api_key(scheme.name) else {
                            continue;
                        };
                        match location {
                            ApiKeyLocation::Header => {
                                if let (Ok(header), Ok(mut value)) = (
                                    HeaderName::from_bytes(name.as_bytes()),
                                    HeaderValue::from_str(key.expose()),
                                ) {
                                    value.set_sensitive(true);
                                    headers.insert(header, value);
                                }
                            }
                            ApiKeyLocation::Query => {
                                url.query_pairs_mut().append_pair(name, key.expose());
                            }
                            ApiKeyLocation::Cookie => {
                                let pair = format!("{name}={}", key.expose());
                                let combined =
                                    match headers.get(COOKIE).and_then(|v| v.to_str().ok()) {
                                        Some(existing) => format!("{existing}; {pair}"),
                                        None => pair,
                                    };
                                if let Ok(mut value) = HeaderValue::from_str(&combined) {
                                    value.set_sensitive(true);
                                    headers.insert(COOKIE, value);
                                }
                            }
                        }
                    }
                }
            }
        }
        let mut builder = self
            .http
            .request(request.method.clone(), url)
            .headers(headers);
        builder = match builder_auth {
            Some(AuthHeader::Bearer(token)) => builder.bearer_auth(token.expose()),
            Some(AuthHeader::Basic(user, password)) => {
                builder.basic_auth(user, Some(password.expose()))
            }
            None => builder,
        };
        if let Some(body) = &request.body {
            builder = builder.body(body.clone());
        }
        builder.send().await.map_err(TransportError::from_reqwest)
    }

    /// The schemes of the first security requirement whose credentials are all configured. A request with no
    /// requirement, or none that can be met, is sent without credentials.
    fn satisfied_requirement(
        &self,
        requirements: &'static [&'static [&'static str]],
    ) -> Option<Vec<&'static SecurityScheme>> {
        requirements.iter().find_map(|requirement| {
            let schemes: Option<Vec<&SecurityScheme>> = requirement
                .iter()
                .map(|name| {
                    self.schemes
                        .iter()
                        .find(|scheme| scheme.name == *name)
                        .filter(|s| self.credentials.covers(s))
                })
                .collect();
            schemes.filter(|schemes| !schemes.is_empty())
        })
    }
}

/// Reads a success body whole, refusing one longer than `limit` by its `Content-Length` before reading or as the
/// bytes arrive. A body that arrives in one chunk is not copied.
async fn read_limited<E>(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<bytes::Bytes, Error<E>> {
    let status = response.status();
    let announced = response.content_length().unwrap_or(0);
    if announced > limit as u64 {
        return Err(Error::TooLarge { status, limit });
    }
    let mut first = bytes::Bytes::new();
    let mut joined: Vec<u8> = Vec::new();
    let mut length = 0usize;
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|error| Error::Transport(TransportError::from_reqwest(error)))?
    {
        length += chunk.len();
        if length > limit {
            return Err(Error::TooLarge { status, limit });
        }
        if length == chunk.len() {
            first = chunk;
        } else {
            if joined.is_empty() {
                joined.reserve(usize::try_from(announced).unwrap_or(0).max(length));
                joined.extend_from_slice(&first);
            }
            joined.extend_from_slice(&chunk);
        }
    }
    Ok(if joined.is_empty() {
        first
    } else {
        joined.into()
    })
}

/// Reads at most `cap` bytes of an error body, and whether any was left out (the body was longer, or could not be
/// read to its end). The rest is never read: the connection is dropped instead.
async fn read_capped(mut response: reqwest::Response, cap: usize) -> (Vec<u8>, bool) {
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let room = cap - body.len();
                if chunk.len() > room {
                    body.extend_from_slice(&chunk[..room]);
                    return (body, true);
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return (body, false),
            Err(_) => return (body, true),
        }
    }
}

/// Where a redirect answer leads when that is another origin (a redirect the client refused to follow), without
/// the query, fragment and user information of the address.
fn other_origin(response: &reqwest::Response) -> Option<String> {
    if !response.status().is_redirection() {
        return None;
    }
    let location = response.headers().get(reqwest::header::LOCATION)?;
    let mut target = response.url().join(location.to_str().ok()?).ok()?;
    if target.origin() == response.url().origin() {
        return None;
    }
    target.set_query(None);
    target.set_fragment(None);
    let _ = target.set_username("");
    let _ = target.set_password(None);
    Some(target.to_string())
}

enum AuthHeader {
    Bearer(Secret),
    Basic(String, Secret),
}

/// Follows redirects only within the origin of the original request, so credentials never reach another host.
fn same_origin_redirects() -> Policy {
    Policy::custom(|attempt| {
        let same_origin = attempt
            .previous()
            .first()
            .is_some_and(|first| first.origin() == attempt.url().origin());
        if attempt.previous().len() >= 10 {
            attempt.error("too many redirects")
        } else if same_origin {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

/// Why a credential cannot be sent: empty, only white space, or holding a line break (which would end the header
/// it travels in). The message names the credential, never its value.
fn credential_problem(what: &str, value: &str) -> Option<String> {
    if value.trim().is_empty() {
        return Some(format!("{what} is empty"));
    }
    header_problem(what, value)
}

/// Why a value cannot travel in a header: a CR, LF or NUL in it would end or corrupt the header.
fn header_problem(what: &str, value: &str) -> Option<String> {
    value
        .contains(['\r', '\n', '\0'])
        .then(|| format!("{what} contains a line break or NUL, which cannot be sent in a header"))
}
