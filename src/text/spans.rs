//! Stretches of a paragraph that break by their own rules: web addresses and e-mail
//! addresses (cjk-rules.md §6.4) and number ranges (§2.7). In: the paragraph's
//! characters. Out: which boundaries inside them may break; `breaks` applies the
//! result on top of the level's tailoring.

/// Characters after which a web or e-mail address may break (cjk-rules.md §6.4). The
/// break goes *after* them so the line end shows the address is not finished.
const URL_BREAK_AFTER: [char; 6] = ['/', '.', '?', '&', '=', '_'];

/// Characters that may appear inside an address (RFC 3986 unreserved and reserved
/// characters, plus `%` escapes). Anything else, a space or a CJK character, ends it.
fn url_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c)
}

/// Punctuation that ends a sentence rather than an address when it is the run's last
/// character (`见 www.example.com.`).
fn trailing_punct(c: char) -> bool {
    ".,;:!?)]'".contains(c)
}

/// Address spans as half-open character ranges: runs of address characters that hold
/// `://`, start with `www.`, or are `local@domain.tld`.
pub fn address_spans(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !url_char(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && url_char(chars[i]) {
            i += 1;
        }
        let mut end = i;
        while end > start && trailing_punct(chars[end - 1]) {
            end -= 1;
        }
        if end > start && is_address(&chars[start..end]) {
            out.push((start, end));
        }
    }
    out
}

fn is_address(run: &[char]) -> bool {
    let s: String = run.iter().collect();
    let lower = s.to_ascii_lowercase();
    if lower.contains("://") || lower.starts_with("www.") {
        return true;
    }
    // local@domain.tld: one @, a dot after it, letters on both sides.
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && domain
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric())
                && domain
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_ascii_alphabetic())
        }
        None => false,
    }
}

/// Inside an address, a line may break before character `k` (its predecessor is in
/// the address too) only after one of `/ . ? & = _` — and not between two of the same,
/// as in `//` — or before `@`. Never after a hyphen: a hyphen at a line end reads as a
/// word-break hyphen (cjk-rules.md §6.4).
pub fn address_break(chars: &[char], k: usize) -> bool {
    let (p, n) = (chars[k - 1], chars[k]);
    if n == '@' {
        return true;
    }
    // Not before a closing bracket or another break character: `//`, `/)`.
    URL_BREAK_AFTER.contains(&p) && !URL_BREAK_AFTER.contains(&n) && !")]}'".contains(n)
}

/// Connectors that join the two ends of a range: — – ～ 〜 - ~ ‐ －.
fn range_connector(c: char) -> bool {
    matches!(
        c,
        '—' | '–' | '～' | '〜' | '-' | '~' | '‐' | '－' | '\u{2012}'
    )
}

/// A character that ends a number: a digit, or a unit sign after one (`3℃～5℃`).
fn ends_number(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    if c.is_ascii_digit() || ('０'..='９').contains(&c) {
        return true;
    }
    matches!(c, '%' | '％' | '℃' | '°' | '‰' | '℉') && i > 0 && ends_number(chars, i - 1)
}

/// A character that starts a number: a digit or a currency sign before one.
fn starts_number(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    if c.is_ascii_digit() || ('０'..='９').contains(&c) {
        return true;
    }
    matches!(c, '￥' | '¥' | '$' | '＄' | '€' | '£')
        && i + 1 < chars.len()
        && starts_number(chars, i + 1)
}

/// The boundary before character `k` touches the connector of a number range
/// (`1—11月`, `2020—2021年`, `3～5℃`, `9:00—17:00`): no break on either side of the
/// connector (cjk-rules.md §2.7; GB/T 15834 §4.13 on the connector in ranges, clreq
/// on keeping a range together).
pub fn in_number_range(chars: &[char], k: usize) -> bool {
    let range_at = |c: usize| {
        c >= 1
            && c + 1 < chars.len()
            && range_connector(chars[c])
            && !range_connector(chars[c - 1])
            && !range_connector(chars[c + 1])
            && ends_number(chars, c - 1)
            && starts_number(chars, c + 1)
    };
    range_at(k) || range_at(k - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(s: &str) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        address_spans(&chars)
            .into_iter()
            .map(|(a, b)| chars[a..b].iter().collect())
            .collect()
    }

    #[test]
    fn finds_web_and_mail_addresses_in_chinese_text() {
        assert_eq!(
            spans("详见https://www.zbgx.gov.cn/news/2020.html。"),
            ["https://www.zbgx.gov.cn/news/2020.html"]
        );
        assert_eq!(spans("来信请寄news-desk@lzcb.cn，"), ["news-desk@lzcb.cn"]);
        assert_eq!(spans("登录www.example.com."), ["www.example.com"]);
        assert!(spans("增长11.6%，约3.5亿").is_empty());
        assert!(spans("e-mail和a@b").is_empty());
    }

    #[test]
    fn address_breaks_after_slash_and_dot_and_before_at_only() {
        let c: Vec<char> = "ab/cd.e-f@g".chars().collect();
        let ok: Vec<usize> = (1..c.len()).filter(|&k| address_break(&c, k)).collect();
        assert_eq!(ok, vec![3, 6, 9]);
        let c: Vec<char> = "http://x".chars().collect();
        assert!(!address_break(&c, 6)); // between the two slashes
        assert!(address_break(&c, 7));
    }

    #[test]
    fn number_ranges_hold_together() {
        for (s, at) in [
            ("1—11月", 1),
            ("2020—2021年", 4),
            ("3～5℃", 1),
            ("9:00—17:00", 4),
            ("3℃～5℃", 2),
        ] {
            let c: Vec<char> = s.chars().collect();
            assert!(in_number_range(&c, at), "{s} before the connector");
            assert!(in_number_range(&c, at + 1), "{s} after the connector");
        }
        let c: Vec<char> = "他说——2020年".chars().collect();
        assert!(!in_number_range(&c, 2));
        let c: Vec<char> = "党—11".chars().collect();
        assert!(!in_number_range(&c, 1));
    }
}
