//! The `check` command as a library function: load and model the whole KB (drafts included),
//! find the related incidents of the drafts asked about by text (an index of the KB made in
//! memory, for `seen-before`), run the lint rules, and keep the diagnostics of the files asked
//! about. Nothing is written.

use crate::analyze::lint::{self, Cx, LintSettings};
use crate::analyze::seen_before::is_draft;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Incident, KnowledgeBase, load_kb};
use anyhow::{Context, Result, bail};
use jiff::civil::Date;
use std::path::{Path, PathBuf};

/// What to check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub root: PathBuf,
    pub display_root: String,
    /// Report only these files (or files under these folders); empty: the whole KB.
    pub paths: Vec<PathBuf>,
    /// The day overdue action items are measured against.
    pub today: Date,
}

/// The files asked about, as the paths diagnostics carry: whole files and folder prefixes.
struct Selection {
    files: Vec<String>,
    folders: Vec<String>,
}

impl Selection {
    fn all(&self) -> bool {
        self.files.is_empty() && self.folders.is_empty()
    }

    fn contains(&self, display: &str) -> bool {
        self.all()
            || self.files.iter().any(|f| f == display)
            || self.folders.iter().any(|f| display.starts_with(f.as_str()))
    }
}

/// Every diagnostic of the KB (or of the given paths), sorted.
pub fn check(opts: &CheckOptions) -> Result<Vec<Diagnostic>> {
    let selection = select(&opts.root, &opts.display_root, &opts.paths)?;
    let mut stages = Vec::new();
    let (mut kb, mut diags) = load_kb(&opts.root, &opts.display_root, true, &mut stages);
    if let Some(kb) = &mut kb {
        let config_path = crate::join_display(&opts.display_root, "hindsight.toml");
        let (settings, config_diags) = LintSettings::from_config(&kb.config, &config_path);
        diags.extend(config_diags);
        if settings.levels.get("seen-before") != Some(&lint::Setting::Allow) {
            related_for_drafts(kb, |inc| selection.contains(&inc.doc.file.display))?;
        }
        let cx = Cx {
            kb,
            settings: &settings,
            today: opts.today,
            public: Default::default(),
        };
        let found = lint::run_on(&cx, |inc| selection.contains(&inc.doc.file.display));
        if opts.paths.is_empty() {
            diags.extend(lint::required_hint(&cx, &found, &config_path));
        }
        diags.extend(found.diags);
    }
    Ok(filter(diags, &selection))
}

/// The related incidents of the drafts `select` keeps, text matches included, as a build with
/// drafts finds them: for `seen-before`. The index is made in memory from the whole KB (nothing
/// is written), and only when there is such a draft.
pub fn related_for_drafts(
    kb: &mut KnowledgeBase,
    select: impl Fn(&Incident) -> bool,
) -> Result<()> {
    let wanted = |inc: &Incident| is_draft(inc) && select(inc);
    if !kb.incidents.iter().any(wanted) {
        return Ok(());
    }
    let ix = crate::index::in_memory(kb)?;
    crate::index::related::fill_some(kb, &ix, wanted)
}

/// The paths given, as diagnostics name them (the root as the user typed it, then the path
/// inside the KB), so that filtering needs no file-system call per diagnostic.
fn select(root: &Path, display_root: &str, paths: &[PathBuf]) -> Result<Selection> {
    let mut selection = Selection {
        files: Vec::new(),
        folders: Vec::new(),
    };
    if paths.is_empty() {
        return Ok(selection);
    }
    let root = root
        .canonicalize()
        .with_context(|| format!("cannot find `{}`", root.display()))?;
    for p in paths {
        let full = p
            .canonicalize()
            .with_context(|| format!("cannot find `{}`", p.display()))?;
        let Ok(inside) = full.strip_prefix(&root) else {
            bail!(
                "`{}` is not inside the KB at `{}`",
                p.display(),
                root.display()
            );
        };
        let display = crate::join_display(display_root, &crate::rel_slash(Path::new(""), inside));
        if full.is_dir() {
            selection.folders.push(if display.is_empty() {
                String::new()
            } else {
                format!("{display}/")
            });
        } else {
            selection.files.push(display);
        }
    }
    Ok(selection)
}

fn filter(diags: Diagnostics, selection: &Selection) -> Vec<Diagnostic> {
    diags
        .into_sorted()
        .into_iter()
        .filter(|d| selection.contains(&d.path))
        .collect()
}
