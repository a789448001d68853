"""A quick DAG for the SDK's live tests: one task reads the run's conf, logs a known line and pushes XComs."""

import logging

from airflow.sdk import dag, task

log = logging.getLogger(__name__)


@dag(
    dag_id="astro_sdk_greet",
    schedule=None,
    catchup=False,
    tags=["astro-sdk-test"],
    default_args={"retries": 0},
)
def astro_sdk_greet():
    @task
    def greet(dag_run=None, ti=None):
        name = (dag_run.conf or {}).get("name", "nobody")
        log.info("ASTRO-SDK-GREETING name=%s", name)
        ti.xcom_push(key="greeting", value={"hello": name, "letters": len(name)})
        return name

    greet()


astro_sdk_greet()
