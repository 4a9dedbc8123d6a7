//! "Last updated" and "Edit this page": the day a write-up last changed comes from its
//! `updated` front matter, else its file's last git commit, else (outside git, or changed
//! since) the file's time; it is shown on the incident page and given to the feeds; the edit
//! link joins `repo_url`, `edit_path` and the file's path.

use crate::support::*;
use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str], date: &str) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_AUTHOR_NAME", "Ana")
        .env("GIT_AUTHOR_EMAIL", "ana@example.com")
        .env("GIT_COMMITTER_NAME", "Ana")
        .env("GIT_COMMITTER_EMAIL", "ana@example.com")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn last_updated_follows_git_then_the_file_and_edit_links_the_repository() {
    let dir = tempfile::tempdir().unwrap();
    let kb = dir.path().join("docs").join("kb");
    write_files(
        &kb,
        &[
            (
                "hindsight.toml",
                "title = \"History\"\nbase_url = \"https://kb.example.com/\"\nrepo_url = \"https://github.com/acme/incidents/\"\nedit_path = \"edit/main/docs/kb\"\n",
            ),
            ("content/incidents/old.md", &incident("old", "", "")),
            (
                "content/incidents/twice changed.md",
                &incident("twice", "", ""),
            ),
            (
                "content/incidents/stated.md",
                &incident("stated", "updated: 2025-01-15\n", ""),
            ),
        ],
    );
    let root = dir.path();
    git(root, &["init", "-q", "-b", "main"], "2024-03-02T10:00:00Z");
    git(root, &["add", "."], "2024-03-02T10:00:00Z");
    git(root, &["commit", "-qm", "first"], "2024-03-02T10:00:00Z");
    std::fs::write(
        kb.join("content/incidents/twice changed.md"),
        incident("twice", "", "More detail.\n"),
    )
    .unwrap();
    git(root, &["commit", "-qam", "second"], "2024-05-02T10:00:00Z");
    // Changed since its last commit: the file's own time wins.
    std::fs::write(
        kb.join("content/incidents/old.md"),
        incident("old", "", "Edited.\n"),
    )
    .unwrap();

    let out = dir.path().join("public");
    let run = build_in(&kb, &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = |id: &str| read(&out.join(format!("incidents/{id}/index.html")));
    let twice = page("twice-changed");
    assert!(
        twice.contains("Last updated <time datetime=\"2024-05-02\">2024-05-02</time>"),
        "the last commit that changed it: {twice}"
    );
    assert!(
        twice.contains("<a href=\"https://github.com/acme/incidents/edit/main/docs/kb/content/incidents/twice%20changed.md\" rel=\"nofollow\">Edit this page</a>"),
        "{twice}"
    );
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
        .to_string();
    assert!(
        page("old").contains(&format!("Last updated <time datetime=\"{today}\">")),
        "uncommitted change"
    );
    assert!(
        page("stated").contains("Last updated <time datetime=\"2025-01-15\">"),
        "front matter wins"
    );

    // The feed's entry changed then; the export and the sitemap say so too.
    let feed = read(&out.join("atom.xml"));
    let entry = feed
        .split("<entry>")
        .find(|e| e.contains("/incidents/twice-changed/"))
        .unwrap();
    assert!(
        entry.contains("<updated>2024-05-02T00:00:00+00:00</updated>"),
        "{entry}"
    );
    let ndjson = read(&out.join("incidents.ndjson"));
    assert!(ndjson.lines().any(
        |l| l.contains("\"id\":\"twice-changed\"") && l.contains("\"updated\":\"2024-05-02\"")
    ));
    let sitemap = read(&out.join("sitemap.xml"));
    assert!(sitemap.contains("<loc>https://kb.example.com/incidents/twice-changed/</loc><lastmod>2024-05-02</lastmod>"), "{sitemap}");
}

#[test]
fn without_repo_url_there_is_no_edit_link_and_a_bad_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            ("hindsight.toml", "title = \"T\"\n"),
            ("content/incidents/a.md", &incident("a", "", "")),
        ],
    );
    let out = dir.path().join("public");
    assert_eq!(build_in(dir.path(), &out, &[]).code, 0);
    let a = read(&out.join("incidents/a/index.html"));
    assert!(!a.contains("Edit this page"));
    assert!(
        a.contains("Last updated <time"),
        "outside git, the file's day"
    );

    std::fs::write(
        dir.path().join("hindsight.toml"),
        "title = \"T\"\nrepo_url = \"javascript:alert(1)\"\n",
    )
    .unwrap();
    let run = build_in(dir.path(), &out, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("hindsight.toml:2:")
            && run.stderr.contains("must start with `https://`"),
        "{}",
        run.stderr
    );
}
