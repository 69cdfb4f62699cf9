// The options page's History section: every state OptOut read and every change it saw, newest first,
// as rows [data-receipt] (data-setting, data-from, data-to, data-at in ISO 8601, data-verified); the
// exports, JSON and CSV (the core writes the CSV), downloaded from an object URL made here (no network
// request); and clearing it, after a confirmation. The history itself is the background's.
import { showError, t } from './options.js';

const api = globalThis.browser ?? globalThis.chrome;
const section = document.getElementById('history');
const lang = api.i18n.getUILanguage();

async function ask(message) {
  const reply = await api.runtime.sendMessage(message);
  if (!reply?.ok) throw new Error(reply?.error ?? 'no reply from the background');
  return reply.value;
}

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) el.setAttribute(k, v);
  el.append(...children.filter((c) => c != null));
  return el;
}

const STATE_KEYS = { 'opted-in': 'stateOptedIn', 'opted-out': 'stateOptedOut', unavailable: 'stateUnavailable', unknown: 'stateUnknown' };
const VERIFIED_KEYS = { 'read-back': 'historyReadBack', 'fresh-load': 'historyFreshLoad' };
const when = (iso) => h('time', { datetime: iso }, new Date(iso).toLocaleString(lang));

// Saves `text` as a file, from an object URL of this page (nothing leaves the device).
function download(text, type, extension) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: `optout-history-${new Date().toISOString().slice(0, 10)}.${extension}` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

let view = null; // what the background last answered: { receipts, notice, csv, titles }
let body = null; // the section's content below its heading

function row(r, titles) {
  const reads = r.reads > 1 ? h('span', { class: 'reads' }, ' ', t('historyReads', [String(r.reads), new Date(r.last_at).toLocaleString(lang)])) : null;
  return h('tr', { 'data-receipt': '', 'data-setting': r.setting, 'data-from': r.from, 'data-to': r.to, 'data-at': r.at, 'data-verified': r.verified },
    h('th', { scope: 'row' }, titles[r.setting] ?? r.setting),
    h('td', {}, t(STATE_KEYS[r.from])),
    h('td', {}, t(STATE_KEYS[r.to])),
    h('td', {}, when(r.at), reads),
    h('td', {}, t(VERIFIED_KEYS[r.verified])));
}

function confirmClear(trigger) {
  const cancel = h('button', { type: 'button', 'data-action': 'cancel' }, t('cancel'));
  const confirm = h('button', { type: 'button', class: 'danger', 'data-action': 'confirm' }, t('historyClearConfirm'));
  const box = h('div', { class: 'confirm', role: 'group', 'aria-labelledby': 'clear-question', 'data-confirm': 'clear-history' },
    h('p', { id: 'clear-question' }, t('historyClearQuestion', [String(view.receipts.length)])), confirm, cancel);
  const close = () => {
    box.remove();
    trigger.focus();
  };
  cancel.addEventListener('click', close);
  box.addEventListener('keydown', (e) => { if (e.key === 'Escape') close(); });
  confirm.addEventListener('click', () => {
    ask({ type: 'history-clear' }).then(() => render(t('historyCleared'))).catch(showError);
  });
  trigger.after(box);
  cancel.focus();
}

async function render(status) {
  view = await ask({ type: 'history-get' });
  const titles = Object.fromEntries(view.titles);
  const next = h('div', { class: 'history' });
  if (view.notice) {
    const ok = h('button', { type: 'button', 'data-action': 'dismiss-history-notice' }, t('ok'));
    ok.addEventListener('click', () => ask({ type: 'history-dismiss-notice' }).then(() => render()).catch(showError));
    next.append(h('p', { class: 'notice', role: 'status', 'data-notice': view.notice }, t(view.notice === 'reset' ? 'historyNoticeReset' : 'historyNoticePartial'), ' ', ok));
  }
  next.append(h('p', { class: 'sub' }, t('historyAbout')));
  const exportJson = h('button', { type: 'button', 'data-action': 'export-json' }, t('historyExportJson'));
  const exportCsv = h('button', { type: 'button', 'data-action': 'export-csv' }, t('historyExportCsv'));
  const clear = h('button', { type: 'button', 'data-action': 'clear-history' }, t('historyClear'));
  exportJson.addEventListener('click', () => download(`${JSON.stringify(view.receipts, null, 2)}\n`, 'application/json', 'json'));
  exportCsv.addEventListener('click', () => download(view.csv, 'text/csv;charset=utf-8', 'csv'));
  clear.addEventListener('click', () => { if (!section.querySelector('[data-confirm]')) confirmClear(clear); });
  const empty = view.receipts.length === 0;
  for (const b of [exportJson, exportCsv, clear]) b.disabled = empty;
  next.append(h('div', { class: 'row' }, exportJson, exportCsv, clear));
  next.append(h('p', { class: 'status', role: 'status', tabindex: '-1', 'data-history-status': '' }, status ?? ''));
  if (empty) {
    next.append(h('p', { 'data-history-empty': '' }, t('historyEmpty')));
  } else {
    const head = h('tr', {}, ...['historySetting', 'historyFrom', 'historyTo', 'historyWhen', 'historyVerified'].map((k) => h('th', { scope: 'col' }, t(k))));
    next.append(h('div', { class: 'table', tabindex: '0', role: 'region', 'aria-labelledby': 'history-heading' },
      h('table', {}, h('caption', {}, t('historyCount', [String(view.receipts.length)])), h('thead', {}, head),
        h('tbody', {}, ...view.receipts.map((r) => row(r, titles))))));
  }
  // The focused button survives a re-render as the same action.
  const focused = document.activeElement?.closest?.('#history [data-action]')?.dataset.action;
  if (body) body.replaceWith(next); else section.append(next);
  body = next;
  if (focused) (next.querySelector(`[data-action="${focused}"]:not(:disabled)`) ?? next.querySelector('[data-history-status]')).focus();
  section.dataset.ready = 'true';
}

Promise.resolve().then(() => render()).catch(showError);
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes.history && !section.querySelector('[data-confirm]')) render().catch(showError);
});
