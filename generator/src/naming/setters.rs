//! The names of a struct's chained setters: each takes its field's name, and a field that may be absent or `null`
//! has a second one, `<field>_null`, that sets `null`.
//!
//! Setters are methods, which live in another namespace than fields, so a setter and its field share a name. They
//! must not take the name of another method of the struct (`new`), nor of a trait method that callers reach with
//! `.` or `Self::` on it: an inherent method wins over a trait's, so a setter named `clone` would break
//! `value.clone()`, and one named `default` the `Self::default()` that `new` calls. Such a name, or a second
//! setter of the same name, takes a numeric suffix from the namespace.

use super::{unraw, Namespace};

/// Methods a generated struct has or gets from the traits it implements or that every type has, which callers
/// use through `.` or `Self::`.
const TAKEN: &[&str] = &[
    "new",
    "default",
    "clone",
    "clone_from",
    "eq",
    "ne",
    "fmt",
    "serialize",
    "deserialize",
    "into",
    "try_into",
    "to_owned",
];

/// The setter names of the fields given as `(Rust name, may be null)`, in order: the one that sets a value, and
/// for a field that may be `null` the one that sets `null`. Value setters claim their names first, so a field
/// named like another's null setter (`note_null` beside `note`) keeps its own name.
pub(crate) fn setter_names(fields: &[(&str, bool)]) -> Vec<(String, Option<String>)> {
    let mut names = Namespace::with_reserved(TAKEN);
    let values: Vec<String> = fields.iter().map(|(name, _)| names.claim(name)).collect();
    values
        .into_iter()
        .zip(fields)
        .map(|(value, (name, nullable))| {
            // `self_` gives `self_null`: a doubled underscore would trip `non_snake_case`.
            let null = nullable
                .then(|| names.claim(&format!("{}_null", unraw(name).trim_end_matches('_'))));
            (value, null)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setters_take_their_fields_names_unless_a_method_has_them() {
        let names = setter_names(&[
            ("name", false),
            ("note", true),
            ("note_null", false),
            ("new", false),
            ("clone", true),
            ("r#type", true),
            ("self_", true),
        ]);
        let expected = [
            ("name", None),
            ("note", Some("note_null_2")),
            ("note_null", None),
            ("new_2", None),
            ("clone_2", Some("clone_null")),
            ("r#type", Some("type_null")),
            ("self_", Some("self_null")),
        ];
        let expected: Vec<(String, Option<String>)> = expected
            .iter()
            .map(|(value, null)| ((*value).to_owned(), null.map(str::to_owned)))
            .collect();
        assert_eq!(names, expected);
    }
}
