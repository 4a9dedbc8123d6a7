//! Adjacent terms: an incident's indexed texts -> the pairs of terms that stand side by side
//! in them, each pair as a 32-bit hash, kept in the index beside the document they come from
//! (its `pairs` field); and the index -> every pair any of its documents has. The static
//! search reads them (`search/w/`, docs/search-format.md) to tell that a phrase matches
//! nothing before it fetches the phrase's postings and positions, which for two common words
//! at 100,000 incidents weigh hundreds of kilobytes. A hash can only say "maybe" for a pair no
//! text has (when another pair shares it), never "no" for one a document has: the pairs are
//! made from the texts the document is indexed from, when it is, and leave the index with it,
//! so a phrase they rule out matches nothing in `hindsight search` either.

use anyhow::{Context, Result};
use std::borrow::Cow;
use std::cell::RefCell;
use tantivy::Searcher;
use tantivy::schema::Field;
use tantivy::tokenizer::TextAnalyzer;

/// The hashes of the adjacent pairs of a document's texts (one per field), ascending, each
/// once, as the index's analyzer splits them: two terms are adjacent when their positions
/// follow each other in one text (a word dropped for its length leaves a gap, as it does in
/// the index's positions). Each thread keeps one analyzer, so that the stems it remembers
/// serve every text the thread reads.
pub fn of(texts: &[Cow<'_, str>]) -> Vec<u32> {
    thread_local! {
        static ANALYZER: RefCell<TextAnalyzer> = RefCell::new(super::stem::analyzer());
    }
    let mut out = Vec::new();
    ANALYZER.with_borrow_mut(|analyzer| {
        for text in texts {
            let mut stream = analyzer.token_stream(text);
            let mut last: Option<(usize, String)> = None;
            while let Some(token) = stream.next() {
                match &mut last {
                    Some((position, term)) => {
                        if *position + 1 == token.position {
                            out.push(hash(term, &token.text));
                        }
                        *position = token.position;
                        term.clear();
                        term.push_str(&token.text);
                    }
                    None => last = Some((token.position, token.text.clone())),
                }
            }
        }
    });
    out.sort_unstable();
    out.dedup();
    out
}

/// Every pair hash in the index's `field`, ascending, each once: the terms of the field in
/// every segment. A document deleted but not yet merged away may leave its pairs, which only
/// costs a phrase the fetch of its positions.
pub fn in_index(searcher: &Searcher, field: Field) -> Result<Vec<u32>> {
    let mut out = Vec::new();
    for segment in searcher.segment_readers() {
        let inverted = segment
            .inverted_index(field)
            .context("cannot read the search index")?;
        let mut stream = inverted
            .terms()
            .stream()
            .context("cannot read the search index")?;
        while stream.advance() {
            // A u64 term is its value, 8 bytes big-endian; the pairs are u32s.
            if let Ok(bytes) = <[u8; 8]>::try_from(stream.key())
                && let Ok(h) = u32::try_from(u64::from_be_bytes(bytes))
            {
                out.push(h);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// The hash of the terms `a` then `b`: 32-bit FNV-1a of `a`, a space and `b` (UTF-8), then
/// MurmurHash3's finalizer, so that the top bits (which pick a file) are as mixed as the
/// rest. `search-engine.js` computes the same.
pub fn hash(a: &str, b: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &byte in a.as_bytes().iter().chain(b" ").chain(b.as_bytes()) {
        h ^= u32::from(byte);
        h = h.wrapping_mul(0x0100_0193);
    }
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^ (h >> 16)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<u32> {
        of(&[Cow::Borrowed(text)])
    }

    #[test]
    fn adjacent_terms_are_paired_as_the_index_stems_them() {
        let got = pairs("Disk filled up; the disks FILLED again");
        let mut want = vec![
            hash("disk", "fill"),
            hash("fill", "up"),
            hash("up", "the"),
            hash("the", "disk"),
            hash("fill", "again"),
        ];
        want.sort_unstable();
        want.dedup();
        assert_eq!(got, want);
        assert!(!got.contains(&hash("fill", "disk")), "order counts");
    }

    #[test]
    fn a_word_too_long_to_index_leaves_a_gap_and_texts_are_apart() {
        let long = "x".repeat(super::super::contract::LIMITS.word_bytes);
        assert_eq!(pairs(&format!("disk {long} full")), Vec::<u32>::new());
        assert_eq!(pairs("disk full"), vec![hash("disk", "full")]);
        // Two fields: the last word of one is not beside the first of the next.
        let two = of(&[Cow::Borrowed("disk"), Cow::Borrowed("full")]);
        assert_eq!(two, Vec::<u32>::new());
    }

    #[test]
    fn the_hash_is_fnv1a_then_murmurs_finalizer() {
        // Computed apart (a few lines of Python); search-engine.js must give them too
        // (tests/js/parity.test.mjs).
        assert_eq!(hash("disk", "full"), 0x8cda_b353);
        assert_eq!(hash("ærø", "日本"), 0x0d7a_f8d9);
        assert_ne!(hash("ab", "c"), hash("a", "bc"));
    }
}
