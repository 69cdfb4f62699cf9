// Owns the building blocks of what OptOut shows on a page: the browser's i18n (text and UI language)
// and the element constructors for the banner and the guide's callout. Page text is never parsed as HTML.
import { api } from './core-bridge.js';

export const t = (key, subs) => api.i18n.getMessage(key, subs) || key;
export const UI_LANG = api.i18n.getUILanguage();

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) el.setAttribute(k, v);
  el.append(...children.filter((c) => c != null)); // strings become text nodes: page text is never HTML
  return el;
}

export const button = (action, label, setting, primary) =>
  h('button', { type: 'button', class: primary ? 'primary' : null, 'data-optout-action': action, 'data-optout-setting': setting }, label);
