//! Cycles: fields and variants that close a cycle of direct containment are boxed, so every type has a finite
//! size; an alias that refers to itself with nothing in between becomes a JSON value.

use std::collections::BTreeSet;

use super::Lowerer;
use crate::ir::walk::{named_children, Edge, Holding};
use crate::ir::{Primitive, TypeDef, TypeId, TypeKind, TypeRef};

impl<'a> Lowerer<'a> {
    /// Boxes every field and union variant that closes a cycle of direct containment, so every type has a finite
    /// size. Arrays and maps already allocate, so only edges outside them count. Aliases that refer to themselves
    /// without any type in between cannot be expressed and are reported.
    pub(super) fn box_containment_cycles(&mut self) {
        let edges = graph(&self.types, |_, holding| holding == Holding::ByValue);
        let components = strongly_connected_components(&edges);
        for index in 0..self.types.len() {
            let own_component = components[index];
            let in_cycle = |id: TypeId| components[id.0] == own_component;
            match &mut self.types[index].kind {
                TypeKind::Struct(data) => {
                    for field in &mut data.fields {
                        if let TypeRef::Named(id) = field.ty {
                            field.boxed = in_cycle(id);
                        }
                    }
                }
                TypeKind::Union(union) => {
                    for variant in &mut union.variants {
                        if let TypeRef::Named(id) = variant.ty {
                            variant.boxed = in_cycle(id);
                        }
                    }
                }
                TypeKind::Alias(_) | TypeKind::Enum(_) => {}
            }
        }
        // An alias cycle (A = B, B = A, or A = Vec<A>) has no Rust spelling; break it with a JSON value, at the
        // first alias of each cycle. Each pass finds every cycle at once (linear time, so a chain of 100 000 aliases
        // costs no more than its length); a second pass catches a cycle that shared its first alias with another.
        loop {
            let alias_edges = graph(&self.types, |edge, _| edge == Edge::Alias);
            let components = strongly_connected_components(&alias_edges);
            let mut broken = BTreeSet::new();
            let mut to_break = Vec::new();
            for (index, edges) in alias_edges.iter().enumerate() {
                let cyclic = edges.iter().any(|id| components[id.0] == components[index]);
                if cyclic && broken.insert(components[index]) {
                    to_break.push(index);
                }
            }
            if to_break.is_empty() {
                break;
            }
            for index in to_break {
                let pointer = self.types[index].pointer.clone();
                self.warn(&pointer, "this schema refers to itself with no object in between; it is typed as a JSON value");
                self.types[index].kind = TypeKind::Alias(TypeRef::Primitive(Primitive::Json));
            }
        }
    }
}

/// The edges between types that `follow` accepts, as adjacency lists indexed by type id.
fn graph(types: &[TypeDef], follow: impl Fn(Edge, Holding) -> bool) -> Vec<Vec<TypeId>> {
    types
        .iter()
        .map(|def| {
            let mut children = Vec::new();
            named_children(def, |edge, id, holding| {
                if follow(edge, holding) {
                    children.push(id);
                }
            });
            children
        })
        .collect()
}

/// Tarjan's algorithm, iterative so that a long chain of schemas cannot overflow the stack. Returns, for each
/// node, a component number; a node on a cycle (including a self-loop) shares its number only with the nodes of
/// that cycle, and a node outside any cycle gets a number of its own unless it has a self-loop.
fn strongly_connected_components(edges: &[Vec<TypeId>]) -> Vec<usize> {
    let count = edges.len();
    let mut index_of = vec![usize::MAX; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut stack = Vec::new();
    let mut component = vec![usize::MAX; count];
    let mut next_index = 0;
    let mut next_component = 0;

    for root in 0..count {
        if index_of[root] != usize::MAX {
            continue;
        }
        // Each frame: the node and how many of its edges have been followed.
        let mut frames = vec![(root, 0usize)];
        index_of[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut edge)) = frames.last_mut() {
            if let Some(&TypeId(child)) = edges[node].get(*edge) {
                *edge += 1;
                if index_of[child] == usize::MAX {
                    index_of[child] = next_index;
                    low[child] = next_index;
                    next_index += 1;
                    stack.push(child);
                    on_stack[child] = true;
                    frames.push((child, 0));
                } else if on_stack[child] {
                    low[node] = low[node].min(index_of[child]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index_of[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    // A node alone in its component is only in a cycle if it points to itself; give the others a unique marker
    // that no edge target can share, by offsetting past every real component.
    let mut sizes = vec![0usize; next_component];
    for &c in &component {
        sizes[c] += 1;
    }
    for node in 0..count {
        let alone = sizes[component[node]] == 1;
        if alone && !edges[node].contains(&TypeId(node)) {
            component[node] = next_component + node;
        }
    }
    component
}
