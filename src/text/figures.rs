//! Figures and counts in a text: what makes a report concrete ("开展法治讲座7场", "出庭应诉三次")
//! rather than a list of slogans.

/// What may follow a number that is not a figure: dates, document numbers, years.
const NOT_A_COUNT_AFTER: [char; 6] = ['年', '月', '日', '号', '〕', ']'];
/// What closes an item number at the start of a line: "1." "2、" "3)".
const ITEM_NUMBER_END: [char; 3] = ['.', '、', ')'];

pub fn is_chinese_numeral(ch: char) -> bool {
    matches!(
        ch,
        '一' | '二'
            | '两'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '万'
    )
}

/// Days written as month.day name observances: “12.4”国家宪法日, “3·15”.
const DAY_MARKS_AROUND: [char; 4] = ['“', '”', '"', '\''];
/// What follows a month.day that names a day rather than a quantity.
const DAY_WORDS_AFTER: [&str; 4] = ["宪法日", "国家宪法日", "日", "消费者"];

/// Whether a number such as "12.4" is a month and a day: in quotes, or followed by the day's name.
fn is_day_of_year(number: &str, previous: Option<char>, after: Option<char>) -> bool {
    let Some((month, day)) = number.split_once('.') else {
        return false;
    };
    let valid = month.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
        && day.len() <= 2
        && day.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d));
    let quoted = previous.is_some_and(|c| DAY_MARKS_AROUND.contains(&c))
        || after.is_some_and(|c| DAY_MARKS_AROUND.contains(&c));
    valid && (quoted || after.is_some_and(|c| DAY_WORDS_AFTER.iter().any(|w| w.starts_with(c))))
}

/// How many figures a text gives: numbers in digits that are not dates, years, document or item
/// numbers, and numbers in Chinese numerals followed by one of `units` (三次, 五场). One pass
/// over the characters: this runs on every paragraph of the measures.
pub fn count(text: &str, units: &[String]) -> usize {
    let mut figures = 0;
    let mut chars = text.char_indices().peekable();
    let mut previous: Option<char> = None;
    while let Some((start, ch)) = chars.next() {
        let digit = ch.is_ascii_digit();
        if !digit && !is_chinese_numeral(ch) {
            previous = Some(ch);
            continue;
        }
        let mut end = start + ch.len_utf8();
        while let Some(&(at, next)) = chars.peek() {
            let continues = if digit {
                next.is_ascii_digit()
                    || (next == '.' && text[at + 1..].starts_with(|c: char| c.is_ascii_digit()))
            } else {
                is_chinese_numeral(next)
            };
            if !continues {
                break;
            }
            end = at + next.len_utf8();
            chars.next();
        }
        let rest = &text[end..];
        let after = rest.chars().next();
        let ordinal = previous == Some('第');
        let counted = if digit && is_day_of_year(&text[start..end], previous, after) {
            // "12.4" (国家宪法日), “3.15”: a day of the year, not a figure.
            false
        } else if digit {
            let at_line_start = text[..start]
                .trim_start_matches(['(', ' '])
                .trim()
                .is_empty();
            let item_number = at_line_start && after.is_some_and(|c| ITEM_NUMBER_END.contains(&c));
            !after.is_some_and(|c| NOT_A_COUNT_AFTER.contains(&c)) && !item_number
        } else {
            units.iter().any(|unit| rest.starts_with(unit.as_str()))
        };
        if counted && !ordinal {
            figures += 1;
        }
        previous = text[..end].chars().next_back();
    }
    figures
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
        assert_eq!(figures("以“12.4”国家宪法日为契机，12.4宪法日"), 0);
        assert_eq!(figures("占比12.4%，增长3.15%"), 2);
    }

    #[test]
    fn numbers_at_either_end_and_side_by_side_are_read() {
        assert_eq!(figures("3"), 1);
        assert_eq!(figures("办结12件"), 1);
        assert_eq!(figures("受理案件45件，3.5万元"), 2);
        assert_eq!(figures("共五场、十二次"), 2);
        assert_eq!(figures("é3次"), 1);
    }
}
