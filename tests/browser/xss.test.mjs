// Hostile content in a real browser: a KB whose every field carries the payloads of
// tests/fixtures/xss/payloads.json (scheme tricks, entity and percent encodings, raw HTML,
// nested Markdown, SVG, attribute breaking, `</script>` in every text) is built, and every
// page is opened in headless Chromium with the Content-Security-Policy bypassed, so that the
// sanitizing alone must hold: every link, button and summary is clicked, every element gets
// mouseover and focus events, and a detector records any dialog and any call of alert,
// confirm, prompt or print. Then every page is opened again with the policy in force, which
// must report no violation (nothing inline even tried to run). The same payloads go through
// the static search page, the header search box, and `hindsight serve`'s /api/search and its
// search page.
//
// Run: scripts/browser-tests.sh (or `node --test xss.test.mjs` here after a cargo build).

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { mkdtemp, mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { chromium } from "playwright-core";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const BIN = process.env.HINDSIGHT_BIN || path.join(REPO, "target", "release", "hindsight");
const HOST = "127.0.0.1";
const PAYLOADS = JSON.parse(await readFile(path.join(REPO, "tests/fixtures/xss/payloads.json"), "utf8"));
const INCIDENTS = 12;

let tmp, kb, site, server, origin, browser;

// ---------------------------------------------------------------------------------------
// The hostile KB

/** A YAML or TOML double-quoted string (JSON's escapes are valid in both). */
const q = (s) => JSON.stringify(s);

const byKind = (kind) => PAYLOADS.filter((p) => p.kind === kind).map((p) => p.value);
const pick = (list, n) => list.filter((_, i) => i % INCIDENTS === n);
const at = (list, i) => list[i % list.length];

/** How a URL payload is written as a link, an autolink, a reference link and an image. */
function urlForms(u, n) {
  const forms = [`[inline link](${u})`, `![image](${u})`, `[reference link][r${n}]\n\n[r${n}]: ${u}`];
  if (!/[\s<>]/.test(u)) forms.push(`<${u}>`);
  return forms.join("\n\n");
}

function incident(n) {
  const urls = pick(byKind("url"), n);
  const html = pick(byKind("html"), n);
  const text = pick(byKind("text"), n);
  const md = pick(byKind("markdown"), n);
  const t = (i) => at(byKind("text"), n * 7 + i);
  const h = (i) => at(byKind("html"), n * 5 + i);
  const u = (i) => at(byKind("url"), n * 3 + i);
  const fm = [
    `title: ${q(`Incident ${n} ${t(0)}`)}`,
    "severity: SEV2",
    `started: 2024-03-${String(n + 1).padStart(2, "0")}T10:00:00Z`,
    `detected: 2024-03-${String(n + 1).padStart(2, "0")}T10:05:00Z`,
    `resolved: 2024-03-${String(n + 1).padStart(2, "0")}T11:00:00Z`,
    `summary: ${q(`Summary ${t(1)}`)}`,
    `impact: ${q(`Impact ${t(2)}`)}`,
    `authors: [${q(t(3))}]`,
    `source_url: ${q(u(4))}`,
    "services: [svc-a, svc-b]",
    "teams: [team-x]",
    "tags: [hostile, xss]",
    "causes:",
    `  - id: cause-${n % 4}`,
    "    category: tools",
    "    root: true",
    `    text: ${q(`Cause ${t(4)} ${h(0)}`)}`,
    `    because: [cause-${(n % 4) + 4}]`,
    `  - id: cause-${(n % 4) + 4}`,
    "    category: process",
    `    text: ${q(`Deeper ${t(5)}`)}`,
    "action_items:",
    `  - text: ${q(`Fix [runbook](${u(0)}) ${h(1)} ${t(6)}`)}`,
    `    owner: ${q(t(7))}`,
    `    ticket: ${q(t(8))}`,
    "    kind: prevent",
    "    status: done",
    "    due: 2024-04-01",
    "    completed: 2024-03-20",
    `  - text: ${q(`Detect ![i](${u(1)}) ${t(9)}`)}`,
    "    owner: team-x",
    "    ticket: \"https://tickets.example.com/\\\" onclick=\\\"alert(1)\"",
    "    kind: detect",
    "    due: 2024-01-01",
    `related: [incident-${(n + 1) % INCIDENTS}]`,
  ];
  const body = [
    "## Summary",
    `Summary paragraph ${t(10)} ${urls.length ? `[x](${urls[0]})` : ""}`,
    "## Timeline",
    `- 10:00 — started ${t(11)}`,
    `- 10:05 — ${h(2)}`,
    `- 10:30 — [runbook](${u(2)}) ${t(12)}`,
    "## Five whys",
    `1. Why ${t(13)}?`,
    `2. Because ${h(3)}`,
    `3. Because [x](${u(3)})`,
    `## Heading ${t(14)}`,
    ...urls.map((x, i) => urlForms(x, `${n}-${i}`)),
    ...html,
    ...text.map((x) => `Text: ${x}`),
    ...md,
    "## What went well",
    `[[incident-${(n + 2) % INCIDENTS}]] and [[cause:cause-${n % 4}]]`,
    "## Lessons learned",
    h(4),
  ];
  return `---\n${fm.join("\n")}\n---\n\n${body.join("\n\n")}\n`;
}

/** A post-mortem whose body has no raw HTML at all, only Markdown links and images to the URL
 * payloads: nothing but the URL allow-list stands between them and the page. */
function markdownOnly(n) {
  const urls = byKind("url").filter((_, i) => i % 4 === n);
  const body = urls.map((u, i) => urlForms(u, `m${n}-${i}`)).join("\n\n");
  // Heading ids that try to leave their attributes: with no raw HTML in the body, nothing
  // else would clean what the renderer writes around them.
  const ids = `## Root cause {#rc"/autofocus/tabindex="0"/onfocus="alert(11)"/x="}\n\nText.\n\n### Completed {#c'/onmouseover='alert(12)'/x='}\n\nMore.`;
  return `---\ntitle: Markdown only ${n}\nseverity: SEV1\nstarted: 2024-05-0${n + 1}T10:00:00Z\n---\n\n## Summary\n\n${body}\n\n${ids}\n`;
}

/** The payloads in the shapes of post-mortems as teams already keep them, which the import
 * reads with parsers of their own: no front matter (metadata lines, tables), a team's own
 * front-matter nesting with a `timeline:` list, a Logseq outline, pasted status-page updates,
 * terse notes and Jeli-style follow-ups. */
function realShapes(n) {
  const t = (i) => at(byKind("text"), n * 11 + i);
  const h = (i) => at(byKind("html"), n * 13 + i);
  const u = (i) => at(byKind("url"), n * 7 + i);
  const md = (i) => at(byKind("markdown"), n * 5 + i);
  const day = `2024-06-${String(n + 10).padStart(2, "0")}`;
  const cell = (x) => x.replaceAll("|", "\\|").replaceAll("\n", " ");
  return {
    [`content/incidents/${day}-no-front-matter-${n}.md`]: [
      `# Checkout outage ${t(0)}`,
      `**Date:** ${day}  \n**Severity:** SEV2  \n**Owner:** ${t(1)}  \n**Status page:** ${u(0)}`,
      "## Timeline",
      [
        "| Time (UTC) | Event |",
        "|---|---|",
        `| 10:00 | Deploy starts [runbook](${u(1)}) ${cell(t(2))} |`,
        `| 10:05 | Alert fires ${cell(h(0))} |`,
        `| 11:00 | Resolved ${cell(md(0))} |`,
      ].join("\n"),
      "## Root cause",
      `${t(3)} [x](${u(2)}) ${h(1)}`,
      "## Action items",
      [
        "| Action | Owner | Status |",
        "|---|---|---|",
        `| Fix [it](${u(3)}) ${cell(h(2))} | ${cell(t(4))} | Open |`,
        `| Alert on ${cell(t(5))} | @kim | Done |`,
      ].join("\n"),
    ].join("\n\n"),
    [`content/incidents/${day}-team-nesting-${n}.md`]: [
      "---",
      `title: ${q(`Nested ${t(6)}`)}`,
      "incident:",
      "  severity: S2",
      `  summary: ${q(`Summary ${h(3)}`)}`,
      "  impact:",
      `    start: ${day}T10:00:00Z`,
      `    end: ${day}T11:00:00Z`,
      `    customers: ${q(t(7))}`,
      "tags: {team: payments, env: production}",
      "params:",
      `  authors: [${q(t(8))}]`,
      "timeline:",
      `  - time: ${day}T10:00:00Z`,
      `    event: ${q(`Deploy [runbook](${u(4)}) ${h(4)}`)}`,
      `  - at: ${day}T10:20:00Z`,
      `    text: ${q(`Paged ${t(9)} ${md(1)}`)}`,
      `  - ${q(`10:50 — recovered ${h(5)}`)}`,
      "---",
      "",
      `Summary paragraph ${t(10)} [x](${u(5)})`,
      "",
    ].join("\n"),
    [`content/incidents/${day}-logseq-${n}.md`]: [
      `title:: Logseq notes ${t(11)}`,
      "severity:: SEV3",
      `owner:: ${t(12)}`,
      "",
      "- Summary",
      `\t- ${t(13)} [x](${u(6)})`,
      "- Timeline",
      `\t- 10:00 deploy ${h(6)}`,
      `\t- 10:30 recovered [y](${u(7)})`,
      "- Action items",
      `\t- TODO Fix [x](${u(8)}) ${h(7)}`,
      `\t- DONE Document ${t(14)}`,
      "",
    ].join("\n"),
    [`content/incidents/${day}-status-page-${n}.md`]: doc(
      `Status page ${t(15)}`,
      [
        `**Resolved** - This incident has been resolved. ${h(8)}\nPosted Jun ${n + 10}, 2024 - 11:00 UTC`,
        `**Monitoring** - A fix has been implemented [x](${u(9)}).\nPosted Jun ${n + 10}, 2024 - 10:30 UTC`,
        `**Investigating** - We are investigating ${t(16)}.\nPosted Jun ${n + 10}, 2024 - 10:05 UTC`,
      ].join("\n\n"),
    ),
    [`content/incidents/${day}-terse-${n}.md`]: doc(
      `Terse ${t(17)}`,
      [
        `Timeline\n${day} 10:00 deploy starts ${t(18)}\n${day} 10:05 page: error rate [x](${u(10)})`,
        `Cause: ${h(9)} ${md(2)}`,
        "## Follow-ups",
        `**Alert on ${t(19)}**\nDescription [x](${u(11)}) ${h(10)}\n**Owner:** ${t(20)}\n**Status:** In progress`,
        `- [ ] ${t(0)}: stop [pinning](${u(12)}) ${h(11)} @ana (in progress)`,
      ].join("\n\n"),
      `started: ${day}T10:00:00Z\n`,
    ),
  };
}

function doc(title, body, extra = "") {
  return `---\ntitle: ${q(title)}\nsummary: ${q(`Summary ${title}`)}\n${extra}---\n\n${body}\n`;
}

async function writeKb(root) {
  const files = {};
  for (let n = 0; n < INCIDENTS; n++) files[`content/incidents/incident-${n}.md`] = incident(n);
  for (let n = 0; n < 4; n++) files[`content/incidents/markdown-only-${n}.md`] = markdownOnly(n);
  for (let n = 0; n < 4; n++) Object.assign(files, realShapes(n));
  files["content/pages/links.md"] = doc("Links", byKind("url").map((u, i) => urlForms(u, `p${i}`)).join("\n\n"));
  const text = byKind("text");
  const html = byKind("html");
  const urls = byKind("url");
  const mixed = (i) => [html[i % html.length], `[x](${urls[i % urls.length]})`, byKind("markdown")[i % 22]].join("\n\n");
  for (let c = 0; c < 8; c++) files[`content/causes/cause-${c}.md`] = doc(`Cause page ${text[c]}`, mixed(c));
  files["content/services/svc-a.md"] = doc(`Service ${text[9]}`, mixed(9));
  files["content/reading-lists/hostile.md"] = doc(
    `List ${text[10]}`,
    mixed(10),
    `incidents: [${[...Array(INCIDENTS).keys()].map((n) => `incident-${n}`).join(", ")}]\n`,
  );
  files["content/pages/about.md"] = doc(`Page ${text[11]}`, mixed(11), "weight: 1\n");
  files["content/pages/guide/deep.md"] = doc(`Deep ${text[12]}`, mixed(12));
  files["hindsight.toml"] = [
    `title = ${q(`KB ${text[0]}`)}`,
    `description = ${q(`Description ${text[1]}`)}`,
    "[[severities]]",
    'id = "SEV1"',
    `description = ${q(text[2])}`,
    "[[severities]]",
    'id = "SEV2"',
    `description = ${q(text[3])}`,
    "[[categories]]",
    'id = "tools"',
    `title = ${q(`Tools ${text[4]}`)}`,
    `description = ${q(text[5])}`,
    "[[categories]]",
    'id = "process"',
    `title = ${q(`Process ${text[6]}`)}`,
    "",
  ].join("\n");
  for (const [rel, body] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), body);
  }
}

// ---------------------------------------------------------------------------------------
// Serving the built site

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".bin": "application/octet-stream",
};

function startServer(root) {
  const srv = http.createServer(async (req, res) => {
    const url = new URL(req.url, "http://localhost");
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith("/")) rel += "index.html";
    const file = path.join(root, path.normalize(rel));
    try {
      if (!file.startsWith(root)) throw new Error("outside");
      const body = await readFile(file);
      res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream" });
      res.end(body);
    } catch {
      try {
        const s = await stat(path.join(root, path.normalize(rel)));
        if (s.isDirectory()) {
          res.writeHead(301, { Location: `${url.pathname}/` }).end();
          return;
        }
      } catch { /* not a folder either */ }
      res.writeHead(404, { "Content-Type": TYPES[".html"] });
      res.end(await readFile(path.join(root, "404.html")));
    }
  });
  return new Promise((resolve) => srv.listen(0, HOST, () => resolve(srv)));
}

async function htmlPages(dir, prefix = "") {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const rel = `${prefix}${e.name}`;
    if (e.name === "__control") continue;
    if (e.isDirectory()) out.push(...(await htmlPages(path.join(dir, e.name), `${rel}/`)));
    else if (e.name === "index.html") out.push(`/${prefix}`);
    else if (e.name.endsWith(".html")) out.push(`/${rel}`);
  }
  return out.sort();
}

// ---------------------------------------------------------------------------------------
// The detector

/** Runs in every page before its scripts: records calls of the dialog functions. */
function detector() {
  window.__xss = [];
  for (const f of ["alert", "confirm", "prompt", "print"]) {
    window[f] = (...args) => {
      window.__xss.push(`${f}(${args.join(",")})`);
    };
  }
  window.__csp = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
  });
}

/** A page with the detector, dialogs recorded in `found`, navigation away and popups stopped. */
async function hostilePage(found, { bypassCSP = true } = {}) {
  const context = await browser.newContext({ bypassCSP });
  context.setDefaultTimeout(10_000);
  await context.addInitScript(detector);
  const page = await context.newPage();
  page.on("dialog", async (d) => {
    found.push(`dialog ${d.type()}: ${d.message()} on ${page.url()}`);
    await d.dismiss().catch(() => {});
  });
  context.on("page", async (p) => {
    if (p !== page) {
      found.push(`a popup opened from ${page.url()}: ${p.url()}`);
      await p.close().catch(() => {});
    }
  });
  return { context, page };
}

/** What the detector recorded on `page`, with where. */
async function recorded(page, where) {
  try {
    const { xss, csp } = await page.evaluate(() => ({ xss: window.__xss || [], csp: window.__csp || [] }));
    return { xss: xss.map((x) => `${x} on ${where}`), csp: csp.map((x) => `${x} on ${where}`) };
  } catch (e) {
    // The page was replaced (a javascript: URL that returned a string, say): that is a finding.
    return { xss: [`the page was replaced while tested: ${e.message.split("\n")[0]} on ${where}`], csp: [] };
  }
}

/** Opens `url` in `page`. */
async function open(page, url) {
  await page.goto(url, { waitUntil: "load" });
}

/** Clicks every link, button and summary, and sends mouseover and focus to every element. */
async function poke(page) {
  return page.evaluate(async () => {
    // A click that would load another web page (an http(s) link, the search form) is held
    // back, so that the page under test stays; any other activation (a javascript: or data:
    // URL, a handler) goes ahead, and the detector sees what it runs.
    const web = (u) => /^https?:$/.test(new URL(u, location.href).protocol);
    document.addEventListener("click", (e) => {
      const a = e.target.closest?.("a[href], area[href]");
      if (a && web(a.href)) e.preventDefault();
    }, true);
    document.addEventListener("submit", (e) => {
      if (web(e.target.action)) e.preventDefault();
    }, true);
    const clickable = [...document.querySelectorAll("a, area, button, summary, input, [role=button], label")];
    for (const el of clickable) {
      try {
        el.click();
      } catch { /* a detached element */ }
    }
    for (const el of document.querySelectorAll("body *")) {
      el.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
      if (typeof el.focus === "function") el.focus();
    }
    await new Promise((r) => setTimeout(r, 50));
    return clickable.length;
  });
}

// ---------------------------------------------------------------------------------------

before(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "hindsight-xss-"));
  kb = path.join(tmp, "kb");
  site = path.join(tmp, "site");
  await writeKb(kb);
  const { stderr } = await promisify(execFile)(BIN, ["build", "--root", kb, "--output", site, "--today", "2026-01-01"], {
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.match(stderr, /Built \d+ pages/, stderr);
  // A control page that does run script, to prove the detector sees what it should.
  await mkdir(path.join(site, "__control"), { recursive: true });
  await writeFile(
    path.join(site, "__control", "index.html"),
    `<!doctype html><title>control</title><a href="javascript:alert('link')">link</a> <img src="x" onerror="alert('img')">
<div onmouseover="alert('hover')">hover</div><form action="javascript:alert('form')"><button>go</button></form>
<a href="/incidents/">a web link</a> <details><summary onclick="alert('summary')">s</summary></details>`,
  );
  server = await startServer(site);
  origin = `http://${HOST}:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

test("there are more than 80 payloads of every kind", () => {
  assert.ok(PAYLOADS.length >= 80, `${PAYLOADS.length} payloads`);
  for (const kind of ["url", "html", "text", "markdown"]) {
    assert.ok(byKind(kind).length >= 15, kind);
  }
});

test("the detector sees script that runs, and a web link does not move the page", async () => {
  const found = [];
  const { context, page } = await hostilePage(found);
  await open(page, `${origin}/__control/`);
  await poke(page);
  found.push(...(await recorded(page, "control")).xss);
  assert.equal(page.url(), `${origin}/__control/`);
  await context.close();
  for (const what of ["link", "img", "hover", "form", "summary"]) {
    assert.ok(found.some((f) => f.startsWith(`alert(${what})`)), `${what} not seen in ${JSON.stringify(found)}`);
  }
});

test("no payload runs on any page, with every link, button and summary clicked", { timeout: 600_000 }, async () => {
  const pages = await htmlPages(site);
  assert.ok(pages.length > 40, `${pages.length} pages`);
  const found = [];
  const { context, page } = await hostilePage(found);
  let clicked = 0;
  for (const p of pages) {
    await open(page, origin + p);
    clicked += await poke(page);
    found.push(...(await recorded(page, p)).xss);
  }
  await context.close();
  assert.ok(clicked > 1000, `only ${clicked} elements clicked`);
  assert.deepEqual(found, [], `script ran:\n  ${found.join("\n  ")}`);
});

test("with the policy in force, no page reports a violation", { timeout: 300_000 }, async () => {
  const pages = await htmlPages(site);
  const found = [];
  const violations = [];
  const { context, page } = await hostilePage(found, { bypassCSP: false });
  for (const p of pages) {
    await page.goto(origin + p, { waitUntil: "load" });
    const r = await recorded(page, p);
    found.push(...r.xss);
    violations.push(...r.csp);
  }
  await context.close();
  assert.deepEqual(found, []);
  assert.deepEqual(violations, [], `policy violations:\n  ${violations.join("\n  ")}`);
});

/** Queries: every payload, and words that find the hostile incidents. */
const QUERIES = [...PAYLOADS.map((p) => p.value), "alert", "script", "onerror", "javascript", "img src", "incident"];

test("the static search page and the header box show hostile results without running them", { timeout: 600_000 }, async () => {
  const found = [];
  const { context, page } = await hostilePage(found);
  let shown = 0;
  for (const query of QUERIES) {
    await open(page, `${origin}/search/?q=${encodeURIComponent(query)}`);
    await page.waitForFunction(() => !/^Type to search/.test(document.querySelector("[data-search-status]")?.textContent || "Type"), null, { timeout: 10_000 }).catch(() => {});
    shown += await page.locator("[data-search-hits] li").count();
    await poke(page);
    found.push(...(await recorded(page, `/search/?q=${query}`)).xss);
  }
  await open(page, `${origin}/`);
  for (const query of ["alert", "script", "onerror", "incident", byKind("text")[0]]) {
    await page.fill(".site-search input[type=search]", query);
    await page.waitForTimeout(300);
    found.push(...(await recorded(page, `header box ${query}`)).xss);
  }
  await context.close();
  assert.ok(shown > 20, `only ${shown} results shown`);
  assert.deepEqual(found, [], `script ran:\n  ${found.join("\n  ")}`);
});

test("/api/search and the served search page take every payload", { timeout: 600_000 }, async () => {
  const serve = spawn(BIN, ["serve", "--root", kb, "--port", "0", "--output", path.join(tmp, "serve")], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  try {
    const base = await new Promise((resolve, reject) => {
      let err = "";
      const timer = setTimeout(() => reject(new Error(`serve did not start:\n${err}`)), 120_000);
      serve.stderr.on("data", (d) => {
        err += d;
        const m = /Serving at (http:\/\/\S+?)\/?\s/.exec(err);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      serve.on("exit", (code) => reject(new Error(`serve exited ${code}:\n${err}`)));
    });
    let answered = 0;
    for (const query of QUERIES) {
      const res = await fetch(`${base}/api/search?q=${encodeURIComponent(query)}&limit=20`);
      assert.ok([200, 400].includes(res.status), `${res.status} for ${JSON.stringify(query)}`);
      assert.match(res.headers.get("content-type"), /^application\/json/);
      const body = await res.json();
      if (res.status === 200) answered += body.hits.length;
      else assert.equal(typeof body.error, "string");
    }
    assert.ok(answered > 20, `only ${answered} hits`);
    const found = [];
    const { context, page } = await hostilePage(found);
    for (const query of QUERIES) {
      await open(page, `${base}/search/?q=${encodeURIComponent(query)}`);
      await page.waitForTimeout(100);
      await poke(page);
      found.push(...(await recorded(page, `served /search/?q=${query}`)).xss);
    }
    await context.close();
    assert.deepEqual(found, [], `script ran:\n  ${found.join("\n  ")}`);
  } finally {
    serve.kill("SIGKILL");
  }
});
