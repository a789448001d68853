//! Lowering: the OpenAPI model → the IR.
//!
//! This is where the document is validated, local `$ref`s are resolved, every name is decided (through
//! `naming`), and every schema becomes a Rust type. Problems are collected as diagnostics rather than returned at
//! the first one, so a user sees every independent error of a document in one run.
//!
//! The phases, in order (`lower`): component schemas get their names first and then their shapes
//! (`components`), security schemes are read (`security`), every operation is lowered with its parameters, body,
//! responses and pagination (`operation`), containment cycles are boxed (`cycles`), and the variants of untagged
//! unions are ordered from the most to the least specific (`union`). Then, on the IR, a parameter's enum that
//! repeats a component's takes the component's type (`parameter_enums`), and the fields of the structs the client
//! sends get the names of their chained setters (`setters`). Each file below holds the part of the one `Lowerer`
//! that decides one construct.

mod all_of;
mod any_of;
mod body;
mod components;
mod constraints;
mod cycles;
mod defaults;
mod enums;
mod intersection;
mod object;
mod operation;
mod pagination;
mod parameter_enums;
mod parameters;
mod refs;
mod responses;
mod schema;
mod secrets;
mod security;
mod setters;
mod streams;
mod tuples;
mod union;
mod webhooks;

use foldhash::{HashMap, HashMapExt};

use openapiv3::{OpenAPI, Schema};

use crate::diagnostics::{Diagnostic, Error, Severity};
use crate::ir::{
    Api, Operation, Primitive, SecurityScheme, TypeDef, TypeId, TypeKind, TypeRef, Webhook,
};
use crate::naming::{camel_name, Namespace};
use crate::source::Document;

pub(crate) use setters::name_setters;

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
    lowerer.lower_component_schemas();
    lowerer.lower_security_schemes();
    lowerer.lower_operations();
    lowerer.lower_webhooks();
    lowerer.box_containment_cycles();
    lowerer.order_untagged_variants();
    if document.servers.is_empty() && !document.paths.paths.is_empty() {
        lowerer.warn("#/servers", "the document names no server; the client has no default address, so its users must set `Config::base_url`");
    }
    // Lowering's pointers are into the normalized document; the user wrote the original, and the generated docs
    // name places in it too.
    source.origin.map_back(&mut lowerer.diagnostics);
    let (errors, warnings): (Vec<_>, Vec<_>) = source
        .warnings
        .iter()
        .cloned()
        .chain(lowerer.diagnostics)
        .partition(|d| d.severity == Severity::Error);
    if !errors.is_empty() {
        return Err(Error::Invalid {
            source_name: source_name.to_owned(),
            errors,
        });
    }
    let mut api = Api {
        title: document.info.title.clone(),
        version: document.info.version.clone(),
        description: document.info.description.clone(),
        default_base_url: document.servers.first().map(server_url),
        types: lowerer.types,
        operations: lowerer.operations,
        security_schemes: lowerer.security_schemes,
        webhooks: lowerer.webhooks,
        server_releases: None,
    };
    // The passes on the IR read the normalized pointers (`#/components/schemas` for a Swagger 2.0 document's
    // `#/definitions`); the types' pointers are mapped back after them.
    parameter_enums::reuse_component_enums(&mut api);
    setters::name_setters(&mut api);
    for def in &mut api.types {
        def.pointer = source.origin.original(&def.pointer);
        if def.origin.starts_with("#/") {
            def.origin = source.origin.original(&def.origin);
        }
    }
    for operation in &mut api.operations {
        operation.pointer = source.origin.original(&operation.pointer);
    }
    Ok(Lowered { api, warnings })
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
    /// Whether `raw` has an `enum: []` anywhere, so schemas need looking up there (`schema::has_empty_enum`).
    has_empty_enum: bool,
    /// Types made for such `$ref`s, by reference, so each target is lowered once.
    deep_references: HashMap<String, TypeRef>,
    /// What `$ref`s outside the model's components point to, read out of `raw` once, by kind and reference
    /// (`refs::read_target`).
    read_targets: std::cell::RefCell<HashMap<(std::any::TypeId, String), Box<dyn std::any::Any>>>,
    /// How many deep references are being resolved inside each other right now.
    deep_reference_depth: usize,
    /// The schemas an `allOf` merge is expanding right now, so a member that leads back to one is skipped.
    all_of_chain: Vec<String>,
    /// The properties being lowered right now, by where they are in the document: one that is reached again
    /// inside itself (through `allOf` merges that copy it) is a cycle.
    open_properties: Vec<String>,
    /// How many schema shapes are being lowered inside each other right now.
    nesting: usize,
    /// Whether an `allOf` is being distributed over a union right now: one inside another would copy the other
    /// members into every variant of every level, which grows exponentially with nesting.
    distributing: bool,
    types: Vec<TypeDef>,
    type_names: Namespace,
    /// Component schema name → its type.
    component_types: HashMap<&'a str, TypeId>,
    operations: Vec<Operation>,
    security_schemes: Vec<SecurityScheme>,
    /// Whether the warning about a document that defines schemes but requires none has been given.
    open_security_warned: bool,
    webhooks: Vec<Webhook>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Lowerer<'a> {
    fn new(document: &'a OpenAPI, raw: &'a serde_json::Value) -> Self {
        Self {
            document,
            raw,
            has_empty_enum: schema::has_empty_enum(raw),
            deep_references: HashMap::new(),
            read_targets: std::cell::RefCell::default(),
            deep_reference_depth: 0,
            all_of_chain: Vec::new(),
            open_properties: Vec::new(),
            nesting: 0,
            distributing: false,
            types: Vec::new(),
            type_names: Namespace::for_types(),
            component_types: HashMap::new(),
            operations: Vec::new(),
            security_schemes: Vec::new(),
            open_security_warned: false,
            webhooks: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    pub(super) fn error(&mut self, pointer: &str, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::error(pointer, message));
    }

    pub(super) fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::warning(pointer, message));
    }

    /// Adds a type with a placeholder kind and a freshly claimed name.
    pub(super) fn reserve_type(
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
}

/// A schema's documentation: its description or title, else those of the members that annotate the one member of
/// an `allOf` that carries its shape.
pub(super) fn schema_doc(schema: &Schema) -> Option<String> {
    std::iter::once(&schema.schema_data)
        .chain(all_of::annotations(schema))
        .find_map(|data| prose(data.description.as_ref()).or_else(|| prose(data.title.as_ref())))
}

/// Spec prose worth a doc comment: blank text (spaces, a lone CR) would leave a public item with no documentation,
/// so it counts as none and the item gets its fallback text.
pub(super) fn prose(text: Option<&String>) -> Option<String> {
    text.filter(|text| !text.trim().is_empty()).cloned()
}

fn server_url(server: &openapiv3::Server) -> String {
    let mut url = server.url.clone();
    for (name, variable) in server.variables.iter().flatten() {
        url = url.replace(&format!("{{{name}}}"), &variable.default);
    }
    url
}
