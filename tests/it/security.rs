//! Hostile content: URLs that could run script, the pages' Content-Security-Policy, and
//! inputs that used to cost time or memory out of proportion to their size.

use crate::support::*;
use std::path::Path;

/// Every `<script ...>` tag of an HTML page, as written.
fn script_tags(html: &str) -> Vec<&str> {
    html.match_indices("<script")
        .map(|(i, _)| &html[i..i + html[i..].find('>').map_or(html.len() - i, |e| e + 1)])
        .collect()
}

/// Attribute names in tags that start with `on` (event handlers), outside text.
fn event_handlers(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open..open + close];
        for part in tag.split_whitespace().skip(1) {
            let name = part.split('=').next().unwrap_or("").to_ascii_lowercase();
            if name.starts_with("on") && part.contains('=') {
                found.push(name);
            }
        }
        rest = &rest[open + close..];
    }
    found
}

/// The values of URL attributes (`href`, `src`, `action`, `formaction`, `xlink:href`), as
/// written (entities left as they are: the ones here are all `&amp;`-style escapes of text).
fn url_attributes(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attr in ["href=\"", "src=\"", "action=\"", "formaction=\""] {
        for (i, _) in html.match_indices(attr) {
            let value = &html[i + attr.len()..];
            found.push(value[..value.find('"').unwrap_or(value.len())].to_string());
        }
    }
    found
}

fn html_files(dir: &Path) -> Vec<String> {
    files_under(dir)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect()
}

#[test]
fn every_page_declares_the_content_security_policy_and_has_no_inline_script() {
    let out = &demo_site().out;
    assert_eq!(demo_site().run.code, 0);
    let meta = format!(
        "<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        hindsight::render::CSP.replace('\'', "&#39;")
    );
    let pages = html_files(out);
    let mut kinds = std::collections::BTreeSet::new();
    for page in &pages {
        let html = read(&out.join(page));
        assert!(
            html.contains(&meta),
            "{page} does not declare the policy first in <head>"
        );
        for tag in script_tags(&html) {
            assert!(tag.contains(" src=\""), "{page}: inline script `{tag}`");
        }
        assert_eq!(event_handlers(&html), Vec::<String>::new(), "{page}");
        let kind = html
            .split("<body class=\"kind-")
            .nth(1)
            .and_then(|k| k.split('"').next())
            .unwrap_or("?");
        kinds.insert(kind.to_string());
    }
    for kind in [
        "home",
        "archive",
        "incident",
        "causes",
        "cause",
        "categories",
        "category",
        "terms",
        "term",
        "reading-lists",
        "reading-list",
        "page",
        "metrics",
        "follow-ups",
        "completeness",
        "search",
        "not-found",
    ] {
        assert!(kinds.contains(kind), "no page of kind {kind}: {kinds:?}");
    }
    // The policy forbids inline script and other origins' script, and allows the site's own.
    let csp = hindsight::render::CSP;
    assert!(csp.contains("script-src 'self';"), "{csp}");
    assert!(!csp.contains("unsafe-inline';") || !csp.contains("script-src 'self' 'unsafe-inline'"));
}

#[test]
fn unsafe_urls_become_plain_text_in_every_markdown_path_and_are_warned() {
    let kb = tempfile::tempdir().unwrap();
    let link = |n: u8| format!("[run{n}](javascript:alert({n}))");
    let incident_text = incident(
        "a",
        &format!(
            "services: [api]\nsource_url: \"javascript:alert(10)\"\ncauses:\n  - id: c\n    category: tools\n    text: a cause\naction_items:\n  - text: \"{} and ![i](vbscript:x)\"\n",
            link(1)
        ),
        &format!(
            "{}\n\n<JaVaScRiPt:alert(2)> [ref][r] [ent](&#106;avascript:alert(3)) ![img](data:text/html,x) [ok](https://example.com/ok)\n\n[r]: javascript:alert(4)\n\n## Five whys\n\n1. Why? {}\n",
            link(0),
            link(5)
        ),
    );
    write_files(
        kb.path(),
        &[
            ("content/incidents/a.md", &incident_text),
            (
                "content/causes/c.md",
                &format!("---\ntitle: C\n---\n\n{}\n", link(6)),
            ),
            (
                "content/services/api.md",
                &format!("---\ntitle: API\n---\n\n{}\n", link(7)),
            ),
            (
                "content/reading-lists/r.md",
                &format!("---\ntitle: R\nincidents: [a]\n---\n\n{}\n", link(8)),
            ),
            (
                "content/pages/p.md",
                &format!("---\ntitle: P\n---\n\n{}\n", link(9)),
            ),
        ],
    );
    let out = kb.path().join("public");
    let run = build_in(kb.path(), &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let policy = hindsight::safe_url::UrlPolicy::default();
    for page in html_files(&out) {
        let html = read(&out.join(&page));
        for url in url_attributes(&html) {
            // The theme's icon is the one data: URL of a page.
            let decoded = url.replace("&amp;", "&").replace("&#x27;", "'");
            assert!(
                policy.allows(&decoded) || decoded.starts_with("data:image/svg+xml,"),
                "{page} links to {url}"
            );
        }
    }
    let page = read(&out.join("incidents/a/index.html"));
    assert!(page.contains("run0") && page.contains("run1") && page.contains("run5"));
    assert!(
        page.contains("href=\"https://example.com/ok\""),
        "safe links stay"
    );
    for (file, count) in [
        ("content/incidents/a.md", 9),
        ("content/causes/c.md", 1),
        ("content/services/api.md", 1),
        ("content/reading-lists/r.md", 1),
        ("content/pages/p.md", 1),
    ] {
        let found = run
            .stderr
            .lines()
            .filter(|l| l.contains(file) && l.contains("warning[unsafe-url]"))
            .count();
        assert_eq!(found, count, "{file}: {}", run.stderr);
    }
    // The same warnings come from `check`, at their line and column.
    let check = bin()
        .args(["check", "--root"])
        .arg(kb.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert_eq!(
        stdout.matches("warning[unsafe-url]").count(),
        13,
        "{stdout}"
    );
    assert!(
        stdout.contains("a.md:13:11: warning[unsafe-url]"),
        "{stdout}"
    );
}

#[test]
fn a_scheme_the_config_adds_is_allowed_and_script_schemes_cannot_be() {
    let kb = tempfile::tempdir().unwrap();
    write_files(
        kb.path(),
        &[
            (
                "content/incidents/a.md",
                &incident("a", "", "[bastion](ssh://bastion.internal)\n"),
            ),
            ("hindsight.toml", "[markdown]\nurl_schemes = [\"ssh\"]\n"),
        ],
    );
    let out = kb.path().join("public");
    let run = build_in(kb.path(), &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(read(&out.join("incidents/a/index.html")).contains("href=\"ssh://bastion.internal\""));
    write_files(
        kb.path(),
        &[(
            "hindsight.toml",
            "[markdown]\nurl_schemes = [\"JavaScript\"]\n",
        )],
    );
    let run = build_in(kb.path(), &out, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("hindsight.toml:2:1: error[config]"),
        "{}",
        run.stderr
    );
}

#[test]
fn ids_longer_than_a_hundred_characters_are_errors_at_their_place() {
    let kb = tempfile::tempdir().unwrap();
    let long = "x".repeat(300);
    let fm = format!(
        "id: {long}\nservices: [{long}]\nteams: [{long}]\ntags: [ok, {long}]\ncauses:\n  - id: {long}\n    category: tools\n    text: t\n"
    );
    write_files(
        kb.path(),
        &[
            ("content/incidents/a.md", &incident("a", &fm, "")),
            (
                &format!("content/incidents/{}.md", "y".repeat(101)),
                &incident("b", "", ""),
            ),
        ],
    );
    let out = kb.path().join("public");
    let run = build_in(kb.path(), &out, &[]);
    assert_eq!(
        run.code, 1,
        "content errors, not a failure to run: {}",
        run.stderr
    );
    let check = bin()
        .args(["check", "--root", "."])
        .current_dir(kb.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&check.stdout);
    for (shown, at) in [
        (&run.stderr, "a.md:6:5: error[bad-id]"),
        (&run.stderr, "a.md:7:12: error[bad-id]"),
        (&run.stderr, "a.md:8:9: error[bad-id]"),
        (&run.stderr, "a.md:9:12: error[bad-id]"),
        (&run.stderr, "a.md:11:9: error[bad-id]"),
        (&stdout.to_string(), "a.md:6:5: error[bad-id]"),
        (&stdout.to_string(), "a.md:11:9: error[bad-id]"),
    ] {
        assert!(shown.contains(at), "no `{at}` in:\n{shown}");
    }
    assert!(
        run.stderr
            .contains("it is 300 characters long; ids are at most 100"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("File name too long"));
    // A file name too long for an id gives one cut to 100 characters, not an error.
    assert!(!run.stderr.contains(&"y".repeat(101)), "{}", run.stderr);
}

#[test]
fn diagnostics_are_capped_per_rule_and_file_and_show_a_window_of_long_lines() {
    let kb = tempfile::tempdir().unwrap();
    let many_lines = "[[inc-1]]\n".repeat(5_000);
    let one_line = format!("{}\n", "[[inc-2]] ".repeat(3_000));
    write_files(
        kb.path(),
        &[
            ("content/incidents/a.md", &incident("a", "", &many_lines)),
            ("content/incidents/b.md", &incident("b", "", &one_line)),
        ],
    );
    let out = kb.path().join("public");
    let run = build_in(kb.path(), &out, &[]);
    assert_eq!(run.code, 1);
    for file in ["a.md", "b.md"] {
        let shown = run
            .stderr
            .lines()
            .filter(|l| l.contains(file) && l.contains("error[broken-link]"))
            .count();
        assert_eq!(shown, 51, "50 and one summary for {file}");
    }
    assert!(
        run.stderr
            .contains("error[broken-link]: and 4950 more `broken-link` errors in this file"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("and 2950 more `broken-link` errors"));
    let longest = run.stderr.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(longest < 260, "a line of {longest} characters");
    // The caret still points at the link, inside the window.
    let far = run
        .stderr
        .split("\n\n")
        .find(|d| d.contains("b.md:12:401:"))
        .expect("the 41st link of the long line");
    let lines: Vec<&str> = far.lines().collect();
    let caret = lines[2].find('^').unwrap();
    let source: Vec<char> = lines[1].chars().collect();
    let at: String = source[caret..caret + 9].iter().collect();
    assert_eq!(at, "[[inc-2]]", "{far}");
}
