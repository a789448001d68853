//! The generator's error type and the diagnostics that lowering collects.

use std::fmt;
use std::path::PathBuf;

/// How bad a finding is: errors stop generation, warnings name a fallback the generator chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One finding about the document, anchored at a JSON pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Where in the document, as a JSON pointer (`#/paths/~1users/get`).
    pub pointer: String,
    pub message: String,
    /// Where the pointer's target (or its nearest existing ancestor) starts in the document's text, when known.
    pub location: Option<Location>,
}

/// A line and a column in the document's text, both counted from 1 (the column in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Diagnostic {
    pub fn error(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, pointer.into(), message.into())
    }

    pub fn warning(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, pointer.into(), message.into())
    }

    fn new(severity: Severity, pointer: String, message: String) -> Self {
        Self {
            severity,
            pointer,
            message,
            location: None,
        }
    }

    /// The diagnostic with the document's name in front of its position: `error at api.yaml:12:7 (#/paths/...): ...`.
    pub fn in_source<'a>(&'a self, source_name: &'a str) -> impl fmt::Display + 'a {
        InSource {
            diagnostic: self,
            source_name,
        }
    }
}

struct InSource<'a> {
    diagnostic: &'a Diagnostic,
    source_name: &'a str,
}

impl fmt::Display for InSource<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.diagnostic.render(f, self.source_name)
    }
}

impl Diagnostic {
    fn render(&self, f: &mut fmt::Formatter<'_>, source_name: &str) -> fmt::Result {
        let label = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match (self.location, source_name.is_empty()) {
            (Some(Location { line, column }), false) => write!(
                f,
                "{label} at {source_name}:{line}:{column} ({}): {}",
                self.pointer, self.message
            ),
            (Some(Location { line, column }), true) => write!(
                f,
                "{label} at line {line}, column {column} ({}): {}",
                self.pointer, self.message
            ),
            (None, _) => write!(f, "{label} at {}: {}", self.pointer, self.message),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.render(f, "")
    }
}

/// Everything that can stop generation.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("{source_name} is not valid {format}: {message}")]
    Syntax {
        source_name: String,
        format: &'static str,
        message: String,
    },

    #[error("{source_name}: {message}")]
    UnsupportedVersion {
        source_name: String,
        message: String,
    },

    #[error(
        "{source_name}{} does not match the OpenAPI 3.0 schema at {pointer}: {message}",
        render_location(location)
    )]
    Schema {
        source_name: String,
        pointer: String,
        message: String,
        location: Option<Location>,
    },

    #[error("{source_name} has {} error(s):\n{}", errors.len(), render_list(source_name, errors))]
    Invalid {
        source_name: String,
        errors: Vec<Diagnostic>,
    },

    #[error("the generated code for {module} does not parse as Rust ({message}); this is a generator bug")]
    Emit { module: String, message: String },
}

fn render_location(location: &Option<Location>) -> String {
    location.map_or_else(String::new, |Location { line, column }| {
        format!(":{line}:{column}")
    })
}

fn render_list(source_name: &str, diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| format!("  {}", d.in_source(source_name)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Escapes one reference token of a JSON pointer (RFC 6901).
pub fn escape_pointer_token(token: &str) -> std::borrow::Cow<'_, str> {
    if token.contains(['~', '/']) {
        let mut escaped = String::with_capacity(token.len() + 2);
        push_escaped_token(&mut escaped, token);
        std::borrow::Cow::Owned(escaped)
    } else {
        std::borrow::Cow::Borrowed(token)
    }
}

/// Appends `token` escaped as a JSON pointer token: `~` as `~0`, `/` as `~1`.
fn push_escaped_token(pointer: &mut String, token: &str) {
    let mut rest = token;
    while let Some(at) = rest.find(['~', '/']) {
        pointer.push_str(&rest[..at]);
        pointer.push_str(if rest.as_bytes()[at] == b'~' {
            "~0"
        } else {
            "~1"
        });
        rest = &rest[at + 1..];
    }
    pointer.push_str(rest);
}

/// A JSON pointer token as the name it stands for: `~1` is `/` and `~0` is `~`.
pub fn unescape_pointer_token(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// The names a JSON pointer (`#/a/b`, `/a/b`, or `#` for the whole document) walks through, unescaped (copied
/// only when they hold an escape).
pub fn pointer_tokens(pointer: &str) -> impl Iterator<Item = std::borrow::Cow<'_, str>> + '_ {
    let path = pointer.trim_start_matches('#');
    let path = path.strip_prefix('/').unwrap_or(path);
    // The whole document has no tokens at all, not one empty one.
    (!path.is_empty())
        .then(|| {
            path.split('/').map(|token| {
                if token.contains('~') {
                    unescape_pointer_token(token).into()
                } else {
                    token.into()
                }
            })
        })
        .into_iter()
        .flatten()
}

/// Appends reference tokens to a JSON pointer.
pub fn pointer_join(base: &str, tokens: &[&str]) -> String {
    // Sized for the tokens as they are (an escape adds a byte): lowering joins pointers by the ten thousand.
    let length = base.len() + tokens.iter().map(|token| token.len() + 1).sum::<usize>();
    let mut pointer = String::with_capacity(length);
    pointer.push_str(base);
    for token in tokens {
        pointer.push('/');
        push_escaped_token(&mut pointer, token);
    }
    pointer
}

/// The JSON pointer a local `$ref` names: the URI fragment after `#`, percent-decoded (RFC 3986) before it is read
/// as a pointer (RFC 6901), as `#/paths/~1keys~1%7Bid%7D` must be. `None` when the reference is not local or its
/// fragment does not decode to UTF-8.
pub(crate) fn reference_pointer(reference: &str) -> Option<std::borrow::Cow<'_, str>> {
    let fragment = reference.strip_prefix('#')?;
    percent_encoding::percent_decode_str(fragment)
        .decode_utf8()
        .ok()
}

/// The component name a `#/components/schemas/<name>` reference names, decoded; `None` for any other reference.
pub(crate) fn component_schema_name(reference: &str) -> Option<String> {
    component_name(reference, "schemas")
}

/// The component name a `#/components/<section>/<name>` reference names, decoded; `None` for any other
/// reference.
pub(crate) fn component_name(reference: &str, section: &str) -> Option<String> {
    let pointer = reference_pointer(reference)?;
    let token = pointer
        .strip_prefix("/components/")?
        .strip_prefix(section)?
        .strip_prefix('/')?;
    (!token.contains('/')).then(|| unescape_pointer_token(token))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_pointers_escape_each_token() {
        let tokens = ["", "a", "~", "/", "a/b~c", "~1", "//~~", "é/ü"];
        for first in tokens {
            for second in tokens {
                let expected = format!(
                    "#/paths/{}/{}",
                    escape_pointer_token(first),
                    escape_pointer_token(second)
                );
                assert_eq!(pointer_join("#/paths", &[first, second]), expected);
                let read_back: Vec<String> = pointer_tokens(&expected)
                    .skip(1)
                    .map(|token| token.into_owned())
                    .collect();
                assert_eq!(read_back, [first, second]);
            }
        }
    }
}
