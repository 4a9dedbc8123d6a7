// hindsight: applies the dark or light mode chosen in this browser before the page is drawn,
// so it does not flash the other one. Loaded in <head> as a file, not inline: the pages'
// Content-Security-Policy allows no inline script.
// The class `js` lets the stylesheet fold the header's menu and search into buttons, which
// only work with script.
document.documentElement.classList.add("js");
try {
  var t = localStorage.getItem("hindsight-theme");
  if (t === "dark" || t === "light") document.documentElement.classList.add(t);
} catch (e) { /* storage blocked: the OS preference applies */ }
