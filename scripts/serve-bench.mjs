#!/usr/bin/env node
// Live-preview budget: on the 10k bench corpus, `hindsight serve` is started, then an
// incident's title is changed on disk several times; each time the clock runs from the write
// to the first response of the incident's page that shows the new title (polled every 5 ms,
// the way a reloading browser would ask). Also reports when the full rebuild that follows
// (every other page that mentions the incident) has finished. Budget: 300 ms to the page.
//
// Usage: node scripts/serve-bench.mjs [KB_ROOT] (default target/bench/kb-10000)
// Env:   RUNS=5, HINDSIGHT_BIN (default target/release/hindsight)

import { spawn } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("..", import.meta.url));
const KB = path.resolve(process.argv[2] || path.join(REPO, "target/bench/kb-10000"));
const BIN = process.env.HINDSIGHT_BIN || path.join(REPO, "target/release/hindsight");
const RUNS = Number(process.env.RUNS || 5);
const BUDGET_MS = 300;

const server = spawn(BIN, ["serve", "--root", KB, "--port", "0"], { stdio: ["ignore", "ignore", "pipe"] });
let log = "";
const waiters = [];
server.stderr.on("data", (d) => {
  log += d;
  for (const w of waiters.splice(0)) w();
});
const waitFor = (re, from = 0) => new Promise((resolve, reject) => {
  const check = () => {
    const m = log.slice(from).match(re);
    if (m) resolve(m);
    else if (server.exitCode !== null) reject(new Error(`serve exited:\n${log}`));
    else waiters.push(check);
  };
  check();
});
process.on("exit", () => server.kill());

const started = performance.now();
const [, origin] = await waitFor(/Serving at (http:\/\/[^/\s]+)\//);
console.log(`first build and start: ${((performance.now() - started) / 1000).toFixed(1)} s`);

const dir = path.join(KB, "content", "incidents");
const files = readdirSync(dir, { recursive: true }).filter((f) => f.endsWith(".md")).sort();
const toPage = [];
const toSite = [];
for (let run = 0; run < RUNS; run++) {
  const file = path.join(dir, files[(run * 997) % files.length]);
  const id = path.basename(file, ".md");
  const text = readFileSync(file, "utf8");
  if (text.includes("status: draft")) continue;
  const marker = `edited for the bench ${Date.now()}`;
  const changed = text.replace(/^title: (.*)$/m, (_, t) => `title: ${JSON.stringify(`${JSON.parse(t.startsWith('"') ? t : JSON.stringify(t))} (${marker})`)}`);
  const mark = log.length;
  const t0 = performance.now();
  writeFileSync(file, changed);
  for (;;) {
    const res = await fetch(`${origin}/incidents/${id}/`);
    const body = await res.text();
    if (body.includes(marker)) break;
    if (performance.now() - t0 > 60_000) throw new Error(`no update of ${id} in 60 s\n${log}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  toPage.push(performance.now() - t0);
  await waitFor(/Built \d+ pages/, mark);
  toSite.push(performance.now() - t0);
  writeFileSync(file, text);
  await waitFor(/Built \d+ pages/, log.length);
}
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`edited incident visible: median ${median(toPage).toFixed(0)} ms, worst ${Math.max(...toPage).toFixed(0)} ms (budget ${BUDGET_MS} ms) over ${toPage.length} edits`);
console.log(`whole site rebuilt: median ${(median(toSite) / 1000).toFixed(2)} s`);
if (Math.max(...toPage) > BUDGET_MS) {
  console.log("OVER BUDGET");
  process.exitCode = 1;
}
server.kill();
