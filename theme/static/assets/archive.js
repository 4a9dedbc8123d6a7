// hindsight: the all-incidents table, sortable and filterable in the browser (no server).
// Without JavaScript the table is still complete, newest first.
const table = document.querySelector("[data-archive]");
const form = document.querySelector("[data-archive-filters]");

if (table && form) {
  const tbody = table.tBodies[0];
  const rows = Array.from(tbody.rows);
  const count = form.querySelector("[data-archive-count]");
  form.hidden = false;

  const applyFilters = () => {
    const q = form.q.value.trim().toLowerCase();
    const sev = form.severity.value;
    const year = form.year.value;
    let shown = 0;
    for (const row of rows) {
      const ok = (!q || row.dataset.text.includes(q)) &&
        (!sev || row.dataset.sev === sev) &&
        (!year || row.dataset.year === year);
      row.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = `${shown} of ${rows.length} incidents`;
  };

  const compare = {
    date: (a, b) => a.dataset.date.localeCompare(b.dataset.date),
    title: (a, b) => a.dataset.title.localeCompare(b.dataset.title),
    severity: (a, b) => Number(a.dataset.severity) - Number(b.dataset.severity),
    ttr: (a, b) => Number(a.dataset.ttr) - Number(b.dataset.ttr),
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
      const descending = th.getAttribute("aria-sort") !== "descending";
      for (const other of table.tHead.rows[0].cells) other.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      const sorted = rows.slice().sort(compare[key]);
      if (descending) sorted.reverse();
      tbody.append(...sorted);
    });
  }

  form.addEventListener("input", applyFilters);
  form.addEventListener("submit", (e) => e.preventDefault());
  const params = new URLSearchParams(location.search);
  for (const name of ["q", "severity", "year"]) {
    if (params.has(name)) form[name].value = params.get(name);
  }
  applyFilters();
}
