//! Round trips through the client generated from Box's document: fields that used to be JSON values because
//! `allOf` members documented them twice (a file conflict's `sha1` and `file_version`) or because a keyword of
//! another type sat on them (`retention_length`, a string with a `minimum`). Copied into that crate and run there
//! by `corpus_round_trips.rs`.

use box_client::types::{FileConflict, RetentionPolicyMini};
use serde_json::{json, Value};

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(value: Value) -> T {
    let decoded: T = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(serde_json::to_value(&decoded).unwrap(), value, "the value must come back unchanged");
    decoded
}

#[test]
fn a_file_conflict_has_typed_sha1_and_version() {
    // As Box's API reference shows the conflict of an upload.
    let conflict: FileConflict = round_trip(json!({
        "id": "12345",
        "etag": "1",
        "type": "file",
        "sequence_id": "3",
        "name": "Contract.pdf",
        "sha1": "85136C79CBF9FE36BB9D05D0639C70C265C18D37",
        "file_version": {"id": "12345", "type": "file_version", "sha1": "134b65991ed521fcfe4724b7d814ab8ded5185dc"}
    }));
    assert_eq!(conflict.sha1.as_deref(), Some("85136C79CBF9FE36BB9D05D0639C70C265C18D37"));
    assert_eq!(conflict.file_version.unwrap().id, "12345");
}

#[test]
fn a_retention_length_is_a_string() {
    let policy: RetentionPolicyMini = round_trip(json!({
        "id": "12345", "type": "retention_policy", "policy_name": "Some Policy Name",
        "retention_length": "365", "disposition_action": "permanently_delete"
    }));
    assert_eq!(policy.retention_length.as_deref(), Some("365"));
}
