//! Adjacent terms: the indexed texts -> the set of pairs of terms that stand side by side in
//! some field of some incident, each pair as a 32-bit hash. The static search reads it
//! (`search/w/`, docs/search-format.md) to tell that a phrase matches nothing before it fetches
//! the phrase's postings and positions, which for two common words at 100,000 incidents weigh
//! hundreds of kilobytes. A hash can only say "maybe" for a pair no text has (when another
//! pair shares it), never "no" for one a text has, so a phrase it rules out matches nothing in
//! `hindsight search` either. Made and saved with the vocabulary.

use rustc_hash::FxHashSet;
use std::cell::RefCell;
use tantivy::tokenizer::TextAnalyzer;

/// The hashes of the adjacent pairs of some texts, each once.
#[derive(Debug, Default)]
pub struct Pairs(FxHashSet<u32>);

impl Pairs {
    /// Adds the pairs of `text` as the index's analyzer splits it: two terms are adjacent
    /// when their positions follow each other (a word dropped for its length leaves a gap, as
    /// it does in the index's positions). Each thread keeps one analyzer, so that the stems it
    /// remembers serve every text the thread reads.
    pub fn add(&mut self, text: &str) {
        thread_local! {
            static ANALYZER: RefCell<TextAnalyzer> = RefCell::new(super::stem::analyzer());
        }
        ANALYZER.with_borrow_mut(|analyzer| self.add_with(analyzer, text));
    }

    fn add_with(&mut self, analyzer: &mut TextAnalyzer, text: &str) {
        let mut stream = analyzer.token_stream(text);
        let mut last: Option<(usize, String)> = None;
        while let Some(token) = stream.next() {
            match &mut last {
                Some((position, term)) => {
                    if *position + 1 == token.position {
                        self.0.insert(hash(term, &token.text));
                    }
                    *position = token.position;
                    term.clear();
                    term.push_str(&token.text);
                }
                None => last = Some((token.position, token.text.clone())),
            }
        }
    }

    /// Both sets' pairs.
    pub fn merge(mut self, other: Pairs) -> Pairs {
        if self.0.len() < other.0.len() {
            return other.merge(self);
        }
        self.0.extend(other.0);
        self
    }

    /// The hashes, ascending.
    pub fn into_sorted(self) -> Vec<u32> {
        let mut out: Vec<u32> = self.0.into_iter().collect();
        out.sort_unstable();
        out
    }
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
        let mut p = Pairs::default();
        p.add(text);
        p.into_sorted()
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
    fn a_word_too_long_to_index_leaves_a_gap() {
        let long = "x".repeat(super::super::contract::LIMITS.word_bytes);
        assert_eq!(pairs(&format!("disk {long} full")), Vec::<u32>::new());
        assert_eq!(pairs("disk full"), vec![hash("disk", "full")]);
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
