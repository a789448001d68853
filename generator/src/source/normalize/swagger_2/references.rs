//! Every local `$ref` pointed at where its target now is: `#/definitions/…` at `#/components/schemas/…`,
//! `#/parameters/…` at `#/components/parameters/…` (or `requestBodies`, for a `body` parameter), `#/responses/…`
//! at `#/components/responses/…`. A bare name that is a definition's (`$ref: Pet`, which Swagger 1.2 wrote and
//! Swagger tools still read) is that definition. References into other documents are left as written.

use serde_json::Value;

use crate::diagnostics::{pointer_join, reference_pointer, unescape_pointer_token};

/// The reference prefixes of the 3.0 document, with the Swagger prefix each was written as.
pub(super) const RENAMED: &[(&str, &str)] = &[
    ("#/components/schemas/", "#/definitions/"),
    ("#/components/parameters/", "#/parameters/"),
    ("#/components/requestBodies/", "#/parameters/"),
    ("#/components/responses/", "#/responses/"),
];

/// Rewrites every `$ref` string of the document; `body_parameters` names the top-level `body` parameters and
/// `definitions` the top-level definitions.
pub(super) fn rewrite(document: &mut Value, body_parameters: &[String], definitions: &[String]) {
    // A stack, not recursion: a document can nest as deep as it likes.
    let mut pending = vec![document];
    while let Some(value) = pending.pop() {
        match value {
            Value::Object(object) => {
                for (key, member) in object.iter_mut() {
                    if key == "$ref" {
                        if let Value::String(reference) = member {
                            if let Some(moved) = moved_reference(reference, body_parameters) {
                                *reference = moved;
                            } else if definitions.contains(reference) {
                                *reference = pointer_join("#/components/schemas", &[reference]);
                            }
                        }
                    } else {
                        pending.push(member);
                    }
                }
            }
            Value::Array(items) => pending.extend(items.iter_mut()),
            _ => {}
        }
    }
}

/// Where a local reference into a Swagger collection points in the 3.0 document; `None` for any other reference.
fn moved_reference(reference: &str, body_parameters: &[String]) -> Option<String> {
    let fragment = reference.strip_prefix('#')?;
    let (collection, rest) = fragment.strip_prefix('/')?.split_once('/')?;
    let component = match collection {
        "definitions" => "schemas",
        "responses" => "responses",
        "parameters" => {
            let token = rest.split('/').next().unwrap_or(rest);
            let encoded = format!("#/{token}");
            let name = reference_pointer(&encoded)
                .map(|decoded| unescape_pointer_token(&decoded[1..]))
                .unwrap_or_default();
            if body_parameters.contains(&name) {
                "requestBodies"
            } else {
                "parameters"
            }
        }
        _ => return None,
    };
    Some(format!("#/components/{component}/{rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_references_follow_their_targets() {
        let bodies = ["Pet Body".to_owned()];
        let moved = |reference: &str| moved_reference(reference, &bodies);
        assert_eq!(
            moved("#/definitions/Pet").as_deref(),
            Some("#/components/schemas/Pet")
        );
        assert_eq!(
            moved("#/definitions/Pet/properties/id").as_deref(),
            Some("#/components/schemas/Pet/properties/id")
        );
        assert_eq!(
            moved("#/parameters/limit").as_deref(),
            Some("#/components/parameters/limit")
        );
        assert_eq!(
            moved("#/parameters/Pet%20Body").as_deref(),
            Some("#/components/requestBodies/Pet%20Body")
        );
        assert_eq!(
            moved("#/responses/NotFound").as_deref(),
            Some("#/components/responses/NotFound")
        );
        assert_eq!(moved("other.yaml#/definitions/Pet"), None);
        assert_eq!(moved("#/components/schemas/Pet"), None);
    }
}
