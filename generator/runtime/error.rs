//! The one error type of every call, and how an error body is kept (capped, as text or typed) and shown: `Display`
//! says what happened in a line (the status and the server's message, the content type and the JSON path of a
//! field that did not decode, where a refused redirect led); `Debug` shows bodies as text, cut short, with their
//! length, never as a list of byte values.

use std::fmt;

use reqwest::header::{HeaderMap, CONTENT_TYPE};
use reqwest::StatusCode;

use super::pagination::PaginationError;
use super::transport::TransportError;

/// At most this many bytes of an error response body are read and kept.
pub const MAX_ERROR_BODY_BYTES: usize = 64 * 1024;

/// How many characters of a body `Debug` shows.
const DEBUG_BODY_CHARS: usize = 1000;
/// How many characters of a message `Display` shows.
const DISPLAY_MESSAGE_CHARS: usize = 200;

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
    /// The server redirected to another origin. The redirect is not followed, so that credentials never reach a
    /// host they were not configured for.
    #[non_exhaustive]
    Redirect {
        /// The status of the answer (301, 302, 303, 307 or 308).
        status: StatusCode,
        /// Where the redirect led, without its query and fragment (they may carry what the server put there).
        location: String,
    },
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
    Decode(Box<DecodeError>),
    /// A `.stream()` over pages stopped: the server did not move on to the next page, or there were more pages
    /// than [`Config::max_pages`](super::Config::max_pages).
    Pagination(PaginationError),
}

/// [`Error`] as the operations' signatures name it: the same type, named apart so that a document's own schema
/// called `Error` reads `CallError<Error>` there rather than `Error<Error>`.
pub type CallError<E = serde_json::Value> = Error<E>;

/// A non-2xx answer: the status, the headers, the typed body when it decodes, and the raw body always (its first
/// [`MAX_ERROR_BODY_BYTES`]; the rest is never read).
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

    /// The `Content-Type` of the answer, when it has one.
    pub fn content_type(&self) -> Option<&str> {
        content_type(&self.headers)
    }

    /// What the server says went wrong, in one line: when the typed body decoded, its message (the first of the
    /// members `message`, `detail`, `title`, `error_description`, `error`, `msg`, `description` or `errors`
    /// that holds text, looking one level into objects and lists); otherwise, or when it has none, the first
    /// line of the raw text. `None` for an empty body.
    pub fn message(&self) -> Option<String> {
        let typed = self
            .body
            .as_ref()
            .and_then(|_| serde_json::from_slice(&self.raw_body).ok())
            .and_then(|value| message_in(&value, 0));
        typed
            .or_else(|| first_line(&self.raw_text()))
            .map(|message| shortened(&message, DISPLAY_MESSAGE_CHARS))
    }
}

impl<E: fmt::Debug> fmt::Debug for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &self.body)
            .field(
                "raw_body",
                &BodyText {
                    bytes: &self.raw_body,
                    truncated: self.raw_body_truncated,
                },
            )
            .finish()
    }
}

/// A 2xx answer whose body does not match the documented type.
#[non_exhaustive]
pub struct DecodeError {
    /// The status of the answer.
    pub status: StatusCode,
    /// The `Content-Type` of the answer, when it had one.
    pub content_type: Option<String>,
    /// What did not match, as the decoder says it, with the JSON path of the member at fault when there is one
    /// (``at `tokens[0].kind`: unknown variant …``).
    pub message: String,
    /// The body as received, its first [`MAX_ERROR_BODY_BYTES`] at most.
    pub raw_body: Vec<u8>,
    /// Whether the body had more than `raw_body` holds.
    pub raw_body_truncated: bool,
}

impl DecodeError {
    pub(crate) fn new(
        status: StatusCode,
        content_type: Option<String>,
        message: String,
        body: &[u8],
    ) -> Self {
        Self {
            status,
            content_type,
            message,
            raw_body: body[..body.len().min(MAX_ERROR_BODY_BYTES)].to_vec(),
            raw_body_truncated: body.len() > MAX_ERROR_BODY_BYTES,
        }
    }

    /// The raw body as text, with invalid UTF-8 replaced.
    pub fn raw_text(&self) -> String {
        String::from_utf8_lossy(&self.raw_body).into_owned()
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("status", &self.status)
            .field("content_type", &self.content_type)
            .field("message", &self.message)
            .field(
                "raw_body",
                &BodyText {
                    bytes: &self.raw_body,
                    truncated: self.raw_body_truncated,
                },
            )
            .finish()
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the {} response (", self.status)?;
        match &self.content_type {
            Some(content_type) => write!(f, "Content-Type `{content_type}`")?,
            None => f.write_str("no Content-Type")?,
        }
        write!(f, ") does not match the documented type: {}", self.message)
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

impl<E> From<PaginationError> for Error<E> {
    fn from(error: PaginationError) -> Self {
        Error::Pagination(error)
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
            Error::Decode(error) => Some(error.status),
            Error::Redirect { status, .. } | Error::TooLarge { status, .. } => Some(*status),
            Error::Transport(_) | Error::InvalidRequest(_) | Error::Pagination(_) => None,
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
                match error.message() {
                    Some(message) => write!(f, ": {message}"),
                    None => Ok(()),
                }
            }
            Error::Redirect { status, location } => write!(
                f,
                "the server answered {status}, a redirect to another origin ({location}), which is not \
                 followed so that credentials stay with the configured server"
            ),
            Error::TooLarge { status, limit } => write!(
                f,
                "the {status} response body is larger than the client's limit of {limit} bytes \
                 (Config::max_response_bytes)"
            ),
            Error::Decode(error) => write!(f, "{error}"),
            Error::Pagination(error) => write!(f, "{error}"),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::InvalidRequest(error) => Some(error),
            Error::Transport(error) => Some(error),
            Error::Pagination(error) => Some(error),
            Error::Api(_) | Error::Redirect { .. } | Error::TooLarge { .. } | Error::Decode(_) => {
                None
            }
        }
    }
}

pub(crate) fn content_type(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
}

/// The message of an error body: the members that APIs commonly put it in (RFC 9457's `detail` and `title`,
/// OAuth's `error_description`, `{"error": {"message": …}}`, `{"errors": [{"message": …}]}`), searched two levels
/// deep.
fn message_in(value: &serde_json::Value, depth: usize) -> Option<String> {
    const KEYS: &[&str] = &[
        "message",
        "detail",
        "title",
        "error_description",
        "error",
        "msg",
        "description",
        "errors",
    ];
    match value {
        serde_json::Value::String(text) if depth > 0 => first_line(text),
        serde_json::Value::Object(members) if depth <= 2 => KEYS
            .iter()
            .filter_map(|key| members.get(*key))
            .find_map(|member| message_in(member, depth + 1)),
        serde_json::Value::Array(items) if depth <= 2 => {
            items.first().and_then(|item| message_in(item, depth + 1))
        }
        _ => None,
    }
}

/// The first line of `text` that is not blank, trimmed.
fn first_line(text: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .map(str::to_owned)
}

/// `text` cut to `limit` characters, with an ellipsis when it was cut.
fn shortened(text: &str, limit: usize) -> String {
    match text.char_indices().nth(limit) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// A body in `Debug`: its text (invalid UTF-8 replaced), cut short, and its length.
struct BodyText<'a> {
    bytes: &'a [u8],
    truncated: bool,
}

impl fmt::Debug for BodyText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = String::from_utf8_lossy(self.bytes);
        let shown = shortened(&text, DEBUG_BODY_CHARS);
        write!(f, "{shown:?} ({} bytes", self.bytes.len())?;
        if self.truncated {
            f.write_str(" kept of a longer body")?;
        }
        f.write_str(")")
    }
}

/// Response headers in `Debug`, with the values of those that carry credentials or sessions left out.
struct RedactedHeaders<'a>(&'a HeaderMap);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SECRET: &[&str] = &[
            "set-cookie",
            "cookie",
            "authorization",
            "proxy-authorization",
        ];
        let mut map = f.debug_map();
        for (name, value) in self.0 {
            if value.is_sensitive() || SECRET.contains(&name.as_str()) {
                map.entry(&name.as_str(), &"<redacted>");
            } else {
                map.entry(&name.as_str(), &String::from_utf8_lossy(value.as_bytes()));
            }
        }
        map.finish()
    }
}
