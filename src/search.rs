//! The `search` command as a library function: read the KB, bring its index up to date, run
//! the query, and print the results for people or as JSON. The results hold plain text with
//! highlight ranges; for people, the matched words go in `[brackets]` and control characters
//! are escaped, here, at the output.

use crate::diag::escape_controls;
use crate::index::{Results, SearchError, SearchOptions};
use crate::model::load_kb;
use anyhow::{Result, anyhow, bail};
use rayon::prelude::*;
use std::fmt::Write as _;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

/// Runs a search in the KB at `root`. When no content file changed since the index was last
/// brought up to date (same sizes and modification times), the KB is not read again. The
/// error says whether the query was refused or the tool failed (the config or the index
/// could not be read).
pub fn run(root: &Path, opts: &SearchOptions) -> Result<Results, SearchError> {
    let display = root.display().to_string();
    let (_, dir) = config_and_index(root)?;
    let manifest = dir.join(STAMP);
    // The query runs on the index as it is while the sources are stamped, and its results
    // count only when the index turns out to be current: at 100,000 incidents, stamping
    // (a `stat` of every file) and the query took 105-160 ms and 40-65 ms one after the other.
    let (stamp, on_saved) = rayon::join(
        || stamp(root),
        || {
            let saved = std::fs::read_to_string(&manifest).ok()?;
            let index = crate::index::open_existing(&dir)?;
            let results =
                crate::index::search(&index, opts, &|| crate::index::Vocabulary::load(&dir));
            Some((saved, results))
        },
    );
    if let Some((saved, results)) = on_saved
        && saved == stamp
    {
        return results;
    }
    let mut stages = Vec::new();
    let (kb, diags) = load_kb(root, &display, false, &mut stages);
    let Some(kb) = kb else {
        let shown: Vec<String> = diags.iter().map(ToString::to_string).collect();
        return Err(anyhow!("the config has errors:\n{}", shown.join("\n")).into());
    };
    let updated = crate::index::update(&kb, &dir)?;
    // Only a KB without errors is stamped: a broken file must be read (and reported) again.
    if !diags.has_errors() {
        let _ = std::fs::write(&manifest, &stamp);
    }
    let vocabulary = updated.vocabulary;
    crate::index::search(&updated.index, opts, &|| vocabulary.clone())
}

/// Runs a search on the index of the KB at `root` as it is, without bringing it up to date:
/// `hindsight serve`'s API, whose builds keep the index current (with drafts, when it serves
/// them). A KB without an index (search turned off, or not built yet) is a refused search.
pub fn run_on_index(root: &Path, opts: &SearchOptions) -> Result<Results, SearchError> {
    let (config, dir) = config_and_index(root)?;
    let index = match crate::index::open_existing(&dir) {
        Some(index) if config.search.enabled => index,
        _ => return Err(SearchError::NoIndex),
    };
    crate::index::search(&index, opts, &|| crate::index::Vocabulary::load(&dir))
}

/// The KB's config and its index folder; `Err` when the config has errors.
fn config_and_index(root: &Path) -> Result<(crate::config::Config, std::path::PathBuf)> {
    let (config, diags) = crate::config::Config::load(root, &root.display().to_string());
    let Some(config) = config else {
        let shown: Vec<String> = diags.iter().map(ToString::to_string).collect();
        bail!("the config has errors:\n{}", shown.join("\n"));
    };
    let dir = root.join(&config.search.index_dir);
    Ok((config, dir))
}

const STAMP: &str = "hindsight-content-stamp";

/// Records that the index in `dir` matches the KB's sources as they are now (`valid`), or
/// forgets it, so that the next search reads the KB again.
pub fn write_stamp(root: &Path, dir: &Path, valid: bool) {
    let path = dir.join(STAMP);
    if valid {
        let _ = std::fs::write(path, stamp(root));
    } else {
        let _ = std::fs::remove_file(path);
    }
}

/// A fingerprint of the KB's sources: the path, size and modification time of every file and
/// folder under `content/` (and of `content/` itself), and of `hindsight.toml`. Symbolic links
/// to folders are followed as the loader follows them (`load::walk`): while they stay inside
/// the KB root, and not back into a folder that holds them. At 100k incidents this is most of
/// a search's time, so it holds nothing per file: each folder is read once, its files looked
/// up by name in it (`statat`), folders in parallel, and each file's fingerprint (its path's,
/// size's and time's) is added to a sum, which does not depend on the order files come in. (It
/// kept every path, sorted them and hashed them in order: 100,000 paths, whose memory, fresh
/// from the system, took a third of a search's time to be zeroed.)
fn stamp(root: &Path) -> String {
    let content = root.join("content");
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut sum = scan(&content, &canonical_root, &[]);
    for path in [content, root.join("hindsight.toml")] {
        if let Ok(stat) = rustix::fs::stat(&path) {
            let mut h = crate::fingerprint::Fnv::default();
            h.update(path.as_os_str().as_bytes());
            sum.add(h, &stat);
        }
    }
    format!("{:016x}{:016x}-{}", sum.hashes, sum.mixed, sum.files)
}

/// The files of a stamp, added up.
#[derive(Default)]
struct Stamp {
    /// Their fingerprints, added (wrapping).
    hashes: u64,
    /// Their fingerprints, each multiplied by an odd constant before it is added, so that two
    /// changes do not cancel out in both sums.
    mixed: u64,
    files: u64,
}

impl Stamp {
    /// Adds a file whose path is already in `path`, with its size and modification time.
    fn add(&mut self, mut path: crate::fingerprint::Fnv, stat: &rustix::fs::Stat) {
        path.update(&stat.st_size.to_le_bytes());
        path.update(&stat.st_mtime.to_le_bytes());
        path.update(&stat.st_mtime_nsec.to_le_bytes());
        let h = path.finish();
        self.hashes = self.hashes.wrapping_add(h);
        self.mixed = self
            .mixed
            .wrapping_add(h.rotate_left(29) ^ h.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        self.files += 1;
    }

    fn merge(mut self, other: Stamp) -> Stamp {
        self.hashes = self.hashes.wrapping_add(other.hashes);
        self.mixed = self.mixed.wrapping_add(other.mixed);
        self.files += other.files;
        self
    }
}

/// Every file and folder under `dir` (a symbolic link as what it points to), added up by
/// [`Stamp::add`]; what cannot be read is left out. `above` holds the (device, inode) of the
/// folders `dir` is in, which a link to a folder must not lead back to.
fn scan(dir: &Path, root: &Path, above: &[(u64, u64)]) -> Stamp {
    use rustix::fs::{AtFlags, Dir, FileType, Mode, OFlags};
    let mut out = Stamp::default();
    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
    let Ok(fd) = rustix::fs::open(dir, flags, Mode::empty()) else {
        return out;
    };
    let (Ok(entries), Ok(here)) = (Dir::read_from(&fd), rustix::fs::fstat(&fd)) else {
        return out;
    };
    let mut chain = above.to_vec();
    chain.push((here.st_dev, here.st_ino));
    let mut prefix = crate::fingerprint::Fnv::default();
    prefix.update(dir.as_os_str().as_bytes());
    prefix.update(b"/");
    let mut folders = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        if name == c"." || name == c".." {
            continue;
        }
        let Ok(stat) = rustix::fs::statat(&fd, name, AtFlags::empty()) else {
            continue;
        };
        let kind = match entry.file_type() {
            FileType::Unknown => rustix::fs::statat(&fd, name, AtFlags::SYMLINK_NOFOLLOW)
                .map_or(FileType::Unknown, |s| FileType::from_raw_mode(s.st_mode)),
            kind => kind,
        };
        let folder = match kind {
            FileType::Directory => true,
            FileType::Symlink => {
                FileType::from_raw_mode(stat.st_mode) == FileType::Directory
                    && !chain.contains(&(stat.st_dev, stat.st_ino))
                    && dir
                        .join(std::ffi::OsStr::from_bytes(name.to_bytes()))
                        .canonicalize()
                        .is_ok_and(|t| t.starts_with(root))
            }
            _ => false,
        };
        if folder {
            folders.push(dir.join(std::ffi::OsStr::from_bytes(name.to_bytes())));
        }
        let mut h = prefix;
        h.update(name.to_bytes());
        out.add(h, &stat);
    }
    folders
        .par_iter()
        .map(|f| scan(f, root, &chain))
        .reduce(Stamp::default, Stamp::merge)
        .merge(out)
}

/// Results as text: a ranked list with snippets, then facet counts; or as JSON.
pub fn render(r: &Results, json: bool) -> String {
    if json {
        return serde_json::to_string_pretty(r).unwrap_or_default() + "\n";
    }
    let mut out = String::new();
    let query = escape_controls(&crate::index::contract::shorten(&r.query)).into_owned();
    if let Some(corrected) = r.corrected.as_deref().filter(|_| r.fuzzy) {
        let _ = writeln!(
            out,
            "No exact matches for {query}; showing results for {}.",
            escape_controls(corrected)
        );
    }
    let verb = if r.total == 1 {
        "incident matches"
    } else {
        "incidents match"
    };
    if query.trim().is_empty() {
        let _ = writeln!(out, "{} {verb} the filters.", r.total);
    } else {
        let _ = writeln!(out, "{} {verb} {query}.", r.total);
    }
    for h in &r.hits {
        let _ = writeln!(
            out,
            "\n{}  {}  {}  ({:.2})\n  {}",
            escape_controls(&h.date),
            escape_controls(&h.severity),
            escape_controls(&h.title),
            h.score,
            escape_controls(&h.id)
        );
        let marked = h.snippet.marked("[", "]", str::to_string);
        let text = marked.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            let _ = writeln!(out, "  … {} …", escape_controls(&text));
        }
    }
    for (name, values) in r.facets.iter().filter(|(_, v)| !v.is_empty()) {
        let shown: Vec<String> = values
            .iter()
            .take(8)
            .map(|v| format!("{} ({})", escape_controls(&v.value), v.count))
            .collect();
        let _ = write!(
            out,
            "{}{name}: {}",
            if out.ends_with("\n\n") { "" } else { "\n" },
            shown.join(", ")
        );
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::stamp;

    #[test]
    fn the_stamp_changes_with_any_source_and_only_then() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("content/incidents/2024");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(root.path().join("hindsight.toml"), "title = \"KB\"\n").unwrap();
        let file = dir.join("a.md");
        std::fs::write(&file, "one").unwrap();
        let first = stamp(root.path());
        assert_eq!(
            stamp(root.path()),
            first,
            "the same sources, the same stamp"
        );
        std::fs::write(&file, "two!").unwrap();
        let edited = stamp(root.path());
        assert_ne!(edited, first, "an edit");
        // An edit that keeps the size: only the time tells.
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(later)
            .unwrap();
        let touched = stamp(root.path());
        assert_ne!(touched, edited, "a new modification time");
        // A move keeps the size and the time: the name tells.
        std::fs::rename(&file, dir.join("c.md")).unwrap();
        assert_ne!(stamp(root.path()), touched, "a renamed file");
        std::fs::rename(dir.join("c.md"), &file).unwrap();
        let edited = stamp(root.path());
        std::fs::write(dir.join("b.md"), "new").unwrap();
        let added = stamp(root.path());
        assert_ne!(added, edited, "a new file");
        std::fs::write(root.path().join("hindsight.toml"), "title = \"Other\"\n").unwrap();
        assert_ne!(stamp(root.path()), added, "the config");
        // Links back to a folder that holds them are not followed (two of them, followed,
        // would make 2^40 paths before the kernel stops resolving them).
        std::os::unix::fs::symlink("..", dir.join("loop")).unwrap();
        std::os::unix::fs::symlink("..", dir.join("loop2")).unwrap();
        let looped = stamp(root.path());
        assert_ne!(looped, added);
        // A link to a folder elsewhere in the KB is followed, as the loader follows it: an
        // edit there is seen. One outside the KB is not.
        let shared = root.path().join("shared");
        std::fs::create_dir_all(&shared).unwrap();
        std::fs::write(shared.join("c.md"), "shared").unwrap();
        std::os::unix::fs::symlink(&shared, dir.join("shared")).unwrap();
        let linked = stamp(root.path());
        std::fs::write(shared.join("c.md"), "shared, edited").unwrap();
        assert_ne!(stamp(root.path()), linked, "an edit behind a link");
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("d.md"), "elsewhere").unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.join("outside")).unwrap();
        let with_outside = stamp(root.path());
        std::fs::write(outside.path().join("d.md"), "elsewhere, edited").unwrap();
        assert_eq!(
            stamp(root.path()),
            with_outside,
            "outside the KB is not read"
        );
    }
}
