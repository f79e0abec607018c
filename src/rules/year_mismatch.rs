//! Rule `year-mismatch`; its documentation is `year_mismatch.md`.

use crate::document::TextRange;

use crate::facts::year::{YearSource, years_named};

use super::{Analysis, Findings, Rule};

pub struct YearMismatch;

/// Where a year that should be the report year is written.
#[derive(Clone, Copy)]
enum Place {
    Title,
    Opening,
    Heading,
}

impl Rule for YearMismatch {
    fn check(analysis: &Analysis, out: &mut Findings) {
        let Some(year) = analysis.year() else {
            return;
        };
        let mut places: Vec<(Place, TextRange)> = Vec::new();
        if year.source != YearSource::Title
            && let Some(range) = analysis.outline.title(analysis.document)
        {
            places.push((Place::Title, range));
        }
        if year.source != YearSource::Opening
            && let Some(range) = opening_naming_years(analysis)
        {
            places.push((Place::Opening, range));
        }
        places.extend(report_year_headings(analysis).map(|r| (Place::Heading, r)));
        for (place, range) in places {
            let named = years_named(analysis.document.text(range), analysis.rules);
            // The opening may look back; it is wrong only when it never names the report year.
            if matches!(place, Place::Opening) && named.iter().any(|(y, _)| *y == year.year) {
                continue;
            }
            for (found, at) in named.into_iter().filter(|(y, _)| *y != year.year) {
                let message = describe(analysis, place, found, year.year, year.source);
                out.report(message)
                    .at(range.sub(at))
                    .suggest(year.year.to_string())
                    .push();
            }
        }
    }
}

/// The first paragraph before the first heading that names a year.
fn opening_naming_years(analysis: &Analysis) -> Option<TextRange> {
    let first_heading = analysis
        .outline
        .top_level()
        .next()
        .map_or(analysis.outline.body_end, |(_, h)| h.range.start());
    analysis
        .outline
        .paragraphs()
        .iter()
        .take_while(|p| p.range.start() < first_heading)
        .map(|p| p.range)
        .find(|&r| !years_named(analysis.document.text(r), analysis.rules).is_empty())
}

/// Top-level headings of the parts about the report year itself (not the plans).
fn report_year_headings<'a>(analysis: &'a Analysis) -> impl Iterator<Item = TextRange> + 'a {
    analysis
        .outline
        .top_level()
        .filter(move |(index, _)| {
            let of = &analysis.parts().of_heading(*index);
            !of.is_empty()
                && of
                    .iter()
                    .all(|&p| analysis.rules.part_at(p).spec.year_offset.unwrap_or(0) == 0)
        })
        .map(|(_, heading)| heading.words())
}

fn describe(
    analysis: &Analysis,
    place: Place,
    found: i32,
    year: i32,
    source: YearSource,
) -> String {
    let (zh, en) = match place {
        Place::Title => ("标题", "The title"),
        Place::Opening => ("开头", "The opening"),
        Place::Heading => (
            "本年度部分的标题",
            "A heading of a part about the report year",
        ),
    };
    let (from_zh, from_en) = match source {
        YearSource::Request => ("请求给出的年度", "the year given in the request"),
        YearSource::Title => ("标题", "the title"),
        YearSource::Opening => ("开头", "the opening"),
        YearSource::Heading => ("第一部分的标题", "the first part's heading"),
    };
    analysis.lang().pick(
        format!("{zh}写的是{found}年，而{from_zh}表明这是{year}年度报告。"),
        format!("{en} names {found}, but {from_en} makes this a report on {year}."),
    )
}

#[cfg(test)]
rule_cases!(
    YearMismatch,
    flags: report_with("一、2024年推进法治政府建设的主要举措和成效", "一、2023年推进法治政府建设的主要举措和成效") => 1,
    silent: REPORT,
);
