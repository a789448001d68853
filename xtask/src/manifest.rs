//! `specs/manifest.yaml`: which API versions the SDK has, where their releases are, and how they are generated.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    #[serde(rename = "crate")]
    pub krate: CrateInfo,
    pub apis: Vec<ApiVersion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrateInfo {
    pub name: String,
    /// The crate version at the first release in `specs/`; later versions follow the changelog's bumps.
    pub first_version: String,
    pub description: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiVersion {
    /// The directory under `specs/` that holds the dated releases, for example `iam/v1beta1`.
    pub directory: String,
    /// The module in the client, for example `v1beta1::iam`.
    pub module: String,
    /// The cargo feature that enables the module.
    pub feature: String,
    /// Whether the feature is on by default.
    #[serde(default)]
    pub default: bool,
    /// The client's default base URL; absent for an API that every user serves at their own address (Airflow).
    #[serde(default)]
    pub base_url: Option<String>,
    /// An environment variable the client reads its bearer token from when none is configured.
    #[serde(default)]
    pub token_env: Option<String>,
    /// The release to generate, as its file name without `.yaml`; the newest release when absent.
    #[serde(default)]
    pub current: Option<String>,
    /// For releases named by the server's version (`3.1.8.yaml`): the date each joined the SDK, which places it in
    /// the crate's history.
    #[serde(default)]
    pub release_dates: BTreeMap<String, String>,
    /// Older server releases the client generated from the current one must still work with.
    #[serde(default)]
    pub compatible: Option<Compatible>,
    /// Hand-written modules added to this API's module: a folder under `extensions/` whose `*.rs` files are copied
    /// into the generated module (for example `Client::for_deployment`).
    #[serde(default)]
    pub extension: Option<String>,
    /// Overrides of the secret-field rules, as `Schema.property: true|false` (a string property held in
    /// `runtime::Secret`, or not).
    #[serde(default)]
    pub secrets: BTreeMap<String, bool>,
    /// A request header that pins the API's minor version to the document's `info.version` (`X-API-Version`).
    #[serde(default)]
    pub version_header: Option<String>,
}

/// The server releases a client must still decode and call correctly.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Compatible {
    /// The server's product name as users know it, for docs and errors ("Airflow").
    pub product: String,
    /// Every release name (file stem under the API's directory) the client supports, the current one included.
    pub releases: Vec<String>,
}

/// One release file of an API version, named by its date (`2024-07-31.yaml`) or by the server's version
/// (`3.1.8.yaml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Release {
    /// The file name without `.yaml`.
    pub name: String,
    /// The date of the release in the crate's history: the name itself, or the manifest's `release_dates` entry.
    pub date: String,
    pub path: PathBuf,
    order: (String, Vec<u64>),
}

/// A version name's numeric parts (`3.10.2` → 3, 10, 2), so that releases sort as versions, not as text.
fn version_parts(name: &str) -> Option<Vec<u64>> {
    let parts: Option<Vec<u64>> = name.split('.').map(|part| part.parse().ok()).collect();
    parts.filter(|parts| (2..=4).contains(&parts.len()))
}

impl Manifest {
    pub fn load(specs: &Path) -> Result<Self, String> {
        let path = specs.join("manifest.yaml");
        let text = std::fs::read_to_string(&path)
            .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
        serde_saphyr::from_str(&text)
            .map_err(|error| format!("{} is not a valid manifest: {error}", path.display()))
    }
}

impl ApiVersion {
    /// The releases in `specs/<directory>/`, oldest first. File names are `YYYY-MM-DD.yaml`, or a version
    /// (`3.1.8.yaml`) with its date in `release_dates`.
    pub fn releases(&self, specs: &Path) -> Result<Vec<Release>, String> {
        let directory = specs.join(&self.directory);
        let entries = std::fs::read_dir(&directory)
            .map_err(|error| format!("cannot list {}: {error}", directory.display()))?;
        let mut releases = Vec::new();
        for entry in entries {
            let path = entry.map_err(|error| error.to_string())?.path();
            let Some(stem) = path.file_stem().and_then(|stem| stem.to_str()) else {
                continue;
            };
            if path.extension().and_then(|e| e.to_str()) != Some("yaml") || path.is_dir() {
                continue;
            }
            let (date, order) = if is_date(stem) {
                (stem.to_owned(), (stem.to_owned(), Vec::new()))
            } else if let Some(parts) = version_parts(stem) {
                let date = self.release_dates.get(stem).filter(|date| is_date(date)).ok_or_else(|| {
                    format!(
                        "{}: a release named by version needs its date under `release_dates` in specs/manifest.yaml (`{stem}: YYYY-MM-DD`)",
                        path.display()
                    )
                })?;
                (date.clone(), (String::new(), parts))
            } else {
                return Err(format!(
                    "{}: release files are named YYYY-MM-DD.yaml or by version, such as 3.1.8.yaml",
                    path.display()
                ));
            };
            releases.push(Release {
                name: stem.to_owned(),
                date,
                path,
                order,
            });
        }
        releases.sort_by(|a, b| a.order.cmp(&b.order));
        if releases.is_empty() {
            return Err(format!(
                "{} holds no release (YYYY-MM-DD.yaml or a version such as 3.1.8.yaml)",
                directory.display()
            ));
        }
        if let Some(compatible) = &self.compatible {
            for name in &compatible.releases {
                if !releases.iter().any(|release| &release.name == name) {
                    return Err(format!(
                        "manifest lists {name} as compatible for {}, but specs/{}/{name}.yaml does not exist",
                        self.directory, self.directory
                    ));
                }
            }
        }
        Ok(releases)
    }

    /// The release that is generated: the pinned one, or the newest.
    pub fn current_release(&self, specs: &Path) -> Result<Release, String> {
        let releases = self.releases(specs)?;
        match &self.current {
            Some(name) => releases
                .into_iter()
                .find(|release| &release.name == name)
                .ok_or_else(|| {
                    format!(
                        "manifest pins {} to {name}, but specs/{}/{name}.yaml does not exist",
                        self.directory, self.directory
                    )
                }),
            None => Ok(releases
                .into_iter()
                .next_back()
                .expect("releases is not empty")),
        }
    }
}

fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}
