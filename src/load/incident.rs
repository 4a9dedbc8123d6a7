//! One post-mortem file -> [`IncidentDoc`]: every front-matter field checked against the
//! content format and the config (severities, categories), times in order, the why-because
//! edges pointing at causes of the same file. Cross-file checks (ids, links) come later.

use super::time::{Reading, When, parse_date, parse_when};
use super::yaml::{Fields, report};
use super::{Body, SourceFile, aliases, meta, sections};
use crate::config::Config;
use crate::diag::{At, Draft};
use crate::diag::{Diagnostic, Level, nearest};
use crate::format::{
    ActionKind, ActionStatus, Status, Visibility, id_problem, is_valid_id, shorten, slugify,
};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde_yaml::Value;
use std::collections::{HashMap, HashSet};

const INCIDENT_KEYS: &[&str] = &[
    "title",
    "id",
    "status",
    "visibility",
    "severity",
    "started",
    "detected",
    "mitigated",
    "resolved",
    "updated",
    "timezone",
    "services",
    "teams",
    "tags",
    "authors",
    "impact",
    "summary",
    "causes",
    "action_items",
    "related",
    "source_url",
    "duration",
    "timeline",
    // A homegrown schema's one root cause, as text (see `sections::stated_root_cause`).
    "root_cause",
];
const CAUSE_KEYS: &[&str] = &["id", "category", "root", "text", "because"];
const ACTION_KEYS: &[&str] = &[
    "text",
    "owner",
    "kind",
    "status",
    "due",
    "completed",
    "ticket",
    // Other tools' words for them (see `read_action_items`).
    "task",
    "title",
    "description",
    "action",
    "assignee",
    "who",
    "done",
    "state",
];

/// A cause as one incident states it; the same `id` across incidents is one shared cause.
#[derive(Debug, Clone)]
pub struct CauseEntry {
    pub id: String,
    pub category: String,
    pub root: bool,
    pub text: String,
    /// Why-because edges: ids of causes in the same incident that explain this one.
    pub because: Vec<String>,
    /// YAML path of the entry, for later diagnostics; empty for a cause read from the body.
    pub path: String,
    /// Where a cause read from a body section starts in the body (its text's offset).
    pub at: Option<usize>,
}

impl CauseEntry {
    /// Where `field` of the cause is written: its YAML node, or the cause's text in the body.
    pub fn at(&self, field: &str, key: bool) -> At {
        at(self.at, &self.path, field, key)
    }
}

/// A follow-up committed to in a post-mortem.
#[derive(Debug, Clone)]
pub struct ActionItem {
    pub text: String,
    pub owner: Option<String>,
    pub kind: Option<ActionKind>,
    pub status: ActionStatus,
    pub due: Option<Date>,
    pub completed: Option<Date>,
    pub ticket: Option<String>,
    /// YAML path of the item; empty for an item read from the body.
    pub path: String,
    /// Where an item read from a body section starts in the body (its text, or its table
    /// row's text cell).
    pub at: Option<usize>,
}

impl ActionItem {
    /// Where `field` of the item is written: its YAML node (its key with `key`), or the
    /// item's text in the body.
    pub fn at(&self, field: &str, key: bool) -> At {
        at(self.at, &self.path, field, key)
    }
}

fn at(body: Option<usize>, path: &str, field: &str, key: bool) -> At {
    match body {
        Some(offset) => At::Body(offset),
        None => At::Yaml {
            path: format!("{path}.{field}"),
            key,
        },
    }
}

/// Where a field's value came from, when the front matter does not give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    FrontMatter,
    /// The body: the first `#` heading, or a metadata line (`**Date:** ...`).
    Body,
    FileName,
    /// The Timeline section's earliest dated event (`started` only): when nothing gives
    /// `started`, or only its day and the event is on that day.
    Timeline,
    /// The body's first sentence, for a file named by an identifier (`title` only).
    Opening,
    /// The one-line paragraph under a template's placeholder `#` heading (`# Incident Title`,
    /// then `ADFS outage`; `title` only).
    UnderHeading,
    /// The `Date:` of the email the write-up was sent as (`started` only, a day): when it was
    /// sent, on the incident's day or after it.
    Sent,
}

/// A post-mortem as written, validated field by field.
#[derive(Debug)]
pub struct IncidentDoc {
    pub file: SourceFile,
    /// The body, read once.
    pub body: Body,
    pub id: String,
    /// Where the id came from: `id:` (or `slug:`), or the file's name.
    pub id_from: Origin,
    pub title: String,
    pub title_from: Origin,
    pub status: Status,
    /// `visibility`, else `[public] visibility` of the config.
    pub visibility: Visibility,
    /// One of the config's severity ids; `None`: unrated.
    pub severity: Option<String>,
    /// The prefix and number the severity was written with (`P0`: `p` and 0), when it was a
    /// number: a KB that writes `P0` anywhere numbers its `P` levels from 0, which the model
    /// applies to every incident (`model::number_severities_from_zero`).
    pub severity_number: Option<(String, u32)>,
    /// `None`: undated.
    pub started: Option<When>,
    /// Where `started` came from, when it is known.
    pub started_from: Origin,
    pub detected: Option<When>,
    pub mitigated: Option<When>,
    pub resolved: Option<When>,
    /// When the write-up was last changed (`updated`, Hugo's `lastmod`).
    pub updated: Option<Date>,
    /// When its file last changed: its last commit, else its modification time (set by the
    /// load stage from [`super::history`]; `None` for text loaded without a file).
    pub changed: Option<Date>,
    /// Other tools' front-matter keys this file uses (`date`, `categories`...).
    pub aliases: Box<[&'static str]>,
    pub services: Vec<String>,
    pub teams: Vec<String>,
    pub tags: Vec<String>,
    pub authors: Vec<String>,
    pub impact: Option<String>,
    /// Whether `impact` is the front matter's (else the body's Impact section, or none).
    pub impact_from_front_matter: bool,
    pub summary: Option<String>,
    pub causes: Vec<CauseEntry>,
    pub action_items: Vec<ActionItem>,
    /// Explicitly related incident ids, with their YAML paths.
    pub related: Vec<(String, String)>,
    /// Where the write-up was first published (a status page, a blog post): an `http(s)`
    /// address, shown as a link on the internal site.
    pub source_url: Option<String>,
    /// Images beside the file that its body shows, copied next to its page.
    pub images: Vec<super::images::Image>,
    /// The durations the body states (`Time to detection: 8 minutes`).
    pub stated: meta::Stated,
    /// The front matter's `timezone`, else the zone a `Timezone:` line of the header names
    /// (`**Horaires :** heure de Paris (UTC+1)`): its timeline's times without a zone are in
    /// it when the start is a day alone.
    pub stated_zone: Option<jiff::tz::TimeZone>,
}

pub use crate::format::UNRATED;

impl IncidentDoc {
    /// The severity id, or [`UNRATED`].
    pub fn severity_id(&self) -> &str {
        self.severity.as_deref().unwrap_or(UNRATED)
    }

    /// The day the incident started, when known.
    pub fn date(&self) -> Option<Date> {
        self.started.as_ref().map(When::date)
    }

    /// The instant the incident started, when known to the minute.
    pub fn start(&self) -> Option<&jiff::Zoned> {
        self.started.as_ref().and_then(When::exact)
    }

    /// Minutes to detect, mitigate or resolve: from the start to `t`, or the figure the body
    /// states (`stated`). The times win, but over a start that is only the timeline's first
    /// event the write-up's own figure does (it knows when the incident began).
    fn time_to(&self, t: Option<&When>, stated: Option<i64>) -> Option<i64> {
        let from_times = self.minutes_to(t);
        if self.started_from == Origin::Timeline {
            stated.or(from_times)
        } else {
            from_times.or(stated)
        }
    }

    pub fn time_to_detect(&self) -> Option<i64> {
        self.time_to(self.detected.as_ref(), self.stated.ttd.map(i64::from))
    }

    pub fn time_to_mitigate(&self) -> Option<i64> {
        self.time_to(self.mitigated.as_ref(), self.stated.ttm.map(i64::from))
    }

    pub fn time_to_resolve(&self) -> Option<i64> {
        self.time_to(self.resolved.as_ref(), self.stated.ttr.map(i64::from))
    }

    /// Minutes from the start to `t` (detected, mitigated, resolved), when both are instants.
    /// From a start that is the timeline's first event, none is known for the time of that
    /// same event (the detection written first): when it began before then is not said.
    pub fn minutes_to(&self, t: Option<&When>) -> Option<i64> {
        let m = self.started.as_ref()?.minutes_to(t?)?;
        (m > 0 || self.started_from != Origin::Timeline).then_some(m)
    }

    /// The newest first, undated last; then by id.
    pub fn order(&self, other: &IncidentDoc) -> std::cmp::Ordering {
        let key = |d: &IncidentDoc| std::cmp::Reverse(d.started.as_ref().map(When::sort_seconds));
        key(self)
            .cmp(&key(other))
            .then_with(|| self.id.cmp(&other.id))
    }
}

/// Parses an incident; `None` when a field is invalid. Only the title is needed, and it has
/// fallbacks (the first `#` heading, the file name); every other field may be missing.
/// Every problem found is pushed to `diags`, located in the file.
pub fn parse(
    file: SourceFile,
    body: Body,
    value: Value,
    config: &Config,
    diags: &mut Vec<Diagnostic>,
) -> Option<IncidentDoc> {
    // Long on purpose: it reads the front matter field by field in the order the content format
    // lists them; split up, which field's fallback reads which other field would be spread over
    // many functions.
    let mut problems = Vec::new();
    let value = match value {
        Value::Null => Value::Mapping(Default::default()),
        v => v,
    };
    let Value::Mapping(map) = value else {
        Fields::new(&value, "", "the front matter", &mut problems);
        report(&file, problems, diags);
        return None;
    };
    let applied = aliases::apply(map, &mut problems);
    let mut f = Fields::top(&applied.map, applied.written_as, &mut problems);
    f.check_keys_besides(INCIDENT_KEYS, &config.extra_keys, "an incident");
    let meta = meta::read(file.body());
    let id = incident_id(&mut f, &file);
    // `slug` is read as `id` (aliases).
    let id_from = if f.value("id").is_some() {
        Origin::FrontMatter
    } else {
        Origin::FileName
    };
    let (title, title_from) = title_of(&mut f, &body, &file);
    let template_title =
        (f.value("title").and_then(serde_yaml::Value::as_str)).is_some_and(is_placeholder_title);
    // `TEMPLATE.md` full of `<Your name goes here>`: the template, whatever its heading.
    let unfilled = (named_template(&file) && !is_template(&body, &file, title_from))
        .then(|| placeholder_in(file.body()))
        .flatten();
    let status = read_status(&mut f, &meta).or((template_title
        || unfilled.is_some()
        || is_template(&body, &file, title_from))
    .then_some(Status::Draft));
    if let (Some((at, text)), Some(Status::Draft)) = (unfilled, status) {
        f.problems.push(
            Draft::warning(
                At::Body(at),
                "placeholder-title",
                format!(
                    "this is the post-mortem template (its name says so, and it holds placeholders such as `{}`): read as a draft, not built, unless its `status` says otherwise",
                    shorten(text)
                ),
            )
            .help("move it out of `content/`; `hindsight build --drafts` shows it"),
        );
    }
    let visibility = read_visibility(&mut f, config);
    let (severity, severity_number) = read_severity(&mut f, &meta, file.body(), config);
    let title_day = (body.title.as_ref())
        .filter(|_| f.value("title").is_none())
        .and_then(|(t, _)| {
            meta::title_date(t)
                .map(|(d, _)| d)
                .or_else(|| meta::month_named_date(t))
        });
    // The zone a `Timezone:` line names: the metadata lines' times are read in it, and the
    // timeline's later. The front matter's `timezone` wins over the line for the timeline too
    // (times told in prose under a day-only `date`), as it does for the metadata lines.
    let line_zone = (meta.timezone.as_ref()).and_then(|(v, _)| meta::named_zone(v));
    let doc_zone = (f.text("timezone").and_then(|z| TimeZone::get(&z).ok())).or(line_zone.clone());
    let times = read_times(&mut f, &meta, line_zone.as_ref(), title_day, &file, config);
    // Without them in the front matter, a metadata line's (`Services: checkout, flags`, as
    // Notion writes a page's properties).
    let listed = |found: &meta::Found| -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        // `،` and `、`: the Arabic and the Japanese or Chinese list commas.
        for v in (found.iter()).flat_map(|(list, _)| list.split([',', ';', '،', '、'])) {
            // A name (`checkout`, `Feature Flags`), not words about one (`the MySQL boxes`,
            // `everything behind it`, `Identity (shared services`).
            let v = v.trim().trim_start_matches('#');
            let words: Vec<&str> = v.split_whitespace().collect();
            let prose = words.len() > 2
                || v.contains(['(', ')', '+', '&'])
                || words.first().is_some_and(|w| {
                    [
                        "the",
                        "a",
                        "an",
                        "all",
                        "any",
                        "every",
                        "everything",
                        "basically",
                        "most",
                        "some",
                    ]
                    .contains(&w.to_lowercase().as_str())
                });
            if prose {
                continue;
            }
            let id = slugify(v);
            if is_valid_id(&id) && !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    };
    let mut services = ids_of(&mut f, "services");
    let mut teams = ids_of(&mut f, "teams");
    let mut tags = ids_of(&mut f, "tags");
    for (ids, key, found) in [
        (&mut services, "services", &meta.services),
        (&mut teams, "teams", &meta.teams),
        (&mut tags, "tags", &meta.tags),
    ] {
        if ids.is_empty() && f.value(key).is_none() {
            *ids = listed(found);
        }
    }
    let mut authors: Vec<String> = f.text_list("authors").into_iter().map(|(s, _)| s).collect();
    if authors.is_empty()
        && let Some((list, _)) = &meta.authors
    {
        authors = list
            .split([',', ';', '،', '、'])
            .flat_map(|a| a.split(" and "))
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect();
    }
    let impact = f.text("impact");
    let summary = f.text("summary");
    // `timeline: [{time: 2025-04-14T07:55:00-04:00, event: ...}]`, as some teams and tools
    // keep it: its entries are the events when the body has no timeline.
    let mut body = body;
    let mut front_timeline = Vec::new();
    for (item, path) in f.list("timeline") {
        let line = match item {
            Value::Mapping(m) => {
                let get = |keys: &[&str]| {
                    (keys.iter()).find_map(|k| m.get(*k).and_then(super::yaml::scalar_text))
                };
                let at = get(&["time", "at", "timestamp", "when", "date", "datetime"]);
                let text = get(&["event", "text", "description", "what", "summary", "message"]);
                at.zip(text).map(|(at, text)| format!("{at} — {text}"))
            }
            other => super::yaml::scalar_text(other),
        };
        front_timeline.extend(line.map(|l| (At::Yaml { path, key: false }, l)));
    }
    if !front_timeline.is_empty() {
        // The front matter's, not a timed list of the body's.
        body.front_timeline = front_timeline.into_boxed_slice();
    }
    // A day, or a date and time (Hugo's `lastmod`) of which the day is kept.
    let updated = f
        .text("updated")
        .and_then(|u| match parse_when(&u, &TimeZone::UTC) {
            Ok((w, _)) => Some(w.date()),
            Err(e) => {
                f.problem("updated", "bad-date", e, None);
                None
            }
        });
    let mut causes = read_causes(&mut f, config);
    let mut action_items = read_action_items(&mut f);
    let mut impact = impact;
    // The front matter wins field by field; the body's sections fill what it leaves out.
    let wanted = sections::Wanted {
        action_items: f.value("action_items").is_none(),
        causes: f.value("causes").is_none(),
        // `impact: ""`, as the template leaves it, gives no impact.
        impact: impact.as_deref().is_none_or(|i| i.trim().is_empty()),
    };
    if let Some(at) = jira_markup(file.body()) {
        f.problems.push(
            Draft::warning(
                At::Body(at),
                "not-markdown",
                "this file is written in Jira's wiki markup (`h2.` headings, `||` tables), not Markdown: its sections, tables and lists are not read",
            )
            .help("convert it to Markdown, e.g. `pandoc -f jira -t gfm FILE -o FILE.md`"),
        );
    }
    let mut from_body = sections::read(&body, file.body(), config, wanted);
    for (at, code, message, help) in std::mem::take(&mut from_body.problems) {
        f.problems
            .push(Draft::warning(At::Body(at), code, message).help(help));
    }
    if wanted.action_items {
        action_items = from_body.action_items;
    }
    if wanted.causes {
        causes = from_body.causes;
        // `root_cause: ...` in the front matter, where the body names none (a five whys'
        // last answer is outranked by it).
        if (causes.is_empty() || from_body.causes_from_whys)
            && let Some(text) = f.text("root_cause")
            && let Some(stated) = sections::stated_root_cause(&text, config)
        {
            causes = vec![stated];
        }
    }
    let impact_from_front_matter = !wanted.impact;
    if wanted.impact {
        impact = from_body.impact;
    }
    let related = f.text_list("related");
    let source_url = f.text("source_url").filter(|u| !u.trim().is_empty());
    let source_url = match source_url {
        Some(u) if crate::safe_url::web_host(&u).is_some() => Some(u.trim().to_string()),
        Some(u) => {
            let mut d = Draft::yaml(
                f.path_of("source_url"),
                "unsafe-url",
                format!(
                    "`{}` is not an http(s) address; the link is left out",
                    shorten(&u)
                ),
            )
            .help("write the whole address, `https://status.example.com/incidents/...`");
            d.level = Level::Warning;
            f.problems.push(d);
            None
        }
        None => None,
    };
    // `duration: 1h 10m`, as incident trackers' exports and blogs write it: the time to
    // resolve where the times do not give it.
    let duration = f.text("duration").filter(|d| !d.trim().is_empty());
    let duration = match duration {
        Some(d) => {
            let minutes = meta::minutes_of(&d);
            if minutes.is_none() {
                let mut w = Draft::yaml(
                    f.path_of("duration"),
                    "bad-date",
                    format!("`{}` is not a duration", shorten(&d)),
                )
                .help("write it as `1h 10m`, `70 minutes` or `2 days`");
                w.level = Level::Warning;
                f.problems.push(w);
            }
            minutes
        }
        None => None,
    };
    let ok = !problems.iter().any(|p| p.level == Level::Error);
    report(&file, problems, diags);
    if !ok {
        return None;
    }
    let (started, started_from, detected, mitigated, resolved) = times;
    let mut stated = meta::stated(file.body());
    stated.ttr = (duration.and_then(|d| i32::try_from(d).ok())).or(stated.ttr);
    Some(IncidentDoc {
        file,
        body,
        id: id?,
        id_from,
        title,
        title_from,
        status: status.unwrap_or_default(),
        visibility,
        severity,
        severity_number,
        started,
        started_from,
        detected,
        mitigated,
        resolved,
        updated,
        changed: None,
        aliases: applied.used.into_boxed_slice(),
        services,
        teams,
        tags,
        authors,
        impact_from_front_matter,
        impact,
        summary,
        causes,
        action_items,
        related,
        source_url,
        images: Vec::new(),
        stated,
        stated_zone: doc_zone,
    })
}

/// The name a post-mortem's file gives it: the file name without `.md`, or, for a `README.md`
/// or `index.md` in a folder of its own under `content/incidents/` (a Hugo page bundle, a
/// wiki export's folder per page), the folder's name.
pub fn name_stem(rel: &str) -> String {
    let path = std::path::Path::new(rel);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = match notion_suffix(&stem) {
        Some((base, _)) => base.to_string(),
        None => stem,
    };
    let folder = path
        .parent()
        .filter(|p| p != &std::path::Path::new("content/incidents"));
    match folder.and_then(|p| p.file_name()) {
        Some(dir) if ["readme", "index"].contains(&stem.to_ascii_lowercase().as_str()) => {
            dir.to_string_lossy().into_owned()
        }
        _ => stem,
    }
}

/// Where a body written in Jira's (or Confluence's) wiki markup shows it: the first of at least
/// two lines that are `h1.` to `h6.` headings, or one such heading and a `||` table header.
fn jira_markup(body: &str) -> Option<usize> {
    let mut first = None;
    let (mut headings, mut tables) = (0, 0);
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let t = line.trim_start();
        let b = t.as_bytes();
        let heading = b.len() > 3
            && b[0] == b'h'
            && (b'1'..=b'6').contains(&b[1])
            && b[2] == b'.'
            && b[3] == b' ';
        if heading || t.starts_with("||") {
            first.get_or_insert(at + (line.len() - t.len()));
            if heading {
                headings += 1;
            } else {
                tables += 1;
            }
        }
        at += line.len();
    }
    (headings >= 2 || (headings >= 1 && tables >= 1))
        .then_some(first)
        .flatten()
}

/// The 32 hex digits Notion adds to the name of every page it exports (`Checkout 500s
/// 8a1b2c3d4e5f67890abcdef123456789`): the name before them and the digits.
fn notion_suffix(stem: &str) -> Option<(&str, &str)> {
    let (base, hex) = stem.rsplit_once(' ')?;
    (hex.len() == 32
        && hex
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        && !base.trim().is_empty())
    .then_some((base.trim_end(), hex))
}

/// The id: `id` (or `slug`), else the file name, else the file name made into an id
/// (`2021-11-03 duplicate payouts` -> `2021-11-03-duplicate-payouts`; a Notion page's name
/// keeps four of its 32 hex digits, enough to keep two pages of one title apart:
/// `checkout-500s-8a1b`).
fn incident_id(f: &mut Fields, file: &SourceFile) -> Option<String> {
    let mut stem = name_stem(&file.rel);
    if stem.is_empty() {
        return None;
    }
    let raw = std::path::Path::new(&file.rel)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some((_, hex)) = notion_suffix(&raw) {
        stem = format!("{stem} {}", &hex[..4]);
    }
    match f.text("id") {
        Some(id) if is_valid_id(&id) => Some(id),
        // `id: INC-207` (or `inc_207`), as incident.io and Jira export it: in lower case, with
        // `-` for `_`, it is the id, said once so that nobody looks for the page at
        // `/INC-207/`. Any other character (`search/outage`) is still an error.
        Some(id) if is_valid_id(&id.to_ascii_lowercase().replace('_', "-")) => {
            let slug = id.to_ascii_lowercase().replace('_', "-");
            let mut d = Draft::yaml(
                f.path_of("id"),
                "bad-id",
                format!(
                    "`{}` is not a valid id: {}; the incident's id is `{slug}`",
                    shorten(&id),
                    id_problem(&id).unwrap_or_default()
                ),
            )
            .help(format!("write `id: {slug}` to say so"));
            d.level = Level::Warning;
            f.problems.push(d);
            Some(slug)
        }
        Some(id) => {
            let why = id_problem(&id).unwrap_or_default();
            f.problem(
                "id",
                "bad-id",
                format!("`{}` is not a valid id: {why}", shorten(&id)),
                Some(format!("write e.g. `{}`", slugify(&id))),
            );
            None
        }
        None if is_valid_id(&stem) => Some(stem),
        None if is_valid_id(&slugify(&stem)) => Some(slugify(&stem)),
        None => {
            let why = id_problem(&stem).unwrap_or_default();
            f.problems.push(
                Draft::yaml(
                    "",
                    "bad-id",
                    format!(
                        "the file name `{}` cannot be made into an id: {why}",
                        shorten(&stem)
                    ),
                )
                .at_key()
                .help("rename the file (letters, digits and `-`) or set `id:` in the front matter"),
            );
            None
        }
    }
}

/// The title: `title`, else the first `#` heading, else the file name.
fn title_of(f: &mut Fields, body: &Body, file: &SourceFile) -> (String, Origin) {
    // Long on purpose: the fallbacks for a title in order (front matter, first heading, labelled
    // line, file name) with what each must not be.
    if let Some(t) = f.text("title").filter(|t| !t.trim().is_empty()) {
        if !is_placeholder_title(&t) {
            return (t.trim().to_string(), Origin::FrontMatter);
        }
        // `title: Postmortem template (blameless)`: the template itself, perhaps filled in
        // as an example. Read as a draft (see `parse`), titled by what the body says.
        let d = Draft::yaml(
            f.path_of("title"),
            "placeholder-title",
            format!(
                "`{}` is a template's title: this file is read as a draft, not built, unless its `status` says otherwise",
                shorten(t.trim())
            ),
        )
        .help("move the template out of `content/`, or give the post-mortem its own title");
        f.problems.push(Draft {
            level: Level::Warning,
            ..d
        });
    }
    if let Some((t, at)) = body.title.as_ref().filter(|(t, _)| !t.trim().is_empty()) {
        if !is_placeholder_title(t) {
            // `# 20-10-2025 - Cloud provider outage`: the date is the incident's day (see
            // `read_times`), not part of its title.
            let t = meta::title_date(t).map_or(t.as_str(), |(_, rest)| rest);
            return (without_title_label(t), Origin::Body);
        }
        if let Some(line) = line_under(file.body(), *at) {
            return (line, Origin::UnderHeading);
        }
        let (message, help) = if named_template(file) {
            (
                format!(
                    "this is the post-mortem template (its first `#` heading, `{}`, is a placeholder): read as a draft, not built, unless its `status` says otherwise",
                    shorten(t.trim())
                ),
                "move it out of `content/`; `hindsight build --drafts` shows it",
            )
        } else {
            (
                format!(
                    "the first `#` heading, `{}`, is a template's placeholder, not a title",
                    shorten(t.trim())
                ),
                "write the title in the heading or as `title:`; if this file is the template itself, move it out of `content/` or give it `status: draft`",
            )
        };
        f.problems
            .push(Draft::warning(At::Body(*at), "placeholder-title", message).help(help));
    }
    if body.title.is_none()
        && let Some(t) = opening_heading(body, file.body())
    {
        return (t, Origin::Body);
    }
    if body.title.is_none()
        && let Some(t) = opening_bold_line(file.body())
    {
        return (without_title_label(&t), Origin::Body);
    }
    let stem = name_stem(&file.rel);
    // A name that is only an identifier (`00be5e02-584e-4ecc-…`, as exports name files)
    // says nothing: the first sentence of the summary (written to say what happened) does,
    // else the body's. The summary is read as it is, without a second wrong-type warning:
    // its own reading gives that.
    let summary = (f.value("summary").and_then(serde_yaml::Value::as_str))
        .unwrap_or_default()
        .to_string();
    if is_opaque(&stem)
        && let Some(t) = first_sentence(&summary).or_else(|| first_sentence(&body.excerpt))
    {
        return (t, Origin::Opening);
    }
    (
        without_title_label(&meta::name_title(&stem)),
        Origin::FileName,
    )
}

/// A title without a template's or a tool's label: `Title: buildkite builds failing`,
/// `Postmortem: Disk space exhaustion`, `Incident report: ...`, `🚨 Incident: ...`,
/// `Post-Incident Review - SSO login failures`, `Incident 2024-07-04 - UPI delays` (every page
/// here is one), `Login API latency regression — Postmortem`; starting with a capital. The
/// title as it is when nothing would be left.
fn without_title_label(original: &str) -> String {
    // An emoji or a symbol before the words (`🚨 Incident: ...`).
    let t = original.trim_start_matches(|c: char| {
        !(c.is_alphanumeric()
            || matches!(
                c,
                '[' | '(' | '"' | '\'' | '`' | '#' | '【' | '「' | '『' | '（' | '〔'
            ))
    });
    let labels = [
        "title",
        "postmortem",
        "post-mortem",
        "post mortem",
        "incident report",
        "incident",
        "post-incident review",
        "post incident review",
        "incident review",
        "incident retrospective",
        "retrospective",
        "rca",
        "pir",
    ];
    let after_label = labels.iter().find_map(|l| {
        let head = t.get(..l.len()).filter(|h| h.eq_ignore_ascii_case(l))?;
        let rest = t[head.len()..].trim_start();
        // `Incident: ...`, `Post-Incident Review - ...`; `Incident 2024-07-04 - ...`.
        // A separator and a space: `PIR-2024-003` is an identifier, not a label.
        let rest = (rest.strip_prefix([':', '-', '–', '—', '|']))
            .filter(|r| r.starts_with(char::is_whitespace))
            .or_else(|| {
                (*l == "incident")
                    .then(|| super::meta::title_date(rest).map(|(_, r)| r))
                    .flatten()
            })?
            .trim();
        (!rest.is_empty()).then_some(rest)
    });
    let t = after_label.unwrap_or(t.trim());
    // `... — Postmortem`, `... - Post-mortem`, `... (Postmortem)`.
    let suffixes = [
        "postmortem",
        "post-mortem",
        "post mortem",
        "incident report",
        "retrospective",
    ];
    let lower = t.to_lowercase();
    let mut end = t.len();
    // (Only where lowercasing kept every byte offset.)
    let same_offsets = lower.len() == t.len();
    for s in suffixes.iter().filter(|_| same_offsets) {
        if let Some(before) = lower.strip_suffix(format!("({s})").as_str()) {
            end = before.trim_end().len();
            break;
        }
        if let Some(before) = lower.strip_suffix(s) {
            let trimmed = before.trim_end();
            let cut = trimmed.trim_end_matches(['-', '–', '—', ':', '|']);
            if cut.len() < trimmed.len() {
                end = cut.trim_end().len();
                break;
            }
        }
    }
    let bare = t[..end].trim();
    // `api.example.io certificate expired` keeps its host name as written.
    let word = bare.split_whitespace().next().unwrap_or("");
    let plain =
        !(word.contains(['.', '/', '_', ':']) || word.chars().skip(1).any(char::is_uppercase));
    match (bare.is_empty(), after_label.is_some() && plain) {
        (true, _) => original.trim().to_string(),
        (false, true) => meta::capitalized(bare),
        (false, false) => bare.to_string(),
    }
}

/// The bold line a body opens with, as a document pasted from Google Docs or a wiki titles
/// itself (`**Postmortem: Queue lag delays invoices**`), when it is the whole first
/// paragraph: not a metadata line (`**Date:** ...`), at most 150 characters.
fn opening_bold_line(source: &str) -> Option<String> {
    let mut paragraphs = source.trim_start().split("\n\n");
    let first = paragraphs.next()?.trim();
    if first.contains('\n') || first.len() > 154 {
        return None;
    }
    let inner = ["**", "__"]
        .iter()
        .find_map(|m| first.strip_prefix(m)?.strip_suffix(m))?
        .trim();
    let is_field = meta::label_value(inner).is_some_and(|(_, v, _)| v.is_empty())
        || inner.ends_with(':')
        || inner.contains("**");
    (!inner.is_empty() && !is_field).then(|| meta::unescaped(inner))
}

/// A `##` heading the body opens with, when there is no `#` one and it is not a section the
/// tool knows or a metadata line: `## INCIDENT REPORT: cSwap Reward Distribution Failure`
/// (the title, without such a label), not `## Summary` or `## Date: 12th March 2023`.
fn opening_heading(body: &Body, source: &str) -> Option<String> {
    let first = body.sections.iter().find(|s| s.level > 0)?;
    let before = source.get(..first.heading_offset)?;
    if first.level != 2 || first.kind.is_some() || !before.trim().is_empty() {
        return None;
    }
    let heading = first.heading.trim();
    let (label, rest) = heading.split_once(':').unwrap_or(("", heading));
    let label = label.trim().to_lowercase();
    let text = match label.as_str() {
        "" => heading,
        "incident report" | "incident" | "postmortem" | "post-mortem" | "post mortem" | "rca" => {
            rest.trim()
        }
        // `Date: ...`, `Time: ...`: metadata, not a title.
        _ if label.split_whitespace().count() <= 3 => return None,
        _ => heading,
    };
    (!text.is_empty() && !is_placeholder_title(text)).then(|| text.to_string())
}

/// The first placeholder a template leaves to fill in, outside code: `<Your name goes here>`
/// (a capital, then words), or `${first item}`; with its offset in `body`.
fn placeholder_in(body: &str) -> Option<(usize, &str)> {
    let b = body.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let open = match (b[i], b.get(i + 1)) {
            (b'<', Some(c)) if c.is_ascii_uppercase() => Some(b'>'),
            (b'$', Some(b'{')) => Some(b'}'),
            _ => None,
        };
        if let Some(close) = open {
            let end = b[i..]
                .iter()
                .take(120)
                .position(|&c| c == close || c == b'\n');
            if let Some(e) = end.filter(|&e| b[i + e] == close) {
                let inner = &body[i..=i + e];
                // Words, not a tag (`<Details>`) or an address (`<https://...>`).
                if inner.contains(' ') && !inner.contains("://") {
                    return Some((i, inner));
                }
            }
        }
        i += 1;
    }
    None
}

/// Whether the file's name says it is a template (`PMyyyy-nnn - Postmortem template.md`).
pub fn named_template(file: &SourceFile) -> bool {
    std::path::Path::new(&file.rel)
        .file_stem()
        .is_some_and(|s| s.to_string_lossy().to_lowercase().contains("template"))
}

/// Whether the file is a post-mortem template left among the post-mortems: named so, with a
/// placeholder for its title and none under it. It is read as a draft.
fn is_template(body: &Body, file: &SourceFile, title_from: Origin) -> bool {
    !matches!(
        title_from,
        Origin::UnderHeading | Origin::Body | Origin::FrontMatter
    ) && body
        .title
        .as_ref()
        .is_some_and(|(t, _)| is_placeholder_title(t))
        && named_template(file)
}

/// Whether a heading is a template's placeholder for the title rather than a title:
/// `Incident Title`, `[Post-mortem title]`, `<Incident name>`, `Postmortem template`.
pub fn is_placeholder_title(heading: &str) -> bool {
    const FILLER: &[&str] = &[
        "incident",
        "postmortem",
        "post",
        "mortem",
        "outage",
        "title",
        "name",
        "template",
        "report",
        "your",
        "here",
        "goes",
        "the",
        "of",
        "insert",
        "short",
        "descriptive",
        "issue",
        "blameless",
        "sample",
        "a",
        // A date's placeholder beside it: `Incident title - DD/MM/YYYY`.
        "date",
        "dd",
        "mm",
        "yyyy",
        "yy",
    ];
    let words: Vec<String> = heading
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.iter().all(|w| FILLER.contains(&w.as_str()))
        && words
            .iter()
            .any(|w| matches!(w.as_str(), "title" | "name" | "template"))
}

/// The paragraph right under the heading at `offset` of `body`, when it is one short line of
/// plain words (bold at most): where a template's placeholder heading leaves the title.
pub fn line_under(body: &str, offset: usize) -> Option<String> {
    const MAX: usize = 120;
    let (_, after) = body.get(offset..)?.split_once('\n')?;
    let mut lines = after.lines().skip_while(|l| l.trim().is_empty());
    let line = lines.next()?.trim();
    if !lines.next().is_none_or(|l| l.trim().is_empty()) {
        return None;
    }
    let line = ["**", "__"]
        .iter()
        .find_map(|m| line.strip_prefix(m)?.strip_suffix(m))
        .unwrap_or(line)
        .trim();
    let block = line.starts_with(['#', '-', '*', '+', '>', '|', '<', '`', '~', '=', '[', '!'])
        || line
            .split_once(['.', ')'])
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    let sentences = line.trim_end_matches('.').contains(". ");
    (!line.is_empty()
        && line.chars().count() <= MAX
        && !block
        && !sentences
        && !line.ends_with(':'))
    .then(|| line.trim_end_matches('.').to_string())
}

/// Whether a file name is an identifier rather than words: a UUID or a hex hash (at least
/// eight hex digits, one a digit, and nothing but `-` and `_` besides).
fn is_opaque(stem: &str) -> bool {
    let hex = stem.chars().filter(char::is_ascii_hexdigit).count();
    hex >= 8
        && stem.chars().any(|c| c.is_ascii_digit())
        && stem
            .chars()
            .all(|c| c.is_ascii_hexdigit() || c == '-' || c == '_')
}

/// The first sentence of `text` as a title: up to its first `.`, `!` or `?` followed by a
/// space (or the end), without that stop; cut at a word, with `…`, past 90 characters.
fn first_sentence(text: &str) -> Option<String> {
    const MAX: usize = 90;
    /// A sentence of fewer words (`Also this.`) says too little for a title: the next one.
    const MIN_WORDS: usize = 4;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // Sentences end at a stop followed by a space (not `2.3`); the stop stays with its
    // sentence and is trimmed below.
    let mut sentences = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?') && text[i + c.len_utf8()..].starts_with(' ') {
            sentences.push(&text[start..i]);
            start = i + c.len_utf8();
        }
    }
    sentences.push(&text[start..]);
    let sentence = (sentences.iter())
        .find(|s| s.split_whitespace().count() >= MIN_WORDS)
        .unwrap_or(&sentences[0]);
    let sentence = sentence.trim_end_matches(['.', '!', '?']).trim();
    if sentence.is_empty() {
        return None;
    }
    if sentence.chars().count() <= MAX {
        return Some(sentence.to_string());
    }
    let cut: String = sentence.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    Some(format!("{}…", cut.trim_end_matches([',', ';', ':'])))
}

/// `status` (or `draft: true`), else a `Status:` line of the body; names other templates use
/// (`Final`, `In review`) are understood, others are warned about and read as published.
fn read_status(f: &mut Fields, meta: &meta::Meta) -> Option<Status> {
    if let Some(s) = f.text("status") {
        let st = Status::parse_loose(&s);
        if st.is_none() {
            let mut d = Draft::yaml(
                f.path_of("status"),
                "unknown-status",
                format!("unknown status `{}`: read as published", shorten(&s)),
            )
            .help(format!("expected one of: {}", Status::ALL.join(", ")));
            d.level = Level::Warning;
            f.problems.push(d);
        }
        return st;
    }
    let (line, at) = meta.status.as_ref()?;
    let status = Status::parse_loose(line)?;
    // A draft by its body's word alone is said, not left out in silence.
    if status == Status::Draft {
        f.problems.push(
            Draft::warning(
                At::Body(*at),
                "draft",
                format!("`Status: {}` makes this post-mortem a draft: it is not built", shorten(line)),
            )
            .help("`hindsight build --drafts` shows it; write `status: published` in the front matter, or change the line, to publish it"),
        );
    }
    Some(status)
}

/// `visibility`, else the config's default; an unknown value is an error (publishing by
/// mistake, or not at all, is not a warning's matter).
fn read_visibility(f: &mut Fields, config: &Config) -> Visibility {
    let Some(v) = f.text("visibility") else {
        return config.public.visibility;
    };
    Visibility::parse(&v).unwrap_or_else(|| {
        f.problem(
            "visibility",
            "unknown-visibility",
            format!("unknown visibility `{}`", shorten(&v)),
            Some(format!("expected one of: {}", Visibility::ALL.join(", "))),
        );
        config.public.visibility
    })
}

/// `severity`, else a `Severity:` line of the body, as one of the config's ids (`P2`, `Sev 2`
/// and `critical` are understood), with the prefix and number it was written with (`P2`: `p`
/// and 2; see [`IncidentDoc::severity_number`]); `None` when neither is given (unrated).
fn read_severity(
    f: &mut Fields,
    meta: &meta::Meta,
    body: &str,
    config: &Config,
) -> (Option<String>, Option<(String, u32)>) {
    match f.text("severity") {
        Some(s) => {
            let number = config.severity_number(&s);
            let id = check_severity(f, s, config);
            let number = number.filter(|_| id.is_some());
            (id, number)
        }
        None => {
            let found = meta.severity_in(body);
            let text = found.as_ref().map(|(s, _)| s.as_str());
            let id = text.and_then(|s| config.resolve_severity(s));
            let number = text.and_then(|s| config.severity_number(s));
            (id.map(str::to_string), number.filter(|_| id.is_some()))
        }
    }
}

fn check_severity(f: &mut Fields, s: String, config: &Config) -> Option<String> {
    if let Some(id) = config.resolve_severity(&s) {
        return Some(id.to_string());
    }
    let ids: Vec<&str> = config.severities.iter().map(|s| s.id.as_str()).collect();
    let help = match nearest(&s, ids.iter().copied()) {
        Some(n) => format!("did you mean `{n}`? severities are: {}", ids.join(", ")),
        None => format!(
            "severities are: {} (set in hindsight.toml, where `aliases` can name others)",
            ids.join(", ")
        ),
    };
    f.problem(
        "severity",
        "unknown-severity",
        format!("unknown severity `{}`", shorten(&s)),
        Some(help),
    );
    None
}

type Times = (
    Option<When>,
    Origin,
    Option<When>,
    Option<When>,
    Option<When>,
);

/// The four incident times, each parsed, then checked to be in order. `started` falls back
/// to a `Date:` line of the body, then to a date in the file name (at its start or as a word of it). Times without an
/// offset are read in the front matter's `timezone`, else a `Timezone:` line's, else the
/// config's.
/// `title_day` is the date the first `#` heading starts with, when it gives the title.
fn read_times(
    f: &mut Fields,
    meta: &meta::Meta,
    line_zone: Option<&TimeZone>,
    title_day: Option<Date>,
    file: &SourceFile,
    config: &Config,
) -> Times {
    // Long on purpose: started, detected and resolved, each with its fallbacks in order (front
    // matter, metadata lines, title, file name).
    let zone_name = f.text("timezone");
    let zone = match zone_name.as_deref().map(TimeZone::get) {
        Some(Ok(z)) => z,
        Some(Err(_)) => {
            f.problem(
                "timezone",
                "bad-date",
                format!(
                    "`{}` is not a time zone",
                    shorten(zone_name.as_deref().unwrap_or(""))
                ),
                Some("write an IANA name such as `Europe/Lisbon` or `UTC`".into()),
            );
            config.time_zone()
        }
        None => line_zone.cloned().unwrap_or_else(|| config.time_zone()),
    };
    let zone_said = zone_name.is_some() || meta.timezone.is_some() || config.timezone_set();
    // An empty value (`start_time: ""`, as exports of incident trackers write) is no time.
    let time = |f: &mut Fields, key: &str| {
        let text = f.text(key).filter(|s| !s.trim().is_empty());
        text.and_then(|s| match parse_when(&s, &zone) {
            Ok((w, reading)) => {
                if reading == Reading::Assumed && !zone_said {
                    let mut d = Draft::yaml(
                        f.path_of(key),
                        "no-offset",
                        format!("`{s}` has no offset: read as {} time", zone.iana_name().unwrap_or("UTC")),
                    )
                    .help("write the offset (`2017-04-06T18:30:00-07:00`), or set `timezone:` in the front matter or `timezone` in hindsight.toml");
                    d.level = Level::Warning;
                    f.problems.push(d);
                }
                Some(w)
            }
            Err(e) => {
                f.problem(key, "bad-date", e, Some("write e.g. `2017-04-06T18:30:00-07:00`, `2017-04-06T18:30:00[America/Vancouver]` or, when only the day is known, `2017-04-06`".into()));
                None
            }
        })
    };
    let mut started = time(f, "started");
    let mut started_from = Origin::FrontMatter;
    let mut detected = time(f, "detected");
    let mut mitigated = time(f, "mitigated");
    let mut resolved = time(f, "resolved");
    let blank = f
        .value("started")
        .is_none_or(|v| v.as_str().is_some_and(|s| s.trim().is_empty()));
    let body_when = |found: &meta::Found| {
        found.as_ref().and_then(|(s, _)| {
            parse_when(s, &zone)
                .ok()
                .map(|(w, _)| w)
                .or_else(|| match meta.email {
                    true => meta::loose_date(s).map(When::Day),
                    false => meta::loose_when(s, &zone),
                })
                // `**Date:** 12/03/2024` in a file that also writes `26/03/2024`, and its time
                // (`Start time: 11/08/2023 09:41 AM` beside `11/13/2023`).
                .or_else(|| {
                    let day_first = meta::day_first_in(file.body())?;
                    let day = meta::slashed_date_in_order(s, day_first)?;
                    // The time is what follows the date's word.
                    let after = (s.split_whitespace())
                        .find(|w| w.matches('/').count() == 2)
                        .and_then(|w| s.find(w).map(|at| &s[at + w.len()..]))
                        .unwrap_or("")
                        .trim_start_matches([',', ' ']);
                    Some(match meta::clock_on(after, day, &zone, None) {
                        Some(at) => When::At(at),
                        None => When::Day(day),
                    })
                })
        })
    };
    // A site generator's `date` (Hugo's, Jekyll's, MkDocs' blog's) is when the post was
    // published, often days after the incident: a metadata line that dates the incident
    // earlier (`**Incident date:** Friday 4 November 2022`), within 90 days, is its day.
    let written = f.path_of("started");
    // The start the body's date line gives, read with its other lines below.
    let mut body_start: Option<When> = None;
    let site_date = written == "date" || written.ends_with(".date") || written.starts_with("date.");
    if site_date
        && let Some(published) = started.as_ref().map(When::date)
        && let Some(stated) = body_when(&meta.date)
        && meta::before_publication(stated.date(), published)
    {
        started = Some(stated.clone());
        started_from = Origin::Body;
        body_start = Some(stated);
    }
    // A site's `date` later than the incident's own times (`date = 2024-02-16`, the post's,
    // beside `first_page = 2024-02-12T13:21:00+01:00`) is when it was published: the start is
    // looked for as if no front matter gave one.
    let published_later = site_date
        && body_start.is_none()
        && started.as_ref().is_some_and(|s| {
            ([&detected, &mitigated, &resolved].into_iter().flatten()).any(|w| match (w, s) {
                // Two instants are compared as instants (`date: 2024-03-05T00:30:00+09:00`
                // and `detected: 2024-03-04T15:40:00Z` are ten minutes apart, in that order).
                (When::At(a), When::At(b)) => {
                    a.timestamp() < b.timestamp()
                        && b.timestamp().duration_since(a.timestamp()).as_secs() <= 90 * 86_400
                }
                _ => meta::before_publication(w.date(), s.date()),
            })
        });
    if published_later {
        started = None;
    }
    let blank = blank || published_later;
    let from_body = (started.is_none() && blank)
        .then(|| body_when(&meta.date))
        .flatten()
        // `Date of incident: 14/05/2024` and `Start of impact: 02:47 BST`: that time, that day.
        .map(|w| match (&w, &meta.start_clock) {
            (When::Day(day), Some((clock, _))) => {
                meta::clock_on(&meta::bare_clock(clock), *day, &zone, None)
                    .map(When::At)
                    .unwrap_or(w)
            }
            _ => w,
        });
    // With no start anywhere, a detection line that is a whole time (`**Triggered:** Mar 5,
    // 2024, 02:13:45 UTC`, as an on-call tool's export writes it) is what the other lines are
    // read after; the start is not taken for the detection (the incident gets its day below).
    let detection = (started.is_none() && blank && from_body.is_none())
        .then(|| body_when(&meta.detected))
        .flatten()
        .filter(|w| matches!(w, When::At(_)));
    // `Detected: 06:15 BST`, a time of day alone, is read on the start's day. A day written
    // after the time (`06:52 BST (run halted); remediation completed 17/05/2024`) is another
    // event's.
    // `kl. 14.32` is `14:32` (see [`meta::bare_clock`]): the time alone, when it is.
    fn clock_alone(text: &str) -> Option<std::borrow::Cow<'_, str>> {
        let bare = meta::bare_clock(text);
        (meta::opens_with_clock(&bare)
            && meta::loose_date(bare.split([';', '(']).next().unwrap_or(&bare)).is_none())
        .then_some(bare)
    }
    if let Some(When::At(start)) =
        (from_body.as_ref().or(body_start.as_ref())).or(detection.as_ref())
    {
        // `**Reported at:**` and `**Incident end:**` lines, when the front matter gives
        // neither and they are times after the start.
        let after = |w: Option<When>| match w {
            Some(When::At(t)) if t.timestamp() >= start.timestamp() => Some(When::At(t)),
            _ => None,
        };
        // On the start's day, or the next.
        let line_when = |found: &meta::Found| match found {
            // `**Resolved:** 03:15 UTC on March 7`: its own day, without the start's year.
            Some((text, _)) if let Some(at) = meta::dated_clock(text, start.date(), &zone) => {
                Some(When::At(at))
            }
            Some((text, _)) if let Some(bare) = clock_alone(text) => {
                meta::clock_on(&bare, start.date(), &zone, Some(start)).map(When::At)
            }
            _ => body_when(found),
        };
        if detected.is_none() && f.value("detected").is_none() {
            detected = after(line_when(&meta.detected));
        }
        if mitigated.is_none() && f.value("mitigated").is_none() {
            mitigated = after(line_when(&meta.mitigated));
        }
        if resolved.is_none() && f.value("resolved").is_none() {
            resolved = after(line_when(&meta.resolved));
        }
        // Each only while they keep their order: a mitigation after the resolution, or
        // before the detection, is not what the write-up means.
        if let (Some(When::At(m)), Some(When::At(r))) = (&mitigated, &resolved)
            && m.timestamp() > r.timestamp()
            && f.value("mitigated").is_none()
        {
            mitigated = None;
        }
        if let (Some(When::At(d)), Some(When::At(m))) = (&detected, &mitigated)
            && d.timestamp() > m.timestamp()
            && f.value("mitigated").is_none()
        {
            mitigated = None;
        }
        if let (Some(When::At(d)), Some(When::At(r))) = (&detected, &resolved)
            && d.timestamp() > r.timestamp()
            && f.value("detected").is_none()
        {
            detected = None;
        }
    }
    // `Date: 3 Oct 2022` over `Detected: 08:47`: a time of day alone on a line is on the date
    // line's day, kept only while the times keep their order.
    if let Some(When::Day(day)) = from_body.as_ref().or(body_start.as_ref()) {
        // Not one said to be on another day (`23:55 UTC (next day, after the backfill)`,
        // `11:15 UTC on March 6`).
        let other_day = |text: &str| {
            let lower = text.to_lowercase();
            [
                "next day",
                "following day",
                "+1 day",
                "(+1)",
                "day after",
                "tomorrow",
            ]
            .iter()
            .any(|w| lower.contains(w))
                || (lower.split(|c: char| !c.is_alphabetic()))
                    .any(|w| w.chars().count() >= 3 && meta::month_number(w).is_some())
        };
        let on_day = |found: &meta::Found| match found {
            Some((text, _))
                if !other_day(text)
                    && let Some(bare) = clock_alone(text) =>
            {
                meta::clock_on(&bare, *day, &zone, None).map(When::At)
            }
            // `**Resolved:** 11:15 UTC on March 6`, the day named without its year.
            Some((text, _)) => (body_when(found).filter(|w| w.exact().is_some()))
                .or_else(|| meta::dated_clock(text, *day, &zone).map(When::At)),
            None => None,
        };
        let read = [&meta.detected, &meta.mitigated, &meta.resolved].map(on_day);
        let instants: Vec<jiff::Timestamp> = (read.iter().flatten())
            .filter_map(|w| w.exact().map(jiff::Zoned::timestamp))
            .collect();
        if instants.windows(2).all(|w| w[0] <= w[1]) {
            let [d, m, r] = read;
            for (slot, key, w) in [
                (&mut detected, "detected", d),
                (&mut mitigated, "mitigated", m),
                (&mut resolved, "resolved", r),
            ] {
                if slot.is_none() && f.value(key).is_none() {
                    *slot = w;
                }
            }
        }
    }
    if started.is_none() && blank {
        let stem = name_stem(&file.rel);
        // A title's or a file name's day after the incident's own times (a post named by the
        // day it was published, `2024-02-16-webhook-delays.md`, about the 12th) is not its day.
        let earliest = ([&detected, &mitigated, &resolved].into_iter().flatten())
            .map(When::date)
            .min();
        let not_after = |d: &Date| earliest.is_none_or(|e| *d <= e);
        if let Some(w) = from_body {
            let from = match (&w, meta.email) {
                (When::Day(_), true) => Origin::Sent,
                _ => Origin::Body,
            };
            (started, started_from) = (Some(w), from);
        } else if let Some(d) = title_day.filter(not_after) {
            (started, started_from) = (Some(When::Day(d)), Origin::Body);
        } else if let Some(d) = meta::date_in_name(&stem).filter(not_after) {
            (started, started_from) = (Some(When::Day(d)), Origin::FileName);
        } else if let Some(d) = earliest {
            // No start anywhere, but a detection or an end: the incident was on that day
            // (its time of day stays unknown, and so do the minutes to detect).
            (started, started_from) = (Some(When::Day(d)), Origin::Body);
        }
    }
    if let Some(start) = &started {
        check_order(
            f,
            start,
            [
                ("detected", &detected),
                ("mitigated", &mitigated),
                ("resolved", &resolved),
            ],
        );
    }
    (started, started_from, detected, mitigated, resolved)
}

/// Times go started <= detected <= mitigated <= resolved; a day is compared by its date.
fn check_order(f: &mut Fields, started: &When, rest: [(&str, &Option<When>); 3]) {
    let shown = |w: &When| match w {
        When::At(z) => z.strftime("%Y-%m-%dT%H:%M%:z").to_string(),
        When::Day(d) => d.to_string(),
    };
    let before = |a: &When, b: &When| match (a, b) {
        (When::At(x), When::At(y)) => x < y,
        _ => a.date() < b.date(),
    };
    let mut previous = ("started", started);
    for (key, t) in rest {
        let Some(t) = t else { continue };
        if before(t, previous.1) {
            f.problem(
                key,
                "date-order",
                format!(
                    "`{key}` ({}) is before `{}` ({})",
                    shown(t),
                    previous.0,
                    shown(previous.1)
                ),
                Some("times go started <= detected <= mitigated <= resolved".into()),
            );
        } else {
            previous = (key, t);
        }
    }
}

/// A list of ids (services, teams, tags), each checked for the id shape.
/// A value that is not an id is made into one as Hugo makes taxonomy URLs (`Incident Review`
/// -> `incident-review`); one too long for an id is an error.
fn ids_of(f: &mut Fields, key: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (s, path) in f.text_list(key) {
        let slug = slugify(s.trim());
        let problem =
            id_problem(&s).filter(|_| s.len() > crate::format::MAX_ID_LEN || !is_valid_id(&slug));
        match problem {
            None => {
                let id = if is_valid_id(&s) { s } else { slug };
                if !out.contains(&id) {
                    out.push(id);
                }
            }
            Some(why) => f.problems.push(
                Draft::yaml(
                    path,
                    "bad-id",
                    format!("`{}` in `{key}` is not a valid id: {why}", shorten(&s)),
                )
                .help(format!("write e.g. `{}`", slugify(&s))),
            ),
        }
    }
    out
}

fn read_causes(f: &mut Fields, config: &Config) -> Vec<CauseEntry> {
    let mut causes = Vec::new();
    let items = f.list("causes");
    for (value, path) in &items {
        let Some(mut c) = Fields::new(value, path, "a cause", f.problems) else {
            continue;
        };
        c.check_keys(CAUSE_KEYS, "a cause");
        let id = c.required_text("id", "the cause").filter(|id| {
            let why = id_problem(id);
            if let Some(why) = &why {
                c.problem(
                    "id",
                    "bad-id",
                    format!("`{}` is not a valid cause id: {why}", shorten(id)),
                    Some(format!("write e.g. `{}`", slugify(id))),
                );
            }
            why.is_none()
        });
        let category = c.required_text("category", "the cause").filter(|cat| {
            let ok = config.category(cat).is_some();
            if !ok {
                let ids: Vec<&str> = config.categories.iter().map(|c| c.id.as_str()).collect();
                let help = match nearest(cat, ids.iter().copied()) {
                    Some(n) => format!("did you mean `{n}`? categories are: {}", ids.join(", ")),
                    None => format!("categories are: {}", ids.join(", ")),
                };
                c.problem(
                    "category",
                    "unknown-category",
                    format!("unknown category `{cat}`"),
                    Some(help),
                );
            }
            ok
        });
        let text = c.required_text("text", "the cause");
        let root = c.bool("root").unwrap_or(false);
        let because = c.text_list("because");
        if let (Some(id), Some(category), Some(text)) = (id, category, text) {
            causes.push(CauseEntry {
                id,
                category,
                root,
                text,
                because: because.into_iter().map(|(s, _)| s).collect(),
                path: path.clone(),
                at: None,
            });
        }
    }
    check_cause_graph(f, &causes);
    check_cycles(f, &causes);
    causes
}

/// Cause ids are unique in an incident, and `because` names causes of the same incident.
fn check_cause_graph(f: &mut Fields, causes: &[CauseEntry]) {
    let mut seen = HashSet::new();
    for c in causes {
        if !seen.insert(c.id.as_str()) {
            f.problems.push(Draft::yaml(
                format!("{}.id", c.path),
                "duplicate-id",
                format!("cause `{}` is listed twice in this incident", c.id),
            ));
        }
    }
    for c in causes {
        for (i, b) in c.because.iter().enumerate() {
            if !seen.contains(b.as_str()) {
                let help = match nearest(b, seen.iter().copied()) {
                    Some(n) => {
                        format!("did you mean `{n}`? `because` names causes of this incident")
                    }
                    None => "`because` names causes listed in this incident's `causes`".to_string(),
                };
                f.problems.push(
                    Draft::yaml(
                        format!("{}.because.{i}", c.path),
                        "unknown-because",
                        format!("`because` names `{b}`, which is not a cause of this incident"),
                    )
                    .help(help),
                );
            } else if b == &c.id {
                f.problems.push(Draft::yaml(
                    format!("{}.because.{i}", c.path),
                    "cause-cycle",
                    format!("cause `{b}` cannot be its own reason"),
                ));
            }
        }
    }
}

/// A cycle in the why-because graph (`a` because `b`, `b` because `a`) is an error at the edge
/// that closes it, found by a depth-first walk in file order. The walk keeps its own stack, so
/// a file with a very long chain of causes cannot overflow the thread's.
fn check_cycles(f: &mut Fields, causes: &[CauseEntry]) {
    let index: HashMap<&str, usize> = causes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    // 0: not seen, 1: on the current path, 2: done.
    let mut state = vec![0u8; causes.len()];
    for start in 0..causes.len() {
        if state[start] != 0 {
            continue;
        }
        // (cause, index of the next `because` edge to follow)
        let mut stack = vec![(start, 0usize)];
        state[start] = 1;
        while let Some((at, edge)) = stack.pop() {
            let Some(b) = causes[at].because.get(edge) else {
                state[at] = 2;
                continue;
            };
            stack.push((at, edge + 1));
            let Some(&next) = index.get(b.as_str()).filter(|&&n| n != at) else {
                continue;
            };
            match state[next] {
                1 => f.problems.push(
                    Draft::yaml(
                        format!("{}.because.{edge}", causes[at].path),
                        "cause-cycle",
                        format!("`{}` because `{b}` closes a cycle: `{b}` already leads to `{}`", causes[at].id, causes[at].id),
                    )
                    .help("a why-because graph runs from effects down to root causes; remove one edge of the cycle"),
                ),
                0 => {
                    state[next] = 1;
                    stack.push((next, 0));
                }
                _ => {}
            }
        }
    }
}

fn read_action_items(f: &mut Fields) -> Vec<ActionItem> {
    let mut out = Vec::new();
    let items = f.list("action_items");
    for (value, path) in &items {
        let Some(mut a) = Fields::new(value, path, "an action item", f.problems) else {
            continue;
        };
        a.check_keys(ACTION_KEYS, "an action item");
        // `task:`, `title:`, `description:` or `action:` for the text, `assignee:` or `who:`
        // for the owner, `done: true` for the status, as other tools' front matter writes an
        // action item.
        let other = ["task", "title", "description", "action"]
            .into_iter()
            .find(|k| a.value(k).is_some());
        let text = match other {
            Some(key) if a.value("text").is_none() => a.required_text(key, "the action item"),
            _ => a.required_text("text", "the action item"),
        };
        let owner = (a.text("owner"))
            .or_else(|| a.text("assignee"))
            .or_else(|| a.text("who"));
        let kind = enum_field(&mut a, "kind", ActionKind::parse, ActionKind::ALL);
        // `status:` or `state:`, in hindsight's words or another tool's (`todo`, `wip`,
        // `cancelled`, `Closed Complete`), as a body's status cell is read.
        let key = match a.value("status").is_none() && a.value("state").is_some() {
            true => "state",
            false => "status",
        };
        let status = match a
            .text(key)
            .as_deref()
            .and_then(super::sections::written_status)
        {
            Some(status) => Some(status),
            None => enum_field(&mut a, key, ActionStatus::parse, ActionStatus::ALL),
        };
        let status = status.or_else(|| {
            a.bool("done").map(|done| match done {
                true => ActionStatus::Done,
                false => ActionStatus::Open,
            })
        });
        let due = date_field(&mut a, "due");
        let completed = date_field(&mut a, "completed");
        let ticket = a.text("ticket");
        if let Some(text) = text {
            out.push(ActionItem {
                text,
                owner,
                kind,
                status: status.unwrap_or_default(),
                due,
                completed,
                ticket,
                path: path.clone(),
                at: None,
            });
        }
    }
    out
}

fn enum_field<T>(
    f: &mut Fields,
    key: &str,
    parse: fn(&str) -> Option<T>,
    all: &[&str],
) -> Option<T> {
    let s = f.text(key)?;
    let v = parse(&s);
    if v.is_none() {
        let help = match nearest(&s, all.iter().copied()) {
            Some(n) => format!("did you mean `{n}`? expected one of: {}", all.join(", ")),
            None => format!("expected one of: {}", all.join(", ")),
        };
        f.problem(
            key,
            "bad-value",
            format!("`{s}` is not a valid `{key}`"),
            Some(help),
        );
    }
    v
}

fn date_field(f: &mut Fields, key: &str) -> Option<Date> {
    let s = f.text(key)?;
    match parse_date(&s) {
        Ok(d) => Some(d),
        Err(e) => {
            f.problem(key, "bad-date", e, None);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every incident's record is held until its page is drawn: past the allocator's
    /// 1,024-byte size class, each costs the next class (a 24-byte field took the 100k
    /// build's peak from 1.91 to over 2 GB; README, "The 100k peak grew past 2 GB").
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn an_incidents_record_fits_1024_bytes() {
        assert!(std::mem::size_of::<IncidentDoc>() <= 1024);
    }

    /// `text` loaded as the KB's one post-mortem.
    fn loaded(text: &str) -> crate::load::Loaded {
        crate::load::load_texts(
            vec![("content/incidents/x.md".into(), text.into())],
            &Config::default(),
            Default::default(),
        )
    }

    fn load(text: &str) -> IncidentDoc {
        loaded(text).incidents.into_iter().next().unwrap()
    }

    /// A time as an instant in UTC, or what it is when it is not one.
    fn at(w: &Option<When>) -> String {
        match w {
            Some(When::At(z)) => z.timestamp().to_string(),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn detection_and_end_lines_without_a_start_time_are_on_the_date_lines_day() {
        let text = "# Sales report showed zero revenue\n\n**Date:** 3 October 2022\n\n- **Detected:** 08:47 IST\n- **Resolved:** 13:30 IST\n\n## Timeline\n\n- 06:00 report sent\n";
        let d = load(text);
        assert_eq!(d.started, Some(When::Day(jiff::civil::date(2022, 10, 3))));
        assert_eq!(at(&d.detected), "2022-10-03T03:17:00Z");
        assert_eq!(at(&d.resolved), "2022-10-03T08:00:00Z");
        // Out of order (an end before the detection): neither is taken for the day's.
        let d = load(
            "**Date:** 3 October 2022\n\n- **Detected:** 23:40 IST\n- **Resolved:** 00:20 IST\n\n## Summary\n\nDown.\n",
        );
        assert_eq!((d.detected, d.resolved), (None, None));
        // One said to be on another day is not the date line's.
        let d = load(
            "**Date:** March 5, 2024\n\n- **Detected:** 22:40 UTC\n- **Resolved:** 23:55 UTC (next day, after the backfill)\n\n## Summary\n\nDown.\n",
        );
        assert_eq!(at(&d.detected), "2024-03-05T22:40:00Z");
        assert_eq!(d.resolved, None);
    }

    #[test]
    fn time_of_day_lines_are_read_on_the_date_lines_day() {
        let text = "__INCIDENT REPORT - DUPLICATE COLLECTIONS__\n\nDate of incident: 14/05/2024\n\nStart of impact: 02:47 BST\n\nDetected: 06:15 BST\n\nResolved: 06:52 BST (billing run halted); customer remediation completed 17/05/2024\n\n## Summary\n\nThe gateway timed out.\n";
        let d = load(text);
        assert_eq!(at(&d.started), "2024-05-14T01:47:00Z");
        assert_eq!(at(&d.detected), "2024-05-14T05:15:00Z");
        assert_eq!(at(&d.resolved), "2024-05-14T05:52:00Z");
        // A time and then a day of its own is that day's (not the date line's).
        let text = "Start: 10:00 UTC, 14 May 2024\n\nDetected: 10:20 UTC\n\nResolved: 11:00 UTC, 16 May 2024\n\n## Summary\n\nDown.\n";
        let d = load(text);
        assert_eq!(at(&d.started), "2024-05-14T10:00:00Z");
        assert_eq!(at(&d.detected), "2024-05-14T10:20:00Z");
        assert_eq!(at(&d.resolved), "2024-05-16T11:00:00Z");
        // A start before midnight and an end after it: the end is the next day's.
        let text = "Date: 2024-05-14\n\nStart time: 23:50 UTC\n\nResolved: 00:20 UTC\n\n## Summary\n\nDown.\n";
        let d = load(text);
        assert_eq!(at(&d.started), "2024-05-14T23:50:00Z");
        assert_eq!(at(&d.resolved), "2024-05-15T00:20:00Z");
    }

    #[test]
    fn an_impact_window_line_and_a_homegrown_front_matter() {
        // The window's zone is written after its end.
        let d = load(
            "**Impact window:** 13:31–14:29 CET, 21 Aug 2024 (58 min)\n\n## Summary\n\nSlow.\n",
        );
        assert_eq!(at(&d.started), "2024-08-21T12:31:00Z");
        // A security incident's key facts: its exposure, its detection, its containment.
        let d = load(
            "| | |\n|---|---|\n| Exposure began | 2024-08-02 16:47 UTC (commit pushed) |\n| Detected | 2024-08-02 18:58 UTC (GuardDuty) |\n| Contained / resolved | 2024-08-02 19:12 UTC (key deactivated) |\n\n## Summary\n\nKey leaked.\n",
        );
        assert_eq!(at(&d.started), "2024-08-02T16:47:00Z");
        assert_eq!(at(&d.detected), "2024-08-02T18:58:00Z");
        assert_eq!(at(&d.resolved), "2024-08-02T19:12:00Z");
        // A window of days says no start.
        let d = load(
            "| | |\n|---|---|\n| **Incident window** | Monday 14 – Wednesday 16 October 2024 |\n\n## Summary\n\nSlow.\n",
        );
        assert!(d.started.is_none(), "{:?}", d.started);
        let l = loaded(
            "---\ntitle: Uploads failing\nincident_start: \"2024-12-03 21:14 JST\"\nfirst_page: \"2024-12-03 21:19 JST\"\nowner_team: media-platform\nroot_cause: >\n  The bucket had no lifecycle rule to abort incomplete\n  multipart uploads.\n---\n\n## What happened\n\nUploads failed.\n",
        );
        let unknown: Vec<_> = (l.diags.iter())
            .filter(|p| p.code == "unknown-key")
            .collect();
        assert!(unknown.is_empty(), "{unknown:?}");
        let d = &l.incidents[0];
        assert_eq!(at(&d.detected), "2024-12-03T12:19:00Z");
        assert_eq!(d.teams, ["media-platform"]);
        assert_eq!(d.causes.len(), 1);
        assert!(d.causes[0].root);
        assert_eq!(
            d.causes[0].text,
            "The bucket had no lifecycle rule to abort incomplete multipart uploads."
        );
    }

    #[test]
    fn titles_lose_the_labels_of_templates_and_tools() {
        for (written, title) in [
            ("Postmortem: Disk space exhaustion", "Disk space exhaustion"),
            ("🚨 Incident: Kafka consumer lag", "Kafka consumer lag"),
            (
                "Post-Incident Review - SSO login failures",
                "SSO login failures",
            ),
            (
                "Incident 2024-07-04 - UPI payments delayed",
                "UPI payments delayed",
            ),
            ("Ledger sync outage — Postmortem", "Ledger sync outage"),
            ("Checkout 504s (Post-mortem)", "Checkout 504s"),
            (
                "PIR-2024-003: Image uploads failing",
                "PIR-2024-003: Image uploads failing",
            ),
            ("Incident response was slow", "Incident response was slow"),
            ("Postmortem", "Postmortem"),
            (
                "【故障复盘】3月4日午高峰外卖下单失败",
                "【故障复盘】3月4日午高峰外卖下单失败",
            ),
            (
                "Postmortem: api.example.io certificate expired",
                "api.example.io certificate expired",
            ),
        ] {
            assert_eq!(without_title_label(written), title, "{written}");
        }
    }

    #[test]
    fn a_file_named_by_an_identifier_takes_its_title_from_its_first_sentence() {
        assert!(is_opaque("00be5e02-584e-4ecc-a67e-6317f66b1237") && is_opaque("00724a47066bd25a"));
        assert!(!is_opaque("2016-02-03-checkout-redis-oom") && !is_opaque("deadbeefcafe"));
        assert!(!is_opaque("PM2021-004") && !is_opaque("1234"));
        assert_eq!(
            first_sentence(
                "A fire in a datacenter caused SMS text messages to be sent. Later, more."
            )
            .as_deref(),
            Some("A fire in a datacenter caused SMS text messages to be sent")
        );
        assert_eq!(
            first_sentence("Version 2.3 broke logins").as_deref(),
            Some("Version 2.3 broke logins")
        );
        let long = first_sentence(&"word ".repeat(40)).unwrap();
        assert!(long.ends_with('…') && long.chars().count() <= 91, "{long}");
        assert_eq!(first_sentence(" . "), None);
        // Too short to say anything: the next sentence, unless none says more.
        assert_eq!(
            first_sentence("Also this. Limits were hit for a hosted database. It took hours.")
                .as_deref(),
            Some("Limits were hit for a hosted database")
        );
        assert_eq!(
            first_sentence("Short one. Two.").as_deref(),
            Some("Short one")
        );
    }

    #[test]
    fn a_postmortem_label_before_the_title_is_dropped() {
        for (heading, want) in [
            (
                "# Postmortem: global edge-proxy CPU exhaustion",
                "Global edge-proxy CPU exhaustion",
            ),
            ("# Incident Report: Rogue container", "Rogue container"),
            ("# Title: builds failing", "Builds failing"),
            ("# Postmortem:", "Postmortem:"),
        ] {
            let loaded = crate::load::load_texts(
                vec![(
                    "content/incidents/x.md".into(),
                    format!("{heading}\n\nText.\n"),
                )],
                &Config::default(),
                Default::default(),
            );
            assert_eq!(loaded.incidents[0].title, want, "{heading}");
        }
    }

    #[test]
    fn a_templates_placeholder_heading_is_not_a_title() {
        for h in [
            "Incident Title",
            "[Post-mortem title]",
            "<Incident name>",
            "Postmortem template",
            "Title",
            "Your incident title here",
            "Incident title - DD/MM/YYYY",
            "Postmortem template (blameless)",
            "ISSUE NAME",
        ] {
            assert!(is_placeholder_title(h), "{h}");
        }
        for h in [
            "ADFS outage",
            "Incident report: checkout down",
            "Post-mortem: name resolution failed",
            "Incident",
            "Incident date",
            "",
        ] {
            assert!(!is_placeholder_title(h), "{h}");
        }
        let body = "# Incident Title\n\nADFS Outage\n\n## Summary\n\nCertificates expired.\n";
        assert_eq!(line_under(body, 0).as_deref(), Some("ADFS Outage"));
        assert_eq!(
            line_under("# Title\n**Search read-only.**\n", 0).as_deref(),
            Some("Search read-only")
        );
        // Not a line of its own, a list, a heading, a label, or sentences: no title there.
        for body in [
            "# Title\n\nOne line\nand another.\n",
            "# Title\n\n- a list\n",
            "# Title\n\n## Summary\n",
            "# Title\n\n1. first\n",
            "# Title\n\nSummary:\n",
            "# Title\n\nIt broke. We fixed it.\n",
            "# Title\n",
        ] {
            assert_eq!(line_under(body, 0), None, "{body}");
        }
    }

    #[test]
    fn a_template_title_in_the_front_matter_makes_a_draft_titled_by_its_heading() {
        let text = "---\ntitle: Postmortem template (blameless)\n---\n# Checkout outage\n\nText.\n";
        let loaded = crate::load::load_texts(
            vec![("content/incidents/postmortem.md".into(), text.into())],
            &Config::default(),
            Default::default(),
        );
        assert!(loaded.incidents.is_empty(), "a draft is not built");
        let d = &loaded.diags[0];
        assert_eq!((d.code, d.line, d.col), ("placeholder-title", 2, 8));
        let opts = crate::load::LoadOptions {
            drafts: true,
            ..Default::default()
        };
        let loaded = crate::load::load_texts(
            vec![("content/incidents/postmortem.md".into(), text.into())],
            &Config::default(),
            opts,
        );
        assert_eq!(loaded.incidents[0].title, "Checkout outage");
        assert_eq!(loaded.incidents[0].status, Status::Draft);
    }

    fn cause(id: &str, because: &[&str]) -> CauseEntry {
        CauseEntry {
            id: id.into(),
            category: "process".into(),
            root: false,
            text: String::new(),
            because: because.iter().map(|b| b.to_string()).collect(),
            path: format!("causes.{id}"),
            at: None,
        }
    }

    fn cycles(causes: &[CauseEntry]) -> Vec<String> {
        let empty = Value::Mapping(Default::default());
        let mut problems = Vec::new();
        let mut f = Fields::new(&empty, "", "x", &mut problems).unwrap();
        check_cycles(&mut f, causes);
        problems
            .into_iter()
            .map(|p| match p.at {
                crate::diag::At::Yaml { path, .. } => path,
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn cycles_are_found_at_the_closing_edge() {
        assert!(cycles(&[cause("a", &["b"]), cause("b", &["c"]), cause("c", &[])]).is_empty());
        assert!(
            cycles(&[cause("a", &["b", "c"]), cause("b", &["c"]), cause("c", &[])]).is_empty(),
            "a diamond is no cycle"
        );
        assert_eq!(
            cycles(&[cause("a", &["b"]), cause("b", &["c"]), cause("c", &["a"])]),
            ["causes.c.because.0"]
        );
    }

    #[test]
    fn a_very_long_chain_does_not_overflow_the_stack() {
        let n = 200_000;
        let ids: Vec<String> = (0..n).map(|i| format!("c{i}")).collect();
        let mut causes: Vec<CauseEntry> = (0..n).map(|i| cause(&ids[i], &[])).collect();
        for i in 0..n - 1 {
            causes[i].because = vec![ids[i + 1].clone()];
        }
        let handle = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || cycles(&causes))
            .unwrap();
        assert!(handle.join().unwrap().is_empty());
    }
}
