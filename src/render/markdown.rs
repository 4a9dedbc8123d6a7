//! Markdown body -> HTML: GFM tables, footnotes, task lists, strikethrough and alerts; heading
//! anchors; `##` sections wrapped in `<section>` tagged with their recognised kind; KB links
//! rewritten to page URLs (wiki links shown with their target's title); code highlighted;
//! raw HTML sanitized, passed or refused as configured. An incident's body also says where its
//! first Timeline and first Five whys sections are in the HTML, so that its page can give each a
//! template block of its own.

use super::Urls;
use super::highlight::Highlighter;
use crate::config::RawHtml;
use crate::format::is_html_comment;
use crate::format::{SectionKind, slugify};
use crate::model::Body;
use crate::model::{KnowledgeBase, Resolved};
use crate::safe_url::UrlPolicy;
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, LinkType, Tag, TagEnd};
use serde::Serialize;
use std::cell::Cell;
use std::collections::HashSet;
use std::ops::Range;

/// A heading of the table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    /// The recognised section (`timeline`, `five-whys`...) for `##` headings.
    pub section: Option<SectionKind>,
}

/// A rendered body.
#[derive(Debug, Default, Clone)]
pub struct Html {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Where the first Timeline section (`<section>` to `</section>\n`) is in `html`; only
    /// [`render_with`] looks.
    pub timeline: Option<Range<usize>>,
    /// Where the first Five whys section is in `html`; only [`render_with`] looks.
    pub five_whys: Option<Range<usize>>,
}

/// What the renderer needs to resolve links and highlight code.
pub struct MarkdownContext<'a> {
    pub kb: &'a KnowledgeBase,
    pub urls: &'a Urls,
    pub highlighter: &'a Highlighter,
}

enum LinkEnd {
    Keep,
    Span,
    /// An unsafe URL: the link is dropped and its text stays, as plain text.
    Drop,
}

/// Renders the body of the file at `from` (a `content/...` path).
pub fn render(cx: &MarkdownContext, from: &str, body: &str) -> Html {
    render_at(cx, from, body, false)
}

/// [`render`]; `nested` inside an internal block, where a further internal block is shown as
/// code (one level of boxes, and no recursion for hostile nesting to drive).
fn render_at(cx: &MarkdownContext, from: &str, body: &str, nested: bool) -> Html {
    let (w, events) = walk_at(cx, from, body, None, None, nested);
    let has_raw_html = w.has_raw_html;
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, footnotes_last(events, &mut []).into_iter());
    if has_raw_html && cx.kb.config.markdown.raw_html == RawHtml::Sanitize {
        html = sanitize(&html, &cx.kb.url_policy);
    }
    Html {
        html,
        toc: w.toc,
        timeline: None,
        five_whys: None,
    }
}

/// Like [`render`], with the first list of the Timeline section replaced by `timeline` (the
/// parsed timeline as HTML), and `read_back` (see [`read_back_up`]) after the five whys; the
/// result says where the first Timeline and Five whys sections are. When raw HTML is
/// sanitized, the parts before, inside, between and after those sections are sanitized one by
/// one, so an element raw HTML leaves open closes at the end of its part.
pub fn render_with(
    cx: &MarkdownContext,
    from: &str,
    body: &str,
    timeline: Option<&str>,
    read_back: Option<&str>,
) -> Html {
    let (w, events) = walk(cx, from, body, timeline, read_back);
    let found = [SectionKind::Timeline, SectionKind::FiveWhys].map(|k| w.section_events(k));
    // The event indices of the sections' starts and ends, then their byte offsets.
    let mut cuts: Vec<usize> = found
        .iter()
        .flatten()
        .flat_map(|r| [r.start, r.end])
        .collect();
    let events = footnotes_last(events, &mut cuts);
    let (mut html, mut offsets) = push_html_marking(events, &cuts);
    if w.has_raw_html && cx.kb.config.markdown.raw_html == RawHtml::Sanitize {
        html = sanitize_parts(&html, &mut offsets, &cx.kb.url_policy);
    }
    let mut ranges = offsets.chunks(2).map(|c| c[0]..c[1]);
    let [timeline, five_whys] = found.map(|f| f.and_then(|_| ranges.next()));
    Html {
        html,
        toc: w.toc,
        timeline,
        five_whys,
    }
}

/// Walks the events of `body`: the HTML events to write (footnotes where they were written),
/// and the walk, which knows the table of contents and where each section is.
fn walk<'a, 'e>(
    cx: &'a MarkdownContext<'a>,
    from: &'a str,
    body: &'e str,
    timeline: Option<&'a str>,
    read_back: Option<&'a str>,
) -> (Walk<'a, 'e>, Vec<Event<'e>>) {
    walk_at(cx, from, body, timeline, read_back, false)
}

/// [`walk`], `nested` inside an internal block.
fn walk_at<'a, 'e>(
    cx: &'a MarkdownContext<'a>,
    from: &'a str,
    body: &'e str,
    timeline: Option<&'a str>,
    read_back: Option<&'a str>,
    nested: bool,
) -> (Walk<'a, 'e>, Vec<Event<'e>>) {
    let events: Vec<Event> = crate::format::markdown_events(body)
        .map(|(e, _)| e)
        .collect();
    let mut w = Walk {
        cx,
        from,
        timeline,
        read_back,
        current: None,
        list_depth: 0,
        out: Vec::with_capacity(events.len() + 16),
        toc: Vec::new(),
        used_ids: HashSet::new(),
        link_ends: Vec::new(),
        wiki_title: None,
        code: None,
        highlighted: 0,
        has_raw_html: false,
        image_ends: Vec::new(),
        in_section: false,
        nested,
        sections: Vec::new(),
        sections_end: 0,
    };
    let mut i = 0;
    while i < events.len() {
        i = w.event(&events, i);
    }
    if w.in_section {
        w.out.push(Event::Html("</section>\n".into()));
    }
    w.sections_end = w.out.len();
    let out = std::mem::take(&mut w.out);
    (w, out)
}

/// One rendering of a body: the events written so far and what the walk is inside of.
struct Walk<'a, 'e> {
    cx: &'a MarkdownContext<'a>,
    from: &'a str,
    /// The timeline's HTML, until the Timeline section's first list takes its place.
    timeline: Option<&'a str>,
    /// The read-back chain, until the five whys' list is closed.
    read_back: Option<&'a str>,
    /// The recognised section the walk is in.
    current: Option<SectionKind>,
    list_depth: usize,
    out: Vec<Event<'e>>,
    toc: Vec<TocEntry>,
    used_ids: HashSet<String>,
    link_ends: Vec<LinkEnd>,
    /// The title to show instead of the text of a `[[id]]` link being written.
    wiki_title: Option<String>,
    /// The language and text of the code block being read.
    code: Option<(String, String)>,
    /// Bytes of code highlighted so far (see [`crate::render::highlight::MAX_PAGE_BYTES`]).
    highlighted: usize,
    has_raw_html: bool,
    /// For each open image, whether it is kept (a refused URL drops it to its alt text).
    image_ends: Vec<bool>,
    in_section: bool,
    /// Inside an internal block: a further one is shown as code.
    nested: bool,
    /// Each `##` section's kind and the index in `out` of its `<section>`; a section ends
    /// where the next starts, the last at `sections_end`.
    sections: Vec<(Option<SectionKind>, usize)>,
    sections_end: usize,
}

impl Walk<'_, '_> {
    /// The events of the first section of `kind`, from its `<section>` to its `</section>`.
    fn section_events(&self, kind: SectionKind) -> Option<Range<usize>> {
        let k = self.sections.iter().position(|s| s.0 == Some(kind))?;
        let end = self
            .sections
            .get(k + 1)
            .map_or(self.sections_end, |next| next.1);
        Some(self.sections[k].1..end)
    }
}

impl<'e> Walk<'_, 'e> {
    /// Writes the event at `i` (and those it consumes); the index of the next one.
    fn event(&mut self, events: &[Event<'e>], i: usize) -> usize {
        // Long on purpose: the walk's dispatch: one arm per Markdown event the renderer changes.
        let event = events[i].clone();
        let next = i + 1;
        if self.current == Some(SectionKind::Timeline)
            && matches!(event, Event::Start(Tag::List(_)))
            && let Some(html) = self.timeline.take()
        {
            self.out.push(Event::Html(html.to_string().into()));
            return skip_list(events, next);
        }
        match event {
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => self.heading(events, next, level, id.as_deref(), classes),
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => l.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
            }
            Event::Text(t) if self.code.is_some() => {
                if let Some((_, buf)) = self.code.as_mut() {
                    buf.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, buf)) = self.code.take() {
                    let html = if !self.nested && crate::format::is_internal_fence(&lang) {
                        internal_aside(&render_at(self.cx, self.from, &buf, true).html)
                    } else {
                        self.cx
                            .highlighter
                            .block(&buf, &lang, &mut self.highlighted)
                    };
                    self.out.push(Event::Html(html.into()));
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => self.link(link_type, dest_url, title, id),
            Event::Text(_) if self.wiki_title.is_some() => {
                // The text of `[[id]]` is the id: show the target's title instead, once.
                if let Some(t) = self.wiki_title.take() {
                    self.out.push(Event::Text(t.into()));
                }
            }
            Event::End(TagEnd::Link) => self.end_link(),
            Event::Start(image @ Tag::Image { .. }) => self.image(image),
            Event::End(TagEnd::Image) => {
                if self.image_ends.pop().unwrap_or(true) {
                    self.out.push(Event::End(TagEnd::Image));
                }
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, title) = alert(kind);
                self.out.push(Event::Html(
                    format!("<div class=\"markdown-alert markdown-alert-{class}\" role=\"note\">\n<p class=\"markdown-alert-title\">{title}</p>\n").into(),
                ));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                self.out.push(Event::Html("</div>\n".into()))
            }
            Event::Start(Tag::List(first)) => {
                self.list_depth += 1;
                self.out.push(Event::Start(Tag::List(first)));
            }
            Event::End(TagEnd::List(ordered)) => self.end_list(ordered),
            // A wide table scrolls inside its box; `tabindex` lets the keyboard scroll it.
            Event::Start(Tag::Table(align)) => {
                self.out.push(Event::Html(
                    "<div class=\"table-scroll\" tabindex=\"0\">".into(),
                ));
                self.out.push(Event::Start(Tag::Table(align)));
            }
            Event::End(TagEnd::Table) => {
                self.out.push(Event::End(TagEnd::Table));
                self.out.push(Event::Html("</div>\n".into()));
            }
            // A task list's box is named, so a screen reader says what its state means.
            Event::TaskListMarker(done) => self.out.push(Event::InlineHtml(
                format!(
                    "<input type=\"checkbox\" disabled aria-label=\"Done\"{}> ",
                    if done { " checked" } else { "" }
                )
                .into(),
            )),
            Event::Html(h) | Event::InlineHtml(h) => self.raw_html(h),
            e => self.out.push(e),
        }
        next
    }

    /// A heading: an anchor id, a table-of-contents entry, and for `##` a `<section>` of its
    /// recognised kind. Custom attributes (`{onclick=...}`) are dropped: only an id and
    /// classes may come from content.
    fn heading(
        &mut self,
        events: &[Event],
        next: usize,
        level: HeadingLevel,
        id: Option<&str>,
        classes: Vec<pulldown_cmark::CowStr<'e>>,
    ) {
        let end = events[next..]
            .iter()
            .position(|e| matches!(e, Event::End(TagEnd::Heading(_))))
            .map_or(events.len(), |p| next + p);
        let text = plain_text(&events[next..end]);
        let anchor = unique_id(
            id.map_or_else(|| slugify(&text), |id| heading_id(id, &text)),
            &mut self.used_ids,
        );
        let section = (level == HeadingLevel::H2)
            .then(|| self.cx.kb.sections.classify(&text))
            .flatten();
        if level == HeadingLevel::H2 {
            self.current = section;
            if self.in_section {
                self.out.push(Event::Html("</section>\n".into()));
            }
            let kind = section.map_or("other", |s| s.key());
            self.sections.push((section, self.out.len()));
            // Not a named region: the page's own blocks (causes, action items...) are the
            // landmarks, and a body section of the same name ("Action items" as written, then
            // as tracked) would repeat one. The table of contents leads to each section.
            self.out.push(Event::Html(
                format!(
                    "<section class=\"section section-{}\" data-heading=\"{anchor}\">\n",
                    kind.replace('_', "-")
                )
                .into(),
            ));
            self.in_section = true;
        }
        if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
            self.toc.push(TocEntry {
                level: level as u8,
                id: anchor.clone(),
                title: text,
                section,
            });
        }
        self.out.push(Event::Start(Tag::Heading {
            level,
            id: Some(anchor.clone().into()),
            classes,
            attrs: Vec::new(),
        }));
        self.out.push(Event::Html(
            format!(
                "<a class=\"anchor\" href=\"#{anchor}\" aria-hidden=\"true\" tabindex=\"-1\">#</a>"
            )
            .into(),
        ));
    }

    /// A link: a KB link resolved to its page, a web link kept when its URL is allowed, a
    /// link to something not published shown as plain text.
    fn link(
        &mut self,
        link_type: LinkType,
        dest_url: pulldown_cmark::CowStr<'e>,
        title: pulldown_cmark::CowStr<'e>,
        id: pulldown_cmark::CowStr<'e>,
    ) {
        let wiki = matches!(link_type, LinkType::WikiLink { .. });
        let kb = self.cx.kb;
        let (dest_url, end) = match kb.lookup.resolve(self.from, &dest_url, wiki) {
            Resolved::Internal(target, fragment) => {
                let mut url = self.cx.urls.target(kb, target);
                if let Some(f) = fragment {
                    url.push('#');
                    url.push_str(&f);
                }
                if matches!(link_type, LinkType::WikiLink { has_pothole: false }) {
                    self.wiki_title = Some(kb.title_of(target).to_string());
                }
                (url.into(), LinkEnd::Keep)
            }
            Resolved::External if kb.url_policy.allows(&dest_url) => (dest_url, LinkEnd::Keep),
            Resolved::External => {
                self.link_ends.push(LinkEnd::Drop);
                return;
            }
            Resolved::Outside(_) => {
                // A document beside the post-mortems in their repository: not on this site.
                self.out.push(Event::Html(
                    "<span class=\"link-absent\" title=\"not in this archive\">".into(),
                ));
                self.link_ends.push(LinkEnd::Span);
                return;
            }
            Resolved::Absent | Resolved::Broken(_) => {
                // On the public site a cause has no page: `[[cause:id]]` reads as its name.
                let cause = dest_url.trim().strip_prefix("cause:").map(str::trim);
                if let (LinkType::WikiLink { has_pothole: false }, Some(c)) =
                    (link_type, cause.and_then(|id| kb.cause(id)))
                {
                    self.wiki_title = Some(c.title.clone());
                } else if kb.lookup.public
                    && matches!(link_type, LinkType::WikiLink { has_pothole: false })
                {
                    // An internal page's id can say what it was about.
                    let what = if cause.is_some() {
                        "a cause"
                    } else {
                        "another incident"
                    };
                    self.wiki_title = Some(what.into());
                }
                self.out.push(Event::Html(
                    "<span class=\"link-absent\" title=\"not published\">".into(),
                ));
                self.link_ends.push(LinkEnd::Span);
                return;
            }
        };
        self.out.push(Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }));
        self.link_ends.push(end);
    }

    fn end_link(&mut self) {
        self.wiki_title = None;
        match self.link_ends.pop() {
            Some(LinkEnd::Span) => self.out.push(Event::Html("</span>".into())),
            Some(LinkEnd::Drop) => {}
            _ => self.out.push(Event::End(TagEnd::Link)),
        }
    }

    /// An image: kept when its URL is allowed, else dropped to its alt text.
    fn image(&mut self, image: Tag<'e>) {
        let keep = match &image {
            Tag::Image { dest_url, .. } => self.cx.kb.url_policy.allows(dest_url),
            _ => true,
        };
        self.image_ends.push(keep);
        if keep {
            self.out.push(Event::Start(image));
        }
    }

    /// The end of a list: after the five whys' list, the chain read back up.
    fn end_list(&mut self, ordered: bool) {
        self.list_depth = self.list_depth.saturating_sub(1);
        self.out.push(Event::End(TagEnd::List(ordered)));
        if ordered
            && self.list_depth == 0
            && self.current == Some(SectionKind::FiveWhys)
            && let Some(html) = self.read_back.take()
        {
            self.out.push(Event::Html(html.to_string().into()));
        }
    }

    /// Raw HTML: kept (to be sanitized), or written as text where the KB denies it.
    fn raw_html(&mut self, h: pulldown_cmark::CowStr<'e>) {
        self.has_raw_html = true;
        match self.cx.kb.config.markdown.raw_html {
            RawHtml::Deny if !is_html_comment(&h) => self.out.push(Event::Text(h)),
            _ => self.out.push(Event::Html(h)),
        }
    }
}

/// A fenced ```` ```internal ```` block's content, rendered as Markdown, in a box marked
/// "Internal": the public site leaves it out (see `load::public`).
fn internal_aside(html: &str) -> String {
    format!(
        "<div class=\"markdown-alert markdown-alert-internal internal-part\" role=\"note\">\n<p class=\"markdown-alert-title\">Internal</p>\n{html}</div>\n"
    )
}

/// The five whys read back up, from the deepest cause to the problem: each why, "so" the one
/// above it. The seed's test of a good chain: it must read back up as well as down.
pub fn read_back_up(body: &Body) -> Option<String> {
    let section =
        (body.sections.iter()).find(|s| s.kind == Some(SectionKind::FiveWhys) && s.ordered)?;
    // Each why's answer: the item itself when it states one, the text after its question
    // (`Why were users signed out? Their tokens were rejected.`), else its first sub-item
    // (a question with its answer under it).
    let whys: Vec<&str> = (section.items.iter().enumerate())
        .filter(|(_, i)| i.depth == 1)
        .map(|(k, item)| {
            let text = item.text.trim();
            let asked = text.split_whitespace().next().is_some_and(|w| {
                ["why", "how", "what"].contains(&w.to_lowercase().trim_matches('*'))
            });
            let Some((_, after)) = text.split_once('?').filter(|_| asked) else {
                return text;
            };
            let after = after.trim();
            let after = ["A:", "Answer:", "→", "->", "-", "–", "—"]
                .iter()
                .find_map(|p| after.strip_prefix(p))
                .unwrap_or(after)
                .trim();
            if !after.is_empty() {
                return after;
            }
            (section.items.get(k + 1))
                .filter(|c| c.depth > 1)
                .map_or(text, |c| c.text.trim())
        })
        .collect();
    if whys.len() < 2 {
        return None;
    }
    let mut html = String::from(
        "<details class=\"why-back\"><summary>Read it back up</summary>\n<ol class=\"why-back-chain\">\n",
    );
    for (i, text) in whys.iter().enumerate().rev() {
        let lead = if i + 1 == whys.len() {
            ""
        } else {
            "<span class=\"why-so\">so</span> "
        };
        html.push_str(&format!("<li>{lead}{}</li>\n", super::escape(text.trim())));
    }
    html.push_str("</ol>\n</details>\n");
    Some(html)
}

/// The index just past the end of the list whose start is at `start - 1`.
fn skip_list(events: &[Event], start: usize) -> usize {
    let mut depth = 1;
    let mut i = start;
    while i < events.len() && depth > 0 {
        match events[i] {
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(TagEnd::List(_)) => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    i
}

/// Moves footnote definitions out of the section they were written in to a footnotes section
/// at the end of the body; `marks` (indices into `events`) move with the events they point at.
fn footnotes_last<'e>(events: Vec<Event<'e>>, marks: &mut [usize]) -> Vec<Event<'e>> {
    let mut body = Vec::with_capacity(events.len());
    let mut notes = Vec::new();
    let mut in_note = false;
    // Where each event (and the end) lands in `body`; a moved note lands where the next stays.
    let mut moved_to = Vec::with_capacity(events.len() + 1);
    for e in events {
        moved_to.push(body.len());
        match &e {
            Event::Start(Tag::FootnoteDefinition(_)) => in_note = true,
            Event::End(TagEnd::FootnoteDefinition) => {
                notes.push(e);
                in_note = false;
                continue;
            }
            _ => {}
        }
        if in_note { notes.push(e) } else { body.push(e) }
    }
    moved_to.push(body.len());
    for m in marks.iter_mut() {
        *m = moved_to[*m];
    }
    if !notes.is_empty() {
        body.push(Event::Html(
            "<section class=\"footnotes\" aria-label=\"Footnotes\">\n".into(),
        ));
        body.extend(notes);
        body.push(Event::Html("</section>\n".into()));
    }
    body
}

/// Writes `events` as HTML, and the byte offset in it at which each of `marks` (indices into
/// `events`, or its length for the end) starts.
fn push_html_marking(events: Vec<Event<'_>>, marks: &[usize]) -> (String, Vec<usize>) {
    /// A `String` that tells how long it is while it is being written to.
    struct Counted<'c> {
        html: String,
        len: &'c Cell<usize>,
    }
    impl std::fmt::Write for Counted<'_> {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.html.push_str(s);
            self.len.set(self.html.len());
            Ok(())
        }
    }
    let len = Cell::new(0);
    let mut out = Counted {
        html: String::new(),
        len: &len,
    };
    let mut offsets = vec![0; marks.len()];
    let count = events.len();
    // The writer writes each event before it asks for the next (an image reads ahead to its
    // end, but no mark falls inside an image), so the length when event `i` is asked for is
    // where `i` starts.
    let events = events.into_iter().enumerate().map(|(i, e)| {
        for (m, o) in marks.iter().zip(offsets.iter_mut()) {
            if *m == i {
                *o = len.get();
            }
        }
        e
    });
    // Writing into a String cannot fail.
    let _ = pulldown_cmark::html::write_html_fmt(&mut out, events);
    for (m, o) in marks.iter().zip(offsets.iter_mut()) {
        if *m >= count {
            *o = len.get();
        }
    }
    (out.html, offsets)
}

/// Sanitizes `html` part by part between the byte offsets `cuts`, which then point where
/// their parts start in the result.
fn sanitize_parts(html: &str, cuts: &mut [usize], policy: &UrlPolicy) -> String {
    let mut bounds: Vec<usize> = cuts.to_vec();
    bounds.extend([0, html.len()]);
    bounds.sort_unstable();
    bounds.dedup();
    let mut out = String::with_capacity(html.len());
    let mut moved = Vec::with_capacity(bounds.len());
    for pair in bounds.windows(2) {
        moved.push(out.len());
        out.push_str(&sanitize(&html[pair[0]..pair[1]], policy));
    }
    moved.push(out.len());
    for c in cuts.iter_mut() {
        if let Ok(b) = bounds.binary_search(c) {
            *c = moved[b];
        }
    }
    out
}

/// The class and title of a GitHub alert (`> [!WARNING]`).
fn alert(kind: pulldown_cmark::BlockQuoteKind) -> (&'static str, &'static str) {
    use pulldown_cmark::BlockQuoteKind as K;
    match kind {
        K::Note => ("note", "Note"),
        K::Tip => ("tip", "Tip"),
        K::Important => ("important", "Important"),
        K::Warning => ("warning", "Warning"),
        K::Caution => ("caution", "Caution"),
    }
}

fn plain_text(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        if let Event::Text(t) | Event::Code(t) = e {
            s.push_str(t);
        }
    }
    s
}

fn unique_id(base: String, used: &mut HashSet<String>) -> String {
    let base = if base.is_empty() {
        "section".to_string()
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 1;
    while !used.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// Keeps what Markdown itself produces (and our classes and anchors); drops scripts, event
/// handlers, iframes and the like, and URLs outside the KB's allow-list.
fn sanitize(html: &str, policy: &UrlPolicy) -> String {
    ammonia::Builder::default()
        .url_schemes(policy.schemes().collect())
        .add_generic_attributes([
            "role",
            "class",
            "id",
            "aria-hidden",
            "aria-labelledby",
            "tabindex",
            "title",
            "data-lang",
        ])
        .add_tags(["section", "input", "details", "summary"])
        .add_tag_attributes("input", ["type", "checked", "disabled", "aria-label"])
        .add_tag_attributes("ol", ["start"])
        .add_tag_attributes("td", ["style"])
        .add_tag_attributes("th", ["style"])
        .link_rel(None)
        .clean(html)
        .to_string()
}

/// An inline Markdown string (an action item) as HTML without a paragraph: raw HTML is
/// left out, and links and images whose URL `policy` refuses become their plain text.
pub fn inline(text: &str, policy: &UrlPolicy) -> String {
    let mut html = String::new();
    let mut dropped = Vec::new();
    let events = crate::format::markdown_events(text)
        .map(|(e, _)| e)
        .filter(|e| match e {
            Event::Start(Tag::Paragraph)
            | Event::End(TagEnd::Paragraph)
            | Event::Html(_)
            | Event::InlineHtml(_) => false,
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                let keep = policy.allows(dest_url);
                dropped.push(!keep);
                keep
            }
            Event::End(TagEnd::Link | TagEnd::Image) => !dropped.pop().unwrap_or(false),
            _ => true,
        });
    pulldown_cmark::html::push_html(&mut html, events);
    html.trim().to_string()
}

/// The id a heading's `{#id}` asks for, as written when it is made only of letters, digits
/// and `-_.:` (what a link's `#fragment` takes as is); otherwise its slug (or the heading's),
/// so that no id can leave the attributes it is written into.
fn heading_id(id: &str, text: &str) -> String {
    if !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
    {
        return id.to_string();
    }
    match slugify(id) {
        slug if slug.trim_matches('-').is_empty() => slugify(text),
        slug => slug,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(md: &str) -> Vec<Event<'_>> {
        crate::format::markdown_events(md).map(|(e, _)| e).collect()
    }

    #[test]
    fn the_whys_read_back_up_by_their_answers() {
        let read = |md: &str| {
            let body = Body::parse(md, &crate::format::SectionMatcher::new(&Default::default()));
            read_back_up(&body).unwrap_or_default()
        };
        let chain = |html: &str| -> Vec<String> {
            html.split("<li>")
                .skip(1)
                .map(|li| {
                    li.split("</li>")
                        .next()
                        .unwrap()
                        .replace("<span class=\"why-so\">so</span> ", "")
                })
                .collect()
        };
        // Statements: each is the answer.
        let html = read(
            "## Five whys\n\n1. Users were signed out.\n2. Tokens were rejected as expired.\n",
        );
        assert_eq!(
            chain(&html),
            ["Tokens were rejected as expired.", "Users were signed out."]
        );
        // A question and its answer on one line, or the answer under the question.
        let html = read(
            "## Five whys\n\n1. Why were users signed out? Their tokens were rejected.\n2. **Why were they rejected?** The date `2025-02-29` does not exist.\n3. Why did the service write it?\n   - It added one to the year.\n4. Why did no test catch it?\n",
        );
        assert_eq!(
            chain(&html),
            [
                "Why did no test catch it?",
                "It added one to the year.",
                "The date 2025-02-29 does not exist.",
                "Their tokens were rejected."
            ]
        );
    }

    #[test]
    fn a_heading_id_that_would_leave_its_attribute_is_made_a_slug() {
        assert_eq!(heading_id("root-cause_2.a:b", "x"), "root-cause_2.a:b");
        assert_eq!(heading_id("délai", "x"), "délai");
        let id = heading_id("rc\"/autofocus/onfocus=\"alert(1)\"/x=\"", "Root cause");
        assert!(id.chars().all(|c| c.is_alphanumeric() || c == '-'), "{id}");
        assert_eq!(heading_id("\"'<>", "Root cause"), "root-cause");
    }

    #[test]
    fn marks_give_the_offset_at_which_their_event_is_written() {
        let md = "Intro.\n\n- one\n- two\n\nAfter the list.\n";
        let all = events(md);
        let list = all
            .iter()
            .position(|e| matches!(e, Event::Start(Tag::List(_))))
            .unwrap();
        let (html, offsets) = push_html_marking(all.clone(), &[list, all.len()]);
        let mut whole = String::new();
        pulldown_cmark::html::push_html(&mut whole, all.into_iter());
        assert_eq!(html, whole, "marking changes nothing in the HTML");
        assert!(html[offsets[0]..].starts_with("<ul>"), "{html}");
        assert_eq!(offsets[1], html.len());
    }

    #[test]
    fn marks_follow_their_events_when_footnotes_move_to_the_end() {
        let md = "A note[^n].\n\n[^n]: The note.\n\nLast paragraph.\n";
        let all = events(md);
        let last = all
            .iter()
            .rposition(|e| matches!(e, Event::Start(Tag::Paragraph)))
            .unwrap();
        let mut marks = [last, all.len()];
        let moved = footnotes_last(all, &mut marks);
        let (html, offsets) = push_html_marking(moved, &marks);
        assert!(
            html[offsets[0]..].starts_with("<p>Last paragraph.</p>"),
            "{html}"
        );
        assert!(
            html[offsets[1]..].starts_with("<section class=\"footnotes\""),
            "the end of the body is where the footnotes begin: {html}"
        );
        // The numbering of footnotes is the writer's, so it stays whole-body.
        assert!(html.contains("<sup class=\"footnote-reference\"><a href=\"#n\">1</a></sup>"));
    }

    #[test]
    fn sanitized_parts_keep_their_bounds_and_close_what_raw_html_leaves_open() {
        let html = "<div class=\"a\"><p>intro</p>\n<section><p onclick=\"x\">two</p></section>\n<p>end</p></div>\n";
        let start = html.find("<section>").unwrap();
        let end = html.find("<p>end").unwrap();
        let mut cuts = [start, end];
        let out = sanitize_parts(html, &mut cuts, &UrlPolicy::default());
        assert_eq!(&out[cuts[0]..cuts[1]], "<section><p>two</p></section>\n");
        assert!(out[..cuts[0]].ends_with("</div>"), "{out}");
        // Without cuts the whole is sanitized at once, as before.
        let mut none: [usize; 0] = [];
        assert_eq!(
            sanitize_parts(html, &mut none, &UrlPolicy::default()),
            sanitize(html, &UrlPolicy::default())
        );
    }
}
