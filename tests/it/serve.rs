//! `hindsight serve` on a copy of the demo KB, through real HTTP on loopback: pages carry the
//! live-reload tags, an edit sends `reload` and shows on the page, a broken file sends `error`
//! with its diagnostic (also to a page that connects later) until it is fixed, no request
//! reaches a file outside the output folder, `/api/search` answers as `hindsight search
//! --json` does and refuses bad parameters with 400, and many clients at once get no error.
//! The server disconnects clients that send no headers for 10 s, stops accepting at its
//! connection cap, and refuses hosts it does not answer to (DNS rebinding) with 400.
//! Every server is killed when its test ends, passed or failed.

use crate::support::*;
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long a server may take to start, or a rebuild to be announced, on a slow machine.
const PATIENCE: Duration = Duration::from_secs(60);
const LINKEDIN: &str = "content/incidents/2017/2017-04-06-linkedin-app.md";
const LINKEDIN_PAGE: &str = "/incidents/2017-04-06-linkedin-app/";

/// A running `hindsight serve`, killed on drop.
struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`
    origin: String,
    /// `127.0.0.1:PORT`
    addr: String,
    /// What it prints on stderr, line by line, after the address.
    stderr: Receiver<String>,
    /// Everything it printed before the address.
    startup: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(root: &Path, args: &[&str]) -> Server {
        let mut child = bin()
            .current_dir(root)
            .args(["serve", "--root", "."])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = channel();
        // Drained all along, so the server never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server {
            child,
            origin: String::new(),
            addr: String::new(),
            stderr: rx,
            startup: String::new(),
        };
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match server.stderr.recv_timeout(left) {
                Ok(line) => {
                    server.startup.push_str(&line);
                    server.startup.push('\n');
                    if let Some(url) = line.strip_prefix("Serving at ") {
                        server.origin = url.trim_end_matches('/').to_string();
                        server.addr = server.origin["http://".len()..].to_string();
                        return server;
                    }
                }
                Err(_) => panic!(
                    "the server did not say where it serves; it printed:\n{}",
                    server.startup
                ),
            }
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.origin)
    }

    fn get(&self, path: &str) -> Response {
        fetch(&self.url(path), &[])
    }

    /// Connects to the event stream; events arrive on the receiver as (name, data).
    fn events(&self, query: &str) -> Receiver<(String, String)> {
        let url = self.url(&format!("/__hindsight/events{query}"));
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(300)))
            .build()
            .into();
        let response = agent.get(&url).call().expect("the event stream opens");
        assert_eq!(
            response.headers()["content-type"],
            "text/event-stream",
            "the event stream's type"
        );
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let reader = BufReader::new(response.into_body().into_reader());
            let (mut name, mut data) = (String::new(), String::new());
            for line in reader.lines().map_while(Result::ok) {
                if line.is_empty() {
                    if !name.is_empty() && tx.send((name.clone(), data.clone())).is_err() {
                        break;
                    }
                    name.clear();
                    data.clear();
                } else if let Some(v) = line.strip_prefix("event:") {
                    name = v.trim().to_string();
                } else if let Some(v) = line.strip_prefix("data:") {
                    data.push_str(v.trim_start());
                }
            }
        });
        rx
    }
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

fn fetch(url: &str, headers: &[(&str, &str)]) -> Response {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into();
    let mut request = agent.get(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut response = request.call().unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or_default().to_string()))
        .collect();
    let body = response.body_mut().read_to_string().unwrap_or_default();
    Response {
        status,
        headers,
        body,
    }
}

/// Sends `GET target` exactly as written (no client normalizes it) and returns the status
/// line's code and everything after it.
fn raw_get(addr: &str, target: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line for {target}: {text:?}"));
    (status, text)
}

/// Waits for the next event, which must be named `name`; returns its data.
fn expect_event(events: &Receiver<(String, String)>, name: &str) -> String {
    match events.recv_timeout(PATIENCE) {
        Ok((n, data)) if n == name => data,
        Ok((n, data)) => panic!("expected a `{name}` event, got `{n}`: {data}"),
        Err(RecvTimeoutError::Timeout) => panic!("no `{name}` event in {PATIENCE:?}"),
        Err(RecvTimeoutError::Disconnected) => panic!("the event stream ended"),
    }
}

fn assert_no_event(events: &Receiver<(String, String)>, wait: Duration) {
    if let Ok((n, data)) = events.recv_timeout(wait) {
        panic!("expected no event, got `{n}`: {data}");
    }
}

/// Rewrites a file by replacing `from` with `to`, which must be in it.
fn edit(path: &Path, from: &str, to: &str) {
    let text = read(path);
    assert!(text.contains(from), "{} has no `{from}`", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn an_edit_reloads_the_page_and_a_broken_file_shows_its_error_until_fixed() {
    let kb = demo_copy();
    let server = Server::start(kb.path(), &["--port", "0"]);
    assert!(server.startup.contains("Built "), "{}", server.startup);

    // Pages carry the search API's meta tag and the live-reload script, in <head>.
    let page = server.get(LINKEDIN_PAGE);
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let head = page.body.split("</head>").next().unwrap();
    assert!(
        head.contains(r#"<meta name="hindsight-search-api" content="/api/search">"#),
        "{head}"
    );
    assert!(
        head.contains(r#"<script src="/__hindsight/live.js" data-build=""#),
        "{head}"
    );
    assert!(page.body.contains("LinkedIn posting unavailable"));
    let script = server.get("/__hindsight/live.js");
    assert_eq!(script.status, 200);
    assert!(script.body.contains("EventSource"));
    assert!(script.body.contains("hindsight-error-overlay"));
    // ... but only as served: the build output itself has no trace of them.
    let written = read(
        &kb.path()
            .join(".hindsight/serve/incidents/2017-04-06-linkedin-app/index.html"),
    );
    assert!(!written.contains("hindsight-search-api") && !written.contains("__hindsight"));
    assert!(!kb.path().join("public").exists(), "public/ is left alone");

    // An edit: a `reload`, and the page shows the new text.
    let events = server.events("");
    let incident = kb.path().join(LINKEDIN);
    edit(
        &incident,
        "title: LinkedIn posting unavailable",
        "title: LinkedIn posting briefly unavailable",
    );
    expect_event(&events, "reload");
    let page = server.get(LINKEDIN_PAGE);
    assert!(
        page.body.contains("LinkedIn posting briefly unavailable"),
        "the page shows the edit"
    );
    // That was the fast path (the incident's page alone); the full build follows with a
    // second `reload`, and then the lists show the new title too.
    expect_event(&events, "reload");
    let archive = server.get("/incidents/");
    assert!(
        archive
            .body
            .contains("LinkedIn posting briefly unavailable"),
        "the archive shows the edit after the full build"
    );

    // A broken file: an `error` event with the diagnostic at its line, and the last good
    // site is still served.
    edit(&incident, "severity: SEV2", "severity: [SEV2");
    let data = expect_event(&events, "error");
    let error: Value = serde_json::from_str(&data).unwrap();
    assert_eq!(error["errors"], 1, "{error}");
    let d = &error["diagnostics"][0];
    assert_eq!(d["path"], LINKEDIN, "{error}");
    assert_eq!(d["severity"], "error", "{error}");
    assert!(d["line"].as_u64().unwrap() >= 4, "{error}");
    assert!(d["col"].as_u64().unwrap() >= 1, "{error}");
    assert!(!d["message"].as_str().unwrap().is_empty(), "{error}");
    let page = server.get(LINKEDIN_PAGE);
    assert_eq!(page.status, 200, "the last good site is still served");
    assert!(page.body.contains("LinkedIn posting briefly unavailable"));

    // A page loaded now, while the build is broken, is told at once.
    let build = page
        .body
        .split(r#"data-build=""#)
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    let late = server.events(&format!("?build={build}"));
    assert_eq!(expect_event(&late, "error"), data);
    // The terminal says so too, at path:line.
    let deadline = Instant::now() + PATIENCE;
    let mut printed = String::new();
    while !printed.contains("the preview shows the last good build") && Instant::now() < deadline {
        if let Ok(line) = server.stderr.recv_timeout(Duration::from_secs(1)) {
            printed.push_str(&line);
            printed.push('\n');
        }
    }
    assert!(
        printed.contains(&format!("{LINKEDIN}:{}:", d["line"])),
        "{printed}"
    );

    // Fixed again: `reload` for both, and the page is current.
    edit(&incident, "severity: [SEV2", "severity: SEV2");
    expect_event(&events, "reload");
    expect_event(&late, "reload");
    assert_no_event(&events, Duration::from_millis(500));
    let page = server.get(LINKEDIN_PAGE);
    assert!(page.body.contains("LinkedIn posting briefly unavailable"));
}

#[test]
fn a_page_that_missed_a_rebuild_reloads_when_it_connects() {
    let kb = small_kb();
    let server = Server::start(kb.path(), &["--port", "0"]);
    let events = server.events("?build=1");
    expect_event(&events, "reload");
}

#[test]
fn a_kb_broken_from_the_start_is_served_with_its_errors() {
    let kb = demo_copy();
    edit(
        &kb.path().join(LINKEDIN),
        "severity: SEV2",
        "severity: [SEV2",
    );
    let server = Server::start(kb.path(), &["--port", "0"]);
    assert!(
        server.startup.contains("error[yaml]"),
        "the diagnostics are printed: {}",
        server.startup
    );
    // No site was ever built: a page explains, with the live tags, and the overlay's data
    // comes on connect.
    let page = server.get("/");
    assert_eq!(page.status, 404);
    assert!(page.body.contains("/__hindsight/live.js"));
    let events = server.events("");
    let error: Value = serde_json::from_str(&expect_event(&events, "error")).unwrap();
    assert_eq!(error["diagnostics"][0]["path"], LINKEDIN);
    edit(
        &kb.path().join(LINKEDIN),
        "severity: [SEV2",
        "severity: SEV2",
    );
    expect_event(&events, "reload");
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn nothing_outside_the_output_folder_is_served() {
    let kb = small_kb();
    let root = kb.path();
    let secret = "TOP-SECRET-2f9c";
    std::fs::create_dir_all(root.join(".hindsight")).unwrap();
    std::fs::write(root.join("secret.txt"), secret).unwrap();
    std::fs::write(root.join(".hindsight/secret.txt"), secret).unwrap();
    let server = Server::start(root, &["--port", "0"]);
    let out = root.join(".hindsight/serve");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(root.join("secret.txt"), out.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(root, out.join("up")).unwrap();
    }
    let mut attempts = vec![
        "/../secret.txt".to_string(),
        "/../../secret.txt".into(),
        "/incidents/../../../secret.txt".into(),
        "/%2e%2e/secret.txt".into(),
        "/%2e%2e/%2e%2e/secret.txt".into(),
        "/%2E%2E/%2E%2E/secret.txt".into(),
        "/.%2e/.%2e/secret.txt".into(),
        "/..%2f..%2fsecret.txt".into(),
        "/..%2F..%2Fsecret.txt".into(),
        "/%2e%2e%2f%2e%2e%2fsecret.txt".into(),
        "/..%5c..%5csecret.txt".into(),
        "/..\\..\\secret.txt".into(),
        "/%252e%252e/%252e%252e/secret.txt".into(),
        "/..%00/secret.txt".into(),
        "/leak.txt".into(),
        "/up/secret.txt".into(),
        "/up/hindsight.toml".into(),
    ];
    attempts.push(format!("/{}", root.join("secret.txt").display()));
    for target in &attempts {
        let (status, text) = raw_get(&server.addr, target);
        assert_eq!(status, 404, "{target}: {text}");
        assert!(!text.contains(secret), "{target} leaked the file");
        assert!(
            !text.contains("[markdown]"),
            "{target} leaked hindsight.toml"
        );
    }
    // The 404 is the site's own page.
    let (_, text) = raw_get(&server.addr, "/../secret.txt");
    assert!(text.contains("Page not found"), "{text}");
}

#[test]
fn files_have_their_type_a_validator_gzip_and_a_404_page() {
    let kb = demo_copy();
    let server = Server::start(kb.path(), &["--port", "0"]);
    let css = server
        .get("/")
        .body
        .split("href=\"")
        .map(|s| s.split('"').next().unwrap_or_default().to_string())
        .find(|h| h.ends_with(".css") || h.contains(".css?"))
        .expect("the home page links a stylesheet");
    let style = server.get(&css);
    assert_eq!(style.status, 200);
    assert_eq!(
        style.header("content-type"),
        Some("text/css; charset=utf-8")
    );
    let etag = style.header("etag").expect("an ETag").to_string();
    let again = fetch(&server.url(&css), &[("If-None-Match", &etag)]);
    assert_eq!(again.status, 304, "an unchanged file is not sent again");
    assert!(again.body.is_empty());

    let feed = server.get("/atom.xml");
    assert_eq!(feed.status, 200);
    assert!(feed.header("content-type").unwrap().contains("xml"));
    assert!(
        !feed.body.contains("__hindsight"),
        "only HTML gets the tags"
    );

    let gz = fetch(&server.url("/"), &[("Accept-Encoding", "gzip")]);
    assert_eq!(gz.header("content-encoding"), Some("gzip"));

    let folder = server.get("/incidents");
    assert_eq!(folder.status, 301);
    assert_eq!(folder.header("location"), Some("/incidents/"));

    // Pages are served with the site's Content-Security-Policy as a header, the served
    // live-reload script (a file, not inline) included.
    let home = server.get("/");
    assert_eq!(
        home.header("content-security-policy"),
        Some(hindsight::render::CSP)
    );
    assert!(home.body.contains("<script src=\"/__hindsight/live.js\""));
    assert_eq!(style.header("content-security-policy"), None);

    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.header("content-security-policy"),
        Some(hindsight::render::CSP)
    );
    assert!(missing.body.contains("Page not found"));
    assert!(missing.body.contains("/__hindsight/live.js"));

    let post = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent()
        .post(&server.url("/"))
        .send("x")
        .unwrap();
    assert_eq!(post.status().as_u16(), 405);
}

fn cli_search(root: &Path, args: &[&str]) -> Value {
    let run: Run = bin()
        .current_dir(root)
        .arg("search")
        .args(args)
        .arg("--json")
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn the_search_api_answers_as_the_command_line_does() {
    let kb = demo_copy();
    let root = kb.path();
    let server = Server::start(root, &["--port", "0"]);
    for (query, args) in [
        ("q=deploy", vec!["deploy"]),
        ("q=%22load+balancer%22", vec!["\"load balancer\""]),
        (
            "q=deploy&since=2019-01-01&until=2019-12-31&sort=newest&limit=2",
            vec![
                "deploy",
                "--since",
                "2019-01-01",
                "--until",
                "2019-12-31",
                "--sort",
                "newest",
                "--limit",
                "2",
            ],
        ),
        (
            "q=deploy&severity=SEV1",
            vec!["deploy", "--severity", "SEV1"],
        ),
        ("q=certficate", vec!["certficate"]),
    ] {
        let api = server.get(&format!("/api/search?{query}"));
        assert_eq!(api.status, 200, "{query}: {}", api.body);
        assert_eq!(
            api.header("content-type"),
            Some("application/json; charset=utf-8")
        );
        let cli = cli_search(root, &args);
        assert_eq!(api.json(), cli, "{query}");
    }
    let capped = server.get("/api/search?q=the&limit=100000").json();
    assert!(capped["hits"].as_array().unwrap().len() <= 100);

    for (query, says) in [
        ("", "`q` is empty"),
        ("q=", "`q` is empty"),
        ("q=deploy&since=last-week", "`since`"),
        ("q=deploy&until=2019-02-30", "`until`"),
        ("q=deploy&sort=oldest", "`sort`"),
        ("q=deploy&limit=ten", "`limit`"),
        ("q=deploy&limit=0", "`limit`"),
        ("q=deploy&colour=red", "unknown parameter `colour`"),
        ("q=-redis", "only -exclusions"),
        ("q=nosuchfield%3Afoo", "not a field"),
        ("q=%22unclosed", ""),
        ("q=%2A%2A%2A", "no words"),
        ("q=%ff", ""),
    ] {
        let api = server.get(&format!("/api/search?{query}"));
        assert_eq!(api.status, 400, "{query}: {}", api.body);
        let message = api.json()["error"].as_str().unwrap().to_string();
        assert!(message.contains(says), "{query}: {message}");
    }
}

#[test]
fn the_search_api_completes_the_word_being_typed_and_pages() {
    let kb = demo_copy();
    let root = kb.path();
    let server = Server::start(root, &["--port", "0"]);
    // Without `prefix`, as the CLI: `deplo` is a misspelling of deploy.
    let plain = server.get("/api/search?q=deplo").json();
    assert_eq!(plain["fuzzy"], true, "{plain}");
    // As typed: `deplo` is the start of deploy (and of every word it starts).
    let typed = server.get("/api/search?q=deplo&prefix=true").json();
    let deploy = server.get("/api/search?q=deploy").json();
    assert_eq!(typed["fuzzy"], false, "{typed}");
    assert!(
        typed["total"].as_u64() >= deploy["total"].as_u64(),
        "{typed}"
    );
    assert_eq!(typed["hits"][0]["id"], deploy["hits"][0]["id"]);
    // A filter value being typed stands for the values it starts; a finished one does not.
    let any_sev = server.get("/api/search?q=severity%3Ase&prefix=true").json();
    assert_eq!(any_sev["total"], 19, "{any_sev}");
    let finished = server.get("/api/search?q=severity%3Ase+&prefix=true");
    assert_eq!(finished.status, 400, "{}", finished.body);
    // `offset` skips a page.
    let first = server.get("/api/search?q=the&limit=10").json();
    let second = server.get("/api/search?q=the&limit=5&offset=5").json();
    assert_eq!(second["total"], first["total"]);
    assert_eq!(
        second["hits"].as_array().unwrap()[..],
        first["hits"].as_array().unwrap()[5..]
    );
    // Snippets are text: the apostrophe the index once turned into `&#39;` is an apostrophe.
    let partition = server.get("/api/search?q=title%3Apartition").json();
    let snippet = partition["hits"][0]["snippet"]["text"].as_str().unwrap();
    assert!(
        snippet.contains("the cloud provider's network"),
        "{snippet}"
    );
    assert!(!partition.to_string().contains("&#"), "{partition}");
}

#[test]
fn the_search_api_finds_drafts_when_the_preview_shows_them() {
    let kb = demo_copy();
    let root = kb.path();
    let draft = "2026-10-14-crm-sync-refresh-storm";
    let query = "/api/search?q=refresh+storm";
    let with = Server::start(root, &["--port", "0", "--drafts"]);
    assert_eq!(with.get(&format!("/incidents/{draft}/")).status, 200);
    let found = with.get(query).json();
    assert_eq!(found["hits"][0]["id"], draft, "{found}");
    // Searching again does not take the drafts out of the index the preview built.
    assert_eq!(with.get(query).json()["hits"][0]["id"], draft);
    drop(with);
    let without = Server::start(root, &["--port", "0"]);
    let found = without.get(query).json();
    let ids: Vec<&str> = found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert!(!ids.contains(&draft), "{found}");
}

#[test]
fn a_drafts_page_asks_has_this_happened_before_and_a_published_page_does_not() {
    let kb = demo_copy();
    let server = Server::start(kb.path(), &["--port", "0", "--drafts"]);
    let draft = server.get("/incidents/2026-10-14-crm-sync-refresh-storm/");
    assert_eq!(draft.status, 200);
    let panel = draft
        .body
        .split_once("<h2 id=\"hs-seen-before\">Has this happened before?</h2>")
        .map(|(_, after)| after.split_once("</section>").map_or(after, |p| p.0))
        .unwrap_or_else(|| panic!("no panel on the draft's page:\n{}", draft.body));
    // The same answers as `check` (tests/it/seen_before.rs): the signing key rotation first,
    // with the causes it used, and an existing id for the draft's new cause.
    let first = panel
        .find("<li>")
        .map(|at| &panel[at..])
        .unwrap_or_default();
    assert!(
        first.starts_with("<li><a href=\"/incidents/2025-01-21-signing-key-rotation/\">"),
        "{panel}"
    );
    assert!(
        panel.contains("href=\"/causes/no-key-overlap/\""),
        "{panel}"
    );
    assert!(
        panel.contains("<code>synchronized-token-expiry</code> is new")
            && panel.contains("<code>cache-keys-expire-together</code>"),
        "{panel}"
    );
    let published = server.get(LINKEDIN_PAGE);
    assert_eq!(published.status, 200);
    assert!(
        published
            .body
            .contains("<h2 id=\"hs-answer\">In short</h2>")
    );
    assert!(
        !published.body.contains("Has this happened before?"),
        "{}",
        published.body
    );
}

#[test]
fn binding_beyond_loopback_warns() {
    let kb = demo_copy();
    let server = Server::start(kb.path(), &["--port", "0", "--bind", "0.0.0.0"]);
    let line = expect_line(&server, "reachable from the network");
    assert!(line.starts_with("warning: listening on 0.0.0.0"), "{line}");
    let local = Server::start(kb.path(), &["--port", "0"]);
    // What it prints between the address and the line that follows it.
    loop {
        let line = local.stderr.recv_timeout(PATIENCE).unwrap();
        assert!(!line.contains("warning"), "{line}");
        if line.starts_with("Watching") {
            break;
        }
    }
}

#[test]
fn a_busy_port_moves_to_the_next_free_one() {
    let kb = demo_copy();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let server = Server::start(kb.path(), &["--port", &port]);
    assert!(
        server
            .startup
            .contains(&format!("port {port} is in use, so the preview uses port")),
        "{}",
        server.startup
    );
    assert!(!server.addr.ends_with(&format!(":{port}")));
    assert_eq!(server.get("/").status, 200);
}

/// Many clients at once, for a bounded time: every request gets its answer. (How fast is for
/// `cargo run --release --example serve-load`, not for a test.)
#[test]
fn many_clients_at_once_get_no_errors() {
    let kb = demo_copy();
    let server = Server::start(kb.path(), &["--port", "0"]);
    let paths: Vec<String> = [
        "/",
        LINKEDIN_PAGE,
        "/incidents/",
        "/metrics/",
        "/api/search?q=deploy",
        "/api/search?q=dns&sort=newest",
        "/no/such/page/",
    ]
    .iter()
    .map(|p| server.url(p))
    .collect();
    // Every client makes all its requests, whatever the time it takes: each answer counts.
    const CLIENTS: usize = 8;
    const REQUESTS: usize = 60;
    let clients: Vec<_> = (0..CLIENTS)
        .map(|i| {
            let paths = paths.clone();
            std::thread::spawn(move || {
                let mut failures = Vec::new();
                let mut done = 0;
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .timeout_global(Some(Duration::from_secs(30)))
                    .build()
                    .into();
                while done < REQUESTS {
                    let url = &paths[(i + done) % paths.len()];
                    let expected = if url.ends_with("/no/such/page/") {
                        404
                    } else {
                        200
                    };
                    match agent.get(url).call() {
                        Ok(mut r) if r.status().as_u16() == expected => {
                            if r.body_mut().read_to_vec().is_err() {
                                failures.push(format!("{url}: the body was cut"));
                            }
                        }
                        Ok(r) => failures.push(format!("{url}: {}", r.status())),
                        Err(e) => failures.push(format!("{url}: {e}")),
                    }
                    done += 1;
                }
                (done, failures)
            })
        })
        .collect();
    let mut total = 0;
    let mut failures = Vec::new();
    for c in clients {
        let (done, f) = c.join().unwrap();
        total += done;
        failures.extend(f);
    }
    assert_eq!(total, CLIENTS * REQUESTS, "every request was made");
    assert!(
        failures.is_empty(),
        "{} failures: {failures:?}",
        failures.len()
    );
}

/// The fast path draws an incident's page exactly as the full build does.
#[test]
fn the_fast_path_renders_the_page_the_full_build_renders() {
    let kb_dir = demo_copy();
    let root = kb_dir.path().canonicalize().unwrap();
    let out = root.join("out");
    let built = hindsight::build::build_keeping(&in_process_build(&root), &mut |_| Ok(())).unwrap();
    assert!(built.report.written);
    let mut kb = built.kb.unwrap();
    let render = built.render.unwrap();
    for (id, file) in [
        ("2017-04-06-linkedin-app", LINKEDIN),
        (
            "2019-03-12-cache-stampede",
            "content/incidents/2019/2019-03-12-cache-stampede.md",
        ),
    ] {
        let (doc, diags) = hindsight::load::load_incident(
            &root,
            ".",
            &root.join(file),
            &kb.config,
            hindsight::load::LoadOptions {
                drafts: false,
                lean: true,
            },
        );
        assert!(diags.iter().all(|d| !d.is_error()));
        let i = kb
            .patch_incident(doc.unwrap())
            .expect("an unchanged file patches");
        let fast = tempfile::tempdir().unwrap();
        let sink = hindsight::write::DirSink(fast.path().to_path_buf());
        hindsight::render::render_incident(&kb, &root, ".", &render, &sink, i).unwrap();
        let path = format!("incidents/{id}/index.html");
        assert_eq!(
            read(&fast.path().join(&path)),
            read(&out.join(&path)),
            "{id}: the fast path and the full build differ"
        );
    }
}

/// Waits for a line of the server's stderr that contains `text`, and returns it.
fn expect_line(server: &Server, text: &str) -> String {
    let deadline = Instant::now() + PATIENCE;
    while Instant::now() < deadline {
        if let Ok(line) = server.stderr.recv_timeout(Duration::from_secs(1))
            && line.contains(text)
        {
            return line;
        }
    }
    panic!("the server never printed {text:?}");
}

#[test]
fn a_template_change_renders_every_page_again_without_reading_the_content() {
    let kb = demo_copy();
    let root = kb.path();
    std::fs::create_dir_all(root.join("theme/templates")).unwrap();
    let server = Server::start(root, &["--port", "0"]);
    let events = server.events("");
    let template = root.join("theme/templates/incident.html");
    std::fs::write(
        &template,
        "{% extends \"builtin/incident.html\" %}\n\
         {% block breadcrumbs %}<p class=\"filed\">Filed under {{ incident.severity }}</p>{% endblock breadcrumbs %}\n",
    )
    .unwrap();
    expect_event(&events, "reload");
    let line = expect_line(&server, "Rendered ");
    assert!(line.contains("was not read again"), "{line}");
    assert!(server.get(LINKEDIN_PAGE).body.contains("Filed under SEV2"));

    // The site is the one a full build makes with that template, byte for byte.
    let full = root.join("full");
    let run = build_in(root, &full, &["--base-url", "/", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let served = root.join(".hindsight/serve");
    let files = files_under(&full);
    assert_eq!(files, files_under(&served), "the same files");
    for f in &files {
        assert!(
            std::fs::read(full.join(f)).unwrap() == std::fs::read(served.join(f)).unwrap(),
            "{f} differs from the full build"
        );
    }

    // A template that does not parse: the error, and the last good site stays.
    std::fs::write(
        &template,
        "{% extends \"builtin/incident.html\" %}{% block x %}",
    )
    .unwrap();
    let data = expect_event(&events, "error");
    assert!(data.contains("theme/templates/incident.html"), "{data}");
    assert!(server.get(LINKEDIN_PAGE).body.contains("Filed under SEV2"));
    // Removed: the built-in template again.
    std::fs::remove_file(&template).unwrap();
    expect_event(&events, "reload");
    let page = server.get(LINKEDIN_PAGE);
    assert!(!page.body.contains("Filed under"));
    assert!(page.body.contains("LinkedIn posting unavailable"));
}

/// The full build that follows a fast path gives way to a newer change: it stops, writes
/// nothing, and the fast path still works for the change that called it off.
#[test]
fn the_catch_up_build_gives_way_to_a_newer_change() {
    use hindsight::serve::rebuild::Builder;
    use std::sync::atomic::Ordering;
    let kb_dir = demo_copy();
    let root = kb_dir.path().canonicalize().unwrap();
    let out = root.join("out");
    let mut builder = Builder::new(in_process_build(&root));
    assert!(builder.rebuild(&[]).unwrap().unwrap().written);
    let file = root.join(LINKEDIN);
    let page = out.join("incidents/2017-04-06-linkedin-app/index.html");
    let listing = out.join("incidents/index.html");
    // Retitles the incident and takes the fast path: one page, showing the new title.
    let retitle = |builder: &mut Builder, from: &str, to: &str| {
        edit(&file, from, to);
        let fast = builder
            .rebuild(std::slice::from_ref(&file))
            .unwrap()
            .unwrap();
        assert_eq!(fast.pages, 1, "the fast path");
        assert!(read(&page).contains(to.trim_start_matches("title: ").trim()));
    };
    retitle(&mut builder, "title: ", "title: Zeppelin ");
    assert!(builder.needs_full());
    // A change arrives as the full build starts: it is called off and the site stays.
    let before = read(&listing);
    builder.call_off().flag.store(true, Ordering::SeqCst);
    assert!(builder.rebuild(&[]).unwrap().is_none(), "called off");
    assert_eq!(read(&listing), before);
    assert!(builder.needs_full(), "the full build is still owed");
    // The newer change takes the fast path.
    retitle(&mut builder, "title: Zeppelin ", "title: Airship ");
    builder.call_off().flag.store(false, Ordering::SeqCst);
    let full = builder.rebuild(&[]).unwrap().unwrap();
    assert!(full.written && full.pages > 1);
    assert!(
        read(&listing).contains("Airship"),
        "the full build shows it everywhere"
    );
    assert!(!builder.needs_full());
}

/// Reads one response from `reader`: its status and its body (as long as its Content-Length
/// says; none for a streamed response, whose head alone is read).
fn read_response(reader: &mut impl BufRead) -> (u16, String) {
    let mut head = String::new();
    loop {
        let mut line = String::new();
        let n = reader.read_line(&mut line).expect("a response");
        assert!(n > 0, "the connection closed in the head: {head:?}");
        if line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line: {head:?}"));
    let length = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).expect("the whole body");
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// Sends a request made of `head` (its lines without the final blank one) on a new
/// connection, exactly as written, and reads the response.
fn raw_request(addr: &str, head: &str) -> (u16, String) {
    let stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    (&stream)
        .write_all(format!("{head}\r\n\r\n").as_bytes())
        .unwrap();
    read_response(&mut BufReader::new(&stream))
}

/// Whether the server has closed `stream`, waiting at most `wait`; it must send nothing.
fn is_closed(stream: &TcpStream, wait: Duration) -> bool {
    stream.set_read_timeout(Some(wait)).unwrap();
    let mut buf = [0; 256];
    match (&*stream).read(&mut buf) {
        Ok(0) => true,
        Ok(n) => panic!("the server sent {:?}", String::from_utf8_lossy(&buf[..n])),
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ) =>
        {
            false
        }
        Err(_) => true,
    }
}

/// How long after `since` the server closes `stream` (at most a minute).
fn closed_after(stream: &TcpStream, since: Instant) -> Duration {
    assert!(is_closed(stream, PATIENCE), "still open after a minute");
    since.elapsed()
}

/// Each way of sending no headers for 10 s is disconnected after 10 s, in parallel, while a
/// connection that keeps sending requests and a live-reload stream stay open.
#[test]
fn a_client_that_sends_no_headers_for_10_s_is_disconnected_but_busy_and_event_streams_stay() {
    use hindsight::serve::connections::HEADER_READ_TIMEOUT;
    let kb = demo_copy();
    let server = Server::start(kb.path(), &["--port", "0"]);
    let events = server.events("");
    let addr = server.addr.clone();
    let request = "GET /__hindsight/live.js HTTP/1.1\r\nHost: localhost\r\n\r\n";
    let spawn = |f: fn(&str, &str) -> Duration| {
        let addr = addr.clone();
        std::thread::spawn(move || f(&addr, request))
    };
    let cases: Vec<(&str, JoinHandle<Duration>)> = vec![
        (
            "nothing sent",
            spawn(|addr, _| {
                let start = Instant::now();
                closed_after(&TcpStream::connect(addr).unwrap(), start)
            }),
        ),
        (
            "part of the headers",
            spawn(|addr, _| {
                let start = Instant::now();
                let stream = TcpStream::connect(addr).unwrap();
                (&stream)
                    .write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n")
                    .unwrap();
                closed_after(&stream, start)
            }),
        ),
        (
            "a header byte every half second",
            spawn(|addr, _| {
                let start = Instant::now();
                let stream = TcpStream::connect(addr).unwrap();
                let head = b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ";
                (&stream).write_all(head).unwrap();
                while start.elapsed() < PATIENCE {
                    if (&stream).write_all(b"a").is_err()
                        || is_closed(&stream, Duration::from_millis(500))
                    {
                        return start.elapsed();
                    }
                }
                panic!("still open after a minute");
            }),
        ),
        (
            "idle after a response",
            spawn(|addr, request| {
                let stream = TcpStream::connect(addr).unwrap();
                stream
                    .set_read_timeout(Some(Duration::from_secs(30)))
                    .unwrap();
                (&stream).write_all(request.as_bytes()).unwrap();
                let (status, _) = read_response(&mut BufReader::new(&stream));
                assert_eq!(status, 200);
                closed_after(&stream, Instant::now())
            }),
        ),
    ];
    // A request every 2 s on one connection for longer than the timeout: never cut.
    let busy = spawn(|addr, request| {
        let start = Instant::now();
        let stream = TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let mut reader = BufReader::new(&stream);
        // At 0, 2, ... 10 s: the last one comes when a silent client would have been cut.
        for i in 0..=HEADER_READ_TIMEOUT.as_secs() / 2 {
            if i > 0 {
                std::thread::sleep(Duration::from_secs(2));
            }
            (&stream).write_all(request.as_bytes()).unwrap();
            assert_eq!(read_response(&mut reader).0, 200, "request {i}");
        }
        start.elapsed()
    });
    for (case, handle) in cases {
        let after = handle
            .join()
            .unwrap_or_else(|_| panic!("{case}: the client failed"));
        assert!(
            after >= HEADER_READ_TIMEOUT - Duration::from_millis(500)
                && after <= HEADER_READ_TIMEOUT * 2,
            "{case}: closed after {after:?}"
        );
    }
    busy.join()
        .unwrap_or_else(|_| panic!("the busy connection was cut"));
    // The event stream opened before all that still carries live reload.
    edit(
        &kb.path().join(LINKEDIN),
        "title: LinkedIn posting unavailable",
        "title: LinkedIn posting briefly unavailable",
    );
    expect_event(&events, "reload");
}

/// More idle connections than the cap: the server holds at most the cap's worth of sockets,
/// and a page asked for meanwhile is answered once the first idle ones time out.
#[cfg(target_os = "linux")]
#[test]
fn idle_connections_beyond_the_cap_wait_and_cannot_exhaust_descriptors() {
    use hindsight::serve::connections::{HEADER_READ_TIMEOUT, MAX_CONNECTIONS};
    let kb = demo_copy();
    let server = Server::start(kb.path(), &["--port", "0"]);
    // A first request, so that what the server opens once is counted before; its connection
    // is closed and given a moment to go.
    let warm = "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close";
    assert_eq!(raw_request(&server.addr, warm).0, 200);
    std::thread::sleep(Duration::from_millis(500));
    let fd_dir = format!("/proc/{}/fd", server.child.id());
    let descriptors = || std::fs::read_dir(&fd_dir).unwrap().count();
    let before = descriptors();
    // The counts are read while the server runs, so allow a few descriptors of its own.
    let slack = 8;
    // Fewer waiting than the cap, so that one round of timeouts makes room for the page.
    let waiting = MAX_CONNECTIONS * 3 / 4;
    let opened = Instant::now();
    let idle: Vec<TcpStream> = (0..MAX_CONNECTIONS + waiting)
        .map(|_| TcpStream::connect(&server.addr).unwrap())
        .collect();
    // The server accepts up to the cap at once...
    let mut most = 0;
    while most + slack < before + MAX_CONNECTIONS && opened.elapsed() < Duration::from_secs(5) {
        most = most.max(descriptors());
        std::thread::sleep(Duration::from_millis(50));
    }
    // ... and no more.
    std::thread::sleep(Duration::from_secs(1));
    most = most.max(descriptors());
    assert!(
        most + slack >= before + MAX_CONNECTIONS && most <= before + MAX_CONNECTIONS + slack,
        "{before} descriptors before {} connections, {most} after",
        idle.len()
    );
    let page = server.get(LINKEDIN_PAGE);
    assert_eq!(page.status, 200);
    let waited = opened.elapsed();
    assert!(
        waited >= HEADER_READ_TIMEOUT - Duration::from_millis(500),
        "answered after {waited:?}, before any place was free"
    );
    drop(idle);
}

#[test]
fn a_foreign_host_gets_400_so_dns_rebinding_cannot_reach_the_preview() {
    let kb = demo_copy();
    let server = Server::start(kb.path(), &["--port", "0"]);
    let addr = &server.addr;
    let port = addr.rsplit(':').next().unwrap();
    let get =
        |path: &str, host: &str| raw_request(addr, &format!("GET {path} HTTP/1.1\r\nHost: {host}"));
    for path in [
        "/",
        LINKEDIN_PAGE,
        "/api/search?q=deploy",
        "/__hindsight/events",
    ] {
        for host in ["evil.example".to_string(), format!("Evil.Example:{port}")] {
            let (status, body) = get(path, &host);
            assert_eq!(status, 400, "{path} with {host}: {body}");
            assert!(
                body.contains("refused the host `Evil.Example`")
                    || body.contains("refused the host `evil.example`"),
                "{body}"
            );
            assert!(body.contains("--allow-host"), "{body}");
        }
        let (status, body) = get(path, &format!("localhost:{port}"));
        assert_eq!(status, 200, "{path}: {body}");
    }
    for allowed in [
        "localhost".to_string(),
        format!("LOCALHOST:{port}"),
        format!("kb.localhost:{port}"),
        addr.to_string(),
        format!("127.0.0.2:{port}"),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(get("/", &allowed).0, 200, "{allowed}");
    }
    for refused in [
        format!("127.0.0.1.nip.io:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("192.0.2.7:{port}"),
        format!("[2001:db8::1]:{port}"),
        "".to_string(),
        "evil example".to_string(),
    ] {
        let (status, body) = get("/", &refused);
        assert_eq!(status, 400, "{refused}: {body}");
    }
    for (request, says) in [
        ("GET / HTTP/1.0", "no Host header"),
        ("GET / HTTP/1.1", "no Host header"),
        (
            "GET / HTTP/1.1\r\nHost: localhost\r\nHost: evil.example",
            "more than one Host",
        ),
        (
            "GET http://evil.example/ HTTP/1.1\r\nHost: localhost",
            "`evil.example`",
        ),
    ] {
        let (status, body) = raw_request(addr, request);
        assert_eq!(status, 400, "{request:?}: {body}");
        assert!(body.contains(says), "{request:?}: {body}");
    }
}

#[test]
fn allow_host_adds_a_name_and_an_unspecified_bind_allows_any_address() {
    let kb = demo_copy();
    let server = Server::start(
        kb.path(),
        &[
            "--port",
            "0",
            "--bind",
            "0.0.0.0",
            "--allow-host",
            "kb.internal",
        ],
    );
    let port = server.addr.rsplit(':').next().unwrap();
    let get = |host: &str| {
        raw_request(
            &server.addr,
            &format!("GET /api/search?q=deploy HTTP/1.1\r\nHost: {host}"),
        )
    };
    for allowed in [
        format!("kb.internal:{port}"),
        "KB.Internal".to_string(),
        format!("192.0.2.7:{port}"),
        format!("[2001:db8::1]:{port}"),
        format!("localhost:{port}"),
    ] {
        let (status, body) = get(&allowed);
        assert_eq!(status, 200, "{allowed}: {body}");
    }
    for refused in [
        "other.internal",
        "kb.internal.evil.example",
        "x.kb.internal",
    ] {
        let (status, body) = get(refused);
        assert_eq!(status, 400, "{refused}: {body}");
        assert!(body.contains(&format!("--allow-host {refused}")), "{body}");
    }
    // A value with a port or scheme would never match: it is refused at once.
    for bad in ["kb.internal:8080", "http://kb.internal"] {
        let run: Run = bin()
            .current_dir(kb.path())
            .args(["serve", "--port", "0", "--allow-host", bad])
            .output()
            .unwrap()
            .into();
        assert_eq!(run.code, 2, "{bad}: {}", run.stderr);
        assert!(
            run.stderr.contains("without scheme, port"),
            "{}",
            run.stderr
        );
    }
}
