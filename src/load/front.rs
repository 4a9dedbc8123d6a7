//! A file's front matter -> one `serde_yaml::Value`, whatever its syntax: YAML between `---`
//! lines, TOML between `+++` lines (Hugo, Zola; its dates become text, as YAML's are), or none
//! at all (an empty mapping). A syntax error becomes a diagnostic at its line and column.

use super::SourceFile;
use super::source::Syntax;
use crate::diag::{Diagnostic, Level, Pos};
use serde_yaml::{Mapping, Value};

/// The front matter of `file` (already split) as a YAML value.
pub fn read(file: &SourceFile) -> Result<Value, Box<Diagnostic>> {
    let Some(fm) = file.front_matter else {
        return Ok(Value::Mapping(Mapping::new()));
    };
    match fm.syntax {
        Syntax::Yaml => serde_yaml::from_str(file.yaml()).map_err(|e| {
            let pos = e.location().map_or(Pos::new(fm.yaml_line, 1), |l| {
                Pos::new(fm.yaml_line + l.line() - 1, l.column())
            });
            Box::new(file.diag(Level::Error, pos, "yaml", yaml_message(&e)).with_help(
                "check the indentation and quote values that contain `: ` or start with `[`, `{`, `*`, `&` or `#`",
            ))
        }),
        Syntax::Toml => match file.yaml().parse::<toml::Table>() {
            Ok(t) => Ok(from_toml(toml::Value::Table(t))),
            Err(e) => {
                let pos = e
                    .span()
                    .map_or(Pos::new(fm.yaml_line, 1), |s| file.pos(fm.yaml_start + s.start));
                Err(Box::new(
                    file.diag(Level::Error, pos, "toml", e.message().to_string())
                        .with_help("check the quoting: TOML strings are written `key = \"value\"`"),
                ))
            }
        },
    }
}

/// serde_yaml's message without its trailing " at line X column Y" (we print our own).
fn yaml_message(e: &serde_yaml::Error) -> String {
    let msg = e.to_string();
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    }
}

/// A TOML value as the YAML value the same front matter would give; dates and times become
/// their text (`2023-03-09`, `2020-11-02T08:00:00Z`).
fn from_toml(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::Number(i.into()),
        toml::Value::Float(f) => Value::Number(f.into()),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Sequence(a.into_iter().map(from_toml).collect()),
        toml::Value::Table(t) => Value::Mapping(
            t.into_iter()
                .map(|(k, v)| (Value::String(k), from_toml(v)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Result<Value, Box<Diagnostic>> {
        let mut f = SourceFile::new("content/incidents/x.md".into(), "x.md".into(), text.into());
        f.split_front_matter().unwrap();
        read(&f)
    }

    #[test]
    fn toml_front_matter_reads_like_yaml() {
        let v = value("+++\ntitle = \"Search read-only\"\ndate = 2020-11-02T08:00:00Z\nday = 2023-03-09\ntags = [\"disk\", \"search\"]\ndraft = false\n+++\nbody").unwrap();
        let y = value("---\ntitle: Search read-only\ndate: 2020-11-02T08:00:00Z\nday: 2023-03-09\ntags: [disk, search]\ndraft: false\n---\nbody").unwrap();
        assert_eq!(v, y);
    }

    #[test]
    fn no_front_matter_is_an_empty_mapping_and_errors_have_positions() {
        assert_eq!(
            value("# Title\n\nBody").unwrap(),
            Value::Mapping(Mapping::new())
        );
        let e = value("+++\ntitle = \"x\"\ndate = nope\n+++\n").unwrap_err();
        assert_eq!((e.code, e.line), ("toml", 3));
        let e = value("---\ntitle: x\n  bad: [\n---\n").unwrap_err();
        assert_eq!(e.code, "yaml");
    }
}
