//! The `build` command as a library function: config -> load -> model -> render -> write,
//! with diagnostics collected from every stage and the output written only when there are
//! no errors. Builds of one output folder run one at a time: each holds the output's lock
//! from before it reads the content until its site is in place, and tells its caller when
//! it waits for another ([`Progress::Waiting`]). With `public`, the same stages build the
//! customer-facing site: from a KB of the public incidents only, loaded with their internal
//! parts removed ([`crate::load::public`]), into its own folder, search index and lock.

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{KnowledgeBase, load_kb_as};
use crate::render::{RenderError, RenderOptions};
use crate::write::{OutputLock, Staging};
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// What to build, from the command line.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// How the user named the root, for messages (`.` shows paths as `content/...`).
    pub display_root: String,
    pub output: Option<PathBuf>,
    pub drafts: bool,
    pub base_url: Option<String>,
    /// The day overdue action items are measured against.
    pub today: jiff::civil::Date,
    /// The public site: only the incidents marked `visibility: public`, their internal parts
    /// removed (see [`crate::load::public`]).
    pub public: bool,
}

impl BuildOptions {
    /// Where the site goes: `--output`, or `<root>/public` (for the public site, `[public]
    /// output` of the config, `public-site` by default, under the root).
    pub fn output_dir(&self) -> PathBuf {
        if let Some(o) = &self.output {
            return o.clone();
        }
        if self.public {
            let config = crate::config::Config::load(&self.root, &self.display_root).0;
            let dir = config.map_or_else(
                || crate::config::PublicConfig::default().output,
                |c| c.public.output,
            );
            return self.root.join(dir);
        }
        self.root.join("public")
    }
}

/// What a build tells its caller as it goes, for the caller to show. The caller's callback
/// returns an error to stop the build there, with that error.
#[derive(Debug, Clone, Copy)]
pub enum Progress<'a> {
    /// A stage begins, such as "Rendering pages".
    Stage(&'a str),
    /// Another build of the same output folder (named as in the options) is running: this one
    /// waits until it is done, unless the callback returns an error.
    Waiting(&'a Path),
}

impl std::fmt::Display for Progress<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Progress::Stage(name) => write!(f, "{name}"),
            Progress::Waiting(output) => write!(
                f,
                "waiting for another build of `{}` to finish…",
                output.display()
            ),
        }
    }
}

/// How a build reports its [`Progress`].
pub type OnProgress<'a> = dyn FnMut(Progress<'_>) -> Result<()> + 'a;

/// What a build did.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub diagnostics: Vec<Diagnostic>,
    pub errors: usize,
    pub warnings: usize,
    pub incidents: usize,
    pub pages: usize,
    pub files: usize,
    /// Files of the static search (under `search/`), counted in `files`.
    pub search_files: usize,
    pub output: PathBuf,
    /// Whether the output folder was replaced.
    pub written: bool,
    pub elapsed: Duration,
    /// Time spent in each stage, in order.
    pub stages: Vec<(&'static str, Duration)>,
    /// Things worth saying about a build that are not problems in the content.
    pub notes: Vec<String>,
    /// The page that took longest to render, and how long (`--timings`).
    pub slowest_page: Option<(String, Duration)>,
}

/// Builds the site, after any other build of the same output folder. `Err` only when the
/// tool cannot run (I/O, a refused output folder) or `progress` stopped it; content problems
/// are in the report, and then nothing is written.
pub fn build(opts: &BuildOptions, progress: &mut OnProgress) -> Result<BuildReport> {
    build_keeping(opts, progress).map(|b| b.report)
}

/// A build, and what a live preview keeps of it to patch single pages afterwards.
pub struct Built {
    pub report: BuildReport,
    /// The KB the site was rendered from, when it was written.
    pub kb: Option<KnowledgeBase>,
    /// The options the pages were rendered with.
    pub render: Option<RenderOptions>,
}

/// [`build`], keeping the KB and the render options of a written site.
pub fn build_keeping(opts: &BuildOptions, progress: &mut OnProgress) -> Result<Built> {
    build_unless(opts, progress, &CallOff::default())?
        .context("the build stopped without being called off")
}

/// What calls a build off: `flag`, raised by a newer change; and `site`, held by whoever
/// writes single pages into the site meanwhile, so that a build replaces the site whole
/// either before such a write or not at all, never across it.
#[derive(Default)]
pub struct CallOff {
    pub flag: AtomicBool,
    pub site: Mutex<()>,
}

impl CallOff {
    pub fn raised(&self) -> bool {
        self.flag.load(Ordering::SeqCst)
    }
}

/// [`build_keeping`], called off as soon as `call_off` is raised: between its stages, before
/// each page, and last before it replaces the site. `None` then; nothing of it is written
/// to the site, which stays as it was.
pub fn build_unless(
    opts: &BuildOptions,
    progress: &mut OnProgress,
    call_off: &CallOff,
) -> Result<Option<Built>> {
    match build_stages(opts, progress, call_off) {
        // The output refused a write: the build was called off as it wrote.
        Err(_) if call_off.raised() => Ok(None),
        built => built,
    }
}

/// From this many bytes of post-mortems, a build holds them compressed between reading and
/// rendering (`SourceFile::pack`), and each stage that reads a body again unpacks it. Below,
/// they stay as read: at 10,000 generated incidents (35.5 MB) packing cost 4-7% of the
/// build's time to save 15 MB; at 100,000 (356 MB) it keeps the build within 2 GB.
const PACK_ABOVE: usize = 64 << 20;

fn build_stages(
    opts: &BuildOptions,
    progress: &mut OnProgress,
    call_off: &CallOff,
) -> Result<Option<Built>> {
    let output = opts.output_dir();
    crate::write::check_output(&opts.root, &output)?;
    if !opts.root.is_dir() {
        anyhow::bail!(
            "the KB root `{}` is not a folder: run hindsight in a KB root, or pass --root DIR (`hindsight init DIR` creates one)",
            opts.display_root
        );
    }
    // Taken before the content is read, so that of builds that wait for each other the last
    // to write reads the content last. A folder without `content/` is not a KB: the load says
    // so, and nothing is written beside its output (not even the lock file).
    let lock = match opts.root.join("content").is_dir() {
        true => Some(OutputLock::take(&output, &mut || {
            progress(Progress::Waiting(&output))
        })?),
        false => None,
    };
    if call_off.raised() {
        return Ok(None);
    }
    let start = Instant::now();
    let mut report = BuildReport {
        output: output.clone(),
        ..BuildReport::default()
    };
    progress(Progress::Stage("Reading post-mortems"))?;
    let (kb, mut diags) = load_kb_as(
        &opts.root,
        &opts.display_root,
        // A build does not lint: what only the lint reads is dropped as each file is read.
        crate::load::LoadOptions {
            drafts: opts.drafts,
            lean: true,
        },
        opts.public,
        &mut report.stages,
    );
    let kb = kb.map(|kb| if opts.public { public_config(kb) } else { kb });
    let finish = |mut report: BuildReport, diags: Diagnostics| {
        report.errors = diags.error_count();
        report.warnings = diags.warning_count();
        report.diagnostics = diags.into_sorted();
        report.elapsed = start.elapsed();
        report
    };
    let unwritten = |report| Built {
        report,
        kb: None,
        render: None,
    };
    let (mut kb, lock) = match (kb, lock) {
        (Some(kb), Some(lock)) if !diags.has_errors() => (kb, lock),
        _ => return Ok(Some(unwritten(finish(report, diags)))),
    };
    // The diagnostics are all made: from here on only the bodies are read again, to render.
    // A large KB's texts are packed while they wait (see [`PACK_ABOVE`]).
    let text_bytes: usize = kb.incidents.iter().map(|i| i.doc.file.text.len()).sum();
    let pack = text_bytes > PACK_ABOVE;
    kb.incidents.par_iter_mut().for_each(|inc| {
        if pack {
            inc.doc.file.pack();
        }
        inc.doc.body.keep_only_what_pages_read();
    });
    report.incidents = kb.incidents.len();
    report.notes.extend(aliases_note(&kb));
    if call_off.raised() {
        return Ok(None);
    }
    Ok(
        match write_site(opts, kb, lock, progress, call_off, &mut report)? {
            Written::Site(kb, options) => Some(Built {
                report: finish(report, diags),
                kb: Some(*kb),
                render: Some(options),
            }),
            Written::Refused(ds) => {
                diags.extend(ds);
                Some(unwritten(finish(report, diags)))
            }
            Written::CalledOff => None,
        },
    )
}

/// How writing a site ended.
enum Written {
    /// The site replaced the output; the KB and the options it was rendered with.
    Site(Box<KnowledgeBase>, RenderOptions),
    /// The templates or the config refused to render; nothing was replaced.
    Refused(Vec<crate::diag::Diagnostic>),
    CalledOff,
}

/// The stages after a KB without errors: search, render, swap.
fn write_site(
    opts: &BuildOptions,
    mut kb: KnowledgeBase,
    lock: OutputLock,
    progress: &mut OnProgress,
    call_off: &CallOff,
    report: &mut BuildReport,
) -> Result<Written> {
    let staging = Staging::create(lock)?;
    let sink = crate::write::Stoppable {
        inner: &staging,
        stop: &call_off.flag,
    };
    let mut options = RenderOptions {
        base_url: opts
            .base_url
            .clone()
            .unwrap_or_else(|| kb.config.base_url.clone()),
        today: opts.today,
        search: None,
        public: opts.public,
    };
    if kb.config.search.enabled {
        progress(Progress::Stage("Indexing for search"))?;
        match search_stage(opts, &mut kb, &options, &sink, report, call_off)? {
            Some(manifest) => options.search = Some(manifest),
            None => return Ok(Written::CalledOff),
        }
    }
    progress(Progress::Stage("Rendering pages"))?;
    let t = Instant::now();
    let rendered = match crate::render::render(&kb, &opts.root, &opts.display_root, &options, &sink)
    {
        Ok(r) => r,
        Err(RenderError::Content(ds)) => return Ok(Written::Refused(ds)),
        Err(RenderError::Io(e)) => return Err(e),
    };
    report.stages.push(("render", t.elapsed()));
    if call_off.raised() {
        return Ok(Written::CalledOff);
    }
    progress(Progress::Stage("Replacing the previous site"))?;
    let t = Instant::now();
    {
        let _no_page_written_meanwhile = call_off.site.lock().unwrap_or_else(|e| e.into_inner());
        if call_off.raised() {
            return Ok(Written::CalledOff);
        }
        staging.commit()?;
    }
    report.stages.push(("swap", t.elapsed()));
    report.add_rendered(&rendered);
    Ok(Written::Site(Box::new(kb), options))
}

/// Brings the search index up to date, finds related incidents by text and writes the static
/// search files; the manifest's path, or `None` when the build was called off meanwhile.
fn search_stage(
    opts: &BuildOptions,
    kb: &mut KnowledgeBase,
    options: &RenderOptions,
    sink: &dyn crate::write::Sink,
    report: &mut BuildReport,
    call_off: &CallOff,
) -> Result<Option<String>> {
    let t = Instant::now();
    let mut dir = opts.root.join(&kb.config.search.index_dir);
    if opts.public {
        // The public site's index holds the public versions only: never the one `hindsight
        // search` reads.
        dir.as_mut_os_string().push("-public");
    }
    let updated = crate::index::update(kb, &dir)?;
    if call_off.raised() {
        return Ok(None);
    }
    crate::index::related::fill(kb, &updated.index)?;
    if !opts.public {
        // An index with drafts in it is not the one `hindsight search` expects.
        crate::search::write_stamp(&opts.root, &dir, !opts.drafts);
    }
    let base = crate::render::urls::Urls::new(&options.base_url).base_path;
    let exported = crate::index::export::export(
        &updated.index,
        &updated.vocabulary,
        kb,
        &base,
        kb.config.search.split_postings_above,
        sink,
    )?;
    report.search_files = exported.files;
    report.stages.push(("search", t.elapsed()));
    Ok(Some(exported.manifest))
}

/// The public KB's config: the public site's title, description and base URL in place of the
/// KB's, and no repository to edit in (its address is internal).
fn public_config(mut kb: KnowledgeBase) -> KnowledgeBase {
    let c = &mut kb.config;
    if let Some(t) = c.public.title.clone() {
        c.title = t;
    }
    c.description = c.public.description.clone().unwrap_or_else(|| {
        "What went wrong, what we learned, and what we are doing about it.".into()
    });
    if let Some(u) = c.public.base_url.clone() {
        c.base_url = u;
    }
    c.repo_url = None;
    kb
}

/// Which other tools' front-matter keys the KB relies on, and how often: said once per build.
fn aliases_note(kb: &KnowledgeBase) -> Option<String> {
    let mut counts: Vec<(&str, &str, usize)> = Vec::new();
    for &(alias, field) in crate::load::ALIASES {
        let n = (kb.incidents.iter())
            .filter(|i| i.doc.aliases.contains(&alias))
            .count();
        if n > 0 {
            counts.push((alias, field, n));
        }
    }
    let files: usize = (kb.incidents.iter())
        .filter(|i| !i.doc.aliases.is_empty())
        .count();
    (files > 0).then(|| {
        let list: Vec<String> = counts
            .iter()
            .map(|(alias, field, n)| format!("`{alias}` as `{field}` ({n})"))
            .collect();
        format!(
            "{files} post-mortem{} use{} other tools' front-matter keys, read as hindsight's: {}",
            crate::format::plural_s(files),
            if files == 1 { "s" } else { "" },
            list.join(", ")
        )
    })
}

impl BuildReport {
    /// Counts what rendering wrote, and notes what the reader should know about it.
    fn add_rendered(&mut self, rendered: &crate::render::Rendered) {
        self.pages = rendered.pages;
        self.files = rendered.files + self.search_files;
        self.written = true;
        self.slowest_page = rendered.slowest.clone();
        if rendered.plain_code_blocks > 0 {
            let n = rendered.plain_code_blocks;
            self.notes.push(format!(
                "{n} code block{} shown without highlighting: past {} KB of code on one page, or with a line over {} characters",
                if n == 1 { " was" } else { "s were" },
                crate::render::highlight::MAX_PAGE_BYTES / 1024,
                crate::render::highlight::MAX_LINE_CHARS
            ));
        }
    }
}
