//! Write stage: rendered files -> the output folder, atomically. One build at a time holds an
//! output's lock ([`OutputLock`]); it writes to a staging folder beside the output
//! ([`Staging`]), which trades places with the output only once the whole site is in it, so a
//! failed or killed build leaves the previous site as it was, and the output path names a
//! complete site at every instant (where the OS can exchange two folders in one step). The
//! output folder is checked first: never the KB root, an ancestor of it, or inside its
//! content, theme or static folders, and never a non-empty folder that hindsight did not make.

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// What goes into one output file.
#[derive(Debug)]
pub enum Content {
    Bytes(Vec<u8>),
    /// A large file made in pieces (`incidents.ndjson`), written one after the other: never
    /// joined into one buffer, which would hold it twice while it grows.
    Parts(Vec<Vec<u8>>),
    /// A file copied as it is (static assets).
    Copy(PathBuf),
}

impl Content {
    /// The file's bytes (a copied file read from disk: empty when it cannot be).
    pub fn bytes(&self) -> std::borrow::Cow<'_, [u8]> {
        match self {
            Content::Bytes(b) => b.into(),
            Content::Parts(parts) => parts.concat().into(),
            Content::Copy(p) => std::fs::read(p).unwrap_or_default().into(),
        }
    }
}

/// Where the stages that make files (render, the static search) put them, by path relative
/// to the output folder; called from many threads.
pub trait Sink: Sync {
    fn put(&self, path: &str, content: Content) -> anyhow::Result<()>;

    /// Whether the build writing here has been called off: rendering stops drawing pages.
    fn stopped(&self) -> bool {
        false
    }
}

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

/// The lock of one output folder: an OS lock (`flock`, `LockFileEx`) on `.<name>.lock` beside
/// it, held by the one build that may change the output and the folders beside it. The OS
/// releases it when it is dropped or the process ends, however it ends, so a killed build
/// never leaves it taken. The file itself stays: deleting it could let a build that opened
/// it before and one that creates it again both hold "the" lock.
pub struct OutputLock {
    /// The output, resolved.
    output: PathBuf,
    parent: PathBuf,
    /// The output folder's name, which names the folders beside it.
    name: String,
    /// Locked for as long as it is open.
    _file: std::fs::File,
}

impl OutputLock {
    /// Takes the lock of `output`. When another build holds it, calls `busy` and then waits
    /// until that build is done, unless `busy` returns an error, which this returns at once.
    pub fn take(output: &Path, busy: &mut dyn FnMut() -> Result<()>) -> Result<OutputLock> {
        use fs4::fs_std::FileExt;
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
        let path = parent.join(format!(".{name}.lock"));
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot open the lock file `{}`", path.display()))?;
        let cannot = || format!("cannot lock `{}`", path.display());
        if !file.try_lock_exclusive().with_context(cannot)? {
            busy()?;
            file.lock_exclusive().with_context(cannot)?;
        }
        Ok(OutputLock {
            output,
            parent,
            name,
            _file: file,
        })
    }

    /// A folder beside the output: `.<name><suffix>`.
    fn beside(&self, suffix: &str) -> PathBuf {
        self.parent.join(format!(".{}{suffix}", self.name))
    }
}

/// Where a build puts the new site before it replaces the output: a folder beside the output
/// that receives files from any thread and replaces the output only on [`Staging::commit`].
///
/// Folders beside an output `public/`, all hindsight's by their names:
/// - `.public.lock`: the lock file ([`OutputLock`]), empty;
/// - `.public.tmp-<pid>`: the staging folder of a running (or killed) build; for the instant
///   after the exchange that puts the new site in place, it holds the previous site;
/// - `.public.old-<pid>`: the previous site, for the instant between the two renames of a
///   swap where folders cannot be exchanged in one step;
/// - `.public.prev`: the previous site, kept after a swap and reused as the next build's
///   staging folder. Overwriting its files is several times faster than deleting a site of
///   tens of thousands of pages and creating it again; files the new build does not write
///   are pruned before the swap. It can be deleted at any time.
///
/// Only the holder of the output's lock touches them, so a build never takes over or deletes
/// the folder of a build that is running: whatever it finds is a killed build's.
pub struct Staging {
    dir: PathBuf,
    /// Held until the swap is done, and while an abandoned staging folder is put away.
    lock: OutputLock,
    /// Paths written by this build; everything else in `dir` is pruned at commit. `None` when
    /// the folder was made empty for this build, which then has nothing to prune (walking a
    /// cold build's tens of thousands of files for nothing took 135–140 ms at 10,000
    /// incidents, on one thread, at the very end: the whole of the `swap` stage).
    written: Option<Mutex<HashSet<String>>>,
    /// In a reused folder, the folders (relative paths) already checked to be real folders,
    /// not links: a link planted in the previous site would otherwise be written through.
    checked: Mutex<HashSet<String>>,
    committed: bool,
}

impl Staging {
    /// A staging folder for the output `lock` holds, after repairing what a killed build
    /// left beside it.
    pub fn create(lock: OutputLock) -> Result<Staging> {
        let dir = lock.beside(&format!(".tmp-{}", std::process::id()));
        let reusable = recover(&lock);
        // The rest first: one of them may have this process's name (a swap of an earlier
        // build in this process that failed, or a dead process's number used again).
        reusable.iter().skip(1).for_each(|extra| remove_tree(extra));
        let fresh = match reusable.first() {
            Some(best) if *best == dir => false,
            Some(best) => {
                std::fs::rename(best, &dir)
                    .with_context(|| format!("cannot reuse `{}`", best.display()))?;
                false
            }
            None => {
                std::fs::create_dir(&dir)
                    .with_context(|| format!("cannot create `{}`", dir.display()))?;
                true
            }
        };
        // Until it is complete, the staging folder must not look like a finished site.
        let _ = std::fs::remove_file(dir.join(MARKER));
        Ok(Staging {
            dir,
            lock,
            written: (!fresh).then(|| Mutex::new(HashSet::new())),
            checked: Mutex::new(HashSet::new()),
            committed: false,
        })
    }

    /// Prunes what this build did not write, then puts the new site in place of the old one.
    pub fn commit(mut self) -> Result<()> {
        if let Some(written) = self.written.take() {
            prune(
                &self.dir,
                &written.into_inner().unwrap_or_else(|e| e.into_inner()),
            );
        }
        std::fs::write(
            self.dir.join(MARKER),
            "This folder is built by hindsight and replaced by every build.\n",
        )
        .context("cannot write the output marker")?;
        self.committed = true;
        swap_in(&self.dir, &self.lock)
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
            let prev = self.lock.beside(".prev");
            if prev.exists() || std::fs::rename(&self.dir, &prev).is_err() {
                remove_tree(&self.dir);
            }
        }
    }
}

impl Sink for Staging {
    fn put(&self, path: &str, content: Content) -> Result<()> {
        let dest = self.dir.join(path);
        if self.written.is_some() {
            self.unlink_folders(path);
        }
        // The staging folder may be the previous site, with a file where this one needs a
        // folder or the other way round; it is ours, so such a leftover is cleared.
        if let Some(parent) = dest.parent()
            && std::fs::create_dir_all(parent).is_err()
        {
            clear_files_in_the_way(&self.dir, parent);
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create `{}`", parent.display()))?;
        }
        if self.written.is_some() {
            // A reused folder holds the site of two builds ago: a file that is already what
            // this build makes is left as it is (reading it back costs less than truncating
            // and writing it again, and it keeps its time, for tools that copy what changed).
            match std::fs::symlink_metadata(&dest) {
                Ok(old) if old.is_dir() => remove_tree(&dest),
                // Never written through: the file goes where the link was.
                Ok(old) if old.is_symlink() => {
                    let _ = std::fs::remove_file(&dest);
                }
                Ok(old) if old.is_file() && unchanged(&dest, old.len(), &content) => {
                    self.wrote(path);
                    return Ok(());
                }
                _ => {}
            }
        }
        match content {
            Content::Bytes(b) => std::fs::write(&dest, b)
                .with_context(|| format!("cannot write `{}`", dest.display()))?,
            Content::Parts(parts) => write_parts(&dest, &parts)
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
        self.wrote(path);
        Ok(())
    }
}

impl Staging {
    /// In a reused folder, removes any link that stands where one of `path`'s folders should
    /// be, so that the folder is made inside the staging folder instead of being followed
    /// out of it. Each folder is checked once per build.
    fn unlink_folders(&self, path: &str) {
        let mut end = 0;
        while let Some(slash) = path[end..].find('/') {
            end += slash;
            let folder = &path[..end];
            end += 1;
            let checked = || self.checked.lock().unwrap_or_else(|e| e.into_inner());
            if checked().contains(folder) {
                continue;
            }
            let full = self.dir.join(folder);
            if std::fs::symlink_metadata(&full).is_ok_and(|m| m.is_symlink()) {
                let _ = std::fs::remove_file(&full);
            }
            checked().insert(folder.to_string());
        }
    }

    /// Remembers that `path` is part of the new site, when there may be others to prune.
    fn wrote(&self, path: &str) {
        if let Some(written) = &self.written {
            written
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(path.to_string());
        }
    }
}

/// Whether the file at `path`, `len` bytes long, already holds `content` (only whole buffers
/// are compared; a file in parts or copied is written again).
fn unchanged(path: &Path, len: u64, content: &Content) -> bool {
    match content {
        Content::Bytes(b) => {
            len == b.len() as u64 && std::fs::read(path).is_ok_and(|old| old == *b)
        }
        Content::Parts(_) | Content::Copy(_) => false,
    }
}

/// Writes `parts` one after the other into a new file at `path`.
fn write_parts(path: &Path, parts: &[Vec<u8>]) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = std::fs::File::create(path)?;
    for part in parts {
        file.write_all(part)?;
    }
    Ok(())
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
/// left empty. Folders are read in parallel: a rebuild over a site of 100,000 incidents walks
/// some 250,000 entries here.
fn prune(dir: &Path, keep: &HashSet<String>) {
    prune_in(dir, "", keep);
}

/// [`prune`] of the folder `dir`, which is `rel` in the site.
fn prune_in(dir: &Path, rel: &str, keep: &HashSet<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut folders = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let path = if rel.is_empty() {
            name.into_owned()
        } else {
            format!("{rel}/{name}")
        };
        // A link is not followed: it is a file here, removed unless written.
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => folders.push((entry.path(), path)),
            Ok(_) if !keep.contains(&path) => {
                let _ = std::fs::remove_file(entry.path());
            }
            _ => {}
        }
    }
    folders.par_iter().for_each(|(folder, path)| {
        prune_in(folder, path, keep);
        // Fails, as it should, unless the folder is now empty.
        let _ = std::fs::remove_dir(folder);
    });
}

/// Puts the complete site in `staging` in place of the output. Where the OS can, the two
/// folders trade places in one step, so that the output path names a complete site at every
/// instant; elsewhere the output is moved aside and the new site moved in, two renames with an
/// instant between them when the path names nothing (and [`recover`] puts the previous site
/// back if a kill strikes then). The previous site becomes `.<name>.prev`.
fn swap_in(staging: &Path, lock: &OutputLock) -> Result<()> {
    let output = &lock.output;
    if !output.exists() {
        return std::fs::rename(staging, output)
            .with_context(|| format!("cannot move the new site to `{}`", output.display()));
    }
    pause_for_tests("before the exchange");
    let exchanged = exchange(staging, output)
        .with_context(|| format!("cannot move the new site to `{}`", output.display()))?;
    if exchanged {
        pause_for_tests("after the exchange");
        keep_as_prev(staging, lock);
        return Ok(());
    }
    swap_by_renames(staging, lock)
}

/// The swap in two renames, for where folders cannot be exchanged in one step.
fn swap_by_renames(staging: &Path, lock: &OutputLock) -> Result<()> {
    let output = &lock.output;
    let old = lock.beside(&format!(".old-{}", std::process::id()));
    std::fs::rename(output, &old)
        .with_context(|| format!("cannot move the previous `{}` aside", output.display()))?;
    pause_for_tests("between the renames");
    if let Err(e) = std::fs::rename(staging, output) {
        // Put the previous site back: the build must not lose it.
        let _ = std::fs::rename(&old, output);
        return Err(e)
            .with_context(|| format!("cannot move the new site to `{}`", output.display()));
    }
    keep_as_prev(&old, lock);
    Ok(())
}

/// Keeps the previous site, now at `old`, as the next build's back buffer.
fn keep_as_prev(old: &Path, lock: &OutputLock) {
    let prev = lock.beside(".prev");
    remove_tree(&prev);
    if std::fs::rename(old, &prev).is_err() {
        remove_tree(old);
    }
}

/// Swaps two folders in one step (`renameat2` with `RENAME_EXCHANGE`); `Ok(false)` where the
/// file system cannot (EINVAL: NFS, for one; EOPNOTSUPP), nor the kernel (ENOSYS, before
/// Linux 3.15), or a sandbox refuses the call (EPERM: the two renames that follow fail as
/// well if the folders really are not ours to rename).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP | Errno::PERM) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Other OSes: no exchange, the two renames.
#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// A test hook, compiled in debug builds only: with `HINDSIGHT_TEST_PAUSE_SWAP_MS=N` set, the
/// swap says `test hook: <point>` on stderr and sleeps N ms at each point (before and after
/// the exchange, between the two renames), so that a test can kill the build right there.
#[cfg(debug_assertions)]
fn pause_for_tests(point: &str) {
    let pause = std::env::var("HINDSIGHT_TEST_PAUSE_SWAP_MS")
        .ok()
        .and_then(|ms| ms.parse().ok());
    if let Some(ms) = pause {
        eprintln!("test hook: {point}");
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

#[cfg(not(debug_assertions))]
fn pause_for_tests(_: &str) {}

/// Removes a folder tree, its sub-folders in parallel.
fn remove_tree(dir: &Path) {
    // A link in the place of a folder goes itself; what it points to is never entered.
    if !is_real_dir(dir) {
        let _ = std::fs::remove_file(dir);
        return;
    }
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

/// Whether `p` is a folder itself, not a link to one.
fn is_real_dir(p: &Path) -> bool {
    std::fs::symlink_metadata(p).is_ok_and(|m| m.is_dir())
}

/// Whether `p`, named like a build's folder, is a folder itself. A link in its place is
/// nobody's build: it is removed, never followed.
fn real_dir_or_unlink(p: &Path) -> bool {
    match std::fs::symlink_metadata(p) {
        Ok(m) if m.is_dir() => true,
        Ok(m) if m.is_symlink() => {
            let _ = std::fs::remove_file(p);
            false
        }
        _ => false,
    }
}

/// Repairs what killed builds left beside the output and returns the folders that can serve
/// as the next staging folder, the best first: the previous site, then complete sites, then
/// the rest. Only the lock's holder may call it: every folder it finds is a dead build's.
///
/// What a kill can leave, and what becomes of it:
/// - a staging folder, partial, or complete but not yet swapped in, or holding the previous
///   site just after an exchange (the output is the new site then): reusable;
/// - the output missing, with the previous site in `.old-<pid>` (a kill between the two
///   renames): the previous site is put back as the output, and the new site it was to be
///   replaced with is reusable;
/// - `.prev`, or a half-deleted one: reusable.
fn recover(lock: &OutputLock) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(&lock.parent) else {
        return Vec::new();
    };
    let (tmp, old) = (
        format!(".{}.tmp-", lock.name),
        format!(".{}.old-", lock.name),
    );
    let is = |p: &Path, prefix: &str| {
        p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| is(p, &tmp) || is(p, &old))
        .collect();
    found.retain(|p| real_dir_or_unlink(p));
    found.sort();
    if !lock.output.exists()
        && let Some(i) = found
            .iter()
            .position(|p| is(p, &old) && p.join(MARKER).exists())
    {
        let previous = found.remove(i);
        let _ = std::fs::rename(&previous, &lock.output);
    }
    // Complete sites first: they have the most files in place already.
    found.sort_by_key(|p| !p.join(MARKER).exists());
    let prev = lock.beside(".prev");
    if real_dir_or_unlink(&prev) {
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
            Content::Parts(parts) => write_parts(&tmp, &parts),
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

    /// A staging folder for `out`. It waits for the lock rather than failing: a `git` that
    /// another test starts (history) may briefly hold a copy of the lock's descriptor between
    /// its fork and its exec.
    fn stage(out: &Path) -> Result<Staging> {
        Staging::create(OutputLock::take(out, &mut || Ok(()))?)
    }

    fn write_site(text: &str, out: &Path) -> Result<()> {
        let staging = stage(out)?;
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

    /// A folder with a site built twice into `public`: the next build reuses `.public.prev`,
    /// which holds the first ("one"), as its staging folder.
    fn built_twice() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site("one", &out).unwrap();
        write_site("two", &out).unwrap();
        (dir, out)
    }

    /// A folder `outside` next to the site, holding `file`, that no build may touch.
    fn outside_folder(dir: &Path, file: &str) -> PathBuf {
        let outside = dir.join("outside");
        std::fs::create_dir(&outside).unwrap();
        std::fs::write(outside.join(file), "not the site's").unwrap();
        outside
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
        assert_eq!(names(dir.path()), [".public.lock", "public"]);
        write_site("two", &out).unwrap();
        assert_eq!(read(&out.join("a/index.html")), "two");
        assert_eq!(
            names(dir.path()),
            [".public.lock", ".public.prev", "public"]
        );
        assert_eq!(read(&dir.path().join(".public.prev/a/index.html")), "one");
        write_site("three", &out).unwrap();
        assert_eq!(read(&out.join("a/index.html")), "three");
        assert_eq!(read(&dir.path().join(".public.prev/a/index.html")), "two");
        assert_eq!(
            names(dir.path()),
            [".public.lock", ".public.prev", "public"]
        );
    }

    #[test]
    fn a_file_where_a_folder_is_needed_and_the_reverse_are_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let staging = stage(&out).unwrap();
        staging
            .put("a", Content::Bytes(b"a file".to_vec()))
            .unwrap();
        staging
            .put("b/index.html", Content::Bytes(b"in a folder".to_vec()))
            .unwrap();
        staging.commit().unwrap();
        write_site("one", &out).unwrap(); // the first site becomes the back buffer
        let staging = stage(&out).unwrap();
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
            let staging = stage(&out).unwrap();
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
            .map(|e| crate::rel_slash(&out, e.path()))
            .collect();
        files.sort();
        assert_eq!(files, [".hindsight-output", "keep", "keep/index.html"]);
    }

    #[test]
    fn a_reused_folder_keeps_the_files_that_did_not_change_and_rewrites_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let files = |same: &str, other: &str| {
            let staging = stage(&out).unwrap();
            for (path, text) in [("same.html", same), ("b/same-length.html", other)] {
                staging
                    .put(path, Content::Bytes(text.as_bytes().to_vec()))
                    .unwrap();
            }
            staging.commit().unwrap();
        };
        files("kept", "1111");
        files("kept", "2222");
        // This build's staging folder is the first site: one file is the same, one is not.
        let first = dir.path().join(".public.prev");
        let old = std::fs::metadata(first.join("same.html")).unwrap();
        let stamp = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        std::fs::File::options()
            .write(true)
            .open(first.join("same.html"))
            .unwrap()
            .set_modified(stamp)
            .unwrap();
        files("kept", "3333");
        let now = std::fs::metadata(out.join("same.html")).unwrap();
        assert_eq!(now.modified().unwrap(), stamp, "left as it was");
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            assert_eq!(now.ino(), old.ino());
        }
        assert_eq!(read(&out.join("same.html")), "kept");
        assert_eq!(read(&out.join("b/same-length.html")), "3333");
        files("kept, and longer", "4");
        assert_eq!(read(&out.join("same.html")), "kept, and longer");
        assert_eq!(read(&out.join("b/same-length.html")), "4");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_left_in_a_reused_folder_is_replaced_not_written_through() {
        let (dir, out) = built_twice();
        let outside = dir.path().join("outside.txt");
        std::fs::write(&outside, "not the site's").unwrap();
        let link = dir.path().join(".public.prev/a/index.html");
        std::fs::remove_file(&link).unwrap();
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        write_site("three", &out).unwrap();
        assert_eq!(read(&outside), "not the site's");
        assert_eq!(read(&out.join("a/index.html")), "three");
        assert!(
            !std::fs::symlink_metadata(out.join("a/index.html"))
                .unwrap()
                .is_symlink()
        );
    }

    #[cfg(unix)]
    #[test]
    fn pruning_removes_a_link_to_a_folder_without_entering_it() {
        let (dir, out) = built_twice();
        let outside = outside_folder(dir.path(), "keep.txt");
        std::os::unix::fs::symlink(&outside, dir.path().join(".public.prev/linked")).unwrap();
        write_site("three", &out).unwrap();
        assert_eq!(read(&outside.join("keep.txt")), "not the site's");
        assert!(std::fs::symlink_metadata(out.join("linked")).is_err());
        assert_eq!(read(&out.join("a/index.html")), "three");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_folder_where_the_site_needs_a_folder_is_not_written_through() {
        let (dir, out) = built_twice();
        let outside = outside_folder(dir.path(), "index.html");
        let folder = dir.path().join(".public.prev/a");
        std::fs::remove_dir_all(&folder).unwrap();
        std::os::unix::fs::symlink(&outside, &folder).unwrap();
        write_site("three", &out).unwrap();
        assert_eq!(read(&outside.join("index.html")), "not the site's");
        assert_eq!(names(&outside), ["index.html"]);
        assert!(std::fs::symlink_metadata(out.join("a")).unwrap().is_dir());
        assert_eq!(read(&out.join("a/index.html")), "three");
    }

    #[cfg(unix)]
    #[test]
    fn a_previous_site_that_is_a_link_is_removed_never_entered() {
        let (dir, out) = built_twice();
        let outside = outside_folder(dir.path(), "keep.txt");
        let prev = dir.path().join(".public.prev");
        remove_tree(&prev);
        std::os::unix::fs::symlink(&outside, &prev).unwrap();
        std::os::unix::fs::symlink(&outside, dir.path().join(".public.tmp-1")).unwrap();
        write_site("three", &out).unwrap();
        assert_eq!(
            names(&outside),
            ["keep.txt"],
            "nothing written or pruned there"
        );
        assert_eq!(read(&outside.join("keep.txt")), "not the site's");
        assert!(
            std::fs::symlink_metadata(&out).unwrap().is_dir(),
            "the output is no link"
        );
        assert_eq!(read(&out.join("a/index.html")), "three");
        assert!(!std::fs::symlink_metadata(&prev).unwrap().is_symlink());
        // Clearing a link where a folder was expected removes the link alone.
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        remove_tree(&link);
        assert!(std::fs::symlink_metadata(&link).is_err());
        assert_eq!(names(&outside), ["keep.txt"]);
    }

    #[test]
    fn an_abandoned_staging_folder_leaves_the_output_alone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site("one", &out).unwrap();
        let staging = stage(&out).unwrap();
        staging
            .put("a/index.html", Content::Bytes(b"half".to_vec()))
            .unwrap();
        drop(staging);
        assert_eq!(read(&out.join("a/index.html")), "one");
        assert_eq!(
            names(dir.path()),
            [".public.lock", ".public.prev", "public"]
        );
        assert!(!dir.path().join(".public.prev").join(MARKER).exists());
        write_site("two", &out).unwrap();
        assert_eq!(read(&out.join("a/index.html")), "two");
    }

    /// A folder `name` beside the output in `dir` with one page saying `text`, complete (with
    /// the marker) or not.
    fn folder(dir: &Path, name: &str, text: &str, complete: bool) {
        let f = dir.join(name);
        std::fs::create_dir_all(f.join("a")).unwrap();
        std::fs::write(f.join("a/index.html"), text).unwrap();
        if complete {
            std::fs::write(f.join(MARKER), "").unwrap();
        }
    }

    /// What a new build finds in its staging folder and in the output after recovering from
    /// `leftovers` (name, page text, complete); the output `None` when there is none.
    fn recovered(leftovers: &[(&str, &str, bool)]) -> (String, Option<String>, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        for (name, text, complete) in leftovers {
            folder(dir.path(), name, text, *complete);
        }
        let out = dir.path().join("public");
        let staging = stage(&out).unwrap();
        assert!(
            !staging.dir.join(MARKER).exists(),
            "not a finished site yet"
        );
        let back = read(&staging.dir.join("a/index.html"));
        let output = out.is_dir().then(|| {
            assert!(out.join(MARKER).exists(), "a restored output is complete");
            read(&out.join("a/index.html"))
        });
        let pid = std::process::id();
        let mut beside = names(dir.path());
        beside.retain(|n| *n != format!(".public.tmp-{pid}"));
        drop(staging);
        (back, output, beside)
    }

    #[test]
    fn a_partial_staging_folder_of_a_killed_build_is_reused_and_the_output_left_alone() {
        let (back, output, beside) =
            recovered(&[("public", "live", true), (".public.tmp-1", "half", false)]);
        assert_eq!(back, "half");
        assert_eq!(output.as_deref(), Some("live"));
        assert_eq!(beside, [".public.lock", "public"]);
    }

    #[test]
    fn a_complete_site_not_yet_exchanged_is_reused_and_the_output_left_alone() {
        let (back, output, _) =
            recovered(&[("public", "previous", true), (".public.tmp-1", "new", true)]);
        assert_eq!(back, "new");
        assert_eq!(output.as_deref(), Some("previous"));
    }

    #[test]
    fn the_previous_site_left_in_the_staging_folder_by_an_exchange_is_reused() {
        // Killed right after the exchange: the output is the new site, and the staging folder
        // holds the previous one, marker and all; it is only a back buffer now.
        let (back, output, beside) =
            recovered(&[("public", "new", true), (".public.tmp-1", "previous", true)]);
        assert_eq!(back, "previous");
        assert_eq!(output.as_deref(), Some("new"));
        assert_eq!(beside, [".public.lock", "public"]);
    }

    #[test]
    fn a_kill_between_the_two_renames_gets_the_previous_site_back() {
        let (back, output, beside) = recovered(&[
            (".public.old-1", "previous", true),
            (".public.tmp-1", "new", true),
        ]);
        assert_eq!(output.as_deref(), Some("previous"));
        assert_eq!(back, "new");
        assert_eq!(beside, [".public.lock", "public"]);
    }

    #[test]
    fn a_first_build_killed_before_its_rename_leaves_no_output_as_there_was_none() {
        let (back, output, _) = recovered(&[(".public.tmp-1", "new", true)]);
        assert_eq!(output, None);
        assert_eq!(back, "new");
    }

    #[test]
    fn the_kept_previous_site_is_reused_first_and_every_other_leftover_removed() {
        let pid = std::process::id();
        let (back, output, beside) = recovered(&[
            ("public", "live", true),
            (".public.prev", "prev", true),
            (".public.tmp-1", "half", false),
            (".public.tmp-2", "new", true),
            (".public.old-3", "older", true),
            // A dead process's number, used again by this one.
            (&format!(".public.tmp-{pid}"), "stale", false),
        ]);
        assert_eq!(back, "prev");
        assert_eq!(output.as_deref(), Some("live"));
        assert_eq!(beside, [".public.lock", "public"]);
    }

    #[test]
    fn a_second_build_is_told_the_output_is_locked_until_the_first_is_done() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = stage(&out).unwrap();
        let mut asked = 0;
        let busy = OutputLock::take(&out, &mut || {
            asked += 1;
            bail!("busy")
        });
        assert_eq!(busy.err().map(|e| e.to_string()).as_deref(), Some("busy"));
        assert_eq!(asked, 1);
        first
            .put("a/index.html", Content::Bytes(b"one".to_vec()))
            .unwrap();
        first.commit().unwrap();
        // Committed, and so released; an abandoned one is released too.
        drop(stage(&out).unwrap());
        stage(&out).unwrap();
    }

    #[test]
    fn the_two_renames_put_the_new_site_in_place_and_keep_the_previous() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site("one", &out).unwrap();
        // Waits when the lock is busy: another test's child process (`git`), forked while
        // `write_site` held its lock file open, holds it until its exec (it failed so once).
        let lock = OutputLock::take(&out, &mut || Ok(())).unwrap();
        folder(dir.path(), ".public.tmp-1", "two", true);
        swap_by_renames(&dir.path().join(".public.tmp-1"), &lock).unwrap();
        assert_eq!(read(&out.join("a/index.html")), "two");
        assert_eq!(read(&dir.path().join(".public.prev/a/index.html")), "one");
        assert_eq!(
            names(dir.path()),
            [".public.lock", ".public.prev", "public"]
        );
    }
}
