//! JSON objects for generated structs: their `Serialize` and `Deserialize`.
//!
//! serde's derives write, for every struct, an enum of its fields with three visitors, a decoder for JSON arrays,
//! a visitor of its own and a serializer that counts its fields; in a crate of hundreds of structs that code was
//! two fifths of the build. A generated struct instead invokes `json_object!` with a line per field, which expands to
//! one `match` on member names for decoding and a call per field for encoding; the visitor, the member-name
//! reader and the per-field steps are shared, here.
//!
//! What this accepts and writes is what the derives with the attributes generated before did: members in any
//! order, unknown members skipped (or collected into the struct's map of additional properties), a repeated
//! member an error, a missing required member an error naming it, a missing optional member empty; an empty
//! optional field is left out when writing, and `null` is written only for a field that holds it. (The derive
//! also read a JSON array as a struct, by position; a decoder here wants an object.)

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, Error, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap};

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

/// Reads a member's value into its field's slot; a second member of the same name is an error.
#[inline]
pub fn read_once<'de, M: MapAccess<'de>, T: Deserialize<'de>>(
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

/// Writes a member whatever the field holds (`None` as `null`).
#[inline]
pub fn write_always<M: SerializeMap, T: Serialize + ?Sized>(
    object: &mut M,
    name: &'static str,
    value: &T,
) -> Result<(), M::Error> {
    object.serialize_entry(name, value)
}

/// Writes a member unless the field is empty (`None`).
#[inline]
pub fn write_unless_empty<M: SerializeMap, T: Serialize>(
    object: &mut M,
    name: &'static str,
    value: &Option<T>,
) -> Result<(), M::Error> {
    match value {
        Some(value) => object.serialize_entry(name, value),
        None => Ok(()),
    }
}

/// The field's value: `None` when the member was absent or `null`.
#[inline]
pub fn absent_or_null_is_none<T, E: Error>(
    slot: Option<Option<T>>,
    _name: &'static str,
) -> Result<Option<T>, E> {
    Ok(slot.flatten())
}

/// A member that must be present and is not `null`.
pub mod required {
    use super::*;

    pub use super::read_once as read;
    pub use super::write_always as write;

    /// The field's value, or an error naming the member when the object did not have it.
    #[inline]
    pub fn finish<T, E: Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
        slot.ok_or_else(|| E::missing_field(name))
    }
}

/// A member that must be present but may be `null`: always written, `None` as `null`. A server that leaves it
/// out is not an error when reading; the field is then `None`, as for `null`.
pub mod nullable {
    pub use super::absent_or_null_is_none as finish;
    pub use super::read_once as read;
    pub use super::write_always as write;
}

/// A member that may be absent or `null`, both of which leave the field `None`; `None` is not written.
pub mod optional {
    pub use super::absent_or_null_is_none as finish;
    pub use super::read_once as read;
    pub use super::write_unless_empty as write;
}

/// A member whose absence and `null` mean different things: absent is `None` (not written), `null` is
/// `Some(None)`.
pub mod optional_nullable {
    use super::*;

    pub use super::read_once as read;
    pub use super::write_unless_empty as write;

    /// The field's value: `None` when the member was absent, `Some(None)` when it was `null`.
    #[inline]
    pub fn finish<T, E: Error>(
        slot: Option<Option<T>>,
        _name: &'static str,
    ) -> Result<Option<Option<T>>, E> {
        Ok(slot)
    }
}

/// Writes the members of a struct's map of additional properties after its listed ones.
#[inline]
pub fn write_additional<M: SerializeMap, V: Serialize>(
    object: &mut M,
    additional: &std::collections::BTreeMap<String, V>,
) -> Result<(), M::Error> {
    additional
        .iter()
        .try_for_each(|(name, value)| object.serialize_entry(name, value))
}

/// Implements `Serialize` and `Deserialize` for a generated struct from the list of its fields: each with its
/// member name and how it travels (`required`, `nullable`, `optional` or `optional_nullable`, the modules above),
/// and after `..` the field that keeps the members the list does not name, for a struct with additional
/// properties.
// A crate whose document has no object schema never invokes it.
#[allow(unused_macros)]
macro_rules! json_object {
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
                        _ => $crate::runtime::json_object!(@unknown members name $( $additional )?),
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

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                // A struct without fields writes nothing into the object.
                #[allow(unused_mut)]
                let mut object = serializer.serialize_map(None)?;
                $( $crate::runtime::object::$how::write(&mut object, $member, &self.$field)?; )*
                $( $crate::runtime::object::write_additional(&mut object, &self.$additional)?; )?
                serde::ser::SerializeMap::end(object)
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
pub(crate) use json_object;
