//! What one run of `generate` did with a document, read from how the child ended and what it wrote to stderr:
//! generated, refused for its OpenAPI version, refused as an invalid document, crashed, or timed out.

use std::process::ExitStatus;

/// How a child process ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    Code(i32),
    /// Killed by this signal (a stack overflow aborts with SIGABRT; SIGSEGV, or SIGKILL from the OOM killer).
    Signal(i32),
    /// Still running at the time limit, and killed.
    TimedOut,
}

impl Exit {
    pub fn from_status(status: ExitStatus) -> Exit {
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            if let Some(signal) = status.signal() {
                return Exit::Signal(signal);
            }
        }
        Exit::Code(status.code().unwrap_or(-1))
    }
}

/// The classes a document falls in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Generated,
    /// Refused for its version, as the generator means to: `version` is `OpenAPI 3.1`, `Swagger 2.0`, …
    RefusedVersion {
        version: String,
        message: String,
    },
    /// Refused with another error: the document is invalid, or has what the generator cannot read.
    RefusedInvalid(String),
    /// Killed by a signal, or a panic: a bug whatever the document holds.
    Crashed(String),
    TimedOut,
}

impl Outcome {
    /// A line for the failure lists.
    pub fn describe(&self) -> String {
        match self {
            Outcome::Generated => "generated".to_owned(),
            Outcome::RefusedVersion { message, .. } => {
                format!("refused for its version: {message}")
            }
            Outcome::RefusedInvalid(message) => format!("refused: {message}"),
            Outcome::Crashed(message) => format!("CRASHED: {message}"),
            Outcome::TimedOut => "TIMED OUT".to_owned(),
        }
    }

    /// The message alone, for a list headed by the outcome.
    pub fn message(&self) -> &str {
        match self {
            Outcome::Generated => "",
            Outcome::RefusedVersion { message, .. }
            | Outcome::RefusedInvalid(message)
            | Outcome::Crashed(message) => message,
            Outcome::TimedOut => "killed at the time limit",
        }
    }

    /// Whether the document counts as passed: generated, or refused for a version the generator does not read.
    pub fn passed(&self) -> bool {
        matches!(self, Outcome::Generated | Outcome::RefusedVersion { .. })
    }
}

/// Classifies one run of `generate` by how it ended and its stderr.
pub fn classify(exit: Exit, stderr: &str) -> Outcome {
    match exit {
        Exit::Code(0) => Outcome::Generated,
        Exit::TimedOut => Outcome::TimedOut,
        Exit::Signal(signal) => {
            let hint = stderr
                .lines()
                .map(str::trim)
                .find(|line| {
                    line.starts_with("thread '") || line.starts_with("fatal runtime error")
                })
                .map(without_thread_id);
            match hint {
                Some(hint) => Outcome::Crashed(format!("{}: {hint}", signal_name(signal))),
                None => Outcome::Crashed(format!("killed by {}", signal_name(signal))),
            }
        }
        Exit::Code(code) => {
            let lines: Vec<&str> = stderr.lines().map(str::trim).collect();
            if let Some(at) = lines.iter().position(|line| line.contains("panicked at ")) {
                let location = lines[at]
                    .split_once("panicked at ")
                    .map_or("", |(_, rest)| rest);
                let message = lines.get(at + 1).copied().unwrap_or_default();
                return Outcome::Crashed(format!(
                    "panic at {}: {message}",
                    location.trim_end_matches(':')
                ));
            }
            let mut errors: Vec<&str> = lines
                .iter()
                .copied()
                .filter(|line| line.starts_with("error"))
                .collect();
            // Several errors come as a header (`error: a.json has 3 error(s):`) and one `error at …` line each.
            if errors.len() > 1 && errors[0].ends_with("error(s):") {
                errors.remove(0);
            }
            let Some(first) = errors.first() else {
                let last = lines.iter().rev().find(|line| !line.is_empty());
                return Outcome::RefusedInvalid(format!(
                    "exit code {code}{}",
                    last.map(|line| format!(": {line}")).unwrap_or_default()
                ));
            };
            let mut message = (*first).to_owned();
            if errors.len() > 1 {
                message.push_str(&format!(" (and {} more errors)", errors.len() - 1));
            }
            match refused_version(first) {
                Some(version) => Outcome::RefusedVersion { version, message },
                None => Outcome::RefusedInvalid(message),
            }
        }
    }
}

/// The version named by the generator's `UnsupportedVersion` message (`source/version.rs`), as `OpenAPI 3.1` or
/// `Swagger 2.0`; `None` for every other error, a missing `openapi` field included (that document is invalid).
fn refused_version(line: &str) -> Option<String> {
    let after = |marker: &str| {
        line.split_once(marker).map(|(_, rest)| {
            rest.split([' ', ';', '`'])
                .next()
                .unwrap_or_default()
                .to_owned()
        })
    };
    let major_minor = |version: String| version.split('.').take(2).collect::<Vec<_>>().join(".");
    if let Some(version) = after("this is an OpenAPI ") {
        return Some(format!("OpenAPI {}", major_minor(version)));
    }
    if let Some(version) = after("this is a Swagger ") {
        return Some(format!("Swagger {}", major_minor(version)));
    }
    if line.contains("is not a version this generator reads") {
        return Some(
            after("`openapi: ").map_or_else(|| "other".to_owned(), |v| format!("openapi {v}")),
        );
    }
    None
}

/// `thread 'main' (1234) has overflowed its stack` without the thread id, which changes from run to run.
fn without_thread_id(line: &str) -> String {
    if let Some((head, rest)) = line.split_once("' (") {
        if let Some((id, tail)) = rest.split_once(')') {
            if !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()) {
                return format!("{head}'{tail}");
            }
        }
    }
    line.to_owned()
}

fn signal_name(signal: i32) -> String {
    match signal {
        4 => "SIGILL".to_owned(),
        6 => "SIGABRT".to_owned(),
        7 => "SIGBUS".to_owned(),
        9 => "SIGKILL".to_owned(),
        11 => "SIGSEGV".to_owned(),
        15 => "SIGTERM".to_owned(),
        other => format!("signal {other}"),
    }
}

/// The warnings that say a schema became a `serde_json::Value` because the generator does not model it.
pub fn count_fallbacks(stderr: &str) -> usize {
    stderr
        .lines()
        .filter(|line| line.trim_start().starts_with("warning"))
        .filter(|line| line.contains("typed as a JSON value") || line.contains("not modelled"))
        .count()
}

/// The first `count` error lines of cargo's short-format output (or its last lines when none says `error`),
/// and how many error lines there were.
pub fn compile_errors(output: &str, count: usize) -> String {
    let errors: Vec<&str> = output
        .lines()
        .map(str::trim)
        .filter(|line| line.contains("error:") || line.contains("error["))
        .collect();
    if errors.is_empty() {
        let lines: Vec<&str> = output
            .lines()
            .filter(|line| !line.trim().is_empty())
            .collect();
        let tail = &lines[lines.len().saturating_sub(count)..];
        return if tail.is_empty() {
            "failed without a message".to_owned()
        } else {
            tail.join("\n    ")
        };
    }
    let mut text = errors
        .iter()
        .take(count)
        .copied()
        .collect::<Vec<_>>()
        .join("\n    ");
    if errors.len() > count {
        text.push_str(&format!(
            "\n    … {} more error lines",
            errors.len() - count
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clean_exit_is_generated_and_a_kill_at_the_limit_is_a_timeout() {
        assert_eq!(
            classify(
                Exit::Code(0),
                "wrote crate `x` to out (3 types, 1 operations)\n"
            ),
            Outcome::Generated
        );
        assert_eq!(classify(Exit::TimedOut, ""), Outcome::TimedOut);
    }

    #[test]
    fn a_stack_overflow_is_a_crash_named_by_its_signal() {
        let stderr = "\nthread 'main' (17996) has overflowed its stack\nfatal runtime error: stack overflow, aborting\n";
        assert_eq!(
            classify(Exit::Signal(6), stderr),
            Outcome::Crashed("SIGABRT: thread 'main' has overflowed its stack".to_owned())
        );
        assert_eq!(
            classify(Exit::Signal(11), ""),
            Outcome::Crashed("killed by SIGSEGV".to_owned())
        );
        assert_eq!(
            classify(Exit::Signal(64), ""),
            Outcome::Crashed("killed by signal 64".to_owned())
        );
    }

    #[test]
    fn a_panic_is_a_crash_with_its_location_and_message() {
        let stderr = "thread 'main' (42) panicked at generator/src/lower/refs.rs:10:5:\nindex out of bounds\nnote: run \
                      with `RUST_BACKTRACE=1`\n";
        assert_eq!(
            classify(Exit::Code(101), stderr),
            Outcome::Crashed(
                "panic at generator/src/lower/refs.rs:10:5: index out of bounds".to_owned()
            )
        );
    }

    #[test]
    fn version_refusals_are_told_from_invalid_documents() {
        let v31 = "error: a.com.json: this is an OpenAPI 3.1.0 document; only OpenAPI 3.0.x is supported. OpenAPI \
                   3.1 changes `type`";
        assert!(matches!(
            classify(Exit::Code(1), v31),
            Outcome::RefusedVersion { version, message } if version == "OpenAPI 3.1" && message == v31
        ));
        let swagger =
            "error: k.json: this is a Swagger 2.0 document; only OpenAPI 3.0.x is supported.";
        assert!(matches!(
            classify(Exit::Code(1), swagger),
            Outcome::RefusedVersion { version, .. } if version == "Swagger 2.0"
        ));
        let other =
            "error: x.json: `openapi: 4.0.0` is not a version this generator reads (3.0.x).";
        assert!(matches!(
            classify(Exit::Code(1), other),
            Outcome::RefusedVersion { version, .. } if version == "openapi 4.0.0"
        ));
        let missing = "error: x.json: there is no `openapi` field at the top level; is this an OpenAPI 3.0 document?";
        assert_eq!(
            classify(Exit::Code(1), missing),
            Outcome::RefusedInvalid(missing.to_owned())
        );
    }

    #[test]
    fn an_invalid_document_keeps_its_first_error_and_counts_the_rest() {
        let stderr = "warning at a.json:3:4 (#/x): this schema combination (allOf/anyOf/not) is not modelled yet\n\
                      error: a.json has 2 error(s):\n  error at a.json:9:1 (#/paths/~1a): `$ref` #/components/schemas/A%20B does not resolve\n\
                      error at a.json:12:1 (#/paths/~1b): another\n";
        assert_eq!(
            classify(Exit::Code(1), stderr),
            Outcome::RefusedInvalid(
                "error at a.json:9:1 (#/paths/~1a): `$ref` #/components/schemas/A%20B does not resolve (and 1 more \
                 errors)"
                    .to_owned()
            )
        );
        assert_eq!(
            classify(Exit::Code(3), "something odd\n\n"),
            Outcome::RefusedInvalid("exit code 3: something odd".to_owned())
        );
        assert!(!classify(Exit::Code(1), "error: x").passed());
        assert!(classify(
            Exit::Code(1),
            "error: x.json: this is a Swagger 2.0 document"
        )
        .passed());
    }

    #[test]
    fn fallbacks_are_the_warnings_about_json_values() {
        let stderr = "warning at a.json:1:1 (#/a): this allOf combines members that are not all objects; it is typed \
                      as a JSON value\n\
                      warning at a.json:2:1 (#/b): this schema combination (allOf/anyOf/not) is not modelled yet; it \
                      is typed as a JSON value\n\
                      warning at a.json:3:1 (#/c): an unrelated warning\n\
                      error at a.json:4:1 (#/d): typed as a JSON value, but an error\n";
        assert_eq!(count_fallbacks(stderr), 2);
        assert_eq!(count_fallbacks(""), 0);
    }

    #[test]
    fn compile_errors_keep_the_first_lines() {
        let output = "src/a.rs:1:1: error[E0412]: cannot find type `X`\nsrc/b.rs:2:2: error[E0412]: cannot find type \
                      `Y`\nerror: could not compile `x` (lib) due to 2 previous errors\n";
        assert_eq!(
            compile_errors(output, 1),
            "src/a.rs:1:1: error[E0412]: cannot find type `X`\n    … 2 more error lines"
        );
        assert_eq!(compile_errors("", 3), "failed without a message");
        assert_eq!(compile_errors("a\nb\nc\n", 2), "b\n    c");
    }
}
