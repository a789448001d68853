#!/usr/bin/env python3
"""Records what Apache Airflow 3.0.6 answers to the requests of the live suite, for tests/airflow_recorded.rs.

Installs apache-airflow==3.0.6 into its own environment (AIRFLOW_306_VENV, default
~/.cache/astro-sdk/airflow-3.0.6; pinned by recorded-3.0.6/pip-freeze.txt once that exists), starts it on
127.0.0.1 as the Rust harness does (tests/airflow/mod.rs: temporary home, SQLite, LocalExecutor, the simple auth
manager, our DAGs), runs our DAGs once, and writes each response body, byte for byte, to
recorded-3.0.6/<name>.json, with index.json naming the request and status of each. Every process started here
runs in a session of its own and is stopped through its process group id, never by name.

Run with Python 3.11 (the standard library only): python3.11 generated-client/tests/airflow/record_3_0_6.py
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

VERSION = "3.0.6"
HERE = Path(__file__).resolve().parent
OUT = HERE / f"recorded-{VERSION}"
DAGS = HERE / "dags"
VENV = Path(
    os.environ.get("AIRFLOW_306_VENV") or Path.home() / f".cache/astro-sdk/airflow-{VERSION}"
)
PYTHON = os.environ.get("AIRFLOW_PYTHON", "python3.11")
# Dependencies as PyPI had them shortly after 3.0.6 was released.
RESOLVED_AS_OF = "2025-09-10"

USERNAME = "astro-sdk"
PASSWORD = "astro-sdk-live-password"
JWT_SECRET = "astro-sdk-live-tests-jwt-secret-0123456789abcdef0123456789abcdef"
FERNET_KEY = "YXN0cm8tc2RrLWxpdmUtdGVzdHMtZmVybmV0LWtleSE="
GREET, FAIL = "astro_sdk_greet", "astro_sdk_fail"

STARTUP_DEADLINE = 300
RUN_DEADLINE = 240
STOP_GRACE = 20


def say(text):
    print(f"record_3_0_6: {text}", flush=True)


def installed_version(scratch):
    airflow = VENV / "bin/airflow"
    if not airflow.exists():
        return None
    result = subprocess.run(
        [str(airflow), "version"],
        env={**os.environ, "AIRFLOW_HOME": scratch},
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = result.stdout.strip().splitlines()
    return lines[-1] if lines else None


def install():
    with tempfile.TemporaryDirectory() as scratch:
        if installed_version(scratch) == VERSION:
            say(f"Apache Airflow {VERSION} is already installed in {VENV}")
            return
        started = time.monotonic()
        say(f"installing Apache Airflow {VERSION} into {VENV}")
        shutil.rmtree(VENV, ignore_errors=True)
        VENV.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([PYTHON, "-m", "venv", str(VENV)], check=True)
        # Airflow's constraints files are not reachable here, and today's newest dependencies break 3.0.6 (its
        # /auth/token fails with PyJWT 2.15), so uv resolves what PyPI had shortly after the release.
        pip = [str(VENV / "bin/python"), "-m", "pip", "--disable-pip-version-check"]
        subprocess.run([*pip, "install", "--quiet", "uv"], check=True)
        uv = [str(VENV / "bin/uv"), "pip"]
        python = ["--python", str(VENV / "bin/python")]
        freeze = OUT / "pip-freeze.txt"
        constraints = ["-c", str(freeze)] if freeze.exists() else []
        subprocess.run(
            [*uv, "install", "--quiet", *python, "--exclude-newer", RESOLVED_AS_OF, *constraints,
             f"apache-airflow=={VERSION}"],
            check=True,
        )
        if not freeze.exists():
            OUT.mkdir(exist_ok=True)
            frozen = subprocess.run(
                [*uv, "freeze", "--quiet", *python, "--exclude", "uv"],
                check=True, capture_output=True, text=True,
            ).stdout
            freeze.write_text(
                f"# apache-airflow=={VERSION} as resolved from PyPI on {RESOLVED_AS_OF}, written by "
                "record_3_0_6.py\n" + frozen
            )
        found = installed_version(scratch)
        if found != VERSION:
            sys.exit(f"{VENV}/bin/airflow version printed {found!r}, not {VERSION}")
        say(f"installed in {time.monotonic() - started:.0f} s")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Airflow:
    def __init__(self):
        self.home = Path(tempfile.mkdtemp(prefix="astro-sdk-airflow-306-"))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.services = []
        (self.home / "passwords.json").write_text(json.dumps({USERNAME: PASSWORD}) + "\n")
        env = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW")}
        home = str(self.home)
        env.update(
            {
                "AIRFLOW_HOME": home,
                "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
                "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
                "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
                "AIRFLOW__CORE__PARALLELISM": "2",
                "AIRFLOW__CORE__AUTH_MANAGER": "airflow.api_fastapi.auth.managers.simple."
                "simple_auth_manager.SimpleAuthManager",
                "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": f"{USERNAME}:admin",
                "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": f"{home}/passwords.json",
                "AIRFLOW__CORE__FERNET_KEY": FERNET_KEY,
                "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home}/airflow.db",
                "AIRFLOW__API__HOST": "127.0.0.1",
                "AIRFLOW__API__PORT": str(self.port),
                "AIRFLOW__API__WORKERS": "1",
                "AIRFLOW__API__BASE_URL": self.url,
                "AIRFLOW__API__SECRET_KEY": "astro-sdk-live-tests-secret-key",
                "AIRFLOW__API_AUTH__JWT_SECRET": JWT_SECRET,
                "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{self.url}/execution/",
                "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
                "AIRFLOW__DAG_PROCESSOR__MIN_FILE_PROCESS_INTERVAL": "10",
                "AIRFLOW__DAG_PROCESSOR__PARSING_PROCESSES": "1",
                "AIRFLOW__SCHEDULER__SCHEDULER_IDLE_SLEEP_TIME": "0.5",
                "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "2",
                "NO_PROXY": "127.0.0.1,localhost",
                "no_proxy": "127.0.0.1,localhost",
                "PYTHONDONTWRITEBYTECODE": "1",
            }
        )
        self.env = env

    def run(self, name, args, deadline):
        with open(self.home / f"{name}.log", "w") as log:
            process = subprocess.Popen(
                [str(VENV / "bin/airflow"), *args],
                env=self.env,
                cwd=self.home,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            code = process.wait(timeout=deadline)
        except subprocess.TimeoutExpired:
            stop_group(process, "airflow " + " ".join(args))
            sys.exit(f"`airflow {' '.join(args)}` did not finish within {deadline} s")
        if code != 0:
            sys.exit(f"`airflow {' '.join(args)}` failed ({code}):\n{self.tail(name)}")

    def spawn(self, name):
        with open(self.home / f"{name}.log", "w") as log:
            process = subprocess.Popen(
                [str(VENV / "bin/airflow"), name],
                env=self.env,
                cwd=self.home,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.services.append((name, process))

    def tail(self, name, lines=60):
        try:
            text = (self.home / f"{name}.log").read_text(errors="replace")
        except OSError as error:
            return f"({error})"
        return "\n".join(text.splitlines()[-lines:])

    def start(self):
        started = time.monotonic()
        self.run("db-migrate", ["db", "migrate"], 300)
        for name in ("api-server", "scheduler", "dag-processor"):
            self.spawn(name)
        deadline = time.monotonic() + STARTUP_DEADLINE
        last = "no answer yet"
        while True:
            for name, process in self.services:
                if process.poll() is not None:
                    raise RuntimeError(f"`airflow {name}` exited ({process.returncode})")
            try:
                ready, last = self.ready()
                if ready:
                    break
            except (OSError, ValueError) as error:
                last = str(error)
            if time.monotonic() > deadline:
                raise RuntimeError(f"not ready within {STARTUP_DEADLINE} s; last: {last}")
            time.sleep(0.5)
        say(f"Airflow {VERSION} ready after {time.monotonic() - started:.1f} s at {self.url}")

    def ready(self):
        status, body = request("GET", f"{self.url}/api/v2/monitor/health")
        if status != 200:
            return False, f"health {status}"
        health = json.loads(body)
        for component in ("metadatabase", "scheduler", "dag_processor"):
            if (health.get(component) or {}).get("status") != "healthy":
                return False, f"{component}: {health.get(component)}"
        token = login(self.url)
        status, body = request(
            "GET", f"{self.url}/api/v2/dags?dag_id_pattern=astro_sdk_", token=token
        )
        ids = [dag["dag_id"] for dag in json.loads(body).get("dags", [])] if status == 200 else []
        return {GREET, FAIL} <= set(ids), f"DAGs parsed: {ids}"

    def stop(self):
        for _, process in self.services:
            signal_group(process, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE
        for name, process in self.services:
            while live_members(process.pid) and time.monotonic() < deadline:
                process.poll()
                time.sleep(0.1)
            if live_members(process.pid):
                say(f"`airflow {name}` still running {STOP_GRACE} s after SIGTERM: SIGKILL")
                stop_group(process, name)
            process.wait(timeout=10)


def signal_group(process, sig):
    # The process leads a session of its own, so its process group id is its pid.
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        pass


def stop_group(process, name):
    signal_group(process, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while live_members(process.pid) and time.monotonic() < deadline:
        process.poll()
        time.sleep(0.05)


def live_members(pgid):
    """The processes of group `pgid` that are not zombies, read from /proc."""
    members = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 1 :].split()
        if len(fields) > 2 and int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            members.append(int(entry))
    return members


def request(method, url, body=None, token=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(req, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def login(url):
    status, body = request("POST", f"{url}/auth/token", {"username": USERNAME, "password": PASSWORD})
    if status not in (200, 201):
        raise ValueError(f"POST /auth/token: {status} {body[:200]!r}")
    return json.loads(body)["access_token"]


class Recorder:
    def __init__(self, url, token):
        self.url, self.token, self.index = url, token, {}
        shutil.rmtree(OUT / "bodies", ignore_errors=True)
        for old in OUT.glob("*.json"):
            old.unlink()
        OUT.mkdir(exist_ok=True)

    def call(self, name, method, path, body=None, expect=200, token=None):
        status, raw = request(method, self.url + path, body, token or self.token)
        if status != expect:
            raise RuntimeError(f"{method} {path}: {status}, expected {expect}: {raw[:500]!r}")
        if name:
            (OUT / f"{name}.json").write_bytes(raw)
            self.index[name] = {"method": method, "path": path, "status": status}
        return json.loads(raw) if raw else None

    def finish(self):
        (OUT / "index.json").write_text(json.dumps(self.index, indent=2, sort_keys=True) + "\n")


def quote(text):
    return urllib.parse.quote(text, safe="")


def run_dag(rec, dag_id, conf, name):
    rec.call(None, "PATCH", f"/api/v2/dags/{dag_id}", {"is_paused": False})
    run = rec.call(
        name, "POST", f"/api/v2/dags/{dag_id}/dagRuns", {"logical_date": None, "conf": conf}
    )
    run_id = run["dag_run_id"]
    deadline = time.monotonic() + RUN_DEADLINE
    while True:
        state = rec.call(None, "GET", f"/api/v2/dags/{dag_id}/dagRuns/{quote(run_id)}")["state"]
        if state not in ("queued", "running"):
            return run_id, state
        if time.monotonic() > deadline:
            raise RuntimeError(f"{dag_id} run {run_id} still {state} after {RUN_DEADLINE} s")
        time.sleep(0.5)


def expired_token():
    script = (
        "import os, time, jwt\n"
        "now = int(time.time())\n"
        "claims = {'sub': os.environ['USER_NAME'], 'role': 'admin', 'aud': 'apache-airflow',"
        " 'iat': now - 7200, 'nbf': now - 7200, 'exp': now - 3600}\n"
        "print(jwt.encode(claims, os.environ['JWT_SECRET'], algorithm='HS512',"
        " headers={'kid': 'not-used'}))"
    )
    env = {**os.environ, "USER_NAME": USERNAME, "JWT_SECRET": JWT_SECRET}
    out = subprocess.run(
        [str(VENV / "bin/python"), "-c", script], env=env, check=True, capture_output=True, text=True
    )
    return out.stdout.strip()


def record(airflow):
    rec = Recorder(airflow.url, login(airflow.url))
    rec.call("version", "GET", "/api/v2/version")
    rec.call("health", "GET", "/api/v2/monitor/health")
    rec.call("dags", "GET", "/api/v2/dags?dag_id_pattern=astro_sdk_")
    rec.call("dag_paused", "PATCH", f"/api/v2/dags/{GREET}", {"is_paused": True})

    run_id, state = run_dag(rec, GREET, {"name": "Ada"}, "dag_run_triggered")
    if state != "success":
        raise RuntimeError(f"{GREET} ended {state}")
    run = f"/api/v2/dags/{GREET}/dagRuns/{quote(run_id)}"
    rec.call("dag", "GET", f"/api/v2/dags/{GREET}")
    rec.call("dag_run", "GET", run)
    rec.call("dag_runs", "GET", f"/api/v2/dags/{GREET}/dagRuns")
    rec.call("task_instances", "GET", f"{run}/taskInstances")
    rec.call("task_instance", "GET", f"{run}/taskInstances/greet")
    rec.call("xcom_entry", "GET", f"{run}/taskInstances/greet/xcomEntries/greeting")
    rec.call("xcom_entry_return_value", "GET", f"{run}/taskInstances/greet/xcomEntries/return_value")
    rec.call("xcom_entries", "GET", f"{run}/taskInstances/greet/xcomEntries")
    rec.call("task_log", "GET", f"{run}/taskInstances/greet/logs/1")

    failed_id, state = run_dag(rec, FAIL, {}, None)
    if state != "failed":
        raise RuntimeError(f"{FAIL} ended {state}")
    rec.call("dag_run_failed", "GET", f"/api/v2/dags/{FAIL}/dagRuns/{quote(failed_id)}")

    variable = {"key": "astro_sdk_variable", "value": "first", "description": "made by the recorder"}
    rec.call("variable_created", "POST", "/api/v2/variables", variable, expect=201)
    rec.call("variable", "GET", "/api/v2/variables/astro_sdk_variable")
    rec.call("variables", "GET", "/api/v2/variables")
    rec.call("error_409_variable", "POST", "/api/v2/variables", variable, expect=409)
    rec.call(None, "DELETE", "/api/v2/variables/astro_sdk_variable", expect=204)

    pool = {"name": "astro_sdk_pool", "slots": 3, "description": "made by the recorder"}
    rec.call("pool_created", "POST", "/api/v2/pools", pool, expect=201)
    rec.call("pool", "GET", "/api/v2/pools/astro_sdk_pool")
    rec.call("pools", "GET", "/api/v2/pools")
    rec.call("error_409_pool", "POST", "/api/v2/pools", pool, expect=409)
    # A body without the required `slots` (3.0.6 has no minimum on slots, so -5 would be accepted).
    rec.call(
        "error_422_pool", "POST", "/api/v2/pools", {"name": "astro_sdk_bad_pool"}, expect=422
    )
    rec.call(None, "DELETE", "/api/v2/pools/astro_sdk_pool", expect=204)

    connection = {
        "connection_id": "astro_sdk_connection",
        "conn_type": "http",
        "host": "example.invalid",
        "login": "astro",
        "password": "not-a-real-secret",
        "port": 8443,
        "extra": '{"verify": false}',
    }
    rec.call("connection_created", "POST", "/api/v2/connections", connection, expect=201)
    rec.call("connection", "GET", "/api/v2/connections/astro_sdk_connection")
    rec.call("connections", "GET", "/api/v2/connections")
    rec.call(None, "DELETE", "/api/v2/connections/astro_sdk_connection", expect=204)

    rec.call("error_404_dag", "GET", "/api/v2/dags/astro_sdk_no_such_dag", expect=404)
    rec.call("error_401_expired", "GET", "/api/v2/dags", token=expired_token(), expect=401)
    rec.call("error_403_forged", "GET", "/api/v2/dags", token="not.a-valid.token", expect=403)
    rec.finish()
    say(f"recorded {len(rec.index)} responses into {OUT}")


def main():
    install()
    airflow = Airflow()
    ok = False
    try:
        airflow.start()
        record(airflow)
        ok = True
    finally:
        airflow.stop()
        if ok:
            shutil.rmtree(airflow.home, ignore_errors=True)
        else:
            for name in ("db-migrate", "api-server", "scheduler", "dag-processor"):
                print(f"----- {name} -----\n{airflow.tail(name)}", file=sys.stderr)
            print(f"the Airflow home is kept: {airflow.home}", file=sys.stderr)


if __name__ == "__main__":
    main()
