// "Never fooled", end to end, written once and run in both browsers (trust.chromium.test.mjs,
// trust.firefox.test.mjs): pages that try to make OptOut mark or click the wrong thing, misread a row,
// or steer its banner. The fixture variants are query parameters of the LinkedIn and X fixture apps
// (decoy, rows, hostile; checkbox=drawn).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { suiteEnd, suiteFixture, waitBanner, waitShownOff, waitState } from './browsers.mjs';

const BASE = 'https://www.linkedin.com';
const AI = `${BASE}/mypreferences/d/settings/data-for-ai-improvement`;
const AI_MARK = '[data-optout-setting="linkedin.ai-training"]';
const GROK = 'https://x.com/settings/grok_settings';
const GROK_MARK = '[data-optout-setting="x.grok-training"]';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// In-page helpers (run in the page's main world; they only read).
const bannerText = () => document.querySelector('[data-optout-banner]')?.shadowRoot?.textContent ?? '';
const markedStates = () => Object.fromEntries([...document.querySelectorAll('[data-optout-setting]')]
  .filter((e) => e.hasAttribute('data-optout-state'))
  .map((e) => [e.getAttribute('data-optout-setting'), e.getAttribute('data-optout-state')]));
const xBoxes = () => Object.fromEntries(['used for training', 'personalize'].map((words) =>
  [words, [...document.querySelectorAll('label')].find((l) => l.textContent.includes(words))?.querySelector('input')?.checked ?? null]));

export function trustSuite(launch) {
  describe(`Never fooled in ${launch.name}`, () => {
    const fixture = suiteFixture(launch);

    async function open(url, options) {
      const page = await fixture.browser.newPage(options);
      await page.goto(url);
      return page;
    }

    test('a hidden checkbox present before the real switch renders is never marked; the real one is, and Turn off turns it off', async () => {
      const page = await open(`${AI}?decoy=hidden-toggle&delay=2500`);
      // Before the switch renders, the page's own hidden checkbox (a CSS-only menu toggle, checked) is
      // the page's only one: it is not marked, and no Turn off is offered.
      await page.waitFor(() => document.querySelectorAll('[data-decoy]').length === 1);
      await sleep(600);
      assert.deepEqual(await page.eval(() => ({
        switchRendered: !!document.querySelector('input[role="switch"]'),
        marks: document.querySelectorAll('[data-optout-state]').length,
        turnOff: !!document.querySelector('[data-optout-banner]')?.shadowRoot?.querySelector('[data-optout-action="turn-off"]'),
      })), { switchRendered: false, marks: 0, turnOff: false });
      // The real switch renders late, and is the one marked.
      await waitState(page, AI_MARK, 'opted-in');
      assert.deepEqual(await page.eval((sel) => [...document.querySelectorAll(sel)].map((e) => e.getAttribute('role')), AI_MARK), ['switch']);
      await page.clickBanner('[data-optout-action="turn-off"][data-optout-setting="linkedin.ai-training"]');
      await waitShownOff(page);
      assert.deepEqual(await page.eval((sel) => ({
        real: document.querySelector('input[role="switch"]').checked,
        state: document.querySelector(sel)?.getAttribute('data-optout-state'),
        decoy: document.querySelector('[data-decoy]').checked,
        decoyEverMarked: window.__decoyMarked,
        decoyEverChanged: window.__decoyChanged,
      }), AI_MARK), { real: false, state: 'opted-out', decoy: true, decoyEverMarked: false, decoyEverChanged: false });
      await page.close();
    });

    test('no off-screen, invisible, zero-sized, inert, aria-hidden or navigation checkbox is ever taken for the setting', async () => {
      // Each alone on the page for a second before the switch renders (one candidate on a setting's page
      // would be taken, whatever it is, were it counted).
      for (const kind of ['off-screen', 'invisible', 'zero-size', 'inert', 'aria-hidden', 'header', 'rail']) {
        const page = await open(`${AI}?decoy=${kind}&delay=1000`);
        await waitState(page, AI_MARK, 'opted-in');
        assert.deepEqual(await page.eval((sel) => ({
          marked: [...document.querySelectorAll(sel)].map((e) => e.getAttribute('role')),
          decoys: document.querySelectorAll('[data-decoy]').length,
          decoyEverMarked: window.__decoyMarked,
        }), AI_MARK), { marked: ['switch'], decoys: 1, decoyEverMarked: false }, kind);
        await page.close();
      }
    });

    test('beside every kind of hidden and navigation checkbox, the one visible switch of a translated page is the setting', async () => {
      const page = await open(`${AI}?decoy=all&lang=it&delay=500`);
      await waitState(page, AI_MARK, 'opted-in');
      assert.deepEqual(await page.eval((sel) => ({
        marked: [...document.querySelectorAll(sel)].map((e) => e.getAttribute('role')),
        decoys: document.querySelectorAll('[data-decoy]').length,
        decoyEverMarked: window.__decoyMarked,
      }), AI_MARK), { marked: ['switch'], decoys: 8, decoyEverMarked: false });
      await waitBanner(page, 'Turn off');
      await page.close();
    });

    test('Turn off refuses to click a switch the page hid after it was marked', async () => {
      const page = await open(AI);
      await waitState(page, AI_MARK, 'opted-in');
      // A style change is no state change: the plan still points at the switch when the person clicks.
      await page.eval(() => { document.querySelector('input[role="switch"]').style.display = 'none'; });
      await page.clickBanner('[data-optout-action="turn-off"]');
      await waitBanner(page, 'Not turned off: the switch is no longer shown on the page.');
      assert.equal(await page.eval(() => document.querySelector('input[role="switch"]').checked), true);
      await page.waitFor(() => !document.querySelector('[data-optout-state]'));
      await page.close();
    });

    test('a switch drawn over an invisible (opacity 0) input inside a visible label is marked and turned off', async () => {
      const page = await open(`${GROK}?checkbox=drawn`);
      await waitState(page, GROK_MARK, 'opted-in');
      assert.deepEqual(await page.eval((sel) => {
        const el = document.querySelector(sel);
        return { tag: el.localName, opacity: getComputedStyle(el).opacity, label: /used for training/.test(el.closest('label').textContent) };
      }, GROK_MARK), { tag: 'input', opacity: '0', label: true });
      await page.clickBanner('[data-optout-action="turn-off"]');
      await waitShownOff(page);
      assert.deepEqual(await page.eval(xBoxes), { 'used for training': false, personalize: true });
      await page.close();
    });

    test('category rows with more text around the state word (an icon\'s title, "Currently", an sr-only "Change", a chevron) are read right', async () => {
      const privacy = await open(`${BASE}/mypreferences/d/categories/privacy?rows=noisy&s.policy-and-academic-research=off`);
      await waitState(privacy, '[data-optout-setting="linkedin.research"]', 'opted-out');
      assert.match(await privacy.eval((sel) => document.querySelector(sel).textContent, AI_MARK), /Shield icon.*Change/);
      assert.deepEqual(await privacy.eval(markedStates), { 'linkedin.ai-training': 'opted-in', 'linkedin.research': 'opted-out' });
      await waitBanner(privacy, '1 of 2 settings on this page expose your data');
      await privacy.close();
      // "Ads off LinkedIn" holds the word Off in its label: the row's own word decides, either way.
      for (const beyond of ['on', 'off']) {
        const ads = await open(`${BASE}/mypreferences/d/categories/ads?rows=noisy&s.ads-by-age=off&s.ads-beyond-linkedin=${beyond}`);
        await waitState(ads, '[data-optout-setting="linkedin.affiliates-sharing"]', 'opted-in');
        assert.match(await ads.eval(() => document.querySelector('a[href$="/ads-beyond-linkedin"]').textContent), /Ads off LinkedIn/);
        assert.deepEqual(await ads.eval(markedStates), {
          'linkedin.ads-beyond-linkedin': beyond === 'on' ? 'opted-in' : 'opted-out',
          'linkedin.ads-business-interactions': 'opted-in',
          'linkedin.ads-measurement': 'opted-in',
          'linkedin.ads-inferred-location': 'opted-in',
          'linkedin.ads-interests': 'opted-in',
          'linkedin.ads-age': 'opted-out',
          'linkedin.ads-gender': 'opted-in',
          'linkedin.affiliates-sharing': 'opted-in',
        });
        await ads.close();
      }
    });

    test('fake action elements a page puts into the banner\'s shadow root: real clicks on them do nothing, and the banner is rebuilt without them', async () => {
      const page = await open(`${AI}?hostile=banner-inject`);
      await waitState(page, AI_MARK, 'opted-in');
      await waitBanner(page, 'Turn off');
      const tabs = await fixture.browser.openTabs();
      // A spot where a click reaches nothing of the page's: there, only a fake can catch it.
      const spot = { x: 10, y: 300 };
      assert.equal(await page.eval(({ x, y }) => !!document.elementFromPoint(x, y)?.closest('a, button, input, label'), spot), false);
      // The person clicks, again and again, while the page keeps inserting fakes (each time OptOut
      // rebuilds its banner, after a growing pause): real clicks land on fakes of both kinds.
      let seen = null;
      const deadline = Date.now() + 15000;
      while (Date.now() < deadline) {
        await page.clickAt(spot.x, spot.y);
        seen = await page.eval(() => ({ clicks: { ...window.__fakeClicks }, inserted: window.__fakeInserted }));
        if (seen.clicks.checklist > 0 && seen.clicks['turn-off'] > 0) break;
        await sleep(100);
      }
      assert.ok(seen.clicks.checklist > 0 && seen.clicks['turn-off'] > 0, `real clicks reached fakes of both kinds: ${JSON.stringify(seen)}`);
      await sleep(1000);
      assert.equal(await fixture.browser.openTabs(), tabs, 'no tab was opened');
      assert.deepEqual(await page.eval((sel) => ({
        checked: document.querySelector('input[role="switch"]').checked,
        state: document.querySelector(sel)?.getAttribute('data-optout-state'),
      }), AI_MARK), { checked: true, state: 'opted-in' });
      assert.doesNotMatch(await page.eval(bannerText), /Turning off|Turned off|The page now shows this setting off/);
      // Once the page stops, the banner stands rebuilt without any of its nodes, and works.
      await page.waitFor(() => {
        const hosts = document.querySelectorAll('[data-optout-banner]');
        const sr = hosts[0]?.shadowRoot;
        return window.__fakeDone === true && hosts.length === 1 && !sr.querySelector('[data-fake]') && !!sr.querySelector('[data-optout-action="turn-off"]');
      }, null, 15000);
      await page.clickBanner('[data-optout-action="turn-off"]');
      await waitShownOff(page);
      assert.equal(await page.eval(() => document.querySelector('input[role="switch"]').checked), false);
      await page.close();
    });

    test('a page that defines the banner\'s and the callout\'s former custom-element names first: both still show', async () => {
      const page = await open(`${AI}?hostile=define-host`);
      assert.deepEqual(await page.eval(() => ['optout-banner', 'optout-guide'].map((n) => !!customElements.get(n))), [true, true]);
      await waitState(page, AI_MARK, 'opted-in');
      await waitBanner(page, 'Data for Generative AI Improvement');
      assert.ok(await page.eval(() => !!document.querySelector('[data-optout-banner]').shadowRoot.querySelector('[data-optout-action="turn-off"]')));
      await page.close();
      // The guide's callout, started from the banner.
      const category = await open(`${BASE}/mypreferences/d/categories/privacy?hostile=define-host`);
      await waitBanner(category, 'expose your data');
      await category.clickBanner('[data-optout-action="guide"][data-optout-setting="linkedin.ai-training"]');
      await category.waitFor(() => (document.querySelector('[data-optout-guide]')?.shadowRoot?.textContent ?? '').includes('Step 4 of 5'));
      assert.equal(await category.eval(() => document.querySelector('[data-optout-guide-step="4"]')?.getAttribute('href')), '/mypreferences/d/settings/data-for-ai-improvement');
      await category.close();
    });

    suiteEnd(fixture);
  });
}
