// Owns the on-page banner: its one host element (data-optout-banner, a plain <div>, content in an open
// shadow root, data-optout-core saying which path evaluated), the settings banner drawn from the plan,
// Dismiss, and its buttons, each bound to its own action and run on the person's own click only. A
// banner the page tampered with is drawn anew (shell.js).
import BANNER_CSS from './banner.css';
import { failed, send } from './core-bridge.js';
import { elementOf, isFact } from './marks.js';
import { showMe, turnOff, verification } from './turn-off.js';
import { renderFormBanner } from './form-banner.js';
import { createShell } from './shell.js';
import { button, h, t, UI_LANG } from './ui.js';
import { bannerWanted, driftOf } from './preferences.js';
import { guideRunning } from './guide.js';
import { saveButtonFor, unsavedButton } from './save-button.js';

let banner = null; // { host, box, key, shell, placing }
let dismissedFor = null; // the URL where the person dismissed it
let redraw = null; // draws again what the banner last showed (after a rebuild)

export const currentBanner = () => banner;
export const bannerHost = () => banner?.host;

// A new URL: the banner may show again.
export function undismiss() {
  dismissedFor = null;
}

// What the banner shows is drawn by `draw`, again whenever the banner has to be rebuilt.
export function drawnBy(draw) {
  redraw = draw;
}

export function ensureBanner(corePath) {
  // A tampered banner stays (its actions stopped) until its paused rebuild: drawing on it is harmless.
  if (banner?.host.isConnected) {
    if (corePath && banner.host.getAttribute('data-optout-core') !== corePath) banner.shell.edit(() => banner.host.setAttribute('data-optout-core', corePath));
    return banner;
  }
  removeBanner();
  const shell = createShell({
    attr: 'data-optout-banner',
    css: BANNER_CSS,
    place: [['position', 'fixed'], ['right', '16px'], ['bottom', '16px'], ['z-index', '2147483647'], ['display', 'block']],
    rebuild: () => {
      const again = redraw;
      removeBanner();
      again?.();
    },
  });
  const box = h('div', { class: 'box', role: 'region', 'aria-label': t('extName') });
  shell.edit(() => {
    shell.host.setAttribute('data-optout-core', corePath ?? 'content');
    shell.root.append(box);
  });
  banner = { host: shell.host, box, shell, key: null };
  return banner;
}

export function removeBanner() {
  banner?.shell.dispose();
  banner = null;
}

// The banner's actions, each bound to its own button, and run only while the banner is OptOut's own.
export function act(action, label, run, options) {
  return button(action, label, banner.shell.guard(run), options);
}

function dismiss() {
  dismissedFor = location.href;
  removeBanner();
}

export const openChecklist = () => send({ type: 'open-checklist' }).catch(() => {});
const startGuide = (setting) => send({ type: 'guide-start', setting, here: true }).catch((e) => failed('OptOut:', e));

// Where "on" protects (Tumblr's "Prevent third-party sharing"), the banner speaks of turning the
// protection on: a button saying "Turn off" while it switches something on would mislead.
const TEXTS = {
  off: { protectedTag: 'stateOptedOut', action: 'turnOff', saving: 'turningOff', shown: 'turnOffShown' },
  on: { protectedTag: 'stateProtectedOn', action: 'turnOn', saving: 'turningOn', shown: 'turnOnShown' },
};
const textsOf = (f) => TEXTS[f.protective === 'on' ? 'on' : 'off'];

// How many of a setting's blogs or sites on this page expose the person.
function instancesLine(f) {
  if (!f.instances?.length || (f.per !== 'per-blog' && f.per !== 'per-site')) return null;
  const exposed = f.instances.filter((i) => i.status === 'opted-in').length;
  const key = f.per === 'per-blog' ? 'instancesBlogs' : 'instancesSites';
  return h('p', { 'data-optout-instances': String(f.instances.length), 'data-optout-exposed': String(exposed) }, t(key, [String(exposed), String(f.instances.length)]));
}

function settingBlock(f, plan) {
  const v = verification(f.setting);
  const texts = textsOf(f);
  const state = f.status === 'opted-in'
    ? h('span', { class: 'tag in' }, t('stateOptedIn'))
    : f.status === 'opted-out' ? h('span', { class: 'tag out' }, t(texts.protectedTag)) : null;
  const block = h('section', { 'data-optout-setting': f.setting }, h('h3', {}, f.title, state));
  // The platform turned it back on after a page had shown it off (the history knows since when).
  const drift = f.status === 'opted-in' ? driftOf(f.setting) : null;
  if (drift) block.append(h('p', { class: 'msg bad', 'data-optout-drift': 'turned-back-on' }, t('bannerTurnedBackOn', [new Date(drift.off).toLocaleDateString(UI_LANG)])));
  const instances = instancesLine(f);
  if (instances) block.append(instances);
  if (f.status === 'opted-in' || f.status === 'opted-out') {
    block.append(h('p', {}, f.effect), h('p', {}, f.off_effect));
    for (const note of f.notes) block.append(h('p', { class: 'note', 'data-optout-note': '' }, h('strong', {}, t('pageNoteHeading')), ' ', note));
    // Shown, not saved: the site keeps it only once its own button is pressed.
    const unsaved = v?.phase !== 'saving' && unsavedButton(f);
    if (unsaved) block.append(h('p', { class: 'msg bad', 'data-optout-unsaved': unsaved }, t('unsavedChange', [unsaved])));
    if (plan.objection_form && f.status === 'opted-in') {
      block.append(h('p', {}, h('a', { href: plan.objection_form, target: '_blank', rel: 'noopener noreferrer' }, t('objectionForm'))));
    }
  } else {
    const key = { unavailable: 'notAvailable', 'not-found': 'notFound', ambiguous: 'ambiguous' }[f.status];
    if (key) block.append(h('p', {}, t(key)));
  }
  if (v?.phase === 'saving') block.append(h('p', { class: 'msg', role: 'status' }, t(texts.saving)));
  // Only what the page shows now (read back); whether the site kept it is for the next load to tell.
  else if (v?.phase === 'done' && f.status === 'opted-out') block.append(h('p', { class: 'msg good', role: 'status', 'data-verified': 'read-back' }, t(texts.shown)));
  else if (v?.phase === 'failed') block.append(h('p', { class: 'msg bad', role: 'alert' }, v.message));
  const actions = h('div', { class: 'row' });
  const setting = f.setting;
  if (f.can_turn_off && v?.phase !== 'saving') actions.append(act('turn-off', t(texts.action), () => turnOff(setting), { setting, primary: true }));
  if (f.status === 'not-found' || f.status === 'ambiguous') actions.append(act('guide', t('guide'), () => startGuide(setting), { setting }));
  if (elementOf(f)) actions.append(act('show', t('showMe'), () => showMe(setting), { setting }));
  if (actions.childElementCount) block.append(actions);
  return block;
}

export function renderBanner(plan, corePath) {
  if (!plan || dismissedFor === location.href) return;
  // The person turned the banner off (options): none, unless a guide they started needs its Turn off.
  if (!bannerWanted() && !guideRunning()) return removeBanner();
  if (banner?.host.isConnected) banner.shell.followTheme();
  if (plan.form) return renderFormBanner(plan.form, corePath);
  drawnBy(() => renderBanner(plan, corePath));
  // A setting still rendering is not shown, unless a Turn off of it has an outcome to tell.
  const findings = plan.findings.filter((f) => f.status !== 'pending' || verification(f.setting));
  const category = plan.page.kind === 'category';
  if (!findings.length || (category && !findings.some((f) => isFact(f.status)))) return removeBanner();
  // Everything the banner shows comes from these; when they are as last time, there is nothing to build.
  const key = JSON.stringify([location.href, findings.map((f) => [f.setting, f.status, f.can_turn_off, !!elementOf(f), verification(f.setting), driftOf(f.setting), f.instances?.map((i) => i.status), unsavedButton(f)])]);
  if (banner?.host.isConnected && banner.key === key) return;
  const { box, shell } = ensureBanner(corePath);
  banner.key = key;
  const exposed = findings.filter((f) => f.status === 'opted-in');
  const content = [];
  if (category) {
    const known = findings.filter((f) => isFact(f.status));
    content.push(h('h2', {}, t('categorySummary', [String(exposed.length), String(known.length)])));
    if (exposed.length) {
      content.push(h('ul', {}, ...exposed.map((f) => h('li', { 'data-optout-setting': f.setting }, h('a', { href: f.address }, f.title), ' ', act('guide', t('guide'), () => startGuide(f.setting), { setting: f.setting })))));
    }
  } else {
    content.push(h('h2', {}, t('bannerTitle')), ...findings.map((f) => settingBlock(f, plan)));
  }
  content.push(h('div', { class: 'row' }, ...closingButtons()));
  // Re-render only when something visible changed, so focus and screen readers are not disturbed.
  const next = h('div', { class: box.className }, ...content);
  next.classList.toggle('safe', exposed.length === 0);
  if (next.isEqualNode(box)) return;
  shell.edit(() => {
    box.className = next.className;
    box.replaceChildren(...next.childNodes);
  });
  // Placed again only when what it must keep clear of may have moved: another page, another setting shown,
  // a save button asked for or not (not on every change of state: each look costs a layout).
  const placing = JSON.stringify([location.href, findings.map((f) => [f.setting, !!unsavedButton(f), f.instances?.length ?? 0])]);
  if (banner.placing !== placing) {
    banner.placing = placing;
    // At the next frame, when the browser lays the page out anyway: never on the way to the marks.
    const placed = banner;
    requestAnimationFrame(() => { if (banner === placed && placed.placing === placing) keepClear(findings); });
  }
}

// The banner never sits on what it asks the person to look at or press: where, in its corner, it
// covers a marked control or the save button it asks for (a small window), it goes to the first other
// corner (bottom right, top right, bottom left, top left) clear of both, else of the button; where
// every corner covers the button, it stays in its own.
const CORNERS = [['bottom', 'right'], ['top', 'right'], ['bottom', 'left'], ['top', 'left']];
function keepClear(findings) {
  const buttons = findings.map((f) => (unsavedButton(f) && elementOf(f) ? saveButtonFor(elementOf(f), f.save) : null)).filter(Boolean);
  const controls = findings.flatMap((f) => (f.instances?.length ? f.instances : [f]).map(elementOf)).filter(Boolean);
  if (!(buttons.length + controls.length) || !banner) return;
  const { host, shell } = banner;
  const place = ([y, x]) => shell.edit(() => {
    for (const [edge, other] of [[y, y === 'top' ? 'bottom' : 'top'], [x, x === 'left' ? 'right' : 'left']]) {
      host.style.setProperty(edge, '16px', 'important');
      host.style.setProperty(other, 'auto', 'important');
    }
    host.setAttribute('data-optout-corner', `${y}-${x}`);
  });
  // Which of the elements the banner covers where it is now (each look after a move costs a layout).
  const covering = () => {
    const b = host.getBoundingClientRect();
    const under = (el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > b.top;
    };
    return { button: buttons.some(under), control: controls.some(under) };
  };
  const here = covering();
  if (!here.button && !here.control) return; // where it is, it hides nothing: it stays
  let firstClearOfButton = null;
  for (const corner of CORNERS) {
    place(corner);
    const c = covering();
    if (!c.button && !c.control) return;
    firstClearOfButton ??= c.button ? null : corner;
  }
  place(firstClearOfButton ?? CORNERS[0]);
}

// The buttons every banner ends with.
export const closingButtons = () => [act('checklist', t('allSettings'), openChecklist), act('dismiss', t('dismiss'), dismiss)];
