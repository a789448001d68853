//! The YAML text read again with `serde-saphyr`, keeping where every mapping key and sequence item starts.

use foldhash::{HashMap, HashMapExt};

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use super::tree::{Anchor, Children, Node};
use crate::diagnostics::Location;

/// The structure of a YAML document with the position of each member and item, read as the loader reads it;
/// `None` when it cannot be read.
pub(super) fn read(text: &str) -> Option<Children> {
    let root: YamlNode =
        serde_saphyr::from_str_with_options(text, crate::source::yaml::yaml_options()).ok()?;
    Some(root.0)
}

/// A YAML node reduced to its structure; mapping keys and sequence items keep their spans.
struct YamlNode(Children);

/// A mapping key as text, whatever scalar it is (`200:` is an integer to YAML).
struct KeyText(String);

fn location_of<T>(spanned: &Spanned<T>) -> Anchor {
    Anchor::LineColumn(Location {
        line: spanned.referenced.line() as usize,
        column: spanned.referenced.column() as usize,
    })
}

impl<'de> Deserialize<'de> for YamlNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor;
        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = YamlNode;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any YAML node")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<YamlNode, A::Error> {
                let mut entries = HashMap::new();
                while let Some(key) = map.next_key::<Spanned<KeyText>>()? {
                    let value: YamlNode = map.next_value()?;
                    entries.insert(
                        key.value.0.clone(),
                        Node {
                            anchor: location_of(&key),
                            children: value.0,
                        },
                    );
                }
                Ok(YamlNode(Children::Map(entries)))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<YamlNode, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Spanned<YamlNode>>()? {
                    let anchor = location_of(&item);
                    items.push(Node {
                        anchor,
                        children: item.value.0,
                    });
                }
                Ok(YamlNode(Children::Seq(items)))
            }

            fn visit_bool<E: de::Error>(self, _: bool) -> Result<YamlNode, E> {
                Ok(YamlNode(Children::None))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<YamlNode, E> {
                Ok(YamlNode(Children::None))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<YamlNode, E> {
                Ok(YamlNode(Children::None))
            }
            fn visit_i128<E: de::Error>(self, _: i128) -> Result<YamlNode, E> {
                Ok(YamlNode(Children::None))
            }
            fn visit_u128<E: de::Error>(self, _: u128) -> Result<YamlNode, E> {
                Ok(YamlNode(Children::None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<YamlNode, E> {
                Ok(YamlNode(Children::None))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<YamlNode, E> {
                Ok(YamlNode(Children::None))
            }
            fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<YamlNode, E> {
                Ok(YamlNode(Children::None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<YamlNode, E> {
                Ok(YamlNode(Children::None))
            }
            fn visit_none<E: de::Error>(self) -> Result<YamlNode, E> {
                Ok(YamlNode(Children::None))
            }
            fn visit_some<D: Deserializer<'de>>(
                self,
                deserializer: D,
            ) -> Result<YamlNode, D::Error> {
                YamlNode::deserialize(deserializer)
            }
        }
        deserializer.deserialize_any(NodeVisitor)
    }
}

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = KeyText;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a scalar mapping key")
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<KeyText, E> {
                Ok(KeyText(value.to_owned()))
            }
            fn visit_bool<E: de::Error>(self, value: bool) -> Result<KeyText, E> {
                Ok(KeyText(value.to_string()))
            }
            fn visit_i64<E: de::Error>(self, value: i64) -> Result<KeyText, E> {
                Ok(KeyText(value.to_string()))
            }
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<KeyText, E> {
                Ok(KeyText(value.to_string()))
            }
            fn visit_f64<E: de::Error>(self, value: f64) -> Result<KeyText, E> {
                Ok(KeyText(value.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<KeyText, E> {
                Ok(KeyText("null".to_owned()))
            }
            fn visit_none<E: de::Error>(self) -> Result<KeyText, E> {
                Ok(KeyText("null".to_owned()))
            }
            // A complex key (a mapping or a sequence) can never be named by a pointer; it only needs to be skipped.
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<KeyText, A::Error> {
                while map
                    .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(KeyText(String::new()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<KeyText, A::Error> {
                while seq.next_element::<de::IgnoredAny>()?.is_some() {}
                Ok(KeyText(String::new()))
            }
        }
        deserializer.deserialize_any(KeyVisitor)
    }
}
