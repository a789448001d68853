//! `host`, `basePath` and `schemes` → `servers`: one server per scheme (`https` when none is given, and listed
//! first when several are, so the client's default base URL is the secure one); without a `host` the server is
//! the relative `basePath`, which the client resolves against the URL it is given.

use serde_json::{Map, Value};

use super::Conversion;

pub(super) fn servers(
    source: &mut Map<String, Value>,
    conversion: &mut Conversion,
) -> Option<Value> {
    let host = source.shift_remove("host");
    let base_path = source.shift_remove("basePath");
    let schemes = source.shift_remove("schemes");
    let host = host.as_ref().and_then(Value::as_str).map(str::trim);
    let base_path = base_path
        .as_ref()
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim_end_matches('/');
    let urls: Vec<String> = match host {
        Some(host) if !host.is_empty() => {
            let mut schemes: Vec<&str> = schemes
                .as_ref()
                .and_then(Value::as_array)
                .map(|list| list.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            if schemes.is_empty() {
                schemes.push("https");
            }
            schemes.sort_by_key(|scheme| *scheme != "https");
            let mut seen = Vec::new();
            schemes.retain(|scheme| {
                let first = !seen.contains(scheme);
                seen.push(*scheme);
                first
            });
            conversion.default_scheme = Some(schemes[0].to_owned());
            schemes
                .iter()
                .map(|scheme| format!("{scheme}://{host}{base_path}"))
                .collect()
        }
        _ if base_path.is_empty() => return None,
        _ => vec![base_path.to_owned()],
    };
    conversion.record(
        "#/servers",
        if host.is_some() {
            "#/host"
        } else {
            "#/basePath"
        },
    );
    let servers = urls
        .into_iter()
        .map(|url| {
            let mut server = Map::new();
            server.insert("url".to_owned(), Value::String(url));
            Value::Object(server)
        })
        .collect();
    Some(Value::Array(servers))
}
