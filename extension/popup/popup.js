// OptOut popup: loads the core and lets it render the checklist (Rust, web-sys) from local storage.
// This file only reaches the browser APIs: storage, permissions, tabs and i18n.
'use strict';

const api = globalThis.browser ?? globalThis.chrome;
const t = (key, subs) => api.i18n.getMessage(key, subs ?? []) || key;
const root = document.getElementById('checklist');
const inTab = new URLSearchParams(location.search).get('view') === 'tab';

for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
document.documentElement.lang = api.i18n.getUILanguage();

let lastMissing = []; // the host access the browser withholds, as of the last render
async function missingHosts() {
  const missing = [];
  for (const origin of wasm_bindgen.hostPatterns()) {
    if (!(await api.permissions.contains({ origins: [origin] }))) missing.push(origin);
  }
  lastMissing = missing;
  return missing;
}

// Check now and Turn off all (the background runs them: extension/batch.js). Which platform's Turn off
// all awaits the person's confirmation is this page's own state; the run's is in storage.session.
let confirming = null;
async function batchRun() {
  const { batch } = await api.storage.session.get('batch');
  if (!batch || typeof batch !== 'object') return null;
  const outcomes = Object.entries(batch.outcomes ?? {}).map(([setting, o]) => ({ setting, ...o }));
  const total = Array.isArray(batch.steps) ? batch.steps.length : 0;
  return { kind: batch.kind, platform: batch.platform, status: batch.status, done: batch.index ?? 0, total, outcomes, message: batch.message ?? null };
}

// Host access first, inside the click's user gesture (no await before the request): Firefox lets
// people withhold it, and a run without it could read nothing.
function askAccess() {
  return lastMissing.length ? api.permissions.request({ origins: lastMissing }) : Promise.resolve(true);
}

// Which platforms' groups the person closed: a view preference, kept apart from the checklist.
const UI_KEY = 'popup';
async function collapsed() {
  const { [UI_KEY]: ui } = await api.storage.local.get(UI_KEY);
  return Array.isArray(ui?.collapsed) ? ui.collapsed.filter((p) => typeof p === 'string') : [];
}

async function onAction(action, subject, address) {
  if (action === 'toggle') {
    // The core already opened or closed the group in place; remember it for next time.
    const set = new Set(await collapsed());
    const open = document.querySelector(`[data-action="toggle"][data-platform="${CSS.escape(subject)}"]`)?.getAttribute('aria-expanded') === 'true';
    if (open) set.delete(subject); else set.add(subject);
    await api.storage.local.set({ [UI_KEY]: { collapsed: [...set] } });
  } else if (action === 'guide') {
    // The background opens or reuses a tab on the platform and starts the guide there.
    await api.runtime.sendMessage({ type: 'guide-start', setting: subject });
    if (!inTab) window.close();
  } else if (action === 'open') {
    await api.tabs.create({ url: address });
    if (!inTab) window.close();
  } else if (action === 'grant') {
    // Must run inside the click's user gesture: request before any other await.
    await api.permissions.request({ origins: wasm_bindgen.hostPatterns() });
    await render();
  } else if (action === 'dismiss-notice') {
    await api.runtime.sendMessage({ type: 'dismiss-notice' });
  } else if (action === 'check') {
    const granted = askAccess();
    confirming = null;
    if (!(await granted)) return render();
    await batchSend({ type: 'batch-check', platform: subject });
  } else if (action === 'turn-off-all') {
    confirming = subject;
    await render();
    document.querySelector(`[data-confirm="${CSS.escape(subject)}"] button`)?.focus();
  } else if (action === 'cancel') {
    confirming = null;
    await render();
    document.querySelector(`[data-action="turn-off-all"][data-platform="${CSS.escape(subject)}"]`)?.focus();
  } else if (action === 'confirm') {
    // The person's confirmation is the trusted gesture that authorises the run, for exactly the
    // settings the confirmation listed.
    const granted = askAccess();
    const button = document.querySelector(`[data-confirm="${CSS.escape(subject)}"] [data-action="confirm"]`);
    const settings = (button?.dataset.settings ?? '').split(' ').filter(Boolean);
    confirming = null;
    if (!(await granted)) return render();
    await batchSend({ type: 'batch-turn-off', platform: subject, settings });
  } else if (action === 'stop') {
    await batchSend({ type: 'batch-cancel' });
  }
}

async function batchSend(message) {
  const reply = await api.runtime.sendMessage(message);
  if (!reply?.ok) throw new Error(reply?.error ?? 'no reply from the background');
  document.getElementById('error').hidden = true;
  await render();
}

async function render() {
  const { checklist } = await api.storage.local.get('checklist');
  const env = { lang: api.i18n.getUILanguage(), missingHosts: await missingHosts(), collapsed: await collapsed(), batch: await batchRun(), confirming };
  wasm_bindgen.renderPopup(root, checklist, env, t, (...args) => {
    onAction(...args).catch(showError);
  });
  document.body.dataset.ready = 'true';
}

function showError(error) {
  const p = document.getElementById('error');
  p.textContent = t('popupError', [String(error?.message ?? error)]);
  p.hidden = false;
}

// A render at a time: storage changes come in bursts while a run goes (progress, then states).
let rendering = null;
let again = false;
function rerender() {
  if (rendering) {
    again = true;
    return;
  }
  rendering = render().catch(showError).finally(() => {
    rendering = null;
    if (again) {
      again = false;
      rerender();
    }
  });
}

wasm_bindgen({ module_or_path: api.runtime.getURL('core/optout_popup_bg.wasm') })
  .then(render)
  .catch(showError);
api.storage.onChanged.addListener((changes, area) => {
  if ((area === 'local' && changes.checklist) || (area === 'session' && changes.batch)) rerender();
});
