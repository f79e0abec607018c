//! Reading a request body: bounded in bytes, and in how long a sender may pause.

use std::pin::Pin;
use std::time::Duration;

use actix_multipart::MultipartError;
use actix_web::error::PayloadError;
use actix_web::http::header;
use actix_web::{HttpRequest, web};
use futures_util::{Stream, StreamExt};

use crate::lang::Lang;
use crate::server::budget::Share;
use crate::server::problem::Problem;
use crate::server::routes::media_types;

/// A batch may be this many times larger than one request.
const BATCH_BODY_FACTOR: usize = 10;
/// Room in a JSON body for the options beside a base64 file.
const JSON_ROOM: usize = 64 * 1024;
/// The one path whose bodies have the single check's limits.
const SINGLE_CHECK_PATH: &str = "/v1/checks";

/// The most a batch body may be.
pub fn batch_limit(body_limit: usize) -> usize {
    body_limit.saturating_mul(BATCH_BODY_FACTOR)
}

/// The most a JSON body may be: a file of `limit` bytes is 4/3 of that in base64, with the
/// options beside it.
pub fn json_limit(limit: usize) -> usize {
    limit.saturating_div(3).saturating_mul(4) + JSON_ROOM
}

/// The largest body a request to `path` of `content_type` may have, as its head tells: the
/// single check's own limits on its own path; any other spelling may be the batch, which the
/// handler bounds exactly.
pub fn largest_body(body_limit: usize, path: &str, content_type: &str) -> usize {
    if path != SINGLE_CHECK_PATH {
        return batch_limit(body_limit);
    }
    let essence = media_types::essence(content_type);
    if essence == "multipart/form-data" || media_types::is_json(&essence) {
        json_limit(body_limit)
    } else {
        body_limit
    }
}

/// The body's length as its `Content-Length` declares it, if it does.
pub fn declared_length(headers: &header::HeaderMap) -> Option<usize> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
}

/// A request body as it streams in.
pub type Body = Pin<Box<dyn Stream<Item = Result<web::Bytes, PayloadError>>>>;

/// The payload, ending with a time-out error once no byte has come for `idle`: a sender that
/// trickles its body cannot hold a worker for the whole client time-out.
pub fn guarded(payload: web::Payload, idle: Duration) -> Body {
    Box::pin(
        futures_util::stream::unfold(Some(payload), move |payload| async move {
            let mut payload = payload?;
            match actix_web::rt::time::timeout(idle, payload.next()).await {
                Ok(Some(chunk)) => Some((chunk, Some(payload))),
                Ok(None) => None,
                Err(_) => {
                    let stalled = std::io::Error::new(std::io::ErrorKind::TimedOut, "stalled");
                    Some((Err(PayloadError::Io(stalled)), None))
                }
            }
        })
        // Multipart polls again after the end.
        .fuse(),
    )
}

/// What to answer when the body could not be read: 408 for a sender that stalled, else 400.
pub fn payload_problem(error: &PayloadError, lang: Lang) -> Problem {
    match error {
        PayloadError::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => {
            Problem::request_stalled(lang)
        }
        _ => Problem::bad_request_body(lang),
    }
}

/// The same for an error inside a multipart form; a form that is whole but wrongly made gets
/// a sentence saying what is wrong with it.
pub fn multipart_problem(error: &MultipartError, lang: Lang) -> Problem {
    match error {
        MultipartError::Payload(error) => payload_problem(error, lang),
        MultipartError::ContentDispositionMissing | MultipartError::ContentDispositionNameMissing => {
            Problem::malformed_form(
                lang.pick(
                    "表单中有一个部分没有名称（Content-Disposition 的 name）。报告文件请放在名为 file 的部分中。",
                    "A part of the form has no name (the name of its Content-Disposition). Put the report in a part named file.",
                ),
            )
        }
        MultipartError::BoundaryMissing
        | MultipartError::Parse(_)
        | MultipartError::ContentTypeParse
        | MultipartError::ContentTypeIncompatible
        | MultipartError::Nested => Problem::malformed_form(
            lang.pick(
                "表单格式不正确（multipart/form-data 的边界或类型有误）。",
                "The form is not well made (its multipart/form-data boundary or type is wrong).",
            ),
        ),
        _ => Problem::bad_request_body(lang),
    }
}

/// The whole body, or a 413 as soon as it is known to exceed `limit` bytes: from
/// `Content-Length` before reading anything, else while streaming. `share` holds the body's
/// bytes of the memory budget: the declared length before a byte is read, else as it grows.
pub async fn read_body(
    mut payload: Body,
    request: &HttpRequest,
    limit: usize,
    lang: Lang,
    share: &mut Share,
) -> Result<web::Bytes, Problem> {
    let declared = declared_length(request.headers());
    if declared.is_some_and(|length| length > limit) {
        return Err(Problem::payload_too_large(limit, lang));
    }
    hold(share, declared.unwrap_or(0), lang).await?;
    let mut body = web::BytesMut::with_capacity(declared.unwrap_or(0).min(limit));
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| payload_problem(&e, lang))?;
        if body.len() + chunk.len() > limit {
            return Err(Problem::payload_too_large(limit, lang));
        }
        hold(share, body.len() + chunk.len(), lang).await?;
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// Seconds a client refused for want of memory or space is asked to wait.
const RETRY_AFTER_BUDGET: u32 = 2;

/// `share` grown to hold at least `bytes`, or the 503 that says the service is busy.
pub async fn hold(share: &mut Share, bytes: usize, lang: Lang) -> Result<(), Problem> {
    share.cover(bytes as u64).await.map_err(|_| {
        let budget = share.holds();
        tracing::warn!(bytes, ?budget, "request refused: the budget is full");
        Problem::budget_full(budget, RETRY_AFTER_BUDGET, lang)
    })
}
