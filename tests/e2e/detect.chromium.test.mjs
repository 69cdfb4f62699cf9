// Can a page tell that OptOut is installed, in real Chromium? A Chrome extension's id is the same for
// everyone who installs it from the store, so a file served at chrome-extension://<id>/… would answer
// any page that asks. Chrome's manifest serves the only web-accessible files, the wasm's page modules
// (core/pages/*, one per platform), with use_dynamic_url: only at a per-session random address that runtime.getURL gives the extension. Here a
// page script on the platforms' origins tries the fixed address every way a page can (fetch, <script>,
// <img>) and is refused, while the extension keeps working on the same pages: through the background
// where the page's CSP forbids wasm, in the content script itself where it allows it (?nocsp=1).

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { extensionDir, launchChromium, suiteEnd, suiteFixture, waitState } from './browsers.mjs';
import { enablePlatform } from './platform-access.mjs';

const LINKEDIN = 'https://www.linkedin.com';
const AI = `${LINKEDIN}/mypreferences/d/settings/data-for-ai-improvement`;
const AI_MARK = '[data-optout-setting="linkedin.ai-training"]';
const FACEBOOK_FORM = 'https://www.facebook.com/help/contact/712876720715583';
const INSTAGRAM_FORM = 'https://help.instagram.com/contact/767264225370182';
const WASM = 'core/pages/linkedin_bg.wasm'; // LinkedIn's page module, the file its pages fetch
const WASM_BYTES = fs.statSync(path.join(extensionDir('chrome'), WASM)).size;
const REFUSED_FETCH = 'TypeError: Failed to fetch';

// Runs in the page's main world, as any script of the page would: one attempt to load `url` by `how`
// (fetch, script or img). Returns what the page learns: a fetch's status and size or its error, an
// element's load or error event; and the CSP violations the attempt caused (a page's CSP does not apply
// to extension addresses in Chromium: the refusal must be the extension's, not the page's policy). A
// `wasm-eval` violation is not the attempt's: it is the content script's own try at compiling the wasm,
// which a page CSP without 'wasm-unsafe-eval' refuses, and which may land while the attempt runs.
async function load({ how, url }) {
  const violations = [];
  const onViolation = (e) => e.blockedURI !== 'wasm-eval' && violations.push(`${e.violatedDirective} ${e.blockedURI}`);
  document.addEventListener('securitypolicyviolation', onViolation);
  let result;
  if (how === 'fetch') {
    try {
      const response = await fetch(url);
      result = `${response.status} ${(await response.arrayBuffer()).byteLength} bytes`;
    } catch (error) {
      result = `${error.name}: ${error.message}`;
    }
  } else {
    result = await new Promise((resolve) => {
      const element = document.createElement(how);
      element.onload = () => resolve('load');
      element.onerror = () => resolve('error');
      element.src = url;
      document.head.append(element);
    });
  }
  await new Promise((resolve) => setTimeout(resolve, 50)); // violation events are dispatched a task later
  document.removeEventListener('securitypolicyviolation', onViolation);
  return { result, violations };
}

// What a page could read about the extension's addresses: the resources in its performance timeline
// that are not web pages, and its DOM with the banner's (open) shadow root.
const pageView = () => ({
  resources: performance.getEntriesByType('resource').map((e) => e.name).filter((name) => !name.startsWith('https:')),
  html: document.documentElement.outerHTML + (document.querySelector('[data-optout-banner]')?.shadowRoot?.innerHTML ?? ''),
});

describe('Detecting OptOut from a page, in Chromium', () => {
  const fixture = suiteFixture({ name: 'chromium', start: launchChromium });
  // Meta (its objection forms) is asked for on request: switched on first, as a person does (platform-access.mjs).
  before(() => enablePlatform(fixture.browser, 'meta'));

  // The extension's id and the wasm's per-session address, as the extension itself sees them (its popup).
  let addresses = null;
  async function extension() {
    if (addresses) return addresses;
    const popup = await fixture.browser.extensionPage('popup/popup.html');
    const id = new URL(popup.url()).host;
    const dynamic = await popup.eval((file) => chrome.runtime.getURL(file), WASM);
    await popup.close();
    return (addresses = { id, fixed: `chrome-extension://${id}/${WASM}`, dynamic });
  }

  async function open(url) {
    const page = await fixture.browser.newPage();
    await page.goto(url);
    return page;
  }

  // Chromium's own word for a refused load of `url` (console: "Denying load of <url>. Resources must be
  // listed in the web_accessible_resources manifest key…"), logged after the console had `before` lines.
  // It is what tells a refused <img> from an allowed file that is not an image (both fire `error`).
  async function deniedByChromium(page, url, before) {
    const deadline = Date.now() + 2000;
    while (Date.now() < deadline) {
      const denial = page.problems.slice(before).find((p) => p.startsWith(`Denying load of ${url}.`));
      if (denial) return denial;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.fail(`Chromium logged no refusal of ${url}; it logged: ${page.problems.slice(before).join(' | ') || 'nothing'}`);
  }

  async function assertRefused(t, page, how, url) {
    const before = page.problems.length;
    const { result, violations } = await page.eval(load, { how, url });
    t.diagnostic(`${page.url()}: ${how} ${url} → ${result}`);
    assert.equal(result, how === 'fetch' ? REFUSED_FETCH : 'error', `${how} of ${url}`);
    await deniedByChromium(page, url, before);
    assert.deepEqual(violations, [], 'the page\'s CSP played no part');
  }

  test('the wasm\'s address is a per-session one, not the extension\'s fixed id', async () => {
    const { id, dynamic } = await extension();
    const host = new URL(dynamic).host;
    assert.match(id, /^[a-p]{32}$/);
    assert.match(host, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, dynamic);
    assert.equal(dynamic, `chrome-extension://${host}/${WASM}`);
  });

  test('a LinkedIn settings page cannot load the wasm at the fixed address: fetch, <script> and <img> are refused', async (t) => {
    const { fixed, dynamic } = await extension();
    const page = await open(AI);
    // The positive control: OptOut is at work on this very page (through the background: the page's CSP
    // forbids wasm in the content script).
    await waitState(page, AI_MARK, 'opted-in');
    assert.equal(await page.eval(() => document.querySelector('[data-optout-banner]')?.getAttribute('data-optout-core')), 'background');
    for (const how of ['fetch', 'script', 'img']) await assertRefused(t, page, how, fixed);
    // The same probe does find the file at the per-session address, which only the extension knows: the
    // refusals above are the fixed address's, not a probe that cannot work (nor the page's CSP).
    const control = await page.eval(load, { how: 'fetch', url: dynamic });
    assert.deepEqual(control, { result: `200 ${WASM_BYTES} bytes`, violations: [] });
    await page.close();
  });

  test('where the page\'s CSP allows wasm, the content script still compiles it itself, and the page learns no address', async (t) => {
    const { id, fixed, dynamic } = await extension();
    const page = await open(`${AI}?nocsp=1`);
    await waitState(page, AI_MARK, 'opted-in');
    assert.equal(await page.eval(() => document.querySelector('[data-optout-banner]')?.getAttribute('data-optout-core')), 'content');
    // The content script fetched the wasm at the per-session address: nothing was refused, and neither
    // address shows in the page's timeline or DOM.
    assert.deepEqual(page.problems.filter((p) => p.includes('chrome-extension://')), []);
    const view = await page.eval(pageView);
    assert.deepEqual(view.resources, []);
    assert.ok(!view.html.includes(id) && !view.html.includes(new URL(dynamic).host), 'an extension address in the page\'s DOM');
    await assertRefused(t, page, 'fetch', fixed);
    await page.close();
  });

  test('no page of the platforms\' origins can load the wasm, or any other file, at the fixed address', async (t) => {
    const { id, fixed } = await extension();
    // Chromium makes the wasm web-accessible to these origins whole (it checks origins only): a page
    // outside the content script's (Facebook's home, beside the form) is among them.
    const pages = [`${LINKEDIN}/feed/`, 'https://x.com/home', FACEBOOK_FORM, 'https://www.facebook.com/', INSTAGRAM_FORM];
    for (const url of pages) {
      const page = await open(url);
      await assertRefused(t, page, 'fetch', fixed);
      await assertRefused(t, page, 'fetch', `chrome-extension://${id}/manifest.json`);
      await page.close();
    }
  });

  suiteEnd(fixture);
});
