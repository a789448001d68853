//! Round trips through clients generated from real documents of the corpus (`../shared/corpus`): realistic JSON
//! for their discriminated and inferred unions, nullable fields and open enums decodes into the expected values
//! and encodes back unchanged. Each crate is built with only the tag features the tests need.

mod common;

use std::path::Path;

use common::run_cargo;
use generator::package::{single_api_crate, PackageInfo};

fn round_trips_through(document: &str, crate_name: &str, features: &str) {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let workspace = manifest_dir.parent().unwrap();
    let path = workspace.join("../shared/corpus").join(document);
    assert!(
        path.is_file(),
        "{} is missing: the corpus lives in ../shared/corpus beside the repository",
        path.display()
    );
    let api = generator::lower_file(&path)
        .unwrap_or_else(|error| panic!("{error}"))
        .api;
    let package = PackageInfo {
        name: crate_name,
        version: "0.0.0",
        description: "Corpus round trips",
        extra_manifest: "",
        standalone: true,
    };
    let files = single_api_crate(&api, &package).unwrap();
    let out = workspace.join("target/generated-crates").join(crate_name);
    let _ = std::fs::remove_dir_all(out.join("src"));
    generator::package::write_files(&out, &files).unwrap();
    let stem = document.split('.').next().unwrap();
    std::fs::create_dir_all(out.join("tests")).unwrap();
    std::fs::copy(
        manifest_dir.join(format!("tests/corpus_roundtrip/{stem}.rs")),
        out.join("tests/roundtrip.rs"),
    )
    .unwrap();
    run_cargo(
        &out,
        workspace,
        &[
            "test",
            "--quiet",
            "--no-default-features",
            "--features",
            features,
        ],
    );
}

#[test]
fn oxide_unions_tagged_by_a_pinned_property_round_trip() {
    round_trips_through("oxide.json", "oxide-client", "disks,floating_ips");
}

#[test]
fn ory_kratos_discriminated_unions_round_trip() {
    round_trips_through("ory_kratos.json", "kratos-client", "frontend");
}

#[test]
fn pagerduty_types_narrowed_by_all_of_round_trip() {
    round_trips_through("pagerduty.json", "pagerduty-client", "incidents");
}

#[test]
fn box_fields_that_were_json_values_round_trip() {
    // `RetentionPolicyMini` is compiled by the tags that use it, of which `files` is not one.
    round_trips_through("box.json", "box-client", "files,file_version_retentions");
}
