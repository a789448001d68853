//! Lowering: the OpenAPI model → the IR.
//!
//! This is where the document is validated, local `$ref`s are resolved, every name is decided (through
//! `naming`), and every schema becomes a Rust type. Problems are collected as diagnostics rather than returned at
//! the first one, so a user sees every independent error of a document in one run.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, OpenAPI, ReferenceOr, Schema, SchemaKind,
    StatusCode, StringFormat, Type, VariantOrUnknownOrEmpty,
};

use crate::diagnostics::{pointer_join, unescape_pointer_token, Diagnostic, Error, Severity};
use crate::ir::{
    Api, BodyAlternative, BodyEncoding, Direction, EnumRepr, EnumVariant, Field, HttpMethod,
    Operation, Pagination, PaginationStyle, Parameter, ParameterLocation, PathSegment, Primitive,
    QueryStyle, RequestBody, Response, SecurityScheme, SecuritySchemeKind, StatusEnum, StatusMatch,
    StatusVariant, StringEnum, Struct, TypeDef, TypeId, TypeKind, TypeRef, Union, UnionTagging,
    UnionVariant,
};
use crate::load::Document;
use crate::naming::{camel_name, snake_name, unraw, Namespace};

/// How many `$ref` hops a parameter, body or response reference may take before it is treated as a cycle.
const MAX_REF_HOPS: usize = 64;

/// The result of lowering: the IR and the warnings worth showing.
#[derive(Debug)]
pub struct Lowered {
    pub api: Api,
    pub warnings: Vec<Diagnostic>,
}

/// Lowers a document; `source_name` names it in errors.
pub fn lower(source: &Document, source_name: &str) -> Result<Lowered, Error> {
    let document = &source.model;
    let mut lowerer = Lowerer::new(document, &source.raw);
    lowerer.diagnostics.extend(source.warnings.iter().cloned());
    lowerer.lower_components();
    lowerer.lower_operations();
    lowerer.box_containment_cycles();
    lowerer.order_untagged_variants();
    if document.servers.is_empty() && !document.paths.paths.is_empty() {
        lowerer.warn("#/servers", "the document names no server; the client defaults to http://localhost, so set `Config::base_url`");
    }
    let (errors, warnings): (Vec<_>, Vec<_>) = lowerer
        .diagnostics
        .into_iter()
        .partition(|d| d.severity == Severity::Error);
    if !errors.is_empty() {
        return Err(Error::Invalid {
            source_name: source_name.to_owned(),
            errors,
        });
    }
    let api = Api {
        title: document.info.title.clone(),
        version: document.info.version.clone(),
        description: document.info.description.clone(),
        default_base_url: document.servers.first().map(server_url),
        types: lowerer.types,
        operations: lowerer.operations,
        security_schemes: lowerer.security_schemes,
    };
    Ok(Lowered { api, warnings })
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

/// What `lower_responses` found; see the fields of the same names on `Operation`.
struct LoweredResponses {
    success: Response,
    success_by_status: Option<StatusEnum>,
    error_body: Option<TypeRef>,
    error_by_status: Option<StatusEnum>,
}

/// The shape of a schema before it is placed: either an existing type or a new definition that needs a name.
enum Shape {
    Existing(TypeRef),
    Definition(TypeKind),
}

struct Lowerer<'a> {
    document: &'a OpenAPI,
    /// The document as plain JSON, for `$ref`s that point inside other objects.
    raw: &'a serde_json::Value,
    /// Types made for such `$ref`s, by reference, so each target is lowered once.
    deep_references: HashMap<String, TypeRef>,
    /// How many deep references are being resolved inside each other right now.
    deep_reference_depth: usize,
    /// The schemas an `allOf` merge is expanding right now, so a member that leads back to one is skipped.
    all_of_chain: Vec<String>,
    types: Vec<TypeDef>,
    type_names: Namespace,
    /// Component schema name → its type.
    component_types: HashMap<&'a str, TypeId>,
    operations: Vec<Operation>,
    security_schemes: Vec<SecurityScheme>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Lowerer<'a> {
    fn new(document: &'a OpenAPI, raw: &'a serde_json::Value) -> Self {
        Self {
            document,
            raw,
            deep_references: HashMap::new(),
            deep_reference_depth: 0,
            all_of_chain: Vec::new(),
            types: Vec::new(),
            type_names: Namespace::for_types(),
            component_types: HashMap::new(),
            operations: Vec::new(),
            security_schemes: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    fn error(&mut self, pointer: &str, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::error(pointer, message));
    }

    fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::warning(pointer, message));
    }

    /// Adds a type with a placeholder kind and a freshly claimed name.
    fn reserve_type(
        &mut self,
        name_hint: &str,
        origin: String,
        pointer: String,
        doc: Option<String>,
    ) -> TypeId {
        let id = TypeId(self.types.len());
        let rust_name = self.type_names.claim(&camel_name(name_hint));
        self.types.push(TypeDef {
            rust_name,
            origin,
            pointer,
            doc,
            deprecated: false,
            kind: TypeKind::Alias(TypeRef::Primitive(Primitive::Json)),
        });
        id
    }

    // ----- components -----------------------------------------------------------------------------------------

    fn lower_components(&mut self) {
        let Some(components) = &self.document.components else {
            return;
        };

        // Names first, so that every reference can be resolved whatever order the schemas come in.
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

        for (name, scheme) in &components.security_schemes {
            let pointer = pointer_join("#/components/securitySchemes", &[name]);
            let kind = match scheme {
                ReferenceOr::Item(openapiv3::SecurityScheme::HTTP { scheme, .. }) => {
                    match scheme.to_ascii_lowercase().as_str() {
                        "bearer" => SecuritySchemeKind::Bearer,
                        "basic" => SecuritySchemeKind::Basic,
                        _ => SecuritySchemeKind::Unsupported {
                            description: format!("HTTP {scheme}"),
                        },
                    }
                }
                ReferenceOr::Item(openapiv3::SecurityScheme::OAuth2 { .. })
                | ReferenceOr::Item(openapiv3::SecurityScheme::OpenIDConnect { .. }) => {
                    SecuritySchemeKind::OAuth2
                }
                ReferenceOr::Item(openapiv3::SecurityScheme::APIKey { location, name, .. }) => {
                    SecuritySchemeKind::ApiKey {
                        location: match location {
                            openapiv3::APIKeyLocation::Query => ParameterLocation::Query,
                            openapiv3::APIKeyLocation::Header => ParameterLocation::Header,
                            openapiv3::APIKeyLocation::Cookie => ParameterLocation::Cookie,
                        },
                        name: name.clone(),
                    }
                }
                ReferenceOr::Reference { reference } => SecuritySchemeKind::Unsupported {
                    description: format!("reference {reference}"),
                },
            };
            if let SecuritySchemeKind::Unsupported { description } = &kind {
                self.warn(&pointer, format!("security scheme {description} cannot be sent by the client; pass credentials as default headers"));
            }
            self.security_schemes.push(SecurityScheme {
                name: name.clone(),
                kind,
            });
        }
    }

    /// Resolves a schema `$ref`: a component by name, or any other local JSON pointer that holds a schema.
    fn schema_reference(&mut self, reference: &str, pointer: &str) -> TypeRef {
        if let Some(name) = reference
            .strip_prefix("#/components/schemas/")
            .filter(|name| !name.contains('/'))
        {
            if let Some(id) = self
                .component_types
                .get(unescape_pointer_token(name).as_str())
            {
                return TypeRef::Named(*id);
            }
        }
        if reference.starts_with("#/") {
            return self.deep_schema_reference(reference, pointer);
        }
        self.error(
            pointer,
            format!(
                "`$ref: {reference}` is not a local reference (`#/...`); external files and URLs are never fetched, \
                 bundle the document into one file first"
            ),
        );
        TypeRef::Primitive(Primitive::Json)
    }

    /// Resolves a `$ref` that points inside another object (`#/components/schemas/A/properties/b`,
    /// `#/components/parameters/p/schema`): the target is read as a schema and lowered once, under a name made
    /// from its pointer.
    fn deep_schema_reference(&mut self, reference: &str, pointer: &str) -> TypeRef {
        if let Some(known) = self.deep_references.get(reference) {
            return known.clone();
        }
        let Some(target) = self.raw.pointer(&reference[1..]) else {
            self.error(pointer, format!("`$ref: {reference}` points to nothing in this document; fix the reference or add the schema"));
            return TypeRef::Primitive(Primitive::Json);
        };
        let schema: ReferenceOr<Schema> = match serde_json::from_value(target.clone()) {
            Ok(schema) => schema,
            Err(error) => {
                self.error(
                    pointer,
                    format!("`$ref: {reference}` does not point to a schema: {error}"),
                );
                return TypeRef::Primitive(Primitive::Json);
            }
        };
        if self.deep_reference_depth >= MAX_REF_HOPS {
            self.error(
                pointer,
                format!(
                    "`$ref: {reference}` starts a chain of more than {MAX_REF_HOPS} references"
                ),
            );
            return TypeRef::Primitive(Primitive::Json);
        }
        // Reserve the type before lowering the target, so a target that refers back to itself terminates.
        let hint = reference_name_hint(reference);
        let id = self.reserve_type(&hint, reference.to_owned(), reference.to_owned(), None);
        self.deep_references
            .insert(reference.to_owned(), TypeRef::Named(id));
        self.deep_reference_depth += 1;
        let kind = match &schema {
            ReferenceOr::Reference { reference: next } => {
                TypeKind::Alias(self.schema_reference(next, reference))
            }
            ReferenceOr::Item(schema) => {
                self.types[id.0].doc = schema_doc(schema);
                let rust_name = self.types[id.0].rust_name.clone();
                match self.schema_shape(schema, &rust_name, reference) {
                    Shape::Existing(ty) => TypeKind::Alias(ty),
                    Shape::Definition(kind) => kind,
                }
            }
        };
        self.deep_reference_depth -= 1;
        self.types[id.0].kind = kind;
        TypeRef::Named(id)
    }

    // ----- schemas --------------------------------------------------------------------------------------------

    /// Lowers a schema that may need its own type; `name_hint` names it when it does.
    fn lower_schema(
        &mut self,
        schema: &ReferenceOr<Schema>,
        name_hint: &str,
        pointer: &str,
    ) -> TypeRef {
        match schema {
            ReferenceOr::Reference { reference } => self.schema_reference(reference, pointer),
            ReferenceOr::Item(schema) => self.lower_inline(schema, name_hint, pointer),
        }
    }

    fn lower_boxed_schema(
        &mut self,
        schema: &ReferenceOr<Box<Schema>>,
        name_hint: &str,
        pointer: &str,
    ) -> TypeRef {
        match schema {
            ReferenceOr::Reference { reference } => self.schema_reference(reference, pointer),
            ReferenceOr::Item(schema) => self.lower_inline(schema, name_hint, pointer),
        }
    }

    fn lower_inline(&mut self, schema: &Schema, name_hint: &str, pointer: &str) -> TypeRef {
        match self.schema_shape(schema, name_hint, pointer) {
            Shape::Existing(ty) => ty,
            Shape::Definition(kind) => self.define_inline(schema, name_hint, pointer, kind),
        }
    }

    /// A new named type for an inline schema whose shape is `kind`.
    fn define_inline(
        &mut self,
        schema: &Schema,
        name_hint: &str,
        pointer: &str,
        kind: TypeKind,
    ) -> TypeRef {
        let id = self.reserve_type(
            name_hint,
            pointer.to_owned(),
            pointer.to_owned(),
            schema_doc(schema),
        );
        self.types[id.0].deprecated = schema.schema_data.deprecated;
        self.types[id.0].kind = kind;
        TypeRef::Named(id)
    }

    fn schema_shape(&mut self, schema: &Schema, name_hint: &str, pointer: &str) -> Shape {
        let raw_enum = self
            .raw
            .pointer(pointer.trim_start_matches('#'))
            .and_then(|raw| raw.get("enum"));
        if raw_enum
            .and_then(serde_json::Value::as_array)
            .is_some_and(Vec::is_empty)
        {
            self.warn(&pointer_join(pointer, &["enum"]), "`enum: []` allows no value at all; it is ignored and the schema is typed by its `type`");
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                let values: Vec<String> = string.enumeration.iter().flatten().cloned().collect();
                if !values.is_empty() {
                    let names = enum_variant_names(schema, EnumRepr::String, &values);
                    return Shape::Definition(TypeKind::Enum(open_enum(
                        EnumRepr::String,
                        &values,
                        names,
                    )));
                }
                Shape::Existing(TypeRef::Primitive(match &string.format {
                    VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Primitive::DateTime,
                    VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Primitive::Date,
                    VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => Primitive::Base64,
                    VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => Primitive::Bytes,
                    VariantOrUnknownOrEmpty::Unknown(format) if format == "uuid" => Primitive::Uuid,
                    _ => Primitive::String,
                }))
            }
            SchemaKind::Type(Type::Integer(integer)) => {
                let values: Vec<String> = integer
                    .enumeration
                    .iter()
                    .flatten()
                    .map(i64::to_string)
                    .collect();
                if !values.is_empty() {
                    let names = enum_variant_names(schema, EnumRepr::Integer, &values);
                    return Shape::Definition(TypeKind::Enum(open_enum(
                        EnumRepr::Integer,
                        &values,
                        names,
                    )));
                }
                Shape::Existing(TypeRef::Primitive(match &integer.format {
                    VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Primitive::I32,
                    VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64) => Primitive::I64,
                    VariantOrUnknownOrEmpty::Unknown(format) => match format.as_str() {
                        // Narrower formats are read into a wider type: a value is never cut.
                        "int8" | "int16" => Primitive::I32,
                        "uint8" | "uint16" | "uint32" => Primitive::U32,
                        "uint64" | "uint" => Primitive::U64,
                        "int128" => Primitive::I128,
                        "uint128" => Primitive::U128,
                        _ => Primitive::I64,
                    },
                    VariantOrUnknownOrEmpty::Empty => Primitive::I64,
                }))
            }
            SchemaKind::Type(Type::Number(number)) => {
                Shape::Existing(TypeRef::Primitive(match &number.format {
                    VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => Primitive::F32,
                    _ => Primitive::F64,
                }))
            }
            SchemaKind::Type(Type::Boolean(_)) => {
                Shape::Existing(TypeRef::Primitive(Primitive::Bool))
            }
            SchemaKind::Type(Type::Array(array)) => {
                let items = match &array.items {
                    Some(items) => self.lower_boxed_schema(
                        items,
                        &format!("{name_hint}Item"),
                        &pointer_join(pointer, &["items"]),
                    ),
                    None => TypeRef::Primitive(Primitive::Json),
                };
                Shape::Existing(TypeRef::Array(Box::new(items)))
            }
            SchemaKind::Type(Type::Object(object)) => self.object_shape(
                &object.properties,
                &object.required,
                object.additional_properties.as_ref(),
                name_hint,
                pointer,
            ),
            SchemaKind::OneOf { one_of } => self.union_shape(one_of, schema, name_hint, pointer),
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                Shape::Existing(self.lower_schema(
                    &all_of[0],
                    name_hint,
                    &pointer_join(pointer, &["allOf", "0"]),
                ))
            }
            SchemaKind::AllOf { all_of } => {
                let mut parts = ObjectParts::default();
                if self.collect_all_of(all_of, &mut parts, pointer, 0) {
                    self.merged_object_shape(parts, name_hint, pointer)
                } else {
                    self.warn(pointer, "this allOf combines members that are not all objects; it is typed as a JSON value");
                    Shape::Existing(TypeRef::Primitive(Primitive::Json))
                }
            }
            SchemaKind::Any(any) if !any.one_of.is_empty() => {
                self.union_shape(&any.one_of, schema, name_hint, pointer)
            }
            // An `anyOf` is decoded like an untagged `oneOf`: the first member (most specific first) that accepts
            // the value wins, which is what a client needs when reading it.
            SchemaKind::AnyOf { any_of } => self.union_shape(any_of, schema, name_hint, pointer),
            SchemaKind::Any(any)
                if !any.any_of.is_empty() && any.all_of.is_empty() && any.properties.is_empty() =>
            {
                self.union_shape(&any.any_of, schema, name_hint, pointer)
            }
            SchemaKind::Any(any)
                if !any.all_of.is_empty() && any.any_of.is_empty() && any.not.is_none() =>
            {
                let mut parts = ObjectParts::default();
                parts.add_object(
                    &any.properties,
                    &any.required,
                    any.additional_properties.as_ref(),
                );
                if self.collect_all_of(&any.all_of, &mut parts, pointer, 0) {
                    self.merged_object_shape(parts, name_hint, pointer)
                } else {
                    self.warn(pointer, "this allOf combines members that are not all objects; it is typed as a JSON value");
                    Shape::Existing(TypeRef::Primitive(Primitive::Json))
                }
            }
            SchemaKind::Any(any)
                if any.all_of.is_empty()
                    && any.any_of.is_empty()
                    && (!any.properties.is_empty() || any.typ.as_deref() == Some("object")) =>
            {
                self.object_shape(
                    &any.properties,
                    &any.required,
                    any.additional_properties.as_ref(),
                    name_hint,
                    pointer,
                )
            }
            SchemaKind::Any(any)
                if !any.enumeration.is_empty()
                    && any.properties.is_empty()
                    && any.all_of.is_empty()
                    && any.any_of.is_empty() =>
            {
                // Values of several JSON types (or of a type the enum does not state): each is kept as JSON text.
                let values: Vec<String> = any
                    .enumeration
                    .iter()
                    .filter(|value| !value.is_null())
                    .map(serde_json::Value::to_string)
                    .collect();
                let names = enum_variant_names(schema, EnumRepr::Json, &values);
                Shape::Definition(TypeKind::Enum(open_enum(EnumRepr::Json, &values, names)))
            }
            SchemaKind::Any(any)
                if any.typ.is_none()
                    && any.all_of.is_empty()
                    && any.any_of.is_empty()
                    && any.not.is_none() =>
            {
                // A schema with no type at all accepts any JSON value.
                Shape::Existing(TypeRef::Primitive(Primitive::Json))
            }
            _ => {
                self.warn(pointer, "this schema combination (allOf/anyOf/not) is not modelled yet; it is typed as a JSON value");
                Shape::Existing(TypeRef::Primitive(Primitive::Json))
            }
        }
    }

    /// Adds the object parts of every `allOf` member to `parts`; false when a member is not object-like.
    fn collect_all_of(
        &mut self,
        members: &[ReferenceOr<Schema>],
        parts: &mut ObjectParts,
        pointer: &str,
        depth: usize,
    ) -> bool {
        if depth > MAX_REF_HOPS {
            self.error(
                pointer,
                format!(
                    "allOf members nest deeper than {MAX_REF_HOPS} levels (a cycle through allOf?)"
                ),
            );
            return false;
        }
        if depth == 0 {
            self.all_of_chain = vec![pointer.to_owned()];
        }
        for (index, member) in members.iter().enumerate() {
            let member_pointer = pointer_join(pointer, &["allOf", &index.to_string()]);
            let schema = match member {
                ReferenceOr::Item(schema) => Cow::Borrowed(schema),
                ReferenceOr::Reference { reference } if self.all_of_chain.contains(reference) => {
                    self.warn(&member_pointer, format!("`$ref: {reference}` leads back to a schema this allOf is already merging; the cycle adds nothing and is skipped"));
                    continue;
                }
                ReferenceOr::Reference { reference } => {
                    match self.schema_at(reference) {
                        Some(schema) => {
                            self.all_of_chain.push(reference.clone());
                            schema
                        }
                        None => {
                            self.error(&member_pointer, format!("`$ref: {reference}` does not point to a schema in this document"));
                            return false;
                        }
                    }
                }
            };
            let object_like = match &schema.schema_kind {
                SchemaKind::Type(Type::Object(object)) => {
                    parts.add_object(
                        &object.properties,
                        &object.required,
                        object.additional_properties.as_ref(),
                    );
                    true
                }
                SchemaKind::AllOf { all_of } => {
                    self.collect_all_of(all_of, parts, &member_pointer, depth + 1)
                }
                SchemaKind::Any(any)
                    if any.one_of.is_empty() && any.any_of.is_empty() && any.not.is_none() =>
                {
                    let typed_otherwise = any.typ.as_deref().is_some_and(|t| t != "object");
                    parts.add_object(
                        &any.properties,
                        &any.required,
                        any.additional_properties.as_ref(),
                    );
                    !typed_otherwise
                        && self.collect_all_of(&any.all_of, parts, &member_pointer, depth + 1)
                }
                _ => false,
            };
            if let ReferenceOr::Reference { .. } = member {
                self.all_of_chain.pop();
            }
            if !object_like {
                return false;
            }
        }
        true
    }

    /// The schema a `$ref` points to: a component by name, or any local JSON pointer. Components are borrowed
    /// from the model; only a pointer elsewhere is read out of the raw document.
    fn schema_at(&self, reference: &str) -> Option<Cow<'a, Schema>> {
        let mut reference = reference.to_owned();
        for _ in 0..MAX_REF_HOPS {
            let target = match self.component_schema(&reference) {
                Some(component) => Cow::Borrowed(component),
                None => {
                    let raw = self.raw.pointer(reference.strip_prefix('#')?)?;
                    Cow::Owned(serde_json::from_value::<ReferenceOr<Schema>>(raw.clone()).ok()?)
                }
            };
            match target {
                Cow::Borrowed(ReferenceOr::Item(schema)) => return Some(Cow::Borrowed(schema)),
                Cow::Owned(ReferenceOr::Item(schema)) => return Some(Cow::Owned(schema)),
                Cow::Borrowed(ReferenceOr::Reference { reference: next }) => {
                    reference.clone_from(next)
                }
                Cow::Owned(ReferenceOr::Reference { reference: next }) => reference = next,
            }
        }
        None
    }

    /// The entry of `components.schemas` that a `#/components/schemas/<name>` reference names.
    fn component_schema(&self, reference: &str) -> Option<&'a ReferenceOr<Schema>> {
        let token = reference.strip_prefix("#/components/schemas/")?;
        if token.contains('/') {
            return None;
        }
        let name = unescape_pointer_token(token);
        self.document.components.as_ref()?.schemas.get(&name)
    }

    fn merged_object_shape(&mut self, parts: ObjectParts, name_hint: &str, pointer: &str) -> Shape {
        for name in &parts.conflicts {
            self.warn(
                &pointer_join(pointer, &["allOf"]),
                format!("allOf members define the property `{name}` differently; it is typed as a JSON value"),
            );
        }
        let mut properties = parts.properties;
        for name in &parts.conflicts {
            properties.insert(name.clone(), ReferenceOr::Item(Box::new(json_schema())));
        }
        let additional = parts.additional;
        if properties.is_empty() && additional.is_none() {
            // Only documentation members: an object of any shape.
            return Shape::Existing(TypeRef::Primitive(Primitive::Json));
        }
        self.object_shape(
            &properties,
            &parts.required,
            additional.as_ref(),
            name_hint,
            pointer,
        )
    }

    fn object_shape(
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
                let problem = match property {
                    ReferenceOr::Item(schema) => default_problem(schema, &value),
                    ReferenceOr::Reference { reference } => self
                        .schema_at(reference)
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

    fn union_shape(
        &mut self,
        one_of: &[ReferenceOr<Schema>],
        schema: &Schema,
        name_hint: &str,
        pointer: &str,
    ) -> Shape {
        let discriminator = schema.schema_data.discriminator.as_ref();
        // Without a discriminator, members that each pin one property to a distinct single value (a one-value
        // enum, as Oxide's and Astro's documents do) are tagged by that property all the same.
        let inferred = match discriminator {
            Some(_) => None,
            None => {
                if let Some(merged) = merged_string_enum(one_of) {
                    return Shape::Definition(TypeKind::Enum(merged));
                }
                self.inferred_tag(one_of)
            }
        };
        let mut members = Vec::with_capacity(one_of.len());
        for (index, member) in one_of.iter().enumerate() {
            let member_pointer = pointer_join(pointer, &["oneOf", &index.to_string()]);
            let (base_name, ty) = match member {
                ReferenceOr::Reference { reference } => {
                    let short = reference.rsplit('/').next().unwrap_or(reference);
                    (
                        camel_name(&unescape_pointer_token(short)),
                        self.schema_reference(reference, &member_pointer),
                    )
                }
                ReferenceOr::Item(inline) => {
                    let hint = format!("{name_hint}Variant{index}");
                    let ty = match &inferred {
                        Some((property, _)) => {
                            self.lower_tagged_member(inline, property, &hint, &member_pointer)
                        }
                        None => self.lower_inline(inline, &hint, &member_pointer),
                    };
                    (inline_variant_name(&ty, index), ty)
                }
            };
            let tag_values = match (discriminator, member) {
                (Some(discriminator), ReferenceOr::Reference { reference }) => {
                    let mut values: Vec<String> = discriminator
                        .mapping
                        .iter()
                        .filter(|(_, target)| {
                            *target == reference || reference.ends_with(&format!("/{target}"))
                        })
                        .map(|(value, _)| value.clone())
                        .collect();
                    if values.is_empty() {
                        // Without a mapping entry the schema's own name is the tag value.
                        values.push(reference.rsplit('/').next().unwrap_or(reference).to_owned());
                    }
                    values
                }
                _ => Vec::new(),
            };
            members.push((base_name, ty, tag_values));
        }
        if let Some((_, values)) = &inferred {
            for (member, value) in members.iter_mut().zip(values) {
                member.2 = vec![value.clone()];
            }
        }
        let names = variant_names(&members);
        let mut variant_names = Namespace::new();
        let variants: Vec<UnionVariant> = members
            .into_iter()
            .zip(names)
            .map(|((_, ty, tag_values), name)| UnionVariant {
                rust_name: variant_names.claim(&name),
                ty,
                tag_values,
                boxed: false,
            })
            .collect();
        let tagging = match (discriminator, inferred) {
            (None, Some((property, _))) => UnionTagging::Tagged {
                property,
                unknown_variant: variant_names.claim("Unknown"),
            },
            (Some(discriminator), _) => {
                if variants
                    .iter()
                    .any(|variant| !matches!(variant.ty, TypeRef::Named(_)))
                {
                    self.warn(pointer, "a discriminated oneOf should list only `$ref`s; inline members are decoded without the tag");
                }
                UnionTagging::Tagged {
                    property: discriminator.property_name.clone(),
                    unknown_variant: variant_names.claim("Unknown"),
                }
            }
            (None, None) => UnionTagging::Untagged,
        };
        Shape::Definition(TypeKind::Union(Union { variants, tagging }))
    }

    /// Lowers an inline member of a union tagged by `property`, leaving that property out: the union reads and
    /// writes the tag, so a field for it would only be a value the user must pass and keep consistent, with a
    /// one-value enum type of its own.
    fn lower_tagged_member(
        &mut self,
        member: &Schema,
        property: &str,
        name_hint: &str,
        pointer: &str,
    ) -> TypeRef {
        let mut member = member.clone();
        let (properties, required, has_additional) = match &mut member.schema_kind {
            SchemaKind::Type(Type::Object(object)) => (
                &mut object.properties,
                &mut object.required,
                object.additional_properties.is_some(),
            ),
            SchemaKind::Any(any) => (
                &mut any.properties,
                &mut any.required,
                any.additional_properties.is_some(),
            ),
            _ => return self.lower_inline(&member, name_hint, pointer),
        };
        properties.shift_remove(property);
        required.retain(|name| name != property);
        if properties.is_empty() && !has_additional {
            // Only the tag: an empty struct, so the variant carries no data rather than a free-form object.
            let empty = TypeKind::Struct(Struct {
                fields: Vec::new(),
                additional_properties: None,
            });
            return self.define_inline(&member, name_hint, pointer, empty);
        }
        self.lower_inline(&member, name_hint, pointer)
    }

    /// The property that every member of a `oneOf` pins to its own single value, with those values in member order.
    fn inferred_tag(&self, one_of: &[ReferenceOr<Schema>]) -> Option<(String, Vec<String>)> {
        if one_of.is_empty() {
            return None;
        }
        let pinned: Vec<Vec<(String, String)>> = one_of
            .iter()
            .map(|member| {
                let schema = match member {
                    ReferenceOr::Item(schema) => Some(Cow::Borrowed(schema)),
                    ReferenceOr::Reference { reference } => self.schema_at(reference),
                };
                schema
                    .map(|schema| single_value_properties(&schema))
                    .unwrap_or_default()
            })
            .collect();
        pinned[0].iter().map(|(name, _)| name).find_map(|name| {
            let values: Option<Vec<String>> = pinned
                .iter()
                .map(|member| {
                    member
                        .iter()
                        .find(|(n, _)| n == name)
                        .map(|(_, v)| v.clone())
                })
                .collect();
            let values = values?;
            let distinct: BTreeSet<&String> = values.iter().collect();
            (distinct.len() == values.len()).then(|| (name.clone(), values))
        })
    }

    // ----- operations -----------------------------------------------------------------------------------------

    fn lower_operations(&mut self) {
        let document = self.document;
        let mut method_names = Namespace::with_reserved(&["new", "with_config", "base_url"]);
        let mut builder_names = Namespace::with_reserved(&["Client"]);
        // Tag modules sit beside the client's and the types' own names.
        let mut group_names =
            Namespace::with_reserved(&["types", "runtime", "client", "shared", "default"]);
        let mut groups: HashMap<&str, String> = HashMap::new();
        for (path, item) in &document.paths.paths {
            let path_pointer = pointer_join("#/paths", &[path]);
            let item = match item {
                ReferenceOr::Item(item) => item,
                ReferenceOr::Reference { reference } => {
                    self.error(&path_pointer, format!("path item references (`$ref: {reference}`) are not supported; inline the path item"));
                    continue;
                }
            };
            for (method_name, operation) in item.iter() {
                let method = match method_name {
                    "get" => HttpMethod::Get,
                    "put" => HttpMethod::Put,
                    "post" => HttpMethod::Post,
                    "delete" => HttpMethod::Delete,
                    "options" => HttpMethod::Options,
                    "head" => HttpMethod::Head,
                    "patch" => HttpMethod::Patch,
                    _ => HttpMethod::Trace,
                };
                let pointer = pointer_join(&path_pointer, &[method_name]);
                let raw_name = match &operation.operation_id {
                    Some(id) => id.clone(),
                    None => format!("{method_name} {path}"),
                };
                let rust_name = method_names.claim(&snake_name(&raw_name));
                let builder_name = builder_names.claim(&camel_name(unraw(&rust_name)));
                if let Some(mut lowered) = self.lower_operation(
                    path,
                    item,
                    operation,
                    method,
                    rust_name,
                    builder_name,
                    &pointer,
                ) {
                    lowered.group = operation.tags.first().map(|tag| {
                        groups
                            .entry(tag.as_str())
                            .or_insert_with(|| group_names.claim(&snake_name(tag)))
                            .clone()
                    });
                    // The per-status enums live beside the builders, so they share the builders' namespace.
                    let base = lowered.builder_name.clone();
                    if let Some(by_status) = &mut lowered.success_by_status {
                        by_status.rust_name = builder_names.claim(&format!("{base}Response"));
                    }
                    if let Some(by_status) = &mut lowered.error_by_status {
                        by_status.rust_name = builder_names.claim(&format!("{base}Error"));
                    }
                    self.operations.push(lowered);
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn lower_operation(
        &mut self,
        path: &str,
        item: &openapiv3::PathItem,
        operation: &'a openapiv3::Operation,
        method: HttpMethod,
        rust_name: String,
        builder_name: String,
        pointer: &str,
    ) -> Option<Operation> {
        // Operation parameters override path-item parameters with the same name and location.
        let mut declared: Vec<(openapiv3::Parameter, String)> = Vec::new();
        let path_pointer = pointer
            .rsplit_once('/')
            .map_or(pointer, |(parent, _)| parent);
        let path_level = item.parameters.iter().enumerate().map(|(i, p)| {
            (
                p,
                pointer_join(path_pointer, &["parameters", &i.to_string()]),
            )
        });
        let operation_level = operation
            .parameters
            .iter()
            .enumerate()
            .map(|(i, p)| (p, pointer_join(pointer, &["parameters", &i.to_string()])));
        for (parameter, parameter_pointer) in path_level.chain(operation_level) {
            let Some(parameter) = self.resolve(parameter, "parameters", &parameter_pointer) else {
                continue;
            };
            let key = (
                parameter.parameter_data_ref().name.clone(),
                location_of(&parameter),
            );
            declared.retain(|(existing, _)| {
                (
                    existing.parameter_data_ref().name.clone(),
                    location_of(existing),
                ) != key
            });
            declared.push((parameter, parameter_pointer));
        }

        let mut parameter_names = Namespace::with_reserved(&[
            "client",
            "body",
            "send",
            "request",
            "timeout",
            "stream",
            "body_media",
            "build_request",
        ]);
        let mut parameters = Vec::with_capacity(declared.len());
        for (parameter, parameter_pointer) in &declared {
            let data = parameter.parameter_data_ref();
            let location = location_of(parameter);
            let rust_name = parameter_names.claim(&snake_name(&data.name));
            let hint = format!("{builder_name}{}", camel_name(&data.name));
            let (ty, default) = match &data.format {
                openapiv3::ParameterSchemaOrContent::Schema(schema) => {
                    let default = match schema {
                        ReferenceOr::Item(schema) => {
                            schema.schema_data.default.as_ref().and_then(|value| {
                                let Some(problem) = default_problem(schema, value) else {
                                    return Some(value.to_string());
                                };
                                self.warn(
                                    &pointer_join(parameter_pointer, &["schema", "default"]),
                                    format!("{problem}; it is left out of the documentation"),
                                );
                                None
                            })
                        }
                        ReferenceOr::Reference { .. } => None,
                    };
                    (
                        self.lower_schema(
                            schema,
                            &hint,
                            &pointer_join(parameter_pointer, &["schema"]),
                        ),
                        default,
                    )
                }
                openapiv3::ParameterSchemaOrContent::Content(_) => {
                    self.warn(
                        parameter_pointer,
                        "parameters declared with `content` are sent as JSON text",
                    );
                    (TypeRef::Primitive(Primitive::Json), None)
                }
            };
            let explode = data.explode.unwrap_or(true);
            let style = match parameter {
                openapiv3::Parameter::Query { style, .. } => match style {
                    openapiv3::QueryStyle::Form => QueryStyle::Form { explode },
                    openapiv3::QueryStyle::SpaceDelimited => QueryStyle::SpaceDelimited,
                    openapiv3::QueryStyle::PipeDelimited => QueryStyle::PipeDelimited,
                    openapiv3::QueryStyle::DeepObject => QueryStyle::DeepObject,
                },
                _ => QueryStyle::Form { explode: true },
            };
            parameters.push(Parameter {
                style,
                rust_name,
                wire_name: data.name.clone(),
                location,
                required: data.required || location == ParameterLocation::Path,
                ty,
                doc: prose(data.description.as_ref()),
                default,
            });
        }

        let segments = self.parse_path(path, &mut parameters, &mut parameter_names, pointer)?;
        let body = match &operation.request_body {
            Some(body) => self.lower_request_body(
                body,
                &builder_name,
                &mut parameter_names,
                &pointer_join(pointer, &["requestBody"]),
            ),
            None => None,
        };
        let LoweredResponses {
            success,
            success_by_status,
            error_body,
            error_by_status,
        } = self.lower_responses(
            &operation.responses,
            &builder_name,
            &pointer_join(pointer, &["responses"]),
        );

        let requirements = operation
            .security
            .as_ref()
            .or(self.document.security.as_ref());
        let security: Vec<Vec<String>> = requirements
            .map(|requirements| {
                requirements
                    .iter()
                    .map(|requirement| requirement.keys().cloned().collect())
                    .collect()
            })
            .unwrap_or_default();
        for scheme in security.iter().flatten() {
            if !self
                .security_schemes
                .iter()
                .any(|known| &known.name == scheme)
            {
                self.warn(
                    &pointer_join(pointer, &["security"]),
                    format!("security scheme `{scheme}` is not declared under components/securitySchemes; no credential is sent for it"),
                );
            }
        }

        // A paginated walk needs one page type; operations whose success body depends on the status have none.
        let pagination = match success_by_status {
            None => self.detect_pagination(operation, &parameters, &success, pointer),
            Some(_) => None,
        };
        Some(Operation {
            pagination,
            rust_name,
            builder_name,
            operation_id: operation.operation_id.clone(),
            method,
            path: segments,
            path_template: path.to_owned(),
            pointer: pointer.to_owned(),
            summary: operation.summary.clone(),
            description: operation.description.clone(),
            deprecated: operation.deprecated,
            parameters,
            body,
            success,
            success_by_status,
            error_body,
            error_by_status,
            permissions: permissions(&operation.extensions),
            group: None,
            security,
        })
    }

    /// Follows a `$ref` of a parameter, request body or response to its target, anywhere in the document.
    /// `section` is where such objects belong (`parameters`); a reference elsewhere still resolves, with a warning.
    fn resolve<T: serde::de::DeserializeOwned + Clone>(
        &mut self,
        item: &ReferenceOr<T>,
        section: &str,
        pointer: &str,
    ) -> Option<T> {
        let mut reference = match item {
            ReferenceOr::Item(item) => return Some(item.clone()),
            ReferenceOr::Reference { reference } => reference.clone(),
        };
        let kind = match section {
            "requestBodies" => "request body",
            other => other.trim_end_matches('s'),
        };
        for _ in 0..MAX_REF_HOPS {
            let Some(target) = reference
                .strip_prefix('#')
                .and_then(|target| self.raw.pointer(target))
            else {
                let hint = if reference.starts_with('#') {
                    "it points to nothing in this document"
                } else {
                    "only local references (`#/...`) are read; external files and URLs are never fetched"
                };
                self.error(
                    pointer,
                    format!("`$ref: {reference}` cannot be resolved: {hint}"),
                );
                return None;
            };
            if !reference.starts_with(&format!("#/components/{section}/")) {
                self.warn(pointer, format!("`$ref: {reference}` points outside components/{section}; it is read as a {kind}"));
            }
            match serde_json::from_value::<ReferenceOr<T>>(target.clone()) {
                Ok(ReferenceOr::Item(item)) => return Some(item),
                Ok(ReferenceOr::Reference { reference: next }) => reference = next,
                Err(error) => {
                    self.error(
                        pointer,
                        format!("`$ref: {reference}` does not point to a valid {kind}: {error}"),
                    );
                    return None;
                }
            }
        }
        self.error(
            pointer,
            format!("{kind} references form a cycle or a chain longer than {MAX_REF_HOPS}"),
        );
        None
    }

    /// Splits a path template into literal and parameter segments. A `{name}` with no declared path parameter gets
    /// a required string parameter (with a warning), and a declared path parameter the template does not use is
    /// dropped (with a warning): both are common slips in real documents, and the path itself is the truth.
    fn parse_path(
        &mut self,
        path: &str,
        parameters: &mut Vec<Parameter>,
        parameter_names: &mut Namespace,
        pointer: &str,
    ) -> Option<Vec<PathSegment>> {
        enum Piece<'p> {
            Literal(&'p str),
            Variable(&'p str),
        }
        if !path.starts_with('/') {
            self.error(
                pointer,
                format!("path `{path}` does not start with `/`; every path is relative to the server URL and starts with one"),
            );
            return None;
        }
        let mut pieces = Vec::new();
        let mut rest = path;
        while !rest.is_empty() {
            let Some(open) = rest.find('{') else {
                if rest.contains('}') {
                    self.error(
                        pointer,
                        format!("path `{path}` has a `}}` without a matching `{{`"),
                    );
                    return None;
                }
                pieces.push(Piece::Literal(rest));
                break;
            };
            if rest[..open].contains('}') {
                self.error(
                    pointer,
                    format!("path `{path}` has a `}}` without a matching `{{`"),
                );
                return None;
            }
            if open > 0 {
                pieces.push(Piece::Literal(&rest[..open]));
            }
            let Some(close) = rest[open..].find('}') else {
                self.error(pointer, format!("path `{path}` has an unclosed `{{`"));
                return None;
            };
            let name = &rest[open + 1..open + close];
            if name.is_empty() || name.contains('{') {
                self.error(
                    pointer,
                    format!("path `{path}` has a parameter without a valid name"),
                );
                return None;
            }
            pieces.push(Piece::Variable(name));
            rest = &rest[open + close + 1..];
        }

        let used: Vec<&str> = pieces
            .iter()
            .filter_map(|p| {
                if let Piece::Variable(n) = p {
                    Some(*n)
                } else {
                    None
                }
            })
            .collect();
        parameters.retain(|parameter| {
            let unused = parameter.location == ParameterLocation::Path
                && !used.contains(&parameter.wire_name.as_str());
            if unused {
                self.diagnostics.push(Diagnostic::warning(
                    pointer,
                    format!(
                        "path parameter `{}` does not appear in the path `{path}`; it is left out",
                        parameter.wire_name
                    ),
                ));
            }
            !unused
        });
        let mut segments = Vec::with_capacity(pieces.len());
        for piece in pieces {
            match piece {
                Piece::Literal(text) => segments.push(PathSegment::Literal(text.to_owned())),
                Piece::Variable(name) => {
                    let index = match parameters
                        .iter()
                        .position(|p| p.location == ParameterLocation::Path && p.wire_name == name)
                    {
                        Some(index) => index,
                        None => {
                            self.warn(pointer, format!("path `{path}` uses `{{{name}}}`, which is not declared; it is taken as a required string"));
                            parameters.push(Parameter {
                                rust_name: parameter_names.claim(&snake_name(name)),
                                wire_name: name.to_owned(),
                                location: ParameterLocation::Path,
                                required: true,
                                ty: TypeRef::Primitive(Primitive::String),
                                doc: None,
                                default: None,
                                style: QueryStyle::Form { explode: true },
                            });
                            parameters.len() - 1
                        }
                    };
                    segments.push(PathSegment::Parameter(index));
                }
            }
        }
        Some(segments)
    }

    fn lower_request_body(
        &mut self,
        body: &ReferenceOr<openapiv3::RequestBody>,
        builder_name: &str,
        builder_methods: &mut Namespace,
        pointer: &str,
    ) -> Option<RequestBody> {
        let body = self.resolve(body, "requestBodies", pointer)?;
        // One media type is used: JSON first, then form, multipart, text, and any other type as raw bytes.
        let ranked = body
            .content
            .iter()
            .min_by_key(|(media, _)| BodyEncoding::of(media) as u8);
        let Some((media_type, content)) = ranked else {
            self.warn(
                pointer,
                "the request body lists no media type; the operation is generated without a body",
            );
            return None;
        };
        let encoding = BodyEncoding::of(media_type);
        // Other media types with the same schema (JSON, form and multipart of one object, as many APIs offer) can
        // carry the same value, so the builder offers them; one with another schema would need another value.
        let mut alternatives = Vec::new();
        let mut others = Vec::new();
        for (other, other_content) in &body.content {
            if other == media_type {
                continue;
            }
            let other_encoding = BodyEncoding::of(other);
            let carries_same_value = match (encoding, other_encoding) {
                (BodyEncoding::Text, BodyEncoding::Text)
                | (BodyEncoding::Binary, BodyEncoding::Binary) => true,
                (BodyEncoding::Text | BodyEncoding::Binary, _)
                | (_, BodyEncoding::Text | BodyEncoding::Binary) => false,
                _ => other_content.schema == content.schema,
            };
            if carries_same_value {
                let subtype = other.split(';').next().unwrap_or(other);
                let subtype = subtype.rsplit('/').next().unwrap_or(subtype);
                alternatives.push(BodyAlternative {
                    media_type: other.clone(),
                    encoding: other_encoding,
                    setter: builder_methods
                        .claim(&format!("body_as_{}", unraw(&snake_name(subtype)))),
                });
            } else {
                others.push(other.as_str());
            }
        }
        if !others.is_empty() {
            self.warn(pointer, format!("the request body is sent as {media_type}; the media types {others:?} have another schema and are not offered"));
        }
        let ty = match (encoding, &content.schema) {
            (BodyEncoding::Binary, _) => TypeRef::Primitive(Primitive::Bytes),
            (BodyEncoding::Text, _) => TypeRef::Primitive(Primitive::String),
            (_, Some(schema)) => self.lower_schema(
                schema,
                &format!("{builder_name}Body"),
                &pointer_join(pointer, &["content", media_type, "schema"]),
            ),
            (_, None) => TypeRef::Primitive(Primitive::Json),
        };
        Some(RequestBody {
            ty,
            required: body.required,
            media_type: media_type.clone(),
            encoding,
            doc: prose(body.description.as_ref()),
            alternatives,
        })
    }

    /// Lowers the responses of an operation: the success body (or, when success statuses differ in their
    /// bodies, one variant per status) and the error body (likewise by status when error shapes differ).
    fn lower_responses(
        &mut self,
        responses: &'a openapiv3::Responses,
        builder_name: &str,
        pointer: &str,
    ) -> LoweredResponses {
        let mut successes: Vec<StatusVariant> = Vec::new();
        let mut errors: Vec<StatusVariant> = Vec::new();
        let candidates = responses
            .responses
            .iter()
            .map(|(status, response)| (status_match(status), response))
            .chain(
                responses
                    .default
                    .iter()
                    .map(|response| (StatusMatch::Default, response)),
            );
        for (status, response) in candidates {
            let label = match status {
                StatusMatch::Code(code) => code.to_string(),
                StatusMatch::Range(digit) => format!("{digit}XX"),
                StatusMatch::Default => "default".to_owned(),
            };
            let response_pointer = pointer_join(pointer, &[&label]);
            let Some(response) = self.resolve(response, "responses", &response_pointer) else {
                continue;
            };
            let variant_name = status_variant_name(status);
            let is_success = match status {
                StatusMatch::Code(code) => (200..300).contains(&code),
                StatusMatch::Range(digit) => digit == 2,
                StatusMatch::Default => false,
            };
            let (list, suffix) = if is_success {
                (&successes, "Response")
            } else {
                (&errors, "Error")
            };
            // The first body of each kind keeps the plain name; later ones are told apart by their status.
            let hint = if list.is_empty() {
                format!("{builder_name}{suffix}")
            } else {
                format!("{builder_name}{variant_name}{suffix}")
            };
            let json = response.content.iter().find(|(media, _)| is_json(media));
            let body = match json {
                Some((media, content)) => match &content.schema {
                    Some(schema) => Response::Json(self.lower_schema(
                        schema,
                        &hint,
                        &pointer_join(&response_pointer, &["content", media, "schema"]),
                    )),
                    None => Response::Json(TypeRef::Primitive(Primitive::Json)),
                },
                // Other media types are returned as they come: text as a string, anything else as bytes.
                None => match response.content.keys().next() {
                    Some(media) if media.to_ascii_lowercase().starts_with("text/") => {
                        Response::Text
                    }
                    Some(_) => Response::Bytes,
                    None => Response::Empty,
                },
            };
            let variant = StatusVariant {
                rust_name: variant_name,
                status,
                body,
                doc: Some(response.description.clone()).filter(|d| !d.trim().is_empty()),
            };
            if is_success {
                successes.push(variant);
            } else if matches!(variant.body, Response::Json(_)) {
                // Error bodies that are not JSON stay available as the raw body of the error.
                errors.push(variant);
            }
        }

        let success = successes
            .first()
            .map_or(Response::Empty, |variant| variant.body.clone());
        let success_by_status = successes
            .iter()
            .any(|variant| variant.body != success)
            .then(|| StatusEnum {
                rust_name: String::new(),
                variants: successes,
            });
        let error_types: BTreeSet<&TypeRef> = errors
            .iter()
            .filter_map(|variant| match &variant.body {
                Response::Json(ty) => Some(ty),
                _ => None,
            })
            .collect();
        let (error_body, error_by_status) = match error_types.len() {
            0 => (None, None),
            1 => (error_types.into_iter().next().cloned(), None),
            _ => (
                None,
                Some(StatusEnum {
                    rust_name: String::new(),
                    variants: errors,
                }),
            ),
        };
        LoweredResponses {
            success,
            success_by_status,
            error_body,
            error_by_status,
        }
    }

    /// Orders the variants of every untagged union from the most to the least specific, because serde takes the
    /// first variant that decodes. The rule, applied as a stable sort:
    /// 1. objects, those with more required properties first (an object with none accepts almost anything);
    /// 2. other named types (unions, aliases);
    /// 3. arrays, booleans, integers, then other numbers;
    /// 4. dates and timestamps, then strings and string enums (an open enum accepts any string);
    /// 5. maps and free-form JSON values last.
    fn order_untagged_variants(&mut self) {
        let ranks: Vec<Vec<(u8, usize)>> = self
            .types
            .iter()
            .map(|def| match &def.kind {
                TypeKind::Union(union) if union.tagging == UnionTagging::Untagged => union
                    .variants
                    .iter()
                    .map(|variant| specificity(&self.types, &variant.ty))
                    .collect(),
                _ => Vec::new(),
            })
            .collect();
        for (def, ranks) in self.types.iter_mut().zip(ranks) {
            if let TypeKind::Union(union) = &mut def.kind {
                if union.tagging == UnionTagging::Untagged {
                    let mut ranked: Vec<_> =
                        ranks.into_iter().zip(union.variants.drain(..)).collect();
                    ranked.sort_by_key(|(rank, _)| *rank);
                    union.variants = ranked.into_iter().map(|(_, variant)| variant).collect();
                }
            }
        }
    }

    /// Finds how a list operation pages, by the rules in the README ("Pagination"): an `x-pagination` extension
    /// wins; otherwise `offset` + `limit`, a cursor parameter with a next-cursor response field, or a `page`
    /// parameter, each with exactly one array property in the response object (or the one `x-pagination` names).
    fn detect_pagination(
        &mut self,
        operation: &openapiv3::Operation,
        parameters: &[Parameter],
        success: &Response,
        pointer: &str,
    ) -> Option<Pagination> {
        const CURSOR_PARAMETERS: &[&str] = &[
            "cursor",
            "page_token",
            "pageToken",
            "next_token",
            "nextToken",
            "after",
        ];
        const NEXT_FIELDS: &[&str] = &[
            "next_cursor",
            "nextCursor",
            "next_page_token",
            "nextPageToken",
            "next_token",
            "nextToken",
            "cursor",
            "next",
        ];
        const TOTAL_FIELDS: &[&str] = &["totalCount", "total_count", "total"];

        let extension = operation.extensions.get("x-pagination");
        if extension == Some(&serde_json::Value::Bool(false)) {
            return None;
        }
        let style_override = extension
            .and_then(|e| e.get("style"))
            .and_then(|v| v.as_str());
        let items_override = extension
            .and_then(|e| e.get("items"))
            .and_then(|v| v.as_str());
        let Response::Json(TypeRef::Named(id)) = success else {
            return None;
        };
        let TypeKind::Struct(body) = self.types[id.0].kind.clone() else {
            return None;
        };

        let arrays: Vec<&Field> = body
            .fields
            .iter()
            .filter(|field| matches!(field.ty, TypeRef::Array(_)))
            .filter(|field| items_override.is_none_or(|name| field.wire_name == name))
            .collect();
        let [items] = arrays.as_slice() else {
            if extension.is_some() {
                self.warn(pointer, "x-pagination: the response needs exactly one array property (name it with `items`)");
            }
            return None;
        };
        let TypeRef::Array(item) = &items.ty else {
            return None;
        };
        let optional_query = |wire: &str, integer: bool| {
            parameters.iter().position(|p| {
                p.location == ParameterLocation::Query
                    && !p.required
                    && p.wire_name == wire
                    && (!integer
                        || matches!(p.ty, TypeRef::Primitive(Primitive::I32 | Primitive::I64)))
            })
        };
        let field = |names: &[&str], string: bool| {
            body.fields.iter().find(|f| {
                names.contains(&f.wire_name.as_str())
                    && (!string || f.ty == TypeRef::Primitive(Primitive::String))
                    && (string
                        || matches!(f.ty, TypeRef::Primitive(Primitive::I32 | Primitive::I64)))
            })
        };

        let offset = || {
            let offset_parameter = optional_query("offset", true)?;
            optional_query("limit", true)?;
            let total_field =
                field(TOTAL_FIELDS, false).map(|f| (f.rust_name.clone(), f.option_depth()));
            Some(PaginationStyle::Offset {
                offset_parameter,
                total_field,
            })
        };
        let cursor = || {
            let cursor_parameter = CURSOR_PARAMETERS
                .iter()
                .find_map(|name| optional_query(name, false))?;
            if parameters[cursor_parameter].ty != TypeRef::Primitive(Primitive::String) {
                return None;
            }
            let next = field(NEXT_FIELDS, true)?;
            Some(PaginationStyle::Cursor {
                cursor_parameter,
                next_field: next.rust_name.clone(),
                next_depth: next.option_depth(),
            })
        };
        let page = || {
            let page_parameter = optional_query("page", true)?;
            let first_page = parameters[page_parameter]
                .default
                .as_deref()
                .and_then(|d| d.parse().ok())
                .unwrap_or(1);
            Some(PaginationStyle::Page {
                page_parameter,
                first_page,
            })
        };
        let style = match style_override {
            Some("offset") => offset(),
            Some("cursor") => cursor(),
            Some("page") => page(),
            Some(other) => {
                self.warn(
                    pointer,
                    format!("x-pagination: unknown style `{other}` (offset, cursor or page)"),
                );
                None
            }
            None => offset().or_else(cursor).or_else(page),
        };
        if style.is_none() && style_override.is_some() {
            self.warn(
                pointer,
                "x-pagination: the operation lacks the parameters or response fields of that style",
            );
        }
        Some(Pagination {
            style: style?,
            items_field: items.rust_name.clone(),
            items_depth: items.option_depth(),
            item: (**item).clone(),
        })
    }

    // ----- cycles ---------------------------------------------------------------------------------------------

    /// Boxes every field and union variant that closes a cycle of direct containment, so every type has a finite
    /// size. Arrays and maps already allocate, so only edges outside them count. Aliases that refer to themselves
    /// without any type in between cannot be expressed and are reported.
    fn box_containment_cycles(&mut self) {
        let edges: Vec<Vec<TypeId>> = self
            .types
            .iter()
            .map(|def| direct_children(&def.kind))
            .collect();
        let components = strongly_connected_components(&edges);
        for index in 0..self.types.len() {
            let own_component = components[index];
            let in_cycle = |id: TypeId| components[id.0] == own_component;
            match &mut self.types[index].kind {
                TypeKind::Struct(data) => {
                    for field in &mut data.fields {
                        if let TypeRef::Named(id) = field.ty {
                            field.boxed = in_cycle(id);
                        }
                    }
                }
                TypeKind::Union(union) => {
                    for variant in &mut union.variants {
                        if let TypeRef::Named(id) = variant.ty {
                            variant.boxed = in_cycle(id);
                        }
                    }
                }
                TypeKind::Alias(_) | TypeKind::Enum(_) => {}
            }
        }
        // An alias cycle (A = B, B = A, or A = Vec<A>) has no Rust spelling; break it with a JSON value, at the
        // first alias of each cycle. Each pass finds every cycle at once (linear time, so a chain of 100 000 aliases
        // costs no more than its length); a second pass catches a cycle that shared its first alias with another.
        loop {
            let alias_edges: Vec<Vec<TypeId>> = self
                .types
                .iter()
                .map(|def| match &def.kind {
                    TypeKind::Alias(target) => named_inside(target),
                    _ => Vec::new(),
                })
                .collect();
            let components = strongly_connected_components(&alias_edges);
            let mut broken = BTreeSet::new();
            let mut to_break = Vec::new();
            for (index, edges) in alias_edges.iter().enumerate() {
                let cyclic = edges.iter().any(|id| components[id.0] == components[index]);
                if cyclic && broken.insert(components[index]) {
                    to_break.push(index);
                }
            }
            if to_break.is_empty() {
                break;
            }
            for index in to_break {
                let pointer = self.types[index].pointer.clone();
                self.warn(&pointer, "this schema refers to itself with no object in between; it is typed as a JSON value");
                self.types[index].kind = TypeKind::Alias(TypeRef::Primitive(Primitive::Json));
            }
        }
    }
}

/// The object parts of a schema merged from `allOf` members: properties in first-seen order, required names and
/// extra properties from all of them, and the names two members define differently.
#[derive(Default)]
struct ObjectParts {
    properties: indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
    required: Vec<String>,
    additional: Option<AdditionalProperties>,
    conflicts: Vec<String>,
}

impl ObjectParts {
    fn add_object(
        &mut self,
        properties: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: Option<&AdditionalProperties>,
    ) {
        for (name, property) in properties {
            match self.properties.get(name) {
                None => {
                    self.properties.insert(name.clone(), property.clone());
                }
                Some(existing) if same_shape(existing, property) => {}
                Some(_) => {
                    if !self.conflicts.contains(name) {
                        self.conflicts.push(name.clone());
                    }
                }
            }
        }
        for name in required {
            if !self.required.contains(name) {
                self.required.push(name.clone());
            }
        }
        if self.additional.is_none() {
            self.additional = additional.cloned();
        }
    }
}

/// Whether two property schemas describe the same values (ignoring their prose).
fn same_shape(a: &ReferenceOr<Box<Schema>>, b: &ReferenceOr<Box<Schema>>) -> bool {
    let strip = |schema: &ReferenceOr<Box<Schema>>| match schema {
        ReferenceOr::Item(schema) => {
            let mut schema = schema.clone();
            schema.schema_data.description = None;
            schema.schema_data.title = None;
            schema.schema_data.example = None;
            schema.schema_data.extensions.clear();
            ReferenceOr::Item(schema)
        }
        reference => reference.clone(),
    };
    strip(a) == strip(b)
}

/// Why `value` cannot be the `default` of `schema` (the wrong type, outside the bounds, not an enum value).
fn default_problem(schema: &Schema, value: &serde_json::Value) -> Option<String> {
    if value.is_null() && schema.schema_data.nullable {
        return None;
    }
    let wrong_type = |expected: &str| Some(format!("the default {value} is not {expected}"));
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => {
            let text = value.as_str();
            if text.is_none() {
                return wrong_type("a string");
            }
            let values: Vec<&str> = string
                .enumeration
                .iter()
                .flatten()
                .map(String::as_str)
                .collect();
            (!values.is_empty() && !values.contains(&text?))
                .then(|| format!("the default {value} is not one of the enum values {values:?}"))
        }
        SchemaKind::Type(Type::Integer(integer)) => {
            let Some(number) = value.as_i64() else {
                return wrong_type("an integer that fits in 64 bits");
            };
            let int32 = matches!(
                integer.format,
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32)
            );
            if int32 && i32::try_from(number).is_err() {
                return Some(format!("the default {value} does not fit in an int32"));
            }
            let below = integer
                .minimum
                .is_some_and(|min| number < min || (integer.exclusive_minimum && number == min));
            let above = integer
                .maximum
                .is_some_and(|max| number > max || (integer.exclusive_maximum && number == max));
            (below || above).then(|| format!("the default {value} is outside the schema's bounds"))
        }
        SchemaKind::Type(Type::Number(number)) => {
            let Some(float) = value.as_f64() else {
                return wrong_type("a number");
            };
            let below = number
                .minimum
                .is_some_and(|min| float < min || (number.exclusive_minimum && float == min));
            let above = number
                .maximum
                .is_some_and(|max| float > max || (number.exclusive_maximum && float == max));
            (below || above).then(|| format!("the default {value} is outside the schema's bounds"))
        }
        SchemaKind::Type(Type::Boolean(_)) if !value.is_boolean() => wrong_type("a boolean"),
        SchemaKind::Type(Type::Array(_)) if !value.is_array() => wrong_type("an array"),
        SchemaKind::Type(Type::Object(_)) if !value.is_object() => wrong_type("an object"),
        _ => None,
    }
}

/// A schema that accepts any JSON value.
fn json_schema() -> Schema {
    Schema {
        schema_data: Default::default(),
        schema_kind: SchemaKind::Any(Default::default()),
    }
}

/// The sort key of an untagged union variant; see `Lowerer::order_untagged_variants`.
fn specificity(types: &[TypeDef], ty: &TypeRef) -> (u8, usize) {
    let mut current = ty.clone();
    // Look through aliases to what they name.
    for _ in 0..MAX_REF_HOPS {
        match &current {
            TypeRef::Named(id) => match &types[id.0].kind {
                TypeKind::Alias(target) => current = target.clone(),
                TypeKind::Struct(data) => {
                    let required = data.fields.iter().filter(|f| f.required).count();
                    return if required > 0 {
                        (0, usize::MAX - required)
                    } else {
                        (1, 0)
                    };
                }
                TypeKind::Union(_) => return (2, 0),
                TypeKind::Enum(_) => return (7, 0),
            },
            TypeRef::Array(_) => return (3, 0),
            TypeRef::Map(_) => return (8, 0),
            TypeRef::Primitive(primitive) => {
                return match primitive {
                    Primitive::Bool | Primitive::Bytes => (4, 0),
                    Primitive::I32
                    | Primitive::I64
                    | Primitive::U32
                    | Primitive::U64
                    | Primitive::I128
                    | Primitive::U128 => (5, 0),
                    Primitive::F32 | Primitive::F64 => (5, 1),
                    Primitive::DateTime | Primitive::Date | Primitive::Uuid => (6, 0),
                    Primitive::Base64 => (6, 1),
                    Primitive::String => (7, 1),
                    Primitive::Json => (9, 0),
                }
            }
        }
    }
    (9, 0)
}

/// The named types a type contains by value (not behind a `Vec` or a map).
fn direct_children(kind: &TypeKind) -> Vec<TypeId> {
    let named = |ty: &TypeRef| match ty {
        TypeRef::Named(id) => Some(*id),
        _ => None,
    };
    match kind {
        TypeKind::Struct(data) => data.fields.iter().filter_map(|f| named(&f.ty)).collect(),
        TypeKind::Union(union) => union.variants.iter().filter_map(|v| named(&v.ty)).collect(),
        TypeKind::Alias(target) => named(target).into_iter().collect(),
        TypeKind::Enum(_) => Vec::new(),
    }
}

/// The named types an alias target names, directly or inside arrays and maps.
fn named_inside(target: &TypeRef) -> Vec<TypeId> {
    let mut named = Vec::new();
    let mut pending = vec![target];
    while let Some(ty) = pending.pop() {
        match ty {
            TypeRef::Primitive(_) => {}
            TypeRef::Array(inner) | TypeRef::Map(inner) => pending.push(inner),
            TypeRef::Named(id) => named.push(*id),
        }
    }
    named
}

/// Tarjan's algorithm, iterative so that a long chain of schemas cannot overflow the stack. Returns, for each
/// node, a component number; a node on a cycle (including a self-loop) shares its number only with the nodes of
/// that cycle, and a node outside any cycle gets a number of its own unless it has a self-loop.
fn strongly_connected_components(edges: &[Vec<TypeId>]) -> Vec<usize> {
    let count = edges.len();
    let mut index_of = vec![usize::MAX; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut stack = Vec::new();
    let mut component = vec![usize::MAX; count];
    let mut next_index = 0;
    let mut next_component = 0;

    for root in 0..count {
        if index_of[root] != usize::MAX {
            continue;
        }
        // Each frame: the node and how many of its edges have been followed.
        let mut frames = vec![(root, 0usize)];
        index_of[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut edge)) = frames.last_mut() {
            if let Some(&TypeId(child)) = edges[node].get(*edge) {
                *edge += 1;
                if index_of[child] == usize::MAX {
                    index_of[child] = next_index;
                    low[child] = next_index;
                    next_index += 1;
                    stack.push(child);
                    on_stack[child] = true;
                    frames.push((child, 0));
                } else if on_stack[child] {
                    low[node] = low[node].min(index_of[child]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index_of[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    // A node alone in its component is only in a cycle if it points to itself; give the others a unique marker
    // that no edge target can share, by offsetting past every real component.
    let mut sizes = vec![0usize; next_component];
    for &c in &component {
        sizes[c] += 1;
    }
    for node in 0..count {
        let alone = sizes[component[node]] == 1;
        if alone && !edges[node].contains(&TypeId(node)) {
            component[node] = next_component + node;
        }
    }
    component
}

/// The properties of an object schema that allow exactly one string value (`enum: [x]`), with that value.
fn single_value_properties(schema: &Schema) -> Vec<(String, String)> {
    let properties = match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => &object.properties,
        SchemaKind::Any(any) => &any.properties,
        _ => return Vec::new(),
    };
    properties
        .iter()
        .filter_map(|(name, property)| {
            let ReferenceOr::Item(property) = property else {
                return None;
            };
            match &property.schema_kind {
                SchemaKind::Type(Type::String(string)) => match string.enumeration.as_slice() {
                    [Some(value)] => Some((name.clone(), value.clone())),
                    _ => None,
                },
                _ => None,
            }
        })
        .collect()
}

/// One open enum for a `oneOf` whose members are all inline string enums, the way some generators document
/// each value (`oneOf: [{enum: [a], description: …}, {enum: [b], description: …}]`): a union of one-value enums
/// would decode the same strings with far more types, and each value keeps its member's description.
fn merged_string_enum(one_of: &[ReferenceOr<Schema>]) -> Option<StringEnum> {
    if one_of.is_empty() {
        return None;
    }
    let mut values = Vec::new();
    let mut names = Vec::new();
    let mut docs = BTreeMap::new();
    for member in one_of {
        let ReferenceOr::Item(member) = member else {
            return None;
        };
        let SchemaKind::Type(Type::String(string)) = &member.schema_kind else {
            return None;
        };
        let member_values: Option<Vec<String>> = string.enumeration.iter().cloned().collect();
        let member_values = member_values.filter(|values| !values.is_empty())?;
        names.extend(enum_variant_names(member, EnumRepr::String, &member_values));
        if let Some(doc) = schema_doc(member) {
            for value in &member_values {
                docs.entry(value.clone()).or_insert_with(|| doc.clone());
            }
        }
        values.extend(member_values);
    }
    let mut merged = open_enum(EnumRepr::String, &values, names);
    for variant in &mut merged.variants {
        variant.doc = docs.remove(&variant.wire_value);
    }
    Some(merged)
}

/// A variant name for an inline union member, from what it holds (`String`, `Integer`, `Array`, …).
fn inline_variant_name(ty: &TypeRef, index: usize) -> String {
    match ty {
        TypeRef::Primitive(Primitive::String) => "String".to_owned(),
        TypeRef::Primitive(Primitive::Bool) => "Boolean".to_owned(),
        TypeRef::Primitive(
            Primitive::I32
            | Primitive::I64
            | Primitive::U32
            | Primitive::U64
            | Primitive::I128
            | Primitive::U128,
        ) => "Integer".to_owned(),
        TypeRef::Primitive(Primitive::Uuid) => "Uuid".to_owned(),
        TypeRef::Primitive(Primitive::Base64) => "Base64".to_owned(),
        TypeRef::Primitive(Primitive::F32 | Primitive::F64) => "Number".to_owned(),
        TypeRef::Primitive(Primitive::DateTime) => "DateTime".to_owned(),
        TypeRef::Primitive(Primitive::Date) => "Date".to_owned(),
        TypeRef::Primitive(Primitive::Json) => "Value".to_owned(),
        TypeRef::Primitive(Primitive::Bytes) => "Bytes".to_owned(),
        TypeRef::Array(_) => "Array".to_owned(),
        TypeRef::Map(_) => "Map".to_owned(),
        TypeRef::Named(_) => format!("Variant{index}"),
    }
}

/// Short variant names for a union: the single tag value of each member when every member has one, otherwise the
/// member names without the words they all share at the start and the end (`UpdateDedicatedClusterRequest` and
/// `UpdateHybridClusterRequest` become `Dedicated` and `Hybrid`). Falls back to the full names when shortening
/// would leave a name empty or make two names equal.
fn variant_names(members: &[(String, TypeRef, Vec<String>)]) -> Vec<String> {
    let unique = |names: &[String]| names.iter().collect::<BTreeSet<_>>().len() == names.len();
    if members.iter().all(|(_, _, tags)| tags.len() == 1) {
        let names: Vec<String> = members
            .iter()
            .map(|(_, _, tags)| camel_name(&tags[0]))
            .collect();
        if unique(&names) {
            return names;
        }
    }
    let full: Vec<String> = members.iter().map(|(name, _, _)| name.clone()).collect();
    if full.len() < 2 {
        return full;
    }
    let words: Vec<Vec<&str>> = full.iter().map(|name| camel_words(name)).collect();
    let shortest = words.iter().map(Vec::len).min().unwrap_or(0);
    let prefix = (0..shortest)
        .take_while(|&i| words.iter().all(|w| w[i] == words[0][i]))
        .count();
    let suffix = (0..shortest - prefix)
        .take_while(|&i| {
            words
                .iter()
                .all(|w| w[w.len() - 1 - i] == words[0][words[0].len() - 1 - i])
        })
        .count();
    let short: Vec<String> = words
        .iter()
        .map(|w| w[prefix..w.len() - suffix].concat())
        .collect();
    if short
        .iter()
        .all(|name| !name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit()))
        && unique(&short)
    {
        short
    } else {
        full
    }
}

/// Splits an `UpperCamelCase` name at each capital letter.
fn camel_words(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    for (index, c) in name.char_indices().skip(1) {
        if c.is_ascii_uppercase() {
            words.push(&name[start..index]);
            start = index;
        }
    }
    words.push(&name[start..]);
    words
}

/// Names for enum values: the document's `x-enum-varnames` (or `x-enum-names`) when it gives one per value,
/// else names made from the values themselves.
fn enum_variant_names(schema: &Schema, repr: EnumRepr, values: &[String]) -> Vec<String> {
    let given = ["x-enum-varnames", "x-enum-names"]
        .iter()
        .find_map(|key| schema.schema_data.extensions.get(*key))
        .and_then(serde_json::Value::as_array)
        .filter(|names| names.len() == values.len())
        .and_then(|names| {
            names
                .iter()
                .map(|name| name.as_str().map(str::to_owned))
                .collect::<Option<Vec<String>>>()
        });
    given.unwrap_or_else(|| {
        values
            .iter()
            .map(|value| default_variant_name(repr, value))
            .collect()
    })
}

/// A variant name made from a value: a string as it is (naming makes it an identifier), a number spelled out
/// (`Value2`, `Minus1`) so that it does not turn into a bare digit.
fn default_variant_name(repr: EnumRepr, value: &str) -> String {
    if repr == EnumRepr::String {
        return value.to_owned();
    }
    match serde_json::from_str::<serde_json::Value>(value) {
        Ok(serde_json::Value::String(text)) => text,
        Ok(serde_json::Value::Number(number)) => {
            let text = number.to_string();
            match text.strip_prefix('-') {
                Some(magnitude) => format!("Minus{magnitude}"),
                None => format!("Value{text}"),
            }
        }
        Ok(serde_json::Value::Bool(true)) => "True".to_owned(),
        Ok(serde_json::Value::Bool(false)) => "False".to_owned(),
        _ => "Value".to_owned(),
    }
}

/// An open enum of distinct values; repeated values are dropped and names that collide after case conversion
/// are told apart by the namespace.
fn open_enum(repr: EnumRepr, values: &[String], names: Vec<String>) -> StringEnum {
    let mut namespace = Namespace::new();
    let mut seen = BTreeSet::new();
    let variants: Vec<EnumVariant> = values
        .iter()
        .zip(names)
        .filter(|(value, _)| seen.insert(value.as_str()))
        .map(|(value, name)| EnumVariant {
            rust_name: namespace.claim(&camel_name(&name)),
            wire_value: value.clone(),
            doc: None,
        })
        .collect();
    let unknown_variant = namespace.claim("Unknown");
    StringEnum {
        repr,
        variants,
        unknown_variant,
    }
}

/// A server's URL with each `{variable}` replaced by the variable's default.
fn status_match(status: &StatusCode) -> StatusMatch {
    match status {
        StatusCode::Code(code) => StatusMatch::Code(*code),
        StatusCode::Range(digit) => StatusMatch::Range(*digit as u8),
    }
}

/// The variant name for a status: its reason phrase where it has a well-known one, else `Status` and the code.
fn status_variant_name(status: StatusMatch) -> String {
    let name = match status {
        StatusMatch::Default => "Default",
        StatusMatch::Range(1) => "Informational",
        StatusMatch::Range(2) => "Success",
        StatusMatch::Range(3) => "Redirection",
        StatusMatch::Range(4) => "ClientError",
        StatusMatch::Range(5) => "ServerError",
        StatusMatch::Range(digit) => return format!("Status{digit}xx"),
        StatusMatch::Code(code) => match code {
            200 => "Ok",
            201 => "Created",
            202 => "Accepted",
            203 => "NonAuthoritativeInformation",
            204 => "NoContent",
            205 => "ResetContent",
            206 => "PartialContent",
            207 => "MultiStatus",
            300 => "MultipleChoices",
            301 => "MovedPermanently",
            302 => "Found",
            303 => "SeeOther",
            304 => "NotModified",
            307 => "TemporaryRedirect",
            308 => "PermanentRedirect",
            400 => "BadRequest",
            401 => "Unauthorized",
            402 => "PaymentRequired",
            403 => "Forbidden",
            404 => "NotFound",
            405 => "MethodNotAllowed",
            406 => "NotAcceptable",
            407 => "ProxyAuthenticationRequired",
            408 => "RequestTimeout",
            409 => "Conflict",
            410 => "Gone",
            411 => "LengthRequired",
            412 => "PreconditionFailed",
            413 => "PayloadTooLarge",
            414 => "UriTooLong",
            415 => "UnsupportedMediaType",
            416 => "RangeNotSatisfiable",
            417 => "ExpectationFailed",
            422 => "UnprocessableEntity",
            423 => "Locked",
            424 => "FailedDependency",
            425 => "TooEarly",
            426 => "UpgradeRequired",
            428 => "PreconditionRequired",
            429 => "TooManyRequests",
            431 => "RequestHeaderFieldsTooLarge",
            451 => "UnavailableForLegalReasons",
            500 => "InternalServerError",
            501 => "NotImplemented",
            502 => "BadGateway",
            503 => "ServiceUnavailable",
            504 => "GatewayTimeout",
            505 => "HttpVersionNotSupported",
            507 => "InsufficientStorage",
            511 => "NetworkAuthenticationRequired",
            _ => return format!("Status{code}"),
        },
    };
    name.to_owned()
}

fn server_url(server: &openapiv3::Server) -> String {
    let mut url = server.url.clone();
    for (name, variable) in server.variables.iter().flatten() {
        url = url.replace(&format!("{{{name}}}"), &variable.default);
    }
    url
}

/// A type name for the target of a deep `$ref`, from the meaningful tokens of its pointer
/// (`#/components/schemas/Field/properties/name` → `FieldName`).
fn reference_name_hint(reference: &str) -> String {
    const STRUCTURAL: &[&str] = &[
        "components",
        "schemas",
        "properties",
        "parameters",
        "schema",
        "items",
        "content",
        "responses",
        "requestBodies",
    ];
    reference
        .trim_start_matches("#/")
        .split('/')
        .map(unescape_pointer_token)
        .filter(|token| {
            !STRUCTURAL.contains(&token.as_str()) && !token.chars().all(|c| c.is_ascii_digit())
        })
        .map(|token| camel_name(&token))
        .collect()
}

fn schema_doc(schema: &Schema) -> Option<String> {
    prose(schema.schema_data.description.as_ref())
        .or_else(|| prose(schema.schema_data.title.as_ref()))
}

/// Spec prose worth a doc comment: blank text (spaces, a lone CR) would leave a public item with no documentation,
/// so it counts as none and the item gets its fallback text.
fn prose(text: Option<&String>) -> Option<String> {
    text.filter(|text| !text.trim().is_empty()).cloned()
}

fn location_of(parameter: &openapiv3::Parameter) -> ParameterLocation {
    match parameter {
        openapiv3::Parameter::Path { .. } => ParameterLocation::Path,
        openapiv3::Parameter::Query { .. } => ParameterLocation::Query,
        openapiv3::Parameter::Header { .. } => ParameterLocation::Header,
        openapiv3::Parameter::Cookie { .. } => ParameterLocation::Cookie,
    }
}

fn is_json(media_type: &str) -> bool {
    BodyEncoding::of(media_type) == BodyEncoding::Json
}

/// The permission names of an operation's `x-permission` extension (`[{action: ...}]`).
fn permissions(extensions: &indexmap::IndexMap<String, serde_json::Value>) -> Vec<String> {
    extensions
        .get("x-permission")
        .and_then(|value| value.as_array())
        .map(|entries| {
            entries
                .iter()
                .filter_map(|entry| {
                    entry
                        .get("action")
                        .and_then(|action| action.as_str())
                        .map(str::to_owned)
                })
                .collect()
        })
        .unwrap_or_default()
}
