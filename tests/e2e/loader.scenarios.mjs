// What loads where, end to end, written once and run in both browsers (loader.chromium.test.mjs,
// loader.firefox.test.mjs, the latter twice: Firefox 153 as it is, and with its Navigation API switched off
// as Firefox ESR 140 has none): every page of a supported site runs only the bootstrap; in-app navigation
// into the settings area (X's single-page app: heard through the Navigation API where the page has it, else
// through the background's tabs.onUpdated) loads the page code, which marks; leaving the area stops its DOM observer,
// coming back resumes it; a platform the person switched off gets no page code.
// What runs in a tab is read from the extension's own isolated world with scripting.executeScript, from an
// extension page: the page itself cannot see it.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { suiteEnd, suiteFixture, waitBanner, waitState } from './browsers.mjs';

const X = 'https://x.com';
const GROK = `${X}/settings/grok_settings`;
const GROK_MARK = '[data-optout-setting="x.grok-training"]';

async function until(check, what, timeout = 10000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    try { last = await check(); } catch (e) { last = String(e); }
    if (last === true) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`${what}; last: ${JSON.stringify(last)}`);
}

// In an extension page: what OptOut runs in the (only) tab at `url`'s address, read in its isolated world.
async function probe(url) {
  const api = globalThis.browser ?? globalThis.chrome;
  const tabs = (await api.tabs.query({})).filter((t) => t.url === url);
  if (tabs.length !== 1) return `${tabs.length} tabs at ${url}`;
  const [{ result }] = await api.scripting.executeScript({
    target: { tabId: tabs[0].id },
    func: () => ({
      bootstrap: globalThis.__optoutBootstrap === true,
      content: globalThis.__optoutContentLoaded === true,
      observing: globalThis.__optoutObserving === true,
    }),
  });
  return result;
}

// `launch.navigationApi`: whether the browser's pages have the Navigation API (checked, not assumed);
// `launch.backgroundIdleMs`: Firefox's event-page idle timeout as the launch set it, to let it go idle.
export function loaderSuite(launch) {
  describe(`what loads where in ${launch.name}${launch.navigationApi ? '' : ' without the Navigation API'}`, () => {
    const fixture = suiteFixture(launch);

    async function open(url) {
      const page = await fixture.browser.newPage();
      await page.goto(url);
      return page;
    }
    // An extension page to probe from (Firefox reaches one through a page's banner, then closes that page).
    async function prober() {
      const from = await open(GROK);
      await waitBanner(from, 'Turn off');
      const ext = await fixture.browser.extensionPage('popup/popup.html', { from });
      await from.close();
      return ext;
    }
    const state = (ext, page) => ext.eval(probe, page.url());
    const expectState = (ext, page, want, what) =>
      until(async () => { const got = await state(ext, page); return JSON.stringify(got) === JSON.stringify(want) || got; }, what);

    // In-app, by the site's own links (pushState, no page load, no popstate): the timeline → the settings
    // home (outside the area: /settings is not /settings/) → Privacy and safety → Grok.
    async function toGrok(page) {
      for (const href of ['/settings', '/settings/privacy_and_safety', '/settings/grok_settings']) {
        await page.waitFor((href) => !!document.querySelector(`a[href="${href}"]`), href);
        await page.eval((href) => document.querySelector(`a[href="${href}"]`).click(), href);
        await page.waitFor((href) => location.pathname === href, href);
      }
    }
    // Firefox's event page: when it started (a new time origin each time it is woken after going idle).
    const backgroundStart = (ext) => ext.eval(async () => (await browser.runtime.getBackgroundPage()).performance.timeOrigin);

    test('the timeline runs only the bootstrap; in-app navigation into settings loads the page code; leaving stops its observer, coming back resumes it', async () => {
      const ext = await prober();
      const page = await open(`${X}/home`);
      await page.waitFor(() => location.pathname === '/home' && !!document.querySelector('a[href="/settings"]'));
      // Which way this browser hears URL changes: the suite runs both.
      assert.equal(await page.eval(() => typeof globalThis.navigation === 'object'), launch.navigationApi, 'the Navigation API');
      await expectState(ext, page, { bootstrap: true, content: false, observing: false }, 'the timeline got more than the bootstrap');
      // Nothing more arrives later: a second look after a while.
      await new Promise((resolve) => setTimeout(resolve, 800));
      assert.deepEqual(await state(ext, page), { bootstrap: true, content: false, observing: false });
      assert.equal(await page.eval(() => !!document.querySelector('[data-optout-banner]')), false);
      // Firefox's event page goes idle (its timeout shortened by a pref): the tab's URL change must wake it.
      const idleFrom = launch.backgroundIdleMs ? await backgroundStart(ext) : null;
      if (launch.backgroundIdleMs) await new Promise((resolve) => setTimeout(resolve, launch.backgroundIdleMs + 2500));

      // Into the settings area without a page load: the page code comes and marks.
      await toGrok(page);
      await waitState(page, GROK_MARK, 'opted-in');
      await expectState(ext, page, { bootstrap: true, content: true, observing: true }, 'the settings area is not observed');
      if (launch.backgroundIdleMs) assert.notEqual(await backgroundStart(ext), idleFrom, 'the event page did not go idle: the test showed nothing about waking it');

      // Out of it, in-app: marks and banner go, and so does the DOM observer.
      await page.eval(() => document.querySelector('a[href="/home"]').click());
      await page.waitFor(() => location.pathname === '/home' && !document.querySelector('[data-optout-banner]'));
      await expectState(ext, page, { bootstrap: true, content: true, observing: false }, 'the timeline is still observed');

      // Back in: observed and marked again.
      await toGrok(page);
      await waitState(page, GROK_MARK, 'opted-in');
      await expectState(ext, page, { bootstrap: true, content: true, observing: true }, 'the settings area is not observed again');
      await page.close();
      await ext.close();
    });

    test('a platform the person switched off gets no page code, even in its settings area; switched on again, it does', async () => {
      const ext = await prober();
      await ext.eval(() => (globalThis.browser ?? chrome).storage.local.set({ platforms: { x: false } }));
      try {
        const page = await open(GROK);
        await page.waitFor(() => !!document.querySelector('input[type="checkbox"], [role="switch"]'));
        await new Promise((resolve) => setTimeout(resolve, 1500));
        assert.deepEqual(await state(ext, page), { bootstrap: true, content: false, observing: false });
        assert.equal(await page.eval(() => !!document.querySelector('[data-optout-banner], [data-optout-state]')), false);
        // The control: the same page with the platform on.
        await ext.eval(() => (globalThis.browser ?? chrome).storage.local.set({ platforms: { x: true } }));
        await page.reload();
        await waitState(page, GROK_MARK, 'opted-in');
        await page.close();
      } finally {
        await ext.eval(() => (globalThis.browser ?? chrome).storage.local.remove('platforms'));
        await ext.close();
      }
    });

    suiteEnd(fixture);
  });
}
