//! Calendar dates from epoch seconds, without a clock and without a date crate.
//!
//! banmian never reads the clock (same input, same bytes): a date comes from the spec's
//! `date_epoch` or from `SOURCE_DATE_EPOCH`. This turns such a number into the UTC
//! calendar fields the PDF, its XMP metadata and the proof slug line print.

/// A moment in UTC, split into calendar fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UtcDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl UtcDate {
    /// Seconds since 1970-01-01T00:00:00Z; `None` outside the years 0..=9999 that PDF
    /// and XMP dates can hold.
    pub fn from_epoch(secs: i64) -> Option<UtcDate> {
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        let year = u16::try_from(y).ok().filter(|&y| y <= 9999)?;
        // Each value below is in range by construction (rem < 86 400, m 1..=12, d 1..=31).
        Some(UtcDate {
            year,
            month: m as u8,
            day: d as u8,
            hour: (rem / 3600) as u8,
            minute: (rem / 60 % 60) as u8,
            second: (rem % 60) as u8,
        })
    }

    /// ISO 8601 / XMP form: `2020-12-03T16:00:00Z`.
    pub fn iso8601(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }

    /// For people (the proof slug line): `2020-12-03 16:00 UTC`.
    pub fn human(&self) -> String {
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02} UTC",
            self.year, self.month, self.day, self.hour, self.minute
        )
    }
}

/// Days since 1970-01-01 to a proleptic Gregorian (year, month, day).
/// Howard Hinnant's `civil_from_days` (chrono-compatible date algorithms).
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_seconds_become_utc_calendar_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        // 2024-02-29 (leap day) = 19 782 days after the epoch.
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert!(UtcDate::from_epoch(i64::MAX).is_none());
        assert!(UtcDate::from_epoch(i64::MIN).is_none());
        let d = UtcDate::from_epoch(1_607_011_200).unwrap();
        assert_eq!(d.iso8601(), "2020-12-03T16:00:00Z");
        assert_eq!(d.human(), "2020-12-03 16:00 UTC");
    }
}
