//! Code highlighting with syntect, as CSS classes (`hl-*`) rather than inline colours, so one
//! generated stylesheet gives both the light and the dark theme.
//!
//! A block is a `<pre tabindex="0">`: a long line makes it scroll sideways, and a reader on the
//! keyboard must be able to focus it to scroll it. The stylesheet applies exactly one of the two
//! themes at a time, and every token colour in it reads at WCAG AA (4.5:1) on its background.

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Code is highlighted up to this many bytes a page: a block that would take a page past it
/// is shown without highlighting. syntect's regexes run at about 100 KB/s on some syntaxes
/// (R, 2 cores, 2026-12-05: a 260 KB block took 2.8 s), so this keeps a page's highlighting
/// under about 0.7 s; and nobody reads a pasted dump for its colours.
pub const MAX_PAGE_BYTES: usize = 64 * 1024;
/// Likewise for a block with a line longer than this many characters (minified code, a log
/// line with a whole payload), where one line can cost syntect seconds.
pub const MAX_LINE_CHARS: usize = 10_000;

/// Loaded syntax definitions; built once per build and shared by every page.
pub struct Highlighter {
    syntaxes: SyntaxSet,
    /// How many blocks were shown plain because of their size.
    too_large: std::sync::atomic::AtomicUsize,
}

impl Default for Highlighter {
    fn default() -> Self {
        Highlighter {
            syntaxes: SyntaxSet::load_defaults_newlines(),
            too_large: std::sync::atomic::AtomicUsize::new(0),
        }
    }
}

/// Whether a block is too large to highlight (see [`MAX_PAGE_BYTES`], [`MAX_LINE_CHARS`]).
fn too_large(code: &str) -> bool {
    // A line of more than MAX_LINE_CHARS characters has more than that many bytes: only such
    // lines need their characters counted.
    code.len() > MAX_PAGE_BYTES
        || (code.len() > MAX_LINE_CHARS
            && code
                .lines()
                .any(|l| l.len() > MAX_LINE_CHARS && l.chars().count() > MAX_LINE_CHARS))
}

impl Highlighter {
    /// How many code blocks were shown without highlighting because of their size.
    pub fn too_large_count(&self) -> usize {
        self.too_large.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The HTML for a fenced code block: highlighted when the language is known, the block is
    /// not too large, and the page's code highlighted so far (`spent`, in bytes, which this
    /// adds to) leaves room for it.
    pub fn block(&self, code: &str, lang: &str, spent: &mut usize) -> String {
        let lang = lang.split([',', ' ']).next().unwrap_or("").trim();
        let mut syntax = (!lang.is_empty())
            .then(|| self.syntaxes.find_syntax_by_token(lang))
            .flatten();
        if syntax.is_some() && (too_large(code) || *spent + code.len() > MAX_PAGE_BYTES) {
            self.too_large
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            syntax = None;
        }
        if syntax.is_some() {
            *spent += code.len();
        }
        let escaped_lang = crate::render::escape(lang);
        let Some(syntax) = syntax else {
            let class = if lang.is_empty() {
                String::new()
            } else {
                format!(" class=\"language-{escaped_lang}\"")
            };
            return format!(
                "<pre class=\"code\" tabindex=\"0\"><code{class}>{}</code></pre>\n",
                crate::render::escape(code)
            );
        };
        let mut generator =
            ClassedHTMLGenerator::new_with_class_style(syntax, &self.syntaxes, STYLE);
        for line in LinesWithEndings::from(code) {
            if generator
                .parse_html_for_line_which_includes_newline(line)
                .is_err()
            {
                return format!(
                    "<pre class=\"code\" tabindex=\"0\"><code>{}</code></pre>\n",
                    crate::render::escape(code)
                );
            }
        }
        format!(
            "<pre class=\"code hl-code\" tabindex=\"0\" data-lang=\"{escaped_lang}\"><code class=\"language-{escaped_lang}\">{}</code></pre>\n",
            generator.finalize()
        )
    }
}

/// The stylesheet for highlighted code: the light theme, and the dark one for dark mode.
///
/// Each theme applies only where the page is in its mode, as in style.css: dark under a dark OS
/// (on screen) unless the toggle chose light (`html.light`), or wherever the toggle chose dark
/// (`html.dark`); light everywhere else. Both themes never apply at once, so the light theme's
/// long selectors (JSON's nest twenty deep) cannot outrank the dark theme's short ones. Token
/// colours too faint for their background are darkened or lightened until they read (see
/// [`legible`]).
pub fn stylesheet(light: &str, dark: &str) -> Result<String, String> {
    let themes = ThemeSet::load_defaults();
    let theme = |name: &str| {
        themes.themes.get(name).ok_or_else(|| {
            let names: Vec<&str> = themes.themes.keys().map(String::as_str).collect();
            format!(
                "unknown highlight theme `{name}`; themes are: {}",
                names.join(", ")
            )
        })
    };
    let light_css = legible(
        &css_for_theme_with_class_style(theme(light)?, STYLE).map_err(|e| e.to_string())?,
        LIGHT_PANEL,
    );
    let dark_css = legible(
        &css_for_theme_with_class_style(theme(dark)?, STYLE).map_err(|e| e.to_string())?,
        DARK_PANEL,
    );
    Ok(format!(
        "/* Code highlighting: {light} (light), {dark} (dark). Generated by hindsight. */\n\
         @media not screen and (prefers-color-scheme: dark) {{\n{}}}\n{}\
         @media screen and (prefers-color-scheme: dark) {{\n{}}}\n{}",
        scope(&light_css, "html:not(.dark)"),
        scope(&light_css, "html.light"),
        scope(&dark_css, "html:not(.light)"),
        scope(&dark_css, "html.dark"),
    ))
}

/// The code block's background when a theme gives none: style.css's `--panel-2`.
const LIGHT_PANEL: Rgb = Rgb(0xf2, 0xf4, 0xf6);
const DARK_PANEL: Rgb = Rgb(0x20, 0x26, 0x2d);
/// The contrast aimed for: WCAG AA for text under 18.66 px bold (code is 14 px), with a margin
/// for rounding.
const MIN_CONTRAST: f64 = 4.6;

#[derive(Debug, Clone, Copy, PartialEq)]
struct Rgb(u8, u8, u8);

impl Rgb {
    /// `#rgb`, `#rrggbb` or `#rrggbbaa` (syntect's forms), blended over `under` when translucent.
    fn parse(s: &str, under: Rgb) -> Option<Rgb> {
        let hex = s.trim().strip_prefix('#')?;
        let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        let (c, alpha) = match hex.len() {
            3 => {
                let d = |i: usize| {
                    u8::from_str_radix(hex.get(i..i + 1)?, 16)
                        .ok()
                        .map(|v| v * 17)
                };
                (Rgb(d(0)?, d(1)?, d(2)?), 255)
            }
            6 => (Rgb(byte(0)?, byte(2)?, byte(4)?), 255),
            8 => (Rgb(byte(0)?, byte(2)?, byte(4)?), byte(6)?),
            _ => return None,
        };
        Some(c.mix(under, 1.0 - f64::from(alpha) / 255.0))
    }

    /// `self` moved a fraction `t` of the way to `other`.
    fn mix(self, other: Rgb, t: f64) -> Rgb {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }

    /// WCAG relative luminance.
    fn luminance(self) -> f64 {
        let lin = |v: u8| {
            let c = f64::from(v) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// `fg`, or the nearest colour towards black (on a light `bg`) or white (on a dark one) that
/// reads on `bg` at [`MIN_CONTRAST`]; black or white itself when nothing nearer does.
fn readable(fg: Rgb, bg: Rgb) -> Rgb {
    let to = if bg.contrast(Rgb(0, 0, 0)) >= bg.contrast(Rgb(255, 255, 255)) {
        Rgb(0, 0, 0)
    } else {
        Rgb(255, 255, 255)
    };
    (0..=50)
        .map(|step| fg.mix(to, f64::from(step) / 50.0))
        .find(|c| c.contrast(bg) >= MIN_CONTRAST)
        .unwrap_or(to)
}

/// A theme's CSS with every `color` made readable on the rule's own `background-color`, or else
/// on the code block's (the theme's `.hl-code` background, or `panel` without one). Themes
/// ship faint comments and constants (InspiredGitHub's comments are 2.9:1 on white), and a
/// knowledge base is read, not only skimmed.
fn legible(css: &str, panel: Rgb) -> String {
    let css = strip_comments(css);
    let rules: Vec<(&str, &str)> = css
        .split('}')
        .filter_map(|rule| rule.split_once('{'))
        .collect();
    let decl = |decls: &str, name: &str| {
        decls.split(';').find_map(|d| {
            let (k, v) = d.split_once(':')?;
            (k.trim() == name).then(|| v.trim().to_string())
        })
    };
    let block_bg = rules
        .iter()
        .find(|(sel, _)| sel.trim() == ".hl-code")
        .and_then(|(_, decls)| decl(decls, "background-color"))
        .and_then(|v| Rgb::parse(&v, panel))
        .unwrap_or(panel);
    let mut out = String::with_capacity(css.len());
    for (selectors, decls) in rules {
        let bg = decl(decls, "background-color")
            .and_then(|v| Rgb::parse(&v, block_bg))
            .unwrap_or(block_bg);
        let decls: Vec<String> = decls
            .split(';')
            .map(|d| match d.split_once(':') {
                Some((k, v)) if k.trim() == "color" => match Rgb::parse(v, bg) {
                    Some(fg) if fg.contrast(bg) < MIN_CONTRAST => {
                        format!("{k}: {}", readable(fg, bg).hex())
                    }
                    _ => d.to_string(),
                },
                _ => d.to_string(),
            })
            .collect();
        out.push_str(&format!("{} {{{}}}\n", selectors.trim(), decls.join(";")));
    }
    out
}

fn strip_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    out
}

/// Prefixes every selector of every rule with `prefix` (the dark theme applies under it).
fn scope(css: &str, prefix: &str) -> String {
    let css = strip_comments(css);
    let mut out = String::new();
    for rule in css.split('}') {
        let Some((selectors, decls)) = rule.split_once('{') else {
            continue;
        };
        let scoped: Vec<String> = selectors
            .split(',')
            .map(|s| format!("{prefix} {}", s.trim()))
            .collect();
        out.push_str(&format!("{} {{{}}}\n", scoped.join(", "), decls));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Highlighter {
        fn block_alone(&self, code: &str, lang: &str) -> String {
            self.block(code, lang, &mut 0)
        }
    }

    #[test]
    fn a_page_highlights_its_code_up_to_its_budget() {
        let h = Highlighter::default();
        let mut spent = 0;
        let half = "let x = 1;\n".repeat(MAX_PAGE_BYTES / 22);
        assert!(h.block(&half, "rust", &mut spent).contains("hl-"));
        assert!(h.block(&half, "rust", &mut spent).contains("hl-"));
        assert!(!h.block(&half, "rust", &mut spent).contains("hl-"));
        assert_eq!(h.too_large_count(), 1);
        // A block of a language no one highlights costs nothing.
        assert!(h.block("x\n", "nosuchlang", &mut spent).contains("x"));
    }

    #[test]
    fn known_languages_get_classes_and_unknown_ones_are_escaped() {
        let h = Highlighter::default();
        let html = h.block_alone("let x = 1;\n", "rust");
        assert!(html.contains("hl-"), "{html}");
        assert!(html.contains("data-lang=\"rust\""));
        let plain = h.block_alone("<b>\n", "nosuchlang");
        assert!(plain.contains("&lt;b&gt;"));
    }

    #[test]
    fn blocks_too_large_are_shown_plain_and_counted() {
        let h = Highlighter::default();
        let long_line = format!("echo {}\n", "\"$(x)\" ".repeat(MAX_LINE_CHARS / 6));
        let html = h.block_alone(&long_line, "bash");
        assert!(!html.contains("hl-"), "not highlighted");
        assert!(html.contains("language-bash") && html.contains("&quot;$(x)&quot;"));
        let many_lines = "let x = 1;\n".repeat(MAX_PAGE_BYTES / 10);
        assert!(!h.block_alone(&many_lines, "rust").contains("hl-"));
        assert_eq!(h.too_large_count(), 2);
        assert!(h.block_alone("let x = 1;\n", "rust").contains("hl-"));
        assert_eq!(h.too_large_count(), 2);
    }

    #[test]
    fn stylesheet_has_both_themes() {
        let css = stylesheet("InspiredGitHub", "base16-ocean.dark").unwrap();
        assert!(css.contains("html.dark .hl-"));
        assert!(css.contains("html:not(.light) .hl-"));
        assert!(css.contains("html.light .hl-"));
        assert!(css.contains("html:not(.dark) .hl-"));
        assert!(!css.contains("/*\n"));
        assert!(stylesheet("Nope", "base16-ocean.dark").is_err());
    }

    #[test]
    fn every_rule_applies_in_one_mode_only() {
        // The light theme's JSON rules once outranked the dark theme's in dark mode (1.03:1).
        let css = stylesheet("InspiredGitHub", "base16-ocean.dark").unwrap();
        for line in css.lines().filter(|l| l.contains(".hl-")) {
            let scopes = [
                "html:not(.dark) ",
                "html.light ",
                "html:not(.light) ",
                "html.dark ",
            ];
            for selector in line.split('{').next().unwrap().split(',') {
                assert!(
                    scopes.iter().any(|s| selector.trim().starts_with(s)),
                    "{selector}"
                );
            }
        }
    }

    #[test]
    fn faint_colours_are_made_readable() {
        let white = Rgb(255, 255, 255);
        let ocean = Rgb(0x2b, 0x30, 0x3b);
        // InspiredGitHub's comments and constants; base16-ocean's comments.
        for (fg, bg) in [("#969896", white), ("#0086b3", white), ("#65737e", ocean)] {
            let fg = Rgb::parse(fg, bg).unwrap();
            let fixed = readable(fg, bg);
            assert!(fixed.contrast(bg) >= 4.5, "{fg:?} on {bg:?}: {fixed:?}");
            assert!(fixed.contrast(bg) < 6.0, "only as far as needed: {fixed:?}");
        }
        let css = legible(
            ".hl-code { color: #323232; background-color: #2b303b; }\n.hl-comment { color: #65737e; font-style: italic; }\n.hl-x { color: #ffffff80; background-color: #000000; }",
            DARK_PANEL,
        );
        assert!(!css.contains("#65737e"), "{css}");
        assert!(css.contains("font-style: italic"), "{css}");
        for line in css.lines() {
            let (fg, bg) = match line {
                l if l.starts_with(".hl-x") => (l.split("color: ").nth(1).unwrap(), Rgb(0, 0, 0)),
                l => (l.split("color: ").nth(1).unwrap(), ocean),
            };
            let fg = Rgb::parse(&fg[..7], bg).unwrap();
            assert!(fg.contrast(bg) >= 4.5, "{line}");
        }
        let theme_css = stylesheet("InspiredGitHub", "base16-ocean.dark").unwrap();
        assert!(!theme_css.contains("#969896") && !theme_css.contains("#65737e"));
    }
}
