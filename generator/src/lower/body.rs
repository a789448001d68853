//! Request bodies: the media type sent (JSON first, then form, multipart, text, bytes), the other media types
//! that carry the same value, and the body's type.

use openapiv3::ReferenceOr;

use super::{prose, Lowerer};
use crate::diagnostics::pointer_join;
use crate::ir::{BodyAlternative, BodyEncoding, Primitive, RequestBody, TypeRef};
use crate::naming::{snake_name, unraw, Namespace};

impl<'a> Lowerer<'a> {
    pub(super) fn lower_request_body(
        &mut self,
        body: &ReferenceOr<openapiv3::RequestBody>,
        stem: &str,
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
                &format!("{stem}Body"),
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
}
