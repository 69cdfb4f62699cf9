// Owns the verified Turn off, on the person's own click: set the control (click a switch or a toggle
// button, choose a select's or a radio group's protective choice, open a menu button's menu and choose
// the item that is exactly a protective word; each exposed instance of a setting per blog or site in turn), then read the page back until it stays opted-out (or the page shows an
// error, or switches it back), and Show me.
// It claims only what it read back: the page shows the setting off (whether the site kept it, a
// fresh load tells: its reports say `read-back` for a setting clicked in this page, see marks.js).
import { isStopped } from './core-bridge.js';
import { clean, hiddenFromPerson, radiosOf } from './snapshot.js';
import { currentPlan, elementOf, forgetReport, reapply } from './marks.js';
import { renderBanner } from './banner.js';
import { refresh } from './watch.js';
import { t } from './ui.js';
import { saveButtonFor, savedHere } from './save-button.js';

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

// The messages of a Turn off, by the position that protects: where "on" protects (Tumblr's "Prevent
// third-party sharing", Substack's "Block AI training"), OptOut turns the protection on and says so.
const WORDS = {
  off: { failedError: 'turnOffFailedError', reverted: 'turnOffFailedReverted', unconfirmed: 'turnOffUnconfirmed', gone: 'turnOffGone' },
  on: { failedError: 'turnOnFailedError', reverted: 'turnOnFailedReverted', unconfirmed: 'turnOnUnconfirmed', gone: 'turnOnGone' },
};
const wordsOf = (finding) => WORDS[finding?.protective === 'on' ? 'on' : 'off'];

// What a Turn off changes: each exposed instance of a setting per blog or per site (in page
// order), else the setting's one control. `at` is the instance's place, to find it again when the
// page re-rendered it.
const targetOf = (x, at) => ({ el: elementOf(x), choice: x.choice, items: x.menu_items, at });
function targetsOf(finding) {
  if (!finding.instances?.length) return [targetOf(finding, null)];
  return finding.instances.flatMap((i, at) => (i.can_turn_off ? [targetOf(i, at)] : []));
}

// A planned instance as the current plan shows it: the instance at its place, with its element now;
// SKIP where it is no longer exposed (nothing to change), null where the page no longer shows it.
const SKIP = Symbol('skip');
function again(setting, planned) {
  const f = currentPlan()?.findings.find((x) => x.setting === setting);
  const i = f?.instances?.[planned.at];
  if (i?.status === 'opted-out') return SKIP;
  const target = i?.can_turn_off ? targetOf(i, planned.at) : null;
  return target?.el ? target : null;
}

// What the page shows now of a target: its element and state, from a fresh plan.
function readTarget(plan, setting, target) {
  const f = plan?.findings.find((x) => x.setting === setting);
  if (!f?.instances?.length) return { el: elementOf(f), status: f?.status };
  const i = f.instances.find((x) => elementOf(x) === target.el) ?? f.instances[target.at];
  return { el: elementOf(i), status: i?.status };
}

// Sets the control as a person would: a click on a switch or a toggle button; the protective radio
// of a radio group clicked; a select given the protective option's value with the input and change
// events a person's choice fires (through the prototype's value setter: a React-controlled select
// hears nothing of a value set otherwise).
async function setControl(el, choice, items) {
  if (items?.length) return chooseFromMenu(el, items);
  if (el instanceof HTMLSelectElement) {
    const option = el.options[choice];
    if (!option || option.disabled) return;
    el.focus({ preventScroll: true });
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(el, option.value);
    // Two options of one value: the index decides.
    if (el.selectedIndex !== choice) Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'selectedIndex').set.call(el, choice);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  } else if (choice != null) {
    radiosOf(el)[choice]?.click();
  } else {
    el.click();
  }
}

// How long a menu button's menu may take to open.
const MENU_WAIT_MS = 2000;
const MENU = '[role="menu"], [role="listbox"]';
const ITEM = '[role="menuitem"], [role="menuitemradio"], [role="option"]';

// The menu a menu button opened: the one its aria-controls names, else one that a person can see
// and that was not open before the click.
function openedMenu(button, before) {
  const controlled = document.getElementById(button.getAttribute('aria-controls') ?? '');
  if (controlled && !hiddenFromPerson(controlled)) return controlled;
  return [...document.querySelectorAll(MENU)].find((m) => !before.has(m) && !hiddenFromPerson(m)) ?? null;
}

// Opens a menu button's menu as a person would and clicks the item whose text is exactly one of
// `items` (the protective words the core gave; a lookalike such as "Turn off and delete activity" is
// never one). Where the menu does not open, or offers no such item a person can see, it is closed
// with Escape and nothing is chosen. Returns an error message key, or null when an item was clicked.
async function chooseFromMenu(button, items) {
  // A menu the person left open is not clicked shut.
  const open = button.getAttribute('aria-expanded') === 'true';
  const before = new Set(open ? [] : [...document.querySelectorAll(MENU)].filter((m) => !hiddenFromPerson(m)));
  if (!open) button.click();
  const wanted = new Set(items);
  const exact = (menu) => [...menu.querySelectorAll(ITEM)].find((i) => wanted.has(clean(i.textContent)) && !hiddenFromPerson(i) && i.getAttribute('aria-disabled') !== 'true');
  // The menu, and its items, may render a moment after the click.
  const start = performance.now();
  let menu = openedMenu(button, before);
  let item = menu && exact(menu);
  while (!item && performance.now() - start < MENU_WAIT_MS) {
    await sleep(50);
    menu = openedMenu(button, before);
    item = menu && exact(menu);
  }
  if (!item) {
    const escape = { key: 'Escape', code: 'Escape', bubbles: true, cancelable: true };
    (menu ?? button).dispatchEvent(new KeyboardEvent('keydown', escape));
    (menu ?? button).dispatchEvent(new KeyboardEvent('keyup', escape));
    return 'menuNoChoice';
  }
  item.click();
  return null;
}

// Resolves to the outcome ({ phase: 'done' } or { phase: 'failed', message, words: the page's own
// alert text when it showed one }), or null when there was nothing to turn off (Turn off all reads it).
export async function turnOff(setting) {
  const finding = currentPlan()?.findings.find((f) => f.setting === setting);
  if (!finding?.can_turn_off || verifying.has(setting)) return null;
  const targets = targetsOf(finding);
  if (!targets.length || targets.some((target) => !target.el)) return null;
  const words = wordsOf(finding);
  // What the plan pointed at may have gone, or been hidden, since: never click what a person cannot see.
  if (targets.some((target) => hiddenFromPerson(target.el))) {
    const gone = settle(setting, { phase: 'failed', message: t(words.gone) });
    refresh();
    return gone;
  }
  verifying.set(setting, { phase: 'saving' });
  renderBanner(currentPlan());
  clicked.add(setting);
  // One instance after the other, each read back before the next; the first that fails stops the rest.
  let outcome = null;
  for (const [n, planned] of targets.entries()) {
    // Saving one may have re-rendered the others (new elements): each next one is found again.
    const target = n ? again(setting, planned) : planned;
    if (target === SKIP) continue;
    if (!target || hiddenFromPerson(target.el)) {
      outcome = { phase: 'failed', message: t(words.gone) };
      break;
    }
    outcome = await setAndReadBack(setting, target, words, finding.save);
    if (outcome.phase !== 'done' || isStopped()) break;
  }
  if (outcome.phase === 'done' && finding.save?.length) savedHere(setting);
  return settle(setting, outcome);
}

async function setAndReadBack(setting, target, words, save) {
  const alertsBefore = alertTexts();
  const refused = await setControl(target.el, target.choice, target.items);
  if (refused) return { phase: 'failed', message: t(refused) };
  const unsaved = save?.length ? await pressSave(setting, target, words, save) : null;
  if (unsaved) return unsaved;

  const start = performance.now();
  let last = null;
  let since = start;
  let error = null;
  let sawOff = false;
  while (!isStopped() && performance.now() - start < VERIFY_TIMEOUT_MS) {
    await sleep(POLL_MS);
    const plan = await refresh().then(() => currentPlan());
    const now = performance.now();
    const shown = readTarget(plan, setting, target);
    error ??= [...alertTexts()].find((a) => !alertsBefore.has(a)) ?? null;
    const status = busy(shown.el) ? 'busy' : shown.status;
    if (status !== last) { last = status; since = now; }
    sawOff ||= status === 'opted-out';
    if (error && status !== 'busy') return { phase: 'failed', message: t(words.failedError, [error]), words: error };
    // Shown off, then on again with the control idle: the page switched it back.
    if (sawOff && status === 'opted-in') return { phase: 'failed', message: t(words.reverted) };
    if (status === 'opted-out' && now - since >= SETTLE_MS) return { phase: 'done' };
  }
  return last === 'opted-in'
    ? { phase: 'failed', message: t(words.reverted) }
    : { phase: 'failed', message: t(words.unconfirmed) };
}

// Where the page keeps a change only once its save button is pressed: once the control shows the
// protective position, press the one visible button named exactly as the rule says, beside the
// control. Resolves to null once pressed (the read-back follows), else to the failed outcome.
async function pressSave(setting, target, words, save) {
  const start = performance.now();
  while (!isStopped() && performance.now() - start < VERIFY_TIMEOUT_MS) {
    await sleep(POLL_MS);
    const shown = readTarget(await refresh().then(() => currentPlan()), setting, target);
    if (shown.status !== 'opted-out' || busy(shown.el)) continue;
    // The page may draw its button a moment after the change (enabled, or at all).
    for (let tries = 0; tries < 10 && !isStopped(); tries++) {
      const button = saveButtonFor(shown.el, save);
      if (button) {
        button.click();
        return null;
      }
      await sleep(POLL_MS);
    }
    return { phase: 'failed', message: t('saveButtonMissing', [save[0]]) };
  }
  return { phase: 'failed', message: t(words.unconfirmed) };
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
