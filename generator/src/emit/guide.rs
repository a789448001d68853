//! The crate root's guide: a quick start, authentication, errors, pagination, retries and timeouts, each with a
//! `no_run` example that names real items of the crate, so what docs.rs shows first is checked by `cargo test`.
//!
//! The examples call one operation of the crate's first API module on by default: the first `GET` whose required
//! arguments are all written out (`emit/examples.rs`) and whose answer is read whole, and for pagination the first
//! such operation with `.stream()`. An example that needs a feature (an API module, or a tag module of a crate
//! split by tag) carries it as a hidden `#[cfg]`, since the crate root is compiled with any set of features.

use super::examples::{doctest, Credential, Examples};
use crate::ir::{Api, HttpMethod, Operation, Response};

/// One API module of the crate, as the guide describes it.
pub struct GuideModule<'a> {
    pub api: &'a Api,
    /// The module's path from outside the crate (`astro_client::v1`; the crate's name for a crate root).
    pub path: String,
    /// The cargo feature that compiles the module, and whether it is on by default.
    pub feature: Option<(String, bool)>,
    /// The environment variable `Client::with_config` reads a bearer token from.
    pub token_env: Option<String>,
    /// Whether each tag's operations are behind a feature of the tag's name (a crate split by tag).
    pub split_by_tag: bool,
}

/// The lines of the guide, Markdown without the comment markers.
pub fn crate_guide(modules: &[GuideModule<'_>]) -> Vec<String> {
    let Some(module) = modules
        .iter()
        .find(|module| module.feature.as_ref().is_none_or(|(_, on)| *on))
        .or(modules.first())
    else {
        return Vec::new();
    };
    let examples = Examples::new(module.api, &module.path);
    let guide = Guide { module, examples };
    let mut lines = Vec::new();
    guide.quick_start(modules, &mut lines);
    guide.authentication(modules, &mut lines);
    guide.errors(&mut lines);
    guide.pagination(&mut lines);
    guide.retries(&mut lines);
    lines
}

struct Guide<'a> {
    module: &'a GuideModule<'a>,
    examples: Examples<'a>,
}

impl Guide<'_> {
    /// The features an example calling `operation` needs (none for the crate-wide part).
    fn gates(&self, operation: Option<&Operation>) -> Vec<String> {
        let mut gates: Vec<String> = self
            .module
            .feature
            .iter()
            .map(|(name, _)| name.clone())
            .collect();
        if let Some(group) = operation.and_then(|op| op.group.as_deref()) {
            if self.module.split_by_tag {
                gates.push(crate::naming::unraw(group).to_owned());
            }
        }
        gates
    }

    /// The operation the examples call: a `GET` with everything written out and an answer read whole; among
    /// them the first with `.stream()` when `paginated`.
    fn operation(&self, paginated: bool) -> Option<&Operation> {
        self.module.api.operations.iter().find(|operation| {
            operation.method == HttpMethod::Get
                && !operation.deprecated
                && operation.body.as_ref().is_none_or(|body| !body.required)
                && !matches!(operation.success, Response::Stream { .. })
                && self.examples.call(operation).hidden_parameters.is_empty()
                && (!paginated || operation.pagination.is_some())
        })
    }

    fn client_path(&self) -> String {
        format!("{}::Client", self.relative_path())
    }

    /// The module's path inside the crate, for intra-doc links from the crate root (`crate` for the root).
    fn relative_path(&self) -> String {
        match self.module.path.split_once("::") {
            Some((_, inner)) => inner.to_owned(),
            None => "crate".to_owned(),
        }
    }

    fn quick_start(&self, modules: &[GuideModule<'_>], lines: &mut Vec<String>) {
        lines.extend(["# Quick start".to_owned(), String::new()]);
        if modules.len() > 1 {
            let list: Vec<String> = modules
                .iter()
                .map(|module| {
                    let path = module.path.split_once("::").map_or("crate", |(_, p)| p);
                    match &module.feature {
                        Some((feature, true)) => {
                            format!("- [`{path}`]: feature `{feature}` (on by default)")
                        }
                        Some((feature, false)) => format!("- [`{path}`]: feature `{feature}`"),
                        None => format!("- [`{path}`]"),
                    }
                })
                .collect();
            lines.push(
                "Each API is a module with its own `Client` and `types`, compiled when its Cargo feature is on:"
                    .to_owned(),
            );
            lines.extend(list);
            lines.push(String::new());
        } else if self.module.split_by_tag {
            lines.push(
                "The operations of each tag are compiled when the Cargo feature of the tag's name is on (all are \
                 by default), and so is every type they use: a type that several tags use is compiled when any of \
                 their features is on, and one that untagged operations use always is."
                    .to_owned(),
            );
            if super::group_features(self.module.api)
                .iter()
                .any(|(feature, _)| feature == super::UNUSED_TYPES_FEATURE)
            {
                lines.push(format!(
                    "The types that no operation uses are compiled only with the feature `{}`, which is off by \
                     default.",
                    super::UNUSED_TYPES_FEATURE
                ));
            }
            lines.push(String::new());
        }
        lines.push(format!(
            "Build a [`Client`]({}), call an operation's method to get its request builder, set optional \
             parameters on it, and await `send` (in an async runtime such as Tokio):",
            self.client_path()
        ));
        lines.push(String::new());
        let Some(operation) = self.operation(false) else {
            return;
        };
        let call = self.examples.call(operation);
        let mut code = self.examples.client_statements();
        code.extend(call.setup.iter().cloned());
        code.push(self.examples.send_statement(operation, &call));
        if code
            .last()
            .is_some_and(|line| line.starts_with("let response"))
        {
            code.push("println!(\"{response:?}\");".to_owned());
        }
        let mut body = self.examples.imports(&code, &[]);
        body.extend(code);
        lines.extend(doctest(&self.gates(Some(operation)), &[], true, &body));
        lines.push(String::new());
        lines.push(
            "Each method's doc has such an example, and `send`'s doc says what each status of the answer becomes."
                .to_owned(),
        );
        lines.push(String::new());
    }

    fn authentication(&self, modules: &[GuideModule<'_>], lines: &mut Vec<String>) {
        lines.extend(["# Authentication".to_owned(), String::new()]);
        lines.push(
            "[`runtime::Config`] holds the credentials, for [`Client::with_config`](CLIENT::with_config): \
             [`bearer_token`](runtime::Config::bearer_token) (sent as `Authorization: Bearer …`), \
             [`token_provider`](runtime::Config::token_provider) for tokens that expire (asked before each request \
             that needs one), [`basic_auth`](runtime::Config::basic_auth), and \
             [`api_key`](runtime::Config::api_key), which takes the scheme's name in the document and sends the key \
             where the scheme says (header, query or cookie). Each request carries the credentials of the first \
             security requirement of its operation whose credentials are all configured."
                .replace("CLIENT", &self.client_path()),
        );
        lines.push(String::new());
        for module in modules {
            let schemes: Vec<String> = module
                .api
                .security_schemes
                .iter()
                .map(|scheme| format!("`{}`", scheme.name.replace('`', "'")))
                .filter(|name| name.chars().all(|c| !c.is_control()))
                .collect();
            let path = module.path.split_once("::").map_or("crate", |(_, p)| p);
            let subject = if path == "crate" {
                "The API".to_owned()
            } else {
                format!("[`{path}`]")
            };
            let mut sentence = match schemes.as_slice() {
                [] => format!("{subject} declares no security scheme."),
                [one] => format!("{subject} declares the security scheme {one}."),
                many => format!(
                    "{subject} declares the security schemes {}.",
                    many.join(", ")
                ),
            };
            if super::client::takes_bearer(module.api) {
                sentence.push_str(&format!(
                    " Its [`Client::new`]({path}::Client::new) takes the bearer token"
                ));
                match &module.token_env {
                    Some(variable) => sentence.push_str(&format!(
                        ", and [`Client::with_config`]({path}::Client::with_config) reads it from `{variable}` when \
                         the configuration sets none."
                    )),
                    None => sentence.push('.'),
                }
            }
            lines.push(sentence);
            lines.push(String::new());
        }
        let credential = match Credential::of(self.module.api) {
            Credential::Bearer => match &self.module.token_env {
                Some(variable) => format!("    .bearer_token(std::env::var({variable:?})?)"),
                None => "    .bearer_token(std::env::var(\"API_TOKEN\")?)".to_owned(),
            },
            Credential::Basic => "    .basic_auth(\"user\", \"password\")".to_owned(),
            Credential::ApiKey(scheme) => {
                format!("    .api_key({scheme:?}, std::env::var(\"API_KEY\")?)")
            }
            Credential::None => return,
        };
        let mut code = vec!["let config = Config::new()".to_owned()];
        if self.examples.needs_server() {
            code.push(format!("    {}", self.examples.base_url_call()));
        }
        code.push(format!("{credential};"));
        code.push("let client = Client::with_config(config)?;".to_owned());
        let mut body = self.examples.imports(&code, &[]);
        body.extend(code);
        lines.extend(doctest(&self.gates(None), &[], false, &body));
        lines.push(String::new());
    }

    fn errors(&self, lines: &mut Vec<String>) {
        lines.extend(["# Errors".to_owned(), String::new()]);
        lines.push(
            "`send` returns [`runtime::Error<E>`](runtime::Error) (named [`runtime::CallError`] in signatures), \
             where `E` is the operation's error body: its `<Operation>Error` enum, with a variant per documented \
             status, when the document gives statuses different bodies, else the document's one error type, or a \
             JSON value. A status outside 2xx is [`runtime::Error::Api`], which holds the status, the headers, the \
             typed body when it decodes and the raw body always; the other variants say that the request could not \
             be built or sent, that it timed out, or that the answer could not be read. `Display` is one line (for \
             an API error the status and the server's message, such as `the server answered 404 Not Found: …`); \
             `Debug` shows bodies as text."
                .to_owned(),
        );
        lines.push(String::new());
        let Some(operation) = self.operation(false) else {
            return;
        };
        let call = self.examples.call(operation);
        let mut code = self.examples.client_statements();
        code.extend(call.setup.iter().cloned());
        code.push(format!("match {}.send().await {{", call.expression));
        code.push("    Ok(response) => println!(\"{response:?}\"),".to_owned());
        code.push(
            "    Err(Error::Api(error)) => eprintln!(\"{}: {:?}\", error.status, error.body),"
                .to_owned(),
        );
        code.push("    Err(error) => eprintln!(\"{error}\"),".to_owned());
        code.push("}".to_owned());
        let mut body = self.examples.imports(&code, &["Error"]);
        body.extend(code);
        lines.extend(doctest(&self.gates(Some(operation)), &[], true, &body));
        lines.push(String::new());
    }

    fn pagination(&self, lines: &mut Vec<String>) {
        lines.extend(["# Pagination".to_owned(), String::new()]);
        lines.push(
            "A list operation whose pages the client knows how to follow (offset, cursor or page number) has \
             `.stream()` on its request builder: every item of every page, each page requested as the stream is \
             read. Read it with [`StreamExt`](runtime::StreamExt) or [`TryStreamExt`](runtime::TryStreamExt), \
             which `runtime` re-exports. The walk ends with [`runtime::Error::Pagination`] when a page repeats one \
             already fetched, or after [`Config::max_pages`](runtime::Config::max_pages) pages (10 000 unless \
             set)."
                .to_owned(),
        );
        lines.push(String::new());
        let Some(operation) = self.operation(true) else {
            lines.push("This API has no such operation.".to_owned());
            lines.push(String::new());
            return;
        };
        let call = self.examples.call(operation);
        let mut code = self.examples.client_statements();
        code.extend(call.setup.iter().cloned());
        code.push(format!("let mut items = {}.stream();", call.expression));
        code.push("while let Some(item) = items.next().await {".to_owned());
        code.push("    println!(\"{:?}\", item?);".to_owned());
        code.push("}".to_owned());
        let mut body = self.examples.imports(&code, &["StreamExt"]);
        body.extend(code);
        lines.extend(doctest(&self.gates(Some(operation)), &[], true, &body));
        lines.push(String::new());
    }

    fn retries(&self, lines: &mut Vec<String>) {
        lines.extend(["# Retries and timeouts".to_owned(), String::new()]);
        lines.push(
            "A call has one deadline, [`Config::timeout`](runtime::Config::timeout) (60 s unless set), for every \
             attempt, the waits between them and reading the body; a request builder's `.timeout(..)` sets it for \
             that call alone. [`Config::attempt_timeout`](runtime::Config::attempt_timeout) limits one attempt, \
             until the answer's headers arrive (no limit of its own unless set). Requests of idempotent methods \
             (GET, HEAD, OPTIONS, PUT, DELETE, TRACE, QUERY) are tried up to 3 times in all, after a failure before \
             any of the answer arrived (connecting, DNS, a reset, a timeout) or a 408, 429, 502, 503 or 504 \
             answer, waiting what the server's `Retry-After` asks (up to 60 s) or an exponential backoff with \
             jitter, and only while the deadline leaves time; POST and PATCH are never retried. \
             [`Config::retry`](runtime::Config::retry) takes another [`RetryPolicy`](runtime::RetryPolicy) \
             ([`RetryPolicy::none`](runtime::RetryPolicy::none) turns retries off)."
                .to_owned(),
        );
        lines.push(String::new());
        let mut code = vec!["let config = Config::new()".to_owned()];
        if self.examples.needs_server() {
            code.push(format!("    {}", self.examples.base_url_call()));
        }
        code.extend([
            "    .timeout(Duration::from_secs(30))".to_owned(),
            "    .attempt_timeout(Duration::from_secs(10))".to_owned(),
            "    .retry(RetryPolicy { max_attempts: 5, ..RetryPolicy::default() });".to_owned(),
            "let client = Client::with_config(config)?;".to_owned(),
        ]);
        let mut body = vec!["use std::time::Duration;".to_owned(), String::new()];
        body.extend(self.examples.imports(&code, &["RetryPolicy"]));
        body.append(&mut code);
        lines.extend(doctest(&self.gates(None), &[], false, &body));
    }
}
