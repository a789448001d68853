// This file is copied from `generator/runtime/request.rs` by `cargo xtask codegen`. Do not edit it here.

//! Request building: path segments percent-encoded and checked, query parameters in every OpenAPI style,
//! headers checked for line breaks, and bodies in each supported media type.

use std::time::Duration;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, COOKIE};
use reqwest::{Method, Url};
use serde::Serialize;
use serde_json::Value;

use super::error::InvalidRequest;

/// Everything except RFC 3986 unreserved characters is encoded in a path segment, so a parameter can never add a
/// segment (`/`), a query (`?`), a fragment (`#`) or a backslash that some servers read as `/`.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Renders one path parameter as an encoded segment.
///
/// `""`, `.` and `..` are refused: encoding cannot make them safe, because URL parsers and servers resolve
/// `%2e%2e` like `..` and an empty segment changes the route.
pub fn path_parameter<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
) -> Result<String, InvalidRequest> {
    // Path parameters use the `simple` style: array elements are joined with commas.
    let text = scalar_texts(name, value)?.join(",");
    if text.is_empty() || text == "." || text == ".." {
        return Err(InvalidRequest::new(format!(
            "path parameter `{name}` must not be {text:?}"
        )));
    }
    Ok(utf8_percent_encode(&text, PATH_SEGMENT).to_string())
}

/// A request being assembled by a generated operation. It holds no credential: the client adds those when it
/// sends, so a formatted request never shows one.
#[derive(Debug, Clone)]
pub struct Request {
    pub(crate) method: Method,
    pub(crate) url: Url,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Option<Vec<u8>>,
    /// The operation's security requirements: alternatives, each a set of scheme names.
    pub(crate) security: &'static [&'static [&'static str]],
    pub(crate) timeout: Option<Duration>,
    pub(crate) max_attempts: Option<u32>,
}

impl Request {
    pub(crate) fn new(method: Method, url: Url) -> Self {
        Self {
            method,
            url,
            headers: HeaderMap::new(),
            body: None,
            security: &[],
            timeout: None,
            max_attempts: None,
        }
    }

    /// Adds a query parameter in the default `form` style with `explode`: arrays repeat the name
    /// (`sorts=a&sorts=b`) and an absent value (`None`) adds nothing.
    pub fn query<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
    ) -> Result<(), InvalidRequest> {
        let values = scalar_texts(name, value)?;
        if !values.is_empty() {
            let mut pairs = self.url.query_pairs_mut();
            for text in &values {
                pairs.append_pair(name, text);
            }
        }
        Ok(())
    }

    /// Adds a query parameter in a style other than the default: `form` without `explode`, `spaceDelimited`,
    /// `pipeDelimited` or `deepObject`.
    pub fn query_styled<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
        style: QueryStyle,
    ) -> Result<(), InvalidRequest> {
        let json = serde_json::to_value(value).map_err(|error| {
            InvalidRequest::new(format!("parameter `{name}` cannot be encoded: {error}"))
        })?;
        let mut pairs = Vec::new();
        match (style, &json) {
            (_, Value::Null) => {}
            (QueryStyle::DeepObject, _)
            | (QueryStyle::Form { explode: true }, Value::Object(_)) => {
                // An exploded form object sends each property as its own parameter; a deep object brackets them.
                let prefix = if style == QueryStyle::DeepObject {
                    name
                } else {
                    ""
                };
                flatten_form(prefix, &json, &mut pairs);
            }
            (QueryStyle::Form { explode: true }, _) => {
                pairs.extend(
                    scalar_texts(name, value)?
                        .into_iter()
                        .map(|text| (name.to_owned(), text)),
                );
            }
            (_, Value::Object(properties)) => {
                // Non-exploded objects list their properties and values in turn.
                let parts: Vec<String> = properties
                    .iter()
                    .flat_map(|(key, value)| [key.clone(), scalar_text(value)])
                    .collect();
                pairs.push((name.to_owned(), parts.join(",")));
            }
            (style, _) => {
                let separator = match style {
                    QueryStyle::SpaceDelimited => " ",
                    QueryStyle::PipeDelimited => "|",
                    _ => ",",
                };
                pairs.push((name.to_owned(), scalar_texts(name, value)?.join(separator)));
            }
        }
        if !pairs.is_empty() {
            let mut query = self.url.query_pairs_mut();
            for (key, text) in &pairs {
                query.append_pair(key, text);
            }
        }
        Ok(())
    }

    /// Adds a header parameter (`simple` style: arrays are comma-separated). Values with CR or LF are refused.
    pub fn header<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
    ) -> Result<(), InvalidRequest> {
        let values = scalar_texts(name, value)?;
        if values.is_empty() {
            return Ok(());
        }
        let header_name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| InvalidRequest::new(format!("`{name}` is not a valid header name")))?;
        let header_value = HeaderValue::from_str(&values.join(",")).map_err(|_| {
            InvalidRequest::new(format!(
                "header `{name}` has a character not allowed in headers"
            ))
        })?;
        self.headers.insert(header_name, header_value);
        Ok(())
    }

    /// Adds a cookie parameter.
    pub fn cookie<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
    ) -> Result<(), InvalidRequest> {
        let values = scalar_texts(name, value)?;
        if values.is_empty() {
            return Ok(());
        }
        let pair = format!(
            "{name}={}",
            utf8_percent_encode(&values.join(","), PATH_SEGMENT)
        );
        let combined = match self
            .headers
            .get(COOKIE)
            .and_then(|existing| existing.to_str().ok())
        {
            Some(existing) => format!("{existing}; {pair}"),
            None => pair,
        };
        let value = HeaderValue::from_str(&combined).map_err(|_| {
            InvalidRequest::new(format!(
                "cookie `{name}` has a character not allowed in headers"
            ))
        })?;
        self.headers.insert(COOKIE, value);
        Ok(())
    }

    /// Sets a JSON body, sent as `media_type` (`application/json`, or a `+json` type such as
    /// `application/merge-patch+json`).
    pub fn json_body<T: Serialize + ?Sized>(
        &mut self,
        body: &T,
        media_type: &str,
    ) -> Result<(), InvalidRequest> {
        let bytes = serde_json::to_vec(body).map_err(|error| {
            InvalidRequest::new(format!(
                "the request body cannot be encoded as JSON: {error}"
            ))
        })?;
        self.set_body(bytes, media_type);
        Ok(())
    }

    /// Sets an `application/x-www-form-urlencoded` body: nested objects as `key[inner]=value`, arrays of scalars as
    /// repeated keys and arrays of objects as `key[0][inner]=value`.
    pub fn form_body<T: Serialize + ?Sized>(&mut self, body: &T) -> Result<(), InvalidRequest> {
        let json = serde_json::to_value(body).map_err(|error| {
            InvalidRequest::new(format!("the request body cannot be encoded: {error}"))
        })?;
        let mut pairs = Vec::new();
        flatten_form("", &json, &mut pairs);
        let encoded: Vec<String> = pairs
            .iter()
            .map(|(key, value)| format!("{}={}", form_encode(key), form_encode(value)))
            .collect();
        self.set_body(
            encoded.join("&").into_bytes(),
            "application/x-www-form-urlencoded",
        );
        Ok(())
    }

    /// Sets a `multipart/form-data` body with one part per property: text for scalars, JSON text for objects and
    /// arrays of objects, one part per item for arrays of scalars, and file parts (`application/octet-stream`)
    /// for the properties `files` names, each with whether it holds a list of files.
    pub fn multipart_body<T: Serialize + ?Sized>(
        &mut self,
        body: &T,
        files: &[(&str, bool)],
    ) -> Result<(), InvalidRequest> {
        let json = serde_json::to_value(body).map_err(|error| {
            InvalidRequest::new(format!("the request body cannot be encoded: {error}"))
        })?;
        let boundary = format!("----openapi-rust-{:016x}", boundary_seed());
        let mut bytes = Vec::new();
        let mut part = |name: &str, is_file: bool, content: &[u8]| {
            let name = name.replace('"', "%22").replace(['\r', '\n'], " ");
            let headers = if is_file {
                format!("form-data; name=\"{name}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream")
            } else {
                format!("form-data; name=\"{name}\"")
            };
            bytes.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: {headers}\r\n\r\n").as_bytes(),
            );
            bytes.extend_from_slice(content);
            bytes.extend_from_slice(b"\r\n");
        };
        if let Value::Object(properties) = &json {
            for (name, value) in properties {
                if let Some(&(_, is_list)) = files.iter().find(|(file, _)| file == name) {
                    let contents = match value {
                        Value::Null => Vec::new(),
                        Value::Array(list) if is_list => list.iter().collect(),
                        single => vec![single],
                    };
                    for content in contents {
                        part(name, true, &file_bytes(name, content)?);
                    }
                    continue;
                }
                match value {
                    Value::Null => {}
                    Value::Array(items)
                        if items.iter().all(|i| !i.is_object() && !i.is_array()) =>
                    {
                        for item in items {
                            part(name, false, scalar_text(item).as_bytes());
                        }
                    }
                    other => part(name, false, scalar_text(other).as_bytes()),
                }
            }
        }
        bytes.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        self.set_body(bytes, &format!("multipart/form-data; boundary={boundary}"));
        Ok(())
    }

    /// Sets a text body of the given media type.
    pub fn text_body(&mut self, body: &str, media_type: &str) {
        self.set_body(body.as_bytes().to_vec(), media_type);
    }

    /// Sets a body of raw bytes of the given media type.
    pub fn bytes_body(&mut self, body: &[u8], media_type: &str) {
        self.set_body(body.to_vec(), media_type);
    }

    fn set_body(&mut self, bytes: Vec<u8>, media_type: &str) {
        if let Ok(value) = HeaderValue::from_str(media_type) {
            self.headers.insert(reqwest::header::CONTENT_TYPE, value);
        }
        self.body = Some(bytes);
    }

    /// The `Accept` header: the media types the operation decodes. A value that is not valid in a header is
    /// left out.
    pub fn accept(&mut self, media_types: &str) {
        if let Ok(value) = HeaderValue::from_str(media_types) {
            self.headers.insert(reqwest::header::ACCEPT, value);
        }
    }

    /// The security requirements of the operation: the client sends the credentials of the first alternative
    /// it has all credentials for.
    pub fn security(&mut self, requirements: &'static [&'static [&'static str]]) {
        self.security = requirements;
    }

    /// The deadline of this call alone (see [`Config::timeout`](super::Config::timeout)), instead of the
    /// client's; `None` keeps the client's.
    pub fn timeout(&mut self, timeout: Option<Duration>) {
        self.timeout = timeout;
    }

    /// How many attempts this request may take, instead of the client's retry policy.
    pub fn max_attempts(&mut self, attempts: u32) {
        self.max_attempts = Some(attempts);
    }
}

/// How a query parameter is serialized, when not in the default `form` style with `explode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryStyle {
    /// `form`, with or without `explode`.
    Form {
        /// Arrays repeat the name and objects send each property as a parameter.
        explode: bool,
    },
    /// Array values joined with spaces.
    SpaceDelimited,
    /// Array values joined with `|`.
    PipeDelimited,
    /// Object properties as `name[property]=value`.
    DeepObject,
}

/// Flattens a JSON value into form pairs, with bracketed keys for nesting.
fn flatten_form(key: &str, value: &Value, pairs: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Object(properties) => {
            for (name, inner) in properties {
                let nested = if key.is_empty() {
                    name.clone()
                } else {
                    format!("{key}[{name}]")
                };
                flatten_form(&nested, inner, pairs);
            }
        }
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            for item in items.iter().filter(|i| !i.is_null()) {
                pairs.push((key.to_owned(), scalar_text(item)));
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                flatten_form(&format!("{key}[{index}]"), item, pairs);
            }
        }
        scalar => pairs.push((key.to_owned(), scalar_text(scalar))),
    }
}

/// What `application/x-www-form-urlencoded` leaves as it is: letters, digits and `*-._`.
const FORM: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'*')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_');

fn form_encode(text: &str) -> String {
    utf8_percent_encode(text, FORM)
        .to_string()
        .replace("%20", "+")
}

/// A number that differs between requests, for multipart boundaries.
fn boundary_seed() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(0);
    hasher.finish()
}

/// The texts of a parameter value: none for an absent value, one per element for an array.
fn scalar_texts<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
) -> Result<Vec<String>, InvalidRequest> {
    let json = serde_json::to_value(value).map_err(|error| {
        InvalidRequest::new(format!("parameter `{name}` cannot be encoded: {error}"))
    })?;
    Ok(match json {
        Value::Null => Vec::new(),
        Value::Array(items) => items
            .iter()
            .filter(|item| !item.is_null())
            .map(scalar_text)
            .collect(),
        other => vec![scalar_text(&other)],
    })
}

/// A file's bytes back from the array of numbers serde writes for a `Vec<u8>`.
fn file_bytes(name: &str, value: &Value) -> Result<Vec<u8>, InvalidRequest> {
    value
        .as_array()
        .and_then(|items| {
            items
                .iter()
                .map(|item| item.as_u64().and_then(|byte| u8::try_from(byte).ok()))
                .collect()
        })
        .ok_or_else(|| {
            InvalidRequest::new(format!(
                "the multipart part `{name}` should hold a file's bytes"
            ))
        })
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}
