//! The names of the modules that hold the types several features compile (`types/shared/<name>.rs` of a crate
//! split by tag), one module per set of features.
//!
//! A set of a few short features is named after them (`people_pets`), so a reader can tell from the file name what
//! compiles it. A set of many (a type that forty tags reach) would make a file name longer than a line; such sets are
//! numbered instead, in the order the caller gives them (the order of their first type in the document), so the
//! same document always gives the same names, and no hash decides any of them.

use super::Namespace;

/// At most this many features name a set after themselves.
const MAX_JOINED_FEATURES: usize = 3;
/// A joined name at most this long; a longer one is numbered.
const MAX_JOINED_LENGTH: usize = 32;

/// The module name of each set of features, in the order given. Features are Cargo feature names (tag modules'
/// snake-case names, and `unused-types`); every name returned is a valid identifier, and no two are equal.
pub fn shared_module_names<S: AsRef<str>>(sets: &[Vec<S>]) -> Vec<String> {
    let mut namespace = Namespace::new();
    let mut numbered = 0;
    sets.iter()
        .map(|features| {
            let parts: Vec<String> = features
                .iter()
                .map(|feature| feature.as_ref().replace('-', "_"))
                .collect();
            let joined = parts.join("_");
            let candidate = if parts.len() <= MAX_JOINED_FEATURES
                && joined.len() <= MAX_JOINED_LENGTH
                && is_plain_identifier(&joined)
            {
                joined
            } else {
                numbered += 1;
                format!("tags_{numbered}")
            };
            namespace.claim(&candidate)
        })
        .collect()
}

/// Whether `name` is an identifier that needs no `r#`: tag modules' names are identifiers already, but one of them
/// may be a keyword (`r#type`, unraw `type`), which a set of one feature alone would repeat.
fn is_plain_identifier(name: &str) -> bool {
    name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && syn::parse_str::<syn::Ident>(name).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn few_short_features_are_joined_and_many_are_numbered_by_first_appearance() {
        let sets = vec![
            vec!["people", "pets"],
            vec!["a", "b", "c", "d"],
            vec!["unused-types"],
            vec!["a_very_long_tag_name", "another_very_long_tag_name"],
        ];
        assert_eq!(
            shared_module_names(&sets),
            ["people_pets", "tags_1", "unused_types", "tags_2"]
        );
    }

    #[test]
    fn names_that_would_collide_or_be_keywords_are_made_distinct_and_valid() {
        let sets = vec![vec!["a_b", "c"], vec!["a", "b_c"], vec!["type"]];
        let names = shared_module_names(&sets);
        assert_eq!(names, ["a_b_c", "a_b_c_2", "tags_1"]);
    }
}
