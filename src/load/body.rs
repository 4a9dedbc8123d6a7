//! A Markdown body read once, into a typed [`Body`]: its sections (every `#` and `##` heading,
//! with the kind the KB recognises it as, its list items, tables and paragraphs), its links and
//! images with their offsets, raw HTML, the excerpt, and the spans of code and HTML that
//! prose checks skip; and [`plain_text`], a body's plain text, made where it is read.
//!
//! Every stage after load reads this value (the timeline, links and backlinks, the lint rules,
//! the completeness checklist, the index); only the HTML renderer and the index (for the
//! plain text) parse the body again.
//! Offsets are byte offsets into the body; `SourceFile::body_pos` turns them into positions.

use crate::format::{SectionKind, SectionMatcher, is_html_comment};
use pulldown_cmark::{Event, HeadingLevel, LinkType, Tag, TagEnd};
use std::ops::Range;

/// A body, as every stage after load reads it.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// The text of the first `#` heading, and its offset.
    pub title: Option<(String, usize)>,
    /// The sections in order: the text before the first heading (when there is any), then one
    /// per `#` or `##` heading. `###` and deeper headings are content of their section.
    pub sections: Vec<Section>,
    /// Links and images, in order.
    pub links: Vec<Link>,
    /// Offsets of raw HTML other than comments.
    pub raw_html: Vec<usize>,
    /// The first paragraph of the Summary section, else of the body, as plain text (taken by
    /// the model for the incident's excerpt: empty after it).
    pub excerpt: Box<str>,
    /// The date of the first paragraph that is all emphasis and a few words, among the first
    /// three (`_Daniel Von Fange 2020-12-21._`, `*20 September 2026*`): a byline or a
    /// dateline, never the excerpt; its date is the write-up's, read when nothing else dates
    /// the incident. (Only the date is kept: every incident holds its body until its page is
    /// drawn, and a string here took the post-mortem's record past a size class of the
    /// allocator, 130 MB more at 100k incidents.)
    pub byline_day: Option<jiff::civil::Date>,
    /// Byte ranges of code spans, code blocks and raw HTML.
    pub code: Vec<Range<usize>>,
    /// Byte ranges of link and image addresses (`(https://...)`, an autolink's `<...>`): not
    /// prose, though the link's text is.
    pub addresses: Vec<Range<usize>>,
    /// How many words the body has (whitespace-separated, markup included).
    pub words: u32,
    /// The day the opening paragraph names (`On Friday, 27 September 2024, services ...`)
    /// when the excerpt is another paragraph (a Summary section's): with the excerpt's, the
    /// day a post published later gives its incident.
    pub opening_day: Option<jiff::civil::Date>,
    /// Events written outside a Timeline section, each as a line, read as the timeline when
    /// the body has none: a front matter's `timeline:` list (`2025-04-14T07:55:00-04:00 —
    /// deploy finishes`), else a list under no Timeline heading whose items all start with a
    /// time (terse notes' `- 2:15pm paged`); each with where it is written (its YAML node, or
    /// the item's text in the body), for its diagnostics.
    pub front_timeline: Box<[(crate::diag::At, String)]>,
}

/// A part of a body under one heading (or before the first one).
#[derive(Debug, Clone, Default)]
pub struct Section {
    /// The heading's text; empty for the text before the first heading.
    pub heading: String,
    /// 1 or 2; 0 for the text before the first heading.
    pub level: u8,
    /// The recognised section this heading names (level 2 only).
    pub kind: Option<SectionKind>,
    /// Where the heading starts (0 for the text before the first heading).
    pub heading_offset: usize,
    /// Whether it has anything but HTML comments.
    pub has_content: bool,
    /// Every list item, nested ones included, in order.
    pub items: Vec<ListItem>,
    /// Whether the first top-level list is ordered.
    pub ordered: bool,
    pub tables: Vec<Table>,
    /// Paragraphs outside lists and tables, as plain text, with their offsets (recognised
    /// sections and recognised subheadings only: nothing reads the others').
    pub paragraphs: Vec<(String, usize)>,
    /// The `###` and deeper headings in the section, in order: wiki exports put whole
    /// write-ups under them.
    pub subheadings: Vec<Subheading>,
    /// Paragraphs that open with a bold label (`**Root Causes:** ...`, `**Impact:**<br>`), as
    /// templates and wiki exports write sections, and short lines that name a recognised
    /// section (`Contributing:`), in order.
    pub labels: Vec<Label>,
    /// The recognised sections its labels name (`What Went Well:`): kept when the labels are
    /// dropped, for the checklist.
    pub label_kinds: Vec<SectionKind>,
}

/// A labelled paragraph: a pseudo-heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The label without its colon: `Root Causes`.
    pub name: String,
    pub kind: Option<SectionKind>,
    /// Where the paragraph starts.
    pub offset: usize,
    /// The paragraph's plain text after the label (kept for recognised labels only).
    pub rest: String,
}

/// A `###` (or deeper) heading inside a section, with the recognised section it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subheading {
    pub text: String,
    /// 3 to 6.
    pub level: u8,
    pub offset: usize,
    pub kind: Option<SectionKind>,
}

impl Section {
    /// Whether a Timeline label or subheading within it (`**Timeline (UTC)**`, `### Timeline`)
    /// holds a timeline in a section that is not one.
    pub fn has_timeline_label(&self) -> bool {
        (self.labels.iter()).any(|l| l.kind == Some(SectionKind::Timeline))
            || (self.subheadings.iter()).any(|h| h.kind == Some(SectionKind::Timeline))
    }

    /// The top-level list items.
    pub fn top_items(&self) -> impl Iterator<Item = &ListItem> {
        self.items.iter().filter(|i| i.depth == 1)
    }
}

/// A list item: its own text (its first paragraph, as plain text, inline code kept) and where
/// it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    pub text: String,
    /// Where the item starts (its marker).
    pub offset: usize,
    /// Where its text starts.
    pub text_offset: usize,
    /// 1 for a top-level item.
    pub depth: usize,
    /// `- [ ]` (false) or `- [x]` (true).
    pub task: Option<bool>,
    /// Its number, in an ordered list (`3.`: 3).
    pub number: Option<u64>,
}

/// A table: its header cells and rows, each cell as plain text with its offset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
    pub offset: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub offset: usize,
}

/// A link or image in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub dest: String,
    /// Where the link starts in the body.
    pub offset: usize,
    /// `[[id]]` or `[[cause:id]]`.
    pub wiki: bool,
    /// An image's source rather than a link: checked against the URL policy, not resolved.
    pub image: bool,
}

/// A list item being read.
struct OpenItem {
    text: String,
    offset: usize,
    text_offset: Option<usize>,
    task: Option<bool>,
    number: Option<u64>,
    /// Still reading the item's own first text.
    collecting: bool,
    in_para: bool,
    /// Its text opens struck through (`~~Move queue state to Postgres~~ not doing this`):
    /// while the strike is open, then once it is closed until text follows it.
    struck: Struck,
}

/// Where an item's text stands with a strike through its opening words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Struck {
    No,
    Open,
    /// Closed: the text after it is a remark on the crossed-out task (`not doing this`,
    /// `done in #12`), read as a part of the item after ` — `.
    Closed,
}

/// A paragraph without the marker of the callout it opens (`[!danger] Customer impact`, as
/// Obsidian writes `> [!danger] Customer impact` above the callout's text): the marker and
/// its title line go when text follows them, the marker alone otherwise.
fn without_callout_marker(text: String) -> String {
    let Some(rest) = text.strip_prefix("[!") else {
        return text;
    };
    let Some(close) = rest.find(']').filter(|&c| c > 0 && c <= 24) else {
        return text;
    };
    let kind = &rest[..close];
    if !kind
        .chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        return text;
    }
    let after = rest[close + 1..].trim_start_matches(['+', '-']);
    match after.split_once('\n') {
        Some((_, body)) if !body.trim().is_empty() => body.trim_start().to_string(),
        _ => after.trim().to_string(),
    }
}

/// The `src` of each `<img>` tag of a piece of raw HTML, with its offset in it.
fn html_img_sources(html: &str) -> Vec<(usize, String)> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find("<img") {
        let start = from + i;
        let end = lower[start..].find('>').map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        let mut k = 4;
        while let Some(j) = tag[k..].find("src") {
            let at = k + j;
            let before = tag.as_bytes()[at - 1];
            let rest = tag[at + 3..].trim_start();
            if before.is_ascii_whitespace()
                && let Some(value) = rest.strip_prefix('=')
            {
                let value = value.trim_start();
                let value_at = start + tag.len() - value.len();
                let (v, quoted) = match value.chars().next() {
                    Some(q @ ('"' | '\'')) => (value[1..].split(q).next().unwrap_or(""), 1),
                    _ => (value.split([' ', '\t', '\n']).next().unwrap_or(""), 0),
                };
                let v = &html[value_at + quoted..value_at + quoted + v.len()];
                if !v.trim().is_empty() {
                    out.push((start, super::sections::decode_entities(v.trim())));
                }
                break;
            }
            k = at + 3;
        }
        from = end.max(start + 4);
    }
    out
}

/// A write-up kept as an outline (Logseq, Workflowy, Roam): every part a top-level bullet
/// (`- Timeline`, `- Action items`) with what it holds nested under it. In a section whose
/// top-level bullets name two recognised sections or more, each top-level bullet with bullets
/// under it starts a section of its own, as a heading would, and its bullets are that
/// section's, one level up.
fn outline_sections(body: &mut Body, sections: &SectionMatcher) {
    let heads = |s: &Section| {
        (s.items.iter().enumerate())
            .filter(|(k, i)| {
                i.depth == 1
                    && s.items.get(k + 1).is_some_and(|n| n.depth > 1)
                    && sections.classify(&i.text).is_some()
            })
            .count()
    };
    if !body.sections.iter().any(|s| heads(s) >= 2) {
        return;
    }
    let mut out = Vec::with_capacity(body.sections.len() + 8);
    for mut s in std::mem::take(&mut body.sections) {
        if heads(&s) < 2 {
            out.push(s);
            continue;
        }
        let items = std::mem::take(&mut s.items);
        let mut current: Option<Section> = None;
        for (k, item) in items.iter().enumerate() {
            let parent = item.depth == 1 && items.get(k + 1).is_some_and(|n| n.depth > 1);
            if parent {
                if let Some(done) = current.take() {
                    out.push(done);
                } else {
                    out.push(std::mem::take(&mut s));
                }
                current = Some(Section {
                    heading: item.text.clone(),
                    level: 2,
                    kind: sections.classify(&item.text),
                    heading_offset: item.offset,
                    has_content: true,
                    ..Section::default()
                });
                continue;
            }
            let moved = ListItem {
                depth: item.depth.saturating_sub(1).max(1),
                ..item.clone()
            };
            match current.as_mut() {
                Some(c) => c.items.push(moved),
                None => s.items.push(item.clone()),
            }
        }
        match current {
            Some(done) => out.push(done),
            None => out.push(s),
        }
    }
    body.sections = out;
}

/// The bold words of a line that is only `**Name** (a note)` (or `__Name__ (a note)`), as
/// a chat export or a pasted document labels a part with how it came about: `Name`.
fn bold_before_note(src: &str) -> Option<&str> {
    let line = src.lines().next()?.trim_end();
    ["**", "__"].iter().find_map(|m| {
        let inner = line.strip_prefix(m)?;
        let close = inner.find(m)?;
        let name = inner[..close].trim();
        let note = inner[close + m.len()..].trim();
        let one_line = src.len() == line.len()
            || src[line.len()..]
                .trim_start_matches([' ', '\t'])
                .starts_with(['\n', '\r']);
        (one_line
            && !name.is_empty()
            && name.len() <= 60
            && note.len() > 2
            && note.starts_with('(')
            && note.ends_with(')'))
        .then_some(name)
    })
}

/// Whether a bold line alone names a part of a post-mortem that no analysis reads but that
/// templates give a heading of its own (the Google SRE template's `Detection`, `Resolution`;
/// Atlassian's `Leadup`, `Fault`, `Response`, `Recovery`).
fn other_section(text: &str) -> bool {
    const NAMES: &[&str] = &[
        "detection",
        "resolution",
        "recovery",
        "response",
        "leadup",
        "lead-up",
        "fault",
        "background",
        "overview",
        "responders",
        "participants",
        "communication",
        "customer communication",
        "investigation",
        "mitigation",
        "appendix",
        "supporting information",
        "references",
        "glossary",
    ];
    let t = text.trim().trim_end_matches(':').trim().to_lowercase();
    NAMES.contains(&t.as_str())
}

/// The text of an HTML fragment (`<strong>Timeline</strong> (UTC)`): its tags dropped, the
/// entities a summary is written with read, its spaces collapsed.
fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = (out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">"))
    .replace("&quot;", "\"")
    .replace("&#39;", "'")
    .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a line is a template's metadata (`**Date of incident**: 7th September, 2022`,
/// `Status: Final`): a label of at most four words, a colon, and a value.
fn is_label_line(line: &str) -> bool {
    super::meta::label_value(line)
        .is_some_and(|(label, value, _)| !value.is_empty() && label.split_whitespace().count() <= 4)
}

/// Where each of the first `n` lines of the text at `offset` of `source` starts, past its
/// indent.
pub(crate) fn line_starts(source: &str, offset: usize, n: usize) -> Vec<usize> {
    let mut at = offset;
    (source.get(offset..).unwrap_or(""))
        .split_inclusive('\n')
        .take(n)
        .map(|l| {
            let start = at + (l.len() - l.trim_start().len());
            at += l.len();
            start
        })
        .collect()
}

/// Whether a heading is a day alone (`May 12`, `Tuesday, July 22`, `12 May 2025`,
/// `2025-05-12`): at most four words, one of them a month's name and one a day's number, or
/// an ISO date; no time of day.
pub fn is_day_heading(text: &str) -> bool {
    // `Montag, 13. März`; `13 de marzo de 2024`, whose `de`s say nothing more.
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("de"))
        .collect();
    if words.is_empty() || words.len() > 4 || text.contains(':') {
        return false;
    }
    let iso = words.len() == 1
        && words[0].len() == 10
        && words[0].bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let month = words.iter().any(|w| super::meta::month_number(w).is_some());
    let day = words.iter().any(|w| {
        let digits = ["st", "nd", "rd", "th"]
            .iter()
            .find_map(|x| w.strip_suffix(x))
            .unwrap_or(w);
        (1..=2).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
    });
    iso || (month && day)
}

/// The state of one reading of a body.
struct Reader<'a> {
    source: &'a str,
    sections: &'a SectionMatcher,
    body: Body,
    current: Section,
    heading: Option<(String, HeadingLevel, usize)>,
    items: Vec<OpenItem>,
    list_depth: usize,
    /// The open lists, innermost last: the number of the next item of an ordered list.
    numbers: Vec<Option<u64>>,
    para: Option<(String, usize)>,
    /// The end of the pandoc simple table read last (see [`simple_table`]): its rows'
    /// paragraphs are in it.
    simple_table_end: usize,
    summary_para: Option<String>,
    first_para: Option<String>,
    /// The day an emphasised note above the write-up names (`*... everything happened on
    /// Thursday 3 April 2025.*`), which is never the excerpt.
    note_day: Option<jiff::civil::Date>,
    /// The first paragraph kept from the excerpt as a note or a bold heading: the excerpt
    /// still, when no other paragraph is.
    set_aside: Option<String>,
    /// Paragraphs seen so far.
    paras: usize,
    /// Whether a byline was seen.
    byline: bool,
    table: Option<Table>,
    cell: Option<Cell>,
    row: Option<Vec<Cell>>,
    in_table_head: bool,
    code_block: bool,
    /// The types of the links being read, innermost last.
    link_types: Vec<LinkType>,
    /// `#` headings read, and how many of them name a section the tool knows.
    h1s: (usize, usize),
    /// The open `<details>` blocks, innermost last: whether its `<summary>` names a section.
    details: Vec<bool>,
    /// Whether the current section was started by a plain line (see `plain_heading`).
    plain_section: bool,
}

impl Body {
    /// Reads `source` (a body), recognising section headings with `sections`.
    pub fn parse(source: &str, sections: &SectionMatcher) -> Body {
        let mut r = Reader {
            source,
            sections,
            body: Body::default(),
            current: Section::default(),
            heading: None,
            items: Vec::new(),
            list_depth: 0,
            numbers: Vec::new(),
            para: None,
            simple_table_end: 0,
            summary_para: None,
            first_para: None,
            note_day: None,
            set_aside: None,
            paras: 0,
            byline: false,
            table: None,
            cell: None,
            row: None,
            in_table_head: false,
            code_block: false,
            link_types: Vec::new(),
            h1s: (0, 0),
            details: Vec::new(),
            plain_section: false,
        };
        for (event, range) in crate::format::markdown_events(source) {
            r.event(event, range);
        }
        let mut body = r.finish();
        outline_sections(&mut body, sections);
        // `title:: Postmortem/2024-09-17 thumbnail workers OOM`: a Logseq page's title, a
        // property of its first block.
        if body.title.is_none() {
            let mut at = 0;
            for line in source
                .split_inclusive('\n')
                .take_while(|l| !l.trim().is_empty())
            {
                if let Some(value) = line.trim_end().strip_prefix("title::")
                    && !value.trim().is_empty()
                {
                    let lead = line.len() - line.trim_start().len() + "title::".len();
                    let pad = value.len() - value.trim_start().len();
                    body.title = Some((value.trim().to_string(), at + lead + pad));
                    break;
                }
                at += line.len();
            }
        }
        // A Timeline written as an HTML table (a wiki export): its rows are read as a
        // Markdown table's are.
        if !body.raw_html.is_empty() {
            let ends: Vec<usize> = (body.sections.iter().skip(1))
                .map(|s| s.heading_offset)
                .chain([source.len()])
                .collect();
            let found: Vec<(usize, Vec<Table>)> = (body.sections.iter().zip(&ends))
                .enumerate()
                .filter(|(_, (s, _))| s.kind == Some(SectionKind::Timeline))
                .map(|(k, (s, &end))| {
                    let range = s.heading_offset..end;
                    (k, super::sections::html_tables(&body, source, &range))
                })
                .collect();
            for (k, tables) in found {
                body.sections[k].tables.extend(tables);
            }
        }
        body.front_timeline = timed_list(&body).into_boxed_slice();
        // `## Tasks` above `## Follow-up tasks`, as Grafana Incident and other tools export an
        // incident: the tasks done during it (assign a commander, post an update), not what
        // the write-up commits to. Alone, `Tasks` are the follow-ups.
        let is_tasks = |s: &Section| {
            let h = s.heading.trim().trim_end_matches(':').trim_end();
            h.eq_ignore_ascii_case("tasks") || h.eq_ignore_ascii_case("incident tasks")
        };
        // The last section of follow-ups with items of its own, after which no `Tasks` counts.
        let follow_ups = (body.sections.iter()).rposition(|s| {
            s.kind == Some(SectionKind::ActionItems)
                && !is_tasks(s)
                && (!s.items.is_empty() || !s.tables.is_empty())
        });
        if let Some(last) = follow_ups {
            for s in &mut body.sections[..last] {
                if s.kind == Some(SectionKind::ActionItems) && is_tasks(s) {
                    s.kind = None;
                }
            }
        }
        body
    }

    /// Drops what the lint alone reads again once the incident is read: the sections' list
    /// items (but the timeline's, which the model reads, and the five whys', which the page
    /// reads back up), paragraphs and tables (but the timeline's) and labels (see [`super::LoadOptions::lean`]).
    pub fn keep_only_what_the_model_reads(&mut self) {
        for s in &mut self.sections {
            // A Timeline label's list or table (`**Timeline (UTC)**`, then a table) is read
            // by the model too, with the labels that end it.
            let timeline_label = s.has_timeline_label();
            if !matches!(s.kind, Some(SectionKind::Timeline | SectionKind::FiveWhys))
                && !timeline_label
            {
                s.items = Vec::new();
            }
            // The timeline's paragraphs may say the zone of its times ("All times in CET."),
            // and a Timeline label's may be its events (`__Timeline__`, then a paragraph per
            // event, as a Word document is exported).
            if s.kind != Some(SectionKind::Timeline) && !timeline_label {
                s.tables = Vec::new();
                s.paragraphs = Vec::new();
            }
            if !timeline_label {
                s.labels = Vec::new();
            }
        }
    }

    /// Drops, once the diagnostics are made, what no page reads: the timeline's list items
    /// and tables (the model has read them into events), the links, raw HTML, code and address ranges (the
    /// model and the lint read those).
    /// What stays is made no larger than it needs: held by every incident until its page is
    /// drawn, this is most of what a large build holds.
    pub fn keep_only_what_pages_read(&mut self) {
        self.front_timeline = Box::default();
        for s in &mut self.sections {
            if s.kind == Some(SectionKind::Timeline) {
                s.items = Vec::new();
                s.tables = Vec::new();
                s.paragraphs = Vec::new();
            }
            if s.has_timeline_label() {
                s.tables = Vec::new();
                s.labels = Vec::new();
                s.paragraphs = Vec::new();
            }
            s.items.shrink_to_fit();
            s.subheadings.shrink_to_fit();
        }
        self.sections.shrink_to_fit();
        self.links = Vec::new();
        self.raw_html = Vec::new();
        self.code = Vec::new();
        self.addresses = Vec::new();
    }

    /// The recognised section of `kind`, if the body has one (the first).
    pub fn section(&self, kind: SectionKind) -> Option<&Section> {
        self.sections.iter().find(|s| s.kind == Some(kind))
    }

    /// The body with code, raw HTML and addresses (of links, images, link reference
    /// definitions, and bare `https://` ones) replaced by spaces, every byte offset (and line)
    /// kept: the prose that language checks read.
    pub fn prose(&self, source: &str) -> String {
        let mut masked = source.as_bytes().to_vec();
        let bare = bare_addresses(source);
        for range in self.code.iter().chain(&self.addresses).chain(&bare) {
            for b in masked.get_mut(range.clone()).into_iter().flatten() {
                if *b != b'\n' {
                    *b = b' ';
                }
            }
        }
        // Whole code spans, blocks and HTML are blanked, never part of a character; be safe
        // rather than panic all the same.
        String::from_utf8(masked)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

impl Reader<'_> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(end) => self.end(end, range),
            Event::Text(t) => self.text(&t, range),
            Event::Code(t) => {
                self.body.code.push(range.clone());
                self.text(&t, range);
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                // `<br>` in a table cell (`Coalesce requests<br>for one image`): a break
                // between words, as a soft break is.
                // (A paragraph's or an item's `<br>` is followed by its line break, which
                // parts its lines.)
                let tag = h.trim().to_ascii_lowercase();
                if matches!(tag.as_str(), "<br>" | "<br/>" | "<br />")
                    && let Some(cell) = self.cell.as_mut()
                {
                    cell.text.push(' ');
                }
                // `<img src="img/pods.png">`, as wiki exports write images: the image is
                // copied beside the page as a Markdown one is.
                for (at, src) in html_img_sources(&h) {
                    self.body.links.push(Link {
                        dest: src,
                        offset: range.start + at,
                        wiki: false,
                        image: true,
                    });
                }
                // `<START OF OUTAGE>`, as the Google SRE template marks a timeline: words in
                // capitals, no tag, read as the item's words.
                if let Some(mark) = h.strip_prefix('<').and_then(|m| m.strip_suffix('>'))
                    && mark.split_whitespace().count() >= 2
                    && mark.chars().all(|c| c.is_ascii_uppercase() || c == ' ')
                {
                    self.text(mark, range.clone());
                }
                if !is_html_comment(&h) {
                    self.details(&h, range.start);
                    self.body.raw_html.push(range.start);
                    self.current.has_content = true;
                }
                self.body.code.push(range);
            }
            Event::SoftBreak | Event::HardBreak => self.space(),
            Event::TaskListMarker(done) => {
                if let Some(item) = self.items.last_mut() {
                    item.task = Some(done);
                }
                self.current.has_content = true;
            }
            Event::Rule | Event::DisplayMath(_) => {
                self.current.has_content = true;
                self.close_item_text();
            }
            _ => self.current.has_content = true,
        }
    }

    /// `<details><summary>Timeline (UTC)</summary>`, then the timeline's list, then
    /// `</details>`, as a long part is folded on GitHub: a summary that names a section is a
    /// subheading (the deepest), and its `</details>` ends what it names with one more, which
    /// names nothing. A Docusaurus `<TabItem label="Lessons">` is read the same way. `html` is
    /// raw HTML at `at`.
    fn details(&mut self, html: &str, at: usize) {
        let lower = html.to_ascii_lowercase();
        let tag_at = |i: usize, name: &str| {
            lower[i + 1..].starts_with(name)
                && lower[i + 1 + name.len()..].starts_with(|c: char| c == '>' || c.is_whitespace())
        };
        // A tag's parts are looked for within a few hundred bytes of where it opens (a summary
        // is a line): a block of unclosed tags is not read again from each to its end.
        let near = |from: usize| {
            let mut stop = (from + 400).min(lower.len());
            while !lower.is_char_boundary(stop) {
                stop -= 1;
            }
            &lower[from..stop]
        };
        for (i, _) in lower.match_indices('<') {
            if tag_at(i, "details") {
                self.details.push(false);
            } else if tag_at(i, "summary") {
                let Some(open) = near(i).find('>').map(|e| i + e + 1) else {
                    continue;
                };
                let Some(close) = near(open).find("</summary").map(|e| open + e) else {
                    continue;
                };
                let name = html_text(&html[open..close]);
                let kind = self.sections.classify(&name);
                if let (Some(kind), Some(open)) = (kind, self.details.last_mut()) {
                    *open = true;
                    self.current.subheadings.push(Subheading {
                        text: name,
                        level: 6,
                        offset: at + i,
                        kind: Some(kind),
                    });
                }
            } else if tag_at(i, "tabitem") {
                // `<TabItem value="lessons" label="Lessons">`, as a Docusaurus (MDX) page puts
                // parts in tabs: a label that names a section is a subheading, as a summary is.
                let tag = near(i);
                let end = i + tag.find('>').unwrap_or(tag.len());
                let label = (lower[i..end].find("label=\"")).and_then(|l| {
                    let from = i + l + "label=\"".len();
                    html.get(from..end)?.split('"').next()
                });
                let kind = label.and_then(|l| self.sections.classify(l));
                self.details.push(kind.is_some());
                if let (Some(kind), Some(name)) = (kind, label) {
                    self.current.subheadings.push(Subheading {
                        text: name.to_string(),
                        level: 6,
                        offset: at + i,
                        kind: Some(kind),
                    });
                }
            } else if (tag_at(i, "/details") || tag_at(i, "/tabitem"))
                && self.details.pop() == Some(true)
            {
                self.current.subheadings.push(Subheading {
                    text: String::new(),
                    level: 6,
                    offset: at + i,
                    kind: None,
                });
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Heading { level, .. } => {
                self.close_item_text();
                // Deeper headings are content of their section; their text is kept apart.
                self.current.has_content |= !matches!(level, HeadingLevel::H1 | HeadingLevel::H2);
                self.heading = Some((String::new(), level, range.start));
            }
            Tag::Item => {
                self.current.has_content = true;
                let number = self.numbers.last_mut().and_then(|n| {
                    let this = *n;
                    *n = n.map(|v| v.saturating_add(1));
                    this
                });
                self.items.push(OpenItem {
                    text: String::new(),
                    offset: range.start,
                    text_offset: None,
                    task: None,
                    number,
                    collecting: true,
                    in_para: false,
                    struck: Struck::No,
                });
            }
            Tag::List(first) => {
                self.current.has_content = true;
                self.close_item_text();
                if self.list_depth == 0 && !self.current.items.iter().any(|i| i.depth == 1) {
                    self.current.ordered = first.is_some();
                }
                self.list_depth += 1;
                self.numbers.push(first);
            }
            Tag::Paragraph => self.start_paragraph(range.start),
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => self.link(
                dest_url.into_string(),
                range.start,
                matches!(link_type, LinkType::WikiLink { .. }),
                false,
            ),
            Tag::Image { dest_url, .. } => {
                self.link(dest_url.into_string(), range.start, false, true)
            }
            Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell => {
                self.start_table_part(tag, range.start)
            }
            Tag::CodeBlock(_) => {
                self.current.has_content = true;
                self.close_item_text();
                self.code_block = true;
                self.body.code.push(range);
            }
            Tag::Strikethrough => {
                if let Some(top) = self.items.last_mut().filter(|o| o.collecting)
                    && top.text.trim().is_empty()
                {
                    top.struck = Struck::Open;
                }
            }
            Tag::HtmlBlock | Tag::Emphasis | Tag::Strong | Tag::Superscript | Tag::Subscript => {}
            // Any other block (a quote, a footnote, math...) ends the item's text.
            _ => {
                self.current.has_content = true;
                self.close_item_text();
            }
        }
    }

    /// A paragraph: the first one of a list item is the item's text; any other ends it.
    fn start_paragraph(&mut self, offset: usize) {
        self.current.has_content = true;
        match self.items.last_mut() {
            Some(top) if top.collecting && top.text_offset.is_none() && !top.in_para => {
                top.in_para = true;
            }
            _ => self.close_item_text(),
        }
        if self.para.is_none() {
            self.para = Some((String::new(), offset));
        }
    }

    fn link(&mut self, dest: String, offset: usize, wiki: bool, image: bool) {
        self.body.links.push(Link {
            dest,
            offset,
            wiki,
            image,
        });
    }

    fn start_table_part(&mut self, tag: Tag<'_>, offset: usize) {
        match tag {
            Tag::Table(_) => {
                self.current.has_content = true;
                self.close_item_text();
                self.table = Some(Table {
                    offset,
                    ..Table::default()
                });
            }
            // The head's cells come without a row of their own.
            Tag::TableHead => {
                self.in_table_head = true;
                self.row = Some(Vec::new());
            }
            Tag::TableRow => self.row = Some(Vec::new()),
            _ => {
                self.cell = Some(Cell {
                    text: String::new(),
                    offset,
                })
            }
        }
    }

    /// Records the address part of the link or image at `range`: all of an autolink, the
    /// `(...)` after the text of an inline one.
    fn address(&mut self, range: Range<usize>, kind: Option<LinkType>) {
        match kind {
            Some(LinkType::Autolink | LinkType::Email) => self.body.addresses.push(range),
            Some(LinkType::WikiLink { .. }) => {}
            _ => {
                if let Some(i) = self.source.get(range.clone()).and_then(|s| s.rfind("](")) {
                    self.body.addresses.push(range.start + i + 1..range.end);
                }
            }
        }
    }

    fn end(&mut self, end: TagEnd, range: Range<usize>) {
        match end {
            TagEnd::Heading(level) => self.end_heading(level),
            TagEnd::Paragraph => {
                self.close_item_text();
                if let Some((p, offset)) = self.para.take() {
                    self.paragraph(p, offset);
                }
            }
            TagEnd::Item => {
                self.close_item_text();
                self.items.pop();
            }
            TagEnd::Strikethrough => {
                if let Some(top) = self.items.last_mut().filter(|o| o.struck == Struck::Open) {
                    top.struck = Struck::Closed;
                }
            }
            TagEnd::List(_) => {
                self.list_depth = self.list_depth.saturating_sub(1);
                self.numbers.pop();
            }
            TagEnd::TableHead => {
                self.in_table_head = false;
                if let (Some(table), Some(row)) = (self.table.as_mut(), self.row.take()) {
                    table.header = row;
                }
            }
            TagEnd::TableRow => {
                if let (Some(table), Some(row)) = (self.table.as_mut(), self.row.take()) {
                    if self.in_table_head {
                        table.header = row;
                    } else {
                        table.rows.push(row);
                    }
                }
            }
            TagEnd::TableCell => {
                if let (Some(row), Some(mut cell)) = (self.row.as_mut(), self.cell.take()) {
                    cell.text = cell.text.trim().to_string();
                    row.push(cell);
                }
            }
            TagEnd::Table => {
                if let Some(mut t) = self.table.take() {
                    // A Google Docs export writes an empty header row and the table's own
                    // header as its first row (`|  |  |  |`, then `| **Action item** | **Owner**
                    // | ...`): that row is the header. A two-column table with an empty header is
                    // a table of fields (`| **Severity** | SEV-1 |`), left as it is.
                    if t.header.len() >= 3
                        && t.header.iter().all(|c| c.text.trim().is_empty())
                        && t.rows.first().is_some_and(|r| {
                            r.iter()
                                .all(|c| !c.text.trim().is_empty() && c.text.len() <= 40)
                        })
                    {
                        t.header = t.rows.remove(0);
                    }
                    self.current.tables.push(t);
                }
            }
            TagEnd::CodeBlock => self.code_block = false,
            TagEnd::Link => {
                let kind = self.link_types.pop();
                self.address(range, kind);
            }
            TagEnd::Image => self.address(range, None),
            _ => {}
        }
    }

    fn end_heading(&mut self, level: HeadingLevel) {
        let Some((text, _, offset)) = self.heading.take() else {
            return;
        };
        if !matches!(level, HeadingLevel::H1 | HeadingLevel::H2) {
            let kind = self.sections.classify(&text);
            self.current.subheadings.push(Subheading {
                text: text.trim().to_string(),
                level: level as u8,
                offset,
                kind,
            });
            return;
        }
        // `## May 12` under `## Timeline`: a day of the timeline, not a section of its own.
        if level == HeadingLevel::H2
            && self.current.kind == Some(SectionKind::Timeline)
            && is_day_heading(&text)
        {
            self.current.subheadings.push(Subheading {
                text: text.trim().to_string(),
                level: 3,
                offset,
                kind: None,
            });
            return;
        }
        // A `#` heading that names a section (`# Root causes`, as some templates write every
        // section) is that section, not the title.
        let kind = self.sections.classify(&text);
        if level == HeadingLevel::H1 {
            self.h1s.0 += 1;
            self.h1s.1 += usize::from(kind.is_some());
        }
        // `# Metadata` over `Owner:` lines names no incident either.
        let about_the_document = ["metadata", "details", "document info", "information"]
            .contains(&text.trim().trim_end_matches(':').to_lowercase().as_str());
        if level == HeadingLevel::H1
            && self.body.title.is_none()
            && kind.is_none()
            && !about_the_document
        {
            self.body.title = Some((text.trim().to_string(), offset));
        }
        self.plain_section = false;
        let done = std::mem::replace(
            &mut self.current,
            Section {
                heading: text,
                level: if level == HeadingLevel::H1 { 1 } else { 2 },
                kind,
                heading_offset: offset,
                ..Section::default()
            },
        );
        self.push_section(done);
    }

    fn push_section(&mut self, s: Section) {
        // The text before the first heading is kept only when there is some.
        if s.level > 0 || s.has_content {
            self.body.sections.push(s);
        }
    }

    /// A finished paragraph: the excerpt's candidates, and the section's paragraphs (outside
    /// lists and tables).
    fn paragraph(&mut self, text: String, offset: usize) {
        // A pandoc simple table of the actions, as a Word document or a Confluence page
        // converted to Markdown keeps one: a table, not paragraphs.
        if self.current.kind == Some(SectionKind::ActionItems) {
            if offset < self.simple_table_end {
                return;
            }
            if let Some((table, end)) = simple_table(self.source, offset) {
                self.simple_table_end = end;
                self.current.tables.push(table);
                self.current.has_content = true;
                return;
            }
        }
        if self.plain_heading(&text, offset) {
            return;
        }
        let kept = without_callout_marker(text);
        let text = kept.replace('\n', " ");
        // Under a `**Summary**` label too (a bold line as a heading).
        let under_summary = (self.current.labels.last()).is_some_and(|l| {
            l.kind == Some(SectionKind::Summary) && l.offset >= self.current.heading_offset
        }) || (self.current.subheadings.last()).is_some_and(|h| {
            // `### Summary` under `## Postmortem`, as a status page's write-up nests it (not
            // under a section of its own kind, `## Action items`).
            self.current.kind.is_none()
                && h.kind == Some(SectionKind::Summary)
                && (self.current.labels.last()).is_none_or(|l| l.offset < h.offset)
        });
        if (self.current.kind == Some(SectionKind::Summary) || under_summary)
            && self.summary_para.is_none()
        {
            // `Description: Travis reported failures<br>Component: ...<br>Date/time: ...`, the
            // Flutter template's summary: its description, not the metadata lines.
            if kept.lines().count() > 1 && kept.lines().all(is_label_line) {
                self.summary_para = kept.lines().find_map(|l| {
                    super::meta::label_value(l)
                        .filter(|(k, _, _)| matches!(k.as_str(), "description" | "summary"))
                        .map(|(_, v, _)| v)
                });
            } else if !is_label_line(&text) {
                self.summary_para = Some(text.clone());
            }
        }
        // A paragraph of metadata lines (`Date of Incident: Wednesday 20th September 2023`)
        // says nothing a list or a card should open with.
        // Among the first three paragraphs, a byline or a dateline (`_Daniel Von Fange_`,
        // `*20 September 2026*` under a deck): never the excerpt.
        self.paras += 1;
        // A date alone (`2023-08-08`, `Tuesday, 8 August 2023`) is a dateline too.
        let dateline = || {
            text.split_whitespace().count() <= 4 && super::meta::loose_date(text.trim()).is_some()
        };
        let byline = self.paras <= 3
            && !self.byline
            && (byline(self.source.get(offset..).unwrap_or(""), &text) || dateline());
        if byline {
            self.byline = true;
            self.body.byline_day = super::meta::loose_date(text.trim());
        } else if self.first_para.is_none()
            && !kept.lines().all(is_label_line)
            // `Verification after remediation:`: a lead-in to what follows, not a summary;
            // `[Initial Message]`, a status page's label.
            && !(text.trim_end().ends_with(':') && text.len() <= 80)
            && bracket_label(text.trim()).is_none_or(|rest| !rest.is_empty())
            && !furniture(&text)
            // An emphasised note about the write-up above it (`*This is a learning review, not
            // a postmortem in the traditional sense. ...*`), its day kept.
            && !(self.paras <= 3 && emphasised(self.source.get(offset..).unwrap_or("")) && {
                self.note_day = self.note_day.or_else(|| super::meta::loose_date(&text));
                if text.split_whitespace().count() >= 3 {
                    self.set_aside.get_or_insert_with(|| text.clone());
                }
                true
            })
            // `**What happened**` alone: a heading written in bold.
            && !strong_label(self.source.get(offset..).unwrap_or(""))
        {
            self.first_para = Some(text.clone());
        }
        // `2023-08-02` or `**Tuesday, May 14**` alone between a Timeline's lists: a day, as a
        // day heading is, dating the times under it.
        let day = text
            .trim()
            .trim_matches(['*', '_'])
            .trim()
            .trim_end_matches(':');
        if self.current.kind == Some(SectionKind::Timeline)
            && self.list_depth == 0
            && self.table.is_none()
            && is_day_heading(day)
        {
            self.current.subheadings.push(Subheading {
                text: day.to_string(),
                level: 3,
                offset,
                kind: None,
            });
        }
        let recognised = self.current.kind.is_some()
            || self
                .current
                .subheadings
                .last()
                .is_some_and(|h| h.kind.is_some());
        let labels_before = self.current.labels.len();
        if self.list_depth == 0 && self.table.is_none() {
            // `**Impact**: ...` then `**Root Causes**: ...` on the next line, hard-broken (the
            // Google SRE template's header): a label per line.
            let lines: Vec<&str> = kept.lines().collect();
            let starts = line_starts(self.source, offset, lines.len());
            let labelled = (starts.iter())
                .filter(|&&o| {
                    let l = self.source.get(o..).unwrap_or("");
                    l.starts_with("**") || l.starts_with("__")
                })
                .count();
            if lines.len() > 1 && labelled >= 2 {
                for (line, at) in lines.iter().zip(starts) {
                    self.label(line, at);
                }
            } else {
                self.label(&text, offset);
            }
        }
        // Under a label of a recognised section (`**Root cause:**` or `**Root Cause**` alone,
        // then prose), the paragraphs are that section's; the label itself is not one.
        let is_label = self.current.labels.len() > labels_before;
        let under_label = !is_label
            && (self.current.labels.last())
                .is_some_and(|l| l.kind.is_some() && l.offset >= self.current.heading_offset);
        // `Why 1 – Why did ...? Because ...`, a why per line of one paragraph, not a list:
        // each line is a why, as an item of a list would be.
        if self.current.kind == Some(SectionKind::FiveWhys)
            && self.list_depth == 0
            && self.table.is_none()
            && self.current.items.is_empty()
        {
            let lines: Vec<&str> = kept.lines().map(str::trim).collect();
            let why = |l: &&str| l.get(..3).is_some_and(|w| w.eq_ignore_ascii_case("why"));
            if lines.len() >= 2 && lines.iter().all(why) {
                let starts = line_starts(self.source, offset, lines.len());
                for (n, (line, at)) in lines.iter().zip(starts).enumerate() {
                    self.current.items.push(ListItem {
                        text: line.to_string(),
                        offset: at,
                        text_offset: at,
                        depth: 1,
                        task: None,
                        number: Some(n as u64 + 1),
                    });
                }
            }
        }
        // `**Root cause** (preliminary)` made a label: no words of the section.
        let noted_label =
            is_label && bold_before_note(self.source.get(offset..).unwrap_or("")).is_some();
        if self.list_depth == 0
            && self.table.is_none()
            && (recognised || under_label)
            && !noted_label
        {
            // A Timeline's paragraphs keep their lines (events written one per line), and
            // an Action items section's (items written one per line, without a list).
            // So do those under a Timeline label or subheading (`### Timeline<br>`, then
            // `09:04 - config change rolled out<br>` line after line).
            let label = (self.current.labels.last())
                .filter(|l| l.offset >= self.current.heading_offset)
                .map(|l| (l.offset, l.kind));
            let sub = (self.current.subheadings.last()).map(|h| (h.offset, h.kind));
            let latest = match (label, sub) {
                (Some(l), Some(h)) => Some(if l.0 > h.0 { l } else { h }),
                (l, h) => l.or(h),
            };
            let under_timeline = latest.is_some_and(|(_, k)| k == Some(SectionKind::Timeline));
            let lines = under_timeline
                || matches!(
                    self.current.kind,
                    Some(SectionKind::Timeline | SectionKind::ActionItems)
                );
            let kept = if lines { kept } else { text };
            self.current
                .paragraphs
                .push((kept.trim().to_string(), offset));
        }
    }

    /// Terse notes' headings: a paragraph's first line, written plain (no `#`, no bold, no
    /// colon), that is only the name of a recognised section (`Timeline`, `Follow-ups`), alone
    /// or over the section's first lines (`Timeline` then `2025-02-03T04:12Z first TLS
    /// failures` on the next line of the same paragraph). It starts that section, as a
    /// heading would; the paragraph's other lines are the section's first paragraph.
    fn plain_heading(&mut self, text: &str, offset: usize) -> bool {
        if self.list_depth > 0 || self.table.is_some() || !self.items.is_empty() {
            return false;
        }
        let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
        let name = first.trim();
        // Or in single emphasis, as Slack writes its bold (`*Timeline (ET)*`, `*Follow-ups*`
        // over `•` bullets); not a bold label (`**Impact**`), which is read as one.
        let slack = |src: &str, mark: &str| {
            src.strip_prefix(mark)
                .and_then(|r| r.strip_prefix(name))
                .is_some_and(|r| r.starts_with(mark))
                && !src.starts_with("**")
                && !src.starts_with("__")
        };
        let plain = (self.source.get(offset..))
            .is_some_and(|src| src.starts_with(name) || slack(src, "*") || slack(src, "_"));
        if !plain || !plain_section_name(name) {
            return false;
        }
        let kind = self.sections.classify(name);
        // `Notes` alone after a section a plain line started: the next part of the notes, not
        // that section's.
        // Only words (`Owner: @kim` is a line of the section), capitalised as the notes'
        // headings are (`links` after `follow-ups`).
        let lowercase_notes = self.current.heading.starts_with(char::is_lowercase);
        let next_part = kind.is_none()
            && self.plain_section
            && rest.trim().is_empty()
            && name.split_whitespace().count() <= 3
            && name
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-'))
            && (name.starts_with(char::is_uppercase)
                || (lowercase_notes && name.starts_with(char::is_lowercase)));
        if kind.is_none() && !next_part {
            return false;
        }
        self.plain_section = true;
        let done = std::mem::replace(
            &mut self.current,
            Section {
                heading: name.to_string(),
                level: 2,
                kind,
                heading_offset: offset,
                ..Section::default()
            },
        );
        self.push_section(done);
        let rest = rest.trim_start_matches('\n');
        if !rest.trim().is_empty() {
            let at = line_starts(self.source, offset, 2)
                .get(1)
                .copied()
                .unwrap_or(offset);
            self.current.has_content = true;
            self.paragraph(rest.to_string(), at);
        }
        true
    }

    /// Records the paragraph at `offset` (whose plain text is `text`) as a label when it opens
    /// with `**Name:**` (or `__Name__:`), or is one short line naming a recognised section.
    fn label(&mut self, text: &str, offset: usize) {
        let src = self.source.get(offset..).unwrap_or("");
        let bold = ["**", "__"].iter().find_map(|m| {
            let inner = src.strip_prefix(m)?;
            // A label is short: look no further than 100 characters for its end.
            let window = inner
                .char_indices()
                .nth(100)
                .map_or(inner, |(i, _)| &inner[..i]);
            let close = window.find(m)?;
            let name = &window[..close];
            let colon = name.trim_end().ends_with(':') || window[close + 2..].starts_with(':');
            colon.then(|| name.trim().trim_end_matches(':').trim())
        });
        let text = text.trim();
        let (name, rest) = match bold {
            Some(name) if !name.is_empty() => {
                let rest = text
                    .strip_prefix(name)
                    .map_or("", |r| r.trim_start().trim_start_matches(':').trim());
                (name, rest)
            }
            _ if text.len() <= 60 && text.ends_with(':') && !text.contains('\n') => {
                (text.trim_end_matches(':').trim(), "")
            }
            // `Cause: Paystream rotated the intermediate cert...`, as terse notes open a
            // paragraph: a root cause's label, written plain.
            _ if let Some((name, rest)) = text.split_once(':')
                && name.split_whitespace().count() <= 3
                && !rest.trim().is_empty()
                && src.starts_with(name)
                && self.sections.classify(name) == Some(SectionKind::RootCauses) =>
            {
                (name.trim(), rest.trim())
            }
            // `**Impact**` or `**Timeline (UTC)**` alone: a heading as Google Docs exports
            // write one (a bold line), when it names a recognised section.
            _ if text.len() <= 60
                && !text.is_empty()
                && ["**", "__"].iter().any(|m| {
                    src.strip_prefix(m)
                        .and_then(|r| r.strip_prefix(text))
                        .and_then(|r| r.strip_prefix(m))
                        .is_some_and(|r| {
                            r.trim_start_matches([' ', '\t']).starts_with(['\n', '\r'])
                                || r.trim().is_empty()
                        })
                }) =>
            {
                // `**Detection**` after `**Root cause**` and its prose: a heading of the
                // template that ends the label before it, though it names no section read.
                // `**Already done**`, `**In progress**` over an Action items section's lists:
                // a label that gives their status.
                let in_actions = self.current.kind == Some(SectionKind::ActionItems)
                    && text.split_whitespace().count() <= 4;
                if self.sections.classify(text).is_none() && !other_section(text) && !in_actions {
                    return;
                }
                (text, "")
            }
            // `**Action items** (agreed in channel 1:15 PM)`: a bold line and a note in
            // brackets after it, alone on its line, is the heading it names.
            _ if self.current.kind != Some(SectionKind::Timeline)
                && let Some(name) = bold_before_note(src)
                && self.sections.classify(name).is_some() =>
            {
                (name, "")
            }
            _ => return,
        };
        let kind = self.sections.classify(name);
        let status_label = self.current.kind == Some(SectionKind::ActionItems)
            && rest.is_empty()
            && name.split_whitespace().count() <= 4;
        if bold.is_none() && kind.is_none() && !other_section(name) && !status_label {
            return;
        }
        if let Some(k) = kind
            && !self.current.label_kinds.contains(&k)
        {
            self.current.label_kinds.push(k);
        }
        // `**Summary**: Chain halt during the upgrade.`: the excerpt, as a Summary section's
        // first paragraph would be.
        if kind == Some(SectionKind::Summary) && self.summary_para.is_none() && !rest.is_empty() {
            self.summary_para = Some(rest.to_string());
        }
        self.current.labels.push(Label {
            name: name.to_string(),
            kind,
            offset,
            rest: if kind.is_some() {
                rest.to_string()
            } else {
                String::new()
            },
        });
    }

    fn text(&mut self, t: &str, range: Range<usize>) {
        if let Some((heading, ..)) = self.heading.as_mut() {
            heading.push_str(t);
            return;
        }
        self.current.has_content |= !t.trim().is_empty() || self.code_block;
        if let Some(cell) = self.cell.as_mut() {
            cell.text.push_str(t);
        }
        if let Some((p, _)) = self.para.as_mut() {
            p.push_str(t);
        }
        let source = self.source;
        if let Some(top) = self.items.last_mut().filter(|o| o.collecting) {
            if top.text_offset.is_none() {
                top.text_offset = t
                    .trim_start()
                    .chars()
                    .next()
                    .map(|first| locate(source, range, first));
            }
            if top.struck == Struck::Closed && !t.trim().is_empty() {
                // What follows the crossed-out task, when it says where the task stands (`not
                // doing this`, `done in #12`), is said of it: a part of its own. Other words
                // correct the struck ones (`~~Alice~~ Bob: add an alert`).
                top.struck = Struck::No;
                let remark = t
                    .trim_start()
                    .trim_start_matches([',', ':', ';', '—', '–', '-']);
                if super::sections::written_status(remark.trim_start()).is_some() {
                    top.text.push_str(" — ");
                    top.text.push_str(remark.trim_start());
                    return;
                }
            }
            top.text.push_str(t);
        }
    }

    fn space(&mut self) {
        // A paragraph keeps its lines until it ends (see `paragraph`): a Timeline's events
        // written one per line, labels written one per line.
        if let Some((p, _)) = self.para.as_mut() {
            p.push('\n');
        }
        if let Some(cell) = self.cell.as_mut() {
            cell.text.push(' ');
        }
        if let Some(top) = self.items.last_mut().filter(|o| o.collecting) {
            top.text.push(' ');
        }
    }

    /// Ends the text of the innermost open item, if it was still being read, and records it.
    fn close_item_text(&mut self) {
        let depth = self.items.len();
        let Some(top) = self.items.last_mut().filter(|o| o.collecting) else {
            return;
        };
        top.collecting = false;
        if let Some(text_offset) = top.text_offset {
            self.current.items.push(ListItem {
                text: top.text.trim().to_string(),
                offset: top.offset,
                text_offset,
                depth,
                task: top.task,
                number: top.number,
            });
        }
    }

    /// A retrospective in Start / Stop / Continue: what the team starts doing is its action
    /// items (the other two are how it works, not tracked work), when no section names them.
    fn start_stop_continue(&mut self) {
        let sections = &mut self.body.sections;
        // Most write-ups name their actions: nothing more to look at.
        if (sections.iter()).any(|s| s.kind == Some(SectionKind::ActionItems)) {
            return;
        }
        let named = |sections: &[Section], names: &[&str]| {
            sections.iter().position(|s| {
                let h = s.heading.trim().trim_end_matches(':');
                s.level == 2 && s.kind.is_none() && names.iter().any(|n| h.eq_ignore_ascii_case(n))
            })
        };
        if let Some(start) = named(sections, &["start", "start doing"])
            && named(sections, &["stop", "stop doing"]).is_some()
            && named(sections, &["continue", "continue doing", "keep doing"]).is_some()
        {
            sections[start].kind = Some(SectionKind::ActionItems);
        }
    }

    fn finish(mut self) -> Body {
        let last = std::mem::take(&mut self.current);
        self.push_section(last);
        self.start_stop_continue();
        // A write-up whose sections are all `#` headings (`# Overview`, `# What happened`,
        // `# Root causes`...): none of them is its title.
        // But a first heading that opens the file and reads as a title (four words or more,
        // or a label such as `Postmortem:` before its text) is the title.
        let opens_as_title = (self.body.title.as_ref()).is_some_and(|(t, at)| {
            let labelled = t.split_once(':').is_some_and(|(l, rest)| {
                l.split_whitespace().count() <= 3 && !rest.trim().is_empty()
            });
            self.source.get(..*at).is_some_and(|b| b.trim().is_empty())
                && (labelled || t.split_whitespace().count() >= 4)
        });
        if self.h1s.0 >= 3 && self.h1s.1 >= 1 && !opens_as_title {
            self.body.title = None;
        }
        if self.summary_para.is_some() {
            self.body.opening_day = (self.first_para.as_deref()).and_then(super::meta::loose_date);
        }
        self.body.opening_day = self.body.opening_day.or(self.note_day);
        let excerpt = (self.summary_para.or(self.first_para))
            .or(self.set_aside)
            .unwrap_or_default();
        // `[Final message] VPN is back`: the status page's label is not the summary's words.
        let excerpt = bracket_label(excerpt.trim()).unwrap_or(excerpt.trim());
        self.body.excerpt = excerpt.trim().into();
        self.body.words = u32::try_from(self.source.split_whitespace().count()).unwrap_or(u32::MAX);
        self.body
    }
}

/// What a page carries around its text, never the excerpt: a post's greeting (`Hi everyone,`),
/// a wiki's or a doc tool's trail (`Fulfillment Engineering · Incident Reviews · Last edited
/// Oct 14, 2022`, `Engineering › Post-mortems`: short, its parts joined by `·`, `›` or `»`, or
/// saying when the page was last edited), or a note of the zone of its times (`All times
/// Eastern.`).
fn furniture(text: &str) -> bool {
    let t = text.trim();
    let parts = t.split(['·', '›', '»']).count();
    let lower = t.to_lowercase();
    let words = t.split_whitespace().count();
    // `All times ...`, `Times are ...`, `Toutes les heures ...`, `※時刻は...` (a note mark).
    let first: Vec<&str> = t.split_whitespace().take(3).collect();
    let all = [
        "all",
        "todas",
        "todos",
        "toutes",
        "alle",
        "усі",
        "Усі",
        "всі",
        "Всі",
        "όλες",
        "Όλες",
        "toate",
        "Toate",
        "minden",
        "Minden",
        "totes",
        "všetky",
        "सभी",
    ];
    let zone_note = t.starts_with('※')
        || first.first().is_some_and(|w| super::time::is_times_word(w))
        || (first.first()).is_some_and(|w| all.iter().any(|a| w.eq_ignore_ascii_case(a)))
            && first[1..].iter().any(|w| super::time::is_times_word(w));
    // `Hi everyone,`, `Hello all!`: a post's greeting.
    let greeting = words <= 4
        && t.ends_with([',', '!', ':'])
        && (["hi", "hello", "hey", "dear", "greetings"].iter())
            .any(|g| lower.split([' ', ',', '!']).next() == Some(*g));
    greeting
        || words <= 16
            && (parts >= 3
                || lower.starts_with("last edited")
                || lower.contains(" · last edited")
                || (zone_note && words <= 12))
}

/// The pandoc simple table whose header line holds `offset` (`  #   Action     Owner    Due`
/// over `  --- ---------- -------- -----`, then a row a line to the next blank line), as
/// pandoc writes a table of a Word document or a Confluence page: each column as wide as its
/// run of dashes, to the next run (the last to the line's end), measured in characters; and
/// the byte where it ends. `None` for anything else.
fn simple_table(source: &str, offset: usize) -> Option<(Table, usize)> {
    let start = source.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let dashed = |l: &str| l.contains('-') && l.trim().chars().all(|c| c == '-' || c == ' ');
    // Its second line is the dashes, or it is none: looked at first, as every paragraph of an
    // action section comes here.
    let mut lines = source[start..].split_inclusive('\n');
    let (first, second) = (lines.next()?, lines.next()?);
    if first.trim().is_empty() || !dashed(second) {
        return None;
    }
    // A full line of dashes over the header opens a multiline table, whose rows wrap and stand
    // apart: not read.
    let above = source[..start].strip_suffix('\n').unwrap_or("");
    let above = above[above.rfind('\n').map_or(0, |i| i + 1)..].trim();
    if !above.is_empty() && above.chars().all(|c| c == '-') {
        return None;
    }
    let mut rows: Vec<(usize, &str)> = Vec::new();
    let mut end = start + first.len() + second.len();
    for line in lines {
        let l = line.trim_end_matches(['\n', '\r']);
        if l.trim().is_empty() {
            break;
        }
        rows.push((end, l));
        end += line.len();
    }
    if rows.is_empty() {
        return None;
    }
    let header = first.trim_end_matches(['\n', '\r']);
    let dashes = second.trim_end_matches(['\n', '\r']);
    let chars: Vec<char> = dashes.chars().collect();
    let columns: Vec<usize> = (0..chars.len())
        .filter(|&i| chars[i] == '-' && (i == 0 || chars[i - 1] == ' '))
        .collect();
    if columns.len() < 2 {
        return None;
    }
    let cells = |at: usize, line: &str| -> Vec<Cell> {
        let bytes: Vec<usize> = line.char_indices().map(|(b, _)| b).collect();
        let row: Vec<char> = line.chars().collect();
        // A column that starts within a word (a row written a character out of line) starts
        // with that word.
        let byte = |c: Option<&usize>| {
            c.and_then(|&c| {
                let mut c = c.min(row.len());
                while c > 0 && c < row.len() && row[c - 1] != ' ' && row[c] != ' ' {
                    c -= 1;
                }
                bytes.get(c).copied()
            })
            .unwrap_or(line.len())
        };
        (0..columns.len())
            .map(|k| {
                let (from, to) = (byte(columns.get(k)), byte(columns.get(k + 1)));
                let raw = &line[from..to.max(from)];
                let lead = raw.len() - raw.trim_start().len();
                Cell {
                    text: super::meta::unescaped(raw.trim())
                        .trim_matches('*')
                        .to_string(),
                    offset: at + from + lead,
                }
            })
            .collect()
    };
    let table = Table {
        header: cells(start, header),
        rows: rows.iter().map(|(at, line)| cells(*at, line)).collect(),
        offset: start,
    };
    Some((table, end))
}

/// What follows a status page's label in brackets at the start of a text (`[Initial
/// Message]`, `[Final message] VPN is back`): a few words of letters only.
fn bracket_label(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('[')?;
    let close = inner.find(']')?;
    let label = &inner[..close];
    let words = label.split_whitespace().count();
    let letters = label.chars().all(|c| c.is_alphabetic() || c == ' ');
    ((1..=3).contains(&words) && letters && !inner[close + 1..].starts_with(['(', '[']))
        .then(|| inner[close + 1..].trim_start())
}

/// Whether the paragraph at the start of `src` (plain text `text`) is a byline or a dateline:
/// all of it in `_..._` or `*...*`, at most eight words.
fn byline(src: &str, text: &str) -> bool {
    emphasised(src) && (1..=8).contains(&text.split_whitespace().count())
}

/// Whether the paragraph `src` starts with is a few words in bold alone (`**What happened**`),
/// as a heading written without `#`.
fn strong_label(src: &str) -> bool {
    let para = src.split("\n\n").next().unwrap_or("").trim();
    ["**", "__"].iter().any(|m| {
        para.len() > 4
            && para.starts_with(m)
            && para.ends_with(m)
            && !para[2..para.len() - 2].contains(m)
            && para.split_whitespace().count() <= 6
            && !para.contains('\n')
            // A sentence in bold is no heading (`**Checkout was down for forty minutes.**`).
            && !para[..para.len() - 2].ends_with(['.', '!'])
    })
}

/// Whether the paragraph `src` starts with is emphasised whole (`_Daniel Von Fange_`, `*This
/// is a learning review, not a postmortem ...*`), not strongly (`**Summary**`).
fn emphasised(src: &str) -> bool {
    let para = src.split("\n\n").next().unwrap_or("").trim();
    para.len() > 2
        && ['_', '*'].iter().any(|&m| {
            para.starts_with(m)
                && !para[1..].starts_with(m)
                && para.ends_with(m)
                && !para[1..para.len() - 1].contains(m)
        })
}

/// The body as plain text (prose and code, no markup), for the search index and related
/// incidents by text: text and code, a space after each and at the end of every element.
/// Made where it is read, never held: kept for every incident until the index was made, the
/// plain texts weighed 300 MB at 100k incidents, at the build's peak.
pub fn plain_text(source: &str) -> String {
    plain_opening(source, usize::MAX)
}

/// The start of [`plain_text`]: all of it, or its first `bytes` at least (the event that
/// reaches them whole), read no further.
pub fn plain_opening(source: &str, bytes: usize) -> String {
    let mut plain = String::with_capacity(source.len().min(bytes.saturating_add(64)));
    for (event, _) in crate::format::markdown_events(source) {
        if plain.len() >= bytes {
            break;
        }
        push_plain(&mut plain, &event);
    }
    plain
}

/// Adds what `event` gives the plain text to `plain`.
fn push_plain(plain: &mut String, event: &Event<'_>) {
    match event {
        Event::Text(t) | Event::Code(t) => {
            plain.push_str(t);
            plain.push(' ');
        }
        Event::SoftBreak | Event::HardBreak | Event::End(_) => plain.push(' '),
        _ => {}
    }
}

/// Addresses written as text: `https://...` and `www....` up to the next space or closing mark,
/// and the address of a link reference definition (`[ref]: https://...`).
fn bare_addresses(source: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for start in ["https://", "http://", "www."]
        .iter()
        .flat_map(|p| source.match_indices(p).map(|(i, _)| i))
    {
        let len = source[start..]
            .find(|c: char| c.is_whitespace() || matches!(c, ')' | '>' | ']' | '"' | '\''))
            .unwrap_or(source.len() - start);
        out.push(start..start + len);
    }
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with('[')
            && let Some(close) = t.find("]:")
        {
            let from = offset + (line.len() - t.len()) + close + 2;
            out.push(from..offset + line.trim_end().len());
        }
        offset += line.len();
    }
    out
}

/// The offset of the first character of a text event's text (after the backticks of a code
/// span, say); the start of the event if it cannot be found.
fn locate(source: &str, range: Range<usize>, first: char) -> usize {
    source
        .get(range.clone())
        .and_then(|s| s.find(first))
        .map_or(range.start, |i| range.start + i)
}

/// Whether `line` could name a section on a plain line, as terse notes do (`Timeline`,
/// `Follow-ups`): short, a few words, no closing punctuation (the load's headings and the
/// public site's internal sections read the same lines).
pub fn plain_section_name(line: &str) -> bool {
    !line.is_empty()
        && line.len() <= 40
        && line.split_whitespace().count() <= 4
        && !line.ends_with([':', '.', '!', '?'])
}

/// With no Timeline in the body (no such section, label or subheading), the first list of
/// three items or more that each start with a time (`~1:50pm first jobs failing`, `2:15pm
/// paged`, `2024-07-02 14:15 alert`), as terse notes keep a timeline without naming it: its
/// items' texts. A hand-off's list of times of four digits (`~0310 pager`, `0342 rolled
/// back`), two thirds of its items or more, with notes between them (`per grafana errors
/// start 0302`), is one too when one of them at least has a clock's leading zero: its timed
/// items, each time written with its colon.
fn timed_list(body: &Body) -> Vec<(crate::diag::At, String)> {
    let named = (body.sections.iter())
        .any(|s| s.kind == Some(SectionKind::Timeline) || s.has_timeline_label());
    if named {
        return Vec::new();
    }
    for s in &body.sections {
        // The section's top-level items (of all its lists), or those under one of its
        // subheadings (`### what happened` over the times, `### things i noticed` after it)
        // or of its labels (`impact:`, `TODO:` after the times).
        let top: Vec<&ListItem> = s.top_items().collect();
        let mut cuts: Vec<usize> = (s.subheadings.iter().map(|h| h.offset))
            .chain(s.labels.iter().map(|l| l.offset))
            .collect();
        cuts.sort_unstable();
        let part = |i: &ListItem| cuts.partition_point(|&c| c < i.offset);
        let parts = top.chunk_by(|a, b| part(a) == part(b));
        // Not the items under a label that names what they are (`TODO:` over `- 10:00
        // tomorrow sync with the DBA`, `impact:`).
        let named = |group: &[&ListItem]| {
            let first = group.first().map_or(0, |i| i.offset);
            (s.labels.iter().rev().find(|l| l.offset < first))
                .is_some_and(|l| l.kind.is_some_and(|k| k != SectionKind::Timeline))
        };
        for group in std::iter::once(&top[..]).chain(parts) {
            if named(group) {
                continue;
            }
            if group.len() >= 3 && group.iter().all(|i| starts_with_time(&i.text)) {
                return (group.iter())
                    .map(|i| (crate::diag::At::Body(i.text_offset), i.text.clone()))
                    .collect();
            }
            if four_digit_list(group.iter().map(|i| i.text.as_str())) {
                return (group.iter())
                    .filter_map(|i| Some((i.text_offset, four_digit_time(&i.text)?)))
                    .map(|(offset, text)| (crate::diag::At::Body(offset), text))
                    .collect();
            }
        }
    }
    Vec::new()
}

/// Whether entries are a list of four-digit times (`~0310 pager`, `0342 rolled back`): three or
/// more, two thirds of them or more, and one at least with a clock's leading zero (`0310`), so
/// not years (`2019 moved to k8s`), error codes (`1205 Lock wait timeout`) or pull requests
/// (`1432 revert`).
pub(crate) fn four_digit_list<'t>(texts: impl Iterator<Item = &'t str> + Clone) -> bool {
    let all = texts.clone().count();
    let (mut four, mut zero) = (0, false);
    for t in texts {
        if let Some(lead) = four_digit_lead(t) {
            four += 1;
            zero |= t[lead..].starts_with('0');
        }
    }
    four >= 3 && four * 3 >= all * 2 && zero
}

/// Where the time of four digits without a colon an item opens with starts (after a `~`), when
/// it opens with one (`~0310 pager`: 1).
fn four_digit_lead(text: &str) -> Option<usize> {
    let lead = text.len() - text.trim_start_matches(['~', ' ']).len();
    let t = &text[lead..];
    let d = t.as_bytes().get(..4)?;
    let n = |k: usize| d[k].is_ascii_digit().then(|| (d[k] - b'0') as u32);
    let (h, m) = (n(0)? * 10 + n(1)?, n(2)? * 10 + n(3)?);
    (h < 24 && m < 60 && t[4..].starts_with(' ')).then_some(lead)
}

/// `~0310 pager` as `~03:10 pager`: an item that opens with a time of four digits without a
/// colon, written with one; `None` when it does not.
pub(crate) fn four_digit_time(text: &str) -> Option<String> {
    let lead = four_digit_lead(text)?;
    let t = &text[lead..];
    Some(format!("{}{}:{}", &text[..lead], &t[..2], &t[2..]))
}

/// Whether `text` opens with a clock time (`14:05`, `~1:50pm`, `2pm`), alone or after a date
/// (`2024-07-02 14:15`; a date alone dates something else: a list of earlier incidents).
fn starts_with_time(text: &str) -> bool {
    let t = text.trim_start_matches(['~', '*', '[', '(', ' ']);
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = &t[digits..];
    match digits {
        1 | 2 => {
            let after = rest
                .strip_prefix([':', '.', 'h'])
                .filter(|r| r.len() >= 2 && r.as_bytes()[..2].iter().all(u8::is_ascii_digit));
            after.is_some() || {
                let r = rest.trim_start().to_ascii_lowercase();
                r.starts_with("am") || r.starts_with("pm")
            }
        }
        4 if t.len() > 11 && t.is_char_boundary(10) && t.is_char_boundary(11) => {
            rest.starts_with('-') && matches!(&t[10..11], " " | "T") && starts_with_time(&t[11..])
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Body {
        Body::parse(s, &SectionMatcher::new(&Default::default()))
    }

    #[test]
    fn a_callouts_marker_is_no_words_of_its_paragraph() {
        let t = |s: &str| without_callout_marker(s.to_string());
        assert_eq!(
            t("[!danger] Customer impact\nAll checkouts failed."),
            "All checkouts failed."
        );
        assert_eq!(
            t("[!summary]- Search was down for 50 minutes."),
            "Search was down for 50 minutes."
        );
        assert_eq!(t("[!note]"), "");
        assert_eq!(t("[link] text"), "[link] text");
        assert_eq!(t("[!not a kind] x"), "[!not a kind] x");
    }

    #[test]
    fn html_image_sources_are_read_from_any_img_tag() {
        let srcs =
            |h: &str| -> Vec<String> { html_img_sources(h).into_iter().map(|(_, s)| s).collect() };
        assert_eq!(
            srcs("<p><IMG data-src=\"no\" SRC='img/a.png' alt=x><img src=b.png></p>"),
            ["img/a.png", "b.png"]
        );
        assert_eq!(srcs("<img src=\"a&amp;b.png\">"), ["a&b.png"]);
        for odd in [
            "<img",
            "<img src",
            "<img src=",
            "<img src=\"",
            "<imgsrc=x>",
            "<img alt=\"src=x\">",
            "<img src=\"\">",
        ] {
            let got = srcs(odd);
            assert!(got.is_empty() || odd.contains("alt"), "{odd}: {got:?}");
        }
    }

    #[test]
    fn the_excerpt_skips_metadata_lines_and_takes_a_summary_label() {
        let b = parse(
            "**Date of Incident:** Wednesday 20th September 2023, 14:32 UTC\n\nThe chain halted at block 13263217.\n",
        );
        assert_eq!(&*b.excerpt, "The chain halted at block 13263217.");
        let b = parse(
            "A copy of this also exists at google drive.\n\n**Date of incident**: 7th September, 2022.  \n**Summary**: Chain halt during the upgrade.  \n**Impact**: Downtime for 30 hours.\n",
        );
        assert_eq!(&*b.excerpt, "Chain halt during the upgrade.");
    }

    #[test]
    fn a_summary_subheading_gives_the_excerpt_and_a_bold_line_with_a_note_is_a_label() {
        let b = parse(
            "**Incident Report for Relaybox**\n\n## Resolved\n\nThis incident has been resolved.\n\n## Postmortem\n\n### Summary\n\nOn June 4, 2024, between 10:09 and 11:31 PDT, requests failed.\n\n### What happened\n\nAn upgrade.\n",
        );
        assert_eq!(
            &*b.excerpt,
            "On June 4, 2024, between 10:09 and 11:31 PDT, requests failed."
        );
        let b = parse(
            "Notes.\n\n**Action items** (agreed in channel 1:15 PM)\n\n- add a TTL\n\n**Lunch** (at noon)\n\nText.\n",
        );
        let labels: Vec<_> = (b.sections.iter())
            .flat_map(|s| s.labels.iter().map(|l| (l.name.as_str(), l.kind)))
            .collect();
        assert_eq!(labels, [("Action items", Some(SectionKind::ActionItems))]);
        // Under a section of its own kind, a `### Summary` is that section's, not the excerpt.
        let b = parse(
            "On May 14 the cache expired at once.\n\n## Action items\n\n### Summary\n\nThree items, two done.\n",
        );
        assert_eq!(&*b.excerpt, "On May 14 the cache expired at once.");
    }

    #[test]
    fn an_emphasised_note_above_the_write_up_is_not_its_excerpt() {
        let b = parse(
            "# Learning review\n\n*This is a learning review, not a postmortem in the\ntraditional sense. We do not look for a single root cause.*\n\n## What happened, briefly\n\nOn 7 November 2024 users were signed out.\n",
        );
        assert_eq!(&*b.excerpt, "On 7 November 2024 users were signed out.");
        // Emphasis inside a paragraph, or a strong one, is no such note.
        let b = parse("# Outage\n\nThe API was *down* for ten minutes.\n");
        assert!(b.excerpt.starts_with("The API was"), "{}", b.excerpt);
        // With no other paragraph, the note is the excerpt still; a sentence in bold is one.
        let b = parse(
            "# Checkout errors\n\n*Checkout returned errors for 40 minutes on 3 May 2024 because a certificate expired.*\n\n## Action items\n\n- Renew certificates automatically\n",
        );
        assert_eq!(
            &*b.excerpt,
            "Checkout returned errors for 40 minutes on 3 May 2024 because a certificate expired."
        );
        let b = parse("# Checkout errors\n\n**Checkout was down for forty minutes.**\n");
        assert_eq!(&*b.excerpt, "Checkout was down for forty minutes.");
        let b = parse("# Checkout errors\n\n**What happened**\n\nCheckout was down.\n");
        assert_eq!(&*b.excerpt, "Checkout was down.");
        let b = parse("# Checkout errors\n\n**What happened?**\n\nCheckout was down.\n");
        assert_eq!(&*b.excerpt, "Checkout was down.");
        let b = parse("# Checkout errors\n\n**Summary**\n\n- checkout was down\n");
        assert_eq!(&*b.excerpt, "");
    }

    #[test]
    fn a_date_alone_under_the_title_is_a_dateline_not_the_excerpt() {
        let b = parse("# Cache storm\n\n2023-08-08\n\nThe cache expired at once.\n");
        assert_eq!(&*b.excerpt, "The cache expired at once.");
        assert_eq!(b.byline_day, Some(jiff::civil::date(2023, 8, 8)));
        let b = parse("Checkout failed for ten minutes on 2023-08-08 after a deploy.\n");
        assert!(b.excerpt.starts_with("Checkout failed"), "{}", b.excerpt);
    }

    #[test]
    fn sections_links_and_the_summary_excerpt() {
        let body = "Intro line.\n\n## Summary\n\nThe API was *down* for\n22 minutes.\n\n## Timeline\n\n- 18:30 — see [[b]] and [x](../b.md)\n";
        let b = parse(body);
        assert_eq!(&*b.excerpt, "The API was down for 22 minutes.");
        let kinds: Vec<_> = b.sections.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                None,
                Some(SectionKind::Summary),
                Some(SectionKind::Timeline)
            ]
        );
        let dests: Vec<_> = b.links.iter().map(|l| (l.dest.as_str(), l.wiki)).collect();
        assert_eq!(dests, [("b", true), ("../b.md", false)]);
        assert_eq!(&body[b.links[0].offset..b.links[0].offset + 5], "[[b]]");
        let item = &b.sections[2].items[0];
        assert_eq!(item.text, "18:30 — see b and x");
        assert_eq!(&body[item.text_offset..item.text_offset + 5], "18:30");
        assert_eq!(&body[item.offset..item.offset + 2], "- ");
    }

    #[test]
    fn an_outline_of_top_level_bullets_is_its_sections() {
        let src = "title:: Postmortem/2024-09-17 thumbnail workers OOM\nseverity:: SEV3\n\n- Summary\n\t- Thumbnails were late.\n- Timeline\n\t- 10:02 first pods OOMKilled\n\t\t- a detail\n\t- 11:26 resolved\n- Action items\n\t- DONE Pin libvips\n- Links\n\t- [[Runbook]]\n";
        let b = parse(src);
        let kinds: Vec<_> = b
            .sections
            .iter()
            .map(|s| (s.heading.as_str(), s.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("", None),
                ("Summary", Some(SectionKind::Summary)),
                ("Timeline", Some(SectionKind::Timeline)),
                ("Action items", Some(SectionKind::ActionItems)),
                ("Links", None),
            ]
        );
        let timeline: Vec<_> = (b.sections[2].items.iter())
            .map(|i| (i.text.as_str(), i.depth))
            .collect();
        assert_eq!(
            timeline,
            [
                ("10:02 first pods OOMKilled", 1),
                ("a detail", 2),
                ("11:26 resolved", 1)
            ]
        );
        let (title, at) = b.title.clone().unwrap();
        assert_eq!(title, "Postmortem/2024-09-17 thumbnail workers OOM");
        assert_eq!(&src[at..at + 10], "Postmortem");
        // One recognised bullet with children is a list, not an outline.
        let b = parse("- Timeline\n  - 10:02 first pods\n- other\n");
        assert_eq!(b.sections.len(), 1);
    }

    #[test]
    fn terse_notes_name_their_sections_on_plain_lines() {
        let src = "SEV1 | payments | 47 min\n\nCard auths failing, 04:12Z-04:59Z.\n\nCause: the provider rotated its intermediate cert.\n\nTimeline\n2025-02-03T04:12Z first TLS failures\n2025-02-03T04:59Z resolved\n\nNotes\n- 7 min to page is ok\n\nFollow-ups\n- [ ] pin the root CA\n\nThe timeline above is in UTC.\n";
        let b = parse(src);
        let kinds: Vec<_> = b.sections.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                None,
                Some(SectionKind::Timeline),
                None,
                Some(SectionKind::ActionItems)
            ],
            "`Notes` ends the timeline a plain line started"
        );
        let timeline = &b.sections[1];
        assert_eq!(timeline.heading, "Timeline");
        let (text, at) = &timeline.paragraphs[0];
        assert!(text.starts_with("2025-02-03T04:12Z first"), "{text}");
        assert_eq!(&src[*at..*at + 10], "2025-02-03");
        assert_eq!(b.sections[3].items[0].text, "pin the root CA");
        // `Cause:` opening a paragraph is the root cause's label, with its text.
        let label = &b.sections[0].labels[0];
        assert_eq!(label.kind, Some(SectionKind::RootCauses));
        assert_eq!(label.rest, "the provider rotated its intermediate cert.");
        // A sentence that starts with a section's name is no heading.
        let b = parse("Intro.\n\nTimeline of the day was unusual.\n");
        assert_eq!(b.sections.len(), 1);
    }

    #[test]
    fn a_hand_off_list_of_four_digit_times_with_notes_between_is_a_timeline() {
        let src = "# api 5xx night handoff\n\n- all times UTC. sev2\n- ~0310 pager: api 5xx\n- per grafana errors start 0302\n- 0314 ack\n- 0342 rolled back, green by 0350\n- 0355 statuspage resolved\n\nimpact:\n- ~48 min of 5xx\n\nTODO:\n- [ ] ravi: push from a tag\n";
        let b = parse(src);
        let texts: Vec<&str> = b.front_timeline.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "~03:10 pager: api 5xx",
                "03:14 ack",
                "03:42 rolled back, green by 0350",
                "03:55 statuspage resolved"
            ]
        );
        // Each where its item's text is written.
        let crate::diag::At::Body(offset) = b.front_timeline[1].0 else {
            panic!()
        };
        assert!(src[offset..].starts_with("0314 ack"));
        // A list of years is no timeline, nor are error codes or four digits in a third of the
        // items.
        let b = parse("# History\n\n- 2019 moved to k8s\n- 2020 moved to arm\n- 2021 moved back\n");
        assert!(b.front_timeline.is_empty());
        let b = parse(
            "# DB deadlocks\n\n- 1205 Lock wait timeout exceeded\n- 1213 Deadlock found\n- 1040 Too many connections\n",
        );
        assert!(b.front_timeline.is_empty());
        // Times under a label that names them otherwise (`TODO:`) are not the timeline.
        let b = parse(
            "# drill\n\n- lag hit 40 min\n\nTODO:\n- 10:00 tomorrow sync with the DBA\n- 14:00 call with the vendor\n- 16:00 ship the fix\n",
        );
        assert!(b.front_timeline.is_empty(), "{:?}", b.front_timeline);
        let b = parse("# Notes\n\n- 0310 pager\n- 0320 ack\n- a note\n- a note\n- a note\n");
        assert!(b.front_timeline.is_empty());
    }

    #[test]
    fn lowercase_notes_a_timed_list_and_an_owner_line() {
        let src = "# ci runners disk full\n\nsev: p3\n\n- ~1:50pm first jobs failing\n- 2:15pm paged me\n- 3:05pm queue drained. resolved\n\ncause: the prune cron was lost.\n\nfollow-ups\nOwner: @kim\n\n- TODO: bake the prune into the AMI\n\nlinks\n- dashboard: grafana/d/ci\n";
        let b = parse(src);
        let headings: Vec<_> = b.sections.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(
            headings,
            ["ci runners disk full", "follow-ups", "links"],
            "`Owner: @kim` is a line of the follow-ups; `links` ends them"
        );
        assert_eq!(b.sections[1].items.len(), 1);
        let texts: Vec<&str> = b.front_timeline.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "~1:50pm first jobs failing",
                "2:15pm paged me",
                "3:05pm queue drained. resolved"
            ]
        );
        // Each where its text is written, for its diagnostics.
        for (at, text) in &*b.front_timeline {
            let crate::diag::At::Body(offset) = at else {
                panic!("{at:?}")
            };
            assert!(
                src[*offset..].starts_with(text.as_str()),
                "{offset}: {text}"
            );
        }
        // The list under one subheading of a section, beside others that are no times.
        let b = parse(
            "## search incident\n\n### what happened\n\n- ~09:20 latency climbs\n- ~09:40 support pings us\n- ~10:50 latency back to normal. resolved.\n\n### things i noticed\n\n- no alert on latency\n",
        );
        assert_eq!(b.front_timeline.len(), 3, "{:?}", b.front_timeline);
        // With a Timeline section, or dates without a time (earlier incidents), none.
        let b = parse("## Timeline\n\n- 10:00 a\n\n## Notes\n\n- 11:00 b\n- 12:00 c\n- 13:00 d\n");
        assert!(b.front_timeline.is_empty());
        let b = parse(
            "## History\n\n- 2023-05-01 the same outage\n- 2023-06-01 again\n- 2023-07-01 and again\n",
        );
        assert!(b.front_timeline.is_empty());
    }

    #[test]
    fn a_trail_above_the_page_is_no_excerpt() {
        let b = parse(
            "# Double-shipped orders\n\nFulfillment Engineering · Incident Reviews · Last edited Oct 14, 2022\n\nAll times Eastern.\n\nOn 7 October the warehouse sync shipped 312 orders twice.\n",
        );
        assert_eq!(
            &*b.excerpt,
            "On 7 October the warehouse sync shipped 312 orders twice."
        );
    }

    #[test]
    fn whys_written_a_line_each_are_the_whys() {
        let body = "## Five whys\n\nWhy 1 – Why did search fail? The alias was wrong.\nWhy 2 – Why was it wrong? The job swapped it.\n\n**Root cause:** the job.\n";
        let b = parse(body);
        let whys = b.section(SectionKind::FiveWhys).unwrap();
        let top: Vec<_> = whys.top_items().map(|i| i.text.as_str()).collect();
        assert_eq!(
            top,
            [
                "Why 1 – Why did search fail? The alias was wrong.",
                "Why 2 – Why was it wrong? The job swapped it."
            ]
        );
        assert!(body[whys.items[1].offset..].starts_with("Why 2"));
    }

    #[test]
    fn items_tables_tasks_and_emptiness() {
        let body = "# Title\n\n## Five whys\n\n1. One.\n2. Two `x`.\n   - nested\n\n## Lessons learned\n\n<!-- prompt -->\n\n## Action items\n\n| Action | Owner |\n|---|---|\n| Add an alert | @dana |\n\n- [x] done thing\n- [ ] open thing\n";
        let b = parse(body);
        assert_eq!(b.title.as_ref().map(|t| t.0.as_str()), Some("Title"));
        let whys = b.section(SectionKind::FiveWhys).unwrap();
        assert!(whys.ordered);
        let top: Vec<_> = whys.top_items().map(|i| i.text.as_str()).collect();
        assert_eq!(top, ["One.", "Two x."]);
        assert_eq!(
            whys.items.len(),
            3,
            "nested items are kept, with their depth"
        );
        assert!(!b.section(SectionKind::Lessons).unwrap().has_content);
        let actions = b.sections.last().unwrap();
        assert_eq!(actions.heading, "Action items");
        let t = &actions.tables[0];
        let header: Vec<_> = t.header.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(header, ["Action", "Owner"]);
        assert_eq!(t.rows[0][1].text, "@dana");
        let tasks: Vec<_> = actions
            .items
            .iter()
            .map(|i| (i.text.as_str(), i.task))
            .collect();
        assert_eq!(
            tasks,
            [("done thing", Some(true)), ("open thing", Some(false))]
        );
    }

    #[test]
    fn prose_blanks_code_and_html_but_keeps_offsets() {
        let body = "Human error `human error`\n\n```\nhuman error\n```\n<!-- human error -->\n";
        let p = parse(body).prose(body);
        assert_eq!(p.len(), body.len());
        assert_eq!(p.matches("error").count(), 1);
        assert_eq!(p.lines().count(), body.lines().count());
    }

    #[test]
    fn plain_text_has_prose_and_code_without_markup() {
        let source = "A *b* `c`\n\n- d\n\nA long paragraph to stop in.\n\nNot read.\n";
        assert_eq!(
            plain_text(source).split_whitespace().collect::<Vec<_>>(),
            [
                "A",
                "b",
                "c",
                "d",
                "A",
                "long",
                "paragraph",
                "to",
                "stop",
                "in.",
                "Not",
                "read."
            ]
        );
        // One byte past the list: the next text event is read whole, and nothing after it.
        let bytes = plain_text("A *b* `c`\n\n- d\n").len() + 1;
        let opening = plain_opening(source, bytes);
        assert!(plain_text(source).starts_with(&opening) && opening.len() >= bytes);
        assert!(opening.contains("stop") && !opening.contains("Not read"));
    }
}
