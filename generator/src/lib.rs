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
    lower_str(&read_document(path)?, &path.display().to_string())
}

/// The text of the document at `path`.
pub fn read_document(path: &std::path::Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })
}

/// Loads and lowers a document given as text; `source_name` names it in messages. Every diagnostic, error or
/// warning, carries the line and column of its pointer where the text has it.
pub fn lower_str(text: &str, source_name: &str) -> Result<lower::Lowered, Error> {
    let mut lowered = lower_str_unplaced(text, source_name)?;
    place_in_text(text, &mut lowered.warnings);
    Ok(lowered)
}

/// [`lower_str`], but the warnings are left without their line and column for the caller to place with
/// [`place_in_text`] when it suits it: the `generate` binary places them while the crate is emitted, which for
/// DigitalOcean's 1 900 warnings is a few milliseconds of reading the text again. Errors are placed at once.
pub fn lower_str_unplaced(text: &str, source_name: &str) -> Result<lower::Lowered, Error> {
    let document = source::load_str(text, source_name)?;
    let lowered = lower::lower(&document, source_name);
    // Nothing below needs the document, and freeing a large one takes a while (half a second for Microsoft
    // Graph beta's model and raw value), so a thread of its own frees it while the caller goes on. Should no
    // thread start, the document is freed right here instead.
    let _ = std::thread::Builder::new().spawn(move || drop(document));
    match lowered {
        Err(Error::Invalid {
            source_name,
            mut errors,
        }) => {
            place_in_text(text, &mut errors);
            Err(Error::Invalid {
                source_name,
                errors,
            })
        }
        other => other,
    }
}

/// Gives each of `diagnostics` that has none the line and column its pointer names in `text`, the document's text.
pub fn place_in_text(text: &str, diagnostics: &mut [Diagnostic]) {
    source::positions::locate_all(text, diagnostics);
}
