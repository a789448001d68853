//! The top-level collections as components: `definitions` are `schemas`; `parameters` are `parameters`, except a
//! `body` parameter, which is a `requestBodies` entry, and a `formData` one, which 3.0 cannot hold as a component
//! and which is copied into the form of every operation that references it; `responses` are `responses`, with
//! content under the document's `produces`; `securityDefinitions` are `securitySchemes` (`security.rs`).

use serde_json::{Map, Value};

use super::parameters::{self, Placement};
use super::{bodies, responses, security, Conversion};
use crate::diagnostics::pointer_join;

pub(super) fn components(
    source: &mut Map<String, Value>,
    conversion: &mut Conversion,
) -> Map<String, Value> {
    let mut components = Map::new();
    if let Some(definitions) = source.shift_remove("definitions") {
        conversion.record("#/components/schemas", "#/definitions");
        components.insert("schemas".to_owned(), definitions);
    }
    if let Some(Value::Object(all)) = source.shift_remove("parameters") {
        let (kept, bodies) = split_parameters(all, conversion);
        if !kept.is_empty() {
            components.insert("parameters".to_owned(), Value::Object(kept));
        }
        if !bodies.is_empty() {
            components.insert("requestBodies".to_owned(), Value::Object(bodies));
        }
    }
    if let Some(Value::Object(all)) = source.shift_remove("responses") {
        conversion.record("#/components/responses", "#/responses");
        let produces = conversion.produces.clone();
        let converted = all
            .into_iter()
            .map(|(name, response)| {
                let at = Placement {
                    now: &pointer_join("#/components/responses", &[&name]),
                    written: &pointer_join("#/responses", &[&name]),
                };
                (
                    name,
                    responses::response_object(response, &at, &produces, conversion),
                )
            })
            .collect();
        components.insert("responses".to_owned(), Value::Object(converted));
    }
    if let Some(definitions) = source.shift_remove("securityDefinitions") {
        conversion.record("#/components/securitySchemes", "#/securityDefinitions");
        let schemes = security::security_schemes(definitions, conversion);
        components.insert("securitySchemes".to_owned(), schemes);
    }
    components
}

/// The top-level parameters as component parameters and component request bodies.
fn split_parameters(
    all: Map<String, Value>,
    conversion: &mut Conversion,
) -> (Map<String, Value>, Map<String, Value>) {
    let consumes = conversion.consumes.clone();
    let (mut kept, mut bodies) = (Map::new(), Map::new());
    for (name, parameter) in all {
        let written = pointer_join("#/parameters", &[&name]);
        let Value::Object(parameter) = parameter else {
            conversion.record(pointer_join("#/components/parameters", &[&name]), written);
            kept.insert(name, parameter);
            continue;
        };
        match location(&parameter) {
            Some("body") => {
                let now = pointer_join("#/components/requestBodies", &[&name]);
                let at = Placement {
                    now: &now,
                    written: &written,
                };
                let body = bodies::from_body_parameter(parameter, &at, &consumes, conversion);
                bodies.insert(name, body);
            }
            // Copied into each operation that references it (see `operations.rs`).
            Some("formData") => {}
            _ => {
                let now = pointer_join("#/components/parameters", &[&name]);
                let at = Placement {
                    now: &now,
                    written: &written,
                };
                let converted = parameters::parameter(parameter, &at, conversion);
                kept.insert(name, converted);
            }
        }
    }
    (kept, bodies)
}

fn location(parameter: &Map<String, Value>) -> Option<&str> {
    parameter.get("in").and_then(Value::as_str)
}

/// The names of the top-level `body` parameters, whose references become request body references.
pub(super) fn body_parameter_names(parameters: &Map<String, Value>) -> Vec<String> {
    parameters
        .iter()
        .filter(|(_, parameter)| parameter.get("in").and_then(Value::as_str) == Some("body"))
        .map(|(name, _)| name.clone())
        .collect()
}
