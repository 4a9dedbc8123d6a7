#!/usr/bin/env node
// Static search budgets, measured on a site hindsight built (default: the 10k bench corpus).
//
// For each one-word query, a fresh client (as a first visit) runs the query as the header box
// and the search page do (the last word completed as typed, 10 results), and every file it
// fetches is counted: the two modules a page loads (assets/search.js, the page module, and
// assets/search-engine.js, the engine it imports), the manifest, vocabulary and postings
// shards, and the cards of the first page of results. Reports requests and
// bytes (uncompressed and gzip -6); then what the search page fetches after that for its
// facet counts (the facets file); the time of the whole query with facet counts once its
// files are loaded (median of 50); and `hindsight search` wall time (median of 10, after
// one warm-up run). Then, for two-word, misspelt and phrase queries, what a first visit
// fetches, against the budgets of issue #15 (reported, not asserted).
//
// Usage: node scripts/search-bench.mjs [SITE_DIR] [KB_ROOT]
//        (default target/bench/out-10000 and target/bench/kb-10000; run scripts/bench.py
//        first, or `hindsight build` the corpus yourself)

import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const REPO = fileURLToPath(new URL("..", import.meta.url));
const SITE = path.resolve(process.argv[2] || path.join(REPO, "target/bench/out-10000"));
const KB = path.resolve(process.argv[3] || path.join(REPO, "target/bench/kb-10000"));
const BIN = process.env.HINDSIGHT_BIN || path.join(REPO, "target/release/hindsight");
// The modules as the site serves them: the page module, and the engine it imports.
const MODULES = ["assets/search.js", "assets/search-engine.js"];
const { SearchIndex } = await import(pathToFileURL(path.join(SITE, "assets/search-engine.js")));
const QUERIES = process.env.QUERIES ? process.env.QUERIES.split(",") : ["certificate", "dns", "replica", "timeout", "database", "deploy", "checkout", "quota", "failover", "outage"];
const BUDGET_BYTES = 100 * 1024;
const BUDGET_REQUESTS = 6;

const manifestName = readdirSync(path.join(SITE, "search")).find((f) => f.startsWith("manifest-"));
const base = JSON.parse(readFileSync(path.join(SITE, "search", manifestName), "utf8")).base;
const modules = MODULES.map((url) => {
  const body = readFileSync(path.join(SITE, url));
  return { url, bytes: body.length, gzip: gzipSync(body, { level: 6 }).length };
});

function client(log) {
  const load = async (url, kind) => {
    const rel = url.startsWith(base) ? url.slice(base.length) : url;
    const body = readFileSync(path.join(SITE, rel));
    log.push({ url: rel, bytes: body.length, gzip: gzipSync(body, { level: 6 }).length });
    return kind === "bytes" ? new Uint8Array(body) : JSON.parse(body);
  };
  return SearchIndex.open(`${base}search/${manifestName}`, { load });
}

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

console.log(`site: ${SITE} (${statSync(path.join(SITE, "search")).isDirectory() ? "search/ present" : "no search/"})`);
const total = (key) => modules.reduce((n, m) => n + m[key], 0);
console.log(`client modules: ${modules.map((m) => `${m.url} ${kb(m.bytes)}`).join(", ")}; ${kb(total("bytes"))} (${kb(total("gzip"))} gzip)\n`);
console.log("| query | results | requests | downloaded | gzip | search page: + first facet view | query time (loaded), with facets | hindsight search |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
let worst = { bytes: 0, requests: 0, facetBytes: 0, time: 0 };
for (const q of QUERIES) {
  // As the header box and the search page run it: the last word completed as typed, the
  // first page of results. The search page then counts the facets, with the facets file.
  const log = modules.map((m) => ({ ...m }));
  const ix = await client(log);
  const opts = { prefix: true, limit: 10 };
  const r = await ix.search(q, opts);
  const sum = (files, key) => files.reduce((n, f) => n + f[key], 0);
  const bytes = sum(log, "bytes");
  const gz = sum(log, "gzip");
  const requests = log.length;
  // The search page's first facet view: the facets it offers, smallest file first, while
  // they fit in 48 KB (search.js folds the others until the reader opens one).
  const { names, bytes: facetSizes } = ix.m.facets;
  const offered = ["severity", "service", "cause", "category", "year"];
  const bySize = names.map((n, i) => [n, facetSizes[i]]).filter(([n]) => offered.includes(n)).sort((a, b) => a[1] - b[1]);
  const shown = [];
  let used = 0;
  for (const [n, size] of bySize) if (used + size <= 48 * 1024) { used += size; shown.push(n); }
  await ix.search(q, { ...opts, limit: 0, facets: shown });
  const facetFiles = log.slice(requests);
  const times = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    await ix.search(q, { ...opts, facets: true });
    times.push(performance.now() - t);
  }
  const cli = [];
  execFileSync(BIN, ["search", "--root", KB, "--json", q]);
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    execFileSync(BIN, ["search", "--root", KB, "--json", q]);
    cli.push(performance.now() - t);
  }
  worst.bytes = Math.max(worst.bytes, bytes);
  worst.requests = Math.max(worst.requests, requests);
  worst.facetBytes = Math.max(worst.facetBytes, sum(facetFiles, "bytes"));
  worst.time = Math.max(worst.time, median(times));
  const facets = `${facetFiles.length} request${facetFiles.length === 1 ? "" : "s"}, ${kb(sum(facetFiles, "bytes"))} (${kb(sum(facetFiles, "gzip"))} gzip)`;
  console.log(`| ${q} | ${r.total} | ${requests} | ${kb(bytes)} | ${kb(gz)} | ${facets} | ${median(times).toFixed(1)} ms | ${median(cli).toFixed(0)} ms |`);
  if (process.env.VERBOSE) for (const f of log) console.log(`    ${f.url} ${f.bytes}`);
}
// The other query shapes issue #15 budgets, as a first visit runs them (the last word
// completed as typed): two words, a misspelt word (the fuzzy retry), a quoted phrase.
const SHAPES = [
  { shape: "two words", budget: [100 * 1024, 6], queries: ["dns timeout", "replica failover", "database timeout"] },
  { shape: "misspelt word", budget: [150 * 1024, 8], queries: ["certficate", "replcia", "databse"] },
  { shape: "phrase", budget: [200 * 1024, Infinity], queries: ['"connection pool"', '"disk full"', '"certificate expired"'] },
];
if (!process.env.QUERIES) {
  console.log("\n| shape | query | results | requests | downloaded | gzip | budget |");
  console.log("|---|---|---:|---:|---:|---:|---|");
  for (const { shape, budget: [maxBytes, maxRequests], queries } of SHAPES) {
    for (const q of queries) {
      const log = modules.map((m) => ({ ...m }));
      const ix = await client(log);
      const r = await ix.search(q, { prefix: true, limit: 10 });
      const bytes = log.reduce((n, f) => n + f.bytes, 0);
      const gz = log.reduce((n, f) => n + f.gzip, 0);
      const within = bytes <= maxBytes && log.length <= maxRequests;
      const limit = `${kb(maxBytes)}${Number.isFinite(maxRequests) ? ` in ${maxRequests}` : ""}: ${within ? "within" : "OVER"}`;
      console.log(`| ${shape} | ${q} | ${r.total} | ${log.length} | ${kb(bytes)} | ${kb(gz)} | ${limit} |`);
    }
  }
}
console.log(`\nworst loaded query with facet counts: ${worst.time.toFixed(1)} ms (budget 30 ms); first facet view ${kb(worst.facetBytes)} (budget 60 KB)`);
console.log(`\nworst first query: ${kb(worst.bytes)} in ${worst.requests} requests (budget ${kb(BUDGET_BYTES)} in ${BUDGET_REQUESTS})`);
if (worst.bytes > BUDGET_BYTES || worst.requests > BUDGET_REQUESTS || worst.time > 30) {
  console.log("OVER BUDGET");
  process.exitCode = 1;
}
