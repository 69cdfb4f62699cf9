// Owns the snapshot: the candidates the core's probes select, each described by its accessible
// structure (role, accessible name, state, keys, text), plus what the page says around them.
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
  return clean(el.getAttribute('title')) || textOf(el);
}

export function describe(el) {
  const input = el instanceof HTMLInputElement;
  return {
    tag: el.localName,
    role: el.getAttribute('role') ?? '',
    input_type: input ? el.type : '',
    checked: input ? el.checked : null,
    aria_checked: el.getAttribute('aria-checked'),
    aria_pressed: el.getAttribute('aria-pressed'),
    name: accessibleName(el),
    keys: [el.id, el.getAttribute('name')].filter(Boolean),
    href: el.getAttribute('href') ?? '',
    text: textOf(el),
  };
}

// `s` is the core's page spec (its probes); `watchStart` is when watching this page began.
export function collect(s, watchStart) {
  const switches = s.switches ? [...document.querySelectorAll(s.switches)] : [];
  const rows = s.rows ? [...document.querySelectorAll(s.rows)] : [];
  return {
    elements: { switches, rows },
    data: {
      url: location.href,
      ui_lang: UI_LANG,
      elapsed_ms: Math.round(performance.now() - watchStart),
      heading: clean(document.querySelector('h1')?.textContent),
      // Read when there is no switch (a notice such as "not available in your region"), or when the
      // core needs what the page says (a setting's page note).
      page_text: s.context || (s.switches && !switches.length) ? clean((document.querySelector('main') ?? document.body)?.textContent).slice(0, 4000) : '',
      switches: switches.map(describe),
      rows: rows.map(describe),
    },
  };
}
