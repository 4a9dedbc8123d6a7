//! Render stage: `&KnowledgeBase` -> every file of the site, pages rendered in parallel and
//! handed to a [`Sink`] as they are done (the write stage's staging folder), so the site is
//! never held in memory whole.

pub mod actions;
pub mod cards;
mod diagrams;
pub mod feed;
pub mod highlight;
pub mod markdown;
pub mod pages;
pub mod paginate;
pub mod shared;
pub mod site;
pub mod svg;
pub mod templates;
pub mod theme;
pub mod urls;

use crate::diag::{Diagnostic, Pos};
use crate::model::KnowledgeBase;
use crate::write::{Content, Sink};
use std::collections::BTreeMap;
use std::path::Path;
pub use urls::Urls;

/// What rendering produced.
#[derive(Debug, Default)]
pub struct Rendered {
    /// HTML pages written.
    pub pages: usize,
    /// All files written, pages included.
    pub files: usize,
    /// Code blocks shown without highlighting because of their size.
    pub plain_code_blocks: usize,
    /// The page that took longest to render, and how long.
    pub slowest: Option<(String, std::time::Duration)>,
}

/// Why rendering stopped: a problem in the KB's templates or config, or an I/O failure.
#[derive(Debug)]
pub enum RenderError {
    Content(Vec<Diagnostic>),
    Io(anyhow::Error),
}

impl From<Vec<Diagnostic>> for RenderError {
    fn from(d: Vec<Diagnostic>) -> Self {
        RenderError::Content(d)
    }
}

/// Options that change the rendered output.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    pub base_url: String,
    /// The day overdue action items are measured against.
    pub today: jiff::civil::Date,
    /// The static search's manifest (`search/manifest-....json`), when the KB has search.
    pub search: Option<String>,
    /// The public site (`build --public`): only its pages, of a KB loaded public.
    pub public: bool,
}

/// The Content-Security-Policy of every page (a `<meta>` tag in the built site, a header under
/// `serve`): scripts only from the site's own files, never inline or from another origin, no
/// plugins, and forms and `<base>` only to the site itself. Styles may be inline (Markdown
/// tables align their cells with `style`); images may come from other web servers, as
/// post-mortems embed dashboards' screenshots.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https: http:; object-src 'none'; base-uri 'self'; form-action 'self'";

/// HTML-escapes text for element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len() + 8);
    // Writing into a Vec cannot fail, and escaping keeps UTF-8 valid.
    let _ = tera::escape_html(s, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// What every page is rendered with: the templates, the URLs and the static assets (the
/// theme's and the KB's, and the syntax stylesheet of the configured themes).
fn prepare(
    kb: &KnowledgeBase,
    root: &Path,
    display_root: &str,
    opts: &RenderOptions,
) -> Result<(tera::Tera, Urls, BTreeMap<String, Content>), RenderError> {
    let tera = templates::load(root, display_root)?;
    let urls = Urls::new(&opts.base_url);
    let config_path = crate::join_display(display_root, "hindsight.toml");
    let syntax_css = highlight::stylesheet(
        &kb.config.markdown.highlight_theme,
        &kb.config.markdown.highlight_theme_dark,
    )
    .map_err(|e| vec![Diagnostic::error(&config_path, Pos::START, "config", e)])?;
    let mut assets = static_files(root);
    assets.insert(
        "assets/syntax.css".into(),
        Content::Bytes(syntax_css.into_bytes()),
    );
    Ok((tera, urls, assets))
}

/// Renders the site of `kb` (whose root is `root`) into `sink`.
pub fn render(
    kb: &KnowledgeBase,
    root: &Path,
    display_root: &str,
    opts: &RenderOptions,
    sink: &dyn Sink,
) -> Result<Rendered, RenderError> {
    let (tera, urls, mut assets) = prepare(kb, root, display_root, opts)?;
    if !opts.public {
        // Only the public site's pages load them: the site does not ship files it never uses.
        for path in theme::PUBLIC_ONLY {
            assets.remove(*path);
        }
    }
    let highlighter = highlight::Highlighter::default();
    let mut site = site::site_view(kb, &urls, &assets, opts.search.as_deref());
    if opts.public {
        site::make_public(&mut site, &urls);
    }
    let shared = shared::Shared::for_site(kb, &urls, &highlighter, site, opts.today);
    let out = pages::Output {
        tera: &tera,
        urls: &urls,
        sink,
        display_root,
    };
    let mut rendered = if opts.public {
        pages::render_public(&shared, &out, opts.search.is_some())?
    } else {
        pages::render_all(&shared, &out, opts.search.is_some())?
    };
    for (path, content) in assets {
        sink.put(&path, content).map_err(RenderError::Io)?;
        rendered.files += 1;
    }
    Ok(rendered)
}

/// Renders one incident's page (the rest of the site as it was), for a live preview.
pub fn render_incident(
    kb: &KnowledgeBase,
    root: &Path,
    display_root: &str,
    opts: &RenderOptions,
    sink: &dyn Sink,
    i: usize,
) -> Result<(), RenderError> {
    let (tera, urls, assets) = prepare(kb, root, display_root, opts)?;
    let highlighter = highlight::Highlighter::default();
    let site = site::site_view(kb, &urls, &assets, opts.search.as_deref());
    let shared = shared::Shared::for_incident(kb, &urls, &highlighter, site, opts.today, i);
    let out = pages::Output {
        tera: &tera,
        urls: &urls,
        sink,
        display_root,
    };
    pages::render_incident(&shared, &out, i)
}

/// Static files by output path: the built-in theme's (its scripts compacted), then the KB's
/// `theme/static/`, then its `static/`, as they are; a later one replaces an earlier one at
/// the same path.
fn static_files(root: &Path) -> BTreeMap<String, Content> {
    let mut files: BTreeMap<String, Content> = theme::STATIC
        .iter()
        .map(|(p, c)| {
            let c = if p.ends_with(".js") {
                theme::compact_js(c)
            } else {
                c.to_string()
            };
            (p.to_string(), Content::Bytes(c.into_bytes()))
        })
        .collect();
    for dir in [root.join("theme").join("static"), root.join("static")] {
        if !dir.is_dir() {
            continue;
        }
        let canonical = dir.canonicalize().unwrap_or_else(|_| dir.clone());
        for entry in walkdir::WalkDir::new(&dir)
            .follow_links(true)
            .into_iter()
            .filter_map(Result::ok)
        {
            let inside = entry
                .path()
                .canonicalize()
                .is_ok_and(|p| p.starts_with(&canonical));
            if entry.file_type().is_file() && inside {
                files.insert(
                    crate::rel_slash(&dir, entry.path()),
                    Content::Copy(entry.into_path()),
                );
            }
        }
    }
    theme::link_search_engine(&mut files);
    files
}

/// A short content hash, for cache-busting asset URLs.
pub fn short_hash(bytes: &[u8]) -> String {
    format!("{:08x}", crate::fingerprint::fnv1a(bytes) >> 32)
}
