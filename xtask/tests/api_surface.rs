//! A snapshot of every Astro release's API surface, so a new release shows up as a readable diff.

use std::path::Path;

#[test]
fn api_surface_of_every_release() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let mut releases = Vec::new();
    let mut pending = vec![specs.clone()];
    while let Some(directory) = pending.pop() {
        for entry in std::fs::read_dir(&directory).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml")
                && path.file_name().is_some_and(|n| n != "manifest.yaml")
            {
                releases.push(path);
            }
        }
    }
    releases.sort();
    assert!(
        releases.len() >= 4,
        "expected the Astro releases under specs/, found {releases:?}"
    );
    for release in releases {
        let lowered = generator::lower_file(&release).unwrap_or_else(|error| panic!("{error}"));
        assert!(
            lowered.warnings.is_empty(),
            "{}: {:?}",
            release.display(),
            lowered.warnings
        );
        let relative = release.strip_prefix(&specs).unwrap().with_extension("");
        let name = relative.to_string_lossy().replace(['/', '\\'], "__");
        insta::assert_snapshot!(name, generator::surface::listing(&lowered.api));
    }
}
