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
  // The page's words (#brief-words, from the theme's catalog), English when absent.
  var words = {
    overdue: "Overdue: {what} was due {days} ago", dueToday: "Due today: {what}",
    dueSoon: "Due in {days}: {what}", upcoming: "Upcoming: {what} in {days}",
    dayOne: "{n} day", dayOther: "{n} days", draft: "draft", goLive: "go-live",
    payOverdue: "overdue", payDue: "due", yourTime: "your time"
  };
  function fill(text, args) {
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(args, name) ? args[name] : all;
    });
  }
  // CLDR's rule for the theme's languages: French says "0 jour", the others "0 days".
  function days(n) {
    var one = n === 1 || (n === 0 && document.documentElement.lang.slice(0, 2) === "fr");
    return fill(one ? words.dayOne : words.dayOther, { n: String(n) });
  }
  function each(sel, fn) { Array.prototype.forEach.call(document.querySelectorAll(sel), fn); }
  function setKind(el, prefix, kind) {
    el.className = el.className.replace(new RegExp("\\b" + prefix + "\\S+", "g"), "").trim() + " " + prefix + kind;
  }

  // The same words as the build writes (compute::schedule::standing_words).
  function standing(n, what) {
    if (n < 0) { return ["overdue", fill(words.overdue, { what: what, days: days(-n) })]; }
    if (n === 0) { return ["due-today", fill(words.dueToday, { what: what })]; }
    if (n <= DUE_SOON_DAYS) { return ["due-soon", fill(words.dueSoon, { what: what, days: days(n) })]; }
    return ["upcoming", fill(words.upcoming, { what: what, days: days(n) })];
  }

  function setup() {
    var source = document.getElementById("brief-words");
    if (source) {
      Object.keys(words).forEach(function (k) {
        var v = source.getAttribute("data-" + k.replace(/[A-Z]/g, function (c) { return "-" + c.toLowerCase(); }));
        if (v) { words[k] = v; }
      });
    }
    var now = new Date();
    var today = utcDay(now.getFullYear(), now.getMonth(), now.getDate());
    each("[data-standing][data-date]", function (el) {
      var n = Math.round((fromIso(el.getAttribute("data-date")) - today) / DAY);
      var what = el.getAttribute("data-milestone") === "draft" ? words.draft : words.goLive;
      var s = standing(n, what);
      el.textContent = s[1];
      var card = el.closest(".deliverable");
      if (card) { setKind(card, "timing-", s[0]); } else { setKind(el, "timing-", s[0]); }
    });
    each("[data-payment-status][data-date]", function (el) {
      if (el.getAttribute("data-payment-status") === "paid") { return; }
      var late = fromIso(el.getAttribute("data-date")) < today;
      el.textContent = late ? words.payOverdue : words.payDue;
      setKind(el, "pay-", late ? "overdue" : "due");
    });
    each(".as-of", function (el) { el.hidden = true; });
    var readerZone = "";
    try { readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { readerZone = ""; }
    each("[data-instant]", function (el) {
      if (!readerZone || readerZone === el.getAttribute("data-zone")) { return; }
      var at = new Date(el.getAttribute("data-instant"));
      if (isNaN(at.getTime())) { return; }
      var shown = at.toLocaleString(document.documentElement.lang || [], { weekday: "short", hour: "2-digit", minute: "2-digit", timeZoneName: "short" });
      el.textContent = " (" + shown + ", " + words.yourTime + ")";
      el.hidden = false;
    });
  }

  // An encrypted page (unlock.js) loads this file again after the document has loaded.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
