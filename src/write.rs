//! Write stage: rendered files -> the output folder, atomically. Files go to a staging
//! folder beside the output ([`Staging`]), which replaces the output only once the whole site
//! is in it, so a failed or killed build leaves the previous site as it was. The output folder is checked
//! first: never the KB root, an ancestor of it, or inside its content, theme or static
//! folders, and never a non-empty folder that hindsight did not make.

use crate::render::{Content, Sink};
use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The file that marks a folder as hindsight's output, safe to replace.
pub const MARKER: &str = ".hindsight-output";

/// `path` made absolute, with `.`/`..` and symlinks resolved as far as the path exists.
pub fn resolve(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(c) = existing.canonicalize() {
            let mut out = c;
            for part in rest.iter().rev() {
                match part {
                    std::path::Component::ParentDir => {
                        out.pop();
                    }
                    std::path::Component::CurDir => {}
                    other => out.push(other.as_os_str()),
                }
            }
            return out;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return abs,
        }
    }
}

/// Refuses an output folder whose replacement could destroy the user's work.
pub fn check_output(root: &Path, output: &Path) -> Result<()> {
    let root = resolve(root);
    let out = resolve(output);
    let shown = output.display();
    if root.starts_with(&out) {
        bail!(
            "refusing to write the site to `{shown}`: it is the KB root or contains it, and would be replaced"
        );
    }
    for protected in ["content", "theme", "static", ".git"] {
        if out.starts_with(root.join(protected)) {
            bail!(
                "refusing to write the site to `{shown}`: it is inside `{protected}/`, which holds your sources"
            );
        }
    }
    if out.exists() {
        if !out.is_dir() {
            bail!("the output `{shown}` exists and is not a folder");
        }
        let non_empty = std::fs::read_dir(&out)
            .with_context(|| format!("cannot read `{shown}`"))?
            .next()
            .is_some();
        if non_empty && !out.join(MARKER).exists() {
            bail!(
                "refusing to replace `{shown}`: it is not empty and was not made by hindsight (no `{MARKER}` file); remove it yourself or choose another --output"
            );
        }
    }
    Ok(())
}

/// Where a build puts the new site before it replaces the output: a folder beside the output
/// that receives files from any thread and replaces the output only on [`Staging::commit`].
///
/// Folders beside an output `public/`, all hindsight's by their names:
/// - `.public.tmp-<pid>`: the staging folder of a running (or killed) build;
/// - `.public.old-<pid>`: the previous site, for the instant between the two renames of a swap;
/// - `.public.prev`: the previous site, kept after a swap and reused as the next build's
///   staging folder. Overwriting its files is several times faster than deleting a site of
///   tens of thousands of pages and creating it again; files the new build does not write
///   are pruned before the swap. It can be deleted at any time.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    parent: PathBuf,
    name: String,
    /// Paths written by this build; everything else in `dir` is pruned at commit.
    written: Mutex<HashSet<String>>,
    committed: bool,
}

impl Staging {
    pub fn create(output: &Path) -> Result<Staging> {
        let output = resolve(output);
        let parent = output
            .parent()
            .context("the output folder has no parent folder")?
            .to_path_buf();
        let name = output
            .file_name()
            .context("the output folder has no name")?
            .to_string_lossy()
            .into_owned();
        std::fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create `{}`", parent.display()))?;
        let dir = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        let mut reusable = recover(&parent, &name, &output).into_iter();
        match reusable.next() {
            Some(previous) => std::fs::rename(&previous, &dir)
                .with_context(|| format!("cannot reuse `{}`", previous.display()))?,
            None => std::fs::create_dir(&dir)
                .with_context(|| format!("cannot create `{}`", dir.display()))?,
        }
        reusable.for_each(|extra| remove_tree(&extra));
        // Until it is complete, the staging folder must not look like a finished site.
        let _ = std::fs::remove_file(dir.join(MARKER));
        Ok(Staging {
            dir,
            output,
            parent,
            name,
            written: Mutex::new(HashSet::new()),
            committed: false,
        })
    }

    /// Prunes what this build did not write, then puts the new site in place of the old one.
    pub fn commit(mut self) -> Result<()> {
        let written = std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
        prune(&self.dir, &written);
        std::fs::write(
            self.dir.join(MARKER),
            "This folder is built by hindsight and replaced by every build.\n",
        )
        .context("cannot write the output marker")?;
        self.committed = true;
        swap_in(&self.dir, &self.output, &self.parent, &self.name)
    }
}

/// A sink that refuses to write once `stop` is set: a build that a newer change made
/// pointless ends at its next page.
pub struct Stoppable<'a> {
    pub inner: &'a dyn Sink,
    pub stop: &'a std::sync::atomic::AtomicBool,
}

impl Sink for Stoppable<'_> {
    fn put(&self, path: &str, content: Content) -> Result<()> {
        if self.stopped() {
            bail!("the build was called off");
        }
        self.inner.put(path, content)
    }

    fn stopped(&self) -> bool {
        self.stop.load(std::sync::atomic::Ordering::Relaxed)
    }
}

impl Drop for Staging {
    /// An abandoned staging folder becomes the back buffer for the next build.
    fn drop(&mut self) {
        if !self.committed {
            let prev = self.parent.join(format!(".{}.prev", self.name));
            if prev.exists() || std::fs::rename(&self.dir, &prev).is_err() {
                remove_tree(&self.dir);
            }
        }
    }
}

impl Sink for Staging {
    fn put(&self, path: &str, content: Content) -> Result<()> {
        let dest = self.dir.join(path);
        // The staging folder may be the previous site, with a file where this one needs a
        // folder or the other way round; it is ours, so such a leftover is cleared.
        if let Some(parent) = dest.parent()
            && std::fs::create_dir_all(parent).is_err()
        {
            clear_files_in_the_way(&self.dir, parent);
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create `{}`", parent.display()))?;
        }
        if dest.is_dir() {
            remove_tree(&dest);
        }
        match content {
            Content::Bytes(b) => std::fs::write(&dest, b)
                .with_context(|| format!("cannot write `{}`", dest.display()))?,
            Content::Copy(src) => {
                // A file left from the previous build may be read-only, as copied files keep
                // their permissions.
                let _ = std::fs::remove_file(&dest);
                std::fs::copy(&src, &dest).with_context(|| {
                    format!("cannot copy `{}` to `{}`", src.display(), dest.display())
                })?;
            }
        }
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string());
        Ok(())
    }
}

/// Removes files that sit where `folder` (inside `root`) needs folders.
fn clear_files_in_the_way(root: &Path, folder: &Path) {
    let mut p = folder.to_path_buf();
    while p.starts_with(root) && p != root {
        if p.is_file() {
            let _ = std::fs::remove_file(&p);
        }
        if !p.pop() {
            break;
        }
    }
}

/// Removes every file under `dir` not in `keep` (relative paths with `/`), then the folders
/// left empty.
fn prune(dir: &Path, keep: &HashSet<String>) {
    for entry in walkdir::WalkDir::new(dir)
        .contents_first(true)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_dir() {
            // Fails, as it should, unless the folder is now empty.
            let _ = std::fs::remove_dir(entry.path());
        } else if !keep.contains(&crate::load::rel_slash(dir, entry.path())) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn swap_in(staging: &Path, output: &Path, parent: &Path, name: &str) -> Result<()> {
    if !output.exists() {
        return std::fs::rename(staging, output)
            .with_context(|| format!("cannot move the new site to `{}`", output.display()));
    }
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    std::fs::rename(output, &old)
        .with_context(|| format!("cannot move the previous `{}` aside", output.display()))?;
    if let Err(e) = std::fs::rename(staging, output) {
        // Put the previous site back: the build must not lose it.
        let _ = std::fs::rename(&old, output);
        return Err(e)
            .with_context(|| format!("cannot move the new site to `{}`", output.display()));
    }
    let prev = parent.join(format!(".{name}.prev"));
    remove_tree(&prev);
    if std::fs::rename(&old, &prev).is_err() {
        remove_tree(&old);
    }
    Ok(())
}

/// Removes a folder tree, its sub-folders in parallel.
fn remove_tree(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.par_iter().for_each(|e| match e.file_type() {
        Ok(t) if t.is_dir() => remove_tree(&e.path()),
        _ => {
            let _ = std::fs::remove_file(e.path());
        }
    });
    let _ = std::fs::remove_dir(dir);
}

/// Repairs what a killed build may have left beside `output` and returns the folders that can
/// serve as the next staging folder, the previous site first. If a kill struck between the
/// two renames of a swap, the previous site is put back as the output.
fn recover(parent: &Path, name: &str, output: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let prev = parent.join(format!(".{name}.prev"));
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let n = p.file_name().unwrap_or_default().to_string_lossy();
            n.starts_with(&format!(".{name}.tmp-")) || n.starts_with(&format!(".{name}.old-"))
        })
        .filter(|p| p.is_dir())
        .collect();
    found.sort();
    if !output.exists() {
        let complete = found.iter().position(|p| {
            p.file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .starts_with(&format!(".{name}.old-"))
                && p.join(MARKER).exists()
        });
        if let Some(i) = complete {
            let old = found.remove(i);
            let _ = std::fs::rename(&old, output);
        }
    }
    if prev.is_dir() {
        found.insert(0, prev);
    }
    found
}

/// Writes files straight into a folder, each through a temporary file and a rename so that a
/// reader never sees half a file: the live preview's single-page updates.
pub struct DirSink(pub PathBuf);

impl Sink for DirSink {
    fn put(&self, path: &str, content: Content) -> Result<()> {
        let target = self.0.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create `{}`", parent.display()))?;
        }
        let mut tmp = target.clone().into_os_string();
        tmp.push(".hindsight-tmp");
        let tmp = PathBuf::from(tmp);
        match content {
            Content::Bytes(b) => std::fs::write(&tmp, b),
            Content::Copy(from) => std::fs::copy(from, &tmp).map(|_| ()),
        }
        .with_context(|| format!("cannot write `{}`", tmp.display()))?;
        std::fs::rename(&tmp, &target)
            .with_context(|| format!("cannot write `{}`", target.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_site(text: &str, out: &Path) -> Result<()> {
        let staging = Staging::create(out)?;
        staging.put("a/index.html", Content::Bytes(text.as_bytes().to_vec()))?;
        staging.commit()
    }

    #[test]
    fn refuses_dangerous_outputs() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("kb");
        std::fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_output(&root, &root).is_err());
        assert!(check_output(&root, dir.path()).is_err());
        assert!(check_output(&root, &root.join("content/public")).is_err());
        assert!(check_output(&root, &root.join("content/../content/x")).is_err());
        assert!(check_output(&root, &root.join("public")).is_ok());
        std::fs::create_dir_all(root.join("mine")).unwrap();
        std::fs::write(root.join("mine/notes.txt"), "precious").unwrap();
        let err = check_output(&root, &root.join("mine"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("was not made by hindsight"), "{err}");
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    fn read(p: &Path) -> String {
        std::fs::read_to_string(p).unwrap()
    }

    #[test]
    fn writes_then_replaces_keeping_the_previous_site_as_back_buffer() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site("one", &out).unwrap();
        assert_eq!(read(&out.join("a/index.html")), "one");
        assert!(out.join(MARKER).exists());
        assert_eq!(names(dir.path()), ["public"]);
        write_site("two", &out).unwrap();
        assert_eq!(read(&out.join("a/index.html")), "two");
        assert_eq!(names(dir.path()), [".public.prev", "public"]);
        assert_eq!(read(&dir.path().join(".public.prev/a/index.html")), "one");
        write_site("three", &out).unwrap();
        assert_eq!(read(&out.join("a/index.html")), "three");
        assert_eq!(read(&dir.path().join(".public.prev/a/index.html")), "two");
        assert_eq!(names(dir.path()), [".public.prev", "public"]);
    }

    #[test]
    fn a_file_where_a_folder_is_needed_and_the_reverse_are_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let staging = Staging::create(&out).unwrap();
        staging
            .put("a", Content::Bytes(b"a file".to_vec()))
            .unwrap();
        staging
            .put("b/index.html", Content::Bytes(b"in a folder".to_vec()))
            .unwrap();
        staging.commit().unwrap();
        write_site("one", &out).unwrap(); // the first site becomes the back buffer
        let staging = Staging::create(&out).unwrap();
        staging
            .put("a/index.html", Content::Bytes(b"now a folder".to_vec()))
            .unwrap();
        staging
            .put("b", Content::Bytes(b"now a file".to_vec()))
            .unwrap();
        staging.commit().unwrap();
        assert_eq!(read(&out.join("a/index.html")), "now a folder");
        assert_eq!(read(&out.join("b")), "now a file");
    }

    #[test]
    fn files_the_new_build_does_not_write_are_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        for round in 0..3 {
            let staging = Staging::create(&out).unwrap();
            staging
                .put("keep/index.html", Content::Bytes(b"k".to_vec()))
                .unwrap();
            if round == 0 {
                staging
                    .put("gone/deep/index.html", Content::Bytes(b"g".to_vec()))
                    .unwrap();
            }
            staging.commit().unwrap();
        }
        let mut files: Vec<String> = walkdir::WalkDir::new(&out)
            .min_depth(1)
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| crate::load::rel_slash(&out, e.path()))
            .collect();
        files.sort();
        assert_eq!(files, [".hindsight-output", "keep", "keep/index.html"]);
    }

    #[test]
    fn an_abandoned_staging_folder_leaves_the_output_alone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site("one", &out).unwrap();
        let staging = Staging::create(&out).unwrap();
        staging
            .put("a/index.html", Content::Bytes(b"half".to_vec()))
            .unwrap();
        drop(staging);
        assert_eq!(read(&out.join("a/index.html")), "one");
        assert_eq!(names(dir.path()), [".public.prev", "public"]);
        assert!(!dir.path().join(".public.prev").join(MARKER).exists());
        write_site("two", &out).unwrap();
        assert_eq!(read(&out.join("a/index.html")), "two");
    }

    #[test]
    fn leftovers_of_a_killed_build_are_reused_and_a_lost_output_restored() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(".public.old-1");
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join(MARKER), "").unwrap();
        std::fs::write(old.join("index.html"), "previous").unwrap();
        std::fs::create_dir_all(dir.path().join(".public.tmp-2/x")).unwrap();
        std::fs::create_dir_all(dir.path().join(".public.tmp-3")).unwrap();
        let out = dir.path().join("public");
        let staging = Staging::create(&out).unwrap();
        assert_eq!(
            read(&out.join("index.html")),
            "previous",
            "the output is restored"
        );
        assert!(out.join(MARKER).exists());
        drop(staging);
        assert_eq!(names(dir.path()), [".public.prev", "public"]);
    }
}
