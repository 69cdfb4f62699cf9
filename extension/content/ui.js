// Owns the building blocks of what OptOut shows on a page: the browser's i18n (text and UI language)
// and the element constructors for the banner and the guide's callout. Page text is never parsed as HTML.
import { api } from './core-bridge.js';

export const t = (key, subs) => api.i18n.getMessage(key, subs) || key;
export const UI_LANG = api.i18n.getUILanguage();

// Every element OptOut made: inside its shadow roots, anything else is the page's (and is ignored).
const made = new WeakSet();
export const madeByOptOut = (node) => made.has(node);

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  made.add(el);
  for (const [k, v] of Object.entries(attrs)) if (v != null) el.setAttribute(k, v);
  el.append(...children.filter((c) => c != null)); // strings become text nodes: page text is never HTML
  return el;
}

// One of OptOut's buttons. `onPress` is bound to this very button: it runs on the person's own click
// (or Enter/Space) on it, never on a forged event nor on a click on a node the page put inside it.
// `data-optout-action` and `data-optout-setting` are the documented contract (and the tests' handles);
// they are never read back to decide what to do.
export function button(action, label, onPress, { setting, primary } = {}) {
  const el = h('button', { type: 'button', class: primary ? 'primary' : null, 'data-optout-action': action, 'data-optout-setting': setting }, label);
  el.addEventListener('click', (event) => {
    if (event.isTrusted && event.target === el) onPress();
  });
  return el;
}
