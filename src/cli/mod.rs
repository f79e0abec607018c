//! The command line: `serve` (the default), `check`, `openapi`, `rules`.

mod check;
mod text;

use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand, ValueEnum};

use crate::extract::Limits;
use crate::lang::Lang;
use crate::rules::{Profile, RuleInfo};
use crate::server::configuration::Settings;
use crate::server::startup::{Application, STOPPED_AT_ONCE, StopSignals};
use crate::server::{openapi, telemetry};

pub use check::CheckArgs;

/// Exit status when input or usage is wrong.
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "nianbao",
    version,
    about = "Checks rule-of-law government annual reports (法治政府建设年度报告) against the content the rules require.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: Settings,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the HTTP service (what `nianbao` alone does).
    Serve(Settings),
    /// Check report files (`-` for standard input). Exit 0 when every report is compliant, 1 when
    /// any is not, 2 when input or usage is wrong.
    Check(CheckArgs),
    /// Print the text nianbao reads from a document (what spans in a check report refer to).
    Extract {
        /// A .docx, PDF, HTML, OFD or text file; `-` reads standard input.
        #[arg(value_name = "FILE")]
        file: std::path::PathBuf,
    },
    /// Print the OpenAPI document (the committed openapi/openapi.json).
    Openapi,
    /// List the rules with their documentation.
    Rules(RulesArgs),
    /// Read one document from standard input as the service's isolated reader does (internal).
    #[command(name = "extract-worker", hide = true)]
    ExtractWorker,
}

#[derive(Debug, Clone, Copy, Default, ValueEnum)]
enum Format {
    #[default]
    Text,
    Json,
    /// One JSON line per report, then a summary line (as `POST /v1/checks/batch` streams).
    Ndjson,
    /// `rules` only: the table of README.md, in both languages.
    Markdown,
}

#[derive(Debug, clap::Args)]
struct RulesArgs {
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Language of the documentation.
    #[arg(long, value_enum, default_value_t)]
    lang: LangArg,
}

#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum LangArg {
    #[default]
    Zh,
    En,
}

impl From<LangArg> for Lang {
    fn from(lang: LangArg) -> Self {
        match lang {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

/// The limits the binary reads documents under: PDF and HTML in child processes of this very
/// executable, so a parser we do not own cannot take the service or a directory run down.
pub fn limits() -> Limits {
    Limits {
        worker: std::env::current_exe().ok(),
        ..Limits::default()
    }
}

pub fn run(cli: Cli) -> ExitCode {
    crate::server::telemetry::install_panic_hook();
    match cli.command {
        Some(Command::ExtractWorker) => {
            ignore_interrupts();
            crate::extract::isolated::serve_job()
        }
        None => serve(cli.serve),
        Some(Command::Serve(settings)) => serve(settings),
        Some(Command::Check(args)) => {
            stop_converters_on_signals();
            check::run(args)
        }
        Some(Command::Extract { file }) => {
            stop_converters_on_signals();
            match check::read_document(&file, &limits()) {
                Ok(extracted) => {
                    print!("{}", extracted.text);
                    ExitCode::SUCCESS
                }
                Err(message) => {
                    eprintln!("nianbao: {message}");
                    ExitCode::from(EXIT_USAGE)
                }
            }
        }
        Some(Command::Openapi) => {
            print!("{}", openapi::document_json());
            ExitCode::SUCCESS
        }
        Some(Command::Rules(args)) => {
            print_rules(&args);
            ExitCode::SUCCESS
        }
    }
}

fn serve(settings: Settings) -> ExitCode {
    telemetry::init();
    crate::server::allocator::configure();
    let engine = match settings.ruleset.engine(limits()) {
        Ok(engine) => Arc::new(engine),
        Err(error) => {
            eprintln!("nianbao: {error}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let rules = &engine.rules().data;
    tracing::info!(ruleset = %rules.id, version = %rules.version, "rule set loaded");
    let result = actix_web::rt::System::new().block_on(async {
        let application = Application::build(&settings, engine)?;
        application.stop_on_signals()?;
        tracing::info!(addr = %settings.addr, port = application.port(), "listening");
        application.run_until_stopped().await
    });
    // Checks still converting when the shutdown's time ran out.
    crate::extract::stop_converters();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("nianbao: cannot serve on {}: {error}", settings.addr);
            ExitCode::FAILURE
        }
    }
}

/// A reader's worker is ended by its parent (at the time budget, or when nobody waits): a
/// terminal's Ctrl-C, which reaches the whole process group, must not end a reading the service
/// is finishing.
fn ignore_interrupts() {
    // SAFETY: sets a disposition, before any thread of the worker starts.
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_IGN);
    }
}

/// Ctrl-C or SIGTERM while `check` or `extract` reads a .doc: LibreOffice runs in a process
/// group of its own, which the terminal's Ctrl-C does not reach, so it is ended before exiting.
fn stop_converters_on_signals() {
    std::thread::spawn(|| {
        let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .build()
        else {
            return;
        };
        runtime.block_on(async {
            let Ok(mut signals) = StopSignals::new() else {
                return;
            };
            signals.next().await;
            crate::extract::stop_converters();
            std::process::exit(STOPPED_AT_ONCE);
        });
    });
}

fn print_rules(args: &RulesArgs) {
    let lang = Lang::from(args.lang);
    let list = RuleInfo::all(lang);
    match args.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&list).expect("rule documentation serialises")
        ),
        Format::Ndjson => {
            for rule in &list {
                println!(
                    "{}",
                    serde_json::to_string(rule).expect("rule documentation serialises")
                );
            }
        }
        Format::Markdown => print!("{}", rules_table()),
        Format::Text => {
            for rule in list {
                let severity = text::severity_label(rule.default_severity, lang);
                let enabled = match rule.profiles.as_slice() {
                    [] => lang.pick(" (默认关闭)", " (off by default)"),
                    [Profile::Strict] => lang.pick(" (仅 strict)", " (strict only)"),
                    _ => "",
                };
                println!("{}  [{severity}]{enabled}  {}", rule.id, rule.title);
                println!("    {}\n", rule.description);
            }
        }
    }
}

/// Every rule as a row of README.md's table: id, severity, the profiles that run it, and its
/// title in Chinese and in English.
fn rules_table() -> String {
    let mut table = String::from(
        "| rule | severity | runs in | 检查什么 | what it checks |\n|---|---|---|---|---|\n",
    );
    let english = RuleInfo::all(Lang::En);
    for (zh, en) in RuleInfo::all(Lang::Zh).iter().zip(&english) {
        let profiles = match zh.profiles.as_slice() {
            [] => "when enabled".to_owned(),
            list => list.iter().map(wire_name).collect::<Vec<_>>().join(", "),
        };
        let cell = |text: &str| text.replace('|', "\\|");
        table.push_str(&format!(
            "| `{}` | {} | {profiles} | {} | {} |\n",
            zh.id,
            wire_name(&zh.default_severity),
            cell(&zh.title),
            cell(&en.title),
        ));
    }
    table
}

/// A value as the API spells it ("error", "strict").
fn wire_name(value: &impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
