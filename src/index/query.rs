//! Queries: the user's words (AND by default, "quoted phrases", -excluded, field:value) plus
//! filters (flags, or `facet:value` in the query) -> ranked hits with snippets (plain text and
//! highlight ranges, see [`super::results`]) and facet counts of the result set. When a query
//! finds nothing, each word is tried again as the KB's words within one or two edits, and the
//! results say so. A query of filters alone lists the incidents they select, newest first. A
//! filter value no incident has is an error that names the closest value, so a typo does not
//! pass for "no results". Searching as you type ([`SearchOptions::prefix`]), the word being
//! typed also matches the KB's words it starts and a filter value being typed the values it
//! starts, by the rule the static client follows (the contract's `completions` and
//! `completion_window`).
//!
//! Ranking is tantivy's BM25 (the contract's k1 and b, f32): every (item, field, term) of the
//! query is a tantivy term or phrase query, scored by tantivy, and a document's score is the
//! sum of those scores added in query order, item by item, field by field (the contract's
//! field order). Ties go to the newest incident, then the smaller id (not to the index's
//! layout, which changes from build to build). Fixing the order of the additions is what lets
//! the static site's client reproduce every score bit for bit.

use super::contract::{FIELDS, FILTERS, LIMITS};
use super::error::SearchError;
use super::parse::{Filter, Item, parse};
use super::results::{FacetCount, Facets, HIGHLIGHT_UNIT, Hit, Results, Snippet};
use super::vocab::Vocabulary;
use super::{Fields, SearchIndex};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Bound;
use tantivy::collector::{Collector, FacetCollector, MultiCollector, SegmentCollector};
use tantivy::query::{
    AllQuery, BitSetDocSet, BooleanQuery, BoostQuery, ConstScorer, EmptyQuery, EnableScoring,
    Explanation, Occur, PhraseQuery, Query, RangeQuery, Scorer, TermQuery, Weight,
};
use tantivy::schema::{Facet, Field, IndexRecordOption, Value};
use tantivy::snippet::{SnippetGenerator, collapse_overlapped_ranges};
use tantivy::{
    BitSet, DateTime, DocAddress, DocId, DocSet, Score, Searcher, SegmentOrdinal, SegmentReader,
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
    /// Results to skip before the first one returned: a later page.
    pub offset: usize,
    /// Search as you type: the word or filter value that ends the query (unless a space
    /// follows it) is still being typed, and matches what it starts.
    pub prefix: bool,
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
                end: None,
            })
        })
        .collect()
    }
}

/// The query as searched: at most the contract's `query_chars` characters, cut before the
/// word or the quoted phrase that the limit falls in, so that a cut never leaves a quote open.
/// The static client cuts the same way.
fn cut(query: &str) -> &str {
    let Some((end, _)) = query.char_indices().nth(LIMITS.query_chars) else {
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

/// An item of the query, as tantivy queries: one per field (and per term, for fuzzy and
/// completed words), in scoring order. A positive clause without leaves matches nothing.
struct Clause {
    negated: bool,
    leaves: Vec<Box<dyn Query>>,
}

/// Runs a search. `vocabulary` gives the fuzzy retry and completions their words; it is read
/// only when needed.
pub fn search(
    ix: &SearchIndex,
    opts: &SearchOptions,
    vocabulary: &dyn Fn() -> Vocabulary,
) -> Result<Results, SearchError> {
    if let (Some(since), Some(until)) = (opts.since, opts.until)
        && since > until
    {
        return Err(SearchError::BadDateRange { since, until });
    }
    let text = cut(&opts.query);
    let (items, filters) = read(text, opts)?;
    // Search as you type: the token that ends the query is still being typed.
    let typing = (opts.prefix && !text.ends_with(char::is_whitespace)).then_some(text.len());
    let reader = ix.index.reader()?;
    let searcher = reader.searcher();
    let filters = resolve_filters(&searcher, &filters, typing)?;
    let loaded = std::cell::OnceCell::new();
    let vocabulary = || loaded.get_or_init(vocabulary);
    let open = typing.and_then(|end| items.iter().position(|i| i.end == end));
    let clauses = clauses(ix, &searcher, &items, open, &vocabulary)?;
    check_clauses(&clauses, &filters, text)?;
    let mut results = run(ix, &searcher, opts, &clauses, &filters, text)?;
    if results.total == 0 && clauses.iter().any(|c| !c.negated) {
        // None when a word has no close word: then nothing matches, filters or not.
        if let Some((fuzzy, corrected)) = clauses_fuzzy(ix, &items, vocabulary()) {
            results = run(ix, &searcher, opts, &fuzzy, &filters, text)?;
            results.fuzzy = results.total > 0;
            results.corrected = results.fuzzy.then_some(corrected);
        }
    }
    Ok(results)
}

/// The query's items and its filters (the flags' first), or why there are none.
fn read(text: &str, opts: &SearchOptions) -> Result<(Vec<Item>, Vec<Filter>), SearchError> {
    let mut filters = opts.flag_filters();
    if text.trim().is_empty() {
        if filters.is_empty() {
            return Err(SearchError::Empty);
        }
        return Ok((Vec::new(), filters));
    }
    if !text.chars().any(char::is_alphanumeric) {
        return Err(no_words(text));
    }
    let parsed = parse(text)?;
    filters.extend(parsed.filters);
    Ok((parsed.items, filters))
}

fn no_words(text: &str) -> SearchError {
    SearchError::NoWords {
        query: text.trim().to_string(),
    }
}

/// A filter whose values the index holds: documents must (or, negated, must not) have one
/// of `terms`.
struct Resolved {
    negated: bool,
    terms: Vec<Term>,
}

/// Each filter's value matched to a value of its facet in the index: as written, or else the
/// one value that differs only in case (`sev1` is `SEV1`); a value being typed (it ends at
/// `typing`) that matches none stands for every value it starts (`severity:se`). A value no
/// incident has is an error naming the closest one; the static client does the same.
fn resolve_filters(
    searcher: &Searcher,
    filters: &[Filter],
    typing: Option<usize>,
) -> Result<Vec<Resolved>, SearchError> {
    let mut known: HashMap<&str, Vec<String>> = HashMap::new();
    let mut out = Vec::with_capacity(filters.len());
    for filter in filters {
        let field = searcher.schema().get_field(filter.facet)?;
        if !known.contains_key(filter.facet) {
            let mut collector = FacetCollector::for_field(filter.facet);
            collector.add_facet("/");
            let counts = searcher.search(&AllQuery, &collector)?;
            let values = counts
                .get("/")
                .map(|(f, _)| f.to_path().join("/"))
                .collect();
            known.insert(filter.facet, values);
        }
        let values = &known[filter.facet];
        let chosen = match match_value(filter.facet, &filter.value, values) {
            Ok(value) => vec![value],
            Err(refused) => {
                let open = typing.is_some() && filter.end == typing;
                let lower = filter.value.to_lowercase();
                let started: Vec<&str> = values
                    .iter()
                    .filter(|v| open && v.to_lowercase().starts_with(&lower))
                    .map(String::as_str)
                    .collect();
                if started.is_empty() {
                    return Err(refused);
                }
                started
            }
        };
        out.push(Resolved {
            negated: filter.negated,
            terms: chosen
                .into_iter()
                .map(|v| Term::from_facet(field, &Facet::from_path([v])))
                .collect(),
        });
    }
    Ok(out)
}

/// `value` as one of `values` (a facet's values in the index): as written, or the one value
/// that differs from it only in case. Otherwise an error that names the closest value within
/// the contract's `value_edits`, the first such in byte order.
fn match_value<'a>(
    facet: &'static str,
    value: &str,
    values: &'a [String],
) -> Result<&'a str, SearchError> {
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
    let max = LIMITS.value_edits.max(typed.len());
    let mut sorted: Vec<&String> = values.iter().collect();
    sorted.sort();
    let mut best: Option<(usize, &String)> = None;
    for v in sorted {
        let cand = v.to_lowercase();
        if cand.chars().count().abs_diff(typed.len()) > max {
            continue;
        }
        let d = super::vocab::distance(&lower, &cand);
        if d <= max && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, v));
        }
    }
    Err(SearchError::UnknownValue {
        filter: facet,
        value: value.to_string(),
        closest: best.map(|(_, v)| v.clone()),
    })
}

/// The terms of an item's text, with their positions, as the index's analyzer makes them.
pub fn analyze(ix: &SearchIndex, text: &str) -> Vec<(usize, String)> {
    let mut analyzer = ix
        .index
        .tokenizers()
        .get(super::stem::NAME)
        .expect("the index registers its analyzer");
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push((token.position, token.text.clone()));
    }
    out
}

fn fields_of(ix: &SearchIndex, item: &Item) -> Vec<(Field, f32)> {
    let all = ix.fields.text();
    match item.field {
        Some(i) => vec![(all[i], FIELDS[i].boost)],
        None => all
            .into_iter()
            .zip(FIELDS.iter().map(|f| f.boost))
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

fn term_query(field: Field, term: &str, boost: f32) -> Box<dyn Query> {
    boosted(
        Box::new(TermQuery::new(
            Term::from_field_text(field, term),
            IndexRecordOption::WithFreqs,
        )),
        boost,
    )
}

/// The query's items as clauses: each item's terms in each of its fields; the word being
/// typed (the item `open`, a single word, neither quoted nor excluded) as any of its
/// completions.
fn clauses<'v>(
    ix: &SearchIndex,
    searcher: &Searcher,
    items: &[Item],
    open: Option<usize>,
    vocabulary: &dyn Fn() -> &'v Vocabulary,
) -> Result<Vec<Clause>, SearchError> {
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        if open == Some(i)
            && !item.quoted
            && !item.negated
            && let [word] = analyze_surface(&item.text).as_slice()
        {
            let terms = completions(ix, searcher, vocabulary(), word)?;
            out.push(any_of(ix, item, &terms));
            continue;
        }
        out.extend(clause(ix, item));
    }
    Ok(out)
}

/// The terms a word being typed stands for: those of the KB's words that start with it, as
/// [`Vocabulary::complete`] picks them by how many documents have them, and the word's own
/// term when it is a word of the KB.
fn completions(
    ix: &SearchIndex,
    searcher: &Searcher,
    vocabulary: &Vocabulary,
    word: &str,
) -> Result<Vec<String>, SearchError> {
    let fields = ix.fields.text();
    let mut known: HashMap<String, u64> = HashMap::new();
    let mut df = |term: &str| -> Result<u64, SearchError> {
        if let Some(&n) = known.get(term) {
            return Ok(n);
        }
        let n = live_doc_freq(searcher, &fields, term)?;
        known.insert(term.to_string(), n);
        Ok(n)
    };
    let mut terms = vocabulary.complete(word, &mut df)?;
    if let Some(exact) = vocabulary.words.get(word)
        && !terms.contains(exact)
        && df(exact)? > 0
    {
        terms.push(exact.clone());
        terms.sort();
    }
    Ok(terms)
}

/// Documents, deleted ones left out, with `term` in any of `fields`: the document frequency
/// the static search's vocabulary carries.
fn live_doc_freq(searcher: &Searcher, fields: &[Field], term: &str) -> Result<u64, SearchError> {
    let mut n = 0;
    for segment in searcher.segment_readers() {
        let mut docs = BitSet::with_max_value(segment.max_doc());
        for &field in fields {
            let inverted = segment.inverted_index(field)?;
            let postings = inverted
                .read_postings(
                    &Term::from_field_text(field, term),
                    IndexRecordOption::Basic,
                )
                .map_err(|e| SearchError::Failed(anyhow::Error::new(e)))?;
            let Some(mut postings) = postings else {
                continue;
            };
            let mut doc = postings.doc();
            while doc != tantivy::TERMINATED {
                if !segment.is_deleted(doc) {
                    docs.insert(doc);
                }
                doc = postings.advance();
            }
        }
        n += docs.len() as u64;
    }
    Ok(n)
}

/// A clause that matches any of `terms` in the item's fields: a term query per field and
/// term, field by field.
fn any_of(ix: &SearchIndex, item: &Item, terms: &[String]) -> Clause {
    let mut leaves: Vec<Box<dyn Query>> = Vec::new();
    for (field, boost) in fields_of(ix, item) {
        for t in terms {
            leaves.push(term_query(field, t, boost));
        }
    }
    Clause {
        negated: item.negated,
        leaves,
    }
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
        // A word with no close word in the KB matches nothing, as it did before.
        let nearest = vocabulary.nearest(&words[0])?;
        if terms.is_empty() {
            return None;
        }
        retried.push(
            Item {
                text: nearest.to_string(),
                ..item.clone()
            }
            .to_string(),
        );
        out.push(any_of(ix, item, &terms));
    }
    Some((out, retried.join(" ")))
}

/// The lowercased words of a text, as the index splits them (before stemming).
pub fn analyze_surface(text: &str) -> Vec<String> {
    let mut analyzer =
        tantivy::tokenizer::TextAnalyzer::builder(tantivy::tokenizer::SimpleTokenizer::default())
            .filter(tantivy::tokenizer::RemoveLongFilter::limit(
                LIMITS.word_bytes,
            ))
            .filter(tantivy::tokenizer::LowerCaser)
            .build();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
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
    Err(SearchError::OnlyExclusions)
}

/// Every (document, score) a query matches, unsorted; without `scored`, the query computes no
/// scores and those given mean nothing. (A list: hashing each document into a set was a tenth of
/// a search of two common words at 100k incidents.)
struct AllScores {
    scored: bool,
}

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
        self.scored
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

/// Ranks what `clauses` and `filters` match, and returns the page `opts` asks for;
/// [`check_clauses`] has made sure that something selects (a positive clause or filter).
fn run(
    ix: &SearchIndex,
    searcher: &Searcher,
    opts: &SearchOptions,
    clauses: &[Clause],
    filters: &[Resolved],
    text: &str,
) -> Result<Results, SearchError> {
    let matcher = with_filters(&ix.fields, matcher(clauses), filters, opts);
    let unscored = AllScores { scored: false };
    let mut matched: Vec<DocAddress> = (searcher.search(&matcher, &unscored)?.into_iter())
        .map(|(d, _)| d)
        .collect();
    matched.sort_unstable();
    let ranked = rank(searcher, opts, clauses, &matched)?;
    let total = ranked.len();
    let page = ranked.into_iter().skip(opts.offset).take(opts.limit);
    Ok(Results {
        query: text.to_string(),
        total,
        fuzzy: false,
        corrected: None,
        highlight_unit: HIGHLIGHT_UNIT,
        hits: hits(ix, searcher, clauses, page)?,
        facets: facets(searcher, &*matcher)?,
    })
}

/// The `matched` documents in order: by score, each the sum of its leaves' scores in query
/// order; newest first when asked, or when the query has no words to score.
fn rank(
    searcher: &Searcher,
    opts: &SearchOptions,
    clauses: &[Clause],
    matched: &[DocAddress],
) -> Result<Vec<(DocAddress, Score)>, SearchError> {
    let has_words = clauses.iter().any(|c| !c.negated);
    let shown = opts.offset.saturating_add(opts.limit);
    let keys = KeyColumns::new(searcher)?;
    if !has_words || opts.sort == Sort::Newest {
        let mut keyed: Vec<(DocAddress, i64)> =
            matched.iter().map(|d| (*d, keys.started(*d))).collect();
        keyed.sort_by_key(|k| std::cmp::Reverse(k.1));
        sort_ties(&mut keyed, shown, |a, b| a.1 == b.1, |d| keys.key(d.0));
        return Ok(keyed.into_iter().map(|(d, _)| (d, 0.0)).collect());
    }
    // Each matched document's score, its leaves' added leaf by leaf (in f32, from 0) as the
    // query orders them: `matched` is sorted, so a document's place is found by halving.
    let mut scores: Vec<Score> = vec![0.0; matched.len()];
    for clause in clauses.iter().filter(|c| !c.negated) {
        for leaf in &clause.leaves {
            for (d, s) in searcher.search(leaf.as_ref(), &AllScores { scored: true })? {
                if let Ok(at) = matched.binary_search(&d) {
                    scores[at] += s;
                }
            }
        }
    }
    let mut ranked: Vec<(DocAddress, Score)> = matched.iter().copied().zip(scores).collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    sort_ties(&mut ranked, shown, |a, b| a.1 == b.1, |d| keys.key(d.0));
    Ok(ranked)
}

/// The hits of a page of results: stored fields, and the matched words highlighted in the
/// title and in a fragment of the body.
fn hits(
    ix: &SearchIndex,
    searcher: &Searcher,
    clauses: &[Clause],
    page: impl Iterator<Item = (DocAddress, Score)>,
) -> Result<Vec<Hit>, SearchError> {
    let highlight = matcher_positive(clauses);
    let body = SnippetGenerator::create(searcher, &*highlight, ix.fields.body)?;
    let mut title = SnippetGenerator::create(searcher, &*highlight, ix.fields.title)?;
    title.set_max_num_chars(WHOLE_TITLE);
    let mut hits = Vec::new();
    for (address, score) in page {
        let doc: TantivyDocument = searcher.doc(address)?;
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
        let title_text = get(ix.fields.title);
        hits.push(Hit {
            id: get(ix.fields.id),
            title_highlights: title_highlights(&title, &title_text),
            title: title_text,
            date: get(ix.fields.date),
            severity,
            score,
            snippet: snippet(&body, &doc, ix),
        });
    }
    Ok(hits)
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
            keys.started.push(fast.date("started")?);
            keys.ids.push(fast.str("id")?);
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
/// A title is highlighted whole: the snippet generator's fragment is at least this long.
const WHOLE_TITLE: usize = 100_000;

/// The matched words of a title.
fn title_highlights(generator: &SnippetGenerator, title: &str) -> Vec<[usize; 2]> {
    let found = generator.snippet(title);
    let base = found.fragment_range().start;
    let ranges: Vec<std::ops::Range<usize>> = collapse_overlapped_ranges(found.highlighted())
        .into_iter()
        .map(|r| base + r.start..base + r.end)
        .collect();
    Snippet::from_byte_ranges(title.to_string(), &ranges).highlights
}

/// A fragment of the body with the matched words highlighted; when the body has none (the
/// words matched elsewhere, or the query has only filters), the start of the summary.
fn snippet(generator: &SnippetGenerator, doc: &TantivyDocument, ix: &SearchIndex) -> Snippet {
    let found = generator.snippet_from_doc(doc);
    if !found.fragment().is_empty() {
        let ranges = collapse_overlapped_ranges(found.highlighted());
        return Snippet::from_byte_ranges(found.fragment().to_string(), &ranges);
    }
    let summary = doc
        .get_first(ix.fields.summary)
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    Snippet {
        text: summary.chars().take(SUMMARY_SNIPPET).collect(),
        highlights: Vec::new(),
    }
}

/// The boolean query that decides which documents match (scores come from the leaves).
/// Without a positive clause, every document does, before filters.
fn matcher(clauses: &[Clause]) -> Box<dyn Query> {
    let mut parts: Vec<(Occur, Box<dyn Query>)> = clauses
        .iter()
        .map(|c| {
            // A word being typed that starts no word of the KB has no leaves: it matches
            // nothing (and the fuzzy retry takes over).
            let any: Box<dyn Query> = if c.leaves.is_empty() {
                Box::new(EmptyQuery)
            } else {
                Box::new(BooleanQuery::new(
                    c.leaves
                        .iter()
                        .map(|l| (Occur::Should, l.box_clone()))
                        .collect(),
                ))
            };
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
        let any = filter
            .terms
            .iter()
            .map(|t| {
                let q: Box<dyn Query> =
                    Box::new(TermQuery::new(t.clone(), IndexRecordOption::Basic));
                (Occur::Should, q)
            })
            .collect();
        clauses.push((occur, Box::new(BooleanQuery::new(any))));
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
    // Every facet counted in one pass over what the query matches.
    let mut all = MultiCollector::new();
    let handles: Vec<_> = (FILTERS.iter())
        .map(|filter| {
            let mut collector = FacetCollector::for_field(filter.name);
            collector.add_facet("/");
            all.add_collector(collector)
        })
        .collect();
    let mut fruits = searcher.search(query, &all)?;
    let mut out = Facets::new();
    for (filter, handle) in FILTERS.iter().zip(handles) {
        let counts = handle.extract(&mut fruits);
        let mut values: Vec<FacetCount> = counts
            .get("/")
            .map(|(f, count)| FacetCount {
                value: f.to_path().join("/"),
                count,
            })
            .collect();
        values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        out.insert(filter.name, values);
    }
    Ok(out)
}
