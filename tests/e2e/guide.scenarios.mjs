// The opt-out guide end to end, written once and run in both browsers (guide.chromium.test.mjs,
// guide.firefox.test.mjs): LinkedIn's whole documented path over the fixtures (the feed with the Me
// menu, the settings home with its left rail, the Data privacy page, the setting's page) with a wrong
// turn, a reload and a missing element; X's path through its single-page app; Escape and the keyboard.

import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { suiteEnd, suiteFixture } from './browsers.mjs';

const LI = 'https://www.linkedin.com';
const AI = `${LI}/mypreferences/d/settings/data-for-ai-improvement`;

// In the page: what the guide points at, and what its callout says.
const pointed = () => {
  const el = document.querySelector('[data-optout-guide-step]');
  return el ? { step: el.getAttribute('data-optout-guide-step'), text: el.textContent.replace(/\s+/g, ' ').trim(), tag: el.localName, role: el.getAttribute('role') } : null;
};
const calloutText = () => document.querySelector('[data-optout-guide]')?.shadowRoot?.textContent ?? '';

async function until(check, what, timeout = 10000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    try { last = await check(); } catch (e) { last = String(e); } // a page mid-navigation answers nothing
    if (last && last !== true && typeof last !== 'string') return last;
    if (last === true) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`${what}; last: ${JSON.stringify(last)}`);
}

export function guideSuite(launch) {
  describe(`the opt-out guide in ${launch.name}`, () => {
    const fixture = suiteFixture(launch);
    // Every tab a test opened or found is closed after it, pass or fail: the guide reuses open tabs.
    let tabs = [];
    afterEach(async () => {
      for (const tab of tabs) await tab.close().catch(() => {});
      tabs = [];
    });
    const track = (page) => (tabs.push(page), page);
    const findPage = async (prefix) => track(await fixture.browser.findPage(prefix));

    async function open(url) {
      const page = track(await fixture.browser.newPage());
      await page.goto(url);
      return page;
    }
    // The popup, reached the way each browser allows (Firefox: through a page's banner, which is then closed).
    async function popupVia(url) {
      const from = await open(url);
      await from.waitFor(() => !!document.querySelector('[data-optout-banner]'));
      const popup = track(await fixture.browser.extensionPage('popup/popup.html', { from }));
      await popup.waitFor(() => document.body.dataset.ready === 'true');
      await from.close();
      return popup;
    }
    const waitStep = (page, step, text) =>
      until(() => page.eval(pointed).then((p) => (p?.step === String(step) && p.text.includes(text) ? p : null)), `step ${step} (${text}) was not pointed at`);
    const waitCallout = (page, text, timeout) => until(() => page.eval(calloutText).then((c) => c.includes(text)), `the callout did not say "${text}"`, timeout);

    test('walks LinkedIn\'s whole path from the popup: feed, Me menu, settings, a wrong turn, a reload, the switch, done', async () => {
      const popup = await popupVia(AI);
      fixture.browser.navigations.push(`${LI}/feed/`); // the tab the guide opens at the path's start
      await popup.click('button[data-action="guide"][data-setting="linkedin.ai-training"]');
      const page = await findPage(`${LI}/feed/`);
      // 1. The Me menu, which must be opened first.
      const me = await waitStep(page, 1, 'Me');
      assert.equal(me.tag, 'button');
      await waitCallout(page, 'Step 1 of 5: the Me menu');
      await page.click('[data-optout-guide-step="1"]');
      // 2. Settings & Privacy, in the menu now open.
      assert.equal((await waitStep(page, 2, 'Settings & Privacy')).role, 'menuitem');
      await waitCallout(page, 'Step 2 of 5: Settings & Privacy');
      page.expectNavigation(`${LI}/mypreferences/d/categories/account`);
      await page.click('[data-optout-guide-step="2"]'); // a full page load into the settings app
      // 3. Data privacy in the left rail.
      await until(() => page.eval(() => location.pathname === '/mypreferences/d/categories/account'), 'the settings home did not load');
      await waitStep(page, 3, 'Data privacy');
      await waitCallout(page, 'Step 3 of 5: Data privacy');
      // A wrong turn: Advertising data. The guide says so and points back.
      await page.click('nav a[href$="/categories/ads"]');
      await waitCallout(page, 'off the path');
      assert.match(await page.eval(calloutText), /You are on “Advertising data”, off the path\. To get back:.*Step 3 of 5: Data privacy/);
      await waitStep(page, 3, 'Data privacy');
      await page.click('[data-optout-guide-step="3"]');
      // 4. The setting's row, under "How LinkedIn uses your data".
      await waitStep(page, 4, 'Data for Generative AI Improvement');
      await waitCallout(page, 'Step 4 of 5: Data for Generative AI Improvement (in “How LinkedIn uses your data”)');
      // A reload in the middle: the guide picks up where it was.
      await page.reload();
      await waitStep(page, 4, 'Data for Generative AI Improvement');
      await page.click('[data-optout-guide-step="4"]');
      // 5. The switch; the banner's Turn off takes over and the guide ends when it reads back off.
      const sw = await waitStep(page, 5, '');
      assert.equal(sw.tag, 'input');
      await waitCallout(page, 'Step 5 of 5: the switch');
      assert.match(await page.eval(calloutText), /Use Turn off in OptOut's panel, or click the switch yourself\./);
      await page.clickBanner('[data-optout-action="turn-off"][data-optout-setting="linkedin.ai-training"]');
      await waitCallout(page, 'Done: Data for Generative AI Improvement is off.', 15000);
      assert.equal(await page.eval(() => document.querySelector('[data-optout-guide-step]')), null);
      assert.equal(await page.eval(() => document.querySelector('[data-optout-setting="linkedin.ai-training"]').getAttribute('data-optout-state')), 'opted-out');
      // The popup shows it, and no guide is left in this tab.
      const check = await fixture.browser.extensionPage('popup/popup.html', { from: page });
      await check.waitFor(() => document.querySelector('li[data-setting="linkedin.ai-training"]')?.dataset.state === 'opted-out');
      const guides = await check.eval(async () => (await (globalThis.browser ?? chrome).storage.session.get('guides')).guides ?? {});
      assert.deepEqual(Object.values(guides), []);
      await check.close();
      await page.close();
    });

    test('a step whose element is missing says so after a few seconds and offers the direct address', async () => {
      const home = await open(`${LI}/mypreferences/d/categories/account?rail=none`);
      const popup = await popupVia(`${LI}/mypreferences/d/categories/privacy`);
      await popup.click('button[data-action="guide"][data-setting="linkedin.ai-training"]');
      // The open LinkedIn tab is reused as it is.
      await waitCallout(home, 'Looking for step 3 of 5: Data privacy');
      await waitCallout(home, 'OptOut cannot find “Data privacy, in the left rail” (step 3 of 5) on this page', 10000);
      const at = await home.eval(() => {
        const b = document.querySelector('[data-optout-guide]').shadowRoot.querySelector('[data-optout-action="guide-direct"]');
        return b.textContent;
      });
      assert.equal(at, 'Go straight there');
      home.expectNavigation(AI);
      await home.clickCallout('[data-optout-action="guide-direct"]');
      await until(() => home.eval(() => location.pathname === '/mypreferences/d/settings/data-for-ai-improvement'), 'Go straight there did not go');
      await waitStep(home, 5, '');
      await home.close();
    });

    test('the callout is announced politely, reachable by keyboard, and Escape ends the guide', async () => {
      const popup = await popupVia(`${LI}/mypreferences/d/categories/privacy`);
      fixture.browser.navigations.push(`${LI}/feed/`);
      await popup.click('button[data-action="guide"][data-setting="linkedin.ads-age"]');
      const page = await findPage(`${LI}/feed/`);
      await waitStep(page, 1, 'Me');
      const a11y = await page.eval(() => {
        const root = document.querySelector('[data-optout-guide]').shadowRoot;
        return { live: root.querySelector('[role="status"]')?.textContent ?? null, buttons: [...root.querySelectorAll('button')].map((b) => [b.textContent, b.tabIndex]) };
      });
      assert.match(a11y.live, /^Step 1 of 5/);
      assert.deepEqual(a11y.buttons, [['Go straight there', 0], ['End guide', 0]]);
      // Tab from the last element of the page reaches the callout.
      await page.eval(() => { const all = [...document.querySelectorAll('a[href], button')]; all[all.length - 1].focus(); });
      await page.raw.keyboard.press('Tab');
      assert.equal(await page.eval(() => document.activeElement?.hasAttribute('data-optout-guide')), true);
      await page.raw.keyboard.press('Escape');
      await until(() => page.eval(() => !document.querySelector('[data-optout-guide]') && !document.querySelector('[data-optout-guide-step]')), 'Escape did not end the guide');
      // Ended for good: a reload brings no guide back.
      await page.reload();
      await new Promise((resolve) => setTimeout(resolve, 800));
      assert.equal(await page.eval(() => !!document.querySelector('[data-optout-guide]')), false);
      // The control: the reloaded page's content script runs. It marks the setting once the page shows it
      // (moved there in-app: the fixture renders it on popstate, no page load), and even there no
      // guide comes back.
      await page.eval(() => {
        history.pushState(null, '', '/mypreferences/d/settings/ads-by-age');
        dispatchEvent(new PopStateEvent('popstate'));
      });
      await page.waitFor(() => !!document.querySelector('[data-optout-setting="linkedin.ads-age"][data-optout-state]'));
      await new Promise((resolve) => setTimeout(resolve, 800));
      assert.deepEqual(await page.eval(() => [!!document.querySelector('[data-optout-guide]'), !!document.querySelector('[data-optout-guide-step]')]), [false, false]);
      await page.close();
    });

    test('starts from the banner, in the same tab, at the step this page shows', async () => {
      const page = await open(`${LI}/mypreferences/d/categories/privacy`);
      await page.waitFor(() => (document.querySelector('[data-optout-banner]')?.shadowRoot?.textContent ?? '').includes('expose your data'));
      await page.clickBanner('[data-optout-action="guide"][data-optout-setting="linkedin.ai-training"]');
      await waitStep(page, 4, 'Data for Generative AI Improvement');
      await waitCallout(page, 'Step 4 of 5');
    });

    test('walks X\'s path through its single-page app to the Grok switch', async () => {
      const popup = await popupVia(`${LI}/mypreferences/d/categories/privacy`);
      fixture.browser.navigations.push('https://x.com/home');
      await popup.click('button[data-action="guide"][data-setting="x.grok-training"]');
      const page = await findPage('https://x.com/home');
      await waitStep(page, 1, 'Settings and privacy');
      await page.click('[data-optout-guide-step="1"]');
      await waitStep(page, 2, 'Privacy and safety');
      await page.click('[data-optout-guide-step="2"]');
      await waitStep(page, 3, 'Grok & Third-party Collaborators');
      await waitCallout(page, 'Step 3 of 4: Grok & Third-party Collaborators (in “Data sharing and personalization”)');
      await page.click('[data-optout-guide-step="3"]');
      const sw = await waitStep(page, 4, '');
      assert.equal(sw.tag, 'input');
      assert.match(await page.eval(() => document.querySelector('[data-optout-guide-step]').closest('label').textContent), /used for training/);
      await page.close();
    });

    // Last: the audit of what the checklist holds opted-out, and the network check (it closes the browser).
    suiteEnd(fixture);
  });
}
