//! Client runtime overhead: the generated `astro-client` against hand-written reqwest + serde code, on a page of
//! 2 000 Astro clusters (about 3.7 MB of JSON).
//!
//! - `decode`: the body to typed values only, no I/O (the cost of the generated types themselves).
//! - `list_clusters`: the whole call, request building included, against a loopback server on a current-thread
//!   runtime, so both clients share the same server and scheduler.
//!
//! Run with `cargo bench -p client-bench`.

use std::hint::black_box;

use astro_client::v1::types::ClustersPaginated;
use client_bench::{clusters_page, generated_client, handwritten, serve, ORGANIZATION, TOKEN};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const CLUSTERS: usize = 2_000;

fn decode(criterion: &mut Criterion) {
    let body = clusters_page(CLUSTERS);
    let mut group = criterion.benchmark_group("decode");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("generated", |bencher| {
        bencher.iter(|| {
            let page: ClustersPaginated = serde_json::from_slice(black_box(&body)).unwrap();
            page
        })
    });
    group.bench_function("handwritten", |bencher| {
        bencher.iter(|| {
            let page: handwritten::ClustersPage = serde_json::from_slice(black_box(&body)).unwrap();
            page
        })
    });
    group.finish();
}

fn list_clusters(criterion: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a Tokio runtime");
    let body = clusters_page(CLUSTERS);
    let size = body.len() as u64;
    let base_url = runtime.block_on(serve(body)).expect("a loopback server");
    let client = generated_client(&base_url);
    let http = reqwest::Client::new();

    let mut group = criterion.benchmark_group("list_clusters");
    group.throughput(Throughput::Bytes(size));
    group.bench_function("generated", |bencher| {
        bencher.iter(|| {
            runtime.block_on(async {
                client
                    .list_clusters(black_box(ORGANIZATION))
                    .limit(1000)
                    .send()
                    .await
                    .unwrap()
            })
        })
    });
    group.bench_function("handwritten", |bencher| {
        bencher.iter(|| {
            runtime.block_on(async {
                handwritten::list_clusters(&http, &base_url, TOKEN, black_box(ORGANIZATION), 1000)
                    .await
                    .unwrap()
            })
        })
    });
    group.finish();
}

criterion_group!(benches, decode, list_clusters);
criterion_main!(benches);
