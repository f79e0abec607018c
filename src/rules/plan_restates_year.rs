//! Rule `plan-restates-year`; its documentation is `plan_restates_year.md`.

use crate::comparison::fingerprint;
use crate::document::TextRange;
use crate::text::sentences;

use super::{Analysis, Findings, Need, Rule};
use crate::ruleset::Facet;

pub struct PlanRestatesYear;

/// The rule set's facet of the plans part: words that report work already done.
const RETROSPECTIVE: Facet = Facet::Retrospective;
/// Sentences shorter than this are headings or fragments, and say nothing either way.
const MIN_SENTENCE_CHARS: usize = 8;
/// Fewest retrospective sentences worth a finding, whatever their share.
const MIN_RETROSPECTIVE: usize = 2;

impl Rule for PlanRestatesYear {
    const NEEDS: &'static [Need] = &[Need::Facet(RETROSPECTIVE)];

    fn check(analysis: &Analysis, out: &mut Findings) {
        let Some(plan) = analysis.rules.plan_part() else {
            return;
        };
        let Some(retrospective) = analysis.rules.part_at(plan).facet(RETROSPECTIVE) else {
            return;
        };
        let document = analysis.document;
        let mut sentences_of_plan = Vec::new();
        let plan_body = analysis.part_body(plan);
        for &range in &plan_body {
            let text = document.text(range);
            for sentence in sentences::split(text) {
                let words = text[sentence.clone()].trim();
                if words.chars().count() >= MIN_SENTENCE_CHARS {
                    sentences_of_plan.push((range.sub(sentence), words));
                }
            }
        }
        if sentences_of_plan.is_empty() {
            return;
        }
        // Plans copied from this year's report: the plan's few sentences are indexed, and the
        // other parts' text is read once against them. A section the plans share (or a paragraph
        // they are embedded in) is not another part's text.
        let overlaps = |r: &TextRange| {
            plan_body
                .iter()
                .any(|p| p.start() < r.end() && r.start() < p.end())
        };
        let elsewhere: Vec<&str> = analysis
            .rules
            .indexed_parts()
            .filter(|&(p, _)| p != plan)
            .flat_map(|(p, _)| analysis.part_body(p))
            .filter(|r| !overlaps(r))
            .map(|range| document.text(range))
            .collect();
        // Copied word for word (the other sentence has all of the plan's bigrams and the plan's
        // words), or with a word or a figure changed (as alike as the rule set says). A plan's
        // sentence holds no sentence end inside, so a copy lies within one sentence of the other
        // parts.
        let plans = fingerprint::BigramIndex::new(
            &sentences_of_plan
                .iter()
                .map(|(_, words)| fingerprint::bigrams(words))
                .collect::<Vec<_>>(),
        );
        let mut nearest = vec![0.0; sentences_of_plan.len()];
        let mut copied = vec![false; sentences_of_plan.len()];
        let mut shared = vec![0; sentences_of_plan.len()];
        for text in &elsewhere {
            for sentence in sentences::split(text) {
                let words = text[sentence].trim();
                if words.chars().count() < MIN_SENTENCE_CHARS {
                    continue;
                }
                let pairs = fingerprint::bigrams(words);
                plans.count_shared(&pairs, &mut shared);
                for (id, &shared) in shared.iter().enumerate().filter(|(_, s)| **s > 0) {
                    let size = plans.size(id);
                    nearest[id] =
                        f64::max(nearest[id], fingerprint::dice_of(shared, pairs.len(), size));
                    copied[id] |= shared == size && words.contains(sentences_of_plan[id].1);
                }
            }
        }
        let similarity = analysis.rules.data.thresholds.plan_copy_similarity;
        let total = sentences_of_plan.len();
        let looking_back: Vec<_> = sentences_of_plan
            .into_iter()
            .enumerate()
            .filter(|&(i, (_, words))| {
                retrospective.is_match(words) || copied[i] || nearest[i] >= similarity
            })
            .map(|(_, (place, _))| place)
            .collect();
        let share = looking_back.len() as f64 / total.max(1) as f64;
        if looking_back.len() < MIN_RETROSPECTIVE
            || share < analysis.rules.data.thresholds.plan_retrospective_share
        {
            return;
        }
        let name = analysis.part_name(plan);
        let message = analysis.lang().pick(
            format!(
                "“{name}”的{total}句中有{}句在讲已经做过的工作（已完成、累计、与前文重复），读起来是本年度工作的重述，而不是下一年度的安排。",
                looking_back.len()
            ),
            format!(
                "{} of the {total} sentences of “{name}” report work already done (completed, totals, repeated from above): it restates this year instead of planning the next.",
                looking_back.len()
            ),
        );
        let suggestion = analysis.lang().pick(
            "写明下一年度要做的具体工作、目标和时间节点，不要重复本年度的成效。",
            "Say what will be done next year, with targets and dates, rather than repeating this year's results.",
        );
        out.report(message)
            .part(plan)
            .at(looking_back[0])
            .suggest(suggestion.to_owned())
            .push();
    }
}

#[cfg(test)]
rule_cases!(
    PlanRestatesYear,
    flags: report_with("2025年，我县将持续深化法治政府建设：一是健全依法决策机制，严格落实重大行政决策程序；二是加强行政执法队伍建设，开展执法人员轮训；三是加强基层法治力量，配齐乡镇法治审核人员。", "今年以来，我县开展了法治政府建设示范创建。共举办法治讲座8场，办理了行政复议案件85件。已完成执法人员轮训。") => 1,
    silent: REPORT,
);

#[cfg(test)]
mod not_word_for_word {
    use crate::rules::RuleId;
    use crate::rules::testing::{assert_findings, report_with};

    const PLANS: &str = "2025年，我县将持续深化法治政府建设：一是健全依法决策机制，严格落实重大行政决策程序；二是加强行政执法队伍建设，开展执法人员轮训；三是加强基层法治力量，配齐乡镇法治审核人员。";

    #[test]
    fn plans_copying_the_years_results_with_figures_changed_restate_it() {
        let copied = report_with(
            PLANS,
            "2025年，审查县政府行政规范性文件18件，清理规章和规范性文件40件，重大行政决策事项全部经过合法性审查。开展行政执法案卷评查2次，评查案卷300卷，组织执法人员培训15场、参训600人次。办理行政复议案件90件，纠错率为12%，行政机关负责人出庭应诉率达到100%。",
        );
        assert_findings(&copied, RuleId::PlanRestatesYear, 1);
        // Plans with their own targets, on the same subjects.
        let planned = report_with(
            PLANS,
            "2025年，我县将推动行政规范性文件合法性审核全覆盖，年内完成规章和规范性文件全面清理。建立行政执法案卷季度评查制度，执法人员轮训实现全覆盖。健全行政复议案件繁简分流机制，力争复议纠错意见书全部落实。",
        );
        assert_findings(&planned, RuleId::PlanRestatesYear, 0);
    }
}
