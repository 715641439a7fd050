/**
 * FLOPs per sample, the convention the cost view states (the one tf.profiler and keras-flops
 * report): a multiply-add is 2 FLOPs (FLOPs = 2 × MACs) for Dense, convolutions and recurrent
 * kernels; a bias add is 1 per output element; elementwise activations are not counted;
 * pooling is one op per window element per output; merges one op per element per extra
 * input; layers that only move data (Flatten, Reshape, Dropout at inference, Embedding's
 * lookup, Concatenate) are 0.
 */
import { numElements, type Shape } from '../engine/shape';
import { tuple } from './params';

/** Elements of one sample: the shape without its batch dim; null when a dim is unknown. */
export const perSample = (s: Shape | undefined): number | null => (s ? numElements(s.slice(1)) : null);

/** 2 × MACs (`perOutput` multiply-adds for each output element), plus one add per output element when there is a bias. */
export function macFlops(y: Shape, perOutput: number | null | undefined, bias: boolean): number | null {
  const out = perSample(y);
  if (out === null || perOutput === null || perOutput === undefined) return null;
  return 2 * out * perOutput + (bias ? out : 0);
}

/** Elements of a kernel window: 3×3 → 9. */
export const windowSize = (size: number | readonly number[], n: number) => tuple(size, n).reduce((a, b) => a * b, 1);

/** A conv's output (spatial × filters) × its kernel window × input channels per group. */
export function convFlops(n: number, x: Shape, y: Shape, p: { kernel_size: number | readonly number[]; data_format: string; groups: number; use_bias: boolean }): number | null {
  const ch = x[p.data_format === 'channels_first' ? 1 : n + 1];
  return macFlops(y, ch === null ? null : windowSize(p.kernel_size, n) * (ch / p.groups), p.use_bias);
}

/**
 * softmax(scores(query, key)) · value over [query (B, Tq, d), value (B, Tv, dv), key?]: `perScore`
 * ops per (query step, key step, feature) for the scores, then 2·Tq·Tv·dv for the weighted sum.
 */
export function attentionFlops([q, v]: Shape[], perScore: number, perPair = 0): number | null {
  const [tq, d, tv, dv] = [q[1], q[2], v[1], v[2]];
  if (tq === null || d === null || tv === null || dv === null) return null;
  return tq * tv * (perScore * d + perPair + 2 * dv);
}

/** One recurrent layer over the input's timesteps: per step the kernel (input) and recurrent kernel (state) products, `gates` stacked. */
export function rnnFlops(x: Shape, units: number, gates: number, biases: number): number | null {
  const [steps, features] = [x[1], x.at(-1)];
  if (steps === null || features === null || features === undefined) return null;
  return steps * (2 * gates * units * (features + units) + biases);
}
