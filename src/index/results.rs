//! What a search returns, as `hindsight search --json` and `/api/search` write it: data, no
//! markup. Texts are plain, and the matched words in them are `[start, end)` ranges counted
//! in UTF-16 code units ([`HIGHLIGHT_UNIT`]), the unit JavaScript strings index by; each
//! output escapes and marks the text itself (the CLI with `[...]`, the site with `<mark>`).
//! The static client's results have the same shape (`docs/search-format.md`).

use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::Range;

/// The unit of highlight ranges, as the JSON names it.
pub const HIGHLIGHT_UNIT: &str = "utf-16";

/// A text and the ranges of it that matched the query: sorted, not overlapping, in UTF-16
/// code units.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<[usize; 2]>,
}

impl Snippet {
    /// `text` with the byte ranges `ranges` (sorted, not overlapping, on character
    /// boundaries) highlighted.
    pub fn from_byte_ranges(text: String, ranges: &[Range<usize>]) -> Snippet {
        let highlights = ranges
            .iter()
            .map(|r| [utf16_len(&text[..r.start]), utf16_len(&text[..r.end])])
            .collect();
        Snippet { text, highlights }
    }

    /// The text with each highlighted range between `open` and `close`, and `escape` applied
    /// to every piece of the text. Ranges that do not fall on characters of the text are
    /// left out.
    pub fn marked(&self, open: &str, close: &str, escape: impl Fn(&str) -> String) -> String {
        let mut out = String::with_capacity(self.text.len() + 8);
        let mut at = 0;
        for &[start, end] in &self.highlights {
            let (Some(start), Some(end)) =
                (byte_offset(&self.text, start), byte_offset(&self.text, end))
            else {
                continue;
            };
            if start < at || end < start {
                continue;
            }
            out.push_str(&escape(&self.text[at..start]));
            out.push_str(open);
            out.push_str(&escape(&self.text[start..end]));
            out.push_str(close);
            at = end;
        }
        out.push_str(&escape(&self.text[at..]));
        out
    }
}

fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// The byte offset of UTF-16 offset `units` in `text`, if it falls between characters.
fn byte_offset(text: &str, units: usize) -> Option<usize> {
    let mut counted = 0;
    for (i, c) in text.char_indices() {
        if counted == units {
            return Some(i);
        }
        if counted > units {
            return None;
        }
        counted += c.len_utf16();
    }
    (counted == units).then_some(text.len())
}

#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub id: String,
    pub title: String,
    /// The title's matched words.
    pub title_highlights: Vec<[usize; 2]>,
    pub date: String,
    pub severity: String,
    pub score: f32,
    /// A fragment of the body around the matched words; when the body has none (the words
    /// matched elsewhere, or the query has only filters), the start of the summary.
    pub snippet: Snippet,
}

/// A value of a facet and the number of results that have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// Each filter's values in the whole result set, most frequent first (then by value).
pub type Facets = BTreeMap<&'static str, Vec<FacetCount>>;

#[derive(Debug, Clone, Serialize)]
pub struct Results {
    /// The query as searched (cut to the length limit).
    pub query: String,
    pub total: usize,
    /// Set when nothing matched exactly and these results come from fuzzy words.
    pub fuzzy: bool,
    /// With `fuzzy`: the query with each retried word replaced by the KB's word nearest to
    /// it, what "showing results for ..." names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corrected: Option<String>,
    /// The unit of the highlight ranges: [`HIGHLIGHT_UNIT`].
    pub highlight_unit: &'static str,
    pub hits: Vec<Hit>,
    pub facets: Facets,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_count_utf16_units_and_mark_back_to_the_same_words() {
        // "é" is one unit, "𝄞" two, each two or four bytes.
        let text = "é 𝄞 cloud provider's network".to_string();
        let start = text.find("provider").unwrap();
        let s = Snippet::from_byte_ranges(text.clone(), &[3..7, start..start + 10]);
        assert_eq!(s.highlights, [[2, 4], [11, 21]]);
        let js_units: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(String::from_utf16(&js_units[11..21]).unwrap(), "provider's");
        assert_eq!(
            s.marked("[", "]", str::to_string),
            "é [𝄞] cloud [provider's] network"
        );
        let html = s.marked("<mark>", "</mark>", |t| t.replace('\'', "&#39;"));
        assert!(html.contains("<mark>provider&#39;s</mark>"), "{html}");
    }

    #[test]
    fn ranges_that_split_a_character_or_overlap_are_left_out() {
        let s = Snippet {
            text: "a𝄞b".into(),
            highlights: vec![[1, 2], [3, 4], [0, 1], [2, 9]],
        };
        assert_eq!(s.marked("[", "]", str::to_string), "a𝄞[b]");
    }
}
