// Owns hearing the URL change without watching the DOM. Where the browser has the Navigation API
// (Chromium, Firefox 153): for the bootstrap (on every page, so one listener and nothing else), its
// `navigate` event, announcing a same-document navigation; for the content script (in settings areas),
// `currententrychange`, once the new entry is current. Else, for both, the background's word (it follows
// tabs.onUpdated and sends the tab {type: 'url-changed'}; Firefox ESR 140 has no Navigation API) and
// popstate. Where the Navigation API serves, nothing else is touched at start (not even the runtime's
// messaging). The callbacks read location themselves; a change heard twice costs one URL comparison.

// The bootstrap's: calls `heard` after each same-document navigation that the `navigate` event announces,
// a task later, once the page is at its new URL (a navigation to another document is left to that
// document's own script). Returns the function that stops listening.
export function onNavigate(heard) {
  const nav = globalThis.navigation;
  if (!nav) return fromBackground(heard);
  const navigating = (event) => { if (event.destination.sameDocument) setTimeout(heard); };
  nav.addEventListener('navigate', navigating);
  return () => nav.removeEventListener('navigate', navigating);
}

// The content script's: calls `heard` on each URL change, once the new entry is current. Returns the
// function that stops listening.
export function onUrlChange(heard) {
  const nav = globalThis.navigation;
  if (!nav) return fromBackground(heard);
  nav.addEventListener('currententrychange', heard);
  return () => nav.removeEventListener('currententrychange', heard);
}

function fromBackground(heard) {
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
