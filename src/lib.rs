//! nianbao (年报): checks Chinese rule-of-law government annual reports (法治政府建设年度报告)
//! against the content the rules require.
//!
//! The data flows one way: text → [`document`] → [`outline`] → [`parts`] → [`rules`] →
//! [`report::CheckReport`], driven by [`engine::Engine`] and served by [`startup`] and [`cli`].

pub mod analysis;
pub mod auth;
pub mod cli;
pub mod configuration;
pub mod coverage;
pub mod dates;
pub mod document;
pub mod engine;
pub mod extract;
pub mod figures;
pub mod issuer;
pub mod lang;
pub mod metrics;
pub mod openapi;
pub mod outline;
pub mod parts;
pub mod problem;
pub mod report;
pub mod request_id;
pub mod routes;
pub mod rules;
pub mod ruleset;
pub mod segment;
pub mod sentences;
pub mod startup;
pub mod telemetry;
pub mod year;
