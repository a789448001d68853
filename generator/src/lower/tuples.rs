//! Arrays described member by member (`prefixItems`, kept by normalization as `x-prefix-items`): a Rust tuple when
//! the length is fixed, otherwise a list of the one type all members share, otherwise a list of JSON values.

use openapiv3::{ArrayType, ReferenceOr, Schema};

use super::Lowerer;
use crate::diagnostics::pointer_join;
use crate::ir::{Primitive, TypeRef};

/// The extension normalization keeps `prefixItems` under, and the flag it sets for `items: false`.
const PREFIX_ITEMS: &str = "x-prefix-items";
const CLOSED: &str = "x-tuple-closed";

impl Lowerer<'_> {
    /// The type of an array schema with `prefixItems`, or `None` when it has none.
    pub(super) fn tuple_type(
        &mut self,
        schema: &Schema,
        array: &ArrayType,
        name_hint: &str,
        pointer: &str,
    ) -> Option<TypeRef> {
        let extensions = &schema.schema_data.extensions;
        let members = extensions.get(PREFIX_ITEMS)?.as_array()?;
        let list_pointer = pointer_join(pointer, &[PREFIX_ITEMS]);
        let mut types = Vec::with_capacity(members.len());
        for (index, member) in members.iter().enumerate() {
            let member_pointer = format!("{list_pointer}/{index}");
            let ty = match serde_json::from_value::<ReferenceOr<Schema>>(member.clone()) {
                Ok(member) => {
                    self.lower_schema(&member, &format!("{name_hint}{index}"), &member_pointer)
                }
                Err(error) => {
                    self.warn(&member_pointer, format!("this tuple member is not a schema ({error}); it is typed as a JSON value"));
                    TypeRef::Primitive(Primitive::Json)
                }
            };
            types.push(ty);
        }
        let count = members.len();
        let closed = extensions.get(CLOSED).is_some() || array.max_items == Some(count);
        let rest = array.items.as_ref().map(|items| {
            self.lower_boxed_schema(
                items,
                &format!("{name_hint}Rest"),
                &pointer_join(pointer, &["items"]),
            )
        });
        if closed && rest.is_none() && array.min_items == Some(count) && count > 0 {
            return Some(TypeRef::Tuple(types));
        }
        // Of varying length: a list, typed when every member (and what may follow) has the same type.
        let first = types.first().cloned().or_else(|| rest.clone());
        let shared = first.filter(|first| types.iter().chain(rest.as_ref()).all(|ty| ty == first));
        Some(TypeRef::Array(Box::new(shared.unwrap_or_else(|| {
            self.warn(pointer, "the members of this tuple have different types and its length varies (`minItems`/`maxItems` differ from the `prefixItems`); it is typed as a list of JSON values");
            TypeRef::Primitive(Primitive::Json)
        }))))
    }
}
