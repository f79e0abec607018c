//! `nianbao check FILE...`: the same engine and check report as the HTTP API.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use serde::Serialize;

use super::{EXIT_USAGE, Format, LangArg, text};
use crate::analysis::CheckOptions;
use crate::configuration::RuleSetSource;
use crate::engine::Engine;
use crate::extract::{self, ExtractError, Extracted, Limits, extract};
use crate::report::CheckReport;
use crate::rules::{self, Profile};
use crate::ruleset::IssuerKind;

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Report files: .docx, PDF, HTML, OFD, text in UTF-8, GB18030/GBK or UTF-16 (.doc, .wps,
    /// .rtf with LibreOffice); `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// The year the reports cover (found in each text when not given).
    #[arg(long, value_parser = clap::value_parser!(i32).range(2000..=2100))]
    year: Option<i32>,
    /// The day the reports were published (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    published_on: Option<NaiveDate>,
    /// Who issues the reports; departments may have an earlier deadline.
    #[arg(long, value_enum, default_value_t = IssuerArg::Government)]
    issuer_kind: IssuerArg,
    /// Which rules run: `default` for drafters, `strict` for the collecting office.
    #[arg(long, value_enum, default_value_t = ProfileArg::Default)]
    profile: ProfileArg,
    /// Rule ids to enable, separated by commas.
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    enable: Vec<String>,
    /// Rule ids to disable, separated by commas.
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    disable: Vec<String>,
    /// Language of messages.
    #[arg(long, value_enum, default_value_t)]
    lang: LangArg,
    #[command(flatten)]
    ruleset: RuleSetSource,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum IssuerArg {
    Government,
    Department,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ProfileArg {
    Default,
    Strict,
}

/// One report of several, with the file it came from.
#[derive(Serialize)]
struct FileReport<'a> {
    file: String,
    #[serde(flatten)]
    report: &'a CheckReport,
}

pub fn run(args: CheckArgs) -> ExitCode {
    match check_all(&args) {
        Ok(reports) => {
            print(&args, &reports);
            if reports.iter().all(|(_, r)| r.compliant) {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(message) => {
            eprintln!("nianbao: {message}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn check_all(args: &CheckArgs) -> Result<Vec<(String, CheckReport)>, String> {
    for id in args.enable.iter().chain(&args.disable) {
        if rules::by_id(id).is_none() {
            return Err(format!(
                "there is no rule '{id}' (nianbao rules lists them)"
            ));
        }
    }
    if let Some(id) = args.enable.iter().find(|id| args.disable.contains(id)) {
        return Err(format!("rule '{id}' cannot be both enabled and disabled"));
    }
    let limits = Limits::default();
    let documents = args
        .files
        .iter()
        .map(|path| {
            read_document(path, &limits).map(|document| (path.display().to_string(), document))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let engine = Engine::new(args.ruleset.load().map_err(|e| e.to_string())?);
    let options = CheckOptions {
        title: None,
        year: args.year,
        published_on: args.published_on,
        issuer_kind: match args.issuer_kind {
            IssuerArg::Government => IssuerKind::Government,
            IssuerArg::Department => IssuerKind::Department,
        },
        profile: match args.profile {
            ProfileArg::Default => Profile::Default,
            ProfileArg::Strict => Profile::Strict,
        },
        enable: args.enable.clone(),
        disable: args.disable.clone(),
        lang: args.lang.into(),
    };
    Ok(documents
        .into_iter()
        .map(|(name, document)| {
            let report = engine.check_extracted(&document, &options, false);
            (name, report)
        })
        .collect())
}

/// A file's bytes, or standard input's for `-`, extracted like an upload.
pub fn read_document(path: &PathBuf, limits: &Limits) -> Result<Extracted, String> {
    let name = path.display();
    let bytes = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        bytes
    } else {
        std::fs::read(path).map_err(|e| format!("cannot read {name}: {e}"))?
    };
    let extracted = extract(&bytes, None, limits).map_err(|e| match e {
        ExtractError::NoText {
            format: extract::Format::Text,
        }
        | ExtractError::Empty => format!("{name} is empty"),
        other => format!("{name}: {other}"),
    })?;
    Ok(extracted)
}

fn print(args: &CheckArgs, reports: &[(String, CheckReport)]) {
    match args.format {
        Format::Json => {
            let json = if let [(_, report)] = reports {
                serde_json::to_string_pretty(report)
            } else {
                let list: Vec<FileReport> = reports
                    .iter()
                    .map(|(file, report)| FileReport {
                        file: file.clone(),
                        report,
                    })
                    .collect();
                serde_json::to_string_pretty(&list)
            };
            println!("{}", json.expect("a check report serialises"));
        }
        Format::Text => {
            for (file, report) in reports {
                print!("{}", text::render(file, report, args.lang.into()));
            }
        }
    }
}
