//! `generate --spec FILE --out DIR [--name CRATE]`: a standalone client crate for an OpenAPI or Swagger 2.0 document.

use std::path::PathBuf;
use std::process::ExitCode;

use generator::package::{single_api_crate, PackageInfo};

// A large document makes tens of millions of short-lived allocations (token trees, strings, the IR) on two
// threads; glibc's allocator spent a third of Microsoft Graph's run in `malloc`, `free` and their consolidation.
// Its `no_thp` feature leaves out transparent huge pages: the kernel zeroing 2 MiB pages took back in system time
// (1.2 s more for Graph v1.0) what the allocator saved in user time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc 3's `mimalloc.h` (the sys crate names the options around it, not this one).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// mimalloc 3 gives freed pages back to the system a second after they are freed; a run of a second keeps them all,
/// and its peak grew to 1.73x the loader's alone (Vault; the target is 1.5x). Ten milliseconds, mimalloc 2's
/// delay, keeps every corpus document under 1.3x with the same CPU time (Stripe: 62 MB instead of 66 MB).
fn return_freed_memory_promptly() {
    // SAFETY: `mi_option_set` only stores the value; the option index is a valid `mi_option_e` of the linked
    // mimalloc (pinned by Cargo.lock).
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10) };
}

const USAGE: &str = "usage: generate --spec FILE --out DIR [--name CRATE]

Writes a Rust client crate (Cargo.toml and src/) for the OpenAPI 3.0, 3.1 or 3.2 or Swagger 2.0 document FILE (JSON or YAML) into DIR.
CRATE defaults to the document's title in kebab case with `-client` appended.";

struct Arguments {
    spec: PathBuf,
    out: PathBuf,
    name: Option<String>,
}

fn parse_arguments() -> Result<Arguments, String> {
    let mut spec = None;
    let mut out = None;
    let mut name = None;
    let mut arguments = std::env::args().skip(1);
    while let Some(argument) = arguments.next() {
        let mut value = |flag: &str| {
            arguments
                .next()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match argument.as_str() {
            "--spec" => spec = Some(PathBuf::from(value("--spec")?)),
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--name" => name = Some(value("--name")?),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(Arguments {
        spec: spec.ok_or("--spec is required")?,
        out: out.ok_or("--out is required")?,
        name,
    })
}

fn main() -> ExitCode {
    return_freed_memory_promptly();
    let arguments = match parse_arguments() {
        Ok(arguments) => arguments,
        Err(message) if message.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&arguments) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(arguments: &Arguments) -> Result<(), generator::Error> {
    let lowered = generator::lower_file(&arguments.spec)?;
    let source_name = arguments.spec.display().to_string();
    // Written in one go: standard error is unbuffered, and a message a few writes at a time made DigitalOcean's
    // 1 900 warnings thousands of system calls.
    use std::fmt::Write as _;
    let mut warnings = String::new();
    for warning in &lowered.warnings {
        let _ = writeln!(warnings, "{}", warning.in_source(&source_name));
    }
    let _ = std::io::Write::write_all(&mut std::io::stderr().lock(), warnings.as_bytes());
    let name = arguments
        .name
        .clone()
        .unwrap_or_else(|| default_crate_name(&lowered.api.title));
    let description = format!(
        "A client for {} ({}), generated from its OpenAPI document.",
        lowered.api.title, lowered.api.version
    );
    let package = PackageInfo {
        name: &name,
        version: "0.1.0",
        description: &description,
        extra_manifest: "",
        standalone: true,
    };
    let files = single_api_crate(&lowered.api, &package)?;
    generator::package::write_files(&arguments.out, &files)?;
    eprintln!(
        "wrote crate `{name}` to {} ({} types, {} operations)",
        arguments.out.display(),
        lowered.api.types.len(),
        lowered.api.operations.len()
    );
    // The process ends here and its memory goes back to the system at once; freeing the IR's allocations one by
    // one first took 0.2 s for Microsoft Graph beta's.
    std::mem::forget(lowered);
    Ok(())
}

fn default_crate_name(title: &str) -> String {
    use heck::ToKebabCase;
    let base = title.to_kebab_case();
    let base: String = base
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let base = base.trim_matches('-');
    if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
        "api-client".to_owned()
    } else {
        format!("{base}-client")
    }
}
