// The roster and the team's week pages (team audience, SPEC §6 "Team pages").
//
// - Each roster filter (`#roster-filter select`, values = slugs, "" = all) shown in the browser
//   must list the same creators as its plain page `/team/roster/<field>/<value>/` without
//   JavaScript; each sort must list them in the order of `/team/roster/by-<key>/`.
// - The calendar, payments, shipments, playbook and every shortlist load with no JS error, and
//   the copy buttons of the links and playbook pages are shown (JS ran) and copy.
import { openWatched } from './lib.mjs';

async function rows(page) {
  return page.$$eval('#roster-rows tr[data-handle], table.roster tr[data-handle]', (trs) => trs
    .filter((tr) => !tr.hidden && tr.offsetParent !== null)
    .map((tr) => tr.getAttribute('data-handle')));
}

const settle = (page) => page.waitForTimeout(150);

export async function rosterProblems(browser, base) {
  const problems = [];
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const nojs = await browser.newContext({ javaScriptEnabled: false });
  const plain = async (path) => {
    const p = await nojs.newPage();
    const r = await p.goto(new URL(path, base).href);
    const got = r && r.ok() ? await rows(p) : null;
    await p.close();
    return got;
  };
  try {
    const w = await openWatched(ctx, new URL('team/creators/', base).href);
    const page = w.page;
    if (await page.locator('#roster-filter').isHidden()) problems.push('/team/creators/: the filter form stays hidden (campsite.js did not run)');
    const all = await rows(page);
    if (!all.length) problems.push('/team/creators/: no creators listed');
    const selects = await page.$$eval('#roster-filter select', (ss) => ss.map((s) => ({
      name: s.name,
      values: [...s.options].map((o) => o.value).filter((v) => v !== ''),
    })));
    for (const s of selects.filter((x) => x.name !== 'sort')) {
      for (const v of s.values) {
        await page.selectOption(`#roster-filter select[name=${s.name}]`, v);
        await settle(page);
        const got = await rows(page);
        const listed = await plain(`team/roster/${s.name}/${v}/`);
        if (listed === null) problems.push(`no plain page team/roster/${s.name}/${v}/`);
        else if (JSON.stringify(got) !== JSON.stringify(listed)) problems.push(`filter ${s.name}=${v} shows [${got}] but the plain page lists [${listed}]`);
      }
      await page.selectOption(`#roster-filter select[name=${s.name}]`, '');
      await settle(page);
    }
    const sort = selects.find((x) => x.name === 'sort');
    for (const key of sort ? sort.values : []) {
      await page.selectOption('#roster-filter select[name=sort]', key);
      await settle(page);
      const got = await rows(page);
      const listed = await plain(`team/roster/by-${key}/`);
      if (JSON.stringify(got) !== JSON.stringify(listed)) problems.push(`sort ${key} shows [${got}] but team/roster/by-${key}/ lists [${listed}]`);
    }
    problems.push(...w.problems().map((x) => `/team/creators/: ${x}`));
    await w.close();

    const shortlists = [];
    const dash = await openWatched(ctx, new URL('team/', base).href);
    if (!(await dash.page.locator('#attention').count())) problems.push('/team/: no "needs attention" panel');
    for (const href of await dash.page.$$eval('main a[href*="/team/campaigns/"]', (as) => as.map((a) => new URL(a.href).pathname))) {
      const m = href.match(/^\/team\/campaigns\/([^/]+)\/$/);
      if (m) shortlists.push(`team/campaigns/${m[1]}/shortlist/`);
    }
    problems.push(...dash.problems().map((x) => `/team/: ${x}`));
    await dash.close();
    for (const path of ['team/calendar/', 'team/payments/', 'team/shipments/', 'team/playbook/', 'team/links/', ...new Set(shortlists)]) {
      const v = await openWatched(ctx, new URL(path, base).href);
      if (path === 'team/links/') {
        const buttons = v.page.locator('main button.copy');
        if ((await buttons.count()) && (await buttons.first().isHidden())) problems.push('/team/links/: copy buttons stay hidden');
      }
      problems.push(...v.problems().map((x) => `/${path}: ${x}`));
      await v.close();
    }
  } finally {
    await nojs.close();
    await ctx.close();
  }
  return problems;
}
