// UI text goes through the browser's i18n: every message key the extension uses exists in English
// and German, and the two locales hold the same keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (p) => fs.readFileSync(path.join(ROOT, p), 'utf8');
const messages = (lang) => JSON.parse(read(`extension/_locales/${lang}/messages.json`));

// The content script's sources: one module per job in extension/content/ (build.sh bundles them).
const contentScript = fs.readdirSync(path.join(ROOT, 'extension/content')).filter((f) => f.endsWith('.js')).map((f) => `extension/content/${f}`);

function usedKeys() {
  const sources = [
    ...contentScript.map((file) => [file, /\bt\('([A-Za-z]+)'/g]),
    ['extension/popup/popup.js', /\bt\('([A-Za-z]+)'/g],
    ['extension/popup/popup.html', /data-i18n="([A-Za-z]+)"/g],
    ['crate/src/wasm/popup.rs', /ui\.text\("([A-Za-z]+)"/g],
    ['crate/src/wasm/popup.rs', /=> "([a-z][A-Za-z]+)",/g], // the state and notice keys chosen by match arms
    ['manifest.json', /__MSG_([A-Za-z]+)__/g],
  ];
  const keys = new Set();
  for (const [file, pattern] of sources) for (const m of read(file).matchAll(pattern)) keys.add(m[1]);
  return keys;
}

test('English and German hold the same message keys', () => {
  assert.deepEqual(Object.keys(messages('de')).sort(), Object.keys(messages('en')).sort());
});

test('every key the extension uses exists in both locales, with text', () => {
  const used = usedKeys();
  assert.ok(used.size > 25, `found only ${used.size} keys: the patterns no longer match the code`);
  for (const lang of ['en', 'de']) {
    const m = messages(lang);
    for (const key of used) assert.ok(m[key]?.message?.trim(), `${lang} lacks ${key}`);
  }
});

test('substitutions are kept in translation', () => {
  const en = messages('en');
  const de = messages('de');
  for (const key of Object.keys(en)) {
    const slots = (s) => (s.match(/\$\d/g) ?? []).sort().join();
    assert.equal(slots(de[key].message), slots(en[key].message), key);
  }
});
