//! Open enums: an enum of the values a release knows plus one variant that keeps any other value.
//!
//! A generated enum lists its values once, in a `KNOWN` table of `(variant, wire string)`, and
//! [`open_enum!`](crate::runtime::open_enum) writes the conversions and serde impls that read that table. The
//! same code would otherwise be repeated in every enum, twice per value, which is most of a large API's types.

/// The wire string of a known variant, read from its enum's table by comparing discriminants.
pub fn known_wire_str<T>(value: &T, known: &'static [(T, &'static str)]) -> &'static str {
    let discriminant = std::mem::discriminant(value);
    known
        .iter()
        .find(|(candidate, _)| std::mem::discriminant(candidate) == discriminant)
        .map_or("", |(_, wire)| wire)
}

/// The known variant that a wire string names, if the table lists it.
pub fn known_value<T: Clone>(wire: &str, known: &'static [(T, &'static str)]) -> Option<T> {
    known
        .iter()
        .find(|(_, candidate)| *candidate == wire)
        .map(|(value, _)| value.clone())
}

/// Implements `as_str`, `From<&str>`, `Display`, `Serialize` and `Deserialize` for an open string enum from its
/// `KNOWN` table and the name of its variant for unknown values.
// A crate whose document has no string enum never invokes it.
#[allow(unused_macros)]
macro_rules! open_enum {
    ($name:ident, $unknown:ident) => {
        impl $name {
            /// The value as it is written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    Self::$unknown(value) => value,
                    known => $crate::runtime::open_enum::known_wire_str(known, Self::KNOWN),
                }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                $crate::runtime::open_enum::known_value(value, Self::KNOWN)
                    .unwrap_or_else(|| Self::$unknown(value.to_owned()))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::runtime::serde_helpers::deserialize_open_enum(deserializer)
            }
        }
    };
}

#[allow(unused_imports)]
pub(crate) use open_enum;
