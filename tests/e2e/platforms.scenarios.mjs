// X, Meta's objection forms and the popup at scale, written once and run in both browsers
// (platforms.chromium.test.mjs, platforms.firefox.test.mjs) against fixtures served as https://x.com
// (a strict CSP without 'wasm-unsafe-eval'), https://www.facebook.com and https://help.instagram.com.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { suiteEnd, suiteFixture, waitBanner, waitShownOff, waitState } from './browsers.mjs';
import { enablePlatform } from './platform-access.mjs';

const X = 'https://x.com';
const GROK = `${X}/settings/grok_settings`;
const GROK_MARK = '[data-optout-setting="x.grok-training"]';
const FACEBOOK_FORM = 'https://www.facebook.com/help/contact/712876720715583';
const INSTAGRAM_FORM = 'https://help.instagram.com/contact/767264225370182';

// Polls from Node (for checks that are asynchronous inside the page).
async function until(check, what, timeout = 10000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(what);
}

const stateOf = (sel) => document.querySelector(sel)?.getAttribute('data-optout-state') ?? null;
const bannerText = () => document.querySelector('[data-optout-banner]')?.shadowRoot?.textContent ?? '';
// The Grok training checkbox's position, the checkbox found as a person would: by the words of its label.
const trainingChecked = () => [...document.querySelectorAll('label')].find((l) => /used for training/.test(l.textContent))?.querySelector('input')?.checked ?? null;

export function platformsSuite(launch) {
  describe(`X, Meta and the popup in ${launch.name}`, () => {
    const fixture = suiteFixture(launch);
    // Meta (its objection forms) is asked for on request: switched on first, as a person does (platform-access.mjs).
    before(() => enablePlatform(fixture.browser, 'meta'));

    async function open(url) {
      const page = await fixture.browser.newPage();
      await page.goto(url);
      return page;
    }

    test('X: the Grok training switch is marked, highlighted and explained, with the third-party note', async () => {
      const page = await open(GROK);
      await waitState(page, GROK_MARK, 'opted-in');
      const facts = await page.eval((sel) => {
        const el = document.querySelector(sel);
        const label = el.closest('label')?.textContent ?? '';
        return {
          tag: el.localName,
          isTrainingSwitch: /used for training/.test(label),
          outline: getComputedStyle(el).outlineStyle,
          core: document.querySelector('[data-optout-banner]')?.getAttribute('data-optout-core'),
          marks: document.querySelectorAll('[data-optout-setting]').length,
        };
      }, GROK_MARK);
      assert.deepEqual({ ...facts, outline: facts.outline !== 'none' }, { tag: 'input', isTrainingSwitch: true, outline: true, core: fixture.browser.expectedCore, marks: 1 });
      const text = await page.eval(bannerText);
      assert.match(text, /Grok & Third-party Collaborators/);
      assert.match(text, /train and fine-tune Grok/);
      assert.match(text, /personalize your experience with Grok.*not affected/);
      assert.match(text, /also covers X's third-party collaborators/);
      await page.close();
    });

    test('X: the 2024 wording is recognised too, and without a word of collaborators there is no such note', async () => {
      const page = await open(`${GROK}?wording=2024`);
      await waitState(page, GROK_MARK, 'opted-in');
      assert.equal(await page.eval(() => document.querySelector('h2').textContent), 'Grok');
      await waitBanner(page, 'Turn off');
      assert.doesNotMatch(await page.eval(bannerText), /third-party collaborators/);
      await page.close();
    });

    test('X: follows in-app navigation from the timeline to the Grok page and back', async () => {
      const page = await open(`${X}/home?delay=300`);
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(await page.eval(() => !!document.querySelector('[data-optout-banner]')), false, 'nothing on the timeline');
      await page.click('nav a[href="/settings"]');
      await page.click('main a[href="/settings/privacy_and_safety"]');
      await page.click('main a[href="/settings/grok_settings"]');
      await page.waitFor(() => location.pathname === '/settings/grok_settings');
      await waitState(page, GROK_MARK, 'opted-in');
      await waitBanner(page, 'Turn off');
      await page.eval(() => history.back());
      await page.waitFor(() => location.pathname === '/settings/privacy_and_safety');
      await page.waitFor(() => !document.querySelector('[data-optout-banner]') && !document.querySelector('[data-optout-state]'));
      await page.close();
    });

    test('X: a switch that renders late is marked when it appears', async () => {
      const page = await open(`${GROK}?delay=2500`);
      await waitState(page, GROK_MARK, 'opted-in', 12000);
      await page.close();
    });

    test('X: Turn off clicks the training switch only, reads it back through the re-render, and the popup shows it', async () => {
      const page = await open(GROK);
      await waitState(page, GROK_MARK, 'opted-in');
      await page.clickBanner('[data-optout-action="turn-off"][data-optout-setting="x.grok-training"]');
      await waitShownOff(page);
      const after = await page.eval(() => ({
        training: [...document.querySelectorAll('label')].find((l) => /used for training/.test(l.textContent)).querySelector('input').checked,
        personalize: [...document.querySelectorAll('label')].find((l) => /personalize/.test(l.textContent)).querySelector('input').checked,
      }));
      assert.deepEqual(after, { training: false, personalize: true }, 'only the training switch changed');
      assert.equal(await page.eval(stateOf, GROK_MARK), 'opted-out');
      const popup = await fixture.browser.extensionPage('popup/popup.html', { from: page });
      await popup.waitFor(() => document.querySelector('li[data-setting="x.grok-training"]')?.dataset.state === 'opted-out');
      assert.equal(await popup.eval(() => document.querySelector('li[data-setting="x.grok-training"] button[data-action="open"]').dataset.address), GROK);
      await popup.close();
      await page.close();
    });

    test('X: a save that fails is reported with the page\'s words and the switch stays opted-in', async () => {
      const page = await open(`${GROK}?save=fail`);
      await waitState(page, GROK_MARK, 'opted-in');
      await page.clickBanner('[data-optout-action="turn-off"]');
      await waitBanner(page, 'Not turned off: the page said', 12000);
      assert.match(await page.eval(bannerText), /Something went wrong/);
      assert.equal(await page.eval(stateOf, GROK_MARK), 'opted-in');
      assert.equal(await page.eval(trainingChecked), true);
      await page.close();
    });

    test('X: a page with no switch says unavailable, and the popup gives the likely reason from the regional history', async () => {
      const page = await open(`${GROK}?region=unavailable`);
      await waitBanner(page, 'not available for your account');
      assert.equal(await page.eval(() => document.querySelectorAll('[data-optout-state]').length), 0);
      const popup = await fixture.browser.extensionPage('popup/popup.html', { from: page });
      await popup.waitFor(() => document.querySelector('li[data-setting="x.grok-training"]')?.dataset.state === 'unavailable');
      const reasons = await popup.eval(() => document.querySelector('li[data-setting="x.grok-training"] [data-reasons]').textContent);
      assert.match(reasons, /EU and EEA: X undertook to the Irish Data Protection Commission/);
      await popup.close();
      await page.close();
    });

    test('Meta: the objection form gets a banner that explains it and copies a suggested text, and fills in nothing', async () => {
      const page = await open(FACEBOOK_FORM);
      await waitBanner(page, 'objecting to Meta');
      const text = await page.eval(bannerText);
      assert.match(text, /Meta has no switch/);
      assert.match(text, /You do not have to give a reason/);
      assert.match(text, /does not fill in or submit this form/);
      const suggested = await page.eval(() => document.querySelector('[data-optout-banner]').shadowRoot.querySelector('[data-optout-suggested]').value);
      assert.match(suggested, /^I object to Meta using my personal information/);
      await page.clickBanner('[data-optout-action="copy"]');
      await waitBanner(page, 'Paste it into the form yourself');
      const form = await page.eval(() => ({
        fields: [...document.querySelectorAll('form input, form textarea, form select')].map((f) => f.value),
        touched: document.documentElement.dataset.fieldsTouched,
        submitted: document.documentElement.dataset.submitted ?? null,
      }));
      assert.deepEqual(form, { fields: ['', '', ''], touched: '0', submitted: null }, 'the extension filled in nothing');
      // The person pastes into the form: what the clipboard hands over is the suggested text.
      await page.eval(() => document.addEventListener('paste', (e) => { window.__pasted = e.clipboardData.getData('text/plain'); }, true));
      await page.click('form textarea');
      await page.paste();
      await page.waitFor(() => typeof window.__pasted === 'string');
      assert.equal(await page.eval(() => window.__pasted), suggested);
      // (Other tests' pages save settings on their own sites: only what went to Meta's hosts counts.)
      const toMeta = fixture.server.requests.filter((r) => ['www.facebook.com', 'help.instagram.com'].includes(r.host));
      assert.equal(toMeta.filter((r) => r.method !== 'GET' && r.method !== 'HEAD').length, 0, 'nothing was submitted');
      await page.close();
    });

    test('Meta: Instagram\'s form gets the same banner', async () => {
      const page = await open(INSTAGRAM_FORM);
      await waitBanner(page, 'Copy the text');
      assert.match(await page.eval(bannerText), /Meta has no switch/);
      await page.close();
    });

    test('the popup: cards for Meta, Reddit and Stack Overflow say plainly what each offers, with the source', async () => {
      const page = await open(INSTAGRAM_FORM);
      await waitBanner(page, 'Copy the text');
      const popup = await fixture.browser.extensionPage('popup/popup.html', { from: page });
      await popup.waitFor(() => document.body.dataset.ready === 'true');
      const cards = await popup.eval(() => Object.fromEntries([...document.querySelectorAll('section[data-platform]')].map((s) => [s.dataset.platform, {
        kind: s.dataset.kind,
        card: s.querySelector('[data-card]')?.dataset.card ?? null,
        text: s.querySelector('[data-card]')?.textContent ?? '',
        forms: [...s.querySelectorAll('button[data-form]')].map((b) => b.dataset.address),
        sources: [...s.querySelectorAll('[data-sources] button[data-action="open"]')].map((b) => ({ address: b.dataset.address, text: b.textContent })),
        rows: s.querySelectorAll('li[data-setting]').length,
      }])));
      assert.deepEqual(cards.meta.forms, [FACEBOOK_FORM, INSTAGRAM_FORM]);
      assert.equal(cards.meta.card, 'objection-form');
      assert.match(cards.meta.text, /People in the EU, the EEA and the United Kingdom can object/);
      for (const id of ['reddit', 'stackoverflow']) {
        assert.equal(cards[id].card, 'no-opt-out', id);
        assert.match(cards[id].text, /offers no opt-out/, id);
        assert.equal(cards[id].rows, 0);
      }
      // Every card's sources are links to public pages, each with the date it was checked; no internal file is named.
      for (const id of ['meta', 'reddit', 'stackoverflow']) {
        assert.ok(cards[id].sources.length > 0, id);
        for (const source of cards[id].sources) {
          assert.match(source.address, /^https:\/\/[^/\s]+\.[^/\s]+\//, id);
          assert.match(source.text, /, checked \d{4}-\d{2}-\d{2}$/, id);
        }
        assert.doesNotMatch(cards[id].text, /\.md\b/, id);
      }
      assert.equal(cards.linkedin.rows, 10);
      assert.equal(cards.x.rows, 1);
      await popup.close();
      await page.close();
    });

    test('the popup: Slack has no switch; its card gives the address and the subject to copy, and sends nothing', async () => {
      const page = await open(INSTAGRAM_FORM);
      await waitBanner(page, 'Copy the text');
      const popup = await fixture.browser.extensionPage('popup/popup.html', { from: page });
      await popup.waitFor(() => document.body.dataset.ready === 'true');
      const slack = await popup.eval(() => {
        const s = document.querySelector('section[data-platform="slack"]');
        return {
          kind: s.dataset.kind,
          card: s.querySelector('[data-card]')?.dataset.card,
          address: s.querySelector('[data-email-address]')?.textContent,
          subject: s.querySelector('[data-email-subject]')?.textContent,
          copies: [...s.querySelectorAll('button[data-action="copy"]')].map((b) => [b.dataset.copy, b.dataset.address, b.textContent]),
          count: s.querySelector('.count').textContent,
          rows: s.querySelectorAll('li[data-setting]').length,
          text: s.querySelector('[data-card]').textContent,
          sources: s.querySelectorAll('[data-sources] button[data-action="open"]').length,
        };
      });
      assert.deepEqual(
        { ...slack, text: undefined, sources: undefined },
        {
          kind: 'email-request', card: 'email-request', address: 'feedback@slack.com', subject: 'Slack Global model opt-out request',
          copies: [['address', 'feedback@slack.com', 'Copy the address'], ['subject', 'Slack Global model opt-out request', 'Copy the subject']],
          count: 'no switch: request by email', rows: 0, text: undefined, sources: undefined,
        },
      );
      assert.match(slack.text, /Owners or its Primary Owner/);
      assert.match(slack.text, /OptOut does not write or send this email/);
      assert.ok(slack.sources > 0);
      // The person copies the subject, then pastes it: what the clipboard hands over is the subject.
      await popup.click('section[data-platform="slack"] button[data-copy="subject"]');
      await popup.waitFor(() => !!document.querySelector('[data-copy-status]')?.textContent);
      assert.match(await popup.eval(() => document.querySelector('[data-copy-status]').textContent), /^Copied\. Paste it into your email yourself/);
      await popup.eval(() => {
        const field = document.createElement('textarea');
        field.id = 'paste-here';
        document.body.append(field);
        document.addEventListener('paste', (e) => { window.__pasted = e.clipboardData.getData('text/plain'); }, true);
      });
      await popup.click('#paste-here');
      await popup.paste();
      await popup.waitFor(() => typeof window.__pasted === 'string');
      assert.equal(await popup.eval(() => window.__pasted), 'Slack Global model opt-out request');
      await popup.close();
      await page.close();
    });

    test('the popup: exposed platforms and settings first, with counts; groups collapse and it all works by keyboard', async () => {
      const grok = await open(GROK); // X: one exposed setting, LinkedIn none seen in this browser profile yet
      await waitState(grok, GROK_MARK, 'opted-in');
      const popup = await fixture.browser.extensionPage('popup/popup.html', { from: grok });
      await popup.waitFor(() => document.querySelector('li[data-setting="x.grok-training"]')?.dataset.state === 'opted-in');
      const order = await popup.eval(() => [...document.querySelectorAll('section[data-platform]')].map((s) => s.dataset.platform));
      assert.equal(order[0], 'x', `an exposed platform comes first: ${order}`);
      assert.deepEqual(order.slice(-4).sort(), ['meta', 'reddit', 'slack', 'stackoverflow'], 'cards come last');
      assert.equal(await popup.eval(() => document.querySelector('section[data-platform="x"] .count').textContent), '1 exposing you');
      // Tab from the top reaches every button in order, none skipped.
      const buttons = await popup.eval(() => [...document.querySelectorAll('main button')].filter((b) => !b.closest('[hidden]')).length);
      const reached = [];
      await popup.eval(() => document.activeElement?.blur());
      // Stop at the last button: one press more would leave the page for the browser's own UI.
      for (let i = 0; i < buttons + 2 && reached.length < buttons; i++) {
        await popup.raw.keyboard.press('Tab');
        const at = await popup.eval(() => {
          const el = document.activeElement;
          return el?.matches('main button') ? `${el.dataset.action}:${el.dataset.setting ?? el.dataset.platform ?? el.dataset.address}` : null;
        });
        if (at || reached.length) reached.push(at); // the first press may land on the document itself
      }
      const expected = await popup.eval(() => [...document.querySelectorAll('main button')].filter((b) => !b.closest('[hidden]')).map((el) => `${el.dataset.action}:${el.dataset.setting ?? el.dataset.platform ?? el.dataset.address}`));
      assert.deepEqual(reached, expected);
      // The list is longer than the popup: it scrolls, and the focused last button was scrolled into view.
      const view = await popup.eval(() => {
        const main = document.querySelector('main');
        const box = main.getBoundingClientRect();
        const at = document.activeElement.getBoundingClientRect();
        return { scrolls: main.scrollHeight > main.clientHeight, visible: at.top >= box.top - 1 && at.bottom <= box.bottom + 1 };
      });
      assert.deepEqual(view, { scrolls: true, visible: true });
      // Collapse X's group with the keyboard: its rows leave the tab order; the choice survives a reopen.
      await popup.eval(() => document.querySelector('button[data-action="toggle"][data-platform="x"]').focus());
      await popup.raw.keyboard.press('Enter');
      await popup.waitFor(() => document.querySelector('button[data-action="toggle"][data-platform="x"]').getAttribute('aria-expanded') === 'false');
      assert.equal(await popup.eval(() => document.getElementById('group-x').hidden), true);
      assert.equal(await popup.eval(() => document.activeElement?.dataset.platform), 'x', 'focus stays on the toggle');
      await until(() => popup.eval(async () => {
        const { popup: ui } = await (globalThis.browser ?? chrome).storage.local.get('popup');
        return ui?.collapsed?.includes('x') === true;
      }), 'the collapsed group was not remembered');
      await popup.eval(() => location.reload());
      await popup.waitFor(() => document.body.dataset.ready === 'true');
      assert.equal(await popup.eval(() => document.querySelector('button[data-action="toggle"][data-platform="x"]').getAttribute('aria-expanded')), 'false');
      await popup.eval(() => document.querySelector('button[data-action="toggle"][data-platform="x"]').focus());
      await popup.raw.keyboard.press(' ');
      await popup.waitFor(() => !document.getElementById('group-x').hidden);
      await popup.close();
      await grok.close();
    });

    // Last: the audit of what the checklist holds opted-out, and the network check (it closes the browser).
    suiteEnd(fixture);
  });
}
