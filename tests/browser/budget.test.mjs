// Page weight and Lighthouse on the private pages (issue 15): each portal is built for the public
// audience into a temporary folder and served by a small static server that gzips like a static
// host (no live-reload script, no long poll). For every brief and report: the HTML and everything
// it loads before images at most 50 KB gzipped, and the brief's render-blocking bytes (HTML and
// CSS) within the first 14 KB; Lighthouse with its mobile settings on the first brief and report
// of each portal: accessibility 100, best practices ≥ 95, performance ≥ 95, no layout shift.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, CHROMIUM, TARGET, portals, buildCampsite, launch, need } from './lib.mjs';
import { staticServer, gzipSize } from './static.mjs';

const KB = 1024;
const PAGE_BUDGET = 50 * KB;
const FIRST_SCREEN = 14 * KB;
const TODAY = '2026-12-01';

let browser;
before(async () => {
  buildCampsite();
  browser = await launch();
});
after(async () => { await browser?.close(); });

/** What a page loads before images: the document, style sheets, scripts and fonts, gzipped. */
async function weigh(page, url) {
  const got = [];
  const onResponse = async (r) => {
    const type = r.request().resourceType();
    if (!['document', 'stylesheet', 'script', 'font', 'fetch', 'xhr'].includes(type)) return;
    got.push(r.body().then((b) => ({ type, url: r.url(), gz: gzipSize(b) })).catch(() => null));
  };
  page.on('response', onResponse);
  await page.goto(url, { waitUntil: 'load' });
  page.off('response', onResponse);
  const parts = (await Promise.all(got)).filter(Boolean);
  const total = parts.reduce((n, p) => n + p.gz, 0);
  const blocking = parts.filter((p) => p.type === 'document' || p.type === 'stylesheet').reduce((n, p) => n + p.gz, 0);
  return { total, blocking, parts };
}

async function runLighthouse(url) {
  let lighthouse;
  let chromeLauncher;
  try {
    lighthouse = (await import('lighthouse')).default;
    chromeLauncher = await import('chrome-launcher');
  } catch {
    need(false, 'lighthouse (npm ci --prefix tests/browser)');
  }
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH || CHROMIUM,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const r = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
    });
    const lhr = r.lhr;
    const score = (c) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
    const failing = (c) => lhr.categories[c].auditRefs
      .map((a) => lhr.audits[a.id])
      .filter((a) => a && a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'notApplicable' && a.scoreDisplayMode !== 'manual')
      .map((a) => a.id);
    return {
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      cls: lhr.audits['cumulative-layout-shift']?.numericValue,
      failing: { accessibility: failing('accessibility'), 'best-practices': failing('best-practices'), performance: failing('performance') },
    };
  } finally {
    await chrome.kill();
  }
}

const measured = [];

for (const portal of portals()) {
  describe(`${portal.name} portal: budget`, () => {
    let out;
    let server;
    let links = [];
    before(async () => {
      out = mkdtempSync(join(tmpdir(), `campsite-budget-${portal.name}-`));
      const b = spawnSync(BIN, ['build', '-r', portal.dir, '-o', out, '--audience', 'public', '--today', TODAY], { encoding: 'utf8' });
      assert.equal(b.status, 0, `campsite build failed:\n${b.stdout}${b.stderr}`);
      const l = spawnSync(BIN, ['links', '-r', portal.dir, '--format', 'json'], { encoding: 'utf8' });
      assert.equal(l.status, 0, `campsite links failed:\n${l.stderr}`);
      links = JSON.parse(l.stdout);
      server = await staticServer(out);
    });
    after(async () => {
      await server?.close();
      if (out) rmSync(out, { recursive: true, force: true });
    });

    test('every brief and report: at most 50 KB gzipped before images; a brief paints from the first 14 KB', async () => {
      const problems = [];
      const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
      const page = await ctx.newPage();
      const pages = links.filter((k) => k.kind === 'brief' || k.kind === 'report');
      assert.ok(pages.length, 'the portal has briefs or reports');
      for (const k of pages) {
        const w = await weigh(page, new URL(k.path, server.url).href);
        measured.push({ portal: portal.name, kind: k.kind, path: k.path, total: w.total, blocking: w.blocking });
        if (w.total > PAGE_BUDGET) problems.push(`${k.path}: ${(w.total / KB).toFixed(1)} KB gzipped before images, over 50 KB (${w.parts.map((p) => `${new URL(p.url).pathname} ${p.gz}`).join(', ')})`);
        if (k.kind === 'brief' && w.blocking > FIRST_SCREEN) problems.push(`${k.path}: HTML and CSS are ${(w.blocking / KB).toFixed(1)} KB gzipped, over the first 14 KB`);
      }
      await ctx.close();
      assert.deepEqual(problems, [], `page weight:\n  ${problems.join('\n  ')}`);
    });

    test('Lighthouse (mobile): accessibility 100, best practices ≥ 95, performance ≥ 95, CLS 0', async () => {
      const problems = [];
      for (const kind of ['brief', 'report']) {
        const k = links.find((x) => x.kind === kind);
        if (!k) continue;
        const s = await runLighthouse(new URL(k.path, server.url).href);
        measured.push({ portal: portal.name, kind, path: k.path, lighthouse: s });
        if (s.accessibility < 100) problems.push(`${kind} ${k.path}: accessibility ${s.accessibility} (${s.failing.accessibility.join(', ')})`);
        if (s.bestPractices < 95) problems.push(`${kind} ${k.path}: best practices ${s.bestPractices} (${s.failing['best-practices'].join(', ')})`);
        if (s.performance < 95) problems.push(`${kind} ${k.path}: performance ${s.performance} (${s.failing.performance.join(', ')})`);
        if (s.cls !== 0) problems.push(`${kind} ${k.path}: cumulative layout shift ${s.cls}`);
      }
      assert.deepEqual(problems, [], `Lighthouse:\n  ${problems.join('\n  ')}`);
    });
  });
}

after(() => {
  // The figures, for the record: target/budget.json (per page) and one line per portal and kind.
  mkdirSync(TARGET, { recursive: true });
  writeFileSync(join(TARGET, 'budget.json'), JSON.stringify(measured, null, 2));
  for (const m of measured) {
    if (m.lighthouse) {
      const s = m.lighthouse;
      console.log(`# ${m.portal} ${m.kind}: Lighthouse performance ${s.performance}, accessibility ${s.accessibility}, best practices ${s.bestPractices}, CLS ${s.cls}`);
    }
  }
  const byKind = {};
  for (const m of measured.filter((x) => x.total !== undefined)) {
    const key = `${m.portal} ${m.kind}`;
    byKind[key] = byKind[key] || { max: 0, blocking: 0 };
    byKind[key].max = Math.max(byKind[key].max, m.total);
    byKind[key].blocking = Math.max(byKind[key].blocking, m.blocking);
  }
  for (const [k, v] of Object.entries(byKind)) console.log(`# ${k}: heaviest ${(v.max / KB).toFixed(1)} KB gzipped before images (HTML+CSS ${(v.blocking / KB).toFixed(1)} KB)`);
});
