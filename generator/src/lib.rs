//! An OpenAPI 3.0 → Rust client generator.
//!
//! The pipeline runs one way: [`load`] reads a document, [`lower`] validates it, resolves references and names
//! everything into the [`ir`], [`emit`] writes Rust from the IR alone, and [`package`] lays the files out as a crate.

pub mod diagnostics;
pub mod diff;
pub mod emit;
pub mod ir;
pub mod load;
pub mod lower;
pub mod naming;
pub mod package;
pub mod surface;

pub use diagnostics::{Diagnostic, Error, Severity};
pub use emit::GeneratedFile;

/// Loads and lowers the document at `path`.
pub fn lower_file(path: &std::path::Path) -> Result<lower::Lowered, Error> {
    let document = load::load_file(path)?;
    lower::lower(&document, &path.display().to_string())
}
