//! Round trips through the code generated for the fixture documents: decode a realistic JSON value, encode it
//! again, and compare. Copied into the fixture crate and run there by `emitted_code.rs`.

use serde_json::{json, Value};

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(value: Value) -> T {
    let decoded: T = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(serde_json::to_value(&decoded).unwrap(), value, "the value must come back unchanged");
    decoded
}

#[test]
fn discriminated_union_decodes_the_right_variant_and_writes_its_tag() {
    use fixtures::one_of::types::{CreateClusterRequest, CreateGcpClusterRequest};
    let decoded: CreateClusterRequest = round_trip(json!({"cloudProvider": "GCP", "region": "europe-west4"}));
    assert!(matches!(&decoded, CreateClusterRequest::Gcp(gcp) if gcp.region == "europe-west4"));

    // The GCP schema does not require `cloudProvider`; the union writes it anyway.
    let built = CreateClusterRequest::Gcp(CreateGcpClusterRequest::new("us-east1".to_owned()));
    assert_eq!(serde_json::to_value(&built).unwrap(), json!({"cloudProvider": "GCP", "region": "us-east1"}));

    let unknown: CreateClusterRequest = round_trip(json!({"cloudProvider": "IBM", "region": "x", "zone": 3}));
    assert!(matches!(unknown, CreateClusterRequest::Unknown(_)));
}

#[test]
fn union_without_discriminator_is_tagged_by_the_pinned_property() {
    use fixtures::one_of::types::Shape2;
    let square: Shape2 = round_trip(json!({"kind": "square", "side": 2.5}));
    assert!(matches!(square, Shape2::Square(_)));
    let circle: Shape2 = round_trip(json!({"kind": "circle", "radius": 1.0}));
    assert!(matches!(circle, Shape2::Circle(_)));
    let point: Shape2 = round_trip(json!({"kind": "point"}));
    assert!(matches!(point, Shape2::Point(_)));
}

#[test]
fn inline_members_leave_the_tag_to_the_union() {
    use fixtures::one_of::types::{Shape2, Shape2Variant1, Shape2Variant2};
    // The member structs have no `kind` field: the union writes the tag of the variant it is.
    let square = Shape2::Square(Shape2Variant1::new(2.5));
    assert_eq!(serde_json::to_value(&square).unwrap(), json!({"kind": "square", "side": 2.5}));
    let point = Shape2::Point(Shape2Variant2::new());
    assert_eq!(serde_json::to_value(&point).unwrap(), json!({"kind": "point"}));
}

#[test]
fn one_of_documented_values_is_one_open_enum() {
    use fixtures::one_of::types::Speed;
    assert_eq!(round_trip::<Speed>(json!("fast")), Speed::Fast);
    assert_eq!(round_trip::<Speed>(json!("slow")), Speed::Slow);
    assert_eq!(round_trip::<Speed>(json!("warp")), Speed::Unknown("warp".to_owned()));
}

#[test]
fn untagged_union_tries_the_most_specific_member_first() {
    use fixtures::one_of::types::Shape;
    assert!(matches!(round_trip::<Shape>(json!("plain text")), Shape::String(_)));
    let object: Shape = round_trip(json!({"cloudProvider": "AWS", "region": "us-east-1"}));
    assert!(matches!(object, Shape::CreateAwsClusterRequest(_)));
}

#[test]
fn untagged_union_of_objects_takes_the_member_whose_properties_match_best() {
    use fixtures::one_of::types::NoteOrReminder;
    // The first member decodes from any object; in document order it would swallow the reminder.
    let reminder: NoteOrReminder = round_trip(json!({"at": "09:00", "repeat": 2}));
    match reminder {
        NoteOrReminder::Reminder(reminder) => assert_eq!(reminder.repeat, Some(2)),
        other => panic!("decoded as {other:?}"),
    }
    let note: NoteOrReminder = round_trip(json!({"text": "hello"}));
    assert!(matches!(note, NoteOrReminder::Note(_)), "{note:?}");
    let neither = serde_json::from_value::<NoteOrReminder>(json!([1]));
    assert!(neither.unwrap_err().to_string().contains("matches no member of `NoteOrReminder`"));
}

#[test]
fn unknown_enum_values_are_kept() {
    use fixtures::enums::types::{Token, TokenKind};
    let token: Token = round_trip(json!({"kind": "SHARED_SECRET", "sort": ">="}));
    assert_eq!(token.kind, TokenKind::Unknown("SHARED_SECRET".to_owned()));
    let known: Token = round_trip(json!({"kind": "DIRECT_ACCESS"}));
    assert_eq!(known.kind, TokenKind::DirectAccess);
}

#[test]
fn open_enums_convert_both_ways_and_keep_unknown_values() {
    use fixtures::enums::types::TokenKind;
    for (value, wire) in [(TokenKind::Standard, "STANDARD"), (TokenKind::DirectAccess, "DIRECT_ACCESS")] {
        assert_eq!(value.as_str(), wire);
        assert_eq!(TokenKind::from(wire), value);
        assert_eq!(value.to_string(), wire);
        assert_eq!(serde_json::to_value(&value).unwrap(), json!(wire));
    }
    let unknown = TokenKind::from("SHARED_SECRET");
    assert_eq!(unknown, TokenKind::Unknown("SHARED_SECRET".to_owned()));
    assert_eq!(unknown.as_str(), "SHARED_SECRET");
    assert_eq!(serde_json::to_value(&unknown).unwrap(), json!("SHARED_SECRET"));
    // A wire value is matched exactly, never by case-folding.
    assert!(matches!(TokenKind::from("direct_access"), TokenKind::Unknown(_)));
    assert!(serde_json::from_value::<TokenKind>(json!(3)).is_err(), "a number is no string enum value");
}

#[test]
fn nullable_fields_keep_absent_and_null_apart() {
    use fixtures::objects::types::Widget;
    let base = json!({"id": "w1", "createdAt": "2026-04-02T10:00:00Z", "label": null, "type": "gear", "self": true});
    let widget: Widget = round_trip(base.clone());
    assert_eq!(widget.label, None, "required and nullable: null is None and is written back as null");
    assert_eq!(widget.note, None, "absent stays absent");

    let mut with_null = base.clone();
    with_null["note"] = Value::Null;
    let widget: Widget = round_trip(with_null);
    assert_eq!(widget.note, Some(None), "an explicit null is kept");

    let mut with_text = base;
    with_text["note"] = json!("hello");
    assert_eq!(round_trip::<Widget>(with_text).note, Some(Some("hello".to_owned())));
}

#[test]
fn objects_are_decoded_from_json_text_as_serde_would() {
    use fixtures::objects::types::Widget;
    let decode = |text: &str| serde_json::from_str::<Widget>(text).map_err(|error| error.to_string());
    let base = r#""id": "w1", "createdAt": "2026-04-02T10:00:00Z", "label": "L""#;

    // Escaped member names are unescaped before they are matched; unknown members are skipped.
    let widget = decode(&format!(r#"{{{base}, "n\u006fte": "hi", "unlisted": [1, {{"x": null}}]}}"#)).unwrap();
    assert_eq!(widget.note, Some(Some("hi".to_owned())));
    // A required member that may be null may also be absent, as serde's derive allowed.
    let widget = decode(r#"{"id": "w1", "createdAt": "2026-04-02T10:00:00Z"}"#).unwrap();
    assert_eq!(widget.label, None);

    let missing = decode(r#"{"createdAt": "2026-04-02T10:00:00Z"}"#).unwrap_err();
    assert!(missing.starts_with("missing field `id`"), "{missing}");
    let repeated = decode(&format!(r#"{{{base}, "id": "w2"}}"#)).unwrap_err();
    assert!(repeated.starts_with("duplicate field `id`"), "{repeated}");
    let wrong_type = decode(&format!(r#"{{{base}, "note": 5}}"#)).unwrap_err();
    assert!(wrong_type.starts_with("invalid type: integer `5`, expected a string"), "{wrong_type}");
    let not_an_object = decode(r#"["w1", "2026-04-02T10:00:00Z"]"#).unwrap_err();
    assert!(not_an_object.starts_with("invalid type: sequence, expected a `Widget` object"), "{not_an_object}");
}

#[test]
fn recursive_and_free_form_values_round_trip() {
    use fixtures::objects::types::Widget;
    let value = json!({
        "id": "w2", "createdAt": "2026-04-02T10:00:00Z", "label": "L",
        "owner": {"name": "a", "manager": {"name": "b", "manager": {"name": "c"}}},
        "metadata": {"nested": [1, {"deep": null}]}
    });
    let widget: Widget = round_trip(value);
    assert_eq!(widget.owner.unwrap().manager.unwrap().manager.unwrap().name.as_deref(), Some("c"));
}

#[test]
fn additional_properties_are_kept_beside_known_ones() {
    use fixtures::arrays_maps::types::Cluster;
    let cluster: Cluster = round_trip(json!({
        "nodes": [{"name": "n1"}],
        "labels": {"team": "data"},
        "limits": {"cpu": 4},
        "extras": {"known": "k", "unlisted": {"any": true}}
    }));
    let extras = cluster.extras.unwrap();
    assert_eq!(extras.known.as_deref(), Some("k"));
    assert_eq!(extras.additional_properties["unlisted"], json!({"any": true}));
}

#[test]
fn responses_are_decoded_by_their_status() {
    use fixtures::responses::{ExportThingResponse, PutThingError, PutThingResponse};
    use fixtures::runtime::{Bytes, StatusCode};
    let ok = PutThingResponse::decode(StatusCode::OK, Bytes::from_static(br#"{"id": "t1"}"#)).unwrap();
    assert!(matches!(ok, PutThingResponse::Ok(thing) if thing.id == "t1"));
    let created = PutThingResponse::decode(StatusCode::CREATED, Bytes::from_static(br#"{"location": "/t2"}"#));
    assert!(matches!(created, Ok(PutThingResponse::Created(body)) if body.location.as_deref() == Some("/t2")));
    assert_eq!(PutThingResponse::decode(StatusCode::NO_CONTENT, Bytes::new()), Ok(PutThingResponse::NoContent));
    // A 2xx the document does not list is reported, not guessed.
    assert!(PutThingResponse::decode(StatusCode::ACCEPTED, Bytes::new()).is_err());
    let csv = ExportThingResponse::decode(StatusCode::OK, Bytes::from_static(b"a,b\n1,2\n")).unwrap();
    assert_eq!(csv, ExportThingResponse::Ok("a,b\n1,2\n".to_owned()));

    // Exact codes win over ranges, ranges over `default`.
    let not_found = PutThingError::decode(StatusCode::NOT_FOUND, br#"{"message": "no", "statusCode": 404}"#);
    assert!(matches!(not_found, Some(PutThingError::NotFound(error)) if error.status_code == 404));
    let conflict = PutThingError::decode(StatusCode::CONFLICT, br#"{"title": "busy", "status": 409}"#);
    assert!(matches!(conflict, Some(PutThingError::ClientError(problem)) if problem.status == Some(409)));
    let other = PutThingError::decode(StatusCode::BAD_GATEWAY, br#"{"anything": true}"#);
    assert!(matches!(other, Some(PutThingError::Default(_))));
    // A body that does not match its status's shape stays raw.
    assert_eq!(PutThingError::decode(StatusCode::NOT_FOUND, b"<html>"), None);
}

#[test]
fn formats_keep_their_full_range_and_encoding() {
    use fixtures::formats::types::{Level, Priority, Sample, SampleKind, Setting};
    let sample: Sample = round_trip(json!({
        "id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
        "size": u64::MAX,
        "huge": i64::MIN,
        "checksum": "aGVsbG8=",
        "created": "2026-04-02T10:00:00Z",
        "day": "2026-04-02",
        "level": 10,
        "priority": -1,
        "setting": 2.5,
        "kind": "sample"
    }));
    assert_eq!(sample.id.to_string(), "7c9e6679-7425-40de-944b-e07fc1f90ae7");
    assert_eq!(sample.size, u64::MAX);
    assert_eq!(sample.huge, Some(i128::from(i64::MIN)));
    // Beyond 64 bits only the text form can carry the value (a `serde_json::Value` cannot).
    let text = r#"{"id": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "size": 1, "checksum": "", "huge": -170141183460469231731687303715884105728}"#;
    let wide: Sample = serde_json::from_str(text).unwrap();
    assert_eq!(wide.huge, Some(i128::MIN));
    assert!(serde_json::to_string(&wide).unwrap().contains("-170141183460469231731687303715884105728"));
    assert_eq!(&*sample.checksum, b"hello");
    assert_eq!(sample.level, Some(Level::Info));
    assert_eq!(sample.priority, Some(Priority::Minus1));
    assert_eq!(sample.setting, Some(Setting::Value25));
    assert_eq!(sample.kind, Some(SampleKind::Sample));

    // Values a release does not list are kept, whatever their JSON type.
    let unknown: Sample = round_trip(json!({
        "id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
        "size": 0,
        "checksum": "",
        "level": 30,
        "setting": {"mode": "x"}
    }));
    assert_eq!(unknown.level, Some(Level::Unknown(30)));
    assert_eq!(unknown.setting, Some(Setting::Unknown(json!({"mode": "x"}))));

    // A malformed uuid or base64 text is a decode error, not a silently wrong value.
    let bad_id = json!({"id": "not-a-uuid", "size": 0, "checksum": ""});
    assert!(serde_json::from_value::<Sample>(bad_id).is_err());
    let bad_bytes = json!({"id": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "size": 0, "checksum": "!!"});
    assert!(serde_json::from_value::<Sample>(bad_bytes).is_err());
}

#[test]
fn one_way_properties_are_optional_in_the_direction_that_lacks_them() {
    use fixtures::fields::types::{Account, Plan};
    // A request leaves out the read-only `id`; a response leaves out the write-only `password`.
    let mut request = Account::new("ada".to_owned(), Plan::Team);
    request.password = Some("secret".into());
    assert!(!format!("{request:?}").contains("secret"), "a password is never printed");
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({"name": "ada", "password": "secret", "plan": "team"})
    );
    let response: Account = round_trip(json!({"id": "a1", "name": "ada", "plan": "free", "owner": null}));
    assert_eq!(response.id.as_deref(), Some("a1"));
    assert_eq!(response.password, None);
    // `nullable` beside the `$ref` is honoured: `null` and absent stay apart.
    assert_eq!(response.owner, Some(None));
}

#[test]
fn request_bodies_are_built_with_chained_setters() {
    use fixtures::fields::types::{Account, Plan};
    // Setters take anything that converts: `&str` for a `String` or a secret, an array of `&str` for a
    // `Vec<String>`, pairs for a map; a number as it is.
    let account = Account::new("ada".to_owned(), Plan::Team)
        .password("secret")
        .seats(3)
        .note("first")
        .tags(["ops", "on-call"])
        .quotas([("cpu", 4), ("memory", 16)]);
    assert_eq!(account.note, Some(Some("first".to_owned())));
    assert_eq!(
        serde_json::to_value(&account).unwrap(),
        json!({
            "name": "ada",
            "password": "secret",
            "plan": "team",
            "seats": 3,
            "note": "first",
            "tags": ["ops", "on-call"],
            "quotas": {"cpu": 4, "memory": 16},
        })
    );
    // A nullable optional field: absent, `null` and a value are three different requests.
    let cleared = Account::new("ada".to_owned(), Plan::Free).note_null();
    assert_eq!(cleared.note, Some(None));
    assert_eq!(
        serde_json::to_value(&cleared).unwrap(),
        json!({"name": "ada", "plan": "free", "note": null})
    );
    let untouched = Account::new("ada".to_owned(), Plan::Free);
    assert_eq!(serde_json::to_value(&untouched).unwrap(), json!({"name": "ada", "plan": "free"}));
    // The last setter called wins; collections accept any iterator of convertible items.
    let names = vec!["a".to_owned(), "b".to_owned()];
    let rebuilt = cleared.note("again").tags(names.iter().map(String::as_str));
    assert_eq!(rebuilt.note, Some(Some("again".to_owned())));
    assert_eq!(rebuilt.tags, Some(names));
}

/// Serves one request on a loopback port with an empty 204 and hands back what arrived: its head, a blank line
/// and its body.
fn capture_one_request() -> (String, std::sync::mpsc::Receiver<String>) {
    answer_one_request(b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
}

/// Serves one request on a loopback port with `response` and hands back what arrived.
fn answer_one_request(response: &'static [u8]) -> (String, std::sync::mpsc::Receiver<String>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut head = String::new();
        let mut length = 0;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = value.trim().parse().unwrap();
            }
            if line == "\r\n" {
                break;
            }
            head.push_str(&line);
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        stream.write_all(response).unwrap();
        sender.send(format!("{head}\r\n{}", String::from_utf8_lossy(&body))).unwrap();
    });
    (url, receiver)
}

#[tokio::test]
async fn a_body_offered_in_several_media_types_is_sent_as_the_caller_chooses() {
    use fixtures::bodies::{types::Widget, Client};
    use fixtures::runtime::Config;
    let mut widget = Widget::new();
    widget.name = Some("w 1".to_owned());
    for choice in 0..3 {
        let (url, received) = capture_one_request();
        let client = Client::with_config(Config::new().base_url(url)).unwrap();
        let request = client.create_order(widget.clone());
        let request = match choice {
            0 => request,
            1 => request.body_as_x_www_form_urlencoded(),
            _ => request.body_as_form_data(),
        };
        request.send().await.unwrap();
        let request = received.recv().unwrap().to_ascii_lowercase();
        let (content_type, body) = match choice {
            0 => ("content-type: application/json\r\n", "{\"name\":\"w 1\"}"),
            1 => ("content-type: application/x-www-form-urlencoded\r\n", "\r\n\r\nname=w+1"),
            _ => ("content-type: multipart/form-data; boundary=", "name=\"name\"\r\n\r\nw 1\r\n"),
        };
        assert!(request.contains(content_type) && request.contains(body), "{request}");
    }
    // A `+json` media type is sent as itself. (The loopback server's empty 204 is not the widget the operation
    // returns, so the call itself fails to decode; only the request matters here.)
    let (url, received) = capture_one_request();
    let client = Client::with_config(Config::new().base_url(url)).unwrap();
    let _ = client.update_widget("w1").body(widget).send().await;
    assert!(received.recv().unwrap().contains("content-type: application/merge-patch+json\r\n"));
}

#[tokio::test]
async fn a_download_can_be_read_as_a_stream() {
    use fixtures::bodies::Client;
    use fixtures::runtime::Config;
    use futures_util::TryStreamExt;
    let (url, _received) = answer_one_request(
        b"HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ncontent-length: 6\r\nconnection: close\r\n\r\n\x00\x9f\xffabc",
    );
    let client = Client::with_config(Config::new().base_url(url)).unwrap();
    let chunks: Vec<_> = client.upload_file("f").send_stream().await.unwrap().try_collect().await.unwrap();
    assert_eq!(chunks.concat(), b"\x00\x9f\xffabc");
}

/// Serves one loopback connection per body, in order, each answered with that JSON body (`200`,
/// `connection: close`), and hands back each request line (`GET /path?query HTTP/1.1`) before answering it.
/// The thread stops after the last body, so a request beyond them fails instead of being answered; it also
/// gives up when no connection comes for 10 s.
fn serve_json_pages(bodies: Vec<&'static str>) -> (String, std::sync::mpsc::Receiver<String>) {
    use std::io::{BufRead, BufReader, ErrorKind, Write};
    use std::time::{Duration, Instant};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for body in bodies {
            let deadline = Instant::now() + Duration::from_secs(10);
            let mut stream = loop {
                match listener.accept() {
                    Ok((stream, _)) => break stream,
                    Err(error) if error.kind() == ErrorKind::WouldBlock && Instant::now() < deadline => {
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    Err(_) => return,
                }
            };
            stream.set_nonblocking(false).unwrap();
            stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            reader.read_line(&mut request_line).unwrap();
            // A GET has no body: the head ends at the first blank line (or the end of the stream).
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap() == 0 || line == "\r\n" {
                    break;
                }
            }
            sender.send(request_line.trim_end().to_owned()).unwrap();
            let response = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            stream.write_all(response.as_bytes()).unwrap();
        }
    });
    (url, receiver)
}

/// A client of the pagination fixture for `url`, without retries (a request the server does not expect fails at
/// once) and with a short timeout.
fn pagination_client(url: String) -> fixtures::pagination::Client {
    use fixtures::runtime::{Config, RetryPolicy};
    let config = Config::new()
        .base_url(url)
        .retry(RetryPolicy::none())
        .timeout(std::time::Duration::from_secs(5));
    fixtures::pagination::Client::with_config(config).unwrap()
}

/// Reads a whole stream, bounded in time, and fails on any error item.
async fn collect_all<T, E: std::fmt::Debug>(stream: impl futures_util::Stream<Item = Result<T, E>>) -> Vec<T> {
    use futures_util::StreamExt;
    let items: Vec<Result<T, E>> = tokio::time::timeout(std::time::Duration::from_secs(30), stream.collect())
        .await
        .expect("the stream ends");
    items.into_iter().collect::<Result<_, _>>().unwrap()
}

#[tokio::test]
async fn cursor_stream_sends_each_next_cursor_back_and_stops_when_it_is_absent() {
    let (url, received) = serve_json_pages(vec![
        r#"{"notes": [{"id": "n1"}, {"id": "n2"}], "nextCursor": "c2"}"#,
        r#"{"notes": [{"id": "n3"}], "nextCursor": "c3"}"#,
        r#"{"notes": [{"id": "n4"}]}"#,
    ]);
    let notes = collect_all(pagination_client(url).list_notes().stream()).await;
    let ids: Vec<&str> = notes.iter().map(|note| note.id.as_str()).collect();
    assert_eq!(ids, ["n1", "n2", "n3", "n4"]);
    let requests: Vec<String> = received.try_iter().collect();
    assert_eq!(requests, ["GET /notes HTTP/1.1", "GET /notes?cursor=c2 HTTP/1.1", "GET /notes?cursor=c3 HTTP/1.1"]);
}

#[tokio::test]
async fn cursor_stream_keeps_the_other_parameters_and_stops_at_an_empty_cursor() {
    let (url, received) = serve_json_pages(vec![
        r#"{"notes": [{"id": "n1"}], "nextCursor": "c2"}"#,
        r#"{"notes": [{"id": "n2"}], "nextCursor": "c3"}"#,
        r#"{"notes": [{"id": "n3"}], "nextCursor": ""}"#,
    ]);
    let notes = collect_all(pagination_client(url).list_notes().size(1).cursor("c1").stream()).await;
    assert_eq!(notes.len(), 3);
    assert_eq!(notes[2].id, "n3");
    let requests: Vec<String> = received.try_iter().collect();
    assert_eq!(
        requests,
        [
            "GET /notes?size=1&cursor=c1 HTTP/1.1",
            "GET /notes?size=1&cursor=c2 HTTP/1.1",
            "GET /notes?size=1&cursor=c3 HTTP/1.1"
        ]
    );
}

#[tokio::test]
async fn cursor_stream_stops_with_an_error_when_a_cursor_comes_back() {
    use futures_util::StreamExt;
    let (url, received) = serve_json_pages(vec![
        r#"{"notes": [{"id": "n1"}], "nextCursor": "c2"}"#,
        r#"{"notes": [{"id": "n2"}], "nextCursor": "c2"}"#,
    ]);
    let items: Vec<_> = pagination_client(url).list_notes().stream().collect().await;
    assert_eq!(items.len(), 3, "{items:?}");
    assert_eq!(items[1].as_ref().unwrap().id, "n2");
    assert!(
        matches!(
            items[2],
            Err(fixtures::runtime::Error::Pagination(fixtures::runtime::PaginationError::RepeatedPosition {
                page: 2
            }))
        ),
        "{:?}",
        items[2]
    );
    assert_eq!(received.try_iter().count(), 2);
}

#[tokio::test]
async fn page_stream_counts_up_from_the_default_page_until_a_page_is_empty() {
    // `page` defaults to 0: the first request leaves it to the server, the next ones ask for 1 and 2.
    let (url, received) = serve_json_pages(vec![
        r#"{"albums": ["a", "b"]}"#,
        r#"{"albums": ["c"]}"#,
        r#"{"albums": []}"#,
    ]);
    let albums = collect_all(pagination_client(url).list_albums().stream()).await;
    assert_eq!(albums, ["a", "b", "c"]);
    let requests: Vec<String> = received.try_iter().collect();
    assert_eq!(requests, ["GET /albums HTTP/1.1", "GET /albums?page=1 HTTP/1.1", "GET /albums?page=2 HTTP/1.1"]);

    // Without a default the count starts at 1, so the second request asks for page 2; an absent array is empty.
    let (url, received) = serve_json_pages(vec![r#"{"photos": ["p1"]}"#, r#"{"photos": []}"#]);
    let photos = collect_all(pagination_client(url).list_photos().stream()).await;
    assert_eq!(photos, ["p1"]);
    let requests: Vec<String> = received.try_iter().collect();
    assert_eq!(requests, ["GET /photos HTTP/1.1", "GET /photos?page=2 HTTP/1.1"]);

    // A page the caller chooses is where the count starts.
    let (url, received) = serve_json_pages(vec![r#"{"albums": ["x"]}"#, r#"{}"#]);
    let albums = collect_all(pagination_client(url).list_albums().page(5).stream()).await;
    assert_eq!(albums, ["x"]);
    let requests: Vec<String> = received.try_iter().collect();
    assert_eq!(requests, ["GET /albums?page=5 HTTP/1.1", "GET /albums?page=6 HTTP/1.1"]);
}

#[tokio::test]
async fn forced_page_style_ignores_the_offset_parameters_and_the_total() {
    // As offset pagination this walk would stop after two pages (the total, 3, is reached); by page it goes on
    // to the empty third page.
    let (url, received) = serve_json_pages(vec![
        r#"{"tickets": [1, 2], "total": 3}"#,
        r#"{"tickets": [3], "total": 3}"#,
        r#"{"tickets": [], "total": 3}"#,
    ]);
    let tickets = collect_all(pagination_client(url).list_tickets().limit(2).stream()).await;
    assert_eq!(tickets, [1, 2, 3]);
    let requests: Vec<String> = received.try_iter().collect();
    assert_eq!(
        requests,
        ["GET /tickets?limit=2 HTTP/1.1", "GET /tickets?limit=2&page=2 HTTP/1.1", "GET /tickets?limit=2&page=3 HTTP/1.1"]
    );
}

#[tokio::test]
async fn stream_yields_the_array_x_pagination_names() {
    let (url, received) = serve_json_pages(vec![
        r#"{"admins": [{"name": "root"}], "members": [{"name": "ann"}, {"name": "bob"}], "nextPageToken": "t2"}"#,
        r#"{"admins": [{"name": "root"}], "members": [{"name": "cy"}], "nextPageToken": null}"#,
    ]);
    let people = collect_all(pagination_client(url).list_team_people("t1").stream()).await;
    let names: Vec<&str> = people.iter().map(|person| person.name.as_str()).collect();
    assert_eq!(names, ["ann", "bob", "cy"]);
    let requests: Vec<String> = received.try_iter().collect();
    assert_eq!(requests, ["GET /teams/t1/people HTTP/1.1", "GET /teams/t1/people?pageToken=t2 HTTP/1.1"]);
}

#[test]
fn openapi_31_null_idioms_keep_absent_and_null_apart() {
    use fixtures::openapi31::types::Observation;
    let absent: Observation = round_trip(json!({"telescopeId": 7, "target": "M31"}));
    assert_eq!(absent.magnitude, None);
    let null: Observation = round_trip(json!({"telescopeId": 7, "target": "M31", "magnitude": null, "notes": null}));
    assert_eq!(null.magnitude, Some(None));
    assert_eq!(null.notes, Some(None));
    let given: Observation = round_trip(json!({"telescopeId": 7, "target": "M31", "magnitude": 3.4, "notes": "hazy"}));
    assert_eq!(given.magnitude, Some(Some(3.4)));
}

#[test]
fn openapi_31_const_tags_select_union_members_without_a_mapping() {
    use fixtures::openapi31::types::{Mount, Telescope};
    let telescope: Telescope = round_trip(json!({
        "id": 1, "name": "Hale", "aperture": 5080.0,
        "mount": {"kind": "equatorial", "latitude": 33.35},
        "serial": 42, "filter": null, "position": [83.82, -5.39],
        "calibration": "AAEC", "labels": {"dome": "north"},
        "previousSite": {"name": "Palomar", "elevation": null},
        "spectrum": {"lowNm": 300.0, "highNm": 1100.0}
    }));
    assert!(matches!(telescope.mount, Mount::Equatorial(_)));
    assert_eq!(telescope.position, Some((83.82, -5.39)));
    let alt_az: Mount = round_trip(json!({"kind": "alt-az", "maxSlewDegPerSecond": null}));
    assert!(matches!(alt_az, Mount::AltAz(_)));
}

#[test]
fn openapi_31_type_lists_are_untagged_unions_and_enums_drop_null() {
    use fixtures::openapi31::types::{TelescopeFilter, TelescopeSerial};
    assert_eq!(round_trip::<TelescopeSerial>(json!(42)), TelescopeSerial::Integer(42));
    assert_eq!(round_trip::<TelescopeSerial>(json!("A-42")), TelescopeSerial::String("A-42".to_owned()));
    assert_eq!(round_trip::<TelescopeFilter>(json!("red")), TelescopeFilter::Red);
}

#[test]
fn fastapi_document_round_trips_optional_fields_tuples_and_tagged_unions() {
    use fixtures::fastapi::types::{BedInput, BedInputPlantsItem, Light, Reading, ReadingValue};
    let bed: BedInput = round_trip(json!({
        "id": 3, "label": null, "light": "full-sun", "priority": 3, "corner": [52.1, 4.3],
        "plants": [{"kind": "herb", "name": "basil", "perennial": false}, {"kind": "vegetable", "name": "leek"}],
        "soil_ph": 6.5, "notes": {"soil": "clay"}, "parent": {"id": 1, "corner": [0.0, 0.0]}
    }));
    assert_eq!(bed.corner, (52.1, 4.3));
    assert_eq!(bed.light, Some(Light::FullSun));
    assert_eq!(bed.label, Some(None));
    let plants = bed.plants.unwrap();
    assert!(matches!(&plants[0], BedInputPlantsItem::Herb(herb) if herb.name == "basil"));
    assert!(matches!(&plants[1], BedInputPlantsItem::Vegetable(_)));
    let reading: Reading = round_trip(json!({"sensor": "t1", "value": 21.5}));
    assert_eq!(reading.value, ReadingValue::Number(21.5));
    let reading: Reading = round_trip(json!({"sensor": "t1", "value": 21}));
    assert_eq!(reading.value, ReadingValue::Integer(21));
}

#[test]
fn openapi_31_webhook_payloads_deserialize_what_a_receiver_is_sent() {
    use fixtures::openapi31::webhooks::{ObservationRecordedWebhook, TelescopeMovedWebhook};
    let recorded: ObservationRecordedWebhook = round_trip(json!({"telescopeId": 2, "target": "M42"}));
    assert_eq!(recorded.target, "M42");
    let moved: TelescopeMovedWebhook = round_trip(json!({"telescopeId": 2, "to": {"name": "La Silla"}}));
    assert_eq!(moved.to.name, "La Silla");
}

/// Answers one loopback request with `head` and then each chunk of `chunks`, flushed apart so that the client
/// reads them separately; the body ends when the connection closes.
fn answer_in_chunks(head: &'static str, chunks: Vec<&'static [u8]>) -> (String, std::sync::mpsc::Receiver<String>) {
    use std::io::{BufRead, BufReader, Write};
    use std::time::Duration;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let Ok((mut stream, _)) = listener.accept() else { return };
        stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut head_lines = String::new();
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                break;
            }
            head_lines.push_str(&line);
        }
        let _ = sender.send(head_lines);
        stream.write_all(head.as_bytes()).unwrap();
        for chunk in chunks {
            stream.write_all(chunk).unwrap();
            stream.flush().unwrap();
            std::thread::sleep(Duration::from_millis(20));
        }
    });
    (url, receiver)
}

#[tokio::test]
async fn server_sent_events_arrive_typed_across_chunks_with_comments_multi_line_data_and_ids() {
    use fixtures::openapi32::Client;
    use fixtures::runtime::Config;
    let (url, _received) = answer_in_chunks(
        "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n",
        vec![
            b": keep-alive comment\n\nevent: reading\nid: 41\ndata: {\"sensor\": \"t1\",",
            b"\ndata:  \"value\": 20.5}\n\n",
            b"retry: 3000\ndata: {\"sensor\": \"t2\", \"value\": 7, \"unit\": null}\r\n\r",
            b"\nid: 43\ndata: {\"sensor\": \"t3\", \"value\": 1}\n\ndata: {\"unfinished\":",
        ],
    );
    let client = Client::with_config(Config::new().base_url(url)).unwrap();
    let events = collect_all(client.watch_readings().send().await.unwrap()).await;
    assert_eq!(events.len(), 3, "the unfinished last event is dropped: {events:?}");
    assert_eq!((events[0].event.as_deref(), events[0].id.as_deref()), (Some("reading"), Some("41")));
    assert_eq!((events[0].data.sensor.as_str(), events[0].data.value), ("t1", 20.5));
    // The last id persists until the server sets another; `retry` belongs to the event that carries it.
    assert_eq!(events[1].id.as_deref(), Some("41"));
    assert_eq!(events[1].retry, Some(std::time::Duration::from_secs(3)));
    assert_eq!(events[1].data.unit, Some(None));
    assert_eq!(events[2].id.as_deref(), Some("43"));
}

#[tokio::test]
async fn a_query_request_sends_its_body_and_reads_json_lines() {
    use fixtures::openapi32::types::ReadingFilter;
    use fixtures::openapi32::Client;
    use fixtures::runtime::Config;
    let (url, received) = answer_in_chunks(
        "HTTP/1.1 200 OK\r\ncontent-type: application/jsonl\r\nconnection: close\r\n\r\n",
        vec![b"{\"sensor\": \"a\", \"value\": 1}\n{\"sensor\": \"b\",", b" \"value\": 2}\n\n{\"sensor\": \"c\", \"value\": 3}"],
    );
    let client = Client::with_config(Config::new().base_url(url)).unwrap();
    let mut filter = ReadingFilter::new();
    filter.sensor = Some("a".to_owned());
    let readings = collect_all(client.search_readings(filter).send().await.unwrap()).await;
    let sensors: Vec<&str> = readings.iter().map(|reading| reading.sensor.as_str()).collect();
    assert_eq!(sensors, ["a", "b", "c"]);
    assert!(received.recv().unwrap().starts_with("QUERY /readings HTTP/1.1"));
}

#[test]
fn utoipa_document_round_trips_options_tuples_maps_and_tagged_enums() {
    use fixtures::utoipa::types::{Assignee, Priority, Ticket};
    let ticket: Ticket = round_trip(json!({
        "id": 9, "title": "Printer on fire", "details": null, "priority": "urgent",
        "assignee": {"kind": "team", "name": "facilities", "members": 4},
        "location": [52.37, 4.89], "labels": {"floor": "2"}, "watchers": ["ops@example.com"]
    }));
    assert_eq!(ticket.details, Some(None));
    assert_eq!(ticket.priority, Priority::Urgent);
    assert_eq!(ticket.location, Some(Some((52.37, 4.89))));
    assert!(matches!(&ticket.assignee, Some(Some(Assignee::Team(team))) if team.members == 4));
    let bare: Ticket = round_trip(json!({"id": 1, "title": "t", "priority": "low", "labels": {}, "watchers": []}));
    assert_eq!((bare.details, bare.assignee, bare.location), (None, None, None));
}

#[test]
fn allof_members_that_narrow_a_property_meet_in_its_intersection() {
    use fixtures::precision::types::{AcknowledgeLogEntry, AcknowledgeLogEntryChannelType, AcknowledgeLogEntryType};
    // A PagerDuty acknowledge log entry, as its API returns one.
    let entry: AcknowledgeLogEntry = round_trip(json!({
        "id": "Q02JTSNZWHSEKV", "type": "acknowledge_log_entry", "created_at": "2015-11-07T00:14:20Z",
        "acknowledgement_timeout": null, "channel": {"type": "web_trigger", "summary": "My new incident"}
    }));
    assert_eq!(entry.r#type, Some(AcknowledgeLogEntryType::AcknowledgeLogEntry));
    assert_eq!(entry.acknowledgement_timeout, Some(None));
    assert_eq!(entry.channel.r#type, Some(AcknowledgeLogEntryChannelType::WebTrigger));
}

#[test]
fn a_restated_reference_keeps_its_type_and_foreign_keywords_do_not_untype_an_array() {
    use fixtures::precision::types::{PaymentRequest, Scope, Vpc};
    let payment: PaymentRequest = round_trip(json!({"payment_id": "payment-id-sandbox-feca8a7a", "scope": "me-to-me"}));
    assert_eq!(payment.scope, Some(Scope::MeToMe));
    let vpc: Vpc = round_trip(json!({"label": "cool-vpc", "region": "us-east", "subnets": [{"label": "s1", "ipv4": "10.0.1.0/24"}]}));
    assert_eq!(vpc.subnets.unwrap()[0].ipv4.as_deref(), Some("10.0.1.0/24"));
}

#[test]
fn any_of_objects_is_one_struct_that_keeps_every_matching_field() {
    use fixtures::precision::types::{Adoption, Pet, Shelter, ShelterAnimalsItem, ShelterCapacityValue};
    // Both members match (name is all either requires): an untagged enum would keep Cat's fields and drop `barks`.
    let pet: Pet = round_trip(json!({"name": "Rex", "meows": false, "barks": true}));
    assert_eq!((pet.meows, pet.barks), (Some(false), Some(true)));
    let fee: Adoption = round_trip(json!({"pet": {"name": "Tom"}, "fee": 25.0}));
    assert!(matches!(&fee, Adoption::Variant0(adoption) if adoption.fee == 25.0 && adoption.pet.name == "Tom"));
    let sponsored: Adoption = round_trip(json!({"pet": {"name": "Tom"}, "sponsor": "ACME"}));
    assert!(matches!(sponsored, Adoption::Variant1(_)));
    let shelter: Shelter = round_trip(json!({"animals": ["unnamed", {"name": "Rex"}], "capacity": {"dogs": 4, "cats": "full"}}));
    let animals = shelter.animals.unwrap();
    assert!(matches!(&animals[0], ShelterAnimalsItem::String(name) if name == "unnamed"));
    assert!(matches!(&animals[1], ShelterAnimalsItem::Pet(pet) if pet.name == "Rex"));
    assert_eq!(shelter.capacity.unwrap()["dogs"], ShelterCapacityValue::Integer(4));
}

#[tokio::test]
async fn a_union_parameter_is_sent_as_the_member_it_holds() {
    use fixtures::precision::types::FindSheltersNear;
    use fixtures::precision::Client;
    use fixtures::runtime::Config;
    let (url, received) = answer_one_request(
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n[]",
    );
    let client = Client::with_config(Config::new().base_url(url)).unwrap();
    let shelters = client.find_shelters().near(FindSheltersNear::String("Utrecht".to_owned())).send().await.unwrap();
    assert!(shelters.is_empty());
    assert!(received.recv().unwrap().starts_with("GET /shelters?near=Utrecht HTTP/1.1"));
}
