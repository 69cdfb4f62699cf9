// The script on every page of a supported host (the manifest's content script): small, no wasm glue,
// no DOM observer. It follows the URL (url-watch.js) and, when the URL enters its platform's settings
// area or a form page, asks the background for the rest (the glue, content.js and content.css), which
// the background injects into this frame unless the person switched the platform off. The background
// also injects it where a guide runs in the tab, from any page. Once the rest runs, it follows the page.
import { settingsArea } from './scope.js';
import { onUrlChange } from './url-watch.js';

// Outside a settings area its start is one URL check and two listeners: the extension's API is touched
// only when the URL enters one.
if (!globalThis.__optoutBootstrap) { // double-injection guard
  globalThis.__optoutBootstrap = true;
  let asked = null; // the URL last asked about: one request per visit
  // `at`: where the page is, or where a navigation starting now goes.
  const heard = (at) => {
    if (globalThis.__optoutContentLoaded || at.href === asked || !settingsArea(at)) return;
    const api = globalThis.browser ?? globalThis.chrome;
    if (!api.runtime?.id) return void stopListening(); // the extension went away under the page
    asked = at.href;
    // The background injects only where the browser says the frame is: asked as a navigation starts,
    // it may not be there yet, and the same URL is asked again once it is.
    api.runtime.sendMessage({ type: 'load' }).then((loaded) => { if (loaded !== true) asked = null; }, () => { asked = null; });
  };
  const stopListening = onUrlChange(heard);
  heard(location);
}
