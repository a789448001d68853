//! A snapshot of every release's API surface and generation warnings, so a new release shows up as a readable
//! diff.

mod common;

#[test]
fn api_surface_of_every_release() {
    for release in common::release_files() {
        let lowered = generator::lower_file(&release).unwrap_or_else(|error| panic!("{error}"));
        let name = common::relative(&release)
            .trim_end_matches(".yaml")
            .replace('/', "__");
        // Warnings are part of what a release review reads (the Airflow documents name no server, for one).
        let mut listing = generator::surface::listing(&lowered.api);
        if !lowered.warnings.is_empty() {
            listing.push_str("\nwarnings:\n");
            for warning in &lowered.warnings {
                listing.push_str(&format!("  {warning}\n"));
            }
        }
        insta::assert_snapshot!(name, listing);
    }
}
