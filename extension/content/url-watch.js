// Owns hearing the URL change without watching the DOM. Where the browser has the Navigation API
// (Chromium, Firefox 153): its `navigate` event, as a same-document navigation starts, with where it
// goes, and `currententrychange` once the new entry is current (a navigation the page intercepts and
// commits later). Else the background's word (it follows tabs.onUpdated and sends the tab
// {type: 'url-changed'}; Firefox ESR 140 has no Navigation API) and popstate. Where the Navigation API
// serves, nothing else is touched at start (not even the runtime's messaging). A change heard twice
// costs the callback one URL comparison.

// Calls `heard(at)` on each URL change, `at` the location (or, as a navigation starts, the URL it goes
// to); returns the function that stops listening. A navigation to another document is left to that
// document's own script.
export function onUrlChange(heard) {
  const nav = globalThis.navigation;
  if (nav) {
    const starting = (event) => { if (event.destination.sameDocument) heard(new URL(event.destination.url)); };
    const current = () => heard(location);
    nav.addEventListener('navigate', starting);
    nav.addEventListener('currententrychange', current);
    return () => {
      nav.removeEventListener('navigate', starting);
      nav.removeEventListener('currententrychange', current);
    };
  }
  const api = globalThis.browser ?? globalThis.chrome;
  const fromBackground = (message) => { if (message?.type === 'url-changed') heard(location); };
  const popped = () => heard(location);
  api.runtime.onMessage.addListener(fromBackground);
  addEventListener('popstate', popped);
  return () => {
    // The runtime may be gone already (the extension was reloaded under the page).
    try { api.runtime.onMessage.removeListener(fromBackground); } catch { /* orphaned */ }
    removeEventListener('popstate', popped);
  };
}
