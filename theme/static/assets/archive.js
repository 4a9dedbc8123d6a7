// hindsight: the all-incidents table, sortable and filterable in the browser (no server).
// Without JavaScript the table is still complete, newest first (page by page when the archive
// is split into pages). A split archive names its row shards in data-archive-shards: sorting
// or filtering loads them once and works on every incident, not only this page's.
const table = document.querySelector("[data-archive]");
const form = document.querySelector("[data-archive-filters]");

// How many matching incidents a split archive shows at once.
const SHOWN = 500;

if (table && form) {
  const tbody = table.tBodies[0];
  const pageRows = Array.from(tbody.rows);
  const count = form.querySelector("[data-archive-count]");
  const pages = document.querySelector("[data-archive-pages]");
  const shards = (table.dataset.archiveShards || "").split(" ").filter(Boolean);
  const total = Number(table.dataset.archiveTotal || pageRows.length);
  form.hidden = false;

  // The sort in force: a column key and a direction; the page's own order is date, newest first.
  let sortKey = "date";
  let descending = true;

  const compare = {
    date: (a, b) => a.date.localeCompare(b.date),
    title: (a, b) => a.title.localeCompare(b.title),
    severity: (a, b) => a.rank - b.rank,
    ttr: (a, b) => a.ttr - b.ttr,
  };

  // A row of this page, as the same record the shards give.
  const fromRow = (tr) => ({
    tr,
    date: tr.dataset.date,
    title: tr.dataset.title,
    rank: Number(tr.dataset.severity),
    sev: tr.dataset.sev,
    year: tr.dataset.year,
    ttr: Number(tr.dataset.ttr),
    text: tr.dataset.text,
  });

  // A shard row: [id, title, start, date, severity, rank, year, ttr, duration, services, tags].
  const fromShard = (base) => (r) => ({
    tr: null,
    id: r[0],
    url: `${base}${r[0]}/`,
    title: r[1],
    date: r[2],
    shown: r[3],
    sev: r[4],
    rank: r[5],
    year: r[6] == null ? "undated" : String(r[6]),
    ttr: r[7],
    duration: r[8],
    services: r[9],
    text: `${r[1]} ${r[9].map((s) => s[0]).join(" ")} ${r[10].join(" ")} `.toLowerCase(),
  });

  let everything = null;
  const loadAll = async () => {
    if (everything) return everything;
    count.textContent = "Loading every incident…";
    const parts = await Promise.all(shards.map((u) => fetch(u).then((r) => {
      if (!r.ok) throw new Error(`${u}: ${r.status}`);
      return r.json();
    })));
    everything = parts.flatMap((p) => p.rows.map(fromShard(p.base)));
    return everything;
  };

  // Builds a table row with text nodes only: titles are content, never markup.
  const cell = (tr, ...children) => {
    const td = document.createElement("td");
    td.append(...children);
    tr.append(td);
    return td;
  };
  const link = (href, text, className) => {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    if (className) a.className = className;
    return a;
  };
  const toRow = (rec) => {
    if (rec.tr) return rec.tr;
    const tr = document.createElement("tr");
    if (rec.date) {
      const t = document.createElement("time");
      t.dateTime = rec.date;
      t.textContent = rec.shown;
      cell(tr, t);
    } else {
      cell(tr, rec.shown);
    }
    cell(tr, link(rec.url, rec.title));
    const badge = document.createElement("span");
    badge.className = `badge sev sev-${rec.sev.toLowerCase()}`;
    badge.textContent = rec.sev;
    cell(tr, badge);
    cell(tr, rec.duration || "—");
    cell(tr, ...rec.services.map(([title, url]) => link(url, title, "chip chip-service")));
    rec.tr = tr;
    return tr;
  };

  const matches = (rec, q, sev, year) =>
    (!q || rec.text.includes(q)) && (!sev || rec.sev === sev) && (!year || rec.year === year);

  // Rows without the value sorted on (undated, or an end not known: -1) go last either way.
  const missing = {
    date: (r) => !r.date,
    ttr: (r) => r.ttr < 0,
  };
  const ordered = (records) => {
    const sorted = records.slice().sort(compare[sortKey]);
    if (descending) sorted.reverse();
    const lacks = missing[sortKey];
    if (!lacks) return sorted;
    return sorted.filter((r) => !lacks(r)).concat(sorted.filter(lacks));
  };

  let generation = 0;
  const apply = async () => {
    const q = form.q.value.trim().toLowerCase();
    const sev = form.severity.value;
    const year = form.year.value;
    const pristine = !q && !sev && !year && sortKey === "date" && descending;
    if (shards.length === 0 || pristine) {
      // This page holds what is asked for: filter and sort its own rows.
      const records = pageRows.map(fromRow);
      tbody.replaceChildren(...ordered(records).map((r) => r.tr));
      let shown = 0;
      for (const rec of records) {
        const ok = matches(rec, q, sev, year);
        rec.tr.hidden = !ok;
        if (ok) shown++;
      }
      if (pages) pages.hidden = false;
      count.textContent = shards.length === 0
        ? `${shown} of ${pageRows.length} incidents`
        : `${pageRows.length} of ${total} incidents on this page`;
      return;
    }
    const mine = ++generation;
    let all;
    try {
      all = await loadAll();
    } catch (e) {
      count.textContent = `Could not load every incident (${e.message}); this page only.`;
      return;
    }
    if (mine !== generation) return; // a newer input is being answered
    const found = ordered(all.filter((rec) => matches(rec, q, sev, year)));
    const rows = found.slice(0, SHOWN).map(toRow);
    for (const tr of rows) tr.hidden = false;
    tbody.replaceChildren(...rows);
    if (pages) pages.hidden = true;
    count.textContent = found.length > SHOWN
      ? `${found.length} of ${all.length} incidents; the first ${SHOWN} shown, narrow the filter for the rest`
      : `${found.length} of ${all.length} incidents`;
  };

  for (const th of table.tHead.rows[0].cells) {
    const key = th.dataset.sort;
    if (!key) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.textContent = th.textContent;
    th.textContent = "";
    th.append(button);
    button.addEventListener("click", () => {
      descending = th.getAttribute("aria-sort") !== "descending";
      sortKey = key;
      for (const other of table.tHead.rows[0].cells) other.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      apply();
    });
  }

  form.addEventListener("input", apply);
  form.addEventListener("submit", (e) => e.preventDefault());
  const params = new URLSearchParams(location.search);
  for (const name of ["q", "severity", "year"]) {
    if (params.has(name)) form[name].value = params.get(name);
  }
  apply();
}
