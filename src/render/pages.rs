//! Every page of the site: which pages exist (one per incident, cause, category, term, list and
//! free page, plus the indexes), the view each one gets, and its rendering, in parallel.

use super::markdown::{self, MarkdownContext};
use super::views::*;
use super::{Content, RenderError, Rendered, Sink, Urls, highlight::Highlighter, templates};
use crate::model::KnowledgeBase;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use tera::{Context, Tera};

/// How many causes the archive-wide fishbone shows on each bone.
const TOP_PER_BONE: usize = 4;

/// A page to render.
#[derive(Debug, Clone, Copy)]
enum Spec {
    Home,
    Archive,
    Incident(usize),
    CauseIndex,
    Cause(usize),
    CategoryIndex,
    Category(usize),
    TermIndex(usize),
    Term(usize, usize),
    ListIndex,
    List(usize),
    Page(usize),
    Metrics,
    FollowUps,
    Completeness,
    Search,
    NotFound,
}

#[derive(Serialize)]
struct PageContext<'a, T: Serialize> {
    site: &'a SiteView,
    page: PageMeta,
    #[serde(flatten)]
    view: T,
}

#[derive(Serialize)]
struct Empty {}

/// A page written: its URL and last change (for the sitemap).
struct Done {
    url: String,
    lastmod: Option<String>,
    /// Whether the sitemap lists it (not the 404 page).
    listed: bool,
    /// How long the page took, view to written file.
    took: std::time::Duration,
}

#[derive(Serialize)]
struct SitemapEntry {
    loc: String,
    lastmod: Option<String>,
}

fn specs(kb: &KnowledgeBase) -> Vec<Spec> {
    let mut v = vec![
        Spec::Home,
        Spec::Archive,
        Spec::CauseIndex,
        Spec::CategoryIndex,
        Spec::ListIndex,
        Spec::Metrics,
        Spec::FollowUps,
        Spec::Completeness,
        Spec::NotFound,
    ];
    v.extend((0..kb.incidents.len()).map(Spec::Incident));
    v.extend((0..kb.causes.len()).map(Spec::Cause));
    v.extend((0..kb.categories.len()).map(Spec::Category));
    for (g, _) in GROUPS.iter().enumerate() {
        v.push(Spec::TermIndex(g));
    }
    v.extend((0..kb.services.len()).map(|i| Spec::Term(0, i)));
    v.extend((0..kb.teams.len()).map(|i| Spec::Term(1, i)));
    v.extend((0..kb.tags.len()).map(|i| Spec::Term(2, i)));
    v.extend((0..kb.severities.len()).map(|i| Spec::Term(3, i)));
    v.extend((0..kb.years.len()).map(|i| Spec::Term(4, i)));
    v.extend((0..kb.reading_lists.len()).map(Spec::List));
    v.extend((0..kb.pages.len()).map(Spec::Page));
    v
}

/// What every page's view draws on, computed once per build.
fn views<'a>(
    kb: &'a KnowledgeBase,
    urls: &'a Urls,
    assets: &BTreeMap<String, Content>,
    highlighter: &'a Highlighter,
    today: jiff::civil::Date,
    search: Option<&str>,
) -> Views<'a> {
    Views {
        kb,
        urls,
        md: MarkdownContext {
            kb,
            urls,
            highlighter,
        },
        site: site_view(kb, urls, assets, search),
        cards: (0..kb.incidents.len())
            .into_par_iter()
            .map(|i| card(kb, urls, i))
            .collect(),
        today,
        metrics: crate::analyze::metrics::compute(kb),
        facts: kb.incidents.par_iter().map(body_facts).collect(),
        followups: crate::analyze::followups::compute(kb, today),
    }
}

/// Renders one incident's page into `sink`, for a live preview.
#[allow(clippy::too_many_arguments)]
pub fn render_incident(
    kb: &KnowledgeBase,
    tera: &Tera,
    urls: &Urls,
    assets: &BTreeMap<String, Content>,
    display_root: &str,
    sink: &dyn Sink,
    today: jiff::civil::Date,
    search: Option<&str>,
    i: usize,
) -> Result<(), RenderError> {
    let highlighter = Highlighter::default();
    // Only what this page shows: its own facts, and the cards of the incidents it lists.
    let inc = &kb.incidents[i];
    let mut shown: Vec<usize> = inc.related.clone();
    shown.extend(inc.similar.iter().map(|s| s.incident));
    shown.push(i);
    let mut cards = vec![IncidentCard::default(); kb.incidents.len()];
    let mut facts = vec![BodyFacts::default(); kb.incidents.len()];
    for &j in &shown {
        cards[j] = card(kb, urls, j);
    }
    facts[i] = body_facts(inc);
    let views = Views {
        kb,
        urls,
        md: MarkdownContext {
            kb,
            urls,
            highlighter: &highlighter,
        },
        site: site_view(kb, urls, assets, search),
        cards,
        today,
        metrics: crate::analyze::metrics::compute(kb),
        facts,
        followups: Default::default(),
    };
    let (template, url, _, ctx) = page(&views, Spec::Incident(i));
    let error =
        |e: tera::Error| RenderError::Content(vec![templates::template_error(display_root, &e)]);
    let html = tera.render(template, &ctx.map_err(error)?).map_err(error)?;
    sink.put(&urls.output_path(&url), Content::Bytes(html.into_bytes()))
        .map_err(RenderError::Io)
}

/// Renders every page, the sitemap, the feed and `incidents.json` into `sink`.
#[allow(clippy::too_many_arguments)]
pub fn render_all(
    kb: &KnowledgeBase,
    tera: &Tera,
    urls: &Urls,
    assets: &BTreeMap<String, Content>,
    display_root: &str,
    sink: &dyn Sink,
    today: jiff::civil::Date,
    search: Option<&str>,
) -> Result<Rendered, RenderError> {
    let highlighter = Highlighter::default();
    let views = views(kb, urls, assets, &highlighter, today, search);
    let mut specs = specs(kb);
    if search.is_some() {
        specs.push(Spec::Search);
    }
    let done: Vec<Result<Done, RenderError>> = specs
        .par_iter()
        .map(|&spec| {
            if sink.stopped() {
                return Err(RenderError::Io(anyhow::anyhow!("the build was called off")));
            }
            let start = std::time::Instant::now();
            let (template, url, lastmod, ctx) = page(&views, spec);
            let error = |e: tera::Error| {
                RenderError::Content(vec![templates::template_error(display_root, &e)])
            };
            let html = tera.render(template, &ctx.map_err(error)?).map_err(error)?;
            sink.put(&urls.output_path(&url), Content::Bytes(html.into_bytes()))
                .map_err(RenderError::Io)?;
            Ok(Done {
                url,
                lastmod,
                listed: !matches!(spec, Spec::NotFound),
                took: start.elapsed(),
            })
        })
        .collect();
    let mut sitemap = Vec::with_capacity(done.len());
    let mut errors = Vec::new();
    let mut slowest: Option<(String, std::time::Duration)> = None;
    for d in done {
        match d {
            Ok(Done {
                url,
                lastmod,
                listed,
                took,
            }) => {
                if slowest.as_ref().is_none_or(|(_, t)| took > *t) {
                    slowest = Some((url.clone(), took));
                }
                if listed {
                    sitemap.push(SitemapEntry {
                        loc: urls.absolute(url.strip_prefix(&urls.base_path).unwrap_or(&url)),
                        lastmod,
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
    let pages = specs.len();
    let mut ctx = Context::new();
    ctx.insert("site", &views.site);
    ctx.insert("urls", &sitemap);
    let xml = tera
        .render("sitemap.xml", &ctx)
        .map_err(|e| RenderError::Content(vec![templates::template_error(display_root, &e)]))?;
    let put = |path: &str, text: String| {
        sink.put(path, Content::Bytes(text.into_bytes()))
            .map_err(RenderError::Io)
    };
    put("sitemap.xml", xml)?;
    put("atom.xml", super::feed::atom(kb, urls, 50))?;
    put("incidents.json", super::feed::incidents_json(kb, urls))?;
    Ok(Rendered {
        pages,
        files: pages + 3,
        plain_code_blocks: highlighter.too_large_count(),
        slowest,
    })
}

fn context<T: Serialize>(v: &Views, page: PageMeta, view: T) -> tera::TeraResult<Context> {
    Context::from_serialize(&PageContext {
        site: &v.site,
        page,
        view,
    })
}

type Page = (
    &'static str,
    String,
    Option<String>,
    tera::TeraResult<Context>,
);

fn page(v: &Views, spec: Spec) -> Page {
    let kb = v.kb;
    let u = v.urls;
    let home = || v.crumb("Home", u.at(""));
    match spec {
        Spec::Home => {
            let meta = v.page(
                "home",
                "home",
                kb.config.title.clone(),
                u.at(""),
                kb.config.description.clone(),
            );
            (
                "index.html",
                meta.url.clone(),
                None,
                context(v, meta, home_view(v)),
            )
        }
        Spec::Archive => {
            #[derive(Serialize)]
            struct Archive<'a> {
                incidents: Vec<&'a IncidentCard>,
                severities: Vec<String>,
                years: Vec<String>,
            }
            let all: Vec<usize> = (0..kb.incidents.len()).collect();
            let view = Archive {
                incidents: v.cards(&all),
                severities: kb.config.severities.iter().map(|s| s.id.clone()).collect(),
                years: kb.years.iter().map(|y| y.id.clone()).collect(),
            };
            let mut meta = v.page("archive", "incidents", "All incidents", u.at("incidents/"), format!("{} post-mortems, newest first. Sort by any column; filter by text, severity or year.", kb.incidents.len()));
            meta.breadcrumbs.push(home());
            (
                "incidents.html",
                meta.url.clone(),
                None,
                context(v, meta, view),
            )
        }
        Spec::Incident(i) => {
            let inc = &kb.incidents[i];
            let mut meta = v.page(
                "incident",
                "incidents",
                inc.doc.title.clone(),
                u.incident(&inc.doc.id),
                inc.excerpt.clone(),
            );
            meta.breadcrumbs = vec![home(), v.crumb("Incidents", u.at("incidents/"))];
            let lastmod = Some(
                inc.doc
                    .resolved
                    .as_ref()
                    .unwrap_or(&inc.doc.started)
                    .strftime("%Y-%m-%d")
                    .to_string(),
            );
            (
                "incident.html",
                meta.url.clone(),
                lastmod,
                context(
                    v,
                    meta,
                    IncidentWrap {
                        incident: v.incident(i),
                    },
                ),
            )
        }
        Spec::CauseIndex => {
            #[derive(Serialize)]
            struct Causes {
                causes: Vec<CauseSummary>,
                categories: Vec<CategorySummary>,
            }
            let view = Causes {
                causes: (0..kb.causes.len()).map(|c| v.cause_summary(c)).collect(),
                categories: (0..kb.categories.len())
                    .map(|k| v.category_summary(k))
                    .collect(),
            };
            let recurring = kb.causes.iter().filter(|c| c.occurrences.len() > 1).count();
            let mut meta = v.page("causes", "causes", "Causes", u.at("causes/"), format!("{} causes named across the post-mortems; {recurring} of them recurred. The most frequent first.", kb.causes.len()));
            meta.breadcrumbs.push(home());
            (
                "causes.html",
                meta.url.clone(),
                None,
                context(v, meta, view),
            )
        }
        Spec::Cause(c) => {
            let cause = &kb.causes[c];
            let description = cause
                .doc
                .as_ref()
                .and_then(|d| d.summary.clone())
                .unwrap_or_else(|| {
                    format!("A cause seen in {} incidents.", cause.occurrences.len())
                });
            let mut meta = v.page(
                "cause",
                "causes",
                cause.title.clone(),
                u.cause(&cause.id),
                description,
            );
            meta.breadcrumbs = vec![home(), v.crumb("Causes", u.at("causes/"))];
            (
                "cause.html",
                meta.url.clone(),
                None,
                context(v, meta, v.cause(c)),
            )
        }
        Spec::CategoryIndex => {
            #[derive(Serialize)]
            struct Categories {
                categories: Vec<CategorySummary>,
                fishbone_svg: String,
            }
            let top: Vec<_> = kb
                .categories
                .iter()
                .flat_map(|g| {
                    // Recurring causes only: a cause seen once is not a pattern.
                    g.causes
                        .iter()
                        .filter(|&&c| kb.causes[c].occurrences.len() > 1)
                        .take(TOP_PER_BONE)
                })
                .map(|&c| {
                    (
                        c,
                        kb.causes[c].title.clone(),
                        kb.causes[c].root_count > 0,
                        Some(kb.causes[c].occurrences.len()),
                    )
                })
                .collect();
            let fishbone_svg = if top.is_empty() {
                String::new()
            } else {
                crate::render::svg::fishbone::fishbone(
                    "fishbone-kb",
                    &format!("{} incidents", kb.incidents.len()),
                    &v.bones(&top),
                )
            };
            let view = Categories {
                fishbone_svg,
                categories: (0..kb.categories.len())
                    .map(|k| v.category_summary(k))
                    .collect(),
            };
            let mut meta = v.page(
                "categories",
                "categories",
                "Fishbone categories",
                u.at("categories/"),
                "The bones of the fishbone (Ishikawa) diagram: every cause is sorted into one.",
            );
            meta.breadcrumbs.push(home());
            (
                "categories.html",
                meta.url.clone(),
                None,
                context(v, meta, view),
            )
        }
        Spec::Category(k) => {
            #[derive(Serialize)]
            struct Category {
                category: CategorySummary,
                causes: Vec<CauseSummary>,
            }
            let g = &kb.categories[k];
            let view = Category {
                category: v.category_summary(k),
                causes: g.causes.iter().map(|&c| v.cause_summary(c)).collect(),
            };
            let mut meta = v.page(
                "category",
                "categories",
                g.title.clone(),
                u.category(&g.id),
                g.description.clone(),
            );
            meta.breadcrumbs = vec![home(), v.crumb("Categories", u.at("categories/"))];
            (
                "category.html",
                meta.url.clone(),
                None,
                context(v, meta, view),
            )
        }
        Spec::TermIndex(g) => {
            #[derive(Serialize)]
            struct Terms {
                group: &'static str,
                terms: Vec<TermSummary>,
            }
            let (group, title) = GROUPS[g];
            let view = Terms {
                group,
                terms: v
                    .terms(group)
                    .iter()
                    .map(|t| v.term_summary(group, t))
                    .collect(),
            };
            let mut meta = v.page(
                "terms",
                nav_key(group),
                title,
                u.at(&format!("{group}/")),
                format!(
                    "Incidents by {}.",
                    title.to_lowercase().trim_end_matches('s')
                ),
            );
            meta.breadcrumbs.push(home());
            ("terms.html", meta.url.clone(), None, context(v, meta, view))
        }
        Spec::Term(g, t) => {
            #[derive(Serialize)]
            struct TermPage<'a> {
                group: &'static str,
                term: TermSummary,
                body_html: String,
                incidents: Vec<&'a IncidentCard>,
                older: Vec<IncidentRef<'a>>,
            }
            let (group, group_title) = GROUPS[g];
            let term = &v.terms(group)[t];
            let body_html = term
                .doc
                .as_ref()
                .map(|d| markdown::render(&v.md, &d.file.rel, d.file.body()).html)
                .unwrap_or_default();
            let (shown, older) = term
                .incidents
                .split_at(term.incidents.len().min(SHOWN_IN_FULL));
            let view = TermPage {
                group,
                term: v.term_summary(group, term),
                body_html,
                incidents: v.cards(shown),
                older: v.rows(older),
            };
            let title = if group == "tags" {
                format!("#{}", term.title)
            } else {
                term.title.clone()
            };
            let description = if term.description.is_empty() {
                format!("{} incidents.", term.incidents.len())
            } else {
                term.description.clone()
            };
            let mut meta = v.page(
                "term",
                nav_key(group),
                title,
                u.term(group, &term.id),
                description,
            );
            meta.breadcrumbs = vec![home(), v.crumb(group_title, u.at(&format!("{group}/")))];
            ("term.html", meta.url.clone(), None, context(v, meta, view))
        }
        Spec::ListIndex => {
            #[derive(Serialize)]
            struct Lists {
                lists: Vec<ReadingListSummary>,
            }
            let view = Lists {
                lists: (0..kb.reading_lists.len())
                    .map(|i| v.reading_list_summary(i))
                    .collect(),
            };
            let mut meta = v.page(
                "reading-lists",
                "reading-lists",
                "Reading lists",
                u.at("reading-lists/"),
                "Curated paths through the archive, to read in order.",
            );
            meta.breadcrumbs.push(home());
            (
                "reading-lists.html",
                meta.url.clone(),
                None,
                context(v, meta, view),
            )
        }
        Spec::List(i) => {
            #[derive(Serialize)]
            struct List<'a> {
                list: ReadingListSummary,
                body_html: String,
                items: Vec<&'a IncidentCard>,
            }
            let l = &kb.reading_lists[i];
            let view = List {
                list: v.reading_list_summary(i),
                body_html: markdown::render(&v.md, &l.doc.file.rel, l.doc.file.body()).html,
                items: v.cards(&l.incidents),
            };
            let mut meta = v.page(
                "reading-list",
                "reading-lists",
                l.doc.title.clone(),
                u.reading_list(&l.doc.id),
                l.doc.summary.clone().unwrap_or_default(),
            );
            meta.breadcrumbs = vec![home(), v.crumb("Reading lists", u.at("reading-lists/"))];
            (
                "reading-list.html",
                meta.url.clone(),
                None,
                context(v, meta, view),
            )
        }
        Spec::Page(i) => {
            #[derive(Serialize)]
            struct Free {
                body_html: String,
                toc: Vec<markdown::TocEntry>,
            }
            let p = &kb.pages[i];
            let body = markdown::render(&v.md, &p.file.rel, p.file.body());
            let mut meta = v.page(
                "page",
                "page",
                p.title.clone(),
                u.page(&p.id),
                p.summary.clone().unwrap_or_default(),
            );
            meta.breadcrumbs.push(home());
            (
                "page.html",
                meta.url.clone(),
                None,
                context(
                    v,
                    meta,
                    Free {
                        body_html: body.html,
                        toc: body.toc,
                    },
                ),
            )
        }
        Spec::Metrics => {
            let mut meta = v.page("metrics", "metrics", "Metrics", u.at("metrics/"), "Time to detect and to resolve, and how often incidents happen, across the archive.");
            meta.breadcrumbs.push(home());
            (
                "metrics.html",
                meta.url.clone(),
                None,
                context(v, meta, super::analysis::metrics_view(v)),
            )
        }
        Spec::FollowUps => {
            let mut meta = v.page(
                "follow-ups",
                "follow-ups",
                "Follow-ups",
                u.at("follow-ups/"),
                format!(
                    "Every action item from every post-mortem; overdue ones first (as of {}).",
                    v.today
                ),
            );
            meta.breadcrumbs.push(home());
            (
                "follow-ups.html",
                meta.url.clone(),
                None,
                context(v, meta, super::analysis::followups_view(v)),
            )
        }
        Spec::Completeness => {
            let mut meta = v.page("completeness", "completeness", "Completeness", u.at("completeness/"), "How each write-up measures against the post-mortem checklist; the least complete first.");
            meta.breadcrumbs.push(home());
            (
                "completeness.html",
                meta.url.clone(),
                None,
                context(v, meta, super::analysis::completeness_view(v)),
            )
        }
        Spec::Search => {
            let mut meta = v.page(
                "search",
                "",
                "Search",
                u.at("search/"),
                "Search every post-mortem: has this happened before?",
            );
            meta.breadcrumbs.push(home());
            (
                "search.html",
                meta.url.clone(),
                None,
                context(v, meta, Empty {}),
            )
        }
        Spec::NotFound => {
            let meta = v.page("not-found", "", "Page not found", u.at("404.html"), "");
            (
                "404.html",
                meta.url.clone(),
                None,
                context(v, meta, Empty {}),
            )
        }
    }
}

#[derive(Serialize)]
struct IncidentWrap<'a> {
    incident: IncidentView<'a>,
}

fn nav_key(group: &str) -> &'static str {
    match group {
        "services" => "services",
        _ => "browse",
    }
}

fn home_view<'a>(v: &'a Views) -> impl Serialize + 'a {
    #[derive(Serialize)]
    struct Home<'a> {
        stats: Vec<Stat>,
        recent: Vec<&'a IncidentCard>,
        incident_count: usize,
        archive_url: String,
        causes_url: String,
        categories_url: String,
        teams_url: String,
        tags_url: String,
        top_causes: Vec<CauseSummary>,
        /// Incidents from earlier years within a few days of today's date.
        on_this_day: Vec<&'a IncidentCard>,
        reading_lists: Vec<ReadingListSummary>,
        severities: Vec<TermSummary>,
        years: Vec<TermSummary>,
        services: Vec<TermSummary>,
    }
    let kb = v.kb;
    let u = v.urls;
    let recent: Vec<usize> = (0..kb.incidents.len().min(kb.config.recent)).collect();
    Home {
        stats: vec![
            Stat {
                label: "incidents",
                value: kb.incidents.len(),
                url: u.at("incidents/"),
            },
            Stat {
                label: "recurring causes",
                value: kb.causes.iter().filter(|c| c.occurrences.len() > 1).count(),
                url: u.at("causes/"),
            },
            Stat {
                label: "services",
                value: kb.services.len(),
                url: u.at("services/"),
            },
            Stat {
                label: "years",
                value: kb.years.len(),
                url: u.at("years/"),
            },
        ],
        recent: v.cards(&recent),
        incident_count: kb.incidents.len(),
        archive_url: u.at("incidents/"),
        causes_url: u.at("causes/"),
        categories_url: u.at("categories/"),
        teams_url: u.at("teams/"),
        tags_url: u.at("tags/"),
        top_causes: (0..kb.causes.len().min(8))
            .filter(|&c| kb.causes[c].occurrences.len() > 1)
            .map(|c| v.cause_summary(c))
            .collect(),
        on_this_day: on_this_day(v),
        reading_lists: (0..kb.reading_lists.len())
            .map(|i| v.reading_list_summary(i))
            .collect(),
        severities: kb
            .severities
            .iter()
            .map(|t| v.term_summary("severities", t))
            .collect(),
        years: kb
            .years
            .iter()
            .map(|t| v.term_summary("years", t))
            .collect(),
        services: kb
            .services
            .iter()
            .take(12)
            .map(|t| v.term_summary("services", t))
            .collect(),
    }
}

/// Incidents of earlier years that started within three days of today's day and month.
fn on_this_day<'a>(v: &'a Views) -> Vec<&'a IncidentCard> {
    let today = v.today;
    v.kb.incidents
        .iter()
        .enumerate()
        .filter(|(_, inc)| {
            let d = inc.doc.started.date();
            d.year() < today.year()
                && d.with()
                    .year(today.year())
                    .build()
                    .is_ok_and(|same| (same - today).get_days().abs() <= 3)
        })
        .map(|(i, _)| &v.cards[i])
        .take(5)
        .collect()
}

fn site_view(
    kb: &KnowledgeBase,
    urls: &Urls,
    assets: &BTreeMap<String, Content>,
    search: Option<&str>,
) -> SiteView {
    let asset = |path: &str| {
        let hash = match assets.get(path) {
            Some(Content::Bytes(b)) => super::short_hash(b),
            Some(Content::Copy(p)) => std::fs::read(p)
                .map(|b| super::short_hash(&b))
                .unwrap_or_default(),
            None => String::new(),
        };
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
            .map(|p| Link {
                title: p.title.clone(),
                url: urls.page(&p.id),
                count: None,
            })
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
        },
        search: search.map(|manifest| SearchView {
            page: urls.at("search/"),
            manifest: urls.at(manifest),
        }),
        feed: urls.at("atom.xml"),
        generator: format!("hindsight {}", env!("CARGO_PKG_VERSION")),
        csp: super::CSP,
    }
}
