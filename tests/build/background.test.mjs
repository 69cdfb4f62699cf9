// The background is several classic scripts sharing one global scope (Chrome: importScripts in the service
// worker; Firefox: the manifest's background.scripts). A name declared at the top level of two of them
// stops the second from loading (a SyntaxError at its evaluation), silently taking its messages with it:
// this checks the shipped scripts, in the order each browser loads them, declare each name once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = (browser, file) => path.join(ROOT, 'dist', browser, file);

// Top-level `const`, `let`, `class` and function declarations of a script (what vm reports when one
// script redeclares another's is the same error the browser throws; this lists them by name).
function topLevelNames(source) {
  const names = [];
  for (const m of source.matchAll(/^(?:const|let|class|function|async function)\s+([A-Za-z_$][\w$]*)/gm)) names.push(m[1]);
  return names;
}

for (const browser of ['chrome', 'firefox']) {
  test(`${browser}: the background's scripts load together, each top-level name declared once`, () => {
    const manifest = JSON.parse(fs.readFileSync(dist(browser, 'manifest.json'), 'utf8'));
    // Firefox lists them; Chrome's service worker imports them (read from its importScripts calls, in order).
    let scripts = manifest.background.scripts;
    if (!scripts) {
      const sw = fs.readFileSync(dist(browser, manifest.background.service_worker), 'utf8');
      scripts = [manifest.background.service_worker];
      for (const m of sw.matchAll(/importScripts\(([^)]*)\)/g)) scripts.push(...[...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]));
    }
    const seen = new Map();
    for (const file of scripts.filter((f) => !f.startsWith('core/'))) {
      for (const name of topLevelNames(fs.readFileSync(dist(browser, file), 'utf8'))) {
        assert.ok(!seen.has(name), `${name} is declared at the top level of both ${seen.get(name)} and ${file}`);
        seen.set(name, file);
      }
    }
    // And each parses as a classic script.
    for (const file of scripts) new vm.Script(fs.readFileSync(dist(browser, file), 'utf8'), { filename: file });
    assert.ok(scripts.includes('batch.js') && scripts.includes('background-history.js') && scripts.includes('platform-access.js'), scripts.join(' '));
  });
}
