//! Diagnostics: content problems located at `path:line:col`, collected (never thrown) so that a
//! user sees every problem of a build at once, sorted, with the source line and a `help:`.

use std::fmt;

/// How serious a diagnostic is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Error => "error",
            Level::Warning => "warning",
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
    /// The offending line of the source, when there is one.
    #[serde(skip)]
    pub source_line: Option<String>,
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

    fn new(
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
            source_line: None,
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

    /// Attaches the source line the diagnostic points at, taken from the file's text.
    pub fn with_source(mut self, text: &str) -> Self {
        self.source_line = text
            .lines()
            .nth(self.line.saturating_sub(1))
            .map(|l| l.trim_end_matches('\r').to_string());
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
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}:{}:{}: {}[{}]: {}",
            self.path, self.line, self.col, self.level, self.code, self.message
        )?;
        if let Some(src) = &self.source_line {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            // Show the line as it is, but expand tabs so the caret lines up.
            let shown: String = src
                .chars()
                .take(200)
                .map(|c| if c == '\t' { ' ' } else { c })
                .collect();
            writeln!(f, "{number} | {shown}")?;
            let caret_col = self.col.saturating_sub(1).min(shown.chars().count());
            writeln!(f, "{pad} | {}^", " ".repeat(caret_col))?;
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
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file, then position, errors before warnings at the same place; exact
    /// duplicates (the same problem found twice) are dropped.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.items.dedup();
        self.items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
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
