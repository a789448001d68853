//! Defaults: whether a documented `default` fits its schema (type, bounds, enum values); one that does not is left
//! out of the documentation with a warning.

use openapiv3::{IntegerFormat, Schema, SchemaKind, Type, VariantOrUnknownOrEmpty};

/// Why `value` cannot be the `default` of `schema` (the wrong type, outside the bounds, not an enum value).
pub(super) fn default_problem(schema: &Schema, value: &serde_json::Value) -> Option<String> {
    if value.is_null() && schema.schema_data.nullable {
        return None;
    }
    let wrong_type = |expected: &str| Some(format!("the default {value} is not {expected}"));
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => {
            let text = value.as_str();
            if text.is_none() {
                return wrong_type("a string");
            }
            let values: Vec<&str> = string
                .enumeration
                .iter()
                .flatten()
                .map(String::as_str)
                .collect();
            (!values.is_empty() && !values.contains(&text?))
                .then(|| format!("the default {value} is not one of the enum values {values:?}"))
        }
        SchemaKind::Type(Type::Integer(integer)) => {
            let Some(number) = value.as_i64() else {
                return wrong_type("an integer that fits in 64 bits");
            };
            let int32 = matches!(
                integer.format,
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32)
            );
            if int32 && i32::try_from(number).is_err() {
                return Some(format!("the default {value} does not fit in an int32"));
            }
            let below = integer
                .minimum
                .is_some_and(|min| number < min || (integer.exclusive_minimum && number == min));
            let above = integer
                .maximum
                .is_some_and(|max| number > max || (integer.exclusive_maximum && number == max));
            (below || above).then(|| format!("the default {value} is outside the schema's bounds"))
        }
        SchemaKind::Type(Type::Number(number)) => {
            let Some(float) = value.as_f64() else {
                return wrong_type("a number");
            };
            let below = number
                .minimum
                .is_some_and(|min| float < min || (number.exclusive_minimum && float == min));
            let above = number
                .maximum
                .is_some_and(|max| float > max || (number.exclusive_maximum && float == max));
            (below || above).then(|| format!("the default {value} is outside the schema's bounds"))
        }
        SchemaKind::Type(Type::Boolean(_)) if !value.is_boolean() => wrong_type("a boolean"),
        SchemaKind::Type(Type::Array(_)) if !value.is_array() => wrong_type("an array"),
        SchemaKind::Type(Type::Object(_)) if !value.is_object() => wrong_type("an object"),
        _ => None,
    }
}
