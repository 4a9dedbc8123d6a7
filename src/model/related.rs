//! Related incidents: for each incident, the others most alike, best first. Two write-ups of
//! one event (same day, alike words: [`super::same_event`]) come first; then incidents weigh
//! by what they share, each shared cause, service or tag by its rarity, `ln(M / n)` for a
//! value in `n` of the `M` incidents (its idf). A cause in two incidents says a lot; a broad
//! cause in a fifth of the KB says little, and no cause weighs as a root cause just by being
//! shared.
//!
//! Candidates come from each cause's and term's incident list, and from the incident's day;
//! lists longer than [`NEIGHBOURHOOD`] contribute only the incidents nearest in time, so the
//! work stays linear in the number of incidents even when one cause or tag is in thousands.

use super::{KnowledgeBase, Similar};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::cmp::Ordering;
use std::collections::HashMap;

/// How many incidents on each side (in time) a long list contributes as candidates.
const NEIGHBOURHOOD: usize = 48;
/// How many related incidents a page shows.
const SHOWN: usize = 6;
/// What a shared service or tag weighs against a shared cause of the same rarity: a cause is
/// the stronger claim.
const TERM_WEIGHT: f32 = 0.5;

/// A candidate's standing: the cosine when it is likely the same event (else 0), the weight
/// of what it shares, how many services and tags it shares.
#[derive(Debug, Default, Clone, Copy)]
struct Score {
    same_event: f32,
    weight: f32,
    shared_terms: usize,
}

pub fn compute(kb: &mut KnowledgeBase) {
    let total = kb.incidents.len();
    // Incidents are sorted newest first, so an index is also a position in time, and every
    // list below is sorted by index.
    let cause_lists: Vec<Vec<usize>> = kb
        .causes
        .iter()
        .map(|c| {
            let mut v: Vec<usize> = c.occurrences.iter().map(|o| o.incident).collect();
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    let term_lists: HashMap<(u8, &str), &Vec<usize>> = kb
        .services
        .iter()
        .map(|t| ((0, t.id.as_str()), &t.incidents))
        .chain(kb.tags.iter().map(|t| ((1, t.id.as_str()), &t.incidents)))
        .collect();
    let same_event = super::same_event::find(&kb.incidents);
    let similar: Vec<Vec<Similar>> = (0..total)
        .into_par_iter()
        .map(|i| {
            let inc = &kb.incidents[i];
            let mut causes: Vec<usize> = inc.cause_refs.clone();
            causes.sort_unstable();
            causes.dedup();
            let mut scores: FxHashMap<usize, Score> = FxHashMap::default();
            for &c in &causes {
                let w = idf(cause_lists[c].len(), total);
                for &j in near(&cause_lists[c], i) {
                    scores.entry(j).or_default().weight += w;
                }
            }
            let terms = inc
                .doc
                .services
                .iter()
                .map(|s| (0u8, s))
                .chain(inc.doc.tags.iter().map(|t| (1u8, t)));
            for key in terms {
                if let Some(list) = term_lists.get(&(key.0, key.1.as_str())) {
                    let w = TERM_WEIGHT * idf(list.len(), total);
                    for &j in near(list, i) {
                        let s = scores.entry(j).or_default();
                        s.weight += w;
                        s.shared_terms += 1;
                    }
                }
            }
            for &(j, cos) in &same_event[i] {
                scores.entry(j).or_default().same_event = cos;
            }
            scores.remove(&i);
            let ranked = best(scores.into_iter().collect(), i);
            ranked
                .into_iter()
                .map(|(j, s)| Similar {
                    incident: j,
                    shared_causes: causes
                        .iter()
                        .copied()
                        .filter(|c| kb.incidents[j].cause_refs.contains(c))
                        .collect(),
                    shared_terms: s.shared_terms,
                    same_event: s.same_event > 0.0,
                    similar_text: false,
                })
                .collect()
        })
        .collect();
    for (inc, s) in kb.incidents.iter_mut().zip(similar) {
        inc.similar = s;
    }
}

/// The rarity of a value in `n` of `total` incidents: `ln(total / n)`, 0 for a value in all.
fn idf(n: usize, total: usize) -> f32 {
    (total as f32 / n.max(1) as f32).ln().max(0.0)
}

/// The [`SHOWN`] best candidates of incident `i`, best first: likely the same event first (the
/// most alike first), then by weight, then the nearest in time, then the first in the KB.
fn best(mut ranked: Vec<(usize, Score)>, i: usize) -> Vec<(usize, Score)> {
    let order = |a: &(usize, Score), b: &(usize, Score)| -> Ordering {
        b.1.same_event
            .total_cmp(&a.1.same_event)
            .then_with(|| b.1.weight.total_cmp(&a.1.weight))
            .then_with(|| a.0.abs_diff(i).cmp(&b.0.abs_diff(i)))
            .then_with(|| a.0.cmp(&b.0))
    };
    if ranked.len() > SHOWN {
        ranked.select_nth_unstable_by(SHOWN - 1, order);
        ranked.truncate(SHOWN);
    }
    ranked.sort_by(order);
    ranked
}

/// The members of a sorted list nearest to `i`: all of a short list, a window of a long one.
fn near(list: &[usize], i: usize) -> &[usize] {
    if list.len() <= 2 * NEIGHBOURHOOD {
        return list;
    }
    let at = list.partition_point(|&x| x < i);
    let start = at.saturating_sub(NEIGHBOURHOOD);
    let end = (at + NEIGHBOURHOOD + 1).min(list.len());
    &list[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lists_give_a_window_around_the_incident() {
        let list: Vec<usize> = (0..1000).map(|x| x * 2).collect();
        let w = near(&list, 500);
        assert_eq!(w.len(), 2 * NEIGHBOURHOOD + 1);
        assert!(w.contains(&500));
        let short = [1, 5, 9];
        assert_eq!(near(&short, 5), &short);
    }

    #[test]
    fn rarer_values_weigh_more_and_a_value_in_every_incident_nothing() {
        assert!(idf(2, 100) > idf(30, 100));
        assert_eq!(idf(100, 100), 0.0);
        assert!((idf(10, 100) - 10f32.ln()).abs() < 1e-6);
    }

    #[test]
    fn the_same_event_comes_first_then_weight_then_time() {
        let s = |same_event: f32, weight: f32| Score {
            same_event,
            weight,
            shared_terms: 0,
        };
        let ranked = best(
            vec![
                (1, s(0.0, 5.0)),
                (2, s(0.3, 0.0)),
                (3, s(0.0, 9.0)),
                (8, s(0.0, 5.0)),
                (6, s(0.0, 5.0)),
            ],
            7,
        );
        let order: Vec<usize> = ranked.iter().map(|r| r.0).collect();
        assert_eq!(order, [2, 3, 6, 8, 1]);
    }
}
