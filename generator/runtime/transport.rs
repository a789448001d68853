//! Transport errors: what went wrong between the client and the server (no connection, DNS, TLS, a timeout, a
//! connection reset or closed early, a body that could not be read), told apart from `reqwest`'s errors so that
//! messages say which and retries can choose.

use std::error::Error as StdError;
use std::fmt;
use std::io;
use std::time::Duration;

/// Which part of the exchange with the server failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportKind {
    /// The server's address refused the connection (nothing listens there).
    ConnectionRefused,
    /// The host name could not be resolved.
    Dns,
    /// The TLS handshake failed (an untrusted or invalid certificate, or a server that does not speak TLS).
    Tls,
    /// Connecting failed for another reason (the network is unreachable, for example).
    Connect,
    /// A time limit passed: the call's deadline ([`Config::timeout`](super::Config::timeout)), one attempt's
    /// ([`Config::attempt_timeout`](super::Config::attempt_timeout)) or the connect timeout.
    Timeout,
    /// The connection was reset or closed before the response arrived.
    ConnectionClosed,
    /// The response began, but its body could not be read to the end.
    Body,
    /// Redirects could not be followed (too many of them).
    Redirect,
    /// The credentials could not be obtained: the configured token provider failed (nothing was sent).
    Credentials,
    /// Anything else.
    Other,
}

impl fmt::Display for TransportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportKind::ConnectionRefused => "connection refused",
            TransportKind::Dns => "DNS lookup failed",
            TransportKind::Tls => "TLS handshake failed",
            TransportKind::Connect => "could not connect",
            TransportKind::Timeout => "timed out",
            TransportKind::ConnectionClosed => "connection reset or closed before the response",
            TransportKind::Body => "reading the response body failed",
            TransportKind::Redirect => "redirect failed",
            TransportKind::Credentials => "no credentials",
            TransportKind::Other => "transport error",
        })
    }
}

/// A request that could not be sent or a response that could not be read. [`kind`](Self::kind) says which part
/// failed; the underlying `reqwest` error, when there is one, is the [`source`](StdError::source).
pub struct TransportError {
    kind: TransportKind,
    detail: String,
    source: Option<reqwest::Error>,
}

impl TransportError {
    /// Which part of the exchange failed.
    pub fn kind(&self) -> TransportKind {
        self.kind
    }

    /// Whether a time limit passed.
    pub fn is_timeout(&self) -> bool {
        self.kind == TransportKind::Timeout
    }

    /// An error of `reqwest`'s, classified; the URL is dropped from it, since its query may hold an API key.
    pub(crate) fn from_reqwest(error: reqwest::Error) -> Self {
        let error = error.without_url();
        Self {
            kind: classify(&error),
            detail: innermost_message(&error),
            source: Some(error),
        }
    }

    /// The call's deadline passed.
    pub(crate) fn deadline(limit: Duration) -> Self {
        Self {
            kind: TransportKind::Timeout,
            detail: format!("the call's deadline of {limit:?} passed"),
            source: None,
        }
    }

    /// The token provider failed, or gave a token that cannot be sent; its message is kept (it names no secret).
    pub(crate) fn credentials(detail: String) -> Self {
        Self {
            kind: TransportKind::Credentials,
            detail,
            source: None,
        }
    }

    /// One attempt went without a response for longer than its limit.
    pub(crate) fn attempt_timeout(limit: Duration) -> Self {
        Self {
            kind: TransportKind::Timeout,
            detail: format!("no response within the attempt limit of {limit:?}"),
            source: None,
        }
    }

    /// Whether an idempotent request may be sent again after this error: it failed before any of the response
    /// arrived (refused, unreachable, unresolved, timed out, or the connection reset or closed before the
    /// status line), for a reason that may pass; not a TLS failure, which another attempt would meet again.
    pub(crate) fn is_retryable(&self) -> bool {
        matches!(
            self.kind,
            TransportKind::ConnectionRefused
                | TransportKind::Dns
                | TransportKind::Connect
                | TransportKind::Timeout
                | TransportKind::ConnectionClosed
        )
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.detail)
    }
}

impl fmt::Debug for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportError")
            .field("kind", &self.kind)
            .field("detail", &self.detail)
            .finish()
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_ref()
            .map(|error| error as &(dyn StdError + 'static))
    }
}

/// The errors below `error`, `error` first.
fn chain<'a>(
    error: &'a (dyn StdError + 'static),
) -> impl Iterator<Item = &'a (dyn StdError + 'static)> {
    std::iter::successors(Some(error), |&error| error.source())
}

/// Which kind a `reqwest` error is. `reqwest` says whether it was a timeout, a redirect, the body or the connect
/// phase; the rest is read from the errors below it: the I/O error's kind where there is one, else the words of
/// `hyper` and its connector (which have no other public way to say "DNS" or "closed early").
fn classify(error: &reqwest::Error) -> TransportKind {
    if error.is_timeout() {
        return TransportKind::Timeout;
    }
    if error.is_redirect() {
        return TransportKind::Redirect;
    }
    if error.is_body() || error.is_decode() {
        return TransportKind::Body;
    }
    let io_kinds = io_kinds(error);
    let has = |kind: io::ErrorKind| io_kinds.contains(&kind);
    let words = chain(error)
        .map(|e| e.to_string().to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(": ");
    if error.is_connect() {
        return if has(io::ErrorKind::ConnectionRefused) {
            TransportKind::ConnectionRefused
        } else if words.contains("dns error") || words.contains("lookup address") {
            TransportKind::Dns
        } else if has(io::ErrorKind::InvalidData)
            || ["tls", "ssl", "certificate", "handshake"]
                .iter()
                .any(|word| words.contains(word))
        {
            // rustls reports through an `InvalidData` I/O error; native TLS (OpenSSL) in its own words.
            TransportKind::Tls
        } else {
            TransportKind::Connect
        };
    }
    let closed = [
        io::ErrorKind::ConnectionReset,
        io::ErrorKind::ConnectionAborted,
        io::ErrorKind::BrokenPipe,
        io::ErrorKind::UnexpectedEof,
    ]
    .into_iter()
    .any(has);
    if closed || words.contains("connection closed") || words.contains("incomplete message") {
        TransportKind::ConnectionClosed
    } else {
        TransportKind::Other
    }
}

/// The kinds of the I/O errors below `error`, including those an I/O error wraps (its `source` skips the error
/// it wraps: rustls's `InvalidData` error sits inside another I/O error).
fn io_kinds(error: &reqwest::Error) -> Vec<io::ErrorKind> {
    let mut kinds = Vec::new();
    for error in chain(error) {
        let mut io_error = error.downcast_ref::<io::Error>();
        while let Some(current) = io_error {
            kinds.push(current.kind());
            io_error = current
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<io::Error>());
        }
    }
    kinds
}

/// The message of the innermost error, which is the most specific (`Connection refused (os error 111)` rather
/// than `error sending request`).
fn innermost_message(error: &reqwest::Error) -> String {
    chain(error)
        .last()
        .map(|innermost| innermost.to_string())
        .unwrap_or_default()
}
