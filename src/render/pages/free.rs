//! A free page (`content/pages/**`): its body and table of contents.

use super::Page;
use crate::render::markdown::TocEntry;
use crate::render::shared::Shared;
use crate::render::site::PageMeta;
use serde::Serialize;

#[derive(Serialize)]
pub struct FreePageView {
    pub body_html: String,
    pub toc: Vec<TocEntry>,
}

pub fn page(s: &Shared, i: usize) -> Page {
    let p = &s.kb.pages[i];
    let body = s.doc_html(p);
    let meta = PageMeta::new(
        "page",
        "page",
        p.title.clone(),
        s.urls.page(&p.id),
        p.summary.clone().unwrap_or_default(),
    )
    .crumb("Home", s.urls.at(""));
    let view = FreePageView {
        body_html: body.html,
        toc: body.toc,
    };
    Page::new(s, "page.html", meta, view)
}
