// hindsight: site-wide behaviour. Dark-mode toggle, remembered in this browser only.
const root = document.documentElement;
const KEY = "hindsight-theme";

function currentIsDark() {
  if (root.classList.contains("dark")) return true;
  if (root.classList.contains("light")) return false;
  return window.matchMedia("(prefers-color-scheme: dark)").matches;
}

for (const button of document.querySelectorAll("[data-theme-toggle]")) {
  button.setAttribute("aria-pressed", String(currentIsDark()));
  button.addEventListener("click", () => {
    const next = currentIsDark() ? "light" : "dark";
    root.classList.remove("light", "dark");
    root.classList.add(next);
    try { localStorage.setItem(KEY, next); } catch { /* private mode: not remembered */ }
    button.setAttribute("aria-pressed", String(next === "dark"));
  });
}

// Reading lists: a "read" checkbox per post-mortem, remembered in this browser only.
for (const list of document.querySelectorAll("[data-reading-list]")) {
  const storeKey = `hindsight-read:${list.dataset.readingList}`;
  const progress = document.querySelector("[data-reading-progress]");
  const count = document.querySelector("[data-reading-count]");
  let read;
  try { read = new Set(JSON.parse(localStorage.getItem(storeKey) || "[]")); } catch { read = new Set(); }
  const boxes = list.querySelectorAll("input[data-read]");
  const update = () => {
    // A list split into pages counts what was read on every page.
    const checked = [...boxes].filter((b) => b.checked).length;
    count.textContent = String("readingSplit" in list.dataset ? read.size : checked);
  };
  for (const box of boxes) {
    box.closest("label").hidden = false;
    box.checked = read.has(box.dataset.read);
    box.addEventListener("change", () => {
      if (box.checked) read.add(box.dataset.read); else read.delete(box.dataset.read);
      try { localStorage.setItem(storeKey, JSON.stringify([...read])); } catch { /* not remembered */ }
      update();
    });
  }
  if (progress) progress.hidden = false;
  update();
}

// The header's Menu button, shown where the row of links does not fit: it opens the links
// under the header; Escape, a click elsewhere or following a link closes them.
for (const header of document.querySelectorAll(".site-header")) {
  const button = header.querySelector("[data-nav-toggle]");
  if (!button) continue;
  button.hidden = false;
  const set = (open) => {
    header.classList.toggle("nav-open", open);
    button.setAttribute("aria-expanded", String(open));
  };
  button.addEventListener("click", () => set(!header.classList.contains("nav-open")));
  header.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && header.classList.contains("nav-open")) { set(false); button.focus(); }
  });
  document.addEventListener("click", (e) => { if (!header.contains(e.target)) set(false); });
}

// The header's search box: the search client is loaded on first use; `/` focuses the box.
// On phones the box is folded into a search button that opens it as a sheet across the top.
for (const form of document.querySelectorAll("form.site-search[data-search]")) {
  const input = form.querySelector("input[type=search]");
  const opener = document.querySelector(`[data-search-open][aria-controls="${form.id}"]`);
  const closer = form.querySelector("[data-search-close]");
  let loading = null;
  const load = () => {
    loading ||= import(form.dataset.searchJs).then((m) => m.attachBox(form));
    return loading;
  };
  input.addEventListener("focus", load, { once: true });
  input.addEventListener("input", load, { once: true });
  // Folded: the button is what shows (the stylesheet decides, by the screen's width).
  const folded = () => opener && opener.offsetParent !== null;
  const openSheet = () => {
    form.classList.add("open");
    opener?.setAttribute("aria-expanded", "true");
    input.focus();
  };
  const closeSheet = () => {
    if (!form.classList.contains("open")) return;
    form.classList.remove("open");
    opener?.setAttribute("aria-expanded", "false");
    opener?.focus();
  };
  if (opener && closer) {
    opener.hidden = false;
    closer.hidden = false;
    opener.addEventListener("click", openSheet);
    closer.addEventListener("click", closeSheet);
    // Escape in the box (the search client closes its results first) folds the sheet.
    form.addEventListener("keydown", (e) => { if (e.key === "Escape" && folded()) closeSheet(); });
    form.addEventListener("focusout", (e) => {
      if (folded() && e.relatedTarget && !form.contains(e.relatedTarget)) closeSheet();
    });
  }
  document.addEventListener("keydown", (e) => {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target;
    if (t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    e.preventDefault();
    if (folded()) openSheet();
    else input.focus();
  });
}

// The search page: the client module (the URL with its content hash, as the header box loads
// it, so that one copy of the module runs) reads ?q= and draws results.
for (const page of document.querySelectorAll("[data-search-page][data-search-js]")) {
  import(page.dataset.searchJs).then((m) => m.attachPage(page));
}

// "On this page": the section being read is marked (aria-current="location") as the reader
// scrolls: the last heading above the upper third of the window, else the first.
for (const toc of document.querySelectorAll("nav.toc")) {
  const links = [];
  for (const a of toc.querySelectorAll('a[href^="#"]')) {
    const target = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
    if (target) links.push([target, a]);
  }
  if (!links.length) continue;
  let queued = false;
  const mark = () => {
    queued = false;
    const line = window.innerHeight / 3;
    let current = links[0][1];
    for (const [target, a] of links) {
      if (target.getBoundingClientRect().top <= line) current = a;
    }
    for (const [, a] of links) {
      if (a === current) a.setAttribute("aria-current", "location");
      else a.removeAttribute("aria-current");
    }
  };
  const queue = () => {
    if (!queued) { queued = true; requestAnimationFrame(mark); }
  };
  window.addEventListener("scroll", queue, { passive: true });
  window.addEventListener("resize", queue);
  mark();
}

// Long indexes (tags, services, teams...): a box that narrows the list as you type.
for (const box of document.querySelectorAll("[data-term-filter]")) {
  const list = document.querySelector(box.dataset.termFilter);
  const count = box.querySelector("output");
  const input = box.querySelector("input");
  if (!list || !input) continue;
  const items = Array.from(list.children);
  box.hidden = false;
  const apply = () => {
    const q = input.value.trim().toLowerCase();
    let shown = 0;
    for (const li of items) {
      const ok = !q || li.textContent.toLowerCase().includes(q);
      li.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = q ? `${shown} of ${items.length}` : "";
  };
  input.addEventListener("input", apply);
  apply();
}

// Follow-ups: the action tables of the page narrow by words (owner, incident, text), kind and
// status. Owners and teams also have pages of their own; this works within the page.
for (const form of document.querySelectorAll("[data-action-filters]")) {
  const rows = Array.from(document.querySelectorAll("table.action-table tbody tr"));
  const count = form.querySelector("[data-action-count]");
  form.hidden = false;
  const apply = () => {
    const q = form.q.value.trim().toLowerCase();
    const kind = form.kind.value;
    const status = form.status.value;
    let shown = 0;
    for (const tr of rows) {
      const ok = (!q || tr.textContent.toLowerCase().includes(q)) &&
        (!kind || tr.dataset.kind === kind) &&
        (!status || tr.dataset.status === status);
      tr.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = q || kind || status ? `${shown} of ${rows.length} items on this page` : "";
  };
  form.addEventListener("input", apply);
  form.addEventListener("submit", (e) => e.preventDefault());
  const params = new URLSearchParams(location.search);
  for (const name of ["q", "kind", "status"]) {
    if (params.has(name)) form[name].value = params.get(name);
  }
  apply();
}

// Diagrams are drawn at their natural size: where one is wider than its frame, the caption
// says it scrolls sideways (and says nothing where it fits). Checked again when the window
// changes size and when a folded diagram is opened.
const hints = [...document.querySelectorAll("[data-scroll-hint]")];
const showHints = () => {
  for (const hint of hints) {
    const box = hint.closest("figure")?.querySelector(".diagram-scroll");
    if (box) hint.hidden = !(box.scrollWidth > box.clientWidth + 1);
  }
};
if (hints.length) {
  showHints();
  window.addEventListener("resize", showHints);
  for (const d of document.querySelectorAll("details.diagram-other")) d.addEventListener("toggle", showHints);
}
