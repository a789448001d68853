//! Trigger a DAG run and wait for it to finish: what nearly every Airflow automation does.

use std::fmt;
use std::time::{Duration, Instant};

use super::types::{DagRunResponse, DagRunState, TriggerDagRunPostBody};
use super::{Client, GetDagRunError, TriggerDagRunError};
use crate::runtime;

/// How [`Client::wait_for_dag_run`] polls.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct WaitOptions {
    /// The time between two reads of the run's state (default 5 s).
    pub poll_interval: Duration,
    /// How long to wait in all before giving up with [`WaitError::TimedOut`] (default 1 hour).
    pub timeout: Duration,
}

impl Default for WaitOptions {
    fn default() -> Self {
        Self {
            poll_interval: Duration::from_secs(5),
            timeout: Duration::from_secs(3600),
        }
    }
}

impl WaitOptions {
    /// The time between two reads of the run's state.
    pub fn poll_interval(mut self, interval: Duration) -> Self {
        self.poll_interval = interval;
        self
    }

    /// How long to wait in all.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
}

/// Why a DAG run was not seen to succeed.
#[derive(Debug)]
#[non_exhaustive]
pub enum WaitError {
    /// The run could not be triggered.
    Trigger(runtime::Error<TriggerDagRunError>),
    /// The run's state could not be read.
    Poll(runtime::Error<GetDagRunError>),
    /// The run ended in the `failed` state.
    Failed(Box<DagRunResponse>),
    /// The run had not finished when the timeout passed; the last state read is kept.
    TimedOut {
        /// The run as last read.
        last: Box<DagRunResponse>,
        /// How long was waited.
        waited: Duration,
    },
}

impl fmt::Display for WaitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaitError::Trigger(error) => write!(f, "the DAG run could not be triggered: {error}"),
            WaitError::Poll(error) => write!(f, "the DAG run's state could not be read: {error}"),
            WaitError::Failed(run) => {
                write!(f, "DAG run `{}` of `{}` failed", run.dag_run_id, run.dag_id)
            }
            WaitError::TimedOut { last, waited } => write!(
                f,
                "DAG run `{}` of `{}` was still {} after {:.0?}",
                last.dag_run_id,
                last.dag_id,
                last.state.as_str(),
                waited
            ),
        }
    }
}

impl std::error::Error for WaitError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WaitError::Trigger(error) => Some(error),
            WaitError::Poll(error) => Some(error),
            WaitError::Failed(_) | WaitError::TimedOut { .. } => None,
        }
    }
}

impl Client {
    /// Triggers a run of `dag_id` and waits until it succeeds (the final run), fails ([`WaitError::Failed`]) or
    /// the timeout passes ([`WaitError::TimedOut`]).
    ///
    /// ```no_run
    /// # async fn run(airflow: astro_client::airflow::v2::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use astro_client::airflow::v2::{types::TriggerDagRunPostBody, WaitOptions};
    /// let body = TriggerDagRunPostBody::new(None).conf([("table", "sales")]);
    /// let run = airflow.trigger_and_wait("etl", body, WaitOptions::default()).await?;
    /// println!("{} finished at {:?}", run.dag_run_id, run.end_date);
    /// # Ok(())
    /// # }
    /// ```
    pub async fn trigger_and_wait(
        &self,
        dag_id: impl Into<String>,
        body: TriggerDagRunPostBody,
        options: WaitOptions,
    ) -> Result<DagRunResponse, WaitError> {
        let dag_id = dag_id.into();
        let run = self
            .trigger_dag_run(dag_id.clone(), body)
            .send()
            .await
            .map_err(WaitError::Trigger)?;
        self.wait_for_dag_run(dag_id, run.dag_run_id, options).await
    }

    /// Waits until an existing DAG run succeeds, fails or the timeout passes, reading its state every
    /// `poll_interval`.
    pub async fn wait_for_dag_run(
        &self,
        dag_id: impl Into<String>,
        dag_run_id: impl Into<String>,
        options: WaitOptions,
    ) -> Result<DagRunResponse, WaitError> {
        let (dag_id, dag_run_id) = (dag_id.into(), dag_run_id.into());
        let started = Instant::now();
        loop {
            let run = self
                .get_dag_run(dag_id.clone(), dag_run_id.clone())
                .send()
                .await
                .map_err(WaitError::Poll)?;
            match run.state {
                DagRunState::Success => return Ok(run),
                DagRunState::Failed => return Err(WaitError::Failed(Box::new(run))),
                _ => {}
            }
            let waited = started.elapsed();
            if waited + options.poll_interval > options.timeout {
                return Err(WaitError::TimedOut {
                    last: Box::new(run),
                    waited,
                });
            }
            tokio::time::sleep(options.poll_interval).await;
        }
    }
}
