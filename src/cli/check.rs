//! `nianbao check FILE...`: the same engine and check report as the HTTP API.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::{EXIT_USAGE, Format, LangArg, text};
use crate::analysis::CheckOptions;
use crate::configuration::RuleSetSource;
use crate::engine::Engine;
use crate::extract::{self, ExtractError, Extracted, Limits, archive, extract};
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
    /// Rule ids to disable, separated by commas (wins over --enable).
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

/// What came of one file.
enum Outcome {
    Checked(Box<CheckReport>),
    /// A file found in a directory that could not be read; named files stop the run instead.
    Failed(String),
}

/// Extensions of the files taken from a directory (a zip is unpacked: a zip of reports).
const REPORT_EXTENSIONS: [&str; 10] = [
    "docx", "pdf", "ofd", "txt", "html", "htm", "doc", "wps", "rtf", "zip",
];

pub fn run(args: CheckArgs) -> ExitCode {
    match check_all(&args) {
        Ok(reports) => {
            print(&args, &reports);
            let all_compliant = reports
                .iter()
                .all(|(_, outcome)| matches!(outcome, Outcome::Checked(r) if r.compliant));
            if all_compliant {
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

fn check_all(args: &CheckArgs) -> Result<Vec<(String, Outcome)>, String> {
    for id in args.enable.iter().chain(&args.disable) {
        if rules::by_id(id).is_none() {
            return Err(format!(
                "there is no rule '{id}' (nianbao rules lists them)"
            ));
        }
    }
    let limits = Limits::default();
    let mut inputs = Vec::new();
    for path in &args.files {
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            found.sort();
            inputs.extend(found.into_iter().map(|p| (p, true)));
        } else {
            inputs.push((path.clone(), false));
        }
    }
    let mut documents: Vec<Document> = Vec::with_capacity(inputs.len());
    for (path, in_directory) in inputs {
        let name = path.display().to_string();
        let read = read_bytes(&path).and_then(|bytes| {
            if archive::is_archive_of_reports(&bytes, &limits) {
                unpack(&name, &bytes, &limits)
            } else {
                extract_named(&name, &bytes, &limits).map(|text| vec![(name.clone(), Ok(text))])
            }
        });
        match read {
            Ok(read) => documents.extend(read),
            Err(message) if in_directory => documents.push((name, Err(message))),
            Err(message) => return Err(message),
        }
    }
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
            let outcome = match document {
                Ok(document) => {
                    Outcome::Checked(Box::new(engine.check_extracted(&document, &options, false)))
                }
                Err(message) => Outcome::Failed(message),
            };
            (name, outcome)
        })
        .collect())
}

/// The report files under a directory, at any depth.
fn walk(dir: &std::path::Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, found)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| REPORT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            found.push(path);
        }
    }
    Ok(())
}

/// A file's bytes, or standard input's for `-`, extracted like an upload.
pub fn read_document(path: &PathBuf, limits: &Limits) -> Result<Extracted, String> {
    let bytes = read_bytes(path)?;
    extract_named(&path.display().to_string(), &bytes, limits)
}

fn read_bytes(path: &PathBuf) -> Result<Vec<u8>, String> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(bytes)
    } else {
        std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    }
}

fn extract_named(name: &str, bytes: &[u8], limits: &Limits) -> Result<Extracted, String> {
    extract(bytes, None, limits).map_err(|e| match e {
        ExtractError::NoText {
            format: extract::Format::Text,
        }
        | ExtractError::Empty => format!("{name} is empty"),
        other => format!("{name}: {other}"),
    })
}

/// The reports in a zip of reports, each named `archive.zip/its/path`; one that cannot be read
/// is listed with its reason, as a file in a directory is.
fn unpack(name: &str, bytes: &[u8], limits: &Limits) -> Result<Vec<Document>, String> {
    let reports = archive::list(bytes, limits).map_err(|e| format!("{name}: {e}"))?;
    Ok(reports
        .into_iter()
        .map(|report| {
            let entry = format!("{name}/{}", report.path);
            let document = archive::read(bytes, report.index, limits)
                .map_err(|e| format!("{entry}: {e}"))
                .and_then(|bytes| extract_named(&entry, &bytes, limits));
            (entry, document)
        })
        .collect())
}

/// A report's name and its text, or why it could not be read.
type Document = (String, Result<Extracted, String>);

fn print(args: &CheckArgs, reports: &[(String, Outcome)]) {
    let lang = args.lang.into();
    match args.format {
        Format::Json => {
            let json = if let [(_, Outcome::Checked(report))] = reports {
                serde_json::to_value(report)
            } else {
                // Each report with its file beside its own fields, as before directories existed.
                let flattened = reports.iter().map(|(file, outcome)| match outcome {
                    Outcome::Checked(report) => serde_json::to_value(report).map(|mut value| {
                        value["file"] = json!(file);
                        value
                    }),
                    Outcome::Failed(_) => Ok(file_line(file, outcome)),
                });
                flattened
                    .collect::<Result<Vec<Value>, _>>()
                    .map(Value::Array)
            };
            let json = json.expect("a check report serialises");
            println!(
                "{}",
                serde_json::to_string_pretty(&json).expect("JSON prints")
            );
        }
        Format::Ndjson => {
            for (file, outcome) in reports {
                println!("{}", file_line(file, outcome));
            }
            println!("{}", json!({ "summary": summary(reports) }));
        }
        Format::Text => {
            for (file, outcome) in reports {
                match outcome {
                    Outcome::Checked(report) => print!("{}", text::render(file, report, lang)),
                    Outcome::Failed(message) => {
                        println!(
                            "{file}\n  {}{message}\n",
                            lang.pick("无法读取：", "Cannot be read: ")
                        )
                    }
                }
            }
            if reports.len() > 1 {
                print!(
                    "{}",
                    text::summary_table(
                        reports.iter().map(|(file, outcome)| {
                            let report = match outcome {
                                Outcome::Checked(report) => Some(report.as_ref()),
                                Outcome::Failed(_) => None,
                            };
                            (file.as_str(), report)
                        }),
                        lang
                    )
                );
            }
        }
    }
}

/// `{"file", ...report}` or `{"file", "error"}`, as the batch endpoint writes them.
fn file_line(file: &str, outcome: &Outcome) -> Value {
    match outcome {
        Outcome::Checked(report) => json!({ "file": file, "report": report }),
        Outcome::Failed(message) => json!({ "file": file, "error": message }),
    }
}

fn summary(reports: &[(String, Outcome)]) -> Value {
    let count = |wanted: fn(&Outcome) -> bool| reports.iter().filter(|(_, o)| wanted(o)).count();
    json!({
        "files": reports.len(),
        "compliant": count(|o| matches!(o, Outcome::Checked(r) if r.compliant)),
        "not_compliant": count(|o| matches!(o, Outcome::Checked(r) if !r.compliant)),
        "failed": count(|o| matches!(o, Outcome::Failed(_))),
    })
}
