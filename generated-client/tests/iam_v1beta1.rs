//! The IAM v1beta1 client against a loopback server: what it sends and how it decodes answers.

use astro_client::runtime::{Config, Error};
use astro_client::v1beta1::iam::{types, Client};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TOKEN: &str = "test-token-123";

fn client(server: &MockServer) -> Client {
    Client::with_config(Config::new().base_url(server.uri()).bearer_token(TOKEN)).unwrap()
}

fn api_token(kind: &str) -> serde_json::Value {
    json!({
        "createdAt": "2026-04-02T10:00:00Z",
        "description": "CI deploys",
        "id": "tok_1",
        "kind": kind,
        "name": "ci",
        "shortToken": "abc",
        "startAt": "2026-04-02T10:00:00Z",
        "type": "ORGANIZATION",
        "updatedAt": "2026-04-02T10:00:00Z"
    })
}

fn page(kinds: &[&str]) -> serde_json::Value {
    let tokens: Vec<_> = kinds.iter().map(|kind| api_token(kind)).collect();
    json!({"tokens": tokens, "limit": 2, "offset": 10, "totalCount": 12})
}

#[tokio::test]
async fn list_api_tokens_sends_parameters_as_the_spec_says_and_decodes_known_and_unknown_kinds() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/organizations/org-1/tokens"))
        .and(query_param("kind", "DIRECT_ACCESS"))
        .and(query_param("offset", "10"))
        .and(query_param("limit", "2"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(page(&["DIRECT_ACCESS", "SHARED_SECRET"])),
        )
        .expect(1)
        .mount(&server)
        .await;

    let listed = client(&server)
        .list_api_tokens("org-1")
        .kind(types::ApiTokenKind::DirectAccess)
        .offset(10)
        .limit(2)
        .sorts(vec![
            types::ListApiTokensSortsItem::NameAsc,
            types::ListApiTokensSortsItem::CreatedAtDesc,
        ])
        .send()
        .await
        .unwrap();

    assert_eq!(listed.total_count, 12);
    assert_eq!(listed.tokens[0].kind, types::ApiTokenKind::DirectAccess);
    // A kind this release does not list is kept, not refused.
    assert_eq!(
        listed.tokens[1].kind,
        types::ApiTokenKind::Unknown("SHARED_SECRET".to_owned())
    );
    assert_eq!(listed.tokens[1].kind.as_str(), "SHARED_SECRET");

    // The array parameter is repeated (form style, explode), in order, after the other parameters.
    let received: Vec<Request> = server.received_requests().await.unwrap();
    let query = received[0].url.query().unwrap().to_owned();
    assert_eq!(
        query,
        "kind=DIRECT_ACCESS&offset=10&limit=2&sorts=name%3Aasc&sorts=createdAt%3Adesc"
    );
}

#[tokio::test]
async fn optional_parameters_left_unset_are_not_sent() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/organizations/org-1/tokens"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&[])))
        .mount(&server)
        .await;
    client(&server)
        .list_api_tokens("org-1")
        .send()
        .await
        .unwrap();
    let received = server.received_requests().await.unwrap();
    assert_eq!(received[0].url.query(), None);
}

#[tokio::test]
async fn create_api_token_sends_the_kind() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/organizations/org-1/tokens"))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({"name": "ci", "role": "ORGANIZATION_MEMBER", "type": "ORGANIZATION", "kind": "DIRECT_ACCESS"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(api_token("DIRECT_ACCESS")))
        .expect(1)
        .mount(&server)
        .await;

    // Structs are `#[non_exhaustive]`: built with `new` (the required fields), optional fields set afterwards.
    let mut request = types::CreateApiTokenRequest::new(
        "ci".to_owned(),
        "ORGANIZATION_MEMBER".to_owned(),
        types::CreateApiTokenRequestType::Organization,
    );
    request.kind = Some(types::CreateApiTokenRequestKind::DirectAccess);
    let created = client(&server)
        .create_api_token("org-1", request)
        .send()
        .await
        .unwrap();
    assert_eq!(created.kind, types::ApiTokenKind::DirectAccess);
}

#[tokio::test]
async fn a_json_error_body_is_decoded_and_kept_with_its_status() {
    let server = MockServer::start().await;
    let body = json!({"message": "token not found", "requestId": "req-9", "statusCode": 404});
    Mock::given(method("GET"))
        .and(path("/organizations/org-1/tokens/missing"))
        .respond_with(ResponseTemplate::new(404).set_body_json(body.clone()))
        .mount(&server)
        .await;

    let error = client(&server)
        .get_api_token("org-1", "missing")
        .send()
        .await
        .unwrap_err();
    let Error::Api(api_error) = &error else {
        panic!("expected an API error, got {error:?}")
    };
    assert_eq!(api_error.status.as_u16(), 404);
    let typed = api_error
        .body
        .as_ref()
        .expect("the JSON error body decodes");
    assert_eq!(
        (
            typed.message.as_str(),
            typed.request_id.as_str(),
            typed.status_code
        ),
        ("token not found", "req-9", 404)
    );
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&api_error.raw_body).unwrap(),
        body
    );
    assert!(error.to_string().contains("404"), "{error}");
}

#[tokio::test]
async fn a_plain_text_gateway_error_keeps_status_and_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/organizations/org-1/tokens"))
        .respond_with(
            ResponseTemplate::new(401).set_body_raw("Unauthorized: token expired", "text/plain"),
        )
        .mount(&server)
        .await;

    let error = client(&server)
        .list_api_tokens("org-1")
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|status| status.as_u16()), Some(401));
    let Error::Api(api_error) = &error else {
        panic!("expected an API error, got {error:?}")
    };
    assert!(api_error.body.is_none());
    assert_eq!(api_error.raw_text(), "Unauthorized: token expired");
    assert!(
        !format!("{error:?} {error}").contains(TOKEN),
        "errors never show the token"
    );
}

#[tokio::test]
async fn path_parameters_are_encoded_and_dot_segments_refused() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(api_token("STANDARD")))
        .mount(&server)
        .await;
    let client = client(&server);

    client.get_api_token("org 1", "a/b?c").send().await.unwrap();
    let received = server.received_requests().await.unwrap();
    assert_eq!(
        received[0].url.path(),
        "/organizations/org%201/tokens/a%2Fb%3Fc"
    );

    for bad in ["", ".", ".."] {
        let error = client.get_api_token("org-1", bad).send().await.unwrap_err();
        assert!(
            matches!(error, Error::InvalidRequest(_)),
            "{bad:?} gave {error:?}"
        );
    }
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "refused requests are never sent"
    );
}

#[tokio::test]
async fn list_api_tokens_streams_every_page_by_offset() {
    use futures_util::StreamExt;
    let server = MockServer::start().await;
    for (offset, kinds) in [
        ("0", vec!["STANDARD", "STANDARD"]),
        ("2", vec!["DIRECT_ACCESS", "STANDARD"]),
        ("4", vec!["STANDARD"]),
    ] {
        let tokens: Vec<_> = kinds.iter().map(|kind| api_token(kind)).collect();
        let page = json!({"tokens": tokens, "limit": 2, "offset": offset.parse::<i64>().unwrap(), "totalCount": 5});
        let matcher = if offset == "0" {
            Box::new(query_param_is_missing("offset")) as Box<dyn wiremock::Match>
        } else {
            Box::new(query_param("offset", offset))
        };
        Mock::given(method("GET"))
            .and(path("/organizations/org-1/tokens"))
            .and(BoxedMatch(matcher))
            .respond_with(ResponseTemplate::new(200).set_body_json(page))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = client(&server);
    let tokens: Vec<_> = client
        .list_api_tokens("org-1")
        .limit(2)
        .stream()
        .collect()
        .await;
    let tokens: Vec<_> = tokens.into_iter().collect::<Result<_, _>>().unwrap();
    assert_eq!(
        tokens.len(),
        5,
        "every item of the three pages, and no fourth request"
    );
    assert_eq!(tokens[2].kind, types::ApiTokenKind::DirectAccess);
}

#[tokio::test]
async fn a_stream_ends_with_the_error_of_a_failing_page() {
    use futures_util::StreamExt;
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param("offset", "0"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"tokens": [api_token("STANDARD")], "limit": 1, "offset": 0, "totalCount": 3}),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("offset", "1"))
        .respond_with(ResponseTemplate::new(403).set_body_raw("Forbidden", "text/plain"))
        .mount(&server)
        .await;
    let results: Vec<_> = client(&server)
        .list_api_tokens("org-1")
        .offset(0)
        .stream()
        .collect()
        .await;
    assert_eq!(results.len(), 2, "{results:?}");
    assert!(results[0].is_ok());
    assert_eq!(
        results[1]
            .as_ref()
            .unwrap_err()
            .status()
            .map(|s| s.as_u16()),
        Some(403)
    );
}

/// Lets a test choose a matcher at run time.
struct BoxedMatch(Box<dyn wiremock::Match>);

impl wiremock::Match for BoxedMatch {
    fn matches(&self, request: &Request) -> bool {
        self.0.matches(request)
    }
}

#[tokio::test]
async fn a_per_call_timeout_limits_that_call_only() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/organizations/org-1/tokens"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(page(&["DIRECT_ACCESS"]))
                .set_delay(std::time::Duration::from_millis(600)),
        )
        .mount(&server)
        .await;
    let client = client(&server);

    let started = std::time::Instant::now();
    let error = client
        .list_api_tokens("org-1")
        .timeout(std::time::Duration::from_millis(100))
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Transport(e) if e.is_timeout()),
        "{error:?}"
    );
    // The call's limit is one deadline for all its attempts, not the client's minute.
    assert!(started.elapsed() < std::time::Duration::from_secs(5));

    // The next call on the same client has the client's limit again and waits for the slow answer.
    let listed = client.list_api_tokens("org-1").send().await.unwrap();
    assert_eq!(listed.tokens.len(), 1);
}
