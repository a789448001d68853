//! The Astro v1 client pins the API's minor version it was generated from, so a later minor release of the server
//! cannot change its answers; a version the user sets wins.

#![cfg(feature = "v1")]

use astro_client::runtime::Config;
use wiremock::matchers::{header, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn server_expecting(version: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("x-api-version", version))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "organizations": [], "limit": 0, "offset": 0, "totalCount": 0
        })))
        .expect(1)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn requests_carry_the_document_version_unless_configured() {
    let server = server_expecting("1.0").await;
    let client = astro_client::v1::Client::with_config(
        Config::new().base_url(server.uri()).bearer_token("t"),
    )
    .unwrap();
    let _ = client.list_organizations().send().await;

    let server = server_expecting("1.1").await;
    let client = astro_client::v1::Client::with_config(
        Config::new()
            .base_url(server.uri())
            .bearer_token("t")
            .default_header("X-API-Version", "1.1"),
    )
    .unwrap();
    let _ = client.list_organizations().send().await;
}
