/**
 * Differentiable tfjs building blocks for the convolutions tfjs 4.22 has no layer for
 * (Conv1D/3DTranspose, SeparableConv1D, DepthwiseConv1D). tfjs' conv gradients refuse dilation
 * rates > 1, so dilation is done by inserting zeros into the kernel instead, and a transposed conv
 * is a plain stride-1 conv of the stride-dilated, padded input (as jax.lax.conv_transpose does).
 */
import type * as tfNs from '@tensorflow/tfjs';
import type { Tf } from './kind';

/** Insert `factor - 1` zeros between the entries along `axis`: length n → (n - 1)·factor + 1. */
export function dilateAxis(tf: Tf, x: tfNs.Tensor, axis: number, factor: number): tfNs.Tensor {
  if (factor === 1) return x;
  const n = x.shape[axis];
  const pads = [...x.shape, 1].map((_, i): [number, number] => (i === axis + 1 ? [0, factor - 1] : [0, 0]));
  const spread = tf.reshape(tf.pad(tf.expandDims(x, axis + 1), pads), x.shape.map((d, i) => (i === axis ? d * factor : d)));
  return tf.slice(spread, x.shape.map(() => 0), x.shape.map((d, i) => (i === axis ? (n - 1) * factor + 1 : d)));
}

/** A kernel (spatial…, in, out) with its taps spread `rates` apart: the same conv with dilation 1. */
export const dilateKernel = (tf: Tf, k: tfNs.Tensor, rates: number[]) => rates.reduce((acc, r, i) => dilateAxis(tf, acc, i, r), k);

/** (batch, channels, spatial…) ↔ (batch, spatial…, channels). */
export const toChannelsLast = (tf: Tf, x: tfNs.Tensor) => tf.transpose(x, [0, ...x.shape.slice(2).map((_, i) => i + 2), 1]);
export const toChannelsFirst = (tf: Tf, x: tfNs.Tensor) => tf.transpose(x, [0, x.shape.length - 1, ...x.shape.slice(1, -1).map((_, i) => i + 1)]);

/** A conv of a channels-last input with a (spatial…, in, out) kernel, for 1 to 3 spatial axes (stride 1, "valid" unless given). */
export function convN(tf: Tf, x: tfNs.Tensor, k: tfNs.Tensor, strides?: number[], pad: 'valid' | 'same' = 'valid'): tfNs.Tensor {
  const n = x.shape.length - 2;
  const s = strides ?? Array<number>(n).fill(1);
  if (n === 1) return tf.conv1d(x as tfNs.Tensor3D, k as tfNs.Tensor3D, s[0], pad);
  if (n === 2) return tf.conv2d(x as tfNs.Tensor4D, k as tfNs.Tensor4D, s as [number, number], pad);
  return tf.conv3d(x as tfNs.Tensor5D, k as tfNs.Tensor5D, s as [number, number, number], pad);
}

/** Keras' (left, right) padding of the stride-dilated input for a transposed conv (keras backend_utils, JAX). */
export function transposePads(kernel: number, stride: number, dilation: number, padding: string, outputPadding: number | null): [number, number] {
  const k = (kernel - 1) * dilation + 1;
  if (padding === 'valid') return [k - 1, k - 1 + (outputPadding ?? Math.max(k, stride) - k)];
  const len = outputPadding === null ? stride + k - 2 : k + (k % 2) - 2 + outputPadding;
  const left = Math.min(Math.floor(len / 2) + (len % 2), k - 1);
  return [left, len - left];
}
