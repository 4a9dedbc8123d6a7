//! The search contract: what `hindsight search` (and `/api/search`) and the static site's
//! client (`theme/static/assets/search-engine.js`) must agree on, written once, here. The
//! text fields and their boosts, the filters and their examples, the query limits (length,
//! word size, edit distances, completions), BM25's parameters, idf, and the messages of a
//! refused query.
//!
//! The build writes all of it into the search manifest (`docs/search-format.md`), and the
//! client reads it from there: it keeps no copy of its own. The Rust side reads these
//! constants and no literal of its own. A test checks BM25's parameters and [`idf`] against
//! tantivy's own scorer, bit for bit.

use serde::Serialize;

/// A text field a query searches, and how much a match in it counts.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct TextField {
    pub name: &'static str,
    pub boost: f32,
}

/// The text fields, in scoring order: a document's score adds its fields' scores in this
/// order (f32 addition is not associative, so both searches keep it).
pub const FIELDS: &[TextField] = &[
    TextField {
        name: "title",
        boost: 3.0,
    },
    TextField {
        name: "summary",
        boost: 1.5,
    },
    TextField {
        name: "body",
        boost: 1.0,
    },
    TextField {
        name: "causes",
        boost: 1.5,
    },
    TextField {
        name: "impact",
        boost: 1.0,
    },
    TextField {
        name: "actions",
        boost: 1.0,
    },
];

/// A facet a query filters on with `name:value`, and a value to show in a message about it.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Filter {
    pub name: &'static str,
    pub example: &'static str,
}

/// The filters, in the order messages list them. Results count each value of each of them.
pub const FILTERS: &[Filter] = &[
    Filter {
        name: "severity",
        example: "SEV1",
    },
    Filter {
        name: "service",
        example: "database",
    },
    Filter {
        name: "cause",
        example: "expired-certificate",
    },
    Filter {
        name: "category",
        example: "process",
    },
    Filter {
        name: "tag",
        example: "dns",
    },
    Filter {
        name: "year",
        example: "2024",
    },
];

/// How many edits a word may be from another, by its length in characters: none below
/// `one_from`, one from there, two from `two_from`.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Edits {
    pub one_from: usize,
    pub two_from: usize,
}

impl Edits {
    /// The edits allowed for a word of `chars` characters.
    pub fn max(&self, chars: usize) -> usize {
        if chars >= self.two_from {
            2
        } else if chars >= self.one_from {
            1
        } else {
            0
        }
    }
}

/// The numbers both searches apply to a query.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Limits {
    /// A longer query (in characters) is cut before the word or quoted phrase this falls in:
    /// nobody types more, and a pasted log should not stall the search.
    pub query_chars: usize,
    /// A query or value shown back in a message is cut to this many characters, the last
    /// one an ellipsis.
    pub shown_chars: usize,
    /// Words of this many bytes (UTF-8) or more are not indexed; they still take a position.
    pub word_bytes: usize,
    /// The fuzzy retry: the KB's words this close to a word that found nothing (and with its
    /// first letter), the fewest edits away of them.
    pub fuzzy_edits: Edits,
    /// "Did you mean": the closest value of a filter this close to a value no incident has.
    pub value_edits: Edits,
    /// The word being typed also matches the terms of this many of the KB's words that
    /// start with it, the most frequent...
    pub completions: usize,
    /// ...of the first this many of them, in byte order (so that a one-letter word does not
    /// fetch every vocabulary shard).
    pub completion_window: usize,
}

pub const LIMITS: Limits = Limits {
    query_chars: 1000,
    shown_chars: 80,
    word_bytes: 40,
    fuzzy_edits: Edits {
        one_from: 4,
        two_from: 7,
    },
    value_edits: Edits {
        one_from: 0,
        two_from: 5,
    },
    completions: 8,
    completion_window: 500,
};

/// BM25's parameters: tantivy's, which it does not export (a test holds them to it).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Bm25 {
    pub k1: f32,
    pub b: f32,
}

pub const BM25: Bm25 = Bm25 { k1: 1.2, b: 0.75 };

/// tantivy's idf, in f32: ln(1 + (N - n + 0.5) / (n + 0.5)) for a term in `doc_freq` of
/// `doc_count` documents. The static search files carry it per term and field.
pub fn idf(doc_freq: u64, doc_count: u64) -> f32 {
    let x = ((doc_count - doc_freq.min(doc_count)) as f32 + 0.5) / (doc_freq as f32 + 0.5);
    (1.0 + x).ln()
}

/// The messages of a refused query, with `{name}` placeholders that [`fill`] (and the
/// client) replace.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Messages {
    pub empty: &'static str,
    /// `{query}`: the query, shortened.
    pub no_words: &'static str,
    pub only_exclusions: &'static str,
    pub unclosed_quote: &'static str,
    /// `{name}`; `{fields}` and `{filters}`: the names, comma-separated.
    pub unknown_field: &'static str,
    /// `{filter}`, `{example}`.
    pub missing_value: &'static str,
    /// `{filter}`, `{value}` (shortened).
    pub unknown_value: &'static str,
    /// `{filter}`, `{value}` (shortened), `{closest}`.
    pub unknown_value_closest: &'static str,
}

pub const MESSAGES: Messages = Messages {
    empty: "the query is empty: give one or more words to look for",
    no_words: "`{query}` has no words to look for",
    only_exclusions: "the query has no words to look for, only -exclusions: add a word",
    unclosed_quote: "the query has a quote (\") that is not closed",
    unknown_field: "`{name}:` is not a field; search in one of {fields}, or filter by {filters} (as in severity:SEV1)",
    missing_value: "`{filter}:` needs a value, as in {filter}:{example}",
    unknown_value: "no incident has {filter} `{value}`",
    unknown_value_closest: "no incident has {filter} `{value}`; did you mean `{closest}`?",
};

/// A message with its placeholders replaced, in one pass (a value that looks like a
/// placeholder stays as it is). An unknown placeholder stays too.
pub fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let value = vars
            .iter()
            .find(|(k, _)| *k == &after[..name_len])
            .map(|(_, v)| *v);
        match value {
            Some(v) if after[name_len..].starts_with('}') => {
                out.push_str(v);
                rest = &after[name_len + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Text shown back in a message: at most [`Limits::shown_chars`] characters, the last an
/// ellipsis when it is cut.
pub fn shorten(s: &str) -> String {
    let n = LIMITS.shown_chars;
    if s.chars().count() > n {
        s.chars().take(n - 1).chain(['…']).collect()
    } else {
        s.to_string()
    }
}

/// Results on a page: the API's and the CLI's default, the search page's, and how many of a
/// term's best documents its postings shard carries the cards of.
pub const PAGE: usize = 10;

/// The contract as the manifest carries it (with the fields, which carry statistics of the
/// index beside their names and boosts).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Contract {
    pub filters: &'static [Filter],
    pub limits: Limits,
    pub bm25: Bm25,
    pub messages: Messages,
}

pub const CONTRACT: Contract = Contract {
    filters: FILTERS,
    limits: LIMITS,
    bm25: BM25,
    messages: MESSAGES,
};

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::fieldnorm::FieldNormReader;
    use tantivy::query::Bm25Weight;

    /// BM25 as the client computes it from the manifest: the contract's k1 and b, [`idf`].
    fn client_score(idf: f32, boost: f32, average: f32, norm_id: u8, tf: u32) -> f32 {
        let Bm25 { k1, b } = BM25;
        let mut weight = idf * (1.0 + k1);
        if boost != 1.0 {
            weight *= boost;
        }
        let fieldnorm = FieldNormReader::id_to_fieldnorm(norm_id) as f32;
        let cache = k1 * (1.0 - b + b * fieldnorm / average);
        let tf = tf as f32;
        weight * (tf / (tf + cache))
    }

    #[test]
    fn bm25_and_idf_are_tantivys_bit_for_bit() {
        for (doc_freq, doc_count) in [(1, 1), (1, 19), (7, 19), (19, 19), (4938, 10_002)] {
            for average in [1.0f32, 11.526316, 665.8421, 3.7] {
                for boost in [1.0f32, 1.5, 3.0] {
                    let tantivy =
                        Bm25Weight::for_one_term(doc_freq, doc_count, average).boost_by(boost);
                    for norm_id in [0u8, 1, 23, 24, 40, 100, 255] {
                        for tf in [1u32, 2, 7, 1000] {
                            let ours =
                                client_score(idf(doc_freq, doc_count), boost, average, norm_id, tf);
                            let theirs = tantivy.score(norm_id, tf);
                            assert_eq!(
                                ours.to_bits(),
                                theirs.to_bits(),
                                "df {doc_freq}/{doc_count} avg {average} boost {boost} norm {norm_id} tf {tf}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn messages_fill_in_one_pass() {
        assert_eq!(
            fill(MESSAGES.no_words, &[("query", "{query} ?!")]),
            "`{query} ?!` has no words to look for"
        );
        assert_eq!(fill("{a}{b} {c} {", &[("a", "1"), ("b", "2")]), "12 {c} {");
        assert_eq!(
            fill(
                MESSAGES.missing_value,
                &[("filter", "tag"), ("example", "dns")]
            ),
            "`tag:` needs a value, as in tag:dns"
        );
    }

    #[test]
    fn edits_grow_with_the_word() {
        let lengths: Vec<usize> = (0..9).map(|n| LIMITS.fuzzy_edits.max(n)).collect();
        assert_eq!(lengths, [0, 0, 0, 0, 1, 1, 1, 2, 2]);
        let values: Vec<usize> = (0..7).map(|n| LIMITS.value_edits.max(n)).collect();
        assert_eq!(values, [1, 1, 1, 1, 1, 2, 2]);
    }

    #[test]
    fn shown_text_is_cut_with_an_ellipsis() {
        assert_eq!(shorten("dns"), "dns");
        let long = "é".repeat(100);
        let shown = shorten(&long);
        assert_eq!(shown.chars().count(), LIMITS.shown_chars);
        assert!(shown.ends_with("é…"));
    }
}
