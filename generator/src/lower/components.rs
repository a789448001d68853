//! Component schemas: every `components.schemas` entry becomes a named type, names first and shapes after.

use openapiv3::ReferenceOr;

use super::{schema_doc, Lowerer, Shape};
use crate::diagnostics::pointer_join;
use crate::ir::TypeKind;

impl<'a> Lowerer<'a> {
    /// Lowers every component schema. All names are claimed before any shape is lowered, so that every reference
    /// resolves whatever order the schemas come in.
    pub(super) fn lower_component_schemas(&mut self) {
        let Some(components) = &self.document.components else {
            return;
        };

        for (name, schema) in &components.schemas {
            let pointer = pointer_join("#/components/schemas", &[name]);
            let doc = match schema {
                ReferenceOr::Item(schema) => schema_doc(schema),
                ReferenceOr::Reference { .. } => None,
            };
            let id = self.reserve_type(name, name.clone(), pointer, doc);
            if let ReferenceOr::Item(schema) = schema {
                self.types[id.0].deprecated = schema.schema_data.deprecated;
            }
            self.component_types.insert(name.as_str(), id);
        }
        for (name, schema) in &components.schemas {
            let id = self.component_types[name.as_str()];
            let pointer = self.types[id.0].pointer.clone();
            let rust_name = self.types[id.0].rust_name.clone();
            let kind = match schema {
                ReferenceOr::Reference { reference } => {
                    TypeKind::Alias(self.schema_reference(reference, &pointer))
                }
                ReferenceOr::Item(schema) => {
                    match self.schema_shape(schema, &rust_name, &pointer) {
                        Shape::Existing(ty) => TypeKind::Alias(ty),
                        Shape::Definition(kind) => kind,
                    }
                }
            };
            self.types[id.0].kind = kind;
        }
    }
}
