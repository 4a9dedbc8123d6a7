//! A file's front matter -> one `serde_yaml::Value`, whatever its syntax: YAML between `---`
//! lines, TOML between `+++` lines (Hugo, Zola; its dates become text, as YAML's are), or none
//! at all (an empty mapping). A syntax error becomes a diagnostic at its line and column.
//! YAML is read from saphyr-parser's events, resolving plain scalars as `serde_yaml` does;
//! what that reader leaves alone (a tag, an anchor, a repeated key, an error) `serde_yaml`
//! reads, so values and messages are `serde_yaml`'s either way.

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
        Syntax::Yaml => yaml_value(file.yaml()).map_err(|e| {
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

/// `text` read by [`quick`], else by `serde_yaml`.
fn yaml_value(text: &str) -> Result<Value, serde_yaml::Error> {
    quick(text).map_or_else(|| serde_yaml::from_str(text), Ok)
}

/// Nesting past which [`quick`] leaves a document to `serde_yaml` (whose limit is 128).
const QUICK_DEPTH: usize = 64;

/// `text` as `serde_yaml::from_str` reads it, or `None` when this reader leaves it to
/// `serde_yaml`: a syntax error, a tab or a control character, a tag, an anchor or alias, a
/// key that is not a scalar, a repeated key, an integer past 64 bits, deep nesting, or not
/// exactly one document.
/// The same values at a fraction of the cost: `serde_yaml`'s libyaml port allocates 64 KB of
/// buffers for every document (a 10k KB's front matters are 14 MB in 10,000 documents).
fn quick(text: &str) -> Option<Value> {
    use saphyr_parser::{Event, Parser, ScalarStyle};
    // libyaml refuses tabs where saphyr takes them as indentation and characters YAML does
    // not print (controls, U+FFFE) where saphyr reads them, and it breaks lines at U+0085,
    // U+2028 and U+2029 (YAML 1.1) where saphyr does not, and it takes a byte order mark
    // (U+FEFF) at the start of a line for the start of another document: such a text is
    // left to it.
    // libyaml takes a key without quotes of at most 1024 characters (a longer line's colon is
    // no key's); saphyr takes any: a text with a longer line is left to it too.
    if text.lines().any(|l| l.len() > 1024) {
        return None;
    }
    let printed = |c: char| {
        matches!(c, '\n' | '\r' | ' '..='~' | '\u{A0}'..='\u{2027}' | '\u{202A}'..='\u{D7FF}')
            || matches!(c, '\u{E000}'..='\u{FEFE}' | '\u{FF00}'..='\u{FFFD}' | '\u{10000}'..)
    };
    // `[name:]`, `{a:, b}`: saphyr reads a pair with an empty value where libyaml refuses a
    // colon before a flow indicator.
    if !text.chars().all(printed) || [":]", ":,", ":}"].iter().any(|p| text.contains(p)) {
        return None;
    }
    enum Open {
        Seq(Vec<Value>),
        Map(Mapping, Option<Value>),
    }
    let mut open: Vec<Open> = Vec::new();
    let mut root: Option<Value> = None;
    let mut documents = 0;
    for event in Parser::new_from_str(text) {
        let (event, _) = event.ok()?;
        let value = match event {
            Event::StreamStart | Event::DocumentEnd => continue,
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return None;
                }
                continue;
            }
            Event::Scalar(v, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                match style {
                    // saphyr takes plain text after an indicator that libyaml refuses
                    // (`[> a]`, `- :`, `: x`): left to it, as no front matter needs them.
                    ScalarStyle::Plain
                        if v.is_empty() && matches!(open.last(), Some(Open::Map(_, None))) =>
                    {
                        return None;
                    }
                    ScalarStyle::Plain
                        if v.starts_with([
                            ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%',
                            '@', '`', '?', ':',
                        ]) || v == "-"
                            || v.starts_with("- ") =>
                    {
                        return None;
                    }
                    ScalarStyle::Plain => plain_scalar(&v)?,
                    _ => Value::String(v.into_owned()),
                }
            }
            Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag)
                if anchor != 0 || tag.is_some() || open.len() >= QUICK_DEPTH =>
            {
                return None;
            }
            Event::SequenceStart(..) => {
                open.push(Open::Seq(Vec::new()));
                continue;
            }
            Event::MappingStart(..) => {
                open.push(Open::Map(Mapping::new(), None));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match open.pop()? {
                Open::Seq(items) => Value::Sequence(items),
                Open::Map(map, None) => Value::Mapping(map),
                Open::Map(_, Some(_)) => return None,
            },
            Event::Alias(_) | Event::Nothing => return None,
        };
        match open.last_mut() {
            None if root.is_none() => root = Some(value),
            None => return None,
            Some(Open::Seq(items)) => items.push(value),
            Some(Open::Map(_, key @ None)) => {
                if matches!(value, Value::Sequence(_) | Value::Mapping(_)) {
                    return None;
                }
                *key = Some(value);
            }
            Some(Open::Map(map, key)) => {
                let key = key.take()?;
                if map.insert(key, value).is_some() {
                    return None;
                }
            }
        }
    }
    if !open.is_empty() || documents != 1 {
        return None;
    }
    root
}

/// For the fuzzer: panics when [`quick`] reads the front matter of the post-mortem `text`
/// otherwise than `serde_yaml` (a value it refuses, or another value).
pub fn check_quick_yaml(text: &str) {
    let mut f = SourceFile::new("x.md".into(), "x.md".into(), text.into());
    if f.split_front_matter().is_err() || f.front_matter.is_none_or(|fm| fm.syntax != Syntax::Yaml)
    {
        return;
    }
    if let Some(q) = quick(f.yaml()) {
        match serde_yaml::from_str::<Value>(f.yaml()) {
            // `.nan` is no value equal to itself: compared as written out.
            Ok(slow) => assert!(
                q == slow || format!("{q:?}") == format!("{slow:?}"),
                "the quick YAML reader read {q:?} where serde_yaml reads {slow:?}"
            ),
            Err(e) => panic!("the quick YAML reader read what serde_yaml refuses: {e}"),
        }
    }
}

/// A plain scalar as `serde_yaml` resolves it (its `visit_untagged_scalar`): nothing, a
/// boolean, an integer, a float or else text. `None` for an integer past 64 bits.
fn plain_scalar(v: &str) -> Option<Value> {
    if matches!(v, "" | "null" | "Null" | "NULL" | "~") {
        return Some(Value::Null);
    }
    match v {
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    // Text that cannot be a number (the first byte of a number is a digit, a sign or a dot)
    // is text: most scalars of a front matter, decided here without trying every number form.
    if !v.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '.')) {
        return Some(Value::String(v.to_string()));
    }
    if let Some(u) = unsigned_int(v, u64::from_str_radix) {
        return Some(Value::Number(u.into()));
    }
    if let Some(i) = negative_int(v, i64::from_str_radix) {
        return Some(Value::Number(i.into()));
    }
    if unsigned_int(v, u128::from_str_radix).is_some()
        || negative_int(v, i128::from_str_radix).is_some()
    {
        return None;
    }
    if !digits_but_not_number(v)
        && let Some(f) = float(v)
    {
        return Some(Value::Number(f.into()));
    }
    Some(Value::String(v.to_string()))
}

// The number forms below are `serde_yaml`'s (yaml_serde 0.10.7, src/de.rs: parse_unsigned_int,
// parse_negative_int, parse_f64, digits_but_not_number), so both readers agree on every scalar.

fn unsigned_int<T>(
    v: &str,
    radix: fn(&str, u32) -> Result<T, std::num::ParseIntError>,
) -> Option<T> {
    let unpositive = v.strip_prefix('+').unwrap_or(v);
    for (prefix, base) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(n) = radix(rest, base) {
                return Some(n);
            }
        }
    }
    if unpositive.starts_with(['+', '-']) || digits_but_not_number(v) {
        return None;
    }
    radix(unpositive, 10).ok()
}

fn negative_int<T>(
    v: &str,
    radix: fn(&str, u32) -> Result<T, std::num::ParseIntError>,
) -> Option<T> {
    for (prefix, base) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
        if let Some(rest) = v.strip_prefix(prefix)
            && let Ok(n) = radix(&format!("-{rest}"), base)
        {
            return Some(n);
        }
    }
    if digits_but_not_number(v) {
        return None;
    }
    radix(v, 10).ok()
}

fn float(v: &str) -> Option<f64> {
    let unpositive = match v.strip_prefix('+') {
        Some(u) if u.starts_with(['+', '-']) => return None,
        Some(u) => u,
        None => v,
    };
    if let ".inf" | ".Inf" | ".INF" = unpositive {
        return Some(f64::INFINITY);
    }
    if let "-.inf" | "-.Inf" | "-.INF" = v {
        return Some(f64::NEG_INFINITY);
    }
    if let ".nan" | ".NaN" | ".NAN" = v {
        return Some(f64::NAN.copysign(1.0));
    }
    unpositive.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// Leading zeros before digits: text in YAML 1.2.
fn digits_but_not_number(v: &str) -> bool {
    let v = v.strip_prefix(['-', '+']).unwrap_or(v);
    v.len() > 1 && v.starts_with('0') && v[1..].bytes().all(|b| b.is_ascii_digit())
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

    /// Every front matter `quick` reads, it reads as `serde_yaml` does; what it leaves, it
    /// leaves to `serde_yaml`, so `read` gives `serde_yaml`'s value or error either way.
    fn same_as_serde_yaml(yaml: &str) -> bool {
        let quick = quick(yaml);
        if let Some(q) = &quick {
            let slow: Value = serde_yaml::from_str(yaml)
                .unwrap_or_else(|e| panic!("quick read what serde_yaml refuses ({e}):\n{yaml}"));
            assert_eq!(q, &slow, "{yaml}");
        }
        quick.is_some()
    }

    #[test]
    fn quick_yaml_reads_every_scalar_as_serde_yaml() {
        let read = [
            "a: 012\nb: 0x1F\nc: -0o17\nd: 1e3\ne: .5\nf: +1\ng: -1\nh: 0b101\ni: -0x1f\n",
            "date: 2024-03-01\nat: 10:30\nwhen: 2024-03-01T10:30:00Z\nv: 1.2.3\nn: 007\nm: -0\n",
            "a: ~\nb: Null\nc: NULL\nd:\ne: True\nf: FALSE\ng: yes\nh: off\ni: nan\nj: inf\n",
            "a: .inf\nb: -.INF\nc: +.Inf\nd: 1_000\ne: 1.\nf: +-1\ng: 0x+1\ni: .\n",
            "a: 18446744073709551615\nb: -9223372036854775808\nc: 1e400\nd: 3.14159265358979\n",
            "title: 'it''s \"quoted\"'\nsummary: >\n  folded\n  text\nbody: |\n  kept\n  lines\n",
            "tags: [a, 'b', \"c\", 1, true]\nmap: {x: 1, y: [2, 3]}\nempty: []\nnone: {}\n",
            "actions:\n  - what: Add an alert\n    owner: '@ana'\n    due: 2024-04-01\n  -\n    what: x\n",
            "title: a plain\n  scalar over\n  three lines\n# a comment\nk: v # trailing\n",
            "- a\n- b\n",
            "1: one\n2.5: two\ntrue: three\n~: four\n",
            "title: Ünïcödé ✓ 漢字\n",
        ];
        for y in read {
            assert!(same_as_serde_yaml(y), "quick left to serde_yaml:\n{y}");
        }
        let left = [
            "a: 18446744073709551616\n",
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "a: 1\na: 2\n",
            "? [a, b]\n: c\n",
            "a: [\n",
            "a: 1\n---\nb: 2\n",
            "",
            "# only a comment\n",
            "a: b: c\n",
            "h: -\n",
            "\ta: 1\n",
            "\u{FEFF}title: a byte order mark\n",
            "authors: [ana-facilitator:]\n",
        ];
        for y in left {
            assert!(
                !same_as_serde_yaml(y),
                "quick read, expected serde_yaml:\n{y}"
            );
        }
    }

    #[test]
    fn quick_yaml_reads_the_demo_and_the_examples_as_serde_yaml() {
        let mut files = Vec::new();
        let mut dirs = vec![
            std::path::PathBuf::from("content"),
            "examples".into(),
            "tests".into(),
        ];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() && !p.ends_with("node_modules") {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "md") {
                    files.push(p);
                }
            }
        }
        let (mut quick, mut yaml) = (0, 0);
        for p in &files {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            let mut f = SourceFile::new("x.md".into(), "x.md".into(), text);
            if f.split_front_matter().is_err() {
                continue;
            }
            if f.front_matter.is_some_and(|fm| fm.syntax == Syntax::Yaml) {
                yaml += 1;
                quick += usize::from(same_as_serde_yaml(f.yaml()));
            }
        }
        assert!(yaml > 100, "{yaml} YAML front matters");
        assert!(quick * 10 >= yaml * 9, "quick read {quick} of {yaml}");
    }
}
