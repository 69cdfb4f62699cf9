// Switches a platform on the way a person does, for the end-to-end suites: `enablePlatform(session, id)`
// clicks the popup's `data-action="enable"` button of the platform's group (a real, trusted click, so
// permissions.request runs in a user gesture), which asks the browser for the platform's sites, then
// tells the background (`platform-enable`). It resolves once the background says the platform is on.
//
// The browser's own question cannot be answered by a driver, so each browser is brought to answer it
// as it does for a person who already said yes:
// - Firefox: the launch sets `extensions.webextOptionalPermissionPrompts` to false (browsers.mjs), with
//   which Firefox grants permissions.request() without its prompt, still only in a user gesture.
// - Chromium: permissions.request() shows no dialog for sites the person already granted. So the person
//   first grants them in Chromium's own site-access settings, as on chrome://extensions → OptOut →
//   Details → Site access → "On specific sites" → Add a site: that page's own API,
//   `chrome.developerPrivate.addHostPermission(extensionId, "https://<host>/*")` (a whole site: that
//   settings page adds sites, not paths), called on chrome://extensions itself. Granted there, the sites
//   are only recorded as the person's grant (permissions.getAll() does not list them yet); the popup's
//   click then asks for them and Chromium grants them silently, which is the flow under test.
import assert from 'node:assert/strict';

// The background's answer to `platforms-get`, asked from one of the extension's own pages.
export const platformsIn = (page) => page.eval(async () => {
  const reply = await (globalThis.browser ?? chrome).runtime.sendMessage({ type: 'platforms-get' });
  if (!reply?.ok) throw new Error(reply?.error ?? 'no answer');
  return reply.value;
});

// The whole sites of a platform's match patterns (`https://www.facebook.com/help/…*` → `https://www.facebook.com/*`).
const sitesOf = (hosts) => [...new Set(hosts.map((h) => `${new URL(h.replace(/\*$/, '')).origin}/*`))];

// Chromium: grants the sites on chrome://extensions, through the page's own API (see above).
async function grantInChromiumSettings(session, hosts) {
  const settings = await session.browserPage(`chrome://extensions/?id=${session.extensionId}`);
  try {
    for (const site of sitesOf(hosts)) {
      await settings.eval(({ id, site }) => chrome.developerPrivate.addHostPermission(id, site), { id: session.extensionId, site });
    }
  } finally {
    await settings.close();
  }
}

/** What a person does before a permission request in Chromium, whose dialog a driver cannot answer:
 * grants `hosts`' sites in the browser's own site-access settings (see the file's comment). Firefox
 * needs nothing (its prompt is off in the tests' profile). */
export async function grantSitesInBrowserSettings(session, hosts) {
  if (session.name === 'chromium') await grantInChromiumSettings(session, hosts);
}

/** Switches `platformId` on from the popup, for real (see the file's comment). */
export async function enablePlatform(session, platformId) {
  let popup = await session.extensionPage('popup/popup.html');
  await popup.waitFor(() => document.body.dataset.ready === 'true');
  const before = (await platformsIn(popup))[platformId];
  assert.ok(before, `no platform ${platformId} with sites to switch on`);
  if (before.enabled) return popup.close();
  if (session.name === 'chromium') {
    await grantInChromiumSettings(session, before.hosts);
    // The popup re-renders from the browser's permission change; a fresh one is drawn from the new state.
    await popup.close();
    popup = await session.extensionPage('popup/popup.html');
    await popup.waitFor(() => document.body.dataset.ready === 'true');
  }
  const button = `[data-platform="${platformId}"] [data-action="enable"]`;
  await popup.waitFor((sel) => !!document.querySelector(sel), button);
  await popup.click(button);
  const deadline = Date.now() + 10000;
  let now = before;
  while (Date.now() < deadline && !now.enabled) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    now = (await platformsIn(popup))[platformId];
  }
  const error = await popup.eval(() => (document.getElementById('error')?.hidden ? '' : document.getElementById('error')?.textContent ?? ''));
  await popup.close();
  assert.ok(now.enabled, `${platformId} is not on after the popup's enable (${JSON.stringify(now)}; popup says: ${error})`);
  assert.equal(error, '', 'the popup reported an error');
}
