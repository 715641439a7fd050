/**
 * What the image augmentation kind tests share (kindsAugment.test.ts, kindsAugmentMix.test.ts):
 * case values, and the judge that runs each case through our tfjs layer and through real Keras 3
 * (the test's own Python script) and compares the outputs.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../nodes';
import { buildTfjs, fillParams, kerasParams, pythonCall } from '../nodes/kind';
import type { ImageLayer } from '../nodes/imageOps';
import { kerasPython, runKeras } from './python';
import { tmp, writeJson } from '../engine/io/fixtures/judge';

/** A given tensor of a transformation (uint8: for Keras only; tfjs reads it as float32). */
export interface Given {
  shape: number[];
  data: number[];
  dtype: 'float32' | 'bool' | 'int32' | 'uint8';
}
export interface Case {
  kind: string;
  params: Record<string, unknown>;
  shape: number[];
  /** The input values span this range. */
  range: [number, number];
  /** train/infer: call the layer; transform: Keras' transform_images and our `run` with `t`. */
  mode: 'train' | 'infer' | 'transform';
  t?: Record<string, Given>;
}

export const f32 = (shape: number[], data: number[]): Given => ({ shape, data, dtype: 'float32' });
export const i32 = (data: number[]): Given => ({ shape: [data.length], data, dtype: 'int32' });
export const bool = (data: boolean[]): Given => ({ shape: [data.length], data: data.map(Number), dtype: 'bool' });
export const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
/** Deterministic, non-trivial values spread over the range. */
export const values = (n: number, seed: number, [lo, hi]: [number, number]) => Array.from({ length: n }, (_, i) => lo + (hi - lo) * (0.5 + 0.5 * Math.sin(seed * 3.1 + i * 1.37)));
export const unit: [number, number] = [0, 1];
export const byte: [number, number] = [0, 255];
/** A batch of two 5×6 RGB images, channels last and first. */
export const last = [2, 5, 6, 3];
export const first = [2, 3, 5, 6];

const tensorOf = (v: Given) => tf.tensor(v.data, v.shape, v.dtype === 'uint8' ? 'float32' : v.dtype);

/**
 * One test per case: `py` (given the prepared cases' file as argv[1], prints one {config, y} or
 * {error} per case) builds the layer from our Python call — its config must be ours — and
 * computes Keras' output; ours must agree within 1e-4 of the range's width. A case that
 * `changes` its input must change it by more than that, so the check can fail.
 */
export function judgeByKeras(title: string, cases: Case[], py: string, changes: (c: Case) => boolean) {
  const prepared = cases.map((c, i) => {
    const k = KINDS[c.kind];
    const p = fillParams(k, c.params);
    return { ...c, call: pythonCall(k, p), config: kerasParams(k, p), x: values(size(c.shape), i + 1, c.range) };
  });
  describe.skipIf(!kerasPython)(title, () => {
    const script = () => `import sys; sys.argv = ['x', ${JSON.stringify(writeJson(tmp('augment'), 'cases.json', prepared))}]\n${py}`;
    const results = (kerasPython ? JSON.parse(runKeras(script(), { timeoutMs: 300_000 }).trim().split('\n').at(-1)!) : []) as { config?: Record<string, unknown>; y?: number[]; error?: string }[];

    it.each(prepared.map((c, i) => [c.kind, c.mode, JSON.stringify(c.params), i] as const))('%s (%s) with %s', (kind, mode, _p, i) => {
      const c = prepared[i];
      const got = results[i];
      if (got.error) throw new Error(`Keras failed on ${c.call}: ${got.error}`);
      expect(JSON.parse(JSON.stringify(got.config))).toEqual(JSON.parse(JSON.stringify(c.config)));
      const layer = buildTfjs(KINDS[kind], fillParams(KINDS[kind], c.params), `aug_${i}`, tf) as ImageLayer;
      const x = tf.tensor(c.x, c.shape);
      const y = mode === 'transform' ? layer.run(x, Object.fromEntries(Object.entries(c.t!).map(([k, v]) => [k, tensorOf(v)]))) : (layer.apply(x, { training: mode === 'train' }) as tf.Tensor);
      expect(y.shape).toEqual(c.shape);
      const ours = Array.from(y.dataSync());
      const theirs = got.y!;
      // 1e-4 of the value range's width: inputs on a 0–255 scale carry float32 rounding of that size.
      const tol = 1e-4 * Math.max(1, c.range[1] - c.range[0]);
      const worst = Math.max(...theirs.map((v, j) => Math.abs(v - ours[j])));
      expect(worst, `worst difference of ${theirs.length} values`).toBeLessThanOrEqual(tol);
      if (changes(c)) expect(Math.max(...theirs.map((v, j) => Math.abs(v - c.x[j])))).toBeGreaterThan(10 * tol);
    });
  });
}

/**
 * The layer passes 16 images through at inference; in training it returns them, per image, changed
 * by the amounts it returns (sums of |y - x| over each image), for the caller to check.
 */
export function perImageChange(kind: string, params: Record<string, unknown>): { y: tf.Tensor; change: number[] } {
  const k = KINDS[kind];
  const layer = buildTfjs(k, fillParams(k, params), `rand_${kind}`, tf) as tf.layers.Layer;
  const x = tf.tensor(values(16 * 6 * 6 * 3, 7, byte), [16, 6, 6, 3]);
  expect(Array.from((layer.apply(x, { training: false }) as tf.Tensor).dataSync())).toEqual(Array.from(x.dataSync()));
  const y = layer.apply(x, { training: true }) as tf.Tensor;
  return { y, change: tf.sum(tf.abs(tf.sub(y, x)), [1, 2, 3]).arraySync() as number[] };
}
