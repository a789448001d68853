//! Open enums: an enum of the values a release knows plus one variant that keeps any other value.
//!
//! A generated enum writes its two conversions, `as_str` and `From<&str>`, as `match`es over its values;
//! `open_enum!` adds the impls that only call them (`Display`, `Serialize`,
//! `Deserialize`), which would otherwise be the same eighteen lines in every enum of a large API.

/// Implements `Display`, `Serialize` and `Deserialize` for an open string enum from its `as_str` and
/// `From<&str>`.
// A crate whose document has no string enum never invokes it.
#[allow(unused_macros)]
macro_rules! open_enum {
    ($name:ident) => {
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
