//! Every URL of the site, under the base path, so the site works when served from a sub-path
//! (`--base-url https://x/docs/kb/`). Pages are folders with an `index.html`.

use crate::model::{KnowledgeBase, Target, TermGroup};

/// Builds page URLs (`/docs/kb/incidents/x/`) and output paths (`incidents/x/index.html`).
#[derive(Debug, Clone)]
pub struct Urls {
    /// The path part of the base URL, with leading and trailing `/`.
    pub base_path: String,
    /// `https://host` when the base URL names a host, for the feed and the sitemap.
    pub origin: Option<String>,
}

impl Urls {
    pub fn new(base_url: &str) -> Self {
        let (origin, base_path) = crate::format::split_base_url(base_url);
        Urls { base_path, origin }
    }

    /// A URL for a site-relative path (`incidents/x/`).
    pub fn at(&self, rel: &str) -> String {
        format!("{}{}", self.base_path, rel)
    }

    /// The absolute URL (with host, when known) for a site-relative path.
    pub fn absolute(&self, rel: &str) -> String {
        format!("{}{}", self.origin.as_deref().unwrap_or(""), self.at(rel))
    }

    pub fn incident(&self, id: &str) -> String {
        self.at(&format!("incidents/{id}/"))
    }

    pub fn cause(&self, id: &str) -> String {
        self.at(&format!("causes/{id}/"))
    }

    pub fn category(&self, id: &str) -> String {
        self.at(&format!("categories/{id}/"))
    }

    /// A term page of a grouping: `services/api/`, `severities/sev1/`, `years/2017/`.
    pub fn term(&self, group: TermGroup, id: &str) -> String {
        self.at(&format!(
            "{}/{}/",
            group.folder(),
            crate::format::slugify(id)
        ))
    }

    /// The index page of a grouping: `services/`.
    pub fn terms(&self, group: TermGroup) -> String {
        self.at(&format!("{}/", group.folder()))
    }

    pub fn reading_list(&self, id: &str) -> String {
        self.at(&format!("reading-lists/{id}/"))
    }

    pub fn page(&self, id: &str) -> String {
        self.at(&format!("pages/{id}/"))
    }

    pub fn target(&self, kb: &KnowledgeBase, t: Target) -> String {
        match t {
            Target::Incident(i) => self.incident(&kb.incidents[i].doc.id),
            Target::Cause(i) => self.cause(&kb.causes[i].id),
            Target::Service(i) => self.term(TermGroup::Services, &kb.services[i].id),
            Target::ReadingList(i) => self.reading_list(&kb.reading_lists[i].doc.id),
            Target::Page(i) => self.page(&kb.pages[i].id),
        }
    }

    /// The output file for a page URL: `/docs/kb/incidents/x/` -> `incidents/x/index.html`.
    pub fn output_path(&self, url: &str) -> String {
        let rel = url
            .strip_prefix(&self.base_path)
            .unwrap_or(url.trim_start_matches('/'));
        if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_paths_and_hosts() {
        let u = Urls::new("https://x.internal/docs/kb");
        assert_eq!(u.base_path, "/docs/kb/");
        assert_eq!(u.incident("a"), "/docs/kb/incidents/a/");
        assert_eq!(
            u.absolute("atom.xml"),
            "https://x.internal/docs/kb/atom.xml"
        );
        assert_eq!(
            u.output_path("/docs/kb/incidents/a/"),
            "incidents/a/index.html"
        );
        assert_eq!(u.output_path("/docs/kb/"), "index.html");
        let root = Urls::new("/");
        assert_eq!(root.base_path, "/");
        assert_eq!(
            root.term(TermGroup::Severities, "SEV1"),
            "/severities/sev1/"
        );
        assert_eq!(Urls::new("https://x.internal").base_path, "/");
    }
}
