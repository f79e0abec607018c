//! Rule `unfilled-blank`; its documentation is `unfilled_blank.md`.
//!
//! What a template leaves when nobody fills it: placeholder letters and crosses, prompts in
//! brackets, a unit with no number before it. Crosses that stand for a person's name in a case
//! told (张××), a product (3×4) or an article cited as a pattern (第×条) are not blanks.

use std::sync::LazyLock;

use regex::Regex;

use super::{Analysis, Findings, Rule};

pub struct UnfilledBlank;

/// Candidates; each is then judged by its neighbours in [`is_blank`].
static CANDIDATES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        // XX, 20XX年, X月X日
        r"(?P<letters>\d{0,2}[Xx]+)(?P<letters_unit>[年月日号])?",
        // ××, ×月
        r"|(?P<crosses>[×╳]+)(?P<crosses_unit>[年月日号])?",
        r"|(?P<circles>[○〇]{2,})",
        // 【请填写单位名称】
        r"|【[^】\n]{0,40}】",
        // （此处填写……）, （请填写……）
        r"|\((?:此处|在此|请)[^)\n]{0,40}\)",
        // 资金万元, 办理件。
        r"|(?:资金|经费|金额|投入|罚款|罚没款|补助|补贴|节约|挽回)(?:万元|亿元)",
        r"|(?:纠纷|案件|事项)(?:件|起|项)(?P<noun_unit_end>[,.;、:。])",
        r"|(?:办理|受理|办结|审查|审核|审理|化解|调处|调解|排查|查处|备案|清理|出动|接待|累计|合计|共计)",
        r"(?:件|次|人次|场次|起|项|家|户|篇|批|万元|亿元)(?P<unit_end>[,.;、:。])",
        r"|TODO|TBD|待填写",
    ))
    .expect("blank patterns compile")
});

/// Prompts inside 【】: words a template speaks to its user with.
const PROMPT_WORDS: [&str; 7] = ["填写", "填入", "输入", "此处", "请", "名称", "XX"];

/// Common surnames: crosses or letters after one stand for an anonymised name (张××).
const SURNAMES: &str = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文施洪牛温安祝左";

/// What follows crosses that stand for a business named in a case told (××公司).
const ANONYMISED_BUSINESSES: [&str; 8] =
    ["公司", "企业", "集团", "厂", "店", "超市", "商行", "酒店"];

const CHINESE_DIGITS: &str = "〇○零一二三四五六七八九十";

impl Rule for UnfilledBlank {
    const ABOUT_REPORT: bool = false;

    fn check(analysis: &Analysis, out: &mut Findings) {
        let document = analysis.document;
        for (_, line) in document.indexed_lines() {
            let text = document.text(line.range());
            if text.trim().is_empty() {
                continue;
            }
            for captures in CANDIDATES.captures_iter(text) {
                let whole = captures.get(0).expect("the whole match");
                let end = captures
                    .name("unit_end")
                    .or_else(|| captures.name("noun_unit_end"))
                    .map_or(whole.end(), |m| m.start());
                if !is_blank(text, &captures, whole.start(), whole.end()) {
                    continue;
                }
                if out.is_full() {
                    out.count();
                    continue;
                }
                let range = line.range().sub(whole.start()..end);
                let written = document.original_text(range);
                let message = analysis.lang().pick(
                    format!("“{written}”疑为模板中没有填写的内容。"),
                    format!("“{written}” looks like a template blank left unfilled."),
                );
                out.report(message).at(range).push();
            }
        }
    }
}

/// Whether a candidate is a blank, judged by what stands around it.
fn is_blank(text: &str, captures: &regex::Captures, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let rest = &text[end..];
    let after_surname =
        before.is_some_and(|c| SURNAMES.contains(c)) && !text[..start].ends_with("于");
    let anonymised = after_surname || ANONYMISED_BUSINESSES.iter().any(|b| rest.starts_with(b));
    if let Some(letters) = captures.name("letters") {
        let xs = letters
            .as_str()
            .chars()
            .filter(|c| matches!(c, 'X' | 'x'))
            .count();
        let next = text[letters.end()..].chars().next();
        let in_a_word = before.is_some_and(|c| c.is_ascii_alphabetic())
            || next.is_some_and(|c| c.is_ascii_alphanumeric());
        let dated = captures.name("letters_unit").is_some();
        let long = xs >= 2;
        return !in_a_word && (dated || long) && !anonymised;
    }
    if let Some(crosses) = captures.name("crosses") {
        let between_digits =
            before.is_some_and(|c| c.is_ascii_digit()) || after.is_some_and(|c| c.is_ascii_digit());
        // 第×条: an article cited as a pattern.
        let article = before == Some('第');
        let dated = captures.name("crosses_unit").is_some();
        let long = crosses.as_str().chars().count() >= 2;
        return (dated || long) && !between_digits && !article && !anonymised;
    }
    if captures.name("circles").is_some() {
        // 二〇〇五年 is a year, 〇〇后 a generation.
        let numeral = |c: Option<char>| c.is_some_and(|c| CHINESE_DIGITS.contains(c));
        return !numeral(before) && !numeral(after) && after != Some('后') && !anonymised;
    }
    let matched = &text[start..end];
    if matched.starts_with('【') {
        return PROMPT_WORDS.iter().any(|w| matched.contains(w));
    }
    true
}

#[cfg(test)]
mod tests {
    use crate::rules::RuleId;
    use crate::rules::testing::{assert_findings, report_with};

    #[track_caller]
    fn blanks(from: &str, to: &str, count: usize) {
        assert_findings(&report_with(from, to), RuleId::UnfilledBlank, count);
    }

    #[test]
    fn template_blanks_are_flagged() {
        blanks("青山县人民政府\n", "XX县人民政府\n", 1);
        blanks("2025年3月20日", "2025年X月X日", 2);
        blanks("2025年3月20日", "20XX年3月20日", 1);
        blanks("青山县人民政府\n", "○○县人民政府\n", 1);
        blanks("青山县人民政府\n", "××县人民政府\n", 1);
        blanks("审查县政府", "【请填写审查情况】审查县政府", 1);
        blanks("审查县政府", "（此处填写审查情况）审查县政府", 1);
        blanks(
            "办理企业开办业务1450件。",
            "办理企业开办业务，累计办理件。",
            1,
        );
        blanks("行政复议案件85件", "行政复议案件85件，涉及资金亿元", 1);
        blanks("现将有关情况报告如下。", "现将有关情况报告如下。TODO", 1);
    }

    #[test]
    fn real_crosses_are_not_blanks() {
        blanks("出庭应诉2次。", "出庭应诉2次，为群众张××挽回损失。", 0);
        blanks(
            "出庭应诉2次。",
            "出庭应诉2次，当事人王某某、李××达成和解。",
            0,
        );
        blanks("评查案卷260卷", "评查案卷260卷，新建3×4米宣传栏", 0);
        blanks("审查县政府", "对照示范文本第×条的写法审查县政府", 0);
        blanks("出庭应诉2次。", "出庭应诉2次，督促××公司整改。", 0);
        blanks("2025年3月20日", "二〇二五年三月二十日", 0);
        blanks("出庭应诉2次。", "出庭应诉2次，面向〇〇后开展普法。", 0);
        blanks(
            "办理企业开办业务1450件。",
            "办理企业开办业务1450件，其中XML格式电子证照100件。",
            0,
        );
    }
}

#[cfg(test)]
rule_cases!(
    UnfilledBlank,
    flags: report_with("2025年3月20日", "2025年XX月XX日") => 2,
    silent: report_with("出庭应诉2次。", "出庭应诉2次，向群众张××说明处理结果。"),
);
