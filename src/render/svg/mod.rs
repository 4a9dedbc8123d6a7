//! SVG drawn at build time: charts for the metrics page, fishbone (Ishikawa) diagrams and
//! why-because graphs. No JavaScript; styled by the theme's classes, readable in dark mode and
//! print, each with a `<title>` and a `<desc>` for screen readers. This module is the toolkit
//! the three share: XML escaping, tidy numbers, ids, word wrap, the `<svg>` element, text
//! blocks and links.

use std::fmt::Write as _;

pub mod charts;
pub mod fishbone;
pub mod graph;

/// "1 cause", "3 causes".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Escapes text for XML content and attribute values, dropping the characters XML 1.0 forbids.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// `s` as an id or class name: ASCII letters, digits, `-` and `_`; anything else becomes `-`.
pub fn ident(s: &str) -> String {
    let t: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if t.is_empty() { "diagram".into() } else { t }
}

/// A coordinate rounded to 0.1, without a trailing ".0"; never "-0" or "NaN".
pub fn num(v: f64) -> String {
    // Integer arithmetic on tenths: `format!("{:.1}")` takes the slow exact path of float
    // formatting, and a large archive draws millions of coordinates.
    let tenths = if v.is_finite() {
        (v * 10.0).round().clamp(-1e15, 1e15) as i64
    } else {
        0
    };
    let (whole, frac) = (tenths / 10, (tenths % 10).abs());
    match (frac, tenths < 0 && whole == 0) {
        (0, _) => whole.to_string(),
        (_, true) => format!("-0.{frac}"),
        _ => format!("{whole}.{frac}"),
    }
}

/// Greedy word wrap to `max_chars` per line (over-long words are broken) and at most
/// `max_lines` lines; text beyond that is cut and the last line ends with "…". Returns the lines
/// and whether text was cut.
pub fn wrap(text: &str, max_chars: usize, max_lines: usize) -> (Vec<String>, bool) {
    let (max_chars, max_lines) = (max_chars.max(2), max_lines.max(1));
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut cur_len = 0;
    for word in text.split_whitespace().flat_map(|w| chunks(w, max_chars)) {
        let len = word.chars().count();
        if cur_len > 0 && cur_len + 1 + len > max_chars {
            lines.push(std::mem::take(&mut cur));
            cur_len = 0;
            if lines.len() > max_lines {
                break;
            }
        }
        if cur_len > 0 {
            cur.push(' ');
            cur_len += 1;
        }
        cur.push_str(word);
        cur_len += len;
    }
    if cur_len > 0 {
        lines.push(cur);
    }
    if lines.len() <= max_lines {
        return (lines, false);
    }
    lines.truncate(max_lines);
    if let Some(last) = lines.last_mut() {
        let keep: String = last.chars().take(max_chars - 1).collect();
        *last = format!("{}…", keep.trim_end());
    }
    (lines, true)
}

/// `word` in pieces of at most `n` characters (`n` > 0), borrowed from it.
fn chunks(word: &str, n: usize) -> impl Iterator<Item = &str> {
    let mut rest = word;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest.char_indices().nth(n).map_or(rest.len(), |(i, _)| i);
        let (piece, tail) = rest.split_at(end);
        rest = tail;
        Some(piece)
    })
}

/// Opens the `<svg>` element, of class `class`, with its accessible title and description.
/// `id` must already be an [`ident`]. A drawing without links is one image to assistive
/// technology (`role="img"`, named by its title and description). One with `links` is a
/// labelled group (`role="group"`, named by its title, described by its description): an image's
/// content is presentational, so links inside it could not be reached or announced.
/// A diagram (`class` starting with `diagram`) also carries its size as `width` and `height`,
/// so that it is drawn at its natural size, text at the size the layout assumed, and scrolls
/// inside its figure where the column is narrower; a chart scales to its column.
pub fn open_svg(
    out: &mut String,
    id: &str,
    class: &str,
    (w, h): (f64, f64),
    (title, desc): (&str, &str),
    links: bool,
) {
    let size = if class.starts_with("diagram") {
        format!(r#" width="{}" height="{}""#, num(w), num(h))
    } else {
        String::new()
    };
    let aria = if links {
        format!(r#"role="group" aria-labelledby="{id}-title" aria-describedby="{id}-desc""#)
    } else {
        format!(r#"role="img" aria-labelledby="{id}-title {id}-desc""#)
    };
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}"{size} class="{class}" {aria}><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        num(w),
        num(h),
        esc(title),
        esc(desc)
    );
}

/// A small diagram that only says `message`, for when there is nothing to draw.
pub fn nothing_to_draw(id: &str, kind: &str, title: &str, message: &str) -> String {
    let mut out = String::new();
    let class = format!("diagram diagram-{kind}");
    open_svg(&mut out, id, &class, (400.0, 48.0), (title, message), false);
    let _ = write!(
        out,
        r#"<text class="diagram-empty" x="200" y="29" text-anchor="middle">{}</text></svg>"#,
        esc(message)
    );
    out
}

/// A `<text>` of several lines, one `<tspan>` each, the first baseline at `(x, y)`; `tail`
/// (already XML) goes at the end of the last line.
pub fn text_block(
    out: &mut String,
    attrs: &str,
    (x, y): (f64, f64),
    line_h: f64,
    lines: &[String],
    tail: &str,
) {
    let _ = write!(out, "<text {attrs}>");
    let last = lines.len().saturating_sub(1);
    for (i, line) in lines.iter().enumerate() {
        let _ = write!(
            out,
            r#"<tspan x="{}" y="{}">{}{}</tspan>"#,
            num(x),
            num(y + i as f64 * line_h),
            esc(line),
            if i == last { tail } else { "" }
        );
    }
    out.push_str("</text>");
}

/// Opens a link to `url` (SVG 2 `href`) with `class`, or a plain group when there is no URL.
pub fn open_link(out: &mut String, url: &str, class: &str) {
    if url.is_empty() {
        let _ = write!(out, r#"<g class="{class}">"#);
    } else {
        let _ = write!(out, r#"<a href="{}" class="{class}">"#, esc(url));
    }
}

pub fn close_link(out: &mut String, url: &str) {
    out.push_str(if url.is_empty() { "</g>" } else { "</a>" });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_cuts_long_words_by_characters_not_bytes() {
        assert_eq!(chunks("ééééé", 2).collect::<Vec<_>>(), ["éé", "éé", "é"]);
        assert_eq!(chunks("ab", 2).collect::<Vec<_>>(), ["ab"]);
        assert_eq!(
            wrap("a short écrit-très-long-mot here", 6, 9).0,
            ["a", "short", "écrit-", "très-l", "ong-mo", "t here"]
        );
        let (lines, cut) = wrap("one two three four", 5, 2);
        assert_eq!(
            (lines, cut),
            (vec!["one".to_string(), "two…".to_string()], true)
        );
    }

    #[test]
    fn escaping_and_numbers() {
        assert_eq!(
            esc("a<b & \"c\" 'd'\u{1}"),
            "a&lt;b &amp; &quot;c&quot; &#39;d&#39;"
        );
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.25), "12.3");
        assert_eq!(num(-0.04), "0");
        assert_eq!(num(-0.5), "-0.5");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(ident("a b/c"), "a-b-c");
    }
}
