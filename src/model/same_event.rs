//! Two write-ups of one event: incidents that started the same day and use the same telling
//! words (an internal post-mortem and the public post about it, say). In: the incidents, with
//! their titles, excerpts and bodies already parsed to plain text. Out: for each incident, the
//! others of its day whose words are alike, with the cosine of their term vectors.
//!
//! What holds: the text is never parsed again, only the plain text the load stage made is read,
//! and at most [`TEXT_BYTES`] of each body. Each incident's term vector is made once (words
//! hashed, weighted by tf-idf, sorted by hash), and only incidents of the same day are
//! compared, each with at most [`DAY_NEIGHBOURS`] of them, so the work is linear in the KB.
//! Document frequencies are counted on at most [`SAMPLE`] incidents spread over the KB.

use super::Incident;
use jiff::civil::Date;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::hash::Hasher;

/// From this cosine of their term vectors, two incidents of the same day are taken for
/// write-ups of one event. Two unrelated incidents share a few words of any post-mortem
/// ("database", "customers"), which weigh little; two write-ups of one event share the words
/// that name it, which weigh a lot (see the tests and the README's figures).
pub const SAME_EVENT_COSINE: f32 = 0.12;
/// How much of a body's plain text is read for words: the opening, where an event is named.
const TEXT_BYTES: usize = 4000;
/// How many incidents document frequencies are counted on, at most.
const SAMPLE: usize = 2000;
/// How many incidents of its day (on each side, in the KB's order) an incident is compared
/// with, when a day has many.
const DAY_NEIGHBOURS: usize = 24;
/// Words shorter than this are left out; longer ones are cut to [`MAX_WORD`] bytes.
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
}

/// For each incident, the incidents of its day whose words are alike (cosine at least
/// [`SAME_EVENT_COSINE`]), with the cosine.
pub fn find(incidents: &[Incident]) -> Vec<Vec<(usize, f32)>> {
    let mut out = vec![Vec::new(); incidents.len()];
    let days = same_day_groups(incidents);
    if days.is_empty() {
        return out;
    }
    let counts: Vec<Vec<(u64, u32)>> = incidents.par_iter().map(word_counts).collect();
    let df = document_frequencies(&counts);
    let total = incidents.len() as f32;
    let vectors: Vec<Vector> = counts
        .into_par_iter()
        .map(|c| vector(c, &df, total))
        .collect();
    let found: Vec<(usize, usize, f32)> = days
        .par_iter()
        .flat_map_iter(|day| {
            let vectors = &vectors;
            (0..day.len()).flat_map(move |a| {
                let end = (a + 1 + DAY_NEIGHBOURS).min(day.len());
                (a + 1..end).filter_map(move |b| {
                    let (i, j) = (day[a], day[b]);
                    let cos = cosine(&vectors[i], &vectors[j]);
                    (cos >= SAME_EVENT_COSINE).then_some((i, j, cos))
                })
            })
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

/// The words of an incident's title, excerpt, impact and the opening of its body: each
/// word's hash and how many times it occurs, sorted by hash.
fn word_counts(inc: &Incident) -> Vec<(u64, u32)> {
    let d = &inc.doc;
    let body = &d.body.plain;
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
        words(text, &mut hashes);
    }
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

/// Pushes the hash of each word of `text`: runs of letters and digits (any non-ASCII byte
/// counts as a letter), lowercased, a plural `s` dropped, stop words and short words left out.
fn words(text: &str, out: &mut Vec<u64>) {
    let mut word = [0u8; MAX_WORD];
    let mut len = 0;
    let mut full = 0;
    let mut flush = |word: &[u8; MAX_WORD], len: usize, full: usize| {
        if full < MIN_WORD {
            return;
        }
        let mut w = &word[..len];
        if full > 4 && w.ends_with(b"s") && !w.ends_with(b"ss") {
            w = &w[..len - 1];
        }
        if std::str::from_utf8(w).is_ok_and(|w| STOP_WORDS.contains(&w)) {
            return;
        }
        let mut h = rustc_hash::FxHasher::default();
        h.write(w);
        out.push(h.finish());
    };
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || b >= 0x80 {
            if len < MAX_WORD {
                word[len] = b.to_ascii_lowercase();
                len += 1;
            }
            full += 1;
        } else {
            flush(&word, len, full);
            len = 0;
            full = 0;
        }
    }
    flush(&word, len, full);
}

/// In how many incidents each word occurs: counted on every incident of a KB of up to
/// [`SAMPLE`], else on every n-th and scaled up, so a large KB costs no more than that.
fn document_frequencies(counts: &[Vec<(u64, u32)>]) -> FxHashMap<u64, f32> {
    let step = counts.len().div_ceil(SAMPLE).max(1);
    let mut df: FxHashMap<u64, f32> = FxHashMap::default();
    for c in counts.iter().step_by(step) {
        for &(h, _) in c {
            *df.entry(h).or_default() += step as f32;
        }
    }
    df
}

/// The tf-idf vector of an incident's words. A word in every incident weighs nothing, and a
/// word of more than a third of them is left out; a word the sample never saw is taken as
/// rare.
fn vector(counts: Vec<(u64, u32)>, df: &FxHashMap<u64, f32>, total: f32) -> Vector {
    let terms: Vec<(u64, f32)> = counts
        .into_iter()
        .filter_map(|(h, n)| {
            let df = df.get(&h).copied().unwrap_or(1.0).max(1.0);
            (df <= total / 3.0 || total < 6.0)
                .then(|| (h, (1.0 + (n as f32).ln()) * (total / df).ln().max(0.0)))
        })
        .filter(|&(_, w)| w > 0.0)
        .collect();
    let norm = terms.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    Vector { terms, norm }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(text: &str) -> Vec<u64> {
        let mut v = Vec::new();
        words(text, &mut v);
        v
    }

    #[test]
    fn words_are_lowercased_without_plurals_stop_words_or_short_words() {
        assert_eq!(hashes("Payouts"), hashes("payout"));
        assert_eq!(hashes("The WAF and a DB"), hashes("waf"));
        assert_eq!(hashes("edge-proxy 502s"), hashes("edge proxy 502"));
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
        let counts: Vec<Vec<(u64, u32)>> = docs
            .iter()
            .map(|d| {
                let mut h = hashes(d);
                h.sort_unstable();
                let mut c: Vec<(u64, u32)> = Vec::new();
                for x in h {
                    match c.last_mut() {
                        Some((l, n)) if *l == x => *n += 1,
                        _ => c.push((x, 1)),
                    }
                }
                c
            })
            .collect();
        let df = document_frequencies(&counts);
        let v: Vec<Vector> = counts
            .into_iter()
            .map(|c| vector(c, &df, docs.len() as f32))
            .collect();
        assert!(cosine(&v[0], &v[1]) > 0.5, "{}", cosine(&v[0], &v[1]));
        assert!(cosine(&v[2], &v[4]) < cosine(&v[0], &v[1]));
        assert_eq!(cosine(&v[0], &v[3]), 0.0, "`customers` is in every one");
        assert!((cosine(&v[0], &v[0]) - 1.0).abs() < 1e-5);
    }
}
