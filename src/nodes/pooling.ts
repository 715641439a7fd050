/** Params and shape rule shared by MaxPooling1D/2D/3D and AveragePooling1D/2D/3D. */
import { convOutLength } from './convMath';
import { perSample, windowSize } from './flops';
import { layoutOf, shrinkCheck } from './convShape';
import { needRank, ok, type Infer } from './kind';
import { dataFormat, ints, padding, tuple } from './params';
import { orNone } from './optional';
import { fmtShape, type Shape } from '../engine/shape';

/**
 * pool_size is positional (MaxPooling2D(3)); strides None means strides = pool_size, which
 * tfjs also does for a null strides. tfjs's 1D pooling has no data format (channels_last only).
 */
function poolParams(n: 1 | 2 | 3) {
  return {
    pool_size: ints({ default: 2, length: n, min: 1, tfjs: 'poolSize', positional: true, doc: 'Window size; MaxPooling2D(3) pools 3×3.' }),
    strides: orNone(ints({ default: 2, length: n, min: 1, tfjs: 'strides', doc: 'None: the pool size.' })),
    padding: padding(),
    data_format: n === 1 ? dataFormat({ tfjs: null }) : dataFormat(),
  };
}

interface PoolValues {
  pool_size: number | readonly number[];
  strides: number | readonly number[] | null;
  padding: string;
  data_format: string;
}

function inferPool(kind: string, n: number, x: Shape, p: PoolValues): Infer {
  const first = p.data_format === 'channels_first';
  const r = needRank(kind, x, n + 2, layoutOf(n, first));
  if (r) return r;
  const k = tuple(p.pool_size, n);
  const s = p.strides === null ? k : tuple(p.strides, n);
  const sp = first ? x.slice(2) : x.slice(1, n + 1);
  const out = sp.map((len, i) => convOutLength(len, k[i], p.padding === 'same' ? 'same' : 'valid', s[i]));
  return shrinkCheck(kind, `pool_size ${fmtShape(k)} with padding "${p.padding}"`, x, out) ?? ok(first ? [x[0], x[1], ...out] : [x[0], ...out, x[n + 1]]);
}

/** The parts of a pooling kind but its doc, tfjs and examples. */
export const poolingKind = (kind: string, n: 1 | 2 | 3) => ({
  kind,
  category: 'pooling' as const,
  inputs: { min: 1, max: 1 },
  params: poolParams(n),
  infer: ([x]: Shape[], p: PoolValues) => inferPool(kind, n, x, p),
  weights: () => [],
  // One op (a compare or an add) per window element per output.
  flops: (_: Shape[], [y]: Shape[], p: PoolValues) => {
    const out = perSample(y);
    return out === null ? null : out * windowSize(p.pool_size, n);
  },
});
