//! An incident as lists show it: [`IncidentCard`] (built once per build for every incident and
//! shared by every page that lists it) and [`IncidentRef`], the lighter row of compact tables.

use super::Urls;
use super::site::Link;
use crate::format::human_minutes;
use crate::model::{KnowledgeBase, TermGroup};
use serde::Serialize;

/// An incident as lists show it.
#[derive(Debug, Clone, Serialize, Default)]
pub struct IncidentCard {
    pub id: String,
    pub url: String,
    pub title: String,
    pub severity: String,
    pub severity_url: String,
    pub severity_rank: usize,
    pub status: &'static str,
    /// Also on the public site (`visibility: public`).
    pub public: bool,
    /// `2017-06-13`, or `Undated`.
    pub date: String,
    /// The start for machines: an RFC 3339 instant, a day, or "" when undated.
    pub started_iso: String,
    /// `None` when undated.
    pub year: Option<i16>,
    pub excerpt: String,
    pub services: Vec<Link>,
    pub tags: Vec<Link>,
    /// Time to resolve, in words and in minutes (for sorting).
    pub duration: Option<String>,
    pub duration_minutes: Option<i64>,
    pub cause_count: usize,
    /// Minutes to read the write-up, at 200 words a minute.
    pub reading_minutes: usize,
}

/// The card of incident `i`, as every list shows it.
pub fn card(kb: &KnowledgeBase, urls: &Urls, i: usize) -> IncidentCard {
    let inc = &kb.incidents[i];
    let d = &inc.doc;
    let ttr = d.time_to_resolve();
    let severity = d.severity_id();
    IncidentCard {
        id: d.id.clone(),
        url: urls.incident(&d.id),
        title: d.title.clone(),
        severity: severity.to_string(),
        severity_url: urls.term(TermGroup::Severities, severity),
        severity_rank: kb.config.severity_rank(severity).unwrap_or(usize::MAX),
        status: d.status.as_str(),
        public: d.visibility == crate::format::Visibility::Public,
        date: d
            .date()
            .map_or_else(|| "Undated".to_string(), |d| d.to_string()),
        started_iso: d.started.as_ref().map(|w| w.iso()).unwrap_or_default(),
        year: inc.year,
        excerpt: inc.excerpt.clone(),
        services: d
            .services
            .iter()
            .map(|s| term_link(urls, TermGroup::Services, s))
            .collect(),
        tags: d
            .tags
            .iter()
            .map(|s| term_link(urls, TermGroup::Tags, s))
            .collect(),
        duration: ttr.map(|m| human_minutes(m as f64)),
        duration_minutes: ttr,
        cause_count: d.causes.len(),
        reading_minutes: d.body.words.div_ceil(200).max(1) as usize,
    }
}

/// A link to the page of a value of a grouping, titled with the value.
pub fn term_link(urls: &Urls, group: TermGroup, id: &str) -> Link {
    Link::new(id, urls.term(group, id))
}

/// An incident as a table row names it: title, link and date (lighter than a card).
#[derive(Debug, Clone, Serialize)]
pub struct IncidentRef<'c> {
    pub url: &'c str,
    pub title: &'c str,
    pub date: &'c str,
    pub started_iso: &'c str,
    pub severity: &'c str,
    pub duration: Option<&'c str>,
}

impl<'c> From<&'c IncidentCard> for IncidentRef<'c> {
    fn from(c: &'c IncidentCard) -> Self {
        IncidentRef {
            url: &c.url,
            title: &c.title,
            date: &c.date,
            started_iso: &c.started_iso,
            severity: &c.severity,
            duration: c.duration.as_deref(),
        }
    }
}
