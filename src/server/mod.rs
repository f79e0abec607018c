//! The HTTP front end: start-up, settings, shared state, routes, problems, access control,
//! request ids, metrics, telemetry and the OpenAPI document.

pub mod allocator;
pub mod auth;
pub mod budget;
pub mod caching;
pub mod compression;
pub mod configuration;
pub mod connection;
pub mod expect;
pub mod metrics;
pub mod openapi;
pub mod problem;
pub mod request_id;
pub mod routes;
pub mod startup;
pub mod telemetry;

pub use configuration::{RuleSetSource, Settings};
pub use openapi::document_json as openapi_json;
pub use startup::Application;
