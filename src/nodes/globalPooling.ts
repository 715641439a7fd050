/** Params and shape rule shared by GlobalMaxPooling1D/2D and GlobalAveragePooling1D/2D. */
import { layoutOf } from './convShape';
import { perSample } from './flops';
import { needRank, ok, type Infer } from './kind';
import { bool, dataFormat } from './params';
import type { Shape } from '../engine/shape';

/** tfjs 4.22 has no keepdims, and its 1D global pooling no data format (channels_last only). */
function globalPoolParams(n: 1 | 2) {
  return {
    data_format: n === 1 ? dataFormat({ tfjs: null }) : dataFormat(),
    keepdims: bool(false, { doc: 'Keep the pooled axes as size 1 instead of dropping them.' }),
  };
}

/** (batch, steps…, channels) → (batch, channels), or (batch, 1…, channels) with keepdims. */
function inferGlobalPool(kind: string, n: number, x: Shape, p: { data_format: string; keepdims: boolean }): Infer {
  const first = p.data_format === 'channels_first';
  const r = needRank(kind, x, n + 2, layoutOf(n, first));
  if (r) return r;
  const ch = x[first ? 1 : n + 1];
  if (!p.keepdims) return ok([x[0], ch]);
  const ones = Array<number>(n).fill(1);
  return ok(first ? [x[0], ch, ...ones] : [x[0], ...ones, ch]);
}

/** The parts of a global pooling kind but its doc, tfjs and examples. */
export const globalPoolingKind = (kind: string, n: 1 | 2) => ({
  kind,
  category: 'pooling' as const,
  inputs: { min: 1, max: 1 },
  params: globalPoolParams(n),
  infer: ([x]: Shape[], p: { data_format: string; keepdims: boolean }) => inferGlobalPool(kind, n, x, p),
  weights: () => [],
  // One op per input element.
  flops: ([x]: Shape[]) => perSample(x),
});
