//! An OpenAPI 3.0 → Rust client generator.
//!
//! The public API is what the `generate` command, `xtask` and the tests use: [`lower_file`] and [`lower_str`],
//! the [`ir`] they produce, [`emit`] and [`package`] to write a crate from it, [`changelog`] and [`surface`] to
//! review a release. `ARCHITECTURE.md` maps the rest.
//!
//! The pipeline runs one way: [`source`] reads a document, [`lower`] validates it, resolves references and names
//! everything into the [`ir`], [`emit`] writes Rust from the IR alone, and [`package`] lays the files out as a crate.
//! Beside it, [`changelog`] compares the IR of two releases and classifies each change.

pub mod changelog;
pub mod compat;
mod diagnostics;
pub mod emit;
pub mod ir;
pub mod lower;
mod naming;
pub mod package;
pub mod source;
pub mod surface;

pub use diagnostics::{Diagnostic, Error, Location, Severity};
pub use emit::GeneratedFile;
pub use lower::Lowered;

/// Loads and lowers the document at `path`.
pub fn lower_file(path: &std::path::Path) -> Result<lower::Lowered, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    lower_str(&text, &path.display().to_string())
}

/// Loads and lowers a document given as text; `source_name` names it in messages. Every diagnostic, error or
/// warning, carries the line and column of its pointer where the text has it.
pub fn lower_str(text: &str, source_name: &str) -> Result<lower::Lowered, Error> {
    let document = source::load_str(text, source_name)?;
    let lowered = lower::lower(&document, source_name);
    // Nothing below needs the document, and freeing a large one takes a while (half a second for Microsoft
    // Graph beta's model and raw value), so a thread of its own frees it while the caller goes on. Should no
    // thread start, the document is freed right here instead.
    let _ = std::thread::Builder::new().spawn(move || drop(document));
    match lowered {
        Ok(mut lowered) => {
            source::positions::locate_all(text, &mut lowered.warnings);
            Ok(lowered)
        }
        Err(Error::Invalid {
            source_name,
            mut errors,
        }) => {
            source::positions::locate_all(text, &mut errors);
            Err(Error::Invalid {
                source_name,
                errors,
            })
        }
        Err(other) => Err(other),
    }
}
