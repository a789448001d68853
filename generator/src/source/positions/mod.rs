//! Line and column for a JSON pointer, read back from the document's text.
//!
//! Loading works on a plain JSON value, which keeps no positions. Positions only matter once there is something to
//! report, so the text is read a second time then, into a tree that mirrors the document and keeps where each
//! member and item starts: YAML through `serde-saphyr` with every key and item wrapped in `Spanned`, JSON through a
//! small iterative scanner (serde_json keeps no spans, and a minified document is one long line). A pointer that
//! names something absent (a missing key, a `required` entry) resolves to its nearest existing ancestor.
//!
//! The JSON scanner keeps only the members on the way to the pointers asked for ([`Wanted`]) and reads past the
//! rest without recording it: a few warnings in a large document then cost a scan of its bytes, not a tree of it.

mod columns;
mod json_scan;
mod tree;
mod yaml_spans;

use crate::diagnostics::{pointer_tokens, Diagnostic, Location};

use columns::Columns;
pub use tree::Wanted;
use tree::{Anchor, Children, Node};

/// Where each member of a document starts, addressed by JSON pointer.
#[derive(Debug)]
pub struct PositionIndex {
    text_kind: TextKind,
    root: Node,
}

#[derive(Debug)]
enum TextKind {
    Yaml,
    /// Byte offsets, turned into lines and columns with the help of the text when a pointer is looked up.
    Json(Columns),
}

impl PositionIndex {
    /// Reads `text` (JSON when it starts with `{`, YAML otherwise), keeping the members `wanted` names; `None` when
    /// it cannot be read. YAML is always kept whole.
    pub fn build(text: &str, wanted: &Wanted) -> Option<Self> {
        if text.trim_start().starts_with('{') {
            let root = json_scan::scan_json(text, wanted)?;
            Some(Self {
                text_kind: TextKind::Json(Columns::of(text)),
                root,
            })
        } else {
            let children = yaml_spans::read(text)?;
            Some(Self {
                text_kind: TextKind::Yaml,
                root: Node {
                    anchor: Anchor::LineColumn(Location { line: 1, column: 1 }),
                    children,
                },
            })
        }
    }

    /// The line and column of what `pointer` (`#/a/b` or `/a/b`) names, or of its nearest existing ancestor.
    pub fn locate(&self, text: &str, pointer: &str) -> Option<Location> {
        let mut node = &self.root;
        for token in pointer_tokens(pointer) {
            let next = match &node.children {
                Children::Map(entries) => entries.get(token.as_ref()),
                Children::Seq(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
                Children::None => None,
            };
            match next {
                Some(child) => node = child,
                None => break,
            }
        }
        match node.anchor {
            Anchor::LineColumn(location) => Some(location),
            Anchor::Offset(offset) => {
                let TextKind::Json(columns) = &self.text_kind else {
                    return None;
                };
                let (line, column) = columns.line_column(text, offset)?;
                Some(Location { line, column })
            }
        }
    }
}

/// Fills in the location of every diagnostic that has none and whose pointer can be found in `text`. The text is
/// only read again when there is something to place.
pub fn locate_all(text: &str, diagnostics: &mut [Diagnostic]) {
    if diagnostics.iter().all(|d| d.location.is_some()) {
        return;
    }
    let unplaced = diagnostics.iter().filter(|d| d.location.is_none());
    let wanted = Wanted::pointers(unplaced.map(|d| d.pointer.as_str()));
    let Some(index) = PositionIndex::build(text, &wanted) else {
        return;
    };
    for diagnostic in diagnostics.iter_mut() {
        if diagnostic.location.is_none() {
            diagnostic.location = index.locate(text, &diagnostic.pointer);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, pointer: &str) -> (usize, usize) {
        let index = PositionIndex::build(text, &Wanted::everything()).expect("index");
        let location = index.locate(text, pointer).expect("location");
        (location.line, location.column)
    }

    #[test]
    fn yaml_members_and_items() {
        let text = "openapi: 3.0.3\npaths:\n  /a/{id}:\n    get:\n      responses:\n        200: {description: ok}\n      parameters:\n        - name: id\n          in: path\n";
        assert_eq!(at(text, "#"), (1, 1));
        assert_eq!(at(text, "#/paths"), (2, 1));
        assert_eq!(at(text, "#/paths/~1a~1{id}/get"), (4, 5));
        assert_eq!(at(text, "#/paths/~1a~1{id}/get/responses/200"), (6, 9));
        assert_eq!(at(text, "#/paths/~1a~1{id}/get/parameters/0"), (8, 11));
        assert_eq!(at(text, "#/paths/~1a~1{id}/get/parameters/0/in"), (9, 11));
        // Something absent: the nearest ancestor that exists.
        assert_eq!(
            at(text, "#/paths/~1a~1{id}/get/requestBody/content"),
            (4, 5)
        );
    }

    #[test]
    fn json_index_of_some_pointers_places_them_as_the_whole_index_does() {
        let text = "{\"a\": [1, {\"b\": [true, null]}, [2, 3], {\"c\": \"]}\\\"\"}],\n \"skip\": {\"deep\": [[{}]]},\n \"d\": {\"e\": {\"f\": 4}}}";
        let pointers = [
            "#/a/1/b/1",
            "#/a/2/1",
            "#/a/3/c",
            "#/d/e/f",
            "#/d/e/missing",
            "#/skip",
            "#/nowhere/at/all",
            "#",
        ];
        let whole = PositionIndex::build(text, &Wanted::everything()).expect("whole index");
        let pruned = PositionIndex::build(text, &Wanted::pointers(pointers)).expect("pruned index");
        for pointer in pointers {
            assert_eq!(
                pruned.locate(text, pointer),
                whole.locate(text, pointer),
                "{pointer}"
            );
        }
        // Below a member asked for, nothing is kept: a lookup there stops at that member.
        assert_eq!(
            pruned.locate(text, "#/skip/deep/0"),
            whole.locate(text, "#/skip")
        );
        assert_ne!(
            whole.locate(text, "#/skip/deep/0"),
            whole.locate(text, "#/skip")
        );
    }

    #[test]
    fn json_members_and_items_on_one_line_or_many() {
        let text = "{\"openapi\": \"3.0.3\",\n \"paths\": {\"/a\": {\"get\": {\"tags\": [\"x\", {\"y\": 1}], \"é\": \"\\\"}\"}}}}";
        assert_eq!(at(text, "#"), (1, 1));
        assert_eq!(at(text, "#/paths"), (2, 2));
        assert_eq!(at(text, "#/paths/~1a/get"), (2, 19));
        assert_eq!(at(text, "#/paths/~1a/get/tags/1/y"), (2, 42));
        assert_eq!(at(text, "#/paths/~1a/get/é"), (2, 52));
        assert_eq!(at(text, "#/paths/~1a/get/missing"), (2, 19));
    }
}
