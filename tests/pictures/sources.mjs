// What the README's pictures (docs/*.png) are made from, shared by the command that renders them
// (render.mjs) and the build test that tells when they are stale (tests/build/pictures.test.mjs).
// The pictures show OptOut's interface: the banner and the guide's callout (the content script's modules
// and stylesheets), the popup (its page, and the core's renderer and checklist view), the options page,
// the English texts, and the texts of the two platforms pictured (LinkedIn's and X's rules). render.mjs
// records a hash of each of these files in docs/pictures.json; when one changes, the pictures are stale.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DOCS = path.join(ROOT, 'docs');
export const MANIFEST = path.join(DOCS, 'pictures.json');

// The one command that renders them (README, Pictures), under the lock every browser run here takes.
export const COMMAND = 'flock /tmp/optout-443.lock node tests/pictures/render.mjs';

// Folders whose every file counts (recursively), and single files.
const SOURCE_DIRS = ['extension/content', 'extension/popup', 'extension/options'];
const SOURCE_FILES = [
  'extension/_locales/en/messages.json',
  'crate/src/wasm/popup.rs',
  'crate/src/checklist/view.rs',
  'crate/rules/linkedin.json',
  'crate/rules/x.json',
];

function filesUnder(rel) {
  const dir = path.join(ROOT, rel);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const child = `${rel}/${e.name}`;
    return e.isDirectory() ? filesUnder(child) : e.isFile() ? [child] : [];
  });
}

/** The sources as they are now: { "<path from the repository's root>": "<sha256 hex of its bytes>" },
 * sorted by path. */
export function sourceHashes() {
  const files = [...SOURCE_DIRS.flatMap(filesUnder), ...SOURCE_FILES.filter((f) => fs.existsSync(path.join(ROOT, f)))].sort();
  return Object.fromEntries(files.map((f) => [f, sha256(fs.readFileSync(path.join(ROOT, f)))]));
}

export const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

/** A PNG's size in pixels, from its IHDR chunk; throws on anything that is not a PNG. */
export function pngSize(bytes) {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG');
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** What changed between the sources recorded (`then`) and `now`: paths changed, added or removed. */
export function staleSources(then, now) {
  const paths = new Set([...Object.keys(then), ...Object.keys(now)]);
  return [...paths].sort().flatMap((p) => {
    if (!(p in then)) return [`${p} (added)`];
    if (!(p in now)) return [`${p} (removed)`];
    return then[p] === now[p] ? [] : [`${p} (changed)`];
  });
}
