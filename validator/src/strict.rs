//! Strict JSON reading: like `serde_json::from_slice`, but a duplicate key is an error, and every
//! error becomes a located finding with a stable code.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::finding::Finding;
use crate::rules;

/// A JSON value read with duplicate keys refused.
struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

/// The marker that tells a duplicate-key error from other data errors.
const DUPLICATE: &str = "duplicate key ";

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(Strict(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                return Err(de::Error::custom(format_args!("{DUPLICATE}`{key}`")));
            }
            let Strict(value) = map.next_value()?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

/// Reads one JSON value from `bytes`. On failure, the finding's line and column are relative to
/// the start of `bytes` (line 1, column 1).
pub fn parse(bytes: &[u8]) -> Result<Value, Box<Finding>> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = Strict::deserialize(&mut deserializer)
        .and_then(|Strict(value)| deserializer.end().map(|()| value));
    value.map_err(|e| Box::new(finding(&e)))
}

/// Turns a serde_json error into a finding with the right code and a plain message.
pub fn finding(error: &serde_json::Error) -> Finding {
    let text = error.to_string();
    let message = text.split(" at line ").next().unwrap_or(&text).to_owned();
    let (rule, message) = if let Some(key) = message.strip_prefix(DUPLICATE) {
        (
            &rules::PARSE_DUPLICATE_KEY,
            format!("the key {key} appears twice in the same object"),
        )
    } else if message.contains("recursion limit exceeded") {
        (
            &rules::PARSE_TOO_DEEP,
            "arrays or objects are nested more than 128 levels deep".to_owned(),
        )
    } else if message.contains("number out of range") {
        (
            &rules::PARSE_NUMBER_RANGE,
            "a number is too large to represent".to_owned(),
        )
    } else if error.is_eof() {
        (
            &rules::PARSE_SYNTAX,
            format!("the input ends too soon: {message}"),
        )
    } else {
        (
            &rules::PARSE_SYNTAX,
            format!("not well-formed JSON: {message}"),
        )
    };
    Finding::new(rule, "", message).at(error.line().max(1), error.column().max(1))
}

#[cfg(test)]
mod tests {
    use super::parse;

    fn code(input: &str) -> String {
        parse(input.as_bytes()).map_or_else(|f| f.code.to_string(), |_| "ok".to_owned())
    }

    #[test]
    fn classifies_errors() {
        assert_eq!(code(r#"{"a": 1, "b": [true, null, "x", 1.5]}"#), "ok");
        assert_eq!(code(r#"{"a": 1, "a": 2}"#), "PCDS-PARSE-002");
        assert_eq!(code(r#"{"a": {"b": 1, "b": 1}}"#), "PCDS-PARSE-002");
        assert_eq!(
            code(&format!("{}{}", "[".repeat(200), "]".repeat(200))),
            "PCDS-PARSE-003"
        );
        assert_eq!(code("[1e999]"), "PCDS-PARSE-004");
        assert_eq!(code(r#"{"a": "#), "PCDS-PARSE-001");
        assert_eq!(code("{} {}"), "PCDS-PARSE-001");
        assert_eq!(code(""), "PCDS-PARSE-001");
    }

    #[test]
    fn locates_errors() {
        let finding = parse(b"{\n  \"a\": 1,\n  \"a\": 2\n}").expect_err("duplicate");
        assert_eq!(
            (finding.line, finding.message.as_str()),
            (Some(3), "the key `a` appears twice in the same object")
        );
    }
}
