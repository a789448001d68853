//! Older server releases: what a client generated from the newest release must relax to still work with them.
//!
//! A server product such as Airflow publishes one document per release, and a user's server may run any of the
//! releases the SDK supports. The client is generated from the newest; this pass compares it with each older one
//! (IR against IR, after lowering) and decides two things:
//! - a response field that an older release lacks, or does not require, becomes optional, and its docs say from
//!   which release on it is sent or required;
//! - an operation that an older release lacks records its first release (`Operation::since`), which the emitter
//!   states in its docs and checks at run time against the server's version, when the client knows it.
//!
//! Types are matched by their pointer (a component schema keeps `#/components/schemas/Name` from release to
//! release), fields by wire name, operations by `Operation::route_key` (method and path, parameter names aside).

use foldhash::{HashMap, HashMapExt};

use crate::ir::walk::Edge;
use crate::ir::{Api, Response, ServerReleases, TypeKind, TypeRef};

/// One older release of the server, with its lowered document.
pub struct OlderRelease<'a> {
    /// The release's name, a version such as `3.0.6`.
    pub name: &'a str,
    pub api: &'a Api,
}

/// Relaxes `current` (the newest release, named `current_name`) so that it also works with `older` (oldest first).
pub fn accept_older_releases(
    current: &mut Api,
    product: &str,
    current_name: &str,
    older: &[OlderRelease<'_>],
) {
    let received = current.reachable_from_operations(&current.operations, Edge::is_response);
    let counterparts: Vec<HashMap<usize, usize>> = older
        .iter()
        .map(|release| counterparts(current, release.api))
        .collect();

    for id in received.iter() {
        let TypeKind::Struct(shape) = &mut current.types[id.0].kind else {
            continue;
        };
        for field in shape.fields.iter_mut().filter(|field| field.required) {
            // For each older release: `Some(required)` when the field exists there, `None` when it does not.
            let history: Vec<Option<bool>> = older
                .iter()
                .zip(&counterparts)
                .map(|(release, matched)| {
                    match matched.get(&id.0).map(|old| &release.api.types[*old].kind) {
                        Some(TypeKind::Struct(old)) => old
                            .fields
                            .iter()
                            .find(|old| old.wire_name == field.wire_name)
                            .map(|old| old.required),
                        // A type the release lacks is not sent by it at all: nothing to relax for this field.
                        _ => Some(true),
                    }
                })
                .collect();
            if history.iter().all(|entry| *entry == Some(true)) {
                continue;
            }
            // A nullable field is already an `Option` that decodes absent as `None`; making it optional as well
            // would only add a second `Option` (absent vs. null) that nobody asked for.
            if !field.nullable {
                field.required = false;
            }
            let sent_since = first_release_after(older, &history, |entry| entry.is_none());
            let required_since = first_release_after(older, &history, |entry| entry != Some(true));
            let note = if history.iter().any(Option::is_none) {
                format!(
                    "Sent since {product} {}; `None` from older servers.",
                    minor(sent_since.unwrap_or(current_name))
                )
            } else {
                format!(
                    "Always sent since {product} {}; older servers may leave it out.",
                    minor(required_since.unwrap_or(current_name))
                )
            };
            field.doc = Some(match field.doc.take() {
                Some(doc) => format!("{doc}\n\n{note}"),
                None => note,
            });
        }
    }

    for operation in &mut current.operations {
        let key = operation.route_key();
        let present: Vec<bool> = older
            .iter()
            .map(|release| {
                release
                    .api
                    .operations
                    .iter()
                    .any(|old| old.route_key() == key)
            })
            .collect();
        if present.iter().all(|present| *present) {
            continue;
        }
        let history: Vec<Option<bool>> = present.iter().map(|p| p.then_some(true)).collect();
        let since = first_release_after(older, &history, |entry| entry.is_none());
        operation.since = Some(minor(since.unwrap_or(current_name)).to_owned());
    }

    current.server_releases = Some(ServerReleases {
        product: product.to_owned(),
        supported: older
            .iter()
            .map(|release| release.name.to_owned())
            .chain([current_name.to_owned()])
            .collect(),
    });
    // A field made optional above may now have setters, when its type is also sent.
    crate::lower::name_setters(current);
}

/// For each type of `current`, the type of `old` that plays its part: the schema at the same pointer, else the
/// response of the same operation, and from either, the types of fields with the same wire name.
fn counterparts(current: &Api, old: &Api) -> HashMap<usize, usize> {
    let by_pointer: HashMap<&str, usize> = old
        .types
        .iter()
        .enumerate()
        .map(|(index, def)| (def.pointer.as_str(), index))
        .collect();
    let mut pending: Vec<(usize, usize)> = current
        .types
        .iter()
        .enumerate()
        .filter_map(|(index, def)| Some((index, *by_pointer.get(def.pointer.as_str())?)))
        .collect();
    for operation in &current.operations {
        let key = operation.route_key();
        let Some(old_operation) = old.operations.iter().find(|old| old.route_key() == key) else {
            continue;
        };
        if let (Response::Json(new), Response::Json(old)) =
            (&operation.success, &old_operation.success)
        {
            pending.extend(named_pair(new, old));
        }
    }
    let mut matched = HashMap::new();
    // Each type is matched once, so the walk ends after at most one step per type.
    while let Some((new, old_index)) = pending.pop() {
        if matched.contains_key(&new) {
            continue;
        }
        matched.insert(new, old_index);
        if let (TypeKind::Struct(new_shape), TypeKind::Struct(old_shape)) =
            (&current.types[new].kind, &old.types[old_index].kind)
        {
            for field in &new_shape.fields {
                if let Some(old_field) = old_shape
                    .fields
                    .iter()
                    .find(|old| old.wire_name == field.wire_name)
                {
                    pending.extend(named_pair(&field.ty, &old_field.ty));
                }
            }
        }
    }
    matched
}

/// The named types at the same place of two type references (`Vec<A>` and `Vec<B>` give A and B).
fn named_pair(new: &TypeRef, old: &TypeRef) -> Option<(usize, usize)> {
    match (new, old) {
        (TypeRef::Named(new), TypeRef::Named(old)) => Some((new.0, old.0)),
        (TypeRef::Array(new), TypeRef::Array(old)) | (TypeRef::Map(new), TypeRef::Map(old)) => {
            named_pair(new, old)
        }
        _ => None,
    }
}

/// The first release after the last one for which `missing` holds (`None`: the current release).
fn first_release_after<'a>(
    older: &[OlderRelease<'a>],
    history: &[Option<bool>],
    missing: impl Fn(Option<bool>) -> bool,
) -> Option<&'a str> {
    let last_missing = history.iter().rposition(|entry| missing(*entry))?;
    older.get(last_missing + 1).map(|release| release.name)
}

/// `3.1.8` → `3.1`: servers add API in minor releases, and users know their server by its minor version.
fn minor(name: &str) -> &str {
    match name.match_indices('.').nth(1) {
        Some((index, _)) => &name[..index],
        None => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lower(paths: &str, schemas: &str) -> Api {
        let text = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n{paths}components:\n  schemas:\n{schemas}"
        );
        crate::lower_str(&text, "test.yaml").unwrap().api
    }

    const RUN_PATH: &str = "  /runs/{id}:
    get:
      operationId: getRun
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Run'}}}}
";

    #[test]
    fn fields_and_operations_older_releases_lack_are_relaxed_and_dated() {
        let old = lower(
            RUN_PATH,
            "    Run:\n      type: object\n      required: [id, state]\n      properties:\n        id: {type: string}\n        state: {type: string}\n        note: {type: string}\n",
        );
        let paths = format!(
            "{RUN_PATH}  /runs/{{id}}/notes:
    get:
      operationId: getNotes
      parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}]
      responses: {{'204': {{description: ok}}}}
"
        );
        let mut new = lower(
            &paths,
            "    Run:\n      type: object\n      required: [id, state, note, owner]\n      properties:\n        id: {type: string}\n        state: {type: string}\n        note: {type: string}\n        owner: {type: string}\n",
        );
        accept_older_releases(
            &mut new,
            "Airflow",
            "3.1.8",
            &[OlderRelease {
                name: "3.0.6",
                api: &old,
            }],
        );
        let TypeKind::Struct(run) = &new.types[0].kind else {
            panic!("Run is a struct");
        };
        let field = |name: &str| run.fields.iter().find(|f| f.wire_name == name).unwrap();
        assert!(field("id").required && field("state").required);
        assert!(!field("owner").required);
        assert!(field("owner")
            .doc
            .as_deref()
            .unwrap()
            .contains("Sent since Airflow 3.1"));
        assert!(!field("note").required);
        assert!(field("note")
            .doc
            .as_deref()
            .unwrap()
            .contains("Always sent since Airflow 3.1"));
        let notes = new
            .operations
            .iter()
            .find(|o| o.rust_name == "get_notes")
            .unwrap();
        assert_eq!(notes.since.as_deref(), Some("3.1"));
        let run = new
            .operations
            .iter()
            .find(|o| o.rust_name == "get_run")
            .unwrap();
        assert_eq!(run.since, None);
    }

    #[test]
    fn minor_keeps_major_and_minor() {
        assert_eq!(minor("3.1.8"), "3.1");
        assert_eq!(minor("3.1"), "3.1");
        assert_eq!(minor("2026-04-02"), "2026-04-02");
    }
}
