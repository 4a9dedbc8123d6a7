//! Reading front matter: `serde_yaml` parses it to a `Value`; [`Fields`] turns that into typed
//! fields while collecting every problem (wrong type, unknown key, missing field) as a
//! [`Draft`] at the YAML path it concerns; [`locate`] maps such a path back to a line and
//! column, lazily, only for files that have something to report.

use crate::diag::{At, Draft, Level, nearest};
use saphyr_parser::{Event, Parser};
use serde_yaml::{Mapping, Value};

/// Joins a parent path and a key or index.
pub fn child(parent: &str, seg: impl std::fmt::Display) -> String {
    if parent.is_empty() {
        seg.to_string()
    } else {
        format!("{parent}.{seg}")
    }
}

/// A YAML mapping being read field by field; problems accumulate in `problems`.
pub struct Fields<'a> {
    map: &'a Mapping,
    path: String,
    pub problems: &'a mut Vec<Draft>,
    /// Top-level fields given by an alias, and the key as written (`started` -> `date`).
    written_as: Vec<(String, String)>,
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

/// A scalar as text: strings as they are, numbers and booleans as written.
pub(crate) fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

impl<'a> Fields<'a> {
    /// Reads `value` as a mapping; a problem and `None` if it is something else.
    pub fn new(
        value: &'a Value,
        path: &str,
        what: &str,
        problems: &'a mut Vec<Draft>,
    ) -> Option<Self> {
        match value {
            Value::Mapping(map) => Some(Fields {
                map,
                path: path.to_string(),
                problems,
                written_as: Vec::new(),
            }),
            other => {
                problems.push(Draft::yaml(
                    path,
                    "wrong-type",
                    format!(
                        "{what} must be a mapping of `key: value` pairs, not {}",
                        type_name(other)
                    ),
                ));
                None
            }
        }
    }

    /// Reads a mapping of the top level whose fields may have been given by aliases: their
    /// problems point at the keys as written.
    pub fn top(
        map: &'a Mapping,
        written_as: Vec<(String, String)>,
        problems: &'a mut Vec<Draft>,
    ) -> Self {
        Fields {
            map,
            path: String::new(),
            problems,
            written_as,
        }
    }

    pub fn path_of(&self, key: &str) -> String {
        let key = self
            .written_as
            .iter()
            .find(|(field, _)| field == key)
            .map_or(key, |(_, alias)| alias.as_str());
        child(&self.path, key)
    }

    /// Warns about keys outside `known`, naming the nearest known key.
    pub fn check_keys(&mut self, known: &[&str], what: &str) {
        self.check_keys_besides(known, &[], what);
    }

    /// [`Fields::check_keys`], with `extra` (the config's `extra_keys`) known too, though not
    /// read.
    pub fn check_keys_besides(&mut self, known: &[&str], extra: &[String], what: &str) {
        for k in self.map.keys() {
            let name = scalar_text(k).unwrap_or_default();
            if known.contains(&name.as_str()) || extra.contains(&name) {
                continue;
            }
            let help = match nearest(&name, known.iter().copied()) {
                Some(n) => format!("did you mean `{n}`?"),
                None => format!(
                    "known keys: {}; a key other tools read can be listed in `extra_keys` of hindsight.toml",
                    known.join(", ")
                ),
            };
            let mut p = Draft::yaml(
                self.path_of(&name),
                "unknown-key",
                format!("`{name}`: unknown key in {what}"),
            )
            .at_key()
            .help(help);
            p.level = Level::Warning;
            self.problems.push(p);
        }
    }

    fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    pub fn value(&self, key: &str) -> Option<&'a Value> {
        self.get(key)
    }

    fn wrong_type(&mut self, key: &str, expected: &str, got: &Value) {
        self.problems.push(Draft::yaml(
            self.path_of(key),
            "wrong-type",
            format!("`{key}` must be {expected}, not {}", type_name(got)),
        ));
    }

    /// A text field (numbers and booleans are taken as written).
    pub fn text(&mut self, key: &str) -> Option<String> {
        let v = self.get(key)?;
        match scalar_text(v) {
            Some(s) => Some(s),
            None => {
                self.wrong_type(key, "text", v);
                None
            }
        }
    }

    /// A required text field: a `missing-field` problem when absent or blank.
    pub fn required_text(&mut self, key: &str, what: &str) -> Option<String> {
        let t = self.text(key);
        if t.as_deref().is_none_or(|t| t.trim().is_empty())
            && !self.problems.iter().any(|p| is_at(p, &self.path_of(key)))
        {
            self.problems.push(
                Draft::yaml(
                    self.path.clone(),
                    "missing-field",
                    format!("{what} has no `{key}`"),
                )
                .at_key()
                .help(format!("add `{key}: ...` to {what}")),
            );
            return None;
        }
        t
    }

    pub fn bool(&mut self, key: &str) -> Option<bool> {
        let v = self.get(key)?;
        match v {
            Value::Bool(b) => Some(*b),
            other => {
                self.wrong_type(key, "`true` or `false`", other);
                None
            }
        }
    }

    pub fn int(&mut self, key: &str) -> Option<i64> {
        let v = self.get(key)?;
        match v.as_i64() {
            Some(i) => Some(i),
            None => {
                self.wrong_type(key, "a whole number", v);
                None
            }
        }
    }

    /// A list of text items, each with its path; a single string counts as a list of one.
    pub fn text_list(&mut self, key: &str) -> Vec<(String, String)> {
        let Some(v) = self.get(key) else {
            return vec![];
        };
        let path = self.path_of(key);
        match v {
            Value::Sequence(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    match scalar_text(item) {
                        Some(s) => out.push((s, child(&path, i))),
                        None => {
                            let d = Draft::yaml(
                                child(&path, i),
                                "wrong-type",
                                format!("items of `{key}` must be text, not {}", type_name(item)),
                            );
                            // `- #incident`, as Obsidian tags are written in the text: in YAML
                            // the `#` starts a comment, and the item is empty.
                            self.problems.push(match item.is_null() {
                                true => d.help("an item is empty: a `#` starts a comment in YAML; write `- incident`, or quote it: `- \"#incident\"`"),
                                false => d,
                            });
                        }
                    }
                }
                out
            }
            Value::String(s) => vec![(s.clone(), path)],
            other => {
                self.wrong_type(key, "a list such as `[a, b]`", other);
                vec![]
            }
        }
    }

    /// A list of mappings (causes, action items): each item with its path.
    pub fn list(&mut self, key: &str) -> Vec<(&'a Value, String)> {
        let Some(v) = self.get(key) else {
            return vec![];
        };
        let path = self.path_of(key);
        match v {
            Value::Sequence(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| (item, child(&path, i)))
                .collect(),
            other => {
                self.wrong_type(key, "a list of entries (`- id: ...`)", other);
                vec![]
            }
        }
    }

    /// Records a problem about the value of `key`.
    pub fn problem(
        &mut self,
        key: &str,
        code: &'static str,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        self.problems
            .push(Draft::yaml(self.path_of(key), code, message).help_opt(help));
    }
}

/// A 1-based line and 1-based column inside the YAML text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YamlPos {
    pub line: usize,
    pub col: usize,
}

enum Frame {
    Map {
        path: String,
        key: Option<(String, YamlPos)>,
    },
    Seq {
        path: String,
        index: usize,
    },
}

/// Finds the node at a dotted path (`causes.1.because.0`) in YAML text: the position of its
/// key (`key == true`, for mapping entries) or of its value. `None` if there is no such node.
pub fn locate(yaml: &str, target: &str, key: bool) -> Option<YamlPos> {
    let mut parser = Parser::new_from_str(yaml);
    let mut stack: Vec<Frame> = Vec::new();
    while let Some(Ok((event, span))) = parser.next_event() {
        let here = YamlPos {
            line: span.start.line(),
            col: span.start.col() + 1,
        };
        let starts = matches!(event, Event::MappingStart(..) | Event::SequenceStart(..));
        let is_node = starts || matches!(event, Event::Scalar(..) | Event::Alias(..));
        if matches!(event, Event::MappingEnd | Event::SequenceEnd) {
            stack.pop();
            advance(&mut stack);
            continue;
        }
        if !is_node {
            continue;
        }
        // A scalar in key position names the next entry of the enclosing mapping.
        if let Some(Frame::Map {
            key: k @ None,
            path,
        }) = stack.last_mut()
            && let Event::Scalar(name, ..) = &event
        {
            if key && child(path, name) == target {
                return Some(here);
            }
            *k = Some((name.to_string(), here));
            continue;
        }
        let (path, key_pos) = match stack.last() {
            None => (String::new(), None),
            Some(Frame::Map { path, key }) => match key {
                Some((k, p)) => (child(path, k), Some(*p)),
                None => (path.clone(), None),
            },
            Some(Frame::Seq { path, index }) => (child(path, index), None),
        };
        if path == target && !path.is_empty() {
            return Some(if key { key_pos.unwrap_or(here) } else { here });
        }
        match event {
            Event::MappingStart(..) => stack.push(Frame::Map { path, key: None }),
            Event::SequenceStart(..) => stack.push(Frame::Seq { path, index: 0 }),
            _ => advance(&mut stack),
        }
    }
    None
}

/// Moves the enclosing collection past a finished value.
fn advance(stack: &mut [Frame]) {
    match stack.last_mut() {
        Some(Frame::Map { key, .. }) => *key = None,
        Some(Frame::Seq { index, .. }) => *index += 1,
        None => {}
    }
}

/// Whether a draft points at the YAML node `path`.
fn is_at(d: &Draft, path: &str) -> bool {
    matches!(&d.at, At::Yaml { path: p, .. } if p == path)
}

/// Turns front-matter drafts into diagnostics located in `file`.
pub fn report(
    file: &super::SourceFile,
    problems: Vec<Draft>,
    diags: &mut Vec<crate::diag::Diagnostic>,
) {
    diags.extend(problems.into_iter().map(|p| file.place(p)));
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "title: x\nservices: [a, b]\ncauses:\n  - id: one\n    because: [two]\n  - id: two\n    text: >-\n      long\nrelated:\n  - r1\n  - r2\n";

    #[test]
    fn locates_keys_and_values() {
        assert_eq!(
            locate(YAML, "title", true),
            Some(YamlPos { line: 1, col: 1 })
        );
        assert_eq!(
            locate(YAML, "title", false),
            Some(YamlPos { line: 1, col: 8 })
        );
        assert_eq!(
            locate(YAML, "services.1", false),
            Some(YamlPos { line: 2, col: 15 })
        );
        assert_eq!(
            locate(YAML, "causes.0.because.0", false),
            Some(YamlPos { line: 5, col: 15 })
        );
        assert_eq!(
            locate(YAML, "causes.1.id", false),
            Some(YamlPos { line: 6, col: 9 })
        );
        assert_eq!(
            locate(YAML, "causes.1.text", true),
            Some(YamlPos { line: 7, col: 5 })
        );
        assert_eq!(
            locate(YAML, "related.1", false),
            Some(YamlPos { line: 11, col: 5 })
        );
        assert_eq!(locate(YAML, "nope", false), None);
    }

    #[test]
    fn fields_collect_every_problem() {
        let v: Value = serde_yaml::from_str("title: [x]\nsevrity: SEV1\ntags: {a: 1}\n").unwrap();
        let mut problems = vec![];
        let mut f = Fields::new(&v, "", "an incident", &mut problems).unwrap();
        f.check_keys(&["title", "severity", "tags"], "an incident");
        assert_eq!(f.text("title"), None);
        assert!(f.text_list("tags").is_empty());
        let path = |d: &Draft| match &d.at {
            At::Yaml { path, .. } => path.clone(),
            other => format!("{other:?}"),
        };
        let codes: Vec<(&str, String)> = problems.iter().map(|p| (p.code, path(p))).collect();
        assert_eq!(
            codes,
            [
                ("unknown-key", "sevrity".to_string()),
                ("wrong-type", "title".to_string()),
                ("wrong-type", "tags".to_string())
            ]
        );
        assert_eq!(
            problems[0].help.as_deref(),
            Some("did you mean `severity`?")
        );
    }
}
