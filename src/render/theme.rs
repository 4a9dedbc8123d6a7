//! The default theme, embedded in the binary: templates and static assets from `theme/`.
//! A KB's own `theme/templates/` and `theme/static/` override these file by file.

macro_rules! embed {
    ($dir:literal; $($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../theme/", $dir, "/", $name)))),*]
    };
}

/// Built-in templates, by name (`incident.html`, `components.html`).
pub const TEMPLATES: &[(&str, &str)] = embed!("templates";
    "base.html",
    "index.html",
    "incident.html",
    "incidents.html",
    "causes.html",
    "cause.html",
    "categories.html",
    "category.html",
    "terms.html",
    "term.html",
    "reading-lists.html",
    "reading-list.html",
    "page.html",
    "404.html",
    "sitemap.xml",
    "components.html",
    "metrics.html",
    "follow-ups.html",
    "follow-up-queue.html",
    "completeness.html",
    "search.html",
    "public-index.html",
    "public-incident.html",
    "public-404.html",
);

/// Built-in static files, by output path.
pub const STATIC: &[(&str, &str)] = embed!("static";
    "assets/style.css",
    "assets/site.js",
    "assets/archive.js",
    "assets/diagrams.css",
    "assets/charts.css",
    "assets/search.js",
    "assets/search-engine.js",
    "assets/theme-init.js",
    "assets/local-time.js",
);

/// Static files only the public site (`build --public`) uses: its times in the reader's zone.
pub const PUBLIC_ONLY: &[&str] = &["assets/local-time.js"];

/// The search page's module (`assets/search.js`) and the engine it imports.
const SEARCH_UI: &str = "assets/search.js";
const SEARCH_ENGINE: &str = "assets/search-engine.js";
/// How the page's module names the engine in its `import`.
const ENGINE_IMPORT: &str = "from \"./search-engine.js\";";

/// Puts the engine the site serves into the built-in search module, in place of the line that
/// imports it: one module, so that a first search costs one request for its script, not two
/// (search budgets, #15), and a browser never runs a new search module with an old engine it
/// has cached. The engine stays in `assets/search-engine.js` too, for scripts and Node. A
/// KB's own `assets/search.js` is left as it is.
pub fn link_search_engine(files: &mut std::collections::BTreeMap<String, super::Content>) {
    use super::Content;
    let Some(engine) = files.get(SEARCH_ENGINE) else {
        return;
    };
    let engine = String::from_utf8_lossy(&engine.bytes()).into_owned();
    if let Some(Content::Bytes(module)) = files.get_mut(SEARCH_UI) {
        let source = String::from_utf8_lossy(module);
        let mut bundled = String::with_capacity(source.len() + engine.len());
        let mut done = false;
        for line in source.split_inclusive('\n') {
            if !done && line.trim_start().starts_with("import ") && line.contains(ENGINE_IMPORT) {
                bundled.push_str(&engine);
                if !engine.ends_with('\n') {
                    bundled.push('\n');
                }
                done = true;
            } else {
                bundled.push_str(line);
            }
        }
        *module = bundled.into_bytes();
    }
}

/// A built-in script as the site serves it: without its comment lines, blank lines and
/// indentation, which are a fifth of its bytes and which every first search downloads. Lines
/// stay lines (no semicolon is inserted or lost) and nothing inside a line changes; the
/// theme's scripts have no multi-line strings, whose indentation this would change.
pub fn compact_js(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    for line in source.lines().map(str::trim) {
        if !line.is_empty() && !line.starts_with("//") {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn files_under(dir: &Path) -> Vec<String> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| crate::rel_slash(dir, e.path()))
            .collect()
    }

    #[test]
    fn every_theme_file_is_embedded() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("theme");
        let mut on_disk = files_under(&root.join("templates"));
        let mut embedded: Vec<String> = TEMPLATES.iter().map(|(n, _)| n.to_string()).collect();
        on_disk.sort();
        embedded.sort();
        assert_eq!(on_disk, embedded, "theme/templates and TEMPLATES differ");
        let mut on_disk = files_under(&root.join("static"));
        let mut embedded: Vec<String> = STATIC.iter().map(|(n, _)| n.to_string()).collect();
        on_disk.sort();
        embedded.sort();
        assert_eq!(on_disk, embedded, "theme/static and STATIC differ");
    }

    #[test]
    fn compacting_drops_comment_lines_blank_lines_and_indentation_only() {
        let source = "// a comment\nconst a = 1; // kept: not a comment line\n\n    if (a) {\n      s = \"// in a string\";\n    }\n";
        assert_eq!(
            compact_js(source),
            "const a = 1; // kept: not a comment line\nif (a) {\ns = \"// in a string\";\n}\n"
        );
    }

    #[test]
    fn the_search_module_carries_the_engine_in_place_of_its_import() {
        let source = |path: &str| STATIC.iter().find(|(p, _)| *p == path).unwrap().1;
        assert!(source(SEARCH_UI).contains(ENGINE_IMPORT));
        let engine = compact_js(source(SEARCH_ENGINE));
        let mut files: std::collections::BTreeMap<String, crate::write::Content> = [
            (SEARCH_UI, compact_js(source(SEARCH_UI))),
            (SEARCH_ENGINE, engine.clone()),
        ]
        .into_iter()
        .map(|(p, c)| (p.to_string(), crate::write::Content::Bytes(c.into_bytes())))
        .collect();
        link_search_engine(&mut files);
        let Some(crate::write::Content::Bytes(module)) = files.get(SEARCH_UI) else {
            panic!("the module is there");
        };
        let module = String::from_utf8_lossy(module);
        assert!(!module.contains("search-engine.js"), "no import left");
        assert!(module.contains(&engine), "the engine, whole");
        assert!(module.contains("export class SearchIndex"));
        assert!(
            module.find("export class SearchIndex") < module.find("export function attachPage"),
            "the engine where the import was"
        );
    }

    #[test]
    fn theme_scripts_have_no_multi_line_template_strings() {
        // compact_js relies on it: it would change the indentation inside such a string.
        for (name, source) in STATIC.iter().filter(|(n, _)| n.ends_with(".js")) {
            for line in source.lines() {
                let ticks = line.matches('`').count() - line.matches("\\`").count();
                assert!(
                    ticks % 2 == 0,
                    "{name}: a template string spans lines: {line}"
                );
            }
        }
    }
}
