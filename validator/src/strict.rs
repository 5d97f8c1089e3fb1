//! Strict JSON reading: like `serde_json::from_slice`, but a duplicate key is an error, and so
//! is a number written with more digits than a double holds (which readers round, so that
//! `940.000000000000000000000000000001` would pass as the integer 940), and every error
//! becomes a located finding with a stable code.

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
        .and_then(|Strict(value)| deserializer.end().map(|()| value))
        .map_err(|e| Box::new(finding(&e)))?;
    if let Some((offset, length)) = imprecise_number(bytes) {
        let at = crate::locate::position(bytes, offset);
        let text = String::from_utf8_lossy(&bytes[offset..offset + length]);
        let shown: String = if text.chars().count() > 40 {
            format!("{}…", text.chars().take(40).collect::<String>())
        } else {
            text.into_owned()
        };
        let read = text_value(&bytes[offset..offset + length]);
        return Err(Box::new(
            Finding::new(
                &rules::PARSE_NUMBER_PRECISION,
                "",
                format!(
                    "the number {shown} has more significant digits than a double holds; readers take it as {read}"
                ),
            )
            .at(at.line, at.column),
        ));
    }
    Ok(value)
}

/// The most significant digits a number may have and still be read back exactly as written
/// by every reader: a double holds 15 to 17, and a number of 16 or 17 is checked by reading it.
const SAFE_DIGITS: usize = 15;

/// The first number in `bytes` (outside strings) that a double cannot hold as written: its
/// offset and length. `bytes` is well-formed JSON.
fn imprecise_number(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < bytes.len()
                    && matches!(bytes[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    i += 1;
                }
                if !exact(&bytes[start..i]) {
                    return Some((start, i - start));
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// A number's significant digits and the power of ten of its last one: `940.50` is
/// (`9405`, -1), `1.2e3` is (`12`, 2). Leading and trailing zeros are not significant.
fn decimal(number: &[u8]) -> Option<(Vec<u8>, i64)> {
    let text = std::str::from_utf8(number).ok()?;
    let text = text.strip_prefix('-').unwrap_or(text);
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], text[at + 1..].parse::<i64>().ok()?),
        None => (text, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits: Vec<u8> = whole.bytes().chain(fraction.bytes()).collect();
    let mut power = exponent.checked_sub(i64::try_from(fraction.len()).ok()?)?;
    while digits.last() == Some(&b'0') {
        digits.pop();
        power += 1;
    }
    let leading = digits.iter().take_while(|d| **d == b'0').count();
    digits.drain(..leading);
    if digits.is_empty() {
        power = 0;
    }
    Some((digits, power))
}

/// Whether a double holds the number exactly as written: it has at most [`SAFE_DIGITS`]
/// significant digits, or its shortest round-trip form has the same digits and power.
fn exact(number: &[u8]) -> bool {
    let Some((digits, power)) = decimal(number) else {
        return true;
    };
    if digits.len() <= SAFE_DIGITS {
        return true;
    }
    let Some(read) = std::str::from_utf8(number)
        .ok()
        .and_then(|t| t.parse::<f64>().ok())
    else {
        return true;
    };
    // `{:e}` writes the shortest digits that read back as the same double.
    decimal(format!("{read:e}").as_bytes()).is_some_and(|shortest| shortest == (digits, power))
}

/// How a reader takes a number: the shortest form of the double it becomes.
fn text_value(number: &[u8]) -> String {
    std::str::from_utf8(number)
        .ok()
        .and_then(|t| t.parse::<f64>().ok())
        .map_or_else(|| "something else".to_owned(), |v| v.to_string())
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
        assert_eq!(
            code("[940.000000000000000000000000000001]"),
            "PCDS-PARSE-005"
        );
        assert_eq!(
            code(r#"{"a": [1, {"b": 12345678901234567890}]}"#),
            "PCDS-PARSE-005"
        );
        assert_eq!(code(r#"{"a": "#), "PCDS-PARSE-001");
        assert_eq!(code("{} {}"), "PCDS-PARSE-001");
        assert_eq!(code(""), "PCDS-PARSE-001");
    }

    #[test]
    fn numbers_a_double_holds_as_written_pass() {
        for held in [
            "940",
            "940.000000000000000000000000000000",
            "-0.000000000000000000000001",
            "4250.50",
            "0.1",
            "1.7e308",
            "123456789012345",
            "9007199254740993e-10",
            "0.12345678901234566",
            "1E+2",
            "-0",
            "0.0",
        ] {
            assert!(super::exact(held.as_bytes()), "{held}");
        }
        for rounded in [
            "940.000000000000000000000000000001",
            "12345678901234567890",
            "0.123456789012345678",
            "9007199254740993",
            "-1.00000000000000000001e3",
        ] {
            assert!(!super::exact(rounded.as_bytes()), "{rounded}");
        }
        assert_eq!(
            super::imprecise_number(br#"{"s": "940.000000000000000000000000000001", "n": [1.5, 2.0000000000000000001]}"#),
            Some((55, 21)),
            "digits in strings are text, not numbers"
        );
        let finding = super::parse(b"{\n  \"amount\": 940.000000000000000000000000000001\n}")
            .expect_err("rounded");
        assert_eq!((finding.line, finding.column), (Some(2), Some(13)));
        assert!(
            finding.message.contains("readers take it as 940"),
            "{}",
            finding.message
        );
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
