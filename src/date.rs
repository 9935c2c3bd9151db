//! Calendar dates: epoch seconds to calendar fields, without a clock; a masthead's
//! civil date to its 星期 and, through the `chinese-lunisolar-calendar` crate, its 农历.
//!
//! banmian never reads the clock (same input, same bytes): a date comes from the spec's
//! `date_epoch` or from `SOURCE_DATE_EPOCH`. This turns such a number into the UTC
//! calendar fields the PDF, its XMP metadata and the proof slug line print.

/// A moment in UTC, split into calendar fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UtcDate {
    /// The full year, 0 to 9999 (what PDF and XMP dates can hold).
    pub year: u16,
    /// 1 (January) to 12.
    pub month: u8,
    /// Day of the month, from 1.
    pub day: u8,
    /// 0 to 23.
    pub hour: u8,
    /// 0 to 59.
    pub minute: u8,
    /// 0 to 59: epoch seconds know no leap seconds.
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

/// A calendar date (proleptic Gregorian), for what a page prints: the date
/// with its 星期 and 农历.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct CivilDate {
    /// The full year; 1 to 9999 when made by [`CivilDate::new`] or [`CivilDate::parse`].
    pub year: i64,
    /// 1 (January) to 12.
    pub month: u32,
    /// Day of the month, from 1; [`CivilDate::new`] refuses a day the month lacks
    /// (02-29 outside leap years).
    pub day: u32,
}

/// 星期日 … 星期六, from Sunday.
const WEEKDAYS: [&str; 7] = [
    "星期日",
    "星期一",
    "星期二",
    "星期三",
    "星期四",
    "星期五",
    "星期六",
];

impl CivilDate {
    /// The date, when it exists (years 1 to 9999).
    pub fn new(year: i64, month: u32, day: u32) -> Option<CivilDate> {
        let d = CivilDate { year, month, day };
        let ok = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && civil_from_days(d.days()) == (year, i64::from(month), i64::from(day));
        ok.then_some(d)
    }

    /// Reads `2024-11-15`.
    pub fn parse(s: &str) -> Option<CivilDate> {
        let mut parts = s.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        CivilDate::new(year, month, day)
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn days(&self) -> i64 {
        let y = self.year - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// 星期一 … 星期日.
    pub fn weekday_name(&self) -> &'static str {
        // 1970-01-01 was a Thursday.
        WEEKDAYS[(self.days() + 4).rem_euclid(7) as usize]
    }

    /// `2024-11-15`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
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

/// The dates the 农历 is known for (the calendar crate's data covers these), as a
/// message shows them.
pub const LUNAR_RANGE: &str = "1901-02-19 to 2100-12-31";

/// A date of the Chinese lunisolar calendar (农历).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LunarDate {
    /// The lunar year by the Gregorian year in which it starts.
    pub year: i64,
    /// 1 (正月) to 12 (腊月).
    pub month: u32,
    /// The month is a leap month (闰月).
    pub leap: bool,
    /// 1 to 30.
    pub day: u32,
}

const STEMS: [&str; 10] = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];
const BRANCHES: [&str; 12] = [
    "子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥",
];
const MONTHS: [&str; 12] = [
    "正月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "冬月", "腊月",
];
const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

impl LunarDate {
    /// The year's name in the sexagenary cycle: 甲辰.
    pub fn year_name(&self) -> String {
        let n = (self.year - 4).rem_euclid(60);
        format!(
            "{}{}",
            STEMS[(n % 10) as usize],
            BRANCHES[(n % 12) as usize]
        )
    }

    /// The month's name: 正月 … 十月, 冬月, 腊月, with 闰 before a leap month.
    pub fn month_name(&self) -> String {
        let m = MONTHS[(self.month.clamp(1, 12) - 1) as usize];
        if self.leap {
            format!("闰{m}")
        } else {
            m.to_string()
        }
    }

    /// The day's name: 初一 … 初十, 十一 … 十九, 二十, 廿一 … 廿九, 三十.
    pub fn day_name(&self) -> String {
        let d = self.day as usize;
        match d {
            1..=9 => format!("初{}", DIGITS[d]),
            10 => "初十".to_string(),
            11..=19 => format!("十{}", DIGITS[d - 10]),
            20 => "二十".to_string(),
            21..=29 => format!("廿{}", DIGITS[d - 20]),
            _ => "三十".to_string(),
        }
    }

    /// As a masthead prints it: 甲辰年十月十五.
    pub fn name(&self) -> String {
        format!(
            "{}年{}{}",
            self.year_name(),
            self.month_name(),
            self.day_name()
        )
    }
}

/// The 农历 date of a Gregorian date, within [`LUNAR_RANGE`].
pub fn lunar(date: CivilDate) -> Option<LunarDate> {
    use chinese_lunisolar_calendar::{LunisolarDate, SolarDate};
    let year = u16::try_from(date.year).ok()?;
    let solar = SolarDate::from_ymd(year, date.month as u8, date.day as u8).ok()?;
    let l = LunisolarDate::from_solar_date(solar).ok()?;
    let month = l.to_lunar_month();
    Some(LunarDate {
        year: i64::from(l.to_lunisolar_year().to_solar_year().to_u16()),
        month: u32::from(month.to_u8()),
        leap: month.is_leap_month(),
        day: u32::from(l.to_lunar_day().to_u8()),
    })
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

    #[test]
    fn civil_dates_and_weekdays() {
        let d = CivilDate::parse("2024-11-15").unwrap();
        assert_eq!(d.weekday_name(), "星期五");
        assert_eq!(civil_from_days(d.days()), (2024, 11, 15));
        assert_eq!(
            CivilDate::parse("2020-12-04").unwrap().weekday_name(),
            "星期五"
        );
        assert_eq!(
            CivilDate::parse("2026-02-17").unwrap().weekday_name(),
            "星期二"
        );
        assert!(CivilDate::parse("2023-02-29").is_none());
        assert!(CivilDate::parse("2024-13-01").is_none());
        assert!(CivilDate::parse("15.11.2024").is_none());
    }

    /// 农历 dates as published (the 中国天文年历's Spring Festivals, Mid-Autumn days and
    /// leap months).
    #[test]
    fn lunar_dates_match_published_ones() {
        let cases = [
            ("2024-02-10", "甲辰年正月初一"), // 春节 2024
            ("2025-01-29", "乙巳年正月初一"), // 春节 2025
            ("2026-02-17", "丙午年正月初一"), // 春节 2026
            ("2015-02-19", "乙未年正月初一"),
            ("2015-02-18", "甲午年腊月三十"), // 除夕 2015
            ("2014-10-24", "甲午年闰九月初一"),
            ("2023-03-22", "癸卯年闰二月初一"),
            ("2024-09-17", "甲辰年八月十五"), // 中秋 2024
            ("2024-11-15", "甲辰年十月十五"),
            ("2020-12-04", "庚子年十月二十"),
            ("2025-06-25", "乙巳年六月初一"),
            ("2025-07-25", "乙巳年闰六月初一"),
        ];
        for (solar, want) in cases {
            let got = lunar(CivilDate::parse(solar).unwrap()).unwrap().name();
            assert_eq!(got, want, "{solar}");
        }
        assert!(lunar(CivilDate::parse("1800-01-01").unwrap()).is_none());
    }
}
