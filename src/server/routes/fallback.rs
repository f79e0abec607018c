//! What answers when no route matches: 308 to the route a trailing slash hides, 405 with
//! `Allow` for a known path, else 404.
//!
//! The known paths and their methods come from the OpenAPI document and the list of plain
//! routes they are registered from, so a new route needs no entry here.

use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use utoipa::openapi::OpenApi;

use super::{EXPLORER_PATHS, PLAIN_ROUTES};
use crate::server::problem::{Problem, request_lang};

/// Path templates (`/v1/rules/{id}`) and the methods each accepts.
#[derive(Debug, Clone)]
pub struct RouteTable {
    routes: Vec<(Vec<String>, Vec<&'static str>)>,
}

impl RouteTable {
    /// The API document's paths, the plain routes and the explorer's.
    pub fn new(document: &OpenApi) -> Self {
        let mut routes: Vec<(Vec<String>, Vec<&'static str>)> = document
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let methods = [
                    ("GET", item.get.is_some()),
                    ("POST", item.post.is_some()),
                    ("PUT", item.put.is_some()),
                    ("PATCH", item.patch.is_some()),
                    ("DELETE", item.delete.is_some()),
                ]
                .into_iter()
                .filter_map(|(method, present)| present.then_some(method))
                .collect();
                (segments(path), methods)
            })
            .collect();
        let plain = PLAIN_ROUTES.iter().map(|plain| plain.path);
        routes.extend(
            plain
                .chain(EXPLORER_PATHS)
                .map(|path| (segments(path), vec!["GET"])),
        );
        Self { routes }
    }

    /// The methods a path accepts, if any route matches it.
    pub fn allowed(&self, path: &str) -> Option<&[&'static str]> {
        let wanted = segments(path);
        self.routes
            .iter()
            .find(|(template, _)| matches(template, &wanted))
            .map(|(_, methods)| methods.as_slice())
    }
}

fn segments(path: &str) -> Vec<String> {
    path.trim_end_matches('/')
        .split('/')
        .map(str::to_owned)
        .collect()
}

/// `{name}` matches one segment; a final `{tail:.*}` matches the rest.
fn matches(template: &[String], path: &[String]) -> bool {
    if template.last().is_some_and(|s| s.ends_with(":.*}")) {
        let prefix = &template[..template.len() - 1];
        return path.len() >= prefix.len() && matches(prefix, &path[..prefix.len()]);
    }
    template.len() == path.len()
        && template
            .iter()
            .zip(path)
            .all(|(t, p)| t == p || (t.starts_with('{') && t.ends_with('}')))
}

pub async fn fallback(request: HttpRequest, table: web::Data<RouteTable>) -> HttpResponse {
    let lang = request_lang(&request);
    let path = request.path();
    let allowed = table.allowed(path);
    // `POST /v1/checks/`: the route without the slash takes this method, so send the client
    // there; 308 keeps the method and the body.
    if path.len() > 1
        && path.ends_with('/')
        && allowed.is_some_and(|methods| methods.contains(&request.method().as_str()))
    {
        let mut location = path.trim_end_matches('/').to_owned();
        if !request.query_string().is_empty() {
            location = format!("{location}?{}", request.query_string());
        }
        return HttpResponse::PermanentRedirect()
            .insert_header((actix_web::http::header::LOCATION, location))
            .finish();
    }
    let problem = match allowed {
        Some(methods) => Problem::method_not_allowed(request.method().as_str(), methods, lang),
        None => Problem::not_found(request.path(), lang),
    };
    problem.for_request(&request).error_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> RouteTable {
        RouteTable {
            routes: vec![
                (segments("/v1/rules/{id}"), vec!["GET"]),
                (segments("/v1/checks"), vec!["POST"]),
                (segments("/docs/{tail:.*}"), vec!["GET"]),
            ],
        }
    }

    #[test]
    fn templates_match_their_paths_only() {
        let table = table();
        assert_eq!(table.allowed("/v1/rules/part-missing"), Some(&["GET"][..]));
        assert_eq!(table.allowed("/v1/checks/"), Some(&["POST"][..]));
        assert_eq!(table.allowed("/docs/index.html"), Some(&["GET"][..]));
        assert_eq!(table.allowed("/v1/rules/a/b"), None);
        assert_eq!(table.allowed("/v2/checks"), None);
    }
}
