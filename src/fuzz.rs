//! Fuzz targets: one input (text) in, every stage that reads it run in memory, nothing out but
//! a panic if there is a bug. Used by `examples/fuzz.rs` (a mutation fuzzer on stable Rust)
//! and by the regression test that runs every input it ever crashed on
//! (`tests/fixtures/fuzz/`).
//!
//! - [`Target::Incident`]: the text as a post-mortem beside two fixed ones (front matter, body,
//!   timeline, links, causes), through load, model, every lint rule and the rendering of the
//!   whole site into a sink that drops what it gets.
//! - [`Target::Page`]: the text as a cause page, a reading list and a free page.
//! - [`Target::Config`]: the text as `hindsight.toml`, then a small KB built with it.
//! - [`Target::Query`]: the text as a search query on an index of the demo KB.

use crate::config::Config;
use crate::index::{SearchIndex, SearchOptions, Sort, Vocabulary};
use crate::load::LoadOptions;
use crate::model::KnowledgeBase;
use crate::render::RenderOptions;
use crate::write::{Content, Sink};
use std::path::{Path, PathBuf};

/// What an input is fed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Incident,
    Page,
    Config,
    Query,
}

impl Target {
    pub const ALL: [Target; 4] = [
        Target::Incident,
        Target::Page,
        Target::Config,
        Target::Query,
    ];

    /// The name used in fixture file names (`incident-<hash>.txt`).
    pub fn name(self) -> &'static str {
        match self {
            Target::Incident => "incident",
            Target::Page => "page",
            Target::Config => "config",
            Target::Query => "query",
        }
    }

    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// Two post-mortems every input is built beside: they share a cause and one links to the
/// other, so links, backlinks and related incidents all run.
const NEIGHBOURS: [(&str, &str); 2] = [
    (
        "content/incidents/2024/neighbour-one.md",
        "---\ntitle: Neighbour one\nseverity: SEV2\nstarted: 2024-03-01T10:00:00Z\nresolved: 2024-03-01T11:00:00Z\nservices: [api]\ntags: [dns]\ncauses:\n  - id: shared\n    category: tools\n    root: true\n    text: A shared cause.\naction_items:\n  - text: Fix it\n    owner: platform\n    status: done\n    completed: 2024-03-05\n---\n\n## Summary\n\nSee [[neighbour-two]].\n\n## Timeline\n\n- 10:00 — started\n",
    ),
    (
        "content/incidents/2024/neighbour-two.md",
        "---\ntitle: Neighbour two\nseverity: SEV1\nstarted: 2024-05-01T10:00:00+02:00\nservices: [api]\ncauses:\n  - id: shared\n    category: tools\n    text: The same cause again.\n---\n\n## Five whys\n\n1. Why? Because.\n2. Why? Because.\n",
    ),
];

/// What the targets share: an index of the demo KB for queries, built once.
pub struct Harness {
    work: PathBuf,
    index: SearchIndex,
    vocabulary: Vocabulary,
}

/// A sink that keeps nothing.
struct Drop;

impl Sink for Drop {
    fn put(&self, _path: &str, content: Content) -> anyhow::Result<()> {
        std::mem::drop(content);
        Ok(())
    }
}

impl Harness {
    /// Builds the harness; `demo` is a KB root whose content is indexed for the query target,
    /// and `work` an empty folder the harness may write to (the index).
    pub fn new(demo: &Path, work: &Path) -> anyhow::Result<Harness> {
        let mut stages = Vec::new();
        let (kb, _) = crate::model::load_kb(demo, "demo", false, &mut stages);
        let kb = kb.ok_or_else(|| anyhow::anyhow!("the demo KB's config has errors"))?;
        let updated = crate::index::update(&kb, &work.join("index"))?;
        Ok(Harness {
            work: work.to_path_buf(),
            index: updated.index,
            vocabulary: updated.vocabulary,
        })
    }

    /// A folder for the KB root of the rendering targets (it holds no theme: the built-in one
    /// is used).
    fn kb_root(&self) -> PathBuf {
        self.work.join("kb")
    }

    /// Runs `input` through `target`. A bug panics; everything else is a result. Returns how
    /// many pages were rendered (or, for a query, how many incidents were found), so that a
    /// test can see the input went all the way through.
    pub fn run(&self, target: Target, input: &str) -> usize {
        match target {
            Target::Incident => {
                crate::load::front::check_quick_yaml(input);
                // What the public version cuts and replaces, on any text (a public build of
                // the input would need `visibility: public`, which few inputs keep).
                let _ = crate::load::public::strip_body(input, &Config::default(), true);
                let _ = crate::load::public::scrub_names(
                    input,
                    &[
                        "Zed Lee".to_string(),
                        "王伟".to_string(),
                        "O'Brien".to_string(),
                    ],
                );
                let mut files = vec![("content/incidents/fuzz.md".to_string(), input.to_string())];
                files.extend(
                    NEIGHBOURS
                        .iter()
                        .map(|(p, t)| (p.to_string(), t.to_string())),
                );
                self.site(&Config::default(), files)
            }
            Target::Page => {
                let mut files: Vec<(String, String)> = [
                    "content/causes/shared.md",
                    "content/reading-lists/fuzz.md",
                    "content/pages/fuzz.md",
                    "content/services/api.md",
                ]
                .iter()
                .map(|p| (p.to_string(), input.to_string()))
                .collect();
                files.extend(
                    NEIGHBOURS
                        .iter()
                        .map(|(p, t)| (p.to_string(), t.to_string())),
                );
                self.site(&Config::default(), files)
            }
            Target::Config => {
                let (config, _) = Config::parse(input, "hindsight.toml");
                let Some(config) = config else { return 0 };
                let files = NEIGHBOURS
                    .iter()
                    .map(|(p, t)| (p.to_string(), t.to_string()))
                    .collect();
                self.site(&config, files)
            }
            Target::Query => {
                let mut found = 0;
                for (sort, prefix) in [(Sort::Relevance, false), (Sort::Newest, true)] {
                    let opts = SearchOptions {
                        query: input.to_string(),
                        severity: None,
                        service: None,
                        cause: None,
                        category: None,
                        tag: None,
                        since: None,
                        until: None,
                        sort,
                        limit: 20,
                        offset: 0,
                        prefix,
                    };
                    if let Ok(r) =
                        crate::index::search(&self.index, &opts, &|| self.vocabulary.clone())
                    {
                        found += r.total;
                    }
                }
                found
            }
        }
    }

    /// Loads `files`, builds the KB, lints it and renders every page, when the content has no
    /// errors (as `build` would).
    fn site(&self, config: &Config, files: Vec<(String, String)>) -> usize {
        let loaded = crate::load::load_texts(
            files,
            config,
            LoadOptions {
                drafts: true,
                lean: false,
            },
        );
        let mut diags = loaded.diags.clone();
        let kb = KnowledgeBase::build(config.clone(), loaded, &mut diags);
        let (settings, _) = crate::analyze::lint::LintSettings::from_config(config, "h");
        let today = jiff::civil::date(2026, 1, 1);
        let cx = crate::analyze::lint::Cx {
            kb: &kb,
            settings: &settings,
            today,
            public: Default::default(),
        };
        let errors = diags.iter().any(crate::diag::Diagnostic::is_error);
        let mut all = crate::diag::Diagnostics::new();
        all.extend(diags);
        all.extend(crate::analyze::lint::run(&cx));
        for d in all.into_sorted() {
            let _ = d.to_string();
        }
        // As `build`: a KB with errors is not rendered.
        if errors {
            return 0;
        }
        let opts = RenderOptions {
            base_url: "/kb/".into(),
            today,
            search: None,
            public: false,
        };
        crate::render::render(&kb, &self.kb_root(), "kb", &opts, &Drop).map_or(0, |r| r.pages)
    }
}
