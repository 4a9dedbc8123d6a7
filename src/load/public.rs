//! The public version of a KB, for `build --public`: the loaded documents -> only the
//! incidents marked `visibility: public`, each re-read from a text from which every internal
//! part was removed. What holds: no later stage of a public build ever sees an internal part,
//! because the public model is built from the cleaned texts only (not hidden by a template).
//!
//! Internal parts are: fenced ```` ```internal ```` blocks, `<!-- internal -->` ...
//! `<!-- /internal -->` spans (an unclosed one runs to the end of the body), sections whose
//! heading `[public] internal_sections` lists, the front-matter fields `[public]
//! internal_fields` lists (of the incident, or of its action items), the names of
//! `[lint] people` and of the incident's authors and action-item owners (each replaced by
//! "a responder"), and the body's action-item sections (the public page lists the items from
//! the model, without owners or tickets). Every other document of the KB (causes, services,
//! reading lists, pages) and every internal incident is absent: links to them are plain text.

use super::Loaded;
use crate::config::Config;
use crate::format::{SectionKind, Visibility};
use crate::load::IncidentDoc;
use pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};
use serde_yaml::{Mapping, Value};
use std::ops::Range;

/// What replaces a person's name in public text.
pub const NAME_REPLACEMENT: &str = "a responder";

pub use crate::format::{INTERNAL_FENCE, is_internal_fence};

/// Keeps only the public incidents of `loaded`, each in its public version; everything else
/// becomes absent (links to it are plain text). A public incident whose cleaned text does not
/// read back is left out with an error.
pub fn restrict(mut loaded: Loaded, config: &Config) -> Loaded {
    for d in std::mem::take(&mut loaded.docs) {
        loaded.absent_files.insert(d.file.rel.clone());
    }
    let incidents = std::mem::take(&mut loaded.incidents);
    // Ids as a link may write them: in any case, or as the file's name (`[[2024-03-01 Vendor
    // breach]]`).
    let key = |id: &str| {
        crate::format::slugify(&id.split_whitespace().collect::<Vec<_>>().join(" ")).to_lowercase()
    };
    let public_ids: std::collections::HashSet<String> = (incidents.iter())
        .filter(|d| d.visibility == Visibility::Public)
        .map(|d| key(&d.id))
        .collect();
    let all_ids: std::collections::HashSet<String> = incidents.iter().map(|d| key(&d.id)).collect();
    let lookup = |id: &str| {
        let k = key(id);
        all_ids.contains(&k).then(|| public_ids.contains(&k))
    };
    // Every internal incident's id, found anywhere in a public text (an address, an
    // `<a href>`, a link in any case) and taken out.
    // Ids of a word or two (`db`, `outage`) are left: they are words of the text too.
    let internal: Vec<String> = (incidents.iter())
        .filter(|d| d.visibility != Visibility::Public)
        .filter(|d| d.id.len() >= 10 && d.id.contains('-'))
        .map(|d| d.id.clone())
        .collect();
    let ids = aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&internal)
        .ok();
    for doc in incidents {
        if doc.visibility != Visibility::Public {
            loaded.absent_ids.insert(doc.id.clone());
            loaded.absent_files.insert(doc.file.rel.clone());
            continue;
        }
        match public_doc(&doc, config, &lookup, ids.as_ref()) {
            Some(p) => loaded.incidents.push(p),
            None => {
                loaded.diags.push(
                    crate::diag::Diagnostic::error(
                        &doc.file.display,
                        crate::diag::Pos::START,
                        "public-version",
                        "the public version of this post-mortem (its internal parts removed) cannot be read",
                    )
                    .with_help("check that the internal markers open and close around whole blocks"),
                );
                loaded.absent_ids.insert(doc.id.clone());
                loaded.absent_files.insert(doc.file.rel.clone());
            }
        }
    }
    loaded.public = true;
    loaded
}

/// The incident as the public site shows it: re-read from [`public_text`]. `None` when that
/// text does not read back as an incident. `lookup` says whether an id is an incident's, and
/// then whether it is public.
pub fn public_doc(
    doc: &IncidentDoc,
    config: &Config,
    lookup: &dyn Fn(&str) -> Option<bool>,
    internal_ids: Option<&aho_corasick::AhoCorasick>,
) -> Option<IncidentDoc> {
    let text = public_text(doc, config, lookup);
    let text = match internal_ids {
        Some(ids) => without_ids(&text, ids),
        None => text,
    };
    let file = doc.file.rel.clone();
    let (parsed, diags) = super::parse_text(
        super::DocKind::Incident,
        file,
        doc.file.display.clone(),
        text,
        config,
        super::LoadOptions {
            drafts: true,
            lean: false,
        },
    );
    if diags.iter().any(crate::diag::Diagnostic::is_error) {
        return None;
    }
    match parsed {
        super::Parsed::Incident(mut p) => {
            p.changed = doc.changed;
            Some(*p)
        }
        _ => None,
    }
}

/// The file of `doc` with its internal parts removed: front matter without the internal fields
/// (action items rewritten from the model), body without internal blocks, spans and sections,
/// names replaced, `related` naming only public incidents.
pub fn public_text(
    doc: &IncidentDoc,
    config: &Config,
    lookup: &dyn Fn(&str) -> Option<bool>,
) -> String {
    let is_public = |id: &str| lookup(id) == Some(true);
    let is_internal = |id: &str| lookup(id) == Some(false);
    let names = names(doc, config);
    let source = doc.file.body();
    let blocks = item_blocks(source);
    let mut front = front_matter(doc, config, &blocks, &is_internal);
    if let Value::Mapping(m) = &mut front
        && let Some(Value::Sequence(related)) = m.get_mut("related")
    {
        // An internal incident's id can say what it was about.
        related.retain(|v| v.as_str().is_some_and(is_public));
        for v in related.iter_mut() {
            if let Some(id) = v.as_str() {
                *v = public_id(id, config).into();
            }
        }
    }
    strip_spans_in(&mut front);
    unlink_in(&mut front, &is_internal);
    scrub_value(&mut front, &names);
    let yaml = serde_yaml::to_string(&front).unwrap_or_default();
    // The body without its internal parts and its action items (sections, labelled lists,
    // table rows: the page lists the items as the model read them, without owners or tickets).
    let mut ranges = internal_ranges(source, config, true);
    for at in doc.action_items.iter().filter_map(|a| a.at) {
        ranges.push(item_range(source, at, &blocks));
    }
    let body = strip(source, merged(ranges));
    let body = unpublished_links(&body, &is_internal);
    let body = scrub_names(&public_links(&names_readable(&body), config), &names);
    format!("---\n{yaml}---\n{body}")
}

/// The id an incident has on the public site: its own, with the name of anyone `[lint]
/// people` lists (as a file name may carry it: `2024-05-05 Zed Lee pushed the flag.md`)
/// replaced by `responder` and four hex digits added (`2024-05-05-responder-pushed-the-flag-1a2b`).
pub fn public_id(id: &str, config: &Config) -> String {
    let mut out = format!("-{id}-");
    for name in people(config) {
        let slug = crate::format::slugify(&name);
        if slug.trim_matches('-').is_empty() {
            continue;
        }
        out = out.replace(&format!("-{slug}-"), "-responder-");
    }
    let out = out.trim_matches('-');
    if out == id {
        return id.to_string();
    }
    // Two files that differ only by whose name they carry keep apart: a few hex digits of the
    // id (FNV-1a), which say nothing of the name.
    let hash = id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{out}-{:04x}", hash & 0xffff)
}

/// `[lint] people`.
fn people(config: &Config) -> Vec<String> {
    let people = config.lint.get("people").and_then(toml::Value::as_array);
    people
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

/// `body` with each `[[id]]` link, and each incident page's address (`/incidents/id/`),
/// naming the incident by its public id.
fn public_links(body: &str, config: &Config) -> String {
    if people(config).is_empty() {
        return body.to_string();
    }
    let mut out = body.to_string();
    for (open, ends) in [
        ("[[", &[']', '|', '#', '\n'][..]),
        (
            "incidents/",
            &['/', '#', '?', ')', '>', '"', '\'', ' ', '\n'][..],
        ),
    ] {
        if !out.contains(open) {
            continue;
        }
        let mut linked = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(i) = rest.find(open) {
            linked.push_str(&rest[..i + open.len()]);
            rest = &rest[i + open.len()..];
            let end = rest.find(ends).unwrap_or(rest.len());
            linked.push_str(&public_id(&rest[..end], config));
            rest = &rest[end..];
        }
        linked.push_str(rest);
        out = linked;
    }
    out
}

/// `text` with each wiki link to an incident that is internal (`[[2024-03-01-acme-breach]]`,
/// `[[ id ]]`, `[[id#timeline]]`) made plain words: its label when it has one (`[[id|the
/// breach]]`), else "another incident". An internal incident's id can say what it was about,
/// and the fields read from a text (a title, an impact, a cause, an action item) keep its
/// words as written. Its id anywhere else (an address, `<a href>`) goes in [`without_ids`].
fn unpublished_links(text: &str, is_internal: &dyn Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (range, id, label) in wiki_links(text) {
        if is_internal(id) {
            out.push_str(&text[at..range.start]);
            out.push_str(
                label
                    .filter(|l| !l.is_empty())
                    .unwrap_or("another incident"),
            );
            at = range.end;
        }
    }
    out.push_str(&text[at..]);
    out
}

/// The wiki links of `text` to incidents (not `[[cause:...]]`): each link's range, its target
/// id (without a `#section`, trimmed) and its label (`[[id|label]]`).
fn wiki_links(text: &str) -> impl Iterator<Item = (Range<usize>, &str, Option<&str>)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            let open = at + text[at..].find("[[")?;
            let close = open + 2 + text[open + 2..].find("]]")?;
            at = close + 2;
            let inner = &text[open + 2..close];
            let (target, label) = match inner.split_once('|') {
                Some((t, l)) => (t, Some(l.trim())),
                None => (inner, None),
            };
            let id = target.split('#').next().unwrap_or("").trim();
            if !id.is_empty() && !id.starts_with("cause:") {
                return Some((open..at, id, label));
            }
        }
    })
}

/// `text` with every internal incident's id (`ids`) that stands as a word of its own (not
/// inside a longer id) replaced by `unpublished`.
fn without_ids(text: &str, ids: &aho_corasick::AhoCorasick) -> String {
    let joins = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_');
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for m in ids.find_iter(text) {
        if joins(text[..m.start()].chars().next_back()) || joins(text[m.end()..].chars().next()) {
            continue;
        }
        out.push_str(&text[at..m.start()]);
        out.push_str("unpublished");
        at = m.end();
    }
    out.push_str(&text[at..]);
    out
}

/// The ids of the wiki links in `text` to incidents that are not public.
fn internal_link_ids<'t>(text: &'t str, is_internal: &dyn Fn(&str) -> bool) -> Vec<&'t str> {
    (wiki_links(text))
        .map(|(_, id, _)| id)
        .filter(|id| is_internal(id))
        .collect()
}

/// [`unpublished_links`] in every string of a YAML value.
fn unlink_in(v: &mut Value, is_internal: &dyn Fn(&str) -> bool) {
    match v {
        Value::String(s) if s.contains("[[") => *s = unpublished_links(s, is_internal),
        Value::Sequence(items) => items.iter_mut().for_each(|i| unlink_in(i, is_internal)),
        Value::Mapping(m) => m.values_mut().for_each(|i| unlink_in(i, is_internal)),
        Value::Tagged(t) => unlink_in(&mut t.value, is_internal),
        _ => {}
    }
}

/// Removes `<!-- internal -->` spans from every string of a YAML value (the front matter's
/// `impact`, `summary`, an action item's text).
fn strip_spans_in(v: &mut Value) {
    match v {
        Value::String(s) => {
            let spans = comment_spans(s);
            if !spans.is_empty() {
                *s = strip(s, spans)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
            }
        }
        Value::Sequence(items) => items.iter_mut().for_each(strip_spans_in),
        Value::Mapping(m) => m.values_mut().for_each(strip_spans_in),
        Value::Tagged(t) => strip_spans_in(&mut t.value),
        _ => {}
    }
}

/// The names that never appear in public text: `[lint] people`, and the authors and owners
/// when those fields are internal.
fn names(doc: &IncidentDoc, config: &Config) -> Vec<String> {
    let p = &config.public;
    let mut names = people(config);
    if p.is_internal_field("authors") {
        names.extend(doc.authors.iter().cloned());
        // A body's `**Authors:**` line, which the page shows even when the front matter
        // gives the authors (and the public re-read, without them, would take it).
        if let Some((list, _)) = super::meta::read(doc.file.body()).authors {
            names.extend(
                list.split([',', ';', '&', '/'])
                    .flat_map(|a| a.split(" and "))
                    .map(|a| a.trim().to_string()),
            );
        }
    }
    if p.is_internal_field("owner") {
        names.extend(doc.action_items.iter().filter_map(|a| a.owner.clone()));
    }
    // `Bertha Kim (SRE)` is also written `Bertha Kim`, `Carl Mendes <carl@acme.com>` `Carl
    // Mendes` and `carl@acme.com`; and `Finance (Marguerite Doyle)`, a team with its person in
    // brackets, `Marguerite Doyle`.
    let decorated: Vec<String> = (names.iter())
        .flat_map(|n| {
            let plain = n
                .split(['(', '<', '['])
                .next()
                .unwrap_or("")
                .trim()
                .to_string();
            let inner = (n.split_once(['(', '<', '[']))
                .and_then(|(_, e)| e.split_once([')', '>', ']']))
                .map(|(e, _)| e.trim().to_string());
            let email = inner.clone().filter(|e| e.contains('@'));
            let person = inner.filter(|e| {
                e.split_whitespace().count() >= 2 && plain.split_whitespace().count() == 1
            });
            let plain = Some(plain).filter(|p| p != n && person.is_none());
            [plain, email, person].into_iter().flatten()
        })
        .collect();
    names.extend(decorated);
    // `@kzlee` is also written `kzlee`.
    let bare: Vec<String> = (names.iter())
        .filter_map(|n| n.trim().strip_prefix('@').map(str::to_string))
        .collect();
    names.extend(bare);
    // Longer names first, so "Ann Lee" goes before "Ann".
    names.retain(|n| n.trim().chars().count() >= 2);
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    names
}

/// The front matter as a map with canonical keys, without the internal fields, with the
/// action items as the model read them (from the front matter or the body).
fn front_matter(
    doc: &IncidentDoc,
    config: &Config,
    blocks: &[Range<usize>],
    is_internal: &dyn Fn(&str) -> bool,
) -> Value {
    let p = &config.public;
    let map = super::front::read(&doc.file)
        .ok()
        .and_then(|v| match v {
            Value::Mapping(m) => Some(m),
            _ => None,
        })
        .unwrap_or_default();
    let mut map = super::aliases::apply(map, &mut Vec::new()).map;
    map.retain(|k, _| k.as_str().is_none_or(|k| !p.is_internal_field(k)));
    // A name of `[lint] people` in a service, tag or cause id (`zed-lee-laptop`) goes as it
    // does from an incident's id: those ids name the site's facets and search terms.
    let rename = |v: Option<&mut Value>| match v {
        Some(Value::String(id)) => *id = public_id(id, config),
        Some(Value::Sequence(list)) => (list.iter_mut())
            .filter_map(|v| match v {
                Value::String(id) => Some(id),
                _ => None,
            })
            .for_each(|id| *id = public_id(id, config)),
        _ => {}
    };
    for key in ["services", "tags", "teams"] {
        rename(map.get_mut(key));
    }
    if let Some(Value::Sequence(causes)) = map.get_mut("causes") {
        for cause in causes.iter_mut().filter_map(Value::as_mapping_mut) {
            rename(cause.get_mut("id"));
            rename(cause.get_mut("because"));
        }
    }
    // The id, which a file's name may give, stays the page's address, without the names of
    // `[lint] people`. Every other value the body gave (title, start, impact, causes) is read
    // again from the cleaned body, so a value from an internal part of the body cannot come
    // back.
    map.insert("id".into(), public_id(&doc.id, config).into());
    // A title taken from the file's name is scrubbed of names like any text, so it is
    // written out; one from the body is read again from the cleaned body.
    if !map.contains_key("title") && doc.title_from == super::Origin::FileName {
        map.insert("title".into(), doc.title.clone().into());
    }
    let body = doc.file.body();
    let internal = internal_ranges(body, config, false);
    let items: Vec<Value> = doc
        .action_items
        .iter()
        .filter_map(|a| {
            let text = match a.at {
                None => a.text.clone(),
                Some(at) if internal.iter().any(|r| r.contains(&at)) => return None,
                Some(at) => {
                    let text = public_item_text(a, body, at, &internal, blocks)?;
                    // The model read `[[id]]` as the id: an internal incident's goes.
                    let block = item_range(body, at, blocks);
                    internal_link_ids(&body[block], is_internal)
                        .into_iter()
                        .fold(text, |t, id| t.replace(id, "another incident"))
                }
            };
            Some(action_item(a, text, config))
        })
        .collect();
    map.remove("action_items");
    if !items.is_empty() {
        map.insert("action_items".into(), Value::Sequence(items));
    }
    Value::Mapping(map)
}

/// The source ranges of the body's list items and table rows, for [`public_item_text`].
fn item_blocks(body: &str) -> Vec<Range<usize>> {
    crate::format::markdown_events(body)
        .filter(|(e, _)| matches!(e, Event::Start(Tag::Item | Tag::TableRow)))
        .map(|(_, r)| r)
        .collect()
}

/// The text of an action item read from the body at `at`, without what an internal span
/// within its list item or table row says; `None` (the item is left out) when that text
/// cannot be found in the item's text to take out.
fn public_item_text(
    a: &super::ActionItem,
    body: &str,
    at: usize,
    internal: &[Range<usize>],
    blocks: &[Range<usize>],
) -> Option<String> {
    let block = item_range(body, at, blocks);
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut text = words(&a.text);
    for r in internal
        .iter()
        .filter(|r| r.start < block.end && block.start < r.end)
    {
        let inner = plain(&without_comments(
            &body[r.start.max(block.start)..r.end.min(block.end)],
        ));
        let inner = words(&inner);
        if inner.is_empty() {
            continue;
        }
        match text.find(&inner) {
            Some(i) => text = words(&format!("{} {}", &text[..i], &text[i + inner.len()..])),
            // Words the item's text does not have (a part read into its owner or ticket, which
            // stay internal): nothing to take out. Otherwise the item is left out.
            None if !inner
                .split_whitespace()
                .any(|w| w.chars().count() >= 3 && text.contains(w)) => {}
            None => return None,
        }
    }
    Some(text)
}

/// Where the action item read at `at` is written: its list item or table row, else the line
/// (an item written as a line of its own, a label's paragraph, a cell of an HTML table).
fn item_range(body: &str, at: usize, blocks: &[Range<usize>]) -> Range<usize> {
    if let Some(b) = (blocks.iter())
        .filter(|b| b.contains(&at))
        .min_by_key(|b| b.len())
    {
        return b.clone();
    }
    let at = at.min(body.len());
    let start = body[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = body[at..].find('\n').map_or(body.len(), |i| at + i);
    start..end
}

/// `md` without its HTML comments (an internal span's markers).
fn without_comments(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut rest = md;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        rest = rest[i..].find("-->").map_or("", |e| &rest[i + e + 3..]);
    }
    out.push_str(rest);
    out
}

/// The text of a piece of Markdown, without its markup and HTML comments.
fn plain(md: &str) -> String {
    let mut out = String::new();
    for (e, _) in crate::format::markdown_events(md) {
        match e {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

/// An item's text without its ticket (a key, or a link whose last part is the key), which
/// stays internal with the `ticket` field.
fn without_ticket(text: &str, ticket: &str, config: &Config) -> String {
    let ticket = ticket.trim().to_ascii_lowercase();
    // The key (`ops-12`), of the ticket or its link's last part, and its project (`ops`).
    let key = if ticket.contains("://") {
        ticket
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("")
    } else {
        ticket.as_str()
    };
    let key = (key.len() >= 3 && key.chars().any(|c| c.is_ascii_digit())).then_some(key);
    let project = key
        .and_then(|k| k.rsplit_once('-'))
        .filter(|(p, n)| !p.is_empty() && !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        .map(|(p, _)| p);
    // A Markdown link to the ticket or an internal host (`[the ticket](https://jira...)`),
    // whole.
    let mut unlinked = String::with_capacity(text.len());
    let mut rest = text;
    let mut removed = false;
    while let Some(mid) = rest.find("](") {
        let open = rest[..mid].rfind('[');
        let close = rest[mid + 2..].find(')').map(|c| mid + 2 + c);
        let (Some(open), Some(close)) = (open, close) else {
            break;
        };
        let url = &rest[mid + 2..close];
        let lower = url.to_ascii_lowercase();
        let to_ticket = lower.trim() == ticket
            || key.is_some_and(|k| lower.contains(k))
            || internal_host(url.trim(), config);
        unlinked.push_str(&rest[..open]);
        if to_ticket {
            removed = true;
        } else {
            unlinked.push_str(&rest[open..=close]);
        }
        rest = &rest[close + 1..];
    }
    unlinked.push_str(rest);
    let text = unlinked.as_str();
    let kept: Vec<&str> = text
        .split_whitespace()
        .filter(|word| {
            let core = word.trim_matches(|c: char| "()[]<>,;.:'\"`!?".contains(c));
            let lower = core.to_ascii_lowercase();
            let link = lower.starts_with("http://") || lower.starts_with("https://");
            let drop = lower == ticket
                || key.is_some_and(|k| lower == k || (link && lower.contains(k)))
                || (link && internal_host(core, config))
                // Another key of the same project (`OPS-12, OPS-13`).
                || project.is_some_and(|p| {
                    lower.strip_prefix(p).and_then(|r| r.strip_prefix('-')).is_some_and(|n| {
                        !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())
                    })
                });
            removed |= drop;
            !drop
        })
        .collect();
    if !removed {
        return text.to_string();
    }
    let out = kept.join(" ");
    let out = out.replace("()", "").replace("[]", "");
    let mut out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    // What introduced the ticket: `tracked in`, `see`.
    loop {
        let trimmed = out.trim_end_matches([' ', ',', ';', ':', '-', '—', '(', '[']);
        let lower = trimmed.to_lowercase();
        let cut = ["tracked in", "ticket", "see", "in"]
            .iter()
            .find(|w| lower.ends_with(&format!(" {w}")))
            .map(|w| trimmed.len() - w.len());
        match cut {
            Some(at) => out = trimmed[..at].to_string(),
            None => {
                out = trimmed.to_string();
                break;
            }
        }
    }
    if out.is_empty() {
        "A follow-up tracked internally".to_string()
    } else {
        out
    }
}

fn action_item(a: &super::ActionItem, text: String, config: &Config) -> Value {
    let p = &config.public;
    let text = match &a.ticket {
        Some(t) if p.is_internal_field("ticket") => without_ticket(&text, t, config),
        _ => text,
    };
    let mut m = Mapping::new();
    let mut put = |k: &str, v: Option<String>| {
        if let Some(v) = v
            && !p.is_internal_field(k)
        {
            m.insert(k.into(), v.into());
        }
    };
    put("text", Some(text));
    put("kind", a.kind.map(|k| k.as_str().to_string()));
    put("status", Some(a.status.as_str().to_string()));
    put("due", a.due.map(|d| d.to_string()));
    put("completed", a.completed.map(|d| d.to_string()));
    put("owner", a.owner.clone());
    put("ticket", a.ticket.clone());
    Value::Mapping(m)
}

/// Replaces names in every string of a YAML value.
fn scrub_value(v: &mut Value, names: &[String]) {
    match v {
        Value::String(s) => *s = scrub_names(s, names),
        Value::Sequence(items) => items.iter_mut().for_each(|x| scrub_value(x, names)),
        Value::Mapping(m) => m.values_mut().for_each(|x| scrub_value(x, names)),
        Value::Tagged(t) => scrub_value(&mut t.value, names),
        _ => {}
    }
}

/// `text` with every whole-word occurrence of a name (ASCII case ignored) replaced by
/// [`NAME_REPLACEMENT`].
pub fn scrub_names(text: &str, names: &[String]) -> String {
    let mut out = text.to_string();
    for name in names {
        let words = fold_name(name);
        if words.is_empty() {
            continue;
        }
        let first_spaceless = words[0].chars().next().is_some_and(spaceless);
        let mut result = String::with_capacity(out.len());
        let mut i = 0;
        let bytes = out.as_bytes();
        while i < out.len() {
            let end = (!out[..i]
                .chars()
                .next_back()
                .is_some_and(|p| joined(p, first_spaceless)))
            .then(|| name_at(&out, i, &words))
            .flatten();
            if let Some(end) = end {
                // `Zed restarted the node.` -> `A responder restarted the node.`
                let line = out[..i].rsplit('\n').next().unwrap_or("");
                let before = out[..i].trim_end_matches([' ', '\t', '*', '_']);
                let opens = line.chars().all(|c| {
                    c.is_whitespace() || "-*+>#_".contains(c) || c.is_ascii_digit() || c == '.'
                }) || before.ends_with(['.', '!', '?']);
                if opens {
                    result.push('A');
                    result.push_str(&NAME_REPLACEMENT[1..]);
                } else {
                    result.push_str(NAME_REPLACEMENT);
                }
                i = end;
            } else {
                let len = utf8_len(bytes[i]);
                result.push_str(&out[i..(i + len).min(out.len())]);
                i += len;
            }
        }
        out = result;
    }
    out
}

/// Where the name of `words` (folded by [`fold_name`]) written at `i` in `text` ends: its
/// words in any case, with or without their accents, composed or not (`José`, `JOSE`,
/// `Jose\u{301}`), separated by any run of spaces, line breaks, `&nbsp;`, emphasis or `_`
/// (`Zed\nLee`, `Zed **Lee**`, `ZED_LEE`), and not followed by a letter or digit.
fn name_at(text: &str, i: usize, words: &[String]) -> Option<usize> {
    let mut j = i;
    let mut emphasis = false;
    for (k, word) in words.iter().enumerate() {
        if k > 0 {
            let from = j;
            loop {
                let rest = &text[j..];
                if let Some(c) = rest
                    .chars()
                    .next()
                    .filter(|c| c.is_whitespace() || matches!(c, '*' | '_' | '\u{a0}'))
                {
                    emphasis |= matches!(c, '*' | '_');
                    j += c.len_utf8();
                } else if let Some(space) =
                    ["&nbsp;", "&#32;", "&#160;", "&#x20;", "&#xa0;", "&#xA0;"]
                        .iter()
                        .find(|s| rest.starts_with(**s))
                {
                    j += space.len();
                } else if let Some(tag) = rest.strip_prefix('<').and_then(|r| {
                    r.find('>')
                        .filter(|&e| e < 60 && !r[..e].contains(['\n', '<']))
                }) {
                    // `Zed <span>Lee</span>`: a tag between the words.
                    j += tag + 2;
                } else {
                    break;
                }
            }
            if j == from {
                return None;
            }
        }
        // The word's characters, folded, until they spell it; then the accents combined
        // with its last letter.
        let mut folded = String::new();
        let mut len = 0;
        for (at, c) in text[j..].char_indices() {
            if folded.len() >= word.len() && !is_combining(c) {
                break;
            }
            // `O\'Brien`, as Markdown escapes the apostrophe.
            if c == '\\' {
                continue;
            }
            fold_char(c, &mut folded);
            if !word.starts_with(folded.as_str()) {
                return None;
            }
            len = at + c.len_utf8();
        }
        if folded != *word {
            return None;
        }
        j += len;
    }
    // Emphasis opened within the name (`Zed **Lee**`) is closed within it too.
    let after = text[j..].trim_start_matches(['*', '_']);
    if emphasis {
        j = text.len() - after.len();
    }
    let last_spaceless = (words.last())
        .and_then(|w| w.chars().next_back())
        .is_some_and(spaceless);
    (!after
        .chars()
        .next()
        .is_some_and(|n| joined(n, last_spaceless)))
    .then_some(j)
}

/// A letter of a script written without spaces between words (Chinese, Japanese, Korean,
/// Thai): a name in it stands against the next word (`由王伟重启了服务`, `田中さんが`).
fn spaceless(c: char) -> bool {
    matches!(c, '\u{0e00}'..='\u{0e7f}' | '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ac00}'..='\u{d7af}')
}

/// Whether `c`, beside a name whose edge letter is (or is not) `name_spaceless`, joins it
/// into one longer word: a letter or digit of a script with spaces, beside such a name.
fn joined(c: char, name_spaceless: bool) -> bool {
    c.is_alphanumeric() && !name_spaceless && !spaceless(c)
}

/// A name's words as [`name_at`] compares them: lowercased, without accents.
fn fold_name(name: &str) -> Vec<String> {
    (name.split_whitespace())
        .map(|w| {
            let mut folded = String::new();
            w.chars().for_each(|c| fold_char(c, &mut folded));
            folded
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Adds `c` to `out` lowercased and, for a Latin letter, without its accents (`É` is `e`,
/// `ß` is `ss`); a combining accent adds nothing. Other scripts are only lowercased.
fn fold_char(c: char, out: &mut String) {
    if is_combining(c) {
        return;
    }
    // `O’Brien` is `O'Brien`.
    if matches!(c, '’' | '‘' | 'ʼ') {
        out.push('\'');
        return;
    }
    let latin = matches!(c, '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}');
    match deunicode::deunicode_char(c).filter(|_| latin) {
        Some(ascii) if ascii.chars().all(|a| a.is_ascii_alphabetic()) && !ascii.is_empty() => {
            out.extend(ascii.chars().map(|a| a.to_ascii_lowercase()))
        }
        _ => out.extend(c.to_lowercase()),
    }
}

/// A combining diacritical mark (the accent of `e\u{301}`, written apart from its letter).
fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}')
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// `body` without its internal parts (and, with `drop_actions`, its action-item sections).
/// Each removed part leaves its line breaks, so what stays keeps its line numbers.
pub fn strip_body(body: &str, config: &Config, drop_actions: bool) -> String {
    strip(body, internal_ranges(body, config, drop_actions))
}

/// `body` without `ranges` (sorted, not overlapping), each leaving its line breaks.
fn strip(body: &str, ranges: Vec<Range<usize>>) -> String {
    let mut out = String::with_capacity(body.len());
    let mut at = 0;
    for r in ranges {
        // Sorted and apart by contract; an overlap is clamped, never a panic.
        let start = r.start.max(at);
        if r.end <= start {
            continue;
        }
        out.push_str(&body[at..start]);
        out.extend(body[start..r.end].matches('\n'));
        at = r.end;
    }
    out.push_str(&body[at..]);
    out
}

/// The byte ranges of the internal parts of `body`, sorted and merged.
pub fn internal_ranges(body: &str, config: &Config, drop_actions: bool) -> Vec<Range<usize>> {
    let mut ranges = comment_spans(body);
    let matcher = config.section_matcher();
    // `[public] internal_sections`, matched as section headings are (`2. Internal notes`,
    // `🔒 Internal notes`, `Internal notes (do not share)`).
    let names = &config.public.internal_sections;
    let internal_heading = |text: &str| {
        crate::format::heading_is_one_of(text, names) || leads_with_internal(text, names)
    };
    // Headings (level, start, text), to cut sections: Markdown ones, `<h2>` ones (as wiki
    // exports write them) and labels (`**Internal notes:**`, level 7: they run to the next
    // heading or label, as the load reads a label's section).
    let mut headings: Vec<(u8, usize, String)> = Vec::new();
    let mut heading: Option<(u8, usize, String)> = None;
    let mut html_open: Option<(usize, String)> = None;
    let mut lists = 0usize;
    let mut quotes = 0usize;
    // Footnotes: where each is referred to, and each definition's range, so that a note
    // referred to only from internal parts goes with them.
    let mut footnote_refs: Vec<(String, usize)> = Vec::new();
    let mut footnote_defs: Vec<(String, Range<usize>)> = Vec::new();
    for (event, r) in crate::format::markdown_events(body) {
        if !matches!(event, Event::Html(_)) {
            html_open = None;
        }
        match event {
            Event::Start(Tag::List(_)) => lists += 1,
            // A key-facts table's row named as an internal section (`| Internal notes | the
            // vendor case is 4471 |`): its other cells (the row stays, so the table does).
            Event::Start(Tag::TableRow) => {
                let row = &body[r.clone()];
                let line = row.lines().next().unwrap_or("");
                let lead = line.len() - line.trim_start().len();
                let cells = line.trim().strip_prefix('|').unwrap_or(line.trim());
                let label = |first: &str| first.trim().trim_matches(['*', '_']).trim().to_string();
                if let Some((first, rest)) = cells.split_once('|')
                    && (internal_heading(&label(first))
                        || internal_field_label(&label(first), config))
                {
                    let start =
                        r.start + lead + (line.trim().len() - cells.len()) + first.len() + 1;
                    let rest = rest.trim_end();
                    let end = start + rest.strip_suffix('|').unwrap_or(rest).len();
                    if start < end {
                        ranges.push(start..end);
                    }
                }
            }
            Event::FootnoteReference(label) => footnote_refs.push((label.to_string(), r.start)),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                footnote_defs.push((label.to_string(), r));
            }
            // A table's column headed as an internal section (`| Time | Event | Internal notes
            // |`): its cells, in every row.
            Event::Start(Tag::Table(_)) => ranges.extend(internal_columns(body, r, names)),
            Event::End(TagEnd::List(_)) => lists = lists.saturating_sub(1),
            // An outline's bullet named as an internal section (`- Internal notes`, with its
            // notes nested under it, as Logseq and Workflowy keep a write-up): the bullet
            // and everything under it.
            // So does an item that opens with the name as a label (`- **Internal notes:** the
            // vendor case`, `- Internal notes:` with notes under it).
            Event::Start(Tag::Item)
                if outline_name(&body[r.clone()]).is_some_and(internal_heading)
                    || leads_with_internal(item_line(&body[r.clone()]), names)
                    || field_line(item_line(&body[r.clone()]), config) =>
            {
                ranges.push(r);
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang)))
                if is_internal_fence(&lang) =>
            {
                ranges.push(r);
            }
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level as u8, r.start, String::new()));
            }
            // `**Internal notes:**`, and `**Impact:** ...` then `**Internal notes:** ...` on the
            // next line, hard-broken (the Google SRE template's header): a label per line.
            Event::Start(Tag::Paragraph) => {
                // Terse notes' plain line naming a section (`Internal notes`, then the notes
                // on the next lines; `Follow-ups`), as the load reads it: a section that runs
                // to the next heading, label or such line.
                // So do a bold line alone (`**Internal notes**`, a heading as Google Docs
                // exports write one) and a short line ending with a colon (`Internal notes:`).
                let first = body[r.clone()].lines().next().unwrap_or("").trim();
                let named = |name: &str| {
                    plain_name(name) && (internal_heading(name) || matcher.classify(name).is_some())
                };
                let bold_line = ["**", "__"].into_iter().find_map(|m| {
                    first
                        .strip_prefix(m)?
                        .strip_suffix(m)
                        .filter(|n| !n.contains(m))
                });
                let colon_line = first.strip_suffix(':').filter(|_| {
                    !first.ends_with("::") && body[r.clone()].trim_end().len() == first.len()
                });
                // Level 8: such a line ends a section as a label does, and starts an internal
                // one, but is not cut as the action items' (their items are read from it, and
                // what else it holds is the write-up's).
                // A bold line alone that names no section (`**Do not forward.**`) ends none:
                // an internal section runs on past it.
                if let Some(name) = [Some(first), bold_line, colon_line]
                    .into_iter()
                    .flatten()
                    .map(str::trim)
                    .find(|n| named(n))
                    && lists == 0
                {
                    headings.push((8, r.start, name.to_string()));
                }
                // A line that opens with the name as a label, however written (`Internal
                // notes: ...`, `🔒 **Internal notes:** ...`, `**Internal notes** — ...`): an
                // internal label, to the next heading or label.
                let mut at = r.start;
                for line in body[r.clone()].split_inclusive('\n') {
                    if leads_with_internal(line, names) {
                        headings.push((7, at, line.trim().to_string()));
                    } else if field_line(line, config) {
                        // `**Team:** payments-sre`, `Team: x`, `*Ticket:* x`: a line of an
                        // internal field, with the hard break (`\`) that ended the line before
                        // it.
                        let before = body[..at].trim_end_matches(['\n', '\r']);
                        let from = match before.ends_with('\\') && at > r.start {
                            true => before.len() - 1,
                            false => at,
                        };
                        ranges.push(from..at + line.trim_end().len());
                    }
                    at += line.len();
                }
                headings.extend(
                    line_labels(&body[r.clone()], r.start)
                        .into_iter()
                        .map(|(at, label)| (7, at, label)),
                );
            }
            Event::Html(h) => {
                // A heading split over lines (`<h2>`, its text, `</h2>`) comes a line at a time.
                let html = match html_open.take() {
                    Some((start, before)) => (start, before + &h),
                    None => (r.start, h.to_string()),
                };
                // Within a block of HTML (a wiki export's `<div><h2>Internal notes</h2>...`, a
                // `<details>` whose summary names the section, a key-facts row `<tr><th>Internal
                // notes</th>...`, a `<p><strong>Internal notes:</strong> ...`).
                ranges.extend(internal_html(
                    body,
                    html.0,
                    &html.1,
                    names,
                    &mut headings,
                    config,
                ));
                match html_heading(&html.1) {
                    Some((level, text)) => headings.push((level, html.0, text)),
                    None if html_opens_heading(&html.1) && html.1.len() < 1000 => {
                        html_open = Some(html)
                    }
                    None => {}
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, text)) = heading.as_mut() {
                    text.push_str(&t);
                }
            }
            // A heading inside a list or a quote (`- ## Vendor`) ends no section; it may
            // start an internal one.
            Event::End(TagEnd::Heading(_)) => match heading.take() {
                Some(h) if (lists > 0 || quotes > 0) && !internal_heading(&h.2) => {}
                h => headings.extend(h),
            },
            Event::Start(Tag::BlockQuote(_)) => quotes += 1,
            Event::End(TagEnd::BlockQuote(_)) => quotes = quotes.saturating_sub(1),
            _ => {}
        }
    }
    // In the order they stand in the body: an HTML block's inner headings and a paragraph's
    // labels were found after the block or paragraph that holds them.
    headings.sort_by_key(|h| h.1);
    for (k, (level, start, text)) in headings.iter().enumerate() {
        let actions =
            drop_actions && *level <= 7 && matcher.classify(text) == Some(SectionKind::ActionItems);
        if !(internal_heading(text) || actions) {
            continue;
        }
        // A label's internal section (`**Internal notes:**`) runs past the labels and minor
        // headings of its notes (`**Vendor contact:** ...`, `#### Call log`): to a heading of
        // level 3 or above, or a label or line naming a section.
        let names_a_section =
            |t: &str| matcher.classify(t.trim_end_matches(':')).is_some() || internal_heading(t);
        let end = headings[k + 1..]
            .iter()
            .find(|(l, s, t)| {
                s > start
                    && match *level >= 7 && internal_heading(text) {
                        true => *l <= 3 || names_a_section(t),
                        false => l <= level || *level >= 7,
                    }
            })
            .map_or(body.len(), |(_, s, _)| *s);
        ranges.push(*start..end);
    }
    let ranges = merged(ranges);
    let inside = |at: usize| ranges.iter().any(|r| r.contains(&at));
    let gone: Vec<Range<usize>> = (footnote_defs.into_iter())
        .filter(|(label, _)| {
            let mut refs =
                (footnote_refs.iter()).filter(|(l, _)| l.to_lowercase() == label.to_lowercase());
            refs.clone().next().is_some() && refs.all(|(_, at)| inside(*at))
        })
        .map(|(_, r)| r)
        .collect();
    merged(ranges.into_iter().chain(gone).collect())
}

/// Whether `text` (a heading, or a line of a paragraph, an item or a block of HTML) opens with
/// one of the internal sections' `names`: however decorated before it (a number, an emoji, a
/// bracket, bold, tags) and followed by nothing or by a mark (`:`, `—`, `(`, `]`...), not by
/// more words (`Internal notes were shared...`, `Internal DNS`) or a comma.
fn leads_with_internal(text: &str, names: &[String]) -> bool {
    let text = opening(text);
    let mut plain = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            '*' | '_' | '`' | '\\' => {}
            c if !in_tag => plain.push(c),
            _ => {}
        }
    }
    let plain = normalized_text(&plain);
    let t = plain.trim_start_matches(|c: char| !c.is_alphanumeric());
    // A section number (`3.`, `4.1`, `2)`) and what decorates the name after it.
    let numbered = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')');
    let t = match numbered.len() < t.len() && numbered.starts_with(char::is_whitespace) {
        true => numbered.trim_start_matches(|c: char| !c.is_alphanumeric()),
        false => t,
    };
    let lower = t.to_lowercase();
    names.iter().any(|n| {
        let n = n.trim().to_lowercase();
        let Some(rest) = lower.strip_prefix(n.as_str()).filter(|_| !n.is_empty()) else {
            return false;
        };
        let rest = rest.trim_start();
        rest.is_empty()
            || rest.starts_with(|c: char| {
                !(c.is_alphanumeric() || [',', ';', '\'', '’', '"', '/', '&', '+'].contains(&c))
            })
    })
}

/// Whether a label (`Team`, `Ticket`, `Owner`) names a front-matter field the public site
/// leaves out (`[public] internal_fields`).
fn internal_field_label(label: &str, config: &Config) -> bool {
    let field = match label.trim().to_lowercase().as_str() {
        "team" | "teams" | "owning team" | "team(s)" => "teams",
        "ticket" | "tickets" | "ticket id" | "jira" | "jira ticket" | "issue" => "ticket",
        "owner" | "owners" | "owner(s)" | "assignee" => "owner",
        "service" | "services" | "affected services" | "components" => "services",
        "tag" | "tags" | "labels" => "tags",
        "severity" | "sev" | "priority" => "severity",
        "author" | "authors" | "written by" => "authors",
        "due" | "due date" => "due",
        _ => return false,
    };
    config.public.is_internal_field(field)
}

/// The first 512 bytes of `text` (at a character's boundary): where a section's name or a
/// field's label opens a line, however decorated. Reading no further keeps a line of thousands
/// of nested items (`- - - - ...`, each item the rest of the line) from costing its length
/// once per item.
fn opening(text: &str) -> &str {
    let mut end = text.len().min(512);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// `text` as a reader sees it: character references decoded (`Internal&#32;notes`,
/// `&nbsp;`), characters that show nothing taken out (zero-width spaces and joiners, soft
/// hyphens) and every run of spaces, tabs or no-break spaces made one space.
fn normalized_text(text: &str) -> String {
    let decoded = super::sections::decode_entities(text);
    let mut out = String::with_capacity(decoded.len());
    for c in decoded.chars() {
        match c {
            '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => {}
            c if c.is_whitespace() => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// `text` with the characters a name could hide behind made plain: a reference to a letter,
/// a digit decoded (`Z&#101;d`; never one to a space, `<`, `&` or another mark, which would
/// change what the text is: [`name_at`] reads `&#32;` between words), and characters that
/// show nothing taken out
/// (`Zed\u{200b}Lee`).
fn names_readable(text: &str) -> String {
    let invisible = |c: char| {
        matches!(
            c,
            '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
        )
    };
    if !text.contains('&') && !text.chars().any(invisible) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.extend(rest[..i].chars().filter(|c| !invisible(*c)));
        rest = &rest[i..];
        let end = rest[1..].find(';').map(|e| e + 1).filter(|&e| e <= 12);
        let plain = end.and_then(|e| {
            let decoded = super::sections::decode_entities(&rest[..=e]);
            let mut chars = decoded.chars();
            let c = chars.next()?;
            (chars.next().is_none() && c.is_alphanumeric()).then_some((c, e))
        });
        match plain {
            Some((c, e)) if !invisible(c) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            Some((_, e)) => rest = &rest[e + 1..],
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.extend(rest.chars().filter(|c| !invisible(*c)));
    out
}

/// The parts of a line of HTML a reader sees as lines: cut at `<p>`, `<br>`, `<div>`, `<li>`
/// and `<td>`/`<th>` (`<p>Public note<br><strong>Internal notes:</strong> ...`).
fn line_segments(line: &str) -> impl Iterator<Item = &str> {
    let lower = line.to_ascii_lowercase();
    let mut cuts = vec![0];
    for tag in ["<p", "<br", "<div", "<li", "<td", "<th", "</p", "</div"] {
        cuts.extend(lower.match_indices(tag).map(|(i, _)| i));
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.push(line.len());
    (0..cuts.len() - 1).map(move |k| &line[cuts[k]..cuts[k + 1]])
}

/// Whether a line gives a field the public site leaves out (`Team: payments-sre`, `- **Team:**
/// x`, `*Team:* x`, `> **Ticket:** ...`): its text, without marks before it, opens with the
/// field's label and a colon.
fn field_line(line: &str, config: &Config) -> bool {
    let plain: String = normalized_text(opening(line))
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`'))
        .collect();
    let t = plain.trim_start_matches(|c: char| !c.is_alphanumeric());
    t.split_once(':')
        .is_some_and(|(label, _)| label.len() <= 20 && internal_field_label(label, config))
}

/// An item's first line without its bullet or number.
fn item_line(item: &str) -> &str {
    let first = opening(item).lines().next().unwrap_or("").trim();
    let digits = first.trim_start_matches(|c: char| c.is_ascii_digit());
    match first.strip_prefix(['-', '*', '+']) {
        Some(rest) => rest,
        None if digits.len() < first.len() => digits.strip_prefix(['.', ')']).unwrap_or(first),
        None => first,
    }
}

/// The cells of a Markdown table's columns headed as an internal section, in every row.
fn internal_columns(body: &str, table: Range<usize>, names: &[String]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut lines = Vec::new();
    let mut at = table.start;
    for line in body[table.clone()].split_inclusive('\n') {
        // In a quote, each line after the first starts with its `> `.
        let bare = line.trim_start_matches(['>', ' ', '\t']);
        lines.push((at + line.len() - bare.len(), bare));
        at += line.len();
    }
    let Some(&(_, header)) = lines.first() else {
        return out;
    };
    let cells = |line: &str| -> Vec<Range<usize>> {
        // Each cell's byte range in the line, between its pipes (`\|` is no pipe).
        let mut cuts: Vec<usize> = Vec::new();
        let bytes = line.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'|' && (i == 0 || bytes[i - 1] != b'\\') {
                cuts.push(i);
            }
        }
        let lead = line.trim_start().starts_with('|');
        let mut spans: Vec<Range<usize>> = Vec::new();
        let mut from = match lead {
            true => cuts.first().map_or(0, |c| c + 1),
            false => 0,
        };
        for &c in cuts.iter().skip(usize::from(lead)) {
            spans.push(from..c);
            from = c + 1;
        }
        let tail = line.trim_end();
        if from < tail.len() {
            spans.push(from..tail.len());
        }
        spans
    };
    let internal: Vec<usize> = (cells(header).iter().enumerate())
        .filter(|(_, c)| {
            let text = header[(*c).clone()].trim();
            crate::format::heading_is_one_of(text, names) || leads_with_internal(text, names)
        })
        .map(|(i, _)| i)
        .collect();
    if internal.is_empty() {
        return out;
    }
    for &(start, line) in lines.iter().skip(2) {
        for (i, c) in cells(line).into_iter().enumerate() {
            if internal.contains(&i) && !line[c.clone()].trim().is_empty() {
                out.push(start + c.start..start + c.end);
            }
        }
    }
    out
}

/// The internal parts of a block of raw HTML at `start`: a heading inside it that names an
/// internal section (added to `headings`, so that its section runs to the next one), a
/// `<details>` whose `<summary>` names one (to its `</details>`), a table row whose first cell
/// does, and the block itself when its text opens with the name as a label.
fn internal_html(
    body: &str,
    start: usize,
    html: &str,
    names: &[String],
    headings: &mut Vec<(u8, usize, String)>,
    config: &Config,
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let lower = html.to_ascii_lowercase();
    for (i, _) in lower.match_indices("<h").filter(|(i, _)| *i > 0) {
        if let Some((level, text)) = html_heading(&html[i..])
            && (crate::format::heading_is_one_of(&text, names) || leads_with_internal(&text, names))
        {
            headings.push((level, start + i, text));
        }
    }
    if let Some(i) = lower.find("<summary") {
        let open = i + lower[i..].find('>').map_or(0, |g| g + 1);
        let close = lower[open..]
            .find("</summary")
            .map_or(lower.len(), |c| open + c);
        let text = &html[open.min(close)..close];
        if crate::format::heading_is_one_of(text.trim(), names) || leads_with_internal(text, names)
        {
            let from = body[..start + i]
                .to_ascii_lowercase()
                .rfind("<details")
                .unwrap_or(start + i);
            // To the `</details>` that closes this one, past any nested inside it.
            let lower_body = body.to_ascii_lowercase();
            let mut depth = 0usize;
            let mut end = body.len();
            let mut at = from;
            while let Some(i) = [
                lower_body[at..].find("<details"),
                lower_body[at..].find("</details"),
            ]
            .into_iter()
            .flatten()
            .min()
            {
                let i = at + i;
                if lower_body[i..].starts_with("</details") {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = i + lower_body[i..].find('>').map_or(body.len() - i, |g| g + 1);
                        break;
                    }
                } else {
                    depth += 1;
                }
                at = i + 2;
            }
            out.push(from..end);
        }
    }
    let mut at = start;
    for line in html.split_inclusive('\n') {
        let l = line.to_ascii_lowercase();
        if let Some(i) = l.find("<tr") {
            // The row's first cell.
            let cell = ["<th", "<td"]
                .iter()
                .filter_map(|t| l[i..].find(t).map(|c| i + c))
                .min();
            if let Some(c) = cell {
                let open = c + l[c..].find('>').map_or(0, |g| g + 1);
                let close = l[open..].find("</t").map_or(l.len(), |e| open + e);
                let text = &line[open.min(close)..close];
                if crate::format::heading_is_one_of(text.trim(), names)
                    || leads_with_internal(text, names)
                    || internal_field_label(&normalized_text(text), config)
                {
                    out.push(at..at + line.trim_end().len());
                }
            }
        } else if let Some(seg) = line_segments(line).find(|seg| leads_with_internal(seg, names)) {
            headings.push((7, at, seg.to_string()));
        }
        at += line.len();
    }
    out
}

/// Whether `line` could name a section on a plain line: short, with no Markdown marks and no
/// closing punctuation (as the load's terse-notes headings).
fn plain_name(line: &str) -> bool {
    super::body::plain_section_name(line)
        && !line.starts_with(['#', '*', '_', '<', '|', '>', '`', '[', '!'])
}

/// The name an outline's bullet gives (`- Internal notes`, `* **Internal notes**`): its first
/// line without the bullet and emphasis, when it could name a section.
fn outline_name(item: &str) -> Option<&str> {
    let first = opening(item).lines().next()?.trim();
    let text = first
        .strip_prefix(['-', '*', '+'])
        .or_else(|| {
            let digits = first.trim_start_matches(|c: char| c.is_ascii_digit());
            (digits.len() < first.len()).then(|| digits.strip_prefix(['.', ')']))?
        })?
        .trim()
        .trim_matches(['*', '_'])
        .trim();
    plain_name(text).then_some(text)
}

/// Ranges sorted and merged where they overlap.
fn merged(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// The labels (`**Name:**`, `__Name:__`, `**Name**:`) that open the lines of the paragraph
/// `par` (which starts at `base` in the body): each line's start and its label.
fn line_labels(par: &str, base: usize) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in par.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let t = line.trim_start();
        let Some(mark) = ["**", "__"].into_iter().find(|m| t.starts_with(m)) else {
            continue;
        };
        let Some(close) = t[2..].find(mark) else {
            continue;
        };
        let inside = t[2..2 + close].trim();
        let after = &t[2 + close + 2..];
        let label = match inside.strip_suffix(':') {
            Some(l) => Some(l),
            None => after.starts_with(':').then_some(inside),
        };
        if let Some(label) = label {
            out.push((
                base + start + (line.len() - t.len()),
                label.trim().to_string(),
            ));
        }
    }
    out
}

/// A block of raw HTML that is a heading (`<h2>Internal notes</h2>`): its level and text.
fn html_heading(html: &str) -> Option<(u8, String)> {
    let t = html.trim();
    let rest = t.strip_prefix("<h").or_else(|| t.strip_prefix("<H"))?;
    let level = rest.chars().next()?.to_digit(10)?;
    if !(1..=6).contains(&level) {
        return None;
    }
    let open_end = rest.find('>')?;
    let inner = &rest[open_end + 1..];
    let close = inner.to_ascii_lowercase().find("</h")?;
    // The text, without tags inside.
    let mut text = String::new();
    let mut in_tag = false;
    for c in inner[..close].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text.replace("&nbsp;", " ").replace("&amp;", "&");
    Some((level as u8, text))
}

/// Whether raw HTML opens a heading it does not close (`<h2>` alone on its line).
fn html_opens_heading(html: &str) -> bool {
    let t = html.trim_start().to_ascii_lowercase();
    t.len() > 2 && t.starts_with("<h") && t.as_bytes()[2].is_ascii_digit() && !t.contains("</h")
}

/// `<!-- internal -->` ... `<!-- /internal -->`, markers included; an unclosed span runs to
/// the end of the body.
fn comment_spans(body: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(found) = body[at..].find("<!--") {
        let start = at + found;
        let Some(close) = body[start + 4..].find("-->") else {
            break;
        };
        let end = start + 4 + close + 3;
        // `<!--- internal --->`, with a dash more on each side, is the same marker.
        let inner = body[start + 4..start + 4 + close]
            .trim()
            .trim_matches('-')
            .trim()
            .to_ascii_lowercase();
        // Spans nest: the outer one ends at its own closing marker.
        match inner.as_str() {
            "internal" => {
                depth += 1;
                open.get_or_insert(start);
            }
            "/internal" if depth > 0 => {
                depth -= 1;
                if depth == 0
                    && let Some(s) = open.take()
                {
                    out.push(s..end);
                }
            }
            _ => {}
        }
        at = end;
    }
    if let Some(s) = open {
        out.push(s..body.len());
    }
    out
}

/// Whether `url` is a web address on a host `[public] internal_hosts` names (or a private
/// address: `10.x`, `192.168.x`, `172.16-31.x`, `127.x`).
pub fn internal_host(url: &str, config: &Config) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    let host = host.split(':').next().unwrap_or("").trim_end_matches('.');
    if let Ok(ip) = host.parse::<std::net::Ipv4Addr>() {
        return ip.is_private() || ip.is_loopback() || ip.is_link_local();
    }
    config.public.internal_hosts.iter().any(|h| {
        let h = h.trim().trim_start_matches('.').to_ascii_lowercase();
        !h.is_empty() && (host == h || host.ends_with(&format!(".{h}")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::default()
    }

    #[test]
    fn internal_blocks_spans_and_sections_are_removed_keeping_lines() {
        let body = "Intro.\n\n```internal\nsecret one\n```\n\nKept <!-- internal -->secret two<!-- /internal --> too.\n\n## Internal notes\n\nsecret three\n\n### Deeper\n\nsecret four\n\n## Lessons\n\nKept lesson.\n";
        let out = strip_body(body, &config(), false);
        for s in ["secret one", "secret two", "secret three", "secret four"] {
            assert!(!out.contains(s), "{s} in {out}");
        }
        assert!(out.contains("Kept lesson."));
        assert!(out.contains("Kept  too."));
        assert_eq!(out.lines().count(), body.lines().count());
    }

    #[test]
    fn internal_sections_of_terse_notes_and_outlines_are_removed() {
        // Terse notes name the section on a plain line; it runs to the next such line.
        let terse = "Timeline\n10:00 deploy\n\nInternal notes\nsecret one\n\nmore secret two\n\nFollow-ups\n- [ ] Kept item\n";
        let out = strip_body(terse, &config(), false);
        assert!(!out.contains("secret"), "{out}");
        assert!(
            out.contains("10:00 deploy") && out.contains("Kept item"),
            "{out}"
        );
        // An outline's bullet, with what is nested under it.
        let outline = "- Summary\n\t- Kept summary\n- Internal notes\n\t- secret three\n\t\t- secret four\n- **Internal**\n\t- secret five\n- Action items\n\t- TODO Kept action\n";
        let out = strip_body(outline, &config(), false);
        assert!(!out.contains("secret"), "{out}");
        assert!(
            out.contains("Kept summary") && out.contains("Kept action"),
            "{out}"
        );
        // A bold line alone and a short line with a colon, as labels written without one.
        for written in ["**Internal notes**", "Internal notes:", "__Internal__"] {
            let body = format!(
                "## Summary\n\nKept one.\n\n{written}\n\nsecret six\n\n**Lessons learned**\n\nKept two.\n"
            );
            let out = strip_body(&body, &config(), false);
            assert!(!out.contains("secret"), "{written}: {out}");
            assert!(
                out.contains("Kept one.") && out.contains("Kept two."),
                "{out}"
            );
        }
        // A key-facts table's row: its value goes, the table stays.
        let table = "| Field | Value |\n|---|---|\n| Severity | SEV2 |\n| **Internal notes** | secret seven |\n| Service | Kept |\n";
        let out = strip_body(table, &config(), false);
        assert!(!out.contains("secret"), "{out}");
        assert!(
            out.contains("| Service | Kept |") && out.contains("| **Internal notes** |"),
            "{out}"
        );
        // A sentence that starts with the words is not a section.
        let prose = "Internal notes were shared in the channel.\n\nKept.\n";
        assert_eq!(strip_body(prose, &config(), false), prose);
    }

    #[test]
    fn an_unclosed_internal_span_runs_to_the_end() {
        let out = strip_body("a\n<!-- internal -->\nsecret\n", &config(), false);
        assert_eq!(out.trim(), "a");
    }

    #[test]
    fn names_are_replaced_as_whole_words_only() {
        let names = vec!["Jim".to_string()];
        assert_eq!(
            scrub_names("jim paged Jimmy; JIM.", &names),
            "A responder paged Jimmy; a responder."
        );
        assert_eq!(
            scrub_names("Paged. Jim restarted it.\n- Jim drained it", &names),
            "Paged. A responder restarted it.\n- A responder drained it"
        );
    }

    #[test]
    fn names_are_replaced_with_or_without_their_accents() {
        let names = vec!["José Núñez".to_string(), "Zoë".to_string()];
        assert_eq!(
            scrub_names(
                "Jose Nunez paged JOSÉ NÚÑEZ and Jose\u{301} Nu\u{303}n\u{303}ez; zoe and ZOË; Zoey",
                &names
            ),
            "A responder paged a responder and a responder; a responder and a responder; Zoey"
        );
        let plain = vec!["Jose Nunez".to_string(), "Lee".to_string()];
        assert_eq!(
            scrub_names("José Núñez, then Lée and Leé and 李 Lee", &plain),
            "A responder, then a responder and a responder and 李 a responder"
        );
        // ß folds to ss; other scripts are only lowercased.
        let names = vec!["Strauß".to_string(), "Дмитрий".to_string()];
        assert_eq!(
            scrub_names("Strauss and STRAUSS; ДМИТРИЙ", &names),
            "A responder and a responder; a responder"
        );
    }

    #[test]
    fn internal_hosts_and_private_addresses_are_recognised() {
        let c = config();
        assert!(internal_host("https://grafana.corp/d/1", &c));
        assert!(internal_host("http://10.1.2.3:8080/x", &c));
        assert!(internal_host("https://wiki.acme.internal/", &c));
        assert!(!internal_host("https://status.example.com/", &c));
        assert!(!internal_host("mailto:a@b.internal", &c));
    }
}
