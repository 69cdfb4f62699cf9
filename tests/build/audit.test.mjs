// The e2e suites' closing audit (tests/e2e/audit.mjs) and the fixture sites' saved state it reads
// (tests/fixtures/saved.mjs), without a browser: a false "opted-out" is caught, a true one passes, and
// the fixture server keeps, refuses, reverts and records saves as the pages' API promises.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { falseOptOuts, savedAsOf } from '../e2e/audit.mjs';
import { REVERT_MS, SETTING_KEYS, SavedStates } from '../fixtures/saved.mjs';
import { PLATFORM_FIXTURES } from '../fixtures/platforms.mjs';
import { startServer } from '../fixtures/server.mjs';

const LI = 'www.linkedin.com';
const AI = 'data-for-ai-improvement';
const T = Date.parse('2026-11-30T12:00:00Z');
const checklist = (seen) => ({ version: 2, seen });
const out = (at, verified = 'fresh-load') => ({ state: 'opted-out', at, path: `/mypreferences/d/settings/${AI}`, verified });

test('the audit catches a setting held opted-out that the site never saved off', () => {
  const found = falseOptOuts(checklist({ 'linkedin.ai-training': out(T) }), []);
  assert.equal(found.length, 1);
  assert.equal(found[0].setting, 'linkedin.ai-training');
  assert.match(found[0].why, /www\.linkedin\.com had data-for-ai-improvement saved on then/);
  assert.equal(falseOptOuts(checklist({ 'linkedin.ai-training': out(T, 'read-back') }), []).length, 1, 'read back only: the page showed it, the site had not saved it');
});

test('the audit passes a setting held opted-out that the site saved (or a page load arranged) off before', () => {
  for (const by of ['saved', 'arranged']) {
    const history = [{ at: T - 5, host: LI, key: AI, to: 'off', by }];
    assert.deepEqual(falseOptOuts(checklist({ 'linkedin.ai-training': out(T) }), history), [], by);
  }
});

test('the audit judges each record as of its time: a save after it, or a revert before it, does not make it true', () => {
  const savedLater = [{ at: T + 5, host: LI, key: AI, to: 'off', by: 'saved' }];
  assert.equal(falseOptOuts(checklist({ 'linkedin.ai-training': out(T) }), savedLater).length, 1, 'read before the site saved');
  const reverted = [
    { at: T - 1000, host: LI, key: AI, to: 'off', by: 'saved' },
    { at: T - 100, host: LI, key: AI, to: 'on', by: 'reverted' },
  ];
  assert.equal(falseOptOuts(checklist({ 'linkedin.ai-training': out(T) }), reverted).length, 1, 'held after the site reverted');
  const resetLater = [
    { at: T - 1000, host: LI, key: AI, to: 'off', by: 'saved' },
    { at: T + 1000, host: LI, key: AI, to: 'on', by: 'reset' },
  ];
  assert.deepEqual(falseOptOuts(checklist({ 'linkedin.ai-training': out(T) }), resetLater), [], 'a later change does not matter');
  assert.equal(savedAsOf(resetLater, LI, AI, T), 'off');
  assert.equal(savedAsOf(resetLater, LI, 'ads-by-age', T), 'on', 'never saved: the default');
});

test('the audit looks only at settings held opted-out, on the right site and key', () => {
  const history = [{ at: T - 5, host: 'x.com', key: 'grok-training', to: 'off', by: 'saved' }];
  const seen = {
    'linkedin.ads-age': { state: 'opted-in', at: T, path: '' },
    'linkedin.research': { state: 'unavailable', at: T, path: '' },
    'x.grok-training': { state: 'opted-out', at: T, path: '', verified: 'read-back' },
  };
  assert.deepEqual(falseOptOuts(checklist(seen), history), []);
  // The same history does not vouch for a LinkedIn setting.
  const found = falseOptOuts(checklist({ ...seen, 'linkedin.ads-gender': { state: 'opted-out', at: T, path: '', verified: 'fresh-load' } }), history);
  assert.deepEqual(found.map((f) => f.setting), ['linkedin.ads-gender']);
});

test('the audit fails what it cannot check: an unreadable checklist, an unknown setting, a record without a time', () => {
  assert.equal(falseOptOuts('}{ not a checklist', []).length, 1);
  assert.equal(falseOptOuts(null, []).length, 1);
  const found = falseOptOuts(checklist({ 'example.new-setting': out(T), 'linkedin.ai-training': { state: 'opted-out', path: '', verified: 'fresh-load' } }), []);
  assert.deepEqual(found.map((f) => f.setting).sort(), ['example.new-setting', 'linkedin.ai-training']);
});

test('the audit fails an opted-out that does not say how it was verified, and a checklist in an older format', () => {
  const saved = [{ at: T - 5, host: LI, key: AI, to: 'off', by: 'saved' }];
  for (const verified of [undefined, null, 'trust-me', '']) {
    const found = falseOptOuts(checklist({ 'linkedin.ai-training': { ...out(T), verified } }), saved);
    assert.equal(found.length, 1, String(verified));
    assert.match(found[0].why, /without saying how it was verified/);
  }
  assert.deepEqual(falseOptOuts(checklist({ 'linkedin.ai-training': out(T, 'read-back') }), saved), [], 'saved off, and it says how');
  const older = falseOptOuts({ version: 1, seen: { 'linkedin.ai-training': { state: 'opted-out', at: T, url: '' } } }, saved);
  assert.match(older[0].why, /format 1, not 2/);
});

test('every setting of the rules with a fixture site has its place in the sites\' saved state', () => {
  const rules = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../crate/rules');
  const kit = Object.keys(PLATFORM_FIXTURES).filter((id) => fs.existsSync(path.join(rules, `${id}.json`)));
  const ids = ['linkedin', 'x', ...kit].flatMap((platform) => JSON.parse(fs.readFileSync(path.join(rules, `${platform}.json`), 'utf8')).settings.map((s) => s.id));
  assert.deepEqual(Object.keys(SETTING_KEYS).sort(), ids.sort());
});

test('the saved states record every change with its time; a refused save changes nothing; a revert comes back', async () => {
  const store = new SavedStates();
  try {
    assert.equal(store.get(LI, AI), 'on');
    store.arrange(LI, { [AI]: 'on', 'ads-by-age': 'off' });
    assert.deepEqual(store.history.map(({ key, to, by }) => [key, to, by]), [['ads-by-age', 'off', 'arranged']], 'no change, no entry');
    assert.equal(store.save(LI, AI, 'off', 'fail'), false);
    assert.equal(store.get(LI, AI), 'on');
    const before = Date.now();
    assert.equal(store.save(LI, AI, 'off', 'revert'), true);
    assert.equal(store.get(LI, AI), 'off');
    await new Promise((resolve) => setTimeout(resolve, REVERT_MS + 50));
    assert.equal(store.get(LI, AI), 'on');
    const [saved, reverted] = store.history.filter((c) => c.key === AI);
    assert.deepEqual([saved.to, saved.by, reverted.to, reverted.by], ['off', 'saved', 'on', 'reverted']);
    assert.ok(saved.at >= before && reverted.at - saved.at >= REVERT_MS, JSON.stringify(store.history));
    store.reset();
    assert.deepEqual(store.of(LI), { [AI]: 'on', 'ads-by-age': 'on' });
    assert.equal(store.history.at(-1).by, 'reset');
  } finally {
    store.close();
  }
});

// One request to the fixture server as `host` (its certificate is self-signed).
function call(port, host, method, urlPath, body) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? null : JSON.stringify(body);
    const req = https.request({ host: '127.0.0.1', port, method, path: urlPath, rejectUnauthorized: false, headers: { Host: host, ...(data && { 'Content-Type': 'application/json' }) } }, (res) => {
      let text = '';
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, body: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end(data ?? undefined);
  });
}

test('the fixture server keeps each site\'s saves over /fixture-api/ and lists them in its history', async () => {
  const srv = await startServer({ port: 0 });
  try {
    assert.deepEqual(await call(srv.port, LI, 'GET', '/fixture-api/state'), { status: 200, body: { saved: {} } });
    assert.equal((await call(srv.port, LI, 'POST', '/fixture-api/save', { key: AI, to: 'off', outcome: 'fail' })).status, 500);
    assert.equal((await call(srv.port, LI, 'POST', '/fixture-api/save', { key: AI, to: 'off', outcome: 'ok' })).status, 200);
    assert.equal((await call(srv.port, 'x.com', 'POST', '/fixture-api/arrange', { settings: { 'grok-training': 'off' } })).status, 200);
    assert.deepEqual((await call(srv.port, LI, 'GET', '/fixture-api/state')).body, { saved: { [AI]: 'off' } });
    assert.deepEqual((await call(srv.port, 'x.com', 'GET', '/fixture-api/state')).body, { saved: { 'grok-training': 'off' } });
    assert.equal((await call(srv.port, LI, 'POST', '/fixture-api/save', { key: AI, to: 'maybe' })).status, 400);
    assert.equal((await call(srv.port, 'www.facebook.com', 'GET', '/fixture-api/state')).status, 404, 'Meta\'s forms save no settings');
    assert.equal((await call(srv.port, LI, 'GET', '/fixture-api/save')).status, 405);
    const { body } = await call(srv.port, LI, 'GET', '/fixture-api/history');
    assert.deepEqual(body.history.map(({ host, key, to, by }) => [host, key, to, by]), [[LI, AI, 'off', 'saved'], ['x.com', 'grok-training', 'off', 'arranged']]);
    assert.deepEqual(srv.history, body.history);
  } finally {
    await srv.close();
  }
});

test('for an inverted switch (on protects: "Prevent…", "Block…") the audit wants it saved on, from a default of off', () => {
  const keys = { 'kit.prevent-sharing': { host: 'kit.example', key: 'prevent-sharing', protective: 'on', default: 'off' } };
  const held = checklist({ 'kit.prevent-sharing': out(T, 'read-back') });
  assert.equal(falseOptOuts(held, [], keys).length, 1, 'never saved: its default (off) exposes the person');
  const savedOff = [{ at: T - 5, host: 'kit.example', key: 'prevent-sharing', to: 'off', by: 'saved' }];
  assert.match(falseOptOuts(held, savedOff, keys)[0].why, /prevent-sharing saved off then/);
  const savedOn = [{ at: T - 5, host: 'kit.example', key: 'prevent-sharing', to: 'on', by: 'saved' }];
  assert.deepEqual(falseOptOuts(held, savedOn, keys), []);
});
