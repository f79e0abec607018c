//! The engine alone on each corpus report: normalisation, outline, parts and rules.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::Engine;
use nianbao::{CheckOptions, Input};

const CORPUS: [&str; 5] = [
    "baishijiang-2024.txt",
    "binjiang-2024-traditional.txt",
    "wuxing-2024.txt",
    "xixing-2024.txt",
    "zhuangshi-2023.txt",
];

fn check_corpus(c: &mut Criterion) {
    let engine = Engine::default();
    let options = CheckOptions::default();
    let mut group = c.benchmark_group("check");
    for name in CORPUS {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).expect("corpus fixture");
        group.bench_function(name, |b| {
            b.iter(|| engine.check_input(Input::Text(black_box(&text).to_owned()), &options))
        });
    }
    let long = xixing_of(15_000);
    group.bench_function("15,000 characters (xixing, measures repeated)", |b| {
        b.iter(|| engine.check_input(Input::Text(black_box(&long).to_owned()), &options))
    });
    group.finish();
    // The same report doubled four times: each time should take twice as long, no more.
    let mut group = c.benchmark_group("doubling");
    for chars in [10_000, 20_000, 40_000, 80_000, 160_000] {
        let report = xixing_of(chars);
        group.bench_function(format!("{chars} characters"), |b| {
            b.iter(|| engine.check_input(Input::Text(black_box(&report).to_owned()), &options))
        });
    }
    group.finish();
}

/// A report of about `chars` characters (the yardstick is 15,000): the corpus's longest
/// (xixing, 6,500 characters) with its measures part's body repeated, so the structure stays a
/// real report's.
fn xixing_of(chars: usize) -> String {
    let path = format!(
        "{}/tests/fixtures/xixing-2024.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).expect("corpus fixture");
    let lines: Vec<&str> = text.lines().collect();
    let second_part = lines
        .iter()
        .position(|l| l.starts_with("二、"))
        .expect("xixing has a second part");
    let measures = &lines[3..second_part];
    // The report is the text with its measures body replaced by `body`, grown a line at a time.
    let rest: usize = text.chars().count()
        - measures
            .iter()
            .map(|l| l.chars().count() + 1)
            .sum::<usize>();
    let mut body = String::new();
    for line in measures.iter().cycle() {
        if rest + body.chars().count() >= chars {
            break;
        }
        if !body.is_empty() {
            body.push('\n');
        }
        body.push_str(line);
    }
    let report = [lines[..3].join("\n"), body, lines[second_part..].join("\n")].join("\n");
    assert!((chars..chars + 500).contains(&report.chars().count()));
    report
}

/// Shapes that once took time quadratic in their size: many headings, a long metadata block,
/// many citations on one line. Each should stay linear.
fn large_inputs(c: &mut Criterion) {
    let engine = Engine::default();
    let options = CheckOptions::default();
    let inputs = [
        ("20k headings", "一、存在的问题\n".repeat(20_000)),
        (
            "20k metadata lines",
            "索引号: | 1 |\n".repeat(20_000) + "正文。",
        ),
        ("20k citations", "《通知》2024年".repeat(20_000)),
    ];
    let mut group = c.benchmark_group("large");
    group.sample_size(10);
    for (name, text) in &inputs {
        group.bench_function(*name, |b| {
            b.iter(|| engine.check_input(Input::Text(black_box(text).to_owned()), &options))
        });
    }
    group.finish();
}

fn start_up(c: &mut Criterion) {
    c.bench_function("engine start-up (rule set + script tables)", |b| {
        b.iter(Engine::default)
    });
    // Loaded once per process (the engine above reuses it), so timed on its own.
    let mut group = c.benchmark_group("once per process");
    group.sample_size(10);
    group.bench_function("segmenter dictionary", |b| b.iter(jieba_rs::Jieba::new));
    group.finish();
}

criterion_group!(benches, check_corpus, large_inputs, start_up);
criterion_main!(benches);
