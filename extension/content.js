// OptOut content script: the hands. It knows no platform: where to wake up comes from scope.js
// (generated from the rules), what to collect and what it means come from the core (Rust → wasm).
// Outside a settings area it only checks the URL when the page changes: no wasm, no scan, no timer.
'use strict';

(() => {
  if (globalThis.__optoutContentLoaded) return; // double-injection guard
  globalThis.__optoutContentLoaded = true;

  const api = globalThis.browser ?? globalThis.chrome;
  const t = (key, subs) => api.i18n.getMessage(key, subs) || key;
  const UI_LANG = api.i18n.getUILanguage();

  // Turn off: after the click, the state must read opted-out and stay so this long with the control
  // idle (pages save, re-render, and may revert); give up after VERIFY_TIMEOUT_MS.
  const SETTLE_MS = 1500;
  const VERIFY_TIMEOUT_MS = 8000;
  const POLL_MS = 120;
  const SEND_FAILURE_GRACE_MS = 1000;

  let stopped = false;
  let currentUrl = null;
  let active = false; // the URL is in a settings area
  let watchStart = 0;
  let spec = null;
  let lastPlan = null;
  let elements = { switches: [], rows: [] };
  const marked = new Set();
  const reported = new Map(); // setting → state last sent
  const verifying = new Map(); // setting → { phase, message }
  let dismissedFor = null;
  let banner = null;
  let recheckTimer = 0;
  let frameScheduled = false;
  let evaluating = null;
  let dirty = false;
  let guideState = null; // { setting, reached } while an opt-out guide runs in this tab
  let guideProbe = null;
  let guideTarget = null;
  let callout = null;
  let guideTimer = 0;

  const inScope = (loc) =>
    OPTOUT_SCOPE.some((p) => p.hosts.includes(loc.hostname) && p.prefixes.some((x) => loc.pathname.startsWith(x)));
  const WATCHED = ['checked', 'aria-checked', 'aria-pressed', 'disabled', 'aria-disabled'];
  // While a guide runs, menus opening and closing matter too.
  const GUIDE_WATCHED = [...WATCHED, 'hidden', 'aria-expanded', 'aria-hidden', 'class', 'style', 'open'];

  // ---- the core: in this content script where the browser allows wasm, else in the background ----
  let corePromise = null;
  const core = () => (corePromise ??= chooseCore());

  async function chooseCore() {
    try {
      const bytes = await (await fetch(api.runtime.getURL('core/optout_bg.wasm'))).arrayBuffer();
      const module = await WebAssembly.compile(bytes);
      await wasm_bindgen({ module_or_path: module });
      return { path: 'content', call: async (method, arg) => wasm_bindgen[method](arg) };
    } catch (error) {
      // Chromium refuses to compile wasm here when the page's CSP lacks 'wasm-unsafe-eval'
      // (toolchain.md); its CompileError has an empty message, so the type is what tells.
      if (!(error instanceof WebAssembly.CompileError)) console.info('OptOut: evaluating in the background:', error);
      return { path: 'background', call: (method, arg) => send({ type: 'core', method, arg }) };
    }
  }

  async function send(message) {
    if (orphaned()) throw stop();
    const reply = await api.runtime.sendMessage(message);
    if (!reply?.ok) throw new Error(reply?.error ?? 'no reply from the background');
    return reply.value;
  }

  // The extension was reloaded, updated or removed under this page: this copy goes quiet and takes
  // its banner and marks with it (their buttons could no longer do anything).
  function stop() {
    if (!stopped) {
      stopped = true;
      observer.disconnect();
      clearTimeout(recheckTimer);
      removeEventListener('popstate', schedule);
      document.removeEventListener('change', schedule, true);
      clearMarks();
      removeBanner();
      clearGuide();
    }
    return new Error('OptOut stopped: the extension was reloaded');
  }

  const orphaned = () => !api.runtime?.id;

  // A send that failed: if the extension went away under the page, stop quietly. While it is being
  // reloaded, a send can fail a moment before runtime.id is cleared ("message channel closed",
  // "Receiving end does not exist"), so the verdict waits a second before calling it an error.
  function failed(what, error) {
    if (stopped) return;
    if (orphaned()) return void stop();
    setTimeout(() => {
      if (orphaned()) stop();
      else if (!stopped) console.warn(what, error);
    }, SEND_FAILURE_GRACE_MS);
  }

  // ---- following the page: one observer that schedules at most one check per frame ----
  // Off the settings area a batch of mutations costs one URL comparison; in it, one scan per frame.
  const observer = new MutationObserver((records) => {
    // OptOut's own banner and callout moving (their style) is no change of the page.
    if (active && records.every((r) => r.target === banner?.host || r.target === callout?.host)) return;
    if (active || location.href !== currentUrl) schedule();
  });

  function schedule() {
    if (frameScheduled || stopped) return;
    frameScheduled = true;
    const run = () => {
      frameScheduled = false;
      tick();
    };
    // rAF does not fire in hidden tabs; only there does a timer stand in for it.
    if (document.hidden) setTimeout(run, 100);
    else requestAnimationFrame(run);
  }

  function tick() {
    if (orphaned()) return void stop();
    if (location.href !== currentUrl) urlChanged();
    if (active) refresh();
  }

  function urlChanged() {
    currentUrl = location.href;
    const was = active;
    active = inScope(location) || !!guideState;
    spec = null;
    dismissedFor = null;
    reported.clear(); // each visit records what was seen, and when
    if (active) {
      watchStart = performance.now();
      observe();
    } else if (was) {
      clearMarks();
      removeBanner();
      observe();
    }
  }

  // Off the settings area and without a guide: child-list changes only (for the URL check).
  function observe() {
    if (!active) return observer.observe(document.documentElement, { childList: true, subtree: true });
    observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: guideState ? GUIDE_WATCHED : WATCHED });
  }

  // Coalesces evaluations: one at a time, and one more if the page changed meanwhile.
  function refresh() {
    if (evaluating) {
      dirty = true;
      return evaluating;
    }
    evaluating = evaluateAndApply()
      .catch((error) => failed('OptOut:', error))
      .finally(() => {
        evaluating = null;
        if (dirty) { dirty = false; schedule(); }
      });
    return evaluating;
  }

  async function evaluateAndApply() {
    const c = await core();
    if (!active) return null;
    let plan = null;
    if (inScope(location)) {
      spec ??= await c.call('pageSpec', location.href);
      if (spec) {
        const snapshot = collect(spec);
        plan = await c.call('evaluate', snapshot.data);
        if (!active || snapshot.data.url !== location.href) return null;
        elements = snapshot.elements;
        lastPlan = plan;
        apply(plan, c.path);
      }
    }
    if (guideState) await guideStep(c);
    return plan;
  }

  // ---- snapshot: the candidates the core's probes select, described by accessible structure ----
  const clean = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

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

  function describe(el) {
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

  function collect(s) {
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

  // ---- applying the plan: marks, highlight (content.css), banner, reports ----
  const elementOf = (finding) => finding?.control && elements[finding.control.list]?.[finding.control.index];
  const isFact = (status) => status === 'opted-in' || status === 'opted-out';

  function apply(plan, corePath) {
    const keep = new Set();
    for (const f of plan.findings) {
      const el = elementOf(f);
      if (!el || !isFact(f.status) || !el.isConnected) continue;
      keep.add(el);
      marked.add(el);
      if (el.getAttribute('data-optout-setting') !== f.setting) el.setAttribute('data-optout-setting', f.setting);
      if (el.getAttribute('data-optout-state') !== f.status) el.setAttribute('data-optout-state', f.status);
    }
    for (const el of marked) {
      if (keep.has(el)) continue;
      unmark(el);
    }
    clearTimeout(recheckTimer);
    if (plan.recheck_after_ms != null) recheckTimer = setTimeout(schedule, plan.recheck_after_ms);
    renderBanner(plan, corePath);
    reportFacts(plan);
  }

  function unmark(el) {
    el.removeAttribute('data-optout-setting');
    el.removeAttribute('data-optout-state');
    marked.delete(el);
  }

  function clearMarks() {
    for (const el of [...marked]) unmark(el);
    lastPlan = null;
  }

  function reportFacts(plan) {
    const reports = plan.findings
      .filter((f) => (isFact(f.status) || f.status === 'unavailable') && verifying.get(f.setting)?.phase !== 'saving')
      .filter((f) => reported.get(f.setting) !== f.status)
      .map((f) => ({ setting: f.setting, state: f.status, at: Date.now(), url: location.href }));
    if (!reports.length) return;
    for (const r of reports) reported.set(r.setting, r.state);
    send({ type: 'report', reports }).catch((error) => {
      for (const r of reports) reported.delete(r.setting);
      // The extension going away under the page is no error of this page: stop quietly.
      failed('OptOut: could not record', error);
    });
  }

  // ---- turning a setting off, on the person's own click, verified by reading the page back ----
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const alertTexts = () => new Set([...document.querySelectorAll('[role="alert"]')].map((a) => clean(a.textContent)).filter(Boolean));
  const busy = (el) => !el?.isConnected || el.disabled || el.getAttribute('aria-disabled') === 'true' || !!el.closest('[aria-busy="true"]');

  async function turnOff(setting) {
    const finding = lastPlan?.findings.find((f) => f.setting === setting);
    const el = elementOf(finding);
    if (!finding?.can_turn_off || !el?.isConnected || verifying.has(setting)) return;
    const alertsBefore = alertTexts();
    verifying.set(setting, { phase: 'saving' });
    renderBanner(lastPlan);
    el.click();

    const start = performance.now();
    let last = null;
    let since = start;
    let error = null;
    let outcome = null;
    let sawOff = false;
    while (!stopped && performance.now() - start < VERIFY_TIMEOUT_MS) {
      await sleep(POLL_MS);
      const plan = await refresh().then(() => lastPlan);
      const f = plan?.findings.find((x) => x.setting === setting);
      const now = performance.now();
      error ??= [...alertTexts()].find((a) => !alertsBefore.has(a)) ?? null;
      const status = busy(elementOf(f)) ? 'busy' : f?.status;
      if (status !== last) { last = status; since = now; }
      sawOff ||= status === 'opted-out';
      if (error && status !== 'busy') { outcome = { phase: 'failed', message: t('turnOffFailedError', [error]) }; break; }
      // Shown off, then on again with the control idle: the page switched it back.
      if (sawOff && status === 'opted-in') { outcome = { phase: 'failed', message: t('turnOffFailedReverted') }; break; }
      if (status === 'opted-out' && now - since >= SETTLE_MS) { outcome = { phase: 'done' }; break; }
    }
    outcome ??= last === 'opted-in'
      ? { phase: 'failed', message: t('turnOffFailedReverted') }
      : { phase: 'failed', message: t('turnOffUnconfirmed') };
    verifying.set(setting, outcome);
    reported.delete(setting); // report what the page says now
    if (lastPlan) apply(lastPlan);
    setTimeout(() => { if (verifying.get(setting) === outcome) verifying.delete(setting); }, 15000);
  }

  function showMe(setting) {
    const el = elementOf(lastPlan?.findings.find((f) => f.setting === setting));
    if (!el?.isConnected) return;
    el.scrollIntoView({ block: 'center', behavior: 'smooth' });
    el.focus({ preventScroll: true });
  }

  // ---- the banner: one host element, its content in an open shadow root ----
  const BANNER_CSS = `
    :host { all: initial; }
    .box { font: 14px/1.4 system-ui, sans-serif; color: #1d2226; background: #fff; border: 1px solid #c9cdd2;
      border-left: 6px solid #b3261e; border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.18);
      padding: 12px 14px; width: 360px; max-height: 70vh; overflow: auto; }
    .box.safe { border-left-color: #1e7e34; }
    h2 { font-size: 15px; margin: 0 0 6px; }
    h3 { font-size: 14px; margin: 10px 0 4px; }
    p { margin: 4px 0; }
    .tag { display: inline-block; font-size: 12px; font-weight: 600; padding: 1px 6px; border-radius: 10px; margin-left: 4px; }
    .in { background: #fde7e6; color: #8c1d18; } .out { background: #e3f4e7; color: #145523; }
    .row { display: flex; gap: 8px; margin-top: 8px; flex-wrap: wrap; }
    button { font: inherit; padding: 5px 12px; border-radius: 16px; border: 1px solid #0a66c2; background: #fff; color: #0a66c2; cursor: pointer; }
    button.primary { background: #0a66c2; color: #fff; }
    button:focus-visible, a:focus-visible { outline: 3px solid #f5b400; outline-offset: 1px; }
    a { color: #0a66c2; }
    .msg { font-weight: 600; } .msg.bad { color: #8c1d18; } .msg.good { color: #145523; }
    ul { margin: 4px 0; padding-left: 18px; }
    .note { background: #fff8e1; border-radius: 6px; padding: 4px 6px; }
    textarea { box-sizing: border-box; width: 100%; font: 13px/1.4 system-ui, sans-serif; resize: vertical; }`;

  function ensureBanner(corePath) {
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

  function removeBanner() {
    banner?.host.remove();
    banner = null;
  }

  function onBannerClick(event) {
    // Only the person's own clicks count: page scripts can dispatch events on our elements too.
    if (!event.isTrusted) return;
    const button = event.target.closest?.('[data-optout-action]');
    if (!button) return;
    const action = button.getAttribute('data-optout-action');
    const setting = button.getAttribute('data-optout-setting');
    if (action === 'turn-off') turnOff(setting);
    else if (action === 'show') showMe(setting);
    else if (action === 'dismiss') { dismissedFor = location.href; removeBanner(); }
    else if (action === 'checklist') send({ type: 'open-checklist' }).catch(() => {});
    else if (action === 'copy') copySuggested();
    else if (action === 'guide') send({ type: 'guide-start', setting, here: true }).catch((e) => failed('OptOut:', e));
  }

  function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) if (v != null) el.setAttribute(k, v);
    el.append(...children.filter((c) => c != null)); // strings become text nodes: page text is never HTML
    return el;
  }

  const button = (action, label, setting, primary) =>
    h('button', { type: 'button', class: primary ? 'primary' : null, 'data-optout-action': action, 'data-optout-setting': setting }, label);

  function settingBlock(f, plan) {
    const v = verifying.get(f.setting);
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
    else if (v?.phase === 'done' && f.status === 'opted-out') block.append(h('p', { class: 'msg good', role: 'status' }, t('turnedOff')));
    else if (v?.phase === 'failed') block.append(h('p', { class: 'msg bad', role: 'alert' }, v.message));
    const actions = h('div', { class: 'row' });
    if (f.can_turn_off && v?.phase !== 'saving') actions.append(button('turn-off', t('turnOff'), f.setting, true));
    if (f.status === 'not-found' || f.status === 'ambiguous') actions.append(button('guide', t('guide'), f.setting));
    if (elementOf(f)) actions.append(button('show', t('showMe'), f.setting));
    if (actions.childElementCount) block.append(actions);
    return block;
  }

  function renderBanner(plan, corePath) {
    if (!plan || dismissedFor === location.href) return;
    if (plan.form) return renderFormBanner(plan.form, corePath);
    const findings = plan.findings.filter((f) => f.status !== 'pending');
    const category = plan.page.kind === 'category';
    if (!findings.length || (category && !findings.some((f) => isFact(f.status)))) return removeBanner();
    // Everything the banner shows comes from these; when they are as last time, there is nothing to build.
    const key = JSON.stringify([location.href, findings.map((f) => [f.setting, f.status, f.can_turn_off, !!elementOf(f), verifying.get(f.setting)])]);
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

  // ---- an objection form's page: explain, suggest a text to copy; never fill in or submit ----
  function renderFormBanner(form, corePath) {
    const key = JSON.stringify([location.href, form.form]);
    if (banner?.host.isConnected && banner.key === key) return;
    const { box } = ensureBanner(corePath);
    banner.key = key;
    box.classList.add('safe');
    const text = h('textarea', { rows: '7', 'aria-label': t('formSuggested'), 'data-optout-suggested': '' });
    text.value = form.suggested_text;
    box.replaceChildren(
      h('h2', {}, t('formBannerTitle', [form.platform])),
      h('p', {}, form.summary),
      h('p', {}, form.what_to_write),
      h('p', {}, h('strong', {}, t('formSuggested'))),
      text,
      h('p', { class: 'msg', role: 'status', 'data-optout-copy-status': '' }),
      h('p', {}, t('formNeverFilled')),
      h('div', { class: 'row' }, button('copy', t('copyText'), null, true), button('checklist', t('allSettings')), button('dismiss', t('dismiss'))),
    );
  }

  // Copies the suggested text on the person's click. The clipboard API can be refused (permissions
  // policy, focus); then the legacy copy of the selected text; else the text stays selected for Ctrl+C.
  async function copySuggested() {
    const area = banner?.box.querySelector('[data-optout-suggested]');
    const status = banner?.box.querySelector('[data-optout-copy-status]');
    if (!area || !status) return;
    let copied = false;
    try {
      await navigator.clipboard.writeText(area.value);
      copied = true;
    } catch {
      area.focus();
      area.select();
      try { copied = document.execCommand('copy'); } catch { copied = false; }
    }
    if (!copied) { area.focus(); area.select(); }
    status.className = copied ? 'msg good' : 'msg';
    status.textContent = t(copied ? 'copied' : 'copyManual');
  }

  // ---- the opt-out guide: point at the next element of the documented path, follow the person ----
  async function loadGuide() {
    let state = null;
    try { state = await send({ type: 'guide-get' }); } catch { return; }
    guideState = state && typeof state.setting === 'string' ? { setting: state.setting, reached: Number(state.reached) || 0 } : null;
    if (!guideState) return clearGuide();
    active = true;
    watchStart = performance.now();
    observe();
    schedule();
  }

  async function guideStep(c) {
    guideProbe ??= await c.call('guideProbe');
    const els = [...document.querySelectorAll(guideProbe)];
    const state = guideState;
    const g = await c.call('guide', {
      url: location.href,
      ui_lang: UI_LANG,
      setting: state.setting,
      reached: state.reached,
      elapsed_ms: Math.round(performance.now() - watchStart),
      here: clean(document.querySelector('h1')?.textContent) || clean(document.title),
      // Layout is read only here, while a guide runs: a person can only click what is rendered.
      candidates: els.map((el) => ({ ...describe(el), hidden: el.getClientRects().length === 0 })),
    });
    if (guideState !== state || stopped) return;
    if (!g) return endGuide();
    if (g.reached !== state.reached) {
      state.reached = g.reached;
      send({ type: 'guide-set', setting: state.setting, reached: g.reached }).catch(() => {});
    }
    applyGuide(g, g.target == null ? null : els[g.target]);
    clearTimeout(guideTimer);
    if (g.recheck_after_ms != null) guideTimer = setTimeout(schedule, g.recheck_after_ms);
    if (g.status === 'done') {
      guideState = null;
      send({ type: 'guide-end' }).catch(() => {});
      setTimeout(() => { if (!guideState) clearGuide(); }, 6000);
    }
  }

  function endGuide() {
    guideState = null;
    clearGuide();
    send({ type: 'guide-end' }).catch(() => {});
    active = inScope(location);
    observe();
  }

  function clearGuide() {
    clearTimeout(guideTimer);
    guideTarget?.removeAttribute('data-optout-guide-step');
    guideTarget = null;
    callout?.host.remove();
    callout = null;
    removeEventListener('scroll', placeCallout, true);
    removeEventListener('resize', placeCallout);
  }

  const CALLOUT_CSS = `
    :host { all: initial; }
    .box { font: 14px/1.4 system-ui, sans-serif; color: #1d2226; background: #fffbe6; border: 2px solid #f5b400; border-radius: 8px;
      box-shadow: 0 6px 20px rgba(0,0,0,.2); padding: 10px 12px; width: 300px; }
    p { margin: 2px 0 6px; } .where { font-weight: 600; color: #8c1d18; }
    .row { display: flex; gap: 8px; flex-wrap: wrap; }
    button { font: inherit; padding: 4px 10px; border-radius: 14px; border: 1px solid #0a66c2; background: #fff; color: #0a66c2; cursor: pointer; }
    button:focus-visible { outline: 3px solid #0a66c2; outline-offset: 1px; }`;

  function ensureCallout() {
    if (callout?.host.isConnected) return callout;
    const host = document.createElement('optout-guide');
    host.setAttribute('data-optout-guide', '');
    for (const [k, v] of [['position', 'fixed'], ['z-index', '2147483647'], ['display', 'block'], ['top', '12px'], ['left', '12px']]) {
      host.style.setProperty(k, v, 'important');
    }
    const root = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = CALLOUT_CSS;
    const box = h('div', { class: 'box', role: 'group', 'aria-label': t('guideName') });
    root.append(style, box);
    root.addEventListener('click', onCalloutClick);
    // Escape inside the callout ends the guide (outside it, Escape belongs to the page: e.g. closing a menu).
    root.addEventListener('keydown', (event) => { if (event.isTrusted && event.key === 'Escape') endGuide(); });
    document.documentElement.append(host);
    addEventListener('scroll', placeCallout, { capture: true, passive: true });
    addEventListener('resize', placeCallout, { passive: true });
    callout = { host, box, key: null };
    return callout;
  }

  function onCalloutClick(event) {
    if (!event.isTrusted) return;
    const action = event.target.closest?.('[data-optout-action]')?.getAttribute('data-optout-action');
    if (action === 'guide-end') endGuide();
    else if (action === 'guide-direct' && callout?.direct) location.assign(callout.direct);
  }

  // Beside the element to click (below it, or above when there is no room), else at the top.
  function placeCallout() {
    if (!callout) return;
    const { host } = callout;
    const r = guideTarget?.isConnected ? guideTarget.getBoundingClientRect() : null;
    const w = host.offsetWidth || 320;
    const hgt = host.offsetHeight || 120;
    let top = 12;
    let left = Math.max(12, innerWidth - w - 12);
    if (r && r.width + r.height > 0) {
      // Beside it when there is room (so that its neighbours, e.g. the rest of a menu, stay clickable),
      // else below, else above.
      if (r.right + 12 + w <= innerWidth) {
        left = r.right + 12;
        top = Math.min(Math.max(12, r.top - 8), Math.max(12, innerHeight - hgt - 12));
      } else {
        top = r.bottom + 10 + hgt < innerHeight ? r.bottom + 10 : Math.max(12, r.top - hgt - 10);
        left = Math.min(Math.max(12, r.left), Math.max(12, innerWidth - w - 12));
      }
    }
    host.style.setProperty('top', `${Math.round(top)}px`, 'important');
    host.style.setProperty('left', `${Math.round(left)}px`, 'important');
  }

  function applyGuide(g, target) {
    if (target !== guideTarget) {
      guideTarget?.removeAttribute('data-optout-guide-step');
      guideTarget = target;
      if (target) target.scrollIntoView({ block: 'nearest' });
    }
    if (target && target.getAttribute('data-optout-guide-step') !== String(g.step)) target.setAttribute('data-optout-guide-step', String(g.step));
    if (g.status === 'done') { guideTarget?.removeAttribute('data-optout-guide-step'); guideTarget = null; }
    const c = ensureCallout();
    c.direct = g.direct;
    const step = t('guideStep', [String(g.step), String(g.total), g.label]) + (g.section ? ` ${t('guideSection', [g.section])}` : '');
    const lines = {
      'on-path': [step, g.last ? t('guideLast') : null],
      'off-path': [h('span', { class: 'where' }, t('guideOffPath', [g.here])), step],
      pending: [t('guidePending', [String(g.step), String(g.total), g.label])],
      missing: [h('span', { class: 'where' }, t('guideMissing', [g.label, String(g.step), String(g.total)]))],
      done: [t('guideDone', [g.title])],
    }[g.status] ?? [step];
    const key = JSON.stringify([g.status, g.step, g.here, g.label]);
    if (c.key !== key) {
      c.key = key;
      const actions = g.status === 'done'
        ? []
        : [button('guide-direct', t('guideDirect'), g.setting, g.status === 'missing'), button('guide-end', t('guideEnd'), g.setting)];
      // role=status: each new step is announced politely.
      c.box.replaceChildren(h('p', { role: 'status' }, ...lines.filter(Boolean).flatMap((l, i) => (i ? [h('br'), l] : [l]))), h('div', { class: 'row' }, ...actions));
    }
    placeCallout();
  }

  // ---- start ----
  observer.observe(document.documentElement, { childList: true, subtree: true });
  addEventListener('popstate', schedule);
  // A native checkbox's `.checked` changes without a DOM mutation: the person's own toggling is heard here.
  document.addEventListener('change', schedule, true);
  // The background tells an open tab when a guide starts in it; a loading tab asks (it may be mid-guide).
  api.runtime.onMessage.addListener((message) => { if (message?.type === 'guide-changed' && !stopped) loadGuide(); });
  tick();
  loadGuide();
})();
