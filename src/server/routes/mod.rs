//! HTTP routes, registered through utoipa-actix-web so the OpenAPI document lists each one.

pub mod batch;
pub mod body;
pub mod checks;
pub mod docs;
pub mod fallback;
pub mod form;
pub mod health;
pub mod media_types;
pub mod page;
pub mod problems;
pub mod rule_pages;
pub mod rules;
pub mod spooling;

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use actix_web::{Route, web};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::engine::Engine;
use crate::lang::Lang;
use crate::server::budget::ByteBudget;
use crate::server::metrics::Metrics;
use crate::server::problem::Problem;

/// What every handler shares.
#[derive(Debug, Clone)]
pub struct AppState {
    pub engine: Arc<Engine>,
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
    /// Permits for checks in progress; none left means 503.
    pub in_flight: Arc<Semaphore>,
    pub max_in_flight: usize,
    /// How long a client may take to send its body.
    pub client_timeout: Duration,
    /// How long a client may pause while sending it.
    pub idle_timeout: Duration,
    pub metrics: Arc<Metrics>,
    /// The process's memory budget, which bodies, extraction and answers draw on.
    pub memory: ByteBudget,
    /// A batch body past this many bytes is spooled to a temporary file.
    pub spool_threshold: usize,
    /// The temporary folder's space for spooled batches.
    pub spool_space: ByteBudget,
}

impl AppState {
    /// What the client sends, read within the client time-out (408 after), then a slot for its
    /// checks: senders still sending hold none.
    pub async fn receive<T>(
        &self,
        receiving: impl std::future::Future<Output = Result<T, Problem>>,
        lang: Lang,
    ) -> Result<(T, OwnedSemaphorePermit), Problem> {
        let received = match actix_web::rt::time::timeout(self.client_timeout, receiving).await {
            Ok(received) => received?,
            Err(_) => {
                return Err(Problem::request_timeout(
                    self.client_timeout.as_secs(),
                    lang,
                ));
            }
        };
        Ok((received, self.permit(lang)?))
    }

    /// A slot for one check (or one batch), or a 503 when every slot is taken.
    pub fn permit(&self, lang: Lang) -> Result<OwnedSemaphorePermit, Problem> {
        self.in_flight.clone().try_acquire_owned().map_err(|_| {
            tracing::warn!(
                limit = self.max_in_flight,
                "check refused: too many in flight"
            );
            self.metrics.observe_rejection();
            Problem::overloaded(self.max_in_flight, lang)
        })
    }
}

/// A route the OpenAPI document does not describe (the page, the explorer, metrics), all GET.
pub struct PlainRoute {
    pub path: &'static str,
    route: fn() -> Route,
}

/// Every route outside the API document, registered from this list; the 404/405 table reads
/// it too, with the API document for the rest, so a route is listed once.
pub const PLAIN_ROUTES: &[PlainRoute] = &[
    PlainRoute {
        path: "/",
        route: || web::get().to(page::index),
    },
    PlainRoute {
        path: "/assets/{name}",
        route: || web::get().to(page::asset),
    },
    PlainRoute {
        path: "/favicon.ico",
        route: || web::get().to(page::favicon),
    },
    PlainRoute {
        path: "/rules",
        route: || web::get().to(rule_pages::page),
    },
    PlainRoute {
        path: "/docs",
        route: || web::get().to(docs::redirect),
    },
    PlainRoute {
        path: "/problems",
        route: || web::get().to(problems::list),
    },
    PlainRoute {
        path: "/problems/{slug}",
        route: || web::get().to(problems::one),
    },
    PlainRoute {
        path: crate::server::metrics::PATH,
        route: || web::get().to(crate::server::metrics::scrape),
    },
];

/// Paths the explorer service answers (GET).
pub const EXPLORER_PATHS: [&str; 2] = [docs::OPENAPI_PATH, docs::FILES_PATH];

/// Registers the plain routes and the explorer, which serves `document`.
pub fn configure_plain(config: &mut web::ServiceConfig, document: utoipa::openapi::OpenApi) {
    config.service(docs::explorer(document));
    for plain in PLAIN_ROUTES {
        config.route(plain.path, (plain.route)());
    }
}

/// Registers the API's routes, which the OpenAPI document lists.
pub fn configure(config: &mut ServiceConfig) {
    config
        .service(checks::post_check)
        .service(batch::post_batch)
        .service(rules::list_rules)
        .service(rules::get_rule)
        .service(rules::get_ruleset)
        .service(health::healthz)
        .service(health::readyz);
}
