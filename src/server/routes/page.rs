//! The drafter's page at `/`: HTML, CSS and JavaScript embedded in the binary, so it works on an
//! offline intranet. It calls only `POST /v1/checks` on the same origin.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};

use crate::server::problem::{Problem, request_lang};

const INDEX_HTML: &str = include_str!("../../../web/index.html");
const APP_JS: &str = include_str!("../../../web/app.js");
const APP_CSS: &str = include_str!("../../../web/app.css");
/// 庄市街道's 2023 report as published on its portal, from the corpus.
const SAMPLE_REPORT: &str = include_str!("../../../web/sample-report.txt");

/// Nothing but this origin: no CDN, no inline script, no framing by other sites.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data: blob:; \
     object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

pub async fn index() -> HttpResponse {
    let mut response = respond("text/html; charset=utf-8", INDEX_HTML);
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    response
}

pub async fn asset(name: web::Path<String>, request: HttpRequest) -> HttpResponse {
    let (media_type, body) = match name.as_str() {
        "app.js" => ("text/javascript; charset=utf-8", APP_JS),
        "app.css" => ("text/css; charset=utf-8", APP_CSS),
        // The sample report behind the page's “load a sample” button (庄市街道 2023).
        "sample.txt" => ("text/plain; charset=utf-8", SAMPLE_REPORT),
        _ => {
            return Problem::not_found(request.path(), request_lang(&request))
                .for_request(&request)
                .error_response();
        }
    };
    respond(media_type, body)
}

fn respond(media_type: &'static str, body: &'static str) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, media_type))
        // Revalidate, so a new release's page is never mixed with an old script.
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .body(body)
}
