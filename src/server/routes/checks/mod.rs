//! `POST /v1/checks`: check one report, sent as text, as JSON, as a form upload or as the file.

mod intake;
mod params;
pub mod request;

use std::sync::Arc;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, post, web};
use tokio::sync::OwnedSemaphorePermit;

use utoipa::ToSchema;

pub use params::QueryOptions;
pub use request::{CheckQuery, CheckRequest, FileUpload, RuleSelection};

use crate::engine::Input;
use crate::export::{COMPLIANT_HEADER, DOCX_MEDIA_TYPE};
use crate::extract::{CancelOnDrop, ExtractError};
use crate::lang::Lang;
use crate::report::CheckReport;
use crate::rules::Profile;
use crate::rules::{CheckOptions, RuleId};
use crate::ruleset::IssuerKind;
use crate::server::budget::Share;
use crate::server::metrics::Metrics;
use crate::server::openapi::examples;
use crate::server::problem::{FieldError, Problem, ProblemBody, request_lang};
use crate::server::routes::AppState;
use crate::server::routes::media_types;
use intake::receive;

use crate::server::routes::body;

/// An upload form: the report file and the same options as the query string.
#[derive(ToSchema)]
#[allow(dead_code)] // Describes the form for the OpenAPI document; the handler reads it as a stream.
pub struct CheckForm {
    /// The report: .docx, PDF, HTML, OFD or a text file in any common encoding.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    /// The same issuer's report of the year before (a file, or its text), read within the same
    /// limits as the report: the answer then has a `comparison`.
    #[schema(value_type = Option<String>, format = Binary, nullable = false)]
    previous: Option<Vec<u8>>,
    /// The year the report covers (2000 to 2100).
    #[schema(minimum = 2000, maximum = 2100, nullable = false)]
    year: Option<i32>,
    /// The day it was published, YYYY-MM-DD.
    #[schema(value_type = Option<String>, format = Date, nullable = false)]
    published_on: Option<String>,
    /// The day it was submitted to the level above, YYYY-MM-DD.
    #[schema(value_type = Option<String>, format = Date, nullable = false)]
    submitted_on: Option<String>,
    /// `government` or `department`; read from the issuer's name in the title or sign-off when absent.
    #[schema(nullable = false)]
    issuer_kind: Option<IssuerKind>,
    /// `default` (for drafters) or `strict` (for the collecting office).
    #[schema(nullable = false)]
    profile: Option<Profile>,
    /// `zh` (default) or `en`.
    #[schema(nullable = false)]
    lang: Option<Lang>,
    /// `true` to return the extracted text that spans refer to.
    #[schema(nullable = false)]
    include_text: Option<bool>,
    /// Rules to run besides the profile's: repeat the field, or separate ids by commas.
    #[schema(value_type = Option<Vec<RuleId>>, nullable = false)]
    enable: Option<String>,
    /// Rules not to run (this wins over `enable`): repeat the field, or separate ids by commas.
    #[schema(value_type = Option<Vec<RuleId>>, nullable = false)]
    disable: Option<String>,
}

/// A document sent as the body itself: its bytes, in whatever encoding it has (text in UTF-8,
/// GB18030/GBK or UTF-16 is detected).
#[derive(ToSchema)]
#[schema(value_type = String, format = Binary, min_length = 1)]
#[allow(dead_code)] // Describes the body for the OpenAPI document; the handler reads a stream.
pub struct DocumentBytes(Vec<u8>);

/// The report as a Word document with a comment on each finding.
#[derive(ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)] // Describes the answer for the OpenAPI document; the handler writes bytes.
pub struct WordDocument(Vec<u8>);

/// The report's text as the body, in UTF-8, GB18030/GBK or UTF-16 (or the charset the media
/// type names). It needs a visible character, and control characters other than tab, line
/// breaks and form feed mark the bytes as binary rather than text (a stray one in a long report
/// is tolerated). The pattern reads leading blanks, the first visible character, then the
/// rest, so that no validator backtracks over it (linear time).
#[derive(ToSchema)]
#[schema(
    value_type = String,
    min_length = 1,
    pattern = r"^[\t\n\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]*[^\s\u0000-\u001F\u007F-\u009F\uFEFF][^\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]*$"
)]
#[allow(dead_code)] // Describes the body for the OpenAPI document; the handler reads a stream.
pub struct ReportText(String);

/// Check a report
///
/// Checks a rule-of-law government annual report (法治政府建设年度报告) against the active rule
/// set and returns the check report: whether it is compliant, which required parts it has, its
/// outline, and every finding with its place in the text.
///
/// The report may come as JSON (`{"text": "…"}` or `{"file": {"name", "content_base64"}}`, with
/// options beside it), as a `multipart/form-data` upload with a `file` part, or as the document
/// itself with its media type (.docx, PDF, HTML, OFD, plain text in UTF-8, GB18030/GBK or UTF-16;
/// .doc/.wps/.rtf where LibreOffice is installed); options then go in the query string. The format
/// is read from the content. Offsets in the result count Unicode code points of the submitted
/// text, or of the extracted text for a file (`include_text=true` returns it). With `Accept:
/// application/vnd.openxmlformats-officedocument.wordprocessingml.document` the answer is the
/// report as Word, a comment on each finding, for the reviewer.
#[utoipa::path(
    tag = "checks",
    params(CheckQuery, ("revisions" = Option<bool>, Query, description = "With the Word answer: `true` gives each certain correction (a finding's `fix`) as a tracked revision by nianbao beside its comment, for the drafter to accept or reject in Word or WPS.")),
    request_body(
        description = "The report: JSON with its text or file and options, an upload form, or the document itself.",
        content(
            (CheckRequest = "application/json"),
            (CheckForm = "multipart/form-data"),
            (ReportText = "text/plain", example = examples::report_text),
            (DocumentBytes = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (DocumentBytes = "application/pdf"),
            (DocumentBytes = "application/ofd")
        )
    ),
    responses(
        (status = 200, description = "The check report as JSON; or, when `Accept` prefers `application/vnd.openxmlformats-officedocument.wordprocessingml.document`, the report as a Word document with one comment (by “nianbao”) on each finding that has a place: a .docx comes back as it was sent with the comments added, any other format as a new .docx of its extracted text, headings as Word headings. `X-Nianbao-Compliant` then says whether it complies.",
            content(
                (CheckReport = "application/json", example = examples::check_report),
                (WordDocument = "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            ),
            headers(("X-Nianbao-Compliant" = bool, description = "With a Word answer: whether the report complies (no error finding)."))),
        (status = 400, description = "Malformed JSON or form.", body = ProblemBody, content_type = "application/problem+json"),
        (status = 413, description = "The body or the unpacked document is larger than the limits (10 MiB body by default).", body = ProblemBody, content_type = "application/problem+json"),
        (status = 415, description = "A media type or document format that is not accepted, or .doc/.wps/.rtf without LibreOffice.", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "A field or parameter fails validation (blank text, year out of range, a date that is not YYYY-MM-DD, a value that is not one of the choices, an unknown JSON field or rule id; `errors` names each), or the document cannot be read: damaged, encrypted, a scan without text.", body = ProblemBody, content_type = "application/problem+json"),
        (status = 408, description = "The request body was not received within the client time-out (30 s by default).", body = ProblemBody, content_type = "application/problem+json"),
        (status = 500, description = "An internal error; the report was not checked.", body = ProblemBody, content_type = "application/problem+json"),
        (status = 503, description = "Too many checks in progress, or the service's memory budget has no room for this report now; try again after `Retry-After` seconds.", body = ProblemBody, content_type = "application/problem+json",
            headers(("Retry-After" = u32, description = "Seconds to wait before trying again.")))
    )
)]
#[post("/v1/checks")]
pub async fn post_check(
    request: HttpRequest,
    QueryOptions(query): QueryOptions,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, Problem> {
    let header_lang = request_lang(&request);
    let fail = |problem: Problem| problem.for_request(&request);
    let mut share = state.memory.share();
    let receiving = receive(
        &request,
        body::guarded(payload, state.idle_timeout),
        query,
        state.body_limit,
        header_lang,
        &mut share,
    );
    // Held until the check itself ends, even past a time-out, so the count is of real work.
    let (submission, permit) = state.receive(receiving, header_lang).await.map_err(fail)?;
    let revisions = revisions_asked(&request, header_lang).map_err(fail)?;
    let annotate = wants_word(&request).then_some(revisions);
    let Checked {
        report,
        docx,
        share: _answer_share,
    } = check_input(
        state.into_inner(),
        Pair {
            report: submission.input,
            previous: submission.previous,
        },
        Arc::new(submission.options),
        Some(permit),
        share,
        annotate,
    )
    .await
    .map_err(fail)?;
    tracing::info!(
        compliant = report.compliant,
        errors = report.summary.error,
        warnings = report.summary.warning,
        chars = report.report.chars,
        format = ?report.report.source.format,
        "checked a report"
    );
    Ok(match docx {
        Some(docx) => HttpResponse::Ok()
            .content_type(DOCX_MEDIA_TYPE)
            .insert_header((
                header::CONTENT_DISPOSITION,
                r#"attachment; filename="report-annotated.docx"; filename*=UTF-8''%E5%B8%A6%E6%89%B9%E6%B3%A8%E7%9A%84%E6%8A%A5%E5%91%8A.docx"#,
            ))
            .insert_header((COMPLIANT_HEADER, if report.compliant { "true" } else { "false" }))
            .body(docx),
        None => HttpResponse::Ok().json(report),
    })
}

/// `revisions=true` in the query: the Word answer carries the corrections as tracked revisions.
/// Read as the other booleans are (`True`, `1`, `on`); a value that is no boolean is a 422.
fn revisions_asked(request: &HttpRequest, lang: Lang) -> Result<bool, Problem> {
    let pairs = serde_urlencoded::from_str::<Vec<(String, String)>>(request.query_string())
        .unwrap_or_default();
    let mut asked = false;
    for (_, value) in pairs.iter().filter(|(key, _)| key == "revisions") {
        match params::boolean(value) {
            Some(yes) => asked = yes,
            None => {
                let detail = lang.pick(
                    "revisions 应为 true 或 false（也接受 True、1、0、on、off）。",
                    "revisions must be true or false (True, 1, 0, on and off are taken too).",
                );
                let error = FieldError::at_parameter("revisions", detail);
                return Err(Problem::validation(vec![error], lang));
            }
        }
    }
    Ok(asked)
}

/// Whether the report should come back as Word with comments: `Accept` names the .docx media
/// type and prefers it to JSON (a browser's `*/*` gets JSON).
fn wants_word(request: &HttpRequest) -> bool {
    let word = media_types::acceptance(request, DOCX_MEDIA_TYPE);
    word > 0.0 && word >= media_types::acceptance(request, "application/json")
}

/// A checked report, and the share of the memory budget its answer is built in.
pub struct Checked {
    pub report: CheckReport,
    /// The report as Word with comments, when asked for.
    pub docx: Option<Vec<u8>>,
    /// Held until the answer is written.
    pub share: Share,
}

/// A report and, when given, the same issuer's report of the year before.
pub struct Pair {
    pub report: Input,
    pub previous: Option<Input>,
}

impl From<Input> for Pair {
    fn from(report: Input) -> Self {
        Self {
            report,
            previous: None,
        }
    }
}

/// Reads and checks one document on the blocking pool within the time budget, counting the
/// outcome in the metrics. First `share` grows to the document's footprint (or the check is
/// refused with 503 when the memory budget has no room for it in time). A permit, when given,
/// and the share are held until the work really ends: the reading goes on in its thread after a
/// time-out, bounded by the size limits, while the client is answered. `annotate` asks for the
/// Word answer, with the corrections as tracked revisions or not.
pub async fn check_input(
    state: Arc<AppState>,
    input: impl Into<Pair>,
    options: Arc<CheckOptions>,
    permit: Option<OwnedSemaphorePermit>,
    mut share: Share,
    annotate: Option<bool>,
) -> Result<Checked, Problem> {
    let lang = options.lang;
    let budget = state.engine.limits().time_budget;
    let metrics = state.metrics.clone();
    let Pair { report, previous } = input.into();
    // Told from the bytes in memory, or from a spooled file's first kilobyte and zip directory;
    // last year's report is held in the same share.
    let limits = state.engine.limits();
    let footprint = report.footprint(limits)
        + previous
            .as_ref()
            .map_or(0, |previous| previous.footprint(limits));
    body::hold(
        &mut share,
        usize::try_from(footprint).unwrap_or(usize::MAX),
        lang,
    )
    .await?;
    // Dropped with this future (the client hung up, the budget ran out): the work stops.
    let waiting = CancelOnDrop::default();
    let cancel = waiting.0.clone();
    let work = web::block(move || {
        let _permit = permit;
        let checked = if let Some(revisions) = annotate {
            state
                .engine
                .check_annotated(report, previous, &options, &cancel, revisions)
                .map(|(report, docx)| (report, Some(docx)))
        } else {
            state
                .engine
                .check_beside_until(report, previous, &options, &cancel)
                .map(|report| (report, None))
        };
        (checked, share)
    });
    let (checked, share) = match actix_web::rt::time::timeout(budget, work).await {
        Ok(Ok(done)) => done,
        Ok(Err(_)) => {
            tracing::error!("a check panicked");
            return Err(Problem::internal(lang));
        }
        Err(_) => {
            let error = ExtractError::Timeout {
                seconds: budget.as_secs(),
            };
            return Err(refused(&error, &metrics, lang));
        }
    };
    let (report, docx) = checked.map_err(|error| refused(&error, &metrics, lang))?;
    metrics.observe_check(&report);
    Ok(Checked {
        report,
        docx,
        share,
    })
}

/// A document that could not be read, counted and told.
fn refused(error: &ExtractError, metrics: &Metrics, lang: Lang) -> Problem {
    tracing::info!(kind = error.kind(), "document refused");
    metrics.observe_extraction_failure(error);
    Problem::unreadable(error, lang)
}
