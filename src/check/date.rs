//! A calendar date without time zones, for review dates: parsed only within years 1000–9999,
//! and moved by months with checked arithmetic, so no date in a source can overflow.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    year: i32,
    month: u32,
    day: u32,
}

/// The years a date may have: four digits, as `YYYY-MM-DD` writes them.
const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

/// Why text is not a date.
#[derive(Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not `YYYY-MM-DD`, or no such day.
    Invalid,
    /// A real-looking date whose year is outside 1000–9999.
    OutOfRange,
}

impl Date {
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let mut parts = text.trim().splitn(3, '-');
        let mut number = |max_digits: usize| -> Result<u64, DateError> {
            let part = parts.next().ok_or(DateError::Invalid)?;
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(DateError::Invalid);
            }
            if part.len() > max_digits {
                return Err(if max_digits == 4 { DateError::OutOfRange } else { DateError::Invalid });
            }
            part.parse().map_err(|_| DateError::Invalid)
        };
        let (year, month, day) = (number(4)?, number(2)?, number(2)?);
        let year = i32::try_from(year).map_err(|_| DateError::OutOfRange)?;
        if !YEARS.contains(&year) {
            return Err(DateError::OutOfRange);
        }
        let (month, day) = (month as u32, day as u32);
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(DateError::Invalid);
        }
        Ok(Date { year, month, day })
    }

    /// Today, or the day `SOURCE_DATE_EPOCH` names, for reproducible checks.
    pub fn today() -> Date {
        let now = || {
            let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
            Date::from_days(i64::try_from(seconds / 86_400).unwrap_or(0)).unwrap_or(Date {
                year: 1970,
                month: 1,
                day: 1,
            })
        };
        std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .and_then(|seconds| Date::from_days(seconds.div_euclid(86_400)))
            .unwrap_or_else(now)
    }

    /// The civil date of a day count since 1970-01-01 (Howard Hinnant's algorithm), if its
    /// year is within 1000–9999.
    fn from_days(days: i64) -> Option<Date> {
        // About ±3.6 million days from 1970 stays far inside i64 in every step below.
        if days.unsigned_abs() > 3_000_000 {
            return None;
        }
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = i32::try_from(yoe + era * 400 + i64::from(month <= 2)).ok()?;
        YEARS.contains(&year).then_some(Date { year, month, day })
    }

    /// The date `months` later, the day kept or moved back to the month's last; `None` past
    /// the year 9999.
    pub fn plus_months(self, months: u32) -> Option<Date> {
        let total = i64::from(self.year) * 12 + i64::from(self.month) - 1 + i64::from(months);
        let year = i32::try_from(total.div_euclid(12)).ok().filter(|y| YEARS.contains(y))?;
        let month = total.rem_euclid(12) as u32 + 1;
        Some(Date { year, month, day: self.day.min(days_in_month(year, month)) })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_count_months_and_days() {
        assert_eq!(Date::from_days(0).unwrap().to_string(), "1970-01-01");
        assert_eq!(Date::from_days(20_414).unwrap().to_string(), "2025-11-22");
        assert_eq!(Date::parse("2024-01-31").unwrap().plus_months(1).unwrap().to_string(), "2024-02-29");
        assert_eq!(Date::parse("2025-02-30"), Err(DateError::Invalid));
    }

    #[test]
    fn dates_stay_within_four_digit_years() {
        assert_eq!(Date::parse("999999999-01-01"), Err(DateError::OutOfRange));
        assert_eq!(Date::parse("99999999999999999999999-01-01"), Err(DateError::OutOfRange));
        assert_eq!(Date::parse("0999-01-01"), Err(DateError::OutOfRange));
        assert_eq!(Date::parse("2026-1-5").unwrap().to_string(), "2026-01-05");
        assert_eq!(Date::parse("2026-01-01-01"), Err(DateError::Invalid));
        assert_eq!(Date::parse("9999-12-01").unwrap().plus_months(1), None);
        assert_eq!(Date::parse("2026-01-01").unwrap().plus_months(u32::MAX), None);
        assert_eq!(Date::from_days(i64::MAX), None);
        assert_eq!(Date::from_days(i64::MIN), None);
    }
}
