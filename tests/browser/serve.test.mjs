// Real-browser tests of `hindsight serve`, the live preview.
//
// The `before` hook copies the demo knowledge base (content/ and hindsight.toml) to a fresh
// temporary folder, starts `hindsight serve --port 0` on it with the release binary, reads the
// address from its "Serving at URL" line, and launches the system Chromium through
// playwright-core. The tests edit the copy's files and watch open pages follow by themselves:
// an edited title shows after an automatic reload; a broken file shows the error overlay,
// which a fix takes away. Every test asserts that the page logged no console error and threw
// no page error.
//
// Run: scripts/browser-tests.sh, or `node --test` here after `cargo build --release`.
// Environment: HINDSIGHT_BIN (default <repo>/target/release/hindsight),
//              CHROMIUM (default /usr/bin/chromium).

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const BIN = process.env.HINDSIGHT_BIN || path.join(REPO, "target", "release", "hindsight");
const TIMEOUT = { timeout: 60_000 }; // per test
const WAIT = { timeout: 20_000 }; // for a rebuild to reach the page

const INCIDENT = "content/incidents/2017/2017-04-06-linkedin-app.md";
const PAGE = "/incidents/2017-04-06-linkedin-app/";
const TITLE = "LinkedIn posting unavailable after the production app was deleted";

let tmpDir;
let kbDir;
let server;
let serverLog = "";
let origin;
let browser;

/** Starts `hindsight serve` on `root` and resolves with its origin once it serves. */
function startServer(root) {
  const child = spawn(BIN, ["serve", "--root", root, "--port", "0"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  server = child;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${serverLog}`)), 30_000);
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the server exited (${code}):\n${serverLog}`)));
    // Read all along, so the server never blocks on a full pipe.
    readline.createInterface({ input: child.stderr }).on("line", (line) => {
      serverLog += line + "\n";
      const m = /^Serving at (http:\/\/127\.0\.0\.1:\d+)\/$/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
}

async function editIncident(from, to) {
  const file = path.join(kbDir, INCIDENT);
  const text = await readFile(file, "utf8");
  assert.ok(text.includes(from), `${INCIDENT} has no "${from}"`);
  await writeFile(file, text.replace(from, to));
}

/** A fresh page whose console errors and page errors are collected in `problems`. */
async function openPage() {
  const context = await browser.newContext();
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error on ${page.url()}: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error on ${page.url()}: ${err.message}`));
  page.on("response", (res) => {
    // The 404 page is asked for on purpose nowhere here.
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} from ${page.url()}: ${res.url()}`);
  });
  return { page, context, problems };
}

async function withPage(body) {
  const p = await openPage();
  try {
    await body(p.page);
  } catch (err) {
    if (err instanceof Error) {
      if (p.problems.length > 0) err.message += `\nbrowser problems:\n  ${p.problems.join("\n  ")}`;
      err.message += `\nserver output:\n${serverLog}`;
    }
    throw err;
  } finally {
    await p.context.close();
  }
  assert.deepEqual(p.problems, [], `browser problems:\n  ${p.problems.join("\n  ")}`);
}

async function open(page, pathname) {
  // Once the event stream answers, the server has this page's build id: a rebuild from now
  // on, or one it missed, reloads it.
  const connected = page.waitForResponse((r) => r.url().includes("/__hindsight/events"));
  const res = await page.goto(origin + pathname);
  assert.equal(res.status(), 200, `status of ${pathname}`);
  await connected;
}

const h1 = (page) => page.locator("main h1").first();

describe("hindsight serve in Chromium", () => {
  before(async () => {
    assert.ok(
      existsSync(BIN),
      `no hindsight binary at ${BIN}: run \`cargo build --release\` or set HINDSIGHT_BIN`,
    );
    tmpDir = await mkdtemp(path.join(os.tmpdir(), "hindsight-serve-"));
    kbDir = path.join(tmpDir, "kb");
    await cp(path.join(REPO, "content"), path.join(kbDir, "content"), { recursive: true });
    await copyFile(path.join(REPO, "hindsight.toml"), path.join(kbDir, "hindsight.toml"));
    origin = await startServer(kbDir);
    browser = await chromium.launch({
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
  }, { timeout: 60_000 });

  after(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      server.removeAllListeners("exit");
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill();
      await exited;
    }
    if (tmpDir) await rm(tmpDir, { recursive: true, force: true });
  });

  test("pages carry the search API's meta tag and the live script", TIMEOUT, async () => {
    await withPage(async (page) => {
      await open(page, PAGE);
      const api = await page.locator('meta[name="hindsight-search-api"]').getAttribute("content");
      assert.equal(api, "/api/search");
      const json = await page.evaluate(async (api) => (await fetch(`${api}?q=linkedin`)).json(), api);
      assert.ok(json.hits.some((h) => h.id === "2017-04-06-linkedin-app"), JSON.stringify(json));
    });
  });

  test("the search box asks the server's API instead of the static files", TIMEOUT, async () => {
    await withPage(async (page) => {
      await open(page, "/causes/");
      const asked = [];
      page.on("request", (r) => asked.push(new URL(r.url()).pathname));
      await page.keyboard.press("/");
      await page.keyboard.type("linkedin", { delay: 20 });
      // The results of the whole word: those of `l`, `li`... show first while it is typed.
      const first = page.locator("[data-search-results] .search-hit a").first().filter({ hasText: "LinkedIn" });
      await first.waitFor(WAIT);
      assert.ok(asked.includes("/api/search"), asked.join(" "));
      assert.ok(!asked.some((p) => p.startsWith("/search/")), `static search files were fetched: ${asked.join(" ")}`);
      await Promise.all([page.waitForURL(/\/incidents\//), first.click()]);
      assert.equal(new URL(page.url()).pathname, PAGE);
    });
  });

  test("the search box completes the word being typed through the API, and shows text", TIMEOUT, async () => {
    await withPage(async (page) => {
      await open(page, "/causes/");
      const asked = [];
      page.on("request", (r) => asked.push(r.url()));
      await page.keyboard.press("/");
      await page.keyboard.type("partitio", { delay: 20 });
      // The box asks again at each key; on a slow machine the hits of an earlier prefix
      // ("part": "partner") may be drawn first. Wait for those of the whole word typed.
      await page.waitForFunction(
        () => /^partition/i.test(document.querySelector("[data-search-results] .search-hit a mark")?.textContent ?? ""),
        null,
        WAIT,
      );
      assert.ok(asked.some((u) => u.includes("/api/search?") && u.includes("prefix=true")), asked.join(" "));
      const hit = page.locator("[data-search-results] .search-hit").first();
      assert.match(await hit.locator("a mark").first().textContent(), /^partition/i);
      // Snippets are text: the apostrophe the index once sent as `&#39;` is an apostrophe.
      await open(page, `/search/?q=${encodeURIComponent("title:partition")}`);
      const found = page.locator("[data-search-hits] .search-hit").first();
      await found.waitFor(WAIT);
      assert.match(await found.locator("p").textContent(), /the cloud provider's network/);
    });
  });

  test("the search page's year facet, alone, lists that year through the API", TIMEOUT, async () => {
    await withPage(async (page) => {
      const asked = [];
      page.on("request", (r) => asked.push(r.url()));
      await open(page, "/search/?year=2019");
      const hits = page.locator("[data-search-hits] .search-hit");
      await hits.first().waitFor(WAIT);
      const dates = await page.locator("[data-search-hits] time").allTextContents();
      assert.ok(dates.length >= 2 && dates.every((d) => d.startsWith("2019-")), dates.join(" "));
      assert.ok(asked.some((u) => u.includes("/api/search?") && u.includes("year%3A2019")), asked.join(" "));
    });
  });

  test("editing an incident's title reloads its open page with the new title", TIMEOUT, async () => {
    await withPage(async (page) => {
      await open(page, PAGE);
      assert.equal((await h1(page).textContent()).trim(), TITLE);
      // Gone after a reload: proves the page reloaded rather than being patched in place.
      await page.evaluate(() => {
        window.__beforeEdit = true;
      });
      const newTitle = "LinkedIn posting unavailable for 39 minutes after the app was deleted";
      await editIncident(`title: ${TITLE}`, `title: ${newTitle}`);
      await page.waitForFunction(
        (t) => document.querySelector("main h1")?.textContent.trim() === t,
        newTitle,
        WAIT,
      );
      assert.equal(await page.evaluate(() => window.__beforeEdit), undefined, "the page reloaded");
      assert.match(await page.title(), /39 minutes/);
      await editIncident(`title: ${newTitle}`, `title: ${TITLE}`);
      await page.waitForFunction((t) => document.querySelector("main h1")?.textContent.trim() === t, TITLE, WAIT);
    });
  });

  test("a broken file shows the error overlay, and fixing it takes the overlay away", TIMEOUT, async () => {
    await withPage(async (page) => {
      await open(page, PAGE);
      const overlay = page.locator("#hindsight-error-overlay");
      assert.equal(await overlay.count(), 0);
      await editIncident("severity: SEV2", "severity: [SEV2");
      await overlay.waitFor({ state: "visible", ...WAIT });
      const text = await overlay.textContent();
      assert.match(text, /2017-04-06-linkedin-app\.md:\d+:\d+/, text);
      assert.match(text, /error\[yaml\]/, text);
      // The last good build is still shown under the overlay.
      assert.equal((await h1(page).textContent()).trim(), TITLE);

      // A page opened while the build is broken shows the overlay too.
      const late = await page.context().newPage();
      await late.goto(origin + "/");
      await late.locator("#hindsight-error-overlay").waitFor({ state: "visible", ...WAIT });
      await late.close();

      await editIncident("severity: [SEV2", "severity: SEV2");
      await overlay.waitFor({ state: "detached", ...WAIT });
      assert.equal((await h1(page).textContent()).trim(), TITLE);
    });
  });
});
