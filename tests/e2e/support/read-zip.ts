/**
 * Reads a zip file back in the specs, independently of the library that wrote it: the central directory,
 * each entry's local header, its stored (uncompressed) bytes, and its CRC-32 checked with Node's zlib.
 */
import { crc32 } from 'node:zlib';

export interface ZipFileEntry {
  name: string;
  bytes: Uint8Array;
  modified: Date;
}

function dosDate(date: number, time: number): Date {
  return new Date(
    1980 + (date >> 9),
    ((date >> 5) & 15) - 1,
    date & 31,
    time >> 11,
    (time >> 5) & 63,
    (time & 31) * 2,
  );
}

export function readZip(zip: Uint8Array): ZipFileEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let o = zip.length - 22; o >= Math.max(0, zip.length - 65557); o--) {
    if (view.getUint32(o, true) === 0x06054b50) {
      eocd = o;
      break;
    }
  }
  if (eocd < 0) throw new Error('no end of central directory: not a zip file');
  const count = view.getUint16(eocd + 10, true);
  let o = view.getUint32(eocd + 16, true);
  const entries: ZipFileEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(o, true) !== 0x02014b50) throw new Error(`central directory entry ${i} is damaged`);
    const method = view.getUint16(o + 10, true);
    const time = view.getUint16(o + 12, true);
    const date = view.getUint16(o + 14, true);
    const crc = view.getUint32(o + 16, true);
    let size = view.getUint32(o + 20, true);
    let uncompressed = view.getUint32(o + 24, true);
    const nameLength = view.getUint16(o + 28, true);
    const extraLength = view.getUint16(o + 30, true);
    const commentLength = view.getUint16(o + 32, true);
    let local = view.getUint32(o + 42, true);
    const name = new TextDecoder().decode(zip.subarray(o + 46, o + 46 + nameLength));
    // Zip64: sizes and offsets that do not fit in 32 bits are in the extra field.
    for (let e = o + 46 + nameLength; e < o + 46 + nameLength + extraLength;) {
      const id = view.getUint16(e, true);
      const len = view.getUint16(e + 2, true);
      if (id === 1) {
        // In this order, each only when its 32-bit field is saturated.
        let f = e + 4;
        if (uncompressed === 0xffffffff) {
          uncompressed = Number(view.getBigUint64(f, true));
          f += 8;
        }
        if (size === 0xffffffff) {
          size = Number(view.getBigUint64(f, true));
          f += 8;
        }
        if (local === 0xffffffff) local = Number(view.getBigUint64(f, true));
      }
      e += 4 + len;
    }
    if (method !== 0 || size !== uncompressed)
      throw new Error(`${name}: compressed (method ${method}), expected stored`);
    if (view.getUint32(local, true) !== 0x04034b50) throw new Error(`${name}: local header is damaged`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const bytes = zip.subarray(start, start + size);
    if (crc32(bytes) !== crc) throw new Error(`${name}: CRC-32 does not match its bytes`);
    entries.push({ name, bytes, modified: dosDate(date, time) });
    o += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
