//! Write stage: rendered files -> the output folder, atomically. Files go to a fresh
//! temporary folder beside the output ([`Staging`]), which replaces the output only once the
//! whole site is in it, so a failed or killed build leaves the previous site as it was. The output folder is checked
//! first: never the KB root, an ancestor of it, or inside its content, theme or static
//! folders, and never a non-empty folder that hindsight did not make.

use crate::render::{Content, Sink};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

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

/// A temporary folder beside the output that receives the new site file by file (from any
/// thread) and replaces the output only on [`Staging::commit`]. Dropped without a commit, it
/// removes itself; a killed build leaves it behind, and the next build removes it.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    committed: bool,
}

impl Staging {
    pub fn create(output: &Path) -> Result<Staging> {
        let output = resolve(output);
        let parent = output
            .parent()
            .context("the output folder has no parent folder")?;
        let name = output
            .file_name()
            .context("the output folder has no name")?
            .to_string_lossy()
            .into_owned();
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create `{}`", parent.display()))?;
        remove_leftovers(parent, &name);
        let dir = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        std::fs::create_dir(&dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
        Ok(Staging {
            dir,
            output,
            committed: false,
        })
    }

    /// Puts the new site in place of the old one.
    pub fn commit(mut self) -> Result<()> {
        std::fs::write(
            self.dir.join(MARKER),
            "This folder is built by hindsight and replaced by every build.\n",
        )
        .context("cannot write the output marker")?;
        let parent = self
            .output
            .parent()
            .context("the output folder has no parent folder")?
            .to_path_buf();
        let name = self
            .output
            .file_name()
            .context("the output folder has no name")?
            .to_string_lossy()
            .into_owned();
        self.committed = true;
        swap_in(&self.dir, &self.output, &parent, &name)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

impl Sink for Staging {
    fn put(&self, path: &str, content: Content) -> Result<()> {
        let dest = self.dir.join(path);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create `{}`", parent.display()))?;
        }
        match content {
            Content::Bytes(b) => std::fs::write(&dest, b)
                .with_context(|| format!("cannot write `{}`", dest.display())),
            Content::Copy(src) => std::fs::copy(&src, &dest).map(|_| ()).with_context(|| {
                format!("cannot copy `{}` to `{}`", src.display(), dest.display())
            }),
        }
    }
}

fn swap_in(tmp: &Path, output: &Path, parent: &Path, name: &str) -> Result<()> {
    if output.exists() {
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        std::fs::rename(output, &old)
            .with_context(|| format!("cannot move the previous `{}` aside", output.display()))?;
        if let Err(e) = std::fs::rename(tmp, output) {
            // Put the previous site back: the build must not lose it.
            let _ = std::fs::rename(&old, output);
            let _ = std::fs::remove_dir_all(tmp);
            return Err(e)
                .with_context(|| format!("cannot move the new site to `{}`", output.display()));
        }
        let _ = std::fs::remove_dir_all(&old);
    } else {
        std::fs::rename(tmp, output)
            .with_context(|| format!("cannot move the new site to `{}`", output.display()))?;
    }
    Ok(())
}

/// Removes temporary folders of earlier builds that were killed; if a kill left no output
/// but a previous one set aside, that previous one is put back first.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let tmp_prefix = format!(".{name}.tmp-");
    let old_prefix = format!(".{name}.old-");
    let output = parent.join(name);
    for e in entries.filter_map(Result::ok) {
        let file_name = e.file_name().to_string_lossy().into_owned();
        let ours = file_name.starts_with(&tmp_prefix) || file_name.starts_with(&old_prefix);
        if !ours || !e.path().join(MARKER).exists() && file_name.starts_with(&old_prefix) {
            continue;
        }
        if file_name.starts_with(&old_prefix) && !output.exists() {
            let _ = std::fs::rename(e.path(), &output);
            continue;
        }
        let _ = std::fs::remove_dir_all(e.path());
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

    #[test]
    fn writes_then_replaces_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site("one", &out).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "one"
        );
        assert!(out.join(MARKER).exists());
        write_site("two", &out).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "two"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "no temporary folders are left: {names:?}");
    }

    #[test]
    fn an_abandoned_staging_folder_removes_itself() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site("one", &out).unwrap();
        let staging = Staging::create(&out).unwrap();
        staging
            .put("b.html", Content::Bytes(b"half".to_vec()))
            .unwrap();
        drop(staging);
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "one"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn leftovers_of_a_killed_build_are_cleaned_and_a_lost_output_restored() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(".public.old-1");
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join(MARKER), "").unwrap();
        std::fs::create_dir_all(dir.path().join(".public.tmp-2")).unwrap();
        remove_leftovers(dir.path(), "public");
        assert!(dir.path().join("public").join(MARKER).exists());
        assert!(!dir.path().join(".public.tmp-2").exists());
    }
}
