/** Output length arithmetic of Keras convolutions and pooling (keras/src/ops/operation_utils.py). */
import type { Dim } from '../engine/shape';

export type Padding = 'valid' | 'same' | 'causal' | 'full';

/** Length after a conv/pool window of `kernel` with `stride` and `dilation`; null stays null. */
export function convOutLength(len: Dim, kernel: number, padding: Padding, stride: number, dilation = 1): Dim {
  if (len === null) return null;
  const k = (kernel - 1) * dilation + 1;
  switch (padding) {
    case 'same':
    case 'causal':
      return Math.floor((len + stride - 1) / stride);
    case 'valid':
      return Math.floor((len - k + stride) / stride);
    case 'full':
      return Math.floor((len + k - 1 + stride - 1) / stride);
  }
}

/** Length after a transposed conv (keras deconv_output_length, output_padding None). */
export function deconvOutLength(len: Dim, kernel: number, padding: Padding, stride: number, dilation = 1, outputPadding: number | null = null): Dim {
  if (len === null) return null;
  const k = (kernel - 1) * dilation + 1;
  if (outputPadding === null) {
    if (padding === 'valid') return len * stride + Math.max(k - stride, 0);
    if (padding === 'full') return len * stride - (stride + k - 2);
    return len * stride;
  }
  const pad = padding === 'same' ? Math.floor(k / 2) : padding === 'valid' ? 0 : k - 1;
  return (len - 1) * stride + k - 2 * pad + outputPadding;
}
