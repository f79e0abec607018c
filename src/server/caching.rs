//! The HTTP conventions integrators expect of the documents that change only with a restart
//! (`/v1/rules`, `/v1/rules/{id}`, `/v1/ruleset`, `/openapi.json`): an `ETag`, `Cache-Control:
//! no-cache` (revalidate each time, never stale after an upgrade), 304 for `If-None-Match`; and
//! `HEAD` on every `GET` route.

use std::hash::{DefaultHasher, Hash, Hasher};

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, StatusCode, header};
use actix_web::middleware::Next;
use actix_web::{Error, HttpResponse};

fn is_static(path: &str) -> bool {
    path == "/openapi.json"
        || path == "/v1/ruleset"
        || path == "/v1/rules"
        || path.starts_with("/v1/rules/")
}

pub async fn revalidate(
    mut request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    // HEAD is GET without the body: routed as GET, answered without it.
    let head = request.method() == Method::HEAD;
    if head {
        request.head_mut().method = Method::GET;
    }
    let cacheable = is_static(request.path());
    let if_none_match = request
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let response = next.call(request).await?.map_into_boxed_body();
    let revalidated = cacheable && response.status() == StatusCode::OK;
    if !head && !revalidated {
        return Ok(response);
    }
    let (request, response) = response.into_parts();
    let (mut response, body) = response.into_parts();
    let bytes = actix_web::body::to_bytes(body)
        .await
        .map_err(actix_web::error::ErrorInternalServerError)?;
    if revalidated {
        let mut hasher = DefaultHasher::new();
        bytes.hash(&mut hasher);
        // Weak: gzip may change the bytes on the wire, never the content the tag names.
        let etag = format!("W/\"{:016x}\"", hasher.finish());
        let matches = if_none_match
            .as_deref()
            .is_some_and(|tags| tags.split(',').any(|t| weakly_equal(t.trim(), &etag)));
        if matches {
            let not_modified = HttpResponse::NotModified()
                .insert_header((header::ETAG, etag))
                .insert_header((header::CACHE_CONTROL, "no-cache"))
                .finish();
            return Ok(ServiceResponse::new(request, not_modified));
        }
        let headers = response.headers_mut();
        headers.insert(
            header::ETAG,
            etag.parse().expect("a hex tag is a header value"),
        );
        headers.insert(
            header::CACHE_CONTROL,
            header::HeaderValue::from_static("no-cache"),
        );
        headers.insert(
            header::VARY,
            header::HeaderValue::from_static("Accept-Language"),
        );
    }
    let body = if head {
        BoxBody::new(())
    } else {
        BoxBody::new(bytes)
    };
    Ok(ServiceResponse::new(request, response.set_body(body)))
}

/// RFC 9110's weak comparison: the tags name the same content, whether either is weak.
fn weakly_equal(sent: &str, ours: &str) -> bool {
    sent == "*" || sent.trim_start_matches("W/") == ours.trim_start_matches("W/")
}
