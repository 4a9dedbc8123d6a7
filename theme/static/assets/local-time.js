// Shows each <time data-local datetime="..."> in the reader's own zone too, after the UTC
// text the page is written with (which stays, so the page says when without script).
const format = {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZoneName: "short",
};
for (const t of document.querySelectorAll("time[data-local]")) {
  const d = new Date(t.dateTime);
  if (Number.isNaN(d.getTime())) continue;
  const local = document.createElement("span");
  local.className = "local-time";
  local.textContent = ` (${d.toLocaleString(undefined, format)}, your time)`;
  t.after(local);
}
