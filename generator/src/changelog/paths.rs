//! Path templates compared with their parameter names normalised: `/books/{bookId}` and `/books/{id}` are the
//! same route, so renaming a path parameter is a rename (the same request on the wire, the same method with the
//! same arguments in Rust), not an operation removed and another added.

use crate::ir::Operation;

/// The names of a template's path parameters, in the order the template uses them.
pub(super) fn path_parameter_names(template: &str) -> Vec<&str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|piece| piece.split_once('}').map(|(name, _)| name))
        .collect()
}

/// For each path parameter of `after`, the name it had in `before` (the parameter at the same place in the
/// template), when the name changed.
pub(super) fn renamed_path_parameters(
    before: &Operation,
    after: &Operation,
) -> Vec<(String, String)> {
    path_parameter_names(&before.path_template)
        .into_iter()
        .zip(path_parameter_names(&after.path_template))
        .filter(|(old, new)| old != new)
        .map(|(old, new)| (old.to_owned(), new.to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_in_template_order() {
        assert_eq!(path_parameter_names("/a/{x}/b/{y}.json"), ["x", "y"]);
        assert!(path_parameter_names("/a").is_empty());
    }
}
