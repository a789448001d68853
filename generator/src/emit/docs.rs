//! Turning spec prose into rustdoc that is safe to compile.
//!
//! Spec text is untrusted: it may hold a bare CR (which rustc refuses in doc comments), bidi control characters
//! (which rustc refuses as a possible trojan-source attack), NUL, or Markdown that rustdoc would treat as a Rust
//! doctest (an untagged code fence or an indented block). Everything goes through `sanitize` before it reaches a
//! `#[doc]` attribute.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// Makes spec prose safe for a doc comment and keeps its Markdown meaning where it can.
pub fn sanitize(text: &str) -> String {
    let normalized = if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    // Lines are written into one string as they are cleaned: every description of a document passes here (3 % of
    // the instructions of generating Stripe went to a string per line and a character-by-character check).
    let mut out = String::with_capacity(normalized.len() + 8);
    let mut in_fence = false;
    for (index, line) in normalized.lines().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        // Most lines need no escape and are copied whole.
        let cleaned = if needs_any_escape(line) {
            let mut cleaned = String::with_capacity(line.len() + 8);
            for c in line.chars() {
                push_visible(&mut cleaned, c);
            }
            std::borrow::Cow::Owned(cleaned)
        } else {
            std::borrow::Cow::Borrowed(line)
        };
        let trimmed = cleaned.trim_start();
        if let Some(info) = trimmed.strip_prefix("```") {
            // Any fence that is not explicitly Rust becomes plain text, so rustdoc does not compile it.
            let info = info.trim();
            if !in_fence && (info.is_empty() || !info.starts_with("rust")) {
                out.push_str("```text");
                if !info.is_empty() {
                    out.push(' ');
                    out.push_str(info);
                }
            } else if !in_fence {
                out.push_str("```text");
            } else {
                out.push_str("```");
            }
            in_fence = !in_fence;
        } else if in_fence {
            out.push_str(&cleaned);
        } else {
            // Leading indentation would make an indented code block, which rustdoc also compiles.
            out.push_str(trimmed.trim_end());
        }
    }
    if in_fence {
        out.push_str("\n```");
    }
    // Trailing empty lines are dropped, with the line breaks before them.
    let kept = out.trim_end_matches('\n').len();
    out.truncate(kept);
    out
}

/// Whether a line holds a character that [`needs_escape`]: printable ASCII and tabs, nearly all of every
/// document's prose, are ruled out a byte at a time.
fn needs_any_escape(line: &str) -> bool {
    let plain = |b: &u8| (0x20..0x7f).contains(b) || *b == b'\t';
    !line.bytes().all(|b| plain(&b)) && line.chars().any(needs_escape)
}

/// A control or bidi character, which a doc comment shows as a visible escape; tabs pass through.
fn needs_escape(c: char) -> bool {
    let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}');
    bidi || (c.is_control() && c != '\t')
}

/// Appends `c`, or a visible escape for a control or bidi character; tabs and ordinary text pass through.
fn push_visible(out: &mut String, c: char) {
    if needs_escape(c) {
        use std::fmt::Write;
        let _ = write!(out, "\\u{{{:04X}}}", c as u32);
    } else {
        out.push(c);
    }
}

/// `#[doc]` attributes, one per line, for a sequence of paragraphs; empty paragraphs are skipped.
pub fn doc_attrs<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> TokenStream {
    let lines = doc_lines(paragraphs);
    quote! { #( #[doc = #lines] )* }
}

/// `#[doc]` attributes for text the generator writes itself (examples, with code fences that rustdoc compiles),
/// which therefore bypasses [`sanitize`]; an empty line first separates it from the doc before it.
pub fn generated_doc_attrs(lines: &[String]) -> TokenStream {
    let lines = generated_doc_lines(lines).map(|line| doc_literal(&line));
    quote! { #[doc = ""] #( #[doc = #lines] )* }
}

/// The lines of generated doc text as `prettyplease` prints their attributes: each led by a space, unless empty.
pub fn generated_doc_lines(lines: &[String]) -> impl Iterator<Item = String> + '_ {
    lines.iter().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    })
}

/// `#![doc]` attributes, for a module's or crate's own documentation.
pub fn inner_doc_attrs<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> TokenStream {
    let lines = doc_lines(paragraphs);
    quote! { #( #![doc = #lines] )* }
}

/// A doc line as a raw string literal. `prettyplease` asks `syn` for the text of every doc attribute, and an
/// ordinary literal is escaped character by character here and unescaped the same way there (7 % of the
/// instructions of generating Stripe, with its long prose), while a raw literal is copied as it is. The text is
/// the same either way.
fn doc_literal(line: &str) -> Literal {
    // Enough `#`s that no `"` in the line followed by `#`s ends the literal early.
    let hashes = line
        .match_indices('"')
        .map(|(quote, _)| line[quote + 1..].bytes().take_while(|&b| b == b'#').count() + 1)
        .max()
        .unwrap_or(0);
    let hashes = "#".repeat(hashes);
    // A sanitized line holds no bare CR, the one character a raw literal cannot; the ordinary literal stays as
    // the fallback all the same.
    format!("r{hashes}\"{line}\"{hashes}")
        .parse()
        .unwrap_or_else(|_| Literal::string(line))
}

/// A doc comment written out as `prettyplease` prints the attributes of [`doc_attrs`]: each line after `indent`
/// and `///`, its trailing spaces dropped (a line never holds a newline or starts with `/`, which it would print
/// otherwise). For items that are written as text instead of formatted (`types::definition_text`).
pub fn doc_comment<'a>(
    out: &mut String,
    indent: &str,
    paragraphs: impl IntoIterator<Item = &'a str>,
) {
    write_doc_lines(out, indent, "///", paragraphs);
}

/// An inner doc comment (a module's own, `//!`) written out as `prettyplease` prints the attributes of
/// [`inner_doc_attrs`], as [`doc_comment`] writes an outer one.
pub fn inner_doc_comment<'a>(out: &mut String, paragraphs: impl IntoIterator<Item = &'a str>) {
    write_doc_lines(out, "", "//!", paragraphs);
}

/// The lines of [`doc_text_lines`], each after `indent` and `marker` with its trailing spaces dropped, written
/// straight into `out`: every description of a document passes here, and a string per line cost a tenth of the
/// instructions of generating mist.com.
fn write_doc_lines<'a>(
    out: &mut String,
    indent: &str,
    marker: &str,
    paragraphs: impl IntoIterator<Item = &'a str>,
) {
    for_each_doc_line(paragraphs, |line| {
        out.push_str(indent);
        out.push_str(marker);
        let line = line.trim_end_matches(' ');
        if !line.is_empty() {
            out.push(' ');
            out.push_str(line);
        }
        out.push('\n');
    });
}

/// Calls `visit` with each line of a doc comment, without its leading space: sanitized paragraphs, an empty line
/// between two of them, empty paragraphs skipped.
fn for_each_doc_line<'a>(
    paragraphs: impl IntoIterator<Item = &'a str>,
    mut visit: impl FnMut(&str),
) {
    let mut first = true;
    for paragraph in paragraphs {
        let paragraph = sanitize(paragraph);
        if paragraph.trim().is_empty() {
            continue;
        }
        if !first {
            visit("");
        }
        first = false;
        paragraph.lines().for_each(&mut visit);
    }
}

/// The lines of a doc comment, as literals: sanitized paragraphs separated by blank lines, each line led by a
/// space.
fn doc_lines<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> Vec<Literal> {
    doc_text_lines(paragraphs)
        .iter()
        .map(|line| doc_literal(line))
        .collect()
}

/// The text of each doc line: sanitized paragraphs separated by blank lines, each line led by a space.
fn doc_text_lines<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut lines = Vec::new();
    for_each_doc_line(paragraphs, |line| {
        lines.push(if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        });
    });
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_comments_are_written_as_prettyplease_prints_doc_attributes() {
        let cases: [&[&str]; 6] = [
            &["One line."],
            &["Title", "", "  ", "Two\nlines  \n\n\nafter blanks"],
            &[
                "```\n  code   \n```",
                "\nstarts with a break",
                "tab\there\r\nCR",
            ],
            &["trailing   ", "    indented"],
            &["", ""],
            &["\u{202E}bidi", "a\u{0}b"],
        ];
        for paragraphs in cases {
            let tokens = doc_attrs(paragraphs.iter().copied());
            let printed =
                prettyplease::unparse(&syn::parse2(quote!(#tokens struct S;)).expect("parses"));
            let mut text = String::new();
            doc_comment(&mut text, "", paragraphs.iter().copied());
            assert_eq!(format!("{text}struct S;\n"), printed, "{paragraphs:?}");
            let tokens = inner_doc_attrs(paragraphs.iter().copied());
            let printed = prettyplease::unparse(&syn::parse2(tokens).expect("parses"));
            let mut text = String::new();
            inner_doc_comment(&mut text, paragraphs.iter().copied());
            assert_eq!(text, printed, "{paragraphs:?}");
        }
    }

    #[test]
    fn refuses_characters_rustc_rejects() {
        assert_eq!(sanitize("a\rb"), "a\nb");
        assert_eq!(sanitize("x\u{202E}y\0"), "x\\u{202E}y\\u{0000}");
    }

    #[test]
    fn doc_literals_are_raw_and_hold_the_line_as_it_is() {
        for line in [
            " plain",
            " say \"hi\"",
            " a \"# b \"## c",
            r" back\slash \n",
            "",
        ] {
            let literal = doc_literal(line);
            assert!(literal.to_string().starts_with('r'), "{literal}");
            let parsed: syn::LitStr = syn::parse2(quote!(#literal)).unwrap();
            assert_eq!(parsed.value(), line);
        }
    }

    #[test]
    fn code_never_becomes_a_doctest() {
        assert_eq!(
            sanitize("see:\n```\nlet x = 1;\n```"),
            "see:\n```text\nlet x = 1;\n```"
        );
        assert_eq!(sanitize("```json\n{}\n```"), "```text json\n{}\n```");
        assert_eq!(sanitize("text\n    indented code"), "text\nindented code");
        assert_eq!(sanitize("```\nunclosed"), "```text\nunclosed\n```");
    }
}
