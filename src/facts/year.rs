//! Years named in a text, and the year a report covers.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;
use utoipa::ToSchema;

use crate::document::{Document, TextRange};
use crate::outline::Outline;
use crate::ruleset::RuleSet;

/// The years a report may cover, as a request or the command line may give them.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// A year followed by 年, not part of a longer number.
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])((?:19|20)\d{2})\s*年").expect("year pattern compiles")
});
/// Joins the two ends of a range of years: 2021-2025年, 2021年至2025年.
/// A year written without 年 in a title: "2024法治政府建设工作报告".
static BARE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])((?:19|20)\d{2})\p{Han}").expect("year pattern compiles")
});
const RANGE_MARKS: [char; 6] = ['-', '—', '–', '~', '至', '到'];

/// Where the report year was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum YearSource {
    /// Given by the caller.
    Request,
    /// The title line.
    Title,
    /// The paragraphs before the first heading.
    Opening,
    /// The first top-level heading.
    Heading,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportYear {
    pub year: i32,
    pub source: YearSource,
    /// Where it was read, for a year found in the text.
    pub range: Option<TextRange>,
}

/// The years a text names as years of its own (not in a citation, not as the end of a range),
/// with their byte ranges relative to `text`.
pub fn years_named(text: &str, rules: &RuleSet) -> Vec<(i32, Range<usize>)> {
    let cited = cited_ranges(text, rules);
    YEAR.captures_iter(text)
        .filter_map(|captures| {
            let digits = captures.get(1)?;
            let range = digits.start()..digits.end();
            let before = text[..range.start].trim_end();
            let after = text[captures.get(0)?.end()..].trim_start();
            let in_range = before.ends_with(RANGE_MARKS) || after.starts_with(RANGE_MARKS);
            let in_citation = within(&cited, range.start);
            let year = digits.as_str().parse().ok()?;
            (!in_range && !in_citation).then_some((year, range))
        })
        .collect()
}

/// Whether `at` lies in one of `ranges` (sorted, not overlapping).
/// The years a title names: as in any text, or written bare before its words
/// ("2024法治政府建设工作报告").
pub fn years_in_title(text: &str, rules: &RuleSet) -> Vec<(i32, Range<usize>)> {
    let mut years = years_named(text, rules);
    if years.is_empty() {
        years.extend(BARE_YEAR.captures_iter(text).filter_map(|captures| {
            let digits = captures.get(1)?;
            Some((digits.as_str().parse().ok()?, digits.start()..digits.end()))
        }));
    }
    years
}

fn within(ranges: &[Range<usize>], at: usize) -> bool {
    let after = ranges.partition_point(|r| r.start <= at);
    after > 0 && ranges[after - 1].contains(&at)
}

/// The byte ranges inside citation brackets (《……》), sorted and merged where they overlap.
fn cited_ranges(text: &str, rules: &RuleSet) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    for (open, close) in &rules.data.layout.citation_brackets {
        let mut from = 0;
        while let Some(start) = text[from..].find(open.as_str()).map(|i| i + from) {
            let Some(end) = text[start..].find(close.as_str()).map(|i| i + start) else {
                break;
            };
            ranges.push(start..end);
            from = end;
        }
    }
    ranges.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

/// The year the report covers: the caller's, else the title's, the opening's, or the first
/// top-level heading's.
pub fn report_year(
    requested: Option<i32>,
    title: Option<&str>,
    document: &Document,
    outline: &Outline,
    rules: &RuleSet,
) -> Option<ReportYear> {
    if let Some(year) = requested {
        return Some(ReportYear {
            year,
            source: YearSource::Request,
            range: None,
        });
    }
    let in_range = |range: TextRange, source| {
        years_named(document.text(range), rules)
            .first()
            .map(|(year, r)| ReportYear {
                year: *year,
                source,
                range: Some(range.sub(r.clone())),
            })
    };
    let from_given_title = || {
        title
            .and_then(|t| years_named(t, rules).first().map(|(year, _)| *year))
            .map(|year| ReportYear {
                year,
                source: YearSource::Title,
                range: None,
            })
    };
    let first_heading = outline.top_level().next().map(|(_, h)| h);
    let opening_end = first_heading.map_or(outline.body_end, |h| h.range.start());
    let opening = || {
        outline
            .paragraphs()
            .iter()
            .take_while(|p| p.range.start() < opening_end)
            .find_map(|p| in_range(p.range, YearSource::Opening))
    };
    let from_title = || {
        let range = outline.title(document)?;
        let (year, r) = years_in_title(document.text(range), rules)
            .into_iter()
            .next()?;
        Some(ReportYear {
            year,
            source: YearSource::Title,
            range: Some(range.sub(r)),
        })
    };
    from_title()
        .or_else(from_given_title)
        .or_else(opening)
        .or_else(|| first_heading.and_then(|h| in_range(h.words(), YearSource::Heading)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn years(text: &str) -> Vec<i32> {
        years_named(text, &RuleSet::embedded())
            .into_iter()
            .map(|(y, _)| y)
            .collect()
    }

    #[test]
    fn ranges_and_citations_are_not_the_report_year() {
        assert_eq!(
            years(
                "认真贯彻落实《法治政府建设实施纲要(2021-2025年)》相关要求,现将2024年工作开展情况报告如下"
            ),
            [2024]
        );
        assert_eq!(years("2021年至2025年规划"), Vec::<i32>::new());
        assert_eq!(years("行动计划 (2022-2025)"), Vec::<i32>::new());
        assert_eq!(years("《关于〈2023年计划〉的通知》2024年"), [2024]);
    }

    #[test]
    fn years_with_du_and_dates_count() {
        assert_eq!(years("五星街道2024年度法治政府建设情况报告"), [2024]);
        assert_eq!(years("2025年3月13日"), [2025]);
        assert_eq!(years("共12024年"), Vec::<i32>::new());
    }
}
