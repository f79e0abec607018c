//! The HTTP API, tested against the real server on a free port.

#[path = "../common/mod.rs"]
mod common;

mod access;
mod annotate;
mod batch;
mod checks;
mod clients;
mod comparison;
mod documents;
mod errors;
mod helpers;
mod load;
mod memory;
mod metrics;
mod openapi;
mod page;
mod profiles;
mod proofreading;
mod reviewer;
mod rules;
mod variants;
mod wire;
