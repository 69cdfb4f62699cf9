// Small PNGs for the README. The browser's screenshot (8-bit RGB or RGBA, opaque, not interlaced) is decoded
// and written again with zlib at its best level, as a palette image when that is close to exact: the 256
// colours most of its pixels use are kept exactly, and the few pixels in any other colour (the anti-aliased
// edges of text, a few percent) are drawn in the nearest of those (by RGB distance). A picture that needs
// more of its pixels changed than MAX_REMAPPED is written exactly instead, in RGB, its rows filtered the way
// that compresses best. Deterministic: the same screenshot gives the same file.

import zlib from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunksOf(png) {
  const chunks = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    chunks.push({ type: png.toString('latin1', at + 4, at + 8), data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return chunks;
}

const paeth = (a, b, c) => {
  const p = a + b - c;
  const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};
// The predictor of each filter type (1 sub, 2 up, 3 average, 4 Paeth) from left, up and up-left.
const PREDICT = [() => 0, (a) => a, (a, b) => b, (a, b) => (a + b) >> 1, paeth];

/** { width, height, channels, rows: [Buffer] } of an 8-bit RGB (2) or RGBA (6) non-interlaced PNG. */
function decode(png) {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  const chunks = chunksOf(png);
  const ihdr = chunks[0].data;
  const [width, height, depth, type, , , interlace] = [ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ...ihdr.subarray(8, 13)];
  if (depth !== 8 || ![2, 6].includes(type) || interlace !== 0) throw new Error(`unexpected PNG (depth ${depth}, colour type ${type}, interlace ${interlace})`);
  const channels = type === 6 ? 4 : 3;
  const data = zlib.inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = width * channels;
  const rows = [];
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const start = y * (stride + 1);
    const predict = PREDICT[data[start]];
    const row = Buffer.from(data.subarray(start + 1, start + 1 + stride));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? row[x - channels] : 0;
      const c = x >= channels ? prev[x - channels] : 0;
      row[x] = (row[x] + predict(a, prev[x], c)) & 0xff;
    }
    rows.push(row);
    prev = row;
  }
  return { width, height, channels, rows };
}

function filtered(row, prev, channels, type) {
  const out = Buffer.alloc(row.length + 1);
  out[0] = type;
  for (let x = 0; x < row.length; x++) {
    const a = x >= channels ? row[x - channels] : 0;
    const c = x >= channels ? prev[x - channels] : 0;
    out[x + 1] = (row[x] - PREDICT[type](a, prev[x], c)) & 0xff;
  }
  return out;
}

// The filtered row whose bytes, read as signed, sum smallest (the PNG specification's heuristic).
function bestFiltered(row, prev, channels) {
  let best = null;
  let bestSum = Infinity;
  for (let type = 0; type < 5; type++) {
    const f = filtered(row, prev, channels, type);
    let sum = 0;
    for (let i = 1; i < f.length; i++) sum += f[i] < 128 ? f[i] : 256 - f[i];
    if (sum < bestSum) [best, bestSum] = [f, sum];
  }
  return best;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const MAX_REMAPPED = 0.05;

function encode(width, height, type, raw, palette = null) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, type, 0, 0, 0], 8);
  return Buffer.concat([
    SIGNATURE, chunk('IHDR', ihdr), ...(palette ? [chunk('PLTE', palette)] : []),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9, memLevel: 9 })), chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Exactly, in RGB: each row unfiltered, or each with its best filter, whichever compresses smaller.
function exactRgb(width, height, rows) {
  const zero = Buffer.alloc(width * 3);
  const plain = Buffer.concat(rows.map((r) => Buffer.concat([Buffer.from([0]), r])));
  const adaptive = Buffer.concat(rows.map((r, y) => bestFiltered(r, y ? rows[y - 1] : zero, 3)));
  return [encode(width, height, 2, plain), encode(width, height, 2, adaptive)].sort((a, b) => a.length - b.length)[0];
}

// The 256 most used colours (ties: the lower RGB value first), each other colour drawn in the nearest of them.
function palette(width, height, rows) {
  const count = new Map();
  for (const r of rows) for (let x = 0; x < r.length; x += 3) {
    const k = (r[x] << 16) | (r[x + 1] << 8) | r[x + 2];
    count.set(k, (count.get(k) ?? 0) + 1);
  }
  const kept = [...count].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 256).map(([k]) => k);
  const index = new Map(kept.map((k, i) => [k, i]));
  const nearest = (k) => {
    let best = 0;
    let bestDistance = Infinity;
    kept.forEach((p, i) => {
      const d = ((k >> 16) - (p >> 16)) ** 2 + (((k >> 8) & 255) - ((p >> 8) & 255)) ** 2 + ((k & 255) - (p & 255)) ** 2;
      if (d < bestDistance) [best, bestDistance] = [i, d];
    });
    return best;
  };
  let remapped = 0;
  const raw = Buffer.alloc((width + 1) * height); // filter 0 on every row, as suits a palette image
  rows.forEach((r, y) => {
    for (let x = 0; x < width; x++) {
      const k = (r[3 * x] << 16) | (r[3 * x + 1] << 8) | r[3 * x + 2];
      let i = index.get(k);
      if (i === undefined || kept[i] !== k) {
        remapped++;
        if (i === undefined) index.set(k, (i = nearest(k)));
      }
      raw[y * (width + 1) + 1 + x] = i;
    }
  });
  const plte = Buffer.alloc(kept.length * 3);
  kept.forEach((k, i) => plte.set([k >> 16, (k >> 8) & 255, k & 255], 3 * i));
  return { bytes: encode(width, height, 3, raw, plte), colours: count.size, remapped: remapped / (width * height) };
}

/** The picture `png` (a Buffer) written small: { bytes, colours: how many it had, remapped: the share of its
 * pixels now drawn in a neighbouring colour (0 when exact) }. */
export function compact(png) {
  let { width, height, channels, rows } = decode(png);
  if (channels === 4) {
    if (!rows.every((r) => r.every((v, i) => i % 4 !== 3 || v === 255))) throw new Error('a screenshot with transparent pixels');
    rows = rows.map((r) => Buffer.from(r.filter((_, i) => i % 4 !== 3)));
  }
  const small = palette(width, height, rows);
  if (small.remapped <= MAX_REMAPPED) return small;
  return { bytes: exactRgb(width, height, rows), colours: small.colours, remapped: 0 };
}

/** The pixels of a PNG (8-bit RGB or RGBA, or a palette image) as RGB, for comparing two encodings of a picture. */
export function pixels(png) {
  if (png.toString('latin1', 12, 16) === 'IHDR' && png[25] === 3) {
    const chunks = chunksOf(png);
    const plte = chunks.find((c) => c.type === 'PLTE').data;
    const width = png.readUInt32BE(16);
    const raw = zlib.inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
    const out = Buffer.alloc((raw.length / (width + 1)) * width * 3);
    for (let y = 0, o = 0; y * (width + 1) < raw.length; y++) {
      if (raw[y * (width + 1)] !== 0) throw new Error('a filtered palette row');
      for (let x = 0; x < width; x++, o += 3) plte.copy(out, o, 3 * raw[y * (width + 1) + 1 + x], 3 * raw[y * (width + 1) + 1 + x] + 3);
    }
    return out;
  }
  const { channels, rows } = decode(png);
  return Buffer.concat(channels === 4 ? rows.map((r) => Buffer.from(r.filter((_, i) => i % 4 !== 3))) : rows);
}
