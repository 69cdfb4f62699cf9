// OptOut options page: the page's texts in the browser's language, and its sections, each owned by a
// module of its own (platforms, preferences, history). This file only starts them.
import './platforms.js';

const api = globalThis.browser ?? globalThis.chrome;
export const t = (key, subs) => api.i18n.getMessage(key, subs ?? []) || key;

for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
document.documentElement.lang = api.i18n.getUILanguage();

// A section that fails says so, in the page's alert, and the others go on.
export function showError(error) {
  const p = document.getElementById('error');
  p.textContent = t('popupError', [String(error?.message ?? error)]);
  p.hidden = false;
}

document.body.dataset.ready = 'true';

// The sections' modules (each waits for this module to finish before it draws).
import './preferences.js';
import './history.js';
