//! Reading lists: the index, and a page per list with its introduction and its incidents in
//! reading order.

use super::Page;
use crate::render::cards::IncidentCard;
use crate::render::paginate::{self, Paginator};
use crate::render::shared::Shared;
use crate::render::site::PageMeta;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct ReadingListSummary {
    pub title: String,
    pub url: String,
    pub summary: Option<String>,
    pub count: usize,
}

pub fn list_summary(s: &Shared, i: usize) -> ReadingListSummary {
    let l = &s.kb.reading_lists[i];
    ReadingListSummary {
        title: l.doc.title.clone(),
        url: s.urls.reading_list(&l.doc.id),
        summary: l.doc.summary.clone(),
        count: l.incidents.len(),
    }
}

#[derive(Serialize)]
pub struct ReadingListIndexView {
    pub lists: Vec<ReadingListSummary>,
}

pub fn index(s: &Shared) -> Page {
    let view = ReadingListIndexView {
        lists: (0..s.kb.reading_lists.len())
            .map(|i| list_summary(s, i))
            .collect(),
    };
    let meta = PageMeta::new(
        "reading-lists",
        "reading-lists",
        "Reading lists",
        s.urls.at("reading-lists/"),
        "Curated paths through the archive, to read in order.",
    )
    .crumb("Home", s.urls.at(""));
    Page::new(s, "reading-lists.html", meta, view)
}

#[derive(Serialize)]
pub struct ReadingListView<'a> {
    pub list: ReadingListSummary,
    /// The introduction, on the first page only.
    pub body_html: String,
    /// This page's share of the list, in reading order.
    pub items: Vec<&'a IncidentCard>,
    /// The 1-based position in the list of this page's first item (for `<ol start>`).
    pub start: usize,
    pub paginator: Paginator,
}

/// Page `n` of reading list `i`.
pub fn page(s: &Shared, i: usize, n: usize) -> Page {
    let l = &s.kb.reading_lists[i];
    let size = s.kb.config.pagination.page_size;
    let paginator = Paginator::new(&s.urls.reading_list(&l.doc.id), l.incidents.len(), size, n);
    let part = &l.incidents[paginate::range(l.incidents.len(), size, paginator.number)];
    let view = ReadingListView {
        list: list_summary(s, i),
        body_html: if paginator.number == 1 {
            s.doc_html(&l.doc).html
        } else {
            String::new()
        },
        items: s.cards(part),
        start: paginator.first_item.max(1),
        paginator: paginator.clone(),
    };
    let meta = PageMeta::new(
        "reading-list",
        "reading-lists",
        l.doc.title.clone(),
        s.urls.reading_list(&l.doc.id),
        l.doc.summary.clone().unwrap_or_default(),
    )
    .crumb("Home", s.urls.at(""))
    .crumb("Reading lists", s.urls.at("reading-lists/"))
    .paginated(&paginator);
    Page::new(s, "reading-list.html", meta, view)
}
