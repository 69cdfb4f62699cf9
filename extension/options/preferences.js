// The options page's Preferences section: the on-page banner on or off (storage.local
// `preferences.banner`, default on) and the reminder interval (`preferences.reminderDays`: 0 = off,
// 7, 30 or 90; default 30). Native controls (a checkbox, a group of radio buttons), each labelled and
// worked from the keyboard; each change is saved at once and said so in a polite status.
import { showError, t } from './options.js';

const api = globalThis.browser ?? globalThis.chrome;
const section = document.getElementById('preferences');
const DAYS = [0, 7, 30, 90];
const DEFAULTS = { banner: true, reminderDays: 30 };

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) el.setAttribute(k, v);
  el.append(...children.filter((c) => c != null));
  return el;
}

// What storage holds, each field read as its default when it is not one of the offered values.
function read(stored) {
  return {
    banner: typeof stored?.banner === 'boolean' ? stored.banner : DEFAULTS.banner,
    reminderDays: DAYS.includes(stored?.reminderDays) ? stored.reminderDays : DEFAULTS.reminderDays,
  };
}

async function render() {
  const { preferences } = await api.storage.local.get('preferences');
  let prefs = read(preferences);
  const status = h('p', { class: 'status', role: 'status', 'data-preferences-status': '' });
  const save = async (change) => {
    prefs = { ...prefs, ...change };
    await api.storage.local.set({ preferences: prefs });
    status.textContent = t('preferencesSaved');
  };

  const banner = h('input', { type: 'checkbox', id: 'pref-banner', 'data-preference': 'banner', 'aria-describedby': 'pref-banner-help' });
  banner.checked = prefs.banner;
  banner.addEventListener('change', () => save({ banner: banner.checked }).catch(showError));
  const bannerRow = h('div', { class: 'field' },
    banner, ' ', h('label', { for: 'pref-banner' }, t('preferenceBanner')),
    h('p', { class: 'help', id: 'pref-banner-help' }, t('preferenceBannerHelp')));

  const group = h('fieldset', { 'data-preference': 'reminderDays', 'aria-describedby': 'pref-reminder-help' }, h('legend', {}, t('preferenceReminder')));
  for (const days of DAYS) {
    const id = `pref-reminder-${days}`;
    const radio = h('input', { type: 'radio', name: 'reminderDays', id, value: String(days) });
    radio.checked = prefs.reminderDays === days;
    radio.addEventListener('change', () => { if (radio.checked) save({ reminderDays: days }).catch(showError); });
    group.append(h('div', { class: 'choice' }, radio, ' ', h('label', { for: id }, days ? t('reminderDays', [String(days)]) : t('reminderOff'))));
  }
  group.append(h('p', { class: 'help', id: 'pref-reminder-help' }, t('preferenceReminderHelp')));

  section.append(bannerRow, group, status);
  section.dataset.ready = 'true';
}

Promise.resolve().then(render).catch(showError);
