//! Liveness and readiness.

use actix_web::{HttpResponse, get};
use serde::Serialize;
use utoipa::ToSchema;

/// The service's state.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"status": "ok"}))]
pub struct Health {
    pub status: String,
}

/// Liveness
///
/// 200 while the process serves requests.
#[utoipa::path(tag = "health", responses((status = 200, description = "The service is alive.", body = Health)))]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Health {
        status: "ok".into(),
    })
}

/// Readiness
///
/// 200 once the rule set is loaded and compiled, which happens before the server accepts
/// connections.
#[utoipa::path(tag = "health", responses((status = 200, description = "The service is ready to check reports.", body = Health)))]
#[get("/readyz")]
pub async fn readyz() -> HttpResponse {
    HttpResponse::Ok().json(Health {
        status: "ready".into(),
    })
}
