// Themes and accessibility, end to end, written once and run in both browsers (a11y.chromium.test.mjs,
// a11y.firefox.test.mjs), each under a light and under a dark system preference: the banner and the
// callout follow the page's own theme (read from its computed colours, said by the host's data-theme),
// and the system's when the page paints no colour; the popup follows the system. Each is checked with
// axe-core (WCAG 2.0 A and AA, WCAG 2.1 AA) at 0 violations. axe runs in the page's main world, its
// source evaluated through the driver (the fixture pages' CSP allows no script of ours), and reaches
// into the banner's and the callout's open shadow roots from there.
// Theme variants of the fixtures: LinkedIn theme=dark|device, X theme=dim|lightsout.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { suiteEnd, suiteFixture, waitBanner, waitShownOff, waitState } from './browsers.mjs';
import { enablePlatform } from './platform-access.mjs';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21aa'];

const BASE = 'https://www.linkedin.com';
const AI = `${BASE}/mypreferences/d/settings/data-for-ai-improvement`;
const AI_MARK = '[data-optout-setting="linkedin.ai-training"]';
const PRIVACY = `${BASE}/mypreferences/d/categories/privacy`;
const GROK = 'https://x.com/settings/grok_settings';
const GROK_MARK = '[data-optout-setting="x.grok-training"]';
const FORM = 'https://www.facebook.com/help/contact/712876720715583';
const BANNER = '[data-optout-banner]';
const CALLOUT = '[data-optout-guide]';

// In the page: what a host says and how its box is painted ({ theme, dark }: the host's data-theme, and
// whether the box's computed background is dark by WCAG's luminance, as white text would contrast more).
function shown(host) {
  const el = document.querySelector(host);
  const box = el?.shadowRoot?.querySelector('.box');
  if (!box) return null;
  const [r, g, b] = getComputedStyle(box).backgroundColor.match(/[\d.]+/g).map(Number);
  const lin = (v) => (v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  const luminance = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  return { theme: el.getAttribute('data-theme'), dark: luminance < 0.179 };
}

// In the page: the WCAG contrast of OptOut's outline on the element `sel` (page.css: the mark of an exposing
// control, the guide's next step) with what the page paints behind it: the background colour of its nearest
// ancestor that paints one, the canvas (white) when none does. axe does not judge outlines (WCAG 1.4.11, 3:1).
function outlineContrast(sel) {
  const el = document.querySelector(sel);
  const rgba = (c) => c.match(/[\d.]+/g).map(Number);
  const lin = (v) => (v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  const luminance = ([r, g, b]) => 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  let behind = [255, 255, 255];
  for (let n = el.parentElement; n; n = n.parentElement) {
    const c = rgba(getComputedStyle(n).backgroundColor);
    if (c.length < 4 || c[3] > 0) { behind = c; break; }
  }
  const [a, b] = [luminance(rgba(getComputedStyle(el).outlineColor)), luminance(behind)].sort((x, y) => y - x);
  return Math.round(((a + 0.05) / (b + 0.05)) * 100) / 100;
}

async function assertOutlineContrast(t, page, sel, what) {
  const ratio = await page.eval(outlineContrast, sel);
  assert.ok(ratio >= 3, `${what}: its outline contrasts ${ratio}:1 with the page behind it, under 3:1`);
  t.diagnostic(`${what}: the outline contrasts ${ratio}:1 with the page behind it`);
}

// axe-core in the page's main world, its source evaluated by the driver (not a <script>: no page CSP
// stands in the way), over a host (axe follows it into its open shadow root) or, without one, the whole
// document. axe's contrast rule cannot judge what lies outside <body> (it lays its grid out from
// document.body and leaves such text "incomplete"), and OptOut's hosts are children of <html> on purpose
// (pages replace <body>): so the host's content is also shown as a copy inside <body> (a deep copy of its
// shadow root with its stylesheet, the host's own style and data-theme), beside the real one, and axe
// runs over both. Returns the violations of both, and on the copy how many elements the contrast rule
// judged and which it could not.
async function axe(page, host) {
  await page.eval(AXE_SOURCE);
  return page.eval(async ({ host, tags }) => {
    const run = async (context) => {
      const result = await window.axe.run(context, { runOnly: { type: 'tag', values: tags } });
      const contrast = [...result.passes, ...result.violations].find((r) => r.id === 'color-contrast');
      return {
        violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' >> ')}: ${n.failureSummary}`) })),
        contrastChecked: contrast?.nodes.length ?? 0,
        incomplete: result.incomplete.filter((r) => r.id === 'color-contrast').flatMap((r) => r.nodes.map((n) => n.target.join(' >> '))),
      };
    };
    if (!host) return run(document);
    const real = document.querySelector(host);
    const copy = document.createElement('div');
    copy.setAttribute('data-a11y-copy', '');
    // Declaration by declaration (Chromium's cssText of the host lists removed longhands of `all` again).
    for (const k of real.style) copy.style.setProperty(k, real.style.getPropertyValue(k), real.style.getPropertyPriority(k));
    if (real.hasAttribute('data-theme')) copy.setAttribute('data-theme', real.getAttribute('data-theme'));
    // On the other half of the window from the real one, which would paint over it (it comes later).
    const onRight = real.getBoundingClientRect().left > innerWidth / 2;
    for (const side of ['top', 'bottom', 'left', 'right']) copy.style.removeProperty(side);
    copy.style.setProperty('top', '0px', 'important');
    copy.style.setProperty(onRight ? 'left' : 'right', '0px', 'important');
    const root = copy.attachShadow({ mode: 'open' });
    root.append(...[...real.shadowRoot.childNodes].map((n) => n.cloneNode(true)));
    const fields = real.shadowRoot.querySelectorAll('textarea');
    root.querySelectorAll('textarea').forEach((field, i) => { field.value = fields[i].value; });
    document.body.append(copy);
    try {
      const onReal = await run({ include: [[host]] });
      const onCopy = await run({ include: [['[data-a11y-copy]']] });
      return { ...onCopy, violations: [...onReal.violations, ...onCopy.violations] };
    } finally {
      copy.remove();
    }
  }, { host, tags: WCAG_AA });
}

async function assertAccessible(t, page, host, what) {
  const { violations, contrastChecked, incomplete } = await axe(page, host);
  assert.deepEqual(violations, [], `axe (${WCAG_AA.join(', ')}) found violations in ${what}:\n${JSON.stringify(violations, null, 2)}`);
  assert.ok(contrastChecked > 0, `axe judged the contrast of no element in ${what}`);
  assert.deepEqual(incomplete, [], `axe could not judge the contrast of these in ${what}`);
  t.diagnostic(`${what}: 0 violations; contrast judged on ${contrastChecked} element(s)`);
}

/** `scheme`: the system preference the suite's browser was launched with ('light' or 'dark');
 * `launch.preferenceBy` says how. */
export function a11ySuite(launch, scheme) {
  const dark = scheme === 'dark';
  describe(`Themes and accessibility in ${launch.name}, the system preferring ${scheme}`, () => {
    const fixture = suiteFixture(launch);
    // Meta (its objection forms) is asked for on request: switched on first, as a person does (platform-access.mjs).
    before(() => enablePlatform(fixture.browser, 'meta'));

    async function open(url) {
      const page = await fixture.browser.newPage();
      await page.goto(url);
      return page;
    }

    test(`the browser's pages see the system preferring ${scheme}`, async (t) => {
      const page = await open(FORM);
      assert.equal(await page.eval(() => matchMedia('(prefers-color-scheme: dark)').matches), dark);
      t.diagnostic(`${launch.name}: the preference is set by ${launch.preferenceBy}`);
      await page.close();
    });

    test('LinkedIn in its light theme: the banner is light whatever the system prefers (the page\'s theme comes first), and passes axe before and after Turn off; the switch\'s mark contrasts 3:1', async (t) => {
      const page = await open(AI);
      await waitState(page, AI_MARK, 'opted-in');
      await waitBanner(page, 'Turn off');
      assert.deepEqual(await page.eval(shown, BANNER), { theme: 'light', dark: false });
      await assertAccessible(t, page, BANNER, 'the banner, exposed');
      await assertOutlineContrast(t, page, AI_MARK, 'the mark of the switch on LinkedIn\'s light theme');
      await page.clickBanner('[data-optout-action="turn-off"]');
      await waitShownOff(page);
      await assertAccessible(t, page, BANNER, 'the banner, turned off');
      await page.close();
    });

    test('LinkedIn in its own dark mode: the host says dark, the box is dark, and it passes axe; the switch\'s mark contrasts 3:1', async (t) => {
      const page = await open(`${AI}?theme=dark`);
      await waitState(page, AI_MARK, 'opted-in');
      await waitBanner(page, 'Turn off');
      assert.deepEqual(await page.eval(shown, BANNER), { theme: 'dark', dark: true });
      await assertAccessible(t, page, BANNER, 'the banner on LinkedIn\'s dark mode');
      await assertOutlineContrast(t, page, AI_MARK, 'the mark of the switch on LinkedIn\'s dark mode');
      await page.close();
    });

    test(`LinkedIn following the device's theme: the banner is ${scheme}, and passes axe`, async (t) => {
      const page = await open(`${AI}?theme=device`);
      await waitBanner(page, 'Turn off');
      assert.deepEqual(await page.eval(shown, BANNER), { theme: scheme, dark });
      await assertAccessible(t, page, BANNER, `the banner on LinkedIn in the device's ${scheme} theme`);
      await page.close();
    });

    for (const [theme, paper] of [['lightsout', 'rgb(0, 0, 0)'], ['dim', 'rgb(21, 32, 43)']]) {
      test(`X in ${theme === 'dim' ? 'Dim' : 'Lights out'} (${paper}): the host says dark, the box is dark, and it passes axe; the switch's mark contrasts 3:1`, async (t) => {
        const page = await open(`${GROK}?theme=${theme}`);
        await waitState(page, GROK_MARK, 'opted-in');
        await waitBanner(page, 'Turn off');
        assert.equal(await page.eval(() => getComputedStyle(document.body).backgroundColor), paper);
        assert.deepEqual(await page.eval(shown, BANNER), { theme: 'dark', dark: true });
        await assertAccessible(t, page, BANNER, `the banner on X's ${theme}`);
        await assertOutlineContrast(t, page, GROK_MARK, `the mark of the switch on X's ${theme}`);
        await page.close();
      });
    }

    test('X turning dark under the banner: the host follows at the banner\'s next render', async () => {
      const page = await open(GROK);
      await waitBanner(page, 'Turn off');
      assert.deepEqual(await page.eval(shown, BANNER), { theme: 'light', dark: false });
      // X's own theme switch: the body's colour changes and the app renders anew.
      await page.eval(() => {
        document.body.style.backgroundColor = 'rgb(0, 0, 0)';
        document.querySelector('main').append(document.createElement('div'));
      });
      await page.waitFor((host) => document.querySelector(host)?.getAttribute('data-theme') === 'dark', BANNER);
      assert.deepEqual(await page.eval(shown, BANNER), { theme: 'dark', dark: true });
      await page.close();
    });

    test(`a page that paints no colour of its own (Meta's form): no data-theme, the banner follows the system (${scheme}), and passes axe`, async (t) => {
      const page = await open(FORM);
      await waitBanner(page, 'Copy the text');
      assert.deepEqual(await page.eval(shown, BANNER), { theme: null, dark });
      await assertAccessible(t, page, BANNER, `the form's banner (${scheme})`);
      await page.close();
    });

    for (const theme of ['light', 'dark']) {
      test(`the guide's callout on LinkedIn's ${theme} theme is ${theme}, and passes axe; the next step's outline contrasts 3:1`, async (t) => {
        const page = await open(theme === 'dark' ? `${PRIVACY}?theme=dark` : PRIVACY);
        await waitBanner(page, 'expose your data');
        await page.clickBanner('[data-optout-action="guide"][data-optout-setting="linkedin.ai-training"]');
        await page.waitFor((host) => (document.querySelector(host)?.shadowRoot?.textContent ?? '').includes('Step 4 of 5'), CALLOUT);
        assert.deepEqual(await page.eval(shown, CALLOUT), { theme, dark: theme === 'dark' });
        await assertAccessible(t, page, CALLOUT, `the callout (${theme})`);
        await assertOutlineContrast(t, page, '[data-optout-guide-step]', `the guide's next step on LinkedIn's ${theme} theme`);
        await page.clickCallout('[data-optout-action="guide-end"]');
        await page.waitFor((host) => !document.querySelector(host), CALLOUT);
        await page.close();
      });
    }

    test(`the popup follows the system (${scheme}) and passes axe`, async (t) => {
      // A row of each state's colour: X exposed, LinkedIn's AI training off.
      const grok = await open(GROK);
      await waitState(grok, GROK_MARK, 'opted-in');
      const ai = await open(`${AI}?state=off`);
      await waitState(ai, AI_MARK, 'opted-out');
      await ai.close();
      const popup = await fixture.browser.extensionPage('popup/popup.html', { from: grok });
      await popup.waitFor(() => document.querySelector('li[data-setting="linkedin.ai-training"]')?.dataset.state === 'opted-out');
      assert.equal(await popup.eval(() => {
        const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/[\d.]+/g).map(Number);
        return r + g + b < 3 * 128;
      }), dark, `the popup's background is ${scheme}`);
      // axe judges the contrast of what is in view only: the list, which scrolls inside the popup, is let
      // out to its full height, in a window tall enough to show it all.
      await popup.eval(() => { document.querySelector('main').style.maxHeight = 'none'; });
      await popup.viewport({ width: 420, height: await popup.eval(() => document.documentElement.scrollHeight) });
      await assertAccessible(t, popup, null, `the popup (${scheme})`);
      await popup.close();
      await grok.close();
    });

    test(`the options page follows the system (${scheme}) and passes axe: preferences, history rows, the clear confirmation; the popup's re-check note too`, async (t) => {
      // History rows of both states: X exposed, LinkedIn's AI training off.
      const grok = await open(GROK);
      await waitState(grok, GROK_MARK, 'opted-in');
      const ai = await open(`${AI}?state=off`);
      await waitState(ai, AI_MARK, 'opted-out');
      await ai.close();
      const popup = await fixture.browser.extensionPage('popup/popup.html', { from: grok });
      await popup.waitFor(() => document.body.dataset.ready === 'true');
      const origin = await popup.eval(() => location.origin);
      await popup.eval(() => (globalThis.browser ?? chrome).runtime.openOptionsPage());
      const options = await fixture.browser.findPage(`${origin}/options/options.html`);
      await options.waitFor(() => document.querySelectorAll('[data-receipt]').length >= 2 && document.getElementById('preferences').dataset.ready === 'true');
      assert.equal(await options.eval(() => {
        const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/[\d.]+/g).map(Number);
        return r + g + b < 3 * 128;
      }), dark, `the options page's background is ${scheme}`);
      await options.click('[data-action="clear-history"]');
      await options.waitFor(() => !!document.querySelector('[data-confirm]'));
      await options.viewport({ width: 900, height: await options.eval(() => document.documentElement.scrollHeight) });
      await assertAccessible(t, options, null, `the options page (${scheme})`);
      await options.click('[data-action="cancel"]');
      await options.close();
      // A re-check due (the background's reminders, its clock moved on 40 days): the popup's note.
      const reply = await popup.eval((now) => (globalThis.browser ?? chrome).runtime.sendMessage({ type: 'reminders-run', now }), Date.now() + 40 * 86_400_000);
      assert.equal(reply.ok, true, reply.error);
      await popup.waitFor(() => !!document.querySelector('[data-reminder="due"]'));
      await popup.eval(() => { document.querySelector('main').style.maxHeight = 'none'; });
      await popup.viewport({ width: 420, height: await popup.eval(() => document.documentElement.scrollHeight) });
      await assertAccessible(t, popup, null, `the popup with a re-check due (${scheme})`);
      await popup.eval((now) => (globalThis.browser ?? chrome).runtime.sendMessage({ type: 'reminders-run', now }), Date.now());
      await popup.close();
      await grok.close();
    });

    suiteEnd(fixture);
  });
}
