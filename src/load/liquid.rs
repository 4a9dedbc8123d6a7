//! Jekyll's Liquid tags in a post-mortem kept in a Jekyll site: takes a file's text and gives
//! it as Jekyll renders it for Markdown. `{% raw %}` and `{% endraw %}` (which only tell
//! Liquid to leave `{{ }}` alone) are dropped, and `{% highlight bash %}` ...
//! `{% endhighlight %}` become a fenced code block. Every line keeps its length (what is
//! dropped becomes spaces at the end of its line), so that diagnostics keep their lines and,
//! outside the changed lines, their columns.

/// `text` with its Liquid tags made Markdown; the same text when it has none.
pub fn to_markdown(text: String) -> String {
    if !text.contains("{%") {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, newline) = match line.strip_suffix('\n') {
            Some(b) => match b.strip_suffix('\r') {
                Some(b) => (b, "\r\n"),
                None => (b, "\n"),
            },
            None => (line, ""),
        };
        let made = line_to_markdown(body);
        out.push_str(&made);
        // What was dropped, as spaces: the line keeps its length.
        let dropped = body.len().saturating_sub(made.len());
        out.extend(std::iter::repeat_n(' ', dropped));
        out.push_str(newline);
    }
    out
}

/// One line: a `highlight` tag alone on it becomes a fence; `raw` tags anywhere are dropped.
/// Never longer than the line.
fn line_to_markdown(line: &str) -> String {
    let trimmed = line.trim();
    if let Some(inner) = tag(trimmed) {
        let mut words = inner.split_whitespace();
        match words.next() {
            Some("highlight") => {
                let lang = words.next().unwrap_or("");
                let indent = &line[..line.len() - line.trim_start().len()];
                return format!("{indent}```{lang}");
            }
            Some("endhighlight") => {
                let indent = &line[..line.len() - line.trim_start().len()];
                return format!("{indent}```");
            }
            _ => {}
        }
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = rest.find("{%") {
        let Some(len) = rest[start..].find("%}").map(|e| e + 2) else {
            break;
        };
        let found = &rest[start..start + len];
        out.push_str(&rest[..start]);
        if !matches!(tag(found), Some("raw" | "endraw")) {
            out.push_str(found);
        }
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}

/// The words inside a whole Liquid tag (`{% raw %}`, `{%- endraw -%}`), trimmed.
fn tag(s: &str) -> Option<&str> {
    let inner = s.strip_prefix("{%")?.strip_suffix("%}")?;
    let inner = inner.strip_prefix('-').unwrap_or(inner);
    let inner = inner.strip_suffix('-').unwrap_or(inner);
    Some(inner.trim())
}

#[cfg(test)]
mod tests {
    use super::to_markdown;

    #[test]
    fn raw_tags_go_and_highlight_tags_become_fences_line_for_line() {
        let text = "---\ntitle: T\n---\n## One\n\n{% raw %}```bash\necho '{{.Ports}}'\n```{% endraw %}\n\n## Two\n\n{%- raw -%}\n{% highlight ruby linenos %}\nputs 1\n{% endhighlight %}\n{% endraw %}\nText with {% include note.html %} kept.\n";
        let made = to_markdown(text.to_string());
        let lines: Vec<&str> = made.lines().map(str::trim_end).collect();
        assert_eq!(
            lines,
            [
                "---",
                "title: T",
                "---",
                "## One",
                "",
                "```bash",
                "echo '{{.Ports}}'",
                "```",
                "",
                "## Two",
                "",
                "",
                "```ruby",
                "puts 1",
                "```",
                "",
                "Text with {% include note.html %} kept.",
            ]
        );
        // Line for line, each as long as it was.
        let lens = |t: &str| t.split('\n').map(str::len).collect::<Vec<_>>();
        assert_eq!(lens(&made), lens(text));
        assert_eq!(to_markdown("no tags {% here".into()), "no tags {% here");
        assert_eq!(
            to_markdown("crlf {% raw %}x\r\n".into()),
            "crlf x         \r\n"
        );
    }
}
