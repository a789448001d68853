//! `cargo xtask changelog`: what changed between two releases, and whether it breaks anyone.
//!
//! ```text
//! cargo xtask changelog [API/VERSION] [--from DATE] [--to DATE] [--format markdown|json]
//! cargo xtask changelog --old FILE --new FILE [--format markdown|json]
//! ```
//! Without `--from`/`--to` the two newest releases are compared; without API/VERSION, every API version is.

use std::path::{Path, PathBuf};

use generator::changelog::{diff, render_markdown, Change};

use crate::manifest::{Manifest, Release};

#[derive(Debug, Default)]
struct Arguments {
    api: Option<String>,
    from: Option<String>,
    to: Option<String>,
    old: Option<PathBuf>,
    new: Option<PathBuf>,
    json: bool,
}

fn parse(arguments: &[&str]) -> Result<Arguments, String> {
    let mut parsed = Arguments::default();
    let mut iter = arguments.iter();
    while let Some(argument) = iter.next() {
        let mut value = |flag: &str| {
            iter.next()
                .map(|v| v.to_string())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match *argument {
            "--from" => parsed.from = Some(value("--from")?),
            "--to" => parsed.to = Some(value("--to")?),
            "--old" => parsed.old = Some(PathBuf::from(value("--old")?)),
            "--new" => parsed.new = Some(PathBuf::from(value("--new")?)),
            "--format" => match value("--format")?.as_str() {
                "json" => parsed.json = true,
                "markdown" | "md" => parsed.json = false,
                other => return Err(format!("unknown format `{other}` (markdown or json)")),
            },
            other if other.starts_with("--") => return Err(format!("unknown option `{other}`")),
            other if parsed.api.is_none() => parsed.api = Some(other.to_owned()),
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    Ok(parsed)
}

pub fn run(root: &Path, arguments: &[&str]) -> Result<(), String> {
    let arguments = parse(arguments)?;
    let mut reports = Vec::new();
    match (&arguments.old, &arguments.new) {
        (Some(old), Some(new)) => {
            let title = format!("{} → {}", old.display(), new.display());
            reports.push((title, compare_files(old, new)?));
        }
        (None, None) => {
            let specs = root.join("specs");
            let manifest = Manifest::load(&specs)?;
            let versions: Vec<_> = manifest
                .apis
                .iter()
                .filter(|version| {
                    arguments
                        .api
                        .as_deref()
                        .is_none_or(|api| api == version.directory)
                })
                .collect();
            if versions.is_empty() {
                return Err(format!(
                    "no API version `{}` in specs/manifest.yaml",
                    arguments.api.unwrap_or_default()
                ));
            }
            for version in versions {
                let releases = version.releases(&specs)?;
                let pick = |date: &Option<String>,
                            fallback: Option<&Release>|
                 -> Result<Release, String> {
                    match date {
                        Some(date) => releases
                            .iter()
                            .find(|r| &r.date == date)
                            .cloned()
                            .ok_or_else(|| {
                                format!("specs/{}/{date}.yaml does not exist", version.directory)
                            }),
                        None => fallback.cloned().ok_or_else(|| {
                            format!("specs/{} has only one release", version.directory)
                        }),
                    }
                };
                let to = pick(&arguments.to, releases.last())?;
                let position = releases.iter().position(|r| r.date == to.date).unwrap_or(0);
                let from = pick(
                    &arguments.from,
                    position.checked_sub(1).and_then(|i| releases.get(i)),
                )?;
                let title = format!("{} {} → {}", version.directory, from.date, to.date);
                reports.push((title, compare_files(&from.path, &to.path)?));
            }
        }
        _ => return Err("--old and --new go together".to_owned()),
    }
    if arguments.json {
        let value: Vec<_> = reports
            .iter()
            .map(|(title, changes)| {
                serde_json::json!({
                    "title": title,
                    "suggested_bump": generator::changelog::suggested_bump(changes),
                    "changes": changes,
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?
        );
    } else {
        for (title, changes) in &reports {
            println!("{}", render_markdown(title, changes));
        }
    }
    Ok(())
}

/// The changes from one document to another.
pub fn compare_files(old: &Path, new: &Path) -> Result<Vec<Change>, String> {
    let before = generator::lower_file(old).map_err(|e| e.to_string())?;
    let after = generator::lower_file(new).map_err(|e| e.to_string())?;
    Ok(diff(&before.api, &after.api))
}

/// The crate's release history: one section per date on which any API version had a release, newest first, and
/// the crate version that results from applying each date's suggested bump to `first_version`.
pub struct History {
    pub version: String,
    pub markdown: String,
}

pub fn history(specs: &Path, manifest: &Manifest) -> Result<History, String> {
    // Every release of every API version, with the release before it.
    let mut events: Vec<(String, &str, Option<Release>, Release)> = Vec::new();
    for version in &manifest.apis {
        let releases = version.releases(specs)?;
        for (index, release) in releases.iter().enumerate() {
            let previous = index.checked_sub(1).map(|i| releases[i].clone());
            events.push((
                release.date.clone(),
                version.directory.as_str(),
                previous,
                release.clone(),
            ));
        }
    }
    events.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));

    let mut version = manifest.krate.first_version.clone();
    let mut sections = Vec::new();
    let mut index = 0;
    while index < events.len() {
        let date = events[index].0.clone();
        let mut bump = None;
        let mut body = String::new();
        while index < events.len() && events[index].0 == date {
            let (_, directory, previous, release) = &events[index];
            match previous {
                None => {
                    body.push_str(&format!("## {directory}: first release ({date})\n\n- The `{directory}` API version is added.\n\n"));
                    bump = bump.max(Some(generator::changelog::Semver::Minor));
                }
                Some(previous) => {
                    let changes = compare_files(&previous.path, &release.path)?;
                    bump = bump.max(Some(generator::changelog::suggested_bump(&changes)));
                    body.push_str(&render_markdown(
                        &format!("{directory}: {} → {date}", previous.date),
                        &changes,
                    ));
                    body.push('\n');
                }
            }
            index += 1;
        }
        if !sections.is_empty() {
            if let Some(bump) = bump {
                version = generator::changelog::bump_version(&version, bump);
            }
        }
        sections.push(format!("# {version} ({date})\n\n{}", body.trim_end()));
    }
    sections.reverse();
    let markdown = format!(
        "<!-- This file is generated by `cargo xtask codegen` from the releases in specs/. Do not edit it by hand. -->\n\n\
         # Changelog\n\nEach section is a date on which an Astro API document changed, newest first. Changes are \
         computed from the documents themselves (`cargo xtask changelog`); **breaking** marks a change that can \
         break an HTTP client, and the crate version follows the suggested bump of each date.\n\n{}",
        sections.join("\n\n")
    );
    Ok(History {
        version,
        markdown: markdown.trim_end().to_owned() + "\n",
    })
}
