//! The tantivy index -> the static site's search files under `search/`: a manifest (which
//! carries the search contract), the vocabulary (surface word -> indexed term), postings (per
//! term and field: document, term frequency, field-norm id, and the term's idf), positions
//! (for phrases, in files of their own beside each postings shard), result cards and facet
//! lists, all sharded and named by content hash so that a query downloads only the shards it
//! needs. A common term's postings are split: its shard has its best documents' postings and
//! the set of all its documents, a tail file beside the shard the rest.
//! `docs/search-format.md` describes every file; [`super::format`] has their types.
//!
//! Everything is read from the index itself (its term dictionaries, postings, field norms
//! and BM25 statistics), so the client in `theme/static/assets/search-engine.js` scores
//! exactly as tantivy does; the best documents a shard carries cards for are ranked by
//! tantivy's own BM25. Documents are numbered newest first (start time to the second, then
//! id: see [`super::order_key`]), the order both searches break ties in; it does not depend
//! on how the index laid out its segments, so the same KB always gets the same files.

use super::contract::{CONTRACT, FIELDS, PAGE, idf};
use super::format::{
    Card, CardFiles, DocSetEntry, FacetFiles, FacetValues, FacetsHeader, FieldStats, Manifest,
    PairFiles, PostingsFiles, PostingsHeader, Shards, TermEntry, TermField, VERSION, VocabShard,
    container, deflate,
};
use super::{SearchIndex, Vocabulary};
use crate::model::KnowledgeBase;
use crate::write::{Content, Sink};
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use tantivy::postings::Postings;
use tantivy::query::{Bm25StatisticsProvider, Bm25Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Searcher};

/// Terms in this many documents or fewer carry no cards: their documents come from at most
/// this many document chunks.
const CARDLESS_DF: usize = 2;
/// Documents per chunk of cards: small, because the ten best documents of a query of several
/// words are anywhere in the archive, and each of them costs its whole chunk (128 made a
/// two-word query on 10k incidents fetch 431 KB of cards for ten results; 16 makes it 54).
pub const CHUNK: usize = 16;
/// Terms in more than this many documents carry the cards of their [`DEEP`] best documents,
/// not just a page's: the ten best documents of a misspelt word (its close words' postings
/// added up) or of two words are often further down each word's own list (on 10k generated
/// incidents: `databse` down to the 43rd of `database`, `dns timeout` to the 143rd of either
/// word), and each card not carried costs a request. Deflated, a card costs about 60 bytes.
const DEEP_DF: usize = 40;
const DEEP: usize = 150;
/// The default of `[search] split_postings_above`: a term whose postings (all fields, encoded,
/// before deflating) are longer than this is split into its best documents (the cards it
/// carries) with the set of all its documents, in its shard, and the rest, in a file of its
/// shard's own that a query fetches only when its first page needs it. On 10k generated
/// incidents only a few stop words are this long (`a`, `for`, `minut`, `on`, `the`), so the
/// queries of the search budgets are not split; at 100k a common word's postings are 100-260
/// KB deflated, which the first page of a one-word query does not need.
pub const SPLIT_POSTINGS_ABOVE: usize = 64 * 1024;
/// Postings shards made at a time before they are deflated (in parallel).
const DEFLATE_BATCH: usize = 64;
/// Target sizes of shards, in bytes of JSON (before they are deflated: a vocabulary shard to
/// about a fifth, a postings shard to about a half).
const VOCAB_SHARD: usize = 24 * 1024;
const POSTINGS_SHARD: usize = 24 * 1024;
/// Characters of a result's excerpt.
const EXCERPT: usize = 180;

const FAIL: &str = "cannot read the search index";

/// What the export wrote.
#[derive(Debug, Default)]
pub struct Exported {
    /// The manifest's path in the output, e.g. `search/manifest-0123456789ab.json`.
    pub manifest: String,
    pub files: usize,
    pub bytes: u64,
}

/// One term's postings in one field, encoded.
struct FieldPostings {
    /// Documents with the term in this field in the whole index, deleted ones included
    /// (tantivy's statistics count them until segments merge).
    doc_freq: u64,
    /// (document, term frequency, field-norm id), documents ascending.
    postings: Vec<(u32, u32, u8)>,
    /// Each posting's positions as varint deltas, in the order postings were read, and where
    /// each posting's start in it, as (document, start, end).
    positions: Vec<u8>,
    spans: Vec<(u32, u32, u32)>,
}

impl FieldPostings {
    /// Adds the postings of the same term and field in a later segment.
    fn absorb(&mut self, other: FieldPostings) {
        self.doc_freq += other.doc_freq;
        self.postings.extend(other.postings);
        let base = self.positions.len() as u32;
        self.positions.extend(other.positions);
        self.spans.extend(
            other
                .spans
                .into_iter()
                .map(|(n, s, e)| (n, s + base, e + base)),
        );
    }

    /// The positions, encoded in document order: for each posting, its term frequency's worth
    /// of varint deltas (the first from 0).
    fn positions_in_order(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.positions.len());
        for (_, start, end) in self.spans_in_order() {
            out.extend_from_slice(&self.positions[start as usize..end as usize]);
        }
        out
    }

    /// Where each posting's positions are, in document order (the order of `postings`).
    fn spans_in_order(&self) -> Vec<(u32, u32, u32)> {
        let mut spans = self.spans.clone();
        spans.sort_unstable_by_key(|&(n, _, _)| n);
        spans
    }
}

/// Writes the search files through `sink`. `base` is the site's base path (`/docs/kb/`).
pub fn export(
    ix: &SearchIndex,
    vocabulary: &Vocabulary,
    kb: &KnowledgeBase,
    base: &str,
    split: usize,
    sink: &dyn Sink,
) -> Result<Exported> {
    // Long on purpose: the search files' steps in the order the manifest names them, sharing the
    // files being written.
    let reader = ix.index.reader().context(FAIL)?;
    let searcher = reader.searcher();
    let (incidents, numbers) = number_documents(&searcher, kb)?;
    let doc_count = searcher.total_num_docs().context(FAIL)?;
    let fields = ix.fields.text();
    let mut averages = Vec::new();
    for &field in &fields {
        let tokens = searcher.total_num_tokens(field).context(FAIL)?;
        averages.push(if doc_count == 0 {
            0.0
        } else {
            tokens as f32 / doc_count as f32
        });
    }
    let cards: Vec<Card> = incidents.par_iter().map(|&i| card(kb, i)).collect();

    // Shards are named by content hash; the manifest lists just the hashes. The postings
    // shards are cut as the terms are read, a few ranges of terms at a time, so that the
    // encoded postings of the whole index are never held at once (at 100k incidents they
    // weighed 215 MB at the build's peak).
    let mut out = Files::new(sink);
    let mut shards = ShardWriter::new(&cards);
    // Each term's document frequency and postings shard, in byte order, for the vocabulary.
    let mut dfs: Vec<(String, usize, usize)> = Vec::new();
    let stats = Stats {
        doc_count,
        averages: &averages,
        split,
    };
    term_data(&searcher, &fields, &numbers, &stats, |part| {
        for t in part {
            let (term, df) = (t.term.clone(), t.df);
            dfs.push((term, df, shards.push(t)?));
        }
        Ok(())
    })?;
    let postings = shards.finish(&mut out)?;
    let vocab = vocab_shards(&mut out, vocabulary, &dfs)?;
    let card_files = card_chunks(&mut out, &cards)?;
    let mut facet_files = FacetFiles::default();
    for (name, values) in facets(kb, &incidents) {
        let body = facets_file(&BTreeMap::from([(name, values)]))?;
        facet_files.names.push(name);
        facet_files.bytes.push(body.len());
        facet_files.files.push(out.put("f/", "bin", body));
    }
    let pairs = pair_files(&mut out, &vocabulary.pairs);
    let manifest = Manifest {
        version: VERSION,
        base,
        docs: incidents.len(),
        page: PAGE,
        deep: DEEP,
        deep_df: DEEP_DF,
        chunk: CHUNK,
        fields: FIELDS
            .iter()
            .zip(&averages)
            .map(|(f, average)| FieldStats {
                name: f.name,
                boost: f.boost,
                average_length: f64::from(*average),
            })
            .collect(),
        contract: CONTRACT,
        vocab,
        postings,
        cards: card_files,
        facets: facet_files,
        pairs,
    };
    let manifest = out.put("manifest-", "json", serde_json::to_vec(&manifest)?);

    out.finish(format!("search/manifest-{manifest}.json"))
}

/// For each segment of the index, each doc id's document number (`None` for deleted ones).
type Numbers = Vec<Vec<Option<u32>>>;

/// The KB's incidents in document-number order (newest first, the order `hindsight search`
/// breaks ties in), and the numbers of the index's documents.
fn number_documents(searcher: &Searcher, kb: &KnowledgeBase) -> Result<(Vec<usize>, Numbers)> {
    let by_doc = super::incidents_by_doc(searcher, kb)?;
    let mut incidents: Vec<usize> = by_doc.iter().flatten().flatten().copied().collect();
    incidents.sort_by(|&a, &b| {
        let key = |i: usize| super::order_key(&kb.incidents[i].doc);
        key(a).cmp(&key(b))
    });
    let mut number_of = vec![0u32; kb.incidents.len()];
    for (n, &i) in incidents.iter().enumerate() {
        number_of[i] = n as u32;
    }
    let numbers = by_doc
        .into_iter()
        .map(|segment| {
            segment
                .into_iter()
                .map(|inc| inc.map(|i| number_of[i]))
                .collect()
        })
        .collect();
    Ok((incidents, numbers))
}

/// Postings per unit of work in [`term_data`], about: each thread holds the raw postings of
/// a range of terms this big (of every field and segment) at a time, not the whole index's.
const POSTINGS_PER_TASK: u64 = 1 << 18;

/// One field's terms in one segment from `lo` up to `hi` (excluded; the end when `None`), with
/// the postings of the documents that have numbers, added to `terms`.
fn read_segment(
    segment: &tantivy::SegmentReader,
    field: tantivy::schema::Field,
    numbers: &[Option<u32>],
    (lo, hi): (&[u8], Option<&[u8]>),
    terms: &mut BTreeMap<String, FieldPostings>,
) -> Result<()> {
    let mut positions = Vec::new();
    let inverted = segment.inverted_index(field).context(FAIL)?;
    let norms = segment.get_fieldnorms_reader(field).context(FAIL)?;
    let dict = inverted.terms();
    let range = dict.range().ge(lo);
    let range = match hi {
        Some(hi) => range.lt(hi),
        None => range,
    };
    let mut stream = range.into_stream().context(FAIL)?;
    while stream.advance() {
        let Ok(term) = std::str::from_utf8(stream.key()) else {
            continue;
        };
        let info = stream.value();
        let mut entry = FieldPostings {
            doc_freq: u64::from(info.doc_freq),
            postings: Vec::new(),
            positions: Vec::new(),
            spans: Vec::new(),
        };
        let mut postings = inverted
            .read_postings_from_terminfo(info, IndexRecordOption::WithFreqsAndPositions)
            .context(FAIL)?;
        let mut doc = postings.doc();
        while doc != tantivy::TERMINATED {
            if let Some(n) = numbers[doc as usize] {
                entry
                    .postings
                    .push((n, postings.term_freq(), norms.fieldnorm_id(doc)));
                postings.positions(&mut positions);
                let start = entry.positions.len() as u32;
                let mut last = 0;
                for &p in &positions {
                    varint(&mut entry.positions, u64::from(p - last));
                    last = p;
                }
                entry.spans.push((n, start, entry.positions.len() as u32));
            }
            doc = postings.advance();
        }
        // The same term in an earlier segment: joined to it, without a new key.
        match terms.get_mut(term) {
            Some(earlier) => earlier.absorb(entry),
            None => {
                terms.insert(term.to_string(), entry);
            }
        }
    }
    Ok(())
}

/// Every term of `fields` in any segment, in byte order, once (terms that are not UTF-8, which
/// the tokenizers never make, left out), with its postings in all of them.
fn all_terms(
    segments: &[tantivy::SegmentReader],
    fields: &[tantivy::schema::Field],
) -> Result<Vec<(Vec<u8>, u64)>> {
    let tasks: Vec<(usize, usize)> = (0..fields.len())
        .flat_map(|fi| (0..segments.len()).map(move |ord| (fi, ord)))
        .collect();
    let parts: Vec<Vec<(Vec<u8>, u64)>> = tasks
        .par_iter()
        .map(|&(fi, ord)| {
            let inverted = segments[ord].inverted_index(fields[fi]).context(FAIL)?;
            let mut stream = inverted.terms().stream().context(FAIL)?;
            let mut keys = Vec::new();
            while stream.advance() {
                if std::str::from_utf8(stream.key()).is_ok() {
                    keys.push((stream.key().to_vec(), u64::from(stream.value().doc_freq)));
                }
            }
            Ok(keys)
        })
        .collect::<Result<_>>()?;
    let mut keys: Vec<(Vec<u8>, u64)> = parts.into_iter().flatten().collect();
    keys.par_sort_unstable();
    keys.dedup_by(|b, a| {
        let same = a.0 == b.0;
        if same {
            a.1 += b.1;
        }
        same
    });
    Ok(keys)
}

/// What [`range_data`] reads beside the postings: the index's statistics and the split length.
struct Stats<'a> {
    doc_count: u64,
    averages: &'a [f32],
    split: usize,
}

struct TermData {
    term: String,
    /// The fields with the term, in field order.
    fields: Vec<EncodedField>,
    /// Documents with the term in any field.
    df: usize,
    /// The best documents for the term alone, best first (empty for rare terms).
    top: Vec<u32>,
    /// A split term's documents, all of them, as a facet value's are encoded: codec, bytes
    /// (taken by the term's shard), their length.
    docs: Option<(&'static str, Vec<u8>, usize)>,
    /// A split term's highest score, alone, of a document beyond its best (`top`): its fields'
    /// BM25 scores added in field order, in f32, as a one-word query adds them.
    bound: Option<f32>,
}

/// One field's postings of a term, encoded. A split term's `postings` and `positions` are
/// those of its best documents (`top`); the rest are in `tail` and `tail_positions`.
#[derive(Default)]
struct EncodedField {
    field: usize,
    idf: f32,
    /// Taken by the term's shard (see `PostingsShard::add`); the lengths stay.
    postings: Vec<u8>,
    positions: Vec<u8>,
    bytes: usize,
    position_bytes: usize,
    tail: Vec<u8>,
    tail_positions: Vec<u8>,
    tail_bytes: usize,
    tail_position_bytes: usize,
}

/// Per term, in byte order, given to `take` a part at a time: its fields with idf and encoded
/// postings, its document frequency, and its top documents as a one-word query (scored by
/// tantivy's BM25, the fields added in field order as a query adds them). Documents are
/// numbered by `order_key`, not by their place in the index: neither several segments nor
/// one (a merged one, or incidents that started in the same second) hold them in number
/// order, and the encoding needs it. The terms are read in ranges of about
/// [`POSTINGS_PER_TASK`], each from every field and segment, in parallel, [`RANGES_AT_ONCE`]
/// ranges per thread at a time: neither the raw postings of the whole index (at 100k
/// incidents, 2 GB) nor its encoded postings are ever held.
fn term_data(
    searcher: &Searcher,
    fields: &[tantivy::schema::Field],
    numbers: &[Vec<Option<u32>>],
    stats: &Stats,
    mut take: impl FnMut(Vec<TermData>) -> Result<()>,
) -> Result<()> {
    let segments = searcher.segment_readers();
    let keys = all_terms(segments, fields)?;
    let mut starts = Vec::new();
    let mut size = POSTINGS_PER_TASK;
    for (i, (_, postings)) in keys.iter().enumerate() {
        if size >= POSTINGS_PER_TASK {
            starts.push(i);
            size = 0;
        }
        size += postings;
    }
    let ranges: Vec<(&[u8], Option<&[u8]>)> = (starts.iter().enumerate())
        .map(|(n, &i)| {
            let next = starts.get(n + 1).map(|&j| keys[j].0.as_slice());
            (keys[i].0.as_slice(), next)
        })
        .collect();
    let at_once = RANGES_AT_ONCE * rayon::current_num_threads();
    for batch in ranges.chunks(at_once) {
        let parts: Vec<Vec<TermData>> = batch
            .par_iter()
            .map(|&range| {
                let mut per_field: Vec<BTreeMap<String, FieldPostings>> =
                    (0..fields.len()).map(|_| BTreeMap::new()).collect();
                for (fi, terms) in per_field.iter_mut().enumerate() {
                    for (ord, segment) in segments.iter().enumerate() {
                        read_segment(segment, fields[fi], &numbers[ord], range, terms)?;
                    }
                    terms.retain(|_, p| !p.postings.is_empty());
                    for p in terms.values_mut() {
                        p.postings.sort_unstable_by_key(|&(n, _, _)| n);
                    }
                }
                Ok(range_data(&per_field, stats))
            })
            .collect::<Result<_>>()?;
        parts.into_iter().try_for_each(&mut take)?;
    }
    Ok(())
}

/// Ranges of terms each thread reads in one go in [`term_data`]: enough to keep the threads
/// busy when ranges differ in cost, few enough that their encoded postings stay small.
const RANGES_AT_ONCE: usize = 4;

/// [`term_data`] of the terms of one range, from their postings in every field.
fn range_data(per_field: &[BTreeMap<String, FieldPostings>], stats: &Stats) -> Vec<TermData> {
    // Long on purpose: per term, its fields, scores, best documents and split tail, computed
    // together from one read of its postings.
    let mut all_terms: Vec<&str> = per_field
        .iter()
        .flat_map(|m| m.keys().map(String::as_str))
        .collect();
    all_terms.sort_unstable();
    all_terms.dedup();
    all_terms
        .iter()
        .map(|&term| {
            let present: Vec<(usize, &FieldPostings, Bm25Weight)> = (per_field.iter().enumerate())
                .filter_map(|(fi, map)| {
                    let p = map.get(term)?;
                    let bm25 =
                        Bm25Weight::for_one_term(p.doc_freq, stats.doc_count, stats.averages[fi])
                            .boost_by(FIELDS[fi].boost);
                    Some((fi, p, bm25))
                })
                .collect();
            let mut scores: HashMap<u32, f32> = HashMap::new();
            for (_, p, bm25) in &present {
                for &(doc, tf, norm) in &p.postings {
                    *scores.entry(doc).or_insert(0.0) += bm25.score(norm, tf);
                }
            }
            let mut out = TermData {
                term: term.to_string(),
                fields: Vec::new(),
                df: scores.len(),
                top: Vec::new(),
                docs: None,
                bound: None,
            };
            let mut length = 0;
            for &(fi, p, _) in &present {
                let (postings, positions) = (encode(&p.postings), p.positions_in_order());
                length += postings.len();
                out.fields.push(EncodedField {
                    field: fi,
                    idf: idf(p.doc_freq, stats.doc_count),
                    bytes: postings.len(),
                    position_bytes: positions.len(),
                    postings,
                    positions,
                    ..EncodedField::default()
                });
            }
            let cards = carried(out.df);
            // A split term's shard keeps the postings of the documents it carries the cards of.
            let split = length > stats.split && cards > 0 && out.df > cards;
            if cards > 0 {
                let mut ranked: Vec<(u32, f32)> = scores.iter().map(|(&d, &s)| (d, s)).collect();
                let cmp = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
                if ranked.len() > cards {
                    ranked.select_nth_unstable_by(cards - 1, cmp);
                    ranked.truncate(cards);
                }
                ranked.sort_by(cmp);
                if split {
                    let head: HashSet<u32> = ranked.iter().map(|&(d, _)| d).collect();
                    for (f, (_, p, _)) in out.fields.iter_mut().zip(&present) {
                        split_field(f, p, &head);
                    }
                    out.bound = (scores.iter())
                        .filter(|(d, _)| !head.contains(d))
                        .map(|(_, &s)| s)
                        .reduce(f32::max);
                }
                out.top = ranked.into_iter().map(|(d, _)| d).collect();
            }
            if split {
                let mut docs: Vec<u32> = scores.into_keys().collect();
                docs.sort_unstable();
                let (codec, bytes) = encode_set(&docs);
                let length = bytes.len();
                out.docs = Some((codec, bytes, length));
            }
            out
        })
        .collect()
}

/// Splits a field's postings between the term's best documents (`head`) and the rest, the
/// tail.
fn split_field(f: &mut EncodedField, p: &FieldPostings, head: &HashSet<u32>) {
    let (mut top, mut rest) = (Vec::new(), Vec::new());
    let (mut top_positions, mut rest_positions) = (Vec::new(), Vec::new());
    for (&posting, (doc, start, end)) in p.postings.iter().zip(p.spans_in_order()) {
        let positions = &p.positions[start as usize..end as usize];
        if head.contains(&doc) {
            top.push(posting);
            top_positions.extend_from_slice(positions);
        } else {
            rest.push(posting);
            rest_positions.extend_from_slice(positions);
        }
    }
    f.postings = encode(&top);
    f.positions = top_positions;
    f.tail = encode(&rest);
    f.tail_positions = rest_positions;
    f.bytes = f.postings.len();
    f.position_bytes = f.positions.len();
    f.tail_bytes = f.tail.len();
    f.tail_position_bytes = f.tail_positions.len();
}

/// How many best documents of a term in `df` documents its shard carries the cards of.
fn carried(df: usize) -> usize {
    match df {
        0..=CARDLESS_DF => 0,
        _ if df > DEEP_DF => DEEP,
        _ => PAGE,
    }
}

/// Writes the vocabulary's words whose terms some document has, in shards of about
/// [`VOCAB_SHARD`] bytes, each word with its term's document frequency and postings shard
/// (`dfs`: per term, in byte order); returns their keys and hashes.
fn vocab_shards(
    out: &mut Files,
    vocabulary: &Vocabulary,
    dfs: &[(String, usize, usize)],
) -> Result<Shards> {
    let of: HashMap<&str, (usize, usize)> = dfs
        .iter()
        .map(|(t, df, shard)| (t.as_str(), (*df, *shard)))
        .collect();
    let words: Vec<(&str, &str, usize, usize)> = vocabulary
        .words
        .iter()
        .filter_map(|(w, t)| {
            of.get(t.as_str())
                .map(|&(df, shard)| (w.as_str(), t.as_str(), df, shard))
        })
        .collect();
    let mut shards = Shards::default();
    let mut shard = VocabShard::default();
    let mut size = 0;
    let mut previous = 0;
    for (i, &(word, term, df, at)) in words.iter().enumerate() {
        let own = word == term;
        let step = at as i64 - previous;
        previous = at as i64;
        size += word.len() + 3 + if own { 3 } else { term.len() + 3 } + df.to_string().len() + 1;
        size += step.to_string().len() + 1;
        if shard.words.is_empty() {
            shards.keys.push(word.to_string());
        }
        shard.words.push(word);
        shard.terms.push(if own { "" } else { term });
        shard.df.push(df);
        shard.shards.push(step);
        if size >= VOCAB_SHARD || i + 1 == words.len() {
            let body = serde_json::to_vec(&std::mem::take(&mut shard))?;
            shards.files.push(out.put("v/", "bin", deflate(&body)));
            size = 0;
            previous = 0;
        }
    }
    Ok(shards)
}

/// Cuts the postings shards (each with its positions file) from the terms as they come, in
/// byte order: about [`POSTINGS_SHARD`] bytes each before they are deflated, with the cards of
/// their terms' best documents. Written by [`ShardWriter::finish`] as
/// `search/p/{hash}-{i}.bin` and `search/q/{hash}-{i}.bin` under one hash of them all. Each
/// term's encoded postings are given back as soon as its shard has copied them, and the
/// shards are deflated a batch at a time, in parallel: only the deflated files are held
/// until all are named (at 100k incidents every shard before deflating took 300 MB more at
/// the build's peak).
struct ShardWriter<'c> {
    cards: &'c [Card],
    /// Each card's size as JSON.
    card_sizes: Vec<usize>,
    /// Shards begun so far.
    count: usize,
    /// The shard being filled, and the full ones not deflated yet.
    shard: PostingsShard,
    raw: Vec<PostingsShard>,
    files: Vec<ShardFiles>,
}

impl<'c> ShardWriter<'c> {
    fn new(cards: &'c [Card]) -> Self {
        ShardWriter {
            cards,
            card_sizes: cards
                .par_iter()
                .map(|c| serde_json::to_vec(c).map_or(0, |b| b.len()))
                .collect(),
            count: 0,
            shard: PostingsShard::default(),
            raw: Vec::new(),
            files: Vec::new(),
        }
    }

    /// Adds the next term (in byte order); returns the number of the shard that holds it.
    fn push(&mut self, t: TermData) -> Result<usize> {
        let estimate = t
            .fields
            .iter()
            .map(|f| f.postings.len() + 64)
            .sum::<usize>()
            + t.docs.as_ref().map_or(0, |d| d.2)
            + t.term.len()
            + 24
            + t.top.len() * 240;
        // A term that would overflow the shard starts the next one, so that a common term's
        // long postings are not fetched with a shard's worth of others.
        if !self.shard.terms.is_empty() && self.shard.size + estimate > POSTINGS_SHARD {
            self.raw.push(std::mem::take(&mut self.shard));
            if self.raw.len() == DEFLATE_BATCH {
                self.deflate_batch()?;
            }
        }
        if self.shard.terms.is_empty() {
            self.count += 1;
        }
        self.shard.add(t, &self.card_sizes)?;
        Ok(self.count - 1)
    }

    /// Deflates the full shards, in parallel.
    fn deflate_batch(&mut self) -> Result<()> {
        let cards = self.cards;
        let batch: Vec<ShardFiles> = std::mem::take(&mut self.raw)
            .into_par_iter()
            .map(|s| {
                let files = s.finish(cards)?;
                Ok(ShardFiles {
                    postings: deflate(&files.postings),
                    positions: deflate(&files.positions),
                    tail: files.tail.map(|t| deflate(&t)),
                })
            })
            .collect::<Result<_>>()?;
        self.files.extend(batch);
        Ok(())
    }

    /// Writes every shard; their number and hash.
    fn finish(mut self, out: &mut Files) -> Result<PostingsFiles> {
        if !self.shard.terms.is_empty() {
            self.raw.push(std::mem::take(&mut self.shard));
        }
        self.deflate_batch()?;
        let h = hash_all((self.files.iter()).flat_map(|f| {
            [f.postings.as_slice(), f.positions.as_slice()]
                .into_iter()
                .chain(f.tail.as_deref())
        }));
        for (i, f) in self.files.into_iter().enumerate() {
            out.write(format!("search/p/{h}-{i}.bin"), f.postings);
            out.write(format!("search/q/{h}-{i}.bin"), f.positions);
            if let Some(tail) = f.tail {
                out.write(format!("search/t/{h}-{i}.bin"), tail);
            }
        }
        Ok(PostingsFiles {
            count: self.count,
            hash: h,
        })
    }
}

/// The files being made, named by content hash, written through the sink as they are made
/// (at 100k incidents they are 200 MB); the first write that fails is kept and reported by
/// [`Files::finish`], and nothing is written after it.
struct Files<'a> {
    sink: &'a dyn Sink,
    exported: Exported,
    failed: Option<anyhow::Error>,
}

/// The cards in chunks of [`CHUNK`] documents, deflated JSON, `search/d/{hash}-{i}.bin`,
/// under one hash of them all, so that the manifest names them in one word however many
/// chunks there are.
fn card_chunks(out: &mut Files, cards: &[Card]) -> Result<CardFiles> {
    let bodies: Vec<Vec<u8>> = cards
        .par_chunks(CHUNK)
        .map(|c| serde_json::to_vec(c).map(|b| deflate(&b)))
        .collect::<Result<_, _>>()?;
    let h = hash_all(bodies.iter().map(Vec::as_slice));
    let count = bodies.len();
    for (i, body) in bodies.into_iter().enumerate() {
        out.write(format!("search/d/{h}-{i}.bin"), body);
    }
    Ok(CardFiles { hash: h, count })
}

/// Pairs of terms per file of [`PairFiles`], on average (the hashes spread evenly; past
/// 2^16 files, more): a phrase fetches one file per pair of its words, about 2 KB deflated.
const PAIRS_PER_FILE: usize = 1024;

/// Writes the pair hashes `pairs` (ascending) in the fewest files (a power of two) that hold
/// [`PAIRS_PER_FILE`] each on average.
fn pair_files(out: &mut Files, pairs: &[u32]) -> PairFiles {
    let bits = (0..16u32)
        .find(|&b| pairs.len() >> b <= PAIRS_PER_FILE)
        .unwrap_or(16);
    let mut bodies: Vec<Vec<u8>> = vec![Vec::new(); 1 << bits];
    let mut last = vec![0u64; 1 << bits];
    // In 64 bits, so that no shift is by 32 when `bits` is 0.
    let (shift, mask) = (32 - bits, (1u64 << (32 - bits)) - 1);
    for &h in pairs {
        let (i, low) = ((u64::from(h) >> shift) as usize, u64::from(h) & mask);
        varint(&mut bodies[i], low - last[i]);
        last[i] = low;
    }
    let bodies: Vec<Vec<u8>> = bodies.par_iter().map(|b| deflate(b)).collect();
    let h = hash_all(bodies.iter().map(Vec::as_slice));
    for (i, body) in bodies.into_iter().enumerate() {
        out.write(format!("search/w/{h}-{i}.bin"), body);
    }
    PairFiles { hash: h, bits }
}

impl<'a> Files<'a> {
    fn new(sink: &'a dyn Sink) -> Self {
        Files {
            sink,
            exported: Exported::default(),
            failed: None,
        }
    }

    /// Writes `body` at `path`, unless a write failed before.
    fn write(&mut self, path: String, body: Vec<u8>) {
        if self.failed.is_some() {
            return;
        }
        self.exported.files += 1;
        self.exported.bytes += body.len() as u64;
        if let Err(e) = self.sink.put(&path, Content::Bytes(body)) {
            self.failed = Some(e);
        }
    }

    /// What was written, the manifest at `manifest`; or the first write's failure.
    fn finish(self, manifest: String) -> Result<Exported> {
        match self.failed {
            Some(e) => Err(e),
            None => Ok(Exported {
                manifest,
                ..self.exported
            }),
        }
    }

    /// Adds `search/{dir}{hash}.{ext}`; returns the hash.
    fn put(&mut self, dir: &str, ext: &str, body: Vec<u8>) -> String {
        let h = hash(&body);
        self.write(format!("search/{dir}{h}.{ext}"), body);
        h
    }
}

/// A postings shard's files: the shard, its positions and, when a term of it is split, the
/// tail of its split terms' postings.
struct ShardFiles {
    postings: Vec<u8>,
    positions: Vec<u8>,
    tail: Option<Vec<u8>>,
}

/// A postings shard being filled: its terms (their encoded postings taken), their postings
/// and positions one after the other, and the cards of their top documents.
#[derive(Default)]
struct PostingsShard {
    terms: Vec<TermData>,
    cards: BTreeSet<u32>,
    /// Per term: each field's postings (a split term's best documents'), then a split term's
    /// set of documents.
    blob: Vec<u8>,
    /// The terms' positions, in a file of their own that only phrases fetch: per term and
    /// field, those of its postings, then those of its tail's.
    positions: Vec<u8>,
    /// The split terms' tails: per term and field, the postings beyond its best documents.
    tail: Vec<u8>,
    /// Bytes so far: header JSON (as serialized) and postings.
    size: usize,
}

impl PostingsShard {
    /// Adds `t`, taking its encoded postings and positions: the term keeps their lengths,
    /// which its header entry gives.
    fn add(&mut self, mut t: TermData, card_sizes: &[usize]) -> Result<()> {
        self.size += serde_json::to_vec(&entry(&t))?.len() + 1;
        for f in &mut t.fields {
            // Taken, not appended: the term's buffers are freed here, not just emptied.
            self.blob
                .extend_from_slice(&std::mem::take(&mut f.postings));
            self.positions
                .extend_from_slice(&std::mem::take(&mut f.positions));
            self.positions
                .extend_from_slice(&std::mem::take(&mut f.tail_positions));
            self.tail.extend_from_slice(&std::mem::take(&mut f.tail));
            self.size += f.bytes;
        }
        if let Some((_, docs, length)) = &mut t.docs {
            self.blob.extend_from_slice(&std::mem::take(docs));
            self.size += *length;
        }
        for &d in &t.top {
            if self.cards.insert(d) {
                self.size += card_sizes[d as usize] + d.to_string().len() + 4;
            }
        }
        self.terms.push(t);
        Ok(())
    }

    /// The shard (a container: the JSON header, then the postings), its positions file (the
    /// bytes the header's `position_bytes` and `tail_position_bytes` count) and its tail file
    /// (`tail_bytes`), not yet deflated.
    fn finish(self, cards: &[Card]) -> Result<ShardFiles> {
        let header = PostingsHeader {
            terms: self.terms.iter().map(entry).collect(),
            cards: self
                .cards
                .iter()
                .map(|&d| (d, &cards[d as usize]))
                .collect(),
        };
        Ok(ShardFiles {
            postings: container(&header, &self.blob)?,
            positions: self.positions,
            tail: (!self.tail.is_empty()).then_some(self.tail),
        })
    }
}

/// A term as its shard's header lists it.
fn entry(t: &TermData) -> TermEntry<'_> {
    TermEntry {
        term: &t.term,
        fields: t
            .fields
            .iter()
            .map(|f| TermField {
                field: f.field,
                idf: f64::from(f.idf),
                bytes: f.bytes,
                position_bytes: f.position_bytes,
                tail_bytes: f.tail_bytes,
                tail_position_bytes: f.tail_position_bytes,
            })
            .collect(),
        bound: t.bound.map(f64::from),
        docs: t
            .docs
            .as_ref()
            .map(|&(codec, _, bytes)| DocSetEntry { codec, bytes }),
    }
}

/// Postings as LEB128 varints: twice the document delta, plus one when the term frequency is
/// not 1 (then the frequency follows), then the field-norm id as one byte.
fn encode(postings: &[(u32, u32, u8)]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(postings.len() * 3);
    let mut last = 0u32;
    for &(doc, tf, norm) in postings {
        varint(
            &mut bytes,
            (u64::from(doc - last) << 1) | u64::from(tf != 1),
        );
        if tf != 1 {
            varint(&mut bytes, u64::from(tf));
        }
        bytes.push(norm);
        last = doc;
    }
    bytes
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn hash(bytes: &[u8]) -> String {
    hash_all([bytes])
}

/// The hash of `parts` one after the other, as [`hash`] of them joined, without joining them.
fn hash_all<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    let mut h = crate::fingerprint::Fnv::default();
    for part in parts {
        h.update(part);
    }
    format!("{:012x}", h.finish() >> 16)
}

/// A result card: id, title, date, severity and the start of the summary.
fn card(kb: &KnowledgeBase, i: usize) -> Card {
    let inc = &kb.incidents[i];
    let d = &inc.doc;
    let excerpt: String = if inc.excerpt.chars().count() > EXCERPT {
        let cut: String = inc.excerpt.chars().take(EXCERPT).collect();
        let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
        format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
    } else {
        inc.excerpt.clone()
    };
    Card {
        id: d.id.clone(),
        title: d.title.clone(),
        date: d.date().map(|d| d.to_string()).unwrap_or_default(),
        severity: d.severity_id().to_string(),
        excerpt,
    }
}

/// Each facet's values: (value, label, the documents that have it), by facet.
type FacetSets = BTreeMap<&'static str, Vec<(String, String, Vec<u32>)>>;

/// Facet values with the documents that have them, by facet.
fn facets(kb: &KnowledgeBase, incidents: &[usize]) -> FacetSets {
    let mut lists: BTreeMap<&'static str, BTreeMap<String, (String, Vec<u32>)>> = BTreeMap::new();
    for (n, &i) in incidents.iter().enumerate() {
        let inc = &kb.incidents[i];
        let d = &inc.doc;
        let mut add = |facet: &'static str, value: &str, label: &str| {
            let docs = &mut lists
                .entry(facet)
                .or_default()
                .entry(value.to_string())
                .or_insert_with(|| (label.to_string(), Vec::new()))
                .1;
            if docs.last() != Some(&(n as u32)) {
                docs.push(n as u32);
            }
        };
        add("severity", d.severity_id(), d.severity_id());
        let year = super::year_facet(inc);
        add("year", &year, &year);
        for s in &d.services {
            add("service", s, s);
        }
        for t in &d.tags {
            add("tag", t, t);
        }
        for c in &d.causes {
            let title = kb.cause(&c.id).map_or(c.id.as_str(), |k| k.title.as_str());
            add("cause", &c.id, title);
            let category = kb
                .config
                .category(&c.category)
                .map_or(c.category.as_str(), |k| k.title.as_str());
            add("category", &c.category, category);
        }
    }
    lists
        .into_iter()
        .map(|(facet, values)| {
            let values = values
                .into_iter()
                .map(|(value, (label, docs))| (value, label, docs))
                .collect();
            (facet, values)
        })
        .collect()
}

/// A facets file: a container (see [`container`]) whose header lists, for each facet, its
/// values with their labels, codecs and byte lengths ([`FacetsHeader`]), and whose bytes are
/// each value's document set, in header order, in whichever codec is smallest for it: `d`,
/// varint deltas from the previous document (the first from 0); `r`, runs of consecutive
/// documents as varint pairs (the gap since the end of the previous run, the run's length),
/// which suits years, as documents are numbered newest first; `b`, a bitmap (document n is
/// bit n % 8 of byte n / 8), which suits values most incidents have.
fn facets_file(facets: &FacetSets) -> Result<Vec<u8>> {
    let mut header = FacetsHeader::default();
    let mut blob = Vec::new();
    for (facet, values) in facets {
        let mut entry = FacetValues {
            name: facet,
            values: Vec::with_capacity(values.len()),
            labels: None,
            codecs: Vec::with_capacity(values.len()),
            bytes: Vec::with_capacity(values.len()),
        };
        for (value, _, docs) in values {
            let (codec, bytes) = encode_set(docs);
            entry.values.push(value);
            entry.codecs.push(codec);
            entry.bytes.push(bytes.len());
            blob.extend_from_slice(&bytes);
        }
        if values.iter().any(|(value, label, _)| value != label) {
            entry.labels = Some(values.iter().map(|(_, label, _)| label.as_str()).collect());
        }
        header.facets.push(entry);
    }
    container(&header, &blob)
}

/// A sorted set of document numbers in the smallest of the codecs of [`facets_file`].
fn encode_set(docs: &[u32]) -> (&'static str, Vec<u8>) {
    let mut deltas = Vec::new();
    let mut last = 0;
    for &d in docs {
        varint(&mut deltas, u64::from(d - last));
        last = d;
    }
    let mut runs = Vec::new();
    let mut end = 0u32;
    let mut i = 0;
    while i < docs.len() {
        let start = docs[i];
        let mut len = 1;
        while i + len < docs.len() && docs[i + len] == start + len as u32 {
            len += 1;
        }
        varint(&mut runs, u64::from(start - end));
        varint(&mut runs, len as u64);
        end = start + len as u32;
        i += len;
    }
    let mut bitmap = vec![0u8; docs.last().map_or(0, |&d| d as usize / 8 + 1)];
    for &d in docs {
        bitmap[d as usize / 8] |= 1 << (d % 8);
    }
    [("d", deltas), ("r", runs), ("b", bitmap)]
        .into_iter()
        .min_by_key(|(_, bytes)| bytes.len())
        .unwrap_or(("d", Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facet_sets_take_the_smallest_codec() {
        // A year: consecutive documents, one run.
        assert_eq!(encode_set(&[100, 101, 102, 103, 104]), ("r", vec![100, 5]));
        // A rare value: deltas.
        assert_eq!(encode_set(&[3, 200, 201]), ("d", vec![3, 197, 1, 1]));
        // A value most documents have: a bitmap.
        let most: Vec<u32> = (0..16).filter(|d| d % 3 != 0).collect();
        assert_eq!(encode_set(&most), ("b", vec![0b1011_0110, 0b0110_1101]));
        assert_eq!(encode_set(&[]).1, Vec::<u8>::new());
    }

    #[test]
    fn a_split_field_keeps_its_best_documents_and_puts_the_rest_in_its_tail() {
        // Four postings (document, tf, norm id), their positions read out of order.
        let mut p = FieldPostings {
            doc_freq: 4,
            postings: vec![(1, 1, 10), (4, 3, 10), (7, 1, 40), (9, 2, 5)],
            positions: Vec::new(),
            spans: Vec::new(),
        };
        for &(doc, tf) in &[(7u32, 1u32), (1, 1), (9, 2), (4, 3)] {
            let start = p.positions.len() as u32;
            for k in 0..tf {
                varint(&mut p.positions, u64::from(doc * 10 + k));
            }
            p.spans.push((doc, start, p.positions.len() as u32));
        }
        let mut f = EncodedField::default();
        split_field(&mut f, &p, &HashSet::from([4, 9]));
        assert_eq!(f.postings, encode(&[(4, 3, 10), (9, 2, 5)]));
        assert_eq!(f.tail, encode(&[(1, 1, 10), (7, 1, 40)]));
        assert_eq!(varints_of(&f.positions), [40, 41, 42, 90, 91]);
        assert_eq!(varints_of(&f.tail_positions), [10, 70]);
        assert_eq!((f.bytes, f.tail_bytes), (f.postings.len(), f.tail.len()));
    }

    fn varints_of(mut bytes: &[u8]) -> Vec<u64> {
        let mut out = Vec::new();
        while !bytes.is_empty() {
            let (mut v, mut shift) = (0u64, 0);
            loop {
                let b = bytes[0];
                bytes = &bytes[1..];
                v |= u64::from(b & 0x7f) << shift;
                shift += 7;
                if b & 0x80 == 0 {
                    break;
                }
            }
            out.push(v);
        }
        out
    }

    #[test]
    fn common_terms_carry_more_cards() {
        assert_eq!(carried(CARDLESS_DF), 0);
        assert_eq!(carried(CARDLESS_DF + 1), PAGE);
        assert_eq!(carried(DEEP_DF), PAGE);
        assert_eq!(carried(DEEP_DF + 1), DEEP);
        const { assert!(DEEP > PAGE) };
    }

    #[test]
    fn files_are_deflated_in_the_zlib_format() {
        use std::io::Read;
        let body =
            br#"{"words":["deploy","deployed","dns"],"terms":["","deploy",""],"df":[5,5,3]}"#;
        let packed = deflate(body);
        assert_eq!(
            packed[0], 0x78,
            "a zlib header, as DecompressionStream(\"deflate\") reads"
        );
        let mut back = Vec::new();
        flate2::read::ZlibDecoder::new(packed.as_slice())
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, body);
    }

    #[test]
    fn pair_files_hold_every_pair_in_the_file_of_its_top_bits() {
        use std::io::Read;
        use std::sync::Mutex;
        struct Keep(Mutex<BTreeMap<String, Vec<u8>>>);
        impl Sink for Keep {
            fn put(&self, path: &str, content: crate::write::Content) -> Result<()> {
                let bytes = content.bytes().to_vec();
                self.0.lock().unwrap().insert(path.to_string(), bytes);
                Ok(())
            }
        }
        for n in [0usize, 3, 5_000] {
            // Spread over the whole range, as hashes are.
            let pairs: Vec<u32> = (0..n as u32)
                .map(|i| i.wrapping_mul(2_654_435_761))
                .collect();
            let mut sorted = pairs.clone();
            sorted.sort_unstable();
            let sink = Keep(Mutex::new(BTreeMap::new()));
            let mut out = Files::new(&sink);
            let files = pair_files(&mut out, &sorted);
            let written = sink.0.into_inner().unwrap();
            assert_eq!(written.len(), 1 << files.bits, "{n} pairs");
            let mut back = Vec::new();
            for (path, body) in &written {
                let i: u64 = path
                    .strip_prefix(&format!("search/w/{}-", files.hash))
                    .and_then(|rest| rest.strip_suffix(".bin"))
                    .and_then(|i| i.parse().ok())
                    .unwrap();
                let mut plain = Vec::new();
                flate2::read::ZlibDecoder::new(body.as_slice())
                    .read_to_end(&mut plain)
                    .unwrap();
                let mut low = 0u64;
                let mut count = 0;
                for d in varints_of(&plain) {
                    low += d;
                    let top = if files.bits == 0 {
                        0
                    } else {
                        i << (32 - files.bits)
                    };
                    back.push((top | low) as u32);
                    count += 1;
                }
                // About PAIRS_PER_FILE each, as the hashes spread.
                assert!(count <= 2 * PAIRS_PER_FILE, "{path}: {count} pairs");
            }
            back.sort_unstable();
            assert_eq!(back, sorted, "{n} pairs");
        }
    }

    #[test]
    fn varints_round_trip_in_shape() {
        let mut b = Vec::new();
        varint(&mut b, 0);
        varint(&mut b, 127);
        varint(&mut b, 128);
        varint(&mut b, 300);
        assert_eq!(b, [0, 127, 0x80, 1, 0xac, 2]);
    }
}
