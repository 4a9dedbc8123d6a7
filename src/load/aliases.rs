//! Front-matter keys other site generators and incident tools use, read as hindsight's own:
//! takes a front-matter mapping, gives the mapping with each alias moved to the key it stands
//! for (values converted where their meaning differs: `draft: true` is `status: draft`,
//! Jekyll's space-separated `categories` are a list), the aliases used, and where each moved
//! key was written, so diagnostics still point at it. Keys that only mean something to a site
//! theme (`layout`, `permalink`, `toc`...) are dropped without a warning.

use crate::diag::{Draft, Level};
use crate::safe_url::web_host;
use serde_yaml::{Mapping, Value};

/// Each alias and the field it stands for, in the order they are applied.
pub const ALIASES: &[(&str, &str)] = &[
    // incident.io's and FireHydrant's exports name an incident `name`.
    ("name", "title"),
    ("started_at", "started"),
    ("start_time", "started"),
    ("detected_at", "detected"),
    ("mitigated_at", "mitigated"),
    ("resolved_at", "resolved"),
    ("ended_at", "resolved"),
    ("end_time", "resolved"),
    // cState, the Hugo status-page theme: `resolved: true` says it is over, and
    // `resolvedWhen` when; `affected` lists the systems it hit.
    ("resolvedWhen", "resolved"),
    ("affected", "services"),
    // Squadcast's, OpsGenie's and PagerDuty's exports: one `service`, a `priority`.
    ("service", "services"),
    ("priority", "severity"),
    // Homegrown schemas: `sev: P1`, `incident_start`, `impact_end`, `customer_impact` or
    // `impact_summary`, `first_page`, `owner_team`, a `followups` list.
    ("sev", "severity"),
    ("incident_start", "started"),
    ("impact_start", "started"),
    ("impact_began", "started"),
    // Last of the keys read as `started`: a blog's or a site's `date` is often when the
    // post-mortem was published (`date = 2024-01-18T16:45` beside
    // `incident_start = 2024-01-17T09:02`), so any key that names the incident's start wins.
    ("date", "started"),
    ("incident_end", "resolved"),
    ("impact_end", "resolved"),
    ("impact_ended", "resolved"),
    // The incident's word for its end: the all-clear.
    ("all_clear", "resolved"),
    ("impact_summary", "impact"),
    ("customer_impact", "impact"),
    // PagerDuty's word: the first page is when the incident was detected.
    ("first_page", "detected"),
    ("owner_team", "teams"),
    ("followups", "action_items"),
    ("follow_ups", "action_items"),
    ("follow-ups", "action_items"),
    ("lastmod", "updated"),
    ("last_updated", "updated"),
    ("updated_at", "updated"),
    ("categories", "tags"),
    ("keywords", "tags"),
    ("author", "authors"),
    ("description", "summary"),
    ("excerpt", "summary"),
    ("slug", "id"),
    ("draft", "status"),
    ("published", "status"),
    ("canonical_url", "source_url"),
    ("url", "source_url"),
];

/// Keys of site generators and themes that say nothing about the incident.
pub const IGNORED: &[&str] = &[
    "layout",
    "permalink",
    "toc",
    "comments",
    "weight",
    "aliases",
    "type",
    "url",
    "menu",
    "sitemap",
    "images",
    "image",
    "publishdate",
    "publishDate",
    "expirydate",
    "expiryDate",
    "math",
    "share",
    "showToc",
    "cover",
    "series",
    "linkTitle",
    "headless",
    "outputs",
    "markup",
    "redirect_from",
    "render_with_liquid",
    "section",
    "pin",
    "informational",
    // fsdocs (F#'s documentation generator): where the page sits in the navigation.
    "categoryindex",
    "index",
    // MkDocs Material's `hide` (navigation, toc); Obsidian's note dates.
    "hide",
    "created",
    "modified",
    // Docusaurus's place in the sidebar and pagination; Jekyll's excerpt marker.
    "sidebar_label",
    "sidebar_position",
    "sidebar_class_name",
    "pagination_label",
    "pagination_next",
    "pagination_prev",
    "displayed_sidebar",
    "hide_table_of_contents",
    "hide_title",
    "excerpt_separator",
];

/// The alias that most often stands for `field` (`started_at` for `started`), which a nested
/// value does not override either. Not a site's `date`: that is the last key read as
/// `started` (see [`ALIASES`]), so an `impact: {start: ...}` beside it says when it began.
fn alias_of(field: &str) -> &'static str {
    match field {
        "started" => "started_at",
        "resolved" => "resolved_at",
        _ => "",
    }
}

/// A front matter with its aliases applied.
pub struct Applied {
    pub map: Mapping,
    /// The aliases whose values the file's fields took, in [`ALIASES`] order.
    pub used: Vec<&'static str>,
    /// For a field given by an alias, the key as written (`started` -> `date`).
    pub written_as: Vec<(String, String)>,
}

/// Applies [`ALIASES`] and [`IGNORED`] to a front matter's mapping. When both an alias and its
/// field are given, the field wins and the alias is reported, except `categories`, which join
/// `tags` (Hugo and Jekyll sites often have both).
pub fn apply(map: Mapping, problems: &mut Vec<Draft>) -> Applied {
    // Long on purpose: one arm per key of another tool (Hugo, Jekyll, cState, Atlassian), a table
    // written as code.
    let mut out = map;
    let mut written_as: Vec<(String, String)> = Vec::new();
    // Hugo's `params:` (where Hugo 0.123 and later want a page's own fields), Zola's `[extra]`
    // and `[taxonomies]` (`tags = [...]`), and a team's own nesting, `incident: {id: 2025-014,
    // severity: S2, ...}`: their keys are read as the page's, a key also given at the top
    // level staying there.
    for nest in ["params", "extra", "taxonomies", "incident"] {
        let Some(Value::Mapping(inner)) = out.remove(nest) else {
            continue;
        };
        for (k, v) in inner {
            let Some(key) = k.as_str().map(str::to_string) else {
                continue;
            };
            if out.contains_key(key.as_str()) {
                continue;
            }
            out.insert(k, v);
            written_as.push((key.clone(), format!("{nest}.{key}")));
        }
    }
    // `impact: {start: ..., end: ..., orders_delayed: 18400}`: when the impact began and
    // ended, which are the incident's start and end unless given; its figures are the
    // impact's words.
    if let Some(Value::Mapping(impact)) = out.get("impact").cloned() {
        out.remove("impact");
        let mut words = Vec::new();
        for (k, v) in impact {
            let Some(key) = k.as_str() else { continue };
            let field = match key {
                "start" | "started" | "begin" | "began" | "start_time" => Some("started"),
                "end" | "ended" | "end_time" | "resolved" => Some("resolved"),
                _ => None,
            };
            match field {
                Some(f) if !out.contains_key(f) && !out.contains_key(alias_of(f)) => {
                    out.insert(Value::String(f.into()), v);
                    written_as.push((f.to_string(), format!("impact.{key}")));
                }
                Some(_) => {}
                None => {
                    let value = match &v {
                        Value::String(s) => s.clone(),
                        Value::Number(n) => n.to_string(),
                        Value::Bool(b) => b.to_string(),
                        _ => continue,
                    };
                    words.push(format!("{}: {value}", key.replace('_', " ")));
                }
            }
        }
        if !words.is_empty() {
            out.insert(
                Value::String("impact".into()),
                Value::String(words.join("; ")),
            );
        }
    }
    // MkDocs Material's blog: `date: {created: 2025-09-16, updated: 2025-09-20}`, the post's
    // dates. `created` is read as a `date` is; `updated`, unless the page gives one, as
    // `updated`.
    if let Some(Value::Mapping(dates)) = out.get("date").cloned() {
        out.remove("date");
        if let Some(created) = dates.get("created").filter(|v| !v.is_null()) {
            out.insert(Value::String("date".into()), created.clone());
            written_as.push(("date".into(), "date.created".into()));
        }
        if let Some(updated) = dates.get("updated").filter(|v| !v.is_null())
            && !out.contains_key("updated")
            && !out.contains_key("lastmod")
        {
            out.insert(Value::String("updated".into()), updated.clone());
            written_as.push(("updated".into(), "date.updated".into()));
        }
    }
    // cState's `resolved: true|false` says whether the incident is over, not when: the time is
    // its `resolvedWhen`.
    if out.get("resolved").is_some_and(Value::is_bool) {
        out.remove("resolved");
    }
    // `tags: {team: iot-platform, env: production}`, as OpsGenie and Squadcast export an
    // incident's tags: a tag `key:value` each (`team:iot-platform`).
    for key in ["tags", "categories", "keywords"] {
        if let Some(Value::Mapping(m)) = out.get(key) {
            let list = (m.iter())
                .filter_map(|(k, v)| {
                    let k = k.as_str()?;
                    Some(match super::yaml::scalar_text(v) {
                        Some(v) if !v.is_empty() => Value::String(format!("{k}:{v}")),
                        _ => Value::String(k.to_string()),
                    })
                })
                .collect();
            out.insert(Value::String(key.into()), Value::Sequence(list));
        }
    }
    // `tags: postmortem, security, transparency` (HackMD, some Jekyll themes): three tags.
    for key in ["tags", "services", "teams"] {
        if let Some(Value::String(s)) = out.get(key)
            && s.contains(',')
        {
            let list = (s.split(','))
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .map(|w| Value::String(w.to_string()))
                .collect();
            out.insert(Value::String(key.into()), Value::Sequence(list));
        }
    }
    for key in IGNORED {
        // Hugo's `url` is a path on the site; an absolute address is where the write-up was
        // published (as collections of public post-mortems write it): `source_url`.
        if *key == "url"
            && out
                .get(*key)
                .and_then(Value::as_str)
                .is_some_and(|u| web_host(u).is_some())
        {
            continue;
        }
        out.remove(*key);
    }
    let mut used = Vec::new();
    for &(alias, field) in ALIASES {
        let Some(value) = out.remove(alias) else {
            continue;
        };
        // `all_clear: true`, `resolved: true`: whether, not when; `customer_impact: true`:
        // whether, not what. Nothing to read.
        if value.is_null()
            || (value.is_bool() && ["started", "detected", "resolved", "impact"].contains(&field))
        {
            continue;
        }
        let present = out.get(field).is_some_and(|v| !v.is_null());
        let value = match (alias, value) {
            ("draft", Value::Bool(b)) | ("published", Value::Bool(b)) => {
                if b != (alias == "draft") {
                    continue; // `draft: false`, `published: true`: nothing to say
                }
                Value::String("draft".into())
            }
            ("categories", Value::String(s)) => Value::Sequence(
                s.split_whitespace()
                    .map(|w| Value::String(w.to_string()))
                    .collect(),
            ),
            // `keywords: "dns, cache"`, as HTML's meta keywords are written.
            ("keywords", Value::String(s)) => Value::Sequence(
                s.split(',')
                    .map(str::trim)
                    .filter(|w| !w.is_empty())
                    .map(|w| Value::String(w.to_string()))
                    .collect(),
            ),
            (_, v) => v,
        };
        if present && field == "tags" {
            used.push(alias);
            // `tags: postmortem` beside `categories: [outage]`: one tag, then the others.
            if let Some(Value::String(one)) = out.get(field) {
                let one = Value::String(one.clone());
                out.insert(Value::String(field.into()), Value::Sequence(vec![one]));
            }
            // `categories` and `keywords` join the tags (Hugo and Jekyll sites often have
            // several of them).
            if let (Some(Value::Sequence(tags)), Value::Sequence(more)) =
                (out.get_mut(field), &value)
            {
                tags.extend(
                    more.iter()
                        .filter(|v| !tags.contains(v))
                        .cloned()
                        .collect::<Vec<_>>(),
                );
            }
            continue;
        }
        // A site generator's `date` beside the incident's start is when the post was
        // published: Hugo and Jekyll need it, so it is no conflict to warn about.
        if present && alias == "date" && field == "started" {
            continue;
        }
        if present {
            // The field itself, or another alias of it read before this one.
            let (message, help) = match written_as.iter().find(|(f, _)| f == field) {
                Some((_, other)) => (
                    format!(
                        "both `{alias}` and `{other}` are given, and both are read as `{field}`: `{other}` is used"
                    ),
                    "remove one of them".to_string(),
                ),
                None => (
                    format!("both `{alias}` and `{field}` are given: `{field}` is used"),
                    format!("`{alias}` is read as `{field}`; remove one of them"),
                ),
            };
            let mut d = Draft::yaml(alias, "alias-conflict", message)
                .at_key()
                .help(help);
            d.level = Level::Warning;
            problems.push(d);
            continue;
        }
        // Only an alias whose value is read counts as used (one that lost to its field or to
        // another alias is reported instead): a `date` that is not the start says nothing of
        // when the post-mortem was published.
        used.push(alias);
        out.insert(Value::String(field.into()), value);
        // An alias read from `params:` is written there.
        let at = (written_as.iter())
            .find(|(f, _)| f == alias)
            .map_or_else(|| alias.to_string(), |(_, p)| p.clone());
        written_as.push((field.to_string(), at));
    }
    Applied {
        map: out,
        used,
        written_as,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_written_as_a_mapping_are_key_value_tags() {
        let (a, _) = applied(
            "title: T\ntags:\n  team: iot-platform\n  env: production\npriority: P1\nservice: mqtt\n",
        );
        let tags = a.map.get("tags").and_then(Value::as_sequence).unwrap();
        let tags: Vec<&str> = tags.iter().filter_map(Value::as_str).collect();
        assert_eq!(tags, ["team:iot-platform", "env:production"]);
        assert_eq!(a.map.get("severity").and_then(Value::as_str), Some("P1"));
        assert_eq!(a.map.get("services").and_then(Value::as_str), Some("mqtt"));
    }

    #[test]
    fn a_records_opened_and_closed_are_not_the_incidents_times() {
        // A GitHub issue's `closed_at` is when the write-up was closed, two weeks on; a
        // security record's `opened` and `closed` are its investigation's days.
        let (a, _) = applied(
            "title: T\ncreated_at: 2024-03-05T16:40:12Z\nclosed_at: 2024-03-19T09:02:44Z\nopened: 2024-08-02\nclosed: 2024-08-09\n",
        );
        for field in ["started", "detected", "resolved"] {
            assert!(a.map.get(field).is_none(), "{field}");
        }
    }

    #[test]
    fn zolas_extra_and_taxonomies_are_the_pages_fields() {
        let (a, problems) = applied(
            "title: T\ndate: 2024-02-16\ntaxonomies:\n  tags: [postmortem, kafka]\n  authors: [Priya Raman]\nextra:\n  sev: S2\n  first_page: 2024-02-12T13:21:00+01:00\n  toc: true\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let get = |k: &str| a.map.get(k).cloned();
        assert_eq!(get("severity"), Some(Value::String("S2".into())));
        assert!(get("detected").is_some());
        assert_eq!(
            get("tags"),
            Some(Value::Sequence(vec![
                Value::String("postmortem".into()),
                Value::String("kafka".into())
            ]))
        );
        assert!(get("authors").is_some());
        assert!(get("extra").is_none() && get("taxonomies").is_none() && get("toc").is_none());
        let (a, problems) = applied("title: T\nall_clear: true\n");
        assert!(problems.is_empty() && a.map.get("resolved").is_none());
    }

    #[test]
    fn a_nested_incident_mapping_and_an_impact_window_are_read() {
        let (a, problems) = applied(
            "title: T\nincident:\n  id: 2025-014\n  severity: S2\n  title: not this\n  impact:\n    start: 2025-04-14T07:55:00-04:00\n    end: 2025-04-14T10:40:00-04:00\n    orders_delayed: 18400\n",
        );
        assert!(problems.is_empty());
        let get = |k: &str| a.map.get(k).cloned();
        assert_eq!(
            get("title"),
            Some(Value::String("T".into())),
            "the top wins"
        );
        assert_eq!(get("severity"), Some(Value::String("S2".into())));
        assert_eq!(
            get("started"),
            Some(Value::String("2025-04-14T07:55:00-04:00".into()))
        );
        assert_eq!(
            get("resolved"),
            Some(Value::String("2025-04-14T10:40:00-04:00".into()))
        );
        assert_eq!(
            get("impact"),
            Some(Value::String("orders delayed: 18400".into()))
        );
        assert!(get("incident").is_none());
        assert!(
            a.written_as
                .contains(&("started".into(), "impact.start".into()))
        );
    }

    fn applied(yaml: &str) -> (Applied, Vec<Draft>) {
        let v: Value = serde_yaml::from_str(yaml).unwrap();
        let mut problems = Vec::new();
        let a = apply(v.as_mapping().unwrap().clone(), &mut problems);
        (a, problems)
    }

    #[test]
    fn an_absolute_url_is_where_the_write_up_was_published_a_path_is_ignored() {
        let (a, _) = applied("title: x\nurl: https://status.example.com/i/42\n");
        assert_eq!(
            a.map["source_url"].as_str(),
            Some("https://status.example.com/i/42")
        );
        assert_eq!(a.used, ["url"]);
        let (a, _) = applied("title: x\nurl: /blog/outage/\n");
        assert!(!a.map.contains_key("source_url") && !a.map.contains_key("url"));
        let (a, _) = applied("title: x\ncanonical_url: HTTPS://example.com/pm\n");
        assert_eq!(a.map["source_url"].as_str(), Some("HTTPS://example.com/pm"));
        assert_eq!(
            web_host("https://www.status.example.com:8443/x?y"),
            Some("www.status.example.com:8443")
        );
        assert!(web_host("javascript:alert(1)").is_none() && web_host("https://a b").is_none());
        assert!(web_host("https://").is_none() && web_host("http:///path").is_none());
    }

    #[test]
    fn cstate_keys_and_comma_separated_tags() {
        let (a, problems) = applied(
            "title: x\ndate: 2022-08-30T07:00:00Z\nresolved: true\nresolvedWhen: 2022-08-30T08:30:00Z\naffected:\n  - vpn\nsection: issue\ntags: postmortem, security\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let get = |k: &str| serde_yaml::to_string(&a.map[k]).unwrap().trim().to_string();
        assert_eq!(get("resolved"), "2022-08-30T08:30:00Z");
        assert_eq!(get("services"), "- vpn");
        assert_eq!(get("tags"), "- postmortem\n- security");
        assert!(!a.map.contains_key("section"));
        // Still open: no time.
        let (a, _) = applied("title: x\nresolved: false\nresolvedWhen:\n");
        assert!(!a.map.contains_key("resolved"));
    }

    #[test]
    fn hugo_and_jekyll_keys_become_fields() {
        let (a, problems) = applied(
            "title: x\ndate: 2021-02-16T10:00:00+01:00\nlastmod: 2021-02-20\ndraft: true\ncategories: outage tls\ntags: [tls]\nauthor: Ana\ndescription: short\nslug: login-failures\nlayout: post\ntoc: true\n",
        );
        assert!(problems.is_empty());
        let get = |k: &str| serde_yaml::to_string(&a.map[k]).unwrap().trim().to_string();
        assert_eq!(get("started"), "2021-02-16T10:00:00+01:00");
        assert_eq!(get("updated"), "2021-02-20");
        assert_eq!(get("status"), "draft");
        assert_eq!(get("tags"), "- tls\n- outage");
        assert_eq!(get("authors"), "Ana");
        assert_eq!(get("summary"), "short");
        assert_eq!(get("id"), "login-failures");
        assert!(!a.map.contains_key("layout") && !a.map.contains_key("toc"));
        assert_eq!(
            a.used,
            [
                "date",
                "lastmod",
                "categories",
                "author",
                "description",
                "slug",
                "draft"
            ]
        );
        assert!(a.written_as.contains(&("started".into(), "date".into())));
        // Hugo's `params:`: its keys are the page's, an alias among them too.
        let map: Mapping = serde_yaml::from_str(
            "title: x\nparams:\n  severity: critical\n  title: not this\n  date: 2024-03-01\n",
        )
        .unwrap();
        let a = apply(map.clone(), &mut Vec::new());
        assert_eq!(
            a.map.get("severity").and_then(Value::as_str),
            Some("critical")
        );
        assert_eq!(a.map.get("title").and_then(Value::as_str), Some("x"));
        assert!(a.map.get("params").is_none() && a.map.get("started").is_some());
        assert!(
            a.written_as
                .contains(&("severity".into(), "params.severity".into()))
        );
        assert!(
            a.written_as
                .contains(&("started".into(), "params.date".into()))
        );
    }

    #[test]
    fn mkdocs_blog_dates_are_the_date_and_the_last_update() {
        let (a, problems) = applied(
            "title: x\ndate:\n  created: 2025-09-16\n  updated: 2025-09-20\nsidebar_position: 3\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let get = |k: &str| serde_yaml::to_string(&a.map[k]).unwrap().trim().to_string();
        assert_eq!(get("started"), "2025-09-16");
        assert_eq!(get("updated"), "2025-09-20");
        assert!(!a.map.contains_key("sidebar_position"));
        assert!(
            a.written_as
                .contains(&("started".into(), "date.created".into()))
        );
    }

    #[test]
    fn keywords_join_the_tags() {
        let (a, problems) =
            applied("categories: [postmortem]\nkeywords:\n- apollo 11\n- program alarm\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            serde_yaml::to_string(&a.map["tags"]).unwrap().trim(),
            "- postmortem\n- apollo 11\n- program alarm"
        );
        let (a, _) = applied("keywords: \"dns, cache ,\"\n");
        assert_eq!(
            serde_yaml::to_string(&a.map["tags"]).unwrap().trim(),
            "- dns\n- cache"
        );
    }

    #[test]
    fn two_aliases_of_one_field_are_named_as_written() {
        let (a, problems) =
            applied("canonical_url: https://b.example.com/y\nurl: https://a.example.com/x\n");
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].message,
            "both `url` and `canonical_url` are given, and both are read as `source_url`: `canonical_url` is used"
        );
        assert_eq!(
            serde_yaml::to_string(&a.map["source_url"]).unwrap().trim(),
            "https://b.example.com/y"
        );
    }

    #[test]
    fn the_field_wins_over_its_alias_and_false_drafts_say_nothing() {
        let (a, problems) = applied(
            "started: 2021-02-16T10:00:00Z\ndate: 2021-01-01\nresolved: 2021-02-16T11:00:00Z\nended_at: 2021-02-16T12:00:00Z\ndraft: false\n",
        );
        // `date` is the post's, not the incident's: only `ended_at` is warned about.
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, "alias-conflict");
        assert!(problems[0].message.contains("`ended_at`"));
        assert_eq!(
            serde_yaml::to_string(&a.map["started"]).unwrap().trim(),
            "2021-02-16T10:00:00Z"
        );
        assert!(!a.map.contains_key("status"));
    }

    #[test]
    fn a_key_naming_the_incidents_start_wins_over_a_sites_date() {
        // A Hugo post: `date` is when it was published, the incident's own keys say when it was.
        let (a, problems) = applied(
            "date: 2024-01-18T16:45:00-05:00\nincident_start: 2024-01-17T09:02:00-05:00\nincident_end: 2024-01-17T10:26:00-05:00\n",
        );
        let at = |k: &str| serde_yaml::to_string(&a.map[k]).unwrap().trim().to_string();
        assert_eq!(at("started"), "2024-01-17T09:02:00-05:00");
        assert_eq!(at("resolved"), "2024-01-17T10:26:00-05:00");
        // The `date` left unread is not one the file's fields took.
        assert_eq!(a.used, ["incident_start", "incident_end"]);
        // Hugo needs its `date`: no warning to remove it.
        assert!(problems.is_empty());
    }

    #[test]
    fn categories_join_a_single_tag() {
        let (a, problems) = applied("tags: postmortem\ncategories: [outage, dns]\n");
        assert!(problems.is_empty());
        assert_eq!(
            serde_yaml::to_string(&a.map["tags"]).unwrap(),
            "- postmortem\n- outage\n- dns\n"
        );
    }

    #[test]
    fn an_impact_mappings_start_wins_over_a_sites_date() {
        let (a, problems) = applied(
            "date: 2024-01-18\nimpact: {start: 2024-01-17T09:02:00Z, end: 2024-01-17T10:26:00Z, users: 3}\n",
        );
        let at = |k: &str| serde_yaml::to_string(&a.map[k]).unwrap().trim().to_string();
        assert_eq!(at("started"), "2024-01-17T09:02:00Z");
        assert_eq!(at("resolved"), "2024-01-17T10:26:00Z");
        assert_eq!(a.map["impact"].as_str(), Some("users: 3"));
        assert!(problems.is_empty());
        // An explicit start beside it still wins over the mapping's.
        let (a, _) =
            applied("started_at: 2024-01-17T09:00:00Z\nimpact: {start: 2024-01-17T09:02:00Z}\n");
        assert_eq!(
            serde_yaml::to_string(&a.map["started"]).unwrap().trim(),
            "2024-01-17T09:00:00Z"
        );
    }
}
