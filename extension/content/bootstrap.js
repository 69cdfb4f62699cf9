// The script on every page of a supported host (the manifest's content script): small, no wasm glue,
// no DOM observer, no work at start but one listener. It follows the URL (url-watch.js) and, when a
// same-document navigation enters its platform's settings area or a form page, asks the background for
// the rest (the glue, content.js and content.css), which the background injects into this frame unless
// the person switched the platform off. A page that loads in a settings area is the background's own to
// serve (loader.js: the tab's load, as the browser reports it), as is a tab where a guide runs, from any
// page. Once the rest runs, it follows the page.
import { settingsArea } from './scope.js';
import { onNavigate } from './url-watch.js';

// Its start is one listener: the URL, the scope and the extension's API are read only when the page
// navigates (measured: the first URL check costs a fresh tab more than the listener).
if (!globalThis.__optoutBootstrap) { // double-injection guard
  globalThis.__optoutBootstrap = true;
  let asked = null; // the URL last asked about: one request per visit
  const heard = () => {
    if (globalThis.__optoutContentLoaded || location.href === asked || !settingsArea(location)) return;
    const api = globalThis.browser ?? globalThis.chrome;
    if (!api.runtime?.id) return void stopListening(); // the extension went away under the page
    asked = location.href;
    // The background injects only where the browser says the tab is; where it declined (the browser did
    // not know the new URL yet), the next navigation asks again (the background also follows the tab).
    api.runtime.sendMessage({ type: 'load' }).then((loaded) => { if (loaded !== true) asked = null; }, () => { asked = null; });
  };
  const stopListening = onNavigate(heard);
}
