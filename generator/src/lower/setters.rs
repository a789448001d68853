//! Which fields have chained setters, named by `naming::setter_names`.
//!
//! A struct is `#[non_exhaustive]`, so callers build it with `new` (the required fields) and set optional fields
//! afterwards; setters make that one expression (`CreateTeamRequest::new(name).description("On call")`). They
//! are offered where users build values: on the structs the client sends, every struct reachable through
//! `ir/walk.rs` from a parameter or a request body. Values the client only receives are built by callers only in
//! tests, where assigning fields is enough. Setters on every struct would cost about twice the code: on the
//! committed client 9 100 lines instead of 5 200 (18 % more code instead of 10 %), on Stripe 55 000 instead of
//! 32 000, on Box 16 000 instead of 4 700. A field has setters when it is optional (a required one is an argument
//! of `new`) and not read-only (a request need not carry it).
//!
//! The cost for callers: a struct that a release stops sending loses its setters, which the changelog reports
//! (`changelog/properties.rs`).

use crate::ir::walk::Edge;
use crate::ir::{Api, Direction, FieldSetters, TypeId, TypeKind};
use crate::naming::setter_names;

/// Names the setters of every struct of `api` afresh, from its operations and its fields' optionality; run at the
/// end of lowering and again after anything that changes either (`compat`).
pub fn name_setters(api: &mut Api) {
    let sent = api.reachable_from_operations(&api.operations, Edge::is_request);
    for (index, def) in api.types.iter_mut().enumerate() {
        let TypeKind::Struct(shape) = &mut def.kind else {
            continue;
        };
        let offered = sent.contains(TypeId(index));
        for field in &mut shape.fields {
            field.setters = None;
        }
        let with_setters: Vec<usize> = (0..shape.fields.len())
            .filter(|&at| {
                let field = &shape.fields[at];
                offered && !field.required && field.direction != Direction::ServerToClient
            })
            .collect();
        let requests: Vec<(&str, bool)> = with_setters
            .iter()
            .map(|&at| {
                let field = &shape.fields[at];
                (field.rust_name.as_str(), field.nullable)
            })
            .collect();
        let names = setter_names(&requests);
        for (at, (value, null)) in with_setters.into_iter().zip(names) {
            shape.fields[at].setters = Some(FieldSetters { value, null });
        }
    }
}
