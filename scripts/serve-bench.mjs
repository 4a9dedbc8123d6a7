#!/usr/bin/env node
// Live-preview budget: on the 10k bench corpus, `hindsight serve` is started, then an
// incident's title is changed on disk several times; each time the clock runs from the write
// to the first response of the incident's page that shows the new title (polled every 5 ms,
// the way a reloading browser would ask). Each run saves a second incident half a second
// after the first, while the full rebuild that follows the first runs, and times it too;
// then reports when the full rebuild (every other page that mentions the incidents) has
// finished. Budget: 300 ms to the page, for both saves.
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
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Changes an incident's title; returns [restore, id, marker].
function retitle(file) {
  const text = readFileSync(file, "utf8");
  const marker = `edited for the bench ${Date.now()}`;
  const changed = text.replace(/^title: (.*)$/m, (_, t) => `title: ${JSON.stringify(`${JSON.parse(t.startsWith('"') ? t : JSON.stringify(t))} (${marker})`)}`);
  writeFileSync(file, changed);
  return [() => writeFileSync(file, text), path.basename(file, ".md"), marker];
}
// Polls the incident's page until it shows `marker`; ms since `t0`.
async function visible(id, marker, t0) {
  for (;;) {
    const body = await (await fetch(`${origin}/incidents/${id}/`)).text();
    if (body.includes(marker)) return performance.now() - t0;
    if (performance.now() - t0 > 60_000) throw new Error(`no update of ${id} in 60 s\n${log}`);
    await sleep(5);
  }
}
const published = files.filter((f) => !readFileSync(path.join(dir, f), "utf8").includes("status: draft"));
const toPage = [];
const duringBuild = [];
const toSite = [];
for (let run = 0; run < RUNS; run++) {
  // A save while nothing else runs.
  const mark = log.length;
  let t0 = performance.now();
  const [restoreA, a, markerA] = retitle(path.join(dir, published[(run * 997) % published.length]));
  toPage.push(await visible(a, markerA, t0));
  // Another save half a second later, while the full build that follows the first runs.
  await sleep(500);
  const t1 = performance.now();
  const [restoreB, b, markerB] = retitle(path.join(dir, published[(run * 997 + 501) % published.length]));
  duringBuild.push(await visible(b, markerB, t1));
  await waitFor(/Built \d+ pages/, mark);
  toSite.push(performance.now() - t1);
  const back = log.length;
  restoreA();
  restoreB();
  await waitFor(/Built \d+ pages/, back);
}
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const line = (what, xs) => `${what}: median ${median(xs).toFixed(0)} ms, worst ${Math.max(...xs).toFixed(0)} ms (budget ${BUDGET_MS} ms)`;
console.log(line("edited incident visible", toPage) + ` over ${toPage.length} edits`);
console.log(line("edited during the full build that follows another edit", duringBuild));
console.log(`whole site rebuilt after the second edit: median ${(median(toSite) / 1000).toFixed(2)} s`);
if (Math.max(...toPage, ...duringBuild) > BUDGET_MS) {
  console.log("OVER BUDGET");
  process.exitCode = 1;
}
server.kill();
