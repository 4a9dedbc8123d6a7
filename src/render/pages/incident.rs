//! An incident's page: its header (severity, times in the incident's own zone, durations,
//! services, teams, tags), the body with the timeline and the five whys read back up (cut into
//! parts so that the template gives those two sections blocks of their own), the causes with
//! the fishbone and why-because graph, the action items, related and similar incidents, and the
//! pages that link here.

use super::Page;
use crate::format::{SectionKind, elapsed, human_minutes, minutes_between, plural_s};
use crate::model::{Incident, Similar, TermGroup};
use crate::model::{Origin, When};
use crate::render::actions::{self, ActionView};
use crate::render::cards::{IncidentCard, IncidentRef, term_link};
use crate::render::diagrams::{incident_fishbone, incident_graph};
use crate::render::markdown::{self, Html, TocEntry};
use crate::render::shared::{CompletenessView, Shared};
use crate::render::site::{Link, PageMeta};
use jiff::Zoned;
use serde::Serialize;

/// A time of the header: started, detected, mitigated or resolved.
#[derive(Debug, Clone, Serialize)]
pub struct TimeRow {
    pub key: &'static str,
    pub label: &'static str,
    pub iso: String,
    pub display: String,
    /// `T+11m` from the start.
    pub elapsed: Option<String>,
}

/// Time to detect, mitigate or resolve.
#[derive(Debug, Clone, Serialize)]
pub struct DurationView {
    pub key: &'static str,
    pub label: &'static str,
    pub value: String,
    pub minutes: i64,
}

/// A cause as the incident states it, with its place in the KB.
#[derive(Debug, Clone, Serialize)]
pub struct CauseEntryView {
    pub id: String,
    pub url: String,
    pub text: String,
    pub category: String,
    pub category_title: String,
    pub category_url: String,
    pub root: bool,
    pub because: Vec<Link>,
    /// In how many incidents this cause appears, KB-wide.
    pub occurrences: usize,
    /// Whether it is a broad cause (in more than a fifth of a large KB, or configured so):
    /// shown as "broad cause · in N of M incidents", not as a recurrence.
    pub broad: bool,
    /// How many incidents the KB has (the M of "in N of M incidents").
    pub incident_total: usize,
}

/// An incident ranked as similar, and why.
#[derive(Debug, Clone, Serialize)]
pub struct SimilarView<'c> {
    pub incident: IncidentRef<'c>,
    pub reason: String,
}

/// One row of the rendered timeline: an event, or a milestone (`started`, `detected`,
/// `mitigated`, `resolved`) that no event falls on.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineRow {
    /// `18:30`, or `Apr 07 01:30` on another day than the start.
    pub time: String,
    pub iso: String,
    /// `T+11m`; `T-20m` before the start.
    pub elapsed: String,
    pub text: String,
    /// The milestones at this minute.
    pub marks: Vec<&'static str>,
}

/// The body's HTML in the parts `incident.html` writes one after the other: what comes before
/// the first of the Timeline and Five whys sections, the Timeline section, what lies between
/// the two, the Five whys section, and the rest (footnotes last). Each part is empty when the
/// body has no such thing. The parts are the body in its own order, except when the five whys
/// come before the timeline: then the timeline is written first, in the five whys' place.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BodyView {
    pub before: String,
    pub timeline: String,
    pub between: String,
    pub five_whys: String,
    pub after: String,
}

impl BodyView {
    /// The parts of `body`, cut where its renderer says its two sections are.
    pub fn cut(body: &Html) -> BodyView {
        let html = body.html.as_str();
        let part = |r: &Option<std::ops::Range<usize>>| {
            r.as_ref()
                .and_then(|r| html.get(r.clone()))
                .unwrap_or_default()
                .to_string()
        };
        let mut found: Vec<&std::ops::Range<usize>> = [&body.timeline, &body.five_whys]
            .into_iter()
            .flatten()
            .collect();
        found.sort_by_key(|r| r.start);
        let (start, end) = match (found.first(), found.last()) {
            (Some(first), Some(last)) => (first.start, last.end),
            _ => (html.len(), html.len()),
        };
        let between = match found.as_slice() {
            [first, second] => first.end..second.start,
            _ => end..end,
        };
        BodyView {
            before: html.get(..start).unwrap_or_default().to_string(),
            timeline: part(&body.timeline),
            between: html.get(between).unwrap_or_default().to_string(),
            five_whys: part(&body.five_whys),
            after: html.get(end..).unwrap_or_default().to_string(),
        }
    }
}

/// What `incident.html` receives as `incident`: the incident's card fields (`incident.title`,
/// `incident.severity`...) and everything its page shows besides.
#[derive(Debug, Clone, Serialize)]
pub struct IncidentView<'c> {
    #[serde(flatten)]
    pub card: &'c IncidentCard,
    pub teams: Vec<Link>,
    pub authors: Vec<String>,
    /// Where the write-up was first published (`source_url`), and that address's host, which
    /// the page shows as the link's text.
    pub source_url: Option<String>,
    pub source_host: Option<String>,
    /// The front matter's `summary`, when the body has no Summary section to show it.
    pub summary: Option<String>,
    pub impact: Option<String>,
    pub times: Vec<TimeRow>,
    pub durations: Vec<DurationView>,
    /// The whole body, in its own order.
    pub body_html: String,
    /// The body in parts, for the template's `timeline` and `five_whys` blocks.
    pub body: BodyView,
    pub toc: Vec<TocEntry>,
    pub causes: Vec<CauseEntryView>,
    pub action_items: Vec<ActionView>,
    /// The action items were read from the post-mortem's own section (a list or a table under
    /// "Action items"), which the page already shows: their tracked table is then folded.
    pub actions_from_body: bool,
    pub related: Vec<&'c IncidentCard>,
    pub similar: Vec<SimilarView<'c>>,
    pub backlinks: Vec<Link>,
    /// Its place in each reading list that holds it, with the incidents before and after.
    pub reading: Vec<ReadingPlace>,
    /// The answer panel at the top of the page.
    pub answer: Answer,
    /// A draft's "Has this happened before?" panel; `None` on every other page.
    pub seen_before: Option<SeenBeforeView>,
    /// The file the page was built from (`content/incidents/...`).
    pub source: String,
    /// The day the write-up last changed: `updated` in its front matter, else its file's last
    /// commit, else the file's modification time.
    pub last_updated: Option<String>,
    /// Where to edit the file, when the config names `repo_url`.
    pub edit_url: Option<String>,
    pub timeline: Vec<TimelineRow>,
    pub completeness: CompletenessView,
    /// The causes on a fishbone, one bone per category (empty without causes).
    pub fishbone_svg: String,
    /// The why-because graph (empty when no cause explains another).
    pub graph_svg: String,
}

/// What an engineer opens the page for, at its top: whether the causes came back after a fix,
/// where the follow-ups stand, and the three incidents most like this one, with why.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    /// Action items of this write-up: open (or in progress), of them overdue, and done.
    pub open: usize,
    pub overdue: usize,
    pub done: usize,
    /// Causes of this incident that had been fixed before: a fix marked done after an earlier
    /// incident, and the cause appeared again here.
    pub came_back: Vec<CameBack>,
    /// The first three related incidents (named by the authors, then found), with the reason.
    pub related: Vec<Reasoned>,
}

/// A cause of this incident that came back after a fix: the last fix marked done before it,
/// and how many were.
#[derive(Debug, Clone, Serialize)]
pub struct CameBack {
    pub cause: Link,
    /// The latest fix's text, as plain text.
    pub fix: String,
    /// How many fixes of the cause were marked done before this incident.
    pub fixes: usize,
    pub fixed_in: Link,
    pub completed: String,
}

/// An incident and why it is listed.
#[derive(Debug, Clone, Serialize)]
pub struct Reasoned {
    pub incident: Link,
    pub date: String,
    pub reason: String,
}

/// The answer panel of incident `i`, whose found similar incidents (with their reasons) the
/// page has already made.
fn answer(s: &Shared, i: usize, similar: &[SimilarView]) -> Answer {
    use crate::analyze::followups::{ItemRef, overdue_days};
    use crate::format::ActionStatus;
    let inc = &s.kb.incidents[i];
    let items = &inc.doc.action_items;
    let open: Vec<usize> = (0..items.len())
        .filter(|&k| {
            matches!(
                items[k].status,
                ActionStatus::Open | ActionStatus::InProgress
            )
        })
        .collect();
    let overdue = open
        .iter()
        .filter(|&&k| {
            overdue_days(
                s.kb,
                ItemRef {
                    incident: i,
                    item: k,
                },
                s.today,
            )
            .is_some()
        })
        .count();
    let link = |j: usize| {
        let d = &s.kb.incidents[j].doc;
        Link::new(d.title.clone(), s.urls.incident(&d.id))
    };
    let mut came_back = Vec::new();
    for &ci in &inc.cause_refs {
        // The live preview's fast path has no follow-ups analysis: nothing to say then.
        let Some((_, recurrences)) = s.followups.by_cause.get(ci) else {
            continue;
        };
        let cause = &s.kb.causes[ci];
        let here: Vec<_> = recurrences.iter().filter(|r| r.incident == i).collect();
        if let Some(r) = here.iter().max_by_key(|r| r.completed) {
            let fix = &s.kb.incidents[r.item.incident].doc.action_items[r.item.item];
            came_back.push(CameBack {
                cause: Link::new(cause.title.clone(), s.urls.cause(&cause.id)),
                fix: fix.text.clone(),
                fixes: here.len(),
                fixed_in: link(r.item.incident),
                completed: r.completed.to_string(),
            });
        }
    }
    let named = inc.related.iter().map(|&j| Reasoned {
        incident: link(j),
        date: s.cards[j].date.clone(),
        reason: "named by the authors".to_owned(),
    });
    let found = similar.iter().map(|x| Reasoned {
        incident: Link::new(x.incident.title, x.incident.url.to_owned()),
        date: x.incident.date.to_owned(),
        reason: x.reason.clone(),
    });
    Answer {
        open: open.len(),
        overdue,
        done: items
            .iter()
            .filter(|a| a.status == ActionStatus::Done)
            .count(),
        came_back,
        related: named.chain(found).take(3).collect(),
    }
}

/// "Has this happened before?" on a draft's page (a draft is built only with `--drafts`, as
/// `serve --drafts` does): the published incidents most like it with the causes each used,
/// and existing cause ids likely meant by its new ones. See [`crate::analyze::seen_before`].
#[derive(Debug, Clone, Serialize)]
pub struct SeenBeforeView {
    pub similar: Vec<SeenIncident>,
    pub suggestions: Vec<CauseSuggestion>,
}

/// A published incident like the draft, with the causes it used (titled by their ids).
#[derive(Debug, Clone, Serialize)]
pub struct SeenIncident {
    pub incident: Link,
    pub date: String,
    pub causes: Vec<Link>,
}

/// A cause id of the draft new to the KB, and the existing causes (titled by their ids) that
/// incidents like it used and that share its words.
#[derive(Debug, Clone, Serialize)]
pub struct CauseSuggestion {
    pub cause: String,
    pub likely: Vec<Link>,
}

fn seen_before(s: &Shared, i: usize) -> Option<SeenBeforeView> {
    let seen = crate::analyze::seen_before::of(s.kb, i)?;
    let cause_link = |c: usize| {
        let id = &s.kb.causes[c].id;
        Link::new(id.clone(), s.urls.cause(id))
    };
    let similar = (seen.similar.iter())
        .map(|&j| {
            let inc = &s.kb.incidents[j];
            SeenIncident {
                incident: Link::new(inc.doc.title.clone(), s.urls.incident(&inc.doc.id)),
                date: s.cards[j].date.clone(),
                causes: inc.cause_refs.iter().map(|&c| cause_link(c)).collect(),
            }
        })
        .collect();
    let causes = &s.kb.incidents[i].doc.causes;
    let suggestions = (seen.suggestions.iter())
        .filter_map(|g| {
            Some(CauseSuggestion {
                cause: causes.get(g.entry)?.id.clone(),
                likely: g.likely.iter().map(|&c| cause_link(c)).collect(),
            })
        })
        .collect();
    Some(SeenBeforeView {
        similar,
        suggestions,
    })
}

/// An incident's place in a reading list: "3 of 7", with the previous and next incidents.
#[derive(Debug, Clone, Serialize)]
pub struct ReadingPlace {
    pub list: Link,
    pub position: usize,
    pub total: usize,
    pub previous: Option<Link>,
    pub next: Option<Link>,
}

#[derive(Serialize)]
struct IncidentPage<'c> {
    incident: IncidentView<'c>,
}

pub fn page(s: &Shared, i: usize) -> Page {
    let inc = &s.kb.incidents[i];
    let meta = PageMeta::new(
        "incident",
        "incidents",
        inc.doc.title.clone(),
        s.urls.incident(&inc.doc.id),
        inc.excerpt.clone(),
    )
    .crumb("Home", s.urls.at(""))
    .crumb("Incidents", s.urls.at("incidents/"));
    let mut page = Page::new(
        s,
        "incident.html",
        meta,
        IncidentPage {
            incident: view(s, i),
        },
    );
    let d = &inc.doc;
    let last = (d.updated)
        .or(d.changed)
        .or_else(|| d.resolved.as_ref().map(When::date))
        .or_else(|| d.date());
    page.lastmod = last.map(|day| day.to_string());
    page
}

pub fn view<'c>(s: &'c Shared, i: usize) -> IncidentView<'c> {
    // Long on purpose: the incident page's typed view, one field per part of the page, filled in
    // page order.
    let inc: &Incident = &s.kb.incidents[i];
    let d = &inc.doc;
    let timeline = timeline_rows(inc);
    let timeline_list = (!timeline.is_empty()).then(|| timeline_html(&timeline));
    let text = d.file.body_text();
    let body = markdown::render_with(
        &s.md,
        &d.file.rel,
        without_title(d, &text),
        timeline_list.as_deref(),
        markdown::read_back_up(&d.body).as_deref(),
    );
    let similar: Vec<SimilarView> = inc
        .similar
        .iter()
        .filter(|x| !inc.related.contains(&x.incident))
        .map(|x| SimilarView {
            incident: (&s.cards[x.incident]).into(),
            reason: similar_reason(s, x),
        })
        .collect();
    IncidentView {
        card: &s.cards[i],
        teams: d
            .teams
            .iter()
            .map(|t| term_link(s.urls, TermGroup::Teams, t))
            .collect(),
        authors: d.authors.clone(),
        source_url: d.source_url.clone(),
        source_host: (d.source_url.as_deref())
            .and_then(crate::safe_url::web_host)
            .map(|h| h.strip_prefix("www.").unwrap_or(h).to_string()),
        summary: (d.summary.as_deref())
            .map(str::trim)
            .filter(|t| !t.is_empty() && d.body.section(SectionKind::Summary).is_none())
            .map(str::to_string),
        impact: d.impact.clone(),
        times: times(inc),
        durations: durations(inc),
        body: BodyView::cut(&body),
        body_html: body.html,
        toc: body.toc,
        causes: cause_entries(s, inc),
        action_items: d
            .action_items
            .iter()
            .map(|a| actions::action(s, a))
            .collect(),
        actions_from_body: !d.action_items.is_empty()
            && d.action_items.iter().all(|a| a.path.is_empty()),
        related: s.cards(&inc.related),
        answer: answer(s, i, &similar),
        seen_before: seen_before(s, i),
        similar,
        backlinks: inc.backlinks.iter().map(|&t| s.link_to(t)).collect(),
        reading: inc
            .reading
            .iter()
            .map(|&(l, pos)| {
                let list = &s.kb.reading_lists[l];
                let at = |j: usize| {
                    let other = &s.kb.incidents[j].doc;
                    Link::new(other.title.clone(), s.urls.incident(&other.id))
                };
                ReadingPlace {
                    list: Link::new(list.doc.title.clone(), s.urls.reading_list(&list.doc.id)),
                    position: pos + 1,
                    total: list.incidents.len(),
                    previous: pos.checked_sub(1).map(|p| at(list.incidents[p])),
                    next: list.incidents.get(pos + 1).map(|&j| at(j)),
                }
            })
            .collect(),
        source: d.file.rel.clone(),
        last_updated: d.updated.or(d.changed).map(|day| day.to_string()),
        edit_url: s.kb.config.repo_url.as_ref().map(|repo| {
            [
                repo.trim_end_matches('/'),
                s.kb.config.edit_path.trim_matches('/'),
                &crate::report::uri(&d.file.rel),
            ]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("/")
        }),
        timeline,
        completeness: s.completeness[i].clone(),
        fishbone_svg: incident_fishbone(s, inc),
        graph_svg: incident_graph(s, inc),
    }
}

/// Why an incident is listed as similar: `likely the same event (same day)`, or what it
/// shares (`shares dns-ttl, broad config-change; 2 shared services or tags`; a cause whose
/// id is a long slug made from its text by its words, quoted), or `similar text`.
fn similar_reason(s: &Shared, x: &Similar) -> String {
    if x.same_event {
        return "likely the same event (same day)".into();
    }
    let causes = &s.kb.causes;
    let telling = (x.shared_causes.iter()).filter(|&&c| !causes[c].broad);
    let broad = (x.shared_causes.iter()).filter(|&&c| causes[c].broad);
    // An id an author chose is short (`dns-ttl`); one made from a cause's text (read from a
    // body section) is a long slug, which reads worse than the words it was made from.
    let name = |c: usize| {
        let cause = &causes[c];
        if cause.id.chars().count() <= 32 {
            cause.id.clone()
        } else {
            format!(
                "“{}”",
                crate::format::shorten(cause.title.trim_end_matches('.'))
            )
        }
    };
    let named: Vec<String> = telling
        .map(|&c| name(c))
        .chain(broad.map(|&c| format!("broad {}", name(c))))
        .collect();
    let mut parts = Vec::new();
    if x.similar_text {
        parts.push("similar text".to_string());
    }
    if !named.is_empty() {
        parts.push(format!("shares {}", named.join(", ")));
    }
    if x.shared_terms > 0 {
        let n = x.shared_terms;
        parts.push(format!(
            "{n} shared service{} or tag{}",
            plural_s(n),
            plural_s(n)
        ));
    }
    parts.join("; ")
}

fn cause_entries(s: &Shared, inc: &Incident) -> Vec<CauseEntryView> {
    inc.doc
        .causes
        .iter()
        .zip(&inc.cause_refs)
        .map(|(c, &ci)| {
            let cat = s.kb.categories.iter().find(|g| g.id == c.category);
            CauseEntryView {
                id: c.id.clone(),
                url: s.urls.cause(&c.id),
                text: c.text.clone(),
                category: c.category.clone(),
                category_title: cat.map_or_else(|| c.category.clone(), |x| x.title.clone()),
                category_url: s.urls.category(&c.category),
                root: c.root,
                because: c
                    .because
                    .iter()
                    .map(|b| Link::new(b.clone(), format!("#cause-{b}")))
                    .collect(),
                occurrences: s.kb.causes[ci].occurrences.len(),
                broad: s.kb.causes[ci].broad,
                incident_total: s.kb.incidents.len(),
            }
        })
        .collect()
}

/// A time as written: local clock and the zone's name or offset.
pub fn display_time(z: &Zoned) -> String {
    let zone = z.time_zone().iana_name().map_or_else(
        || format!("UTC{}", z.offset()),
        |_| z.strftime("%Z").to_string(),
    );
    let zone = if zone == "UTC+00" || zone == "UTC+00:00" {
        "UTC".to_string()
    } else {
        zone
    };
    format!("{} {zone}", z.strftime("%Y-%m-%d %H:%M"))
}

/// The body as the page shows it: when the title comes from a `# ` heading that opens the
/// body, without that heading (the page header already shows it); when it comes from the
/// line under a placeholder heading, without either.
fn without_title<'t>(d: &crate::model::IncidentDoc, text: &'t str) -> &'t str {
    let Some((_, at)) = d
        .body
        .title
        .as_ref()
        .filter(|_| matches!(d.title_from, Origin::Body | Origin::UnderHeading))
    else {
        return text;
    };
    if !text
        .get(..*at)
        .is_some_and(|before| before.trim().is_empty())
    {
        return text;
    }
    let mut rest = &text[*at..];
    rest = rest.split_once('\n').map_or("", |(_, after)| after);
    // A setext heading: its underline goes too.
    if let Some((line, after)) = rest.split_once('\n').or(Some((rest, "")))
        && !line.trim().is_empty()
        && line.trim().chars().all(|c| c == '=')
    {
        rest = after;
    }
    if d.title_from == Origin::UnderHeading {
        // The title's line, after the blank lines before it.
        let start = rest.len() - rest.trim_start().len();
        rest = rest[start..]
            .split_once('\n')
            .map_or("", |(_, after)| after);
    }
    rest
}

/// The four times an incident may have, in order.
fn milestones(inc: &Incident) -> [(&'static str, Option<&When>); 4] {
    let d = &inc.doc;
    [
        ("started", d.started.as_ref()),
        ("detected", d.detected.as_ref()),
        ("mitigated", d.mitigated.as_ref()),
        ("resolved", d.resolved.as_ref()),
    ]
}

fn times(inc: &Incident) -> Vec<TimeRow> {
    let labels = ["Started", "Detected", "Mitigated", "Resolved"];
    milestones(inc)
        .into_iter()
        .zip(labels)
        .filter_map(|((key, t), label)| {
            let t = t?;
            let m = inc.doc.minutes_to(Some(t));
            Some(TimeRow {
                key,
                label,
                iso: t.iso(),
                display: match t {
                    When::At(z) => display_time(z),
                    When::Day(day) => day.to_string(),
                },
                elapsed: m.filter(|_| key != "started").map(elapsed),
            })
        })
        .collect()
}

fn durations(inc: &Incident) -> Vec<DurationView> {
    let d = &inc.doc;
    [
        ("ttd", "Time to detect", d.time_to_detect()),
        ("ttm", "Time to mitigate", d.time_to_mitigate()),
        ("ttr", "Time to resolve", d.time_to_resolve()),
    ]
    .into_iter()
    .filter_map(|(key, label, m)| {
        let m = m?;
        Some(DurationView {
            key,
            label,
            value: human_minutes(m as f64),
            minutes: m,
        })
    })
    .collect()
}

/// The timeline of an incident: its events with the four milestones merged in, in time order.
pub fn timeline_rows(inc: &Incident) -> Vec<TimelineRow> {
    let d = &inc.doc;
    // The list stands for the section's list items; a table's rows stay in their table.
    let listed: Vec<&crate::model::timeline::Event> =
        inc.timeline.iter().filter(|e| !e.from_table).collect();
    let Some(first) = listed.first() else {
        return Vec::new();
    };
    let minute = |z: &Zoned| z.timestamp().as_second().div_euclid(60);
    // Times on the start's day show the time alone; without an exact start, the first event's.
    let start = d.start();
    let reference = start.unwrap_or(&first.at);
    let mut rows: Vec<(i64, TimelineRow)> = listed
        .iter()
        .map(|e| (minute(&e.at), row(reference, start, &e.at, e.text.clone())))
        .collect();
    for (name, at) in milestones(inc) {
        let Some(at) = at.and_then(When::exact) else {
            continue;
        };
        match rows.iter_mut().find(|(m, _)| *m == minute(at)) {
            Some((_, r)) => r.marks.push(name),
            None => {
                let mut r = row(reference, start, at, format!("Incident {name}"));
                r.marks.push(name);
                rows.push((minute(at), r));
            }
        }
    }
    rows.sort_by_key(|(m, _)| *m);
    rows.into_iter().map(|(_, r)| r).collect()
}

/// A row of the timeline: its time shown against `reference`'s day, its elapsed time against
/// the exact start (none without one).
fn row(reference: &Zoned, start: Option<&Zoned>, at: &Zoned, text: String) -> TimelineRow {
    let local = at.with_time_zone(at.time_zone().clone());
    let time = if local.date() == reference.with_time_zone(at.time_zone().clone()).date() {
        local.strftime("%H:%M").to_string()
    } else {
        local.strftime("%b %d %H:%M").to_string()
    };
    TimelineRow {
        time,
        iso: at.timestamp().to_string(),
        elapsed: start
            .map(|st| elapsed(minutes_between(st, at)))
            .unwrap_or_default(),
        text,
        marks: Vec::new(),
    }
}

/// The timeline as HTML, in place of the Timeline section's list.
pub fn timeline_html(rows: &[TimelineRow]) -> String {
    use crate::render::escape;
    let mut html = String::from("<ol class=\"timeline\">\n");
    for r in rows {
        let marks: String = r.marks.iter().map(|m| format!(" tl-{m}")).collect();
        let badges: String = r
            .marks
            .iter()
            .map(|m| format!("<span class=\"tl-mark\">{m}</span> "))
            .collect();
        html.push_str(&format!(
            "<li class=\"tl-event{marks}\"><time datetime=\"{}\">{}</time> <span class=\"tl-elapsed\">{}</span> <span class=\"tl-text\">{badges}{}</span></li>\n",
            r.iso,
            escape(&r.time),
            escape(&r.elapsed),
            escape(&r.text)
        ));
    }
    html.push_str("</ol>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A body of named parts, and where its timeline and five whys are.
    fn body(parts: &[&str], timeline: Option<&str>, five_whys: Option<&str>) -> Html {
        let html = parts.concat();
        let at = |p: Option<&str>| {
            p.map(|p| {
                let start = html.find(p).unwrap();
                start..start + p.len()
            })
        };
        Html {
            timeline: at(timeline),
            five_whys: at(five_whys),
            html,
            toc: Vec::new(),
        }
    }

    fn parts(b: &BodyView) -> [&str; 5] {
        [&b.before, &b.timeline, &b.between, &b.five_whys, &b.after]
    }

    #[test]
    fn the_body_parts_are_the_body_in_order() {
        let html = body(
            &["<p>intro</p>", "<T>", "<X>", "<F>", "<Y>", "<N>"],
            Some("<T>"),
            Some("<F>"),
        );
        assert_eq!(
            parts(&BodyView::cut(&html)),
            ["<p>intro</p>", "<T>", "<X>", "<F>", "<Y><N>"]
        );
        let html = body(&["<p>intro</p>", "<T>", "<F>"], Some("<T>"), Some("<F>"));
        assert_eq!(
            parts(&BodyView::cut(&html)),
            ["<p>intro</p>", "<T>", "", "<F>", ""]
        );
    }

    #[test]
    fn a_body_without_timeline_or_five_whys_is_all_before() {
        let html = body(&["<A>", "<B>"], None, None);
        assert_eq!(parts(&BodyView::cut(&html)), ["<A><B>", "", "", "", ""]);
        let html = body(&["<A>", "<F>", "<B>"], None, Some("<F>"));
        assert_eq!(parts(&BodyView::cut(&html)), ["<A>", "", "", "<F>", "<B>"]);
        let html = body(&["<A>", "<T>", "<B>"], Some("<T>"), None);
        assert_eq!(parts(&BodyView::cut(&html)), ["<A>", "<T>", "", "", "<B>"]);
    }

    #[test]
    fn five_whys_before_the_timeline_trade_places_with_it() {
        let html = body(
            &["<A>", "<F>", "<X>", "<T>", "<B>"],
            Some("<T>"),
            Some("<F>"),
        );
        assert_eq!(
            parts(&BodyView::cut(&html)),
            ["<A>", "<T>", "<X>", "<F>", "<B>"]
        );
    }

    #[test]
    fn times_show_their_zone() {
        let at: jiff::Timestamp = "2017-04-07T01:30:00Z".parse().unwrap();
        let fixed = jiff::tz::TimeZone::fixed(jiff::tz::offset(-7));
        assert_eq!(display_time(&at.to_zoned(fixed)), "2017-04-06 18:30 UTC-07");
        let named = jiff::tz::TimeZone::get("America/Vancouver").unwrap();
        assert_eq!(display_time(&at.to_zoned(named)), "2017-04-06 18:30 PDT");
        let utc = at.to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::offset(0)));
        assert_eq!(display_time(&utc), "2017-04-07 01:30 UTC");
    }
}
