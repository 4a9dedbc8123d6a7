//! The incident timeline: the list items and table rows of a post-mortem's `## Timeline`
//! section, read into dated events (content-format.md, "Body sections the tool understands").
//!
//! Takes the list items and tables of the body's Timeline section, as the load stage read them
//! ([`Body`]; heading aliases count), and the incident's `started` and `resolved` times. Gives
//! a [`Timeline`]: the events in the order written (list items and table rows as they come),
//! each an instant in the zone it was written in (or `started`'s), and the problems found, as
//! [`Draft`]s at the positions of their items' times.
//!
//! What holds:
//! - List items and table rows of the Timeline section are read, nested items included.
//!   An item's text is its own first paragraph, as plain text (inline code kept); an item
//!   without text is skipped. A table row reads as an item `time — event` (see
//!   [`table_entries`]); a table with no time column is not read. Headings that start with a
//!   time (the paragraph under them is their text) and lines of paragraphs that do (with the
//!   lines after them that do not) are events too, when they read as one; their problems go
//!   unsaid, as that text was not written as a list of events. A `##` heading that is a day
//!   alone (`## May 12`) inside the section dates the first event under it.
//! - An item starts with a time: `18:30`, `18:30:15`, `18:30 PDT`, `18:30Z`, `2017-04-06 18:30`,
//!   `2017-04-07T01:30Z`, `2017-04-07T01:30:00-07:00`; then a separator (`—`, `–`, `-` or `:`,
//!   spaces optional) or whitespace; then the event's text. Numeric offsets are read only after a
//!   `T` date-time, so `18:30-19:00 — ...` is 18:30 followed by its text.
//! - A time without a date takes the date `started` has in the time's zone (so `01:30Z` after a
//!   `started` of 18:00 PDT is the same evening); a time without a zone takes `started`'s zone.
//!   A time without a date that would fall before the previous event rolls over to the next day.
//! - Zone abbreviations come from a fixed table. A word of 2-5 capital letters between the time
//!   and the separator that is not in the table is an error, never a guess; such a word followed
//!   by more text and no separator (`18:30 DNS was down`) is text. `AM`/`PM` after a 12-hour
//!   time is read; after an hour of the 24-hour clock (`13:55 PM`, `0:30 am`) it adds nothing.
//! - An item with an error yields no event; an item that does not start with a time yields a
//!   warning. Events before `started`, after `resolved`, or earlier than the previous event are
//!   kept, with a warning.
//! - Every event and finding points at the start of the item's time text. Nothing panics.

use crate::diag::{At, Draft, Level, Pos};
use crate::format::SectionKind;
use crate::load::SourceFile;
use crate::load::body::{Body, Cell, Table};
use crate::load::time::{REGIONS, ZONES, digit_value, zone_of};
use aho_corasick::AhoCorasick;
use jiff::civil::{Date, Time};
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Zoned};
use std::borrow::Cow;

mod prose;

/// One dated entry of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub at: Zoned,
    /// The item's text after the separator: plain text, inline code kept as its text.
    pub text: String,
    /// Where the time starts in the file.
    pub pos: Pos,
    /// Read from a table's row (the page shows the table itself, not a list of these).
    pub from_table: bool,
}

/// The events of a Timeline section, in list order, and what was wrong with it.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    pub events: Vec<Event>,
    /// What was wrong with it, each at the position of its item's time.
    pub findings: Vec<Draft>,
    /// The days of the entries that give a date and no time (`| 2026-08-09 | Anomaly
    /// detected |`), while no entry has given a time, in order: see [`Timeline::day`].
    pub days: Vec<Date>,
    /// Whether the events are times the prose told, the body having no timeline
    /// ([`prose`]): a window the write-up states outranks them.
    pub told: bool,
}

impl Timeline {
    /// The incident's day by its dated entries, when nothing else dates it: the earliest within
    /// 90 days of the latest (a row of history, a change made years before that the
    /// regression undid, is not when the incident began).
    pub fn day(&self) -> Option<Date> {
        let last = self.days.iter().max()?;
        let from = last.checked_sub(jiff::Span::new().days(90)).ok()?;
        self.days.iter().filter(|d| **d >= from).min().copied()
    }
}

/// The incident's times as the timeline reads them.
pub struct Window<'a> {
    /// `started`, when it is an instant: the default date and zone, and the window's start.
    pub started: Option<&'a Zoned>,
    /// The day of `started` when only the day is known: the default date.
    pub day: Option<Date>,
    /// The zone of times written without one when `started` has none (the KB's).
    pub zone: TimeZone,
    /// Closes the window.
    pub resolved: Option<&'a Zoned>,
}

/// Reads the Timeline section of an incident body (every section the KB recognises as one).
pub fn parse(file: &SourceFile, body: &Body, window: Window<'_>) -> Timeline {
    // Long on purpose: one pass over a timeline's lines, each line's parts (day, time, zone, text)
    // read in order with the state the lines before left.
    let zone = window
        .started
        .map_or_else(|| window.zone.clone(), |s| s.time_zone().clone());
    let anchor = window.started.cloned().or_else(|| {
        window
            .day
            .and_then(|d| zone.to_zoned(d.to_datetime(Time::midnight())).ok())
    });
    // Each Timeline section's entries: list items and table rows in the order they are
    // written.
    let sections: Vec<(&crate::load::body::Section, Entries<'_>, &str)> = (body.sections.iter())
        .filter(|s| s.kind == Some(SectionKind::Timeline))
        .map(|section| {
            let mut entries: Entries<'_> = (section.items.iter())
                .map(|i| {
                    let quiet = if i.depth > 1 { Quiet::Prose } else { Quiet::No };
                    (i.text_offset, i.text.as_str().into(), false, quiet)
                })
                .collect();
            for table in &section.tables {
                entries.extend(
                    table_entries(table)
                        .into_iter()
                        .map(|(text, offset)| (offset, text.into(), true, Quiet::No)),
                );
            }
            // Text that is not a list or a table was not written as a timeline's entries:
            // what of it reads as one is an event, and the rest is left unsaid.
            entries.extend(
                written_entries(section, file.body())
                    .into_iter()
                    .map(|(offset, text)| (offset, text.into(), false, Quiet::All)),
            );
            entries.extend(code_entries(body, section, file.body()));
            entries.sort_by_key(|e| e.0);
            on_their_days(section, &mut entries, window.started.is_none());
            (section, entries, section.heading.as_str())
        })
        .chain(labelled_timelines(
            body,
            file.body(),
            window.started.is_none(),
        ))
        .collect();
    // No timeline in the body but one in the front matter (`timeline:` entries), or a status
    // page's updates copied into the write-up: those are its events. A front matter's
    // entries have no place in the body: each entry's offset is its index in `front_at`,
    // where it is written.
    let mut sections = sections;
    // `- ~0310 pager`, `- 0342 rolled back` under a Timeline heading: read as a hand-off's list
    // of such times is (see `load::body::four_digit_list`), each time with its colon.
    for (_, entries, _) in &mut sections {
        if crate::load::body::four_digit_list(entries.iter().map(|e| e.1.as_ref())) {
            for e in entries.iter_mut() {
                if let Some(t) = crate::load::body::four_digit_time(&e.1) {
                    e.1 = t.into();
                }
            }
        }
        // `<2024-05-14 Tue 09:12> Alertmanager pages on-call`: an org-mode timestamp first, as
        // an org file converted by pandoc keeps it.
        for e in entries.iter_mut() {
            if let Some(t) = org_entry(&e.1) {
                e.1 = t.into();
            }
        }
    }
    static NONE: std::sync::LazyLock<crate::load::body::Section> =
        std::sync::LazyLock::new(Default::default);
    let mut front_at: Vec<Pos> = Vec::new();
    if sections.iter().all(|(_, entries, _)| entries.is_empty()) && !body.front_timeline.is_empty()
    {
        front_at = (body.front_timeline.iter())
            .map(|(at, _)| file.pos_of(at))
            .collect();
        let entries = (body.front_timeline.iter().enumerate())
            .map(|(i, (_, text))| (i, text.as_str().into(), false, Quiet::No))
            .collect();
        sections = vec![(&*NONE, entries, "")];
    }
    if sections.iter().all(|(_, entries, _)| entries.is_empty()) {
        let updates = status_updates(file.body());
        if updates.len() >= 2 {
            let entries = (updates.into_iter())
                .map(|(offset, text)| (offset, text.into(), false, Quiet::No))
                .collect();
            sections = vec![(&*NONE, entries, "")];
        }
    }
    // Nothing written as a timeline anywhere: the times the prose tells (`Our monitoring
    // detected the increase in errors at 14:05 UTC`), as public write-ups and essays give them.
    // Their order and window go unsaid: nobody wrote them as a timeline.
    let mut from_prose = false;
    if sections.iter().all(|(_, entries, _)| entries.is_empty()) {
        let entries: Entries<'_> = (prose::entries(body, file.body()).into_iter())
            .map(|(offset, text)| (offset, text.into(), false, Quiet::All))
            .collect();
        if !entries.is_empty() {
            from_prose = true;
            sections = vec![(&*NONE, entries, "")];
        }
    }
    let order = date_order(
        (sections.iter()).flat_map(|(_, entries, _)| entries.iter().map(|e| e.1.as_ref())),
    );
    // Unsure from the timeline alone (`11/02/2024`, `12/03/2024`): the order the rest of the
    // file's slashed dates show (`26/03/2024` in its action items).
    let order = match order {
        DateOrder::Unsure => match crate::load::meta::day_first_in(file.body()) {
            Some(true) => DateOrder::DayFirst,
            Some(false) => DateOrder::MonthFirst,
            None => order_near(
                anchor.as_ref().map(Zoned::date),
                (sections.iter()).flat_map(|(_, entries, _)| entries.iter().map(|e| e.1.as_ref())),
            ),
        },
        known => known,
    };
    let texts =
        || (sections.iter()).flat_map(|(_, entries, _)| entries.iter().map(|e| e.1.as_ref()));
    let all = texts().count();
    let slashed = texts()
        .filter(|t| slashed_start(t).is_some_and(|d| d.year == 0))
        .count();
    let day_month = slashed > 0 && slashed * 2 >= all;
    let mut reader = Reader {
        file,
        started: window.started,
        anchor,
        zone,
        resolved: window.resolved,
        order,
        out: Timeline {
            told: from_prose,
            ..Timeline::default()
        },
        last_dated: false,
        day_month,
    };
    let default_zone = reader.zone.clone();
    for (section, entries, heading) in &sections {
        // "All times in CET." above the events, or in the heading ("Timeline (times in
        // BST)", "Timeline (CET)"): their zone, when they do not give one.
        reader.zone = heading_zone(heading)
            .or_else(|| (section.paragraphs.iter()).find_map(|(text, _)| noted_zone(text)))
            .unwrap_or_else(|| default_zone.clone());
        // A timeline told as prose, whose items (three or more) none start with a time or
        // anything like one (sub-incidents with their causes listed under each), is one
        // warning at its heading, not one per item.
        let prose = Problem::prose().message;
        let told = entries.len() >= 3
            && entries.iter().all(|(_, text, _, _)| {
                read_written_in(text, reader.order, reader.day_month)
                    .is_err_and(|p| p.message == prose)
            });
        if told {
            let pos = file.body_pos(section.heading_offset);
            reader.out.findings.push(at(
                problem(
                    Level::Warning,
                    "timeline-prose",
                    format!(
                        "none of the {} items of this Timeline section starts with a time: it has no events",
                        entries.len()
                    ),
                    "start each event with a time such as `18:30 — ...` or `2024-03-01 18:30 — ...`".into(),
                ),
                pos,
            ));
            continue;
        }
        // `#### Boston shift (times EDT)` under `### Day 1`: a subheading's note is the zone
        // of the times under it, down to the next subheading of its level or above.
        let zones = subheading_zones(section);
        let section_zone = reader.zone.clone();
        for (offset, text, row, quiet) in entries {
            if !zones.is_empty() {
                let under = zones.partition_point(|(o, _)| o < offset);
                reader.zone = (under.checked_sub(1))
                    .and_then(|i| zones[i].1.clone())
                    .unwrap_or_else(|| section_zone.clone());
            }
            match front_at.get(*offset) {
                Some(&pos) => reader.entry_at(text, pos, *row, *quiet),
                None => reader.entry(text, *offset, *row, *quiet),
            }
        }
    }
    let mut out = reader.out;
    // Times told in prose, in the order they happened rather than told.
    if out.told {
        out.events.sort_by_key(|e| e.at.timestamp());
    }
    one_warning_for_no_day(&mut out.findings);
    out
}

/// Each subheading of `section` (in offset order) with the zone its times are in: its own
/// note's (`Boston shift (times EDT)`), else that of the nearest subheading above it of a
/// higher level (`### Day 2` under nothing: none). Empty when no subheading notes a zone.
fn subheading_zones(section: &crate::load::body::Section) -> Vec<(usize, Option<TimeZone>)> {
    let noted: Vec<Option<TimeZone>> = (section.subheadings.iter())
        .map(|h| heading_zone(&h.text))
        .collect();
    if noted.iter().all(Option::is_none) {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(noted.len());
    // The open subheadings above the current one: (level, its zone).
    let mut open: Vec<(u8, Option<TimeZone>)> = Vec::new();
    for (h, own) in section.subheadings.iter().zip(noted) {
        while open.last().is_some_and(|(level, _)| *level >= h.level) {
            open.pop();
        }
        let zone = own.or_else(|| open.last().and_then(|(_, z)| z.clone()));
        open.push((h.level, zone.clone()));
        out.push((h.offset, zone));
    }
    out
}

/// A status page's updates copied into the write-up, as Atlassian Statuspage shows an
/// incident's history: `**Resolved** - This incident has been resolved.`, then on the next
/// line `Posted Jan 12, 2025 - 16:27 UTC`; or the status as a heading (`## Resolved`), its
/// text under it and the `Posted` line after the text, as the page reads when it is saved
/// as Markdown. Each is an event at its posted time (offset of the time in the body, text
/// `Jan 12, 2025 - 16:27 UTC — Resolved: This incident...`), oldest first, whichever way the
/// page listed them.
fn status_updates(body: &str) -> Vec<(usize, String)> {
    // The statuses Statuspage posts, which a heading must be one of to open an update.
    const STATUSES: [&str; 9] = [
        "investigating",
        "identified",
        "monitoring",
        "update",
        "resolved",
        "verifying",
        "in progress",
        "scheduled",
        "completed",
    ];
    let mut out: Vec<(usize, String)> = Vec::new();
    // The update being read: its status, its text, and whether it is a heading's (whose
    // text may run over several lines before its `Posted` line).
    let mut update: Option<(&str, &str, bool)> = None;
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let t = line.trim();
        if let (Some(posted), Some((status, text, _))) = (t.strip_prefix("Posted "), update)
            && read_written(posted, DateOrder::MonthFirst).is_ok_and(|w| w.date.is_some())
        {
            let lead = line.len() - line.trim_start().len();
            out.push((
                at + lead + "Posted ".len(),
                format!("{posted} — {status}: {text}"),
            ));
            update = None;
        } else if let Some(bold) = (t.strip_prefix("**"))
            .and_then(|p| p.split_once("**"))
            .filter(|(status, _)| {
                (1..=3).contains(&status.split_whitespace().count())
                    && status.chars().all(|c| c.is_alphabetic() || c == ' ')
            })
            .and_then(|(status, rest)| {
                let text = rest.trim_start().strip_prefix(['-', '–', '—', ':'])?;
                Some((status, text.trim(), false))
            })
        {
            update = Some(bold);
        } else if let Some(heading) = t.strip_prefix('#').map(|h| h.trim_start_matches('#')) {
            let status = heading.trim();
            update = STATUSES
                .contains(&status.to_lowercase().as_str())
                .then_some((status, "", true));
        } else if !t.is_empty() {
            update = match update {
                Some((status, "", true)) => Some((status, t, true)),
                Some((_, _, true)) => update,
                _ => None,
            };
        }
        at += line.len();
    }
    // Newest first on the page: oldest first as a timeline.
    let when = |text: &str| {
        (read_written(text, DateOrder::MonthFirst).ok())
            .map(|w| (w.date.unwrap_or_default(), w.clock.h, w.clock.m))
    };
    out.sort_by_key(|(_, text)| when(text));
    out
}

/// The lines of a Timeline section's code blocks that start with a time, as a log excerpt or
/// a plain-text timeline is pasted (`2024-05-14 02:10:04 UTC  deploy of auth 4.2 starts`);
/// other lines are left unsaid.
fn code_entries<'b>(
    body: &Body,
    section: &crate::load::body::Section,
    source: &'b str,
) -> Entries<'b> {
    let end = (body.sections.iter())
        .map(|s| s.heading_offset)
        .find(|&o| o > section.heading_offset)
        .unwrap_or(source.len());
    let mut out: Entries<'b> = Vec::new();
    for range in (body.code.iter()).filter(|r| r.start >= section.heading_offset && r.end <= end) {
        let Some(block) = source.get(range.clone()) else {
            continue;
        };
        // A fenced block's lines (its fences are not times); an inline code span is one line.
        let mut at = range.start;
        for line in block.split_inclusive('\n') {
            let t = line.trim();
            if read_written(t, DateOrder::Unsure).is_ok() && !t.starts_with("```") {
                let lead = line.len() - line.trim_start().len();
                out.push((at + lead, std::borrow::Cow::Borrowed(t), false, Quiet::All));
            }
            at += line.len();
        }
    }
    out
}

/// A Timeline section's entries: (offset, text, a table row, which problems go unsaid).
type Entries<'b> = Vec<(usize, std::borrow::Cow<'b, str>, bool, Quiet)>;

/// The entries under a Timeline label or subheading of a section that is not a timeline
/// (`**Timeline (UTC)**` or `**Timeline:**`, then a table or a list, as a document pasted
/// from Google Docs writes its headings; `### Timeline` under `## Narrative`): its list items
/// and table rows up to the section's next label or subheading (for a subheading, the next of
/// its level or above).
fn labelled_timelines<'b>(
    body: &'b Body,
    source: &str,
    undated: bool,
) -> Vec<(&'b crate::load::body::Section, Entries<'b>, &'b str)> {
    let mut out = Vec::new();
    for section in (body.sections.iter()).filter(|s| s.kind != Some(SectionKind::Timeline)) {
        let marks: Vec<usize> = (section.labels.iter().map(|l| l.offset))
            .chain(section.subheadings.iter().map(|h| h.offset))
            .collect();
        // `### Timeline` under `## Narrative`: to the next subheading of its level or above.
        let subheadings = (section.subheadings.iter())
            .filter(|h| h.kind == Some(SectionKind::Timeline))
            .map(|h| {
                let end = (section.subheadings.iter())
                    .find(|n| n.offset > h.offset && n.level <= h.level)
                    .map_or(usize::MAX, |n| n.offset);
                (h.offset, end, h.text.as_str())
            });
        let labels = (section.labels.iter())
            .filter(|l| l.kind == Some(SectionKind::Timeline))
            .map(|label| {
                let end = (marks.iter().copied())
                    .filter(|&m| m > label.offset)
                    .min()
                    .unwrap_or(usize::MAX);
                (label.offset, end, label.name.as_str())
            });
        for (start, end, name) in subheadings.chain(labels).collect::<Vec<_>>() {
            let within = |o: usize| o > start && o < end;
            let mut entries: Entries<'b> = (section.items.iter())
                .filter(|i| within(i.offset))
                .map(|i| {
                    let quiet = if i.depth > 1 { Quiet::Prose } else { Quiet::No };
                    (i.text_offset, i.text.as_str().into(), false, quiet)
                })
                .collect();
            for table in (section.tables.iter()).filter(|t| within(t.offset)) {
                entries.extend(
                    table_entries(table)
                        .into_iter()
                        .map(|(text, offset)| (offset, text.into(), true, Quiet::No)),
                );
            }
            // `__Timeline__`, then `02:00 - Nightly billing run starts.` as a paragraph of
            // its own per event (a Word document exported to Markdown): with no list or
            // table under the label, its paragraphs that start with a time are the events.
            // Lines of one paragraph (`09:04 - rolled out<br>`, then `09:10 - first 502s<br>`)
            // are an event each.
            if entries.is_empty() {
                for (text, offset) in (section.paragraphs.iter()).filter(|(_, o)| within(*o)) {
                    let starts =
                        crate::load::body::line_starts(source, *offset, text.lines().count());
                    for (line, at) in text.lines().zip(starts) {
                        let line = line.trim();
                        if timed(line) {
                            entries.push((at, line.to_string().into(), false, Quiet::All));
                        }
                    }
                }
            }
            entries.sort_by_key(|e| e.0);
            // `<summary>Full timeline (all times UTC, May 28, 2024)</summary>`: the day of its
            // first time of day, which the times after it follow on from, in an incident with no
            // start to the minute (a date there may be another's: `(last reviewed 2024-04-02)`).
            if undated
                && let Some(day) = crate::load::meta::loose_date(name)
                && let Some(first) = entries.first_mut()
                && read_clock(&mut Cursor { s: &first.1, i: 0 }).is_some()
            {
                first.1 = std::borrow::Cow::Owned(format!("{day} {}", first.1));
            }
            if !entries.is_empty() {
                out.push((section, entries, name));
            }
        }
    }
    out
}

/// Times with no date in an incident with no `started` day: one warning, at the first, that
/// counts them (a timeline of 11 times gave 11 warnings of one cause).
fn one_warning_for_no_day(findings: &mut Vec<Draft>) {
    const NO_DAY: &str = "has no date, and the incident has no `started` day to put it on";
    let count = findings
        .iter()
        .filter(|f| f.message.ends_with(NO_DAY))
        .count();
    if count < 2 {
        return;
    }
    let mut first = true;
    findings.retain_mut(|f| {
        if !f.message.ends_with(NO_DAY) {
            return true;
        }
        if !std::mem::replace(&mut first, false) {
            return false;
        }
        let shown = f.message.trim_end_matches(NO_DAY).trim_end();
        f.message = format!(
            "{shown} and {} more times have no date, and the incident has no `started` day to put them on",
            count - 1
        );
        true
    });
}

/// Which problems of a timeline entry go unsaid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quiet {
    No,
    /// Not starting with a time: a nested list item, a detail of the event above it.
    Prose,
    /// Any: a heading or a line of a paragraph, which is an event only when it reads as one.
    All,
}

/// Whether a text starts with a time, or with something written like one (its problems are
/// worth telling): not prose.
fn timed(text: &str) -> bool {
    read_written(text, DateOrder::Unsure)
        .map_or_else(|p| p.message != Problem::prose().message, |_| true)
}

/// Events written without a list: a heading that starts with a time (`### 20:15`, `### July
/// 11, 2025, 12:42 PM`), its text the paragraph under it; and the lines of a paragraph that
/// start with one (`1:03` then `First alert fires` on the next line; hard-broken lines of
/// times), each with the lines after it that do not. (offset of the time in the body, text.)
fn written_entries(section: &crate::load::body::Section, body: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let heads = &section.subheadings;
    for (k, h) in heads.iter().enumerate() {
        if !timed(&h.text) || crate::load::body::is_day_heading(&h.text) {
            continue;
        }
        let next = heads.get(k + 1).map_or(usize::MAX, |n| n.offset);
        let under = (section.paragraphs.iter())
            .find(|(_, o)| *o > h.offset && *o < next)
            .map(|(t, _)| t.replace('\n', " "));
        let line = body
            .get(h.offset..)
            .and_then(|l| l.lines().next())
            .unwrap_or("");
        let at = h.offset + line.find(h.text.as_str()).unwrap_or(0);
        out.push((
            at,
            match under {
                Some(u) => format!("{} - {u}", h.text),
                None => h.text.clone(),
            },
        ));
    }
    for (text, offset) in &section.paragraphs {
        if !text.contains('\n') && !timed(text) {
            continue;
        }
        // Each line of the paragraph is a line of the source, from its offset on.
        let starts = crate::load::body::line_starts(body, *offset, text.lines().count());
        let mut current: Option<(usize, String)> = None;
        // `6th November 2022:` on a line of its own: the day of the time after it.
        let mut day: Option<&str> = None;
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            let bare = line.trim_end_matches([':', '.', ' ']);
            if crate::load::body::is_day_heading(bare) {
                out.extend(current.take());
                day = Some(bare);
            } else if timed(line) {
                out.extend(current.take());
                let at = starts.get(i).copied().unwrap_or(*offset);
                let clock_first = read_clock(&mut Cursor { s: line, i: 0 }).is_some();
                current = Some(match day.take() {
                    Some(d) if clock_first => (at, format!("{d} {line}")),
                    _ => (at, line.to_string()),
                });
            } else if let Some((_, t)) = current.as_mut() {
                t.push(' ');
                t.push_str(line);
            }
        }
        out.extend(current);
    }
    out
}

/// Under a day heading of the timeline (`## May 12`, then `### 20:15`), an entry that starts
/// with a time of day alone is on that day.
fn on_their_days(
    section: &crate::load::body::Section,
    entries: &mut [(usize, std::borrow::Cow<'_, str>, bool, Quiet)],
    undated: bool,
) {
    use crate::format::SectionKind;
    // A day heading, or a timeline's heading that names a day in its note (`<summary>Full
    // timeline (all times UTC, May 28, 2024)</summary>`, `### Timeline (PST) 07/27/2023`).
    let mut days: Vec<(usize, std::borrow::Cow<'_, str>)> = (section.subheadings.iter())
        .filter_map(|h| {
            if crate::load::body::is_day_heading(&h.text) {
                return Some((h.offset, h.text.as_str().into()));
            }
            // Only in an incident with no start to the minute: a date in such a heading may
            // be another's (`### Detailed timeline (last reviewed 2024-04-02)`).
            let dated = (undated && h.kind == Some(SectionKind::Timeline))
                .then(|| crate::load::meta::loose_date(&h.text))
                .flatten()?;
            Some((h.offset, dated.to_string().into()))
        })
        .collect();
    // `All times are UTC, Saturday 7 September 2024.` above the times: the note of their zone
    // names their day too, as a mailing list's post-mortem dates its timeline.
    // Only the note's own sentence: `All times are UTC. Reconstructed from Slack on 14 March
    // 2024.` names the day of the reconstruction.
    days.extend((section.paragraphs.iter()).filter_map(|(text, offset)| {
        let note = (text.split(". ")).find(|s| noted_zone(s).is_some())?;
        let day = crate::load::meta::loose_date(note)?;
        Some((*offset, day.to_string().into()))
    }));
    days.sort_by_key(|d| d.0);
    if days.is_empty() {
        return;
    }
    // The first entry after each day heading is dated by it; the times after it follow on
    // (past midnight to the next day) as a timeline's times do.
    let mut dated = vec![false; days.len()];
    for (offset, text, _, _) in entries.iter_mut() {
        let Some(d) = days.iter().rposition(|d| d.0 < *offset) else {
            continue;
        };
        if std::mem::replace(&mut dated[d], true) {
            continue;
        }
        // Only when the two read as a date and time: a heading whose date is written in a
        // way not read leaves the entry as it was (its time on the timeline's day), not lost.
        if read_clock(&mut Cursor { s: text, i: 0 }).is_some() {
            let dated = format!("{} {text}", days[d].1);
            if read_written(&dated, DateOrder::Unsure).is_ok_and(|w| w.date.is_some()) {
                *text = dated.into();
            }
        }
    }
}

/// Which of a date's first two numbers is the day, in dates written with the year last
/// (`17-09-2024`, `17/09/2024`, `17.09.2024`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateOrder {
    DayFirst,
    MonthFirst,
    /// Nothing tells: `-` and `.` dates are read day first (as Europe writes them), `/`
    /// dates only where a number over 12 tells.
    Unsure,
}

/// The order a timeline's dates are written in, from those whose order a number over 12
/// tells (`17-09-2024` is day first, `09/17/2024` month first); `Unsure` when none does, or
/// when they disagree.
fn date_order<'t>(texts: impl Iterator<Item = &'t str>) -> DateOrder {
    let (mut day, mut month) = (false, false);
    for d in texts.filter_map(slashed_start) {
        day |= d.first > 12 && d.second <= 12;
        month |= d.second > 12 && d.first <= 12;
    }
    match (day, month) {
        (true, false) => DateOrder::DayFirst,
        (false, true) => DateOrder::MonthFirst,
        _ => DateOrder::Unsure,
    }
}

/// Unsure from every date written (`03/10 08:41`, `04/10 10:00`): the order that puts the first
/// slashed date within a month of the incident's day (3 October beside a start on 3 October,
/// not 10 March), the nearer when both do.
fn order_near<'t>(day: Option<Date>, texts: impl Iterator<Item = &'t str>) -> DateOrder {
    let Some(day) = day else {
        return DateOrder::Unsure;
    };
    let first = texts.filter_map(slashed_start).next();
    let Some(d) = first else {
        return DateOrder::Unsure;
    };
    let year = if d.year == 0 {
        i64::from(day.year())
    } else {
        d.year
    };
    // Days from the incident's day, within a month.
    let away = |m: i64, dd: i64| {
        to_date(year, m, dd)
            .map(|x| (x - day).get_days().abs())
            .filter(|n| *n <= 31)
    };
    // Both within a month (`05/06` beside 5 June: 0 days, or 6 May: 30): the nearer.
    match (away(d.second, d.first), away(d.first, d.second)) {
        (Some(_), None) => DateOrder::DayFirst,
        (None, Some(_)) => DateOrder::MonthFirst,
        (Some(a), Some(b)) if a < b => DateOrder::DayFirst,
        (Some(a), Some(b)) if b < a => DateOrder::MonthFirst,
        _ => DateOrder::Unsure,
    }
}

/// A letter of a month's or a day's name, in any script: `अक्टू` and `शुक्रवार` with the marks
/// within their words.
fn is_letter(c: char) -> bool {
    c.is_alphabetic() || crate::format::is_word_mark(c)
}

/// A date with its month's name: `Jan 14, 10:18 AM`, `Feb 6 20:31`, `November 24, 2025 –
/// 06:12`, `6th Nov 2023 11:10`. Without a year, the year is 0: the year of the events around
/// it (see [`Reader::place`]). A comma after it is read with it.
fn read_month_date(c: &mut Cursor<'_>) -> Option<[i64; 3]> {
    // `Tue 16 Feb, 07:31`, `Monday, Jan 4`, `Δευτέρα 20 Μαΐου`: the day of the week says
    // nothing more.
    let rest = c.rest();
    let letters = rest.len() - rest.trim_start_matches(is_letter).len();
    if crate::load::meta::is_weekday(&rest[..letters]) {
        // `quinta-feira, 13 de março`.
        let after = rest[letters..]
            .strip_prefix("-feira")
            .unwrap_or(&rest[letters..]);
        let after = after.trim_start_matches(['.', ',']);
        let after = after.trim_start_matches(' ');
        if after.len() < rest.len() - letters {
            c.i += rest.len() - after.len();
        }
    }
    let save = c.i;
    let word = |c: &mut Cursor<'_>| -> Option<i64> {
        // Of any script: `20 Μαΐου`, `14 березня`.
        let rest = c.rest();
        let len = rest.len() - rest.trim_start_matches(is_letter).len();
        let month = i64::from(crate::load::meta::month_number(rest.get(..len)?)?);
        c.i += len;
        // `Oct.`, `अक्टू.`; `सित॰`, cut short with Devanagari's sign of it.
        if !c.eat(b'.') && c.rest().starts_with('॰') {
            c.i += '॰'.len_utf8();
        }
        Some(month)
    };
    let day = |c: &mut Cursor<'_>| -> Option<i64> {
        let d = c.number(1, 2)?;
        let mut ordinal = false;
        for suffix in ["st", "nd", "rd", "th"] {
            if c.rest()
                .get(..2)
                .is_some_and(|r| r.eq_ignore_ascii_case(suffix))
            {
                c.i += 2;
                ordinal = true;
                break;
            }
        }
        // Not the hour of a clock (`6:30`); `Oct 30th: ...` is a day.
        (ordinal || c.peek() != Some(b':')).then_some(d)
    };
    let spaces = |c: &mut Cursor<'_>| {
        let n = c.rest().len() - c.rest().trim_start_matches(' ').len();
        c.i += n;
        n
    };
    let (month, d) = if let Some(month) = word(c) {
        // `Feb-08-2021 06:17:19 PM`, as block explorers write it.
        if c.eat(b'-') {
            let d = c.number(1, 2)?;
            c.eat(b'-').then_some(())?;
            let y = c.number(4, 4)?;
            return Some([y, month, d]);
        }
        (spaces(c) > 0).then_some(())?;
        (month, day(c)?)
    } else {
        c.i = save;
        let d = day(c)?;
        // `3. april`, as Norwegian (and German) write the day before the month's name; a
        // month's name must follow, or nothing is read.
        if c.rest().starts_with(". ") {
            c.i += 1;
        }
        (spaces(c) > 0).then_some(())?;
        // `13 de marzo`, `14 de março de 2024`, as Spanish and Portuguese write it; `18 de
        // juny`, `1 d'octubre`, as Catalan does.
        if c.rest()
            .get(..3)
            .is_some_and(|w| w.eq_ignore_ascii_case("de "))
        {
            c.i += 3;
        } else if let Some(elided) = ["d'", "d’"].iter().find(|p| c.rest().starts_with(**p)) {
            c.i += elided.len();
        }
        (word(c)?, d)
    };
    // `de 2024` after the month.
    if c.rest()
        .get(..4)
        .is_some_and(|w| w.eq_ignore_ascii_case(" de "))
        && {
            let after = &c.rest()[4..];
            after.len() >= 4 && after.as_bytes()[..4].iter().all(u8::is_ascii_digit)
        }
    {
        c.i += 3;
    }
    // `, 2025` or ` 2025`, when a year follows (not a clock's hour).
    let before_year = c.i;
    c.eat(b',');
    spaces(c);
    // A year, unless a `:` after it makes it something else (not `2025: text`).
    let separator_after = |c: &Cursor<'_>| {
        c.peek() != Some(b':') || c.rest()[1..].starts_with(' ') || c.rest().len() == 1
    };
    let year = match c.number(4, 4) {
        Some(y) if separator_after(c) => {
            c.eat(b',');
            y
        }
        _ => {
            c.i = before_year;
            c.eat(b',');
            0
        }
    };
    Some([year, month, d])
}

/// `ma 4.11. klo 16.20`, `4.11. klo 16.20`: a day and month without a year (and a Finnish
/// day of the week before them, cut to two letters), as a Finnish timeline dates an event
/// on another day; read only before `klo`, so that other dotted numbers stay text.
fn finnish_day(c: &mut Cursor<'_>) -> Option<[i64; 3]> {
    const DAYS: [&str; 7] = ["ma", "ti", "ke", "to", "pe", "la", "su"];
    let save = c.i;
    let rest = c.rest();
    if let Some(after) = (DAYS.iter())
        .find_map(|d| rest.get(..2).filter(|w| w.eq_ignore_ascii_case(d)))
        .and_then(|_| rest[2..].strip_prefix(' '))
    {
        c.i += rest.len() - after.len();
    }
    let date = (|| {
        let d = c.number(1, 2)?;
        c.eat(b'.').then_some(())?;
        let m = c.number(1, 2)?;
        c.eat(b'.').then_some(())?;
        let klo = c.rest().strip_prefix(' ')?.get(..4)?;
        (klo.eq_ignore_ascii_case("klo ") && (1..=31).contains(&d) && (1..=12).contains(&m))
            .then_some([0, m, d])
    })();
    if date.is_none() {
        c.i = save;
    }
    date
}

/// `25. 1. 09:00`, `24. 1. 2023 16:20`: a day and a month, each with a dot and a space after
/// it, and the year or none (year 0, see [`Reader::place`]), as Slovak and Czech date an
/// event; read before a clock only, so that other dotted numbers stay text.
fn spaced_day(c: &mut Cursor<'_>) -> Option<[i64; 3]> {
    let save = c.i;
    let date = (|| {
        let d = c.number(1, 2)?;
        c.eat(b'.').then_some(())?;
        c.eat(b' ').then_some(())?;
        let m = c.number(1, 2)?;
        c.eat(b'.').then_some(())?;
        c.eat(b' ').then_some(())?;
        let before_year = c.i;
        let year = match c.number(4, 4) {
            Some(y) if c.eat(b' ') => y,
            _ => {
                c.i = before_year;
                0
            }
        };
        let clock = read_clock(&mut Cursor { s: c.s, i: c.i }).is_some();
        (clock && (1..=31).contains(&d) && (1..=12).contains(&m)).then_some([year, m, d])
    })();
    if date.is_none() {
        c.i = save;
    }
    date
}

/// A date written with its year last, as read.
struct YearLast {
    first: i64,
    second: i64,
    year: i64,
    sep: u8,
}

/// `03/10 08:41`: a day and month with a slash and no year, before a clock, as a timeline
/// within a few days dates its events (year 0: the year of the events around it, see
/// [`Reader::place`]). Read before a clock only, so that `1/2 of the fleet` stays text.
fn slashed_day(c: &mut Cursor<'_>) -> Option<YearLast> {
    let save = c.i;
    let read = |c: &mut Cursor<'_>| {
        let first = c.number(1, 2)?;
        c.eat(b'/').then_some(())?;
        let second = c.number(1, 2)?;
        let after = c.rest().strip_prefix(' ')?;
        let hour = after.bytes().take_while(u8::is_ascii_digit).count();
        let clock = (1..=2).contains(&hour) && after[hour..].starts_with(':');
        let valid = |a: i64, b: i64| (1..=31).contains(&a) && (1..=12).contains(&b);
        (clock && (valid(first, second) || valid(second, first))).then_some(YearLast {
            first,
            second,
            year: 0,
            sep: b'/',
        })
    };
    let date = read(c);
    if date.is_none() {
        c.i = save;
    }
    date
}

/// The date an entry starts with, with its year last (`17/09/2024`) or a day and month before a
/// clock (`03/10 08:41`, year 0).
fn slashed_start(text: &str) -> Option<YearLast> {
    let mut c = Cursor {
        s: text.trim_start(),
        i: 0,
    };
    year_last(&mut c).or_else(|| slashed_day(&mut c))
}

/// Reads a date with its year last (`17-09-2024`, `9/17/2024`, `17.09.2024`); nothing read
/// if the text does not start with one.
fn year_last(c: &mut Cursor<'_>) -> Option<YearLast> {
    let save = c.i;
    let read = |c: &mut Cursor<'_>| {
        let first = c.number(1, 2)?;
        let sep = c.peek().filter(|b| matches!(b, b'-' | b'/' | b'.'))?;
        c.i += 1;
        let second = c.number(1, 2)?;
        c.eat(sep).then_some(())?;
        let year = c.number(4, 4)?;
        // Not the start of a longer number.
        (!starts_with_digit(c.rest())).then_some(YearLast {
            first,
            second,
            year,
            sep,
        })
    };
    let date = read(c);
    if date.is_none() {
        c.i = save;
    }
    date
}

/// Header words of a table's time column, of a date column apart from it, and of its event
/// column (matched as the whole header, lowercased, a parenthesised part aside).
const TIME_HEADERS: &[&str] = &[
    "time",
    "when",
    "timestamp",
    "date/time",
    "date & time",
    "date and time",
    "datetime",
    "time of day",
    "start",
    "start time",
    "godzina",
    "czas",
    "thời gian",
    "giờ",
    "waktu",
    "jam",
    "čas",
    "الوقت",
    "التوقيت",
    "الساعة",
    "שעה",
    "זמן",
    "מועד",
    "aika",
    "kellonaika",
    "klo",
    "час",
    "ώρα",
    "tid",
    "tidspunkt",
    "klokkeslett",
    "kl.",
    "oră",
    "időpont",
    "idő",
    "hora",
    "समय",
];
const DATE_HEADERS: &[&str] = &["date", "day"];

/// How far before the previous event a time without a date may fall and still be on its day
/// (written out of order); further back, it is the next day (past midnight).
const ROLL_OVER_AFTER_SECONDS: i64 = 3 * 3600;
/// [`ROLL_OVER_AFTER_SECONDS`] for times told in prose, which go back and forth.
const TOLD_ROLL_OVER_AFTER_SECONDS: i64 = 12 * 3600;
const EVENT_HEADERS: &[&str] = &[
    "zdarzenie",
    "sự kiện",
    "kejadian",
    "peristiwa",
    "událost",
    "الحدث",
    "الأحداث",
    "אירוע",
    "תיאור",
    "מה קרה",
    "tapahtuma",
    "kuvaus",
    "подія",
    "опис",
    "що сталося",
    "γεγονός",
    "συμβάν",
    "περιγραφή",
    "hendelse",
    "beskrivelse",
    "hva skjedde",
    "hvad skete der",
    "eveniment",
    "evenimente",
    "descriere",
    "esemény",
    "leírás",
    "esdeveniment",
    "descripció",
    "què va passar",
    "udalosť",
    "popis",
    "čo sa stalo",
    "घटना",
    "विवरण",
    "क्या हुआ",
    "event",
    "events",
    "description",
    "what happened",
    "what",
    "action",
    "actions",
    "details",
    "detail",
    "update",
    "activity",
    "note",
    "notes",
    "summary",
    "message",
    "status",
];

/// The rows of a Timeline section's table as the items a list would have: `time — event`,
/// each at its time cell. The time is the column headed `Time` (or `When`, `Timestamp`...), a
/// `Date` column before it joined to it; else the first column, when its first filled cell
/// starts with a time. The event is the column headed `Event` (or `Description`, `What
/// happened`...), else the other columns' filled cells joined by ` — `. A zone abbreviation
/// in the time column's header (`Time (UTC)`) applies to times written without one. A table
/// with no time column is not a timeline (rows are not read).
fn table_entries(table: &Table) -> Vec<(String, usize)> {
    // Long on purpose: one pass over a table's rows, reading each column the header names (time,
    // date, event, zone).
    let header: Vec<(String, Option<&str>)> = table
        .header
        .iter()
        .map(|c| {
            let t = c.text.trim();
            let (name, note) = match t.split_once('(') {
                Some((name, rest)) => (name, rest.split(')').next()),
                None => (t, None),
            };
            (name.trim().to_lowercase(), note.map(str::trim))
        })
        .collect();
    // The first name of a list that a column has, in the list's order (`Date` over `Day`, a
    // day of the week in some tables).
    let find =
        |names: &[&str]| (names.iter()).find_map(|name| header.iter().position(|(h, _)| h == name));
    let mut time = find(TIME_HEADERS);
    let mut date = find(DATE_HEADERS);
    // `Date (2022)`: the year of dates written without one.
    let year = date
        .and_then(|d| header.get(d))
        .and_then(|(_, note)| *note)
        .filter(|n| n.len() == 4 && n.bytes().all(|b| b.is_ascii_digit()));
    if time.is_none() {
        // A `Date` column alone holds whole times (`2021-03-31 12:11`).
        time = date.take();
    }
    let time = time.or_else(|| {
        let first = table
            .rows
            .iter()
            .map(|r| r.first().map_or("", |c| c.text.trim()))
            .find(|t| !t.is_empty())?;
        read_written(&format!("{first} — x"), DateOrder::Unsure)
            .is_ok()
            .then_some(0)
    });
    let Some(time) = time else {
        return Vec::new();
    };
    let zone = header
        .get(time)
        .and_then(|(_, note)| *note)
        .filter(|w| zone_of(w).is_some() || w.eq_ignore_ascii_case("utc") || *w == "Z");
    // The first name of the list that a column has, in the list's order (`Description` over
    // `Status`).
    let event = EVENT_HEADERS.iter().find_map(|name| {
        (header.iter().enumerate())
            .position(|(i, (h, _))| h == name && i != time && Some(i) != date)
    });
    let cell = |row: &[Cell], i: usize| row.get(i).map(|c| (c.text.trim().to_string(), c.offset));
    let mut out = Vec::new();
    for row in &table.rows {
        let Some((mut when, mut offset)) = cell(row, time) else {
            continue;
        };
        // Marks of an approximate time (`~10:45`, `12:00+`, `10:45?`) are not part of it.
        when = when
            .trim_start_matches('~')
            .trim_end_matches(['~', '+', '?'])
            .trim()
            .to_string();
        // `16:02–16:05`: a range of times is its first, which the column's zone then follows.
        let clock = |t: &str| {
            let t = t.trim();
            t.len() <= 8 && t.contains(':') && t.bytes().all(|b| b.is_ascii_digit() || b == b':')
        };
        let range = when
            .split_once(['–', '—'])
            .or_else(|| when.rsplit_once('-'));
        if let Some((from, to)) = range
            && clock(to)
            && from.trim().rsplit(' ').next().is_some_and(clock)
        {
            when = from.trim().to_string();
        }
        if let Some((day, at)) = date
            .and_then(|d| cell(row, d))
            .filter(|(d, _)| !d.is_empty())
        {
            when = match year {
                Some(y) if !day.contains(y) => format!("{day} {y} {when}"),
                _ => format!("{day} {when}"),
            };
            offset = at;
        }
        let zoneless = || {
            read_written(&format!("{when} — x"), DateOrder::Unsure)
                .is_ok_and(|w| matches!(w.zone, WrittenZone::Started))
        };
        if let Some(zone) = zone.filter(|_| zoneless()) {
            when = format!("{when} {zone}");
        }
        let text = match event {
            Some(e) => cell(row, e).map(|(t, _)| t).unwrap_or_default(),
            None => (0..row.len())
                .filter(|&i| i != time && Some(i) != date)
                .filter_map(|i| cell(row, i).map(|(t, _)| t))
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(" — "),
        };
        if when.is_empty() && text.is_empty() {
            continue;
        }
        out.push((format!("{when} — {text}"), offset));
    }
    out
}

/// The times a timeline's words mark, for an incident whose front matter leaves them out: the
/// first event that says it was detected (`detected`, `alert fired`, `paged`...), the first
/// that says it was mitigated (`mitigated`, `rolled back`, `failed over`...) and the last that
/// says it was resolved (`resolved`, `all clear`, `recovered`...).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Milestones {
    pub detected: Option<Zoned>,
    pub mitigated: Option<Zoned>,
    pub resolved: Option<Zoned>,
}

const DETECTED: &[&str] = &[
    "detected",
    // A status page's first update (`Investigating: We are investigating ...`).
    "investigating",
    "triggered",
    "alert fired",
    "alert fires",
    "alerts fired",
    "alerted",
    "paged",
    "pages",
    "page fired",
    "noticed",
    "first report",
    "first reports",
    "first user report",
    "user report",
    "user reports",
    "customer-reported",
    "customer reports",
    "emails support",
    "emailed support",
    "contacts support",
    "contacted support",
    "support ticket",
    "support tickets",
    "reported",
    "reports",
    "detect",
    "detects",
    "alarm",
    "alert",
    "alerts",
    "fires",
    "notices",
    "acks",
    "acked",
    "acknowledged",
    "acknowledges",
    "escalates",
    "escalated",
    "incident declared",
    "declared",
    "upptäckt",
    "larm",
    "larmet",
    // `**Wykrycie.**` (detection), as a Polish timeline marks it.
    "wykrycie",
    // `The security on-call receives a report via security@...`, `saw a report in our
    // Matrix channel`.
    "receives a report",
    "received a report",
    "saw a report",
    "got a report",
    "wykryto",
    "alarm",
    "declares an incident",
    "declared an incident",
    "declares incident",
    "became aware",
    "becomes aware",
    "become aware",
    // German, French, Spanish, Portuguese, Japanese.
    "alarmiert",
    "erkannt",
    "bemerkt",
    "détecté",
    "détectée",
    "signale",
    "signalent",
    "reporta",
    "reportan",
    "relata",
    "relatam",
    "alerte",
    "detectado",
    "detectada",
    "alerta",
    // Russian, Korean, Turkish: an alert, a customer report.
    "алерт",
    "оповещение",
    "알림",
    "알람",
    "alarm",
    "alarmı",
    "bildirim",
    "bildirimini",
    // `Se abre la incidencia` (the incident is opened), `aumento de quejas` (complaints).
    "se abre la incidencia",
    "quejas",
    "reclamaciones",
    "検知",
    "検出",
    "アラート",
    "発覚",
    "allarme",
    "segnala",
    "segnalato",
    "segnalata",
    "rilevato",
    "rilevata",
    "gemeld",
    "gepaged",
    "gealarmeerd",
    "告警",
    "报警",
    "故障发现",
    // Polish, Vietnamese, Indonesian: an alert, a report.
    "powiadomienie",
    "cảnh báo",
    "peringatan",
    "melaporkan",
    // Czech, Arabic: the detection, an alert.
    "detekce",
    "incident detekován",
    "اكتشاف الحادثة",
    "تم اكتشاف",
    "التنبيه",
    "تنبيه",
    // Hebrew, Finnish: the alert (`ההתראה נכנסת`, `Hälytys laukeaa`), the detection.
    "ההתראה",
    "התראה",
    "התראת",
    "זוהתה התקלה",
    "hälytys",
    "häiriö havaitaan",
    "häiriö havaittiin",
    // Ukrainian, Greek, Norwegian: the alert (`Спрацював алерт` above, `Ενεργοποιείται το
    // alert`, `Varselet går av`), the detection.
    "сповіщення",
    "інцидент виявлено",
    "проблему виявлено",
    "ειδοποίηση",
    "συναγερμός",
    "εντοπίστηκε το πρόβλημα",
    "varsel",
    "varselet",
    "alarmen",
    "blir varslet",
    "ble varslet",
    // Danish, Romanian, Hungarian: the alert going off, the on-call called, the support
    // desk reporting it.
    "udløses",
    "alarmen udløses",
    "vagten",
    "alertă",
    "alerta",
    "alarmă",
    "sună inginerul de gardă",
    "inginerul de gardă",
    "riasztás",
    "riasztást",
    "ügyfélszolgálat jelzi",
    // Catalan, Slovak, Hindi: the alert (`Salta l'alerta`, `spustil sa alert`, `अलर्ट आया`),
    // the detection, a report of it, the incident declared.
    "es detecta",
    "detectat",
    "avís",
    "avisa",
    "alarma",
    "queixes",
    "declara l incident",
    "zistené",
    "zistili",
    "detekované",
    "upozornenie",
    "hlási",
    "nahlásil",
    "nahlásila",
    "nahlásili",
    "sťažnosti",
    "vyhlásený incident",
    "अलर्ट",
    "अलार्म",
    "चेतावनी",
    "पता चला",
    "पता चलता है",
    "शिकायत",
    "शिकायतें",
    "रिपोर्ट किया",
    "घटना घोषित",
];
const MITIGATED: &[&str] = &[
    "mitigated",
    "mitigation",
    "rolled back",
    "rollback",
    "roll back",
    "reverted",
    "failed over",
    "workaround",
    "partially recovered",
    "partially restored",
    "fix deployed",
    "hotfix deployed",
    // A status page's `Monitoring` update.
    "fix has been implemented",
    "fix has been deployed",
    "rollback live",
    "fix applied",
    "hotfix applied",
    "patch applied",
    "patch deployed",
    "mitigation applied",
    // Datadog's and incident.io's states: `Status changed from Active to Stable`.
    "to stable",
    "marked stable",
    "marked as stable",
    "abgemildert",
    "zurückgerollt",
    "atténué",
    "mitigado",
    "mitigada",
    "revertido",
    "revierte",
    "se revirtió",
    "暫定対応",
    "緩和",
    "切り戻し",
    "mitigato",
    "mitigata",
    "rollback eseguito",
    "teruggedraaid",
    "teruggezet",
    "gemitigeerd",
    "回滚",
    "止损",
    "відкочено",
    "відкат",
    "επαναφορά της αλλαγής",
    "rullet tilbake",
    "tilbakerulling fullført",
    "rullet tilbage",
    "rollback finalizat",
    "visszaállítva",
    "mitigat",
    "mitigada",
    "revertit",
    "revertida",
    "es reverteix",
    "solució provisional",
    "zmiernené",
    "vrátené späť",
    "vrátená späť",
    "vrátený späť",
    "dočasné riešenie",
    "रोलबैक",
    "वापस लिया गया",
    "अस्थायी समाधान",
];
const RESOLVED: &[&str] = &[
    "resolved",
    // The Google SRE template's markers (`15:40 OUTAGE ENDS`, `<END OF OUTAGE>`).
    "outage ends",
    "outage ended",
    "impact ends",
    "impact ended",
    "exposure ends",
    "exposure ended",
    "end of outage",
    "impact ends",
    "impact ended",
    "all clear",
    "all-clear",
    "recovered",
    "fully recovered",
    "full recovery",
    "recovery confirmed",
    "fully operational",
    "confirmed operational",
    "back to normal",
    // `all requests were being served normally again`.
    "normally again",
    "incident closed",
    "recovery complete",
    "service restored",
    "services restored",
    "connectivity restored",
    "access restored",
    "functionality restored",
    "traffic restored",
    "service resumed",
    "services resumed",
    "operations resumed",
    "fully restored",
    "back to baseline",
    "healthy again",
    "trees re-opened",
    "trees reopened",
    "trees re-open",
    "trees reopen",
    "behoben",
    "gelöst",
    "wiederhergestellt",
    "incident beendet",
    "störung beendet",
    "vorfall beendet",
    "fin de l'incident",
    "fin de l incident",
    "incident clos",
    "incident résolu",
    "fin del incidente",
    "incidente cerrado",
    "fim do incidente",
    "incidente encerrado",
    "résolu",
    "résolue",
    "rétabli",
    "rétablie",
    "resuelto",
    "resuelta",
    "restablecido",
    "resolvido",
    "resolvida",
    "restabelecido",
    "復旧",
    "解決",
    "収束",
    "正常化",
    "returned to normal",
    "fungerar igen",
    "åtgärdat",
    // Swedish `löst` with what says it is the incident's (German `löst aus` is "triggers").
    "är löst",
    "problemet löst",
    "incidenten löst",
    "felet löst",
    "rozwiązany",
    "przywrócono",
    "risolto",
    "risolta",
    "fine impatto",
    "fine dell impatto",
    "fine del disservizio",
    "fine dell incidente",
    "opgelost",
    "hersteld",
    "einde klantimpact",
    "einde impact",
    "einde van de storing",
    "故障恢复",
    "已恢复",
    "恢复正常",
    "инцидент закрыт",
    "восстановлено",
    "восстановлен",
    "정상화",
    "복구 완료",
    "normale dönüyor",
    "çözüldü",
    "incident vyřešen",
    "incident uzavřen",
    "vyřešeno",
    "إغلاق الحادثة",
    "انتهاء الأثر",
    "تم حل الحادثة",
    "האירוע נפתר",
    "התקלה נפתרה",
    "האירוע נסגר",
    "häiriö ratkaistu",
    "häiriö ohi",
    "häiriö päättyi",
    "інцидент вирішено",
    "роботу відновлено",
    "інцидент закрито",
    "το συμβάν επιλύθηκε",
    "αποκαταστάθηκε",
    "το συμβάν έκλεισε",
    "hendelsen er løst",
    "hendelsen lukket",
    "feilen er rettet",
    "hændelsen er løst",
    "hændelsen lukket",
    "incident închis",
    "incident inchis",
    "incident rezolvat",
    "az incidenst lezárjuk",
    "incidens lezárva",
    "incident resolt",
    "resolt",
    "resolta",
    "incident tancat",
    "restablert",
    "restablerta",
    "incident vyriešený",
    "vyriešené",
    "vyriešený",
    "incident uzavretý",
    "obnovené",
    "obnovená",
    "समस्या हल",
    "हल हुआ",
    "हल हो गया",
    "समाधान हुआ",
    "समाधान हो गया",
    "ठीक हो गया",
    "सेवा बहाल",
    "बहाल हो गई",
    "घटना समाप्त",
    "घटना बंद",
];

/// Words that, just before a milestone's phrase, say it did not happen (`t` is what is left
/// of "didn't" once words are split at the apostrophe); in Indonesian (`Tidak ada alert`),
/// Polish (`brak alertu`), Vietnamese (`không có cảnh báo`), Czech (`žádný alert`), Arabic
/// (`لم يصدر أي تنبيه`), Hebrew (`לא נכנסה התראה`), Finnish (`ei hälytystä`), Ukrainian (`не
/// спрацював алерт`), Greek (`Δεν υπάρχει alert`) and Norwegian
/// (`ingen alarm`) too.
const NEGATIONS: &[&str] = &[
    "no",
    "not",
    "nobody",
    "never",
    "without",
    "nothing",
    "none",
    "t",
    "tidak",
    "belum",
    "tanpa",
    "nie",
    "brak",
    "bez",
    "không",
    "chưa",
    "žádný",
    "žádná",
    "žádné",
    "nebyl",
    "nebyla",
    "nebylo",
    "nebyly",
    "لا",
    "لم",
    "دون",
    "بدون",
    "לא",
    "אין",
    "ללא",
    "בלי",
    "ei",
    "eikä",
    "eivät",
    "ilman",
    "не",
    "немає",
    "без",
    "жодного",
    "жодних",
    "ніхто",
    "δεν",
    "δε",
    "μη",
    "χωρίς",
    "κανένα",
    "καμία",
    "ikke",
    "ingen",
    "uten",
    "aldri",
    "intet",
    "aldrig",
    "inte",
    "inget",
    "inga",
    "utan",
    "nu",
    "nicio",
    "niciun",
    "fără",
    "fara",
    "nincs",
    "nem",
    "nélkül",
    "senki",
    "ningú",
    "žiadny",
    "žiadna",
    "žiadne",
    "žiaden",
    "nebol",
    "nebola",
    "nebolo",
    "neboli",
    "nik",
    "nikto",
    "nikdy",
    "नहीं",
    "बिना",
    "न",
];

/// Each milestone's phrases, padded with a space on each side (whole words only; a phrase in
/// a script written without spaces, `復旧`, is found within words), in one automaton per
/// milestone, made once: `detected`, `mitigated`, `resolved`, and `partial`.
static PHRASES: std::sync::LazyLock<[AhoCorasick; 4]> = std::sync::LazyLock::new(|| {
    let unspaced = |c: char| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}');
    let automaton = |words: &[&str]| {
        AhoCorasick::new(words.iter().map(|w| match w.chars().any(unspaced) {
            true => w.to_string(),
            false => format!(" {w} "),
        }))
        .expect("a few short phrases make an automaton")
    };
    [
        automaton(DETECTED),
        automaton(MITIGATED),
        automaton(RESOLVED),
        automaton(&[
            "partially",
            "partial",
            "teilweise",
            "partiellement",
            "parcialmente",
            "一部",
        ]),
    ]
});

/// Words that put what follows ahead of the event: it was begun, planned or tried, not done.
const NOT_YET: &[&str] = &[
    "began",
    "begin",
    "begins",
    "working",
    "preparing",
    "prepare",
    "planning",
    "plan",
    "planned",
    "decided",
    "decide",
    "considering",
    "consider",
    "discussing",
    "discussed",
    "attempting",
    "attempted",
    "trying",
    "tried",
    "proposed",
    "waiting",
    // `pause the batch rather than roll back`, `instead of rolling back`: the other choice.
    "rather",
    "instead",
    "decision",
];

/// Words that, just after a milestone's phrase, say it was tried or planned and not done, or
/// did not work ("rollback attempted", "rollback fails").
const NOT_DONE_AFTER: &[&str] = &[
    "attempted",
    "attempt",
    "attempts",
    "planned",
    "proposed",
    "considered",
    "discussed",
    "requested",
    "pending",
    "failed",
    "fails",
    "fail",
    "unsuccessful",
    // Hindi says "not" after the verb (`अलर्ट नहीं आया`).
    "नहीं",
    "न",
];

/// Whether an event says the outage began, as the Google SRE template marks it, in capitals
/// (`14:51 OUTAGE BEGINS — ...`, `<START OF OUTAGE>`): that event starts the incident,
/// whatever the timeline tells before it (the change, the traffic that led to it).
pub fn marks_the_start(text: &str) -> bool {
    const MARKS: &[&str] = &[
        "outage begins",
        "outage began",
        "outage starts",
        "outage started",
        "start of outage",
        "start of the outage",
        "impact begins",
        "impact starts",
        "impact start",
        "start of impact",
        // The impact on whom, as a COE or a customer-facing review says it.
        "customer impact begins",
        "customer impact began",
        "customer impact starts",
        "user impact begins",
        "user impact starts",
        // A sentence that says so of the event (`nginx reloaded. This is when the outage
        // started.`).
        "this is when the outage started",
        "this is when the outage began",
        "this is when the impact started",
        "this is when the impact began",
    ];
    // Other languages' set phrases (`Début de l'incident.`, `Início do impacto.`).
    const OTHER: &[&str] = &[
        "début de l'incident",
        "début de l'impact",
        "inicio del incidente",
        "inicio del impacto",
        "início do incidente",
        "início do impacto",
        "beginn der störung",
        "beginn des vorfalls",
        "beginn der auswirkung",
        "beginn des ausfalls",
        "inizio impatto",
        "inizio dell'impatto",
        "inizio del disservizio",
        "inizio dell'incidente",
        "begin klantimpact",
        "begin impact",
        "begin van de storing",
        "故障开始",
        "影响开始",
        "начало влияния",
        "начало инцидента",
        "영향 시작",
        "장애 시작",
        "etki başlıyor",
        "etki başladı",
        "początek wpływu",
        "bắt đầu ảnh hưởng",
        "dampak dimulai",
        "awal dampak",
        "začátek dopadu",
        "začátek incidentu",
        "začátek výpadku",
        "بداية الأثر",
        "بداية التأثير",
        "بداية الحادثة",
        "תחילת ההשפעה",
        "תחילת האירוע",
        "תחילת התקלה",
        "häiriö alkaa",
        "häiriö alkoi",
        "vaikutus alkaa",
        "vaikutus alkoi",
        "häiriön alku",
        "початок впливу",
        "початок інциденту",
        "вплив почався",
        "έναρξη επίπτωσης",
        "έναρξη συμβάντος",
        "έναρξη αντίκτυπου",
        "αρχή επίπτωσης",
        "start på kundepåvirkning",
        "start på påvirkning",
        "start på hendelsen",
        "påvirkningen starter",
        "start på påvirkningen",
        "påvirkningen begynder",
        "kundpåverkan börjar",
        "påverkan börjar",
        "start på kundpåverkan",
        "începutul impactului",
        "inceputul impactului",
        "începutul incidentului",
        "a hatás kezdete",
        "hatás kezdete",
        "comença l'impacte",
        "inici de l'impacte",
        "inici de l'incident",
        "comença la incidència",
        "začiatok dopadu",
        "začiatok incidentu",
        "začiatok výpadku",
        "प्रभाव शुरू",
        "प्रभाव की शुरुआत",
        "आउटेज शुरू",
    ];
    // Written as a marker, in capitals, or as a sentence of its own (`... 503s begin.
    // **Impact starts.**`): `the start of the outage` in a sentence is no mark.
    static START: std::sync::LazyLock<Marks> =
        std::sync::LazyLock::new(|| Marks::new(MARKS, OTHER));
    START.said_by(text)
}

/// Whether an event tells the first sign of the impact in the words a timeline uses for it,
/// with no mark (`First failed payment with invalid_request from PSP`, `search latency starts
/// climbing`, `Callback delays start.`, `Første checkout-fejl i loggen`, `Primele erori ...`):
/// a clause that opens with "first" and names a failure, a clause where something starts to
/// climb, grow or fail, or a failure that starts (`503s begin`). The change that led to it
/// (`Release 4.18.0 deployed`), someone who starts looking, a flash sale that starts or a
/// first customer report do not.
pub fn tells_onset(text: &str) -> bool {
    text.split(['.', ';', '!', '?', '—', '–', '(', ')', '।'])
        .any(|clause| {
            let padded = crate::format::padded_words(clause);
            let words: Vec<&str> = padded.split_whitespace().collect();
            // `First failed payment`, `The first 403s`, `Az első ... hiba`.
            let lead = words.iter().position(|w| !ONSET_ARTICLES.contains(w));
            // Not a first report of it (`first email from a merchant: their import failed`,
            // `First merchant tickets: "connection timeout"`): that is how it was found; nor
            // a failure denied (`First canary batch passes with no errors`).
            if let Some(i) = lead
                && i <= 1
                && ONSET_FIRST.contains(&words[i])
                && let Some(f) = words[i + 1..].iter().position(|w| names_failure(w))
                && !words[i + 1..=i + 1 + f]
                    .iter()
                    .any(|w| ONSET_SIGNALS.contains(w) || denies(w))
            {
                return true;
            }
            // `Every ticket write fails with READONLY`, `job for SD2 fails: key expired`: a
            // failure told in the present, not denied (`nothing fails`), nor a check's (`A
            // synthetic check fails`: how it is found, as an alert is).
            if words.iter().enumerate().any(|(k, w)| {
                matches!(*w, "fails" | "failing")
                    && !words[k.saturating_sub(3)..k].iter().any(|p| denies(p))
                    && !words[..k].iter().any(|p| ONSET_CHECKS.contains(p))
            }) {
                return true;
            }
            words.iter().enumerate().any(|(k, w)| {
                if !ONSET_STARTS.contains(w) {
                    return false;
                }
                // `starts climbing`, `begins to grow`, `empiezan a acumularse`.
                let (verb, linked) = match words.get(k + 1) {
                    Some(n) if ONSET_LINKS.contains(n) => (words.get(k + 2), true),
                    n => (n, n.is_some_and(|n| n.ends_with("ing"))),
                };
                verb.is_some_and(|v| ONSET_VERBS.contains(v))
                    // `Callback delays start`, `503s begin on /v2/...` (not `errors start to
                    // drop`, a recovery).
                    || (!linked && k.checked_sub(1).is_some_and(|p| names_failure(words[p])))
            })
        })
}

/// Whether an event tells of the impact itself, in any words: its first sign ([`tells_onset`])
/// or a failure it names (`Checkout outage begins`, `Site goes down for all EU users`,
/// `Primary database crashes; writes fail`). Such a first event starts the incident.
pub fn tells_impact(text: &str) -> bool {
    let padded = crate::format::padded_words(text);
    let words: Vec<&str> = padded.split_whitespace().collect();
    // A bare number after another or after `to`/`from` is a value (`max.poll.records 50 →
    // 500`, `pool raised from 100 to 500`), not a status code; a change from a success's code
    // is a status's (`status changes from 200 to 503`).
    let value = |k: usize| {
        let digits = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
        let success = |w: &str| w.len() == 3 && w.starts_with('2') && digits(w);
        if !digits(words[k]) {
            return false;
        }
        match k.checked_sub(1).map(|p| words[p]) {
            Some(w) if digits(w) => !success(w),
            Some("to" | "from") => !k.checked_sub(2).is_some_and(|p| success(words[p])),
            _ => false,
        }
    };
    tells_onset(text)
        || (0..words.len())
            .any(|k| (names_failure(words[k]) && !value(k)) || ONSET_IMPACT.contains(&words[k]))
}

/// Words that tell an impact beside [`names_failure`]'s.
const ONSET_IMPACT: &[&str] = &[
    "down",
    "outage",
    "outages",
    "broken",
    "degraded",
    "degradation",
    "unreachable",
    "störung",
    "ausfall",
    "panne",
    "caída",
    "interrupción",
    "indisponibilidade",
    "disservizio",
    "storing",
    "avbrott",
    "nedetid",
    "awaria",
    "caiguda",
    "interrupció",
    "výpadok",
    "आउटेज",
];

/// What watches the service: its failing is a signal, not the impact.
const ONSET_CHECKS: &[&str] = &[
    "check",
    "checks",
    "probe",
    "probes",
    "synthetic",
    "canary",
    "canaries",
    "test",
    "tests",
    "monitor",
    "monitors",
    "healthcheck",
    "health",
    "smoke",
];

/// Whether a word denies the failure after it (`passes with no errors`, `nessun errore`): one
/// of the [`NEGATIONS`] the milestones read, or of the languages they do not.
fn denies(word: &str) -> bool {
    const MORE: &[&str] = &[
        "zero", "nessun", "nessuna", "sin", "sem", "ohne", "kein", "keine", "sans", "aucun",
        "aucune", "geen", "uden",
    ];
    NEGATIONS.contains(&word) || MORE.contains(&word)
}

/// Words before "first" at a clause's start (`The first ...`, `Az első ...`).
const ONSET_ARTICLES: &[&str] = &[
    "the", "a", "az", "de", "die", "der", "le", "la", "les", "los", "las", "os", "as", "il", "gli",
];

/// "First", in the languages whose headings hindsight reads.
const ONSET_FIRST: &[&str] = &[
    "first",
    "erste",
    "ersten",
    "erster",
    "erstes",
    "premier",
    "première",
    "premiers",
    "premières",
    "primer",
    "primera",
    "primeros",
    "primeras",
    "primeiro",
    "primeira",
    "primeiros",
    "primeiras",
    "primo",
    "primi",
    "prime",
    "eerste",
    "første",
    "forste",
    "första",
    "primele",
    "primul",
    "primii",
    "pierwszy",
    "pierwsza",
    "pierwsze",
    "első",
    "primers",
    "primeres",
    "prvé",
    "prvá",
    "prvý",
    "prvých",
    "पहली",
    "पहला",
];

/// What tells of the impact rather than being it: a report, a ticket, a customer's email.
const ONSET_SIGNALS: &[&str] = &[
    "email",
    "emails",
    "mail",
    "ticket",
    "tickets",
    "report",
    "reports",
    "reported",
    "call",
    "calls",
    "complaint",
    "complaints",
    "message",
    "messages",
    "page",
    "pages",
    "alert",
    "alerts",
    "customer",
    "customers",
    "user",
    "users",
    "merchant",
    "merchants",
    "support",
    "tweet",
    "tweets",
    "chat",
    "contact",
    "escalation",
    "mention",
    "post",
    "posts",
];

/// "Starts" and "begins", as a timeline says them.
const ONSET_STARTS: &[&str] = &[
    "start",
    "starts",
    "started",
    "starting",
    "begin",
    "begins",
    "began",
    "beginning",
    "empieza",
    "empiezan",
    "comienza",
    "comienzan",
    "começa",
    "começam",
    "commence",
    "commencent",
    "beginnt",
    "beginnen",
    "begint",
    "begynder",
    "begynner",
    "börjar",
    "începe",
    "încep",
    "incepe",
    "inizia",
    "iniziano",
    "zaczyna",
    "zaczynają",
    "comença",
    "comencen",
    "začína",
    "začínajú",
    "शुरू",
];

/// What joins "starts" to its verb: `begins to climb`, `empiezan a`, `begynner å`, `să`.
const ONSET_LINKS: &[&str] = &[
    "to", "a", "à", "zu", "te", "at", "å", "att", "să", "sa", "ad", "się",
];

/// The verbs a symptom starts with, as written after "starts" (`climbing`, `to rise`, `to
/// fail`, `piling up`, `timing out`, `backing up`; `acumularse`, `stige`, `crescere`...):
/// whole words, and none that a person does to something (`starts increasing the replica
/// count`, `starts flipping the flag`) or that tells a recovery (`errors start to drop`).
const ONSET_VERBS: &[&str] = &[
    "climb",
    "climbing",
    "rise",
    "rising",
    "grow",
    "growing",
    "fail",
    "failing",
    "spike",
    "spiking",
    "pile",
    "piling",
    "accumulate",
    "accumulating",
    "acumularse",
    "acumular",
    "timing",
    "erroring",
    "throwing",
    "backing",
    "degrade",
    "degrading",
    "stall",
    "stalling",
    "lag",
    "lagging",
    "subir",
    "crecer",
    "aumentar",
    "steigen",
    "wachsen",
    "stige",
    "øke",
    "øge",
    "öka",
    "crescer",
    "crescere",
    "aumentare",
    "fallar",
    "falhar",
    "échouer",
    "monter",
    "augmenter",
    "rosnąć",
    "pujar",
    "créixer",
    "stúpať",
    "rásť",
    "narastať",
    "zlyhávať",
];

/// Whether a word names a failure: an HTTP status of one (`503s`, `5xx`), an error, a failure,
/// a timeout, a rejection, a delay (in the languages of [`ONSET_FIRST`]), in any part of a
/// hyphenated word (`checkout-fejl`).
fn names_failure(word: &str) -> bool {
    const STEMS: &[&str] = &[
        "fail",
        "error",
        "timeout",
        "timed",
        "exception",
        "reject",
        "declin",
        "delay",
        "oom",
        "crash",
        "panic",
        "refus",
        "unavailab",
        "throttl",
        "stale",
        "duplicat",
        "fehler",
        "erreur",
        "échec",
        "echec",
        "fallo",
        "falla",
        "falha",
        "erro",
        "fout",
        "fejl",
        "feil",
        "tidsavbrudd",
        "eroare",
        "erori",
        "eșec",
        "esec",
        "błęd",
        "błąd",
        "hiba",
        "hibá",
        "fallad",
        "chyb",
        "zlyh",
        "त्रुटि",
        "विफल",
        "avbrott",
    ];
    // A fail-over is a move, not a failure (`failover`, `fail-over`, `db-failback`).
    let moved = |p: &str| {
        ["failover", "failback", "fail-over", "fail-back"]
            .iter()
            .any(|f| p.starts_with(f))
    };
    if moved(word) {
        return false;
    }
    word.split('-').any(|p| {
        let b = p.as_bytes();
        let status = (b.len() == 3 || (b.len() == 4 && b[3] == b's'))
            && matches!(b[0], b'4' | b'5')
            && (b[1..3].iter().all(u8::is_ascii_digit) || &b[1..3] == b"xx");
        status || (STEMS.iter().any(|s| p.starts_with(s)) && !moved(p)) || p == "fel"
    })
}

/// Whether an event says the outage ended, as a mark (`OUTAGE ENDS`, `<END OF OUTAGE>`) or
/// a sentence of its own (`**Impact ends.**`, `Fine impatto.`, `【故障恢复】`).
pub fn marks_the_end(text: &str) -> bool {
    const MARKS: &[&str] = &[
        "outage ends",
        "outage ended",
        "end of outage",
        "end of the outage",
        "impact ends",
        "impact ended",
        "impact end",
        "impact over",
        "end of impact",
        "customer impact ends",
        "customer impact ended",
        "user impact ends",
        "user impact ended",
        "exposure ends",
        "exposure ended",
    ];
    const OTHER: &[&str] = &[
        "fin de l'incident",
        "fin de l'impact",
        "fin del incidente",
        "fin del impacto",
        "fim do incidente",
        "fim do impacto",
        "fine impatto",
        "fine dell'impatto",
        "einde klantimpact",
        "einde impact",
        "ende der störung",
        "ende der auswirkung",
        "ende des ausfalls",
        "конец влияния",
        "영향 종료",
        "장애 종료",
        "etki bitiyor",
        "etki bitti",
        "koniec wpływu",
        "kết thúc ảnh hưởng",
        "dampak berakhir",
        "akhir dampak",
        "konec dopadu",
        "konec výpadku",
        "انتهاء الأثر",
        "نهاية الأثر",
        "انتهاء التأثير",
        "האירוע נפתר",
        "התקלה נפתרה",
        "סוף ההשפעה",
        "סיום ההשפעה",
        "häiriö ratkaistu",
        "häiriö päättyy",
        "häiriö päättyi",
        "vaikutus päättyy",
        "vaikutus päättyi",
        "häiriön loppu",
        "кінець впливу",
        "вплив завершився",
        "кінець інциденту",
        "τέλος επίπτωσης",
        "τέλος συμβάντος",
        "λήξη επίπτωσης",
        "slutt på kundepåvirkning",
        "slutt på påvirkning",
        "påvirkningen er over",
        "påvirkningen er slut",
        "slut på påvirkningen",
        "slut på kundepåvirkningen",
        "kundpåverkan slut",
        "kundpåverkan slutar",
        "kundpåverkan upphör",
        "slut på kundpåverkan",
        "påverkan slut",
        "sfârșitul impactului",
        "sfârşitul impactului",
        "sfarsitul impactului",
        "a hatás vége",
        "hatás vége",
        "fi de l'impacte",
        "final de l'impacte",
        "s'acaba l'impacte",
        "fi de la incidència",
        "koniec dopadu",
        "koniec výpadku",
        "dopad skončil",
        "प्रभाव समाप्त",
        "प्रभाव ख़त्म",
        "प्रभाव खत्म",
        "घटना समाप्त",
        "【故障恢复】",
    ];
    static END: std::sync::LazyLock<Marks> = std::sync::LazyLock::new(|| Marks::new(MARKS, OTHER));
    END.said_by(text) || resolved_last(text)
}

/// Whether an event ends with `Resolved` as a sentence of its own after what it tells
/// (`Login traffic back to normal. 🟢 **Resolved.**`, `Zero-result rate back to baseline.
/// Incident resolved.`): the end marked where it was seen. An event that is only `Incident
/// resolved.` is when it was declared, often after the impact ended, and is read as the other
/// events are.
fn resolved_last(text: &str) -> bool {
    let t = text.trim_end_matches([' ', '*', '_', '.', '!']);
    ["incident resolved", "resolved"].iter().any(|m| {
        // The mark is ASCII: compared without lower-casing the whole event.
        let cut = t.len().saturating_sub(m.len());
        let Some(before) = (t.get(cut..))
            .filter(|tail| tail.eq_ignore_ascii_case(m))
            .map(|_| &t[..cut])
        else {
            return false;
        };
        let before = before.trim_end_matches(|c: char| {
            matches!(c, ' ' | '*' | '_') || (!c.is_ascii() && !c.is_alphanumeric())
        });
        // `Error rate back to baseline; incident resolved`; but `auto-cleared; resolved.` is an
        // alert's, and the word alone ends the impact only after a sentence.
        let ends = match *m {
            "resolved" => before.ends_with(['.', '!']),
            _ => before.ends_with(['.', '!', ';']),
        };
        ends && before.chars().any(char::is_alphanumeric)
    })
}

/// The marks of one milestone (the start, the end), each automaton made once: English marks
/// written in capitals or as a sentence of their own, other languages' set phrases anywhere.
struct Marks {
    marks: &'static [&'static str],
    upper: AhoCorasick,
    lower: AhoCorasick,
    other: AhoCorasick,
}

impl Marks {
    fn new(marks: &'static [&'static str], other: &[&str]) -> Self {
        let made = "a few short phrases make an automaton";
        Marks {
            marks,
            upper: AhoCorasick::new(marks.iter().map(|m| m.to_uppercase())).expect(made),
            lower: AhoCorasick::new(marks).expect(made),
            other: AhoCorasick::new(other).expect(made),
        }
    }

    /// Whether `text` says one of the marks: a mark in capitals, a mark as a sentence of its
    /// own, or another language's phrase (both lower-cased, `’` read as `'`: an apostrophe,
    /// not a sign before a mark).
    fn said_by(&self, text: &str) -> bool {
        if self.upper.is_match(text) {
            return true;
        }
        let lower = text.to_lowercase();
        let lower = match lower.contains('’') {
            true => Cow::Owned(lower.replace('’', "'")),
            false => Cow::Borrowed(lower.as_str()),
        };
        // Each mark the text has at all is then checked where it stands.
        (self.lower.find_overlapping_iter(&*lower))
            .any(|m| alone_in(&lower, self.marks[m.pattern().as_usize()]))
            || self.other.is_match(&*lower)
    }
}

/// Whether the lower-cased `lower` says `m` as a sentence of its own (`Declared SEV-1.
/// **Detected.**`) or as a label in brackets that ends it (`... logs. (impact start)`), not
/// within a sentence (`detected by a customer`).
fn alone_in(lower: &str, m: &str) -> bool {
    lower.match_indices(m).any(|(i, _)| {
        // A mark in brackets of its own after the event's words (`First timeouts in the
        // logs. (impact start)`), as a label is written.
        let open = lower[..i].trim_end_matches([' ', '*', '_']);
        let close = lower[i + m.len()..].trim_start_matches(['*', '_', ' ']);
        let bracketed = |o: char, c: char| {
            open.ends_with(o)
                && close.strip_prefix(c).is_some_and(|after| {
                    after
                        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '*' | '_'))
                        .is_empty()
                })
        };
        if bracketed('(', ')') || bracketed('[', ']') {
            return true;
        }
        // Emphasis and a mark's brackets (`**Impact ends.**`, `<END OF OUTAGE>`) around it.
        // And a sign before it (`... tag. ⚠️ impact starts`).
        // And a quote closing the sentence before it (`said "all clear." Impact ends.`).
        let before = lower[..i].trim_end_matches(|c: char| {
            matches!(c, ' ' | '*' | '_' | '<' | '\'' | '"')
                || (!c.is_ascii() && !c.is_alphanumeric() && !matches!(c, '—' | '–' | '→'))
        });
        let after = lower[i + m.len()..]
            .trim_start_matches(['*', '_', '>'])
            .trim_end();
        (before.is_empty() || before.ends_with(['.', '!', '—', '–', ';', '→']))
            && (after.is_empty() || after.starts_with(['.', '!']))
    })
}

/// Where a write-up tells the world the incident is over, not that it is: a resolution said
/// there is news of an end another event tells.
const STATUS_NEWS: &[&str] = &[
    " status page ",
    " statuspage ",
    " status thread ",
    " status post ",
];

/// The milestones the events' texts mark (see [`Milestones`]).
pub fn milestones(events: &[Event]) -> Milestones {
    // Each event's clauses (split at punctuation), their words once, then every phrase
    // looked up in them at once.
    let texts: Vec<Vec<String>> = events
        .iter()
        .map(|e| {
            (e.text
                .split(['.', ',', ';', ':', '!', '?', '—', '–', '(', ')', '।']))
            .map(crate::format::padded_words)
            .collect()
        })
        .collect();
    // A phrase counts unless one of the three words before it in its clause negates it
    // ("nobody notices", "no alert fired", "did not recover") or puts it ahead ("began working
    // on rollback", "decided to roll back"), the two after it deny it ("alert does not
    // fire"), or one of the two after it says it was only tried ("rollback attempted",
    // "rollback fails", "rollback was attempted").
    let [detected, mitigated, resolved, partial] = &*PHRASES;
    let news = |clause: &String| STATUS_NEWS.iter().any(|w| clause.contains(w));
    // In a clause that is not the news of it, with `plain`.
    let says_in = |k: usize, phrases: &AhoCorasick, plain: bool| {
        (texts[k].iter())
            .filter(|c| !plain || !news(c))
            .any(|text| {
                phrases.find_overlapping_iter(text.as_str()).any(|m| {
                    let mut before = text[..m.start()].split(' ').rev().take(3);
                    // The match ends with its padding space: the next word starts there.
                    let mut after = text[m.end()..].split(' ').take(2);
                    // `Lag alert does not fire`, `the page never came`: its firing denied after it
                    // (not `alert was not acknowledged until 10:20`, `did not include the link`).
                    let denied_after = {
                        let fires = |w: Option<&str>| {
                            w.is_some_and(|w| {
                                matches!(
                                    w,
                                    "fire"
                                        | "fires"
                                        | "fired"
                                        | "trigger"
                                        | "triggers"
                                        | "triggered"
                                        | "go"
                                        | "goes"
                                        | "went"
                                        | "come"
                                        | "came"
                                        | "arrive"
                                        | "arrived"
                                        | "page"
                                        | "paged"
                                )
                            })
                        };
                        let mut w = text[m.end()..].split(' ');
                        match (w.next(), w.next(), w.next()) {
                            (Some("never"), then, _) => fires(then),
                            (
                                Some("does" | "did" | "do" | "doesn" | "didn" | "don"),
                                Some("not" | "t"),
                                then,
                            ) => fires(then),
                            _ => false,
                        }
                    };
                    !(before.any(|p| NEGATIONS.contains(&p) || NOT_YET.contains(&p))
                        || denied_after
                        || after.any(|p| NOT_DONE_AFTER.contains(&p)))
                })
            })
    };
    let says = |k: usize, phrases: &AhoCorasick| says_in(k, phrases, false);
    let at = |k: usize| events[k].at.clone();
    let n = events.len();
    // `03:15 Backlog drained. **Impact ends.**`: the event marked as the end, not the
    // incident's closing after it.
    // Of those that say so, the last that says it other than as the news of it (`11:45 Status
    // page updated to resolved` after `11:17 ... Dana declares the incident resolved`; not
    // `Incident closed. Status page set to Resolved.`), and not a mitigation's (`Rollback
    // complete; send rate back to normal`, before a backlog drained).
    let told_resolved = |k: usize, plain: bool| says_in(k, resolved, plain) && !says(k, partial);
    // The end among the first `n` events.
    let end_of = |n: usize| {
        (0..n)
            .rev()
            .find(|&k| marks_the_end(&events[k].text))
            .or_else(|| {
                let last = (0..n).rev().find(|&k| told_resolved(k, false));
                (0..n)
                    .rev()
                    .find(|&k| told_resolved(k, true) && (Some(k) == last || !says(k, mitigated)))
                    .or(last)
            })
    };
    // `2024-09-05 18:02 Incident closed after post-incident review`, two days after `13:40
    // Status page marked resolved`: the write-up's incident closed, not the impact's end, when
    // an end was told more than 12 hours before.
    let closing = |k: usize| {
        let t = events[k].text.to_lowercase();
        t.contains("closed") && !marks_the_end(&events[k].text)
    };
    let resolved = end_of(n).map(|k| {
        let earlier = closing(k).then(|| end_of(k)).flatten();
        // Not an incident reopened between them (`errors recur, incident reopened`).
        let reopened = |j: usize| {
            (j + 1..=k).any(|i| {
                let t = events[i].text.to_lowercase();
                ["reopen", "re-open", "recur", "again", "second"]
                    .iter()
                    .any(|w| t.contains(w))
            })
        };
        match earlier {
            Some(j)
                if events[k].at.timestamp().as_second() - events[j].at.timestamp().as_second()
                    > 12 * 3600
                    && !reopened(j) =>
            {
                j
            }
            _ => k,
        }
    });
    Milestones {
        // `04:16Z page: success rate < 80%`, `~0310 pager: api 5xx`: a page, as terse notes
        // write one (the word alone would be the status page's too).
        // `**Detected.**`, a sentence of its own, marks the detection over an earlier word.
        detected: (0..n)
            .find(|&k| {
                let lower = events[k].text.to_lowercase();
                // Both marks end in `detected`: a text without it has neither.
                memchr::memmem::find(lower.as_bytes(), b"detected").is_some()
                    && ["detected", "incident detected"]
                        .iter()
                        .any(|m| alone_in(&lower, m))
            })
            .or_else(|| {
                (0..n).find(|&k| {
                    says(k, detected)
                        || texts[k]
                            .first()
                            .is_some_and(|c| matches!(c.trim(), "page" | "pager"))
                        // Alertmanager's notification (`[FIRING:1] IngestGateway5xxRatio`), not
                        // the word (`the cron stops firing`).
                        || memchr::memmem::find(events[k].text.as_bytes(), b"[FIRING").is_some()
                })
            })
            .map(at),
        // A change reverted after the impact ended (`05:20 template PR reverted`, the clean-up
        // after `04:48 ... Impact ends.`) mitigated nothing.
        mitigated: (0..n)
            .find(|&k| says(k, mitigated) && resolved.is_none_or(|r| k <= r))
            .map(at),
        resolved: resolved.map(at),
    }
}

// ---------------------------------------------------------------------------------------------
// Reading the time at the start of an item.

const SEPARATORS: [char; 4] = ['—', '–', '-', ':'];

/// The zone the first Timeline section's note gives its times (see [`noted_zone`]), in its
/// heading or a paragraph.
pub fn noted_zone_in(body: &Body) -> Option<TimeZone> {
    let section = body.section(SectionKind::Timeline)?;
    noted_zone(&section.heading)
        .or_else(|| (section.paragraphs.iter()).find_map(|(text, _)| noted_zone(text)))
}

/// The zone a note anywhere in a body's text gives the document's times (`All times in this
/// page are Pacific (PST).` in a box at the top, `Todas las horas en CEST.` under the
/// summary): a sentence of a line outside code, read as [`noted_zone`] reads a Timeline's.
pub fn noted_zone_of_document(text: &str) -> Option<TimeZone> {
    // A line that notes a zone has one of these (`times`, `heures`, `Zeit`, `時刻`...), found by
    // one automaton made once: most documents have none of them at all.
    static HINTS: std::sync::LazyLock<AhoCorasick> = std::sync::LazyLock::new(|| {
        AhoCorasick::new([
            "imes",
            "IMES",
            // `(Pacific Time, October 8)`: a region's time in brackets.
            " Time)",
            " Time,",
            "oras",
            "eures",
            "eit",
            "orários",
            "orarios",
            "orari",
            "ijden",
            "時刻",
            "時間",
            "时间",
            "ремя",
            "시각",
            "saat",
            "odzin",
            "thời gian",
            "giờ",
            "aktu",
            "časy",
            "توقيت",
            "الأوقات",
            "שעון",
            "ajat",
            "Ajat",
            "час",
            "ώρ",
            "tid",
            "orele",
            "Orele",
            "időpont",
            "Időpont",
            "hora",
            "Hora",
            "hores",
            "Hores",
            "čas",
            "समय",
        ])
        .expect("a few short words make an automaton")
    });
    if !HINTS.is_match(text) {
        return None;
    }
    let mut fenced = false;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
        }
        if fenced || line.len() > 400 || !HINTS.is_match(line) {
            continue;
        }
        // A heading's brackets may name a region's time (`### At a glance (Pacific Time)`);
        // a sentence's may be about anything.
        if let Some(h) = t.strip_prefix('#') {
            if let Some(z) = heading_zone(h.trim_start_matches('#')) {
                return Some(z);
            }
            continue;
        }
        let t = t.trim_start_matches(['>', '*', '_', '-', ' ', '|']);
        let found = (t.split(". "))
            .map(|s| s.replace(['*', '_'], ""))
            .find_map(|s| noted_zone(&s));
        if found.is_some() {
            return found;
        }
    }
    None
}

/// An entry that opens with an org-mode timestamp (`<2024-05-14 Tue 09:12> text`) as
/// `2024-05-14 09:12 — text`; `None` for any other.
fn org_entry(text: &str) -> Option<String> {
    let t = text.trim_start();
    let close = match t.as_bytes().first()? {
        b'<' => '>',
        b'[' => ']',
        _ => return None,
    };
    let end = t.get(..40).unwrap_or(t).find(close)?;
    let when = crate::load::time::org_timestamp(&t[..=end])?;
    Some(format!("{when} — {}", t[end + 1..].trim_start()))
}

/// The zone a heading notes for the times under it: as [`noted_zone`], or a region's time
/// named in its last brackets (`### At a glance (Pacific Time, October 8)`; in running text,
/// `our vendor's desk (Pacific Time, 9 to 5)` is no note of the times).
fn heading_zone(text: &str) -> Option<TimeZone> {
    noted_zone(text).or_else(|| {
        let (_, inner) = text.rsplit_once('(')?;
        let (zone, _) = inner.split_once(')')?;
        let z = zone.split(',').next().unwrap_or(zone).trim();
        let region = (z.strip_suffix(" Time")).or_else(|| z.strip_suffix(" time"))?;
        let words: Vec<&str> = region.split_whitespace().collect();
        (1..=2)
            .contains(&words.len())
            .then(|| region_named(&words))
            .flatten()
    })
}

/// The zone of a country's (or its city's, or its region's) word in a note of the times:
/// `ישראל`, `Suomen`, `київським`, `Ελλάδας`, `norsk`, `hora de Barcelona`, `hora
/// peninsular`, `stredoeurópskeho času`, `भारतीय मानक समय`.
fn country(w: &str) -> Option<TimeZone> {
    let iana = match w.to_lowercase().as_str() {
        "ישראל" => "Asia/Jerusalem",
        "suomen" => "Europe/Helsinki",
        "київським" | "київський" | "києвом" => "Europe/Kyiv",
        "ελλάδας" | "ελλάδος" | "ελληνική" => "Europe/Athens",
        "norsk" => "Europe/Oslo",
        "dansk" => "Europe/Copenhagen",
        "româniei" | "romaniei" => "Europe/Bucharest",
        "közép-európai" | "magyar" => "Europe/Budapest",
        "barcelona" | "madrid" | "peninsular" => "Europe/Madrid",
        "stredoeurópsky" | "stredoeurópskeho" | "stredoeurópskom" | "slovenského"
        | "slovenskom" => "Europe/Bratislava",
        "भारतीय" => "Asia/Kolkata",
        _ => return None,
    };
    TimeZone::get(iana).ok()
}

/// The zone a region's or a country's name gives (`Pacific`, `Central European`, `Suomen`):
/// the region's clock, summer time included.
fn region_named(w: &[&str]) -> Option<TimeZone> {
    let first = w.first()?.to_lowercase();
    if let Some(z) = country(&first) {
        return Some(z);
    }
    let european = w.get(1).is_some_and(|n| n.eq_ignore_ascii_case("european"));
    let abbr = match (first.as_str(), european) {
        ("central", true) => "CET",
        ("eastern", true) => "EET",
        ("western", true) => "WET",
        ("pacific", false) => "PT",
        ("eastern", false) => "ET",
        ("central", false) => "CT",
        ("mountain", false) => "MT",
        _ => return None,
    };
    zone_of(abbr)
}

/// The words between `times` and the zone in a note of it (`All times are in UTC`, `Alle
/// Zeiten sind in MEZ`, `всі часи вказано за київським часом`).
const NOTE_FILLERS: [&str; 29] = [
    "are",
    "is",
    "in",
    "given",
    "shown",
    "listed",
    "en",
    "em",
    "sont",
    "sind",
    "son",
    "são",
    "están",
    "estan",
    "вказано",
    "наведено",
    "за",
    "είναι",
    "σε",
    "er",
    "i",
    "sunt",
    "în",
    "ora",
    "són",
    "sú",
    "v",
    "में",
    "हैं",
];

/// The zone a short note of a Timeline section gives its times: `All times in CET.`, `All
/// times are UTC`, `(times in PT)`. A zone abbreviation of [`zone_of`], within three words
/// after `times`.
fn noted_zone(text: &str) -> Option<TimeZone> {
    // `Timeline (CET)`, `Timeline (UTC)`: a zone alone in the last brackets (full-width
    // too: `日本時間（JST）`).
    if let Some((_, inner)) = text.rsplit_once(['(', '（'])
        && let Some((zone, _)) = inner.split_once([')', '）'])
        // `(CET, UTC+1)`: the abbreviation first.
        && let z = zone.split(',').next().unwrap_or(zone).trim()
        && !z.contains(char::is_whitespace)
        && z.len() > 1
        && let Some(tz) = zone_of(z)
    {
        return Some(tz);
    }
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || crate::format::is_word_mark(c)))
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() > 12 {
        return None;
    }
    let at = (words.iter()).position(|w| crate::load::time::is_times_word(w))?;
    // `todos os horários em America/Sao_Paulo`: a zone by its IANA name, among the words the
    // note says the times are in (not `All times are UTC (the on-call was in
    // America/Los_Angeles)`).
    let tokens: Vec<&str> = (text.split_whitespace())
        .map(|w| w.trim_matches(['(', ')', ',', '.', ':', ';', '*', '`', '_']))
        .collect();
    if let Some(t) = (tokens.iter()).position(|w| crate::load::time::is_times_word(w)) {
        let iana = (tokens[t + 1..].iter())
            .filter(|w| !NOTE_FILLERS.contains(&w.to_lowercase().as_str()))
            .take(2)
            .find_map(|w| crate::load::time::iana_zone(w));
        if iana.is_some() {
            return iana;
        }
    }
    // `(all times in PST/PDT)`: the pair is the region's clock, summer time included.
    let pair = |w: &[&str]| match w {
        [a, b] => [
            ("PST", "PDT", "PT"),
            ("MST", "MDT", "MT"),
            ("CST", "CDT", "CT"),
            ("EST", "EDT", "ET"),
        ]
        .iter()
        .find(|(s, d, _)| a.eq_ignore_ascii_case(s) && b.eq_ignore_ascii_case(d))
        .and_then(|(_, _, region)| zone_of(region)),
        _ => None,
    };
    if let Some(z) = words[at + 1..].windows(2).take(4).find_map(pair) {
        return Some(z);
    }
    // `All times Pacific.`, `All times are Eastern time`: the region's clock, summer time
    // included; `Central European` is CET. `שעון ישראל` (Israel's clock), `Suomen aikaa`
    // (Finland's time), `за київським часом` (by Kyiv's time), `ώρα Ελλάδας` (Greece's time)
    // and `norsk tid` (Norwegian time) are the country's (see [`country`]).
    // The country's word before the times word (`за київським часом`, `ελληνική ώρα`,
    // `(norsk tid)`), as those languages put an adjective.
    if let Some(z) = at.checked_sub(1).and_then(|b| country(words[b])) {
        return Some(z);
    }
    // The three words after `times` that are not `are`, `in`...
    let rest: Vec<&str> = (words[at + 1..].iter().copied())
        .filter(|w| !NOTE_FILLERS.contains(&w.to_lowercase().as_str()))
        .take(3)
        .collect();
    if let Some(z) = (0..rest.len()).find_map(|i| region_named(&rest[i..])) {
        return Some(z);
    }
    (rest.iter()).find_map(|w| zone_of(w).filter(|_| w.len() > 1))
}

/// A clock time as written, before its values are checked.
struct Clock {
    h: i64,
    m: i64,
    s: i64,
    ns: i64,
}

/// The zone of a time as written.
enum WrittenZone<'a> {
    /// None written: `started`'s.
    Started,
    Utc,
    Offset {
        sign: i64,
        h: i64,
        m: i64,
    },
    Abbrev(&'a str),
}

/// The time at the start of an item as written, before its values are checked.
struct Written<'a> {
    date: Option<[i64; 3]>,
    clock: Clock,
    zone: WrittenZone<'a>,
    /// The time as written, date and zone included, for messages.
    shown: &'a str,
    /// The text after the separator.
    text: &'a str,
}

/// A position in a string, moved forward over what has been read.
struct Cursor<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        self.s.get(self.i..).unwrap_or("")
    }

    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.i).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        let found = self.peek() == Some(b);
        self.i += usize::from(found);
        found
    }

    /// Reads `min..=max` digits (at most 9) as a number: ASCII ones, or the Arabic-Indic
    /// (`١٤:٠٥`) and Persian ones (see [`digit_value`]). Each is stepped over by its own
    /// bytes (two for those), so what is read after it keeps its offset in the text as
    /// written.
    fn number(&mut self, min: usize, max: usize) -> Option<i64> {
        let (mut n, mut len, mut bytes) = (0i64, 0, 0);
        for ch in self.rest().chars().take(max) {
            let Some(d) = digit_value(ch) else {
                break;
            };
            n = n * 10 + i64::from(d);
            len += 1;
            bytes += ch.len_utf8();
        }
        if len < min {
            return None;
        }
        self.i += bytes;
        Some(n)
    }
}

/// Whether `s` starts with a digit of [`digit_value`].
fn starts_with_digit(s: &str) -> bool {
    s.chars().next().and_then(digit_value).is_some()
}

/// Reads the time an item starts with; a [`Problem`] if it does not start with one, or with
/// something that looks like a time but is not one.
fn read_written(s: &str, order: DateOrder) -> Result<Written<'_>, Problem> {
    read_written_in(s, order, false)
}

/// [`read_written`], reading a day and month without a year before a clock (`03/10 08:41`)
/// when `day_month` (see [`Reader::day_month`]).
fn read_written_in(s: &str, order: DateOrder, day_month: bool) -> Result<Written<'_>, Problem> {
    // Long on purpose: the ways a time is written in a line (clock, day and clock, relative), tried
    // in order on one cursor.
    let mut c = Cursor { s, i: 0 };
    // `~19:00`, `≈ 10:45`: an approximate time is read as the time; `[10:14 AM] maya: ...`,
    // as a Slack thread copied into the write-up shows each message's time, a time in
    // brackets too.
    let bracketed = s.starts_with('[') && s.get(1..).is_some_and(starts_with_digit);
    let approx = s.len() - s.trim_start_matches(['~', '≈', '[']).trim_start().len();
    if approx > 0 && s.get(approx..).is_some_and(starts_with_digit) {
        c.i = approx;
    }
    // `às 09h40 — ...`, `à 14h32`, `a las 10:15`, `klo 13.52`: the word for "at" before the
    // time.
    if let Some(after) = (crate::load::meta::AT_WORDS.iter()).find_map(|w| {
        s.get(..w.len())
            .filter(|h| h.eq_ignore_ascii_case(w))
            .map(|_| &s[w.len()..])
    }) && starts_with_digit(after)
    {
        c.i = s.len() - after.len();
    }
    let mut date = read_date(&mut c, order, day_month);
    let t_form = date.is_some() && (c.eat(b'T') || c.eat(b't'));
    if date.is_some() && !t_form {
        // `2018-08-22, 03:26pm: ...`: a comma between the date and the time.
        if c.rest().starts_with(", ") {
            c.i += 1;
        }
        let spaces = c.rest().len() - c.rest().trim_start_matches(' ').len();
        c.i += spaces;
        // `2026-06-21 ~13:00 UTC`: an approximate time after its date.
        let rest = c.rest();
        let approx = rest.len() - rest.trim_start_matches(['~', '≈']).trim_start().len();
        if approx > 0 && rest.get(approx..).is_some_and(starts_with_digit) {
            c.i += approx;
        }
        // `24-10-2024 - 08:15 - ...`: a separator between the date and the time.
        let save = c.i;
        let rest = c.rest();
        // `Dec 2, 2024 at 13:48:10 UTC`, as Datadog writes a time; `kl. 09.31`, Swedish;
        // `klo 13.52`, Finnish.
        if let Some(after) = ["- ", "– ", "— ", "at ", "um ", "kl. ", "kl ", "klo "]
            .iter()
            .find_map(|p| rest.strip_prefix(p))
        {
            c.i += rest.len() - after.trim_start_matches(' ').len();
            if read_clock(&mut Cursor { s, i: c.i }).is_none() {
                c.i = save;
            }
        }
    }
    let after_date = c.i;
    let Some(mut clock) = read_clock(&mut c) else {
        let next = (s
            .get(after_date..)
            .unwrap_or_default()
            .split_whitespace()
            .next())
        .unwrap_or_default();
        return Err(match date {
            // `2024-06-06 HH:mm`, as a template leaves it.
            Some(_) if looks_like_a_clock(next) => Problem::not_a(next, "time of day"),
            Some(_) => Problem::date_only(),
            None if looks_like_a_date(next) => Problem::not_a(next, "date"),
            None => Problem::prose(),
        });
    };
    if let Some(pm) = read_meridiem(&mut c) {
        // 12 AM is midnight, 12 PM noon; `13:55 PM` is written on the 24-hour clock
        // already, and `0:30 AM` too; other hours stay out of range.
        clock.h = match (clock.h, pm) {
            (1..=11, true) => clock.h + 12,
            (12, false) => 0,
            (1..=12, _) | (13..=23, _) | (0, false) => clock.h,
            _ => 99,
        };
    }
    // `11:10 6th Nov 2023 - ...`, `13:55 PST Saturday Oct 30th: ...`: the time (and its
    // zone) before its date.
    let mut early_zone = None;
    if date.is_none() {
        let save = c.i;
        let zone = read_zone(&mut c, false);
        let spaces = c.rest().len() - c.rest().trim_start_matches(' ').len();
        c.i += spaces;
        // `07:14 UTC on 23 April 2024 – ...`, as Azure's reviews write it.
        if spaces > 0 && c.rest().starts_with("on ") {
            c.i += 3;
        }
        date = read_date(&mut c, order, day_month).filter(|_| spaces > 0);
        if date.is_none() {
            c.i = save;
        } else if !matches!(zone, WrittenZone::Started) {
            early_zone = Some(zone);
        }
    }
    let zone = match early_zone {
        Some(z) => z,
        None => read_zone(&mut c, t_form),
    };
    if bracketed {
        let rest = c.rest();
        let Some(after) = rest.trim_start().strip_prefix(']') else {
            return Err(Problem::prose());
        };
        c.i += rest.len() - after.len();
    }
    let shown = s.get(..c.i).unwrap_or(s).trim_end();
    let text = read_separator(&c).ok_or_else(Problem::prose)?;
    Ok(Written {
        date,
        clock,
        zone,
        shown,
        text,
    })
}

/// `am` or `pm` after a clock, with or without a space, in any case, `a.m.` and `p.m.` too,
/// whatever punctuation follows it (`1:52 p.m.,`): whether it is `pm`. Nothing read if there
/// is none.
fn read_meridiem(c: &mut Cursor<'_>) -> Option<bool> {
    let rest = c.rest();
    let t = rest.trim_start_matches(' ');
    for (form, pm) in [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)] {
        let matches = t.len() >= form.len()
            && t.as_bytes()[..form.len()].eq_ignore_ascii_case(form.as_bytes())
            && !t[form.len()..].starts_with(|ch: char| ch.is_alphanumeric());
        if matches {
            c.i += rest.len() - t.len() + form.len();
            return Some(pm);
        }
    }
    None
}

/// `YYYY-MM-DD`, or a date with the year last in the timeline's `order` (`17-09-2024`);
/// nothing read if the text does not start with one.
fn read_date(c: &mut Cursor<'_>, order: DateOrder, day_month: bool) -> Option<[i64; 3]> {
    let save = c.i;
    if let Some(date) = read_ymd(c) {
        return Some(date);
    }
    c.i = save;
    if let Some(date) = read_month_date(c) {
        return Some(date);
    }
    c.i = save;
    if let Some(date) = finnish_day(c) {
        return Some(date);
    }
    c.i = save;
    if let Some(date) = spaced_day(c) {
        return Some(date);
    }
    c.i = save;
    let d = year_last(c).or_else(|| day_month.then(|| slashed_day(c)).flatten())?;
    let day_first = match order {
        _ if d.first > 12 => true,
        _ if d.second > 12 => false,
        DateOrder::DayFirst => true,
        DateOrder::MonthFirst => false,
        DateOrder::Unsure if d.sep == b'/' => {
            c.i = save;
            return None;
        }
        DateOrder::Unsure => true,
    };
    Some(if day_first {
        [d.year, d.second, d.first]
    } else {
        [d.year, d.first, d.second]
    })
}

fn read_ymd(c: &mut Cursor<'_>) -> Option<[i64; 3]> {
    let y = c.number(4, 4)?;
    // `2025/01/20 09:12 JST`, as Japanese write-ups date their events.
    let sep = [b'-', b'/'].into_iter().find(|&b| c.eat(b))?;
    let m = c.number(2, 2)?;
    c.eat(sep).then_some(())?;
    Some([y, m, c.number(2, 2)?])
}

/// `H:MM`, `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff`.
fn read_clock(c: &mut Cursor<'_>) -> Option<Clock> {
    let h = c.number(1, 2)?;
    // `14h32`, as French and Portuguese write the time (not `24h40m`, a duration).
    if c.eat(b'h') {
        let m = c.number(2, 2)?;
        let boundary = !c.rest().starts_with(|ch: char| ch.is_alphanumeric());
        return boundary.then_some(Clock { h, m, s: 0, ns: 0 });
    }
    // `09.31`, as Swedish, Norwegian, Danish and Finnish write the time (`kl. 09.31`): two
    // digits after the dot, then no more digits or dots (`1.5`, `10.12.3` are no times).
    if c.rest().starts_with('.') {
        let save = c.i;
        c.i += 1;
        let m = c.number(2, 2);
        let boundary = !c
            .rest()
            .starts_with(|ch: char| digit_value(ch).is_some() || ch == '.')
            || c.rest().starts_with(". ")
            || c.rest() == ".";
        if let Some(m) = m.filter(|_| boundary && (0..24).contains(&h)) {
            return Some(Clock { h, m, s: 0, ns: 0 });
        }
        c.i = save;
        return None;
    }
    c.eat(b':').then_some(())?;
    let m = c.number(2, 2)?;
    let save = c.i;
    let (s, ns) = if c.eat(b':') {
        match c.number(2, 2) {
            Some(s) => (s, read_fraction(c)),
            None => {
                c.i = save;
                (0, 0)
            }
        }
    } else {
        (0, 0)
    };
    Some(Clock { h, m, s, ns })
}

/// Whether a word is written like a clock without being one: `HH:mm`, `??:??`, `1x:30`.
fn looks_like_a_clock(word: &str) -> bool {
    word.split_once(':').is_some_and(|(h, m)| {
        !h.is_empty()
            && !m.is_empty()
            && word.len() <= 8
            && word
                .chars()
                .all(|c| c.is_ascii_digit() || "HhMmSs?xX:".contains(c))
    })
}

/// Whether a word is written like a date without being one: `20202-01-16`, `20xx-MM-DD`,
/// `2022-02-??`.
fn looks_like_a_date(word: &str) -> bool {
    let parts: Vec<&str> = word.split('-').collect();
    parts.len() == 3
        && parts.iter().all(|p| {
            (1..=6).contains(&p.len())
                && p.chars()
                    .all(|c| c.is_ascii_digit() || "xXyYmMdD?".contains(c))
        })
        && parts[0]
            .chars()
            .any(|c| c.is_ascii_digit() || "xXyY".contains(c))
}

/// `.fff` after seconds, as nanoseconds.
fn read_fraction(c: &mut Cursor<'_>) -> i64 {
    let save = c.i;
    if !c.eat(b'.') {
        return 0;
    }
    let start = c.i;
    let Some(mut ns) = c.number(1, 9) else {
        c.i = save;
        return 0;
    };
    // Digits, not bytes: an Arabic-Indic digit is two.
    let digits = c.s.get(start..c.i).map_or(0, |d| d.chars().count());
    for _ in digits..9 {
        ns *= 10;
    }
    ns
}

/// What follows a time and says that it ends there: nothing, whitespace or a separator.
fn at_boundary(rest: &str) -> bool {
    rest.chars()
        .next()
        .is_none_or(|ch| ch.is_whitespace() || SEPARATORS.contains(&ch) || ch == ']')
}

/// The zone right after the clock: `Z`, a numeric offset (after a `T` date-time only), or an
/// abbreviation after whitespace.
fn read_zone<'a>(c: &mut Cursor<'a>, t_form: bool) -> WrittenZone<'a> {
    if c.peek() == Some(b'Z') && at_boundary(c.rest().get(1..).unwrap_or("")) {
        c.i += 1;
        return WrittenZone::Utc;
    }
    if t_form && let Some(zone) = read_offset(c) {
        return zone;
    }
    read_abbrev(c).unwrap_or(WrittenZone::Started)
}

/// `+HH:MM` or `-HHMM`; nothing read if it is not one.
fn read_offset<'a>(c: &mut Cursor<'a>) -> Option<WrittenZone<'a>> {
    let save = c.i;
    let sign = match c.peek() {
        Some(b'+') => 1,
        Some(b'-') => -1,
        _ => return None,
    };
    c.i += 1;
    let h = c.number(2, 2);
    c.eat(b':');
    let m = c.number(2, 2);
    match (h, m) {
        (Some(h), Some(m)) if at_boundary(c.rest()) => Some(WrittenZone::Offset { sign, h, m }),
        _ => {
            c.i = save;
            None
        }
    }
}

/// A word after whitespace, in the zone position: a known abbreviation, `AM`/`PM`, or 2-5
/// capital letters followed by a separator or nothing. Nothing read if it is text.
fn read_abbrev<'a>(c: &mut Cursor<'a>) -> Option<WrittenZone<'a>> {
    let rest = c.rest();
    let word_start = rest.trim_start();
    if word_start.len() == rest.len() {
        return None;
    }
    // `06:17:19 PM +UTC`, as block explorers write it.
    let word_start = match word_start.strip_prefix('+') {
        Some(w) if w.starts_with("UTC") || w.starts_with("GMT") => w,
        _ => word_start,
    };
    // Letters, and capitals of other scripts (`14:05 МСК`, `10:24 TSİ`).
    let len: usize = (word_start.chars())
        .take_while(|c| c.is_ascii_alphabetic() || (!c.is_ascii() && c.is_uppercase()))
        .map(char::len_utf8)
        .sum();
    let (word, tail) = word_start.split_at(len);
    let len = word.chars().count();
    // `OOM-killed` is a word, not a zone before a separator.
    let hyphenated =
        tail.starts_with('-') && tail[1..].starts_with(|ch: char| ch.is_alphanumeric());
    if !(1..=5).contains(&len) || !at_boundary(tail) || hyphenated {
        return None;
    }
    // `19:06 **PAGE** — ...`, as the Google SRE template marks its events beside `OUTAGE
    // BEGINS`: a word of the log in capitals, no zone.
    const MARKERS: &[&str] = &[
        "PAGE", "PAGED", "ALERT", "NOTE", "INFO", "WARN", "ERROR", "ERR", "FATAL", "CRIT", "DEBUG",
        "TRACE", "FIX", "FIXED", "ACK", "ACKED", "DONE", "START", "END", "BEGIN", "STOP", "OPEN",
        "CLOSE", "TODO", "FYI", "RCA",
    ];
    if MARKERS.contains(&word) {
        return None;
    }
    let closes = tail.trim_start().is_empty() || tail.trim_start().starts_with(SEPARATORS);
    let upper = word.chars().all(char::is_uppercase);
    let known = zone_of(word).is_some();
    if !((known && (upper || closes)) || (upper && len >= 2 && closes)) {
        return None;
    }
    c.i += rest.len() - tail.len();
    Some(WrittenZone::Abbrev(word))
}

/// The text after the separator (or after whitespace); `None` if something is glued to the time.
fn read_separator<'a>(c: &Cursor<'a>) -> Option<&'a str> {
    let rest = c.rest();
    let trimmed = rest.trim_start();
    if let Some(text) = trimmed.strip_prefix(SEPARATORS) {
        return Some(text.trim());
    }
    (trimmed.is_empty() || trimmed.len() < rest.len()).then(|| trimmed.trim_end())
}

// ---------------------------------------------------------------------------------------------
// Checking the values of a time.

/// A time read and checked, not yet placed on a date.
struct Stamp<'a> {
    date: Option<Date>,
    /// A date written without its year (`Jan 14`): month and day.
    month_day: Option<(i8, i8)>,
    time: Time,
    zone: Option<TimeZone>,
    shown: &'a str,
    text: &'a str,
}

fn check(w: Written<'_>) -> Result<Stamp<'_>, Problem> {
    let invalid = || Problem::time(format!("`{}` is not a valid date", w.shown));
    let (date, month_day) = match w.date {
        // No year: checked against a leap year, placed by the events around it.
        Some([0, m, d]) => {
            let day = to_date(2000, m, d).ok_or_else(invalid)?;
            (None, Some((day.month(), day.day())))
        }
        Some([y, m, d]) => (Some(to_date(y, m, d).ok_or_else(invalid)?), None),
        None => (None, None),
    };
    let time = to_time(&w.clock)
        .ok_or_else(|| Problem::time(format!("`{}` is not a valid time of day", w.shown)))?;
    let zone = to_zone(&w.zone, w.shown)?;
    Ok(Stamp {
        date,
        month_day,
        time,
        zone,
        shown: w.shown,
        text: w.text,
    })
}

fn to_date(y: i64, m: i64, d: i64) -> Option<Date> {
    Date::new(
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    )
    .ok()
}

fn to_time(c: &Clock) -> Option<Time> {
    // `23:59:60`, a leap second: read as the second before it (times have no 61st second).
    let (s, ns) = if (c.h, c.m, c.s) == (23, 59, 60) {
        (59, 0)
    } else {
        (c.s, c.ns)
    };
    Time::new(
        i8::try_from(c.h).ok()?,
        i8::try_from(c.m).ok()?,
        i8::try_from(s).ok()?,
        i32::try_from(ns).ok()?,
    )
    .ok()
}

fn to_zone(zone: &WrittenZone<'_>, shown: &str) -> Result<Option<TimeZone>, Problem> {
    match *zone {
        WrittenZone::Started => Ok(None),
        WrittenZone::Utc => Ok(Some(TimeZone::UTC)),
        WrittenZone::Offset { sign, h, m } => {
            let seconds = i32::try_from(sign * (h * 3600 + m * 60)).ok();
            seconds
                .filter(|_| m < 60)
                .and_then(|s| Offset::from_seconds(s).ok())
                .map(|o| Some(TimeZone::fixed(o)))
                .ok_or_else(|| Problem::time(format!("`{shown}` has an impossible UTC offset")))
        }
        WrittenZone::Abbrev(word) => zone_of(word).map(Some).ok_or_else(|| Problem::zone(word)),
    }
}

// ---------------------------------------------------------------------------------------------
// Placing events and checking them against each other and the incident window.

struct Reader<'a> {
    file: &'a SourceFile,
    /// The exact start, when known.
    started: Option<&'a Zoned>,
    /// Where a time without a date goes when no event came before it: the start, or the start
    /// of its day.
    anchor: Option<Zoned>,
    /// The zone of times written without one.
    zone: TimeZone,
    resolved: Option<&'a Zoned>,
    /// How the timeline writes dates with the year last.
    order: DateOrder,
    out: Timeline,
    /// Whether the last event's row wrote its day (`ma 4.11. klo 16.20`).
    last_dated: bool,
    /// Whether a day and month without a year before a clock (`03/10 08:41`) is a date: when
    /// half the entries or more start with one, as a table dates every row within a few days.
    /// A single such row (`09/07 15:30`, the change a week before, above rows of times alone)
    /// is left unread, so that the times after it are not put on its day.
    day_month: bool,
}

impl Reader<'_> {
    /// Reads one entry (a list item's text, or a table row as [`table_entries`] makes it) at
    /// `offset` in the body.
    /// A nested list item that does not start with a time is a detail of the event above
    /// it, not a problem.
    fn entry(&mut self, text: &str, offset: usize, row: bool, quiet: Quiet) {
        // A cell starts after the `|`: its problems point past the spaces, at its text.
        let offset = if row {
            crate::load::sections::text_start(&self.file.body_text(), offset)
        } else {
            offset
        };
        self.entry_at(text, self.file.body_pos(offset), row, quiet);
    }

    /// An entry at `pos` of the file.
    fn entry_at(&mut self, text: &str, pos: Pos, row: bool, quiet: Quiet) {
        if self.out.events.is_empty() && self.out.days.len() < 1000 {
            let mut c = Cursor { s: text, i: 0 };
            // A date without its year (`Nov 24`) names no day.
            let day = (read_date(&mut c, self.order, self.day_month))
                .filter(|[y, ..]| *y >= 1000)
                .and_then(|[y, m, d]| {
                    Date::new(
                        i16::try_from(y).ok()?,
                        i8::try_from(m).ok()?,
                        i8::try_from(d).ok()?,
                    )
                    .ok()
                });
            self.out.days.extend(day);
        }
        let placed = read_written_in(text, self.order, self.day_month)
            .and_then(check)
            .and_then(|stamp| {
                let dated = stamp.date.is_some() || stamp.month_day.is_some();
                Ok((self.place(&stamp)?, stamp.text, dated))
            });
        match placed {
            Ok((at, text, dated)) => {
                self.check_order(&at, pos);
                self.check_window(&at, pos);
                self.out.events.push(Event {
                    at,
                    text: text.to_string(),
                    pos,
                    from_table: row,
                });
                self.last_dated = dated;
            }
            Err(_) if quiet == Quiet::All => {}
            Err(problem) if quiet == Quiet::Prose && problem.code == "timeline-prose" => {}
            Err(problem) if row => self.out.findings.push(at(of_row(problem), pos)),
            Err(problem) => self.out.findings.push(at(problem, pos)),
        }
    }

    fn place(&self, stamp: &Stamp<'_>) -> Result<Zoned, Problem> {
        let tz = stamp.zone.clone().unwrap_or_else(|| self.zone.clone());
        let placed = match (stamp.date, stamp.month_day) {
            (Some(date), _) => tz.to_zoned(date.to_datetime(stamp.time)),
            (None, Some((m, d))) => {
                // The year of the event before it, else of the start; the next year when
                // that would put it more than half a year back (`Dec 31`, then `Jan 1`).
                let Some(before) = (self.out.events.last().map(|e| &e.at)).or(self.anchor.as_ref())
                else {
                    return Err(Problem::no_day(stamp.shown));
                };
                let year = before.year();
                let date = |y: i16| Date::new(y, m, d).ok();
                let date = match date(year) {
                    Some(x) if x < before.date().saturating_sub(jiff::Span::new().days(183)) => {
                        date(year.saturating_add(1))
                    }
                    other => other,
                }
                .ok_or_else(|| Problem::time(format!("`{}` is not a valid date", stamp.shown)))?;
                tz.to_zoned(date.to_datetime(stamp.time))
            }
            (None, None) => {
                let Some(anchor) = self
                    .out
                    .events
                    .last()
                    .map(|e| &e.at)
                    .or(self.anchor.as_ref())
                else {
                    return Err(Problem::no_day(stamp.shown));
                };
                self.undated(&tz, stamp.time, anchor)
            }
        };
        placed.map_err(|e| Problem::time(format!("`{}` is out of range: {e}", stamp.shown)))
    }

    /// On the date of the previous event (or of `started`) in the zone; the next day if that
    /// would be more than [`ROLL_OVER_AFTER_SECONDS`] before the previous event.
    fn undated(&self, tz: &TimeZone, time: Time, anchor: &Zoned) -> Result<Zoned, jiff::Error> {
        let prev = self.out.events.last().map(|e| &e.at);
        // A day without a time (`**Date:** 2026-09-08`, a file name's) is that day in any zone:
        // `04:44 EDT` on it is not the evening before, as midnight UTC would make it.
        let date = if prev.is_none() && self.started.is_none() {
            anchor.date()
        } else {
            tz.to_datetime(anchor.timestamp()).date()
        };
        let at = tz.to_zoned(date.to_datetime(time))?;
        // A few minutes back (`14:07`, then `14:05–15:10 — the other files fail`) is the
        // same day written out of order (which `timeline-order` tells), not 23 hours on.
        let back = prev.map_or(0, |p| {
            p.timestamp().as_second() - at.timestamp().as_second()
        });
        // `ma 4.11. klo 16.20`, the change the day before, then `klo 13.40` on the incident's
        // day: back from an event dated before the incident's day is that day's, not the
        // event's day out of order.
        // Only after an event whose own row wrote its day, its date and the anchor's compared in
        // one zone: `21:25 (backfilled)` after `21:30` the evening before is that evening's.
        let day_in = |z: &Zoned| tz.to_datetime(z.timestamp()).date();
        let before_the_day = self.last_dated
            && (prev.zip(self.anchor.as_ref()))
                .is_some_and(|(p, a)| day_in(p) < day_in(a) && date < day_in(a));
        match prev {
            // Prose tells its times in any order (`the deploy that had gone out at 3:50 PM`
            // after 4:21 PM, `At 1:10 PM` after `by 4:18 PM`): only a time half a day back is
            // the next day's.
            Some(_) if self.out.told && back <= TOLD_ROLL_OVER_AFTER_SECONDS => Ok(at),
            Some(_) if self.out.told => tz.to_zoned(date.tomorrow()?.to_datetime(time)),
            Some(_) if back > ROLL_OVER_AFTER_SECONDS || (back > 0 && before_the_day) => {
                tz.to_zoned(date.tomorrow()?.to_datetime(time))
            }
            _ => Ok(at),
        }
    }

    fn check_order(&mut self, at: &Zoned, pos: Pos) {
        let Some(prev) = self.out.events.last() else {
            return;
        };
        if at.timestamp() >= prev.at.timestamp() {
            return;
        }
        let by = span_text(prev.at.timestamp().duration_since(at.timestamp()));
        let message = format!(
            "this event is {by} earlier than the previous one (line {})",
            prev.pos.line
        );
        self.warn(
            pos,
            "timeline-order",
            message,
            "check its date, or move the item to its place in the list",
        );
    }

    fn check_window(&mut self, at: &Zoned, pos: Pos) {
        let t = at.timestamp();
        if let Some(started) = self.started.filter(|s| t < s.timestamp()) {
            let message = format!(
                "this event is {} before `started` ({})",
                span_text(started.timestamp().duration_since(t)),
                shown(started)
            );
            let help =
                "if the incident began earlier, move `started` back; otherwise check the time";
            self.warn(pos, "timeline-window", message, help);
        }
        // A `resolved` written to the minute (`Fixed at: 11:05`) covers that minute: an event
        // at 11:05:30 is within it.
        let minute_end = |r: &Zoned| match r.second() == 0 && r.subsec_nanosecond() == 0 {
            true => r.timestamp() + jiff::SignedDuration::from_secs(59),
            false => r.timestamp(),
        };
        if let Some(resolved) = self.resolved.filter(|r| t > minute_end(r)) {
            let message = format!(
                "this event is {} after `resolved` ({})",
                span_text(t.duration_since(resolved.timestamp())),
                shown(resolved)
            );
            let help = "if the incident ended later, move `resolved`; otherwise check the time (a time without a date that is earlier than the one before it rolls over to the next day)";
            self.warn(pos, "timeline-window", message, help);
        }
    }

    fn warn(&mut self, pos: Pos, code: &'static str, message: String, help: &str) {
        // Times told in prose: their order and window go unsaid.
        if self.out.told {
            return;
        }
        self.out
            .findings
            .push(Draft::warning(At::Pos(pos), code, message).help(help));
    }
}

/// A problem with an item, said of a table row.
fn of_row(mut d: Draft) -> Draft {
    d.message = said_of_row(&d.message);
    d.help = d.help.as_deref().map(said_of_row);
    d
}

fn said_of_row(t: &str) -> String {
    t.replace("Timeline item", "Timeline row")
        .replace("start it with", "begin its time cell with")
        .replace("out of the list", "out of the table")
        .replace("`2017-04-06 18:30 — ...`", "`2017-04-06 18:30`")
        .replace("`18:30 — ...`", "`18:30`")
}

/// A zoned time as `2017-04-06T18:30:00-07:00`.
fn shown(z: &Zoned) -> String {
    z.timestamp().display_with_offset(z.offset()).to_string()
}

/// A duration in words, by its two largest units: `14 min`, `3 h 5 min`, `2 days 1 h`.
fn span_text(d: SignedDuration) -> String {
    let secs = d.as_secs().unsigned_abs();
    if secs == 0 {
        return "less than a second".to_string();
    }
    let days = secs / 86_400;
    let units = [
        (days, if days == 1 { "day" } else { "days" }),
        (secs / 3600 % 24, "h"),
        (secs / 60 % 60, "min"),
        (secs % 60, "s"),
    ];
    let shown: Vec<String> = units
        .iter()
        .skip_while(|(n, _)| *n == 0)
        .take(2)
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n} {unit}"))
        .collect();
    shown.join(" ")
}

// ---------------------------------------------------------------------------------------------
// Problems with an item, before they are placed at its time.

/// What a problem with an item is, until [`at`] says where.
type Problem = Draft;

/// `d`, at `pos`.
fn at(mut d: Draft, pos: Pos) -> Draft {
    d.at = At::Pos(pos);
    d
}

fn problem(level: Level, code: &'static str, message: String, help: String) -> Draft {
    let d = Draft::error(At::Pos(Pos::START), code, message).help(help);
    Draft { level, ..d }
}

impl Draft {
    fn prose() -> Problem {
        problem(
            Level::Warning,
            "timeline-prose",
            "this Timeline item does not start with a time".into(),
            "start it with a time such as `18:30 — ...`, or move it out of the list".into(),
        )
    }

    /// `what` (a date, a time of day) written where a Timeline item's time goes, but not one.
    fn not_a(word: &str, what: &str) -> Problem {
        problem(
            Level::Warning,
            "timeline-prose",
            format!(
                "`{}` is not a {what}: this Timeline item does not start with a time",
                crate::format::shorten(word)
            ),
            "write the date as YYYY-MM-DD and the time as HH:MM (`2017-04-06 18:30 — ...`), or move the item out of the list".into(),
        )
    }

    fn date_only() -> Problem {
        problem(
            Level::Warning,
            "timeline-prose",
            "this Timeline item starts with a date but no time of day".into(),
            "start it with a time such as `2017-04-06 18:30 — ...`, or move it out of the list"
                .into(),
        )
    }

    fn time(message: String) -> Problem {
        problem(
            Level::Error,
            "timeline-time",
            message,
            "write HH:MM or HH:MM:SS (00:00 to 23:59:59), after a real date YYYY-MM-DD if any"
                .into(),
        )
    }

    fn zone(word: &str) -> Problem {
        let known: Vec<&str> = (ZONES.iter().map(|(name, _)| *name))
            .chain(REGIONS.iter().map(|(name, _)| *name))
            .collect();
        problem(
            Level::Warning,
            "timeline-zone",
            format!(
                "unknown time zone abbreviation `{word}`: the event is left out of the timeline rather than guessed"
            ),
            format!(
                "known abbreviations: {}; for another zone write an offset, such as `2017-04-07T01:30:00+05:45`",
                known.join(", ")
            ),
        )
    }

    fn no_day(shown: &str) -> Problem {
        problem(
            Level::Warning,
            "timeline-prose",
            format!("`{shown}` has no date, and the incident has no `started` day to put it on"),
            "give the first event a date (`2017-04-06 18:30 — ...`), or set `started:`".into(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::SectionMatcher;
    use crate::load::time::parse_time;

    const STARTED: &str = "2017-04-06T18:00:00-07:00";
    const FRONT: &str = "---\ntitle: x\n---\n";

    /// A milestone's time of day, as the assertions write it.
    fn hm(z: Option<Zoned>) -> Option<String> {
        z.map(|z| z.strftime("%H:%M").to_string())
    }

    fn run_with(body: &str, started: &str, resolved: Option<&str>) -> Timeline {
        let started = parse_time(started).unwrap();
        let resolved = resolved.map(|r| parse_time(r).unwrap());
        run_in(body, Some(&started), resolved.as_ref())
    }

    /// The timeline of `body` in a window of these times (`None`: not known).
    fn run_in(body: &str, started: Option<&Zoned>, resolved: Option<&Zoned>) -> Timeline {
        let text = format!("{FRONT}{body}");
        let mut f = SourceFile::new("content/incidents/x.md".into(), "x.md".into(), text);
        f.split_front_matter().unwrap();
        let body = Body::parse(f.body(), &SectionMatcher::new(&Default::default()));
        let window = Window {
            started,
            day: None,
            zone: TimeZone::UTC,
            resolved,
        };
        parse(&f, &body, window)
    }

    fn run(body: &str) -> Timeline {
        run_with(body, STARTED, None)
    }

    #[test]
    fn day_headings_of_other_languages_date_their_times_and_one_not_read_loses_none() {
        let at = |body: &str| -> Vec<String> {
            (run(body).events.iter())
                .map(|e| e.at.strftime("%m-%d %H:%M").to_string())
                .collect()
        };
        let body = "## Timeline\n\n**Sábado, 13 de marzo de 2017**\n\n- 22:05 — a\n\n**Montag, 14. März 2017**\n\n- 08:30 — b\n\n**quinta-feira, 16 de março de 2017**\n\n- 09:00 — c\n\n**Måndag 20 mars**\n\n- 10:00 — d\n";
        assert_eq!(
            at(body),
            ["03-13 22:05", "03-14 08:30", "03-16 09:00", "03-20 10:00"]
        );
        // A heading that names a month and a day but is not read as a date: its first time
        // stays an event, on the timeline's day.
        let body = "## Timeline\n\n**14 March onward**\n\n- 22:05 — a\n- 22:06 — b\n";
        assert_eq!(at(body), ["04-06 22:05", "04-06 22:06"]);
    }

    #[test]
    fn status_page_updates_saved_with_headings_are_events() {
        let body = "# Elevated API error rates\n\n## Resolved\n\nThis incident has been resolved.\n\nPosted Apr 6, 2017 - 19:40 PDT\n\n## Monitoring\n\nA fix has been implemented and we are monitoring the results.\n\nPosted Apr 6, 2017 - 19:05 PDT\n\n## Investigating\n\nWe are investigating errors.\nSome requests may fail.\n\nPosted Apr 6, 2017 - 18:10 PDT\n\n## Postmortem\n\nWhat happened.\n\nPosted Apr 9, 2017 - 10:00 PDT\n";
        let t = run(body);
        let texts: Vec<&str> = t.events.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(
            texts.len(),
            3,
            "the postmortem's posting is no update: {texts:?}"
        );
        assert!(texts[0].ends_with("Investigating: We are investigating errors."));
        assert!(texts[2].ends_with("Resolved: This incident has been resolved."));
        let m = milestones(&t.events);
        assert_eq!(hm(m.detected).as_deref(), Some("18:10"));
        assert_eq!(hm(m.mitigated).as_deref(), Some("19:05"));
        assert_eq!(hm(m.resolved).as_deref(), Some("19:40"));
    }

    #[test]
    fn a_status_pages_updates_are_the_events_when_there_is_no_timeline() {
        let body = "**Resolved** - This incident has been resolved.\nPosted Apr 6, 2017 - 19:40 PDT\n\n**Monitoring** - A fix has been implemented.\nPosted Apr 6, 2017 - 19:05 PDT\n\n**Investigating** - We are investigating errors.\nPosted Apr 6, 2017 - 18:10 PDT\n";
        let t = run(body);
        let at: Vec<String> = (t.events.iter())
            .map(|e| e.at.strftime("%H:%M").to_string())
            .collect();
        assert_eq!(at, ["18:10", "19:05", "19:40"], "oldest first");
        let m = milestones(&t.events);
        assert_eq!(hm(m.detected).as_deref(), Some("18:10"));
        assert_eq!(hm(m.mitigated).as_deref(), Some("19:05"));
        assert_eq!(hm(m.resolved).as_deref(), Some("19:40"));
        // A timeline, when there is one, is the events.
        let t = run(&format!("{body}\n## Timeline\n\n- 18:30 — deploy\n"));
        assert_eq!(t.events.len(), 1);
    }

    #[test]
    fn a_page_first_in_a_terse_event_is_the_detection_a_status_page_is_not() {
        let t = run(
            "## Timeline\n\n- 04:12 first TLS failures\n- 04:14 status page updated\n- 04:16 page: success rate < 80%\n",
        );
        let m = milestones(&t.events);
        assert_eq!(
            m.detected
                .map(|z| z.strftime("%H:%M").to_string())
                .as_deref(),
            Some("04:16")
        );
    }

    #[test]
    fn times_as_datadog_azure_and_swedish_write_them_and_marks_that_win() {
        let t = run(
            "## Timeline\n\n- Dec 2, 2024 at 13:48:10 UTC — 5xx rate begins climbing\n- 07:14 UTC on 23 April 2024 – rotation began\n- 09.31 — certifikatet går ut\n- 10.12.3 was deployed\n",
        );
        let at: Vec<String> = (t.events.iter())
            .map(|e| e.at.strftime("%Y-%m-%d %H:%M").to_string())
            .collect();
        assert_eq!(at[0], "2024-12-02 13:48");
        assert_eq!(at[1], "2024-04-23 07:14");
        assert!(at[2].ends_with("09:31"), "{at:?}");
        assert_eq!(at.len(), 3, "a version number is no time");
        let t = run(
            "## Timeline\n\n- 10:00 — alert fired\n- 10:20 — Declared SEV-1. **Detected.**\n- 11:15 — Backlog drained. **Impact ends.**\n- 11:30 — Incident closed, resolved\n",
        );
        let m = milestones(&t.events);
        assert_eq!(
            hm(m.detected).as_deref(),
            Some("10:20"),
            "the marked detection"
        );
        assert_eq!(hm(m.resolved).as_deref(), Some("11:15"), "the marked end");
    }

    #[test]
    fn an_outage_mark_is_a_sentence_of_its_own_or_in_capitals() {
        assert!(marks_the_start("503s begin. **Impact starts.**"));
        assert!(marks_the_start("queue starts growing → impact start"));
        assert!(marks_the_start(
            "Rapportagequery blokkeert. **Begin klantimpact.**"
        ));
        assert!(marks_the_start("第 7 分片 CPU 达到 100%。**【故障开始】**"));
        assert!(!marks_the_start(
            "we checked whether the impact starts at the edge"
        ));
    }

    #[test]
    fn the_first_sign_of_an_impact_is_told_in_a_clause() {
        for said in [
            "First failed payment with invalid_request from PSP",
            "All callbacks land on partition 7. Callback delays start.",
            "search latency starts climbing, intermittently at first",
            "tenant starts bulk import; p50 delivery delay begins climbing",
            "The first 403s on POST /3ds/callback",
            "504s start on /v2/attempts",
            "First 5xx at the edge",
            "Patroni fremmer pg-02 til primær. Første checkout-fejl i loggen.",
            "Primele erori cluster_block_exception în tracking-api.",
            "Las transferencias empiezan a acumularse en \"En proceso\".",
            "Responstiden begynner å stige",
            "Every ticket write fails with READONLY",
            "ach_outbound job for SD2 fails: key expired",
        ] {
            assert!(tells_onset(said), "{said}");
        }
        for said in [
            "Release 4.18.0 of callback-dispatcher deployed",
            "Kaveri Mart flash sale starts.",
            "@jchen starts looking; runner pods look healthy",
            "first email from a merchant: their import job failed",
            "First merchant tickets: \"connection timeout\"",
            "First failover; replica in 2b promoted",
            "Failover started (scheduled maintenance)",
            "the service starts back up",
            "First human signal.",
            "First canary batch passes with no errors",
            "DBA starts a failover test",
            "Fail-over starts (planned)",
            "Deploy begins slowly rolling out",
            "Ops begins increasing the replica count",
            "Release manager starts flipping the new-checkout flag",
            "login errors start to drop",
            "Prima del cambio DNS nessun errore nei log",
            "Canary checks pass; nothing fails",
            "A synthetic check fails",
            // A verb a person also does to something: not read (`items start flipping to
            // "Sold out."`).
            "First webhook processed; items start flipping to \"Sold out.\"",
        ] {
            assert!(!tells_onset(said), "{said}");
        }
        // A first event that tells the impact in other words keeps the start.
        for said in [
            "Checkout outage begins",
            "Users begin seeing HTTP 500 on login",
            "Site goes down for all EU users",
            "Primary database crashes; all checkout writes fail with 500s",
        ] {
            assert!(tells_impact(said), "{said}");
        }
        assert!(!tells_impact("checkout-service 2024.12.03-1 deployed"));
        // A value changed is no status code; a status code still is.
        assert!(!tells_impact(
            "notification-service v4.12.0 deployed (`max.poll.records` 50 → 500)"
        ));
        assert!(!tells_impact("Pool size raised from 100 to 500"));
        assert!(tells_impact("Gateway returns 500 to every client"));
        assert!(tells_impact("Checkout API status changes from 200 to 503"));
    }

    #[test]
    fn czech_and_arabic_timelines_read_their_digits_zones_and_marks() {
        // Arabic-Indic and Persian digits beside ASCII ones, in a table headed in Arabic, under
        // a note of the times' zone; the times of the rows after them still read at their
        // own cells.
        let body = "## الجدول الزمني\n\nجميع الأوقات بتوقيت مكة (UTC+3).\n\n| الوقت | الحدث |\n|---|---|\n| ٠٩:٤٠ | نشر إصدار جديد |\n| ۰۹:۴۵ | ترتفع الأخطاء. **بداية الأثر.** |\n| 09:52 | ينطلق التنبيه ويُستدعى المناوب |\n| ١٠:٣٠ | عودة المعدل. **انتهاء الأثر.** |\n";
        let t = run(body);
        let at: Vec<String> = (t.events.iter())
            .map(|e| e.at.strftime("%H:%M %:z").to_string())
            .collect();
        assert_eq!(
            at,
            [
                "09:40 +03:00",
                "09:45 +03:00",
                "09:52 +03:00",
                "10:30 +03:00"
            ]
        );
        assert!(t.findings.is_empty(), "{:?}", t.findings);
        assert!(marks_the_start(&t.events[1].text));
        let m = milestones(&t.events);
        assert_eq!(hm(m.detected).as_deref(), Some("09:52"));
        assert_eq!(hm(m.resolved).as_deref(), Some("10:30"));
        // Each event is at its time cell: the two-byte digits of the rows before it moved
        // nothing.
        let text = format!("{FRONT}{body}");
        let line = text.lines().position(|l| l.contains("09:52")).unwrap() + 1;
        assert_eq!(t.events[2].pos.line, line);
        assert_eq!(t.events[3].pos.line, line + 1);
        // Czech: `SEČ` under a note, and the marks of the start, the detection and the end.
        let t = run(
            "## Časová osa\n\nVšechny časy v SEČ.\n\n- 8:05 – nasazení nové verze\n- 8:12 – první chyby. **Začátek dopadu.**\n- 8:20 – zákazníci hlásí chyby. **Detekce.**\n- 9:02 – chybovost v normálu. **Konec dopadu, incident vyřešen.**\n",
        );
        let at: Vec<String> = (t.events.iter())
            .map(|e| e.at.strftime("%H:%M %:z").to_string())
            .collect();
        assert_eq!(
            at,
            [
                "08:05 +01:00",
                "08:12 +01:00",
                "08:20 +01:00",
                "09:02 +01:00"
            ]
        );
        assert!(marks_the_start(&t.events[1].text));
        assert!(marks_the_end(&t.events[3].text));
        let m = milestones(&t.events);
        assert_eq!(hm(m.detected).as_deref(), Some("08:20"));
        assert_eq!(hm(m.resolved).as_deref(), Some("09:02"));
        // A negation before the word: no detection.
        let t = run("## Timeline\n\n- 8:20 — žádný alert, nebyla detekce\n");
        assert_eq!(milestones(&t.events).detected, None);
    }

    #[test]
    fn catalan_slovak_and_hindi_timelines_read_their_zones_days_and_marks() {
        let at = |t: &Timeline| -> Vec<String> {
            (t.events.iter())
                .map(|e| e.at.strftime("%m-%d %H:%M %:z").to_string())
                .collect()
        };
        // Catalan: a note of the peninsula's clock (summer time in April), `de` and `d'`.
        let t = run(
            "## Cronologia\n\nTotes les hores en hora peninsular.\n\n- **6 d'abril 09:12** — Primers errors al pagament. **Comença l'impacte.**\n- **09:20** — Salta l'alerta i s'avisa la guàrdia.\n- **10:05** — La taxa d'errors torna a zero. **Fi de l'impacte.**\n",
        );
        assert_eq!(
            at(&t),
            [
                "04-06 09:12 +02:00",
                "04-06 09:20 +02:00",
                "04-06 10:05 +02:00"
            ]
        );
        assert!(marks_the_start(&t.events[0].text));
        assert!(marks_the_end(&t.events[2].text));
        let m = milestones(&t.events);
        assert_eq!(hm(m.detected).as_deref(), Some("09:20"));
        assert_eq!(hm(m.resolved).as_deref(), Some("10:05"));
        // Slovak: `SEČ`, a day and month with a space after each dot (the year or none).
        let t = run(
            "## Časová os\n\nVšetky časy sú v SEČ.\n\n| Čas | Udalosť |\n|---|---|\n| 6. 4. 2017 22:40 | Nasadenie novej verzie. |\n| 22:46 | Prvé chyby pri platbách. **Začiatok dopadu.** |\n| 22:58 | Zákaznícka podpora hlási sťažnosti. |\n| 7. 4. 00:15 | Chybovosť je v norme. **Koniec dopadu.** |\n",
        );
        assert_eq!(
            at(&t),
            [
                "04-06 22:40 +01:00",
                "04-06 22:46 +01:00",
                "04-06 22:58 +01:00",
                "04-07 00:15 +01:00"
            ]
        );
        assert!(marks_the_start(&t.events[1].text));
        assert!(marks_the_end(&t.events[3].text));
        let m = milestones(&t.events);
        assert_eq!(hm(m.detected).as_deref(), Some("22:58"));
        assert_eq!(hm(m.resolved).as_deref(), Some("00:15"));
        // Hindi: India's clock by its name, the danda after a mark.
        let t = run(
            "## समय-रेखा\n\nसभी समय भारतीय मानक समय में हैं।\n\n| समय | घटना |\n|---|---|\n| 6 अप्रैल 10:02 | नया संस्करण जारी। |\n| 6 अप्रैल 10:09 | भुगतान में त्रुटियाँ। **प्रभाव शुरू।** |\n| 10:15 | अलर्ट आया, ऑन-कॉल इंजीनियर को पेज किया गया। |\n| 11:40 | त्रुटि दर सामान्य। **प्रभाव समाप्त।** |\n",
        );
        assert_eq!(
            at(&t),
            [
                "04-06 10:02 +05:30",
                "04-06 10:09 +05:30",
                "04-06 10:15 +05:30",
                "04-06 11:40 +05:30"
            ]
        );
        assert!(marks_the_start(&t.events[1].text));
        assert!(marks_the_end(&t.events[3].text));
        let m = milestones(&t.events);
        assert_eq!(hm(m.detected).as_deref(), Some("10:15"));
        assert_eq!(hm(m.resolved).as_deref(), Some("11:40"));
        // Their days of the week before a day heading's date.
        let t = run(
            "## Timeline\n\n**dijous, 6 d'abril de 2017**\n\n- 22:05 — a\n\n**piatok 7. apríla 2017**\n\n- 08:30 — b\n\n**शनिवार, 8 अप्रैल 2017**\n\n- 09:00 — c\n",
        );
        let days: Vec<String> = (t.events.iter())
            .map(|e| e.at.strftime("%m-%d %H:%M").to_string())
            .collect();
        assert_eq!(days, ["04-06 22:05", "04-07 08:30", "04-08 09:00"]);
    }

    #[test]
    fn four_digit_times_under_a_timeline_heading_are_read() {
        let at = |t: &Timeline| -> Vec<String> {
            (t.events.iter())
                .map(|e| e.at.strftime("%Y-%m-%d %H:%M").to_string())
                .collect()
        };
        // As a hand-off writes them.
        let t = run_with(
            "## Timeline\n\n- ~0310 pager: api 5xx\n- 0314 ack\n- 0342 rolled back\n- 0355 statuspage resolved\n",
            "2024-12-02T03:00:00Z",
            None,
        );
        assert_eq!(
            at(&t),
            [
                "2024-12-02 03:10",
                "2024-12-02 03:14",
                "2024-12-02 03:42",
                "2024-12-02 03:55"
            ]
        );
        assert!(t.findings.is_empty(), "{:?}", t.findings);
    }

    #[test]
    fn a_day_and_month_without_a_year_before_a_clock_is_read_in_the_order_near_the_start() {
        let table = "## Timeline\n\n| Time (UTC) | Event |\n|---|---|\n| 03/10 08:41 | PR merged |\n| 03/10 09:14 | Lag climbs. **Impact begins.** |\n| 04/10 10:00 | Review |\n";
        let at = |t: &Timeline| -> Vec<String> {
            (t.events.iter())
                .map(|e| e.at.strftime("%Y-%m-%d %H:%M").to_string())
                .collect()
        };
        // Started on 3 October: `03/10` is day first.
        let t = run_with(table, "2024-10-03T09:14:00Z", None);
        assert_eq!(
            at(&t),
            ["2024-10-03 08:41", "2024-10-03 09:14", "2024-10-04 10:00"]
        );
        // Started on 10 March: month first.
        let t = run_with(table, "2024-03-10T08:00:00Z", None);
        assert_eq!(
            at(&t),
            ["2024-03-10 08:41", "2024-03-10 09:14", "2024-04-10 10:00"]
        );
        // A day over 12 says the order whatever the start.
        let t = run_with(
            "## Timeline\n\n- 28/02 23:50 deploy\n- 01/03 00:10 errors\n",
            "2024-02-28T23:00:00Z",
            None,
        );
        assert_eq!(at(&t), ["2024-02-28 23:50", "2024-03-01 00:10"]);
        // Not before a clock, or neither order near the start: no date read.
        let t = run_with(
            "## Timeline\n\n- 10:00 1/2 of the fleet down\n",
            "2024-10-03T09:14:00Z",
            None,
        );
        assert_eq!(at(&t), ["2024-10-03 10:00"]);
        let t = run_with(
            "## Timeline\n\n- 03/10 08:41 merged\n",
            "2024-07-01T08:00:00Z",
            None,
        );
        assert!(t.events.is_empty(), "{:?}", at(&t));
        // One such row (the change a week before) over rows of times alone: not read, so the
        // times are on the incident's day, not the change's.
        let t = run_in(
            "## Timeline\n\n| Time | Event |\n|---|---|\n| 09/07 15:30 | New queue policy |\n| 19:02 | Disk alarm |\n| 20:11 | Recovered |\n",
            Some(&parse_time("2024-07-15T00:00:00+07:00").unwrap()),
            None,
        );
        assert_eq!(at(&t), ["2024-07-15 19:02", "2024-07-15 20:11"]);
        // Both orders within a month of the start (5 June, or 6 May): the nearer.
        let t = run_with(
            "## Timeline\n\n| Time | Event |\n|---|---|\n| 05/06 08:41 | merged |\n| 05/06 09:14 | errors |\n",
            "2024-06-05T08:00:00Z",
            None,
        );
        assert_eq!(at(&t), ["2024-06-05 08:41", "2024-06-05 09:14"]);
    }

    #[test]
    fn hebrew_and_finnish_timelines_read_their_clocks_zones_and_marks() {
        // Hebrew: a table under a heading that notes Israel's clock, its marks and alert.
        let body = "## ציר זמן (שעון ישראל)\n\n| שעה | אירוע |\n|---|---|\n| 09:10 | פריסה של גרסה חדשה |\n| 09:14 | השגיאות עולות. **תחילת ההשפעה.** |\n| 09:20 | ההתראה נכנסת והתורנית מוקפצת |\n| 10:05 | השירות חוזר לפעול. **האירוע נפתר.** |\n";
        let t = run_with(body, "2024-07-16T09:00:00+03:00", None);
        let at: Vec<String> = (t.events.iter())
            .map(|e| e.at.strftime("%H:%M %:z").to_string())
            .collect();
        assert_eq!(
            at,
            [
                "09:10 +03:00",
                "09:14 +03:00",
                "09:20 +03:00",
                "10:05 +03:00"
            ]
        );
        assert!(t.findings.is_empty(), "{:?}", t.findings);
        assert!(marks_the_start(&t.events[1].text));
        assert!(marks_the_end(&t.events[3].text));
        let m = milestones(&t.events);
        assert_eq!(hm(m.detected).as_deref(), Some("09:20"));
        assert_eq!(hm(m.resolved).as_deref(), Some("10:05"));
        // A negation before the word: no detection.
        let t = run("## Timeline\n\n- 8:20 — לא נכנסה התראה\n");
        assert_eq!(milestones(&t.events).detected, None);
        // Finnish: `klo` and the dot clock under a note of Finland's time; the change the day
        // before dated `su 3.3.`, and the incident's day's times after it on that day.
        let text = format!(
            "{FRONT}## Aikajana\n\nKaikki ajat Suomen aikaa.\n\n| Aika | Tapahtuma |\n|---|---|\n| su 3.3. klo 18.00 | Asetusmuutos yhdistetään |\n| klo 9.05 | Virheet alkavat. **Häiriö alkaa.** |\n| klo 9.12 | Hälytys laukeaa |\n| klo 10.30 | Jono purettu. **Häiriö ratkaistu.** |\n"
        );
        let mut f = SourceFile::new("content/incidents/x.md".into(), "x.md".into(), text);
        f.split_front_matter().unwrap();
        let body = Body::parse(f.body(), &SectionMatcher::new(&Default::default()));
        let window = Window {
            started: None,
            day: Some(jiff::civil::date(2024, 3, 4)),
            zone: TimeZone::UTC,
            resolved: None,
        };
        let t = parse(&f, &body, window);
        let at: Vec<String> = (t.events.iter())
            .map(|e| e.at.strftime("%m-%d %H:%M %:z").to_string())
            .collect();
        assert_eq!(
            at,
            [
                "03-03 18:00 +02:00",
                "03-04 09:05 +02:00",
                "03-04 09:12 +02:00",
                "03-04 10:30 +02:00"
            ]
        );
        assert!(t.findings.is_empty(), "{:?}", t.findings);
        assert!(marks_the_start(&t.events[1].text));
        assert!(marks_the_end(&t.events[3].text));
        let m = milestones(&t.events);
        assert_eq!(hm(m.detected).as_deref(), Some("09:12"));
        assert_eq!(hm(m.resolved).as_deref(), Some("10:30"));
        let t = run("## Timeline\n\n- klo 8.20 — ei hälytystä, eikä hälytys lauennut\n");
        assert_eq!(milestones(&t.events).detected, None);
        // A dotted day without `klo` after it is no date.
        assert!(one("4.11. julkaisu").events.is_empty());
    }

    #[test]
    fn ukrainian_greek_and_norwegian_timelines_read_their_clocks_zones_and_marks() {
        // The incident's day, its zone not known: each note gives the times' zone.
        let parse_on = |body: &str, day: jiff::civil::Date| {
            let text = format!("{FRONT}{body}");
            let mut f = SourceFile::new("content/incidents/x.md".into(), "x.md".into(), text);
            f.split_front_matter().unwrap();
            let body = Body::parse(f.body(), &SectionMatcher::new(&Default::default()));
            let window = Window {
                started: None,
                day: Some(day),
                zone: TimeZone::UTC,
                resolved: None,
            };
            let t = parse(&f, &body, window);
            let at: Vec<String> = (t.events.iter())
                .map(|e| e.at.strftime("%m-%d %H:%M %:z").to_string())
                .collect();
            (t, at)
        };
        // Ukrainian: a table under a note of Kyiv's time, its marks and alert.
        let (t, at) = parse_on(
            "## Хронологія\n\nУсі часи вказано за київським часом.\n\n| Час | Подія |\n|---|---|\n| 09:10 | Розгорнуто нову версію |\n| 09:14 | Зростає кількість помилок. **Початок впливу.** |\n| 09:20 | Спрацював алерт, черговий отримав дзвінок |\n| 10:05 | Сервіс працює стабільно. **Кінець впливу.** |\n",
            jiff::civil::date(2024, 11, 7),
        );
        assert_eq!(
            at,
            [
                "11-07 09:10 +02:00",
                "11-07 09:14 +02:00",
                "11-07 09:20 +02:00",
                "11-07 10:05 +02:00"
            ]
        );
        assert!(t.findings.is_empty(), "{:?}", t.findings);
        assert!(marks_the_start(&t.events[1].text));
        assert!(marks_the_end(&t.events[3].text));
        let m = milestones(&t.events);
        assert_eq!(hm(m.detected).as_deref(), Some("09:20"));
        assert_eq!(hm(m.resolved).as_deref(), Some("10:05"));
        let t = run("## Timeline\n\n- 8:20 — не спрацював алерт\n");
        assert_eq!(milestones(&t.events).detected, None);
        // Greek: a day of its own between the lists (the change the day before), under a note
        // of Greece's time; an alert said not to exist is no detection.
        let (t, at) = parse_on(
            "## Χρονολόγιο\n\nΌλες οι ώρες είναι σε ώρα Ελλάδας.\n\n**Δευτέρα 4 Νοεμβρίου**\n\n- **18:00** — Αλλαγή ρυθμίσεων\n\n**Τρίτη 5 Νοεμβρίου**\n\n- **09:05** — Οι ουρές μεγαλώνουν. Δεν υπάρχει alert για τις ουρές. **Έναρξη επίπτωσης.**\n- **09:12** — Ενεργοποιείται το alert στο PagerDuty\n- **10:30** — Η ουρά αδειάζει. **Τέλος επίπτωσης.**\n",
            jiff::civil::date(2024, 11, 5),
        );
        assert_eq!(
            at,
            [
                "11-04 18:00 +02:00",
                "11-05 09:05 +02:00",
                "11-05 09:12 +02:00",
                "11-05 10:30 +02:00"
            ]
        );
        assert!(t.findings.is_empty(), "{:?}", t.findings);
        assert!(marks_the_start(&t.events[1].text));
        assert!(marks_the_end(&t.events[3].text));
        let m = milestones(&t.events);
        assert_eq!(hm(m.detected).as_deref(), Some("09:12"));
        assert_eq!(hm(m.resolved).as_deref(), Some("10:30"));
        // Norwegian: `kl.` and the dot clock under a heading's note of Norwegian time.
        let (t, at) = parse_on(
            "## Tidslinje (norsk tid)\n\n- **kl. 09.05** — Feilene øker. Ingen alarm. **Start på kundepåvirkning.**\n- **kl. 09.12** — Varselet går av, vakthavende blir varslet\n- **kl. 10.30** — Køen er tømt. **Slutt på kundepåvirkning.**\n",
            jiff::civil::date(2024, 9, 6),
        );
        assert_eq!(
            at,
            [
                "09-06 09:05 +02:00",
                "09-06 09:12 +02:00",
                "09-06 10:30 +02:00"
            ]
        );
        assert!(t.findings.is_empty(), "{:?}", t.findings);
        assert!(marks_the_start(&t.events[0].text));
        assert!(marks_the_end(&t.events[2].text));
        let m = milestones(&t.events);
        assert_eq!(hm(m.detected).as_deref(), Some("09:12"));
        assert_eq!(hm(m.resolved).as_deref(), Some("10:30"));
    }

    #[test]
    fn danish_romanian_and_hungarian_timelines_read_their_marks_and_alerts() {
        let t = run(
            "## Tidslinje\n\n- **kl. 09.12** – Første fejl i loggen.\n- **kl. 09.19** – Alarmen udløses og sendes til vagten.\n- **kl. 09.58** – Fejlraten er normal. Påvirkningen er slut.\n",
        );
        assert!(marks_the_end(&t.events[2].text));
        let m = milestones(&t.events);
        assert_eq!(hm(m.detected).as_deref(), Some("09:19"));
        assert_eq!(hm(m.resolved).as_deref(), Some("09:58"));
        let t = run(
            "## Cronologie\n\n| Ora | Eveniment |\n|---|---|\n| 06:40 | Primele erori. |\n| 07:15 | Dispeceratul sună inginerul de gardă. |\n| 08:14 | Scrierile reușesc. Sfârșitul impactului. |\n",
        );
        assert!(marks_the_end(&t.events[2].text));
        let m = milestones(&t.events);
        assert_eq!(hm(m.detected).as_deref(), Some("07:15"));
        assert_eq!(hm(m.resolved).as_deref(), Some("08:14"));
        let t = run(
            "## Idővonal\n\n| Időpont | Esemény |\n|---|---|\n| 14:12 | A metrika nő, de nincs rá riasztás. |\n| 14:31 | Az ügyfélszolgálat jelzi a hibát. |\n| 15:02 | A hatás vége. |\n",
        );
        assert!(marks_the_end(&t.events[2].text));
        let m = milestones(&t.events);
        assert_eq!(hm(m.detected).as_deref(), Some("14:31"));
        assert_eq!(hm(m.resolved).as_deref(), Some("15:02"));
    }

    #[test]
    fn catalan_slovak_and_hindi_timelines_read_their_marks_and_alerts() {
        let t = run(
            "## Cronologia\n\n- **11:02** — Primers timeouts a la base de dades.\n- **11:04** — No salta cap alerta: el llindar és massa alt.\n- **11:15** — Un client avisa per correu.\n- **11:47** — Latència normal. Fi de l'impacte.\n",
        );
        assert!(marks_the_end(&t.events[3].text));
        let m = milestones(&t.events);
        assert_eq!(hm(m.detected).as_deref(), Some("11:15"));
        assert_eq!(hm(m.resolved).as_deref(), Some("11:47"));
        let t = run(
            "## Časová os\n\n| Čas | Udalosť |\n|---|---|\n| 03:10 | Prvé timeouty databázy. |\n| 03:12 | Žiadny alert sa nespustil. |\n| 03:25 | Zákazník nahlásil chybu cez podporu. |\n| 04:02 | Latencia je v norme. Koniec dopadu. |\n",
        );
        assert!(marks_the_end(&t.events[3].text));
        let m = milestones(&t.events);
        assert_eq!(hm(m.detected).as_deref(), Some("03:25"));
        assert_eq!(hm(m.resolved).as_deref(), Some("04:02"));
        let t = run(
            "## समय-रेखा\n\n- 14:05 — डेटाबेस में पहली त्रुटियाँ।\n- 14:07 — कोई अलर्ट नहीं आया।\n- 14:20 — एक ग्राहक की शिकायत सपोर्ट पर आई।\n- 14:55 — सेवा बहाल हुई। प्रभाव समाप्त।\n",
        );
        assert!(marks_the_end(&t.events[3].text));
        let m = milestones(&t.events);
        assert_eq!(hm(m.detected).as_deref(), Some("14:20"));
        assert_eq!(hm(m.resolved).as_deref(), Some("14:55"));
    }

    #[test]
    fn a_mark_in_brackets_after_the_events_words_counts() {
        assert!(marks_the_start(
            "First lookup timeouts in the webhook logs. (impact start)"
        ));
        assert!(marks_the_end(
            "Rolled back; errors at baseline [impact end]"
        ));
        assert!(!marks_the_start(
            "We asked whether (impact start) was the right label"
        ));
        assert!(!marks_the_end(
            "[impact end] called too early; errors resumed at 10:41"
        ));
        // `Resolved` as a label of its own ends the impact; a later `Status page resolved`
        // (an update posted after it) does not.
        assert!(marks_the_end(
            "Login traffic back to normal levels. 🟢 **Resolved.**"
        ));
        assert!(marks_the_end("error rate 0 in agent UI. resolved."));
        // The impact on whom, as a COE says it.
        assert!(marks_the_end(
            "Failure rate at baseline for 15 minutes. **Customer impact ends.**"
        ));
        assert!(marks_the_start(
            "Wave 1 complete. Failure rate starts rising. **Customer impact begins.**"
        ));
        assert!(marks_the_start(
            "New certificate live. From this point every cache miss fails. This is when the outage started."
        ));
        assert!(!marks_the_end("Status page resolved."));
        assert!(marks_the_end(
            "Zero-result rate back to baseline (3.0%). Incident resolved."
        ));
        assert!(!marks_the_end("The incident resolved itself overnight."));
        assert!(!marks_the_end("Incident resolved."));
        assert!(!marks_the_end("alert fired and auto-cleared; resolved."));
        assert!(!marks_the_end("Vendor ticket still UNRESOLVED, escalated"));
        assert!(!marks_the_end(
            "PagerDuty incident marked RESOLVED by the bot"
        ));
        assert!(marks_the_end(
            "Error rate back to baseline; incident resolved"
        ));
        assert!(!marks_the_end("**Resolved**"));
        assert!(!marks_the_end("Resolved the ticket with the vendor"));
        let t = run(
            "## Timeline\n\n- 14:02 — sessions lost\n- 15:10 — logins normal. **Resolved.**\n- 15:25 — Status page resolved.\n",
        );
        assert_eq!(hm(milestones(&t.events).resolved).as_deref(), Some("15:10"));
    }

    #[test]
    fn a_quote_before_a_mark_closes_a_sentence_or_ends_a_word_for_the_start_and_the_end() {
        for quote in ["'", "’", "\""] {
            // A closing quote after a sentence's end: the mark is a sentence of its own.
            let start = format!("The status page said ‘degraded.{quote} Impact starts.");
            let end = format!("The status page said ‘all clear.{quote} Impact ends.");
            assert!(marks_the_start(&start), "{start}");
            assert!(marks_the_end(&end), "{end}");
            // An apostrophe ending a word: the mark is within a sentence.
            let start = format!("We saw the customers{quote} impact starts.");
            let end = format!("We saw the customers{quote} impact ends.");
            assert!(!marks_the_start(&start), "{start}");
            assert!(!marks_the_end(&end), "{end}");
        }
    }

    #[test]
    fn the_google_sre_templates_outage_markers_are_read() {
        let t = run(
            "## Timeline\n\n- 18:00 — pricing post published\n- 18:10 — publish ruleset **<START OF OUTAGE>**\n- 18:15 — we tie the ruleset to the start of the outage\n- 18:40 — error rate at baseline **<END OF OUTAGE>**\n",
        );
        let marked: Vec<bool> = t.events.iter().map(|e| marks_the_start(&e.text)).collect();
        assert_eq!(marked, [false, true, false, false]);
        let m = milestones(&t.events);
        assert_eq!(hm(m.resolved).as_deref(), Some("18:40"));
        assert!(marks_the_start(
            "14:51 OUTAGE BEGINS — first tasks OOM-killed"
        ));
        assert!(marks_the_start(
            "sched-1 relance le job. Début de l’incident."
        ));
    }

    #[test]
    fn a_change_reverted_after_the_end_mitigated_nothing() {
        let t = run(
            "## Timeline\n\n| Time | Event |\n|---|---|\n| 09:09 | alert fires |\n| 11:05 | Checkout errors back to baseline |\n| 11:30 | Concurrency reverted to 8 |\n",
        );
        let m = milestones(&t.events);
        assert_eq!(hm(m.resolved).as_deref(), Some("11:05"));
        assert_eq!(hm(m.mitigated), None);
        let t = run(
            "## Timeline\n\n- 09:09 alert fires\n- 10:00 reverted the deploy\n- 11:05 all clear\n",
        );
        assert_eq!(
            hm(milestones(&t.events).mitigated).as_deref(),
            Some("10:00")
        );
    }

    #[test]
    fn milestones_come_from_the_words_of_events() {
        let t = run(
            "## Timeline\n\n- 18:00 — deploy starts\n- 18:05 — Alert fired: 5xx ratio\n- 18:07 — paged again\n- 18:20 — rolled back to v41\n- 18:30 — partially recovered\n- 18:45 — all clear\n- 19:00 — status page resolved\n- 19:10 — postmortem scheduled\n",
        );
        let m = milestones(&t.events);
        assert_eq!(hm(m.detected).as_deref(), Some("18:05"), "the first");
        assert_eq!(hm(m.mitigated).as_deref(), Some("18:20"));
        assert_eq!(
            hm(m.resolved).as_deref(),
            Some("18:45"),
            "the last, not a partial one, nor the status page's news of it"
        );
        // The status page's news when nothing else says it ended; a closing that also
        // updates the status page.
        let news = |text: &str| hm(milestones(&run(text).events).resolved);
        assert_eq!(
            news("## Timeline\n\n- 18:00 — deploy\n- 18:30 — partially recovered\n- 19:00 — status page resolved\n").as_deref(),
            Some("19:00")
        );
        assert_eq!(
            news("## Timeline\n\n- 15:41 — Failures back to baseline.\n- 15:48 — Incident closed. Status page set to Resolved.\n").as_deref(),
            Some("15:48")
        );
        assert_eq!(
            news("## Timeline\n\n- 15:41 — all requests served normally again\n- 15:50 — marked resolved on the status thread\n").as_deref(),
            Some("15:41")
        );
        // A closing two days on, after the review: the end told before it.
        assert_eq!(
            news("## Timeline\n\n- 2024-09-03 12:44 — revert deployed\n- 2024-09-03 13:07 — errors back to normal\n- 2024-09-05 18:02 — Incident closed after post-incident review\n").as_deref(),
            Some("13:07")
        );
        // Reopened in between: the closing is the end.
        assert_eq!(
            news("## Timeline\n\n- 2024-03-07 18:00 — index rebuilt, incident resolved\n- 2024-03-08 09:00 — errors recur, incident reopened\n- 2024-03-08 15:00 — second rebuild finished, incident closed\n").as_deref(),
            Some("15:00")
        );
        // Denied after the word: `alert does not fire`.
        let denied = run(
            "## Timeline\n\n- 10:30 — Lag at 60k. Lag alert does not fire (wrong group)\n- 10:40 — the page never came\n- 11:04 — Incident declared\n",
        );
        assert_eq!(
            hm(milestones(&denied.events).detected).as_deref(),
            Some("11:04")
        );
        // Only its firing denied: an alert not acknowledged at once was still the detection.
        let late = run(
            "## Timeline\n\n- 10:02 Errors begin\n- 10:05 PagerDuty alert was not acknowledged until 10:20\n- 10:20 On-call acknowledges\n",
        );
        assert_eq!(
            hm(milestones(&late.events).detected).as_deref(),
            Some("10:05")
        );
        // A `sense check` says nothing against the all clear.
        assert_eq!(
            news("## Timeline\n\n- 09:50 Queue alert fires\n- 10:55 Sense check shows all clear\n")
                .as_deref(),
            Some("10:55")
        );
        // The news of the end after a backlog drained is not given up for the rollback's
        // `back to normal`.
        assert_eq!(
            news("## Timeline\n\n- 09:50 Queue depth alert fires\n- 10:10 Rollback complete; send rate back to normal\n- 10:40 Backlog still draining\n- 11:30 Backlog drained, marked the incident resolved on the status page\n").as_deref(),
            Some("11:30")
        );
        // Other languages: German words, and Japanese ones found within words.
        let de = run(
            "## Timeline\n\n- 14:05 Uhr – Zertifikat wird ausgerollt\n- 14:07 Uhr – Bereitschaft alarmiert\n- 14:51 Uhr – zurückgerollt\n- 15:12 Uhr – Störung behoben\n",
        );
        let m = milestones(&de.events);
        assert_eq!(hm(m.detected).as_deref(), Some("14:07"));
        assert_eq!(hm(m.mitigated).as_deref(), Some("14:51"));
        assert_eq!(hm(m.resolved).as_deref(), Some("15:12"));
        // `löst aus` (German: triggers) is no resolution (Swedish `är löst` is); German
        // marks of the impact's start and end.
        let de = run(
            "## Zeitverlauf\n\n- **09:30 Uhr** – Upgrade startet\n- **09:41 Uhr** – Anmeldungen schlagen fehl. Beginn der Auswirkung.\n- **09:44 Uhr** – Alarm löst aus, Bereitschaft alarmiert\n- **10:18 Uhr** – Fehlerrate normal. Ende der Auswirkung.\n- **11:30 Uhr** – Upgrade fortgesetzt\n",
        );
        let m = milestones(&de.events);
        assert_eq!(hm(m.detected).as_deref(), Some("09:44"));
        assert_eq!(hm(m.resolved).as_deref(), Some("10:18"));
        assert!(marks_the_start(&de.events[1].text));
        assert!(marks_the_end(&de.events[3].text));
        let ja = run(
            "## Timeline\n\n- 10:00 デプロイ開始\n- 10:04 エラー率のアラートを検知\n- 10:30 一部復旧\n- 10:45 全サービスが復旧した\n",
        );
        let m = milestones(&ja.events);
        assert_eq!(hm(m.detected).as_deref(), Some("10:04"));
        assert_eq!(
            hm(m.resolved).as_deref(),
            Some("10:45"),
            "not the partial one"
        );
        let negated = run(
            "## Timeline\n\n- 18:00 — volume drops, nobody notices\n- 18:10 — no alert fired\n- 18:20 — retry didn't recover it\n- 18:30 — on-call paged\n",
        );
        let m = milestones(&negated.events);
        assert_eq!(
            hm(m.detected).as_deref(),
            Some("18:30"),
            "not a negated phrase"
        );
        assert_eq!(m.resolved, None);
        let ahead = run(
            "## Timeline\n\n- 18:00 — Issue identified. Began working on rollback\n- 18:10 — decided to roll back\n- 18:20 — rolled back to v41\n",
        );
        assert_eq!(
            hm(milestones(&ahead.events).mitigated).as_deref(),
            Some("18:20"),
            "not a rollback begun or decided"
        );
        let tried = run(
            "## Timeline\n\n- 17:25 — Incident declared, rollback attempted\n- 17:40 — Rollback fails due to ArgoCD configuration issues\n- 18:15 — Rollback was attempted again\n- 18:30 — rolled back by hand\n",
        );
        assert_eq!(
            hm(milestones(&tried.events).mitigated).as_deref(),
            Some("18:30"),
            "not a rollback tried or failed"
        );
        let clause = run("## Timeline\n\n- 18:00 — rollout did not finish; alert fired\n");
        assert_eq!(
            hm(milestones(&clause.events).detected).as_deref(),
            Some("18:00"),
            "a negation does not reach past punctuation"
        );
        let none = run("## Timeline\n\n- 18:00 — undetected drift; unresolved questions\n");
        assert_eq!(
            milestones(&none.events),
            Milestones::default(),
            "whole words only"
        );
    }

    #[test]
    fn a_date_or_time_that_is_not_one_is_named() {
        let t = run(
            "## Timeline\n\n- 20202-01-16 12:00 — Cake was not copying the settings\n- 2024-06-06 HH:mm — Short event description\n- 2022-02-?? ??:?? — TBA\n- Later that week — nothing dated\n",
        );
        let messages: Vec<&str> = t.findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`20202-01-16` is not a date: this Timeline item does not start with a time",
                "`HH:mm` is not a time of day: this Timeline item does not start with a time",
                "`2022-02-??` is not a date: this Timeline item does not start with a time",
                "this Timeline item does not start with a time",
            ]
        );
        assert!(looks_like_a_date("20xx-MM-DD") && !looks_like_a_date("re-run-it"));
        assert!(looks_like_a_clock("HH:mm") && looks_like_a_clock("??:??"));
        assert!(
            !looks_like_a_clock(":") && !looks_like_a_clock("Alert:") && !looks_like_a_clock("db:")
        );
        let t = run("## Timeline\n\n- 2024-06-06: Deploy started\n");
        assert_eq!(
            t.findings[0].message,
            "this Timeline item starts with a date but no time of day"
        );
    }

    #[test]
    fn a_note_of_the_timeline_gives_the_zone_of_its_times() {
        for (note, zone) in [
            ("All times in CET.", Some(60)),
            ("All times are UTC", Some(0)),
            ("(times in PDT)", Some(-7 * 60)),
            ("All times below are UTC", Some(0)),
            ("All times are local (CET)", Some(60)),
            ("Response times rose", None),
            ("All times in Copenhagen local time.", None),
        ] {
            let offset =
                noted_zone(note).map(|z| z.to_offset(jiff::Timestamp::UNIX_EPOCH).seconds() / 60);
            assert_eq!(offset, zone, "{note}");
        }
        // A pair of a region's clocks is the region: summer time in August.
        let august: jiff::Timestamp = "2023-08-25T12:00:00Z".parse().unwrap();
        for (note, iana) in [
            ("All times Pacific.", "America/Los_Angeles"),
            ("All times are Eastern time", "America/New_York"),
            ("Todas las horas en CEST.", ""),
            // A zone by its IANA name, its underscore lost with emphasis or not.
            (
                "Fuso horário: todos os horários em America/Sao_Paulo",
                "America/Sao_Paulo",
            ),
            ("All times are Europe/Oslo.", "Europe/Oslo"),
            ("All times America/SaoPaulo", "America/Sao_Paulo"),
            // Another zone the note names aside is not the times'.
            ("All times CET (on-call was in America/Los_Angeles).", ""),
        ] {
            let z = noted_zone(note).unwrap_or_else(|| panic!("{note}"));
            if !iana.is_empty() {
                assert_eq!(z.iana_name(), Some(iana), "{note}");
            }
        }
        // A region's time in a heading's brackets; not in a sentence's.
        let glance = heading_zone("At a glance (Pacific Time, October 8)").unwrap();
        assert_eq!(glance.iana_name(), Some("America/Los_Angeles"));
        assert!(noted_zone("Our vendor's desk (Pacific Time, 9 to 5) was closed").is_none());
        let aside = noted_zone("All times CET (on-call was in America/Los_Angeles).").unwrap();
        assert_eq!(aside.to_offset(august).seconds(), 3600);
        let cet = noted_zone("All times Central European Time").unwrap();
        assert_eq!(cet.to_offset(jiff::Timestamp::UNIX_EPOCH).seconds(), 3600);
        assert!(noted_zone("All times are approximate").is_none());
        let pt = noted_zone("(all times in PST/PDT)").unwrap();
        assert_eq!(pt.to_offset(august).seconds(), -7 * 3600);
        // Over the zone of `started` (-07:00 here), for the times that give none.
        let t = run(
            "## Timeline\n\nAll times in CET.\n\n| Time | Event |\n| :--- | --- |\n| 2020-06-09 12:25 | CloudWatch alert fired |\n| 2020-06-09 12:40 UTC | rolled back |\n",
        );
        let at: Vec<String> = t.events.iter().map(|e| utc(&e.at)).collect();
        assert_eq!(at, ["2020-06-09T11:25:00Z", "2020-06-09T12:40:00Z"]);
    }

    #[test]
    fn a_table_is_read_by_its_time_and_event_columns() {
        let t = run(
            "## Timeline\n\n| Time (UTC) | Event |\n|---|---|\n| 2018-09-27 08:55 | TTL lowered |\n| 10:30 | records switched |\n| ~10:45 | traffic at 80% |\n| ... | nobody knows when |\n",
        );
        let at: Vec<String> = t.events.iter().map(|e| utc(&e.at)).collect();
        assert_eq!(
            at,
            [
                "2018-09-27T08:55:00Z",
                "2018-09-27T10:30:00Z",
                "2018-09-27T10:45:00Z"
            ],
            "the header's zone, the previous row's day, an approximate time"
        );
        assert_eq!(t.events[1].text, "records switched");
        assert_eq!(codes(&t), ["timeline-prose"]);
        assert!(
            t.findings[0].message.contains("Timeline row"),
            "{:?}",
            t.findings
        );
        assert_eq!(pos_of(&t.findings[0]).col, 3, "at the time cell");
        // A date column and a time column; the event column chosen by its header.
        let t = run(
            "## Timeline\n\n| Date | Time | Who | What happened |\n|---|---|---|---|\n| 2021-03-31 | 12:11 | ana | Reports of failed logins |\n",
        );
        assert_eq!(t.events.len(), 1, "{:?}", t.findings);
        assert_eq!(t.events[0].text, "Reports of failed logins");
        assert_eq!(t.events[0].at.date().to_string(), "2021-03-31");
        // No header names a time, the first column has times: the other cells are the text.
        let t = run("## Timeline\n\n| | |\n|---|---|\n| 18:05 | alert fired |\n");
        assert_eq!(t.events[0].text, "alert fired");
        // A table without times in it is not a timeline.
        let t = run("## Timeline\n\n| Service | Impact |\n|---|---|\n| api | down |\n");
        assert!(
            t.events.is_empty() && t.findings.is_empty(),
            "{:?}",
            t.findings
        );
        // `Description` is the event over `Status`; the header's zone goes to a 12-hour time.
        let t = run(
            "## Timeline\n\n| Time (UTC) | Status | Description |\n|---|---|---|\n| 2017-04-07 10:00 am | Resolved | Fix deployed |\n",
        );
        assert_eq!(t.events[0].text, "Fix deployed");
        assert_eq!(utc(&t.events[0].at), "2017-04-07T10:00:00Z");
        assert!(t.events[0].from_table);
    }

    #[test]
    fn list_items_and_table_rows_are_read_in_the_order_written() {
        let t = run(
            "## Timeline\n\n- 18:01 — deploy\n\n| Time | Event |\n|---|---|\n| 18:05 | alert fired |\n| 18:20 | rolled back |\n\n- 18:30 — recovered\n",
        );
        let hm: Vec<String> = (t.events.iter())
            .map(|e| e.at.strftime("%d %H:%M").to_string())
            .collect();
        assert_eq!(
            hm,
            ["06 18:01", "06 18:05", "06 18:20", "06 18:30"],
            "{:?}",
            t.findings
        );
        assert_eq!(codes(&t), Vec::<&str>::new());
    }

    /// The timeline of a single item.
    fn one(item: &str) -> Timeline {
        run(&format!("## Timeline\n\n- {item}\n"))
    }

    fn utc(z: &Zoned) -> String {
        z.timestamp().to_string()
    }

    fn pos_of(d: &Draft) -> Pos {
        match d.at {
            At::Pos(p) => p,
            _ => Pos::START,
        }
    }

    fn codes(t: &Timeline) -> Vec<&str> {
        t.findings.iter().map(|f| f.code).collect()
    }

    #[test]
    fn every_accepted_form() {
        let cases = [
            ("18:30 — a", "2017-04-07T01:30:00Z", -7),
            ("18:30 PDT — a", "2017-04-07T01:30:00Z", -7),
            ("2017-04-06 18:30 — a", "2017-04-07T01:30:00Z", -7),
            ("2017-04-07T01:30Z — a", "2017-04-07T01:30:00Z", 0),
            ("18:30:15 — a", "2017-04-07T01:30:15Z", -7),
            ("2017-04-07T01:30:00-07:00 — a", "2017-04-07T08:30:00Z", -7),
            ("2017-04-07T03:30:00+0200 — a", "2017-04-07T01:30:00Z", 2),
            ("18:30:15.250 — a", "2017-04-07T01:30:15.25Z", -7),
            ("18:30Z — a", "2017-04-07T18:30:00Z", 0),
        ];
        for (item, want, offset_h) in cases {
            let t = one(item);
            assert_eq!(t.events.len(), 1, "{item}: {:?}", t.findings);
            assert_eq!(utc(&t.events[0].at), want, "{item}");
            assert_eq!(t.events[0].at.offset().seconds(), offset_h * 3600, "{item}");
            assert_eq!(t.events[0].text, "a", "{item}");
        }
    }

    #[test]
    fn every_separator_with_or_without_spaces() {
        for item in [
            "18:30 — a",
            "18:30 – a",
            "18:30 - a",
            "18:30: a",
            "18:30—a",
            "18:30–a",
            "18:30-a",
            "18:30:a",
            "18:30   —   a",
            "18:30 PDT—a",
            "18:30 a",
        ] {
            let t = one(item);
            assert_eq!(t.events.len(), 1, "{item}");
            assert_eq!(t.events[0].text, "a", "{item}");
            assert_eq!(utc(&t.events[0].at), "2017-04-07T01:30:00Z", "{item}");
            assert!(t.findings.is_empty(), "{item}");
        }
    }

    #[test]
    fn text_is_plain_with_inline_code_kept() {
        let t = one("18:30 — rolled back `deploy-42` on **api**, see [the log](x.md)\n  and paged");
        assert_eq!(
            t.events[0].text,
            "rolled back deploy-42 on api, see the log and paged"
        );
        let t = one("`18:31` — `kubectl` said no");
        assert_eq!(t.events[0].text, "kubectl said no");
        let t = one("18:30");
        assert_eq!(t.events[0].text, "");
    }

    #[test]
    fn day_rolls_over_after_midnight() {
        let t = run("## Timeline\n\n- 23:50 — a\n- 00:10 — b\n- 00:20 — c\n- 23:00 — d\n");
        let at: Vec<String> = t.events.iter().map(|e| e.at.to_string()).collect();
        assert_eq!(
            at,
            [
                "2017-04-06T23:50:00-07:00[-07:00]",
                "2017-04-07T00:10:00-07:00[-07:00]",
                "2017-04-07T00:20:00-07:00[-07:00]",
                "2017-04-07T23:00:00-07:00[-07:00]",
            ]
        );
        assert!(t.findings.is_empty(), "{:?}", t.findings);
        // A few minutes back is the same day, out of order, and said so.
        let t = run("## Timeline\n\n- 18:07 — a\n- 18:05–18:40 — b\n- 18:50 — c\n");
        let at: Vec<String> = t.events.iter().map(|e| e.at.to_string()).collect();
        assert_eq!(
            at,
            [
                "2017-04-06T18:07:00-07:00[-07:00]",
                "2017-04-06T18:05:00-07:00[-07:00]",
                "2017-04-06T18:50:00-07:00[-07:00]",
            ]
        );
        assert_eq!(codes(&t), ["timeline-order"]);
        // A day written alone between the lists dates the times under it.
        for day in ["2017-04-07", "**April 7**", "April 7th:"] {
            let t = run(&format!(
                "## Timeline\n\n- 18:07 — a\n\n{day}\n\n- 18:05 — b\n"
            ));
            assert_eq!(
                t.events[1].at.to_string(),
                "2017-04-07T18:05:00-07:00[-07:00]",
                "{day}"
            );
        }
    }

    #[test]
    fn explicit_dates_set_the_day_for_the_times_after_them() {
        let t = run("## Timeline\n\n- 18:30 — a\n- 2017-04-08 09:00 — b\n- 10:00 — c\n");
        assert_eq!(utc(&t.events[1].at), "2017-04-08T16:00:00Z");
        assert_eq!(utc(&t.events[2].at), "2017-04-08T17:00:00Z");
        assert!(t.findings.is_empty());
    }

    #[test]
    fn each_zone_abbreviation_has_its_offset() {
        let offsets = [
            ("UTC", 0),
            ("GMT", 0),
            ("Z", 0),
            ("PST", -480),
            ("PDT", -420),
            ("MST", -420),
            ("MDT", -360),
            ("CST", -360),
            ("CDT", -300),
            ("EST", -300),
            ("EDT", -240),
            ("CET", 60),
            ("CEST", 120),
            ("MEZ", 60),
            ("MESZ", 120),
            ("BST", 60),
            ("IST", 330),
            ("JST", 540),
            ("AEST", 600),
            ("AEDT", 660),
            ("WET", 0),
            ("WEST", 60),
            ("EET", 120),
            ("EEST", 180),
            ("MSK", 180),
            ("SGT", 480),
            ("HKT", 480),
            ("AWST", 480),
            ("KST", 540),
            ("NZST", 720),
            ("NZDT", 780),
            ("HST", -600),
            ("AKST", -540),
            ("AKDT", -480),
            ("BRT", -180),
            ("GST", 240),
            ("МСК", 180),
            ("TSİ", 180),
            ("TRT", 180),
            ("ICT", 420),
            ("WIB", 420),
            ("WITA", 480),
            ("WIT", 540),
            ("PHT", 480),
            ("PKT", 300),
            ("SEČ", 60),
            ("SELČ", 120),
            ("IDT", 180),
        ];
        assert_eq!(offsets.len(), ZONES.len());
        for (abbr, minutes) in offsets {
            let t = one(&format!("2017-04-06 18:30 {abbr} — a"));
            let at = &t.events[0].at;
            assert_eq!(at.offset().seconds(), minutes * 60, "{abbr}");
            let civil = parse_time("2017-04-06T18:30:00Z").unwrap().timestamp();
            let want = civil.as_second() - i64::from(minutes) * 60;
            assert_eq!(at.timestamp().as_second(), want, "{abbr}");
        }
        assert_eq!(
            utc(&one("18:30 PDT — a").events[0].at),
            "2017-04-07T01:30:00Z"
        );
    }

    #[test]
    fn known_zones_are_read_in_lower_case_before_a_separator() {
        let t = one("01:30 utc — a");
        assert_eq!(utc(&t.events[0].at), "2017-04-07T01:30:00Z");
        assert_eq!(t.events[0].text, "a");
    }

    #[test]
    fn a_zone_other_than_starteds_takes_starteds_date_in_that_zone() {
        let t = run("## Timeline\n\n- 01:45Z — a\n- 18:50 — b\n- 03:00 UTC — c\n");
        let at: Vec<String> = t.events.iter().map(|e| utc(&e.at)).collect();
        assert_eq!(
            at,
            [
                "2017-04-07T01:45:00Z",
                "2017-04-07T01:50:00Z",
                "2017-04-07T03:00:00Z"
            ]
        );
        assert!(t.findings.is_empty(), "{:?}", t.findings);
        assert_eq!(t.events[0].at.offset().seconds(), 0);
        assert_eq!(t.events[1].at.offset().seconds(), -7 * 3600);
    }

    #[test]
    fn times_without_a_zone_follow_starteds_iana_zone() {
        let started = "2017-04-06T18:00:00[America/Vancouver]";
        let t = run_with(
            "## Timeline\n\n- 18:30 — a\n- 18:30 JST — b\n",
            started,
            None,
        );
        assert_eq!(
            t.events[0].at.time_zone().iana_name(),
            Some("America/Vancouver")
        );
        assert_eq!(utc(&t.events[0].at), "2017-04-07T01:30:00Z");
        // The previous event is 2017-04-07 10:30 in JST, so 18:30 JST is that same day.
        assert_eq!(utc(&t.events[1].at), "2017-04-07T09:30:00Z");
        assert_eq!(t.events[1].at.offset().seconds(), 9 * 3600);
    }

    #[test]
    fn an_unknown_zone_leaves_the_event_out_rather_than_guess() {
        for item in ["18:30 XYZ — a", "18:30 ABCDE", "2017-04-06 18:30 QQ: a"] {
            let t = one(item);
            assert!(t.events.is_empty(), "{item}");
            assert_eq!(codes(&t), ["timeline-zone"], "{item}");
            let f = &t.findings[0];
            assert_eq!(f.level, Level::Warning);
            assert!(f.message.contains("abbreviation `"), "{}", f.message);
            assert!(f.help.as_deref().unwrap().contains("PDT, MST"));
        }
        // Capital letters followed by more text and no separator are text, and so is a
        // hyphenated word.
        let t = one("18:30 DNS was down");
        assert_eq!(t.events[0].text, "DNS was down");
        assert!(t.findings.is_empty());
        let t = one("02:19 OOM-killed (exit 137)");
        assert_eq!(t.events[0].text, "OOM-killed (exit 137)");
    }

    #[test]
    fn twelve_hour_times_and_regional_zones() {
        let cases = [
            ("6:30 PM — a", "2017-04-07T01:30:00Z"),
            ("6:30pm — a", "2017-04-07T01:30:00Z"),
            ("11:59 p.m. — a", "2017-04-07T06:59:00Z"),
            ("12:05 AM — a", "2017-04-06T07:05:00Z"),
            ("12:05 PM — a", "2017-04-06T19:05:00Z"),
            // PT follows Los Angeles' clock: daylight time in April.
            ("10:32 AM PT — a", "2017-04-06T17:32:00Z"),
            ("10:32 ET — a", "2017-04-06T14:32:00Z"),
        ];
        for (item, want) in cases {
            let t = one(item);
            assert_eq!(t.events.len(), 1, "{item}: {:?}", t.findings);
            assert_eq!(utc(&t.events[0].at), want, "{item}");
            assert_eq!(t.events[0].text, "a", "{item}");
        }
        let t = one("2017-01-10 10:32 AM PT — a");
        assert_eq!(
            utc(&t.events[0].at),
            "2017-01-10T18:32:00Z",
            "standard time in January"
        );
    }

    #[test]
    fn impossible_times_are_errors() {
        for item in [
            "25:61 — a",
            "99:99",
            "24:00 — a",
            "2017-02-30 18:00 — a",
            "2017-13-01T10:00Z — a",
            "2017-04-07T01:30:00+07:99 — a",
            "25:30 PM — a",
        ] {
            let t = one(item);
            assert!(t.events.is_empty(), "{item}");
            assert_eq!(codes(&t), ["timeline-time"], "{item}");
            assert_eq!(t.findings[0].level, Level::Error);
        }
        let t = one("2017-02-30 18:00 — a");
        assert_eq!(
            t.findings[0].message,
            "`2017-02-30 18:00` is not a valid date"
        );
        let t = one("25:61 — a");
        assert_eq!(t.findings[0].message, "`25:61` is not a valid time of day");
    }

    #[test]
    fn items_that_do_not_start_with_a_time_are_prose() {
        for item in [
            "Engineers were paged",
            "around 18:30 — a",
            "12: twelve",
            "1830 — a",
            "18.305 — a",
            "2017-04-06",
            "2017-04-06 — the day before",
        ] {
            let t = one(item);
            assert!(t.events.is_empty(), "{item}");
            assert_eq!(codes(&t), ["timeline-prose"], "{item}");
            let f = &t.findings[0];
            assert_eq!(f.level, Level::Warning);
            assert!(
                f.help
                    .as_deref()
                    .unwrap()
                    .contains("move it out of the list")
            );
        }
        assert!(
            one("2017-04-06").findings[0]
                .message
                .contains("date but no time")
        );
    }

    #[test]
    fn a_french_clock_is_read_and_a_duration_is_not() {
        let t = run(
            "## Chronologie\n\n## Timeline\n\n- 14h32 : les envois échouent\n- 15h05 : retour à la normale\n- 24h40m of retries\n",
        );
        let at: Vec<String> = (t.events.iter())
            .map(|e| format!("{} {}", e.at.strftime("%H:%M"), e.text))
            .collect();
        assert_eq!(
            at,
            ["14:32 les envois échouent", "15:05 retour à la normale"]
        );
    }

    #[test]
    fn a_code_block_of_timed_lines_gives_events() {
        let t = run(
            "## Timeline\n\n```\n2017-04-06 18:10:04 UTC  deploy of auth 4.2 starts\n  (stack trace)\n2017-04-06 18:14:40 UTC  alert fired: login errors\n```\n\nAfter `18:20` we rolled back.\n",
        );
        let at: Vec<String> = (t.events.iter())
            .map(|e| format!("{} {}", e.at.strftime("%H:%M:%S"), e.text))
            .collect();
        assert_eq!(
            at,
            [
                "18:10:04 deploy of auth 4.2 starts",
                "18:14:40 alert fired: login errors"
            ]
        );
    }

    #[test]
    fn a_time_in_brackets_as_a_slack_thread_shows_it_is_read() {
        let t = run(
            "## Timeline\n\n- [10:14 AM] maya: checkout p95 is 4 s\n- [10:21 AM] lee: rolled back\n- [link] not a time\n",
        );
        let at: Vec<String> = (t.events.iter())
            .map(|e| format!("{} {}", e.at.strftime("%H:%M"), e.text))
            .collect();
        assert_eq!(
            at,
            ["10:14 maya: checkout p95 is 4 s", "10:21 lee: rolled back"]
        );
    }

    #[test]
    fn a_range_of_times_in_a_table_is_its_first_in_the_columns_zone() {
        let t = run(
            "## Timeline\n\n| Time (CEST) | What |\n|---|---|\n| 16:02 | provider errors |\n| 16:02–16:05 | retries pile up |\n| 16:06-16:08 | rate limited |\n| 16:14 | alert fired |\n",
        );
        let at: Vec<String> = (t.events.iter())
            .map(|e| e.at.strftime("%d %H:%M %:z").to_string())
            .collect();
        assert_eq!(
            at,
            [
                "07 16:02 +02:00",
                "07 16:02 +02:00",
                "07 16:06 +02:00",
                "07 16:14 +02:00"
            ]
        );
    }

    #[test]
    fn a_timeline_under_another_section_or_a_label_is_read() {
        let t = run(
            "## Narrative\n\nIt began with a flag.\n\n### Timeline\n\n- 18:00 — flag flipped\n- 18:05 — alert fired\n\n### Analysis\n\n- 19:00 — not an event of the timeline\n",
        );
        assert_eq!(t.events.len(), 2, "{:?}", t.events);
        // The zone in the subheading's brackets.
        let t = run("## Narrative\n\n### Timeline (CET)\n\n- 07:58 cert expires\n");
        assert_eq!(t.events[0].at.offset().seconds(), 3600);
        let t = run(
            "## Overview\n\n**Timeline (UTC)**\n\n| Time | Event |\n|---|---|\n| 18:00 | deploy |\n| 18:30 | all clear |\n\n**Root cause**\n\n- 19:00 — not an event\n",
        );
        assert_eq!(t.events.len(), 2, "{:?}", t.events);
        // A Word document exported to Markdown: the label a bold line, an event a paragraph.
        let source = "__Summary__\n\nRun halted.\n\n__Timeline__\n\nAll times are British Summer Time \\(BST\\) unless stated\\.\n\n02:00 \\- Nightly billing run starts\\.\n\n02:41 \\- File 3 submitted\\.<br>\n02:47 \\- File 3 resubmitted\\.\n\n__Root cause__\n\n03:00 \\- not an event\\.\n";
        let mut body = Body::parse(source, &SectionMatcher::new(&Default::default()));
        body.keep_only_what_the_model_reads();
        let entries = &labelled_timelines(&body, source, false)[0].1;
        let texts: Vec<&str> = entries.iter().map(|e| e.1.as_ref()).collect();
        assert_eq!(
            texts,
            [
                "02:00 - Nightly billing run starts.",
                "02:41 - File 3 submitted.",
                "02:47 - File 3 resubmitted."
            ]
        );
        // Folded on GitHub: `<details><summary>Timeline (CET)</summary>`, the list, then
        // `</details>`; what follows the fold is no event, nor is a fold of something else.
        let t = run(
            "## Summary\n\nQueue stalled.\n\n<details>\n<summary><b>Timeline</b> (CET)</summary>\n\n- 14:02 upgrade started\n- 14:25 alert fired\n\n</details>\n\n- 19:00 not an event\n\n<details><summary>Logs</summary>\n\n- 20:00 not one either\n\n</details>\n",
        );
        assert_eq!(t.events.len(), 2, "{:?}", t.events);
        assert_eq!(t.events[0].at.offset().seconds(), 3600);
        // A fold whose summary dates it (a blog post published days later): its times are
        // on that day, and those after them follow on.
        let t = run_in(
            "## Detection\n\nSupport escalated.\n\n<details>\n<summary>Full timeline (all times UTC, May 28, 2024)</summary>\n\n| Time | Event |\n|---|---|\n| 23:52 | PR merged. |\n| 00:05 | Impact begins. |\n\n</details>\n",
            None,
            None,
        );
        let days: Vec<String> = (t.events.iter()).map(|e| e.at.date().to_string()).collect();
        assert_eq!(days, ["2024-05-28", "2024-05-29"]);
        // With a start to the minute, a date in the heading is another's.
        let t = run_with(
            "## Timeline\n\n### Detailed timeline (last reviewed 2024-04-02)\n\n- 18:10 — deploy\n- 18:30 — rolled back\n",
            STARTED,
            None,
        );
        let days: Vec<String> = (t.events.iter()).map(|e| e.at.date().to_string()).collect();
        assert_eq!(days, ["2017-04-06", "2017-04-06"]);
    }

    #[test]
    fn a_subheadings_zone_note_is_the_zone_of_the_times_under_it() {
        // Two offices hand over: Prague's times in CET, Boston's in EDT (5 hours apart that
        // week); a day heading between them ends the Boston block.
        let t = run(
            "## Timeline\n\n### Day 1\n\n#### Prague shift (times CET)\n\n- 09:12 — failures begin\n- 16:00 — handover\n\n#### Boston shift (times EDT)\n\n- 11:00 — handover call\n- 17:30 — monitoring\n\n### Day 2\n\n#### Prague shift (times CET)\n\n- 08:50 — failures return\n",
        );
        let utc: Vec<String> = (t.events.iter())
            .map(|e| {
                e.at.with_time_zone(TimeZone::UTC)
                    .strftime("%d %H:%M")
                    .to_string()
            })
            .collect();
        assert_eq!(
            utc,
            ["07 08:12", "07 15:00", "07 15:00", "07 21:30", "08 07:50"]
        );
    }

    #[test]
    fn a_time_written_out_of_order_the_evening_before_stays_that_evening() {
        let t = run_with(
            "## Timeline\n\n- 2024-03-04 21:00 UTC — deploy\n- 21:30 — canary green\n- 21:25 — (backfilled) config pushed\n- 09:05 — traffic ramps\n- 09:20 — alert fires\n",
            "2024-03-05T09:00:00Z",
            None,
        );
        let days: Vec<String> = (t.events.iter())
            .map(|e| e.at.strftime("%d %H:%M").to_string())
            .collect();
        assert_eq!(
            days,
            ["04 21:00", "04 21:30", "04 21:25", "05 09:05", "05 09:20"]
        );
    }

    #[test]
    fn window_warnings_say_by_how_much_and_allow_equality() {
        let body = "## Timeline\n\n- 17:46 — a\n- 18:00 — b\n- 19:00 — c\n- 21:05:30 — d\n";
        let t = run_with(body, STARTED, Some("2017-04-06T19:00:00-07:00"));
        assert_eq!(t.events.len(), 4);
        assert_eq!(codes(&t), ["timeline-window", "timeline-window"]);
        assert!(
            t.findings[0]
                .message
                .contains("14 min before `started` (2017-04-06T18:00:00-07:00)"),
            "{}",
            t.findings[0].message
        );
        assert_eq!(pos_of(&t.findings[0]).line, 6);
        assert!(
            t.findings[1].message.contains("2 h 5 min after `resolved`"),
            "{}",
            t.findings[1].message
        );
        assert_eq!(pos_of(&t.findings[1]).line, 9);
        // A `resolved` to the minute covers its minute.
        let body = "## Timeline\n\n- 18:00 — a\n- 19:00:30 — fixed\n- 19:01:00 — closed\n";
        let t = run_with(body, STARTED, Some("2017-04-06T19:00:00-07:00"));
        assert_eq!(codes(&t), ["timeline-window"]);
        assert_eq!(pos_of(&t.findings[0]).line, 8);
    }

    #[test]
    fn an_explicit_date_earlier_than_the_previous_event_is_out_of_order() {
        let body = "## Timeline\n\n- 18:30 — a\n- 2017-04-06 18:10 — b\n";
        let t = run(body);
        assert_eq!(t.events.len(), 2);
        assert_eq!(codes(&t), ["timeline-order"]);
        assert_eq!(
            t.findings[0].message,
            "this event is 20 min earlier than the previous one (line 6)"
        );
        assert_eq!(t.findings[0].level, Level::Warning);
    }

    #[test]
    fn only_the_timeline_section_is_read() {
        let body = "- 01:00 — before any section\n\n## Summary\n\n- 02:00 — not timeline\n\n\
                    ## timeline\n\n### Day one\n\n- 18:30 — a\n\n## Five whys\n\n1. 03:00 — no\n\n\
                    # Appendix\n\n- 04:00 — no\n";
        let t = run(body);
        let texts: Vec<&str> = t.events.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["a"]);
        assert!(t.findings.is_empty());
    }

    #[test]
    fn section_aliases_count() {
        let mut aliases = std::collections::BTreeMap::new();
        aliases.insert("timeline".to_string(), vec!["Chronology".to_string()]);
        let text = format!("{FRONT}## Chronology\n\n- 18:30 — a\n");
        let mut f = SourceFile::new("content/incidents/x.md".into(), "x.md".into(), text);
        f.split_front_matter().unwrap();
        let started = parse_time(STARTED).unwrap();
        let body = Body::parse(f.body(), &SectionMatcher::new(&aliases));
        let window = Window {
            started: Some(&started),
            day: None,
            zone: TimeZone::UTC,
            resolved: None,
        };
        let t = parse(&f, &body, window);
        assert_eq!(t.events.len(), 1);
    }

    #[test]
    fn nested_and_loose_items_count_by_their_own_first_text() {
        let body = "## Timeline\n\n- 18:30 — a\n  - 18:35 — b\n  - c\n\n  more of a\n\n\
                    - 18:40 — d\n\n  second paragraph\n\n- \n  - 18:50 — e\n";
        let t = run(body);
        let texts: Vec<&str> = t.events.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["a", "b", "d", "e"]);
        // `c`, nested without a time, is a detail of the event above it.
        assert!(codes(&t).is_empty(), "{:?}", codes(&t));
    }

    #[test]
    fn dates_with_the_year_last_are_read_in_the_order_the_timeline_shows() {
        let texts = |body: &str| -> Vec<String> {
            run(body)
                .events
                .iter()
                .map(|e| e.at.strftime("%Y-%m-%d %H:%M").to_string())
                .collect()
        };
        // 17 can only be a day: the whole timeline is day first, 06-11 too.
        assert_eq!(
            texts(
                "## Timeline\n\n* 06-11-2023 08:30 - Users complained.\n* 17-11-2023 14:00 - Fixed.\n"
            ),
            ["2023-11-06 08:30", "2023-11-17 14:00"]
        );
        // Month first where a number over 12 says so; a separator between date and time.
        assert_eq!(
            texts(
                "## Timeline\n\n- 11/06/2023 - 08:30 - Users complained.\n- 11/17/2023 - 14:00 - Fixed.\n"
            ),
            ["2023-11-06 08:30", "2023-11-17 14:00"]
        );
        // Nothing tells: `-` is read day first, `/` is not guessed.
        assert_eq!(
            texts("## Timeline\n\n- 06-11-2023 08:30 — a\n"),
            ["2023-11-06 08:30"]
        );
        let slashed = run("## Timeline\n\n- 06/11/2023 08:30 — a\n");
        assert!(slashed.events.is_empty());
        assert_eq!(codes(&slashed), ["timeline-prose"]);
    }

    #[test]
    fn dates_with_the_month_named_take_their_year_from_the_events_around_them() {
        let stamps = |body: &str| -> Vec<String> {
            run(body)
                .events
                .iter()
                .map(|e| e.at.strftime("%Y-%m-%d %H:%M").to_string())
                .collect()
        };
        // `run` starts the incident on 2017-04-06.
        assert_eq!(
            stamps(
                "## Timeline\n\n| Time | Event |\n|---|---|\n| Apr 6, 10:18 AM | A customer wrote in |\n| Apr 7, 5:33 PM | A fix was released |\n"
            ),
            ["2017-04-06 10:18", "2017-04-07 17:33"]
        );
        assert_eq!(
            stamps(
                "## Timeline\n\n- **Dec 31 23:50** - x\n- **Jan 1 – 00:10 UTC** - y\n- November 24, 2025 – 06:12 UTC – z\n- 6th Nov 2023 11:10 - w\n"
            ),
            [
                "2017-12-31 23:50",
                "2018-01-01 00:10",
                "2025-11-24 06:12",
                "2023-11-06 11:10"
            ],
            "the next year after December"
        );
        assert_eq!(
            stamps(
                "## Timeline\n\n- Mon 15 Feb, 18:40 — x\n- Tue 16 Feb, 07:31 — y\n- Wednesday, March 3 10:00 — z\n"
            ),
            ["2017-02-15 18:40", "2017-02-16 07:31", "2017-03-03 10:00"],
            "a day of the week before the date"
        );
        assert_eq!(
            stamps(
                "## Timeline\n\n* 11:10 6th Nov 2023 - commit merged\n* 10:00 7th Nov 2023 - noticed\n* 2:05pm Nov 7 - fixed\n* 14:30 3 engineers joined\n"
            ),
            [
                "2023-11-06 11:10",
                "2023-11-07 10:00",
                "2023-11-07 14:05",
                "2023-11-07 14:30"
            ],
            "the time before its date; a number after the time that is no date is the text's"
        );
        // Not a month: a clock's hour stays a clock.
        assert_eq!(
            stamps("## Timeline\n\n- Dec 10:00 — x\n"),
            Vec::<String>::new()
        );
        let feb30 = run("## Timeline\n\n- Feb 30 10:00 — x\n");
        assert!(feb30.events.is_empty());
        assert_eq!(codes(&feb30), ["timeline-time"]);
    }

    #[test]
    fn events_written_as_headings_lines_and_under_day_headings_are_read() {
        let stamps = |body: &str| -> Vec<(String, String)> {
            let t = run(body);
            assert!(t.findings.is_empty(), "{:?}", codes(&t));
            (t.events.iter())
                .map(|e| (e.at.strftime("%m-%d %H:%M").to_string(), e.text.clone()))
                .collect()
        };
        let ev = |at: &str, text: &str| (at.to_string(), text.to_string());
        // One event per heading, its text the paragraph under it (2i2c's reports).
        assert_eq!(
            stamps(
                "## Timeline\n\n### 6:11 PM\nIncident declared\n\n### 6:40 PM\n\nIncident resolved.\n\n### Notes\n\nNot an event.\n"
            ),
            [
                ev("04-06 18:11", "Incident declared"),
                ev("04-06 18:40", "Incident resolved.")
            ]
        );
        // One per line, the time alone on its line or before its text; hard-broken lines.
        assert_eq!(
            stamps(
                "## Timeline\n\n_All times in PDT_\n\n18:03\nFirst alert fires\nfor the API\n\n18:05\nEngineers acknowledge\n\n**18:12** – rolled back  \n**18:30** – all clear\n"
            ),
            [
                ev("04-06 18:03", "First alert fires for the API"),
                ev("04-06 18:05", "Engineers acknowledge"),
                ev("04-06 18:12", "rolled back"),
                ev("04-06 18:30", "all clear"),
            ]
        );
        // A `##` day heading inside the timeline dates the events under it; past midnight they
        // roll over as usual.
        assert_eq!(
            stamps(
                "## Timeline\n\n## April 6\n\n### 23:00\n\nLogs read\n\n### 00:40\n\nA fix found\n\n## April 8\n\n- 09:00 — released\n"
            ),
            [
                ev("04-06 23:00", "Logs read"),
                ev("04-07 00:40", "A fix found"),
                ev("04-08 09:00", "released"),
            ]
        );
        // A day on a line of its own dates the time after it.
        assert_eq!(
            stamps(
                "## Timeline\n\n7th April 2017:   \n16:42: app hash mismatch   \n21:18: back up\n"
            ),
            [
                ev("04-07 16:42", "app hash mismatch"),
                ev("04-07 21:18", "back up")
            ]
        );
        // A table's `Date` column over its `Day` (of the week), and the year in its header.
        assert_eq!(
            stamps(
                "## Timeline\n\n| Day | Date (2017) | Time | Event |\n|---|---|---|---|\n| Fri | Apr 7 | 02:34 | A charge reported |\n"
            ),
            [ev("04-07 02:34", "A charge reported")]
        );
        // The heading event points at its time.
        let t = run("## Timeline\n\n### 18:20\nDeploy\n");
        assert_eq!(
            (t.events[0].pos.line, t.events[0].pos.col),
            (6, 5),
            "line 3 of the body"
        );
    }

    #[test]
    fn a_24_hour_time_with_am_or_pm_and_a_year_before_a_colon_are_read() {
        let t = run(
            "## Timeline\n\n- 13:55 PM PDT Saturday Apr 8th: alarms fire\n- 23:00 AM PDT - still down\n- 06:15 AM Apr 09, 2017: npm yanks them\n",
        );
        assert!(t.findings.is_empty(), "{:?}", codes(&t));
        let got: Vec<String> = (t.events.iter())
            .map(|e| format!("{} {}", e.at.strftime("%m-%d %H:%M"), e.text))
            .collect();
        assert_eq!(
            got,
            [
                "04-08 13:55 alarms fire",
                "04-08 23:00 still down",
                "04-09 06:15 npm yanks them"
            ]
        );
    }

    #[test]
    fn a_leap_second_is_the_second_before_it_and_the_times_after_it_are_the_next_day() {
        let t = run("## Timeline\n\n- 23:59:60 — leap second\n- 00:01 — load alerts\n");
        assert!(t.findings.is_empty(), "{:?}", codes(&t));
        let got: Vec<String> = (t.events.iter())
            .map(|e| e.at.strftime("%m-%d %H:%M:%S").to_string())
            .collect();
        assert_eq!(got, ["04-06 23:59:59", "04-07 00:01:00"]);
    }

    #[test]
    fn times_without_a_day_in_an_undated_incident_are_one_warning() {
        let body = "## Timeline\n\n- 16:52 — alerts\n- 17:00 — page\n- 18:00 — fixed\n";
        let t = run_in(body, None, None);
        assert!(t.events.is_empty());
        assert_eq!(codes(&t), ["timeline-prose"]);
        assert_eq!(
            t.findings[0].message,
            "`16:52` and 2 more times have no date, and the incident has no `started` day to put them on"
        );
    }

    #[test]
    fn a_timeline_told_as_prose_is_one_warning() {
        let t = run(
            "## Timeline\n\nOn the first day:\n\n- The cache filled up\n- Pods restarted\n- Nobody was paged\n",
        );
        assert!(t.events.is_empty());
        assert_eq!(codes(&t), ["timeline-prose"]);
        assert!(
            t.findings[0].message.contains("none of the 3 items"),
            "{}",
            t.findings[0].message
        );
    }

    #[test]
    fn positions_point_at_the_time_in_the_file() {
        let body = "Intro.\n\n## Timeline\n\n- 18:30 — a\n  - 18:35 — b\n* **18:40** — c\n- `18:45` — d\n- [ ] 18:50 — é\n- é — prose\n";
        let t = run(body);
        let pos: Vec<(usize, usize)> = t.events.iter().map(|e| (e.pos.line, e.pos.col)).collect();
        assert_eq!(pos, [(8, 3), (9, 5), (10, 5), (11, 4), (12, 7)]);
        assert_eq!(pos_of(&t.findings[0]), Pos::new(13, 3));
        let crlf = run(&body.replace('\n', "\r\n"));
        let crlf_pos: Vec<Pos> = crlf.events.iter().map(|e| e.pos).collect();
        assert_eq!(crlf_pos, t.events.iter().map(|e| e.pos).collect::<Vec<_>>());
        // No front matter offset when the body is the whole file.
        let mut f = SourceFile::new(
            "x.md".into(),
            "x.md".into(),
            "## Timeline\n\n- 9:00 — a\n".into(),
        );
        f.front_matter = None;
        let started = parse_time(STARTED).unwrap();
        let body = Body::parse(f.body(), &SectionMatcher::new(&Default::default()));
        let window = |started| Window {
            started,
            day: None,
            zone: TimeZone::UTC,
            resolved: None,
        };
        let t = parse(&f, &body, window(Some(&started)));
        assert_eq!(t.events[0].pos, Pos::new(3, 3));
        // Without a start, a time with no date cannot be placed, until an event gives a date.
        let body = Body::parse(
            "## Timeline\n\n- 9:00 — a\n- 2017-04-06 18:30 — b\n- 18:40 — c\n",
            &SectionMatcher::new(&Default::default()),
        );
        let t = parse(&f, &body, window(None));
        assert_eq!(codes(&t), ["timeline-prose"]);
        let texts: Vec<&str> = t.events.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["b", "c"]);
        assert_eq!(utc(&t.events[1].at), "2017-04-06T18:40:00Z");
        // A day alone places times on that day, in the KB's zone.
        let t = parse(
            &f,
            &Body::parse(
                "## Timeline\n\n- 9:00 — a\n",
                &SectionMatcher::new(&Default::default()),
            ),
            Window {
                day: Some(jiff::civil::date(2017, 4, 6)),
                zone: TimeZone::get("Europe/Lisbon").unwrap(),
                ..window(None)
            },
        );
        assert_eq!(utc(&t.events[0].at), "2017-04-06T08:00:00Z");
        // In a zone west of UTC it is still that day, not the evening before.
        let on_day = |md: &str| {
            parse(
                &f,
                &Body::parse(md, &SectionMatcher::new(&Default::default())),
                Window {
                    day: Some(jiff::civil::date(2026, 9, 8)),
                    ..window(None)
                },
            )
        };
        let t = on_day("## Timeline\n\n- 04:44 EDT — feature enabled\n");
        assert_eq!(utc(&t.events[0].at), "2026-09-08T08:44:00Z");
        let t = on_day(
            "## Timeline\n\n| Time (EDT) | Event |\n|---|---|\n| 14:44 | enabled |\n| 2026-09-08 ~15:00 | failed |\n",
        );
        let at: Vec<String> = t.events.iter().map(|e| utc(&e.at)).collect();
        assert_eq!(
            at,
            ["2026-09-08T18:44:00Z", "2026-09-08T19:00:00Z"],
            "and ~ after a date"
        );
        // A block explorer's timestamp.
        let t = on_day("## Timeline\n\n- Feb-08-2021 06:17:19 PM +UTC — attack started\n");
        assert_eq!(utc(&t.events[0].at), "2021-02-08T18:17:19Z");
    }

    #[test]
    fn durations_read_naturally() {
        let d = SignedDuration::from_secs;
        assert_eq!(span_text(d(0)), "less than a second");
        assert_eq!(span_text(d(45)), "45 s");
        assert_eq!(span_text(d(14 * 60)), "14 min");
        assert_eq!(span_text(d(3600 + 30)), "1 h");
        assert_eq!(span_text(d(2 * 86_400 + 3600 * 3 + 5)), "2 days 3 h");
        assert_eq!(span_text(d(-86_400)), "1 day");
    }

    #[test]
    fn odd_input_never_panics() {
        let odd = [
            "",
            "-",
            "—",
            "🔥",
            "🔥 18:30 — x",
            "12:",
            "99:99",
            "2017-04-06",
            "2017-04-06T",
            "2017-04-06T25:00",
            "9999-12-31 23:59 — end",
            "9999-12-31T23:59+25:59",
            "-9999-01-01 00:00",
            "0000-01-01 00:00 — x",
            "18:30:",
            "18:30:6",
            "18:30:15.",
            "18:30:15.1234567890",
            "18:30 \u{a0}PDT — x",
            "18:30\u{a0}— x",
            "18:30 ZZZZZZ",
            "18:30 Z",
            "18:30 é",
            "`",
            "``",
            "*18:30*",
            "\\18:30",
            "18:30 [[b]]",
            "<b>18:30</b>",
        ];
        for item in odd {
            let _ = one(item);
            let _ = run(&format!(
                "## Timeline\n\n{item}\n\n- {item}\n  - {item}\n> - {item}\n"
            ));
        }
        let long = format!("18:30 — {}", "x🔥".repeat(20_000));
        assert_eq!(one(&long).events.len(), 1);
        let _ = one(&"1".repeat(50_000));
        let _ = one(&"18:30 ".repeat(10_000));
    }

    #[test]
    fn fuzzed_bodies_never_panic() {
        let parts = [
            "18",
            ":",
            "30",
            "15",
            " ",
            "—",
            "–",
            "-",
            "Z",
            "T",
            "PDT",
            "XYZ",
            "am",
            "2017-04-06",
            "+07:00",
            "\n",
            "\n- ",
            "\n  - ",
            "\n\n",
            "## Timeline\n",
            "## Impact\n",
            "`",
            "*",
            "🔥",
            "é",
            ".",
            "9",
            "[",
            "]",
            "\r\n",
            "> ",
            "\t",
            "1. ",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..3000 {
            let mut body = String::from("## Timeline\n\n- ");
            for _ in 0..24 {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let i = usize::try_from(seed >> 33).unwrap() % parts.len();
                body.push_str(parts[i]);
            }
            let t = run_with(&body, STARTED, Some("2017-04-06T20:00:00-07:00"));
            for e in &t.events {
                assert!(e.pos.line >= 4);
            }
        }
    }
}
