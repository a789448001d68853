"""A DAG for the SDK's live tests whose only task fails at once, for a run that ends failed."""

from airflow.sdk import dag, task


@dag(
    dag_id="astro_sdk_fail",
    schedule=None,
    catchup=False,
    tags=["astro-sdk-test"],
    default_args={"retries": 0},
)
def astro_sdk_fail():
    @task
    def fail():
        raise RuntimeError("ASTRO-SDK-FAILURE on purpose")

    fail()


astro_sdk_fail()
