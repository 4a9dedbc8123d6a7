//! The fishbone categories: the index, with an archive-wide fishbone of the causes that
//! recurred most (broad causes left out), and a page per category listing its causes.

use super::Page;
use super::causes::{CauseSummary, cause_summary};
use crate::render::diagrams::{OnBone, bones};
use crate::render::paginate::{self, Paginator};
use crate::render::shared::Shared;
use crate::render::site::PageMeta;
use serde::Serialize;

/// How many causes the archive-wide fishbone shows on each bone.
const TOP_PER_BONE: usize = 4;

#[derive(Debug, Clone, Serialize)]
pub struct CategorySummary {
    pub id: String,
    pub url: String,
    pub title: String,
    pub description: String,
    pub cause_count: usize,
    pub incident_count: usize,
}

pub fn category_summary(s: &Shared, k: usize) -> CategorySummary {
    let g = &s.kb.categories[k];
    CategorySummary {
        id: g.id.clone(),
        url: s.urls.category(&g.id),
        title: g.title.clone(),
        description: g.description.clone(),
        cause_count: g.causes.len(),
        incident_count: g
            .causes
            .iter()
            .map(|&c| s.kb.causes[c].occurrences.len())
            .sum(),
    }
}

#[derive(Serialize)]
pub struct CategoryIndexView {
    pub categories: Vec<CategorySummary>,
    pub fishbone_svg: String,
}

pub fn index(s: &Shared) -> Page {
    let kb = s.kb;
    let top: Vec<OnBone> = kb
        .categories
        .iter()
        .flat_map(|g| {
            // Recurring causes only: a cause seen once is not a pattern, and a broad one is
            // in too many incidents to be one.
            g.causes
                .iter()
                .filter(|&&c| kb.causes[c].recurs())
                .take(TOP_PER_BONE)
        })
        .map(|&c| OnBone {
            cause: c,
            text: kb.causes[c].title.clone(),
            root: kb.causes[c].root_count > 0,
            count: Some(kb.causes[c].occurrences.len()),
        })
        .collect();
    let fishbone_svg = if top.is_empty() {
        String::new()
    } else {
        crate::render::svg::fishbone::fishbone(
            "fishbone-kb",
            &format!("{} incidents", kb.incidents.len()),
            &bones(s, &top),
        )
    };
    let view = CategoryIndexView {
        fishbone_svg,
        categories: (0..kb.categories.len())
            .map(|k| category_summary(s, k))
            .collect(),
    };
    let meta = PageMeta::new(
        "categories",
        "categories",
        "Fishbone categories",
        s.urls.at("categories/"),
        "The bones of the fishbone (Ishikawa) diagram: every cause is sorted into one.",
    )
    .crumb("Home", s.urls.at(""));
    Page::new(s, "categories.html", meta, view)
}

#[derive(Serialize)]
pub struct CategoryView {
    pub category: CategorySummary,
    /// This page's share of the category's causes.
    pub causes: Vec<CauseSummary>,
    pub paginator: Paginator,
}

/// Page `n` of category `k`.
pub fn page(s: &Shared, k: usize, n: usize) -> Page {
    let g = &s.kb.categories[k];
    let size = s.kb.config.pagination.page_size;
    let paginator = Paginator::new(&s.urls.category(&g.id), g.causes.len(), size, n);
    let view = CategoryView {
        category: category_summary(s, k),
        causes: g.causes[paginate::range(g.causes.len(), size, paginator.number)]
            .iter()
            .map(|&c| cause_summary(s, c))
            .collect(),
        paginator: paginator.clone(),
    };
    let meta = PageMeta::new(
        "category",
        "categories",
        g.title.clone(),
        s.urls.category(&g.id),
        g.description.clone(),
    )
    .crumb("Home", s.urls.at(""))
    .crumb("Categories", s.urls.at("categories/"))
    .paginated(&paginator);
    Page::new(s, "category.html", meta, view)
}
