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
      button.addEventListener("click", function () {
        copyText(source.textContent).then(function () {
          button.textContent = "Copied";
          button.classList.add("copied");
          setTimeout(function () { button.textContent = "Copy"; button.classList.remove("copied"); }, 2000);
        }, function () {
          button.textContent = "Select and copy";
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

  window.campsite = window.campsite || {};

  function setup() {
    setupCopyButtons();
    setupAssetFilter();
    if (window.campsite.setupChecker) { window.campsite.setupChecker(); }
  }

  // An encrypted page (unlock.js) loads this file again after the document has loaded.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
