// Owns the banner on an objection form's page (Meta): what the form is for, what to write, and a
// suggested text to copy on the person's click. OptOut never fills in or submits the form.
import { currentBanner, ensureBanner } from './banner.js';
import { button, h, t } from './ui.js';

export function renderFormBanner(form, corePath) {
  const key = JSON.stringify([location.href, form.form]);
  const shown = currentBanner();
  if (shown?.host.isConnected && shown.key === key) return;
  const banner = ensureBanner(corePath);
  banner.key = key;
  const { box } = banner;
  box.classList.add('safe');
  const text = h('textarea', { rows: '7', 'aria-label': t('formSuggested'), 'data-optout-suggested': '' });
  text.value = form.suggested_text;
  box.replaceChildren(
    h('h2', {}, t('formBannerTitle', [form.platform])),
    h('p', {}, form.summary),
    h('p', {}, form.what_to_write),
    h('p', {}, h('strong', {}, t('formSuggested'))),
    text,
    h('p', { class: 'msg', role: 'status', 'data-optout-copy-status': '' }),
    h('p', {}, t('formNeverFilled')),
    h('div', { class: 'row' }, button('copy', t('copyText'), null, true), button('checklist', t('allSettings')), button('dismiss', t('dismiss'))),
  );
}

// Copies the suggested text on the person's click. The clipboard API can be refused (permissions
// policy, focus); then the legacy copy of the selected text; else the text stays selected for Ctrl+C.
export async function copySuggested() {
  const box = currentBanner()?.box;
  const area = box?.querySelector('[data-optout-suggested]');
  const status = box?.querySelector('[data-optout-copy-status]');
  if (!area || !status) return;
  let copied = false;
  try {
    await navigator.clipboard.writeText(area.value);
    copied = true;
  } catch {
    area.focus();
    area.select();
    try { copied = document.execCommand('copy'); } catch { copied = false; }
  }
  if (!copied) { area.focus(); area.select(); }
  status.className = copied ? 'msg good' : 'msg';
  status.textContent = t(copied ? 'copied' : 'copyManual');
}
