// Chromium loads dist/chrome without a manifest warning: what chrome://extensions shows a developer
// (its developerPrivate API, which collects manifest errors only in developer mode, from a load made
// while it is on: hence the reload). Firefox's manifest is checked by web-ext lint (tests/run.sh).
// No fixture page is opened, so this needs neither the fixture server nor its port.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_FLAGS, extensionDir } from './browsers.mjs';

// The extensions chrome://extensions lists as loaded unpacked, with their manifest warnings and errors.
async function unpackedExtensions(dir) {
  const { chromium } = await import('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'optout-manifest-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_FLAGS, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
  });
  try {
    const page = await context.newPage();
    await page.goto('chrome://extensions');
    const list = () => page.evaluate(() => new Promise((resolve) =>
      chrome.developerPrivate.getExtensionsInfo({ includeDisabled: true, includeTerminated: true }, resolve)));
    await page.evaluate(() => new Promise((resolve) => chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }, resolve)));
    for (const e of (await list()).filter((e) => e.location === 'UNPACKED')) {
      await page.evaluate((id) => new Promise((resolve) => chrome.developerPrivate.reload(id, { failQuietly: true }, resolve)), e.id);
    }
    const deadline = Date.now() + 10000;
    let found = [];
    while (Date.now() < deadline) { // the reload is asynchronous; the extension is listed again once loaded
      found = (await list()).filter((e) => e.location === 'UNPACKED' && e.state === 'ENABLED');
      if (found.length) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return found.map((e) => ({
      name: e.name,
      warnings: [...e.installWarnings, ...e.manifestErrors.map((m) => `${m.manifestKey ?? ''}: ${m.message}`)],
    }));
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

test('Chromium loads dist/chrome with no manifest warning', async () => {
  const loaded = await unpackedExtensions(extensionDir('chrome'));
  assert.equal(loaded.length, 1, 'Chromium did not load dist/chrome');
  assert.equal(loaded[0].name, 'OptOut');
  assert.deepEqual(loaded[0].warnings, []);
});

test('the check sees a warning when there is one: a manifest with both backgrounds, as in the root manifest.json', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'optout-both-backgrounds-'));
  try {
    fs.cpSync(extensionDir('chrome'), dir, { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    manifest.background.scripts = ['core/optout.js', 'background.js'];
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
    const loaded = await unpackedExtensions(dir);
    assert.equal(loaded.length, 1);
    assert.ok(loaded[0].warnings.some((w) => w.startsWith('background.scripts:')), loaded[0].warnings.join('; '));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
