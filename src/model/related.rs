//! Related incidents: for each incident, the others that share its causes, then its services
//! and tags. Candidates come from each cause's and term's incident list; lists longer than
//! [`NEIGHBOURHOOD`] contribute only the incidents nearest in time, so the work stays linear
//! in the number of incidents even when one cause or tag is in thousands of them.

use super::{KnowledgeBase, Similar};
use rayon::prelude::*;
use std::collections::HashMap;

/// How many incidents on each side (in time) a long list contributes as candidates.
const NEIGHBOURHOOD: usize = 48;
/// How many related incidents a page shows.
const SHOWN: usize = 6;

pub fn compute(kb: &mut KnowledgeBase) {
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
    let similar: Vec<Vec<Similar>> = (0..kb.incidents.len())
        .into_par_iter()
        .map(|i| {
            let inc = &kb.incidents[i];
            let mut causes: Vec<usize> = inc.cause_refs.clone();
            causes.sort_unstable();
            causes.dedup();
            // Candidate -> (shared causes, shared services and tags).
            let mut scores: HashMap<usize, (usize, usize)> = HashMap::new();
            for &c in &causes {
                for &j in near(&cause_lists[c], i) {
                    scores.entry(j).or_default().0 += 1;
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
                    for &j in near(list, i) {
                        scores.entry(j).or_default().1 += 1;
                    }
                }
            }
            scores.remove(&i);
            let mut ranked: Vec<(usize, (usize, usize))> = scores.into_iter().collect();
            let order = |a: &(usize, (usize, usize)), b: &(usize, (usize, usize))| {
                b.1.cmp(&a.1)
                    .then_with(|| a.0.abs_diff(i).cmp(&b.0.abs_diff(i)))
                    .then_with(|| a.0.cmp(&b.0))
            };
            if ranked.len() > SHOWN {
                ranked.select_nth_unstable_by(SHOWN - 1, order);
                ranked.truncate(SHOWN);
            }
            ranked.sort_by(order);
            ranked
                .into_iter()
                .map(|(j, (_, shared_terms))| Similar {
                    incident: j,
                    shared_causes: causes
                        .iter()
                        .copied()
                        .filter(|c| kb.incidents[j].cause_refs.contains(c))
                        .collect(),
                    shared_terms,
                    similar_text: false,
                })
                .collect()
        })
        .collect();
    for (inc, s) in kb.incidents.iter_mut().zip(similar) {
        inc.similar = s;
    }
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
    use super::near;

    #[test]
    fn long_lists_give_a_window_around_the_incident() {
        let list: Vec<usize> = (0..1000).map(|x| x * 2).collect();
        let w = near(&list, 500);
        assert_eq!(w.len(), 2 * super::NEIGHBOURHOOD + 1);
        assert!(w.contains(&500));
        let short = [1, 5, 9];
        assert_eq!(near(&short, 5), &short);
    }
}
