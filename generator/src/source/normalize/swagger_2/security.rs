//! `securityDefinitions` as 3.0 `securitySchemes`: `basic` is HTTP basic authentication, `apiKey` is unchanged,
//! and an `oauth2` definition (one flow each in 2.0) is a scheme with that one flow under its 3.0 name
//! (`application` is `clientCredentials`, `accessCode` is `authorizationCode`).

use serde_json::{Map, Value};

use super::Conversion;
use crate::diagnostics::pointer_join;

pub(super) fn security_schemes(definitions: Value, conversion: &mut Conversion) -> Value {
    let Value::Object(definitions) = definitions else {
        return definitions;
    };
    let schemes = definitions
        .into_iter()
        .map(|(name, definition)| {
            let now = pointer_join("#/components/securitySchemes", &[&name]);
            let written = pointer_join("#/securityDefinitions", &[&name]);
            (name, scheme(definition, &now, &written, conversion))
        })
        .collect();
    Value::Object(schemes)
}

fn scheme(definition: Value, now: &str, written: &str, conversion: &mut Conversion) -> Value {
    let Value::Object(mut definition) = definition else {
        return definition;
    };
    match definition.get("type").and_then(Value::as_str) {
        Some("basic") => {
            definition.insert("type".to_owned(), Value::String("http".to_owned()));
            definition.insert("scheme".to_owned(), Value::String("basic".to_owned()));
        }
        Some("oauth2") => oauth2(&mut definition, now, written, conversion),
        _ => {}
    }
    Value::Object(definition)
}

/// Moves `flow`, `authorizationUrl`, `tokenUrl` and `scopes` into `flows.<flow>`.
fn oauth2(
    definition: &mut Map<String, Value>,
    now: &str,
    written: &str,
    conversion: &mut Conversion,
) {
    let flow = definition.shift_remove("flow");
    let mut settings = Map::new();
    for key in ["authorizationUrl", "tokenUrl", "scopes"] {
        if let Some(value) = definition.shift_remove(key) {
            settings.insert(key.to_owned(), value);
        }
    }
    settings
        .entry("scopes")
        .or_insert_with(|| Value::Object(Map::new()));
    let flow_name = match flow.as_ref().and_then(Value::as_str) {
        Some("implicit") => "implicit",
        Some("password") => "password",
        Some("application") => "clientCredentials",
        Some("accessCode") => "authorizationCode",
        other => {
            conversion.warn(
                pointer_join(written, &["flow"]),
                format!(
                    "the OAuth 2 flow {} is not one of implicit, password, application and accessCode; \
                     the scheme is generated without a flow (its token is sent as a bearer token)",
                    other.map_or("(none)".to_owned(), |flow| format!("`{flow}`"))
                ),
            );
            definition.insert("flows".to_owned(), Value::Object(Map::new()));
            return;
        }
    };
    let mut flows = Map::new();
    flows.insert(flow_name.to_owned(), Value::Object(settings));
    conversion.record(pointer_join(now, &["flows", flow_name]), written);
    definition.insert("flows".to_owned(), Value::Object(flows));
}
