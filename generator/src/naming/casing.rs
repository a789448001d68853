//! `UpperCamelCase` and `snake_case` of ASCII text, by `heck`'s rules (words split at anything that is not a
//! letter or digit, at a lowercase letter followed by an uppercase one, and before the last capital of a run
//! followed by a lowercase letter), written straight into a `String`. `heck` goes through `fmt` for every
//! character, which was a tenth of lowering Microsoft Graph beta; `spelling` only ever hands over ASCII, and
//! anything else still goes to `heck`. The tests compare the two.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// `heck`'s `to_upper_camel_case`.
pub(super) fn upper_camel(text: &str) -> String {
    if !text.is_ascii() {
        return text.to_upper_camel_case();
    }
    let mut out = String::with_capacity(text.len());
    for_each_word(text, |word| {
        let mut bytes = word.bytes();
        if let Some(first) = bytes.next() {
            out.push(char::from(first.to_ascii_uppercase()));
        }
        out.extend(bytes.map(|byte| char::from(byte.to_ascii_lowercase())));
    });
    out
}

/// `heck`'s `to_snake_case`.
pub(super) fn snake(text: &str) -> String {
    if !text.is_ascii() {
        return text.to_snake_case();
    }
    let mut out = String::with_capacity(text.len() + 4);
    for_each_word(text, |word| {
        if !out.is_empty() {
            out.push('_');
        }
        out.extend(
            word.bytes()
                .map(|byte| char::from(byte.to_ascii_lowercase())),
        );
    });
    out
}

/// Calls `with_word` with each word of ASCII `text`, in order; no word is empty.
fn for_each_word(text: &str, mut with_word: impl FnMut(&str)) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        /// No cased letter since the last word boundary.
        Boundary,
        Lower,
        Upper,
    }
    for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        let bytes = word.as_bytes();
        let mut start = 0;
        let mut mode = Mode::Boundary;
        for i in 0..bytes.len() {
            let c = bytes[i];
            let Some(&next) = bytes.get(i + 1) else {
                with_word(&word[start..]);
                break;
            };
            let next_mode = if c.is_ascii_lowercase() {
                Mode::Lower
            } else if c.is_ascii_uppercase() {
                Mode::Upper
            } else {
                mode
            };
            if next_mode == Mode::Lower && next.is_ascii_uppercase() {
                with_word(&word[start..=i]);
                start = i + 1;
                mode = Mode::Boundary;
            } else if mode == Mode::Upper && c.is_ascii_uppercase() && next.is_ascii_lowercase() {
                with_word(&word[start..i]);
                start = i;
                mode = Mode::Boundary;
            } else {
                mode = next_mode;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_casing_agrees_with_heck() {
        let pieces = [
            "", " ", "a", "A", "ab", "AB", "Ab", "aB", "1", "12", "a1", "A1", "1a", "1A", "_", "-",
            ".", "  ", "HTTP", "Server", "xml", "ID", "s", "X",
        ];
        let mut checked = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let text = format!("{a}{b}{c}");
                    assert_eq!(upper_camel(&text), text.to_upper_camel_case(), "{text:?}");
                    assert_eq!(snake(&text), text.to_snake_case(), "{text:?}");
                    checked += 1;
                }
            }
        }
        for text in [
            "HTTPServerError",
            "getHTTPResponseCode",
            "microsoft graph ODataErrors",
            "Ωmega",
        ] {
            assert_eq!(upper_camel(text), text.to_upper_camel_case(), "{text:?}");
            assert_eq!(snake(text), text.to_snake_case(), "{text:?}");
        }
        assert!(checked > 10_000);
    }
}
