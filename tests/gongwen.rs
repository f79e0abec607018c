//! The rules that read a report as a 公文 (heading numbers, template blanks, the sign-off date),
//! judged on texts written for this test in the style of published reports: each defect once,
//! beside the near misses a reviewer would not mark (anonymised names 张××, 3×4, 第×条, 二〇〇八年,
//! lists that start again at 1, a note under the date).
//! `tests/fixtures/gongwen/expected.json` holds, for each text, how many findings of each of
//! these rules a reviewer expects; a rule not named there must find nothing.
//!
//! `cargo test --test gongwen -- --nocapture` prints each rule's precision on the set.

use std::collections::BTreeMap;
use std::path::Path;

use nianbao::{CheckOptions, Engine, Input};

const RULES: [&str; 3] = ["heading-numbering", "unfilled-blank", "sign-off-date-form"];

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gongwen")
}

#[test]
fn each_text_gets_the_findings_a_reviewer_marks() {
    let expected: BTreeMap<String, BTreeMap<String, usize>> =
        serde_json::from_str(&std::fs::read_to_string(fixtures().join("expected.json")).unwrap())
            .unwrap();
    assert!(expected.len() >= 10, "a set of at least 10 texts");
    let engine = Engine::default();
    // Per rule: found and expected, found beyond what is expected, expected and not found.
    let mut tallies: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    let mut wrong = Vec::new();
    for (name, wanted) in &expected {
        let text = std::fs::read_to_string(fixtures().join(name)).unwrap();
        let report = engine
            .check_input(Input::Text(text), &CheckOptions::default())
            .unwrap();
        let report = serde_json::to_value(report).unwrap();
        for rule in RULES {
            let found = report["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["rule"] == rule)
                .count();
            let want = wanted.get(rule).copied().unwrap_or(0);
            let tally = tallies.entry(rule).or_default();
            tally[0] += found.min(want);
            tally[1] += found.saturating_sub(want);
            tally[2] += want.saturating_sub(found);
            if found != want {
                wrong.push(format!("{name}: {rule} found {found}, expected {want}"));
            }
        }
    }
    println!(
        "{:<24} {:>5} {:>5} {:>6}",
        "rule", "right", "wrong", "missed"
    );
    for (rule, [right, extra, missed]) in &tallies {
        println!("{rule:<24} {right:>5} {extra:>5} {missed:>6}");
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
