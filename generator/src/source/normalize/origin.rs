//! Where a part of the normalized document came from. Normalization moves things (a Swagger 2.0 `definitions`
//! entry becomes a component schema, a `$ref` with siblings is wrapped in `allOf`), but every diagnostic must point
//! into the document the user wrote; this map takes a pointer of the normalized document back to the original.

use std::collections::BTreeMap;

/// Pointer prefixes of the normalized document mapped to the original prefixes they were moved from. A pointer
/// is mapped by its longest recorded prefix (whole reference tokens only); a pointer with none is where it was.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    moved: BTreeMap<String, String>,
    /// Reference prefixes the normalization rewrote (`#/components/schemas/` for Swagger's `#/definitions/`),
    /// with the prefix the user wrote: messages quote references, and should quote them as written.
    renamed_references: Vec<(String, String)>,
}

impl Origin {
    /// Records that what is now at `normalized` (a `#/…` pointer) was written at `original`, a pointer of the
    /// original document: for a part that an earlier step had already moved, pass `self.original(old)`.
    pub(crate) fn record(&mut self, normalized: impl Into<String>, original: impl Into<String>) {
        let (normalized, original) = (normalized.into(), original.into());
        if normalized != original {
            self.moved.insert(normalized, original);
        }
    }

    /// Records that references written as `original…` now read `normalized…`; messages are mapped back by
    /// `map_back`. Several normalized prefixes may map to one original, not the other way round.
    pub(crate) fn rename_references(&mut self, normalized: &str, original: &str) {
        self.renamed_references
            .push((normalized.to_owned(), original.to_owned()));
    }

    /// The pointer of the original document that `pointer`, a pointer of the normalized one, stands for.
    pub fn original(&self, pointer: &str) -> String {
        match self.longest_prefix(pointer) {
            Some((prefix, original)) => format!("{original}{}", &pointer[prefix.len()..]),
            None => pointer.to_owned(),
        }
    }

    fn longest_prefix(&self, pointer: &str) -> Option<(&str, &str)> {
        if self.moved.is_empty() {
            return None;
        }
        let mut end = pointer.len();
        loop {
            let prefix = &pointer[..end];
            if let Some((key, original)) = self.moved.get_key_value(prefix) {
                return Some((key, original));
            }
            end = prefix.rfind('/')?;
        }
    }

    /// Maps the pointer of every diagnostic, and the references its message quotes, back to the original
    /// document.
    pub(crate) fn map_back(&self, diagnostics: &mut [crate::Diagnostic]) {
        for diagnostic in diagnostics {
            diagnostic.pointer = self.original(&diagnostic.pointer);
            for (normalized, original) in &self.renamed_references {
                if diagnostic.message.contains(normalized.as_str()) {
                    diagnostic.message = diagnostic.message.replace(normalized.as_str(), original);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_by_the_longest_whole_token_prefix() {
        let mut origin = Origin::default();
        origin.record("#/components/schemas", "#/definitions");
        let wrapped = origin.original("#/components/schemas/Pet");
        origin.record("#/components/schemas/Pet/allOf/0", wrapped);
        assert_eq!(
            origin.original("#/components/schemas/Pet/allOf/0/$ref"),
            "#/definitions/Pet/$ref"
        );
        assert_eq!(
            origin.original("#/components/schemas/Petal/type"),
            "#/definitions/Petal/type"
        );
        assert_eq!(origin.original("#/paths/~1a"), "#/paths/~1a");
    }

    #[test]
    fn a_prefix_must_end_at_a_token_boundary() {
        let mut origin = Origin::default();
        origin.record("#/components/schemas/A", "#/x");
        assert_eq!(
            origin.original("#/components/schemas/AB"),
            "#/components/schemas/AB"
        );
    }
}
