// Check now and Turn off all end to end, written once and run in both browsers (batch.chromium.test.mjs,
// batch.firefox.test.mjs), from the popup (in a tab: Firefox's driver reaches it through a page's banner)
// over the LinkedIn fixture: which pages the run opened (counted at the fixture server), in a tab of
// its own that is gone afterwards; the confirmation; the site's saved state after a Turn off all, with
// a setting already off, a save that fails with the page's words and one the site never keeps; a run
// stopped mid-way with the popup closed and reopened; a signed-out account; what the background refuses.

import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { suiteEnd, suiteFixture } from './browsers.mjs';
import { SETTING_KEYS } from '../fixtures/saved.mjs';

const LI = 'https://www.linkedin.com';
const HOST = 'www.linkedin.com';
const ADS = `${LI}/mypreferences/d/categories/ads`;
const PRIVACY = `${LI}/mypreferences/d/categories/privacy`;
// A page that reports no setting and whose banner opens the popup (Firefox's driver needs one).
const LINKEDIN = Object.keys(SETTING_KEYS).filter((id) => id.startsWith('linkedin.'));
// Each setting's own page, as the rule knows it (affiliates-sharing has none: its address is not known).
const OWN = {
  'linkedin.ai-training': '/mypreferences/d/settings/data-for-ai-improvement',
  'linkedin.research': '/mypreferences/d/settings/policy-and-academic-research',
  'linkedin.ads-beyond-linkedin': '/mypreferences/d/settings/ads-beyond-linkedin',
  'linkedin.ads-business-interactions': '/mypreferences/d/settings/ads-interactions-with-business',
  'linkedin.ads-measurement': '/mypreferences/d/settings/ads-related-actions',
  'linkedin.ads-inferred-location': '/mypreferences/d/settings/ads-inferred-location',
  'linkedin.ads-interests': '/mypreferences/d/interest-categories',
  'linkedin.ads-age': '/mypreferences/d/settings/ads-by-age',
  'linkedin.ads-gender': '/mypreferences/d/settings/ads-by-gender',
};
const key = (setting) => SETTING_KEYS[setting].key;
const SAVE_FAILED = 'Something went wrong. Your setting was not saved.'; // the fixture page's own alert

async function until(check, what, timeout = 15000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    try { last = await check(); } catch (e) { last = `threw: ${e}`; }
    if (last && !(typeof last === 'string' && last.startsWith('threw:'))) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`${what}; last: ${JSON.stringify(last)}`);
}

// In the popup: what its LinkedIn group shows of the run, and the rows.
const view = () => {
  const group = document.querySelector('[data-platform="linkedin"][data-kind]');
  const bar = group?.querySelector('[role="progressbar"]');
  return {
    bar: bar && { now: bar.getAttribute('aria-valuenow'), max: bar.getAttribute('aria-valuemax'), text: group.querySelector('[data-progress]')?.textContent },
    status: group?.querySelector('[data-batch-status]')?.getAttribute('data-batch-status') ?? null,
    statusText: group?.querySelector('[data-batch-status]')?.textContent ?? null,
    rows: Object.fromEntries([...(group?.querySelectorAll('li[data-setting][data-state]') ?? [])].map((li) => [li.dataset.setting, { state: li.dataset.state, verified: li.dataset.verified ?? null }])),
    outcomes: Object.fromEntries([...(group?.querySelectorAll('[data-outcome-of]') ?? [])].map((li) => [li.dataset.outcomeOf, { outcome: li.dataset.outcome, text: li.textContent }])),
    turnOffAll: !!group?.querySelector('[data-action="turn-off-all"]'),
    check: !!group?.querySelector('[data-action="check"]'),
    error: document.getElementById('error').hidden ? null : document.getElementById('error').textContent,
  };
};
const session = () => (globalThis.browser ?? chrome).storage.session.get('batch').then((s) => s.batch ?? null);

export function batchSuite(launch) {
  describe(`Check now and Turn off all in ${launch.name}`, () => {
    const fixture = suiteFixture(launch);
    let tabs = [];
    afterEach(async () => {
      for (const tab of tabs) await tab.close().catch(() => {});
      tabs = [];
      fixture.server.signIn(HOST);
    });
    const track = (page) => (tabs.push(page), page);

    // The popup in a tab of its own.
    async function openPopup() {
      const popup = track(await fixture.browser.extensionPage('popup/popup.html'));
      await popup.waitFor(() => document.body.dataset.ready === 'true');
      // What the popup showed of the run as it went: each progress bar state, once.
      await popup.eval(() => {
        window.seenBars = [];
        new MutationObserver(() => {
          const bar = document.querySelector('[data-platform="linkedin"] [role="progressbar"]');
          if (!bar) return;
          const text = bar.closest('[data-batch]').querySelector('[data-progress]')?.textContent;
          const seen = `${bar.getAttribute('aria-valuenow')}/${bar.getAttribute('aria-valuemax')} ${text}`;
          if (window.seenBars.at(-1) !== seen) window.seenBars.push(seen);
        }).observe(document.body, { subtree: true, childList: true, attributes: true });
      });
      return popup;
    }
    // The pages the fixture server served as documents (not its scripts, styles or saved-state API).
    const pageLoads = (since) => fixture.server.requests.slice(since).filter((r) => r.method === 'GET' && r.host.startsWith(HOST) && !r.url.startsWith('/fixture-') && r.url !== '/favicon.ico');
    // The run's navigations are the person's request (the popup's button): declared for the network check.
    const expectPages = (urls) => { for (const url of urls) fixture.browser.navigations.push(url); };
    const waitEnded = (popup, timeout = 60000) => until(() => popup.eval(session).then((b) => (b && b.status !== 'running' ? b : null)), 'the run did not end', timeout);
    const linkedinTabs = async (popup) => popup.eval(() => (globalThis.browser ?? chrome).tabs.query({ url: 'https://www.linkedin.com/*' }).then((ts) => ts.map((t) => ({ id: t.id, active: t.active, url: t.url }))));

    async function checkNow(popup) {
      expectPages([ADS, PRIVACY]);
      await popup.click('[data-platform="linkedin"] [data-action="check"]');
      return waitEnded(popup);
    }

    test('Check now fills LinkedIn\'s ten rows from its two category pages, in a background tab of its own that it closes', async () => {
      fixture.server.saved.arrange(HOST, { [key('linkedin.ads-age')]: 'off', [key('linkedin.research')]: 'off' });
      const popup = await openPopup();
      const before = await popup.eval(view);
      assert.ok(Object.values(before.rows).every((r) => r.state === 'unknown'), `not checked yet: ${JSON.stringify(before.rows)}`);
      assert.ok(before.check && !before.turnOffAll, 'Check now is offered; nothing exposes the person yet');
      const tabsBefore = await fixture.browser.openTabs();
      const since = fixture.server.requests.length;
      const changes = fixture.server.history.length;
      expectPages([ADS, PRIVACY]);
      await popup.click('[data-platform="linkedin"] [data-action="check"]');
      // Its tab, while it runs: in the background, never the person's.
      const during = await until(async () => (await linkedinTabs(popup)).find((t) => t.url.startsWith(`${LI}/mypreferences/`)), 'OptOut opened no tab');
      assert.equal(during.active, false, 'OptOut\'s tab opens in the background');
      const run = await waitEnded(popup);
      assert.equal(run.status, 'done');
      const loads = pageLoads(since).map((r) => r.url);
      assert.deepEqual(loads.sort(), ['/mypreferences/d/categories/ads', '/mypreferences/d/categories/privacy'], 'only the two category pages were loaded');
      const after = await until(() => popup.eval(view).then((v) => (v.status === 'done' ? v : null)), 'the popup did not show the end');
      const expected = Object.fromEntries(LINKEDIN.map((id) => [id, { state: ['linkedin.ads-age', 'linkedin.research'].includes(id) ? 'opted-out' : 'opted-in', verified: 'fresh-load' }]));
      assert.deepEqual(after.rows, expected, 'every row filled from the lists, as the site saved them');
      assert.match(after.statusText, /10 of 10/);
      assert.ok(after.turnOffAll, 'Turn off all appears once a setting exposes the person');
      const bars = await popup.eval(() => window.seenBars);
      assert.ok(bars.some((b) => /^[01]\/2 [01] of 2 pages$/.test(b)), `the progress bar said how far it was: ${JSON.stringify(bars)}`);
      await until(async () => (await fixture.browser.openTabs()) === tabsBefore, 'OptOut\'s tab was not closed');
      assert.deepEqual(await linkedinTabs(popup), [], 'no LinkedIn tab is left');
      if (fixture.browser.badgeText) assert.equal(await fixture.browser.badgeText(), '8', 'the badge counts the exposed settings again');
      assert.deepEqual(fixture.server.history.slice(changes), [], 'a check changes nothing');
    });

    test('Turn off all asks first, then turns off each exposed setting on its page: one already off untouched, a failed save in the page\'s words, one the site did not keep', async () => {
      fixture.server.saved.arrange(HOST, { [key('linkedin.ads-age')]: 'off' });
      fixture.server.saved.answerSaves(HOST, key('linkedin.ads-gender'), 'fail');
      fixture.server.saved.answerSaves(HOST, key('linkedin.ads-interests'), 'never');
      const popup = await openPopup();
      await checkNow(popup);
      await until(() => popup.eval(view).then((v) => v.turnOffAll), 'no Turn off all');
      const asked = Date.now();
      await popup.click('[data-platform="linkedin"] [data-action="turn-off-all"]');
      await popup.waitFor(() => !!document.querySelector('[data-confirm="linkedin"] [data-action="confirm"]'));
      const listed = await popup.eval(() => [...document.querySelectorAll('[data-confirm="linkedin"] [data-setting]')].map((el) => el.dataset.setting));
      const exposedWithPage = Object.keys(OWN).filter((id) => id !== 'linkedin.ads-age');
      assert.deepEqual(listed, LINKEDIN.filter((id) => exposedWithPage.includes(id)), 'the confirmation lists exactly what will change');
      assert.match(await popup.eval(() => document.querySelector('[data-confirm] [data-not-included]').textContent), /Share data with affiliates and partners/);
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.deepEqual(fixture.server.history.filter((c) => c.by === 'saved' && c.at >= asked), [], 'nothing is changed before the confirmation');
      // The clicked pages load twice (the click, then a fresh load).
      expectPages(exposedWithPage.flatMap((id) => [`${LI}${OWN[id]}`, `${LI}${OWN[id]}`]));
      const since = fixture.server.requests.length;
      const started = Date.now();
      await popup.click('[data-confirm="linkedin"] [data-action="confirm"]');
      const run = await waitEnded(popup, 150000);
      assert.equal(run.status, 'done');
      const saved = fixture.server.saved.of(HOST);
      for (const id of exposedWithPage) {
        const want = ['linkedin.ads-gender', 'linkedin.ads-interests'].includes(id) ? undefined : 'off';
        assert.equal(saved[key(id)], want, `${id} saved ${saved[key(id)]}`);
      }
      const touched = fixture.server.history.filter((c) => c.at >= started && c.by === 'saved').map((c) => c.key).sort();
      assert.deepEqual(touched, exposedWithPage.filter((id) => !['linkedin.ads-gender', 'linkedin.ads-interests'].includes(id)).map(key).sort(), 'nothing else was saved');
      assert.equal(saved[key('linkedin.ads-age')], 'off', 'the one already off');
      assert.equal(saved[key('linkedin.affiliates-sharing')], undefined, 'the one not listed stays as it was');
      const loads = pageLoads(since).map((r) => r.url);
      assert.equal(loads.length, exposedWithPage.length * 2 - 1, `each clicked page and its fresh load; the failed save is not reloaded: ${loads}`);
      const shown = await until(() => popup.eval(view).then((v) => (Object.keys(v.outcomes).length === exposedWithPage.length ? v : null)), 'no outcomes');
      for (const id of exposedWithPage) {
        const want = id === 'linkedin.ads-gender' || id === 'linkedin.ads-interests' ? 'failed' : 'turned-off';
        assert.equal(shown.outcomes[id].outcome, want, `${id}: ${shown.outcomes[id].text}`);
      }
      assert.ok(shown.outcomes['linkedin.ads-gender'].text.includes(SAVE_FAILED), `the page's own words: ${shown.outcomes['linkedin.ads-gender'].text}`);
      assert.match(shown.outcomes['linkedin.ads-interests'].text, /on again after a reload/);
      assert.equal(shown.rows['linkedin.ads-gender'].state, 'opted-in');
      assert.deepEqual({ ...shown.rows['linkedin.ai-training'] }, { state: 'opted-out', verified: 'fresh-load' }, 'confirmed from a fresh load');
      assert.deepEqual(await linkedinTabs(popup), [], 'OptOut\'s tab is closed');
    });

    test('a run stops when asked, mid-way, from a popup closed and opened again; a second run meanwhile is refused', async () => {
      const first = await openPopup();
      await checkNow(first);
      expectPages(Object.values(OWN).flatMap((p) => [`${LI}${p}`, `${LI}${p}`]));
      await first.click('[data-platform="linkedin"] [data-action="turn-off-all"]');
      await first.waitFor(() => !!document.querySelector('[data-confirm="linkedin"] [data-action="confirm"]'));
      await first.click('[data-confirm="linkedin"] [data-action="confirm"]');
      await until(() => first.eval(session).then((b) => b?.status === 'running' && Object.keys(b.outcomes).length >= 1), 'the run did not reach its second setting', 60000);
      // A second request while it runs: refused with a message, and nothing else starts.
      const refused = await first.eval(() => (globalThis.browser ?? chrome).runtime.sendMessage({ type: 'batch-check', platform: 'x' }));
      assert.equal(refused.ok, false);
      assert.match(refused.error, /already running on LinkedIn/);
      await first.close();
      const popup = await openPopup();
      const again = await until(() => popup.eval(view).then((v) => v.bar), 'the reopened popup shows no run');
      assert.equal(again.max, '9');
      assert.match(again.text, /^\d of 9 settings$/);
      if (fixture.browser.badgeText) assert.match(await fixture.browser.badgeText(), /^\d\/9$/, 'the badge shows the progress');
      await popup.click('[data-platform="linkedin"] [data-action="stop"]');
      const run = await waitEnded(popup);
      assert.equal(run.status, 'cancelled');
      await until(async () => (await linkedinTabs(popup)).length === 0, 'OptOut\'s tab was not closed');
      const stoppedAt = fixture.server.history.length;
      await new Promise((resolve) => setTimeout(resolve, 3000));
      assert.equal(fixture.server.history.length, stoppedAt, 'nothing changed after the stop');
      const off = Object.values(fixture.server.saved.of(HOST)).filter((s) => s === 'off').length;
      assert.ok(off >= 1 && off < 9, `stopped mid-way: ${off} of 9 turned off`);
      assert.equal((await popup.eval(view)).status, 'cancelled');
    });

    test('signed out, it says "Sign in to LinkedIn first" and touches nothing', async () => {
      const popup = await openPopup();
      const held = await popup.eval(() => (globalThis.browser ?? chrome).storage.local.get('checklist'));
      fixture.server.signOut(HOST);
      expectPages([ADS, `${LI}/login?session_redirect=${encodeURIComponent(ADS)}`]);
      const since = fixture.server.requests.length;
      await popup.click('[data-platform="linkedin"] [data-action="check"]');
      const run = await waitEnded(popup);
      assert.equal(run.status, 'signed-out');
      const shown = await until(() => popup.eval(view).then((v) => (v.status === 'signed-out' ? v : null)), 'the popup did not say so');
      assert.match(shown.statusText, /^Sign in to LinkedIn first/);
      assert.deepEqual(pageLoads(since).map((r) => r.url.split('?')[0]), ['/mypreferences/d/categories/ads', '/login'], 'it stopped at the sign-in page');
      assert.deepEqual(await popup.eval(() => (globalThis.browser ?? chrome).storage.local.get('checklist')), held, 'the checklist is as it was');
      await until(async () => (await linkedinTabs(popup)).length === 0, 'OptOut\'s tab was not closed');
    });

    test('the content script turns nothing off on a word that is not a confirmed run\'s; a page cannot start a run', async () => {
      const page = track(await fixture.browser.newPage());
      await page.goto(`${LI}${OWN['linkedin.ai-training']}`);
      await page.waitFor(() => document.querySelector('[data-optout-setting="linkedin.ai-training"]')?.getAttribute('data-optout-state') === 'opted-in');
      const popup = await openPopup();
      const last = await popup.eval(session);
      const changes = fixture.server.history.length;
      const reply = await popup.eval(async () => {
        const api = globalThis.browser ?? chrome;
        const [tab] = await api.tabs.query({ url: 'https://www.linkedin.com/mypreferences/*' });
        return api.tabs.sendMessage(tab.id, { type: 'batch-apply', setting: 'linkedin.ai-training' });
      });
      assert.deepEqual(reply, { phase: 'refused' });
      const sender = { id: await popup.eval(() => (globalThis.browser ?? chrome).runtime.id), url: `${LI}/feed/`, frameId: 0, tab: { id: 4242, url: `${LI}/feed/` } };
      const forged = await fixture.browser.handleInBackground({ type: 'batch-check', platform: 'linkedin' }, sender, { via: popup });
      assert.equal(forged.ok, false);
      assert.match(forged.error, /OptOut's own pages only/);
      const bad = await popup.eval(() => (globalThis.browser ?? chrome).runtime.sendMessage({ type: 'batch-turn-off', platform: 'linkedin', settings: ['x.grok-training'] }));
      assert.match(bad.error, /not a setting of LinkedIn/);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      assert.deepEqual(fixture.server.history.slice(changes), [], 'nothing was saved');
      assert.deepEqual(await popup.eval(session), last, 'no run was started');
    });

    suiteEnd(fixture);
  });
}
