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
use pairs::Pairs;
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
    // What the vocabulary (and its pairs) would be made from: every document the index holds
    // once this update is committed.
    let made_for = documents_fingerprint(kb, &hashes);
    let saved = (changed + removed == 0)
        .then(|| Vocabulary::load_with_pairs(dir, &made_for))
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
    let mut pairs = Pairs::default();
    for batch in todo.chunks(INDEX_BATCH) {
        let (docs, batch_words, batch_pairs) = batch
            .par_iter()
            .fold(
                || (Vec::new(), Words::default(), Pairs::default()),
                |(mut docs, mut words, mut pairs), &i| {
                    let inc = &kb.incidents[i];
                    let t = texts(inc);
                    if words_wanted {
                        for text in &t {
                            add_words(text, &mut words);
                            pairs.add(text);
                        }
                    }
                    if is_stale[i] {
                        docs.push((i, document(inc, &t, &fields, &hashes[i])));
                    }
                    (docs, words, pairs)
                },
            )
            .reduce(
                || (Vec::new(), Words::default(), Pairs::default()),
                |(mut a, wa, pa), (b, wb, pb)| {
                    a.extend(b);
                    (a, wa.merge(wb), pa.merge(pb))
                },
            );
        words = words.merge(batch_words);
        pairs = pairs.merge(batch_pairs);
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
            let v = build_vocabulary(words, pairs);
            v.save(dir, &made_for)?;
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
/// analyzer, with the texts' adjacent pairs.
fn build_vocabulary(words: Words, pairs: Pairs) -> Vocabulary {
    Vocabulary::build(words, pairs, &|w: &str| Some(stem::stem_word(w)))
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

/// The documents an index holds, as one hash: each incident's id and content hash, in any
/// order. A vocabulary and its pairs are used again only for the documents they were made
/// from: a build stopped after saving them but before committing the index, then the content
/// put back, would otherwise pair an index with the pairs of texts it does not hold.
fn documents_fingerprint(kb: &KnowledgeBase, hashes: &[String]) -> String {
    let sum = kb
        .incidents
        .iter()
        .zip(hashes)
        .map(|(inc, hash)| {
            let mut h = crate::fingerprint::Fnv::default();
            for part in [inc.doc.id.as_bytes(), b"\0", hash.as_bytes()] {
                h.update(part);
            }
            h.finish()
        })
        .fold(0u64, u64::wrapping_add);
    format!("{sum:016x}-{}", hashes.len())
}

/// What an incident's document is keyed by: its file, the section aliases and the hindsight
/// that indexes it. `text` is the fingerprint of the file's text (see
/// `SourceFile::text_fingerprint`). Another hindsight may read the same file into other texts
/// (a fix to the import), so it indexes every incident again: the index then holds only texts
/// this one makes, which the adjacent pairs, made from this one's texts, rely on. A build from
/// modified sources is another hindsight too (`HINDSIGHT_SOURCES`, from `build.rs`).
fn content_hash(text: crate::fingerprint::Fnv, aliases: &str) -> String {
    let mut h = text;
    h.update(aliases.as_bytes());
    h.update(concat!(env!("CARGO_PKG_VERSION"), " ", env!("HINDSIGHT_COMMIT")).as_bytes());
    // A build from modified sources: which ones (empty for a commit's build).
    let sources = env!("HINDSIGHT_SOURCES");
    if !sources.is_empty() {
        h.update(b" ");
        h.update(sources.as_bytes());
    }
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
    fn the_adjacent_pairs_are_those_of_the_indexed_texts() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let load = || {
            crate::model::load_kb(root, ".", false, &mut Vec::new())
                .0
                .unwrap()
        };
        let original = load();
        let mut edited = load();
        edited.incidents[0]
            .doc
            .file
            .text
            .push_str("\nA zeppelin was not involved.\n");
        let dir = tempfile::tempdir().unwrap();
        let pairs_of = |kb: &KnowledgeBase| {
            let mut p = Pairs::default();
            kb.incidents
                .iter()
                .for_each(|inc| texts(inc).iter().for_each(|t| p.add(t)));
            p.into_sorted()
        };
        let pairs = |kb: &KnowledgeBase| update(kb, dir.path()).unwrap().vocabulary.pairs;
        assert!(
            pairs(&original) == pairs_of(&original),
            "the pairs of the indexed texts"
        );
        let mut sentence = Pairs::default();
        sentence.add("A zeppelin was not involved");
        let sentence = sentence.into_sorted();
        let before = pairs_of(&original);
        assert!(sentence.iter().any(|h| before.binary_search(h).is_err()));
        // An edit makes them again, with the new sentence's.
        let after = pairs(&edited);
        assert!(after == pairs_of(&edited), "the pairs of the indexed texts");
        assert!(sentence.iter().all(|h| after.binary_search(h).is_ok()));
        // A build of the edit stopped after saving its vocabulary, before committing its
        // index, then the edit undone: the saved pairs are not the index's, and are made again.
        let keep = |from: &Path, to: &Path| {
            for f in ["hindsight-vocabulary.json", "hindsight-pairs.bin"] {
                std::fs::copy(from.join(f), to.join(f)).unwrap();
            }
        };
        let aside = tempfile::tempdir().unwrap();
        keep(dir.path(), aside.path());
        assert!(
            pairs(&original) == pairs_of(&original),
            "the pairs of the indexed texts"
        );
        keep(aside.path(), dir.path());
        assert_eq!(
            pairs(&original),
            pairs_of(&original),
            "not the edit's pairs"
        );
        // A pairs file that is not the one its vocabulary names is not used either.
        std::fs::write(dir.path().join("hindsight-pairs.bin"), [0u8; 8]).unwrap();
        assert!(
            pairs(&original) == pairs_of(&original),
            "the pairs of the indexed texts"
        );
    }
}
