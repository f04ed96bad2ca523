// campsite caption checker: the same steps as src/compute/disclosure/caption.rs, on the rule data
// embedded in the brief page (<script type="application/json" id="checker-rules">): the tokens of
// the brief's language and the words to report with, both from disclosure_rules.toml. This file
// holds no rule and no message of its own. Nothing leaves the page.
// Keep the numbered steps in step with the Rust module; tests/lint.rs runs the caption tables
// in tests/data/captions/ through both.
(function () {
  "use strict";

  var WORD = /^[\p{Alphabetic}\p{N}_]$/u;

  // Step 1: tokens over code points, lowercased, with any leading # or @.
  function isWord(c) { return c !== undefined && WORD.test(c); }

  function tokenize(text) {
    var chars = Array.from(text);
    var out = [];
    var i = 0;
    while (i < chars.length) {
      var c = chars[i];
      var led = (c === "#" || c === "@") && isWord(chars[i + 1]);
      if (led || isWord(c)) {
        var j = i + 1;
        while (isWord(chars[j])) { j += 1; }
        out.push({ text: chars.slice(i, j).join("").toLowerCase(), start: i, end: j });
        i = j;
      } else {
        i += 1;
      }
    }
    return out;
  }

  // Step 2: token indexes where a phrase starts; bare compares without # and @.
  function strip(t, bare) { return bare ? t.replace(/^[#@]+/, "") : t; }

  function findPhrase(tokens, phrase, bare) {
    var hits = [];
    if (phrase.length === 0 || phrase.length > tokens.length) { return hits; }
    for (var i = 0; i <= tokens.length - phrase.length; i += 1) {
      var all = true;
      for (var k = 0; k < phrase.length; k += 1) {
        if (strip(tokens[i + k].text, bare) !== strip(phrase[k].text, bare)) { all = false; break; }
      }
      if (all) { hits.push(i); }
    }
    return hits;
  }

  function expand(entry, rules) {
    if (entry.indexOf("{brand}") < 0) { return [entry]; }
    return [rules.brand].concat(rules.mentions || []).map(function (b) {
      return entry.split("{brand}").join(b);
    });
  }

  // Step 3: first token of the trailing pile of three or more hashtags.
  function pileStart(tokens) {
    var n = 0;
    for (var i = tokens.length - 1; i >= 0 && tokens[i].text.charAt(0) === "#"; i -= 1) { n += 1; }
    return n >= 3 ? tokens.length - n : null;
  }

  // Steps 1–8: the verdict on one caption (same JSON shape as the Rust CaptionVerdict).
  function checkCaption(caption, rules) {
    var tokens = tokenize(caption);
    var ps = pileStart(tokens);
    var pile = ps === null ? tokens.length : ps;
    var visible = false, beforePile = false, any = false;
    (rules.accepted || []).forEach(function (entry) {
      var phrase = tokenize(entry);
      findPhrase(tokens, phrase, false).forEach(function (i) {
        any = true;
        var end = tokens[i + phrase.length - 1].end;
        if (end <= rules.cutoff) {           // Step 4: visible before the cut-off.
          visible = true;
          if (i < pile) { beforePile = true; }
        }
      });
    });
    var vague = false;
    (rules.vague || []).forEach(function (entry) {
      expand(entry, rules).forEach(function (e) {
        if (findPhrase(tokens, tokenize(e), false).length > 0) { vague = true; }
      });
    });
    // Step 5.
    var disclosure = beforePile ? "ok" : visible ? "buried" : any ? "after-cutoff" : vague ? "vague" : "missing";
    function absent(list) {
      return (list || []).filter(function (h) { return findPhrase(tokens, tokenize(h), false).length === 0; });
    }
    return {
      disclosure: disclosure,
      missing_hashtags: absent(rules.hashtags),   // Step 6.
      missing_mentions: absent(rules.mentions),
      banned: (rules.banned || []).filter(function (b) {  // Step 7.
        return findPhrase(tokens, tokenize(b), true).length > 0;
      }),
      missing_labels: (rules.labels || []).filter(function (l) {  // Step 8.
        return l.forms.every(function (f) { return findPhrase(tokens, tokenize(f), true).length === 0; });
      }).map(function (l) { return l.shown; })
    };
  }

  // Fills {key} placeholders of a wording from the rule data (Rust: rules::fill).
  function fill(template, values) {
    var out = template;
    Object.keys(values).forEach(function (k) { out = out.split("{" + k + "}").join(String(values[k])); });
    return out;
  }

  var DISCLOSURE_KEYS = { ok: "ok", missing: "missing", vague: "vague", "after-cutoff": "after-cutoff", buried: "buried" };

  function item(list, ok, text) {
    var li = document.createElement("li");
    li.className = ok === null ? "check-note" : ok ? "check-ok" : "check-bad";  // CSS draws ✓ / ✗
    li.textContent = text;
    list.appendChild(li);
  }

  function show(list, v, rules) {
    var w = rules.words;
    while (list.firstChild) { list.removeChild(list.firstChild); }
    item(list, v.disclosure === "ok", fill(w[DISCLOSURE_KEYS[v.disclosure]], { wording: rules.wording, cutoff: rules.cutoff }));
    (rules.labels || []).forEach(function (l) {
      var ok = v.missing_labels.indexOf(l.shown) < 0;
      item(list, ok, fill(ok ? w["label-ok"] : w["label-missing"], { label: l.shown }));
    });
    (rules.hashtags || []).forEach(function (h) {
      var ok = v.missing_hashtags.indexOf(h) < 0;
      item(list, ok, fill(ok ? w["hashtag-ok"] : w["hashtag-missing"], { tag: h }));
    });
    (rules.mentions || []).forEach(function (m) {
      var ok = v.missing_mentions.indexOf(m) < 0;
      item(list, ok, fill(ok ? w["mention-ok"] : w["mention-missing"], { tag: m }));
    });
    if (v.banned.length === 0) {
      if ((rules.banned || []).length > 0) { item(list, true, w["banned-none"]); }
    } else {
      v.banned.forEach(function (b) { item(list, false, fill(w.banned, { claim: b })); });
    }
    if (rules.video) { item(list, null, rules.video); }
  }

  // Test hook: #selftest=<base64 of [{"caption": …, "rules": {…}}]> writes, as JSON, each verdict
  // and the lines the checker shows for it ({"verdict": …, "lines": […]}) into
  // <pre id="selftest-result">. Used by tests/lint.rs in a headless browser.
  function selftest() {
    var m = /^#selftest=(.*)$/.exec(window.location.hash);
    if (!m) { return; }
    var pre = document.createElement("pre");
    pre.id = "selftest-result";
    try {
      var bytes = Uint8Array.from(atob(decodeURIComponent(m[1])), function (c) { return c.charCodeAt(0); });
      var table = JSON.parse(new TextDecoder().decode(bytes));
      var scratch = document.createElement("ul");
      pre.textContent = JSON.stringify(table.map(function (row) {
        var v = checkCaption(row.caption, row.rules);
        show(scratch, v, row.rules);
        var lines = Array.prototype.map.call(scratch.children, function (li) { return li.textContent; });
        return { verdict: v, lines: lines };
      }));
    } catch (e) {
      pre.textContent = "selftest failed: " + e;
    }
    document.body.appendChild(pre);
  }

  function setupChecker() {
    selftest();
    var section = document.getElementById("caption-check");
    var input = document.getElementById("caption-input");
    var list = document.getElementById("caption-results");
    var data = document.getElementById("checker-rules");
    if (!section || !input || !list || !data) { return; }
    var rules;
    try { rules = JSON.parse(data.textContent); } catch (e) { return; }
    if (!rules) { return; }
    section.hidden = false;
    var run = function () {
      if (input.value.trim() === "") {
        while (list.firstChild) { list.removeChild(list.firstChild); }
        return;
      }
      show(list, checkCaption(input.value, rules), rules);
    };
    input.addEventListener("input", run);
    run();
  }

  window.campsite = window.campsite || {};
  window.campsite.checkCaption = checkCaption;
  window.campsite.setupChecker = setupChecker;
})();
