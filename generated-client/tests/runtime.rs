//! The shared runtime against a loopback server: retries, timeouts, every auth scheme, redirects, and secrets.

use std::time::{Duration, Instant};

use astro_client::runtime::{
    path_parameter, ApiKeyLocation, ClientCore, Config, Error, Method, RetryPolicy, SchemeKind,
    SecurityScheme, TokenFuture, TokenProvider, TransportKind,
};
use serde_json::Value;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const SCHEMES: &[SecurityScheme] = &[
    SecurityScheme {
        name: "jwt",
        kind: SchemeKind::Bearer,
    },
    SecurityScheme {
        name: "basic",
        kind: SchemeKind::Basic,
    },
    SecurityScheme {
        name: "header_key",
        kind: SchemeKind::ApiKey {
            location: ApiKeyLocation::Header,
            name: "X-Api-Key",
        },
    },
    SecurityScheme {
        name: "query_key",
        kind: SchemeKind::ApiKey {
            location: ApiKeyLocation::Query,
            name: "api_key",
        },
    },
    SecurityScheme {
        name: "cookie_key",
        kind: SchemeKind::ApiKey {
            location: ApiKeyLocation::Cookie,
            name: "session",
        },
    },
];

const SECRET: &str = "s3cr3t-value";

fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
        ..RetryPolicy::default()
    }
}

/// A configuration whose retries wait milliseconds, not seconds.
fn config() -> Config {
    Config::new().retry(fast_retries())
}

fn core(server: &MockServer, config: Config) -> ClientCore {
    ClientCore::new(config.base_url(server.uri()), "http://unused", SCHEMES).unwrap()
}

async fn get(
    core: &ClientCore,
    security: &'static [&'static [&'static str]],
) -> Result<Value, Error> {
    let mut request = core.request(Method::GET, "/thing").unwrap();
    request.security(security);
    core.send_json(request).await
}

async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap()
}

#[tokio::test]
async fn idempotent_requests_are_retried_on_retryable_statuses() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(1))
        .mount(&server)
        .await;
    let value = get(&core(&server, config()), &[]).await.unwrap();
    assert_eq!(value, 1);
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn attempts_stop_at_the_configured_limit() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(502))
        .mount(&server)
        .await;
    let error = get(&core(&server, config()), &[]).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(502));
    assert_eq!(
        received(&server).await.len(),
        3,
        "default: 3 attempts in all"
    );

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(502))
        .mount(&server)
        .await;
    let core = core(&server, config().retry(RetryPolicy::none()));
    get(&core, &[]).await.unwrap_err();
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn other_errors_are_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    get(&core(&server, config()), &[]).await.unwrap_err();
    assert_eq!(
        received(&server).await.len(),
        1,
        "500 is not in the retry list"
    );
}

#[tokio::test]
async fn post_is_never_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let core = core(&server, config());
    let mut request = core.request(Method::POST, "/thing").unwrap();
    request
        .json_body(&serde_json::json!({"a": 1}), "application/json")
        .unwrap();
    let error = core.send_json::<Value, Value>(request).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(2))
        .mount(&server)
        .await;
    let started = Instant::now();
    assert_eq!(get(&core(&server, config()), &[]).await.unwrap(), 2);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited only {:?}",
        started.elapsed()
    );
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn timeouts_apply_per_client_and_per_call() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(3)
                .set_delay(Duration::from_secs(3)),
        )
        .mount(&server)
        .await;
    let slow_ok = core(&server, config().retry(RetryPolicy::none()));
    let mut request = slow_ok.request(Method::GET, "/thing").unwrap();
    request.timeout(Some(Duration::from_millis(200)));
    let started = Instant::now();
    let error = slow_ok
        .send_json::<Value, Value>(request)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Transport(e) if e.is_timeout()),
        "{error:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(2));

    let strict = core(
        &server,
        Config::new()
            .timeout(Duration::from_millis(200))
            .retry(RetryPolicy::none()),
    );
    let error = get(&strict, &[]).await.unwrap_err();
    assert!(
        matches!(&error, Error::Transport(e) if e.is_timeout()),
        "{error:?}"
    );
}

#[tokio::test]
async fn each_auth_scheme_sends_what_the_document_declares() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(0))
        .mount(&server)
        .await;
    let config = Config::new()
        .bearer_token("bearer-token")
        .basic_auth("alice", "pw")
        .api_key("header_key", "hk")
        .api_key("query_key", "qk")
        .api_key("cookie_key", "ck");
    let core = core(&server, config);
    get(&core, &[&["jwt"]]).await.unwrap();
    get(&core, &[&["basic"]]).await.unwrap();
    get(&core, &[&["header_key"]]).await.unwrap();
    get(&core, &[&["query_key"]]).await.unwrap();
    get(&core, &[&["cookie_key"]]).await.unwrap();
    get(&core, &[]).await.unwrap();

    let requests = received(&server).await;
    let header_of = |request: &Request, name: &str| {
        request
            .headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    assert_eq!(
        header_of(&requests[0], "authorization").as_deref(),
        Some("Bearer bearer-token")
    );
    assert_eq!(
        header_of(&requests[1], "authorization").as_deref(),
        Some("Basic YWxpY2U6cHc=")
    );
    assert_eq!(header_of(&requests[2], "x-api-key").as_deref(), Some("hk"));
    assert_eq!(requests[3].url.query(), Some("api_key=qk"));
    assert_eq!(
        header_of(&requests[4], "cookie").as_deref(),
        Some("session=ck")
    );
    assert!(
        requests[5].headers.get("authorization").is_none(),
        "an operation without security sends nothing"
    );
}

#[tokio::test]
async fn the_first_satisfiable_security_alternative_is_used() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(0))
        .mount(&server)
        .await;
    let core = core(
        &server,
        Config::new()
            .api_key("header_key", "hk")
            .api_key("query_key", "qk"),
    );
    // No bearer token is configured, so the second alternative (two keys together) is sent.
    get(&core, &[&["jwt"], &["header_key", "query_key"]])
        .await
        .unwrap();
    let request = &received(&server).await[0];
    assert!(request.headers.get("authorization").is_none());
    assert_eq!(request.headers.get("x-api-key").unwrap(), "hk");
    assert_eq!(request.url.query(), Some("api_key=qk"));
}

struct CountingProvider(std::sync::atomic::AtomicUsize);

impl TokenProvider for CountingProvider {
    fn token(&self) -> TokenFuture<'_> {
        let n = self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Box::pin(async move { Ok(format!("token-{n}")) })
    }
}

#[tokio::test]
async fn a_token_provider_is_asked_for_each_request() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(0))
        .mount(&server)
        .await;
    let core = core(
        &server,
        Config::new().token_provider(CountingProvider(Default::default())),
    );
    get(&core, &[&["jwt"]]).await.unwrap();
    get(&core, &[&["jwt"]]).await.unwrap();
    let requests = received(&server).await;
    assert_eq!(
        requests[0].headers.get("authorization").unwrap(),
        "Bearer token-0"
    );
    assert_eq!(
        requests[1].headers.get("authorization").unwrap(),
        "Bearer token-1"
    );
}

#[tokio::test]
async fn redirects_never_carry_credentials_to_another_origin() {
    let other = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(0))
        .mount(&other)
        .await;
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/thing"))
        .respond_with(
            ResponseTemplate::new(302)
                .insert_header("Location", format!("{}/stolen", other.uri()).as_str()),
        )
        .mount(&server)
        .await;
    let core = core(&server, config().bearer_token(SECRET));
    let error = get(&core, &[&["jwt"]]).await.unwrap_err();
    assert_eq!(
        error.status().map(|s| s.as_u16()),
        Some(302),
        "the cross-origin redirect is not followed"
    );
    assert!(
        received(&other).await.is_empty(),
        "the other origin saw no request at all"
    );
}

#[tokio::test]
async fn same_origin_redirects_are_followed_without_a_referer() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/thing"))
        .respond_with(ResponseTemplate::new(307).insert_header("Location", "/moved"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/moved"))
        .and(header("authorization", format!("Bearer {SECRET}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(7))
        .mount(&server)
        .await;
    let core = core(&server, config().bearer_token(SECRET));
    assert_eq!(get(&core, &[&["jwt"]]).await.unwrap(), 7);
    assert!(received(&server)
        .await
        .iter()
        .all(|r| r.headers.get("referer").is_none()));
}

#[tokio::test]
async fn nothing_formatted_shows_a_secret() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_string("denied"))
        .mount(&server)
        .await;
    let config = Config::new()
        .bearer_token(SECRET)
        .basic_auth("u", SECRET)
        .api_key("query_key", SECRET);
    let config_text = format!("{config:?}");
    let core = core(&server, config);
    let mut request = core.request(Method::GET, "/thing").unwrap();
    request.security(&[&["query_key"]]);
    let request_text = format!("{request:?}");
    let error = core.send_json::<Value, Value>(request).await.unwrap_err();
    for text in [
        config_text,
        format!("{core:?}"),
        request_text,
        format!("{error:?}"),
        error.to_string(),
    ] {
        assert!(!text.contains(SECRET), "secret in {text}");
    }

    // A transport error (connection refused) does not print the URL, which would hold a query key.
    let closed = ClientCore::new(
        Config::new()
            .base_url("http://127.0.0.1:9")
            .api_key("query_key", SECRET)
            .retry(RetryPolicy::none()),
        "http://unused",
        SCHEMES,
    )
    .unwrap();
    let mut request = closed.request(Method::GET, "/thing").unwrap();
    request.security(&[&["query_key"]]);
    let error = closed.send_json::<Value, Value>(request).await.unwrap_err();
    assert!(matches!(error, Error::Transport(_)));
    assert!(!format!("{error:?} {error}").contains(SECRET));
}

#[test]
fn path_parameters_are_encoded_per_segment_and_dot_segments_refused() {
    assert_eq!(
        path_parameter("p", "a/b\\c?d#e%f g").unwrap(),
        "a%2Fb%5Cc%3Fd%23e%25f%20g"
    );
    assert_eq!(path_parameter("p", "..x").unwrap(), "..x");
    for bad in ["", ".", ".."] {
        assert!(path_parameter("p", bad).is_err(), "{bad:?}");
    }
}

#[test]
fn header_values_with_line_breaks_are_refused() {
    let core = ClientCore::new(Config::new(), "http://localhost", SCHEMES).unwrap();
    let mut request = core.request(Method::GET, "/thing").unwrap();
    assert!(request.header("X-Note", "a\r\nInjected: yes").is_err());
    assert!(request.header("X-Note", "fine").is_ok());
    assert!(ClientCore::new(
        Config::new().default_header("X-Bad", "a\nb"),
        "http://localhost",
        SCHEMES
    )
    .is_err());
}

#[tokio::test]
async fn form_multipart_text_and_binary_bodies_are_encoded() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(0))
        .mount(&server)
        .await;
    let core = core(&server, config());
    let body = serde_json::json!({"amount": 5, "metadata": {"order": "a b&c"}, "expand": ["x", "y"], "none": null});

    let mut request = core.request(Method::POST, "/form").unwrap();
    request.form_body(&body).unwrap();
    core.send_json::<Value, Value>(request).await.unwrap();
    let mut request = core.request(Method::POST, "/multipart").unwrap();
    request.multipart_body(&body, &[]).unwrap();
    core.send_json::<Value, Value>(request).await.unwrap();
    // Files: a property holding one file's bytes and one holding a list of files (the second one empty).
    let upload =
        serde_json::json!({"caption": "me", "image": [0, 159, 255], "extras": [[1, 2], []]});
    let mut request = core.request(Method::POST, "/upload").unwrap();
    request
        .multipart_body(&upload, &[("image", false), ("extras", true)])
        .unwrap();
    core.send_json::<Value, Value>(request).await.unwrap();
    let mut request = core.request(Method::POST, "/text").unwrap();
    request.text_body("hello", "text/plain");
    core.send_json::<Value, Value>(request).await.unwrap();
    let mut request = core.request(Method::POST, "/bytes").unwrap();
    request.bytes_body(&[0, 159, 255], "application/octet-stream");
    core.send_json::<Value, Value>(request).await.unwrap();

    let requests = received(&server).await;
    let content_type = |r: &Request| {
        r.headers
            .get("content-type")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        content_type(&requests[0]),
        "application/x-www-form-urlencoded"
    );
    // Key order follows serde_json's map order, which a build may change (its `preserve_order` feature).
    let form = String::from_utf8(requests[0].body.clone()).unwrap();
    let mut pairs: Vec<&str> = form.split('&').collect();
    pairs.sort_unstable();
    assert_eq!(
        pairs,
        [
            "amount=5",
            "expand=x",
            "expand=y",
            "metadata%5Border%5D=a+b%26c"
        ]
    );
    let multipart = String::from_utf8(requests[1].body.clone()).unwrap();
    let boundary = content_type(&requests[1])
        .split("boundary=")
        .nth(1)
        .unwrap()
        .to_owned();
    assert!(multipart.contains(&format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"amount\"\r\n\r\n5\r\n"
    )));
    assert_eq!(multipart.matches("name=\"expand\"").count(), 2);
    assert!(multipart.contains("{\"order\":\"a b&c\"}"));
    assert!(multipart.ends_with(&format!("--{boundary}--\r\n")));
    let upload = &requests[2].body;
    let file_part = |name: &str, content: &[u8]| {
        let mut part = format!(
            "Content-Disposition: form-data; name=\"{name}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .into_bytes();
        part.extend_from_slice(content);
        part.extend_from_slice(b"\r\n--");
        part
    };
    let contains = |needle: &[u8]| upload.windows(needle.len()).any(|window| window == needle);
    assert!(contains(&file_part("image", &[0, 159, 255])));
    assert!(contains(&file_part("extras", &[1, 2])));
    assert!(contains(&file_part("extras", &[])));
    assert!(contains(b"name=\"caption\"\r\n\r\nme\r\n"));
    assert_eq!(
        (content_type(&requests[3]), requests[3].body.as_slice()),
        ("text/plain".to_owned(), &b"hello"[..])
    );
    assert_eq!(requests[4].body, [0, 159, 255]);
}

#[test]
fn query_styles_follow_the_document() {
    use astro_client::runtime::QueryStyle;
    let core = ClientCore::new(Config::new(), "http://localhost", SCHEMES).unwrap();
    let mut request = core.request(Method::GET, "/q").unwrap();
    request.query("sorts", &vec!["a", "b"]).unwrap();
    request
        .query_styled("tags", &vec!["x", "y"], QueryStyle::Form { explode: false })
        .unwrap();
    request
        .query_styled("ids", &vec![1, 2], QueryStyle::PipeDelimited)
        .unwrap();
    request
        .query_styled("words", &vec!["p", "q"], QueryStyle::SpaceDelimited)
        .unwrap();
    let filter = serde_json::json!({"created": {"gt": 5}, "status": "open"});
    request
        .query_styled("filter", &filter, QueryStyle::DeepObject)
        .unwrap();
    request
        .query_styled("absent", &None::<Vec<i32>>, QueryStyle::DeepObject)
        .unwrap();
    let debug = format!("{request:?}");
    assert!(
        debug.contains(
            "sorts=a&sorts=b&tags=x%2Cy&ids=1%7C2&words=p+q&filter%5Bcreated%5D%5Bgt%5D=5&filter%5Bstatus%5D=open\""
        ),
        "{debug}"
    );
}

/// What a raw TCP server does with one connection, after reading the request's head.
#[derive(Clone, Copy)]
enum Answer {
    /// Closes the connection without sending a byte.
    Close,
    /// Resets the connection (`SO_LINGER` 0) without sending a byte.
    Reset,
    /// Answers `200 OK` with this JSON body.
    Json(&'static str),
    /// Answers every request on the connection `200 OK` with this JSON body, keeping the connection open.
    KeepAlive(&'static str),
    /// Keeps the connection open and never answers.
    Silent,
    /// Announces a 100-byte body, sends 10 bytes and closes.
    ShortBody,
    /// Answers with this status and an endless chunked text body, a 64 KiB chunk every millisecond.
    Endless(u16),
    /// Answers `200 OK` announcing a 1 GiB body, and sends none of it.
    Huge,
    /// Answers in plain HTTP as soon as the connection opens, before reading anything (a TLS client's handshake
    /// then fails).
    AtOnce,
}

/// A server on a raw TCP listener whose n-th connection gets `answers[n]` (the last answer repeats); returns its
/// base URL and the number of connections accepted so far.
async fn raw_server(
    answers: Vec<Answer>,
) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::atomic::Ordering;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let connections = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = connections.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let index = counter.fetch_add(1, Ordering::SeqCst);
            let answer = answers[index.min(answers.len() - 1)];
            tokio::spawn(async move {
                if let Answer::AtOnce = answer {
                    let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n").await;
                    return;
                }
                let mut head = Vec::new();
                let mut buffer = [0u8; 4096];
                loop {
                    while !head.windows(4).any(|window| window == b"\r\n\r\n") {
                        match stream.read(&mut buffer).await {
                            Ok(0) | Err(_) => return,
                            Ok(read) => head.extend_from_slice(&buffer[..read]),
                        }
                    }
                    let Answer::KeepAlive(body) = answer else {
                        break;
                    };
                    let end = head.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
                    head.drain(..end + 4);
                    let response = format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    if stream.write_all(response.as_bytes()).await.is_err() {
                        return;
                    }
                }
                match answer {
                    Answer::Close => drop(stream),
                    Answer::Reset => {
                        stream.set_zero_linger().unwrap();
                        drop(stream);
                    }
                    Answer::Json(body) => {
                        let response = format!(
                            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                            body.len()
                        );
                        let _ = stream.write_all(response.as_bytes()).await;
                    }
                    Answer::Silent => {
                        tokio::time::sleep(Duration::from_secs(60)).await;
                        drop(stream);
                    }
                    Answer::AtOnce | Answer::KeepAlive(_) => {}
                    Answer::Endless(status) => {
                        let head = format!("HTTP/1.1 {status} Whatever\r\ncontent-type: text/plain\r\ntransfer-encoding: chunked\r\n\r\n");
                        if stream.write_all(head.as_bytes()).await.is_err() {
                            return;
                        }
                        let mut chunk = b"10000\r\n".to_vec();
                        chunk.extend(std::iter::repeat_n(b'x', 0x10000));
                        chunk.extend_from_slice(b"\r\n");
                        while stream.write_all(&chunk).await.is_ok() {
                            tokio::time::sleep(Duration::from_millis(1)).await;
                        }
                    }
                    Answer::Huge => {
                        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1073741824\r\n\r\n";
                        let _ = stream.write_all(head.as_bytes()).await;
                        tokio::time::sleep(Duration::from_secs(60)).await;
                    }
                    Answer::ShortBody => {
                        let response = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n[1, 2, 3,";
                        let _ = stream.write_all(response.as_bytes()).await;
                    }
                }
            });
        }
    });
    (url, connections)
}

fn raw_core(url: &str, config: Config) -> ClientCore {
    ClientCore::new(config.base_url(url), "http://unused", SCHEMES).unwrap()
}

fn connections_of(counter: &std::sync::atomic::AtomicUsize) -> usize {
    counter.load(std::sync::atomic::Ordering::SeqCst)
}

#[tokio::test]
async fn a_get_whose_connection_is_closed_or_reset_before_any_byte_is_retried() {
    for first in [Answer::Close, Answer::Reset] {
        let (url, connections) = raw_server(vec![first, Answer::Json("5")]).await;
        let core = raw_core(&url, config());
        let request = core.request(Method::GET, "/thing").unwrap();
        let value = core.send_json::<Value, Value>(request).await.unwrap();
        assert_eq!(value, 5);
        assert_eq!(connections_of(&connections), 2);
    }
}

#[tokio::test]
async fn a_post_or_patch_whose_connection_is_closed_is_never_retried() {
    for method in [Method::POST, Method::PATCH] {
        for first in [Answer::Close, Answer::Reset] {
            let (url, connections) = raw_server(vec![first, Answer::Json("5")]).await;
            let core = raw_core(&url, config());
            let mut request = core.request(method.clone(), "/thing").unwrap();
            request
                .json_body(&serde_json::json!({"a": 1}), "application/json")
                .unwrap();
            let error = core.send_json::<Value, Value>(request).await.unwrap_err();
            assert!(matches!(error, Error::Transport(_)), "{error:?}");
            assert_eq!(connections_of(&connections), 1, "{method} was sent again");
        }
    }
}

#[tokio::test]
async fn transport_errors_say_which_kind() {
    async fn kind_of(url: &str, method: Method, config: Config) -> (TransportKind, String) {
        let core = raw_core(url, config.retry(RetryPolicy::none()));
        let request = core.request(method, "/thing").unwrap();
        match core.send_json::<Value, Value>(request).await {
            Err(Error::Transport(error)) => (error.kind(), error.to_string()),
            other => panic!("expected a transport error, got {other:?}"),
        }
    }
    let refused = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let (plain, _) = raw_server(vec![Answer::AtOnce]).await;
    let (silent, _) = raw_server(vec![Answer::Silent]).await;
    let (closing, _) = raw_server(vec![Answer::Close]).await;
    let (short, _) = raw_server(vec![Answer::ShortBody]).await;
    let short_timeout = Config::new().timeout(Duration::from_millis(300));
    let cases = [
        (
            refused,
            Method::GET,
            Config::new(),
            TransportKind::ConnectionRefused,
        ),
        (
            "http://no-such-host.invalid".to_owned(),
            Method::GET,
            Config::new(),
            TransportKind::Dns,
        ),
        (
            plain.replace("http:", "https:"),
            Method::GET,
            Config::new(),
            TransportKind::Tls,
        ),
        (silent, Method::GET, short_timeout, TransportKind::Timeout),
        (
            closing,
            Method::POST,
            Config::new(),
            TransportKind::ConnectionClosed,
        ),
        (short, Method::GET, Config::new(), TransportKind::Body),
    ];
    for (url, method, config, expected) in cases {
        let (kind, text) = kind_of(&url, method, config).await;
        assert_eq!(kind, expected, "{url}: {text}");
        assert!(text.starts_with(&expected.to_string()), "{text}");
        assert!(!text.contains("error sending request"), "{text}");
    }
}

#[tokio::test]
async fn a_timeout_is_one_deadline_for_the_whole_call_retries_included() {
    let (url, connections) = raw_server(vec![Answer::Silent]).await;
    let core = raw_core(&url, config().timeout(Duration::from_millis(500)));
    let started = Instant::now();
    let error = get(&core, &[]).await.unwrap_err();
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_millis(450) && elapsed < Duration::from_secs(1),
        "took {elapsed:?}"
    );
    assert!(
        matches!(&error, Error::Transport(e) if e.is_timeout()),
        "{error:?}"
    );
    assert_eq!(connections_of(&connections), 1);
}

#[tokio::test]
async fn a_backoff_that_would_pass_the_deadline_is_not_waited() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "5"))
        .mount(&server)
        .await;
    let core = core(&server, config().timeout(Duration::from_secs(1)));
    let started = Instant::now();
    let error = get(&core, &[]).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(1), "{error:?}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503), "{error:?}");
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn each_attempt_can_have_its_own_limit_within_the_deadline() {
    let (url, connections) = raw_server(vec![Answer::Silent]).await;
    let limited = config()
        .timeout(Duration::from_secs(5))
        .attempt_timeout(Duration::from_millis(200));
    let core = raw_core(&url, limited);
    let started = Instant::now();
    let error = get(&core, &[]).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2), "{error:?}");
    assert!(
        error.to_string().contains("attempt limit of 200ms"),
        "{error}"
    );
    assert_eq!(connections_of(&connections), 3, "each attempt was retried");
}

#[tokio::test]
async fn an_error_body_is_read_only_up_to_the_cap() {
    use astro_client::runtime::MAX_ERROR_BODY_BYTES;
    let (url, _) = raw_server(vec![Answer::Endless(500)]).await;
    let core = raw_core(&url, config().timeout(Duration::from_secs(2)));
    let started = Instant::now();
    let error = get(&core, &[]).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(1), "{error:?}");
    let Error::Api(api_error) = &error else {
        panic!("expected an API error, got {error:?}")
    };
    assert_eq!(api_error.status.as_u16(), 500);
    assert_eq!(api_error.raw_body.len(), MAX_ERROR_BODY_BYTES);
    assert!(api_error.raw_body_truncated);
}

#[tokio::test]
async fn a_success_body_past_the_limit_is_an_error_not_an_allocation() {
    use astro_client::runtime::DEFAULT_MAX_RESPONSE_BYTES;
    assert_eq!(DEFAULT_MAX_RESPONSE_BYTES, 64 * 1024 * 1024);
    // A body that never ends is read only up to the limit.
    let (url, _) = raw_server(vec![Answer::Endless(200)]).await;
    let limited = config()
        .timeout(Duration::from_secs(5))
        .max_response_bytes(1024 * 1024);
    let core = raw_core(&url, limited);
    let started = Instant::now();
    let error = get(&core, &[]).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2), "{error:?}");
    assert!(
        matches!(error, Error::TooLarge { limit: 1048576, .. }),
        "{error:?}"
    );
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
    assert!(
        error.to_string().contains("Config::max_response_bytes"),
        "{error}"
    );

    // A body whose announced length is past the default limit is refused before any of it is read.
    let (url, _) = raw_server(vec![Answer::Huge]).await;
    let core = raw_core(&url, config().timeout(Duration::from_secs(5)));
    let started = Instant::now();
    let error = get(&core, &[]).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(1), "{error:?}");
    assert!(matches!(error, Error::TooLarge { .. }), "{error:?}");
}

fn v1_client(server: &MockServer) -> astro_client::v1::Client {
    astro_client::v1::Client::with_config(config().base_url(server.uri()).bearer_token(SECRET))
        .unwrap()
}

#[tokio::test]
async fn debug_shows_a_body_as_text_cut_short_with_its_length() {
    let server = MockServer::start().await;
    let page = format!("<!DOCTYPE html>\n<p>{}</p>", "Bad gateway. ".repeat(16_000));
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(500).set_body_raw(page, "text/html"))
        .mount(&server)
        .await;
    let error = get(&core(&server, config()), &[]).await.unwrap_err();
    let debug = format!("{error:?}");
    assert!(debug.len() < 2_000, "{} characters: {debug}", debug.len());
    assert!(
        debug.contains("\"<!DOCTYPE html>\\n<p>Bad gateway."),
        "{debug}"
    );
    assert!(
        debug.contains("(65536 bytes kept of a longer body)"),
        "{debug}"
    );
    assert_eq!(
        error.to_string(),
        "the server answered 500 Internal Server Error: <!DOCTYPE html>"
    );
}

#[tokio::test]
async fn display_shows_the_status_and_the_servers_message() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/organizations/org-1"))
        .respond_with(ResponseTemplate::new(404).set_body_json(
            serde_json::json!({"message": "organization not found", "requestId": "r-1", "statusCode": 404}),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/organizations/org-2"))
        .respond_with(
            ResponseTemplate::new(403)
                .set_body_raw("\n  Forbidden: no access\nsee the docs", "text/plain"),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/thing"))
        .respond_with(ResponseTemplate::new(409).set_body_json(serde_json::json!({
            "type": "about:blank", "title": "Conflict", "detail": "the name is taken"
        })))
        .mount(&server)
        .await;
    let client = v1_client(&server);
    let error = client.get_organization("org-1").send().await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "the server answered 404 Not Found: organization not found"
    );
    let error = client.get_organization("org-2").send().await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "the server answered 403 Forbidden: Forbidden: no access"
    );
    // Without a documented error type the body decodes as a JSON value; an RFC 9457 problem gives its detail.
    let error = get(&core(&server, config()), &[]).await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "the server answered 409 Conflict: the name is taken"
    );
}

#[tokio::test]
async fn a_body_that_does_not_decode_names_its_content_type_and_the_failing_field() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/organizations/org-1/clusters"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "clusters": [], "limit": 10, "offset": "zero", "totalCount": 0
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/organizations/org-2/clusters"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw("<html>maintenance</html>", "text/html"),
        )
        .mount(&server)
        .await;
    let client = v1_client(&server);
    let error = client.list_clusters("org-1").send().await.unwrap_err();
    let text = error.to_string();
    assert!(
        text.starts_with("the 200 OK response (Content-Type `application/json`) does not match the documented type: at `offset`: invalid type: string \"zero\""),
        "{text}"
    );
    let error = client.list_clusters("org-2").send().await.unwrap_err();
    assert!(
        error.to_string().contains("(Content-Type `text/html`)"),
        "{error}"
    );
    let Error::Decode(decode) = &error else {
        panic!("expected a decode error, got {error:?}")
    };
    assert_eq!(decode.content_type.as_deref(), Some("text/html"));
    assert!(format!("{error:?}").contains("\"<html>maintenance</html>\" (24 bytes)"));
}

#[tokio::test]
async fn a_refused_redirect_says_where_it_led() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(302).insert_header(
            "Location",
            "https://elsewhere.example/login?session=abc#top",
        ))
        .mount(&server)
        .await;
    let error = get(&core(&server, config()), &[]).await.unwrap_err();
    assert!(
        matches!(&error, Error::Redirect { location, .. } if location == "https://elsewhere.example/login"),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "the server answered 302 Found, a redirect to another origin (https://elsewhere.example/login), which is not followed so that credentials stay with the configured server"
    );
}

#[tokio::test]
async fn every_request_sends_accept_for_what_it_decodes() {
    let server = MockServer::start().await;
    // Like a server that negotiates: JSON only for a client that asks for it, text otherwise.
    Mock::given(method("GET"))
        .and(|request: &Request| {
            request
                .headers
                .get("accept")
                .and_then(|value| value.to_str().ok())
                .is_some_and(|accept| accept.contains("application/json"))
        })
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "clusters": [], "limit": 10, "offset": 0, "totalCount": 0
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("clusters: none", "text/plain"))
        .mount(&server)
        .await;
    let page = v1_client(&server)
        .list_clusters("org-1")
        .send()
        .await
        .unwrap();
    assert_eq!(page.total_count, 0);
    let accept = received(&server).await[0]
        .headers
        .get("accept")
        .map(|value| value.to_str().unwrap().to_owned());
    assert_eq!(accept.as_deref(), Some("application/json"));
}

fn ip_range(id: &str) -> Value {
    serde_json::json!({
        "createdAt": "2026-04-02T10:00:00Z",
        "id": id,
        "ipAddressRange": "10.0.0.0/8",
        "organizationId": "org-1",
        "updatedAt": "2026-04-02T10:00:00Z"
    })
}

/// Reads a whole stream, failing the test if it does not end within 10 s.
async fn collect_within<S: futures_util::Stream>(stream: S) -> Vec<S::Item> {
    use futures_util::StreamExt;
    tokio::time::timeout(Duration::from_secs(10), stream.collect())
        .await
        .expect("the stream ends")
}

#[tokio::test]
async fn a_stream_stops_when_the_server_ignores_the_offset() {
    use astro_client::runtime::PaginationError;
    let server = MockServer::start().await;
    // Every request gets the first page again, with a total that is never reached.
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "allowedIpAddressRanges": [ip_range("a"), ip_range("b")],
            "limit": 2, "offset": 0, "totalCount": 1_000_000
        })))
        .mount(&server)
        .await;
    let items = collect_within(
        v1_client(&server)
            .list_allowed_ip_address_ranges("org-1")
            .stream(),
    )
    .await;
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(items[..2].iter().all(Result::is_ok));
    let error = items[2].as_ref().unwrap_err();
    assert!(
        matches!(
            error,
            Error::Pagination(PaginationError::RepeatedPage { page: 2 })
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("no progress"), "{error}");
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn a_stream_stops_at_the_configured_page_limit() {
    use astro_client::runtime::{PaginationError, DEFAULT_MAX_PAGES};
    assert_eq!(DEFAULT_MAX_PAGES, 10_000);
    let server = MockServer::start().await;
    // A different page for every offset, and always more to come.
    Mock::given(method("GET"))
        .respond_with(|request: &Request| {
            let offset = request
                .url
                .query_pairs()
                .find(|(name, _)| name == "offset")
                .map_or(0, |(_, value)| value.parse::<i64>().unwrap());
            ResponseTemplate::new(200).set_body_json(serde_json::json!({
                "allowedIpAddressRanges": [ip_range(&format!("range-{offset}"))],
                "limit": 1, "offset": offset, "totalCount": 1_000_000
            }))
        })
        .mount(&server)
        .await;
    let client = astro_client::v1::Client::with_config(
        config()
            .base_url(server.uri())
            .bearer_token(SECRET)
            .max_pages(3),
    )
    .unwrap();
    let items = collect_within(client.list_allowed_ip_address_ranges("org-1").stream()).await;
    assert_eq!(items.len(), 4, "{items:?}");
    assert_eq!(items[2].as_ref().unwrap().id, "range-2");
    assert!(
        matches!(
            items[3],
            Err(Error::Pagination(PaginationError::TooManyPages {
                limit: 3
            }))
        ),
        "{:?}",
        items[3]
    );
    assert_eq!(received(&server).await.len(), 3);
}

/// `data` as gzip with one stored (uncompressed) deflate block; `data` is at most 65 535 bytes.
fn gzip(data: &[u8]) -> Vec<u8> {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    let length = u16::try_from(data.len()).unwrap();
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 1];
    out.extend(length.to_le_bytes());
    out.extend((!length).to_le_bytes());
    out.extend_from_slice(data);
    out.extend((!crc).to_le_bytes());
    out.extend(u32::from(length).to_le_bytes());
    out
}

/// `data` as brotli (RFC 7932): one uncompressed meta-block, then an empty last one; `data` is 1 to 65 536 bytes.
fn brotli(data: &[u8]) -> Vec<u8> {
    // Bits from the lowest: window 16 (0), not last (0), four length nibbles (00), the length less one (16 bits),
    // uncompressed (1), padding.
    let length = u32::try_from(data.len() - 1).unwrap();
    let mut out = vec![
        ((length & 0x0f) << 4) as u8,
        ((length >> 4) & 0xff) as u8,
        (((length >> 12) & 0x0f) | 0x10) as u8,
    ];
    out.extend_from_slice(data);
    out.push(0x03);
    out
}

#[tokio::test]
async fn gzip_and_brotli_answers_are_decompressed() {
    let server = MockServer::start().await;
    let body = br#"{"compressed": true}"#;
    for (route, encoding, bytes) in [("/gzip", "gzip", gzip(body)), ("/br", "br", brotli(body))] {
        Mock::given(method("GET"))
            .and(path(route))
            .respond_with(
                ResponseTemplate::new(200)
                    .insert_header("content-encoding", encoding)
                    .set_body_raw(bytes, "application/json"),
            )
            .mount(&server)
            .await;
    }
    let core = core(&server, config());
    for route in ["/gzip", "/br"] {
        let request = core.request(Method::GET, route).unwrap();
        let value = core.send_json::<Value, Value>(request).await.unwrap();
        assert_eq!(value, serde_json::json!({"compressed": true}), "{route}");
    }
    let accept_encoding = received(&server).await[0]
        .headers
        .get("accept-encoding")
        .map(|value| value.to_str().unwrap().to_owned())
        .unwrap_or_default();
    assert!(
        accept_encoding.contains("gzip") && accept_encoding.contains("br"),
        "{accept_encoding}"
    );
}

#[tokio::test]
async fn idle_connections_per_host_are_configurable() {
    async fn connections_for_two_calls(config: Config) -> usize {
        let (url, connections) = raw_server(vec![Answer::KeepAlive("1")]).await;
        let core = raw_core(&url, config);
        for _ in 0..2 {
            let request = core.request(Method::GET, "/thing").unwrap();
            core.send_json::<Value, Value>(request).await.unwrap();
        }
        connections_of(&connections)
    }
    assert_eq!(connections_for_two_calls(config()).await, 1, "reused");
    assert_eq!(
        connections_for_two_calls(config().max_idle_per_host(0)).await,
        2,
        "none kept idle"
    );
}

#[tokio::test]
async fn one_streamed_value_past_the_limit_ends_the_stream() {
    use astro_client::runtime::{decode, Framing};
    use futures_util::StreamExt;
    let (url, _) = raw_server(vec![Answer::Endless(200)]).await;
    let core = raw_core(&url, config().max_response_bytes(1024 * 1024));
    // Server-sent events: the endless line never completes an event.
    let request = core.request(Method::GET, "/events").unwrap();
    let events = core
        .send_events::<Value, Value>(request, decode::json_error)
        .await
        .unwrap();
    let items = collect_within(events).await;
    assert_eq!(items.len(), 1, "{items:?}");
    assert!(
        matches!(items[0], Err(Error::TooLarge { limit: 1048576, .. })),
        "{:?}",
        items[0]
    );
    // JSON Lines: the endless line never completes a value.
    let request = core.request(Method::GET, "/lines").unwrap();
    let values = core
        .send_values::<Value, Value>(request, Framing::JsonLines, decode::json_error)
        .await
        .unwrap();
    let items = collect_within(values.take(5)).await;
    assert_eq!(items.len(), 1, "{items:?}");
    assert!(
        matches!(items[0], Err(Error::TooLarge { .. })),
        "{:?}",
        items[0]
    );
}

struct FailingProvider;

impl TokenProvider for FailingProvider {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(async { Err("login refused: 401 Unauthorized".into()) })
    }
}

#[tokio::test]
async fn a_failing_token_provider_ends_the_call_with_its_reason_and_sends_nothing() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    let core = core(&server, Config::new().token_provider(FailingProvider));
    let error = get(&core, &[&["jwt"]]).await.unwrap_err();
    match &error {
        Error::Transport(transport) => assert_eq!(transport.kind(), TransportKind::Credentials),
        other => panic!("{other:?}"),
    }
    assert!(error.to_string().contains("login refused"), "{error}");
    assert!(received(&server).await.is_empty(), "nothing is sent");
}

#[test]
fn empty_tokens_and_line_breaks_in_credentials_are_refused_before_sending() {
    let refused = |config: Config| {
        let error = ClientCore::new(config, "http://127.0.0.1:9", SCHEMES).unwrap_err();
        assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
        error.to_string()
    };
    assert!(refused(Config::new().bearer_token("")).contains("the bearer token is empty"));
    assert!(refused(Config::new().bearer_token("  \t")).contains("empty"));
    let message = refused(Config::new().bearer_token("abc\r\nX-Injected: 1"));
    assert!(
        message.contains("line break") && !message.contains("abc"),
        "{message}"
    );
    assert!(refused(Config::new().api_key("header_key", "k\n")).contains("API key"));
    assert!(refused(Config::new().basic_auth("ada", "pw\r")).contains("password"));
    assert!(refused(Config::new().user_agent("agent\r\nX: y")).contains("User-Agent"));
}

#[tokio::test]
async fn a_stream_is_unpin_and_iterates_with_the_reexported_extension_trait() {
    use astro_client::runtime::StreamExt;
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "allowedIpAddressRanges": [ip_range("a")], "limit": 1, "offset": 0, "totalCount": 1
        })))
        .mount(&server)
        .await;
    let client = v1_client(&server);
    // No `pin!`: the stream is `Unpin`.
    let mut stream = client.list_allowed_ip_address_ranges("org-1").stream();
    let mut ids = Vec::new();
    while let Some(range) = stream.next().await {
        ids.push(range.unwrap().id);
    }
    assert_eq!(ids, ["a"]);
}
