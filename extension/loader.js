// OptOut background, part two: loads the page code where it is needed. Every page of a supported host
// runs only the bootstrap (the manifest's content script); the rest (the wasm glue, content.js and
// content.css) is injected here, into a top frame whose page loads in its platform's settings area or a
// form page (the tab's load, as the browser reports it), into a frame whose same-document navigation
// enters one (the bootstrap asks: {type: 'load'}; the tab's URL change says so too), and into a tab where
// a guide runs, from any page of the platform. A platform the person switched off (storage.local
// `platforms`) gets nothing. Where pages have no Navigation API (Firefox ESR 140), the tab is told of
// each URL change ({type: 'url-changed'}).
// Loaded after scope.js (OPTOUT_SCOPE) and before background.js: Chromium's service worker imports it,
// Firefox's event page lists it in background.scripts. Its listeners are registered at the top level, so
// that an event wakes the service worker or event page.
'use strict';
/* exported onLoadRequest, loadTab, loadOpenTabs */

const PAGE_CODE = { js: ['core/optout.js', 'content.js'], css: ['content.css'] };
const loaderApi = globalThis.browser ?? globalThis.chrome;
// Chromium's pages have the Navigation API (the bootstrap hears URL changes itself) and its
// tabs.onUpdated takes no filter; Firefox's event page is no worker.
const CHROMIUM = typeof importScripts === 'function';

// The scope entry of a settings area or form page holding this URL, and the platform whose site it is.
function scopeAt(url) {
  let at;
  try { at = new URL(url); } catch { return { area: null, platform: null }; }
  const onHost = OPTOUT_SCOPE.filter((p) => p.hosts.includes(at.hostname));
  const area = onHost.find((p) => p.prefixes.some((x) => at.pathname.startsWith(x))) ?? null;
  return { area, platform: (area ?? onHost[0])?.platform ?? null };
}

// Switched off by the person (an explicit false); absent is the platform's default, and a platform
// without its host permission gets no content script, nor can it be injected.
async function switchedOff(platform) {
  const { platforms } = await loaderApi.storage.local.get('platforms');
  return platforms?.[platform] === false;
}

// One injection at a time per frame, each first asking whether the content script runs there already
// (the glue's top-level `let` must not run twice in one frame; content.js guards itself too).
const injecting = new Map();
function injectPageCode(tabId, frameId) {
  const key = `${tabId}/${frameId}`;
  const run = (injecting.get(key) ?? Promise.resolve()).then(async () => {
    const target = { tabId, frameIds: [frameId] };
    const [probe] = await loaderApi.scripting.executeScript({ target, func: () => globalThis.__optoutContentLoaded === true });
    if (probe?.result === true) return false;
    await loaderApi.scripting.insertCSS({ target, files: PAGE_CODE.css });
    await loaderApi.scripting.executeScript({ target, files: PAGE_CODE.js });
    return true;
  });
  const settled = run.catch(() => false);
  injecting.set(key, settled);
  settled.then(() => { if (injecting.get(key) === settled) injecting.delete(key); });
  return run;
}

// Whether a guide runs in the tab (session storage, background.js's `guides`).
async function guideIn(tabId) {
  const { guides } = await loaderApi.storage.session.get('guides');
  return !!guides && typeof guides === 'object' && Object.hasOwn(guides, String(tabId));
}

// Injects the page code into a frame if its URL (as the browser names it) asks for it: a settings area
// or form page, or any page of the platform while a guide runs in the tab (top frame only).
// Resolves to whether the page code now runs there because of this call.
async function loadPageCode(tabId, frameId, url) {
  const { area, platform } = scopeAt(url);
  if (!platform) return false;
  if (!area && !(frameId === 0 && (await guideIn(tabId)))) return false;
  if (await switchedOff(platform)) return false;
  return injectPageCode(tabId, frameId);
}

// The bootstrap's request: {type: 'load'}, no field; where it came from is the browser's word.
async function onLoadRequest(sender) {
  if (!sender?.tab || !Number.isInteger(sender.frameId)) throw new Error('load: only a page\'s content script may ask');
  // A top frame is where its tab is now (its script's own sender.url is where the page started).
  return loadPageCode(sender.tab.id, sender.frameId, (sender.frameId === 0 && sender.tab.url) || sender.url || '');
}

// A tab's top frame at `url` (its load, a guide started in it, a tab found open): the page code if the
// URL asks for it (or a guide runs there). Resolves to whether it now runs there; a failure is false.
function loadTab(tabId, url) {
  return loadPageCode(tabId, 0, url).catch(() => false);
}

// Tabs already loaded in a settings area that no tab update will announce: those open when OptOut is
// installed or updated (the browser tells the extension nothing of a tab whose load ended before it was
// ready, and Chromium gives such tabs no content script), and those of a platform just switched on.
// Only tabs on sites OptOut may read show their URL; a platform switched off gets nothing (loadPageCode).
async function loadOpenTabs() {
  const tabs = await loaderApi.tabs.query({ status: 'complete' });
  return Promise.all(tabs.filter((t) => t.url && scopeAt(t.url).area).map((t) => loadTab(t.id, t.url)));
}

function onTabUpdated(tabId, change, tab) {
  // Firefox: each URL change of a tab on a supported site is told to its top frame's scripts.
  if (!CHROMIUM && change.url) loaderApi.tabs.sendMessage(tabId, { type: 'url-changed' }, { frameId: 0 }).catch(() => {});
  // A page loaded (or navigated in the app) into a settings area gets the page code; a guide goes on
  // after a page load, and through in-app navigation, on whatever page of the platform the tab is.
  if (change.status === 'complete' || (change.url && tab?.status === 'complete')) {
    const url = tab?.url ?? change.url;
    if (url && scopeAt(url).platform) loadTab(tabId, url);
  }
}

loaderApi.runtime.onInstalled.addListener(() => { loadOpenTabs().catch((error) => console.warn('OptOut:', error)); });
if (CHROMIUM) {
  loaderApi.tabs.onUpdated.addListener(onTabUpdated);
} else {
  // Only tabs on the sites OptOut may read (granted at install or since), only for these changes.
  const manifest = loaderApi.runtime.getManifest();
  const urls = [...(manifest.host_permissions ?? []), ...(manifest.optional_host_permissions ?? [])];
  loaderApi.tabs.onUpdated.addListener(onTabUpdated, { urls, properties: ['status', 'url'] });
}
