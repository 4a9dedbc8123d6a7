//! Lint rules for post-mortems: `&KnowledgeBase` + `[lint]` settings -> diagnostics. Each rule
//! is one file implementing [`Rule`], with a stable code, a one-line summary, a fix hint and a
//! default level that `[lint]` in hindsight.toml can change (`allow`, `warn`, `deny`). A finding
//! on a line preceded by `<!-- hindsight-disable-next-line CODE -->` (or, in front matter,
//! `# hindsight-disable-next-line CODE`) is dropped.

mod action_items;
mod blame;
mod completeness;
mod near_duplicate;
mod public;
mod seen_before;
mod subject;
mod unknown_cause;
mod whys;

use crate::config::Config;
use crate::diag::{At, Diagnostic, Draft, Level, Pos, nearest};
use crate::load::SourceFile;
use crate::model::{Incident, KnowledgeBase};
use jiff::civil::Date;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// How a rule's findings are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Setting {
    Allow,
    /// Reported as a note: information that never fails a build or `check --deny warnings`.
    Note,
    Warn,
    Deny,
}

impl Setting {
    fn parse(s: &str) -> Option<Setting> {
        match s {
            "allow" => Some(Setting::Allow),
            "note" => Some(Setting::Note),
            "warn" => Some(Setting::Warn),
            "deny" => Some(Setting::Deny),
            _ => None,
        }
    }

    fn level(self) -> Option<Level> {
        match self {
            Setting::Allow => None,
            Setting::Note => Some(Level::Note),
            Setting::Warn => Some(Level::Warning),
            Setting::Deny => Some(Level::Error),
        }
    }
}

/// A problem a rule found: a warning with no code yet. The rule's code, and the level
/// `[lint]` sets for it, are filled in when it is reported.
pub fn finding(at: At, message: impl Into<String>) -> Draft {
    Draft::warning(at, "", message)
}

/// What rules read.
pub struct Cx<'a> {
    pub kb: &'a KnowledgeBase,
    pub settings: &'a LintSettings,
    /// The day "overdue" is measured against.
    pub today: Date,
    /// The public versions of the public incidents, read once for the `public-*` rules.
    pub public: public::Versions,
}

/// A lint rule. Rules look at one incident at a time, or at the whole KB.
pub trait Rule: Sync {
    /// Stable, kebab-case: the name in `[lint]` and in suppression comments.
    fn code(&self) -> &'static str;
    fn default_setting(&self) -> Setting;
    /// One line: what the rule catches.
    fn summary(&self) -> &'static str;
    /// How to fix what it catches.
    fn fix(&self) -> &'static str;
    /// Reads the incident's body as the load stage read it (`incident.doc.body`).
    fn check_incident(&self, _cx: &Cx, _incident: &Incident, _out: &mut Vec<Draft>) {}
    /// KB-wide checks; findings carry the file they are in.
    fn check_kb(&self, _cx: &Cx, _out: &mut Vec<(usize, Draft)>) {}
}

/// Every rule, in the order the README lists them.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(blame::BlameLanguage::default()),
        Box::new(blame::RootCauseHumanError),
        Box::new(blame::NamedPersonBlame),
        Box::new(whys::CompoundWhy),
        Box::new(whys::WhysDepth),
        Box::new(completeness::MissingSection),
        Box::new(completeness::MissingField),
        Box::new(action_items::ActionItemOwner),
        Box::new(action_items::ActionItemOverdue),
        Box::new(action_items::NoDetectionItem),
        Box::new(unknown_cause::UnknownCause),
        Box::new(near_duplicate::NearDuplicateTerm),
        Box::new(seen_before::SeenBefore),
        Box::new(public::PublicApology),
        Box::new(public::PublicMissingTimes),
        Box::new(public::PublicMissingImpact),
        Box::new(public::PublicMissingRootCause),
        Box::new(public::PublicMissingActions),
        Box::new(public::PublicInternalLink),
    ]
}

/// `[lint]` of hindsight.toml, checked.
#[derive(Debug, Clone, Default)]
pub struct LintSettings {
    pub levels: HashMap<String, Setting>,
    /// Per checklist item levels for `missing-field` and `missing-section` (`[lint.required]`).
    pub required: HashMap<String, Setting>,
    /// Names of people (besides each incident's authors) for `named-person-blame`.
    pub people: Vec<String>,
    /// Extra blaming phrases (`phrase` or `phrase => suggestion`).
    pub blame_phrases: Vec<String>,
}

impl LintSettings {
    /// Reads `[lint]` of `config`; problems are diagnostics at their key in hindsight.toml
    /// (`config_path`).
    pub fn from_config(config: &Config, config_path: &str) -> (LintSettings, Vec<Diagnostic>) {
        let table = &config.lint;
        let mut s = LintSettings::default();
        let mut diags = Vec::new();
        let codes: Vec<&'static str> = rules().iter().map(|r| r.code()).collect();
        let at = |key: &str| config.lint_keys.get(key).copied().unwrap_or(Pos::START);
        let mut bad = |key: &str, msg: String, help: Option<String>| {
            diags
                .push(Diagnostic::warning(config_path, at(key), "config", msg).with_help_opt(help));
        };
        for (key, value) in table {
            match (key.as_str(), value) {
                ("people", v) => s.people = strings(v),
                ("blame-phrases", v) => s.blame_phrases = strings(v),
                ("required", toml::Value::Table(t)) => {
                    for (item, v) in t {
                        match v.as_str().and_then(Setting::parse) {
                            Some(level) if completeness::is_item(item) => {
                                s.required.insert(item.clone(), level);
                            }
                            _ => bad(
                                &format!("required.{item}"),
                                format!(
                                    "[lint.required] `{item}` must be a checklist item set to allow, warn or deny"
                                ),
                                Some(format!(
                                    "items: {}, {}",
                                    completeness::ITEMS.join(", "),
                                    completeness::FIELDS.join(", ")
                                )),
                            ),
                        }
                    }
                }
                (code, v) if codes.contains(&code) => match v.as_str().and_then(Setting::parse) {
                    Some(level) => {
                        s.levels.insert(code.to_string(), level);
                    }
                    None => bad(
                        code,
                        format!(
                            "[lint] `{code}` must be \"allow\", \"note\", \"warn\" or \"deny\""
                        ),
                        None,
                    ),
                },
                (other, _) => bad(
                    other,
                    format!("[lint] `{other}` is not a lint rule or setting"),
                    nearest(
                        other,
                        codes
                            .iter()
                            .copied()
                            .chain(["people", "blame-phrases", "required"]),
                    )
                    .map(|n| format!("did you mean `{n}`?")),
                ),
            }
        }
        (s, diags)
    }

    fn setting(&self, rule: &dyn Rule, item: Option<&str>) -> Setting {
        item.and_then(|i| self.required.get(i))
            .or_else(|| self.levels.get(rule.code()))
            .copied()
            .unwrap_or_else(|| rule.default_setting())
    }
}

fn strings(v: &toml::Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// What a lint run found: its diagnostics, and for each checklist item (`missing-field` and
/// `missing-section` findings), how many of the incidents it read were reported to lack it.
#[derive(Debug, Default)]
pub struct Found {
    pub diags: Vec<Diagnostic>,
    pub gaps: BTreeMap<&'static str, usize>,
}

/// Whether `inc` is a draft whose file's name says it is the template.
fn is_template(inc: &Incident) -> bool {
    inc.doc.status == crate::format::Status::Draft && crate::load::named_template(&inc.doc.file)
}

/// Runs every rule over the KB and returns the findings as diagnostics.
pub fn run(cx: &Cx) -> Vec<Diagnostic> {
    run_on(cx, |_| true).diags
}

/// Runs the per-incident rules on the incidents `select` keeps (a pre-commit hook asks about a
/// few files of a large KB), and the KB-wide rules on the whole KB.
pub fn run_on(cx: &Cx, select: impl Fn(&Incident) -> bool + Sync) -> Found {
    let rules = rules();
    let per_incident: Vec<(Vec<Diagnostic>, BTreeSet<&'static str>)> = cx
        .kb
        .incidents
        .par_iter()
        // The post-mortem template left among the post-mortems (read as a draft, which the load
        // already says): its placeholders are no findings.
        .filter(|inc| select(inc) && !is_template(inc))
        .map(|inc| {
            let suppressed = suppressions(&inc.doc.file.text);
            let mut out = Vec::new();
            let mut gaps = BTreeSet::new();
            for rule in &rules {
                let mut findings = Vec::new();
                rule.check_incident(cx, inc, &mut findings);
                for f in findings {
                    let item = f.item;
                    if let Some(d) = to_diag(cx, rule.as_ref(), &inc.doc.file, &suppressed, f) {
                        gaps.extend(item);
                        out.push(d);
                    }
                }
            }
            (out, gaps)
        })
        .collect();
    let mut gaps = BTreeMap::new();
    let mut all = Vec::new();
    for (diags, items) in per_incident {
        all.extend(diags);
        for item in items {
            *gaps.entry(item).or_insert(0) += 1;
        }
    }
    for rule in &rules {
        let mut found = Vec::new();
        rule.check_kb(cx, &mut found);
        for (i, f) in found {
            let file = &cx.kb.incidents[i].doc.file;
            all.extend(to_diag(
                cx,
                rule.as_ref(),
                file,
                &suppressions(&file.text),
                f,
            ));
        }
    }
    Found { diags: all, gaps }
}

/// A note when most post-mortems lack the same checklist items (a folder imported from a
/// blog or a wiki that never rates incidents or writes "What went well"): one
/// `missing-field` or `missing-section` warning per file says nothing the note does not, and
/// the note says how to turn them off. Items four fifths of at least three incidents lack,
/// whose level `[lint.required]` does not already set; `found` is of a run over them all.
pub fn required_hint(cx: &Cx, found: &Found, config_path: &str) -> Option<Diagnostic> {
    let n = cx.kb.incidents.len();
    if n < 3 {
        return None;
    }
    let common: Vec<(&str, usize)> = (found.gaps.iter())
        .map(|(&item, &c)| (item, c))
        .filter(|&(item, c)| c * 5 >= n * 4 && !cx.settings.required.contains_key(item))
        .collect();
    if common.is_empty() {
        return None;
    }
    let listed: Vec<String> = (common.iter())
        .map(|(item, c)| format!("`{item}` ({c} of {n})"))
        .collect();
    let settings: Vec<String> = (common.iter())
        .map(|(item, _)| format!("{item} = \"allow\""))
        .collect();
    Some(
        Diagnostic::new(
            Level::Note,
            config_path,
            Pos::START,
            "common-gaps",
            format!(
                "most post-mortems lack the same things: {}; if your team does not write them, turn their warnings off",
                listed.join(", ")
            ),
        )
        .with_help(format!(
            "add to hindsight.toml: [lint.required] with {}",
            settings.join(", ")
        )),
    )
}

fn to_diag(
    cx: &Cx,
    rule: &dyn Rule,
    file: &SourceFile,
    suppressed: &BTreeMap<usize, HashSet<String>>,
    f: Draft,
) -> Option<Diagnostic> {
    let level = cx.settings.setting(rule, f.item).level()?;
    let help = f.help.clone().unwrap_or_else(|| rule.fix().to_string());
    let d = file.place(Draft {
        level,
        code: rule.code(),
        help: Some(help),
        ..f
    });
    let hidden = suppressed
        .get(&d.line)
        .is_some_and(|codes| codes.is_empty() || codes.contains(rule.code()));
    (!hidden).then_some(d)
}

/// Lines (1-based) whose findings are suppressed, with the codes (empty: all codes).
pub fn suppressions(text: &str) -> BTreeMap<usize, HashSet<String>> {
    const MARK: &str = "hindsight-disable-next-line";
    let mut out = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let Some(at) = line.find(MARK) else { continue };
        let rest = line[at + MARK.len()..]
            .trim()
            .trim_end_matches("-->")
            .trim();
        let codes: HashSet<String> = rest
            .split([',', ' '])
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect();
        out.insert(i + 2, codes);
    }
    out
}

/// Rule metadata for `--format sarif` and the README table.
pub fn describe() -> Vec<(&'static str, Setting, &'static str, &'static str)> {
    rules()
        .iter()
        .map(|r| (r.code(), r.default_setting(), r.summary(), r.fix()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suppression_comments_cover_the_next_line() {
        let s = suppressions(
            "a\n<!-- hindsight-disable-next-line blame-language -->\nhuman error\n  # hindsight-disable-next-line\nx\n",
        );
        assert_eq!(
            s.get(&3).unwrap().iter().collect::<Vec<_>>(),
            ["blame-language"]
        );
        assert!(s.get(&5).unwrap().is_empty());
        assert!(!s.contains_key(&2));
    }

    #[test]
    fn settings_are_checked() {
        let text = "[lint]\nblame-language = \"deny\"\nblame-languag = \"warn\"\nmissing-field = \"often\"\npeople = [\"Jim\"]\n[lint.required]\nimpact = \"deny\"\nnope = \"warn\"\n";
        let (config, _) = Config::parse(text, "hindsight.toml");
        let (s, d) = LintSettings::from_config(&config.unwrap(), "hindsight.toml");
        assert_eq!(s.levels.get("blame-language"), Some(&Setting::Deny));
        assert_eq!(s.required.get("impact"), Some(&Setting::Deny));
        assert_eq!(s.people, ["Jim"]);
        assert_eq!(d.len(), 3, "{d:?}");
        let lines: Vec<usize> = d.iter().map(|d| d.line).collect();
        assert_eq!(lines, [3, 4, 8], "each at its key");
        assert!(
            d.iter()
                .any(|x| x.help.as_deref() == Some("did you mean `blame-language`?"))
        );
    }
}

#[cfg(test)]
mod readme {
    /// The README's rules table lists every rule with its default level.
    #[test]
    fn the_readme_documents_every_rule() {
        let readme = include_str!("../../../README.md");
        for (code, setting, _, _) in super::describe() {
            let level = match setting {
                super::Setting::Allow => "allow",
                super::Setting::Note => "note",
                super::Setting::Warn => "warn",
                super::Setting::Deny => "deny",
            };
            let row = format!("| `{code}` | {level} |");
            assert!(readme.contains(&row), "README has no row `{row}`");
        }
    }
}
