//! The lines of a batch (`POST /v1/checks/batch`, `nianbao check --format ndjson`): one per
//! report as it is done, then a summary. Both front ends write these same types.

use serde::Serialize;
use utoipa::ToSchema;

use super::CheckReport;
use super::problem::ProblemBody;
pub use crate::comparison::collection::{Collection, Similar, Years};
pub use crate::comparison::roster::{Roster, Unexpected};

/// One line of a batch: a report's check, a report that could not be read, or the summary.
#[derive(Debug, Serialize, ToSchema)]
#[serde(untagged)]
pub enum BatchLine {
    #[schema(title = "BatchReportLine")]
    Checked {
        /// The file's name in the form or the directory, or its path in a zip of reports.
        file: String,
        report: Box<CheckReport>,
        /// Files of other units checked before it in this batch that share much of its text
        /// (the summary's `similar` has every pair); absent when there are none.
        #[serde(skip_serializing_if = "Vec::is_empty", default)]
        similar_to: Vec<String>,
    },
    #[schema(title = "BatchErrorLine")]
    Failed { file: String, error: ProblemBody },
    #[schema(title = "BatchSummaryLine")]
    Summary { summary: BatchSummary },
}

#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct BatchSummary {
    pub files: usize,
    pub compliant: usize,
    pub not_compliant: usize,
    /// Files that could not be read.
    pub failed: usize,
    /// Pairs of reports of different units that share much of their own text (quotations,
    /// set phrases, figures and each unit's name aside), most alike first; at most 1,000.
    pub similar: Vec<Similar>,
    /// With a roster: the units on it with no report read for them, as the roster names them.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = json!(["石门乡人民政府", "龙潭镇人民政府"]))]
    pub not_received: Option<Vec<String>>,
    /// With a roster: the reports of units not on it (or whose issuer could not be read).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = json!([{"file": "清水镇.docx", "issuer": "清水镇人民政府"}]))]
    pub unexpected: Option<Vec<Unexpected>>,
    /// With a roster: each unit on it and the file received from it, for the spreadsheet.
    #[serde(skip)]
    pub roster: Option<Vec<(String, Option<String>)>>,
}

impl BatchLine {
    /// The line of one file: its report, or the problem that stopped it.
    pub fn of(file: String, outcome: Result<CheckReport, ProblemBody>) -> Self {
        match outcome {
            Ok(report) => BatchLine::Checked {
                file,
                report: Box::new(report),
                similar_to: Vec::new(),
            },
            Err(error) => BatchLine::Failed { file, error },
        }
    }

    /// The line as NDJSON, with its line break.
    pub fn to_ndjson(&self) -> String {
        let mut line = serde_json::to_string(self).expect("a batch line serialises");
        line.push('\n');
        line
    }
}

impl BatchLine {
    /// The same line, with the report's trace added to the collection and the files it
    /// resembles named.
    pub fn collected(mut self, collection: &mut Collection) -> Self {
        if let BatchLine::Checked {
            file,
            report,
            similar_to,
        } = &mut self
        {
            *similar_to = collection.add(file.clone(), std::mem::take(&mut report.trace));
        }
        self
    }
}

impl BatchSummary {
    /// Adds what the collection found across its reports, and the roster's gaps.
    pub fn close(&mut self, collection: Collection, roster: Option<&Roster>) {
        let (similar, check) = collection.finish(roster);
        self.similar = similar;
        if let Some(check) = check {
            self.not_received = Some(check.not_received);
            self.unexpected = Some(check.unexpected);
            self.roster = Some(check.units);
        }
    }

    /// Counts one file's line.
    pub fn count(&mut self, line: &BatchLine) {
        match line {
            BatchLine::Checked { report, .. } if report.compliant => self.compliant += 1,
            BatchLine::Checked { .. } => self.not_compliant += 1,
            BatchLine::Failed { .. } => self.failed += 1,
            BatchLine::Summary { .. } => return,
        }
        self.files += 1;
    }
}
