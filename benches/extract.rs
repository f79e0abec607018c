//! Extraction per format, and extraction plus check, on documents made from the corpus.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::Engine;
use nianbao::{CheckOptions, Input};
use nianbao::{Limits, extract};

const DOCUMENTS: [&str; 8] = [
    "xixing-2024.typed.docx",
    "xixing-2024.styled.docx",
    "baishijiang-2024.autonum.docx",
    "xixing-2024.pdf",
    "xixing-2024.html",
    "wuxing-2024.ofd",
    "zhuangshi-2023.gb18030.txt",
    "xixing-2024.utf16.txt",
];

fn read(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/documents/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(path).expect("document fixture")
}

fn extraction(c: &mut Criterion) {
    let limits = Limits::default();
    let mut group = c.benchmark_group("extract");
    for name in DOCUMENTS {
        let bytes = read(name);
        group.bench_function(name, |b| {
            b.iter(|| extract(black_box(&bytes), None, &limits))
        });
    }
    group.finish();
}

fn extraction_and_check(c: &mut Criterion) {
    let engine = Engine::default();
    let options = CheckOptions::default();
    let mut group = c.benchmark_group("extract+check");
    for name in ["xixing-2024.typed.docx", "xixing-2024.pdf"] {
        let bytes = read(name);
        group.bench_function(name, |b| {
            b.iter(|| {
                let input = Input::bytes(black_box(&bytes).clone());
                engine.check_input(input, &options).expect("readable")
            })
        });
    }
    group.finish();
}

/// What reading a PDF or an HTML page in a child process costs, beside reading it here.
fn isolation(c: &mut Criterion) {
    let in_process = Limits::default();
    let isolated = Limits {
        worker: Some(env!("CARGO_BIN_EXE_nianbao").into()),
        ..Limits::default()
    };
    let mut group = c.benchmark_group("isolation");
    for name in ["xixing-2024.pdf", "xixing-2024.html"] {
        let bytes = read(name);
        for (how, limits) in [("in process", &in_process), ("worker", &isolated)] {
            group.bench_function(format!("{name} {how}"), |b| {
                b.iter(|| extract(black_box(&bytes), None, limits).expect("readable"))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, extraction, extraction_and_check, isolation);
criterion_main!(benches);
