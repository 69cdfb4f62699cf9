// Owns a setting's save button, where the page keeps a change only once a button is pressed
// (Pinterest's "Done", WordPress.com's "Save settings": the finding's `save` names it, from the rule):
// finding the one visible button named exactly so beside the control, pressing it for Turn off, and
// knowing which changes the page shows but has not saved (the control moved, nobody pressed the button
// since): those are not recorded, and the banner says the button still needs pressing.
import { clean, describe, hiddenFromPerson } from './snapshot.js';

const BUTTONS = 'button, [role="button"], input[type="submit"], input[type="button"]';
// Where a control's save button belongs: its form, else the section or group it sits in.
const SCOPE = 'form, section, fieldset, [role="group"], [role="region"], [role="dialog"], dialog';

const savedAs = new Map(); // setting → the state the site last saved, as far as this document knows
let savedSince = false; // the person pressed a save button: what the page shows next is what was saved
const names = new Set(); // the save buttons' names of the settings seen on this page

const nameOf = (b) => describe(b).name || (b instanceof HTMLInputElement ? clean(b.value) : '');
const enabled = (b) => !b.disabled && b.getAttribute('aria-disabled') !== 'true';

// The one visible, enabled button named exactly as one of `wanted`, in the control's form, else in
// the section or group it sits in (else the page): never one elsewhere on the page. Null when there
// is none, or more than one (never a guess).
export function saveButtonFor(el, wanted) {
  const scope = el.closest('form') ?? el.parentElement?.closest(SCOPE) ?? document;
  const found = [...scope.querySelectorAll(BUTTONS)].filter((b) => !el.contains(b) && wanted.includes(nameOf(b)) && !hiddenFromPerson(b));
  return found.length === 1 && enabled(found[0]) ? found[0] : null;
}

// The person's own press of a button named as some setting's save button (a page script's click is
// not the person's): from the next plan on, what the page shows is what the site was asked to keep.
export function listenForSaves() {
  document.addEventListener('click', (event) => {
    if (!event.isTrusted) return;
    const b = event.target instanceof Element ? event.target.closest(BUTTONS) : null;
    if (b && names.has(nameOf(b))) savedSince = true;
  }, true);
}

// A Turn off pressed the button and read the setting back: the site has it as the page shows.
export function savedHere(setting) {
  savedAs.delete(setting);
}

// Each plan: the first state a setting with a save button shows (what the site served), again after
// the person pressed a save button (once the page is idle again: while it saves, its controls are
// disabled or busy, and the save may still fail) or OptOut saved it. `elementOf` gives a finding's control.
export function trackSaves(plan, elementOf) {
  const mine = plan.findings.filter((f) => f.save?.length && (f.status === 'opted-in' || f.status === 'opted-out'));
  for (const f of mine) for (const name of f.save) names.add(name);
  const idle = mine.every((f) => { const el = elementOf(f); return el?.isConnected && !el.disabled && !el.closest('[aria-busy="true"]'); });
  const saved = savedSince && idle;
  for (const f of mine) if (saved || !savedAs.has(f.setting)) savedAs.set(f.setting, f.status);
  if (saved) savedSince = false;
}

// The save button's name when the page shows this setting changed but not saved; else null.
export function unsavedButton(f) {
  if (!f.save?.length || !savedAs.has(f.setting)) return null;
  return savedAs.get(f.setting) !== f.status ? f.save[0] : null;
}

export function forgetSaves() {
  savedAs.clear();
  names.clear();
  savedSince = false;
}
