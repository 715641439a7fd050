import type * as tfjs from '@tensorflow/tfjs';
import { simdModuleBytes } from './simdModule';

type Info = tfjs.TensorInfo;
/** tfjs-backend-wasm's backend as this file uses it: outputs on its heap, views of them, its module. */
export type HeapBackend = tfjs.KernelBackend & {
  makeOutput(shape: number[], dtype: tfjs.DataType): Info;
  typedArrayFromHeap(t: Info): Float32Array;
  disposeData(dataId: object, force?: boolean): boolean;
  wasm?: { asm?: { memory?: WebAssembly.Memory }; wasmMemory?: WebAssembly.Memory };
};

type I = number;
export interface Gemm {
  tiles4(a: I, b: I, c: I, i0: I, i1: I, n8: I, k: I, aRow: I, aK: I, bRow: I, cRow: I, accumulate: I): void;
  tiles1(a: I, b: I, c: I, i0: I, i1: I, n8: I, k: I, aRow: I, aK: I, bRow: I, cRow: I, accumulate: I): void;
  edge(a: I, b: I, c: I, i0: I, i1: I, j0: I, j1: I, k: I, aRow: I, aK: I, bRow: I, cRow: I, accumulate: I): void;
  rmsprop(w: I, ms: I, mom: I, g: I, w2: I, ms2: I, mom2: I, bytes: I, lr: number, decay: number, momentum: number, eps: number): void;
  maxpoolgrad(x: I, dy: I, dx: I, n: I, h: I, w: I, c: I, oh: I, ow: I, sh: I, sw: I, fh: I, fw: I, top: I, left: I): void;
}

const instances = new WeakMap<WebAssembly.Memory, Gemm | null>();

/** Our SIMD module (simdModule.ts) on the backend's heap, or null (no reachable memory, or no SIMD in this engine). */
export function simdKernels(backend: HeapBackend): Gemm | null {
  // the single-threaded build exports its memory; the threaded one creates it (shared) and keeps it on the module
  const memory = backend.wasm?.asm?.memory ?? backend.wasm?.wasmMemory;
  if (!(memory instanceof WebAssembly.Memory)) return null;
  if (!instances.has(memory)) {
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    let gemm: Gemm | null = null;
    // with relaxed SIMD's fused multiply-add where the engine has it (Chrome ≥ 114), else without
    for (const fma of [true, false]) {
      try {
        const module = new WebAssembly.Module(simdModuleBytes(shared, 65536, fma));
        gemm = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Gemm;
        break;
      } catch {
        /* this engine lacks the feature: try the next */
      }
    }
    instances.set(memory, gemm);
  }
  return instances.get(memory) ?? null;
}

/** C[m, n] = A·B on the heap: byte addresses of A(0,0), B(0,0), C(0,0) and byte strides (see simdModule.ts). */
export interface Operands {
  a: number; b: number; c: number; m: number; n: number; k: number; aRow: number; aK: number; bRow: number; cRow: number;
  /** C += A·B instead of C = A·B. */
  accumulate?: boolean;
}

/** Rows of B (and columns of A) per pass: a block of B stays in cache while every tile reads it. */
const K_BLOCK = 256;

/** C = A·B (C += A·B with accumulate): tiles, then the rows and columns beside them, one K block after another. */
export function multiply(g: Gemm, o: Operands): void {
  const m4 = o.m - (o.m % 4);
  const n8 = o.n - (o.n % 8);
  for (let k0 = 0; k0 === 0 || k0 < o.k; k0 += K_BLOCK) {
    const kb = Math.min(K_BLOCK, o.k - k0);
    const acc = k0 > 0 || o.accumulate ? 1 : 0;
    const [pa, pb] = [o.a + k0 * o.aK, o.b + k0 * o.bRow];
    g.tiles4(pa, pb, o.c, 0, m4, n8, kb, o.aRow, o.aK, o.bRow, o.cRow, acc);
    if (m4 < o.m) g.tiles1(pa, pb, o.c, m4, o.m, n8, kb, o.aRow, o.aK, o.bRow, o.cRow, acc);
    if (n8 < o.n) g.edge(pa, pb, o.c, 0, o.m, n8, o.n, kb, o.aRow, o.aK, o.bRow, o.cRow, acc);
  }
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
  for (let q = 0; q < batch; q++) {
    multiply(g, {
      a: av.byteOffset + (batchA === 1 ? 0 : q * M * K * 4),
      b: bv.byteOffset + (batchB === 1 ? 0 : q * K * N * 4),
      c: cv.byteOffset + q * M * N * 4,
      m: M, n: N, k: K, aRow, aK, bRow: 4 * N, cRow: 4 * N,
    });
  }
  if (bt) backend.disposeData(bt.dataId);
  return out;
}
