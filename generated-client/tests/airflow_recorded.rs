//! What Apache Airflow 3.0.6 answered to the live suite's requests (recorded by `tests/airflow/record_3_0_6.py`
//! from our own DAGs into `tests/airflow/recorded-3.0.6/`), decoded with the types of the client generated from
//! 3.3.2's document: a client built from the newest release must still read an older server.
//!
//! Every body is decoded as the client decodes it (`serde_json` into the operation's type; an error body through
//! the operation's error type), and every failure is reported at once, naming the file, the type and the field.

#![cfg(feature = "airflow-v2")]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use astro_client::airflow::v2::{self, types};
use astro_client::runtime::StatusCode;
use serde::de::DeserializeOwned;
use serde_json::json;

fn directory() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/airflow/recorded-3.0.6")
}

/// The recorded bodies decoded so far, and what did not decode.
#[derive(Default)]
struct Recorded {
    read: BTreeSet<String>,
    failures: Vec<String>,
}

impl Recorded {
    fn body(&mut self, name: &str) -> Vec<u8> {
        self.read.insert(name.to_owned());
        let path = directory().join(format!("{name}.json"));
        std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
    }

    /// A 2xx body decoded as `T`.
    fn ok<T: DeserializeOwned>(&mut self, name: &str) -> Option<T> {
        let body = self.body(name);
        match serde_json::from_slice(&body) {
            Ok(value) => Some(value),
            Err(error) => {
                self.failures.push(format!(
                    "{name}.json as {}: {error}",
                    std::any::type_name::<T>()
                ));
                None
            }
        }
    }

    /// An error body decoded by the operation's error type, as the client does for a non-2xx answer.
    fn error<E>(
        &mut self,
        name: &str,
        status: u16,
        decode: fn(StatusCode, &[u8]) -> Option<E>,
    ) -> Option<E> {
        let body = self.body(name);
        let decoded = decode(StatusCode::from_u16(status).unwrap(), &body);
        if decoded.is_none() {
            self.failures.push(format!(
                "{name}.json ({status}) as {}: does not decode: {}",
                std::any::type_name::<E>(),
                String::from_utf8_lossy(&body)
            ));
        }
        decoded
    }
}

#[test]
fn airflow_3_0_6_responses_decode_with_the_3_3_2_client() {
    let mut recorded = Recorded::default();

    if let Some(version) = recorded.ok::<types::VersionInfo>("version") {
        assert_eq!(version.version, "3.0.6");
    }
    recorded.ok::<types::HealthInfoResponse>("health");

    if let Some(dags) = recorded.ok::<types::DagCollectionResponse>("dags") {
        let ids: Vec<&str> = dags.dags.iter().map(|dag| dag.dag_id.as_str()).collect();
        assert_eq!(ids, ["astro_sdk_fail", "astro_sdk_greet"]);
    }
    recorded.ok::<types::DagResponse>("dag");
    if let Some(paused) = recorded.ok::<types::DagResponse>("dag_paused") {
        assert!(paused.is_paused);
    }

    let conf = json!({"name": "Ada"});
    if let Some(run) = recorded.ok::<types::DagRunResponse>("dag_run_triggered") {
        assert_eq!(json!(run.conf), conf);
    }
    if let Some(run) = recorded.ok::<types::DagRunResponse>("dag_run") {
        assert_eq!(json!(run.conf), conf);
        assert_eq!(run.state, types::DagRunState::Success);
    }
    if let Some(run) = recorded.ok::<types::DagRunResponse>("dag_run_failed") {
        assert_eq!(run.state, types::DagRunState::Failed);
    }
    recorded.ok::<types::DagRunCollectionResponse>("dag_runs");

    if let Some(instances) = recorded.ok::<types::TaskInstanceCollectionResponse>("task_instances")
    {
        assert_eq!(instances.task_instances.len(), 1);
    }
    if let Some(instance) = recorded.ok::<types::TaskInstanceResponse>("task_instance") {
        assert_eq!(instance.state, Some(types::TaskInstanceState::Success));
    }

    for (name, expected) in [
        ("xcom_entry", json!({"hello": "Ada", "letters": 3})),
        ("xcom_entry_return_value", json!("Ada")),
    ] {
        match recorded.ok::<types::GetXcomEntryResponse>(name) {
            Some(types::GetXcomEntryResponse::Native(entry)) => assert_eq!(entry.value, expected),
            Some(other) => panic!("{name}.json decoded as {other:?}"),
            // The operation's type is an untagged union, whose error names no field: decode the variant the
            // server meant on its own to say which field is at fault.
            None => {
                recorded.ok::<types::XComResponseNative>(name);
            }
        }
    }
    recorded.ok::<types::XComCollectionResponse>("xcom_entries");

    if let Some(log) = recorded.ok::<types::TaskInstancesLogResponse>("task_log") {
        let types::TaskInstancesLogResponseContent::Array(messages) = log.content else {
            panic!("the log is not structured: {:?}", log.content);
        };
        assert!(messages
            .iter()
            .any(|message| message.event.contains("ASTRO-SDK-GREETING name=Ada")));
    }

    for name in ["variable_created", "variable"] {
        if let Some(variable) = recorded.ok::<types::VariableResponse>(name) {
            assert_eq!(variable.value, Some(Some("first".into())));
        }
    }
    recorded.ok::<types::VariableCollectionResponse>("variables");
    for name in ["pool_created", "pool"] {
        if let Some(pool) = recorded.ok::<types::PoolResponse>(name) {
            assert_eq!(pool.slots, 3);
        }
    }
    recorded.ok::<types::PoolCollectionResponse>("pools");
    for name in ["connection_created", "connection"] {
        if let Some(connection) = recorded.ok::<types::ConnectionResponse>(name) {
            assert_eq!(connection.port, Some(8443));
        }
    }
    recorded.ok::<types::ConnectionCollectionResponse>("connections");

    // Error bodies, through each operation's error type.
    if let Some(error) = recorded.error("error_401_expired", 401, v2::GetDagsError::decode) {
        assert!(
            matches!(error, v2::GetDagsError::Unauthorized(_)),
            "{error:?}"
        );
    }
    if let Some(error) = recorded.error("error_403_forged", 403, v2::GetDagsError::decode) {
        assert!(matches!(error, v2::GetDagsError::Forbidden(_)), "{error:?}");
    }
    // `get_dag`'s error statuses share one body, so its error type is that body.
    if let Some(error) = recorded.ok::<types::HttpExceptionResponse>("error_404_dag") {
        assert!(matches!(
            error.detail,
            types::HttpExceptionResponseDetail::String(ref text) if text.contains("astro_sdk_no_such_dag")
        ));
    }
    if let Some(error) = recorded.error("error_409_variable", 409, v2::PostVariableError::decode) {
        assert!(
            matches!(error, v2::PostVariableError::Conflict(_)),
            "{error:?}"
        );
    }
    // A unique-constraint conflict has an object as its detail.
    if let Some(error) = recorded.error("error_409_pool", 409, v2::PostPoolError::decode) {
        assert!(
            matches!(
                error,
                v2::PostPoolError::Conflict(types::HttpExceptionResponse {
                    detail: types::HttpExceptionResponseDetail::Map(_),
                    ..
                })
            ),
            "{error:?}"
        );
    }
    if let Some(error) = recorded.error("error_422_pool", 422, v2::PostPoolError::decode) {
        let v2::PostPoolError::UnprocessableEntity(body) = error else {
            panic!("422 decoded as {error:?}");
        };
        let errors = body.detail.unwrap_or_default();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].r#type, "missing");
        assert_eq!(json!(errors[0].loc), json!(["body", "slots"]));
    }

    // Every recording is decoded above: a new one cannot be left out unnoticed.
    let on_disk: BTreeSet<String> = std::fs::read_dir(directory())
        .unwrap()
        .filter_map(|entry| {
            let name = entry.unwrap().file_name().into_string().unwrap();
            let stem = name.strip_suffix(".json")?;
            (stem != "index").then(|| stem.to_owned())
        })
        .collect();
    assert_eq!(
        on_disk, recorded.read,
        "recordings on disk and recordings decoded differ"
    );

    assert!(
        recorded.failures.is_empty(),
        "{} of {} recorded Airflow 3.0.6 bodies do not decode with the 3.3.2 client:\n{}",
        recorded.failures.len(),
        recorded.read.len(),
        recorded.failures.join("\n")
    );
}
