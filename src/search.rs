//! The `search` command as a library function: read the KB, bring its index up to date, run
//! the query, and print the results for people or as JSON. The results hold plain text with
//! highlight ranges; for people, the matched words go in `[brackets]` and control characters
//! are escaped, here, at the output.

use crate::diag::escape_controls;
use crate::index::{Results, SearchError, SearchOptions};
use crate::model::load_kb;
use anyhow::{Result, anyhow, bail};
use std::fmt::Write as _;
use std::path::Path;

/// Runs a search in the KB at `root`. When no content file changed since the index was last
/// brought up to date (same sizes and modification times), the KB is not read again. The
/// error says whether the query was refused or the tool failed (the config or the index
/// could not be read).
pub fn run(root: &Path, opts: &SearchOptions) -> Result<Results, SearchError> {
    let display = root.display().to_string();
    let (_, dir) = config_and_index(root)?;
    let stamp = stamp(root);
    let manifest = dir.join(STAMP);
    if std::fs::read_to_string(&manifest).ok().as_deref() == Some(stamp.as_str())
        && let Some(index) = crate::index::open_existing(&dir)
    {
        return crate::index::search(&index, opts, &|| crate::index::Vocabulary::load(&dir));
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

/// A fingerprint of the KB's sources: the path, size and modification time of every file
/// under `content/`, and of `hindsight.toml`. The files are read in parallel (at 100k
/// incidents, one `stat` after another took most of a search's time), and added to the
/// fingerprint in the byte order of their paths.
fn stamp(root: &Path) -> String {
    use rayon::prelude::*;
    let mut files: Vec<std::path::PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .map(walkdir::DirEntry::into_path)
        .chain(std::iter::once(root.join("hindsight.toml")))
        .collect();
    // Sorted by their bytes, once: sorting each folder by file name parsed every name again
    // at each comparison.
    files.par_sort_unstable_by(|a, b| {
        a.as_os_str()
            .as_encoded_bytes()
            .cmp(b.as_os_str().as_encoded_bytes())
    });
    let metas: Vec<Option<(u64, u128)>> = files
        .par_iter()
        .map(|path| {
            let meta = std::fs::metadata(path).ok()?;
            let modified = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            Some((meta.len(), modified))
        })
        .collect();
    let mut h = crate::fingerprint::Fnv::default();
    for (path, meta) in files.iter().zip(metas) {
        let Some((len, modified)) = meta else {
            continue;
        };
        h.update(path.as_os_str().as_encoded_bytes());
        h.update(&len.to_le_bytes());
        h.update(&modified.to_le_bytes());
    }
    format!("{:016x}", h.finish())
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
