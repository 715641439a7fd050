/**
 * Datasets as the trainer reads them: one column per model input and per model output,
 * keyed by the Keras names, stored as flat typed arrays (no tensors until a batch is built).
 */

export interface Column {
  /** Shape of one sample (no batch dim). */
  shape: number[];
  dtype: 'float32' | 'int32';
  /** count × prod(shape) values. A Uint8Array is read as float32 times `scale` (MNIST pixels). */
  values: Float32Array | Int32Array | Uint8Array;
  scale?: number;
}

export interface Dataset {
  count: number;
  /** By model input name. */
  inputs: Record<string, Column>;
  /** By model output name. */
  targets: Record<string, Column>;
}

export interface DataSplits {
  /** Where it came from, for the UI: "MNIST (60000 train / 10000 test)". */
  name: string;
  train: Dataset;
  /** A validation set given explicitly (else validation_split carves one from train). */
  val?: Dataset;
  test?: Dataset;
  /** Class names per output, for predictions and the confusion matrix. */
  classNames?: Record<string, string[]>;
  /** What the reader left out or changed, for the UI ("skipped 2 files: notes.txt, …"). */
  notes?: string[];
}

export const sampleSize = (c: Column) => c.shape.reduce((a, b) => a * b, 1);

/** Rows [start, end) of a column, without copying. */
export function sliceColumn(c: Column, start: number, end: number): Column {
  const n = sampleSize(c);
  return { ...c, values: c.values.subarray(start * n, end * n) };
}

export function sliceDataset(d: Dataset, start: number, end: number): Dataset {
  const map = (r: Record<string, Column>) => Object.fromEntries(Object.entries(r).map(([k, c]) => [k, sliceColumn(c, start, end)]));
  return { count: end - start, inputs: map(d.inputs), targets: map(d.targets) };
}

/** Keras's validation_split: the LAST fraction of the samples, taken before any shuffling. */
export function splitValidation(d: Dataset, fraction: number): { train: Dataset; val: Dataset | undefined } {
  if (!(fraction > 0)) return { train: d, val: undefined };
  const nTrain = Math.floor(d.count * (1 - fraction));
  return { train: sliceDataset(d, 0, nTrain), val: sliceDataset(d, nTrain, d.count) };
}

/**
 * The values of the samples at `order[start..end)`, as the typed array a tensor is built from;
 * written into `out` when it is given and large enough (a buffer reused batch after batch).
 */
export function gatherRows(c: Column, order: ArrayLike<number>, start: number, end: number, out?: Float32Array | Int32Array): Float32Array | Int32Array {
  const n = sampleSize(c);
  const len = (end - start) * n;
  const dst = out && out.length >= len && (c.dtype === 'int32') === out instanceof Int32Array ? out.subarray(0, len)
    : c.dtype === 'int32' ? new Int32Array(len) : new Float32Array(len);
  const v = c.values;
  if (v instanceof Uint8Array) gatherScaled(dst, v, c.scale ?? 1, n, order, start, end);
  else for (let i = start; i < end; i++) dst.set(v.subarray(order[i] * n, order[i] * n + n), (i - start) * n);
  return dst;
}

/** Bytes times a scale (MNIST pixels / 255): a loop of its own, so the engine sees one array type. */
function gatherScaled(dst: Float32Array | Int32Array, v: Uint8Array, scale: number, n: number, order: ArrayLike<number>, start: number, end: number): void {
  for (let i = start, o = 0; i < end; i++, o += n) {
    const src = order[i] * n;
    for (let j = 0; j < n; j++) dst[o + j] = v[src + j] * scale;
  }
}

/** A seed for `rng` drawn anew each call: a fit without a seed shuffles in a new order every run, as Keras does. */
export const freshSeed = () => Math.floor(Math.random() * 0x100000000);

/** A seeded PRNG (mulberry32): synthetic data and shuffles reproduce from a seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates permutation of 0..n-1. */
export function permutation(n: number, random: () => number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}
