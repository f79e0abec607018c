//! Reports of one collection against one another: pairs of different issuers that share much
//! of their own text (a template with the names swapped in). Each report leaves a [`Trace`],
//! its sentences' fingerprints with its own name left out, never its text; an index from
//! fingerprint to the reports that have it finds the pairs in time linear in the reports, a
//! fingerprint that many reports share (a county's campaign) being no sign of a template.

use std::collections::HashMap;

use serde::Serialize;
use utoipa::ToSchema;

use super::issuer;
use super::roster::{Roster, RosterCheck};
use crate::document::Span;

/// Pairs share at least this many sentences …
const MIN_SHARED: usize = 5;
/// … making up at least this share of the shorter report's sentences.
const MIN_SHARE: f64 = 0.3;
/// A fingerprint more reports than this have is common to the collection, not a template's.
const POSTING_CAP: usize = 100;
/// Pairs listed at most; files named in one line's `similar_to` at most.
const MAX_PAIRS: usize = 1_000;
const MAX_SIMILAR_TO: usize = 20;

/// What a collection keeps of one report.
#[derive(Debug, Clone, Default)]
pub struct Trace {
    pub issuer: Option<String>,
    pub year: Option<i32>,
    /// The fingerprints of its own sentences, each once, with where the sentence is and its
    /// opening (kept only until the report is added, for an example).
    pub(super) keys: Vec<(u64, Span, Box<str>)>,
}

/// Two reports of different issuers that share much of their text.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"files": ["柳溪镇.docx", "石桥镇.docx"], "shared_share": 0.82, "example": {"file": "石桥镇.docx", "span": {"start": 120, "end": 168, "line": 5, "column": 1}, "text": "充分发挥法律顾问作用，对政府签订的各类合同和出台的文件进行合法性审查…"}}))]
pub struct Similar {
    /// The earlier file in the batch, then the later.
    pub files: [String; 2],
    /// The share of the shorter report's own sentences (quotations, set phrases, figures and
    /// each unit's name aside) that the other has too, 0 to 1.
    pub shared_share: f64,
    /// One shared sentence, in the later file.
    pub example: Example,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Example {
    pub file: String,
    pub span: Span,
    /// The sentence's opening, as the report writes it.
    #[schema(
        example = "坚持以习近平新时代中国特色社会主义思想为指导，紧紧围绕全县法治政府建设工作部署…"
    )]
    pub text: String,
}

struct Member {
    file: String,
    issuer: Option<String>,
    sentences: usize,
    /// Reports of the same text added after it, not indexed themselves.
    twins: Vec<u32>,
    /// The reports found alike through the index, either way, with the share.
    links: Vec<(u32, f64)>,
}

/// The reports of a batch as they are checked, one by one.
#[derive(Default)]
pub struct Collection {
    members: Vec<Member>,
    index: HashMap<u64, Vec<u32>>,
    /// Reports by the digest of all their fingerprints: identical ones are paired at once.
    digests: HashMap<u64, u32>,
    similar: Vec<Similar>,
}

impl Collection {
    /// Adds a checked report; returns the files added before it that it resembles.
    pub fn add(&mut self, file: String, trace: Trace) -> Vec<String> {
        let at = self.members.len() as u32;
        let mut keys: Vec<u64> = trace.keys.iter().map(|(key, ..)| *key).collect();
        keys.sort_unstable();
        let digest = super::fingerprint::hash_keys(&keys);
        // (the earlier report, sentences shared, the example: an index into this report's keys)
        let mut found: Vec<(u32, usize, usize)> = Vec::new();
        let mut twin_of = None;
        match (keys.is_empty(), self.digests.get(&digest)) {
            (false, Some(&same)) => {
                // The same text as an earlier report: paired with it and with what it is like,
                // its sentences not indexed again (a thousand copies cost no more than one).
                twin_of = Some(same);
                found.push((same, keys.len(), 0));
                let first = &self.members[same as usize];
                for &(other, share) in &first.links {
                    let shared = (share
                        * keys.len().min(self.members[other as usize].sentences) as f64)
                        .round() as usize;
                    found.push((other, shared, 0));
                }
            }
            _ => {
                self.digests.insert(digest, at);
                let mut shared: HashMap<u32, (usize, usize)> = HashMap::new();
                for (example, (key, ..)) in trace.keys.iter().enumerate() {
                    let posting = self.index.entry(*key).or_default();
                    if posting.len() < POSTING_CAP {
                        for &other in posting.iter() {
                            shared.entry(other).or_insert((0, example)).0 += 1;
                        }
                        posting.push(at);
                    }
                }
                // A report like one is like its twins.
                let twins: Vec<(u32, usize, usize)> = shared
                    .iter()
                    .flat_map(|(&other, &(n, example))| {
                        self.members[other as usize]
                            .twins
                            .iter()
                            .map(move |&twin| (twin, n, example))
                    })
                    .collect();
                found.extend(
                    shared
                        .into_iter()
                        .map(|(other, (n, example))| (other, n, example)),
                );
                found.extend(twins);
            }
        }
        found.sort_by_key(|&(other, ..)| other);
        found.dedup_by_key(|&mut (other, ..)| other);
        let mut links = Vec::new();
        let mut similar_to = Vec::new();
        for (other, shared, example) in found {
            let before = &self.members[other as usize];
            let before_file = before.file.clone();
            let fewer = before.sentences.min(keys.len()).max(1);
            let share = shared as f64 / fewer as f64;
            // Units told apart by name: a report whose issuer cannot be read (the same report
            // sent as PDF and as HTML) is no evidence of a template.
            let other_units = match (&before.issuer, &trace.issuer) {
                (Some(a), Some(b)) => issuer::same(a, b) == Some(false),
                _ => false,
            };
            if shared < MIN_SHARED || share < MIN_SHARE || !other_units {
                continue;
            }
            if similar_to.len() < MAX_SIMILAR_TO {
                similar_to.push(before_file.clone());
            }
            if twin_of.is_none() && links.len() < MAX_SIMILAR_TO {
                links.push((other, share));
                self.members[other as usize].links.push((at, share));
            }
            if self.similar.len() < MAX_PAIRS {
                self.similar.push(Similar {
                    files: [before_file, file.clone()],
                    shared_share: (share.min(1.0) * 1000.0).round() / 1000.0,
                    example: Example {
                        file: file.clone(),
                        span: trace.keys[example].1,
                        text: trace.keys[example].2.to_string(),
                    },
                });
            }
        }
        if let Some(first) = twin_of {
            let twins = &mut self.members[first as usize].twins;
            if twins.len() < MAX_SIMILAR_TO {
                twins.push(at);
            }
        }
        self.members.push(Member {
            file,
            issuer: trace.issuer,
            sentences: keys.len(),
            twins: Vec::new(),
            links,
        });
        similar_to
    }

    /// The similar pairs, most alike first; and the roster's gaps, when there is a roster.
    pub fn finish(mut self, roster: Option<&Roster>) -> (Vec<Similar>, Option<RosterCheck>) {
        self.similar
            .sort_by(|a, b| b.shared_share.total_cmp(&a.shared_share));
        let check = roster.map(|roster| {
            roster.check(
                self.members
                    .iter()
                    .map(|m| (m.file.as_str(), m.issuer.as_deref())),
            )
        });
        (self.similar, check)
    }
}

/// The reports of each unit by year, so that a report is read beside its unit's report of the
/// year before: a handle to read it again (a path, a place in a zip), never its text.
pub struct Years<T> {
    reports: HashMap<(String, i32), T>,
}

impl<T> Default for Years<T> {
    fn default() -> Self {
        Self {
            reports: HashMap::new(),
        }
    }
}

impl<T: Clone> Years<T> {
    pub fn insert(&mut self, issuer: &str, year: i32, report: T) {
        for name in issuer::unit_names(issuer) {
            self.reports
                .entry((name, year))
                .or_insert_with(|| report.clone());
        }
    }

    /// The same unit's report of the year before, if the collection has one.
    pub fn before(&self, issuer: &str, year: i32) -> Option<T> {
        issuer::unit_names(issuer)
            .into_iter()
            .find_map(|name| self.reports.get(&(name, year - 1)).cloned())
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;

    fn trace(issuer: &str, keys: impl Iterator<Item = u64>) -> Trace {
        let span = Span {
            start: 0,
            end: 1,
            line: 1,
            column: 1,
        };
        Trace {
            issuer: Some(issuer.to_owned()),
            year: Some(2024),
            keys: keys.map(|key| (key, span, "".into())).collect(),
        }
    }

    #[test]
    fn a_thousand_identical_reports_each_paired_once_in_bounded_time() {
        let started = Instant::now();
        let mut collection = Collection::default();
        for n in 0..1_000 {
            collection.add(format!("{n}.docx"), trace(&format!("第{n}镇"), 0..300));
        }
        let (similar, _) = collection.finish(None);
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(similar.len(), 999);
        assert!(similar.iter().all(|pair| pair.files[0] == "0.docx"));
    }

    #[test]
    fn distinct_reports_sharing_a_countys_sentences_are_no_pair() {
        let started = Instant::now();
        let mut collection = Collection::default();
        for n in 0..1_000u64 {
            // Four sentences every report has, three hundred of its own.
            let own = (0..300).map(move |k| 10_000 + n * 1_000 + k);
            collection.add(
                format!("{n}.docx"),
                trace(&format!("第{n}镇"), (0..4).chain(own)),
            );
        }
        let roster = Roster::parse(
            &(0..100_000)
                .map(|n| format!("第{n}镇人民政府,联系人\n"))
                .collect::<String>(),
        );
        let (similar, check) = collection.finish(Some(&roster));
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
        assert!(similar.is_empty());
        let check = check.unwrap();
        assert_eq!(check.not_received.len(), 99_000);
        assert!(check.unexpected.is_empty());
    }
}
