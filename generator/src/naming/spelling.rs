//! Spelling: a name from a document turned into a Rust identifier (`UpperCamelCase` or `snake_case`, raw or
//! suffixed when it is a keyword, transliterated when it is in another script, spelled out when it is symbols).

use foldhash::{HashMap, HashMapExt};
use std::cell::RefCell;

use super::casing;

/// Keywords that can be written as raw identifiers.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized",
    "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Spells a symbol-only name so that `>=` and `<=` stay apart.
fn symbol_word(c: char) -> Option<&'static str> {
    Some(match c {
        '>' => "Gt",
        '<' => "Lt",
        '=' => "Eq",
        '!' => "Not",
        '+' => "Plus",
        '-' => "Minus",
        '*' => "Star",
        '/' => "Slash",
        '.' => "Dot",
        '%' => "Percent",
        '&' => "And",
        '|' => "Or",
        '@' => "At",
        '#' => "Hash",
        '$' => "Dollar",
        '~' => "Tilde",
        '^' => "Caret",
        ':' => "Colon",
        '?' => "Question",
        '(' => "LParen",
        ')' => "RParen",
        '[' => "LBracket",
        ']' => "RBracket",
        '{' => "LBrace",
        '}' => "RBrace",
        ',' => "Comma",
        ';' => "Semicolon",
        '"' => "Quote",
        '\'' => "Apostrophe",
        '\\' => "Backslash",
        '`' => "Backtick",
        _ => return None,
    })
}

/// Reduces a name to ASCII words separated by spaces, ready for case conversion. An ASCII name with a letter or
/// digit is already that: casing splits it at the same characters this would turn into spaces.
fn words(raw: &str) -> std::borrow::Cow<'_, str> {
    if raw.is_ascii() && raw.bytes().any(|byte| byte.is_ascii_alphanumeric()) {
        return std::borrow::Cow::Borrowed(raw);
    }
    std::borrow::Cow::Owned(spelled_words(raw))
}

fn spelled_words(raw: &str) -> String {
    // Letters of other scripts are spelled in ASCII (`é` → `e`, `名前` → `Ming Qian`), so a name keeps its meaning
    // instead of losing those letters; symbols and emoji are left to the symbol table below.
    let transliterated;
    let raw = if raw.is_ascii() {
        raw
    } else {
        transliterated = raw
            .chars()
            .map(|c| match c {
                c if c.is_ascii() || !c.is_alphanumeric() => c.to_string(),
                c => deunicode::deunicode_char(c).unwrap_or(" ").to_owned(),
            })
            .collect::<String>();
        transliterated.as_str()
    };
    if raw.chars().any(|c| c.is_ascii_alphanumeric()) {
        // Split on everything that is not an ASCII letter or digit; heck then splits camel humps.
        raw.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
            .collect()
    } else {
        let spelled: Vec<&str> = raw.chars().filter_map(symbol_word).collect();
        if spelled.is_empty() {
            "empty".to_owned()
        } else {
            spelled.join(" ")
        }
    }
}

thread_local! {
    /// Names already spelled, by the name they were made from. Large documents spell the same few thousand names
    /// hundreds of thousands of times (Microsoft Graph lists every property of an entity as a `$select` value of
    /// each of its operations), and `heck` goes through the formatting machinery for every character.
    /// One map per case, looked up by the raw name as it is, without a copy of it to make a key.
    static SPELLED: RefCell<[HashMap<String, String>; 2]> = RefCell::new([HashMap::new(), HashMap::new()]);
}

#[derive(Clone, Copy)]
enum Case {
    Camel = 0,
    Snake = 1,
}

/// `spell(raw)`, remembered for the thread's life.
fn remembered(case: Case, raw: &str, spell: fn(&str) -> String) -> String {
    SPELLED.with(|spelled| {
        if let Some(name) = spelled.borrow()[case as usize].get(raw) {
            return name.clone();
        }
        let name = spell(raw);
        spelled.borrow_mut()[case as usize].insert(raw.to_owned(), name.clone());
        name
    })
}

/// A name for a type or an enum variant: `UpperCamelCase`.
pub fn camel_name(raw: &str) -> String {
    remembered(Case::Camel, raw, spell_camel)
}

fn spell_camel(raw: &str) -> String {
    let mut name = casing::upper_camel(&words(raw));
    if name.is_empty() {
        name = "Empty".to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'N');
    }
    if name == "Self" {
        name.push_str("Value");
    }
    name
}

/// A name for a field, parameter or method: `snake_case`, raw when it is a keyword.
pub fn snake_name(raw: &str) -> String {
    remembered(Case::Snake, raw, spell_snake)
}

fn spell_snake(raw: &str) -> String {
    let mut name = casing::snake(&words(raw));
    if name.is_empty() {
        name = "empty".to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if NON_RAW_KEYWORDS.contains(&name.as_str()) {
        name.push('_');
    } else if RAW_KEYWORDS.contains(&name.as_str()) {
        name.insert_str(0, "r#");
    }
    name
}

/// The identifier text without a raw prefix, as used when combining names.
pub fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_names() {
        assert_eq!(camel_name("ApiToken"), "ApiToken");
        assert_eq!(camel_name("api_token"), "ApiToken");
        assert_eq!(camel_name("DIRECT_ACCESS"), "DirectAccess");
        assert_eq!(camel_name("name:asc"), "NameAsc");
        assert_eq!(camel_name("2fa"), "N2fa");
        assert_eq!(camel_name(">="), "GtEq");
        assert_eq!(camel_name("()"), "LParenRParen");
        assert_eq!(camel_name("[]"), "LBracketRBracket");
        assert_eq!(camel_name(""), "Empty");
        assert_eq!(camel_name("self"), "SelfValue");
        assert_eq!(camel_name("été"), "Ete");
        assert_eq!(camel_name("名前"), "MingQian");
        assert_eq!(snake_name("Ωmega"), "omega");
    }

    #[test]
    fn snake_names() {
        assert_eq!(snake_name("organizationId"), "organization_id");
        assert_eq!(snake_name("type"), "r#type");
        assert_eq!(snake_name("override"), "r#override");
        assert_eq!(snake_name("self"), "self_");
        assert_eq!(snake_name("Self"), "self_");
        assert_eq!(snake_name("_"), "empty");
        assert_eq!(snake_name("3d"), "_3d");
        assert_eq!(snake_name("ListApiTokens"), "list_api_tokens");
    }
}
