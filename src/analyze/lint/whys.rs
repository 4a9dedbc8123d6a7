//! The five whys, by the seed's rules: each why is one verifiable statement (`compound-why`),
//! and the chain goes deep enough to reach a cause (`whys-depth`).

use super::{Cx, Rule, Setting, finding};
use crate::analyze::text::{is_stopword, words};
use crate::diag::{At, Draft};
use crate::format::SectionKind;
use crate::model::Incident;
use std::collections::HashSet;

/// Words that start a new clause after "and": "X and the Y did Z" is two statements.
const CLAUSE_STARTS: &[&str] = &[
    "the", "a", "an", "it", "its", "we", "they", "there", "this", "that", "no", "nobody", "our",
    "their", "he", "she", "someone", "nothing", "then", "also",
];

/// Why a why states two things, if it does. A why written as its question and its answer
/// (`Why did X? Because Y.`, as the Atlassian template writes them) states its answer: the
/// question and the `Because` that opens the answer are not a second statement.
fn compound(why: &str) -> Option<&'static str> {
    let why = match why.split_once('?') {
        Some((question, answer))
            if question.trim_start().to_lowercase().starts_with("why")
                && !answer.trim().is_empty() =>
        {
            let answer = answer.trim_start();
            (answer.get(..8))
                .filter(|b| b.eq_ignore_ascii_case("because "))
                .map_or(answer, |_| &answer[8..])
        }
        _ => why,
    };
    let ws = words(why);
    let has = |w: &str| ws.iter().any(|x| x.text == w);
    if has("because") {
        return Some("it contains `because`: the cause belongs in the next why");
    }
    if why.contains("; ") {
        return Some("it joins two statements with `;`");
    }
    let lower = why.to_lowercase();
    if lower.contains(" as well as ") || lower.contains(" and also ") {
        return Some("it lists two causes");
    }
    let and_clause = ws
        .windows(2)
        .any(|p| p[0].text == "and" && CLAUSE_STARTS.contains(&p[1].text.as_str()));
    and_clause.then_some("it joins two statements with `and`")
}

pub struct CompoundWhy;

impl Rule for CompoundWhy {
    fn code(&self) -> &'static str {
        "compound-why"
    }
    fn default_setting(&self) -> Setting {
        Setting::Warn
    }
    fn summary(&self) -> &'static str {
        "a five-whys item that states two causes (\"X and Y\", \"X because Y\")"
    }
    fn fix(&self) -> &'static str {
        "keep one verifiable statement per why; split the other into its own why, or explore it in `causes` (why-because graph)"
    }
    fn check_incident(&self, _cx: &Cx, inc: &Incident, out: &mut Vec<Draft>) {
        let sections = &inc.doc.body.sections;
        for s in sections
            .iter()
            .filter(|s| s.kind == Some(SectionKind::FiveWhys))
        {
            for (n, why) in s.top_items().enumerate() {
                if let Some(reason) = compound(&why.text) {
                    out.push(finding(
                        At::Body(why.offset),
                        format!("why #{} is compound: {reason}", n + 1),
                    ));
                }
            }
        }
    }
}

pub struct WhysDepth;

/// Content words of a text, lowercased, without a plural `s`.
fn content_words(text: &str) -> HashSet<String> {
    words(text)
        .into_iter()
        .map(|w| {
            w.text
                .trim_end_matches("'s")
                .trim_end_matches('s')
                .to_string()
        })
        .filter(|w| !is_stopword(w) && w.len() >= 4)
        .collect()
}

impl Rule for WhysDepth {
    fn code(&self) -> &'static str {
        "whys-depth"
    }
    fn default_setting(&self) -> Setting {
        Setting::Warn
    }
    fn summary(&self) -> &'static str {
        "fewer than three whys, or a last why that no cause in `causes` reflects"
    }
    fn fix(&self) -> &'static str {
        "keep asking why until you reach something the system can change, and record it as a root cause in `causes`"
    }
    fn check_incident(&self, _cx: &Cx, inc: &Incident, out: &mut Vec<Draft>) {
        // An empty section (only a prompt comment) is `missing-section`'s to report.

        for s in inc
            .doc
            .body
            .sections
            .iter()
            .filter(|s| s.kind == Some(SectionKind::FiveWhys) && s.has_content)
        {
            let whys: Vec<_> = s.top_items().collect();
            if whys.len() < 3 {
                out.push(finding(
                    At::Body(s.heading_offset),
                    format!(
                        "only {} why{}: the chain stops before a systemic cause",
                        whys.len(),
                        if whys.len() == 1 { "" } else { "s" }
                    ),
                ));
                continue;
            }
            let Some(last) = whys.last() else {
                continue;
            };
            if inc.doc.causes.is_empty() || last.text.contains("cause:") {
                continue;
            }
            let why = content_words(&last.text);
            let tied = inc.doc.causes.iter().any(|c| {
                let cause = content_words(&format!("{} {}", c.text, c.id.replace('-', " ")));
                why.intersection(&cause).count() >= 2
            });
            if !tied {
                out.push(
                    finding(At::Body(last.offset), "the last why is not reflected in any cause in `causes`")
                        .help("add the root cause it names to `causes` (with `root: true`), or link it with [[cause:id]]"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::compound;

    #[test]
    fn compound_whys() {
        assert!(compound("The URL was wrong because the file was edited by hand.").is_some());
        assert!(compound("Deploys went to every host and the canary was skipped.").is_some());
        assert!(compound("The CRM was unreachable; the form had no timeout.").is_some());
        assert!(compound("The settings file is used only in production and staging.").is_none());
        assert!(compound("Exhaust pipe vibration.").is_none());
        // The template's question and answer: the answer alone is read.
        assert!(
            compound(
                "Why did customers see stale balances? Because reads went to lagging replicas."
            )
            .is_none()
        );
        assert!(
            compound(
                "Why 2 – Why did it lag? Because the disk was slow because of a noisy neighbour."
            )
            .is_some()
        );
    }
}
