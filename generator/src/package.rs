//! Laying generated modules out as a crate: `Cargo.toml`, `lib.rs`, the module tree and the runtime.

use quote::quote;

use crate::diagnostics::Error;
use crate::emit::{self, GeneratedFile, GENERATED_HEADER};
use crate::ir::{Api, Primitive};

/// The runtime sources, copied into every generated crate under `src/runtime/`.
const RUNTIME_SOURCES: &[(&str, &str)] = &[
    ("mod.rs", include_str!("../runtime/mod.rs")),
    ("auth.rs", include_str!("../runtime/auth.rs")),
    ("base64.rs", include_str!("../runtime/base64.rs")),
    ("client.rs", include_str!("../runtime/client.rs")),
    ("decode.rs", include_str!("../runtime/decode.rs")),
    ("error.rs", include_str!("../runtime/error.rs")),
    ("object.rs", include_str!("../runtime/object.rs")),
    ("open_enum.rs", include_str!("../runtime/open_enum.rs")),
    ("pagination.rs", include_str!("../runtime/pagination.rs")),
    ("request.rs", include_str!("../runtime/request.rs")),
    ("retry.rs", include_str!("../runtime/retry.rs")),
    ("secret.rs", include_str!("../runtime/secret.rs")),
    ("sequential.rs", include_str!("../runtime/sequential.rs")),
    (
        "serde_helpers.rs",
        include_str!("../runtime/serde_helpers.rs"),
    ),
    ("transport.rs", include_str!("../runtime/transport.rs")),
];

/// The versions of the crates that generated code depends on, kept in one place.
const DEPENDENCIES: &str = r#"base64 = "0.22"
bytes = "1"
httpdate = "1"
chrono = { version = "0.4", default-features = false, features = ["std", "serde"] }
futures-util = { version = "0.3", default-features = false }
percent-encoding = "2"
reqwest = { version = "0.12", default-features = false, features = ["rustls-tls", "http2", "gzip", "brotli"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
serde_path_to_error = "0.1"
tokio = { version = "1", features = ["time"] }
"#;

/// One API of a crate: where its module goes and which cargo feature enables it.
pub struct ApiModule<'a> {
    pub api: &'a Api,
    /// The module path inside the crate, for example `v1` or `v1beta1::iam`.
    pub module_path: String,
    /// The cargo feature that enables the module; `None` compiles it always.
    pub feature: Option<String>,
    /// Whether the feature is on by default.
    pub default: bool,
    /// Overrides the document's server as the client's default base URL.
    pub base_url: Option<String>,
    pub options: emit::ClientOptions,
}

/// What the crate's `Cargo.toml` says about the package.
pub struct PackageInfo<'a> {
    pub name: &'a str,
    pub version: &'a str,
    pub description: &'a str,
    /// More TOML appended verbatim (for example `[dev-dependencies]`).
    pub extra_manifest: &'a str,
    /// Whether the crate is its own workspace (true for crates generated outside this repository's workspace).
    pub standalone: bool,
}

/// A crate with one API at its root, as the `generate` binary writes it: split into one module per tag, each
/// behind a Cargo feature of its name (all on by default), so a user of a large API compiles only the tags they
/// use and the types those tags use (`emit/gates.rs`); the types no operation uses are behind `unused-types`,
/// off by default.
pub fn single_api_crate(api: &Api, package: &PackageInfo<'_>) -> Result<Vec<GeneratedFile>, Error> {
    let features = emit::group_features(api);
    let mut files = vec![cargo_manifest(
        package,
        &features,
        &optional_dependencies(&[api]),
    )];
    let crate_name = package.name.replace('-', "_");
    let options = emit::ClientOptions {
        split_by_tag: true,
        doc_path: Some(crate_name.clone()),
        ..Default::default()
    };
    let guide = emit::crate_guide(&[emit::GuideModule {
        api,
        path: crate_name,
        feature: None,
        token_env: None,
        split_by_tag: !features.is_empty(),
    }]);
    let api_files = emit::api_module(api, "", &options)?;
    for file in api_files {
        if file.path == "mod.rs" {
            // The module file becomes the crate root, which also declares the runtime.
            let root = root_file(&with_guide(&file.contents, &guide));
            files.push(GeneratedFile {
                path: "src/lib.rs".to_owned(),
                contents: root,
            });
        } else {
            files.push(GeneratedFile {
                path: format!("src/{}", file.path),
                contents: file.contents,
            });
        }
    }
    files.extend(runtime_files());
    Ok(files)
}

/// A crate with several APIs, each in its own feature-gated module.
pub fn multi_api_crate(
    modules: &[ApiModule<'_>],
    package: &PackageInfo<'_>,
    crate_doc: &str,
) -> Result<Vec<GeneratedFile>, Error> {
    let features: Vec<(String, bool)> = modules
        .iter()
        .filter_map(|module| {
            module
                .feature
                .clone()
                .map(|feature| (feature, module.default))
        })
        .collect();
    let apis: Vec<&Api> = modules.iter().map(|module| module.api).collect();
    let crate_name = package.name.replace('-', "_");
    let doc_path = |module: &ApiModule<'_>| format!("{crate_name}::{}", module.module_path);
    let guide = emit::crate_guide(
        &modules
            .iter()
            .map(|module| emit::GuideModule {
                api: module.api,
                path: doc_path(module),
                feature: module
                    .feature
                    .clone()
                    .map(|feature| (feature, module.default)),
                token_env: module.options.token_env.clone(),
                split_by_tag: module.options.split_by_tag,
            })
            .collect::<Vec<_>>(),
    );
    let mut files = vec![cargo_manifest(
        package,
        &features,
        &optional_dependencies(&apis),
    )];

    // The module tree: each path prefix becomes a `mod.rs` declaring its children, gated by their features.
    let mut children: std::collections::BTreeMap<String, Vec<(String, Vec<String>)>> =
        Default::default();
    for module in modules {
        let parts: Vec<&str> = module.module_path.split("::").collect();
        for depth in 0..parts.len() {
            let parent = parts[..depth].join("/");
            let child = parts[depth].to_owned();
            let entry = children.entry(parent).or_default();
            let features = match &module.feature {
                Some(feature) => vec![feature.clone()],
                None => Vec::new(),
            };
            match entry.iter_mut().find(|(name, _)| *name == child) {
                Some((_, existing)) => existing.extend(features),
                None => entry.push((child, features)),
            }
        }
    }
    for (parent, kids) in &children {
        // Generated modules are formatted by prettyplease; `rustfmt::skip` keeps `cargo fmt` from reformatting them.
        let declarations = kids.iter().map(|(name, features)| {
            let name = emit::ident(name);
            let gate = emit::feature_gate(features);
            quote! { #gate #[rustfmt::skip] pub mod #name; }
        });
        if parent.is_empty() {
            let doc = emit::inner_doc_attrs([crate_doc]);
            let tokens = quote! {
                #doc
                pub mod runtime;
                #( #declarations )*
            };
            let file = emit::format_file("lib.rs", tokens)?;
            files.push(GeneratedFile {
                path: "src/lib.rs".to_owned(),
                contents: root_lints(&with_guide(&file.contents, &guide)),
            });
        } else if !modules
            .iter()
            .any(|module| module.module_path.replace("::", "/") == *parent)
        {
            let title = format!(" The `{}` API versions.", parent.replace('/', "::"));
            let tokens = quote! {
                #![doc = #title]
                #( #declarations )*
            };
            let file = emit::format_file(&format!("{parent}/mod.rs"), tokens)?;
            files.push(GeneratedFile {
                path: format!("src/{parent}/mod.rs"),
                contents: file.contents,
            });
        }
    }
    for module in modules {
        let directory = module.module_path.replace("::", "/");
        let mut api = module.api.clone();
        if let Some(base_url) = &module.base_url {
            api.default_base_url = Some(base_url.clone());
        }
        let options = emit::ClientOptions {
            doc_path: Some(doc_path(module)),
            ..module.options.clone()
        };
        for file in emit::api_module(&api, &directory, &options)? {
            files.push(GeneratedFile {
                path: format!("src/{}", file.path),
                contents: file.contents,
            });
        }
    }
    files.extend(runtime_files());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Adds the runtime declaration and the crate-wide lint settings to a module file that becomes `lib.rs`.
fn root_file(module_contents: &str) -> String {
    let body = module_contents
        .strip_prefix(GENERATED_HEADER)
        .unwrap_or(module_contents)
        .trim_start();
    // Inner doc attributes must stay first; the runtime declaration goes after them.
    let (docs, items): (Vec<&str>, Vec<&str>) =
        body.lines().partition(|line| line.starts_with("//!"));
    root_lints(&format!(
        "{GENERATED_HEADER}\n{}\npub mod runtime;\n{}\n",
        docs.join("\n"),
        items.join("\n").trim()
    ))
}

/// Puts the crate guide (`emit::crate_guide`) after the crate's own doc, the first block of `//!` lines.
fn with_guide(contents: &str, guide: &[String]) -> String {
    let mut out =
        String::with_capacity(contents.len() + guide.iter().map(|l| l.len() + 5).sum::<usize>());
    let mut seen_docs = false;
    let mut inserted = guide.is_empty();
    for line in contents.lines() {
        let is_doc = line.starts_with("//!");
        if !inserted && seen_docs && !is_doc {
            out.push_str("//!\n");
            for guide_line in guide {
                out.push_str("//!");
                if !guide_line.is_empty() {
                    out.push(' ');
                    out.push_str(guide_line);
                }
                out.push('\n');
            }
            inserted = true;
        }
        seen_docs |= is_doc;
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Spec prose is not written for rustdoc: bare URLs and brackets in it are not meant as links or HTML.
fn root_lints(contents: &str) -> String {
    // Written as rustfmt writes it, so `cargo fmt --check` accepts the crate root. The allowed lints are about the
    // Markdown of the document's prose, which the crate repeats as it is written (a list item wrapped without
    // indentation renders the same).
    const LINTS: &str = "#![warn(missing_docs)]\n#![allow(\n    clippy::doc_lazy_continuation,\n    rustdoc::bare_urls,\n    rustdoc::broken_intra_doc_links,\n    rustdoc::invalid_html_tags\n)]\n\n";
    let mut out = String::with_capacity(contents.len() + LINTS.len());
    let mut inserted = false;
    for line in contents.lines() {
        if !inserted && !line.starts_with("//") && !line.is_empty() {
            out.push_str(LINTS);
            inserted = true;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn runtime_files() -> Vec<GeneratedFile> {
    RUNTIME_SOURCES
        .iter()
        .map(|(name, source)| GeneratedFile {
            path: format!("src/runtime/{name}"),
            contents: format!(
                "// This file is copied from `generator/runtime/{name}` by `cargo xtask codegen`. Do not edit it here.\n\n{source}"
            ),
        })
        .collect()
}

/// Dependencies that only some APIs need, as `Cargo.toml` lines.
fn optional_dependencies(apis: &[&Api]) -> Vec<&'static str> {
    let mut lines = Vec::new();
    if apis.iter().any(|api| api.uses_primitive(Primitive::Uuid)) {
        lines.push(r#"uuid = { version = "1", features = ["serde"] }"#);
    }
    lines
}

fn cargo_manifest(
    package: &PackageInfo<'_>,
    features: &[(String, bool)],
    optional_dependencies: &[&str],
) -> GeneratedFile {
    let mut manifest = format!(
        "# This file is generated by `cargo xtask codegen`. Do not edit it by hand.\n\
         [package]\nname = \"{}\"\nversion = \"{}\"\nedition = \"2021\"\nrust-version = \"1.82\"\ndescription = \"{}\"\n\
         publish = false\n\n",
        package.name,
        package.version,
        package.description.replace('\\', "\\\\").replace('"', "\\\""),
    );
    if package.standalone {
        manifest.push_str("# Its own workspace, wherever it is written.\n[workspace]\n\n");
    }
    let defaults: Vec<String> = features
        .iter()
        .filter(|(_, on)| *on)
        .map(|(name, _)| format!("\"{name}\""))
        .collect();
    manifest.push_str(&format!(
        "[features]\ndefault = [{}]\n",
        defaults.join(", ")
    ));
    manifest.push_str("# TLS through the platform's native library instead of rustls.\nnative-tls = [\"reqwest/native-tls\"]\n");
    for (name, _) in features {
        manifest.push_str(&format!("{name} = []\n"));
    }
    manifest.push('\n');
    manifest.push_str("[dependencies]\n");
    manifest.push_str(DEPENDENCIES);
    for line in optional_dependencies {
        manifest.push_str(line);
        manifest.push('\n');
    }
    if !package.extra_manifest.is_empty() {
        manifest.push('\n');
        manifest.push_str(package.extra_manifest);
    }
    GeneratedFile {
        path: "Cargo.toml".to_owned(),
        contents: manifest,
    }
}

/// Writes files below `root`, creating directories; files whose contents are unchanged are left alone.
pub fn write_files(root: &std::path::Path, files: &[GeneratedFile]) -> Result<(), Error> {
    for file in files {
        let path = root.join(&file.path);
        if std::fs::read_to_string(&path).is_ok_and(|existing| existing == file.contents) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| Error::Write {
                path: parent.to_owned(),
                source,
            })?;
        }
        std::fs::write(&path, &file.contents).map_err(|source| Error::Write {
            path: path.clone(),
            source,
        })?;
    }
    Ok(())
}
