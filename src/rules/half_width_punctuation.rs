//! Rule `half-width-punctuation`; its documentation is `half_width_punctuation.md`.

use super::{Analysis, Findings, Rule};
use crate::document::TextRange;

pub struct HalfWidthPunctuation;

/// ASCII punctuation and the full-width form a Chinese sentence takes.
const FULL_WIDTH: [(char, char); 6] = [
    (',', '，'),
    (';', '；'),
    (':', '：'),
    ('?', '？'),
    ('!', '！'),
    ('(', '（'),
];

impl Rule for HalfWidthPunctuation {
    const ABOUT_REPORT: bool = false;
    const FIXES: bool = true;

    fn check(analysis: &Analysis, out: &mut Findings) {
        let document = analysis.document;
        for line in document.lines() {
            // The normalised copy folds width, so the marks are read from the submitted text;
            // both have the same characters at the same places.
            let original = document.original_text(line.range());
            // Most lines have no ASCII mark at all: one pass over their bytes says so.
            if !original
                .bytes()
                .any(|b| matches!(b, b',' | b';' | b':' | b'?' | b'!' | b'(' | b')'))
            {
                continue;
            }
            let original: Vec<char> = original.chars().collect();
            let places: Vec<usize> = document
                .text(line.range())
                .char_indices()
                .map(|(i, _)| line.range().start() + i)
                .collect();
            for (i, c) in original.iter().enumerate() {
                let full = match *c {
                    ')' => '）',
                    c => match FULL_WIDTH.iter().find(|(half, _)| *half == c) {
                        Some((_, full)) => *full,
                        None => continue,
                    },
                };
                let before = original[..i].iter().rev().find(|c| **c != ' ');
                let after = original[i + 1..].iter().find(|c| **c != ' ');
                if !before.is_some_and(|c| is_chinese(*c)) && !after.is_some_and(|c| is_chinese(*c))
                {
                    continue;
                }
                if out.is_full() {
                    out.count();
                    continue;
                }
                let start = places[i];
                let message = analysis.lang().pick(
                    format!("中文句子中使用了半角标点“{c}”。"),
                    format!("Half-width “{c}” inside a Chinese sentence."),
                );
                out.report(message)
                    .at(TextRange::new(start, start + c.len_utf8()))
                    .replace_with(full.to_string())
                    .push();
            }
        }
    }
}

fn is_chinese(c: char) -> bool {
    crate::text::is_han(c) || matches!(c, '“' | '”' | '、' | '。')
}

#[cfg(test)]
rule_cases!(
    HalfWidthPunctuation,
    flags: report_with("深化“放管服”改革，公布", "深化“放管服”改革,公布") => 1,
    silent: report_with("达到98.6%", "达到98.6%"),
);
