//! The boxes of other documentation tools in a post-mortem's Markdown: takes a file's text and
//! gives it with each box as a block quote that opens with its title as a bold label
//! (`> **Impact:**`), so that it renders as an aside and is read like any labelled paragraph.
//! Read: MkDocs' admonitions (`!!! warning "Impact"`, `??? note`, with their text indented
//! four spaces) and content tabs (`=== "Summary"`), Docusaurus' and VuePress' `:::tip Title`
//! ... `:::`, Hugo's paired shortcodes (`{{< alert title="Impact" >}}` ... `{{< /alert >}}`,
//! `{{% notice warning %}}`), GitBook's `{% hint %}` and `{% tab %}`, and Obsidian's callouts
//! with a title (`> [!warning] Impact`). Tabs lose their frame and titles: their texts
//! follow one another. GitLab's quick actions (`/label ~"severity::2"`) are hidden, the
//! severity they set kept as a `**Severity:**` line. Slack's bullets (`• 2:14pm — ...`, a
//! recap pasted from a channel) are list items. Every line stays one line, so diagnostics keep
//! their line numbers; columns move on the lines changed. Code blocks are left as they are.

/// Hugo shortcodes and GitBook blocks that frame text: the rest are left as written.
const BOXES: &[&str] = &[
    "alert",
    "notice",
    "note",
    "tip",
    "info",
    "warning",
    "caution",
    "danger",
    "callout",
    "hint",
    "pageinfo",
    "admonition",
    "details",
    "expand",
    "tab",
    "tabs",
    "blocks/callout",
];

/// `text` with its boxes made block quotes; the same text when it has none.
pub fn to_markdown(text: String) -> String {
    let markers = [
        "!!! ", "??? ", "???+ ", "=== \"", ":::", "{{<", "{{%", "{% hint", "{% tab", "> [!", "\n/",
    ];
    if !markers.iter().any(|m| text.contains(m)) {
        return text;
    }
    // The front matter, if any, is not Markdown: it is kept as written.
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    let head = front_matter_lines(&lines);
    let bodies: Vec<String> = (lines.split_off(head).iter())
        .map(|l| l.trim_end_matches('\n').trim_end_matches('\r').to_string())
        .collect();
    let made = convert(&bodies);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for l in &lines {
        out.push_str(l);
    }
    let endings = text.split_inclusive('\n').skip(head);
    for (line, original) in made.iter().zip(endings) {
        out.push_str(line);
        if original.ends_with("\r\n") {
            out.push_str("\r\n");
        } else if original.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// `text` with each `• ` that opens a line of the body outside a fenced code block written
/// `-   ` (the same four bytes, so every position stays where it is): a post pasted from Slack,
/// whose lists are bullets (`• 2:14pm — auth-service starts returning 500s`, `• Jorge – pin the
/// policy`), reads and shows as the list it is. The front matter is kept as written.
pub fn slack_bullets(text: String) -> String {
    if !text.contains("• ") {
        return text;
    }
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let head = front_matter_lines(&lines);
    let mut out = String::with_capacity(text.len());
    let mut fence: Option<&str> = None;
    for (n, line) in lines.iter().enumerate() {
        let t = line.trim_start_matches(' ');
        let indent = line.len() - t.len();
        match fence {
            _ if n < head => {}
            Some(f) if t.starts_with(f) => fence = None,
            None if indent < 4 && (t.starts_with("```") || t.starts_with("~~~")) => {
                fence = Some(&t[..3]);
            }
            None if indent < 4 && t.starts_with("• ") => {
                out.push_str(&line[..indent]);
                out.push_str("-   ");
                out.push_str(&t["• ".len()..]);
                continue;
            }
            _ => {}
        }
        out.push_str(line);
    }
    out
}

/// An MDX page's text with its `import` and `export` statements, its comments (`{/* truncate
/// */}`) and the lines of its components' tags alone (`<Tabs>`, `<TabItem value="a"
/// label="Short">`, `</TabItem>`), outside code blocks, made empty lines: they are
/// JavaScript, not words of the page; the text inside the components stays.
pub fn without_mdx_statements(text: String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut fenced = false;
    // Inside a component, the text is indented as JSX is, not as a code block.
    let mut inside = 0usize;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
        }
        let tt = t.trim_end();
        if !fenced && tt.starts_with('<') && tt.ends_with('>') {
            if tt.starts_with("</") {
                inside = inside.saturating_sub(1);
            } else if !tt.ends_with("/>") && tt[1..].starts_with(|c: char| c.is_ascii_uppercase()) {
                inside += 1;
            }
        }
        let line = if inside > 0 && !fenced { t } else { line };
        let component = (tt.strip_prefix("</").or_else(|| tt.strip_prefix('<')))
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_uppercase()))
            && tt.ends_with('>')
            && tt.matches('<').count() == 1;
        let statement = !fenced
            && ((line == t
                && (t.starts_with("import ") || t.starts_with("export "))
                && (t.contains(" from ") || tt.ends_with(';') || t.starts_with("export const")))
                || (tt.starts_with("{/*") && tt.ends_with("*/}"))
                || component);
        if statement {
            out.push_str(if line.ends_with("\r\n") {
                "\r\n"
            } else if line.ends_with('\n') {
                "\n"
            } else {
                ""
            });
        } else {
            out.push_str(line);
        }
    }
    out
}

/// How many lines the front matter takes (`---` or `+++` to the same line), 0 without one.
fn front_matter_lines(lines: &[&str]) -> usize {
    let fence = match lines.first().map(|l| l.trim_end()) {
        Some(f @ ("---" | "+++")) => f,
        _ => return 0,
    };
    (lines.iter().skip(1))
        .position(|l| l.trim_end() == fence)
        .map_or(0, |p| p + 2)
}

/// The lines (without their line ends) with their boxes made block quotes, as many lines.
fn convert(lines: &[String]) -> Vec<String> {
    convert_at(lines, 0)
}

/// Boxes nested deeper than this are left as written (each level reads its lines again).
const MAX_DEPTH: usize = 8;

/// [`convert`] at a depth of boxes within boxes.
fn convert_at(lines: &[String], depth: usize) -> Vec<String> {
    if depth > MAX_DEPTH {
        return lines.to_vec();
    }
    let closers = closers(lines);
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut fenced = false;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
        }
        if fenced {
            out.push(line.clone());
            i += 1;
            continue;
        }
        let indent = &line[..line.len() - t.len()];
        if let Some(opened) = indented_box(t) {
            let width = columns(indent) + 4;
            let mut end = i + 1;
            let mut last = i;
            while end < lines.len()
                && (lines[end].trim().is_empty() || columns(leading(&lines[end])) >= width)
            {
                if !lines[end].trim().is_empty() {
                    last = end;
                }
                end += 1;
            }
            let inner: Vec<String> = (lines[i + 1..=last].iter())
                .map(|l| dedent(l, width))
                .collect();
            push_box(&mut out, indent, opened, &convert_at(&inner, depth + 1));
            i = last + 1;
            continue;
        }
        if let Some(end) = closers[i]
            && let Some((opened, _)) = delimited_box(t)
        {
            let inner = convert_at(&lines[i + 1..end], depth + 1);
            push_box(&mut out, indent, opened, &inner);
            out.push(String::new());
            i = end + 1;
            continue;
        }
        if let Some(made) = quick_action(line) {
            out.push(made);
            i += 1;
            continue;
        }
        if let Some(made) = one_line_box(t).or_else(|| callout(t)) {
            out.push(format!("{indent}{made}"));
            i += 1;
            continue;
        }
        out.push(line.clone());
        i += 1;
    }
    out
}

/// A box's opening: its title (none for a box that gives none) and whether it is a tab, whose
/// frame is dropped.
struct Opened {
    title: Option<String>,
    tab: bool,
}

/// The box's lines: its title as a bold label, then its text quoted (a tab's, not quoted).
fn push_box(out: &mut Vec<String>, indent: &str, opened: Opened, inner: &[String]) {
    // A tab's title (`Summary`, `Details`) is no label of the text: it would name a section.
    let label = (opened.title.filter(|t| !t.is_empty() && !opened.tab)).map(|t| {
        let t = t.trim();
        if t.ends_with([':', '.', '?', '!']) {
            format!("**{t}**")
        } else {
            format!("**{t}:**")
        }
    });
    // The label opens the box's first paragraph when it has one (`:::danger Impact`, a blank
    // line, then the text): a label alone would be read as the text.
    let first = inner.iter().position(|l| !l.trim().is_empty());
    let merged = (label.as_ref()).zip(first.filter(|&f| starts_paragraph(&inner[f])));
    let quote = if opened.tab { "" } else { "> " };
    out.push(match (&label, merged) {
        (Some(l), None) => format!("{indent}{quote}{l}"),
        _ => format!("{indent}{}", quote.trim_end()),
    });
    for (i, l) in inner.iter().enumerate() {
        out.push(match merged {
            Some((label, f)) if f == i => format!("{indent}{quote}{label} {l}"),
            _ if l.trim().is_empty() => format!("{indent}{}", quote.trim_end()),
            _ => format!("{indent}{quote}{l}"),
        });
    }
}

/// Whether a line starts a paragraph, not a list, heading, table, quote or code.
fn starts_paragraph(line: &str) -> bool {
    let t = line.trim_start();
    if columns(leading(line)) >= 4 {
        return false;
    }
    let numbered = t.trim_start_matches(|c: char| c.is_ascii_digit());
    let list = ["- ", "* ", "+ "].iter().any(|m| t.starts_with(m))
        || (numbered.len() < t.len() && (numbered.starts_with(". ") || numbered.starts_with(") ")));
    !(list || t.starts_with(['#', '|', '>', '<', '`', '~', ':', '!', '=', '{']))
}

/// MkDocs' `!!! type "Title"`, `??? type`, `???+ type` and `=== "Tab"`, whose text is the
/// lines indented four more spaces below.
fn indented_box(t: &str) -> Option<Opened> {
    let t = t.trim_end();
    if let Some(rest) = t.strip_prefix("=== ") {
        return Some(Opened {
            title: Some(quoted(rest.trim())?),
            tab: true,
        });
    }
    let rest = ["!!! ", "???+ ", "??? "]
        .iter()
        .find_map(|m| t.strip_prefix(m))?
        .trim();
    let (kind, after) = rest.split_once(' ').unwrap_or((rest, ""));
    if kind.is_empty() || !kind.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return None;
    }
    let after = after.trim();
    let after = after
        .strip_prefix("inline end")
        .or_else(|| after.strip_prefix("inline"))
        .unwrap_or(after)
        .trim();
    let title = if after.is_empty() {
        Some(capitalized(kind))
    } else {
        Some(quoted(after)?)
    };
    Some(Opened { title, tab: false })
}

/// `"Title"` -> `Title`; `None` when not quoted.
fn quoted(s: &str) -> Option<String> {
    let inner = s.strip_prefix('"')?.strip_suffix('"')?;
    (!inner.contains('"')).then(|| inner.to_string())
}

/// A box closed by a line of its own: Docusaurus' `:::tip Title` (`:::danger[Title]`,
/// `::: warning`), Hugo's `{{< alert title="Impact" >}}` and `{{% notice warning %}}`,
/// GitBook's `{% hint style="info" %}` and `{% tab title="Short" %}`; with what closes it.
fn delimited_box(t: &str) -> Option<(Opened, Closer)> {
    let t = t.trim_end();
    if let Some(rest) = t.strip_prefix(":::") {
        let rest = rest.trim_start_matches(':').trim();
        let kind_end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(rest.len());
        let (kind, after) = rest.split_at(kind_end);
        if kind.is_empty() {
            return None;
        }
        let after = after.trim();
        let title = match after.strip_prefix('[').and_then(|a| a.strip_suffix(']')) {
            Some(t) => t.to_string(),
            None if after.starts_with('{') || after.is_empty() => capitalized(kind),
            None => after.to_string(),
        };
        let opened = Opened {
            title: Some(title),
            tab: false,
        };
        return Some((opened, Closer::Colons));
    }
    let (name, args, close) = shortcode(t)?;
    let tab = name == "tab" || name == "tabs";
    let title = attribute(args, "title")
        .or_else(|| attribute(args, "name"))
        .or_else(|| {
            (name == "details" || name == "expand" || name == "tab").then(|| first_quoted(args))?
        });
    Some((Opened { title, tab }, close))
}

/// What closes a delimited box.
enum Closer {
    /// A line of three colons or more.
    Colons,
    /// This line, exactly (`{{< /alert >}}`, `{% endhint %}`).
    Line(String),
}

/// A paired Hugo shortcode or GitBook block alone on its line: its name, its arguments and
/// the line that closes it.
fn shortcode(t: &str) -> Option<(&str, &str, Closer)> {
    let (inner, close) = if let Some(r) = t.strip_prefix("{{<").and_then(|r| r.strip_suffix(">}}"))
    {
        (r.trim(), ("{{< /", " >}}"))
    } else if let Some(r) = t.strip_prefix("{{%").and_then(|r| r.strip_suffix("%}}")) {
        (r.trim(), ("{{% /", " %}}"))
    } else if let Some(r) = t.strip_prefix("{%").and_then(|r| r.strip_suffix("%}")) {
        (r.trim(), ("{% end", " %}"))
    } else {
        return None;
    };
    let (name, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    if !BOXES.contains(&name) || (close.0 == "{% end" && !matches!(name, "hint" | "tab" | "tabs")) {
        return None;
    }
    Some((
        name,
        args.trim(),
        Closer::Line(format!("{}{name}{}", close.0, close.1)),
    ))
}

/// For each line that opens a delimited box, the index of the line that closes it, in one
/// pass: a closing line closes the innermost open box it can (`:::` any `:::` box,
/// `{{< /alert >}}` an `alert`), looking at most [`MAX_DEPTH`] boxes down; boxes never closed
/// are none. Code blocks are skipped.
fn closers(lines: &[String]) -> Vec<Option<usize>> {
    let mut out = vec![None; lines.len()];
    let mut open: Vec<(usize, Closer)> = Vec::new();
    let mut fenced = false;
    for (j, line) in lines.iter().enumerate() {
        let t = line.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
        }
        if fenced {
            continue;
        }
        let colons = t.len() >= 3 && t.chars().all(|c| c == ':');
        let found = (open.iter().enumerate().rev().take(MAX_DEPTH)).find(|(_, (_, c))| match c {
            Closer::Colons => colons,
            Closer::Line(l) => t.split_whitespace().eq(l.split_whitespace()),
        });
        if let Some((k, _)) = found {
            out[open[k].0] = Some(j);
            open.truncate(k);
        } else if let Some((_, close)) = delimited_box(t) {
            open.push((j, close));
        }
    }
    out
}

/// A Hugo shortcode opened and closed on one line (`{{% notice warning %}} About 18% of
/// checkouts failed. {{% /notice %}}`): its text, quoted.
fn one_line_box(t: &str) -> Option<String> {
    for (open, end, close) in [("{{<", ">}}", "{{< /"), ("{{%", "%}}", "{{% /")] {
        let Some(rest) = t.strip_prefix(open) else {
            continue;
        };
        let shut = rest.find(end)?;
        let inner = rest[..shut].trim();
        let name = inner.split_whitespace().next()?;
        if !BOXES.contains(&name) {
            return None;
        }
        let text = rest[shut + end.len()..].trim();
        let closing = format!("{close}{name}");
        let at = text.find(&closing)?;
        let after = text[at..].find(end).map(|e| &text[at + e + end.len()..])?;
        let body = format!("{} {}", text[..at].trim(), after.trim());
        let title = attribute(inner, "title");
        return Some(match title {
            Some(t) => format!("> **{t}:** {}", body.trim()),
            None => format!("> {}", body.trim()),
        });
    }
    None
}

/// Obsidian's callout with a title, `> [!warning] Impact` (`> [!faq]- Details`), or of a
/// kind GitHub's alerts do not have (`> [!summary]`): the title as a bold label. GitHub's
/// own (`> [!NOTE]` alone) are left to the Markdown renderer.
fn callout(t: &str) -> Option<String> {
    let rest = t.strip_prefix('>')?.trim_start().strip_prefix("[!")?;
    let close = rest.find(']')?;
    let kind = &rest[..close];
    if kind.is_empty() || !kind.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return None;
    }
    let title = rest[close + 1..].trim_start_matches(['-', '+']).trim();
    let gfm = ["note", "tip", "important", "warning", "caution"];
    if title.is_empty() && gfm.contains(&kind.to_ascii_lowercase().as_str()) {
        return None;
    }
    let title = if title.is_empty() {
        capitalized(kind)
    } else {
        title.to_string()
    };
    Some(if title.ends_with([':', '.', '?', '!']) {
        format!("> **{title}**")
    } else {
        format!("> **{title}:**")
    })
}

/// A GitLab quick action left in an issue's description (`/label ~"severity::2"`, `/assign
/// @ana`, `/severity S2`), which GitLab runs and hides: an empty line, but for the severity
/// it sets, a `**Severity:**` line.
fn quick_action(line: &str) -> Option<String> {
    let rest = line.strip_prefix('/')?;
    let (action, args) = rest.split_once(' ').unwrap_or((rest, ""));
    // Each with what its arguments start with: a line of prose that starts with a slash
    // (`/var/log filled up`) is none.
    let known = match action {
        "label" | "unlabel" | "relabel" | "milestone" => args.trim_start().starts_with(['~', '%']),
        "assign" | "unassign" | "reassign" => args.trim_start().starts_with('@'),
        "severity" => args.split_whitespace().count() == 1,
        "estimate" | "spend" => args.trim_start().starts_with(|c: char| c.is_ascii_digit()),
        "confidential" => args.trim().is_empty(),
        _ => false,
    };
    if !known {
        return None;
    }
    let level = match action {
        "severity" => Some(args.trim().trim_matches('"').to_string()),
        "label" => (args.split('~'))
            .map(|l| l.trim().trim_matches('"'))
            .find_map(|l| {
                let (scope, value) = l.split_once("::")?;
                scope
                    .eq_ignore_ascii_case("severity")
                    .then(|| value.trim().to_string())
            }),
        _ => None,
    };
    Some(match level.filter(|l| !l.is_empty()) {
        // `severity::2` is GitLab's S2.
        Some(l) if l.chars().all(|c| c.is_ascii_digit()) => format!("**Severity:** S{l}"),
        Some(l) => format!("**Severity:** {l}"),
        None => String::new(),
    })
}

/// `key="value"` among a shortcode's arguments.
fn attribute(args: &str, key: &str) -> Option<String> {
    let mut from = 0;
    while let Some(at) = args[from..].find(key) {
        let start = from + at;
        let before_ok = start == 0 || args[..start].ends_with(char::is_whitespace);
        let rest = args[start + key.len()..].trim_start();
        if before_ok && let Some(v) = rest.strip_prefix('=') {
            let v = v.trim_start();
            let q = v.chars().next()?;
            if q == '"' || q == '\'' {
                let end = v[1..].find(q)?;
                return Some(v[1..1 + end].to_string());
            }
        }
        from = start + key.len();
    }
    None
}

/// The first quoted argument (`{{< details "Timeline" >}}`).
fn first_quoted(args: &str) -> Option<String> {
    let start = args.find('"')?;
    let end = args[start + 1..].find('"')?;
    Some(args[start + 1..start + 1 + end].to_string())
}

/// `danger` -> `Danger`.
fn capitalized(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The leading whitespace of a line.
fn leading(line: &str) -> &str {
    &line[..line.len() - line.trim_start().len()]
}

/// The columns that whitespace takes, a tab to the next multiple of four.
fn columns(ws: &str) -> usize {
    ws.chars()
        .fold(0, |n, c| if c == '\t' { n / 4 * 4 + 4 } else { n + 1 })
}

/// `line` without its first `width` columns of indentation (a blank line, empty).
fn dedent(line: &str, width: usize) -> String {
    if line.trim().is_empty() {
        return String::new();
    }
    let mut n = 0;
    for (i, c) in line.char_indices() {
        if n >= width || !(c == ' ' || c == '\t') {
            return line[i..].to_string();
        }
        n = if c == '\t' { n / 4 * 4 + 4 } else { n + 1 };
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slack_bullets_are_list_items_of_the_same_length_outside_code() {
        let text = "*Timeline (ET)*\n• 2:14pm — errors\n  • nested\nA • inside\n```\n• in code\n```\n• 2:52pm — ok\n";
        let out = slack_bullets(text.to_string());
        assert_eq!(out.len(), text.len());
        assert_eq!(
            out,
            "*Timeline (ET)*\n-   2:14pm — errors\n  -   nested\nA • inside\n```\n• in code\n```\n-   2:52pm — ok\n"
        );
        // A front matter's text is kept as written.
        let text = "---\nimpact: |\n• checkout\n---\n• item\n";
        assert_eq!(
            slack_bullets(text.to_string()),
            "---\nimpact: |\n• checkout\n---\n-   item\n"
        );
    }

    fn made(s: &str) -> String {
        to_markdown(s.to_string())
    }

    #[test]
    fn mkdocs_admonitions_are_labelled_quotes() {
        let text = "---\ntitle: x\n---\n## Summary\n\n!!! warning \"Impact\"\n    About 18% of checkouts failed.\n\n    - EU only\n\nAfter.\n\n??? note\n    Hidden.\n";
        assert_eq!(
            made(text),
            "---\ntitle: x\n---\n## Summary\n\n>\n> **Impact:** About 18% of checkouts failed.\n>\n> - EU only\n\nAfter.\n\n>\n> **Note:** Hidden.\n"
        );
        assert_eq!(made(text).lines().count(), text.lines().count());
        // A code block inside keeps its indentation below the quote; one outside is untouched.
        assert_eq!(
            made("!!! tip\n    ```text\n    !!! not a box\n    ```\n"),
            "> **Tip:**\n> ```text\n> !!! not a box\n> ```\n"
        );
        assert_eq!(
            made("```\n!!! warning\n    x\n```\n"),
            "```\n!!! warning\n    x\n```\n"
        );
    }

    #[test]
    fn tabs_give_their_text_in_order() {
        assert_eq!(
            made(
                "## Root cause\n\n=== \"Summary\"\n    max.poll.records too high.\n=== \"Details\"\n    The consumer timed out.\n"
            ),
            "## Root cause\n\n\nmax.poll.records too high.\n\nThe consumer timed out.\n"
        );
    }

    #[test]
    fn docusaurus_hugo_and_gitbook_boxes() {
        assert_eq!(
            made(":::danger Customer impact\nLogins failed.\n:::\nNext.\n"),
            ">\n> **Customer impact:** Logins failed.\n\nNext.\n"
        );
        assert_eq!(
            made(":::tip[Went well]\nFast rollback.\n:::\n"),
            ">\n> **Went well:** Fast rollback.\n\n"
        );
        assert_eq!(made(":::note\nNever closed.\n"), ":::note\nNever closed.\n");
        assert_eq!(
            made("{{< alert title=\"Impact\" color=\"warning\" >}}\nDNS failed.\n{{< /alert >}}\n"),
            ">\n> **Impact:** DNS failed.\n\n"
        );
        assert_eq!(
            made("{{% notice warning %}} About 18% failed. {{% /notice %}}\n"),
            "> About 18% failed.\n"
        );
        assert_eq!(
            made("{% hint style=\"info\" %}\nAll times are Lisbon time.\n{% endhint %}\n"),
            ">\n> All times are Lisbon time.\n\n"
        );
        assert_eq!(
            made("{% tabs %}\n{% tab title=\"Short\" %}\nA.\n{% endtab %}\n{% endtabs %}\n"),
            "\n\nA.\n\n\n"
        );
        // Shortcodes that frame nothing are left as written.
        assert_eq!(
            made("{{< figure src=\"a.png\" >}}\n"),
            "{{< figure src=\"a.png\" >}}\n"
        );
    }

    #[test]
    fn an_mdx_pages_statements_are_no_text() {
        let text = "---\ntitle: x\n---\nimport Tabs from '@theme/Tabs';\n\nThe import of data failed.\n{/* truncate */}\n<Tabs>\n  <TabItem value=\"a\" label=\"Short\">\n    A pool too small.\n  </TabItem>\n</Tabs>\n```js\nimport x from 'y';\n```\n";
        assert_eq!(
            without_mdx_statements(text.to_string()),
            "---\ntitle: x\n---\n\n\nThe import of data failed.\n\n\n\nA pool too small.\n\n\n```js\nimport x from 'y';\n```\n"
        );
    }

    #[test]
    fn gitlab_quick_actions_are_hidden_and_their_severity_read() {
        assert_eq!(
            made(
                "Text.\n/label ~\"incident\" ~\"severity::2\"\n/assign @cmiskell\n/labelled is prose\n"
            ),
            "Text.\n**Severity:** S2\n\n/labelled is prose\n"
        );
    }

    #[test]
    fn obsidian_callouts_with_a_title() {
        assert_eq!(
            made("> [!warning] Impact\n> Sessions lost.\n"),
            "> **Impact:**\n> Sessions lost.\n"
        );
        assert_eq!(
            made("> [!summary]\n> Short.\n"),
            "> **Summary:**\n> Short.\n"
        );
        assert_eq!(made("> [!NOTE]\n> GitHub's.\n"), "> [!NOTE]\n> GitHub's.\n");
    }
}
