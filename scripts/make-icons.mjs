// Writes the toolbar icons (a key on a blue rounded square) as PNGs, so no binary art is hand-edited.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

function crc32(buf) {
  let c,
    crc = 0xffffffff;
  for (const b of buf) {
    c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function icon(n) {
  const rows = [];
  for (let y = 0; y < n; y++) {
    const row = [0];
    for (let x = 0; x < n; x++) {
      const u = x / n,
        v = y / n,
        r = 0.18;
      const inside =
        Math.min(u, 1 - u) > 0.02 &&
        Math.min(v, 1 - v) > 0.02 &&
        !(
          (u < r || u > 1 - r) &&
          (v < r || v > 1 - r) &&
          Math.hypot((u < 0.5 ? r : 1 - r) - u, (v < 0.5 ? r : 1 - r) - v) > r - 0.02
        );
      const ring = Math.hypot(u - 0.34, v - 0.5) < 0.17 && Math.hypot(u - 0.34, v - 0.5) > 0.08;
      const shaft = u > 0.48 && u < 0.84 && v > 0.46 && v < 0.54;
      const tooth = ((u > 0.66 && u < 0.72) || (u > 0.76 && u < 0.82)) && v >= 0.54 && v < 0.66;
      const white = ring || shaft || tooth;
      row.push(...(inside ? (white ? [255, 255, 255, 255] : [15, 108, 189, 255]) : [0, 0, 0, 0]));
    }
    rows.push(Buffer.from(row));
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(n, 0);
  ihdr.writeUInt32BE(n, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
for (const n of [16, 48, 128]) writeFileSync(new URL(`../public/icon-${n}.png`, import.meta.url), icon(n));
