//! Prometheus metrics at `GET /metrics` (OpenMetrics text): requests by route and status,
//! latency by route, checks by verdict, findings by rule, missing parts by part, extraction
//! failures by format and kind, and checks in flight. Labels are ids from the code and the rule
//! set, never text from a report, so their number stays bounded.

use std::sync::atomic::AtomicU64;

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use crate::extract::ExtractError;
use crate::report::CheckReport;
use crate::rules::RuleId;
use crate::server::budget::ByteBudget;
use crate::server::routes::AppState;

type Labels = Vec<(&'static str, String)>;

pub const PATH: &str = "/metrics";
const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    requests: Family<Labels, Counter>,
    latency: Family<Labels, Histogram>,
    checks: Family<Labels, Counter>,
    findings: Family<Labels, Counter>,
    missing_parts: Family<Labels, Counter>,
    extraction_failures: Family<Labels, Counter>,
    in_flight: Gauge<i64, std::sync::atomic::AtomicI64>,
    rejected: Counter<u64, AtomicU64>,
    memory: MemoryGauges,
}

/// The memory budget as a scrape finds it.
#[derive(Debug, Default)]
struct MemoryGauges {
    total: Gauge<i64, std::sync::atomic::AtomicI64>,
    in_use: Gauge<i64, std::sync::atomic::AtomicI64>,
}

impl Metrics {
    /// The registry, counting the refusals of `memory` too.
    pub fn new(memory: &ByteBudget) -> Self {
        let mut registry = Registry::with_prefix("nianbao");
        let requests = Family::<Labels, Counter>::default();
        // 1 ms to about 16 s: a text check to a PDF at its time budget.
        let latency = Family::<Labels, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(0.001, 2.0, 15))
        });
        let checks = Family::<Labels, Counter>::default();
        let findings = Family::<Labels, Counter>::default();
        let missing_parts = Family::<Labels, Counter>::default();
        let extraction_failures = Family::<Labels, Counter>::default();
        let in_flight = Gauge::default();
        let rejected = Counter::default();
        registry.register(
            "http_requests",
            "HTTP requests by route, method and status",
            requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "Time to answer, by route",
            latency.clone(),
        );
        registry.register("checks", "Reports checked, by verdict", checks.clone());
        registry.register(
            "findings",
            "Findings reported, by rule and severity",
            findings.clone(),
        );
        registry.register(
            "missing_parts",
            "Reports missing a required part, by part",
            missing_parts.clone(),
        );
        registry.register(
            "extraction_failures",
            "Documents that could not be read, by format and kind",
            extraction_failures.clone(),
        );
        registry.register("checks_in_flight", "Checks in progress", in_flight.clone());
        registry.register(
            "checks_rejected",
            "Checks refused with 503 because too many were in flight",
            rejected.clone(),
        );
        let memory_budget = memory;
        let memory = MemoryGauges::default();
        registry.register(
            "memory_budget_bytes",
            "The memory budget of the process's work",
            memory.total.clone(),
        );
        registry.register(
            "memory_budget_in_use_bytes",
            "Bytes of the memory budget held by requests in progress",
            memory.in_use.clone(),
        );
        registry.register(
            "memory_budget_refusals",
            "Requests and batch reports refused with 503 because the memory budget had no room",
            memory_budget.refusals().clone(),
        );
        Self {
            memory,
            registry,
            requests,
            latency,
            checks,
            findings,
            missing_parts,
            extraction_failures,
            in_flight,
            rejected,
        }
    }
}

impl Metrics {
    pub fn observe_request(&self, route: &str, method: &str, status: u16, seconds: f64) {
        self.requests
            .get_or_create(&vec![
                ("route", route.to_owned()),
                ("method", method.to_owned()),
                ("status", status.to_string()),
            ])
            .inc();
        self.latency
            .get_or_create(&vec![("route", route.to_owned())])
            .observe(seconds);
    }

    pub fn observe_check(&self, report: &CheckReport) {
        let verdict = if report.compliant {
            "compliant"
        } else {
            "not_compliant"
        };
        self.checks
            .get_or_create(&vec![("verdict", verdict.to_owned())])
            .inc();
        for finding in &report.findings {
            let labels = vec![
                ("rule", finding.rule.to_string()),
                ("severity", format!("{:?}", finding.severity).to_lowercase()),
            ];
            self.findings.get_or_create(&labels).inc();
            if finding.rule == RuleId::PartMissing
                && let Some(part) = &finding.part
            {
                self.missing_parts
                    .get_or_create(&vec![("part", part.clone())])
                    .inc();
            }
        }
    }

    pub fn observe_extraction_failure(&self, error: &ExtractError) {
        let format = error.format().map_or("unknown", |f| f.name());
        self.extraction_failures
            .get_or_create(&vec![
                ("format", format.to_owned()),
                ("kind", error.kind().to_owned()),
            ])
            .inc();
    }

    pub fn observe_rejection(&self) {
        self.rejected.inc();
    }

    fn encode(&self, in_flight: i64, memory: &ByteBudget) -> String {
        self.in_flight.set(in_flight);
        let gauge = |value: u64| i64::try_from(value).unwrap_or(i64::MAX);
        self.memory.total.set(gauge(memory.total()));
        self.memory.in_use.set(gauge(memory.in_use()));
        let mut text = String::new();
        encode(&mut text, &self.registry).expect("metrics encode into a String");
        text
    }
}

/// `GET /metrics`.
pub async fn scrape(state: web::Data<AppState>) -> HttpResponse {
    let in_flight = state.max_in_flight - state.in_flight.available_permits();
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, CONTENT_TYPE))
        .body(state.metrics.encode(in_flight as i64, &state.memory))
}
