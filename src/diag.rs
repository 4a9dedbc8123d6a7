//! Diagnostics: content problems located at `path:line:col`, collected (never thrown) so that a
//! user sees every problem of a build at once, sorted, with the source line and a `help:`.

use std::fmt;

/// How serious a diagnostic is: errors fail the build, warnings do not (nor does `check`
/// unless `--deny warnings`), and notes never fail anything: they say something worth knowing
/// (`seen-before`: this draft is like past incidents), not something to fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Note,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "note",
        })
    }
}

/// A position in a source file: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    pub const START: Pos = Pos { line: 1, col: 1 };

    pub fn new(line: usize, col: usize) -> Self {
        Pos {
            line: line.max(1),
            col: col.max(1),
        }
    }
}

/// Where a [`Draft`] points, before it is placed in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum At {
    /// A line and column of the file.
    Pos(Pos),
    /// A byte offset into the body.
    Body(usize),
    /// A front-matter node by its dotted YAML path (`causes.1.because.0`): its key when `key`
    /// is true (unknown keys), else its value.
    Yaml { path: String, key: bool },
}

/// A problem found before it has a file: where it points, how serious it is and what it says.
/// The stages that find problems (front matter, timeline, lint rules) make drafts;
/// `SourceFile::place` turns one into a [`Diagnostic`] with its position and source line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub at: At,
    pub level: Level,
    pub code: &'static str,
    pub message: String,
    pub help: Option<String>,
    /// The checklist item a lint finding is about (`[lint.required]` sets each one's level).
    pub item: Option<&'static str>,
}

impl Draft {
    pub fn error(at: At, code: &'static str, message: impl Into<String>) -> Self {
        Draft {
            at,
            level: Level::Error,
            code,
            message: message.into(),
            help: None,
            item: None,
        }
    }

    pub fn warning(at: At, code: &'static str, message: impl Into<String>) -> Self {
        Draft {
            level: Level::Warning,
            ..Draft::error(at, code, message)
        }
    }

    /// A front-matter problem at the value (or, with `key`, the key) of `path`.
    pub fn yaml(path: impl Into<String>, code: &'static str, message: impl Into<String>) -> Self {
        Draft::error(
            At::Yaml {
                path: path.into(),
                key: false,
            },
            code,
            message,
        )
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// The same draft pointing at the key of its YAML path rather than its value.
    pub fn at_key(mut self) -> Self {
        if let At::Yaml { key, .. } = &mut self.at {
            *key = true;
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

/// One problem found in the content, at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// The file as the user would type it (the KB root joined with the relative path).
    pub path: String,
    pub line: usize,
    pub col: usize,
    pub level: Level,
    /// A stable, kebab-case code such as `unknown-key`.
    pub code: &'static str,
    pub message: String,
    pub help: Option<String>,
    /// The part of the offending source line around the column, when there is one.
    #[serde(skip)]
    pub source: Option<Snippet>,
}

/// At most this many characters of a source line are kept with a diagnostic, around its
/// column: a diagnostic on a line of a pasted log costs the same as on a short one.
pub const SNIPPET_CHARS: usize = 200;

/// At most this many diagnostics of one code are reported per file; the rest are counted in
/// one "and N more" line.
pub const PER_RULE_PER_FILE: usize = 50;

/// A window of a source line, for the line shown under a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// The characters shown (tabs as spaces, control characters as `\u{..}` escapes excluded).
    pub text: String,
    /// Where the caret goes, in characters from the start of `text`.
    pub caret: usize,
    /// Whether the line goes on before and after the window.
    pub cut_before: bool,
    pub cut_after: bool,
}

impl Snippet {
    /// The window of `line` around the 1-based column `col` (in characters).
    pub fn of_line(line: &str, col: usize) -> Snippet {
        let line = line.trim_end_matches(['\r', '\n']);
        let at = col.saturating_sub(1);
        let start = at.saturating_sub(SNIPPET_CHARS / 2);
        let mut chars = line.chars().skip(start);
        let text: String = chars
            .by_ref()
            .take(SNIPPET_CHARS)
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let shown = text.chars().count();
        Snippet {
            caret: (at - start).min(shown),
            text,
            cut_before: start > 0,
            cut_after: chars.next().is_some(),
        }
    }
}

impl Diagnostic {
    pub fn error(
        path: impl Into<String>,
        pos: Pos,
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Level::Error, path, pos, code, message)
    }

    pub fn warning(
        path: impl Into<String>,
        pos: Pos,
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Level::Warning, path, pos, code, message)
    }

    /// A diagnostic of any level.
    pub fn new(
        level: Level,
        path: impl Into<String>,
        pos: Pos,
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.into(),
            line: pos.line,
            col: pos.col,
            level,
            code,
            message: message.into(),
            help: None,
            source: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// Attaches the source line the diagnostic points at, found in the file's text by counting
    /// lines (for short files such as the config; [`crate::load::SourceFile`] looks lines up).
    pub fn with_source(self, text: &str) -> Self {
        match text.lines().nth(self.line.saturating_sub(1)) {
            Some(line) => self.with_line(line),
            None => self,
        }
    }

    /// Attaches `line`, the source line the diagnostic points at (a window of it).
    pub fn with_line(mut self, line: &str) -> Self {
        self.source = Some(Snippet::of_line(line, self.col));
        self
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }

    fn sort_key(&self) -> (&str, usize, usize, Level, &str) {
        (&self.path, self.line, self.col, self.level, self.code)
    }
}

impl fmt::Display for Diagnostic {
    /// `path:line:col: error[code]: message`, then the source line with a caret, then `help:`.
    /// Control characters in the path (a file name with a line break) are escaped, so that a
    /// diagnostic is always one line followed by its source.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}:{}:{}: {}[{}]: {}",
            escape_controls(&self.path),
            self.line,
            self.col,
            self.level,
            self.code,
            escape_controls(&self.message)
        )?;
        if let Some(src) = &self.source {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            let (before, lead) = if src.cut_before { ("…", 1) } else { ("", 0) };
            let after = if src.cut_after { "…" } else { "" };
            writeln!(f, "{number} | {before}{}{after}", src.text)?;
            writeln!(f, "{pad} | {}^", " ".repeat(src.caret + lead))?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "  = help: {help}")?;
        }
        Ok(())
    }
}

/// The diagnostics of one build, in the order they are reported.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.level == Level::Warning)
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file, then position, errors before warnings at the same place; exact
    /// duplicates (the same problem found twice) are dropped, and past
    /// [`PER_RULE_PER_FILE`] of one code in one file, the rest are one "and N more" line.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.items.dedup();
        cap_per_rule(self.items)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

/// Keeps the first [`PER_RULE_PER_FILE`] diagnostics of each (file, code, level) of a sorted
/// list; the others become one diagnostic at the first one left out, saying how many there are.
fn cap_per_rule(sorted: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut counts: std::collections::HashMap<(String, &'static str, Level), usize> =
        std::collections::HashMap::new();
    for d in &sorted {
        *counts.entry((d.path.clone(), d.code, d.level)).or_default() += 1;
    }
    if counts.values().all(|&n| n <= PER_RULE_PER_FILE) {
        return sorted;
    }
    let mut seen: std::collections::HashMap<(String, &'static str, Level), usize> =
        std::collections::HashMap::new();
    let mut out = Vec::with_capacity(sorted.len().min(counts.len() * (PER_RULE_PER_FILE + 1)));
    for d in sorted {
        let key = (d.path.clone(), d.code, d.level);
        let n = seen.entry(key.clone()).or_default();
        *n += 1;
        if *n <= PER_RULE_PER_FILE {
            out.push(d);
        } else if *n == PER_RULE_PER_FILE + 1 {
            let more = counts[&key] - PER_RULE_PER_FILE;
            out.push(Diagnostic {
                message: format!(
                    "and {more} more `{}` {} in this file, from here on",
                    d.code,
                    match d.level {
                        Level::Error => "errors",
                        Level::Warning => "warnings",
                        Level::Note => "notes",
                    }
                ),
                help: Some(format!(
                    "only the first {PER_RULE_PER_FILE} of each kind are shown per file; fix those and build again"
                )),
                ..d
            });
        }
    }
    out
}

/// Text with control characters (line breaks, escapes) written as `\u{..}`, so that a name
/// or message cannot break a line of output or drive the terminal.
pub fn escape_controls(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// The closest candidate to `word` by edit distance, if it is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_lc = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&word_lc, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(word.chars().count()) / 3).max(1) + 1)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The 1-based line and column of a byte offset in `text`.
pub fn pos_of_offset(text: &str, offset: usize) -> Pos {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Pos::new(line, before[line_start..].chars().count() + 1)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_finds_typos_and_rejects_strangers() {
        let keys = ["severity", "services", "started", "status"];
        assert_eq!(nearest("sevrity", keys), Some("severity"));
        assert_eq!(nearest("servces", keys), Some("services"));
        assert_eq!(nearest("owner", keys), None);
    }

    #[test]
    fn offsets_map_to_lines_and_columns() {
        let text = "ab\ncdé\nf";
        assert_eq!(pos_of_offset(text, 0), Pos::new(1, 1));
        assert_eq!(pos_of_offset(text, 4), Pos::new(2, 2));
        assert_eq!(pos_of_offset(text, 8), Pos::new(3, 1));
    }

    #[test]
    fn display_shows_source_and_caret() {
        let d = Diagnostic::error(
            "a.md",
            Pos::new(2, 11),
            "unknown-severity",
            "unknown severity `SEV9`",
        )
        .with_source("---\nseverity: SEV9\n")
        .with_help("expected one of SEV1, SEV2");
        let shown = d.to_string();
        assert!(shown.starts_with("a.md:2:11: error[unknown-severity]: unknown severity `SEV9`\n"));
        assert!(shown.contains("2 | severity: SEV9\n  |           ^\n"));
        assert!(shown.contains("= help: expected one of SEV1, SEV2"));
    }
}
