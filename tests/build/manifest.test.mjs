// The manifests ./build.sh wrote (dist/chrome, dist/firefox): the root manifest.json with the sites
// filled in from the rules (crate/rules/*.json, read here on their own, not through the generator), and
// the two differing only where the browsers do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const json = (...parts) => JSON.parse(fs.readFileSync(path.join(ROOT, ...parts), 'utf8'));
const root = json('manifest.json');
const dist = { chrome: json('dist', 'chrome', 'manifest.json'), firefox: json('dist', 'firefox', 'manifest.json') };

// What the rules say: a platform's whole site (its settings are reached by in-app navigation), and only
// the page of each objection form; asked for at install where the rule file says `"access": "at-install"`,
// else (the default) when the person switches the platform on.
const rules = fs.readdirSync(path.join(ROOT, 'crate', 'rules')).filter((f) => f.endsWith('.json')).map((f) => json('crate', 'rules', f));
const patternsOf = (r) => [...(r.platform.hosts ?? []).map((h) => `https://${h}/*`), ...(r.forms ?? []).map((f) => `${f.url}*`)];
const forms = rules.flatMap((r) => (r.forms ?? []).map((f) => `${f.url}*`));
const RULES = rules.flatMap(patternsOf).sort();
const AT_INSTALL = rules.filter((r) => r.platform.access === 'at-install').flatMap(patternsOf).sort();
const ON_REQUEST = rules.filter((r) => (r.platform.access ?? 'on-request') === 'on-request').flatMap(patternsOf).sort();
const origin = (pattern) => `${new URL(pattern.replace(/\*$/, '')).origin}/*`;
const sorted = (list) => [...list].sort();

// Every path (a.b[0].c) at which two JSON values differ.
function differences(a, b, at = '') {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b ? [] : [at];
  if (Array.isArray(a) !== Array.isArray(b)) return [at];
  if (Array.isArray(a)) {
    if (a.length !== b.length) return [at];
    return a.flatMap((x, i) => differences(x, b[i], `${at}[${i}]`));
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.flatMap((k) => (k in a && k in b ? differences(a[k], b[k], at ? `${at}.${k}` : k) : [at ? `${at}.${k}` : k]));
}

test('the rules name the sites this test expects (a sanity check of its own reading)', () => {
  assert.ok(RULES.includes('https://www.linkedin.com/*') && RULES.includes('https://x.com/*'), RULES.join(' '));
  assert.ok(RULES.includes('https://help.instagram.com/contact/767264225370182*'), 'a form is its page only, not the site');
  assert.deepEqual(AT_INSTALL, ['https://www.linkedin.com/*', 'https://x.com/*'], 'at install: LinkedIn and X only');
  assert.deepEqual([...AT_INSTALL, ...ON_REQUEST].sort(), RULES, 'every site asked for once, at install or on request');
});

test('the committed manifest.json lists no site: they come from the rules only', () => {
  assert.equal(root.host_permissions, undefined);
  assert.equal(root.optional_host_permissions, undefined);
  for (const script of root.content_scripts) assert.equal(script.matches, undefined);
  for (const resource of root.web_accessible_resources) assert.equal(resource.matches, undefined);
});

for (const browser of ['chrome', 'firefox']) {
  test(`${browser}: LinkedIn's and X's sites are asked for at install, every other platform's on request`, () => {
    const manifest = dist[browser];
    assert.deepEqual(sorted(manifest.host_permissions), AT_INSTALL, 'host_permissions: the at-install platforms\' sites only');
    assert.deepEqual(sorted(manifest.optional_host_permissions), ON_REQUEST, 'optional_host_permissions: every other rule site, none the rules do not know');
    assert.equal(manifest.content_scripts.length, 1, 'one content script: its files are the ones the background registers');
    assert.deepEqual(sorted(manifest.content_scripts[0].matches), AT_INSTALL, 'the static content script runs at install-time sites only');
    assert.ok(manifest.permissions.includes('scripting'), 'scripting: to register a switched-on platform\'s content script');
  });

  test(`${browser}: the wasm is web-accessible no wider than where the content script runs`, () => {
    const resources = dist[browser].web_accessible_resources;
    assert.deepEqual(resources.map((r) => r.resources), [['core/pages/*']], 'the page modules only: nothing else is web-accessible');
    const matches = resources.flatMap((r) => r.matches);
    // Where the content script may run: the static one's sites and those of the platforms switched on later.
    const scripts = [...dist[browser].content_scripts.flatMap((s) => s.matches), ...dist[browser].optional_host_permissions];
    if (browser === 'chrome') {
      // Chromium accepts only whole origins there (it checks the requesting origin, not its path), so
      // Chrome gets the origins of the content script's pages, each once, and no other.
      for (const m of matches) assert.match(m, /^https:\/\/[^/*]+\/\*$/, `${m}: an origin, no path`);
      assert.deepEqual(sorted(matches), [...new Set(scripts.map(origin))].sort());
    } else {
      // Firefox checks the requesting page's whole URL: the content script's own patterns, paths included.
      for (const m of matches) assert.ok(scripts.includes(m), `${m} is not one of the content script's patterns`);
      assert.deepEqual(sorted(matches), sorted(scripts));
    }
    assert.deepEqual(sorted(scripts), RULES);
  });

  test(`${browser}: the wasm has a fixed address only where the browser gives it none anyway`, () => {
    // Chrome's extension id is the same for every install from the store: without use_dynamic_url any
    // page on those origins could fetch chrome-extension://<id>/core/pages/linkedin_bg.wasm to learn that OptOut
    // is installed. Firefox's moz-extension:// host is a random per-install UUID, and Firefox 153's
    // schema does not know the key (it warns about an unknown property on loading it).
    assert.ok(root.web_accessible_resources.every((r) => !('use_dynamic_url' in r)), 'the root manifest leaves it to the generator');
    const dynamic = dist[browser].web_accessible_resources.map((r) => r.use_dynamic_url);
    assert.deepEqual(dynamic, browser === 'chrome' ? [true] : [undefined]);
  });

  test(`${browser}: everything else is the committed manifest.json as written`, () => {
    const generated = ['host_permissions', 'optional_host_permissions', 'content_scripts[0].matches', 'web_accessible_resources[0].matches'];
    const own = browser === 'chrome' ? ['background.scripts', 'web_accessible_resources[0].use_dynamic_url'] : ['background.service_worker'];
    assert.deepEqual(sorted(differences(root, dist[browser])), sorted([...generated, ...own]));
  });
}

test('the two manifests differ only where the browsers do: the background, the wasm\'s dynamic address and the forms\' origins for Chromium', () => {
  const diff = differences(dist.chrome, dist.firefox);
  const WAR = 'web_accessible_resources[0].matches';
  assert.deepEqual(diff.filter((p) => !p.startsWith(WAR)), ['background.scripts', 'background.service_worker', 'web_accessible_resources[0].use_dynamic_url']);
  assert.deepEqual(Object.keys(dist.chrome.background), ['service_worker']);
  assert.deepEqual(Object.keys(dist.firefox.background), ['scripts']);
  // The web-accessible matches differ only where a pattern has a path (a form's page), which Chromium
  // widens to the page's origin; the whole sites are the same in both.
  const differing = diff.filter((p) => p.startsWith(`${WAR}[`)).map((p) => dist.firefox.web_accessible_resources[0].matches[Number(/\[(\d+)\]$/.exec(p)[1])]);
  assert.deepEqual(sorted(differing), sorted(forms));
});
