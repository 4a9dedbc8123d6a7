//! Body sections as data: takes a post-mortem's [`Body`] (read once, with its recognised
//! sections) and gives the action items, causes and impact it states in its body rather than
//! its front matter, as the same [`ActionItem`]s and [`CauseEntry`]s the front matter gives.
//!
//! What holds:
//! - Only sections of the recognised kinds are read: `##` sections; `###` (or deeper)
//!   headings, as wiki exports write them, up to the next heading of their level or above;
//!   and labels, as templates write them (`**Root Causes:** ...`, `Contributing:`), up to the
//!   next label or heading. A part stops where a nested heading or label names another
//!   recognised section, which is read on its own, or a tracker's log (`### Activity`,
//!   `### Comments`: [`crate::format::is_record_heading`]). Headings are recognised as
//!   [`crate::format::SectionMatcher`] recognises them, so the KB's `[sections]` aliases
//!   count.
//! - Action items come from Markdown tables (columns found by header name, any case), HTML
//!   tables (a small reader of `<tr>`, `<th>` and `<td>`, whose text alone is kept; the HTML is
//!   never passed on), and list items (`- [ ]` open, `- [x]` done, `@owner`, ticket keys such as
//!   `PROJ-123` and ticket links, `Owner: ...`, `Due: ...`, `Status: ...` parts).
//! - Causes come from the list items of Root cause(s), Contributing factors and Trigger
//!   sections (a section without a list gives its first sentence as one cause). A trailing
//!   `(Category)` naming a category sets it; else the words of `[cause_words]`; else
//!   [`UNCATEGORIZED`]. Ids are slugged from the text, or taken from a `[[cause:id]]` link.
//! - Every item keeps the body offset of its text (`at`), so diagnostics point into the body.
//! - Each part is read once, in time linear in its size (offsets found by binary search);
//!   nothing panics on any input.

use super::body::{Body, Cell, Link, ListItem, Section, Subheading, Table};
use super::incident::{ActionItem, CauseEntry};
use super::meta::loose_date;
use crate::config::Config;
use crate::format::{ActionKind, ActionStatus, SectionKind, is_valid_id, slugify};
use std::borrow::Cow;
use std::ops::Range;

pub use crate::format::UNCATEGORIZED;

/// The longest id slugged from a cause's text.
const MAX_SLUG: usize = 60;

/// Which fields the front matter leaves to the body.
#[derive(Debug, Clone, Copy, Default)]
pub struct Wanted {
    pub action_items: bool,
    pub causes: bool,
    pub impact: bool,
}

/// What the body's sections state.
#[derive(Debug, Default)]
pub struct FromBody {
    pub action_items: Vec<ActionItem>,
    pub causes: Vec<CauseEntry>,
    pub impact: Option<String>,
    /// What could not be read, as warnings at a body offset: (offset, code, message, help).
    pub problems: Vec<(usize, &'static str, String, String)>,
    /// Whether `causes` is only a five whys' last answer or a sentence of the prose that says
    /// the root cause, which a front matter's `root_cause` outranks.
    pub causes_from_whys: bool,
    /// The ids of `causes`, which are unique.
    cause_ids: std::collections::HashSet<String>,
}

/// A recognised part of the body: a `##` section, the part under a `###` heading, or under
/// a label (`**Root Causes:** ...`).
struct Region<'b> {
    kind: SectionKind,
    section: &'b Section,
    range: Range<usize>,
    /// A label's own text, after the label.
    lead: &'b str,
}

/// Reads what `wanted` asks for from `body` (whose text is `source`).
pub fn read(body: &Body, source: &str, config: &Config, wanted: Wanted) -> FromBody {
    let mut out = FromBody::default();
    if !(wanted.action_items || wanted.causes || wanted.impact) {
        return out;
    }
    let cx = Cx {
        body,
        source,
        config,
        words: std::cell::OnceCell::new(),
        names: std::cell::OnceCell::new(),
    };
    for r in regions(body, source.len()) {
        match r.kind {
            SectionKind::ActionItems if wanted.action_items => cx.actions(&r, &mut out),
            SectionKind::RootCauses if wanted.causes => cx.causes(&r, true, &mut out),
            SectionKind::ContributingFactors if wanted.causes => cx.causes(&r, false, &mut out),
            SectionKind::Impact if wanted.impact && out.impact.is_none() => {
                out.impact = impact(&r);
            }
            _ => {}
        }
    }
    // A write-up whose only analysis is a five whys list: its last answer is the root cause, as
    // the method reads the chain (the deepest why).
    if wanted.causes
        && out.causes.is_empty()
        && let Some((text, at)) = last_why(body, source)
    {
        cx.cause(&text, at, &[], true, &mut out);
        out.causes_from_whys = !out.causes.is_empty();
    }
    // Nor that: a sentence of the prose that says what the root cause was.
    if wanted.causes
        && out.causes.is_empty()
        && let Some((text, at)) = stated_cause(body, source)
    {
        cx.cause(&text, at, &[], true, &mut out);
        out.causes_from_whys = !out.causes.is_empty();
    }
    out
}

/// Where a sentence of `text` ends: at a `.`, `!` or `?` before whitespace or the end, not
/// after an abbreviation (`e.g.`, `i.e.`, `etc.`, `vs.`, `a.m.`). With `names`, as a story
/// tells who did what, not after a title (`Dr.`, `Mr.`, written so) or an initial (`J. Doe`)
/// either; without, `to DR. On-call ...` and `zone B. Engineers ...` are two sentences.
pub(crate) fn sentence_end(text: &str, names: bool) -> Option<usize> {
    const SHORT: &[&str] = &[
        "e.g", "i.e", "etc", "vs", "approx", "incl", "cf", "ca", "no", "a.m", "p.m",
    ];
    const TITLES: &[&str] = &["Mr", "Ms", "Mrs", "Dr", "St"];
    text.char_indices().find_map(|(i, c)| {
        let after = &text[i + c.len_utf8()..];
        if !matches!(c, '.' | '!' | '?') || !after.chars().next().is_none_or(char::is_whitespace) {
            return None;
        }
        let word = text[..i].rsplit([' ', '(']).next().unwrap_or("");
        let short = c == '.'
            && (SHORT.contains(&word.to_lowercase().as_str())
                || (names
                    && (TITLES.contains(&word)
                        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase)))));
        (!short).then_some(i)
    })
}

/// A sentence of the prose that says what the root cause was, where no section names one:
/// blog posts and narratives tell it in `What happened` (`The root cause was that
/// notification-worker retried ...`, `The cause was a bucket policy change made by hand ...`,
/// `Root cause, in one line: the alias-swap step had no sanity check ...`, a chat line's `so
/// root cause: shared default redis + ...`). Its words after the statement, to the sentence's
/// end, and their offset; not in code, a heading or a table, nor a cause said to be unknown.
fn stated_cause(body: &Body, source: &str) -> Option<(String, usize)> {
    const LEADS: &[&str] = &[
        "the root cause was that ",
        "the root cause was ",
        "the root cause is that ",
        "the root cause is ",
        "the underlying cause was ",
        "the cause was that ",
        "the cause was ",
        "root cause, in one line: ",
        "root cause: ",
        "so root cause: ",
        "la causa raíz fue ",
        "la cause racine était ",
        "a causa raiz foi ",
        "die ursache war ",
        "grundorsaken var ",
    ];
    // What is said of the cause rather than what it was (`The root cause was quickly
    // identified`, `was never determined`, `was the subject of a long debate`).
    const NOT_A_CAUSE: &[&str] = &[
        "not",
        "unknown",
        "still",
        "under",
        "unclear",
        "never",
        "quickly",
        "soon",
        "eventually",
        "later",
        "finally",
        "initially",
        "only",
        "also",
        "then",
        "identified",
        "found",
        "determined",
        "fixed",
        "confirmed",
        "traced",
        "isolated",
        "discovered",
        "understood",
        "established",
        "pinpointed",
        "located",
        "resolved",
        "addressed",
        "mitigated",
        "investigated",
        "discussed",
        "debated",
        "narrowed",
        "known",
        "clear",
        "obvious",
    ];
    // The body with its code blanked, byte for byte: where a line starts in code, the two differ.
    let prose = body.prose(source);
    let in_code = |at: usize| prose.as_bytes().get(at) != source.as_bytes().get(at);
    let mut offset = 0;
    let mut lines = source.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let at = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        let start = at + line.len() - trimmed.len();
        if trimmed.starts_with(['#', '|', '>']) || in_code(start) {
            continue;
        }
        let clean = line.trim_end().replace('*', "");
        let lower = clean.to_ascii_lowercase();
        let Some((i, lead)) = LEADS
            .iter()
            .filter_map(|l| lower.find(l).map(|i| (i, l)))
            .min_by_key(|(i, _)| *i)
        else {
            continue;
        };
        // At a sentence's start: the line's, or after a sentence or a speaker's name; not a
        // timeline's entry (`- 10:42: The root cause was identified`).
        let before = clean[..i].trim_end_matches([' ', '_', '-']);
        let entry = before
            .trim_start_matches(['-', '+', ' ', '*'])
            .starts_with(|c: char| c.is_ascii_digit());
        if entry || !(before.is_empty() || before.ends_with(['.', ':', '!', '?', ']'])) {
            continue;
        }
        let mut rest = clean[i + lead.len()..].trim().to_string();
        // A sentence wrapped onto the paragraph's next lines (up to what a cause keeps).
        while sentence_end(&rest, false).is_none()
            && rest.len() < 400
            && let Some(next) = lines.peek()
            && !next.trim().is_empty()
            && !next
                .trim_start()
                .starts_with(['#', '|', '-', '*', '>', '`', '~'])
            && !in_code(offset + next.len() - next.trim_start().len())
        {
            rest.push(' ');
            rest.push_str(next.trim());
            offset += next.len();
            lines.next();
        }
        let sentence = &rest[..sentence_end(&rest, false).unwrap_or(rest.len())];
        // `The cause was twofold: a bad deploy and a missing alert.`: what follows the colon.
        let sentence = match sentence.split_once(": ") {
            Some((head, after)) if !head.contains(' ') => after,
            _ => sentence,
        };
        let sentence = sentence.trim();
        let first_word = (sentence.split(|c: char| !c.is_alphanumeric()))
            .next()
            .unwrap_or("")
            .to_lowercase();
        if sentence.is_empty()
            || NOT_A_CAUSE.contains(&first_word.as_str())
            || sentence.to_lowercase().starts_with("the subject")
        {
            continue;
        }
        let mut chars = sentence.chars();
        let first: String = chars
            .next()
            .into_iter()
            .flat_map(char::to_uppercase)
            .collect();
        return Some((first + chars.as_str(), start));
    }
    None
}

/// The answer of the last why of the body's first Five whys list (`5. **Why could one flag
/// break checkout?** There is no fallback ...`: `There is no fallback ...`), and its offset;
/// the item whole when it asks no question. `source` is the body's text.
fn last_why<'b>(body: &'b Body, source: &str) -> Option<(Cow<'b, str>, usize)> {
    let section = (body.sections.iter()).find(|s| s.kind == Some(SectionKind::FiveWhys))?;
    let last = section.items.iter().rposition(|i| i.depth == 1)?;
    let mut item = &section.items[last];
    let mut text = item.text.trim();
    // `2. Why was there no fallback?`, its answer a sub-item (`- Because nobody designed
    // one.`): the answer is that; a question with no answer gives no cause.
    if text.ends_with('?') {
        item = section.items.get(last + 1).filter(|i| i.depth > 1)?;
        text = item.text.trim();
    }
    let answer = match text.split_once('?') {
        Some((_, after)) if !after.trim().is_empty() => after,
        Some(_) => return None,
        None => text,
    };
    let answer = answer.trim_start_matches([' ', '—', '–', '-', ':', '→']);
    // `Because the project had no independent check ...`: the words after it (and the cause
    // is shown as they are, from their first letter).
    let after_because = ["because ", "porque ", "parce que ", "weil "]
        .iter()
        .find_map(|b| {
            answer
                .get(..b.len())
                .filter(|h| h.eq_ignore_ascii_case(b))
                .map(|_| answer[b.len()..].trim())
        });
    let answer = after_because.unwrap_or(answer).trim();
    // The answer's words as written, after the item's start (its text is without emphasis).
    let head = answer.split_whitespace().next().unwrap_or("");
    let from = match text.contains('?') {
        true => (source.get(item.text_offset..))
            .and_then(|t| t.find('?'))
            .map_or(item.text_offset, |q| item.text_offset + q + 1),
        false => item.text_offset,
    };
    let at = (source.get(from..))
        .and_then(|t| t.find(head))
        .map_or(item.text_offset, |i| from + i);
    if answer.is_empty() {
        return None;
    }
    let answer = match after_because {
        Some(_) => {
            let mut chars = answer.chars();
            let first: String = chars
                .next()
                .map(char::to_uppercase)
                .into_iter()
                .flatten()
                .collect();
            Cow::Owned(first + chars.as_str())
        }
        None => Cow::Borrowed(answer),
    };
    Some((answer, at))
}

/// The recognised regions of the body, in order.
fn regions(body: &Body, len: usize) -> Vec<Region<'_>> {
    let mut out = Vec::new();
    for (i, s) in body.sections.iter().enumerate() {
        let end = body
            .sections
            .get(i + 1)
            .map_or(len, |n| n.heading_offset)
            .max(s.heading_offset);
        let marks = markers(s);
        // A region stops at a nested heading or label that names a recognised section, which
        // is read as a region of its own, or at a heading of a tracker's log (`### Activity`).
        // A subheading of the section's own kind (`### Prevention` under `## Action items`)
        // is part of it: the section reads on past it to its other subheadings
        // (`### Detection`), whose items are its items too.
        let own = |m: &Marker| m.level <= 6 && m.kind.is_some() && m.kind == s.kind;
        let first_kinded = (marks.iter())
            .find(|m| (m.kind.is_some() && !own(m)) || m.record)
            .map(|m| m.offset);
        if let Some(kind) = s.kind {
            let stop = first_kinded.unwrap_or(end).max(s.heading_offset);
            out.push(Region {
                kind,
                section: s,
                range: s.heading_offset..stop,
                lead: "",
            });
        }
        // A marker's part ends at the next marker of its level or above, or the next one with
        // a kind: found from the back, with the nearest later offset of each level.
        let mut next = [end; LABEL_LEVEL + 1];
        let mut next_kinded = end;
        let mut subs = Vec::new();
        for m in marks.iter().rev() {
            let stop = next[3..=m.level].iter().copied().min().unwrap_or(end);
            if let Some(kind) = m.kind.filter(|_| !own(m)) {
                subs.push(Region {
                    kind,
                    section: s,
                    range: m.offset..stop.min(next_kinded).max(m.offset),
                    lead: m.lead,
                });
                next_kinded = m.offset;
            } else if m.record {
                next_kinded = m.offset;
            }
            next[m.level] = m.offset;
        }
        out.extend(subs.into_iter().rev());
    }
    out
}

/// Labels are below every heading: a label's part ends at the next label or heading.
const LABEL_LEVEL: usize = 7;

/// A `###` heading or a label inside a section.
struct Marker<'s> {
    offset: usize,
    /// 3 to 6 for headings, [`LABEL_LEVEL`] for labels.
    level: usize,
    kind: Option<SectionKind>,
    lead: &'s str,
    /// A heading of a tracker's log ([`crate::format::is_record_heading`]): it ends the part
    /// it is in, and starts none.
    record: bool,
}

/// The subheadings and labels of a section, in offset order.
fn markers(s: &Section) -> Vec<Marker<'_>> {
    let heads = s.subheadings.iter().map(|h| Marker {
        offset: h.offset,
        level: usize::from(h.level.clamp(3, 6)),
        kind: h.kind,
        lead: "",
        record: h.kind.is_none() && crate::format::is_record_heading(&h.text),
    });
    let labels = s.labels.iter().map(|l| Marker {
        offset: l.offset,
        level: LABEL_LEVEL,
        kind: l.kind,
        lead: &l.rest,
        record: false,
    });
    let mut all: Vec<Marker> = heads.chain(labels).collect();
    all.sort_by_key(|m| m.offset);
    // A tracker's log is what an export puts last: a `### History` with a `### What broke`
    // after it at its level is a part of the section like any other.
    // (Another log after it, `### Comments` then `### Activity`, keeps it one.)
    let mut highest_after = usize::MAX;
    for m in all.iter_mut().rev() {
        if m.record && highest_after <= m.level {
            m.record = false;
        }
        if m.level < LABEL_LEVEL && !m.record {
            highest_after = highest_after.min(m.level);
        }
    }
    all
}

/// The items of `s` that start in `range` (items are in offset order).
fn items_in<'s>(s: &'s Section, range: &Range<usize>) -> &'s [ListItem] {
    let from = s.items.partition_point(|i| i.offset < range.start);
    let to = s.items.partition_point(|i| i.offset < range.end);
    s.items.get(from..to.max(from)).unwrap_or(&[])
}

/// Which of `items` are the details of a numbered item that lost their indent (a wiki or
/// Google Docs export writes `1. **Migrate the table**`, then its bullets at column 0, then
/// `2. ...`): bullets at depth `top` between numbered items whose numbers run on (`1.`, bullets,
/// `2.`), and, once a list has done so, the bullets after its last numbered item (before the
/// next list, or the end). A bullet list after a numbered list that never runs on is items of
/// its own.
fn unindented_details(items: &[ListItem], top: usize) -> Vec<bool> {
    let mut details = vec![false; items.len()];
    // The last numbered item, and whether its list has run on over bullets.
    let mut last: Option<(usize, u64)> = None;
    let mut runs_on = false;
    for (k, item) in items.iter().enumerate() {
        let Some(n) = item.number.filter(|_| item.depth == top) else {
            continue;
        };
        if let Some((at, m)) = last {
            let continues = n == m.saturating_add(1);
            if continues || runs_on {
                for (d, i) in details[at + 1..k].iter_mut().zip(&items[at + 1..k]) {
                    *d = i.depth == top;
                }
            }
            let bullets = items[at + 1..k].iter().any(|i| i.depth == top);
            runs_on = continues && (runs_on || bullets);
        }
        last = Some((k, n));
    }
    if let (true, Some((at, _))) = (runs_on, last) {
        for (d, i) in details[at + 1..].iter_mut().zip(&items[at + 1..]) {
            *d = i.depth == top;
        }
    }
    details
}

/// The paragraphs of `s` that start in `range` (paragraphs are in offset order).
fn paragraphs_in<'s>(s: &'s Section, range: &Range<usize>) -> &'s [(String, usize)] {
    let from = s.paragraphs.partition_point(|p| p.1 < range.start);
    let to = s.paragraphs.partition_point(|p| p.1 < range.end);
    s.paragraphs.get(from..to.max(from)).unwrap_or(&[])
}

/// The tables of `s` that start in `range` (tables are in offset order).
fn tables_in<'s>(s: &'s Section, range: &Range<usize>) -> &'s [Table] {
    let from = s.tables.partition_point(|t| t.offset < range.start);
    let to = s.tables.partition_point(|t| t.offset < range.end);
    s.tables.get(from..to.max(from)).unwrap_or(&[])
}

/// The links and images that start in `range` (links are in offset order).
fn links_in(body: &Body, range: Range<usize>) -> &[Link] {
    let from = body.links.partition_point(|l| l.offset < range.start);
    let to = body.links.partition_point(|l| l.offset < range.end);
    body.links.get(from..to.max(from)).unwrap_or(&[])
}

/// What every reading of a region needs.
struct Cx<'a> {
    body: &'a Body,
    source: &'a str,
    config: &'a Config,
    /// The config's cause words, stemmed ([`stemmed_words`]), made when a cause first needs
    /// them.
    words: std::cell::OnceCell<Vec<(&'a str, Vec<String>)>>,
    /// The whole names the write-up writes other than as a mention ([`written_names`]), made
    /// when a mention first needs them.
    names: std::cell::OnceCell<std::collections::HashSet<String>>,
}

// ---------------------------------------------------------------------------------------------
// Action items.

/// An action item being read, before it is known to have text.
#[derive(Debug, Default, Clone)]
struct Raw {
    text: String,
    owner: Option<String>,
    kind: Option<ActionKind>,
    status: Option<ActionStatus>,
    due: Option<jiff::civil::Date>,
    completed: Option<jiff::civil::Date>,
    ticket: Option<String>,
    at: usize,
}

/// A template's field left unfilled, as an action item or a cause: `${first item to help
/// make this not happen again}`, `<action>`, `[TODO]`, `**Trigger**: NA`.
fn unfilled(text: &str) -> bool {
    let t = text.trim();
    // `... another item`, as a template's last row leaves it.
    if t.starts_with("...") || t.starts_with('…') {
        return true;
    }
    (t.starts_with("${") && t.ends_with('}'))
        || (t.starts_with('<') && t.ends_with('>'))
        || matches!(
            t.to_lowercase().as_str(),
            "na" | "n/a"
                | "n.a."
                | "none"
                | "nil"
                | "tbd"
                | "tbc"
                | "todo"
                | "[todo]"
                | "..."
                | "-"
                | "—"
                | "?"
        )
}

impl Raw {
    fn finish(mut self) -> Option<ActionItem> {
        if unfilled(&self.text) {
            return None;
        }
        let text = self
            .text
            .trim()
            .trim_end_matches([',', ';', '—', '–'])
            .trim();
        if text.is_empty() {
            return None;
        }
        if self.kind.is_none() {
            self.kind = kind_by_words(text);
        }
        // `@ahmed.siddiqui (in progress)`: the item's status after its owner, more than an
        // unticked box says; `Giulia Fontana (Retail IT)`: a person and their team, the person
        // the owner (so that their follow-ups are on one page).
        let owner = self.owner.take().map(|o| {
            let Some((name, note)) =
                (o.trim_end().strip_suffix(')')).and_then(|x| x.rsplit_once('('))
            else {
                return o;
            };
            let name = name.trim();
            if let Some(st) = status_of(note.trim()) {
                if matches!(self.status, None | Some(ActionStatus::Open)) {
                    self.status = Some(st);
                }
                return name.to_string();
            }
            let words: Vec<&str> = name.split_whitespace().collect();
            let person = (2..=3).contains(&words.len())
                && words.iter().all(|w| w.starts_with(char::is_uppercase));
            if person { name.to_string() } else { o }
        });
        Some(ActionItem {
            text: text.to_string(),
            owner: owner.filter(|o| !o.is_empty()),
            kind: self.kind,
            status: self.status.unwrap_or_default(),
            due: self.due,
            completed: self.completed,
            ticket: self.ticket,
            path: String::new(),
            at: Some(self.at),
        })
    }
}

impl Cx<'_> {
    fn actions(&self, r: &Region, out: &mut FromBody) {
        // Long on purpose: one pass over an action section's blocks (lists, tables, labels, kind
        // headings) sharing the heading state.
        // `**Action item:** Start incidents earlier. Owner: @lucas`: the label's own text is
        // one item, when no list or table follows it.
        let lead = r.lead.trim();
        if !lead.is_empty()
            && items_in(r.section, &r.range).is_empty()
            && tables_in(r.section, &r.range).is_empty()
        {
            out.action_items.extend(text_item(lead, r.range.start));
            return;
        }
        let html = html_tables(self.body, self.source, &r.range);
        for t in tables_in(r.section, &r.range).iter().chain(&html) {
            if Columns::of(&t.header).text.is_none() {
                // A table is how a team lists its actions: one left unread would leave the
                // incident with "no action items" and no word why. One of checks and their
                // results (`| Check | Result |`, after the fix) lists no actions.
                let headers: Vec<&str> = t.header.iter().map(|c| c.text.trim()).collect();
                let verification = headers.iter().any(|h| {
                    let h = h.to_lowercase();
                    [
                        "result", "results", "outcome", "observed", "expected", "verified",
                    ]
                    .contains(&h.trim_matches(['*', '_', ' ']))
                });
                if verification {
                    continue;
                }
                out.problems.push((
                    t.header
                        .first()
                        .map_or(t.offset, |c| text_start(self.source, c.offset)),
                    "action-table",
                    format!(
                        "this action-item table has no column hindsight reads as the action's text (its headers: {}); its rows are not read",
                        headers.join(", ")
                    ),
                    "name the text column `Action`, `Item`, `Task`, `Summary` or `Description`".into(),
                ));
                continue;
            }
            out.action_items.extend(self.table_items(t, r.range.end));
        }
        let items = items_in(r.section, &r.range);
        if items.is_empty() && tables_in(r.section, &r.range).is_empty() {
            out.action_items.extend(self.line_items(r));
            return;
        }
        let top = items.iter().map(|i| i.depth).min().unwrap_or(1);
        let details = unindented_details(items, top);
        let heads: Vec<&Subheading> = (r.section.subheadings.iter())
            .filter(|h| r.range.contains(&h.offset))
            .collect();
        // `- Upgrade safety`, then `- [x] Add a PodDisruptionBudget ...` under it: a label
        // that groups tasks is no item; its tasks are.
        let grouped = |k: usize| {
            let item = &items[k];
            let children: Vec<&ListItem> = (items[k + 1..].iter())
                .take_while(|c| c.depth > item.depth)
                .filter(|c| c.depth == item.depth + 1)
                .collect();
            item.task.is_none()
                && item.text.split_whitespace().count() <= 6
                && !children.is_empty()
                && children.iter().all(|c| c.task.is_some())
        };
        let is_group: Vec<bool> = (0..items.len())
            .map(|k| items[k].depth == top && !details[k] && grouped(k))
            .collect();
        let mut group_depth = None;
        let people = std::cell::OnceCell::new();
        for (k, item) in items.iter().enumerate() {
            if item.depth == top {
                group_depth = is_group[k].then_some(top + 1);
            }
            let grouped_task = group_depth == Some(item.depth) && item.task.is_some();
            if (item.depth != top && !grouped_task) || details[k] || is_group[k] {
                continue;
            }
            let top = item.depth;
            // An item's links end at the next item or heading: a link in the heading after
            // the last item of a list (`### Short-term (In progress - [#39133](...))`) is the
            // heading's.
            let next_head = heads.iter().map(|h| h.offset).find(|&o| o > item.offset);
            let end = (items.get(k + 1).map_or(r.range.end, |n| n.offset))
                .min(next_head.unwrap_or(usize::MAX));
            let links = links_in(self.body, item.offset..end);
            let mut raw = list_item(item, links);
            // `jkim: stop pinning intermediates`, as terse notes assign: a person the notes
            // name elsewhere (`IC: mreyes. Scribe: tolu.`), then a colon.
            if raw.owner.is_none()
                && let Some((who, what)) = raw.text.split_once(':')
                && !what.trim().is_empty()
                && people
                    .get_or_init(|| named_people(self.source))
                    .contains(who.trim())
            {
                raw.owner = Some(who.trim().to_string());
                raw.text = what.trim().to_string();
            }
            // `1. Make the run resumable`, then sub-items `- Owner: Rosa`, `- Ticket:
            // BILL-1201`, `- Status: Done`: the item's fields, as a FireHydrant export writes
            // them.
            for child in items[k + 1..].iter().take_while(|c| c.depth > top) {
                let t = child.text.trim();
                if t.split_once(':').is_some_and(|(key, value)| {
                    let key = normalize(key);
                    !value.trim().is_empty()
                        && [
                            OWNER_HEADERS,
                            DUE_HEADERS,
                            STATUS_HEADERS,
                            TICKET_HEADERS,
                            KIND_HEADERS,
                        ]
                        .iter()
                        .any(|h| header_is(&key, h))
                }) {
                    let mut fields = raw.clone();
                    if inline_part(t, &mut fields) {
                        raw = fields;
                    }
                }
            }
            if raw.status.is_none() {
                // `### Completed`, `### Immediate actions (Completed)`, `**Already done**`:
                // the status of the items under it that give none.
                let head = (heads.iter().rev()).find(|h| h.offset < item.offset);
                let label = (r.section.labels.iter().rev())
                    .find(|l| l.offset < item.offset && r.range.contains(&l.offset))
                    .filter(|l| head.is_none_or(|h| l.offset > h.offset));
                raw.status = match label {
                    Some(l) => heading_status(&l.name),
                    None => head.and_then(|h| heading_status(&h.text)),
                };
            }
            if raw.kind.is_none() {
                // `### Detection`, `### Prevention`: the kind of the items under it that say
                // none.
                raw.kind = (heads.iter().rev())
                    .find(|h| h.offset < item.offset)
                    .filter(|h| h.text.split_whitespace().count() <= 3)
                    .and_then(|h| kind_word(h.text.trim_end_matches(':')));
            }
            // `@raj: add node_exporter`, `@bob revert #4510`: the owner's handle first is no
            // part of the text.
            if let Some(owner) = &raw.owner
                && let Some(rest) = (raw.text.strip_prefix('@'))
                    .and_then(|t| t.strip_prefix(owner.as_str()))
                    .and_then(|t| t.strip_prefix(':').or_else(|| t.strip_prefix(' ')))
                    .filter(|t| !t.trim().is_empty())
            {
                // `@marcus.lee — add a TTL`: the dash after the handle goes with it.
                let rest = rest.trim_start();
                let rest = (rest.strip_prefix(['—', '–', '-']))
                    .filter(|r| r.starts_with(' '))
                    .unwrap_or(rest);
                // `@Dan Moreau change the hook`, as a doc tool writes a mention: the last name
                // too, when the whole name is written elsewhere in the write-up as well (not
                // `@Ana Fix the alert`).
                let names = self.names.get_or_init(|| written_names(self.source));
                let rest = match last_name_after(owner, rest, names) {
                    Some(last) => {
                        raw.owner = Some(format!("{owner} {last}"));
                        rest[last.len()..].trim_start()
                    }
                    None => rest,
                };
                raw.text = rest.trim().to_string();
            }
            // `Owner: @kim` on a line of its own over the list: the owner of its items that
            // name none.
            if raw.owner.is_none() {
                raw.owner = (paragraphs_in(r.section, &r.range).iter().rev())
                    .filter(|(_, at)| *at < item.offset)
                    .find_map(|(text, _)| {
                        let (key, who) = text.trim().split_once(':')?;
                        let who = who.trim().trim_start_matches('@');
                        (!text.contains('\n')
                            && header_is(&normalize(key), OWNER_HEADERS)
                            && !who.is_empty()
                            && who.split_whitespace().count() <= 3)
                            .then(|| who.to_string())
                    });
            }
            out.action_items.extend(raw.finish());
        }
    }

    /// Action items written one per line without a list (`Add a notification in the GUI`,
    /// then `More automated alarms`, each on its own line of one paragraph): a paragraph of
    /// two lines or more that each start with a capital or a digit, as items do; a paragraph
    /// of prose wrapped at a width has lines that go on in lower case, and gives none.
    fn line_items(&self, r: &Region) -> Vec<ActionItem> {
        let mut out = Vec::new();
        for (text, offset) in paragraphs_in(r.section, &r.range) {
            let lines: Vec<&str> = text.lines().map(str::trim).collect();
            // `**Alert on per-partner drops**`, a line of description, then `**Owner:** Kenji`
            // and `**Status:** In progress`, as Jeli's analyses list follow-ups: one item, its
            // title bold, its fields labelled.
            let bold_title = (self.source.get(*offset..))
                .and_then(|src| src.strip_prefix("**"))
                .and_then(|src| src.lines().next())
                .is_some_and(|l| l.trim_end().ends_with("**") && !l.contains(":**"));
            let fields: Vec<&str> = (lines.iter().skip(1).copied())
                .filter(|l| {
                    l.split_once(':').is_some_and(|(key, value)| {
                        let key = normalize(key);
                        !value.trim().is_empty()
                            && [OWNER_HEADERS, DUE_HEADERS, STATUS_HEADERS, TICKET_HEADERS]
                                .iter()
                                .any(|h| header_is(&key, h))
                    })
                })
                .collect();
            if bold_title && !fields.is_empty() {
                let mut raw = Raw {
                    text: lines[0].to_string(),
                    at: text_start(self.source, *offset),
                    ..Raw::default()
                };
                for field in fields {
                    let mut with = raw.clone();
                    if inline_part(field, &mut with) {
                        raw = with;
                    }
                }
                out.extend(raw.finish());
                continue;
            }
            let item_like = |l: &&str| {
                l.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                    && l.chars().count() <= 240
            };
            if lines.len() < 2 || !lines.iter().all(item_like) {
                continue;
            }
            let starts = crate::load::body::line_starts(self.source, *offset, lines.len());
            for (line, at) in lines.iter().zip(starts) {
                out.extend(text_item(line, at));
            }
        }
        out
    }

    /// The rows of an action-item table; none when no column holds the action's text.
    fn table_items(&self, t: &Table, end: usize) -> Vec<ActionItem> {
        let cols = Columns::of(&t.header);
        let Some(text_col) = cols.text else {
            return Vec::new();
        };
        let mut out = Vec::new();
        // The file's order of slashed dates, scanned once, when a due date needs it.
        let day_first = std::cell::OnceCell::new();
        for (n, row) in t.rows.iter().enumerate() {
            let cell = |c: Option<usize>| c.and_then(|c| row.get(c));
            let Some(text) = cell(Some(text_col)) else {
                continue;
            };
            let row_end = t
                .rows
                .get(n + 1)
                .and_then(|r| r.first())
                .map_or(end, |c| c.offset);
            let mut raw = Raw {
                text: text.text.clone(),
                at: text_start(self.source, text.offset),
                ..Raw::default()
            };
            raw.owner = cell(cols.owner).and_then(|c| owner_of(&c.text));
            raw.kind = cell(cols.kind).and_then(|c| kind_word(&c.text));
            raw.status = cell(cols.status).and_then(|c| status_of(&c.text));
            raw.due = cell(cols.due).and_then(|c| {
                loose_date(&c.text).or_else(|| {
                    // `02/04/2024` beside `26/03/2024`: the file's order.
                    let day_first =
                        (*day_first.get_or_init(|| super::meta::day_first_in(self.source)))?;
                    super::meta::slashed_date_in_order(&c.text, day_first)
                })
            });
            if let Some(c) = cell(cols.ticket) {
                let next = row
                    .iter()
                    .map(|x| x.offset)
                    .find(|&o| o > c.offset)
                    .unwrap_or(row_end);
                raw.ticket = ticket_of(&c.text, links_in(self.body, c.offset..next), true);
                if raw.status.is_none() {
                    raw.status = marker(&c.text);
                }
            }
            if raw.ticket.is_none() {
                raw.ticket = ticket_of(&text.text, &[], false);
            }
            if raw.status.is_none() {
                raw.status = marker(&text.text);
            }
            out.extend(raw.finish());
        }
        out
    }
}

/// Where a cell's text starts: past the spaces after `|`, or past an HTML cell's tag.
pub(crate) fn text_start(source: &str, offset: usize) -> usize {
    let Some(rest) = source.get(offset..) else {
        return offset;
    };
    let after_tag = if rest.starts_with('<') {
        rest.find('>').map_or(0, |i| i + 1)
    } else {
        0
    };
    let cell = &rest[after_tag..];
    offset + after_tag + (cell.len() - cell.trim_start().len())
}

/// Which column of an action-item table holds what, by header name.
#[derive(Debug, Default)]
struct Columns {
    text: Option<usize>,
    kind: Option<usize>,
    owner: Option<usize>,
    ticket: Option<usize>,
    status: Option<usize>,
    due: Option<usize>,
}

const TEXT_HEADERS: &[&str] = &[
    "action",
    "action item",
    "action items",
    "item",
    "task",
    "description",
    "what",
    "follow-up",
    "follow up",
    "remediation",
    "todo",
    "to do",
    "corrective action",
    "change",
    "summary",
    "title",
    // German, French, Spanish, Portuguese, Japanese (`[sections]` names their headings).
    "maßnahme",
    "massnahme",
    "maßnahmen",
    "aufgabe",
    "action corrective",
    "tâche",
    "acción",
    "tarea",
    "ação",
    "tarefa",
    "対策",
    "アクション",
    "対応",
    "åtgärd",
    "åtgärder",
    "działanie",
    "azione",
    "azioni",
    "attività",
    "actie",
    "acties",
    "actiepunt",
    "taak",
    "改进项",
    "改进措施",
    "措施",
    "行动项",
    "事项",
    // Russian, Korean, Turkish.
    "задача",
    "действие",
    "мера",
    "항목",
    "조치",
    "조치 사항",
    "aksiyon",
    "görev",
    "eylem",
    "działanie",
    "zadanie",
    "hành động",
    "công việc",
    "tindakan",
    "aksi",
    "tugas",
    // Czech, Arabic.
    "opatření",
    "úkol",
    "akce",
    "الإجراء",
    "الإجراءات",
    "المهمة",
    // Hebrew, Finnish.
    "משימה",
    "פעולה",
    "toimenpide",
    "tehtävä",
    // Ukrainian, Greek, Norwegian.
    "захід",
    "заходи",
    "завдання",
    "дія",
    "ενέργεια",
    "ενέργειες",
    "εργασία",
    "tiltak",
    "oppgave",
    "aksjon",
    // Danish, Romanian, Hungarian.
    "handling",
    "handlinger",
    "opgave",
    "acțiune",
    "actiune",
    "acțiuni",
    "acţiune",
    "acţiuni",
    "actiuni",
    "teendő",
    "intézkedés",
    // Catalan, Slovak, Hindi.
    "acció",
    "accions",
    "tasca",
    "mesura",
    "opatrenie",
    "opatrenia",
    "úloha",
    "akcia",
    "कार्य",
    "कार्रवाई",
    "काम",
];
const KIND_HEADERS: &[&str] = &["type", "kind", "category", "art", "typ", "tipo", "種別"];
const OWNER_HEADERS: &[&str] = &[
    "owner",
    "owners",
    "assignee",
    "assignees",
    "ansvarig",
    "ägare",
    "odpowiedzialny",
    "właściciel",
    "assigned to",
    "who",
    "responsible",
    "dri",
    "verantwortlich",
    "zuständig",
    "responsable",
    "propriétaire",
    "porteur",
    "porteuse",
    "pilote",
    "responsável",
    "担当",
    "担当者",
    "responsabile",
    "referente",
    "eigenaar",
    "verantwoordelijke",
    "负责人",
    "责任人",
    "跟进人",
    "ответственный",
    "исполнитель",
    "담당자",
    "담당",
    "sorumlu",
    "atanan",
    "właściciel",
    "odpowiedzialny",
    "người phụ trách",
    "phụ trách",
    "pic",
    "penanggung jawab",
    "assigned to",
    "vlastník",
    "odpovědná osoba",
    "zodpovídá",
    "řešitel",
    "المسؤول",
    "المالك",
    "אחראי",
    "אחראית",
    "בעלים",
    "vastuuhenkilö",
    "vastuussa",
    "omistaja",
    "відповідальний",
    "відповідальна",
    "виконавець",
    "υπεύθυνος",
    "υπεύθυνη",
    "υπεύθυνοι",
    "ansvarlig",
    "eier",
    "ejer",
    "responsabil",
    "responsabilă",
    "responsabili",
    "felelős",
    "felelősök",
    "responsables",
    "propietari",
    "propietària",
    "zodpovedný",
    "zodpovedná",
    "zodpovedná osoba",
    "riešiteľ",
    "ज़िम्मेदार",
    "जिम्मेदार",
    "उत्तरदायी",
    "प्रभारी",
    "स्वामी",
];
const TICKET_HEADERS: &[&str] = &[
    // Jira's export: `| Key | Summary | Assignee |`.
    "key",
    "bug",
    "ticket",
    "issue",
    "link",
    "tracking",
    "jira",
    "tracker",
    "ref",
    "reference",
    "pr",
];
const STATUS_HEADERS: &[&str] = &[
    "status",
    "state",
    "done",
    "progress",
    "statut",
    "estado",
    "état",
    "状態",
    "状況",
    "進捗",
    "ステータス",
    "situação",
    "stato",
    "stato avanzamento",
    "状态",
    "进度",
    "статус",
    "상태",
    "durum",
    "trạng thái",
    "tình trạng",
    "state",
    "stav",
    "الحالة",
    "סטטוס",
    "מצב",
    "tila",
    "стан",
    "κατάσταση",
    "stare",
    "starea",
    "állapot",
    "státusz",
    "estat",
    "स्थिति",
    "प्रगति",
];
const DUE_HEADERS: &[&str] = &[
    "due",
    "due date",
    "deadline",
    "target",
    "target date",
    "by",
    "eta",
    "when",
    "fällig",
    "frist",
    "termin",
    "échéance",
    "fecha límite",
    "fecha",
    "prazo",
    "期限",
    "termín",
    "تاريخ الاستحقاق",
    "الموعد النهائي",
    "תאריך יעד",
    "יעד",
    "määräaika",
    "eräpäivä",
    "takaraja",
    "термін",
    "строк",
    "дедлайн",
    "προθεσμία",
    "ημερομηνία στόχος",
    "tidsfrist",
    "termen",
    "termen limită",
    "data limită",
    "határidő",
    "termini",
    "data límit",
    "data objectiu",
    "termín splnenia",
    "समय-सीमा",
    "समय सीमा",
    "अंतिम तिथि",
    "नियत तिथि",
    "लक्ष्य तिथि",
];

impl Columns {
    fn of(header: &[Cell]) -> Columns {
        let mut c = Columns::default();
        for (i, cell) in header.iter().enumerate() {
            let h = normalize(&cell.text);
            let slots = [
                (TEXT_HEADERS, &mut c.text),
                (KIND_HEADERS, &mut c.kind),
                (OWNER_HEADERS, &mut c.owner),
                (TICKET_HEADERS, &mut c.ticket),
                (STATUS_HEADERS, &mut c.status),
                (DUE_HEADERS, &mut c.due),
            ];
            if let Some((_, slot)) = slots
                .into_iter()
                .find(|(names, slot)| slot.is_none() && header_is(&h, names))
            {
                *slot = Some(i);
            }
        }
        c
    }
}

/// A header names one of `names`: all of it, or one of its words (`Action Item`, `Jira
/// ticket`, `Due (UTC)`).
fn header_is(h: &str, names: &[&str]) -> bool {
    names.contains(&h) || h.split([' ', '/', '(', ')']).any(|w| names.contains(&w))
}

/// Lowercase, without emphasis marks and a trailing colon.
fn normalize(s: &str) -> String {
    s.trim()
        .trim_matches(['*', '_', '`'])
        .trim_end_matches(':')
        .trim()
        .to_lowercase()
}

/// An owner as a cell gives it: `@dana` is `dana`; `-`, `n/a`, `TBD` and `?` are no one.
fn owner_of(s: &str) -> Option<String> {
    let o = s.trim().trim_start_matches('@').trim();
    let none = [
        "",
        "-",
        "—",
        "n/a",
        "na",
        "none",
        "tbd",
        "?",
        "unassigned",
        "nobody",
        // French, German, Spanish, Portuguese, Japanese.
        "à définir",
        "non assigné",
        "nicht zugewiesen",
        "offen",
        "por asignar",
        "sin asignar",
        "a definir",
        "未定",
        "未割当",
        "da definire",
        "ej tilldelad",
        "nieprzypisane",
        "da assegnare",
        "nog niet toegewezen",
        "niet toegewezen",
        "nog te bepalen",
        "待定",
        "未分配",
        "sense assignar",
        "per assignar",
        "per determinar",
        "nepridelené",
        "neurčené",
        "अनिर्धारित",
        "तय नहीं",
    ];
    // `???`, `??`: a template's question marks are no one.
    let marks = o.chars().all(|c| matches!(c, '?' | '.' | '…'));
    // `_Unassigned — Partnerships to nominate_`: no one yet, with a note.
    let bare = o.trim_matches(['_', '*']).trim();
    let first = bare
        .split([' ', '—', '–', '(', ',', ';'])
        .next()
        .unwrap_or("")
        .to_lowercase();
    let noted =
        bare.len() > first.len() && ["unassigned", "tbd", "nobody"].contains(&first.as_str());
    (!none.contains(&bare.to_lowercase().as_str()) && !marks && !noted).then(|| o.to_string())
}

/// The ticket of a text: a web link of a tracker (or any web link, in a ticket column), else
/// a key such as `PROJ-123`, else (in a ticket column) the text itself when it is one word.
fn ticket_of(text: &str, links: &[Link], column: bool) -> Option<String> {
    let web = |l: &&Link| {
        !l.image && !l.wiki && (l.dest.starts_with("https://") || l.dest.starts_with("http://"))
    };
    let tracker = |l: &&Link| {
        let d = l.dest.to_lowercase();
        [
            "/browse/",
            "/issues/",
            "/pull/",
            "/ticket",
            "jira",
            "linear.app",
            "/tasks/",
            "show_bug.cgi",
            "/bugs/",
            "/merge_requests/",
        ]
        .iter()
        .any(|p| d.contains(p))
            || ticket_key(&l.dest).is_some()
    };
    if let Some(l) = links.iter().filter(web).find(|l| column || tracker(l)) {
        return Some(l.dest.clone());
    }
    if let Some(k) = ticket_key(text).or_else(|| issue_ref(text)) {
        return Some(k.to_string());
    }
    let t = text.trim();
    let one_word = !t.is_empty() && t.len() <= 40 && !t.contains(char::is_whitespace);
    // `**TODO**`, `DONE` in a Reference column: a status, not a ticket.
    let status =
        status_of(t.trim_matches(['*', '_'])).is_some() || unfilled(t.trim_matches(['*', '_']));
    (column && one_word && !status && owner_of(t).is_some()).then(|| t.to_string())
}

/// The first issue reference of a text as GitHub and GitLab write them: `#4821` (two digits
/// or more: `#1` is a rank), `acme/platform#388`.
fn issue_ref(text: &str) -> Option<&str> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | ';' | '[' | ']'))
        .map(|w| w.trim_end_matches(['.', ':']))
        .find(|w| {
            let Some((repo, num)) = w.rsplit_once('#') else {
                return false;
            };
            let repo_ok = repo.is_empty()
                || repo.split_once('/').is_some_and(|(o, r)| {
                    let name = |s: &str| {
                        !s.is_empty()
                            && s.chars()
                                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
                    };
                    name(o) && name(r)
                });
            repo_ok && (2..=7).contains(&num.len()) && num.bytes().all(|b| b.is_ascii_digit())
        })
}

/// The first ticket key of a text: `PROJ-123` (2 to 10 capitals or digits starting with a
/// capital, `-`, 1 to 7 digits), not a severity or a zone offset.
fn ticket_key(text: &str) -> Option<&str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .map(|w| w.trim_matches('-'))
        .find(|w| {
            let Some((key, num)) = w.split_once('-') else {
                return false;
            };
            let shaped = (2..=10).contains(&key.len())
                && key.starts_with(|c: char| c.is_ascii_uppercase())
                && key
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                && (1..=7).contains(&num.len())
                && num.bytes().all(|b| b.is_ascii_digit());
            shaped && !["SEV", "UTC", "GMT", "CVE", "RFC", "ISO"].contains(&key)
        })
}

/// A status that opens an item as a label, and the text after it: in bold (`**Done** —
/// ...`, `**In progress:** ...`) or as a word and a colon (`TODO: ...`, `done: ...`).
fn leading_status(text: &str) -> Option<(ActionStatus, &str)> {
    let (label, rest) = match ["**", "__"].into_iter().find(|m| text.starts_with(m)) {
        Some(mark) => {
            let close = text[2..].find(mark)?;
            (&text[2..2 + close], &text[2 + close + 2..])
        }
        None => {
            let (label, rest) = text.split_once(':')?;
            (label, rest)
        }
    };
    let label = label.trim().trim_end_matches(':').trim();
    // A status is a word or two (`Done`, `In progress`, `Not started`), not a bold title.
    if label.is_empty() || label.split_whitespace().count() > 2 {
        return None;
    }
    let status = exact_status(label)?;
    let rest = rest.trim_start_matches([':', ' ', '—', '–', '-']);
    (!rest.trim().is_empty()).then_some((status, rest))
}

/// Statuses by their words (first words of a cell or a part).
const STATUS_WORDS: &[(&str, ActionStatus)] = &[
    ("done", ActionStatus::Done),
    ("closed", ActionStatus::Done),
    ("fixed", ActionStatus::Done),
    ("complete", ActionStatus::Done),
    ("completed", ActionStatus::Done),
    ("resolved", ActionStatus::Done),
    ("shipped", ActionStatus::Done),
    ("merged", ActionStatus::Done),
    ("finished", ActionStatus::Done),
    ("yes", ActionStatus::Done),
    ("in progress", ActionStatus::InProgress),
    ("wip", ActionStatus::InProgress),
    ("ongoing", ActionStatus::InProgress),
    ("started", ActionStatus::InProgress),
    ("in review", ActionStatus::InProgress),
    ("doing", ActionStatus::InProgress),
    ("underway", ActionStatus::InProgress),
    ("open", ActionStatus::Open),
    ("todo", ActionStatus::Open),
    ("to do", ActionStatus::Open),
    ("not started", ActionStatus::Open),
    ("planned", ActionStatus::Open),
    ("backlog", ActionStatus::Open),
    // GitLab's and Jira's workflow states (`~"workflow::ready for development"`).
    ("ready", ActionStatus::Open),
    ("ready for review", ActionStatus::InProgress),
    ("in backlog", ActionStatus::Open),
    ("new", ActionStatus::Open),
    ("pending", ActionStatus::Open),
    // incident.io's follow-ups.
    ("outstanding", ActionStatus::Open),
    ("not doing", ActionStatus::WontDo),
    ("no", ActionStatus::Open),
    ("wont do", ActionStatus::WontDo),
    ("won t do", ActionStatus::WontDo),
    ("wont fix", ActionStatus::WontDo),
    ("wontfix", ActionStatus::WontDo),
    ("wontdo", ActionStatus::WontDo),
    ("cancelled", ActionStatus::WontDo),
    ("canceled", ActionStatus::WontDo),
    ("dropped", ActionStatus::WontDo),
    ("declined", ActionStatus::WontDo),
    ("verworfen", ActionStatus::WontDo),
    ("abandonné", ActionStatus::WontDo),
    ("abandonnée", ActionStatus::WontDo),
    ("abgelehnt", ActionStatus::WontDo),
    ("descartado", ActionStatus::WontDo),
    ("cancelado", ActionStatus::WontDo),
    ("cancelada", ActionStatus::WontDo),
    ("descartada", ActionStatus::WontDo),
    ("rechazado", ActionStatus::WontDo),
    ("見送り", ActionStatus::WontDo),
    ("却下", ActionStatus::WontDo),
    ("rejected", ActionStatus::WontDo),
    // A security review's decision not to act on a finding.
    ("risk accepted", ActionStatus::WontDo),
    ("accepted risk", ActionStatus::WontDo),
    ("parked", ActionStatus::WontDo),
    // German, French, Spanish, Portuguese, Japanese.
    ("erledigt", ActionStatus::Done),
    ("abgeschlossen", ActionStatus::Done),
    ("fertig", ActionStatus::Done),
    ("in arbeit", ActionStatus::InProgress),
    ("in bearbeitung", ActionStatus::InProgress),
    ("offen", ActionStatus::Open),
    ("geplant", ActionStatus::Open),
    ("terminé", ActionStatus::Done),
    ("termine", ActionStatus::Done),
    ("fait", ActionStatus::Done),
    ("en cours", ActionStatus::InProgress),
    ("à faire", ActionStatus::Open),
    ("a faire", ActionStatus::Open),
    ("ouvert", ActionStatus::Open),
    ("hecho", ActionStatus::Done),
    ("completado", ActionStatus::Done),
    ("en progreso", ActionStatus::InProgress),
    ("pendiente", ActionStatus::Open),
    ("concluído", ActionStatus::Done),
    ("concluída", ActionStatus::Done),
    ("concluida", ActionStatus::Done),
    ("completada", ActionStatus::Done),
    ("finalizado", ActionStatus::Done),
    ("finalizada", ActionStatus::Done),
    ("en curso", ActionStatus::InProgress),
    ("em curso", ActionStatus::InProgress),
    ("a fazer", ActionStatus::Open),
    ("concluido", ActionStatus::Done),
    ("feito", ActionStatus::Done),
    ("em andamento", ActionStatus::InProgress),
    ("em progresso", ActionStatus::InProgress),
    ("pendente", ActionStatus::Open),
    ("完了", ActionStatus::Done),
    ("対応済み", ActionStatus::Done),
    ("対応済", ActionStatus::Done),
    ("対応中", ActionStatus::InProgress),
    ("進行中", ActionStatus::InProgress),
    ("未着手", ActionStatus::Open),
    ("未対応", ActionStatus::Open),
    ("already done", ActionStatus::Done),
    ("pr in review", ActionStatus::InProgress),
    ("estimated completion", ActionStatus::InProgress),
    // Swedish, Polish.
    ("klar", ActionStatus::Done),
    ("klart", ActionStatus::Done),
    ("pågår", ActionStatus::InProgress),
    ("ej påbörjad", ActionStatus::Open),
    ("ej påbörjat", ActionStatus::Open),
    ("planerad", ActionStatus::Open),
    ("kommer inte att göras", ActionStatus::WontDo),
    ("görs inte", ActionStatus::WontDo),
    ("nie będzie realizowane", ActionStatus::WontDo),
    ("zrobione", ActionStatus::Done),
    ("zakończone", ActionStatus::Done),
    ("w toku", ActionStatus::InProgress),
    ("w trakcie", ActionStatus::InProgress),
    ("do zrobienia", ActionStatus::Open),
    ("otwarte", ActionStatus::Open),
    // Italian, Dutch, Chinese.
    ("completata", ActionStatus::Done),
    ("completato", ActionStatus::Done),
    ("fatto", ActionStatus::Done),
    ("chiusa", ActionStatus::Done),
    ("in corso", ActionStatus::InProgress),
    ("da avviare", ActionStatus::Open),
    ("da fare", ActionStatus::Open),
    ("aperta", ActionStatus::Open),
    ("pianificata", ActionStatus::Open),
    ("gereed", ActionStatus::Done),
    ("afgerond", ActionStatus::Done),
    ("klaar", ActionStatus::Done),
    ("loopt", ActionStatus::InProgress),
    ("in uitvoering", ActionStatus::InProgress),
    ("bezig", ActionStatus::InProgress),
    ("gepland", ActionStatus::Open),
    ("已完成", ActionStatus::Done),
    ("完成", ActionStatus::Done),
    ("进行中", ActionStatus::InProgress),
    ("处理中", ActionStatus::InProgress),
    ("未开始", ActionStatus::Open),
    ("待开始", ActionStatus::Open),
    // Russian, Korean, Turkish.
    ("сделано", ActionStatus::Done),
    ("выполнено", ActionStatus::Done),
    ("готово", ActionStatus::Done),
    ("в работе", ActionStatus::InProgress),
    ("в процессе", ActionStatus::InProgress),
    ("запланировано", ActionStatus::Open),
    ("открыто", ActionStatus::Open),
    ("완료", ActionStatus::Done),
    ("진행 중", ActionStatus::InProgress),
    ("진행중", ActionStatus::InProgress),
    ("예정", ActionStatus::Open),
    ("대기", ActionStatus::Open),
    ("tamamlandı", ActionStatus::Done),
    ("devam ediyor", ActionStatus::InProgress),
    ("açık", ActionStatus::Open),
    ("planlandı", ActionStatus::Open),
    // ServiceNow's task states.
    ("work in progress", ActionStatus::InProgress),
    ("closed skipped", ActionStatus::WontDo),
    ("closed incomplete", ActionStatus::WontDo),
    // Polish, Vietnamese, Indonesian.
    ("odrzucone", ActionStatus::WontDo),
    ("anulowane", ActionStatus::WontDo),
    ("hoàn thành", ActionStatus::Done),
    ("đã hoàn thành", ActionStatus::Done),
    ("xong", ActionStatus::Done),
    ("đang thực hiện", ActionStatus::InProgress),
    ("đang làm", ActionStatus::InProgress),
    ("chưa bắt đầu", ActionStatus::Open),
    ("chưa làm", ActionStatus::Open),
    ("hủy", ActionStatus::WontDo),
    ("đã hủy", ActionStatus::WontDo),
    ("selesai", ActionStatus::Done),
    ("sedang dikerjakan", ActionStatus::InProgress),
    ("dalam proses", ActionStatus::InProgress),
    ("dalam pengerjaan", ActionStatus::InProgress),
    ("belum dimulai", ActionStatus::Open),
    ("dibatalkan", ActionStatus::WontDo),
    // Czech, Arabic (with and without the marks of its vowels: `لن يُنفَّذ`, `لن ينفذ`).
    ("hotovo", ActionStatus::Done),
    ("dokončeno", ActionStatus::Done),
    ("splněno", ActionStatus::Done),
    ("probíhá", ActionStatus::InProgress),
    ("v řešení", ActionStatus::InProgress),
    ("rozpracováno", ActionStatus::InProgress),
    ("otevřeno", ActionStatus::Open),
    ("nezahájeno", ActionStatus::Open),
    ("naplánováno", ActionStatus::Open),
    ("nebude řešeno", ActionStatus::WontDo),
    ("zamítnuto", ActionStatus::WontDo),
    ("zrušeno", ActionStatus::WontDo),
    ("مكتمل", ActionStatus::Done),
    ("مكتملة", ActionStatus::Done),
    ("منجز", ActionStatus::Done),
    ("تم التنفيذ", ActionStatus::Done),
    ("قيد التنفيذ", ActionStatus::InProgress),
    ("جار التنفيذ", ActionStatus::InProgress),
    ("جاري التنفيذ", ActionStatus::InProgress),
    ("مفتوح", ActionStatus::Open),
    ("مفتوحة", ActionStatus::Open),
    ("لم يبدأ", ActionStatus::Open),
    ("لن يُنفَّذ", ActionStatus::WontDo),
    ("لن ينفذ", ActionStatus::WontDo),
    ("ملغى", ActionStatus::WontDo),
    ("ملغي", ActionStatus::WontDo),
    // Hebrew, Finnish.
    ("הושלם", ActionStatus::Done),
    ("הושלמה", ActionStatus::Done),
    ("בוצע", ActionStatus::Done),
    ("בביצוע", ActionStatus::InProgress),
    ("בטיפול", ActionStatus::InProgress),
    ("בעבודה", ActionStatus::InProgress),
    ("פתוח", ActionStatus::Open),
    ("פתוחה", ActionStatus::Open),
    ("טרם התחיל", ActionStatus::Open),
    ("לא יבוצע", ActionStatus::WontDo),
    ("בוטל", ActionStatus::WontDo),
    ("בוטלה", ActionStatus::WontDo),
    ("valmis", ActionStatus::Done),
    ("tehty", ActionStatus::Done),
    ("työn alla", ActionStatus::InProgress),
    ("käynnissä", ActionStatus::InProgress),
    ("kesken", ActionStatus::InProgress),
    ("avoin", ActionStatus::Open),
    ("aloittamatta", ActionStatus::Open),
    ("ei aloitettu", ActionStatus::Open),
    ("ei tehdä", ActionStatus::WontDo),
    ("hylätty", ActionStatus::WontDo),
    ("peruttu", ActionStatus::WontDo),
    // Ukrainian, Greek (with and without the stress marks: `Ολοκληρώθηκε`, `ΟΛΟΚΛΗΡΩΘΗΚΕ` as
    // capitals write it), Norwegian.
    ("виконано", ActionStatus::Done),
    ("зроблено", ActionStatus::Done),
    ("в роботі", ActionStatus::InProgress),
    ("у роботі", ActionStatus::InProgress),
    ("в процесі", ActionStatus::InProgress),
    ("у процесі", ActionStatus::InProgress),
    ("не розпочато", ActionStatus::Open),
    ("заплановано", ActionStatus::Open),
    ("відкрито", ActionStatus::Open),
    ("відхилено", ActionStatus::WontDo),
    ("скасовано", ActionStatus::WontDo),
    ("не буде виконано", ActionStatus::WontDo),
    ("ολοκληρώθηκε", ActionStatus::Done),
    ("ολοκληρωθηκε", ActionStatus::Done),
    ("ολοκληρωμένο", ActionStatus::Done),
    ("σε εξέλιξη", ActionStatus::InProgress),
    ("σε εξελιξη", ActionStatus::InProgress),
    ("ανοιχτό", ActionStatus::Open),
    ("ανοιχτο", ActionStatus::Open),
    ("ανοικτό", ActionStatus::Open),
    ("δεν ξεκίνησε", ActionStatus::Open),
    ("προγραμματισμένο", ActionStatus::Open),
    ("δεν θα γίνει", ActionStatus::WontDo),
    ("δε θα γίνει", ActionStatus::WontDo),
    ("απορρίφθηκε", ActionStatus::WontDo),
    ("ακυρώθηκε", ActionStatus::WontDo),
    ("fullført", ActionStatus::Done),
    ("ferdig", ActionStatus::Done),
    ("utført", ActionStatus::Done),
    ("under arbeid", ActionStatus::InProgress),
    ("ikke startet", ActionStatus::Open),
    ("ikke påbegynt", ActionStatus::Open),
    ("planlagt", ActionStatus::Open),
    ("åpen", ActionStatus::Open),
    ("forkastet", ActionStatus::WontDo),
    ("avvist", ActionStatus::WontDo),
    ("avbrutt", ActionStatus::WontDo),
    // Danish, Romanian (with and without its diacritics), Hungarian.
    ("færdig", ActionStatus::Done),
    ("udført", ActionStatus::Done),
    ("afsluttet", ActionStatus::Done),
    ("i gang", ActionStatus::InProgress),
    ("igangværende", ActionStatus::InProgress),
    ("ikke påbegyndt", ActionStatus::Open),
    ("åben", ActionStatus::Open),
    ("droppet", ActionStatus::WontDo),
    ("afvist", ActionStatus::WontDo),
    ("annulleret", ActionStatus::WontDo),
    ("fravalgt", ActionStatus::WontDo),
    ("finalizat", ActionStatus::Done),
    ("finalizată", ActionStatus::Done),
    ("finalizata", ActionStatus::Done),
    ("realizat", ActionStatus::Done),
    ("rezolvat", ActionStatus::Done),
    ("în lucru", ActionStatus::InProgress),
    ("in lucru", ActionStatus::InProgress),
    ("în curs", ActionStatus::InProgress),
    ("în desfășurare", ActionStatus::InProgress),
    ("în desfăşurare", ActionStatus::InProgress),
    ("in desfasurare", ActionStatus::InProgress),
    ("în progres", ActionStatus::InProgress),
    ("deschis", ActionStatus::Open),
    ("deschisă", ActionStatus::Open),
    ("neînceput", ActionStatus::Open),
    ("neinceput", ActionStatus::Open),
    ("planificat", ActionStatus::Open),
    ("anulat", ActionStatus::WontDo),
    ("anulată", ActionStatus::WontDo),
    ("respins", ActionStatus::WontDo),
    ("abandonat", ActionStatus::WontDo),
    ("kész", ActionStatus::Done),
    ("elkészült", ActionStatus::Done),
    ("befejezve", ActionStatus::Done),
    ("teljesítve", ActionStatus::Done),
    ("folyamatban", ActionStatus::InProgress),
    ("nyitott", ActionStatus::Open),
    ("nincs elkezdve", ActionStatus::Open),
    ("tervezett", ActionStatus::Open),
    ("elvetve", ActionStatus::WontDo),
    ("elutasítva", ActionStatus::WontDo),
    ("törölve", ActionStatus::WontDo),
    // Catalan, Slovak, Hindi (with and without the dot of its nasal: `लंबित`, `लम्बित`).
    ("fet", ActionStatus::Done),
    ("feta", ActionStatus::Done),
    ("completat", ActionStatus::Done),
    ("finalitzat", ActionStatus::Done),
    ("finalitzada", ActionStatus::Done),
    ("acabat", ActionStatus::Done),
    ("tancat", ActionStatus::Done),
    ("tancada", ActionStatus::Done),
    ("en curs", ActionStatus::InProgress),
    ("en procés", ActionStatus::InProgress),
    ("en marxa", ActionStatus::InProgress),
    ("pendent", ActionStatus::Open),
    ("obert", ActionStatus::Open),
    ("oberta", ActionStatus::Open),
    ("per fer", ActionStatus::Open),
    ("no iniciat", ActionStatus::Open),
    ("no començat", ActionStatus::Open),
    ("planificada", ActionStatus::Open),
    ("descartat", ActionStatus::WontDo),
    ("cancel·lat", ActionStatus::WontDo),
    ("cancel·lada", ActionStatus::WontDo),
    ("rebutjat", ActionStatus::WontDo),
    ("rebutjada", ActionStatus::WontDo),
    ("no es farà", ActionStatus::WontDo),
    ("hotové", ActionStatus::Done),
    ("dokončené", ActionStatus::Done),
    ("splnené", ActionStatus::Done),
    ("vyriešené", ActionStatus::Done),
    ("uzavreté", ActionStatus::Done),
    ("prebieha", ActionStatus::InProgress),
    ("v riešení", ActionStatus::InProgress),
    ("rieši sa", ActionStatus::InProgress),
    ("rozpracované", ActionStatus::InProgress),
    ("otvorené", ActionStatus::Open),
    ("nezačaté", ActionStatus::Open),
    ("naplánované", ActionStatus::Open),
    ("plánované", ActionStatus::Open),
    ("zamietnuté", ActionStatus::WontDo),
    ("zrušené", ActionStatus::WontDo),
    ("nebude sa riešiť", ActionStatus::WontDo),
    ("nebude realizované", ActionStatus::WontDo),
    ("पूर्ण", ActionStatus::Done),
    ("पूरा", ActionStatus::Done),
    ("पूरा हुआ", ActionStatus::Done),
    ("हो गया", ActionStatus::Done),
    ("संपन्न", ActionStatus::Done),
    ("सम्पन्न", ActionStatus::Done),
    ("प्रगति पर", ActionStatus::InProgress),
    ("प्रगति में", ActionStatus::InProgress),
    ("जारी", ActionStatus::InProgress),
    ("चल रहा है", ActionStatus::InProgress),
    ("खुला", ActionStatus::Open),
    ("लंबित", ActionStatus::Open),
    ("लम्बित", ActionStatus::Open),
    ("शुरू नहीं हुआ", ActionStatus::Open),
    ("नियोजित", ActionStatus::Open),
    ("रद्द", ActionStatus::WontDo),
    ("अस्वीकृत", ActionStatus::WontDo),
    ("नहीं करेंगे", ActionStatus::WontDo),
    ("नहीं किया जाएगा", ActionStatus::WontDo),
];

/// A status as hindsight names it (`in-progress`, `wont-do`) or as another tool writes it
/// (`todo`, `WIP`, `Closed Complete`, `Hoàn thành`): for a front matter's `status:`.
pub(crate) fn written_status(s: &str) -> Option<ActionStatus> {
    ActionStatus::parse(s.trim()).or_else(|| status_of(s))
}

/// A status written alone (`Done`, `in progress`, `en cours`): all the words of `s` are it.
fn exact_status(s: &str) -> Option<ActionStatus> {
    // `won't do` and `won’t do` as [`status_of`] reads them.
    let lower = normalize(s).replace(['_', '-', '’'], " ").replace('\'', "");
    (STATUS_WORDS.iter())
        .find(|(w, _)| *w == lower.trim())
        .map(|(_, st)| *st)
}

/// A status said of the item (`not doing this`, `dropped for now`), or written alone.
fn said_status(s: &str) -> Option<ActionStatus> {
    let s = s.trim();
    let s = [" this", " it", " for now"]
        .iter()
        .find_map(|w| s.strip_suffix(w))
        .unwrap_or(s);
    exact_status(s)
}

/// A status as a cell or a `Status:` part writes it, by its first words.
fn status_of(s: &str) -> Option<ActionStatus> {
    let t = normalize(s).replace(['_', '-', '’'], " ").replace('\'', "");
    let t = t.trim_start_matches(|c: char| !c.is_alphanumeric());
    if t.is_empty() {
        // A status written as a sign alone, as a wiki's table keeps it: `🚧` under way, `🚫`
        // not to be done, `❌` and `⛔` not done (in a `Done` column, or blocked).
        let signs = s.trim();
        if signs.contains(['🚧', '⏳', '🔄']) {
            return Some(ActionStatus::InProgress);
        }
        if signs.contains('🚫') {
            return Some(ActionStatus::WontDo);
        }
        if signs.contains(['❌', '⛔']) {
            return Some(ActionStatus::Open);
        }
        return marker(s);
    }
    STATUS_WORDS
        .iter()
        .filter(|(w, _)| {
            t.strip_prefix(w)
                .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()))
        })
        .max_by_key(|(w, _)| w.len())
        .map(|(_, st)| *st)
        .or_else(|| marker(s))
}

/// A done mark in running text: a check mark, `DONE` in capitals, or `(done ...)`.
fn marker(s: &str) -> Option<ActionStatus> {
    let check = s.contains(['✅', '✔', '☑']);
    let caps = s
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "DONE" || w == "FIXED" || w == "CLOSED");
    let paren = s.to_lowercase().contains("(done");
    if check || caps || paren {
        return Some(ActionStatus::Done);
    }
    // `INFRA-4412 **IN PROGRESS**`, `INFRA-1187 **STARTED**`, `INFRA-1201 **TODO**`, in a bug
    // column, as the Google SRE and Kubernetes templates' tables are kept.
    // In bold, or the last word (a cell's text is without its emphasis): `Block merging of
    // WIP merge requests` and `Removed the TODO stubs` are words of the item.
    let last = s.trim_end_matches(|c: char| !c.is_alphanumeric());
    let bold = |w: &str| {
        s.contains(&format!("**{w}**"))
            || s.contains(&format!("__{w}__"))
            // `INFRA-1187 STARTED`: after a ticket key, as a bug column's cell keeps it.
            || last.strip_suffix(w).is_some_and(|before| {
                before.ends_with(' ')
                    && ticket_key(before).is_some_and(|k| before.trim_end().ends_with(k))
            })
    };
    if s.contains("IN PROGRESS") || bold("STARTED") || bold("WIP") {
        return Some(ActionStatus::InProgress);
    }
    bold("TODO").then_some(ActionStatus::Open)
}

/// A kind as a type column writes it.
fn kind_word(s: &str) -> Option<ActionKind> {
    let t = normalize(s);
    ActionKind::parse(&t).or(match t.as_str() {
        "prevention" | "preventive" | "preventative" | "fix" | "repair" => {
            Some(ActionKind::Prevent)
        }
        "detection" | "detective" | "monitoring" | "monitor" | "alerting" | "alert"
        | "observability" => Some(ActionKind::Detect),
        "mitigation" | "mitigative" | "resilience" | "recovery" | "response" => {
            Some(ActionKind::Mitigate)
        }
        "documentation" | "docs" | "communication" | "training" | "policy" => {
            Some(ActionKind::Process)
        }
        _ => kind_by_words(&t),
    })
}

/// The kind an item's words say, in this order: detecting, mitigating, preventing, process.
fn kind_by_words(text: &str) -> Option<ActionKind> {
    // Long on purpose: word lists for each kind of action, data more than logic.
    const KINDS: &[(ActionKind, &[&str])] = &[
        (
            ActionKind::Detect,
            &[
                "alert",
                "alerts",
                "alerting",
                "monitor",
                "monitoring",
                "dashboard",
                "detect",
                "detection",
                "paging",
                "alarm",
                "probe",
                "metric",
                "metrics",
            ],
        ),
        (
            ActionKind::Mitigate,
            &[
                "mitigate",
                "mitigation",
                "fallback",
                "failover",
                "rollback",
                "backoff",
                "circuit",
                "kill-switch",
                "degrade",
                "cache",
                "isolation",
                "budget",
            ],
        ),
        (
            ActionKind::Prevent,
            &[
                "prevent",
                "prevention",
                "lint",
                "linter",
                "linting",
                "test",
                "tests",
                "testing",
                "validate",
                "validation",
                "codeowners",
                "staged",
                "guard",
                "check",
            ],
        ),
        (
            ActionKind::Process,
            &[
                "process",
                "checklist",
                "runbook",
                "training",
                "template",
                "handover",
                "document",
                "documentation",
                "calendar",
                "review",
            ],
        ),
    ];
    let kind_of = |w: &str| {
        let singular = w.strip_suffix('s').unwrap_or(w);
        (KINDS.iter())
            .find(|(_, ws)| ws.contains(&w) || ws.contains(&singular))
            .map(|(k, _)| *k)
    };
    let lower = text.to_lowercase();
    let words = |s: &str| -> Vec<ActionKind> {
        let tokens: Vec<&str> = (s.split(|c: char| !(c.is_alphanumeric() || c == '-')))
            .filter(|w| !w.is_empty())
            .collect();
        (tokens.iter().enumerate())
            .filter(|&(i, w)| !os_process(&tokens, i, w))
            .filter_map(|(_, w)| kind_of(w))
            .collect()
    };
    // `Rollback procedure documentation: write runbooks for ...`: a title's last word of a
    // kind names what it is (English puts the head of a compound last); else the text's
    // first such word (`Add an alert when the failover starts`).
    if let Some((title, _)) = lower.split_once(':')
        && title.split_whitespace().count() <= 6
        && let Some(kind) = words(title).last()
    {
        return Some(*kind);
    }
    words(&lower).first().copied()
}

/// Whether `process` at `i` is a program running (`crash the process`, `the worker process
/// exits`), not a way of working.
fn os_process(tokens: &[&str], i: usize, w: &str) -> bool {
    const BEFORE: [&str; 14] = [
        "crash",
        "kill",
        "killing",
        "restart",
        "restarting",
        "spawn",
        "fork",
        "terminate",
        "child",
        "parent",
        "worker",
        "daemon",
        "zombie",
        "server",
    ];
    const AFTER: [&str; 8] = [
        "exits", "exit", "crashes", "crashed", "id", "memory", "restarts", "dies",
    ];
    if !matches!(w, "process" | "processes") {
        return false;
    }
    let before =
        (tokens[..i].iter().rev()).find(|t| !matches!(**t, "the" | "a" | "its" | "each" | "every"));
    before.is_some_and(|b| BEFORE.contains(b))
        || tokens.get(i + 1).is_some_and(|a| AFTER.contains(a))
}

/// The status an item written as a sentence of the team's says by its tense: `We have
/// restored ...`, `We've added ...` (done) and `We are moving ...`, `We're adding ...` (in
/// progress); `We will ...`, `We are going to ...` and anything else say nothing.
fn told_by_tense(text: &str) -> Option<ActionStatus> {
    let lower = text.trim_start_matches(['*', '_', ' ']).to_lowercase();
    // The words after `We have` or `We are` (and an `already`).
    let after = |leads: &[&str]| {
        (leads.iter().find_map(|l| lower.strip_prefix(l)))
            .map(|r| r.strip_prefix("already ").unwrap_or(r))
    };
    // `We have decided to migrate ...`, `We are planning to add ...`, `We are considering a
    // second region`: an intention or a deliberation, no step taken (`We're still reviewing`:
    // not begun either).
    const INTENDING: [&str; 12] = [
        "going",
        "nothing",
        "planning",
        "hoping",
        "aiming",
        "looking",
        "considering",
        "evaluating",
        "exploring",
        "discussing",
        "thinking",
        "still",
    ];
    if let Some(rest) = after(&["we have ", "we've "]) {
        let intends = rest.split_whitespace().nth(1) == Some("to");
        return (!intends && told_as_done(rest)).then_some(ActionStatus::Done);
    }
    let verb = after(&["we are ", "we're "])?.split_whitespace().next()?;
    (verb.ends_with("ing") && verb.len() > 4 && !INTENDING.contains(&verb))
        .then_some(ActionStatus::InProgress)
}

/// Whether an item starts with a verb in the past tense (`Added`, `Re-pinned`, `Ran`,
/// `**Stopped the bleeding**`): a step that was taken, not one to take.
fn told_as_done(text: &str) -> bool {
    const IRREGULAR: [&str; 24] = [
        "ran", "took", "made", "wrote", "built", "sent", "got", "kept", "found", "gave", "rebuilt",
        "rewrote", "reran", "began", "brought", "chose", "did", "drew", "held", "left", "paid",
        "spent", "told", "upgraded",
    ];
    // Imperatives and other words that end in `ed`.
    const NOT_PAST: [&str; 16] = [
        "need", "feed", "seed", "speed", "embed", "shed", "proceed", "exceed", "succeed", "heed",
        "bleed", "breed", "red", "bed", "shred", "based",
    ];
    // Participles that also head a noun phrase (`Improved runbooks for ...`, `Staged rollouts
    // for WAF rules`, `Automated failover tests`): past only before `the`, `our`, `to`...
    const ADJECTIVAL: [&str; 22] = [
        "improved",
        "automated",
        "staged",
        "dedicated",
        "updated",
        "enhanced",
        "expanded",
        "increased",
        "reduced",
        "centralized",
        "centralised",
        "standardized",
        "standardised",
        "simplified",
        "unified",
        "detailed",
        "extended",
        "scheduled",
        "structured",
        "shared",
        "planned",
        "proposed",
    ];
    const DETERMINERS: [&str; 22] = [
        "the", "a", "an", "our", "its", "their", "all", "both", "each", "every", "this", "that",
        "these", "those", "to", "it", "them", "up", "out", "back", "off", "in",
    ];
    let mut words = text
        .trim_start_matches(['*', '_', '`', ' '])
        .split(|c: char| !(c.is_alphabetic() || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase);
    let first = words.next().unwrap_or_default();
    let word = first.strip_prefix("re-").unwrap_or(&first);
    if word.len() < 3 || NOT_PAST.contains(&word) {
        return false;
    }
    if ADJECTIVAL.contains(&word) {
        return words
            .next()
            .is_some_and(|w| DETERMINERS.contains(&w.as_str()));
    }
    IRREGULAR.contains(&word) || word.ends_with("ed")
}

/// Separators between the parts of an inline item (`text — Owner: X — Due: Y`).
/// What separates an item's parts (a Japanese item's fields after an ideographic space too:
/// see [`split_parts`]).
const PARTS: &[&str] = &[" — ", " – ", " | ", " -- ", " · ", " • "];

/// An action item written as a list item.
/// The status a heading over action items gives them: a heading that is a status
/// (`Completed`, `In progress`, `Won't do`, at most two words) or that ends with one in
/// parentheses (`Immediate actions (Completed)`, `Short-term (In progress - #39133)`).
fn heading_status(heading: &str) -> Option<ActionStatus> {
    let t = heading.trim().trim_end_matches([':', '.']).trim_end();
    if let Some(inner) = t
        .strip_suffix(')')
        .and_then(|x| x.rfind('(').map(|i| &x[i + 1..]))
    {
        return status_of(inner);
    }
    (t.split_whitespace().count() <= 2)
        .then(|| status_of(t))
        .flatten()
}

/// An action item written as text at `at` rather than as a list item (a label's paragraph,
/// a line of one), read as a list item with that text would be.
fn text_item(text: &str, at: usize) -> Option<ActionItem> {
    let item = ListItem {
        text: text.to_string(),
        offset: at,
        text_offset: at,
        depth: 1,
        task: None,
        number: None,
    };
    list_item(&item, &[]).finish()
}

fn list_item(item: &ListItem, links: &[Link]) -> Raw {
    // Long on purpose: an inline action item's parts (label, owner, ticket, status, priority, mark)
    // read in order from one text.
    let mut raw = Raw {
        at: item.text_offset,
        status: item.task.map(|done| {
            if done {
                ActionStatus::Done
            } else {
                ActionStatus::Open
            }
        }),
        ..Raw::default()
    };
    // `- [/] ...` in progress and `- [-] ...` cancelled, as Obsidian's Tasks plugin and
    // Logseq write them (Markdown's task lists know only `[ ]` and `[x]`).
    let mut text = item.text.as_str();
    if item.task.is_none()
        && let Some((mark, rest)) = [
            ("[/] ", ActionStatus::InProgress),
            ("[-] ", ActionStatus::WontDo),
        ]
        .into_iter()
        .find_map(|(m, st)| text.strip_prefix(m).map(|r| (st, r)))
    {
        raw.status = Some(mark);
        text = rest;
    }
    // `DONE Pin the version`, `DOING ...`, `LATER ...`: Logseq's task markers.
    if item.task.is_none()
        && raw.status.is_none()
        && let Some((mark, rest)) = [
            ("DONE ", ActionStatus::Done),
            ("DOING ", ActionStatus::InProgress),
            ("NOW ", ActionStatus::InProgress),
            ("TODO ", ActionStatus::Open),
            ("LATER ", ActionStatus::Open),
            ("WAITING ", ActionStatus::Open),
            ("CANCELED ", ActionStatus::WontDo),
            ("CANCELLED ", ActionStatus::WontDo),
        ]
        .into_iter()
        .find_map(|(m, st)| text.strip_prefix(m).map(|r| (st, r)))
    {
        raw.status = Some(mark);
        text = rest;
    }
    // `**Done** — Remove purge_all ...`, `**In progress:** ...`, `TODO: bake the prune
    // into the AMI`, `done: monorepo job on S3 cache`: a status first, as a label.
    if item.task.is_none()
        && raw.status.is_none()
        && let Some((status, rest)) = leading_status(text)
    {
        raw.status = Some(status);
        text = rest;
    }
    // `... (Nadia Hassan) [Closed]`, as Blameless lists follow-ups: the status in brackets
    // last.
    if let Some((before, inner)) = (text.trim_end().strip_suffix(']'))
        .and_then(|t| t.rsplit_once('['))
        .filter(|(before, _)| !before.trim().is_empty())
        && let Some(st) = exact_status(inner)
    {
        if raw.status != Some(ActionStatus::Done) {
            raw.status = Some(st);
        }
        text = before.trim_end();
    }
    let tasks = obsidian_task_fields(text, links, &mut raw);
    let text = trailing_dash_parts(&tasks, &mut raw);
    let mut parts = split_parts(text).into_iter().peekable();
    let mut first = parts.next().unwrap_or_default();
    // `@Ananya Iyer – Add a per-partition lag alert – Due Fri, 19 Jul`, as meeting notes
    // assign a task: the owner first, alone in its part, then the task.
    if raw.owner.is_none()
        && parts.peek().is_some()
        && let Some(name) = first.trim().strip_prefix('@')
        && handle(first.trim()).as_deref() == Some(name)
    {
        raw.owner = Some(name.to_string());
        first = parts.next().unwrap_or_default();
    }
    // `Done — Remove purge_all ...` (`**Done** — ...` as text): the status first, as a label.
    if item.task.is_none()
        && raw.status.is_none()
        && let Some(st) = exact_status(first)
        && parts.peek().is_some()
    {
        raw.status = Some(st);
        first = parts.next().unwrap_or_default();
    }
    // `... (LaunchDarkly approvals) — @Tessa Nguyen — done 2024-03-08`: an @-named owner is the
    // item's, before a name in brackets could be taken for one.
    let parts: Vec<&str> = parts.collect();
    // An owner the text names itself (`(owner: pat)`, `(@ines, PAY-2040)`) is read as before.
    let named_in_text = first.contains('@') || first.to_lowercase().contains("owner");
    let mentioned = (raw.owner.is_none() && !named_in_text)
        .then(|| {
            (parts.iter()).position(|p| {
                let p = p.trim();
                p.starts_with('@') && !p.contains(['(', '[', ',', ';']) && looks_like_owner(p)
            })
        })
        .flatten();
    if let Some(k) = mentioned {
        raw.owner = Some(parts[k].trim().trim_start_matches('@').to_string());
    }
    let mut kept = vec![inline_paren(first, &mut raw)];
    for (k, part) in parts.into_iter().enumerate() {
        if Some(k) == mentioned {
            continue;
        }
        // `— Ravi Menon [Completed]`, as incident.io and FireHydrant export a follow-up: the
        // status in brackets after the owner.
        let part = match part
            .trim_end()
            .strip_suffix(']')
            .and_then(|p| p.rsplit_once('['))
        {
            Some((before, inner)) if status_of(inner.trim()).is_some() => {
                raw.status = status_of(inner.trim());
                before.trim_end()
            }
            _ => part,
        };
        if part.is_empty() {
            continue;
        }
        // `— en cours`, `— in progress (owner: Inès)`: a part that is only a status (an open
        // box's item under way; a checked box stays done), before what it says in brackets.
        let core = part.split(" (").next().unwrap_or(part);
        let part = match said_status(core.trim_end_matches(['.', '!'])) {
            Some(st) => {
                if raw.status != Some(ActionStatus::Done) {
                    raw.status = Some(st);
                }
                let rest = part[core.len()..].trim();
                (rest.strip_prefix('(').and_then(|r| r.strip_suffix(')'))).unwrap_or(rest)
            }
            // `– Rejected; would push the run past the cut-off`, `— dropped, the alert
            // covers this`: a status, then why.
            None => match core.split_once([';', ',']) {
                Some((head, _)) if said_status(head).is_some() => {
                    if raw.status != Some(ActionStatus::Done) {
                        raw.status = said_status(head);
                    }
                    part[head.len() + 1..].trim()
                }
                // `— @rkhan, WIP`, `— dana, done (PR #881)`: the owner, then the status (a word
                // of where or what, `— staging, done`, is no owner, and stays in the text).
                Some((who, rest))
                    if raw.owner.is_none()
                        && said_status(rest).is_some()
                        && (looks_like_owner(who) || bare_handle(who)) =>
                {
                    raw.owner = owner_of(who);
                    if raw.status != Some(ActionStatus::Done) {
                        raw.status = said_status(rest);
                    }
                    continue;
                }

                _ => part,
            },
        };
        if part.is_empty() {
            continue;
        }
        // `— unassigned`, `— owner TBD`: no owner, and no words of the item.
        let unowned = [
            "unassigned",
            "no owner",
            "owner tbd",
            "tbd",
            "owner: tbd",
            "nobody yet",
        ];
        if unowned.contains(&part.trim().trim_end_matches('.').to_lowercase().as_str()) {
            continue;
        }
        if !inline_part(part, &mut raw) {
            let part = inline_paren(part, &mut raw);
            if !part.is_empty() {
                kept.push(part);
            }
        }
    }
    let mut text = kept.join(" — ");
    // `[PLAT-781] lint rule...`, `CHK-1544 set the TTL` or `#4411 Add ...` (a GitHub task
    // list's issue): the key first is the ticket, not the text.
    let lead = text.strip_prefix('[').and_then(|r| r.split_once(']'));
    let lead = lead.or_else(|| text.split_once([' ', ':']));
    if let Some((key, after)) = lead
        && (ticket_key(key) == Some(key) || issue_ref(key) == Some(key))
        && !after.trim().is_empty()
    {
        raw.ticket.get_or_insert_with(|| key.to_string());
        // `SEC-903 — Key the login limiter by user`: the separator goes with the key.
        text = (after.trim().trim_start_matches([':', '—', '–', '-']).trim()).to_string();
    }
    // `Prevent: Make the readiness probe ...`: the kind first, no words of the item.
    if let Some((label, after)) = text.split_once(':')
        && label.split_whitespace().count() == 1
        && !after.trim().is_empty()
        && let Some(kind) = ActionKind::parse(&label.trim().to_lowercase())
    {
        raw.kind.get_or_insert(kind);
        text = after.trim().to_string();
    }
    // `~"corrective action"`, `~security`: GitLab's labels, no words of the item.
    if text.contains('~') {
        text = without_gitlab_labels(&text);
    }
    // `[P1] Add a pool limit` (as Rootly writes an item's priority): no words of it.
    if let Some(after) = text.strip_prefix('[').and_then(|r| {
        let (label, after) = r.split_once(']')?;
        let l = label.trim().to_ascii_lowercase();
        let priority = (l.len() == 2 && l.starts_with('p') && l.as_bytes()[1].is_ascii_digit())
            || ["high", "medium", "low", "critical", "urgent"].contains(&l.as_str());
        (priority && !after.trim().is_empty()).then(|| after.trim().to_string())
    }) {
        text = after;
    }
    // `**Action Item**: Standardize journald ... [Priority: High]`: the label and the
    // priority say nothing the page does not.
    if let Some(l) = ["action item:", "action:"].iter().find(|l| {
        text.get(..l.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(l))
    }) && !text[l.len()..].trim().is_empty()
    {
        text = text[l.len()..].trim().to_string();
    }
    if let Some(open) = text
        .rfind("[Priority:")
        .or_else(|| text.rfind("(Priority:"))
        && text.trim_end().ends_with([']', ')'])
        && open > 0
    {
        text = text[..open].trim_end().to_string();
    }
    // `[jhford] Try a staging environment`: a name in brackets first is the owner.
    if let Some((name, after)) = text.strip_prefix('[').and_then(|r| r.split_once(']'))
        && !after.starts_with(['(', '['])
        && !after.trim().is_empty()
        && bracketed_owner(name)
    {
        raw.owner
            .get_or_insert_with(|| name.trim().trim_start_matches('@').to_string());
        text = after.trim().trim_start_matches(':').trim().to_string();
    }
    if raw.owner.is_none() {
        raw.owner = handle(&text);
    }
    if raw.ticket.is_none() {
        raw.ticket = ticket_of(&text, links, false);
    }
    // `Add the alert @ana PROJ-9`: an owner's handle and a ticket key that end the text are
    // the item's fields, shown beside it, not words of it.
    // A mention of two words (Notion's `@Tom Berger`) ends it the same way.
    let whole = text.len();
    loop {
        let bare = text.trim_end().trim_end_matches(['.', ',', ';']);
        let mention = raw.owner.as_deref().map(|o| format!(" @{o}"));
        let before = match mention.as_deref().and_then(|m| bare.strip_suffix(m)) {
            Some(before) => before,
            None => {
                let Some((before, last)) = bare.rsplit_once(' ') else {
                    break;
                };
                let ticket = raw.ticket.as_deref() == Some(last)
                    && (ticket_key(last) == Some(last) || issue_ref(last) == Some(last));
                // `see discussion in #4418`: a sentence's words end with it, it stays.
                let after_word = (before.rsplit(' ').next()).is_some_and(|w| {
                    [
                        "in", "see", "on", "at", "per", "of", "from", "to", "by", "under",
                    ]
                    .contains(&w.to_lowercase().as_str())
                });
                if !ticket || after_word {
                    break;
                }
                before
            }
        };
        if before.trim().is_empty() {
            break;
        }
        text = before
            .trim_end()
            .trim_end_matches([',', ';', '—', '-'])
            .trim_end()
            .to_string();
    }
    // `Add dashboard panels (in progress) @mbeaulieu`: the brackets the handle ended.
    if text.len() < whole {
        text = inline_paren(&text, &mut raw);
    }
    if raw.status.is_none() {
        raw.status = marker(&text);
    }
    // `Ran both backup scripts manually`, `Re-pinned the image`: a step told in the past
    // tense was done.
    if raw.status.is_none() && told_as_done(&text) {
        raw.status = Some(ActionStatus::Done);
    }
    // `We have restored the tuned configuration`, `We are moving upgrades to a canary`, as a
    // status page's write-up tells its follow-ups: done, and under way.
    if raw.status.is_none() {
        raw.status = told_by_tense(&text);
    }
    // `✅ Reverted the change`: the mark is the status, read above, not words of the text.
    let unmarked = text.trim_start_matches(['✅', '✔', '☑', '✓', '\u{fe0f}', ' ']);
    if unmarked.len() < text.len() && !unmarked.is_empty() {
        text = unmarked.to_string();
    }
    raw.text = text;
    raw
}

/// `text` without GitLab's labels (`~"corrective action"`, `~security`, `~"severity::2"`).
fn without_gitlab_labels(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('~') {
        let before = &rest[..at];
        let after = &rest[at + 1..];
        let starts_label = before.is_empty() || before.ends_with(char::is_whitespace);
        match gitlab_label(after).filter(|_| starts_label) {
            Some((_, next)) => {
                out.push_str(before.trim_end());
                rest = next;
            }
            None => {
                out.push_str(&rest[..=at]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The GitLab label that `after` (the text after a `~`) starts with, and the text after it:
/// quoted (`"corrective action"`), or a letter, then letters, digits, `-`, `_` and `:`
/// (`security`, `severity::2`).
fn gitlab_label(after: &str) -> Option<(&str, &str)> {
    match after.strip_prefix('"') {
        Some(q) => {
            let end = q.find('"')?;
            Some((&q[..end], &q[end + 1..]))
        }
        None if after.starts_with(char::is_alphabetic) => Some(
            after.split_at(
                after
                    .find(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '_' | ':')))
                    .unwrap_or(after.len()),
            ),
        ),
        None => None,
    }
}

/// An Obsidian Tasks item's fields: `📅 2025-01-24` is its due date, `✅ 2025-01-15` when it
/// was done, a person's note at its end (`[[Priya Nair]]`: two or three capitalized words)
/// its owner; the plugin's other dates (`⏳`, `🛫`, `➕`), priorities (`⏫`, `🔼`...) and
/// recurrence (`🔁 every week`), and `#tags` after the text, are no words of it. The text
/// without them.
fn obsidian_task_fields<'t>(text: &'t str, links: &[Link], raw: &mut Raw) -> Cow<'t, str> {
    const DATED: &[char] = &['📅', '✅', '⏳', '🛫', '➕', '❌'];
    const PRIORITY: &[char] = &['🔺', '⏫', '🔼', '🔽', '⏬'];
    let noted = links.iter().any(|l| l.wiki);
    if !text.contains(DATED) && !text.contains(PRIORITY) && !text.contains("[[") && !noted {
        return text.into();
    }
    let person = |name: &str| {
        (2..=3).contains(&name.split_whitespace().count())
            && (name.split_whitespace()).all(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().all(char::is_alphabetic)
            })
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if DATED.contains(&c) {
            let after = rest[c.len_utf8()..].trim_start_matches(['\u{fe0f}', ' ']);
            let day = after
                .get(..10)
                .and_then(|d| d.parse::<jiff::civil::Date>().ok());
            if let Some(day) = day {
                match c {
                    '📅' => raw.due = raw.due.or(Some(day)),
                    '✅' => {
                        raw.completed = raw.completed.or(Some(day));
                        raw.status.get_or_insert(ActionStatus::Done);
                    }
                    _ => {}
                }
                rest = &after[10..];
                continue;
            }
        }
        if PRIORITY.contains(&c) {
            rest = &rest[c.len_utf8()..];
            continue;
        }
        if c == '🔁' {
            // The recurrence runs to the next field or the end.
            let end = rest
                .find(|ch: char| DATED.contains(&ch) || PRIORITY.contains(&ch))
                .unwrap_or(rest.len());
            rest = &rest[end..];
            continue;
        }
        if rest.starts_with("[[")
            && let Some(close) = rest.find("]]")
        {
            let inner = &rest[2..close];
            let name = inner.split('|').next_back().unwrap_or(inner).trim();
            if person(name) && raw.owner.is_none() {
                raw.owner = Some(name.to_string());
                rest = &rest[close + 2..];
                continue;
            }
            out.push_str(name);
            rest = &rest[close + 2..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    // `#action`, `#followup` after the text: the plugin's filter tags.
    let mut kept = out.trim_end().to_string();
    while let Some((before, last)) = kept.rsplit_once(' ')
        && last.starts_with('#')
        && last.len() > 1
        && last[1..]
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '/')
        && !last[1..].chars().all(|c| c.is_ascii_digit())
    {
        kept = before.trim_end().to_string();
    }
    // The note of a person at the end, as the parsed text gives it (`... replicas Priya
    // Nair`, the link's text).
    if raw.owner.is_none()
        && let Some(name) = (links.iter())
            .filter(|l| l.wiki && person(&l.dest))
            .map(|l| l.dest.trim())
            .find(|d| kept.ends_with(d) && kept.len() > d.len())
    {
        raw.owner = Some(name.to_string());
        kept = kept[..kept.len() - name.len()].trim_end().to_string();
    }
    kept.into()
}

/// `Pin the setting - Pieter de Vries - SRCH-78 - done`: the parts after ` - ` at the end of
/// an item, read as [`inline_part`] reads parts, when they are its fields: a ticket key, a
/// status or a labelled field (`Owner: x`) among them, an owner's name only beside one of
/// those (a dash in a sentence, `Raise the limit - it was too low`, stays). The text before
/// them is returned.
fn trailing_dash_parts<'t>(text: &'t str, raw: &mut Raw) -> &'t str {
    let field = |part: &str| {
        let p = part.trim().trim_end_matches('.');
        (ticket_key(p) == Some(p))
            || (p.split_whitespace().count() <= 2 && status_of(p).is_some())
            || p.split_once(':').is_some_and(|(k, _)| {
                let k = normalize(k);
                [OWNER_HEADERS, DUE_HEADERS, STATUS_HEADERS, TICKET_HEADERS]
                    .iter()
                    .any(|h| header_is(&k, h))
            })
    };
    let mut end = text.trim_end().len();
    let mut taken: Vec<&str> = Vec::new();
    while let Some(i) = text[..end].rfind(" - ") {
        let part = text[i + 3..end].trim();
        if part.is_empty() || !(field(part) || looks_like_owner(part)) {
            break;
        }
        taken.push(part);
        end = i;
    }
    if !taken.iter().any(|p| field(p)) || text[..end].trim().is_empty() {
        return text;
    }
    // Read in the order written, so that `- Owner - done` is read as `Owner — done` is.
    for part in taken.into_iter().rev() {
        let mut probe = raw.clone();
        if inline_part(part, &mut probe) {
            *raw = probe;
        }
    }
    text[..end].trim_end()
}

/// The parts of an inline item, split at ` — ` and the like, in order.
fn split_parts(text: &str) -> Vec<&str> {
    // Every separator found once, in order: one pass over the text for each kind.
    let mut cuts: Vec<(usize, usize)> = PARTS
        .iter()
        .flat_map(|sep| text.match_indices(sep).map(|(i, m)| (i, m.len())))
        .collect();
    // A sentence that is a part (`... issues. Owner: @lucas`): cut after its full stop. So is
    // a last sentence that is a status (`... (OPS-2291). In progress.`, `... Done, shipped in
    // v2.3.1.`), as a prose bullet ends.
    cuts.extend(
        text.match_indices(". ")
            .filter(|(i, _)| {
                let rest = &text[i + 2..];
                let labelled = rest.split_once(':').is_some_and(|(label, _)| {
                    let label = normalize(label);
                    label.len() <= 12
                        && [OWNER_HEADERS, DUE_HEADERS, STATUS_HEADERS, TICKET_HEADERS]
                            .iter()
                            .any(|h| header_is(&label, h))
                });
                let status = status_sentence(rest);
                labelled || status
            })
            .map(|(i, _)| (i + 1, 1)),
    );
    // `Validate inputs [Priority: High] OWNER: quinn (DONE)`: a capitalised owner label
    // within the text starts a part.
    // So do the other labels of an item's fields written after it, on its next lines
    // (`**Owner**: @kwame`, then `**Due**: 2024-05-20`, `**Ticket**: LEDGER-311`).
    cuts.extend(
        [
            " OWNER:",
            " Owner:",
            " Due:",
            " DUE:",
            " Ticket:",
            " TICKET:",
            " Status:",
            " STATUS:",
            " Deadline:",
            " Jira:",
        ]
        .iter()
        .flat_map(|l| text.match_indices(l).map(|(i, _)| (i, 1))),
    );
    // `... を追加する　担当：田中　状況：対応済`: an ideographic space before a field's label
    // (a few characters, then a full-width colon) starts a part; one inside a sentence does
    // not.
    cuts.extend(
        (text.match_indices('\u{3000}'))
            .filter(|(i, m)| {
                let label: String = text[i + m.len()..].chars().take(8).collect();
                label.contains(['：', ':'])
            })
            .map(|(i, m)| (i, m.len())),
    );
    cuts.sort_unstable();
    let mut out = Vec::new();
    let mut from = 0;
    for (i, len) in cuts {
        if i >= from {
            out.push(text[from..i].trim());
            from = i + len;
        }
    }
    out.push(text[from..].trim());
    out
}

/// Whether `text` is a date and nothing more (`March 22, 2024`, `2024-03-08`, `22nd March
/// 2024`): its words are numbers, ordinals and month names.
fn only_a_date(text: &str) -> bool {
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_end_matches([',', '.']))
        .collect();
    words.len() <= 3
        && words.iter().all(|w| {
            let lower = w.to_lowercase();
            let digits = ["st", "nd", "rd", "th"]
                .iter()
                .find_map(|o| lower.strip_suffix(o))
                .unwrap_or(&lower);
            (!digits.is_empty()
                && digits
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '-' || c == '/'))
                || super::meta::month_number(w).is_some()
        })
}

/// Whether the last sentence of an item, `rest`, is its status: the status alone (`In
/// progress.`, `Not started.`), or done and where it shipped (`Done, shipped in v2.3.1.`). A
/// sentence that only starts with a status word (`Complete, not incremental.`, `Closed, except
/// from the VPN.`, `No, the queue retries.`) is the item's own.
fn status_sentence(rest: &str) -> bool {
    let sentence = rest.trim_end().trim_end_matches(['.', '!']);
    if sentence.contains(". ") {
        return false;
    }
    let lower = sentence.to_lowercase();
    if ["yes", "no"].contains(&lower.as_str()) {
        return false;
    }
    if sentence.split_whitespace().count() <= 2 && exact_status(sentence).is_some() {
        return true;
    }
    let Some((head, after)) = sentence.split_once(',') else {
        return false;
    };
    let after = after.trim_start().to_lowercase();
    exact_status(head) == Some(ActionStatus::Done)
        && [
            "shipped",
            "merged",
            "deployed",
            "released",
            "rolled out",
            "live in",
        ]
        .iter()
        .any(|w| after.starts_with(w))
}

/// Reads one part after the first: `Owner: X`, `Due: Y`, `Status: Z`, a ticket key, a name.
/// False when the part is none of these, and stays in the text.
fn inline_part(part: &str, raw: &mut Raw) -> bool {
    // `Owner: @kwame, Ticket: ...`: the comma goes with the cut.
    let part = part.trim_end_matches([',', ';']);
    // `@lena, done 11:30`: the colon of a time is no label's.
    let label = part.split_once([':', '：']).filter(|(k, v)| {
        !(k.ends_with(|c: char| c.is_ascii_digit()) && v.starts_with(|c: char| c.is_ascii_digit()))
    });
    if let Some((key, value)) = label {
        let key = normalize(key);
        let value = value.trim();
        if header_is(&key, OWNER_HEADERS) {
            // `OWNER: amirh@ (DONE).`: the status after the owner is the item's; a ticket key
            // may follow it (`OWNER: quinn (DONE) TKT-1009`).
            let mut value = value.trim_end_matches('.').trim_end();
            if let Some((before, last)) = value.rsplit_once(' ')
                && let Some(k) = ticket_key(last)
                && k == last
            {
                raw.ticket.get_or_insert_with(|| k.to_string());
                value = before.trim_end();
            }
            // `ansvarlig: Rasmus Holm, frist 11. oktober 2024`: a part of its own after a comma.
            // Not a second owner (`Owner: Smith, Jones`).
            if let Some((who, rest)) = value.split_once([',', ';'])
                && !rest.trim().is_empty()
                && !looks_like_owner(rest.trim())
                && inline_part(rest.trim(), raw)
            {
                value = who.trim_end();
            }
            let (who, status) = match value.strip_suffix(')').and_then(|v| v.rsplit_once('(')) {
                Some((who, inner)) if status_of(inner).is_some() => (who.trim(), status_of(inner)),
                _ => (value, None),
            };
            // `田中（開発チーム）`: the person, not their team in brackets.
            let who = (who.strip_suffix('）').and_then(|w| w.rsplit_once('（')))
                .map_or(who, |(name, _)| name.trim());
            raw.owner = owner_of(who);
            if status.is_some() {
                raw.status = status;
            }
            return true;
        }
        if header_is(&key, DUE_HEADERS) {
            raw.due = loose_date(value);
            return true;
        }
        if header_is(&key, STATUS_HEADERS) {
            raw.status = status_of(value).or(raw.status);
            raw.completed = done_date(value);
            return true;
        }
        if header_is(&key, TICKET_HEADERS) {
            raw.ticket = ticket_of(value, &[], true);
            return true;
        }
        if header_is(&key, KIND_HEADERS) {
            raw.kind = kind_word(value);
            return true;
        }
    }
    // `— owner jkowalski`, `— assigned to Julien Faure, due 2024-08-16`: an owner named after
    // words that say so, without a colon; what follows a comma is read as a part of its own.
    let t = part.trim();
    let said = ["owner ", "owned by ", "assigned to ", "assignee "]
        .iter()
        .find(|p| t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)));
    if let Some(p) = said {
        let value = t[p.len()..].trim();
        let (who, rest) = value.split_once([',', ';']).unwrap_or((value, ""));
        let who = who.trim().trim_end_matches('.');
        let who = who.strip_prefix("the ").unwrap_or(who);
        // A handle (`jkowalski`, `j.faure`) or a name (`Julien Faure`, `SRE team`): not words
        // about one (`— owner approval needed`, `— owner sign-off pending`).
        let named = (bare_handle(who) || looks_like_owner(who)) && !who.contains([':', '(', '[']);
        if named && (rest.trim().is_empty() || inline_part(rest.trim(), raw)) {
            raw.owner = owner_of(who);
            return true;
        }
    }
    if let Some(k) = ticket_key(part)
        && part.trim_start().starts_with(k)
    {
        raw.ticket.get_or_insert_with(|| k.to_string());
        raw.status = raw.status.or_else(|| marker(part));
        raw.completed = raw.completed.or_else(|| done_date(part));
        return true;
    }
    if raw.owner.is_none() && looks_like_owner(part) {
        raw.owner = Some(part.trim_start_matches('@').to_string());
        return true;
    }
    // `— ~"workflow::In Progress" ~backend`: GitLab labels, the status a scoped one's value.
    if let Some(labels) = gitlab_labels(part) {
        let status = (labels.iter())
            .filter_map(|l| l.rsplit_once("::").map(|(_, v)| v.trim()))
            .filter(|v| v.split_whitespace().count() <= 3)
            .find_map(status_of);
        raw.status = status.or(raw.status);
        return true;
    }
    // `— due March 22, 2024`, `— done 2024-03-08`: a due date, a status and when.
    let bare = part.trim().trim_end_matches(['.', '!']);
    if let Some((head, rest)) = bare.split_once(' ') {
        let date = loose_date(rest).filter(|_| only_a_date(rest));
        if header_is(&normalize(head), DUE_HEADERS) && date.is_some() {
            raw.due = date;
            return true;
        }
        if exact_status(head) == Some(ActionStatus::Done) && date.is_some() {
            raw.status = Some(ActionStatus::Done);
            raw.completed = date;
            return true;
        }
    }
    // `— done.`, `— in progress`: a status alone.
    if bare.split_whitespace().count() <= 2
        && let Some(st) = status_of(bare)
    {
        raw.status = Some(st);
        return true;
    }
    false
}

/// The labels of a part that is only GitLab labels (`~"workflow::In Progress" ~backend`),
/// without their `~` and quotes; `None` when anything else is in it.
fn gitlab_labels(part: &str) -> Option<Vec<&str>> {
    let mut rest = part.trim();
    let mut out = Vec::new();
    while !rest.is_empty() {
        let (label, next) = gitlab_label(rest.strip_prefix('~')?)?;
        if label.trim().is_empty() || !(next.is_empty() || next.starts_with(char::is_whitespace)) {
            return None;
        }
        out.push(label.trim());
        rest = next.trim_start();
    }
    (!out.is_empty()).then_some(out)
}

/// A trailing `(...)` of the first part: `(@ines, PAY-2040)`, `(Ola)`, `(done)`. Its owner,
/// ticket and status are read; it is taken out of the text when all of it was understood.
fn inline_paren(first: &str, raw: &mut Raw) -> String {
    let t = first.trim_end();
    let Some(inner) = t.strip_suffix(')') else {
        return t.to_string();
    };
    let Some(open) = inner.rfind('(') else {
        return t.to_string();
    };
    let (before, inside) = (&inner[..open], &inner[open + 1..]);
    let mut understood = !inside.trim().is_empty();
    for bit in inside.split([',', ';']).map(str::trim) {
        let lower = bit.to_lowercase();
        let labelled = bit
            .split_once(':')
            .filter(|(k, _)| header_is(&normalize(k), OWNER_HEADERS))
            .and_then(|(_, v)| owner_of(v.trim()));
        // An owner other than the one already read (an `@`-named part) stays in the text.
        if let Some(h) = handle(bit) {
            understood &= raw.owner.as_deref().is_none_or(|o| o == h);
            raw.owner.get_or_insert(h);
        } else if let Some(who) = labelled {
            // `(owner: pat, TKT-1008)`
            understood &= raw.owner.as_deref().is_none_or(|o| o == who);
            raw.owner.get_or_insert(who);
        } else if let Some(k) = ticket_key(bit).or_else(|| issue_ref(bit).filter(|r| *r == bit)) {
            raw.ticket.get_or_insert_with(|| k.to_string());
        } else if lower == "no ticket" || lower.is_empty() {
        } else if let Some(st) = status_of(bit) {
            raw.status = Some(st);
            raw.completed = raw.completed.or_else(|| done_date(bit));
        } else if raw.owner.is_none() && looks_like_owner(bit) {
            raw.owner = Some(bit.to_string());
        } else {
            understood = false;
        }
    }
    if understood {
        before.trim_end().to_string()
    } else {
        t.to_string()
    }
}

/// The handles a document names as someone's role (`IC: mreyes. Scribe: tolu.`, `Handoff to
/// day shift: jkim.`): a label, a colon, and one lower-case handle that ends the sentence or
/// the line.
fn named_people(source: &str) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    for line in source.lines() {
        for sentence in line.split(['.', ';', ',', '|']) {
            let Some((label, value)) = sentence.split_once(':') else {
                continue;
            };
            let value = value.trim().trim_start_matches('@');
            let handle = (2..=24).contains(&value.len())
                && value.starts_with(|c: char| c.is_ascii_lowercase())
                && value.chars().all(|c| {
                    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-')
                });
            if handle && (1..=4).contains(&label.split_whitespace().count()) {
                out.insert(value.to_string());
            }
        }
    }
    out
}

/// A name in brackets before an item's text (`[jhford]`, `[Jane Doe]`, `[@ana]`): a handle or
/// a person's name, not a label (`[optional]`, `[P1]`, `[WIP]`) or a check box.
fn bracketed_owner(name: &str) -> bool {
    const LABELS: [&str; 24] = [
        "optional",
        "urgent",
        "stretch",
        "later",
        "todo",
        "blocked",
        "high",
        "medium",
        "low",
        "critical",
        "major",
        "minor",
        "bug",
        "feature",
        "security",
        "question",
        "idea",
        "note",
        "followup",
        "follow-up",
        "short-term",
        "long-term",
        "nice-to-have",
        "tbd",
    ];
    let name = name.trim();
    let bare = name.trim_start_matches('@');
    let handle_like = (2..=32).contains(&bare.len())
        && bare.starts_with(|c: char| c.is_ascii_alphabetic())
        && bare
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        && !(bare.len() == 2 && bare[1..].chars().all(|c| c.is_ascii_digit()));
    let person = name.split_whitespace().count() <= 3 && looks_like_owner(name);
    (handle_like || person)
        && !LABELS.contains(&bare.to_lowercase().as_str())
        && status_of(name).is_none()
        && ticket_key(name).is_none()
}

/// The last name that opens `rest` after a mention of `first` (`Moreau` in `@Dan Moreau change
/// the hook`): a capitalised word of letters before a word in lower case, when the write-up
/// writes `first` and it together other than as a mention ([`written_names`]: a `Reviewers:`
/// line, a sentence), not two mentions alike (`@Priya Add a canary`, `@Priya Add a link`).
fn last_name_after<'r>(
    first: &str,
    rest: &'r str,
    names: &std::collections::HashSet<String>,
) -> Option<&'r str> {
    let word = rest.split(' ').next()?;
    let then = rest[word.len()..].strip_prefix(' ')?;
    let named = first.starts_with(char::is_uppercase)
        && !first.contains(['.', '_'])
        && word.starts_with(char::is_uppercase)
        && word.chars().count() >= 2
        && word.chars().all(char::is_alphabetic)
        && then.starts_with(char::is_lowercase);
    (named && names.contains(&format!("{first} {word}"))).then_some(word)
}

/// Every two capitalised words of letters side by side in `source` (`Dan Moreau`), but those
/// of a mention (`@Dan Moreau`): the whole names a write-up writes, in one pass.
fn written_names(source: &str) -> std::collections::HashSet<String> {
    let capital = |w: &str| {
        w.chars().count() >= 2
            && w.starts_with(char::is_uppercase)
            && w.chars().all(char::is_alphabetic)
    };
    let mut out = std::collections::HashSet::new();
    for line in source.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        for pair in words.windows(2) {
            let last = pair[1].trim_end_matches([',', ';', ':', '.', ')', '*', '_']);
            let first = pair[0].trim_start_matches(['(', '*', '_']);
            if capital(first) && capital(last) {
                out.insert(format!("{first} {last}"));
            }
        }
    }
    out
}

/// The first `@handle` of a text.
fn handle(text: &str) -> Option<String> {
    let mut prev = ' ';
    for (i, c) in text.char_indices() {
        if c == '@' && !prev.is_alphanumeric() {
            let name: String = text[i + 1..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
                .collect();
            let name = name.trim_end_matches(['.', '-']);
            if !name.is_empty() {
                return Some(match full_name(name, &text[i + 1 + name.len()..]) {
                    Some(last) => format!("{name} {last}"),
                    None => name.to_string(),
                });
            }
        }
        prev = c;
    }
    None
}

/// The last name of a mention written as a person's name (Notion's `@Tom Berger`): after a
/// capitalised handle, one capitalised word of letters that ends the text or is followed by
/// punctuation or a date (`@Tom Berger, then`, `— @Tom Berger (due May)`, `@Sam Lee Feb 7`),
/// not by another word (`@Ana Fix the alert`).
fn full_name<'t>(handle: &str, after: &'t str) -> Option<&'t str> {
    if !handle.starts_with(char::is_uppercase) {
        return None;
    }
    let rest = after.strip_prefix(' ')?;
    let end = rest
        .find(|c: char| !(c.is_alphabetic() || matches!(c, '-' | '\'')))
        .unwrap_or(rest.len());
    let word = rest[..end].trim_end_matches(['-', '\'']);
    let next = rest[word.len()..].trim_start();
    // A due date may follow the name (`@Sam Lee  Feb 7`, `@Sam Lee 2024-02-07`).
    let month = next.get(..3).is_some_and(|m| {
        [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ]
        .contains(&m.to_ascii_lowercase().as_str())
    });
    let then = next.chars().next();
    (word.starts_with(char::is_uppercase)
        && word.chars().count() > 1
        && (month || then.is_none_or(|c| c.is_ascii_digit() || !c.is_alphanumeric() && c != '@')))
    .then_some(word)
}

/// A handle alone (`dana`, `j.faure`): one lowercase word, not a status, nor a word of where
/// or what (`staging`, `prod`, `docs`) or of no one yet (`— owner pending`, `— owner approval
/// needed`).
fn bare_handle(part: &str) -> bool {
    let p = part.trim();
    (2..=24).contains(&p.len())
        && p.starts_with(|c: char| c.is_ascii_lowercase())
        && (p.chars()).all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c))
        && status_of(p).is_none()
        && ![
            "staging",
            "stage",
            "prod",
            "production",
            "dev",
            "qa",
            "test",
            "tests",
            "tested",
            "docs",
            "later",
            "soon",
            "asap",
            "none",
            "tbd",
            "nobody",
            "unassigned",
            "unknown",
            "all",
            "both",
            "it",
            "this",
            "that",
            "infra",
            "ops",
            "backend",
            "frontend",
            "mobile",
            "web",
            "api",
            "eng",
            "team",
            "here",
            "there",
            "now",
            "partially",
            "mostly",
            "ci",
            "cd",
            "canary",
            "local",
            "pending",
            "needed",
            "required",
            "missing",
            "wanted",
            "review",
            "approval",
            "sign-off",
            "signoff",
            "confirmation",
            "assignment",
            "merged",
            "shipped",
            "deployed",
            "blocked",
            "planned",
            "started",
            "ongoing",
        ]
        .contains(&p)
}

/// A part that names someone: at most four words, no digits, a capital first letter, a
/// `@handle` or the word `team` (`Femi`, `Finance (Marguerite Doyle)`, `auth team`).
fn looks_like_owner(part: &str) -> bool {
    let p = part.trim();
    let words = p.split_whitespace().count();
    // `(It's been replaced.)`, `(This is tracked.)`: a sentence, not a name.
    let first = p.split_whitespace().next().unwrap_or("").to_lowercase();
    let sentence = (words >= 3 && p.ends_with(['.', '!', '?']))
        || ["it", "it's", "it’s", "this", "that", "we", "they", "there"].contains(&first.as_str());
    // `Pair on the runbook`, `Move to the new pool`: a task's words, which no name or team
    // has (`Payments squad`, `Jean du Pont`, `Head of Payments` do not).
    let named = !p
        .split_whitespace()
        .skip(1)
        .any(|w| ["the", "a", "an", "to", "into", "with", "for"].contains(&w));
    !sentence
        && (1..=4).contains(&words)
        && !p.contains(|c: char| c.is_ascii_digit() || c == ',' || c == ':')
        && (p.starts_with(|c: char| c.is_uppercase() || c == '@')
            || p.split_whitespace().any(|w| w == "team"))
        && named
        && status_of(p).is_none()
}

/// The date after `done` in `done 2022-09-20`.
fn done_date(s: &str) -> Option<jiff::civil::Date> {
    let lower = s.to_lowercase();
    let i = lower.find("done")?;
    s.get(i + 4..).and_then(loose_date)
}

// ---------------------------------------------------------------------------------------------
// Tables written in HTML (wiki exports).

/// The `<table>`s in `range` of the body, each where raw HTML starts with one; read in one
/// pass, each byte once.
pub(crate) fn html_tables(body: &Body, source: &str, range: &Range<usize>) -> Vec<Table> {
    let mut out = Vec::new();
    let mut done_to = range.start;
    let from = body.raw_html.partition_point(|&o| o < range.start);
    for &offset in body.raw_html.get(from..).unwrap_or(&[]) {
        if offset >= range.end {
            break;
        }
        if offset < done_to {
            continue;
        }
        let Some(rest) = source.get(offset..range.end) else {
            continue;
        };
        let lead = rest.len() - rest.trim_start().len();
        if !starts_with_tag(&rest[lead..], "table") {
            continue;
        }
        let (table, used) = html_table(&rest[lead..], offset + lead);
        done_to = offset + lead + used;
        out.push(table);
    }
    out
}

fn starts_with_tag(s: &str, name: &str) -> bool {
    let Some(rest) = s.strip_prefix('<') else {
        return false;
    };
    rest.get(..name.len())
        .is_some_and(|n| n.eq_ignore_ascii_case(name))
        && rest[name.len()..].starts_with(|c: char| c == '>' || c.is_whitespace() || c == '/')
}

/// Reads a `<table>` from the start of `html` (at body offset `base`): its rows of cells as
/// text, the header being a first row of `<th>` cells. Gives the table and how many bytes it
/// took (to its `</table>`, or all of `html`). Tables inside cells are text of their cell.
fn html_table(html: &str, base: usize) -> (Table, usize) {
    let mut table = Table {
        offset: base,
        ..Table::default()
    };
    let mut rows: Vec<(Vec<Cell>, bool)> = Vec::new();
    let mut cell: Option<Cell> = None;
    let mut depth = 0usize;
    let mut i = 0;
    while i < html.len() {
        let Some(lt) = html[i..].find('<') else {
            push_text(&mut cell, &html[i..]);
            i = html.len();
            break;
        };
        push_text(&mut cell, &html[i..i + lt]);
        let start = i + lt;
        let (tag, end) = match html[start..].find('>') {
            Some(e) => (&html[start + 1..start + e], start + e + 1),
            None => (&html[start + 1..], html.len()),
        };
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        i = end;
        match (name.as_str(), closing) {
            ("table", false) => depth += 1,
            ("table", true) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            ("br" | "p" | "li", _) if depth > 1 => push_text(&mut cell, " "),
            _ if depth > 1 => {}
            ("tr", false) => {
                close_cell(&mut cell, &mut rows);
                rows.push((Vec::new(), true));
            }
            ("td" | "th", false) => {
                close_cell(&mut cell, &mut rows);
                if rows.is_empty() {
                    rows.push((Vec::new(), true));
                }
                if let Some(r) = rows.last_mut() {
                    r.1 &= name == "th";
                }
                cell = Some(Cell {
                    text: String::new(),
                    offset: base + start,
                });
            }
            ("td" | "th" | "tr", true) => close_cell(&mut cell, &mut rows),
            ("br" | "p" | "li" | "div", _) => push_text(&mut cell, " "),
            _ => {}
        }
    }
    close_cell(&mut cell, &mut rows);
    rows.retain(|(r, _)| !r.is_empty());
    let mut rows = rows.into_iter();
    match rows.next() {
        Some((first, true)) => table.header = first,
        Some((first, false)) => table.rows.push(first),
        None => {}
    }
    table.rows.extend(rows.map(|(r, _)| r));
    (table, i)
}

fn push_text(cell: &mut Option<Cell>, text: &str) {
    if let Some(c) = cell.as_mut() {
        c.text.push_str(&decode_entities(text));
    }
}

fn close_cell(cell: &mut Option<Cell>, rows: &mut [(Vec<Cell>, bool)]) {
    if let Some(mut c) = cell.take() {
        c.text = c.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(r) = rows.last_mut() {
            r.0.push(c);
        }
    }
}

/// `text` with its character references decoded: numeric ones (`&#32;`, `&#x20;`, `&#39;`)
/// and the common named ones (`&nbsp;` as a space). The text is only ever shown escaped.
pub(crate) fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..].find(';').map(|e| e + 1).filter(|&e| e <= 12);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let code = match name.strip_prefix('#') {
                Some(n) => match n.strip_prefix(['x', 'X']) {
                    Some(h) => u32::from_str_radix(h, 16).ok(),
                    None => n.parse().ok(),
                },
                None => match name {
                    // As a plain space, as the cells and labels it is in are read.
                    "nbsp" => Some(u32::from(' ')),
                    "amp" => Some(u32::from('&')),
                    "lt" => Some(u32::from('<')),
                    "gt" => Some(u32::from('>')),
                    "quot" => Some(u32::from('"')),
                    "apos" => Some(u32::from('\'')),
                    "shy" => Some(0xad),
                    _ => None,
                },
            };
            Some((char::from_u32(code?)?, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------------------------
// Causes and impact.

impl Cx<'_> {
    fn causes(&self, r: &Region, root: bool, out: &mut FromBody) {
        // Long on purpose: one pass over a cause section's blocks, where each shape teams write
        // causes in (lists, labelled parts, bold openings, sentences of prose, tables) is a branch
        // sharing the pass's state.
        // `### Primary issue: Postgres TOAST OID exhaustion`: the heading names the cause, and
        // what is under it (prose, lists of what followed) explains it.
        let subs: Vec<&Subheading> = (r.section.subheadings.iter())
            .filter(|h| r.range.contains(&h.offset))
            .collect();
        let mut explained: Vec<Range<usize>> = Vec::new();
        for (k, h) in subs.iter().enumerate() {
            let Some((text, is_root)) = labelled_cause(&h.text) else {
                continue;
            };
            let end = (subs[k + 1..].iter())
                .find(|n| n.level <= h.level)
                .map_or(r.range.end, |n| n.offset);
            explained.push(h.offset..end);
            let line = (self.source.get(h.offset..)).map_or("", |l| l.lines().next().unwrap_or(""));
            let at = line.find(text).map_or(h.offset, |i| h.offset + i);
            self.cause(text, at, &[], root && is_root, out);
        }
        // `| Cause | Type |`, a row per cause (`| Retries created shipments | Root cause |`),
        // as Coda's and Notion's tables write them.
        if items_in(r.section, &r.range).is_empty() {
            for t in tables_in(r.section, &r.range) {
                let col = |names: &[&str]| {
                    (t.header.iter()).position(|h| names.contains(&normalize(&h.text).as_str()))
                };
                let Some(text) = col(&[
                    "cause",
                    "causes",
                    "root cause",
                    "factor",
                    "contributing factor",
                    "description",
                ]) else {
                    continue;
                };
                let kind = col(&["type", "kind", "role"]);
                for row in &t.rows {
                    let Some(cell) = row.get(text).filter(|c| !c.text.trim().is_empty()) else {
                        continue;
                    };
                    let said = kind.and_then(|k| row.get(k)).map(|c| normalize(&c.text));
                    let is_root = said
                        .as_deref()
                        .is_none_or(|k| k.contains("root") || k == "primary");
                    self.cause(&cell.text, cell.offset, &[], root && is_root, out);
                }
            }
        }
        let paragraphs = paragraphs_in(r.section, &r.range);
        // `**Confirmed evidence from the incident:**` and a list: what was seen, not causes.
        let evidence = |offset: usize| {
            let before = paragraphs.partition_point(|p| p.1 < offset);
            before.checked_sub(1).is_some_and(|i| {
                let t = paragraphs[i].0.trim().to_lowercase();
                let last = t.rsplit(". ").next().unwrap_or(&t);
                t.ends_with(':')
                    && last.split(|c: char| !c.is_alphanumeric()).any(|w| {
                        matches!(
                            w,
                            "evidence"
                                | "symptom"
                                | "symptoms"
                                | "observed"
                                | "observations"
                                | "log"
                                | "logs"
                                | "signals"
                                | "saw"
                                | "seen"
                        )
                    })
            })
        };
        let items: Vec<&ListItem> = (items_in(r.section, &r.range).iter())
            .filter(|i| !evidence(i.offset))
            .collect();
        let top = items.iter().map(|i| i.depth).min().unwrap_or(1);
        // `* **Impact:** ...`, `* **Root Cause:** ...`, `* **Outcome:** ...`: a cause told in
        // labelled parts; only the part labelled as a cause (or trigger) is one.
        let label_of = |i: &ListItem| {
            super::meta::label_value(&i.text)
                .filter(|(l, _, _)| l.split_whitespace().count() <= 3)
                .map(|(l, v, _)| (l, v))
        };
        let labels: Vec<String> = (items.iter())
            .filter(|i| i.depth == top)
            .filter_map(|i| label_of(i).map(|(l, _)| l))
            .collect();
        let labelled = labels.len() >= 2
            && labels
                .iter()
                .any(|l| matches!(l.as_str(), "root cause" | "cause" | "trigger"))
            && labels.iter().any(|l| {
                matches!(
                    l.as_str(),
                    "impact"
                        | "outcome"
                        | "complications"
                        | "technical detail"
                        | "resolution"
                        | "symptoms"
                        | "effect"
                        | "detection"
                        | "fix"
                )
            });
        for (k, item) in items.iter().enumerate() {
            if item.depth != top || explained.iter().any(|e| e.contains(&item.offset)) {
                continue;
            }
            let end = items.get(k + 1).map_or(r.range.end, |n| n.offset);
            let links = links_in(self.body, item.offset..end);
            if labelled {
                let Some((label, value)) = label_of(item) else {
                    continue;
                };
                let is_root = match label.as_str() {
                    "root cause" | "root causes" | "cause" | "causes" => true,
                    "trigger" | "contributing factor" | "contributing factors" => false,
                    _ => continue,
                };
                self.cause(&value, item.text_offset, links, root && is_root, out);
                continue;
            }
            self.cause(&item.text, item.text_offset, links, root, out);
        }
        if !explained.is_empty() {
            return;
        }
        // `**Primary — a push is not an apply.** Pushing the change...`, a paragraph each:
        // each bold opening is a cause (its label says whether a root one).
        let bold: Vec<(String, usize, bool)> = (paragraphs.iter())
            .filter_map(|(p, offset)| {
                let inner = self.source.get(*offset..)?.strip_prefix("**")?;
                let b = inner[..inner.find("**")?].trim();
                // `**Primary cause:** No failover between PSPs.`, `**Secondary cause:** ...`:
                // the label says which, the text after it is the cause.
                if let Some(label) = b.strip_suffix(':').map(|l| l.trim().to_lowercase()) {
                    let (first, noun) = label.split_once(' ').unwrap_or(("", &label));
                    let is_cause_noun = matches!(noun, "cause" | "issue" | "factor" | "trigger");
                    let is_root = match first {
                        "primary" | "main" | "root" | "underlying" | "first" => true,
                        "secondary" | "contributing" | "other" | "additional" | "second"
                        | "third" => false,
                        _ => return None,
                    };
                    let rest = p.trim().get(b.len()..).unwrap_or("").trim();
                    return (is_cause_noun && !rest.is_empty())
                        .then(|| (super::meta::capitalized(rest), *offset + 2, is_root));
                }
                let b = b.trim_end_matches(['.', ':']).trim();
                (!b.is_empty()
                    && b.len() <= 200
                    && !inner[..inner.find("**")?].trim().ends_with(':'))
                .then(|| {
                    let split = [" — ", " – ", " - ", ": "]
                        .iter()
                        .find_map(|sep| b.split_once(sep));
                    let read = split.and_then(|(label, text)| {
                        let l = label.trim().to_lowercase();
                        let secondary = [
                            "secondary",
                            "contributing",
                            "other",
                            "additional",
                            "second",
                            "third",
                        ];
                        if secondary.contains(&l.as_str()) {
                            Some((super::meta::capitalized(text.trim()), false))
                        } else if ["primary", "main", "root", "underlying", "first"]
                            .contains(&l.as_str())
                        {
                            Some((super::meta::capitalized(text.trim()), true))
                        } else {
                            labelled_cause(&format!("{label}: {text}"))
                                .map(|(t, is_root)| (super::meta::capitalized(t), is_root))
                        }
                    });
                    match read {
                        Some((text, is_root)) => (text, *offset + 2, is_root),
                        None => (b.to_string(), *offset + 2, true),
                    }
                })
            })
            .collect();
        if items.is_empty() && bold.len() >= 2 {
            for (text, at, is_root) in &bold {
                self.cause(text, *at, &[], root && *is_root, out);
            }
        } else if items.is_empty() && !r.lead.is_empty() {
            let links = links_in(self.body, r.range.clone());
            if let Some(text) = cause_sentence(r.lead) {
                self.cause(&text, r.range.start, links, root, out);
            }
        } else if items.is_empty() {
            // Not a lead-in (`**Confirmed (2026-06-20 follow-up test):**`): what follows it.
            let para = (paragraphs.iter()).find(|(p, _)| {
                let p = p.trim();
                !(p.is_empty() || p.ends_with(':') && p.len() <= 80)
            });
            if let Some((p, offset)) = para {
                let end = offset + p.len();
                let links = links_in(self.body, *offset..end);
                if let Some(text) = cause_sentence(p) {
                    self.cause(&text, *offset, links, root, out);
                }
            }
        }
    }

    /// One cause from its text; none when it has no text or repeats one of the incident.
    fn cause(&self, text: &str, at: usize, links: &[Link], root: bool, out: &mut FromBody) {
        let (text, named) = category_suffix(text.trim(), self.config);
        let text = text.trim().trim_end_matches([':', ';', ',']).trim();
        // `!!!`, `===`: an admonition's or a tab's marker, no words of a cause.
        if text.is_empty() || unfilled(text) || !text.chars().any(char::is_alphanumeric) {
            return;
        }
        let linked = links.iter().find_map(|l| {
            l.dest
                .trim()
                .strip_prefix("cause:")
                .map(str::trim)
                .filter(|id| l.wiki && is_valid_id(id))
        });
        let id = linked.map_or_else(|| slug_of(text), str::to_string);
        if !out.cause_ids.insert(id.clone()) {
            return;
        }
        let category = named
            .or_else(|| {
                let words = self.words.get_or_init(|| stemmed_words(self.config));
                category_by_words(text, words)
            })
            .unwrap_or(UNCATEGORIZED)
            .to_string();
        out.causes.push(CauseEntry {
            id,
            category,
            root,
            text: text.to_string(),
            because: Vec::new(),
            path: String::new(),
            at: Some(at),
        });
    }
}

/// A root cause a front matter states as one text (`root_cause: The bucket had no lifecycle
/// rule...`, as homegrown schemas keep it): the cause the same words give under a `Root cause`
/// heading, its category from its words.
pub fn stated_root_cause(text: &str, config: &Config) -> Option<CauseEntry> {
    let (text, named) = category_suffix(text.trim(), config);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() || unfilled(&text) || !text.chars().any(char::is_alphanumeric) {
        return None;
    }
    let words = stemmed_words(config);
    let category = named
        .or_else(|| category_by_words(&text, &words))
        .unwrap_or(UNCATEGORIZED)
        .to_string();
    Some(CauseEntry {
        id: slug_of(&text),
        category,
        root: true,
        text,
        because: Vec::new(),
        path: "root_cause".into(),
        at: None,
    })
}

/// A heading that names a cause after a label (`Primary issue: Postgres TOAST OID
/// exhaustion`, `Root cause 2: ...`, `Contributing factor: ...`): the cause's text, and whether
/// it is a root cause (not when the label says secondary, contributing, other or additional).
fn labelled_cause(heading: &str) -> Option<(&str, bool)> {
    let (label, text) = heading.split_once(':')?;
    let text = text.trim();
    let words: Vec<String> = (label.split_whitespace())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let (last, rest) = words.split_last()?;
    let noun = ["issue", "cause", "problem", "factor", "trigger"]
        .iter()
        .any(|n| last == n || last.strip_suffix('s') == Some(n));
    const QUALIFIERS: &[&str] = &[
        "primary",
        "secondary",
        "main",
        "root",
        "underlying",
        "contributing",
        "first",
        "second",
        "third",
        "other",
        "additional",
    ];
    let qualified = rest.len() <= 1 && rest.iter().all(|w| QUALIFIERS.contains(&w.as_str()));
    if !noun || !qualified || text.split_whitespace().count() < 2 {
        return None;
    }
    let contributing = rest.iter().any(|w| {
        matches!(
            w.as_str(),
            "secondary" | "contributing" | "other" | "additional" | "second" | "third"
        )
    }) || last == "factor"
        || last == "trigger";
    Some((text, !contributing))
}

/// A trailing `(Category)` naming one of the KB's categories (by id or title, any case, or
/// the first word of the title: `(Tools)` for "Tools / Software"): the text without it, and
/// the category's id.
fn category_suffix<'t, 'c>(text: &'t str, config: &'c Config) -> (&'t str, Option<&'c str>) {
    let Some(inner) = text.strip_suffix(')') else {
        return (text, None);
    };
    let Some(open) = inner.rfind('(') else {
        return (text, None);
    };
    let name = inner[open + 1..].trim().to_lowercase();
    let found = config.categories.iter().find(|c| {
        let title = c.title.to_lowercase();
        let head = title.split(['/', ' ']).next().unwrap_or("");
        c.id == name || title == name || head == name
    });
    match found {
        Some(c) => (&inner[..open], Some(c.id.as_str())),
        None => (text, None),
    }
}

/// The config's `[cause_words]` (or the defaults), each word or phrase as [`stemmed`] gives it;
/// a word of symbols only (`&`) stems to nothing, which every text would contain, and is left
/// out.
fn stemmed_words(config: &Config) -> Vec<(&str, Vec<String>)> {
    (config.cause_words().into_iter())
        .map(|(category, words)| {
            let words = (words.iter().map(|w| stemmed(w)))
                .filter(|w| !w.trim().is_empty())
                .collect();
            (category, words)
        })
        .collect()
}

/// The category whose words (from [`stemmed_words`]) the text has most of (whole words or
/// phrases, any case, each word taken by its English stem: `alerts` is `alert`, `tested` is
/// `testing`); ties go to the category listed first.
fn category_by_words<'w>(text: &str, words: &'w [(&'w str, Vec<String>)]) -> Option<&'w str> {
    let padded = stemmed(text);
    let mut best: Option<(&str, usize)> = None;
    for (category, ws) in words {
        let hits = ws.iter().filter(|w| padded.contains(w.as_str())).count();
        if hits > 0 && best.is_none_or(|(_, b)| hits > b) {
            best = Some((*category, hits));
        }
    }
    best.map(|(c, _)| c)
}

/// `text`'s words, lowercased, each by its English stem, with a space before and after each.
fn stemmed(text: &str) -> String {
    let stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
    let mut out = String::from(" ");
    for word in crate::format::padded_words(text).split_whitespace() {
        out.push_str(&stemmer.stem(word));
        out.push(' ');
    }
    out
}

/// An id for a cause from its text: slugged, at most [`MAX_SLUG`] characters, cut at a `-`.
fn slug_of(text: &str) -> String {
    let slug = slugify(text);
    if slug.len() <= MAX_SLUG {
        return slug;
    }
    // slugify gives ASCII: any byte is a boundary.
    let cut = &slug[..MAX_SLUG];
    let cut = cut
        .rfind('-')
        .filter(|&i| i > 10)
        .map_or(cut, |i| &cut[..i]);
    cut.trim_end_matches('-').to_string()
}

/// The sentence of a cause paragraph that states the cause: the first that is not background
/// (`There is a uint64 class in the code...`, `In order to use the LSM, validators...`); none
/// when the paragraph opens by saying the cause is not known yet.
fn cause_sentence(p: &str) -> Option<Cow<'_, str>> {
    const BACKGROUND: [&str; 13] = [
        "normally",
        "usually",
        "typically",
        "ordinarily",
        "there is ",
        "there are ",
        "there was ",
        "there were ",
        "in order to ",
        "for context",
        "as background",
        "some background",
        "to understand ",
    ];
    const UNKNOWN: [&str; 6] = [
        "still unknown",
        "is unknown",
        "not yet known",
        "not known yet",
        "still under investigation",
        "remains unclear",
    ];
    let first = first_sentence(p);
    let lower = first.to_lowercase();
    if UNKNOWN.iter().any(|u| lower.contains(u)) {
        return None;
    }
    let mut rest = p;
    loop {
        let s = first_sentence(rest);
        let lower = s.trim_start().to_lowercase();
        if !BACKGROUND.iter().any(|b| lower.starts_with(b)) {
            return Some(Cow::Borrowed(if s.trim().is_empty() { first } else { s }));
        }
        // What follows background often turns on it (`However, due to a bug...`).
        let next = first_sentence(&rest[s.len()..]);
        if let Some(cut) = ["however, ", "but ", "unfortunately, "]
            .iter()
            .find_map(|w| {
                next.trim_start()
                    .to_lowercase()
                    .starts_with(w)
                    .then_some(w.len())
            })
        {
            let t = next.trim_start()[cut..].trim_start();
            return Some(if t.is_empty() {
                Cow::Borrowed(first)
            } else {
                Cow::Owned(super::meta::capitalized(t))
            });
        }
        rest = &rest[s.len()..];
        if rest.trim().is_empty() || !s.trim_end().ends_with(['.', '!', '?']) {
            return Some(Cow::Borrowed(first));
        }
    }
}

/// The first sentence of a paragraph, at most 300 characters.
fn first_sentence(p: &str) -> &str {
    let end = p
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '.' | '!' | '?')
                && p[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
        })
        .map_or(p.len(), |(i, c)| i + c.len_utf8());
    let s = &p[..end];
    match s.char_indices().nth(300) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// The impact an Impact section states: its first paragraph, else its list items joined.
fn impact(r: &Region) -> Option<String> {
    if let Some(lead) = Some(r.lead.trim()).filter(|l| !l.is_empty()) {
        // `**Impact**: Downtime for 1h -` introducing a list of what was hit: both.
        let introduces = lead.ends_with([':', '-', '–', '—']);
        let list = top_list(r).filter(|_| introduces);
        return Some(shorten_words(
            &list.map_or_else(|| lead.to_string(), |l| format!("{lead} {l}")),
            500,
        ));
    }
    // The first paragraph that is not a metadata line (`Severity: Major`), and the top-level
    // list: whichever comes first, or both when the paragraph introduces the list ("The
    // following were affected:").
    let para = paragraphs_in(r.section, &r.range)
        .iter()
        .find(|(p, _)| !p.trim().is_empty() && !is_metadata_line(p))
        .map(|(p, at)| (p.trim(), *at));
    let items = items_in(r.section, &r.range);
    let top = items.iter().map(|i| i.depth).min();
    let list_at = items
        .iter()
        .find(|i| Some(i.depth) == top)
        .map(|i| i.offset);
    let list = top_list(r);
    let text = match (para, list) {
        (Some((_, at)), Some(l)) if list_at.is_some_and(|l_at| l_at < at) => l,
        (Some((p, _)), Some(l)) if p.ends_with(':') => format!("{p} {l}"),
        (Some((p, _)), _) => p.to_string(),
        (None, Some(l)) => l,
        (None, None) => tables_in(r.section, &r.range)
            .first()
            .and_then(table_text)?,
    };
    Some(shorten_words(&text, 500))
}

/// A region's top-level list items as one sentence: `1.4M requests failed; 42 merchants
/// locked out.`
fn top_list(r: &Region) -> Option<String> {
    let items = items_in(r.section, &r.range);
    let top = items.iter().map(|i| i.depth).min();
    let list: Vec<&str> = items
        .iter()
        .filter(|i| Some(i.depth) == top)
        .map(|i| i.text.trim().trim_end_matches(['.', ';']))
        .filter(|t| !t.is_empty())
        .collect();
    (!list.is_empty()).then(|| format!("{}.", list.join("; ")))
}

/// An impact told as a table (`| Customers Impacted | Support Cases Raised | ... |`, a row of
/// figures under it) in words: each row's cells after their headers, `Customers Impacted:
/// All, Support Cases Raised: 2`, rows separated by `;`. Empty cells and `-` are left out.
fn table_text(t: &Table) -> Option<String> {
    // `| Metric | Value |` then `| Failed checkouts | 1,284 |`: each row is a figure and its
    // value, `Failed checkouts: 1,284`, whatever the header calls its columns.
    let value_header = ["value", "values", "amount", "count", "number", "figure"].contains(
        &t.header
            .get(1)
            .map_or(String::new(), |h| normalize(&h.text))
            .as_str(),
    );
    if t.header.len() == 2
        && t.rows.iter().all(|r| r.len() == 2)
        && (t.rows.len() >= 2 || value_header)
    {
        let rows: Vec<String> = (t.rows.iter())
            .map(|r| (r[0].text.trim(), r[1].text.trim()))
            .filter(|(k, v)| !k.is_empty() && !matches!(*v, "" | "-" | "—"))
            .map(|(k, v)| format!("{}: {v}", k.trim_end_matches(':')))
            .collect();
        return (!rows.is_empty()).then(|| format!("{}.", rows.join("; ")));
    }
    let rows: Vec<String> = (t.rows.iter())
        .map(|row| {
            let cells: Vec<String> = (row.iter().enumerate())
                .filter(|(_, c)| !matches!(c.text.trim(), "" | "-" | "—"))
                .map(|(i, c)| match t.header.get(i).map(|h| h.text.trim()) {
                    Some(h) if !h.is_empty() => format!("{h}: {}", c.text.trim()),
                    _ => c.text.trim().to_string(),
                })
                .collect();
            cells.join(", ")
        })
        .filter(|r| !r.is_empty())
        .collect();
    (!rows.is_empty()).then(|| format!("{}.", rows.join("; ")))
}

/// Whether a paragraph is a metadata line of a template (`Severity: Major (High Impact)`,
/// `Date: 2025-10-03`) rather than prose.
fn is_metadata_line(p: &str) -> bool {
    p.split_once(':').is_some_and(|(label, _)| {
        matches!(
            label.trim().to_lowercase().as_str(),
            "severity" | "priority" | "status" | "date" | "duration" | "incident severity"
        )
    })
}

/// At most `max` characters, cut at a space, with `…` when cut.
fn shorten_words(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((i, _)) => {
            let cut = &s[..i];
            let cut = cut.rfind(' ').map_or(cut, |j| &cut[..j]);
            format!("{}…", cut.trim_end())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::ActionStatus::{Done, InProgress, Open};

    fn read_with(body: &str, config: &Config) -> FromBody {
        let b = Body::parse(body, &config.section_matcher());
        let all = Wanted {
            action_items: true,
            causes: true,
            impact: true,
        };
        read(&b, body, config, all)
    }

    fn read_all(body: &str) -> FromBody {
        read_with(body, &Config::default())
    }

    /// Each action item read as (status, owner, text).
    fn status_owner_text(read: &FromBody) -> Vec<(ActionStatus, Option<&str>, &str)> {
        (read.action_items.iter())
            .map(|a| (a.status, a.owner.as_deref(), a.text.as_str()))
            .collect()
    }

    fn date(s: &str) -> Option<jiff::civil::Date> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn issue_references_are_tickets_and_a_leading_key_takes_its_dash() {
        let body = "## Action items\n\n- [ ] Add a lock timeout to migrations #4821\n- [x] Alert on lock waits (#2190)\n- Retry the upload acme/platform#388\n- SEC-903 — Key the limiter by user\n- Fix the #1 cause\n- [x] #4411 Pin the runner image\n- acme/ci#12: Retry registration\n";
        let got = read_all(body).action_items;
        let rows: Vec<_> = (got.iter())
            .map(|a| (a.text.as_str(), a.ticket.as_deref()))
            .collect();
        assert_eq!(
            rows,
            [
                ("Add a lock timeout to migrations", Some("#4821")),
                ("Alert on lock waits", Some("#2190")),
                ("Retry the upload", Some("acme/platform#388")),
                ("Key the limiter by user", Some("SEC-903")),
                ("Fix the #1 cause", None),
                ("Pin the runner image", Some("#4411")),
                ("Retry registration", Some("acme/ci#12")),
            ]
        );
    }

    #[test]
    fn a_trackers_log_under_the_actions_is_no_action_items() {
        // A GitLab incident exported with its activity below the corrective actions; the
        // subheadings a team writes (`### Short term`) are still part of the actions.
        let body = "## Corrective actions\n\n- infra/production#1188 — Use IRSA for cert-manager — @oyelaran\n\n### Short term\n\n- Alert on certificate expiry — @sbrandt\n\n### Activity\n\n- @sbrandt changed the incident status to **Triggered** · Feb 19, 2024 7:03am UTC\n- @oyelaran closed · Feb 21, 2024 3:12pm UTC\n\n#### Comments\n\n- Looks good\n\n## Root cause\n\n- A static AWS key was rotated without updating cert-manager.\n\n### Comments (2)\n\n- Agreed\n";
        let got = read_all(body);
        let texts: Vec<_> = got.action_items.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Use IRSA for cert-manager", "Alert on certificate expiry"]
        );
        let causes: Vec<_> = got.causes.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            causes,
            ["A static AWS key was rotated without updating cert-manager."]
        );
        assert!(crate::format::is_record_heading("2. Activity log"));
        assert!(!crate::format::is_record_heading("Long-term fixes"));
        assert!(!crate::format::is_record_heading("Linked issues"));
        // Not last: a part like any other.
        let body = "## Root cause\n\n### History\n\n- The cache was built without TTLs.\n\n### What broke\n\n- A deploy flushed the cache.\n";
        assert_eq!(read_all(body).causes.len(), 2);
        let body = "## Corrective actions\n\n### Linked issues\n\n- #4411 Pin the runner image\n";
        assert_eq!(read_all(body).action_items.len(), 1);
        // Two logs, one after the other: both are logs.
        let body = "## Action items\n\n- Pin the image\n\n### Comments\n\n- @bob: looks good\n\n### Activity\n\n- @sam changed the status\n";
        assert_eq!(read_all(body).action_items.len(), 1);
    }

    #[test]
    fn gitlab_scoped_labels_give_a_status() {
        let body = "## Corrective actions\n\n- infra/production#1188 — Use IRSA for cert-manager — @oyelaran — ~\"workflow-infra::In Progress\"\n- infra/production#1189 — Route the alerts — @sbrandt — ~\"workflow-infra::Done\" ~alerting\n- infra/production#1190 — Alert on volume drop — @mkowalczyk — ~\"workflow-infra::Ready\"\n- Tidy the runbook — ~docs\n- Price is ~5 USD — @ana\n";
        let got = read_all(body);
        assert_eq!(
            status_owner_text(&got),
            [
                (InProgress, Some("oyelaran"), "Use IRSA for cert-manager"),
                (Done, Some("sbrandt"), "Route the alerts"),
                (Open, Some("mkowalczyk"), "Alert on volume drop"),
                (Open, None, "Tidy the runbook"),
                (Open, Some("ana"), "Price is ~5 USD"),
            ]
        );
        assert_eq!(gitlab_labels("~a ~\"b c\""), Some(vec!["a", "b c"]));
        assert_eq!(gitlab_labels("~\"open"), None);
        assert_eq!(gitlab_labels("about ~5"), None);
        assert_eq!(gitlab_labels("~5"), None);
    }

    #[test]
    fn a_pandoc_simple_table_of_actions_is_a_table() {
        let body = "Corrective Actions\n------------------\n\n  \\#   Action                                   Owner             Due          Status\n  ---- ---------------------------------------- ----------------- ------------ -----------\n  1    Treat bulk partial failures as errors    Dmitri Volkov     2025-01-17   Complete\n  2    Add a “create then search” probe         Marcus Lee        2025-02-14   In progress\n  3    Update the runbook for index counts       Ana Ruiz          2025-01-24   Not started\n\n  : Table 3: Corrective actions\n";
        let got = read_all(body);
        assert_eq!(
            status_owner_text(&got),
            [
                (
                    Done,
                    Some("Dmitri Volkov"),
                    "Treat bulk partial failures as errors"
                ),
                (
                    InProgress,
                    Some("Marcus Lee"),
                    "Add a “create then search” probe"
                ),
                (
                    Open,
                    Some("Ana Ruiz"),
                    "Update the runbook for index counts"
                ),
            ],
            "the last row written a character out of line"
        );
        assert_eq!(got.action_items[0].due, date("2025-01-17"));
        // A multiline table (a full line of dashes over its header, rows that wrap) is not
        // read as one.
        let body = "## Action items\n\n  ----------------------------------------------------\n  Action                              Owner          Due\n  ----------------------------------- -------------- ----------\n  Add alerting on queue depth so we   Ana Ruiz       2024-05-01\n  know earlier\n\n  Rotate the signing keys             Bob Lee        2024-06-01\n  ----------------------------------------------------\n";
        let items = read_all(body).action_items;
        assert!(items.iter().all(|a| a.owner.is_none()), "{items:?}");
    }

    #[test]
    fn a_mention_by_a_whole_name_is_its_owner_when_the_name_is_known() {
        let body = "Reviewers: Dan Moreau, Keiko Tanaka\n\n## Action items\n\n- [ ] @Dan Moreau change the deploy hook to use the full chain\n- [ ] @Keiko Tanaka add a non-browser synthetic check\n- [ ] @Ana Fix the alert routing\n";
        assert_eq!(
            status_owner_text(&read_all(body)),
            [
                (
                    Open,
                    Some("Dan Moreau"),
                    "change the deploy hook to use the full chain"
                ),
                (
                    Open,
                    Some("Keiko Tanaka"),
                    "add a non-browser synthetic check"
                ),
                (Open, Some("Ana"), "Fix the alert routing"),
            ]
        );
        // Two mentions alike are no name.
        let body = "## Action items\n\n- [ ] @Priya Add a canary stage\n- [ ] @Priya Add a rollback link\n";
        assert_eq!(
            status_owner_text(&read_all(body)),
            [
                (Open, Some("Priya"), "Add a canary stage"),
                (Open, Some("Priya"), "Add a rollback link"),
            ]
        );
    }

    #[test]
    fn a_start_stop_continue_retro_commits_to_its_start_column() {
        let body = "## The facts\n\n- Impact: logins failed.\n\n## Start\n\n- Refetch the keys on an unknown `kid` — owner: Arjun Mehta\n- Alert on the 401 rate — owner: Keisha Brown\n\n## Stop\n\n- Stop debugging in DMs.\n\n## Continue\n\n- Flushing caches as a quick mitigation.\n";
        let got = read_all(body);
        assert_eq!(
            status_owner_text(&got),
            [
                (
                    Open,
                    Some("Arjun Mehta"),
                    "Refetch the keys on an unknown kid"
                ),
                (Open, Some("Keisha Brown"), "Alert on the 401 rate"),
            ]
        );
        // `## Start` alone is no list of actions.
        let alone = "## Start\n\n- The deploy began at 10:05.\n\n## Timeline\n\n- 10:05 deploy\n";
        assert!(read_all(alone).action_items.is_empty());
        // A French plan's carrier and its dropped item.
        let plan = "## Plan d'action\n\n| Action | Porteur | Statut |\n| --- | --- | --- |\n| Interdire la purge complète | Camille Lefebvre | Fait |\n| Passer sur GPU | Nicolas Garnier | Abandonné |\n";
        assert_eq!(
            status_owner_text(&read_all(plan)),
            [
                (
                    Done,
                    Some("Camille Lefebvre"),
                    "Interdire la purge complète"
                ),
                (
                    ActionStatus::WontDo,
                    Some("Nicolas Garnier"),
                    "Passer sur GPU"
                ),
            ]
        );
    }

    #[test]
    fn owners_named_without_a_colon_and_a_declined_status_with_why() {
        let body = "## Follow-ups\n\n- DBA-771: Alert on inactive slots — owner jkowalski — open\n- DBA-775: Predictive disk alert — owner: unassigned — open\n- [x] #4412 Restart the controller on Secret changes — assigned to kbianchi\n- [ ] acme/sec#13 Notify each credential's consumers — assigned to Julien Faure, due 2024-08-16\n- [ ] ~~Move release builds~~ — won’t do, see discussion in #4418\n- [ ] Owner review of the runbook — assigned to the whole team, which is not a name.\n- Update the runbook — owner approval needed\n- Rotate the key — owner pending\n- Page the DBA — assigned to the SRE team\n";
        let got = read_all(body);
        assert_eq!(
            status_owner_text(&got),
            [
                (Open, Some("jkowalski"), "Alert on inactive slots"),
                (Open, None, "Predictive disk alert"),
                (
                    Done,
                    Some("kbianchi"),
                    "Restart the controller on Secret changes"
                ),
                (
                    Open,
                    Some("Julien Faure"),
                    "Notify each credential's consumers"
                ),
                (
                    ActionStatus::WontDo,
                    None,
                    "Move release builds — see discussion in #4418"
                ),
                (
                    Open,
                    None,
                    "Owner review of the runbook — assigned to the whole team, which is not a name."
                ),
                (Open, None, "Update the runbook — owner approval needed"),
                (Open, None, "Rotate the key — owner pending"),
                (Open, Some("SRE team"), "Page the DBA"),
            ]
        );
        assert_eq!(got.action_items[3].due, date("2024-08-16"));
    }

    #[test]
    fn a_bug_columns_status_in_capitals() {
        let body = "## Action Items\n\n| Action Item | Type | Owner | Bug |\n|---|---|---|---|\n| Revert the change | mitigate | jpark | n/a **DONE** |\n| Add a policy | prevent | mh | INFRA-1201 **TODO** |\n| Re-enable updates | prevent | tok | INFRA-1187 **STARTED** |\n| Alert on reloads | detect | lc | INFRA-1203 |\n";
        let got = read_all(body);
        let statuses: Vec<_> = got.action_items.iter().map(|a| a.status).collect();
        assert_eq!(statuses, [Done, Open, InProgress, Open]);
        let body = "## Action items\n\n- Block merging of WIP merge requests\n- Removed the TODO stubs from the loader\n- Block deploys of builds tagged WIP\n- Alert when a job stays STARTED\n";
        let statuses: Vec<_> = (read_all(body).action_items.iter())
            .map(|a| a.status)
            .collect();
        assert_eq!(statuses, [Open, Done, Open, Open]);
    }

    #[test]
    fn a_five_whys_last_answer_is_the_root_cause_when_nothing_else_names_one() {
        let body = "## 5 Whys\n\n1. **Why did checkouts fail?** The tax engine threw.\n2. **Why was it used?** The flag's default served true.\n   - a detail\n3. **Why could tax-engine-v2 break checkout?** Because tax-engine-v2 has no fallback to v1.\n";
        let got = read_all(body);
        let causes: Vec<_> = (got.causes.iter())
            .map(|c| (c.text.as_str(), c.root))
            .collect();
        assert_eq!(causes, [("Tax-engine-v2 has no fallback to v1.", true)]);
        let as_written = "## 5 Whys\n\n1. **Why did checkouts fail?** tax-engine-v2 threw.\n";
        assert_eq!(read_all(as_written).causes[0].text, "tax-engine-v2 threw.");
        assert_eq!(&body[got.causes[0].at.unwrap()..][..13], "tax-engine-v2");
        // Statements, no questions: the last one.
        let body = "## Five whys\n\n1. The API returned 500s.\n2. The pool was exhausted.\n3. Pool size is not reviewed on upgrades.\n";
        let got = read_all(body);
        assert_eq!(got.causes[0].text, "Pool size is not reviewed on upgrades.");
        // A question answered under it, and one not answered.
        let body = "## Five whys\n\n1. Why did checkout fail?\n   - Because the tax engine threw.\n2. Why was there no fallback?\n   - Because nobody designed one.\n";
        assert_eq!(read_all(body).causes[0].text, "Nobody designed one.");
        let body = "## Five whys\n\n1. Why did checkout fail?\n2. Why was there no fallback?\n";
        assert!(read_all(body).causes.is_empty());
        // A root cause section wins.
        let body = "## Root cause\n\n- The chart renamed a key.\n\n## Five whys\n\n1. Why? Because the key was ignored.\n";
        let got = read_all(body);
        let texts: Vec<_> = got.causes.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["The chart renamed a key."]);
    }

    #[test]
    fn a_sentence_of_the_prose_that_says_the_root_cause_is_one_when_no_section_does() {
        let texts = |body: &str| -> Vec<String> {
            read_all(body)
                .causes
                .iter()
                .map(|c| c.text.clone())
                .collect()
        };
        // `DR.` and a zone's letter end a sentence, followed by another.
        assert_eq!(
            texts(
                "## Summary\n\nCheckout failed. The root cause was a failover of the primary database to DR. On-call rolled back at 10:40.\n"
            ),
            ["A failover of the primary database to DR"]
        );
        assert_eq!(
            texts(
                "## Summary\n\nThe root cause was a bad route table pushed to zone B. Engineers rolled it back.\n"
            ),
            ["A bad route table pushed to zone B"]
        );
        let body = "## What happened\n\nUploads failed on Sunday. The cause was a bucket policy change\nmade by hand on Friday. It was reverted.\n";
        assert_eq!(
            texts(body),
            ["A bucket policy change made by hand on Friday"]
        );
        let body = "## Analysis\n\nThe root cause was that `notification-worker` retried with no backoff.\n";
        assert_eq!(
            texts(body),
            ["`notification-worker` retried with no backoff"]
        );
        let body = "Some notes.\n\n[1:09 PM] jmorales: so root cause: shared default redis + keys without TTL\n";
        assert_eq!(texts(body), ["Shared default redis + keys without TTL"]);
        let body =
            "We rebuilt the index. Root cause, in one line: the alias swap had no sanity check.\n";
        assert_eq!(texts(body), ["The alias swap had no sanity check"]);
        // Not a cause: unknown, inside a sentence, in code, or where a section names one.
        assert!(texts("The cause was not found until Monday.\n").is_empty());
        assert!(texts("We thought the cause was the CDN, but it was not.\n").is_empty());
        assert!(texts("```\nroot cause: human error\n```\n").is_empty());
        // Said of the cause, not what it was; a timeline's entry.
        for said in [
            "The root cause was quickly identified by the on-call engineer.\n",
            "The root cause was never determined; we suspect the CDN.\n",
            "The root cause was the subject of a long debate.\n",
            "## Timeline\n\n- 10:42: The root cause was identified, rollback started.\n",
        ] {
            assert!(texts(said).is_empty(), "{said}");
        }
        assert_eq!(
            texts("The cause was twofold: a bad deploy and a missing alert.\n"),
            ["A bad deploy and a missing alert"]
        );
        assert_eq!(
            texts(
                "The cause was a misconfigured DNS record (e.g. a missing trailing dot) pushed on Friday.\n"
            ),
            ["A misconfigured DNS record (e.g. a missing trailing dot) pushed on Friday"]
        );
        assert_eq!(
            texts("The root cause was this query\n```sql\nSELECT * FROM orders\n```\n"),
            ["This query"]
        );
        let body =
            "## Root cause\n\n- The chart renamed a key.\n\n## Notes\n\nThe cause was the chart.\n";
        assert_eq!(texts(body), ["The chart renamed a key."]);
    }

    #[test]
    fn a_google_docs_table_with_an_empty_header_row_is_read_by_its_first_row() {
        let body = "## Action items\n\n|  |  |  |  |\n| :---- | :---- | :---- | :---- |\n| **Action item** | **Owner** | **Bug** | **Status** |\n| Keep two indices | Dev Raghunathan | b/31844 | Done |\n| Page on coverage | Marisol Ortega | b/31845 | Not started |\n";
        let got = read_all(body);
        assert_eq!(
            status_owner_text(&got),
            [
                (Done, Some("Dev Raghunathan"), "Keep two indices"),
                (Open, Some("Marisol Ortega"), "Page on coverage"),
            ]
        );
    }

    #[test]
    fn a_terse_notes_todo_list_names_its_owners_first() {
        let body = "# api 5xx\n\n- 0310 pager\n\nwhy:\n- the cron pushes main\n\ngood:\n- rollback was quick\n\nnot great:\n- runbook silent\n\nTODO:\n- [ ] ravi: push from a release tag\n- [x] sam: write this up\n- [ ] note: ask about the freeze\n- [ ] Fix: the alert delay\n";
        let got = read_all(body);
        let statuses: Vec<_> = got.action_items.iter().map(|a| a.status).collect();
        assert_eq!(statuses, [Open, Done, Open, Open]);
        let causes: Vec<_> = got.causes.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(causes, ["the cron pushes main"]);
    }

    #[test]
    fn action_tables_and_statuses_in_other_languages_are_read() {
        let body = "## Action items\n\n| Maßnahme | Verantwortlich | Status | Fällig |\n|---|---|---|---|\n| Zwischenzertifikate prüfen | Jonas | Erledigt | 2024-04-02 |\n| Ablauf überwachen | Mia | In Arbeit | |\n\n| Action corrective | Responsable | Statut | Échéance |\n|---|---|---|---|\n| Ajouter une alerte | Léa | En cours | 2024-05-01 |\n\n| 対策 | 担当者 | ステータス | 期限 |\n|---|---|---|---|\n| 証明書の期限を監視する | 佐藤 | 完了 | 2024-06-01 |\n";
        let got = read_all(body).action_items;
        let rows: Vec<_> = (got.iter())
            .map(|a| {
                (
                    a.text.as_str(),
                    a.owner.as_deref(),
                    a.status,
                    a.due.map(|d| d.to_string()),
                )
            })
            .collect();
        use ActionStatus::*;
        assert_eq!(
            rows,
            [
                (
                    "Zwischenzertifikate prüfen",
                    Some("Jonas"),
                    Done,
                    Some("2024-04-02".into())
                ),
                ("Ablauf überwachen", Some("Mia"), InProgress, None),
                (
                    "Ajouter une alerte",
                    Some("Léa"),
                    InProgress,
                    Some("2024-05-01".into())
                ),
                (
                    "証明書の期限を監視する",
                    Some("佐藤"),
                    Done,
                    Some("2024-06-01".into())
                ),
            ]
        );
        // Czech and Arabic: their headers, and statuses of one word or more (Arabic with and
        // without its vowel marks).
        let body = "## Nápravná opatření\n\n| # | Opatření | Vlastník | Stav | Termín |\n|---|---|---|---|---|\n| 1 | Přidat alert na frontu | Eva | Hotovo | |\n| 2 | Zdvojit worker | Jan | Probíhá | |\n| 3 | Přepsat klienta | Eva | Nebude řešeno | – |\n| 4 | Doplnit runbook | Jan | Otevřeno | |\n\n## الإجراءات التصحيحية\n\n| # | الإجراء | المسؤول | الحالة |\n|---|---|---|---|\n| ١ | إضافة تنبيه | ليلى | مكتمل |\n| ٢ | تحديث الدليل | — | قيد التنفيذ |\n| ٣ | نقل الخدمة | عمر | لن يُنفَّذ |\n| ٤ | مراجعة الإعدادات | عمر | لن ينفذ |\n| ٥ | كتابة اختبار | ليلى | مفتوح |\n";
        let got = read_all(body).action_items;
        let rows: Vec<_> = (got.iter())
            .map(|a| (a.text.as_str(), a.owner.as_deref(), a.status))
            .collect();
        assert_eq!(
            rows,
            [
                ("Přidat alert na frontu", Some("Eva"), Done),
                ("Zdvojit worker", Some("Jan"), InProgress),
                ("Přepsat klienta", Some("Eva"), WontDo),
                ("Doplnit runbook", Some("Jan"), Open),
                ("إضافة تنبيه", Some("ليلى"), Done),
                ("تحديث الدليل", None, InProgress),
                ("نقل الخدمة", Some("عمر"), WontDo),
                ("مراجعة الإعدادات", Some("عمر"), WontDo),
                ("كتابة اختبار", Some("ليلى"), Open),
            ]
        );
        // Hebrew and Finnish: their headers, and statuses with a note after them.
        let body = "## פעולות מתקנות\n\n| # | משימה | אחראי | תאריך יעד | סטטוס |\n|---|---|---|---|---|\n| 1 | הוספת התראה על התור | יעל | 01.03.2025 | הושלם |\n| 2 | כתיבת runbook | — | — | בביצוע |\n| 3 | מעבר לספק אחר | דוד | — | לא יבוצע (הוחלט אחרת) |\n| 4 | בדיקת עומסים | יעל | — | פתוח |\n\n## Korjaavat toimenpiteet\n\n| # | Toimenpide | Vastuuhenkilö | Määräaika | Tila |\n|---|---|---|---|---|\n| 1 | Lisää hälytys jonolle | Eero | 3.3.2025 | Valmis |\n| 2 | Päivitä ohje | Liisa | | Työn alla |\n| 3 | Vaihda asiakaskirjasto | Eero | | Ei tehdä |\n| 4 | Kuormitustesti | Liisa | | Avoin |\n";
        let got = read_all(body).action_items;
        let rows: Vec<_> = (got.iter())
            .map(|a| (a.text.as_str(), a.owner.as_deref(), a.status))
            .collect();
        assert_eq!(
            rows,
            [
                ("הוספת התראה על התור", Some("יעל"), Done),
                ("כתיבת runbook", None, InProgress),
                ("מעבר לספק אחר", Some("דוד"), WontDo),
                ("בדיקת עומסים", Some("יעל"), Open),
                ("Lisää hälytys jonolle", Some("Eero"), Done),
                ("Päivitä ohje", Some("Liisa"), InProgress),
                ("Vaihda asiakaskirjasto", Some("Eero"), WontDo),
                ("Kuormitustesti", Some("Liisa"), Open),
            ]
        );
        // Ukrainian, Greek and Norwegian: their headers (a `№` or `Nr.` column first), and
        // statuses, one in capitals without its stress marks.
        let body = "## Коригувальні заходи\n\n| № | Захід | Відповідальний | Термін | Статус |\n|---|---|---|---|---|\n| 1 | Додати алерт на чергу | Оксана | 01.03.2025 | Виконано |\n| 2 | Оновити runbook | Петро | — | У роботі |\n| 3 | Змінити постачальника | Оксана | — | Відхилено на розборі |\n| 4 | Навантажувальний тест | Петро | — | Не розпочато |\n\n## Διορθωτικές ενέργειες\n\n| # | Ενέργεια | Υπεύθυνος | Προθεσμία | Κατάσταση |\n|---|---|---|---|---|\n| 1 | Alert για την ουρά | Σοφία | 01/03/2025 | ΟΛΟΚΛΗΡΩΘΗΚΕ |\n| 2 | Ενημέρωση runbook | Κώστας | | Σε εξέλιξη |\n| 3 | Αλλαγή παρόχου | Σοφία | | Δεν θα γίνει |\n| 4 | Δοκιμή φορτίου | Κώστας | | Ανοιχτό |\n\n## Tiltak\n\n| Nr. | Tiltak | Ansvarlig | Frist | Status |\n|---|---|---|---|---|\n| 1 | Alarm på køen | Kari | 01.03.2025 | Fullført |\n| 2 | Oppdater runbook | Ola | | Pågår |\n| 3 | Bytt leverandør | Kari | | Forkastet |\n| 4 | Lasttest | Ola | | Ikke startet |\n";
        let got = read_all(body).action_items;
        let rows: Vec<_> = (got.iter())
            .map(|a| (a.text.as_str(), a.owner.as_deref(), a.status))
            .collect();
        assert_eq!(
            rows,
            [
                ("Додати алерт на чергу", Some("Оксана"), Done),
                ("Оновити runbook", Some("Петро"), InProgress),
                ("Змінити постачальника", Some("Оксана"), WontDo),
                ("Навантажувальний тест", Some("Петро"), Open),
                ("Alert για την ουρά", Some("Σοφία"), Done),
                ("Ενημέρωση runbook", Some("Κώστας"), InProgress),
                ("Αλλαγή παρόχου", Some("Σοφία"), WontDo),
                ("Δοκιμή φορτίου", Some("Κώστας"), Open),
                ("Alarm på køen", Some("Kari"), Done),
                ("Oppdater runbook", Some("Ola"), InProgress),
                ("Bytt leverandør", Some("Kari"), WontDo),
                ("Lasttest", Some("Ola"), Open),
            ]
        );
        // Danish, Romanian and Hungarian: their headers and statuses; Romanian's as a list's
        // `responsabil:` and `status:` parts.
        let body = "## Handlinger\n\n| # | Handling | Ansvarlig | Deadline | Status |\n|---|---|---|---|---|\n| 1 | Alarm på køen | Lise | 1. marts 2025 | Færdig |\n| 2 | Opdater runbook | Jens | | I gang |\n| 3 | Skift leverandør | Lise | | Droppet |\n\n## Acțiuni\n\n- [x] **Alertă pe coadă** — responsabil: Ana Pop — status: finalizat\n- [ ] **Test de încărcare** — responsabil: Dan Ene — status: în lucru, termen 1 martie 2025\n- [ ] **Schimbarea furnizorului** — responsabil: Ana Pop — status: anulat\n\n## Teendők\n\n| # | Teendő | Felelős | Határidő | Állapot |\n|---|---|---|---|---|\n| 1 | Riasztás a sorra | Kiss Anna | 2025. március 1. | Kész |\n| 2 | Terheléses teszt | Tóth Ádám | – | Folyamatban |\n| 3 | Szolgáltatóváltás | Kiss Anna | – | Elvetve |\n";
        let got = read_all(body).action_items;
        let rows: Vec<_> = (got.iter())
            .map(|a| (a.text.as_str(), a.owner.as_deref(), a.status))
            .collect();
        assert_eq!(
            rows,
            [
                ("Alarm på køen", Some("Lise"), Done),
                ("Opdater runbook", Some("Jens"), InProgress),
                ("Skift leverandør", Some("Lise"), WontDo),
                ("Alertă pe coadă", Some("Ana Pop"), Done),
                ("Test de încărcare", Some("Dan Ene"), InProgress),
                ("Schimbarea furnizorului", Some("Ana Pop"), WontDo),
                ("Riasztás a sorra", Some("Kiss Anna"), Done),
                ("Terheléses teszt", Some("Tóth Ádám"), InProgress),
                ("Szolgáltatóváltás", Some("Kiss Anna"), WontDo),
            ]
        );
        // Catalan, Slovak and Hindi: their headers and statuses (a check mark after one, an owner
        // not yet named); Slovak's as a list's `zodpovedný:` and `stav:` parts.
        let body = "## Accions\n\n| Acció | Responsable | Termini | Estat |\n|---|---|---|---|\n| Alerta de disc ple | Núria Vila | 3 de març de 2025 | Fet ✓ |\n| Revisar el runbook | Oriol Camps | | En curs |\n| Canviar de proveïdor | Sense assignar | | Descartat |\n\n## Nápravné opatrenia\n\n- **Alert na plný disk** — zodpovedný: Jana Kráľová — stav: hotové\n- **Záťažový test** — zodpovedný: Marek Novák — stav: prebieha, termín 3. marca 2025\n- **Zmena dodávateľa** — zodpovedný: Jana Kráľová — stav: zamietnuté\n\n## कार्य बिंदु\n\n| कार्य | ज़िम्मेदार | समय-सीमा | स्थिति |\n|---|---|---|---|\n| डिस्क भरने पर अलर्ट | नेहा गुप्ता | 3 मार्च 2025 | पूर्ण |\n| लोड टेस्ट | अमित सिंह | – | प्रगति पर |\n| प्रदाता बदलना | नेहा गुप्ता | – | लंबित |\n| पुराना सर्वर रखना | अमित सिंह | – | रद्द |\n";
        let got = read_all(body).action_items;
        let rows: Vec<_> = (got.iter())
            .map(|a| (a.text.as_str(), a.owner.as_deref(), a.status))
            .collect();
        assert_eq!(
            rows,
            [
                ("Alerta de disc ple", Some("Núria Vila"), Done),
                ("Revisar el runbook", Some("Oriol Camps"), InProgress),
                ("Canviar de proveïdor", None, WontDo),
                ("Alert na plný disk", Some("Jana Kráľová"), Done),
                ("Záťažový test", Some("Marek Novák"), InProgress),
                ("Zmena dodávateľa", Some("Jana Kráľová"), WontDo),
                ("डिस्क भरने पर अलर्ट", Some("नेहा गुप्ता"), Done),
                ("लोड टेस्ट", Some("अमित सिंह"), InProgress),
                ("प्रदाता बदलना", Some("नेहा गुप्ता"), Open),
                ("पुराना सर्वर रखना", Some("अमित सिंह"), WontDo),
            ]
        );
    }

    #[test]
    fn labelled_fields_on_an_items_next_lines_are_each_read() {
        let body = "## Action items\n\n1. Add a lock timeout to migrations\n   **Owner**: @kwame\n   **Due**: 2024-05-20\n   **Ticket**: LEDGER-311\n   **Status**: In progress\n2. Page on lock waits — **Owner**: @kwame, **Ticket**: LEDGER-314, **Status**: Done\n";
        let got = read_all(body).action_items;
        let rows: Vec<_> = (got.iter())
            .map(|a| {
                (
                    a.text.as_str(),
                    a.owner.as_deref(),
                    a.ticket.as_deref(),
                    a.status,
                    a.due.map(|d| d.to_string()),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "Add a lock timeout to migrations",
                    Some("kwame"),
                    Some("LEDGER-311"),
                    ActionStatus::InProgress,
                    Some("2024-05-20".to_string())
                ),
                (
                    "Page on lock waits",
                    Some("kwame"),
                    Some("LEDGER-314"),
                    ActionStatus::Done,
                    None
                ),
            ]
        );
    }

    #[test]
    fn a_break_in_a_cell_parts_its_words() {
        let body = "## Action items\n\n| Action | Owner |\n|---|---|\n| Coalesce requests<br>for one image | Marketing ops<br/>(Jana P.) |\n";
        let got = read_all(body).action_items;
        assert_eq!(got[0].text, "Coalesce requests for one image");
        assert_eq!(got[0].owner.as_deref(), Some("Marketing ops (Jana P.)"));
    }

    #[test]
    fn table_columns_are_found_by_header_name_in_any_order_and_case() {
        let body = "## ACTION ITEMS\n\n| Status | BUG | Action Item | owner | Type | Due date |\n|---|---|---|---|---|---|\n| Done | EDGE-1180 | Staged rollout for WAF changes | @yusuf | prevent | 2019-08-01 |\n| in progress | [T-9](https://jira.example/browse/T-9) | Alert on CPU per PoP | dana | monitoring | |\n|  | | | nobody | | |\n";
        let got = read_all(body).action_items;
        assert_eq!(got.len(), 2, "a row without text is no item: {got:?}");
        let a = &got[0];
        assert_eq!(a.text, "Staged rollout for WAF changes");
        assert_eq!(a.owner.as_deref(), Some("yusuf"));
        assert_eq!(a.ticket.as_deref(), Some("EDGE-1180"));
        assert_eq!((a.kind, a.status), (Some(ActionKind::Prevent), Done));
        assert_eq!(a.due, date("2019-08-01"));
        assert_eq!(&body[a.at.unwrap()..a.at.unwrap() + 6], "Staged");
        let b = &got[1];
        assert_eq!(b.ticket.as_deref(), Some("https://jira.example/browse/T-9"));
        assert_eq!((b.kind, b.status), (Some(ActionKind::Detect), InProgress));
        assert_eq!(b.path, "", "no YAML path: the item is in the body");
    }

    #[test]
    fn a_table_without_a_text_column_gives_nothing() {
        let body = "## Action items\n\n| Name | Role |\n|---|---|\n| Dana | IC |\n";
        assert!(read_all(body).action_items.is_empty());
    }

    #[test]
    fn html_tables_of_wiki_exports_are_read_as_text() {
        let body = "### Remediation\n\n<table>\n<tr><th>#</th><th>Action</th><th>Owner</th><th>Jira</th><th>Status</th></tr>\n<tr><td>1</td><td>Move logs to <b>another</b> volume &amp; <script>alert(1)</script>compress</td><td>Ravi</td><td>DBA-301</td><td>In progress</td></tr>\n<tr><td>2</td><td>Alert at 85%<br>disk</td><td>Dana</td><td>INFRA-1410</td><td>Done</td></tr>\n</table>\n";
        let got = read_all(body).action_items;
        let rows: Vec<_> = got
            .iter()
            .map(|a| {
                (
                    a.text.as_str(),
                    a.owner.as_deref(),
                    a.ticket.as_deref(),
                    a.status,
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "Move logs to another volume & alert(1)compress",
                    Some("Ravi"),
                    Some("DBA-301"),
                    InProgress
                ),
                ("Alert at 85% disk", Some("Dana"), Some("INFRA-1410"), Done),
            ]
        );
        assert!(
            got.iter().all(|a| !a.text.contains('<')),
            "no markup is kept"
        );
        assert_eq!(
            got[1].kind,
            Some(ActionKind::Detect),
            "`alert` is detection"
        );
    }

    #[test]
    fn obsidian_tasks_give_due_and_done_dates_and_a_noted_owner() {
        let body = "## Action items\n\n- [ ] Add cross-AZ replicas [[Priya Nair]] 📅 2025-01-24 #action\n- [x] Raise the timeout ✅ 2025-01-15 @dan.k\n- [ ] Game day for failover @priya ⏫ 📅 2025-01-31 🔁 every month\n- [ ] Read [[Runbook - Redis Sentinel]] again\n";
        let got = read_all(body).action_items;
        let rows: Vec<_> = (got.iter())
            .map(|a| {
                (
                    a.text.as_str(),
                    a.owner.as_deref(),
                    a.due.map(|d| d.to_string()),
                    a.completed.map(|d| d.to_string()),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "Add cross-AZ replicas",
                    Some("Priya Nair"),
                    Some("2025-01-24".into()),
                    None
                ),
                (
                    "Raise the timeout",
                    Some("dan.k"),
                    None,
                    Some("2025-01-15".into())
                ),
                (
                    "Game day for failover",
                    Some("priya"),
                    Some("2025-01-31".into()),
                    None
                ),
                ("Read Runbook - Redis Sentinel again", None, None, None),
            ]
        );
    }

    #[test]
    fn a_kind_first_and_gitlab_labels_are_no_words_of_an_item() {
        let body = "## Action items\n\n- Prevent: Make the readiness probe check the cache ~\"corrective action\" @ana\n- Alert on a ~5% error rate ~security\n";
        let got = read_all(body).action_items;
        let rows: Vec<_> = (got.iter()).map(|a| (a.text.as_str(), a.kind)).collect();
        assert_eq!(
            rows,
            [
                (
                    "Make the readiness probe check the cache",
                    Some(ActionKind::Prevent)
                ),
                ("Alert on a ~5% error rate", Some(ActionKind::Detect))
            ]
        );
    }

    #[test]
    fn a_priority_first_and_an_unassigned_owner_are_no_words_of_an_item() {
        let body = "## Action items\n\n- [P1] Add a connection limit per job — @nina — ORD-91\n- [ ] Write up the replay in the runbook — unassigned\n";
        let got = read_all(body).action_items;
        let rows: Vec<_> = (got.iter())
            .map(|a| (a.text.as_str(), a.owner.as_deref()))
            .collect();
        assert_eq!(
            rows,
            [
                ("Add a connection limit per job", Some("nina")),
                ("Write up the replay in the runbook", None)
            ]
        );
    }

    #[test]
    fn a_label_that_groups_tasks_is_no_item_and_its_tasks_are() {
        let body = "## Action items\n\n### Prevent\n\n- Upgrade safety\n    - [x] Add a PodDisruptionBudget to Kafka — @rvasquez — PLAT-3302\n    - [ ] Set surge upgrades on prod pools — @aking — PLAT-3301\n- [ ] Runbook: pausing an upgrade — @aking — PLAT-3308\n- Keep the change calendar\n  - because upgrades must be planned\n";
        let got = read_all(body).action_items;
        let rows: Vec<_> = (got.iter())
            .map(|a| (a.text.as_str(), a.owner.as_deref(), a.status, a.kind))
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "Add a PodDisruptionBudget to Kafka",
                    Some("rvasquez"),
                    Done,
                    Some(ActionKind::Prevent)
                ),
                (
                    "Set surge upgrades on prod pools",
                    Some("aking"),
                    Open,
                    Some(ActionKind::Prevent)
                ),
                (
                    "Runbook: pausing an upgrade",
                    Some("aking"),
                    Open,
                    Some(ActionKind::Prevent)
                ),
                (
                    "Keep the change calendar",
                    None,
                    Open,
                    Some(ActionKind::Prevent)
                ),
            ]
        );
    }

    #[test]
    fn checkbox_lists_give_status_owner_and_ticket() {
        let body = "## Follow-ups\n\n- [x] Revert `concurrency` to 8 (@ines, PAY-2040)\n- [ ] Separate pools, see [the ticket](https://tracker.example/issues/77) @kenji\n- [ ] Call the bank (@ines + partnerships, no ticket)\n  - a nested note is not an item\n- Plain item without owner\n";
        let got = read_all(body).action_items;
        let rows: Vec<_> = got
            .iter()
            .map(|a| {
                (
                    a.text.as_str(),
                    a.owner.as_deref(),
                    a.ticket.as_deref(),
                    a.status,
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "Revert concurrency to 8",
                    Some("ines"),
                    Some("PAY-2040"),
                    Done
                ),
                (
                    "Separate pools, see the ticket",
                    Some("kenji"),
                    Some("https://tracker.example/issues/77"),
                    Open
                ),
                ("Call the bank", Some("ines"), None, Open),
                ("Plain item without owner", None, None, Open),
            ]
        );
    }

    #[test]
    fn an_owner_mentioned_first_alone_in_its_part_is_the_items() {
        let body = "## Action items\n\n- [ ] @Ananya Iyer – Add per-partition max-lag alert – Due Fri, 19 Jul\n- [x] @rohit – Change the partition key back\n- [ ] @Sam Lee and @Bo – Pair on the runbook\n- [ ] Add an alert on checkout 5xx — Payments squad\n- [ ] Raise quotas — Jean du Pont\n- [ ] Write the runbook (Data eng)\n";
        let got = read_all(body).action_items;
        let rows: Vec<_> = (got.iter())
            .map(|a| (a.text.as_str(), a.owner.as_deref()))
            .collect();
        assert_eq!(rows[0].1, Some("Ananya Iyer"));
        assert!(
            rows[0].0.starts_with("Add per-partition max-lag alert"),
            "{rows:?}"
        );
        assert_eq!(rows[1], ("Change the partition key back", Some("rohit")));
        // Two people first: not one mention alone, the text keeps them.
        assert!(rows[2].0.contains("Pair on the runbook"), "{rows:?}");
        // Teams and names with lower-case words are owners.
        assert_eq!(
            rows[3],
            ("Add an alert on checkout 5xx", Some("Payments squad"))
        );
        assert_eq!(rows[4], ("Raise quotas", Some("Jean du Pont")));
        assert_eq!(rows[5], ("Write the runbook", Some("Data eng")));
    }

    #[test]
    fn what_follows_a_crossed_out_task_is_said_of_it() {
        let body = "## Follow-ups\n\n- [ ] ~~Move queue state to Postgres~~ not doing this, see comment below\n- [ ] ~~Shard the queue~~, dropped for now\n- [x] ~~Pin the client~~ done in #2190\n- [ ] ~~Old idea~~\n- [ ] Keep ~~two~~ one replica warm\n- [ ] ~~Alice~~ Bob: add an alert\n";
        let got = read_all(body).action_items;
        let rows: Vec<_> = (got.iter()).map(|a| (a.text.as_str(), a.status)).collect();
        assert_eq!(
            rows,
            [
                (
                    "Move queue state to Postgres — see comment below",
                    ActionStatus::WontDo
                ),
                ("Shard the queue", ActionStatus::WontDo),
                ("Pin the client — done in #2190", Done),
                // Crossed out and nothing said: as its box says.
                ("Old idea", Open),
                // A strike within the text is a correction, not a dropped task.
                ("Keep two one replica warm", Open),
                // Words after the strike that say no status correct it: no part of their own.
                ("Alice Bob: add an alert", Open),
            ]
        );
    }

    #[test]
    fn a_status_sentence_last_an_at_owner_and_a_due_part_are_read() {
        // A PagerDuty-style list, a Notion checklist: neither written for hindsight.
        let body = "## Action items\n\n- @kwame — Roll out NodeLocal DNSCache (OPS-2291). In progress.\n- @li.wei — Alert on ENA allowance drops (OPS-2293). Done.\n- @rosa.d — Reuse a shared HTTP client (ADDR-552). Done, shipped in v2.3.1.\n- @dana.h — Default ndots to 2. Not started.\n- Page on disk usage. Done by the storage team next quarter.\n- [x] Require approval for flag changes (LaunchDarkly approvals) — @Tessa Nguyen — done 2024-03-08\n- [ ] Fall back to v1 for unsupported jurisdictions — @Maya Chen — due March 22, 2024\n";
        let got = read_all(body).action_items;
        let rows: Vec<_> = (got.iter())
            .map(|a| {
                (
                    a.text.as_str(),
                    a.owner.as_deref(),
                    a.status,
                    a.due.map(|d| d.to_string()),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "Roll out NodeLocal DNSCache (OPS-2291).",
                    Some("kwame"),
                    InProgress,
                    None
                ),
                (
                    "Alert on ENA allowance drops (OPS-2293).",
                    Some("li.wei"),
                    Done,
                    None
                ),
                (
                    "Reuse a shared HTTP client (ADDR-552). — shipped in v2.3.1.",
                    Some("rosa.d"),
                    Done,
                    None
                ),
                ("Default ndots to 2.", Some("dana.h"), Open, None),
                // A sentence that only starts with a status word is the item's.
                (
                    "Page on disk usage. Done by the storage team next quarter.",
                    None,
                    Open,
                    None
                ),
                (
                    "Require approval for flag changes (LaunchDarkly approvals)",
                    Some("Tessa Nguyen"),
                    Done,
                    None
                ),
                (
                    "Fall back to v1 for unsupported jurisdictions",
                    Some("Maya Chen"),
                    Open,
                    Some("2024-03-22".to_string())
                ),
            ]
        );
        assert_eq!(got[5].completed, date("2024-03-08"));
        // A sentence that only starts with a status word, a status in brackets after the
        // @-name, an owner the text names, a checked box, a done part with more than a date.
        let body = "## Action items\n\n- [ ] Take a backup before each migration. Complete, not incremental.\n- Add retries — @ravi [Completed] — OPS-12\n- Rotate keys (owner: pat) — @bo\n- [x] Alert on drops (OPS-2293). In progress.\n- Rebuild the index — done 2024-03-08 by Maya\n";
        let got = read_all(body).action_items;
        let rows: Vec<_> = (got.iter())
            .map(|a| (a.text.as_str(), a.owner.as_deref(), a.status))
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "Take a backup before each migration. Complete, not incremental.",
                    None,
                    Open
                ),
                ("Add retries", Some("ravi"), Done),
                ("Rotate keys — @bo", Some("pat"), Open),
                ("Alert on drops (OPS-2293).", None, Done),
                ("Rebuild the index — done 2024-03-08 by Maya", None, Open),
            ]
        );
    }

    #[test]
    fn inline_parts_name_owner_due_and_status() {
        let body = "## Corrective actions\n\n1. Per-merchant error isolation — Owner: Femi Adeyemi — Due: 2024-03-29 — Status: Done\n2. Cert expiry alerts for all certs — Ola — INFRA-1833\n3. Restore renewal cron — Sam — INFRA-1834 (done 2020-03-03)\n4. LB in front of staging (Kenji) — needs budget approval\n5. [PLAT-781] lint rule for keepalive (Ola)\n6. Second SMS provider — product decision, parked\n";
        let got = read_all(body).action_items;
        let rows: Vec<_> = got
            .iter()
            .map(|a| {
                (
                    a.text.as_str(),
                    a.owner.as_deref(),
                    a.ticket.as_deref(),
                    a.status,
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "Per-merchant error isolation",
                    Some("Femi Adeyemi"),
                    None,
                    Done
                ),
                (
                    "Cert expiry alerts for all certs",
                    Some("Ola"),
                    Some("INFRA-1833"),
                    Open
                ),
                (
                    "Restore renewal cron",
                    Some("Sam"),
                    Some("INFRA-1834"),
                    Done
                ),
                (
                    "LB in front of staging — needs budget approval",
                    Some("Kenji"),
                    None,
                    Open
                ),
                (
                    "lint rule for keepalive",
                    Some("Ola"),
                    Some("PLAT-781"),
                    Open
                ),
                (
                    "Second SMS provider — product decision, parked",
                    None,
                    None,
                    Open
                ),
            ]
        );
        assert_eq!(got[0].due, date("2024-03-29"));
        assert_eq!(got[2].completed, date("2020-03-03"));
        assert_eq!(got[1].kind, Some(ActionKind::Detect));
    }

    #[test]
    fn causes_take_a_named_category_or_the_words_or_none() {
        let body = "## Root causes\n\n- Retry storm from payout workers (Tools)\n- The DNS TTL was a day\n- Nobody knew who held the pool\n- Retry storm from payout workers\n\n## Contributing factors\n\n- Handover note left it out (people)\n";
        let got = read_all(body).causes;
        let rows: Vec<_> = got
            .iter()
            .map(|c| (c.id.as_str(), c.category.as_str(), c.text.as_str(), c.root))
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "retry-storm-from-payout-workers",
                    "tools",
                    "Retry storm from payout workers",
                    true
                ),
                (
                    "the-dns-ttl-was-a-day",
                    "environment",
                    "The DNS TTL was a day",
                    true
                ),
                (
                    "nobody-knew-who-held-the-pool",
                    UNCATEGORIZED,
                    "Nobody knew who held the pool",
                    true
                ),
                (
                    "handover-note-left-it-out",
                    "people",
                    "Handover note left it out",
                    false
                ),
            ],
            "the repeated cause is read once"
        );
        let at = got[1].at.unwrap();
        assert_eq!(&body[at..at + 7], "The DNS");
    }

    #[test]
    fn cause_words_match_by_their_stems() {
        let config = Config::default();
        let words = stemmed_words(&config);
        for (text, category) in [
            ("Too much noise drowning important alerts", Some("tools")),
            (
                "Limited knowledge about kafka due to holidays",
                Some("people"),
            ),
            (
                "Test clusters do not validate ingress traffic",
                Some("process"),
            ),
            ("Political situation", None),
        ] {
            assert_eq!(category_by_words(text, &words), category, "{text}");
        }
        // A word of symbols only matches nothing, rather than every text.
        let (config, _) =
            Config::parse("[cause_words]\ntools = [\"&\", \"—\"]\n", "hindsight.toml");
        assert_eq!(
            category_by_words("Any cause at all", &stemmed_words(&config.unwrap())),
            None
        );
    }

    #[test]
    fn cause_words_come_from_the_config_and_can_be_none() {
        let (config, d) =
            Config::parse("[cause_words]\nprocess = [\"DNS TTL\"]\n", "hindsight.toml");
        assert!(d.is_empty(), "{d:?}");
        let config = config.unwrap();
        let body = "## Root cause\n\n- The DNS TTL was a day\n- A regex backtracked\n";
        let got = read_with(body, &config).causes;
        let cats: Vec<_> = got.iter().map(|c| c.category.as_str()).collect();
        assert_eq!(
            cats,
            ["process", UNCATEGORIZED],
            "the defaults are replaced"
        );
        let (bad, d) = Config::parse("[cause_words]\ntool = [\"x\"]\n", "hindsight.toml");
        assert!(bad.is_none());
        assert!(d[0].message.contains("`tool` is not a category"), "{d:?}");
    }

    #[test]
    fn a_prose_cause_skips_background_and_an_unknown_cause_is_none() {
        let body = "## Root cause\n\nThere is a uint64 class in the code which should only hold numbers from 0 to 2^64 - 1. The constructor did not throw on a negative value. So a negative balance was stored.\n";
        let got = read_all(body).causes;
        assert_eq!(
            got[0].text,
            "The constructor did not throw on a negative value."
        );
        let body = "## Root cause\n\nNormally, any change in bonds updates the shares. However, due to a bug, the shares were not updated.\n";
        let got = read_all(body).causes;
        assert_eq!(got[0].text, "Due to a bug, the shares were not updated.");
        let body = "## Root cause\n\nIn order to use the LSM, validators were told to create an account.\n";
        let got = read_all(body).causes;
        assert_eq!(
            got[0].text, "In order to use the LSM, validators were told to create an account.",
            "only background: the first sentence"
        );
        let body =
            "## Root cause\n\nThe source of the fraudulent charge is still unknown at this time.\n";
        assert!(read_all(body).causes.is_empty());
    }

    #[test]
    fn a_table_of_causes_gives_a_cause_a_row() {
        let body = "## Causes\n\n| Cause | Type |\n| --- | --- |\n| Shipment creation was not idempotent | Root cause |\n| v3.8.0 cut the client timeout to 5 s | Trigger |\n";
        let got: Vec<_> = (read_all(body).causes.iter())
            .map(|c| (c.text.clone(), c.root))
            .collect();
        assert_eq!(
            got,
            [
                ("Shipment creation was not idempotent".to_string(), true),
                ("v3.8.0 cut the client timeout to 5 s".to_string(), false)
            ]
        );
    }

    #[test]
    fn bold_openings_are_causes_and_an_evidence_list_is_none() {
        let body = "## Root Cause\n\nTwo distinct failures, one nested inside the other.\n\n**Primary — a push is not an apply.** Pushing did not run the sync.\n\n**Secondary — rollback destroyed its own precondition.** The old version overwrote its backup.\n";
        let got: Vec<_> = (read_all(body).causes.iter())
            .map(|c| (c.text.clone(), c.root))
            .collect();
        assert_eq!(
            got,
            [
                ("A push is not an apply".to_string(), true),
                ("Rollback destroyed its own precondition".to_string(), false)
            ]
        );
        let body = "## Root Cause\n\nAuto-update is delta-only: a failed deploy is never retried.\n\n**Confirmed evidence from the incident:**\n\n- WARN at 03:14:58 UTC: pull stopped\n- No retry was ever attempted\n";
        let got: Vec<_> = read_all(body)
            .causes
            .iter()
            .map(|c| c.text.clone())
            .collect();
        assert_eq!(
            got,
            ["Auto-update is delta-only: a failed deploy is never retried."]
        );
        let body = "## Root Cause Analysis\n\n**Primary cause:** No automatic failover between PSPs; routing weights are changed by hand.\n\n**Secondary cause:** The poller's rate limit was sized for normal callback loss.\n";
        let got: Vec<_> = (read_all(body).causes.iter())
            .map(|c| (c.text.clone(), c.root))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "No automatic failover between PSPs; routing weights are changed by hand."
                        .to_string(),
                    true
                ),
                (
                    "The poller's rate limit was sized for normal callback loss.".to_string(),
                    false
                )
            ]
        );
        let body = "## Root Cause\n\n**Confirmed (2026-06-20 follow-up test):**\n\nAuto-update is delta-only.\n";
        let got: Vec<_> = (read_all(body).causes.iter())
            .map(|c| c.text.clone())
            .collect();
        assert_eq!(got, ["Auto-update is delta-only."]);
    }

    #[test]
    fn a_prose_root_cause_is_one_cause_and_a_cause_link_names_its_id() {
        let body = "## Root cause\n\nA configuration change set the keepalive below the LB's idle timeout. It was not tested.\n\n## Trigger\n\n- The pool filled: see [[cause:pool-exhaustion]]\n";
        let got = read_all(body).causes;
        assert_eq!(
            got[0].text,
            "A configuration change set the keepalive below the LB's idle timeout."
        );
        assert_eq!(got[0].category, "tools");
        assert!(got[0].root);
        assert_eq!(got[1].id, "pool-exhaustion");
        assert!(!got[1].root, "a trigger is not a root cause");
    }

    #[test]
    fn bold_labels_of_templates_are_sections_up_to_the_next_label() {
        let body = "# Postmortem: edge CPU\n\n**Impact:** 100% of requests failed for 27 minutes.\n\n**Root Causes:** A regex backtracked on large bodies. More text.\n\nContributing:\n\n- WAF rules bypass the canary stages\n- The break-glass UI is behind the edge\n\n**Trigger:** a fastpush of ruleset 3.\n\n**Resolution:** kill switch.\n\n- not a cause\n";
        let got = read_all(body);
        assert_eq!(
            got.impact.as_deref(),
            Some("100% of requests failed for 27 minutes.")
        );
        let rows: Vec<_> = got
            .causes
            .iter()
            .map(|c| (c.text.as_str(), c.root))
            .collect();
        assert_eq!(
            rows,
            [
                ("A regex backtracked on large bodies.", true),
                ("WAF rules bypass the canary stages", false),
                ("The break-glass UI is behind the edge", false),
                ("a fastpush of ruleset 3.", false),
            ]
        );
        let at = got.causes[0].at.unwrap();
        assert_eq!(&body[at..at + 16], "**Root Causes:**");
    }

    #[test]
    fn fields_after_dots_dashes_on_a_second_line_or_in_sub_items_are_the_items() {
        let body = "## Action items\n\n- [ ] Configure a dead-letter exchange for all queues\n      Owner: @farah · Due: 2024-03-15 · Ticket: MSG-140\n- Pin the setting in our cluster - Pieter de Vries - SRCH-78 - done\n- Raise the limit - it was too low\n- Fail startup on a missing setting (Mateo, WH-220) - done\n1. Make the billing run resumable\n   - Owner: Rosa Martínez\n   - Ticket: BILL-1201\n   - Status: Done\n   - Context: the run restarts from zero\n";
        let got = read_all(body).action_items;
        let rows: Vec<_> = (got.iter())
            .map(|a| {
                (
                    a.text.as_str(),
                    a.owner.as_deref(),
                    a.ticket.as_deref(),
                    a.status,
                    a.due.map(|d| d.to_string()),
                )
            })
            .collect();
        use ActionStatus::*;
        assert_eq!(
            rows,
            [
                (
                    "Configure a dead-letter exchange for all queues",
                    Some("farah"),
                    Some("MSG-140"),
                    Open,
                    Some("2024-03-15".to_string())
                ),
                (
                    "Pin the setting in our cluster",
                    Some("Pieter de Vries"),
                    Some("SRCH-78"),
                    Done,
                    None
                ),
                ("Raise the limit - it was too low", None, None, Open, None),
                (
                    "Fail startup on a missing setting",
                    Some("Mateo"),
                    Some("WH-220"),
                    Done,
                    None
                ),
                (
                    "Make the billing run resumable",
                    Some("Rosa Martínez"),
                    Some("BILL-1201"),
                    Done,
                    None
                ),
            ]
        );
    }

    #[test]
    fn bold_lines_naming_sections_are_headings_as_google_docs_exports_write_them() {
        let body = "**Postmortem: Search indexer backlog**\n\n**Impact**\n\n*   Search showed stale prices for 6 hours.\n\n**Root Cause**\n\nThe import job wrote 2.1M rows in one batch.\n\n**Action Items**\n\n| Action | Owner | Status |\n| :---- | :---- | :---- |\n| Alert on indexer lag | Yusuf | Done |\n\n**Not a section**\n\nText.\n";
        let got = read_all(body);
        assert_eq!(
            got.impact.as_deref(),
            Some("Search showed stale prices for 6 hours.")
        );
        let causes: Vec<_> = got.causes.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(causes, ["The import job wrote 2.1M rows in one batch."]);
        assert_eq!(got.action_items.len(), 1, "{:?}", got.action_items);
        assert_eq!(got.action_items[0].owner.as_deref(), Some("Yusuf"));
    }

    #[test]
    fn impact_is_the_first_paragraph_or_the_list() {
        let got = read_all("## Impact:\n\n- 1.4M requests failed\n- 42 merchants locked out\n");
        assert_eq!(
            got.impact.as_deref(),
            Some("1.4M requests failed; 42 merchants locked out.")
        );
        let got = read_all("## Impact\n\nCheckout was down for 22 minutes.\n\n- detail\n");
        assert_eq!(
            got.impact.as_deref(),
            Some("Checkout was down for 22 minutes.")
        );
    }

    #[test]
    fn an_impact_label_that_introduces_a_list_takes_the_list_too() {
        let got = read_all(
            "**Impact**: Downtime for 1h -\n\n1) could not recover the validator keys\n2) no impact on data\n",
        );
        assert_eq!(
            got.impact.as_deref(),
            Some("Downtime for 1h - could not recover the validator keys; no impact on data.")
        );
    }

    #[test]
    fn impact_told_as_a_table_is_its_cells_after_their_headers() {
        let got = read_all(
            "## Impact\n\n| Customers Impacted | Support Cases Raised | Customer Data Loss | Incident Duration |\n|:---:|:---:|:---:|:---:|\n| US/Canada regions | 2 | None | ~24h40m |\n",
        );
        assert_eq!(
            got.impact.as_deref(),
            Some(
                "Customers Impacted: US/Canada regions, Support Cases Raised: 2, Customer Data Loss: None, Incident Duration: ~24h40m."
            )
        );
        // A table of figures and their values: each figure's.
        let got = read_all(
            "## Impact\n\n| Metric | Value |\n|---|---|\n| Failed checkouts | 1,284 |\n| Revenue at risk | ~$48k |\n",
        );
        assert_eq!(
            got.impact.as_deref(),
            Some("Failed checkouts: 1,284; Revenue at risk: ~$48k.")
        );
        let got = read_all("## Impact\n\n| Customers | Duration |\n|---|---|\n| All | 2 h |\n");
        assert_eq!(
            got.impact.as_deref(),
            Some("Customers: All, Duration: 2 h.")
        );
        // Words before the table win.
        let got = read_all("## Impact\n\nAll scans failed.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n");
        assert_eq!(got.impact.as_deref(), Some("All scans failed."));
    }

    #[test]
    fn subheadings_are_read_up_to_the_next_heading_of_their_level() {
        let body = "### Export title\n\n- not an item\n\n### Next steps\n\n- [ ] First @a\n\n#### Detail\n\n- [ ] Second @b\n\n### Discussion notes\n\n- not an item either\n";
        let texts: Vec<_> = read_all(body)
            .action_items
            .into_iter()
            .map(|a| a.text)
            .collect();
        assert_eq!(texts, ["First", "Second"]);
        // A fold whose summary names the section, up to its `</details>`.
        let body = "## Details\n\n<details>\n  <summary>Action items</summary>\n\n- [ ] Validate configs in CI @maria\n\n</details>\n\n- thanks to the on-call\n";
        let items: Vec<_> = (read_all(body).action_items.into_iter())
            .map(|a| (a.text, a.owner))
            .collect();
        assert_eq!(
            items,
            [(
                "Validate configs in CI".to_string(),
                Some("maria".to_string())
            )]
        );
        // Docusaurus tabs after the actions: a tab labelled as another section is that one.
        let body = "## What we're doing about it\n\n- Restore the cache key rule @tl\n\n<Tabs>\n  <TabItem value=\"lessons\" label=\"Lessons\" default>\n\n- A neutral migration needs a behavioural test.\n\n  </TabItem>\n  <TabItem value=\"lucky\" label=\"Where we got lucky\">\n\n- It landed on a Tuesday.\n\n  </TabItem>\n</Tabs>\n";
        let texts: Vec<_> = (read_all(body).action_items.into_iter())
            .map(|a| a.text)
            .collect();
        assert_eq!(texts, ["Restore the cache key rule"]);
    }

    #[test]
    fn exported_follow_ups_and_google_docs_headings_are_read() {
        // incident.io's follow-ups: the status in brackets after the owner; a sentence in
        // brackets is no owner.
        let body = "## Follow-ups\n\n- Alert on rebalance rate — Ravi Menon [Completed]\n- Move rendering off the hot path — Unassigned [Outstanding]\n- Delete the old runbook. (It's been replaced.)\n";
        let items: Vec<_> = (read_all(body).action_items.into_iter())
            .map(|a| (a.text, a.owner, a.status))
            .collect();
        assert_eq!(
            items,
            [
                (
                    "Alert on rebalance rate".to_string(),
                    Some("Ravi Menon".to_string()),
                    ActionStatus::Done
                ),
                (
                    "Move rendering off the hot path".to_string(),
                    None,
                    ActionStatus::Open
                ),
                (
                    "Delete the old runbook. (It's been replaced.)".to_string(),
                    None,
                    ActionStatus::Open
                ),
            ]
        );
        // A Google Docs export: `**Detection**` ends the root cause's label.
        let body = "**Root cause**\n\nThe amount was formatted with the request's locale.\n\n**Detection**\n\nA support lead noticed at 09:35.\n\n**Resolution**\n\nWe rolled back.\n";
        let causes: Vec<_> = (read_all(body).causes.into_iter())
            .map(|c| c.text)
            .collect();
        assert_eq!(
            causes,
            ["The amount was formatted with the request's locale."]
        );
    }

    #[test]
    fn an_owner_sentence_and_an_action_item_label_are_read() {
        let body = "## Action items\n\n- Start incidents earlier when customers report issues. Owner: @lucas\n- Keep this. It has a sentence: and a colon\n\n## Remediation\n\nWe fixed it.\n\n**Action item:** Page on customer reports. Owner: @ines\n";
        let items: Vec<_> = read_all(body)
            .action_items
            .into_iter()
            .map(|a| (a.text, a.owner))
            .collect();
        assert_eq!(
            items,
            [
                (
                    "Start incidents earlier when customers report issues.".to_string(),
                    Some("lucas".to_string())
                ),
                (
                    "Keep this. It has a sentence: and a colon".to_string(),
                    None
                ),
                (
                    "Page on customer reports.".to_string(),
                    Some("ines".to_string())
                ),
            ]
        );
    }

    #[test]
    fn the_impact_is_the_first_prose_or_list_not_a_metadata_line() {
        let impact = |body: &str| read_all(body).impact;
        assert_eq!(
            impact("## Impact\n\n**Severity:** Major (High Impact)\n\n**Affected customers:** 305 teams\n").as_deref(),
            Some("Affected customers: 305 teams")
        );
        assert_eq!(
            impact("## Impact\n\n- 9 SDKs received malicious versions\n- 0 customer executions\n\nSDKs in other languages were not affected.\n").as_deref(),
            Some("9 SDKs received malicious versions; 0 customer executions.")
        );
        assert_eq!(
            impact("## Impact\n\nThe following were down:\n\n- checkout\n- search\n").as_deref(),
            Some("The following were down: checkout; search.")
        );
        assert_eq!(
            impact("## Impact\n\nCheckout was down for 20 minutes.\n\n- 300 orders lost\n")
                .as_deref(),
            Some("Checkout was down for 20 minutes.")
        );
    }

    #[test]
    fn a_heading_over_action_items_gives_their_status_and_keeps_its_links() {
        let body = "## Remediation\n\n### Immediate Actions (Completed)\n\n- Timeouts moved to runtime configuration\n- Timeout values increased\n\n### Short-term Improvements (In Progress - [GitHub Issue #39133](https://github.com/example/app/issues/39133))\n\n- Circuit breaker implementation\n- [ ] Load tests for peak\n\n### Completed\n\n- Reverted the change\n\n### Fixed later in the quarter\n\n- Consider a new cache\n";
        let items: Vec<_> = read_all(body)
            .action_items
            .into_iter()
            .map(|a| (a.text, a.status, a.ticket))
            .collect();
        let done = ActionStatus::Done;
        assert_eq!(
            items,
            [
                ("Timeouts moved to runtime configuration".into(), done, None),
                ("Timeout values increased".into(), done, None),
                (
                    "Circuit breaker implementation".into(),
                    ActionStatus::InProgress,
                    None
                ),
                ("Load tests for peak".into(), ActionStatus::Open, None),
                ("Reverted the change".into(), done, None),
                ("Consider a new cache".into(), ActionStatus::Open, None),
            ]
        );
    }

    #[test]
    fn bullets_that_lost_their_indent_under_numbered_items_are_their_details() {
        // As a Google Docs export writes it: the numbers run on over bullets at column 0.
        let body = "## Remediation\n\n### Immediate actions (completed)\n\n1.  **Migrate the table**\nWe moved the rows:\n\n-   Created a new table\n-   Ran a backfill\n\n2.  **Scale ingestion**\n\n-   Lag per partition\n\n3. **Final cleanup**\n\n-   All backlogs processed.\n\n### Planned actions\n\n1.  **Engine monitoring**\n    We plan alerts on:\n\n-   TOAST statistics\n\n2.  **Runbooks for engine limits**\n";
        let items: Vec<_> = read_all(body)
            .action_items
            .into_iter()
            .map(|a| a.text)
            .collect();
        assert_eq!(
            items,
            [
                "Migrate the table We moved the rows:",
                "Scale ingestion",
                "Final cleanup",
                "Engine monitoring We plan alerts on:",
                "Runbooks for engine limits",
            ]
        );
        // A bullet list after a numbered list whose numbers do not run on is items of its own.
        let body = "## Action items\n\n1. Add a timeout\n2. Add an alert\n\n- Review the runbook\n- Rotate the key\n";
        assert_eq!(read_all(body).action_items.len(), 4);
        let body = "## Action items\n\n- Review the runbook\n\n1. Add a timeout\n\n- Rotate the key\n\n1. Add an alert\n";
        assert_eq!(read_all(body).action_items.len(), 4);
    }

    #[test]
    fn an_action_table_is_read_by_a_summary_column_and_one_with_no_text_column_is_told() {
        let body = "## Action items\n\n| # | Summary | Assignee | Status |\n|---|---|---|---|\n| 1 | Add a lint for config keys | ana | Done |\n";
        let got = read_all(body);
        let items: Vec<_> = (got.action_items.iter())
            .map(|a| (a.text.as_str(), a.owner.as_deref(), a.status))
            .collect();
        assert_eq!(
            items,
            [(
                "Add a lint for config keys",
                Some("ana"),
                ActionStatus::Done
            )]
        );
        assert!(got.problems.is_empty());
        let body = "## Action items\n\n| # | Feladat | Felelős |\n|---|---|---|\n| 1 | Riasztás hozzáadása | ana |\n";
        let got = read_all(body);
        assert!(got.action_items.is_empty());
        assert_eq!(got.problems.len(), 1);
        let (at, code, message, _) = &got.problems[0];
        assert_eq!(*code, "action-table");
        assert!(
            message.contains("(its headers: #, Feladat, Felelős)"),
            "{message}"
        );
        assert_eq!(&body[*at..*at + 1], "#");
        // A table of checks and their results, after the fix, lists no actions: no warning.
        let body = "## Remediation\n\n- Re-ran the sync\n\n| Check | Result |\n|---|---|\n| Backups | OK |\n";
        assert!(read_all(body).problems.is_empty());
    }

    #[test]
    fn a_check_mark_is_the_status_and_a_title_names_the_kind() {
        let body = "## Action items\n\n- ✅ Reverted the changes\n- ✔️ Cleaned up stale data\n- Rollback procedure documentation: Creating detailed runbooks for rollback\n- Static analysis tooling: Implement a linter rule that flags a missing fallback\n- Add an alert when the failover starts\n";
        let items: Vec<_> = read_all(body)
            .action_items
            .into_iter()
            .map(|a| (a.text, a.status, a.kind))
            .collect();
        let (done, open) = (ActionStatus::Done, ActionStatus::Open);
        assert_eq!(items[0], ("Reverted the changes".into(), done, None));
        assert_eq!(items[1], ("Cleaned up stale data".into(), done, None));
        assert_eq!((items[2].1, items[2].2), (open, Some(ActionKind::Process)));
        assert_eq!(items[3].2, Some(ActionKind::Prevent));
        assert_eq!(items[4].2, Some(ActionKind::Detect));
    }

    #[test]
    fn a_heading_that_names_a_cause_is_the_cause_and_what_is_under_it_explains_it() {
        let body = "## Root cause analysis\n\n### Primary issue: Postgres TOAST OID exhaustion\n\nPostgreSQL stores large values out of line.\n\n### Secondary issue: AWS MSK disk pressure during catch-up\n\n-   Our MSK cluster keeps 4 hours on local disk.\n-   This pushed local disk utilization up to ~85%, triggering alerts.\n\n### Appendix: OID exhaustion diagrams\n\nA diagram.\n";
        let got = read_all(body).causes;
        let rows: Vec<_> = got.iter().map(|c| (c.text.as_str(), c.root)).collect();
        assert_eq!(
            rows,
            [
                ("Postgres TOAST OID exhaustion", true),
                ("AWS MSK disk pressure during catch-up", false),
            ]
        );
        let at = got[0].at.unwrap();
        assert!(body[at..].starts_with("Postgres TOAST"));
        for heading in [
            "Appendix: OID exhaustion diagrams",
            "Why it failed",
            "Issue: x",
            "The big issue: it broke badly",
        ] {
            assert_eq!(labelled_cause(heading), None, "{heading}");
        }
        assert_eq!(
            labelled_cause("Root cause 2: The retry budget was unbounded"),
            Some(("The retry budget was unbounded", true))
        );
        assert_eq!(
            labelled_cause("Contributing factor: No alert on queue age"),
            Some(("No alert on queue age", false))
        );
    }

    #[test]
    fn labels_on_hard_broken_lines_of_one_paragraph_are_each_read() {
        // The Google SRE template's header, as Persistence writes it: one paragraph.
        let body = "# V3 upgrade halt\n\n**Date of incident**: 7th September, 2022.   \n**Summary**: Chain halt during the upgrade.   \n**Impact**: Downtime for 30 hours - no impact on data.   \n**Root Causes**: upgrade-info.json was expected but not present.   \n**Trigger**: Doing an incomplete fix in v0.2.3.   \n";
        let got = read_all(body);
        assert_eq!(
            got.impact.as_deref(),
            Some("Downtime for 30 hours - no impact on data.")
        );
        let causes: Vec<_> = got
            .causes
            .iter()
            .map(|c| (c.text.as_str(), c.root))
            .collect();
        assert_eq!(
            causes,
            [
                ("upgrade-info.json was expected but not present.", true),
                ("Doing an incomplete fix in v0.2.3.", false)
            ]
        );
        assert!(body[got.causes[0].at.unwrap()..].starts_with("**Root Causes**"));
    }

    #[test]
    fn action_items_one_per_line_without_a_list_are_read_and_wrapped_prose_is_not() {
        let body = "## Future Improvements\nAdd more thorough testing for PRs\nMinimize the number of data structures used\nMore automated alarms for when issues arise\n";
        let items: Vec<_> = read_all(body)
            .action_items
            .into_iter()
            .map(|a| (a.text, a.kind))
            .collect();
        assert_eq!(
            items,
            [
                (
                    "Add more thorough testing for PRs".into(),
                    Some(ActionKind::Prevent)
                ),
                ("Minimize the number of data structures used".into(), None),
                (
                    "More automated alarms for when issues arise".into(),
                    Some(ActionKind::Detect)
                ),
            ]
        );
        // Prose wrapped at a width: its lines go on in lower case.
        let body = "## Action items\n\nWe will add a check to the deploy pipeline that\nrefuses a config with an unknown key, and we will\nalert on it.\n";
        assert!(read_all(body).action_items.is_empty());
    }

    #[test]
    fn a_bugzilla_link_is_an_items_ticket() {
        let body = "## Action Items\n\n- [x] [bug 1537907](https://bugzilla.mozilla.org/show_bug.cgi?id=1537907) Reconsider the scopes\n";
        let items = read_all(body).action_items;
        assert_eq!(
            items[0].ticket.as_deref(),
            Some("https://bugzilla.mozilla.org/show_bug.cgi?id=1537907")
        );
        assert_eq!(items[0].status, ActionStatus::Done);
    }

    #[test]
    fn a_status_written_first_as_a_label_or_alone_as_a_part() {
        let body = "## Follow-up\n\n1. **Done** — Remove `purge_all` from the deploy script. (Marta Kowalski)\n2. **In progress** — Add an HPA to img-origin. (Owen Hart)\n3. TODO: disk alert at 80% for runners\n4. done: monorepo job on S3 cache\n5. In progress: Isolating slow endpoints\n6. [ ] Stocker les factures dans S3 — en cours (responsable : Inès Benali)\n7. [x] Revert the flag — in progress\n8. **Open question** — who owns the purge token?\n";
        let items = read_all(body).action_items;
        let rows: Vec<_> = (items.iter())
            .map(|a| (a.text.as_str(), a.status))
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "Remove purge_all from the deploy script.",
                    ActionStatus::Done
                ),
                ("Add an HPA to img-origin.", ActionStatus::InProgress),
                ("disk alert at 80% for runners", ActionStatus::Open),
                ("monorepo job on S3 cache", ActionStatus::Done),
                ("Isolating slow endpoints", ActionStatus::InProgress),
                ("Stocker les factures dans S3", ActionStatus::InProgress),
                ("Revert the flag", ActionStatus::Done),
                (
                    "Open question — who owns the purge token?",
                    ActionStatus::Open
                ),
            ]
        );
        assert_eq!(items[0].owner.as_deref(), Some("Marta Kowalski"));
        assert_eq!(items[5].owner.as_deref(), Some("Inès Benali"));
        // Blameless: the owner in brackets, then the status in square brackets.
        let body = "## Follow-up actions\n\n- Alert on cert expiry (Nadia Hassan) [Closed]\n- Enable hot reload (Jordan Ellis) [Open]\n";
        let items = read_all(body).action_items;
        let rows: Vec<_> = (items.iter())
            .map(|a| (a.text.as_str(), a.owner.as_deref(), a.status))
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "Alert on cert expiry",
                    Some("Nadia Hassan"),
                    ActionStatus::Done
                ),
                (
                    "Enable hot reload",
                    Some("Jordan Ellis"),
                    ActionStatus::Open
                )
            ]
        );
        // `Owner: @kim` over the list owns the items that name no one.
        let body = "## Follow-ups\n\nOwner: @kim\n\n- TODO: bake the prune into the AMI\n- TODO @raj: add node_exporter\n";
        let items = read_all(body).action_items;
        let rows: Vec<_> = (items.iter())
            .map(|a| (a.text.as_str(), a.owner.as_deref()))
            .collect();
        assert_eq!(
            rows,
            [
                ("bake the prune into the AMI", Some("kim")),
                ("add node_exporter", Some("raj"))
            ]
        );
    }

    #[test]
    fn logseq_and_obsidian_task_markers_and_a_status_after_the_owner() {
        let body = "## Action items\n\n- DONE Pin libvips [[Ravi Menon]]\n- DOING Add fixtures [[Nadia Costa]]\n- LATER Add a banner\n- [/] Split the queue\n- [ ] Fix the alert @ahmed.siddiqui (in progress)\n- [ ] Move reports to the replica — Giulia Fontana (Retail IT)\n";
        let items = read_all(body).action_items;
        let rows: Vec<_> = (items.iter())
            .map(|a| (a.text.as_str(), a.owner.as_deref(), a.status))
            .collect();
        assert_eq!(
            rows,
            [
                ("Pin libvips", Some("Ravi Menon"), ActionStatus::Done),
                (
                    "Add fixtures",
                    Some("Nadia Costa"),
                    ActionStatus::InProgress
                ),
                ("Add a banner", None, ActionStatus::Open),
                ("Split the queue", None, ActionStatus::InProgress),
                (
                    "Fix the alert",
                    Some("ahmed.siddiqui"),
                    ActionStatus::InProgress
                ),
                (
                    "Move reports to the replica",
                    Some("Giulia Fontana"),
                    ActionStatus::Open
                ),
            ]
        );
    }

    #[test]
    fn a_bold_status_line_over_items_gives_their_status() {
        let body = "## What we are changing\n\n**Already done**\n\n- Rolled back.\n\n**In progress**\n\n- Acks after apply.\n\n**Planned**\n\n- Crash logs kept.\n";
        let statuses: Vec<_> = (read_all(body).action_items.iter())
            .map(|a| a.status)
            .collect();
        assert_eq!(
            statuses,
            [
                ActionStatus::Done,
                ActionStatus::InProgress,
                ActionStatus::Open
            ]
        );
    }

    #[test]
    fn a_handle_the_notes_name_then_a_colon_is_the_owner() {
        let body = "IC: mreyes. Scribe: tolu.\n\n## Follow-ups\n\n- [ ] tolu: alert on TLS handshake errors\n- [x] mreyes: commit the bundle\n- [ ] docs: update the runbook\n";
        let items = read_all(body).action_items;
        let rows: Vec<_> = (items.iter())
            .map(|a| (a.text.as_str(), a.owner.as_deref()))
            .collect();
        assert_eq!(
            rows,
            [
                ("alert on TLS handshake errors", Some("tolu")),
                ("commit the bundle", Some("mreyes")),
                ("docs: update the runbook", None),
            ]
        );
    }

    #[test]
    fn a_bracketed_name_first_is_the_owner_and_an_os_process_is_no_process_kind() {
        let body = "## Action Items\n\n- [jhford] Try setting up a staging environment\n- [Jane Doe] Write a runbook for the provisioner\n- [optional] Add a dashboard\n- [P1] Add a test\n- Change the code to crash the process on a loop\n- Improve the review process\n";
        let items = read_all(body).action_items;
        let rows: Vec<_> = (items.iter())
            .map(|a| {
                (
                    a.text.as_str(),
                    a.owner.as_deref(),
                    a.kind.map(|k| k.as_str()),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                ("Try setting up a staging environment", Some("jhford"), None),
                (
                    "Write a runbook for the provisioner",
                    Some("Jane Doe"),
                    Some("process")
                ),
                ("[optional] Add a dashboard", None, Some("detect")),
                ("Add a test", None, Some("prevent")),
                ("Change the code to crash the process on a loop", None, None),
                ("Improve the review process", None, Some("process")),
            ]
        );
    }

    #[test]
    fn a_label_a_priority_and_a_templates_placeholders_are_not_an_items_words() {
        let body = "## Prevention\n- **Action Item**: Standardize journald configuration. [Priority: High]\n\n## Action Items\n| Action Item | Type | Owner | Reference |\n|---|---|---|---|\n| Write a release process | prevent | ??? | **TODO** |\n| ... another item | mitigate | ?? | **TODO** |\n";
        let got: Vec<_> = (read_all(body).action_items.iter())
            .map(|a| (a.text.clone(), a.owner.clone(), a.ticket.clone()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Standardize journald configuration.".to_string(),
                    None,
                    None
                ),
                ("Write a release process".to_string(), None, None),
            ]
        );
    }

    #[test]
    fn labelled_parts_give_the_cause_they_name_and_a_kind_heading_its_items_kind() {
        let body = "## Root Cause\n\n### 1. State inconsistency\n\n* **Impact:** Upgrade failed.\n* **Root Cause:** Legacy inconsistencies in IAVL state.\n* **Complications:**\n  * A malformed block was replayed.\n* **Outcome:** Validators halted.\n\n## Action items\n\n### Prevention\n\n- Pin our external dependencies\n\n### Detection\n\n- Run every test on each commit\n";
        let got = read_all(body);
        let causes: Vec<_> = got.causes.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(causes, ["Legacy inconsistencies in IAVL state."]);
        let kinds: Vec<_> = (got.action_items.iter())
            .map(|a| a.kind.map(|k| k.as_str()))
            .collect();
        assert_eq!(kinds, [Some("prevent"), Some("detect")]);
    }

    #[test]
    fn a_status_after_the_owner_is_the_items() {
        let body = "## Action items\n\n- Add a no-op implementation to each plugin. OWNER: amirh@ (DONE).\n";
        let items = read_all(body).action_items;
        assert_eq!(items[0].owner.as_deref(), Some("amirh@"));
        assert_eq!(items[0].status, ActionStatus::Done);
        assert_eq!(items[0].text, "Add a no-op implementation to each plugin.");
    }

    #[test]
    fn a_handle_and_a_ticket_that_end_an_item_are_its_fields_not_its_words() {
        let body =
            "## Action items\n\n- Add the alert @ana PROJ-9\n- Ask @bo to review the runbook\n";
        let items = read_all(body).action_items;
        assert_eq!(items[0].text, "Add the alert");
        assert_eq!(items[0].owner.as_deref(), Some("ana"));
        assert_eq!(items[0].ticket.as_deref(), Some("PROJ-9"));
        assert_eq!(items[1].text, "Ask @bo to review the runbook");
    }

    #[test]
    fn a_mention_written_as_a_name_is_the_whole_name() {
        let body = "## Action items\n\n- Add the alert — @Tom Berger\n- Page @Ana Lopes, then the lead\n- @Ana Fix the alert\n- Rotate the key @ana\n- Move the cert @Sam Lee  Feb 7\n\n| Action | Owner |\n|---|---|\n| Add a canary | @Priya Natarajan |\n";
        let items = read_all(body).action_items;
        let got: Vec<_> = (items.iter())
            .map(|a| (a.text.as_str(), a.owner.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("Add a canary", Some("Priya Natarajan")),
                ("Add the alert", Some("Tom Berger")),
                ("Page @Ana Lopes, then the lead", Some("Ana Lopes")),
                ("Fix the alert", Some("Ana")),
                ("Rotate the key", Some("ana")),
                ("Move the cert @Sam Lee  Feb 7", Some("Sam Lee")),
            ]
        );
    }

    #[test]
    fn an_owner_label_within_the_text_or_its_parenthesis_is_the_owner() {
        let body = "## Action items\n\n- **Action Item**: Validate inputs [Priority: High] OWNER: quinn-x (DONE) TKT-1009\n- Move the cron (owner: pat-x, TKT-1008)\n";
        let items = read_all(body).action_items;
        assert_eq!(items[0].owner.as_deref(), Some("quinn-x"));
        assert_eq!(items[0].ticket.as_deref(), Some("TKT-1009"));
        assert_eq!(items[0].status, ActionStatus::Done);
        assert_eq!(items[0].text, "Validate inputs");
        assert_eq!(items[1].owner.as_deref(), Some("pat-x"));
        assert_eq!(items[1].ticket.as_deref(), Some("TKT-1008"));
        assert_eq!(items[1].text, "Move the cron");
    }

    #[test]
    fn an_owner_then_a_status_after_a_dash_and_brackets_a_handle_ended() {
        let body = "**Follow-ups:**\n- make the 3Gi limit permanent in helm values — dana, done (PR #881)\n- stream query results with a cursor — @rkhan, WIP\n- Raise the pool limit — staging, done\n- alert on the first failed attempt — nobody yet\n- write it up — docs, later\n\n## Action items\n\n- [ ] Add per-plan 429 dashboard panels (in progress) @mbeaulieu\n";
        let items = read_all(body).action_items;
        let got: Vec<_> = (items.iter())
            .map(|a| (a.text.as_str(), a.owner.as_deref(), a.status))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "make the 3Gi limit permanent in helm values",
                    Some("dana"),
                    ActionStatus::Done
                ),
                (
                    "stream query results with a cursor",
                    Some("rkhan"),
                    ActionStatus::InProgress
                ),
                (
                    "Raise the pool limit — staging, done",
                    None,
                    ActionStatus::Open
                ),
                (
                    "alert on the first failed attempt",
                    None,
                    ActionStatus::Open
                ),
                ("write it up — docs, later", None, ActionStatus::Open),
                (
                    "Add per-plan 429 dashboard panels",
                    Some("mbeaulieu"),
                    ActionStatus::InProgress
                ),
            ]
        );
    }

    #[test]
    fn a_status_written_as_a_sign_alone_in_a_table() {
        let body = "## Follow-up actions\n\n| Status | Owner | Action |\n|:---:|---|---|\n| ✅ | @mk | Revert the upstreams |\n| 🚧 | @jd | Stage the syncs |\n| ❌ | @sl | Switch to a node cache |\n| Backlog | — | Run a game day |\n";
        let statuses: Vec<_> = (read_all(body).action_items.iter())
            .map(|a| a.status)
            .collect();
        assert_eq!(
            statuses,
            [
                ActionStatus::Done,
                ActionStatus::InProgress,
                ActionStatus::Open,
                ActionStatus::Open
            ]
        );
    }

    #[test]
    fn a_due_date_after_a_labelled_owner_is_the_items() {
        let body = "## Opfølgningspunkter\n\n- **Alarm på certifikater** – ansvarlig: Rasmus Holm, frist 11. oktober 2024 – *Udført*\n- Rotate the keys – owner: Smith, Jones\n";
        let items = read_all(body).action_items;
        assert_eq!(items[0].owner.as_deref(), Some("Rasmus Holm"));
        assert_eq!(
            items[0].due.map(|d| d.to_string()).as_deref(),
            Some("2024-10-11")
        );
        assert_eq!(items[0].status, ActionStatus::Done);
        assert_eq!(items[1].owner.as_deref(), Some("Smith, Jones"));
    }

    #[test]
    fn a_step_told_in_the_past_tense_is_done() {
        let body = "## Remediation\n\n1. **Stopped the bleeding** — ran both backup scripts\n2. Re-pinned the image to 1.4\n3. Ran the sync again\n4. Added infisical-db to the backup script\n5. Increased the scrutiny of workflow changes\n6. Add the database to the backup script\n7. Embed the check in CI\n8. Need a second provider\n9. Improved runbooks for customer comms\n10. Staged rollouts for WAF rules\n";
        let got: Vec<_> = (read_all(body).action_items.iter())
            .map(|a| a.status)
            .collect();
        use ActionStatus::{Done, Open};
        assert_eq!(
            got,
            [Done, Done, Done, Done, Done, Open, Open, Open, Open, Open]
        );
    }

    #[test]
    fn a_status_page_write_up_tells_its_follow_ups_by_tense() {
        let body = "## Postmortem\n\n### What we are doing\n\n- We have restored the tuned configuration.\n- We will add a pre-flight check.\n- We are moving upgrades to a canary-first rollout.\n- We are going to alert on refusals.\n- We've already added the alert.\n- We're still reviewing the runbook.\n- We have decided to migrate the cache.\n- We are planning to add a rate limiter.\n- We are considering a second region.\n";
        let read = read_all(body);
        let got: Vec<_> = (read.action_items.iter())
            .map(|a| (a.status, a.text.as_str()))
            .collect();
        use ActionStatus::{Done, InProgress, Open};
        assert_eq!(
            got,
            [
                (Done, "We have restored the tuned configuration."),
                (Open, "We will add a pre-flight check."),
                (
                    InProgress,
                    "We are moving upgrades to a canary-first rollout."
                ),
                (Open, "We are going to alert on refusals."),
                (Done, "We've already added the alert."),
                (Open, "We're still reviewing the runbook."),
                (Open, "We have decided to migrate the cache."),
                (Open, "We are planning to add a rate limiter."),
                (Open, "We are considering a second region."),
            ]
        );
    }

    #[test]
    fn japanese_fields_after_an_ideographic_space_and_rejected_items() {
        let body = "## 再発防止策\n\n1. 差分チェックを追加する\u{3000}担当：田中（開発チーム）\u{3000}状況：対応済\n2. 負荷試験を実施する\u{3000}担当：山本（品質保証課）\u{3000}状況：未着手\n\n## Maßnahmen\n\n| # | Maßnahme | Verantwortlich | Status |\n|---|---|---|---|\n| 1 | AS2 einführen | IT-Leitung | verworfen |\n| 2 | Deploys einfrieren | Mariana Cruz | Descartado |\n";
        let read = read_all(body);
        let got = status_owner_text(&read);
        use ActionStatus::{Done, Open, WontDo};
        assert_eq!(
            got,
            [
                (Done, Some("田中"), "差分チェックを追加する"),
                (Open, Some("山本"), "負荷試験を実施する"),
                (WontDo, Some("IT-Leitung"), "AS2 einführen"),
                (WontDo, Some("Mariana Cruz"), "Deploys einfrieren"),
            ]
        );
    }

    #[test]
    fn the_colon_of_a_time_in_a_part_is_no_label() {
        let body = "## follow-ups\n\n- [x] re-enable the cron schedule — @lena, done 11:30\n";
        let read = read_all(body);
        let a = &read.action_items[0];
        assert_eq!(a.status, ActionStatus::Done, "the ticked box");
        assert_eq!(a.owner.as_deref(), Some("lena"));
    }

    #[test]
    fn a_status_then_why_and_a_handle_then_a_dash() {
        let body = "**Action items** (agreed in channel 1:15 PM, copied to the PIR doc)\n\n- @marcus.lee — add a 15 min TTL to the flag keys\n- @jmorales — add a memory check to the deploy checklist — dropped, the eviction alert covers this\n- Require approval of each batch (Fiona Grant) – Rejected; would push the run past the cut-off\n";
        let read = read_all(body);
        let got = status_owner_text(&read);
        use ActionStatus::{Open, WontDo};
        assert_eq!(
            got,
            [
                (
                    Open,
                    Some("marcus.lee"),
                    "add a 15 min TTL to the flag keys"
                ),
                (
                    WontDo,
                    Some("jmorales"),
                    "add a memory check to the deploy checklist — the eviction alert covers this"
                ),
                (
                    WontDo,
                    Some("Fiona Grant"),
                    "Require approval of each batch — would push the run past the cut-off"
                ),
            ]
        );
    }

    #[test]
    fn the_front_matter_wins_field_by_field() {
        let text = "---\ntitle: T\nimpact: \"\"\naction_items:\n  - text: From the front matter\n---\n\n## Action items\n\n- [ ] From the body\n\n## Root cause\n\n- From the body too\n\n## Impact\n\nDown.\n";
        let loaded = crate::load::load_texts(
            vec![("content/incidents/x.md".into(), text.into())],
            &Config::default(),
            Default::default(),
        );
        let d = &loaded.incidents[0];
        let items: Vec<_> = d.action_items.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(items, ["From the front matter"]);
        assert_eq!(d.action_items[0].at, None);
        assert_eq!(d.causes[0].text, "From the body too");
        assert_eq!(d.impact.as_deref(), Some("Down."));
        let at = d.causes[0].at.unwrap();
        assert_eq!(d.file.body_pos(at), crate::diag::Pos::new(14, 3));
    }

    #[test]
    fn broken_html_and_odd_text_do_not_panic() {
        for body in [
            "## Actions\n\n<table><tr><td>é",
            "## Actions\n\n<table><tr><th>Action</th></tr><tr><td>x</td><td><table><tr><td>in</td></tr></table>",
            "## Actions\n\n<table\n",
            "## Actions\n\n- (\n- )\n- @\n- [x]\n- — — —\n- [ABC-1]\n- Status: — Due: é\n",
            "## Root cause\n\n- ()\n- (Tools)\n- é(\n",
        ] {
            let _ = read_all(body);
        }
        let t = read_all("## Actions\n\n<table><tr><th>Action</th></tr><tr><td>x</td></tr>");
        assert_eq!(
            t.action_items.len(),
            1,
            "an unclosed table is read to the end"
        );
    }
}
