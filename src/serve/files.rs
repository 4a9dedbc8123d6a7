//! The built site over HTTP: a request path in, a file from inside the output folder out
//! (HTML with the live-reload tags), or the site's `404.html` with status 404.
//!
//! What holds: no request reads a file outside the output folder. Each path segment is
//! percent-decoded on its own and refused when it is `.` or `..`, holds a `/`, `\` or NUL, or
//! is not one plain file name on this platform; then the file found is canonicalized and must
//! still be inside the canonicalized output folder, so a symlink cannot lead out either.
//!
//! Written here rather than with tower-http's `ServeDir`, which follows symlinks out of its
//! folder and serves its not-found file without a way to add the live-reload tags.

use super::{App, live};
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

/// Where a request path leads in the output folder.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    /// A file inside the output folder, canonicalized.
    File(PathBuf),
    /// A folder asked for without its trailing slash: where to redirect.
    Slash(String),
    NotFound,
}

/// Maps the raw (still percent-encoded) path of a request to a file in `output`.
pub fn resolve(output: &Path, raw_path: &str) -> Found {
    let Some(rest) = raw_path.strip_prefix('/') else {
        return Found::NotFound;
    };
    let mut rel = PathBuf::new();
    let mut segments = Vec::new();
    for raw in rest.split('/').filter(|s| !s.is_empty()) {
        let Some(name) = decode_segment(raw) else {
            return Found::NotFound;
        };
        rel.push(name);
        segments.push(raw);
    }
    let Ok(root) = output.canonicalize() else {
        return Found::NotFound;
    };
    let Some(found) = inside(&root, &root.join(&rel)) else {
        return Found::NotFound;
    };
    if found.is_dir() {
        if !rest.is_empty() && !rest.ends_with('/') {
            return Found::Slash(format!("/{}/", segments.join("/")));
        }
        return match inside(&root, &found.join("index.html")) {
            Some(index) if index.is_file() => Found::File(index),
            _ => Found::NotFound,
        };
    }
    if rest.ends_with('/') || !found.is_file() {
        return Found::NotFound;
    }
    Found::File(found)
}

/// One segment of a URL path as a file name, or `None` when it is not one plain name.
fn decode_segment(raw: &str) -> Option<String> {
    let name = percent_decode_str(raw).decode_utf8().ok()?;
    if name.contains(['/', '\\', '\0']) {
        return None;
    }
    let mut parts = Path::new(name.as_ref()).components();
    match (parts.next(), parts.next()) {
        (Some(Component::Normal(_)), None) => Some(name.into_owned()),
        _ => None,
    }
}

/// `path` canonicalized (symlinks resolved), when it exists and is inside `root`.
fn inside(root: &Path, path: &Path) -> Option<PathBuf> {
    let real = path.canonicalize().ok()?;
    real.starts_with(root).then_some(real)
}

/// A file read for a response.
struct Loaded {
    bytes: Vec<u8>,
    content_type: String,
    /// Size and modification time, for the ETag.
    stamp: (u64, u128),
}

fn load(path: &Path) -> Option<Loaded> {
    let meta = std::fs::metadata(path).ok()?;
    let bytes = std::fs::read(path).ok()?;
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    Some(Loaded {
        content_type: content_type(path),
        stamp: (meta.len(), modified),
        bytes,
    })
}

/// The Content-Type for a file, by its extension; text in UTF-8, as the build writes it.
pub fn content_type(path: &Path) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let essence = mime.essence_str();
    let textual = mime.type_() == mime_guess::mime::TEXT
        || matches!(
            essence,
            "application/json"
                | "application/xml"
                | "application/atom+xml"
                | "application/rss+xml"
                | "application/javascript"
                | "application/manifest+json"
                | "image/svg+xml"
        );
    if textual {
        format!("{essence}; charset=utf-8")
    } else {
        essence.to_string()
    }
}

fn is_html(content_type: &str) -> bool {
    content_type.starts_with("text/html")
}

/// What a request found, read from disk.
enum Outcome {
    File(Loaded),
    Slash(String),
    /// The site's `404.html`, when it has one.
    NotFound(Option<Loaded>),
}

fn find(output: &Path, raw_path: &str) -> Outcome {
    match resolve(output, raw_path) {
        Found::File(path) => match load(&path) {
            Some(loaded) => Outcome::File(loaded),
            None => Outcome::NotFound(not_found_page(output)),
        },
        Found::Slash(to) => Outcome::Slash(to),
        Found::NotFound => Outcome::NotFound(not_found_page(output)),
    }
}

fn not_found_page(output: &Path) -> Option<Loaded> {
    match resolve(output, "/404.html") {
        Found::File(path) => load(&path),
        _ => None,
    }
}

/// The fallback handler: a file of the site, a redirect to a folder's slash, or 404.
pub async fn serve(
    State(app): State<Arc<App>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
        )
            .into_response();
    }
    let build = app.status.borrow().build;
    let output = app.output.clone();
    let raw_path = uri.path().to_string();
    let outcome = tokio::task::spawn_blocking(move || find(&output, &raw_path)).await;
    match outcome {
        Ok(Outcome::File(loaded)) => file_response(loaded, build, &headers),
        Ok(Outcome::Slash(to)) => {
            let location = match uri.query() {
                Some(q) => format!("{to}?{q}"),
                None => to,
            };
            (
                StatusCode::MOVED_PERMANENTLY,
                [(header::LOCATION, location)],
            )
                .into_response()
        }
        Ok(Outcome::NotFound(page)) => not_found_response(page, build),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

fn file_response(loaded: Loaded, build: u64, request: &HeaderMap) -> Response {
    let html = is_html(&loaded.content_type);
    let (len, modified) = loaded.stamp;
    // The build id is part of an HTML page's tag: the page carries it in its script tag.
    let etag = if html {
        format!("W/\"{len:x}-{modified:x}-{build:x}\"")
    } else {
        format!("W/\"{len:x}-{modified:x}\"")
    };
    let mut headers = HeaderMap::new();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if let Ok(v) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, v);
    }
    if matches_etag(request, &etag) {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    if let Ok(v) = HeaderValue::from_str(&loaded.content_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    if html {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(crate::render::CSP),
        );
    }
    let body = if html {
        live::inject(&loaded.bytes, build)
    } else {
        loaded.bytes
    };
    (StatusCode::OK, headers, Body::from(body)).into_response()
}

/// Whether `If-None-Match` names `etag` (weak comparison, as for GET).
fn matches_etag(request: &HeaderMap, etag: &str) -> bool {
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_string();
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim() == "*" || bare(t) == bare(etag))
}

/// Shown when the site has no `404.html` (or none was ever built, as when the first build
/// failed): the overlay then shows why.
const FALLBACK_404: &str = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found · hindsight serve</title></head>\n<body><h1>Not found</h1><p>Nothing lives at this address in the preview, or the site has not been built yet.</p></body></html>\n";

fn not_found_response(page: Option<Loaded>, build: u64) -> Response {
    let html = page.map_or_else(|| FALLBACK_404.as_bytes().to_vec(), |p| p.bytes);
    (
        StatusCode::NOT_FOUND,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
            (header::CONTENT_SECURITY_POLICY, crate::render::CSP),
        ],
        Body::from(live::inject(&html, build)),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir_all(out.join("incidents/a")).unwrap();
        std::fs::write(out.join("index.html"), "home").unwrap();
        std::fs::write(out.join("incidents/a/index.html"), "a").unwrap();
        std::fs::write(out.join("style.css"), "css").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        dir
    }

    fn file(dir: &Path, rel: &str) -> Found {
        Found::File(dir.join("out").join(rel).canonicalize().unwrap())
    }

    #[test]
    fn paths_map_to_files_and_folders_to_their_index() {
        let dir = site();
        let out = dir.path().join("out");
        assert_eq!(resolve(&out, "/"), file(dir.path(), "index.html"));
        assert_eq!(resolve(&out, "/style.css"), file(dir.path(), "style.css"));
        assert_eq!(
            resolve(&out, "/incidents/a/"),
            file(dir.path(), "incidents/a/index.html")
        );
        assert_eq!(
            resolve(&out, "/incidents/%61/"),
            file(dir.path(), "incidents/a/index.html")
        );
        assert_eq!(
            resolve(&out, "/incidents/a"),
            Found::Slash("/incidents/a/".into())
        );
        assert_eq!(
            resolve(&out, "//incidents//a"),
            Found::Slash("/incidents/a/".into()),
            "never a protocol-relative //host redirect"
        );
        assert_eq!(resolve(&out, "/style.css/"), Found::NotFound);
        assert_eq!(resolve(&out, "/missing"), Found::NotFound);
    }

    #[test]
    fn nothing_outside_the_output_folder_is_reached() {
        let dir = site();
        let out = dir.path().join("out");
        for path in [
            "/../secret.txt",
            "/incidents/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/.%2e/secret.txt",
            "/..%2fsecret.txt",
            "/..%2Fsecret.txt",
            "/..%5csecret.txt",
            "/..\\secret.txt",
            "/%2fetc%2fpasswd",
            "/./index.html",
            "/index.html%00",
            "/%ff",
            "relative",
        ] {
            assert_eq!(resolve(&out, path), Found::NotFound, "{path}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_output_folder_are_not_followed() {
        let dir = site();
        let out = dir.path().join("out");
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), out.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), out.join("up")).unwrap();
        std::os::unix::fs::symlink(out.join("style.css"), out.join("alias.css")).unwrap();
        assert_eq!(resolve(&out, "/leak.txt"), Found::NotFound);
        assert_eq!(resolve(&out, "/up/secret.txt"), Found::NotFound);
        assert_eq!(resolve(&out, "/up"), Found::NotFound);
        assert_eq!(resolve(&out, "/alias.css"), file(dir.path(), "style.css"));
    }

    #[test]
    fn text_is_served_as_utf8() {
        assert_eq!(
            content_type(Path::new("a/index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("x.js")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("atom.xml")),
            "text/xml; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("a.png")), "image/png");
        assert_eq!(content_type(Path::new("noext")), "application/octet-stream");
    }

    #[test]
    fn if_none_match_is_compared_weakly() {
        let mut h = HeaderMap::new();
        h.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_static("\"x\", W/\"1-2\""),
        );
        assert!(matches_etag(&h, "W/\"1-2\""));
        assert!(!matches_etag(&h, "W/\"1-3\""));
        assert!(!matches_etag(&HeaderMap::new(), "W/\"1-2\""));
    }
}
