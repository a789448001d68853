// This file is copied from `generator/runtime/decode.rs` by `cargo xtask codegen`. Do not edit it here.

//! Decoders for response bodies. A generated operation passes one for its success body and one for its error
//! body; operations whose bodies differ by status pass their own, generated, functions of the same shape.

use serde::de::DeserializeOwned;

use super::StatusCode;

/// Turns a 2xx answer into the operation's output; the error message says what did not match (and where).
pub type SuccessDecoder<T> = fn(StatusCode, bytes::Bytes) -> Result<T, String>;

/// Turns a non-2xx answer into the operation's typed error body, when it has the documented shape.
pub type ErrorDecoder<E> = fn(StatusCode, &[u8]) -> Option<E>;

/// Decodes a JSON body; the error names the JSON path of the member that did not match.
pub fn json<T: DeserializeOwned>(_: StatusCode, body: bytes::Bytes) -> Result<T, String> {
    serde_json::from_slice(&body).map_err(|error| mismatch::<T>(&body, &error))
}

/// What did not match when `body` failed to decode as `T` with `error`: the message, preceded by the JSON path of
/// the member at fault (``at `tokens[0].kind`: …``). The path is found by decoding again with
/// `serde_path_to_error`, only after a failure, so a body that decodes costs nothing more.
pub(crate) fn mismatch<T: DeserializeOwned>(body: &[u8], error: &serde_json::Error) -> String {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Err(traced) if traced.path().iter().next().is_some() => {
            format!("at `{}`: {error}", traced.path())
        }
        _ => error.to_string(),
    }
}

/// Returns a text body, which must be UTF-8.
pub fn text(_: StatusCode, body: bytes::Bytes) -> Result<String, String> {
    String::from_utf8(body.to_vec()).map_err(|error| format!("the text body is not UTF-8: {error}"))
}

/// Returns the body as it came.
pub fn raw(_: StatusCode, body: bytes::Bytes) -> Result<bytes::Bytes, String> {
    Ok(body)
}

/// Ignores the body.
pub fn empty(_: StatusCode, _: bytes::Bytes) -> Result<(), String> {
    Ok(())
}

/// Decodes a JSON error body; `None` when it does not have the documented shape (a gateway may answer in text).
pub fn json_error<E: DeserializeOwned>(_: StatusCode, body: &[u8]) -> Option<E> {
    serde_json::from_slice(body).ok()
}
