// HTML validity: every generated page of every portal, in both audiences, passes the Nu HTML
// checker (vnu.jar from the `vnu-jar` npm package, run with the machine's Java) with no errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { BIN, buildCampsite, need, portals } from './lib.mjs';

const require = createRequire(import.meta.url);

function htmlFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...htmlFiles(p));
    else if (name.endsWith('.html')) out.push(p);
  }
  return out;
}

test('every generated HTML page passes the Nu HTML checker', () => {
  buildCampsite();
  let jar;
  try {
    jar = String(require('vnu-jar'));
  } catch {
    need(false, 'vnu-jar (npm ci --prefix tests/browser)');
  }
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  need(!java.error && java.status === 0, 'java (apt-get install default-jre-headless)');

  const tmp = mkdtempSync(join(tmpdir(), 'campsite-vnu-'));
  try {
    const files = [];
    for (const portal of portals()) {
      for (const audience of ['team', 'public']) {
        const out = join(tmp, `${portal.name}-${audience}`);
        const b = spawnSync(BIN, ['build', '-r', portal.dir, '-o', out, '--audience', audience, '--today', '2026-11-24'], { encoding: 'utf8' });
        assert.equal(b.status, 0, `campsite build -r ${portal.dir} --audience ${audience} failed:\n${b.stdout}${b.stderr}`);
        files.push(...htmlFiles(out));
      }
    }
    assert.ok(files.length > 20, `only ${files.length} HTML files were built`);
    // One JVM for every file: starting Java is the slow part.
    const r = spawnSync('java', ['-jar', jar, '--errors-only', '--format', 'json', ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.ok(!r.error, `cannot run java -jar ${jar}: ${r.error?.message}`);
    let messages;
    try {
      ({ messages } = JSON.parse(r.stderr || r.stdout));
    } catch {
      assert.fail(`vnu printed no JSON (exit ${r.status}):\n${r.stdout}${r.stderr}`);
    }
    const errors = messages
      .filter((m) => m.type === 'error' || m.subType === 'fatal')
      .map((m) => `${relative(tmp, new URL(m.url).pathname)}:${m.lastLine ?? '?'}:${m.firstColumn ?? '?'}: ${m.message}`);
    assert.deepEqual(errors, [], `${errors.length} HTML errors in ${files.length} pages:\n  ${errors.join('\n  ')}`);
    assert.equal(r.status, 0, `vnu exited with ${r.status}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
