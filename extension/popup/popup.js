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

async function render() {
  const { checklist } = await api.storage.local.get('checklist');
  // The platforms whose re-check is due, as the background's reminders last found them.
  const { reminders } = await api.storage.session.get('reminders');
  const due = Array.isArray(reminders?.due) ? reminders.due : [];
  platforms = (await send({ type: 'platforms-get' })) ?? {};
  const access = Object.entries(platforms).map(([id, p]) => ({ id, enabled: p.enabled, hosts: p.hosts }));
  const env = { lang: api.i18n.getUILanguage(), missingHosts: missingHosts(), collapsed: await collapsed(), due, platforms: access };
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

wasm_bindgen({ module_or_path: api.runtime.getURL('core/optout_popup_bg.wasm') })
  .then(render)
  .catch(showError);
api.storage.onChanged.addListener((changes, area) => {
  if ((area === 'local' && (changes.checklist || changes.platforms)) || (area === 'session' && changes.reminders)) render().catch(showError);
});
