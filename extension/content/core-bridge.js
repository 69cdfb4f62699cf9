// Owns the way to the core: wasm compiled in this content script where the browser allows it (the page
// module of this site's platform, core/pages/<platform>_bg.wasm, with only that platform's rules), else
// the background's core over messages (one interface, chosen once per page by trying); send() to the
// background; and going quiet when the extension is reloaded or removed under the page.
import { platformAt } from './scope.js';

export const api = globalThis.browser ?? globalThis.chrome;

// While the extension is being reloaded, a send can fail a moment before runtime.id is cleared.
const SEND_FAILURE_GRACE_MS = 1000;

let stopped = false;
const stopHandlers = [];
let corePromise = null;
// The glue (core/optout.js, injected just before this script) as it was when this script started.
// (A top-level `let` of its own: a global binding, not a property of globalThis.)
const bindgen = typeof wasm_bindgen === 'undefined' ? null : wasm_bindgen;

export const isStopped = () => stopped;
export const orphaned = () => !api.runtime?.id;

// The core, as { path: 'content' | 'background', call(method, arg) → Promise }.
export const core = () => (corePromise ??= chooseCore());

async function chooseCore() {
  try {
    const platform = platformAt(location);
    if (!platform || !bindgen) throw new Error(`no page module for ${location.hostname}`);
    const bytes = await (await fetch(api.runtime.getURL(`core/pages/${platform}_bg.wasm`))).arrayBuffer();
    const module = await WebAssembly.compile(bytes);
    await bindgen({ module_or_path: module });
    return { path: 'content', call: async (method, arg) => bindgen[method](arg) };
  } catch (error) {
    // Chromium refuses to compile wasm here when the page's CSP lacks 'wasm-unsafe-eval' (reported
    // publicly, e.g. Violentmonkey issue 1866); its CompileError has an empty message, so the type tells.
    if (!(error instanceof WebAssembly.CompileError)) console.info('OptOut: evaluating in the background:', error);
    return { path: 'background', call: (method, arg) => send({ type: 'core', method, arg }) };
  }
}

export async function send(message) {
  if (orphaned()) throw stop();
  const reply = await api.runtime.sendMessage(message);
  if (!reply?.ok) throw new Error(reply?.error ?? 'no reply from the background');
  return reply.value;
}

// What stop() undoes, in the order registered.
export function onStop(handler) {
  stopHandlers.push(handler);
}

// The extension was reloaded, updated or removed under this page: this copy goes quiet and takes
// its banner and marks with it (their buttons could no longer do anything).
export function stop() {
  if (!stopped) {
    stopped = true;
    for (const handler of stopHandlers) handler();
  }
  return new Error('OptOut stopped: the extension was reloaded');
}

// A send that failed: if the extension went away under the page, stop quietly. While it is being
// reloaded, a send can fail a moment before runtime.id is cleared ("message channel closed",
// "Receiving end does not exist"), so the verdict waits a second before calling it an error.
export function failed(what, error) {
  if (stopped) return;
  if (orphaned()) return void stop();
  setTimeout(() => {
    if (orphaned()) stop();
    else if (!stopped) console.warn(what, error);
  }, SEND_FAILURE_GRACE_MS);
}
