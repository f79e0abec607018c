//! The roster of the units expected to report: one a line, text or CSV (its first column).
//! Names are matched as issuers are (石桥镇人民政府, 青禾县石桥镇, 石桥镇 are one unit) through
//! maps of each name's endings, so a roster of 100,000 lines against 1,000 reports stays linear.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use utoipa::ToSchema;

use super::issuer;

/// Lines of a roster read at most.
pub const MAX_LINES: usize = 100_000;
/// Characters of one name kept at most.
const MAX_NAME_CHARS: usize = 60;
/// A first line with one of these is the CSV's header.
const HEADERS: [&str; 7] = [
    "单位",
    "单位名称",
    "名称",
    "报告单位",
    "name",
    "unit",
    "issuer",
];

#[derive(Debug, Clone, Default)]
pub struct Roster {
    names: Vec<String>,
}

/// The roster against the reports received.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RosterCheck {
    /// Units on the roster with no report read for them, as the roster names them.
    #[schema(example = json!(["枣林乡人民政府"]))]
    pub not_received: Vec<String>,
    /// Reports from units not on the roster (or whose issuer could not be read).
    pub unexpected: Vec<Unexpected>,
    /// Each unit of the roster in its order, and the file received from it, if any.
    #[serde(skip)]
    pub units: Vec<(String, Option<String>)>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Unexpected {
    pub file: String,
    /// The issuer as read; null when none was.
    pub issuer: Option<String>,
}

impl Roster {
    pub fn parse(text: &str) -> Self {
        let mut names = Vec::new();
        let mut seen = HashSet::new();
        for (number, line) in text.lines().take(MAX_LINES).enumerate() {
            let first = line
                .split([',', '，', '\t', ';', '；'])
                .next()
                .unwrap_or("")
                .trim_matches(|c: char| c.is_whitespace() || c == '"' || c == '\u{feff}');
            let name: String = first.chars().take(MAX_NAME_CHARS).collect();
            if name.is_empty() || (number == 0 && HEADERS.contains(&name.to_lowercase().as_str())) {
                continue;
            }
            if seen.insert(name.clone()) {
                names.push(name);
            }
        }
        Self { names }
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    pub(super) fn check<'a>(
        &self,
        reports: impl Iterator<Item = (&'a str, Option<&'a str>)>,
    ) -> RosterCheck {
        let mut by_core: HashMap<String, Vec<usize>> = HashMap::new();
        for (at, name) in self.names.iter().enumerate() {
            by_core.entry(issuer::core(name)).or_default().push(at);
        }
        let mut received: Vec<Option<String>> = vec![None; self.names.len()];
        let mut unexpected = Vec::new();
        let reports: Vec<(&str, Option<&str>)> = reports.collect();
        let mut report_cores: HashMap<String, Vec<usize>> = HashMap::new();
        for (at, (_, issuer)) in reports.iter().enumerate() {
            if let Some(issuer) = issuer {
                report_cores
                    .entry(issuer::core(issuer))
                    .or_default()
                    .push(at);
            }
        }
        let mut matched = vec![false; reports.len()];
        // A report's name ending in a roster's name (青禾县石桥镇 / 石桥镇), or the other way.
        for (core, ats) in &report_cores {
            for ending in endings(core) {
                for &unit in by_core.get(ending).into_iter().flatten() {
                    for &at in ats {
                        matched[at] = true;
                        received[unit].get_or_insert_with(|| reports[at].0.to_owned());
                    }
                }
            }
        }
        for (core, units) in &by_core {
            for ending in endings(core) {
                for &at in report_cores.get(ending).into_iter().flatten() {
                    matched[at] = true;
                    for &unit in units {
                        received[unit].get_or_insert_with(|| reports[at].0.to_owned());
                    }
                }
            }
        }
        for (at, (file, issuer)) in reports.iter().enumerate() {
            if !matched[at] {
                unexpected.push(Unexpected {
                    file: (*file).to_owned(),
                    issuer: issuer.map(str::to_owned),
                });
            }
        }
        let units: Vec<(String, Option<String>)> =
            self.names.iter().cloned().zip(received).collect();
        RosterCheck {
            not_received: units
                .iter()
                .filter(|(_, file)| file.is_none())
                .map(|(name, _)| name.clone())
                .collect(),
            unexpected,
            units,
        }
    }
}

/// A name and each of its endings that may still name a unit (not 镇 or 县 alone).
fn endings(core: &str) -> impl Iterator<Item = &str> {
    core.char_indices()
        .map(move |(at, _)| &core[at..])
        .filter(|ending| !issuer::is_bare(ending))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_roster_in_csv_against_names_as_read() {
        let roster = Roster::parse("单位名称,联系人\n石桥镇人民政府,张三\n柳溪镇,李四\n\n枣林乡\n");
        let check = roster.check(
            [
                ("a.docx", Some("青禾县石桥镇")),
                ("b.docx", Some("柳溪镇人民政府")),
                ("c.docx", Some("荷塘镇人民政府")),
                ("d.docx", None),
            ]
            .into_iter(),
        );
        assert_eq!(check.not_received, ["枣林乡"]);
        let files: Vec<&str> = check.unexpected.iter().map(|u| u.file.as_str()).collect();
        assert_eq!(files, ["c.docx", "d.docx"]);
    }
}
