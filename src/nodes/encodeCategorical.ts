/**
 * Keras' encode_categorical_inputs (keras/src/utils/numerical_utils.py), shared by
 * CategoryEncoding and Discretization: integer indices in [0, depth) as one-hot rows, or per
 * sample as multi-hot / count vectors over axis 1. An index outside [0, depth) encodes as zeros,
 * as JAX's one_hot does (it compares with arange(depth)).
 */
import type * as tfNs from '@tensorflow/tfjs';
import { fail, ok, type Infer, type Tf } from './kind';
import { bool, enumOf, py } from './params';
import { fmtShape, type Shape } from '../engine/shape';

export const ENCODE_MODES = ['one_hot', 'multi_hot', 'count'] as const;
export type EncodeMode = (typeof ENCODE_MODES)[number];

export const outputModeDoc =
  '"one_hot": each index becomes a row of depth values with a 1 at the index (a last axis of size 1 is replaced); "multi_hot": per sample, a 1 for every index present; "count": per sample, how often each index occurs.';

/** Keras' sparse=True returns a sparse tensor (TensorFlow / JAX only); Layerflow has dense tensors only. */
export const sparseParam = {
  ...bool(false, { doc: 'Return a sparse tensor (Keras on TensorFlow or JAX). Layerflow has dense tensors only, so only False is allowed.' }),
  check: (v: unknown) => (v === false ? null : `must be False: Layerflow and tfjs have dense tensors only (got ${py(v)}); the dense output holds the same values`),
};

export const encodeModeParam = (modes: readonly string[], dflt: string) => enumOf(modes, dflt, { tfjs: 'outputMode', doc: outputModeDoc });

/**
 * The encoded shape, as Keras computes it: one_hot appends depth (or replaces a last axis of 1);
 * multi_hot and count reduce axis 1 of (batch, values, ...) and append depth.
 */
export function encodedShape(kind: string, x: Shape, mode: EncodeMode, depth: number): Infer {
  if (x.length < 2) return fail(`${kind} needs an input with a batch axis and at least one more, got ${fmtShape(x)}`, 'rank');
  if (mode === 'one_hot') return ok(x.at(-1) === 1 ? [...x.slice(0, -1), depth] : [...x, depth]);
  return ok([x[0], ...x.slice(2), depth]);
}

/** The encoding of integer-valued `x` in tfjs, float32. */
export function encodeTf(tf: Tf, x: tfNs.Tensor, mode: EncodeMode, depth: number): tfNs.Tensor {
  return tf.tidy(() => {
    let v = tf.cast(x, 'float32');
    if (mode === 'one_hot' && v.rank > 1 && v.shape.at(-1) === 1) v = tf.squeeze(v, [-1]);
    const hot = tf.cast(tf.equal(tf.expandDims(v, -1), tf.range(0, depth, 1, 'float32')), 'float32');
    if (mode === 'one_hot') return hot;
    return mode === 'multi_hot' ? tf.max(hot, 1) : tf.sum(hot, 1);
  });
}

/** computeOutputShape of the tfjs classes: the same rule on a tfjs shape. */
export function encodedTfShape(s: tfNs.Shape, mode: EncodeMode, depth: number): tfNs.Shape {
  if (mode === 'one_hot') return s.at(-1) === 1 ? [...s.slice(0, -1), depth] : [...s, depth];
  return [s[0], ...s.slice(2), depth];
}
