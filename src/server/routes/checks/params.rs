//! Options in a query string or in form fields, read the way OA systems and generated clients
//! send them: lists as repeated keys (`disable=a&disable=b`, what Spring, Feign and most
//! generators send), as `disable[]=a`, or comma-separated; booleans as `true`, `True` (.NET's
//! `bool.ToString()`), `1` or `on`; names of choices in any case. Fields nianbao does not know
//! (an OA system's `userId`) are left alone. A value that is wrong is named in `errors[]`.

use std::future::{Ready, ready};

use actix_web::{FromRequest, HttpRequest, dev::Payload};
use chrono::NaiveDate;

use super::request::CheckQuery;
use crate::lang::Lang;
use crate::rules::Profile;
use crate::ruleset::IssuerKind;
use crate::server::problem::{FieldError, Problem, request_lang};

/// The most key–value pairs read: more than the options a check has, with repeated lists.
const MAX_PAIRS: usize = 300;

/// The query string's options (the extractor for `CheckQuery`).
pub struct QueryOptions(pub CheckQuery);

impl FromRequest for QueryOptions {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let lang = request_lang(request);
        let pairs = form_urlencoded(request.query_string());
        ready(
            read(pairs, lang)
                .map(QueryOptions)
                .map_err(|problem| problem.for_request(request).into()),
        )
    }
}

/// The key–value pairs of a query string (`+` and percent escapes decoded; bytes that are not
/// UTF-8 replaced), at most [`MAX_PAIRS`].
pub fn form_urlencoded(query: &str) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
    pairs.truncate(MAX_PAIRS);
    pairs
}

/// The options the pairs give; a key given twice keeps its last value, except the rule lists,
/// which gather every value.
pub fn read(
    pairs: impl IntoIterator<Item = (String, String)>,
    lang: Lang,
) -> Result<CheckQuery, Problem> {
    let mut query = CheckQuery::default();
    let mut errors = Vec::new();
    for (key, value) in pairs.into_iter().take(MAX_PAIRS) {
        let key = key.trim().trim_end_matches("[]");
        let value = value.trim();
        let mut wrong = |detail: String| errors.push(FieldError::at_parameter(key, detail));
        match key {
            "year" => match value.parse::<i32>() {
                Ok(year) => query.year = Some(year),
                Err(_) => wrong(lang.pick(
                    "年份应为四位数字，如 2024。".to_owned(),
                    "The year must be four digits, e.g. 2024.".to_owned(),
                )),
            },
            "published_on" | "submitted_on" => match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
                Ok(date) if key == "published_on" => query.published_on = Some(date),
                Ok(date) => query.submitted_on = Some(date),
                Err(_) => wrong(lang.pick(
                    "日期应为 YYYY-MM-DD 格式的真实日期，如 2025-03-28。".to_owned(),
                    "The date must be a real date written YYYY-MM-DD, e.g. 2025-03-28.".to_owned(),
                )),
            },
            "issuer_kind" => match choice(value, &["government", "department"]) {
                Some(0) => query.issuer_kind = Some(IssuerKind::Government),
                Some(_) => query.issuer_kind = Some(IssuerKind::Department),
                None => wrong(one_of("issuer_kind", "government, department", lang)),
            },
            "profile" => match choice(value, &["default", "strict"]) {
                Some(0) => query.profile = Some(Profile::Default),
                Some(_) => query.profile = Some(Profile::Strict),
                None => wrong(one_of("profile", "default, strict", lang)),
            },
            "lang" => match choice(value, &["zh", "en"]) {
                Some(0) => query.lang = Some(Lang::Zh),
                Some(_) => query.lang = Some(Lang::En),
                None => wrong(one_of("lang", "zh, en", lang)),
            },
            "include_text" => match boolean(value) {
                Some(include) => query.include_text = Some(include),
                None => wrong(lang.pick(
                    "include_text 应为 true 或 false（也接受 True、1、0、on、off）。".to_owned(),
                    "include_text must be true or false (True, 1, 0, on and off are taken too)."
                        .to_owned(),
                )),
            },
            "enable" => append(&mut query.enable, value),
            "disable" => append(&mut query.disable, value),
            // What an OA system adds for itself (userId, a signature, a cache buster).
            _ => {}
        }
    }
    if errors.is_empty() {
        Ok(query)
    } else {
        Err(Problem::validation(errors, lang))
    }
}

/// The index of the choice a value names, in any case.
fn choice(value: &str, choices: &[&str]) -> Option<usize> {
    choices.iter().position(|c| c.eq_ignore_ascii_case(value))
}

pub fn boolean(value: &str) -> Option<bool> {
    match value.to_ascii_lowercase().as_str() {
        "true" | "1" | "on" | "yes" => Some(true),
        "false" | "0" | "off" | "no" => Some(false),
        _ => None,
    }
}

fn one_of(name: &str, choices: &str, lang: Lang) -> String {
    lang.pick(
        format!("{name} 应为以下之一：{choices}。"),
        format!("{name} must be one of: {choices}."),
    )
}

/// A rule list given in several keys becomes one comma-separated list. An empty value stays, to
/// be refused: `enable=` meant something (a form's blank fields are dropped before).
fn append(list: &mut Option<String>, value: &str) {
    match list {
        Some(ids) => {
            ids.push(',');
            ids.push_str(value);
        }
        None => *list = Some(value.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(query: &str) -> Result<CheckQuery, Problem> {
        read(form_urlencoded(query), Lang::Zh)
    }

    #[test]
    fn lists_as_repeated_keys_brackets_or_commas() {
        let query = pairs("disable=part-order&disable=measures-coverage&enable[]=a,b").unwrap();
        assert_eq!(
            query.disable.as_deref(),
            Some("part-order,measures-coverage")
        );
        assert_eq!(query.enable.as_deref(), Some("a,b"));
    }

    #[test]
    fn booleans_and_choices_as_clients_write_them() {
        for (written, expected) in [("True", true), ("1", true), ("on", true), ("FALSE", false)] {
            let query = pairs(&format!("include_text={written}")).unwrap();
            assert_eq!(query.include_text, Some(expected), "{written}");
        }
        let query = pairs("issuer_kind=Department&lang=EN&userId=42").unwrap();
        assert_eq!(query.issuer_kind, Some(IssuerKind::Department));
        assert_eq!(query.lang, Some(Lang::En));
    }

    #[test]
    fn wrong_values_are_each_named() {
        let problem = pairs("include_text=maybe&year=abc").unwrap_err();
        let errors = &problem.body().errors;
        assert_eq!(problem.status().as_u16(), 422);
        let names: Vec<_> = errors.iter().map(|e| e.parameter.as_deref()).collect();
        assert_eq!(names, [Some("include_text"), Some("year")]);
    }

    #[test]
    fn escapes_are_decoded() {
        assert_eq!(
            form_urlencoded("disable=part%2Dorder+x&a"),
            [
                ("disable".to_owned(), "part-order x".to_owned()),
                ("a".to_owned(), String::new())
            ]
        );
    }
}
