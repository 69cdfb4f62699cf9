// Renders the README's pictures into docs/ (PNG) from the built extension (dist/chrome) in real Chromium,
// against the fixture sites served over HTTPS as the real hosts (the end-to-end suites' session:
// tests/e2e/browsers.mjs, tests/fixtures/server.mjs), and records in docs/pictures.json what they were
// made from (sources.mjs), which the build test tests/build/pictures.test.mjs compares with the sources.
//
//   ./build.sh && flock /tmp/optout-443.lock node tests/pictures/render.mjs
//
// Every picture is cropped to what it shows, at a fixed viewport and pixel ratio, in English, in UTC, the
// system preferring light; the times the extension stored are pinned (see pinTimes) so that a re-render
// of an unchanged interface gives the same pictures. In order (each step leaves what the next shows):
//   linkedin-banner-dark.png, linkedin-banner-light.png   the AI-training setting's page, exposed
//   x-banner-lightsout.png        X's Grok page in Lights out, exposed
//   guide-callout.png             LinkedIn's Data privacy page, the guide started from the banner (step 4 of 5)
//   then LinkedIn's AI training and research are turned off with the banner's Turn off (receipts for the
//   history), and its advertising settings are found off
//   popup.png                     the popup (as a tab) with those states
//   options-history.png           the options page's history section, whatever it shows

import fs from 'node:fs';
import path from 'node:path';
import { launchChromium, waitBanner, waitShownOff, waitState } from '../e2e/browsers.mjs';
import { startServer } from '../fixtures/server.mjs';
import { compact, pixels } from './png.mjs';
import { COMMAND, DOCS, MANIFEST, ROOT, pngSize, sha256, sourceHashes } from './sources.mjs';

// Chromium (and this process) inherit these: the interface in English, dates in UTC.
process.env.TZ = 'UTC';
process.env.LANG = 'en_US.UTF-8';
process.env.LANGUAGE = 'en_US:en';

const VIEWPORT = { width: 1024, height: 768 };
const SCALE = 1;
const PINNED_AT = Date.UTC(2026, 10, 30, 9, 41, 0); // the time every stored time is moved to (in order)
const PAD = 16; // CSS pixels of the page kept around what a picture shows

const LI = 'https://www.linkedin.com';
const AI = `${LI}/mypreferences/d/settings/data-for-ai-improvement`;
const AI_MARK = '[data-optout-setting="linkedin.ai-training"]';
const PRIVACY = `${LI}/mypreferences/d/categories/privacy`;
const GROK = 'https://x.com/settings/grok_settings';
const GROK_MARK = '[data-optout-setting="x.grok-training"]';
const BANNER = '[data-optout-banner]';
const CALLOUT = '[data-optout-guide]';

// The pictures must show the build of the sources they are recorded against.
function assertBuiltFromSources(sources) {
  const built = fs.statSync(path.join(ROOT, 'dist/chrome/manifest.json'), { throwIfNoEntry: false });
  if (!built) throw new Error('dist/chrome is missing: run ./build.sh first');
  const newer = Object.keys(sources).filter((f) => fs.statSync(path.join(ROOT, f)).mtimeMs > built.mtimeMs);
  if (newer.length) throw new Error(`changed since dist/ was built: ${newer.join(', ')}; run ./build.sh first`);
}

// In the page: the viewport rectangle of an element, `selector` in the document or, with `host`, in
// that host's shadow root.
function rectIn({ selector, host }) {
  const root = host ? document.querySelector(host)?.shadowRoot : document;
  const r = root?.querySelector(selector)?.getBoundingClientRect();
  return r && r.width && r.height ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom } : null;
}

// The clip around all of `parts` ({ selector, host? }), with PAD around them, within the viewport.
async function clipAround(page, parts) {
  const rects = [];
  for (const part of parts) {
    const r = await page.eval(rectIn, { host: null, ...part });
    if (!r) throw new Error(`nothing to picture at ${JSON.stringify(part)} on ${page.url()}`);
    rects.push(r);
  }
  const left = Math.max(0, Math.floor(Math.min(...rects.map((r) => r.left)) - PAD));
  const top = Math.max(0, Math.floor(Math.min(...rects.map((r) => r.top)) - PAD));
  const right = Math.min(VIEWPORT.width, Math.ceil(Math.max(...rects.map((r) => r.right)) + PAD));
  const bottom = Math.min(VIEWPORT.height, Math.ceil(Math.max(...rects.map((r) => r.bottom)) + PAD));
  if (right <= left || bottom <= top) throw new Error(`${JSON.stringify(parts)} lies outside the window on ${page.url()}`);
  return { x: left, y: top, width: right - left, height: bottom - top };
}

const settle = (page) => page.eval(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))));

const written = {};
async function shoot(page, name, target) {
  await settle(page);
  const options = { animations: 'disabled', caret: 'hide', scale: 'device' };
  const shot = typeof target === 'string' ? await page.raw.locator(target).screenshot(options) : await page.raw.screenshot({ ...options, clip: target });
  const { bytes, colours, remapped } = compact(shot);
  // The file shows what the browser drew, but for the pixels compact() says it moved to a neighbouring colour.
  const [drawn, kept] = [pixels(shot), pixels(bytes)];
  let moved = 0;
  for (let i = 0; i < drawn.length; i += 3) if (drawn[i] !== kept[i] || drawn[i + 1] !== kept[i + 1] || drawn[i + 2] !== kept[i + 2]) moved++;
  if (drawn.length !== kept.length || Math.abs(moved / (drawn.length / 3) - remapped) > 1e-9) throw new Error(`${name}: compacting changed more than it says`);
  fs.writeFileSync(path.join(DOCS, name), bytes);
  written[name] = { ...pngSize(bytes), bytes: bytes.length, sha256: sha256(bytes) };
  console.log(`docs/${name}: ${written[name].width}×${written[name].height}, ${bytes.length} bytes (${colours} colours; ${(100 * remapped).toFixed(1)}% of pixels drawn in a neighbouring one)`);
}

// Every time the extension stored (storage.local: any number within the run's time, wherever it sits) is
// moved to PINNED_AT plus a second per distinct time before it, keeping their order: the popup and the
// history show the same times at every render.
async function pinTimes(page, from) {
  return page.eval(async ({ from, to, at }) => {
    const api = globalThis.browser ?? chrome;
    const all = await api.storage.local.get(null);
    const times = new Set();
    const isTime = (v) => typeof v === 'number' && v >= from && v <= to;
    const visit = (v, f) => {
      if (Array.isArray(v)) return v.map((x) => visit(x, f));
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, visit(x, f)]));
      return isTime(v) ? f(v) : v;
    };
    visit(all, (v) => (times.add(v), v));
    const rank = new Map([...times].sort((a, b) => a - b).map((v, i) => [v, at + i * 1000]));
    await api.storage.local.set(visit(all, (v) => rank.get(v)));
    return times.size;
  }, { from, to: Date.now(), at: PINNED_AT });
}

async function main() {
  const sources = sourceHashes();
  assertBuiltFromSources(sources);
  fs.mkdirSync(DOCS, { recursive: true });
  const started = Date.now();
  // Any free port: Chromium maps the fixture hosts to it (only Firefox needs 443).
  const server = await startServer({ port: 0 });
  const browser = await launchChromium({ port: server.port, colorScheme: 'light', viewport: VIEWPORT, deviceScaleFactor: SCALE });
  try {
    const open = async (url) => {
      const page = await browser.newPage();
      await page.goto(url);
      return page;
    };

    // The banner on a setting's page, exposed: the page's main content, the marked switch and the banner.
    const banner = async (url, mark, name) => {
      const page = await open(url);
      await waitState(page, mark, 'opted-in');
      await waitBanner(page, 'Turn off');
      await shoot(page, name, await clipAround(page, [{ selector: 'main' }, { selector: mark }, { host: BANNER, selector: '.box' }]));
      await page.close();
    };
    await banner(`${AI}?theme=dark`, AI_MARK, 'linkedin-banner-dark.png');
    await banner(AI, AI_MARK, 'linkedin-banner-light.png');
    await banner(`${GROK}?theme=lightsout`, GROK_MARK, 'x-banner-lightsout.png');

    // The guide's callout: started from the banner on Data privacy, pointing at the setting's row.
    const privacy = await open(PRIVACY);
    await waitBanner(privacy, 'expose your data');
    await privacy.clickBanner('[data-optout-action="guide"][data-optout-setting="linkedin.ai-training"]');
    await privacy.waitFor((host) => (document.querySelector(host)?.shadowRoot?.textContent ?? '').includes('Step 4 of 5'), CALLOUT);
    await privacy.eval(() => document.activeElement?.blur());
    await shoot(privacy, 'guide-callout.png', await clipAround(privacy, [{ selector: 'main' }, { selector: '[data-optout-guide-step]' }, { host: CALLOUT, selector: '.box' }]));
    await privacy.clickCallout('[data-optout-action="guide-end"]');
    await privacy.waitFor((host) => !document.querySelector(host), CALLOUT);
    await privacy.close();

    // Receipts: AI training and research turned off with the banner's Turn off, each then seen off on a
    // fresh load; the advertising settings found off on their category page (the site arranged so). That
    // leaves LinkedIn with nothing exposed, and X's Grok training exposed: the popup lists X first.
    const turnOff = async (url, mark) => {
      const page = await open(url);
      await waitState(page, mark, 'opted-in');
      await waitBanner(page, 'Turn off');
      await page.clickBanner('[data-optout-action="turn-off"]');
      await waitShownOff(page);
      await page.reload();
      await waitState(page, mark, 'opted-out');
      await page.close();
    };
    await turnOff(AI, AI_MARK);
    await turnOff(`${LI}/mypreferences/d/settings/policy-and-academic-research`, '[data-optout-setting="linkedin.research"]');
    const ads = await open(`${LI}/mypreferences/d/categories/ads?state=off`);
    await ads.waitFor(() => document.querySelectorAll('[data-optout-setting][data-optout-state="opted-out"]').length === 8);
    await ads.close();

    // The popup, as a tab (the size of the popup: its body), with those states and pinned times.
    const popup = await browser.extensionPage('popup/popup.html?view=tab');
    await popup.waitFor(() => document.body.dataset.ready === 'true');
    console.log(`pinned ${await pinTimes(popup, started)} stored time(s) to ${new Date(PINNED_AT).toISOString()}`);
    await popup.reload();
    await popup.waitFor(() => document.body.dataset.ready === 'true'
      && document.querySelector('li[data-setting="linkedin.ai-training"]')?.dataset.state === 'opted-out'
      && document.querySelector('li[data-setting="x.grok-training"]')?.dataset.state === 'opted-in');
    await shoot(popup, 'popup.png', 'body');
    await popup.close();

    // The options page's history section, whatever it shows.
    const options = await browser.extensionPage('options/options.html');
    await options.waitFor(() => document.body.dataset.ready === 'true');
    // Whatever fills it (from the background's storage) is let finish: no change in it for half a second.
    await options.eval(() => new Promise((resolve) => {
      const section = document.querySelector('#history');
      let timer = setTimeout(resolve, 500);
      new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(resolve, 500); }).observe(section, { subtree: true, childList: true, characterData: true, attributes: true });
      setTimeout(resolve, 5000);
    }));
    // Scrolled to it, as the other sections above it grow; a section taller than the window is cut at its foot.
    await options.eval((pad) => scrollTo(0, scrollY + document.querySelector('#history').getBoundingClientRect().top - pad), PAD);
    await shoot(options, 'options-history.png', await clipAround(options, [{ selector: '#history' }]));
    await options.close();
  } finally {
    await browser.close();
    await server.close();
  }

  const manifest = {
    about: 'The README\'s pictures and what they were rendered from. Written by the command below; '
      + 'tests/build/pictures.test.mjs fails when a source differs from its hash here.',
    command: COMMAND,
    viewport: VIEWPORT,
    deviceScaleFactor: SCALE,
    pictures: written,
    sources,
  };
  fs.writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`wrote ${path.relative(ROOT, MANIFEST)}: ${Object.keys(written).length} pictures from ${Object.keys(sources).length} source files`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
