// This file is copied from `generator/runtime/object.rs` by `cargo xtask codegen`. Do not edit it here.

//! Decoding JSON objects into generated structs.
//!
//! serde's derived `Deserialize` writes, for every struct, an enum of its fields with three visitors, a decoder
//! for JSON arrays and a visitor of its own; in a crate of hundreds of structs that code is about two fifths of
//! the build. A generated struct instead invokes `object_decoder!`, which expands to one `match` on member
//! names and one line per field; the visitor, the member-name reader and the per-field steps are shared, here.
//!
//! What a decoder accepts is what the derive with the attributes generated before accepted: members in any
//! order, unknown members skipped (or collected into the struct's map of additional properties), a repeated
//! member an error, a missing required member an error naming it, and a missing optional member empty.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, Error, MapAccess, Visitor};

/// A struct that is decoded from the members of a JSON object.
pub trait FromObject<'de>: Sized {
    /// The type's name, for error messages.
    const NAME: &'static str;

    /// Reads every member of the object.
    fn from_members<M: MapAccess<'de>>(members: M) -> Result<Self, M::Error>;
}

/// Decodes `T` from a JSON object.
#[inline]
pub fn decode<'de, T: FromObject<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: FromObject<'de>> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "a `{}` object", T::NAME)
    }

    #[inline]
    fn visit_map<M: MapAccess<'de>>(self, members: M) -> Result<T, M::Error> {
        T::from_members(members)
    }
}

/// A member name: borrowed from the input where the decoder can, copied only when it had to unescape it.
pub struct MemberName<'de>(Cow<'de, str>);

impl MemberName<'_> {
    /// The name as written, unescaped.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name as an owned string, copied only if it was borrowed.
    #[inline]
    pub fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> Deserialize<'de> for MemberName<'de> {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NameVisitor;

        impl<'de> Visitor<'de> for NameVisitor {
            type Value = MemberName<'de>;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("a member name")
            }

            #[inline]
            fn visit_borrowed_str<E: Error>(self, name: &'de str) -> Result<Self::Value, E> {
                Ok(MemberName(Cow::Borrowed(name)))
            }

            #[inline]
            fn visit_str<E: Error>(self, name: &str) -> Result<Self::Value, E> {
                Ok(MemberName(Cow::Owned(name.to_owned())))
            }

            #[inline]
            fn visit_string<E: Error>(self, name: String) -> Result<Self::Value, E> {
                Ok(MemberName(Cow::Owned(name)))
            }
        }

        deserializer.deserialize_str(NameVisitor)
    }
}

/// Skips the value of a member the struct does not list.
#[inline]
pub fn skip<'de, M: MapAccess<'de>>(members: &mut M) -> Result<(), M::Error> {
    members.next_value::<serde::de::IgnoredAny>().map(drop)
}

/// Keeps the value of a member the struct does not list in its map of additional properties.
#[inline]
pub fn collect<'de, M: MapAccess<'de>, V: Deserialize<'de>>(
    members: &mut M,
    name: MemberName<'de>,
    additional: &mut std::collections::BTreeMap<String, V>,
) -> Result<(), M::Error> {
    let value = members.next_value()?;
    additional.insert(name.into_string(), value);
    Ok(())
}

#[inline]
fn read_once<'de, M: MapAccess<'de>, T: Deserialize<'de>>(
    members: &mut M,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), M::Error> {
    if slot.is_some() {
        return Err(M::Error::duplicate_field(name));
    }
    *slot = Some(members.next_value()?);
    Ok(())
}

/// A member that must be present.
pub mod required {
    use super::*;

    /// Reads the member's value; a second member of the same name is an error.
    #[inline]
    pub fn read<'de, M: MapAccess<'de>, T: Deserialize<'de>>(
        members: &mut M,
        slot: &mut Option<T>,
        name: &'static str,
    ) -> Result<(), M::Error> {
        read_once(members, slot, name)
    }

    /// The field's value, or an error naming the member when the object did not have it.
    #[inline]
    pub fn finish<T, E: Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
        slot.ok_or_else(|| E::missing_field(name))
    }
}

/// A member that may be absent or `null`, both of which leave the field `None`. (A required member that may be
/// `null` is read the same way, so a server that leaves it out is not an error.)
pub mod optional {
    use super::*;

    /// Reads the member's value; a second member of the same name is an error.
    #[inline]
    pub fn read<'de, M: MapAccess<'de>, T: Deserialize<'de>>(
        members: &mut M,
        slot: &mut Option<Option<T>>,
        name: &'static str,
    ) -> Result<(), M::Error> {
        read_once(members, slot, name)
    }

    /// The field's value: `None` when the member was absent or `null`.
    #[inline]
    pub fn finish<T, E: Error>(
        slot: Option<Option<T>>,
        _name: &'static str,
    ) -> Result<Option<T>, E> {
        Ok(slot.flatten())
    }
}

/// A member whose absence and `null` mean different things: absent is `None`, `null` is `Some(None)`.
pub mod optional_nullable {
    use super::*;

    pub use super::optional::read;

    /// The field's value: `None` when the member was absent, `Some(None)` when it was `null`.
    #[inline]
    pub fn finish<T, E: Error>(
        slot: Option<Option<T>>,
        _name: &'static str,
    ) -> Result<Option<Option<T>>, E> {
        Ok(slot)
    }
}

/// Implements `Deserialize` for a generated struct from the list of its fields: each with its member name and
/// how it is read (`required`, `optional` or `optional_nullable`), and after `..` the field that keeps members
/// the list does not name, for a struct with additional properties.
// A crate whose document has no object schema never invokes it.
#[allow(unused_macros)]
macro_rules! object_decoder {
    ($name:ident { $( $field:ident: $member:literal $how:ident ),* $(,)? $( .. $additional:ident )? }) => {
        impl<'de> $crate::runtime::object::FromObject<'de> for $name {
            const NAME: &'static str = stringify!($name);

            // Inlined into the visitor, as serde's derive is: decoding a page of Astro clusters took 2 % more
            // instructions with the call.
            #[inline]
            fn from_members<M: serde::de::MapAccess<'de>>(mut members: M) -> Result<Self, M::Error> {
                $( let mut $field = None; )*
                $( let mut $additional = std::collections::BTreeMap::new(); )?
                while let Some(name) = members.next_key::<$crate::runtime::object::MemberName<'de>>()? {
                    match name.as_str() {
                        $( $member => $crate::runtime::object::$how::read(&mut members, &mut $field, $member)?, )*
                        _ => $crate::runtime::object_decoder!(@unknown members name $( $additional )?),
                    }
                }
                Ok(Self {
                    $( $field: $crate::runtime::object::$how::finish($field, $member)?, )*
                    $( $additional, )?
                })
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::runtime::object::decode(deserializer)
            }
        }
    };
    (@unknown $members:ident $name:ident) => {
        $crate::runtime::object::skip(&mut $members)?
    };
    (@unknown $members:ident $name:ident $additional:ident) => {
        $crate::runtime::object::collect(&mut $members, $name, &mut $additional)?
    };
}

#[allow(unused_imports)]
pub(crate) use object_decoder;
