import type * as tfjs from '@tensorflow/tfjs';
import { gemmModuleBytes } from './gemmModule';

type Info = tfjs.TensorInfo;
/** tfjs-backend-wasm's backend as this file uses it: outputs on its heap, views of them, its module. */
export type HeapBackend = tfjs.KernelBackend & {
  makeOutput(shape: number[], dtype: tfjs.DataType): Info;
  typedArrayFromHeap(t: Info): Float32Array;
  disposeData(dataId: object, force?: boolean): boolean;
  wasm?: { asm?: { memory?: WebAssembly.Memory } };
};

type I = number;
interface Gemm {
  tiles4(a: I, b: I, c: I, i0: I, i1: I, n8: I, k: I, aRow: I, aK: I, bRow: I, cRow: I): void;
  tiles1(a: I, b: I, c: I, i0: I, i1: I, n8: I, k: I, aRow: I, aK: I, bRow: I, cRow: I): void;
  edge(a: I, b: I, c: I, i0: I, i1: I, j0: I, j1: I, k: I, aRow: I, aK: I, bRow: I, cRow: I): void;
  rmsprop(w: I, ms: I, mom: I, g: I, w2: I, ms2: I, mom2: I, bytes: I, lr: number, decay: number, momentum: number, eps: number): void;
}

const instances = new WeakMap<WebAssembly.Memory, Gemm | null>();

/** Our module (products, RMSprop) on the backend's heap, or null (no reachable memory, or no SIMD in this engine). */
export function gemmFor(backend: HeapBackend): Gemm | null {
  const memory = backend.wasm?.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) return null;
  if (!instances.has(memory)) {
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    try {
      const module = new WebAssembly.Module(gemmModuleBytes(shared, 65536));
      instances.set(memory, new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Gemm);
    } catch {
      instances.set(memory, null);
    }
  }
  return instances.get(memory) ?? null;
}

export interface Product {
  /** [..., M, K] (or [..., K, M] with transposeA) and [..., K, N] (or [..., N, K] with transposeB). */
  a: Info;
  b: Info;
  transposeA: boolean;
  transposeB: boolean;
}

const size = (shape: number[]) => shape.reduce((x, y) => x * y, 1);

/**
 * a·b with our kernel into a new heap tensor of shape [...lead, M, N] (lead: the broadcast batch
 * dims), or null when a side's batch dims are neither all 1 nor the full `lead` (partial
 * broadcasting). Bᵀ is first written out row-major.
 */
export function gemmProduct(backend: HeapBackend, g: Gemm, p: Product, lead: number[]): Info | null {
  const { a, b, transposeA, transposeB } = p;
  const ra = a.shape.length;
  const rb = b.shape.length;
  const [M, K] = transposeA ? [a.shape[ra - 1], a.shape[ra - 2]] : [a.shape[ra - 2], a.shape[ra - 1]];
  const [kb, N] = transposeB ? [b.shape[rb - 1], b.shape[rb - 2]] : [b.shape[rb - 2], b.shape[rb - 1]];
  const batchA = size(a.shape.slice(0, -2));
  const batchB = size(b.shape.slice(0, -2));
  const batch = size(lead);
  if (kb !== K || (batchA !== 1 && batchA !== batch) || (batchB !== 1 && batchB !== batch)) return null;
  const out = backend.makeOutput([...lead, M, N], 'float32');
  let bt: Info | null = null;
  if (transposeB) bt = backend.makeOutput([batchB, K, N], 'float32');
  // views taken after the allocations: growing the heap detaches earlier ones
  const av = backend.typedArrayFromHeap(a);
  let bv = backend.typedArrayFromHeap(b);
  const cv = backend.typedArrayFromHeap(out);
  if (bt) {
    const t = backend.typedArrayFromHeap(bt);
    for (let q = 0; q < batchB; q++) {
      const o = q * K * N;
      for (let j = 0; j < N; j++) for (let k = 0; k < K; k++) t[o + k * N + j] = bv[o + j * K + k];
    }
    bv = t;
  }
  const [aRow, aK] = transposeA ? [4, 4 * M] : [4 * K, 4];
  const m4 = M - (M % 4);
  const n8 = N - (N % 8);
  for (let q = 0; q < batch; q++) {
    const pa = av.byteOffset + (batchA === 1 ? 0 : q * M * K * 4);
    const pb = bv.byteOffset + (batchB === 1 ? 0 : q * K * N * 4);
    const pc = cv.byteOffset + q * M * N * 4;
    g.tiles4(pa, pb, pc, 0, m4, n8, K, aRow, aK, 4 * N, 4 * N);
    if (m4 < M) g.tiles1(pa, pb, pc, m4, M, n8, K, aRow, aK, 4 * N, 4 * N);
    if (n8 < N) g.edge(pa, pb, pc, 0, M, n8, N, K, aRow, aK, 4 * N, 4 * N);
  }
  if (bt) backend.disposeData(bt.dataId);
  return out;
}
