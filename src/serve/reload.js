/* campsite serve: live reload. Served at /__campsite/reload.js to pages `serve` sends (never
   written into a built site). It long-polls the server with the build version its tag carries
   and the page it is on; the answer says whether this page changed (reload, keeping the scroll
   position) and which stylesheets changed (swapped in place, no reload). It also wires the
   error overlay's dismiss button: the page policy allows no inline script or handler. */
(function () {
  "use strict";
  var tag = document.currentScript;
  var version = Number(tag.dataset.version);
  var poll = tag.dataset.poll;
  var scrollKey = "campsite-scroll:" + location.pathname;

  var dismiss = document.getElementById("campsite-overlay-dismiss");
  if (dismiss) {
    dismiss.addEventListener("click", function () {
      dismiss.parentNode.remove();
    });
  }

  function restoreScroll() {
    var saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(scrollKey) || "null");
    } catch (e) {
      saved = null;
    }
    if (saved && saved.length === 2) {
      window.scrollTo(saved[0], saved[1]);
    }
    return saved;
  }

  // Once now (the DOM is parsed: the tag is deferred), again when images have their sizes.
  if (restoreScroll()) {
    window.addEventListener("load", function () {
      restoreScroll();
      try {
        sessionStorage.removeItem(scrollKey);
      } catch (e) {}
    });
  }

  function reload() {
    try {
      sessionStorage.setItem(scrollKey, JSON.stringify([window.scrollX, window.scrollY]));
    } catch (e) {}
    location.reload();
  }

  // Points each changed stylesheet's <link> at a fresh URL, so the browser fetches it again.
  function swap(paths) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href, location.href);
      if (url.origin === location.origin && paths.indexOf(url.pathname) >= 0) {
        url.searchParams.set("campsite-build", String(version));
        links[i].href = url.href;
      }
    }
  }

  function next() {
    fetch(poll + "?since=" + version + "&page=" + location.pathname, { cache: "no-store" })
      .then(function (r) {
        if (!r.ok) throw r;
        return r.json();
      })
      .then(function (d) {
        if (d.reload) {
          reload();
          return;
        }
        version = d.version;
        if (d.css.length) swap(d.css);
        setTimeout(next, 20);
      })
      .catch(function () {
        setTimeout(next, 1000);
      });
  }
  next();
})();
