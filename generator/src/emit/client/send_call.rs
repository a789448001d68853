//! What `send` returns, its error type, and the runtime call that sends the request and decodes the answer:
//! decided once here, then written as tokens (`send.rs`) or as text (`send_text.rs`).

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::{ident, type_text, type_tokens, Scope};
use crate::ir::{Api, Operation, Response, StreamFraming, TypeRef};

/// A type or expression of `send`, in the few forms the decision uses.
pub(super) enum Piece<'a> {
    /// A path written as it is: `runtime::decode::json`, `String`, `request`.
    Path(&'static [&'static str]),
    /// `()`.
    Unit,
    /// A type of the document.
    Type(&'a TypeRef),
    /// An operation's per-status enum, by name.
    StatusEnum(&'a str),
    /// The function of a per-status enum that picks its variant: `ListPetsResponse::decode`.
    StatusDecode(&'a str),
    /// A generic type: `runtime::EventStream<Item, ErrorBody>`.
    Generic(&'static [&'static str], Vec<Piece<'a>>),
}

impl Piece<'_> {
    pub(super) fn tokens(&self, api: &Api) -> TokenStream {
        let path = |segments: &[&str]| {
            let segments = segments.iter().map(|segment| ident(segment));
            quote!(#( #segments )::*)
        };
        match self {
            Piece::Path(segments) => path(segments),
            Piece::Unit => quote!(()),
            Piece::Type(ty) => type_tokens(api, ty, Scope::Client),
            Piece::StatusEnum(name) => {
                let name = ident(name);
                quote!(#name)
            }
            Piece::StatusDecode(name) => {
                let name = ident(name);
                quote!(#name::decode)
            }
            Piece::Generic(segments, arguments) => {
                let path = path(segments);
                let arguments = arguments.iter().map(|argument| argument.tokens(api));
                quote!(#path<#( #arguments ),*>)
            }
        }
    }

    pub(super) fn text(&self, api: &Api) -> String {
        match self {
            Piece::Path(segments) => segments.join("::"),
            Piece::Unit => "()".to_owned(),
            Piece::Type(ty) => type_text(api, ty, Scope::Client),
            Piece::StatusEnum(name) => (*name).to_owned(),
            Piece::StatusDecode(name) => format!("{name}::decode"),
            Piece::Generic(segments, arguments) => {
                let arguments: Vec<String> = arguments
                    .iter()
                    .map(|argument| argument.text(api))
                    .collect();
                format!("{}<{}>", segments.join("::"), arguments.join(", "))
            }
        }
    }
}

/// Whether an operation is a download that can also be read as it arrives (`send_stream`) rather than held whole:
/// bytes, answered the same way whatever the status. `send` and `send_stream` then share `build_request`.
pub(super) fn streams(operation: &Operation) -> bool {
    operation.success == Response::Bytes
        && operation.success_by_status.is_none()
        && operation.error_by_status.is_none()
}

/// The doc of a download's `send_stream`, a line each.
pub(super) const SEND_STREAM_DOC: [&str; 2] = [
    " Sends the request and returns the response body as a stream of chunks as they arrive, for bodies",
    " too large to hold whole; an error answer is decoded as by [`Self::send`].",
];

/// The typed error body of an operation: its per-status error enum, its one error body, or a JSON value.
pub(super) fn error_body(operation: &Operation) -> Piece<'_> {
    if let Some(by_status) = &operation.error_by_status {
        return Piece::StatusEnum(&by_status.rust_name);
    }
    match &operation.error_body {
        Some(ty) => Piece::Type(ty),
        None => Piece::Path(&["serde_json", "Value"]),
    }
}

/// The error of an operation's `send`: the runtime's error with the operation's error body, or without one. It
/// is named by the runtime's alias `CallError`, so that a document's own schema named `Error` never reads
/// `Error<Error>` in a signature.
pub(super) fn error_type(operation: &Operation) -> Piece<'_> {
    if operation.error_by_status.is_none() && operation.error_body.is_none() {
        return Piece::Path(&["runtime", "CallError"]);
    }
    Piece::Generic(&["runtime", "CallError"], vec![error_body(operation)])
}

/// What `send` returns and how: `Ok(ok)` from `self.client.core.method(arguments).await`.
pub(super) struct SendCall<'a> {
    pub ok: Piece<'a>,
    pub method: &'static str,
    pub arguments: Vec<Piece<'a>>,
}

const REQUEST: Piece<'static> = Piece::Path(&["request"]);

/// The success type and runtime call of an operation's `send`. Bodies that depend on the status are decoded by
/// the functions of their per-operation enums; a stream is sent by its own call, which also decodes an error
/// answer (by status when it differs).
pub(super) fn send_call(operation: &Operation) -> SendCall<'_> {
    let error_decoder = || match &operation.error_by_status {
        Some(by_status) => Piece::StatusDecode(&by_status.rust_name),
        None => Piece::Path(&["runtime", "decode", "json_error"]),
    };
    let (ok, success_decoder, method, arguments): (_, &'static [&'static str], _, _) =
        match &operation.success {
            Response::Json(ty) => (
                Piece::Type(ty),
                &["runtime", "decode", "json"],
                "send_json",
                vec![REQUEST],
            ),
            Response::Text => (
                Piece::Path(&["String"]),
                &["runtime", "decode", "text"],
                "send_text",
                vec![REQUEST],
            ),
            Response::Bytes => (
                Piece::Path(&["runtime", "Bytes"]),
                &["runtime", "decode", "raw"],
                "send_bytes",
                vec![REQUEST],
            ),
            Response::Empty => (
                Piece::Unit,
                &["runtime", "decode", "empty"],
                "send_empty",
                vec![REQUEST],
            ),
            Response::Stream { item, framing } => {
                let (stream, method, mut arguments) = match framing {
                    StreamFraming::ServerSentEvents => {
                        (&["runtime", "EventStream"], "send_events", vec![REQUEST])
                    }
                    StreamFraming::JsonLines => (
                        &["runtime", "ItemStream"],
                        "send_values",
                        vec![REQUEST, Piece::Path(&["runtime", "Framing", "JsonLines"])],
                    ),
                    StreamFraming::JsonSeq => (
                        &["runtime", "ItemStream"],
                        "send_values",
                        vec![REQUEST, Piece::Path(&["runtime", "Framing", "JsonSeq"])],
                    ),
                };
                arguments.push(error_decoder());
                let ok = Piece::Generic(stream, vec![Piece::Type(item), error_body(operation)]);
                (ok, &["runtime", "decode", "raw"], method, arguments)
            }
        };
    let streamed = matches!(operation.success, Response::Stream { .. })
        && operation.success_by_status.is_none();
    if streamed || (operation.success_by_status.is_none() && operation.error_by_status.is_none()) {
        return SendCall {
            ok,
            method,
            arguments,
        };
    }
    let (ok, success_decoder) = match &operation.success_by_status {
        Some(by_status) => (
            Piece::StatusEnum(&by_status.rust_name),
            Piece::StatusDecode(&by_status.rust_name),
        ),
        None => (ok, Piece::Path(success_decoder)),
    };
    SendCall {
        ok,
        method: "send",
        arguments: vec![REQUEST, success_decoder, error_decoder()],
    }
}
