// What ./build.sh put in dist/: every page of a supported host runs only the bootstrap (small, no wasm
// glue); the page code injected in the settings area loads its own platform's wasm, which carries only
// that platform's rules and stays within the size budget; every platform's rules, the popup's renderer,
// the checklist's recording, the history and the badge are in a module of their own that only the
// extension's pages and its background load. Sizes are deterministic
// for a given toolchain, so this is a check, not a timing (the benchmark prints the figures).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUDGET = 50 * 1024; // wasm loaded by pages, gzipped, per platform (issues 5 and 12)
const BOOTSTRAP_BUDGET = 2 * 1024; // the script on every page, gzipped (issue 13)
const dist = (browser, file) => path.join(ROOT, 'dist', browser, file);
const read = (browser, file) => fs.readFileSync(dist(browser, file));
const gzipped = (bytes) => zlib.gzipSync(bytes, { level: 9 }).length;
const module = (browser, wasm) => new WebAssembly.Module(read(browser, wasm));
// The functions a wasm module exports, read from the module itself.
const exports = (browser, wasm) => new Set(WebAssembly.Module.exports(module(browser, wasm)).map((e) => e.name));
// Every string a wasm module's data holds, as latin1 text (the rules are compiled in as data).
const data = (browser, wasm) => read(browser, wasm).toString('latin1');

// The platforms with pages to wake up on (a site or a form), read from the rules on their own.
const rules = fs.readdirSync(path.join(ROOT, 'crate', 'rules')).filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(fs.readFileSync(path.join(ROOT, 'crate', 'rules', f), 'utf8')));
const PAGED = rules.filter((r) => (r.platform.hosts ?? []).length || (r.forms ?? []).length);

test('the rules name the platforms this test expects (a sanity check of its own reading)', () => {
  const ids = PAGED.map((r) => r.platform.id);
  assert.ok(ids.includes('linkedin') && ids.includes('x') && ids.includes('meta'), ids.join(' '));
});

for (const browser of ['chrome', 'firefox']) {
  test(`${browser}: every page runs only the bootstrap, within ${BOOTSTRAP_BUDGET / 1024} KB gzipped and without the wasm glue`, () => {
    const manifest = JSON.parse(read(browser, 'manifest.json'));
    assert.deepEqual(manifest.content_scripts.map((s) => s.js), [['bootstrap.js']]);
    assert.deepEqual(manifest.content_scripts.map((s) => s.css ?? []), [[]], 'content.css is injected with the page code');
    const bootstrap = read(browser, 'bootstrap.js');
    const gz = gzipped(bootstrap);
    assert.ok(gz <= BOOTSTRAP_BUDGET, `bootstrap.js is ${gz} B gzipped, over ${BOOTSTRAP_BUDGET} B`);
    const text = bootstrap.toString();
    assert.doesNotMatch(text, /wasm|MutationObserver/, 'the bootstrap neither loads wasm nor observes the DOM');
    // It carries the scope: every platform's settings prefix is in it.
    for (const r of PAGED) for (const prefix of r.platform.scope ?? []) assert.ok(text.includes(prefix), `${r.platform.id}: ${prefix}`);
    // content.js, the page code the background injects, is another file.
    assert.match(read(browser, 'loader.js').toString(), /js: \['core\/optout\.js', 'content\.js'\], css: \['content\.css'\]/);
  });

  for (const r of PAGED) {
    const id = r.platform.id;
    const wasm = `core/pages/${id}_bg.wasm`;
    test(`${browser}: ${id}'s pages load ${wasm}, within ${BUDGET / 1024} KB gzipped, with only ${id}'s rules and no popup renderer`, () => {
      const gz = gzipped(read(browser, wasm));
      assert.ok(gz <= BUDGET, `${wasm} is ${gz} B gzipped, over ${BUDGET} B`);
      const core = exports(browser, wasm);
      assert.ok(core.has('evaluate') && core.has('pageSpec') && core.has('guide'), `exports: ${[...core]}`);
      for (const own of ['renderPopup', 'recordReports', 'historyAdd', 'badge']) assert.ok(!core.has(own), `${wasm} carries ${own}`);
      const text = data(browser, wasm);
      const own = r.settings?.[0]?.id ?? r.forms?.[0]?.id ?? id;
      assert.ok(text.includes(own), `${wasm} lacks its own platform's ${own}`);
      for (const other of rules.filter((o) => o !== r)) {
        for (const s of other.settings ?? []) assert.ok(!text.includes(`"${s.id}"`) && !text.includes(s.id), `${wasm} carries ${s.id}`);
      }
    });
  }

  test(`${browser}: the popup, the options page and the background load the extension's module, with every platform's rules`, () => {
    const popup = exports(browser, 'core/optout_popup_bg.wasm');
    for (const own of ['renderPopup', 'hostPatterns', 'recordReports', 'historyAdd', 'historyView', 'badge', 'evaluate']) assert.ok(popup.has(own), `popup exports: ${[...popup]}`);
    const html = read(browser, 'popup/popup.html').toString();
    assert.match(html, /src="\.\.\/core\/optout_popup\.js"/);
    assert.doesNotMatch(html, /core\/optout\.js/);
    assert.match(read(browser, 'popup/popup.js').toString(), /'core\/optout_popup_bg\.wasm'/);
    assert.match(read(browser, 'background.js').toString(), /'core\/optout_popup_bg\.wasm'/, 'the background loads the extension\'s module');
    const text = data(browser, 'core/optout_popup_bg.wasm');
    for (const r of rules) for (const s of r.settings ?? []) assert.ok(text.includes(s.id), `core/optout_popup_bg.wasm lacks ${s.id}`);
    // As shipped: content.js is esbuild's bundle, which prints strings in double quotes or templates.
    assert.match(read(browser, 'content.js').toString(), /core\/pages\/\$\{platform\}_bg\.wasm/, 'content.js loads its platform\'s module');
    for (const script of ['content.js', 'loader.js', 'bootstrap.js']) {
      assert.doesNotMatch(read(browser, script).toString(), /optout_popup/, `${script} loads the popup module`);
    }
    const manifest = JSON.parse(read(browser, 'manifest.json'));
    assert.deepEqual(manifest.web_accessible_resources.flatMap((r) => r.resources), ['core/pages/*']);
    assert.deepEqual(fs.readdirSync(dist(browser, 'core/pages')).sort(), PAGED.map((r) => `${r.platform.id}_bg.wasm`).sort());
  });
}
