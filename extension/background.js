// OptOut background: the extension's own wasm module (core/optout_popup_bg.wasm: the core with every
// platform's rules, the checklist's recording, the history and the badge), for pages where the browser
// will not compile wasm in the content script (Chromium on a CSP without 'wasm-unsafe-eval'), and the
// keeper of the checklist in local storage and of the toolbar badge. loader.js injects the page code
// where it is needed. It makes no network request.
'use strict';
/* global onLoadRequest, loadTab, loadOpenTabs -- loader.js */

// Chromium runs this as a service worker (classic: importScripts); Firefox loads the glue, the scope,
// the loader, the platforms (generated from the rules) and platform-access.js first from the manifest's
// background.scripts.
if (typeof importScripts === 'function' && typeof wasm_bindgen === 'undefined') {
  importScripts('core/optout_popup.js', 'scope.js', 'loader.js', 'platforms.js', 'platform-access.js');
}

const api = globalThis.browser ?? globalThis.chrome;
const STORE_KEY = 'checklist';
const ready = wasm_bindgen({ module_or_path: api.runtime.getURL('core/optout_popup_bg.wasm') });

// Read-merge-write runs one at a time, so two tabs reporting at the same moment both land.
let storeQueue = Promise.resolve();
function withStore(change) {
  const run = storeQueue.then(async () => {
    await ready;
    const { [STORE_KEY]: stored } = await api.storage.local.get(STORE_KEY);
    const result = change(stored);
    if (result.changed) await api.storage.local.set({ [STORE_KEY]: result.stored });
    await afterChecklist(result); // the history's receipts and the badge (background-history.js)
    return result.exposed;
  });
  storeQueue = run.catch(() => {});
  return run;
}

// Opt-out guides, per tab: { [tabId]: { setting, reached } }. Session storage: it survives the
// service worker's restarts and the tab's reloads, and is gone when the browser closes.
// `change(guides)` may edit them in place and returns { value, changed }: they are written back only
// when it changed them, so a read (guide-get, on every page load of a supported site) writes nothing.
const GUIDES_KEY = 'guides';
let guideQueue = Promise.resolve();
function withGuides(change) {
  const run = guideQueue.then(async () => {
    const { [GUIDES_KEY]: held } = await api.storage.session.get(GUIDES_KEY);
    const guides = held && typeof held === 'object' ? held : {};
    const { value, changed } = change(guides);
    if (changed) await api.storage.session.set({ [GUIDES_KEY]: guides });
    return value;
  });
  guideQueue = run.catch(() => {});
  return run;
}

const forgetGuide = (tabId) => withGuides((guides) => ({ changed: Object.hasOwn(guides, String(tabId)) && delete guides[tabId] }));

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
  await withGuides((guides) => {
    guides[tab.id] = { setting, reached: 0 };
    return { changed: true };
  });
  // A tab already loaded gets the page code (loader.js) and is told; a new one gets it once loaded.
  await loadTab(tab.id, tab.url ?? '');
  api.tabs.sendMessage(tab.id, { type: 'guide-changed' }).catch(() => {});
  return tab.id;
}

// ---- What a message may be ----
// Each type with its fields and a check of each (a field is required unless its check takes
// undefined). Anything else (another type, a missing, extra or ill-typed field) is refused with an
// error that says why, and changes nothing. What the core reads (a snapshot, reports) it checks again.
const isText = (v) => typeof v === 'string';
const isObject = (v) => Object.prototype.toString.call(v) === '[object Object]';
const optional = (check) => (v) => v === undefined || check(v);
const CORE_ARG = { pageSpec: isText, evaluate: isObject, guide: isObject, guideProbe: (v) => v === undefined };
const MESSAGES = {
  core: { method: (v) => isText(v) && Object.hasOwn(CORE_ARG, v), arg: () => true },
  report: { reports: Array.isArray }, // { setting, state, verified } each; when and where are the background's
  'dismiss-notice': {},
  'guide-start': { setting: isText, here: optional((v) => typeof v === 'boolean') },
  'guide-get': {},
  'guide-set': { setting: isText, reached: (v) => Number.isInteger(v) && v >= 0 && v <= 100 },
  'guide-end': {},
  'open-checklist': {},
  load: {}, // the bootstrap: this frame's URL entered a settings area (loader.js)
  'platforms-get': {},
  'platform-enable': { platform: isText },
  'platform-disable': { platform: isText },
  // Check now and Turn off all (batch.js): from OptOut's own pages; the last from its run's tab.
  'batch-check': { platform: isText },
  'batch-turn-off': { platform: isText, settings: (v) => Array.isArray(v) && v.length <= 100 && v.every(isText) },
  'batch-cancel': {},
  'batch-status': {},
  'batch-may-turn-off': { setting: isText },
};
// Only OptOut's own pages (the popup, the options page) switch platforms on and off, never a content
// script in a site's page.
const FROM_OWN_PAGES = new Set(['platforms-get', 'platform-enable', 'platform-disable']);

function refusal(message) {
  if (!isObject(message)) return 'a message must be an object';
  const fields = isText(message.type) && Object.hasOwn(MESSAGES, message.type) ? MESSAGES[message.type] : null;
  if (!fields) return `unknown message type ${JSON.stringify(String(message.type)).slice(0, 80)}`;
  const extra = Object.keys(message).find((k) => k !== 'type' && !Object.hasOwn(fields, k));
  if (extra) return `${message.type}: unexpected field ${JSON.stringify(extra).slice(0, 80)}`;
  const bad = Object.keys(fields).find((k) => !fields[k](message[k]));
  if (bad) return `${message.type}: missing or ill-typed field ${bad}`;
  if (message.type === 'core' && !CORE_ARG[message.method](message.arg)) return `core: ill-typed argument of ${message.method}`;
  return null;
}

// The document a message came from, as the browser names it (never as the message says): the address
// it had when its script started. A run's report from the page it just left must not count for the next.
const senderUrl = (sender) => sender?.url ?? sender?.tab?.url ?? '';
// Where a report was read: a script's own `sender.url` stays where the page started, before the page's
// in-app navigation (pushState) moved it to the settings page it reports; a tab's top frame is where its
// tab is now, while that is on the same site (else the document's own address).
function reportUrl(sender) {
  const own = senderUrl(sender);
  const now = sender?.frameId === 0 ? sender.tab?.url : null;
  try {
    return now && new URL(now).origin === new URL(own).origin ? now : own;
  } catch {
    return own;
  }
}

async function handle(message, sender) {
  const refused = refusal(message);
  if (refused) throw new Error(`malformed message: ${refused}`);
  if (FROM_OWN_PAGES.has(message.type) && !senderUrl(sender).startsWith(api.runtime.getURL(''))) {
    throw new Error(`${message.type}: only OptOut's own pages may send it`);
  }
  switch (message.type) {
    case 'core':
      await ready;
      return wasm_bindgen[message.method](message.arg);
    case 'report': {
      // Stamped on arrival with this clock: reports are recorded in the order they arrive.
      const now = Date.now();
      const arrival = batchArrival(); // in the order they arrive, before the store's queue
      const recorded = await withStore((stored) => wasm_bindgen.recordReports(stored, message.reports, now, reportUrl(sender)));
      batchHeard(message.reports, sender, arrival); // once recorded: a run hears only what the checklist holds
      return recorded;
    }
    case 'dismiss-notice':
      return withStore((stored) => wasm_bindgen.dismissNotice(stored));
    case 'guide-start':
      return startGuide(message.setting, sender.tab, message.here === true);
    case 'guide-get':
      return sender.tab ? withGuides((guides) => ({ value: guides[sender.tab.id] ?? null, changed: false })) : null;
    case 'guide-set':
      return withGuides((guides) => {
        const g = guides[sender.tab?.id];
        const changed = !!g && g.setting === message.setting && g.reached !== message.reached;
        if (changed) g.reached = message.reached;
        return { changed };
      });
    case 'guide-end':
      return forgetGuide(sender.tab?.id);
    case 'open-checklist':
      return void (await api.tabs.create({ url: api.runtime.getURL('popup/popup.html?view=tab') }));
    case 'load':
      return onLoadRequest(sender);
    case 'platforms-get':
      return platformAccess.states();
    case 'platform-enable':
      return platformAccess.enable(message.platform);
    case 'platform-disable':
      return platformAccess.disable(message.platform);
    case 'batch-check':
      return batchStart('check', message.platform, [], sender);
    case 'batch-turn-off':
      return batchStart('turn-off', message.platform, message.settings, sender);
    case 'batch-cancel':
      return batchCancel(sender);
    case 'batch-status':
      return batchStatus(sender);
    case 'batch-may-turn-off':
      return batchMayTurnOff(message.setting, sender);
    default:
      return handleHistory(message, sender); // background-history.js
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

api.tabs.onRemoved.addListener((tabId) => { forgetGuide(tabId).catch(() => {}); });

// At start: recover what storage holds and show the badge. Only a corrupt value is written back
// (with its notice); a service worker that merely wakes up writes nothing.
const recountBadge = () => withStore((stored) => wasm_bindgen.recoverChecklist(stored)).catch((error) => console.warn('OptOut:', error));
// A platform switched on or off (here, or by the browser's own permission settings): count again.
platformAccess.onChange = recountBadge;
// A platform switched on while its settings page is open: that page gets the page code now, not at its next load.
platformAccess.onEnabled = () => loadOpenTabs().catch((error) => console.warn('OptOut:', error));
// The optional platforms' content scripts as their choices and grants say (which also counts the badge).
platformAccess.reconcile().catch((error) => console.warn('OptOut:', error));

// The history, the badge and the reminders (Firefox loads it from the manifest, after this file).
if (typeof importScripts === 'function' && typeof handleHistory === 'undefined') importScripts('background-history.js');

// Check now and Turn off all: their plans (generated from the rules), their state and messages, and what
// drives a run, after this file (they use its store and messages). Firefox loads them after it from the
// manifest's background.scripts.
if (typeof importScripts === 'function' && typeof OPTOUT_BATCH === 'undefined') importScripts('batch-plan.js', 'batch.js', 'batch-run.js');
