// Checks of how a page reads, run inside the page (issue 15): no word or number split across two
// lines, no text rendered under 12 CSS px (HTML or SVG), and tap targets big enough. Each returns
// one line per problem, naming the element and the text, so a failure says what to look at.

/** Smallest text a reader should meet, in CSS px as rendered. */
export const MIN_TEXT_PX = 12;
/** WCAG 2.2 target size (minimum), CSS px. */
export const MIN_TARGET_PX = 24;
/** Height of copy buttons and form controls on a phone, CSS px. */
export const PHONE_CONTROL_PX = 44;

/**
 * Words and numbers split across lines. Each whitespace-separated token is cut further where a
 * line may break by design (after a hyphen, dash or slash); each piece gets a `Range`, and a
 * piece whose client rects sit on more than one line top is split. URLs, e-mail addresses and
 * codes may break: text inside `code`, `pre`, `kbd`, `samp`, `.url` or a link whose text is its
 * own address, and any token that looks like a URL or an e-mail address.
 */
export async function splitWordProblems(page) {
  return page.evaluate(() => {
    const found = [];
    const mayBreak = (el) => el.closest('code, pre, kbd, samp, .url, textarea, script, style, noscript, title, desc');
    const looksLikeAddress = (t) => /:\/\/|^www\.|@.+\.|^[\w.-]+\.[a-z]{2,}\//i.test(t);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || mayBreak(el) || el.closest('svg')) continue;
      const text = n.data;
      if (!text.trim()) continue;
      for (const m of text.matchAll(/\S+/g)) {
        if (looksLikeAddress(m[0])) continue;
        // Pieces between the places a line may break by design.
        for (const p of m[0].matchAll(/[^\-‐–—/\u200b]+[\-‐–—/\u200b]?/g)) {
          if (p[0].length < 2) continue;
          const start = m.index + p.index;
          range.setStart(n, start);
          range.setEnd(n, start + p[0].replace(/[\-‐–—/\u200b]$/, '').length);
          const tops = new Set();
          for (const r of range.getClientRects()) {
            if (r.width > 0 && r.height > 0) tops.add(Math.round(r.top));
          }
          if (tops.size > 1) {
            const where = el.closest('[id]');
            found.push(`"${m[0]}" is split across ${tops.size} lines in <${el.tagName.toLowerCase()}>${where ? ` (in #${where.id})` : ''}`);
            break;
          }
        }
        if (found.length >= 40) return found;
      }
    }
    return found;
  });
}

/**
 * Visible text rendered under `min` CSS px: an HTML element's computed font size, or an SVG
 * `<text>`'s font size times the scale its SVG is drawn at.
 */
export async function smallTextProblems(page, min = MIN_TEXT_PX) {
  return page.evaluate((min) => {
    const found = [];
    const seen = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || seen.has(el) || !n.data.trim()) continue;
      seen.add(el);
      if (el.closest('script, style, noscript, title, desc, textarea, option')) continue;
      const s = getComputedStyle(el);
      if (s.visibility === 'hidden' || s.opacity === '0') continue;
      const rects = el.getClientRects();
      if (!rects.length || ![...rects].some((r) => r.width > 1 && r.height > 1)) continue;
      let px = parseFloat(s.fontSize);
      if (el instanceof SVGElement) {
        const m = el.getScreenCTM();
        if (m) px *= Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
      }
      if (px < min - 0.05) {
        found.push(`"${n.data.trim().slice(0, 40)}" in <${el.tagName.toLowerCase()}> is ${px.toFixed(1)}px`);
        if (found.length >= 40) break;
      }
    }
    return found;
  }, min);
}

/**
 * Buttons, inputs, selects, textareas and summaries smaller than `min`×`min`; on a phone
 * (`phone` true) copy buttons and form controls must also be `phoneHeight` high.
 */
export async function targetProblems(page, { phone }) {
  return page.evaluate(({ min, tall, phone }) => {
    const found = [];
    for (const el of document.querySelectorAll('button, input, select, textarea, summary')) {
      if (el.type === 'hidden') continue;
      const s = getComputedStyle(el);
      if (s.visibility === 'hidden') continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not rendered
      const name = `<${el.tagName.toLowerCase()}${el.name ? ` name=${el.name}` : ''}${el.className ? ` class=${el.className}` : ''}>${(el.textContent || '').trim().slice(0, 30)}`;
      if (r.width < min - 0.05 || r.height < min - 0.05) {
        found.push(`${name} is ${r.width.toFixed(0)}×${r.height.toFixed(0)}px, under ${min}×${min}`);
        continue;
      }
      const control = el.matches('button.copy, select, textarea, input:not([type=checkbox]):not([type=radio])');
      if (phone && control && r.height < tall - 0.05) found.push(`${name} is ${r.height.toFixed(0)}px high on a phone, under ${tall}`);
    }
    return found;
  }, { min: MIN_TARGET_PX, tall: PHONE_CONTROL_PX, phone });
}

/** Every reading check at the page's current size and colour scheme, prefixed with `label`. */
export async function readingProblems(page, label, { phone }) {
  const out = [];
  for (const x of await splitWordProblems(page)) out.push(`${label}: split word: ${x}`);
  for (const x of await smallTextProblems(page)) out.push(`${label}: small text: ${x}`);
  for (const x of await targetProblems(page, { phone })) out.push(`${label}: small target: ${x}`);
  return out;
}
