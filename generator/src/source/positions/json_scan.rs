//! A JSON scanner that keeps where each member and item starts, as byte offsets: serde_json keeps no spans, and a
//! minified document is one long line. Only the members on the way to the pointers asked for are kept.

use foldhash::{HashMap, HashMapExt};

use super::tree::{Anchor, Children, Node, Wanted};

/// Scans JSON text that has already parsed, so it can be lenient: `,` and `:` are skipped like whitespace, and
/// inside an object strings alternate between key and value. Iterative, so nesting depth costs no stack. Members
/// that `wanted` does not name are read past; a skipped array item leaves an empty node so indices stay right.
pub(super) fn scan_json(text: &str, wanted: &Wanted) -> Option<Node> {
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

/// The offset just past the closing quote of the string starting at `start`. Most of a document's bytes are in
/// strings, so the next quote or backslash is found with `memchr` rather than a byte at a time.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut at = start + 1;
    loop {
        at += memchr::memchr2(b'"', b'\\', bytes.get(at..)?)?;
        match bytes[at] {
            b'"' => return Some(at + 1),
            // A backslash escapes the byte after it.
            _ => at += 2,
        }
    }
}
