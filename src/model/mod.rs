//! Model stage: the loaded documents -> one [`KnowledgeBase`], built once and then only read.
//! It joins what no single file knows: shared causes, categories, services, teams, tags,
//! severities and years; resolved links and `related` ids; backlinks; related incidents.
//! A cause in more than a fifth of a KB of at least [`BROAD_MIN_INCIDENTS`] incidents, or listed
//! in `[causes] generic_causes`, is *broad*: it tells little about an incident, so it is not
//! counted as a recurrence and weighs in related incidents by its rarity only.

pub mod links;
mod related;
mod same_event;
pub mod timeline;

/// A cause in more than this share of the incidents is broad ...
pub const BROAD_SHARE: f64 = 0.2;
/// ... in a KB of at least this many incidents: in a small KB, a cause in a fifth of it is
/// still a pattern worth showing.
pub const BROAD_MIN_INCIDENTS: usize = 30;

use crate::config::Config;
use crate::diag::{Diagnostic, Level};
use crate::format::SectionMatcher;
pub use crate::load::images::Image;
pub use crate::load::{ActionItem, Body, CauseEntry, Doc, IncidentDoc, LoadOptions, Origin, When};
use crate::load::{DocKind, Loaded, UNCATEGORIZED, UNRATED};
pub use links::{Lookup, Resolved, Target};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Reads the config and the content into a [`KnowledgeBase`], with every diagnostic found.
/// `None` when the config itself is unusable.
pub fn load_kb(
    root: &std::path::Path,
    display_root: &str,
    drafts: bool,
    stages: &mut Vec<(&'static str, std::time::Duration)>,
) -> (Option<KnowledgeBase>, crate::diag::Diagnostics) {
    let opts = crate::load::LoadOptions {
        drafts,
        lean: false,
    };
    load_kb_as(root, display_root, opts, false, stages)
}

/// [`load_kb`]; with `public`, the KB of the public site: only the incidents marked
/// `visibility: public`, each with its internal parts removed before the model is built (see
/// [`crate::load::public`]).
pub fn load_kb_as(
    root: &std::path::Path,
    display_root: &str,
    opts: crate::load::LoadOptions,
    public: bool,
    stages: &mut Vec<(&'static str, std::time::Duration)>,
) -> (Option<KnowledgeBase>, crate::diag::Diagnostics) {
    let mut diags = crate::diag::Diagnostics::new();
    let t = std::time::Instant::now();
    let (config, config_diags) = Config::load(root, display_root);
    diags.extend(config_diags);
    let Some(config) = config else {
        return (None, diags);
    };
    let loaded = crate::load::load(root, display_root, &config, opts);
    let mut loaded = if public {
        crate::load::public::restrict(loaded, &config)
    } else {
        loaded
    };
    stages.push(("load", t.elapsed()));
    let t = std::time::Instant::now();
    let mut model_diags = std::mem::take(&mut loaded.diags);
    let kb = KnowledgeBase::build(config, loaded, &mut model_diags);
    diags.extend(model_diags);
    stages.push(("model", t.elapsed()));
    (Some(kb), diags)
}

/// A post-mortem with everything the KB knows about it.
#[derive(Debug)]
pub struct Incident {
    pub doc: IncidentDoc,
    /// `None`: undated.
    pub year: Option<i16>,
    /// Plain text for lists, feeds and search results.
    pub excerpt: String,
    /// For each entry of `doc.causes`, the index of the shared cause.
    pub cause_refs: Vec<usize>,
    /// Explicit `related` ids that resolved.
    pub related: Vec<usize>,
    /// Computed: write-ups of the same event, then incidents sharing the rarest causes,
    /// services and tags.
    pub similar: Vec<Similar>,
    /// Pages that link to this incident.
    pub backlinks: Vec<Target>,
    /// The reading lists that hold it: (list, position in the list from 0).
    pub reading: Vec<(usize, usize)>,
    /// The events of the `## Timeline` section.
    pub timeline: Vec<timeline::Event>,
}

/// The year term of incidents without a start date.
pub const UNDATED: &str = "undated";

/// An incident ranked as related to another, and why.
#[derive(Debug, Clone)]
pub struct Similar {
    pub incident: usize,
    pub shared_causes: Vec<usize>,
    pub shared_terms: usize,
    /// Started the same day, with alike words: likely a write-up of the same event.
    pub same_event: bool,
    /// Found by MoreLikeThis on the text (see `index::related`).
    pub similar_text: bool,
}

/// One place a shared cause appeared: an incident and the entry in its `causes`.
#[derive(Debug, Clone, Copy)]
pub struct Occurrence {
    pub incident: usize,
    pub entry: usize,
}

/// A cause, shared by every incident that names its id.
#[derive(Debug)]
pub struct Cause {
    pub id: String,
    pub title: String,
    pub category: String,
    pub doc: Option<Doc>,
    /// Oldest first.
    pub occurrences: Vec<Occurrence>,
    /// How many of the occurrences mark it a root cause.
    pub root_count: usize,
    /// In more than a fifth of a large KB, or listed in `generic_causes`: not a recurrence.
    pub broad: bool,
    pub backlinks: Vec<Target>,
}

impl Cause {
    /// Whether it appeared in more than one incident and is not broad: a pattern to point out.
    pub fn recurs(&self) -> bool {
        self.occurrences.len() > 1 && !self.broad
    }
}

impl Similar {
    /// Whether it is likely the same event or shares a cause that is not broad: a match that
    /// text similarity should not push down.
    pub fn telling(&self, kb: &KnowledgeBase) -> bool {
        self.same_event || self.shared_causes.iter().any(|&c| !kb.causes[c].broad)
    }
}

/// A value of a grouping (a service, team, tag, severity or year) and its incidents.
#[derive(Debug)]
pub struct Term {
    pub id: String,
    pub title: String,
    pub description: String,
    pub doc: Option<Doc>,
    /// Newest first.
    pub incidents: Vec<usize>,
}

/// The groupings every incident is listed under: each value has a page, each group an index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TermGroup {
    Services,
    Teams,
    Tags,
    Severities,
    Years,
}

impl TermGroup {
    pub const ALL: [TermGroup; 5] = [
        TermGroup::Services,
        TermGroup::Teams,
        TermGroup::Tags,
        TermGroup::Severities,
        TermGroup::Years,
    ];

    /// The URL folder of the group: `services`, `teams`, `tags`, `severities`, `years`.
    pub fn folder(self) -> &'static str {
        match self {
            TermGroup::Services => "services",
            TermGroup::Teams => "teams",
            TermGroup::Tags => "tags",
            TermGroup::Severities => "severities",
            TermGroup::Years => "years",
        }
    }

    /// The group's title: `Services`.
    pub fn title(self) -> &'static str {
        match self {
            TermGroup::Services => "Services",
            TermGroup::Teams => "Teams",
            TermGroup::Tags => "Tags",
            TermGroup::Severities => "Severities",
            TermGroup::Years => "Years",
        }
    }

    /// One of the group's values, as a word: `service`, `severity`.
    pub fn singular(self) -> &'static str {
        match self {
            TermGroup::Services => "service",
            TermGroup::Teams => "team",
            TermGroup::Tags => "tag",
            TermGroup::Severities => "severity",
            TermGroup::Years => "year",
        }
    }

    /// The values of the group in `kb`.
    pub fn terms(self, kb: &KnowledgeBase) -> &[Term] {
        match self {
            TermGroup::Services => &kb.services,
            TermGroup::Teams => &kb.teams,
            TermGroup::Tags => &kb.tags,
            TermGroup::Severities => &kb.severities,
            TermGroup::Years => &kb.years,
        }
    }
}

/// A reading list with its incidents resolved, in reading order.
#[derive(Debug)]
pub struct ReadingList {
    pub doc: Doc,
    pub incidents: Vec<usize>,
}

/// A fishbone category and its causes, most frequent first.
#[derive(Debug)]
pub struct CategoryGroup {
    pub id: String,
    pub title: String,
    pub description: String,
    pub causes: Vec<usize>,
}

/// The whole KB. Indices into its vectors are the ids every later stage uses.
#[derive(Debug)]
pub struct KnowledgeBase {
    pub config: Config,
    /// Newest first.
    pub incidents: Vec<Incident>,
    /// Most recurrent first.
    pub causes: Vec<Cause>,
    pub categories: Vec<CategoryGroup>,
    pub services: Vec<Term>,
    pub teams: Vec<Term>,
    pub tags: Vec<Term>,
    pub severities: Vec<Term>,
    /// Newest first.
    pub years: Vec<Term>,
    pub reading_lists: Vec<ReadingList>,
    /// Ordered by weight, then title.
    pub pages: Vec<Doc>,
    pub lookup: Lookup,
    pub sections: SectionMatcher,
    /// The URLs links and images may use.
    pub url_policy: crate::safe_url::UrlPolicy,
    /// The prefix of severity numbers this KB counts from 0 (`p` when it writes `P0`).
    pub severity_from_zero: Option<String>,
}

impl KnowledgeBase {
    /// Builds the KB; cross-file problems are pushed to `diags`.
    pub fn build(config: Config, loaded: Loaded, diags: &mut Vec<Diagnostic>) -> KnowledgeBase {
        let Loaded {
            mut incidents,
            docs,
            absent_ids,
            absent_files,
            public,
            ..
        } = loaded;
        incidents.sort_by(|a, b| a.order(b));
        let severity_from_zero = number_severities_from_zero(&mut incidents, &config, diags);
        let incidents = drop_duplicate_ids(incidents, diags);
        let sections = SectionMatcher::new(&config.sections);
        let mut kb = KnowledgeBase {
            incidents: Vec::new(),
            causes: Vec::new(),
            categories: Vec::new(),
            services: Vec::new(),
            teams: Vec::new(),
            tags: Vec::new(),
            severities: Vec::new(),
            years: Vec::new(),
            reading_lists: Vec::new(),
            pages: Vec::new(),
            lookup: Lookup {
                absent_ids,
                absent_files,
                public,
                site_prefixes: site_prefixes(&config),
                ..Lookup::default()
            },
            sections,
            url_policy: config.url_policy(),
            severity_from_zero,
            config,
        };
        let (incidents, timeline_diags): (Vec<Incident>, Vec<Vec<Diagnostic>>) = incidents
            .into_par_iter()
            .map(|doc| kb.new_incident(doc))
            .unzip();
        kb.incidents = incidents;
        // A timeline may have given an undated incident its day: put it in its place.
        kb.incidents.sort_by(|a, b| a.doc.order(&b.doc));
        diags.extend(timeline_diags.into_iter().flatten());
        let mut docs_by_kind: HashMap<DocKind, Vec<Doc>> = HashMap::new();
        for d in docs {
            docs_by_kind.entry(d.kind).or_default().push(d);
        }
        let mut take = |k| docs_by_kind.remove(&k).unwrap_or_default();
        let (cause_docs, service_docs, list_docs, page_docs) = (
            take(DocKind::Cause),
            take(DocKind::Service),
            take(DocKind::ReadingList),
            take(DocKind::Page),
        );
        kb.build_causes(cause_docs, diags);
        kb.mark_broad_causes(diags);
        kb.merge_term_aliases();
        kb.build_terms(service_docs);
        kb.build_pages(page_docs);
        kb.build_lookup();
        kb.build_reading_lists(list_docs, diags);
        kb.resolve_related(diags);
        kb.resolve_links(diags);
        related::compute(&mut kb);
        kb
    }

    /// An incident with its body read: links, excerpt, sections and timeline (whose problems
    /// are returned as diagnostics).
    fn new_incident(&self, doc: IncidentDoc) -> (Incident, Vec<Diagnostic>) {
        let (mut doc, tl) = read_timeline(doc, &self.config);
        let diags = tl.findings.into_iter().map(|f| doc.file.place(f)).collect();
        // The body's excerpt is taken, not copied: nothing reads it from the body again.
        let from_body = std::mem::take(&mut doc.body.excerpt);
        let excerpt = doc
            .summary
            .clone()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| {
                if from_body.is_empty() {
                    doc.impact.clone().unwrap_or_default()
                } else {
                    from_body.into_string()
                }
            });
        let incident = Incident {
            year: doc.date().map(|d| d.year()),
            doc,
            excerpt,
            cause_refs: Vec::new(),
            related: Vec::new(),
            similar: Vec::new(),
            backlinks: Vec::new(),
            reading: Vec::new(),
            timeline: tl.events,
        };
        (incident, diags)
    }

    /// Replaces an incident by a new version of its file, for a live preview, when nothing
    /// outside the incident has to change for its own page to be right: same id, file and
    /// start (so the same place in the order), only causes and `related` ids the KB knows.
    /// Shared structures (cause pages, lists, related incidents of others) are left as they
    /// were: a full build brings them up to date. `None`, and nothing changed, otherwise.
    pub fn patch_incident(&mut self, mut doc: IncidentDoc) -> Option<usize> {
        let i = *self.lookup.incidents.get(&doc.id)?;
        if self.incidents[i].doc.file.rel != doc.file.rel {
            return None;
        }
        // Its severity as the KB counts it; a change of severity moves it between lists, and
        // a first `P0` changes how the KB counts: both are for a full build.
        match &self.severity_from_zero {
            Some(prefix) => renumber_severity(&mut doc, prefix, &self.config),
            None if doc.severity_number.as_ref().is_some_and(|n| n.1 == 0) => return None,
            None => {}
        }
        if self.incidents[i].doc.severity != doc.severity {
            return None;
        }
        // Its start (which its timeline may give) decides its place in every list.
        let (mut inc, diags) = self.new_incident(doc);
        if self.incidents[i].doc.started != inc.doc.started
            || diags.iter().any(Diagnostic::is_error)
        {
            return None;
        }
        let cause_refs: Vec<usize> = (inc.doc.causes.iter())
            .map(|c| self.lookup.causes.get(&c.id).copied())
            .collect::<Option<_>>()?;
        let related: Vec<usize> = (inc.doc.related.iter())
            .map(|(id, _)| self.lookup.incidents.get(id).copied())
            .collect::<Option<_>>()?;
        let old = &mut self.incidents[i];
        inc.cause_refs = cause_refs;
        inc.related = related.into_iter().filter(|&j| j != i).collect();
        inc.similar = std::mem::take(&mut old.similar);
        inc.backlinks = std::mem::take(&mut old.backlinks);
        inc.reading = std::mem::take(&mut old.reading);
        *old = inc;
        Some(i)
    }

    pub fn incident(&self, id: &str) -> Option<&Incident> {
        self.lookup.incidents.get(id).map(|&i| &self.incidents[i])
    }

    pub fn cause(&self, id: &str) -> Option<&Cause> {
        self.lookup.causes.get(id).map(|&i| &self.causes[i])
    }

    /// The title of a link target, as wiki links and backlink lists show it.
    pub fn title_of(&self, t: Target) -> &str {
        match t {
            Target::Incident(i) => &self.incidents[i].doc.title,
            Target::Cause(i) => &self.causes[i].title,
            Target::Service(i) => &self.services[i].title,
            Target::ReadingList(i) => &self.reading_lists[i].doc.title,
            Target::Page(i) => &self.pages[i].title,
        }
    }

    /// Groups cause entries by id across incidents (oldest occurrence first).
    fn build_causes(&mut self, docs: Vec<Doc>, diags: &mut Vec<Diagnostic>) {
        let mut by_id: BTreeMap<String, Vec<Occurrence>> = BTreeMap::new();
        for (i, inc) in self.incidents.iter().enumerate().rev() {
            for (e, c) in inc.doc.causes.iter().enumerate() {
                by_id.entry(c.id.clone()).or_default().push(Occurrence {
                    incident: i,
                    entry: e,
                });
            }
        }
        let mut docs: HashMap<String, Doc> = docs.into_iter().map(|d| (d.id.clone(), d)).collect();
        let mut causes: Vec<Cause> = by_id
            .into_iter()
            .map(|(id, occurrences)| {
                diags.extend(self.category_changes(&id, &occurrences));
                let entry = |o: &Occurrence| &self.incidents[o.incident].doc.causes[o.entry];
                let doc = docs.remove(&id);
                let latest = entry(occurrences.last().expect("non-empty"));
                Cause {
                    title: doc
                        .as_ref()
                        .map_or_else(|| latest.text.clone(), |d| d.title.clone()),
                    root_count: occurrences.iter().filter(|o| entry(o).root).count(),
                    category: entry(&occurrences[0]).category.clone(),
                    id,
                    doc,
                    occurrences,
                    broad: false,
                    backlinks: Vec::new(),
                }
            })
            .collect();
        for (id, doc) in docs {
            diags.push(
                doc.file.diag(Level::Warning, crate::diag::Pos::START, "unused-cause", format!("no incident names the cause `{id}`; its page is not built"))
                    .with_help("use the id in an incident's `causes`, or rename the file to the id incidents use"),
            );
        }
        causes.sort_by(|a, b| {
            b.occurrences
                .len()
                .cmp(&a.occurrences.len())
                .then_with(|| a.id.cmp(&b.id))
        });
        self.index_causes(causes);
    }

    /// Marks the broad causes: those in more than [`BROAD_SHARE`] of a KB of at least
    /// [`BROAD_MIN_INCIDENTS`] incidents, and those `generic_causes` lists (warning about an id
    /// that no incident uses).
    fn mark_broad_causes(&mut self, diags: &mut Vec<Diagnostic>) {
        let total = self.incidents.len();
        let cases = &self.config.causes;
        for c in &mut self.causes {
            let mut incidents: Vec<usize> = c.occurrences.iter().map(|o| o.incident).collect();
            incidents.dedup();
            c.broad = (total >= BROAD_MIN_INCIDENTS
                && incidents.len() as f64 > BROAD_SHARE * total as f64)
                || cases.generic_causes.contains(&c.id);
        }
        for (id, (file, pos, line)) in cases.generic_causes.iter().zip(&cases.generic_at) {
            if self.lookup.causes.contains_key(id) {
                continue;
            }
            let ids = self.causes.iter().map(|c| c.id.as_str());
            let help = crate::diag::nearest(id, ids).map(|n| format!("did you mean `{n}`?"));
            diags.push(
                Diagnostic::warning(
                    file.clone(),
                    *pos,
                    "config",
                    format!("`[causes] generic_causes` lists `{id}`, which no incident names"),
                )
                .with_help_opt(help)
                .with_line(line),
            );
        }
    }

    /// A warning for each occurrence of a shared cause that puts it in another category than
    /// where it first appeared.
    fn category_changes(&self, id: &str, occurrences: &[Occurrence]) -> Vec<Diagnostic> {
        let entry = |o: &Occurrence| &self.incidents[o.incident].doc.causes[o.entry];
        let category = &entry(&occurrences[0]).category;
        occurrences[1..]
            .iter()
            .filter(|o| entry(o).category != *category)
            .map(|o| {
                let e = entry(o);
                let file = &self.incidents[o.incident].doc.file;
                let pos = match e.at("category", false) {
                    crate::diag::At::Body(offset) => file.body_pos(offset),
                    _ => file.yaml_pos(&format!("{}.category", e.path), false),
                };
                file.diag(Level::Warning, pos, "cause-category", format!("cause `{id}` is in category `{}` here but `{category}` where it first appeared", e.category))
                    .with_help("a shared cause has one category; the first incident's is used")
            })
            .collect()
    }

    /// Takes the causes in their final order: the lookup by id, each incident's references to
    /// its causes, and the causes of each category.
    fn index_causes(&mut self, causes: Vec<Cause>) {
        self.lookup.causes = causes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        for (ci, cause) in causes.iter().enumerate() {
            for o in &cause.occurrences {
                let refs = &mut self.incidents[o.incident].cause_refs;
                if refs.len() <= o.entry {
                    refs.resize(o.entry + 1, usize::MAX);
                }
                refs[o.entry] = ci;
            }
        }
        let in_category = |id: &str| -> Vec<usize> {
            causes
                .iter()
                .enumerate()
                .filter(|(_, x)| x.category == id)
                .map(|(i, _)| i)
                .collect()
        };
        self.categories = self
            .config
            .categories
            .iter()
            .map(|c| CategoryGroup {
                id: c.id.clone(),
                title: c.title.clone(),
                description: c.description.clone(),
                causes: in_category(&c.id),
            })
            .collect();
        // Causes read from a body that name no category (and match no `[cause_words]`) get a
        // category of their own, unless the KB configures one of that id.
        let uncategorized = in_category(UNCATEGORIZED);
        if !uncategorized.is_empty() && self.config.category(UNCATEGORIZED).is_none() {
            self.categories.push(CategoryGroup {
                id: UNCATEGORIZED.into(),
                title: "Uncategorized".into(),
                description: "Causes read from a post-mortem's sections that name no category."
                    .into(),
                causes: uncategorized,
            });
        }
        self.causes = causes;
    }

    /// Services, teams, tags, severities and years, each with its incidents (newest first).
    /// Rewrites each incident's services, teams and tags by `[taxonomies.aliases]`, so merged
    /// spellings share one page; a value the list already holds is not repeated.
    fn merge_term_aliases(&mut self) {
        let aliases = &self.config.taxonomies;
        if aliases.aliases.is_empty() {
            return;
        }
        let merge = |values: &mut Vec<String>| {
            let mut seen = std::collections::HashSet::new();
            *values = values
                .iter()
                .map(|v| aliases.resolve(v).to_owned())
                .filter(|v| seen.insert(v.clone()))
                .collect();
        };
        for inc in &mut self.incidents {
            merge(&mut inc.doc.services);
            merge(&mut inc.doc.teams);
            merge(&mut inc.doc.tags);
        }
    }

    fn build_terms(&mut self, service_docs: Vec<Doc>) {
        // Long on purpose: one arm per term group, each gathered the same way from the incidents.
        let mut services: BTreeMap<String, Vec<usize>> = service_docs
            .iter()
            .map(|d| (d.id.clone(), vec![]))
            .collect();
        let mut teams: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut tags: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut years: BTreeMap<i16, Vec<usize>> = BTreeMap::new();
        let mut severities: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, inc) in self.incidents.iter().enumerate() {
            for s in &inc.doc.services {
                services.entry(s.clone()).or_default().push(i);
            }
            for t in &inc.doc.teams {
                teams.entry(t.clone()).or_default().push(i);
            }
            for t in &inc.doc.tags {
                tags.entry(t.clone()).or_default().push(i);
            }
            if let Some(year) = inc.year {
                years.entry(year).or_default().push(i);
            }
            severities.entry(inc.doc.severity_id()).or_default().push(i);
        }
        let mut docs: HashMap<String, Doc> = service_docs
            .into_iter()
            .map(|d| (d.id.clone(), d))
            .collect();
        self.services = by_count(services.into_iter().map(|(id, incidents)| {
            let doc = docs.remove(&id);
            Term {
                title: doc.as_ref().map_or_else(|| id.clone(), |d| d.title.clone()),
                description: doc
                    .as_ref()
                    .and_then(|d| d.summary.clone())
                    .unwrap_or_default(),
                id,
                doc,
                incidents,
            }
        }));
        self.teams = by_count(
            teams
                .into_iter()
                .map(|(id, incidents)| plain_term(id, incidents)),
        );
        self.tags = by_count(
            tags.into_iter()
                .map(|(id, incidents)| plain_term(id, incidents)),
        );
        let undated: Vec<usize> = (0..self.incidents.len())
            .filter(|&i| self.incidents[i].year.is_none())
            .collect();
        self.years = years
            .into_iter()
            .rev()
            .map(|(y, incidents)| plain_term(y.to_string(), incidents))
            .collect();
        if !undated.is_empty() {
            self.years.push(Term {
                title: "Undated".into(),
                description: "Post-mortems that give no start date.".into(),
                ..plain_term(UNDATED.into(), undated)
            });
        }
        self.severities = self
            .config
            .severities
            .iter()
            .map(|s| Term {
                id: s.id.clone(),
                title: s.id.clone(),
                description: s.description.clone(),
                doc: None,
                incidents: severities.remove(s.id.as_str()).unwrap_or_default(),
            })
            .collect();
        if let Some(incidents) = severities.remove(UNRATED) {
            self.severities.push(Term {
                id: UNRATED.into(),
                title: "Unrated".into(),
                description: "Post-mortems that give no severity.".into(),
                doc: None,
                incidents,
            });
        }
    }

    fn build_pages(&mut self, mut pages: Vec<Doc>) {
        pages.sort_by(|a, b| a.weight.cmp(&b.weight).then_with(|| a.title.cmp(&b.title)));
        self.pages = pages;
    }

    /// Paths and ids of everything a link can reach.
    fn build_lookup(&mut self) {
        let l = &mut self.lookup;
        for (i, inc) in self.incidents.iter().enumerate() {
            l.incidents.insert(inc.doc.id.clone(), i);
            l.by_path
                .insert(inc.doc.file.rel.clone(), Target::Incident(i));
        }
        for (i, c) in self.causes.iter().enumerate() {
            if let Some(d) = &c.doc {
                l.by_path.insert(d.file.rel.clone(), Target::Cause(i));
            }
        }
        for (i, s) in self.services.iter().enumerate() {
            if let Some(d) = &s.doc {
                l.by_path.insert(d.file.rel.clone(), Target::Service(i));
            }
        }
        for (i, p) in self.pages.iter().enumerate() {
            l.by_path.insert(p.file.rel.clone(), Target::Page(i));
        }
    }

    fn build_reading_lists(&mut self, mut docs: Vec<Doc>, diags: &mut Vec<Diagnostic>) {
        docs.sort_by(|a, b| a.title.cmp(&b.title));
        for (i, d) in docs.iter().enumerate() {
            self.lookup
                .by_path
                .insert(d.file.rel.clone(), Target::ReadingList(i));
        }
        self.reading_lists = docs
            .into_iter()
            .map(|doc| {
                let incidents = self.resolve_ids(&doc.file, doc.incidents.iter(), diags);
                ReadingList { doc, incidents }
            })
            .collect();
        for (l, list) in self.reading_lists.iter().enumerate() {
            for (pos, &i) in list.incidents.iter().enumerate() {
                self.incidents[i].reading.push((l, pos));
            }
        }
    }

    /// Resolves a list of incident ids from front matter, reporting unknown ones.
    fn resolve_ids<'a>(
        &self,
        file: &crate::load::SourceFile,
        ids: impl Iterator<Item = &'a (String, String)>,
        diags: &mut Vec<Diagnostic>,
    ) -> Vec<usize> {
        let mut out = Vec::new();
        for (id, path) in ids {
            match self.lookup.incidents.get(id) {
                Some(&i) => out.push(i),
                None if self.lookup.absent_ids.contains(id) => {}
                None => diags.push(
                    file.diag(
                        Level::Error,
                        file.yaml_pos(path, false),
                        "broken-link",
                        format!("there is no incident with the id `{id}`"),
                    )
                    .with_help_opt(
                        self.lookup
                            .nearest_incident(id)
                            .map(|n| format!("did you mean `{n}`?")),
                    ),
                ),
            }
        }
        out
    }

    fn resolve_related(&mut self, diags: &mut Vec<Diagnostic>) {
        let resolved: Vec<Vec<usize>> = self
            .incidents
            .iter()
            .enumerate()
            .map(|(i, inc)| {
                let ids = self.resolve_ids(&inc.doc.file, inc.doc.related.iter(), diags);
                ids.into_iter().filter(|&j| j != i).collect()
            })
            .collect();
        for (i, related) in resolved.into_iter().enumerate() {
            for &j in &related {
                self.incidents[j].backlinks.push(Target::Incident(i));
            }
            self.incidents[i].related = related;
        }
    }

    /// Every page of the KB with a body: its target, file and body.
    fn sources(&self) -> Vec<Source<'_>> {
        fn doc(t: Target, d: &Doc) -> Source<'_> {
            (t, &d.file, &d.body)
        }
        let incidents = self.incidents.iter().enumerate();
        let causes = self.causes.iter().enumerate();
        let services = self.services.iter().enumerate();
        let lists = self.reading_lists.iter().enumerate();
        let pages = self.pages.iter().enumerate();
        incidents
            .map(|(i, x)| (Target::Incident(i), &x.doc.file, &x.doc.body))
            .chain(causes.filter_map(|(i, x)| Some(doc(Target::Cause(i), x.doc.as_ref()?))))
            .chain(services.filter_map(|(i, x)| Some(doc(Target::Service(i), x.doc.as_ref()?))))
            .chain(lists.map(|(i, x)| doc(Target::ReadingList(i), &x.doc)))
            .chain(pages.map(|(i, x)| doc(Target::Page(i), x)))
            .collect()
    }

    /// Checks every link in every body and records backlinks.
    fn resolve_links(&mut self, diags: &mut Vec<Diagnostic>) {
        let found: Vec<(Target, Vec<Target>, Vec<Diagnostic>)> = self
            .sources()
            .par_iter()
            .map(|&(from, file, body)| {
                let (targets, ds) = self.check_links(from, file, body);
                (from, targets, ds)
            })
            .collect();
        for (from, targets, ds) in found {
            diags.extend(ds);
            for t in targets {
                match t {
                    Target::Incident(i) => self.incidents[i].backlinks.push(from),
                    Target::Cause(i) => self.causes[i].backlinks.push(from),
                    _ => {}
                }
            }
        }
        for inc in &mut self.incidents {
            inc.backlinks.sort();
            inc.backlinks.dedup();
        }
    }

    /// The pages a body links to, and what is wrong with its links: broken ones, URLs the
    /// allow-list refuses (in action items too), raw HTML where the KB denies it.
    fn check_links(
        &self,
        from: Target,
        file: &crate::load::SourceFile,
        body: &Body,
    ) -> (Vec<Target>, Vec<Diagnostic>) {
        let mut targets = Vec::new();
        let mut ds = Vec::new();
        if self.config.markdown.raw_html == crate::config::RawHtml::Deny {
            for &offset in &body.raw_html {
                ds.push(file.diag(Level::Error, file.body_pos(offset), "raw-html", "raw HTML is not allowed in this KB").with_help("use Markdown, or set `raw_html = \"sanitize\"` under [markdown] in hindsight.toml"));
            }
        }
        let mut broken = 0usize;
        for link in &body.links {
            if !link.wiki && !self.url_policy.allows(&link.dest) {
                ds.push(unsafe_url(
                    file,
                    file.body_pos(link.offset),
                    &link.dest,
                    &self.url_policy,
                ));
                continue;
            }
            if link.image {
                continue;
            }
            match self.lookup.resolve(&file.rel, &link.dest, link.wiki) {
                Resolved::Internal(t, _) if t != from => targets.push(t),
                Resolved::Outside(msg) => ds.push(
                    file.diag(
                        Level::Warning,
                        file.body_pos(link.offset),
                        "outside-link",
                        msg,
                    )
                    .with_help(
                        "link to the document's web address (`https://...`) to keep the link, or write the post-mortem's id (`[[2024-02-10-postgres-failover]]`)",
                    ),
                ),
                Resolved::Broken(msg) => {
                    broken += 1;
                    // Past the number shown, a suggestion (a scan of every id) is not worth making.
                    let suggest = link.wiki && broken <= crate::diag::PER_RULE_PER_FILE;
                    let help = suggest
                        .then(|| {
                            self.lookup
                                .nearest_incident(link.dest.trim())
                                .map(|n| format!("did you mean `[[{n}]]`?"))
                        })
                        .flatten();
                    ds.push(
                        file.diag(Level::Error, file.body_pos(link.offset), "broken-link", msg)
                            .with_help_opt(help),
                    );
                }
                _ => {}
            }
        }
        if let Target::Incident(i) = from {
            // Items read from the body are checked with the body's links.
            for a in self.incidents[i]
                .doc
                .action_items
                .iter()
                .filter(|a| a.at.is_none())
            {
                for url in links::inline_urls(&a.text) {
                    if !self.url_policy.allows(&url) {
                        let pos = file.yaml_pos(&format!("{}.text", a.path), false);
                        ds.push(unsafe_url(file, pos, &url, &self.url_policy));
                    }
                }
            }
        }
        targets.sort();
        targets.dedup();
        (targets, ds)
    }
}

/// Reads the `## Timeline` of `doc`, and fills the times its front matter leaves out from the
/// timeline's milestones (as the KB does for each incident): the doc and the timeline.
pub fn read_timeline(mut doc: IncidentDoc, config: &Config) -> (IncidentDoc, timeline::Timeline) {
    // Long on purpose: its steps are ordered (day, zone, events, start, detection, resolution) and
    // fill the one incident they share.
    // A Hugo or Jekyll `date` is when the write-up was published: its day is the incident's,
    // but its time of day is no start when the timeline has events before it that day (a
    // post published at 10:00 about failures from 07:31). The timeline is read on that day.
    // `Date: March 3, 2024 10:14 AM` with no zone, over a timeline whose note says `All times
    // CET`: the start's clock is the timeline's, as its events' are.
    // A note of the zone anywhere in the body (`All times Pacific.` at the top), read once.
    let noted_in_body = timeline::noted_zone_of_document(doc.file.body());
    if doc.started_from == crate::load::Origin::Body
        && let Some(crate::load::When::At(start)) = doc.started.clone()
        && let Some(noted) = timeline::noted_zone_in(&doc.body).or_else(|| noted_in_body.clone())
        && noted.to_offset(start.timestamp()) != start.offset()
        && let meta = crate::load::meta::read(doc.file.body())
        // The line that gave the start's time of day: the date line, else a line of the start's
        // time alone (`| Start | kl. 14.32 |` under `| Dato | 8. oktober 2024 |`).
        && let clock_line = (meta.date.as_ref())
            .filter(|(line, _)| crate::load::meta::has_clock(line))
            .or(meta.start_clock.as_ref())
        && clock_line.is_some_and(|(line, _)| {
            !crate::load::meta::says_zone(&crate::load::meta::bare_clock(line))
        })
        && let Ok(rezoned) = noted.to_zoned(start.datetime())
    {
        doc.started = Some(crate::load::When::At(rezoned));
        // `| 検知日時 | 2022年10月27日(木) 10:19 |` under the same note: the other times the
        // header gives, in the start's old zone and saying none, are on the note's clock too.
        let lines = [&meta.detected, &meta.mitigated, &meta.resolved];
        let times = [&mut doc.detected, &mut doc.mitigated, &mut doc.resolved];
        for (line, time) in lines.into_iter().zip(times) {
            if let (Some((line, _)), Some(crate::load::When::At(t))) = (line, time.as_ref())
                && !crate::load::meta::says_zone(&crate::load::meta::bare_clock(line))
                && t.offset() == start.offset()
                && let Ok(z) = noted.to_zoned(t.datetime())
            {
                *time = Some(crate::load::When::At(z));
            }
        }
    }
    // `| Hændelsesdato | 8. oktober 2024 |` over `| Opdaget | kl. 14.39 |`, the zone noted in
    // the body (`Alle tidspunkter er dansk sommertid (CEST)`) and none in the front matter:
    // the times of day the header gives, read in the KB's zone, are on the note's clock.
    if doc.started_from == crate::load::Origin::Body
        && matches!(doc.started, Some(crate::load::When::Day(_)))
        && doc.stated_zone.is_none()
        && let Some(noted) = timeline::noted_zone_in(&doc.body).or_else(|| noted_in_body.clone())
    {
        let meta = crate::load::meta::read(doc.file.body());
        let lines = [&meta.detected, &meta.mitigated, &meta.resolved];
        let times = [&mut doc.detected, &mut doc.mitigated, &mut doc.resolved];
        for (line, time) in lines.into_iter().zip(times) {
            if let (Some((line, _)), Some(crate::load::When::At(t))) = (line, time.as_ref())
                && let bare = crate::load::meta::bare_clock(line)
                && !crate::load::meta::says_zone(&bare)
                && *t.time_zone() == config.time_zone()
                // The line's time, not the front matter's (`detected: 2024-10-08T12:39:00Z`).
                && (crate::load::meta::clock_on(&bare, t.date(), &config.time_zone(), None))
                .or_else(|| match crate::load::meta::loose_when(line, &config.time_zone()) {
                    Some(crate::load::When::At(z)) => Some(z),
                    _ => None,
                })
                .or_else(|| crate::load::meta::dated_clock(line, t.date(), &config.time_zone()))
                .is_some_and(|z| z.timestamp() == t.timestamp())
                && let Ok(z) = noted.to_zoned(t.datetime())
            {
                *time = Some(crate::load::When::At(z));
            }
        }
    }
    let site_date =
        doc.aliases.contains(&"date") && doc.started_from == crate::load::Origin::FrontMatter;
    // Undated by everything else: the day the opening paragraph names ("On 2023-07-20 between
    // 12:17 and 12:30 UTC...", "On June 13, 2011, ..."), as collections of public write-ups
    // give it. Times without a date in the timeline are on that day; a dated event still wins.
    // A site generator's `date` is when the post was published: an opening that names an
    // earlier day, within 90 days, names the incident's.
    let opening = (doc.started.is_none() || site_date)
        .then(|| {
            let excerpt = without_as_of(&doc.body.excerpt);
            crate::load::meta::loose_date(&excerpt)
                .or(doc.body.opening_day)
                // `On Tuesday, April 16, ...` in a post published on April 30: that year's.
                .or_else(|| {
                    let published = doc.date().filter(|_| site_date)?;
                    crate::load::meta::day_without_year(&excerpt, published)
                })
                // A post whose opening is a note about the write-up, titled by the incident's
                // day (`Learning review: session store failover on 7 November 2024`).
                .or_else(|| {
                    site_date
                        .then(|| crate::load::meta::month_named_date(&doc.title))
                        .flatten()
                })
        })
        .flatten();
    let opening_day = match (opening, doc.date()) {
        (Some(day), Some(published)) if site_date => {
            crate::load::meta::before_publication(day, published).then(|| {
                doc.started = Some(crate::load::When::Day(day));
                doc.started_from = crate::load::Origin::Body;
                day
            })
        }
        (day, _) => day.filter(|_| doc.started.is_none()),
    };
    // The site's `date`, unless the opening gave the incident's day instead.
    let published = (site_date && doc.started_from == crate::load::Origin::FrontMatter)
        .then(|| doc.start().cloned())
        .flatten();
    let window = timeline::Window {
        started: if published.is_some() {
            None
        } else {
            doc.start()
        },
        day: doc.date().or(opening_day),
        zone: match (&published, &doc.started) {
            (Some(p), _) => p.time_zone().clone(),
            // A note at the top of the document (`All times in this page are Pacific (PST).`),
            // else the zone of a start the body states (`| Start | Aug 19, 2022 03:47 AM EDT
            // |`): the timeline's times without a zone are in it.
            _ if let Some(noted) = noted_in_body => noted,
            // The front matter's `timezone`, else a `Timezone:` line in the header (`**Zona
            // horària:** hora de Barcelona (CEST)`).
            _ if let Some(zone) = &doc.stated_zone => zone.clone(),
            (None, Some(crate::load::When::At(start)))
                if doc.started_from == crate::load::Origin::Body =>
            {
                start.time_zone().clone()
            }
            _ => config.time_zone(),
        },
        resolved: doc.resolved.as_ref().and_then(crate::load::When::exact),
    };
    let mut tl = timeline::parse(&doc.file, &doc.body, window);
    // An email dated by when it was sent tells its times on days it names its own way
    // (`yesterday afternoon`, `Tuesday`): its prose's times are on no day known.
    if tl.told && doc.started_from == crate::load::Origin::Sent {
        tl.events.clear();
    }
    // An earlier event of that day starts the incident, unless one the write-up marks as the
    // start (`**Impact begins.**`) is not earlier.
    let on_published_day =
        |e: &&timeline::Event| published.as_ref().is_some_and(|p| e.at.date() == p.date());
    if let Some(published) = &published
        && let Some(first) = (tl.events.iter().filter(on_published_day))
            .find(|e| timeline::marks_the_start(&e.text))
            .or_else(|| {
                (tl.events.iter().filter(on_published_day)).min_by_key(|e| e.at.timestamp())
            })
        && first.at.timestamp() < published.timestamp()
    {
        doc.started = Some(crate::load::When::At(first.at.clone()));
        doc.started_from = crate::load::Origin::Timeline;
    }
    // Without a `started` from anywhere else, or with only its day, the incident starts at its
    // earliest dated event (on that day): the first thing the write-up knows of it, often the
    // change that led to it. When that event is itself the detection, the time to detect is
    // not known (`IncidentDoc::minutes_to`).
    // An event more than a day earlier than the one written before it is out of order (a
    // mistyped year, which `timeline-order` reports): it does not start the incident.
    let in_order: Vec<&timeline::Event> = (tl.events.iter().enumerate())
        .filter(|(i, e)| {
            i.checked_sub(1).is_none_or(|p| {
                let prev = tl.events[p].at.timestamp();
                e.at.timestamp() >= prev - jiff::SignedDuration::from_hours(24)
            })
        })
        .map(|(_, e)| e)
        .collect();
    let earliest = |keep: &dyn Fn(&timeline::Event) -> bool| {
        (in_order.iter().copied())
            .filter(|e| keep(e))
            .min_by_key(|e| e.at.timestamp())
    };
    let day_given = (doc.date().or(opening_day)).filter(|_| doc.start().is_none());
    // `14:51 OUTAGE BEGINS`: the event the write-up says the outage began at, on the day
    // given if any, starts it.
    // A file name's day may be when the incident was found, days into it (a slow data
    // corruption marked `Impact starts.` on the Monday, named for the Wednesday): a mark up to
    // a week before it counts.
    // An email's `Date:` too: it was sent after the incident.
    let from_name = matches!(
        doc.started_from,
        crate::load::Origin::FileName | crate::load::Origin::Sent
    );
    let marked = (in_order.iter().copied()).find(|e| {
        timeline::marks_the_start(&e.text)
            && doc.date().is_none_or(|d| {
                let day = e.at.date();
                day == d || (from_name && day < d && d.since(day).is_ok_and(|s| s.get_days() <= 7))
            })
    });
    let first = match &doc.started {
        None | Some(crate::load::When::Day(_)) if marked.is_some() => marked,
        None => earliest(&|_| true),
        // A file name's day is often when the write-up was published, days or weeks
        // after: a timeline that ends before that day starts the incident.
        // So is an email's `Date:`, when it was sent, and a site's `date` (a post's day).
        Some(crate::load::When::Day(d))
            if (site_date || from_name) && (tl.events.iter()).all(|e| e.at.date() < *d) =>
        {
            earliest(&|_| true)
        }
        // On its day, or the evening before (an incident that began before midnight): what
        // happened days before (the change that led to it) is history, not its start.
        Some(crate::load::When::Day(d)) => earliest(&|e| {
            let day = e.at.date();
            day == *d || (day.tomorrow().ok() == Some(*d) && e.at.hour() >= 12)
        }),
        Some(_) => None,
    };
    let milestones = timeline::milestones(&tl.events);
    // The change that led to it (`09:10 checkout-service deployed`), then `09:14 First failed
    // payment`: the first event before the detection that tells the first sign of the impact
    // starts it, unless the first event tells of the impact itself (`Checkout outage begins`)
    // or one is marked as the start.
    let first = first.map(|first| {
        if marked.is_some() || timeline::tells_impact(&first.text) {
            return first;
        }
        let until = (doc.detected.as_ref().and_then(crate::load::When::exact))
            .or(milestones.detected.as_ref())
            .or(milestones.mitigated.as_ref())
            .or(milestones.resolved.as_ref())
            .map(jiff::Zoned::timestamp);
        (in_order.iter().copied())
            .filter(|e| {
                e.at.timestamp() > first.at.timestamp()
                    && until.is_none_or(|u| e.at.timestamp() < u)
                    && timeline::tells_onset(&e.text)
            })
            .min_by_key(|e| e.at.timestamp())
            .unwrap_or(first)
    });
    if let Some(first) = first {
        doc.started = Some(crate::load::When::At(first.at.clone()));
        doc.started_from = crate::load::Origin::Timeline;
    }
    // `At 09:30 UTC, the inventory-service began returning errors`, `About 18% of requests
    // failed between 16:22 and 17:08 UTC`: the opening says when the impact began, on the day
    // given. Before the timeline's first event (often the alert), it starts the incident; so
    // it does after it, up to the detection, when the events before it are what led to it
    // (the deploy at 15:40, the config change at 10:05), unless an event is marked as the
    // outage's start.
    // With no day but the timeline's (its events dated `Dec 4, 2024 2:52 PM`), the first
    // event's.
    let day_given = day_given.or_else(|| {
        (doc.started_from == crate::load::Origin::Timeline)
            .then(|| doc.start().map(jiff::Zoned::date))
            .flatten()
    });
    if let Some(day) = day_given
        && let Some(((h, m, written), from_impact)) =
            (crate::load::meta::stated_window(&doc.body.excerpt))
                .or_else(|| crate::load::meta::stated_start(&doc.body.excerpt, day))
                .map(|w| (w, false))
                // `## Impact` then `- From 13:02 to 13:25 UTC (23 minutes) customers could
                // not complete checkout`: the impact's own window, read only as a later
                // start (its day is not said: `between 00:05 and 01:40` after a midnight
                // start is the next day's).
                .or_else(|| {
                    (doc.impact.as_deref())
                        .and_then(crate::load::meta::stated_window)
                        .map(|w| (w, true))
                })
    {
        let zone = written.unwrap_or_else(|| {
            doc.start()
                .map_or_else(|| config.time_zone(), |s| s.time_zone().clone())
        });
        let stated = zone.to_zoned(day.at(h, m, 0, 0)).ok();
        let detected = (doc.detected.as_ref().and_then(crate::load::When::exact))
            .or(milestones.detected.as_ref())
            .map(jiff::Zoned::timestamp);
        let last = (tl.events.iter()).map(|e| e.at.timestamp()).max();
        if let Some(stated) = stated
            && doc.start().is_none_or(|s| {
                // Times told in prose (`The 02:00 UTC revenue e-mail went out ...`, the next
                // morning's) are the story's, not a timeline: the window it states wins.
                (tl.told && marked.is_none())
                // Not before an event marked as the start (`**Impact start.**` at 14:57, the
                // summary's `At 14:50 UTC we shipped a config change`): the mark is the
                // writer's word for it.
                || (stated.timestamp() < s.timestamp() && !from_impact && marked.is_none())
                    || (stated.timestamp() >= s.timestamp()
                        && marked.is_none()
                        && detected.or(last).is_some_and(|d| stated.timestamp() <= d))
            })
        {
            doc.started = Some(crate::load::When::At(stated));
            doc.started_from = crate::load::Origin::Body;
        }
    }
    // Still undated: the opening paragraph's day, else the byline's (`*20 September 2026*`,
    // when the write-up was published).
    let byline_day = || doc.body.byline_day;
    if doc.started.is_none()
        && let Some(day) = (tl.day().or(opening_day)).or_else(byline_day)
    {
        doc.started = Some(crate::load::When::Day(day));
        doc.started_from = crate::load::Origin::Body;
    }
    // A detection word before the start (a warning into a channel no one watched, hours
    // before the disk filled): the milestones of the events from the start on.
    let milestones = match (doc.start(), &milestones.detected) {
        (Some(s), Some(d)) if d.timestamp() < s.timestamp() => {
            let from = s.timestamp();
            let later: Vec<_> = (tl.events.iter())
                .filter(|e| e.at.timestamp() >= from)
                .cloned()
                .collect();
            timeline::milestones(&later)
        }
        _ => milestones,
    };
    fill_times(&mut doc, milestones);
    (doc, tl)
}

/// `text` without the dates it gives as the time of a figure (`expected to be limited (as of
/// 2026-09-10)`), which are not the incident's.
fn without_as_of(text: &str) -> std::borrow::Cow<'_, str> {
    let lower = text.to_lowercase();
    if !lower.contains("as of ") || lower.len() != text.len() {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (i, _) in lower.match_indices("as of ") {
        if i < from {
            continue;
        }
        out.push_str(&text[from..i]);
        let rest = &text[i..];
        let end = rest
            .find([')', ';', '.', '\n'])
            .map_or(rest.len(), |e| e.max(1));
        from = i + end;
    }
    out.push_str(&text[from..]);
    out.into()
}

/// Fills the times the front matter leaves out from the timeline's milestones, each only when
/// it keeps started <= detected <= mitigated <= resolved.
fn fill_times(doc: &mut IncidentDoc, found: timeline::Milestones) {
    use crate::load::When;
    let instant = |w: &Option<When>| w.as_ref().and_then(When::exact).map(jiff::Zoned::timestamp);
    let mut times = [
        instant(&doc.started),
        instant(&doc.detected),
        instant(&doc.mitigated),
        instant(&doc.resolved),
    ];
    let slots = [
        (1, found.detected, &mut doc.detected),
        (2, found.mitigated, &mut doc.mitigated),
        (3, found.resolved, &mut doc.resolved),
    ];
    for (i, found, slot) in slots {
        let Some(t) = found.filter(|_| slot.is_none()) else {
            continue;
        };
        let ts = t.timestamp();
        let after = times[..i].iter().flatten().all(|&b| b <= ts);
        let before = times[i + 1..].iter().flatten().all(|&a| ts <= a);
        if after && before {
            times[i] = Some(ts);
            *slot = Some(When::At(t));
        }
    }
}

/// A page with a body: what it is, its file and its body.
type Source<'a> = (Target, &'a crate::load::SourceFile, &'a Body);

/// A link or image whose URL the KB's allow-list refuses: shown as plain text.
fn unsafe_url(
    file: &crate::load::SourceFile,
    pos: crate::diag::Pos,
    url: &str,
    policy: &crate::safe_url::UrlPolicy,
) -> Diagnostic {
    let shown: String = url.chars().take(60).collect();
    let schemes: Vec<&str> = policy.schemes().collect();
    file.diag(
        Level::Warning,
        pos,
        "unsafe-url",
        format!("`{shown}` is not a URL pages may link to; it is shown as plain text"),
    )
    .with_help(format!(
        "links may be relative or use {}; add a scheme under [markdown] url_schemes in hindsight.toml",
        schemes.join(", ")
    ))
}

fn plain_term(id: String, incidents: Vec<usize>) -> Term {
    Term {
        title: id.clone(),
        id,
        description: String::new(),
        doc: None,
        incidents,
    }
}

fn by_count(terms: impl Iterator<Item = Term>) -> Vec<Term> {
    let mut v: Vec<Term> = terms.collect();
    v.sort_by(|a, b| {
        b.incidents
            .len()
            .cmp(&a.incidents.len())
            .then_with(|| a.id.cmp(&b.id))
    });
    v
}

/// Keeps the first (newest) incident of each id and reports the others. Files in different
/// folders with the same name (`2024/10/saas-outage.md` and `2025/05/saas-outage.md`, as
/// archives kept by year and month name them) are not a conflict: the oldest keeps the id its
/// name gives, and each newer one takes its folders in front (`2025-05-saas-outage`), with a
/// warning that says so. Ids set with `id:` are the writer's: two alike are an error.
/// Where the KB's pages are served, and the public site's: each base URL's path, and its
/// full URL when it names a host (see [`Lookup::site_prefixes`]).
fn site_prefixes(config: &Config) -> Vec<String> {
    let bases = std::iter::once(config.base_url.as_str()).chain(config.public.base_url.as_deref());
    let mut prefixes = Vec::new();
    for base in bases {
        let (origin, path) = crate::format::split_base_url(base);
        if let Some(origin) = origin {
            prefixes.push(format!("{origin}{path}"));
        }
        prefixes.push(path);
    }
    prefixes.sort();
    prefixes.dedup();
    prefixes
}

fn drop_duplicate_ids(
    mut incidents: Vec<IncidentDoc>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<IncidentDoc> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for inc in &incidents {
        *count.entry(inc.id.as_str()).or_default() += 1;
    }
    let shared: HashSet<String> = count
        .into_iter()
        .filter(|&(_, n)| n > 1)
        .map(|(id, _)| id.to_string())
        .collect();
    if !shared.is_empty() {
        let mut taken: HashSet<String> = incidents.iter().map(|i| i.id.clone()).collect();
        // Newest first: the last of each id is its oldest, which keeps it.
        let last: HashMap<String, usize> = incidents
            .iter()
            .enumerate()
            .filter(|(_, i)| shared.contains(&i.id))
            .map(|(n, i)| (i.id.clone(), n))
            .collect();
        for (n, inc) in incidents.iter_mut().enumerate() {
            if !shared.contains(&inc.id) || last.get(&inc.id) == Some(&n) {
                continue;
            }
            if inc.id_from != crate::load::Origin::FileName {
                continue;
            }
            let Some(qualified) = folder_qualified(&inc.file.rel, &inc.id) else {
                continue;
            };
            if taken.contains(&qualified) {
                continue;
            }
            let pos = inc.file.yaml_pos("id", false);
            diags.push(
                inc.file
                    .diag(
                        Level::Warning,
                        pos,
                        "duplicate-id",
                        format!(
                            "an older post-mortem is named `{}` too: this one's id, and its address, is `{qualified}`",
                            inc.id
                        ),
                    )
                    .with_help("set `id:` to give it another"),
            );
            taken.insert(qualified.clone());
            inc.id = qualified;
        }
        incidents.sort_by(|a, b| a.order(b));
    }
    let mut first: HashMap<String, String> = HashMap::new();
    let mut kept = Vec::with_capacity(incidents.len());
    for inc in incidents {
        if let Some(other) = first.get(&inc.id) {
            // The `id:` key when there is one; otherwise the file's first field (the id is its name).
            let pos = inc.file.yaml_pos("id", false);
            diags.push(
                inc.file
                    .diag(
                        Level::Error,
                        pos,
                        "duplicate-id",
                        format!("the id `{}` is already used by {other}", inc.id),
                    )
                    .with_help(
                        "ids are unique across the KB: rename one file or set a different `id:`",
                    ),
            );
            continue;
        }
        first.insert(inc.id.clone(), inc.file.display.clone());
        kept.push(inc);
    }
    kept
}

/// `id` with the folders of `rel` (a path from the KB root) below `content/incidents/` in
/// front: `content/incidents/2025/05/saas-outage.md` -> `2025-05-saas-outage`; `None` for a
/// file directly in `content/incidents/`, or when that is no valid id.
/// A KB that writes `P0` (or `SEV0`) on a scale whose ids count from 1 numbers its levels
/// from 0: `P0` is the most severe, `P1` the second and so on, for every incident whose
/// severity is written as a number (each file alone read `P1` as the level numbered 1, the
/// same as `P0`). Said once, as a note at the first incident that writes 0.
fn number_severities_from_zero(
    incidents: &mut [crate::load::IncidentDoc],
    config: &Config,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    if config.severities_count_from_zero() {
        return None;
    }
    let first =
        (incidents.iter()).find(|i| i.severity_number.as_ref().is_some_and(|n| n.1 == 0))?;
    let prefix = first
        .severity_number
        .as_ref()
        .map(|n| n.0.clone())
        .unwrap_or_default();
    let shown = prefix.to_uppercase();
    let levels: Vec<String> = (0..config.severities.len().min(4))
        .filter_map(|n| Some(format!("{shown}{n} is {}", config.severity_at(n as u32)?)))
        .collect();
    diags.push(
        first
            .file
            .diag(
                Level::Note,
                first.file.yaml_pos("severity", false),
                "severity-scale",
                format!(
                    "this KB writes `{shown}0`: its `{shown}` severities count from 0 ({})",
                    levels.join(", ")
                ),
            )
            .with_help("to map them otherwise, give each level `aliases` in hindsight.toml"),
    );
    for inc in incidents.iter_mut() {
        renumber_severity(inc, &prefix, config);
    }
    Some(prefix)
}

/// An incident's severity written with `prefix` and a number, counted from 0.
fn renumber_severity(inc: &mut crate::load::IncidentDoc, prefix: &str, config: &Config) {
    if let Some((p, n)) = &inc.severity_number
        && p == prefix
    {
        inc.severity = config.severity_at(*n).map(str::to_string);
    }
}

fn folder_qualified(rel: &str, id: &str) -> Option<String> {
    let path = std::path::Path::new(rel);
    let below = path
        .strip_prefix("content/incidents")
        .unwrap_or(path)
        .parent()?;
    let mut folders: Vec<String> = below
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    // `a/dns-outage/index.md`, named after its folder: `a-dns-outage`.
    if folders.last().is_some_and(|f| f == id) {
        folders.pop();
    }
    if folders.is_empty() {
        return None;
    }
    let qualified = crate::format::slugify(&format!("{} {id}", folders.join(" ")));
    crate::format::is_valid_id(&qualified).then_some(qualified)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_patched_incident_counts_p_severities_as_its_kb_does() {
        let file = |i: u32, sev: &str| {
            (
                format!("content/incidents/p{i}.md"),
                format!("---\ntitle: T{i}\nseverity: {sev}\nstarted: 2024-01-0{i}\n---\nText.\n"),
            )
        };
        let config = Config::default();
        let opts = crate::load::LoadOptions::default();
        let loaded = crate::load::load_texts(vec![file(1, "P0"), file(2, "P1")], &config, opts);
        let mut kb = KnowledgeBase::build(config.clone(), loaded, &mut Vec::new());
        assert_eq!(kb.severity_from_zero.as_deref(), Some("p"));
        let patch = |kb: &mut KnowledgeBase, sev: &str| {
            let doc = crate::load::load_texts(vec![file(2, sev)], &config, opts)
                .incidents
                .remove(0);
            kb.patch_incident(doc)
        };
        let i = patch(&mut kb, "P1").expect("unchanged, it patches");
        assert_eq!(kb.incidents[i].doc.severity.as_deref(), Some("SEV2"));
        assert_eq!(patch(&mut kb, "P2"), None, "another severity: a full build");
        // A first `P0` changes how the KB counts.
        let loaded = crate::load::load_texts(vec![file(1, "P1"), file(2, "P1")], &config, opts);
        let mut kb = KnowledgeBase::build(config.clone(), loaded, &mut Vec::new());
        assert_eq!(kb.severity_from_zero, None);
        assert_eq!(patch(&mut kb, "P0"), None);
    }

    #[test]
    fn timeline_milestones_fill_only_missing_times_and_keep_their_order() {
        let text = "---\ntitle: T\nseverity: SEV2\nstarted: 2024-03-01T10:00:00Z\nmitigated: 2024-03-01T10:20:00Z\n---\n\n## Timeline\n\n- 09:50 — detected by a customer report\n- 10:05 — rolled back\n- 10:40 — all clear\n";
        let config = Config::default();
        let loaded = crate::load::load_texts(
            vec![("content/incidents/t.md".into(), text.into())],
            &config,
            Default::default(),
        );
        let mut diags = Vec::new();
        let kb = KnowledgeBase::build(config, loaded, &mut diags);
        let d = &kb.incidents[0].doc;
        let at = |w: &Option<crate::load::When>| {
            w.as_ref()
                .and_then(crate::load::When::exact)
                .map(|z| z.strftime("%H:%M").to_string())
        };
        assert_eq!(at(&d.detected), None, "before `started`: not used");
        assert_eq!(
            at(&d.mitigated).as_deref(),
            Some("10:20"),
            "the front matter wins"
        );
        assert_eq!(at(&d.resolved).as_deref(), Some("10:40"));
    }

    #[test]
    fn a_front_matter_timeline_is_the_events_when_the_body_has_none() {
        let text = "---\ntitle: Queue backlog\ntimeline:\n  - time: 2025-04-14T07:55:00-04:00\n    event: deploy finishes; throughput drops\n  - time: 2025-04-14T08:21:00-04:00\n    event: \"PagerDuty: consumer lag > 50k; on-call paged\"\n  - \"2025-04-14T10:40:00-04:00 — backlog drained; incident resolved\"\n---\n\nThe queue fell behind.\n";
        let config = Config::default();
        let loaded = crate::load::load_texts(
            vec![("content/incidents/q.md".into(), text.into())],
            &config,
            Default::default(),
        );
        let mut diags = Vec::new();
        let kb = KnowledgeBase::build(config, loaded, &mut diags);
        assert!(diags.iter().all(|d| d.code != "unknown-key"), "{diags:?}");
        let d = &kb.incidents[0].doc;
        let at = |w: &Option<crate::load::When>| {
            w.as_ref()
                .and_then(crate::load::When::exact)
                .map(|z| z.strftime("%H:%M %:z").to_string())
        };
        assert_eq!(at(&d.started).as_deref(), Some("07:55 -04:00"));
        assert_eq!(at(&d.detected).as_deref(), Some("08:21 -04:00"));
        assert_eq!(at(&d.resolved).as_deref(), Some("10:40 -04:00"));
    }

    #[test]
    fn a_published_post_reads_its_bodys_milestone_lines_with_the_start_they_date() {
        let kb = one_incident(
            "content/incidents/cdn-purge.md",
            "+++\ntitle = \"Full CDN purge\"\ndate = 2024-06-05T10:30:00Z\n+++\n\n## At a glance\n\n- **Start of impact:** 2024-06-03 14:05 UTC\n- **Detected:** 2024-06-03 14:09 UTC (synthetic check failing)\n- **Mitigated:** 2024-06-03 14:38 UTC\n- **Resolved:** 2024-06-03 15:12 UTC (hit ratio back above 90%)\n\n## What happened\n\nThe purge emptied the cache.\n",
        );
        let d = &kb.incidents[0].doc;
        let at = |w: &Option<crate::load::When>| {
            (w.as_ref().and_then(crate::load::When::exact))
                .map(|z| z.strftime("%m-%d %H:%M").to_string())
        };
        assert_eq!(at(&d.started).as_deref(), Some("06-03 14:05"));
        assert_eq!(at(&d.detected).as_deref(), Some("06-03 14:09"));
        assert_eq!(at(&d.mitigated).as_deref(), Some("06-03 14:38"));
        assert_eq!(at(&d.resolved).as_deref(), Some("06-03 15:12"));
    }

    /// The KB of one post-mortem `text` at `path`, with the default config.
    fn one_incident(path: &str, text: &str) -> KnowledgeBase {
        let config = Config::default();
        let loaded = crate::load::load_texts(
            vec![(path.into(), text.into())],
            &config,
            Default::default(),
        );
        KnowledgeBase::build(config, loaded, &mut Vec::new())
    }

    #[test]
    fn a_detection_word_before_the_start_and_the_opening_day_under_a_summary() {
        let one = |path: &str, text: &str| {
            let kb = one_incident(path, text);
            let d = &kb.incidents[0].doc;
            let at = |w: &Option<crate::load::When>| {
                (w.as_ref().and_then(crate::load::When::exact))
                    .map(|z| z.strftime("%m-%d %H:%M").to_string())
            };
            (at(&d.started), at(&d.detected))
        };
        // A warning no one was paged for, hours before: not the detection.
        let (started, detected) = one(
            "content/incidents/2025-02-10-wal.md",
            "# WAL disk full\n\n## Timeline\n\n- **02:10** – Disk usage warning fires into `#db-alerts`, not paged.\n- **07:51** – Volume reaches 100%. **Impact begins.**\n- **07:53** – Alertmanager pages the on-call.\n- **08:47** – Writes back to normal. Resolved.\n",
        );
        assert_eq!(started.as_deref(), Some("02-10 07:51"));
        assert_eq!(detected.as_deref(), Some("02-10 07:53"));
        // A post published on the 30th whose opening names the 27th, with a Summary below.
        let (started, _) = one(
            "content/incidents/dns.md",
            "---\ndate:\n  created: 2024-09-30\n---\n\n# DNS timeouts\n\nOn Friday, 27 September 2024, lookups timed out.\n\n## Summary\n\nNew nodes lacked a label.\n\n## Timeline\n\nAll times are CEST.\n\n- **14:07** – Workloads drained onto the new pool.\n- **14:11** – Alert fires.\n- **15:38** – Resolved.\n",
        );
        assert_eq!(started.as_deref(), Some("09-27 14:07"));
    }

    /// The time of day an incident written as `text` in the file at `path` starts at.
    fn start_of(path: &str, text: String) -> Option<String> {
        started_as(path, text, "%H:%M")
    }

    /// The start of `text`, the KB's one post-mortem at `path`, written with `format`.
    fn started_as(path: &str, text: String, format: &str) -> Option<String> {
        let config = Config::default();
        let loaded =
            crate::load::load_texts(vec![(path.into(), text)], &config, Default::default());
        let kb = KnowledgeBase::build(config, loaded, &mut Vec::new());
        let d = &kb.incidents[0].doc;
        (d.started.as_ref().and_then(crate::load::When::exact))
            .map(|z| z.strftime(format).to_string())
    }

    #[test]
    fn a_timezone_line_is_the_zone_of_a_timeline_and_a_title_dates_told_times() {
        let started = |path: &str, text: &str| started_as(path, text.into(), "%Y-%m-%dT%H:%M%:z");
        // The date line gives the day only; the `Timezone:` line the zone of every time.
        let french = "# Purge du CDN\n\n**Date :** 15/03/2024\n**Horaires :** heure de Paris (UTC+1)\n\n## Chronologie\n\n- **14h29** : déploiement lancé\n- **14h32** : Début de l'impact.\n- **16h05** : Fin de l'incident.\n";
        assert_eq!(
            started("content/incidents/purge.md", french).as_deref(),
            Some("2024-03-15T14:32+01:00")
        );
        // A forum post: no date but its title's, its times told in its sentences.
        let post = "# Incident report: registry outage on June 8, 2021\n\n**mhartley** · Hosted Services\n\nHi everyone,\n\n## What happened\n\nAt around 14:10 UTC on June 8 the disk hit 100%. One of us saw a report in our chat at 14:19 UTC and started looking.\n";
        assert_eq!(
            started("content/incidents/registry.md", post).as_deref(),
            Some("2021-06-08T14:10+00:00")
        );
        // A site's post dated by its day, its zone in the front matter, its times told.
        let told = "---\ntitle: Checkout queue stalled\ndate: 2024-07-09\ntimezone: America/Chicago\n---\n\n## Summary\n\nAt 9:14 am the order queue stopped draining. We got paged at 9:21 am when the depth alert fired, and by 10:02 am the queue had drained.\n";
        assert_eq!(
            started("content/incidents/queue.md", told).as_deref(),
            Some("2024-07-09T09:14-05:00")
        );
        // A header's times of day after `kl.`, under a day-only date, on the clock a note of
        // the body names.
        let danish = "# Nedbrud på login\n\n| | |\n|---|---|\n| **Hændelsesdato** | tirsdag den 8. oktober 2024 |\n| **Start** | kl. 14.32 |\n| **Opdaget** | kl. 14.39 |\n| **Løst** | kl. 15.51 |\n\nAlle tidspunkter er angivet i dansk tid (CEST).\n\n## Resumé\n\nLogin fejlede.\n";
        assert_eq!(
            started("content/incidents/login.md", danish).as_deref(),
            Some("2024-10-08T14:32+02:00")
        );
        let loaded = crate::load::load_texts(
            vec![("content/incidents/login.md".into(), danish.into())],
            &Config::default(),
            Default::default(),
        );
        let kb = KnowledgeBase::build(Config::default(), loaded, &mut Vec::new());
        let d = &kb.incidents[0].doc;
        let at = |w: &Option<crate::load::When>| {
            (w.as_ref().and_then(crate::load::When::exact))
                .map(|z| z.strftime("%H:%M%:z").to_string())
        };
        assert_eq!(at(&d.detected).as_deref(), Some("14:39+02:00"));
        assert_eq!(at(&d.resolved).as_deref(), Some("15:51+02:00"));
        // The front matter's own time, with its offset, stays as written.
        let front = format!("---\ndetected: 2024-10-08T12:39:00Z\n---\n\n{danish}")
            .replace("| **Start** | kl. 14.32 |\n", "");
        let loaded = crate::load::load_texts(
            vec![("content/incidents/login.md".into(), front)],
            &Config::default(),
            Default::default(),
        );
        let kb = KnowledgeBase::build(Config::default(), loaded, &mut Vec::new());
        let d = &kb.incidents[0].doc;
        assert_eq!(at(&d.detected).as_deref(), Some("12:39+00:00"));
        assert_eq!(at(&d.resolved).as_deref(), Some("15:51+02:00"));
        // A post dated when it was published, its opening a note about the review, its title
        // the incident's day.
        let review = "---\ntitle: \"Learning review: session store failover on 7 November 2024\"\ndate: 2024-11-14\n---\n\n*This is a learning review, not a postmortem in the traditional sense. We try to understand how the work looked.*\n\n## What happened, briefly\n\nBetween 14:03 and 14:41 UTC a third of users were signed out.\n";
        assert_eq!(
            started("content/incidents/review.md", review).as_deref(),
            Some("2024-11-07T14:03+00:00")
        );
        // The front matter's zone over a `Timezone:` line's.
        let both = told.replace("## Summary", "**Timezone:** UTC\n\n## Summary");
        assert_eq!(
            started("content/incidents/queue.md", &both).as_deref(),
            Some("2024-07-09T09:14-05:00")
        );
    }

    #[test]
    fn the_window_an_opening_states_starts_the_incident_up_to_its_detection() {
        let start = |summary: &str| {
            let text = format!(
                "# Orders API errors\n\n## Summary\n\n{summary}\n\n## Timeline\n\n- 15:40 — Orders API deployed\n- 16:22 — morning traffic peaks\n- 16:27 — alert fires\n- 17:08 — resolved\n"
            );
            start_of("content/incidents/2024-11-19-orders.md", text)
        };
        assert_eq!(
            start("The API failed. About 18% of requests failed between 16:22 and 17:08 UTC.")
                .as_deref(),
            Some("16:22"),
            "after the deploy that led to it"
        );
        assert_eq!(
            start("Requests failed between 14:10 and 17:08 UTC.").as_deref(),
            Some("14:10"),
            "before the first event"
        );
        assert_eq!(
            start("Requests failed from 16:40 to 17:08 UTC.").as_deref(),
            Some("15:40"),
            "after the detection: not the start"
        );
        assert_eq!(
            start("The API failed for 46 minutes.").as_deref(),
            Some("15:40"),
            "no window: the first event"
        );
        // The Impact section's window, when the opening states none: a later start only.
        assert_eq!(
            start("The API failed.\n\n## Impact\n\n- From **16:22 to 17:08 UTC** customers could not order.").as_deref(),
            Some("16:22"),
            "the impact's window, after the deploy"
        );
        assert_eq!(
            start("The API failed.\n\n## Impact\n\n- Requests failed between 14:10 and 17:08.")
                .as_deref(),
            Some("15:40"),
            "an impact window before the first event may be another day's"
        );
    }

    #[test]
    fn the_first_sign_of_the_impact_after_the_change_starts_the_incident() {
        let start = |timeline: &str| {
            let text = format!("# Payments failing\n\n## Timeline\n\n{timeline}");
            start_of("content/incidents/2024-12-03-payments.md", text)
        };
        let deploy = "- 09:10 — checkout-service 2024.12.03-1 deployed\n";
        let alert = "- 09:41 — decline-rate alert fires, on-call paged\n- 10:26 — resolved\n";
        assert_eq!(
            start(&format!(
                "{deploy}- 09:14 — First failed payment with invalid_request\n{alert}"
            ))
            .as_deref(),
            Some("09:14"),
            "the first failure after the deploy"
        );
        assert_eq!(
            start(&format!(
                "{deploy}- 09:12 — flash sale starts\n- 09:20 — callback delays start.\n{alert}"
            ))
            .as_deref(),
            Some("09:20"),
            "a sale that starts is no symptom; delays that start are"
        );
        assert_eq!(
            start(&format!(
                "{deploy}- 09:30 — first email from a merchant: their payments failed\n{alert}"
            ))
            .as_deref(),
            Some("09:10"),
            "a first report is how it was found"
        );
        assert_eq!(
            start(&format!(
                "- 09:10 — error rate starts to climb\n- 09:14 — first 503s at the edge\n{alert}"
            ))
            .as_deref(),
            Some("09:10"),
            "the first event already tells it"
        );
        assert_eq!(
            start(&format!("{deploy}- 09:41 — alert fires, on-call paged\n- 09:50 — first 503s at the edge\n- 10:26 — resolved\n"))
                .as_deref(),
            Some("09:10"),
            "after the detection: not the start"
        );
        assert_eq!(
            start(&format!(
                "- 09:10 — Checkout outage begins\n- 09:15 — error rate starts climbing\n{alert}"
            ))
            .as_deref(),
            Some("09:10"),
            "the first event tells the impact in other words"
        );
        assert_eq!(
            start(&format!("{deploy}- 09:14 — first failed payment\n- 09:20 — checkout errors. **Impact starts.**\n{alert}"))
                .as_deref(),
            Some("09:20"),
            "the writer's mark wins"
        );
    }

    #[test]
    fn an_event_with_a_mistyped_year_does_not_start_the_incident() {
        let text = "# Queue errors\n\n## Timeline\n\n- 2022-01-08 23:14 — queue reports networking errors\n- 2022-01-09 00:54 — the provider posts an incident\n- 2021-01-09 00:16 — sheriffs report failed retriggers\n- 2022-01-09 02:10 — all clear\n";
        let config = Config::default();
        let loaded = crate::load::load_texts(
            vec![("content/incidents/2022-01-08-queue.md".into(), text.into())],
            &config,
            Default::default(),
        );
        let kb = KnowledgeBase::build(config, loaded, &mut Vec::new());
        let d = &kb.incidents[0].doc;
        let started = d.started.as_ref().and_then(crate::load::When::exact);
        assert_eq!(
            started
                .map(|z| z.strftime("%Y-%m-%d %H:%M").to_string())
                .as_deref(),
            Some("2022-01-08 23:14")
        );
    }

    #[test]
    fn a_hugo_date_is_when_the_post_was_published_not_when_the_incident_began() {
        let kb_of = |started_key: &str| {
            let text = format!(
                "---\ntitle: Login failures\n{started_key}: 2021-02-16T10:00:00+01:00\n---\n\n## Timeline (CET)\n\n- Mon 15 Feb, 18:40 — new auth servers added to the pool\n- Tue 16 Feb, 07:31 — login failure rate rises to 20%\n- 08:12 — login failure alert fires\n- 10:02 — login failure rate back to normal\n"
            );
            let config = Config::default();
            let loaded = crate::load::load_texts(
                vec![("content/incidents/t.md".into(), text)],
                &config,
                Default::default(),
            );
            KnowledgeBase::build(config, loaded, &mut Vec::new())
        };
        let at = |w: &Option<crate::load::When>| {
            w.as_ref()
                .and_then(crate::load::When::exact)
                .map(|z| z.strftime("%d %H:%M").to_string())
        };
        let kb = kb_of("date");
        let d = &kb.incidents[0].doc;
        assert_eq!(
            at(&d.started).as_deref(),
            Some("16 07:31"),
            "the first event that day"
        );
        assert_eq!(at(&d.detected).as_deref(), Some("16 08:12"));
        assert_eq!(at(&d.resolved).as_deref(), Some("16 10:02"));
        assert_eq!(d.time_to_resolve(), Some(151));
        // `started` is the writer's: it stays.
        let kb = kb_of("started");
        assert_eq!(
            at(&kb.incidents[0].doc.started).as_deref(),
            Some("16 10:00")
        );
    }
}
