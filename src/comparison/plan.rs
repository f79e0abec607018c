//! Last year's plans for this year, and whether this year's report tells of each: an item is
//! followed when some sentence outside this year's own plans shares enough of its distinctive
//! pairs of characters (the rule set's generic words, 推进 加强 建设 …, left out).

use std::collections::{HashMap, HashSet};

use super::fingerprint::{Fingerprinter, bigrams};
use super::{MAX_LISTED, PlanItem, Reading, Sentence, opening};
use crate::document::TextRange;
use crate::ruleset::RuleSet;

/// An item is followed when two neighbouring sentences share this share of its distinctive
/// pairs … (an item followed up in other words shares a fifth to a third of them; one never
/// mentioned again, a pair or two by chance)
const SHARE: f64 = 0.2;
/// … and at least this many of them.
const MIN_SHARED: usize = 4;
/// An item with fewer characters of its own is an introduction, not a plan.
const MIN_CHARS: usize = 8;

pub(super) fn follow_up(
    current: &Reading,
    previous: &Reading,
    prints: &Fingerprinter,
    rules: &RuleSet,
) -> Vec<PlanItem> {
    let Some(part) = rules.plan_part() else {
        return Vec::new();
    };
    let generic: HashSet<u64> = rules
        .data
        .comparison
        .generic_words
        .iter()
        .flat_map(|word| bigrams(word))
        .collect();
    let items: Vec<(TextRange, Vec<u64>)> = items(&previous.part_sentences(part))
        .into_iter()
        .filter_map(|range| {
            let core = prints.core(previous.document.text(range));
            let grams: Vec<u64> = bigrams(&core)
                .into_iter()
                .filter(|g| !generic.contains(g))
                .collect();
            (core.chars().count() >= MIN_CHARS && !grams.is_empty()).then_some((range, grams))
        })
        .take(MAX_LISTED)
        .collect();
    if items.is_empty() {
        return Vec::new();
    }
    // This year's sentences outside its own plans, indexed by the pairs the items have.
    let wanted: HashSet<u64> = items.iter().flat_map(|(_, g)| g.iter().copied()).collect();
    // Measures tell of last year's plans; this year's own plans and shortcomings do not.
    let mut elsewhere = vec![part];
    elsewhere.extend(super::shortcomings::shortcomings_part(rules));
    let own_plans: Vec<TextRange> = elsewhere
        .into_iter()
        .flat_map(|part| {
            current
                .facts
                .parts
                .text(part, current.outline, current.document)
                .unwrap_or_default()
        })
        .collect();
    // Headings too: "（三）打通执法信息。" tells of a plan as well as what follows it.
    let told: Vec<Sentence> = current
        .sentences(false)
        .into_iter()
        .filter(|s| !own_plans.iter().any(|r| r.contains(s.range.start())))
        .collect();
    let mut index: HashMap<u64, Vec<u32>> = HashMap::new();
    for (at, sentence) in told.iter().enumerate() {
        let core = prints.core(current.document.text(sentence.range));
        for gram in bigrams(&core) {
            if wanted.contains(&gram) {
                index.entry(gram).or_default().push(at as u32);
            }
        }
    }
    items
        .into_iter()
        .map(|(range, grams)| {
            // Pairs shared by a window of two sentences of one paragraph, each pair once.
            let mut shared: HashMap<u32, usize> = HashMap::new();
            let mut windows: Vec<u32> = Vec::new();
            for gram in &grams {
                windows.clear();
                for &at in index.get(gram).into_iter().flatten() {
                    windows.push(at);
                    let before = at
                        .checked_sub(1)
                        .filter(|&b| told[b as usize].paragraph == told[at as usize].paragraph);
                    windows.extend(before);
                }
                windows.sort_unstable();
                windows.dedup();
                for &window in &windows {
                    *shared.entry(window).or_default() += 1;
                }
            }
            let needed = MIN_SHARED
                .min(grams.len())
                .max((grams.len() as f64 * SHARE).ceil() as usize);
            let best = shared
                .into_iter()
                .filter(|&(_, count)| count >= needed)
                .max_by_key(|&(at, count)| (count, std::cmp::Reverse(at)));
            PlanItem {
                previous_span: previous.document.span(range),
                followed: best.is_some(),
                span: best.map(|(at, _)| {
                    let first = &told[at as usize];
                    let next = told
                        .get(at as usize + 1)
                        .filter(|s| s.paragraph == first.paragraph);
                    current
                        .document
                        .span(first.range.to(next.unwrap_or(first).range))
                }),
                opening: opening(previous.document.original_text(range)),
            }
        })
        .collect()
}

/// The items of a plan: each labelled sentence with the unlabelled ones after it in its
/// paragraph; without labels, each paragraph. An introduction ("重点做好以下工作：") is not one.
fn items(sentences: &[Sentence]) -> Vec<TextRange> {
    let labelled = sentences.iter().any(|s| s.labelled);
    let mut items: Vec<(TextRange, usize)> = Vec::new();
    for sentence in sentences {
        match items.last_mut() {
            Some((range, paragraph)) if *paragraph == sentence.paragraph && !sentence.labelled => {
                *range = range.to(sentence.range);
            }
            _ if !labelled || sentence.labelled => {
                items.push((sentence.range, sentence.paragraph));
            }
            _ => {}
        }
    }
    items.into_iter().map(|(range, _)| range).collect()
}
