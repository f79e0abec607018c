//! Rule `shortcoming-beyond-powers`; its documentation is `shortcoming_beyond_powers.md`.

use super::{Analysis, Findings, Need, Rule};
use crate::ruleset::Facet;
use crate::text::sentences;

pub struct ShortcomingBeyondPowers;

/// The rule set's facet that marks the shortcomings part.
const SHORTCOMINGS: Facet = Facet::Shortcomings;

impl Rule for ShortcomingBeyondPowers {
    const NEEDS: &'static [Need] = &[Need::Facet(SHORTCOMINGS)];

    fn check(analysis: &Analysis, out: &mut Findings) {
        let Some(level) = analysis.issuer_level() else {
            return;
        };
        let english = analysis.lang().is_english();
        let level_name = match (&level.spec.name_en, english) {
            (Some(name), true) => name.as_str(),
            _ => level.spec.name.as_str(),
        };
        for (part, spec) in analysis.rules.indexed_parts() {
            if spec.facet(SHORTCOMINGS).is_none() {
                continue;
            }
            for range in analysis.part_body(part) {
                let text = analysis.document.text(range);
                // One finding a sentence: 地方立法质量 holds 地方立法 and 立法质量, and
                // 立法体系不完善、无法可依 says one thing.
                for sentence in sentences::split(text) {
                    let Some(found) = level.beyond_powers.find(&text[sentence.clone()]) else {
                        continue;
                    };
                    let (start, end) = (sentence.start + found.start, sentence.start + found.end);
                    let words = &text[start..end];
                    let message = analysis.lang().pick(
                        format!("{level_name}没有“{words}”的职权，把它列为自身不足像是照抄上级的报告。"),
                        format!("A {level_name} has no power over “{words}”; listing it as its own shortcoming looks copied from a higher level's report."),
                    );
                    let suggestion = analysis.lang().pick(
                        "改写本级职权范围内的不足，如规范性文件管理、行政执法、矛盾纠纷化解。",
                        "Write about shortcomings within the issuer's own powers: normative documents, enforcement, resolving disputes.",
                    );
                    out.report(message)
                        .part(part)
                        .at(range.sub(start..end))
                        .suggest(suggestion.to_owned())
                        .push();
                }
            }
        }
    }
}

#[cfg(test)]
rule_cases!(ShortcomingBeyondPowers, flags: report_with("青山县人民政府\n2025", "青山镇人民政府\n2025")
                .replacen("二是基层法治力量较为薄弱", "二是地方立法工作滞后", 1) => 1, silent: report_with("青山县人民政府\n2025", "青山镇人民政府\n2025"));

#[cfg(test)]
mod level_of_the_issuer {
    use crate::rules::RuleId;
    use crate::rules::testing::{assert_findings, report_with};

    /// [`REPORT`] by `issuer`, opening with a mention of townships and short of local laws.
    fn by(issuer: &str) -> String {
        report_with(
            "青山县坚持以习近平法治思想为指导",
            "我们推进乡镇（街道）法治化综合改革，坚持以习近平法治思想为指导",
        )
        .replacen("二是基层法治力量较为薄弱", "二是地方立法工作滞后", 1)
        .replace("青山县", issuer)
    }

    #[test]
    fn a_city_speaking_of_townships_is_a_city() {
        assert_findings(&by("青山市"), RuleId::ShortcomingBeyondPowers, 0);
        assert_findings(&by("青山镇"), RuleId::ShortcomingBeyondPowers, 1);
    }
}
