//! Link resolution shared by the model (to check links and compute backlinks) and the
//! renderer (to write URLs): Markdown links to KB files, `[[incident-id]]` and
//! `[[cause:cause-id]]` wiki links. Also reads each body once for its links and its excerpt.

use crate::format::{SectionKind, SectionMatcher};
use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::{HashMap, HashSet};

/// A page of the KB that a link can point to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    Incident(usize),
    Cause(usize),
    Service(usize),
    ReadingList(usize),
    Page(usize),
}

/// What a link destination turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// Not ours to check: `https://...`, `mailto:`, `#anchor`, `/absolute/path`, a relative
    /// link to a non-Markdown file.
    External,
    Internal(Target, Option<String>),
    /// A draft or a file that failed to load: rendered as plain text, not reported again.
    Absent,
    Broken(String),
}

/// The Markdown options used everywhere, so that both passes see the same links.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
}

/// Lookup tables from ids and content paths to targets.
#[derive(Debug, Default)]
pub struct Lookup {
    pub by_path: HashMap<String, Target>,
    pub incidents: HashMap<String, usize>,
    pub causes: HashMap<String, usize>,
    pub absent_ids: HashSet<String>,
    pub absent_files: HashSet<String>,
}

impl Lookup {
    /// Resolves a link found in the file `from` (a `content/...` path).
    pub fn resolve(&self, from: &str, dest: &str, wiki: bool) -> Resolved {
        if wiki {
            return self.resolve_wiki(dest);
        }
        if dest.is_empty() || dest.starts_with('#') || dest.starts_with('/') || has_scheme(dest) {
            return Resolved::External;
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f.to_string())),
            None => (dest, None),
        };
        let path = path.split('?').next().unwrap_or(path);
        if !path.ends_with(".md") {
            return Resolved::External;
        }
        let Some(joined) = join_relative(from, &percent_decode(path)) else {
            return Resolved::Broken(format!("`{dest}` points outside the KB"));
        };
        if let Some(t) = self.by_path.get(&joined) {
            return Resolved::Internal(*t, fragment);
        }
        if self.absent_files.contains(&joined) {
            return Resolved::Absent;
        }
        Resolved::Broken(format!(
            "`{dest}` links to `{joined}`, which does not exist"
        ))
    }

    fn resolve_wiki(&self, dest: &str) -> Resolved {
        let dest = dest.trim();
        if let Some(cause) = dest.strip_prefix("cause:") {
            return match self.causes.get(cause.trim()) {
                Some(&i) => Resolved::Internal(Target::Cause(i), None),
                None => Resolved::Broken(format!(
                    "`[[{dest}]]`: no incident names the cause `{cause}`"
                )),
            };
        }
        let (id, fragment) = match dest.split_once('#') {
            Some((i, f)) => (i, Some(f.to_string())),
            None => (dest, None),
        };
        match self.incidents.get(id) {
            Some(&i) => Resolved::Internal(Target::Incident(i), fragment),
            None if self.absent_ids.contains(id) => Resolved::Absent,
            None => Resolved::Broken(format!(
                "`[[{dest}]]`: there is no incident with the id `{id}`"
            )),
        }
    }

    /// The closest existing incident id, for `did you mean` help.
    pub fn nearest_incident(&self, id: &str) -> Option<&str> {
        crate::diag::nearest(id, self.incidents.keys().map(String::as_str))
    }
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => {
            dest[..i]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && i > 0
        }
        None => false,
    }
}

fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && s.is_char_boundary(i + 3)
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `content/incidents/2017/a.md` + `../2019/b.md` = `content/incidents/2019/b.md`; `None` if
/// the path climbs out of `content/`.
fn join_relative(from: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    (parts.first() == Some(&"content") && parts.len() > 1).then(|| parts.join("/"))
}

/// An HTML comment (editor notes, lint directives): allowed even where raw HTML is not, and
/// not content.
pub fn is_html_comment(html: &str) -> bool {
    let t = html.trim();
    t.starts_with("<!--") && t.ends_with("-->")
}

/// A link found in a body: its destination, byte range in the body, and whether it is a wiki link.
#[derive(Debug, Clone)]
pub struct FoundLink {
    pub dest: String,
    pub offset: usize,
    pub wiki: bool,
    /// An image's source rather than a link: checked against the URL policy, not resolved.
    pub image: bool,
}

/// What one reading of a body gives: its links and a plain-text excerpt.
#[derive(Debug, Default)]
pub struct BodyScan {
    pub links: Vec<FoundLink>,
    /// The first paragraph of the Summary section, else of the body.
    pub excerpt: String,
    /// The recognised sections present, in order.
    pub sections: Vec<SectionKind>,
    /// Byte offsets of raw HTML other than comments.
    pub raw_html: Vec<usize>,
}

/// Reads a Markdown body once for links, sections and the excerpt.
pub fn scan_body(body: &str, sections: &SectionMatcher) -> BodyScan {
    let mut scan = BodyScan::default();
    let mut in_h2: Option<String> = None;
    let mut section: Option<SectionKind> = None;
    let mut para: Option<String> = None;
    let mut summary_para: Option<String> = None;
    let mut first_para: Option<String> = None;
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => in_h2 = Some(String::new()),
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                section = in_h2.take().and_then(|h| sections.classify(&h));
                scan.sections.extend(section);
            }
            Event::Start(Tag::Paragraph) if para.is_none() => para = Some(String::new()),
            Event::End(TagEnd::Paragraph) => {
                if let Some(p) = para.take() {
                    if section == Some(SectionKind::Summary) && summary_para.is_none() {
                        summary_para = Some(p.clone());
                    }
                    if first_para.is_none() {
                        first_para = Some(p);
                    }
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => scan.links.push(FoundLink {
                dest: dest_url.to_string(),
                offset: range.start,
                wiki: matches!(link_type, LinkType::WikiLink { .. }),
                image: false,
            }),
            Event::Start(Tag::Image { dest_url, .. }) => scan.links.push(FoundLink {
                dest: dest_url.to_string(),
                offset: range.start,
                wiki: false,
                image: true,
            }),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = in_h2.as_mut() {
                    h.push_str(&t);
                }
                if let Some(p) = para.as_mut() {
                    p.push_str(&t);
                }
            }
            Event::Html(h) | Event::InlineHtml(h) if !is_html_comment(&h) => {
                scan.raw_html.push(range.start);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(p) = para.as_mut() {
                    p.push(' ');
                }
            }
            _ => {}
        }
    }
    scan.excerpt = summary_para
        .or(first_para)
        .unwrap_or_default()
        .trim()
        .to_string();
    scan
}

/// The link and image destinations of an inline Markdown text (an action item).
pub fn inline_urls(text: &str) -> Vec<String> {
    Parser::new_ext(text, markdown_options())
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some(dest_url.into_string())
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup() -> Lookup {
        let mut l = Lookup::default();
        l.by_path
            .insert("content/incidents/2019/b.md".into(), Target::Incident(1));
        l.incidents.insert("b".into(), 1);
        l.causes.insert("settings-sprawl".into(), 0);
        l.absent_ids.insert("draft-one".into());
        l
    }

    #[test]
    fn relative_links_resolve_with_fragments() {
        let l = lookup();
        let from = "content/incidents/2017/a.md";
        assert_eq!(
            l.resolve(from, "../2019/b.md#impact", false),
            Resolved::Internal(Target::Incident(1), Some("impact".into()))
        );
        assert!(matches!(
            l.resolve(from, "../2019/c.md", false),
            Resolved::Broken(_)
        ));
        assert!(matches!(
            l.resolve(from, "../../../../etc/passwd.md", false),
            Resolved::Broken(_)
        ));
        assert_eq!(
            l.resolve(from, "https://example.com/x.md", false),
            Resolved::External
        );
        assert_eq!(l.resolve(from, "#timeline", false), Resolved::External);
        assert_eq!(l.resolve(from, "graph.png", false), Resolved::External);
    }

    #[test]
    fn wiki_links_resolve_incidents_and_causes() {
        let l = lookup();
        assert_eq!(
            l.resolve("x", "b", true),
            Resolved::Internal(Target::Incident(1), None)
        );
        assert_eq!(
            l.resolve("x", "cause:settings-sprawl", true),
            Resolved::Internal(Target::Cause(0), None)
        );
        assert_eq!(l.resolve("x", "draft-one", true), Resolved::Absent);
        assert!(matches!(
            l.resolve("x", "cause:nope", true),
            Resolved::Broken(_)
        ));
        assert!(matches!(l.resolve("x", "nope", true), Resolved::Broken(_)));
    }

    #[test]
    fn scan_finds_links_sections_and_the_summary_excerpt() {
        let body = "Intro line.\n\n## Summary\n\nThe API was *down* for\n22 minutes.\n\n## Timeline\n\n- 18:30 — see [[b]] and [x](../b.md)\n";
        let scan = scan_body(body, &SectionMatcher::new(&Default::default()));
        assert_eq!(scan.excerpt, "The API was down for 22 minutes.");
        assert_eq!(scan.sections, [SectionKind::Summary, SectionKind::Timeline]);
        let dests: Vec<_> = scan
            .links
            .iter()
            .map(|l| (l.dest.as_str(), l.wiki))
            .collect();
        assert_eq!(dests, [("b", true), ("../b.md", false)]);
        assert_eq!(
            &body[scan.links[0].offset..scan.links[0].offset + 5],
            "[[b]]"
        );
    }
}
