//! Fixed-layout text (PDF, OFD) comes as visual lines per page. This rebuilds what the author
//! wrote: page numbers and running headers dropped, lines the layout wrapped mid-sentence joined
//! into paragraphs, the spaces extractors put between Chinese and digits removed, and Kangxi
//! radicals (⾯) folded to the ideographs they stand for (面).

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use crate::document::normalize::fold_width;
use crate::text::numbering::numbering;

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[-—–‒\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–‒\s]*$",
    )
    .expect("page number pattern compiles")
});

/// Ends a paragraph when a line ends with it.
const PARAGRAPH_END: [char; 9] = ['。', '!', '?', ';', ':', '！', '？', '；', '：'];
/// A line at least this share of the usual full line is full: the layout wrapped it.
const FULL_LINE: f64 = 0.85;

pub fn paragraphs(pages: &[Vec<String>]) -> String {
    let pages: Vec<Vec<String>> = pages
        .iter()
        .map(|lines| lines.iter().map(|l| clean(l)).collect())
        .collect();
    let furniture = running_lines(&pages);
    let lines: Vec<&str> = pages
        .iter()
        .flat_map(|page| page.iter())
        .map(String::as_str)
        // Extractors put blank lines between visual lines; they say nothing about paragraphs.
        .filter(|l| !l.is_empty() && !PAGE_NUMBER.is_match(l) && !furniture.contains_key(&shape(l)))
        .collect();
    let full = usual_width(&lines) * FULL_LINE;
    let mut text = String::new();
    let mut open = false;
    for line in lines {
        if open && numbering(&fold_width(line)).is_some() {
            text.push('\n');
        } else if open
            && ascii_word_end(&text)
            && line.starts_with(|c: char| c.is_ascii_alphanumeric())
        {
            text.push(' ');
        }
        text.push_str(line);
        open = width(line) >= full && !line.ends_with(PARAGRAPH_END);
        if !open {
            text.push('\n');
        }
    }
    if open {
        text.push('\n');
    }
    text
}

fn ascii_word_end(text: &str) -> bool {
    text.ends_with(|c: char| c.is_ascii_alphanumeric())
}

/// Kangxi radicals folded, and spaces next to Chinese characters removed.
fn clean(line: &str) -> String {
    let folded: String = line
        .trim()
        .chars()
        .flat_map(|c| {
            let radical = ('\u{2E80}'..='\u{2FDF}').contains(&c);
            let folded: Vec<char> = if radical {
                c.to_string().nfkc().collect()
            } else {
                vec![c]
            };
            folded
        })
        .collect();
    let chars: Vec<char> = folded.chars().collect();
    let mut out = String::with_capacity(folded.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let before = out.chars().last();
            let after = chars[i + 1..].iter().find(|c| **c != ' ').copied();
            if before.is_some_and(is_cjk) || after.is_some_and(is_cjk) || before == Some(' ') {
                continue;
            }
        }
        out.push(c);
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' | '“' | '”' | '‘' | '’' | '—' | '…')
}

/// Display width: a Chinese character counts 1, anything narrower half.
fn width(line: &str) -> f64 {
    line.chars()
        .map(|c| if is_cjk(c) { 1.0 } else { 0.5 })
        .sum()
}

/// The width of a full line: the 80th percentile of line widths.
fn usual_width(lines: &[&str]) -> f64 {
    let mut widths: Vec<f64> = lines
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| width(l))
        .collect();
    if widths.is_empty() {
        return 0.0;
    }
    widths.sort_by(|a, b| a.total_cmp(b));
    widths[(widths.len() * 4 / 5).min(widths.len() - 1)]
}

/// A line with its digits masked, so "第1页" and "第2页" look the same.
fn shape(line: &str) -> String {
    line.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Lines that open or close at least half the pages (and two or more): running headers/footers.
fn running_lines(pages: &[Vec<String>]) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for page in pages {
        let non_empty: Vec<&String> = page.iter().filter(|l| !l.is_empty()).collect();
        let mut edges: Vec<String> = non_empty
            .first()
            .into_iter()
            .chain(non_empty.last())
            .map(|l| shape(l))
            .collect();
        edges.dedup();
        for edge in edges {
            *counts.entry(edge).or_default() += 1;
        }
    }
    let needed = (pages.len() / 2).max(2);
    counts.retain(|_, count| *count >= needed && pages.len() >= 2);
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn wrapped_lines_join_and_headings_stay_apart() {
        let pages = [page(&[
            "一、2024年推进法治政府建设的主要举措和成效",
            "西兴街道深入学习贯彻习近平法治思想，坚持把习近平法治思想作为",
            "理论学习中心组学习的重要内容。",
            "(一)党建引领",
        ])];
        assert_eq!(
            paragraphs(&pages),
            "一、2024年推进法治政府建设的主要举措和成效\n西兴街道深入学习贯彻习近平法治思想，坚持把习近平法治思想作为理论学习中心组学习的重要内容。\n(一)党建引领\n"
        );
    }

    #[test]
    fn page_numbers_and_running_footers_are_dropped() {
        let pages = [
            page(&["正文第一页的内容。", "- 1 -", "某街道办事处"]),
            page(&["正文第二页的内容。", "- 2 -", "某街道办事处"]),
        ];
        assert_eq!(
            paragraphs(&pages),
            "正文第一页的内容。\n正文第二页的内容。\n"
        );
    }

    #[test]
    fn spaces_around_chinese_and_kangxi_radicals_are_repaired() {
        assert_eq!(clean("街道 2024 年度全⾯推进"), "街道2024年度全面推进");
        assert_eq!(clean("Rule of law  2024"), "Rule of law 2024");
    }
}
