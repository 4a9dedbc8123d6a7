#!/usr/bin/env node
// Static search budgets (issue #15), measured on a site hindsight built (default: the 10k bench
// corpus) in headless Chromium.
//
// Each query is a first visit: a fresh browser context (empty cache) opens the search page
// with the query in its address (/search/?q=...), as a reader arriving from the header box
// does, and waits until the results are drawn and the facets counted. Every response of a
// search file is counted: the search modules (assets/search.js, the page module, and
// assets/search-engine.js, the engine it imports), the manifest, vocabulary, postings and
// positions shards, split terms' tails and cards (search/...; not the HTML page, its CSS or
// site.js). Bytes are as served, without HTTP compression (the server here sends none), with
// gzip -6 of each file beside them; the vocabulary, postings, positions, tails and cards are
// stored deflated by the build (since format version 4), so gzip barely changes them. The
// facet files the page then fetches for its first facet view are counted apart.
//
// Besides, in Node (the engine module the site serves, files read from disk): the time of a
// one-word query with facet counts once its files are loaded (median of 50), and
// `hindsight search` wall time (median of 10, after one warm-up run).
//
// Usage: node scripts/search-bench.mjs [SITE_DIR] [KB_ROOT]
//        (default target/bench/out-10000 and target/bench/kb-10000; run scripts/bench.py
//        first, or `hindsight build` the corpus yourself). Needs tests/browser/node_modules
//        (`npm ci` there, or scripts/browser-tests.sh) and Chromium (CHROMIUM, default
//        /usr/bin/chromium). QUERIES=a,b runs only those one-word queries, no other shapes.

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const REPO = fileURLToPath(new URL("..", import.meta.url));
const SITE = path.resolve(process.argv[2] || path.join(REPO, "target/bench/out-10000"));
const KB = path.resolve(process.argv[3] || path.join(REPO, "target/bench/kb-10000"));
const BIN = process.env.HINDSIGHT_BIN || path.join(REPO, "target/release/hindsight");
const PLAYWRIGHT = path.join(REPO, "tests/browser/node_modules/playwright-core/index.mjs");
if (!existsSync(PLAYWRIGHT)) {
  console.log(`search-bench: no ${PLAYWRIGHT}; run \`npm ci\` in tests/browser (scripts/browser-tests.sh does)`);
  process.exit(1);
}
const { chromium } = await import(pathToFileURL(PLAYWRIGHT));
const { SearchIndex } = await import(pathToFileURL(path.join(SITE, "assets/search-engine.js")));

const ONE_WORD = process.env.QUERIES ? process.env.QUERIES.split(",") : ["certificate", "dns", "replica", "timeout", "database", "deploy", "checkout", "quota", "failover", "outage"];
// The other query shapes issue #15 budgets: [bytes, requests] at most.
const SHAPES = process.env.QUERIES ? [] : [
  { shape: "two words", budget: [100 * 1024, 6], queries: ["dns timeout", "replica failover", "database timeout"] },
  { shape: "misspelt word", budget: [150 * 1024, 8], queries: ["certficate", "replcia", "databse"] },
  { shape: "phrase", budget: [200 * 1024, Infinity], queries: ['"connection pool"', '"disk full"', '"certificate expired"', '"rolled back"'] },
];
const ONE_WORD_BUDGET = [100 * 1024, 6];
const FACET_BUDGET = 60 * 1024;

const manifestName = readdirSync(path.join(SITE, "search")).find((f) => f.startsWith("manifest-"));
const base = JSON.parse(readFileSync(path.join(SITE, "search", manifestName), "utf8")).base;
const MODULES = ["assets/search.js", "assets/search-engine.js"];

// The site, served under its base path, with no compression and no caching headers.
const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json", ".svg": "image/svg+xml", ".bin": "application/octet-stream" };
const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, "http://x");
  let rel = decodeURIComponent(url.pathname);
  if (!rel.startsWith(base)) { res.writeHead(404).end(); return; }
  rel = rel.slice(base.length);
  let file = path.join(SITE, rel);
  if (!file.startsWith(SITE)) { res.writeHead(404).end(); return; }
  try {
    if ((await stat(file)).isDirectory()) file = path.join(file, "index.html");
    const body = await readFile(file);
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream", "content-length": body.length });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

// What a first visit of /search/?q=... fetches: {query: [files], facets: [files], status},
// each file {url, bytes, gzip}. Query files: the search modules and every file under search/
// but the page and the facets; facet files: search/f/.
async function firstVisit(q) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const seen = [];
  page.on("response", (res) => seen.push(res));
  await page.goto(`${origin}${base}search/?q=${encodeURIComponent(q)}`);
  // Results drawn ("… found.", or the fuzzy retry's "No exact matches; …"), then the facets
  // counted: the page fetches their files right after, and the network goes quiet.
  await page.waitForFunction(() => /found\.|No exact/.test(document.querySelector("[data-search-status]")?.textContent || ""), null, { timeout: 60000 });
  await page.waitForLoadState("networkidle");
  const status = await page.locator("[data-search-status]").textContent();
  const query = [];
  const facets = [];
  for (const res of seen) {
    const rel = new URL(res.url()).pathname.slice(base.length);
    const isModule = MODULES.includes(rel);
    if (!isModule && (!rel.startsWith("search/") || rel === "search/" || rel.endsWith(".html"))) continue;
    const body = await res.body();
    const file = { url: rel, bytes: body.length, gzip: gzipSync(body, { level: 6 }).length };
    (rel.startsWith("search/f/") ? facets : query).push(file);
  }
  await context.close();
  return { query, facets, status };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const sum = (files, key) => files.reduce((n, f) => n + f[key], 0);
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const verdict = (bytes, requests, [maxBytes, maxRequests]) => `${kb(maxBytes)}${Number.isFinite(maxRequests) ? ` in ${maxRequests}` : ""}: ${bytes <= maxBytes && requests <= maxRequests ? "within" : "OVER"}`;

// The engine under Node, for loaded-query times: files read from disk.
function nodeClient() {
  const load = async (url, kind) => {
    const body = readFileSync(path.join(SITE, url.slice(base.length)));
    return kind === "bytes" ? new Uint8Array(body) : JSON.parse(body);
  };
  return SearchIndex.open(`${base}search/${manifestName}`, { load });
}

const modules = MODULES.map((url) => {
  const body = readFileSync(path.join(SITE, url));
  return { url, bytes: body.length, gzip: gzipSync(body, { level: 6 }).length };
});
console.log(`site: ${SITE}, in ${await browser.version()} (headless)`);
console.log(`search modules: ${modules.map((m) => `${m.url} ${kb(m.bytes)}`).join(", ")}; ${kb(sum(modules, "bytes"))} (${kb(sum(modules, "gzip"))} gzip)\n`);
console.log("| query | results | requests | downloaded | gzip | search page: + first facet view | query time (loaded), with facets | hindsight search |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
let over = false;
const worst = { bytes: 0, requests: 0, facetBytes: 0, time: 0, cli: 0 };
for (const q of ONE_WORD) {
  const v = await firstVisit(q);
  const ix = await nodeClient();
  const r = await ix.search(q, { prefix: true, facets: true });
  const times = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    await ix.search(q, { prefix: true, facets: true });
    times.push(performance.now() - t);
  }
  const cli = [];
  execFileSync(BIN, ["search", "--root", KB, "--json", q]);
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    execFileSync(BIN, ["search", "--root", KB, "--json", q]);
    cli.push(performance.now() - t);
  }
  const bytes = sum(v.query, "bytes");
  worst.bytes = Math.max(worst.bytes, bytes);
  worst.requests = Math.max(worst.requests, v.query.length);
  worst.facetBytes = Math.max(worst.facetBytes, sum(v.facets, "bytes"));
  worst.time = Math.max(worst.time, median(times));
  worst.cli = Math.max(worst.cli, median(cli));
  const facets = `${v.facets.length} request${v.facets.length === 1 ? "" : "s"}, ${kb(sum(v.facets, "bytes"))} (${kb(sum(v.facets, "gzip"))} gzip)`;
  console.log(`| ${q} | ${r.total.toLocaleString("en")} | ${v.query.length} | ${kb(bytes)} | ${kb(sum(v.query, "gzip"))} | ${facets} | ${median(times).toFixed(1)} ms | ${median(cli).toFixed(0)} ms |`);
  if (process.env.VERBOSE) for (const f of [...v.query, ...v.facets]) console.log(`    ${f.url} ${f.bytes}`);
}
const shapeRows = [];
if (SHAPES.length) {
  console.log("\n| shape | query | results | requests | downloaded | gzip | budget |");
  console.log("|---|---|---:|---:|---:|---:|---|");
}
for (const { shape, budget, queries } of SHAPES) {
  for (const q of queries) {
    const v = await firstVisit(q);
    const bytes = sum(v.query, "bytes");
    const line = verdict(bytes, v.query.length, budget);
    over ||= line.endsWith("OVER");
    const results = Number(((v.status.match(/([\d,]+) incidents?/) || [])[1] || "0").replace(/,/g, "")).toLocaleString("en");
    console.log(`| ${shape} | ${q} | ${results} | ${v.query.length} | ${kb(bytes)} | ${kb(sum(v.query, "gzip"))} | ${line} |`);
    if (process.env.VERBOSE) for (const f of v.query) console.log(`    ${f.url} ${f.bytes}`);
    shapeRows.push({ shape, q, bytes, requests: v.query.length });
  }
}
await browser.close();
server.close();

console.log(`\nworst first one-word query: ${kb(worst.bytes)} in ${worst.requests} requests (${verdict(worst.bytes, worst.requests, ONE_WORD_BUDGET)})`);
console.log(`worst first facet view: ${kb(worst.facetBytes)} (budget ${kb(FACET_BUDGET)}: ${worst.facetBytes <= FACET_BUDGET ? "within" : "OVER"})`);
console.log(`worst loaded query with facet counts: ${worst.time.toFixed(1)} ms (budget 30 ms); worst hindsight search: ${worst.cli.toFixed(0)} ms (budget 100 ms)`);
over ||= worst.bytes > ONE_WORD_BUDGET[0] || worst.requests > ONE_WORD_BUDGET[1] || worst.facetBytes > FACET_BUDGET || worst.time > 30;
if (over) {
  console.log("OVER BUDGET");
  process.exitCode = 1;
}
