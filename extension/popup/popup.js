// OptOut popup: loads the core and lets it render the checklist (Rust, web-sys) from local storage.
// This file only reaches the browser APIs: storage, permissions, tabs and i18n.
'use strict';

const api = globalThis.browser ?? globalThis.chrome;
const t = (key, subs) => api.i18n.getMessage(key, subs ?? []) || key;
const root = document.getElementById('checklist');
const inTab = new URLSearchParams(location.search).get('view') === 'tab';

for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
document.documentElement.lang = api.i18n.getUILanguage();

// The platforms and whether each is on (the background's answer, platform-access.js), as of the last
// render: a click asks the browser for these very sites before anything else (its user gesture).
let platforms = {};

// The sites asked for at install that the browser does not grant (Firefox lets people withhold them).
const missingHosts = () => Object.values(platforms).filter((p) => p.atInstall && !p.granted).flatMap((p) => p.hosts);
let lastMissing = []; // the host access the browser withholds, as of the last render

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
    await api.permissions.request({ origins: missingHosts() });
    await render();
  } else if (action === 'enable') {
    // The browser asks the person for exactly this platform's sites: the first await of the click (its
    // user gesture). Then the background checks the grant, keeps the choice and registers the script.
    const granted = await api.permissions.request({ origins: platforms[subject]?.hosts ?? [] });
    if (granted) await send({ type: 'platform-enable', platform: subject });
    await render();
  } else if (action === 'copy') {
    await copyFromCard(address);
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

// An email request's address or subject, copied on the person's click (OptOut writes and sends no
// email). The clipboard API can be refused; then the text is selected in the card for Ctrl+C.
async function copyFromCard(text) {
  const status = root.querySelector('[data-copy-status]');
  let copied;
  try {
    await navigator.clipboard.writeText(text);
    copied = true;
  } catch {
    const shown = [...root.querySelectorAll('[data-email] code')].find((code) => code.textContent === text);
    if (shown) getSelection().selectAllChildren(shown);
    try { copied = document.execCommand('copy'); } catch { copied = false; }
  }
  if (status) {
    status.className = copied ? 'msg good' : 'msg';
    status.textContent = t(copied ? 'copiedEmail' : 'copyManual');
  }
}

// A message to the background; its refusal is an error here.
async function send(message) {
  const reply = await api.runtime.sendMessage(message);
  if (!reply?.ok) throw new Error(reply?.error ?? 'no answer');
  return reply.value;
}

async function batchSend(message) {
  const reply = await api.runtime.sendMessage(message);
  if (!reply?.ok) throw new Error(reply?.error ?? 'no reply from the background');
  document.getElementById('error').hidden = true;
  await render();
}

async function render() {
  const { checklist } = await api.storage.local.get('checklist');
  // The platforms whose re-check is due, as the background's reminders last found them.
  const { reminders } = await api.storage.session.get('reminders');
  const due = Array.isArray(reminders?.due) ? reminders.due : [];
  platforms = (await send({ type: 'platforms-get' })) ?? {};
  const access = Object.entries(platforms).map(([id, p]) => ({ id, enabled: p.enabled, hosts: p.hosts }));
  lastMissing = missingHosts();
  const env = {
    lang: api.i18n.getUILanguage(), missingHosts: lastMissing, collapsed: await collapsed(), due, platforms: access,
    batch: await batchRun(), confirming,
  };
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
  if ((area === 'local' && (changes.checklist || changes.platforms)) || (area === 'session' && (changes.reminders || changes.batch))) rerender();
});
