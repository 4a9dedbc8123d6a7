//! Text helpers shared by the lint rules and the seen-before search: words with their byte
//! offsets, and stopwords. The body's prose and sections come from [`crate::load::Body`], read
//! once.

use std::ops::Range;

/// A word of prose, lowercased, with its byte range in the text it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub range: Range<usize>,
}

/// Splits text into lowercase words (letters, digits and inner apostrophes).
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let bytes_end = text.len();
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next_is_letter = iter.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        let part =
            c.is_alphanumeric() || ((c == '\'' || c == '’') && start.is_some() && next_is_letter);
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(word(text, s..i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(word(text, s..bytes_end));
    }
    out
}

fn word(text: &str, range: Range<usize>) -> Word {
    Word {
        text: text[range.clone()].to_lowercase().replace('’', "'"),
        range,
    }
}

/// Common English words that carry no meaning for matching causes to whys.
pub fn is_stopword(w: &str) -> bool {
    const STOP: &[&str] = &[
        "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "with", "was", "were", "is",
        "are", "be", "been", "it", "its", "that", "this", "there", "no", "not", "by", "as", "at",
        "from", "had", "has", "have", "which", "when", "what", "why", "who", "so", "than", "then",
        "into", "only", "one", "any", "all", "our", "we", "they", "their", "would", "could", "did",
        "does", "do",
    ];
    w.len() < 3 || STOP.contains(&w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_offsets_and_apostrophes() {
        let w = words("It's Jim’s fault, not *the* system's.");
        let texts: Vec<_> = w.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["it's", "jim's", "fault", "not", "the", "system's"]);
        assert_eq!(w[2].range, 13..18, "byte offsets: ’ is three bytes");
    }
}
