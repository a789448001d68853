//! Runs one side of the client benchmark a few times, for counting instructions, which unlike wall time do not
//! depend on the machine's load:
//!
//! ```sh
//! cargo build --release -p client-bench --example instructions
//! valgrind --tool=callgrind target/release/examples/instructions decode generated
//! valgrind --tool=callgrind target/release/examples/instructions decode handwritten
//! valgrind --tool=callgrind target/release/examples/instructions decode none
//! ```
//!
//! `decode` decodes the benchmark's page of clusters; `call` makes the whole `list_clusters` call against the
//! loopback server. `none` does everything else (building the page, starting the server and the runtime), so a
//! side's cost is its count minus that of `none`.

use std::hint::black_box;

use astro_client::v1::types::ClustersPaginated;
use client_bench::{clusters_page, generated_client, handwritten, serve, ORGANIZATION, TOKEN};

const CLUSTERS: usize = 2_000;
const ROUNDS: usize = 5;

fn main() {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let (what, side) = match arguments.as_slice() {
        [what, side] if ["decode", "call"].contains(&what.as_str()) => {
            (what.as_str(), side.as_str())
        }
        _ => usage(),
    };
    if !["generated", "handwritten", "none"].contains(&side) {
        usage();
    }
    let body = clusters_page(CLUSTERS);
    if what == "decode" {
        for _ in 0..ROUNDS {
            match side {
                "generated" => {
                    let page: ClustersPaginated = serde_json::from_slice(black_box(&body)).unwrap();
                    black_box(page);
                }
                "handwritten" => {
                    let page: handwritten::ClustersPage =
                        serde_json::from_slice(black_box(&body)).unwrap();
                    black_box(page);
                }
                _ => {}
            }
        }
        return;
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a Tokio runtime");
    let base_url = runtime.block_on(serve(body)).expect("a loopback server");
    let client = generated_client(&base_url);
    let http = reqwest::Client::new();
    for _ in 0..ROUNDS {
        runtime.block_on(async {
            match side {
                "generated" => {
                    let page = client.list_clusters(ORGANIZATION).limit(1000).send().await;
                    black_box(page.unwrap());
                }
                "handwritten" => {
                    let page =
                        handwritten::list_clusters(&http, &base_url, TOKEN, ORGANIZATION, 1000)
                            .await;
                    black_box(page.unwrap());
                }
                _ => {}
            }
        });
    }
}

fn usage() -> ! {
    eprintln!("usage: instructions decode|call generated|handwritten|none");
    std::process::exit(2);
}
