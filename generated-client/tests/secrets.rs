//! Secrets never show: response fields that carry credentials decode into `runtime::Secret`, whose `Debug` and
//! `Display` print nothing of the value, and configured credentials stay out of a client's `Debug`.

use serde_json::json;

const TOKEN: &str = "astro-secret-token-value";

#[cfg(feature = "v1")]
#[test]
fn a_new_api_token_is_readable_but_never_printed() {
    let token: astro_client::v1::types::ApiToken = serde_json::from_value(json!({
        "createdAt": "2026-01-01T00:00:00Z", "description": "ci", "id": "tok-1", "kind": "STANDARD",
        "name": "ci", "scope": "ORGANIZATION", "shortToken": "astro…", "startAt": "2026-01-01T00:00:00Z",
        "updatedAt": "2026-01-01T00:00:00Z", "token": TOKEN
    }))
    .unwrap();
    assert_eq!(
        token.token.as_ref().map(|secret| secret.expose()),
        Some(TOKEN)
    );
    assert!(!format!("{token:?}").contains(TOKEN));
    assert!(!format!("{token:#?}").contains(TOKEN));
    // It is sent back as the string it is.
    assert_eq!(serde_json::to_value(&token).unwrap()["token"], TOKEN);

    let client = astro_client::v1::Client::new(TOKEN).unwrap();
    assert!(!format!("{client:?}").contains(TOKEN));
}

#[cfg(feature = "airflow-v2")]
#[test]
fn a_connection_password_is_never_printed() {
    use astro_client::airflow::v2::types::ConnectionResponse;
    let connection: ConnectionResponse = serde_json::from_value(json!({
        "connection_id": "db", "conn_type": "postgres", "description": null, "host": "db", "login": "app",
        "schema": null, "port": 5432, "password": TOKEN, "extra": null, "team_name": null
    }))
    .unwrap();
    let shown = format!("{connection:?}");
    assert!(!shown.contains(TOKEN), "{shown}");
    assert!(shown.contains("<redacted>"), "{shown}");
    let secret = connection.password.unwrap();
    assert_eq!(secret.expose(), TOKEN);
    assert_eq!(secret.to_string(), "<redacted>");
}
