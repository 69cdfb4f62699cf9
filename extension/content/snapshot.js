// Owns the snapshot: the candidates the core's probes select, each described by its accessible
// structure (role, accessible name, state, keys, text) and where it is (whether a person can see it,
// whether it is in the page's main content), plus what the page says around them. The core decides.
import { UI_LANG } from './ui.js';

export const clean = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

// An element's text with its text nodes joined by spaces: `<span>Label</span><span>On</span>` reads
// "Label On" (textContent would glue them), without innerText's forced layout.
function textOf(el) {
  const parts = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) parts.push(walker.currentNode.nodeValue);
  return clean(parts.join(' '));
}

function accessibleName(el) {
  const ids = el.getAttribute('aria-labelledby');
  if (ids) {
    const text = clean(ids.split(/\s+/).map((id) => { const ref = document.getElementById(id); return ref ? textOf(ref) : ''; }).join(' '));
    if (text) return text;
  }
  const label = clean(el.getAttribute('aria-label'));
  if (label) return label;
  if (el.labels?.length) return clean([...el.labels].map(textOf).join(' '));
  // A fieldset is named by its legend, not by all the text of its radios.
  if (el instanceof HTMLFieldSetElement) return textOf(el.querySelector(':scope > legend') ?? document.createElement('legend'));
  return clean(el.getAttribute('title')) || textOf(el);
}

// A radio group's radios: native radios, or [role=radio] elements (in the group, not in a nested one).
export const radiosOf = (group) =>
  [...group.querySelectorAll('input[type="radio"], [role="radio"]')].filter((r) => r.parentElement.closest('[role="radiogroup"], fieldset') === group);

// The choices of a select (its options) or of a radio group (each radio, by its accessible name).
function choicesOf(el) {
  if (el instanceof HTMLSelectElement) {
    return [...el.options].map((o) => ({ text: clean(o.label || o.text), value: o.value, selected: o.selected, disabled: o.disabled || !!o.closest('optgroup[disabled]') }));
  }
  return radiosOf(el).map((r) => ({
    text: accessibleName(r),
    value: r.getAttribute('value') ?? '',
    selected: r instanceof HTMLInputElement ? r.checked : r.getAttribute('aria-checked') === 'true',
    disabled: r.disabled === true || r.getAttribute('aria-disabled') === 'true' || hiddenFromPerson(r, true),
  }));
}

// A menu button: a button that opens a menu or listbox of choices, showing its value (GitHub's
// "Enabled", Gemini's "On"). The core reads it only when that value is exactly a state word.
const isMenu = (el) => el instanceof HTMLButtonElement && ['menu', 'listbox', 'true'].includes(el.getAttribute('aria-haspopup'));

// The label of a menu button that names itself only by its value: the text of its row, the nearest
// of a few ancestors that says more than the button (the button's own text, and its menu's items, left out).
const MENUS = '[role="menu"], [role="listbox"]';
function rowLabel(el) {
  let row = el.parentElement;
  for (let depth = 0; row && depth < 4 && row !== document.body; depth++, row = row.parentElement) {
    const parts = [];
    const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (!el.contains(node) && !node.parentElement?.closest(MENUS)) parts.push(node.nodeValue);
    }
    const text = clean(parts.join(' '));
    if (text) return text.slice(0, 300);
  }
  return '';
}

const isChoice = (el) => el instanceof HTMLSelectElement || el instanceof HTMLFieldSetElement || el.getAttribute('role') === 'radiogroup';

export function describe(el) {
  const input = el instanceof HTMLInputElement;
  const menu = isMenu(el);
  let name = accessibleName(el);
  const text = isChoice(el) ? '' : textOf(el);
  // Only in the page's content: a menu button of the site's own navigation (LinkedIn's "Me", GitHub's
  // avatar) keeps its own name, which a guide's step answers to.
  if (menu && name === text && !el.closest(NAVIGATION) && !el.closest('header')) name = rowLabel(el) || name;
  return {
    tag: el.localName,
    role: el.getAttribute('role') ?? '',
    input_type: input ? el.type : '',
    checked: input ? el.checked : null,
    aria_checked: el.getAttribute('aria-checked'),
    aria_pressed: el.getAttribute('aria-pressed'),
    data_state: el.getAttribute('data-state'),
    options: isChoice(el) ? choicesOf(el) : [],
    haspopup: menu ? el.getAttribute('aria-haspopup') : null,
    name,
    keys: [el.id, el.getAttribute('name')].filter(Boolean),
    href: el.getAttribute('href') ?? '',
    // A select's text would be every option's: its choices say it.
    text,
  };
}

// The page's global navigation: a control there is never a setting's (the core decides on `in_main`).
const NAVIGATION = 'nav, [role="navigation"], [role="banner"]';
// Not contentVisibilityAuto: a section skipped while off-screen still shows when scrolled to.
const VISIBILITY = { checkVisibilityCSS: true, visibilityProperty: true };

// Whether a person cannot see the element: not connected, inside an inert or aria-hidden subtree,
// not rendered (display:none, visibility:hidden, content-visibility), zero-sized, or off-screen where no
// scrolling reaches. Opacity is not read: X lays an opacity:0 native input over the box it draws, and
// that input is what the person clicks. Layout is read only for the few candidates the probes select.
// A radio is seen through its label where it has one (custom radios draw a box over a tiny input).
export function hiddenFromPerson(el, radio = false) {
  if (!el.isConnected || el.closest('[inert], [aria-hidden="true"]')) return true;
  if (radio && el.labels?.length) return [...el.labels].every((label) => hiddenFromPerson(label));
  if (el.checkVisibility ? !el.checkVisibility(VISIBILITY) : el.getClientRects().length === 0) return true;
  const r = el.getBoundingClientRect();
  return r.width <= 0 || r.height <= 0 || r.right + scrollX <= 0 || r.bottom + scrollY <= 0;
}

// Whether the element is in the page's main content: not in its global navigation (a header outside
// `main` is the site's banner), and inside `main` / [role=main] when the page has one. Found by walking up
// from the few candidates: no scan of the whole document, unless a candidate sits outside every main region.
const MAIN = 'main, [role="main"]';
// A modal dialog is what the page shows in front of all else: settings apps portal theirs to <body>,
// outside `main` (ChatGPT's "Improve the model for everyone" switch sits in one, under its Data controls).
const MODAL = '[role="dialog"][aria-modal="true"], dialog[open]';
function inMain(el, pageHasMain) {
  if (el.closest(NAVIGATION)) return false;
  if (el.closest(MODAL)) return true;
  const header = el.closest('header');
  if (header && !header.closest(MAIN)) return false;
  return !!el.closest(MAIN) || !pageHasMain();
}

// Whether the page has a main region: asked at most once per snapshot, and only when a candidate is outside one.
export function mainQuery() {
  let known;
  return () => (known ??= document.querySelector(MAIN) !== null);
}

// The facts the core needs about where a candidate is. `pageHasMain` from mainQuery(), one per snapshot.
export const placement = (el, pageHasMain = mainQuery()) => ({ hidden: hiddenFromPerson(el), in_main: inMain(el, pageHasMain) });

const usable = (c) => !c.hidden && c.in_main;

// `s` is the core's page spec (its probes); `watchStart` is when watching this page began.
export function collect(s, watchStart) {
  const switches = s.switches ? [...document.querySelectorAll(s.switches)] : [];
  const rows = s.rows ? [...document.querySelectorAll(s.rows)] : [];
  const pageHasMain = mainQuery();
  const described = (el) => ({ ...describe(el), ...placement(el, pageHasMain) });
  const switchData = switches.map(described);
  return {
    elements: { switches, rows },
    data: {
      url: location.href,
      ui_lang: UI_LANG,
      elapsed_ms: Math.round(performance.now() - watchStart),
      heading: clean(document.querySelector('h1')?.textContent),
      // Read when no switch a person could use is there (a notice such as "not available in your
      // region"), or when the core needs what the page says (a setting's page note).
      page_text: s.context || (s.switches && !switchData.some(usable)) ? clean((document.querySelector('main') ?? document.body)?.textContent).slice(0, 4000) : '',
      switches: switchData,
      rows: rows.map(described),
    },
  };
}
