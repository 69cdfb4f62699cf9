// Owns hearing the URL change without watching the DOM: the Navigation API's currententrychange where
// the browser has it (Chromium, Firefox 153), else the background's word (it follows tabs.onUpdated and
// sends the tab {type: 'url-changed'}; Firefox ESR 140 has no Navigation API) and popstate. Where the
// Navigation API serves, nothing else is touched at start (not even the runtime's messaging). The callback
// reads location itself; a change heard twice costs one URL comparison.

// Calls `heard` on each URL change; returns the function that stops listening.
export function onUrlChange(heard) {
  const nav = globalThis.navigation;
  if (nav) {
    nav.addEventListener('currententrychange', heard);
    return () => nav.removeEventListener('currententrychange', heard);
  }
  const api = globalThis.browser ?? globalThis.chrome;
  const fromBackground = (message) => { if (message?.type === 'url-changed') heard(); };
  api.runtime.onMessage.addListener(fromBackground);
  addEventListener('popstate', heard);
  return () => {
    // The runtime may be gone already (the extension was reloaded under the page).
    try { api.runtime.onMessage.removeListener(fromBackground); } catch { /* orphaned */ }
    removeEventListener('popstate', heard);
  };
}
