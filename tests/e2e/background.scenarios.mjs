// The background believes only what it can check, written once and run in both browsers
// (background.chromium.test.mjs, background.firefox.test.mjs). Messages reach its handler two ways:
// for real, from the extension's own page (the browser names that page as the sender), and called
// directly with a forged sender, as a content script on a supported site would be named (Chromium's
// service worker and Firefox's background page are both reachable from the tests). What storage holds
// is read from the extension's page after each.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { suiteEnd, suiteFixture, waitState } from './browsers.mjs';
import { enablePlatform } from './platform-access.mjs';

const BASE = 'https://www.linkedin.com';
const AI_PATH = '/mypreferences/d/settings/data-for-ai-improvement';
const AI = `${BASE}${AI_PATH}`;
const AI_MARK = '[data-optout-setting="linkedin.ai-training"]';
// A page that reports no setting and whose banner opens the popup (Firefox's driver needs one).
const QUIET = 'https://www.facebook.com/help/contact/712876720715583';

const report = (state, verified = 'fresh-load') => ({ setting: 'linkedin.ai-training', state, verified });

export function backgroundSuite(launch) {
  describe(`The background in ${launch.name}`, () => {
    const fixture = suiteFixture(launch);
    // Meta (its objection forms) is asked for on request: switched on first, as a person does (platform-access.mjs).
    before(() => enablePlatform(fixture.browser, 'meta'));

    // The popup in a tab of its own (reached from a quiet page in Firefox), and the page it came from.
    async function openPopup() {
      const from = await fixture.browser.newPage();
      await from.goto(QUIET);
      await from.waitFor(() => !!document.querySelector('[data-optout-banner]')?.shadowRoot?.querySelector('[data-optout-action="checklist"]'));
      const popup = await fixture.browser.extensionPage('popup/popup.html', { from });
      await popup.waitFor(() => document.body.dataset.ready === 'true');
      return { popup, close: async () => { await popup.close(); await from.close(); } };
    }

    // A content script's sender on a page at `url`, as the browser would name it.
    const senderAt = async (popup, url) => {
      const id = await popup.eval(() => (globalThis.browser ?? chrome).runtime.id);
      return { id, url, frameId: 0, tab: { id: 424242, url, windowId: 1, active: true } };
    };
    const handle = (popup, message, sender) => fixture.browser.handleInBackground(message, sender, { via: popup });
    // Sent for real from the extension's page: the browser names that page as the sender.
    const send = (popup, message) => popup.eval((message) => (globalThis.browser ?? chrome).runtime.sendMessage(message), message);
    const storage = (popup) => popup.eval(async () => {
      const api = globalThis.browser ?? chrome;
      return { local: await api.storage.local.get(null), session: await api.storage.session.get(null) };
    });
    // Puts back the checklist a test started with (the suite's closing audit reads what is left).
    const restore = (popup, { local }) => popup.eval((checklist) => (globalThis.browser ?? chrome).storage.local.set({ checklist }), local.checklist);

    test('a supported page without a guide leaves session storage untouched: a read writes nothing', async () => {
      const { popup, close } = await openPopup();
      // Every change of session storage from here on is counted in the extension's page.
      await popup.eval(() => {
        window.sessionWrites = 0;
        (globalThis.browser ?? chrome).storage.onChanged.addListener((changes, area) => { if (area === 'session') window.sessionWrites += 1; });
      });
      assert.deepEqual((await storage(popup)).session, {}, 'nothing held at the start');
      // Each load of a supported page asks the background for its tab's guide (guide-get).
      const page = await fixture.browser.newPage();
      await page.goto(AI);
      await waitState(page, AI_MARK, 'opted-in');
      await page.reload();
      await waitState(page, AI_MARK, 'opted-in');
      const other = await fixture.browser.newPage();
      await other.goto(QUIET);
      await other.waitFor(() => !!document.querySelector('[data-optout-banner]'));
      await other.close(); // a tab closing without a guide: nothing to forget
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.deepEqual({ ...(await storage(popup)).session, writes: await popup.eval(() => window.sessionWrites) }, { writes: 0 });
      // The control: a guide started is written, and the same count sees it.
      await send(popup, { type: 'guide-start', setting: 'linkedin.ai-training' });
      await popup.waitFor(() => window.sessionWrites > 0);
      const { guides } = (await storage(popup)).session;
      assert.deepEqual(Object.values(guides).map((g) => g.setting), ['linkedin.ai-training']);
      await page.close();
      await close();
    });

    test('a report carrying its own time or address is malformed: refused, and nothing is stored', async () => {
      const { popup, close } = await openPopup();
      const before = await storage(popup);
      const sender = await senderAt(popup, AI);
      for (const forged of [
        { ...report('opted-out'), at: 8.64e15 }, // far in the future: it once froze the entry
        { ...report('opted-out'), url: `${AI}?${'q'.repeat(3_000_000)}` }, // megabytes: it once filled the quota
        { ...report('opted-out'), at: Date.now(), url: AI },
      ]) {
        const answer = await handle(popup, { type: 'report', reports: [forged] }, sender);
        assert.deepEqual(answer, { ok: false, error: 'malformed report' }, Object.keys(forged).join());
      }
      assert.deepEqual(await storage(popup), before);
      await close();
    });

    test('the background stamps the time itself and stores only the path of the sender\'s page', async () => {
      const { popup, close } = await openPopup();
      const before = await storage(popup);
      const start = Date.now();
      const answer = await handle(popup, { type: 'report', reports: [report('opted-in')] }, await senderAt(popup, `${AI}?trk=mail&token=${'t'.repeat(1_000_000)}#top`));
      assert.equal(answer.ok, true, answer.error);
      const { checklist } = (await storage(popup)).local;
      const seen = checklist.seen['linkedin.ai-training'];
      assert.deepEqual({ ...seen, at: typeof seen.at }, { state: 'opted-in', at: 'number', path: AI_PATH, verified: 'fresh-load' });
      assert.ok(seen.at >= start && seen.at <= Date.now(), `stamped ${seen.at}, between ${start} and now`);
      assert.equal(checklist.version, 2);
      // A path of megabytes is kept to 2,000 characters: the checklist stays small.
      await handle(popup, { type: 'report', reports: [report('opted-in')] }, await senderAt(popup, `${BASE}/${'p'.repeat(3_000_000)}`));
      const { checklist: after } = (await storage(popup)).local;
      assert.equal(after.seen['linkedin.ai-training'].path.length, 2000);
      assert.ok(JSON.stringify(after).length < 3000, `${JSON.stringify(after).length} characters stored`);
      await restore(popup, before);
      await close();
    });

    test('a report from a page on a site the rules do not know, or of another platform\'s setting, is refused', async () => {
      const { popup, close } = await openPopup();
      const before = await storage(popup);
      // For real: the extension's own page is no supported site.
      const real = await send(popup, { type: 'report', reports: [report('opted-out')] });
      assert.deepEqual(real, { ok: false, error: 'report refused: the sender\'s page is not on a site the rules know' });
      for (const url of ['https://evil.example' + AI_PATH, 'http://www.linkedin.com' + AI_PATH, QUIET, '']) {
        const answer = await handle(popup, { type: 'report', reports: [report('opted-out')] }, await senderAt(popup, url));
        assert.deepEqual(answer, { ok: false, error: 'report refused: the sender\'s page is not on a site the rules know' }, url);
      }
      const grok = await handle(popup, { type: 'report', reports: [report('opted-in'), { setting: 'x.grok-training', state: 'opted-out', verified: 'fresh-load' }] }, await senderAt(popup, AI));
      assert.deepEqual(grok, { ok: false, error: 'report refused: a setting that is not one of the sender\'s site' });
      assert.deepEqual(await storage(popup), before);
      await close();
    });

    test('malformed and unknown messages get a clear error and change nothing', async () => {
      const { popup, close } = await openPopup();
      const before = await storage(popup);
      const valid = report('opted-in');
      for (const [message, error] of [
        ['report', /^malformed message: a message must be an object$/],
        [{ type: 'nope' }, /^malformed message: unknown message type "nope"$/],
        [{ type: ['report'], reports: [valid] }, /unknown message type/],
        [{ type: 'report' }, /^malformed message: report: missing or ill-typed field reports$/],
        [{ type: 'report', reports: 'all of them' }, /ill-typed field reports/],
        [{ type: 'report', reports: [valid], at: 1 }, /^malformed message: report: unexpected field "at"$/],
        [{ type: 'report', reports: [{ ...valid, state: 'sideways' }] }, /^malformed report$/],
        [{ type: 'report', reports: [{ ...valid, verified: 'trust-me' }] }, /^malformed report$/],
        [{ type: 'report', reports: Array(201).fill(valid) }, /^malformed report$/],
        [{ type: 'core', method: 'recordReports', arg: [] }, /ill-typed field method/],
        [{ type: 'core', method: 'evaluate', arg: 'a snapshot' }, /^malformed message: core: ill-typed argument of evaluate$/],
        [{ type: 'core', method: 'evaluate', arg: { url: 5 } }, /^malformed snapshot$/],
        [{ type: 'guide-start', setting: 5 }, /ill-typed field setting/],
        [{ type: 'guide-set', setting: 'linkedin.ai-training', reached: 1.5 }, /ill-typed field reached/],
        [{ type: 'dismiss-notice', please: true }, /unexpected field "please"/],
      ]) {
        const answer = await send(popup, message);
        assert.equal(answer?.ok, false, JSON.stringify(message).slice(0, 100));
        assert.match(answer.error, error);
      }
      assert.deepEqual(await storage(popup), before);
      await close();
    });

    test('a snapshot beyond the limits is cut before the background evaluates it', async () => {
      const { popup, close } = await openPopup();
      const control = (name) => ({ tag: 'input', role: 'switch', input_type: 'checkbox', checked: true, name, keys: [], href: '', text: '' });
      const snapshot = (before) => ({
        url: AI, ui_lang: 'en', elapsed_ms: 0, heading: 'h'.repeat(1_000_000), page_text: '',
        switches: [...Array(before).fill(control('Something else entirely')), control('Use my data for training content creation AI models')],
        rows: [],
      });
      const status = async (before) => {
        const answer = await send(popup, { type: 'core', method: 'evaluate', arg: snapshot(before) });
        assert.equal(answer.ok, true, answer.error);
        return answer.value.findings.find((f) => f.setting === 'linkedin.ai-training').status;
      };
      assert.equal(await status(199), 'opted-in', 'the 200th switch is read');
      assert.notEqual(await status(200), 'opted-in', 'the 201st is not');
      await close();
    });

    test('a time stored in the future no longer holds a setting back, and one without a date is dropped', async () => {
      const { popup, close } = await openPopup();
      const before = await storage(popup);
      // Format 1, as reports with their own times left it.
      await popup.eval((AI) => (globalThis.browser ?? chrome).storage.local.set({ checklist: { version: 1, seen: {
        'linkedin.ai-training': { state: 'opted-out', at: 2.5e14, url: AI }, // the year 9891
        'linkedin.ads-age': { state: 'opted-in', at: 1e300, url: AI }, // no calendar date
      } } }), AI);
      const answer = await handle(popup, { type: 'report', reports: [report('opted-in')] }, await senderAt(popup, AI));
      assert.equal(answer.ok, true, answer.error);
      const { checklist } = (await storage(popup)).local;
      assert.equal(checklist.version, 2);
      assert.equal(checklist.notice, 'partial', 'the entry without a date was dropped, and the popup says so');
      assert.deepEqual(Object.keys(checklist.seen), ['linkedin.ai-training']);
      const seen = checklist.seen['linkedin.ai-training'];
      assert.equal(seen.state, 'opted-in');
      assert.ok(seen.at <= Date.now(), `at ${seen.at}`);
      await restore(popup, before);
      await close();
    });

    // Last: the audit of what the checklist holds opted-out, and the network check (it closes the browser).
    suiteEnd(fixture);
  });
}
