//! Related incidents by text: for each incident with fewer than a page's worth of incidents
//! sharing its causes, tantivy's MoreLikeThis on its title, summary, body and causes fills the
//! rest of its "related incidents" list. Tuned for small KBs: a word counts from its first
//! use, common words (in more than a third of the incidents) and short ones are ignored.

use super::{SearchIndex, texts};
use crate::model::{KnowledgeBase, Similar};
use anyhow::{Context, Result};
use rayon::prelude::*;
use tantivy::collector::TopDocs;
use tantivy::query::MoreLikeThisQuery;
use tantivy::schema::OwnedValue;

/// How many related incidents a page shows (as `model::related`).
const SHOWN: usize = 6;

const STOP_WORDS: &[&str] = &[
    "about", "after", "again", "also", "because", "been", "before", "being", "both", "could",
    "does", "down", "during", "each", "from", "have", "having", "into", "more", "most", "only",
    "other", "over", "same", "should", "some", "such", "than", "that", "their", "them", "then",
    "there", "these", "they", "this", "those", "through", "under", "until", "very", "were", "what",
    "when", "where", "which", "while", "will", "with", "would", "your",
];

/// Adds text matches to `kb`'s related incidents, after those that share causes.
pub fn fill(kb: &mut KnowledgeBase, ix: &SearchIndex) -> Result<()> {
    let reader = ix.index.reader().context("cannot read the search index")?;
    let searcher = reader.searcher();
    let incident_of = super::incidents_by_doc(&searcher, kb)?;
    let max_df = (kb.incidents.len() as u64 / 3).max(2);
    let f = &ix.fields;
    let wanted: Vec<usize> = (0..kb.incidents.len())
        .filter(|&i| {
            kb.incidents[i]
                .similar
                .iter()
                .filter(|s| !s.shared_causes.is_empty())
                .count()
                < SHOWN
        })
        .collect();
    let found: Vec<(usize, Vec<usize>)> = wanted
        .par_iter()
        .map(|&i| -> Result<(usize, Vec<usize>)> {
            let t = texts(&kb.incidents[i]);
            let fields = [f.title, f.summary, f.body, f.causes]
                .into_iter()
                .zip([&t[0], &t[1], &t[2], &t[3]])
                .map(|(field, text)| (field, vec![OwnedValue::Str(text.clone())]))
                .collect();
            let query = MoreLikeThisQuery::builder()
                .with_min_doc_frequency(2)
                .with_max_doc_frequency(max_df)
                .with_min_term_frequency(1)
                .with_max_query_terms(16)
                .with_min_word_length(4)
                .with_stop_words(STOP_WORDS.iter().map(|s| s.to_string()).collect())
                .with_document_fields(fields);
            let hits = searcher
                .search(&query, &TopDocs::with_limit(SHOWN + 1).order_by_score())
                .context("cannot query the search index")?;
            let similar = hits
                .into_iter()
                .filter_map(|(_, a)| incident_of[a.segment_ord as usize][a.doc_id as usize])
                .filter(|&j| j != i)
                .collect();
            Ok((i, similar))
        })
        .collect::<Result<_>>()?;
    for (i, texts) in found {
        let inc = &mut kb.incidents[i];
        let (mut list, others): (Vec<Similar>, Vec<Similar>) = std::mem::take(&mut inc.similar)
            .into_iter()
            .partition(|s| !s.shared_causes.is_empty());
        for j in texts {
            if list.len() >= SHOWN {
                break;
            }
            if !list.iter().any(|s| s.incident == j) && !inc.related.contains(&j) {
                let shared_terms = others
                    .iter()
                    .find(|s| s.incident == j)
                    .map_or(0, |s| s.shared_terms);
                list.push(Similar {
                    incident: j,
                    shared_causes: Vec::new(),
                    shared_terms,
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
        inc.similar = list;
    }
    Ok(())
}
