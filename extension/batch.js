// OptOut background: Check now and Turn off all (the batch runs). One run at a time, in ONE tab of
// its own opened in the background (never the person's tabs), visiting the pages the batch planner
// chose (batch-plan.js, generated from the rules by crate/src/batch.rs). States are recorded only
// through the content script's reports (background.js's `report` path); this file hears them too, to
// know when a page has shown what it was visited for. Its state lives in storage.session `batch`, so
// the popup can close and reopen, and a suspended service worker picks the run up again.
// This file holds the run's state and messages; batch-run.js drives a run, page by page.
// Loaded after background.js (Chrome: importScripts; Firefox: the manifest's background.scripts).
'use strict';
/* exported batchStart, batchCancel, batchStatus, batchMayTurnOff, batchHeard, batchArrival */
// For batch-run.js: FACTS, bt, batchLive, readBatch, writeBatch, batchRunning and reportsArrived.

const BATCH_KEY = 'batch';
const FACTS = new Set(['opted-in', 'opted-out', 'unavailable']);
const bt = (key, subs) => api.i18n.getMessage(key, subs ?? []) || key;

// The run this worker drives: { id, cancelled, heard: Map(setting → state), url }. Null when none
// runs here (none at all, or one this worker must pick up from storage after a restart).
let batchLive = null;

const readBatch = async () => (await api.storage.session.get(BATCH_KEY))[BATCH_KEY] ?? null;
const writeBatch = (run) => api.storage.session.set({ [BATCH_KEY]: run });
const batchRunning = (run) => run?.status === 'running';

// ---- Messages (background.js validates their shape and hands them here) ----

// Only OptOut's own pages (the popup, the options page) start, cancel or read a run; never a content
// script (its sender is a web page).
function requireOwnPage(sender) {
  const url = senderUrl(sender);
  if (!url.startsWith(api.runtime.getURL(''))) throw new Error('batch runs are started from OptOut\'s own pages only');
}

async function batchStart(kind, platform, settings, sender) {
  requireOwnPage(sender);
  const plan = Object.hasOwn(OPTOUT_BATCH, platform) ? OPTOUT_BATCH[platform] : null;
  if (!plan) throw new Error(`no batch run for ${JSON.stringify(platform).slice(0, 60)}`);
  const running = await readBatch();
  if (batchRunning(running)) throw new Error(bt('batchBusy', [OPTOUT_BATCH[running.platform]?.name ?? running.platform]));
  // Firefox lets people withhold host access: the popup asks for it (in the click) before this.
  if (!(await api.permissions.contains({ origins: plan.hosts }))) throw new Error(bt('batchNeedsAccess', [plan.name]));
  let steps;
  if (kind === 'check') {
    steps = plan.check.map((v) => ({ url: v.url, settings: v.settings }));
  } else {
    if (!settings.length) throw new Error('batch-turn-off: no setting to turn off');
    const foreign = settings.find((s) => !plan.settings.includes(s));
    if (foreign) throw new Error(`batch-turn-off: ${JSON.stringify(foreign).slice(0, 80)} is not a setting of ${plan.name}`);
    // Rule order, each once; a setting without a known page of its own cannot be reached.
    steps = plan.settings.filter((s) => settings.includes(s)).map((s) => ({ url: plan.own[s] ?? null, settings: [s] }));
  }
  const run = {
    id: `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
    kind,
    platform,
    status: 'running',
    steps,
    index: 0,
    pages: 0, // page loads so far
    tabId: null,
    outcomes: {},
    clicked: [], // settings OptOut clicked in this run (a restart confirms them from a fresh load)
    authorized: null, // the one setting the content script may turn off now
    startedAt: Date.now(),
    endedAt: null,
  };
  await writeBatch(run);
  drive(run);
  return batchView(run);
}

async function batchCancel(sender) {
  requireOwnPage(sender);
  const run = await readBatch();
  if (!batchRunning(run)) return null;
  if (batchLive?.id === run.id) batchLive.cancelled = true;
  await finish(run, 'cancelled');
  return batchView(run);
}

async function batchStatus(sender) {
  requireOwnPage(sender);
  return batchView(await readBatch());
}

// What the popup may read of a run (storage.session holds the same: the popup may read either).
const batchView = (run) => run && { ...run, steps: run.steps.length };

// The content script asks before it turns a setting off on the background's word: only in OptOut's
// own tab, only during a confirmed Turn off all, only the setting whose turn it is.
async function batchMayTurnOff(setting, sender) {
  const run = await readBatch();
  return batchRunning(run) && run.kind === 'turn-off' && sender.tab?.id === run.tabId && run.authorized === setting && batchLive?.id === run.id;
}

// Reports are numbered as they arrive: a report the previous page of the tab sent before the run
// moved on (or reloaded the same address) may be recorded only after, and must not count for the new one.
let reportsArrived = 0;
const batchArrival = () => ++reportsArrived;

// background.js hands over every report; those from the run's tab, from the page being visited, tell
// the run what that page showed (they are recorded by background.js as any other).
function batchHeard(reports, sender, arrival) {
  if (!batchLive || sender.tab?.id !== batchLive.tabId || !batchLive.url || arrival <= batchLive.since) return;
  if (pathOf(senderUrl(sender)) !== pathOf(batchLive.url)) return;
  for (const r of reports) if (isText(r?.setting) && FACTS.has(r?.state)) batchLive.heard.set(r.setting, r.state);
}

const pathOf = (url) => {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname.replace(/\/$/, '')}`;
  } catch {
    return '';
  }
};
