// OptOut background: a Check now or Turn off all run, driven page by page in its own tab (the state
// and the messages that start, stop and hear a run are batch.js's). Loaded after batch.js, into the
// same global scope (Chrome: importScripts; Firefox: the manifest's background.scripts).
'use strict';
/* exported drive, finish */

const BATCH_POLL_MS = 200;
const BATCH_LOAD_TIMEOUT_MS = 30000;
// A Turn off takes the content script's verification (up to 8 s) plus the page's save.
const BATCH_TURN_OFF_TIMEOUT_MS = 20000;
const batchSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
class BatchStopped extends Error {}

async function drive(run) {
  const live = { id: run.id, cancelled: false, heard: new Map(), url: null, tabId: run.tabId, since: 0 };
  batchLive = live;
  const plan = OPTOUT_BATCH[run.platform];
  try {
    await showProgress(run);
    while (run.index < run.steps.length) {
      const step = run.steps[run.index];
      if (run.kind === 'check') await checkStep(run, live, plan, step);
      else await turnOffStep(run, live, plan, step.settings[0], step.url);
      run.index += 1;
      await save(run, live);
    }
    stopIfCancelled(live);
    await finish(run, 'done');
  } catch (error) {
    if (error instanceof BatchStopped) return;
    if (error?.signedOut) return void (await finish(run, 'signed-out'));
    console.warn('OptOut: batch run failed:', error);
    run.message = String(error?.message ?? error);
    await finish(run, 'failed');
  } finally {
    if (batchLive === live) batchLive = null;
  }
}

// A check's page: each planned setting read, or not found; what a list did not show gets its own page.
async function checkStep(run, live, plan, step) {
  const seen = await visit(run, live, plan, step.url, step.settings);
  for (const s of step.settings) run.outcomes[s] = seen[s] === 'not-found' ? { outcome: 'not-found' } : { outcome: 'read', state: seen[s] };
  const unread = step.settings.filter((s) => seen[s] === 'not-found' && plan.own[s] && plan.own[s] !== step.url);
  const planned = new Set(run.steps.slice(run.index + 1).map((s) => s.url));
  for (const s of unread) if (!planned.has(plan.own[s])) run.steps.push({ url: plan.own[s], settings: [s] });
}

// One setting of a Turn off all: read it on its own page; only when it exposes the person, the
// content script turns it off (verified by reading back), then a fresh load of the page confirms it.
async function turnOffStep(run, live, plan, setting, url) {
  if (!url) return void (run.outcomes[setting] = { outcome: 'not-found', reason: 'no-page' });
  run.authorized = null;
  const first = (await visit(run, live, plan, url, [setting]))[setting];
  if (run.clicked.includes(setting)) {
    // A restarted worker: OptOut clicked it before; this load is the fresh one.
    return void (run.outcomes[setting] = freshOutcome(first));
  }
  if (first === 'opted-out') return void (run.outcomes[setting] = { outcome: 'already-off' });
  if (first === 'unavailable') return void (run.outcomes[setting] = { outcome: 'unavailable' });
  if (first !== 'opted-in') return void (run.outcomes[setting] = { outcome: 'not-found' });
  run.authorized = setting;
  run.clicked.push(setting);
  run.current = setting;
  await save(run, live);
  let reply;
  try {
    reply = await withTimeout(api.tabs.sendMessage(run.tabId, { type: 'batch-apply', setting }), BATCH_TURN_OFF_TIMEOUT_MS);
  } catch (error) {
    reply = { phase: 'failed', message: String(error?.message ?? error) };
  }
  run.authorized = null;
  stopIfCancelled(live);
  if (reply?.phase !== 'done') {
    run.outcomes[setting] = reply?.phase === 'refused' || reply?.phase === 'not-found'
      ? { outcome: 'not-found' }
      : { outcome: 'failed', words: reply?.words ?? null, message: reply?.message ?? null };
    return;
  }
  // Shown off in the page: whether the site kept it, a fresh load tells.
  const fresh = (await visit(run, live, plan, url, [setting], { reload: true }))[setting];
  run.outcomes[setting] = freshOutcome(fresh);
}

const freshOutcome = (state) => {
  if (state === 'opted-out') return { outcome: 'turned-off' };
  if (state === 'opted-in') return { outcome: 'failed', reason: 'did-not-stick' };
  if (state === 'unavailable') return { outcome: 'unavailable' };
  return { outcome: 'not-found' };
};

// Loads `url` in the run's tab (opening it the first time, in the background) and waits until each of
// `settings` was reported in a state, or the page says it cannot find it, or the platform's wait is
// over (not found). Returns { setting: state | 'not-found' }. A sign-in page stops the run.
async function visit(run, live, plan, url, settings, { reload = false } = {}) {
  stopIfCancelled(live);
  live.heard = new Map();
  live.url = url;
  live.since = reportsArrived; // only what arrives from now on is this load's
  if (run.tabId == null) {
    const tab = await api.tabs.create({ url, active: false });
    run.tabId = tab.id;
    live.tabId = tab.id;
  } else if (reload) {
    await api.tabs.reload(run.tabId);
  } else {
    await api.tabs.update(run.tabId, { url });
  }
  run.pages += 1;
  await save(run, live);
  await loaded(run, live, url);
  const start = Date.now();
  const seen = {};
  for (;;) {
    stopIfCancelled(live);
    const tab = await api.tabs.get(run.tabId).catch(() => null);
    if (!tab) throw new BatchStopped();
    const page = await api.tabs.sendMessage(run.tabId, { type: 'batch-read' }).catch(() => null);
    if (signedOut(plan, tab.url, page?.heading)) throw Object.assign(new Error('signed out'), { signedOut: true });
    const findings = new Map((page?.findings ?? []).map((f) => [f.setting, f.status]));
    for (const s of settings) {
      if (live.heard.has(s)) seen[s] = live.heard.get(s);
      else if (findings.get(s) === 'not-found' || findings.get(s) === 'ambiguous') seen[s] = 'not-found';
    }
    if (settings.every((s) => seen[s])) return seen;
    if (Date.now() - start > plan.waitMs) {
      for (const s of settings) seen[s] ??= 'not-found';
      return seen;
    }
    await batchSleep(BATCH_POLL_MS);
  }
}

// Until the tab has loaded the page (or one it was sent to instead, such as a sign-in page).
async function loaded(run, live, url) {
  const start = Date.now();
  await batchSleep(BATCH_POLL_MS);
  for (;;) {
    stopIfCancelled(live);
    const tab = await api.tabs.get(run.tabId).catch(() => null);
    if (!tab) throw new BatchStopped();
    if (tab.status === 'complete' && tab.url && tab.url !== 'about:blank') return tab;
    if (Date.now() - start > BATCH_LOAD_TIMEOUT_MS) throw new Error(`${url} did not load`);
    await batchSleep(BATCH_POLL_MS);
  }
}

// The platform's sign-in page: by its path (a redirect), or by its title or main heading.
function signedOut(plan, tabUrl, heading) {
  const signs = plan.signedOut;
  if (!signs) return false;
  let path = '';
  try {
    const u = new URL(tabUrl);
    if (plan.hosts.some((h) => h === `https://${u.host}/*`)) path = u.pathname;
  } catch { /* not a URL: no path */ }
  if (path && signs.paths.some((p) => path.startsWith(p))) return true;
  const words = ` ${normalizeWords(heading ?? '')} `;
  return signs.phrases.some((p) => p && words.includes(` ${p} `));
}

// As the core normalises text (lower case, Latin diacritics folded, all but letters and digits a space).
const normalizeWords = (text) => String(text).toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

function stopIfCancelled(live) {
  if (live.cancelled || batchLive !== live) throw new BatchStopped();
}

const withTimeout = (promise, ms) => Promise.race([promise, batchSleep(ms).then(() => { throw new Error('no answer from the page'); })]);

// Progress in storage.session (the popup follows it) and on the badge. A cancelled run is not written
// over by its own loop.
async function save(run, live) {
  stopIfCancelled(live);
  const held = await readBatch();
  if (held?.id !== run.id || !batchRunning(held)) throw new BatchStopped();
  await writeBatch(run);
  await showProgress(run);
}

async function showProgress(run) {
  const total = run.steps.length;
  const done = Math.min(run.index, total);
  await api.action.setBadgeText({ text: `${done}/${total}` });
  await api.action.setBadgeBackgroundColor({ color: '#1d4ed8' });
}

async function finish(run, status) {
  run.status = status;
  run.authorized = null;
  run.endedAt = Date.now();
  run.current = null;
  await writeBatch(run);
  if (run.tabId != null) await api.tabs.remove(run.tabId).catch(() => {});
  // The badge shows the exposed count again.
  await withStore((stored) => wasm_bindgen.recoverChecklist(stored)).catch(() => {});
}

// The person closed OptOut's tab: the run stops there.
api.tabs.onRemoved.addListener((tabId) => {
  readBatch().then(async (run) => {
    if (!batchRunning(run) || run.tabId !== tabId) return;
    if (batchLive?.id === run.id) batchLive.cancelled = true;
    run.tabId = null;
    run.message = bt('batchTabClosed');
    await finish(run, 'cancelled');
  }).catch(() => {});
});

// A worker that starts while a run is recorded as running (the previous one was suspended or ended
// mid-run) picks it up at the step it was on.
readBatch().then((run) => {
  if (batchRunning(run) && !batchLive) drive(run);
}).catch(() => {});
