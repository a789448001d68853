//! Round trips through the client generated from PagerDuty's document: its log entries narrow the `type` they
//! inherit to their own value through `allOf`, which used to make the field a JSON value and is now the narrowed
//! enum. Copied into that crate and run there by `corpus_round_trips.rs`.

use pagerduty_client::types::{AnnotateLogEntry, AnnotateLogEntryType, FieldValueChangeLogEntry, FieldValueChangeLogEntryType};
use serde_json::{json, Value};

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(value: Value) -> T {
    let decoded: T = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(serde_json::to_value(&decoded).unwrap(), value, "the value must come back unchanged");
    decoded
}

#[test]
fn a_log_entry_type_narrowed_by_all_of_is_its_own_enum() {
    // As PagerDuty's API reference shows an annotate log entry.
    let entry: AnnotateLogEntry = round_trip(json!({
        "id": "Q1R2DLCB21K7NP",
        "type": "annotate_log_entry",
        "summary": "Note added",
        "self": "https://api.pagerduty.com/log_entries/Q1R2DLCB21K7NP",
        "html_url": null,
        "created_at": "2015-10-06T21:30:42Z",
        "note": "Restarted the web tier."
    }));
    assert_eq!(entry.r#type, Some(AnnotateLogEntryType::AnnotateLogEntry));
    let unknown: AnnotateLogEntry = round_trip(json!({"type": "annotate_log_entry_v2"}));
    assert_eq!(unknown.r#type, Some(AnnotateLogEntryType::Unknown("annotate_log_entry_v2".to_owned())));
}

#[test]
fn a_field_value_change_entry_keeps_its_tag() {
    let entry: FieldValueChangeLogEntry = round_trip(json!({
        "id": "R3GK0WQ9M0R5NX",
        "type": "field_value_change_log_entry",
        "created_at": "2024-03-01T12:00:00Z"
    }));
    assert_eq!(entry.r#type, Some(FieldValueChangeLogEntryType::FieldValueChangeLogEntry));
}
