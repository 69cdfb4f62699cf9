// What ./build.sh put in dist/: pages load only the core module, which stays within the size budget;
// the popup's renderer, the checklist's recording, the history and the badge are in a module of its
// own that only the extension's pages and its background load. Sizes are deterministic
// for a given toolchain, so this is a check, not a timing (the benchmark prints the figures).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUDGET = 50 * 1024; // wasm loaded by pages, gzipped (issue 5)
const dist = (browser, file) => path.join(ROOT, 'dist', browser, file);
const read = (browser, file) => fs.readFileSync(dist(browser, file));
// The functions a wasm module exports, read from the module itself.
const exports = (browser, wasm) => new Set(WebAssembly.Module.exports(new WebAssembly.Module(read(browser, wasm))).map((e) => e.name));

for (const browser of ['chrome', 'firefox']) {
  test(`${browser}: the wasm pages load is within ${BUDGET / 1024} KB gzipped and has no popup renderer`, () => {
    const gz = zlib.gzipSync(read(browser, 'core/optout_bg.wasm'), { level: 9 }).length;
    assert.ok(gz <= BUDGET, `core/optout_bg.wasm is ${gz} B gzipped, over ${BUDGET} B`);
    const core = exports(browser, 'core/optout_bg.wasm');
    assert.ok(core.has('evaluate') && core.has('guide'), `core exports: ${[...core]}`);
    for (const own of ['renderPopup', 'recordReports', 'historyAdd', 'badge']) assert.ok(!core.has(own), `the core module carries ${own}`);
  });

  test(`${browser}: the popup and the background load the extension's module; the content script the core`, () => {
    const popup = exports(browser, 'core/optout_popup_bg.wasm');
    for (const own of ['renderPopup', 'hostPatterns', 'recordReports', 'historyAdd', 'historyView', 'badge', 'evaluate']) assert.ok(popup.has(own), `popup exports: ${[...popup]}`);
    const html = read(browser, 'popup/popup.html').toString();
    assert.match(html, /src="\.\.\/core\/optout_popup\.js"/);
    assert.doesNotMatch(html, /core\/optout\.js/);
    assert.match(read(browser, 'popup/popup.js').toString(), /'core\/optout_popup_bg\.wasm'/);
    // As shipped: content.js is esbuild's bundle, which prints strings in double quotes.
    const content = read(browser, 'content.js').toString();
    assert.match(content, /["']core\/optout_bg\.wasm["']/, 'content.js loads the core');
    assert.doesNotMatch(content, /optout_popup/, 'content.js loads the popup module');
    assert.match(read(browser, 'background.js').toString(), /'core\/optout_popup_bg\.wasm'/, 'background.js loads the extension\'s module');
    const manifest = JSON.parse(read(browser, 'manifest.json'));
    assert.deepEqual(manifest.web_accessible_resources.flatMap((r) => r.resources), ['core/optout_bg.wasm']);
  });
}
