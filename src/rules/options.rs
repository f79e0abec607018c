//! The options of a check, as every front end receives them ([`OptionValues`]: a query string,
//! a form, JSON, the command line) and as they are validated, in this one place, into
//! [`CheckOptions`].

use chrono::NaiveDate;

use super::{Profile, RuleId};
use crate::facts::year::YEARS;
use crate::lang::Lang;
use crate::ruleset::IssuerKind;

/// Longest title a request may give, in characters.
pub const TITLE_MAX_CHARS: usize = 500;
/// Most ids in one list of rules: more than there are rules, far fewer than a body can hold.
pub const MAX_RULE_IDS: usize = 100;

/// What the caller tells nianbao about a report besides its text, validated.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    pub title: Option<String>,
    pub year: Option<i32>,
    pub published_on: Option<NaiveDate>,
    /// The day the report went to the level above, as an office system knows it.
    pub submitted_on: Option<NaiveDate>,
    /// `None`: read from the report's title and sign-off.
    pub issuer_kind: Option<IssuerKind>,
    pub profile: Profile,
    pub enable: Vec<RuleId>,
    pub disable: Vec<RuleId>,
    pub lang: Lang,
    /// Return the text that spans refer to in the report.
    pub include_text: bool,
    /// Keep the report's trace, what a collection compares its reports by: a batch sets it,
    /// and a single check does not pay for it.
    pub traced: bool,
}

impl CheckOptions {
    /// Whether a rule runs: its profile or `enable` names it, and `disable` does not.
    pub fn runs(&self, rule: RuleId) -> bool {
        (rule.in_profile(self.profile) || self.enable.contains(&rule))
            && !self.disable.contains(&rule)
    }
}

/// Options as a front end received them, not yet validated; `None` where the sender said
/// nothing.
#[derive(Debug, Clone, Default)]
pub struct OptionValues {
    pub title: Option<String>,
    pub year: Option<i32>,
    pub published_on: Option<NaiveDate>,
    pub submitted_on: Option<NaiveDate>,
    pub issuer_kind: Option<IssuerKind>,
    pub profile: Option<Profile>,
    pub lang: Option<Lang>,
    pub include_text: Option<bool>,
    pub enable: Option<Vec<String>>,
    pub disable: Option<Vec<String>>,
}

/// Which option is wrong; a list's entries are counted from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionField {
    Title,
    Year,
    Enable(usize),
    Disable(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OptionProblem {
    YearOutOfRange,
    TitleTooLong,
    EmptyRuleId,
    UnknownRule(String),
    TooManyRuleIds,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionError {
    pub field: OptionField,
    pub problem: OptionProblem,
}

impl OptionError {
    /// What is wrong, in a sentence the sender can act on.
    pub fn message(&self, lang: Lang) -> String {
        let (first, last) = (YEARS.start(), YEARS.end());
        match &self.problem {
            OptionProblem::YearOutOfRange => lang.pick(
                format!("年份应在{first}到{last}之间。"),
                format!("The year must be between {first} and {last}."),
            ),
            OptionProblem::TitleTooLong => lang.pick(
                format!("内容过长，最多{TITLE_MAX_CHARS}个字符。"),
                format!("Too long: at most {TITLE_MAX_CHARS} characters."),
            ),
            OptionProblem::EmptyRuleId => lang.pick(
                "规则编号不能为空：请去掉多余的逗号，或不传这一项。".to_owned(),
                "A rule id is empty: drop the extra comma, or leave the list out.".to_owned(),
            ),
            OptionProblem::TooManyRuleIds => lang.pick(
                format!("规则编号过多，一个列表最多{MAX_RULE_IDS}个。"),
                format!("Too many rule ids: at most {MAX_RULE_IDS} in a list."),
            ),
            OptionProblem::UnknownRule(id) => lang.pick(
                format!("没有编号为“{id}”的规则，全部规则见 GET /v1/rules。"),
                format!("There is no rule “{id}”; GET /v1/rules lists them all."),
            ),
        }
    }
}

impl OptionValues {
    /// These values, with `fallback`'s where these say nothing.
    pub fn or(self, fallback: Self) -> Self {
        Self {
            title: self.title.or(fallback.title),
            year: self.year.or(fallback.year),
            published_on: self.published_on.or(fallback.published_on),
            submitted_on: self.submitted_on.or(fallback.submitted_on),
            issuer_kind: self.issuer_kind.or(fallback.issuer_kind),
            profile: self.profile.or(fallback.profile),
            lang: self.lang.or(fallback.lang),
            include_text: self.include_text.or(fallback.include_text),
            enable: self.enable.or(fallback.enable),
            disable: self.disable.or(fallback.disable),
        }
    }

    /// The options, or every value that is wrong; messages in `lang` unless the values name one.
    pub fn validate(self, lang: Lang) -> Result<CheckOptions, Vec<OptionError>> {
        let mut errors = Vec::new();
        let mut wrong = |field, problem| errors.push(OptionError { field, problem });
        if self
            .title
            .as_ref()
            .is_some_and(|t| t.chars().count() > TITLE_MAX_CHARS)
        {
            wrong(OptionField::Title, OptionProblem::TitleTooLong);
        }
        if self.year.is_some_and(|year| !YEARS.contains(&year)) {
            wrong(OptionField::Year, OptionProblem::YearOutOfRange);
        }
        let mut rules = |ids: Option<Vec<String>>, field: fn(usize) -> OptionField| {
            let mut found = Vec::new();
            let ids = ids.unwrap_or_default();
            if ids.len() > MAX_RULE_IDS {
                wrong(field(MAX_RULE_IDS), OptionProblem::TooManyRuleIds);
                return found;
            }
            for (index, id) in ids.iter().enumerate() {
                let id = id.trim();
                match RuleId::parse(id) {
                    Some(rule) => found.push(rule),
                    None if id.is_empty() => wrong(field(index), OptionProblem::EmptyRuleId),
                    None => wrong(field(index), OptionProblem::UnknownRule(id.to_owned())),
                }
            }
            found
        };
        let enable = rules(self.enable, OptionField::Enable);
        let disable = rules(self.disable, OptionField::Disable);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(CheckOptions {
            title: self.title,
            year: self.year,
            published_on: self.published_on,
            submitted_on: self.submitted_on,
            issuer_kind: self.issuer_kind,
            profile: self.profile.unwrap_or_default(),
            enable,
            disable,
            lang: self.lang.unwrap_or(lang),
            include_text: self.include_text.unwrap_or(false),
            traced: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_given_win_over_the_fallback_field_by_field() {
        let query = OptionValues {
            year: Some(2023),
            profile: Some(Profile::Strict),
            ..OptionValues::default()
        };
        let body = OptionValues {
            year: Some(2024),
            ..OptionValues::default()
        };
        let options = body.or(query).validate(Lang::Zh).unwrap();
        assert_eq!(options.year, Some(2024));
        assert_eq!(options.profile, Profile::Strict);
    }

    #[test]
    fn every_wrong_value_is_named() {
        let values = OptionValues {
            year: Some(1999),
            enable: Some(vec!["part-missing".into(), "no-such-rule".into()]),
            disable: Some(vec![" ".into()]),
            ..OptionValues::default()
        };
        let errors = values.validate(Lang::Zh).unwrap_err();
        let fields: Vec<OptionField> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                OptionField::Year,
                OptionField::Enable(1),
                OptionField::Disable(0)
            ]
        );
        assert!(errors[1].message(Lang::En).contains("no-such-rule"));
    }

    #[test]
    fn disable_wins_over_enable_and_profile() {
        let options = OptionValues {
            enable: Some(vec!["half-width-punctuation".into()]),
            disable: Some(vec!["half-width-punctuation".into(), "part-order".into()]),
            ..OptionValues::default()
        }
        .validate(Lang::Zh)
        .unwrap();
        assert!(!options.runs(RuleId::HalfWidthPunctuation));
        assert!(!options.runs(RuleId::PartOrder));
        assert!(options.runs(RuleId::PartMissing));
    }
}
