//! `send` written as the text `prettyplease` prints for `send_method`'s tokens, for the common shapes: one per
//! operation, and as tokens the largest item `syn` parsed. Shapes that are rare or whose layout is not modelled
//! here are refused (`None`) and formatted from tokens: a server-version guard, a body chosen among media types,
//! a download that can also stream.

use super::send::{accept, multipart_files};
use super::send_call::{error_body, error_type, send_call, streams, SendCall, SEND_STREAM_DOC};
use crate::emit::text::{string_literal, CodeText, INDENT, MARGIN};
use crate::ir::{
    Api, BodyEncoding, HttpMethod, Operation, ParameterLocation, PathSegment, QueryStyle,
};

/// The indent of `send` inside the builder's `impl` block, and of its statements.
const FN_INDENT: usize = INDENT;
const BODY_INDENT: usize = 2 * INDENT;

/// `send` with its doc (the paragraphs of `outcomes::send_doc`), or `None` for a shape left to tokens.
pub(super) fn send_text(api: &Api, operation: &Operation, doc: &[String]) -> Option<String> {
    let streams = streams(operation);
    if operation.since.is_some() {
        return None;
    }
    let call = send_call(operation);
    let error = error_type(operation).text(api);
    let mut text = CodeText::new();
    if streams {
        text.doc_line(FN_INDENT, " The request as this builder describes it.");
        text.result_signature(
            FN_INDENT,
            "fn build_request",
            &["&self".to_owned()],
            "runtime::Request",
            "runtime::InvalidRequest",
        );
        request_statement(&mut text, operation);
        steps(&mut text, api, operation)?;
        text.fixed_line(BODY_INDENT, "Ok(request)");
        text.fixed_line(FN_INDENT, "}");
    }
    text.doc(FN_INDENT, doc.iter().map(String::as_str));
    text.result_signature(
        FN_INDENT,
        "pub async fn send",
        &["self".to_owned()],
        &call.ok.text(api),
        &error,
    );
    if streams {
        text.fixed_line(BODY_INDENT, "let request = self.build_request()?;");
    } else {
        request_statement(&mut text, operation);
        steps(&mut text, api, operation)?;
    }
    send_statement(&mut text, api, &call);
    text.fixed_line(FN_INDENT, "}");
    if streams {
        for line in SEND_STREAM_DOC {
            text.doc_line(FN_INDENT, line);
        }
        text.result_signature(
            FN_INDENT,
            "pub async fn send_stream",
            &["self".to_owned()],
            &format!("runtime::ByteStream<{}>", error_body(operation).text(api)),
            &error,
        );
        text.fixed_line(BODY_INDENT, "let request = self.build_request()?;");
        text.fixed_line(BODY_INDENT, "self.client.core.send_stream(request).await");
        text.fixed_line(FN_INDENT, "}");
    }
    text.finish()
}

/// `self.client.core.send_json(request).await`, laid out as `prettyplease` does: on one line; else the chain
/// broken before each `.` but the first (the receiver `self` is short and starts the line); else the call's
/// arguments one a line.
fn send_statement(text: &mut CodeText, api: &Api, call: &SendCall<'_>) {
    let method = call.method;
    let arguments: Vec<String> = call
        .arguments
        .iter()
        .map(|argument| argument.text(api))
        .collect();
    let call = format!("{method}({})", arguments.join(", "));
    let one_line = format!("self.client.core.{call}.await");
    if BODY_INDENT + one_line.len() <= MARGIN {
        text.fixed_line(BODY_INDENT, &one_line);
        return;
    }
    let chain = BODY_INDENT + INDENT;
    text.fixed_line(BODY_INDENT, "self.client");
    text.fixed_line(chain, ".core");
    let call_line = format!(".{call}");
    if chain + call_line.len() <= MARGIN {
        text.fixed_line(chain, &call_line);
    } else {
        text.fixed_line(chain, &format!(".{method}("));
        for argument in &arguments {
            text.line(chain + INDENT, &format!("{argument},"));
        }
        text.fixed_line(chain, ")");
    }
    text.fixed_line(chain, ".await");
}

/// `let mut request = self.client.core.request(method, path)?;`, laid out as `prettyplease` does: on one line;
/// else the chain broken before each `.`; else the call's arguments one a line, and a path built from parts
/// (`&[..].concat()`) broken before `.concat()`, then its parts one a line, as each no longer fits.
fn request_statement(text: &mut CodeText, operation: &Operation) {
    let method = match &operation.method {
        method @ (HttpMethod::Query | HttpMethod::Other(_)) => format!(
            "runtime::ClientCore::extension_method({})?",
            string_literal(method.as_str())
        ),
        standard => format!("runtime::Method::{}", standard.as_str()),
    };
    let parts: Vec<String> = operation
        .path
        .iter()
        .map(|segment| match segment {
            PathSegment::Literal(text) => string_literal(text),
            PathSegment::Parameter(index) => {
                let parameter = &operation.parameters[*index];
                format!(
                    "&runtime::path_parameter({}, &self.{})?",
                    string_literal(&parameter.wire_name),
                    parameter.rust_name
                )
            }
        })
        .collect();
    let literal_only = !operation
        .path
        .iter()
        .any(|segment| matches!(segment, PathSegment::Parameter(_)));
    let (path, array) = match parts.as_slice() {
        [only] if literal_only => (only.clone(), None),
        [] => {
            // `&[].concat()` has no type to infer; never generated.
            text.refuse();
            return;
        }
        parts => {
            let array = format!("&[{}]", parts.join(", "));
            (format!("{array}.concat()"), Some(array))
        }
    };
    let one_line = format!("let mut request = self.client.core.request({method}, {path})?;");
    if BODY_INDENT + one_line.len() <= MARGIN {
        text.fixed_line(BODY_INDENT, &one_line);
        return;
    }
    let chain = BODY_INDENT + INDENT;
    text.fixed_line(BODY_INDENT, "let mut request = self");
    text.fixed_line(chain, ".client");
    text.fixed_line(chain, ".core");
    let call = format!(".request({method}, {path})?;");
    if chain + call.len() <= MARGIN {
        text.fixed_line(chain, &call);
        return;
    }
    let argument = chain + INDENT;
    text.fixed_line(chain, ".request(");
    text.line(argument, &format!("{method},"));
    match array {
        Some(array) if argument + path.len() > MARGIN => {
            if argument + array.len() <= MARGIN {
                text.fixed_line(argument, &array);
            } else {
                text.fixed_line(argument, "&[");
                let last = parts.len() - 1;
                for (index, (part, segment)) in parts.iter().zip(&operation.path).enumerate() {
                    let part = PathPart {
                        text: part,
                        segment,
                        last: index == last,
                    };
                    path_part(text, argument + INDENT, &part, operation);
                }
                text.fixed_line(argument, "]");
            }
            text.fixed_line(argument + INDENT, ".concat(),");
        }
        // The last argument's comma is printed only when it breaks, so it does not count towards fitting; a
        // string literal has nowhere to break, so a long one runs past the margin.
        _ => text.fixed_line(argument, &format!("{path},")),
    }
    text.fixed_line(chain, ")?;");
}

/// One part of a path built from parts: as written, and as the document has it.
struct PathPart<'a> {
    text: &'a str,
    segment: &'a PathSegment,
    /// The last part's comma is printed only when the array breaks, so it does not count towards fitting.
    last: bool,
}

/// One part of a path built from parts, on its line; a parameter's call too long for it is broken, its two
/// arguments one a line.
fn path_part(text: &mut CodeText, indent: usize, part: &PathPart<'_>, operation: &Operation) {
    let width = indent + part.text.len() + usize::from(!part.last);
    match part.segment {
        PathSegment::Parameter(index) if width > MARGIN => {
            let parameter = &operation.parameters[*index];
            text.fixed_line(indent, "&runtime::path_parameter(");
            text.line(
                indent + INDENT,
                &format!("{},", string_literal(&parameter.wire_name)),
            );
            text.line(indent + INDENT, &format!("&self.{},", parameter.rust_name));
            text.fixed_line(indent, ")?,");
        }
        // A literal too long for its line: not modelled.
        _ if width > MARGIN => text.refuse(),
        _ => text.fixed_line(indent, &format!("{},", part.text)),
    }
}

/// `request.call;` at `indent`: on one line, else broken before the `.` (`request` is too long a receiver to keep
/// the call on its line), the call then on one line or refused.
fn request_step(text: &mut CodeText, indent: usize, call: &str) {
    if indent + "request.".len() + call.len() <= MARGIN {
        text.fixed_line(indent, &format!("request.{call}"));
        return;
    }
    text.fixed_line(indent, "request");
    text.line(indent + INDENT, &format!(".{call}"));
}

/// `request.query_styled(wire, &self.field, runtime::QueryStyle::Form { explode: false })?;`: the style is a
/// struct literal of more than 34 columns, which `prettyplease` always breaks, and so every group around it.
fn unexploded_form_step(text: &mut CodeText, wire: &str, field: &str, explode: bool) {
    let call = BODY_INDENT + INDENT;
    let argument = call + INDENT;
    text.fixed_line(BODY_INDENT, "request");
    text.fixed_line(call, ".query_styled(");
    text.line(argument, &format!("{wire},"));
    text.line(argument, &format!("&self.{field},"));
    text.fixed_line(argument, "runtime::QueryStyle::Form {");
    text.fixed_line(argument + INDENT, &format!("explode: {explode},"));
    text.fixed_line(argument, "},");
    text.fixed_line(call, ")?;");
}

/// The statements between building the request and sending it: `Accept`, parameters, body, security, timeout.
/// `None` for a step whose layout is not modelled.
fn steps(text: &mut CodeText, api: &Api, operation: &Operation) -> Option<()> {
    request_step(
        text,
        BODY_INDENT,
        &format!("accept({});", string_literal(&accept(operation))),
    );
    for parameter in &operation.parameters {
        let wire = string_literal(&parameter.wire_name);
        let field = &parameter.rust_name;
        let call = match parameter.location {
            ParameterLocation::Path => continue,
            ParameterLocation::Query if parameter.style != QueryStyle::Form { explode: true } => {
                let style = match parameter.style {
                    QueryStyle::Form { explode } => {
                        unexploded_form_step(text, &wire, field, explode);
                        continue;
                    }
                    QueryStyle::SpaceDelimited => "runtime::QueryStyle::SpaceDelimited",
                    QueryStyle::PipeDelimited => "runtime::QueryStyle::PipeDelimited",
                    QueryStyle::DeepObject => "runtime::QueryStyle::DeepObject",
                };
                request_step(
                    text,
                    BODY_INDENT,
                    &format!("query_styled({wire}, &self.{field}, {style})?;"),
                );
                continue;
            }
            ParameterLocation::Query => "query",
            ParameterLocation::Header => "header",
            ParameterLocation::Cookie => "cookie",
        };
        request_step(
            text,
            BODY_INDENT,
            &[call, "(", &wire, ", &self.", field, ")?;"].concat(),
        );
    }
    if let Some(body) = &operation.body {
        let value = if body.required { "&self.body" } else { "body" };
        let encode = |encoding: BodyEncoding, media_type: &str| {
            let media = string_literal(media_type);
            match encoding {
                BodyEncoding::Json => format!("json_body({value}, {media})?;"),
                BodyEncoding::Form => format!("form_body({value})?;"),
                BodyEncoding::Multipart => {
                    let files: Vec<String> = multipart_files(api, &body.ty)
                        .into_iter()
                        .map(|(name, is_list)| format!("({}, {is_list})", string_literal(&name)))
                        .collect();
                    format!("multipart_body({value}, &[{}])?;", files.join(", "))
                }
                BodyEncoding::Text => format!("text_body({value}, {media});"),
                BodyEncoding::Binary => format!("bytes_body({value}, {media});"),
            }
        };
        let indent = if body.required {
            BODY_INDENT
        } else {
            text.fixed_line(BODY_INDENT, "if let Some(body) = &self.body {");
            BODY_INDENT + INDENT
        };
        if body.alternatives.is_empty() {
            request_step(text, indent, &encode(body.encoding, &body.media_type));
        } else {
            // The media type the caller chose: each alternative's arm is a block of its one statement.
            text.fixed_line(indent, "match self.body_media {");
            let choices = body
                .alternatives
                .iter()
                .enumerate()
                .map(|(index, alternative)| {
                    (
                        (index + 1).to_string(),
                        encode(alternative.encoding, &alternative.media_type),
                    )
                });
            let default = ("_".to_owned(), encode(body.encoding, &body.media_type));
            for (pattern, set) in choices.chain([default]) {
                text.fixed_line(indent + INDENT, &format!("{pattern} => {{"));
                request_step(text, indent + 2 * INDENT, &set);
                text.fixed_line(indent + INDENT, "}");
            }
            text.fixed_line(indent, "}");
        }
        if !body.required {
            text.fixed_line(BODY_INDENT, "}");
        }
    }
    if !operation.security.is_empty() {
        let alternatives: Vec<String> = operation
            .security
            .iter()
            .map(|alternative| {
                let names: Vec<String> = alternative
                    .iter()
                    .map(|name| string_literal(name))
                    .collect();
                format!("&[{}]", names.join(", "))
            })
            .collect();
        request_step(
            text,
            BODY_INDENT,
            &format!("security(&[{}]);", alternatives.join(", ")),
        );
    }
    text.fixed_line(BODY_INDENT, "request.timeout(self.timeout);");
    Some(())
}

#[cfg(test)]
mod tests {
    use super::super::outcomes::send_doc;
    use super::super::send::send_method;
    use super::*;
    use std::fmt::Write as _;

    /// A document whose operations sweep the lengths at which `send`'s lines wrap: paths of literal and
    /// parameter parts of growing length, long type names, parameters of every location, bodies, security,
    /// per-status responses and streams.
    fn document() -> String {
        let mut paths = String::new();
        for length in (1..=90).step_by(3) {
            let segment = "s".repeat(length);
            let name = format!("{}{length}", "p".repeat(length.min(60)));
            let required = length % 2 == 0;
            let _ = write!(
                paths,
                r#"
  /{segment}:
    get:
      operationId: literal{length}
      parameters:
        - {{name: q{name}, in: query, schema: {{type: string}}}}
        - {{name: $select, in: query, style: form, explode: false, schema: {{type: array, items: {{type: string}}}}}}
        - {{name: h{name}, in: header, schema: {{type: integer}}}}
      responses:
        "200": {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/T{name}'}}}}}}}}
        "404": {{description: no, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Problem'}}}}}}}}
  /{segment}/{{id{name}}}/x/{{other}}:
    post:
      operationId: parts{length}
      security: [{{k: []}}, {{}}]
      parameters:
        - {{name: id{name}, in: path, required: true, schema: {{type: string}}}}
        - {{name: other, in: path, required: true, schema: {{type: integer}}}}
        - {{name: c, in: cookie, schema: {{type: string}}}}
        - {{name: d, in: query, style: pipeDelimited, schema: {{type: array, items: {{type: string}}}}}}
      requestBody:
        content: {{application/json: {{schema: {{$ref: '#/components/schemas/T{name}'}}}}}}
      responses:
        "200": {{description: ok, content: {{text/plain: {{schema: {{type: string}}}}}}}}
        "201": {{description: made, content: {{application/json: {{schema: {{$ref: '#/components/schemas/T{name}'}}}}}}}}
        "400": {{description: no, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Problem'}}}}}}}}
        "409": {{description: clash, content: {{application/json: {{schema: {{type: object}}}}}}}}
  /end/{segment}/{{id{name}}}:
    get:
      operationId: ends{length}
      parameters:
        - {{name: id{name}, in: path, required: true, schema: {{type: string}}}}
      responses:
        "204": {{description: gone}}
  /e/{segment}/{{id}}:
    delete:
      operationId: empty{length}
      parameters:
        - {{name: id, in: path, required: true, schema: {{type: string}}}}
      requestBody:
        required: true
        content: {{text/plain: {{schema: {{type: string}}}}}}
      responses:
        "204": {{description: gone}}
  /c/{segment}/{{v}}:
    get:
      operationId: short{length}
      parameters:
        - {{name: v, in: path, required: true, schema: {{type: string}}}}
      responses:
        "200": {{description: ok}}
  /st/{length}:
    get:
      operationId: status{segment}
      responses:
        "200": {{description: ok, content: {{text/plain: {{schema: {{type: string}}}}}}}}
        "201": {{description: made, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Problem'}}}}}}}}
        "400": {{description: no, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Problem'}}}}}}}}
        "409": {{description: clash, content: {{application/json: {{schema: {{type: object}}}}}}}}
  /sse/{segment}:
    get:
      operationId: events{length}
      responses:
        "200": {{description: ok, content: {{text/event-stream: {{schema: {{$ref: '#/components/schemas/T{name}'}}}}}}}}
  /alt/{segment}:
    put:
      operationId: alternatives{length}
      requestBody:
        required: {required}
        content:
          application/json: {{schema: {{$ref: '#/components/schemas/T{name}'}}}}
          application/vnd.{segment}+json: {{schema: {{$ref: '#/components/schemas/T{name}'}}}}
      responses:
        "204": {{description: gone}}
  /dl/{segment}/{{id{name}}}:
    get:
      operationId: download{length}
      parameters:
        - {{name: id{name}, in: path, required: true, schema: {{type: string}}}}
        - {{name: q{name}, in: query, schema: {{type: string}}}}
      responses:
        "200": {{description: ok, content: {{application/octet-stream: {{schema: {{type: string, format: binary}}}}}}}}
        "404": {{description: no, content: {{application/json: {{schema: {{$ref: '#/components/schemas/T{name}'}}}}}}}}
"#
            );
        }
        // A last path part of every width around the margin (its field name one longer than its wire name
        // when that ends in a capital), where only its comma would pass it.
        for length in 8..=20 {
            for wire in ["x".repeat(length), format!("{}Y", "x".repeat(length))] {
                let _ = write!(
                    paths,
                    r#"
  /last/{{{wire}}}:
    get:
      operationId: last{wire}
      parameters:
        - {{name: {wire}, in: path, required: true, schema: {{type: string}}}}
      responses:
        "204": {{description: gone}}
"#
                );
            }
        }
        let mut schemas =
            String::from("    Problem: {type: object, properties: {m: {type: string}}}\n");
        for length in (1..=90).step_by(3) {
            let name = format!("{}{length}", "p".repeat(length.min(60)));
            let _ = writeln!(
                schemas,
                "    T{name}: {{type: object, properties: {{m: {{type: string}}}}}}"
            );
        }
        format!(
            "openapi: 3.0.3\ninfo: {{title: Sweep, version: '1'}}\npaths:{paths}components:\n  securitySchemes:\n    k: {{type: apiKey, in: header, name: X-Key}}\n  schemas:\n{schemas}"
        )
    }

    #[test]
    fn send_is_written_as_prettyplease_prints_it() {
        let lowered = crate::lower_str(&document(), "sweep.yaml").expect("the document lowers");
        let api = &lowered.api;
        let mut written = String::new();
        for operation in &api.operations {
            let tokens = send_method(api, operation);
            let printed = prettyplease::unparse(
                &syn::parse2(quote::quote!(impl<'a> B<'a> { #tokens })).expect("tokens parse"),
            );
            if let Some(text) = send_text(api, operation, &send_doc(api, operation)) {
                assert_eq!(
                    format!("impl<'a> B<'a> {{\n{text}}}\n"),
                    printed,
                    "{}",
                    operation.rust_name
                );
                written.push_str(&text);
            }
        }
        // Every layout was met and written; the refused sends are those with a line that cannot fit.
        for layout in [
            "    pub async fn send(self) -> Result<",
            "    pub async fn send(\n        self,\n    ) -> Result<types::",
            "    ) -> Result<\n",
            "        let mut request = self.client.core.request(",
            "        let mut request = self\n            .client\n            .core\n            .request(runtime",
            "            .request(\n                runtime::Method::GET,\n                &[\"",
            "]\n                    .concat(),\n",
            "].concat(),\n",
            "                &[\n",
            "                    &runtime::path_parameter(\n                        \"id",
            "                    .concat(),\n",
            "        request\n            .query(",
            "        request\n            .query_styled(\n                \"$select\",\n                &self.select,\n",
            "        if let Some(body) = &self.body {\n",
            "        self.client.core.send_json(request).await\n",
            "        self.client\n            .core\n            .send(request, ",
            "        self.client\n            .core\n            .send(\n",
            ".send_events(request, runtime::decode::json_error)",
            "    fn build_request(&self) -> Result<runtime::Request, runtime::InvalidRequest> {\n",
            "    pub async fn send_stream(\n        self,\n    ) -> Result<\n        runtime::ByteStream<types::",
            "        self.client.core.send_stream(request).await\n",
            "        match self.body_media {\n            1 => {\n",
            "            match self.body_media {\n                1 => {\n",
        ] {
            assert!(written.contains(layout), "no send written as {layout:?}");
        }
    }
}
