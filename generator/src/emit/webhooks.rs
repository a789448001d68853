//! The `webhooks` module: one alias per webhook naming the type of the request body the API sends, so a receiver
//! deserializes what it is sent (`serde_json::from_slice::<webhooks::NewPetWebhook>(&body)`).

use proc_macro2::TokenStream;
use quote::quote;

use super::{docs, ident, type_tokens, Scope};
use crate::ir::Api;

pub(super) fn module(api: &Api) -> TokenStream {
    let aliases = api.webhooks.iter().map(|webhook| {
        let name = ident(&webhook.rust_name);
        let payload = type_tokens(api, &webhook.payload, Scope::Client);
        let heading = format!(
            "The body of the `{}` webhook, which the API sends as a `{}` request.",
            webhook.wire_name, webhook.method
        );
        let doc = docs::doc_attrs([heading.as_str(), webhook.doc.as_deref().unwrap_or_default()]);
        quote! {
            #doc
            pub type #name = #payload;
        }
    });
    let module_doc = docs::inner_doc_attrs([
        "The requests this API sends to a receiver you run (its webhooks): deserialize each request's body as the \
         payload type named after the webhook.",
    ]);
    quote! {
        #module_doc
        #[allow(unused_imports)]
        use super::types;
        #(#aliases)*
    }
}
