//! `cargo xtask codegen [--check]`: regenerates `generated-client/` from the current release of every API version.

use std::collections::BTreeSet;
use std::path::Path;

use generator::package::{multi_api_crate, ApiModule, PackageInfo};
use generator::GeneratedFile;

use crate::manifest::Manifest;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Write,
    Check,
}

/// Test-only dependencies of the generated client, appended to its manifest.
const DEV_DEPENDENCIES: &str = r#"[dev-dependencies]
insta = "1"
tokio = { version = "1", features = ["macros", "rt-multi-thread"] }
wiremock = "0.6"
"#;

pub fn run(root: &Path, mode: Mode) -> Result<(), String> {
    let files = generate(root)?;
    let output = root.join("generated-client");
    let stale = ensure_files(&output, &files, mode)?;
    match mode {
        Mode::Write => {
            for path in &stale {
                eprintln!("updated generated-client/{path}");
            }
            eprintln!("generated-client/ is up to date ({} files, {} changed)", files.len(), stale.len());
            Ok(())
        }
        Mode::Check if stale.is_empty() => {
            eprintln!("generated-client/ is up to date ({} files)", files.len());
            Ok(())
        }
        Mode::Check => Err(format!(
            "these generated files are out of date:\n{}\nRun `cargo xtask codegen` and commit the result.",
            stale.iter().map(|path| format!("  generated-client/{path}")).collect::<Vec<_>>().join("\n")
        )),
    }
}

/// Every file of the client crate, from the current release of each API version.
pub fn generate(root: &Path) -> Result<Vec<GeneratedFile>, String> {
    let specs = root.join("specs");
    let manifest = Manifest::load(&specs)?;
    let mut lowered = Vec::new();
    let mut hand_written = Vec::new();
    for version in &manifest.apis {
        let release = version.current_release(&specs)?;
        let result = generator::lower_file(&release.path).map_err(|error| error.to_string())?;
        for warning in &result.warnings {
            eprintln!("{}: {warning}", release.path.display());
        }
        let mut api = result.api;
        for (field, secret) in &version.secrets {
            let (schema, property) = field.split_once('.').ok_or_else(|| {
                format!("specs/manifest.yaml: `secrets` keys are `Schema.property`, not `{field}`")
            })?;
            api.set_secret(schema, property, *secret)
                .map_err(|error| format!("specs/manifest.yaml: secrets: {error}"))?;
        }
        if let Some(compatible) = &version.compatible {
            accept_compatible_releases(&mut api, version, compatible, &release, &specs)?;
        }
        let extension = match &version.extension {
            Some(folder) => extension_files(root, folder, &version.module)?,
            None => Vec::new(),
        };
        hand_written.push(extension);
        lowered.push((version, api));
    }
    let modules: Vec<ApiModule<'_>> = lowered
        .iter()
        .zip(&hand_written)
        .map(|((version, api), extension)| ApiModule {
            api,
            module_path: version.module.clone(),
            feature: Some(version.feature.clone()),
            default: version.default,
            base_url: version.base_url.clone(),
            options: generator::emit::ClientOptions {
                token_env: version.token_env.clone(),
                // Each Astro API is small enough for one types and one client file.
                split_by_tag: false,
                hand_written_modules: extension.iter().map(|(name, _)| name.clone()).collect(),
                version_header: version.version_header.clone(),
                // Set by `multi_api_crate`, which knows the crate's name.
                doc_path: None,
            },
        })
        .collect();
    let history = crate::changelog::history(&specs, &manifest)?;
    let package = PackageInfo {
        name: &manifest.krate.name,
        version: &history.version,
        description: &manifest.krate.description,
        extra_manifest: DEV_DEPENDENCIES,
        standalone: false,
    };
    let mut files = multi_api_crate(&modules, &package, &manifest.krate.description)
        .map_err(|error| error.to_string())?;
    for (version, extension) in manifest.apis.iter().zip(hand_written) {
        let directory = version.module.replace("::", "/");
        for (name, contents) in extension {
            files.push(GeneratedFile {
                path: format!("src/{directory}/{name}.rs"),
                contents,
            });
        }
    }
    files.push(GeneratedFile {
        path: "CHANGELOG.md".to_owned(),
        contents: history.markdown,
    });
    files.extend(contract_tests(&specs, &manifest, &lowered)?);
    Ok(files)
}

/// Relaxes the current release's IR so that the client also works with the older releases the manifest lists.
fn accept_compatible_releases(
    api: &mut generator::ir::Api,
    version: &crate::manifest::ApiVersion,
    compatible: &crate::manifest::Compatible,
    current: &crate::manifest::Release,
    specs: &Path,
) -> Result<(), String> {
    let releases = version.releases(specs)?;
    let position = releases
        .iter()
        .position(|release| release.name == current.name);
    let older: Vec<(String, generator::ir::Api)> = releases
        .iter()
        .take(position.unwrap_or(0))
        .filter(|release| compatible.releases.contains(&release.name))
        .map(|release| {
            generator::lower_file(&release.path)
                .map(|lowered| (release.name.clone(), lowered.api))
                .map_err(|error| error.to_string())
        })
        .collect::<Result<_, _>>()?;
    let older: Vec<generator::compat::OlderRelease<'_>> = older
        .iter()
        .map(|(name, api)| generator::compat::OlderRelease { name, api })
        .collect();
    generator::compat::accept_older_releases(api, &compatible.product, &current.name, &older);
    Ok(())
}

/// The hand-written modules in `extensions/<folder>/`, as (module name, contents with a header saying where
/// they are edited), sorted by name.
fn extension_files(
    root: &Path,
    folder: &str,
    module: &str,
) -> Result<Vec<(String, String)>, String> {
    let directory = root.join("extensions").join(folder);
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&directory)
        .map_err(|error| format!("cannot list {}: {error}", directory.display()))?
    {
        let path = entry.map_err(|error| error.to_string())?.path();
        let Some(name) = path.file_stem().and_then(|stem| stem.to_str()) else {
            continue;
        };
        if path.extension().is_none_or(|extension| extension != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path)
            .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
        let header = format!(
            "// Copied by `cargo xtask codegen` from extensions/{folder}/{name}.rs into `{module}`. Edit it there.\n\n"
        );
        files.push((name.to_owned(), header + &text));
    }
    files.sort();
    Ok(files)
}

/// The contract tests: one module per API version calling its GET operations against Prism, and the test crate
/// root that declares them (written in rustfmt's style, since `cargo fmt` checks it; the modules are skipped).
fn contract_tests(
    specs: &Path,
    manifest: &Manifest,
    lowered: &[(&crate::manifest::ApiVersion, generator::ir::Api)],
) -> Result<Vec<GeneratedFile>, String> {
    let crate_ident = manifest.krate.name.replace('-', "_");
    let mut files = Vec::new();
    let mut root = String::from(
        "// This file is generated by `cargo xtask codegen`. Do not edit it by hand.\n\n\
         //! Contract tests: the generated client against Prism serving each current Astro document.\n\n\
         mod prism;\n",
    );
    for (version, api) in lowered {
        let name = version.module.replace("::", "_");
        let release = version.current_release(specs)?;
        let spec = format!("../specs/{}/{}.yaml", version.directory, release.name);
        let tokens =
            generator::emit::contract::test_file(api, &crate_ident, &version.module, &spec);
        let file = generator::emit::format_file(&format!("tests/contract/{name}.rs"), tokens)
            .map_err(|e| e.to_string())?;
        files.push(GeneratedFile {
            path: format!("tests/contract/{name}.rs"),
            contents: file.contents,
        });
        root.push_str(&format!(
            "\n#[rustfmt::skip]\n#[path = \"contract/{name}.rs\"]\nmod {name};\n"
        ));
    }
    files.push(GeneratedFile {
        path: "tests/contract.rs".to_owned(),
        contents: root,
    });
    Ok(files)
}

/// Brings `directory` in line with `files`: writes what differs (or, in check mode, only reports it) and removes
/// generated sources that are no longer produced. Returns the paths that were (or would be) changed.
///
/// Only `Cargo.toml` and `src/` are managed; hand-written tests beside them are left alone. Line endings are
/// compared without regard to CR, so a checkout with CRLF endings is not reported as stale.
fn ensure_files(
    directory: &Path,
    files: &[GeneratedFile],
    mode: Mode,
) -> Result<Vec<String>, String> {
    let mut changed = Vec::new();
    for file in files {
        let path = directory.join(&file.path);
        let current = std::fs::read_to_string(&path)
            .ok()
            .map(|text| text.replace("\r\n", "\n"));
        if current.as_deref() == Some(file.contents.as_str()) {
            continue;
        }
        changed.push(file.path.clone());
        if mode == Mode::Write {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|error| format!("cannot create {}: {error}", parent.display()))?;
            }
            std::fs::write(&path, &file.contents)
                .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
        }
    }
    let expected: BTreeSet<&str> = files.iter().map(|file| file.path.as_str()).collect();
    for leftover in list_files(&directory.join("src"), directory)? {
        if !expected.contains(leftover.as_str()) {
            if mode == Mode::Write {
                let path = directory.join(&leftover);
                std::fs::remove_file(&path)
                    .map_err(|error| format!("cannot remove {}: {error}", path.display()))?;
            }
            changed.push(format!("{leftover} (no longer generated)"));
        }
    }
    Ok(changed)
}

/// Files below `directory`, as paths relative to `base` with `/` separators.
fn list_files(directory: &Path, base: &Path) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    let mut pending = vec![directory.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else {
            continue;
        };
        for entry in entries {
            let path = entry.map_err(|error| error.to_string())?.path();
            if path.is_dir() {
                pending.push(path);
            } else if let Ok(relative) = path.strip_prefix(base) {
                found.push(
                    relative
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/"),
                );
            }
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap()
            .to_path_buf()
    }

    #[test]
    fn generation_is_byte_for_byte_deterministic() {
        assert_eq!(generate(&root()).unwrap(), generate(&root()).unwrap());
    }

    #[test]
    fn committed_client_is_fresh() {
        let files = generate(&root()).unwrap();
        let stale = ensure_files(&root().join("generated-client"), &files, Mode::Check).unwrap();
        assert!(
            stale.is_empty(),
            "stale: {stale:?}; run `cargo xtask codegen`"
        );
    }

    #[test]
    fn check_mode_names_stale_and_leftover_files_and_writes_nothing() {
        let directory = std::env::temp_dir().join(format!("xtask-ensure-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&directory);
        std::fs::create_dir_all(directory.join("src")).unwrap();
        std::fs::write(directory.join("src/old.rs"), "// gone\n").unwrap();
        std::fs::write(directory.join("src/lib.rs"), "fn a() {}\r\n").unwrap();
        let files = vec![
            GeneratedFile {
                path: "src/lib.rs".into(),
                contents: "fn a() {}\n".into(),
            },
            GeneratedFile {
                path: "src/new.rs".into(),
                contents: "fn b() {}\n".into(),
            },
        ];
        let stale = ensure_files(&directory, &files, Mode::Check).unwrap();
        assert_eq!(
            stale,
            ["src/new.rs", "src/old.rs (no longer generated)"],
            "CRLF alone is not stale"
        );
        assert!(!directory.join("src/new.rs").exists() && directory.join("src/old.rs").exists());
        ensure_files(&directory, &files, Mode::Write).unwrap();
        assert!(ensure_files(&directory, &files, Mode::Check)
            .unwrap()
            .is_empty());
        let _ = std::fs::remove_dir_all(&directory);
    }
}
