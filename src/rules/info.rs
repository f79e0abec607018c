//! A rule described for people: what `GET /v1/rules` and `nianbao rules` show.

use serde::Serialize;
use utoipa::ToSchema;

use super::Severity;
use super::{Profile, RuleDoc, RuleId, Section};
use crate::lang::Lang;

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "part-missing",
    "default_severity": "error",
    "default_enabled": true,
    "profiles": ["default", "strict"],
    "title": "缺少必需部分",
    "description": "报告中既没有以该部分为题的一级标题，也没有在其他部分中报告该部分的内容。",
    "rationale": "《法治政府建设与责任落实督察工作规定》列明年度报告应当包括的内容……",
    "example": "一份2023年度报告只有“一、2023年工作总结”和“二、2024年工作思路”两部分……",
    "fix": "在建议的位置按规定顺序补写该部分……",
    "fixable": false
}))]
pub struct RuleInfo {
    /// Stable id, used in findings and in `rules.enable` / `rules.disable`.
    pub id: String,
    pub default_severity: Severity,
    /// Whether the rule runs in the `default` profile unless a request disables it.
    pub default_enabled: bool,
    /// The profiles that run it; empty when only `rules.enable` turns it on.
    pub profiles: Vec<Profile>,
    pub title: String,
    /// What it checks.
    pub description: String,
    /// Why it matters.
    pub rationale: String,
    pub example: String,
    /// How to fix what it finds.
    pub fix: String,
    /// Whether its findings carry a certain correction (`fix`), which `nianbao check --fix`
    /// applies and the Word answer with `revisions=true` gives as a tracked change.
    pub fixable: bool,
}

impl RuleInfo {
    /// Every rule, in documentation order.
    pub fn all(lang: Lang) -> Vec<Self> {
        RuleId::ALL
            .iter()
            .map(|&rule| Self::of(rule, lang))
            .collect()
    }

    pub fn of(rule: RuleId, lang: Lang) -> Self {
        let meta = rule.meta();
        let doc = RuleDoc::parse(meta.doc);
        let section = |s| doc.get(s, lang.is_english()).to_owned();
        Self {
            id: meta.id.to_owned(),
            default_severity: meta.severity,
            default_enabled: meta.profiles.contains(&Profile::Default),
            profiles: meta.profiles.to_vec(),
            title: section(Section::Title),
            description: section(Section::What),
            rationale: section(Section::Why),
            example: section(Section::Example),
            fix: section(Section::Fix),
            fixable: meta.fixes,
        }
    }
}
