//! `specs/manifest.yaml`: which API versions the SDK has, where their releases are, and how they are generated.

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
    /// The client's default base URL.
    pub base_url: String,
    /// An environment variable the client reads its bearer token from when none is configured.
    #[serde(default)]
    pub token_env: Option<String>,
    /// The release to generate, as its date; the newest release when absent.
    #[serde(default)]
    pub current: Option<String>,
}

/// One dated release file of an API version.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Release {
    pub date: String,
    pub path: PathBuf,
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
    /// The dated releases in `specs/<directory>/`, oldest first. File names must be `YYYY-MM-DD.yaml`.
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
            if !is_date(stem) {
                return Err(format!(
                    "{}: release files are named YYYY-MM-DD.yaml",
                    path.display()
                ));
            }
            releases.push(Release {
                date: stem.to_owned(),
                path,
            });
        }
        releases.sort();
        if releases.is_empty() {
            return Err(format!(
                "{} holds no release (YYYY-MM-DD.yaml)",
                directory.display()
            ));
        }
        Ok(releases)
    }

    /// The release that is generated: the pinned one, or the newest.
    pub fn current_release(&self, specs: &Path) -> Result<Release, String> {
        let releases = self.releases(specs)?;
        match &self.current {
            Some(date) => releases
                .into_iter()
                .find(|release| &release.date == date)
                .ok_or_else(|| {
                    format!(
                        "manifest pins {} to {date}, but specs/{}/{date}.yaml does not exist",
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
