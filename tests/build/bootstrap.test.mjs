// The bootstrap as shipped (dist/<browser>/bootstrap.js), run in a bare context that plays a page of X
// with the Navigation API: it asks the background for the page code ({type: 'load'}) as a same-document
// navigation into a settings area starts (the `navigate` event's destination), never for a navigation to
// another document (that document's own bootstrap decides) nor outside the area; where the background
// declined (the browser had not yet placed the frame at the new URL), it asks again once the entry is
// current (`currententrychange`); once asked and loaded, never twice for the same URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const settle = () => new Promise((resolve) => setImmediate(resolve));

// A page at `href` running the bootstrap; `answers`: what the background answers to each request in turn.
function page(browser, href, answers = []) {
  const source = fs.readFileSync(path.join(ROOT, 'dist', browser, 'bootstrap.js'), 'utf8');
  const asked = [];
  const navigation = new EventTarget();
  // The message is copied out of the context's realm (its objects have that realm's prototypes).
  const runtime = { id: 'optout', sendMessage: async (message) => { asked.push({ message: JSON.parse(JSON.stringify(message)), at: ctx.location.href }); return answers.shift() ?? true; } };
  const ctx = { location: new URL(href), navigation, URL, EventTarget, [browser === 'firefox' ? 'browser' : 'chrome']: { runtime } };
  vm.createContext(ctx);
  vm.runInContext(source, ctx);
  const navigate = async (url, sameDocument = true) => {
    const event = new Event('navigate');
    event.destination = { url, sameDocument };
    navigation.dispatchEvent(event);
    await settle();
  };
  const commit = async (url) => {
    ctx.location = new URL(url);
    navigation.dispatchEvent(new Event('currententrychange'));
    await settle();
  };
  return { asked, navigate, commit, ctx };
}

for (const browser of ['chrome', 'firefox']) {
  const GROK = 'https://x.com/settings/grok_settings';

  test(`${browser}: a same-document navigation into the settings area asks for the page code as it starts, once`, async () => {
    const p = page(browser, 'https://x.com/home');
    await settle();
    assert.deepEqual(p.asked, [], 'the timeline asks for nothing');
    await p.navigate('https://x.com/explore');
    assert.deepEqual(p.asked, [], 'nor does a navigation outside the area');
    await p.navigate(GROK);
    assert.deepEqual(p.asked, [{ message: { type: 'load' }, at: 'https://x.com/home' }], 'asked as the navigation started, before the URL changed');
    await p.commit(GROK);
    assert.equal(p.asked.length, 1, 'the same URL, now current, is not asked again');
  });

  test(`${browser}: a navigation to another document is left to that document's bootstrap`, async () => {
    const p = page(browser, 'https://x.com/home');
    await p.navigate(GROK, false);
    assert.deepEqual(p.asked, []);
  });

  test(`${browser}: declined as the navigation starts, the URL is asked again once it is current`, async () => {
    const p = page(browser, 'https://x.com/home', [false, true]);
    await p.navigate(GROK);
    await p.commit(GROK);
    assert.deepEqual(p.asked.map((a) => a.at), ['https://x.com/home', GROK]);
    await p.commit(GROK); // heard again (a replaceState): loaded, so nothing more
    assert.equal(p.asked.length, 2);
  });

  test(`${browser}: a page that starts in the settings area asks at once; where the page code runs, nothing is asked`, async () => {
    const p = page(browser, GROK);
    await settle();
    assert.equal(p.asked.length, 1);
    p.ctx.__optoutContentLoaded = true;
    await p.navigate('https://x.com/settings/account');
    assert.equal(p.asked.length, 1);
  });
}
