//! A snapshot of the changelog between each pair of consecutive releases in `specs/`, and the acceptance check for
//! the IAM release of 2026-04-02.

mod common;

use std::path::{Path, PathBuf};

use common::specs;

use generator::changelog::{diff, render_markdown, ChangeKind, Group};

/// Each directory of dated releases, with its releases oldest first.
fn release_directories() -> Vec<(String, Vec<PathBuf>)> {
    let mut found: Vec<(String, Vec<PathBuf>)> = Vec::new();
    for release in common::release_files() {
        let directory = common::relative(release.parent().unwrap_or(&release));
        match found.iter_mut().find(|(name, _)| *name == directory) {
            Some((_, releases)) => releases.push(release),
            None => found.push((directory, vec![release])),
        }
    }
    found
}

fn lower(path: &Path) -> generator::ir::Api {
    generator::lower_file(path)
        .unwrap_or_else(|error| panic!("{error}"))
        .api
}

fn date(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn changelog_of_every_consecutive_release_pair() {
    let mut pairs = 0;
    for (directory, releases) in release_directories() {
        for window in releases.windows(2) {
            let (old, new) = (&window[0], &window[1]);
            let title = format!("{directory} {} → {}", date(old), date(new));
            let markdown = render_markdown(&title, &diff(&lower(old), &lower(new)));
            let name = format!(
                "{}__{}__{}",
                directory.replace('/', "__"),
                date(old),
                date(new)
            );
            insta::assert_snapshot!(name, markdown);
            pairs += 1;
        }
    }
    assert!(pairs >= 1, "expected consecutive releases under specs/");
}

#[test]
fn iam_2026_04_02_has_exactly_the_published_changes_and_no_phantom_renames() {
    let old = lower(&specs().join("iam/v1beta1/2024-07-31.yaml"));
    let new = lower(&specs().join("iam/v1beta1/2026-04-02.yaml"));
    let changes = diff(&old, &new);
    let lines: Vec<(ChangeKind, Group, &str, &str)> = changes
        .iter()
        .map(|c| (c.kind, c.group, c.subject.as_str(), c.detail.as_str()))
        .collect();

    let added_schema: Vec<_> = lines.iter().filter(|l| l.1 == Group::Schemas).collect();
    assert_eq!(added_schema.len(), 2, "{added_schema:?}");
    assert!(lines.contains(&(
        ChangeKind::Added,
        Group::Schemas,
        "ApiToken.kind",
        "new required property (string enum: STANDARD, DIRECT_ACCESS)"
    )));
    assert!(lines.contains(&(
        ChangeKind::Added,
        Group::Schemas,
        "CreateApiTokenRequest.kind",
        "new optional property (string enum: STANDARD, DIRECT_ACCESS)"
    )));

    let parameters: Vec<_> = lines.iter().filter(|l| l.1 == Group::Parameters).collect();
    assert_eq!(
        parameters.len(),
        1,
        "only `kind` is new; offset, limit and sorts are unchanged: {parameters:?}"
    );
    assert_eq!(parameters[0].0, ChangeKind::Added);
    assert!(parameters[0].2.ends_with("query `kind`"));

    let permissions: Vec<_> = lines.iter().filter(|l| l.1 == Group::Permissions).collect();
    assert_eq!(permissions.len(), 8, "{permissions:?}");
    assert_eq!(
        permissions
            .iter()
            .filter(|l| l.3.contains("organization.apiTokens.access"))
            .count(),
        7
    );
    assert!(permissions.iter().any(|l| l.2
        == "POST /organizations/{organizationId}/users/{userId}/roles"
        && l.3.contains("organization.userRoles.access")));

    assert_eq!(changes.len(), 11, "nothing else changed: {lines:#?}");
    assert!(changes.iter().all(|c| !c.breaking));
    let text = render_markdown("iam", &changes);
    for phantom in ["offset", "limit", "sorts"] {
        assert!(
            !text.contains(&format!("`{phantom}`")),
            "no line may claim `{phantom}` changed:\n{text}"
        );
    }
}
