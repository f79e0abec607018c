//! `Expect: 100-continue`: a sender that asks before sending its body is refused at once, with
//! the 413 problem, when it declares more than the route takes; it never sends a byte of it.

use actix_http::{HttpMessage, Request};
use actix_web::http::header;

use crate::server::problem::{Problem, headers_lang};
use crate::server::routes::body::{declared_length, largest_body};

/// The request, to be answered `100 Continue`; or the refusal, sent instead.
pub fn invite(request: Request, body_limit: usize) -> Result<Request, actix_web::Error> {
    let headers = request.headers();
    let declared = declared_length(headers);
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let limit = largest_body(body_limit, request.path(), content_type);
    match declared {
        Some(length) if length > limit => {
            let problem =
                Problem::payload_too_large(limit, headers_lang(headers)).for_path(request.path());
            Err(problem.into())
        }
        _ => Ok(request),
    }
}
