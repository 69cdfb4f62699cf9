// The content script's entry: the hands of OptOut. It knows no platform: where to wake up comes from
// the scope (generated from the rules), what to collect and what it means come from the core (Rust → wasm).
// build.sh bundles this file and its imports into one content.js, which the background injects (after the
// glue, core/optout.js) when the bootstrap's URL enters a settings area or a guide runs in the tab.
import { api, onStop } from './core-bridge.js';
import { clearMarks, reapply } from './marks.js';
import { removeBanner } from './banner.js';
import { clearGuide, listenForGuide, loadGuide } from './guide.js';
import { startWatching, stopWatching, tick } from './watch.js';
import { loadPreferences } from './preferences.js';
import { listenForBatch } from './batch.js';
import { listenForSaves } from './save-button.js';

function start() {
  // When the extension goes away under the page, this copy takes its banner, marks and callout with it.
  onStop(() => {
    stopWatching();
    clearMarks();
    removeBanner();
    clearGuide();
  });
  loadPreferences(reapply);
  startWatching();
  listenForGuide();
  listenForSaves();
  listenForBatch();
  tick();
  loadGuide();
}

// A platform the person switched off (storage.local `platforms`, kept by the background) gets no work:
// LinkedIn's and X's script is declared in the manifest and still loads there, but stops here. (Other
// platforms' scripts are unregistered instead.) Read once per page; unreadable storage changes nothing.
async function switchedOff() {
  const platform = OPTOUT_SCOPE.find((p) => p.hosts.includes(location.hostname))?.platform;
  const { platforms } = await api.storage.local.get('platforms');
  return !!platform && platforms?.[platform] === false;
}

if (!globalThis.__optoutContentLoaded) { // double-injection guard
  globalThis.__optoutContentLoaded = true;
  switchedOff().then((off) => { if (!off) start(); }, start);
}
