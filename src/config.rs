//! `hindsight.toml` -> a validated [`Config`]. Every key has a default, so a KB without the file
//! works; unknown keys are warnings naming the nearest known key, bad values are errors.

use crate::diag::{Diagnostic, Pos, nearest, pos_of_offset};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// A severity level, ordered in the config from most to least severe.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
pub struct Severity {
    pub id: String,
    #[serde(default)]
    pub description: String,
    /// Other names post-mortems give this level (`["P1", "critical"]`), matched ignoring case.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// A fishbone (Ishikawa) category: one bone of the diagram.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
pub struct Category {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
}

/// What to do with raw HTML found in Markdown.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Keep safe tags and attributes, drop scripts, handlers and the like (ammonia).
    #[default]
    Sanitize,
    /// Pass raw HTML through untouched (only for trusted content).
    Allow,
    /// Treat raw HTML as an error.
    Deny,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct MarkdownConfig {
    /// A syntect theme for code blocks in light mode.
    pub highlight_theme: String,
    /// A syntect theme for code blocks in dark mode.
    pub highlight_theme_dark: String,
    pub raw_html: RawHtml,
    /// URL schemes links and images may use besides `http`, `https` and `mailto`
    /// (`["ssh", "slack"]`); see [`crate::safe_url`].
    pub url_schemes: Vec<String>,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            highlight_theme: "InspiredGitHub".into(),
            highlight_theme_dark: "base16-ocean.dark".into(),
            raw_html: RawHtml::Sanitize,
            url_schemes: Vec::new(),
        }
    }
}

/// The KB configuration, with defaults filled in.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// Where the site is served: `/`, `/docs/kb/` or `https://host/docs/kb/`.
    pub base_url: String,
    /// Where the KB's source is browsed (`https://github.com/org/kb`), for "Edit this page".
    pub repo_url: Option<String>,
    /// What goes between `repo_url` and a file's path in the KB to edit it: `edit/main/` on
    /// GitHub (the default), `-/edit/main/` on GitLab; with the KB's folder when the KB is not
    /// at the repository's top (`edit/main/docs/kb/`).
    pub edit_path: String,
    pub language: String,
    /// The IANA zone of times written without an offset (`2022-12-24 23:41`), and of days
    /// written without a time.
    pub timezone: Option<String>,
    pub severities: Vec<Severity>,
    pub categories: Vec<Category>,
    pub markdown: MarkdownConfig,
    /// Extra headings that name a recognised section: `summary = ["Overview"]`.
    pub sections: BTreeMap<String, Vec<String>>,
    /// `[cause_words]`: the category of a cause read from a body section by the words in its
    /// text (`tools = ["deploy", "config"]`); `None`: [`DEFAULT_CAUSE_WORDS`].
    pub cause_words: Option<BTreeMap<String, Vec<String>>>,
    /// Files larger than this many bytes are refused (a guard against generated dumps).
    pub max_file_size: u64,
    /// Front-matter keys the KB's files carry for other tools (`company`, `uuid`): kept in the
    /// files, not read, and not an `unknown-key` warning.
    pub extra_keys: Vec<String>,
    /// How many incidents the home page and the feed list.
    pub recent: usize,
    /// Lint settings, read by `hindsight check`.
    pub lint: toml::Table,
    /// Where each key under `[lint]` is (`people`, `required.impact`), for the lint settings'
    /// diagnostics.
    #[serde(skip)]
    pub lint_keys: BTreeMap<String, Pos>,
    pub search: SearchConfig,
    pub completeness: CompletenessConfig,
    pub pagination: PaginationConfig,
    pub metrics: MetricsConfig,
    pub causes: CausesConfig,
    pub taxonomies: TaxonomiesConfig,
    pub public: PublicConfig,
}

/// `[public]`: the customer-facing site of the incidents marked `visibility: public`, and what
/// is internal in them (see `docs/content-format.md`, "Public post-mortems").
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct PublicConfig {
    /// The visibility of an incident that gives none: `internal` or `public`.
    pub visibility: crate::format::Visibility,
    /// Where `build --public` writes, relative to the KB root.
    pub output: String,
    /// Where the public site is served; `None`: the KB's `base_url`.
    pub base_url: Option<String>,
    /// The public site's title; `None`: the KB's title.
    pub title: Option<String>,
    /// The public site's description; `None`: a sentence of its own.
    pub description: Option<String>,
    /// `##` headings (any case) whose sections are internal, removed whole.
    pub internal_sections: Vec<String>,
    /// Front-matter fields left out of the public site: `authors`, `teams`, `services`, `tags`,
    /// `severity`, and of action items `owner`, `ticket`, `due`, `completed`.
    pub internal_fields: Vec<String>,
    /// Hosts the public cannot reach: a link to one in a public incident is
    /// `public-internal-link`. A name matches itself and its subdomains (`corp.example` matches
    /// `wiki.corp.example`).
    pub internal_hosts: Vec<String>,
}

impl Default for PublicConfig {
    fn default() -> Self {
        PublicConfig {
            visibility: crate::format::Visibility::Internal,
            output: "public-site".into(),
            base_url: None,
            title: None,
            description: None,
            internal_sections: vec!["Internal notes".into(), "Internal".into()],
            internal_fields: ["authors", "teams", "owner", "ticket"]
                .map(String::from)
                .to_vec(),
            internal_hosts: ["internal", "corp", "local", "lan", "intranet", "localhost"]
                .map(String::from)
                .to_vec(),
        }
    }
}

impl PublicConfig {
    /// Whether the front-matter field `name` is left out of the public site.
    pub fn is_internal_field(&self, name: &str) -> bool {
        self.internal_fields.iter().any(|f| f == name)
    }
}

/// `[taxonomies]`: spellings of services, teams and tags to merge.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct TaxonomiesConfig {
    /// A spelling -> the one to use instead (`postgresql = "postgres"`), in any of the
    /// three groups, matched without regard to case.
    pub aliases: BTreeMap<String, String>,
}

impl TaxonomiesConfig {
    /// The value `v` stands for.
    pub fn resolve<'a>(&'a self, v: &'a str) -> &'a str {
        self.aliases
            .get(v)
            .or_else(|| {
                self.aliases
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(v))
                    .map(|(_, to)| to)
            })
            .map_or(v, String::as_str)
    }
}

/// `[pagination]`: how many entries a page of a long list shows (the archive, follow-ups, and
/// each cause, category, service, team, tag, severity, year and reading-list page); the rest
/// go to `.../page/2/` and on.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct PaginationConfig {
    pub page_size: usize,
}

impl Default for PaginationConfig {
    fn default() -> Self {
        PaginationConfig { page_size: 50 }
    }
}

/// `[metrics]`: where the time axes of the metrics page start.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct MetricsConfig {
    /// `since = 2015`, or `since = "dense"` (the default).
    pub since: Since,
}

/// Where the time axes start: a year, or `"dense"`, the first year with at least two incidents
/// (the first incident's year when no year has two). Incidents before it are counted in one
/// "before YEAR" bar rather than stretching every axis back to them.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum Since {
    Year(i64),
    /// Only `"dense"` is valid; other words are a config error.
    Word(String),
}

impl Default for Since {
    fn default() -> Self {
        Since::Word(DENSE.into())
    }
}

const DENSE: &str = "dense";

impl Since {
    /// The year set, or `None` for `"dense"`.
    pub fn year(&self) -> Option<i16> {
        match self {
            Since::Year(y) => i16::try_from(*y).ok(),
            Since::Word(_) => None,
        }
    }
}

/// `[causes]`: how shared causes weigh.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct CausesConfig {
    /// Cause ids that are broad whatever their count (`["config-change"]`): listed as broad
    /// causes, never as recurrences, and weighed by rarity in related incidents.
    pub generic_causes: Vec<String>,
    /// Where each entry of `generic_causes` is in hindsight.toml (the file, the position of
    /// the entry and its line), for the model's warning about an id no incident uses.
    #[serde(skip)]
    pub generic_at: Vec<(String, Pos, String)>,
}

/// How an incident page shows what its write-up lacks from the post-mortem checklist.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum CompletenessShow {
    /// A calm `checklist 6/9` badge in the page header; what is missing in its tooltip.
    #[default]
    Badge,
    /// The badge, and a line under the title naming what is missing.
    Banner,
    /// Nothing on incident pages (the completeness page stays).
    Off,
}

impl CompletenessShow {
    pub fn as_str(self) -> &'static str {
        match self {
            CompletenessShow::Badge => "badge",
            CompletenessShow::Banner => "banner",
            CompletenessShow::Off => "off",
        }
    }
}

/// `[completeness]`: how the checklist shows on incident pages.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct CompletenessConfig {
    pub show: CompletenessShow,
}

/// `[search]`: the tantivy index `build` and `search` keep, and the site's static search.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct SearchConfig {
    /// Whether `build` indexes the KB and gives the site its search page and box.
    pub enabled: bool,
    /// Where the index lives, relative to the KB root (keep it out of version control).
    pub index_dir: String,
    /// A word whose postings in the static search (its documents, term frequencies and field
    /// lengths, before compression) are longer than this many bytes is split: its best
    /// documents and the set of all its documents come with its shard, the rest in a file a
    /// query fetches only when its first page needs it (docs/search-format.md).
    pub split_postings_above: usize,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            enabled: true,
            index_dir: ".hindsight/index".into(),
            split_postings_above: crate::index::export::SPLIT_POSTINGS_ABOVE,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        let sev = |id: &str, d: &str| Severity {
            id: id.into(),
            description: d.into(),
            aliases: Vec::new(),
        };
        let cat = |id: &str, t: &str, d: &str| Category {
            id: id.into(),
            title: t.into(),
            description: d.into(),
        };
        Config {
            title: "Incident archive".into(),
            description: "What went wrong, what we learned, and what we changed.".into(),
            base_url: "/".into(),
            repo_url: None,
            edit_path: "edit/main/".into(),
            language: "en".into(),
            timezone: None,
            severities: vec![
                sev("SEV1", "Full outage or data loss for many customers"),
                sev("SEV2", "Major feature unavailable or badly degraded"),
                sev("SEV3", "Partial degradation with a workaround"),
                sev("SEV4", "Minor issue, little or no customer impact"),
            ],
            categories: vec![
                cat(
                    "people",
                    "People",
                    "Staffing, training, handoffs, fatigue and communication.",
                ),
                cat(
                    "process",
                    "Methods / Processes",
                    "How work is planned, reviewed, rolled out and verified.",
                ),
                cat(
                    "tools",
                    "Tools / Software",
                    "The software, automation and monitoring we rely on.",
                ),
                cat(
                    "environment",
                    "Environment / Conditions",
                    "Infrastructure, load, vendors and the world outside.",
                ),
                cat(
                    "documentation",
                    "Resources / Documentation",
                    "Runbooks, docs and the knowledge people can reach.",
                ),
            ],
            markdown: MarkdownConfig::default(),
            sections: BTreeMap::new(),
            cause_words: None,
            max_file_size: 2 * 1024 * 1024,
            extra_keys: Vec::new(),
            recent: 10,
            lint: toml::Table::new(),
            lint_keys: BTreeMap::new(),
            search: SearchConfig::default(),
            completeness: CompletenessConfig::default(),
            pagination: PaginationConfig::default(),
            metrics: MetricsConfig::default(),
            causes: CausesConfig::default(),
            taxonomies: TaxonomiesConfig::default(),
            public: PublicConfig::default(),
        }
    }
}

/// The keys each table of the config knows, by the dotted path of the table (`severities.*`
/// for any item of the list), for the did-you-mean of an unknown key.
const KNOWN_KEYS: &[(&str, &[&str])] = &[
    (
        "",
        &[
            "title",
            "description",
            "base_url",
            "repo_url",
            "edit_path",
            "language",
            "timezone",
            "severities",
            "categories",
            "markdown",
            "sections",
            "cause_words",
            "max_file_size",
            "extra_keys",
            "recent",
            "lint",
            "search",
            "completeness",
            "pagination",
            "metrics",
            "causes",
            "taxonomies",
            "public",
        ],
    ),
    ("severities.*", &["id", "description", "aliases"]),
    ("categories.*", &["id", "title", "description"]),
    (
        "markdown",
        &[
            "highlight_theme",
            "highlight_theme_dark",
            "raw_html",
            "url_schemes",
        ],
    ),
    ("search", &["enabled", "index_dir", "split_postings_above"]),
    ("completeness", &["show"]),
    ("pagination", &["page_size"]),
    ("metrics", &["since"]),
    ("causes", &["generic_causes"]),
    ("taxonomies", &["aliases"]),
    (
        "public",
        &[
            "visibility",
            "output",
            "base_url",
            "title",
            "description",
            "internal_sections",
            "internal_fields",
            "internal_hosts",
        ],
    ),
];

/// The config as parsed: every key and value with its byte span in the text.
pub(crate) type Parsed<'i> = toml::Spanned<toml::de::DeTable<'i>>;

/// The span of the node at a dotted path (`markdown.raw_html`, `severities.1.id`): its key
/// when `key` is true, else its value; the nearest enclosing node when there is no such node.
pub(crate) fn span_of(parsed: &Parsed, path: &str, key: bool) -> std::ops::Range<usize> {
    use toml::de::DeValue;
    let mut span = 0..0;
    let mut table = Some(parsed.get_ref());
    let mut array: Option<&toml::de::DeArray> = None;
    for seg in path.split('.').filter(|s| !s.is_empty()) {
        let found = match (table, array) {
            (Some(t), _) => t
                .iter()
                .find(|(k, _)| k.get_ref().as_ref() == seg)
                .map(|(k, v)| (if key { k.span() } else { v.span() }, v.get_ref())),
            (None, Some(a)) => seg
                .parse::<usize>()
                .ok()
                .and_then(|i| a.get(i))
                .map(|v: &toml::Spanned<DeValue>| (v.span(), v.get_ref())),
            _ => None,
        };
        let Some((s, value)) = found else { break };
        span = s;
        (table, array) = match value {
            DeValue::Table(t) => (Some(t), None),
            DeValue::Array(a) => (None, Some(a)),
            _ => (None, None),
        };
    }
    span
}

/// A severity's first words, lowercased: `Sev 2 (Major)` and `P1 - customer facing` are
/// `sev 2` and `p1`.
fn severity_head(text: &str) -> String {
    text.to_lowercase()
        .split(['(', ',', ';', '/', '–', '—'])
        .next()
        .unwrap_or("")
        .trim()
        .trim_end_matches([' ', '-'])
        .to_string()
}

/// The prefix (`severity`, `priority`, `sev`, `level`, `p`, `s`) and the one or two digits of
/// a severity's head, words after the number aside (`P1 High`, `Sev 1 - High`); empty digits
/// when it is not a number.
fn severity_digits(head: &str) -> (&str, String) {
    let number = [
        "severity",
        "priority",
        "sev",
        "level",
        "niveau",
        "nivel",
        "nível",
        "stufe",
        "レベル",
        "p",
        "s",
    ]
    .iter()
    .find_map(|p| head.strip_prefix(p))
    .unwrap_or(head)
    .trim_start_matches([' ', '-', '_', ':', '#']);
    let prefix = head[..head.len() - number.len()].trim_end_matches([' ', '-', '_', ':', '#']);
    let digits: String = number.chars().take_while(char::is_ascii_digit).collect();
    let rest = &number[digits.len()..];
    if !digits.is_empty()
        && digits.len() <= 2
        // `2등급` (Korean: grade 2).
        && (rest.is_empty() || rest.starts_with([' ', '-', ':', '.', '등']))
    {
        (prefix, digits)
    } else {
        (prefix, String::new())
    }
}

impl Config {
    /// Reads `<root>/hindsight.toml` if it exists. Problems are returned as diagnostics; the
    /// config is `None` only when it has errors.
    pub fn load(root: &Path, display_root: &str) -> (Option<Config>, Vec<Diagnostic>) {
        let path = root.join("hindsight.toml");
        let display = crate::join_display(display_root, "hindsight.toml");
        match std::fs::read_to_string(&path) {
            Ok(text) => Self::parse(&text, &display),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Some(Config::default()), vec![]),
            Err(e) => (
                None,
                vec![Diagnostic::error(
                    display,
                    Pos::START,
                    "config",
                    format!("cannot read the config: {e}"),
                )],
            ),
        }
    }

    /// Parses and validates config text; `display` names the file in diagnostics. The text is
    /// parsed once: the config is read from that parse, and every position reported comes
    /// from its spans.
    pub fn parse(text: &str, display: &str) -> (Option<Config>, Vec<Diagnostic>) {
        let at = |span: std::ops::Range<usize>| pos_of_offset(text, span.start);
        let parsed = match toml::de::DeTable::parse(text) {
            Ok(t) => t,
            Err(e) => return (None, vec![toml_error(&e, text, display)]),
        };
        let mut unknown = Vec::new();
        let deserializer = toml::de::Deserializer::from(parsed.clone());
        let mut config: Config =
            match serde_ignored::deserialize(deserializer, |path| unknown.push(path.to_string())) {
                Ok(c) => c,
                Err(e) => return (None, vec![toml_error(&e, text, display)]),
            };
        config.lint_keys = lint_keys(&parsed, text);
        config.causes.generic_at = (0..config.causes.generic_causes.len())
            .map(|i| {
                let pos = at(span_of(
                    &parsed,
                    &format!("causes.generic_causes.{i}"),
                    false,
                ));
                let line = text.lines().nth(pos.line.saturating_sub(1)).unwrap_or("");
                (display.to_string(), pos, line.to_string())
            })
            .collect();
        let mut diags: Vec<Diagnostic> = unknown
            .iter()
            .map(|path| {
                Diagnostic::warning(
                    display,
                    at(span_of(&parsed, path, true)),
                    "unknown-key",
                    format!("`{path}`: unknown config key"),
                )
                .with_help_opt(suggestion(path))
                .with_source(text)
            })
            .collect();
        let before = diags.len();
        config.validate(&mut |path: &str, msg: String| {
            diags.push(
                Diagnostic::error(display, at(span_of(&parsed, path, true)), "config", msg)
                    .with_source(text),
            );
        });
        let ok = !diags[before..].iter().any(Diagnostic::is_error);
        (ok.then_some(config), diags)
    }

    /// Checks what the types alone do not; each problem is reported with the dotted path of
    /// the key it concerns.
    fn validate(&self, err: &mut dyn FnMut(&str, String)) {
        // Long on purpose: one independent check per config key, in the order of the config
        // reference.
        self.validate_lists(err);
        for s in &self.markdown.url_schemes {
            let lower = s.to_ascii_lowercase();
            if crate::safe_url::NEVER.contains(&lower.as_str()) {
                err(
                    "markdown.url_schemes",
                    format!(
                        "`{s}:` URLs can run script or carry a whole document; they cannot be allowed"
                    ),
                );
            } else if !crate::safe_url::is_scheme_name(s) {
                err(
                    "markdown.url_schemes",
                    format!("`{s}` is not a URL scheme (write it without `:`, e.g. `ssh`)"),
                );
            }
        }
        for key in self.sections.keys() {
            if crate::format::SectionKind::from_key(key).is_none() {
                err(
                    &format!("sections.{key}"),
                    format!("`{key}` is not a section the tool understands"),
                );
            }
        }
        if !(1..=10_000).contains(&self.pagination.page_size) {
            err(
                "pagination.page_size",
                format!(
                    "pagination.page_size is {}; a page shows 1 to 10,000 entries",
                    self.pagination.page_size
                ),
            );
        }
        for key in self.cause_words.iter().flat_map(BTreeMap::keys) {
            if self.category(key).is_none() && key != crate::format::UNCATEGORIZED {
                let ids: Vec<&str> = self.categories.iter().map(|c| c.id.as_str()).collect();
                err(
                    &format!("cause_words.{key}"),
                    format!(
                        "`{key}` is not a category; categories are: {}",
                        ids.join(", ")
                    ),
                );
            }
        }
        if let Some(tz) = &self.timezone
            && jiff::tz::TimeZone::get(tz).is_err()
        {
            err(
                "timezone",
                format!(
                    "`{tz}` is not a time zone; write an IANA name such as `UTC` or `Europe/Lisbon`"
                ),
            );
        }
        match &self.metrics.since {
            Since::Word(w) if w != DENSE => err(
                "metrics.since",
                format!("metrics.since `{w}` must be a year (`since = 2015`) or `\"dense\"`"),
            ),
            Since::Year(y) if !(1..=9999).contains(y) => err(
                "metrics.since",
                format!("metrics.since {y} must be a year from 1 to 9999"),
            ),
            _ => {}
        }
        if !index_dir_ok(Path::new(&self.search.index_dir)) {
            err(
                "search.index_dir",
                format!(
                    "search.index_dir `{}` must be a folder inside the KB, outside content/, theme/, static/ and public/ (like `.hindsight/index`)",
                    self.search.index_dir
                ),
            );
        }
        if let Some(repo) = &self.repo_url
            && !(repo.starts_with("https://") || repo.starts_with("http://"))
        {
            err(
                "repo_url",
                format!("repo_url `{repo}` must start with `https://` or `http://`"),
            );
        }
        let out = Path::new(&self.public.output);
        if out.as_os_str().is_empty()
            || !out
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)))
        {
            err(
                "public.output",
                format!(
                    "public.output `{}` must be a folder inside the KB, given relative to it (like `public-site`)",
                    self.public.output
                ),
            );
        }
        if out == Path::new("public") {
            err(
                "public.output",
                "public.output `public` is where the internal site goes; choose another folder (like `public-site`)".into(),
            );
        }
        if let Some(url) = &self.public.base_url
            && !(url.starts_with('/') || url.starts_with("http://") || url.starts_with("https://"))
        {
            err(
                "public.base_url",
                format!("public.base_url `{url}` must start with `/`, `http://` or `https://`"),
            );
        }
        if !(self.base_url.starts_with('/')
            || self.base_url.starts_with("http://")
            || self.base_url.starts_with("https://"))
        {
            err(
                "base_url",
                format!(
                    "base_url `{}` must start with `/`, `http://` or `https://`",
                    self.base_url
                ),
            );
        }
    }

    /// The severities and categories: at least one of each, no id twice, ids of a usable shape.
    fn validate_lists(&self, err: &mut dyn FnMut(&str, String)) {
        if self.severities.is_empty() {
            err("severities", "at least one severity is needed".into());
        }
        if self.categories.is_empty() {
            err(
                "categories",
                "at least one fishbone category is needed".into(),
            );
        }
        for id in duplicates(self.severities.iter().map(|s| s.id.as_str())) {
            err("severities", format!("severity `{id}` is defined twice"));
        }
        for id in duplicates(self.categories.iter().map(|c| c.id.as_str())) {
            err("categories", format!("category `{id}` is defined twice"));
        }
        for (i, sev) in self.severities.iter().enumerate() {
            if sev.id.eq_ignore_ascii_case(crate::format::UNRATED) {
                err(
                    &format!("severities.{i}.id"),
                    "`unrated` names the incidents that give no severity; choose another id".into(),
                );
            }
            if sev.id.is_empty()
                || sev.id.len() > crate::format::MAX_ID_LEN
                || sev.id.contains(['/', '\\'])
            {
                err(
                    &format!("severities.{i}.id"),
                    format!(
                        "severity id `{}` must be 1 to {} characters, without `/` or `\\`",
                        crate::format::shorten(&sev.id),
                        crate::format::MAX_ID_LEN
                    ),
                );
            }
        }
        for (i, id) in self.causes.generic_causes.iter().enumerate() {
            if !crate::format::is_valid_id(id) {
                err(
                    &format!("causes.generic_causes.{i}"),
                    format!(
                        "`{}` is not a cause id: ids match [a-z0-9][a-z0-9-]*",
                        crate::format::shorten(id)
                    ),
                );
            }
        }
        for (i, c) in self.categories.iter().enumerate() {
            if !crate::format::is_valid_id(&c.id) {
                err(
                    &format!("categories.{i}.id"),
                    format!("category id `{}` must match [a-z0-9][a-z0-9-]*", c.id),
                );
            }
        }
    }

    pub fn severity_rank(&self, id: &str) -> Option<usize> {
        self.severities.iter().position(|s| s.id == id)
    }

    /// The zone of times written without one (`timezone`, checked when the config was read).
    pub fn time_zone(&self) -> jiff::tz::TimeZone {
        self.timezone
            .as_deref()
            .and_then(|tz| jiff::tz::TimeZone::get(tz).ok())
            .unwrap_or(jiff::tz::TimeZone::UTC)
    }

    /// Whether the KB names its zone (`timezone`), rather than leaving it to the UTC default.
    pub fn timezone_set(&self) -> bool {
        self.timezone.is_some()
    }

    /// The severity whose id or one of whose `aliases` `text` is, in any case.
    fn named_severity(&self, text: &str) -> Option<&Severity> {
        self.severities.iter().find(|s| {
            s.id.eq_ignore_ascii_case(text)
                || s.aliases.iter().any(|a| a.eq_ignore_ascii_case(text))
        })
    }

    /// The severity a post-mortem's text names, as one of this KB's ids: the id itself (any
    /// case), one of its `aliases`, a number as other tools write it (`P2`, `Sev 2`, `SEV-2`,
    /// `S2`, `Severity 2`: the level whose id carries that number), or a word
    /// (`critical`, `major`/`high`, `minor`/`medium`/`moderate`, `low`/`trivial`: the
    /// first, second, third or fourth level, the last when there are fewer).
    pub fn resolve_severity(&self, text: &str) -> Option<&str> {
        let t = without_marks(text);
        if let Some(s) = self.named_severity(t) {
            return Some(&s.id);
        }
        let head = severity_head(t);
        let (_, number) = severity_digits(&head);
        if !number.is_empty() {
            let digits = |id: &str| id.chars().filter(char::is_ascii_digit).collect::<String>();
            let found = self.severities.iter().find(|s| {
                digits(&s.id).trim_start_matches('0') == number.trim_start_matches('0')
                    && !digits(&s.id).is_empty()
            });
            // `P0`, `SEV0`: above the first of a scale that starts at 1, so its most severe.
            let zero = || {
                (number.trim_start_matches('0').is_empty())
                    .then(|| self.severities.first())
                    .flatten()
            };
            return found.or_else(zero).map(|s| s.id.as_str());
        }
        let rank = match head.split_whitespace().next().unwrap_or("") {
            // A status page's words too (cState: down, disrupted, notice), and the same
            // words in French, German, Spanish, Portuguese, Japanese, Russian, Korean,
            // Turkish, Ukrainian, Greek, Norwegian, Danish, Romanian, Hungarian, Swedish,
            // Finnish, Polish, Czech, Dutch, Italian, Catalan, Slovak and Hindi.
            "critical"
            | "blocker"
            | "emergency"
            | "catastrophic"
            | "down"
            | "outage"
            | "critique"
            | "kritisch"
            | "crítica"
            | "crítico"
            | "緊急"
            | "致命的"
            | "критический"
            | "критичный"
            | "긴급"
            | "심각"
            | "kritik"
            | "критичний"
            | "критична"
            | "κρίσιμη"
            | "κρίσιμο"
            | "kritisk"
            | "critică"
            | "critica"
            | "critic"
            | "kritikus"
            | "kriittinen"
            | "krytyczny"
            | "krytyczna"
            | "kritická"
            | "kritický"
            | "kritiek"
            | "crític"
            | "गंभीर" => 0,
            "major" | "high" | "severe" | "serious" | "disrupted" | "degraded" | "majeure"
            | "majeur" | "élevée" | "élevé" | "haute" | "hoch" | "schwer" | "alta" | "alto"
            | "grave" | "重大" | "高" | "высокий" | "высокая" | "높음" | "yüksek" | "високий"
            | "висока" | "υψηλή" | "υψηλό" | "høy" | "høj" | "majoră" | "majora" | "ridicată"
            | "magas" | "súlyos" | "hög" | "korkea" | "wysoki" | "wysoka" | "vysoká" | "vysoký"
            | "hoog" | "alt" | "greu" | "závažná" | "उच्च" => 1,
            "minor" | "medium" | "moderate" | "mineure" | "mineur" | "moyenne" | "modérée"
            | "mittel" | "media" | "medio" | "média" | "中" | "средний" | "средняя" | "보통"
            | "orta" | "середній" | "середня" | "μέτρια" | "μεσαία" | "middels" | "middel"
            | "medie" | "minoră" | "moderată" | "közepes" | "medel" | "keskitaso" | "średni"
            | "średnia" | "střední" | "gemiddeld" | "mitjana" | "mitjà" | "moderada" | "menor"
            | "stredná" | "stredný" | "mierna" | "मध्यम" => 2,
            "low" | "trivial" | "cosmetic" | "notice" | "informational" | "maintenance"
            | "faible" | "basse" | "niedrig" | "gering" | "baja" | "bajo" | "baixa" | "低"
            | "низкий" | "низкая" | "낮음" | "düşük" | "низький" | "низька" | "χαμηλή"
            | "χαμηλό" | "lav" | "scăzută" | "redusă" | "alacsony" | "låg" | "matala" | "niski"
            | "niska" | "nízká" | "nízký" | "laag" | "bassa" | "baix" | "nízka" | "nízky"
            | "निम्न" | "कम" => 3,
            // `Gravité : Inconnue (P2)`: the level in brackets.
            _ => {
                let inner = t.split_once('(')?.1.split_once(')')?.0;
                return (inner.len() < t.len())
                    .then(|| self.resolve_severity(inner))
                    .flatten();
            }
        };
        let last = self.severities.len().checked_sub(1)?;
        Some(&self.severities[rank.min(last)].id)
    }

    /// The number a severity is written with and its prefix (`P2`: `p` and 2; `Sev-0`: `sev`
    /// and 0; `Severity 1 (Major)`), when it is a number and not one of this KB's ids or
    /// aliases.
    pub fn severity_number(&self, text: &str) -> Option<(String, u32)> {
        let t = without_marks(text);
        if self.named_severity(t).is_some() {
            return None;
        }
        let head = severity_head(t);
        let (prefix, digits) = severity_digits(&head);
        let n = digits.parse().ok()?;
        Some((prefix.to_string(), n))
    }

    /// Whether this KB's severity ids count from 0 (`SEV0`): then a written number is the
    /// id that carries it, and no KB-wide shift applies (see [`Config::severity_at`]).
    pub fn severities_count_from_zero(&self) -> bool {
        self.severities.iter().any(|s| {
            let d: String = s.id.chars().filter(char::is_ascii_digit).collect();
            !d.is_empty() && d.trim_start_matches('0').is_empty()
        })
    }

    /// The `n`-th level of the scale from the most severe (0), the last for a larger `n`.
    pub fn severity_at(&self, n: u32) -> Option<&str> {
        let last = self.severities.len().checked_sub(1)?;
        let i = usize::try_from(n).unwrap_or(usize::MAX).min(last);
        Some(&self.severities[i].id)
    }

    /// Recognises the body sections, with this KB's heading aliases.
    pub fn section_matcher(&self) -> crate::format::SectionMatcher {
        crate::format::SectionMatcher::new(&self.sections)
    }

    /// The URL allow-list of this KB.
    pub fn url_policy(&self) -> crate::safe_url::UrlPolicy {
        crate::safe_url::UrlPolicy::new(&self.markdown.url_schemes)
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// The words that put a cause read from a body section in a category, in the order of
    /// the categories: `[cause_words]`, else the defaults of the categories this KB has.
    pub fn cause_words(&self) -> Vec<(&str, Vec<String>)> {
        match &self.cause_words {
            Some(map) => map
                .iter()
                .map(|(k, v)| (k.as_str(), v.iter().map(|w| w.to_lowercase()).collect()))
                .collect(),
            None => self
                .categories
                .iter()
                .filter_map(|c| {
                    let (_, words) = DEFAULT_CAUSE_WORDS.iter().find(|(id, _)| *id == c.id)?;
                    Some((c.id.as_str(), words.iter().map(|w| w.to_string()).collect()))
                })
                .collect(),
        }
    }
}

/// The words that put a cause read from a body section in one of the default categories,
/// when the config has no `[cause_words]` (docs/content-format.md lists them).
pub const DEFAULT_CAUSE_WORDS: &[(&str, &[&str])] = &[
    (
        "people",
        &[
            "handover",
            "handoff",
            "training",
            "fatigue",
            "staffing",
            "communication",
            "on-call",
            "human error",
            "knowledge",
            "experience",
            "assumption",
        ],
    ),
    (
        "process",
        &[
            "process",
            "review",
            "rollout",
            "approval",
            "staged",
            "change management",
            "checklist",
            "escalation",
            "test",
            "qa",
            "staging",
            "maintenance",
            "coordination",
            "planning",
        ],
    ),
    (
        "tools",
        &[
            "config",
            "configuration",
            "deploy",
            "deployment",
            "bug",
            "code",
            "software",
            "script",
            "library",
            "regex",
            "alert",
            "monitoring",
            "retry",
            "cache",
            "upgrade",
            "version",
            "pipeline",
            "automation",
            "dashboard",
            "logging",
        ],
    ),
    (
        "environment",
        &[
            "network",
            "dns",
            "disk",
            "load",
            "traffic",
            "vendor",
            "provider",
            "hardware",
            "capacity",
            "clock",
            "certificate",
            "partition",
            "outage",
            "memory",
            "cpu",
            "quota",
            "resource",
            "limit",
            "region",
        ],
    ),
    (
        "documentation",
        &[
            "documentation",
            "docs",
            "runbook",
            "wiki",
            "readme",
            "documented",
            "undocumented",
            "release notes",
            "playbook",
        ],
    ),
];

/// A TOML syntax or type error as a diagnostic at its place in the file.
fn toml_error(e: &toml::de::Error, text: &str, display: &str) -> Diagnostic {
    let pos = e
        .span()
        .map_or(Pos::START, |s| pos_of_offset(text, s.start));
    Diagnostic::error(display, pos, "config", e.message().to_string()).with_source(text)
}

fn duplicates<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = std::collections::HashSet::new();
    ids.filter(|id| !seen.insert(*id)).collect()
}

/// A folder inside the KB, outside the folders of its sources and of the site.
fn index_dir_ok(dir: &Path) -> bool {
    let reserved = ["content", "theme", "static", "public"];
    !dir.is_absolute()
        && dir
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
        && dir
            .components()
            .next()
            .is_some_and(|c| !reserved.iter().any(|r| c.as_os_str() == *r))
}

/// The positions of the keys under `[lint]`, one level of tables deep.
fn lint_keys(parsed: &Parsed, text: &str) -> BTreeMap<String, Pos> {
    use toml::de::DeValue;
    let mut out = BTreeMap::new();
    let Some((_, lint)) = parsed
        .get_ref()
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == "lint")
    else {
        return out;
    };
    let DeValue::Table(lint) = lint.get_ref() else {
        return out;
    };
    for (k, v) in lint {
        let key = k.get_ref().to_string();
        if let DeValue::Table(inner) = v.get_ref() {
            for (k2, _) in inner {
                out.insert(
                    format!("{key}.{}", k2.get_ref()),
                    pos_of_offset(text, k2.span().start),
                );
            }
        }
        out.insert(key, pos_of_offset(text, k.span().start));
    }
    out
}

/// "did you mean" for an unknown key, from the keys its table knows.
fn suggestion(path: &str) -> Option<String> {
    let (table, key) = path.rsplit_once('.').unwrap_or(("", path));
    let table = match table.split_once('.') {
        Some((list, n)) if n.parse::<usize>().is_ok() => format!("{list}.*"),
        _ => table.to_string(),
    };
    let known = KNOWN_KEYS.iter().find(|(t, _)| *t == table)?.1;
    nearest(key, known.iter().copied()).map(|k| format!("did you mean `{k}`?"))
}

/// A severity without the marks written before it: an emoji (`🔴 SEV-1`, `🔥 P1`) or a
/// shortcode (`:red_circle: SEV-1`).
fn without_marks(text: &str) -> &str {
    let mut t = text.trim();
    loop {
        let before = t;
        if let Some(rest) = t.strip_prefix(':')
            && let Some((code, after)) = rest.split_once(':')
            && !code.is_empty()
            && code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            t = after.trim_start();
        }
        t = t
            .trim_start_matches(|c: char| !c.is_alphanumeric() && c != ':')
            .trim_start();
        if t == before {
            return t;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_is_the_default() {
        let (c, d) = Config::parse("", "hindsight.toml");
        assert!(d.is_empty());
        let c = c.unwrap();
        assert_eq!(c.severities.len(), 4);
        assert_eq!(c.categories.len(), 5);
    }

    #[test]
    fn unknown_key_warns_with_nearest() {
        let (c, d) = Config::parse("title = \"x\"\nbase_ulr = \"/\"\n", "hindsight.toml");
        assert!(c.is_some());
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].line, d[0].col), (2, 1));
        assert_eq!(d[0].help.as_deref(), Some("did you mean `base_url`?"));
    }

    #[test]
    fn nested_unknown_keys_warn_at_their_key_with_the_nearest_known_one() {
        let text = "title = \"x\"\n[markdown]\n  raw_htm = \"deny\"\n[[severities]]\nid = \"P1\"\ndescriptoin = \"worst\"\n";
        let (c, d) = Config::parse(text, "hindsight.toml");
        let c = c.expect("unknown keys are warnings");
        assert_eq!(c.severities.len(), 1);
        let found: Vec<_> = d
            .iter()
            .map(|d| (d.line, d.col, d.help.clone().unwrap_or_default()))
            .collect();
        assert_eq!(
            found,
            [
                (3, 3, "did you mean `raw_html`?".to_string()),
                (6, 1, "did you mean `description`?".to_string())
            ]
        );
    }

    #[test]
    fn invalid_values_are_errors_at_their_key() {
        let text = "[[categories]]\nid = \"ok\"\ntitle = \"Ok\"\n[[categories]]\nid = \"Not Ok\"\ntitle = \"x\"\n[search]\nindex_dir = \"content/idx\"\n";
        let (c, d) = Config::parse(text, "hindsight.toml");
        assert!(c.is_none());
        let at: Vec<_> = d.iter().map(|d| (d.line, d.col)).collect();
        assert_eq!(at, [(5, 1), (8, 1)], "{d:?}");
    }

    #[test]
    fn public_table_is_read_and_checked() {
        let (c, d) = Config::parse(
            "[public]\nvisibility = \"public\"\noutput = \"status\"\ninternal_fields = [\"owner\"]\n",
            "hindsight.toml",
        );
        let c = c.unwrap_or_else(|| panic!("{d:?}"));
        assert_eq!(c.public.visibility, crate::format::Visibility::Public);
        assert_eq!(c.public.output, "status");
        assert!(c.public.is_internal_field("owner"));
        assert!(!c.public.is_internal_field("authors"));
        assert_eq!(c.public.internal_sections, ["Internal notes", "Internal"]);
        for bad in [
            "[public]\noutput = \"../elsewhere\"\n",
            "[public]\noutput = \"/tmp/site\"\n",
            "[public]\nbase_url = \"status.example.com\"\n",
            "[public]\nvisibility = \"secret\"\n",
            "[public]\noutput = \"public\"\n",
        ] {
            let (c, d) = Config::parse(bad, "hindsight.toml");
            assert!(c.is_none(), "{bad}: {d:?}");
            assert_eq!(d[0].line, 2, "{bad}: {d:?}");
        }
    }

    #[test]
    fn wrong_type_is_an_error_at_its_line() {
        let (c, d) = Config::parse("title = \"x\"\nrecent = \"ten\"\n", "hindsight.toml");
        assert!(c.is_none());
        assert_eq!(d[0].line, 2);
    }

    #[test]
    fn metrics_since_is_a_year_or_dense() {
        let (c, d) = Config::parse("", "h");
        assert!(d.is_empty());
        assert_eq!(c.unwrap().metrics.since.year(), None);
        let (c, d) = Config::parse("[metrics]\nsince = 2015\n", "h");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.unwrap().metrics.since.year(), Some(2015));
        let (c, d) = Config::parse("[metrics]\nsince = \"dense\"\n", "h");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.unwrap().metrics.since, Since::Word("dense".into()));
        for bad in ["since = \"sparse\"", "since = 0", "since = 100000"] {
            let (c, d) = Config::parse(&format!("[metrics]\n{bad}\n"), "h");
            assert!(c.is_none(), "{bad}");
            assert_eq!((d[0].line, d[0].col), (2, 1), "{bad}: {d:?}");
            assert!(d[0].message.contains("metrics.since"), "{}", d[0].message);
        }
        let (_, d) = Config::parse("[metrics]\nsinse = 2015\n", "h");
        assert_eq!(d[0].help.as_deref(), Some("did you mean `since`?"));
    }

    #[test]
    fn severities_are_read_in_the_spellings_teams_use() {
        let c = Config::default();
        let first = c.severities[0].id.clone();
        let second = c.severities[1].id.clone();
        let third = c.severities[2].id.clone();
        let fourth = c.severities[3].id.clone();
        for (text, want) in [
            ("P1", &first),
            ("Sev 2 (Major)", &second),
            ("critical", &first),
            // A scale that starts at 0: its 0 is the most severe.
            ("P0", &first),
            ("SEV0", &first),
            // Words after the number name the level again.
            ("P1 High", &first),
            ("P2 Medium", &second),
            ("Sev 2 - High", &second),
            ("down", &first),
            ("disrupted", &second),
            // Other languages' words, and a level in brackets after a word it does not know.
            ("Alta (SEV2)", &second),
            ("Majeure (P2)", &second),
            ("Élevée", &second),
            ("Kritisch", &first),
            ("Inconnue (P1)", &first),
            ("Висока", &second),
            ("Υψηλή", &second),
            ("Høy", &second),
            ("Kritisk", &first),
            ("Høj", &second),
            ("Majoră", &second),
            ("Critică", &first),
            ("Kritikus", &first),
            ("Magas", &second),
            ("Crítica", &first),
            ("Alta", &second),
            ("Mitjana", &third),
            ("Baixa", &fourth),
            ("Kritická", &first),
            ("Vysoká", &second),
            ("Stredná", &third),
            ("Nízka", &fourth),
            ("गंभीर", &first),
            ("उच्च", &second),
            ("मध्यम", &third),
            ("निम्न", &fourth),
        ] {
            assert_eq!(c.resolve_severity(text), Some(want.as_str()), "{text}");
        }
        assert_eq!(c.resolve_severity("P9"), None);
        // A KB whose own scale has a 0 keeps it.
        let (c, _) = Config::parse(
            "[[severities]]\nid = \"P0\"\n[[severities]]\nid = \"P1\"\n",
            "h",
        );
        let c = c.unwrap();
        assert_eq!(c.resolve_severity("p1"), Some("P1"));
        assert!(c.severities_count_from_zero());
        assert!(!Config::default().severities_count_from_zero());
    }

    #[test]
    fn a_severity_after_an_emoji_or_a_shortcode_is_read() {
        let c = Config::default();
        for text in [
            "🔴 SEV-1",
            ":red_circle: SEV-1",
            "🔥 P1",
            "⚠️ Sev 1",
            "SEV-1 🔴",
        ] {
            assert_eq!(c.resolve_severity(text), Some("SEV1"), "{text}");
        }
        assert_eq!(c.resolve_severity("🔴"), None);
    }

    #[test]
    fn a_severity_written_as_a_number_gives_its_prefix_and_number() {
        let c = Config::default();
        for (text, want) in [
            ("P0", Some(("p", 0))),
            ("Sev-2 (Major)", Some(("sev", 2))),
            ("SEV1", None), // the KB's own id
            ("Severity 3", Some(("severity", 3))),
            ("P2 Medium", Some(("p", 2))),
            ("p2p mesh", None),
            ("critical", None),
        ] {
            let got = c.severity_number(text);
            assert_eq!(got.as_ref().map(|(p, n)| (p.as_str(), *n)), want, "{text}");
        }
        assert_eq!(c.severity_at(1), Some(c.severities[1].id.as_str()));
        assert_eq!(
            c.severity_at(99),
            c.severities.last().map(|s| s.id.as_str())
        );
    }

    #[test]
    fn custom_severities_replace_the_defaults() {
        let (c, _) = Config::parse(
            "[[severities]]\nid = \"P1\"\n[[severities]]\nid = \"P2\"\n",
            "h",
        );
        let c = c.unwrap();
        assert_eq!(c.severity_rank("P2"), Some(1));
        assert_eq!(c.severity_rank("SEV1"), None);
    }

    #[test]
    fn generic_causes_are_read_with_their_places_and_bad_ids_are_errors() {
        let text = "[causes]\ngeneric_causes = [\n  \"config-change\",\n  \"human-error\",\n]\n";
        let (c, d) = Config::parse(text, "hindsight.toml");
        assert!(d.is_empty(), "{d:?}");
        let c = c.unwrap();
        assert_eq!(c.causes.generic_causes, ["config-change", "human-error"]);
        let lines: Vec<(usize, usize)> = (c.causes.generic_at.iter())
            .map(|(_, p, _)| (p.line, p.col))
            .collect();
        assert_eq!(lines, [(3, 3), (4, 3)]);
        assert_eq!(c.causes.generic_at[1].2, "  \"human-error\",");
        let (c, d) = Config::parse("[causes]\ngeneric_causes = [\"Config Change\"]\n", "h");
        assert!(c.is_none());
        assert_eq!((d[0].line, d[0].col), (2, 19), "{d:?}");
        assert!(d[0].message.contains("not a cause id"), "{d:?}");
    }
}
