//! The groupings (services, teams, tags, severities, years): an index per group and a page per
//! value, with its incidents (the newest as cards, the rest in a compact table).

use super::Page;
use crate::model::{Term, TermGroup};
use crate::render::cards::{IncidentCard, IncidentRef};
use crate::render::paginate::{self, Paginator};
use crate::render::shared::Shared;
use crate::render::site::PageMeta;
use serde::Serialize;

/// How many incidents a term page shows as full cards before a compact table of the rest.
const SHOWN_IN_FULL: usize = 12;

#[derive(Debug, Clone, Serialize)]
pub struct TermSummary {
    pub id: String,
    pub url: String,
    pub title: String,
    pub description: String,
    pub count: usize,
}

pub fn term_summary(s: &Shared, group: TermGroup, t: &Term) -> TermSummary {
    TermSummary {
        id: t.id.clone(),
        url: s.urls.term(group, &t.id),
        title: t.title.clone(),
        description: t.description.clone(),
        count: t.incidents.len(),
    }
}

/// The nav entry a group's pages sit under.
fn nav_key(group: TermGroup) -> &'static str {
    match group {
        TermGroup::Services => "services",
        _ => "browse",
    }
}

#[derive(Serialize)]
pub struct TermIndexView {
    /// The URL folder of the group (`services`).
    pub group: &'static str,
    pub terms: Vec<TermSummary>,
}

pub fn index(s: &Shared, group: TermGroup) -> Page {
    let title = group.title();
    let view = TermIndexView {
        group: group.folder(),
        terms: group
            .terms(s.kb)
            .iter()
            .map(|t| term_summary(s, group, t))
            // A configured severity no incident has yet.
            .filter(|t| t.count > 0)
            .collect(),
    };
    let meta = PageMeta::new(
        "terms",
        nav_key(group),
        title,
        s.urls.terms(group),
        format!("Incidents by {}.", group.singular()),
    )
    .crumb("Home", s.urls.at(""));
    Page::new(s, "terms.html", meta, view)
}

#[derive(Serialize)]
pub struct TermView<'a> {
    pub group: &'static str,
    pub term: TermSummary,
    /// The description page's body, on the first page only.
    pub body_html: String,
    /// The newest incidents as cards, on the first page only.
    pub incidents: Vec<&'a IncidentCard>,
    /// The rest of this page's incidents, for a compact table.
    pub older: Vec<IncidentRef<'a>>,
    pub paginator: Paginator,
}

/// Page `n` of the term `t` of `group`: the first shows the newest incidents as cards and the
/// rest of its share as rows; the others, rows only.
pub fn page(s: &Shared, group: TermGroup, t: usize, n: usize) -> Page {
    let term = &group.terms(s.kb)[t];
    let size = s.kb.config.pagination.page_size;
    let paginator = Paginator::new(&s.urls.term(group, &term.id), term.incidents.len(), size, n);
    let part = &term.incidents[paginate::range(term.incidents.len(), size, paginator.number)];
    let first = paginator.number == 1;
    let (shown, older) = part.split_at(if first {
        part.len().min(SHOWN_IN_FULL)
    } else {
        0
    });
    let view = TermView {
        group: group.folder(),
        term: term_summary(s, group, term),
        body_html: term
            .doc
            .as_ref()
            .filter(|_| first)
            .map(|d| s.doc_html(d).html)
            .unwrap_or_default(),
        incidents: s.cards(shown),
        older: s.rows(older),
        paginator: paginator.clone(),
    };
    let title = if group == TermGroup::Tags {
        format!("#{}", term.title)
    } else {
        term.title.clone()
    };
    let description = if term.description.is_empty() {
        format!("{} incidents.", term.incidents.len())
    } else {
        term.description.clone()
    };
    let meta = PageMeta::new(
        "term",
        nav_key(group),
        title,
        s.urls.term(group, &term.id),
        description,
    )
    .crumb("Home", s.urls.at(""))
    .crumb(group.title(), s.urls.terms(group))
    .paginated(&paginator);
    Page::new(s, "term.html", meta, view)
}
