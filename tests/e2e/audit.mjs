// The audit that closes every end-to-end suite: OptOut never held a setting opted-out that the site had
// not saved off, nor one that does not say how it was verified. It compares the extension's checklist
// (storage.local `checklist`, format 2: per setting, the state last seen, `at` when, `path` where and
// `verified` how: `read-back` or `fresh-load`) with the fixture server's history of saved states, each
// entry as of the moment the checklist recorded it. Pure: tests/build/audit.test.mjs shows it catching
// a false one.

import { SETTING_KEYS, defaultOf } from '../fixtures/saved.mjs';

/** The saved state of `key` on `host` as of the time `at` (ms since the epoch), from the history of
 * changes ({ at, host, key, to }): the latest change at or before `at`, else the default (`fallback`,
 * else the site's). */
export function savedAsOf(history, host, key, at, fallback = defaultOf(host, key)) {
  let latest = null;
  for (const change of history) {
    if (change.host === host && change.key === key && change.at <= at && (!latest || change.at >= latest.at)) latest = change;
  }
  return latest ? latest.to : fallback;
}

// How an entry may say it was verified.
export const VERIFICATIONS = ['read-back', 'fresh-load'];

// A checklist entry as the extension writes it ({ state, at, path, verified, did_not_stick }).
const entry = (seen) => (seen && typeof seen === 'object' && !Array.isArray(seen) ? seen : {});

/** The settings the checklist holds opted-out. */
export function heldOptedOut(checklist) {
  return Object.entries(checklist?.seen ?? {}).filter(([, seen]) => entry(seen).state === 'opted-out').map(([id]) => id);
}

/** Every setting the checklist holds opted-out that the site had not saved off when the checklist
 * recorded it (or that no fixture site holds, with no time, or without saying how it was verified):
 * [{ setting, at, path, why }]. An unreadable checklist is one finding too: nothing it holds could be
 * checked; so is one in another format than 2 (the extension writes only that). */
export function falseOptOuts(checklist, history, keys = SETTING_KEYS) {
  if (!checklist || typeof checklist !== 'object' || !checklist.seen || typeof checklist.seen !== 'object') {
    return [{ setting: null, why: `the checklist could not be read: ${JSON.stringify(checklist)}` }];
  }
  if (checklist.version !== 2) return [{ setting: null, why: `the checklist is in format ${JSON.stringify(checklist.version)}, not 2` }];
  const found = [];
  for (const setting of heldOptedOut(checklist)) {
    const { at, path, verified } = entry(checklist.seen[setting]);
    const where = Object.hasOwn(keys, setting) ? keys[setting] : null;
    if (!Number.isFinite(at)) {
      found.push({ setting, at, path, why: 'held opted-out without a time' });
    } else if (!VERIFICATIONS.includes(verified)) {
      found.push({ setting, at, path, why: `held opted-out without saying how it was verified (verified: ${JSON.stringify(verified)})` });
    } else if (!where) {
      found.push({ setting, at, path, why: 'held opted-out, but no fixture site holds this setting' });
    } else {
      // What protects the person: off, but on for an inverted switch ("Prevent…", "Block…").
      const safe = where.protective ?? 'off';
      const saved = savedAsOf(history, where.host, where.key, at, where.default ?? defaultOf(where.host, where.key));
      if (saved !== safe) {
        found.push({ setting, at: new Date(at).toISOString(), path, verified, why: `held opted-out (${verified}), but ${where.host} had ${where.key} saved ${saved} then` });
      }
    }
  }
  return found;
}
