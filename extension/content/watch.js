// Owns following the page: URL changes (in or out of a settings area, heard without a DOM observer:
// url-watch.js), one MutationObserver that schedules at most one check per frame while the URL is in a
// settings area or a guide runs, and the evaluations, coalesced to one at a time.
// Off the settings area, without a guide, nothing observes the page: no per-mutation work at all.
import { core, failed, isStopped, orphaned, stop } from './core-bridge.js';
import { settingsArea } from './scope.js';
import { onUrlChange } from './url-watch.js';
import { collect } from './snapshot.js';
import { applyPlan, clearMarks, forgetReports } from './marks.js';
import { bannerHost, removeBanner, undismiss } from './banner.js';
import { calloutHost, guideRunning, guideStep } from './guide.js';

// A switch's states (a Radix-style `data-state` too), a select's chosen option (`selected`), and
// whether a control can be used. A select's or a radio's choice made by a person fires `change`
// (heard below); one a page script makes without an event is read at the next evaluation.
const WATCHED = ['checked', 'aria-checked', 'aria-pressed', 'data-state', 'selected', 'disabled', 'aria-disabled'];
// While a guide runs, menus opening and closing matter too.
const GUIDE_WATCHED = [...WATCHED, 'hidden', 'aria-expanded', 'aria-hidden', 'class', 'style', 'open'];

let currentUrl = null;
let active = false; // the URL is in a settings area, or a guide runs
let watchStart = 0;
let spec = null;
let recheckTimer = 0;
let frameScheduled = false;
let evaluating = null;
let dirty = false;
let stopUrlWatch = null;
// Whether the page's DOM is observed; also told to this extension's isolated world (invisible to the
// page) as __optoutObserving, where the end-to-end tests read it through scripting.executeScript.
let observing = false;

const inScope = (loc) => !!settingsArea(loc);

// When watching this page (or this guide) began: the core's timeouts count from it.
export const watchingSince = () => watchStart;

const observer = new MutationObserver((records) => {
  if (!onlyOwnChanged(records)) schedule();
});

// OptOut's own banner and callout moving (their style) is no change of the page.
function onlyOwnChanged(records) {
  const banner = bannerHost();
  const callout = calloutHost();
  return records.every((r) => r.target === banner || r.target === callout);
}

export function startWatching() {
  stopUrlWatch = onUrlChange(schedule);
}

export function stopWatching() {
  unobserve();
  clearTimeout(recheckTimer);
  stopUrlWatch?.();
  stopUrlWatch = null;
}

export function schedule() {
  if (frameScheduled || isStopped()) return;
  frameScheduled = true;
  const run = () => {
    frameScheduled = false;
    tick();
  };
  // rAF does not fire in hidden tabs; only there does a timer stand in for it.
  if (document.hidden) setTimeout(run, 100);
  else requestAnimationFrame(run);
}

// Another look after this long (null: none), as the core's plan asks (e.g. a switch that may render late).
export function recheckAfter(ms) {
  clearTimeout(recheckTimer);
  if (ms != null) recheckTimer = setTimeout(schedule, ms);
}

export function tick() {
  if (orphaned()) return void stop();
  if (location.href !== currentUrl) urlChanged();
  if (active) refresh();
}

function urlChanged() {
  currentUrl = location.href;
  const was = active;
  active = inScope(location) || guideRunning();
  spec = null;
  undismiss();
  forgetReports(); // each visit records what was seen, and when
  if (active) {
    watchStart = performance.now();
    observe();
  } else {
    if (was) {
      clearMarks();
      removeBanner();
    }
    unobserve();
  }
}

// A guide started: the page is watched as a settings area, from now, wherever it is.
export function watchForGuide() {
  active = true;
  watchStart = performance.now();
  observe();
  schedule();
}

// The guide ended: the page is watched as its URL says.
export function watchAsUrlSays() {
  active = inScope(location);
  observe();
}

// In a settings area or while a guide runs: the page's changes. Off it and without a guide: nothing.
function observe() {
  if (!active) return unobserve();
  observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: guideRunning() ? GUIDE_WATCHED : WATCHED });
  // A native checkbox's `.checked` changes without a DOM mutation: the person's own toggling is heard here.
  if (!observing) document.addEventListener('change', schedule, true);
  observing = globalThis.__optoutObserving = true;
}

function unobserve() {
  observer.disconnect();
  document.removeEventListener('change', schedule, true);
  observing = globalThis.__optoutObserving = false;
}

// Coalesces evaluations: one at a time, and one more if the page changed meanwhile.
export function refresh() {
  if (evaluating) {
    dirty = true;
    return evaluating;
  }
  evaluating = evaluateAndApply()
    .catch((error) => failed('OptOut:', error))
    .finally(() => {
      evaluating = null;
      if (dirty) { dirty = false; schedule(); }
    });
  return evaluating;
}

async function evaluateAndApply() {
  const c = await core();
  if (!active) return null;
  let plan = null;
  if (inScope(location)) {
    spec ??= await c.call('pageSpec', location.href);
    if (spec) {
      const snapshot = collect(spec, watchStart);
      plan = await c.call('evaluate', snapshot.data);
      if (!active || snapshot.data.url !== location.href) return null;
      applyPlan(plan, snapshot.elements, c.path);
    }
  }
  if (guideRunning()) await guideStep(c);
  return plan;
}
