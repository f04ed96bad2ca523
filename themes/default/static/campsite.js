// campsite: progressive enhancement only. Pages are complete without this file.
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand && document.execCommand("copy");
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  function setupCopyButtons() {
    var buttons = document.querySelectorAll("button.copy[data-copy]");
    Array.prototype.forEach.call(buttons, function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source) { return; }
      button.hidden = false;
      // The button's own words are the page's language (data-copied, data-failed from the catalog).
      var label = button.textContent;
      button.addEventListener("click", function () {
        copyText(source.getAttribute("data-copy-text") || source.textContent).then(function () {
          button.textContent = button.getAttribute("data-copied") || "Copied";
          button.classList.add("copied");
          setTimeout(function () { button.textContent = label; button.classList.remove("copied"); }, 2000);
        }, function () {
          button.textContent = button.getAttribute("data-failed") || "Select and copy";
        });
      });
    });
  }

  // Asset library: filters and search over the prebuilt index in #asset-index.
  function setupAssetFilter() {
    var form = document.getElementById("asset-filter");
    var data = document.getElementById("asset-index");
    var grid = document.getElementById("asset-grid");
    if (!form || !data || !grid) { return; }
    var index;
    try { index = JSON.parse(data.textContent); } catch (e) { return; }
    var byId = {};
    index.forEach(function (item) { byId[item.id] = item; });
    var tiles = grid.querySelectorAll("li[data-id]");
    function matches(item) {
      var q = form.elements.q.value.trim().toLowerCase();
      if (q && q.split(/\s+/).some(function (w) { return item.text.indexOf(w) < 0; })) { return false; }
      var fields = ["tags", "creator", "campaign", "kind", "channels", "status"];
      return fields.every(function (f) {
        var want = form.elements[f] && form.elements[f].value;
        if (!want) { return true; }
        var have = item[f];
        return Array.isArray(have) ? have.indexOf(want) >= 0 : have === want;
      });
    }
    function apply() {
      var shown = 0;
      Array.prototype.forEach.call(tiles, function (tile) {
        var item = byId[tile.getAttribute("data-id")];
        var ok = !item || matches(item);
        tile.hidden = !ok;
        if (ok) { shown += 1; }
      });
      form.elements.count.value = shown + " of " + tiles.length + " shown";
    }
    form.hidden = false;
    form.addEventListener("input", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply();
  }

  // Roster: filters and sorts over the prebuilt index in #roster-index; the same views as the
  // plain pages under /team/roster/ (same order: highest first, unknown last, then handle).
  function setupRosterFilter() {
    var form = document.getElementById("roster-filter");
    var data = document.getElementById("roster-index");
    var body = document.getElementById("roster-rows");
    if (!form || !data || !body) { return; }
    var index;
    try { index = JSON.parse(data.textContent); } catch (e) { return; }
    var byHandle = {};
    index.forEach(function (item) { byHandle[item.handle] = item; });
    var rows = Array.prototype.slice.call(body.querySelectorAll("tr[data-handle]"));
    var fields = ["platforms", "niches", "countries", "languages", "status"];
    function compare(key) {
      return function (a, b) {
        var x = byHandle[a.getAttribute("data-handle")] || {};
        var y = byHandle[b.getAttribute("data-handle")] || {};
        var by = 0;
        if (key === "name") {
          by = x.name < y.name ? -1 : (x.name > y.name ? 1 : 0);
        } else {
          var u = x[key], v = y[key];
          if (u == null && v != null) { by = 1; }
          else if (u != null && v == null) { by = -1; }
          else if (u != null && v != null) { by = v - u; }
        }
        if (by !== 0) { return by; }
        return x.handle < y.handle ? -1 : (x.handle > y.handle ? 1 : 0);
      };
    }
    function apply() {
      var shown = 0;
      rows.sort(compare(form.elements.sort.value || "name"));
      rows.forEach(function (row) {
        var item = byHandle[row.getAttribute("data-handle")];
        var ok = !item || fields.every(function (f) {
          var want = form.elements[f] && form.elements[f].value;
          return !want || item[f].indexOf(want) >= 0;
        });
        row.hidden = !ok;
        if (ok) { shown += 1; }
        body.appendChild(row);
      });
      form.elements.count.value = shown + " of " + rows.length + " shown";
    }
    form.hidden = false;
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply();
  }

  // Playbook: a copy button on each code block and blockquote.
  function setupPlaybookCopy() {
    var blocks = document.querySelectorAll(".playbook pre, .playbook blockquote");
    Array.prototype.forEach.call(blocks, function (block, i) {
      if (!block.id) { block.id = "playbook-block-" + (i + 1); }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy";
      button.textContent = "Copy";
      button.setAttribute("data-copy", block.id);
      button.hidden = true;
      block.parentNode.insertBefore(button, block.nextSibling);
    });
  }

  window.campsite = window.campsite || {};

  function setup() {
    setupPlaybookCopy();
    setupCopyButtons();
    setupAssetFilter();
    setupRosterFilter();
    if (window.campsite.setupChecker) { window.campsite.setupChecker(); }
  }

  // An encrypted page (unlock.js) loads this file again after the document has loaded.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
