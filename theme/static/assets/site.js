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
