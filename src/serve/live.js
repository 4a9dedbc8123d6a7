// Live reload for `hindsight serve`. The server adds this script to every HTML page it serves
// (it is never written into the site). It listens to /__hindsight/events: `reload` after a
// good rebuild reloads the page; `error` after a failed one shows the diagnostics in
// #hindsight-error-overlay, over the last good build, until a later rebuild succeeds.
(() => {
  "use strict";
  const build = document.currentScript && document.currentScript.dataset.build;
  const url = "/__hindsight/events" + (build ? "?build=" + encodeURIComponent(build) : "");
  const OVERLAY = "hindsight-error-overlay";
  let source = null;

  function connect() {
    source = new EventSource(url);
    source.addEventListener("reload", () => {
      source.close();
      location.reload();
    });
    // The server's `error` events carry JSON; EventSource also fires a plain `error` Event of
    // its own when the connection drops (it reconnects by itself), which has no data.
    source.addEventListener("error", (e) => {
      if (typeof e.data !== "string") return;
      try {
        show(JSON.parse(e.data));
      } catch (_) {
        show({ message: "The build failed.", diagnostics: [] });
      }
    });
  }

  function el(tag, style, text) {
    const node = document.createElement(tag);
    if (style) node.style.cssText = style;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function show(report) {
    let box = document.getElementById(OVERLAY);
    if (!box) {
      box = el(
        "div",
        "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
          "margin:0;padding:1rem 1.25rem;background:#1d1f24;color:#f3f3f3;" +
          "border-top:4px solid #e5484d;font:14px/1.5 system-ui,sans-serif;" +
          "box-shadow:0 -4px 24px rgba(0,0,0,.35);text-align:left",
      );
      box.id = OVERLAY;
      box.setAttribute("role", "alert");
      document.body.appendChild(box);
    }
    const close = el(
      "button",
      "float:right;font:inherit;background:transparent;color:inherit;" +
        "border:1px solid #777;border-radius:4px;padding:0 .5rem;cursor:pointer",
      "Dismiss",
    );
    close.type = "button";
    close.addEventListener("click", () => box.remove());
    const list = el("ul", "margin:.5rem 0 0;padding:0;list-style:none");
    for (const d of report.diagnostics || []) {
      const item = el("li", "margin:.5rem 0");
      const colour = d.severity === "error" ? "#ff8b8e" : "#f5d90a";
      item.append(
        el("code", "font:13px ui-monospace,monospace;color:#9ecbff;background:none;border:0;padding:0", `${d.path}:${d.line}:${d.col}`),
        " ",
        el("strong", `color:${colour}`, `${d.severity}[${d.code}]`),
        `: ${d.message}`,
      );
      if (d.help) item.append(el("div", "color:#bbb;padding-left:1.5rem", `help: ${d.help}`));
      list.append(item);
    }
    box.replaceChildren(
      close,
      el("strong", "font-size:1.05em", report.message || "The build failed."),
      el("div", "color:#bbb", "The preview shows the last good build. Fix the problems and save: this page reloads by itself."),
      list,
    );
  }

  connect();
  // A page kept in the back/forward cache comes back with its connection closed.
  window.addEventListener("pageshow", (e) => {
    if (e.persisted && source && source.readyState === EventSource.CLOSED) connect();
  });
})();
