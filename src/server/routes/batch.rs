//! `POST /v1/checks/batch`: the collecting office checks every report it received in one go.
//! Files come as parts of a multipart form; one NDJSON line is streamed per report as soon as it
//! is checked, then a summary line. A file that cannot be read is an error line, never a failed
//! batch.

use std::sync::{Arc, Mutex};

use actix_multipart::Multipart;
use actix_web::http::header::CONTENT_DISPOSITION;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, post, web};
use futures_util::StreamExt;
use tokio::sync::{Semaphore, mpsc};
use utoipa::ToSchema;

use crate::engine::{Input, NamedInput, Region};
use crate::lang::Lang;
use crate::report::batch::{BatchLine, BatchSummary, Collection, Roster, Years};
use crate::rules::CheckOptions;
use crate::server::budget::Share;
use crate::server::problem::{FieldError, Problem, ProblemBody, request_lang};
use crate::server::routes::AppState;
use crate::server::routes::body::{self, multipart_problem};
use crate::server::routes::checks::request::{OptionSource, validate};
use crate::server::routes::checks::{CheckQuery, DocumentBytes, QueryOptions, check_input};
use crate::server::routes::spooling::{self, SpoolWriter};
use crate::server::routes::{form, media_types};

/// Most files in one batch.
const MAX_FILES: usize = 1000;

/// An upload form with the reports, each in a part of its own (any part with a file name).
#[derive(ToSchema)]
#[allow(dead_code)] // Describes the form for the OpenAPI document; the handler reads a stream.
pub struct BatchForm {
    /// The reports, each a .docx, PDF, HTML, OFD or text file; repeat the part for each.
    #[schema(value_type = Vec<String>, format = Binary, min_items = 1)]
    file: Vec<Vec<u8>>,
    /// The units expected to report, one a line (text, or CSV whose first column names them;
    /// at most 100,000 lines): the summary then has `not_received` and `unexpected`.
    #[schema(value_type = Option<String>, format = Binary, nullable = false)]
    roster: Option<Vec<u8>>,
}

/// Check many reports
///
/// Checks every report of a multipart form (each file in its own part), or of one zip of
/// reports sent as the body (`application/zip`), with the options of the query string, several
/// at a time. A zip in a form is unpacked too; its reports are named `archive.zip/path/in/it`.
/// Streams `application/x-ndjson`: one line per report as it is done (`{"file", "report"}` or
/// `{"file", "error"}` with a problem), in the order they finish, then
/// `{"summary": {files, compliant, not_compliant, failed, similar}}`: `similar` lists the pairs of
/// reports of different units that share much of their own text (a template with the names
/// swapped in; quotations, set phrases and figures aside), and each report's line names in
/// `similar_to` those checked before it. With a `roster` part, the summary also has
/// `not_received` and `unexpected`. With `format=xlsx` (or `Accept`
/// naming the spreadsheet type) the answer is instead the collecting office's spreadsheet, once
/// every report is checked: a row per report (file, issuer, title, year, verdict, each required
/// part, publication date and whether late, counts; an unreadable file is a row with its
/// reason) and a sheet of findings; `format=csv` (or `Accept: text/csv`) gives the row per report
/// as CSV, UTF-8 with a byte order mark.
#[utoipa::path(
    tag = "checks",
    params(CheckQuery, ("format" = Option<BatchFormat>, Query, description = "`ndjson` (default), `xlsx` or `csv`.")),
    request_body(content(
        (BatchForm = "multipart/form-data"),
        (DocumentBytes = "application/zip")
    )),
    responses(
        (status = 200, description = "Newline-delimited JSON (NDJSON): one line per report as it is checked, then a summary line; each line is one `BatchLine`, so read the body line by line. Or, when asked for, the spreadsheet (.xlsx) or the CSV.",
            content(
                (BatchLine = "application/x-ndjson"),
                (Spreadsheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                (String = "text/csv")
            )),
        (status = 400, description = "A malformed form or query string.", body = ProblemBody, content_type = "application/problem+json"),
        (status = 413, description = "The batch is larger than ten single requests, or has more than 1,000 files.", body = ProblemBody, content_type = "application/problem+json"),
        (status = 415, description = "Neither a multipart form nor a zip.", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "An invalid option, or a form or zip without files.", body = ProblemBody, content_type = "application/problem+json"),
        (status = 503, description = "Too many checks in progress, or no room now in the service's memory budget or in its temporary storage for spooled batches; try again after `Retry-After` seconds.", body = ProblemBody, content_type = "application/problem+json")
    )
)]
#[post("/v1/checks/batch")]
pub async fn post_batch(
    request: HttpRequest,
    QueryOptions(query): QueryOptions,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, Problem> {
    let lang = query.lang.unwrap_or_else(|| request_lang(&request));
    let fail = |problem: Problem| problem.for_request(&request);
    let options = validate(query.values(), OptionSource::Parameters, lang).map_err(fail)?;
    let table = table_asked(&request, lang).map_err(fail)?;
    let media_type = request
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let limit = body::batch_limit(state.body_limit);
    let payload = body::guarded(payload, state.idle_timeout);
    // What the spool keeps in memory before it moves to disk, and the buffer being written.
    let mut share = state.memory.share();
    let in_memory = state.spool_threshold.saturating_add(spooling::FLUSH_SIZE);
    let declared = body::declared_length(request.headers()).unwrap_or(limit);
    body::hold(&mut share, declared.min(in_memory), lang)
        .await
        .map_err(fail)?;
    let spool = SpoolWriter::new(state.spool_threshold, state.spool_space.share(), lang);
    let reading = async {
        if media_type.starts_with("multipart/form-data") {
            spool_files(form::open(&request, payload), spool, limit, lang).await
        } else if media_types::ZIP
            .iter()
            .any(|zip| media_type.starts_with(zip))
        {
            spool_body(payload, &request, spool, limit, lang)
                .await
                .map(|(files, space)| (files, space, None))
        } else {
            Err(Problem::unsupported_media_type(Some(&media_type), lang))
        }
    };
    let ((uploaded, space, roster), permit) = state.receive(reading, lang).await.map_err(fail)?;
    let engine = state.engine.clone();
    // Listing a zip reads its directory, from the disk when the batch was spooled.
    let files = web::block(move || unpack(uploaded, engine.limits()))
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
            vec![FieldError::at_pointer("", detail)],
            lang,
        )));
    }
    tracing::info!(files = files.len(), "batch received");
    let (lines, mut receiver) = mpsc::channel::<BatchLine>(16);
    let holding = (permit, share, space);
    actix_web::rt::spawn(check_all(
        files,
        roster,
        options,
        state.into_inner(),
        lines,
        holding,
    ));
    let Some(table) = table else {
        let body = futures_util::stream::unfold(receiver, |mut receiver| async move {
            let line = receiver.recv().await?;
            Some((
                Ok::<_, actix_web::Error>(Bytes::from(line.to_ndjson())),
                receiver,
            ))
        });
        return Ok(HttpResponse::Ok()
            .content_type("application/x-ndjson")
            .streaming(body));
    };
    // A table is written once every report is checked.
    let mut checked = Vec::new();
    while let Some(line) = receiver.recv().await {
        checked.push(line);
    }
    let mut sheets = crate::export::batch_sheets(&checked, lang).to_vec();
    if let Some(BatchLine::Summary { summary }) = checked.last() {
        sheets.extend(crate::export::collection_sheets(summary, lang));
    }
    Ok(match table {
        Table::Xlsx => HttpResponse::Ok()
            .content_type(crate::export::XLSX_MEDIA_TYPE)
            .insert_header((
                CONTENT_DISPOSITION,
                r#"attachment; filename="nianbao-batch.xlsx""#,
            ))
            .body(crate::export::xlsx(&sheets)),
        Table::Csv => HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header((
                CONTENT_DISPOSITION,
                r#"attachment; filename="nianbao-batch.csv""#,
            ))
            .body(crate::export::csv(&sheets[0])),
    })
}

/// The collecting office's spreadsheet of a batch.
#[derive(ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)] // Describes the answer for the OpenAPI document; the handler writes bytes.
pub struct Spreadsheet(Vec<u8>);

/// What the batch answers with.
#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)] // Describes the parameter for the OpenAPI document; `table_asked` reads it.
pub enum BatchFormat {
    Ndjson,
    Xlsx,
    Csv,
}

/// A table for the collecting office instead of the NDJSON stream.
#[derive(Debug, Clone, Copy)]
enum Table {
    Xlsx,
    Csv,
}

/// `format=xlsx` or `format=csv` in the query, or `Accept` naming a spreadsheet or CSV.
fn table_asked(request: &HttpRequest, lang: Lang) -> Result<Option<Table>, Problem> {
    let format = serde_urlencoded::from_str::<Vec<(String, String)>>(request.query_string())
        .unwrap_or_default()
        .into_iter()
        .find(|(key, _)| key == "format")
        .map(|(_, value)| value.to_ascii_lowercase());
    match format.as_deref() {
        Some("xlsx") => return Ok(Some(Table::Xlsx)),
        Some("csv") => return Ok(Some(Table::Csv)),
        Some("ndjson") | None => {}
        Some(_) => {
            let detail = lang.pick(
                "format 只能是 ndjson、xlsx 或 csv。",
                "format is ndjson, xlsx or csv.",
            );
            return Err(Problem::validation(
                vec![FieldError::at_parameter("format", detail)],
                lang,
            ));
        }
    }
    Ok(
        if media_types::acceptance(request, crate::export::XLSX_MEDIA_TYPE) > 0.0 {
            Some(Table::Xlsx)
        } else if media_types::acceptance(request, "text/csv") > 0.0 {
            Some(Table::Csv)
        } else {
            None
        },
    )
}

/// A file of the form, written to the spool: where its bytes are.
struct SpooledPart {
    name: String,
    media_type: Option<String>,
    offset: u64,
    len: u64,
}

/// A part of the form written to the spool, the form's bytes counted in `total` up to `limit`.
async fn spool_part(
    part: &mut actix_multipart::Field,
    spool: &mut SpoolWriter,
    total: &mut usize,
    limit: usize,
    lang: Lang,
) -> Result<(), Problem> {
    while let Some(chunk) = part.next().await {
        let chunk = chunk.map_err(|e| multipart_problem(&e, lang))?;
        *total += chunk.len();
        if *total > limit {
            return Err(Problem::payload_too_large(limit, lang));
        }
        spool.write(&chunk).await?;
    }
    Ok(())
}

/// Every file of the form written to the spool, each a region of it.
async fn spool_files(
    mut form: Multipart,
    mut spool: SpoolWriter,
    limit: usize,
    lang: Lang,
) -> Result<(Vec<NamedInput>, Share, Option<Region>), Problem> {
    let mut parts = Vec::new();
    let mut roster: Option<SpooledPart> = None;
    let mut total = 0usize;
    let mut seen = 0;
    while let Some(part) = form.next().await {
        seen += 1;
        if seen > 2 * MAX_FILES {
            return Err(Problem::too_many_parts(2 * MAX_FILES, lang));
        }
        let mut part = part.map_err(|e| multipart_problem(&e, lang))?;
        // The roster of units expected to report: kept beside the reports, not one of them.
        if part.name() == Some("roster") {
            let offset = spool.len();
            spool_part(&mut part, &mut spool, &mut total, limit, lang).await?;
            roster = Some(SpooledPart {
                name: "roster".into(),
                media_type: None,
                offset,
                len: spool.len() - offset,
            });
            continue;
        }
        // A report is a part with a file name, or a `file` field without one (some clients send
        // it so); it is then named by its place in the form.
        let Some(name) = part.content_disposition().and_then(|d| {
            form::file_name(d).or_else(|| {
                (d.get_name() == Some("file")).then(|| format!("file[{}]", parts.len() + 1))
            })
        }) else {
            continue;
        };
        if parts.len() == MAX_FILES {
            return Err(Problem::payload_too_large(limit, lang));
        }
        let media_type = part.content_type().map(|m| m.to_string());
        let offset = spool.len();
        spool_part(&mut part, &mut spool, &mut total, limit, lang).await?;
        parts.push(SpooledPart {
            name,
            media_type,
            offset,
            len: spool.len() - offset,
        });
    }
    if parts.is_empty() {
        let detail = lang.pick(
            "表单中没有文件：请把每份报告放在一个带文件名的部分中。",
            "The form has no files: put each report in a part with a file name.",
        );
        return Err(Problem::validation(
            vec![FieldError::at_parameter("file", detail)],
            lang,
        ));
    }
    let (spooled, space) = spool.finish().await?;
    let roster = roster.map(|part| Region::new(spooled.clone(), part.offset, part.len));
    let files = parts
        .into_iter()
        .map(|part| NamedInput {
            name: part.name,
            input: Input::Spooled {
                region: Region::new(spooled.clone(), part.offset, part.len),
                media_type: part.media_type,
            },
        })
        .collect();
    Ok((files, space, roster))
}

/// A zip of reports sent as the body, written to the spool.
async fn spool_body(
    mut payload: body::Body,
    request: &HttpRequest,
    mut spool: SpoolWriter,
    limit: usize,
    lang: Lang,
) -> Result<(Vec<NamedInput>, Share), Problem> {
    if body::declared_length(request.headers()).is_some_and(|length| length > limit) {
        return Err(Problem::payload_too_large(limit, lang));
    }
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| body::payload_problem(&e, lang))?;
        if spool.len() + chunk.len() as u64 > limit as u64 {
            return Err(Problem::payload_too_large(limit, lang));
        }
        spool.write(&chunk).await?;
    }
    let len = spool.len();
    let (spooled, space) = spool.finish().await?;
    let file = NamedInput {
        name: String::new(),
        input: Input::Spooled {
            region: Region::new(spooled, 0, len),
            media_type: None,
        },
    };
    Ok((vec![file], space))
}

/// Each zip of reports becomes its reports; a body that is no zip of reports is one file,
/// named for what it is.
fn unpack(files: Vec<NamedInput>, limits: &crate::extract::Limits) -> Vec<NamedInput> {
    files
        .into_iter()
        .flat_map(|file| file.unpack(limits))
        .map(|mut file| {
            if file.name.is_empty() {
                file.name = "body".into();
            }
            file
        })
        .collect()
}

/// Checks the files a few at a time (one per core), sending each line as it is ready, then the
/// summary. Holds the batch's in-flight permit, the memory and space of its spool until the end; each
/// report takes its own share of the memory budget when its check begins, waiting for room as
/// long as a check may take.
async fn check_all(
    files: Vec<NamedInput>,
    roster: Option<Region>,
    options: CheckOptions,
    state: Arc<AppState>,
    lines: mpsc::Sender<BatchLine>,
    _holding: (tokio::sync::OwnedSemaphorePermit, Share, Share),
) {
    let parallel = Arc::new(Semaphore::new(
        std::thread::available_parallelism().map_or(2, |n| n.get()),
    ));
    // The reports are compared with each other.
    let options = Arc::new(CheckOptions {
        traced: true,
        ..options
    });
    let summary = Arc::new(Mutex::new(BatchSummary::default()));
    let collection = Arc::new(Mutex::new(Collection::default()));
    let years = Arc::new(YearPairing::new(files.len()));
    // Reports join the collection in the batch's order, so that each line names the same
    // similar files however fast the reports are read.
    let collected = Arc::new(Turns::new(files.len()));
    let mut tasks = tokio::task::JoinSet::new();
    // In name order, so that a unit's reports named by year are read earlier year first.
    let mut files = files;
    files.sort_by(|a, b| a.name.cmp(&b.name));
    for (seq, file) in files.into_iter().enumerate() {
        let Ok(slot) = parallel.clone().acquire_owned().await else {
            break;
        };
        if lines.is_closed() {
            // The client went away: the reports not yet begun are not checked.
            tracing::info!("batch stopped: the client disconnected");
            return;
        }
        let (state, options, summary, collection, years, collected, lines) = (
            state.clone(),
            options.clone(),
            summary.clone(),
            collection.clone(),
            years.clone(),
            collected.clone(),
            lines.clone(),
        );
        tasks.spawn(async move {
            let _slot = slot;
            let share = state
                .memory
                .share_waiting(state.engine.limits().time_budget);
            let kept = file.input.clone();
            let outcome = check_input(
                state.clone(),
                file.input,
                options.clone(),
                None,
                share,
                None,
            )
            .await
            .map(|checked| checked.report);
            let outcome = match outcome {
                Ok(report) => Ok(years
                    .beside_last_year(seq, report, kept, &state, options)
                    .await),
                Err(problem) => {
                    years.done(seq);
                    Err(problem)
                }
            };
            collected.wait_before(seq).await;
            let line = BatchLine::of(file.name, outcome.map_err(|p| p.body().clone()))
                .collected(&mut collection.lock().expect("the collection lock"));
            collected.mark(seq);
            summary.lock().expect("the summary lock").count(&line);
            // A client that went away stops nothing but its own stream.
            let _ = lines.send(line).await;
        });
    }
    while tasks.join_next().await.is_some() {}
    let mut summary = std::mem::take(&mut *summary.lock().expect("the summary lock"));
    let collection = std::mem::take(&mut *collection.lock().expect("the collection lock"));
    let roster = roster.map(|region| read_roster(&region));
    summary.close(collection, roster.as_ref());
    tracing::info!(?summary, "batch checked");
    let _ = lines.send(BatchLine::Summary { summary }).await;
}

/// Bytes of a roster read at most: 100,000 names of a county's units fit many times over.
const MAX_ROSTER_BYTES: u64 = 8 * 1024 * 1024;

/// The roster sent beside a batch, read from the spool up to its bound.
fn read_roster(region: &Region) -> Roster {
    use std::io::Read;
    let mut bytes = Vec::new();
    // A roster that cannot be read is as good as none: every unit not received.
    let _ = region
        .reader()
        .take(MAX_ROSTER_BYTES)
        .read_to_end(&mut bytes);
    Roster::parse(&String::from_utf8_lossy(&bytes))
}

/// A unit's consecutive years in one batch: each report is remembered by unit and year (a
/// handle to its spooled bytes), and once every report begun before it has been read, checked
/// again beside its unit's report of the year before when the batch has one.
struct YearPairing {
    years: Mutex<Years<Input>>,
    /// Which reports have been read, by their place in the batch.
    read: Turns,
}

/// Which reports of a batch have passed a step, by their place in it; a report waits for those
/// before it. Reports begin in order, so the first not yet done never waits: no cycle.
struct Turns {
    done: Mutex<Vec<bool>>,
    changed: tokio::sync::Notify,
}

impl Turns {
    fn new(files: usize) -> Self {
        Self {
            done: Mutex::new(vec![false; files]),
            changed: tokio::sync::Notify::new(),
        }
    }

    fn mark(&self, seq: usize) {
        self.done.lock().expect("the turns lock")[seq] = true;
        self.changed.notify_waiters();
    }

    async fn wait_before(&self, seq: usize) {
        loop {
            let changed = self.changed.notified();
            if self.done.lock().expect("the turns lock")[..seq]
                .iter()
                .all(|&d| d)
            {
                return;
            }
            changed.await;
        }
    }
}

impl YearPairing {
    fn new(files: usize) -> Self {
        Self {
            years: Mutex::new(Years::default()),
            read: Turns::new(files),
        }
    }

    fn done(&self, seq: usize) {
        self.read.mark(seq);
    }

    async fn beside_last_year(
        &self,
        seq: usize,
        report: crate::report::CheckReport,
        kept: Input,
        state: &Arc<AppState>,
        options: Arc<CheckOptions>,
    ) -> crate::report::CheckReport {
        let unit = report.report.issuer.clone().zip(report.report.year);
        if let Some((issuer, year)) = &unit {
            let mut years = self.years.lock().expect("the pairing lock");
            years.insert(issuer, *year, kept.clone());
        }
        self.done(seq);
        let Some((issuer, year)) = unit else {
            return report;
        };
        self.read.wait_before(seq).await;
        let before = self
            .years
            .lock()
            .expect("the pairing lock")
            .before(&issuer, year);
        let Some(before) = before else {
            return report;
        };
        let share = state
            .memory
            .share_waiting(state.engine.limits().time_budget);
        let pair = crate::server::routes::checks::Pair {
            report: kept,
            previous: Some(before),
        };
        match check_input(state.clone(), pair, options, None, share, None).await {
            Ok(checked) => checked.report,
            Err(_) => report,
        }
    }
}
