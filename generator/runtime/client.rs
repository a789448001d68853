use std::fmt;
use std::time::Duration;

use reqwest::redirect::Policy;
use reqwest::{Method, Url};
use serde::de::DeserializeOwned;

use super::error::{capped, ApiError, Error, InvalidRequest};
use super::request::Request;
use super::secret::Secret;

/// Connect timeout applied unless the configuration sets another.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Whole-request timeout applied unless the configuration sets another.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// How a client is set up. Every field has a sensible default; start from [`Config::new`].
#[derive(Clone, Default)]
pub struct Config {
    base_url: Option<String>,
    bearer_token: Option<Secret>,
    http_client: Option<reqwest::Client>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
}

impl Config {
    /// A configuration with every default: the document's server, no token, 10 s to connect, 60 s in all.
    pub fn new() -> Self {
        Self::default()
    }

    /// The server to call instead of the one the API document names.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// The token sent as `Authorization: Bearer …` to operations that require authentication.
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.bearer_token = Some(Secret::new(token));
        self
    }

    /// A `reqwest::Client` of your own (proxies, certificates, connection pools); the timeouts set here are then
    /// not applied, since that client carries its own.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// The limit for a whole request, from connecting to reading the body.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The limit for establishing a connection.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("base_url", &self.base_url)
            .field("bearer_token", &self.bearer_token)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .finish_non_exhaustive()
    }
}

/// The part of every generated client that sends requests.
#[derive(Clone)]
pub struct ClientCore {
    http: reqwest::Client,
    base_url: String,
    bearer_token: Option<Secret>,
}

impl fmt::Debug for ClientCore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCore")
            .field("base_url", &self.base_url)
            .field("bearer_token", &self.bearer_token)
            .finish_non_exhaustive()
    }
}

impl ClientCore {
    /// Builds the core from a configuration; `default_base_url` applies when the configuration names none.
    pub fn new(config: Config, default_base_url: &str) -> Result<Self, Error> {
        let base_url = config
            .base_url
            .as_deref()
            .unwrap_or(default_base_url)
            .trim_end_matches('/')
            .to_owned();
        Url::parse(&base_url).map_err(|error| {
            InvalidRequest::new(format!(
                "the base URL `{base_url}` is not a valid URL: {error}"
            ))
        })?;
        let http = match config.http_client {
            Some(client) => client,
            None => reqwest::Client::builder()
                .connect_timeout(config.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
                .timeout(config.timeout.unwrap_or(DEFAULT_TIMEOUT))
                .user_agent(concat!(
                    env!("CARGO_PKG_NAME"),
                    "/",
                    env!("CARGO_PKG_VERSION")
                ))
                .redirect(same_origin_redirects())
                .referer(false)
                .build()
                .map_err(Error::Transport)?,
        };
        Ok(Self {
            http,
            base_url,
            bearer_token: config.bearer_token,
        })
    }

    /// The base URL requests go to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
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
        let (status, body) = self.execute(request).await?;
        serde_json::from_slice(&body).map_err(|error| Error::Decode {
            status,
            message: error.to_string(),
            body: capped(&body),
        })
    }

    /// Sends a request whose success response carries nothing the caller needs.
    pub async fn send_empty<E: DeserializeOwned>(&self, request: Request) -> Result<(), Error<E>> {
        self.execute(request).await.map(|_| ())
    }

    /// Sends a request and returns the status and body of a 2xx answer; any other answer becomes `Error::Api`.
    async fn execute<E: DeserializeOwned>(
        &self,
        request: Request,
    ) -> Result<(reqwest::StatusCode, bytes::Bytes), Error<E>> {
        let mut builder = self
            .http
            .request(request.method, request.url)
            .headers(request.headers);
        if request.bearer_auth {
            if let Some(token) = &self.bearer_token {
                builder = builder.bearer_auth(token.expose());
            }
        }
        if let Some(body) = request.body {
            builder = builder.body(body);
        }
        let response = builder
            .send()
            .await
            .map_err(|error| Error::Transport(error.without_url()))?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .bytes()
            .await
            .map_err(|error| Error::Transport(error.without_url()))?;
        if status.is_success() {
            return Ok((status, body));
        }
        let typed = serde_json::from_slice(&body).ok();
        Err(Error::Api(Box::new(ApiError {
            status,
            headers,
            body: typed,
            raw_body: capped(&body),
        })))
    }
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
