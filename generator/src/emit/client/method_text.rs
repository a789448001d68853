//! A `Client` method written as the text `prettyplease` prints for `client_method`'s tokens: its doc (with its
//! example), the signature taking the required parameters, and the builder it returns. There is one per
//! operation, 22 000 in Microsoft Graph beta's client, all in the one `impl Client` block.

use super::builder::takes_string;
use crate::emit::text::{CodeText, LiteralFn};
use crate::emit::{type_text, Scope};
use crate::ir::{Api, Operation};

/// What a method's doc holds: the paragraphs of `operation_doc` and, when examples are written, its example.
pub(super) struct MethodDoc<'a> {
    pub paragraphs: &'a [String],
    pub example: Option<&'a [String]>,
}

/// The method of `operation` inside the `impl Client` block, or `None` when a line would not print as written.
pub(super) fn client_method_text(
    api: &Api,
    operation: &Operation,
    doc: &MethodDoc<'_>,
) -> Option<String> {
    let mut inputs = vec!["&self".to_owned()];
    let mut fields = vec!["client: self".to_owned()];
    for parameter in &operation.parameters {
        let name = &parameter.rust_name;
        if !parameter.required {
            fields.push(format!("{name}: None"));
        } else if takes_string(parameter) {
            inputs.push(format!("{name}: impl Into<String>"));
            fields.push(format!("{name}: {name}.into()"));
        } else {
            inputs.push(format!(
                "{name}: {}",
                type_text(api, &parameter.ty, Scope::Client)
            ));
            fields.push(name.clone());
        }
    }
    if let Some(body) = &operation.body {
        if body.required {
            inputs.push(format!("body: {}", type_text(api, &body.ty, Scope::Client)));
            fields.push("body".to_owned());
        } else {
            fields.push("body: None".to_owned());
        }
        if !body.alternatives.is_empty() {
            fields.push("body_media: 0".to_owned());
        }
    }
    fields.push("timeout: None".to_owned());
    let mut text = CodeText::new();
    text.doc(4, doc.paragraphs.iter().map(String::as_str));
    if let Some(example) = doc.example {
        text.generated_doc(4, example);
    }
    if operation.deprecated {
        text.fixed_line(4, "#[deprecated]");
    }
    let builder = &operation.builder_name;
    text.literal_fn(
        4,
        &LiteralFn {
            head: &format!("pub fn {}", operation.rust_name),
            inputs: &inputs,
            output: &format!("{builder}<'_>"),
            literal_type: builder,
            fields: &fields,
        },
    );
    text.finish()
}

#[cfg(test)]
mod tests {
    use super::super::{client_method, operation_doc};
    use super::*;
    use crate::emit::examples::Examples;
    use quote::quote;

    /// Operations with short and long names, no, few and many required parameters of plain, string and generic
    /// types, optional and required bodies and deprecation, documented with and without examples.
    const DOCUMENT: &str = r#"
openapi: 3.0.3
info: {title: Pets, version: "1.0"}
paths:
  /pets:
    get:
      operationId: listPets
      summary: List the pets.
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
      responses:
        "200": {description: ok}
  /pets/{petId}/owners/{ownerId}/addresses/{addressId}/history/{entryId}:
    post:
      operationId: recordTheVeryLongHistoryEntryOfAnAddressOfAnOwnerOfAPet
      deprecated: true
      description: "A description long enough that its line runs far past the margin of eighty-nine columns, which doc comments may."
      parameters:
        - {name: petId, in: path, required: true, schema: {type: string}}
        - {name: ownerId, in: path, required: true, schema: {type: integer, format: int64}}
        - {name: addressId, in: path, required: true, schema: {type: string}}
        - {name: entryId, in: path, required: true, schema: {type: string, format: uuid}}
        - {name: tags, in: query, required: true, schema: {type: array, items: {type: string}}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/HistoryEntryWithAVeryLongNameIndeed'}
      responses:
        "200": {description: ok}
  /p/{id}:
    put:
      operationId: put
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema: {type: object, additionalProperties: {type: integer}}
      responses:
        "204": {description: done}
components:
  schemas:
    HistoryEntryWithAVeryLongNameIndeed:
      type: object
      properties:
        note: {type: string}
"#;

    #[test]
    fn client_methods_are_written_as_prettyplease_prints_them() {
        let lowered = crate::lower_str(DOCUMENT, "pets.yaml").expect("the document lowers");
        let api = &lowered.api;
        let examples = Examples::new(api, "pets");
        let mut written = 0;
        for operation in &api.operations {
            for example in [None, Some(examples.operation_example(operation))] {
                let paragraphs = operation_doc(api, operation);
                let doc = MethodDoc {
                    paragraphs: &paragraphs,
                    example: example.as_deref(),
                };
                let tokens = client_method(api, operation, &doc);
                let printed = prettyplease::unparse(
                    &syn::parse2(quote!(impl Client { #tokens })).expect("tokens parse"),
                );
                if let Some(text) = client_method_text(api, operation, &doc) {
                    assert_eq!(format!("impl Client {{\n{text}}}\n"), printed);
                    written += 1;
                }
            }
        }
        assert_eq!(written, 2 * api.operations.len(), "every method is written");
    }
}
