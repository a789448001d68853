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

use std::collections::HashSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

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

/// Names that generated type definitions must not take, because the generated code uses them unqualified.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Option",
    "Result",
    "Box",
    "String",
    "Vec",
    "Some",
    "None",
    "Ok",
    "Err",
    "Default",
    "Clone",
    "Debug",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Fn",
    "From",
    "Into",
    "PartialEq",
    "Eq",
    "Hash",
    "Iterator",
    "ToString",
    "Serialize",
    "Deserialize",
    "Serializer",
    "Deserializer",
    "Value",
    "Map",
    "DateTime",
    "NaiveDate",
    "Utc",
];

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

/// Reduces a name to ASCII words separated by spaces, ready for case conversion.
fn words(raw: &str) -> String {
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

/// A name for a type or an enum variant: `UpperCamelCase`.
pub fn camel_name(raw: &str) -> String {
    let mut name = words(raw).to_upper_camel_case();
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
    let mut name = words(raw).to_snake_case();
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

/// One namespace: hands out each name at most once.
#[derive(Debug, Default, Clone)]
pub struct Namespace {
    taken: HashSet<String>,
}

impl Namespace {
    pub fn new() -> Self {
        Self::default()
    }

    /// A namespace in which these names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self {
            taken: reserved.iter().map(|name| (*name).to_owned()).collect(),
        }
    }

    /// The namespace for generated type definitions.
    pub fn for_types() -> Self {
        Self::with_reserved(RESERVED_TYPE_NAMES)
    }

    /// Takes `candidate`, or the first free `candidate` with a numeric suffix.
    pub fn claim(&mut self, candidate: &str) -> String {
        if self.taken.insert(candidate.to_owned()) {
            return candidate.to_owned();
        }
        let base = unraw(candidate);
        // Snake-case names and names ending in a digit take `_2`; other camel-case names take a bare `2`.
        let snake = base.starts_with(|c: char| c.is_ascii_lowercase() || c == '_');
        // A name that already ends in `_` (`self_`) takes the digit alone: `self__2` would trip `non_snake_case`.
        let separator = if base.ends_with('_') {
            ""
        } else if snake || base.ends_with(|c: char| c.is_ascii_digit()) {
            "_"
        } else {
            ""
        };
        (2..)
            .map(|n| format!("{base}{separator}{n}"))
            .find(|name| self.taken.insert(name.clone()))
            .expect("an unbounded range always yields a free name")
    }
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

    #[test]
    fn namespaces_add_suffixes() {
        let mut methods = Namespace::new();
        assert_eq!(methods.claim(&snake_name("getUser")), "get_user");
        assert_eq!(methods.claim(&snake_name("get_user")), "get_user_2");
        assert_eq!(methods.claim(&snake_name("GetUser")), "get_user_3");

        let mut types = Namespace::for_types();
        assert_eq!(types.claim("String"), "String2");
        assert_eq!(types.claim("Error"), "Error");
        assert_eq!(types.claim("Error"), "Error2");
        assert_eq!(types.claim("Error2"), "Error2_2");

        let mut fields = Namespace::new();
        assert_eq!(fields.claim("r#type"), "r#type");
        assert_eq!(fields.claim("r#type"), "type_2");
        assert_eq!(fields.claim("self_"), "self_");
        assert_eq!(fields.claim("self_"), "self_2");
    }
}
