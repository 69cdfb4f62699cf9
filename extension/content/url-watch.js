// Owns hearing the URL change without watching the DOM: the Navigation API's currententrychange where
// the browser has it (Chromium), else the background's word (it follows tabs.onUpdated and sends the
// tab {type: 'url-changed'}; Firefox ESR 140 has no Navigation API), and popstate. The callback reads
// location itself; a change heard twice costs one URL comparison.
const api = globalThis.browser ?? globalThis.chrome;

// Calls `heard` on each URL change; returns the function that stops listening.
export function onUrlChange(heard) {
  const nav = globalThis.navigation;
  const fromBackground = (message) => { if (message?.type === 'url-changed') heard(); };
  nav?.addEventListener('currententrychange', heard);
  api.runtime.onMessage.addListener(fromBackground);
  addEventListener('popstate', heard);
  return () => {
    nav?.removeEventListener('currententrychange', heard);
    // The runtime may be gone already (the extension was reloaded under the page).
    try { api.runtime.onMessage.removeListener(fromBackground); } catch { /* orphaned */ }
    removeEventListener('popstate', heard);
  };
}
