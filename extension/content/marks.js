// Owns applying the core's plan to the page: the marks (data-optout-setting, data-optout-state, which
// page.css outlines; on every instance of a setting per blog or per site), the plan and elements they
// came from, and the reports of what was seen to the background (a setting's one state: exposed while
// any instance is). The banner is drawn from the same plan.
import { failed, send } from './core-bridge.js';
import { renderBanner } from './banner.js';
import { clickedHere, verification } from './turn-off.js';
import { recheckAfter } from './watch.js';
import { askDrift, forgetDrift } from './preferences.js';
import { forgetSaves, trackSaves, unsavedButton } from './save-button.js';

let lastPlan = null;
let lastCorePath; // which path evaluated it (for a banner drawn again from it)
let elements = { switches: [], rows: [] };
const marked = new Set();
const reported = new Map(); // setting → state last sent
const firstRead = new Map(); // setting → the state this document first showed (what the site served)
const changedHere = new Set(); // settings whose state changed while this document was open

export const currentPlan = () => lastPlan;
export const elementOf = (finding) => finding?.control && elements[finding.control.list]?.[finding.control.index];
export const isFact = (status) => status === 'opted-in' || status === 'opted-out';

// A fresh evaluation: `els` are the snapshot's elements, which the plan's findings index into.
export function applyPlan(plan, els, corePath) {
  elements = els;
  lastPlan = plan;
  lastCorePath = corePath;
  apply(plan, corePath);
}

// The last plan again (e.g. once a Turn off has its outcome).
export function reapply() {
  if (lastPlan) apply(lastPlan, lastCorePath);
}

// What carries a finding's marks: each instance of a setting per blog or per site (with its own
// state), else the finding's one control.
const markedBy = (f) => (f.instances?.length ? f.instances : [f]);

function apply(plan, corePath) {
  const keep = new Set();
  for (const f of plan.findings) {
    for (const part of markedBy(f)) {
      const el = elementOf(part);
      if (!el || !isFact(part.status) || !el.isConnected) continue;
      keep.add(el);
      marked.add(el);
      if (el.getAttribute('data-optout-setting') !== f.setting) el.setAttribute('data-optout-setting', f.setting);
      if (el.getAttribute('data-optout-state') !== part.status) el.setAttribute('data-optout-state', part.status);
    }
  }
  for (const el of marked) {
    if (keep.has(el)) continue;
    unmark(el);
  }
  recheckAfter(plan.recheck_after_ms);
  trackSaves(plan, elementOf);
  renderBanner(plan, corePath);
  reportFacts(plan);
}

function unmark(el) {
  el.removeAttribute('data-optout-setting');
  el.removeAttribute('data-optout-state');
  marked.delete(el);
}

export function clearMarks() {
  for (const el of [...marked]) unmark(el);
  lastPlan = null;
}

// Each visit records what was seen, and when: a new URL reports afresh.
export function forgetReports() {
  reported.clear();
  forgetDrift();
  forgetSaves();
}

// The next plan reports this setting's state whatever was sent before.
export function forgetReport(setting) {
  reported.delete(setting);
}

// How a state was read: `fresh-load` while it is what this document first showed and nobody clicked
// it here; `read-back` once OptOut clicked it in this page, or it changed while the page was open
// (a page may show a click's result that its site never saved).
function verifiedOf(f) {
  if (!firstRead.has(f.setting)) firstRead.set(f.setting, f.status);
  else if (firstRead.get(f.setting) !== f.status) changedHere.add(f.setting);
  return clickedHere(f.setting) || changedHere.has(f.setting) ? 'read-back' : 'fresh-load';
}

// A change the page shows but its site has not saved (its save button not pressed since) is not
// recorded: the banner asks for the button instead.
// When and where are the background's to say (its clock, the sender's page), not the report's.
function reportFacts(plan) {
  const reports = plan.findings
    .filter((f) => (isFact(f.status) || f.status === 'unavailable') && verification(f.setting)?.phase !== 'saving' && !unsavedButton(f))
    .map((f) => ({ setting: f.setting, state: f.status, verified: verifiedOf(f) }))
    .filter((r) => reported.get(r.setting) !== r.state);
  if (!reports.length) return;
  for (const r of reports) reported.set(r.setting, r.state);
  const exposed = reports.filter((r) => r.state === 'opted-in' && r.verified === 'fresh-load').map((r) => r.setting);
  send({ type: 'report', reports }).then(() => askDrift(exposed), (error) => {
    for (const r of reports) reported.delete(r.setting);
    // The extension going away under the page is no error of this page: stop quietly.
    failed('OptOut: could not record', error);
  });
}
