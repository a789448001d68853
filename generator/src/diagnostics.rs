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
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{label} at {}: {}", self.pointer, self.message)
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

    #[error("{source_name} does not match the OpenAPI 3.0 schema at {pointer}: {message}")]
    Schema {
        source_name: String,
        pointer: String,
        message: String,
    },

    #[error("{source_name} has {} error(s):\n{}", errors.len(), render_list(errors))]
    Invalid {
        source_name: String,
        errors: Vec<Diagnostic>,
    },

    #[error("the generated code for {module} does not parse as Rust ({message}); this is a generator bug")]
    Emit { module: String, message: String },
}

fn render_list(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| format!("  {d}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Escapes one reference token of a JSON pointer (RFC 6901).
pub fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Appends reference tokens to a JSON pointer.
pub fn pointer_join(base: &str, tokens: &[&str]) -> String {
    let mut pointer = base.to_owned();
    for token in tokens {
        pointer.push('/');
        pointer.push_str(&escape_pointer_token(token));
    }
    pointer
}
