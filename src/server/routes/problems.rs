//! A page for each problem `type`: `/problems/{slug}` says what the problem means and what to
//! do, so the `type` of an answer can be looked up where it points (RFC 9457 §3.1.1).

use actix_web::{HttpRequest, HttpResponse, web};

use crate::lang::Lang;
use crate::report::problem_types::{PROBLEM_TYPES, ProblemType, describe};
use crate::server::problem::{Problem, request_lang};

pub async fn list(request: HttpRequest) -> HttpResponse {
    let lang = request_lang(&request);
    let items: String = PROBLEM_TYPES
        .iter()
        .map(|t| {
            format!(
                "<li><a href=\"/problems/{slug}\"><code>{slug}</code></a> ({status}): {text}</li>\n",
                slug = t.slug,
                status = t.status,
                text = text(t, lang)
            )
        })
        .collect();
    page(
        lang.pick("问题类型", "Problem types"),
        &format!("<ul>\n{items}</ul>"),
        lang,
    )
}

pub async fn one(request: HttpRequest, slug: web::Path<String>) -> Result<HttpResponse, Problem> {
    let lang = request_lang(&request);
    let Some(kind) = describe(&slug) else {
        return Err(Problem::not_found(request.path(), lang).for_request(&request));
    };
    let body = format!(
        "<p><code>/problems/{}</code> · HTTP {}</p>\n<p>{}</p>\n<p><a href=\"/problems\">{}</a></p>",
        kind.slug,
        kind.status,
        text(kind, lang),
        lang.pick("全部问题类型", "All problem types")
    );
    Ok(page(kind.slug, &body, lang))
}

/// A type's text, escaped for HTML ("Bearer <key>").
fn text(kind: &ProblemType, lang: Lang) -> String {
    lang.pick(kind.zh, kind.en)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn page(title: &str, body: &str, lang: Lang) -> HttpResponse {
    let html = format!(
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{title} · nianbao</title></head>\n<body><h1>{title}</h1>\n{body}\n</body></html>\n",
        lang.pick("zh", "en"),
    );
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(html)
}
