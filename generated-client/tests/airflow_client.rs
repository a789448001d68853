//! The Airflow module's own behaviour over loopback: from a platform Deployment to its Airflow API, the password
//! login and its refresh, trigger-and-wait, the server-version guard and the base URL the user must give.

#![cfg(all(feature = "airflow-v2", feature = "v1"))]

use std::time::Duration;

use astro_client::airflow::v2::{self, types::TriggerDagRunPostBody, WaitError, WaitOptions};
use astro_client::runtime::{Config, Error};
use serde_json::{json, Value};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A v1 Deployment as the platform API returns it, with its Airflow API below `api_url`.
fn deployment(api_url: &str, airflow_version: &str) -> Value {
    let profile = json!({"id": "user-1"});
    json!({
        "airflowVersion": airflow_version, "apiUrl": api_url, "astroRuntimeVersion": "3.0-1",
        "createdAt": "2026-01-01T00:00:00Z", "createdBy": profile, "id": "dep-1",
        "imageRepository": "images", "imageTag": "latest", "isCicdEnforced": false,
        "isDagDeployEnabled": true, "name": "etl", "namespace": "ns", "organizationId": "org-1",
        "runtimeVersion": "3.0-1", "schedulerCpu": "1", "schedulerMemory": "2Gi", "schedulerReplicas": 1,
        "status": "HEALTHY", "uiUrl": "https://example.invalid", "updatedAt": "2026-01-01T00:00:00Z",
        "updatedBy": profile, "webServerAirflowApiUrl": "", "webServerCpu": "1",
        "webServerIngressHostname": "host", "webServerMemory": "2Gi", "webServerUrl": "host",
        "workspaceId": "ws-1"
    })
}

fn dag_run(state: &str) -> Value {
    json!({
        "dag_run_id": "run-1", "dag_id": "etl", "logical_date": null, "queued_at": null, "start_date": null,
        "end_date": null, "data_interval_start": null, "data_interval_end": null,
        "run_after": "2026-01-01T00:00:00Z", "last_scheduling_decision": null, "run_type": "manual",
        "state": state, "triggered_by": "rest_api", "conf": {}, "note": null, "dag_versions": [],
        "bundle_version": null, "dag_display_name": "etl", "partition_key": null
    })
}

fn version_body() -> Value {
    json!({"version": "3.3.2", "git_version": null})
}

#[tokio::test]
async fn for_deployment_calls_the_airflow_api_the_deployment_names_with_the_astro_token() {
    let server = MockServer::start().await;
    let api_url = format!("{}/d123/api/v2", server.uri());
    Mock::given(method("GET"))
        .and(path("/v1/organizations/org-1/deployments/dep-1"))
        .and(header("authorization", "Bearer astro-token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(deployment(&api_url, "3.3.2")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/d123/api/v2/version"))
        .and(header("authorization", "Bearer astro-token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(version_body()))
        .expect(1)
        .mount(&server)
        .await;

    let astro = astro_client::v1::Client::with_config(
        Config::new()
            .base_url(format!("{}/v1", server.uri()))
            .bearer_token("astro-token"),
    )
    .unwrap();
    let found = astro.get_deployment("org-1", "dep-1").send().await.unwrap();
    let airflow = v2::Client::for_deployment(&found, "astro-token").unwrap();
    assert_eq!(airflow.base_url(), format!("{}/d123", server.uri()));
    let version = airflow.get_version().send().await.unwrap();
    assert_eq!(version.version, "3.3.2");
}

#[tokio::test]
async fn airflow_2_deployments_are_refused_and_old_servers_are_told_what_they_lack() {
    let old: astro_client::v1::types::Deployment =
        serde_json::from_value(deployment("https://x.example/d1/api/v1", "2.10.5")).unwrap();
    let refused = v2::Client::for_deployment(&old, "token").unwrap_err();
    let message = refused.to_string();
    assert!(
        message.contains("Airflow 2.10.5") && message.contains("/api/v1"),
        "{message}"
    );

    // An operation added after Airflow 3.0 fails before sending when the server is known to run 3.0.6.
    let client = v2::Client::with_config(
        Config::new()
            .base_url("http://127.0.0.1:9")
            .bearer_token("token")
            .server_version("3.0.6"),
    )
    .unwrap();
    let error = client
        .get_hitl_details("etl", "run-1")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    let message = error.to_string();
    assert!(
        message.contains("needs Airflow 3.1 or later") && message.contains("3.0.6"),
        "{message}"
    );
}

#[tokio::test]
async fn a_document_without_a_server_address_asks_for_a_base_url() {
    let error = v2::Client::new("token").unwrap_err();
    let message = error.to_string();
    assert!(message.contains("Config::base_url"), "{message}");
}

#[tokio::test]
async fn the_password_login_sends_its_jwt_and_logs_in_again_when_it_expires() {
    use base64::Engine as _;
    let server = MockServer::start().await;
    // A token that expired long ago must be replaced before every call; one far in the future is reused.
    let jwt = |exp: u64| {
        let claims =
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{{\"exp\":{exp}}}"));
        format!("h.{claims}.s")
    };
    let expired = jwt(1);
    Mock::given(method("POST"))
        .and(path("/auth/token"))
        .and(body_json(
            json!({"username": "admin", "password": "s3cret"}),
        ))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"access_token": expired})))
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v2/version"))
        .and(header(
            "authorization",
            format!("Bearer {expired}").as_str(),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(version_body()))
        .expect(2)
        .mount(&server)
        .await;
    let client = v2::Client::with_password(server.uri(), "admin", "s3cret").unwrap();
    assert!(!format!("{client:?}").contains("s3cret"));
    client.get_version().send().await.unwrap();
    client.get_version().send().await.unwrap();
}

#[tokio::test]
async fn trigger_and_wait_polls_until_the_run_ends() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v2/dags/etl/dagRuns"))
        .respond_with(ResponseTemplate::new(200).set_body_json(dag_run("queued")))
        .mount(&server)
        .await;
    let polls = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = polls.clone();
    Mock::given(method("GET"))
        .and(path("/api/v2/dags/etl/dagRuns/run-1"))
        .respond_with(move |_: &Request| {
            let seen = counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let state = if seen < 2 { "running" } else { "success" };
            ResponseTemplate::new(200).set_body_json(dag_run(state))
        })
        .mount(&server)
        .await;
    let client =
        v2::Client::with_config(Config::new().base_url(server.uri()).bearer_token("t")).unwrap();
    let options = WaitOptions::default()
        .poll_interval(Duration::from_millis(10))
        .timeout(Duration::from_secs(10));
    let run = client
        .trigger_and_wait("etl", TriggerDagRunPostBody::new(None), options)
        .await
        .unwrap();
    assert_eq!(run.state, v2::types::DagRunState::Success);
    assert_eq!(polls.load(std::sync::atomic::Ordering::SeqCst), 3);

    // A run that never ends is given up at the deadline with its last state.
    let never = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v2/dags/etl/dagRuns/run-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(dag_run("running")))
        .mount(&never)
        .await;
    let client =
        v2::Client::with_config(Config::new().base_url(never.uri()).bearer_token("t")).unwrap();
    let options = WaitOptions::default()
        .poll_interval(Duration::from_millis(20))
        .timeout(Duration::from_millis(100));
    match client.wait_for_dag_run("etl", "run-1", options).await {
        Err(WaitError::TimedOut { last, .. }) => {
            assert_eq!(last.state, v2::types::DagRunState::Running)
        }
        other => panic!("{other:?}"),
    }
}
