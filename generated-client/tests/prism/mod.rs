//! Runs Prism (pinned in `package.json` beside this file) as a mock of an API document on a loopback port.
//!
//! Prism validates every request against the document (a violation is answered with a 4xx) and answers with a
//! response generated from the document's schemas, so a call that succeeds and decodes shows that the client
//! sends what the document asks and reads what it promises.

use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Prism {
    child: Child,
    url: String,
    log: PathBuf,
}

fn directory() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/prism")
}

/// Installs Prism from the lock file when it is not there yet, so the test command alone sets everything up.
fn ensure_installed() -> PathBuf {
    let binary = directory().join("node_modules/.bin/prism");
    if !binary.exists() {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(directory())
            .status()
            .expect("npm is needed to install Prism for the contract tests (Node.js 18 or newer)");
        assert!(
            status.success(),
            "`npm ci` in {} failed",
            directory().display()
        );
    }
    binary
}

impl Prism {
    /// Starts Prism serving `spec` and waits until it accepts connections.
    pub fn start(spec: &str) -> Self {
        let binary = ensure_installed();
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let log = std::env::temp_dir().join(format!("prism-{port}.log"));
        let child = Command::new(binary)
            .args([
                "mock",
                "--host",
                "127.0.0.1",
                "--port",
                &port.to_string(),
                spec,
            ])
            .stdout(Stdio::from(std::fs::File::create(&log).unwrap()))
            .stderr(Stdio::null())
            .spawn()
            .expect("Prism starts");
        let server = Self {
            child,
            url: format!("http://127.0.0.1:{port}"),
            log,
        };
        let started = Instant::now();
        while !answers_http(port) {
            assert!(
                started.elapsed() < Duration::from_secs(90),
                "Prism did not start within 90 s:\n{}",
                std::fs::read_to_string(&server.log).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
        server
    }

    pub fn url(&self) -> &str {
        &self.url
    }
}

/// Whether something on `port` answers an HTTP request (a listening socket alone is not enough: Prism accepts
/// connections before it can serve them).
fn answers_http(port: u16) -> bool {
    use std::io::{Read, Write};
    let Ok(mut stream) = TcpStream::connect((Ipv4Addr::LOCALHOST, port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let mut head = [0u8; 5];
    stream.write_all(b"GET / HTTP/1.0\r\n\r\n").is_ok()
        && stream.read_exact(&mut head).is_ok()
        && &head == b"HTTP/"
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.log);
    }
}

/// The outcome of every call of a contract test.
#[derive(Default)]
pub struct Report {
    passed: usize,
    failures: Vec<String>,
}

impl Report {
    pub fn check<T, E: std::fmt::Debug>(
        &mut self,
        operation: &str,
        result: Result<T, astro_client::runtime::Error<E>>,
    ) {
        match result {
            Ok(_) => self.passed += 1,
            Err(astro_client::runtime::Error::Api(error)) => {
                self.failures.push(format!(
                    "{operation}: {} {}",
                    error.status,
                    error.raw_text()
                ));
            }
            Err(error) => self.failures.push(format!("{operation}: {error}")),
        }
    }

    pub fn assert_all_passed(self, expected: usize) {
        assert!(
            self.failures.is_empty(),
            "{} of {expected} calls failed:\n{}",
            self.failures.len(),
            self.failures.join("\n")
        );
        assert_eq!(self.passed, expected);
    }
}
