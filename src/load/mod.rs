//! Load stage: walks `content/`, reads and parses every file in parallel, and returns typed
//! documents ([`IncidentDoc`], [`Doc`]) plus every diagnostic found on the way. Nothing here
//! looks across files; that is the model's job.

mod aliases;
pub mod body;
mod containers;
mod docs;
pub(crate) mod front;
pub mod history;
pub mod images;
mod incident;
mod liquid;
pub mod meta;
pub mod public;
pub mod sections;
pub mod source;
pub mod time;
mod walk;
pub mod yaml;

use crate::rel_slash;
pub use aliases::ALIASES;
pub use body::Body;
pub use docs::{Doc, DocKind};
pub use incident::{ActionItem, CauseEntry, IncidentDoc, Origin, UNRATED, named_template};
pub use sections::UNCATEGORIZED;
pub use source::SourceFile;
pub use time::When;

use crate::config::Config;
use crate::diag::{Diagnostic, Level, Pos};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::Path;

/// What the loader was asked to do.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// Include incidents with `status: draft`.
    pub drafts: bool,
    /// Drop, once an incident is read, what only the lint reads again: each body section's
    /// list items (but the timeline's and the five whys'), paragraphs, tables and labels.
    /// A build, which does not lint, sets it (at 100k incidents they weigh about 400 MB);
    /// `check` does not.
    pub lean: bool,
}

/// Everything read from `content/`.
#[derive(Debug, Default)]
pub struct Loaded {
    pub incidents: Vec<IncidentDoc>,
    pub docs: Vec<Doc>,
    /// Ids of incidents left out: drafts, and files too broken to load. Links to them are not
    /// reported as broken (the file's own errors say what is wrong).
    pub absent_ids: HashSet<String>,
    /// Content paths (`content/...`) of files that did not load.
    pub absent_files: HashSet<String>,
    pub diags: Vec<Diagnostic>,
    /// Only the public incidents, in their public versions, were kept.
    pub public: bool,
}

enum Parsed {
    Incident(Box<IncidentDoc>),
    Doc(Box<Doc>),
    /// Not loaded (a draft, or a file too broken to read): its id, if known, and its path.
    Absent {
        id: Option<String>,
        rel: String,
    },
    Skipped,
}

/// Reads the KB under `root` (`display_root` is how the user named it, for messages).
pub fn load(root: &Path, display_root: &str, config: &Config, opts: LoadOptions) -> Loaded {
    let content = root.join("content");
    let mut loaded = Loaded::default();
    if !content.is_dir() {
        // A folder of post-mortems as a team keeps it: say how to make it a KB.
        let here = std::fs::read_dir(root)
            .map(|dir| {
                dir.flatten()
                    .filter(|e| {
                        let name = e.file_name();
                        let name = name.to_string_lossy();
                        name.ends_with(".md") && !name.eq_ignore_ascii_case("README.md")
                    })
                    .count()
            })
            .unwrap_or(0);
        let help = if here > 0 {
            format!(
                "the {here} Markdown file{} here go in content/incidents/: `mkdir -p content/incidents && git mv *.md content/incidents/` (or `mv`; a README.md can stay), then build again; `hindsight init` adds a config and the other folders",
                crate::format::plural_s(here)
            )
        } else {
            "run hindsight in a KB root, or pass --root DIR; `hindsight init` creates one".into()
        };
        loaded.diags.push(
            Diagnostic::error(
                crate::join_display(display_root, "content"),
                Pos::START,
                "no-content",
                "there is no `content/` folder here",
            )
            .with_help(help),
        );
        return loaded;
    }
    let (files, walk_diags) = walk::markdown_files(root, &content, display_root);
    // Where images beside a post-mortem must be, once for every file.
    let canonical = content.canonicalize().unwrap_or_else(|_| content.clone());
    loaded.diags.extend(walk_diags);
    let results: Vec<(Parsed, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|path| {
            let rel = rel_slash(root, path);
            let display = crate::join_display(display_root, &rel);
            parse_file(path, &canonical, rel, display, config, opts)
        })
        .collect();
    // Room for every post-mortem at once: at 10k a growing list copied its 10 MB of records
    // again at each doubling, into fresh pages.
    loaded.incidents.reserve(results.len());
    for (parsed, diags) in results {
        loaded.add(parsed, diags);
    }
    let rels: Vec<&str> = loaded
        .incidents
        .iter()
        .map(|d| d.file.rel.as_str())
        .collect();
    let days = history::last_changed(root, &rels);
    for d in &mut loaded.incidents {
        d.changed = days.get(&d.file.rel).copied();
    }
    loaded
}

/// Reads files given as text (path relative to the KB root, `content/...`, and the text) as
/// [`load`] reads them from disk: for tests and the fuzz harness.
pub fn load_texts(files: Vec<(String, String)>, config: &Config, opts: LoadOptions) -> Loaded {
    let mut loaded = Loaded::default();
    let rels: Vec<String> = files.iter().map(|(r, _)| r.clone()).collect();
    let results: Vec<(Parsed, Vec<Diagnostic>)> = files
        .into_par_iter()
        .map(|(rel, text)| {
            let display = rel.clone();
            let beside = || {
                let folder = rel.rsplit_once('/').map_or("", |(f, _)| f);
                rels.iter().any(|o| {
                    *o != rel
                        && o.ends_with(".md")
                        && o.rsplit_once('/').is_some_and(|(f, _)| f == folder)
                })
            };
            match classify_or_skip(&rel, &display) {
                Ok(DocKind::Incident)
                    if let Some(skipped) = folder_page(&rel, &display, beside) =>
                {
                    skipped
                }
                Ok(kind) => parse_text(kind, rel, display, text, config, opts),
                Err(skipped) => skipped,
            }
        })
        .collect();
    for (parsed, diags) in results {
        loaded.add(parsed, diags);
    }
    loaded
}

impl Loaded {
    fn add(&mut self, parsed: Parsed, diags: Vec<Diagnostic>) {
        self.diags.extend(diags);
        match parsed {
            Parsed::Incident(doc) => self.incidents.push(*doc),
            Parsed::Doc(doc) => self.docs.push(*doc),
            Parsed::Absent { id, rel } => {
                self.absent_ids.extend(id);
                self.absent_files.insert(rel);
            }
            Parsed::Skipped => {}
        }
    }
}

/// Reads one post-mortem file (an absolute path under `root`): the document, or `None` when it
/// is not a published incident or has errors, with what was found.
pub fn load_incident(
    root: &Path,
    display_root: &str,
    path: &Path,
    config: &Config,
    opts: LoadOptions,
) -> (Option<IncidentDoc>, Vec<Diagnostic>) {
    let rel = rel_slash(root, path);
    let display = crate::join_display(display_root, &rel);
    let content = root.join("content");
    let canonical = content.canonicalize().unwrap_or(content);
    let (parsed, diags) = parse_file(path, &canonical, rel, display, config, opts);
    let has_errors = diags.iter().any(Diagnostic::is_error);
    match parsed {
        Parsed::Incident(mut doc) if !has_errors => {
            doc.changed =
                history::last_changed(root, &[doc.file.rel.as_str()]).remove(&doc.file.rel);
            (Some(*doc), diags)
        }
        _ => (None, diags),
    }
}

fn absent(rel: &str) -> Parsed {
    Parsed::Absent {
        id: Some(incident::name_stem(rel)).filter(|s| !s.is_empty()),
        rel: rel.to_string(),
    }
}

/// A page of a folder rather than a post-mortem, skipped with a note: Hugo's `_index.md` (a
/// section's own page), and a `README.md` at the top of `content/incidents/` or beside other
/// Markdown files (`beside`), which describes its folder. A `README.md` or `index.md` alone
/// in its folder is that folder's post-mortem, named after it (see
/// [`incident::name_stem`]).
fn folder_page(
    rel: &str,
    display: &str,
    beside: impl FnOnce() -> bool,
) -> Option<(Parsed, Vec<Diagnostic>)> {
    let (folder, name) = rel.rsplit_once('/')?;
    let stem = name
        .strip_suffix(".md")
        .unwrap_or(name)
        .to_ascii_lowercase();
    let why = match stem.as_str() {
        "_index" => "a Hugo section's page (`_index.md`): hindsight makes its own lists",
        "readme" if folder == "content/incidents" || beside() => {
            "the README of a folder of post-mortems, not a post-mortem"
        }
        _ => return None,
    };
    let note = Diagnostic::new(
        crate::diag::Level::Note,
        display,
        Pos::START,
        "folder-page",
        format!("skipped: {why}"),
    )
    .with_help("to build it as a post-mortem, give it its own name (`2024-03-01-dns-outage.md`)");
    Some((Parsed::Skipped, vec![note]))
}

/// Whether the folder of `path` holds another Markdown file.
fn md_beside(path: &Path) -> bool {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return false;
    };
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.flatten().any(|e| {
            let n = e.file_name();
            n != name && Path::new(&n).extension().is_some_and(|x| x == "md")
        })
    })
}

/// The kind of document at `rel`, or what to report for a file outside the known folders.
fn classify_or_skip(rel: &str, display: &str) -> Result<DocKind, (Parsed, Vec<Diagnostic>)> {
    classify(rel).ok_or_else(|| {
        (Parsed::Skipped, vec![
            Diagnostic::warning(display, Pos::START, "unknown-folder", "this file is not in a folder hindsight reads; skipped")
                .with_help("post-mortems go in content/incidents/, others in causes/, services/, reading-lists/ or pages/"),
        ])
    })
}

/// Reads and parses the file at `path`; `content` is the canonical path of the `content/`
/// folder, which the images a post-mortem shows must be inside.
fn parse_file(
    path: &Path,
    content: &Path,
    rel: String,
    display: String,
    config: &Config,
    opts: LoadOptions,
) -> (Parsed, Vec<Diagnostic>) {
    let kind = match classify_or_skip(&rel, &display) {
        Ok(kind) => kind,
        Err(skipped) => return skipped,
    };
    if kind == DocKind::Incident
        && let Some(skipped) = folder_page(&rel, &display, || md_beside(path))
    {
        return skipped;
    }
    match read_text(path, &display, config.max_file_size) {
        Ok(text) => {
            let (mut parsed, mut diags) = parse_text(kind, rel, display, text, config, opts);
            // Images beside the file are found on disk, so only here.
            if let (Parsed::Incident(doc), Some(dir)) = (&mut parsed, path.parent()) {
                doc.images = images::beside(&doc.body, &doc.file, dir, content, &mut diags);
            }
            (parsed, diags)
        }
        Err(d) => (absent(&rel), vec![*d]),
    }
}

/// Parses the text of a content file of the given kind.
fn parse_text(
    kind: DocKind,
    rel: String,
    display: String,
    text: String,
    config: &Config,
    opts: LoadOptions,
) -> (Parsed, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        diags.push(
            Diagnostic::error(&display, Pos::START, "empty-file", "the file is empty").with_help(
                "delete it, or start it with front matter (`hindsight new` writes a template)",
            ),
        );
        return (absent(&rel), diags);
    }
    // A post-mortem kept in a Jekyll site reads as Jekyll renders it.
    let text = liquid::to_markdown(text);
    // An MDX page (Docusaurus): its `import` and `export` lines are code, not text.
    let text = match rel.ends_with(".mdx") {
        true => containers::without_mdx_statements(text),
        false => text,
    };
    // And one kept in MkDocs, Docusaurus, Hugo, GitBook or Obsidian, with their boxes.
    let text = containers::to_markdown(text);
    // And one pasted from Slack, with its bullets.
    let text = containers::slack_bullets(text);
    let mut file = SourceFile::new(rel.clone(), display, text);
    if let Err(source::Unterminated(syntax)) = file.split_front_matter() {
        let fence = match syntax {
            source::Syntax::Yaml => "---",
            source::Syntax::Toml => "+++",
        };
        diags.push(
            file.diag(
                Level::Error,
                Pos::START,
                "front-matter-unterminated",
                format!("the front matter opened by `{fence}` on line 1 is never closed"),
            )
            .with_help(format!("add a line `{fence}` after the last field")),
        );
        return (absent(&rel), diags);
    }
    let value = match front::read(&file) {
        Ok(v) => v,
        Err(d) => {
            diags.push(*d);
            return (absent(&rel), diags);
        }
    };
    let body = Body::parse(file.body(), &config.section_matcher());
    let parsed = match kind {
        DocKind::Incident => match incident::parse(file, body, value, config, &mut diags) {
            Some(doc) if doc.status == crate::format::Status::Draft && !opts.drafts => {
                Parsed::Absent {
                    id: Some(doc.id),
                    rel,
                }
            }
            Some(mut doc) => {
                if opts.lean {
                    doc.body.keep_only_what_the_model_reads();
                }
                Parsed::Incident(Box::new(doc))
            }
            None => absent(&rel),
        },
        kind => match docs::parse(kind, file, body, &value, &mut diags) {
            Some(doc) => Parsed::Doc(Box::new(doc)),
            None => absent(&rel),
        },
    };
    (parsed, diags)
}

fn classify(rel: &str) -> Option<DocKind> {
    let mut parts = rel.split('/');
    let _content = parts.next();
    let folder = parts.next()?;
    parts.next()?; // a file directly in content/ is in no folder
    Some(match folder {
        "incidents" => DocKind::Incident,
        "causes" => DocKind::Cause,
        "services" => DocKind::Service,
        "reading-lists" => DocKind::ReadingList,
        "pages" => DocKind::Page,
        _ => return None,
    })
}

/// Reads a file as UTF-8 text, refusing empty, oversized and non-UTF-8 files.
fn read_text(path: &Path, display: &str, max: u64) -> Result<String, Box<Diagnostic>> {
    let io_err = |e: std::io::Error| {
        Box::new(Diagnostic::error(
            display,
            Pos::START,
            "io",
            format!("cannot read: {e}"),
        ))
    };
    let len = std::fs::metadata(path).map_err(io_err)?.len();
    if len > max {
        return Err(Box::new(
            Diagnostic::error(
                display,
                Pos::START,
                "file-too-large",
                format!("the file is {len} bytes; the limit is {max}"),
            )
            .with_help(
                "split it, move attachments to static/, or raise `max_file_size` in hindsight.toml",
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(io_err)?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let good = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            let pos = crate::diag::pos_of_offset(&good, valid);
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            return Err(Box::new(
                Diagnostic::error(
                    display,
                    pos,
                    "not-utf8",
                    format!("the file is not valid UTF-8 (byte {valid})"),
                )
                .with_source(&lossy)
                .with_help("save the file as UTF-8"),
            ));
        }
    };
    Ok(text)
}
