//! The code examples of generated docs: a client built as a user builds it, and a call of an operation with a
//! plausible value for each required argument. Every example is a `no_run` doctest, so `cargo test` compiles each
//! one against the crate it documents, and an example that stops compiling fails the build.
//!
//! A value is written out when it reads like real usage in a line or two: literals for primitives
//! (`"organization-id"`, `1`, `true`), the first variant of an enum, `new(..)` of a struct whose required fields are
//! such values, `Vec::new()` for a list. Anything harder (a union, a struct needing another struct with required
//! fields of its own) becomes a parameter of the example's hidden function, so the visible call still reads
//! `client.create_thing("id", body)` and the example compiles for every operation of every document, where a
//! guessed JSON body (`serde_json::from_str("{}")`) would compile but fail at run time.

use crate::ir::{Api, Operation, Primitive, Response, SecuritySchemeKind, TypeKind, TypeRef};

/// The string literal a required string argument gets when nothing better is known.
const TOKEN: &str = "api-token";
/// The base URL examples set when the document names no server of its own.
const EXAMPLE_SERVER: &str = "https://api.example.com";
/// How deep a value is built inline: the argument itself and the fields of its `new`.
const MAX_DEPTH: u8 = 1;
/// The most required fields a struct built inline may take; more would not read as a short example.
const MAX_FIELDS: usize = 4;

/// Writes examples for the items of one API module.
pub(crate) struct Examples<'a> {
    api: &'a Api,
    /// The crate's name as code spells it (`astro_client`).
    crate_name: &'a str,
    /// The API module's path from outside the crate (`astro_client::v1`, or `my_api` for a crate root).
    module: &'a str,
}

/// One call of an operation as an example writes it.
pub(crate) struct Call {
    /// Statements before the call (`let body = …;`).
    pub setup: Vec<String>,
    /// The hidden function's parameters, for values not written out (`body: astro_client::v1::types::Thing`).
    pub hidden_parameters: Vec<String>,
    /// `client.method(arguments)`, without `.send()`.
    pub expression: String,
}

impl<'a> Examples<'a> {
    /// Examples reaching the API module at `module` (`astro_client::v1`); its first segment is the crate.
    pub fn new(api: &'a Api, module: &'a str) -> Self {
        let crate_name = module.split("::").next().unwrap_or(module);
        Self {
            api,
            crate_name,
            module,
        }
    }

    /// The `use` lines an example needs for `code` (the client, `types`, and of the runtime `Config` and
    /// `runtime_items`), then an empty line.
    pub fn imports(&self, code: &[String], runtime_items: &[&str]) -> Vec<String> {
        let text = code.join("\n");
        let mut runtime: Vec<&str> = runtime_items.to_vec();
        for item in ["Base64", "Config", "Secret"] {
            if names_bare(&text, item) && !runtime.contains(&item) {
                runtime.push(item);
            }
        }
        runtime.sort_unstable();
        let mut lines = Vec::new();
        match runtime.as_slice() {
            [] => {}
            [one] => lines.push(format!("use {}::runtime::{one};", self.crate_name)),
            many => lines.push(format!(
                "use {}::runtime::{{{}}};",
                self.crate_name,
                many.join(", ")
            )),
        }
        if text.contains("types::") {
            lines.push(format!("use {}::{{types, Client}};", self.module));
        } else {
            lines.push(format!("use {}::Client;", self.module));
        }
        lines.push(String::new());
        lines
    }

    /// Whether the document names no server, so that examples set one.
    pub fn needs_server(&self) -> bool {
        self.api
            .default_base_url
            .as_deref()
            .is_none_or(|url| url == "/")
    }

    /// The statement that builds a client: `Client::new` with a token for an API that takes a bearer token, else
    /// the configuration of the first scheme the runtime applies, and the server when the document names none.
    pub fn client_statements(&self) -> Vec<String> {
        let no_server = self.needs_server();
        let mut config = String::from("Config::new()");
        if no_server {
            config.push_str(&self.base_url_call());
        }
        match Credential::of(self.api) {
            Credential::Bearer if !no_server => {
                return vec![format!("let client = Client::new({TOKEN:?})?;")];
            }
            Credential::Bearer => config.push_str(&format!(".bearer_token({TOKEN:?})")),
            Credential::Basic => config.push_str(r#".basic_auth("user", "password")"#),
            Credential::ApiKey(scheme) => {
                config.push_str(&format!(".api_key({scheme:?}, \"api-key\")"));
            }
            Credential::None if !no_server => {
                return vec!["let client = Client::new()?;".to_owned()]
            }
            Credential::None => {}
        }
        // The configuration on a line of its own keeps the lines short.
        vec![
            format!("let config = {config};"),
            "let client = Client::with_config(config)?;".to_owned(),
        ]
    }

    /// `.base_url(..)` with the example server, for a document that names none.
    pub fn base_url_call(&self) -> String {
        format!(".base_url({EXAMPLE_SERVER:?})")
    }

    /// A call of `operation` with every required argument, or `None` when a path or type cannot be spelled.
    pub fn call(&self, operation: &Operation) -> Call {
        let mut call = Call {
            setup: Vec::new(),
            hidden_parameters: Vec::new(),
            expression: String::new(),
        };
        let mut arguments = Vec::new();
        for parameter in operation.parameters.iter().filter(|p| p.required) {
            let value = if parameter.ty == TypeRef::Primitive(Primitive::String) {
                Some(string_literal(&parameter.rust_name))
            } else {
                self.value(&parameter.ty, &parameter.rust_name, 0)
            };
            arguments.push(self.written_or_hidden(
                &mut call,
                value,
                &parameter.rust_name,
                &parameter.ty,
            ));
        }
        if let Some(body) = operation.body.as_ref().filter(|body| body.required) {
            match self.value(&body.ty, "body", 0) {
                // A body built in place reads better on its own line than inside the call.
                Some(value) if value.len() > 24 => {
                    call.setup.push(format!("let body = {value};"));
                    arguments.push("body".to_owned());
                }
                value => arguments.push(self.written_or_hidden(&mut call, value, "body", &body.ty)),
            }
        }
        call.expression = format!("client.{}({})", operation.rust_name, arguments.join(", "));
        call
    }

    /// `value` as written, or the name of a hidden parameter of the example's function that holds it.
    fn written_or_hidden(
        &self,
        call: &mut Call,
        value: Option<String>,
        name: &str,
        ty: &TypeRef,
    ) -> String {
        match value {
            Some(value) => value,
            None => {
                let name = name.to_owned();
                call.hidden_parameters
                    .push(format!("{name}: {}", self.type_path(ty)));
                name
            }
        }
    }

    /// A type as spelled from outside the crate.
    fn type_path(&self, ty: &TypeRef) -> String {
        super::type_text(self.api, ty, super::Scope::Client)
            .replace("types::", &format!("{}::types::", self.module))
            .replace("crate::", &format!("{}::", self.crate_name))
    }

    /// A plausible value of `ty` as an expression of its exact type, named after `name` where it is text; `None`
    /// when it would not read as a short example.
    fn value(&self, ty: &TypeRef, name: &str, depth: u8) -> Option<String> {
        match ty {
            TypeRef::Primitive(primitive) => Some(self.primitive(*primitive, name)),
            TypeRef::Array(item) => Some(match self.value(item, name, depth + 1) {
                Some(item) if depth < MAX_DEPTH && item.len() <= 32 => format!("vec![{item}]"),
                _ => "Vec::new()".to_owned(),
            }),
            TypeRef::Map(_) => Some("Default::default()".to_owned()),
            TypeRef::Tuple(members) => {
                let members: Option<Vec<String>> = members
                    .iter()
                    .map(|member| self.value(member, name, depth + 1))
                    .collect();
                match members?.as_slice() {
                    [one] => Some(format!("({one},)")),
                    many => Some(format!("({})", many.join(", "))),
                }
            }
            TypeRef::Named(id) => {
                let def = self.api.type_def(*id);
                let path = format!("types::{}", def.rust_name);
                match &def.kind {
                    TypeKind::Enum(data) => data
                        .variants
                        .first()
                        .map(|variant| format!("{path}::{}", variant.rust_name)),
                    TypeKind::Alias(target) => self.value(target, name, depth),
                    TypeKind::Struct(data) => {
                        let required: Vec<_> = data.fields.iter().filter(|f| f.required).collect();
                        if required.is_empty() {
                            return Some(format!("{path}::new()"));
                        }
                        if depth >= MAX_DEPTH || required.len() > MAX_FIELDS {
                            return None;
                        }
                        let mut arguments = Vec::new();
                        for field in required {
                            let value = match &field.ty {
                                TypeRef::Primitive(Primitive::String) => {
                                    format!("{}.to_owned()", string_literal(&field.rust_name))
                                }
                                ty => self.value(ty, &field.rust_name, depth + 1)?,
                            };
                            arguments.push(if field.nullable {
                                format!("Some({value})")
                            } else {
                                value
                            });
                        }
                        Some(format!("{path}::new({})", arguments.join(", ")))
                    }
                    TypeKind::Union(_) => None,
                }
            }
        }
    }

    fn primitive(&self, primitive: Primitive, name: &str) -> String {
        match primitive {
            Primitive::String => format!("{}.to_owned()", string_literal(name)),
            Primitive::Bool => "true".to_owned(),
            Primitive::I32
            | Primitive::I64
            | Primitive::U32
            | Primitive::U64
            | Primitive::I128
            | Primitive::U128 => "1".to_owned(),
            Primitive::F32 | Primitive::F64 => "1.0".to_owned(),
            // Parsed rather than `Utc::now()`, which needs chrono's `clock` feature that the crate leaves off.
            Primitive::DateTime => "\"2024-01-01T00:00:00Z\".parse()?".to_owned(),
            Primitive::Date => "\"2024-01-01\".parse()?".to_owned(),
            Primitive::Uuid => "uuid::Uuid::nil()".to_owned(),
            // Imported by `imports`, as `use <crate>::runtime::{Base64, Secret}`.
            Primitive::Base64 => "Base64::from(b\"data\".to_vec())".to_owned(),
            Primitive::Secret => "Secret::new(\"secret\")".to_owned(),
            Primitive::Json => "serde_json::json!({})".to_owned(),
            Primitive::Bytes => "b\"data\".to_vec()".to_owned(),
        }
    }

    /// The statement that sends `call`: the answer bound to a name, unless there is nothing in it.
    pub fn send_statement(&self, operation: &Operation, call: &Call) -> String {
        let empty = operation.success == Response::Empty && operation.success_by_status.is_none();
        if empty {
            format!("{}.send().await?;", call.expression)
        } else {
            format!("let response = {}.send().await?;", call.expression)
        }
    }

    /// The example of a client method: the client built, then `operation` called and sent.
    pub fn operation_example(&self, operation: &Operation) -> Vec<String> {
        let call = self.call(operation);
        let mut code = self.client_statements();
        code.extend(call.setup.iter().cloned());
        code.push(self.send_statement(operation, &call));
        let mut body = self.imports(&code, &[]);
        body.extend(code);
        let mut lines = vec!["# Example".to_owned(), String::new()];
        lines.extend(doctest(&[], &call.hidden_parameters, true, &body));
        lines
    }
}

/// The credential an example configures: the bearer token `Client::new` takes when the API has such a scheme,
/// else the first scheme the runtime can apply.
pub(crate) enum Credential<'a> {
    Bearer,
    Basic,
    /// The scheme's name in the document, which `Config::api_key` takes (only a name that needs no escape).
    ApiKey(&'a str),
    None,
}

impl<'a> Credential<'a> {
    pub fn of(api: &'a Api) -> Self {
        if super::client::takes_bearer(api) {
            return Credential::Bearer;
        }
        api.security_schemes
            .iter()
            .find_map(|scheme| match &scheme.kind {
                SecuritySchemeKind::Basic => Some(Credential::Basic),
                SecuritySchemeKind::ApiKey { .. }
                    if scheme
                        .name
                        .bytes()
                        .all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\') =>
                {
                    Some(Credential::ApiKey(&scheme.name))
                }
                _ => None,
            })
            .unwrap_or(Credential::None)
    }
}

/// A `no_run` doctest: `body` inside a hidden function (async when `is_async`) with `parameters`, returning a
/// boxed error so that `?` works on every error of the crate; `gates` are hidden `cfg` attributes of the function
/// (the features the example needs).
pub(crate) fn doctest(
    gates: &[String],
    parameters: &[String],
    is_async: bool,
    body: &[String],
) -> Vec<String> {
    let mut lines = vec!["```no_run".to_owned()];
    match gates {
        [] => {}
        [one] => lines.push(format!("# #[cfg(feature = {one:?})]")),
        many => {
            let features: Vec<String> = many.iter().map(|f| format!("feature = {f:?}")).collect();
            lines.push(format!("# #[cfg(all({}))]", features.join(", ")));
        }
    }
    lines.push(format!(
        "# {}fn example({}) -> Result<(), Box<dyn std::error::Error>> {{",
        if is_async { "async " } else { "" },
        parameters.join(", ")
    ));
    lines.extend(body.iter().cloned());
    lines.push("# Ok(())".to_owned());
    lines.push("# }".to_owned());
    lines.push("```".to_owned());
    lines
}

/// Whether `code` calls a function of the runtime's `item` by its bare name (`Secret::new`, not `types::Secret::new`).
fn names_bare(code: &str, item: &str) -> bool {
    let path = format!("{item}::");
    code.match_indices(&path).any(|(at, _)| {
        !code[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c == ':' || c == '_' || c.is_alphanumeric())
    })
}

/// A string literal that reads as an example of the argument it is passed as: `organization_id` becomes
/// `"organization-id"`. Names are identifiers, so the literal needs no escape.
fn string_literal(rust_name: &str) -> String {
    let words = crate::naming::unraw(rust_name)
        .trim_matches('_')
        .replace('_', "-");
    if words.is_empty() {
        format!("{:?}", "value")
    } else {
        format!("{words:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_arguments_read_as_their_name() {
        assert_eq!(string_literal("organization_id"), r#""organization-id""#);
        assert_eq!(string_literal("r#type"), r#""type""#);
        assert_eq!(string_literal("_"), r#""value""#);
    }

    #[test]
    fn runtime_items_are_imported_only_when_named_bare() {
        assert!(names_bare(
            "let body = X::new(Secret::new(\"s\"));",
            "Secret"
        ));
        assert!(!names_bare("let body = types::Secret::new();", "Secret"));
        assert!(!names_bare("let body = MySecret::new();", "Secret"));
    }

    #[test]
    fn doctests_are_gated_by_every_feature_they_need() {
        let body = ["let x = 1;".to_owned()];
        let one = doctest(&["v1".to_owned()], &[], true, &body);
        assert_eq!(one[1], r#"# #[cfg(feature = "v1")]"#);
        assert!(one[2].starts_with("# async fn example()"));
        let two = doctest(
            &["v1".to_owned(), "pets".to_owned()],
            &["body: T".to_owned()],
            false,
            &body,
        );
        assert_eq!(two[1], r#"# #[cfg(all(feature = "v1", feature = "pets"))]"#);
        assert!(two[2].starts_with("# fn example(body: T)"));
        assert_eq!(two.first().map(String::as_str), Some("```no_run"));
        assert_eq!(two.last().map(String::as_str), Some("```"));
    }
}
