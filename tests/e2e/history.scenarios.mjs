// History, drift, reminders and the options, end to end, written once and run in both browsers
// (history.chromium.test.mjs, history.firefox.test.mjs): the receipts of a banner Turn off on LinkedIn's
// fixture as rows of the options page, both exports read back (JSON parsed, CSV parsed), clearing after
// a confirmation, the 1,000 bound and a corrupt history; the fixture site turning a setting back on
// (popup row, badge, banner); reminders falling due when the clock handed to the background moves on
// (no sleeping); and every option: the banner off and on, the reminder interval.
// The options page is opened as a person would from the checklist's tab (runtime.openOptionsPage), which
// Firefox's driver can reach too.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { suiteEnd, suiteFixture, waitShownOff, waitState } from './browsers.mjs';

const BASE = 'https://www.linkedin.com';
const AI_PATH = '/mypreferences/d/settings/data-for-ai-improvement';
const AI = `${BASE}${AI_PATH}`;
const AI_MARK = '[data-optout-setting="linkedin.ai-training"]';
const DAY = 86_400_000;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

// RFC 4180, as a spreadsheet reads it: quoted fields with doubled quotes, CRLF line ends.
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; } else field += c;
  }
  assert.equal(field + row.join(''), '', 'the CSV ends with CRLF');
  return rows;
}

export function historySuite(launch) {
  describe(`History, drift, reminders and options in ${launch.name}`, () => {
    const fixture = suiteFixture(launch);

    async function open(url) {
      const page = await fixture.browser.newPage({ window: true });
      await page.goto(url);
      return page;
    }

    // The checklist in a tab of its own.
    async function openPopup() {
      const popup = await fixture.browser.extensionPage('popup/popup.html');
      await popup.waitFor(() => document.body.dataset.ready === 'true');
      return { popup, close: () => popup.close() };
    }

    // The options page, opened as the browser's own "Options" entry does (runtime.openOptionsPage).
    async function openOptions(popup) {
      const origin = await popup.eval(() => location.origin);
      await popup.eval(() => (globalThis.browser ?? chrome).runtime.openOptionsPage());
      const options = await fixture.browser.findPage(`${origin}/options/options.html`);
      await options.waitFor(() => document.getElementById('history')?.dataset.ready === 'true' && document.getElementById('preferences')?.dataset.ready === 'true');
      return options;
    }

    // Waits until `check(storage.local)` holds, read in an extension page every 50 ms (the drivers'
    // waitFor takes a page function's promise for a truthy answer, so storage is polled from here).
    async function untilStored(page, check, what, timeout = 10000) {
      const deadline = Date.now() + timeout;
      for (;;) {
        const held = await page.eval(() => (globalThis.browser ?? chrome).storage.local.get(null));
        if (check(held)) return held;
        if (Date.now() > deadline) assert.fail(`storage never held ${what}: ${JSON.stringify(held).slice(0, 500)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    const local = (page, keys) => page.eval((keys) => (globalThis.browser ?? chrome).storage.local.get(keys), keys);
    const setLocal = (page, items) => page.eval((items) => (globalThis.browser ?? chrome).storage.local.set(items), items);
    const send = (page, message) => page.eval((message) => (globalThis.browser ?? chrome).runtime.sendMessage(message), message);
    const badge = (page) => page.eval(async () => {
      const api = globalThis.browser ?? chrome;
      return { text: await api.action.getBadgeText({}), title: await api.action.getTitle({}) };
    });
    const rows = (options) => options.eval(() => [...document.querySelectorAll('[data-receipt]')].map((r) => ({ ...r.dataset, receipt: undefined })));
    // Starts from nothing seen and no history (the suite's audit reads the checklist after each test).
    const forget = (page) => page.eval(() => (globalThis.browser ?? chrome).storage.local.remove(['checklist', 'history', 'preferences']));

    test('a banner Turn off on LinkedIn and the reload after it are rows of the history: setting, from, to, when (ISO 8601), how verified', async () => {
      const { popup, close } = await openPopup();
      await forget(popup);
      const start = Date.now();
      const page = await open(AI);
      await waitState(page, AI_MARK, 'opted-in');
      await page.clickBanner('[data-optout-action="turn-off"][data-optout-setting="linkedin.ai-training"]');
      await waitShownOff(page);
      await page.reload();
      await waitState(page, AI_MARK, 'opted-out');
      await page.reload(); // the same state read again: counted on its entry, no new row
      await waitState(page, AI_MARK, 'opted-out');
      const options = await openOptions(popup);
      await options.waitFor(() => document.querySelectorAll('[data-receipt]').length >= 3 && /2 /.test(document.querySelector('[data-receipt] .reads')?.textContent ?? ''));
      const got = await rows(options);
      assert.deepEqual(got.map(({ setting, from, to, verified }) => ({ setting, from, to, verified })), [
        { setting: 'linkedin.ai-training', from: 'opted-out', to: 'opted-out', verified: 'fresh-load' },
        { setting: 'linkedin.ai-training', from: 'opted-in', to: 'opted-out', verified: 'read-back' },
        { setting: 'linkedin.ai-training', from: 'unknown', to: 'opted-in', verified: 'fresh-load' },
      ], 'newest first');
      for (const r of got) {
        assert.match(r.at, ISO);
        assert.ok(Date.parse(r.at) >= start - 1 && Date.parse(r.at) <= Date.now(), r.at);
      }
      assert.ok(Date.parse(got[0].at) >= Date.parse(got[1].at) && Date.parse(got[1].at) >= Date.parse(got[2].at));
      // The row names the setting as the platform does and says how it was read.
      const first = await options.eval(() => document.querySelector('[data-receipt]').textContent);
      assert.match(first, /Data for Generative AI Improvement.*Off: protected.*Off: protected.*On a fresh page load/);
      await options.close();
      await page.close();
      await close();
    });

    test('both exports hold every row, downloaded from an object URL of the page: the JSON parsed, the CSV parsed', async () => {
      const { popup, close } = await openPopup();
      const options = await openOptions(popup);
      await options.waitFor(() => document.querySelectorAll('[data-receipt]').length >= 3);
      const shown = await rows(options);
      // What the page hands to a download: the object URL's blob and the link clicked (the click itself
      // is held back so that no file dialog opens in the test's browser).
      await options.eval(() => {
        window.downloads = [];
        const blobs = new Map();
        const make = URL.createObjectURL.bind(URL);
        URL.createObjectURL = (blob) => { const url = make(blob); blobs.set(url, blob); return url; };
        HTMLAnchorElement.prototype.click = function () {
          window.downloads.push(blobs.get(this.href).text().then((text) => ({ href: this.href, name: this.download, type: blobs.get(this.href).type, text })));
        };
      });
      await options.click('[data-action="export-json"]');
      await options.click('[data-action="export-csv"]');
      const [json, csv] = await options.eval(() => Promise.all(window.downloads));
      for (const d of [json, csv]) assert.match(d.href, /^blob:(chrome-extension|moz-extension):\/\//);
      assert.match(json.name, /^optout-history-\d{4}-\d\d-\d\d\.json$/);
      assert.match(csv.name, /^optout-history-\d{4}-\d\d-\d\d\.csv$/);
      assert.equal(json.type, 'application/json');
      const receipts = JSON.parse(json.text);
      assert.deepEqual(receipts.map(({ setting, from, to, at, verified }) => ({ setting, from, to, at, verified })), shown.map(({ setting, from, to, at, verified }) => ({ setting, from, to, at, verified })));
      assert.deepEqual(receipts.map((r) => r.path), shown.map(() => AI_PATH));
      assert.deepEqual(receipts.map((r) => r.reads), [2, 1, 1]);
      const [header, ...lines] = parseCsv(csv.text);
      assert.deepEqual(header, ['setting', 'from', 'to', 'at', 'verified', 'path', 'reads', 'last_at']);
      assert.deepEqual(lines, receipts.map((r) => [r.setting, r.from, r.to, r.at, r.verified, r.path, String(r.reads), r.last_at]));
      await options.close();
      await close();
    });

    test('clearing asks first: Cancel (or Escape) keeps every row, Yes empties the history and keeps the checklist', async () => {
      const { popup, close } = await openPopup();
      const options = await openOptions(popup);
      await options.waitFor(() => document.querySelectorAll('[data-receipt]').length >= 3);
      const count = (await rows(options)).length;
      await options.click('[data-action="clear-history"]');
      await options.waitFor(() => document.activeElement?.dataset.action === 'cancel');
      assert.match(await options.eval(() => document.querySelector('[data-confirm="clear-history"]').textContent), new RegExp(`Clear all ${count} entries`));
      await options.raw.keyboard.press('Enter'); // Cancel, from the keyboard
      await options.waitFor(() => !document.querySelector('[data-confirm]') && document.activeElement?.dataset.action === 'clear-history');
      assert.equal((await rows(options)).length, count);
      await options.raw.keyboard.press('Enter'); // the focused Clear history
      await options.waitFor(() => !!document.querySelector('[data-confirm]'));
      await options.raw.keyboard.press('Escape');
      await options.waitFor(() => !document.querySelector('[data-confirm]'));
      assert.equal((await rows(options)).length, count);
      await options.click('[data-action="clear-history"]');
      await options.click('[data-action="confirm"]');
      await options.waitFor(() => !!document.querySelector('[data-history-empty]'));
      assert.equal((await rows(options)).length, 0);
      const held = await local(options, ['history', 'checklist']);
      assert.deepEqual(held.history.receipts, []);
      assert.equal(held.checklist.seen['linkedin.ai-training'].state, 'opted-out', 'the checklist is kept');
      assert.match(await options.eval(() => document.querySelector('[data-history-status]').textContent), /cleared/);
      await options.close();
      await close();
    });

    test('the history keeps at most 1,000 entries, the oldest dropped; a corrupt one starts afresh with a notice and nothing else is lost', async () => {
      const { popup, close } = await openPopup();
      const t0 = Date.UTC(2026, 0, 1);
      const receipt = (i) => ({ setting: 'linkedin.ads-age', from: i % 2 ? 'opted-in' : 'opted-out', to: i % 2 ? 'opted-out' : 'opted-in', at: t0 + i, verified: 'fresh-load', path: '/p', reads: 1, last_at: t0 + i });
      await setLocal(popup, { history: { version: 1, receipts: Array.from({ length: 1000 }, (_, i) => receipt(i)) } });
      const page = await open(AI);
      await waitState(page, AI_MARK, 'opted-in');
      await untilStored(popup, (held) => held.history?.receipts?.at(-1)?.setting === 'linkedin.ai-training', 'the page\'s receipt last');
      const { history } = await local(popup, 'history');
      assert.equal(history.receipts.length, 1000);
      assert.equal(history.receipts[0].at, t0 + 1, 'the oldest was dropped');
      // A history no one can read: started afresh with a notice; the checklist is untouched.
      const { checklist } = await local(popup, 'checklist');
      await setLocal(popup, { history: '}{' });
      await page.reload();
      await waitState(page, AI_MARK, 'opted-in');
      await untilStored(popup, (held) => held.history?.notice === 'reset', 'the history\'s reset notice');
      const after = await local(popup, ['history', 'checklist']);
      assert.deepEqual(after.history.receipts.map((r) => [r.setting, r.from, r.to]), [['linkedin.ai-training', 'opted-in', 'opted-in']]);
      assert.deepEqual(Object.keys(after.checklist.seen).sort(), Object.keys(checklist.seen).sort(), 'nothing else lost');
      const options = await openOptions(popup);
      assert.match(await options.eval(() => document.querySelector('[data-notice="reset"]')?.textContent ?? ''), /could not be read/);
      await options.click('[data-action="dismiss-history-notice"]');
      await options.waitFor(() => !document.querySelector('[data-notice]'));
      assert.equal((await local(options, 'history')).history.notice, undefined);
      await options.close();
      await page.close();
      await close();
    });

    test('drift: the site turns a setting back on; the popup row says since when, the badge shows "!", the banner says it was off', async () => {
      const { popup, close } = await openPopup();
      await forget(popup);
      const page = await open(`${AI}?state=off`); // the site has it off: a fresh load reads it off
      await waitState(page, AI_MARK, 'opted-out');
      // The page shows it before the background has recorded it: wait for the record.
      const recorded = await untilStored(popup, (h) => h.checklist?.seen?.['linkedin.ai-training']?.state === 'opted-out', 'the setting recorded off');
      const offAt = recorded.checklist.seen['linkedin.ai-training'].at;
      // The platform turns it back on (a migration, a new policy): the next load shows it on.
      fixture.server.saved.arrange('www.linkedin.com', { 'data-for-ai-improvement': 'on' });
      await page.goto(AI);
      await waitState(page, AI_MARK, 'opted-in');
      const date = new Date(offAt).toLocaleDateString('en');
      await page.waitFor(() => !!document.querySelector('[data-optout-banner]')?.shadowRoot?.querySelector('[data-optout-drift="turned-back-on"]'));
      const said = await page.eval(() => document.querySelector('[data-optout-banner]').shadowRoot.querySelector('[data-optout-drift]').textContent);
      assert.equal(said, `This was off on ${date}; it is on again.`);
      await popup.waitFor(() => document.querySelector('li[data-setting="linkedin.ai-training"]')?.dataset.drift === 'turned-back-on');
      const row = await popup.eval(() => {
        const li = document.querySelector('li[data-setting="linkedin.ai-training"]');
        return { state: li.dataset.state, note: li.querySelector('[data-drift-note]').textContent };
      });
      assert.equal(row.state, 'opted-in');
      assert.match(row.note, new RegExp(`^Turned back on: it was off on ${date.replace(/\//g, '\\/')} and is on again since `));
      const shown = await badge(popup);
      assert.equal(shown.text, '1!', 'the count is still the settings exposing you; "!" says one was turned back on');
      assert.match(shown.title, /Settings exposing you: 1/);
      assert.match(shown.title, /Turned back on \(!\): Data for Generative AI Improvement/);
      const held = (await local(popup, 'checklist')).checklist.seen['linkedin.ai-training'].turned_back_on;
      assert.equal(held.off, offAt);
      // Turned off again: the drift is over.
      await page.clickBanner('[data-optout-action="turn-off"][data-optout-setting="linkedin.ai-training"]');
      await waitShownOff(page);
      await popup.waitFor(() => !document.querySelector('[data-drift]'));
      assert.equal((await badge(popup)).text, '');
      await page.close();
      await close();
    });

    test('reminders: a re-check falls due when the clock handed to the background moves on past the interval; the badge and popup say which platform', async () => {
      const { popup, close } = await openPopup();
      await forget(popup);
      const page = await open(`${AI}?state=off`);
      await waitState(page, AI_MARK, 'opted-out');
      await page.close();
      const read = (await local(popup, 'checklist')).checklist.seen['linkedin.ai-training'].at;
      const run = async (now) => {
        const reply = await send(popup, { type: 'reminders-run', now });
        assert.equal(reply.ok, true, reply.error);
        return reply.value;
      };
      assert.deepEqual((await run(read + 29 * DAY)).due, [], 'the default interval is 30 days');
      assert.equal((await badge(popup)).text, '');
      const due = await run(read + 31 * DAY);
      assert.deepEqual(due.due.map((d) => d.platform), ['linkedin']);
      const shown = await badge(popup);
      assert.equal(shown.text, '?');
      assert.match(shown.title, /Time to check again \(\?\): LinkedIn/);
      await popup.waitFor(() => !!document.querySelector('[data-platform="linkedin"] [data-reminder="due"]'));
      assert.match(await popup.eval(() => document.querySelector('[data-platform="linkedin"] [data-reminder="due"]').textContent), /^Time to check LinkedIn again: last checked on /);
      assert.equal(await popup.eval(() => document.querySelectorAll('[data-reminder]').length), 1, 'only LinkedIn: X was never checked');
      // Nothing was opened or changed by the reminder: only the badge and the popup say it.
      assert.equal((await local(popup, 'checklist')).checklist.seen['linkedin.ai-training'].at, read);
      // A content script cannot hand the background a clock.
      const sender = { id: await popup.eval(() => (globalThis.browser ?? chrome).runtime.id), url: AI, frameId: 0, tab: { id: 4242, url: AI, windowId: 1, active: true } };
      const forged = await fixture.browser.handleInBackground({ type: 'reminders-run', now: read + 400 * DAY }, sender, { via: popup });
      assert.deepEqual(forged, { ok: false, error: 'reminders-run: only OptOut\'s own pages may ask' });
      // A fresh check puts the platform back at the start (the background's own clock).
      const again = await open(`${AI}?state=off`);
      await waitState(again, AI_MARK, 'opted-out');
      await popup.waitFor(() => !document.querySelector('[data-reminder]'));
      assert.equal((await badge(popup)).text, '');
      await again.close();
      await close();
    });

    test('options: the reminder interval (off, 7, 30, 90 days) is chosen from the keyboard, saved, and moves when a re-check falls due', async () => {
      const { popup, close } = await openPopup();
      await forget(popup);
      const page = await open(`${AI}?state=off`);
      await waitState(page, AI_MARK, 'opted-out');
      await page.close();
      const read = (await local(popup, 'checklist')).checklist.seen['linkedin.ai-training'].at;
      const options = await openOptions(popup);
      const checked = () => options.eval(() => document.querySelector('[name="reminderDays"]:checked')?.value);
      assert.equal(await checked(), '30', 'the default');
      const labels = await options.eval(() => [...document.querySelectorAll('[name="reminderDays"]')].map((r) => r.labels[0]?.textContent));
      assert.deepEqual(labels, ['Never (no reminders)', '7 days', '30 days', '90 days']);
      assert.equal(await options.eval(() => document.querySelector('[data-preference="reminderDays"] legend').textContent), 'Remind me to check a platform again after');
      const dueAt = async (days) => (await send(popup, { type: 'reminders-run', now: read + days * DAY })).value.due.length > 0;
      // The radio group from the keyboard: focus the checked radio, arrows move and choose.
      await options.eval(() => document.querySelector('[name="reminderDays"]:checked').focus());
      await options.raw.keyboard.press('ArrowUp');
      await untilStored(options, (held) => held.preferences?.reminderDays === 7, '7 days');
      assert.equal(await checked(), '7');
      assert.deepEqual([await dueAt(6), await dueAt(8)], [false, true]);
      await options.raw.keyboard.press('ArrowDown');
      await options.raw.keyboard.press('ArrowDown');
      await untilStored(options, (held) => held.preferences?.reminderDays === 90, '90 days');
      assert.deepEqual([await dueAt(89), await dueAt(91)], [false, true]);
      await options.raw.keyboard.press('ArrowDown'); // wraps around to Never
      await untilStored(options, (held) => held.preferences?.reminderDays === 0, 'never');
      assert.equal(await dueAt(4000), false, 'off: never due');
      assert.equal(await options.eval(() => document.querySelector('[data-preferences-status]').textContent), 'Saved.');
      // Kept: the page opened again shows the choice.
      await options.close();
      const again = await openOptions(popup);
      assert.equal(await again.eval(() => document.querySelector('[name="reminderDays"]:checked')?.value), '0');
      await again.close();
      await close();
    });

    test('options: the banner off (from the keyboard) shows no banner on a settings page, the marks and the checklist still work; on again, it shows', async () => {
      const { popup, close } = await openPopup();
      await forget(popup);
      // The key that toggles a checkbox, as each driver names it.
      const space = launch.name === 'firefox' ? ' ' : 'Space';
      try {
        const options = await openOptions(popup);
        const box = '#pref-banner';
        assert.equal(await options.eval((box) => document.querySelector(box).checked, box), true, 'on by default');
        assert.equal(await options.eval((box) => document.querySelector(box).labels[0].textContent, box), 'Show the banner on settings pages');
        await options.eval((box) => document.querySelector(box).focus(), box);
        await options.raw.keyboard.press(space);
        await untilStored(options, (held) => held.preferences?.banner === false, 'the banner off');
        const page = await open(AI);
        await waitState(page, AI_MARK, 'opted-in'); // the switch is marked
        await untilStored(popup, (held) => held.checklist?.seen?.['linkedin.ai-training']?.state === 'opted-in', 'the reading of the page');
        await new Promise((resolve) => setTimeout(resolve, 500)); // a banner, were one coming, would be drawn by now
        assert.equal(await page.eval(() => !!document.querySelector('[data-optout-banner]')), false, 'no banner');
        // On again (the options tab brought back to the front, as a person would): the open page shows its banner at once.
        await options.raw.bringToFront();
        await options.eval((box) => document.querySelector(box).focus(), box);
        await options.raw.keyboard.press(space);
        await untilStored(options, (held) => held.preferences?.banner === true, 'the banner on');
        await page.waitFor(() => !!document.querySelector('[data-optout-banner]')?.shadowRoot?.querySelector('[data-optout-action="turn-off"]'));
        await options.close();
        await page.close();
      } finally {
        // The banner on again whatever happened: the suites' closing reads need it (Firefox's way to the popup).
        await setLocal(popup, { preferences: { banner: true, reminderDays: 30 } });
        await close();
      }
    });

    suiteEnd(fixture);
  });
}
