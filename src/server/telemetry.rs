//! Structured logs through `tracing`: text by default, JSON lines with `NIANBAO_LOG_FORMAT=json`,
//! filtered by `NIANBAO_LOG` (or `RUST_LOG`), `info` by default. Never the report's text.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

/// Panics are logged by where they happened, never by their message: a parser's message can
/// quote the document (`unsupported cmap Some(…)`).
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let location = info.location();
        tracing::error!(
            file = location.map(|l| l.file()),
            line = location.map(|l| l.line()),
            thread = std::thread::current().name(),
            "a panic was caught; its message is not logged, as it may quote the document"
        );
    }));
}

/// Libraries that log what they parse (html5ever logs every text token at debug): warnings
/// only, whatever the filter says for nianbao.
const QUIET_TARGETS: [&str; 6] = [
    "html5ever",
    "markup5ever",
    "hayro_interpret",
    "hayro_syntax",
    "quick_xml",
    "zip",
];

pub fn init() {
    let filter = std::env::var("NIANBAO_LOG")
        .ok()
        .or_else(|| std::env::var("RUST_LOG").ok())
        .and_then(|spec| EnvFilter::try_new(spec).ok())
        .unwrap_or_else(|| EnvFilter::new("info"));
    let filter = QUIET_TARGETS.iter().fold(filter, |filter, target| {
        filter.add_directive(format!("{target}=warn").parse().expect("a valid directive"))
    });
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        // Colour codes are for a terminal; in a file or a log collector they are noise.
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr);
    let json = std::env::var("NIANBAO_LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json"));
    // A second initialisation (tests) keeps the first subscriber.
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
