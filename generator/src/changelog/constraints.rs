//! Comparing the validation keywords of one value (a property or a parameter) across two releases, as oasdiff
//! does: a narrower request value (a smaller maxLength, a larger minimum, a new pattern) rejects what clients
//! sent before, and a wider response value (a larger maxLength, a removed maximum) returns what clients did not
//! expect. The emitter writes none of these keywords, so the crate is unchanged: the Rust effect is a patch.

use super::values::{wire_type, Subject};
use super::{change, Change, ChangeKind, Semver};
use crate::ir::{Constraints, TypeRef};

/// Which way a bound narrows the allowed values when it grows.
#[derive(Clone, Copy)]
enum Bound {
    /// maxLength, maximum, maxItems: a smaller value allows less.
    Upper,
    /// minLength, minimum, minItems: a larger value allows less.
    Lower,
}

/// How a keyword changed: whether it now allows fewer values, more, or neither is certain (both, for a new
/// pattern or multipleOf, which are compared by equality).
struct Narrowing {
    narrower: bool,
    wider: bool,
}

fn bound(before: Option<f64>, after: Option<f64>, bound: Bound) -> Narrowing {
    match (before, after, bound) {
        (None, Some(_), _) => Narrowing {
            narrower: true,
            wider: false,
        },
        (Some(_), None, _) => Narrowing {
            narrower: false,
            wider: true,
        },
        (Some(a), Some(b), Bound::Upper) => Narrowing {
            narrower: b < a,
            wider: b > a,
        },
        (Some(a), Some(b), Bound::Lower) => Narrowing {
            narrower: b > a,
            wider: b < a,
        },
        (None, None, _) => Narrowing {
            narrower: false,
            wider: false,
        },
    }
}

fn flag(before: bool, after: bool) -> Narrowing {
    Narrowing {
        narrower: after && !before,
        wider: before && !after,
    }
}

/// A keyword whose any change (added, removed or replaced) may both reject old requests and surprise readers.
fn exact<T: PartialEq>(before: &Option<T>, after: &Option<T>) -> Narrowing {
    let changed = before != after;
    Narrowing {
        narrower: changed && after.is_some(),
        wider: changed && before.is_some(),
    }
}

fn text<T: std::fmt::Display>(value: &Option<T>) -> String {
    value
        .as_ref()
        .map_or_else(|| "none".to_owned(), ToString::to_string)
}

/// The constraint changes of one value, one line per keyword. A format that the wire type shows (`int32`,
/// `uuid`) is left to the type comparison when the type changed, so it is not reported twice.
pub(super) fn diff_constraints(
    subject: Subject<'_>,
    (before_type, before): (&TypeRef, &Constraints),
    (after_type, after): (&TypeRef, &Constraints),
    out: &mut Vec<Change>,
) {
    let type_changed = wire_type(subject.old, before_type) != wire_type(subject.new, after_type);
    let count = |value: Option<usize>| value.map(|n| n as f64);
    let keywords: [(&str, String, String, Narrowing); 12] = [
        (
            "format",
            text(&before.format),
            text(&after.format),
            exact(&before.format, &after.format),
        ),
        (
            "maxLength",
            text(&before.max_length),
            text(&after.max_length),
            bound(
                count(before.max_length),
                count(after.max_length),
                Bound::Upper,
            ),
        ),
        (
            "minLength",
            text(&before.min_length),
            text(&after.min_length),
            bound(
                count(before.min_length),
                count(after.min_length),
                Bound::Lower,
            ),
        ),
        (
            "pattern",
            text(&before.pattern),
            text(&after.pattern),
            exact(&before.pattern, &after.pattern),
        ),
        (
            "maximum",
            text(&before.maximum),
            text(&after.maximum),
            bound(before.maximum, after.maximum, Bound::Upper),
        ),
        (
            "minimum",
            text(&before.minimum),
            text(&after.minimum),
            bound(before.minimum, after.minimum, Bound::Lower),
        ),
        (
            "exclusiveMaximum",
            before.exclusive_maximum.to_string(),
            after.exclusive_maximum.to_string(),
            flag(before.exclusive_maximum, after.exclusive_maximum),
        ),
        (
            "exclusiveMinimum",
            before.exclusive_minimum.to_string(),
            after.exclusive_minimum.to_string(),
            flag(before.exclusive_minimum, after.exclusive_minimum),
        ),
        (
            "multipleOf",
            text(&before.multiple_of),
            text(&after.multiple_of),
            exact(&before.multiple_of, &after.multiple_of),
        ),
        (
            "maxItems",
            text(&before.max_items),
            text(&after.max_items),
            bound(
                count(before.max_items),
                count(after.max_items),
                Bound::Upper,
            ),
        ),
        (
            "minItems",
            text(&before.min_items),
            text(&after.min_items),
            bound(
                count(before.min_items),
                count(after.min_items),
                Bound::Lower,
            ),
        ),
        (
            "uniqueItems",
            before.unique_items.to_string(),
            after.unique_items.to_string(),
            flag(before.unique_items, after.unique_items),
        ),
    ];
    for (keyword, old_text, new_text, narrowing) in keywords {
        if old_text == new_text || (keyword == "format" && type_changed) {
            continue;
        }
        let breaking =
            (narrowing.narrower && subject.in_request) || (narrowing.wider && subject.in_response);
        let detail = format!("{keyword} changed from {old_text} to {new_text}");
        out.push(change(
            ChangeKind::Changed,
            subject.group,
            subject.name,
            &detail,
            breaking,
            Semver::Patch,
        ));
    }
}
