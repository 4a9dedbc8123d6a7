//! Two write-ups of one event: incidents that started the same day and use the same telling
//! words (an internal post-mortem and the public post about it, say). In: the incidents, with
//! their titles, excerpts and bodies. Out: for each incident, the others of its day whose words
//! are alike and that share a rare word, with the cosine of their term vectors.
//!
//! What holds: only the opening of each body is read as plain text, parsed no further than
//! [`TEXT_BYTES`] of it (`load::body::plain_opening`). Each incident's term vector is made once
//! (words hashed, weighted by tf-idf, sorted by hash), and only incidents of the same day are
//! compared, each with at most [`DAY_NEIGHBOURS`] of them, so the work is linear in the KB.
//! Document frequencies are counted on at most [`SAMPLE`] incidents spread over the KB.

use super::Incident;
use jiff::civil::Date;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// From this cosine of their term vectors, two incidents of the same day are taken for
/// write-ups of one event. Two unrelated incidents share a few words of any post-mortem
/// ("database", "customers"), which weigh little; two write-ups of one event share the words
/// that name it, which weigh a lot (see the tests and the README's figures).
pub const SAME_EVENT_COSINE: f32 = 0.12;
/// How much of a body's plain text is read for words: the opening, where an event is named.
/// (The two pairs of `examples/real-shapes` measure 0.24 and 0.27 with 2,000 bytes, 0.21 and
/// 0.25 with 4,000, which cost twice as much.)
const TEXT_BYTES: usize = 2000;
/// How many incidents document frequencies are counted on, at most.
const SAMPLE: usize = 2000;
/// Besides alike words, two write-ups of one event share a word that few other incidents use
/// (a rule's number, a tool's name, a customer): one counted in at most this many incidents of
/// the sample. In the 10k generated corpus, whose words all come from small pools, the
/// cosine alone would call a fifth of the pairs of a day one event; with this, 2 of 10,927.
const RARE_IN_SAMPLE: f32 = 2.0;
/// How many incidents of its day (on each side, in the KB's order) an incident is compared
/// with, when a day has many.
const DAY_NEIGHBOURS: usize = 24;
/// Words shorter than this are left out; only the first [`MAX_WORD`] bytes of longer ones
/// count.
const MIN_WORD: usize = 3;
const MAX_WORD: usize = 32;

/// Words too common in any English text to tell anything; the document frequency takes
/// care of the words common in post-mortems.
const STOP_WORDS: &[&str] = &[
    "the", "and", "for", "was", "were", "with", "that", "this", "from", "are", "but", "not", "had",
    "has", "have", "its", "our", "out", "all", "any", "can", "did", "into", "than", "then", "they",
    "their", "them", "there", "these", "those", "what", "when", "where", "which", "while", "who",
    "will", "would", "you", "your", "about", "after", "before", "been", "being", "also", "only",
    "some", "such", "over", "under", "more", "most", "each",
];

/// A term vector: (word hash, weight), sorted by hash, with its norm.
struct Vector {
    terms: Vec<(u64, f32)>,
    norm: f32,
    /// The words few other incidents use (see [`RARE_IN_SAMPLE`]), sorted.
    rare: Vec<u64>,
}

/// What a word weighs across the KB: its idf, and whether it is rare.
#[derive(Clone, Copy)]
struct Weight {
    idf: f32,
    rare: bool,
}

/// For each incident, the incidents of its day whose words are alike (cosine at least
/// [`SAME_EVENT_COSINE`], and a rare word in common), with the cosine.
pub fn find(incidents: &[Incident]) -> Vec<Vec<(usize, f32)>> {
    let mut out = vec![Vec::new(); incidents.len()];
    let days = same_day_groups(incidents);
    if days.is_empty() {
        return out;
    }
    let words = Words::new();
    // Every `step`-th incident is in the sample: its words are counted once, for both uses.
    let step = incidents.len().div_ceil(SAMPLE).max(1);
    let sample: Vec<Vec<(u64, u32)>> = (0..incidents.len())
        .into_par_iter()
        .step_by(step)
        .map(|i| word_counts(&incidents[i], &words))
        .collect();
    let weights = weights(&sample, step, incidents.len());
    let unseen = Weight {
        idf: (incidents.len() as f32).ln(),
        rare: true,
    };
    // Only the incidents that share their day with another need a vector, and only while
    // their day is compared (at 100k incidents nearly all of them share a day: their vectors
    // are not all held at once).
    let vector_of = |i: usize| match sample.get(i / step).filter(|_| i.is_multiple_of(step)) {
        Some(counts) => vector(counts, &weights, unseen),
        None => vector(&word_counts(&incidents[i], &words), &weights, unseen),
    };
    let found: Vec<(usize, usize, f32)> = days
        .par_iter()
        .flat_map_iter(|day| {
            let vectors: Vec<Vector> = day.iter().map(|&i| vector_of(i)).collect();
            let mut pairs = Vec::new();
            for a in 0..day.len() {
                let end = (a + 1 + DAY_NEIGHBOURS).min(day.len());
                for b in a + 1..end {
                    let (va, vb) = (&vectors[a], &vectors[b]);
                    let cos = cosine(va, vb);
                    if cos >= SAME_EVENT_COSINE && shares_any(&va.rare, &vb.rare) {
                        pairs.push((day[a], day[b], cos));
                    }
                }
            }
            pairs
        })
        .collect();
    for (i, j, cos) in found {
        out[i].push((j, cos));
        out[j].push((i, cos));
    }
    out
}

/// The incidents of each day that has more than one, in the KB's order.
fn same_day_groups(incidents: &[Incident]) -> Vec<Vec<usize>> {
    let mut by_day: FxHashMap<Date, Vec<usize>> = FxHashMap::default();
    for (i, inc) in incidents.iter().enumerate() {
        if let Some(day) = inc.doc.date() {
            by_day.entry(day).or_default().push(i);
        }
    }
    let mut days: Vec<Vec<usize>> = by_day.into_values().filter(|d| d.len() > 1).collect();
    days.sort_unstable();
    days
}

/// Splits text into hashed words.
struct Words {
    /// The hashes of [`STOP_WORDS`], sorted.
    stop: Vec<u64>,
}

impl Words {
    fn new() -> Words {
        let mut stop: Vec<u64> = STOP_WORDS.iter().map(|w| hash(w.as_bytes())).collect();
        stop.sort_unstable();
        Words { stop }
    }

    /// Pushes the hash of each word of `text`: runs of letters and digits (any non-ASCII byte
    /// counts as a letter), lowercased, a plural `s` dropped, stop words and short words left
    /// out. The hash is made as the bytes go by, so a word is never copied.
    fn push(&self, text: &str, out: &mut Vec<u64>) {
        // The word's hash, its hash without its last byte, its length, its last two bytes.
        let (mut h, mut before, mut len, mut last) = (0u64, 0u64, 0usize, [0u8; 2]);
        let mut flush = |h: u64, before: u64, len: usize, last: [u8; 2]| {
            if len < MIN_WORD {
                return;
            }
            let plural = len > 4 && len <= MAX_WORD && last[1] == b's' && last[0] != b's';
            let h = if plural { before } else { h };
            if self.stop.binary_search(&h).is_err() {
                out.push(h);
            }
        };
        for &b in text.as_bytes() {
            if b.is_ascii_alphanumeric() || b >= 0x80 {
                let b = b.to_ascii_lowercase();
                if len < MAX_WORD {
                    before = h;
                    h = step(h, b);
                }
                len += 1;
                last = [last[1], b];
            } else if len > 0 {
                flush(h, before, len, last);
                (h, before, len, last) = (0, 0, 0, [0; 2]);
            }
        }
        if len > 0 {
            flush(h, before, len, last);
        }
    }
}

/// One byte into a word's hash (FxHash's step: a rotation, a xor, a multiplication).
fn step(h: u64, b: u8) -> u64 {
    (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// The hash [`Words::push`] gives a lowercase word.
fn hash(word: &[u8]) -> u64 {
    word.iter().fold(0, |h, &b| step(h, b))
}

/// The words of an incident's title, excerpt, impact and the opening of its body: each
/// word's hash and how many times it occurs, sorted by hash.
fn word_counts(inc: &Incident, words: &Words) -> Vec<(u64, u32)> {
    let d = &inc.doc;
    let body = crate::load::body::plain_opening(&d.file.body_text(), TEXT_BYTES);
    let mut cut = body.len().min(TEXT_BYTES);
    while !body.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut hashes = Vec::new();
    for text in [
        d.title.as_str(),
        inc.excerpt.as_str(),
        d.impact.as_deref().unwrap_or_default(),
        &body[..cut],
    ] {
        words.push(text, &mut hashes);
    }
    counted(hashes)
}

/// Sorted hashes, each once, with how many times it was there.
fn counted(mut hashes: Vec<u64>) -> Vec<(u64, u32)> {
    hashes.sort_unstable();
    let mut counts: Vec<(u64, u32)> = Vec::with_capacity(hashes.len());
    for h in hashes {
        match counts.last_mut() {
            Some((last, n)) if *last == h => *n += 1,
            _ => counts.push((h, 1)),
        }
    }
    counts
}

/// Each word's idf and rarity, from its document frequency in `sample`, the word counts of
/// every `step`-th of `total` incidents (all of a KB of up to [`SAMPLE`], so a large KB costs
/// no more than that), scaled up. A word of more than a third of the incidents is left out: it
/// weighs nothing.
fn weights(sample: &[Vec<(u64, u32)>], step: usize, total: usize) -> FxHashMap<u64, Weight> {
    let mut df: FxHashMap<u64, u32> = FxHashMap::default();
    for counts in sample {
        for &(h, _) in counts {
            *df.entry(h).or_default() += 1;
        }
    }
    let total = total as f32;
    df.into_iter()
        .map(|(h, n)| {
            let df = (n as usize * step) as f32;
            let common = df > total / 3.0 && total >= 6.0;
            let idf = if common {
                0.0
            } else {
                (total / df).ln().max(0.0)
            };
            let rare = n as f32 <= RARE_IN_SAMPLE;
            (h, Weight { idf, rare })
        })
        .collect()
}

/// The tf-idf vector of an incident's words; a word the sample never saw is `unseen`.
fn vector(counts: &[(u64, u32)], weights: &FxHashMap<u64, Weight>, unseen: Weight) -> Vector {
    let mut terms = Vec::with_capacity(counts.len());
    let mut rare = Vec::new();
    for &(h, n) in counts {
        let w = weights.get(&h).copied().unwrap_or(unseen);
        if w.idf > 0.0 {
            let tf = if n == 1 { 1.0 } else { 1.0 + (n as f32).ln() };
            terms.push((h, tf * w.idf));
        }
        if w.rare {
            rare.push(h);
        }
    }
    let norm = terms.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    Vector { terms, norm, rare }
}

/// The cosine of two vectors (0 when either is empty).
fn cosine(a: &Vector, b: &Vector) -> f32 {
    if a.norm == 0.0 || b.norm == 0.0 {
        return 0.0;
    }
    let (mut i, mut j, mut dot) = (0, 0, 0.0f32);
    while i < a.terms.len() && j < b.terms.len() {
        let (x, y) = (a.terms[i], b.terms[j]);
        match x.0.cmp(&y.0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += x.1 * y.1;
                i += 1;
                j += 1;
            }
        }
    }
    dot / (a.norm * b.norm)
}

/// Whether two sorted lists have a member in common.
fn shares_any(a: &[u64], b: &[u64]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(text: &str) -> Vec<u64> {
        let mut v = Vec::new();
        Words::new().push(text, &mut v);
        v
    }

    #[test]
    fn words_are_lowercased_without_plurals_stop_words_or_short_words() {
        assert_eq!(hashes("Payouts"), hashes("payout"));
        assert_eq!(hashes("The WAF and a DB"), hashes("waf"));
        assert_eq!(hashes("edge-proxy outages"), hashes("edge proxy outage"));
        assert_ne!(hashes("502s"), hashes("502"), "four letters keep their s");
        assert_ne!(hashes("access"), hashes("acces"));
        assert_eq!(hashes("été").len(), 1);
    }

    #[test]
    fn shared_rare_words_make_a_high_cosine_and_common_ones_a_low_one() {
        let docs = [
            "waf rule regex backtracking edge proxy outage customers",
            "regex backtracking waf rule took every edge proxy down customers",
            "database failover customers replica lag",
            "certificate expired customers renewal",
            "disk full customers database",
            "queue backlog customers consumers",
        ];
        let counts: Vec<Vec<(u64, u32)>> = docs.iter().map(|d| counted(hashes(d))).collect();
        let weights = weights(&counts, 1, docs.len());
        let unseen = Weight {
            idf: 1.0,
            rare: true,
        };
        let v: Vec<Vector> = counts.iter().map(|c| vector(c, &weights, unseen)).collect();
        assert!(cosine(&v[0], &v[1]) > 0.5, "{}", cosine(&v[0], &v[1]));
        assert!(cosine(&v[2], &v[4]) < cosine(&v[0], &v[1]));
        assert_eq!(cosine(&v[0], &v[3]), 0.0, "`customers` is in every one");
        assert!((cosine(&v[0], &v[0]) - 1.0).abs() < 1e-5);
        // `waf`, `regex`... are in two of the six: rare words the first two share.
        assert!(shares_any(&v[0].rare, &v[1].rare));
        assert!(!shares_any(&v[2].rare, &v[3].rare));
    }
}
