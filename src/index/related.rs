//! Related incidents by text: for each incident with fewer than a page's worth of telling
//! matches (write-ups of the same event, incidents sharing a cause that is not broad), a
//! more-like-this query (tantivy's MoreLikeThis scoring, made
//! deterministic) on its title, summary, body and causes fills the rest of its "related
//! incidents" list. Tuned for small KBs: a word counts from its second incident, common words
//! (in more than a third of the incidents) and short ones are ignored. Ties go to the incident
//! first in the KB's order, so a build does not depend on how the index laid out its segments.

use super::{SearchIndex, texts};
use crate::model::{Incident, KnowledgeBase, Similar};
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use tantivy::collector::TopDocs;
use tantivy::index::SegmentId;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocId, Score, Searcher, SegmentReader, Term};

/// How many related incidents a page shows (as `model::related`).
const SHOWN: usize = 6;

const STOP_WORDS: &[&str] = &[
    "about", "after", "again", "also", "because", "been", "before", "being", "both", "could",
    "does", "down", "during", "each", "from", "have", "having", "into", "more", "most", "only",
    "other", "over", "same", "should", "some", "such", "than", "that", "their", "them", "then",
    "there", "these", "they", "this", "those", "through", "under", "until", "very", "were", "what",
    "when", "where", "which", "while", "will", "with", "would", "your",
];

/// Words a query uses at most, the best by term frequency × idf.
const QUERY_TERMS: usize = 16;
/// Shorter words (after stemming) are ignored.
const MIN_WORD: usize = 4;

/// Adds text matches to `kb`'s related incidents, after those that share causes.
pub fn fill(kb: &mut KnowledgeBase, ix: &SearchIndex) -> Result<()> {
    fill_some(kb, ix, |_| true)
}

/// [`fill`] for the incidents `keep` keeps only: each one's list is what [`fill`] gives it, as
/// an incident's text matches do not depend on the others' (`check` and `new` want the drafts').
pub fn fill_some(
    kb: &mut KnowledgeBase,
    ix: &SearchIndex,
    keep: impl Fn(&Incident) -> bool,
) -> Result<()> {
    let found = text_matches(kb, ix, keep)?;
    for (i, texts) in found {
        let similar = std::mem::take(&mut kb.incidents[i].similar);
        let (telling, others): (Vec<Similar>, Vec<Similar>) =
            similar.into_iter().partition(|s| s.telling(kb));
        kb.incidents[i].similar = merge(telling, others, texts, &kb.incidents[i].related);
    }
    Ok(())
}

/// For each incident with fewer than [`SHOWN`] telling matches, the incidents most like its
/// text, best first.
fn text_matches(
    kb: &KnowledgeBase,
    ix: &SearchIndex,
    keep: impl Fn(&Incident) -> bool,
) -> Result<Vec<(usize, Vec<usize>)>> {
    let reader = ix.index.reader().context("cannot read the search index")?;
    let searcher = reader.searcher();
    let incident_of = super::incidents_by_doc(&searcher, kb)?;
    let ranks = doc_ranks(&searcher, &incident_of);
    let analyzer = ix
        .index
        .tokenizers()
        .get("en_stem")
        .context("the stemmer is missing")?;
    let max_df = (kb.incidents.len() as u64 / 3).max(2);
    let num_docs: u64 = searcher
        .segment_readers()
        .iter()
        .map(|s| u64::from(s.num_docs()))
        .sum();
    let f = &ix.fields;
    let wanted: Vec<usize> = (0..kb.incidents.len())
        .filter(|&i| keep(&kb.incidents[i]))
        .filter(|&i| {
            kb.incidents[i]
                .similar
                .iter()
                .filter(|s| s.telling(kb))
                .count()
                < SHOWN
        })
        .collect();
    wanted
        .par_iter()
        .map(|&i| -> Result<(usize, Vec<usize>)> {
            let t = texts(&kb.incidents[i]);
            let fields = [
                (f.title, &*t[0]),
                (f.summary, &*t[1]),
                (f.body, &*t[2]),
                (f.causes, &*t[3]),
            ];
            let query = like_this(&searcher, analyzer.clone(), &fields, max_df, num_docs)?;
            let ranks = Arc::clone(&ranks);
            let top = TopDocs::with_limit(SHOWN + 1).tweak_score(move |segment: &SegmentReader| {
                let ranks = Arc::clone(&ranks);
                let id = segment.segment_id();
                move |doc: DocId, score: Score| {
                    let rank = ranks
                        .get(&id)
                        .and_then(|r| r.get(doc as usize))
                        .copied()
                        .unwrap_or(u32::MAX);
                    (score, Reverse(rank))
                }
            });
            let hits = searcher
                .search(&query, &top)
                .context("cannot query the search index")?;
            let similar = hits
                .into_iter()
                .filter_map(|(_, a)| incident_of[a.segment_ord as usize][a.doc_id as usize])
                .filter(|&j| j != i)
                .collect();
            Ok((i, similar))
        })
        .collect()
}

/// Each segment's doc id -> its incident's place in the KB, for ties between equal scores:
/// the index's layout (which segment a document went to) must not decide them.
fn doc_ranks(
    searcher: &Searcher,
    incident_of: &[Vec<Option<usize>>],
) -> Arc<HashMap<SegmentId, Vec<u32>>> {
    Arc::new(
        searcher
            .segment_readers()
            .iter()
            .zip(incident_of)
            .map(|(segment, docs)| {
                let ranks = docs
                    .iter()
                    .map(|i| i.map_or(u32::MAX, |i| i as u32))
                    .collect();
                (segment.segment_id(), ranks)
            })
            .collect(),
    )
}

/// An incident's related list: the telling matches, then the text matches, then the others
/// (broad causes, services and tags in common), [`SHOWN`] at most, each list in its order.
fn merge(
    mut list: Vec<Similar>,
    others: Vec<Similar>,
    texts: Vec<usize>,
    related: &[usize],
) -> Vec<Similar> {
    for j in texts {
        if list.len() >= SHOWN {
            break;
        }
        if !list.iter().any(|s| s.incident == j) && !related.contains(&j) {
            let other = others.iter().find(|s| s.incident == j);
            list.push(Similar {
                incident: j,
                shared_causes: other.map_or_else(Vec::new, |s| s.shared_causes.clone()),
                shared_terms: other.map_or(0, |s| s.shared_terms),
                same_event: false,
                similar_text: true,
            });
        }
    }
    // Services and tags in common fill what text could not.
    for s in others {
        if list.len() >= SHOWN {
            break;
        }
        if !list.iter().any(|x| x.incident == s.incident) {
            list.push(s);
        }
    }
    list
}

/// "Incidents like this text": its words scored as tantivy's MoreLikeThis scores them (term
/// frequency in the text × idf), leaving out short words, stop words, words of one incident
/// and words of more than `max_df`; the best [`QUERY_TERMS`] become should-clauses, each
/// boosted by its score over the best one's. Unlike tantivy's `MoreLikeThisQuery`, which picks
/// among equal scores in hash-map order, ties go to the smaller term, so the same KB always
/// gets the same related incidents.
fn like_this(
    searcher: &Searcher,
    mut analyzer: TextAnalyzer,
    fields: &[(Field, &str)],
    max_df: u64,
    num_docs: u64,
) -> Result<BooleanQuery> {
    let mut frequencies: BTreeMap<Term, usize> = BTreeMap::new();
    for &(field, text) in fields {
        let mut stream = analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            if token.text.len() < MIN_WORD || STOP_WORDS.contains(&token.text.as_str()) {
                continue;
            }
            *frequencies
                .entry(Term::from_field_text(field, &token.text))
                .or_default() += 1;
        }
    }
    let mut scored: Vec<(f32, Term)> = Vec::new();
    for (term, tf) in frequencies {
        let df = searcher
            .doc_freq(&term)
            .context("cannot read the search index")?;
        if df < 2 || df > max_df {
            continue;
        }
        scored.push((tf as f32 * super::contract::idf(df, num_docs), term));
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    scored.truncate(QUERY_TERMS);
    let best = scored.first().map_or(1.0, |s| s.0);
    Ok(BooleanQuery::new(
        scored
            .into_iter()
            .map(|(score, term)| {
                let term: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                let boosted: Box<dyn Query> = Box::new(BoostQuery::new(term, score / best));
                (Occur::Should, boosted)
            })
            .collect(),
    ))
}
