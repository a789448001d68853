//! The trees a second reading of the text builds: where each member kept from the document starts ([`Node`]),
//! and which members to keep ([`Wanted`]).

use foldhash::HashMap;

use crate::diagnostics::{pointer_tokens, Location};

/// A member or item of the document, with the members and items below it that were kept.
#[derive(Debug)]
pub(super) struct Node {
    /// For a mapping member, where its key starts; for a sequence item, where the item starts.
    pub(super) anchor: Anchor,
    pub(super) children: Children,
}

/// Where a member starts: known as a line and column (YAML), or as a byte offset in the text (JSON).
#[derive(Debug, Clone, Copy)]
pub(super) enum Anchor {
    LineColumn(Location),
    Offset(usize),
}

/// What was kept below a member.
#[derive(Debug)]
pub(super) enum Children {
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
    /// Every member of the document, for looking up any pointer later (the tests compare pruned indexes with it).
    #[cfg(test)]
    pub fn everything() -> Self {
        Wanted {
            all: true,
            children: HashMap::default(),
        }
    }

    /// The members on the way to each of `pointers` (`#/a/b` or `/a/b`).
    pub fn pointers<'p>(pointers: impl IntoIterator<Item = &'p str>) -> Self {
        let mut root = Wanted::default();
        for pointer in pointers {
            let mut node = &mut root;
            for token in pointer_tokens(pointer) {
                node = node.children.entry(token.into_owned()).or_default();
            }
        }
        root
    }

    /// What is wanted below the member `key`, when that member is itself kept.
    pub(super) fn child(&self, key: &str) -> Option<&Wanted> {
        if self.all {
            Some(self)
        } else {
            self.children.get(key)
        }
    }
}
