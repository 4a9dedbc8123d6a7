//! Rebuilds: batches of changed paths in, one rebuild at a time, a new [`Status`] out. Batches
//! that arrive while a rebuild runs are coalesced into the next one.
//!
//! An edit to one post-mortem takes a fast path first: that file is parsed again, patched
//! into the KB kept from the last build, and only its page is rendered, in place, so the
//! browser shows it at once; a full build then follows as soon as no other change is waiting,
//! to bring every page that mentions the incident (lists, causes, related incidents, search
//! files) up to date. A change to the theme or static files alone renders every page again
//! from the KB kept from the last build, without reading the content again, and keeps the
//! search files as they are. Anything else (a new or deleted post-mortem, the config, a file
//! with errors) is a full build.

use super::live::Status;
use super::watch::Watcher;
use crate::build::{BuildOptions, BuildReport, build_keeping};
use crate::model::KnowledgeBase;
use crate::render::RenderOptions;
use anyhow::Result;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Instant;
use tokio::sync::watch;

/// Builds the preview site.
pub struct Builder {
    opts: BuildOptions,
    /// The KB and render options of the last full build, for the fast path.
    last: Option<(KnowledgeBase, RenderOptions)>,
    /// Set after a fast path: the rest of the site still shows the incident as it was.
    needs_full: bool,
}

impl Builder {
    pub fn new(opts: BuildOptions) -> Builder {
        Builder {
            opts,
            last: None,
            needs_full: false,
        }
    }

    /// Whether a full build is owed after a fast one.
    pub fn needs_full(&self) -> bool {
        self.needs_full
    }

    /// Brings the site up to date after `changed` (absolute paths) changed; the first build,
    /// and the full build that follows a fast one, have none. `Err` when the build cannot
    /// run; content errors are in the report, and the previous site stays in place.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<BuildReport> {
        // A preview can run for days: overdue action items are measured against today's date.
        self.opts.today = jiff::Zoned::now().date();
        if let [path] = changed
            && let Some(report) = self.fast(path)
        {
            self.needs_full = true;
            return Ok(report);
        }
        // After a fast path the kept KB has a patched incident the shared lists do not show
        // yet: only a full build is right then.
        if !self.needs_full
            && !changed.is_empty()
            && changed.iter().all(|p| self.is_look(p))
            && let Some(result) = self.rerender()
        {
            return result;
        }
        self.needs_full = false;
        let built = build_keeping(&self.opts, &mut |_| {});
        self.last = None;
        let built = built?;
        if let (Some(kb), Some(render)) = (built.kb, built.render) {
            self.last = Some((kb, render));
        }
        Ok(built.report)
    }

    /// Whether `path` (absolute) changes how pages look but not what the KB holds: a file of
    /// the theme (templates, static files) or of `static/`.
    fn is_look(&self, path: &Path) -> bool {
        let Ok(root) = self.opts.root.canonicalize() else {
            return false;
        };
        let rel = crate::load::rel_slash(&root, path);
        rel.starts_with("theme/") || rel.starts_with("static/")
    }

    /// Every page rendered again from the kept KB, into a staging folder that replaces the
    /// site only when it is whole; the search files are carried over from the site served
    /// now, since the KB did not change. `None` when there is no kept KB, or the search files
    /// are not where the last build put them.
    fn rerender(&mut self) -> Option<Result<BuildReport>> {
        let start = Instant::now();
        let (kb, render) = self.last.as_mut()?;
        render.today = self.opts.today;
        let output = self.opts.output_dir();
        if let Some(manifest) = &render.search
            && !output.join(manifest).is_file()
        {
            return None;
        }
        let run = || -> Result<BuildReport> {
            let mut report = BuildReport {
                incidents: kb.incidents.len(),
                output: output.clone(),
                ..BuildReport::default()
            };
            let staging = crate::write::Staging::create(&output)?;
            report.search_files = carry_over(&output.join("search"), "search", &staging)?;
            let rendered = match crate::render::render(
                kb,
                &self.opts.root,
                &self.opts.display_root,
                render,
                &staging,
            ) {
                Ok(r) => r,
                Err(crate::render::RenderError::Content(ds)) => {
                    report.errors = ds.iter().filter(|d| d.is_error()).count();
                    report.warnings = ds.len() - report.errors;
                    report.diagnostics = ds;
                    report.elapsed = start.elapsed();
                    return Ok(report);
                }
                Err(crate::render::RenderError::Io(e)) => return Err(e),
            };
            report.stages.push(("render", start.elapsed()));
            staging.commit()?;
            report.pages = rendered.pages;
            report.files = rendered.files + report.search_files;
            report.written = true;
            report.elapsed = start.elapsed();
            Ok(report)
        };
        Some(run())
    }

    /// The fast path for an edited post-mortem: `None` when it does not apply.
    fn fast(&mut self, path: &Path) -> Option<BuildReport> {
        let start = Instant::now();
        let (kb, render) = self.last.as_mut()?;
        // The watcher reports absolute paths; the root may be relative.
        let root = self.opts.root.canonicalize().ok()?;
        let rel = crate::load::rel_slash(&root, path);
        if !rel.starts_with("content/incidents/") || !rel.ends_with(".md") {
            return None;
        }
        let load = crate::load::LoadOptions {
            drafts: self.opts.drafts,
        };
        let (doc, _) =
            crate::load::load_incident(&root, &self.opts.display_root, path, &kb.config, load);
        let i = kb.patch_incident(doc?)?;
        render.today = self.opts.today;
        let output = self.opts.output_dir();
        let sink = crate::write::DirSink(output.clone());
        let rendered = crate::render::render_incident(
            kb,
            &self.opts.root,
            &self.opts.display_root,
            render,
            &sink,
            i,
        );
        if rendered.is_err() {
            // The page could not be drawn from the patched KB: the full build will say why.
            self.last = None;
            return None;
        }
        Some(BuildReport {
            incidents: kb.incidents.len(),
            pages: 1,
            files: 1,
            output,
            written: true,
            elapsed: start.elapsed(),
            stages: vec![("page", start.elapsed())],
            ..BuildReport::default()
        })
    }
}

/// Puts every file under `dir` (the served site's `prefix/` folder) into `sink` as it is;
/// returns how many.
fn carry_over(dir: &Path, prefix: &str, sink: &dyn crate::render::Sink) -> Result<usize> {
    let mut n = 0;
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_file() {
            let rel = crate::load::rel_slash(dir, entry.path());
            sink.put(
                &format!("{prefix}/{rel}"),
                crate::render::Content::Copy(entry.into_path()),
            )?;
            n += 1;
        }
    }
    Ok(n)
}

/// The rebuild loop: runs until the watcher's channel closes. Publishes every outcome.
pub fn run(
    mut builder: Builder,
    mut watcher: Watcher,
    changes: Receiver<Vec<PathBuf>>,
    status: watch::Sender<Status>,
) {
    loop {
        // After a fast rebuild, the full one runs as soon as no change is waiting.
        let next = if builder.needs_full() {
            match changes.try_recv() {
                Ok(c) => Ok(c),
                Err(TryRecvError::Empty) => Ok(Vec::new()),
                Err(TryRecvError::Disconnected) => Err(()),
            }
        } else {
            changes.recv().map_err(|_| ())
        };
        let Ok(mut changed) = next else { break };
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
    if report.written && report.stages.first().is_some_and(|(s, _)| *s == "page") {
        eprintln!(
            "Updated the page{what} in {:.0} ms; the rest of the site follows",
            report.elapsed.as_secs_f64() * 1000.0
        );
    } else if report.written && report.stages.first().is_some_and(|(s, _)| *s == "render") {
        eprintln!(
            "Rendered {} pages again in {:.2} s{what}; the content did not change and was not read again",
            report.pages,
            report.elapsed.as_secs_f64()
        );
    } else if report.written {
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
