//! `cargo xtask bench`: generation time, peak memory, generated lines and the debug build time of the generated
//! crate, for our generator and, side by side, for progenitor and ploidy on the same documents.
//!
//! Every generator runs as a child process and is measured the same way: wall time from spawn to exit, and the
//! child's peak resident set size as the kernel reports it to `wait4`. Our generator is the release `generate`
//! binary; the floor it is compared with is the release `xtask parse-only FILE`, which only runs our loader.
//! The peers are installed with `cargo install` under `target/bench-tools` when they are missing.

mod kinds;
mod report;
mod tags;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const PROGENITOR_VERSION: &str = "0.15.1";
const PLOIDY_VERSION: &str = "0.15.0";

const USAGE: &str = "usage: cargo xtask bench [--no-peers] [--runs N] [--docs LIST] [--build LIST] [--corpus DIR] [--with-tags]
       cargo xtask bench --tags [--runs N] [--docs LIST] [--corpus DIR]
       cargo xtask bench --kinds [--runs N]

  --no-peers     measure our generator only (no progenitor, no ploidy)
  --runs N       runs of each generator per document, best and median reported (default 5)
  --docs LIST    documents to measure, comma-separated (default stripe,vault,plaid,oxide,astro-v1; also
                 discord and airflow, OpenAPI 3.1; any file name of the corpus, such as box.json; `corpus` for
                 every corpus document)
  --build LIST   documents whose generated crates get a timed debug build (default: all of --docs; `none`)
  --corpus DIR   where the corpus documents live (default ../shared/corpus)
  --with-tags    after generation, the `--tags` measurement on its default documents, so that every target of
                 issue #20 is checked in one run with the peers beside
  --tags         instead: `cargo check` of each tagged document's crate with every tag against its most-used tag
                 alone (default documents box,pagerduty,linode,jira,kubernetes; runs default 3)
  --kinds        instead: what one generated item of each kind costs `cargo check` and `cargo build` (documents
                 of our own with 300 items of one kind; runs default 3)";

/// The documents the issue names, by short name.
const DOCUMENTS: &[(&str, &str)] = &[
    ("stripe", "corpus:stripe.json"),
    ("vault", "corpus:vault.json"),
    ("plaid", "corpus:plaid.yaml"),
    ("oxide", "corpus:oxide.json"),
    ("astro-v1", "specs:v1/2026-07-23.yaml"),
    // OpenAPI 3.1, measured on request (`--docs discord,airflow`): their normalization is the cost to watch.
    ("discord", "corpus:discord.json"),
    ("airflow", "shared:specs-upstream/airflow/v2/3.3.2.yaml"),
];

/// The documents measured when `--docs` is not given.
const DEFAULT_DOCUMENTS: &[&str] = &["stripe", "vault", "plaid", "oxide", "astro-v1"];

struct Options {
    /// `--tags`: measure what a tag feature saves instead of generation.
    tags: bool,
    /// `--kinds`: measure what each kind of generated item costs rustc instead of generation.
    kinds: bool,
    /// `--with-tags`: the `--tags` measurement after generation's.
    with_tags: bool,
    peers: bool,
    /// Another `generate` binary to measure beside ours.
    before: Option<PathBuf>,
    runs: usize,
    documents: Vec<String>,
    build: Vec<String>,
    corpus: Option<PathBuf>,
}

fn parse_options(arguments: &[&str]) -> Result<Options, String> {
    let all: Vec<String> = DEFAULT_DOCUMENTS
        .iter()
        .map(|name| (*name).to_owned())
        .collect();
    let mut options = Options {
        tags: arguments.contains(&"--tags"),
        kinds: arguments.contains(&"--kinds"),
        with_tags: arguments.contains(&"--with-tags"),
        peers: true,
        before: None,
        runs: 5,
        documents: all,
        build: Vec::new(),
        corpus: None,
    };
    if options.tags || options.kinds {
        options.runs = 3;
    }
    if options.tags {
        options.documents = tags::TAGGED_DOCUMENTS
            .iter()
            .map(|(name, _)| (*name).to_owned())
            .collect();
    }
    let mut build = None;
    let mut rest = arguments.iter();
    while let Some(argument) = rest.next() {
        let mut value = |flag: &str| {
            rest.next()
                .copied()
                .ok_or_else(|| format!("{flag} needs a value\n\n{USAGE}"))
        };
        match *argument {
            "--no-peers" => options.peers = false,
            "--tags" | "--kinds" | "--with-tags" => {}
            "--before" => options.before = Some(PathBuf::from(value("--before")?)),
            "--runs" => {
                options.runs = value("--runs")?
                    .parse()
                    .ok()
                    .filter(|runs| *runs > 0)
                    .ok_or("--runs needs a positive number")?
            }
            "--docs" => options.documents = split_list(value("--docs")?),
            "--build" => build = Some(split_list(value("--build")?)),
            "--corpus" => options.corpus = Some(PathBuf::from(value("--corpus")?)),
            other => return Err(format!("unknown argument `{other}`\n\n{USAGE}")),
        }
    }
    if options.tags || options.kinds {
        // `tags::run` checks the names against its own list; `--kinds` reads no document.
        return Ok(options);
    }
    for name in options.documents.iter().chain(build.iter().flatten()) {
        let corpus_file = name == "corpus" || name.ends_with(".json") || name.ends_with(".yaml");
        if name != "none" && !corpus_file && !DOCUMENTS.iter().any(|(known, _)| known == name) {
            return Err(format!(
                "unknown document `{name}`; known: {}",
                DOCUMENTS
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    options.build = match build {
        Some(list) => list.into_iter().filter(|name| name != "none").collect(),
        None => options.documents.clone(),
    };
    Ok(options)
}

fn split_list(list: &str) -> Vec<String> {
    list.split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The generators compared.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tool {
    Ours,
    /// Our generator as built from an earlier commit (`--before`).
    Before,
    Progenitor,
    Ploidy,
}

impl Tool {
    fn name(self) -> &'static str {
        match self {
            Tool::Ours => "ours",
            Tool::Before => "before",
            Tool::Progenitor => "progenitor",
            Tool::Ploidy => "ploidy",
        }
    }
}

/// One child process: how long it ran, its peak memory, whether it succeeded.
struct Measured {
    wall: Duration,
    /// User and system time of the child and the children it waited for (rustc under cargo): unlike wall time,
    /// what another process on the machine does barely changes it.
    cpu: Duration,
    max_rss_kib: u64,
    success: bool,
    stderr: String,
}

/// Repeated runs of one command.
struct Series {
    best: Duration,
    median: Duration,
    max_rss_kib: u64,
}

/// What one generator did with one document.
enum Generation {
    Done {
        series: Series,
        lines: usize,
        crate_dir: PathBuf,
    },
    Failed(String),
    Skipped,
}

/// The timed rebuild of one generated crate.
enum Build {
    Done(Duration),
    Failed(String),
    NotMeasured,
}

struct DocumentResult {
    name: String,
    size_bytes: u64,
    parse: Option<Series>,
    generations: Vec<(Tool, Generation, Build)>,
}

struct Paths {
    root: PathBuf,
    scratch: PathBuf,
    generate: PathBuf,
    before: Option<PathBuf>,
    xtask: PathBuf,
    progenitor: Option<PathBuf>,
    ploidy: Option<PathBuf>,
}

pub fn run(root: &Path, arguments: &[&str]) -> Result<(), String> {
    let options = parse_options(arguments)?;
    let corpus = options
        .corpus
        .clone()
        .unwrap_or_else(|| root.join("../shared/corpus"));
    let scratch = root.join("target/bench");
    std::fs::create_dir_all(&scratch)
        .map_err(|error| format!("cannot create {}: {error}", scratch.display()))?;

    // The peers compile for minutes on a small machine: start their installs first, build ours meanwhile.
    let tools_root = root.join("target/bench-tools");
    let mut installs = Vec::new();
    if options.peers && !options.tags && !options.kinds {
        for (binary, package, version, locked) in [
            (
                "cargo-progenitor",
                "cargo-progenitor",
                PROGENITOR_VERSION,
                false,
            ),
            ("ploidy", "ploidy", PLOIDY_VERSION, true),
        ] {
            if !tools_root.join("bin").join(binary).exists() {
                println!(
                    "installing {package} {version} into {} (once; this takes minutes)",
                    tools_root.display()
                );
                let mut command = cargo();
                command
                    .args(["install", "--quiet", "--root"])
                    .arg(&tools_root)
                    .args([package, "--version", version]);
                if locked {
                    command.arg("--locked");
                }
                // The peers build in their own target directory, not in ours.
                command.env("CARGO_TARGET_DIR", scratch.join("install-target"));
                let child = command
                    .spawn()
                    .map_err(|error| format!("cannot run cargo install: {error}"))?;
                installs.push((package, child));
            }
        }
    }

    println!("building our `generate` and `xtask` in release");
    let status = cargo()
        .args([
            "build",
            "--quiet",
            "--release",
            "-p",
            "openapi-rust-generator",
            "--bin",
            "generate",
            "-p",
            "xtask",
            "--bin",
            "xtask",
        ])
        .current_dir(root)
        .status()
        .map_err(|error| format!("cannot run cargo build: {error}"))?;
    if !status.success() {
        return Err("cargo build --release of the generator failed".to_owned());
    }
    let release = target_directory(root).join("release");
    if options.kinds {
        return kinds::run(&kinds::KindOptions {
            scratch: &scratch,
            lock_file: &root.join("Cargo.lock"),
            runs: options.runs,
        });
    }
    let measure_tags = |documents: &[String]| {
        tags::run(&tags::TagOptions {
            generate: &release.join(format!("generate{}", std::env::consts::EXE_SUFFIX)),
            corpus: &corpus,
            scratch: &scratch,
            lock_file: &root.join("Cargo.lock"),
            runs: options.runs,
            documents,
        })
    };
    if options.tags {
        return measure_tags(&options.documents);
    }

    for (package, mut child) in installs {
        let status = child
            .wait()
            .map_err(|error| format!("cargo install {package}: {error}"))?;
        if !status.success() {
            println!("installing {package} failed; it is left out of the comparison");
        }
    }
    let peer = |binary: &str| {
        let path = tools_root.join("bin").join(binary);
        (options.peers && path.exists()).then_some(path)
    };
    let paths = Paths {
        root: root.to_owned(),
        scratch: scratch.clone(),
        generate: release.join(format!("generate{}", std::env::consts::EXE_SUFFIX)),
        before: options.before.clone(),
        xtask: release.join(format!("xtask{}", std::env::consts::EXE_SUFFIX)),
        progenitor: peer("cargo-progenitor"),
        ploidy: peer("ploidy"),
    };

    let mut results = Vec::new();
    for name in &expand_corpus(&options.documents, &corpus)? {
        let location = DOCUMENTS
            .iter()
            .find(|(known, _)| known == name)
            .map(|(_, location)| (*location).to_owned())
            .unwrap_or_else(|| format!("corpus:{name}"));
        let document = match location.split_once(':') {
            Some(("corpus", file)) => corpus.join(file),
            Some(("shared", file)) => root.join("../shared").join(file),
            Some((_, file)) => root.join("specs").join(file),
            None => continue,
        };
        println!("== {name} ({})", document.display());
        results.push(measure_document(
            &paths,
            name,
            &document,
            options.runs,
            options.build.contains(name),
        )?);
    }
    println!();
    print!("{}", report::report(&results, options.runs));
    if options.with_tags {
        println!();
        let tagged: Vec<String> = tags::TAGGED_DOCUMENTS
            .iter()
            .map(|(name, _)| (*name).to_owned())
            .collect();
        measure_tags(&tagged)?;
    }
    Ok(())
}

/// The document names with `corpus` replaced by every JSON and YAML document of the corpus, in name order.
fn expand_corpus(names: &[String], corpus: &Path) -> Result<Vec<String>, String> {
    let mut expanded = Vec::new();
    for name in names {
        if name != "corpus" {
            expanded.push(name.clone());
            continue;
        }
        let entries = std::fs::read_dir(corpus)
            .map_err(|error| format!("cannot list {}: {error}", corpus.display()))?;
        let mut files: Vec<String> = entries
            .flatten()
            .filter_map(|entry| entry.file_name().into_string().ok())
            .filter(|file| file.ends_with(".json") || file.ends_with(".yaml"))
            .collect();
        files.sort();
        expanded.extend(files);
    }
    Ok(expanded)
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
}

/// Where cargo puts this workspace's build output: `CARGO_TARGET_DIR` when set, else `target/`.
fn target_directory(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(directory) => {
            let directory = PathBuf::from(directory);
            if directory.is_absolute() {
                directory
            } else {
                root.join(directory)
            }
        }
        None => root.join("target"),
    }
}

fn measure_document(
    paths: &Paths,
    name: &str,
    document: &Path,
    runs: usize,
    build: bool,
) -> Result<DocumentResult, String> {
    let size_bytes = std::fs::metadata(document)
        .map_err(|error| format!("cannot read {}: {error}", document.display()))?
        .len();
    let logs = paths.scratch.join("logs");
    std::fs::create_dir_all(&logs).map_err(|error| error.to_string())?;

    let parse = {
        let mut command = Command::new(&paths.xtask);
        command.arg("parse-only").arg(document);
        match repeat(
            &mut command,
            runs,
            &logs.join(format!("parse-{name}.log")),
            || Ok(()),
        )? {
            Ok(series) => Some(series),
            Err(message) => {
                println!("  our loader refused {name}: {message}");
                None
            }
        }
    };
    if let Some(series) = &parse {
        println!("  parse        {:>9}", seconds(series.best));
    }

    // Both peers read YAML and JSON, so every generator gets the document as it is.
    let mut generations = Vec::new();
    for tool in [Tool::Ours, Tool::Before, Tool::Progenitor, Tool::Ploidy] {
        let crate_name = format!("bench-{}-{}", tool.name(), name);
        let out = paths.scratch.join("out").join(tool.name()).join(name);
        let mut command = match tool {
            Tool::Ours | Tool::Before => {
                let binary = match tool {
                    Tool::Before => paths.before.as_ref(),
                    _ => Some(&paths.generate),
                };
                let Some(binary) = binary else {
                    generations.push((tool, Generation::Skipped, Build::NotMeasured));
                    continue;
                };
                let mut command = Command::new(binary);
                command
                    .arg("--spec")
                    .arg(document)
                    .arg("--out")
                    .arg(&out)
                    .args(["--name", &crate_name]);
                command
            }
            Tool::Progenitor => {
                let Some(binary) = &paths.progenitor else {
                    generations.push((tool, Generation::Skipped, Build::NotMeasured));
                    continue;
                };
                let mut command = Command::new(binary);
                command
                    .arg("progenitor")
                    .arg("-i")
                    .arg(document)
                    .arg("-o")
                    .arg(&out)
                    .args(["-n", &crate_name, "-v", "0.1.0"]);
                command
            }
            Tool::Ploidy => {
                let Some(binary) = &paths.ploidy else {
                    generations.push((tool, Generation::Skipped, Build::NotMeasured));
                    continue;
                };
                let mut command = Command::new(binary);
                command
                    .args(["generate", "rust"])
                    .arg(document)
                    .arg("-o")
                    .arg(&out)
                    .args(["--name", &crate_name]);
                command
            }
        };
        let log = logs.join(format!("{}-{name}.log", tool.name()));
        let outcome = repeat(&mut command, runs, &log, || {
            match std::fs::remove_dir_all(&out) {
                Ok(()) => Ok(()),
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
                Err(error) => Err(format!("cannot clear {}: {error}", out.display())),
            }
        })?;
        let generation = match outcome {
            Ok(series) => {
                let lines = rust_lines(&out);
                println!(
                    "  {:<12} {:>9}  {:>7} MiB  {lines} lines",
                    tool.name(),
                    seconds(series.best),
                    series.max_rss_kib / 1024
                );
                Generation::Done {
                    series,
                    lines,
                    crate_dir: out,
                }
            }
            Err(message) => {
                println!("  {:<12} failed: {message}", tool.name());
                Generation::Failed(message)
            }
        };
        let build = match &generation {
            Generation::Done { crate_dir, .. } if build => {
                let build = timed_rebuild(
                    paths,
                    crate_dir,
                    &logs.join(format!("build-{}-{name}.log", tool.name())),
                );
                match &build {
                    Build::Done(time) => println!("  {:<12} debug rebuild {}", "", seconds(*time)),
                    Build::Failed(message) => {
                        println!("  {:<12} build failed: {message}", "")
                    }
                    Build::NotMeasured => {}
                }
                build
            }
            _ => Build::NotMeasured,
        };
        generations.push((tool, generation, build));
    }
    Ok(DocumentResult {
        name: name.to_owned(),
        size_bytes,
        parse,
        generations,
    })
}

/// Runs `command` `runs` times (calling `prepare` before each), stopping at the first failure, whose message is
/// returned as the inner error. The outer error is for what makes the whole bench pointless.
fn repeat(
    command: &mut Command,
    runs: usize,
    log: &Path,
    mut prepare: impl FnMut() -> Result<(), String>,
) -> Result<Result<Series, String>, String> {
    let mut walls = Vec::new();
    let mut max_rss_kib = 0;
    for _ in 0..runs {
        prepare()?;
        let measured = measure(command, log)?;
        if !measured.success {
            return Ok(Err(summarize(&measured.stderr)));
        }
        walls.push(measured.wall);
        max_rss_kib = max_rss_kib.max(measured.max_rss_kib);
    }
    walls.sort();
    Ok(Ok(Series {
        best: walls[0],
        median: walls[walls.len() / 2],
        max_rss_kib,
    }))
}

/// The gist of a failed generator's error output: a panic's location and first message line, or the first two
/// lines that say something, shortened to fit a table cell.
fn summarize(stderr: &str) -> String {
    let lines: Vec<&str> = stderr
        .lines()
        .map(str::trim)
        .take_while(|line| {
            !line.starts_with("stack backtrace") && !line.starts_with("Stack backtrace")
        })
        .filter(|line| {
            !line.is_empty() && !line.starts_with("note: run with") && !line.starts_with("OpenAPI:")
        })
        .collect();
    let mut text = match lines.iter().position(|line| line.contains("panicked at ")) {
        Some(index) => {
            let location = lines[index]
                .split("panicked at ")
                .nth(1)
                .unwrap_or_default()
                .trim_end_matches(':');
            // Keep `crate-version/src/file.rs:line:column`, not the registry path before it.
            let location = match location.rfind("/src/") {
                Some(at) => {
                    let start = location[..at].rfind('/').map_or(0, |slash| slash + 1);
                    &location[start..]
                }
                None => location,
            };
            let message = lines.get(index + 1).copied().unwrap_or_default();
            format!("panic at {location}: {message}")
        }
        None => lines.iter().take(2).copied().collect::<Vec<_>>().join(" "),
    };
    if text.is_empty() {
        text = "failed without a message".to_owned();
    }
    if text.chars().count() > 110 {
        text = text.chars().take(107).collect::<String>() + "...";
    }
    text.replace('|', "/")
}

/// Runs one child with stdout and stderr sent to `log`, measuring wall time and peak memory.
fn measure(command: &mut Command, log: &Path) -> Result<Measured, String> {
    let file = std::fs::File::create(log)
        .map_err(|error| format!("cannot create {}: {error}", log.display()))?;
    let errors = file.try_clone().map_err(|error| error.to_string())?;
    command
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::from(file))
        .stderr(Stdio::from(errors));
    let started = Instant::now();
    let child = command
        .spawn()
        .map_err(|error| format!("cannot run {:?}: {error}", command.get_program()))?;
    let (success, max_rss_kib, cpu) = wait_with_usage(child)?;
    let wall = started.elapsed();
    let stderr = std::fs::read_to_string(log).unwrap_or_default();
    Ok(Measured {
        wall,
        cpu,
        max_rss_kib,
        success,
        stderr,
    })
}

/// Waits for `child` and returns whether it succeeded, its peak resident set size in KiB and its CPU time.
#[cfg(unix)]
fn wait_with_usage(child: std::process::Child) -> Result<(bool, u64, Duration), String> {
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain old data, for which all-zero bytes are a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our own unwaited child, and both out-pointers point to live locals.
        let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if reaped == pid {
            break;
        }
        let error = std::io::Error::last_os_error();
        if error.kind() != std::io::ErrorKind::Interrupted {
            return Err(format!("wait4: {error}"));
        }
    }
    // The child is reaped: `Child` must not wait for it again, and dropping it does not.
    drop(child);
    let success = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    // Linux reports `ru_maxrss` in KiB; macOS in bytes.
    let rss = u64::try_from(usage.ru_maxrss).unwrap_or(0);
    let rss = if cfg!(target_os = "macos") {
        rss / 1024
    } else {
        rss
    };
    let time = |value: libc::timeval| {
        Duration::from_secs(u64::try_from(value.tv_sec).unwrap_or(0))
            + Duration::from_micros(u64::try_from(value.tv_usec).unwrap_or(0))
    };
    Ok((success, rss, time(usage.ru_utime) + time(usage.ru_stime)))
}

#[cfg(not(unix))]
fn wait_with_usage(mut child: std::process::Child) -> Result<(bool, u64, Duration), String> {
    let status = child.wait().map_err(|error| error.to_string())?;
    Ok((status.success(), 0, Duration::ZERO))
}

/// Lines of Rust in every `.rs` file under `directory`.
fn rust_lines(directory: &Path) -> usize {
    let mut total = 0;
    let mut pending = vec![directory.to_owned()];
    while let Some(next) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&next) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|name| name != "target") {
                    pending.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                total += std::fs::read_to_string(&path)
                    .map(|text| text.lines().count())
                    .unwrap_or(0);
            }
        }
    }
    total
}

/// Builds the crate once (dependencies included), then touches its sources and times a second debug build, which
/// compiles the generated crate alone, from scratch.
fn timed_rebuild(paths: &Paths, crate_dir: &Path, log: &Path) -> Build {
    let manifest = crate_dir.join("Cargo.toml");
    let Ok(text) = std::fs::read_to_string(&manifest) else {
        return Build::Failed("no Cargo.toml".to_owned());
    };
    // Every crate is built on its own, not as a member of this repository's workspace.
    if !text.lines().any(|line| line.trim() == "[workspace]") {
        let _ = std::fs::write(&manifest, format!("{text}\n[workspace]\n"));
    }
    // Start from our lock file, so the dependencies the crates share resolve to the same versions.
    if !crate_dir.join("Cargo.lock").exists() {
        let _ = std::fs::copy(paths.root.join("Cargo.lock"), crate_dir.join("Cargo.lock"));
    }
    let target = paths.scratch.join("build-target");
    let build = || {
        let mut command = cargo();
        command
            .args(["build", "--message-format", "short"])
            .current_dir(crate_dir)
            .env("CARGO_TARGET_DIR", &target)
            // Without incremental compilation: an unchanged crate would otherwise come back from the incremental
            // cache, and a user compiles the crate from scratch anyway (a first build, CI, a new version).
            .env("CARGO_INCREMENTAL", "0")
            .env_remove("RUSTFLAGS");
        command
    };
    match measure(&mut build(), log) {
        Ok(measured) if measured.success => {}
        Ok(measured) => return Build::Failed(build_error(&measured.stderr)),
        Err(message) => return Build::Failed(message),
    }
    if let Err(message) = touch_sources(&crate_dir.join("src")) {
        return Build::Failed(message);
    }
    match measure(&mut build(), log) {
        Ok(measured) if measured.success => Build::Done(measured.wall),
        Ok(measured) => Build::Failed(build_error(&measured.stderr)),
        Err(message) => Build::Failed(message),
    }
}

/// The first compiler error in cargo's short-format output, or its last line.
fn build_error(stderr: &str) -> String {
    let errors = stderr.lines().filter(|line| line.contains("error")).count();
    let first = stderr
        .lines()
        .find(|line| line.contains("error:") || line.contains("error["))
        .or_else(|| stderr.lines().last())
        .unwrap_or("failed")
        .trim();
    let first: String = first.chars().take(140).collect();
    format!("{first} ({errors} error lines)")
}

/// Sets the modification time of every file under `directory` to now, so cargo rebuilds the crate.
fn touch_sources(directory: &Path) -> Result<(), String> {
    let now = std::time::SystemTime::now();
    let mut pending = vec![directory.to_owned()];
    while let Some(next) = pending.pop() {
        let entries = std::fs::read_dir(&next)
            .map_err(|error| format!("cannot list {}: {error}", next.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                std::fs::File::options()
                    .append(true)
                    .open(&path)
                    .and_then(|file| file.set_modified(now))
                    .map_err(|error| format!("cannot touch {}: {error}", path.display()))?;
            }
        }
    }
    Ok(())
}

fn seconds(duration: Duration) -> String {
    let secs = duration.as_secs_f64();
    if secs < 10.0 {
        format!("{secs:.3} s")
    } else {
        format!("{secs:.1} s")
    }
}

/// `xtask parse-only FILE`: our loader alone, the floor generation is compared with.
pub fn parse_only(file: &str) -> Result<(), String> {
    generator::source::load_file(Path::new(file))
        .map(|_| ())
        .map_err(|error| error.to_string())
}
