//! The search page: the static search client draws it in the browser.

use super::Page;
use crate::render::shared::Shared;
use crate::render::site::PageMeta;
use serde::Serialize;

#[derive(Serialize)]
pub struct SearchPageView {}

pub fn page(s: &Shared) -> Page {
    let meta = PageMeta::new(
        "search",
        "",
        "Search",
        s.urls.at("search/"),
        "Search every post-mortem: has this happened before?",
    )
    .crumb("Home", s.urls.at(""));
    Page::new(s, "search.html", meta, SearchPageView {})
}
