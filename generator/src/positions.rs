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

use std::collections::HashMap;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diagnostics::{pointer_tokens, Diagnostic, Location};

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
    Json {
        line_starts: Vec<usize>,
    },
}

#[derive(Debug)]
struct Node {
    /// For a mapping member, where its key starts; for a sequence item, where the item starts.
    anchor: Anchor,
    children: Children,
}

#[derive(Debug, Clone, Copy)]
enum Anchor {
    LineColumn(Location),
    Offset(usize),
}

#[derive(Debug)]
enum Children {
    None,
    /// Keyed for lookup: an object can have a hundred thousand members, and every diagnostic looks one up.
    Map(HashMap<String, Node>),
    Seq(Vec<Node>),
}

/// The members to keep while the text is read again: the tokens of the pointers to locate, as a tree.
#[derive(Debug, Default)]
pub struct Wanted {
    /// Every member below this one is kept.
    all: bool,
    children: HashMap<String, Wanted>,
}

impl Wanted {
    /// Every member of the document, for looking up any pointer later.
    pub fn everything() -> Self {
        Wanted {
            all: true,
            children: HashMap::new(),
        }
    }

    /// The members on the way to each of `pointers` (`#/a/b` or `/a/b`).
    pub fn pointers<'p>(pointers: impl IntoIterator<Item = &'p str>) -> Self {
        let mut root = Wanted::default();
        for pointer in pointers {
            let mut node = &mut root;
            for token in pointer_tokens(pointer) {
                node = node.children.entry(token).or_default();
            }
        }
        root
    }

    /// What is wanted below the member `key`, when that member is itself kept.
    fn child(&self, key: &str) -> Option<&Wanted> {
        if self.all {
            Some(self)
        } else {
            self.children.get(key)
        }
    }
}

impl PositionIndex {
    /// Reads `text` (JSON when it starts with `{`, YAML otherwise), keeping the members `wanted` names; `None` when
    /// it cannot be read. YAML is always kept whole.
    pub fn build(text: &str, wanted: &Wanted) -> Option<Self> {
        if text.trim_start().starts_with('{') {
            let root = scan_json(text, wanted)?;
            let mut line_starts = vec![0];
            line_starts.extend(
                text.bytes()
                    .enumerate()
                    .filter(|(_, b)| *b == b'\n')
                    .map(|(i, _)| i + 1),
            );
            Some(Self {
                text_kind: TextKind::Json { line_starts },
                root,
            })
        } else {
            let root: YamlNode =
                serde_saphyr::from_str_with_options(text, crate::load::yaml_options()).ok()?;
            Some(Self {
                text_kind: TextKind::Yaml,
                root: Node {
                    anchor: Anchor::LineColumn(Location { line: 1, column: 1 }),
                    children: root.0,
                },
            })
        }
    }

    /// The line and column of what `pointer` (`#/a/b` or `/a/b`) names, or of its nearest existing ancestor.
    pub fn locate(&self, text: &str, pointer: &str) -> Option<Location> {
        let mut node = &self.root;
        for token in pointer_tokens(pointer) {
            let next = match &node.children {
                Children::Map(entries) => entries.get(&token),
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
                let TextKind::Json { line_starts } = &self.text_kind else {
                    return None;
                };
                let line = line_starts.partition_point(|&start| start <= offset);
                let start = line_starts[line - 1];
                let column = text.get(start..offset)?.chars().count() + 1;
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

// ----- YAML ---------------------------------------------------------------------------------------------------

/// A YAML node reduced to its structure; mapping keys and sequence items keep their spans.
struct YamlNode(Children);

/// A mapping key as text, whatever scalar it is (`200:` is an integer to YAML).
struct KeyText(String);

fn location_of<T>(spanned: &Spanned<T>) -> Anchor {
    Anchor::LineColumn(Location {
        line: spanned.referenced.line() as usize,
        column: spanned.referenced.column() as usize,
    })
}

impl<'de> Deserialize<'de> for YamlNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor;
        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = YamlNode;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any YAML node")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<YamlNode, A::Error> {
                let mut entries = HashMap::new();
                while let Some(key) = map.next_key::<Spanned<KeyText>>()? {
                    let value: YamlNode = map.next_value()?;
                    entries.insert(
                        key.value.0.clone(),
                        Node {
                            anchor: location_of(&key),
                            children: value.0,
                        },
                    );
                }
                Ok(YamlNode(Children::Map(entries)))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<YamlNode, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Spanned<YamlNode>>()? {
                    let anchor = location_of(&item);
                    items.push(Node {
                        anchor,
                        children: item.value.0,
                    });
                }
                Ok(YamlNode(Children::Seq(items)))
            }

            fn visit_bool<E: de::Error>(self, _: bool) -> Result<YamlNode, E> {
                Ok(YamlNode(Children::None))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<YamlNode, E> {
                Ok(YamlNode(Children::None))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<YamlNode, E> {
                Ok(YamlNode(Children::None))
            }
            fn visit_i128<E: de::Error>(self, _: i128) -> Result<YamlNode, E> {
                Ok(YamlNode(Children::None))
            }
            fn visit_u128<E: de::Error>(self, _: u128) -> Result<YamlNode, E> {
                Ok(YamlNode(Children::None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<YamlNode, E> {
                Ok(YamlNode(Children::None))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<YamlNode, E> {
                Ok(YamlNode(Children::None))
            }
            fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<YamlNode, E> {
                Ok(YamlNode(Children::None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<YamlNode, E> {
                Ok(YamlNode(Children::None))
            }
            fn visit_none<E: de::Error>(self) -> Result<YamlNode, E> {
                Ok(YamlNode(Children::None))
            }
            fn visit_some<D: Deserializer<'de>>(
                self,
                deserializer: D,
            ) -> Result<YamlNode, D::Error> {
                YamlNode::deserialize(deserializer)
            }
        }
        deserializer.deserialize_any(NodeVisitor)
    }
}

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = KeyText;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a scalar mapping key")
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<KeyText, E> {
                Ok(KeyText(value.to_owned()))
            }
            fn visit_bool<E: de::Error>(self, value: bool) -> Result<KeyText, E> {
                Ok(KeyText(value.to_string()))
            }
            fn visit_i64<E: de::Error>(self, value: i64) -> Result<KeyText, E> {
                Ok(KeyText(value.to_string()))
            }
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<KeyText, E> {
                Ok(KeyText(value.to_string()))
            }
            fn visit_f64<E: de::Error>(self, value: f64) -> Result<KeyText, E> {
                Ok(KeyText(value.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<KeyText, E> {
                Ok(KeyText("null".to_owned()))
            }
            fn visit_none<E: de::Error>(self) -> Result<KeyText, E> {
                Ok(KeyText("null".to_owned()))
            }
            // A complex key (a mapping or a sequence) can never be named by a pointer; it only needs to be skipped.
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<KeyText, A::Error> {
                while map
                    .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(KeyText(String::new()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<KeyText, A::Error> {
                while seq.next_element::<de::IgnoredAny>()?.is_some() {}
                Ok(KeyText(String::new()))
            }
        }
        deserializer.deserialize_any(KeyVisitor)
    }
}

// ----- JSON ---------------------------------------------------------------------------------------------------

/// Scans JSON text that has already parsed, so it can be lenient: `,` and `:` are skipped like whitespace, and
/// inside an object strings alternate between key and value. Iterative, so nesting depth costs no stack. Members
/// that `wanted` does not name are read past; a skipped array item leaves an empty node so indices stay right.
fn scan_json(text: &str, wanted: &Wanted) -> Option<Node> {
    struct Frame<'w> {
        /// The key this container has in its parent object, if the parent is an object.
        name: Option<String>,
        anchor: usize,
        is_map: bool,
        wanted: &'w Wanted,
        entries: HashMap<String, Node>,
        items: Vec<Node>,
        /// In an object: the key read and waiting for its value, with where it starts.
        pending_key: Option<(String, usize)>,
    }

    fn attach(stack: &mut [Frame], root: &mut Option<Node>, name: Option<String>, node: Node) {
        match stack.last_mut() {
            Some(parent) if parent.is_map => {
                parent.entries.insert(name.unwrap_or_default(), node);
            }
            Some(parent) => parent.items.push(node),
            None => *root = Some(node),
        }
    }

    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut root = None;
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if byte.is_ascii_whitespace() || byte == b',' || byte == b':' {
            at += 1;
            continue;
        }
        // A key, when an object is waiting for one.
        if byte == b'"' {
            if let Some(frame) = stack.last_mut() {
                if frame.is_map && frame.pending_key.is_none() {
                    let end = string_end(bytes, at)?;
                    let key: String = serde_json::from_str(&text[at..end]).ok()?;
                    frame.pending_key = Some((key, at));
                    at = end;
                    continue;
                }
            }
        }
        // Where the value starting here is anchored, the key it has in its parent, and what of it is wanted.
        let (name, anchor, wanted_here) = match stack.last_mut() {
            Some(frame) if frame.is_map => match frame.pending_key.take() {
                Some((key, key_at)) => {
                    let wanted_here = frame.wanted.child(&key);
                    (Some(key), key_at, wanted_here)
                }
                None if byte == b'}' => (None, at, None),
                None => return None,
            },
            Some(frame) if byte != b']' => {
                let index = frame.items.len().to_string();
                (None, at, frame.wanted.child(&index))
            }
            Some(_) => (None, at, None),
            None => (None, at, Some(wanted)),
        };
        match byte {
            b'{' | b'[' => match wanted_here {
                Some(wanted_here) => {
                    stack.push(Frame {
                        name,
                        anchor,
                        is_map: byte == b'{',
                        wanted: wanted_here,
                        entries: HashMap::new(),
                        items: Vec::new(),
                        pending_key: None,
                    });
                    at += 1;
                }
                None => {
                    at = container_end(bytes, at)?;
                    if stack.last().is_some_and(|parent| !parent.is_map) {
                        let node = Node {
                            anchor: Anchor::Offset(anchor),
                            children: Children::None,
                        };
                        attach(&mut stack, &mut root, name, node);
                    }
                }
            },
            b'}' | b']' => {
                let frame = stack.pop()?;
                let children = if frame.is_map {
                    Children::Map(frame.entries)
                } else {
                    Children::Seq(frame.items)
                };
                let node = Node {
                    anchor: Anchor::Offset(frame.anchor),
                    children,
                };
                attach(&mut stack, &mut root, frame.name, node);
                at += 1;
            }
            _ => {
                at = if byte == b'"' {
                    string_end(bytes, at)?
                } else {
                    // A number, `true`, `false` or `null`: up to the next delimiter.
                    at + bytes[at..]
                        .iter()
                        .position(|b| matches!(b, b',' | b'}' | b']') || b.is_ascii_whitespace())
                        .unwrap_or(bytes.len() - at)
                };
                let in_array = stack.last().is_some_and(|parent| !parent.is_map);
                if wanted_here.is_some() || in_array {
                    let node = Node {
                        anchor: Anchor::Offset(anchor),
                        children: Children::None,
                    };
                    attach(&mut stack, &mut root, name, node);
                }
            }
        }
    }
    let mut root = root?;
    // The document itself is anchored at its first line, whatever whitespace comes before it.
    root.anchor = Anchor::Offset(0);
    Some(root)
}

/// The offset just past the bracket that closes the object or array opening at `start`.
fn container_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = start;
    while at < bytes.len() {
        match bytes[at] {
            b'"' => {
                at = string_end(bytes, at)?;
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(at + 1);
                }
            }
            _ => {}
        }
        at += 1;
    }
    None
}

/// The offset just past the closing quote of the string starting at `start`.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut at = start + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'"' => return Some(at + 1),
            _ => at += 1,
        }
    }
    None
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
