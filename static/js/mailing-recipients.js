// The recipient count beside 送る相手 in the edit form of an information e-mail (progressive
// enhancement: without this script the count shown is that of the audiences as saved).
// When the editor ticks or unticks an audience, the admin counts again with the audiences as
// they are ticked now and answers with the same fragment the page shows.
(function () {
  "use strict";
  var FAILED =
    '<div class="help-block help-warning"><p>人数を数え直せませんでした。保存すると表示されます。</p></div>';

  function start() {
    var counter = document.querySelector("[data-audience-count]");
    var form = counter && counter.closest("form");
    if (!form || !window.fetch) return;
    // The 送る相手 fields (Issue.audience_fields), named by the panel.
    var AUDIENCE_FIELDS = counter.dataset.fields.split(" ");
    var timer = null;
    var latest = 0;

    function audienceQuery() {
      var query = new URLSearchParams();
      new FormData(form).forEach(function (value, name) {
        if (AUDIENCE_FIELDS.indexOf(name) !== -1) query.append(name, value);
      });
      return query.toString();
    }

    function recount() {
      var asked = ++latest;
      counter.setAttribute("aria-busy", "true");
      fetch(counter.dataset.url + "?" + audienceQuery(), {
        credentials: "same-origin",
        headers: { "X-Requested-With": "XMLHttpRequest" },
      })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.text();
        })
        .then(
          function (html) {
            if (asked === latest) counter.innerHTML = html;
          },
          function () {
            if (asked === latest) counter.innerHTML = FAILED;
          }
        )
        .then(function () {
          if (asked === latest) counter.removeAttribute("aria-busy");
        });
    }

    form.addEventListener("change", function (event) {
      if (AUDIENCE_FIELDS.indexOf(event.target.name) === -1) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(recount, 300);
    });
    if (counter.hasAttribute("data-recount")) recount();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
