// Owns the verified Turn off, on the person's own click: click the switch, then read the page back
// until it stays opted-out (or the page shows an error, or switches it back), and Show me.
// It claims only what it read back: the page shows the setting off (whether the site kept it, a
// fresh load tells: its reports say `read-back` for a setting clicked in this page, see marks.js).
import { isStopped } from './core-bridge.js';
import { clean, hiddenFromPerson } from './snapshot.js';
import { currentPlan, elementOf, forgetReport, reapply } from './marks.js';
import { renderBanner } from './banner.js';
import { refresh } from './watch.js';
import { t } from './ui.js';

// After the click, the state must read opted-out and stay so this long with the control idle
// (pages save, re-render, and may revert); give up after VERIFY_TIMEOUT_MS.
const SETTLE_MS = 1500;
const VERIFY_TIMEOUT_MS = 8000;
const POLL_MS = 120;

const verifying = new Map(); // setting → { phase: 'saving' | 'done' | 'failed', message }
const clicked = new Set(); // settings OptOut clicked in this document

// Whether OptOut clicked this setting in this document: what the page shows of it since is read back.
export const clickedHere = (setting) => clicked.has(setting);

// Where a Turn off of this setting stands, while it runs and a while after.
export const verification = (setting) => verifying.get(setting);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const alertTexts = () => new Set([...document.querySelectorAll('[role="alert"]')].map((a) => clean(a.textContent)).filter(Boolean));
const busy = (el) => !el?.isConnected || el.disabled || el.getAttribute('aria-disabled') === 'true' || !!el.closest('[aria-busy="true"]');

// Resolves to the outcome ({ phase: 'done' } or { phase: 'failed', message, words: the page's own
// alert text when it showed one }), or null when there was nothing to turn off (Turn off all reads it).
export async function turnOff(setting) {
  const finding = currentPlan()?.findings.find((f) => f.setting === setting);
  const el = elementOf(finding);
  if (!finding?.can_turn_off || !el || verifying.has(setting)) return null;
  // What the plan pointed at may have gone, or been hidden, since: never click what a person cannot see.
  if (hiddenFromPerson(el)) {
    const gone = settle(setting, { phase: 'failed', message: t('turnOffGone') });
    refresh();
    return gone;
  }
  const alertsBefore = alertTexts();
  verifying.set(setting, { phase: 'saving' });
  renderBanner(currentPlan());
  clicked.add(setting);
  el.click();

  const start = performance.now();
  let last = null;
  let since = start;
  let error = null;
  let outcome = null;
  let sawOff = false;
  while (!isStopped() && performance.now() - start < VERIFY_TIMEOUT_MS) {
    await sleep(POLL_MS);
    const plan = await refresh().then(() => currentPlan());
    const f = plan?.findings.find((x) => x.setting === setting);
    const now = performance.now();
    error ??= [...alertTexts()].find((a) => !alertsBefore.has(a)) ?? null;
    const status = busy(elementOf(f)) ? 'busy' : f?.status;
    if (status !== last) { last = status; since = now; }
    sawOff ||= status === 'opted-out';
    if (error && status !== 'busy') { outcome = { phase: 'failed', message: t('turnOffFailedError', [error]), words: error }; break; }
    // Shown off, then on again with the control idle: the page switched it back.
    if (sawOff && status === 'opted-in') { outcome = { phase: 'failed', message: t('turnOffFailedReverted') }; break; }
    if (status === 'opted-out' && now - since >= SETTLE_MS) { outcome = { phase: 'done' }; break; }
  }
  outcome ??= last === 'opted-in'
    ? { phase: 'failed', message: t('turnOffFailedReverted') }
    : { phase: 'failed', message: t('turnOffUnconfirmed') };
  return settle(setting, outcome);
}

// The outcome of a Turn off, shown a while.
function settle(setting, outcome) {
  verifying.set(setting, outcome);
  forgetReport(setting); // report what the page says now
  reapply();
  setTimeout(() => { if (verifying.get(setting) === outcome) verifying.delete(setting); }, 15000);
  return outcome;
}

export function showMe(setting) {
  const el = elementOf(currentPlan()?.findings.find((f) => f.setting === setting));
  if (!el?.isConnected) return;
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  el.focus({ preventScroll: true });
}
