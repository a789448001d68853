// This file is copied from `generator/runtime/error.rs` by `cargo xtask codegen`. Do not edit it here.

//! The one error type of every call, and how an error body is kept (capped, as text or typed).

use std::fmt;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use super::transport::TransportError;

/// At most this many bytes of an error response body are read and kept.
pub const MAX_ERROR_BODY_BYTES: usize = 64 * 1024;

/// Everything a call can fail with. `E` is the typed error body the API document declares for the operation.
///
/// New kinds of failure may be added in a minor release, so a `match` needs a `_` arm.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E = serde_json::Value> {
    /// The request could not be built from the given arguments (nothing was sent).
    InvalidRequest(InvalidRequest),
    /// The request could not be sent or the response could not be read; [`TransportError::kind`] says which part
    /// failed (connect, DNS, TLS, a timeout, a connection closed early, the body).
    Transport(TransportError),
    /// The server answered with a status outside 2xx.
    Api(Box<ApiError<E>>),
    /// The server answered 2xx with a body larger than the client's limit
    /// ([`Config::max_response_bytes`](super::Config::max_response_bytes)); it was not read further.
    #[non_exhaustive]
    TooLarge {
        /// The status of the answer.
        status: StatusCode,
        /// The limit, in bytes.
        limit: usize,
    },
    /// The server answered 2xx, but the body does not match the documented type.
    Decode {
        /// The status of the answer.
        status: StatusCode,
        /// What did not match, as the JSON decoder says it.
        message: String,
        /// The body as received, capped at [`MAX_ERROR_BODY_BYTES`].
        body: Vec<u8>,
    },
}

/// A non-2xx answer: the status, the headers, the typed body when it decodes, and the raw body always (its first
/// [`MAX_ERROR_BODY_BYTES`]; the rest is never read).
#[derive(Debug)]
#[non_exhaustive]
pub struct ApiError<E> {
    /// The status of the answer.
    pub status: StatusCode,
    /// The headers of the answer.
    pub headers: HeaderMap,
    /// The body decoded as the documented error type, when it decodes from the bytes kept (a gateway may answer
    /// in plain text).
    pub body: Option<E>,
    /// The body as received, its first [`MAX_ERROR_BODY_BYTES`] at most.
    pub raw_body: Vec<u8>,
    /// Whether the body had more than `raw_body` holds (it was longer than the cap, or broke off).
    pub raw_body_truncated: bool,
}

impl<E> ApiError<E> {
    /// The raw body as text, with invalid UTF-8 replaced.
    pub fn raw_text(&self) -> String {
        String::from_utf8_lossy(&self.raw_body).into_owned()
    }
}

/// Why a request could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidRequest {
    /// What is wrong with the request.
    pub message: String,
}

impl InvalidRequest {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

impl fmt::Display for InvalidRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for InvalidRequest {}

impl<E> From<InvalidRequest> for Error<E> {
    fn from(error: InvalidRequest) -> Self {
        Error::InvalidRequest(error)
    }
}

impl<E> From<TransportError> for Error<E> {
    fn from(error: TransportError) -> Self {
        Error::Transport(error)
    }
}

impl<E> Error<E> {
    /// The HTTP status, for errors that have one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(error) => Some(error.status),
            Error::Decode { status, .. } | Error::TooLarge { status, .. } => Some(*status),
            Error::Transport(_) | Error::InvalidRequest(_) => None,
        }
    }
}

impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest(error) => write!(f, "invalid request: {error}"),
            Error::Transport(error) => write!(f, "{error}"),
            Error::Api(error) => {
                write!(f, "the server answered {}", error.status)?;
                let text = error.raw_text();
                let excerpt: String = text.chars().take(200).collect();
                if !excerpt.trim().is_empty() {
                    write!(f, ": {}", excerpt.trim())?;
                }
                Ok(())
            }
            Error::TooLarge { status, limit } => write!(
                f,
                "the {status} response body is larger than the client's limit of {limit} bytes \
                 (Config::max_response_bytes)"
            ),
            Error::Decode {
                status, message, ..
            } => {
                write!(
                    f,
                    "the {status} response does not match the documented type: {message}"
                )
            }
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::InvalidRequest(error) => Some(error),
            Error::Transport(error) => Some(error),
            Error::Api(_) | Error::Decode { .. } | Error::TooLarge { .. } => None,
        }
    }
}

pub(crate) fn capped(body: &[u8]) -> Vec<u8> {
    body[..body.len().min(MAX_ERROR_BODY_BYTES)].to_vec()
}
