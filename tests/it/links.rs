//! Every internal link and asset reference in the built demo site resolves: a page walk over
//! every `href` and `src`, including `#fragment`s, with the site under a sub-path.

use crate::support::*;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The values of `attr="..."` in an HTML text.
fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&#x2F;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
}

#[test]
fn every_internal_link_in_the_demo_site_resolves_under_a_sub_path() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let base = "/docs/kb/";
    let run = build_in(
        &repo(),
        &out,
        &["--base-url", "https://kb.example.com/docs/kb/"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pages: Vec<String> = files_under(&out)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect();
    let ids: HashMap<&str, HashSet<String>> = pages
        .iter()
        .map(|p| {
            (
                p.as_str(),
                attr_values(&read(&out.join(p)), "id")
                    .into_iter()
                    .map(unescape)
                    .collect(),
            )
        })
        .collect();
    let mut checked = 0;
    let mut broken = Vec::new();
    for page in &pages {
        let html = read(&out.join(page));
        for raw in attr_values(&html, "href")
            .into_iter()
            .chain(attr_values(&html, "src"))
        {
            let link = unescape(raw);
            if link.starts_with("https://")
                || link.starts_with("http://")
                || link.starts_with("mailto:")
                || link.starts_with("data:")
            {
                continue;
            }
            checked += 1;
            let (path, fragment) = link
                .split_once('#')
                .map_or((link.as_str(), None), |(p, f)| (p, Some(f)));
            let path = path.split('?').next().unwrap();
            let target = if path.is_empty() {
                page.clone()
            } else if let Some(rel) = path.strip_prefix(base) {
                if rel.is_empty() || rel.ends_with('/') {
                    format!("{rel}index.html")
                } else {
                    rel.to_string()
                }
            } else {
                broken.push(format!(
                    "{page}: `{link}` is not under the base path {base}"
                ));
                continue;
            };
            if !Path::new(&out.join(&target)).is_file() {
                broken.push(format!("{page}: `{link}` -> missing {target}"));
                continue;
            }
            if let Some(f) = fragment.filter(|f| !f.is_empty())
                && !ids.get(target.as_str()).is_some_and(|set| set.contains(f))
            {
                broken.push(format!("{page}: `{link}` -> no id `{f}` in {target}"));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
    assert!(checked > 2000, "only {checked} links checked");
}

#[test]
fn a_relative_link_to_a_file_the_kb_does_not_hold_is_text_and_the_build_goes_on() {
    // An imported folder links to write-ups and runbooks it was exported without; a `[[id]]`
    // written for hindsight that names no incident stays an error.
    let kb = tempfile::tempdir().unwrap();
    write_files(
        kb.path(),
        &[
            (
                "content/incidents/2024/2024-03-01-checkout.md",
                &incident(
                    "2024-03-01-checkout",
                    "",
                    "Like [the payments outage](../2023/2023-05-01-payments.md), see [the runbook](../../runbooks/replica-lag.md) and [search](2024-03-02-search.md#impact).\n",
                ),
            ),
            (
                "content/incidents/2024/2024-03-02-search.md",
                &incident("2024-03-02-search", "", "## Impact\n\nSearch was slow.\n"),
            ),
        ],
    );
    let out = kb.path().join("public");
    let run = build_in(kb.path(), &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning[outside-link]: `../2023/2023-05-01-payments.md` links to `content/incidents/2023/2023-05-01-payments.md`, which is not in this KB"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("`../../runbooks/replica-lag.md`"),
        "{}",
        run.stderr
    );
    let page = read(&out.join("incidents/2024-03-01-checkout/index.html"));
    assert!(page.contains("the payments outage"), "its text is kept");
    assert!(!page.contains("2023-05-01-payments.md"), "not a link");
    assert!(
        page.contains("/incidents/2024-03-02-search/#impact"),
        "a link that resolves"
    );
    // `[[2024-03-03-payments]]`: an id that names no incident is an error.
    write_files(
        kb.path(),
        &[(
            "content/incidents/2024/2024-03-02-search.md",
            &incident("2024-03-02-search", "", "See [[2024-03-03-payments]].\n"),
        )],
    );
    let run = build_in(kb.path(), &out, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[broken-link]"), "{}", run.stderr);
}
