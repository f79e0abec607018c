//! Reading a request body up to the configured limit.

use actix_web::http::header;
use actix_web::{HttpRequest, web};
use futures_util::StreamExt;

use crate::lang::Lang;
use crate::server::problem::Problem;

/// The whole body, or a 413 as soon as it is known to exceed `limit` bytes: from
/// `Content-Length` before reading anything, else while streaming.
pub async fn read_body(
    mut payload: web::Payload,
    request: &HttpRequest,
    limit: usize,
    lang: Lang,
) -> Result<web::Bytes, Problem> {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        return Err(Problem::payload_too_large(limit, lang));
    }
    let mut body = web::BytesMut::with_capacity(declared.unwrap_or(0).min(limit));
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| Problem::bad_request_body(lang))?;
        if body.len() + chunk.len() > limit {
            return Err(Problem::payload_too_large(limit, lang));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}
