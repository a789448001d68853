//! Round trips through the client generated from Ory Kratos's document, whose unions have a `discriminator`
//! with a `mapping`. Copied into that crate and run there by `corpus_round_trips.rs`.

use kratos_client::types::ContinueWith;
use serde_json::{json, Value};

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(value: Value) -> T {
    let decoded: T = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(serde_json::to_value(&decoded).unwrap(), value, "the value must come back unchanged");
    decoded
}

#[test]
fn a_discriminated_union_decodes_the_mapped_variant() {
    let verification: ContinueWith = round_trip(json!({
        "action": "show_verification_ui",
        "flow": {
            "id": "8a0c4a9e-7f41-4d35-9f3a-2c1b0e9d8f7a",
            "url": "https://auth.example.com/verification?flow=8a0c4a9e",
            "verifiable_address": "ada@example.com"
        }
    }));
    assert!(matches!(
        &verification,
        ContinueWith::ShowVerificationUi(ui) if ui.flow.verifiable_address == "ada@example.com"
    ));

    let token: ContinueWith = round_trip(json!({"action": "set_ory_session_token", "ory_session_token": "ory_st_abc"}));
    assert!(matches!(token, ContinueWith::SetOrySessionToken(_)));
}

#[test]
fn an_action_this_release_does_not_know_is_kept_whole() {
    let unknown: ContinueWith = round_trip(json!({"action": "show_passkey_ui", "passkey": {"challenge": "x"}}));
    assert!(matches!(&unknown, ContinueWith::Unknown(value) if value["passkey"]["challenge"] == "x"));
}
