//! Optional API keys: when any are configured, `/v1/` needs `Authorization: Bearer <key>`.
//! Keys come from `NIANBAO_API_KEYS` (comma-separated) and/or a file, one per line. Health,
//! readiness and metrics stay open unless `--protect-probes` is set; the page and the API
//! documentation are static and always open.

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

    /// Whether a request to `path` needs a key.
    pub fn guards(&self, path: &str) -> bool {
        self.is_enabled()
            && (path.starts_with("/v1/") || (self.protect_probes && PROBES.contains(&path)))
    }

    /// Whether an `Authorization` header holds one of the keys. Every key is compared, each in
    /// constant time, so timing tells nothing about which one nearly matched.
    pub fn accepts(&self, authorization: Option<&str>) -> bool {
        let Some(given) = authorization.and_then(|h| h.strip_prefix("Bearer ")) else {
            return false;
        };
        let given = given.trim().as_bytes();
        self.keys
            .iter()
            .fold(subtle::Choice::from(0), |found, key| {
                found | key.as_slice().ct_eq(given)
            })
            .into()
    }
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
        assert!(keys.accepts(Some("Bearer beta-key")));
        assert!(!keys.accepts(Some("Bearer beta-ke")));
        assert!(!keys.accepts(Some("beta-key")));
        assert!(!keys.accepts(None));
        let strict = ApiKeys::load(Some("k"), None, true).unwrap();
        assert!(strict.guards("/metrics"));
        assert!(!ApiKeys::default().guards("/v1/checks"));
    }
}
