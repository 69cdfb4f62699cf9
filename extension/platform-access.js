// OptOut background: which platforms are on, and their content scripts. A platform whose rules say
// its sites are asked for at install (LinkedIn, X) is on unless the person switched it off; every
// other platform is on only once the person switched it on AND the browser grants its sites (its
// optional host permissions). Switching one on registers its content script with exactly the files of
// the manifest's own content script (scripting.registerContentScripts, id `platform-<id>`); a person
// revoking its sites in the browser's own settings unregisters it, granting them there registers it.
// The person's choices: storage.local `platforms` ({ "<id>": true | false }; absent = the default).
// The platforms, their sites and when they are asked for come from platforms.js (generated from the rules).
'use strict';

// eslint-disable-next-line no-unused-vars -- background.js uses it (classic scripts share one scope)
const platformAccess = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const KEY = 'platforms';
  const PREFIX = 'platform-';
  const byId = new Map(OPTOUT_PLATFORMS.map((p) => [p.id, p]));
  const optional = OPTOUT_PLATFORMS.filter((p) => !p.atInstall);

  // Changes run one at a time: the popup's enable and the browser's onAdded for the same grant
  // arrive together, and each reads, then writes, storage and the registrations.
  let queue = Promise.resolve();
  function serial(change) {
    const run = queue.then(change);
    queue = run.catch(() => {});
    return run;
  }

  // The person's choices as stored; anything but a boolean for a known platform is ignored.
  async function choices() {
    const { [KEY]: held } = await api.storage.local.get(KEY);
    const out = {};
    if (held && typeof held === 'object' && !Array.isArray(held)) {
      for (const [id, on] of Object.entries(held)) if (byId.has(id) && typeof on === 'boolean') out[id] = on;
    }
    return out;
  }

  async function choose(id, on) {
    const held = await choices();
    if (held[id] === on) return;
    held[id] = on;
    await api.storage.local.set({ [KEY]: held });
  }

  const granted = (p) => api.permissions.contains({ origins: p.hosts });
  const isOn = (p, choice, has) => (p.atInstall ? choice !== false : choice === true && has);

  // { "<id>": { enabled, granted, atInstall, hosts, name } } for every platform with sites.
  async function states() {
    const held = await choices();
    const out = {};
    for (const p of OPTOUT_PLATFORMS) {
      const has = await granted(p);
      out[p.id] = { enabled: isOn(p, held[p.id], has), granted: has, atInstall: p.atInstall, hosts: [...p.hosts], name: p.name };
    }
    return out;
  }

  // The platforms the badge leaves out.
  async function disabled() {
    const now = await states();
    return Object.keys(now).filter((id) => !now[id].enabled);
  }

  // The platform's content script: the manifest's own (content_scripts[0]) files and timing, which the
  // build decides, on the platform's sites.
  // Firefox's getManifest() names the files by their full moz-extension:// address, which
  // registerContentScripts refuses ("must be a relative URL"); Chromium names them as written.
  function scriptOf(p) {
    const declared = api.runtime.getManifest().content_scripts[0];
    const base = api.runtime.getURL('');
    const relative = (file) => (file.startsWith(base) ? file.slice(base.length) : file);
    return {
      id: `${PREFIX}${p.id}`,
      matches: [...p.hosts],
      js: (declared.js ?? []).map(relative),
      css: (declared.css ?? []).map(relative),
      runAt: declared.run_at ?? 'document_idle',
      persistAcrossSessions: true,
    };
  }

  // Chromium hands the matches back sorted: lists compare as sets of their entries, in any order.
  const sameList = (a = [], b = []) => a.length === b.length && a.every((x) => b.includes(x));
  const sameScript = (a, b) =>
    sameList(a.matches, b.matches) && sameList(a.js, b.js) && sameList(a.css, b.css) && (a.runAt ?? 'document_idle') === b.runAt;
  const message = (error) => String(error?.message ?? error);

  async function unregister(ids) {
    if (!ids.length) return;
    // Another path may have removed it already: Chromium "Nonexistent script ID", Firefox "does not exist".
    await api.scripting.unregisterContentScripts({ ids }).catch((error) => {
      if (!/nonexistent|does not exist|not found/i.test(message(error))) throw error;
    });
  }

  // Registers (or unregisters) one optional platform's content script so that it runs exactly while
  // `on`. Idempotent: a registration that is already as wanted is left alone; one with other files
  // (an update changed the content script) is replaced.
  async function sync(p, on, registered) {
    const id = `${PREFIX}${p.id}`;
    const existing = registered.find((s) => s.id === id);
    if (!on) return unregister(existing ? [id] : []);
    const want = scriptOf(p);
    if (existing && sameScript(existing, want)) return;
    if (existing) await unregister([id]);
    await api.scripting.registerContentScripts([want]).catch((error) => {
      // Registered meanwhile by another path (Chromium "Duplicate script ID", Firefox "already registered").
      if (!/duplicate|already/i.test(message(error))) throw error;
    });
  }

  const registeredScripts = async () => (await api.scripting.getRegisteredContentScripts()).filter((s) => s.id.startsWith(PREFIX));

  // Every optional platform's registration as its choice and the browser's grant say, and none for a
  // platform OptOut no longer knows. Run at every start of the background: idempotent.
  function reconcile() {
    return serial(async () => {
      const held = await choices();
      const registered = await registeredScripts();
      for (const p of optional) await sync(p, isOn(p, held[p.id], await granted(p)), registered);
      const known = new Set(optional.map((p) => `${PREFIX}${p.id}`));
      await unregister(registered.filter((s) => !known.has(s.id)).map((s) => s.id));
    }).finally(() => access.onChange?.());
  }

  function known(id) {
    const p = byId.get(id);
    if (!p) throw new Error(`unknown platform ${JSON.stringify(String(id)).slice(0, 80)}`);
    return p;
  }

  // The page asked the browser for the sites first (permissions.request, in the person's click); this
  // only checks that the browser granted them.
  function enable(id) {
    const p = known(id);
    return serial(async () => {
      if (!(await granted(p))) throw new Error(`the browser has not granted access to ${p.name}'s sites`);
      // Registered first: a registration the browser refuses leaves the platform off.
      if (!p.atInstall) await sync(p, true, await registeredScripts());
      await choose(id, true);
      access.onEnabled?.();
      return (await states())[id];
    }).finally(() => access.onChange?.());
  }

  // Switched off: an optional platform's script is unregistered; an at-install platform's static
  // script stays (the manifest declares it) but the badge no longer counts it. What it showed is kept.
  function disable(id) {
    const p = known(id);
    return serial(async () => {
      await choose(id, false);
      if (!p.atInstall) await sync(p, false, await registeredScripts());
      return (await states())[id];
    }).finally(() => access.onChange?.());
  }

  // The origins a permissions event names touch a platform when one covers one of its patterns or
  // the other way round (the browser may name a pattern more widely than the manifest wrote it).
  const bare = (pattern) => pattern.replace(/\*$/, '');
  const touches = (p, origins = []) => p.hosts.some((h) => origins.some((o) => bare(h).startsWith(bare(o)) || bare(o).startsWith(bare(h))));

  // The person granted a platform's sites in the browser's own settings (Chromium's site access,
  // Firefox's add-on permissions): that switches it on. Revoking them switches it off (isOn needs the
  // grant); the stored choice is left as the person made it.
  api.permissions.onAdded.addListener(({ origins }) => {
    serial(async () => {
      const registered = await registeredScripts();
      let switchedOn = false;
      for (const p of optional) {
        if (!touches(p, origins) || !(await granted(p))) continue;
        await sync(p, true, registered);
        await choose(p.id, true);
        switchedOn = true;
      }
      if (switchedOn) access.onEnabled?.();
    }).catch((error) => console.warn('OptOut:', error)).finally(() => access.onChange?.());
  });
  api.permissions.onRemoved.addListener(({ origins }) => {
    serial(async () => {
      const registered = await registeredScripts();
      for (const p of optional) if (touches(p, origins) && !(await granted(p))) await sync(p, false, registered);
    }).catch((error) => console.warn('OptOut:', error)).finally(() => access.onChange?.());
  });

  // Set by background.js: onChange, called after every change (the badge is counted again); onEnabled,
  // after a platform is switched on (its open settings pages get the page code).
  const access = { states, disabled, enable, disable, reconcile, onChange: null, onEnabled: null };
  return access;
})();
