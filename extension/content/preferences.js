// Owns what the content script takes from the person's preferences and history: whether the banner
// shows (storage.local `preferences.banner`, default on; the options page sets it) and, for a setting
// the platform turned back on, since when (asked of the background once the page's reports are
// recorded). With the banner off, the marks and the reports stay: the popup and the history still fill.
import { api, failed, send } from './core-bridge.js';

let bannerOn = true;
let onChange = () => {};
const turnedBackOn = new Map(); // setting → { off, since }
const asked = new Set(); // settings asked about on this page

// `redraw` is called when what the banner may show changed (the preference, a drift answer).
export function loadPreferences(redraw) {
  onChange = redraw;
  const read = (prefs) => {
    const next = prefs?.banner !== false;
    if (next !== bannerOn) {
      bannerOn = next;
      onChange();
    }
  };
  api.storage.local.get('preferences').then(({ preferences }) => read(preferences), () => {});
  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.preferences) read(changes.preferences.newValue);
  });
}

export const bannerWanted = () => bannerOn;

// { off, since } for a setting turned back on (null: not, or not known yet).
export const driftOf = (setting) => turnedBackOn.get(setting) ?? null;

// After a report of these opted-in settings is recorded: ask once per page which were turned back on.
export function askDrift(settings) {
  const fresh = settings.filter((s) => !asked.has(s));
  if (!fresh.length) return;
  for (const s of fresh) asked.add(s);
  send({ type: 'drift-get', settings: fresh }).then((answer) => {
    let any = false;
    for (const [setting, drift] of Object.entries(answer ?? {})) {
      if (Number.isFinite(drift?.off) && Number.isFinite(drift?.since)) {
        turnedBackOn.set(setting, { off: drift.off, since: drift.since });
        any = true;
      }
    }
    if (any) onChange();
  }, (error) => failed('OptOut: could not read the history', error));
}

// A new page: ask again (a fresh load may have changed it).
export function forgetDrift() {
  asked.clear();
  turnedBackOn.clear();
}
