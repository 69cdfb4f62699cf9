// Asking for what the person uses, written once and run in both browsers (permissions.chromium.test.mjs,
// permissions.firefox.test.mjs): a fresh install holds only LinkedIn's and X's sites; Meta (its two
// objection forms) is switched on from the popup, its content script then registered and its form banner
// shown, also on a form open since before; revoking its sites in the browser removes it cleanly; the options page's switches work from the
// keyboard, on and off; and a platform switched off counts nothing on the badge while its states are kept.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { suiteEnd, suiteFixture, waitState } from './browsers.mjs';
import { enablePlatform, grantSitesInBrowserSettings, platformsIn } from './platform-access.mjs';

const FACEBOOK_FORM = 'https://www.facebook.com/help/contact/712876720715583';
const INSTAGRAM_FORM = 'https://help.instagram.com/contact/767264225370182';
const GROK = 'https://x.com/settings/grok_settings';
const META_HOSTS = [`${FACEBOOK_FORM}*`, `${INSTAGRAM_FORM}*`];

// Every platform with sites, read from the rules on their own: those asked for at install, and the others
// (asked for when the person switches them on), each with the match patterns the browser is asked for.
const RULES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../crate/rules');
const WITH_SITES = fs.readdirSync(RULES).filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(fs.readFileSync(path.join(RULES, f), 'utf8')))
  .filter((r) => (r.platform.hosts ?? []).length || (r.forms ?? []).length)
  .map((r) => ({
    id: r.platform.id,
    atInstall: r.platform.access === 'at-install',
    hosts: [...(r.platform.hosts ?? []).map((h) => `https://${h}/*`), ...(r.forms ?? []).map((f) => `${f.url}*`)],
  }));
const ON_REQUEST = WITH_SITES.filter((p) => !p.atInstall);

// Polls from Node (for checks that are asynchronous inside the browser).
async function until(check, what, timeout = 10000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await check();
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`${what} (last: ${JSON.stringify(last)})`);
}

const sorted = (list) => [...list].sort();

export function permissionsSuite(launch) {
  describe(`Permissions: asking for what the person uses, in ${launch.name}`, () => {
    const fixture = suiteFixture(launch);

    // One of the extension's pages, ready, to ask the browser and the background from.
    async function extensionPage(pathname = 'popup/popup.html') {
      const page = await fixture.browser.extensionPage(pathname);
      await page.waitFor(() => document.body.dataset.ready === 'true');
      return page;
    }
    const registered = (page) => page.eval(async () => (await (globalThis.browser ?? chrome).scripting.getRegisteredContentScripts()).map((s) => ({ ...s })));
    const grantedOrigins = (page) => page.eval(async () => (await (globalThis.browser ?? chrome).permissions.getAll()).origins);
    const badge = (page) => page.eval(() => (globalThis.browser ?? chrome).action.getBadgeText({}));

    // Whether OptOut's content script ran on `url`: its form banner, within a few seconds (its wasm, the
    // evaluation). A page without it stays bare.
    async function formBannerOn(url, wait = 4000) {
      const page = await fixture.browser.newPage();
      await page.goto(url);
      const shown = await page.waitFor(() => !!document.querySelector('[data-optout-banner]')?.shadowRoot?.querySelector('[data-optout-suggested]'), null, wait).then(() => true, () => false);
      await page.close();
      return shown;
    }

    test('a fresh install asks only for LinkedIn and X, and runs nothing on a Meta form', async () => {
      const page = await extensionPage();
      const manifest = await page.eval(() => (globalThis.browser ?? chrome).runtime.getManifest());
      assert.deepEqual(sorted(manifest.host_permissions), ['https://www.linkedin.com/*', 'https://x.com/*']);
      assert.deepEqual(sorted(manifest.content_scripts[0].matches), ['https://www.linkedin.com/*', 'https://x.com/*']);
      assert.deepEqual(sorted(manifest.optional_host_permissions), sorted(ON_REQUEST.flatMap((p) => p.hosts)));
      assert.ok(ON_REQUEST.some((p) => p.id === 'meta') && ON_REQUEST.length >= 14, ON_REQUEST.map((p) => p.id).join(' '));
      assert.ok(manifest.permissions.includes('scripting'));
      assert.deepEqual(sorted(await grantedOrigins(page)), ['https://www.linkedin.com/*', 'https://x.com/*'], 'granted at install: LinkedIn and X only');
      const platforms = await platformsIn(page);
      assert.deepEqual(
        Object.fromEntries(Object.entries(platforms).map(([id, p]) => [id, [p.enabled, p.granted, p.atInstall]])),
        Object.fromEntries(WITH_SITES.map((p) => [p.id, p.atInstall ? [true, true, true] : [false, false, false]])),
      );
      assert.deepEqual(sorted(platforms.meta.hosts), sorted(META_HOSTS));
      assert.deepEqual(await registered(page), [], 'no content script registered');
      // The popup offers to switch Meta on, saying which sites it will ask for; LinkedIn and X need nothing.
      const offer = await page.eval(() => ({
        buttons: [...document.querySelectorAll('[data-action="enable"]')].map((b) => b.closest('[data-platform]').dataset.platform),
        text: document.querySelector('[data-platform="meta"] [data-enable]')?.textContent ?? '',
      }));
      assert.deepEqual(sorted(offer.buttons), sorted(ON_REQUEST.map((p) => p.id)));
      // Check now only where the platform is on: one that is off offers to switch it on instead.
      const checks = await page.eval(() => [...document.querySelectorAll('[data-action="check"]')].map((b) => b.dataset.platform));
      assert.deepEqual(sorted(checks), sorted(WITH_SITES.filter((p) => p.atInstall).map((p) => p.id)), 'Check now on the platforms that are on only');
      assert.match(offer.text, /www\.facebook\.com\/help\/contact\/712876720715583/);
      assert.match(offer.text, /help\.instagram\.com\/contact\/767264225370182/);
      await page.close();
      assert.equal(await formBannerOn(FACEBOOK_FORM), false, 'OptOut ran on a Meta form before Meta was switched on');
    });

    test('switching Meta on from the popup registers its content script, and the form banner appears, on a form already open too', async () => {
      const bannerIn = (page) => page.eval(() => !!document.querySelector('[data-optout-banner]')?.shadowRoot?.querySelector('[data-optout-suggested]'));
      const open = await fixture.browser.newPage();
      await open.goto(FACEBOOK_FORM);
      await open.waitFor(() => document.readyState === 'complete');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      assert.equal(await bannerIn(open), false, 'a form banner before Meta was switched on');
      await enablePlatform(fixture.browser, 'meta');
      // The form open since before: its banner comes without a reload (the page's own time origin stays).
      const origin = await open.eval(() => performance.timeOrigin);
      await open.waitFor(() => !!document.querySelector('[data-optout-banner]')?.shadowRoot?.querySelector('[data-optout-suggested]'), null, 10000);
      assert.equal(await open.eval(() => performance.timeOrigin), origin, 'the form was loaded again');
      await open.close();
      const page = await extensionPage();
      const manifest = await page.eval(() => (globalThis.browser ?? chrome).runtime.getManifest());
      const [script, ...others] = await registered(page);
      assert.deepEqual(others, []);
      assert.equal(script.id, 'platform-meta');
      assert.deepEqual(sorted(script.matches), sorted(META_HOSTS));
      // Exactly the manifest's own content script files, whatever the build puts there (Firefox's
      // getManifest() names them by their full address).
      const file = (f) => f.replace(/^(chrome|moz)-extension:\/\/[^/]+\//, '');
      assert.deepEqual(script.js, manifest.content_scripts[0].js.map(file));
      assert.deepEqual(script.css ?? [], (manifest.content_scripts[0].css ?? []).map(file));
      assert.equal(script.runAt ?? 'document_idle', manifest.content_scripts[0].run_at);
      assert.equal(script.persistAcrossSessions, true);
      const platforms = await platformsIn(page);
      assert.deepEqual([platforms.meta.enabled, platforms.meta.granted], [true, true]);
      assert.deepEqual((await page.eval(() => (globalThis.browser ?? chrome).storage.local.get('platforms'))).platforms, { meta: true });
      assert.deepEqual(
        sorted(await page.eval(() => [...document.querySelectorAll('[data-action="enable"]')].map((b) => b.closest('[data-platform]').dataset.platform))),
        sorted(ON_REQUEST.filter((p) => p.id !== 'meta').map((p) => p.id)),
        'the popup no longer offers Meta, only the platforms still off',
      );
      await page.close();
      assert.equal(await formBannerOn(FACEBOOK_FORM, 10000), true, 'the Facebook form banner');
      assert.equal(await formBannerOn(INSTAGRAM_FORM, 10000), true, 'the Instagram form banner');
    });

    test('revoking Meta\'s sites in the browser removes it cleanly, and the popup offers it again', async () => {
      const page = await extensionPage();
      const before = (await page.eval(() => (globalThis.browser ?? chrome).storage.local.get('checklist'))).checklist ?? null;
      const origins = await grantedOrigins(page);
      // What the browser holds for Meta (Chromium's site access grants whole sites), all of it, as a person
      // revoking it in the browser's settings would; an extension page calls permissions.remove itself.
      const meta = origins.filter((o) => /facebook|instagram/.test(o));
      assert.ok(meta.length >= 1, `Meta granted: ${origins}`);
      const removed = await page.eval((origins) => (globalThis.browser ?? chrome).permissions.remove({ origins }), meta);
      assert.equal(removed, true);
      await until(async () => (await registered(page)).length === 0, 'the content script unregistered after the revocation');
      const platforms = await platformsIn(page);
      assert.deepEqual([platforms.meta.enabled, platforms.meta.granted], [false, false]);
      await page.close();
      const popup = await extensionPage();
      assert.deepEqual(
        sorted(await popup.eval(() => [...document.querySelectorAll('[data-action="enable"]')].map((b) => b.closest('[data-platform]').dataset.platform))),
        sorted(ON_REQUEST.map((p) => p.id)),
      );
      const after = (await popup.eval(() => (globalThis.browser ?? chrome).storage.local.get('checklist'))).checklist ?? null;
      assert.deepEqual(after, before, 'the checklist is kept as it was');
      await popup.close();
      assert.equal(await formBannerOn(FACEBOOK_FORM), false, 'OptOut still ran on the form after the revocation');
    });

    test('the background refuses to switch a platform on without its grant, an unknown platform, and a content script asking', async () => {
      const page = await extensionPage();
      const send = (message) => page.eval((m) => (globalThis.browser ?? chrome).runtime.sendMessage(m), message);
      const meta = await send({ type: 'platform-enable', platform: 'meta' });
      assert.equal(meta.ok, false);
      assert.match(meta.error, /not granted/);
      const unknown = await send({ type: 'platform-enable', platform: 'myspace' });
      assert.deepEqual([unknown.ok, /unknown platform/.test(unknown.error)], [false, true]);
      // The handler believes the browser's word on the sender: a site's page (a content script) is refused.
      const forged = await fixture.browser.handleInBackground({ type: 'platform-disable', platform: 'linkedin' }, { id: 'x', url: 'https://www.linkedin.com/feed/', tab: { id: 1 } }, { via: page });
      assert.deepEqual([forged.ok, /only OptOut's own pages/.test(forged.error)], [false, true]);
      assert.equal((await platformsIn(page)).linkedin.enabled, true);
      await page.close();
    });

    test('the options page switches a platform on and off from the keyboard', async () => {
      // Chromium's permission dialog cannot be answered by a driver: the person has granted the sites in
      // its site-access settings first, so that the request below is answered without one.
      await grantSitesInBrowserSettings(fixture.browser, META_HOSTS);
      const options = await fixture.browser.extensionPage('options/options.html');
      await options.waitFor(() => document.getElementById('platforms')?.dataset.ready === 'true');
      const SWITCH = '[data-platform="meta"] [role="switch"]';
      const facts = await options.eval((sel) => {
        const s = document.querySelector(sel);
        const described = document.getElementById(s.getAttribute('aria-describedby'))?.textContent ?? '';
        return { tag: s.localName, checked: s.getAttribute('aria-checked'), name: s.textContent, described, all: [...document.querySelectorAll('#platforms [role="switch"]')].map((b) => b.closest('[data-platform]').dataset.platform) };
      }, SWITCH);
      assert.deepEqual(sorted(facts.all), sorted(WITH_SITES.map((p) => p.id)), 'a switch for every platform with sites');
      assert.deepEqual([facts.tag, facts.checked, facts.name], ['button', 'false', 'Meta (Facebook, Instagram)']);
      assert.match(facts.described, /www\.facebook\.com\/help\/contact\/712876720715583/);
      // Tab to it, as a person with a keyboard does, and press Space.
      let focused = false;
      for (let i = 0; i < 20 && !focused; i++) {
        await options.raw.keyboard.press('Tab');
        focused = await options.eval((sel) => document.activeElement === document.querySelector(sel), SWITCH);
      }
      assert.ok(focused, 'the switch is reached with Tab');
      await options.raw.keyboard.press(' ');
      await options.waitFor((sel) => document.querySelector(sel)?.getAttribute('aria-checked') === 'true', SWITCH);
      assert.deepEqual((await registered(options)).map((s) => s.id), ['platform-meta']);
      assert.equal((await platformsIn(options)).meta.enabled, true);
      // Still focused after the change; Enter switches it off.
      assert.equal(await options.eval((sel) => document.activeElement === document.querySelector(sel), SWITCH), true);
      await options.raw.keyboard.press('Enter');
      await options.waitFor((sel) => document.querySelector(sel)?.getAttribute('aria-checked') === 'false', SWITCH);
      assert.deepEqual(await registered(options), []);
      const meta = (await platformsIn(options)).meta;
      assert.deepEqual([meta.enabled, meta.granted], [false, true], 'off by the person\'s choice; the grant is the browser\'s to revoke');
      assert.deepEqual((await options.eval(() => (globalThis.browser ?? chrome).storage.local.get('platforms'))).platforms.meta, false);
      await options.close();
      assert.equal(await formBannerOn(FACEBOOK_FORM), false, 'OptOut ran on the form while Meta was off');
    });

    test('a platform switched off counts nothing on the badge, and its states are kept', async () => {
      const grok = await fixture.browser.newPage();
      await grok.goto(GROK);
      await waitState(grok, '[data-optout-setting="x.grok-training"]', 'opted-in');
      const page = await extensionPage();
      await until(async () => (await badge(page)) === '1', 'the badge counts the exposed Grok setting');
      const reply = await page.eval(() => (globalThis.browser ?? chrome).runtime.sendMessage({ type: 'platform-disable', platform: 'x' }));
      assert.equal(reply.ok, true, JSON.stringify(reply));
      assert.equal(reply.value.enabled, false);
      await until(async () => (await badge(page)) === '', 'no badge count while X is off');
      const held = (await page.eval(() => (globalThis.browser ?? chrome).storage.local.get('checklist'))).checklist;
      assert.equal(held.seen['x.grok-training'].state, 'opted-in', 'what X showed is kept');
      // X's content script is the manifest's: it still loads on X, but does no work while X is off.
      const off = await fixture.browser.newPage();
      await off.goto(GROK);
      const marked = await off.waitFor(() => !!document.querySelector('[data-optout-setting], [data-optout-banner]'), null, 4000).then(() => true, () => false);
      assert.equal(marked, false, 'OptOut marked X\'s page while X was off');
      await off.close();
      // Switched on again (its sites were granted at install): counted again.
      const again = await page.eval(() => (globalThis.browser ?? chrome).runtime.sendMessage({ type: 'platform-enable', platform: 'x' }));
      assert.equal(again.ok, true, JSON.stringify(again));
      await until(async () => (await badge(page)) === '1', 'the badge counts X again');
      await page.close();
      await grok.close();
    });

    test('LinkedIn\'s site access withheld in Firefox is asked for again with the popup\'s Allow access', async (t) => {
      if (launch.name !== 'firefox') {
        return t.skip(`${launch.name}: the sites asked for at install cannot be withheld (permissions.remove refuses required permissions)`);
      }
      const popup = await extensionPage();
      assert.equal(await popup.eval(() => browser.permissions.remove({ origins: ['https://www.linkedin.com/*'] })), true);
      await popup.eval(() => location.reload());
      await popup.waitFor(() => !!document.querySelector('[data-notice="access"] button[data-action="grant"]'));
      assert.deepEqual([(await platformsIn(popup)).linkedin.granted, (await platformsIn(popup)).linkedin.enabled], [false, true]);
      await popup.click('[data-notice="access"] button[data-action="grant"]');
      await popup.waitFor(() => document.body.dataset.ready === 'true' && !document.querySelector('[data-notice="access"]'));
      assert.equal(await popup.eval(() => browser.permissions.contains({ origins: ['https://www.linkedin.com/*'] })), true);
      assert.deepEqual(
        sorted(await popup.eval(() => [...document.querySelectorAll('[data-action="enable"]')].map((b) => b.dataset.platform))),
        sorted(ON_REQUEST.map((p) => p.id)),
        'only the platforms asked for on request: LinkedIn needs no switching on',
      );
      await popup.close();
    });

    suiteEnd(fixture);
  });
}
