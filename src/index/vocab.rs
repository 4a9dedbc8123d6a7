//! The vocabulary: every lowercased word of the indexed text -> its indexed (stemmed) term,
//! plus the common inflections of those words that stem to the same term ("pool" when the
//! text only says "pools", "deploying" when it says "deployed"), each checked with the
//! index's own stemmer. The static site's client looks words up in it instead of stemming;
//! both searches take their fuzzy candidates and their completions of a word being typed from
//! it, by the contract's rules. Saved beside the index, with the adjacent pairs of terms
//! ([`super::pairs`]) made from the same texts.

use super::contract::LIMITS;
use anyhow::{Context, Result};
use rayon::prelude::*;
use rustc_hash::FxHashSet;
use std::collections::BTreeMap;
use std::path::Path;

const FILE: &str = "hindsight-vocabulary.json";
/// The pairs' hashes, 4 bytes each, little-endian, ascending.
const PAIRS_FILE: &str = "hindsight-pairs.bin";
/// Raised whenever the same texts would give another vocabulary (new inflections, another
/// split), so that one saved by an older hindsight is made again instead of reused.
const VERSION: u32 = 3;

/// The vocabulary file.
#[derive(serde::Serialize, serde::Deserialize)]
struct Saved<'a> {
    version: u32,
    /// What the vocabulary was made from (`update`'s fingerprint of the indexed documents),
    /// and the hash of its pairs file: a vocabulary is used with its pairs only when both
    /// still hold.
    #[serde(default)]
    made_for: String,
    #[serde(default)]
    pairs: String,
    words: std::borrow::Cow<'a, BTreeMap<String, String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary {
    /// Surface word -> term.
    pub words: BTreeMap<String, String>,
    /// The hashes of the pairs of terms that stand side by side in an indexed text,
    /// ascending ([`super::pairs`]).
    pub pairs: Vec<u32>,
}

impl Vocabulary {
    /// The vocabulary of the surface words `words` (gathered with [`add_words`]), each
    /// stemmed with `stem`.
    /// `pairs` are the texts' adjacent pairs (gathered with [`super::pairs::Pairs::add`]).
    pub fn build(
        words: Words,
        pairs: super::pairs::Pairs,
        stem: &(dyn Fn(&str) -> Option<String> + Sync),
    ) -> Self {
        let mut seen: Vec<String> = words.0.into_iter().collect();
        seen.par_sort_unstable();
        let mut words: BTreeMap<String, String> = seen
            .into_par_iter()
            .filter_map(|w| stem(&w).map(|t| (w, t)))
            .collect::<Vec<_>>()
            .into_iter()
            .collect();
        let inflections: Vec<(String, String)> = words
            .par_iter()
            .flat_map_iter(|(w, t)| {
                inflections(w, t)
                    .into_iter()
                    .filter(|form| stem(form).as_deref() == Some(t.as_str()))
                    .map(|form| (form, t.clone()))
                    .collect::<Vec<_>>()
            })
            .collect();
        for (form, term) in inflections {
            words.entry(form).or_insert(term);
        }
        Vocabulary {
            words,
            pairs: pairs.into_sorted(),
        }
    }

    /// Saves it, made from the documents `made_for` stands for (the pairs, then the words,
    /// which name the pairs' hash).
    pub fn save(&self, dir: &Path, made_for: &str) -> Result<()> {
        let pairs: Vec<u8> = self.pairs.iter().flat_map(|h| h.to_le_bytes()).collect();
        let saved = Saved {
            version: VERSION,
            made_for: made_for.to_string(),
            pairs: format!("{:016x}", crate::fingerprint::fnv1a(&pairs)),
            words: std::borrow::Cow::Borrowed(&self.words),
        };
        let json = serde_json::to_string(&saved).context("cannot write the vocabulary")?;
        replace(&dir.join(PAIRS_FILE), &pairs)?;
        replace(&dir.join(FILE), json.as_bytes())
    }

    /// The saved vocabulary, without its pairs (a query needs only the words); empty when
    /// there is none, or it was made by a hindsight that made vocabularies differently.
    pub fn load(dir: &Path) -> Self {
        Vocabulary {
            words: Self::load_saved(dir)
                .map(|saved| saved.words.into_owned())
                .unwrap_or_default(),
            pairs: Vec::new(),
        }
    }

    /// The saved vocabulary with its pairs, as [`Self::save`] wrote them for the documents
    /// `made_for` stands for; empty when either file is missing, when they were made for other
    /// documents, or when the pairs are not those the vocabulary names (a save cut short), so
    /// that the build makes both again.
    pub fn load_with_pairs(dir: &Path, made_for: &str) -> Self {
        let saved = Self::load_saved(dir).filter(|saved| saved.made_for == made_for);
        let bytes = std::fs::read(dir.join(PAIRS_FILE)).ok();
        match (saved, bytes) {
            (Some(saved), Some(bytes))
                if saved.pairs == format!("{:016x}", crate::fingerprint::fnv1a(&bytes))
                    && bytes.len() % 4 == 0 =>
            {
                Vocabulary {
                    words: saved.words.into_owned(),
                    pairs: bytes
                        .chunks_exact(4)
                        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                        .collect(),
                }
            }
            _ => Vocabulary::default(),
        }
    }

    /// The vocabulary file, when there is one of this version.
    fn load_saved(dir: &Path) -> Option<Saved<'static>> {
        std::fs::read_to_string(dir.join(FILE))
            .ok()
            .and_then(|s| serde_json::from_str::<Saved>(&s).ok())
            .filter(|saved| saved.version == VERSION)
    }

    /// The terms of the KB's words closest to `word`: same first letter, the fewest edits
    /// away of those at most the contract's `fuzzy_edits` away (one for 4 to 6 letters, two
    /// from 7); shorter words only match themselves. `databse` is `database` (one edit), not
    /// also `databases` and the other words two edits away, which would add their common
    /// postings to a search that names `database` alone. The terms come sorted. The static
    /// client applies the same rule.
    pub fn fuzzy(&self, word: &str) -> Vec<String> {
        let close: Vec<(&String, usize)> = self.close(word).map(|(_, t, d)| (t, d)).collect();
        let fewest = close.iter().map(|&(_, d)| d).min();
        let mut terms: Vec<String> = close
            .into_iter()
            .filter(|&(_, d)| Some(d) == fewest)
            .map(|(t, _)| t.clone())
            .collect();
        terms.sort_unstable();
        terms.dedup();
        terms
    }

    /// The closest of the KB's words [`Self::fuzzy`] accepts for `word`: fewest edits, then
    /// first in alphabetical order. It names what a fuzzy retry searched for instead.
    pub fn nearest(&self, word: &str) -> Option<&str> {
        self.close(word)
            .min_by(|a, b| a.2.cmp(&b.2).then_with(|| a.0.cmp(b.0)))
            .map(|(w, _, _)| w.as_str())
    }

    /// The terms a word being typed completes to: of the first `completion_window` words of
    /// the KB that start with it (in byte order, leaving out those whose term no document
    /// has), the `completions` with the most documents (`doc_freq` of their term; ties to the
    /// smaller term), their terms sorted and without repeats. The static client picks them by
    /// the same rule from its vocabulary shards.
    pub fn complete<E>(
        &self,
        word: &str,
        doc_freq: &mut dyn FnMut(&str) -> Result<u64, E>,
    ) -> Result<Vec<String>, E> {
        let mut window: Vec<(u64, &str)> = Vec::new();
        for (_, term) in self
            .words
            .range::<str, _>((std::ops::Bound::Included(word), std::ops::Bound::Unbounded))
            .take_while(|(w, _)| w.starts_with(word))
        {
            let n = doc_freq(term)?;
            if n > 0 {
                window.push((n, term));
            }
            if window.len() == LIMITS.completion_window {
                break;
            }
        }
        window.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        let mut terms: Vec<String> = window
            .iter()
            .take(LIMITS.completions)
            .map(|(_, t)| t.to_string())
            .collect();
        terms.sort_unstable();
        terms.dedup();
        Ok(terms)
    }

    /// The KB's words close to `word`, with their terms and distances.
    fn close<'a>(
        &'a self,
        word: &str,
    ) -> impl Iterator<Item = (&'a String, &'a String, usize)> + use<'a> {
        let chars: Vec<char> = word.chars().collect();
        let typed = word.to_string();
        let max = LIMITS.fuzzy_edits.max(chars.len());
        let first = chars.first().map(char::to_string).unwrap_or_default();
        self.words
            .range(first.clone()..)
            .take_while(move |(w, _)| !first.is_empty() && w.starts_with(&first))
            .filter_map(move |(w, t)| {
                let cand: Vec<char> = w.chars().collect();
                if cand.len().abs_diff(chars.len()) > max {
                    return None;
                }
                let d = distance(&typed, w);
                (d <= max).then_some((w, t, d))
            })
    }
}

/// Writes `bytes` at `path` beside it and renames it over, so that a reader never sees half
/// a file.
fn replace(path: &Path, bytes: &[u8]) -> Result<()> {
    static SAVES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = SAVES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or(FILE);
    let tmp = path.with_file_name(format!("{name}.{}-{n}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes).with_context(|| format!("cannot write `{}`", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write `{}`", path.display()))
}

/// Forms a reader may type for `word` (whose term is `term`): the term itself and common
/// English endings. Only plain lowercase ASCII words get them.
fn inflections(word: &str, term: &str) -> Vec<String> {
    if word.len() < 3 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return Vec::new();
    }
    let mut out = vec![term.to_string()];
    for ending in [
        "s", "es", "ed", "ing", "er", "ers", "ment", "ments", "ion", "ions", "ly",
    ] {
        out.push(format!("{word}{ending}"));
    }
    if let Some(stem) = word.strip_suffix('e') {
        out.extend([
            format!("{stem}ing"),
            format!("{stem}ion"),
            format!("{stem}ions"),
        ]);
    }
    if let Some(stem) = word.strip_suffix('y') {
        out.extend([format!("{stem}ies"), format!("{stem}ied")]);
    }
    for ending in ["s", "es", "ed", "ing", "d"] {
        if let Some(stem) = word.strip_suffix(ending)
            && stem.len() >= 3
        {
            out.push(stem.to_string());
            if ending == "ing" || ending == "ed" {
                out.push(format!("{stem}e"));
            }
        }
    }
    out.retain(|f| f != word);
    out
}

/// Adds the words of `text` to `out`, as [`super::query::analyze_surface`] splits and
/// lowercases them (runs of letters and digits, under the contract's `word_bytes`, each
/// letter lowercased on its own), without a new
/// string for each word: the vocabulary reads every text of the KB, and most of its words
/// are lowercase already.
/// The lowercased surface words of some texts, each once: what [`Vocabulary::build`] stems.
#[derive(Debug, Default)]
pub struct Words(FxHashSet<String>);

impl Words {
    /// Both sets' words.
    pub fn merge(mut self, other: Words) -> Words {
        if self.0.len() < other.0.len() {
            return other.merge(self);
        }
        self.0.extend(other.0);
        self
    }
}

/// Adds the surface words of `text` to `words`.
pub fn add_words(text: &str, words: &mut Words) {
    surface_words(text, &mut words.0);
}

fn surface_words(text: &str, out: &mut FxHashSet<String>) {
    let bytes = text.as_bytes();
    let char_at = |i: usize| text[i..].chars().next();
    let mut lower = [0u8; LIMITS.word_bytes];
    let mut i = 0;
    while i < bytes.len() {
        // A run of letters and digits, read a byte at a time while it is ASCII.
        let (start, mut ascii, mut upper) = (i, true, false);
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_alphanumeric() {
                upper |= b.is_ascii_uppercase();
                i += 1;
            } else if b < 0x80 {
                break;
            } else {
                match char_at(i) {
                    Some(c) if c.is_alphanumeric() => {
                        ascii = false;
                        i += c.len_utf8();
                    }
                    _ => break,
                }
            }
        }
        if i == start {
            // A separator.
            i += char_at(i).map_or(1, char::len_utf8);
            continue;
        }
        let word = &text[start..i];
        if word.len() >= LIMITS.word_bytes {
            continue;
        }
        if !ascii {
            let lowered: String = word.chars().flat_map(char::to_lowercase).collect();
            out.insert(lowered);
        } else if !upper {
            // A string is made only for a word not seen before.
            if !out.contains(word) {
                out.insert(word.to_string());
            }
        } else {
            // Lowercased on the stack: a string is made only for a word not seen before.
            let buf = &mut lower[..word.len()];
            buf.copy_from_slice(word.as_bytes());
            buf.make_ascii_lowercase();
            if let Ok(w) = std::str::from_utf8(buf)
                && !out.contains(w)
            {
                out.insert(w.to_string());
            }
        }
    }
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
/// neighbouring characters, each substring edited once (strsim's; the site's client computes
/// the same).
pub fn distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::query::analyze_surface;

    #[test]
    fn surface_words_are_the_analyzers() {
        let text = "Deploy-2024 broke TLS; ΣΊΣΥΦΟΣ İstanbul Straße naïve \
                    a\u{301}ccent x9 __ ok\u{200b}fine \
                    thisisaveryveryveryverylongwordofmorethanfortybytes";
        let mut fast = FxHashSet::default();
        surface_words(text, &mut fast);
        let mut fast: Vec<String> = fast.into_iter().collect();
        let mut analyzed = analyze_surface(text);
        fast.sort();
        analyzed.sort();
        analyzed.dedup();
        assert_eq!(fast, analyzed);
    }

    #[test]
    fn distances() {
        assert_eq!(distance("certficate", "certificate"), 1);
        assert_eq!(distance("teh", "the"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    #[test]
    fn fuzzy_words_keep_their_first_letter() {
        let mut v = Vocabulary::default();
        for (w, t) in [
            ("certificate", "certif"),
            ("certificates", "certif"),
            ("deploy", "deploy"),
            ("redeploy", "redeploy"),
            ("dns", "dns"),
        ] {
            v.words.insert(w.into(), t.into());
        }
        assert_eq!(v.fuzzy("certficate"), ["certif"]);
        assert_eq!(v.nearest("certficate"), Some("certificate"));
        assert_eq!(v.nearest("dnx"), None);
        assert_eq!(v.fuzzy("eploy"), Vec::<String>::new());
        assert_eq!(v.fuzzy("dpeloy"), ["deploy"]);
        assert_eq!(v.fuzzy("dns"), ["dns"]);
        assert_eq!(v.fuzzy("dnx"), Vec::<String>::new());
    }

    #[test]
    fn fuzzy_words_are_the_fewest_edits_away() {
        let mut v = Vocabulary::default();
        for (w, t) in [
            ("database", "databas"),
            ("databases", "databas"),
            ("datastore", "datastor"),
            ("dataset", "dataset"),
            ("databus", "databus"),
        ] {
            v.words.insert(w.into(), t.into());
        }
        // `database` is one edit away; `databus` and `databases` two: not searched too.
        assert_eq!(v.fuzzy("databse"), ["databas"]);
        assert_eq!(v.nearest("databse"), Some("database"));
        // Words as close as each other: all of them.
        v.words.insert("node".into(), "node".into());
        v.words.insert("nods".into(), "nod".into());
        assert_eq!(v.fuzzy("nodx"), ["nod", "node"]);
    }

    #[test]
    fn completions_are_the_most_frequent_words_started() {
        let mut v = Vocabulary::default();
        let df = |t: &str| match t {
            "deploy" => 5,
            "deploymentx" => 0,
            "depend" => 9,
            _ => 1,
        };
        for (w, t) in [
            ("depend", "depend"),
            ("dependency", "depend"),
            ("deploy", "deploy"),
            ("deployed", "deploy"),
            ("deploymentx", "deploymentx"),
            ("deprecated", "deprec"),
            ("dns", "dns"),
        ] {
            v.words.insert(w.into(), t.into());
        }
        let complete =
            |v: &Vocabulary, w: &str| v.complete(w, &mut |t| Ok::<_, ()>(df(t))).unwrap();
        assert_eq!(complete(&v, "dep"), ["depend", "deploy", "deprec"]);
        assert_eq!(
            complete(&v, "deploym"),
            Vec::<String>::new(),
            "no document has it"
        );
        // Of many words, the most frequent ones.
        for i in 0..20 {
            v.words.insert(format!("depz{i:02}"), format!("depz{i:02}"));
        }
        let terms = complete(&v, "dep");
        assert_eq!(
            terms.len(),
            LIMITS.completions - 2,
            "two words share a term: {terms:?}"
        );
        assert!(terms.starts_with(&["depend".to_string(), "deploy".to_string()]));
    }
}
