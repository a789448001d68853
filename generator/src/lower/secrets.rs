//! Which string properties are credentials: their values are held in `runtime::Secret`, whose `Debug` and
//! `Display` print nothing of them, so a response that carries a new API token or a connection's password can be
//! logged with `{:?}` safely.
//!
//! The rules, in order: `x-sensitive: true|false` on the property decides; else `format: password`; else the
//! property's name, folded to lower case without `_` and `-`, is one of `SECRET_NAMES` or ends in `password` or
//! `secret`. Names that only look like credentials (`nextToken`, `pageToken`: cursors) are not in the list.

use openapiv3::{ReferenceOr, Schema, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};

use super::Lowerer;
use crate::ir::{Primitive, TypeRef};

/// Property names (folded) that hold a credential.
const SECRET_NAMES: &[&str] = &[
    "token",
    "accesstoken",
    "refreshtoken",
    "idtoken",
    "apitoken",
    "authtoken",
    "bearertoken",
    "sessiontoken",
    "apikey",
    "privatekey",
    "secretkey",
    "passphrase",
    "passwd",
];

impl Lowerer<'_> {
    /// `ty`, or the secret string type when the property is a credential by the rules above.
    pub(super) fn credential_type(
        &self,
        ty: TypeRef,
        wire_name: &str,
        property: &ReferenceOr<Box<Schema>>,
    ) -> TypeRef {
        if ty != TypeRef::Primitive(Primitive::String) {
            return ty;
        }
        let schema = match property {
            ReferenceOr::Item(schema) => Some(schema.as_ref()),
            ReferenceOr::Reference { .. } => None,
        };
        let marked = schema.and_then(|schema| {
            schema
                .schema_data
                .extensions
                .get("x-sensitive")
                .and_then(serde_json::Value::as_bool)
        });
        let password_format = schema.is_some_and(|schema| {
            matches!(
                &schema.schema_kind,
                SchemaKind::Type(Type::String(string))
                    if matches!(string.format, VariantOrUnknownOrEmpty::Item(StringFormat::Password))
            )
        });
        if marked.unwrap_or(password_format || is_secret_name(wire_name)) {
            TypeRef::Primitive(Primitive::Secret)
        } else {
            ty
        }
    }
}

fn is_secret_name(name: &str) -> bool {
    let folded: String = name
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect();
    SECRET_NAMES.contains(&folded.as_str())
        || folded.ends_with("password")
        || folded.ends_with("secret")
}

#[cfg(test)]
mod tests {
    use super::is_secret_name;

    #[test]
    fn credential_names_are_secret_and_cursors_are_not() {
        for name in [
            "token",
            "access_token",
            "apiKey",
            "client_secret",
            "password",
            "new-password",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in [
            "nextToken",
            "page_token",
            "tokenId",
            "secretName",
            "kind",
            "passwordPolicy",
        ] {
            assert!(!is_secret_name(name), "{name}");
        }
    }
}
