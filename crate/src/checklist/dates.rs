//! Calendar dates: the UTC day of a time, written YYYY-MM-DD as the rules' regional history writes
//! its dates. Only years 0000 to 9999 are written (such dates compare as strings); a time outside
//! them, or no time at all (NaN, ±infinity), has no date, so nothing here can overflow.

const DAY_MS: f64 = 86_400_000.0;
/// 0000-01-01 and 9999-12-31, in days since 1970-01-01 (proleptic Gregorian).
const FIRST_DAY: f64 = -719_528.0;
const LAST_DAY: f64 = 2_932_896.0;

/// The calendar date (UTC, YYYY-MM-DD) of a time in milliseconds since the epoch; None outside the
/// years 0000 to 9999 and for NaN or an infinite time.
pub fn date_of(ms: f64) -> Option<String> {
    if !has_date(ms) {
        return None;
    }
    let (year, month, day) = civil_from_days((ms / DAY_MS).floor() as i32);
    // Digit by digit: integer formatting with a width is code the wasm does without.
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    let mut date = String::with_capacity(10);
    date.extend([digit(year / 1000), digit(year / 100), digit(year / 10), digit(year), '-']);
    date.extend([digit(month / 10), digit(month), '-', digit(day / 10), digit(day)]);
    Some(date)
}

/// The time in ISO 8601, UTC, to the millisecond (`2026-11-30T12:00:00.000Z`, as JavaScript's
/// `toISOString` writes it); None where `date_of` is None.
pub fn iso_of(ms: f64) -> Option<String> {
    let mut iso = date_of(ms)?;
    let within = ms - (ms / DAY_MS).floor() * DAY_MS; // 0 ≤ within < DAY_MS
    let within = within as u32;
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    let (h, m, s, milli) = (within / 3_600_000, within / 60_000 % 60, within / 1000 % 60, within % 1000);
    iso.extend(['T', digit(h / 10), digit(h), ':', digit(m / 10), digit(m), ':', digit(s / 10), digit(s), '.']);
    iso.extend([digit(milli / 100), digit(milli / 10), digit(milli), 'Z']);
    Some(iso)
}

/// Whether a time has a calendar date (`date_of` is Some): years 0000 to 9999; never NaN or an
/// infinite time. A time the checklist holds must have one.
pub fn has_date(ms: f64) -> bool {
    // NaN is in no range: it is refused here too.
    (FIRST_DAY..=LAST_DAY).contains(&(ms / DAY_MS).floor())
}

/// Days since 1970-01-01 to (year, month, day), after Howard Hinnant's `civil_from_days`
/// (https://howardhinnant.github.io/date_algorithms.html#civil_from_days). For days from
/// `FIRST_DAY` to `LAST_DAY` every intermediate value lies between -60 and 3,652,364 (i32 holds
/// them) and the year between 0 and 9999.
fn civil_from_days(days: i32) -> (u32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i32::from(month <= 2);
    (year as u32, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Days since 1970-01-01 of a date, after Hinnant's `days_from_civil`: the inverse, to check against.
    fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    fn parts(date: &str) -> (i64, i64, i64) {
        let part = |range: std::ops::Range<usize>| date[range].parse::<i64>().unwrap();
        (part(0..4), part(5..7), part(8..10))
    }

    #[test]
    fn dates_are_civil_utc_days() {
        assert_eq!(date_of(0.0).as_deref(), Some("1970-01-01"));
        assert_eq!(date_of(1_762_128_000_000.0).as_deref(), Some("2025-11-03"));
        assert_eq!(date_of(1_762_127_999_999.0).as_deref(), Some("2025-11-02"));
        assert_eq!(date_of(951_782_400_000.0).as_deref(), Some("2000-02-29"));
        assert_eq!(date_of(-86_400_000.0).as_deref(), Some("1969-12-31"));
        assert_eq!(date_of(-1.0).as_deref(), Some("1969-12-31"));
    }

    #[test]
    fn iso_times_are_utc_to_the_millisecond() {
        assert_eq!(iso_of(0.0).as_deref(), Some("1970-01-01T00:00:00.000Z"));
        assert_eq!(iso_of(1_796_040_000_000.0).as_deref(), Some("2026-11-30T12:00:00.000Z"));
        assert_eq!(iso_of(1_796_040_000_000.0 + 86_399_999.0 - 43_200_000.0).as_deref(), Some("2026-11-30T23:59:59.999Z"));
        assert_eq!(iso_of(-1.0).as_deref(), Some("1969-12-31T23:59:59.999Z"));
        assert_eq!(iso_of(1_796_040_000_000.5).as_deref(), Some("2026-11-30T12:00:00.000Z"), "milliseconds are whole");
        assert_eq!(iso_of(f64::NAN), None);
    }

    #[test]
    fn the_first_and_last_days_with_a_four_digit_year_have_dates_and_no_others() {
        assert_eq!(date_of(FIRST_DAY * DAY_MS).as_deref(), Some("0000-01-01"));
        assert_eq!(date_of(FIRST_DAY * DAY_MS - 1.0), None);
        assert_eq!(date_of((LAST_DAY + 1.0) * DAY_MS - 1.0).as_deref(), Some("9999-12-31"));
        assert_eq!(date_of((LAST_DAY + 1.0) * DAY_MS), None);
    }

    #[test]
    fn no_time_has_no_date() {
        for ms in [f64::NAN, -f64::NAN, f64::INFINITY, f64::NEG_INFINITY, f64::MAX, f64::MIN, 8.64e15, -8.64e15, 1e300] {
            assert_eq!(date_of(ms), None, "{ms}");
        }
    }

    proptest! {
        #[test]
        fn any_time_has_a_well_formed_date_or_none(ms in any::<f64>()) {
            let in_range = (FIRST_DAY * DAY_MS..(LAST_DAY + 1.0) * DAY_MS).contains(&ms);
            prop_assert_eq!(has_date(ms), date_of(ms).is_some());
            match date_of(ms) {
                Some(date) => {
                    prop_assert!(in_range, "{ms} → {date}");
                    let b = date.as_bytes();
                    prop_assert!(b.len() == 10 && b[4] == b'-' && b[7] == b'-', "{date}");
                }
                None => prop_assert!(!in_range, "{ms} has no date"),
            }
        }

        #[test]
        fn every_day_is_its_own_calendar_date(days in -719_528i64..=2_932_896, within in 0.0..DAY_MS) {
            let date = date_of(days as f64 * DAY_MS + within).unwrap();
            let (year, month, day) = parts(&date);
            prop_assert!((1..=12).contains(&month) && (1..=31).contains(&day), "{date}");
            prop_assert_eq!(days_from_civil(year, month, day), days, "{}", date);
        }

        #[test]
        fn later_days_have_later_dates(days in -719_528i64..2_932_896) {
            let (today, tomorrow) = (date_of(days as f64 * DAY_MS).unwrap(), date_of((days + 1) as f64 * DAY_MS).unwrap());
            prop_assert!(today < tomorrow, "{} then {}", today, tomorrow);
        }
    }
}
