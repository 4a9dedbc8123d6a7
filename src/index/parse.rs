//! The query language, as text -> [`Item`]s: words (all must match), "quoted phrases",
//! `-excluded` words or phrases, and `field:word` / `field:"phrase"`. The static site's search
//! client (`theme/static/assets/search.js`) reads queries with the same rules.

use super::{SearchError, TEXT_FIELDS};

/// One thing to look for, in the order the user wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// `-word`: documents with it are left out.
    pub negated: bool,
    /// `title:word`: an index into [`TEXT_FIELDS`]; `None` searches every text field.
    pub field: Option<usize>,
    /// The text as typed, without quotes, prefix or field; tokenized later.
    pub text: String,
    /// Written in quotes.
    pub quoted: bool,
}

/// Splits a query into items. Errors: an unclosed quote, an unknown `field:`, and a query with
/// nothing but exclusions.
pub fn parse(query: &str) -> Result<Vec<Item>, SearchError> {
    let mut items = Vec::new();
    let mut rest = query.trim_start();
    while !rest.is_empty() {
        let mut negated = false;
        let mut s = rest;
        if let Some(r) = s.strip_prefix('-') {
            negated = true;
            s = r;
        } else if let Some(r) = s.strip_prefix('+') {
            s = r;
        }
        let mut field = None;
        if let Some((name, after)) = s.split_once(':')
            && !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphabetic())
            && !after.starts_with(char::is_whitespace)
            && !after.is_empty()
        {
            let Some(i) = TEXT_FIELDS.iter().position(|(n, _)| *n == name) else {
                let fields: Vec<&str> = TEXT_FIELDS.iter().map(|(n, _)| *n).collect();
                return Err(SearchError(format!(
                    "`{name}:` is not a field; search in one of {}, or use the --severity, --service, --cause, --category and --tag filters",
                    fields.join(", ")
                )));
            };
            field = Some(i);
            s = after;
        }
        let (text, quoted, after) = if let Some(r) = s.strip_prefix('"') {
            let Some(end) = r.find('"') else {
                return Err(SearchError(
                    "the query has a quote (\") that is not closed".into(),
                ));
            };
            (&r[..end], true, &r[end + 1..])
        } else {
            let end = s.find(char::is_whitespace).unwrap_or(s.len());
            (&s[..end], false, &s[end..])
        };
        if !text.trim().is_empty() {
            items.push(Item {
                negated,
                field,
                text: text.to_string(),
                quoted,
            });
        }
        rest = after.trim_start();
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(negated: bool, field: Option<usize>, text: &str, quoted: bool) -> Item {
        Item {
            negated,
            field,
            text: text.into(),
            quoted,
        }
    }

    #[test]
    fn words_phrases_exclusions_and_fields() {
        let items =
            parse(r#"deploy "load balancer" -redis title:dns -body:"cache key" +x"#).unwrap();
        assert_eq!(
            items,
            [
                item(false, None, "deploy", false),
                item(false, None, "load balancer", true),
                item(true, None, "redis", false),
                item(false, Some(0), "dns", false),
                item(true, Some(2), "cache key", true),
                item(false, None, "x", false),
            ]
        );
    }

    #[test]
    fn colons_that_are_not_fields_are_text() {
        assert_eq!(parse("10:30").unwrap(), [item(false, None, "10:30", false)]);
        assert_eq!(parse("a: b").unwrap().len(), 2);
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert!(parse("\"open").unwrap_err().0.contains("not closed"));
        assert!(
            parse("owner:x")
                .unwrap_err()
                .0
                .contains("`owner:` is not a field")
        );
        assert_eq!(parse("  - \"\" ").unwrap(), []);
    }
}
