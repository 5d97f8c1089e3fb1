//! Content digests: what "the same release" means when a publisher sends it again.

use serde_json::Value;
use sha2::{Digest, Sha256};

/// The SHA-256 of a JSON value in canonical form (object members sorted by name, no
/// whitespace), as lower-case hex. Two releases with the same members and values have the same
/// digest whatever order their members were written in.
#[must_use]
pub fn canonical_digest(value: &Value) -> String {
    let mut text = String::new();
    canonical(value, &mut text);
    hex(&Sha256::digest(text.as_bytes()))
}

/// The SHA-256 of some bytes, as lower-case hex.
#[must_use]
pub fn bytes_digest(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut members: Vec<(&String, &Value)> = map.iter().collect();
            members.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (name, member)) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(name.clone()).to_string());
                out.push(':');
                canonical(member, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn member_order_does_not_change_the_digest() {
        let a = json!({"id": "1", "tag": ["tender"], "nested": {"b": 1, "a": 2}});
        let b = json!({"nested": {"a": 2, "b": 1}, "tag": ["tender"], "id": "1"});
        assert_eq!(canonical_digest(&a), canonical_digest(&b));
    }

    #[test]
    fn any_change_of_value_or_array_order_changes_the_digest() {
        let a = json!({"id": "1", "tag": ["tender", "award"]});
        assert_ne!(
            canonical_digest(&a),
            canonical_digest(&json!({"id": "1", "tag": ["award", "tender"]}))
        );
        assert_ne!(
            canonical_digest(&a),
            canonical_digest(&json!({"id": "2", "tag": ["tender", "award"]}))
        );
        assert_eq!(canonical_digest(&a).len(), 64);
    }
}
