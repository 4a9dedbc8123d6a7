//! The Atom feed of incidents (newest first) and the data exports, every incident's metadata
//! for dashboards, scripts and search engines: `incidents.ndjson` (one incident per line, for
//! streaming and bulk loading) and, for KBs of at most [`JSON_EXPORT_MAX`] incidents, the same
//! records as one `incidents.json` document.

use super::Urls;
use crate::model::KnowledgeBase;
use crate::model::{IncidentDoc, When};
use atom_syndication::{Entry, Feed, FixedDateTime, Link, Person, Text};
use serde::Serialize;

/// An incident time as Atom writes it; a day is its start in UTC.
fn fixed(w: &When) -> FixedDateTime {
    let stamp = match w {
        When::At(z) => z.timestamp(),
        When::Day(_) => jiff::Timestamp::from_second(w.sort_seconds()).unwrap_or_default(),
    };
    FixedDateTime::parse_from_rfc3339(&stamp.to_string()).unwrap_or_default()
}

/// When a feed entry last changed: when its write-up last did (its `updated`, last commit or
/// file time), and never before the incident ended. Both feeds date their entries by it.
fn last_changed(d: &IncidentDoc, started: &When) -> When {
    let ended = d.resolved.as_ref().unwrap_or(started);
    match d.updated.or(d.changed).map(When::Day) {
        Some(c) if c.sort_seconds() > ended.sort_seconds() => c,
        _ => ended.clone(),
    }
}

/// The Atom feed of the `limit` newest incidents.
pub fn atom(kb: &KnowledgeBase, urls: &Urls, limit: usize) -> String {
    let entries: Vec<Entry> = kb
        .incidents
        .iter()
        // Undated incidents come last, and a feed entry needs a date.
        .filter_map(|inc| Some((inc, inc.doc.started.as_ref()?)))
        .take(limit)
        .map(|(inc, started)| {
            let d = &inc.doc;
            let url = urls.absolute(&format!("incidents/{}/", d.id));
            let updated = last_changed(d, started);
            let title = match &d.severity {
                Some(s) => format!("[{s}] {}", d.title),
                None => d.title.clone(),
            };
            Entry {
                title: Text::plain(title),
                id: url.clone(),
                updated: fixed(&updated),
                published: Some(fixed(started)),
                summary: Some(Text::plain(inc.excerpt.clone())),
                links: vec![Link {
                    href: url,
                    rel: "alternate".into(),
                    mime_type: Some("text/html".into()),
                    ..Default::default()
                }],
                authors: d
                    .authors
                    .iter()
                    .map(|a| Person {
                        name: a.clone(),
                        ..Default::default()
                    })
                    .collect(),
                ..Default::default()
            }
        })
        .collect();
    let updated = entries.iter().map(|e| e.updated).max().unwrap_or_default();
    let feed = Feed {
        title: Text::plain(format!("{}: incidents", kb.config.title)),
        id: urls.absolute(""),
        updated,
        subtitle: Some(Text::plain(kb.config.description.clone())),
        links: vec![
            Link {
                href: urls.absolute(""),
                rel: "alternate".into(),
                ..Default::default()
            },
            Link {
                href: urls.absolute("atom.xml"),
                rel: "self".into(),
                ..Default::default()
            },
        ],
        generator: Some(atom_syndication::Generator {
            value: "hindsight".into(),
            ..Default::default()
        }),
        entries,
        ..Default::default()
    };
    feed.to_string()
}

#[derive(Serialize)]
struct IncidentJson<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
    /// Where the write-up was first published (`source_url`), or `null`.
    source_url: Option<&'a str>,
    status: &'static str,
    /// `null` when unrated.
    severity: Option<&'a str>,
    /// An RFC 9557 time, a day (`2017-06-13`), or `null` when undated.
    started: Option<String>,
    detected: Option<String>,
    mitigated: Option<String>,
    resolved: Option<String>,
    /// The day the write-up last changed (`updated`, else its last commit or file time).
    updated: Option<String>,
    minutes_to_detect: Option<i64>,
    minutes_to_mitigate: Option<i64>,
    minutes_to_resolve: Option<i64>,
    services: &'a [String],
    teams: &'a [String],
    tags: &'a [String],
    impact: Option<&'a str>,
    summary: &'a str,
    causes: Vec<CauseJson<'a>>,
    action_items: Vec<ActionJson<'a>>,
    related: Vec<&'a str>,
}

#[derive(Serialize)]
struct CauseJson<'a> {
    id: &'a str,
    category: &'a str,
    root: bool,
    text: &'a str,
    because: &'a [String],
}

#[derive(Serialize)]
struct ActionJson<'a> {
    text: &'a str,
    owner: Option<&'a str>,
    kind: Option<crate::format::ActionKind>,
    status: &'static str,
    due: Option<String>,
    completed: Option<String>,
    ticket: Option<&'a str>,
}

#[derive(Serialize)]
struct KbJson<'a> {
    title: &'a str,
    generated_by: &'static str,
    incidents: Vec<IncidentJson<'a>>,
}

/// The largest KB that also gets `incidents.json`: one document holding every record is handy
/// for a small KB and a burden past a few megabytes, where `incidents.ndjson` streams.
pub const JSON_EXPORT_MAX: usize = 1000;

/// Whether a KB of `incidents` incidents gets `incidents.json` besides `incidents.ndjson`.
pub fn writes_json(incidents: usize) -> bool {
    incidents <= JSON_EXPORT_MAX
}

/// One incident's record, as both exports write it.
fn record<'a>(
    kb: &'a KnowledgeBase,
    urls: &Urls,
    inc: &'a crate::model::Incident,
) -> IncidentJson<'a> {
    let ts = |w: &When| match w {
        When::At(z) => z.to_string(),
        When::Day(d) => d.to_string(),
    };
    let d = &inc.doc;
    IncidentJson {
        id: &d.id,
        title: &d.title,
        url: urls.absolute(&format!("incidents/{}/", d.id)),
        source_url: d.source_url.as_deref(),
        status: d.status.as_str(),
        severity: d.severity.as_deref(),
        started: d.started.as_ref().map(ts),
        detected: d.detected.as_ref().map(ts),
        mitigated: d.mitigated.as_ref().map(ts),
        resolved: d.resolved.as_ref().map(ts),
        updated: d.updated.or(d.changed).map(|day| day.to_string()),
        minutes_to_detect: d.time_to_detect(),
        minutes_to_mitigate: d.time_to_mitigate(),
        minutes_to_resolve: d.time_to_resolve(),
        services: &d.services,
        teams: &d.teams,
        tags: &d.tags,
        impact: d.impact.as_deref(),
        summary: &inc.excerpt,
        causes: d
            .causes
            .iter()
            .map(|c| CauseJson {
                id: &c.id,
                category: &c.category,
                root: c.root,
                text: &c.text,
                because: &c.because,
            })
            .collect(),
        action_items: d
            .action_items
            .iter()
            .map(|a| ActionJson {
                text: &a.text,
                owner: a.owner.as_deref(),
                kind: a.kind,
                status: a.status.as_str(),
                due: a.due.map(|x| x.to_string()),
                completed: a.completed.map(|x| x.to_string()),
                ticket: a.ticket.as_deref(),
            })
            .collect(),
        related: inc
            .related
            .iter()
            .map(|&j| kb.incidents[j].doc.id.as_str())
            .collect(),
    }
}

/// `incidents.json`: every published incident, newest first, in one document.
pub fn incidents_json(kb: &KnowledgeBase, urls: &Urls) -> String {
    let incidents = kb
        .incidents
        .iter()
        .map(|inc| record(kb, urls, inc))
        .collect();
    serde_json::to_string_pretty(&KbJson {
        title: &kb.config.title,
        generated_by: "hindsight",
        incidents,
    })
    .unwrap_or_default()
}

/// `incidents.ndjson`: every published incident, newest first, one JSON object per line, the
/// shape Quickwit ingests as is and OpenSearch's `_bulk` takes with an action line before each.
/// Made a thousand incidents a part, in parallel: at 100k incidents the file is 190 MB, and
/// one growing string of it held up to twice that at the build's end.
pub fn incidents_ndjson(kb: &KnowledgeBase, urls: &Urls) -> Vec<Vec<u8>> {
    use rayon::prelude::*;
    kb.incidents
        .par_chunks(1000)
        .map(|chunk| {
            let mut out = Vec::new();
            for inc in chunk {
                let start = out.len();
                match serde_json::to_writer(&mut out, &record(kb, urls, inc)) {
                    Ok(()) => out.push(b'\n'),
                    Err(_) => out.truncate(start),
                }
            }
            out
        })
        .collect()
}

/// Where the public site's JSON Feed is.
pub const JSON_FEED: &str = "feed.json";

/// A JSON Feed (jsonfeed.org, version 1.1) of the `limit` newest dated incidents, for status
/// pages and feed readers. Each item carries the incident's times, severity and impact in a
/// `_incident` extension object (JSON Feed's convention for extensions).
pub fn json_feed(kb: &KnowledgeBase, urls: &Urls, limit: usize) -> String {
    let items: Vec<serde_json::Value> = kb
        .incidents
        .iter()
        .filter_map(|inc| Some((inc, inc.doc.started.as_ref()?)))
        .take(limit)
        .map(|(inc, started)| {
            let d = &inc.doc;
            let url = urls.absolute(&format!("incidents/{}/", d.id));
            let modified = last_changed(d, started);
            let rfc3339 = |w: &When| fixed(w).to_rfc3339();
            serde_json::json!({
                "id": url,
                "url": url,
                "title": d.title,
                "summary": inc.excerpt,
                "content_text": match &d.impact {
                    Some(i) if !i.trim().is_empty() => format!("{}\n\nImpact: {i}", inc.excerpt),
                    _ => inc.excerpt.clone(),
                },
                "date_published": rfc3339(started),
                "date_modified": rfc3339(&modified),
                "_incident": {
                    "started": rfc3339(started),
                    "resolved": d.resolved.as_ref().map(rfc3339),
                    "duration_minutes": d.time_to_resolve(),
                    "severity": d.severity,
                    "impact": d.impact,
                },
            })
        })
        .collect();
    let feed = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": kb.config.title,
        "description": kb.config.description,
        "home_page_url": urls.absolute(""),
        "feed_url": urls.absolute(JSON_FEED),
        "language": kb.config.language,
        "items": items,
    });
    serde_json::to_string_pretty(&feed).unwrap_or_default()
}
