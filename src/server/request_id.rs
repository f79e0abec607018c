//! Request ids: the caller's `X-Request-Id` when it is a plain token, else a new UUID; it names
//! the request's log span, so every log line of the request carries it, and it is returned.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::{Error, HttpMessage};
use tracing::Span;
use tracing::field::Empty;
use tracing_actix_web::{DefaultRootSpanBuilder, RequestId as GeneratedId, RootSpanBuilder};

pub const HEADER: HeaderName = HeaderName::from_static("x-request-id");
/// Longest id taken from a caller; longer ones are replaced, not cut.
const MAX_LEN: usize = 128;

/// The id of the request being served.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

/// Whether a caller's id can go into logs and headers as it is (no spaces, no control
/// characters, nothing that could forge a log line).
fn acceptable(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
}

/// The root span of every request, named by its id. The query string is left out: it is the
/// caller's, and only the path is needed to tell requests apart.
pub struct RequestSpan;

impl RootSpanBuilder for RequestSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        let id = request
            .headers()
            .get(&HEADER)
            .and_then(|v| v.to_str().ok())
            .filter(|id| acceptable(id))
            .map(str::to_owned)
            .or_else(|| {
                request
                    .extensions()
                    .get::<GeneratedId>()
                    .map(|g| g.to_string())
            })
            .unwrap_or_default();
        request.extensions_mut().insert(RequestId(id.clone()));
        tracing::info_span!(
            "HTTP request",
            request_id = %id,
            http.method = %request.method(),
            http.route = %request.match_pattern().unwrap_or_else(|| "default".into()),
            http.target = %request.path(),
            http.status_code = Empty,
            otel.status_code = Empty,
            exception.message = Empty,
            exception.details = Empty,
        )
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        DefaultRootSpanBuilder::on_request_end(span, outcome);
    }
}

/// Puts the request's id on its response.
pub fn echo<B>(mut response: ServiceResponse<B>) -> ServiceResponse<B> {
    let id = response.request().extensions().get::<RequestId>().cloned();
    if let Some(value) = id.and_then(|id| HeaderValue::from_str(&id.0).ok()) {
        response.headers_mut().insert(HEADER, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_tokens_are_taken_from_callers() {
        assert!(acceptable("oa-7f3a2c:42"));
        assert!(acceptable("3fa85f64-5717-4562-b3fc-2c963f66afa6"));
        assert!(!acceptable(""));
        assert!(!acceptable("a b"));
        assert!(!acceptable("x\nforged log line"));
        assert!(!acceptable(&"x".repeat(129)));
    }
}
