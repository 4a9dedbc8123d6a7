//! Rebuilds: batches of changed paths in, a new [`Status`] out for each rebuild. Batches
//! that arrive while a rebuild runs are coalesced into the next one.
//!
//! An edit to one post-mortem takes a fast path first: that file is parsed again, patched
//! into the KB kept from the last build, and only its page is rendered, in place, so the
//! browser shows it at once; a full build then follows, in the background, as soon as no
//! other change is waiting, to bring every page that mentions the incident (lists, causes,
//! related incidents, search files) up to date. That build gives way to any change that
//! arrives while it runs: it is called off ([`CallOff`]), the new change takes the fast path
//! at once, and the full build starts again after it, so a save never waits for a whole
//! build of the KB. A change to the theme or static files alone renders every page again
//! from the KB kept from the last build, without reading the content again, and keeps the
//! search files as they are. Anything else (a new or deleted post-mortem, the config, a file
//! with errors) is a full build.

use super::live::Status;
use super::watch::Watcher;
use crate::build::{BuildOptions, BuildReport, Built, CallOff, Progress, build_unless};
use crate::model::KnowledgeBase;
use crate::render::RenderOptions;
use anyhow::Result;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, Sender, TryRecvError};
use std::time::Instant;
use tokio::sync::watch;

/// Builds the preview site.
pub struct Builder {
    opts: BuildOptions,
    /// The KB and render options of the last full build, for the fast path.
    last: Option<(KnowledgeBase, RenderOptions)>,
    /// Set after a fast path: the rest of the site still shows the incident as it was.
    needs_full: bool,
    /// Raised when a change arrives: the full build that runs then is called off.
    call_off: Arc<CallOff>,
}

impl Builder {
    pub fn new(opts: BuildOptions) -> Builder {
        Builder {
            opts,
            last: None,
            needs_full: false,
            call_off: Arc::new(CallOff::default()),
        }
    }

    /// What to raise whenever a change arrives (see [`relay`]).
    pub fn call_off(&self) -> Arc<CallOff> {
        Arc::clone(&self.call_off)
    }

    /// Whether a full build is owed after a fast one.
    pub fn needs_full(&self) -> bool {
        self.needs_full
    }

    /// Brings the site up to date after `changed` (absolute paths) changed; the first build,
    /// and the full build that follows a fast one, have none. `Err` when the build cannot
    /// run; content errors are in the report, and the previous site stays in place. `None`
    /// when the full build after a fast one was called off by a newer change; it is owed
    /// still. [`run`] does the same with the full builds in the background.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Option<BuildReport>> {
        if let Some(quick) = self.quick(changed) {
            return quick.map(Some);
        }
        let called_off = if self.needs_full && changed.is_empty() {
            self.call_off()
        } else {
            Arc::new(CallOff::default())
        };
        let built = build_unless(&self.opts, &mut say_waiting, &called_off);
        self.finish(built)
    }

    /// The fast path (one edited post-mortem) or a new rendering of the kept KB (theme or
    /// static files only), when one of them applies to `changed`.
    fn quick(&mut self, changed: &[PathBuf]) -> Option<Result<BuildReport>> {
        // A preview can run for days: overdue action items are measured against today's date.
        self.opts.today = jiff::Zoned::now().date();
        if let [path] = changed
            && let Some(report) = self.fast(path)
        {
            self.needs_full = true;
            return Some(Ok(report));
        }
        // After a fast path the kept KB has a patched incident the shared lists do not show
        // yet: only a full build is right then.
        if !self.needs_full && !changed.is_empty() && changed.iter().all(|p| self.is_look(p)) {
            return self.rerender();
        }
        None
    }

    /// A full build, to run on another thread: what [`Self::finish`] takes.
    fn full_build(&self) -> impl FnOnce() -> Result<Option<Built>> + Send + 'static {
        let opts = self.opts.clone();
        let call_off = self.call_off();
        move || build_unless(&opts, &mut say_waiting, &call_off)
    }

    /// Takes in a full build's outcome; `None` when it was called off.
    fn finish(&mut self, built: Result<Option<Built>>) -> Result<Option<BuildReport>> {
        if let Ok(None) = built {
            return Ok(None);
        }
        self.needs_full = false;
        self.last = None;
        let Some(built) = built? else {
            return Ok(None);
        };
        if let (Some(kb), Some(render)) = (built.kb, built.render) {
            self.last = Some((kb, render));
        }
        Ok(Some(built.report))
    }

    /// Whether `path` (absolute) changes how pages look but not what the KB holds: a file of
    /// the theme (templates, static files) or of `static/`.
    fn is_look(&self, path: &Path) -> bool {
        let Ok(root) = self.opts.root.canonicalize() else {
            return false;
        };
        let rel = crate::rel_slash(&root, path);
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
            let lock = crate::write::OutputLock::take(&output, &mut || {
                say_waiting(Progress::Waiting(&output))
            })?;
            let staging = crate::write::Staging::create(lock)?;
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
        let rel = crate::rel_slash(&root, path);
        if !rel.starts_with("content/incidents/") || !rel.ends_with(".md") {
            return None;
        }
        let load = crate::load::LoadOptions {
            drafts: self.opts.drafts,
            lean: true,
        };
        let (doc, _) =
            crate::load::load_incident(&root, &self.opts.display_root, path, &kb.config, load);
        let i = kb.patch_incident(doc?)?;
        render.today = self.opts.today;
        let output = self.opts.output_dir();
        let sink = crate::write::DirSink(output.clone());
        // Not while a full build replaces the site (see `CallOff`).
        let _site = self.call_off.site.lock().unwrap_or_else(|e| e.into_inner());
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

/// Says on the terminal why a rebuild pauses: another build of the preview's folder (another
/// `serve`, or a `build --output` of it) holds the folder's lock; the rebuild waits for it.
fn say_waiting(progress: Progress) -> Result<()> {
    if let Progress::Waiting(_) = progress {
        eprintln!("{progress}");
    }
    Ok(())
}

/// Puts every file under `dir` (the served site's `prefix/` folder) into `sink` as it is;
/// returns how many.
fn carry_over(dir: &Path, prefix: &str, sink: &dyn crate::write::Sink) -> Result<usize> {
    let mut n = 0;
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_file() {
            let rel = crate::rel_slash(dir, entry.path());
            sink.put(
                &format!("{prefix}/{rel}"),
                crate::write::Content::Copy(entry.into_path()),
            )?;
            n += 1;
        }
    }
    Ok(n)
}

/// What the rebuild loop waits for: a batch of changed paths, or the end of a full build
/// running in the background.
pub enum Event {
    Changes(Vec<PathBuf>),
    Built(Box<Result<Option<Built>>>),
}

/// Passes the watcher's batches of changes on to the rebuild loop, raising `call_off` before
/// each, so that a full build running then gives way to it.
pub fn relay(from: Receiver<Vec<PathBuf>>, to: Sender<Event>, call_off: Arc<CallOff>) {
    for batch in from {
        call_off.flag.store(true, Ordering::SeqCst);
        if to.send(Event::Changes(batch)).is_err() {
            break;
        }
    }
}

/// The rebuild loop, for as long as the preview runs: publishes every outcome.
/// Fast paths and new renderings run here; full builds run on a thread of their own, one at
/// a time, so that a save made meanwhile takes its fast path at once: it calls the running
/// build off, and the full build starts again once no change is waiting.
pub fn run(
    mut builder: Builder,
    mut watcher: Watcher,
    events: Receiver<Event>,
    sender: Sender<Event>,
    status: watch::Sender<Status>,
) {
    let mut running = false;
    // Changes a full build still owes an account of, for the terminal.
    let mut owed: Vec<String> = Vec::new();
    let publish = |outcome: Result<BuildReport>, changed: &[String]| {
        print_outcome(&outcome, changed);
        status.send_modify(|s| *s = s.next(&outcome));
    };
    loop {
        let event = if builder.needs_full() && !running {
            // The flag is lowered before looking: a change that comes after calls this build
            // off.
            builder.call_off.flag.store(false, Ordering::SeqCst);
            match events.try_recv() {
                Ok(event) => event,
                Err(TryRecvError::Empty) => {
                    match start_full_build(&builder, &sender) {
                        Ok(()) => running = true,
                        Err(e) => {
                            builder.needs_full = false;
                            publish(Err(e), &owed);
                        }
                    }
                    continue;
                }
                Err(TryRecvError::Disconnected) => break,
            }
        } else {
            match events.recv() {
                Ok(event) => event,
                Err(_) => break,
            }
        };
        let mut changed = match event {
            Event::Built(built) => {
                running = false;
                // A change after this build started is in no page of it but its own: another
                // full build is owed.
                let overtaken = builder.call_off.raised();
                match builder.finish(*built) {
                    Ok(None) => {}
                    outcome => {
                        let outcome = outcome.map(|r| r.unwrap_or_default());
                        publish(outcome, &std::mem::take(&mut owed));
                        builder.needs_full |= overtaken;
                    }
                }
                continue;
            }
            Event::Changes(changed) => changed,
        };
        let ended = gather(&events, &mut changed);
        watcher.follow_new_folders(&changed);
        let shown: Vec<String> = changed
            .iter()
            .map(|p| {
                p.strip_prefix(watcher.root())
                    .unwrap_or(p)
                    .display()
                    .to_string()
            })
            .collect();
        match quick_guarded(&mut builder, &changed, running) {
            Some(outcome) => publish(outcome, &shown),
            None => {
                builder.needs_full = true;
                owed.extend(shown);
            }
        }
        if let Some(Event::Built(built)) = ended {
            let _ = sender.send(Event::Built(built));
        }
    }
}

/// Starts the full build the builder owes on a thread of its own, which sends its outcome as
/// an event; a panic in it, a bug, becomes a failed build.
fn start_full_build(builder: &Builder, sender: &Sender<Event>) -> Result<()> {
    let job = builder.full_build();
    let sender = sender.clone();
    std::thread::Builder::new()
        .name("hindsight-full-build".into())
        .spawn(move || {
            let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job))
                .unwrap_or_else(|_| Err(anyhow::anyhow!(BUG)));
            let _ = sender.send(Event::Built(Box::new(built)));
        })
        .map(|_| ())
        .map_err(Into::into)
}

/// Adds every change that has arrived meanwhile to `changed` (sorted, each path once): they
/// are one batch now. A build that ended meanwhile is returned, to be handled after it.
fn gather(events: &Receiver<Event>, changed: &mut Vec<PathBuf>) -> Option<Event> {
    let mut ended = None;
    while let Ok(event) = events.try_recv() {
        match event {
            Event::Changes(more) => changed.extend(more),
            built @ Event::Built(_) => {
                ended = Some(built);
                break;
            }
        }
    }
    changed.sort();
    changed.dedup();
    ended
}

const BUG: &str = "the build stopped unexpectedly (a bug in hindsight; please report it)";

/// A fast path or a new rendering, when one applies, whose panic, a bug, becomes a failed
/// rebuild. While a full build runs, only the fast path does (a new rendering would race it).
fn quick_guarded(
    builder: &mut Builder,
    changed: &[PathBuf],
    running: bool,
) -> Option<Result<BuildReport>> {
    let run = std::panic::AssertUnwindSafe(|| {
        if running && changed.len() != 1 {
            return None;
        }
        builder.quick(changed)
    });
    std::panic::catch_unwind(run).unwrap_or_else(|_| Some(Err(anyhow::anyhow!(BUG))))
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
            "Built {} pages for {} incident{} in {:.2} s{what}{warnings}",
            report.pages,
            report.incidents,
            crate::format::plural_s(report.incidents),
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
