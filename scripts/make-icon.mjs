#!/usr/bin/env node
/**
 * Draws media/icon.png, the 128×128 extension icon: a shield with a keyhole on a rounded navy square, in
 * flat colours. The PNG is written by hand (signature, IHDR, IDAT, IEND) with node:zlib for the deflate
 * stream, so the icon can be regenerated without any image library: `node scripts/make-icon.mjs`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const SIZE = 128;
/** Samples per pixel along each axis; edges are anti-aliased by averaging the samples. */
const SUPERSAMPLE = 4;

const NAVY = [0x1d, 0x35, 0x57];
const TEAL = [0x2e, 0xc4, 0xb6];
const PAPER = [0xf1, 0xfa, 0xee];
const PAPER_SHADE = [0xd6, 0xea, 0xe4];

/** Rounded square covering the whole icon. */
function inBackground(x, y) {
  const r = 26;
  const cx = Math.min(Math.max(x, r), SIZE - r);
  const cy = Math.min(Math.max(y, r), SIZE - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/**
 * A heater shield: a top edge that dips towards the middle, straight sides, then curved sides meeting in
 * a point. `inset` shrinks it evenly to draw the border.
 */
function inShield(x, y, inset = 0) {
  const halfWidth = 38 - inset;
  const shoulder = 64;
  const bottom = 114 - inset * 1.6;
  const dx = x - 64;
  if (Math.abs(dx) > halfWidth) return false;
  const top = 16 + inset + 7 * (1 - (dx / halfWidth) ** 2);
  if (y < top || y > bottom) return false;
  if (y <= shoulder) return true;
  const t = (y - shoulder) / (bottom - shoulder);
  return Math.abs(dx) <= halfWidth * (1 - t ** 1.7);
}

/** A keyhole: a round head and a tapering slot below it. */
function inKeyhole(x, y) {
  const cx = 64;
  const cy = 56;
  if ((x - cx) ** 2 + (y - cy) ** 2 <= 11.5 ** 2) return true;
  if (y < cy || y > 88) return false;
  const halfWidth = 4.5 + ((y - cy) / (88 - cy)) * 4;
  return Math.abs(x - cx) <= halfWidth;
}

/** The colour at a sample point, or null for transparent. */
function colourAt(x, y) {
  if (inShield(x, y, 7)) {
    if (inKeyhole(x, y)) return NAVY;
    return x < 64 ? PAPER_SHADE : PAPER;
  }
  if (inShield(x, y)) return TEAL;
  if (inBackground(x, y)) return NAVY;
  return null;
}

function render() {
  const rgba = Buffer.alloc(SIZE * SIZE * 4);
  const n = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const c = colourAt(px + (sx + 0.5) / SUPERSAMPLE, py + (sy + 0.5) / SUPERSAMPLE);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const i = (py * SIZE + px) * 4;
      if (a > 0) {
        // Colour is averaged over the covered samples only, so edges against transparency do not darken.
        rgba[i] = Math.round(r / a);
        rgba[i + 1] = Math.round(g / a);
        rgba[i + 2] = Math.round(b / a);
      }
      rgba[i + 3] = Math.round((a / n) * 255);
    }
  }
  return rgba;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

function encodePng(rgba, width, height) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  // Each scanline starts with its filter type; 0 (None) keeps the encoder trivial.
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0;
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'media', 'icon.png');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, encodePng(render(), SIZE, SIZE));
console.log(`wrote ${path.relative(root, out)}`);
