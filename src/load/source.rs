//! One content file in memory: its text, where its front matter and body are, and how to turn a
//! YAML path or a body offset into a `path:line:col` diagnostic.

use crate::diag::{Diagnostic, Level, Pos};
use crate::fingerprint::Fnv;
use std::borrow::Cow;

/// The language of a front matter block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// Between `---` lines (hindsight, Jekyll, Hugo).
    Yaml,
    /// Between `+++` lines (Hugo, Zola).
    Toml,
}

/// Where the front matter of a file lies.
#[derive(Debug, Clone, Copy)]
pub struct FrontMatter {
    pub syntax: Syntax,
    /// Byte range of the YAML (or TOML) between the fence lines.
    pub yaml_start: usize,
    pub yaml_end: usize,
    /// 1-based line of the first YAML line in the file.
    pub yaml_line: usize,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
}

/// Why the front matter could not be split off: its opening fence (`---` or `+++`) is never
/// closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unterminated(pub Syntax);

/// A content file read from disk.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the KB root, with `/` separators: `content/incidents/2017/x.md`.
    pub rel: String,
    /// Path as shown to the user (the root they gave joined with `rel`).
    pub display: String,
    pub text: String,
    pub front_matter: Option<FrontMatter>,
    /// Byte offsets where lines start, built on first use: positions are looked up, not
    /// counted from the top of the file each time.
    line_starts: std::sync::OnceLock<Vec<usize>>,
    /// Once [`SourceFile::pack`] was called: the text LZ4-compressed (`text` is then empty),
    /// and its fingerprint.
    packed: Option<(Vec<u8>, Fnv)>,
}

impl SourceFile {
    pub fn new(rel: String, display: String, text: String) -> Self {
        SourceFile {
            rel,
            display,
            text,
            front_matter: None,
            line_starts: std::sync::OnceLock::new(),
            packed: None,
        }
    }

    /// Compresses the text and gives back the plain text and the line index: a build holds
    /// every post-mortem from reading to rendering, where only the body is read again (by
    /// [`SourceFile::body_text`]). Markdown packs to about a third; at 100k incidents the
    /// texts weigh 356 MB. Positions, the front matter and [`SourceFile::body`] are not
    /// asked for afterwards.
    pub fn pack(&mut self) {
        if self.packed.is_some() {
            return;
        }
        let mut fnv = Fnv::default();
        fnv.update(self.text.as_bytes());
        let bytes = lz4_flex::compress_prepend_size(self.text.as_bytes());
        self.packed = Some((bytes, fnv));
        self.text = String::new();
        self.line_starts = std::sync::OnceLock::new();
    }

    /// The body, whether the text is packed or not.
    pub fn body_text(&self) -> Cow<'_, str> {
        let Some((bytes, _)) = &self.packed else {
            return Cow::Borrowed(self.body());
        };
        // The bytes were made by `pack` from a `String`: neither step can fail.
        let mut text = lz4_flex::decompress_size_prepended(bytes)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .unwrap_or_default();
        // The front matter off the top, in place (the body starts at a line start).
        text.drain(..self.body_offset().min(text.len()));
        Cow::Owned(text)
    }

    /// The FNV-1a state after the whole text, packed or not (the search index keys each
    /// incident's document by it).
    pub fn text_fingerprint(&self) -> Fnv {
        match &self.packed {
            Some((_, fnv)) => *fnv,
            None => {
                let mut fnv = Fnv::default();
                fnv.update(self.text.as_bytes());
                fnv
            }
        }
    }

    pub fn yaml(&self) -> &str {
        self.front_matter
            .map_or("", |fm| &self.text[fm.yaml_start..fm.yaml_end])
    }

    pub fn body(&self) -> &str {
        debug_assert!(
            self.packed.is_none(),
            "the body of a packed file was asked for"
        );
        self.front_matter
            .map_or(self.text.as_str(), |fm| &self.text[fm.body_start..])
    }

    /// Byte offset of the body in the file.
    pub fn body_offset(&self) -> usize {
        self.front_matter.map_or(0, |fm| fm.body_start)
    }

    /// The file position of a byte offset into the body.
    pub fn body_pos(&self, offset: usize) -> Pos {
        self.pos(self.body_offset() + offset)
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1))
                .collect()
        })
    }

    /// The text of the 1-based line `line`, without its line break; "" past the end.
    pub fn line_text(&self, line: usize) -> &str {
        let starts = self.line_starts();
        let Some(&start) = starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = starts.get(line).map_or(self.text.len(), |&e| e);
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }

    /// The file position of a byte offset into the file.
    pub fn pos(&self, offset: usize) -> Pos {
        let starts = self.line_starts();
        let offset = offset.min(self.text.len());
        let line = starts.partition_point(|&s| s <= offset).max(1);
        let start = starts[line - 1];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        Pos::new(line, col + 1)
    }

    /// The file position of a front-matter node given by a dotted path (`causes.1.because.0`);
    /// the key itself when `key` is true. Falls back to the enclosing node, then to the first
    /// line of the front matter.
    pub fn yaml_pos(&self, path: &str, key: bool) -> Pos {
        let Some(fm) = self.front_matter else {
            return Pos::START;
        };
        let yaml = self.yaml();
        if fm.syntax == Syntax::Toml {
            let span = toml::de::DeTable::parse(yaml)
                .map(|t| crate::config::span_of(&t, path, key))
                .unwrap_or(0..0);
            return if span.is_empty() {
                Pos::new(fm.yaml_line, 1)
            } else {
                self.pos(fm.yaml_start + span.start)
            };
        }
        let mut p = path;
        loop {
            if let Some(pos) = super::yaml::locate(yaml, p, key) {
                return Pos::new(fm.yaml_line + pos.line - 1, pos.col);
            }
            match p.rfind('.') {
                Some(i) => p = &p[..i],
                None => return Pos::new(fm.yaml_line, 1),
            }
        }
    }

    /// A diagnostic at a position of this file, with its source line.
    pub fn diag(
        &self,
        level: Level,
        pos: Pos,
        code: &'static str,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(level, &self.display, pos, code, message)
            .with_line(self.line_text(pos.line))
    }

    /// The line and column of a place in this file.
    pub fn pos_of(&self, at: &crate::diag::At) -> Pos {
        use crate::diag::At;
        match at {
            At::Pos(p) => *p,
            At::Body(offset) => self.body_pos(*offset),
            At::Yaml { path, key } => self.yaml_pos(path, *key),
        }
    }

    /// The diagnostic a draft becomes in this file: its place resolved to a line and column.
    pub fn place(&self, d: crate::diag::Draft) -> Diagnostic {
        let pos = self.pos_of(&d.at);
        self.diag(d.level, pos, d.code, d.message)
            .with_help_opt(d.help)
    }

    /// Splits front matter off the top of the text and records where things are. A file
    /// without front matter is all body.
    pub fn split_front_matter(&mut self) -> Result<(), Unterminated> {
        self.front_matter = split(&self.text)?;
        Ok(())
    }
}

/// Splits the front matter off the top of a file: YAML between a first line `---` and the next
/// line that is `---` (or `...`), or TOML between `+++` lines. Only the top of the file counts
/// (after a byte-order mark), so a later `---` (a thematic break) is body. `None` when the
/// file has no front matter.
pub fn split(text: &str) -> Result<Option<FrontMatter>, Unterminated> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[bom..];
    let first_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    let (syntax, closers): (Syntax, &[&str]) = match rest[..first_end].trim_end() {
        "---" => (Syntax::Yaml, &["---", "..."]),
        "+++" => (Syntax::Toml, &["+++"]),
        _ => return Ok(None),
    };
    let yaml_start = bom + first_end;
    if syntax == Syntax::Yaml && thematic_break(&text[yaml_start..]) {
        return Ok(None);
    }
    let mut offset = yaml_start;
    for l in text[yaml_start..].split_inclusive('\n') {
        if closers.contains(&l.trim_end()) {
            return Ok(Some(FrontMatter {
                syntax,
                yaml_start,
                yaml_end: offset,
                yaml_line: 2,
                body_start: offset + l.len(),
            }));
        }
        offset += l.len();
    }
    Err(Unterminated(syntax))
}

/// Whether a first `---` is a Markdown rule over the body rather than the start of front
/// matter: a blank line follows it, and the first line with text is no `key:` (`---`, a blank
/// line, `# Incident Report: Boot failure`, as wiki exports and hand-written reports open).
fn thematic_break(after: &str) -> bool {
    let mut lines = after.lines();
    if !lines.next().is_some_and(|l| l.trim().is_empty()) {
        return false;
    }
    let Some(first) = lines.map(str::trim_end).find(|l| !l.trim().is_empty()) else {
        return true;
    };
    let key = first.split_once(':').is_some_and(|(k, _)| {
        !k.is_empty()
            && !k.starts_with(['#', '*', '_', '>', '|', '['])
            && k.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' ' | '"' | '\''))
    });
    // A YAML comment is `#comment`; `# Title` and `## Title` are Markdown headings.
    let comment = first.starts_with('#') && !first.starts_with("##") && !first.starts_with("# ");
    let yaml = key || comment || first == "---" || first == "..." || first.starts_with("- ");
    !yaml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_over_the_body_is_no_front_matter() {
        let text =
            "---\n\n# Incident Report: Boot failure\n\nDate: 2026-06-10\n**Severity:** P2\n\n---\n";
        assert!(split(text).unwrap().is_none());
        assert!(split("---\n\n**Date:** 2026-06-10\n").unwrap().is_none());
        // Front matter that opens with a blank line, or is empty, is still front matter.
        assert!(split("---\n\ntitle: T\n---\nBody\n").unwrap().is_some());
        assert!(split("---\n\n---\nBody\n").unwrap().is_some());
        assert!(split("---\ntitle: T\n---\n").unwrap().is_some());
        assert!(split("---\n\n#comment\ntitle: T\n---\n").unwrap().is_some());
    }

    #[test]
    fn a_packed_file_gives_back_the_same_body_and_fingerprint() {
        let text = "---\ntitle: Köln ✓\n---\n# Ünïcode body\n\nThe 🔥 spread.\n".repeat(3);
        let mut f = SourceFile::new("content/incidents/x.md".into(), "x.md".into(), text);
        f.split_front_matter().unwrap();
        let (body, fingerprint) = (f.body().to_string(), f.text_fingerprint().finish());
        f.pack();
        assert!(f.text.is_empty());
        assert_eq!(f.body_text(), body);
        assert_eq!(f.text_fingerprint().finish(), fingerprint);
        let mut plain = SourceFile::new("a.md".into(), "a.md".into(), "no front matter".into());
        plain.split_front_matter().unwrap();
        plain.pack();
        assert_eq!(plain.body_text(), "no front matter");
    }

    #[test]
    fn splits_front_matter_and_keeps_later_rules_in_the_body() {
        let text = "---\ntitle: x\n---\nbody\n\n---\n\nmore\n";
        let fm = split(text).unwrap().unwrap();
        assert_eq!(&text[fm.yaml_start..fm.yaml_end], "title: x\n");
        assert_eq!(&text[fm.body_start..], "body\n\n---\n\nmore\n");
    }

    #[test]
    fn missing_and_unterminated() {
        assert!(split("title: x\n").unwrap().is_none());
        assert!(split("# A title\n\n---\n").unwrap().is_none());
        assert_eq!(
            split("---\ntitle: x\n").unwrap_err(),
            Unterminated(Syntax::Yaml)
        );
        assert_eq!(
            split("+++\ntitle = 'x'\n---\n").unwrap_err(),
            Unterminated(Syntax::Toml)
        );
        assert!(split("").unwrap().is_none());
        let text = "+++\ntitle = \"x\"\n+++\nbody";
        let fm = split(text).unwrap().unwrap();
        assert_eq!(fm.syntax, Syntax::Toml);
        assert_eq!(&text[fm.yaml_start..fm.yaml_end], "title = \"x\"\n");
        assert_eq!(&text[fm.body_start..], "body");
    }

    #[test]
    fn positions_match_counting_from_the_top() {
        let text = "---\ntitle: é\n---\nab\ncdé\n\nf";
        let mut f = SourceFile::new("x".into(), "x".into(), text.to_string());
        f.split_front_matter().unwrap();
        for offset in 0..=text.len() {
            if text.is_char_boundary(offset) {
                assert_eq!(
                    f.pos(offset),
                    crate::diag::pos_of_offset(text, offset),
                    "offset {offset}"
                );
            }
        }
    }

    #[test]
    fn crlf_and_bom() {
        let text = "\u{feff}---\r\ntitle: x\r\n---\r\nbody";
        let fm = split(text).unwrap().unwrap();
        assert_eq!(&text[fm.yaml_start..fm.yaml_end], "title: x\r\n");
        assert_eq!(&text[fm.body_start..], "body");
    }
}
