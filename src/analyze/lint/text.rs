//! Text helpers shared by the lint rules: the prose of a Markdown body with code and HTML
//! blanked out (so byte offsets still point into the file), words with their offsets, and the
//! recognised `##` sections with their list items.

use crate::format::{SectionKind, SectionMatcher};
use crate::model::links::{is_html_comment, markdown_options};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
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

/// The body with code spans, code blocks and raw HTML replaced by spaces, keeping every byte
/// offset (and line) where it was.
pub fn prose(body: &str) -> String {
    let mut masked = body.as_bytes().to_vec();
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        let blank = matches!(
            event,
            Event::Code(_)
                | Event::Html(_)
                | Event::InlineHtml(_)
                | Event::Start(Tag::CodeBlock(_))
        );
        if blank {
            for b in &mut masked[range] {
                if *b != b'\n' {
                    *b = b' ';
                }
            }
        }
    }
    // Only ASCII bytes were replaced, by ASCII, and only whole code spans or blocks; a
    // multi-byte character is never split, but be safe rather than panic.
    String::from_utf8(masked).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A recognised section of a body: its kind, whether it has content other than comments, and
/// its top-level list items (text and byte offset), in order.
#[derive(Debug, Clone)]
pub struct Section {
    pub kind: SectionKind,
    pub heading_offset: usize,
    pub has_content: bool,
    pub items: Vec<(String, usize)>,
    /// Whether the first list of the section is ordered.
    pub ordered: bool,
}

/// The recognised `##` sections of a body.
pub fn sections(body: &str, matcher: &SectionMatcher) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    let mut current: Option<Section> = None;
    let mut heading: Option<(String, usize)> = None;
    let mut list_depth = 0usize;
    let mut item: Option<(String, usize)> = None;
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => {
                out.extend(current.take());
                heading = Some((String::new(), range.start));
            }
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                if let Some((text, offset)) = heading.take() {
                    current = matcher.classify(&text).map(|kind| Section {
                        kind,
                        heading_offset: offset,
                        has_content: false,
                        items: Vec::new(),
                        ordered: false,
                    });
                }
            }
            Event::Text(t) | Event::Code(t) if heading.is_some() => {
                if let Some((h, _)) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::Html(h) | Event::InlineHtml(h) if is_html_comment(&h) => {}
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
            other => {
                let Some(sec) = current.as_mut() else {
                    continue;
                };
                sec.has_content = true;
                match other {
                    Event::Start(Tag::List(first)) => {
                        if list_depth == 0 && sec.items.is_empty() {
                            sec.ordered = first.is_some();
                        }
                        list_depth += 1;
                    }
                    Event::End(TagEnd::List(_)) => list_depth = list_depth.saturating_sub(1),
                    Event::Start(Tag::Item) if list_depth == 1 => {
                        item = Some((String::new(), range.start))
                    }
                    Event::End(TagEnd::Item) if list_depth == 1 => sec.items.extend(item.take()),
                    Event::Text(t) | Event::Code(t) if list_depth == 1 => {
                        if let Some((s, _)) = item.as_mut() {
                            s.push_str(&t);
                        }
                    }
                    Event::SoftBreak | Event::HardBreak if list_depth == 1 => {
                        if let Some((s, _)) = item.as_mut() {
                            s.push(' ');
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    out.extend(current);
    out
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

    #[test]
    fn prose_blanks_code_and_html_but_keeps_offsets() {
        let body = "Human error `human error`\n\n```\nhuman error\n```\n<!-- human error -->\n";
        let p = prose(body);
        assert_eq!(p.len(), body.len());
        assert_eq!(p.matches("error").count(), 1);
        assert_eq!(p.lines().count(), body.lines().count());
    }

    #[test]
    fn sections_know_their_items_and_emptiness() {
        let body = "## Five whys\n\n1. One.\n2. Two `x`.\n   - nested\n\n## Lessons learned\n\n<!-- prompt -->\n\n## Other\n\ntext\n";
        let s = sections(body, &SectionMatcher::new(&Default::default()));
        assert_eq!(s.len(), 2);
        assert!(s[0].ordered);
        let items: Vec<_> = s[0].items.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(items, ["One.", "Two x."]);
        assert!(!s[1].has_content, "a section with only a comment is empty");
    }
}
