// Can a page tell that OptOut is installed, in real Firefox ESR? Firefox gives an extension no fixed
// address: its files are at moz-extension://<UUID>/, a UUID Firefox draws at random for each install.
// These tests pin it (the pref extensions.webextensions.uuids, see browsers.mjs), which a real page
// cannot do, so a page that fetches the wasm here stands for one that somehow learnt its install's UUID:
// with it, the wasm loads exactly on the pages the content script runs on (Firefox checks the whole
// URL against the content script's own patterns), and nowhere else; nothing else loads anywhere.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { extensionDir, launchFirefox, suiteEnd, suiteFixture, waitState } from './browsers.mjs';
import { enablePlatform } from './platform-access.mjs';

const LINKEDIN = 'https://www.linkedin.com';
const AI = `${LINKEDIN}/mypreferences/d/settings/data-for-ai-improvement`;
const AI_MARK = '[data-optout-setting="linkedin.ai-training"]';
const FACEBOOK_FORM = 'https://www.facebook.com/help/contact/712876720715583';
const INSTAGRAM_FORM = 'https://help.instagram.com/contact/767264225370182';
const WASM = 'core/pages/linkedin_bg.wasm'; // a page module (core/pages/* is web-accessible)
const BACKGROUND_WASM = 'core/optout_popup_bg.wasm'; // the extension's own module (background, popup): no page may load it
const WASM_BYTES = fs.statSync(path.join(extensionDir('firefox'), WASM)).size;
const REFUSED_FETCH = 'TypeError: NetworkError when attempting to fetch resource.';

// Runs in the page's main world, as any script of the page would: its fetch of `url`, and what it learns.
async function pageFetch(url) {
  try {
    const response = await fetch(url);
    return `${response.status} ${(await response.arrayBuffer()).byteLength} bytes`;
  } catch (error) {
    return `${error.name}: ${error.message}`;
  }
}

// What a page could read about the extension's address: its performance timeline's resources that are
// not web pages, and its DOM with the banner's (open) shadow root.
const pageView = () => ({
  resources: performance.getEntriesByType('resource').map((e) => e.name).filter((name) => !name.startsWith('https:')),
  html: document.documentElement.outerHTML + (document.querySelector('[data-optout-banner]')?.shadowRoot?.innerHTML ?? ''),
});

describe('Detecting OptOut from a page, in Firefox', () => {
  const fixture = suiteFixture({ name: 'firefox', start: launchFirefox });
  // Meta (its objection forms) is asked for on request: switched on first, as a person does (platform-access.mjs).
  before(() => enablePlatform(fixture.browser, 'meta'));

  async function open(url) {
    const page = await fixture.browser.newPage();
    await page.goto(url);
    return page;
  }

  test('a fixed address to probe', (t) => {
    t.skip('Firefox has none: moz-extension://<UUID> is drawn at random per install (these tests pin it by a pref a real page cannot set), '
      + 'and Firefox 153 does not know use_dynamic_url (Chrome\'s manifest only: detect.chromium.test.mjs)');
  });

  test('with its install\'s UUID, a page loads the wasm only where the content script runs, and no other file anywhere', async (t) => {
    // The extension's address, from its own page (opened, as Firefox's driver requires, by the banner).
    const form = await open(FACEBOOK_FORM);
    await form.waitFor(() => !!document.querySelector('[data-optout-banner]')?.shadowRoot?.querySelector('[data-optout-action="checklist"]'));
    const popup = await fixture.browser.extensionPage('popup/popup.html', { from: form });
    const origin = await popup.eval(() => location.origin);
    await popup.close();
    await form.close();
    assert.match(origin, /^moz-extension:\/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    const inside = [AI, `${LINKEDIN}/feed/`, 'https://x.com/home', FACEBOOK_FORM, INSTAGRAM_FORM];
    // On the same hosts, beside the forms: the content script does not run there.
    const outside = ['https://www.facebook.com/', 'https://www.facebook.com/help/contact/1', 'https://help.instagram.com/', 'https://help.instagram.com/contact/2'];
    for (const url of [...inside, ...outside]) {
      const page = await open(url);
      if (url === AI) {
        // The positive control: OptOut works on this page, the wasm compiled in the content script (which
        // Firefox allows whatever the page's CSP), and the page sees no extension address.
        await waitState(page, AI_MARK, 'opted-in');
        assert.equal(await page.eval(() => document.querySelector('[data-optout-banner]')?.getAttribute('data-optout-core')), 'content');
        const view = await page.eval(pageView);
        assert.deepEqual(view.resources, []);
        assert.ok(!view.html.includes(new URL(origin).host), 'the extension\'s UUID in the page\'s DOM');
      }
      const wasm = await page.eval(pageFetch, `${origin}/${WASM}`);
      const manifest = await page.eval(pageFetch, `${origin}/manifest.json`);
      const background = await page.eval(pageFetch, `${origin}/${BACKGROUND_WASM}`);
      t.diagnostic(`${url}: fetch ${WASM} → ${wasm}; manifest.json → ${manifest}; ${BACKGROUND_WASM} → ${background}`);
      assert.equal(wasm, inside.includes(url) ? `200 ${WASM_BYTES} bytes` : REFUSED_FETCH, url);
      assert.equal(manifest, REFUSED_FETCH, url);
      assert.equal(background, REFUSED_FETCH, url);
      await page.close();
    }
  });

  suiteEnd(fixture);
});
