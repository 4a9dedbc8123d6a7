//! The pages of the public site (`build --public`), rendered from the public KB (whose
//! internal parts were removed when it was loaded, see `load::public`): the list of
//! public incidents, each incident's page (title, start and end in UTC, duration, impact, the
//! write-up, root causes, what is being done, lessons), and the 404 page. No page links to a
//! cause, service, team, metric or follow-up page: the public site has none.

use super::Page;
use crate::format::human_minutes;
use crate::model::Incident;
use crate::model::When;
use crate::render::markdown::{self, TocEntry};
use crate::render::shared::Shared;
use crate::render::site::PageMeta;
use serde::Serialize;

/// An incident time for the public: in UTC as text, and for the browser's zone by script.
#[derive(Debug, Clone, Serialize)]
pub struct PublicTime {
    /// RFC 3339 in UTC (`2017-04-07T01:30:00Z`), or a day (`2017-04-06`).
    pub iso: String,
    /// `2017-04-07 01:30 UTC`, or the day.
    pub utc: String,
    /// Whether only the day is known (no local time to show).
    pub day: bool,
}

/// An incident in the public list.
#[derive(Debug, Clone, Serialize)]
pub struct PublicSummary {
    pub id: String,
    pub url: String,
    pub title: String,
    pub severity: Option<String>,
    pub started: Option<PublicTime>,
    pub resolved: Option<PublicTime>,
    /// From the start to the end, in words (`2h 5m`).
    pub duration: Option<String>,
    /// Who and what was affected, as plain text.
    pub impact: String,
    /// The summary, as plain text.
    pub excerpt: String,
}

/// An action item as the public sees it: what is being done and where it stands; never who
/// owns it or its ticket.
#[derive(Debug, Clone, Serialize)]
pub struct PublicAction {
    /// The item's text as HTML (inline Markdown).
    pub text: String,
    /// `prevent`, `detect`, `mitigate`, `process`, or nothing.
    pub kind: Option<&'static str>,
    /// `open`, `in-progress`, `done` or `wont-do`.
    pub status: &'static str,
}

/// One incident's public page.
#[derive(Debug, Clone, Serialize)]
pub struct PublicIncident {
    #[serde(flatten)]
    pub summary: PublicSummary,
    /// The write-up, internal parts removed, as HTML.
    pub body: String,
    pub toc: Vec<TocEntry>,
    /// The root causes, then the contributing factors, as the incident states them.
    pub root_causes: Vec<String>,
    pub contributing: Vec<String>,
    pub actions: Vec<PublicAction>,
}

#[derive(Serialize)]
struct HomeView {
    incidents: Vec<PublicSummary>,
}

#[derive(Serialize)]
struct IncidentView {
    incident: PublicIncident,
}

#[derive(Serialize)]
struct NotFoundView {}

/// `2017-04-07 01:30 UTC` and its instant, or the day.
pub fn public_time(w: &When) -> PublicTime {
    match w {
        When::At(z) => {
            let utc = z.with_time_zone(jiff::tz::TimeZone::UTC);
            PublicTime {
                iso: z.timestamp().to_string(),
                utc: utc.strftime("%Y-%m-%d %H:%M UTC").to_string(),
                day: false,
            }
        }
        When::Day(d) => PublicTime {
            iso: d.to_string(),
            utc: d.to_string(),
            day: true,
        },
    }
}

/// The incident as the public list shows it.
pub fn summary(s: &Shared, inc: &Incident) -> PublicSummary {
    let d = &inc.doc;
    PublicSummary {
        id: d.id.clone(),
        url: s.urls.incident(&d.id),
        title: d.title.clone(),
        severity: d.severity.clone(),
        started: d.started.as_ref().map(public_time),
        resolved: d.resolved.as_ref().map(public_time),
        duration: d.time_to_resolve().map(|m| human_minutes(m as f64)),
        impact: d.impact.clone().unwrap_or_default(),
        excerpt: inc.excerpt.clone(),
    }
}

/// The home page: every public incident, newest first.
pub fn home(s: &Shared) -> Page {
    let meta = PageMeta::new(
        "public-home",
        "incidents",
        s.kb.config.title.clone(),
        s.urls.at(""),
        s.kb.config.description.clone(),
    );
    let incidents = s.kb.incidents.iter().map(|i| summary(s, i)).collect();
    Page::new(s, "public-index.html", meta, HomeView { incidents })
}

/// The public page of incident `i`.
pub fn incident(s: &Shared, i: usize) -> Page {
    let inc = &s.kb.incidents[i];
    let d = &inc.doc;
    let html = markdown::render(&s.md, &d.file.rel, &d.file.body_text());
    let policy = &s.kb.url_policy;
    let causes = |root: bool| {
        d.causes
            .iter()
            .filter(|c| c.root == root)
            .map(|c| c.text.clone())
            .collect()
    };
    let incident = PublicIncident {
        summary: summary(s, inc),
        body: html.html,
        toc: html.toc,
        root_causes: causes(true),
        contributing: causes(false),
        actions: d
            .action_items
            .iter()
            .map(|a| PublicAction {
                text: markdown::inline(&a.text, policy),
                kind: a.kind.map(crate::format::ActionKind::as_str),
                status: a.status.as_str(),
            })
            .collect(),
    };
    let mut meta = PageMeta::new(
        "incident",
        "incidents",
        d.title.clone(),
        s.urls.incident(&d.id),
        inc.excerpt.clone(),
    )
    .crumb("Incidents", s.urls.at(""));
    meta.breadcrumbs.truncate(1);
    let mut page = Page::new(s, "public-incident.html", meta, IncidentView { incident });
    page.lastmod = d.updated.or(d.changed).map(|day| day.to_string());
    page
}

/// The public site's 404 page.
pub fn not_found(s: &Shared) -> Page {
    let meta = PageMeta::new("not-found", "", "Page not found", s.urls.at("404.html"), "");
    Page::new(s, "public-404.html", meta, NotFoundView {})
}
