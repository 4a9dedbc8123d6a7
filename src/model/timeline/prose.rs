//! Times told in prose: a body with no timeline events (no Timeline list or table with a time,
//! no front matter `timeline:`, no status updates) -> the sentences of its paragraphs and list
//! items that say when something happened (`Our monitoring detected the increase in errors at
//! 14:05 UTC`, `At 2:19 p.m. our alert fired and paged Jamal`), each an entry `time — clause` at
//! the time's offset in the body, as public write-ups, essays and blog posts tell an incident.
//!
//! A time is a clock with minutes (`14:05`, `4:17 PM EDT`, `1:52 p.m.`) after a word times
//! follow (`at`, `by`, `since`...), or saying its half of the day or its zone, or opening its
//! clause. A sentence that gives a window (`between 14:02 and 15:31 UTC`), a schedule (`every
//! night at 02:00`, `scheduled for 14:15`), a plan or what would have been (`will`, `we'd have
//! paged at`), or another day (`the next day at 10:00`) is no event; nor is a duration (`took
//! 2:30 hours`), a time something lasted until (`stale until ~04:15`), one in quotes (someone's
//! words), or an email's header. A sentence with several times is cut into its clauses, one per
//! time. A date the sentence names with its year (`On Thursday, March 21, 2024, at 1:52 p.m.`)
//! dates its entry; a zone said once is the zone of the times around it; a one-digit clock
//! without `am`/`pm` after ten o'clock is the afternoon's.

use super::{Cursor, read_clock, read_meridiem};
use crate::load::body::Body;
use crate::load::sections::sentence_end;

/// Fewer entries than this are not a story told in time: one time in a whole write-up (`the
/// review was held at 10:00`) is left unread.
const AT_LEAST: usize = 2;

/// Phrases of a sentence (matched as written, in lower case) that tell a schedule, a plan or
/// what would have been, not a moment of the incident. (`Will Chen deployed`, `pages would
/// not load`, `the nightly build` are moments.)
const NOT_A_MOMENT: &[&str] = &[
    "every day",
    "every night",
    "every morning",
    "every evening",
    "every afternoon",
    "every hour",
    "every week",
    "every month",
    "each night",
    "each day",
    "runs daily",
    "runs nightly",
    "runs hourly",
    "runs at",
    "runs every",
    "daily at",
    "nightly at",
    "scheduled for",
    "scheduled at",
    "planned for",
    "planned at",
    " will ",
    "we'll ",
    " would have ",
    " would've ",
    "we'd have ",
    "'d have ",
    " should have ",
    " could have ",
];

/// Phrases that put a sentence on another day than the incident's (`We held the review the
/// next day at 10:00`, `Last Tuesday at 10:00 we had a near miss`): its time is left out,
/// unless the sentence gives its date.
const OTHER_DAY: &[&str] = &[
    "next day",
    "following day",
    "previous day",
    "day before",
    "day after",
    "night before",
    "next morning",
    "following morning",
    "yesterday",
    "tomorrow",
    "last week",
    "next week",
    "week before",
    "days later",
    "days earlier",
    "days before",
    "last monday",
    "last tuesday",
    "last wednesday",
    "last thursday",
    "last friday",
    "last saturday",
    "last sunday",
];

/// The words a time of day follows in prose (`at 14:05`, `by 15:07`, `around 4:30 PM`):
/// a number after another word (`api 2:14`, `took 2:30`, `John 3:16`) is no time, unless it
/// says its half of the day or its zone, or opens its sentence or clause.
const BEFORE_A_TIME: &[&str] = &[
    "at",
    "between",
    "by",
    "around",
    "about",
    "approximately",
    "approx",
    "roughly",
    "circa",
    "ca",
    "since",
    "from",
    "after",
    "till",
    "until",
    "before",
    "and",
    "to",
];

/// Words after a number that make it a duration (`took 2:30 hours`, `0:20 after the deploy`).
const AFTER_A_DURATION: &[&str] = &[
    "hours", "hour", "hrs", "hr", "h", "minutes", "minute", "mins", "min", "after", "later",
    "earlier", "long",
];

/// Words after a time that make it a window's first end (`14:02 and 15:31`, `1:50 p.m. to
/// 2:04 p.m.`).
const WINDOW_JOINS: &[&str] = &["and ", "to ", "until ", "till ", "through ", "-", "–", "—"];

/// The entries the prose of `source` (a body, code blanked by `body`) tells, as (offset of the
/// time in the body, `date time — sentence`); none when fewer than [`AT_LEAST`].
pub(super) fn entries(body: &Body, source: &str) -> Vec<(usize, String)> {
    let masked = body.prose(source);
    // The prose is the source byte for byte, code blanked: the same offsets.
    if masked.len() != source.len() {
        return Vec::new();
    }
    let mut out: Vec<Told> = Vec::new();
    // A zone said once (`At 11:02 AM Eastern, ...`) is the zone of the times after it.
    let mut zone = None;
    for (start, end) in blocks(&masked) {
        // A newline becomes a space: one byte for one, so offsets stay the source's.
        let block = masked[start..end].replace('\n', " ");
        // The text as written, code included, read where the prose (code blanked) says.
        let written = source[start..end].replace('\n', " ");
        // A block that starts with its time is an entry whole, as a timeline's line is.
        if super::read_written(&block, super::DateOrder::Unsure).is_ok() {
            // Its zone, when it gives none, goes after its clock (`[11:52 AM ET] ...`).
            let clock = clocks(&block, false)
                .into_iter()
                .next()
                .filter(|c| c.start <= 1);
            let own = clock.as_ref().and_then(|c| c.zone);
            zone = own.or(zone);
            let (time, rest, its_zone) = match &clock {
                Some(c) if own.is_none() => (&written[..c.end], &written[c.end..], zone),
                _ => (written.as_str(), "", Some("")),
            };
            out.push(Told {
                offset: start,
                time: time.to_string(),
                zone: its_zone,
                clause: rest.to_string(),
                whole: true,
                bare_hour: None,
                hour: clock.as_ref().map_or(0, |c| c.hour),
            });
            continue;
        }
        let mut from = 0;
        let mut quotes = 0;
        while from < block.len() {
            let end_of = sentence_end(&block[from..], true).map_or(block.len(), |e| from + e + 1);
            let said = Said {
                prose: &block[from..end_of],
                written: &written[from..end_of],
                offset: start + from,
                quoted: quotes % 2 == 1,
            };
            sentence(&said, &mut zone, &mut out);
            quotes += said.prose.matches(QUOTES).count();
            from = end_of;
        }
    }
    if out.len() < AT_LEAST {
        return Vec::new();
    }
    // `At 11:40 the deploy went out ... errors stopped at 1:05`: a clock of one digit without
    // `am` or `pm` after a time from 10 o'clock on is the afternoon's, as the story goes on.
    let mut previous: Option<i64> = None;
    for t in &mut out {
        if let (Some(h), Some(p)) = (t.bare_hour, previous)
            && (1..=9).contains(&h)
            && p >= 10
        {
            t.time.push_str(" pm");
            t.hour = h + 12;
        }
        previous = Some(t.hour);
    }
    // The times before the first that gives its zone are in that zone too (a chat's `11:52 AM`
    // above `When: 8:10 AM – 11:25 AM CET`).
    let first = out.iter().find_map(|t| t.zone.filter(|z| !z.is_empty()));
    (out.into_iter())
        .map(|t| {
            let text = match (t.zone.or(first), t.whole) {
                (Some(""), true) | (None, true) => format!("{}{}", t.time, t.clause),
                (Some(z), true) => format!("{} {z}{}", t.time, t.clause),
                (Some(z), false) => format!("{} {z} — {}", t.time, t.clause),
                (None, false) => format!("{} — {}", t.time, t.clause),
            };
            (t.offset, text)
        })
        .collect()
}

/// A sentence: its prose (code blanked), as written, and where it starts in the body.
struct Said<'a> {
    prose: &'a str,
    written: &'a str,
    offset: usize,
    /// Whether it starts inside a quote opened in an earlier sentence of its paragraph.
    quoted: bool,
}

/// An entry the prose tells.
struct Told {
    /// Where its time is in the body.
    offset: usize,
    /// The time as written, after the day its sentence names (`2024-03-21 1:52 p.m.`); or the
    /// start of a line that starts with its time, to its clock's end (`[11:52 AM`).
    time: String,
    /// The zone it is in, its own or that of a time before it; `Some("")` for a line whose
    /// zone is its own business (written after its clock, or none to be added).
    zone: Option<&'static str>,
    /// The clause; or the rest of the line (`] PagerDuty: ...`).
    clause: String,
    /// Whether it is a line that starts with its time.
    whole: bool,
    /// Its hour as written, when it is a clock of one digit without `am` or `pm` (`1:05`).
    bare_hour: Option<i64>,
    /// Its hour on the 24-hour clock as far as it says (`12:20` 12, `1:05` 1, `1:05 PM` 13).
    hour: i64,
}

/// The byte ranges of the prose blocks of `text`: paragraphs, and each list item on its own
/// (its marker blanked), not headings, tables, quotes or rules.
fn blocks(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let mut at = 0;
    // The last character of the last line with any, kept as the lines go (looking back
    // from each line would be quadratic in a run of blank lines).
    let mut last: Option<char> = None;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let t = body.trim_start();
        let lead = body.len() - t.len();
        let rule = !t.is_empty() && t.chars().all(|c| matches!(c, '-' | '=' | '*' | '_' | ' '));
        let skip = t.is_empty() || t.starts_with(['#', '|', '>', '<']) || rule;
        // An email's headers (`Date: Wed, 12 Feb 2014 10:47:03 +0000`): when it was sent.
        let header = ["Date:", "Sent:", "From:", "To:", "Cc:", "Subject:"]
            .iter()
            .any(|h| t.starts_with(h));
        let skip = skip || header;
        let marker = list_marker(t);
        // `[11:52 AM] PagerDuty: ...`, a chat pasted line by line: each line that starts with
        // a time in brackets, or with a time after a sentence's end, starts a block (not a
        // sentence's time wrapped to the start of a line: `sent at` / `18:02 UTC.`).
        let after_a_sentence = last.is_some_and(|c| matches!(c, '.' | '!' | '?' | ':'));
        let chat = (t.starts_with('[') || after_a_sentence) && super::timed(t);
        if skip || marker.is_some() || chat {
            out.extend(open.take());
        }
        if !skip {
            let from = at + lead + marker.unwrap_or(0);
            let to = at + body.len();
            open = Some(match open {
                Some((s, _)) => (s, to),
                None => (from, to),
            });
        }
        at += line.len();
        last = body.trim_end().chars().next_back().or(last);
    }
    out.extend(open);
    out.retain(|(s, e)| e > s);
    out
}

/// The length of a list item's marker and the spaces after it (`- `, `* `, `12. `), if the
/// line starts with one.
fn list_marker(t: &str) -> Option<usize> {
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let after = if t.starts_with(['-', '*', '+']) {
        &t[1..]
    } else if (1..=3).contains(&digits) && t[digits..].starts_with(['.', ')']) {
        &t[digits + 1..]
    } else {
        return None;
    };
    after
        .starts_with(' ')
        .then(|| t.len() - after.trim_start().len())
}

/// A clock in a sentence: where it starts and ends, and how it is written.
struct Clock {
    start: usize,
    end: usize,
    /// The clock as written (`4:17 PM`), and its zone's abbreviation when one follows it
    /// (`EDT`; `ET` for `Eastern`).
    shown: String,
    zone: Option<&'static str>,
    /// The hour on the 24-hour clock as far as it says (`12:20` 12, `1:05` 1, `1:05 PM` 13).
    hour: i64,
    /// Whether it is one digit's hour without `am` or `pm` (`1:05`): maybe the afternoon's.
    bare: bool,
}

/// The entries of one sentence, added to `out`; `zone` is the last one a time was given in.
fn sentence(said: &Said<'_>, zone: &mut Option<&'static str>, out: &mut Vec<Told>) {
    let (s, offset) = (said.prose, said.offset);
    let clocks = clocks(s, said.quoted);
    if clocks.is_empty() || NOT_A_MOMENT.iter().any(|w| s.contains(w)) {
        return;
    }
    let day = crate::load::meta::loose_date(s).map(|d| format!("{d} "));
    let lower = s.to_lowercase();
    if day.is_none() && OTHER_DAY.iter().any(|w| lower.contains(w)) {
        return;
    }
    // `between 14:02 and 15:31 UTC`, `from 1:50 p.m. to 2:04 p.m.`: a window, read elsewhere.
    let window = clocks.iter().any(|c| {
        let rest = s[c.end..].trim_start();
        WINDOW_JOINS.iter().any(|j| {
            rest.strip_prefix(j).is_some_and(|r| {
                let r = r.trim_start();
                read_clock(&mut Cursor { s: r, i: 0 }).is_some()
                    && r.bytes().take(3).any(|b| b == b':')
            })
        })
    });
    if window {
        // Its zone is the zone of the times after it (`8:10 AM – 11:25 AM CET`).
        *zone = clocks.iter().rev().find_map(|c| c.zone).or(*zone);
        return;
    }
    let day = day.as_deref().unwrap_or("");
    for (k, clock) in clocks.iter().enumerate() {
        // Each time's clause: from the last boundary before it (after the time before it) to
        // the first after it that ends a few words (before the time after it).
        let lower = k.checked_sub(1).map_or(0, |p| clocks[p].end);
        let from = cut(s, lower, clock.start);
        let upper = clocks
            .get(k + 1)
            .map_or(s.len(), |n| cut(s, clock.end, n.start));
        let to = clause_end(s, clock.end, upper);
        let clause = said.written[from..to]
            .trim()
            .trim_start_matches([',', ';'])
            .trim_start();
        let clause = clause.strip_prefix("and ").unwrap_or(clause).trim();
        if clause.is_empty() {
            continue;
        }
        *zone = clock.zone.or(*zone);
        out.push(Told {
            offset: offset + clock.start,
            time: format!("{day}{}", clock.shown),
            zone: *zone,
            clause: clause.to_string(),
            whole: false,
            bare_hour: clock.bare.then_some(clock.hour),
            hour: clock.hour,
        });
    }
}

/// What joins two clauses of a sentence (`, and at 15:02 UTC we began rolling back`): a
/// time's clause stops at one; other commas (`At 09:12 the on-call, Sam, noticed ...`) are
/// inside it.
const JOINS: &[&str] = &[
    "; ",
    ", and ",
    ", but ",
    ", so ",
    ", then ",
    ", which ",
    ", while ",
    ", after which ",
];

/// Where the clause of a time at `next` starts, after `end` (a time's end, or the sentence's
/// start): after the last join between them, else at `end`.
fn cut(s: &str, end: usize, next: usize) -> usize {
    let between = &s[end..next];
    (JOINS.iter())
        .filter_map(|j| between.rfind(j).map(|i| end + i + 1))
        .max()
        .unwrap_or(end)
}

/// Where the clause of a time that ends at `end` ends, at most at `upper`: at the first join
/// after it.
fn clause_end(s: &str, end: usize, upper: usize) -> usize {
    let after = &s[end..upper];
    (JOINS.iter())
        .filter_map(|j| after.find(j).map(|i| end + i + 1))
        .min()
        .unwrap_or(upper)
}

/// The clocks of a sentence (`14:05`, `14:05 UTC`, `4:17 PM EDT`, `1:52 p.m.`), in order.
fn clocks(s: &str, quoted: bool) -> Vec<Clock> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    // The quotes before `counted` (one open already when the sentence starts in a quote).
    let (mut quotes, mut counted) = (usize::from(quoted), 0);
    while i < bytes.len() {
        // Not inside a word, a number, a path or an offset (`v1:22`, `UTC−08:00`). (An ASCII
        // digit is a character of its own: `i` is at a character's start.)
        let starts_word = || {
            s[..i]
                .chars()
                .next_back()
                .is_none_or(|p| !(p.is_alphanumeric() || ":.,/-+_$#@−".contains(p)))
        };
        if !(bytes[i].is_ascii_digit() && starts_word()) {
            i += 1;
            continue;
        }
        let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits > 2 || bytes.get(i + digits) != Some(&b':') {
            i += digits;
            continue;
        }
        let mut c = Cursor { s, i };
        let mut said_half = false;
        let mut hour = 0;
        let read = read_clock(&mut c).and_then(|clock| {
            let pm = read_meridiem(&mut c);
            said_half = pm.is_some();
            hour = match pm {
                Some(true) if clock.h < 12 => clock.h + 12,
                Some(false) if clock.h == 12 => 0,
                _ => clock.h,
            };
            let hours = if pm.is_some() { 1..=12 } else { 0..=23 };
            // `9:40 AM:` ends; `12:30:4` does not.
            let ends = !c
                .rest()
                .starts_with(|ch: char| ch.is_alphanumeric() || (ch == ':' && pm.is_none()));
            (hours.contains(&clock.h) && (0..60).contains(&clock.m) && ends).then_some(())
        });
        // The words just before the time (the few characters only: looking further back for
        // every time would be quadratic), without `~`, `approximately` and the like.
        let near = s[..i].char_indices().rev().nth(40).map_or(0, |(k, _)| k);
        let before: Vec<String> = (s[near..i].split(|ch: char| !ch.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .filter(|w| {
                !["approximately", "approx", "about", "around", "roughly"].contains(&w.as_str())
            })
            .collect();
        let word_before = before.last().map(String::as_str);
        // `showed stale balances until ~04:15`: when something ended, not a moment.
        let ended = word_before.is_some_and(|w| ["until", "till", "before"].contains(&w));
        // `"kibana shows nothing since 8:10, is it just me?"`: someone's words, quoted. The
        // quotes are counted as the scan goes, once each.
        quotes += s[counted..i].matches(QUOTES).count();
        counted = i;
        let quoted = quotes % 2 == 1;
        if read.is_none() || ended || quoted {
            i = c.i.max(i + 1);
            continue;
        }
        let clock_end = c.i;
        let zone = zone_after(&mut c);
        // `took 2:30 hours`, `0:20 after the deploy`: a duration.
        let next_word = (c.rest().split(|ch: char| !ch.is_alphanumeric()))
            .find(|w| !w.is_empty())
            .map(str::to_lowercase);
        let duration = c.rest().starts_with(' ')
            && next_word.is_some_and(|w| AFTER_A_DURATION.contains(&w.as_str()));
        // `api 2:14`, `John 3:16`, `took 2:30`: a number after a word that no time follows,
        // unless it says its half of the day or its zone, or opens its clause.
        // (`Start of impact     10:42`: a column of a table written with spaces opens one.)
        let opens = s[..i].ends_with("  ")
            || s[..i]
                .trim_end_matches([' ', '~', '(', '[', '*', '_'])
                .chars()
                .next_back()
                .is_none_or(|p| matches!(p, ',' | ';' | ':' | '—' | '–' | '-' | '.' | '!' | '?'));
        let led = word_before.is_some_and(|w| BEFORE_A_TIME.contains(&w));
        if duration || !(said_half || zone.is_some() || led || opens) {
            i = c.i.max(i + 1);
            continue;
        }
        out.push(Clock {
            start: i,
            end: c.i,
            shown: s[i..clock_end].to_string(),
            zone,
            hour,
            bare: !said_half && s.as_bytes().get(i + 1) == Some(&b':'),
        });
        i = c.i;
    }
    out
}

/// The quotation marks that open and close someone's words (`"…"`, `“…”`, `«…»`, `„…“`);
/// single quotes double as apostrophes.
const QUOTES: [char; 6] = ['"', '“', '”', '«', '»', '„'];

/// A zone after a clock (`14:05 UTC,`, `4:17 PM EDT.`, `11:02 AM Eastern`), whatever
/// punctuation follows it: stepped over, and its abbreviation.
fn zone_after(c: &mut Cursor<'_>) -> Option<&'static str> {
    /// The North American zones by name, as prose says them.
    const NAMED: [(&str, &str); 4] = [
        ("Eastern", "ET"),
        ("Central", "CT"),
        ("Mountain", "MT"),
        ("Pacific", "PT"),
    ];
    let word_at = c.rest().strip_prefix(' ')?;
    let len = word_at.bytes().take_while(u8::is_ascii_alphabetic).count();
    let word = &word_at[..len];
    if word_at[len..].starts_with(|ch: char| ch.is_alphanumeric()) {
        return None;
    }
    let known = (crate::load::time::ZONES.iter().map(|(name, _)| *name))
        .chain(crate::load::time::REGIONS.iter().map(|(name, _)| *name))
        .chain(["UTC", "GMT"])
        .find(|name| *name == word)
        .or_else(|| {
            NAMED
                .iter()
                .find(|(name, _)| *name == word)
                .map(|(_, a)| *a)
        })?;
    c.i += 1 + len;
    Some(known)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Body {
        Body::parse(
            text,
            &crate::format::SectionMatcher::new(&Default::default()),
        )
    }

    fn told(text: &str) -> Vec<String> {
        let body = parse(text);
        entries(&body, text).into_iter().map(|(_, t)| t).collect()
    }

    #[test]
    fn sentences_with_times_are_entries_at_their_times() {
        let text = "# Outage\n\nOur monitoring detected the increase in errors at 14:05 UTC, and \
                    our on-call engineers\nbegan investigating. At 14:48 UTC we identified the \
                    cause, and at 15:02 UTC we began rolling back.\n\nError rates returned to \
                    normal at 15:31 UTC.\n";
        assert_eq!(
            told(text),
            [
                "14:05 UTC — Our monitoring detected the increase in errors at 14:05 UTC,",
                "14:48 UTC — At 14:48 UTC we identified the cause,",
                "15:02 UTC — at 15:02 UTC we began rolling back.",
                "15:31 UTC — Error rates returned to normal at 15:31 UTC.",
            ]
        );
        let body = parse(text);
        let (at, _) = entries(&body, text)[0];
        assert_eq!(&text[at..at + 5], "14:05");
    }

    #[test]
    fn windows_schedules_and_plans_are_no_entries() {
        let text = "On March 3, 2025, between 14:02 and 15:31 UTC, customers saw errors. The \
                    job runs every night at 02:00. We will review it at 10:00. It would have \
                    paged at 09:20. A partial \
                    outage from 1:50 p.m. to 2:04 p.m. followed.\n\nAt 2:19 p.m. the alert \
                    fired. At 2:31 p.m. Jamal found the 429s.\n";
        assert_eq!(
            told(text),
            [
                "2:19 p.m. UTC — At 2:19 p.m. the alert fired.",
                "2:31 p.m. UTC — At 2:31 p.m. Jamal found the 429s."
            ]
        );
    }

    #[test]
    fn a_dated_sentence_dates_its_entry_and_list_items_are_read_without_their_markers() {
        let text = "## Facts\n\n1. On Thursday, March 21, 2024, at 1:52 p.m., the provider \
                    began returning 503.\n2. At 2:19 p.m. our alert fired.\n";
        assert_eq!(
            told(text),
            [
                "2024-03-21 1:52 p.m. — On Thursday, March 21, 2024, at 1:52 p.m., the provider began returning 503.",
                "2:19 p.m. — At 2:19 p.m. our alert fired."
            ]
        );
    }

    #[test]
    fn a_time_is_told_by_its_own_clause_with_its_code() {
        let text = "The alert needs 10 minutes above 20% failure, and failures only crossed 20% \
                    at about 2:09 p.m. because few were due. At 2:40 p.m. Jamal paused \
                    `notification-worker`, and stale balances showed until ~04:15. Karin \
                    asked \"nothing since 8:10, just me?\" in a channel.\n";
        assert_eq!(
            told(text),
            [
                "2:09 p.m. — failures only crossed 20% at about 2:09 p.m. because few were due.",
                "2:40 p.m. — At 2:40 p.m. Jamal paused `notification-worker`,"
            ]
        );
    }

    #[test]
    fn a_chat_pasted_line_by_line_is_read_a_line_at_a_time_and_an_emails_headers_not() {
        let text = "Date: Wed, 12 Feb 2014 10:47:03 +0000\nSubject: Write-up\n\n[11:52 AM] \
                    PagerDuty: Triggered, assigned to Jorge\n[11:53 AM] jmorales: ack, \
                    looking\nstill looking\n\nthe last one was sent at\n18:02 UTC.\n";
        assert_eq!(
            told(text),
            [
                "[11:52 AM UTC] PagerDuty: Triggered, assigned to Jorge",
                "[11:53 AM UTC] jmorales: ack, looking still looking",
                "18:02 UTC — the last one was sent at 18:02 UTC."
            ]
        );
    }

    #[test]
    fn durations_versions_other_days_and_asides_are_no_times() {
        let text = "At 14:05 UTC the primary failed. The failover took 2:30 and completed at \
                    14:08 UTC. Recovery took 3:45 hours. The alert fired 0:20 after the \
                    deploy. We deployed api 2:14 then. We held the review the next day at \
                    10:00 UTC. Had we alerted, we'd have paged at 14:06. Ana wrote «since \
                    08:10». At 13:58 UTC Will Chen deployed — 3 minutes after the merge — the \
                    build.\n";
        assert_eq!(
            told(text),
            [
                "14:05 UTC — At 14:05 UTC the primary failed.",
                "14:08 UTC — The failover took 2:30 and completed at 14:08 UTC.",
                "13:58 UTC — At 13:58 UTC Will Chen deployed — 3 minutes after the merge — the build."
            ]
        );
    }

    #[test]
    fn a_one_digit_clock_after_ten_oclock_is_the_afternoons() {
        let text = "At 11:40 the deploy went out. We rolled back at 12:20 and errors stopped \
                    at 1:05.\n";
        assert_eq!(
            told(text),
            [
                "11:40 — At 11:40 the deploy went out.",
                "12:20 — We rolled back at 12:20",
                "1:05 pm — errors stopped at 1:05."
            ]
        );
    }

    #[test]
    fn long_runs_of_blank_lines_times_and_quotes_are_read_in_one_pass() {
        // Each of these would take seconds if every line or time looked back over what came
        // before it.
        let blank = format!(
            "At 14:05 UTC it failed.{}At 14:09 it paged.\n",
            "\n".repeat(200_000)
        );
        assert_eq!(told(&blank).len(), 2);
        let times = format!("It failed {}.\n", "at 14:05 \"x\" ".repeat(20_000));
        assert_eq!(told(&times).len(), 20_000);
    }

    #[test]
    fn code_tables_headings_ratios_and_a_lone_time_are_not_read() {
        assert!(told("The deploy finished at 14:05 and nothing else happened.\n").is_empty());
        let text = "## 14:00 status\n\n| 14:05 | x |\n|---|---|\n\n`14:07 log` and a 3:1 \
                    ratio, v1:22, UTC−08:00 and 12:345.\n\n```\n14:09 alert\n14:10 page\n```\n";
        assert!(told(text).is_empty());
    }
}
