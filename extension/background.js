// OptOut background: the same wasm core as the content script, for pages where the browser will
// not compile wasm in the content script (Chromium on a CSP without 'wasm-unsafe-eval'), and the
// keeper of the checklist in local storage and of the toolbar badge. It makes no network request.
'use strict';

// Chromium runs this as a service worker (classic: importScripts); Firefox loads the glue first
// from the manifest's background.scripts.
if (typeof importScripts === 'function' && typeof wasm_bindgen === 'undefined') importScripts('core/optout.js');

const api = globalThis.browser ?? globalThis.chrome;
const STORE_KEY = 'checklist';
const CORE_METHODS = new Set(['pageSpec', 'evaluate']);
const ready = wasm_bindgen({ module_or_path: api.runtime.getURL('core/optout_bg.wasm') });

// Read-merge-write runs one at a time, so two tabs reporting at the same moment both land.
let storeQueue = Promise.resolve();
function withStore(change) {
  const run = storeQueue.then(async () => {
    await ready;
    const { [STORE_KEY]: stored } = await api.storage.local.get(STORE_KEY);
    const { stored: next, exposed, changed } = change(stored);
    if (changed) await api.storage.local.set({ [STORE_KEY]: next });
    await showBadge(exposed);
    return exposed;
  });
  storeQueue = run.catch(() => {});
  return run;
}

async function showBadge(exposed) {
  await api.action.setBadgeText({ text: exposed > 0 ? String(exposed) : '' });
  await api.action.setBadgeBackgroundColor({ color: '#b3261e' });
}

async function handle(message) {
  switch (message?.type) {
    case 'core':
      if (!CORE_METHODS.has(message.method)) throw new Error(`unknown core method ${message.method}`);
      await ready;
      return wasm_bindgen[message.method](message.arg);
    case 'report':
      return withStore((stored) => wasm_bindgen.recordReports(stored, message.reports));
    case 'dismiss-notice':
      return withStore((stored) => wasm_bindgen.dismissNotice(stored));
    case 'open-checklist':
      return void (await api.tabs.create({ url: api.runtime.getURL('popup/popup.html?view=tab') }));
    default:
      throw new Error(`unknown message ${message?.type}`);
  }
}

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== api.runtime.id) return false; // only this extension's own scripts
  handle(message).then(
    (value) => sendResponse({ ok: true, value: value ?? null }),
    (error) => sendResponse({ ok: false, error: String(error?.message ?? error) }),
  );
  return true; // the reply is asynchronous
});

// At start: recover what storage holds and show the badge. Only a corrupt value is written back
// (with its notice); a service worker that merely wakes up writes nothing.
withStore((stored) => wasm_bindgen.recordReports(stored, [])).catch((error) => console.warn('OptOut:', error));
