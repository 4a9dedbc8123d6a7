// What the browser suites share: a KB built with the hindsight binary into a temporary folder,
// served under a path prefix from a small node:http server on 127.0.0.1, and headless
// Chromium pages that record every console error, page error, failed request, HTTP error
// status and request to another host, so a test can assert that a page stayed clean.
//
// createSite({ root, prefix, baseUrl }) gives an object whose start() builds, serves and launches, and
// whose openPage / withPage / goto work against that site; stop() undoes it all.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { chromium } from "playwright-core";

export const REPO = fileURLToPath(new URL("../..", import.meta.url));
export const BIN = process.env.HINDSIGHT_BIN || path.join(REPO, "target", "release", "hindsight");
export const HOST = "127.0.0.1";

// ---------------------------------------------------------------------------------------
// Static server

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".bin": "application/octet-stream",
};

async function isFile(p) {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

async function isDir(p) {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/** Maps a request path to a file in `root`, or says why it cannot: {file} | {redirect} | {}. */
async function resolvePath(root, PREFIX, pathname) {
  if (pathname === PREFIX.slice(0, -1)) return { redirect: PREFIX };
  if (!pathname.startsWith(PREFIX)) return {};
  let rel;
  try {
    rel = decodeURIComponent(pathname.slice(PREFIX.length));
  } catch {
    return {};
  }
  if (rel.includes("\0")) return {};
  const full = path.resolve(root, rel);
  if (full !== root && !full.startsWith(root + path.sep)) return {};
  if (rel === "" || rel.endsWith("/")) {
    const index = path.join(full, "index.html");
    return (await isFile(index)) ? { file: index } : {};
  }
  if (await isFile(full)) return { file: full };
  if (await isDir(full)) return { redirect: `${pathname}/` };
  return {};
}

function startServer(root, PREFIX) {
  const srv = http.createServer(async (req, res) => {
    try {
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { Allow: "GET, HEAD" }).end();
        return;
      }
      const url = new URL(req.url, "http://localhost");
      const found = await resolvePath(root, PREFIX, url.pathname);
      if (found.redirect) {
        res.writeHead(301, { Location: found.redirect + url.search }).end();
        return;
      }
      let status = 200;
      let file = found.file;
      if (!file) {
        status = 404;
        file = path.join(root, "404.html");
      }
      const body = await readFile(file);
      res.writeHead(status, {
        "Content-Type": TYPES[path.extname(file).toLowerCase()] || "application/octet-stream",
        "Content-Length": body.length,
        "Cache-Control": "no-cache",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (err) {
      res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(String(err));
    }
  });
  return new Promise((resolve, reject) => {
    srv.once("error", reject);
    srv.listen(0, HOST, () => resolve(srv));
  });
}

// ---------------------------------------------------------------------------------------
// Pages with problem tracking

/**
 * A fresh context and page whose console errors, page errors, failed requests, HTTP error
 * responses and requests to other hosts are recorded in `problems`. `allow(status, url)`
 * can excuse an expected HTTP error status (and the console line Chromium logs for it).
 */
async function openPage(browser, contextOptions = {}) {
  const context = await browser.newContext({ colorScheme: "light", ...contextOptions });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  const problems = [];
  const allowed = [];
  const isAllowed = (status, url) => allowed.some((a) => a.status === status && a.url === url);
  const page = await context.newPage();
  watch(page, problems, isAllowed);
  return {
    page,
    context,
    problems,
    allow(status, url) {
      allowed.push({ status, url });
    },
    async close() {
      await context.close();
    },
  };
}

export function watch(page, problems, isAllowed = () => false) {
  const at = () => page.url();
  let lastExcused = null;
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const loc = msg.location();
    if (/^Failed to load resource/.test(msg.text())) {
      // Chromium logs this line for an excused response too.
      if (lastExcused && loc.url === lastExcused) return;
    }
    problems.push(`console error on ${at()}: ${msg.text()} (${loc.url}:${loc.lineNumber})`);
  });
  page.on("pageerror", (err) => problems.push(`page error on ${at()}: ${err.message}`));
  page.on("request", (req) => {
    const u = new URL(req.url());
    if (["http:", "https:", "ws:", "wss:"].includes(u.protocol) && u.hostname !== HOST) {
      problems.push(`request to another host from ${at()}: ${req.url()}`);
    }
  });
  page.on("requestfailed", (req) => {
    problems.push(`request failed from ${at()}: ${req.url()} (${req.failure()?.errorText})`);
  });
  page.on("response", (res) => {
    const status = res.status();
    if (status < 400) return;
    if (isAllowed(status, res.url())) {
      lastExcused = res.url();
      return;
    }
    problems.push(`HTTP ${status} from ${at()}: ${res.url()}`);
  });
}

/**
 * The URL path of every file of the built site in `dir` served under `prefix` (a folder's
 * index.html as the folder), but 404.html and the build's marker files, which nothing links.
 */
export async function siteUrls(dir, prefix) {
  const out = [];
  for (const rel of await readdir(dir, { recursive: true })) {
    const slashed = rel.split(path.sep).join("/");
    if (slashed === "404.html" || slashed.split("/").some((part) => part.startsWith("."))) continue;
    if (!(await isFile(path.join(dir, rel)))) continue;
    out.push(prefix + slashed.replace(/(^|\/)index\.html$/, "$1"));
  }
  return out.sort();
}

export function assertClean(problems) {
  assert.deepEqual(problems, [], `browser problems:\n  ${problems.join("\n  ")}`);
}

/** Opens a page, runs `body(page, extra)`, asserts it stayed clean, and always closes it. */
async function withPage(browser, options, body) {
  const p = await openPage(browser, options);
  try {
    await body(p.page, p);
    // The last click's page finishes loading before the page is closed (see goto).
    await p.page.waitForLoadState("load");
  } catch (err) {
    // What the browser reported often explains a failed assertion: show it too.
    if (p.problems.length > 0 && err instanceof Error) {
      err.message += `\nbrowser problems so far:\n  ${p.problems.join("\n  ")}`;
    }
    throw err;
  } finally {
    await p.close();
  }
  assertClean(p.problems);
}

async function goto(origin, page, pathname) {
  // A click may have started a navigation whose scripts are still loading: let it finish,
  // or leaving it would abort those requests and read as a failure of the page.
  await page.waitForLoadState("load");
  const res = await page.goto(origin + pathname);
  assert.ok(res, `no response for ${pathname}`);
  assert.equal(res.status(), 200, `status of ${pathname}`);
  return res;
}

/**
 * The site of the KB at `root` (a folder with content/), built with `args` and served under
 * `prefix`. Call start() in a `before` hook and stop() in `after`.
 */
export function createSite({ root, prefix = "/docs/kb/", baseUrl = prefix, args = [] }) {
  const site = {
    prefix,
    origin: null,
    dir: null,
    browser: null,
    tmp: null,
    server: null,
    async start() {
      assert.ok(
        existsSync(BIN),
        `no hindsight binary at ${BIN}: run \`cargo build --release\` or set HINDSIGHT_BIN`,
      );
      site.tmp = await mkdtemp(path.join(os.tmpdir(), "hindsight-browser-"));
      site.dir = path.join(site.tmp, "site");
      await promisify(execFile)(
        BIN,
        ["build", "--quiet", "--root", root, "--output", site.dir, "--base-url", baseUrl, ...args],
        { maxBuffer: 16 * 1024 * 1024 },
      );
      assert.ok(existsSync(path.join(site.dir, "index.html")), "the build wrote no index.html");
      assert.ok(existsSync(path.join(site.dir, "404.html")), "the build wrote no 404.html");
      site.server = await startServer(site.dir, prefix);
      site.origin = `http://${HOST}:${site.server.address().port}`;
      site.browser = await chromium.launch({
        executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
        args: [
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
        ],
      });
    },
    async stop() {
      await site.browser?.close();
      if (site.server) {
        site.server.closeAllConnections();
        await new Promise((resolve) => site.server.close(resolve));
      }
      if (site.tmp) await rm(site.tmp, { recursive: true, force: true });
    },
    /**
     * Opens every page of the site linked from `from` (at most `max`), four at a time, and
     * asserts each answered 200 and stayed clean; feeds and data files are fetched. Returns
     * how many were visited.
     */
    async crawl(from, max = 250) {
      const links = new Set();
      await site.withPage({}, async (page) => {
        for (const p of from) {
          await site.goto(page, p);
          const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.href));
          for (const href of hrefs) {
            const u = new URL(href);
            if (u.origin !== site.origin) continue;
            u.hash = "";
            links.add(u.href);
          }
        }
      });
      const urls = [...links].slice(0, max);
      const p = await site.openPage();
      try {
        const pages = [p.page];
        for (let i = 1; i < 4; i++) {
          const extra = await p.context.newPage();
          watch(extra, p.problems);
          pages.push(extra);
        }
        const queue = [...urls];
        const failures = [];
        await Promise.all(
          pages.map(async (page) => {
            for (let url = queue.shift(); url; url = queue.shift()) {
              try {
                // Feeds and data files are fetched, not opened as documents: for a document
                // that is not HTML, Chromium asks the server root for /favicon.ico on its
                // own, an address outside the site.
                if (!/(\/|\.html)$/.test(new URL(url).pathname)) {
                  const res = await page.request.get(url);
                  if (res.status() !== 200) failures.push(`${url}: status ${res.status()}`);
                  continue;
                }
                const res = await page.goto(url);
                if (!res || res.status() !== 200) failures.push(`${url}: status ${res?.status()}`);
              } catch (err) {
                failures.push(`${url}: ${err.message.split("\n")[0]}`);
              }
            }
          }),
        );
        assert.deepEqual(failures, [], `pages that did not load:\n  ${failures.join("\n  ")}`);
        assertClean(p.problems);
      } finally {
        await p.close();
      }
      return urls.length;
    },
    /**
     * Fetches every URL the site refers to, starting from `from`, and the URLs those refer
     * to, until there are no new ones: links, stylesheets, scripts and the modules they
     * import, images, forms, the feed's and the sitemap's links, the URLs in incidents.json,
     * the search manifest and every search file it names. URLs on `publicOrigin` (the host
     * of a --base-url with one) are fetched from the test server instead. Records, in
     * `failures`, any URL that does not answer 200 (redirects included) and any URL on the
     * site that is outside the prefix. Returns { fetched: [pathnames], failures }.
     */
    async crawlAll(from = [site.prefix], { publicOrigin = null } = {}) {
      const seen = new Set();
      const fetched = [];
      const failures = [];
      const queue = [];
      const add = (raw, base, source) => {
        let u;
        try {
          u = new URL(raw, base);
        } catch {
          failures.push(`${raw}: not a URL (in ${source})`);
          return;
        }
        if (publicOrigin && u.origin === publicOrigin) u = new URL(u.pathname + u.search, site.origin);
        if (u.origin !== site.origin) return; // another host, data:, mailto:
        u.hash = "";
        if (!u.pathname.startsWith(site.prefix)) {
          failures.push(`${u.pathname}: outside ${site.prefix} (in ${source})`);
          return;
        }
        if (!seen.has(u.href)) {
          seen.add(u.href);
          queue.push({ url: u.href, source });
        }
      };
      for (const p of from) add(p, site.origin, "the start");
      const p = await site.openPage();
      try {
        const visit = async ({ url, source }) => {
          const res = await p.page.request.get(url, { maxRedirects: 0 });
          const where = new URL(url).pathname;
          if (res.status() !== 200) {
            failures.push(`${where}: status ${res.status()} (linked from ${source})`);
            return;
          }
          fetched.push(where);
          const type = res.headers()["content-type"] || "";
          if (type.startsWith("text/html")) {
            const refs = await p.page.evaluate((html) => {
              const doc = new DOMParser().parseFromString(html, "text/html");
              const out = [];
              const attrs = [
                ["a[href]", "href"],
                ["link[href]", "href"],
                ["script[src]", "src"],
                ["img[src]", "src"],
                ["source[src]", "src"],
                ["form[action]", "action"],
                ["[data-search]", "data-search"],
                ["[data-search-js]", "data-search-js"],
              ];
              for (const [selector, attr] of attrs) {
                for (const el of doc.querySelectorAll(selector)) out.push(el.getAttribute(attr));
              }
              for (const el of doc.querySelectorAll("[srcset]")) {
                for (const part of el.getAttribute("srcset").split(",")) out.push(part.trim().split(/\s+/)[0]);
              }
              return out;
            }, await res.text());
            for (const r of refs) add(r, url, where);
          } else if (/\.css$/.test(where)) {
            for (const m of (await res.text()).matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) add(m[1], url, where);
          } else if (/\.m?js$/.test(where)) {
            for (const m of (await res.text()).matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g)) {
              add(m[1], url, where);
            }
          } else if (/\.xml$/.test(where)) {
            const xml = await res.text();
            for (const m of xml.matchAll(/<loc>([^<]+)<\/loc>|<link\b[^>]*\bhref="([^"]+)"/g)) add(m[1] || m[2], url, where);
          } else if (/\/manifest-[^/]*\.json$/.test(where)) {
            const m = JSON.parse(await res.text());
            const base = new URL(m.base, url);
            const files = [
              ...m.vocab.files.map((f) => `search/v/${f}.bin`),
              ...Array.from({ length: m.postings.count }, (_, i) => i).flatMap((i) => [`search/p/${m.postings.hash}-${i}.bin`, `search/q/${m.postings.hash}-${i}.bin`]),
              ...Array.from({ length: m.cards.count }, (_, i) => `search/d/${m.cards.hash}-${i}.bin`),
              ...m.facets.files.map((f) => `search/f/${f}.bin`),
              ...Array.from({ length: 2 ** m.pairs.bits }, (_, i) => `search/w/${m.pairs.hash}-${i}.bin`),
            ];
            for (const f of files) add(f, base, where);
          } else if (/\.n?json$/.test(where)) {
            const walk = (v) => {
              if (Array.isArray(v)) v.forEach(walk);
              else if (v && typeof v === "object") {
                for (const [k, x] of Object.entries(v)) {
                  if (k === "url" && typeof x === "string") add(x, url, where);
                  else walk(x);
                }
              }
            };
            const text = await res.text();
            // incidents.ndjson: one JSON document per line.
            if (where.endsWith(".ndjson")) text.split("\n").filter((l) => l.trim()).forEach((l) => walk(JSON.parse(l)));
            else walk(JSON.parse(text));
          }
        };
        while (queue.length > 0) {
          await Promise.all(queue.splice(0, 8).map(visit));
        }
        assertClean(p.problems);
      } finally {
        await p.close();
      }
      return { fetched, failures };
    },
    openPage: (options) => openPage(site.browser, options),
    withPage: (options, body) => withPage(site.browser, options, body),
    goto: (page, pathname) => goto(site.origin, page, pathname),
  };
  return site;
}
