//! Blameless language: `blame-language` (phrases that blame people, from `blame-phrases.txt`
//! plus the KB's own), `root-cause-human-error` (a root cause that amounts to "a person made
//! a mistake") and `named-person-blame` (a named person as the subject of a failure verb).

use super::text::{Word, words};
use super::{Cx, Rule, Setting, finding};
use crate::diag::Pos;
use crate::diag::{At, Draft};
use crate::model::Incident;

const PHRASES: &str = include_str!("blame-phrases.txt");

/// The texts of an incident a reader sees: the body's prose, and front-matter fields with the
/// YAML path of each.
fn texts(inc: &Incident) -> Vec<(String, Source)> {
    let d = &inc.doc;
    let mut out = vec![(d.body.prose(d.file.body()), Source::Body)];
    let mut field = |text: &str, path: String| out.push((text.to_string(), Source::Field(path)));
    field(&d.title, "title".into());
    if let Some(i) = &d.impact {
        field(i, "impact".into());
    }
    if let Some(s) = &d.summary {
        field(s, "summary".into());
    }
    for c in &d.causes {
        field(&c.text, format!("{}.text", c.path));
    }
    for a in &d.action_items {
        field(&a.text, format!("{}.text", a.path));
    }
    out
}

enum Source {
    Body,
    Field(String),
}

fn position(inc: &Incident, source: &Source, word: &Word) -> Pos {
    match source {
        Source::Body => inc.doc.file.body_pos(word.range.start),
        // The key's line: for a multi-line value (`text: >-`) that is where a suppression
        // comment can go, on the line before.
        Source::Field(path) => inc.doc.file.yaml_pos(path, true),
    }
}

/// A phrase to look for: its words (with `*` wildcards) and what to write instead.
struct Phrase {
    words: Vec<String>,
    text: String,
    suggestion: String,
}

fn phrases(extra: &[String]) -> Vec<Phrase> {
    let builtin = PHRASES
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('|'));
    let extra = extra.iter().map(|l| {
        l.split_once("=>")
            .unwrap_or((l.as_str(), "describe what the system allowed"))
    });
    builtin
        .chain(extra)
        .map(|(p, s)| Phrase {
            words: p.split_whitespace().map(str::to_lowercase).collect(),
            text: p.trim().replace('*', "…"),
            suggestion: s.trim().to_string(),
        })
        .filter(|p| !p.words.is_empty())
        .collect()
}

fn word_matches(pattern: &str, word: &str) -> bool {
    match (pattern.strip_prefix('*'), pattern.strip_suffix('*')) {
        (Some(suffix), _) => word.ends_with(suffix) && word.len() > suffix.len(),
        (_, Some(prefix)) => word.starts_with(prefix),
        _ => pattern == word,
    }
}

/// Start indices in `ws` where the words of `pattern` occur in a row.
fn find(ws: &[Word], pattern: &[String]) -> Vec<usize> {
    if ws.len() < pattern.len() {
        return Vec::new();
    }
    (0..=ws.len() - pattern.len())
        .filter(|&i| {
            pattern
                .iter()
                .zip(&ws[i..])
                .all(|(p, w)| word_matches(p, &w.text))
        })
        .collect()
}

#[derive(Default)]
pub struct BlameLanguage {
    /// The built-in phrases and the KB's, parsed once per run.
    phrases: std::sync::OnceLock<Vec<Phrase>>,
}

impl Rule for BlameLanguage {
    fn code(&self) -> &'static str {
        "blame-language"
    }
    fn default_setting(&self) -> Setting {
        Setting::Warn
    }
    fn summary(&self) -> &'static str {
        "phrasing that blames people instead of systems (\"human error\", \"forgot to\", \"careless\")"
    }
    fn fix(&self) -> &'static str {
        "describe what the system allowed, not who acted"
    }
    fn check_incident(&self, cx: &Cx, inc: &Incident, out: &mut Vec<Draft>) {
        let phrases = self
            .phrases
            .get_or_init(|| phrases(&cx.settings.blame_phrases));
        for (text, source) in texts(inc) {
            let ws = words(&text);
            for p in phrases {
                for i in find(&ws, &p.words) {
                    let found = &text[ws[i].range.start..ws[i + p.words.len() - 1].range.end];
                    out.push(
                        finding(
                            At::Pos(position(inc, &source, &ws[i])),
                            format!("`{found}` blames a person"),
                        )
                        .help(format!("{}: {}", p.text, p.suggestion)),
                    );
                }
            }
        }
    }
}

/// Wordings that make a root cause a person's mistake.
const HUMAN_ERROR: &[&str] = &[
    "human error",
    "operator error",
    "user error",
    "engineer error",
    "developer error",
    "mistake*",
    "made an error",
    "typo",
    "typos",
    "fat-finger*",
    "fat finger*",
    "oversight",
    "misclick*",
    "carelessness",
    "human factor*",
];

pub struct RootCauseHumanError;

impl Rule for RootCauseHumanError {
    fn code(&self) -> &'static str {
        "root-cause-human-error"
    }
    fn default_setting(&self) -> Setting {
        Setting::Warn
    }
    fn summary(&self) -> &'static str {
        "a root cause whose text amounts to human error"
    }
    fn fix(&self) -> &'static str {
        "the root cause is never a human mistake: ask why the system allowed it, and make that the root cause"
    }
    fn check_incident(&self, _cx: &Cx, inc: &Incident, out: &mut Vec<Draft>) {
        for c in inc.doc.causes.iter().filter(|c| c.root) {
            let ws = words(&c.text);
            let hit = HUMAN_ERROR.iter().find(|p| {
                let pattern: Vec<String> = p.split([' ', '-']).map(str::to_string).collect();
                !find(&ws, &pattern).is_empty()
            });
            if let Some(p) = hit {
                let pos = inc.doc.file.yaml_pos(&format!("{}.text", c.path), true);
                out.push(finding(
                    At::Pos(pos),
                    format!(
                        "root cause `{}` amounts to human error (`{}`)",
                        c.id,
                        p.trim_end_matches('*')
                    ),
                ));
            }
        }
    }
}

/// Verbs that make their subject the one who failed.
const FAILURE_VERBS: &[&str] = &[
    "failed",
    "forgot",
    "forgotten",
    "broke",
    "deleted",
    "dropped",
    "missed",
    "ignored",
    "neglected",
    "caused",
    "botched",
    "messed",
    "screwed",
    "overlooked",
    "didn't",
    "didnt",
    "mistyped",
    "misconfigured",
];

pub struct NamedPersonBlame;

impl NamedPersonBlame {
    fn names(cx: &Cx, inc: &Incident) -> Vec<Vec<String>> {
        inc.doc
            .authors
            .iter()
            .chain(&cx.settings.people)
            .map(|n| {
                words(&n.replace(['-', '_'], " "))
                    .into_iter()
                    .map(|w| w.text)
                    .collect::<Vec<_>>()
            })
            .filter(|n| !n.is_empty() && n.iter().all(|w| w.len() >= 2))
            .collect()
    }
}

impl Rule for NamedPersonBlame {
    fn code(&self) -> &'static str {
        "named-person-blame"
    }
    fn default_setting(&self) -> Setting {
        Setting::Warn
    }
    fn summary(&self) -> &'static str {
        "a person (an author, or one of `people` in [lint]) as the subject of a failure verb"
    }
    fn fix(&self) -> &'static str {
        "name the action and the system, not the person: \"the DNS change went out without a check\""
    }
    fn check_incident(&self, cx: &Cx, inc: &Incident, out: &mut Vec<Draft>) {
        let names = Self::names(cx, inc);
        if names.is_empty() {
            return;
        }
        for (text, source) in texts(inc) {
            let ws = words(&text);
            for name in &names {
                for i in find(&ws, name) {
                    let after = &ws[i + name.len()..(i + name.len() + 3).min(ws.len())];
                    let verb = after.iter().enumerate().find(|(k, w)| {
                        FAILURE_VERBS.contains(&w.text.as_str())
                            || (w.text == "did"
                                && after.get(k + 1).is_some_and(|n| n.text == "not"))
                    });
                    if let Some((_, v)) = verb {
                        let who = &text[ws[i].range.start..ws[i + name.len() - 1].range.end];
                        out.push(finding(
                            At::Pos(position(inc, &source, &ws[i])),
                            format!("`{who}` is the subject of a failure (`{}`)", v.text),
                        ));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_whole_words_with_wildcards() {
        let ws = words("It was Jim's fault; a careless, carelessly typed flag. Failover to B.");
        let p = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        assert_eq!(find(&ws, &p("*'s fault")), [2]);
        assert_eq!(find(&ws, &p("careless*")).len(), 2);
        assert!(find(&ws, &p("failed to")).is_empty());
        assert!(find(&ws, &p("fault of")).is_empty());
    }

    #[test]
    fn the_phrase_list_parses() {
        let ps = phrases(&["dropped it => say which handoff was missing".to_string()]);
        assert!(ps.len() > 20);
        let last = ps.last().unwrap();
        assert_eq!(last.words, ["dropped", "it"]);
        assert_eq!(last.suggestion, "say which handoff was missing");
    }
}
