//! `nianbao check FILE...`: the same engine and check report as the HTTP API.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::{EXIT_USAGE, LangArg, text};
use crate::engine::{Input, NamedInput};
use crate::export::Fixed;
use crate::extract::{self, Cancel, ExtractError, Extracted, Limits};
use crate::facts::year::YEARS;
use crate::report::CheckReport;
use crate::report::batch::{BatchLine, BatchSummary, Collection, Roster, Years};
use crate::report::problem::ProblemBody;
use crate::rules::{OptionValues, Profile};
use crate::ruleset::IssuerKind;
use crate::server::configuration::RuleSetSource;

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Report files: .docx, PDF, HTML, OFD, text in UTF-8, GB18030/GBK or UTF-16 (.doc, .wps,
    /// .rtf with LibreOffice); `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    format: CheckFormat,
    /// Where `--format xlsx` (or `csv`) writes the table.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// The year the reports cover (found in each text when not given).
    #[arg(long, value_parser = clap::value_parser!(i32).range(i64::from(*YEARS.start())..=i64::from(*YEARS.end())))]
    year: Option<i32>,
    /// The day the reports were published (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    published_on: Option<NaiveDate>,
    /// The day the reports were submitted to the level above (YYYY-MM-DD), checked against the
    /// submission deadline (departments 1 March).
    #[arg(long, value_name = "DATE")]
    submitted_on: Option<NaiveDate>,
    /// Who issues the reports; departments may have an earlier deadline (read from each
    /// report's title and sign-off when not given).
    #[arg(long, value_enum)]
    issuer_kind: Option<IssuerArg>,
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
    /// Also write the report as a Word document with a comment on each finding (the .docx as
    /// it was, or a new one of the extracted text); one report file only.
    #[arg(long, value_name = "OUT.docx")]
    annotate: Option<PathBuf>,
    /// With --annotate: each certain correction as a tracked revision beside its comment, for
    /// the drafter to accept or reject in Word or WPS.
    #[arg(long, requires = "annotate")]
    revisions: bool,
    /// Also write the report with every certain correction made (a finding's `fix`): a .docx
    /// for a .docx, the corrected text for any other format; one report file only.
    #[arg(long, value_name = "OUT", conflicts_with = "annotate")]
    fix: Option<PathBuf>,
    /// The same issuer's report of the year before, to compare one report file with: the
    /// check report then has a `comparison` (read within the same limits as the report).
    #[arg(long, value_name = "FILE", conflicts_with = "fix")]
    previous: Option<PathBuf>,
    /// The units expected to report, one a line (text or CSV, first column): the summary then
    /// lists those with no report and the reports of units not on it.
    #[arg(long, value_name = "FILE")]
    roster: Option<PathBuf>,
    #[command(flatten)]
    ruleset: RuleSetSource,
}

#[derive(Debug, Clone, Copy, Default, clap::ValueEnum)]
enum CheckFormat {
    #[default]
    Text,
    Json,
    /// One JSON line per report, then a summary line (as `POST /v1/checks/batch` streams).
    Ndjson,
    /// The collecting office's spreadsheet: a row per report, a sheet of findings (`--output`).
    Xlsx,
    /// The row per report as CSV, UTF-8 with a byte order mark so Excel reads it right.
    Csv,
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

/// Extensions of the files taken from a directory (a zip is unpacked: a zip of reports).
const REPORT_EXTENSIONS: [&str; 10] = [
    "docx", "pdf", "ofd", "txt", "html", "htm", "doc", "wps", "rtf", "zip",
];

pub fn run(args: CheckArgs) -> ExitCode {
    if matches!(args.format, CheckFormat::Xlsx) && args.output.is_none() {
        eprintln!("nianbao: --format xlsx writes a file: name it with --output FILE.xlsx");
        return ExitCode::from(EXIT_USAGE);
    }
    match check_all(&args) {
        Ok((lines, summary)) => {
            if let Err(message) = print(&args, &lines, &summary) {
                eprintln!("nianbao: {message}");
                return ExitCode::from(EXIT_USAGE);
            }
            let all_compliant = lines
                .iter()
                .all(|line| matches!(line, BatchLine::Checked { report, .. } if report.compliant));
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

impl CheckArgs {
    fn values(&self) -> OptionValues {
        OptionValues {
            year: self.year,
            published_on: self.published_on,
            submitted_on: self.submitted_on,
            issuer_kind: self.issuer_kind.map(|kind| match kind {
                IssuerArg::Government => IssuerKind::Government,
                IssuerArg::Department => IssuerKind::Department,
            }),
            profile: Some(match self.profile {
                ProfileArg::Default => Profile::Default,
                ProfileArg::Strict => Profile::Strict,
            }),
            lang: Some(self.lang.into()),
            enable: Some(self.enable.clone()),
            disable: Some(self.disable.clone()),
            ..OptionValues::default()
        }
    }
}

/// One line per report: files named on the command line that cannot be read stop the run; a
/// file found in a directory or a zip that cannot be read is a line of its own.
fn check_all(args: &CheckArgs) -> Result<(Vec<BatchLine>, BatchSummary), String> {
    let lang = args.lang.into();
    let mut options = args.values().validate(lang).map_err(|errors| {
        let messages: Vec<String> = errors.iter().map(|e| e.message(lang)).collect();
        messages.join(" ")
    })?;
    // Any file may be a zip of a collection's reports, compared with each other.
    options.traced = true;
    let engine = args
        .ruleset
        .engine(super::limits())
        .map_err(|e| e.to_string())?;
    let mut paths = Vec::new();
    for path in &args.files {
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            found.sort();
            paths.extend(found.into_iter().map(|p| (p, true)));
        } else {
            paths.push((path.clone(), false));
        }
    }
    let one_file = matches!(paths.as_slice(), [(_, false)]);
    if args.annotate.is_some() && !one_file {
        return Err("--annotate takes one report file, not a directory or several files".into());
    }
    if args.fix.is_some() && !one_file {
        return Err("--fix takes one report file, not a directory or several files".into());
    }
    if args.previous.is_some() && !one_file {
        return Err("--previous takes one report file, not a directory or several files".into());
    }
    let mut previous = match &args.previous {
        Some(path) => Some(Input::bytes(read_bytes(path)?)),
        None => None,
    };
    let roster = match &args.roster {
        Some(path) => Some(read_roster(path)?),
        None => None,
    };
    let mut collection = Collection::default();
    let mut years: Years<Kept> = Years::default();
    let mut lines = Vec::with_capacity(paths.len());
    for (path, in_directory) in paths {
        let name = path.display().to_string();
        let bytes = match read_bytes(&path) {
            Ok(bytes) => bytes,
            Err(message) if in_directory => {
                let problem = ProblemBody::unopenable(&message, lang);
                lines.push(BatchLine::of(name, Err(problem)));
                continue;
            }
            Err(message) => return Err(message),
        };
        let named = NamedInput {
            name: name.clone(),
            input: Input::bytes(bytes),
        };
        let inputs = named.unpack(engine.limits());
        let unpacked = !matches!(inputs.as_slice(), [only] if only.name == name);
        if unpacked && (args.annotate.is_some() || args.fix.is_some()) {
            return Err(format!(
                "--annotate and --fix take one report, and {name} is a zip of reports"
            ));
        }
        for NamedInput { name, input } in inputs {
            let cancel = Cancel::default();
            let kept = match &input {
                Input::Archived { .. } => Kept::Archived(input.clone()),
                _ => Kept::File(path.clone()),
            };
            let checked = if let Some(out) = &args.annotate {
                match engine.check_annotated(
                    input,
                    previous.take(),
                    &options,
                    &cancel,
                    args.revisions,
                ) {
                    Ok((report, docx)) => write_file(out, &docx).map(|()| Ok(report))?,
                    Err(error) => Err(error),
                }
            } else if let Some(out) = &args.fix {
                match engine.check_fixed(input, &options, &cancel) {
                    Ok((report, Fixed::Docx(docx))) => {
                        write_file(out, &docx).map(|()| Ok(report))?
                    }
                    Ok((report, Fixed::Text(text))) => {
                        write_file(out, text.as_bytes()).map(|()| Ok(report))?
                    }
                    Err(error) => Err(error),
                }
            } else if args.previous.is_some() {
                engine.check_beside_until(input, previous.take(), &options, &cancel)
            } else {
                engine
                    .check_input(input, &options)
                    .map(|report| beside_last_year(&engine, report, kept, &mut years, &options))
            };
            let outcome = match checked {
                Ok(report) => Ok(report),
                Err(error) if in_directory || unpacked => {
                    Err(ProblemBody::unreadable(&error, lang))
                }
                Err(error) => {
                    // Either file may be the one that cannot be read: name both.
                    let name = match &args.previous {
                        Some(path) => format!("{name} (or --previous {})", path.display()),
                        None => name,
                    };
                    return Err(unreadable_message(&name, &error));
                }
            };
            lines.push(BatchLine::of(name, outcome).collected(&mut collection));
        }
    }
    let mut summary = BatchSummary::default();
    for line in &lines {
        summary.count(line);
    }
    summary.close(collection, roster.as_ref());
    Ok((lines, summary))
}

/// The roster file, read up to a bound no county's list of units comes near.
fn read_roster(path: &PathBuf) -> Result<Roster, String> {
    use std::io::Read;
    const MAX_BYTES: u64 = 8 * 1024 * 1024;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_BYTES).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(Roster::parse(&String::from_utf8_lossy(&bytes)))
}

/// A report of a run kept to be read again beside its unit's next report.
#[derive(Clone)]
enum Kept {
    File(PathBuf),
    Archived(Input),
}

impl Kept {
    fn input(self) -> Option<Input> {
        match self {
            Kept::File(path) => read_bytes(&path).ok().map(Input::bytes),
            Kept::Archived(input) => Some(input),
        }
    }
}

/// The report, checked again beside its unit's report of the year before when the run has
/// read one; remembered for the year after.
fn beside_last_year(
    engine: &crate::engine::Engine,
    report: CheckReport,
    kept: Kept,
    years: &mut Years<Kept>,
    options: &crate::rules::CheckOptions,
) -> CheckReport {
    let (Some(issuer), Some(year)) = (report.report.issuer.clone(), report.report.year) else {
        return report;
    };
    let before = years.before(&issuer, year);
    years.insert(&issuer, year, kept.clone());
    let (Some(before), Some(this)) = (before.and_then(Kept::input), kept.input()) else {
        return report;
    };
    engine
        .check_beside_until(this, Some(before), options, &Cancel::default())
        .unwrap_or(report)
}

fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
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
    let name = path.display().to_string();
    Input::bytes(bytes)
        .extract(limits, &Default::default())
        .map_err(|e| unreadable_message(&name, &e))
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

/// Why a file named on the command line cannot be checked, for standard error.
fn unreadable_message(name: &str, error: &ExtractError) -> String {
    match error {
        ExtractError::NoText {
            format: extract::Format::Text,
        }
        | ExtractError::Empty => format!("{name} is empty"),
        other => format!("{name}: {other}"),
    }
}

fn print(args: &CheckArgs, lines: &[BatchLine], summary: &BatchSummary) -> Result<(), String> {
    let lang = args.lang.into();
    match args.format {
        CheckFormat::Xlsx | CheckFormat::Csv => {
            let mut sheets = crate::export::batch_sheets(lines, lang).to_vec();
            sheets.extend(crate::export::collection_sheets(summary, lang));
            let bytes = match args.format {
                CheckFormat::Xlsx => crate::export::xlsx(&sheets),
                _ => crate::export::csv(&sheets[0]),
            };
            match &args.output {
                Some(path) => std::fs::write(path, bytes)
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?,
                None => std::io::Write::write_all(&mut std::io::stdout(), &bytes)
                    .map_err(|e| format!("cannot write the table: {e}"))?,
            };
        }
        CheckFormat::Json => {
            let json = match lines {
                [BatchLine::Checked { report, .. }] => serde_json::to_value(report),
                // Each report with its file beside its own fields, as before directories existed.
                _ => lines
                    .iter()
                    .map(|line| match line {
                        BatchLine::Checked { file, report, .. } => serde_json::to_value(report)
                            .map(|mut value| {
                                value["file"] = json!(file);
                                value
                            }),
                        other => serde_json::to_value(other),
                    })
                    .collect::<Result<Vec<Value>, _>>()
                    .map(Value::Array),
            };
            let json = json.expect("a check report serialises");
            println!(
                "{}",
                serde_json::to_string_pretty(&json).expect("JSON prints")
            );
        }
        CheckFormat::Ndjson => {
            for line in lines {
                print!("{}", line.to_ndjson());
            }
            let summary = summary.clone();
            print!("{}", BatchLine::Summary { summary }.to_ndjson());
        }
        CheckFormat::Text => {
            for line in lines {
                match line {
                    BatchLine::Checked { file, report, .. } => {
                        print!("{}", text::render(file, report, lang))
                    }
                    BatchLine::Failed { file, error } => println!(
                        "{file}\n  {}{}\n",
                        lang.pick("无法读取：", "Cannot be read: "),
                        error.detail
                    ),
                    BatchLine::Summary { .. } => {}
                }
            }
            if lines.len() > 1 {
                let rows = lines.iter().filter_map(|line| match line {
                    BatchLine::Checked { file, report, .. } => {
                        Some((file.as_str(), Some(report.as_ref())))
                    }
                    BatchLine::Failed { file, .. } => Some((file.as_str(), None)),
                    BatchLine::Summary { .. } => None,
                });
                print!("{}", text::summary_table(rows, lang));
                print!("{}", text::collection(summary, lang));
            }
        }
    }
    Ok(())
}
