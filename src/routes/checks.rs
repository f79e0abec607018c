//! `POST /v1/checks`: check one report.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, post, web};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use validator::{Validate, ValidationError, ValidationErrors};

use crate::analysis::CheckOptions;
use crate::lang::Lang;
use crate::openapi::examples;
use crate::problem::{FieldError, Problem, ProblemBody, request_lang};
use crate::report::CheckReport;
use crate::routes::AppState;
use crate::routes::body::read_body;
use crate::rules;
use crate::ruleset::IssuerKind;

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
    #[schema(min_length = 1, max_length = 2_000_000)]
    pub text: String,
    /// The report's title, when the text does not start with it.
    #[validate(length(max = 500, code = "too_long"))]
    #[schema(max_length = 500)]
    pub title: Option<String>,
    /// The year the report covers; found in the text when not given.
    #[validate(range(min = 2000, max = 2100, code = "year_range"))]
    #[schema(minimum = 2000, maximum = 2100, example = 2024)]
    pub year: Option<i32>,
    /// The day the report was published (YYYY-MM-DD), checked against the deadline.
    #[schema(example = "2025-03-28")]
    pub published_on: Option<NaiveDate>,
    /// Who issues the report; departments may have an earlier deadline. Default `government`.
    pub issuer_kind: Option<IssuerKind>,
    /// Rules to run besides or instead of the defaults.
    pub rules: Option<RuleSelection>,
    /// Language of messages; `Accept-Language` is used when absent.
    pub lang: Option<Lang>,
}

/// Rules to enable or disable for this request, by id (see `GET /v1/rules`).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"disable": ["part-order"]}))]
pub struct RuleSelection {
    #[serde(default)]
    pub enable: Vec<String>,
    #[serde(default)]
    pub disable: Vec<String>,
}

/// Options in the query string, for a `text/plain` body (a JSON body's own fields win). Nothing
/// from the report itself goes here: request logs record the query string.
#[derive(Debug, Default, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CheckQuery {
    /// The year the report covers (2000 to 2100).
    #[validate(range(min = 2000, max = 2100, code = "year_range"))]
    #[param(minimum = 2000, maximum = 2100, example = 2024)]
    pub year: Option<i32>,
    /// The day the report was published (YYYY-MM-DD).
    #[param(value_type = Option<String>, format = Date, example = "2025-03-28")]
    pub published_on: Option<NaiveDate>,
    /// `government` (default) or `department`.
    pub issuer_kind: Option<IssuerKind>,
    /// `zh` (default) or `en`.
    pub lang: Option<Lang>,
    /// Rule ids to enable, separated by commas.
    pub enable: Option<String>,
    /// Rule ids to disable, separated by commas.
    #[param(example = "part-order")]
    pub disable: Option<String>,
}

fn not_blank(text: &str) -> Result<(), ValidationError> {
    if text.trim().is_empty() {
        Err(ValidationError::new("blank"))
    } else {
        Ok(())
    }
}

/// Check a report
///
/// Checks a rule-of-law government annual report (法治政府建设年度报告) against the active rule
/// set and returns the check report: whether it is compliant, which required parts it has, its
/// outline, and every finding with its place in the text.
///
/// Send the text as JSON (`{"text": "…"}`, with options beside it) or as the raw body with
/// `Content-Type: text/plain; charset=utf-8` (options in the query string). Offsets in the result
/// count Unicode code points of the submitted text.
#[utoipa::path(
    tag = "checks",
    params(CheckQuery),
    request_body(
        description = "The report: JSON with its text and options, or the text itself.",
        content(
            (CheckRequest = "application/json"),
            (String = "text/plain", example = examples::report_text)
        )
    ),
    responses(
        (status = 200, description = "The check report.", body = CheckReport, example = examples::check_report),
        (status = 400, description = "Malformed JSON, text that is not UTF-8, or an invalid query string.", body = ProblemBody, content_type = "application/problem+json"),
        (status = 413, description = "The body is larger than the configured limit (10 MiB by default).", body = ProblemBody, content_type = "application/problem+json"),
        (status = 415, description = "Neither JSON nor plain text.", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "The body parses but a field is invalid: blank text, a year out of range, a date that is not YYYY-MM-DD, an unknown field or rule id.", body = ProblemBody, content_type = "application/problem+json"),
        (status = 500, description = "An internal error; the report was not checked.", body = ProblemBody, content_type = "application/problem+json")
    )
)]
#[post("/v1/checks")]
pub async fn post_check(
    request: HttpRequest,
    query: web::Query<CheckQuery>,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, Problem> {
    let header_lang = request_lang(&request);
    let query = query.into_inner();
    let lang = query.lang.unwrap_or(header_lang);
    let fail = |problem: Problem| problem.for_request(&request);
    let body = read_body(payload, &request, state.body_limit, lang)
        .await
        .map_err(fail)?;
    let (text, options) = match media_type(&request).as_deref() {
        Some("application/json") => from_json(&body, query, header_lang),
        Some("text/plain") => from_text(body, &request, query, lang),
        other => Err(Problem::unsupported_media_type(other, lang)),
    }
    .map_err(fail)?;
    let engine = state.engine.clone();
    let options_lang = options.lang;
    let report: CheckReport = web::block(move || engine.check(&text, &options))
        .await
        .map_err(|_| {
            tracing::error!("a check panicked");
            fail(Problem::internal(options_lang))
        })?;
    tracing::info!(
        compliant = report.compliant,
        errors = report.summary.error,
        warnings = report.summary.warning,
        chars = report.report.chars,
        "checked a report"
    );
    Ok(HttpResponse::Ok().json(report))
}

/// The media type without parameters, lower-cased; `application/*+json` counts as JSON.
fn media_type(request: &HttpRequest) -> Option<String> {
    let value = request.headers().get(header::CONTENT_TYPE)?.to_str().ok()?;
    let essence = value.split(';').next()?.trim().to_ascii_lowercase();
    if essence.starts_with("application/") && essence.ends_with("+json") {
        return Some("application/json".into());
    }
    Some(essence)
}

fn from_json(
    body: &[u8],
    query: CheckQuery,
    header_lang: Lang,
) -> Result<(String, CheckOptions), Problem> {
    let query_lang = query.lang.unwrap_or(header_lang);
    let deserializer = &mut serde_json::Deserializer::from_slice(body);
    let request: CheckRequest = serde_path_to_error::deserialize(deserializer).map_err(|e| {
        let inner = e.inner();
        if inner.is_data() {
            let pointer = json_pointer(e.path());
            let detail = data_error_detail(&pointer, &inner.to_string(), query_lang);
            Problem::validation(vec![FieldError::at_pointer(pointer, detail)], query_lang)
        } else {
            Problem::malformed_json(inner.line(), inner.column(), query_lang)
        }
    })?;
    let lang = request.lang.or(query.lang).unwrap_or(header_lang);
    let mut errors: Vec<FieldError> = field_errors(request.validate(), lang)
        .into_iter()
        .map(|(field, detail)| FieldError::at_pointer(format!("/{field}"), detail))
        .collect();
    let selection = request.rules.unwrap_or_default();
    for (list, index, detail) in selection_errors(&selection.enable, &selection.disable, lang) {
        errors.push(FieldError::at_pointer(
            format!("/rules/{list}/{index}"),
            detail,
        ));
    }
    if !errors.is_empty() {
        return Err(Problem::validation(errors, lang));
    }
    let mut options = query_options(query, lang)?;
    options.title = request.title.or(options.title);
    options.year = request.year.or(options.year);
    options.published_on = request.published_on.or(options.published_on);
    options.issuer_kind = request.issuer_kind.unwrap_or(options.issuer_kind);
    if !selection.enable.is_empty() || !selection.disable.is_empty() {
        options.enable = selection.enable;
        options.disable = selection.disable;
    }
    Ok((request.text, options))
}

fn from_text(
    body: web::Bytes,
    request: &HttpRequest,
    query: CheckQuery,
    lang: Lang,
) -> Result<(String, CheckOptions), Problem> {
    let charset_ok = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.split(';')
                .skip(1)
                .find_map(|p| p.trim().strip_prefix("charset="))
        })
        .is_none_or(|charset| charset.trim_matches('"').eq_ignore_ascii_case("utf-8"));
    if !charset_ok {
        return Err(Problem::unsupported_media_type(
            request
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok()),
            lang,
        ));
    }
    let text = String::from_utf8(body.to_vec()).map_err(|_| Problem::invalid_utf8(lang))?;
    let text = text
        .strip_prefix('\u{FEFF}')
        .map(str::to_owned)
        .unwrap_or(text);
    if let Err(error) = not_blank(&text) {
        let detail = describe(&error, lang);
        return Err(Problem::validation(
            vec![FieldError::at_pointer("", detail)],
            lang,
        ));
    }
    Ok((text, query_options(query, lang)?))
}

/// The options the query string gives, validated.
fn query_options(query: CheckQuery, lang: Lang) -> Result<CheckOptions, Problem> {
    let split = |list: &Option<String>| -> Vec<String> {
        list.iter()
            .flat_map(|l| l.split(','))
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let (enable, disable) = (split(&query.enable), split(&query.disable));
    let mut errors: Vec<FieldError> = field_errors(query.validate(), lang)
        .into_iter()
        .map(|(field, detail)| FieldError::at_parameter(field, detail))
        .collect();
    for (list, _, detail) in selection_errors(&enable, &disable, lang) {
        errors.push(FieldError::at_parameter(list, detail));
    }
    if !errors.is_empty() {
        return Err(Problem::validation(errors, lang));
    }
    Ok(CheckOptions {
        title: None,
        year: query.year,
        published_on: query.published_on,
        issuer_kind: query.issuer_kind.unwrap_or_default(),
        enable,
        disable,
        lang,
    })
}

/// Unknown rule ids, and ids both enabled and disabled: (list, index, detail).
fn selection_errors(
    enable: &[String],
    disable: &[String],
    lang: Lang,
) -> Vec<(&'static str, usize, String)> {
    let mut errors = Vec::new();
    for (list, ids) in [("enable", enable), ("disable", disable)] {
        for (index, id) in ids.iter().enumerate() {
            if rules::by_id(id).is_none() {
                let detail = lang.pick(
                    format!("没有编号为“{id}”的规则，全部规则见 GET /v1/rules。"),
                    format!("There is no rule “{id}”; GET /v1/rules lists them all."),
                );
                errors.push((list, index, detail));
            }
        }
    }
    for (index, id) in disable.iter().enumerate() {
        if enable.contains(id) {
            let detail = lang.pick(
                format!("规则“{id}”不能同时启用和停用。"),
                format!("Rule “{id}” cannot be both enabled and disabled."),
            );
            errors.push(("disable", index, detail));
        }
    }
    errors
}

/// Each invalid field with a message a clerk can act on, sorted by field.
fn field_errors(result: Result<(), ValidationErrors>, lang: Lang) -> Vec<(String, String)> {
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

fn describe(error: &ValidationError, lang: Lang) -> String {
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
        "year_range" => lang
            .pick(
                "年份应在2000到2100之间。",
                "The year must be between 2000 and 2100.",
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
fn data_error_detail(pointer: &str, serde_message: &str, lang: Lang) -> String {
    let message = serde_message
        .rsplit_once(" at line ")
        .map_or(serde_message, |(message, _)| message);
    if message.starts_with("unknown field") {
        lang.pick(
            format!("不认识这个字段。{message}"),
            format!("Unknown field. {message}"),
        )
    } else if pointer == "/published_on" {
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
fn json_pointer(path: &serde_path_to_error::Path) -> String {
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
