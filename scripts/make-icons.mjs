#!/usr/bin/env node
// Draws the app icons (public/icons/*.png) from the favicon's design: the accent EQ curve on the dark
// theme colour. Pure Node (node:zlib for PNG), so no native image library is needed. Run: node scripts/make-icons.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'public', 'icons');

const BACKGROUND = [0x10, 0x13, 0x1a];
const ACCENT = [0x5a, 0xd1, 0xc4];

// The favicon's curve on its 64-unit grid: M6 40 C16 40 16 22 26 22 S36 46 46 38 S54 24 58 24
const CURVE = [
  [
    [6, 40],
    [16, 40],
    [16, 22],
    [26, 22],
  ],
  [
    [26, 22],
    [36, 22],
    [36, 46],
    [46, 38],
  ],
  [
    [46, 38],
    [56, 30],
    [54, 24],
    [58, 24],
  ],
];
const STROKE = 5;

function polyline() {
  const pts = [];
  for (const [p0, p1, p2, p3] of CURVE) {
    for (let i = pts.length ? 1 : 0; i <= 64; i++) {
      const t = i / 64;
      const u = 1 - t;
      const a = u * u * u;
      const b = 3 * u * u * t;
      const c = 3 * u * t * t;
      const d = t * t * t;
      pts.push([
        a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
        a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
      ]);
    }
  }
  return pts;
}

function segmentDistance(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/**
 * size: pixels; art: the side of the 64-unit design in pixels (smaller for maskable icons, whose outer 10 %
 * may be cropped); corner: corner radius of the background in design units (0: full bleed).
 */
function drawIcon(size, art, corner) {
  const rgba = new Uint8Array(size * size * 4);
  const scale = art / 64;
  const offset = (size - art) / 2;
  const pts = polyline().map(([x, y]) => [offset + x * scale, offset + y * scale]);
  const half = (STROKE * scale) / 2;
  const r = corner * scale;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const cx = x + 0.5;
      const cy = y + 0.5;
      // Background: a rounded square (signed distance to its edge), antialiased over one pixel.
      let bg = 1;
      if (r > 0) {
        const qx = Math.max(r - cx, cx - (size - r), 0);
        const qy = Math.max(r - cy, cy - (size - r), 0);
        bg = Math.max(0, Math.min(1, r - Math.hypot(qx, qy) + 0.5));
      }
      let d = Infinity;
      for (let i = 1; i < pts.length; i++) d = Math.min(d, segmentDistance(cx, cy, pts[i - 1], pts[i]));
      const ink = Math.max(0, Math.min(1, half - d + 0.5));
      const o = (y * size + x) * 4;
      for (let k = 0; k < 3; k++) rgba[o + k] = Math.round(BACKGROUND[k] + (ACCENT[k] - BACKGROUND[k]) * ink);
      rgba[o + 3] = Math.round(255 * bg);
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++)
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const ICONS = [
  // Rounded like the favicon; "any" purpose.
  { file: 'icon-192.png', size: 192, art: 192, corner: 14 },
  { file: 'icon-512.png', size: 512, art: 512, corner: 14 },
  // Maskable: full bleed, the curve inside the central safe circle (80 % of the side).
  { file: 'icon-maskable-512.png', size: 512, art: 384, corner: 0 },
  // iOS home screen: opaque, the system rounds the corners.
  { file: 'apple-touch-icon-180.png', size: 180, art: 160, corner: 0 },
];

mkdirSync(outDir, { recursive: true });
for (const { file, size, art, corner } of ICONS) {
  writeFileSync(join(outDir, file), png(size, drawIcon(size, art, corner)));
  console.log(`public/icons/${file}`);
}
