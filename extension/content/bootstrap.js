// The script on every page of a supported host (the manifest's content script): small, no wasm glue,
// no DOM observer. It follows the URL (url-watch.js) and, when the page starts in its platform's settings
// area or a form page or a same-document navigation enters one, asks the background for the rest (the
// glue, content.js and content.css), which the background injects into this frame unless the person
// switched the platform off. The background also injects it on a tab's load there (a just-installed
// extension may not hear it: the bootstrap's request does not depend on that) and where a guide runs in
// the tab, from any page. Once the rest runs, it follows the page.
import { AREA_URLS } from './scope.js';
import { fromBackground } from './url-watch.js';

// Outside a settings area its start is one listener and one look at the URL, through the Navigation API
// the listener uses: location, document and the extension's API are read only in a settings area. Written
// flat, with no helper to call: measured in fresh tabs, a first read of location or document, the scope's
// objects and each function compiled on first call cost more than the whole rest of its start.
if (!globalThis.__optoutBootstrap) { // double-injection guard
  globalThis.__optoutBootstrap = true;
  let asked = null; // the URL last asked about: one request per visit
  const heard = () => {
    const href = location.href;
    if (globalThis.__optoutContentLoaded || href === asked || !AREA_URLS.some((prefix) => href.startsWith(prefix))) return;
    const api = globalThis.browser ?? globalThis.chrome;
    if (!api.runtime?.id) return void stopListening(); // the extension went away under the page
    asked = href;
    // The background injects only where the browser says the tab is; where it declined (the browser did
    // not know the new URL yet), the next navigation asks again (the background also follows the tab).
    api.runtime.sendMessage({ type: 'load' }).then((loaded) => { if (loaded !== true) asked = null; }, () => { asked = null; });
  };
  // A same-document navigation, looked at a task later, once the page is at its new URL (one to another
  // document is that document's own bootstrap's); without the Navigation API, the background's word.
  const nav = globalThis.navigation;
  const navigating = (event) => { if (event.destination.sameDocument) setTimeout(heard); };
  if (nav) nav.addEventListener('navigate', navigating);
  const stopListening = nav ? () => nav.removeEventListener('navigate', navigating) : fromBackground(heard);
  // A page that starts in a settings area asks at once.
  const start = nav ? nav.currentEntry?.url ?? '' : location.href;
  for (const prefix of AREA_URLS) if (start.startsWith(prefix)) { heard(); break; }
}
