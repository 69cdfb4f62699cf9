// Owns the hosts of what OptOut shows on a page (the banner, the guide's callout): a plain <div> (a
// custom element's name can be defined first by the page), an open shadow root that holds only nodes
// OptOut made, and a watch on both. A node the page inserts, or one of ours removed or changed, marks
// the shell tampered: its actions stop and its owner rebuilds it, after a pause that grows while the
// page keeps at it (so that a page fighting back cannot turn it into a loop). The host also says the
// page's own theme (data-theme="dark"|"light", absent when the page paints no colour: theme.js), which
// the shadow root's stylesheet follows.
import { pageTheme } from './theme.js';
import { h, madeByOptOut } from './ui.js';

// The pause before a rebuild, by how many tamperings came in the last TAMPER_WINDOW_MS.
const REBUILD_PAUSES_MS = [0, 0, 250, 1000, 2000];
const TAMPER_WINDOW_MS = 10000;
const tampered = new Map(); // host attribute → times of recent tamperings, across rebuilds

// `attr`: the host's marking attribute; `css`: the shadow root's stylesheet; `place`: the host's own
// style ([property, value] pairs, set !important over `all: initial`); `rebuild`: called once the
// shell is tampered, after the pause (the owner disposes of it and draws a new one).
export function createShell({ attr, css, place, rebuild }) {
  const host = h('div', { [attr]: '' });
  // CSSOM, not a style attribute: allowed under any page CSP; inline !important outranks page rules.
  host.style.setProperty('all', 'initial', 'important');
  // But for the text spacing a person's own tools set (WCAG 1.4.12): inherited into the shadow root, not
  // locked by an inline !important (where unset, the stylesheet's `:host { all: initial }` holds).
  for (const k of ['letter-spacing', 'word-spacing']) host.style.removeProperty(k);
  for (const [k, v] of place) host.style.setProperty(k, v, 'important');
  const theme = pageTheme();
  if (theme) host.setAttribute('data-theme', theme);
  const root = host.attachShadow({ mode: 'open' });
  root.append(h('style', {}, css));
  let disposed = false;

  const shell = {
    host,
    root,
    tampered: false,
    // OptOut's own changes to the host or inside the root: made in `change`, then forgotten by the watch.
    edit(change) {
      const result = change();
      observer.takeRecords();
      if (!intact()) tamper();
      return result;
    },
    // `act` only while the shell is as OptOut made it (checked again at the moment of the click).
    guard: (act) => () => {
      if (!shell.tampered && intact()) act();
      else tamper();
    },
    // The page's theme read again (its owner calls this as it draws, so a page that changed theme is
    // followed at its next re-render, with no timer of its own).
    followTheme() {
      const theme = pageTheme();
      if (host.getAttribute('data-theme') === theme) return;
      shell.edit(() => (theme ? host.setAttribute('data-theme', theme) : host.removeAttribute('data-theme')));
    },
    dispose() {
      disposed = true;
      observer.disconnect();
      host.remove();
    },
  };

  // Only OptOut's elements inside, no stylesheet adopted by the page, the host where OptOut put it.
  function intact() {
    if (host.parentNode !== document.documentElement || host.shadowRoot !== root || root.adoptedStyleSheets?.length) return false;
    for (const el of root.querySelectorAll('*')) if (!madeByOptOut(el)) return false;
    return true;
  }

  function tamper() {
    if (shell.tampered || disposed) return;
    shell.tampered = true;
    const now = performance.now();
    const recent = (tampered.get(attr) ?? []).filter((at) => now - at < TAMPER_WINDOW_MS);
    tampered.set(attr, [...recent, now]);
    const pause = REBUILD_PAUSES_MS[Math.min(recent.length, REBUILD_PAUSES_MS.length - 1)];
    const run = () => { if (!disposed) rebuild(); };
    if (pause) setTimeout(run, pause);
    else run();
  }

  // Whatever reaches this watch was not OptOut's doing (its own records are taken in `edit`).
  const observer = new MutationObserver(tamper);
  observer.observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
  observer.observe(host, { attributes: true });
  document.documentElement.append(host); // not <body>: pages replace it
  return shell;
}
