import { defineLayer, fail, ok, w } from './kind';
import { perSample } from './flops';
import { bool, DOCS, float, initializer, py, type Spec } from './params';
import { fmtShape } from '../engine/shape';

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** axis: an int or a list of ints (a built Keras layer writes the list form [-1]; both load). */
export const axisSpec: Spec<number | readonly number[]> = {
  type: 'ints',
  default: -1,
  tfjs: 'axis',
  doc: 'Axis or axes to normalize over (-1: the last).',
  check: (v) =>
    isInt(v) || (Array.isArray(v) && v.length > 0 && v.every(isInt) && new Set(v).size === v.length)
      ? null
      : `must be an integer or a list of distinct integers, got ${py(v)}`,
  toKeras: (v) => (typeof v === 'number' ? v : [...v]),
  fromKeras: (x) => (isInt(x) ? x : Array.isArray(x) && x.length > 0 && x.every(isInt) ? (x.length === 1 ? x[0] : x) : undefined),
  toTfjs: (v) => (typeof v === 'number' ? v : [...v]),
  toPython: (v) => (typeof v === 'number' ? String(v) : `[${v.join(', ')}]`),
};

export const axesOf = (v: number | readonly number[]) => (typeof v === 'number' ? [v] : [...v]);

/** layers.LayerNormalization(): normalizes each sample over `axis`, with a learned gamma and beta of that size. */
export const LayerNormalization = defineLayer({
  kind: 'LayerNormalization',
  category: 'normalization',
  doc: 'Normalizes each sample over `axis` (not over the batch), then scales by gamma and shifts by beta.',
  inputs: { min: 1, max: 1 },
  params: {
    axis: axisSpec,
    epsilon: float({ default: 0.001, min: 0, exclusiveMin: true, tfjs: 'epsilon', doc: 'Added to the variance to avoid dividing by zero.' }),
    center: bool(true, { tfjs: 'center', doc: 'Learn an offset beta.' }),
    scale: bool(true, { tfjs: 'scale', doc: 'Learn a factor gamma.' }),
    beta_initializer: initializer('zeros', { tfjs: 'betaInitializer', doc: DOCS.beta_initializer }),
    gamma_initializer: initializer('ones', { tfjs: 'gammaInitializer', doc: DOCS.gamma_initializer }),
  },
  infer([x], p) {
    for (const a of axesOf(p.axis)) {
      if (a < -x.length || a >= x.length)
        return fail(`LayerNormalization axis=${a} is out of range for an input of rank ${x.length} ${fmtShape(x)}`, 'invalid-param', 'axis');
      if (a === 0 || a === -x.length) return fail(`LayerNormalization cannot normalize over the batch axis (axis=${a})`, 'invalid-param', 'axis');
      if (x.at(a) === null) return fail(`LayerNormalization needs a known size on axis ${a}, got ${fmtShape(x)}`);
    }
    return ok([...x]);
  },
  weights([x], p) {
    const shape = axesOf(p.axis).map((a) => x.at(a) as number);
    return [...(p.scale ? [w('gamma', shape)] : []), ...(p.center ? [w('beta', shape)] : [])];
  },
  // Per element: mean (1), centre (1), square (1), variance sum (1), normalize (1), gamma (1), beta (1).
  flops: (_, [y]) => (perSample(y) === null ? null : 7 * (perSample(y) as number)),
  tfjs: 'layerNormalization',
  examples: [
    { inputs: [[null, 64]] },
    { inputs: [[null, 10, 32]], params: { epsilon: 1e-6 } },
    { inputs: [[null, 4, 5, 6]], params: { axis: [1, 2, 3] } },
    { inputs: [[null, 4, 5]], params: { axis: 1, center: false } },
    { inputs: [[null, 7]], params: { scale: false, beta_initializer: 'ones' } },
  ],
});
