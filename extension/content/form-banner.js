// Owns the banner on an objection form's page (Meta): what the form is for, what to write, and a
// suggested text to copy on the person's click. OptOut never fills in or submits the form.
import { act, closingButtons, currentBanner, drawnBy, ensureBanner } from './banner.js';
import { h, t } from './ui.js';

export function renderFormBanner(form, corePath) {
  drawnBy(() => renderFormBanner(form, corePath));
  const key = JSON.stringify([location.href, form.form]);
  const shown = currentBanner();
  if (shown?.host.isConnected && shown.key === key) return;
  const banner = ensureBanner(corePath);
  banner.key = key;
  const text = h('textarea', { rows: '7', 'aria-label': t('formSuggested'), 'data-optout-suggested': '' });
  text.value = form.suggested_text;
  const status = h('p', { class: 'msg', role: 'status', 'data-optout-copy-status': '' });
  // The copy reads these very elements, never what a query inside the shadow root would find.
  const copy = () => copySuggested(banner, text, status);
  banner.shell.edit(() => {
    banner.box.classList.add('safe');
    banner.box.replaceChildren(
      h('h2', {}, t('formBannerTitle', [form.platform])),
      h('p', {}, form.summary),
      h('p', {}, form.what_to_write),
      h('p', {}, h('strong', {}, t('formSuggested'))),
      text,
      status,
      h('p', {}, t('formNeverFilled')),
      h('div', { class: 'row' }, act('copy', t('copyText'), copy, { primary: true }), ...closingButtons()),
    );
  });
}

// Copies the suggested text on the person's click. The clipboard API can be refused (permissions
// policy, focus); then the legacy copy of the selected text; else the text stays selected for Ctrl+C.
async function copySuggested(banner, area, status) {
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
  if (currentBanner() !== banner) return;
  banner.shell.edit(() => {
    status.className = copied ? 'msg good' : 'msg';
    status.textContent = t(copied ? 'copied' : 'copyManual');
  });
}
