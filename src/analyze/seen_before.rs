//! "Has this happened before?" for a draft: `&KnowledgeBase` and a draft incident -> the
//! published incidents most like it and, for each of its causes whose id no published incident
//! uses and none is close to, the existing cause ids likely meant. `new`, `check`
//! (`seen-before`) and the draft's page under `serve` all read this.
//!
//! The similar incidents are the first [`SHOWN`] published ones of the draft's related
//! incidents (`Incident::similar`): the model's shared causes, services and tags, then the
//! tantivy index's text matches (`index::related`), the scoring every incident page uses. So
//! they are only as good as that list: the caller fills it from the index first. Nothing here
//! reads the index.
//!
//! A cause id is *close* to an existing one when it is at most two edits from it, or when half
//! of the words of the two ids are shared. The ids suggested for a cause with none close are
//! those the similar incidents used that share a word of their id, or two of their title, with
//! the cause's id and text, most shared first (a word of the id counts twice); words are
//! compared by their first five letters, so `expiry` meets `expired`.

use crate::analyze::text::{is_stopword, words};
use crate::format::Status;
use crate::model::{Incident, KnowledgeBase};
use std::collections::BTreeSet;

/// How many similar incidents are shown.
pub const SHOWN: usize = 3;
/// How many existing cause ids are suggested for one cause.
const LIKELY: usize = 3;
/// A suggested id shares at least a word of its id, or two of its title, with the cause (see
/// [`overlap`]): one word of a long sentence is shared with almost anything.
const MIN_OVERLAP: usize = 2;

/// What the KB knows that is like a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenBefore {
    /// Published incidents, most alike first.
    pub similar: Vec<usize>,
    /// Causes of the draft that are new to the KB, with existing causes likely meant.
    pub suggestions: Vec<Suggestion>,
}

/// A cause of the draft with an id no published incident uses, and none close to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The entry in the draft's `causes`.
    pub entry: usize,
    /// Existing causes (indices into `kb.causes`), likeliest first.
    pub likely: Vec<usize>,
}

/// Whether an incident is a draft: only drafts are asked "has this happened before?", and
/// only published (or in review) incidents answer it.
pub fn is_draft(inc: &Incident) -> bool {
    inc.doc.status == Status::Draft
}

/// The answer for incident `i`: `None` when it is not a draft or nothing published is like it.
pub fn of(kb: &KnowledgeBase, i: usize) -> Option<SeenBefore> {
    let inc = kb.incidents.get(i)?;
    if !is_draft(inc) {
        return None;
    }
    let similar: Vec<usize> = inc
        .similar
        .iter()
        .map(|s| s.incident)
        .filter(|&j| j != i && kb.incidents.get(j).is_some_and(|o| !is_draft(o)))
        .take(SHOWN)
        .collect();
    if similar.is_empty() {
        return None;
    }
    let suggestions = (0..inc.doc.causes.len())
        .filter_map(|entry| suggest(kb, i, entry, &similar))
        .collect();
    Some(SeenBefore {
        similar,
        suggestions,
    })
}

/// The causes a published incident uses.
fn published(kb: &KnowledgeBase, cause: usize) -> bool {
    kb.causes.get(cause).is_some_and(|c| {
        c.occurrences
            .iter()
            .any(|o| !is_draft(&kb.incidents[o.incident]))
    })
}

/// The existing causes likely meant by entry `entry` of draft `i`, if its id is new and none
/// is close to it.
fn suggest(kb: &KnowledgeBase, i: usize, entry: usize, similar: &[usize]) -> Option<Suggestion> {
    let inc = &kb.incidents[i];
    let cause = inc.doc.causes.get(entry)?;
    let existing = (0..kb.causes.len()).filter(|&c| published(kb, c));
    let mut existing = existing.map(|c| &kb.causes[c].id);
    if existing.any(|id| *id == cause.id || close(&cause.id, id)) {
        return None;
    }
    let own = keys(&format!("{} {}", cause.id, cause.text));
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for &j in similar {
        for &c in &kb.incidents[j].cause_refs {
            if candidates.iter().any(|&(x, _)| x == c) {
                continue;
            }
            let shared = overlap(kb, c, &own);
            if shared >= MIN_OVERLAP {
                candidates.push((c, shared));
            }
        }
    }
    candidates.sort_by(|a, b| {
        let (ca, cb) = (&kb.causes[a.0], &kb.causes[b.0]);
        b.1.cmp(&a.1)
            .then_with(|| cb.occurrences.len().cmp(&ca.occurrences.len()))
            .then_with(|| ca.id.cmp(&cb.id))
    });
    let likely: Vec<usize> = candidates.into_iter().take(LIKELY).map(|c| c.0).collect();
    (!likely.is_empty()).then_some(Suggestion { entry, likely })
}

/// How well existing cause `c` matches the words of a new cause: each word shared with its
/// id counts two, each other word shared with its title (its page's, else the text of the
/// first published incident that names it) one.
fn overlap(kb: &KnowledgeBase, c: usize, own: &BTreeSet<String>) -> usize {
    let cause = &kb.causes[c];
    let id = keys(&cause.id);
    // Without a page, a cause's title is the first text of it, which may be a draft's.
    let first_published = || {
        cause.occurrences.iter().find_map(|o| {
            let inc = &kb.incidents[o.incident];
            (!is_draft(inc)).then(|| inc.doc.causes.get(o.entry).map(|e| e.text.as_str()))?
        })
    };
    let title = match &cause.doc {
        Some(_) => keys(&cause.title),
        None => keys(first_published().unwrap_or_default()),
    };
    let in_id = id.intersection(own).count();
    let in_title = title.difference(&id).filter(|k| own.contains(*k)).count();
    2 * in_id + in_title
}

/// The words of `text` that carry meaning, each by its first five letters.
fn keys(text: &str) -> BTreeSet<String> {
    words(text)
        .into_iter()
        .filter(|w| !is_stopword(&w.text))
        .map(|w| w.text.chars().take(5).collect())
        .collect()
}

/// Whether two cause ids are likely one cause: a couple of edits apart, or half their words
/// shared.
fn close(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    if strsim::damerau_levenshtein(&a, &b) <= 2 && a.len().min(b.len()) >= 5 {
        return true;
    }
    let (ka, kb) = (keys(&a), keys(&b));
    let shared = ka.intersection(&kb).count();
    shared >= 1 && 2 * shared >= ka.len().max(kb.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_drafts_are_asked_and_only_published_incidents_answer() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (kb, _) = crate::model::load_kb(root, ".", true, &mut Vec::new());
        let mut kb = kb.unwrap();
        let draft = kb.incidents.iter().position(is_draft).unwrap();
        for i in (0..kb.incidents.len()).filter(|&i| i != draft) {
            assert_eq!(of(&kb, i), None, "{} is published", kb.incidents[i].doc.id);
        }
        // The model's related list alone (no index here) has an answer for the demo's draft;
        // once its best match is a draft too, that one is left out.
        let first = of(&kb, draft).unwrap().similar[0];
        kb.incidents[first].doc.status = Status::Draft;
        let seen = of(&kb, draft).unwrap_or(SeenBefore {
            similar: Vec::new(),
            suggestions: Vec::new(),
        });
        assert!(!seen.similar.contains(&first), "{seen:?}");
    }

    #[test]
    fn ids_a_typo_or_a_reordering_apart_are_close_and_others_are_not() {
        assert!(close("settings-sprawls", "settings-sprawl"));
        assert!(close(
            "token-expiry-synchronized",
            "synchronized-token-expiry"
        ));
        assert!(close("no-refresh-backoff", "refresh-backoff"));
        assert!(!close("no-refresh-backoff", "manual-cert-renewal"));
        assert!(!close("dns", "dnssec-rollover"));
    }

    #[test]
    fn words_are_compared_by_their_first_five_letters() {
        let k = keys("The certificate expired; certificates expiry");
        assert_eq!(
            k.into_iter().collect::<Vec<_>>(),
            ["certi", "expir"],
            "stop words dropped, forms of one word merged"
        );
    }
}
