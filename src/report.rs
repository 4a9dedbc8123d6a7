//! Diagnostics as text for people and machines: `human` (as the build prints them), `json`
//! (one object per line), `github` (workflow annotations) and `sarif` (2.1.0, for code
//! scanning); and the quiet form of a build's terminal output.

use crate::analyze::lint;
use crate::diag::{Diagnostic, Level};
use serde_json::json;

/// An output format of `hindsight check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
    Sarif,
}

/// Renders `diags` in `format`.
pub fn render(diags: &[Diagnostic], format: Format) -> String {
    match format {
        Format::Human => diags.iter().map(|d| format!("{d}\n")).collect(),
        Format::Json => diags
            .iter()
            .map(|d| format!("{}\n", serde_json::to_string(d).unwrap_or_default()))
            .collect(),
        Format::Github => diags.iter().map(github).collect(),
        Format::Sarif => serde_json::to_string_pretty(&sarif(diags)).unwrap_or_default() + "\n",
    }
}

/// `::warning file=...,line=...,col=...,title=...::message`, escaped as GitHub expects.
fn github(d: &Diagnostic) -> String {
    let kind = match d.level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Note => "notice",
    };
    let mut message = d.message.clone();
    if let Some(h) = &d.help {
        message.push_str(&format!(" (help: {h})"));
    }
    format!(
        "::{kind} file={},line={},col={},title={}::{}\n",
        escape_property(&d.path),
        d.line,
        d.col,
        escape_property(d.code),
        escape_data(&message)
    )
}

fn escape_data(s: &str) -> String {
    let s = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    crate::diag::escape_controls(&s).into_owned()
}

/// A path as a relative URI reference: percent-encoded where a URI cannot hold the character
/// as it is (control characters, spaces, `%`, `#`, `?`...).
pub(crate) fn uri(path: &str) -> String {
    const SET: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'[')
        .add(b']')
        .add(b'\\')
        .add(b'^')
        .add(b'`')
        .add(b'{')
        .add(b'|')
        .add(b'}');
    percent_encoding::utf8_percent_encode(path.trim_start_matches("./"), SET).to_string()
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// A SARIF 2.1.0 log with one run; rules are the lint rules plus every other code reported.
fn sarif(diags: &[Diagnostic]) -> serde_json::Value {
    let mut rules: Vec<serde_json::Value> = lint::describe()
        .into_iter()
        .map(|(code, setting, summary, fix)| {
            let level = match setting {
                lint::Setting::Deny => "error",
                lint::Setting::Warn => "warning",
                lint::Setting::Note => "note",
                lint::Setting::Allow => "none",
            };
            json!({
                "id": code,
                "shortDescription": { "text": summary },
                "help": { "text": fix },
                "defaultConfiguration": { "level": level },
            })
        })
        .collect();
    let mut known: Vec<String> = rules
        .iter()
        .filter_map(|r| r["id"].as_str().map(str::to_string))
        .collect();
    for d in diags {
        if !known.iter().any(|k| k == d.code) {
            known.push(d.code.to_string());
            rules.push(json!({ "id": d.code, "shortDescription": { "text": format!("content error: {}", d.code) } }));
        }
    }
    let results: Vec<serde_json::Value> = diags
        .iter()
        .map(|d| {
            let mut message = d.message.clone();
            if let Some(h) = &d.help {
                message.push_str(&format!("\nhelp: {h}"));
            }
            json!({
                "ruleId": d.code,
                "ruleIndex": known.iter().position(|k| k == d.code).unwrap_or(0),
                "level": match d.level { Level::Error => "error", Level::Warning => "warning", Level::Note => "note" },
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&d.path) },
                        "region": { "startLine": d.line, "startColumn": d.col },
                    }
                }],
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "hindsight",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }],
    })
}

/// At most this many warnings of one rule are printed by `build`; `check` prints them all.
pub const BUILD_WARNINGS_PER_RULE: usize = 20;

/// What a build prints of its diagnostics: every error, and at most `per_rule` warnings of each
/// rule (in order), with how many of each rule were left out and the count of every rule.
#[derive(Debug, Default)]
pub struct Quiet<'a> {
    pub shown: Vec<&'a Diagnostic>,
    /// Rules with warnings left out, and how many, in the order the rules first appear.
    pub left_out: Vec<(&'static str, usize)>,
    /// Every rule with its level and number of diagnostics, most frequent first.
    pub counts: Vec<(&'static str, Level, usize)>,
}

pub fn quiet(diags: &[Diagnostic], per_rule: usize) -> Quiet<'_> {
    let mut q = Quiet::default();
    // (code, level) -> index into q.counts, so the work is linear in the diagnostics.
    let mut seen: std::collections::HashMap<(&'static str, Level), usize> = Default::default();
    for d in diags {
        let i = *seen.entry((d.code, d.level)).or_insert_with(|| {
            q.counts.push((d.code, d.level, 0));
            q.counts.len() - 1
        });
        q.counts[i].2 += 1;
        if d.level == Level::Error || q.counts[i].2 <= per_rule {
            q.shown.push(d);
        }
    }
    q.left_out = q
        .counts
        .iter()
        .filter(|(_, level, n)| *level == Level::Warning && *n > per_rule)
        .map(|(code, _, n)| (*code, n - per_rule))
        .collect();
    q.counts
        .sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(&b.1)).then(a.0.cmp(b.0)));
    q
}

impl Quiet<'_> {
    /// The lines that end the printed diagnostics: one per rule with warnings left out.
    pub fn left_out_lines(&self) -> Vec<String> {
        self.left_out
            .iter()
            .map(|(code, n)| {
                let s = if *n == 1 { "" } else { "s" };
                format!("and {n} more `{code}` warning{s} (hindsight check lists all)")
            })
            .collect()
    }

    /// One line counting the diagnostics of every rule (`2 broken-link errors, 14
    /// missing-field warnings`), or `None` when there are none.
    pub fn summary(&self) -> Option<String> {
        (!self.counts.is_empty()).then(|| {
            let parts: Vec<String> = self
                .counts
                .iter()
                .map(|(code, level, n)| {
                    let s = if *n == 1 { "" } else { "s" };
                    format!("{n} {code} {level}{s}")
                })
                .collect();
            format!("by rule: {}", parts.join(", "))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Pos;

    #[test]
    fn a_file_name_with_control_characters_is_escaped_in_every_format() {
        let d = Diagnostic::error(
            "content/incidents/a\nb\u{1b}[31m.md",
            Pos::new(1, 1),
            "bad-id",
            "x",
        );
        let human = render(std::slice::from_ref(&d), Format::Human);
        assert_eq!(human.trim_end().lines().count(), 1, "{human}");
        assert!(
            human.starts_with("content/incidents/a\\u{a}b\\u{1b}[31m.md:1:1: error[bad-id]"),
            "{human}"
        );
        let github = render(std::slice::from_ref(&d), Format::Github);
        assert_eq!(github.lines().count(), 1, "{github}");
        assert!(!github.contains('\u{1b}'));
        let json = render(std::slice::from_ref(&d), Format::Json);
        assert_eq!(json.lines().count(), 1, "{json}");
        let sarif = render(std::slice::from_ref(&d), Format::Sarif);
        assert!(
            sarif.contains("\"uri\": \"content/incidents/a%0Ab%1B%5B31m.md\""),
            "{sarif}"
        );
    }

    #[test]
    fn a_build_shows_every_error_and_twenty_warnings_of_each_rule() {
        let mut diags = Vec::new();
        for i in 1..=25 {
            diags.push(Diagnostic::warning(
                "a.md",
                Pos::new(i, 1),
                "no-offset",
                "x",
            ));
            diags.push(Diagnostic::error(
                "a.md",
                Pos::new(i, 2),
                "broken-link",
                "x",
            ));
        }
        diags.push(Diagnostic::warning(
            "b.md",
            Pos::new(1, 1),
            "unknown-key",
            "x",
        ));
        let q = quiet(&diags, BUILD_WARNINGS_PER_RULE);
        assert_eq!(q.shown.len(), 25 + 20 + 1);
        assert_eq!(
            q.left_out_lines(),
            ["and 5 more `no-offset` warnings (hindsight check lists all)"]
        );
        assert_eq!(
            q.summary().as_deref(),
            Some("by rule: 25 broken-link errors, 25 no-offset warnings, 1 unknown-key warning")
        );
        assert!(quiet(&[], 20).summary().is_none());
    }

    #[test]
    fn github_annotations_escape_their_fields() {
        let d = Diagnostic::warning(
            "content/a,b.md",
            Pos::new(3, 7),
            "blame-language",
            "100% `careless`\nx",
        );
        assert_eq!(
            render(&[d], Format::Github),
            "::warning file=content/a%2Cb.md,line=3,col=7,title=blame-language::100%25 `careless`%0Ax\n"
        );
    }
}
