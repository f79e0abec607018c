//! Dates a report carries: the request's `published_on`, the portal's 成文日期 / 发布日期, and the
//! date under the sign-off. Each is checked against the deadline and the end of the covered year.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::document::{Document, TextRange};
use crate::lang::Lang;
use crate::outline::Outline;
use crate::ruleset::RuleSet;

/// 2025-03-13, 2025/3/13, 2025.3.13, 2025年3月13日.
static DIGIT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?:\s*日)?")
        .expect("date pattern compiles")
});
/// 二〇二五年三月十三日, as sign-offs of official documents write it.
static CHINESE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([〇○零O0一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
        .expect("date pattern compiles")
});

/// Where a date was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateSource {
    /// The request's `published_on`.
    Request,
    /// A portal metadata line, with its label (成文日期).
    Label(String),
    /// The date under the sign-off.
    SignOff,
}

impl DateSource {
    /// What the date is, for a message: "发布日期2025-04-15".
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            DateSource::Request => lang.pick("发布日期", "The publication date ").to_owned(),
            DateSource::Label(label) => lang.pick(label.clone(), format!("The “{label}” date ")),
            DateSource::SignOff => lang.pick("落款日期", "The sign-off date ").to_owned(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct ReportDate {
    pub date: NaiveDate,
    pub source: DateSource,
    /// Where it is written; none for the request's.
    pub range: Option<TextRange>,
}

/// Every date the report is published or signed on, the request's first.
pub fn report_dates(
    document: &Document,
    outline: &Outline,
    rules: &RuleSet,
    published_on: Option<NaiveDate>,
) -> Vec<ReportDate> {
    let layout = &outline.layout;
    let mut dates: Vec<ReportDate> = published_on
        .map(|date| ReportDate {
            date,
            source: DateSource::Request,
            range: None,
        })
        .into_iter()
        .collect();
    for value in layout.labelled_values(document, rules, &rules.date_labels) {
        if let Some((date, range)) = first_date(document.text(value.range)) {
            dates.push(ReportDate {
                date,
                source: DateSource::Label(rules.date_labels.word(value.label).into()),
                range: Some(value.range.sub(range)),
            });
        }
    }
    if let Some(sign_off) = layout.sign_off_range(document)
        && let Some((date, range)) = first_date(document.text(sign_off))
    {
        dates.push(ReportDate {
            date,
            source: DateSource::SignOff,
            range: Some(sign_off.sub(range)),
        });
    }
    dates
}

/// The first real date in a text, in digits or Chinese numerals.
pub fn first_date(text: &str) -> Option<(NaiveDate, Range<usize>)> {
    let digits = DIGIT_DATE.captures_iter(text).find_map(|c| {
        let date =
            NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)?;
        let whole = c.get(0)?;
        Some((date, whole.start()..whole.end()))
    });
    let chinese = CHINESE_DATE.captures_iter(text).find_map(|c| {
        let year = c[1]
            .chars()
            .try_fold(0, |acc, ch| Some(acc * 10 + digit(ch)?))?;
        let date = NaiveDate::from_ymd_opt(year, chinese_number(&c[2])?, chinese_number(&c[3])?)?;
        let whole = c.get(0)?;
        Some((date, whole.start()..whole.end()))
    });
    [digits, chinese]
        .into_iter()
        .flatten()
        .min_by_key(|(_, range)| range.start)
}

fn digit(ch: char) -> Option<i32> {
    match ch {
        '〇' | '○' | '零' | 'O' | '0' => Some(0),
        _ => "一二三四五六七八九"
            .chars()
            .position(|c| c == ch)
            .map(|i| i as i32 + 1),
    }
}

/// 一 to 三十一, as months and days are written.
fn chinese_number(text: &str) -> Option<u32> {
    let value = |ch| digit(ch).map(|d| d as u32);
    let chars: Vec<char> = text.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [d] => value(*d),
        ['十', ones] => Some(10 + value(*ones)?),
        [tens, '十'] => Some(value(*tens)? * 10),
        [tens, '十', ones] => Some(value(*tens)? * 10 + value(*ones)?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<String> {
        first_date(text).map(|(d, _)| d.to_string())
    }

    #[test]
    fn dates_in_digits_and_in_chinese_numerals() {
        assert_eq!(date("2025年3月13日").as_deref(), Some("2025-03-13"));
        assert_eq!(date("| 2024-02-29 |").as_deref(), Some("2024-02-29"));
        assert_eq!(date("二〇二五年三月十三日").as_deref(), Some("2025-03-13"));
        assert_eq!(
            date("二〇二四年十二月三十一日").as_deref(),
            Some("2024-12-31")
        );
        assert_eq!(date("2023-02-29"), None, "not a real day");
        assert_eq!(date("曲靖市麒麟区人民政府白石江街道办事处"), None);
    }
}
