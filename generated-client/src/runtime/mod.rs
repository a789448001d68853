// This file is copied from `generator/runtime/mod.rs` by `cargo xtask codegen`. Do not edit it here.

//! The hand-written runtime that every generated operation calls: configuration, request building, sending, and
//! error decoding live here once instead of in every method.

mod auth;
mod base64;
mod client;
pub mod decode;
mod error;
pub mod object;
mod open_enum;
mod pagination;
mod request;
mod retry;
mod secret;
mod sequential;
pub mod serde_helpers;
mod transport;

pub use self::base64::Base64;
pub use auth::{
    ApiKeyLocation, SchemeKind, SecurityScheme, TokenError, TokenFuture, TokenProvider,
};
pub use bytes::Bytes;
pub use client::{
    ByteStream, ClientCore, Config, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT,
};
pub use decode::{ErrorDecoder, SuccessDecoder};
pub use error::{ApiError, CallError, DecodeError, Error, InvalidRequest, MAX_ERROR_BODY_BYTES};
pub use futures_util::{Stream, StreamExt, TryStreamExt};
#[allow(unused_imports)]
pub(crate) use object::json_object;
#[allow(unused_imports)]
pub(crate) use open_enum::open_enum;
pub use pagination::{paginate, PaginationError, DEFAULT_MAX_PAGES};
pub use request::{path_parameter, QueryStyle, Request};
pub use reqwest::{header::HeaderMap, Method, StatusCode};
pub use retry::RetryPolicy;
pub use secret::Secret;
pub use sequential::{
    Event, EventParser, EventStream, Framing, ItemStream, RawEvent, ValueSplitter,
};
pub use transport::{TransportError, TransportKind};
