//! Every accepted version brought into the OpenAPI 3.0 form that the `openapiv3` model holds and lowering reads.
//! A 3.0 document passes through untouched (it pays nothing); a 3.1 or 3.2 document is rewritten by
//! `openapi_3x.rs` and `json_schema.rs`; a Swagger 2.0 document by `swagger_2/`. What the 3.0 model cannot
//! hold is kept in the value (as `x-` extensions or keys lowering reads from the raw document), never dropped
//! without a warning. `Origin` maps every pointer of the result back to the document the user wrote.

mod json_schema;
mod openapi_3x;
mod origin;
mod sites;
mod swagger_2;

pub(crate) use json_schema::{applies_to, fits, is_type_keyword, null_members_as_nullable};
pub use origin::Origin;

use serde_json::Value;

use super::version::InputVersion;
use crate::diagnostics::Diagnostic;

/// Rewrites `document` of `version` into the 3.0 form; warnings point into the original document.
pub(super) fn normalize(
    document: &mut Value,
    version: InputVersion,
    warnings: &mut Vec<Diagnostic>,
) -> Origin {
    let mut origin = Origin::default();
    match version {
        InputVersion::OpenApi30 => {}
        InputVersion::OpenApi31 | InputVersion::OpenApi32 => {
            openapi_3x::normalize(document, &mut origin, warnings)
        }
        InputVersion::Swagger20 => swagger_2::normalize(document, &mut origin, warnings),
    }
    origin
}
