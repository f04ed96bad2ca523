// campsite: opens an encrypted private page (SPEC §6; the scheme is in SECURITY.md and
// src/compute/seal.rs). The key is the link's #fragment, which browsers never send to the host.
// The page is AES-256-GCM: nonce (12 bytes) ‖ ciphertext ‖ tag, with the file's site path as
// associated data. Once opened, the plain page replaces this one and its scripts run again.
(function () {
  "use strict";

  var KEY = /^[A-Za-z0-9_-]{43}$/;
  var TYPES = { ics: "text/calendar", csv: "text/csv", json: "application/json" };

  // Mail scanners sometimes rewrite "#" as "%23": put the fragment back before anything else.
  function repair() {
    var loc = window.location;
    var inPath = /^(.*?)%23([A-Za-z0-9_-]{43})$/i.exec(loc.pathname);
    if (inPath) {
      loc.replace(inPath[1] + loc.search + "#" + inPath[2]);
      return true;
    }
    var inQuery = /%23([A-Za-z0-9_-]{43})/i.exec(loc.search);
    if (inQuery && !loc.hash) {
      window.history.replaceState(null, "", loc.pathname + "#" + inQuery[1]);
    }
    return false;
  }

  function bytesOf(b64) {
    var s = b64.replace(/-/g, "+").replace(/_/g, "/").replace(/\s+/g, "");
    while (s.length % 4) { s += "="; }
    var bin = atob(s);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i += 1) { out[i] = bin.charCodeAt(i); }
    return out;
  }

  function open(key, path, sealed) {
    return window.crypto.subtle.decrypt(
      { name: "AES-GCM", iv: sealed.subarray(0, 12), additionalData: new TextEncoder().encode(path) },
      key,
      sealed.subarray(12)
    );
  }

  // The site path of a URL: what follows the site root (the shell knows its way back to it).
  function sitePath(url, root) {
    var base = new URL(root, window.location.href).href;
    var href = url.split("#")[0].split("?")[0];
    var path = href.indexOf(base) === 0 ? decodeURIComponent(href.slice(base.length)) : "";
    return path === "" || /\/$/.test(path) ? path + "index.html" : path;
  }

  // Downloads beside the page are sealed too: fetch, open, hand over as a blob.
  function wireDownloads(key, root, folder, files) {
    Array.prototype.forEach.call(document.querySelectorAll("a[href]"), function (a) {
      var path = sitePath(a.href, root);
      var name = path.slice(folder.length);
      if (path.indexOf(folder) !== 0 || files.indexOf(name) < 0) { return; }
      a.addEventListener("click", function (e) {
        e.preventDefault();
        window.fetch(a.href).then(function (r) {
          if (!r.ok) { throw new Error("HTTP " + r.status); }
          return r.arrayBuffer();
        }).then(function (buf) {
          return open(key, path, new Uint8Array(buf));
        }).then(function (plain) {
          var ext = name.split(".").pop();
          var url = URL.createObjectURL(new Blob([plain], { type: TYPES[ext] || "application/octet-stream" }));
          var link = document.createElement("a");
          link.href = url;
          link.download = name;
          document.body.appendChild(link);
          link.click();
          document.body.removeChild(link);
          setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
        }).catch(function () {
          a.textContent = "This download could not be opened; reload the page and try again.";
        });
      });
    });
  }

  // In-page links (#section) would replace the key in the address bar: scroll instead.
  function keepKeyOnAnchors() {
    document.addEventListener("click", function (e) {
      var a = e.target && e.target.closest ? e.target.closest("a[href^='#']") : null;
      if (!a) { return; }
      var target = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
      if (!target) { return; }
      e.preventDefault();
      target.scrollIntoView();
      if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
      target.focus({ preventScroll: true });
    });
  }

  function show(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var scripts = [];
    Array.prototype.forEach.call(doc.querySelectorAll("script[src]"), function (s) {
      scripts.push(s.getAttribute("src"));
      s.parentNode.removeChild(s);
    });
    document.title = doc.title;
    document.documentElement.lang = doc.documentElement.lang;
    document.body.replaceWith(document.adoptNode(doc.body));
    // Script elements made by DOMParser never run; new ones do, in order (CSP: same origin).
    scripts.forEach(function (src) {
      var s = document.createElement("script");
      s.src = src;
      s.async = false;
      document.body.appendChild(s);
    });
  }

  function start() {
    var started = window.performance.now();
    window.performance.mark("campsite:start");
    var box = document.getElementById("campsite-sealed");
    var data = document.getElementById("campsite-sealed-data");
    var status = document.getElementById("sealed-status");
    if (!box || !data || !status) { return; }
    function say(text) { status.textContent = text; status.hidden = false; }
    var fragment = window.location.hash.slice(1);
    if (fragment === "") {
      say("This link is missing its key (the part after the #). It was probably cut off when the link was copied or forwarded. Ask whoever sent it for the full link.");
      return;
    }
    if (!KEY.test(fragment) || !window.crypto || !window.crypto.subtle) {
      say(!window.crypto || !window.crypto.subtle
        ? "This browser cannot decrypt the page. Open the link in an up-to-date browser."
        : "This link's key is damaged or incomplete. Ask whoever sent it for the full link.");
      return;
    }
    say("Opening the page…");
    var root = box.getAttribute("data-root") || "";
    var files = (box.getAttribute("data-files") || "").split(" ").filter(Boolean);
    var path = sitePath(window.location.href, root);
    var folder = path.slice(0, path.lastIndexOf("/") + 1);
    var key;
    window.crypto.subtle.importKey("raw", bytesOf(fragment), "AES-GCM", false, ["decrypt"])
      .then(function (k) {
        key = k;
        return open(key, path, bytesOf(data.textContent));
      })
      .then(function (plain) {
        window.performance.mark("campsite:decrypted");
        show(new TextDecoder().decode(plain));
        window.performance.mark("campsite:shown");
        wireDownloads(key, root, folder, files);
        keepKeyOnAnchors();
        // Milliseconds from the start to the plain page decrypted, inserted and laid out
        // (reading a size forces style and layout now); the browser suite reads it.
        document.body.getBoundingClientRect();
        document.documentElement.setAttribute("data-unlocked", String(Math.round(window.performance.now() - started)));
      }, function () {
        say("This link's key does not open this page. The link may be incomplete or out of date (a revoked link gets a new key). Ask whoever sent it for the current link.");
      });
  }

  if (repair()) { return; }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
