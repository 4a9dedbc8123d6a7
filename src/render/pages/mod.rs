//! Every page of the site, one module per kind: which pages exist ([`PageId`]), and for each a
//! function from the shared build data to its template, meta and typed view ([`Page`]); then
//! the rendering of them all, in parallel, with the sitemap, the feed and the data exports.

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
pub mod public;
mod reading_lists;
mod search;
mod terms;
#[cfg(test)]
mod theme_doc;

use super::shared::Shared;
use super::site::PageMeta;
use super::{RenderError, Rendered, Urls, templates};
use crate::model::TermGroup;
use crate::write::{Content, Sink};
use rayon::prelude::*;
use serde::Serialize;
use std::time::{Duration, Instant};
use tera::{Context, Tera};

/// A page of the site. The last number of a list's page is which page of the list it is,
/// from 1 (see [`crate::render::paginate`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageId {
    Home,
    Archive(usize),
    Incident(usize),
    CauseIndex,
    Cause(usize, usize),
    CategoryIndex,
    Category(usize, usize),
    TermIndex(TermGroup),
    Term(TermGroup, usize, usize),
    ReadingListIndex,
    ReadingList(usize, usize),
    Free(usize),
    Metrics,
    FollowUps(usize),
    /// The open items of one owner (by index in the follow-ups' owners), and of one team.
    FollowUpOwner(usize, usize),
    FollowUpTeam(usize, usize),
    Completeness,
    Search,
    NotFound,
    /// The public site's pages (`build --public`).
    PublicHome,
    PublicIncident(usize),
    PublicNotFound,
}

/// Every page of the site; the search page when the site has search.
pub fn all(s: &Shared, search: bool) -> Vec<PageId> {
    let kb = s.kb;
    let size = kb.config.pagination.page_size;
    let pages = |items: usize| 1..=super::paginate::count(items, size);
    let mut v = vec![
        PageId::Home,
        PageId::CauseIndex,
        PageId::CategoryIndex,
        PageId::ReadingListIndex,
        PageId::Metrics,
        PageId::Completeness,
        PageId::NotFound,
    ];
    v.extend(pages(kb.incidents.len()).map(PageId::Archive));
    v.extend(pages(s.followups.open.len()).map(PageId::FollowUps));
    for (o, q) in s.followups.owners.iter().enumerate() {
        v.extend(pages(q.open.len()).map(|n| PageId::FollowUpOwner(o, n)));
    }
    for (t, q) in s.followups.teams.iter().enumerate() {
        v.extend(pages(q.open.len()).map(|n| PageId::FollowUpTeam(t, n)));
    }
    v.extend((0..kb.incidents.len()).map(PageId::Incident));
    for (c, cause) in kb.causes.iter().enumerate() {
        v.extend(pages(cause.occurrences.len()).map(|n| PageId::Cause(c, n)));
    }
    for (k, category) in kb.categories.iter().enumerate() {
        v.extend(pages(category.causes.len()).map(|n| PageId::Category(k, n)));
    }
    v.extend(TermGroup::ALL.map(PageId::TermIndex));
    for group in TermGroup::ALL {
        for (i, term) in group.terms(kb).iter().enumerate() {
            v.extend(pages(term.incidents.len()).map(|n| PageId::Term(group, i, n)));
        }
    }
    for (i, list) in kb.reading_lists.iter().enumerate() {
        v.extend(pages(list.incidents.len()).map(|n| PageId::ReadingList(i, n)));
    }
    v.extend((0..kb.pages.len()).map(PageId::Free));
    if search {
        v.push(PageId::Search);
    }
    v
}

/// Every page of the public site: its home, each incident, the 404 page and, with search,
/// the search page.
pub fn all_public(s: &Shared, search: bool) -> Vec<PageId> {
    let mut v = vec![PageId::PublicHome, PageId::PublicNotFound];
    v.extend((0..s.kb.incidents.len()).map(PageId::PublicIncident));
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

/// What a template receives: `site` (inserted from [`Shared::site_value`]), `page`, and the
/// page's own view, flattened.
#[derive(Serialize)]
struct PageContext<'a, T: Serialize> {
    page: &'a PageMeta,
    #[serde(flatten)]
    view: T,
}

impl Page {
    pub fn new<T: Serialize>(s: &Shared, template: &'static str, meta: PageMeta, view: T) -> Page {
        let page = PageContext { page: &meta, view };
        let context = Context::from_serialize(&page).map(|mut c| {
            c.insert_value("site", s.site_value.clone());
            c
        });
        #[cfg(test)]
        let json = {
            let mut json = serde_json::to_value(&page).unwrap_or_default();
            json["site"] = serde_json::to_value(&s.site).unwrap_or_default();
            json
        };
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
        PageId::Archive(n) => archive::page(s, n),
        PageId::Incident(i) => incident::page(s, i),
        PageId::CauseIndex => causes::index(s),
        PageId::Cause(c, n) => causes::page(s, c, n),
        PageId::CategoryIndex => categories::index(s),
        PageId::Category(k, n) => categories::page(s, k, n),
        PageId::TermIndex(g) => terms::index(s, g),
        PageId::Term(g, t, n) => terms::page(s, g, t, n),
        PageId::ReadingListIndex => reading_lists::index(s),
        PageId::ReadingList(i, n) => reading_lists::page(s, i, n),
        PageId::Free(i) => free::page(s, i),
        PageId::Metrics => metrics::page(s),
        PageId::FollowUps(n) => follow_ups::page(s, n),
        PageId::FollowUpOwner(o, n) => follow_ups::queue(s, follow_ups::Who::Owner, o, n),
        PageId::FollowUpTeam(t, n) => follow_ups::queue(s, follow_ups::Who::Team, t, n),
        PageId::Completeness => completeness::page(s),
        PageId::Search => search::page(s),
        PageId::NotFound => not_found::page(s),
        PageId::PublicHome => public::home(s),
        PageId::PublicIncident(i) => public::incident(s, i),
        PageId::PublicNotFound => public::not_found(s),
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
        self.put_text(&self.urls.output_path(&page.meta.url), html)?;
        Ok(page.meta.url)
    }

    /// Copies the images beside an incident's file next to its page (at `url`), where the
    /// body's relative addresses find them. The public site gets none: an image of an internal
    /// section would be published with it.
    fn put_images(&self, url: &str, images: &[crate::model::Image]) -> Result<(), RenderError> {
        let page = self.urls.output_path(url);
        let dir = page.strip_suffix("index.html").unwrap_or(&page);
        for image in images {
            self.sink
                .put(
                    &format!("{dir}{}", image.path),
                    Content::Copy(image.source.clone()),
                )
                .map_err(RenderError::Io)?;
        }
        Ok(())
    }

    /// Hands `text` to the sink as the file at `path` (relative to the output).
    fn put_text(&self, path: &str, text: String) -> Result<(), RenderError> {
        self.sink
            .put(path, Content::Bytes(text.into_bytes()))
            .map_err(RenderError::Io)
    }
}

/// Renders the page of incident `i` into `out`, for a live preview.
pub fn render_incident(s: &Shared, out: &Output, i: usize) -> Result<(), RenderError> {
    let url = out.write(incident::page(s, i))?;
    out.put_images(&url, &s.kb.incidents[i].doc.images)
}

/// Renders every page, the sitemap, the feed and `incidents.json` into `out`.
pub fn render_all(s: &Shared, out: &Output, search: bool) -> Result<Rendered, RenderError> {
    render_pages(s, out, all(s, search), false)
}

/// Renders every page of the public site, its sitemap and its Atom and JSON feeds into `out`.
pub fn render_public(s: &Shared, out: &Output, search: bool) -> Result<Rendered, RenderError> {
    render_pages(s, out, all_public(s, search), true)
}

/// Renders the pages `ids` and the data files (of the public site with `public`).
fn render_pages(
    s: &Shared,
    out: &Output,
    ids: Vec<PageId>,
    public: bool,
) -> Result<Rendered, RenderError> {
    // The data files but the sitemap (which lists the pages) are made beside the pages, not
    // after them: at 100k incidents, on their own at the end, they kept one core of two
    // idle for seconds.
    let (done, exports): (Vec<Result<Done, RenderError>>, _) = rayon::join(
        || pages_done(s, out, &ids),
        || write_exports(s, out, public),
    );
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
    let data_files = exports? + write_sitemap(s, out, &sitemap)?;
    Ok(Rendered {
        pages: ids.len(),
        files: ids.len() + data_files,
        plain_code_blocks: s.md.highlighter.too_large_count(),
        slowest,
    })
}

/// Renders the pages `ids`, in parallel, and writes them through `out`.
fn pages_done(s: &Shared, out: &Output, ids: &[PageId]) -> Vec<Result<Done, RenderError>> {
    ids.par_iter()
        .map(|&id| {
            if out.sink.stopped() {
                return Err(RenderError::Io(anyhow::anyhow!("the build was called off")));
            }
            let start = Instant::now();
            let page = build(s, id);
            let lastmod = page.lastmod.clone();
            let url = out.write(page)?;
            if let PageId::Incident(i) = id {
                out.put_images(&url, &s.kb.incidents[i].doc.images)?;
            }
            Ok(Done {
                url,
                lastmod,
                listed: !matches!(id, PageId::NotFound | PageId::PublicNotFound),
                took: start.elapsed(),
            })
        })
        .collect()
}

/// The most URLs one sitemap file may list: the sitemaps protocol's limit.
pub const SITEMAP_MAX_URLS: usize = 50_000;

/// How the sitemap is split: one `sitemap.xml` when the site has at most `max` URLs, else
/// `sitemap-1.xml`, `sitemap-2.xml`... of at most `max` each, which `sitemap.xml` indexes.
fn sitemap_files(urls: &[SitemapEntry], max: usize) -> Vec<(String, &[SitemapEntry])> {
    if urls.len() <= max {
        return vec![("sitemap.xml".to_owned(), urls)];
    }
    urls.chunks(max.max(1))
        .enumerate()
        .map(|(n, chunk)| (format!("sitemap-{}.xml", n + 1), chunk))
        .collect()
}

/// A sitemap index naming each sitemap file by its absolute URL.
fn sitemap_index(locs: &[String]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for loc in locs {
        xml.push_str("  <sitemap><loc>");
        xml.push_str(&crate::render::escape(loc));
        xml.push_str("</loc></sitemap>\n");
    }
    xml.push_str("</sitemapindex>\n");
    xml
}

/// The sitemap: one file, or an index of several past [`SITEMAP_MAX_URLS`], made in
/// parallel. Gives how many files it wrote.
fn write_sitemap(s: &Shared, out: &Output, sitemap: &[SitemapEntry]) -> Result<usize, RenderError> {
    let files = sitemap_files(sitemap, SITEMAP_MAX_URLS);
    files
        .par_iter()
        .map(|(name, urls)| {
            let ctx = Context::from_serialize(&SitemapView {
                site: &s.site,
                urls,
            })
            .map_err(|e| out.error(e))?;
            let xml = out
                .tera
                .render("sitemap.xml", &ctx)
                .map_err(|e| out.error(e))?;
            out.put_text(name, xml)
        })
        .collect::<Result<Vec<()>, RenderError>>()?;
    if files.len() > 1 {
        let locs: Vec<String> = files.iter().map(|(n, _)| out.urls.absolute(n)).collect();
        out.put_text("sitemap.xml", sitemap_index(&locs))?;
        return Ok(files.len() + 1);
    }
    Ok(files.len())
}

/// The Atom feed, the archive's row shards, `incidents.ndjson` and, for KBs small enough,
/// `incidents.json`; for the public site, the Atom feed and the JSON Feed. Gives how many
/// files it wrote.
fn write_exports(s: &Shared, out: &Output, public: bool) -> Result<usize, RenderError> {
    let mut written = 0;
    if public {
        out.put_text("atom.xml", super::feed::atom(s.kb, s.urls, 50))?;
        out.put_text(
            super::feed::JSON_FEED,
            super::feed::json_feed(s.kb, s.urls, 50),
        )?;
        return Ok(2);
    }
    for (path, json) in archive::shards(s) {
        out.put_text(&path, json)?;
        written += 1;
    }
    out.put_text("atom.xml", super::feed::atom(s.kb, s.urls, 50))?;
    out.sink
        .put(
            "incidents.ndjson",
            Content::Parts(super::feed::incidents_ndjson(s.kb, s.urls)),
        )
        .map_err(RenderError::Io)?;
    written += 2;
    if super::feed::writes_json(s.kb.incidents.len()) {
        out.put_text("incidents.json", super::feed::incidents_json(s.kb, s.urls))?;
        written += 1;
    }
    Ok(written)
}

#[cfg(test)]
mod sitemap_tests {
    use super::{SitemapEntry, sitemap_files, sitemap_index};

    fn entries(n: usize) -> Vec<SitemapEntry> {
        (0..n)
            .map(|i| SitemapEntry {
                loc: format!("https://kb.example.com/incidents/{i}/"),
                lastmod: None,
            })
            .collect()
    }

    #[test]
    fn a_site_within_the_limit_has_one_sitemap() {
        let urls = entries(5);
        let files = sitemap_files(&urls, 5);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, "sitemap.xml");
        assert_eq!(files[0].1.len(), 5);
    }

    #[test]
    fn past_the_limit_the_urls_split_into_files_of_at_most_the_limit() {
        let urls = entries(11);
        let files = sitemap_files(&urls, 5);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]);
        let sizes: Vec<usize> = files.iter().map(|(_, u)| u.len()).collect();
        assert_eq!(sizes, [5, 5, 1]);
        // Every URL is in exactly one file, in order.
        let all: Vec<&str> = files
            .iter()
            .flat_map(|(_, u)| u.iter().map(|e| e.loc.as_str()))
            .collect();
        assert_eq!(all, urls.iter().map(|e| e.loc.as_str()).collect::<Vec<_>>());
    }

    #[test]
    fn the_index_names_each_file_escaped() {
        let xml = sitemap_index(&["https://kb.example.com/a&b/sitemap-1.xml".to_owned()]);
        assert!(xml.starts_with("<?xml"));
        assert!(
            xml.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">")
        );
        assert!(xml.contains(
            "<sitemap><loc>https://kb.example.com/a&amp;b/sitemap-1.xml</loc></sitemap>"
        ));
    }
}
