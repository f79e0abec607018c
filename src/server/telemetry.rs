//! Structured logs through `tracing`: text by default, JSON lines with `NIANBAO_LOG_FORMAT=json`,
//! filtered by `NIANBAO_LOG` (or `RUST_LOG`), `info` by default. Never the report's text.

use tracing_subscriber::EnvFilter;

pub fn init() {
    let filter = std::env::var("NIANBAO_LOG")
        .ok()
        .or_else(|| std::env::var("RUST_LOG").ok())
        .and_then(|spec| EnvFilter::try_new(spec).ok())
        .unwrap_or_else(|| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let json = std::env::var("NIANBAO_LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json"));
    // A second initialisation (tests) keeps the first subscriber.
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
