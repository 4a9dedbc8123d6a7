// Real-browser tests of the site hindsight builds from the demo knowledge base (content/).
//
// The `before` hook builds the demo site with the release binary into a fresh temporary
// folder, serves it under /docs/kb/ from a tiny node:http server on 127.0.0.1, and launches
// the system Chromium through playwright-core. Every test opens its own browser context and
// page, and ends by asserting that the page logged no console error, threw no page error,
// had no failed request (nor any HTTP error status) and asked no host but 127.0.0.1.
//
// Run: scripts/browser-tests.sh, or `node --test` here after `cargo build --release`.
// Environment: HINDSIGHT_BIN (default <repo>/target/release/hindsight),
//              CHROMIUM (default /usr/bin/chromium).

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { REPO, createSite, siteUrls } from "./harness.mjs";

const PREFIX = "/docs/kb/";
const MAX_CRAWL = 250;
const TIMEOUT = { timeout: 30_000 }; // per test; the whole suite takes about 20 s

const LINKEDIN = `${PREFIX}incidents/2017-04-06-linkedin-app/`;
const CAUSE = `${PREFIX}causes/personal-admin-accounts/`;

const site = createSite({ root: REPO, prefix: PREFIX });
const { withPage, goto } = site;

const pathOf = (page) => new URL(page.url()).pathname;

// ---------------------------------------------------------------------------------------

describe("hindsight demo site in Chromium", () => {
  before(() => site.start(), { timeout: 60_000 });
  after(() => site.stop());

  test("home page lists recent incidents that lead to incident pages", TIMEOUT, async () => {
    await withPage({}, async (page) => {
      await goto(page, PREFIX);
      assert.match(await page.title(), /Larkspur incident archive/);

      const cards = page.locator(".home-recent .incident-list > li");
      const n = await cards.count();
      assert.ok(n >= 5, `expected at least 5 recent incidents, found ${n}`);

      const first = cards.first().locator(".card-title a");
      const title = (await first.textContent()).trim();
      const href = await first.getAttribute("href");
      assert.match(href, /^\/docs\/kb\/incidents\/[^/]+\/$/);
      await Promise.all([page.waitForURL(site.origin + href), first.click()]);

      assert.match(await page.locator("body").getAttribute("class"), /\bkind-incident\b/);
      const h1 = page.locator("main h1");
      assert.equal(await h1.count(), 1);
      assert.ok(await h1.isVisible(), "the incident's h1 is visible");
      assert.equal((await h1.textContent()).trim(), title);
    });
  });

  test("keyboard: skip link, then header, and the skip link moves focus to main", TIMEOUT, async () => {
    await withPage({}, async (page) => {
      await goto(page, PREFIX);
      // Which element has focus: whether it matches `selector`, and what it is.
      const focus = (selector) =>
        page.evaluate((selector) => {
          const el = document.activeElement;
          return {
            is: !!el && el !== document.body && el.matches(selector),
            what: el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""} ${el.className} "${el.textContent.trim().slice(0, 40)}"` : "nothing",
          };
        }, selector);
      const assertFocus = async (selector) => {
        const f = await focus(selector);
        assert.ok(f.is, `focus is on ${selector}, not on ${f.what}`);
      };

      // The first Tab stop is the skip link, and it is shown on screen while focused.
      await page.keyboard.press("Tab");
      await assertFocus('a.skip-link[href="#main"]');
      const box = await page.locator(".skip-link").boundingBox();
      assert.ok(box && box.x >= 0 && box.y >= 0, `focused skip link is on screen: ${JSON.stringify(box)}`);

      // Tab order continues into the header: the brand link comes next.
      await page.keyboard.press("Tab");
      await assertFocus(`.site-header a.brand[href="${PREFIX}"]`);

      // Back to the skip link, and activate it: focus and scroll move to #main ...
      await page.keyboard.press("Shift+Tab");
      await assertFocus(".skip-link");
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => location.hash === "#main");
      await assertFocus("main#main");
      // #main scrolls to the top of the viewport, less its scroll-margin-top (or as far as
      // the page can scroll); the scroll may be smooth, so wait for it to get there.
      const scrolled = () => {
        const main = document.getElementById("main");
        const margin = parseFloat(getComputedStyle(main).scrollMarginTop) || 0;
        const top = main.getBoundingClientRect().top;
        const max = document.documentElement.scrollHeight - window.innerHeight;
        return Math.abs(top - margin) <= 1 || (top > margin && window.scrollY >= max - 1);
      };
      await page.waitForFunction(scrolled, null, { timeout: 5_000 }).catch(() => {});
      const where = await page.evaluate(() => ({
        top: document.getElementById("main").getBoundingClientRect().top,
        scrollY: window.scrollY,
      }));
      assert.ok(await page.evaluate(scrolled), `#main is scrolled into view: ${JSON.stringify(where)}`);
      assert.ok(where.scrollY > 0, "the page scrolled past the header");

      // ... so the next Tab lands inside the main content, past the header.
      await page.keyboard.press("Tab");
      const next = await focus("#main *");
      assert.ok(next.is, `Tab after the skip link focuses inside #main, not ${next.what}`);
    });
  });

  test("archive: filters, sorting and the count", TIMEOUT, async () => {
    await withPage({}, async (page) => {
      await goto(page, `${PREFIX}incidents/`);
      const form = page.locator("[data-archive-filters]");
      await form.waitFor({ state: "visible" });

      const rows = page.locator("[data-archive] tbody tr");
      const total = await rows.count();
      assert.ok(total >= 5, `archive lists ${total} incidents`);
      const count = form.locator("[data-archive-count]");
      assert.equal((await count.textContent()).trim(), `${total} of ${total} incidents`);

      // Which rows are shown, and which contain a string in their text.
      const state = (needle) =>
        rows.evaluateAll(
          (trs, needle) =>
            trs.map((tr) => ({
              visible: !tr.hidden && tr.getClientRects().length > 0,
              match: needle ? tr.textContent.toLowerCase().includes(needle) : null,
              sev: tr.querySelector(".badge.sev")?.textContent.trim(),
              date: tr.querySelector("time")?.getAttribute("datetime"),
            })),
          needle,
        );

      // Text filter.
      await form.locator('input[name="q"]').fill("linkedin");
      let s = await state("linkedin");
      const shown = s.filter((r) => r.visible).length;
      assert.ok(shown > 0 && shown < total, `"linkedin" shows ${shown} of ${total} rows`);
      s.forEach((r, i) =>
        assert.equal(r.visible, r.match, `row ${i}: shown=${r.visible} but contains linkedin=${r.match}`),
      );
      assert.equal((await count.textContent()).trim(), `${shown} of ${total} incidents`);

      // Severity filter (with the text filter cleared).
      await form.locator('input[name="q"]').fill("");
      assert.equal((await count.textContent()).trim(), `${total} of ${total} incidents`);
      await form.locator('select[name="severity"]').selectOption("SEV1");
      s = await state(null);
      const sev1 = s.filter((r) => r.sev === "SEV1").length;
      const shownSev = s.filter((r) => r.visible);
      assert.ok(sev1 > 0 && sev1 < total, `${sev1} SEV1 incidents of ${total}`);
      assert.equal(shownSev.length, sev1, "every SEV1 row, and only those, is shown");
      assert.ok(shownSev.every((r) => r.sev === "SEV1"), "only SEV1 rows are shown");
      assert.equal((await count.textContent()).trim(), `${sev1} of ${total} incidents`);
      await form.locator('select[name="severity"]').selectOption("");
      assert.equal((await count.textContent()).trim(), `${total} of ${total} incidents`);

      // Sorting by date: each click flips the order.
      const dateTh = page.locator('[data-archive] thead th[data-sort="date"]');
      const dateButton = dateTh.getByRole("button", { name: "Date" });
      assert.equal(
        await page.locator("[data-archive] thead th[data-sort] button.sort").count(),
        await page.locator("[data-archive] thead th[data-sort]").count(),
        "every sortable header has a button",
      );
      const dates = async () => (await state(null)).map((r) => r.date);
      const isSorted = (list, dir) =>
        list.every((d, i) => i === 0 || (dir > 0 ? list[i - 1] <= d : list[i - 1] >= d));

      await dateButton.click();
      const firstOrder = await dates();
      const firstSort = await dateTh.getAttribute("aria-sort");
      await dateButton.click();
      const secondOrder = await dates();
      const secondSort = await dateTh.getAttribute("aria-sort");

      assert.notEqual(firstOrder[0], secondOrder[0], "the first row's date changes");
      assert.deepEqual(new Set([firstSort, secondSort]), new Set(["ascending", "descending"]));
      for (const [order, dir] of [[firstOrder, firstSort], [secondOrder, secondSort]]) {
        assert.ok(isSorted(order, dir === "ascending" ? 1 : -1), `rows are in ${dir} date order`);
      }
      assert.deepEqual([...secondOrder].reverse(), firstOrder, "the second click reverses the order");
      assert.equal((await count.textContent()).trim(), `${total} of ${total} incidents`);
    });
  });

  test("incident page: sections, and the cause link to the cause page", TIMEOUT, async () => {
    await withPage({}, async (page) => {
      await goto(page, LINKEDIN);
      for (const id of ["summary", "timeline", "five-whys", "hs-causes", "hs-actions"]) {
        const info = await page.evaluate((id) => {
          const el = document.getElementById(id);
          return el && { inSection: !!el.closest("section"), text: el.textContent.trim() };
        }, id);
        assert.ok(info, `#${id} exists`);
        assert.ok(info.inSection, `#${id} heads a section`);
        assert.ok(info.text.length > 0, `#${id} has a title`);
        assert.ok(await page.locator(`#${id}`).isVisible(), `#${id} is visible`);
      }

      const link = page.locator(`li#cause-personal-admin-accounts a[href="${CAUSE}"]`);
      assert.equal(await link.count(), 1, "the cause links to its cause page");
      await Promise.all([page.waitForURL(site.origin + CAUSE), link.click()]);
      assert.equal(pathOf(page), CAUSE);
      assert.ok(await page.locator("main h1").isVisible());

      // The incidents the cause appeared in: the occurrence list (and any table of older ones)
      // in the section headed #hs-occurrences.
      const incidents = await page
        .locator("section:has(> #hs-occurrences) a[href]")
        .evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
      const incidentPages = [...new Set(incidents.filter((p) => /^\/docs\/kb\/incidents\/[^/]+\/$/.test(p)))];
      assert.ok(incidentPages.includes(LINKEDIN), `the cause page lists the LinkedIn incident: ${incidentPages}`);
      assert.ok(
        incidentPages.some((p) => p !== LINKEDIN),
        `the cause page lists another incident: ${incidentPages}`,
      );
    });
  });

  test("dark mode toggle: applies, persists across reload, and toggles back", TIMEOUT, async () => {
    await withPage({ colorScheme: "light" }, async (page) => {
      await goto(page, PREFIX);
      const html = page.locator("html");
      const toggle = page.locator("[data-theme-toggle]");
      const look = () =>
        page.evaluate(() => ({
          // `js` (set by theme-init.js on every page) says script runs; the rest is the theme.
          cls: [...document.documentElement.classList].filter((c) => c !== "js").sort().join(" "),
          bg: getComputedStyle(document.body).backgroundColor,
          stored: localStorage.getItem("hindsight-theme"),
        }));

      const light = await look();
      assert.equal(light.cls, "");
      assert.equal(light.stored, null);
      assert.equal(await toggle.getAttribute("aria-pressed"), "false");

      await toggle.click();
      const dark = await look();
      assert.equal(dark.cls, "dark");
      assert.equal(dark.stored, "dark");
      assert.notEqual(dark.bg, light.bg, "the body background changes in dark mode");
      assert.equal(await toggle.getAttribute("aria-pressed"), "true");

      await page.reload();
      assert.deepEqual(await look(), dark, "still dark after a reload");
      assert.equal(await toggle.getAttribute("aria-pressed"), "true");

      await toggle.click();
      const back = await look();
      assert.equal(back.cls, "light");
      assert.equal(back.stored, "light");
      assert.equal(back.bg, light.bg, "the light background is back");
      assert.ok(!(await html.getAttribute("class")).includes("dark"));
      assert.equal(await toggle.getAttribute("aria-pressed"), "false");
    });
  });

  test("reading list: read marks count progress and persist across reload", TIMEOUT, async () => {
    await withPage({}, async (page) => {
      await goto(page, `${PREFIX}reading-lists/onboarding/`);
      const count = page.locator("[data-reading-count]");
      await page.locator("[data-reading-progress]").waitFor({ state: "visible" });
      assert.equal(await count.textContent(), "0");
      const boxes = page.locator("input[data-read]");
      assert.equal(await boxes.count(), 7);
      await boxes.nth(0).check();
      await boxes.nth(2).check();
      assert.equal(await count.textContent(), "2");
      await page.reload();
      assert.equal(await page.locator("[data-reading-count]").textContent(), "2", "kept after a reload");
      assert.ok(await page.locator("input[data-read]").nth(2).isChecked());
      assert.ok(!(await page.locator("input[data-read]").nth(1).isChecked()));
    });
  });

  test("analysis pages: metrics, follow-ups and completeness are linked from home", TIMEOUT, async () => {
    await withPage({}, async (page) => {
      await goto(page, PREFIX);
      for (const [name, heading] of [["Metrics", "Metrics"], ["Follow-ups", "Follow-ups"], ["Completeness", "Completeness"]]) {
        await goto(page, PREFIX);
        await page.locator(".home-side").getByRole("link", { name, exact: true }).click();
        assert.equal(await page.locator("h1").textContent(), heading);
      }
      await goto(page, `${PREFIX}metrics/`);
      assert.ok((await page.locator("svg.chart").count()) >= 3, "the metrics page draws its charts");
      await goto(page, `${PREFIX}incidents/2019-08-27-publish-queue-backlog/`);
      // One diagram shows (the why-because graph, since its causes say what they happened
      // because of); the fishbone is one click away.
      assert.ok(await page.locator("svg.diagram-graph").isVisible(), "a why-because graph");
      assert.ok(await page.locator("svg.diagram-fishbone").isHidden(), "the fishbone is folded");
      await page.locator("details.diagram-other summary").click();
      assert.ok(await page.locator("svg.diagram-fishbone").isVisible(), "a fishbone, one click away");
      await goto(page, `${PREFIX}categories/`);
      assert.ok(await page.locator("svg.diagram-fishbone").isVisible(), "the archive-wide fishbone");
    });
  });

  test("mobile: no horizontal overflow at 390x844", TIMEOUT, async () => {
    await withPage({ viewport: { width: 390, height: 844 } }, async (page) => {
      const overflows = [];
      for (const p of [PREFIX, LINKEDIN, `${PREFIX}incidents/`]) {
        await goto(page, p);
        const r = await page.evaluate(() => {
          const vw = window.innerWidth;
          const describe = (el) =>
            el.tagName.toLowerCase() + (el.id ? `#${el.id}` : "") +
            (typeof el.className === "string" && el.className.trim()
              ? `.${el.className.trim().split(/\s+/).join(".")}`
              : "");
          const sticksOut = (el) => {
            const rect = el.getBoundingClientRect();
            return rect.width > 0 && rect.right > vw + 1;
          };
          // The outermost elements that stick out past the right edge. Content inside a
          // .table-scroll, a .diagram-figure or a pre may (those scroll on their own); the boxes themselves may not.
          const offenders = [];
          for (const el of document.body.querySelectorAll("*")) {
            if (el.parentElement?.closest(".table-scroll, .diagram-figure, pre")) continue;
            if (!sticksOut(el) || (el.parentElement !== document.body && sticksOut(el.parentElement))) continue;
            offenders.push(`${describe(el)} (${Math.round(el.getBoundingClientRect().width)}px wide, right edge at ${Math.round(el.getBoundingClientRect().right)}px)`);
          }
          return { vw, sw: document.documentElement.scrollWidth, offenders };
        });
        if (r.sw > r.vw + 1 || r.offenders.length > 0) {
          overflows.push(
            `${p}: document is ${r.sw}px wide in a ${r.vw}px viewport; sticking out: ${r.offenders.join(", ") || "nothing found"}`,
          );
        }
      }
      assert.deepEqual(overflows, [], `horizontal overflow:\n  ${overflows.join("\n  ")}`);
    });
  });

  test("print: header and table of contents are hidden", TIMEOUT, async () => {
    await withPage({}, async (page) => {
      await goto(page, LINKEDIN);
      const display = (sel) => page.locator(sel).evaluate((el) => getComputedStyle(el).display);
      assert.notEqual(await display(".site-header"), "none", "header shown on screen");
      assert.notEqual(await display(".toc"), "none", "toc shown on screen");
      await page.emulateMedia({ media: "print" });
      assert.equal(await display(".site-header"), "none", "header hidden in print");
      assert.equal(await display(".toc"), "none", "toc hidden in print");
      assert.notEqual(await display("main"), "none", "main content printed");
    });
  });

  test("every page linked from home and the archive loads cleanly", { timeout: 45_000 }, async (t) => {
    const crawled = await site.crawl([PREFIX, `${PREFIX}incidents/`], MAX_CRAWL);
    assert.ok(crawled >= 20, `found ${crawled} links to crawl`);
    t.diagnostic(`crawled ${crawled} pages`);
  });

  test("under the sub-path, every link, asset, feed and search file answers 200", { timeout: 60_000 }, async (t) => {
    // From home, and from the sitemap, which search engines are given rather than linked.
    const { fetched, failures } = await site.crawlAll([PREFIX, `${PREFIX}sitemap.xml`]);
    assert.deepEqual(failures, [], `URLs that do not resolve under ${PREFIX}:\n  ${failures.join("\n  ")}`);
    // The crawl reached every file the build wrote, so nothing was left unchecked.
    const reached = new Set(fetched);
    const unreached = (await siteUrls(site.dir, PREFIX)).filter((u) => !reached.has(u));
    assert.deepEqual(unreached, [], "files of the site that nothing links to");
    for (const kind of [/\/$/, /\.css$/, /\.js$/, /\/atom\.xml$/, /\/search\/manifest-.*\.json$/, /\/search\/p\/.*\.bin$/]) {
      assert.ok(fetched.some((u) => kind.test(u)), `the crawl fetched no ${kind}`);
    }
    t.diagnostic(`fetched ${fetched.length} URLs`);
  });

  test("search box: / focuses it, results appear as you type, a result opens", TIMEOUT, async () => {
    await withPage({}, async (page) => {
      await goto(page, `${PREFIX}causes/`);
      await page.keyboard.press("/");
      const box = page.locator("form.site-search input[type=search]");
      assert.equal(await box.evaluate((el) => el === document.activeElement), true, "/ focuses the box");
      await page.keyboard.type("certific", { delay: 20 });
      const panel = page.locator("[data-search-results]");
      // The results of the whole word: those of `c`, `ce`... show first while it is typed, and
      // only the last query's panel links to all results for it.
      await panel.locator("a.search-all", { hasText: "“certific”" }).waitFor();
      const first = panel.locator(".search-hit a").first();
      const title = (await first.textContent()).trim();
      assert.match(await panel.locator("mark").first().textContent(), /^certific/i, "matched words are highlighted");
      await Promise.all([page.waitForURL(/\/incidents\//), first.click()]);
      assert.equal((await page.locator("h1").first().textContent()).trim(), title);
      assert.ok(pathOf(page).startsWith(`${PREFIX}incidents/`), pathOf(page));
    });
  });

  test("search box: a combobox whose results panel the arrow keys move through", TIMEOUT, async () => {
    await withPage({}, async (page) => {
      await goto(page, `${PREFIX}causes/`);
      const box = page.locator("form.site-search input[type=search]");
      assert.equal(await box.getAttribute("role"), "combobox");
      assert.equal(await box.getAttribute("aria-expanded"), "false");
      await box.fill("certific");
      const links = page.locator("#site-search-results a[href]");
      await links.first().waitFor();
      assert.equal(await box.getAttribute("aria-expanded"), "true");
      const focused = () => page.evaluate(() => document.activeElement?.getAttribute("href") ?? document.activeElement?.tagName);
      await box.press("ArrowDown");
      assert.equal(await focused(), await links.nth(0).getAttribute("href"), "Down Arrow moves to the first result");
      await page.keyboard.press("ArrowDown");
      assert.equal(await focused(), await links.nth(1).getAttribute("href"), "and on to the next");
      await page.keyboard.press("ArrowUp");
      await page.keyboard.press("ArrowUp");
      assert.equal(await focused(), "INPUT", "Up Arrow from the first result returns to the box");
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Escape");
      assert.equal(await focused(), "INPUT", "Escape returns to the box");
      assert.equal(await box.getAttribute("aria-expanded"), "false");
      assert.ok(await page.locator("#site-search-results").isHidden(), "and closes the panel");
    });
  });

  test("search page: a query from the URL, a facet filter with counts, a result link", TIMEOUT, async () => {
    await withPage({}, async (page) => {
      await goto(page, `${PREFIX}search/?q=deploy`);
      const hits = page.locator("[data-search-hits] .search-hit");
      await hits.first().waitFor();
      const status = page.locator("[data-search-status]");
      const before = Number((await status.textContent()).match(/\d+/)[0]);
      assert.ok(before >= 3, `deploy finds several incidents: ${await status.textContent()}`);
      assert.equal(await hits.count(), before);
      const sev = page.locator('[data-search-facets] button[data-facet="severity"]').first();
      const expected = Number(await sev.locator(".count").textContent());
      const value = await sev.getAttribute("data-value");
      assert.ok(expected < before, "a severity narrows the results");
      await sev.click();
      await page.waitForFunction((n) => document.querySelectorAll("[data-search-hits] .search-hit").length === n, expected);
      assert.equal(await sev.getAttribute("aria-pressed"), "true");
      assert.ok(new URL(page.url()).searchParams.get("severity") === value, "the filter is in the URL");
      for (const text of await page.locator("[data-search-hits] .sev").allTextContents()) assert.equal(text, value);
      // The same button clears the filter.
      await page.locator('[data-search-facets] button[aria-pressed="true"]').click();
      await page.waitForFunction((n) => document.querySelectorAll("[data-search-hits] .search-hit").length === n, before);
      // Typing refines the results; a misspelling still finds something.
      const input = page.locator("[data-search-page] input[type=search]");
      await input.fill("certficate");
      await page.waitForFunction(() => /No exact matches; \d+ incidents? for “certificate”/.test(document.querySelector("[data-search-status]").textContent));
      await input.fill("deploy");
      const link = page.locator("[data-search-hits] .search-hit a").first();
      await link.waitFor();
      const href = await link.getAttribute("href");
      assert.ok(href.startsWith(`${PREFIX}incidents/`), href);
      await Promise.all([page.waitForURL((u) => u.pathname === href), link.click()]);
    });
  });

  test("search page: a query that finds nothing counts no facet and fetches no facet file", TIMEOUT, async () => {
    await withPage({}, async (page) => {
      const fetched = [];
      page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
      await goto(page, `${PREFIX}search/?q=${encodeURIComponent('"disk full quota"')}`);
      await page.waitForFunction(() => document.querySelector("[data-search-status]").textContent === "0 incidents found.");
      // The facet panel is drawn (as it is after any query) with no value to choose.
      await page.waitForFunction(() => !document.querySelector("[data-search-facets] button[data-facet]"));
      assert.deepEqual(fetched.filter((p) => p.startsWith(`${PREFIX}search/f/`)), [], "no facet file for no result");
      // The phrase's words never stand side by side: the file of adjacent pairs says so, and
      // no postings or positions are fetched for it.
      assert.ok(fetched.some((p) => p.startsWith(`${PREFIX}search/w/`)), "the query itself was searched");
      assert.deepEqual(fetched.filter((p) => /\/search\/[pqt]\//.test(p)), [], "no postings for a phrase ruled out");
      // A query with results still counts its facets.
      const input = page.locator("[data-search-page] input[type=search]");
      await input.fill("deploy");
      await page.locator('[data-search-facets] button[data-facet="severity"]').first().waitFor();
      assert.ok(fetched.some((p) => p.startsWith(`${PREFIX}search/f/`)), "facet files for results");
    });
  });

  test("search page: snippets are text, so an apostrophe shows as an apostrophe", TIMEOUT, async () => {
    await withPage({}, async (page) => {
      // The index once stored HTML, and `provider's` reached readers as `provider&#39;s`.
      await goto(page, `${PREFIX}search/?q=${encodeURIComponent("title:partition")}`);
      const hit = page.locator("[data-search-hits] .search-hit").first();
      await hit.waitFor();
      const text = await hit.locator("p").textContent();
      assert.match(text, /the cloud provider's network/);
      assert.ok(!/&#|&amp;/.test(text), text);
      assert.equal(await hit.locator("a mark").textContent(), "partition", "the title's match is marked");
    });
  });

  test("search page: ten results at a time, and More results adds the next ten", TIMEOUT, async () => {
    await withPage({}, async (page) => {
      await goto(page, `${PREFIX}search/?q=the`);
      const hits = page.locator("[data-search-hits] .search-hit");
      await hits.first().waitFor();
      const total = Number((await page.locator("[data-search-status]").textContent()).match(/\d+/)[0]);
      assert.ok(total > 10 && total <= 20, `"the" is in more than ten incidents: ${total}`);
      assert.equal(await hits.count(), 10);
      // The facet counts follow the results, over the whole result set.
      const counts = page.locator('[data-search-facets] button[data-facet="severity"] .count');
      await counts.first().waitFor();
      const sum = (await counts.allTextContents()).reduce((n, c) => n + Number(c), 0);
      assert.equal(sum, total, "every result has one severity");
      const more = page.locator("[data-search-more]");
      await more.click();
      await page.waitForFunction((n) => document.querySelectorAll("[data-search-hits] .search-hit").length === n, total);
      assert.ok(await more.isHidden(), "no more results to show");
      const ids = await hits.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      assert.equal(new Set(ids).size, total, "no result twice");
    });
  });

  test("search page: filters in the query, filters alone, and a misspelt filter value", TIMEOUT, async () => {
    await withPage({}, async (page) => {
      // A facet chosen with no words lists its incidents, newest first.
      await goto(page, `${PREFIX}search/?severity=SEV1`);
      const hits = page.locator("[data-search-hits] .search-hit");
      await hits.first().waitFor();
      const dates = await page.locator("[data-search-hits] time").allTextContents();
      assert.ok(dates.length >= 2, `several SEV1 incidents: ${dates}`);
      assert.deepEqual(dates, [...dates].sort().reverse(), "newest first");
      for (const text of await page.locator("[data-search-hits] .sev").allTextContents()) assert.equal(text, "SEV1");
      // The same filter typed in the query, in lower case, narrowed by a word.
      const input = page.locator("[data-search-page] input[type=search]");
      await goto(page, `${PREFIX}search/`);
      await input.fill("deploy severity:sev1");
      await hits.first().waitFor();
      for (const text of await page.locator("[data-search-hits] .sev").allTextContents()) assert.equal(text, "SEV1");
      // A value being typed stands for the values it starts.
      await input.fill("severity:se");
      // (deploy severity:sev1 found at most 4: more means every severity.)
      await page.waitForFunction(() => document.querySelectorAll("[data-search-hits] .search-hit").length > 4);
      assert.match(await page.locator("[data-search-status]").textContent(), /^19 incidents found/);
      // A value no incident has says so, and names the closest.
      await input.fill("tag:dsn ");
      await page.waitForFunction(() => /did you mean `dns`/.test(document.querySelector("[data-search-status]").textContent));
      assert.equal(await hits.count(), 0);
    });
  });

  test("404: unknown pages get the site's not-found page", TIMEOUT, async () => {
    await withPage({}, async (page, p) => {
      const url = `${site.origin}${PREFIX}no-such-page/`;
      p.allow(404, url);
      const res = await page.goto(url);
      assert.equal(res.status(), 404);
      assert.match(await page.locator("main h1").textContent(), /Page not found/);
      assert.match(await page.locator("body").innerText(), /Page not found/);
      // The not-found page is styled and its links work from any depth.
      const brand = await page.locator(".brand").getAttribute("href");
      assert.equal(brand, PREFIX);
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.notEqual(bg, "rgba(0, 0, 0, 0)", "the stylesheet loaded");
    });
  });
});
