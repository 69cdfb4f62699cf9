// The fixture kit (tests/fixtures/platforms.mjs): each platform's description agrees with its rule file
// (host, setting, page, protective position, default), its malformed descriptions are refused, and the
// fixture server answers as its host with its CSP and the description in the page; the saved state
// starts at the description's default.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PLATFORM_FIXTURES, KINDS, checkDescription } from '../fixtures/platforms.mjs';
import { SETTING_KEYS, SavedStates } from '../fixtures/saved.mjs';
import { FIXTURE_HOSTS, startServer } from '../fixtures/server.mjs';

const RULES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../crate/rules');
const rulesOf = (id) => JSON.parse(fs.readFileSync(path.join(RULES, `${id}.json`), 'utf8'));

test('every description agrees with its platform\'s rule file', () => {
  assert.ok(Object.keys(PLATFORM_FIXTURES).length >= 5);
  for (const d of Object.values(PLATFORM_FIXTURES)) {
    const rules = rulesOf(d.id);
    const rule = rules.settings.find((s) => s.id === d.setting.id);
    assert.ok(rule, `${d.id}: ${d.setting.id} is a setting of the rule`);
    assert.ok(rules.platform.hosts.includes(d.host), `${d.id}: ${d.host} is one of the rule's hosts`);
    assert.equal(`https://${d.host}`, rules.platform.origin, `${d.id}: the site is the rule's origin`);
    assert.equal(d.setting.page, rule.page, `${d.id}: the setting's page`);
    assert.deepEqual([d.setting.protective, d.setting.default], [rule.protective, rule.default], `${d.id}: protective and default`);
    assert.ok(KINDS.includes(d.setting.kind));
    // A label naming its blog or site ("… for {instance}") is known to the rule by the words before the name.
    for (const wording of d.setting.label.en.map((w) => w.replace('{instance}', '').trim())) {
      assert.ok(rule.switch_labels.en.some((l) => l.toLowerCase() === wording.toLowerCase()), `${d.id}: “${wording}” is a wording the rule knows`);
    }
    assert.ok(FIXTURE_HOSTS.includes(d.host));
    assert.deepEqual(SETTING_KEYS[d.setting.id], { host: d.host, key: d.setting.key, protective: d.setting.protective, default: d.setting.default });
  }
});

test('the saved state of a description\'s setting starts at its default', () => {
  const store = new SavedStates();
  for (const d of Object.values(PLATFORM_FIXTURES)) assert.equal(store.get(d.host, d.setting.key), d.setting.default, d.id);
  store.close();
});

test('the server answers as each description\'s host with its CSP and the description in the page', async () => {
  const server = await startServer({ port: 0 });
  try {
    for (const d of Object.values(PLATFORM_FIXTURES)) {
      const page = await new Promise((resolve, reject) => {
        https.get({ host: '127.0.0.1', port: server.port, path: `${d.setting.page}?lang=de`, headers: { Host: d.host }, rejectUnauthorized: false }, (res) => {
          let body = '';
          res.on('data', (c) => { body += c; });
          res.on('end', () => resolve({ status: res.statusCode, csp: res.headers['content-security-policy'], body }));
        }).on('error', reject);
      });
      assert.equal(page.status, 200, d.id);
      assert.equal(page.csp, d.csp, d.id);
      assert.match(page.body, /<html lang="de"/, d.id);
      const data = /<script type="application\/json" id="fixture-description">(.*?)<\/script>/s.exec(page.body)?.[1];
      assert.deepEqual(JSON.parse(data), d, d.id);
      const nonce = /'nonce-([^']+)'/.exec(d.csp)?.[1];
      if (nonce) assert.match(page.body, new RegExp(`<script src="/fixture-static/app.js" nonce="${nonce.replace(/[+/=]/g, '\\$&')}"`), `${d.id}: the app's script carries the policy's nonce`);
    }
  } finally {
    await server.close();
  }
});

test('a malformed description is refused, naming the file and what is wrong', () => {
  const good = structuredClone(PLATFORM_FIXTURES.claude);
  const file = 'tests/fixtures/platforms/claude.json';
  assert.doesNotThrow(() => checkDescription(file, good));
  const broken = (change) => { const d = structuredClone(good); change(d); return () => checkDescription(file, d); };
  assert.throws(broken((d) => { d.setting.kinds = 'switch-aria'; }), /claude\.json: unknown key setting\.kinds/);
  assert.throws(broken((d) => { d.setting.kind = 'toggle'; }), /unknown kind toggle/);
  assert.throws(broken((d) => { d.setting.page = '/nowhere'; }), /setting\.page must be one of pages/);
  assert.throws(broken((d) => { d.setting.protective = 'yes'; }), /protective and default/);
  assert.throws(broken((d) => { d.setting.kind = 'select'; }), /options\.on and options\.off/);
  assert.throws(() => checkDescription('tests/fixtures/platforms/x.json', good), /id must equal the file name/);
});
