// OptOut options page, the platforms section: one switch per platform (a button with role="switch" and
// aria-checked, worked with Enter or Space like any button), as the background's `platforms-get` says.
// Switching one on first asks the browser for exactly its sites (permissions.request, the first await of
// the person's click: its user gesture), then tells the background (`platform-enable`); switching off
// is `platform-disable`. Which platforms, their sites and names all come from the background.
import { showError, t } from './options.js';

const api = globalThis.browser ?? globalThis.chrome;
const section = document.getElementById('platforms');
let platforms = {};
const rows = new Map(); // platform id → { button, status }

// A message to the background; its refusal is an error here.
async function send(message) {
  const reply = await api.runtime.sendMessage(message);
  if (!reply?.ok) throw new Error(reply?.error ?? 'no answer');
  return reply.value;
}

// A match pattern as a person reads it: `https://x.com/*` is `x.com`.
function siteText(pattern) {
  const bare = pattern.replace(/^https:\/\//, '').replace(/\*$/, '');
  return bare.endsWith('/') ? bare.slice(0, -1) : bare;
}

function el(tag, attrs = {}, text = null) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== null) e.textContent = text;
  return e;
}

// The switches are drawn once, then only their state changes: focus stays where the person left it.
function draw() {
  for (const [id, p] of Object.entries(platforms)) {
    let row = rows.get(id);
    if (!row) {
      const item = el('li', { 'data-platform': id });
      const button = el('button', { type: 'button', role: 'switch', id: `platform-switch-${id}`, 'aria-describedby': `platform-sites-${id}` }, p.name);
      const sites = el('p', { id: `platform-sites-${id}`, class: 'sites' }, t('optionsPlatformSites', [p.hosts.map(siteText).join(', ')]));
      const status = el('p', { class: 'status', role: 'status' });
      button.addEventListener('click', (event) => {
        if (event.isTrusted) flip(id, status).catch(showError);
      });
      item.append(button, sites, status);
      list.append(item);
      row = { button, status };
      rows.set(id, row);
    }
    row.button.setAttribute('aria-checked', p.enabled ? 'true' : 'false');
  }
}

async function flip(id, status) {
  const p = platforms[id];
  status.textContent = '';
  if (!p.enabled) {
    // First: the browser's own question, inside the click's gesture.
    const granted = await api.permissions.request({ origins: p.hosts });
    if (!granted) {
      status.textContent = t('optionsPlatformDeclined', [p.name]);
      return;
    }
    await send({ type: 'platform-enable', platform: id });
  } else {
    await send({ type: 'platform-disable', platform: id });
  }
  await refresh();
}

async function refresh() {
  platforms = (await send({ type: 'platforms-get' })) ?? {};
  draw();
  section.dataset.ready = 'true';
}

const list = el('ul', { class: 'platforms' });

// Started once options.js (which this module imports, and which imports this one) has run.
queueMicrotask(() => {
  section.append(el('p', { class: 'sub' }, t('optionsPlatformsIntro')), list);
  refresh().catch(showError);
  // The popup or the browser's own settings may switch a platform meanwhile.
  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.platforms) refresh().catch(showError);
  });
  api.permissions.onAdded.addListener(() => refresh().catch(showError));
  api.permissions.onRemoved.addListener(() => refresh().catch(showError));
});
