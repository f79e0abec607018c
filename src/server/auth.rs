//! Optional API keys: when any are configured, every path needs `Authorization: Bearer <key>`
//! except the page, the API documentation and (unless `--protect-probes` is set) health,
//! readiness and metrics. Keys come from `NIANBAO_API_KEYS` (comma-separated) and/or a file, one
//! per line.
//!
//! The decision is made on the path as a router could read it, not as it is spelled: percent
//! escapes are decoded and repeated slashes collapsed before a path is found open, and a path
//! with dot segments or bytes that are not UTF-8 is never open. So `/%761/checks`,
//! `//v1/checks` or `/docs/../v1/checks` need a key like `/v1/checks`.

use std::path::Path;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{ResponseError, web};
use subtle::ConstantTimeEq;

use crate::server::problem::{Problem, request_lang};

/// The keys accepted, and what they guard.
#[derive(Debug, Clone, Default)]
pub struct ApiKeys {
    keys: Vec<Vec<u8>>,
    protect_probes: bool,
}

/// Paths a probe or a scraper calls.
const PROBES: [&str; 3] = ["/healthz", "/readyz", "/metrics"];

impl ApiKeys {
    /// Keys from a comma-separated list and a file of one key per line (blank lines and lines
    /// starting with `#` skipped).
    pub fn load(
        list: Option<&str>,
        file: Option<&Path>,
        protect_probes: bool,
    ) -> std::io::Result<Self> {
        let mut keys: Vec<Vec<u8>> = list
            .into_iter()
            .flat_map(|l| l.split(','))
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(|k| k.as_bytes().to_vec())
            .collect();
        if let Some(path) = file {
            let text = std::fs::read_to_string(path)?;
            keys.extend(
                text.lines()
                    .map(str::trim)
                    .filter(|k| !k.is_empty() && !k.starts_with('#'))
                    .map(|k| k.as_bytes().to_vec()),
            );
        }
        Ok(Self {
            keys,
            protect_probes,
        })
    }

    pub fn is_enabled(&self) -> bool {
        !self.keys.is_empty()
    }

    pub fn count(&self) -> usize {
        self.keys.len()
    }

    /// Whether a request to `path` (as it came, percent escapes and all) needs a key.
    pub fn guards(&self, path: &str) -> bool {
        self.is_enabled() && !routed(path).is_some_and(|path| self.is_open(&path))
    }

    /// Paths anyone may read: the page, the explorer and its document, the problem types' pages,
    /// and the probes unless they are protected.
    fn is_open(&self, path: &str) -> bool {
        path == "/"
            || path == "/favicon.ico"
            || path == "/rules"
            || path.starts_with("/assets/")
            || path == "/docs"
            || path.starts_with("/docs/")
            || path == "/openapi.json"
            || path == "/problems"
            || path.starts_with("/problems/")
            || (!self.protect_probes && PROBES.contains(&path))
    }

    /// Whether an `Authorization` header holds one of the keys. Every key is compared, each in
    /// constant time, so timing tells nothing about which one nearly matched.
    pub fn accepts(&self, authorization: Option<&str>) -> bool {
        // The scheme is case-insensitive (RFC 9110, section 11.1).
        let Some((scheme, given)) = authorization.and_then(|h| h.trim().split_once(' ')) else {
            return false;
        };
        if !scheme.eq_ignore_ascii_case("bearer") {
            return false;
        }
        let given = given.trim().as_bytes();
        self.keys
            .iter()
            .fold(subtle::Choice::from(0), |found, key| {
                found | key.as_slice().ct_eq(given)
            })
            .into()
    }
}

/// A path as a router may read it: percent escapes decoded, repeated slashes collapsed; `None`
/// when it has dot segments or is not UTF-8 once decoded, which no open path has.
fn routed(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escape = (bytes[i] == b'%')
            .then(|| raw.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escape {
            Some(byte) => {
                decoded.push(byte);
                i += 3;
            }
            None => {
                decoded.push(bytes[i]);
                i += 1;
            }
        }
    }
    let decoded = String::from_utf8(decoded).ok()?;
    if decoded.contains('%') || decoded.contains('\\') {
        // Escaped twice, or a separator some stacks take for a slash: never open.
        return None;
    }
    let segments: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
    if segments.iter().any(|s| *s == "." || *s == "..") {
        return None;
    }
    let trailing = decoded.len() > 1 && decoded.ends_with('/');
    let mut path = format!("/{}", segments.join("/"));
    if trailing && path.len() > 1 {
        path.push('/');
    }
    Some(path)
}

/// Middleware: answers 401 problem+json when a guarded path comes without a valid key.
pub async fn require_key(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let refused = request
        .app_data::<web::Data<ApiKeys>>()
        .is_some_and(|keys| {
            let authorization = request
                .headers()
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok());
            keys.guards(request.path()) && !keys.accepts(authorization)
        });
    if refused {
        let problem =
            Problem::unauthorized(request_lang(request.request())).for_request(request.request());
        tracing::warn!("request refused: no valid API key");
        let response = problem.error_response();
        return Ok(request.into_response(response).map_into_right_body());
    }
    Ok(next.call(request).await?.map_into_left_body())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_from_the_list_guard_the_api_but_not_the_probes() {
        let keys = ApiKeys::load(Some("alpha-key, beta-key"), None, false).unwrap();
        assert!(keys.guards("/v1/checks"));
        assert!(!keys.guards("/healthz"));
        assert!(!keys.guards("/"));
        assert!(!keys.guards("/docs/index.html"));
        assert!(keys.accepts(Some("Bearer beta-key")));
        assert!(keys.accepts(Some("bearer beta-key")));
        assert!(keys.accepts(Some("BEARER  beta-key")));
        assert!(!keys.accepts(Some("Basic beta-key")));
        assert!(!keys.accepts(Some("Bearer beta-ke")));
        assert!(!keys.accepts(Some("beta-key")));
        assert!(!keys.accepts(None));
        let strict = ApiKeys::load(Some("k"), None, true).unwrap();
        assert!(strict.guards("/metrics"));
        assert!(strict.guards("/%6detrics"));
        assert!(strict.guards("/%68ealthz"));
        assert!(!ApiKeys::default().guards("/v1/checks"));
    }

    #[test]
    fn no_spelling_of_a_guarded_path_is_open() {
        let keys = ApiKeys::load(Some("k"), None, false).unwrap();
        for path in [
            "/v1/checks",
            "/%761/checks",
            "/v%31/checks",
            "/%2F%76%31%2F%63%68%65%63%6B%73",
            "//v1/checks",
            "/docs/../v1/checks",
            "/docs/%2e%2e/v1/checks",
            "/assets/..%2Fv1%2Fchecks",
            "/%25761/checks",
            "/docs\\..\\v1/checks",
            "/%ff/checks",
            "/V1/checks",
            "/nowhere",
        ] {
            assert!(keys.guards(path), "{path}");
        }
        for path in [
            "/",
            "/docs",
            "/docs/",
            "/openapi.json",
            "/healthz",
            "/%68ealthz",
        ] {
            assert!(!keys.guards(path), "{path}");
        }
    }
}
