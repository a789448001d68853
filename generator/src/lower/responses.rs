//! Responses: the success body (or one variant per status when the statuses differ) and the error body (likewise
//! by status when error shapes differ).

use std::collections::BTreeSet;

use openapiv3::StatusCode;

use super::Lowerer;
use crate::diagnostics::pointer_join;
use crate::ir::{
    BodyEncoding, Primitive, Response, StatusEnum, StatusMatch, StatusVariant, TypeRef,
};
use crate::naming::status_variant_name;

impl<'a> Lowerer<'a> {
    /// Lowers the responses of an operation: the success body (or, when success statuses differ in their
    /// bodies, one variant per status) and the error body (likewise by status when error shapes differ).
    pub(super) fn lower_responses(
        &mut self,
        responses: &openapiv3::Responses,
        stem: &str,
        pointer: &str,
    ) -> LoweredResponses {
        let mut successes: Vec<StatusVariant> = Vec::new();
        let mut errors: Vec<StatusVariant> = Vec::new();
        let candidates = responses
            .responses
            .iter()
            .map(|(status, response)| (status_match(status), response))
            .chain(
                responses
                    .default
                    .iter()
                    .map(|response| (StatusMatch::Default, response)),
            );
        for (status, response) in candidates {
            let label = match status {
                StatusMatch::Code(code) => code.to_string(),
                StatusMatch::Range(digit) => format!("{digit}XX"),
                StatusMatch::Default => "default".to_owned(),
            };
            let response_pointer = pointer_join(pointer, &[&label]);
            let Some(response) = self.resolve(response, "responses", &response_pointer) else {
                continue;
            };
            let variant_name = status_variant_name(status);
            let is_success = match status {
                StatusMatch::Code(code) => (200..300).contains(&code),
                StatusMatch::Range(digit) => digit == 2,
                StatusMatch::Default => false,
            };
            let (list, suffix) = if is_success {
                (&successes, "Response")
            } else {
                (&errors, "Error")
            };
            // The first body of each kind keeps the plain name; later ones are told apart by their status.
            let hint = if list.is_empty() {
                format!("{stem}{suffix}")
            } else {
                format!("{stem}{variant_name}{suffix}")
            };
            let json = response.content.iter().find(|(media, _)| is_json(media));
            // Without a JSON body, a sequential media type that describes its values is a typed stream.
            let streamed = json.is_none().then(|| {
                response.content.iter().find_map(|(media, content)| {
                    let media_pointer = pointer_join(&response_pointer, &["content", media]);
                    self.streamed_response(media, content, &hint, &media_pointer)
                })
            });
            let body = match streamed.flatten() {
                Some(stream) => stream,
                None => match json {
                    Some((media, content)) => match &content.schema {
                        Some(schema) => Response::Json(self.lower_schema(
                            schema,
                            &hint,
                            &pointer_join(&response_pointer, &["content", media, "schema"]),
                        )),
                        None => Response::Json(TypeRef::Primitive(Primitive::Json)),
                    },
                    // Other media types are returned as they come: text as a string, anything else as bytes.
                    None => match response.content.keys().next() {
                        Some(media) if media.to_ascii_lowercase().starts_with("text/") => {
                            Response::Text
                        }
                        Some(_) => Response::Bytes,
                        None => Response::Empty,
                    },
                },
            };
            let variant = StatusVariant {
                rust_name: variant_name,
                status,
                body,
                doc: Some(response.description.clone()).filter(|d| !d.trim().is_empty()),
            };
            if is_success {
                successes.push(variant);
            } else if matches!(variant.body, Response::Json(_)) {
                // Error bodies that are not JSON stay available as the raw body of the error.
                errors.push(variant);
            }
        }

        let success = successes
            .first()
            .map_or(Response::Empty, |variant| variant.body.clone());
        let success_by_status = successes
            .iter()
            .any(|variant| variant.body != success)
            .then(|| StatusEnum {
                rust_name: String::new(),
                variants: successes,
            });
        let error_types: BTreeSet<&TypeRef> = errors
            .iter()
            .filter_map(|variant| match &variant.body {
                Response::Json(ty) => Some(ty),
                _ => None,
            })
            .collect();
        let (error_body, error_by_status) = match error_types.len() {
            0 => (None, None),
            1 => (error_types.into_iter().next().cloned(), None),
            _ => (
                None,
                Some(StatusEnum {
                    rust_name: String::new(),
                    variants: errors,
                }),
            ),
        };
        LoweredResponses {
            success,
            success_by_status,
            error_body,
            error_by_status,
        }
    }
}

/// What `lower_responses` found; see the fields of the same names on `Operation`.
pub(super) struct LoweredResponses {
    pub success: Response,
    pub success_by_status: Option<StatusEnum>,
    pub error_body: Option<TypeRef>,
    pub error_by_status: Option<StatusEnum>,
}

/// A server's URL with each `{variable}` replaced by the variable's default.
fn status_match(status: &StatusCode) -> StatusMatch {
    match status {
        StatusCode::Code(code) => StatusMatch::Code(*code),
        StatusCode::Range(digit) => StatusMatch::Range(*digit as u8),
    }
}

fn is_json(media_type: &str) -> bool {
    BodyEncoding::of(media_type) == BodyEncoding::Json
}
