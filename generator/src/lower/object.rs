//! Objects: properties become fields (with their optionality, nullability, direction, docs and default), extra
//! properties a map field, and an object without properties a map or a free-form value.

use openapiv3::{AdditionalProperties, ReferenceOr, Schema};

use super::defaults::default_problem;
use super::{schema_doc, Lowerer, Shape};
use crate::diagnostics::pointer_join;
use crate::ir::{Direction, Field, Primitive, Struct, TypeKind, TypeRef};
use crate::naming::{camel_name, snake_name, Namespace};

impl<'a> Lowerer<'a> {
    pub(super) fn object_shape(
        &mut self,
        properties: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: Option<&AdditionalProperties>,
        name_hint: &str,
        pointer: &str,
    ) -> Shape {
        let additional_properties = match additional {
            Some(AdditionalProperties::Schema(value)) => Some(self.lower_schema(
                value,
                &format!("{name_hint}Value"),
                &pointer_join(pointer, &["additionalProperties"]),
            )),
            Some(AdditionalProperties::Any(true)) => Some(TypeRef::Primitive(Primitive::Json)),
            Some(AdditionalProperties::Any(false)) | None => None,
        };
        for name in required {
            if !properties.contains_key(name) {
                self.warn(
                    &pointer_join(pointer, &["required"]),
                    format!("`{name}` is listed as required but is not a property; it is ignored"),
                );
            }
        }
        if properties.is_empty() {
            // A map, or a free-form object.
            let value = additional_properties.unwrap_or(TypeRef::Primitive(Primitive::Json));
            return Shape::Existing(match value {
                TypeRef::Primitive(Primitive::Json) if additional.is_none() => {
                    TypeRef::Primitive(Primitive::Json)
                }
                value => TypeRef::Map(Box::new(value)),
            });
        }

        let mut field_names = Namespace::new();
        let mut fields = Vec::with_capacity(properties.len());
        for (wire_name, property) in properties {
            let property_pointer = pointer_join(pointer, &["properties", wire_name]);
            let rust_name = field_names.claim(&snake_name(wire_name));
            let hint = format!("{}{}", name_hint, camel_name(wire_name));
            let ty = self.lower_boxed_schema(property, &hint, &property_pointer);
            let facts = self.property_facts(property, &property_pointer);
            let default = facts.default.and_then(|value| {
                // A default behind a reference that cannot be followed is not checked; the reference itself is
                // reported where the property's type is lowered.
                let problem = match property {
                    ReferenceOr::Item(schema) => default_problem(schema, &value),
                    ReferenceOr::Reference { reference } => self
                        .schema_at(reference)
                        .ok()
                        .and_then(|schema| default_problem(&schema, &value)),
                };
                match problem {
                    None => Some(value.to_string()),
                    Some(problem) => {
                        self.warn(
                            &pointer_join(&property_pointer, &["default"]),
                            format!("{problem}; it is left out of the documentation"),
                        );
                        None
                    }
                }
            });
            let direction = match (facts.read_only, facts.write_only) {
                (true, false) => Direction::ServerToClient,
                (false, true) => Direction::ClientToServer,
                _ => Direction::Both,
            };
            fields.push(Field {
                rust_name,
                wire_name: wire_name.clone(),
                ty,
                required: required.contains(wire_name) && direction == Direction::Both,
                nullable: facts.nullable,
                boxed: false,
                doc: facts.doc,
                deprecated: facts.deprecated,
                direction,
                default,
            });
        }
        let additional_properties =
            additional_properties.map(|value| crate::ir::AdditionalProperties {
                rust_name: field_names.claim("additional_properties"),
                value,
            });
        Shape::Definition(TypeKind::Struct(Struct {
            fields,
            additional_properties,
        }))
    }

    /// What a property says about itself. A `$ref` property's siblings (`description`, `nullable`, `readOnly`,
    /// …) are not in the OpenAPI model, so they are read from the document itself.
    fn property_facts(
        &self,
        property: &ReferenceOr<Box<Schema>>,
        property_pointer: &str,
    ) -> PropertyFacts {
        match property {
            ReferenceOr::Item(schema) => PropertyFacts {
                nullable: schema.schema_data.nullable,
                doc: schema_doc(schema),
                deprecated: schema.schema_data.deprecated,
                read_only: schema.schema_data.read_only,
                write_only: schema.schema_data.write_only,
                default: schema.schema_data.default.clone(),
            },
            ReferenceOr::Reference { .. } => {
                let siblings = self
                    .raw
                    .pointer(property_pointer.trim_start_matches('#'))
                    .and_then(serde_json::Value::as_object);
                let flag = |key: &str| {
                    siblings
                        .and_then(|object| object.get(key))
                        .and_then(serde_json::Value::as_bool)
                        .unwrap_or(false)
                };
                let text = |key: &str| {
                    siblings
                        .and_then(|object| object.get(key))
                        .and_then(serde_json::Value::as_str)
                        .filter(|text| !text.trim().is_empty())
                        .map(str::to_owned)
                };
                PropertyFacts {
                    nullable: flag("nullable"),
                    doc: text("description").or_else(|| text("title")),
                    deprecated: flag("deprecated"),
                    read_only: flag("readOnly"),
                    write_only: flag("writeOnly"),
                    default: siblings.and_then(|object| object.get("default")).cloned(),
                }
            }
        }
    }
}

/// What a property schema says about itself besides its type.
struct PropertyFacts {
    nullable: bool,
    doc: Option<String>,
    deprecated: bool,
    read_only: bool,
    write_only: bool,
    default: Option<serde_json::Value>,
}
