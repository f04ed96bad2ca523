// campsite: opens a passphrase team site (build --audience team --passphrase-env NAME; the scheme
// is in SECURITY.md and src/compute/passphrase.rs). The passphrase gives the site key through
// PBKDF2-SHA256 once per visit; the key is kept in sessionStorage until the tab closes. Every
// page, download and private file is stored sealed under a name that says nothing (s/<hex>):
// this script finds a page by its site path, opens it, and shows it here, at the site's front
// page, with the path after "#/" in the address bar.
(function () {
  "use strict";

  var box = document.getElementById("campsite-team-sealed");
  if (!box) { return; }
  var subtle = window.crypto && window.crypto.subtle;
  var enc = new TextEncoder();
  var form = document.getElementById("team-unlock");
  var input = document.getElementById("team-passphrase");
  var status = document.getElementById("sealed-status");
  var salt = box.getAttribute("data-salt");
  var iterations = Number(box.getAttribute("data-iterations"));
  var plain = (box.getAttribute("data-plain") || "").split(" ").filter(Boolean);
  var store = "campsite-team-key:" + salt;
  var root = new URL(".", window.location.href);
  var keys = null;
  var blobs = [];

  function say(text) { status.textContent = text; status.hidden = false; }

  function bytesOf(b64) {
    var s = b64.replace(/-/g, "+").replace(/_/g, "/");
    while (s.length % 4) { s += "="; }
    var bin = atob(s);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i += 1) { out[i] = bin.charCodeAt(i); }
    return out;
  }

  function b64Of(buf) {
    var bytes = new Uint8Array(buf);
    var s = "";
    for (var i = 0; i < bytes.length; i += 1) { s += String.fromCharCode(bytes[i]); }
    return btoa(s);
  }

  function hex(buf) {
    return Array.prototype.map.call(new Uint8Array(buf), function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  }

  // The site key as bytes → the AES key and the HMAC key that names stored files.
  function useKey(raw) {
    return Promise.all([
      subtle.importKey("raw", raw, "AES-GCM", false, ["decrypt"]),
      subtle.importKey("raw", raw, "HKDF", false, ["deriveKey"]).then(function (h) {
        return subtle.deriveKey(
          { name: "HKDF", hash: "SHA-256", salt: enc.encode("campsite/seal/v1"), info: enc.encode("names") },
          h, { name: "HMAC", hash: "SHA-256", length: 256 }, false, ["sign"]);
      })
    ]).then(function (k) { return { aes: k[0], names: k[1], raw: raw }; });
  }

  // Fetches and opens the sealed file of a site path.
  function fetchOpen(k, path) {
    return subtle.sign("HMAC", k.names, enc.encode(path)).then(function (tag) {
      return window.fetch(new URL("s/" + hex(tag).slice(0, 32), root).href);
    }).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.arrayBuffer();
    }).then(function (buf) {
      var sealed = new Uint8Array(buf);
      return subtle.decrypt(
        { name: "AES-GCM", iv: sealed.subarray(0, 12), additionalData: enc.encode(path) },
        k.aes, sealed.subarray(12));
    });
  }

  function routePath() {
    var m = /^#\/([^#]*)/.exec(window.location.hash);
    var path = m ? decodeURIComponent(m[1]) : "";
    return path === "" || /\/$/.test(path) ? path + "index.html" : path;
  }

  // A URL as the page wrote it, relative to where the page lives, as a site path (or null when
  // it leaves the site).
  function sitePathOf(value, pagePath) {
    var u;
    try { u = new URL(value, new URL(pagePath, root)); } catch (e) { return null; }
    if (u.origin !== root.origin || u.pathname.indexOf(root.pathname) !== 0) { return null; }
    return { path: decodeURIComponent(u.pathname.slice(root.pathname.length)), hash: u.hash, url: u };
  }

  function asBlob(path, type) {
    return fetchOpen(keys, path).then(function (buf) {
      var url = URL.createObjectURL(new Blob([buf], type ? { type: type } : {}));
      blobs.push(url);
      return url;
    });
  }

  // Points the plain page's links at real places: theme files as they are, pages as #/ routes,
  // sealed images opened into blobs, sealed downloads opened when clicked.
  function rewrite(doc, pagePath) {
    Array.prototype.forEach.call(doc.querySelectorAll("[href], [src], [srcset]"), function (el) {
      ["href", "src"].forEach(function (attr) {
        var v = el.getAttribute(attr);
        if (v === null || v.charAt(0) === "#") { return; }
        var sp = sitePathOf(v, pagePath);
        if (!sp) { return; }
        if (plain.indexOf(sp.path) >= 0 || sp.path === "") {
          el.setAttribute(attr, sp.path === "" ? "#/" : sp.url.href);
        } else if (sp.path === "" || /\/$/.test(sp.path) || /\.html$/.test(sp.path)) {
          el.setAttribute(attr, "#/" + sp.path.replace(/index\.html$/, ""));
        } else if (attr === "src") {
          el.removeAttribute("src");
          asBlob(sp.path).then(function (u) { el.setAttribute("src", u); }, function () {});
        } else {
          el.setAttribute("data-sealed", sp.path);
          el.setAttribute("href", "#/" + sp.path);
        }
      });
      var set = el.getAttribute("srcset");
      if (set !== null) {
        el.removeAttribute("srcset");
        var parts = set.split(",").map(function (c) { return c.trim().split(/\s+/); });
        Promise.all(parts.map(function (p) {
          var sp = sitePathOf(p[0], pagePath);
          return sp ? asBlob(sp.path).then(function (u) { return [u].concat(p.slice(1)).join(" "); }) : Promise.resolve(p.join(" "));
        })).then(function (list) { el.setAttribute("srcset", list.join(", ")); }, function () {});
      }
    });
  }

  function show(html, pagePath) {
    blobs.forEach(function (u) { URL.revokeObjectURL(u); });
    blobs = [];
    var doc = new DOMParser().parseFromString(html, "text/html");
    var scripts = [];
    Array.prototype.forEach.call(doc.querySelectorAll("script[src]"), function (s) {
      var sp = sitePathOf(s.getAttribute("src"), pagePath);
      if (sp && plain.indexOf(sp.path) >= 0) { scripts.push(sp.url.href); }
      s.parentNode.removeChild(s);
    });
    rewrite(doc, pagePath);
    document.title = doc.title;
    document.documentElement.lang = doc.documentElement.lang;
    document.body.replaceWith(document.adoptNode(doc.body));
    window.scrollTo(0, 0);
    scripts.forEach(function (src) {
      var s = document.createElement("script");
      s.src = src;
      s.async = false;
      document.body.appendChild(s);
    });
    document.documentElement.setAttribute("data-unlocked", pagePath);
  }

  function navigate() {
    var path = routePath();
    return fetchOpen(keys, path).then(function (buf) {
      show(new TextDecoder().decode(buf), path);
    }, function () {
      if (path !== "index.html") {
        document.body.innerHTML = "";
        var p = document.createElement("p");
        p.textContent = "This page is not in the team site. ";
        var a = document.createElement("a");
        a.href = "#/";
        a.textContent = "Go to the front page";
        p.appendChild(a);
        document.body.appendChild(p);
      }
      throw new Error("cannot open " + path);
    });
  }

  document.addEventListener("click", function (e) {
    var a = e.target && e.target.closest ? e.target.closest("a[href]") : null;
    if (!a || !keys) { return; }
    var sealed = a.getAttribute("data-sealed");
    var href = a.getAttribute("href");
    if (sealed) {
      e.preventDefault();
      asBlob(sealed).then(function (u) {
        var link = document.createElement("a");
        link.href = u;
        link.download = sealed.split("/").pop();
        document.body.appendChild(link);
        link.click();
        document.body.removeChild(link);
      });
    } else if (href.charAt(0) === "#" && href.charAt(1) !== "/") {
      // An in-page anchor: scroll, keep the route.
      var target = document.getElementById(decodeURIComponent(href.slice(1)));
      if (target) { e.preventDefault(); target.scrollIntoView(); }
    }
  });
  window.addEventListener("hashchange", function () { if (keys) { navigate().catch(function () {}); } });

  function open(raw) {
    return useKey(raw).then(function (k) {
      keys = k;
      return navigate();
    }).then(function () {
      window.sessionStorage.setItem(store, b64Of(raw));
    }, function (e) {
      keys = null;
      throw e;
    });
  }

  if (!subtle) {
    say("This browser cannot decrypt the site. Open it in an up-to-date browser.");
    return;
  }
  form.hidden = false;
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    say("Opening…");
    subtle.importKey("raw", enc.encode(input.value), "PBKDF2", false, ["deriveBits"]).then(function (pk) {
      return subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: bytesOf(salt), iterations: iterations }, pk, 256);
    }).then(function (bits) {
      return open(new Uint8Array(bits));
    }).catch(function () {
      say("That passphrase does not open this site. Check it and try again.");
      input.focus();
    });
  });
  var kept = window.sessionStorage.getItem(store);
  if (kept) {
    open(bytesOf(kept)).catch(function () { window.sessionStorage.removeItem(store); });
  }
})();
