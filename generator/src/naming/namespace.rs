//! Namespaces: each hands out a name at most once, with the smallest free numeric suffix on a collision.

use foldhash::HashSet;

use super::unraw;

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
    use crate::naming::snake_name;

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
