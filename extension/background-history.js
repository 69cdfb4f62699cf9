// OptOut background, history and reminders: keeps the history of every state read (storage.local
// `history`, receipts from the checklist's report path), draws the toolbar badge (count, settings
// turned back on, re-checks due) and runs the reminders on an alarm. Loaded right after background.js
// (Chrome: its importScripts; Firefox: the manifest's background.scripts), whose `ready` and message
// table it uses. It opens no tab and acts on no page: a reminder only shows on the badge and in the
// popup. It makes no network request.
'use strict';
/* exported afterChecklist, handleHistory */

const HISTORY_KEY = 'history';
const PREFERENCES_KEY = 'preferences';
const REMINDERS_KEY = 'reminders'; // storage.session: the platforms due, as the last run found them
const REMINDER_ALARM = 'optout-reminders';
const historyApi = globalThis.browser ?? globalThis.chrome;

// Read-modify-write of the history, one at a time (like the checklist's).
let historyQueue = Promise.resolve();
function withHistory(change) {
  const run = historyQueue.then(async () => {
    const { [HISTORY_KEY]: held } = await historyApi.storage.local.get(HISTORY_KEY);
    const { history, changed } = change(held);
    if (changed) await historyApi.storage.local.set({ [HISTORY_KEY]: history });
    return history;
  });
  historyQueue = run.catch(() => {});
  return run;
}

// Called by background.js once the checklist is written: the receipts of what it recorded (none for a
// recovery or a dismissed notice), then the badge for what it holds now.
async function afterChecklist(result) {
  if (result.readings?.length) await withHistory((held) => wasm_bindgen.historyAdd(held, result.readings));
  await runReminders(Date.now(), result.stored);
}

// The badge and the reminders at `now`: the background's clock, from the alarm and after each record;
// a test's, through the `reminders-run` message (only the extension's own pages may send it).
async function runReminders(now, checklist) {
  const local = await historyApi.storage.local.get(['checklist', PREFERENCES_KEY]);
  // The platforms that are off (the person's choice, an optional platform never switched on, or its sites'
  // access revoked: platform-access.js) count for nothing.
  const off = Object.fromEntries((await platformAccess.disabled()).map((id) => [id, false]));
  const badge = wasm_bindgen.badge(checklist ?? local.checklist, now, local[PREFERENCES_KEY], off, historyApi.i18n.getUILanguage());
  // Written only when it changed: a page load that changes nothing writes nothing.
  const { [REMINDERS_KEY]: was } = await historyApi.storage.session.get(REMINDERS_KEY);
  if (JSON.stringify(was?.due ?? []) !== JSON.stringify(badge.due)) await historyApi.storage.session.set({ [REMINDERS_KEY]: { due: badge.due } });
  const t = (key, subs) => historyApi.i18n.getMessage(key, subs ?? []) || key;
  const title = [t('extName')];
  if (badge.exposed) title.push(t('badgeExposed', [String(badge.exposed)]));
  if (badge.turnedBackOn.length) title.push(t('badgeTurnedBackOn', [badge.turnedBackOn.map((s) => s.title).join(', ')]));
  if (badge.due.length) title.push(t('badgeDue', [badge.due.map((d) => d.name).join(', ')]));
  await historyApi.action.setTitle({ title: title.join('\n') });
  // While a Check now or Turn off all runs, the badge shows its progress (batch.js draws it); the run's end
  // records its state first, so this draws the count again then.
  const { batch } = await historyApi.storage.session.get('batch');
  if (batch?.status === 'running') return badge;
  await historyApi.action.setBadgeText({ text: badge.text });
  // Red while a setting exposes the person; otherwise only a re-check is due: a calm dark blue.
  await historyApi.action.setBadgeBackgroundColor({ color: badge.exposed ? '#b3261e' : '#1f4e79' });
  return badge;
}

// ---- Messages of this file, added to background.js's table (checked the same way) ----
const isFiniteTime = (v) => v === undefined || (typeof v === 'number' && Number.isFinite(v));
const HISTORY_MESSAGES = {
  'history-get': {},
  'history-clear': {},
  'history-dismiss-notice': {},
  'reminders-run': { now: isFiniteTime },
  'drift-get': { settings: (v) => Array.isArray(v) && v.length <= 200 && v.every((s) => typeof s === 'string') },
};
Object.assign(MESSAGES, HISTORY_MESSAGES);

// Only OptOut's own pages (the options page, the popup) read or clear the history or run the
// reminders with a time of their own; content scripts may only ask about drift.
// (A content script's sender.url is its page's address, never the extension's.)
const fromOwnPage = (sender) => (sender.url ?? '').startsWith(historyApi.runtime.getURL(''));

async function handleHistory(message, sender) {
  if (message.type === 'drift-get') {
    const { checklist } = await historyApi.storage.local.get('checklist');
    const seen = checklist?.seen ?? {};
    return Object.fromEntries(message.settings.filter((id) => seen[id]?.state === 'opted-in' && seen[id]?.turned_back_on).map((id) => [id, seen[id].turned_back_on]));
  }
  if (!fromOwnPage(sender)) throw new Error(`${message.type}: only OptOut's own pages may ask`);
  switch (message.type) {
    case 'history-get': {
      const { [HISTORY_KEY]: held } = await historyApi.storage.local.get(HISTORY_KEY);
      return wasm_bindgen.historyView(held, historyApi.i18n.getUILanguage());
    }
    case 'history-clear':
      await withHistory((held) => wasm_bindgen.historyRecover(held, 'clear'));
      return true;
    case 'history-dismiss-notice':
      await withHistory((held) => wasm_bindgen.historyRecover(held, 'dismiss'));
      return true;
    case 'reminders-run':
      return runReminders(message.now ?? Date.now());
  }
  throw new Error(`unknown message type ${message.type}`);
}

// The reminders run twice a day (an alarm survives the service worker's sleep); a change of the
// preferences or of the platforms' choices redraws the badge at once.
// Created once: creating it again at each wake of the service worker would push it back each time.
historyApi.alarms.get(REMINDER_ALARM).then((alarm) => alarm ?? historyApi.alarms.create(REMINDER_ALARM, { periodInMinutes: 12 * 60 })).catch((error) => console.warn('OptOut:', error));
historyApi.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === REMINDER_ALARM) ready.then(() => runReminders(Date.now())).catch((error) => console.warn('OptOut:', error));
});
historyApi.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && (changes[PREFERENCES_KEY] || changes.platforms)) ready.then(() => runReminders(Date.now())).catch(() => {});
});
// At start: a corrupt history is recovered (with its notice), a clean one is not written.
ready.then(() => withHistory((held) => wasm_bindgen.historyRecover(held, ''))).catch((error) => console.warn('OptOut:', error));
