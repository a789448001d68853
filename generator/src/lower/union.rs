//! Unions: a `oneOf` or `anyOf` becomes an enum of its members, tagged by the discriminator (or by a property each
//! member pins to its own value) or untagged, with untagged variants ordered from the most to the least specific.

use std::collections::BTreeSet;

use openapiv3::{Discriminator, ReferenceOr, Schema, SchemaKind, Type};

use super::enums::merged_string_enum;
use super::refs::Target;
use super::{Lowerer, Shape, MAX_REF_HOPS};
use crate::diagnostics::{pointer_join, unescape_pointer_token};
use crate::ir::{Primitive, Struct, TypeDef, TypeKind, TypeRef, Union, UnionTagging, UnionVariant};
use crate::naming::{camel_name, inline_variant_name, union_variant_names, Namespace};

/// A `oneOf` or `anyOf` being lowered: what every strategy reads.
struct UnionSite<'s> {
    members: &'s [ReferenceOr<Schema>],
    /// `oneOf` or `anyOf`: where the members are under `pointer`.
    keyword: UnionKeyword,
    discriminator: Option<&'s Discriminator>,
    name_hint: &'s str,
    pointer: &'s str,
}

/// Which keyword a union is written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum UnionKeyword {
    OneOf,
    AnyOf,
}

impl UnionKeyword {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            UnionKeyword::OneOf => "oneOf",
            UnionKeyword::AnyOf => "anyOf",
        }
    }
}

/// A union member lowered: the name it suggests for its variant, its type, and the tag values that select it.
struct Member {
    base_name: String,
    ty: TypeRef,
    tag_values: Vec<String>,
}

impl<'a> Lowerer<'a> {
    /// Lowers a `oneOf` or `anyOf` by the first of these strategies that applies, each a function below with its
    /// rule: documented values, discriminated, pinned tag, untagged.
    pub(super) fn union_shape(
        &mut self,
        members: &[ReferenceOr<Schema>],
        keyword: UnionKeyword,
        schema: &Schema,
        name_hint: &str,
        pointer: &str,
    ) -> Shape {
        let union = UnionSite {
            members,
            keyword,
            discriminator: schema.schema_data.discriminator.as_ref(),
            name_hint,
            pointer,
        };
        documented_values(&union)
            .or_else(|| self.discriminated(&union))
            .or_else(|| self.pinned_tag(&union))
            .unwrap_or_else(|| self.untagged(&union))
    }

    /// A `discriminator` names the tag property; each `$ref` member is selected by the values its `mapping`
    /// gives it; when the mapping has none, by the one value the member pins the property to (`const`, as pydantic
    /// writes tags), else by its schema's own name.
    fn discriminated(&mut self, union: &UnionSite<'_>) -> Option<Shape> {
        let discriminator = union.discriminator?;
        let mut members = self.lower_members(union, None);
        for (member, schema) in members.iter_mut().zip(union.members) {
            let ReferenceOr::Reference { reference } = schema else {
                continue;
            };
            member.tag_values = discriminator
                .mapping
                .iter()
                .filter(|(_, target)| {
                    *target == reference || reference.ends_with(&format!("/{target}"))
                })
                .map(|(value, _)| value.clone())
                .collect();
            if member.tag_values.is_empty() {
                let pinned = self.schema_at(reference).ok().and_then(|schema| {
                    single_value_properties(&schema)
                        .into_iter()
                        .find(|(name, _)| *name == discriminator.property_name)
                        .map(|(_, value)| value)
                });
                let schema_name = || reference.rsplit('/').next().unwrap_or(reference).to_owned();
                member.tag_values.push(pinned.unwrap_or_else(schema_name));
            }
        }
        let (variants, mut variant_names) = union_variants(members);
        if variants
            .iter()
            .any(|variant| !matches!(variant.ty, TypeRef::Named(_)))
        {
            self.warn(union.pointer, "a discriminated oneOf should list only `$ref`s; inline members are decoded without the tag");
        }
        let tagging = UnionTagging::Tagged {
            property: discriminator.property_name.clone(),
            unknown_variant: variant_names.claim("Unknown"),
        };
        Some(Shape::Definition(TypeKind::Union(Union {
            variants,
            tagging,
        })))
    }

    /// Without a discriminator, members that each pin one property to a distinct single value (a one-value enum,
    /// as Oxide's and Astro's documents do) are tagged by that property all the same. Inline members leave the
    /// property to the union.
    fn pinned_tag(&mut self, union: &UnionSite<'_>) -> Option<Shape> {
        let (property, values) = self.inferred_tag(union.members)?;
        let mut members = self.lower_members(union, Some(&property));
        for (member, value) in members.iter_mut().zip(values) {
            member.tag_values = vec![value];
        }
        let (variants, mut variant_names) = union_variants(members);
        let tagging = UnionTagging::Tagged {
            property,
            unknown_variant: variant_names.claim("Unknown"),
        };
        Some(Shape::Definition(TypeKind::Union(Union {
            variants,
            tagging,
        })))
    }

    /// Otherwise the first member that decodes wins (variants are ordered after lowering, in
    /// `order_untagged_variants`).
    fn untagged(&mut self, union: &UnionSite<'_>) -> Shape {
        let members = self.lower_members(union, None);
        let (variants, _) = union_variants(members);
        Shape::Definition(TypeKind::Union(Union {
            variants,
            tagging: UnionTagging::Untagged,
        }))
    }

    /// Lowers every member in order; inline members of a union tagged by `tag_property` leave it out.
    fn lower_members(&mut self, union: &UnionSite<'_>, tag_property: Option<&str>) -> Vec<Member> {
        let mut members = Vec::with_capacity(union.members.len());
        for (index, member) in union.members.iter().enumerate() {
            let member_pointer =
                pointer_join(union.pointer, &[union.keyword.as_str(), &index.to_string()]);
            let (base_name, ty) = match member {
                ReferenceOr::Reference { reference } => {
                    let short = reference.rsplit('/').next().unwrap_or(reference);
                    (
                        camel_name(&unescape_pointer_token(short)),
                        self.schema_reference(reference, &member_pointer),
                    )
                }
                ReferenceOr::Item(inline) => {
                    let hint = format!("{}Variant{index}", union.name_hint);
                    let ty = match tag_property {
                        Some(property) => {
                            self.lower_tagged_member(inline, property, &hint, &member_pointer)
                        }
                        None => self.lower_inline(inline, &hint, &member_pointer),
                    };
                    (inline_variant_name(&ty, index), ty)
                }
            };
            members.push(Member {
                base_name,
                ty,
                tag_values: Vec::new(),
            });
        }
        members
    }

    /// Lowers an inline member of a union tagged by `property`, leaving that property out: the union reads and
    /// writes the tag, so a field for it would only be a value the user must pass and keep consistent, with a
    /// one-value enum type of its own.
    fn lower_tagged_member(
        &mut self,
        member: &Schema,
        property: &str,
        name_hint: &str,
        pointer: &str,
    ) -> TypeRef {
        let mut member = member.clone();
        let (properties, required, has_additional) = match &mut member.schema_kind {
            SchemaKind::Type(Type::Object(object)) => (
                &mut object.properties,
                &mut object.required,
                object.additional_properties.is_some(),
            ),
            SchemaKind::Any(any) => (
                &mut any.properties,
                &mut any.required,
                any.additional_properties.is_some(),
            ),
            _ => return self.lower_inline(&member, name_hint, pointer),
        };
        properties.shift_remove(property);
        required.retain(|name| name != property);
        if properties.is_empty() && !has_additional {
            // Only the tag: an empty struct, so the variant carries no data rather than a free-form object.
            let empty = TypeKind::Struct(Struct {
                fields: Vec::new(),
                additional_properties: None,
            });
            return self.define_inline(&member, name_hint, pointer, empty);
        }
        self.lower_inline(&member, name_hint, pointer)
    }

    /// The property that every member of a `oneOf` pins to its own single value, with those values in member order.
    pub(super) fn inferred_tag(
        &self,
        one_of: &[ReferenceOr<Schema>],
    ) -> Option<(String, Vec<String>)> {
        if one_of.is_empty() {
            return None;
        }
        let pinned: Vec<Vec<(String, String)>> = one_of
            .iter()
            .map(|member| {
                let schema = match member {
                    ReferenceOr::Item(schema) => Some(Target::Borrowed(schema)),
                    ReferenceOr::Reference { reference } => self.schema_at(reference).ok(),
                };
                schema
                    .map(|schema| single_value_properties(&schema))
                    .unwrap_or_default()
            })
            .collect();
        pinned[0].iter().map(|(name, _)| name).find_map(|name| {
            let values: Option<Vec<String>> = pinned
                .iter()
                .map(|member| {
                    member
                        .iter()
                        .find(|(n, _)| n == name)
                        .map(|(_, v)| v.clone())
                })
                .collect();
            let values = values?;
            let distinct: BTreeSet<&String> = values.iter().collect();
            (distinct.len() == values.len()).then(|| (name.clone(), values))
        })
    }

    /// Orders the variants of every untagged union from the most to the least specific, because serde takes the
    /// first variant that decodes. The rule, applied as a stable sort:
    /// 1. objects, those with more required properties first (an object with none accepts almost anything);
    /// 2. other named types (unions, aliases);
    /// 3. arrays, booleans, integers, then other numbers;
    /// 4. dates and timestamps, then strings and string enums (an open enum accepts any string);
    /// 5. maps and free-form JSON values last.
    pub(super) fn order_untagged_variants(&mut self) {
        let ranks: Vec<Vec<(u8, usize)>> = self
            .types
            .iter()
            .map(|def| match &def.kind {
                TypeKind::Union(union) if union.tagging == UnionTagging::Untagged => union
                    .variants
                    .iter()
                    .map(|variant| specificity(&self.types, &variant.ty))
                    .collect(),
                _ => Vec::new(),
            })
            .collect();
        for (def, ranks) in self.types.iter_mut().zip(ranks) {
            if let TypeKind::Union(union) = &mut def.kind {
                if union.tagging == UnionTagging::Untagged {
                    let mut ranked: Vec<_> =
                        ranks.into_iter().zip(union.variants.drain(..)).collect();
                    ranked.sort_by_key(|(rank, _)| *rank);
                    union.variants = ranked.into_iter().map(|(_, variant)| variant).collect();
                }
            }
        }
    }
}

/// The properties of an object schema that allow exactly one string value (`enum: [x]`), with that value.
fn single_value_properties(schema: &Schema) -> Vec<(String, String)> {
    let properties = match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => &object.properties,
        SchemaKind::Any(any) => &any.properties,
        _ => return Vec::new(),
    };
    properties
        .iter()
        .filter_map(|(name, property)| {
            let ReferenceOr::Item(property) = property else {
                return None;
            };
            match &property.schema_kind {
                SchemaKind::Type(Type::String(string)) => match string.enumeration.as_slice() {
                    [Some(value)] => Some((name.clone(), value.clone())),
                    _ => None,
                },
                _ => None,
            }
        })
        .collect()
}

/// The sort key of an untagged union variant; see `Lowerer::order_untagged_variants`.
fn specificity(types: &[TypeDef], ty: &TypeRef) -> (u8, usize) {
    let mut current = ty.clone();
    // Look through aliases to what they name.
    for _ in 0..MAX_REF_HOPS {
        match &current {
            TypeRef::Named(id) => match &types[id.0].kind {
                TypeKind::Alias(target) => current = target.clone(),
                TypeKind::Struct(data) => {
                    let required = data.fields.iter().filter(|f| f.required).count();
                    return if required > 0 {
                        (0, usize::MAX - required)
                    } else {
                        (1, 0)
                    };
                }
                TypeKind::Union(_) => return (2, 0),
                TypeKind::Enum(_) => return (7, 0),
            },
            TypeRef::Array(_) | TypeRef::Tuple(_) => return (3, 0),
            TypeRef::Map(_) => return (8, 0),
            TypeRef::Primitive(primitive) => {
                return match primitive {
                    Primitive::Bool | Primitive::Bytes => (4, 0),
                    Primitive::I32
                    | Primitive::I64
                    | Primitive::U32
                    | Primitive::U64
                    | Primitive::I128
                    | Primitive::U128 => (5, 0),
                    Primitive::F32 | Primitive::F64 => (5, 1),
                    Primitive::DateTime | Primitive::Date | Primitive::Uuid => (6, 0),
                    Primitive::Base64 => (6, 1),
                    Primitive::String | Primitive::Secret => (7, 1),
                    Primitive::Json => (9, 0),
                }
            }
        }
    }
    (9, 0)
}

/// A `oneOf` whose members are each inline string enums (one documented value each, as some generators write
/// them) is one open enum of all the values.
fn documented_values(union: &UnionSite<'_>) -> Option<Shape> {
    if union.discriminator.is_some() {
        return None;
    }
    merged_string_enum(union.members).map(|merged| Shape::Definition(TypeKind::Enum(merged)))
}

/// The variants of a union, named from its members, and the namespace of those names (which the unknown
/// variant of a tagged union joins).
fn union_variants(members: Vec<Member>) -> (Vec<UnionVariant>, Namespace) {
    let named: Vec<(String, TypeRef, Vec<String>)> = members
        .into_iter()
        .map(|member| (member.base_name, member.ty, member.tag_values))
        .collect();
    let names = union_variant_names(&named);
    let mut variant_names = Namespace::new();
    let variants = named
        .into_iter()
        .zip(names)
        .map(|((_, ty, tag_values), name)| UnionVariant {
            rust_name: variant_names.claim(&name),
            ty,
            tag_values,
            boxed: false,
        })
        .collect();
    (variants, variant_names)
}
