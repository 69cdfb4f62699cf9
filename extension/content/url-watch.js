// Owns hearing the URL change without watching the DOM. Where the browser has the Navigation API
// (Chromium, Firefox 153): for the bootstrap (on every page), its `navigate` event, announcing a
// same-document navigation (bootstrap.js listens itself, inline); for the content script (in settings
// areas), `currententrychange`, once the new entry is current. Else, for both, the background's word (it follows
// tabs.onUpdated and sends the tab {type: 'url-changed'}; Firefox ESR 140 has no Navigation API) and
// popstate. Where the Navigation API serves, nothing else is touched at start (not even the runtime's
// messaging). The callbacks read location themselves; a change heard twice costs one URL comparison.

// The content script's: calls `heard` on each URL change, once the new entry is current. Returns the
// function that stops listening.
export function onUrlChange(heard) {
  const nav = globalThis.navigation;
  if (!nav) return fromBackground(heard);
  nav.addEventListener('currententrychange', heard);
  return () => nav.removeEventListener('currententrychange', heard);
}

// Where the page has no Navigation API: calls `heard` on the background's word of a URL change and on
// popstate. Returns the function that stops listening.
export function fromBackground(heard) {
  const api = globalThis.browser ?? globalThis.chrome;
  const told = (message) => { if (message?.type === 'url-changed') heard(); };
  api.runtime.onMessage.addListener(told);
  addEventListener('popstate', heard);
  return () => {
    // The runtime may be gone already (the extension was reloaded under the page).
    try { api.runtime.onMessage.removeListener(told); } catch { /* orphaned */ }
    removeEventListener('popstate', heard);
  };
}
