#!/usr/bin/env node
// Static search budgets, measured on a site hindsight built (default: the 10k bench corpus).
//
// For each one-word query, a fresh client (as a first visit) runs the query and every file it
// fetches is counted: the client module itself (assets/search.js), the manifest, vocabulary
// and postings shards, and the cards of the first page of results. Reports requests, bytes
// (uncompressed and gzip -6) and the longest chain of dependent requests; then the time of
// a query once its shards are loaded (median of 50), and `hindsight search` wall time
// (median of 10, after one warm-up run).
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
const JS = path.join(REPO, "theme/static/assets/search.js");
const { SearchIndex } = await import(pathToFileURL(JS));
const QUERIES = process.env.QUERIES ? process.env.QUERIES.split(",") : ["certificate", "dns", "replica", "timeout", "database", "deploy", "checkout", "quota", "failover", "outage"];
const BUDGET_BYTES = 100 * 1024;
const BUDGET_REQUESTS = 6;

const manifestName = readdirSync(path.join(SITE, "search")).find((f) => f.startsWith("manifest-"));
const base = JSON.parse(readFileSync(path.join(SITE, "search", manifestName), "utf8")).base;
const jsBytes = readFileSync(JS);

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
console.log(`client module: ${kb(jsBytes.length)} (${kb(gzipSync(jsBytes, { level: 6 }).length)} gzip)\n`);
console.log("| query | results | requests | downloaded | gzip | query time (loaded) | hindsight search |");
console.log("|---|---:|---:|---:|---:|---:|---:|");
let worst = { bytes: 0, requests: 0 };
for (const q of QUERIES) {
  const log = [{ url: "assets/search.js", bytes: jsBytes.length, gzip: gzipSync(jsBytes, { level: 6 }).length }];
  const ix = await client(log);
  const r = await ix.search(q, { limit: 10 });
  const bytes = log.reduce((n, f) => n + f.bytes, 0);
  const gz = log.reduce((n, f) => n + f.gzip, 0);
  const times = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    await ix.search(q, { limit: 10 });
    times.push(performance.now() - t);
  }
  const cli = [];
  execFileSync(BIN, ["search", "--root", KB, "--json", q]);
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    execFileSync(BIN, ["search", "--root", KB, "--json", q]);
    cli.push(performance.now() - t);
  }
  if (bytes > worst.bytes) worst.bytes = bytes;
  if (log.length > worst.requests) worst.requests = log.length;
  console.log(`| ${q} | ${r.total} | ${log.length} | ${kb(bytes)} | ${kb(gz)} | ${median(times).toFixed(1)} ms | ${median(cli).toFixed(0)} ms |`);
  if (process.env.VERBOSE) for (const f of log) console.log(`    ${f.url} ${f.bytes}`);
}
console.log(`\nworst first query: ${kb(worst.bytes)} in ${worst.requests} requests (budget ${kb(BUDGET_BYTES)} in ${BUDGET_REQUESTS})`);
if (worst.bytes > BUDGET_BYTES || worst.requests > BUDGET_REQUESTS) {
  console.log("OVER BUDGET");
  process.exitCode = 1;
}
