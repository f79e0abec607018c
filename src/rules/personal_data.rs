//! Rule `personal-data`; its documentation is `personal_data.md`.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::{Analysis, Findings, Rule};

pub struct PersonalData;

/// Eighteen characters, not part of a longer run of digits or letters.
static ID_CARD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9A-Za-z])(\d{17}[\dXx])(?:[^0-9A-Za-z]|$)").expect("pattern compiles")
});
/// A mainland mobile number, whole or written 3-4-4 with spaces or hyphens.
static MOBILE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])(1[3-9]\d[- ]?\d{4}[- ]?\d{4})(?:[^0-9]|$)").expect("pattern compiles")
});

/// Whether some run of digits (spaces and hyphens allowed inside) is as long as a mobile
/// number, the shorter of the two: a byte scan that spares most reports both regex searches.
fn has_long_number(text: &str) -> bool {
    const MOBILE_DIGITS: usize = 11;
    let mut digits = 0;
    // Most of a report is Chinese: a chunk without a digit, space or hyphen ends any run, which
    // the compiler tells for many bytes at a time.
    for chunk in text.as_bytes().chunks(16) {
        let runs_on = chunk.iter().fold(false, |any, &b| {
            any | b.is_ascii_digit() | (b == b' ') | (b == b'-')
        });
        if !runs_on {
            digits = 0;
            continue;
        }
        for &byte in chunk {
            match byte {
                b'0'..=b'9' => {
                    digits += 1;
                    if digits >= MOBILE_DIGITS {
                        return true;
                    }
                }
                b' ' | b'-' if digits > 0 => {}
                _ => digits = 0,
            }
        }
    }
    false
}

/// GB 11643 check digit weights and the digits they give.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

impl Rule for PersonalData {
    const ABOUT_REPORT: bool = false;

    fn check(analysis: &Analysis, out: &mut Findings) {
        let text = analysis.document.normalized();
        if !has_long_number(text) {
            return;
        }
        let ids = ID_CARD
            .captures_iter(text)
            .filter_map(|c| c.get(1))
            .filter(|m| is_id_number(m.as_str()))
            .map(|m| (m.range(), true));
        let mobiles = MOBILE
            .captures_iter(text)
            .filter_map(|c| c.get(1))
            .map(|m| (m.range(), false));
        for (range, is_id) in ids.chain(mobiles) {
            if out.is_full() {
                out.count();
                continue;
            }
            let number = &text[range.clone()];
            let (message, masked) = if is_id {
                (
                    analysis.lang().pick(
                        "这是一个有效的公民身份号码，属于不得公开的个人信息。",
                        "This is a valid citizen ID number: personal data that must not be published.",
                    ),
                    mask(number, 6, 4),
                )
            } else {
                (
                    analysis.lang().pick(
                        "这是一个手机号码，属于个人信息，公开发布前应删除或隐去。",
                        "This is a mobile phone number: personal data to remove or mask before publication.",
                    ),
                    mask(number, 3, 4),
                )
            };
            out.report(message.to_owned())
                .at(range.into())
                .suggest(masked)
                .push();
        }
    }
}

/// A citizen ID number: a real birth date and the right check digit.
fn is_id_number(number: &str) -> bool {
    let digits: Vec<u32> = number
        .chars()
        .take(17)
        .filter_map(|c| c.to_digit(10))
        .collect();
    if digits.len() != 17 {
        return false;
    }
    let born = NaiveDate::parse_from_str(&number[6..14], "%Y%m%d");
    let plausible = born.is_ok_and(|d| (1900..=2100).contains(&chrono::Datelike::year(&d)));
    let sum: u32 = digits.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
    let check = number.chars().nth(17).map(|c| c.to_ascii_uppercase());
    plausible && check == Some(CHECK[(sum % 11) as usize])
}

/// Keeps `head` and `tail` characters and stars the rest.
fn mask(number: &str, head: usize, tail: usize) -> String {
    let chars: Vec<char> = number
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i < head || i + tail >= chars.len() {
                *c
            } else {
                '*'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_numbers_need_a_real_date_and_check_digit() {
        assert!(is_id_number("11010519491231002X"));
        assert!(!is_id_number("110105194912310021"), "wrong check digit");
        assert!(!is_id_number("110105194913310027"), "no 13th month");
    }

    #[test]
    fn the_prefilter_lets_every_number_shape_through() {
        assert!(has_long_number("联系电话138-0013-8000。"));
        assert!(has_long_number("电话 138 0013 8000"));
        assert!(has_long_number("身份证号11010519491231002X"));
        assert!(!has_long_number("2024年办理案件1234件，同比增长12.5%。"));
    }

    #[test]
    fn masks_keep_the_ends() {
        assert_eq!(mask("11010519491231002X", 6, 4), "110105********002X");
        assert_eq!(mask("138-0013-8000", 3, 4), "138****8000");
    }
}

#[cfg(test)]
rule_cases!(
    PersonalData,
    flags: report_with("青山县人民政府\n", "联系人：张明，手机13812345678\n青山县人民政府\n") => 1,
    silent: report_with("青山县人民政府\n", "联系电话：0571-12345\n青山县人民政府\n"),
);
