//! The drafter's page at `/`: HTML, CSS and JavaScript embedded in the binary, so it works on an
//! offline intranet. It calls `POST /v1/checks`, `POST /v1/checks/batch` and `GET /v1/rules` (for
//! the rules' titles) on the same origin, and links to `/rules`.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};

use crate::server::problem::{Problem, request_lang};

const INDEX_HTML: &str = include_str!("../../../web/index.html");
const APP_JS: &str = include_str!("../../../web/app.js");
/// The page's words in both languages, apart from its code.
const TEXTS_JS: &str = include_str!("../../../web/texts.js");
const APP_CSS: &str = include_str!("../../../web/app.css");
/// A document with a tick, so browsers asking for `/favicon.ico` on every load get an icon.
const FAVICON_SVG: &str = include_str!("../../../web/favicon.svg");
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
        "texts.js" => ("text/javascript; charset=utf-8", TEXTS_JS),
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

pub async fn favicon() -> HttpResponse {
    respond("image/svg+xml", FAVICON_SVG)
}

fn respond(media_type: &'static str, body: &'static str) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, media_type))
        // Revalidate, so a new release's page is never mixed with an old script.
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .body(body)
}
