//! Figures and counts in a text: what makes a report concrete ("开展法治讲座7场", "出庭应诉三次")
//! rather than a list of slogans.

use std::sync::LazyLock;

use regex::Regex;

static DIGITS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d+(?:\.\d+)?").expect("pattern compiles"));
static CHINESE_NUMERAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[一二两三四五六七八九十百千万]+").expect("pattern compiles"));

/// What may follow a number that is not a figure: dates, document numbers, years.
const NOT_A_COUNT_AFTER: [char; 6] = ['年', '月', '日', '号', '〕', ']'];
/// What closes an item number at the start of a line: "1." "2、" "3)".
const ITEM_NUMBER_END: [char; 3] = ['.', '、', ')'];

/// How many figures a text gives: numbers in digits that are not dates, years, document or item
/// numbers, and numbers in Chinese numerals followed by one of `units` (三次, 五场).
pub fn count(text: &str, units: &[String]) -> usize {
    let digits = DIGITS
        .find_iter(text)
        .filter(|m| {
            let next = text[m.end()..].chars().next();
            let before = text[..m.start()].trim_start_matches(['(', ' ']);
            let is_item_number =
                before.trim().is_empty() && next.is_some_and(|c| ITEM_NUMBER_END.contains(&c));
            !next.is_some_and(|c| NOT_A_COUNT_AFTER.contains(&c))
                && !text[..m.start()].ends_with('第')
                && !is_item_number
        })
        .count();
    let chinese = CHINESE_NUMERAL
        .find_iter(text)
        .filter(|m| {
            let rest = &text[m.end()..];
            !text[..m.start()].ends_with('第') && units.iter().any(|u| rest.starts_with(u.as_str()))
        })
        .count();
    digits + chinese
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(text: &str) -> usize {
        let units: Vec<String> = ["次", "场", "件"].map(String::from).to_vec();
        count(text, &units)
    }

    #[test]
    fn counts_figures_not_dates_or_numbering() {
        assert_eq!(figures("开展法治讲座7场，受众1200余人次，办结率98.5%"), 3);
        assert_eq!(figures("主任出庭应诉三次，召开专题会议两次"), 2);
        assert_eq!(figures("2024年3月13日印发厅字〔2019〕28号"), 0);
        assert_eq!(figures("1. 严格依法履职"), 0);
        assert_eq!(figures("第3次会议，第一次"), 0);
        assert_eq!(figures("坚持以习近平法治思想为指导"), 0);
    }
}
