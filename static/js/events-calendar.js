// Keyboard navigation for the event calendar (progressive enhancement: without this script
// the calendar is a plain table whose links are reached with Tab).
// One day cell is in the tab order at a time; arrow keys move between days, Home/End to the
// start/end of the week, Page Up/Down to the previous/next month (focus stays in the grid).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var calendar = document.querySelector("[data-event-calendar]");
    if (!calendar) return;
    var days = Array.prototype.slice.call(calendar.querySelectorAll("td[data-date]"));
    if (!days.length) return;
    var current = calendar.querySelector("td[aria-current='date']") || days[0];
    days.forEach(function (day) {
      day.setAttribute("tabindex", day === current ? "0" : "-1");
    });

    function focusDay(index) {
      if (index < 0 || index >= days.length) return;
      current.setAttribute("tabindex", "-1");
      current = days[index];
      current.setAttribute("tabindex", "0");
      current.focus();
    }

    // Page Up/Down load the other month: its calendar takes the focus back once loaded, so the
    // keyboard user goes on from the grid instead of from the top of the page.
    var FOCUS_KEY = "event-calendar-focus";
    function follow(rel) {
      var link = calendar.querySelector("a[rel='" + rel + "']");
      if (!link) return;
      try { window.sessionStorage.setItem(FOCUS_KEY, "1"); } catch (e) { /* private mode */ }
      window.location.href = link.href;
    }
    var returning = null;
    try {
      returning = window.sessionStorage.getItem(FOCUS_KEY);
      window.sessionStorage.removeItem(FOCUS_KEY);
    } catch (e) { /* private mode */ }
    if (returning) current.focus();

    calendar.addEventListener("keydown", function (event) {
      var cell = event.target.closest ? event.target.closest("td[data-date]") : null;
      if (!cell || event.target !== cell) return;
      var index = days.indexOf(cell);
      var weekday = new Date(cell.getAttribute("data-date") + "T00:00:00").getDay();
      var moves = {
        ArrowLeft: -1,
        ArrowRight: 1,
        ArrowUp: -7,
        ArrowDown: 7,
        Home: -weekday,
        End: 6 - weekday,
      };
      if (event.key in moves) {
        event.preventDefault();
        focusDay(Math.max(0, Math.min(days.length - 1, index + moves[event.key])));
      } else if (event.key === "PageUp") {
        event.preventDefault();
        follow("prev");
      } else if (event.key === "PageDown") {
        event.preventDefault();
        follow("next");
      } else if (event.key === "Enter") {
        var link = cell.querySelector("a");
        if (link) {
          event.preventDefault();
          link.focus();
        }
      }
    });
  });
})();
