// Owns the on-page banner: its one host element (data-optout-banner, content in an open shadow root,
// data-optout-core saying which path evaluated), the settings banner drawn from the plan, Dismiss,
// and the dispatch of its buttons, on trusted clicks only.
import BANNER_CSS from './banner.css';
import { failed, send } from './core-bridge.js';
import { elementOf, isFact } from './marks.js';
import { showMe, turnOff, verification } from './turn-off.js';
import { copySuggested, renderFormBanner } from './form-banner.js';
import { button, h, t } from './ui.js';

let banner = null; // { host, box, key }
let dismissedFor = null; // the URL where the person dismissed it

export const currentBanner = () => banner;
export const bannerHost = () => banner?.host;

// A new URL: the banner may show again.
export function undismiss() {
  dismissedFor = null;
}

export function ensureBanner(corePath) {
  if (banner?.host.isConnected) {
    if (corePath && banner.host.getAttribute('data-optout-core') !== corePath) banner.host.setAttribute('data-optout-core', corePath);
    return banner;
  }
  const host = document.createElement('optout-banner');
  host.setAttribute('data-optout-banner', '');
  host.setAttribute('data-optout-core', corePath ?? 'content');
  // CSSOM, not a style attribute: allowed under any page CSP.
  for (const [k, v] of [['position', 'fixed'], ['right', '16px'], ['bottom', '16px'], ['z-index', '2147483647'], ['display', 'block']]) {
    host.style.setProperty(k, v, 'important');
  }
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = BANNER_CSS;
  root.append(style);
  const box = document.createElement('div');
  box.className = 'box';
  box.setAttribute('role', 'region');
  box.setAttribute('aria-label', t('extName'));
  root.append(box);
  root.addEventListener('click', onBannerClick);
  document.documentElement.append(host); // not <body>: pages replace it
  banner = { host, box };
  return banner;
}

export function removeBanner() {
  banner?.host.remove();
  banner = null;
}

function onBannerClick(event) {
  // Only the person's own clicks count: page scripts can dispatch events on our elements too.
  if (!event.isTrusted) return;
  const target = event.target.closest?.('[data-optout-action]');
  if (!target) return;
  const action = target.getAttribute('data-optout-action');
  const setting = target.getAttribute('data-optout-setting');
  if (action === 'turn-off') turnOff(setting);
  else if (action === 'show') showMe(setting);
  else if (action === 'dismiss') { dismissedFor = location.href; removeBanner(); }
  else if (action === 'checklist') send({ type: 'open-checklist' }).catch(() => {});
  else if (action === 'copy') copySuggested();
  else if (action === 'guide') send({ type: 'guide-start', setting, here: true }).catch((e) => failed('OptOut:', e));
}

function settingBlock(f, plan) {
  const v = verification(f.setting);
  const state = f.status === 'opted-in'
    ? h('span', { class: 'tag in' }, t('stateOptedIn'))
    : f.status === 'opted-out' ? h('span', { class: 'tag out' }, t('stateOptedOut')) : null;
  const block = h('section', { 'data-optout-setting': f.setting }, h('h3', {}, f.title, state));
  if (f.status === 'opted-in' || f.status === 'opted-out') {
    block.append(h('p', {}, f.effect), h('p', {}, f.off_effect));
    for (const note of f.notes) block.append(h('p', { class: 'note', 'data-optout-note': '' }, h('strong', {}, t('pageNoteHeading')), ' ', note));
    if (plan.objection_form && f.status === 'opted-in') {
      block.append(h('p', {}, h('a', { href: plan.objection_form, target: '_blank', rel: 'noopener noreferrer' }, t('objectionForm'))));
    }
  } else {
    const key = { unavailable: 'notAvailable', 'not-found': 'notFound', ambiguous: 'ambiguous' }[f.status];
    if (key) block.append(h('p', {}, t(key)));
  }
  if (v?.phase === 'saving') block.append(h('p', { class: 'msg', role: 'status' }, t('turningOff')));
  // Only what the page shows now (read back); whether the site kept it is for the next load to tell.
  else if (v?.phase === 'done' && f.status === 'opted-out') block.append(h('p', { class: 'msg good', role: 'status', 'data-verified': 'read-back' }, t('turnOffShown')));
  else if (v?.phase === 'failed') block.append(h('p', { class: 'msg bad', role: 'alert' }, v.message));
  const actions = h('div', { class: 'row' });
  if (f.can_turn_off && v?.phase !== 'saving') actions.append(button('turn-off', t('turnOff'), f.setting, true));
  if (f.status === 'not-found' || f.status === 'ambiguous') actions.append(button('guide', t('guide'), f.setting));
  if (elementOf(f)) actions.append(button('show', t('showMe'), f.setting));
  if (actions.childElementCount) block.append(actions);
  return block;
}

export function renderBanner(plan, corePath) {
  if (!plan || dismissedFor === location.href) return;
  if (plan.form) return renderFormBanner(plan.form, corePath);
  const findings = plan.findings.filter((f) => f.status !== 'pending');
  const category = plan.page.kind === 'category';
  if (!findings.length || (category && !findings.some((f) => isFact(f.status)))) return removeBanner();
  // Everything the banner shows comes from these; when they are as last time, there is nothing to build.
  const key = JSON.stringify([location.href, findings.map((f) => [f.setting, f.status, f.can_turn_off, !!elementOf(f), verification(f.setting)])]);
  if (banner?.host.isConnected && banner.key === key) return;
  const { box } = ensureBanner(corePath);
  banner.key = key;
  const exposed = findings.filter((f) => f.status === 'opted-in');
  box.classList.toggle('safe', exposed.length === 0);
  const content = [];
  if (category) {
    const known = findings.filter((f) => isFact(f.status));
    content.push(h('h2', {}, t('categorySummary', [String(exposed.length), String(known.length)])));
    if (exposed.length) {
      content.push(h('ul', {}, ...exposed.map((f) => h('li', { 'data-optout-setting': f.setting }, h('a', { href: f.address }, f.title), ' ', button('guide', t('guide'), f.setting)))));
    }
  } else {
    content.push(h('h2', {}, t('bannerTitle')), ...findings.map((f) => settingBlock(f, plan)));
  }
  content.push(h('div', { class: 'row' }, button('checklist', t('allSettings')), button('dismiss', t('dismiss'))));
  // Re-render only when something visible changed, so focus and screen readers are not disturbed.
  const next = box.cloneNode(false);
  next.append(...content);
  if (next.isEqualNode(box)) return;
  box.replaceChildren(...next.childNodes);
}
