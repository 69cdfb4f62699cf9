// Drivers for the end-to-end suites: real Chromium (playwright-core) and real Firefox ESR
// (puppeteer-core over WebDriver BiDi), each with the built extension loaded and the fixture
// server answering as every fixture host (https://www.linkedin.com, https://x.com, Meta's forms). One
// small page interface for both, so the scenarios are written once. Each browser also records every
// request it makes over its whole life (see "What the browser saw on the network" below).

import { after, afterEach, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURE_HOSTS, isFixtureApi, isFixtureAsset, startServer } from '../fixtures/server.mjs';
import { falseOptOuts, heldOptedOut } from './audit.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const GECKO_ID = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
const FIREFOX_UUID = '5e1f0b4c-0b7a-4c39-9d7c-0a0000000001';

export const extensionDir = (browser) => {
  const dir = path.join(ROOT, 'dist', browser);
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) throw new Error(`${dir} is missing: run ./build.sh first`);
  return dir;
};

export const CHROMIUM_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--ignore-certificate-errors',
];

function wrap(page, { deep, evaluate, waitFor, paste, navigations }) {
  const problems = []; // console errors and warnings, and uncaught errors, of every world in the page
  page.on('console', (m) => { if (['error', 'warning', 'warn'].includes(m.type())) problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  return {
    raw: page,
    problems,
    goto: (url) => {
      navigations.push(url); // the network check allows the tests' own navigations
      return page.goto(url, { waitUntil: 'load' });
    },
    reload: () => {
      navigations.push(page.url());
      return page.reload({ waitUntil: 'load' });
    },
    // A navigation the test's next action causes (a click on a link that loads a page, a tab the extension
    // opens on the person's request): declared, so that the network check allows it.
    expectNavigation: (url) => navigations.push(url),
    eval: evaluate,
    waitFor,
    url: () => page.url(),
    // A real, trusted click (CDP / WebDriver BiDi input) on an element of the banner's shadow root.
    clickBanner: (selector) => page.locator(`[data-optout-banner]${deep}${selector}`).click(),
    // The same in the guide's callout.
    clickCallout: (selector) => page.locator(`[data-optout-guide]${deep}${selector}`).click(),
    click: (selector) => page.locator(selector).click(),
    // The person's own paste (Ctrl+V) into the focused field.
    paste: paste,
    // A trusted click at a point, for pages whose main world is too broken for the drivers' locators.
    clickAt: (x, y) => page.mouse.click(x, y),
    // The page's viewport, { width, height } in CSS pixels.
    viewport: (size) => (page.setViewportSize ? page.setViewportSize(size) : page.setViewport(size)),
    close: () => page.close(),
  };
}

// `colorScheme`: 'dark' or 'light' emulates the system's preference (prefers-color-scheme) in every page.
// `viewport` ({ width, height }) and `deviceScaleFactor`: every page's size and pixel ratio (the README's
// pictures are rendered at fixed ones, tests/pictures/render.mjs); playwright's defaults otherwise.
export async function launchChromium({ port, colorScheme, viewport, deviceScaleFactor }) {
  const { chromium } = await import('playwright-core');
  const dir = extensionDir('chrome');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'optout-chromium-'));
  const netLog = chromiumNetLog();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    ignoreHTTPSErrors: true,
    ...(colorScheme ? { colorScheme } : {}),
    ...(viewport ? { viewport } : {}),
    ...(deviceScaleFactor ? { deviceScaleFactor } : {}),
    args: [
      ...CHROMIUM_FLAGS,
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      `--host-resolver-rules=${FIXTURE_HOSTS.map((h) => `MAP ${h}:443 127.0.0.1:${port}`).join(', ')}`,
      ...netLog.args,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionOrigin = worker.url().match(/^chrome-extension:\/\/[a-z]+/)[0]; // URL().origin is 'null' for it
  const navigations = [];
  let requests = null;
  let checklistAtExit = null; // what the extension's storage held when reloadExtension() took it away
  const pageOf = (page) => wrap(page, {
    deep: ' ',
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    waitFor: (fn, arg, timeout = 10000) => page.waitForFunction(fn, arg, { timeout, polling: 50 }),
    paste: () => page.keyboard.press('Control+V'),
    navigations,
  });
  return {
    name: 'chromium',
    navigations,
    requests: () => requests ?? assert.fail('the network record is read once the browser is closed'),
    expectedCore: 'background', // LinkedIn's CSP forbids wasm in Chromium's content scripts
    // Headless Chromium shows every page (none is a background tab): `window` is not needed here.
    async newPage() { return pageOf(await context.newPage()); },
    async extensionPage(pathname) {
      const page = await context.newPage();
      await page.goto(`${extensionOrigin}/${pathname}`);
      return pageOf(page);
    },
    badgeText: () => worker.evaluate(() => chrome.action.getBadgeText({})),
    extensionId: extensionOrigin.slice('chrome-extension://'.length),
    // One of the browser's own pages (chrome://extensions), as a person opens it.
    async browserPage(url) {
      const page = await context.newPage();
      await page.goto(url);
      return pageOf(page);
    },
    // What the extension's background holds (its service worker), e.g. its registered content scripts.
    inBackground: (fn, arg) => worker.evaluate(fn, arg),
    // How many tabs are open (a tab the extension opened counts too).
    openTabs: async () => context.pages().length,
    // Calls the background's message handler itself with `message` as if `sender` had sent it (the
    // browser names a real sender; a test forges one to show what the handler believes of it).
    // Resolves to what the listener would answer: { ok, value } or { ok: false, error }.
    handleInBackground: (message, sender) => worker.evaluate(async ({ message, sender }) => {
      try {
        return { ok: true, value: (await globalThis.handle(message, sender)) ?? null };
      } catch (error) {
        return { ok: false, error: String(error?.message ?? error) };
      }
    }, { message, sender }),
    // A tab the extension opened (or any open tab) whose address starts with `prefix`.
    async findPage(prefix, timeout = 10000) {
      const deadline = Date.now() + timeout;
      while (Date.now() < deadline) {
        const page = context.pages().find((p) => p.url().startsWith(prefix));
        if (page) return pageOf(page);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`no tab at ${prefix}`);
    },
    // Keeps the background busy until the time `until` (Date.now()): messages sent to it meanwhile wait,
    // then reach it back to back. Here the service worker itself is kept busy.
    holdBackground: (until) => worker.evaluate((until) => { while (Date.now() < until); }, until),
    // Reloads the extension as an update would, and resolves when its old service worker is gone.
    // (Chromium does not bring back an extension loaded with --load-extension: after this, it is gone.)
    async reloadExtension() {
      checklistAtExit = { held: (await worker.evaluate(() => chrome.storage.local.get('checklist'))).checklist ?? null };
      const closed = new Promise((resolve) => worker.once('close', resolve));
      await worker.evaluate(() => chrome.runtime.reload()).catch(() => {}); // the old worker dies answering
      await closed;
    },
    // Set once the extension is gone (after reloadExtension): { held }, its checklist as it went away.
    checklistAtExit: () => checklistAtExit,
    close: once(async () => {
      await context.close();
      requests = netLog.read(); // complete only now: Chromium writes its net log out as it exits
      fs.rmSync(profile, { recursive: true, force: true });
    }),
  };
}

// `prefs`: more Firefox preferences (the benchmark's full-resolution timers).
export async function launchFirefox({ port, prefs = {} }) {
  if (port !== 443) throw new Error('Firefox has no port mapping: the fixture server must listen on 443');
  const puppeteer = (await import('puppeteer-core')).default;
  const httpLog = firefoxHttpLog();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
    headless: true,
    acceptInsecureCerts: true,
    env: { ...process.env, ...httpLog.env },
    // WebDriver BiDi may then reach the browser window itself (its chrome context): the one way to open
    // an extension page in a tab, as the browser's own UI does (BiDi refuses to navigate to moz-extension:).
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.dns.localDomains': FIXTURE_HOSTS.join(','),
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      'browser.shell.checkDefaultBrowser': false,
      // permissions.request() is granted without Firefox's own prompt (which a driver cannot click);
      // it still needs the person's click (a user gesture), which the tests make for real.
      'extensions.webextOptionalPermissionPrompts': false,
      ...prefs,
    },
  });
  await browser.installExtension(extensionDir('firefox'));
  const navigations = [];
  let requests = null;
  const pageOf = (page) => wrap(page, {
    deep: ' >>> ',
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    waitFor: (fn, arg, timeout = 10000) => page.waitForFunction(fn, { timeout, polling: 50 }, arg),
    paste: async () => {
      await page.keyboard.down('Control');
      await page.keyboard.press('KeyV');
      await page.keyboard.up('Control');
    },
    navigations,
  });
  const extensionOrigin = `moz-extension://${FIREFOX_UUID}`;
  return {
    name: 'firefox',
    navigations,
    requests: () => requests ?? assert.fail('the network record is read once the browser is closed'),
    expectedCore: 'content', // Firefox compiles wasm in content scripts whatever the page's CSP
    // { window: true }: in a window of its own, so that the page is visible even when others open after it
    // (Firefox throttles a background tab's timers to a second and more).
    async newPage({ window = false } = {}) { return pageOf(await browser.newPage(window ? { type: 'window' } : undefined)); },
    // BiDi cannot navigate to extension pages: either the extension opens its own checklist tab
    // (`from`: a page whose banner's "All settings" button, a real feature, is clicked), or the browser
    // window opens the page in a new tab as its own UI would (its chrome context, see the launch's
    // --remote-allow-system-access), and the test finds that tab.
    // BiDi reports such a tab's URL as about:blank, so each tab is asked for its location.href.
    async extensionPage(pathname, { from } = {}) {
      const known = new Set(await browser.pages());
      if (from) await from.clickBanner('[data-optout-action="checklist"]');
      else await openInBrowserWindow(browser, `${extensionOrigin}/${pathname}`);
      const deadline = Date.now() + 10000;
      while (Date.now() < deadline) {
        for (const page of await browser.pages()) {
          if (known.has(page)) continue;
          const href = await page.evaluate(() => location.href).catch(() => '');
          if (href.startsWith(`${extensionOrigin}/${pathname}`)) return pageOf(page);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`the extension did not open ${pathname}`);
    },
    badgeText: null,
    // As in Chromium, through an extension page (`via`, from extensionPage): Firefox's background is a
    // page, which runtime.getBackgroundPage() hands to the extension's own pages.
    handleInBackground: (message, sender, { via }) => via.eval(async ({ message, sender }) => {
      const background = await browser.runtime.getBackgroundPage();
      try {
        return { ok: true, value: (await background.handle(message, sender)) ?? null };
      } catch (error) {
        return { ok: false, error: String(error?.message ?? error) };
      }
    }, { message, sender }),
    checklistAtExit: () => null,
    openTabs: async () => (await browser.pages()).length,
    async findPage(prefix, timeout = 10000) {
      const deadline = Date.now() + timeout;
      while (Date.now() < deadline) {
        for (const page of await browser.pages()) {
          const href = await page.evaluate(() => location.href).catch(() => '');
          if (href.startsWith(prefix)) return pageOf(page);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`no tab at ${prefix}`);
    },
    // Keeps the background busy until the time `until`, as in Chromium. BiDi cannot reach the background
    // page, but it runs on the main thread of the extension's process with the extension's own pages:
    // keeping one of those busy (`via`, from extensionPage) holds the background too.
    holdBackground: (until, { via }) => via.eval((until) => { while (Date.now() < until); }, until),
    close: once(async () => {
      await browser.close();
      requests = httpLog.read();
    }),
  };
}

// Opens `url` in a new tab from Firefox's browser window (its chrome context over WebDriver BiDi), as
// the browser's own UI opens an extension's page (the toolbar button, the add-ons manager).
async function openInBrowserWindow(browser, url) {
  const { result } = await browser.connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const window = result.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml') ?? result.contexts[0];
  // Selected, as a tab a person opens is: a background tab draws no frames (the drivers' clicks wait for them).
  const expression = `gBrowser.selectedTab = gBrowser.addTab(${JSON.stringify(url)}, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() }); true`;
  const { result: done } = await browser.connection.send('script.evaluate', { expression, target: { context: window.context }, awaitPromise: false });
  if (done.type !== 'success') throw new Error(`could not open ${url}: ${JSON.stringify(done).slice(0, 300)}`);
}

// ---- What the browser saw on the network ----
// The extension makes no network request of any kind (README, Permissions). Each browser records every
// request it makes over its whole life, whoever asked for it: Chromium in its net log (--log-net-log:
// every URL request of its network stack, with the origin that initiated it), Firefox in its HTTP log
// (MOZ_LOG=nsHttp: every HTTP transaction, all of them made in the parent process, the one that
// reaches the network). The drivers note each navigation a test makes (page.goto), and assertOnlyTestTraffic()
// allows those and the fixture pages' own subresources and requests to their site's saved state
// (/fixture-api/, tests/fixtures/saved.mjs), nothing else.

// Not the network: the extension's own files, inline and in-memory resources, the browsers' own pages.
const LOCAL_SCHEMES = new Set(['chrome-extension:', 'moz-extension:', 'data:', 'blob:', 'about:', 'chrome:', 'resource:']);
const isNetwork = (url) => !LOCAL_SCHEMES.has(new URL(url).protocol);

function chromiumNetLog() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'optout-netlog-'));
  const file = path.join(dir, 'netlog.json');
  return {
    args: [`--log-net-log=${file}`],
    read() {
      const log = JSON.parse(fs.readFileSync(file, 'utf8'));
      fs.rmSync(dir, { recursive: true, force: true });
      const START_JOB = log.constants.logEventTypes.URL_REQUEST_START_JOB; // once per request and per redirect
      return log.events
        .filter((e) => e.type === START_JOB && e.params?.url && isNetwork(e.params.url))
        .map(({ params: p }) => ({
          url: p.url,
          by: p.initiator ?? 'not an origin',
          // Neither a navigation nor asked for by a page, a worker or an extension (those carry their
          // origin): Chromium's own services. Headless Chromium 156 still posts to accounts.google.com
          // (ListAccounts, which no flag turns off: https://github.com/chromiumembedded/cef/issues/4276)
          // and to update.googleapis.com (an on-demand component check) whatever the flags say.
          browserOwn: (p.initiator ?? 'not an origin') === 'not an origin' && p.request_type === 'other',
        }));
    },
  };
}

function firefoxHttpLog() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'optout-httplog-'));
  return {
    env: {
      // sync: each line is written at once (buffered lines are lost when the browser is closed).
      MOZ_LOG: 'sync,nsHttp:1',
      MOZ_LOG_FILE: path.join(dir, 'log'),
      // Lets Firefox honour puppeteer's services.settings.server (a data: URL), so that Remote Settings
      // stays off the network: release builds ignore that pref otherwise.
      MOZ_REMOTE_SETTINGS_DEVTOOLS: '1',
    },
    read() {
      const lines = fs.readdirSync(dir).flatMap((name) => fs.readFileSync(path.join(dir, name), 'utf8').split('\n'));
      fs.rmSync(dir, { recursive: true, force: true });
      return sentChannels(lines)
        .filter(isNetwork)
        .map((url) => ({ url, by: null, browserOwn: false })); // Firefox is kept quiet by its prefs
    },
  };
}

// The URLs of the HTTP channels that went to the network, from the parent process's nsHttp log (level 1):
//   HttpBaseChannel::Init [this=P]  then  uri=URL          a channel is made
//   nsHttpChannel P created nsHttpTransaction T            it goes to the network
// A channel that creates no transaction sent nothing: Firefox makes one to pre-connect when a link is
// clicked (the fixture's links then navigate in-app), and one answered from its cache never leaves.
// Child processes log their side of the same channels (log.child-N.moz_log): only the parent's count.
function sentChannels(lines) {
  const uriOf = new Map();
  let made = null;
  const sent = [];
  for (const line of lines) {
    const text = /^\[Parent \d+: Main Thread\]: \w\/nsHttp (.*)$/.exec(line)?.[1];
    if (text === undefined) continue;
    let m;
    if ((m = /^HttpBaseChannel::Init \[this=(\w+)\]/.exec(text))) made = m[1];
    else if ((m = /^uri=(\S+)$/.exec(text)) && made) {
      uriOf.set(made, m[1]);
      made = null;
    } else if ((m = /^nsHttpChannel (\w+) created nsHttpTransaction/.exec(text))) {
      sent.push(uriOf.get(m[1]) ?? `unparsed:channel-${m[1]}`); // fails the check rather than hide
    }
  }
  return sent;
}

const once = (fn) => {
  let done = null;
  return () => (done ??= fn());
};
const withoutHash = (url) => url.split('#')[0];

// The requests the browser made that no test asked for: each navigation a test made is allowed as many
// times as it was made, and the fixture pages' own subresources and saved-state requests on those pages' origins.
export function unexpectedRequests(browser) {
  const left = new Map();
  for (const url of browser.navigations) left.set(withoutHash(url), (left.get(withoutHash(url)) ?? 0) + 1);
  const origins = new Set(browser.navigations.map((url) => new URL(url).origin));
  return browser.requests().filter(({ url, browserOwn }) => {
    if (browserOwn) return false;
    const navigation = withoutHash(url);
    if (left.get(navigation) > 0) {
      left.set(navigation, left.get(navigation) - 1);
      return false;
    }
    const { origin, pathname, hostname } = new URL(url);
    return !(origins.has(origin) && (isFixtureAsset(pathname, hostname) || isFixtureApi(pathname, hostname)));
  });
}

// The suites' last test: closes the browser (Chromium writes its net log out only then) and fails on any
// request no test asked for. `server` (the fixture server) checks the record itself: every request it
// answered must be in it, so a recorder that saw nothing, or not everything, cannot pass.
export async function assertOnlyTestTraffic(browser, server) {
  await browser.close();
  const seen = browser.requests();
  const recorded = new Set(seen.map((r) => withoutHash(r.url)));
  const missed = [...new Set(server.requests.map((r) => `https://${r.host}${r.url}`))].filter((url) => !recorded.has(url));
  assert.deepEqual(missed, [], `${browser.name}'s record lacks requests the fixture server answered: the recorder is broken`);
  const own = seen.filter((r) => r.browserOwn);
  if (own.length) {
    const hosts = new Map();
    for (const r of own) hosts.set(new URL(r.url).host, (hosts.get(new URL(r.url).host) ?? 0) + 1);
    const list = [...hosts].map(([host, n]) => `${host} ×${n}`).join(', ');
    console.log(`# ${browser.name}: ${seen.length} requests recorded; set aside ${own.length} that ${browser.name} made for itself (no page, worker or extension behind them): ${list}`);
  } else {
    console.log(`# ${browser.name}: ${seen.length} requests recorded`);
  }
  const unexpected = unexpectedRequests(browser).map((r) => `${r.url}${r.by ? ` (initiator ${r.by})` : ''}`);
  assert.deepEqual(unexpected, [], `${browser.name} made requests that no test asked for`);
}

// ---- what every suite shares ----

/** Called first inside a suite's describe: the fixture server and `launch`'s browser start before its
 * tests and close after them, and each test starts with the sites' settings as they ship (nothing saved;
 * the server's history keeps every change for the suite's closing audit). What the extension's checklist
 * holds is read after each test too (`held`), since a later test may overwrite it. `server` and `browser`
 * are set once the suite has started. */
export function suiteFixture(launch) {
  const fixture = { server: null, browser: null, held: [], ending: false };
  before(async () => {
    fixture.server = await startServer({ port: Number(process.env.OPTOUT_FIXTURE_PORT ?? 443) });
    fixture.browser = await launch.start({ port: fixture.server.port });
  });
  beforeEach(() => fixture.server?.saved.reset());
  afterEach(async (t) => {
    if (fixture.ending || !fixture.browser) return;
    try {
      fixture.held.push({ after: t.name, checklist: (await readChecklist(fixture.browser)).checklist });
    } catch (error) {
      fixture.held.push({ after: t.name, error: String(error?.message ?? error) });
    }
  });
  after(async () => {
    await fixture.browser?.close();
    await fixture.server?.close();
  });
  return fixture;
}

/** Called last inside a suite's describe: the two checks that close every suite. */
export function suiteEnd(fixture) {
  // Each record the checklist held opted-out, after any test or at the end, against the site's saved state
  // as of the record's time.
  test('no setting is held opted-out that the site did not save off', async (t) => {
    fixture.ending = true;
    const { checklist, rows, how } = await readChecklist(fixture.browser);
    const held = heldOptedOut(checklist);
    if (rows) {
      const shown = Object.keys(rows).filter((id) => rows[id] === 'opted-out');
      assert.deepEqual(shown.sort(), [...held].sort(), 'the popup shows opted-out exactly what the checklist holds opted-out');
    }
    const records = [...fixture.held, { after: 'the suite', checklist }];
    assert.deepEqual(records.filter((r) => r.error), [], 'the checklist could not be read after these tests');
    const history = fixture.server.history;
    const found = new Map();
    const audited = new Set();
    for (const r of records) {
      for (const id of heldOptedOut(r.checklist)) audited.add(`${id} ${JSON.stringify(r.checklist.seen[id])}`);
      for (const f of falseOptOuts(r.checklist, history)) found.set(`${f.setting} ${f.at}`, { ...f, heldAfter: r.after });
    }
    t.diagnostic(`${fixture.browser.name}: ${audited.size} opted-out record(s) held over ${records.length} reads of the checklist (the last ${how}: ${held.length ? held.join(', ') : 'none'}); the sites' saved states changed ${history.length} times`);
    assert.deepEqual([...found.values()], [], 'settings held opted-out that the site had not saved off when the checklist recorded them');
  });

  // Last: it closes the browser, and covers everything the browser did since it started.
  test('over the whole suite the browser made no request but the tests\' own pages and their subresources', async () => {
    await assertOnlyTestTraffic(fixture.browser, fixture.server);
  });
}

/** The extension's checklist (storage.local `checklist`) and the popup's rows ({ setting: state }), read
 * in the popup; once the extension is gone (Chromium's reloadExtension), the checklist it left. */
async function readChecklist(browser) {
  const atExit = browser.checklistAtExit();
  if (atExit) return { checklist: atExit.held, rows: null, how: 'as the extension went away' };
  const popup = await browser.extensionPage('popup/popup.html');
  await popup.waitFor(() => document.body.dataset.ready === 'true');
  const read = await popup.eval(async () => ({
    checklist: (await (globalThis.browser ?? chrome).storage.local.get('checklist')).checklist ?? null,
    rows: Object.fromEntries([...document.querySelectorAll('[data-setting][data-state]')].map((el) => [el.dataset.setting, el.dataset.state])),
  }));
  await popup.close();
  return { ...read, how: 'in the popup' };
}

/** Waits until the element `sel` carries `data-optout-state="<state>"`. */
export const waitState = (page, sel, state, timeout) =>
  page.waitFor(({ sel, state }) => document.querySelector(sel)?.getAttribute('data-optout-state') === state, { sel, state }, timeout);

/** Waits until the banner's text includes `text`. */
export const waitBanner = (page, text, timeout) =>
  page.waitFor((text) => (document.querySelector('[data-optout-banner]')?.shadowRoot?.textContent ?? '').includes(text), text, timeout);

/** The start of what Turn off says once it read the setting back off (no more than the page shows). */
export const SHOWN_OFF = 'The page now shows this setting off.';

/** Waits until Turn off's message, marked `data-verified="read-back"`, is in the banner; its text. */
export async function waitShownOff(page, timeout = 12000) {
  const message = '[data-optout-banner]';
  await page.waitFor((host) => !!document.querySelector(host)?.shadowRoot?.querySelector('[data-verified="read-back"]'), message, timeout);
  const text = await page.eval((host) => document.querySelector(host).shadowRoot.querySelector('[data-verified="read-back"]').textContent, message);
  assert.ok(text.startsWith(SHOWN_OFF), `Turn off said: ${text}`);
  return text;
}
