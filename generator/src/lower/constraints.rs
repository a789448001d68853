//! The validation keywords of a schema (lengths, bounds, pattern, multipleOf, item counts, uniqueness, format),
//! copied into the IR as plain data for the changelog. Nothing here changes a type; the emitter never reads them.

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::Lowerer;
use crate::ir::Constraints;

impl Lowerer<'_> {
    /// The keywords of a parameter's schema, following a reference to the component it names.
    pub(super) fn schema_constraints(&self, schema: &ReferenceOr<Schema>) -> Constraints {
        match schema {
            ReferenceOr::Item(schema) => constraints_of(schema),
            ReferenceOr::Reference { reference } => self.referenced_constraints(reference),
        }
    }

    /// The keywords of a property's schema, following a reference to the component it names.
    pub(super) fn schema_constraints_boxed(
        &self,
        schema: &ReferenceOr<Box<Schema>>,
    ) -> Constraints {
        match schema {
            ReferenceOr::Item(schema) => constraints_of(schema),
            ReferenceOr::Reference { reference } => self.referenced_constraints(reference),
        }
    }

    /// A reference that cannot be followed has none; it is reported where its type is lowered.
    fn referenced_constraints(&self, reference: &str) -> Constraints {
        self.schema_at(reference)
            .map(|schema| constraints_of(&schema))
            .unwrap_or_default()
    }
}

/// The keywords of a schema's own type; a reference or a schema without a single type has none to compare.
fn constraints_of(schema: &Schema) -> Constraints {
    let format_text = |format: serde_json::Result<serde_json::Value>| {
        format
            .ok()
            .and_then(|value| value.as_str().map(str::to_owned))
            .filter(|text| !text.is_empty())
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => Constraints {
            format: format_text(serde_json::to_value(&string.format)),
            min_length: string.min_length,
            max_length: string.max_length,
            pattern: string.pattern.clone(),
            ..Constraints::default()
        },
        SchemaKind::Type(Type::Number(number)) => Constraints {
            format: format_text(serde_json::to_value(&number.format)),
            minimum: number.minimum,
            maximum: number.maximum,
            exclusive_minimum: number.exclusive_minimum,
            exclusive_maximum: number.exclusive_maximum,
            multiple_of: number.multiple_of,
            ..Constraints::default()
        },
        SchemaKind::Type(Type::Integer(integer)) => Constraints {
            format: format_text(serde_json::to_value(&integer.format)),
            // Bounds are compared as numbers; 64-bit integers past 2^53 lose only digits no document writes.
            minimum: integer.minimum.map(|value| value as f64),
            maximum: integer.maximum.map(|value| value as f64),
            exclusive_minimum: integer.exclusive_minimum,
            exclusive_maximum: integer.exclusive_maximum,
            multiple_of: integer.multiple_of.map(|value| value as f64),
            ..Constraints::default()
        },
        SchemaKind::Type(Type::Array(array)) => Constraints {
            min_items: array.min_items,
            max_items: array.max_items,
            unique_items: array.unique_items,
            ..Constraints::default()
        },
        _ => Constraints::default(),
    }
}
