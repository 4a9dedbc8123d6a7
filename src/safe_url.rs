//! The one URL allow-list: every URL that content can put in a page (links, autolinks,
//! reference links, images, raw HTML under `raw_html = "sanitize"`) passes through
//! [`UrlPolicy::allows`] before it is written, whatever `raw_html` says.
//!
//! What holds: a URL is allowed when it has no scheme (relative paths, `#fragments`,
//! `/absolute` and `//host` URLs) or its scheme is `http`, `https`, `mailto` or one the config
//! adds under `[markdown] url_schemes`. The scheme is read the way a browser reads it (the
//! WHATWG URL parser): leading and trailing spaces and control characters dropped, tabs and
//! line breaks removed anywhere, letters case-folded. Entities are decoded before this check
//! (pulldown-cmark decodes them in link destinations), so `&#106;avascript:` is `javascript:`
//! here. `javascript`, `vbscript` and `data` can never be added.

/// Schemes every KB allows.
pub const DEFAULT_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// Schemes that run script or carry a document, refused even when the config lists them.
pub const NEVER: [&str; 3] = ["javascript", "vbscript", "data"];

/// The schemes a KB allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlPolicy {
    schemes: Vec<String>,
}

impl Default for UrlPolicy {
    fn default() -> Self {
        UrlPolicy::new(&[])
    }
}

impl UrlPolicy {
    /// The default schemes plus `extra` (lowercased; the [`NEVER`] ones are left out, and the
    /// config reports them).
    pub fn new(extra: &[String]) -> Self {
        let mut schemes: Vec<String> = DEFAULT_SCHEMES.iter().map(|s| s.to_string()).collect();
        for s in extra {
            let s = s.trim().to_ascii_lowercase();
            if !NEVER.contains(&s.as_str()) && !schemes.contains(&s) {
                schemes.push(s);
            }
        }
        UrlPolicy { schemes }
    }

    /// Whether `url` may be written into a page.
    pub fn allows(&self, url: &str) -> bool {
        match scheme(url) {
            None => true,
            Some(s) => self.schemes.contains(&s),
        }
    }

    /// The allowed schemes, for ammonia and for messages.
    pub fn schemes(&self) -> impl Iterator<Item = &str> {
        self.schemes.iter().map(String::as_str)
    }
}

/// The scheme of `url` as a browser reads it, lowercased; `None` for a URL without one.
pub fn scheme(url: &str) -> Option<String> {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    let mut scheme = String::new();
    for c in trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')) {
        match c {
            ':' => return (!scheme.is_empty()).then_some(scheme),
            c if c.is_ascii_alphabetic() => scheme.push(c.to_ascii_lowercase()),
            c if !scheme.is_empty() && (c.is_ascii_digit() || "+-.".contains(c)) => scheme.push(c),
            _ => return None,
        }
    }
    None
}

/// The host of an absolute `http`/`https` address (`status.example.com` of
/// `https://status.example.com/i/42`); `None` for any other URL, one without a host, or one
/// with spaces or control characters in it (a field meant to hold one address).
pub fn web_host(url: &str) -> Option<&str> {
    let url = url.trim();
    if !matches!(scheme(url).as_deref(), Some("http" | "https"))
        || url.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return None;
    }
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    (!host.is_empty()).then_some(host)
}

/// Whether a scheme name is well formed (`[a-z][a-z0-9+.-]*`), for the config.
pub fn is_scheme_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_read_as_a_browser_reads_them() {
        assert_eq!(scheme("JaVaScRiPt:alert(1)").as_deref(), Some("javascript"));
        assert_eq!(scheme("  \u{1}javascript:x").as_deref(), Some("javascript"));
        assert_eq!(scheme("java\tscr\nipt:x").as_deref(), Some("javascript"));
        assert_eq!(scheme("https://example.com").as_deref(), Some("https"));
        assert_eq!(scheme("../2019/b.md#impact"), None);
        assert_eq!(scheme("#timeline"), None);
        assert_eq!(scheme("/abs/path:x"), None);
        assert_eq!(scheme("//host/x"), None);
        assert_eq!(scheme("%6Aavascript:alert(1)"), None);
        assert_eq!(scheme("\u{a0}javascript:x"), None);
        assert_eq!(scheme("graph.png"), None);
    }

    #[test]
    fn the_policy_allows_web_links_and_what_the_config_adds() {
        let p = UrlPolicy::new(&["SSH".into(), "javascript".into()]);
        assert!(p.allows("https://example.com"));
        assert!(p.allows("MAILTO:oncall@example.com"));
        assert!(p.allows("ssh://bastion"));
        assert!(p.allows("runbook.md"));
        assert!(!p.allows("javascript:alert(1)"));
        assert!(!p.allows("data:text/html,<script>"));
        assert!(!p.allows("vbscript:msgbox"));
        assert!(!p.allows("file:///etc/passwd"));
    }
}
