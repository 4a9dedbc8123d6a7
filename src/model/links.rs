//! Link resolution shared by the model (to check links and compute backlinks) and the
//! renderer (to write URLs): Markdown links to KB files, `[[incident-id]]` and
//! `[[cause:cause-id]]` wiki links. The links themselves are found when a body is read
//! ([`crate::load::Body`]).

use pulldown_cmark::{Event, Tag};
use std::collections::{HashMap, HashSet};

/// A page of the KB that a link can point to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    Incident(usize),
    Cause(usize),
    Service(usize),
    ReadingList(usize),
    Page(usize),
}

/// What a link destination turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// Not ours to check: `https://...`, `mailto:`, `#anchor`, `/absolute/path`, a relative
    /// link to a non-Markdown file.
    External,
    Internal(Target, Option<String>),
    /// A draft or a file that failed to load: rendered as plain text, not reported again.
    Absent,
    /// A relative Markdown link that climbs above `content/` (`../../.github/guide.md`, a
    /// repository's other docs beside the post-mortems): no page can be its target, so it is
    /// rendered as plain text and warned about, not an error that stops the build.
    Outside(String),
    Broken(String),
}

/// Lookup tables from ids and content paths to targets.
#[derive(Debug, Default)]
pub struct Lookup {
    pub by_path: HashMap<String, Target>,
    pub incidents: HashMap<String, usize>,
    pub causes: HashMap<String, usize>,
    pub absent_ids: HashSet<String>,
    pub absent_files: HashSet<String>,
    /// A public site: only incidents have pages, so a link to a cause is plain text.
    pub public: bool,
    /// Where the site's pages are served (`/`, `/docs/kb/`, `https://kb.corp/docs/kb/`: the
    /// KB's base URL and the public site's), so that a link written as an incident page's
    /// address (`/incidents/2024-06-01-x/`) is resolved as `[[2024-06-01-x]]` is.
    pub site_prefixes: Vec<String>,
}

impl Lookup {
    /// Resolves a link found in the file `from` (a `content/...` path).
    pub fn resolve(&self, from: &str, dest: &str, wiki: bool) -> Resolved {
        if wiki {
            return self.resolve_wiki(dest);
        }
        if let Some(resolved) = self.resolve_address(dest) {
            return resolved;
        }
        if dest.is_empty() || dest.starts_with('#') || dest.starts_with('/') || has_scheme(dest) {
            return Resolved::External;
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f.to_string())),
            None => (dest, None),
        };
        let path = path.split('?').next().unwrap_or(path);
        if !path.ends_with(".md") {
            return Resolved::External;
        }
        let Some(joined) = join_relative(from, &percent_decode(path)) else {
            return Resolved::Outside(format!(
                "`{dest}` points outside the KB: shown as text, not a link"
            ));
        };
        if let Some(t) = self.by_path.get(&joined) {
            return Resolved::Internal(*t, fragment);
        }
        if self.absent_files.contains(&joined) {
            return Resolved::Absent;
        }
        // An imported folder links to write-ups and runbooks it was exported without
        // (`../runbooks/replica-lag.md`, an older post-mortem): no page of the site can be
        // them, so they are shown as text, and the build goes on.
        Resolved::Outside(format!(
            "`{dest}` links to `{joined}`, which is not in this KB: shown as text, not a link"
        ))
    }

    /// A link to an incident page's address on this site (`/incidents/ID/`, with the site's
    /// base path or its full URL, `index.html` and a fragment allowed), when `ID` is an
    /// incident of the KB (or one left out, a draft or an internal one on a public site).
    /// Another address under the site (a page of an older site) is not resolved.
    fn resolve_address(&self, dest: &str) -> Option<Resolved> {
        let rest = (self.site_prefixes.iter())
            .filter_map(|p| dest.strip_prefix(p.as_str()))
            .min_by_key(|r| r.len())?;
        let (path, fragment) = match rest.split_once('#') {
            Some((p, f)) => (p, Some(f.to_string())),
            None => (rest, None),
        };
        let id = path.strip_prefix("incidents/")?;
        let id = (id.strip_suffix("/index.html"))
            .or_else(|| id.strip_suffix('/'))
            .unwrap_or(id);
        let id = percent_decode(id);
        match self.incidents.get(&id) {
            Some(&i) => Some(Resolved::Internal(Target::Incident(i), fragment)),
            None if self.absent_ids.contains(&id) => Some(Resolved::Absent),
            None => None,
        }
    }

    fn resolve_wiki(&self, dest: &str) -> Resolved {
        let dest = dest.trim();
        if let Some(cause) = dest.strip_prefix("cause:") {
            return match self.causes.get(cause.trim()) {
                Some(_) if self.public => Resolved::Absent,
                Some(&i) => Resolved::Internal(Target::Cause(i), None),
                None => Resolved::Broken(format!(
                    "`[[{dest}]]`: no incident names the cause `{cause}`"
                )),
            };
        }
        let (id, fragment) = match dest.split_once('#') {
            Some((i, f)) => (i, Some(f.to_string())),
            None => (dest, None),
        };
        match self.incidents.get(id) {
            Some(&i) => Resolved::Internal(Target::Incident(i), fragment),
            None if self.absent_ids.contains(id) => Resolved::Absent,
            None => {
                // `[[2024-02-10 Postgres failover]]`: a note's name, as Obsidian links it,
                // is the id its file name gives.
                let slug = crate::format::slugify(id);
                match self.incidents.get(&slug) {
                    Some(&i) => Resolved::Internal(Target::Incident(i), fragment),
                    None if self.absent_ids.contains(&slug) => Resolved::Absent,
                    // `[[Priya Nair]]`, `[[Runbook - node pool upgrade]]`: another note of
                    // the vault, which no id is written like; `[[thumbnailer]]`,
                    // `[[postmortem]]`, a service's or a tag's note (an id has a date or a
                    // number: `2024-02-10-postgres-failover`, `inc-207`), or a daily note,
                    // `[[2024-09-17]]`.
                    None if slug != id
                        || !id.contains(|c: char| c.is_ascii_digit())
                        || id.parse::<jiff::civil::Date>().is_ok() =>
                    {
                        Resolved::Outside(format!(
                            "`[[{dest}]]` names no post-mortem of this KB (a note kept elsewhere?): shown as text"
                        ))
                    }
                    None => Resolved::Broken(format!(
                        "`[[{dest}]]`: there is no incident with the id `{id}`"
                    )),
                }
            }
        }
    }

    /// The closest existing incident id, for `did you mean` help.
    pub fn nearest_incident(&self, id: &str) -> Option<&str> {
        crate::diag::nearest(id, self.incidents.keys().map(String::as_str))
    }
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => {
            dest[..i]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && i > 0
        }
        None => false,
    }
}

fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && s.is_char_boundary(i + 3)
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `content/incidents/2017/a.md` + `../2019/b.md` = `content/incidents/2019/b.md`; `None` if
/// the path climbs out of `content/`.
fn join_relative(from: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    (parts.first() == Some(&"content") && parts.len() > 1).then(|| parts.join("/"))
}

/// The link and image destinations of an inline Markdown text (an action item).
pub fn inline_urls(text: &str) -> Vec<String> {
    crate::format::markdown_events(text)
        .map(|(e, _)| e)
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some(dest_url.into_string())
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup() -> Lookup {
        let mut l = Lookup::default();
        l.by_path
            .insert("content/incidents/2019/b.md".into(), Target::Incident(1));
        l.incidents.insert("b".into(), 1);
        l.causes.insert("settings-sprawl".into(), 0);
        l.absent_ids.insert("draft-one".into());
        l
    }

    #[test]
    fn relative_links_resolve_with_fragments() {
        let l = lookup();
        let from = "content/incidents/2017/a.md";
        assert_eq!(
            l.resolve(from, "../2019/b.md#impact", false),
            Resolved::Internal(Target::Incident(1), Some("impact".into()))
        );
        // A file the KB does not hold (an older write-up, a runbook): text, not an error.
        assert!(matches!(
            l.resolve(from, "../2019/c.md", false),
            Resolved::Outside(_)
        ));
        // Above `content/`: no page of the site can be it (a warning, shown as text).
        assert!(matches!(
            l.resolve(from, "../../../../etc/passwd.md", false),
            Resolved::Outside(_)
        ));
        assert_eq!(
            l.resolve(from, "https://example.com/x.md", false),
            Resolved::External
        );
        assert_eq!(l.resolve(from, "#timeline", false), Resolved::External);
        assert_eq!(l.resolve(from, "graph.png", false), Resolved::External);
    }

    #[test]
    fn links_to_an_incident_page_address_resolve_like_wiki_links() {
        let mut l = lookup();
        l.site_prefixes = vec!["/docs/kb/".into(), "https://kb.corp/docs/kb/".into()];
        let from = "content/incidents/2017/a.md";
        let b = Resolved::Internal(Target::Incident(1), None);
        assert_eq!(l.resolve(from, "/docs/kb/incidents/b/", false), b);
        assert_eq!(l.resolve(from, "/docs/kb/incidents/b", false), b);
        assert_eq!(
            l.resolve(
                from,
                "https://kb.corp/docs/kb/incidents/b/index.html#impact",
                false
            ),
            Resolved::Internal(Target::Incident(1), Some("impact".into()))
        );
        assert_eq!(
            l.resolve(from, "/docs/kb/incidents/draft-one/", false),
            Resolved::Absent
        );
        // Not an incident of this KB, not under the site, or another site's incident page.
        for other in [
            "/docs/kb/incidents/nope/",
            "/docs/kb/incidents/b/timeline/",
            "/incidents/b/",
            "https://status.example.com/incidents/b",
        ] {
            assert_eq!(l.resolve(from, other, false), Resolved::External, "{other}");
        }
    }

    #[test]
    fn wiki_links_resolve_incidents_and_causes() {
        let l = lookup();
        assert_eq!(
            l.resolve("x", "b", true),
            Resolved::Internal(Target::Incident(1), None)
        );
        assert_eq!(
            l.resolve("x", "cause:settings-sprawl", true),
            Resolved::Internal(Target::Cause(0), None)
        );
        assert_eq!(l.resolve("x", "draft-one", true), Resolved::Absent);
        assert!(matches!(
            l.resolve("x", "cause:nope", true),
            Resolved::Broken(_)
        ));
        assert!(matches!(
            l.resolve("x", "nope-1", true),
            Resolved::Broken(_)
        ));
        // A note with no digit in its name (a service's, a tag's) or a daily note: outside.
        assert!(matches!(l.resolve("x", "nope", true), Resolved::Outside(_)));
        assert!(matches!(
            l.resolve("x", "2024-09-17", true),
            Resolved::Outside(_)
        ));
        // A note's name, as Obsidian links it: its file name's id, or another note.
        assert_eq!(
            l.resolve("x", "B#Impact", true),
            Resolved::Internal(Target::Incident(1), Some("Impact".into()))
        );
        assert_eq!(l.resolve("x", "Draft One", true), Resolved::Absent);
        assert!(matches!(
            l.resolve("x", "Priya Nair", true),
            Resolved::Outside(_)
        ));
    }
}
