//! Reading a cell as the value its column holds, and writing a value as a cell.
//!
//! A cell is read by its column's [`Kind`]: text stays text, numbers typed as text are read as
//! numbers, a spreadsheet date becomes a date-time in UK local time with its UTC offset (GMT or
//! BST), and JSON text is parsed. A value is written so that reading it back gives the same
//! value: numbers as numbers, dates as the exact text the data holds.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use serde_json::{Number, Value};

use crate::layout::Kind;
use crate::table::{Cell, number_text};

/// Why a cell could not be read as its column's kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrongType {
    /// What the column expects, e.g. `a whole number`.
    pub expected: &'static str,
    /// What the cell holds, described without repeating it.
    pub found: String,
}

/// The value of a cell in a column of `kind`, or `None` for a blank cell.
pub fn read(cell: &Cell, kind: Kind) -> Result<Option<Value>, WrongType> {
    if cell.is_empty() {
        return Ok(None);
    }
    let wrong = |expected: &'static str| WrongType {
        expected,
        found: describe(cell),
    };
    let value = match (kind, cell) {
        (_, Cell::Error(_)) => return Err(wrong(expected(kind))),
        (Kind::Text | Kind::Code, Cell::Text(text)) => {
            let text = if kind == Kind::Code {
                text.trim()
            } else {
                text
            };
            Value::String(text.to_owned())
        }
        (Kind::Text | Kind::Code, Cell::Number(n)) => Value::String(number_text(*n)),
        (Kind::Text | Kind::Code, Cell::Date(serial)) => Value::String(date_time_text(*serial)),
        (Kind::Text | Kind::Code, Cell::Bool(_)) => return Err(wrong(expected(kind))),
        (Kind::Integer, Cell::Number(n)) if n.fract() == 0.0 => number(*n),
        (Kind::Integer, Cell::Text(text)) => match text.trim().parse::<i64>() {
            Ok(n) => Value::Number(n.into()),
            Err(_) => return Err(wrong(expected(kind))),
        },
        (Kind::Number, Cell::Number(n)) => number(*n),
        (Kind::Number, Cell::Text(text)) => match parse_number(text) {
            Some(value) => value,
            None => return Err(wrong(expected(kind))),
        },
        (Kind::Boolean, Cell::Bool(b)) => Value::Bool(*b),
        (Kind::Boolean, Cell::Text(text)) => match text.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" => Value::Bool(true),
            "false" | "no" => Value::Bool(false),
            _ => return Err(wrong(expected(kind))),
        },
        (Kind::DateTime, Cell::Text(text)) => Value::String(text.trim().to_owned()),
        (Kind::DateTime, Cell::Date(serial) | Cell::Number(serial)) => {
            Value::String(date_time_text(*serial))
        }
        (Kind::Json, Cell::Text(text)) => match serde_json::from_str(text) {
            Ok(value) => value,
            Err(_) => return Err(wrong(expected(kind))),
        },
        (Kind::Json, Cell::Number(n)) => number(*n),
        (Kind::Json, Cell::Bool(b)) => Value::Bool(*b),
        _ => return Err(wrong(expected(kind))),
    };
    Ok(Some(value))
}

/// What a column of `kind` expects, as a finding says it.
#[must_use]
pub fn expected(kind: Kind) -> &'static str {
    match kind {
        Kind::Text => "text",
        Kind::Code => "a code",
        Kind::Integer => "a whole number",
        Kind::Number => "a number",
        Kind::Boolean => "TRUE or FALSE",
        Kind::DateTime => "a date and time such as 2025-03-14T17:45:00Z, or a date",
        Kind::Json => "JSON text",
    }
}

/// What a cell holds, said without repeating its text (which could be personal data).
fn describe(cell: &Cell) -> String {
    match cell {
        Cell::Empty => "nothing".to_owned(),
        Cell::Text(text) => format!("text of {} characters", text.chars().count()),
        Cell::Number(_) => "a number".to_owned(),
        Cell::Bool(_) => "TRUE or FALSE".to_owned(),
        Cell::Date(_) => "a date".to_owned(),
        Cell::Error(error) => format!("the error value `{error}`"),
    }
}

/// A JSON number: an integer when the value is whole.
fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        #[allow(clippy::cast_possible_truncation)]
        Value::Number((n as i64).into())
    } else {
        Number::from_f64(n).map_or(Value::Null, Value::Number)
    }
}

/// A number typed as text: `940.5`, `-12`, or with a pound sign and thousands commas
/// (`£1,250.00`).
fn parse_number(text: &str) -> Option<Value> {
    let trimmed = text.trim();
    let unsigned = trimmed.strip_prefix('£').unwrap_or(trimmed);
    let plain: String = if unsigned.contains(',') {
        let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let groups: Vec<&str> = whole.split(',').collect();
        let grouped = groups.len() > 1
            && (1..=3).contains(&groups[0].trim_start_matches('-').len())
            && groups[1..].iter().all(|g| g.len() == 3);
        if !grouped {
            return None;
        }
        let joined = groups.concat();
        if fraction.is_empty() {
            joined
        } else {
            format!("{joined}.{fraction}")
        }
    } else {
        unsigned.to_owned()
    };
    if plain.is_empty()
        || !plain
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | 'e' | 'E' | '+'))
    {
        return None;
    }
    let parsed: f64 = plain.parse().ok()?;
    parsed.is_finite().then(|| number(parsed))
}

/// A spreadsheet date as an RFC 3339 date-time in UK local time: `2025-04-01T00:00:00+01:00`.
#[must_use]
pub fn date_time_text(serial: f64) -> String {
    let Some(local) = from_serial(serial) else {
        return number_text(serial);
    };
    let offset = if in_summer_time(local) { "+01:00" } else { "Z" };
    format!("{}{offset}", local.format("%Y-%m-%dT%H:%M:%S"))
}

/// The wall-clock time a spreadsheet date stands for, to the second.
fn from_serial(serial: f64) -> Option<NaiveDateTime> {
    if !serial.is_finite() || !(0.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_hms_opt(0, 0, 0)?;
    #[allow(clippy::cast_possible_truncation)]
    let seconds = (serial * 86_400.0).round() as i64;
    epoch.checked_add_signed(Duration::seconds(seconds))
}

/// Whether UK wall-clock time `local` is British Summer Time: from 01:00 GMT on the last
/// Sunday of March to 01:00 GMT on the last Sunday of October.
fn in_summer_time(local: NaiveDateTime) -> bool {
    let year = local.year();
    let (Some(starts), Some(ends)) = (last_sunday(year, 3), last_sunday(year, 10)) else {
        return false;
    };
    // Summer time starts at 02:00 local (01:00 GMT) and ends at 02:00 BST; the repeated hour
    // after that, 01:00 to 02:00, is read as summer time.
    match (starts.and_hms_opt(2, 0, 0), ends.and_hms_opt(2, 0, 0)) {
        (Some(starts), Some(ends)) => local >= starts && local < ends,
        _ => false,
    }
}

fn last_sunday(year: i32, month: u32) -> Option<NaiveDate> {
    let mut day = NaiveDate::from_ymd_opt(year, month, 31)?;
    while day.weekday() != Weekday::Sun {
        day = day.pred_opt()?;
    }
    Some(day)
}

/// The cell that holds a value, or `None` when the value does not fit a cell of `kind` (it
/// then goes to the row's other fields, so nothing is lost).
#[must_use]
pub fn write(value: &Value, kind: Kind) -> Option<Cell> {
    match (kind, value) {
        (Kind::Text | Kind::Code | Kind::DateTime, Value::String(text))
            if fits_text(text) && (kind != Kind::Code || text.trim() == text) =>
        {
            Some(Cell::Text(text.clone()))
        }
        (Kind::Integer, Value::Number(n)) if n.is_i64() || n.is_u64() => {
            n.as_f64().map(Cell::Number)
        }
        (Kind::Number, Value::Number(n)) => n.as_f64().map(Cell::Number),
        (Kind::Boolean, Value::Bool(b)) => Some(Cell::Bool(*b)),
        (Kind::Json, value) => {
            let text = serde_json::to_string(value).ok()?;
            (text.chars().count() <= MAX_CELL_CHARS).then_some(Cell::Text(text))
        }
        _ => None,
    }
}

/// The most characters a spreadsheet cell holds.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Whether text reads back as itself from a cell: not blank, and not too long.
fn fits_text(text: &str) -> bool {
    !text.trim().is_empty() && text.chars().count() <= MAX_CELL_CHARS
}

/// Whether a value can be an item of a `;`-separated list cell of `kind`.
#[must_use]
pub fn fits_list_item(value: &Value, kind: Kind) -> bool {
    match value {
        Value::String(text) => {
            kind != Kind::Json
                && !text.contains(crate::layout::LIST_SEPARATOR)
                && !text.is_empty()
                && text.trim() == text
                && !matches!(kind, Kind::Integer | Kind::Number | Kind::Boolean)
        }
        Value::Number(n) => match kind {
            Kind::Integer => n.is_i64() || n.is_u64(),
            Kind::Number => true,
            _ => false,
        },
        Value::Bool(_) => kind == Kind::Boolean,
        _ => false,
    }
}

/// A list item as the text it has in a list cell.
#[must_use]
pub fn list_item_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Number(n) => n.as_f64().map(number_text).unwrap_or_default(),
        Value::Bool(true) => "TRUE".to_owned(),
        Value::Bool(false) => "FALSE".to_owned(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheet_dates_are_uk_local_time() {
        // 2025-04-01 is in summer time; 2025-01-10 is not.
        let april = 45_748.0;
        assert_eq!(date_time_text(april), "2025-04-01T00:00:00+01:00");
        assert_eq!(date_time_text(45_667.5), "2025-01-10T12:00:00Z");
    }

    #[test]
    fn numbers_typed_as_text_are_read() {
        let read_number = |text: &str| read(&Cell::Text(text.into()), Kind::Number);
        assert_eq!(read_number("940.5"), Ok(Some(serde_json::json!(940.5))));
        assert_eq!(read_number("£1,250.00"), Ok(Some(serde_json::json!(1250))));
        assert!(read_number("1,25").is_err());
        assert!(read_number("twelve").is_err());
        assert!(read(&Cell::Number(2.5), Kind::Integer).is_err());
        assert_eq!(read(&Cell::Text(" ".into()), Kind::Text), Ok(None));
    }

    #[test]
    fn a_wrong_type_does_not_repeat_the_cell() {
        let error = read(&Cell::Text("Jamie Smith".into()), Kind::Integer).expect_err("wrong");
        assert!(!error.found.contains("Jamie"));
    }
}
