//! Long lists split into pages as Zola and Hugo users expect (`.../page/2/`, previous and
//! next, `rel` links, `[pagination] page_size`): the archive with its row shards, term, cause,
//! category and reading-list pages, follow-ups and a page per owner and per team; the data
//! exports and the sitemap name every page.

use crate::support::*;
use std::path::Path;

/// A KB of `n` incidents, all tagged `db`, all with the cause `pool-exhausted`, each with one
/// open action item owned by `ana` (every third by `bo`), teams `payments`, a reading list of
/// all of them, and `page_size` per page.
fn kb(root: &Path, n: usize, page_size: usize) {
    let mut files: Vec<(String, String)> = vec![(
        "hindsight.toml".into(),
        format!("title = \"Paged\"\n[pagination]\npage_size = {page_size}\n"),
    )];
    let mut ids = Vec::new();
    for i in 0..n {
        let id = format!("2024-01-{:02}-pool-{i}", i % 28 + 1);
        let owner = if i % 3 == 0 { "bo" } else { "ana" };
        let extra = format!(
            "tags: [db]\nteams: [payments]\ncauses:\n  - id: pool-exhausted\n    category: tools\n    text: The connection pool ran out in incident {i}.\naction_items:\n  - text: Size the pool for incident {i}\n    owner: {owner}\n    kind: prevent\n    status: open\n    due: 2020-01-01\n"
        );
        files.push((
            format!("content/incidents/{id}.md"),
            incident(&id, &extra, ""),
        ));
        ids.push(id);
    }
    files.push((
        "content/reading-lists/pools.md".into(),
        format!(
            "---\ntitle: Pools\nincidents:\n{}---\n\nRead these in order.\n",
            ids.iter().map(|i| format!("  - {i}\n")).collect::<String>()
        ),
    ));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    write_files(root, &refs);
}

fn built(n: usize, page_size: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    kb(dir.path(), n, page_size);
    let out = dir.path().join("public");
    let run = build_in(dir.path(), &out, &["--base-url", "https://kb.example.com/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (dir, out)
}

/// How many times `needle` occurs in `hay`.
fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

#[test]
fn every_list_is_split_into_pages_with_previous_next_and_rel_links() {
    let (_dir, out) = built(12, 5);
    // Twelve incidents at five a page: pages 1, 2 and 3 of every list of them.
    for list in [
        "incidents",
        "tags/db",
        "causes/pool-exhausted",
        "reading-lists/pools",
    ] {
        let first = read(&out.join(format!("{list}/index.html")));
        let second = read(&out.join(format!("{list}/page/2/index.html")));
        let third = read(&out.join(format!("{list}/page/3/index.html")));
        assert!(!out.join(format!("{list}/page/4")).exists(), "{list}");
        assert!(
            !out.join(format!("{list}/page/1")).exists(),
            "{list}: page 1 is the list"
        );
        assert!(
            first.contains(&format!("<link rel=\"next\" href=\"/{list}/page/2/\">")),
            "{list}"
        );
        assert!(!first.contains("rel=\"prev\""), "{list}");
        assert!(
            second.contains(&format!("<link rel=\"prev\" href=\"/{list}/\">")),
            "{list}"
        );
        assert!(
            second.contains(&format!("<link rel=\"next\" href=\"/{list}/page/3/\">")),
            "{list}"
        );
        assert!(!third.contains("<link rel=\"next\""), "{list}");
        assert!(
            second.contains("(page 2 of 3)"),
            "{list}: the title says which page"
        );
        assert!(second.contains("6–10 of 12"), "{list}");
        assert!(third.contains("11–12 of 12"), "{list}");
        assert!(second.contains("aria-current=\"page\">2</a>"), "{list}");
    }
    // Each page holds its share: five incident links on page 2 of the tag.
    let tag2 = read(&out.join("tags/db/page/2/index.html"));
    assert_eq!(count(&tag2, "<tr><td>"), 5, "{tag2}");
    // Only the first page of a cause carries its action items.
    let cause1 = read(&out.join("causes/pool-exhausted/index.html"));
    let cause2 = read(&out.join("causes/pool-exhausted/page/2/index.html"));
    assert!(cause1.contains("Action items that addressed it"));
    assert!(!cause2.contains("Action items that addressed it"));
    // A reading list's later pages number their items on from the first.
    let list2 = read(&out.join("reading-lists/pools/page/2/index.html"));
    assert!(list2.contains("start=\"6\""), "{list2}");
    // The category lists one cause: one page.
    assert!(out.join("categories/tools/index.html").is_file());
    assert!(!out.join("categories/tools/page/2").exists());
    // The sitemap names the later pages too.
    let sitemap = read(&out.join("sitemap.xml"));
    assert!(sitemap.contains("<loc>https://kb.example.com/tags/db/page/3/</loc>"));
    assert!(sitemap.contains("<loc>https://kb.example.com/follow-ups/owners/ana/</loc>"));
}

#[test]
fn a_split_archive_names_row_shards_holding_every_incident() {
    let (_dir, out) = built(12, 5);
    let archive = read(&out.join("incidents/index.html"));
    assert!(
        archive.contains("data-archive-shards=\"/incidents/rows/1.json\""),
        "{archive}"
    );
    assert!(archive.contains("data-archive-total=\"12\""));
    let shard: serde_json::Value =
        serde_json::from_str(&read(&out.join("incidents/rows/1.json"))).unwrap();
    assert_eq!(shard["base"], "/incidents/");
    let rows = shard["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 12, "every incident, not one page's");
    assert!(rows.iter().any(|r| r[0] == "2024-01-01-pool-0"));
    assert_eq!(rows[0][4], "SEV2");

    // A KB that fits on one page has no shards and no page links.
    let (_small, small) = built(4, 5);
    let archive = read(&small.join("incidents/index.html"));
    assert!(!archive.contains("data-archive-shards"));
    assert!(!archive.contains("class=\"pagination\""));
    assert!(!small.join("incidents/rows").exists());
    assert!(!small.join("incidents/page").exists());
}

#[test]
fn follow_ups_are_paged_and_each_owner_and_team_has_a_page_overdue_first() {
    let (_dir, out) = built(12, 5);
    let all = read(&out.join("follow-ups/index.html"));
    assert!(
        all.contains("<strong>12</strong> <span>open or in progress</span>"),
        "{all}"
    );
    assert!(
        all.contains("<a href=\"/follow-ups/owners/ana/\">ana</a>"),
        "owners link to their page"
    );
    assert!(all.contains("<a href=\"/follow-ups/teams/payments/\">payments</a>"));
    assert!(out.join("follow-ups/page/3/index.html").is_file());
    let page2 = read(&out.join("follow-ups/page/2/index.html"));
    assert!(
        !page2.contains("id=\"by-owner\""),
        "the tables are on the first page"
    );
    // ana owns 8 of the 12 items: two pages of five; bo owns 4: one page.
    let ana = read(&out.join("follow-ups/owners/ana/index.html"));
    assert!(ana.contains("Follow-ups owned by ana"), "{ana}");
    assert!(ana.contains("8 open action items, 8 overdue"), "{ana}");
    assert!(
        out.join("follow-ups/owners/ana/page/2/index.html")
            .is_file()
    );
    let bo = read(&out.join("follow-ups/owners/bo/index.html"));
    assert!(
        !bo.contains("Incident 2024-01-02-pool-1"),
        "only bo's items"
    );
    assert!(!out.join("follow-ups/owners/bo/page/2").exists());
    let team = read(&out.join("follow-ups/teams/payments/index.html"));
    assert!(team.contains("12 open action items"), "{team}");
}

#[test]
fn the_page_size_must_be_at_least_one() {
    let dir = tempfile::tempdir().unwrap();
    kb(dir.path(), 2, 0);
    let run = build_in(dir.path(), &dir.path().join("public"), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("hindsight.toml:3:")
            && run.stderr.contains("pagination.page_size is 0"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_incident_of_a_reading_list_says_where_it_is_in_it_with_previous_and_next() {
    let (_dir, out) = built(12, 5);
    let sixth = read(&out.join("incidents/2024-01-06-pool-5/index.html"));
    assert!(
        sixth.contains("<a href=\"/reading-lists/pools/\">Pools</a>: <strong>6 of 12</strong>"),
        "{sixth}"
    );
    assert!(sixth.contains(
        "<a href=\"/incidents/2024-01-05-pool-4/\" rel=\"prev\">← Incident 2024-01-05-pool-4</a>"
    ));
    assert!(sixth.contains(
        "<a href=\"/incidents/2024-01-07-pool-6/\" rel=\"next\">Incident 2024-01-07-pool-6 →</a>"
    ));
    let first = read(&out.join("incidents/2024-01-01-pool-0/index.html"));
    assert!(first.contains("<strong>1 of 12</strong>") && !first.contains("rel=\"prev\">←"));
}
