//! When each content file last changed, for "Last updated", the sitemap and the feeds: the
//! KB's git history (one `git log` over `content/`, newest commit first, so the first commit
//! that names a file is its last change), else the file's modification time (a file outside
//! git, or changed since its last commit). Takes the KB root and the files' paths relative to
//! it; gives a day per file, in UTC.

use jiff::civil::Date;
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

/// The day each of `rels` (paths under `root`, with `/`) last changed.
pub fn last_changed(root: &Path, rels: &[&str]) -> HashMap<String, Date> {
    // One file (the live preview's fast path) asks git about that file only.
    let pathspec = match rels {
        [one] => *one,
        _ => "content",
    };
    let committed = git_days(root, pathspec);
    let dirty = git_dirty(root, pathspec);
    rels.iter()
        .filter_map(|rel| {
            let day = match committed.get(*rel) {
                Some(day) if !dirty.contains(*rel) => Some(*day),
                _ => modified(&root.join(rel)),
            }?;
            Some(((*rel).to_owned(), day))
        })
        .collect()
}

/// The last commit day of every file under `pathspec` that git knows; empty when `root` is
/// not in a git work tree or git is not installed.
fn git_days(root: &Path, pathspec: &str) -> HashMap<String, Date> {
    let out = Command::new("git")
        .args([
            "-c",
            "core.quotepath=off",
            "log",
            "--no-renames",
            "--format=%x1e%cs",
            "--name-only",
            "--relative",
            "--",
            pathspec,
        ])
        .current_dir(root)
        .output();
    let Some(out) = out.ok().filter(|o| o.status.success()) else {
        return HashMap::new();
    };
    parse_log(&String::from_utf8_lossy(&out.stdout))
}

/// Files under `content/` with changes git has not committed: their own time is newer.
fn git_dirty(root: &Path, pathspec: &str) -> std::collections::HashSet<String> {
    let out = Command::new("git")
        .args([
            "-c",
            "core.quotepath=off",
            "status",
            "--porcelain",
            "-z",
            "--untracked-files=all",
            "--",
            pathspec,
        ])
        .current_dir(root)
        .output();
    let Some(out) = out.ok().filter(|o| o.status.success()) else {
        return Default::default();
    };
    // `XY path` entries ending in NUL, paths relative to the repository's top; ours are
    // relative to `root`, so the prefix git reports for this folder is taken off.
    let prefix = Command::new("git")
        .args(["rev-parse", "--show-prefix"])
        .current_dir(root)
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    String::from_utf8_lossy(&out.stdout)
        .split('\0')
        .filter_map(|l| l.get(3..))
        .filter_map(|p| p.strip_prefix(prefix.as_str()).map(str::to_owned))
        .collect()
}

/// `git log --format=%x1e%cs --name-only` output -> the first (newest) day each file appears.
fn parse_log(log: &str) -> HashMap<String, Date> {
    let mut days = HashMap::new();
    for commit in log.split('\u{1e}').filter(|c| !c.trim().is_empty()) {
        let mut lines = commit.lines();
        let Some(day) = lines.next().and_then(|d| d.trim().parse::<Date>().ok()) else {
            continue;
        };
        for file in lines.map(str::trim).filter(|l| !l.is_empty()) {
            days.entry(file.to_owned()).or_insert(day);
        }
    }
    days
}

/// The day `path` was last modified, in UTC.
fn modified(path: &Path) -> Option<Date> {
    let t = std::fs::metadata(path).ok()?.modified().ok()?;
    let ts = jiff::Timestamp::try_from(t).ok()?;
    Some(ts.to_zoned(jiff::tz::TimeZone::UTC).date())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_commit_naming_a_file_is_its_last_change() {
        let log = "\u{1e}2024-05-02\n\ncontent/incidents/a.md\n\n\u{1e}2024-03-01\n\ncontent/incidents/a.md\ncontent/incidents/b.md\n";
        let days = parse_log(log);
        assert_eq!(days["content/incidents/a.md"].to_string(), "2024-05-02");
        assert_eq!(days["content/incidents/b.md"].to_string(), "2024-03-01");
        assert_eq!(days.len(), 2);
    }

    #[test]
    fn outside_git_a_file_has_its_modification_day() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("content/x.md"), "x").unwrap();
        let days = last_changed(dir.path(), &["content/x.md", "content/missing.md"]);
        let today = jiff::Timestamp::now()
            .to_zoned(jiff::tz::TimeZone::UTC)
            .date();
        assert!(days["content/x.md"] <= today);
        assert!(!days.contains_key("content/missing.md"));
    }
}
