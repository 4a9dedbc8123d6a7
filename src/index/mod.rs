//! Search index: the KB -> a tantivy index in `<root>/.hindsight/index`, kept up to date
//! incrementally (an incident whose content hash is unchanged is not re-indexed; a deleted one
//! is removed), queries against it for `hindsight search` and `/api/search`, and the static
//! site's search files derived from it. English stemming, so "deploy" finds "deployment"; the
//! title counts three times as much as the body. What the two searches must agree on is
//! written once, in [`contract`]; the files' formats are in [`format`] and
//! `docs/search-format.md`.

pub mod contract;
mod error;
pub mod export;
pub mod format;
pub mod pairs;
mod parse;
mod query;
pub mod related;
mod results;
mod stem;
pub mod vocab;

pub use error::SearchError;
pub use query::{SearchOptions, Sort, search};
pub use results::{FacetCount, Facets, HIGHLIGHT_UNIT, Hit, Results, Snippet};
pub use vocab::Vocabulary;
use vocab::{Words, add_words};

use crate::model::{Incident, KnowledgeBase};
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};
use tantivy::directory::error::LockError;
use tantivy::schema::{
    FAST, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions, Value,
};
use tantivy::{DateTime, Index, IndexWriter, TantivyDocument, Term, doc};

/// The fields of the index.
#[derive(Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub hash: Field,
    pub title: Field,
    pub summary: Field,
    pub body: Field,
    pub causes: Field,
    pub impact: Field,
    pub actions: Field,
    pub severity: Field,
    pub services: Field,
    pub teams: Field,
    pub tags: Field,
    pub cause_ids: Field,
    pub categories: Field,
    pub status: Field,
    pub year: Field,
    pub started: Field,
    pub date: Field,
    /// The hashes of the pairs of terms side by side in the document's texts ([`pairs`]).
    pub pairs: Field,
}

impl Fields {
    /// The text fields, in the order of [`contract::FIELDS`].
    pub fn text(&self) -> Vec<Field> {
        vec![
            self.title,
            self.summary,
            self.body,
            self.causes,
            self.impact,
            self.actions,
        ]
    }
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let stemmed = TextFieldIndexing::default()
        .set_tokenizer(stem::NAME)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let text = TextOptions::default().set_indexing_options(stemmed.clone());
    let stored_text = TextOptions::default()
        .set_indexing_options(stemmed)
        .set_stored();
    let facet = || FacetOptions::default().set_stored();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED | FAST),
        hash: b.add_text_field("hash", STRING | STORED),
        title: b.add_text_field("title", stored_text.clone()),
        summary: b.add_text_field("summary", stored_text.clone()),
        body: b.add_text_field("body", stored_text),
        causes: b.add_text_field("causes", text.clone()),
        impact: b.add_text_field("impact", text.clone()),
        actions: b.add_text_field("actions", text),
        severity: b.add_facet_field("severity", facet()),
        services: b.add_facet_field("service", facet()),
        teams: b.add_facet_field("team", facet()),
        tags: b.add_facet_field("tag", facet()),
        cause_ids: b.add_facet_field("cause", facet()),
        categories: b.add_facet_field("category", facet()),
        status: b.add_facet_field("status", facet()),
        year: b.add_facet_field("year", facet()),
        started: b.add_date_field("started", INDEXED | FAST | STORED),
        date: b.add_text_field("date", STRING | STORED),
        pairs: b.add_u64_field("pairs", INDEXED),
    };
    (b.build(), fields)
}

/// An open index and its fields.
pub struct SearchIndex {
    pub index: Index,
    pub fields: Fields,
}

/// Opens an existing index in `dir` without checking it against the KB, or `None` when there
/// is none of the current schema.
pub fn open_existing(dir: &Path) -> Option<SearchIndex> {
    let (schema, fields) = schema();
    let directory = tantivy::directory::MmapDirectory::open(dir).ok()?;
    let index = stem::register(Index::open(directory).ok()?);
    (index.schema() == schema).then_some(SearchIndex { index, fields })
}

/// Opens the index in `dir` (creating or rebuilding it when missing or of another schema) and
/// brings it up to date with `kb`, and saves the vocabulary of the KB beside it.
pub fn update(kb: &KnowledgeBase, dir: &Path) -> Result<Updated> {
    // Long on purpose: one update of the index (delete what changed, add what is new, commit,
    // reload) with the writer held throughout.
    let (schema, fields) = schema();
    let index = open(dir, &schema)?;
    // The writer first: the documents already indexed are read only once no other process
    // (a second build, `search`, `serve`) can change them.
    let mut writer = writer(&index, dir)?;
    let mut indexed = indexed_hashes(&index, &fields)?;
    // The summary comes from the section the config's aliases name: they count as content.
    let aliases = format!("{:?}", kb.config.sections);
    let hashes: Vec<String> = kb
        .incidents
        .par_iter()
        .map(|inc| content_hash(inc.doc.file.text_fingerprint(), &aliases))
        .collect();
    let stale: Vec<usize> = (0..kb.incidents.len())
        .filter(|&i| indexed.remove(&kb.incidents[i].doc.id).as_deref() != Some(hashes[i].as_str()))
        .collect();
    let removed = indexed.len();
    let changed = stale.len();
    for id in indexed.keys() {
        writer.delete_term(Term::from_field_text(fields.id, id));
    }
    // The vocabulary is made from the indexed texts alone: when none changed, the saved one
    // is still right. A new one is saved before the index is committed (while the indexing
    // threads still work), so a run stopped in between leaves an index that is behind, which
    // the next run brings up to date, vocabulary and all.
    let saved = (changed + removed == 0)
        .then(|| Vocabulary::load(dir))
        .filter(|v| !v.words.is_empty() || kb.incidents.is_empty());
    let words_wanted = saved.is_none();
    let mut is_stale = vec![false; kb.incidents.len()];
    stale.iter().for_each(|&i| is_stale[i] = true);
    // Each incident's texts are made once (its plain text is read again from its body), a
    // batch of incidents at a time, in parallel, for its document when it is stale and for
    // the vocabulary when that is made again (every incident's then): never all at once.
    let todo: Vec<usize> = if words_wanted {
        (0..kb.incidents.len()).collect()
    } else {
        stale
    };
    let mut words = Words::default();
    for batch in todo.chunks(INDEX_BATCH) {
        let (docs, batch_words) = batch
            .par_iter()
            .fold(
                || (Vec::new(), Words::default()),
                |(mut docs, mut words), &i| {
                    let inc = &kb.incidents[i];
                    let t = texts(inc);
                    if words_wanted {
                        t.iter().for_each(|text| add_words(text, &mut words));
                    }
                    if is_stale[i] {
                        let mut document = document(inc, &t, &fields, &hashes[i]);
                        for h in pairs::of(&t) {
                            document.add_u64(fields.pairs, u64::from(h));
                        }
                        docs.push((i, document));
                    }
                    (docs, words)
                },
            )
            .reduce(
                || (Vec::new(), Words::default()),
                |(mut a, wa), (b, wb)| {
                    a.extend(b);
                    (a, wa.merge(wb))
                },
            );
        words = words.merge(batch_words);
        for (i, document) in docs {
            writer.delete_term(Term::from_field_text(fields.id, &kb.incidents[i].doc.id));
            writer
                .add_document(document)
                .context("cannot index an incident")?;
        }
    }
    let vocabulary = match saved {
        Some(v) => v,
        None => {
            let v = build_vocabulary(&index, words)?;
            v.save(dir)?;
            v
        }
    };
    if changed + removed > 0 {
        writer.commit().context("cannot write the search index")?;
    }
    Ok(Updated {
        index: SearchIndex { index, fields },
        vocabulary,
        changed,
        removed,
    })
}

/// An index of `kb` held in memory, with the documents [`update`] writes on disk: for the
/// commands that write nothing (`check`, `new`) but score related incidents as the build does.
pub fn in_memory(kb: &KnowledgeBase) -> Result<SearchIndex> {
    let (schema, fields) = schema();
    let index = stem::register(Index::create_in_ram(schema));
    let mut writer: IndexWriter = index
        .writer(50_000_000)
        .context("cannot make a search index in memory")?;
    let texts: Vec<Vec<Cow<'_, str>>> = kb.incidents.par_iter().map(texts).collect();
    for (inc, t) in kb.incidents.iter().zip(&texts) {
        writer
            .add_document(document(inc, t, &fields, ""))
            .context("cannot index an incident")?;
    }
    writer
        .commit()
        .context("cannot make a search index in memory")?;
    Ok(SearchIndex { index, fields })
}

/// The incidents an index holds: id -> the hash of the content it was indexed from.
fn indexed_hashes(index: &Index, fields: &Fields) -> Result<HashMap<String, String>> {
    let reader = index.reader().context("cannot read the search index")?;
    let searcher = reader.searcher();
    let mut indexed: HashMap<String, String> = HashMap::new();
    for segment in searcher.segment_readers() {
        let store = segment
            .get_store_reader(64)
            .context("cannot read the search index")?;
        for doc_id in segment.doc_ids_alive() {
            let doc: TantivyDocument = store.get(doc_id).context("cannot read the search index")?;
            let get = |f| {
                doc.get_first(f)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            indexed.insert(get(fields.id), get(fields.hash));
        }
    }
    Ok(indexed)
}

/// The vocabulary of the texts of every incident of `kb`, each word stemmed by the index's
/// analyzer.
fn build_vocabulary(index: &Index, words: Words) -> Result<Vocabulary> {
    let analyzer = index
        .tokenizers()
        .get(stem::NAME)
        .context("the stemmer is missing")?;
    let stem = |w: &str| {
        let mut a = analyzer.clone();
        let mut stream = a.token_stream(w);
        stream.next().map(|t| t.text.clone())
    };
    Ok(Vocabulary::build(words, &stem))
}

/// Incidents whose texts [`update`] makes at a time (in parallel): their documents wait in
/// memory until the batch is made.
const INDEX_BATCH: usize = 1024;

/// An index brought up to date.
pub struct Updated {
    pub index: SearchIndex,
    pub vocabulary: Vocabulary,
    /// Incidents (re)indexed.
    pub changed: usize,
    /// Incidents removed.
    pub removed: usize,
}

/// The index writer's memory, shared by its threads: when a thread's share fills, it writes a
/// segment. 50 MB made 8 or 9 segments at 100,000 incidents; 150 MB makes 4, and the search
/// stage took 13.8 s instead of 14.3–15.1 s (cold 100k builds, 2026-12-06), the peak the same
/// (1.91 GB: it is at the end of the search export, once the writer is gone).
const WRITER_BYTES: usize = 150_000_000;

/// How long [`writer`] waits for another process to finish with the index.
const WRITER_WAIT: Duration = Duration::from_secs(60);

/// The index's one writer, waiting while another process holds it: two builds of one KB, or a
/// build beside `serve`, take turns instead of failing. The lock is an OS file lock, so a
/// process that dies releases it.
fn writer(index: &Index, dir: &Path) -> Result<IndexWriter> {
    let start = Instant::now();
    loop {
        match index.writer(WRITER_BYTES) {
            Ok(writer) => return Ok(writer),
            Err(tantivy::TantivyError::LockFailure(LockError::LockBusy, _))
                if start.elapsed() < WRITER_WAIT =>
            {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(tantivy::TantivyError::LockFailure(LockError::LockBusy, _)) => {
                anyhow::bail!(
                    "the search index `{}` has been in use by another hindsight process for {} s",
                    dir.display(),
                    WRITER_WAIT.as_secs()
                )
            }
            Err(e) => return Err(e).context("cannot write the search index"),
        }
    }
}

fn open(dir: &Path, schema: &Schema) -> Result<Index> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
    let mmap = || {
        tantivy::directory::MmapDirectory::open(dir)
            .with_context(|| format!("cannot open `{}`", dir.display()))
    };
    let index = match Index::open_or_create(mmap()?, schema.clone()) {
        Ok(index) => index,
        // An index of an older schema (or a damaged one) is ours to rebuild.
        Err(_) => {
            std::fs::remove_dir_all(dir)
                .with_context(|| format!("cannot reset `{}`", dir.display()))?;
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create `{}`", dir.display()))?;
            Index::create(mmap()?, schema.clone(), Default::default())
                .context("cannot create the search index")?
        }
    };
    Ok(stem::register(index))
}

/// What an incident's document is keyed by: its file and the section aliases.
/// `text` is the fingerprint of the file's text (see `SourceFile::text_fingerprint`).
fn content_hash(text: crate::fingerprint::Fnv, aliases: &str) -> String {
    let mut h = text;
    h.update(aliases.as_bytes());
    format!("{:016x}", h.finish())
}

/// The year an incident is filtered by: its start's, or `undated`.
pub(crate) fn year_facet(inc: &Incident) -> String {
    inc.year
        .map_or_else(|| crate::model::UNDATED.to_string(), |y| y.to_string())
}

/// The order results with equal scores come in, and the static search numbers documents in:
/// newest first by start time to the second (as the index stores it), then by id. Both
/// searches use it, and neither depends on the index's layout.
pub fn order_key(doc: &crate::load::IncidentDoc) -> (std::cmp::Reverse<i64>, &str) {
    (std::cmp::Reverse(started_seconds(doc)), doc.id.as_str())
}

/// The start as the index stores it: seconds since the epoch, a day from its start in UTC,
/// held within what tantivy's nanosecond dates reach (1678 to 2262; an incident of 1628 is
/// stored as 1678, after every later one); `i64::MIN` (last) when undated, which is stored
/// as no value.
fn started_seconds(doc: &crate::load::IncidentDoc) -> i64 {
    const REACH: i64 = i64::MAX / 1_000_000_000;
    doc.started
        .as_ref()
        .map_or(i64::MIN, |w| w.sort_seconds().clamp(-REACH, REACH))
}

/// For each segment of `searcher`, each document id -> the incident of `kb` it indexes (`None`
/// for deleted documents and ids the KB no longer has), read from the id column.
pub fn incidents_by_doc(
    searcher: &tantivy::Searcher,
    kb: &KnowledgeBase,
) -> Result<Vec<Vec<Option<usize>>>> {
    let fail = "cannot read the search index";
    let by_id: HashMap<&str, usize> = kb
        .incidents
        .iter()
        .enumerate()
        .map(|(i, inc)| (inc.doc.id.as_str(), i))
        .collect();
    let mut out = Vec::new();
    for segment in searcher.segment_readers() {
        let ids = segment
            .fast_fields()
            .str("id")
            .context(fail)?
            .context("the index has no id column")?;
        let mut map = vec![None; segment.max_doc() as usize];
        let mut id = String::new();
        for doc in segment.doc_ids_alive() {
            id.clear();
            if let Some(ord) = ids.term_ords(doc).next() {
                ids.ord_to_str(ord, &mut id).context(fail)?;
            }
            map[doc as usize] = by_id.get(id.as_str()).copied();
        }
        out.push(map);
    }
    Ok(out)
}

/// The indexed texts of an incident, one per text field in the order of [`contract::FIELDS`]; a
/// field with several values (causes, action items) has them on separate lines.
pub(crate) fn texts(inc: &Incident) -> Vec<Cow<'_, str>> {
    let d = &inc.doc;
    let causes: Vec<String> = d
        .causes
        .iter()
        .map(|c| format!("{} {}", c.id.replace('-', " "), c.text))
        .collect();
    let actions: Vec<&str> = d.action_items.iter().map(|a| a.text.as_str()).collect();
    vec![
        Cow::Borrowed(d.title.as_str()),
        Cow::Borrowed(inc.excerpt.as_str()),
        Cow::Owned(crate::load::body::plain_text(&d.file.body_text())),
        Cow::Owned(causes.join("\n")),
        Cow::Borrowed(d.impact.as_deref().unwrap_or_default()),
        Cow::Owned(actions.join("\n")),
    ]
}

fn document(inc: &Incident, texts: &[Cow<'_, str>], f: &Fields, hash: &str) -> TantivyDocument {
    let d = &inc.doc;
    let facet = |v: &str| tantivy::schema::Facet::from_path([v]);
    let mut document = doc!(
        f.id => d.id.clone(),
        f.hash => hash.to_string(),
        f.title => texts[0].to_string(),
        f.summary => texts[1].to_string(),
        f.body => texts[2].to_string(),
        f.impact => texts[4].to_string(),
        f.severity => facet(d.severity_id()),
        f.status => facet(d.status.as_str()),
        f.year => facet(&year_facet(inc)),
        f.date => d.date().map(|d| d.to_string()).unwrap_or_default(),
    );
    if d.started.is_some() {
        document.add_date(f.started, DateTime::from_timestamp_secs(started_seconds(d)));
    }
    let mut add = |field, v: &str| document.add_facet(field, facet(v));
    d.services.iter().for_each(|s| add(f.services, s));
    d.teams.iter().for_each(|s| add(f.teams, s));
    d.tags.iter().for_each(|s| add(f.tags, s));
    for c in &d.causes {
        add(f.cause_ids, &c.id);
        add(f.categories, &c.category);
    }
    document.add_text(f.causes, &texts[3]);
    document.add_text(f.actions, &texts[5]);
    document
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_has_the_contracts_fields_and_filters() {
        let (schema, fields) = schema();
        let names: Vec<&str> = fields
            .text()
            .iter()
            .map(|f| schema.get_field_name(*f))
            .collect();
        let contract: Vec<&str> = contract::FIELDS.iter().map(|f| f.name).collect();
        assert_eq!(names, contract, "in the contract's order");
        for filter in contract::FILTERS {
            let field = schema.get_field(filter.name).unwrap();
            assert!(
                matches!(
                    schema.get_field_entry(field).field_type(),
                    tantivy::schema::FieldType::Facet(_)
                ),
                "{} is a facet",
                filter.name
            );
        }
    }

    #[test]
    fn only_new_and_changed_incidents_are_indexed_again() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (kb, _) = crate::model::load_kb(root, ".", false, &mut Vec::new());
        let mut kb = kb.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let counts = |kb: &KnowledgeBase| {
            let u = update(kb, dir.path()).unwrap();
            (u.changed, u.removed)
        };
        let n = kb.incidents.len();
        assert_eq!(counts(&kb), (n, 0), "a new index takes every incident");
        assert_eq!(counts(&kb), (0, 0), "an unchanged KB indexes nothing");
        kb.incidents[0]
            .doc
            .file
            .text
            .push_str("\nA zeppelin was not involved.\n");
        kb.incidents.pop();
        assert_eq!(counts(&kb), (1, 1), "one edited, one deleted");
        assert_eq!(counts(&kb), (0, 0));
    }

    #[test]
    fn the_index_keeps_each_documents_adjacent_pairs_with_it() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (kb, _) = crate::model::load_kb(root, ".", false, &mut Vec::new());
        let mut kb = kb.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let indexed = |kb: &KnowledgeBase| {
            let u = update(kb, dir.path()).unwrap();
            let searcher = u.index.index.reader().unwrap().searcher();
            pairs::in_index(&searcher, u.index.fields.pairs).unwrap()
        };
        let zeppelin = pairs::of(&[Cow::Borrowed("A zeppelin was not involved")]);
        let before = indexed(&kb);
        // Every pair of every incident's texts is there, and the new sentence's are not yet.
        for inc in &kb.incidents {
            let of = pairs::of(&texts(inc));
            assert!(
                of.iter().all(|h| before.binary_search(h).is_ok()),
                "{}",
                inc.doc.id
            );
        }
        assert!(zeppelin.iter().any(|h| before.binary_search(h).is_err()));
        kb.incidents[0]
            .doc
            .file
            .text
            .push_str("\nA zeppelin was not involved.\n");
        // Only the edited incident is indexed again, and its new pairs come with it.
        let after = indexed(&kb);
        assert!(zeppelin.iter().all(|h| after.binary_search(h).is_ok()));
        assert!(before.iter().all(|h| after.binary_search(h).is_ok()));
    }
}
