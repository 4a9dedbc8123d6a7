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
    let public_ids: std::collections::HashSet<String> = (incidents.iter())
        .filter(|d| d.visibility == Visibility::Public)
        .map(|d| d.id.clone())
        .collect();
    let is_public = |id: &str| public_ids.contains(id);
    for doc in incidents {
        if doc.visibility != Visibility::Public {
            loaded.absent_ids.insert(doc.id.clone());
            loaded.absent_files.insert(doc.file.rel.clone());
            continue;
        }
        match public_doc(&doc, config, &is_public) {
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
/// text does not read back as an incident. `is_public` says which incident ids are public.
pub fn public_doc(
    doc: &IncidentDoc,
    config: &Config,
    is_public: &dyn Fn(&str) -> bool,
) -> Option<IncidentDoc> {
    let text = public_text(doc, config, is_public);
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
pub fn public_text(doc: &IncidentDoc, config: &Config, is_public: &dyn Fn(&str) -> bool) -> String {
    let names = names(doc, config);
    let mut front = front_matter(doc, config);
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
    scrub_value(&mut front, &names);
    let yaml = serde_yaml::to_string(&front).unwrap_or_default();
    // The body without its internal parts and its action items (sections, labelled lists,
    // table rows: the page lists the items as the model read them, without owners or tickets).
    let source = doc.file.body();
    let mut ranges = internal_ranges(source, config, true);
    let blocks = item_blocks(source);
    for at in doc.action_items.iter().filter_map(|a| a.at) {
        if let Some(b) = blocks
            .iter()
            .filter(|b| b.contains(&at))
            .min_by_key(|b| b.len())
        {
            ranges.push(b.clone());
        }
    }
    let body = strip(source, merged(ranges));
    let body = scrub_names(&public_links(&body, config), &names);
    format!("---\n{yaml}---\n{body}")
}

/// The id an incident has on the public site: its own, with the name of anyone `[lint]
/// people` lists (as a file name may carry it: `2024-05-05 Zed Lee pushed the flag.md`)
/// replaced by `responder`.
pub fn public_id(id: &str, config: &Config) -> String {
    let mut out = format!("-{id}-");
    for name in people(config) {
        let slug = crate::format::slugify(&name);
        if slug.trim_matches('-').is_empty() {
            continue;
        }
        out = out.replace(&format!("-{slug}-"), "-responder-");
    }
    out.trim_matches('-').to_string()
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

/// `body` with each `[[id]]` link naming the incident by its public id.
fn public_links(body: &str, config: &Config) -> String {
    if people(config).is_empty() || !body.contains("[[") {
        return body.to_string();
    }
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(i) = rest.find("[[") {
        out.push_str(&rest[..i + 2]);
        rest = &rest[i + 2..];
        let end = rest.find([']', '|', '#', '\n']).unwrap_or(rest.len());
        out.push_str(&public_id(&rest[..end], config));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Removes `<!-- internal -->` spans from every string of a YAML value (the front matter's
/// `impact`, `summary`, an action item's text).
fn strip_spans_in(v: &mut Value) {
    match v {
        Value::String(s) => {
            let spans = comment_spans(s);
            if !spans.is_empty() {
                let mut out = String::with_capacity(s.len());
                let mut at = 0;
                for r in spans {
                    out.push_str(&s[at..r.start]);
                    at = r.end;
                }
                out.push_str(&s[at..]);
                *s = out.split_whitespace().collect::<Vec<_>>().join(" ");
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
                list.split([',', ';'])
                    .flat_map(|a| a.split(" and "))
                    .map(|a| a.trim().to_string()),
            );
        }
    }
    if p.is_internal_field("owner") {
        names.extend(doc.action_items.iter().filter_map(|a| a.owner.clone()));
    }
    // Longer names first, so "Ann Lee" goes before "Ann".
    names.retain(|n| n.trim().chars().count() >= 2);
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    names
}

/// The front matter as a map with canonical keys, without the internal fields, with the
/// action items as the model read them (from the front matter or the body).
fn front_matter(doc: &IncidentDoc, config: &Config) -> Value {
    let p = &config.public;
    let map = super::front::read(&doc.file)
        .ok()
        .and_then(|v| match v {
            Value::Mapping(m) => Some(m),
            _ => None,
        })
        .unwrap_or_default();
    let mut map = super::aliases::apply(&map, &mut Vec::new()).map;
    map.retain(|k, _| k.as_str().is_none_or(|k| !p.is_internal_field(k)));
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
    let blocks = item_blocks(body);
    let items: Vec<Value> = doc
        .action_items
        .iter()
        .filter_map(|a| {
            let text = match a.at {
                None => a.text.clone(),
                Some(at) if internal.iter().any(|r| r.contains(&at)) => return None,
                Some(at) => public_item_text(a, body, at, &internal, &blocks)?,
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
    let Some(block) = (blocks.iter())
        .filter(|b| b.contains(&at))
        .min_by_key(|b| b.len())
    else {
        return Some(a.text.clone());
    };
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
        let i = text.find(&inner)?;
        text = words(&format!("{} {}", &text[..i], &text[i + inner.len()..]));
    }
    Some(text)
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
fn without_ticket(text: &str, ticket: &str) -> String {
    let ticket = ticket.trim();
    let mut needles = vec![ticket];
    if ticket.contains("://")
        && let Some(last) = ticket.trim_end_matches('/').rsplit('/').next()
        && last.len() >= 3
        && last.chars().any(|c| c.is_ascii_digit())
    {
        needles.push(last);
    }
    let mut out = text.to_string();
    for n in needles.iter().filter(|n| !n.is_empty()) {
        out = out.replace(n, " ");
    }
    if out == text {
        return out;
    }
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
        Some(t) if p.is_internal_field("ticket") => without_ticket(&text, t),
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
        let name = name.trim();
        if name.is_empty() {
            continue;
        }
        let mut result = String::with_capacity(out.len());
        let mut i = 0;
        let bytes = out.as_bytes();
        while i < out.len() {
            let end = i + name.len();
            let matches = end <= out.len()
                && out.is_char_boundary(end)
                && out[i..end].eq_ignore_ascii_case(name)
                && !out[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                && !out[end..].chars().next().is_some_and(char::is_alphanumeric);
            if matches {
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
        out.push_str(&body[at..r.start]);
        out.extend(body[r.clone()].matches('\n'));
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
    let internal_heading =
        |text: &str| crate::format::heading_is_one_of(text, &config.public.internal_sections);
    // Headings (level, start, text), to cut sections: Markdown ones, `<h2>` ones (as wiki
    // exports write them) and label paragraphs (`**Internal notes:**`, level 7: they run to
    // the next heading or label).
    let mut headings: Vec<(u8, usize, String)> = Vec::new();
    let mut heading: Option<(u8, usize, String)> = None;
    let mut paragraph: Option<(usize, bool, String)> = None;
    let mut colon_after: Option<(usize, String)> = None;
    for (event, r) in crate::format::markdown_events(body) {
        if !matches!(event, Event::Text(_) | Event::End(TagEnd::Strong)) {
            colon_after = None;
        }
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang)))
                if is_internal_fence(&lang) =>
            {
                ranges.push(r);
            }
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level as u8, r.start, String::new()));
            }
            Event::Start(Tag::Paragraph) => paragraph = Some((r.start, false, String::new())),
            Event::Start(Tag::Strong) => {
                if let Some((start, strong, text)) = paragraph.as_mut()
                    && text.is_empty()
                    && *start + 2 >= r.start
                {
                    *strong = true;
                }
            }
            Event::End(TagEnd::Strong) => {
                if let Some((start, true, text)) = paragraph.take() {
                    let label = text.trim();
                    match label.strip_suffix(':') {
                        Some(label) => headings.push((7, start, label.to_string())),
                        // `**Internal notes**:`, the colon after the bold.
                        None => colon_after = Some((start, label.to_string())),
                    }
                }
            }
            Event::End(TagEnd::Paragraph) => paragraph = None,
            Event::Html(h) => {
                if let Some((level, text)) = html_heading(&h) {
                    headings.push((level, r.start, text));
                }
            }
            Event::Text(t) if colon_after.is_some() => {
                if let Some((start, label)) = colon_after.take()
                    && t.trim_start().starts_with(':')
                {
                    headings.push((7, start, label));
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, text)) = heading.as_mut() {
                    text.push_str(&t);
                } else if let Some((_, true, text)) = paragraph.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => headings.extend(heading.take()),
            _ => {}
        }
    }
    for (k, (level, start, text)) in headings.iter().enumerate() {
        let actions = drop_actions && matcher.classify(text) == Some(SectionKind::ActionItems);
        if !(internal_heading(text) || actions) {
            continue;
        }
        let end = headings[k + 1..]
            .iter()
            .find(|(l, _, _)| l <= level || *level == 7)
            .map_or(body.len(), |(_, s, _)| *s);
        ranges.push(*start..end);
    }
    merged(ranges)
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
    Some((level as u8, text))
}

/// `<!-- internal -->` ... `<!-- /internal -->`, markers included; an unclosed span runs to
/// the end of the body.
fn comment_spans(body: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut at = 0;
    while let Some(found) = body[at..].find("<!--") {
        let start = at + found;
        let Some(close) = body[start + 4..].find("-->") else {
            break;
        };
        let end = start + 4 + close + 3;
        let inner = body[start + 4..start + 4 + close]
            .trim()
            .to_ascii_lowercase();
        match inner.as_str() {
            "internal" if open.is_none() => open = Some(start),
            "/internal" => {
                if let Some(s) = open.take() {
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
    fn internal_hosts_and_private_addresses_are_recognised() {
        let c = config();
        assert!(internal_host("https://grafana.corp/d/1", &c));
        assert!(internal_host("http://10.1.2.3:8080/x", &c));
        assert!(internal_host("https://wiki.acme.internal/", &c));
        assert!(!internal_host("https://status.example.com/", &c));
        assert!(!internal_host("mailto:a@b.internal", &c));
    }
}
