//! UK local time as whole minutes, for planning a story's dates without a calendar library.
//!
//! A [`Minutes`] is minutes since 1970-01-01 00:00 on the UK wall clock. [`uk`] writes it with
//! the offset in force on that day: `Z` in winter, `+01:00` in British Summer Time (from the
//! last Sunday of March to the last Sunday of October).

use std::io;

use pcds::DateTime;

/// Minutes since 1970-01-01 00:00, UK wall-clock time.
pub(super) type Minutes = i64;

/// Minutes in an hour.
pub(super) const HOUR: Minutes = 60;

/// Minutes in a day.
pub(super) const DAY: Minutes = 24 * HOUR;

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a count of days since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// A wall-clock time.
pub(super) fn at(year: i64, month: i64, day: i64, hour: i64, minute: i64) -> Minutes {
    days_from_civil(year, month, day) * DAY + hour * HOUR + minute
}

/// Midnight at the start of the day of `t`.
pub(super) fn midnight(t: Minutes) -> Minutes {
    t.div_euclid(DAY) * DAY
}

/// The year of `t`.
pub(super) fn year(t: Minutes) -> i64 {
    civil_from_days(t.div_euclid(DAY)).0
}

/// Midnight on the first 1 April after the day of `t`: when annual fee reviews take effect.
pub(super) fn next_april(t: Minutes) -> Minutes {
    let (year, month, _) = civil_from_days(t.div_euclid(DAY));
    at(if month >= 4 { year + 1 } else { year }, 4, 1, 0, 0)
}

/// Whether `t` falls on a Friday at or after 12:00 on the UK wall clock: a Friday afternoon or
/// evening, when a referral meets the Friday premium.
pub(super) fn friday_afternoon(t: Minutes) -> bool {
    // 1970-01-01 was a Thursday: day 0 has weekday 4 counting from Sunday, so Friday is 5.
    let friday = (t.div_euclid(DAY) + 4).rem_euclid(7) == 5;
    friday && t.rem_euclid(DAY) >= 12 * HOUR
}

/// The day of the last Sunday of March or October (both have 31 days).
fn last_sunday(year: i64, month: i64) -> i64 {
    let last = days_from_civil(year, month, 31);
    // 1970-01-01 was a Thursday: day 0 has weekday 4 counting from Sunday.
    last - (last + 4).rem_euclid(7)
}

/// `t` as an RFC 3339 date-time with the UK offset of its day.
pub(super) fn uk(t: Minutes) -> io::Result<DateTime> {
    let days = t.div_euclid(DAY);
    let (year, month, day) = civil_from_days(days);
    let summer = (last_sunday(year, 3)..last_sunday(year, 10)).contains(&days);
    let minutes = t.rem_euclid(DAY);
    let text = format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:00{}",
        minutes / HOUR,
        minutes % HOUR,
        if summer { "+01:00" } else { "Z" }
    );
    text.parse().map_err(super::parts::invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_carry_the_uk_offset() {
        for days in [-1, 0, 59, 10_000, 19_448, 20_000, 25_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        let text = |t| uk(t).map(|d| d.to_string()).unwrap_or_default();
        assert_eq!(text(at(2025, 3, 14, 17, 20)), "2025-03-14T17:20:00Z");
        assert_eq!(text(at(2025, 3, 30, 9, 0)), "2025-03-30T09:00:00+01:00");
        assert_eq!(text(at(2025, 10, 25, 9, 0)), "2025-10-25T09:00:00+01:00");
        assert_eq!(text(at(2025, 10, 26, 9, 0)), "2025-10-26T09:00:00Z");
        assert_eq!(next_april(at(2025, 4, 1, 10, 0)), at(2026, 4, 1, 0, 0));
        assert_eq!(next_april(at(2025, 3, 31, 10, 0)), at(2025, 4, 1, 0, 0));
    }

    #[test]
    fn friday_afternoon_starts_at_noon_and_ends_at_midnight() {
        // 2025-03-14 and 2025-07-04 were Fridays (winter and summer time).
        assert!(!friday_afternoon(at(2025, 3, 14, 11, 59)));
        assert!(friday_afternoon(at(2025, 3, 14, 12, 0)));
        assert!(friday_afternoon(at(2025, 3, 14, 23, 59)));
        assert!(!friday_afternoon(at(2025, 3, 15, 0, 0)));
        assert!(!friday_afternoon(at(2025, 3, 13, 15, 0)));
        assert!(friday_afternoon(at(2025, 7, 4, 12, 0)));
        assert!(!friday_afternoon(at(2025, 7, 4, 11, 0)));
    }
}
