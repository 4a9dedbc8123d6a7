//! Images kept beside a post-mortem (`![Status page](./status.png)`, as GitHub shows them):
//! takes an incident's image links and the folder of its file, gives the files to copy next to
//! its page, where the same relative address finds them, and a `missing-image` warning for
//! each that is not there.

use super::body::Body;
use super::source::SourceFile;
use crate::diag::{Diagnostic, Level};
use std::path::{Path, PathBuf};

/// The kinds of image copied. Not SVG: a file of the site's own address could run its script.
const EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "avif"];

/// An image to copy: the file, and its path under the incident page's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub source: PathBuf,
    pub path: String,
}

/// The relative path an image address names under the page's folder: no scheme, not from the
/// site's root, nothing above the folder; percent-escapes decoded; `None` otherwise.
fn relative(dest: &str) -> Option<String> {
    let dest = dest.split(['?', '#']).next().unwrap_or_default().trim();
    if dest.starts_with('/') {
        return None;
    }
    // Each part decoded on its own: an escaped `/`, `\\` or `..` is a name, refused, never a
    // way out of the folder.
    let mut parts = Vec::new();
    for part in dest.split('/').filter(|p| !p.is_empty() && *p != ".") {
        let part = percent_encoding::percent_decode_str(part)
            .decode_utf8()
            .ok()?;
        let bad = part == ".."
            || part == "."
            || part.contains(['/', '\\', ':'])
            || part.chars().any(char::is_control);
        if bad {
            return None;
        }
        parts.push(part.into_owned());
    }
    if parts.is_empty() || parts == ["index.html"] {
        return None;
    }
    Some(parts.join("/"))
}

/// Whether an image address is a relative path that goes up out of its file's folder
/// (`../media/a.jpg`), rather than an address of another site or of the site's root.
fn climbs_out(dest: &str) -> bool {
    let dest = dest.split(['?', '#']).next().unwrap_or_default().trim();
    !dest.starts_with('/')
        && !dest.contains(':')
        && dest
            .split(['/', '\\'])
            .any(|p| p == ".." || p.eq_ignore_ascii_case("%2e%2e"))
}

/// The images `body` shows from beside `file` (whose folder is `dir`, inside `content`, given
/// as its canonical path): each that is there, and a warning for each that is not.
pub fn beside(
    body: &Body,
    file: &SourceFile,
    dir: &Path,
    content: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Image> {
    let mut out: Vec<Image> = Vec::new();
    let missing = |link: &super::body::Link, why: &str, help: &str| {
        file.diag(
            Level::Warning,
            file.body_pos(link.offset),
            "missing-image",
            format!(
                "`{}` {why}: the page would show a broken image",
                crate::format::shorten(&link.dest)
            ),
        )
        .with_help(help)
    };
    for link in body.links.iter().filter(|l| l.image && !l.wiki) {
        let Some(path) = relative(&link.dest) else {
            // `../../media/outage.jpg`: a folder of images shared by the post-mortems, which
            // the page's address does not reach.
            if climbs_out(&link.dest) {
                diags.push(missing(
                    link,
                    "is above the post-mortem's folder and is not copied",
                    "move the image next to the Markdown file (or below its folder), or into `static/` and link to it from the site's root (`/media/...`)",
                ));
            }
            continue;
        };
        let image = Path::new(&path).extension().is_some_and(|e| {
            EXTENSIONS.contains(&e.to_string_lossy().to_ascii_lowercase().as_str())
        });
        if !image {
            continue;
        }
        let source = dir.join(&path);
        let inside = (source.canonicalize().ok()).filter(|s| s.starts_with(content) && s.is_file());
        match inside {
            Some(source) => {
                if !out.iter().any(|i| i.path == path) {
                    out.push(Image { source, path });
                }
            }
            None => diags.push(missing(
                link,
                "is not beside the post-mortem",
                "put the image next to the Markdown file (or below its folder), or link to where it is served",
            )),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_addresses_below_the_page_are_copied() {
        assert_eq!(
            relative("./status page.png").as_deref(),
            Some("status page.png")
        );
        assert_eq!(
            relative("img/a%20b.png?x=1").as_deref(),
            Some("img/a b.png")
        );
        for dest in [
            "../other/x.png",
            "/static/x.png",
            "https://example.com/x.png",
            "data:image/png;base64,AAAA",
            "img/../../x.png",
            "C:\\x.png",
            "",
            "./index.html",
            "..%5C..%5Csecret.png",
            "a%2Fb.png",
            "%2E%2E/x.png",
            "x%0A.png",
        ] {
            assert_eq!(relative(dest), None, "{dest}");
        }
    }

    #[test]
    fn an_address_above_the_folder_is_told_apart_from_other_sites_and_the_root() {
        for dest in [
            "../../media/a.jpg",
            "img/../../x.png",
            "%2E%2E/x.png",
            "..\\x.png",
        ] {
            assert!(climbs_out(dest), "{dest}");
        }
        for dest in [
            "/media/a.jpg",
            "https://example.com/../a.png",
            "data:image/png;base64,AAAA",
            "./a.png",
        ] {
            assert!(!climbs_out(dest), "{dest}");
        }
    }
}
