//! The facts read once from a document, before any rule runs: which headings are which part,
//! the report year, the dates it carries, the issuer's level and what its measures cover.

pub mod back_half;
pub mod coverage;
pub mod dates;
pub mod genre;
pub mod issuer;
pub mod parts;
pub mod year;

use chrono::NaiveDate;

use crate::document::Document;
use crate::lang::Lang;
use crate::outline::Outline;
use crate::ruleset::{IssuerKind, RuleSet};
use coverage::Coverage;
use dates::ReportDate;
use genre::Genre;
use parts::Parts;
use year::ReportYear;

/// What the caller says about the report besides its text; it wins over what the text says.
#[derive(Debug, Clone, Copy)]
pub struct Given<'a> {
    pub year: Option<i32>,
    pub title: Option<&'a str>,
    pub published_on: Option<NaiveDate>,
    pub issuer_kind: Option<IssuerKind>,
    /// The language names are given in (the coverage areas').
    pub lang: Lang,
}

#[derive(Debug)]
pub struct Facts {
    /// Whether it is a report at all, or another genre.
    pub genre: Genre,
    pub year: Option<ReportYear>,
    pub parts: Parts,
    /// Every date the report is published or signed on, the request's first.
    pub dates: Vec<ReportDate>,
    /// Who issues it: as given, else as the issuer's name shows.
    pub issuer_kind: IssuerKind,
    /// The issuer's name as the title, the sign-off or the page's 发布机构 gives it.
    pub issuer: Option<String>,
    /// The index in the rule set of the issuer's level (a township, a sub-district), if the
    /// issuer's name shows one.
    pub issuer_level: Option<usize>,
    /// What the measures part covers; `None` when the report lacks it.
    pub coverage: Option<Coverage>,
}

impl Facts {
    pub fn read(document: &Document, outline: &Outline, rules: &RuleSet, given: Given) -> Self {
        let year = year::report_year(given.year, given.title, document, outline, rules);
        let parts = Parts::assign(document, outline, rules, year.as_ref().map(|y| y.year));
        let title = outline.title_text(document);
        let title = title.as_deref().or(given.title);
        let names = issuer::names(document, outline, rules, title);
        Self {
            genre: genre::of(document, outline, rules, title),
            dates: dates::report_dates(document, outline, rules, given.published_on),
            issuer_kind: given
                .issuer_kind
                .unwrap_or_else(|| issuer::kind(rules, &names)),
            issuer: names.first().map(|name| (*name).to_owned()),
            issuer_level: issuer::level(document, outline, rules, title, &names),
            coverage: coverage::of(document, outline, rules, &parts, given.lang),
            year,
            parts,
        }
    }
}
