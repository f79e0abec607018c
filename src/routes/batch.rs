//! `POST /v1/checks/batch`: the collecting office checks every report it received in one go.
//! Files come as parts of a multipart form; one NDJSON line is streamed per report as soon as it
//! is checked, then a summary line. A file that cannot be read is an error line, never a failed
//! batch.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use actix_multipart::Multipart;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, post, web};
use futures_util::StreamExt;
use serde::Serialize;
use serde_json::json;
use tokio::sync::{Semaphore, mpsc};
use utoipa::ToSchema;

use crate::analysis::CheckOptions;
use crate::extract::{Limits, archive};
use crate::problem::{Problem, ProblemBody, request_lang};
use crate::report::CheckReport;
use crate::routes::AppState;
use crate::routes::body::read_body;
use crate::routes::checks::request::query_options;
use crate::routes::checks::{CheckQuery, Content, DocumentBytes, check_content};

/// A batch may be this many times larger than one request.
const BATCH_BODY_FACTOR: usize = 10;
/// Most files in one batch.
const MAX_FILES: usize = 1000;

/// An upload form with the reports, each in a part of its own (any part with a file name).
#[derive(ToSchema)]
#[allow(dead_code)] // Describes the form for the OpenAPI document; the handler reads a stream.
pub struct BatchForm {
    /// The reports, each a .docx, PDF, HTML, OFD or text file; repeat the part for each.
    #[schema(value_type = Vec<String>, format = Binary, min_items = 1)]
    file: Vec<Vec<u8>>,
}

/// One line of the answer: a report's check, a report that could not be read, or the summary.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
#[allow(dead_code)] // Describes the lines for the OpenAPI document; they are written with json!.
pub enum BatchLine {
    Checked {
        /// The file's name in the form.
        file: String,
        report: Box<CheckReport>,
    },
    Failed {
        file: String,
        error: ProblemBody,
    },
    Summary {
        summary: BatchSummary,
    },
}

#[derive(Debug, Default, Serialize, ToSchema)]
pub struct BatchSummary {
    pub files: usize,
    pub compliant: usize,
    pub not_compliant: usize,
    /// Files that could not be read.
    pub failed: usize,
}

/// The media types of a file in a batch: a report, or a zip of reports.
const BATCH_MEDIA_TYPES: &str = "text/plain, text/html, application/pdf, \
application/vnd.openxmlformats-officedocument.wordprocessingml.document, application/ofd, \
application/zip";

/// Check many reports
///
/// Checks every report of a multipart form (each file in its own part), or of one zip of
/// reports sent as the body (`application/zip`), with the options of the query string, several
/// at a time. A zip in a form is unpacked too; its reports are named `archive.zip/path/in/it`.
/// Streams `application/x-ndjson`: one line per report as it is done (`{"file", "report"}` or
/// `{"file", "error"}` with a problem), in the order they finish, then
/// `{"summary": {files, compliant, not_compliant, failed}}`.
#[utoipa::path(
    tag = "checks",
    params(CheckQuery),
    request_body(content(
        (BatchForm = "multipart/form-data", encoding(("file" = (content_type = BATCH_MEDIA_TYPES)))),
        (DocumentBytes = "application/zip")
    )),
    responses(
        (status = 200, description = "One JSON line per report as it is checked, then a summary line.", body = BatchLine, content_type = "application/x-ndjson"),
        (status = 400, description = "A malformed form or query string.", body = ProblemBody, content_type = "application/problem+json"),
        (status = 413, description = "The batch is larger than ten single requests, or has more than 1,000 files.", body = ProblemBody, content_type = "application/problem+json"),
        (status = 415, description = "Neither a multipart form nor a zip.", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "An invalid option, or a form or zip without files.", body = ProblemBody, content_type = "application/problem+json"),
        (status = 503, description = "Too many checks in progress; try again after `Retry-After` seconds.", body = ProblemBody, content_type = "application/problem+json")
    )
)]
#[post("/v1/checks/batch")]
pub async fn post_batch(
    request: HttpRequest,
    query: web::Query<CheckQuery>,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, Problem> {
    let lang = query.lang.unwrap_or_else(|| request_lang(&request));
    let fail = |problem: Problem| problem.for_request(&request);
    let options = query_options(query.into_inner(), lang).map_err(fail)?;
    let Ok(permit) = state.in_flight.clone().try_acquire_owned() else {
        state.metrics.observe_rejection();
        return Err(fail(Problem::overloaded(state.max_in_flight, lang)));
    };
    let media_type = request
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let limit = state.body_limit.saturating_mul(BATCH_BODY_FACTOR);
    let reading = async {
        if media_type.starts_with("multipart/form-data") {
            read_files(Multipart::new(request.headers(), payload), limit, lang).await
        } else if ZIP_TYPES.iter().any(|zip| media_type.starts_with(zip)) {
            let body = read_body(payload, &request, limit, lang).await?;
            Ok(vec![UploadedFile {
                name: String::new(),
                content: Content::File {
                    bytes: body.to_vec(),
                    media_type: None,
                },
            }])
        } else {
            Err(Problem::unsupported_media_type(Some(&media_type), lang))
        }
    };
    let uploaded = match actix_web::rt::time::timeout(state.client_timeout, reading).await {
        Ok(files) => files.map_err(fail)?,
        Err(_) => {
            let seconds = state.client_timeout.as_secs();
            return Err(fail(Problem::request_timeout(seconds, lang)));
        }
    };
    let limits = state.limits.clone();
    let files = web::block(move || unpack_archives(uploaded, &limits))
        .await
        .map_err(|_| fail(Problem::internal(lang)))?;
    if files.len() > MAX_FILES {
        return Err(fail(Problem::payload_too_large(limit, lang)));
    }
    if files.is_empty() {
        let detail = lang.pick(
            "压缩包中没有报告文件。",
            "The archive has no report files in it.",
        );
        return Err(fail(Problem::validation(
            vec![crate::problem::FieldError::at_pointer("", detail)],
            lang,
        )));
    }
    tracing::info!(files = files.len(), "batch received");
    let (lines, receiver) = mpsc::channel::<String>(16);
    actix_web::rt::spawn(check_all(files, options, state.into_inner(), lines, permit));
    let body = futures_util::stream::unfold(receiver, |mut receiver| async move {
        let line = receiver.recv().await?;
        Some((Ok::<_, actix_web::Error>(Bytes::from(line)), receiver))
    });
    Ok(HttpResponse::Ok()
        .content_type("application/x-ndjson")
        .streaming(body))
}

/// Media types of a zip of reports sent as the body itself.
const ZIP_TYPES: [&str; 2] = ["application/zip", "application/x-zip-compressed"];

struct UploadedFile {
    /// The file's name in the form, or its path in a zip of reports.
    name: String,
    content: Content,
}

async fn read_files(
    mut form: Multipart,
    limit: usize,
    lang: crate::lang::Lang,
) -> Result<Vec<UploadedFile>, Problem> {
    let mut files = Vec::new();
    let mut total = 0usize;
    while let Some(part) = form.next().await {
        let mut part = part.map_err(|_| Problem::bad_request_body(lang))?;
        // A report is a part with a file name, or a `file` field without one (some clients send
        // it so); it is then named by its place in the form.
        let Some(name) = part.content_disposition().and_then(|d| {
            d.get_filename().map(str::to_owned).or_else(|| {
                (d.get_name() == Some("file")).then(|| format!("file[{}]", files.len() + 1))
            })
        }) else {
            continue;
        };
        if files.len() == MAX_FILES {
            return Err(Problem::payload_too_large(limit, lang));
        }
        let media_type = part.content_type().map(|m| m.to_string());
        let mut bytes = Vec::new();
        while let Some(chunk) = part.next().await {
            let chunk = chunk.map_err(|_| Problem::bad_request_body(lang))?;
            total += chunk.len();
            if total > limit {
                return Err(Problem::payload_too_large(limit, lang));
            }
            bytes.extend_from_slice(&chunk);
        }
        files.push(UploadedFile {
            name,
            content: Content::File { bytes, media_type },
        });
    }
    if files.is_empty() {
        let detail = lang.pick(
            "表单中没有文件：请把每份报告放在一个带文件名的部分中。",
            "The form has no files: put each report in a part with a file name.",
        );
        return Err(Problem::validation(
            vec![crate::problem::FieldError::at_parameter("file", detail)],
            lang,
        ));
    }
    Ok(files)
}

/// Checks the files a few at a time (one per core), sending each line as it is ready, then the
/// summary. Holds the batch's in-flight permit until the end.
async fn check_all(
    files: Vec<UploadedFile>,
    options: CheckOptions,
    state: Arc<AppState>,
    lines: mpsc::Sender<String>,
    _permit: tokio::sync::OwnedSemaphorePermit,
) {
    let parallel = Arc::new(Semaphore::new(
        std::thread::available_parallelism().map_or(2, |n| n.get()),
    ));
    let options = Arc::new(options);
    let counts = Arc::new([
        AtomicUsize::new(0),
        AtomicUsize::new(0),
        AtomicUsize::new(0),
    ]);
    let file_count = files.len();
    let mut tasks = tokio::task::JoinSet::new();
    for file in files {
        let Ok(slot) = parallel.clone().acquire_owned().await else {
            break;
        };
        let (state, options, counts, lines) = (
            state.clone(),
            options.clone(),
            counts.clone(),
            lines.clone(),
        );
        tasks.spawn(async move {
            let _slot = slot;
            let (line, outcome) = check_one(file, &options, &state).await;
            counts[outcome].fetch_add(1, Ordering::Relaxed);
            // A client that went away stops nothing but its own stream.
            let _ = lines.send(line).await;
        });
    }
    while tasks.join_next().await.is_some() {}
    let summary = BatchSummary {
        files: file_count,
        compliant: counts[COMPLIANT].load(Ordering::Relaxed),
        not_compliant: counts[NOT_COMPLIANT].load(Ordering::Relaxed),
        failed: counts[FAILED].load(Ordering::Relaxed),
    };
    tracing::info!(?summary, "batch checked");
    let _ = lines.send(ndjson(&json!({ "summary": summary }))).await;
}

const COMPLIANT: usize = 0;
const NOT_COMPLIANT: usize = 1;
const FAILED: usize = 2;

/// Each zip of reports becomes its reports, named by the archive's name and their path in it; a
/// zip that cannot be listed stays one file, whose check then says what is wrong with it.
fn unpack_archives(files: Vec<UploadedFile>, limits: &Limits) -> Vec<UploadedFile> {
    let mut unpacked = Vec::with_capacity(files.len());
    for UploadedFile { name, content } in files {
        let reports = match &content {
            Content::File { bytes, .. } if archive::is_archive_of_reports(bytes, limits) => {
                archive::list(bytes, limits).ok()
            }
            _ => None,
        };
        match (reports, content) {
            (Some(reports), Content::File { bytes, .. }) => {
                let archive = Arc::new(bytes);
                unpacked.extend(reports.into_iter().map(|report| UploadedFile {
                    name: if name.is_empty() {
                        report.path
                    } else {
                        format!("{name}/{}", report.path)
                    },
                    content: Content::Archived {
                        archive: archive.clone(),
                        index: report.index,
                    },
                }));
            }
            (_, content) => unpacked.push(UploadedFile {
                // A body that is no zip of reports is one file, named for what it is.
                name: if name.is_empty() { "body".into() } else { name },
                content,
            }),
        }
    }
    unpacked
}

async fn check_one(
    file: UploadedFile,
    options: &Arc<CheckOptions>,
    state: &Arc<AppState>,
) -> (String, usize) {
    let name = file.name;
    match check_content(state.clone(), file.content, options.clone(), false, None).await {
        Ok(report) => {
            let kind = if report.compliant {
                COMPLIANT
            } else {
                NOT_COMPLIANT
            };
            (ndjson(&json!({ "file": name, "report": report })), kind)
        }
        Err(problem) => (
            ndjson(&json!({ "file": name, "error": problem.body() })),
            FAILED,
        ),
    }
}

fn ndjson(value: &serde_json::Value) -> String {
    let mut line = value.to_string();
    line.push('\n');
    line
}
