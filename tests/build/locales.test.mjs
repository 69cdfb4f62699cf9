// UI text goes through the browser's i18n: every message key the extension uses exists in each of
// the seven locales (English, the fallback, German, French, Spanish, Portuguese, Dutch, Italian), every
// locale holds English's keys and no other, and keeps its substitutions and placeholders exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (p) => fs.readFileSync(path.join(ROOT, p), 'utf8');
const messages = (lang) => JSON.parse(read(`extension/_locales/${lang}/messages.json`));
const LOCALES = ['en', 'de', 'fr', 'es', 'pt', 'nl', 'it'];
const TRANSLATIONS = LOCALES.filter((lang) => lang !== 'en');

// The content script's sources: one module per job in extension/content/ (build.sh bundles them).
const contentScript = fs.readdirSync(path.join(ROOT, 'extension/content')).filter((f) => f.endsWith('.js')).map((f) => `extension/content/${f}`);

function usedKeys() {
  const sources = [
    ...contentScript.map((file) => [file, /\bt\('([A-Za-z]+)'/g]),
    ['extension/popup/popup.js', /\bt\('([A-Za-z]+)'/g],
    ['extension/background-history.js', /\bt\('([A-Za-z]+)'/g],
    ...fs.readdirSync(path.join(ROOT, 'extension/options')).filter((f) => f.endsWith('.js')).map((f) => [`extension/options/${f}`, /\bt\('([A-Za-z]+)'/g]),
    ['extension/options/options.html', /data-i18n="([A-Za-z]+)"/g],
    ['extension/popup/popup.html', /data-i18n="([A-Za-z]+)"/g],
    ['crate/src/wasm/popup.rs', /ui\.text\("([A-Za-z]+)"/g],
    ['crate/src/wasm/popup.rs', /=> "([a-z][A-Za-z]+)",/g], // the state and notice keys chosen by match arms
    ['crate/src/wasm/popup.rs', /"(batch[A-Z][A-Za-z]+)"/g], // Check now and Turn off all, some chosen by match arms
    ['extension/batch.js', /\bbt\('([A-Za-z]+)'/g], // the background's batch runs
    ['manifest.json', /__MSG_([A-Za-z]+)__/g],
  ];
  const keys = new Set();
  for (const [file, pattern] of sources) for (const m of read(file).matchAll(pattern)) keys.add(m[1]);
  return keys;
}

test('the extension ships exactly the seven locales', () => {
  assert.deepEqual(fs.readdirSync(path.join(ROOT, 'extension/_locales')).sort(), [...LOCALES].sort());
});

for (const lang of TRANSLATIONS) {
  test(`${lang} holds exactly English's message keys`, () => {
    assert.deepEqual(Object.keys(messages(lang)).sort(), Object.keys(messages('en')).sort());
  });
}

test('every key the extension uses exists in every locale, with text', () => {
  const used = usedKeys();
  assert.ok(used.size > 25, `found only ${used.size} keys: the patterns no longer match the code`);
  for (const lang of LOCALES) {
    const m = messages(lang);
    for (const key of used) assert.ok(m[key]?.message?.trim(), `${lang} lacks ${key}`);
  }
});

test('every message has text in every locale', () => {
  for (const lang of LOCALES) {
    for (const [key, entry] of Object.entries(messages(lang))) assert.ok(entry.message?.trim(), `${lang}: ${key} is empty`);
  }
});

// `$1`-style substitutions, and named `$name$` placeholders with their `placeholders` object.
const slots = (s) => (s.match(/\$\d|\$[A-Za-z0-9_@]+\$/g) ?? []).sort();

for (const lang of TRANSLATIONS) {
  test(`${lang} keeps English's substitutions and placeholders`, () => {
    const en = messages('en');
    const m = messages(lang);
    for (const key of Object.keys(en)) {
      assert.deepEqual(slots(m[key].message), slots(en[key].message), `${lang}: ${key}`);
      assert.deepEqual(m[key].placeholders, en[key].placeholders, `${lang}: ${key}'s placeholders`);
    }
  });
}
