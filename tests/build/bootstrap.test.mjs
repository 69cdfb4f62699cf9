// The bootstrap as shipped (dist/<browser>/bootstrap.js), run in a bare context that plays a page of X
// with the Navigation API: it listens to the `navigate` event alone, and after a same-document navigation
// into a settings area (once the page is at the new URL) asks the background for the page code
// ({type: 'load'}); never for a navigation to another document (that document's own bootstrap decides)
// nor outside the area; once asked and loaded, never twice for one URL; where the background declined
// (the browser did not know the new URL yet), the next navigation there asks again. At start, outside a
// settings area, it reads neither location nor the extension's API (the URL from the Navigation API's
// current entry); a page that starts in one asks at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

// A page at `href` running the bootstrap; `answers`: what the background answers to each request in turn.
function page(browser, href, answers = []) {
  const source = fs.readFileSync(path.join(ROOT, 'dist', browser, 'bootstrap.js'), 'utf8');
  const asked = [];
  const navigation = new EventTarget();
  navigation.currentEntry = { url: href };
  const listened = [];
  navigation.addEventListener = ((add) => function (type, ...rest) { listened.push(type); return add.call(this, type, ...rest); })(navigation.addEventListener);
  // The message is copied out of the context's realm (its objects have that realm's prototypes).
  const runtime = { id: 'optout', sendMessage: async (message) => { asked.push({ message: JSON.parse(JSON.stringify(message)), at: at.href }); return answers.shift() ?? true; } };
  // What the script reads of the page's URL and of the extension's API, and when.
  const reads = [];
  let at = new URL(href);
  const ctx = { navigation, URL, setTimeout };
  const api = browser === 'firefox' ? 'browser' : 'chrome';
  Object.defineProperty(ctx, 'location', { get: () => { reads.push('location'); return at; } });
  Object.defineProperty(ctx, api, { get: () => { reads.push(api); return { runtime }; } });
  vm.createContext(ctx);
  vm.runInContext(source, ctx);
  // A navigation as the browser runs it: the event, then (same document, as pushState does) the new URL.
  const navigate = async (url, sameDocument = true) => {
    const event = new Event('navigate');
    event.destination = { url, sameDocument };
    navigation.dispatchEvent(event);
    if (sameDocument) {
      at = new URL(url);
      navigation.currentEntry = { url };
    }
    await tick();
  };
  return { asked, listened, reads, navigate, ctx };
}

for (const browser of ['chrome', 'firefox']) {
  const GROK = 'https://x.com/settings/grok_settings';

  test(`${browser}: one listener, the navigate event; a same-document navigation into the settings area asks for the page code once, at its new URL`, async () => {
    const p = page(browser, 'https://x.com/home');
    await tick();
    assert.deepEqual(p.listened, ['navigate']);
    assert.deepEqual(p.asked, [], 'the timeline asks for nothing');
    await p.navigate('https://x.com/explore');
    assert.deepEqual(p.asked, [], 'nor does a navigation outside the area');
    await p.navigate(GROK);
    assert.deepEqual(p.asked, [{ message: { type: 'load' }, at: GROK }]);
    await p.navigate(GROK); // the same URL again (a replaceState): loaded, so nothing more
    assert.equal(p.asked.length, 1);
  });

  test(`${browser}: a navigation to another document is left to that document's bootstrap`, async () => {
    const p = page(browser, 'https://x.com/home');
    await p.navigate(GROK, false);
    assert.deepEqual(p.asked, []);
  });

  test(`${browser}: where the background declined, the next navigation there asks again`, async () => {
    const p = page(browser, 'https://x.com/home', [false, true]);
    await p.navigate(GROK);
    await p.navigate(GROK);
    await p.navigate(GROK);
    assert.deepEqual(p.asked.map((a) => a.at), [GROK, GROK]);
  });

  test(`${browser}: at start, outside a settings area, it only listens and looks at the URL through the Navigation API`, async () => {
    const p = page(browser, 'https://x.com/home');
    await tick();
    assert.deepEqual(p.listened, ['navigate']);
    assert.deepEqual(p.asked, []);
    assert.deepEqual(p.reads, [], 'neither location nor the extension\'s API read at start');
  });

  test(`${browser}: a page that starts in the settings area asks at once; where the page code runs, nothing is asked`, async () => {
    const p = page(browser, GROK);
    await tick();
    assert.deepEqual(p.asked, [{ message: { type: 'load' }, at: GROK }]);
    p.ctx.__optoutContentLoaded = true;
    await p.navigate('https://x.com/settings/account');
    assert.equal(p.asked.length, 1);
  });
}
