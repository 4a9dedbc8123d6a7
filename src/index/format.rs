//! The static search files under `search/`, as typed values: what [`super::export`] writes
//! and `theme/static/assets/search-engine.js` reads. `docs/search-format.md` describes each
//! file (layout, encodings, how the client reads it, names); these types are its code. Every
//! object has named fields. Where lists run in parallel (a vocabulary shard's words, terms and
//! document counts; a facet's values, labels, codecs and lengths), the document says so, and
//! the lists are the same length.

use super::contract::Contract;
use anyhow::Result;
use serde::Serialize;
use std::collections::BTreeMap;

/// The manifest's `version`: raised whenever a file changes shape.
pub const VERSION: u32 = 7;

/// `search/manifest-{hash}.json`: the one file a page names; every other file is named in it.
#[derive(Debug, Serialize)]
pub struct Manifest<'a> {
    pub version: u32,
    /// The site's base path (`/`, `/docs/kb/`): file paths are relative to it.
    pub base: &'a str,
    /// Documents (incidents), numbered 0.. newest first.
    pub docs: usize,
    /// Results on a first page, and the number of best documents a term's shard carries the
    /// cards of (`deep` for a term in more than `deep_df` documents).
    pub page: usize,
    pub deep: usize,
    pub deep_df: usize,
    /// Documents per file of cards.
    pub chunk: usize,
    /// The text fields, in scoring order; a posting's `field` is an index into this list.
    pub fields: Vec<FieldStats>,
    /// What both searches agree on: filters, limits, BM25, messages.
    pub contract: Contract,
    pub vocab: Shards,
    pub postings: PostingsFiles,
    /// The files of cards, `search/d/{hash}-{i}.bin` for chunk `i`.
    pub cards: CardFiles,
    /// The facet files, `search/f/{hash}.bin`, one per filter.
    pub facets: FacetFiles,
    /// The files of adjacent pairs of terms, which a phrase reads first.
    pub pairs: PairFiles,
}

/// The hashes of the pairs of terms that stand side by side in some text
/// ([`super::pairs::hash`]), in `2^bits` files: `search/w/{hash}-{i}.bin` (deflated) holds
/// those whose top `bits` bits are `i`, as the varint deltas of their other bits, ascending
/// (the first from 0). A phrase's pair missing from its file stands nowhere: the phrase
/// matches nothing.
#[derive(Debug, Default, Serialize)]
pub struct PairFiles {
    pub hash: String,
    pub bits: u32,
}

/// The files of cards: chunk `i` (documents `chunk × i` to `chunk × i + chunk - 1`) is
/// `search/d/{hash}-{i}.bin`, for `i` below `count`; `hash` is of all of them.
#[derive(Debug, Default, Serialize)]
pub struct CardFiles {
    pub hash: String,
    pub count: usize,
}

/// One file per facet, so that a page fetches only the facets it shows: `names[i]`'s values
/// are in `files[i]` (a hash), `bytes[i]` long, which tells a page what a facet costs before
/// it asks for it.
#[derive(Debug, Default, Serialize)]
pub struct FacetFiles {
    pub names: Vec<&'static str>,
    pub files: Vec<String>,
    pub bytes: Vec<usize>,
}

/// A text field: its name and boost (the contract's) and its average length in tokens (the
/// index's), which BM25 needs.
#[derive(Debug, Serialize)]
pub struct FieldStats {
    pub name: &'static str,
    pub boost: f32,
    /// An f32, written exactly (as f64).
    pub average_length: f64,
}

/// Sharded files: `keys[i]` is the first word (or term) of shard `i`, whose file has hash
/// `files[i]`; keys are sorted in byte order.
#[derive(Debug, Default, Serialize)]
pub struct Shards {
    pub keys: Vec<String>,
    pub files: Vec<String>,
}

/// The postings shards: shard `i` (of `count`) is `search/p/{hash}-{i}.bin`, its positions
/// `search/q/{hash}-{i}.bin`; `hash` is of all of them, so that the manifest names them in
/// one word. Which shard holds a term, the vocabulary says (`VocabShard::shards`).
#[derive(Debug, Default, Serialize)]
pub struct PostingsFiles {
    pub count: usize,
    pub hash: String,
}

/// `search/v/{hash}.bin` (deflated JSON): a run of the vocabulary, words in byte order.
/// `words`, `terms`, `df` and `shards` run in parallel: the word, its term (`""` when the word
/// is its own term), the number of documents with the term, and the postings shard that
/// holds the term, as its difference from the previous word's (the first from 0).
#[derive(Debug, Default, Serialize)]
pub struct VocabShard<'a> {
    pub words: Vec<&'a str>,
    pub terms: Vec<&'a str>,
    pub df: Vec<usize>,
    pub shards: Vec<i64>,
}

/// The JSON header of `search/p/{hash}-{i}.bin`: its terms in byte order, and by document
/// number the cards of each term's best documents (the first page of a one-word query, for
/// terms in more than a few documents; more for common terms).
#[derive(Debug, Default, Serialize)]
pub struct PostingsHeader<'a> {
    pub terms: Vec<TermEntry<'a>>,
    pub cards: BTreeMap<u32, &'a Card>,
}

/// A term of a postings shard.
#[derive(Debug, Serialize)]
pub struct TermEntry<'a> {
    pub term: &'a str,
    /// The fields that have the term, in field order; their postings and positions follow
    /// each other in the shard's files, in the order of the terms and then of these.
    pub fields: Vec<TermField>,
    /// A split term's documents (all of them, in any field), after its postings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub docs: Option<DocSetEntry>,
    /// A split term's highest score (f32, written exactly as f64) of a document beyond those
    /// whose postings its shard has.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bound: Option<f64>,
}

/// A set of documents in the binary part of a file: its codec (as a facet value's) and
/// length.
#[derive(Debug, Serialize)]
pub struct DocSetEntry {
    pub codec: &'static str,
    pub bytes: usize,
}

/// A term's postings in one field.
#[derive(Debug, Serialize)]
pub struct TermField {
    /// An index into the manifest's `fields`.
    pub field: usize,
    /// The term's idf in this field (f32, written exactly as f64).
    pub idf: f64,
    /// Bytes of its postings in the shard's file, after the header.
    pub bytes: usize,
    /// Bytes of its positions in the shard's positions file.
    pub position_bytes: usize,
    /// A split term's: bytes of its other postings in the shard's tail file, and of their
    /// positions (after `position_bytes`).
    #[serde(skip_serializing_if = "is_zero")]
    pub tail_bytes: usize,
    #[serde(skip_serializing_if = "is_zero")]
    pub tail_position_bytes: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A result as a list shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    pub id: String,
    pub title: String,
    /// YYYY-MM-DD, in the incident's own time zone.
    pub date: String,
    pub severity: String,
    /// The start of the summary, plain text.
    pub excerpt: String,
}

/// The JSON header of a facet file, `search/f/{hash}.bin` (one facet in `facets`).
#[derive(Debug, Default, Serialize)]
pub struct FacetsHeader<'a> {
    pub facets: Vec<FacetValues<'a>>,
}

/// A filter's values. `values`, `labels`, `codecs` and `bytes` run in parallel: the value,
/// how to show it (left out when every label is its value), how its documents are encoded
/// and in how many bytes of the file.
#[derive(Debug, Serialize)]
pub struct FacetValues<'a> {
    pub name: &'a str,
    pub values: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub labels: Option<Vec<&'a str>>,
    pub codecs: Vec<&'static str>,
    pub bytes: Vec<usize>,
}

/// `bytes` deflate-compressed, in the zlib format that the browser's
/// `DecompressionStream("deflate")` reads: the vocabulary, postings, positions and cards are
/// stored so (they shrink to a third to a half, whether or not the server compresses). One
/// libdeflate compressor per thread, at level 6.
pub fn deflate(bytes: &[u8]) -> Vec<u8> {
    thread_local! {
        static COMPRESSOR: std::cell::RefCell<libdeflater::Compressor> =
            std::cell::RefCell::new(libdeflater::Compressor::new(libdeflater::CompressionLvl::default()));
    }
    COMPRESSOR.with_borrow_mut(|c| {
        let mut out = vec![0; c.zlib_compress_bound(bytes.len())];
        // The bound is enough room, so this cannot fail.
        let n = c.zlib_compress(bytes, &mut out).unwrap_or(0);
        out.truncate(n);
        // Many are held at once (a batch of shards): give back the room not used.
        out.shrink_to_fit();
        out
    })
}

/// A binary file with a JSON header: the header's length as 4 bytes little-endian, the
/// header, then `blob`.
pub fn container(header: &impl Serialize, blob: &[u8]) -> Result<Vec<u8>> {
    let header = serde_json::to_vec(header)?;
    let mut body = Vec::with_capacity(4 + header.len() + blob.len());
    body.extend_from_slice(&u32::try_from(header.len())?.to_le_bytes());
    body.extend_from_slice(&header);
    body.extend_from_slice(blob);
    Ok(body)
}
