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

  window.campsite = window.campsite || {};

  document.addEventListener("DOMContentLoaded", function () {
    setupCopyButtons();
    if (window.campsite.setupChecker) { window.campsite.setupChecker(); }
  });
})();
