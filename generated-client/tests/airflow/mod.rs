//! Runs a real Apache Airflow 3.3.2 on a loopback port for the live tests: the API server, the scheduler and the
//! DAG processor, from the virtual environment that `install.sh` beside this file creates.
//!
//! Everything lives in a fresh temporary `AIRFLOW_HOME` (SQLite database, logs, the password file) and is
//! configured by environment variables only: the simple auth manager with one known admin, the LocalExecutor,
//! our DAGs (`dags/`) and no examples. Each of the three commands runs in a process group of its own, so
//! stopping one stops what it started (LocalExecutor workers, task processes); they are stopped by the ids
//! started here, never by name.
//!
//! - `AIRFLOW_VENV`: the environment (default `~/.cache/astro-sdk/airflow-3.3.2`).
//! - `ASTRO_SKIP_AIRFLOW=1`: skip the live tests, saying so, instead of failing when Airflow is not installed.

#![allow(dead_code)] // each test binary that includes this module uses part of it

use std::fs;
use std::io::Write;
use std::net::{Ipv4Addr, TcpListener};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The Airflow release the live tests run.
pub const VERSION: &str = "3.3.2";
/// The admin user the simple auth manager is given, and its password.
pub const USERNAME: &str = "astro-sdk";
pub const PASSWORD: &str = "astro-sdk-live-password";
/// Our DAGs (in `dags/`): one that greets the name in its run's conf, one that fails.
pub const GREET_DAG: &str = "astro_sdk_greet";
pub const FAIL_DAG: &str = "astro_sdk_fail";
/// The task of the greeting DAG, the XCom key it pushes and the line it logs (followed by `name=<name>`).
pub const GREET_TASK: &str = "greet";
pub const GREET_XCOM_KEY: &str = "greeting";
pub const GREET_LOG_LINE: &str = "ASTRO-SDK-GREETING";

/// How long the server may take to become healthy with our DAGs parsed (two cores shared with other builds).
const STARTUP_DEADLINE: Duration = Duration::from_secs(240);
/// How long `airflow db migrate` may take.
const MIGRATE_DEADLINE: Duration = Duration::from_secs(180);
/// How long each process group has to leave after SIGTERM before it gets SIGKILL.
const STOP_GRACE: Duration = Duration::from_secs(20);

/// A `JWT` signing secret and the other keys, fixed so that the three processes agree on them.
const JWT_SECRET: &str = "astro-sdk-live-tests-jwt-secret-0123456789abcdef0123456789abcdef";
const SECRET_KEY: &str = "astro-sdk-live-tests-secret-key";
/// A Fernet key (the URL-safe base64 of 32 bytes), so connection passwords are stored encrypted.
const FERNET_KEY: &str = "YXN0cm8tc2RrLWxpdmUtdGVzdHMtZmVybmV0LWtleSE=";

pub fn venv() -> PathBuf {
    match std::env::var_os("AIRFLOW_VENV") {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => {
            let home = std::env::var_os("HOME").expect("HOME is set");
            Path::new(&home).join(format!(".cache/astro-sdk/airflow-{VERSION}"))
        }
    }
}

pub fn directory() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/airflow")
}

/// Writes a line to the real standard error, past the test harness's capture, so that a skip or a timing is
/// seen in a plain `cargo test` run.
pub fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Whether the live tests should run: `false` (after saying so) when `ASTRO_SKIP_AIRFLOW=1`. A missing
/// environment is installed first by `install.sh` (as the contract tests install Prism), so the README's one test
/// command needs no set-up step; a failed install is a panic naming the script.
pub fn should_run(test: &str) -> bool {
    if std::env::var("ASTRO_SKIP_AIRFLOW").is_ok_and(|value| value == "1") {
        say(&format!(
            "{test}: SKIPPED because ASTRO_SKIP_AIRFLOW=1 (unset it to run against Apache Airflow {VERSION})"
        ));
        return false;
    }
    let airflow = venv().join("bin/airflow");
    if !airflow.exists() {
        say(&format!(
            "{test}: installing Apache Airflow {VERSION} into {} (once; later runs reuse it)",
            venv().display()
        ));
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/airflow/install.sh");
        let status = Command::new("bash").arg(&script).status();
        assert!(
            status.as_ref().is_ok_and(|status| status.success()),
            "{test}: {} failed ({status:?})",
            script.display()
        );
    }
    assert!(
        airflow.exists(),
        "{test}: Apache Airflow {VERSION} is not installed at {} (no bin/airflow). Run \
         `bash generated-client/tests/airflow/install.sh` (it honours AIRFLOW_VENV), or set \
         ASTRO_SKIP_AIRFLOW=1 to skip the live tests",
        venv().display()
    );
    true
}

/// One long-running Airflow command, the leader of its own process group.
struct Service {
    name: &'static str,
    child: Child,
    log: PathBuf,
}

/// A running Airflow; dropping it stops every process it started and removes its home (kept, with the logs
/// printed, when the test is failing).
pub struct Airflow {
    home: PathBuf,
    url: String,
    services: Vec<Service>,
    /// How long the start took, from `db migrate` to healthy with the DAGs parsed.
    pub startup: Duration,
}

impl Airflow {
    /// Migrates a fresh database, starts the three services and waits until they are healthy and our DAGs are
    /// parsed.
    pub async fn start() -> Self {
        let started = Instant::now();
        let home = fresh_home();
        let port = free_port();
        let mut airflow = Self {
            home,
            url: format!("http://127.0.0.1:{port}"),
            services: Vec::new(),
            startup: Duration::ZERO,
        };
        fs::write(
            airflow.home.join("passwords.json"),
            format!("{{\"{USERNAME}\": \"{PASSWORD}\"}}\n"),
        )
        .unwrap();

        airflow.migrate();
        for (name, command) in [
            ("api-server", "api-server"),
            ("scheduler", "scheduler"),
            ("dag-processor", "dag-processor"),
        ] {
            airflow.spawn(name, command);
        }
        airflow.wait_until_ready().await;
        airflow.startup = started.elapsed();
        airflow
    }

    /// The server's base URL, `http://127.0.0.1:<port>`.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn home(&self) -> &Path {
        &self.home
    }

    /// `program` (of the environment) with our configuration and nothing inherited from the caller's Airflow
    /// settings.
    fn command(&self, program: &str) -> Command {
        let mut command = Command::new(venv().join("bin").join(program));
        command.current_dir(&self.home);
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("AIRFLOW") {
                command.env_remove(key);
            }
        }
        let port = self.url.rsplit(':').next().unwrap();
        let home = self.home.display().to_string();
        let dags = directory().join("dags").display().to_string();
        let settings = [
            ("AIRFLOW_HOME", home.clone()),
            ("AIRFLOW__CORE__DAGS_FOLDER", dags),
            ("AIRFLOW__CORE__LOAD_EXAMPLES", "False".into()),
            ("AIRFLOW__CORE__EXECUTOR", "LocalExecutor".into()),
            ("AIRFLOW__CORE__PARALLELISM", "2".into()),
            (
                "AIRFLOW__CORE__AUTH_MANAGER",
                "airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager"
                    .into(),
            ),
            (
                "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS",
                format!("{USERNAME}:admin"),
            ),
            (
                "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE",
                format!("{home}/passwords.json"),
            ),
            ("AIRFLOW__CORE__FERNET_KEY", FERNET_KEY.into()),
            (
                "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN",
                format!("sqlite:///{home}/airflow.db"),
            ),
            ("AIRFLOW__API__HOST", "127.0.0.1".into()),
            ("AIRFLOW__API__PORT", port.into()),
            ("AIRFLOW__API__WORKERS", "1".into()),
            ("AIRFLOW__API__BASE_URL", self.url.clone()),
            ("AIRFLOW__API__SECRET_KEY", SECRET_KEY.into()),
            ("AIRFLOW__API_AUTH__JWT_SECRET", JWT_SECRET.into()),
            (
                "AIRFLOW__CORE__EXECUTION_API_SERVER_URL",
                format!("{}/execution/", self.url),
            ),
            // Parse new files within seconds; the first parse of the folder happens at start.
            ("AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL", "5".into()),
            (
                "AIRFLOW__DAG_PROCESSOR__MIN_FILE_PROCESS_INTERVAL",
                "10".into(),
            ),
            ("AIRFLOW__DAG_PROCESSOR__PARSING_PROCESSES", "1".into()),
            (
                "AIRFLOW__SCHEDULER__SCHEDULER_IDLE_SLEEP_TIME",
                "0.5".into(),
            ),
            ("AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC", "2".into()),
            // The task processes call the execution API on loopback, never through a proxy.
            ("NO_PROXY", "127.0.0.1,localhost".into()),
            ("no_proxy", "127.0.0.1,localhost".into()),
            // No __pycache__ beside our DAGs in the repository.
            ("PYTHONDONTWRITEBYTECODE", "1".into()),
        ];
        command.envs(settings);
        command
    }

    fn migrate(&self) {
        let log = self.home.join("db-migrate.log");
        let file = fs::File::create(&log).unwrap();
        let mut child = self
            .command("airflow")
            .args(["db", "migrate"])
            .stdin(Stdio::null())
            .stdout(Stdio::from(file.try_clone().unwrap()))
            .stderr(Stdio::from(file))
            .process_group(0)
            .spawn()
            .expect("`airflow db migrate` starts");
        let deadline = Instant::now() + MIGRATE_DEADLINE;
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if Instant::now() > deadline {
                stop_group(child.id());
                let _ = child.wait();
                panic!(
                    "`airflow db migrate` did not finish within {} s:\n{}",
                    MIGRATE_DEADLINE.as_secs(),
                    tail(&log, 40)
                );
            }
            std::thread::sleep(Duration::from_millis(200));
        };
        assert!(
            status.success(),
            "`airflow db migrate` failed ({status}):\n{}",
            tail(&log, 40)
        );
    }

    /// Starts `airflow <command>` under `guard.py`, which ends the group should this process go away without
    /// stopping it (a panic that aborts, Ctrl-C, a kill): its standard input is a pipe held open until then.
    fn spawn(&mut self, name: &'static str, command: &str) {
        let log = self.home.join(format!("{name}.log"));
        let file = fs::File::create(&log).unwrap();
        let child = self
            .command("python")
            .arg(directory().join("guard.py"))
            .arg(venv().join("bin/airflow"))
            .arg(command)
            .stdin(Stdio::piped())
            .stdout(Stdio::from(file.try_clone().unwrap()))
            .stderr(Stdio::from(file))
            .process_group(0)
            .spawn()
            .unwrap_or_else(|error| panic!("`airflow {command}` does not start: {error}"));
        self.services.push(Service { name, child, log });
    }

    /// Polls the health endpoint, then the DAG list, until every service is healthy and both our DAGs are
    /// parsed; fails at the deadline or as soon as a service exits.
    async fn wait_until_ready(&mut self) {
        let http = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap();
        let deadline = Instant::now() + STARTUP_DEADLINE;
        let mut token: Option<String> = None;
        loop {
            for service in &mut self.services {
                if let Some(status) = service.child.try_wait().unwrap() {
                    panic!(
                        "`airflow {}` exited during start-up ({status}); see its log below",
                        service.name
                    );
                }
            }
            let Err(last) = self.readiness(&http, &mut token).await else {
                return;
            };
            assert!(
                Instant::now() < deadline,
                "Airflow was not ready within {} s; last: {last}",
                STARTUP_DEADLINE.as_secs()
            );
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    }

    async fn readiness(
        &self,
        http: &reqwest::Client,
        token: &mut Option<String>,
    ) -> Result<(), String> {
        let health = get_json(http, &format!("{}/api/v2/monitor/health", self.url), None).await?;
        for component in ["metadatabase", "scheduler", "dag_processor"] {
            let status = &health[component]["status"];
            if status != "healthy" {
                return Err(format!("{component} is {status} ({health})"));
            }
        }
        if token.is_none() {
            *token = Some(password_token(http, &self.url, USERNAME, PASSWORD).await?);
        }
        let dags = get_json(
            http,
            &format!("{}/api/v2/dags?dag_id_pattern=astro_sdk_", self.url),
            token.as_deref(),
        )
        .await?;
        let parsed: Vec<&str> = dags["dags"]
            .as_array()
            .map(|dags| {
                dags.iter()
                    .filter_map(|dag| dag["dag_id"].as_str())
                    .collect()
            })
            .unwrap_or_default();
        if [GREET_DAG, FAIL_DAG].iter().all(|dag| parsed.contains(dag)) {
            Ok(())
        } else {
            Err(format!("DAGs parsed so far: {parsed:?}"))
        }
    }

    /// A JWT for the admin that the server would accept but for its expiry an hour ago, signed with the
    /// server's secret by the PyJWT of the environment (the simple auth manager's claims).
    pub fn expired_token(&self) -> String {
        let script = "import os, time, jwt\n\
            now = int(time.time())\n\
            claims = {'sub': os.environ['USER_NAME'], 'role': 'admin', 'aud': 'apache-airflow', \
            'iat': now - 7200, 'nbf': now - 7200, 'exp': now - 3600}\n\
            print(jwt.encode(claims, os.environ['JWT_SECRET'], algorithm='HS512', headers={'kid': 'not-used'}))";
        let output = Command::new(venv().join("bin/python"))
            .args(["-c", script])
            .env("USER_NAME", USERNAME)
            .env("JWT_SECRET", JWT_SECRET)
            .stdin(Stdio::null())
            .output()
            .expect("the environment's python runs");
        assert!(
            output.status.success(),
            "signing an expired token failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap().trim().to_owned()
    }

    /// The last lines of every service's log, for a failure message.
    pub fn logs(&self) -> String {
        let mut text = String::new();
        let migrate = self.home.join("db-migrate.log");
        for (name, log) in std::iter::once(("db-migrate", &migrate)).chain(
            self.services
                .iter()
                .map(|service| (service.name, &service.log)),
        ) {
            text.push_str(&format!(
                "----- {name} ({}) -----\n{}\n",
                log.display(),
                tail(log, 60)
            ));
        }
        text
    }
}

impl Drop for Airflow {
    fn drop(&mut self) {
        let failing = std::thread::panicking();
        if failing {
            say(&self.logs());
        }
        // Every group gets SIGTERM first, so they shut down side by side; then each is waited for in turn
        // within one shared grace period, and whatever is left gets SIGKILL.
        for service in &self.services {
            signal_group(service.child.id(), "TERM");
        }
        let deadline = Instant::now() + STOP_GRACE;
        for service in &mut self.services {
            let pgid = service.child.id();
            loop {
                let _ = service.child.try_wait();
                if live_members(pgid).is_empty() {
                    break;
                }
                if Instant::now() > deadline {
                    say(&format!(
                        "`airflow {}` (process group {pgid}) still running {} s after SIGTERM: SIGKILL",
                        service.name,
                        STOP_GRACE.as_secs()
                    ));
                    stop_group(pgid);
                    break;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            let _ = service.child.wait();
        }
        if failing {
            say(&format!(
                "the Airflow home is kept for inspection: {}",
                self.home.display()
            ));
        } else {
            let _ = fs::remove_dir_all(&self.home);
        }
    }
}

/// Sends SIGKILL to the group and waits (bounded) until none of its processes is left.
fn stop_group(pgid: u32) {
    signal_group(pgid, "KILL");
    let deadline = Instant::now() + Duration::from_secs(5);
    while !live_members(pgid).is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Sends `signal` to every process of the group `pgid` (a group this module started: its id is the id of the
/// child that leads it).
fn signal_group(pgid: u32, signal: &str) {
    let _ = Command::new("kill")
        .args(["-s", signal, "--", &format!("-{pgid}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// The processes of group `pgid` that have not exited (zombies waiting to be reaped do not count), read from
/// `/proc`.
fn live_members(pgid: u32) -> Vec<u32> {
    let Ok(entries) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| {
            let pid: u32 = entry.ok()?.file_name().to_str()?.parse().ok()?;
            let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            // `pid (comm) state ppid pgrp ...`; comm may hold spaces and parentheses, so read after the last ')'.
            let mut fields = stat.get(stat.rfind(')')? + 1..)?.split_whitespace();
            let state = fields.next()?;
            let group: u32 = fields.nth(1)?.parse().ok()?;
            (group == pgid && state != "Z" && state != "X").then_some(pid)
        })
        .collect()
}

fn fresh_home() -> PathBuf {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let home =
        std::env::temp_dir().join(format!("astro-sdk-airflow-{}-{nanos}", std::process::id()));
    fs::create_dir_all(&home).unwrap();
    home
}

fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The last `lines` lines of a file.
pub fn tail(path: &Path, lines: usize) -> String {
    let text = fs::read_to_string(path).unwrap_or_else(|error| format!("(unreadable: {error})"));
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

async fn get_json(
    http: &reqwest::Client,
    url: &str,
    token: Option<&str>,
) -> Result<serde_json::Value, String> {
    let mut request = http.get(url);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request
        .send()
        .await
        .map_err(|error| format!("GET {url}: {error}"))?;
    let status = response.status();
    let body = response.bytes().await.map_err(|error| error.to_string())?;
    if !status.is_success() {
        return Err(format!(
            "GET {url}: {status} {}",
            String::from_utf8_lossy(&body)
        ));
    }
    serde_json::from_slice(&body).map_err(|error| format!("GET {url}: {error}"))
}

/// A JWT from the simple auth manager's `POST /auth/token` (username and password as JSON), with plain
/// reqwest: the harness does not depend on the client under test.
pub async fn password_token(
    http: &reqwest::Client,
    url: &str,
    username: &str,
    password: &str,
) -> Result<String, String> {
    let body = serde_json::json!({ "username": username, "password": password }).to_string();
    let response = http
        .post(format!("{url}/auth/token"))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .map_err(|error| format!("POST /auth/token: {error}"))?;
    let status = response.status();
    let body = response.bytes().await.map_err(|error| error.to_string())?;
    let value: serde_json::Value = serde_json::from_slice(&body).map_err(|error| {
        format!(
            "POST /auth/token: {status} {error}: {}",
            String::from_utf8_lossy(&body)
        )
    })?;
    value["access_token"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("POST /auth/token: {status} {value}"))
}
