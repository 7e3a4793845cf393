// Text size and high-contrast options, remembered on this device. Without JavaScript the
// buttons are hidden and the browser's own zoom and contrast settings still work.
// Loaded without defer in <head>, so the remembered options apply before the first paint.
(function () {
  "use strict";
  var root = document.documentElement;
  var options = [
    { attr: "data-text-size", key: "sankaku-text-size", className: "text-large" },
    { attr: "data-contrast", key: "sankaku-contrast", className: "contrast-high" },
  ];
  root.classList.remove("no-js");
  options.forEach(function (option) {
    var stored = null;
    try { stored = window.localStorage.getItem(option.key); } catch (e) { /* private mode */ }
    if (stored === "on") root.classList.add(option.className);
  });
  document.addEventListener("DOMContentLoaded", function () {
    // A form sent with mistakes: its error summary has autofocus; where a browser does not
    // honour that on a non-control, focus it here so the visitor sees and hears it first.
    var summary = document.getElementById("error-summary");
    if (summary && document.activeElement === document.body) summary.focus();
    // The phone menu (a <details>): Escape closes it and gives the focus back to its button,
    // wherever the focus is (a tap on the button may leave it on the page).
    var menu = document.querySelector(".site-menu");
    if (menu) {
      document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape" || !menu.open) return;
        menu.open = false;
        menu.querySelector("summary").focus();
      });
    }
    // A link to a closed <details> (a KPI's 数え方) opens it, as does an address ending in its id.
    function openDetails(id) {
      var target = id && document.getElementById(id);
      if (target && target.tagName === "DETAILS") target.open = true;
    }
    openDetails(decodeURIComponent(window.location.hash.slice(1)));
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest('a[href^="#"]');
      if (link) openDetails(decodeURIComponent(link.getAttribute("href").slice(1)));
    });
    options.forEach(function (option) {
      var button = document.querySelector("[" + option.attr + "]");
      if (!button) return;
      button.setAttribute("aria-pressed", root.classList.contains(option.className) ? "true" : "false");
      button.addEventListener("click", function () {
        var on = root.classList.toggle(option.className);
        button.setAttribute("aria-pressed", on ? "true" : "false");
        try { window.localStorage.setItem(option.key, on ? "on" : "off"); } catch (e) { /* ignore */ }
      });
    });
  });
})();
