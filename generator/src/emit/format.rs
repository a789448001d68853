//! Formatting generated code: tokens are pretty-printed with `prettyplease` chunk by chunk on every core, then
//! put back in order with a blank line between items and the generated-file header in front.

use std::sync::atomic::{AtomicUsize, Ordering};

use proc_macro2::TokenStream;

use super::{GeneratedFile, GENERATED_HEADER};
use crate::diagnostics::Error;

/// A piece of a file: tokens for `prettyplease` (none when the whole chunk is written as text), with text already
/// laid out before them, after the first line they print (the items of an impl block whose header they print),
/// before the last line they print (the last items of an impl block they end), and after them; then more tokens,
/// printed on their own (the items after an impl block whose last items are text).
pub(super) struct Chunk {
    pub(super) leading_text: Option<String>,
    pub(super) after_first_line: Option<String>,
    pub(super) before_last_line: Option<String>,
    pub(super) tokens: TokenStream,
    pub(super) trailing_text: Option<String>,
    pub(super) trailing_tokens: TokenStream,
}

impl From<TokenStream> for Chunk {
    fn from(tokens: TokenStream) -> Self {
        Chunk {
            leading_text: None,
            after_first_line: None,
            before_last_line: None,
            tokens,
            trailing_text: None,
            trailing_tokens: TokenStream::new(),
        }
    }
}

impl Chunk {
    /// A chunk that is text alone.
    pub(super) fn text(text: String) -> Self {
        Chunk {
            leading_text: Some(text),
            ..Chunk::from(TokenStream::new())
        }
    }
}

/// A file to format: `count` chunks of items, chunk `index` being `chunk(index)`; the first may carry the file's
/// inner attributes. Chunks are made by a function because tokens cannot cross threads.
pub(super) struct FilePlan<'a> {
    path: String,
    count: usize,
    chunk: Box<dyn Fn(usize) -> Chunk + Sync + 'a>,
}

impl<'a> FilePlan<'a> {
    /// A file of a preamble followed by one chunk per element of `items`.
    pub(super) fn items<T: Sync>(
        path: String,
        preamble: impl Fn() -> Chunk + Sync + 'a,
        items: &'a [T],
        item: impl Fn(&T) -> Chunk + Sync + 'a,
    ) -> Self {
        FilePlan {
            path,
            count: 1 + items.len(),
            chunk: Box::new(move |index| match index.checked_sub(1) {
                Some(item_index) => item(&items[item_index]),
                None => preamble(),
            }),
        }
    }
}

/// Formats files chunk by chunk on every core.
///
/// The result is the same as formatting each whole file at once, but each chunk's tokens and syntax tree are
/// dropped as soon as it is printed, so memory holds one chunk's trees rather than a file's (hundreds of megabytes
/// for Stripe). Each core claims the next chunk of all files as soon as it is done with its last (dealing them in
/// turn left one core idle for up to 18 of netbox's 44 ms of formatting while the other printed its larger share), and the
/// text is put back in order, so the files are the same on every machine.
pub(super) fn format_files(plans: Vec<FilePlan<'_>>) -> Result<Vec<GeneratedFile>, Error> {
    let chunks: Vec<(usize, usize)> = plans
        .iter()
        .enumerate()
        .flat_map(|(file, plan)| (0..plan.count).map(move |index| (file, index)))
        .collect();
    let workers = std::thread::available_parallelism()
        .map_or(1, |cores| cores.get())
        .clamp(1, chunks.len().max(1));
    let claimed = AtomicUsize::new(0);
    // Each worker's chunks as (position among all chunks, printed text), in the order it claimed them.
    let print_claimed = || -> Result<Vec<(usize, String)>, Error> {
        let mut printed = Vec::new();
        loop {
            let position = claimed.fetch_add(1, Ordering::Relaxed);
            let Some(&(file, index)) = chunks.get(position) else {
                return Ok(printed);
            };
            let plan = &plans[file];
            printed.push((position, print_chunk(&plan.path, (plan.chunk)(index))?));
        }
    };
    let shares: Vec<Result<Vec<(usize, String)>, Error>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers).map(|_| scope.spawn(print_claimed)).collect();
        handles
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut in_order: Vec<Option<String>> = vec![None; chunks.len()];
    for share in shares {
        for (position, text) in share? {
            in_order[position] = Some(text);
        }
    }
    // Each chunk is dropped as soon as it is copied, so the text is held about twice at most.
    let mut files: Vec<GeneratedFile> = plans
        .iter()
        .map(|plan| GeneratedFile::start(&plan.path))
        .collect();
    for (&(file, _), text) in chunks.iter().zip(in_order) {
        if let Some(text) = text {
            files[file].push_code(&text);
        }
    }
    Ok(files)
}

/// One chunk of the file at `path` as text: its tokens printed and the text around them put in place, with a
/// blank line between items.
fn print_chunk(path: &str, chunk: Chunk) -> Result<String, Error> {
    let mut text = chunk.leading_text.unwrap_or_default();
    if !chunk.tokens.is_empty() {
        let mut printed = unparse(path, chunk.tokens)?;
        if let Some(inserted) = &chunk.before_last_line {
            // The text ends with its last line and a newline; the last line starts after the one before.
            let last = printed
                .trim_end_matches('\n')
                .rfind('\n')
                .map_or(0, |at| at + 1);
            printed.insert_str(last, inserted);
        }
        match (&chunk.after_first_line, printed.split_once('\n')) {
            (Some(inserted), Some((first, rest))) => {
                text.push_str(first);
                text.push('\n');
                text.push_str(inserted);
                text.push_str(rest);
            }
            _ => text.push_str(&printed),
        }
    }
    text.push_str(chunk.trailing_text.as_deref().unwrap_or_default());
    if !chunk.trailing_tokens.is_empty() {
        text.push_str(&unparse(path, chunk.trailing_tokens)?);
    }
    Ok(separate_items(&text))
}

/// Parses, pretty-prints and prefixes the header; a parse failure is a generator bug, reported as an error.
pub fn format_file(path: &str, tokens: TokenStream) -> Result<GeneratedFile, Error> {
    let mut file = GeneratedFile::start(path);
    file.push_code(&separate_items(&unparse(path, tokens)?));
    Ok(file)
}

/// A file written as text already laid out as `prettyplease` prints it, with the header in front.
pub(super) fn text_file(path: &str, text: &str) -> GeneratedFile {
    let mut file = GeneratedFile::start(path);
    file.push_code(&separate_items(text));
    file
}

impl GeneratedFile {
    /// A file holding only the header, ready for printed code.
    fn start(path: &str) -> Self {
        GeneratedFile {
            path: path.to_owned(),
            contents: format!("{GENERATED_HEADER}\n"),
        }
    }

    /// Appends code already separated by [`separate_items`], with a blank line before it too if it starts an
    /// item after one that ends here.
    fn push_code(&mut self, separated: &str) {
        // The last line written: the text so far always ends with its newline.
        let written = self.contents.strip_suffix('\n').unwrap_or(&self.contents);
        let previous = written.rsplit('\n').next().unwrap_or_default();
        if let Some(first) = separated.lines().next() {
            if blank_line_between(previous, first) {
                self.contents.push('\n');
            }
        }
        self.contents.push_str(separated);
    }
}

/// Printed code with a blank line between consecutive items, as a person would write it (`prettyplease` leaves
/// none). Whether one goes before the first line depends on what precedes the code, which `push_code` knows.
///
/// The result is `code` line by line as [`str::lines`] reads it, each line ending with a newline, but copied in
/// runs between the places that change: a blank line added, a carriage return dropped before a newline. Copying a
/// line at a time was most of the time spent here (every line of every generated file passes).
fn separate_items(code: &str) -> String {
    let mut separated = String::with_capacity(code.len() + code.len() / 16 + 1);
    let mut copied = 0;
    let mut previous: Option<&str> = None;
    let mut line_start = 0;
    let mut newlines = memchr::memchr_iter(b'\n', code.as_bytes());
    while line_start < code.len() {
        let newline = newlines.next();
        let line_end = newline.unwrap_or(code.len());
        let mut line = &code[line_start..line_end];
        if previous.is_some_and(|previous| blank_line_between(previous, line)) {
            separated.push_str(&code[copied..line_start]);
            separated.push('\n');
            copied = line_start;
        }
        if newline.is_some() {
            if let Some(without_return) = line.strip_suffix('\r') {
                separated.push_str(&code[copied..line_end - 1]);
                copied = line_end;
                line = without_return;
            }
        }
        previous = Some(line);
        line_start = line_end + 1;
    }
    separated.push_str(&code[copied..]);
    if !separated.is_empty() && !separated.ends_with('\n') {
        separated.push('\n');
    }
    separated
}

/// Whether `line` starts an item right after `previous` ended one.
fn blank_line_between(previous: &str, line: &str) -> bool {
    const ITEM_STARTS: &[&str] = &[
        "///", "#[", "pub ", "fn ", "impl", "const ", "mod ", "use ", "type ", "struct ", "enum ",
    ];
    // This is asked of every line written (millions for Microsoft Graph), and most lines end no item, so that is
    // checked first.
    let previous_trimmed = without_indent(previous);
    let ends_item = matches!(previous_trimmed.trim_end(), "}" | "};")
        || (previous_trimmed.starts_with("pub struct ") && previous.ends_with(" {}"))
        || previous_trimmed.starts_with("use ")
        || (previous_trimmed.starts_with("pub ") && previous.ends_with(';'))
        || previous_trimmed.starts_with("//!")
        || ends_item_macro(previous);
    if !ends_item {
        return false;
    }
    let trimmed = without_indent(line);
    let starts_item =
        ITEM_STARTS.iter().any(|start| trimmed.starts_with(start)) || starts_item_macro(line);
    // A run of imports, or of inner doc lines, is one block.
    starts_item
        && !(previous_trimmed.starts_with("use ") && trimmed.starts_with("use "))
        && !(previous_trimmed.starts_with("//!") && trimmed.starts_with("//!"))
}

/// `line.trim_start()`, with the spaces that indent every printed line skipped a byte at a time: the general
/// rule decodes and classifies each character, and it was a quarter of the time spent separating items.
fn without_indent(line: &str) -> &str {
    let spaces = line.bytes().take_while(|byte| *byte == b' ').count();
    let rest = &line[spaces..];
    if rest.starts_with(char::is_whitespace) {
        rest.trim_start()
    } else {
        rest
    }
}

/// The items of an `impl` block (`items`, the tokens of its functions) as `prettyplease` prints them inside it,
/// for placing among items written as text; `None` if the tokens do not parse (a generator bug, which the
/// caller then leaves to the chunk's tokens to report).
pub(super) fn impl_items_text(items: TokenStream) -> Option<String> {
    let file: syn::File = syn::parse2(quote::quote!(impl Client { #items })).ok()?;
    let printed = prettyplease::unparse(&file);
    let inside = printed
        .strip_prefix("impl Client {\n")?
        .strip_suffix("}\n")?;
    Some(inside.to_owned())
}

/// Pretty-prints tokens that form a file (or a run of its items) without the header.
fn unparse(path: &str, tokens: TokenStream) -> Result<String, Error> {
    let file: syn::File = syn::parse2(tokens).map_err(|error| Error::Emit {
        module: path.to_owned(),
        message: error.to_string(),
    })?;
    Ok(prettyplease::unparse(&file))
}

/// The first line of a runtime macro invoked at the top level of a module, which is an item of its own
/// (`open_enum!`, `json_object!`).
fn starts_item_macro(line: &str) -> bool {
    line.starts_with("crate::runtime::")
}

/// The last line of such an invocation: the generator lays each out over several lines (`types::trailing_text`).
fn ends_item_macro(line: &str) -> bool {
    line == "});"
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`separate_items`] as it reads: a line at a time.
    fn separated_line_by_line(code: &str) -> String {
        let mut separated = String::new();
        let mut previous = None;
        for line in code.lines() {
            if previous.is_some_and(|previous| blank_line_between(previous, line)) {
                separated.push('\n');
            }
            separated.push_str(line);
            separated.push('\n');
            previous = Some(line);
        }
        separated
    }

    #[test]
    fn items_are_separated_as_line_by_line() {
        let pieces = [
            "}",
            "};",
            "pub struct A {}",
            "use a::b;",
            "pub const X: u8 = 1;",
            "//! Inner.",
            "});",
            "pub fn f() {",
            "    x",
            "/// Doc.",
            "#[derive(Debug)]",
            "impl A {",
            "fn g() {}",
            "",
            "\r",
            "é",
        ];
        let endings = ["\n", "\r\n", "\r", ""];
        let mut compared = 0;
        // Every pair and triple of pieces with every line ending, and the same with no ending at all.
        for (a, first) in pieces.iter().enumerate() {
            for (b, second) in pieces.iter().enumerate() {
                for third in ["", pieces[(a + b) % pieces.len()]] {
                    for ending in endings {
                        for last in ["", "\n", "\r\n"] {
                            let code = format!("{first}{ending}{second}{ending}{third}{last}");
                            assert_eq!(
                                separate_items(&code),
                                separated_line_by_line(&code),
                                "{code:?}"
                            );
                            compared += 1;
                        }
                    }
                }
            }
        }
        assert!(compared > 3000);
    }

    #[test]
    fn indents_are_trimmed_as_trim_start_does() {
        for line in [
            "",
            " ",
            "    ",
            "x",
            "    x",
            " \tx",
            "\t x",
            "  \u{a0}x",
            "\u{2003}  x",
            "    /// é",
            "é",
        ] {
            assert_eq!(without_indent(line), line.trim_start(), "{line:?}");
        }
    }
}
