//! The `check` command as a library function: load and model the whole KB (drafts included),
//! run the lint rules, and keep the diagnostics of the files asked about. Nothing is written.

use crate::analyze::lint::{self, Cx, LintSettings};
use crate::build::load_kb;
use crate::diag::{Diagnostic, Diagnostics};
use anyhow::{Context, Result};
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

/// Every diagnostic of the KB (or of the given paths), sorted.
pub fn check(opts: &CheckOptions) -> Result<Vec<Diagnostic>> {
    let mut stages = Vec::new();
    let (kb, mut diags) = load_kb(&opts.root, &opts.display_root, true, &mut stages);
    if let Some(kb) = &kb {
        let config_path = crate::join_display(&opts.display_root, "hindsight.toml");
        let (settings, config_diags) = LintSettings::from_config(&kb.config.lint, &config_path);
        diags.extend(config_diags);
        let cx = Cx {
            kb,
            settings: &settings,
            today: opts.today,
        };
        diags.extend(lint::run(&cx));
    }
    let wanted = wanted_paths(&opts.paths)?;
    Ok(filter(diags, &wanted))
}

fn wanted_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    paths
        .iter()
        .map(|p| {
            p.canonicalize()
                .with_context(|| format!("cannot find `{}`", p.display()))
        })
        .collect()
}

fn filter(diags: Diagnostics, wanted: &[PathBuf]) -> Vec<Diagnostic> {
    let all = diags.into_sorted();
    if wanted.is_empty() {
        return all;
    }
    all.into_iter()
        .filter(|d| {
            Path::new(&d.path)
                .canonicalize()
                .is_ok_and(|p| wanted.iter().any(|w| p.starts_with(w)))
        })
        .collect()
}
