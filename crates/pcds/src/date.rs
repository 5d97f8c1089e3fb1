//! Dates and times.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use chrono::{FixedOffset, SecondsFormat};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// A moment in time with its UTC offset, as an RFC 3339 date-time (the form OCDS uses for every
/// date): `2025-03-14T17:45:00Z` or `2025-06-01T09:00:00+01:00`.
///
/// The offset is kept, so a time written in British Summer Time reads and writes back unchanged.
/// A zero offset is written as `Z`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime(pub chrono::DateTime<FixedOffset>);

/// A text that is not an RFC 3339 date-time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not an RFC 3339 date-time such as `2025-03-14T17:45:00Z`: {reason}")]
pub struct DateTimeError {
    text: String,
    reason: String,
}

impl FromStr for DateTime {
    type Err = DateTimeError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        chrono::DateTime::parse_from_rfc3339(text)
            .map(DateTime)
            .map_err(|e| DateTimeError {
                text: text.to_owned(),
                reason: e.to_string(),
            })
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.to_rfc3339_opts(SecondsFormat::AutoSi, true))
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(de::Error::custom)
    }
}

impl JsonSchema for DateTime {
    fn schema_name() -> Cow<'static, str> {
        "DateTime".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "title": "Date and time",
            "description": "An RFC 3339 date-time with a UTC offset, e.g. `2025-03-14T17:45:00Z`.",
            "type": "string",
            "format": "date-time",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::DateTime;

    #[test]
    fn keeps_offsets_and_fractions() {
        for text in [
            "2025-03-14T17:45:00Z",
            "2025-06-01T09:00:00+01:00",
            "2025-06-01T09:00:00.250Z",
        ] {
            let parsed: DateTime = text.parse().expect("parses");
            assert_eq!(parsed.to_string(), text);
        }
    }

    #[test]
    fn refuses_dates_without_time_or_offset() {
        for text in ["2025-03-14", "2025-03-14T17:45:00", "14/03/2025", ""] {
            assert!(text.parse::<DateTime>().is_err(), "{text}");
        }
    }
}
