// OptOut background: the same wasm core as the content script, for pages where the browser will
// not compile wasm in the content script (Chromium on a CSP without 'wasm-unsafe-eval'), and the
// keeper of the checklist in local storage and of the toolbar badge. It makes no network request.
'use strict';

// Chromium runs this as a service worker (classic: importScripts); Firefox loads the glue first
// from the manifest's background.scripts.
if (typeof importScripts === 'function' && typeof wasm_bindgen === 'undefined') importScripts('core/optout.js');

const api = globalThis.browser ?? globalThis.chrome;
const STORE_KEY = 'checklist';
const CORE_METHODS = new Set(['pageSpec', 'evaluate', 'guide', 'guideProbe']);
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

// Opt-out guides, per tab: { [tabId]: { setting, reached } }. Session storage: it survives the
// service worker's restarts and the tab's reloads, and is gone when the browser closes.
const GUIDES_KEY = 'guides';
let guideQueue = Promise.resolve();
function withGuides(change) {
  const run = guideQueue.then(async () => {
    const { [GUIDES_KEY]: held } = await api.storage.session.get(GUIDES_KEY);
    const guides = held && typeof held === 'object' ? held : {};
    const result = change(guides);
    await api.storage.session.set({ [GUIDES_KEY]: guides });
    return result;
  });
  guideQueue = run.catch(() => {});
  return run;
}

// Starts a guide: in the asking tab (the banner), else in an open tab on the platform (brought to
// the front as it is: nothing the person was doing there is lost), else in a new tab at the path's start.
async function startGuide(setting, senderTab, here) {
  await ready;
  const where = wasm_bindgen.guideStart(setting);
  if (!where) throw new Error(`no guide for ${setting}`);
  let tab = here ? senderTab : null;
  if (!tab) {
    const open = await api.tabs.query({ url: where.patterns });
    tab = open.find((t) => t.active) ?? open[0] ?? null;
    if (tab) {
      await api.tabs.update(tab.id, { active: true });
      await api.windows.update(tab.windowId, { focused: true }).catch(() => {});
    }
  }
  if (!tab) tab = await api.tabs.create({ url: where.start });
  await withGuides((guides) => { guides[tab.id] = { setting, reached: 0 }; });
  // A tab already loaded is told; a new one asks when its content script starts.
  api.tabs.sendMessage(tab.id, { type: 'guide-changed' }).catch(() => {});
  return tab.id;
}

async function showBadge(exposed) {
  await api.action.setBadgeText({ text: exposed > 0 ? String(exposed) : '' });
  await api.action.setBadgeBackgroundColor({ color: '#b3261e' });
}

async function handle(message, sender) {
  switch (message?.type) {
    case 'core':
      if (!CORE_METHODS.has(message.method)) throw new Error(`unknown core method ${message.method}`);
      await ready;
      return wasm_bindgen[message.method](message.arg);
    case 'report':
      return withStore((stored) => wasm_bindgen.recordReports(stored, message.reports));
    case 'dismiss-notice':
      return withStore((stored) => wasm_bindgen.dismissNotice(stored));
    case 'guide-start':
      return startGuide(String(message.setting), sender.tab, message.here === true);
    case 'guide-get':
      return sender.tab ? withGuides((guides) => guides[sender.tab.id] ?? null) : null;
    case 'guide-set':
      return withGuides((guides) => {
        const g = guides[sender.tab?.id];
        if (g && g.setting === message.setting && Number.isInteger(message.reached)) g.reached = message.reached;
      });
    case 'guide-end':
      return withGuides((guides) => { delete guides[sender.tab?.id]; });
    case 'open-checklist':
      return void (await api.tabs.create({ url: api.runtime.getURL('popup/popup.html?view=tab') }));
    default:
      throw new Error(`unknown message ${message?.type}`);
  }
}

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== api.runtime.id) return false; // only this extension's own scripts
  handle(message, sender).then(
    (value) => sendResponse({ ok: true, value: value ?? null }),
    (error) => sendResponse({ ok: false, error: String(error?.message ?? error) }),
  );
  return true; // the reply is asynchronous
});

api.tabs.onRemoved.addListener((tabId) => { withGuides((guides) => { delete guides[tabId]; }).catch(() => {}); });

// At start: recover what storage holds and show the badge. Only a corrupt value is written back
// (with its notice); a service worker that merely wakes up writes nothing.
withStore((stored) => wasm_bindgen.recordReports(stored, [])).catch((error) => console.warn('OptOut:', error));
