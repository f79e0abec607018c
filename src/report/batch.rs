//! The lines of a batch (`POST /v1/checks/batch`, `nianbao check --format ndjson`): one per
//! report as it is done, then a summary. Both front ends write these same types.

use serde::Serialize;
use utoipa::ToSchema;

use super::CheckReport;
use super::problem::ProblemBody;

/// One line of a batch: a report's check, a report that could not be read, or the summary.
#[derive(Debug, Serialize, ToSchema)]
#[serde(untagged)]
pub enum BatchLine {
    #[schema(title = "BatchReportLine")]
    Checked {
        /// The file's name in the form or the directory, or its path in a zip of reports.
        file: String,
        report: Box<CheckReport>,
    },
    #[schema(title = "BatchErrorLine")]
    Failed { file: String, error: ProblemBody },
    #[schema(title = "BatchSummaryLine")]
    Summary { summary: BatchSummary },
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct BatchSummary {
    pub files: usize,
    pub compliant: usize,
    pub not_compliant: usize,
    /// Files that could not be read.
    pub failed: usize,
}

impl BatchLine {
    /// The line of one file: its report, or the problem that stopped it.
    pub fn of(file: String, outcome: Result<CheckReport, ProblemBody>) -> Self {
        match outcome {
            Ok(report) => BatchLine::Checked {
                file,
                report: Box::new(report),
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

impl BatchSummary {
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
