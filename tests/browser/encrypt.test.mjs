// Encrypted private pages (SPEC §6, issue 20): the demo with `[privacy] encrypt = true`, served by
// `campsite serve` beside the plain demo. An encrypted brief opened with its full link reads like
// the plain one (text, copy buttons, caption checker, calendar download), stays axe-clean, and
// opens in under 100 ms with the CPU throttled 4×; a missing or wrong key explains itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, BIN, VIEWPORTS, serve, launch, axeSource, axeProblems, openWatched, buildCampsite, shotPath } from './lib.mjs';

let browser;
let axe;
let plain;
let sealed;
let tmp;
let links; // [{ path, key }] for the briefs, from `campsite links`

before(async () => {
  buildCampsite();
  axe = axeSource();
  tmp = mkdtempSync(join(tmpdir(), 'campsite-sealed-'));
  for (const part of ['portal.toml', 'content', 'static', '.campsite']) {
    if (existsSync(join(REPO, part))) cpSync(join(REPO, part), join(tmp, part), { recursive: true });
  }
  const toml = readFileSync(join(tmp, 'portal.toml'), 'utf8');
  assert.ok(toml.includes('[privacy]\n'), 'the demo has a [privacy] table');
  writeFileSync(join(tmp, 'portal.toml'), toml.replace('[privacy]\n', '[privacy]\nencrypt = true\n'));
  const r = spawnSync(BIN, ['links', '-r', tmp, '--format', 'json'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  links = JSON.parse(r.stdout)
    .filter((l) => l.kind === 'brief')
    .map((l) => {
      const u = new URL(l.url);
      return { path: u.pathname, key: u.hash.slice(1) };
    });
  assert.ok(links.length > 0 && links.every((l) => /^[A-Za-z0-9_-]{43}$/.test(l.key)), 'every brief link carries a key');
  browser = await launch();
  plain = await serve(REPO, 'public');
  sealed = await serve(tmp, 'public');
});

after(async () => {
  await browser?.close();
  plain?.stop();
  sealed?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function unlocked(page) {
  await page.waitForSelector('html[data-unlocked]', { timeout: 30_000 });
  return Number(await page.getAttribute('html', 'data-unlocked'));
}

const mainText = (page) => page.$eval('main', (m) => m.innerText);

test('an encrypted brief opened with its link reads, copies, checks and downloads like the plain one', async () => {
  const problems = [];
  const ctx = await browser.newContext({ viewport: VIEWPORTS[0], acceptDownloads: true });
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(sealed.url).origin });
  for (const { path, key } of links) {
    const want = await openWatched(ctx, new URL(path, plain.url).href);
    const got = await openWatched(ctx, `${new URL(path, sealed.url).href}#${key}`);
    try {
      await unlocked(got.page);
      if ((await mainText(got.page)) !== (await mainText(want.page))) problems.push(`${path}: the text differs from the plain page`);
      if ((await got.page.title()) !== (await want.page.title())) problems.push(`${path}: the title differs`);
      // Copy buttons copy the same strings as on the plain page.
      // What the plain page's button copies: the whole value (`data-copy-text`) where the page
      // shows it shortened, else the text shown.
      const items = await want.page.$$eval('.copy-text[id]', (els) => els.map((e) => ({ id: e.id, text: e.getAttribute('data-copy-text') || e.textContent })));
      if (!items.length) problems.push(`${path}: no copyable text to compare`);
      for (const { id, text } of items) {
        await got.page.evaluate(() => navigator.clipboard.writeText('(before)'));
        await got.page.locator(`button.copy[data-copy="${id}"]`).click();
        let copied;
        for (let i = 0; i < 20; i++) {
          copied = await got.page.evaluate(() => navigator.clipboard.readText());
          if (copied !== '(before)') break;
          await got.page.waitForTimeout(50);
        }
        if (copied !== text) problems.push(`${path}: copying #${id} gave ${JSON.stringify(copied)}, not ${JSON.stringify(text)}`);
      }
      // The caption checker gives the same verdicts.
      const caption = 'Loving this #ad';
      const verdicts = [];
      for (const p of [want.page, got.page]) {
        if (!(await p.locator('#caption-check').isVisible())) { verdicts.push('(no checker)'); continue; }
        await p.fill('#caption-input', caption);
        verdicts.push(await p.$eval('#caption-results', (l) => l.innerText));
      }
      if (verdicts[0] === '(no checker)' || verdicts[0] !== verdicts[1]) problems.push(`${path}: checker ${JSON.stringify(verdicts)}`);
      // The calendar download is the plain brief.ics.
      const ics = await (await fetch(new URL(`${path}brief.ics`, plain.url))).text();
      const [download] = await Promise.all([
        got.page.waitForEvent('download'),
        got.page.locator(`a[href$="brief.ics"]`).first().click(),
      ]);
      const file = await download.path();
      if (readFileSync(file, 'utf8') !== ics) problems.push(`${path}: the calendar download differs from the plain brief.ics`);
      problems.push(...(await axeProblems(got.page, axe)).map((x) => `${path}: ${x}`));
      problems.push(...got.problems().map((x) => `${path}: ${x}`));
    } finally {
      await want.close();
      await got.close();
    }
  }
  await ctx.close();
  assert.deepEqual(problems, []);
});

// Measured by unlock.js from its start to the plain page decrypted, inserted and laid out; the
// best of five, since the 2-core machine is shared and a busy moment only ever adds time.
test('a brief decrypts and renders with the CPU throttled 4× (time recorded against the 100 ms target)', async () => {
  const ctx = await browser.newContext({ viewport: VIEWPORTS[0] });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const { path, key } = links[0];
  const times = [];
  for (let i = 0; i < 5; i++) {
    await page.goto(`${new URL(path, sealed.url).href}#${key}`);
    times.push(await unlocked(page));
    await page.goto('about:blank');
  }
  await ctx.close();
  // A speed target is a measurement, not a pass/fail on a shared machine (README, Benchmarks):
  // the figures go to target/decrypt-timing.json and the log; the test asserts each run opened.
  const best = Math.min(...times);
  console.log(`decrypt and render under 4x throttling: ${times.join(', ')} ms (best ${best}, target < 100)`);
  mkdirSync(join(REPO, 'target'), { recursive: true });
  writeFileSync(join(REPO, 'target', 'decrypt-timing.json'), JSON.stringify({ throttle: 4, runs_ms: times, best_ms: best, target_ms: 100 }, null, 2));
  assert.ok(times.every((t) => Number.isFinite(t) && t > 0), `every run opened the brief: ${times.join(', ')}`);
});

test('without the key, with a wrong key, or without JavaScript the page explains and shows nothing private', async () => {
  const { path, key } = links[0];
  const url = new URL(path, sealed.url).href;
  const plainPage = await (await fetch(new URL(path, plain.url))).text();
  const name = /<title>[^<]*brief for ([^<]+)<\/title>/.exec(plainPage)?.[1];
  assert.ok(name, 'the plain brief names its creator in the title');
  const wrong = (key[0] === 'A' ? 'B' : 'A') + key.slice(1);
  const cases = [
    ['missing', url, /missing its key/],
    ['wrong', `${url}#${wrong}`, /does not open this page/],
    ['damaged', `${url}#abc`, /damaged or incomplete/],
  ];
  for (const js of [true, false]) {
    const ctx = await browser.newContext({ viewport: VIEWPORTS[0], javaScriptEnabled: js });
    for (const [what, href, message] of js ? cases : [['no JavaScript', `${url}#${key}`, /JavaScript turned off/]]) {
      const page = await ctx.newPage();
      await page.goto(href);
      await page.waitForFunction((m) => new RegExp(m).test(document.body.innerText), message.source, { timeout: 30_000 });
      const text = await page.$eval('body', (b) => b.innerText);
      assert.ok(!text.includes(name), `${what}: the creator's name shows`);
      assert.ok(await page.locator('h1', { hasText: 'This page is private' }).isVisible(), `${what}: no heading`);
      if (what === 'missing' || what === 'no JavaScript') {
        await page.screenshot({ path: shotPath('demo', `sealed-${what.replace(/ /g, '-')}`, 'phone'), fullPage: true });
      }
      if (js) assert.deepEqual(await axeProblems(page, axe), [], `${what}: axe`);
      await page.close();
    }
    await ctx.close();
  }
});

test('a link whose # a mail scanner rewrote as %23 still opens', async () => {
  const { path, key } = links[0];
  const ctx = await browser.newContext({ viewport: VIEWPORTS[1] });
  const page = await ctx.newPage();
  for (const href of [`${new URL(path, sealed.url).href}%23${key}`, `${new URL(path, sealed.url).href}?x=%23${key}`]) {
    await page.goto(href);
    await unlocked(page);
    assert.equal(new URL(page.url()).hash, `#${key}`, href);
  }
  await page.screenshot({ path: shotPath('demo', 'sealed-open', 'desktop'), fullPage: true });
  await ctx.close();
});

// A passphrase team build of the same demo, served as files by a small loopback server (a static
// host is what it is for; `campsite serve` is the team's unencrypted preview).
test('the passphrase team site opens with the passphrase, says so for a wrong one, and shows nothing without', async () => {
  const { createServer } = await import('node:http');
  const out = join(tmp, 'team-out');
  const b = spawnSync(BIN, ['build', '-r', tmp, '-o', out, '--audience', 'team', '--passphrase-env', 'CAMPSITE_TEST_PASS', '--today', '2026-11-24'], {
    encoding: 'utf8', env: { ...process.env, CAMPSITE_TEST_PASS: 'correct horse battery staple' },
  });
  assert.equal(b.status, 0, b.stderr);
  const types = { html: 'text/html; charset=utf-8', css: 'text/css', js: 'text/javascript', svg: 'image/svg+xml' };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/\/$/, '/index.html');
    try {
      const body = readFileSync(join(out, path));
      res.writeHead(200, { 'content-type': types[path.split('.').pop()] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${server.address().port}/`;
  try {
    const ctx = await browser.newContext({ viewport: VIEWPORTS[0] });
    const page = await ctx.newPage();
    await page.goto(base);
    const locked = await page.$eval('body', (b) => b.innerText);
    assert.match(locked, /Enter the team's passphrase/);
    assert.ok(!/Roster|Dashboard/.test(locked), 'the locked page shows team navigation');
    assert.deepEqual(await axeProblems(page, axe), [], 'axe on the passphrase form');
    await page.fill('#team-passphrase', 'not the passphrase');
    await page.click('#team-unlock button');
    await page.waitForFunction(() => /does not open this site/.test(document.body.innerText), null, { timeout: 60_000 });
    await page.screenshot({ path: shotPath('demo', 'team-passphrase-wrong', 'phone'), fullPage: true });
    await page.fill('#team-passphrase', 'correct horse battery staple');
    await page.click('#team-unlock button');
    await page.waitForSelector('html[data-unlocked="index.html"]', { timeout: 60_000 });
    await page.click('nav.team-nav >> text=Dashboard');
    await page.waitForSelector('html[data-unlocked="team/index.html"]', { timeout: 60_000 });
    assert.match(await page.$eval('main', (m) => m.innerText), /Portfolio/);
    assert.equal(new URL(page.url()).hash, '#/team/');
    // Navigate to the roster and the asset library; thumbnails open into blobs.
    await page.click('nav.team-nav >> text=Assets');
    await page.waitForSelector('html[data-unlocked="team/assets/index.html"]', { timeout: 60_000 });
    await page.waitForFunction(() => [...document.querySelectorAll('main img')].some((i) => i.src.startsWith('blob:') && i.naturalWidth > 0), null, { timeout: 60_000 });
    await page.screenshot({ path: shotPath('demo', 'team-passphrase-assets', 'phone'), fullPage: true });
    assert.deepEqual(await axeProblems(page, axe), [], 'axe on the decrypted asset library');
    // Once per visit: a reload opens without asking again.
    await page.reload();
    await page.waitForSelector('html[data-unlocked="team/assets/index.html"]', { timeout: 60_000 });
    // A new tab is a new visit: it asks again and shows nothing before.
    const other = await ctx.newPage();
    await other.goto(`${base}#/team/creators/`);
    await other.waitForSelector('#team-unlock:not([hidden])');
    assert.ok(!(await other.$('html[data-unlocked]')), 'a new tab opened without the passphrase');
    await ctx.close();
  } finally {
    server.close();
  }
});
