// Every platform of the fixture kit end to end, data-driven and written once for both browsers
// (more-platforms.chromium.test.mjs, more-platforms.firefox.test.mjs): for each platform with both a rule
// file (crate/rules/<id>.json) and a fixture description (tests/fixtures/platforms/<id>.json), in one
// browser session: the platform is switched on as a person would, its control is marked and the banner
// explains it; Turn off reads the control back in its protective position (on, for the inverted switches)
// and the site saved it; the popup's row shows it; the guide walks the documented path to the control.
// A control the core cannot read yet (its kind) is never claimed: that is shown instead, and what it
// waits for is named in the skipped tests.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { suiteEnd, suiteFixture, waitBanner, waitShownOff, waitState } from './browsers.mjs';
import { enablePlatform } from './platform-access.mjs';
import { PLATFORM_FIXTURES, keysOf } from '../fixtures/platforms.mjs';

const RULES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../crate/rules');
// The banner's English words for its action and for what it read back, by the position that protects
// (where "on" protects, the banner turns the protection on and says so).
const EN = JSON.parse(fs.readFileSync(path.resolve(RULES, '../../extension/_locales/en/messages.json'), 'utf8'));
const ACTION = { off: EN.turnOff.message, on: EN.turnOn.message };
const SHOWN = { off: EN.turnOffShown.message.split('.')[0], on: EN.turnOnShown.message.split('.')[0] };
const PLATFORMS = Object.values(PLATFORM_FIXTURES)
  .filter((d) => fs.existsSync(path.join(RULES, `${d.id}.json`)))
  .map((d) => ({ d, rules: JSON.parse(fs.readFileSync(path.join(RULES, `${d.id}.json`), 'utf8')) }));

// The control kinds the core reads today, and what the others wait for.
const READ_TODAY = new Set(['checkbox', 'checkbox-switch', 'switch-aria', 'pressed', 'switch-data-state', 'select', 'radio', 'menu']);
const WAITS_FOR = {};
// The role the marked element has, by kind.
const ROLE = { checkbox: 'input', menu: 'button' };

// In the page: the position the element shows, whatever its kind.
const positionOf = (sel) => {
  const el = document.querySelector(sel);
  if (!el) return null;
  if (el instanceof HTMLInputElement && el.type === 'checkbox') return el.checked ? 'on' : 'off';
  const aria = el.getAttribute('aria-checked') ?? el.getAttribute('aria-pressed');
  if (aria) return aria === 'true' ? 'on' : 'off';
  // A menu button shows its value.
  if (el.getAttribute('aria-haspopup')) return { On: 'on', Off: 'off', Enabled: 'on', Disabled: 'off' }[el.textContent.trim()] ?? null;
  return null;
};
const bannerText = () => document.querySelector('[data-optout-banner]')?.shadowRoot?.textContent ?? '';
const pointed = () => {
  const el = document.querySelector('[data-optout-guide-step]');
  return el ? { step: Number(el.getAttribute('data-optout-guide-step')), setting: el.getAttribute('data-optout-setting') } : null;
};
const calloutText = () => document.querySelector('[data-optout-guide]')?.shadowRoot?.textContent ?? '';

async function until(check, what, timeout = 10000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    try { last = await check(); } catch { last = null; } // a page mid-navigation answers nothing
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`${what}; last: ${JSON.stringify(last)}`);
}

// A setting per blog or per site (Tumblr's, WordPress.com's): each instance is its own switch, saved
// under its own key (`key`, `key-2`, ...). On the second instance's own page, that one is marked and
// turned to its protective position, the first left as it was; on a page listing every instance
// (?instances=all), each is marked, the banner counts those that expose the person, and Turn off
// turns each one, read back and saved.
function instanceTests({ d, s, rule, name, origin, mark, open, fixture }) {
  const [before, after] = s.page.split('*');
  const keys = keysOf(d);
  const counts = () => {
    const line = document.querySelector('[data-optout-banner]')?.shadowRoot?.querySelector('[data-optout-instances]');
    return line ? `${line.getAttribute('data-optout-exposed')} of ${line.getAttribute('data-optout-instances')}` : null;
  };
  const states = (sel) => [...document.querySelectorAll(`main ${sel}[data-optout-state]`)].map((el) => el.getAttribute('data-optout-state'));
  const per = rule.instances === 'per-site' ? 'Sites' : 'Blogs';
  const exposed = s.default === s.protective ? 'opted-out' : 'opted-in';

  test(`${name}: ${s.instances[1]}'s own page marks its own switch; Turn off saves it under its own key, ${s.instances[0]}'s untouched`, async () => {
    await open(); // switched on, and the first instance's page seen once
    const tab = await fixture.browser.newPage();
    await tab.goto(`${origin}${before}${s.instances[1]}${after}`);
    await waitState(tab, mark, exposed);
    assert.deepEqual(await tab.eval(states, mark), [exposed], 'one switch marked: its own');
    assert.ok((await tab.eval((sel) => document.querySelector(sel).closest('.row, label, div').textContent, mark)).includes(s.instances[1]), 'the switch marked is the one named for it');
    const before1 = fixture.server.saved.get(d.host, keys[0]);
    await tab.clickBanner(`[data-optout-action="turn-off"][data-optout-setting="${s.id}"]`);
    await waitState(tab, mark, 'opted-out');
    await until(() => fixture.server.saved.get(d.host, keys[1]) === s.protective, `${s.instances[1]}'s switch was not saved`);
    assert.equal(fixture.server.saved.get(d.host, keys[0]), before1, `${s.instances[0]}'s switch was not touched`);
    await tab.close();
  });

  test(`${name}: a page listing every ${per.toLowerCase().slice(0, -1)}'s switch marks each, counts those that expose you, and Turn off turns each one, saved`, async () => {
    const tab = await open(`?instances=all&state=${s.protective === 'on' ? 'off' : 'on'}`);
    await waitState(tab, mark, 'opted-in');
    await until(() => tab.eval(counts).then((c) => c === `${s.instances.length} of ${s.instances.length}`), 'the banner did not count every instance exposing');
    assert.deepEqual(await tab.eval(states, mark), s.instances.map(() => 'opted-in'), 'each instance marked');
    assert.ok((await tab.eval(bannerText)).includes(`${per} on this page that expose you`), 'the banner says how many expose you');
    await tab.clickBanner(`[data-optout-action="turn-off"][data-optout-setting="${s.id}"]`);
    await until(() => tab.eval(states, mark).then((all) => all.length === s.instances.length && all.every((x) => x === 'opted-out')), 'not every instance reads back protected', 20000);
    for (const key of keys) await until(() => fixture.server.saved.get(d.host, key) === s.protective, `${key} was not saved`);
    await until(() => tab.eval(counts).then((c) => c === `0 of ${s.instances.length}`), 'the banner still counts an instance exposing');
    await tab.close();
  });
}

export function morePlatformsSuite(launch) {
  describe(`more platforms in ${launch.name}`, () => {
    const fixture = suiteFixture(launch);

    for (const { d, rules } of PLATFORMS) {
      const s = d.setting;
      const rule = rules.settings.find((r) => r.id === s.id);
      const origin = `https://${d.host}`;
      const page = `${origin}${s.route ?? s.page}`; // where the control is (the rule's page, unless it cannot name it)
      // The rule's page: the popup row opens it (a page per blog or site through the part before its name).
      const address = `${origin}${s.page.split('*')[0].replace(/(.)\/+$/, '$1')}`;
      const mark = `[data-optout-setting="${s.id}"]`;
      const name = rules.platform.name;
      const exposed = s.default === s.protective ? 'opted-out' : 'opted-in';
      const readable = READ_TODAY.has(s.kind);
      const steps = rule.guide?.steps.length ?? 0;
      const skip = readable ? false : `${name} renders a ${s.kind} control: waits for ${WAITS_FOR[s.kind]}`;

      // Opens the setting's page (query: the fixture's parameters) and, where the control sits in a
      // dialog, opens it with the person's click on the row button.
      async function open(query = '') {
        await enabled();
        const tab = await fixture.browser.newPage();
        await tab.goto(`${page}${query}`);
        if (s.opener) await openDialog(tab);
        return tab;
      }
      async function openDialog(tab) {
        const label = s.label.en[0];
        await tab.waitFor((label) => [...document.querySelectorAll('main button')].some((b) => b.textContent.startsWith(label)), label);
        await tab.eval((label) => [...document.querySelectorAll('main button')].find((b) => b.textContent.startsWith(label)).setAttribute('data-test-opener', ''), label);
        await tab.click('[data-test-opener]');
        await tab.waitFor(() => !!document.querySelector('[role="dialog"] [role="switch"], [role="dialog"] input'));
      }

      // Switched on as a person would (the popup's button, the browser's permission), once, before
      // its first test that runs.
      let enabling = null;
      const enabled = () => (enabling ??= enablePlatform(fixture.browser, d.id));

      for (const kind of s.also ?? []) {
        const also = READ_TODAY.has(kind) ? false : `${name}'s ${kind} rendering waits for ${WAITS_FOR[kind]}`;
        test(`${name}: rendered as ${kind}, the control is marked too`, { skip: also }, async () => {
          const tab = await open(`?kind=${kind}`);
          await waitState(tab, mark, exposed);
          await tab.close();
        });
      }

      // Every documented wording and language the description carries is marked.
      const variants = Object.entries(s.label).flatMap(([lang, words]) => words.map((_, i) => `?lang=${lang}&wording=${i}`)).slice(1);
      if (variants.length) {
        test(`${name}: in each documented wording and language (${variants.length} more), the control is marked`, { skip }, async () => {
          for (const query of variants) {
            const tab = await open(query);
            await waitState(tab, mark, exposed);
            assert.equal(await tab.eval(() => document.querySelectorAll('[data-optout-setting]').length), 1, query);
            await tab.close();
          }
        });
      }

      if (!readable) {
        test(`${name}: a control the core cannot read is never marked nor clicked`, async () => {
          await enabled();
          const tab = await fixture.browser.newPage();
          await tab.goto(page);
          await tab.waitFor(() => !!document.querySelector('main section:not([aria-busy])'));
          await new Promise((resolve) => setTimeout(resolve, 1500));
          assert.equal(await tab.eval(() => document.querySelectorAll('[data-optout-state]').length), 0);
          assert.deepEqual(fixture.server.saved.of(d.host), {}, 'nothing was saved');
          await tab.close();
        });
      }

      // Where the core cannot read the control, the guide still walks the documented path to its page:
      // each step before the control's is pointed at and taken, and the page the path ends on shows it.
      if (!readable && steps > 1) {
        test(`${name}: the guide walks its first ${steps - 1} documented step(s) to the control's page`, async () => {
          const from = await open();
          const popup = await fixture.browser.extensionPage('popup/popup.html', { from });
          await popup.waitFor(() => document.body.dataset.ready === 'true');
          await from.close();
          const start = `${origin}${rule.guide.start}`;
          fixture.browser.navigations.push(start);
          await popup.click(`button[data-action="guide"][data-setting="${s.id}"]`);
          const tab = await fixture.browser.findPage(start);
          for (let step = 1; step < steps; step++) {
            await until(() => tab.eval(pointed).then((p) => p?.step === step), `step ${step} of ${steps} was not pointed at`);
            await until(() => tab.eval(calloutText).then((c) => c.includes(`Step ${step} of ${steps}`)), `the callout did not say step ${step}`);
            await tab.click(`[data-optout-guide-step="${step}"]`);
          }
          await until(() => tab.eval(() => location.pathname), 'the path did not end on a page', 5000);
          assert.equal(await tab.eval(() => location.pathname), s.route ?? s.page, 'the path ends on the control\'s page');
          await tab.waitFor(() => !!document.querySelector('main section:not([aria-busy])'));
          assert.equal(await tab.eval(() => document.querySelectorAll('[data-optout-state]').length), 0, 'nothing is marked');
          await popup.close().catch(() => {});
          await tab.close();
        });
      }

      // A menu that offers only a lookalike of the protective item ("Turn off and delete activity"):
      // nothing is chosen, the menu is closed, Turn off says so, and nothing was saved.
      if (s.kind === 'menu' && !s.options) { // the chip (Gemini's); a dropdown's choices are its options
        test(`${name}: a menu without an item that is exactly the protective word gets nothing chosen; Turn off says so`, async () => {
          const tab = await open('?menu=delete-only');
          await waitState(tab, mark, 'opted-in');
          await waitBanner(tab, 'Turn off');
          await tab.clickBanner(`[data-optout-action="turn-off"][data-optout-setting="${s.id}"]`);
          await until(() => tab.eval(bannerText).then((b) => b.includes('offered no choice that is exactly its protective one')), 'the banner did not say nothing was chosen');
          const after = await tab.eval((sel) => ({
            deleted: document.documentElement.dataset.deleteChosen ?? null,
            menuOpen: document.querySelector(sel).getAttribute('aria-expanded'),
          }), mark);
          assert.deepEqual(after, { deleted: null, menuOpen: 'false' }, 'the deleting item was not chosen and the menu was closed');
          assert.equal(fixture.server.saved.of(d.host)[s.key], undefined, 'nothing was saved');
          await tab.close();
        });
      }

      // A person's whole journey, in one test to keep the suite fast (each test closes with a read of
      // the checklist for the audit): the page marks and explains the control; from the popup the guide
      // opens the path's start and walks each documented step to the control; Turn off there reads it
      // back in its protective position, the site saved it, and the popup's row shows it.
      // A site that saves only when its own button is pressed (`commit`): Turn off presses it (the rule's
      // save_button), and the site has saved the change.
      const pressed = s.commit ? `, pressing “${s.commit}”` : '';
      const title = `${name}: marked ${exposed} and explained; the guide walks its ${steps} documented step(s) to it; Turn off${pressed} reads it back ${s.protective}, saved; the popup row shows it`;
      test(title, { skip }, async () => {
        const from = await open();
        await waitState(from, mark, exposed);
        await waitBanner(from, ACTION[s.protective]);
        const facts = await from.eval((sel) => {
          const el = document.querySelector(sel);
          return {
            marks: document.querySelectorAll('[data-optout-setting]').length,
            role: el.getAttribute('role') ?? el.localName,
            core: document.querySelector('[data-optout-banner]').getAttribute('data-optout-core'),
          };
        }, mark);
        // A site whose policy allows wasm (Figma's editor is wasm) lets the core run in the page in every browser.
        const core = d.csp.includes("'wasm-unsafe-eval'") ? 'content' : fixture.browser.expectedCore;
        assert.deepEqual(facts, { marks: 1, role: ROLE[s.kind] ?? 'switch', core }, 'the one control marked');
        assert.ok((await from.eval(bannerText)).includes(rule.effect.en), 'the banner says what the setting lets the platform do');

        // The guide, started from the popup's row: a new tab at the path's start.
        const popup = await fixture.browser.extensionPage('popup/popup.html', { from });
        await popup.waitFor(() => document.body.dataset.ready === 'true');
        await from.close();
        const start = `${origin}${rule.guide.start}`;
        fixture.browser.navigations.push(start); // the tab the guide opens at the path's start
        await popup.click(`button[data-action="guide"][data-setting="${s.id}"]`);
        const tab = await fixture.browser.findPage(start);
        for (let step = 1; step <= steps; step++) {
          await until(() => tab.eval(pointed).then((p) => p?.step === step), `step ${step} of ${steps} was not pointed at`);
          await until(() => tab.eval(calloutText).then((c) => c.includes(`Step ${step} of ${steps}`)), `the callout did not say step ${step}`);
          if (step < steps) await tab.click(`[data-optout-guide-step="${step}"]`);
        }
        assert.deepEqual(await tab.eval(pointed), { step: steps, setting: s.id }, 'the last step is the setting\'s own control');
        // Turn off, at the guide's last step.
        await waitState(tab, mark, 'opted-in');
        await tab.clickBanner(`[data-optout-action="turn-off"][data-optout-setting="${s.id}"]`);
        if (s.protective === 'on') await waitBanner(tab, SHOWN.on, 12000);
        else await waitShownOff(tab);
        await waitState(tab, mark, 'opted-out');
        assert.equal(await tab.eval(positionOf, mark), s.protective, 'the page shows the protective position');
        assert.equal(fixture.server.saved.get(d.host, s.key), s.protective, 'the site saved it');
        assert.equal(await tab.eval(() => document.documentElement.dataset.deleteChosen ?? null), null, 'no deleting menu item was chosen');
        await until(() => tab.eval(calloutText).then((c) => c.includes('Done')), 'the guide did not finish');

        // The popup's row (the popup that started the guide may have closed itself, as a popup does).
        await popup.close().catch(() => {});
        const after = await fixture.browser.extensionPage('popup/popup.html', { from: tab });
        await after.waitFor((id) => document.querySelector(`li[data-setting="${id}"]`)?.dataset.state === 'opted-out', s.id);
        const row = await after.eval((id) => ({
          group: document.querySelector(`li[data-setting="${id}"]`).closest('[data-platform]')?.dataset.platform,
          address: document.querySelector(`li[data-setting="${id}"] button[data-action="open"]`)?.dataset.address,
          instance: document.querySelector(`li[data-setting="${id}"] [data-instance]`)?.dataset.instance ?? null,
        }), s.id);
        // A setting per blog or site: the row says whose page showed its state (each has its own switch).
        assert.deepEqual(row, { group: d.id, address, instance: s.page.includes('*') ? s.instances[0] : null });
        await after.close();
        await tab.close();
      });

      // A setting per blog or per site, each with its own page (`/settings/blog/<blog>`).
      if (s.instances?.length > 1 && s.page.includes('*')) instanceTests({ d, s, rule, name, origin, mark, open, fixture });

      // A site that keeps a change only once its button is pressed: the person's own untick shows on the
      // page but is not saved, so nothing records it (the popup's row stays as the site has it) and the
      // banner says the button still needs pressing; once they press it, the saved state is recorded.
      if (s.commit) {
        test(`${name}: a change the person makes is recorded only once they press “${s.commit}”; till then the banner asks for it, and keeps clear of it`, async () => {
          const tab = await open(`?state=${s.protective === 'off' ? 'on' : 'off'}`);
          await waitState(tab, mark, 'opted-in');
          await tab.click(`main ${mark}[data-optout-state]`); // the page's own box (the banner's buttons name the setting too)
          await waitState(tab, mark, 'opted-out');
          const unsaved = () => document.querySelector('[data-optout-banner]')?.shadowRoot?.querySelector('[data-optout-unsaved]')?.getAttribute('data-optout-unsaved') ?? null;
          await until(() => tab.eval(unsaved).then((u) => u === s.commit), 'the banner did not ask for the save button');
          assert.notEqual(fixture.server.saved.get(d.host, s.key), s.protective, 'the site has not saved it');
          const rowState = async () => {
            const popup = await fixture.browser.extensionPage('popup/popup.html', { from: tab });
            await popup.waitFor(() => document.body.dataset.ready === 'true');
            const state = await popup.eval((id) => document.querySelector(`li[data-setting="${id}"]`)?.dataset.state ?? null, s.id);
            await popup.close();
            return state;
          };
          assert.equal(await rowState(), 'opted-in', 'the unsaved change is not recorded');
          const done = (label) => [...document.querySelectorAll('main button')].find((b) => b.textContent === label && !b.disabled);
          await tab.waitFor(done, s.commit);
          await tab.eval((label) => [...document.querySelectorAll('main button')].find((b) => b.textContent === label && !b.disabled).setAttribute('data-test-commit', ''), s.commit);
          // The banner asking for the button does not sit on it (in a small window it moves to the top).
          const onTop = () => {
            const r = document.querySelector('[data-test-commit]').getBoundingClientRect();
            return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)?.closest('[data-test-commit]') !== null;
          };
          await until(() => tab.eval(onTop), 'the banner covers the button it asks for');
          await tab.click('[data-test-commit]');
          await until(() => fixture.server.saved.get(d.host, s.key) === s.protective, 'the site did not save the change');
          await until(() => tab.eval(unsaved).then((u) => u === null), 'the banner still asks for the save button');
          await until(() => rowState().then((r) => r === 'opted-out'), 'the saved change was not recorded');
          await tab.close();
        });

        // Its own button hidden, and a visible button of the same name elsewhere on the page (outside the
        // control's section): Turn off presses neither, says so, and claims nothing.
        test(`${name}: with its “${s.commit}” hidden and a same-named button elsewhere, Turn off presses nothing and says so`, async () => {
          const tab = await open(`?state=${s.protective === 'off' ? 'on' : 'off'}`);
          await waitState(tab, mark, 'opted-in');
          await tab.eval((label) => {
            const style = document.createElement('style');
            style.textContent = '[aria-label="Unsaved changes"] { display: none !important; }';
            document.head.append(style);
            const decoy = document.createElement('button');
            decoy.textContent = label;
            decoy.addEventListener('click', () => { window.decoyPressed = true; });
            document.querySelector('main').prepend(decoy);
          }, s.commit);
          await tab.clickBanner(`[data-optout-action="turn-off"][data-optout-setting="${s.id}"]`);
          await until(() => tab.eval(bannerText).then((t) => t.includes(`Could not find the page's “${s.commit}” button; nothing was saved`)), 'the banner did not say the button was missing');
          assert.equal(await tab.eval(() => window.decoyPressed ?? false), false, 'the same-named button elsewhere was not pressed');
          assert.notEqual(fixture.server.saved.get(d.host, s.key), s.protective, 'nothing was saved');
          await tab.close();
        });
      }
    }

    // Last: the audit of what the checklist holds opted-out, and the network check (it closes the browser).
    suiteEnd(fixture);
  });
}
