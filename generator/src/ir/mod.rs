//! The intermediate representation: what the emitter needs to write a client, and nothing of the spec's syntax.
//!
//! Every name here is final. Lowering has already sanitized and de-duplicated each namespace, so the emitter turns
//! `rust_name` into an identifier as it is and writes `wire_name` into serde attributes and URLs as it is. Types
//! live in one arena (`Api::types`) and refer to each other by `TypeId`, which makes forward references and cycles
//! ordinary edges. `walk` is the one traversal of that graph.

pub mod walk;

use walk::{operation_edges, type_edges, Edge};

/// One API document, lowered.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Api {
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    /// The first server URL of the document, if any; the client's default base URL.
    pub default_base_url: Option<String>,
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
    pub security_schemes: Vec<SecurityScheme>,
    /// Requests the API sends to a receiver its user runs (OpenAPI 3.1 `webhooks`), by payload type.
    pub webhooks: Vec<Webhook>,
    /// The server releases the client supports, when it was generated for several (`compat`).
    pub server_releases: Option<ServerReleases>,
}

/// The releases of a server product that one client supports, oldest first, the one it was generated from last.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerReleases {
    /// The product's name, for docs and errors ("Airflow").
    pub product: String,
    pub supported: Vec<String>,
}

/// One webhook request: the receiver deserializes its body as `payload`.
#[derive(Debug, Clone, PartialEq)]
pub struct Webhook {
    /// The webhook's name in the document (its key under `webhooks`).
    pub wire_name: String,
    /// The name of the payload alias in the `webhooks` module.
    pub rust_name: String,
    /// The HTTP method the API sends it with, upper case.
    pub method: String,
    pub doc: Option<String>,
    pub payload: TypeRef,
}

/// An index into `Api::types`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// A named Rust type that the emitter writes out.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// The Rust type name, unique in the types module.
    pub rust_name: String,
    /// The schema name in the document, or the JSON pointer of an inline schema.
    pub origin: String,
    /// Where the schema is, as a JSON pointer into the document.
    pub pointer: String,
    pub doc: Option<String>,
    /// The schema says `deprecated: true`.
    pub deprecated: bool,
    pub kind: TypeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Struct(Struct),
    /// An enum (of strings, integers or mixed JSON values) that keeps values it does not know in an extra variant.
    Enum(StringEnum),
    /// A `oneOf` union.
    Union(Union),
    /// A schema that is only another type under a new name (for example an array or a map schema).
    Alias(TypeRef),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// The field that collects properties not listed in `fields`, when the object allows them.
    pub additional_properties: Option<AdditionalProperties>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AdditionalProperties {
    pub rust_name: String,
    /// The type of each extra property's value.
    pub value: TypeRef,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub rust_name: String,
    pub wire_name: String,
    pub ty: TypeRef,
    /// The property must be present on the wire.
    pub required: bool,
    /// The property may be `null` on the wire.
    pub nullable: bool,
    /// The field's type is boxed to break a containment cycle.
    pub boxed: bool,
    pub doc: Option<String>,
    pub deprecated: bool,
    /// Whether the property travels only one way (`readOnly`, `writeOnly`); such a property is optional in Rust
    /// even when the schema requires it, because the other direction never carries it.
    pub direction: Direction,
    /// The documented default, as JSON text, when it has the property's type.
    pub default: Option<String>,
    /// What the property's own schema allows beyond its type; read by the changelog, not by the emitter.
    pub constraints: Constraints,
    /// The chained setters the struct offers for the field (`body.name("Rex")`), named by `lower/setters.rs`;
    /// `None` for a field without them (see there which fields have them).
    pub setters: Option<FieldSetters>,
}

/// The names of a field's chained setters: methods that take the struct by value and return it with the field
/// set, so a value is built in one expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSetters {
    /// Sets a value: `Some(value)`, or `Some(Some(value))` for a field that may be absent or `null`.
    pub value: String,
    /// Sets `null` (`Some(None)`), for a field that may be absent or `null`.
    pub null: Option<String>,
}

/// The validation keywords of a schema, as plain data: a release that narrows them can break senders, one that
/// widens them can break readers. The emitter does not read them, so adding one changes no generated code.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// `format` as written (`email`, `int32`), including formats the Rust type does not show.
    pub format: Option<String>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub pattern: Option<String>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub exclusive_minimum: bool,
    pub exclusive_maximum: bool,
    pub multiple_of: Option<f64>,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
    pub unique_items: bool,
}

/// Which way a property travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Direction {
    Both,
    /// Only in responses (`readOnly`).
    ServerToClient,
    /// Only in requests (`writeOnly`).
    ClientToServer,
}

impl Field {
    /// A field is an `Option` in Rust when it may be absent or `null`.
    pub fn is_optional(&self) -> bool {
        !self.required || self.nullable
    }

    /// How many `Option`s wrap the value in Rust: 0, 1, or 2 when absent and `null` are kept apart.
    pub fn option_depth(&self) -> u8 {
        match (self.required, self.nullable) {
            (true, false) => 0,
            (false, true) => 2,
            _ => 1,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct StringEnum {
    /// What the values are on the wire.
    pub repr: EnumRepr,
    pub variants: Vec<EnumVariant>,
    /// The name of the variant that holds values this release does not list; unique among `variants`.
    pub unknown_variant: String,
}

/// The JSON type of an enum's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EnumRepr {
    String,
    /// Integers that fit in 64 bits.
    Integer,
    /// Values of several JSON types (`[1, "one", null]`); `wire_value` holds each as JSON text.
    Json,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    pub rust_name: String,
    /// The value as a string, an integer's decimal digits, or (for `EnumRepr::Json`) JSON text.
    pub wire_value: String,
    /// What the value means, where the document says (an enum merged from a `oneOf` of documented values).
    pub doc: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    pub variants: Vec<UnionVariant>,
    pub tagging: UnionTagging,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    pub rust_name: String,
    pub ty: TypeRef,
    /// The discriminator values that select this variant (empty for untagged unions).
    pub tag_values: Vec<String>,
    /// The variant's value is boxed to break a containment cycle.
    pub boxed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum UnionTagging {
    /// The first variant that decodes wins; variants are ordered as in the document.
    Untagged,
    /// A property of the object names the variant. It is written on serialization even when a variant's own
    /// schema does not require it. A value no variant claims decodes into the `unknown_variant`, which keeps the
    /// whole object.
    Tagged {
        property: String,
        unknown_variant: String,
    },
}

/// How a field, parameter or body refers to a type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    Primitive(Primitive),
    Named(TypeId),
    Array(Box<TypeRef>),
    /// A JSON object with string keys and values of one type.
    Map(Box<TypeRef>),
    /// A JSON array of a fixed length whose members have a type each (`prefixItems`).
    Tuple(Vec<TypeRef>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Primitive {
    String,
    Bool,
    I32,
    I64,
    U32,
    U64,
    /// Integers documented wider than 64 bits (`int128`, `uint128`).
    I128,
    U128,
    F32,
    F64,
    DateTime,
    Date,
    Uuid,
    /// A byte string written as base64 text in JSON (`format: byte`).
    Base64,
    /// Any JSON value: free-form objects and schemas without a type.
    /// A string that is a credential (a token, password or key): the client holds it in a type whose `Debug`
    /// prints nothing of it (`lower/secrets.rs` decides).
    Secret,
    Json,
    /// Raw bytes (a binary request body).
    Bytes,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The method name on the client, unique among operations.
    pub rust_name: String,
    /// The request-builder type name, unique among builders.
    pub builder_name: String,
    pub operation_id: Option<String>,
    pub method: HttpMethod,
    pub path: Vec<PathSegment>,
    /// The path as written in the document, for docs and errors.
    pub path_template: String,
    pub pointer: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    pub parameters: Vec<Parameter>,
    pub body: Option<RequestBody>,
    /// What a successful call returns when every success status carries the same body.
    pub success: Response,
    /// The success responses by status, when they differ (for example `200` with a body and `204` without):
    /// `send` then returns this enum instead of `success`.
    pub success_by_status: Option<StatusEnum>,
    /// The type of the error body, when the document declares one shape for all error responses.
    pub error_body: Option<TypeRef>,
    /// The error bodies by status, when the document declares different shapes for different statuses.
    pub error_by_status: Option<StatusEnum>,
    /// The permissions (`x-permission` actions) the caller needs.
    pub permissions: Vec<String>,
    /// How to walk every page of a list operation, when it is paginated.
    pub pagination: Option<Pagination>,
    /// The security requirements: alternatives, each a set of scheme names that must all be sent. Empty means
    /// the operation needs no credentials; an empty alternative means credentials are optional.
    pub security: Vec<Vec<String>>,
    /// The module (a snake-case identifier, unique per tag) of the operation's first tag, for crates split by
    /// tag; `None` for an untagged operation.
    pub group: Option<String>,
    /// The first server release (`major.minor`) that has the operation, when an older supported one lacks it.
    pub since: Option<String>,
}

/// A paginated list operation: where its items are and how to ask for the next page.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    pub style: PaginationStyle,
    /// The Rust name of the response field that holds a page's items.
    pub items_field: String,
    /// How many `Option`s wrap that field in Rust (see `Field::option_depth`).
    pub items_depth: u8,
    /// The type of one item.
    pub item: TypeRef,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PaginationStyle {
    /// `offset` and `limit` query parameters; the next offset is this one plus the items received. `total_field`
    /// (Rust name, `Option` depth) ends the walk when the offset reaches it.
    Offset {
        offset_parameter: usize,
        total_field: Option<(String, u8)>,
    },
    /// A cursor query parameter, set from a response field until that field is empty.
    Cursor {
        cursor_parameter: usize,
        next_field: String,
        next_depth: u8,
    },
    /// A page-number query parameter, counted up from `first_page` until a page is empty.
    Page {
        page_parameter: usize,
        first_page: i64,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
    /// OpenAPI 3.2's `query`: a safe, idempotent request with a body.
    Query,
    /// A method from OpenAPI 3.2's `additionalOperations`, upper case (checked to be an HTTP token).
    Other(String),
}

impl Operation {
    /// The operation's identity across releases: its method and its path with every parameter name replaced by
    /// `{}` (`/books/{bookId}` and `/books/{id}` are the same route).
    pub fn route_key(&self) -> String {
        let mut key = format!("{} ", self.method.as_str());
        let mut inside = false;
        for character in self.path_template.chars() {
            match character {
                '{' => {
                    inside = true;
                    key.push_str("{}");
                }
                '}' => inside = false,
                _ if inside => {}
                _ => key.push(character),
            }
        }
        key
    }
}

impl HttpMethod {
    /// Whether the method only reads (RFC 9110's safe methods, and QUERY).
    pub fn is_safe(&self) -> bool {
        matches!(
            self,
            HttpMethod::Get
                | HttpMethod::Head
                | HttpMethod::Options
                | HttpMethod::Trace
                | HttpMethod::Query
        )
    }

    pub fn as_str(&self) -> &str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Head => "HEAD",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Trace => "TRACE",
            HttpMethod::Query => "QUERY",
            HttpMethod::Other(name) => name,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    Literal(String),
    /// An index into `Operation::parameters`.
    Parameter(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    pub rust_name: String,
    pub wire_name: String,
    pub location: ParameterLocation,
    pub required: bool,
    pub ty: TypeRef,
    pub doc: Option<String>,
    /// The documented default, rendered as the JSON text the server applies when the parameter is absent.
    pub default: Option<String>,
    /// How a query parameter is serialized; `Form { explode: true }` for every other location.
    pub style: QueryStyle,
    /// What the parameter's schema allows beyond its type; read by the changelog, not by the emitter.
    pub constraints: Constraints,
}

/// The serialization of a query parameter (OpenAPI `style` and `explode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum QueryStyle {
    /// `form`: with `explode`, arrays repeat the name and object properties are parameters of their own;
    /// without, values are joined with commas.
    Form { explode: bool },
    /// Array values joined with spaces.
    SpaceDelimited,
    /// Array values joined with `|`.
    PipeDelimited,
    /// Object properties as `name[property]=value`, nesting included.
    DeepObject,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ParameterLocation {
    Path,
    Query,
    Header,
    Cookie,
}

impl ParameterLocation {
    /// The location as OpenAPI writes it (`in: query`).
    pub fn as_str(self) -> &'static str {
        match self {
            ParameterLocation::Path => "path",
            ParameterLocation::Query => "query",
            ParameterLocation::Header => "header",
            ParameterLocation::Cookie => "cookie",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    pub ty: TypeRef,
    pub required: bool,
    /// The media type sent as `Content-Type` unless the caller picks one of `alternatives`.
    pub media_type: String,
    pub encoding: BodyEncoding,
    pub doc: Option<String>,
    /// The other media types the operation accepts for the same body, each offered by a builder method.
    pub alternatives: Vec<BodyAlternative>,
}

/// Another media type a request body may be sent as.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyAlternative {
    pub media_type: String,
    pub encoding: BodyEncoding,
    /// The builder method that chooses it (`body_as_form_data`), unique among the builder's methods.
    pub setter: String,
}

/// How a request body is put on the wire, in order of preference when an operation offers several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BodyEncoding {
    /// `application/json` and `+json` types.
    Json,
    /// `application/x-www-form-urlencoded`: nested objects as `a[b]=c`, arrays as repeated keys.
    Form,
    /// `multipart/form-data`: one part per property.
    Multipart,
    /// `text/*`: a string.
    Text,
    /// Any other type: raw bytes.
    Binary,
}

impl BodyEncoding {
    pub fn of(media_type: &str) -> Self {
        let essence = media_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if essence == "application/json" || essence.ends_with("+json") {
            BodyEncoding::Json
        } else if essence == "application/x-www-form-urlencoded" {
            BodyEncoding::Form
        } else if essence == "multipart/form-data" {
            BodyEncoding::Multipart
        } else if essence.starts_with("text/") {
            BodyEncoding::Text
        } else {
            BodyEncoding::Binary
        }
    }
}

/// A per-operation enum with one variant per documented status (or status range) of a response kind.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusEnum {
    /// The enum's name, unique among the client module's items.
    pub rust_name: String,
    /// In document order; decoding tries exact codes first, then ranges, then `default`.
    pub variants: Vec<StatusVariant>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StatusVariant {
    /// Named after the status (`NotFound`, `ClientError` for `4XX`, `Default`).
    pub rust_name: String,
    pub status: StatusMatch,
    pub body: Response,
    pub doc: Option<String>,
}

/// Which statuses a response applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StatusMatch {
    Code(u16),
    /// `4XX`: every status whose first digit is this.
    Range(u8),
    Default,
}

/// What a successful call returns.
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    /// A JSON body of this type.
    Json(TypeRef),
    /// A text body (`text/*`), returned as a string.
    Text,
    /// A body of any other media type, returned as bytes.
    Bytes,
    /// No body.
    Empty,
    /// A body that is a sequence of values delivered as they are produced, each of type `item`.
    Stream {
        item: TypeRef,
        framing: StreamFraming,
    },
}

/// How the values of a streamed response are separated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamFraming {
    /// `text/event-stream`: server-sent events, each one's `data` a value.
    ServerSentEvents,
    /// `application/jsonl`, `application/x-ndjson`: one JSON value per line.
    JsonLines,
    /// `application/json-seq`: values introduced by the record separator (RFC 7464).
    JsonSeq,
}

impl Response {
    /// The type of the body's value (or of each streamed value), for bodies that have one.
    pub fn value_type(&self) -> Option<&TypeRef> {
        match self {
            Response::Json(ty) | Response::Stream { item: ty, .. } => Some(ty),
            Response::Text | Response::Bytes | Response::Empty => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SecurityScheme {
    /// The scheme's key under `components.securitySchemes`.
    pub name: String,
    pub kind: SecuritySchemeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SecuritySchemeKind {
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// OAuth2 or OpenID Connect: an access token the user supplies (or a token provider refreshes), sent as a
    /// bearer token.
    OAuth2,
    /// `Authorization: Basic …`.
    Basic,
    /// A key in a header, query parameter or cookie.
    ApiKey {
        location: ParameterLocation,
        name: String,
    },
    /// A scheme the client cannot send (for example HTTP digest); recorded so the changelog sees it.
    Unsupported { description: String },
}

impl Operation {
    /// The security requirements as text: `JWT`, `key + secret or oauth`, `none`; an empty alternative reads
    /// `anonymous`.
    pub fn security_text(&self) -> String {
        if self.security.is_empty() {
            return "none".to_owned();
        }
        self.security
            .iter()
            .map(|alternative| {
                if alternative.is_empty() {
                    "anonymous".to_owned()
                } else {
                    alternative.join(" + ")
                }
            })
            .collect::<Vec<_>>()
            .join(" or ")
    }
}

impl Api {
    pub fn type_def(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// Overrides whether a string property of a component schema is held as a secret (`runtime::Secret`), for
    /// a rule of `lower/secrets.rs` that is wrong for one field. Fails naming what is not there.
    pub fn set_secret(&mut self, schema: &str, property: &str, secret: bool) -> Result<(), String> {
        let def = self
            .types
            .iter_mut()
            .find(|def| def.origin == schema)
            .ok_or_else(|| format!("no component schema `{schema}`"))?;
        let TypeKind::Struct(shape) = &mut def.kind else {
            return Err(format!("`{schema}` is not an object"));
        };
        let field = shape
            .fields
            .iter_mut()
            .find(|field| field.wire_name == property)
            .ok_or_else(|| format!("`{schema}` has no property `{property}`"))?;
        field.ty = match (&field.ty, secret) {
            (TypeRef::Primitive(Primitive::String | Primitive::Secret), true) => {
                TypeRef::Primitive(Primitive::Secret)
            }
            (TypeRef::Primitive(Primitive::String | Primitive::Secret), false) => {
                TypeRef::Primitive(Primitive::String)
            }
            _ => return Err(format!("`{schema}.{property}` is not a string")),
        };
        Ok(())
    }

    /// Whether any type, parameter or body of the API holds this primitive (which may need a dependency).
    pub fn uses_primitive(&self, primitive: Primitive) -> bool {
        let mut found = false;
        let mut check = |_: Edge, ty: &TypeRef| found |= ty.holds_primitive(primitive);
        for def in &self.types {
            type_edges(def, &mut check);
        }
        for operation in &self.operations {
            operation_edges(operation, &mut check);
        }
        found
    }
}
