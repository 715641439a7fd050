/**
 * A small PNG codec (8-bit grey, grey+alpha, RGB, RGBA; no interlacing, no palettes) on fflate's
 * zlib, plus a box/bilinear resize. Node decodes image datasets with it (the browser worker uses
 * createImageBitmap); tests and the e2e write real PNG files with `encodePng`.
 */
import { unzlibSync, zlibSync } from 'fflate';

export interface Rgba {
  width: number;
  height: number;
  /** width × height × 4 bytes. */
  data: Uint8ClampedArray;
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
const CHANNELS: Record<number, number> = { 0: 1, 4: 2, 2: 3, 6: 4 };

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * A PNG of `pixels` (width × height × channels bytes; channels 1 = grey, 3 = RGB, 4 = RGBA), every
 * row with the same filter (0 none, 1 sub, 2 up, 3 average, 4 paeth).
 */
export function encodePng(pixels: Uint8Array, width: number, height: number, channels: 1 | 3 | 4, filter: 0 | 1 | 2 | 3 | 4 = 0): Uint8Array {
  const row = width * channels;
  const raw = new Uint8Array((row + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (row + 1)] = filter;
    for (let i = 0; i < row; i++) {
      const a = i >= channels ? pixels[y * row + i - channels] : 0;
      const b = y ? pixels[(y - 1) * row + i] : 0;
      const c = y && i >= channels ? pixels[(y - 1) * row + i - channels] : 0;
      const pred = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
      raw[y * (row + 1) + 1 + i] = (pixels[y * row + i] - pred) & 0xff;
    }
  }
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr.set([8, { 1: 0, 3: 2, 4: 6 }[channels], 0, 0, 0], 8);
  const chunks = [chunk('IHDR', ihdr), chunk('IDAT', zlibSync(raw)), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(8 + chunks.reduce((a, c) => a + c.length, 0));
  out.set(SIGNATURE);
  let at = 8;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  v.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** The RGBA pixels of a PNG, or null when the bytes are not a PNG this codec reads. */
export function decodePng(bytes: Uint8Array): Rgba | null {
  if (bytes.length < 8 || SIGNATURE.some((b, i) => bytes[i] !== b)) return null;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Uint8Array[] = [];
  for (let at = 8; at + 8 <= bytes.length; ) {
    const len = v.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const data = bytes.subarray(at + 8, at + 8 + len);
    if (data.length < len) return null;
    if (type === 'IHDR') {
      width = v.getUint32(at + 8);
      height = v.getUint32(at + 12);
      channels = CHANNELS[data[9]] ?? 0;
      if (data[8] !== 8 || !channels || data[12] !== 0) return null; // 8-bit, no palette, not interlaced
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    at += 12 + len;
  }
  if (!width || !height || !idat.length) return null;
  let raw: Uint8Array;
  try {
    const joined = new Uint8Array(idat.reduce((a, d) => a + d.length, 0));
    idat.reduce((at, d) => (joined.set(d, at), at + d.length), 0);
    raw = unzlibSync(joined);
  } catch {
    return null;
  }
  const row = width * channels;
  if (raw.length < (row + 1) * height) return null;
  const px = new Uint8Array(row * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (row + 1)];
    const src = raw.subarray(y * (row + 1) + 1, (y + 1) * (row + 1));
    const out = px.subarray(y * row, (y + 1) * row);
    const up = y ? px.subarray((y - 1) * row, y * row) : new Uint8Array(row);
    for (let i = 0; i < row; i++) {
      const a = i >= channels ? out[i - channels] : 0;
      const b = up[i];
      const c = i >= channels ? up[i - channels] : 0;
      const pred = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : -1;
      if (pred < 0) return null;
      out[i] = (src[i] + pred) & 0xff;
    }
  }
  const data = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const s = p * channels;
    const [r, g, b, a] = channels === 1 ? [px[s], px[s], px[s], 255] : channels === 2 ? [px[s], px[s], px[s], px[s + 1]] : channels === 3 ? [px[s], px[s + 1], px[s + 2], 255] : [px[s], px[s + 1], px[s + 2], px[s + 3]];
    data.set([r, g, b, a], p * 4);
  }
  return { width, height, data };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** RGBA scaled to width × height: the mean of the covered source pixels when shrinking, bilinear when growing. */
export function resizeRgba(img: Rgba, width: number, height: number): Uint8ClampedArray {
  if (img.width === width && img.height === height) return img.data;
  const out = new Uint8ClampedArray(width * height * 4);
  const sx = img.width / width;
  const sy = img.height / height;
  const at = (x: number, y: number, k: number) => img.data[(Math.min(img.height - 1, y) * img.width + Math.min(img.width - 1, x)) * 4 + k];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      for (let k = 0; k < 4; k++) {
        let v: number;
        if (sx >= 1 && sy >= 1) {
          const [x0, x1, y0, y1] = [Math.floor(x * sx), Math.max(Math.floor(x * sx) + 1, Math.floor((x + 1) * sx)), Math.floor(y * sy), Math.max(Math.floor(y * sy) + 1, Math.floor((y + 1) * sy))];
          let sum = 0;
          for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) sum += at(xx, yy, k);
          v = sum / ((x1 - x0) * (y1 - y0));
        } else {
          const fx = Math.max(0, (x + 0.5) * sx - 0.5);
          const fy = Math.max(0, (y + 0.5) * sy - 0.5);
          const [x0, y0] = [Math.floor(fx), Math.floor(fy)];
          const [tx, ty] = [fx - x0, fy - y0];
          v = (at(x0, y0, k) * (1 - tx) + at(x0 + 1, y0, k) * tx) * (1 - ty) + (at(x0, y0 + 1, k) * (1 - tx) + at(x0 + 1, y0 + 1, k) * tx) * ty;
        }
        out[(y * width + x) * 4 + k] = Math.round(v);
      }
  return out;
}
