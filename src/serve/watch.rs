//! Watching the sources: file-system events in, batches of changed source paths out (debounced
//! 100 ms by notify-debouncer-full), sent to the rebuild loop. Only `content/`, `theme/`, `static/` and `hindsight.toml`
//! count; hindsight's own folders (`.hindsight/`, `public/`), anything else at the root and
//! editors' temporary files are left out, and so is a file merely being read: a build
//! never triggers another.
//!
//! The source folders are watched recursively and the root alone, not recursively: watching
//! the whole root would follow `target/`, `.git/` and the output folder too.

use anyhow::{Context, Result};
use notify_debouncer_full::notify::event::{AccessKind, AccessMode, EventKind};
use notify_debouncer_full::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

/// The folders at the root whose whole trees are sources.
pub const SOURCE_FOLDERS: &[&str] = &["content", "theme", "static"];
pub const CONFIG: &str = "hindsight.toml";
const DEBOUNCE: Duration = Duration::from_millis(100);

/// Watches a KB's sources for as long as it lives.
pub struct Watcher {
    root: PathBuf,
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
}

impl Watcher {
    /// Starts watching the KB at `root`; batches of changed source paths go to `changes`.
    pub fn start(root: &Path, changes: Sender<Vec<PathBuf>>) -> Result<Watcher> {
        let root = crate::write::resolve(root);
        let filter_root = root.clone();
        let debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
            match result {
                Ok(events) => {
                    let paths: Vec<PathBuf> = events
                        .into_iter()
                        .filter(|e| is_change(&e.kind))
                        .flat_map(|e| e.event.paths)
                        .filter(|p| is_source(&filter_root, p))
                        .collect();
                    if !paths.is_empty() {
                        // The rebuild loop has ended only when the server is stopping.
                        let _ = changes.send(paths);
                    }
                }
                Err(errors) => {
                    for e in errors {
                        eprintln!("warning: watching for changes: {e}");
                    }
                }
            }
        })
        .context("cannot watch the KB for changes")?;
        let mut watcher = Watcher { root, debouncer };
        watcher
            .debouncer
            .watch(&watcher.root, RecursiveMode::NonRecursive)
            .with_context(|| format!("cannot watch `{}`", watcher.root.display()))?;
        let folders: Vec<PathBuf> = SOURCE_FOLDERS
            .iter()
            .map(|f| watcher.root.join(f))
            .collect();
        watcher.follow_new_folders(&folders);
        Ok(watcher)
    }

    /// The KB root, absolute.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Watches the source folders among `changed` that exist now (a `static/` created after
    /// the server started, or a `content/` replaced by a checkout).
    pub fn follow_new_folders(&mut self, changed: &[PathBuf]) {
        for path in changed {
            let top = path
                .strip_prefix(&self.root)
                .ok()
                .and_then(|rel| rel.to_str())
                .is_some_and(|rel| SOURCE_FOLDERS.contains(&rel));
            if top && path.is_dir() {
                let watched = self.debouncer.watch(path, RecursiveMode::Recursive);
                if let Err(e) = watched {
                    eprintln!("warning: cannot watch `{}`: {e}", path.display());
                }
            }
        }
    }
}

/// Whether an event changed something: the build itself opens and reads every source, and
/// those events must not trigger another build.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// Whether a change to `path` (absolute, under `root`) can change the site.
pub fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = rel.components();
    let first = match parts.next() {
        Some(Component::Normal(name)) => name.to_string_lossy(),
        _ => return false,
    };
    let is_config = first == CONFIG && parts.next().is_none();
    if !is_config && !SOURCE_FOLDERS.contains(&first.as_ref()) {
        return false;
    }
    !rel.file_name()
        .is_some_and(|name| is_editor_temp(&name.to_string_lossy()))
}

/// Files editors write beside the one being saved: swap files, backups, lock files and
/// atomic-save temporaries. Saving the real file is a change of its own.
fn is_editor_temp(name: &str) -> bool {
    name.ends_with('~')
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || [".swp", ".swo", ".swx", ".swpx", ".tmp", ".bak", ".crswap"]
            .iter()
            .any(|ext| name.ends_with(ext))
        || name.contains("___jb_")
        || name == "4913"
        || name == ".DS_Store"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_a_source_is_no_change() {
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(is_change(&EventKind::Modify(
            notify_debouncer_full::notify::event::ModifyKind::Any
        )));
    }

    #[test]
    fn only_sources_count() {
        let root = Path::new("/kb");
        for yes in [
            "/kb/content/incidents/2024/a.md",
            "/kb/content",
            "/kb/theme/templates/base.html",
            "/kb/static/logo.svg",
            "/kb/hindsight.toml",
        ] {
            assert!(is_source(root, Path::new(yes)), "{yes}");
        }
        for no in [
            "/kb",
            "/kb/.hindsight/serve/index.html",
            "/kb/.hindsight/index/meta.json",
            "/kb/public/index.html",
            "/kb/.public.tmp-12/index.html",
            "/kb/target/debug/x",
            "/kb/README.md",
            "/kb/hindsight.toml~",
            "/kb/content/incidents/.a.md.swp",
            "/kb/content/incidents/a.md~",
            "/kb/content/incidents/.#a.md",
            "/kb/content/incidents/#a.md#",
            "/kb/content/incidents/4913",
            "/kb/content/incidents/a.md.tmp",
            "/kb/content/a.md___jb_tmp___",
            "/elsewhere/content/a.md",
        ] {
            assert!(!is_source(root, Path::new(no)), "{no}");
        }
    }
}
