//! Holds `docs/theme.md` to the theme. For every built-in template: the blocks the document
//! lists are the blocks the template has; the components it lists are the components
//! `components.html` defines, with their arguments; and the context it lists is the context the
//! views give the template when the demo KB is built, with a small KB that fills the lists the
//! demo leaves empty (every key at the top level and two levels down, each of the kind the
//! document says). Every row of the document must be compared with a filled value at least
//! once. A field added to a view without a line in the document, a line left for a field that
//! is gone, or a block renamed on one side only fails here, and says which.
//!
//! The document's shape, which this reads: a `## ` heading per template naming it in
//! backquotes, with `### Blocks`, `### Context` or `### Components` tables under it; and a
//! heading per shared value (`### Incident card`) with a table of its fields. Each table row
//! starts with the backquoted name; a context or field row's second cell is its type in
//! words, starting with `text`, `HTML`, `number`, `yes/no`, `object`, `list of`, or a link to
//! the heading of a shared value, and ending with `, or nothing` when it may be empty (null).

use super::{SitemapEntry, SitemapView, all, build};
use crate::render::highlight::Highlighter;
use crate::render::shared::Shared;
use crate::render::{Urls, site, theme};
use serde_json::Value;
use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// How deep keys are compared: the top level and two levels below it
/// (`incident.causes[].because`).
const DEPTH: usize = 3;

/// A row of one of the document's tables: the backquoted name, and the type in words.
struct Row {
    name: String,
    ty: String,
    /// Whether the comparison reached this row at least once.
    used: Cell<bool>,
}

/// What the document says under one heading.
#[derive(Default)]
struct Section {
    title: String,
    blocks: Vec<Row>,
    context: Vec<Row>,
    components: Vec<Row>,
    /// The rows of a shared value's table.
    fields: Vec<Row>,
}

/// `docs/theme.md`, by heading anchor.
struct Doc {
    sections: BTreeMap<String, Section>,
}

/// A heading's anchor, as GitHub makes it.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

impl Doc {
    fn parse(text: &str) -> Doc {
        let mut sections: BTreeMap<String, Section> = BTreeMap::new();
        let mut current = String::new();
        let mut table = "";
        for line in text.lines() {
            if let Some(h) = line
                .strip_prefix("## ")
                .or_else(|| line.strip_prefix("### "))
            {
                table = match h.trim() {
                    "Blocks" => "blocks",
                    "Context" => "context",
                    "Components" => "components",
                    _ => {
                        current = anchor(h);
                        let s = sections.entry(current.clone()).or_default();
                        s.title = h.to_string();
                        "fields"
                    }
                };
                continue;
            }
            let Some(row) = line.strip_prefix("| `") else {
                continue;
            };
            let cells: Vec<&str> = row.split(" | ").collect();
            let row = Row {
                name: cells[0].trim_end_matches('`').to_string(),
                ty: cells.get(1).map_or("", |c| c.trim()).to_string(),
                used: Cell::new(false),
            };
            let s = sections.entry(current.clone()).or_default();
            match table {
                "blocks" => s.blocks.push(row),
                "context" => s.context.push(row),
                "components" => s.components.push(row),
                _ => s.fields.push(row),
            }
        }
        Doc { sections }
    }

    /// The section of template `name`: the heading that names it in backquotes.
    fn template(&self, name: &str) -> &Section {
        let quoted = format!("`{name}`");
        self.sections
            .values()
            .find(|s| s.title.starts_with(&quoted))
            .unwrap_or_else(|| panic!("docs/theme.md has no `## {quoted}` heading"))
    }

    /// Every key `rows` document under `prefix`, down to `DEPTH`, with the row that does;
    /// a row whose type links to a shared value brings that value's fields.
    fn expand<'d>(&'d self, rows: &'d [Row], prefix: &str, out: &mut BTreeMap<String, &'d Row>) {
        for row in rows {
            let path = format!("{prefix}{}", row.name);
            let depth = path.split('.').count();
            if depth > DEPTH {
                continue;
            }
            if let Some(link) = link(&row.ty)
                && depth < DEPTH
            {
                let fields = &self
                    .sections
                    .get(link)
                    .unwrap_or_else(|| panic!("`{path}` links to #{link}, which has no heading"))
                    .fields;
                let sep = if row.ty.starts_with("list") {
                    "[]."
                } else {
                    "."
                };
                self.expand(fields, &format!("{path}{sep}"), out);
            }
            out.insert(path, row);
        }
    }
}

/// The heading a type links to (`[incident cards](#incident-card)`).
fn link(ty: &str) -> Option<&str> {
    let start = ty.find("](#")? + 3;
    let end = ty[start..].find(')')? + start;
    Some(&ty[start..end])
}

/// The JSON kinds a type in words allows.
fn kinds(ty: &str) -> Vec<&'static str> {
    let first = ty.split_whitespace().next().unwrap_or("");
    let mut kinds = vec![match first {
        "text" | "HTML" | "text," | "HTML," => "string",
        "number" | "number," => "number",
        "yes/no" | "yes/no," => "bool",
        "list" => "array",
        "object" | "object," => "object",
        _ if first.starts_with('[') => "object",
        _ => panic!(
            "docs/theme.md: a type starts with `{first}`: use text, HTML, number, yes/no, object, list of, or a link"
        ),
    }];
    if ty.ends_with(", or nothing") {
        kinds.push("null");
    }
    kinds
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Every key of `v` under `prefix`, down to `DEPTH`, with the kinds of its values.
fn keys(v: &Value, prefix: &str, out: &mut BTreeMap<String, BTreeSet<&'static str>>) {
    let Value::Object(map) = v else { return };
    for (k, v) in map {
        let path = format!("{prefix}{k}");
        out.entry(path.clone()).or_default().insert(kind(v));
        if path.split('.').count() >= DEPTH {
            continue;
        }
        match v {
            Value::Object(_) => keys(v, &format!("{path}."), out),
            Value::Array(items) => {
                for item in items {
                    keys(item, &format!("{path}[]."), out);
                }
            }
            _ => {}
        }
    }
}

/// The differences between what `docs/theme.md` says of `template`'s context and what its
/// pages receive. Keys under a list or object the demo never fills (every `older` list is
/// empty) cannot be compared and are left out; the rows that are compared are marked used.
fn context_problems(
    template: &str,
    documented: &BTreeMap<String, &Row>,
    actual: &BTreeMap<String, BTreeSet<&'static str>>,
) -> Vec<String> {
    let filled = |path: &str| {
        let siblings = format!("{}.", parent_of(path));
        !path.contains('.') || actual.keys().any(|k| k.starts_with(&siblings))
    };
    let mut problems = Vec::new();
    let missing: Vec<&String> = actual
        .keys()
        .filter(|k| !documented.contains_key(*k))
        .collect();
    if !missing.is_empty() {
        problems.push(format!("{template}: not documented: {missing:?}"));
    }
    let gone: Vec<&String> = documented
        .keys()
        .filter(|k| !actual.contains_key(*k) && filled(k))
        .collect();
    if !gone.is_empty() {
        problems.push(format!(
            "{template}: documented but not in the views: {gone:?}"
        ));
    }
    for (path, seen) in actual {
        let Some(row) = documented.get(path) else {
            continue;
        };
        row.used.set(true);
        let allowed = kinds(&row.ty);
        if let Some(k) = seen.iter().find(|k| !allowed.contains(k)) {
            problems.push(format!(
                "{template}: `{path}` is documented as `{}` but is a {k}",
                row.ty
            ));
        }
    }
    problems
}

/// `a[].b` of `a[].b.c`: the key that holds this one.
fn parent_of(path: &str) -> &str {
    path.rsplit_once('.').map_or("", |(parent, _)| parent)
}

/// The names of the blocks `source` defines.
fn blocks_of(source: &str) -> BTreeSet<String> {
    source
        .split("{%")
        .skip(1)
        .filter_map(|tag| {
            let tag = tag.trim_start_matches('-').trim_start();
            let name = tag.strip_prefix("block")?.trim_start();
            let end = name.find(|c: char| !(c.is_alphanumeric() || c == '_'))?;
            Some(name[..end].to_string())
        })
        .collect()
}

/// The blocks a built-in template adds to those of the template it extends (a page
/// template's `content` block is `base.html`'s).
fn own_blocks(source: &str) -> BTreeSet<String> {
    let parent = source
        .split_once("{% extends \"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(name, _)| name);
    let inherited = parent.map_or_else(BTreeSet::new, |p| {
        let (_, parent) = theme::TEMPLATES
            .iter()
            .find(|(n, _)| *n == p)
            .unwrap_or_else(|| panic!("no built-in {p}"));
        blocks_of(parent)
    });
    blocks_of(source).difference(&inherited).cloned().collect()
}

/// The components `source` defines, as `name(argument, argument)`.
fn components_of(source: &str) -> BTreeSet<String> {
    source
        .split("{% component ")
        .skip(1)
        .filter_map(|def| {
            let (name, rest) = def.split_once('(')?;
            let args: Vec<&str> = rest
                .split_once(')')?
                .0
                .split(',')
                .map(|a| a.split([':', '=']).next().unwrap_or("").trim())
                .filter(|a| !a.is_empty())
                .collect();
            Some(format!("{}({})", name.trim(), args.join(", ")))
        })
        .collect()
}

/// Every page of the KB at `root` (drafts included), its context as JSON, by template.
fn contexts_of(root: &Path, today: jiff::civil::Date) -> BTreeMap<&'static str, Vec<Value>> {
    let (kb, diags) = crate::model::load_kb(root, ".", true, &mut Vec::new());
    let kb = kb.unwrap_or_else(|| panic!("{} does not load: {diags:?}", root.display()));
    let urls = Urls::new("/");
    let highlighter = Highlighter::default();
    let site = site::site_view(&kb, &urls, &BTreeMap::new(), Some("search/manifest.json"));
    let shared = Shared::for_site(&kb, &urls, &highlighter, site, today);
    let mut by_template: BTreeMap<&'static str, Vec<Value>> = BTreeMap::new();
    for id in all(&shared, true) {
        let page = build(&shared, id);
        by_template
            .entry(page.template)
            .or_default()
            .push(page.json);
    }
    // The public site's pages, from the KB as the public build loads it.
    let (public, diags) = crate::model::load_kb_as(
        root,
        ".",
        crate::model::LoadOptions::default(),
        true,
        &mut Vec::new(),
    );
    let public =
        public.unwrap_or_else(|| panic!("{} does not load public: {diags:?}", root.display()));
    let mut site = site::site_view(
        &public,
        &urls,
        &BTreeMap::new(),
        Some("search/manifest.json"),
    );
    site::make_public(&mut site, &urls);
    let shared_public = Shared::for_site(&public, &urls, &highlighter, site, today);
    for id in super::all_public(&shared_public, true) {
        let page = build(&shared_public, id);
        by_template
            .entry(page.template)
            .or_default()
            .push(page.json);
    }
    let sitemap = SitemapView {
        site: &shared.site,
        urls: &[SitemapEntry {
            loc: "https://kb.example.com/".into(),
            lastmod: Some("2026-12-01".into()),
        }],
    };
    let sitemap = serde_json::to_value(&sitemap).unwrap_or_default();
    by_template.insert("sitemap.xml", vec![sitemap]);
    by_template
}

/// The contexts of every page of the demo KB, on a day with incidents in the same week of
/// earlier years; and of a small KB that fills what the demo leaves empty: a write-up missing
/// checklist items, and a cause and a service in more incidents than their pages show in full.
fn contexts() -> BTreeMap<&'static str, Vec<Value>> {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all = contexts_of(demo, jiff::civil::date(2026, 4, 7));
    let small = tempfile::tempdir().unwrap();
    let incidents = small.path().join("content/incidents");
    std::fs::create_dir_all(&incidents).unwrap();
    for n in 1..=14 {
        let text = format!(
            "---\ntitle: Incident {n}\nseverity: SEV2\nstarted: 2024-03-{n:02}T10:00:00Z\nservices: [api]\ncauses:\n  - id: slow-disk\n    category: tools\n    text: The disk was slow.\n---\n\nOnly a paragraph.\n"
        );
        std::fs::write(incidents.join(format!("i{n}.md")), text).unwrap();
    }
    for (template, pages) in contexts_of(small.path(), jiff::civil::date(2026, 4, 7)) {
        all.entry(template).or_default().extend(pages);
    }
    all
}

#[test]
fn the_theme_document_describes_every_template_as_it_is() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("docs/theme.md")).unwrap();
    let doc = Doc::parse(&text);
    let contexts = contexts();
    let every_page = &doc
        .sections
        .get("what-every-page-receives")
        .expect("docs/theme.md has a `## What every page receives` heading")
        .context;
    let mut problems = Vec::new();
    for (name, source) in theme::TEMPLATES {
        let section = doc.template(name);
        for (what, rows, defined) in [
            ("blocks", &section.blocks, own_blocks(source)),
            ("components", &section.components, components_of(source)),
        ] {
            let documented: BTreeSet<String> = rows.iter().map(|r| r.name.clone()).collect();
            if documented != defined {
                problems.push(format!(
                    "{name}: {what} documented but not in the template: {:?}; in the template but not documented: {:?}",
                    documented.difference(&defined).collect::<Vec<_>>(),
                    defined.difference(&documented).collect::<Vec<_>>()
                ));
            }
        }
        for row in section.blocks.iter().chain(&section.components) {
            row.used.set(true);
        }
        let Some(pages) = contexts.get(name) else {
            assert!(
                section.context.is_empty(),
                "{name} is not rendered on its own, yet docs/theme.md gives it a context"
            );
            continue;
        };
        let mut documented = BTreeMap::new();
        if *name != "sitemap.xml" {
            doc.expand(every_page, "", &mut documented);
        }
        doc.expand(&section.context, "", &mut documented);
        let mut actual = BTreeMap::new();
        for page in pages {
            keys(page, "", &mut actual);
        }
        problems.extend(context_problems(name, &documented, &actual));
    }
    for (anchor, s) in &doc.sections {
        for row in [&s.fields, &s.context].into_iter().flatten() {
            if !row.used.get() {
                problems.push(format!(
                    "#{anchor}: `{}` is never compared with a view that the demo fills, within {DEPTH} levels",
                    row.name
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "docs/theme.md and the theme disagree:\n{}",
        problems.join("\n")
    );
}

#[test]
fn blocks_and_components_are_read_from_template_source() {
    let source = "{% block a %}x{%- block b_2 %}{% endblock b_2 %}{% endblock a %}{%  block c%}{% endblock %}";
    let names: Vec<String> = blocks_of(source).into_iter().collect();
    assert_eq!(names, ["a", "b_2", "c"]);
    let source = "{% component one(items: array, label: string = \"x\") %}{% endcomponent one %}{% component two() %}{% endcomponent %}";
    let names: Vec<String> = components_of(source).into_iter().collect();
    assert_eq!(names, ["one(items, label)", "two()"]);
}

#[test]
fn documented_keys_expand_through_shared_values() {
    let doc = Doc::parse(
        "## `x.html`\n\n### Context\n\n| Variable | Type | What |\n|---|---|---|\n| `items` | list of [cards](#card) | the cards |\n| `count` | number | how many |\n\n### Card\n\n| Field | Type | What |\n|---|---|---|\n| `title` | text | its title |\n| `tags` | list of [links](#link), or nothing | |\n\n### Link\n\n| Field | Type | What |\n|---|---|---|\n| `url` | text | |\n",
    );
    let mut out = BTreeMap::new();
    doc.expand(&doc.template("x.html").context, "", &mut out);
    let keys: Vec<&String> = out.keys().collect();
    assert_eq!(
        keys,
        [
            "count",
            "items",
            "items[].tags",
            "items[].tags[].url",
            "items[].title"
        ]
    );
    assert_eq!(kinds(&out["items[].tags"].ty), ["array", "null"]);
}
