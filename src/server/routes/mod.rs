//! HTTP routes, registered through utoipa-actix-web so the OpenAPI document lists each one.

pub mod batch;
pub mod body;
pub mod checks;
pub mod fallback;
pub mod health;
pub mod page;
pub mod rules;

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use utoipa_actix_web::service_config::ServiceConfig;

use crate::engine::Engine;
use crate::lang::Lang;
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
    pub metrics: Arc<Metrics>,
}

impl AppState {
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
