//! Blameless language, on what a reader sees of an incident (the body's prose and the
//! front-matter texts): `blame-language` flags a failure or mistake expression whose subject
//! is a role or a pronoun ("the on-call engineer missed the page"), and the phrases of
//! `blame-phrases.txt` and the KB's own wherever they appear outside quotation marks, code and
//! link addresses ("human error"); `named-person-blame` flags the same expressions with a
//! named person as subject (an author of the incident, or one of `[lint] people`);
//! `root-cause-human-error` flags a root cause whose text amounts to human error. Who the
//! subject is, is [`super::subject`]'s to work out.

use super::subject::{self, Blame};
use super::{Cx, Rule, Setting, finding};
use crate::analyze::text::{Word, words};
use crate::diag::{At, Draft};
use crate::model::Incident;

const PHRASES: &str = include_str!("blame-phrases.txt");

/// The texts of an incident a reader sees: the body's prose, and front-matter fields with the
/// YAML path of each.
fn texts(inc: &Incident) -> Vec<(String, Source)> {
    let d = &inc.doc;
    let mut out = vec![(d.body.prose(d.file.body()), Source::Body)];
    let mut field = |text: &str, path: String| out.push((text.to_string(), Source::Field(path)));
    // A title or impact read from the body is in its prose already.
    if d.title_from == crate::load::Origin::FrontMatter {
        field(&d.title, "title".into());
    }
    if let Some(i) = d.impact.as_ref().filter(|_| d.impact_from_front_matter) {
        field(i, "impact".into());
    }
    if let Some(s) = &d.summary {
        field(s, "summary".into());
    }
    // Causes and items read from the body are in its prose already.
    for c in d.causes.iter().filter(|c| c.at.is_none()) {
        field(&c.text, format!("{}.text", c.path));
    }
    for a in d.action_items.iter().filter(|a| a.at.is_none()) {
        field(&a.text, format!("{}.text", a.path));
    }
    out
}

enum Source {
    Body,
    Field(String),
}

fn at(source: &Source, offset: usize) -> At {
    match source {
        Source::Body => At::Body(offset),
        // The key's line: for a multi-line value (`text: >-`) that is where a suppression
        // comment can go, on the line before.
        Source::Field(path) => At::Yaml {
            path: path.clone(),
            key: true,
        },
    }
}

/// The phrases that always blame: the built-in ones and `[lint] blame-phrases`.
pub fn phrases(extra: &[String]) -> Vec<subject::Phrase> {
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
        .map(|(p, s)| subject::Phrase {
            words: p.split_whitespace().map(str::to_lowercase).collect(),
            text: p.trim().replace('*', "…"),
            suggestion: s.trim().to_string(),
        })
        .filter(|p| !p.words.is_empty())
        .collect()
}

/// The names of the people of an incident, each as its lowercase words: its authors and
/// `[lint] people`.
pub fn names(cx: &Cx, inc: &Incident) -> Vec<Vec<String>> {
    inc.doc
        .authors
        .iter()
        .chain(&cx.settings.people)
        .map(|n| {
            n.split_whitespace()
                .map(str::to_lowercase)
                .filter(|w| w.chars().count() >= 2)
                .collect::<Vec<_>>()
        })
        .filter(|n| !n.is_empty())
        .collect()
}

/// What the blame rules found in an incident, each with its source.
fn blames(cx: &Cx, inc: &Incident, phrases: &[subject::Phrase]) -> Vec<(Blame, At, String)> {
    let names = names(cx, inc);
    texts(inc)
        .into_iter()
        .flat_map(|(text, source)| {
            subject::find(&text, &names, phrases)
                .into_iter()
                .map(|b| {
                    let found = text[b.range.clone()].to_string();
                    let place = at(&source, b.range.start);
                    (b, place, found)
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

fn report(b: &Blame, at: At, found: &str) -> Draft {
    let message = match &b.subject {
        Some(who) => format!("`{found}` with `{who}` as its subject blames a person"),
        None => format!("`{found}` blames a person"),
    };
    finding(at, message).help(format!(
        "{}: {}; write what the system allowed, not who acted",
        b.expression, b.suggestion
    ))
}

#[derive(Default)]
pub struct BlameLanguage {
    /// The built-in phrases and the KB's, parsed once per run.
    phrases: std::sync::OnceLock<Vec<subject::Phrase>>,
}

impl Rule for BlameLanguage {
    fn code(&self) -> &'static str {
        "blame-language"
    }
    fn default_setting(&self) -> Setting {
        Setting::Warn
    }
    fn summary(&self) -> &'static str {
        "a failure or mistake with a role or pronoun as its subject (\"the operator forgot\"), or a phrase such as \"human error\""
    }
    fn fix(&self) -> &'static str {
        "describe what the system allowed, not who acted"
    }
    fn check_incident(&self, cx: &Cx, inc: &Incident, out: &mut Vec<Draft>) {
        let phrases = self
            .phrases
            .get_or_init(|| phrases(&cx.settings.blame_phrases));
        for (b, at, found) in blames(cx, inc, phrases) {
            if !b.named {
                out.push(report(&b, at, &found));
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
                !find_words(&ws, &pattern).is_empty()
            });
            if let Some(p) = hit {
                out.push(finding(
                    c.at("text", true),
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

pub struct NamedPersonBlame;

impl Rule for NamedPersonBlame {
    fn code(&self) -> &'static str {
        "named-person-blame"
    }
    fn default_setting(&self) -> Setting {
        Setting::Warn
    }
    fn summary(&self) -> &'static str {
        "a person (an author, or one of `people` in [lint]) as the subject of a failure or mistake"
    }
    fn fix(&self) -> &'static str {
        "name the action and the system, not the person: \"the DNS change went out without a check\""
    }
    fn check_incident(&self, cx: &Cx, inc: &Incident, out: &mut Vec<Draft>) {
        for (b, at, found) in blames(cx, inc, &[]) {
            if b.named {
                out.push(report(&b, at, &found));
            }
        }
    }
}

/// Start indices in `ws` where the words of `pattern` occur in a row.
fn find_words(ws: &[Word], pattern: &[String]) -> Vec<usize> {
    if ws.len() < pattern.len() {
        return Vec::new();
    }
    (0..=ws.len() - pattern.len())
        .filter(|&i| {
            pattern
                .iter()
                .zip(&ws[i..])
                .all(|(p, w)| subject::word_matches(p, &w.text))
        })
        .collect()
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::SectionMatcher;
    use crate::load::Body;

    #[test]
    fn the_phrase_list_parses() {
        let ps = phrases(&["dropped it => say which handoff was missing".to_string()]);
        assert!(ps.len() > 5);
        let last = ps.last().unwrap();
        assert_eq!(last.words, ["dropped", "it"]);
        assert_eq!(last.suggestion, "say which handoff was missing");
    }

    #[test]
    fn lazy_blames_people_not_software() {
        let always = phrases(&[]);
        let flagged = |sentence: &str| !subject::find(sentence, &[], &always).is_empty();
        for ok in [
            "The SDK lazy loaded its extensions after the first call.",
            "Lazy DB lookups hid the slow query until peak traffic.",
            "Lazy evaluation deferred the config error to the first request.",
        ] {
            assert!(!flagged(ok), "{ok}");
        }
        for blame in [
            "The reviewer was lazy and skipped the diff.",
            "A lazy engineer would have done the same.",
        ] {
            assert!(flagged(blame), "{blame}");
        }
    }

    #[test]
    fn a_mistake_noun_that_names_a_thing_of_the_software_is_not_blame() {
        let always = phrases(&[]);
        let flagged = |sentence: &str| !subject::find(sentence, &[], &always).is_empty();
        for ok in [
            "The process supervisor's error reporting went to a file nobody read.",
            "Our error budget for the quarter was spent by the second week.",
        ] {
            assert!(!flagged(ok), "{ok}");
        }
        assert!(flagged("It was the operator's error."));
    }

    #[test]
    fn a_wish_an_outcome_or_a_choice_is_not_a_slip() {
        let always = phrases(&[]);
        let flagged = |sentence: &str| !subject::find(sentence, &[], &always).is_empty();
        for ok in [
            "This was important, since we didn't want to create a fork in the blockchain.",
            "We did not lose any data or transactions, and the bug was recoverable.",
            "We were able to migrate state in a rolling migration, instead of doing another release.",
            "We chose to wait instead of rolling back.",
        ] {
            assert!(!flagged(ok), "{ok}");
        }
        assert!(flagged(
            "The engineer restarted the primary instead of the replica."
        ));
        assert!(flagged("The on-call engineer did not check the dashboard."));
        assert!(flagged(
            "@aronasorman looked over it without being thorough, and trusted the tool."
        ));
    }

    /// Precision and recall of the blame rules on a labelled set of sentences
    /// (`tests/fixtures/blame-sentences/`, `label<TAB>sentence<TAB>...`), each read as the body
    /// of a post-mortem whose people are the set's names.
    fn score(tsv: &str) -> (f64, f64, Vec<String>) {
        let names: Vec<Vec<String>> = [
            "Priya Raman",
            "Marcus",
            "Dana Kowalski",
            "Jim",
            "Noel",
            "Sasha Ito",
        ]
        .iter()
        .map(|n| n.split_whitespace().map(str::to_lowercase).collect())
        .collect();
        let always = phrases(&[]);
        let matcher = SectionMatcher::new(&Default::default());
        let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
        let mut wrong = Vec::new();
        for line in tsv.lines().skip(1).filter(|l| !l.trim().is_empty()) {
            let mut cols = line.split('\t');
            let (label, sentence) = (cols.next().unwrap(), cols.next().unwrap());
            let prose = Body::parse(sentence, &matcher).prose(sentence);
            let flagged = !subject::find(&prose, &names, &always).is_empty();
            match (label == "blame", flagged) {
                (true, true) => tp += 1.0,
                (false, true) => {
                    fp += 1.0;
                    wrong.push(format!("flagged, not blame: {sentence}"));
                }
                (true, false) => {
                    fn_ += 1.0;
                    wrong.push(format!("missed blame: {sentence}"));
                }
                _ => {}
            }
        }
        (tp / (tp + fp), tp / (tp + fn_), wrong)
    }

    #[test]
    fn the_labelled_sentences_are_scored_at_090_or_better() {
        for (name, tsv) in [
            (
                "dev",
                include_str!("../../../tests/fixtures/blame-sentences/dev.tsv"),
            ),
            (
                "dev2",
                include_str!("../../../tests/fixtures/blame-sentences/dev2.tsv"),
            ),
        ] {
            let (precision, recall, wrong) = score(tsv);
            eprintln!(
                "{name}: precision {precision:.3}, recall {recall:.3}\n  {}",
                wrong.join("\n  ")
            );
            assert!(
                precision >= 0.9 && recall >= 0.9,
                "{name}: precision {precision:.3}, recall {recall:.3}"
            );
        }
    }

    /// The held-out set of real post-mortem sentences, which the rules were not tuned on: its
    /// scores are reported (`cargo test -- --nocapture`), with a floor against regressions.
    #[test]
    fn the_held_out_real_sentences_are_scored_the_same_way() {
        let (precision, recall, _) = score(include_str!(
            "../../../tests/fixtures/blame-sentences/heldout.tsv"
        ));
        eprintln!("held-out set: precision {precision:.3}, recall {recall:.3}");
        assert!(
            precision >= 0.85 && recall >= 0.6,
            "precision {precision:.3}, recall {recall:.3}"
        );
    }
}
