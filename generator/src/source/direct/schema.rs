//! Reading a schema straight from its JSON object, with the kind `openapiv3` would give it.
//!
//! The model reads a schema's keywords into one flat record and then picks its kind: a typed schema (`string`,
//! `number`, `integer`, `boolean`, `object`, `array`) when only that type's keywords are present and its `enum`
//! values fit the type, `oneOf`/`allOf`/`anyOf`/`not` when that keyword is the only one, and the catch-all
//! `AnySchema` otherwise. The same rule is applied here to the same record.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, ArrayType, BooleanType, IntegerType, NumberType, ObjectType,
    ReferenceOr, Schema, SchemaData, SchemaKind, StringType, Type,
};
use serde_json::{Map, Number, Value};

use super::{extensions, leaf, list_of, map_of, nested, optional, ReadDirect};

impl ReadDirect for Schema {
    fn read_object(object: &Map<String, Value>) -> Option<Self> {
        let mut data = SchemaData {
            extensions: extensions(object),
            ..SchemaData::default()
        };
        let mut keywords = Keywords::default();
        for (key, member) in object {
            match key.as_str() {
                "nullable" => data.nullable = leaf(member)?,
                "readOnly" => data.read_only = leaf(member)?,
                "writeOnly" => data.write_only = leaf(member)?,
                "deprecated" => data.deprecated = leaf(member)?,
                "externalDocs" => data.external_docs = leaf(member)?,
                "example" => data.example = leaf(member)?,
                "title" => data.title = leaf(member)?,
                "description" => data.description = leaf(member)?,
                "discriminator" => data.discriminator = leaf(member)?,
                "default" => data.default = leaf(member)?,
                _ => keywords.read(key, member)?,
            }
        }
        Some(Schema {
            schema_data: data,
            schema_kind: keywords.kind(),
        })
    }
}

/// The keywords that decide a schema's kind, each absent when missing or `null`.
#[derive(Default)]
struct Keywords {
    typ: Option<String>,
    pattern: Option<String>,
    multiple_of: Option<Number>,
    exclusive_minimum: Option<bool>,
    exclusive_maximum: Option<bool>,
    minimum: Option<Number>,
    maximum: Option<Number>,
    properties: Option<IndexMap<String, ReferenceOr<Box<Schema>>>>,
    required: Option<Vec<String>>,
    additional_properties: Option<AdditionalProperties>,
    min_properties: Option<usize>,
    max_properties: Option<usize>,
    items: Option<ReferenceOr<Box<Schema>>>,
    min_items: Option<usize>,
    max_items: Option<usize>,
    unique_items: Option<bool>,
    enumeration: Option<Vec<Value>>,
    format: Option<String>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    one_of: Option<Vec<ReferenceOr<Schema>>>,
    all_of: Option<Vec<ReferenceOr<Schema>>>,
    any_of: Option<Vec<ReferenceOr<Schema>>>,
    not: Option<Box<ReferenceOr<Schema>>>,
}

/// One bit per keyword of [`Keywords`], to say which are present.
mod bit {
    pub(super) const TYPE: u32 = 1;
    pub(super) const PATTERN: u32 = 1 << 1;
    pub(super) const MULTIPLE_OF: u32 = 1 << 2;
    pub(super) const EXCLUSIVE_MINIMUM: u32 = 1 << 3;
    pub(super) const EXCLUSIVE_MAXIMUM: u32 = 1 << 4;
    pub(super) const MINIMUM: u32 = 1 << 5;
    pub(super) const MAXIMUM: u32 = 1 << 6;
    pub(super) const PROPERTIES: u32 = 1 << 7;
    pub(super) const REQUIRED: u32 = 1 << 8;
    pub(super) const ADDITIONAL_PROPERTIES: u32 = 1 << 9;
    pub(super) const MIN_PROPERTIES: u32 = 1 << 10;
    pub(super) const MAX_PROPERTIES: u32 = 1 << 11;
    pub(super) const ITEMS: u32 = 1 << 12;
    pub(super) const MIN_ITEMS: u32 = 1 << 13;
    pub(super) const MAX_ITEMS: u32 = 1 << 14;
    pub(super) const UNIQUE_ITEMS: u32 = 1 << 15;
    pub(super) const ENUM: u32 = 1 << 16;
    pub(super) const FORMAT: u32 = 1 << 17;
    pub(super) const MIN_LENGTH: u32 = 1 << 18;
    pub(super) const MAX_LENGTH: u32 = 1 << 19;
    pub(super) const ONE_OF: u32 = 1 << 20;
    pub(super) const ALL_OF: u32 = 1 << 21;
    pub(super) const ANY_OF: u32 = 1 << 22;
    pub(super) const NOT: u32 = 1 << 23;

    /// The keywords a number or an integer may have.
    pub(super) const NUMERIC: u32 = TYPE
        | MULTIPLE_OF
        | EXCLUSIVE_MINIMUM
        | EXCLUSIVE_MAXIMUM
        | MINIMUM
        | MAXIMUM
        | ENUM
        | FORMAT;
}

impl Keywords {
    /// Reads `key` when it is one of the keywords; `None` when its value does not read.
    fn read(&mut self, key: &str, member: &Value) -> Option<()> {
        let schemas = |member: &Value| optional(member, |list| list_of(list, nested));
        let one_boxed = |member: &Value| nested(member).map(boxed);
        match key {
            "type" => self.typ = leaf(member)?,
            "pattern" => self.pattern = leaf(member)?,
            "multipleOf" => self.multiple_of = leaf(member)?,
            "exclusiveMinimum" => self.exclusive_minimum = leaf(member)?,
            "exclusiveMaximum" => self.exclusive_maximum = leaf(member)?,
            "minimum" => self.minimum = leaf(member)?,
            "maximum" => self.maximum = leaf(member)?,
            "properties" => self.properties = optional(member, |map| map_of(map, one_boxed))?,
            "required" => self.required = leaf(member)?,
            "additionalProperties" => {
                self.additional_properties = match member {
                    Value::Null => None,
                    Value::Bool(any) => Some(AdditionalProperties::Any(*any)),
                    schema => Some(AdditionalProperties::Schema(Box::new(nested(schema)?))),
                }
            }
            "minProperties" => self.min_properties = leaf(member)?,
            "maxProperties" => self.max_properties = leaf(member)?,
            "items" => self.items = optional(member, one_boxed)?,
            "minItems" => self.min_items = leaf(member)?,
            "maxItems" => self.max_items = leaf(member)?,
            "uniqueItems" => self.unique_items = leaf(member)?,
            "enum" => self.enumeration = leaf(member)?,
            "format" => self.format = leaf(member)?,
            "minLength" => self.min_length = leaf(member)?,
            "maxLength" => self.max_length = leaf(member)?,
            "oneOf" => self.one_of = schemas(member)?,
            "allOf" => self.all_of = schemas(member)?,
            "anyOf" => self.any_of = schemas(member)?,
            "not" => self.not = optional(member, |not| nested(not).map(Box::new))?,
            _ => {}
        }
        Some(())
    }

    /// Which keywords are present.
    fn present(&self) -> u32 {
        [
            (self.typ.is_some(), bit::TYPE),
            (self.pattern.is_some(), bit::PATTERN),
            (self.multiple_of.is_some(), bit::MULTIPLE_OF),
            (self.exclusive_minimum.is_some(), bit::EXCLUSIVE_MINIMUM),
            (self.exclusive_maximum.is_some(), bit::EXCLUSIVE_MAXIMUM),
            (self.minimum.is_some(), bit::MINIMUM),
            (self.maximum.is_some(), bit::MAXIMUM),
            (self.properties.is_some(), bit::PROPERTIES),
            (self.required.is_some(), bit::REQUIRED),
            (
                self.additional_properties.is_some(),
                bit::ADDITIONAL_PROPERTIES,
            ),
            (self.min_properties.is_some(), bit::MIN_PROPERTIES),
            (self.max_properties.is_some(), bit::MAX_PROPERTIES),
            (self.items.is_some(), bit::ITEMS),
            (self.min_items.is_some(), bit::MIN_ITEMS),
            (self.max_items.is_some(), bit::MAX_ITEMS),
            (self.unique_items.is_some(), bit::UNIQUE_ITEMS),
            (self.enumeration.is_some(), bit::ENUM),
            (self.format.is_some(), bit::FORMAT),
            (self.min_length.is_some(), bit::MIN_LENGTH),
            (self.max_length.is_some(), bit::MAX_LENGTH),
            (self.one_of.is_some(), bit::ONE_OF),
            (self.all_of.is_some(), bit::ALL_OF),
            (self.any_of.is_some(), bit::ANY_OF),
            (self.not.is_some(), bit::NOT),
        ]
        .into_iter()
        .filter(|(present, _)| *present)
        .fold(0, |bits, (_, bit)| bits | bit)
    }

    /// Which kind the model gives a schema with these keywords.
    fn decide(&self) -> Decided {
        let present = self.present();
        let only = |allowed: u32| present & !allowed == 0;
        let enum_fits = |fits: fn(&Value) -> bool| {
            self.enumeration
                .iter()
                .flatten()
                .all(|value| value.is_null() || fits(value))
        };
        let integral = |bound: &Option<Number>| bound.as_ref().is_none_or(Number::is_i64);
        let string =
            bit::TYPE | bit::PATTERN | bit::ENUM | bit::FORMAT | bit::MIN_LENGTH | bit::MAX_LENGTH;
        let object = bit::TYPE
            | bit::PROPERTIES
            | bit::REQUIRED
            | bit::ADDITIONAL_PROPERTIES
            | bit::MIN_PROPERTIES
            | bit::MAX_PROPERTIES;
        let array = bit::TYPE | bit::ITEMS | bit::MIN_ITEMS | bit::MAX_ITEMS | bit::UNIQUE_ITEMS;
        match self.typ.as_deref() {
            Some("string") if only(string) && enum_fits(Value::is_string) => Decided::String,
            Some("number") if only(bit::NUMERIC) && enum_fits(Value::is_number) => Decided::Number,
            Some("integer")
                if only(bit::NUMERIC)
                    && enum_fits(Value::is_i64)
                    && integral(&self.multiple_of)
                    && integral(&self.minimum)
                    && integral(&self.maximum) =>
            {
                Decided::Integer
            }
            Some("boolean") if only(bit::TYPE | bit::ENUM) && enum_fits(Value::is_boolean) => {
                Decided::Boolean
            }
            Some("object") if only(object) => Decided::Object,
            Some("array") if only(array) => Decided::Array,
            _ => match present {
                bit::ONE_OF => Decided::OneOf,
                bit::ALL_OF => Decided::AllOf,
                bit::ANY_OF => Decided::AnyOf,
                bit::NOT => Decided::Not,
                _ => Decided::Any,
            },
        }
    }

    /// The schema's kind, by the model's rule.
    fn kind(self) -> SchemaKind {
        let typed = match self.decide() {
            Decided::String => Type::String(StringType {
                format: self.format.into(),
                pattern: self.pattern,
                enumeration: enum_values(self.enumeration, |value| {
                    value.as_str().map(str::to_owned)
                }),
                min_length: self.min_length,
                max_length: self.max_length,
            }),
            Decided::Number => Type::Number(NumberType {
                format: self.format.into(),
                multiple_of: self.multiple_of.as_ref().and_then(Number::as_f64),
                exclusive_minimum: self.exclusive_minimum.unwrap_or_default(),
                exclusive_maximum: self.exclusive_maximum.unwrap_or_default(),
                minimum: self.minimum.as_ref().and_then(Number::as_f64),
                maximum: self.maximum.as_ref().and_then(Number::as_f64),
                enumeration: enum_values(self.enumeration, Value::as_f64),
            }),
            Decided::Integer => Type::Integer(IntegerType {
                format: self.format.into(),
                multiple_of: self.multiple_of.as_ref().and_then(Number::as_i64),
                exclusive_minimum: self.exclusive_minimum.unwrap_or_default(),
                exclusive_maximum: self.exclusive_maximum.unwrap_or_default(),
                minimum: self.minimum.as_ref().and_then(Number::as_i64),
                maximum: self.maximum.as_ref().and_then(Number::as_i64),
                enumeration: enum_values(self.enumeration, Value::as_i64),
            }),
            Decided::Boolean => Type::Boolean(BooleanType {
                enumeration: enum_values(self.enumeration, Value::as_bool),
            }),
            Decided::Object => Type::Object(ObjectType {
                properties: self.properties.unwrap_or_default(),
                required: self.required.unwrap_or_default(),
                additional_properties: self.additional_properties,
                min_properties: self.min_properties,
                max_properties: self.max_properties,
            }),
            Decided::Array => Type::Array(ArrayType {
                items: self.items,
                min_items: self.min_items,
                max_items: self.max_items,
                unique_items: self.unique_items.unwrap_or_default(),
            }),
            Decided::OneOf => {
                return SchemaKind::OneOf {
                    one_of: self.one_of.unwrap_or_default(),
                }
            }
            Decided::AllOf => {
                return SchemaKind::AllOf {
                    all_of: self.all_of.unwrap_or_default(),
                }
            }
            Decided::AnyOf => {
                return SchemaKind::AnyOf {
                    any_of: self.any_of.unwrap_or_default(),
                }
            }
            Decided::Not | Decided::Any => return self.not_or_any(),
        };
        SchemaKind::Type(typed)
    }

    /// `not` alone, or the catch-all with every keyword.
    fn not_or_any(self) -> SchemaKind {
        let alone = self.present() == bit::NOT;
        match self.not {
            Some(not) if alone => SchemaKind::Not { not },
            not => SchemaKind::Any(AnySchema {
                typ: self.typ,
                pattern: self.pattern,
                multiple_of: self.multiple_of.as_ref().and_then(Number::as_f64),
                exclusive_minimum: self.exclusive_minimum,
                exclusive_maximum: self.exclusive_maximum,
                minimum: self.minimum.as_ref().and_then(Number::as_f64),
                maximum: self.maximum.as_ref().and_then(Number::as_f64),
                properties: self.properties.unwrap_or_default(),
                required: self.required.unwrap_or_default(),
                additional_properties: self.additional_properties,
                min_properties: self.min_properties,
                max_properties: self.max_properties,
                items: self.items,
                min_items: self.min_items,
                max_items: self.max_items,
                unique_items: self.unique_items,
                enumeration: self.enumeration.unwrap_or_default(),
                format: self.format,
                min_length: self.min_length,
                max_length: self.max_length,
                one_of: self.one_of.unwrap_or_default(),
                all_of: self.all_of.unwrap_or_default(),
                any_of: self.any_of.unwrap_or_default(),
                not,
            }),
        }
    }
}

/// The kinds the model tells apart.
enum Decided {
    String,
    Number,
    Integer,
    Boolean,
    Object,
    Array,
    OneOf,
    AllOf,
    AnyOf,
    Not,
    Any,
}

/// A schema in a place the model boxes it.
fn boxed(schema: ReferenceOr<Schema>) -> ReferenceOr<Box<Schema>> {
    match schema {
        ReferenceOr::Reference { reference } => ReferenceOr::Reference { reference },
        ReferenceOr::Item(schema) => ReferenceOr::Item(Box::new(schema)),
    }
}

/// A typed schema's `enum` values, `null` kept as `None`; the values were checked to fit the type.
fn enum_values<T>(values: Option<Vec<Value>>, fits: fn(&Value) -> Option<T>) -> Vec<Option<T>> {
    values
        .unwrap_or_default()
        .iter()
        .filter_map(|value| {
            if value.is_null() {
                Some(None)
            } else {
                fits(value).map(Some)
            }
        })
        .collect()
}
