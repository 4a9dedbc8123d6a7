//! The page a static server shows for an address the site does not have (`404.html`).

use super::Page;
use crate::render::shared::Shared;
use crate::render::site::PageMeta;
use serde::Serialize;

#[derive(Serialize)]
pub struct NotFoundView {}

pub fn page(s: &Shared) -> Page {
    let meta = PageMeta::new("not-found", "", "Page not found", s.urls.at("404.html"), "");
    Page::new(s, "404.html", meta, NotFoundView {})
}
