/**
 * weightsManifest + .bin files → named tensors. Sizes are checked against the manifest before
 * anything is allocated; quantized and float16 weights are decoded to float32.
 */
import type { TensorData } from '../weights';
import { issue, type Issue } from '../issues';
import { LIMITS, fmtBytes } from './limits';
import type { ManifestEntry, WeightsManifest } from './schemas';

export interface NamedTensor extends TensorData {
  name: string;
}

const elements = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

function bytesPer(e: ManifestEntry): number {
  const q = e.quantization?.dtype;
  if (q === 'uint8') return 1;
  if (q === 'uint16' || q === 'float16') return 2;
  if (e.dtype === 'float32' || e.dtype === 'int32' || e.dtype === undefined) return 4;
  if (e.dtype === 'float16' || e.dtype === 'uint16') return 2;
  if (e.dtype === 'uint8' || e.dtype === 'bool') return 1;
  return -1;
}

/** Half-precision bits → float32. */
function half(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? NaN : s * Infinity;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

function decode(e: ManifestEntry, bytes: Uint8Array): Float32Array {
  const n = elements(e.shape);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(n);
  const q = e.quantization;
  if (q?.dtype === 'float16' || (!q && e.dtype === 'float16')) for (let i = 0; i < n; i++) out[i] = half(view.getUint16(2 * i, true));
  else if (q) {
    const [scale, min] = [q.scale ?? 1, q.min ?? 0];
    for (let i = 0; i < n; i++) out[i] = (q.dtype === 'uint8' ? view.getUint8(i) : view.getUint16(2 * i, true)) * scale + min;
  } else if (e.dtype === 'int32') for (let i = 0; i < n; i++) out[i] = view.getInt32(4 * i, true);
  else if (e.dtype === 'uint8' || e.dtype === 'bool') for (let i = 0; i < n; i++) out[i] = view.getUint8(i);
  else if (e.dtype === 'uint16') for (let i = 0; i < n; i++) out[i] = view.getUint16(2 * i, true);
  else for (let i = 0; i < n; i++) out[i] = view.getFloat32(4 * i, true);
  return out;
}

const base = (p: string) => p.split(/[\\/]/).pop() ?? p;

/**
 * Decode every weight of the manifest from the given files (matched by file name). Returns
 * null tensors (and a warning) when no weight file was given at all.
 */
export function readWeightFiles(manifest: WeightsManifest, files: ReadonlyMap<string, Uint8Array>): { tensors: NamedTensor[] | null; issues: Issue[] } {
  const issues: Issue[] = [];
  const wanted = manifest.flatMap((g) => g.paths.map(base));
  if (manifest.every((g) => g.weights.length === 0)) return { tensors: [], issues };
  if (!wanted.some((p) => files.has(p)))
    return { tensors: null, issues: [issue('weights', `no weights loaded: choose ${wanted.join(', ')} together with model.json`, {}, 'warning')] };
  let totalBytes = 0;
  for (const g of manifest) for (const e of g.weights) totalBytes += elements(e.shape) * 4;
  if (totalBytes > LIMITS.paramBytes) return { tensors: null, issues: [issue('invalid-file', `the weights need ${fmtBytes(totalBytes)}; more than ${fmtBytes(LIMITS.paramBytes)} is refused`)] };
  const tensors: NamedTensor[] = [];
  for (const g of manifest) {
    const missing = g.paths.map(base).filter((p) => !files.has(p));
    if (missing.length) {
      issues.push(issue('weights', `the weights file ${missing.join(', ')} is missing`));
      continue;
    }
    const parts = g.paths.map((p) => files.get(base(p))!);
    const size = parts.reduce((a, p) => a + p.byteLength, 0);
    let need = 0;
    for (const e of g.weights) {
      const b = bytesPer(e);
      if (b < 0) return { tensors: null, issues: [issue('weights', `weight "${e.name}" has dtype ${e.dtype}, which cannot be loaded`)] };
      need += elements(e.shape) * b;
    }
    if (size < need) {
      issues.push(issue('weights', `${g.paths.map(base).join(' + ')} hold ${fmtBytes(size)}, but the manifest needs ${fmtBytes(need)}; the file is short or belongs to another model`));
      continue;
    }
    if (size > need) issues.push(issue('weights', `${g.paths.map(base).join(' + ')} hold ${size - need} bytes more than the manifest describes`, {}, 'warning'));
    const all = parts.length === 1 ? parts[0] : concat(parts, size);
    let at = 0;
    for (const e of g.weights) {
      const len = elements(e.shape) * bytesPer(e);
      tensors.push({ name: e.name, shape: [...e.shape], data: decode(e, all.subarray(at, at + len)) });
      at += len;
    }
  }
  return { tensors: issues.some((i) => i.severity === 'error') ? null : tensors, issues };
}

export function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** Count of NaN / Infinity values; NaN weights are flagged, not silently loaded. */
export function nonFinite(data: Float32Array): number {
  let n = 0;
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) n++;
  return n;
}
