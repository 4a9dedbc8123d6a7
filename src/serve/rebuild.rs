//! Rebuilds: batches of changed paths in, one rebuild at a time, a new [`Status`] out. Batches
//! that arrive while a rebuild runs are coalesced into the next one. [`Builder::rebuild`] is
//! the one call that turns changes into a site, so an incremental build can replace the full
//! one there without touching the rest of the server.

use super::live::Status;
use super::watch::Watcher;
use crate::build::{BuildOptions, BuildReport, build};
use anyhow::Result;
use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use tokio::sync::watch;

/// Builds the preview site.
pub struct Builder {
    opts: BuildOptions,
}

impl Builder {
    pub fn new(opts: BuildOptions) -> Builder {
        Builder { opts }
    }

    /// Brings the site up to date after `changed` (absolute paths) changed; the first build
    /// has none. For now the whole site is built again each time. `Err` when the build cannot
    /// run; content errors are in the report, and the previous site stays in place.
    pub fn rebuild(&mut self, _changed: &[PathBuf]) -> Result<BuildReport> {
        // A preview can run for days: overdue action items are measured against today's date.
        self.opts.today = jiff::Zoned::now().date();
        build(&self.opts, &mut |_| {})
    }
}

/// The rebuild loop: runs until the watcher's channel closes. Publishes every outcome.
pub fn run(
    mut builder: Builder,
    mut watcher: Watcher,
    changes: Receiver<Vec<PathBuf>>,
    status: watch::Sender<Status>,
) {
    while let Ok(mut changed) = changes.recv() {
        // Whatever arrived during the last rebuild is one batch now.
        while let Ok(more) = changes.try_recv() {
            changed.extend(more);
        }
        changed.sort();
        changed.dedup();
        watcher.follow_new_folders(&changed);
        let outcome = rebuild_guarded(&mut builder, &changed);
        let shown: Vec<String> = changed
            .iter()
            .map(|p| {
                p.strip_prefix(watcher.root())
                    .unwrap_or(p)
                    .display()
                    .to_string()
            })
            .collect();
        print_outcome(&outcome, &shown);
        status.send_modify(|s| *s = s.next(&outcome));
    }
}

/// A rebuild whose panic, a bug, becomes a failed rebuild: the server and its later rebuilds
/// go on.
fn rebuild_guarded(builder: &mut Builder, changed: &[PathBuf]) -> Result<BuildReport> {
    let run = std::panic::AssertUnwindSafe(|| builder.rebuild(changed));
    std::panic::catch_unwind(run).unwrap_or_else(|_| {
        Err(anyhow::anyhow!(
            "the build stopped unexpectedly (a bug in hindsight; please report it)"
        ))
    })
}

/// Tells the terminal how a build went: its diagnostics, then one line. `changed` is empty for
/// the first build.
pub fn print_outcome(outcome: &Result<BuildReport>, changed: &[String]) {
    let report = match outcome {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: the rebuild could not run: {e:#}");
            return;
        }
    };
    for d in &report.diagnostics {
        eprintln!("{d}");
    }
    let warnings = match report.warnings {
        0 => String::new(),
        1 => ", 1 warning".to_string(),
        n => format!(", {n} warnings"),
    };
    let what = match changed {
        [] => String::new(),
        [one] => format!(" after a change to {one}"),
        many => format!(" after changes to {} files", many.len()),
    };
    if report.written {
        eprintln!(
            "Built {} pages for {} incidents in {:.2} s{what}{warnings}",
            report.pages,
            report.incidents,
            report.elapsed.as_secs_f64()
        );
    } else {
        let s = if report.errors == 1 { "" } else { "s" };
        let meanwhile = if changed.is_empty() {
            "pages show them until a rebuild succeeds"
        } else {
            "the preview shows the last good build"
        };
        eprintln!(
            "error: the build found {} error{s}{warnings}{what}; {meanwhile}",
            report.errors
        );
    }
}
