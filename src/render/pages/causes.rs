//! The causes: the index of every shared cause with the categories, and a page per cause with
//! its occurrences, the action items that addressed it, and every time it came back after a
//! fix was marked done.

use super::Page;
use super::categories::{CategorySummary, category_summary};
use crate::render::actions::{self, ActionRow, RecurrenceView};
use crate::render::cards::{IncidentCard, IncidentRef};
use crate::render::paginate::{self, Paginator};
use crate::render::shared::Shared;
use crate::render::site::{Link, PageMeta};
use serde::Serialize;

/// How many action items (and recurrences) a cause page lists.
const SHOWN_ACTIONS: usize = 20;

/// How many occurrences a cause page shows as full cards before a compact table of the rest.
const SHOWN_IN_FULL: usize = 12;

/// A shared cause as the cause index, category pages and home page list it.
#[derive(Debug, Clone, Serialize)]
pub struct CauseSummary {
    pub id: String,
    pub url: String,
    pub title: String,
    pub summary: Option<String>,
    pub category: String,
    pub category_title: String,
    pub category_url: String,
    pub count: usize,
    pub root_count: usize,
    /// Whether it is a broad cause: shown as "broad cause · in N of M incidents", never as a
    /// recurrence.
    pub broad: bool,
    /// How many incidents the KB has (the M of "in N of M incidents").
    pub incident_total: usize,
    pub first_seen: String,
    pub last_seen: String,
}

pub fn cause_summary(s: &Shared, ci: usize) -> CauseSummary {
    let c = &s.kb.causes[ci];
    // Undated occurrences come first (the incidents are newest first, undated last): the
    // first and last seen are the dated ones.
    let dates: Vec<String> = (c.occurrences.iter())
        .filter_map(|o| s.kb.incidents[o.incident].doc.date())
        .map(|d| d.to_string())
        .collect();
    CauseSummary {
        id: c.id.clone(),
        url: s.urls.cause(&c.id),
        title: c.title.clone(),
        summary: c.doc.as_ref().and_then(|d| d.summary.clone()),
        category: c.category.clone(),
        category_title: s
            .kb
            .config
            .category(&c.category)
            .map_or_else(|| c.category.clone(), |x| x.title.clone()),
        category_url: s.urls.category(&c.category),
        count: c.occurrences.len(),
        root_count: c.root_count,
        broad: c.broad,
        incident_total: s.kb.incidents.len(),
        first_seen: dates.first().cloned().unwrap_or_default(),
        last_seen: dates.last().cloned().unwrap_or_default(),
    }
}

#[derive(Serialize)]
pub struct CauseIndexView {
    pub causes: Vec<CauseSummary>,
    pub categories: Vec<CategorySummary>,
}

pub fn index(s: &Shared) -> Page {
    let kb = s.kb;
    let view = CauseIndexView {
        causes: (0..kb.causes.len()).map(|c| cause_summary(s, c)).collect(),
        categories: (0..kb.categories.len())
            .map(|k| category_summary(s, k))
            .collect(),
    };
    let recurring = kb.causes.iter().filter(|c| c.recurs()).count();
    let broad = match kb.causes.iter().filter(|c| c.broad).count() {
        0 => String::new(),
        1 => " One is a broad cause, too common to tell incidents apart.".into(),
        n => format!(" {n} are broad causes, too common to tell incidents apart."),
    };
    let meta = PageMeta::new(
        "causes",
        "causes",
        "Causes",
        s.urls.at("causes/"),
        format!(
            "{} cause{} named across the post-mortems; {recurring} of them recurred.{broad} The most frequent first.",
            kb.causes.len(),
            crate::format::plural_s(kb.causes.len())
        ),
    )
    .crumb("Home", s.urls.at(""));
    Page::new(s, "causes.html", meta, view)
}

/// One place the cause appeared: the incident, and the cause as that incident states it.
#[derive(Debug, Clone, Serialize)]
pub struct OccurrenceView<'c> {
    pub incident: &'c IncidentCard,
    pub text: String,
    pub root: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct CauseView<'c> {
    pub cause: CauseSummary,
    pub body_html: String,
    /// The most recent occurrences, shown in full.
    pub occurrences: Vec<OccurrenceView<'c>>,
    /// The rest, newest first, for a compact table.
    pub older: Vec<IncidentRef<'c>>,
    /// Action items of the incidents where this was a root cause, the most recent first.
    pub actions: Vec<ActionRow<'c>>,
    /// How many more such items there are than `actions` shows.
    pub more_actions: usize,
    /// Fixes marked done after which the cause appeared again.
    pub recurrences: Vec<RecurrenceView<'c>>,
    pub backlinks: Vec<Link>,
    /// Which page of the occurrences this is; only the first shows the description, the
    /// occurrences in full, the action items, recurrences and backlinks.
    pub paginator: Paginator,
}

/// Page `n` of cause `ci`.
pub fn page(s: &Shared, ci: usize, n: usize) -> Page {
    let cause = &s.kb.causes[ci];
    let description = cause
        .doc
        .as_ref()
        .and_then(|d| d.summary.clone())
        .unwrap_or_else(|| {
            let n = cause.occurrences.len();
            if cause.broad {
                format!(
                    "A broad cause, in {n} of {} incidents.",
                    s.kb.incidents.len()
                )
            } else {
                format!("A cause seen in {n} incidents.")
            }
        });
    let meta = PageMeta::new(
        "cause",
        "causes",
        cause.title.clone(),
        s.urls.cause(&cause.id),
        description,
    )
    .crumb("Home", s.urls.at(""))
    .crumb("Causes", s.urls.at("causes/"));
    let view = view(s, ci, n);
    let meta = meta.paginated(&view.paginator);
    Page::new(s, "cause.html", meta, view)
}

fn view<'c>(s: &'c Shared, ci: usize, n: usize) -> CauseView<'c> {
    let c = &s.kb.causes[ci];
    let size = s.kb.config.pagination.page_size;
    let paginator = Paginator::new(&s.urls.cause(&c.id), c.occurrences.len(), size, n);
    let first = paginator.number == 1;
    let newest_first: Vec<_> = c.occurrences.iter().rev().collect();
    let part = &newest_first[paginate::range(newest_first.len(), size, paginator.number)];
    let (shown, older) = part.split_at(if first {
        part.len().min(SHOWN_IN_FULL)
    } else {
        0
    });
    let (items, recurrences) = match &s.followups.by_cause[ci] {
        both if first => (both.0.as_slice(), both.1.as_slice()),
        _ => (&[][..], &[][..]),
    };
    CauseView {
        paginator,
        cause: cause_summary(s, ci),
        body_html: c
            .doc
            .as_ref()
            .filter(|_| first)
            .map(|d| s.doc_html(d).html)
            .unwrap_or_default(),
        older: older
            .iter()
            .map(|o| (&s.cards[o.incident]).into())
            .collect(),
        occurrences: shown
            .iter()
            .map(|o| {
                let entry = &s.kb.incidents[o.incident].doc.causes[o.entry];
                OccurrenceView {
                    incident: &s.cards[o.incident],
                    text: entry.text.clone(),
                    root: entry.root,
                }
            })
            .collect(),
        actions: items
            .iter()
            .rev()
            .take(SHOWN_ACTIONS)
            .map(|r| actions::row(s, *r))
            .collect(),
        more_actions: items.len().saturating_sub(SHOWN_ACTIONS),
        recurrences: recurrences
            .iter()
            .rev()
            .take(SHOWN_ACTIONS)
            .map(|r| actions::recurrence(s, r))
            .collect(),
        backlinks: if first {
            c.backlinks.iter().map(|&t| s.link_to(t)).collect()
        } else {
            Vec::new()
        },
    }
}
