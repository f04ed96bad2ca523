// Shared helpers of the browser suite: the campsite binary, the portals, `campsite serve`, Debian's
// chromium through playwright-core, and the crawl. No network: everything is served on loopback
// and every request to another host is recorded as a failure.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// cargo puts the binary under CARGO_TARGET_DIR when it is set (relative to the repository, as
// cargo reads it from here), else under target/.
export const TARGET = resolve(REPO, process.env.CARGO_TARGET_DIR || 'target');
export const BIN = join(TARGET, 'debug', 'campsite');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// The demo portal commits no link secret (a fresh clone would make a random one in
// .campsite/link_secret). Every campsite this suite starts inherits this one, so the links and
// pages of a run are the same on every machine, and the suite never writes a secret into the
// working tree; a copy of the demo (the encrypted one) gets the same links as the original.
process.env.CAMPSITE_LINK_SECRET = 'browser-suite-link-secret-not-for-production-7Hq2Lx9Vd4';
export const SHOTS = join(TARGET, 'screenshots');
export const VIEWPORTS = [
  { name: 'phone', width: 360, height: 740 },
  { name: 'desktop', width: 1280, height: 800 },
];

/** Fails with what to install when a tool is missing; never skips. */
export function need(cond, what) {
  if (!cond) throw new Error(`missing: ${what} (scripts/test installs it)`);
}

let built = false;
/** `cargo build` once per process; the suite always tests the current sources. */
export function buildCampsite() {
  if (built) return BIN;
  const r = spawnSync('cargo', ['build', '--quiet', '--bin', 'campsite'], { cwd: REPO, stdio: 'inherit' });
  if (r.error) throw new Error(`cannot run cargo: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`cargo build failed (exit ${r.status})`);
  need(existsSync(BIN), `${BIN} after cargo build`);
  built = true;
  return BIN;
}

/** The demo portal (the repository root) and every example holding a portal.toml. */
export function portals() {
  const list = [{ name: 'demo', dir: REPO }];
  const ex = join(REPO, 'examples');
  for (const name of readdirSync(ex).sort()) {
    const dir = join(ex, name);
    if (existsSync(join(dir, 'portal.toml'))) list.push({ name, dir });
  }
  // CAMPSITE_PORTALS=demo,travel-vlogs runs a few while working on them; the default is all.
  const only = process.env.CAMPSITE_PORTALS?.split(',').filter(Boolean);
  return only ? list.filter((p) => only.includes(p.name)) : list;
}

// Every `campsite serve` this process started; they are killed when it exits, however it exits.
const children = new Set();
process.on('exit', () => { for (const c of children) c.kill('SIGTERM'); });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.unref();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/**
 * Starts `campsite serve -r DIR -p PORT --audience AUDIENCE` on a free port and waits until it
 * answers. Returns `{ url, stop }`; `stop()` kills the process it started (and only that one).
 */
export async function serve(dir, audience) {
  buildCampsite();
  const port = await freePort();
  const child = spawn(BIN, ['serve', '-r', dir, '-p', String(port), '--audience', audience], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`campsite serve -r ${dir} did not start in 120 s\n${out}${err}`)), 120_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /serving (http:\/\/\S+?\/)\s/.exec(out);
      if (m) { clearTimeout(timer); ok(m[1]); }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`campsite serve -r ${dir} --audience ${audience} exited with ${code}\n${out}${err}`));
    });
  });
  // Wait until it answers a request (the first build may still be running).
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) break;
    } catch { /* not yet */ }
    if (Date.now() > deadline) throw new Error(`${url} never answered\n${out}${err}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
    },
    log: () => out + err,
  };
}

/** Debian's chromium, headless, with a fresh profile; the browser is never downloaded. */
export async function launch() {
  need(existsSync(CHROMIUM), `chromium at ${CHROMIUM} (apt-get install chromium)`);
  let chromium;
  try {
    ({ chromium } = require('playwright-core'));
  } catch {
    need(false, 'playwright-core (npm ci --prefix tests/browser)');
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  // On a 2-core machine busy compiling, a page load has been seen to take over 30 s (Playwright's
  // default): give navigations 90 s so the suite reports broken pages, not a loaded machine.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const ctx = await newContext(options);
    ctx.setDefaultNavigationTimeout(90_000);
    ctx.setDefaultTimeout(90_000);
    return ctx;
  };
  return browser;
}

export function axeSource() {
  try {
    return require('node:fs').readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  } catch {
    need(false, 'axe-core (npm ci --prefix tests/browser)');
  }
}

/**
 * Opens `url` in a fresh page and watches it: console errors, page errors, failed requests,
 * HTTP errors and requests to any other host. `problems()` lists what went wrong.
 */
export async function openWatched(context, url, opts = {}) {
  const page = await context.newPage();
  const origin = new URL(url).origin;
  const problems = [];
  let watching = true;
  page.on('console', (m) => {
    if (watching && m.type() === 'error') {
      const at = m.location()?.url;
      problems.push(`console error: ${m.text()}${at ? ` (${at})` : ''}`);
    }
  });
  page.on('pageerror', (e) => { if (watching) problems.push(`script error: ${e.message}`); });
  page.on('request', (r) => {
    const u = r.url();
    if (watching && !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:') && u !== 'about:blank') {
      problems.push(`request to another host: ${u}`);
    }
  });
  page.on('requestfailed', (r) => {
    // serve's live-reload long poll is cut when the page closes; it belongs to serve, not the site.
    if (watching && !new URL(r.url()).pathname.startsWith('/__campsite/')) {
      problems.push(`failed request: ${r.url()} (${r.failure()?.errorText})`);
    }
  });
  page.on('response', (r) => {
    if (watching && r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  const resp = await page.goto(url, { waitUntil: 'load' });
  if (!resp) problems.push(`no response for ${url}`);
  return {
    page,
    response: resp,
    problems: () => problems.slice(),
    async close() { watching = false; await page.close(); },
  };
}

/** Links on the page to HTML pages of the same origin (no fragments, no downloads). */
export async function sameOriginPages(page) {
  const origin = new URL(page.url()).origin;
  const hrefs = await page.$$eval('a[href]', (as) => as.filter((a) => !a.hasAttribute('download')).map((a) => a.href));
  const out = new Set();
  for (const h of hrefs) {
    const u = new URL(h);
    if (u.origin !== origin) continue;
    u.hash = '';
    if (/\.(csv|json|ics|xml|txt|zip|pdf|png|jpe?g|webp|gif|svg|mp4|mov|webm)$/i.test(u.pathname)) continue;
    out.add(u.href);
  }
  return [...out];
}

/**
 * Sizes a page may not exceed: the document scrolls sideways, or a visible element reaches past
 * the viewport's right edge or is wider than it. Elements inside a box that clips or scrolls
 * sideways (a wide table in `.table-wrap`) are that box's business, not the page's.
 */
export async function overflowProblems(page) {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const found = [];
    const doc = document.scrollingElement || document.documentElement;
    if (doc.scrollWidth > vw + 1) found.push(`the page scrolls sideways: ${doc.scrollWidth}px wide in a ${vw}px viewport`);
    const clipped = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const ox = getComputedStyle(p).overflowX;
        if (ox === 'auto' || ox === 'scroll' || ox === 'hidden' || ox === 'clip') return true;
      }
      return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const s = getComputedStyle(el);
      if (s.visibility === 'hidden' || s.position === 'fixed') continue;
      if (r.right <= vw + 1 && r.width <= vw + 1) continue;
      if (r.right <= 0) continue; // deliberately off-screen to the left (the skip link)
      if (clipped(el)) continue;
      const id = el.id ? `#${el.id}` : '';
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      found.push(`<${el.tagName.toLowerCase()}${id}${cls}> is ${Math.round(r.width)}px wide and reaches ${Math.round(r.right)}px in a ${vw}px viewport`);
      if (found.length > 8) break;
    }
    return found;
  });
}

/** axe-core's serious and critical violations on the page, one line each. */
export async function axeProblems(page, source) {
  // Evaluated through the DevTools protocol, not added as a <script>: the pages' policy
  // (`script-src 'self'`) rightly refuses inline scripts, and the audit must not weaken it.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(source);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
  return result
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `axe ${v.impact} ${v.id}: ${v.help} — ${v.nodes.join(', ')}`);
}

export function shotPath(portal, what, viewport) {
  mkdirSync(SHOTS, { recursive: true });
  return join(SHOTS, `${portal}-${what}-${viewport}.png`);
}
