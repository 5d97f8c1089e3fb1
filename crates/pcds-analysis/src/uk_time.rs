//! Local time in the United Kingdom, where referrals are made: Greenwich Mean Time in winter,
//! British Summer Time (one hour ahead) from 01:00 UTC on the last Sunday of March to 01:00 UTC
//! on the last Sunday of October, the rule in force since 1996.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};

/// The wall-clock time in the UK at a moment.
#[must_use]
pub fn local(moment: DateTime<Utc>) -> NaiveDateTime {
    let year = moment.year();
    let starts = last_sunday_one_am(year, 3);
    let ends = last_sunday_one_am(year, 10);
    let offset = if moment >= starts && moment < ends {
        Duration::hours(1)
    } else {
        Duration::zero()
    };
    moment.naive_utc() + offset
}

/// 01:00 UTC on the last Sunday of `month`.
fn last_sunday_one_am(year: i32, month: u32) -> DateTime<Utc> {
    let mut day = NaiveDate::from_ymd_opt(year, month, 31).unwrap_or_default();
    while day.weekday() != Weekday::Sun {
        day = day.pred_opt().unwrap_or_default();
    }
    Utc.from_utc_datetime(&day.and_hms_opt(1, 0, 0).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> String {
        let moment = DateTime::parse_from_rfc3339(text).expect("a date-time");
        local(moment.with_timezone(&Utc))
            .format("%a %Y-%m-%d %H:%M")
            .to_string()
    }

    #[test]
    fn summer_time_starts_and_ends_at_one_in_the_morning_utc() {
        // 2025: BST from Sunday 30 March to Sunday 26 October.
        assert_eq!(at("2025-03-30T00:59:00Z"), "Sun 2025-03-30 00:59");
        assert_eq!(at("2025-03-30T01:00:00Z"), "Sun 2025-03-30 02:00");
        assert_eq!(at("2025-10-26T00:59:00Z"), "Sun 2025-10-26 01:59");
        assert_eq!(at("2025-10-26T01:00:00Z"), "Sun 2025-10-26 01:00");
    }

    #[test]
    fn any_offset_gives_the_same_uk_time() {
        // A Friday afternoon in June, written three ways.
        assert_eq!(at("2025-06-13T14:30:00+01:00"), "Fri 2025-06-13 14:30");
        assert_eq!(at("2025-06-13T13:30:00Z"), "Fri 2025-06-13 14:30");
        assert_eq!(at("2025-06-13T15:30:00+02:00"), "Fri 2025-06-13 14:30");
        // In winter UK time is UTC.
        assert_eq!(at("2025-01-10T16:00:00Z"), "Fri 2025-01-10 16:00");
    }
}
