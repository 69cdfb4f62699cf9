// Owns the content script's part of Check now and Turn off all (the background's batch runs, which
// visit pages in a tab of OptOut's own): what this page shows of each setting (its heading too, for a
// sign-in page), and Turn off on the background's word, which it first checks with the background
// (a confirmed run is in progress, in this tab, for this very setting). The states themselves reach
// the background as every page's do: marks.js's reports.
import { api, isStopped, send } from './core-bridge.js';
import { clean } from './snapshot.js';
import { currentPlan } from './marks.js';
import { turnOff } from './turn-off.js';

export function listenForBatch() {
  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // Only OptOut's own pages speak here (content scripts cannot message a tab); and whatever one asks,
    // a Turn off needs the background's own word (apply).
    if (isStopped() || sender?.id !== api.runtime.id || !String(sender.url ?? '').startsWith(api.runtime.getURL(''))) return false;
    if (message?.type === 'batch-read') {
      sendResponse(read());
      return false;
    }
    if (message?.type === 'batch-apply' && typeof message.setting === 'string') {
      apply(message.setting).then(sendResponse, (error) => sendResponse({ phase: 'failed', message: String(error?.message ?? error) }));
      return true; // the reply is asynchronous
    }
    return false;
  });
}

function read() {
  const plan = currentPlan();
  return {
    heading: [document.title, document.querySelector('h1')?.textContent].map(clean).filter(Boolean).join(' | '),
    findings: plan ? plan.findings.map((f) => ({ setting: f.setting, status: f.status })) : null,
  };
}

async function apply(setting) {
  // The background's own word that a Turn off all the person confirmed is at this setting now.
  if ((await send({ type: 'batch-may-turn-off', setting })) !== true) return { phase: 'refused' };
  const finding = currentPlan()?.findings.find((f) => f.setting === setting);
  if (finding?.status === 'opted-out') return { phase: 'already-off' };
  if (!finding?.can_turn_off) return { phase: 'not-found' };
  return (await turnOff(setting)) ?? { phase: 'not-found' };
}
