// campsite caption checker: the same steps as src/lint/caption.rs, on the rule data embedded in
// the brief page (<script type="application/json" id="checker-rules">). Nothing leaves the page.
// Keep the numbered steps in step with the Rust module; tests/lint.rs runs one table through both.
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

  // Steps 1–7: the verdict on one caption (same JSON shape as the Rust CaptionVerdict).
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
      })
    };
  }

  var DISCLOSURE_WORDS = {
    ok: null,
    missing: "No disclosure yet: start with ",
    vague: "Only a vague disclosure (like #sp, #collab or “thanks”): start with ",
    "after-cutoff": "The disclosure comes after the first {n} characters, hidden behind “more”: move ",
    buried: "The disclosure is lost in the hashtags at the end: move "
  };

  function item(list, ok, text) {
    var li = document.createElement("li");
    li.className = ok ? "check-ok" : "check-bad";
    li.textContent = (ok ? "✓ " : "✗ ") + text;
    list.appendChild(li);
  }

  function show(list, v, rules) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    var lead = "“" + (rules.accepted && rules.accepted[0] ? rules.accepted[0] : "#ad") + "”";
    if (v.disclosure === "ok") {
      item(list, true, "Disclosure up front");
    } else {
      item(list, false, DISCLOSURE_WORDS[v.disclosure].replace("{n}", rules.cutoff) + lead + (v.disclosure === "missing" || v.disclosure === "vague" ? "" : " to the start"));
    }
    (rules.hashtags || []).forEach(function (h) {
      item(list, v.missing_hashtags.indexOf(h) < 0, (v.missing_hashtags.indexOf(h) < 0 ? "Has " : "Add ") + h);
    });
    (rules.mentions || []).forEach(function (m) {
      item(list, v.missing_mentions.indexOf(m) < 0, (v.missing_mentions.indexOf(m) < 0 ? "Mentions " : "Mention ") + m);
    });
    if (v.banned.length === 0) {
      if ((rules.banned || []).length > 0) { item(list, true, "No banned claims"); }
    } else {
      v.banned.forEach(function (b) { item(list, false, "Remove the banned claim “" + b + "”"); });
    }
  }

  // Test hook: #selftest=<base64 of [{"caption": …, "rules": {…}}]> writes the verdicts, as JSON,
  // into <pre id="selftest-result">. Used by tests/lint.rs in a headless browser.
  function selftest() {
    var m = /^#selftest=(.*)$/.exec(window.location.hash);
    if (!m) { return; }
    var pre = document.createElement("pre");
    pre.id = "selftest-result";
    try {
      var bytes = Uint8Array.from(atob(decodeURIComponent(m[1])), function (c) { return c.charCodeAt(0); });
      var table = JSON.parse(new TextDecoder().decode(bytes));
      pre.textContent = JSON.stringify(table.map(function (row) { return checkCaption(row.caption, row.rules); }));
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
