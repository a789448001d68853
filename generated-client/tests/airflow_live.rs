//! The Airflow client against a real Apache Airflow 3.3.2, started and stopped by this test (see
//! `tests/airflow/mod.rs`; install it once with `tests/airflow/install.sh`, or set `ASTRO_SKIP_AIRFLOW=1`).
//!
//! One test starts the server once and runs every check in order, timing each.

#![cfg(feature = "airflow-v2")]

mod airflow;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use airflow::{Airflow, FAIL_DAG, GREET_DAG, GREET_LOG_LINE, GREET_TASK, GREET_XCOM_KEY};
use astro_client::airflow::v2::{self, types};
use astro_client::runtime::{self, Error, TokenProvider};
use futures_util::StreamExt;
use serde_json::json;

/// The note our runs carry.
const NOTE: &str = "triggered by the astro-sdk live tests";
/// How long one DAG run may take to finish.
const RUN_DEADLINE: Duration = Duration::from_secs(180);

#[tokio::test]
async fn airflow_3_3_2_live() {
    if !airflow::should_run("airflow_3_3_2_live") {
        return;
    }
    let started = Instant::now();
    let airflow = Airflow::start().await;
    airflow::say(&format!(
        "airflow_3_3_2_live: Airflow {} healthy with our DAGs parsed after {:.1} s ({})",
        airflow::VERSION,
        airflow.startup.as_secs_f64(),
        airflow.url()
    ));

    let mut steps = Steps::default();
    steps.run("password login", login(&airflow)).await;
    let client =
        v2::Client::with_password(airflow.url(), airflow::USERNAME, airflow::PASSWORD).unwrap();
    steps
        .run("version and health", version_and_health(&client))
        .await;
    steps
        .run("DAGs through .stream()", list_dags(&client))
        .await;
    steps
        .run("pause, unpause", pause_and_unpause(&client))
        .await;
    let run_id = steps.run("trigger and wait: success", greet(&client)).await;
    steps
        .run("task instances", task_instances(&client, &run_id))
        .await;
    steps.run("XCom entries", xcom(&client, &run_id)).await;
    steps.run("task log", task_log(&client, &run_id)).await;
    steps
        .run("trigger and wait: failed", failed_run(&client))
        .await;
    steps.run("variables CRUD, 409", variables(&client)).await;
    steps.run("pools CRUD, 409, 422", pools(&client)).await;
    steps
        .run("connections CRUD, 409", connections(&client))
        .await;
    steps.run("404", not_found(&client)).await;
    steps
        .run("expired token 401, forged 403", wrong_tokens(&airflow))
        .await;

    airflow::say(&format!(
        "airflow_3_3_2_live: start-up {:.1} s, checks {:.1} s, total {:.1} s before the stop\n{}",
        airflow.startup.as_secs_f64(),
        steps.total.as_secs_f64(),
        started.elapsed().as_secs_f64(),
        steps.report
    ));
    let stopping = Instant::now();
    drop(airflow);
    airflow::say(&format!(
        "airflow_3_3_2_live: stopped in {:.1} s; {:.1} s in all",
        stopping.elapsed().as_secs_f64(),
        started.elapsed().as_secs_f64()
    ));
}

/// Times each check and keeps a line per check for the report.
#[derive(Default)]
struct Steps {
    total: Duration,
    report: String,
}

impl Steps {
    async fn run<T>(&mut self, name: &str, check: impl std::future::Future<Output = T>) -> T {
        let started = Instant::now();
        let value = check.await;
        let took = started.elapsed();
        self.total += took;
        self.report
            .push_str(&format!("  {:>6.2} s  {name}\n", took.as_secs_f64()));
        value
    }
}

/// The SDK's password login gets a JWT for the known admin from `/auth/token`; a wrong password gets none.
async fn login(airflow: &Airflow) {
    let secret = runtime::Secret::new;
    let login = v2::PasswordLogin::new(
        airflow.url(),
        airflow::USERNAME.into(),
        secret(airflow::PASSWORD),
    )
    .unwrap();
    let token = login.token().await.unwrap();
    // A JWT: three base64url parts.
    assert_eq!(token.split('.').count(), 3, "{token}");
    // Kept until it nears its expiry: a second call returns the same token.
    assert_eq!(login.token().await.unwrap(), token);

    let wrong = v2::PasswordLogin::new(
        airflow.url(),
        airflow::USERNAME.into(),
        secret("not-the-password"),
    )
    .unwrap();
    let error = wrong.token().await.unwrap_err().to_string();
    assert!(error.contains("401"), "{error}");
    assert!(!error.contains("not-the-password"), "{error}");

    // A client whose login fails sends nothing: the call ends with the login's own reason.
    let client =
        v2::Client::with_password(airflow.url(), airflow::USERNAME, "not-the-password").unwrap();
    let error = client.get_dags().send().await.unwrap_err();
    match &error {
        runtime::Error::Transport(transport) => {
            assert_eq!(transport.kind(), runtime::TransportKind::Credentials)
        }
        other => panic!("a failed login must end the call: {other:?}"),
    }
    let message = error.to_string();
    assert!(
        message.contains("401") && !message.contains("not-the-password"),
        "{message}"
    );
}

async fn version_and_health(client: &v2::Client) {
    let version = client.get_version().send().await.unwrap();
    assert_eq!(version.version, airflow::VERSION);

    let health = client.get_health().send().await.unwrap();
    assert_eq!(health.metadatabase.status.as_deref(), Some("healthy"));
    assert_eq!(health.scheduler.status.as_deref(), Some("healthy"));
    let dag_processor = health
        .dag_processor
        .flatten()
        .expect("a DAG processor runs");
    assert_eq!(dag_processor.status.as_deref(), Some("healthy"));
}

async fn list_dags(client: &v2::Client) {
    // One DAG a page, so the stream has to follow the offset through several pages.
    let stream = client
        .get_dags()
        .dag_id_pattern("astro_sdk_")
        .limit(1)
        .order_by(vec!["dag_id".into()])
        .stream();
    let dags: Vec<types::DagResponse> = stream.map(|dag| dag.unwrap()).collect::<Vec<_>>().await;
    let ids: Vec<&str> = dags.iter().map(|dag| dag.dag_id.as_str()).collect();
    assert_eq!(ids, [FAIL_DAG, GREET_DAG]);
    for dag in &dags {
        assert!(
            dag.tags.iter().any(|tag| tag.name == "astro-sdk-test"),
            "{dag:?}"
        );
        assert!(!dag.has_import_errors);
        assert!(dag.fileloc.ends_with(&format!("{}.py", dag.dag_id)));
    }

    // The whole list in one page agrees with its total.
    let page = client
        .get_dags()
        .dag_id_pattern("astro_sdk_")
        .send()
        .await
        .unwrap();
    assert_eq!(page.total_entries, 2);
}

async fn pause_and_unpause(client: &v2::Client) {
    for dag_id in [GREET_DAG, FAIL_DAG] {
        let paused = client
            .patch_dag(dag_id, types::DagPatchBody::new(true))
            .send()
            .await
            .unwrap();
        assert!(paused.is_paused);
        assert!(client.get_dag(dag_id).send().await.unwrap().is_paused);

        // Left unpaused: the runs below need the scheduler to pick them up.
        let unpaused = client
            .patch_dag(dag_id, types::DagPatchBody::new(false))
            .update_mask(vec!["is_paused".into()])
            .send()
            .await
            .unwrap();
        assert!(!unpaused.is_paused);
        assert!(!client.get_dag(dag_id).send().await.unwrap().is_paused);
    }
}

/// Triggers `dag_id` with `conf` through the SDK's trigger-and-wait, polling every half second; the run as it
/// ended, successful or failed.
async fn trigger(
    client: &v2::Client,
    dag_id: &str,
    conf: BTreeMap<String, serde_json::Value>,
) -> Result<types::DagRunResponse, Box<types::DagRunResponse>> {
    let body = types::TriggerDagRunPostBody::new(None)
        .conf(conf.clone())
        .note(NOTE);
    let options = v2::WaitOptions::default()
        .poll_interval(Duration::from_millis(500))
        .timeout(RUN_DEADLINE);
    let ended = match client.trigger_and_wait(dag_id, body, options).await {
        Ok(run) => Ok(run),
        Err(v2::WaitError::Failed(run)) => Err(run),
        Err(error) => panic!("trigger and wait for {dag_id}: {error}"),
    };
    let run: &types::DagRunResponse = match &ended {
        Ok(run) => run,
        Err(run) => run,
    };
    assert_eq!(run.dag_id, dag_id);
    assert_eq!(run.conf.as_ref(), Some(&conf));
    assert_eq!(run.run_type, types::DagRunType::Manual);
    assert_eq!(run.note.as_deref(), Some(NOTE));
    assert!(
        run.start_date.is_some() && run.end_date.is_some(),
        "{run:?}"
    );
    ended
}

async fn greet(client: &v2::Client) -> String {
    let conf = BTreeMap::from([("name".to_string(), json!("Ada"))]);
    let run = trigger(client, GREET_DAG, conf)
        .await
        .unwrap_or_else(|run| {
            panic!("{GREET_DAG} failed: {run:?}");
        });
    assert_eq!(run.state, types::DagRunState::Success);
    // Sent since Airflow 3.1 and nullable: one `Option`, `None` from an older server.
    assert_eq!(run.triggering_user_name.as_deref(), Some(airflow::USERNAME));

    // The run is in the DAG's list of runs.
    let runs: Vec<String> = client
        .get_dag_runs(GREET_DAG)
        .stream()
        .map(|run| run.unwrap().dag_run_id)
        .collect()
        .await;
    assert!(runs.contains(&run.dag_run_id), "{runs:?}");
    run.dag_run_id
}

async fn task_instances(client: &v2::Client, run_id: &str) {
    let instances = client
        .get_task_instances(GREET_DAG, run_id)
        .send()
        .await
        .unwrap();
    assert_eq!(instances.task_instances.len(), 1);
    let greet = &instances.task_instances[0];
    assert_eq!(greet.task_id, GREET_TASK);
    assert_eq!(greet.dag_run_id, run_id);
    assert_eq!(greet.state, Some(types::TaskInstanceState::Success));
    assert_eq!(greet.try_number, 1);

    let one = client
        .get_task_instance(GREET_DAG, run_id, GREET_TASK)
        .send()
        .await
        .unwrap();
    assert_eq!(one.id, greet.id);
}

async fn xcom(client: &v2::Client, run_id: &str) {
    let value = |entry: types::GetXcomEntryResponse| match entry {
        types::GetXcomEntryResponse::Native(entry) => entry.value,
        types::GetXcomEntryResponse::String(entry) => json!(entry.value),
    };
    let greeting = client
        .get_xcom_entry(GREET_DAG, GREET_TASK, run_id, GREET_XCOM_KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(value(greeting), json!({"hello": "Ada", "letters": 3}));
    let returned = client
        .get_xcom_entry(GREET_DAG, GREET_TASK, run_id, "return_value")
        .send()
        .await
        .unwrap();
    assert_eq!(value(returned), json!("Ada"));

    let entries = client
        .get_xcom_entries(GREET_DAG, run_id, GREET_TASK)
        .send()
        .await
        .unwrap();
    let mut keys: Vec<&str> = entries
        .xcom_entries
        .iter()
        .map(|entry| entry.key.as_str())
        .collect();
    keys.sort_unstable();
    assert_eq!(keys, [GREET_XCOM_KEY, "return_value"]);
}

async fn task_log(client: &v2::Client, run_id: &str) {
    let log = client
        .get_log(GREET_DAG, run_id, GREET_TASK, 1)
        .send()
        .await
        .unwrap();
    let lines: Vec<String> = match log.content {
        types::TaskInstancesLogResponseContent::Array(messages) => {
            messages.into_iter().map(|message| message.event).collect()
        }
        types::TaskInstancesLogResponseContent::Array2(lines) => lines,
    };
    let expected = format!("{GREET_LOG_LINE} name=Ada");
    assert!(
        lines.iter().any(|line| line.contains(&expected)),
        "no `{expected}` in the log:\n{}",
        lines.join("\n")
    );
}

async fn failed_run(client: &v2::Client) {
    let run = trigger(client, FAIL_DAG, BTreeMap::new())
        .await
        .expect_err("the run of a DAG that fails on purpose fails");
    assert_eq!(run.state, types::DagRunState::Failed);
    let instances = client
        .get_task_instances(FAIL_DAG, &run.dag_run_id)
        .send()
        .await
        .unwrap();
    assert_eq!(instances.task_instances.len(), 1);
    assert_eq!(
        instances.task_instances[0].state,
        Some(types::TaskInstanceState::Failed)
    );
}

async fn variables(client: &v2::Client) {
    let key = "astro_sdk_variable";
    let mut body = types::VariableBody::new(key.into(), json!("first"));
    body.description = Some(Some("made by the astro-sdk live tests".into()));
    let created = client.post_variable(body.clone()).send().await.unwrap();
    assert_eq!(created.key, key);
    assert_eq!(created.value, Some(Some("first".into())));

    let read = client.get_variable(key).send().await.unwrap();
    assert_eq!(read.value, Some(Some("first".into())));
    assert_eq!(
        read.description.as_deref(),
        Some("made by the astro-sdk live tests")
    );

    // A second create of the same key is a conflict with its typed body.
    let error = client.post_variable(body).send().await.unwrap_err();
    let detail = match api_error(error, 409) {
        v2::PostVariableError::Conflict(body) => body.detail,
        other => panic!("409 decoded as {other:?}"),
    };
    assert!(format!("{detail:?}").contains(key), "{detail:?}");

    let updated = client
        .patch_variable(key, types::VariableBody::new(key.into(), json!("second")))
        .update_mask(vec!["value".into()])
        .send()
        .await
        .unwrap();
    assert_eq!(updated.value, Some(Some("second".into())));
    let listed = client.get_variables().send().await.unwrap();
    assert!(listed.variables.iter().any(|variable| variable.key == key));

    client.delete_variable(key).send().await.unwrap();
    let error = client.get_variable(key).send().await.unwrap_err();
    assert!(matches!(
        api_error(error, 404),
        v2::GetVariableError::NotFound(_)
    ));
}

async fn pools(client: &v2::Client) {
    let name = "astro_sdk_pool";
    let mut body = types::PoolBody::new(name.into(), 3);
    body.description = Some(Some("made by the astro-sdk live tests".into()));
    let created = client.post_pool(body.clone()).send().await.unwrap();
    assert_eq!((created.name.as_str(), created.slots), (name, 3));
    assert_eq!(created.open_slots, 3);

    let error = client.post_pool(body).send().await.unwrap_err();
    assert!(matches!(
        api_error(error, 409),
        v2::PostPoolError::Conflict(_)
    ));

    // The document makes every field of the patch optional, but Airflow 3.3.2 answers 422 ("Field required")
    // unless the body also names the pool and `include_deferred`, whatever the update mask says.
    let mut patch = types::PoolPatchBody::new();
    patch.pool = Some(Some(name.into()));
    patch.slots = Some(Some(5));
    patch.include_deferred = Some(Some(false));
    let updated = client
        .patch_pool(name, patch)
        .update_mask(vec!["slots".into()])
        .send()
        .await
        .unwrap();
    assert_eq!(updated.slots, 5);
    assert_eq!(client.get_pool(name).send().await.unwrap().slots, 5);
    let pools: Vec<String> = client
        .get_pools()
        .stream()
        .map(|pool| pool.unwrap().name)
        .collect()
        .await;
    assert!(
        pools.iter().any(|pool| pool == name) && pools.iter().any(|pool| pool == "default_pool")
    );

    // Slots below -1 break the schema's minimum, which the client does not check: the server answers 422 with
    // the validation errors, decoded into their type.
    let error = client
        .post_pool(types::PoolBody::new("astro_sdk_bad_pool".into(), -5))
        .send()
        .await
        .unwrap_err();
    let errors = match api_error(error, 422) {
        v2::PostPoolError::UnprocessableEntity(body) => body.detail.unwrap_or_default(),
        other => panic!("422 decoded as {other:?}"),
    };
    assert!(!errors.is_empty());
    assert!(
        errors
            .iter()
            .any(|error| format!("{:?}", error.loc).contains("slots")),
        "{errors:?}"
    );

    client.delete_pool(name).send().await.unwrap();
    let error = client.get_pool(name).send().await.unwrap_err();
    assert!(matches!(
        api_error(error, 404),
        v2::GetPoolError::NotFound(_)
    ));
}

async fn connections(client: &v2::Client) {
    let id = "astro_sdk_connection";
    let mut body = types::ConnectionBody::new(id.into(), "http".into());
    body.host = Some(Some("example.invalid".into()));
    body.login = Some(Some("astro".into()));
    body.password = Some(Some("not-a-real-secret".into()));
    body.port = Some(Some(8443));
    body.extra = Some(Some(r#"{"verify": false}"#.into()));
    let created = client.post_connection(body.clone()).send().await.unwrap();
    assert_eq!(created.connection_id, id);
    assert_eq!(created.host.as_deref(), Some("example.invalid"));
    assert_eq!(created.port, Some(8443));

    let read = client.get_connection(id).send().await.unwrap();
    assert_eq!(read.conn_type, "http");
    assert_eq!(read.login.as_deref(), Some("astro"));

    let error = client
        .post_connection(body.clone())
        .send()
        .await
        .unwrap_err();
    assert!(matches!(
        api_error(error, 409),
        v2::PostConnectionError::Conflict(_)
    ));

    body.host = Some(Some("other.example.invalid".into()));
    let updated = client
        .patch_connection(id, body)
        .update_mask(vec!["host".into()])
        .send()
        .await
        .unwrap();
    assert_eq!(updated.host.as_deref(), Some("other.example.invalid"));
    assert_eq!(updated.port, Some(8443));

    client.delete_connection(id).send().await.unwrap();
    let error = client.get_connection(id).send().await.unwrap_err();
    assert!(matches!(
        api_error(error, 404),
        v2::GetConnectionError::NotFound(_)
    ));
}

async fn not_found(client: &v2::Client) {
    let error = client
        .get_dag("astro_sdk_no_such_dag")
        .send()
        .await
        .unwrap_err();
    // Every error status of this operation has the same body, so the error type is that body itself.
    let detail = api_error(error, 404).detail;
    assert!(
        matches!(&detail, types::HttpExceptionResponseDetail::String(text) if text.contains("astro_sdk_no_such_dag")),
        "{detail:?}"
    );
}

async fn wrong_tokens(airflow: &Airflow) {
    let with_token = |token: String| {
        v2::Client::with_config(
            runtime::Config::new()
                .base_url(airflow.url())
                .bearer_token(token),
        )
        .unwrap()
    };
    // A token that was right but has expired: 401.
    let expired = with_token(airflow.expired_token());
    let error = expired.get_dags().send().await.unwrap_err();
    match api_error(error, 401) {
        v2::GetDagsError::Unauthorized(body) => assert_eq!(detail(body), "Token Expired"),
        other => panic!("401 decoded as {other:?}"),
    }

    // A token that is not a JWT the server signed: Airflow answers 403, not 401.
    let forged = with_token("not.a-valid.token".into());
    let error = forged.get_dags().send().await.unwrap_err();
    match api_error(error, 403) {
        v2::GetDagsError::Forbidden(body) => assert_eq!(detail(body), "Invalid JWT token"),
        other => panic!("403 decoded as {other:?}"),
    }
}

/// The text of an error body's `detail`.
fn detail(body: types::HttpExceptionResponse) -> String {
    match body.detail {
        types::HttpExceptionResponseDetail::String(text) => text,
        other => panic!("a detail that is not text: {other:?}"),
    }
}

/// The typed body of an API error with `status`; any other outcome fails with what it was.
fn api_error<E: std::fmt::Debug>(error: Error<E>, status: u16) -> E {
    match error {
        Error::Api(error) => {
            assert_eq!(error.status.as_u16(), status, "{}", error.raw_text());
            let raw = error.raw_text();
            error
                .body
                .unwrap_or_else(|| panic!("the {status} body did not decode: {raw}"))
        }
        other => panic!("expected an API error {status}, got {other:?}"),
    }
}
