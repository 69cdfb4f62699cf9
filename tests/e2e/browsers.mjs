// Drivers for the end-to-end suites: real Chromium (playwright-core) and real Firefox ESR
// (puppeteer-core over WebDriver BiDi), each with the built extension loaded and the fixture
// server answering as every fixture host (https://www.linkedin.com, https://x.com, Meta's forms). One small page interface for both, so the
// scenarios in linkedin.scenarios.mjs are written once.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURE_HOSTS } from '../fixtures/server.mjs';

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

function wrap(page, { deep, evaluate, waitFor, paste }) {
  const problems = []; // console errors and warnings, and uncaught errors, of every world in the page
  page.on('console', (m) => { if (['error', 'warning', 'warn'].includes(m.type())) problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  return {
    raw: page,
    problems,
    goto: (url) => page.goto(url, { waitUntil: 'load' }),
    reload: () => page.reload({ waitUntil: 'load' }),
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
    close: () => page.close(),
  };
}

export async function launchChromium({ port }) {
  const { chromium } = await import('playwright-core');
  const dir = extensionDir('chrome');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'optout-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    ignoreHTTPSErrors: true,
    args: [
      ...CHROMIUM_FLAGS,
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      `--host-resolver-rules=${FIXTURE_HOSTS.map((h) => `MAP ${h}:443 127.0.0.1:${port}`).join(', ')}`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionOrigin = worker.url().match(/^chrome-extension:\/\/[a-z]+/)[0]; // URL().origin is 'null' for it
  const pageOf = (page) => wrap(page, {
    deep: ' ',
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    waitFor: (fn, arg, timeout = 10000) => page.waitForFunction(fn, arg, { timeout, polling: 50 }),
    paste: () => page.keyboard.press('Control+V'),
  });
  return {
    name: 'chromium',
    expectedCore: 'background', // LinkedIn's CSP forbids wasm in Chromium's content scripts
    async newPage() { return pageOf(await context.newPage()); },
    async extensionPage(pathname) {
      const page = await context.newPage();
      await page.goto(`${extensionOrigin}/${pathname}`);
      return pageOf(page);
    },
    badgeText: () => worker.evaluate(() => chrome.action.getBadgeText({})),
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
    // Reloads the extension as an update would, and resolves when its old service worker is gone.
    // (Chromium does not bring back an extension loaded with --load-extension: after this, it is gone.)
    async reloadExtension() {
      const closed = new Promise((resolve) => worker.once('close', resolve));
      await worker.evaluate(() => chrome.runtime.reload()).catch(() => {}); // the old worker dies answering
      await closed;
    },
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function launchFirefox({ port }) {
  if (port !== 443) throw new Error('Firefox has no port mapping: the fixture server must listen on 443');
  const puppeteer = (await import('puppeteer-core')).default;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
    headless: true,
    acceptInsecureCerts: true,
    extraPrefsFirefox: {
      'network.dns.localDomains': FIXTURE_HOSTS.join(','),
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      'browser.shell.checkDefaultBrowser': false,
    },
  });
  await browser.installExtension(extensionDir('firefox'));
  const pageOf = (page) => wrap(page, {
    deep: ' >>> ',
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    waitFor: (fn, arg, timeout = 10000) => page.waitForFunction(fn, { timeout, polling: 50 }, arg),
    paste: async () => {
      await page.keyboard.down('Control');
      await page.keyboard.press('KeyV');
      await page.keyboard.up('Control');
    },
  });
  const extensionOrigin = `moz-extension://${FIREFOX_UUID}`;
  return {
    name: 'firefox',
    expectedCore: 'content', // Firefox compiles wasm in content scripts whatever the page's CSP
    async newPage() { return pageOf(await browser.newPage()); },
    // BiDi cannot navigate to extension pages: the extension opens its own checklist tab
    // (the banner's "All settings" button, a real feature), and the test finds that tab.
    // BiDi reports such a tab's URL as about:blank, so each tab is asked for its location.href.
    async extensionPage(pathname, { from } = {}) {
      const known = new Set(await browser.pages());
      await from.clickBanner('[data-optout-action="checklist"]');
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
    async close() { await browser.close(); },
  };
}
