//! What every page's template receives besides its own view: [`SiteView`] (`site`: the KB's
//! title, navigation, asset URLs, search, policy) and [`PageMeta`] (`page`: this page's
//! title, URL, description and breadcrumbs).

use super::Urls;
use crate::model::KnowledgeBase;
use crate::write::Content;
use serde::Serialize;
use std::collections::BTreeMap;

/// A titled link.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

impl Link {
    pub fn new(title: impl Into<String>, url: String) -> Link {
        Link {
            title: title.into(),
            url,
        }
    }
}

/// What every page knows about the site.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub language: String,
    pub home: String,
    pub base: String,
    pub nav: Vec<NavItem>,
    pub pages: Vec<Link>,
    pub assets: Assets,
    pub feed: String,
    /// The data exports the footer links: `incidents.json` for KBs small enough to have it,
    /// and `incidents.ndjson`.
    pub exports: Vec<Link>,
    pub generator: String,
    /// The Content-Security-Policy every page declares (see [`super::CSP`]).
    pub csp: &'static str,
    /// The static search, when the KB has it.
    pub search: Option<SearchView>,
    /// How incident pages show their checklist: `badge`, `banner` or `off` (`[completeness]`).
    pub completeness: &'static str,
}

/// Where the static search lives.
#[derive(Debug, Clone, Serialize)]
pub struct SearchView {
    /// The search page.
    pub page: String,
    /// The index manifest the client starts from.
    pub manifest: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    pub key: &'static str,
    pub title: &'static str,
    pub url: String,
}

/// URLs of the theme's assets, with a content hash so browsers never see a stale one.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Assets {
    pub style: String,
    pub syntax: String,
    pub site_js: String,
    pub archive_js: String,
    pub diagrams: String,
    pub charts: String,
    pub search_js: String,
    /// Applies the reader's dark or light choice before the page is drawn.
    pub theme_init: String,
    /// Shows each `<time data-local>` in the reader's zone too (the public site).
    pub local_time: String,
}

/// What a page is about: its title, URL and where it sits.
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    /// The page kind (`incident`, `cause`...), the body's `kind-...` class.
    pub kind: &'static str,
    pub title: String,
    pub url: String,
    pub description: String,
    pub breadcrumbs: Vec<Link>,
    /// The nav entry to highlight.
    pub section: &'static str,
    /// The previous and next pages of a list split into pages (`<link rel="prev">`).
    pub previous: Option<String>,
    pub next: Option<String>,
}

impl PageMeta {
    pub fn new(
        kind: &'static str,
        section: &'static str,
        title: impl Into<String>,
        url: String,
        description: impl Into<String>,
    ) -> PageMeta {
        PageMeta {
            kind,
            title: title.into(),
            url,
            description: description.into(),
            breadcrumbs: Vec::new(),
            section,
            previous: None,
            next: None,
        }
    }

    /// The same page as page `p.number` of a list: its URL, a title and description that
    /// say which page it is, and its previous and next pages.
    pub fn paginated(mut self, p: &super::paginate::Paginator) -> PageMeta {
        self.url = super::paginate::url(&self.url, p.number);
        let suffix = p.title_suffix();
        self.title.push_str(&suffix);
        if !suffix.is_empty() {
            self.description = format!(
                "{} Entries {} to {} of {}.",
                self.description, p.first_item, p.last_item, p.total_items
            );
        }
        self.previous = p.previous.clone();
        self.next = p.next.clone();
        self
    }

    /// The same page with one more breadcrumb.
    pub fn crumb(mut self, title: &str, url: String) -> PageMeta {
        self.breadcrumbs.push(Link::new(title, url));
        self
    }
}

/// The site view of `kb`: `assets` are the files the theme serves, whose content hashes go in
/// their URLs; `search` is the static search's manifest, when the KB has search.
pub fn site_view(
    kb: &KnowledgeBase,
    urls: &Urls,
    assets: &BTreeMap<String, Content>,
    search: Option<&str>,
) -> SiteView {
    let asset = |path: &str| {
        let hash = assets
            .get(path)
            .map(|c| super::short_hash(&c.bytes()))
            .unwrap_or_default();
        format!("{}?v={hash}", urls.at(path))
    };
    let nav = |key, title, rel: &str| NavItem {
        key,
        title,
        url: urls.at(rel),
    };
    SiteView {
        title: kb.config.title.clone(),
        description: kb.config.description.clone(),
        language: kb.config.language.clone(),
        home: urls.at(""),
        base: urls.base_path.clone(),
        nav: vec![
            nav("incidents", "Incidents", "incidents/"),
            nav("causes", "Causes", "causes/"),
            nav("categories", "Categories", "categories/"),
            nav("services", "Services", "services/"),
            nav("reading-lists", "Reading lists", "reading-lists/"),
            nav("metrics", "Metrics", "metrics/"),
            nav("follow-ups", "Follow-ups", "follow-ups/"),
        ],
        pages: kb
            .pages
            .iter()
            .map(|p| Link::new(p.title.clone(), urls.page(&p.id)))
            .collect(),
        assets: Assets {
            style: asset("assets/style.css"),
            syntax: asset("assets/syntax.css"),
            site_js: asset("assets/site.js"),
            archive_js: asset("assets/archive.js"),
            diagrams: asset("assets/diagrams.css"),
            charts: asset("assets/charts.css"),
            search_js: asset("assets/search.js"),
            theme_init: asset("assets/theme-init.js"),
            local_time: asset("assets/local-time.js"),
        },
        completeness: kb.config.completeness.show.as_str(),
        search: search.map(|manifest| SearchView {
            page: urls.at("search/"),
            manifest: urls.at(manifest),
        }),
        feed: urls.at("atom.xml"),
        exports: ["incidents.json", "incidents.ndjson"]
            .into_iter()
            .filter(|f| *f != "incidents.json" || super::feed::writes_json(kb.incidents.len()))
            .map(|f| Link::new(f, urls.at(f)))
            .collect(),
        generator: format!("hindsight {}", env!("CARGO_PKG_VERSION")),
        csp: super::CSP,
    }
}

/// The site view of the public site: one nav entry (its incidents), no free pages, and the
/// JSON Feed as its only export.
pub fn make_public(site: &mut SiteView, urls: &Urls) {
    site.nav = vec![NavItem {
        key: "incidents",
        title: "Incidents",
        url: urls.at(""),
    }];
    site.pages = Vec::new();
    site.exports = vec![Link::new("JSON Feed", urls.at(super::feed::JSON_FEED))];
    site.completeness = "off";
}
