//! Objects: properties become fields (with their optionality, nullability, direction, docs and default), extra
//! properties a map field, and an object without properties a map or a free-form value.

use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaData};

use super::all_of::annotations;
use super::defaults::default_problem;
use super::{schema_doc, Lowerer, Shape};
use crate::diagnostics::pointer_join;
use crate::ir::{Direction, Field, Primitive, Struct, TypeKind, TypeRef};
use crate::naming::{camel_name, snake_name, Namespace};

impl<'a> Lowerer<'a> {
    /// The shape of an object schema at `pointer`. `origins` says where each property is defined when the object
    /// was merged from `allOf` members; each property is lowered there, so its diagnostics point at it.
    pub(super) fn object_shape(
        &mut self,
        properties: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: Option<&AdditionalProperties>,
        name_hint: &str,
        pointer: &str,
        origins: Option<&indexmap::IndexMap<String, String>>,
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
            let property_pointer = match origins.and_then(|origins| origins.get(wire_name)) {
                Some(origin) => origin.clone(),
                None => pointer_join(pointer, &["properties", wire_name]),
            };
            let rust_name = field_names.claim(&snake_name(wire_name));
            let hint = format!("{}{}", name_hint, camel_name(wire_name));
            let ty = self.property_type(property, &hint, &property_pointer);
            let ty = self.credential_type(ty, wire_name, property);
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
                constraints: self.schema_constraints_boxed(property),
                setters: None,
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

    /// The type of a property, unless the property is already being lowered further up: `allOf` merges copy
    /// properties into new objects, so an object that merges itself would otherwise be copied without end.
    fn property_type(
        &mut self,
        property: &ReferenceOr<Box<Schema>>,
        name_hint: &str,
        pointer: &str,
    ) -> TypeRef {
        if self.open_properties.iter().any(|open| open == pointer) {
            self.warn(pointer, "this property contains itself through allOf merges (each copy would hold another); it is typed as a JSON value");
            return TypeRef::Primitive(Primitive::Json);
        }
        self.open_properties.push(pointer.to_owned());
        let ty = self.lower_boxed_schema(property, name_hint, pointer);
        self.open_properties.pop();
        ty
    }

    /// What a property says about itself. A `$ref` property's siblings (`description`, `nullable`, `readOnly`,
    /// …) are not in the OpenAPI model, so they are read from the document itself.
    fn property_facts(
        &self,
        property: &ReferenceOr<Box<Schema>>,
        property_pointer: &str,
    ) -> PropertyFacts {
        match property {
            ReferenceOr::Item(schema) => {
                // An `allOf` that only documents a reference carries its facts in the annotating members too.
                let data: Vec<&SchemaData> = std::iter::once(&schema.schema_data)
                    .chain(annotations(schema))
                    .collect();
                PropertyFacts {
                    nullable: data.iter().any(|d| d.nullable),
                    doc: schema_doc(schema),
                    deprecated: data.iter().any(|d| d.deprecated),
                    read_only: data.iter().any(|d| d.read_only),
                    write_only: data.iter().any(|d| d.write_only),
                    default: data.iter().find_map(|d| d.default.clone()),
                }
            }
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
