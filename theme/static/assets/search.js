// hindsight search, the page's side: the header's search box shows results as you type, and
// the search page adds facet filters. site.js loads this module (from the data-search-js
// attribute of the header form or the search page) on first use.
//
// Queries go to the engine (search-engine.js, which reads the static search files), or under
// `hindsight serve` to the server's /api/search (with prefix=true, so that it completes the
// word being typed as the engine does). Both answer in the shape of
// `hindsight search --json`: plain text, with the matched words as [start, end) ranges in
// UTF-16 code units. This module escapes the text and marks the ranges: the one place the
// results become HTML.

// The build puts the engine here in place of this line (one script for a first search).
import { SearchIndex, SearchError } from "./search-engine.js";

// The facets the search page offers, and their headings.
const FACETS = [["severity", "Severity"], ["service", "Service"], ["cause", "Cause"], ["category", "Category"], ["year", "Year"]];
// The search page's first facet view fetches at most this much: the facets' files, smallest
// first, while they fit; the rest (a large KB's causes or services) are folded, and fetched
// when the reader opens one or filters by it.
const OPEN_BYTES = 48 * 1024;

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

// `text`, escaped, with the ranges [start, end) of it (UTF-16 code units, in order) in
// <mark>; a range out of order or out of the text is left out.
function marked(text, ranges = []) {
  let out = "", at = 0;
  for (const [start, end] of ranges) {
    if (start < at || end < start || end > text.length) continue;
    out += esc(text.slice(at, start)) + `<mark>${esc(text.slice(start, end))}</mark>`;
    at = end;
  }
  return out + esc(text.slice(at));
}

// The server's search API (hindsight serve). Its results are the engine's, but for the
// facets' labels: the values themselves.
async function apiSearch(api, query, { filters = {}, limit, offset = 0, prefix = false }) {
  // The year goes into the query as year:YYYY, the incident's own year as the static search
  // counts it (the server takes no year parameter); first, so that the word being typed stays
  // last.
  const q = filters.year ? `year:${filters.year} ${query}` : query;
  const params = new URLSearchParams({ q });
  if (limit !== undefined) params.set("limit", String(limit));
  if (offset) params.set("offset", String(offset));
  if (prefix) params.set("prefix", "true");
  for (const [k, v] of Object.entries(filters)) if (v && k !== "year") params.set(k, v);
  const res = await fetch(`${api}?${params}`);
  const body = await res.json();
  if (!res.ok) throw new SearchError(body.error || `HTTP ${res.status}`);
  return body;
}

function backend(el) {
  const api = document.querySelector('meta[name="hindsight-search-api"]')?.content;
  const manifest = el.dataset.search;
  const base = new URL(manifest, location.href).pathname.replace(/search\/[^/]*$/, "");
  let index = null;
  return {
    base,
    async search(query, opts) {
      if (api) return apiSearch(api, query, opts);
      const ix = await (index ||= SearchIndex.open(manifest));
      return ix.search(query, opts);
    },
    // The facets to fold until asked for: those that do not fit in OPEN_BYTES, smallest
    // first, with the other facets the page offers. None under the server, whose answers
    // carry every facet.
    async folded() {
      if (api) return new Set();
      const { names, bytes } = (await (index ||= SearchIndex.open(manifest))).m.facets;
      const offered = new Set(FACETS.map(([name]) => name));
      const sizes = names.map((name, i) => [name, bytes[i]]).filter(([name]) => offered.has(name));
      sizes.sort((a, b) => a[1] - b[1]);
      const out = new Set();
      let used = 0;
      for (const [name, size] of sizes) {
        if (used + size <= OPEN_BYTES) used += size;
        else out.add(name);
      }
      return out;
    },
  };
}

function hitHtml(h, base) {
  const url = `${base}incidents/${h.id}/`;
  const { text, highlights } = h.snippet;
  return `<li class="search-hit"><a href="${esc(url)}">${marked(h.title, h.title_highlights)}</a>` +
    `<span class="search-meta">${h.date ? `<time datetime="${esc(h.date)}">${esc(h.date)}</time>` : "Undated"} · <span class="sev">${esc(h.severity)}</span></span>` +
    (text ? `<p>${marked(text, highlights)}</p>` : "") + "</li>";
}

function status(r) {
  const n = r.total;
  const found = `${n} incident${n === 1 ? "" : "s"}`;
  return r.fuzzy ? `No exact matches; ${found} for “${r.corrected}”.` : `${found} found.`;
}

// The header box: results as you type, Enter opens the search page. The box is a combobox
// whose popup is the results panel (a non-modal dialog of links, base.html): Down Arrow moves
// into it, Up and Down Arrow move between its links, Escape closes it and returns to the box.
export function attachBox(form) {
  const input = form.querySelector("input[type=search]");
  const panel = form.querySelector("[data-search-results]");
  const engine = backend(form);
  let seq = 0;
  const close = () => { panel.hidden = true; input.setAttribute("aria-expanded", "false"); };
  const update = async () => {
    const q = input.value;
    const mine = ++seq;
    if (!q.trim()) { close(); return; }
    let html;
    try {
      const r = await engine.search(q, { prefix: true, limit: 6 });
      if (mine !== seq) return;
      const more = `<a class="search-all" href="${esc(form.action)}?q=${encodeURIComponent(q)}">All results for “${esc(q)}”</a>`;
      html = r.total ? `<ol>${r.hits.map((h) => hitHtml(h, engine.base)).join("")}</ol>${more}` : `<p>${esc(status(r))}</p>`;
    } catch (e) {
      if (mine !== seq) return;
      html = `<p>${esc(e instanceof SearchError ? e.message : "Search is unavailable.")}</p>`;
    }
    panel.innerHTML = html;
    panel.hidden = false;
    input.setAttribute("aria-expanded", "true");
  };
  input.addEventListener("input", update);
  input.addEventListener("keydown", (e) => {
    if (e.key === "Escape") { close(); input.blur(); }
    if (e.key === "ArrowDown" && !panel.hidden) {
      const first = panel.querySelector("a[href]");
      if (first) { e.preventDefault(); first.focus(); }
    }
  });
  panel.addEventListener("keydown", (e) => {
    if (e.key === "Escape") { e.preventDefault(); close(); input.focus(); return; }
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    const links = [...panel.querySelectorAll("a[href]")];
    const at = links.indexOf(document.activeElement);
    if (at < 0) return;
    e.preventDefault();
    const next = at + (e.key === "ArrowDown" ? 1 : -1);
    if (next < 0) input.focus();
    else links[Math.min(next, links.length - 1)].focus();
  });
  form.addEventListener("focusout", (e) => { if (!form.contains(e.relatedTarget)) close(); });
  if (input.value) update();
}

// The search page: the query from ?q=, facet filters with counts, results as you type, a
// page at a time (the engine's page: a one-word query's first page comes with its postings).
export function attachPage(page) {
  const input = page.querySelector("input[type=search]");
  const out = page.querySelector("[data-search-hits]");
  const note = page.querySelector("[data-search-status]");
  const side = page.querySelector("[data-search-facets]");
  const engine = backend(page);
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const [name] of FACETS) if (params.get(name)) filters[name] = params.get(name);
  // What the reader typed before this script arrived stays, unless the address names a query.
  if (params.get("q")) input.value = params.get("q");
  let seq = 0;
  const update = async () => {
    const q = input.value;
    const mine = ++seq;
    const url = new URL(location.href);
    url.search = "";
    if (q) url.searchParams.set("q", q);
    for (const [k, v] of Object.entries(filters)) if (v) url.searchParams.set(k, v);
    history.replaceState(null, "", url);
    if (!q.trim() && !Object.values(filters).some(Boolean)) { out.innerHTML = ""; side.innerHTML = ""; note.textContent = "Type to search every post-mortem."; return; }
    try {
      // Results first: the facet counts need the facets file, which the first query of a
      // visit would otherwise wait for.
      const r = await engine.search(q, { prefix: true, filters });
      if (mine !== seq) return;
      note.textContent = status(r);
      out.innerHTML = r.hits.map((h) => hitHtml(h, engine.base)).join("");
      showMore(r.total > r.hits.length ? async () => {
        const next = await engine.search(q, { prefix: true, offset: out.children.length, filters });
        if (mine !== seq) return false;
        out.insertAdjacentHTML("beforeend", next.hits.map((h) => hitHtml(h, engine.base)).join(""));
        return out.children.length < next.total;
      } : null);
      const large = await engine.folded();
      const shown = FACETS.map(([name]) => name).filter((name) => !large.has(name) || opened.has(name) || filters[name]);
      // Nothing found has nothing to count (the engine lists no value of count 0): no facet
      // file is fetched for it (at 100,000 incidents, 42 KB of years and severities).
      const counted = r.facets ? r
        : r.total === 0 ? { facets: {} }
        : await engine.search(q, { prefix: true, limit: 0, filters, facets: shown });
      if (mine !== seq) return;
      side.innerHTML = FACETS.map(([name, title]) => {
        if (!shown.includes(name)) {
          return `<details class="facet-folded" data-facet-section="${esc(name)}"><summary>${esc(title)}</summary></details>`;
        }
        const values = (counted.facets[name] || []).slice(0, 12);
        if (!values.length && !filters[name]) return "";
        const chosen = filters[name];
        const buttons = values.map(({ value, label = value, count }) =>
          `<li><button type="button" data-facet="${esc(name)}" data-value="${esc(value)}" aria-pressed="${chosen === value}">${esc(label)} <span class="count">${count}</span></button></li>`).join("");
        const clear = chosen ? `<li><button type="button" data-facet="${esc(name)}" data-value="">Any ${esc(title.toLowerCase())}</button></li>` : "";
        return `<section><h2>${esc(title)}</h2><ul>${buttons}${clear}</ul></section>`;
      }).join("");
    } catch (e) {
      if (mine !== seq) return;
      out.innerHTML = "";
      side.innerHTML = "";
      showMore(null);
      note.textContent = e instanceof SearchError ? e.message : "Search is unavailable.";
    }
  };
  // The "More results" button under the list: `next` adds a page and says whether more remain.
  const more = page.querySelector("[data-search-more]");
  let next = null;
  const showMore = (fn) => { next = fn; more.hidden = !fn; };
  more.addEventListener("click", async () => {
    const fn = next;
    if (!fn) return;
    more.disabled = true;
    try {
      if (!(await fn()) && next === fn) showMore(null);
    } finally {
      more.disabled = false;
    }
  });
  // On phones the facets wait behind a Filters button (the stylesheet shows it there), so
  // the results come first; it counts the filters in use.
  const toggle = page.querySelector("[data-filters-toggle]");
  const countFilters = () => {
    if (!toggle) return;
    const n = Object.values(filters).filter(Boolean).length;
    toggle.textContent = n ? `Filters (${n})` : "Filters";
  };
  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener("click", () => {
      const open = page.classList.toggle("filters-open");
      toggle.setAttribute("aria-expanded", String(open));
    });
    countFilters();
  }
  // A folded facet, opened: counted from then on.
  const opened = new Set();
  side.addEventListener("toggle", (e) => {
    const section = e.target.closest?.("details[data-facet-section]");
    if (!section || !section.open) return;
    opened.add(section.dataset.facetSection);
    update();
  }, true);
  side.addEventListener("click", (e) => {
    const b = e.target.closest("button[data-facet]");
    if (!b) return;
    const { facet, value } = b.dataset;
    filters[facet] = filters[facet] === value ? "" : value;
    countFilters();
    update();
  });
  input.addEventListener("input", update);
  page.querySelector("form").addEventListener("submit", (e) => { e.preventDefault(); update(); });
  update();
}
