//! The checker judged as a reviewer judges it, on realistic texts written for this test in the
//! style of published reports (portal chrome, cover letters, split and glued headings,
//! first-responsible content inside part one, documents of other genres, Traditional script).
//! `tests/fixtures/realistic/expected.json` holds, for each text, what a careful reviewer says:
//! the report year, the title, where the first-responsible content is, and every finding by
//! rule. Near misses (安全生产第一责任人, 北城街街道, a 2018 report citing the 2015 Outline, …)
//! sit beside the cases they must not be confused with.
//!
//! `cargo test --test realistic -- --nocapture` prints the precision of each rule on the set.

use std::collections::BTreeMap;
use std::path::Path;

use nianbao::{CheckOptions, Engine, Input};
use serde_json::Value;

fn expectations() -> BTreeMap<String, Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/realistic/expected.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn check(engine: &Engine, name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/realistic")
        .join(name);
    let text = std::fs::read_to_string(path).unwrap();
    let report = engine
        .check_input(Input::Text(text), &CheckOptions::default())
        .unwrap();
    serde_json::to_value(report).unwrap()
}

fn rules_found(report: &Value) -> Vec<String> {
    let mut rules: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_owned())
        .collect();
    rules.sort();
    rules
}

/// For each rule: findings the reviewer expects that were found (right), and found ones the
/// reviewer does not expect (wrong).
#[derive(Default)]
struct Tally {
    right: usize,
    wrong: usize,
    missed: usize,
}

#[test]
fn every_realistic_text_gets_what_a_reviewer_says() {
    let engine = Engine::default();
    let expected = expectations();
    assert!(expected.len() >= 40, "a set of at least 40 texts");
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut wrong_texts = Vec::new();
    for (name, wanted) in &expected {
        let report = check(&engine, name);
        let mut want: Vec<String> = wanted["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap().to_owned())
            .collect();
        let found = rules_found(&report);
        for rule in &found {
            let tally = tallies.entry(rule.clone()).or_default();
            match want.iter().position(|w| w == rule) {
                Some(at) => {
                    want.remove(at);
                    tally.right += 1;
                }
                None => tally.wrong += 1,
            }
        }
        for rule in want {
            tallies.entry(rule).or_default().missed += 1;
        }
        let first_responsible = report["parts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["part"] == "first_responsible")
            .map(|p| p["status"].clone());
        let same = found
            == wanted["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r.as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
            && report["report"]["year"] == wanted["year"]
            && report["report"]["title"] == wanted["title"]
            && first_responsible.as_ref() == Some(&wanted["first_responsible"]);
        if !same {
            wrong_texts.push(format!(
                "{name}: found {found:?}, year {}, title {}, first_responsible {:?}",
                report["report"]["year"], report["report"]["title"], first_responsible
            ));
        }
    }
    println!(
        "{:<32} {:>5} {:>5} {:>6}",
        "rule", "right", "wrong", "missed"
    );
    for (rule, tally) in &tallies {
        println!(
            "{rule:<32} {:>5} {:>5} {:>6}",
            tally.right, tally.wrong, tally.missed
        );
    }
    assert!(wrong_texts.is_empty(), "{}", wrong_texts.join("\n"));
}
