// The browser suite: the demo portal and every example, served by `campsite serve` in both
// audiences, driven in Debian's chromium (see README "Tests" and issue 10).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  REPO, VIEWPORTS, portals, serve, launch, axeSource, openWatched, sameOriginPages,
  overflowProblems, axeProblems, shotPath, buildCampsite,
} from './lib.mjs';
import { libraryProblems } from './library.mjs';
import { rosterProblems } from './roster.mjs';
import { readingProblems } from './reading.mjs';

const PARALLEL = 3; // pages in flight at once; the machine has two cores

/** Runs `fn` over `items`, `n` at a time. */
async function pool(items, n, fn) {
  const queue = items.slice();
  const workers = Array.from({ length: Math.min(n, queue.length) }, async () => {
    while (queue.length) await fn(queue.shift());
  });
  await Promise.all(workers);
}

/** Two animation frames: layout and paint after a resize or a colour-scheme change. */
function settle(page) {
  return page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

function report(problems) {
  return problems.length ? `\n  ${problems.join('\n  ')}` : '';
}

let browser;
let axe;

before(async () => {
  buildCampsite();
  axe = axeSource();
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

for (const portal of portals()) {
  describe(`${portal.name} portal`, () => {
    const servers = {};
    let privateLinks = []; // paths from /team/links/

    before(async () => {
      servers.team = await serve(portal.dir, 'team');
      servers.public = await serve(portal.dir, 'public');
      // The private links come from the team's links page, so they are visited in both audiences
      // even though nothing public links to them.
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      const r = await page.goto(new URL('team/links/', servers.team.url).href);
      assert.equal(r.status(), 200, '/team/links/ answers');
      // The site's own links only: the page also has each creator's e-mail as a mailto: link.
      privateLinks = await page.$$eval('main a[href]', (as) => as.filter((a) => a.protocol.startsWith('http')).map((a) => new URL(a.href).pathname));
      await ctx.close();
    });
    after(() => {
      servers.team?.stop();
      servers.public?.stop();
    });

    /**
     * Crawls `starts` (and `extra`) on `base`: every page at both sizes must load with no console
     * error, no failed request, no request to another host, no sideways scrolling, and no serious
     * or critical axe violation.
     */
    async function crawl(base, starts, extra) {
      const ctx = await browser.newContext({ viewport: VIEWPORTS[0] });
      const seen = new Set();
      const problems = [];
      let frontier = [...starts, ...extra].map((p) => new URL(p, base).href);
      try {
        while (frontier.length) {
          const next = [];
          const batch = [...new Set(frontier)].filter((u) => !seen.has(u));
          batch.forEach((u) => seen.add(u));
          await pool(batch, PARALLEL, async (url) => {
            const path = new URL(url).pathname;
            const started = Date.now();
            const mine = [];
            // One load per page: checked at the phone size, then resized to the desktop size.
            const p = await openWatched(ctx, url);
            try {
              const type = p.response?.headers()['content-type'] || '';
              if (!type.startsWith('text/html')) return;
              // Phone light, phone dark, desktop dark, desktop light: overflow and reading checks
              // at every one, axe (contrast differs by scheme) at the phone size in both schemes.
              mine.push(...(await overflowProblems(p.page)).map((x) => `360×740: ${x}`));
              mine.push(...(await axeProblems(p.page, axe)));
              mine.push(...(await readingProblems(p.page, '360×740 light', { phone: true })));
              next.push(...(await sameOriginPages(p.page)));
              await p.page.emulateMedia({ colorScheme: 'dark' });
              await settle(p.page);
              mine.push(...(await axeProblems(p.page, axe)).map((x) => `dark: ${x}`));
              mine.push(...(await readingProblems(p.page, '360×740 dark', { phone: true })));
              await p.page.setViewportSize(VIEWPORTS[1]);
              await settle(p.page);
              mine.push(...(await overflowProblems(p.page)).map((x) => `1280×800: ${x}`));
              mine.push(...(await readingProblems(p.page, '1280×800 dark', { phone: false })));
              await p.page.emulateMedia({ colorScheme: 'light' });
              await settle(p.page);
              mine.push(...(await readingProblems(p.page, '1280×800 light', { phone: false })));
              mine.push(...p.problems());
            } finally {
              await p.close();
            }
            problems.push(...[...new Set(mine)].map((x) => `${path}: ${x}`));
            if (process.env.CAMPSITE_BROWSER_DEBUG) console.log(`${path} ${Date.now() - started} ms`);
          });
          frontier = next.filter((u) => !seen.has(u));
        }
      } finally {
        await ctx.close();
      }
      return { pages: [...seen].map((u) => new URL(u).pathname).sort(), problems };
    }

    test('team audience: every page from /team/ and /, on a phone and a desktop', async () => {
      const base = servers.team.url;
      assert.ok(privateLinks.some((p) => p.startsWith('/b/')), `/team/links/ lists brief links: ${privateLinks}`);
      const { pages, problems } = await crawl(base, ['/team/', '/'], privateLinks);
      assert.ok(pages.length >= 5, `crawled only ${pages.join(', ')}`);
      assert.deepEqual(problems, [], `problems on ${pages.length} team pages:${report(problems)}`);
    });

    test('public audience: every page from / and the private links', async () => {
      const { pages, problems } = await crawl(servers.public.url, ['/'], privateLinks);
      assert.ok(!pages.some((p) => p.startsWith('/team/')), `no team page is reachable in public: ${pages}`);
      assert.deepEqual(problems, [], `problems on ${pages.length} public pages:${report(problems)}`);
    });

    test('brief pages: copy buttons copy the exact text; the page works without JavaScript', async () => {
      const briefs = privateLinks.filter((p) => p.startsWith('/b/'));
      assert.ok(briefs.length, 'there are briefs');
      const base = servers.public.url;
      const problems = [];

      const js = await browser.newContext({ viewport: VIEWPORTS[0] });
      await js.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base).origin });
      const page = await js.newPage();
      for (const path of briefs) {
        await page.goto(new URL(path, base).href);
        const items = await page.$$eval('.copy-text[id]', (els) => els.map((e) => ({ id: e.id, text: e.getAttribute('data-copy-text') || e.textContent })));
        if (!items.length) problems.push(`${path}: no copyable text`);
        const buttons = await page.$$eval('button.copy', (bs) => bs.map((b) => b.getAttribute('data-copy')));
        for (const { id, text } of items) {
          if (!buttons.includes(id)) { problems.push(`${path}: #${id} has no copy button`); continue; }
          const button = page.locator(`button.copy[data-copy="${id}"]`);
          if (!(await button.isVisible())) { problems.push(`${path}: the copy button for #${id} is hidden with JavaScript on`); continue; }
          await page.evaluate(() => navigator.clipboard.writeText('(clipboard before the click)'));
          await button.click();
          let got;
          for (let i = 0; i < 20; i++) {
            got = await page.evaluate(() => navigator.clipboard.readText());
            if (got !== '(clipboard before the click)') break;
            await page.waitForTimeout(50);
          }
          if (got !== text) problems.push(`${path}: copying #${id} put ${JSON.stringify(got)} on the clipboard, not ${JSON.stringify(text)}`);
        }
        if (!(await page.locator('#caption-check').isVisible())) problems.push(`${path}: the caption checker is not shown with JavaScript on`);
        // The checker speaks only the words of its embedded rule data (disclosure_rules.toml, in
        // the brief's language): typing a caption shows them, placeholders filled.
        const rules = JSON.parse(await page.locator('#checker-rules').textContent());
        const firstLine = async (caption) => {
          await page.fill('#caption-input', caption);
          return (await page.locator('#caption-results li').first().textContent()) || '';
        };
        const missing = rules.words.missing.split('{wording}').join(rules.wording);
        const said = await firstLine('zzz qqq');
        if (said !== missing) problems.push(`${path}: the checker says ${JSON.stringify(said)} for a caption without disclosure, the rule data ${JSON.stringify(missing)}`);
        const saidOk = await firstLine(`${rules.wording} zzz`);
        if (saidOk !== rules.words.ok) problems.push(`${path}: the checker says ${JSON.stringify(saidOk)} for a disclosed caption, the rule data ${JSON.stringify(rules.words.ok)}`);
      }
      await js.close();

      const nojs = await browser.newContext({ viewport: VIEWPORTS[0], javaScriptEnabled: false });
      for (const path of briefs) {
        const p = await openWatched(nojs, new URL(path, base).href);
        try {
          const pg = p.page;
          if (!(await pg.locator('h1').first().isVisible())) problems.push(`${path} without JS: no visible heading`);
          for (const sel of ['#deliverables', '#must-include', '#pay', '#rights', '#contacts']) {
            if (!(await pg.locator(sel).isVisible())) problems.push(`${path} without JS: ${sel} is not visible`);
          }
          const texts = pg.locator('.copy-text');
          for (let i = 0; i < (await texts.count()); i++) {
            if (!(await texts.nth(i).isVisible())) problems.push(`${path} without JS: copyable text ${i + 1} is not visible`);
          }
          const buttons = pg.locator('button');
          for (let i = 0; i < (await buttons.count()); i++) {
            if (await buttons.nth(i).isVisible()) problems.push(`${path} without JS: a button that needs JavaScript is shown: ${await buttons.nth(i).textContent()}`);
          }
          if (await pg.locator('#caption-check').isVisible()) problems.push(`${path} without JS: the caption checker (which needs JavaScript) is shown`);
          problems.push(...(await overflowProblems(pg)).map((x) => `${path} without JS: ${x}`));
          problems.push(...p.problems().map((x) => `${path} without JS: ${x}`));
        } finally {
          await p.close();
        }
      }
      await nojs.close();
      assert.deepEqual(problems, [], `brief problems:${report(problems)}`);
    });

    test('report pages: charts named and visible, tables present, print hides navigation', async () => {
      const reports = privateLinks.filter((p) => p.startsWith('/r/'));
      const problems = [];
      const ctx = await browser.newContext({ viewport: VIEWPORTS[1] });
      const page = await ctx.newPage();
      for (const path of reports) {
        await page.goto(new URL(path, servers.public.url).href);
        const charts = page.locator('svg[role="img"]');
        const n = await charts.count();
        if (n === 0) problems.push(`${path}: no chart (inline <svg role="img">)`);
        if ((await page.locator('main table').count()) === 0) problems.push(`${path}: no table`);
        const names = await page.$$eval('svg[role="img"]', (svgs) => svgs.map((s) => {
          const by = s.getAttribute('aria-labelledby');
          if (by) return by.split(/\s+/).map((id) => document.getElementById(id)?.textContent || '').join(' ').trim();
          if (s.getAttribute('aria-label')) return s.getAttribute('aria-label').trim();
          const t = s.querySelector(':scope > title');
          return t ? t.textContent.trim() : '';
        }));
        names.forEach((name, i) => { if (!name) problems.push(`${path}: chart ${i + 1} has no accessible name`); });
        // The theme styles the charts on screen: bars take the accent colour, lines have a stroke,
        // and every chart fits its box (an unstyled SVG draws black bars and no line).
        const styled = await page.$$eval('svg.chart', (svgs) => svgs.map((s) => {
          const bar = s.querySelector('.bar');
          const line = s.querySelector('.line');
          const overflow = [...s.querySelectorAll('text')].some((t) => {
            const b = t.getBBox();
            const vb = s.viewBox.baseVal;
            return b.x < vb.x - 1 || b.x + b.width > vb.x + vb.width + 1;
          });
          return {
            bar: bar ? getComputedStyle(bar).fill : null,
            line: line ? getComputedStyle(line).stroke : null,
            overflow,
          };
        }));
        styled.forEach((st, i) => {
          if (st.bar === 'rgb(0, 0, 0)') problems.push(`${path}: chart ${i + 1} bars are unstyled (black)`);
          if (st.line === 'none') problems.push(`${path}: chart ${i + 1} line has no stroke`);
          if (st.overflow) problems.push(`${path}: chart ${i + 1} has text outside its drawing area`);
        });
        for (const media of ['screen', 'print']) {
          await page.emulateMedia({ media });
          for (let i = 0; i < n; i++) {
            const box = await charts.nth(i).boundingBox();
            if (!(await charts.nth(i).isVisible()) || !box || box.width < 50 || box.height < 30) {
              problems.push(`${path} (${media}): chart ${i + 1} "${names[i]}" is not visible`);
            }
          }
        }
        // still print media here
        for (const sel of ['header.site-header', 'nav', '.site-footer']) {
          const loc = page.locator(sel);
          for (let i = 0; i < (await loc.count()); i++) {
            if (await loc.nth(i).isVisible()) problems.push(`${path} (print): ${sel} is shown`);
          }
        }
        if ((await page.locator('main table').count()) && !(await page.locator('main table').first().isVisible())) problems.push(`${path} (print): tables are hidden`);
        await page.emulateMedia({ media: 'screen' });
      }
      await ctx.close();
      assert.deepEqual(problems, [], `report problems:${report(problems)}`);
    });

    test('asset library (team): filters and search narrow the grid; the no-JS pages list the same sets', async () => {
      const problems = await libraryProblems(browser, servers.team.url);
      assert.deepEqual(problems, [], `asset library problems:${report(problems)}`);
    });

    test('roster (team): browser filters and sorts list what the plain pages list; the week\'s pages load without errors', async () => {
      const problems = await rosterProblems(browser, servers.team.url);
      assert.deepEqual(problems, [], `roster problems:${report(problems)}`);
    });

    test('screenshots of every page kind at both sizes', async () => {
      // One page of each kind: the first brief and report link, the first kit, asset, creator.
      const team = servers.team.url;
      const firstLink = async (path, pattern, base = team) => {
        if (!path) return undefined;
        const r = await fetch(new URL(path, base));
        if (!r.ok) return undefined;
        const m = pattern.exec(await r.text());
        return m ? new URL(m[1], new URL(path, base)).pathname : undefined;
      };
      const briefs = privateLinks.filter((p) => p.startsWith('/b/'));
      let kit;
      for (const b of briefs) {
        kit = await firstLink(b, /href="([^"]*kit\/[^"#]*)"/, servers.public.url);
        if (kit) break;
      }
      const targets = [
        ['brief', privateLinks.find((p) => p.startsWith('/b/')), servers.public.url],
        ['report', privateLinks.find((p) => p.startsWith('/r/')), servers.public.url],
        ['kit', kit, servers.public.url],
        ['library', '/team/assets/', team],
        ['asset', await firstLink('/team/assets/', /class="tile"[^>]*>\s*<a href="([^"]+)"/), team],
        ['roster', '/team/creators/', team],
        ['creator', await firstLink('/team/creators/', /<th scope="row"><a href="([^"]+)"/), team],
        ['dashboard', '/team/', team],
      ];
      const update = portal.name === 'demo' && process.env.CAMPSITE_UPDATE_SCREENSHOTS;
      const missing = [];
      for (const vp of VIEWPORTS) {
        const ctx = await browser.newContext({ viewport: vp });
        const page = await ctx.newPage();
        for (const [what, path, base] of targets) {
          if (!path) { missing.push(what); continue; }
          const r = await page.goto(new URL(path, base).href);
          if (!r || r.status() !== 200) { missing.push(`${what} (${path}: HTTP ${r?.status()})`); continue; }
          await page.screenshot({ path: shotPath(portal.name, what, vp.name), fullPage: true });
          if (update) {
            const dir = join(REPO, 'docs', 'screenshots');
            mkdirSync(dir, { recursive: true });
            await page.screenshot({ path: join(dir, `${what}-${vp.name}.png`), fullPage: true });
          }
        }
        await ctx.close();
      }
      // Every portal has a brief, the team pages and a library; a report and a kit only when it
      // publishes them, so only the demo (which has all) must show every kind.
      if (portal.name === 'demo') assert.deepEqual([...new Set(missing)], [], 'the demo shows every page kind');
    });
  });
}
