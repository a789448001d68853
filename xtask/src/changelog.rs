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
                            .find(|r| &r.name == date)
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
                let position = releases.iter().position(|r| r.name == to.name).unwrap_or(0);
                let from = pick(
                    &arguments.from,
                    position.checked_sub(1).and_then(|i| releases.get(i)),
                )?;
                let title = format!("{} {} → {}", version.directory, from.name, to.name);
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

/// One API version's release on one date, as the crate's history counts it.
struct Event<'a> {
    date: String,
    directory: &'a str,
    previous: Option<Release>,
    release: Release,
    same_day: Vec<Release>,
}

/// The crate's release history: one section per date on which any API version had a release, newest first, and
/// the crate version that results from applying each date's suggested bump to `first_version`.
pub struct History {
    pub version: String,
    pub markdown: String,
}

pub fn history(specs: &Path, manifest: &Manifest) -> Result<History, String> {
    // Per API version and date, the newest release of that date (what the crate generated from that day on),
    // the newest release of the date before, and the releases of the same date before the newest (server
    // releases added together, such as Airflow's, which the crate never generated on their own).
    let mut events: Vec<Event> = Vec::new();
    for version in &manifest.apis {
        let releases = version.releases(specs)?;
        let mut previous: Option<Release> = None;
        let mut index = 0;
        while index < releases.len() {
            let date = releases[index].date.clone();
            if previous
                .as_ref()
                .is_some_and(|previous| previous.date > date)
            {
                return Err(format!(
                    "specs/{}/{}.yaml is dated {date}, before the release it follows",
                    version.directory, releases[index].name
                ));
            }
            let mut same_day = Vec::new();
            while index + 1 < releases.len() && releases[index + 1].date == date {
                same_day.push(releases[index].clone());
                index += 1;
            }
            events.push(Event {
                date,
                directory: &version.directory,
                previous: previous.clone(),
                release: releases[index].clone(),
                same_day,
            });
            previous = Some(releases[index].clone());
            index += 1;
        }
    }
    events.sort_by(|a, b| (&a.date, a.directory).cmp(&(&b.date, b.directory)));

    let mut version = manifest.krate.first_version.clone();
    let mut sections = Vec::new();
    let mut index = 0;
    while index < events.len() {
        let date = events[index].date.clone();
        let mut bump = None;
        let mut body = String::new();
        while index < events.len() && events[index].date == date {
            let event = &events[index];
            let directory = event.directory;
            match &event.previous {
                None => {
                    body.push_str(&format!("## {directory}: first release ({date})\n\n- The `{directory}` API version is added"));
                    if event.same_day.is_empty() {
                        body.push_str(".\n\n");
                    } else {
                        body.push_str(&format!(
                            ", generated from release {}.\n\n",
                            event.release.name
                        ));
                    }
                    bump = bump.max(Some(generator::changelog::Semver::Minor));
                }
                Some(previous) => {
                    let changes = compare_files(&previous.path, &event.release.path)?;
                    bump = bump.max(Some(generator::changelog::suggested_bump(&changes)));
                    body.push_str(&render_markdown(
                        &format!("{directory}: {} → {}", previous.name, event.release.name),
                        &changes,
                    ));
                    body.push('\n');
                }
            }
            // Server releases that arrived on the same day: what changed between them, for readers who run an
            // older server; the crate's version follows only the release it generates.
            let mut chain = event.same_day.clone();
            chain.push(event.release.clone());
            for pair in chain.windows(2) {
                let changes = compare_files(&pair[0].path, &pair[1].path)?;
                body.push_str(&render_markdown(
                    &format!(
                        "{directory}: server release {} → {} (for older servers; no crate change)",
                        pair[0].name, pair[1].name
                    ),
                    &changes,
                ));
                body.push('\n');
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
         # Changelog\n\nEach section is a date on which an API document of the SDK changed, newest first. Changes are \
         computed from the documents themselves (`cargo xtask changelog`); **breaking** marks a change that can \
         break an HTTP client, and the crate version follows the suggested bump of each date.\n\n{}",
        sections.join("\n\n")
    );
    Ok(History {
        version,
        markdown: markdown.trim_end().to_owned() + "\n",
    })
}
