//! nianbao (年报): checks Chinese rule-of-law government annual reports (法治政府建设年度报告)
//! against the content the rules require.
//!
//! The data flows one way: [`Input`] → extract → document → outline → facts → rules →
//! [`CheckReport`], driven by [`Engine::check_input`]. The engine builds without the server
//! (`--no-default-features`); the `server` feature adds the HTTP service and the command line.

mod cancel;
mod comparison;
mod document;
mod engine;
mod export;
mod extract;
mod facts;
mod format;
mod lang;
mod outline;
mod report;
mod rules;
mod ruleset;
mod text;

#[cfg(feature = "server")]
pub mod cli;
#[cfg(feature = "server")]
pub mod server;

pub use engine::{Engine, Input, NamedInput, Region, Spool, Spooled};
pub use export::{DOCX_MEDIA_TYPE, Fixed, Sheet, XLSX_MEDIA_TYPE, batch_sheets, csv, xlsx};
pub use extract::isolated::{WORKER_ARG, serve_job as serve_extraction_job};
pub use extract::{
    Cancel, CancelOnDrop, ExtractError, Extracted, Format, Limits, Source, extract, stop_converters,
};
pub use format::FormatProfile;
pub use lang::Lang;
pub use report::batch::{BatchLine, BatchSummary, Years};
pub use report::problem::{FieldError, ProblemBody};
pub use report::{CheckReport, Finding, Severity};
pub use rules::{
    CheckOptions, OptionError, OptionField, OptionProblem, OptionValues, Profile, RuleId, RuleInfo,
};
pub use ruleset::{DEFAULT_RULESET_JSON, IssuerKind, LoadError, RuleSet, Violation};
