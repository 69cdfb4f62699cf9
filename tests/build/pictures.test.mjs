// The README's pictures (docs/*.png) are current: rendered from the interface's sources as they are now
// (tests/pictures/sources.mjs lists them; tests/pictures/render.mjs records their hashes in
// docs/pictures.json as it renders), each one as recorded, and each shown in the README with alt text.
// No browser: the hashes are compared, not the pictures re-rendered. And what the command does to make the
// PNGs small (tests/pictures/png.mjs), on pictures made here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { compact, pixels } from '../pictures/png.mjs';
import { COMMAND, DOCS, MANIFEST, ROOT, pngSize, sha256, sourceHashes, staleSources } from '../pictures/sources.mjs';

const manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8'));
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

test('the pictures were rendered from the interface\'s sources as they are now', () => {
  const stale = staleSources(manifest.sources, sourceHashes());
  assert.deepEqual(stale, [], `the README's pictures are stale (${stale.length} source file(s) differ from docs/pictures.json): run \`./build.sh && ${COMMAND}\` and commit docs/`);
});

test('the record names the command that writes it', () => {
  assert.equal(manifest.command, COMMAND);
  assert.ok(Object.keys(manifest.sources).length > 0, 'no source recorded');
});

test('each picture recorded is in docs/ as a PNG, as it was rendered, and docs/ holds no other', () => {
  const names = Object.keys(manifest.pictures);
  assert.ok(names.length >= 6, `${names.length} pictures recorded`);
  for (const name of names) {
    const bytes = fs.readFileSync(path.join(DOCS, name));
    const { width, height } = pngSize(bytes);
    assert.deepEqual({ width, height, bytes: bytes.length, sha256: sha256(bytes) }, manifest.pictures[name], `docs/${name} is not the picture rendered: run ${COMMAND}`);
  }
  const pngs = fs.readdirSync(DOCS).filter((f) => f.endsWith('.png')).sort();
  assert.deepEqual(pngs, [...names].sort(), 'docs/ holds PNGs that the command did not render');
});

test('the README shows every picture, each with alt text', () => {
  for (const name of Object.keys(manifest.pictures)) {
    const shown = [...README.matchAll(/!\[([^\]]*)\]\(([^)\s]+)\)/g)].filter((m) => m[2] === `docs/${name}`);
    assert.equal(shown.length, 1, `the README shows docs/${name} ${shown.length} times`);
    assert.ok(shown[0][1].trim().length >= 20, `docs/${name}'s alt text says too little: "${shown[0][1]}"`);
  }
});

// compact() (tests/pictures/png.mjs), on screenshots made here: an 8-bit RGB PNG of `width` × `height`
// whose pixel i is colour(i).
function rgbPng(width, height, colour) {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0; // unfiltered rows
    for (let x = 0; x < width; x++) raw.set(colour(y * width + x), y * (width * 3 + 1) + 1 + 3 * x);
  }
  const chunk = (type, data) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
const differing = (a, b) => {
  let n = 0;
  for (let i = 0; i < a.length; i += 3) if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) n++;
  return n;
};

test('compact(): a picture of a few colours and rare edge colours becomes a palette image, only the rare pixels changed, each to a near colour', () => {
  // 200 × 100: 256 common colours (a grey ramp, 78 pixels each or so), and 40 pixels of 40 other colours,
  // each one step from a grey.
  const rare = new Map(Array.from({ length: 40 }, (_, j) => [j * 499 + 7, [j * 6 + 1, j * 6, j * 6]]));
  const png = rgbPng(200, 100, (i) => rare.get(i) ?? [i % 256, i % 256, i % 256]);
  const { bytes, colours, remapped } = compact(png);
  assert.equal(bytes[25], 3, 'a palette PNG');
  assert.equal(colours, 296);
  assert.equal(remapped, 40 / 20000);
  const [before, after] = [pixels(png), pixels(bytes)];
  assert.equal(differing(before, after), 40);
  for (const [i] of rare) {
    const moved = Math.max(...[0, 1, 2].map((c) => Math.abs(before[3 * i + c] - after[3 * i + c])));
    assert.equal(moved, 1, `pixel ${i} moved by ${moved}`);
  }
  assert.ok(bytes.length < png.length, `${bytes.length} bytes, the screenshot ${png.length}`);
});

test('compact(): a picture of many colours (a gradient) is written exactly, in RGB', () => {
  const png = rgbPng(120, 120, (i) => [i % 256, (i >> 8) & 255, (i * 7) % 256]);
  const { bytes, colours, remapped } = compact(png);
  assert.equal(bytes[25], 2, 'an RGB PNG');
  assert.ok(colours > 256);
  assert.equal(remapped, 0);
  assert.ok(pixels(png).equals(pixels(bytes)), 'the same pixels');
});
