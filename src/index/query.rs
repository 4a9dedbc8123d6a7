//! Queries: the user's words (AND by default, "quoted phrases", -excluded, field:value) plus
//! filters -> ranked hits with highlighted snippets and facet counts of the result set. When a
//! query finds nothing, it is tried again with fuzzy words (two edits) and says so.

use super::{Fields, SearchIndex, TEXT_FIELDS};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::Bound;
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DateTime, Order, Searcher, TantivyDocument, Term};

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

const FACETS: &[&str] = &["severity", "service", "cause", "category", "tag", "year"];
/// Longer queries are cut: nobody types more, and a pasted log should not stall the search.
const MAX_QUERY: usize = 1000;

fn parser(ix: &SearchIndex, fuzzy: bool) -> QueryParser {
    let schema = ix.index.schema();
    let fields: Vec<_> = TEXT_FIELDS
        .iter()
        .filter_map(|(n, _)| schema.get_field(n).ok())
        .collect();
    let mut p = QueryParser::for_index(&ix.index, fields.clone());
    p.set_conjunction_by_default();
    for ((_, boost), field) in TEXT_FIELDS.iter().zip(&fields) {
        p.set_field_boost(*field, *boost);
        if fuzzy {
            // Two edits: the fuzzy match applies to the stemmed term, where a one-letter typo
            // ("certficate") can be two edits from the stem ("certif").
            p.set_field_fuzzy(*field, false, 2, true);
        }
    }
    p
}

/// Runs a search.
pub fn search(ix: &SearchIndex, opts: &SearchOptions) -> Result<Results, SearchError> {
    let text: String = opts.query.chars().take(MAX_QUERY).collect();
    if text.trim().is_empty() {
        return Err(SearchError(
            "the query is empty: give one or more words to look for".into(),
        ));
    }
    if !text.chars().any(char::is_alphanumeric) {
        return Err(SearchError(format!(
            "`{}` has no words to look for",
            text.trim()
        )));
    }
    let reader = ix
        .index
        .reader()
        .map_err(|e| SearchError(format!("cannot read the search index: {e}")))?;
    let searcher = reader.searcher();
    let words = parser(ix, false)
        .parse_query(&text)
        .map_err(|e| explain(&e))?;
    let mut results = run(ix, &searcher, opts, words, &text)?;
    if results.total == 0 {
        let fuzzy = parser(ix, true)
            .parse_query(&text)
            .map_err(|e| explain(&e))?;
        results = run(ix, &searcher, opts, fuzzy, &text)?;
        results.fuzzy = results.total > 0;
    }
    Ok(results)
}

fn explain(e: &tantivy::query::QueryParserError) -> SearchError {
    use tantivy::query::QueryParserError as E;
    let fields: Vec<&str> = TEXT_FIELDS.iter().map(|(n, _)| *n).collect();
    SearchError(match e {
        E::FieldDoesNotExist(f) => format!(
            "`{f}:` is not a field; search in one of {}, or use the --severity, --service, --cause, --category and --tag filters",
            fields.join(", ")
        ),
        E::SyntaxError(_) => {
            "the query could not be read: check its quotes (\"...\") and parentheses".into()
        }
        other => format!("the query could not be read: {other}"),
    })
}

fn run(
    ix: &SearchIndex,
    searcher: &Searcher,
    opts: &SearchOptions,
    words: Box<dyn Query>,
    text: &str,
) -> Result<Results, SearchError> {
    let query = with_filters(&ix.fields, words, opts);
    let fail = |e: tantivy::TantivyError| SearchError(format!("the search failed: {e}"));
    let limit = opts.limit.max(1);
    let total = searcher.search(&query, &Count).map_err(fail)?;
    let addresses: Vec<(f32, tantivy::DocAddress)> = match opts.sort {
        Sort::Relevance => searcher
            .search(&query, &TopDocs::with_limit(limit).order_by_score())
            .map_err(fail)?,
        Sort::Newest => searcher
            .search(
                &query,
                &TopDocs::with_limit(limit).order_by_fast_field::<DateTime>("started", Order::Desc),
            )
            .map_err(fail)?
            .into_iter()
            .map(|(_, a)| (0.0, a))
            .collect(),
    };
    let snippets = SnippetGenerator::create(searcher, &*query, ix.fields.body).map_err(fail)?;
    let mut hits = Vec::with_capacity(addresses.len());
    for (score, address) in addresses {
        let doc: TantivyDocument = searcher.doc(address).map_err(fail)?;
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
            snippet: snippets.snippet_from_doc(&doc).to_html(),
        });
    }
    Ok(Results {
        query: text.to_string(),
        total,
        fuzzy: false,
        hits,
        facets: facets(searcher, &*query)?,
    })
}

fn with_filters(f: &Fields, words: Box<dyn Query>, o: &SearchOptions) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, words)];
    let filters = [
        (f.severity, &o.severity),
        (f.services, &o.service),
        (f.cause_ids, &o.cause),
        (f.categories, &o.category),
        (f.tags, &o.tag),
    ];
    for (field, value) in filters {
        if let Some(v) = value {
            let term = Term::from_facet(field, &Facet::from_path([v.as_str()]));
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            ));
        }
    }
    if o.since.is_some() || o.until.is_some() {
        let at = |d: Date| {
            Term::from_field_date(
                f.started,
                DateTime::from_timestamp_secs(
                    d.to_zoned(jiff::tz::TimeZone::UTC)
                        .map_or(0, |z| z.timestamp().as_second()),
                ),
            )
        };
        let lower = o.since.map_or(Bound::Unbounded, |d| Bound::Included(at(d)));
        let upper = o
            .until
            .and_then(|d| d.tomorrow().ok())
            .map_or(Bound::Unbounded, |d| Bound::Excluded(at(d)));
        clauses.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
    }
    Box::new(BooleanQuery::new(clauses))
}

fn facets(searcher: &Searcher, query: &dyn Query) -> Result<Facets, SearchError> {
    let mut out = Facets::new();
    for name in FACETS {
        let mut collector = FacetCollector::for_field(*name);
        collector.add_facet("/");
        let counts = searcher
            .search(query, &collector)
            .map_err(|e| SearchError(format!("the search failed: {e}")))?;
        let mut values: Vec<(String, u64)> = counts
            .get("/")
            .map(|(f, n)| (f.to_path().join("/"), n))
            .collect();
        values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out.insert(name, values);
    }
    Ok(out)
}
