//! Queries: the user's words (AND by default, "quoted phrases", -excluded, field:value) plus
//! filters (flags, or `facet:value` in the query) -> ranked hits with highlighted snippets and
//! facet counts of the result set. When a query finds nothing, each word is tried again as the
//! KB's words within one or two edits, and the results say so. A query of filters alone lists
//! the incidents they select, newest first. A filter value no incident has is an error that
//! names the closest value, so a typo does not pass for "no results".
//!
//! Ranking is tantivy's BM25 (k1 1.2, b 0.75, f32): every (item, field, term) of the query is
//! a tantivy term or phrase query, scored by tantivy, and a document's score is the sum of
//! those scores added in query order, item by item, field by field (title, summary, body,
//! causes, impact, actions). Ties go to the newest incident, then the smaller id (not to the
//! index's layout, which changes from build to build). Fixing the order of the additions is
//! what lets the static site's client reproduce every score bit for bit.

use super::parse::{Filter, Item, parse};
use super::vocab::Vocabulary;
use super::{Fields, SearchIndex, TEXT_FIELDS};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Bound;
use tantivy::collector::{Collector, DocSetCollector, FacetCollector, SegmentCollector};
use tantivy::query::{
    AllQuery, BitSetDocSet, BooleanQuery, BoostQuery, ConstScorer, EnableScoring, Explanation,
    Occur, PhraseQuery, Query, RangeQuery, Scorer, TermQuery, Weight,
};
use tantivy::schema::{Facet, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{
    BitSet, DateTime, DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader,
    TantivyDocument, Term,
};

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
}

/// A search: words and filters.
#[derive(Debug, Clone, Default)]
pub struct SearchOptions {
    pub query: String,
    pub severity: Option<String>,
    pub service: Option<String>,
    pub cause: Option<String>,
    pub category: Option<String>,
    pub tag: Option<String>,
    pub since: Option<Date>,
    pub until: Option<Date>,
    pub sort: Sort,
    pub limit: usize,
}

impl SearchOptions {
    /// Whether a `--severity`... flag is given (with a value).
    pub fn has_filters(&self) -> bool {
        !self.flag_filters().is_empty()
    }

    /// The `--severity`... flags as filters, before the query's own.
    fn flag_filters(&self) -> Vec<Filter> {
        [
            ("severity", &self.severity),
            ("service", &self.service),
            ("cause", &self.cause),
            ("category", &self.category),
            ("tag", &self.tag),
        ]
        .into_iter()
        // An empty value (`--tag ""`, a form's "any") is no filter, as in the site and the API.
        .filter(|(_, value)| value.as_ref().is_some_and(|v| !v.trim().is_empty()))
        .filter_map(|(facet, value)| {
            value.as_ref().map(|v| Filter {
                negated: false,
                facet,
                value: v.clone(),
            })
        })
        .collect()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub id: String,
    pub title: String,
    pub date: String,
    pub severity: String,
    pub score: f32,
    /// A fragment of the text with the matched words in `<b>`, HTML-escaped.
    pub snippet: String,
}

/// Counts of each value of a facet (severity, service...) in the whole result set.
pub type Facets = BTreeMap<&'static str, Vec<(String, u64)>>;

#[derive(Debug, Clone, Serialize)]
pub struct Results {
    pub query: String,
    pub total: usize,
    /// Set when nothing matched exactly and these results come from fuzzy words.
    pub fuzzy: bool,
    /// With `fuzzy`: the query with each retried word replaced by the KB's word nearest to
    /// it, what "showing results for ..." names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corrected: Option<String>,
    pub hits: Vec<Hit>,
    pub facets: Facets,
}

/// A query the tool cannot run, in words for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchError(pub String);

impl std::fmt::Display for SearchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The facets counted for a result set: those a query can filter on.
const FACETS: &[&str] = super::parse::FILTERS;
/// Longer queries are cut: nobody types more, and a pasted log should not stall the search.
pub const MAX_QUERY: usize = 1000;

/// The query as searched: at most [`MAX_QUERY`] characters, cut before the word or the quoted
/// phrase that the limit falls in, so that a cut never leaves a quote open. The static client
/// cuts the same way.
fn cut(query: &str) -> &str {
    let Some((end, _)) = query.char_indices().nth(MAX_QUERY) else {
        return query;
    };
    let mut text = &query[..end];
    if !query[end..].starts_with(char::is_whitespace)
        && let Some(i) = text.rfind(char::is_whitespace)
    {
        text = &text[..i];
    }
    if text.matches('"').count() % 2 == 1
        && let Some(i) = text.rfind('"')
    {
        text = &text[..i];
    }
    text
}

/// An item of the query, as tantivy queries: one per field (and per term, for fuzzy words),
/// in scoring order.
struct Clause {
    negated: bool,
    leaves: Vec<Box<dyn Query>>,
}

/// Runs a search. `vocabulary` gives the fuzzy retry its words; it is read only when needed.
pub fn search(
    ix: &SearchIndex,
    opts: &SearchOptions,
    vocabulary: &dyn Fn() -> Vocabulary,
) -> Result<Results, SearchError> {
    if let (Some(since), Some(until)) = (opts.since, opts.until)
        && since > until
    {
        return Err(SearchError(format!(
            "since {since} is after until {until}: no incident can match"
        )));
    }
    let text = cut(&opts.query);
    let mut filters = opts.flag_filters();
    let mut items = Vec::new();
    if text.trim().is_empty() {
        if filters.is_empty() {
            return Err(SearchError(
                "the query is empty: give one or more words to look for".into(),
            ));
        }
    } else {
        if !text.chars().any(char::is_alphanumeric) {
            return Err(no_words(text));
        }
        let parsed = parse(text)?;
        items = parsed.items;
        filters.extend(parsed.filters);
    }
    let reader = ix
        .index
        .reader()
        .map_err(|e| SearchError(format!("cannot read the search index: {e}")))?;
    let searcher = reader.searcher();
    let filters = resolve_filters(&searcher, &filters)?;
    let clauses = clauses(ix, &items);
    check_clauses(&clauses, &filters, text)?;
    let mut results = run(ix, &searcher, opts, &clauses, &filters, text)?;
    if results.total == 0 && clauses.iter().any(|c| !c.negated) {
        let vocabulary = vocabulary();
        // None when a word has no close word: then nothing matches, filters or not.
        if let Some((fuzzy, corrected)) = clauses_fuzzy(ix, &items, &vocabulary) {
            results = run(ix, &searcher, opts, &fuzzy, &filters, text)?;
            results.fuzzy = results.total > 0;
            results.corrected = results.fuzzy.then_some(corrected);
        }
    }
    Ok(results)
}

fn no_words(text: &str) -> SearchError {
    SearchError(format!(
        "`{}` has no words to look for",
        shorten(text.trim())
    ))
}

/// tantivy failing while it searches, in the words of a refused search.
fn failed(e: tantivy::TantivyError) -> SearchError {
    SearchError(format!("the search failed: {e}"))
}

/// A filter whose value the index holds: documents must (or, negated, must not) have `term`.
struct Resolved {
    negated: bool,
    term: Term,
}

/// Each filter's value matched to a value of its facet in the index: as written, or else the
/// one value that differs only in case (`sev1` is `SEV1`). A value no incident has is an error
/// naming the closest one; the static client gives the same message.
fn resolve_filters(searcher: &Searcher, filters: &[Filter]) -> Result<Vec<Resolved>, SearchError> {
    let mut known: HashMap<&str, Vec<String>> = HashMap::new();
    let mut out = Vec::with_capacity(filters.len());
    for filter in filters {
        let field = searcher.schema().get_field(filter.facet).map_err(failed)?;
        if !known.contains_key(filter.facet) {
            let mut collector = FacetCollector::for_field(filter.facet);
            collector.add_facet("/");
            let counts = searcher.search(&AllQuery, &collector).map_err(failed)?;
            let values = counts
                .get("/")
                .map(|(f, _)| f.to_path().join("/"))
                .collect();
            known.insert(filter.facet, values);
        }
        let values = &known[filter.facet];
        let value = match_value(filter.facet, &filter.value, values)?;
        out.push(Resolved {
            negated: filter.negated,
            term: Term::from_facet(field, &Facet::from_path([value])),
        });
    }
    Ok(out)
}

/// `value` as one of `values` (a facet's values in the index): as written, or the one value
/// that differs from it only in case. Otherwise an error that names the closest value when one
/// is within an edit (two for values longer than four letters), the first such in byte order.
fn match_value<'a>(facet: &str, value: &str, values: &'a [String]) -> Result<&'a str, SearchError> {
    if let Some(v) = values.iter().find(|v| *v == value) {
        return Ok(v);
    }
    let lower = value.to_lowercase();
    let same_but_case: Vec<&String> = values
        .iter()
        .filter(|v| v.to_lowercase() == lower)
        .collect();
    if let [one] = same_but_case.as_slice() {
        return Ok(one);
    }
    let typed: Vec<char> = lower.chars().collect();
    let max = if typed.len() <= 4 { 1 } else { 2 };
    let mut sorted: Vec<&String> = values.iter().collect();
    sorted.sort();
    let mut best: Option<(usize, &String)> = None;
    for v in sorted {
        let cand: Vec<char> = v.to_lowercase().chars().collect();
        if cand.len().abs_diff(typed.len()) > max {
            continue;
        }
        let d = super::vocab::distance(&typed, &cand);
        if d <= max && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, v));
        }
    }
    let mut message = format!("no incident has {facet} `{}`", shorten(value));
    if let Some((_, v)) = best {
        message.push_str(&format!("; did you mean `{v}`?"));
    }
    Err(SearchError(message))
}

/// The terms of an item's text, with their positions, as the index's analyzer makes them.
pub fn analyze(ix: &SearchIndex, text: &str) -> Vec<(usize, String)> {
    let mut analyzer = ix
        .index
        .tokenizers()
        .get("en_stem")
        .expect("tantivy registers en_stem");
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push((token.position, token.text.clone()));
    }
    out
}

fn fields_of(ix: &SearchIndex, item: &Item) -> Vec<(tantivy::schema::Field, f32)> {
    let all = ix.fields.text();
    match item.field {
        Some(i) => vec![(all[i], TEXT_FIELDS[i].1)],
        None => all
            .into_iter()
            .zip(TEXT_FIELDS.iter().map(|f| f.1))
            .collect(),
    }
}

fn boosted(q: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if boost == 1.0 {
        q
    } else {
        Box::new(BoostQuery::new(q, boost))
    }
}

fn term_query(field: tantivy::schema::Field, term: &str, boost: f32) -> Box<dyn Query> {
    boosted(
        Box::new(TermQuery::new(
            Term::from_field_text(field, term),
            IndexRecordOption::WithFreqs,
        )),
        boost,
    )
}

/// Exact clauses: each item's terms in each of its fields.
fn clauses(ix: &SearchIndex, items: &[Item]) -> Vec<Clause> {
    items.iter().filter_map(|i| clause(ix, i)).collect()
}

/// An item as a clause: a term query per field for a word, a phrase query per field when
/// the text has several words; `None` when it has no words at all.
fn clause(ix: &SearchIndex, item: &Item) -> Option<Clause> {
    let terms = analyze(ix, &item.text);
    let mut leaves: Vec<Box<dyn Query>> = Vec::new();
    for (field, boost) in fields_of(ix, item) {
        match terms.as_slice() {
            [] => {}
            [(_, t)] => leaves.push(term_query(field, t, boost)),
            many => {
                let terms = many
                    .iter()
                    .map(|(p, t)| (*p, Term::from_field_text(field, t)))
                    .collect();
                leaves.push(boosted(
                    Box::new(PhraseQuery::new_with_offset(terms)),
                    boost,
                ));
            }
        }
    }
    (!leaves.is_empty()).then_some(Clause {
        negated: item.negated,
        leaves,
    })
}

/// Fuzzy clauses: each single word becomes the KB's words close to it (see
/// [`Vocabulary::fuzzy`]); phrases stay exact. With them, the query as retried, each such
/// word replaced by the nearest; `None` when a word has no close word.
fn clauses_fuzzy(
    ix: &SearchIndex,
    items: &[Item],
    vocabulary: &Vocabulary,
) -> Option<(Vec<Clause>, String)> {
    let mut out = Vec::new();
    let mut retried = Vec::new();
    for item in items {
        let words = analyze_surface(&item.text);
        if words.is_empty() {
            continue;
        }
        if item.quoted || item.negated || words.len() != 1 {
            out.extend(clause(ix, item));
            retried.push(item.to_string());
            continue;
        }
        let terms = vocabulary.fuzzy(&words[0]);
        let mut leaves: Vec<Box<dyn Query>> = Vec::new();
        for (field, boost) in fields_of(ix, item) {
            for t in &terms {
                leaves.push(term_query(field, t, boost));
            }
        }
        // A word with no close word in the KB matches nothing, as it did before.
        let nearest = vocabulary.nearest(&words[0])?;
        if leaves.is_empty() {
            return None;
        }
        retried.push(
            Item {
                text: nearest.to_string(),
                ..item.clone()
            }
            .to_string(),
        );
        out.push(Clause {
            negated: false,
            leaves,
        });
    }
    Some((out, retried.join(" ")))
}

/// The lowercased words of a text, as the index splits them (before stemming).
pub fn analyze_surface(text: &str) -> Vec<String> {
    let mut analyzer =
        tantivy::tokenizer::TextAnalyzer::builder(tantivy::tokenizer::SimpleTokenizer::default())
            .filter(tantivy::tokenizer::RemoveLongFilter::limit(40))
            .filter(tantivy::tokenizer::LowerCaser)
            .build();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

/// A query shown back in a message: at most 80 characters.
fn shorten(s: &str) -> String {
    if s.chars().count() > 80 {
        s.chars().take(79).chain(['…']).collect()
    } else {
        s.to_string()
    }
}

/// A query needs a word, or a filter that selects: filters alone list what they select, but
/// exclusions alone would list nearly everything.
fn check_clauses(clauses: &[Clause], filters: &[Resolved], text: &str) -> Result<(), SearchError> {
    if clauses.iter().any(|c| !c.negated) || filters.iter().any(|f| !f.negated) {
        return Ok(());
    }
    if clauses.is_empty() && filters.is_empty() {
        return Err(no_words(text));
    }
    Err(SearchError(
        "the query has no words to look for, only -exclusions: add a word".into(),
    ))
}

/// Every (document, score) a query matches.
struct AllScores;

struct SegmentScores {
    segment: SegmentOrdinal,
    scores: Vec<(DocAddress, Score)>,
}

impl Collector for AllScores {
    type Fruit = Vec<(DocAddress, Score)>;
    type Child = SegmentScores;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _: &SegmentReader,
    ) -> tantivy::Result<SegmentScores> {
        Ok(SegmentScores {
            segment,
            scores: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.concat())
    }
}

impl SegmentCollector for SegmentScores {
    type Fruit = Vec<(DocAddress, Score)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.scores
            .push((DocAddress::new(self.segment, doc), score));
    }

    fn harvest(self) -> Self::Fruit {
        self.scores
    }
}

/// Ranks what `clauses` and `filters` match; [`check_clauses`] has made sure that something
/// selects (a positive clause or filter).
fn run(
    ix: &SearchIndex,
    searcher: &Searcher,
    opts: &SearchOptions,
    clauses: &[Clause],
    filters: &[Resolved],
    text: &str,
) -> Result<Results, SearchError> {
    let has_words = clauses.iter().any(|c| !c.negated);
    let matcher = with_filters(&ix.fields, matcher(clauses), filters, opts);
    let matched: HashSet<DocAddress> = searcher
        .search(&matcher, &DocSetCollector)
        .map_err(failed)?;
    // Without words there is no relevance: filters alone list the newest first.
    let sort = if has_words { opts.sort } else { Sort::Newest };
    let mut ranked: Vec<(DocAddress, Score)> = match sort {
        Sort::Relevance => {
            let mut leaf_scores: Vec<HashMap<DocAddress, Score>> = Vec::new();
            for clause in clauses.iter().filter(|c| !c.negated) {
                for leaf in &clause.leaves {
                    let scores = searcher.search(leaf.as_ref(), &AllScores).map_err(failed)?;
                    leaf_scores.push(
                        scores
                            .into_iter()
                            .filter(|(d, _)| matched.contains(d))
                            .collect(),
                    );
                }
            }
            let mut ranked: Vec<(DocAddress, Score)> = matched
                .iter()
                .map(|d| {
                    let mut score: Score = 0.0;
                    for leaf in &leaf_scores {
                        if let Some(s) = leaf.get(d) {
                            score += s;
                        }
                    }
                    (*d, score)
                })
                .collect();
            ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
            let keys = KeyColumns::new(searcher)?;
            sort_ties(
                &mut ranked,
                opts.limit,
                |a, b| a.1 == b.1,
                |d| keys.key(d.0),
            );
            ranked
        }
        Sort::Newest => {
            let keys = KeyColumns::new(searcher)?;
            let mut keyed: Vec<(DocAddress, i64)> =
                matched.iter().map(|d| (*d, keys.started(*d))).collect();
            keyed.sort_by_key(|k| std::cmp::Reverse(k.1));
            sort_ties(&mut keyed, opts.limit, |a, b| a.1 == b.1, |d| keys.key(d.0));
            keyed.into_iter().map(|(d, _)| (d, 0.0)).collect()
        }
    };
    let total = ranked.len();
    ranked.truncate(opts.limit);
    let highlight = matcher_positive(clauses);
    let snippets =
        SnippetGenerator::create(searcher, &*highlight, ix.fields.body).map_err(failed)?;
    let mut hits = Vec::with_capacity(ranked.len());
    for (address, score) in ranked {
        let doc: TantivyDocument = searcher.doc(address).map_err(failed)?;
        let get = |f| {
            doc.get_first(f)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let severity = doc
            .get_first(ix.fields.severity)
            .and_then(|v| v.as_facet())
            .map(|f| f.trim_start_matches('/').to_string())
            .unwrap_or_default();
        hits.push(Hit {
            id: get(ix.fields.id),
            title: get(ix.fields.title),
            date: get(ix.fields.date),
            severity,
            score,
            snippet: snippet(&snippets, &doc, ix),
        });
    }
    Ok(Results {
        query: text.to_string(),
        total,
        fuzzy: false,
        corrected: None,
        hits,
        facets: facets(searcher, &*matcher)?,
    })
}

/// Per segment, the columns a document's order key is read from (see
/// [`super::order_key`]): its start time to the second, and its id.
struct KeyColumns {
    started: Vec<tantivy::columnar::Column<DateTime>>,
    ids: Vec<Option<tantivy::columnar::StrColumn>>,
}

impl KeyColumns {
    fn new(searcher: &Searcher) -> Result<KeyColumns, SearchError> {
        let mut keys = KeyColumns {
            started: Vec::new(),
            ids: Vec::new(),
        };
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            keys.started.push(fast.date("started").map_err(failed)?);
            keys.ids.push(fast.str("id").map_err(failed)?);
        }
        Ok(keys)
    }

    fn started(&self, d: DocAddress) -> i64 {
        self.started[d.segment_ord as usize]
            .first(d.doc_id)
            .map_or(i64::MIN, |t| t.into_timestamp_secs())
    }

    /// The document's place in the order: newest first, then by id.
    fn key(&self, d: DocAddress) -> (std::cmp::Reverse<i64>, String) {
        let mut id = String::new();
        if let Some(ids) = &self.ids[d.segment_ord as usize]
            && let Some(ord) = ids.term_ords(d.doc_id).next()
        {
            let _ = ids.ord_to_str(ord, &mut id);
        }
        (std::cmp::Reverse(self.started(d)), id)
    }
}

/// Puts each run of neighbours that `same` calls equal (in a list sorted by score or date) in
/// the order of `key`, for the runs that reach into the first `shown` places; later ones are
/// not shown, so their order does not matter.
fn sort_ties<T, K: Ord>(
    list: &mut [T],
    shown: usize,
    same: impl Fn(&T, &T) -> bool,
    key: impl Fn(&T) -> K,
) {
    let mut start = 0;
    while start < list.len() && start < shown.max(1) {
        let mut end = start + 1;
        while end < list.len() && same(&list[start], &list[end]) {
            end += 1;
        }
        if end - start > 1 {
            list[start..end].sort_by_cached_key(&key);
        }
        start = end;
    }
}

/// Characters of the summary shown when the body has no matched word to show.
const SUMMARY_SNIPPET: usize = 160;

/// A fragment of the body with the matched words in `<b>`; when the body has none (the words
/// matched elsewhere, or the query has only filters), the start of the summary.
fn snippet(snippets: &SnippetGenerator, doc: &TantivyDocument, ix: &SearchIndex) -> String {
    let html = snippets.snippet_from_doc(doc).to_html();
    if !html.is_empty() {
        return html;
    }
    let summary = doc
        .get_first(ix.fields.summary)
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    let cut: String = summary.chars().take(SUMMARY_SNIPPET).collect();
    crate::render::escape(&cut)
}

/// The boolean query that decides which documents match (scores come from the leaves).
/// Without a positive clause, every document does, before filters.
fn matcher(clauses: &[Clause]) -> Box<dyn Query> {
    let mut parts: Vec<(Occur, Box<dyn Query>)> = clauses
        .iter()
        .map(|c| {
            let any: Box<dyn Query> = Box::new(BooleanQuery::new(
                c.leaves
                    .iter()
                    .map(|l| (Occur::Should, l.box_clone()))
                    .collect(),
            ));
            if c.negated {
                (Occur::MustNot, Box::new(Gathered(any)) as Box<dyn Query>)
            } else {
                (Occur::Must, any)
            }
        })
        .collect();
    if !clauses.iter().any(|c| !c.negated) {
        parts.push((Occur::Must, Box::new(AllQuery)));
    }
    Box::new(BooleanQuery::new(parts))
}

/// A query's documents gathered into a set before it is used, unscored: how excluded words
/// and phrases are matched. Tantivy's phrase scorer, used as an exclusion set as it is, trips
/// an assertion of its own (`PhraseScorer::seek_danger` expects targets it has not passed),
/// which builds with debug assertions turn into a panic.
#[derive(Debug)]
struct Gathered(Box<dyn Query>);

impl Clone for Gathered {
    fn clone(&self) -> Self {
        Gathered(self.0.box_clone())
    }
}

impl Query for Gathered {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let unscored = EnableScoring::disabled_from_schema(scoring.schema());
        Ok(Box::new(GatheredWeight(self.0.weight(unscored)?)))
    }
}

struct GatheredWeight(Box<dyn Weight>);

impl Weight for GatheredWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut docs = BitSet::with_max_value(reader.max_doc());
        self.0.for_each_no_score(reader, &mut |found| {
            for &d in found {
                docs.insert(d);
            }
        })?;
        Ok(Box::new(ConstScorer::new(BitSetDocSet::from(docs), boost)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

/// The query's positive words, for highlighting.
fn matcher_positive(clauses: &[Clause]) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        clauses
            .iter()
            .filter(|c| !c.negated)
            .flat_map(|c| c.leaves.iter().map(|l| (Occur::Should, l.box_clone())))
            .collect(),
    ))
}

fn with_filters(
    f: &Fields,
    words: Box<dyn Query>,
    filters: &[Resolved],
    o: &SearchOptions,
) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, words)];
    for filter in filters {
        let occur = if filter.negated {
            Occur::MustNot
        } else {
            Occur::Must
        };
        clauses.push((
            occur,
            Box::new(TermQuery::new(
                filter.term.clone(),
                IndexRecordOption::Basic,
            )),
        ));
    }
    // Days as the incident's page shows them: in its own time zone, not UTC.
    if o.since.is_some() || o.until.is_some() {
        let day = |d: Date| Term::from_field_text(f.date, &d.to_string());
        let lower = o
            .since
            .map_or(Bound::Unbounded, |d| Bound::Included(day(d)));
        let upper = o
            .until
            .map_or(Bound::Unbounded, |d| Bound::Included(day(d)));
        clauses.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
    }
    Box::new(BooleanQuery::new(clauses))
}

fn facets(searcher: &Searcher, query: &dyn Query) -> Result<Facets, SearchError> {
    let mut out = Facets::new();
    for name in FACETS {
        let mut collector = FacetCollector::for_field(*name);
        collector.add_facet("/");
        let counts = searcher.search(query, &collector).map_err(failed)?;
        let mut values: Vec<(String, u64)> = counts
            .get("/")
            .map(|(f, n)| (f.to_path().join("/"), n))
            .collect();
        values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out.insert(name, values);
    }
    Ok(out)
}
