//! What a check request may say, and how each part of it is validated.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use validator::{Validate, ValidationError, ValidationErrors};

use crate::lang::Lang;
use crate::rules::{CheckOptions, OptionError, OptionField, OptionValues, Profile, RuleId};
use crate::ruleset::IssuerKind;
use crate::server::openapi::examples;
use crate::server::problem::{FieldError, Problem};

/// A report to check, as JSON.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = examples::check_request)]
pub struct CheckRequest {
    /// The report's full text (1 to 2,000,000 characters). Spans in the result count code points
    /// of exactly this text.
    #[validate(
        custom(function = "not_blank"),
        length(max = 2_000_000, code = "too_long")
    )]
    #[schema(min_length = 1, max_length = 2_000_000, pattern = r"[^\s\u0085]")]
    pub text: Option<String>,
    /// The report as a file (.docx, PDF, HTML, OFD, text in any common encoding), the way OA
    /// systems send attachments; instead of `text`.
    pub file: Option<FileUpload>,
    /// Return the text that spans refer to (the extracted text of a file) in the report.
    pub include_text: Option<bool>,
    /// The report's title, when the text does not start with it.
    #[schema(max_length = 500)]
    pub title: Option<String>,
    /// The year the report covers; found in the text when not given.
    #[schema(minimum = 2000, maximum = 2100, example = 2024)]
    #[serde(default, deserialize_with = "whole_number")]
    pub year: Option<i32>,
    /// The day the report was published (YYYY-MM-DD), checked against the deadline.
    #[schema(example = "2025-03-28")]
    pub published_on: Option<NaiveDate>,
    /// The day the report was submitted to the level above (YYYY-MM-DD), as an office system
    /// knows it: checked against the submission deadline of the issuer's kind (departments 1 March).
    #[schema(example = "2025-02-26")]
    pub submitted_on: Option<NaiveDate>,
    /// Who issues the report; departments may have an earlier deadline. When absent, read from
    /// the issuer's name in the title or sign-off (局, 委员会 …: a department), else `government`.
    pub issuer_kind: Option<IssuerKind>,
    /// Which rules run: `default` (for drafters) or `strict` (for the collecting office, which
    /// also wants the title and the sign-off). `rules` then adds or removes single rules.
    pub profile: Option<Profile>,
    /// Rules to run besides or instead of the profile's.
    pub rules: Option<RuleSelection>,
    /// Language of messages; `Accept-Language` is used when absent.
    pub lang: Option<Lang>,
    /// The same issuer's report of the year before, as `{text}` or `{file}` like the report
    /// itself and within the same limits: the check report then has a `comparison`.
    pub previous: Option<PreviousUpload>,
}

/// Last year's report sent inside JSON: its text or its file, one of the two.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = examples::previous_upload)]
pub struct PreviousUpload {
    /// The previous report's full text.
    #[validate(
        custom(function = "not_blank"),
        length(max = 2_000_000, code = "too_long")
    )]
    #[schema(min_length = 1, max_length = 2_000_000)]
    pub text: Option<String>,
    /// The previous report as a file, as `file` is sent.
    pub file: Option<FileUpload>,
}

/// A file sent inside JSON.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = examples::file_upload)]
pub struct FileUpload {
    /// The file's name, for messages only: the format is read from the content.
    pub name: Option<String>,
    /// The file's bytes in base64: standard or URL-safe alphabet, padded or not, with line
    /// breaks or a `data:…;base64,` prefix. A file may have as many bytes as the body limit
    /// (10 MiB by default); the JSON around it may be 4/3 of that plus 64 KiB.
    #[schema(min_length = 2, format = Byte, content_encoding = "base64")]
    pub content_base64: String,
}

/// Rules to enable or disable for this request, by id (see `GET /v1/rules`). A rule in both
/// lists does not run: disabling wins, as `ignore` does over `select` in ruff.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"disable": ["part-order"]}))]
pub struct RuleSelection {
    /// Rules to run besides the profile's.
    #[serde(default)]
    #[schema(value_type = Vec<RuleId>)]
    pub enable: Vec<String>,
    /// Rules not to run, even if the profile or `enable` names them.
    #[serde(default)]
    #[schema(value_type = Vec<RuleId>)]
    pub disable: Vec<String>,
}

/// Options in the query string, for a `text/plain` body (a JSON body's own fields win). Nothing
/// from the report itself goes here: request logs record the query string.
///
/// Lists may repeat the key (`disable=a&disable=b`) or separate ids by commas; booleans may be
/// written `true`, `True`, `1` or `on`; other parameters are ignored.
#[derive(Debug, Default, Clone, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CheckQuery {
    /// The year the report covers (2000 to 2100).
    #[param(minimum = 2000, maximum = 2100, example = 2024)]
    pub year: Option<i32>,
    /// The day the report was published (YYYY-MM-DD).
    #[param(value_type = Option<String>, format = Date, example = "2025-03-28")]
    pub published_on: Option<NaiveDate>,
    /// The day the report was submitted to the level above (YYYY-MM-DD).
    #[param(value_type = Option<String>, format = Date, example = "2025-02-26")]
    pub submitted_on: Option<NaiveDate>,
    /// `government` or `department`; read from the issuer's name in the title or sign-off when absent.
    pub issuer_kind: Option<IssuerKind>,
    /// `default` (for drafters) or `strict` (for the collecting office).
    pub profile: Option<Profile>,
    /// `zh` (default) or `en`.
    pub lang: Option<Lang>,
    /// Return the text that spans refer to.
    pub include_text: Option<bool>,
    /// Rules to run besides the profile's: repeat the parameter, or separate ids by commas.
    #[param(value_type = Option<Vec<RuleId>>, style = Form, explode = true, min_items = 1)]
    pub enable: Option<String>,
    /// Rules not to run (this wins over `enable`): repeat the parameter, or separate ids by commas.
    #[param(value_type = Option<Vec<RuleId>>, style = Form, explode = true, min_items = 1, example = json!(["part-order"]))]
    pub disable: Option<String>,
}

/// An integer as JSON Schema counts one: `2024` or `2024.0`, not `2024.5`.
fn whole_number<'de, D>(deserializer: D) -> Result<Option<i32>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    use serde::de::Error;
    let Some(number) = Option::<serde_json::Number>::deserialize(deserializer)? else {
        return Ok(None);
    };
    let whole = number.as_i64().or_else(|| {
        number
            .as_f64()
            .filter(|f| f.fract() == 0.0 && f.abs() < 1e15)
            .map(|f| f as i64)
    });
    match whole.map(i32::try_from) {
        Some(Ok(year)) => Ok(Some(year)),
        _ => Err(D::Error::custom(format!(
            "invalid value: {number}, expected a whole number"
        ))),
    }
}

pub fn not_blank(text: &str) -> Result<(), ValidationError> {
    if text.trim().is_empty() {
        Err(ValidationError::new("blank"))
    } else {
        Ok(())
    }
}

impl CheckQuery {
    /// What the query string (or a form) says; lists are ids separated by commas.
    pub fn values(self) -> OptionValues {
        let split = |list: Option<String>| {
            list.map(|l| l.split(',').map(|id| id.trim().to_owned()).collect())
        };
        OptionValues {
            title: None,
            year: self.year,
            published_on: self.published_on,
            submitted_on: self.submitted_on,
            issuer_kind: self.issuer_kind,
            profile: self.profile,
            lang: self.lang,
            include_text: self.include_text,
            enable: split(self.enable),
            disable: split(self.disable),
        }
    }
}

impl CheckRequest {
    /// What the JSON body says besides the report; a rule list given replaces the query's.
    pub fn values(&mut self) -> OptionValues {
        let selection = self.rules.take().unwrap_or_default();
        let listed = !selection.enable.is_empty() || !selection.disable.is_empty();
        OptionValues {
            title: self.title.take(),
            year: self.year,
            published_on: self.published_on,
            submitted_on: self.submitted_on,
            issuer_kind: self.issuer_kind,
            profile: self.profile,
            lang: self.lang,
            include_text: self.include_text,
            enable: listed.then_some(selection.enable),
            disable: listed.then_some(selection.disable),
        }
    }
}

/// Where options came from, for the pointers of what is wrong with them.
#[derive(Debug, Clone, Copy)]
pub enum OptionSource {
    /// A JSON body: JSON Pointers (`/rules/enable/0`).
    Body,
    /// The query string or a form: parameter names.
    Parameters,
}

/// Validates options; what is wrong becomes a 422 naming each field.
pub fn validate(
    values: OptionValues,
    source: OptionSource,
    lang: Lang,
) -> Result<CheckOptions, Problem> {
    let lang = values.lang.unwrap_or(lang);
    values
        .validate(lang)
        .map_err(|errors| Problem::validation(option_field_errors(&errors, source, lang), lang))
}

/// Each invalid option at its pointer or parameter.
pub fn option_field_errors(
    errors: &[OptionError],
    source: OptionSource,
    lang: Lang,
) -> Vec<FieldError> {
    errors
        .iter()
        .map(|error| {
            let detail = error.message(lang);
            match (source, error.field) {
                (OptionSource::Body, field) => {
                    let pointer = match field {
                        OptionField::Title => "/title".to_owned(),
                        OptionField::Year => "/year".to_owned(),
                        OptionField::Enable(i) => format!("/rules/enable/{i}"),
                        OptionField::Disable(i) => format!("/rules/disable/{i}"),
                    };
                    FieldError::at_pointer(pointer, detail)
                }
                (OptionSource::Parameters, field) => {
                    let name = match field {
                        OptionField::Title => "title",
                        OptionField::Year => "year",
                        OptionField::Enable(_) => "enable",
                        OptionField::Disable(_) => "disable",
                    };
                    FieldError::at_parameter(name, detail)
                }
            }
        })
        .collect()
}

/// Each invalid field with a message a clerk can act on, sorted by field.
pub fn field_errors(result: Result<(), ValidationErrors>, lang: Lang) -> Vec<(String, String)> {
    let Err(errors) = result else {
        return Vec::new();
    };
    let mut list: Vec<(String, String)> = errors
        .field_errors()
        .into_iter()
        .flat_map(|(field, errors)| {
            errors
                .iter()
                .map(move |error| (field.to_string(), describe(error, lang)))
        })
        .collect();
    list.sort();
    list
}

pub fn describe(error: &ValidationError, lang: Lang) -> String {
    let param = |name: &str| {
        error
            .params
            .get(name)
            .map(ToString::to_string)
            .unwrap_or_default()
    };
    match error.code.as_ref() {
        "blank" => lang
            .pick(
                "报告文本为空，请粘贴报告全文。",
                "The report text is empty; send the whole report.",
            )
            .to_owned(),
        "too_long" => lang.pick(
            format!("内容过长，最多{}个字符。", param("max")),
            format!("Too long: at most {} characters.", param("max")),
        ),
        other => other.to_owned(),
    }
}

/// What is wrong with a value serde could not take, without serde's position suffix.
pub fn data_error_detail(pointer: &str, serde_message: &str, lang: Lang) -> String {
    let message = serde_message
        .rsplit_once(" at line ")
        .map_or(serde_message, |(message, _)| message);
    if message.starts_with("unknown field") {
        lang.pick(
            format!("不认识这个字段。{message}"),
            format!("Unknown field. {message}"),
        )
    } else if pointer == "/published_on" || pointer == "/submitted_on" {
        lang.pick(
            "日期应为 YYYY-MM-DD 格式的真实日期，如 2025-03-28。",
            "The date must be a real date written YYYY-MM-DD, e.g. 2025-03-28.",
        )
        .to_owned()
    } else {
        lang.pick(
            format!("字段值不符合要求：{message}"),
            format!("Invalid value: {message}"),
        )
    }
}

/// A JSON Pointer (RFC 6901) for a serde path such as `rules.enable[0]`.
pub fn json_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    path.iter()
        .filter_map(|segment| match segment {
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Map { key } => Some(key.clone()),
            Segment::Enum { variant } => Some(variant.clone()),
            Segment::Unknown => None,
        })
        .map(|s| format!("/{}", s.replace('~', "~0").replace('/', "~1")))
        .collect()
}
