// The asset library checks (team audience, `/team/assets/`, SPEC "The asset library").
//
// What the suite relies on, and nothing more:
// - the grid is `.grid` in `main`; each of its `li` is one asset, named by the first link in it
//   (the per-asset page);
// - each filter is a `select` in `main` (its options' values are the filter values, "" = all) or
//   a group of checkboxes / radio buttons; the search is an `input[type=search]`;
// - a filter named or labelled "tag" or "channel" has a plain page per value that works without
//   JavaScript, linked from the library, whose address ends in the value (`…/<value>/`).
// If `/team/assets/` does not exist the checks pass vacuously (the portal has no library yet);
// if it exists, a filter that leaves the grid as it was for every value fails.
import { openWatched } from './lib.mjs';

async function visibleAssets(page) {
  return page.$$eval('main .grid > li', (lis) => lis
    .filter((li) => li.offsetParent !== null && getComputedStyle(li).visibility !== 'hidden')
    .map((li) => li.querySelector('a[href]')?.pathname || li.textContent.trim())
    .sort());
}

const settle = (page) => page.waitForTimeout(150);

function same(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export async function libraryProblems(browser, base) {
  const problems = [];
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const probe = await ctx.request.get(new URL('team/assets/', base).href);
    if (probe.status() === 404) return problems; // no library in this build
    if (!probe.ok()) return [`/team/assets/: HTTP ${probe.status()}`];

    const w = await openWatched(ctx, new URL('team/assets/', base).href);
    const page = w.page;
    const all = await visibleAssets(page);
    if (all.length === 0) problems.push('/team/assets/: the grid (main .grid > li) is empty');

    // Plain pages (no JavaScript) linked from the library, by the last segment of their path.
    const plain = new Map();
    for (const href of await page.$$eval('main a[href]', (as) => as.map((a) => a.href))) {
      const u = new URL(href);
      const seg = u.pathname.split('/').filter(Boolean).pop();
      if (u.pathname.startsWith('/team/assets/') && seg) plain.set(`${u.pathname}`, seg);
    }
    // A tag filter's plain pages live under /tags/, a channel filter's under /usable/: the same
    // word (e.g. "print") can be both a tag and a channel.
    const plainFor = (value, kind) => [...plain]
      .filter(([p, seg]) => (seg === value || seg === encodeURIComponent(value)) && p.includes(kind === 'channel' ? '/usable/' : '/tags/'))
      .map(([p]) => p);

    const nojs = await browser.newContext({ javaScriptEnabled: false });
    const listOn = async (path) => {
      const p = await nojs.newPage();
      await p.goto(new URL(path, base).href);
      const got = await visibleAssets(p);
      await p.close();
      return got;
    };

    // select filters
    const selects = await page.$$eval('main select', (ss) => ss.map((s, i) => ({
      index: i,
      kind: /channel/.test(`${s.name || ''} ${s.id || ''}`.toLowerCase()) ? 'channel' : 'tag',
      name: `${s.name || ''} ${s.id || ''} ${s.labels?.[0]?.textContent || ''} ${s.getAttribute('aria-label') || ''}`.toLowerCase(),
      values: [...s.options].map((o) => o.value).filter((v) => v !== ''),
    })));
    for (const s of selects) {
      const sel = page.locator('main select').nth(s.index);
      let narrowed = false;
      for (const v of s.values) {
        await sel.selectOption(v);
        await settle(page);
        const got = await visibleAssets(page);
        if (!got.every((x) => all.includes(x))) problems.push(`filter "${s.name.trim()}" = ${v} shows assets that are not in the library`);
        if (!same(got, all)) narrowed = true;
        if (/tag|channel/.test(s.name)) {
          const pages = plainFor(v, s.kind);
          if (!pages.length) problems.push(`filter "${s.name.trim()}" = ${v}: no plain page for it is linked from /team/assets/`);
          for (const path of pages) {
            const listed = await listOn(path);
            if (!same(listed, got)) problems.push(`filter "${s.name.trim()}" = ${v} shows [${got}] but ${path} without JavaScript lists [${listed}]`);
          }
        }
      }
      await sel.selectOption('');
      await settle(page);
      if (!same(await visibleAssets(page), all)) problems.push(`resetting filter "${s.name.trim()}" does not bring every asset back`);
      if (s.values.length && all.length > 1 && !narrowed) problems.push(`filter "${s.name.trim()}" does nothing: every value leaves the grid as it was`);
    }

    // checkbox and radio filters
    const boxes = page.locator('main input[type=checkbox], main input[type=radio]');
    const nBoxes = await boxes.count();
    let boxNarrowed = false;
    for (let i = 0; i < nBoxes; i++) {
      const box = boxes.nth(i);
      const label = (await box.evaluate((b) => `${b.name} ${b.value} ${b.labels?.[0]?.textContent || ''}`)).trim();
      const before = await visibleAssets(page);
      await box.check();
      await settle(page);
      const got = await visibleAssets(page);
      if (!got.every((x) => all.includes(x))) problems.push(`filter ${label} shows assets that are not in the library`);
      if (!same(got, before)) boxNarrowed = true;
      if ((await box.getAttribute('type')) === 'checkbox') await box.uncheck();
      await settle(page);
    }
    if (nBoxes && all.length > 1 && !boxNarrowed) problems.push('the checkbox/radio filters do nothing');

    // search
    const search = page.locator('main input[type=search]');
    if ((await search.count()) === 0) {
      problems.push('/team/assets/: no search box (input[type=search])');
    } else if (all.length) {
      const firstTitle = await page.$eval('main .grid > li', (li) => (li.querySelector('.tile-title, h2, h3, figcaption')?.textContent || li.textContent).trim());
      await search.first().fill(firstTitle);
      await settle(page);
      const got = await visibleAssets(page);
      if (!got.includes(all[0]) && !got.length) problems.push(`searching "${firstTitle}" finds nothing`);
      if (all.length > 1 && same(got, all) && new Set(all).size > 1) {
        // a title shared by every asset is possible only if all titles are equal; otherwise the search did nothing
        problems.push(`searching "${firstTitle}" leaves the grid as it was`);
      }
      await search.first().fill('zz-no-such-asset-qq');
      await settle(page);
      if ((await visibleAssets(page)).length) problems.push('a search matching nothing still shows assets');
      await search.first().fill('');
      await settle(page);
      if (!same(await visibleAssets(page), all)) problems.push('clearing the search does not bring every asset back');
    }
    problems.push(...w.problems().map((x) => `/team/assets/: ${x}`));
    await w.close();
    await nojs.close();
  } finally {
    await ctx.close();
  }
  return problems;
}
