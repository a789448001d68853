//! A snapshot of every Astro release's API surface, so a new release shows up as a readable diff.

mod common;

#[test]
fn api_surface_of_every_release() {
    for release in common::release_files() {
        let lowered = generator::lower_file(&release).unwrap_or_else(|error| panic!("{error}"));
        assert!(
            lowered.warnings.is_empty(),
            "{}: {:?}",
            release.display(),
            lowered.warnings
        );
        let name = common::relative(&release)
            .trim_end_matches(".yaml")
            .replace('/', "__");
        insta::assert_snapshot!(name, generator::surface::listing(&lowered.api));
    }
}
