// This file is copied from `generator/runtime/open_enum.rs` by `cargo xtask codegen`. Do not edit it here.

//! Open enums: an enum of the values a release knows plus one variant that keeps any other value.
//!
//! A generated enum lists its variants; `open_enum!`, given each variant's value on the wire, writes its two
//! conversions, `as_str` and `From<&str>`, as `match`es, and the impls that only call them (`Display`,
//! `Serialize`, `Deserialize`), which would otherwise be the same thirty lines in every enum of a large API.
//! (The conversions stay `match`es: a table of variants would be less code to expand but more to compile, since
//! rustc checks an array of values that need dropping slowly.)

/// Implements `as_str`, `From<&str>`, `Display`, `Serialize` and `Deserialize` for an open string enum from its
/// variants' values; after `..` comes the variant that keeps any other value.
// A crate whose document has no string enum never invokes it.
#[allow(unused_macros)]
macro_rules! open_enum {
    ($name:ident { $( $variant:ident: $value:literal ),* $(,)? .. $unknown:ident }) => {
        impl $name {
            /// The value as it is written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $value, )*
                    Self::$unknown(value) => value,
                }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $value => Self::$variant, )*
                    other => Self::$unknown(other.to_owned()),
                }
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
