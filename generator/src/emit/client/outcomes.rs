//! The doc of `send`: which answer becomes which `Ok` value and which error, status by status, so a caller reads
//! what to match on where they call it instead of in the per-status enums' decoders.

use crate::emit::{type_text, Scope};
use crate::ir::{Api, Operation, Response, StatusEnum, StatusMatch, StreamFraming};

/// The paragraphs of `send`'s doc: the successes, the documented errors, then what every call may fail with.
pub(super) fn send_doc(api: &Api, operation: &Operation) -> Vec<String> {
    let mut paragraphs = vec!["Sends the request and decodes the response.".to_owned()];
    paragraphs.push(successes(api, operation));
    paragraphs.push(errors(api, operation));
    paragraphs.push(
        "Other failures are the other variants of [`runtime::Error`]: the request could not be sent or its \
         deadline passed, or a 2xx answer could not be read as documented."
            .to_owned(),
    );
    paragraphs
}

/// What a 2xx answer returns: one line per documented status when the bodies differ by status.
fn successes(api: &Api, operation: &Operation) -> String {
    let Some(by_status) = &operation.success_by_status else {
        return format!(
            "A 2xx answer returns {}.",
            plain_success(api, &operation.success)
        );
    };
    let mut lines = vec!["A 2xx answer returns, by status:".to_owned()];
    for variant in &by_status.variants {
        let value = match payload(api, &variant.body) {
            Some(payload) => format!(
                "`Ok({}::{}(..))`, {payload}",
                by_status.rust_name, variant.rust_name
            ),
            None => format!("`Ok({}::{})`", by_status.rust_name, variant.rust_name),
        };
        lines.push(format!("- {}: {value}", status_text(variant.status)));
    }
    if !covers_every_status(by_status, Some(2)) {
        lines.push(
            "- another 2xx status: [`runtime::Error::Decode`], since the document does not say what it holds"
                .to_owned(),
        );
    }
    lines.join("\n")
}

/// What the documented errors become: `Error::Api` with the body decoded by status or as the one error type.
fn errors(api: &Api, operation: &Operation) -> String {
    if let Some(by_status) = &operation.error_by_status {
        let mut lines = vec![
            "A status outside 2xx fails with [`runtime::Error::Api`], whose `body` is, by status (or `None` when \
             the body is not of the documented type; `raw_body` always holds it):"
                .to_owned(),
        ];
        for variant in &by_status.variants {
            let value = match payload(api, &variant.body) {
                Some(payload) => format!(
                    "`Some({}::{}(..))`, {payload}",
                    by_status.rust_name, variant.rust_name
                ),
                None => format!("`Some({}::{})`", by_status.rust_name, variant.rust_name),
            };
            lines.push(format!("- {}: {value}", status_text(variant.status)));
        }
        if !covers_every_status(by_status, None) {
            lines.push("- another status: `None`".to_owned());
        }
        return lines.join("\n");
    }
    match &operation.error_body {
        Some(ty) => format!(
            "A status outside 2xx fails with [`runtime::Error::Api`], whose `body` is the answer decoded as `{}` \
             (`None` when it is not of that type; `raw_body` always holds it).",
            type_text(api, ty, Scope::Client)
        ),
        None => "A status outside 2xx fails with [`runtime::Error::Api`], whose `body` is the answer as a JSON \
                 value when it is JSON; `raw_body` always holds it."
            .to_owned(),
    }
}

/// The success of an operation whose 2xx answers all carry the same body.
fn plain_success(api: &Api, response: &Response) -> String {
    match response {
        Response::Json(ty) => format!(
            "its body decoded as `{}`",
            type_text(api, ty, Scope::Client)
        ),
        Response::Text => "its body as text".to_owned(),
        Response::Bytes => "its body as bytes (`send_stream` reads it as it arrives)".to_owned(),
        Response::Empty => "`()`; its body, if any, is ignored".to_owned(),
        Response::Stream { item, framing } => format!(
            "a stream of `{}`, one per {}, read as the server sends them",
            type_text(api, item, Scope::Client),
            match framing {
                StreamFraming::ServerSentEvents => "server-sent event",
                StreamFraming::JsonLines => "line",
                StreamFraming::JsonSeq => "JSON text",
            }
        ),
    }
}

/// What a per-status variant holds, as the end of its line; `None` for a variant without a body.
fn payload(api: &Api, body: &Response) -> Option<String> {
    match body {
        Response::Json(ty) => Some(format!(
            "the body as `{}`",
            type_text(api, ty, Scope::Client)
        )),
        Response::Text => Some("the body as text".to_owned()),
        Response::Bytes | Response::Stream { .. } => Some("the body as bytes".to_owned()),
        Response::Empty => None,
    }
}

fn status_text(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => format!("`{code}`"),
        StatusMatch::Range(digit) => format!("any other `{digit}XX`"),
        StatusMatch::Default => "any other status".to_owned(),
    }
}

/// Whether a `default` variant, or a variant of the range `class` (`2XX` for successes), takes every status the
/// enum is asked about.
fn covers_every_status(by_status: &StatusEnum, class: Option<u8>) -> bool {
    by_status
        .variants
        .iter()
        .any(|variant| match variant.status {
            StatusMatch::Default => true,
            StatusMatch::Range(digit) => Some(digit) == class,
            StatusMatch::Code(_) => false,
        })
}
