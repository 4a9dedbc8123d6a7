//! Every page of the site, one module per kind: which pages exist ([`PageId`]), and for each a
//! function from the shared build data to its template, meta and typed view ([`Page`]); then
//! the rendering of them all, in parallel, with the sitemap, the feed and `incidents.json`.

mod archive;
mod categories;
mod causes;
mod completeness;
mod follow_ups;
mod free;
mod home;
pub mod incident;
mod metrics;
mod not_found;
mod reading_lists;
mod search;
mod terms;
#[cfg(test)]
mod theme_doc;

use super::shared::Shared;
use super::site::PageMeta;
use super::{RenderError, Rendered, Urls, templates};
use crate::model::{KnowledgeBase, TermGroup};
use crate::write::{Content, Sink};
use rayon::prelude::*;
use serde::Serialize;
use std::time::{Duration, Instant};
use tera::{Context, Tera};

/// A page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageId {
    Home,
    Archive,
    Incident(usize),
    CauseIndex,
    Cause(usize),
    CategoryIndex,
    Category(usize),
    TermIndex(TermGroup),
    Term(TermGroup, usize),
    ReadingListIndex,
    ReadingList(usize),
    Free(usize),
    Metrics,
    FollowUps,
    Completeness,
    Search,
    NotFound,
}

/// Every page of `kb`; the search page when the site has search.
pub fn all(kb: &KnowledgeBase, search: bool) -> Vec<PageId> {
    let mut v = vec![
        PageId::Home,
        PageId::Archive,
        PageId::CauseIndex,
        PageId::CategoryIndex,
        PageId::ReadingListIndex,
        PageId::Metrics,
        PageId::FollowUps,
        PageId::Completeness,
        PageId::NotFound,
    ];
    v.extend((0..kb.incidents.len()).map(PageId::Incident));
    v.extend((0..kb.causes.len()).map(PageId::Cause));
    v.extend((0..kb.categories.len()).map(PageId::Category));
    v.extend(TermGroup::ALL.map(PageId::TermIndex));
    for group in TermGroup::ALL {
        v.extend((0..group.terms(kb).len()).map(|i| PageId::Term(group, i)));
    }
    v.extend((0..kb.reading_lists.len()).map(PageId::ReadingList));
    v.extend((0..kb.pages.len()).map(PageId::Free));
    if search {
        v.push(PageId::Search);
    }
    v
}

/// A page ready for its template: which template, what the page is, when its content last
/// changed (for the sitemap), and the template's context.
pub struct Page {
    pub template: &'static str,
    pub meta: PageMeta,
    pub lastmod: Option<String>,
    pub context: tera::TeraResult<Context>,
    /// The context as JSON, for the test that holds `docs/theme.md` to the views.
    #[cfg(test)]
    pub json: serde_json::Value,
}

/// What a template receives: `site`, `page`, and the page's own view, flattened.
#[derive(Serialize)]
struct PageContext<'a, T: Serialize> {
    site: &'a super::site::SiteView,
    page: &'a PageMeta,
    #[serde(flatten)]
    view: T,
}

impl Page {
    pub fn new<T: Serialize>(s: &Shared, template: &'static str, meta: PageMeta, view: T) -> Page {
        let page = PageContext {
            site: &s.site,
            page: &meta,
            view,
        };
        let context = Context::from_serialize(&page);
        #[cfg(test)]
        let json = serde_json::to_value(&page).unwrap_or_default();
        Page {
            template,
            meta,
            lastmod: None,
            context,
            #[cfg(test)]
            json,
        }
    }
}

/// The page `id`.
pub fn build(s: &Shared, id: PageId) -> Page {
    match id {
        PageId::Home => home::page(s),
        PageId::Archive => archive::page(s),
        PageId::Incident(i) => incident::page(s, i),
        PageId::CauseIndex => causes::index(s),
        PageId::Cause(c) => causes::page(s, c),
        PageId::CategoryIndex => categories::index(s),
        PageId::Category(k) => categories::page(s, k),
        PageId::TermIndex(g) => terms::index(s, g),
        PageId::Term(g, t) => terms::page(s, g, t),
        PageId::ReadingListIndex => reading_lists::index(s),
        PageId::ReadingList(i) => reading_lists::page(s, i),
        PageId::Free(i) => free::page(s, i),
        PageId::Metrics => metrics::page(s),
        PageId::FollowUps => follow_ups::page(s),
        PageId::Completeness => completeness::page(s),
        PageId::Search => search::page(s),
        PageId::NotFound => not_found::page(s),
    }
}

/// Where pages go and how they are named: the templates, the URLs, the sink, and the KB root
/// as the user named it (for template errors).
pub struct Output<'a> {
    pub tera: &'a Tera,
    pub urls: &'a Urls,
    pub sink: &'a dyn Sink,
    pub display_root: &'a str,
}

/// A page written: its URL, last change (for the sitemap) and how long it took.
struct Done {
    url: String,
    lastmod: Option<String>,
    /// Whether the sitemap lists it (not the 404 page).
    listed: bool,
    took: Duration,
}

/// What `sitemap.xml` receives: `site`, and every listed page's address.
#[derive(Serialize)]
struct SitemapView<'a> {
    site: &'a super::site::SiteView,
    urls: &'a [SitemapEntry],
}

#[derive(Serialize)]
struct SitemapEntry {
    loc: String,
    lastmod: Option<String>,
}

impl Output<'_> {
    fn error(&self, e: tera::Error) -> RenderError {
        RenderError::Content(vec![templates::template_error(self.display_root, &e)])
    }

    /// Renders `page` and hands it to the sink; its URL.
    fn write(&self, page: Page) -> Result<String, RenderError> {
        let context = page.context.map_err(|e| self.error(e))?;
        let html = self
            .tera
            .render(page.template, &context)
            .map_err(|e| self.error(e))?;
        self.sink
            .put(
                &self.urls.output_path(&page.meta.url),
                Content::Bytes(html.into_bytes()),
            )
            .map_err(RenderError::Io)?;
        Ok(page.meta.url)
    }
}

/// Renders the page of incident `i` into `out`, for a live preview.
pub fn render_incident(s: &Shared, out: &Output, i: usize) -> Result<(), RenderError> {
    out.write(incident::page(s, i)).map(|_| ())
}

/// Renders every page, the sitemap, the feed and `incidents.json` into `out`.
pub fn render_all(s: &Shared, out: &Output, search: bool) -> Result<Rendered, RenderError> {
    let ids = all(s.kb, search);
    let done: Vec<Result<Done, RenderError>> = ids
        .par_iter()
        .map(|&id| {
            if out.sink.stopped() {
                return Err(RenderError::Io(anyhow::anyhow!("the build was called off")));
            }
            let start = Instant::now();
            let page = build(s, id);
            let lastmod = page.lastmod.clone();
            let url = out.write(page)?;
            Ok(Done {
                url,
                lastmod,
                listed: id != PageId::NotFound,
                took: start.elapsed(),
            })
        })
        .collect();
    let mut sitemap = Vec::with_capacity(done.len());
    let mut errors = Vec::new();
    let mut slowest: Option<(String, Duration)> = None;
    for d in done {
        match d {
            Ok(d) => {
                if slowest.as_ref().is_none_or(|(_, t)| d.took > *t) {
                    slowest = Some((d.url.clone(), d.took));
                }
                if d.listed {
                    let rel = d.url.strip_prefix(&out.urls.base_path).unwrap_or(&d.url);
                    sitemap.push(SitemapEntry {
                        loc: out.urls.absolute(rel),
                        lastmod: d.lastmod,
                    });
                }
            }
            Err(RenderError::Content(ds)) => errors.extend(ds),
            Err(io) => return Err(io),
        }
    }
    if !errors.is_empty() {
        errors.dedup();
        return Err(RenderError::Content(errors));
    }
    write_data_files(s, out, &sitemap)?;
    Ok(Rendered {
        pages: ids.len(),
        files: ids.len() + 3,
        plain_code_blocks: s.md.highlighter.too_large_count(),
        slowest,
    })
}

/// The sitemap, the Atom feed and `incidents.json`.
fn write_data_files(s: &Shared, out: &Output, sitemap: &[SitemapEntry]) -> Result<(), RenderError> {
    let ctx = Context::from_serialize(&SitemapView {
        site: &s.site,
        urls: sitemap,
    })
    .map_err(|e| out.error(e))?;
    let xml = out
        .tera
        .render("sitemap.xml", &ctx)
        .map_err(|e| out.error(e))?;
    let put = |path: &str, text: String| {
        out.sink
            .put(path, Content::Bytes(text.into_bytes()))
            .map_err(RenderError::Io)
    };
    put("sitemap.xml", xml)?;
    put("atom.xml", super::feed::atom(s.kb, s.urls, 50))?;
    put("incidents.json", super::feed::incidents_json(s.kb, s.urls))
}
