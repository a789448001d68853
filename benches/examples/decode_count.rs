//! Decodes the benchmark's page of clusters a few times with one side, for counting instructions, which unlike
//! wall time do not depend on the machine's load:
//!
//! ```sh
//! cargo build --release -p client-bench --example decode_count
//! valgrind --tool=callgrind target/release/examples/decode_count generated
//! valgrind --tool=callgrind target/release/examples/decode_count handwritten
//! valgrind --tool=callgrind target/release/examples/decode_count none   # building the page only
//! ```
//!
//! The decoding cost of a side is its count minus that of `none`.

use std::hint::black_box;

use astro_client::v1::types::ClustersPaginated;
use client_bench::{clusters_page, handwritten};

const CLUSTERS: usize = 2_000;
const ROUNDS: usize = 5;

fn main() {
    let side = std::env::args().nth(1).unwrap_or_default();
    let body = clusters_page(CLUSTERS);
    for _ in 0..ROUNDS {
        match side.as_str() {
            "generated" => {
                let page: ClustersPaginated = serde_json::from_slice(black_box(&body)).unwrap();
                black_box(page);
            }
            "handwritten" => {
                let page: handwritten::ClustersPage =
                    serde_json::from_slice(black_box(&body)).unwrap();
                black_box(page);
            }
            "none" => {}
            other => {
                eprintln!("usage: decode_count generated|handwritten|none (not {other:?})");
                std::process::exit(2);
            }
        }
    }
}
