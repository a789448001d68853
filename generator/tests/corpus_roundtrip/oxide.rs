//! Round trips through the client generated from Oxide's document: its unions are tagged by a property each
//! member pins to one value, with no `discriminator`. Copied into that crate and run there by
//! `corpus_round_trips.rs`.

use oxide_client::types::{AddressAllocator, BlockSize, Disk, DiskState, DiskType};
use serde_json::{json, Value};

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(value: Value) -> T {
    let decoded: T = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(serde_json::to_value(&decoded).unwrap(), value, "the value must come back unchanged");
    decoded
}

fn disk(state: Value, block_size: u64, disk_type: &str) -> Value {
    json!({
        "block_size": block_size,
        "description": "boot volume",
        "device_path": "/mnt/boot",
        "disk_type": disk_type,
        "id": "9f1c1ec4-2d4b-4b7a-9a39-6f5b5c2f7e10",
        "image_id": null,
        "name": "boot",
        "project_id": "0b7e7bb2-6f57-4d57-bc0e-5f0c6c4c9a11",
        "read_only": false,
        "size": 10737418240u64,
        "state": state,
        "time_created": "2026-01-02T03:04:05Z",
        "time_modified": "2026-01-02T03:04:05Z"
    })
}

#[test]
fn a_disk_decodes_its_state_by_the_pinned_tag() {
    let attached: Disk = round_trip(disk(
        json!({"state": "attached", "instance": "5d0f8f0e-3c1c-4f0b-8f3e-1b2a3c4d5e6f"}),
        4096,
        "distributed",
    ));
    assert!(matches!(&attached.state, DiskState::Attached(state) if state.instance.to_string() == "5d0f8f0e-3c1c-4f0b-8f3e-1b2a3c4d5e6f"));
    assert_eq!(attached.block_size, BlockSize::Value4096);
    // `image_id` is nullable and present as null; `snapshot_id` is absent: both come back as they were.
    assert_eq!(attached.image_id, Some(None));
    assert_eq!(attached.snapshot_id, None);

    let detached: Disk = round_trip(disk(json!({"state": "detached"}), 512, "local"));
    assert!(matches!(detached.state, DiskState::Detached(_)));
}

#[test]
fn values_this_release_does_not_know_are_kept() {
    let disk: Disk = round_trip(disk(json!({"state": "migrating", "to": "sled-7"}), 8192, "nvme"));
    assert!(matches!(&disk.state, DiskState::Unknown(state) if state["to"] == "sled-7"));
    assert_eq!(disk.block_size, BlockSize::Unknown(8192));
    assert_eq!(disk.disk_type, DiskType::Unknown("nvme".to_owned()));
}

#[test]
fn an_inline_member_gets_its_tag_from_the_union() {
    let explicit: AddressAllocator = round_trip(json!({"type": "explicit", "ip": "10.0.0.5"}));
    assert!(matches!(&explicit, AddressAllocator::Explicit(member) if member.ip == "10.0.0.5"));
    let auto: AddressAllocator = round_trip(json!({"type": "auto"}));
    assert!(matches!(auto, AddressAllocator::Auto(_)));
}
