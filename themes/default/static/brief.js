// campsite brief page: the standing of deadlines and payments worked out from the reader's own
// date (the page says "as of" its build day without this file), and an embargo time shown in the
// reader's time zone too. Progressive enhancement only.
(function () {
  "use strict";

  var DAY = 86400000;
  var DUE_SOON_DAYS = 7;

  function utcDay(y, m, d) { return Date.UTC(y, m, d); }
  function fromIso(iso) {
    var p = iso.split("-");
    return utcDay(+p[0], +p[1] - 1, +p[2]);
  }
  function days(n) { return n === 1 ? "1 day" : n + " days"; }
  function each(sel, fn) { Array.prototype.forEach.call(document.querySelectorAll(sel), fn); }
  function setKind(el, prefix, kind) {
    el.className = el.className.replace(new RegExp("\\b" + prefix + "\\S+", "g"), "").trim() + " " + prefix + kind;
  }

  // The same words as the build writes (render::views::brief::standing_words).
  function standing(n, what) {
    if (n < 0) { return ["overdue", "Overdue: " + what + " was due " + days(-n) + " ago"]; }
    if (n === 0) { return ["due-today", "Due today: " + what]; }
    if (n <= DUE_SOON_DAYS) { return ["due-soon", "Due in " + days(n) + ": " + what]; }
    return ["upcoming", "Upcoming: " + what + " in " + days(n)];
  }

  document.addEventListener("DOMContentLoaded", function () {
    var now = new Date();
    var today = utcDay(now.getFullYear(), now.getMonth(), now.getDate());
    each("[data-standing][data-date]", function (el) {
      var n = Math.round((fromIso(el.getAttribute("data-date")) - today) / DAY);
      var what = el.getAttribute("data-milestone") === "draft" ? "draft" : "go-live";
      var s = standing(n, what);
      el.textContent = s[1];
      var card = el.closest(".deliverable");
      if (card) { setKind(card, "timing-", s[0]); } else { setKind(el, "timing-", s[0]); }
    });
    each("[data-payment-status][data-date]", function (el) {
      if (el.getAttribute("data-payment-status") === "paid") { return; }
      var late = fromIso(el.getAttribute("data-date")) < today;
      el.textContent = late ? "overdue" : "due";
      setKind(el, "pay-", late ? "overdue" : "due");
    });
    each(".as-of", function (el) { el.hidden = true; });
    var readerZone = "";
    try { readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { readerZone = ""; }
    each("[data-instant]", function (el) {
      if (!readerZone || readerZone === el.getAttribute("data-zone")) { return; }
      var at = new Date(el.getAttribute("data-instant"));
      if (isNaN(at.getTime())) { return; }
      el.textContent = " (" + at.toLocaleString([], { weekday: "short", hour: "2-digit", minute: "2-digit", timeZoneName: "short" }) + " your time)";
      el.hidden = false;
    });
  });
})();
