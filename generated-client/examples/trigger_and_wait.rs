//! Triggers a DAG run on Airflow 3 and waits for it to finish.
//!
//! On Astro (the Deployment is read through the platform API, and its Airflow API is called with the same token):
//!
//! ```text
//! ASTRO_API_TOKEN=... ASTRO_ORGANIZATION_ID=... ASTRO_DEPLOYMENT_ID=... DAG_ID=example_dag \
//!     cargo run -p astro-client --features airflow-v2 --example trigger_and_wait
//! ```
//!
//! On a self-hosted Airflow (a user name and password exchanged at `/auth/token`):
//!
//! ```text
//! AIRFLOW_URL=http://localhost:8080 AIRFLOW_USERNAME=admin AIRFLOW_PASSWORD=... DAG_ID=example_dag \
//!     cargo run -p astro-client --features airflow-v2 --example trigger_and_wait
//! ```
//!
//! `DAG_CONF` may hold a JSON object passed to the run as its `conf`.

#[cfg(not(all(feature = "airflow-v2", feature = "v1")))]
fn main() {
    eprintln!("this example needs the features `v1` and `airflow-v2`: add `--features airflow-v2`");
}

#[cfg(all(feature = "airflow-v2", feature = "v1"))]
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    use std::collections::BTreeMap;
    use std::time::Duration;

    use astro_client::airflow::v2::{types::TriggerDagRunPostBody, Client, WaitOptions};

    let variable = |name: &str| {
        std::env::var(name).map_err(|_| format!("set the environment variable {name}"))
    };
    let airflow = match std::env::var("AIRFLOW_URL") {
        Ok(url) => Client::with_password(
            url,
            variable("AIRFLOW_USERNAME")?,
            variable("AIRFLOW_PASSWORD")?,
        )?,
        Err(_) => {
            let token = variable("ASTRO_API_TOKEN")?;
            let astro = astro_client::v1::Client::new(token.clone())?;
            let deployment = astro
                .get_deployment(
                    variable("ASTRO_ORGANIZATION_ID")?,
                    variable("ASTRO_DEPLOYMENT_ID")?,
                )
                .send()
                .await?;
            println!(
                "Deployment {} runs Airflow {}",
                deployment.name, deployment.airflow_version
            );
            Client::for_deployment(&deployment, token)?
        }
    };

    let dag_id = variable("DAG_ID")?;
    let mut body = TriggerDagRunPostBody::new(None);
    if let Ok(conf) = std::env::var("DAG_CONF") {
        let conf: BTreeMap<String, serde_json::Value> = serde_json::from_str(&conf)?;
        body = body.conf(conf);
    }
    let options = WaitOptions::default()
        .poll_interval(Duration::from_secs(5))
        .timeout(Duration::from_secs(30 * 60));
    let run = airflow.trigger_and_wait(dag_id, body, options).await?;
    println!(
        "run {} ended {} at {:?}",
        run.dag_run_id,
        run.state.as_str(),
        run.end_date
    );
    Ok(())
}
