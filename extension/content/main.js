// The content script's entry: the hands of OptOut. It knows no platform: where to wake up comes from
// scope.js (generated from the rules), what to collect and what it means come from the core (Rust → wasm).
// build.sh bundles this file and its imports into one content.js.
import { onStop } from './core-bridge.js';
import { clearMarks } from './marks.js';
import { removeBanner } from './banner.js';
import { clearGuide, listenForGuide, loadGuide } from './guide.js';
import { startWatching, stopWatching, tick } from './watch.js';
import { listenForBatch } from './batch.js';

if (!globalThis.__optoutContentLoaded) { // double-injection guard
  globalThis.__optoutContentLoaded = true;
  // When the extension goes away under the page, this copy takes its banner, marks and callout with it.
  onStop(() => {
    stopWatching();
    clearMarks();
    removeBanner();
    clearGuide();
  });
  startWatching();
  listenForGuide();
  listenForBatch();
  tick();
  loadGuide();
}
