// Owns the opt-out guide: asks the core for the next step of the documented path, marks the element
// to click (data-optout-guide-step), shows the callout beside it, and follows the person from page to
// page (the steps taken are kept per tab by the background).
import CALLOUT_CSS from './callout.css';
import { api, isStopped, send } from './core-bridge.js';
import { clean, describe, mainQuery, placement } from './snapshot.js';
import { schedule, watchAsUrlSays, watchForGuide, watchingSince } from './watch.js';
import { createShell } from './shell.js';
import { button, h, madeByOptOut, t, UI_LANG } from './ui.js';

let guideState = null; // { setting, reached } while an opt-out guide runs in this tab
let guideProbe = null;
let guideTarget = null;
let callout = null; // { host, box, key, direct, shell }
let lastGuide = null; // [plan, target] the callout last showed, to draw it again after a rebuild
let guideTimer = 0;

export const guideRunning = () => !!guideState;
export const calloutHost = () => callout?.host;

// The background tells an open tab when a guide starts in it; a loading tab asks (it may be mid-guide).
export function listenForGuide() {
  api.runtime.onMessage.addListener((message) => { if (message?.type === 'guide-changed' && !isStopped()) loadGuide(); });
}

export async function loadGuide() {
  let state;
  try { state = await send({ type: 'guide-get' }); } catch { return; }
  guideState = state && typeof state.setting === 'string' ? { setting: state.setting, reached: Number(state.reached) || 0 } : null;
  if (!guideState) return clearGuide();
  watchForGuide();
}

export async function guideStep(c) {
  guideProbe ??= await c.call('guideProbe');
  const els = [...document.querySelectorAll(guideProbe)];
  const pageHasMain = mainQuery();
  const state = guideState;
  const g = await c.call('guide', {
    url: location.href,
    ui_lang: UI_LANG,
    setting: state.setting,
    reached: state.reached,
    elapsed_ms: Math.round(performance.now() - watchingSince()),
    here: clean(document.querySelector('h1')?.textContent) || clean(document.title),
    // Layout is read only here, while a guide runs: a person can only click what they can see.
    candidates: els.map((el) => ({ ...describe(el), ...placement(el, pageHasMain) })),
  });
  if (guideState !== state || isStopped()) return;
  if (!g) return endGuide();
  if (g.reached !== state.reached) {
    state.reached = g.reached;
    send({ type: 'guide-set', setting: state.setting, reached: g.reached }).catch(() => {});
  }
  applyGuide(g, g.target == null ? null : els[g.target]);
  clearTimeout(guideTimer);
  if (g.recheck_after_ms != null) guideTimer = setTimeout(schedule, g.recheck_after_ms);
  if (g.status === 'done') {
    guideState = null;
    send({ type: 'guide-end' }).catch(() => {});
    setTimeout(() => { if (!guideState) clearGuide(); }, 6000);
  }
}

function endGuide() {
  guideState = null;
  clearGuide();
  send({ type: 'guide-end' }).catch(() => {});
  watchAsUrlSays();
}

export function clearGuide() {
  clearTimeout(guideTimer);
  guideTarget?.removeAttribute('data-optout-guide-step');
  guideTarget = null;
  callout?.shell.dispose();
  callout = null;
  removeEventListener('scroll', placeCallout, true);
  removeEventListener('resize', placeCallout);
}

// The callout's host, like the banner's: a plain <div>, an open shadow root holding only OptOut's nodes,
// drawn anew when the page tampers with it (shell.js).
function ensureCallout() {
  // A tampered callout stays (its actions stopped) until its paused rebuild: no rebuild on every step.
  if (callout?.host.isConnected) return callout;
  callout?.shell.dispose();
  const shell = createShell({
    attr: 'data-optout-guide',
    css: CALLOUT_CSS,
    place: [['position', 'fixed'], ['z-index', '2147483647'], ['display', 'block'], ['top', '12px'], ['left', '12px']],
    rebuild: () => {
      callout?.shell.dispose();
      callout = null;
      if (lastGuide && guideState) applyGuide(...lastGuide);
    },
  });
  const box = h('div', { class: 'box', role: 'group', 'aria-label': t('guideName') });
  shell.edit(() => shell.root.append(box));
  // Escape inside the callout ends the guide (outside it, Escape belongs to the page: e.g. closing a menu).
  shell.root.addEventListener('keydown', (event) => {
    if (event.isTrusted && event.key === 'Escape' && madeByOptOut(event.target)) shell.guard(endGuide)();
  });
  addEventListener('scroll', placeCallout, { capture: true, passive: true });
  addEventListener('resize', placeCallout, { passive: true });
  callout = { host: shell.host, box, key: null, shell };
  return callout;
}

const goDirect = () => { if (callout?.direct) location.assign(callout.direct); };

// Beside the element to click (below it, or above when there is no room), else at the top.
function placeCallout() {
  if (!callout) return;
  const { host } = callout;
  const r = guideTarget?.isConnected ? guideTarget.getBoundingClientRect() : null;
  const w = host.offsetWidth || 320;
  const hgt = host.offsetHeight || 120;
  let top = 12;
  let left = Math.max(12, innerWidth - w - 12);
  if (r && r.width + r.height > 0) {
    // Beside it when there is room (so that its neighbours, e.g. the rest of a menu, stay clickable),
    // else below, else above.
    if (r.right + 12 + w <= innerWidth) {
      left = r.right + 12;
      top = Math.min(Math.max(12, r.top - 8), Math.max(12, innerHeight - hgt - 12));
    } else {
      top = r.bottom + 10 + hgt < innerHeight ? r.bottom + 10 : Math.max(12, r.top - hgt - 10);
      left = Math.min(Math.max(12, r.left), Math.max(12, innerWidth - w - 12));
    }
  }
  callout.shell.edit(() => {
    host.style.setProperty('top', `${Math.round(top)}px`, 'important');
    host.style.setProperty('left', `${Math.round(left)}px`, 'important');
  });
}

function applyGuide(g, target) {
  if (target !== guideTarget) {
    guideTarget?.removeAttribute('data-optout-guide-step');
    guideTarget = target;
    if (target) target.scrollIntoView({ block: 'nearest' });
  }
  if (target && target.getAttribute('data-optout-guide-step') !== String(g.step)) target.setAttribute('data-optout-guide-step', String(g.step));
  if (g.status === 'done') { guideTarget?.removeAttribute('data-optout-guide-step'); guideTarget = null; }
  lastGuide = [g, target];
  const c = ensureCallout();
  c.shell.followTheme();
  c.direct = g.direct;
  const step = t('guideStep', [String(g.step), String(g.total), g.label]) + (g.section ? ` ${t('guideSection', [g.section])}` : '');
  const lines = {
    'on-path': [step, g.last ? t(g.protective === 'on' ? 'guideLastOn' : 'guideLast') : null],
    'off-path': [h('span', { class: 'where' }, t('guideOffPath', [g.here])), step],
    pending: [t('guidePending', [String(g.step), String(g.total), g.label])],
    missing: [h('span', { class: 'where' }, t('guideMissing', [g.label, String(g.step), String(g.total)]))],
    done: [t(g.protective === 'on' ? 'guideDoneOn' : 'guideDone', [g.title])],
  }[g.status] ?? [step];
  const key = JSON.stringify([g.status, g.step, g.here, g.label]);
  if (c.key !== key) {
    c.key = key;
    const actions = g.status === 'done'
      ? []
      : [
        button('guide-direct', t('guideDirect'), c.shell.guard(goDirect), { setting: g.setting, primary: g.status === 'missing' }),
        button('guide-end', t('guideEnd'), c.shell.guard(endGuide), { setting: g.setting }),
      ];
    // role=status: each new step is announced politely.
    c.shell.edit(() => c.box.replaceChildren(h('p', { role: 'status' }, ...lines.filter(Boolean).flatMap((l, i) => (i ? [h('br'), l] : [l]))), h('div', { class: 'row' }, ...actions)));
  }
  placeCallout();
}
