//! Turning names from a document into Rust identifiers, and keeping each namespace free of collisions.
//!
//! This is the only place that decides a name. Lowering calls it once per item and stores the result in the IR;
//! the emitter never changes a name. The rules:
//! - ASCII letters and digits are kept; everything else separates words. A name with no letter or digit spells
//!   its symbols (`>=` becomes `GtEq`), and an empty one becomes `Empty`.
//! - A leading digit gets a prefix (`N` for type-like names, `_` for snake-case names).
//! - Keywords become raw identifiers (`r#type`) where Rust allows it; `self`, `Self`, `super`, `crate` and `_`
//!   cannot be raw and get a suffix instead.
//! - Within a namespace, a name already taken gets the smallest numeric suffix that is free (`get_user_2`).
//!
//! Beside the spelling and the namespaces, the naming policies live here too: what a union variant, an enum value,
//! a status, the target of a deep `$ref` and a struct's chained setters are called (`variants`, `status`,
//! `references`, `setters`), and, in a crate split by tag, the modules of types several features compile
//! (`shared_modules`).

mod casing;
mod namespace;
mod references;
mod setters;
mod shared_modules;
mod spelling;
mod status;
mod variants;

pub use namespace::Namespace;
pub(crate) use references::reference_name_hint;
pub(crate) use setters::setter_names;
pub(crate) use shared_modules::shared_module_names;
pub use spelling::{camel_name, snake_name, unraw};
pub(crate) use status::status_variant_name;
pub(crate) use variants::{enum_variant_names, inline_variant_name, union_variant_names};
