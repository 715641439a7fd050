import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, fail, ok, w, type Tf } from './kind';
import { perSample } from './flops';
import { bool, py, type Spec } from './params';
import { buildWith, ownConfig, single, singleShape, tfjsClass } from './tfjsClass';
import { fmtShape, type Shape } from '../engine/shape';

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** axis: an int, a list of ints, or None (one scalar mean and variance; Keras writes it as []). */
const axisSpec: Spec<number | readonly number[] | null> = {
  type: 'ints',
  default: -1,
  tfjs: 'axis',
  doc: 'Axis or axes that keep a separate mean and variance per index (-1: the last, per feature); None: one scalar mean and variance.',
  check: (v) =>
    v === null || isInt(v) || (Array.isArray(v) && v.length > 0 && v.every(isInt) && new Set(v).size === v.length)
      ? null
      : `must be None, an integer or a list of distinct integers, got ${py(v)}`,
  toKeras: (v) => (v === null ? null : typeof v === 'number' ? v : [...v]),
  fromKeras: (x) => (x === null || (Array.isArray(x) && x.length === 0) ? null : isInt(x) ? x : Array.isArray(x) && x.every(isInt) ? (x.length === 1 ? x[0] : x) : undefined),
  toTfjs: (v) => (v === null ? [] : typeof v === 'number' ? [v] : [...v]),
  toPython: (v) => (v === null ? 'None' : typeof v === 'number' ? String(v) : `[${v.join(', ')}]`),
};

/** mean / variance given in the config: None (weights, set by adapt() or a file), a number, or one value per index of the last kept axis. */
const statSpec = (what: string, min: number): Spec<number | readonly number[] | null> => ({
  type: 'ints',
  default: null,
  tfjs: what,
  doc: `The ${what} to normalize with, fixed in the config (a number, or one per index of the last kept axis); None: kept as a non-trainable weight (set by adapt() or an imported file).`,
  check: (v) =>
    v === null || (isNum(v) && v >= min) || (Array.isArray(v) && v.length > 0 && v.every((x) => isNum(x) && x >= min))
      ? null
      : `must be None, a number or a list of numbers${min === 0 ? ' ≥ 0' : ''}, got ${py(v)}`,
  toKeras: (v) => (v === null ? null : typeof v === 'number' ? v : [...v]),
  // A nested list (a mean per index of two kept axes) is not modelled: it cannot be read.
  fromKeras: (x) => (x === null ? null : isNum(x) ? x : Array.isArray(x) && x.length > 0 && x.every(isNum) ? x : undefined),
  toTfjs: (v) => (v === null ? null : typeof v === 'number' ? v : [...v]),
  toPython: (v) => (v === null ? 'None' : typeof v === 'number' ? String(v) : `[${v.join(', ')}]`),
});

const axesOf = (a: number | readonly number[] | null): number[] => (a === null ? [] : typeof a === 'number' ? [a] : [...a]);
/** The kept axes as sorted positive indices, or null when one is out of range. */
const keptAxes = (rank: number, a: number | readonly number[] | null) => {
  const axes = axesOf(a);
  if (axes.some((d) => d < -rank || d >= rank)) return null;
  return axes.map((d) => (d < 0 ? d + rank : d)).sort((x, y) => x - y);
};

const normClass = tfjsClass((tf: Tf) => {
  class Normalization extends tf.layers.Layer {
    static className = 'Normalization';
    private stats: tfNs.LayerVariable[] = [];
    constructor(private readonly cfg: Record<string, unknown>) {
      super(cfg);
    }
    build(inputShape: tfNs.Shape | tfNs.Shape[]) {
      const s = singleShape(inputShape);
      const kept = keptAxes(s.length, this.cfg.axis as number[])!.map((d) => s[d] as number);
      if (this.cfg.mean === null || this.cfg.mean === undefined) {
        const zeros = tf.initializers.zeros();
        this.stats = [
          this.addWeight('mean', kept, 'float32', zeros, undefined, false),
          this.addWeight('variance', kept, 'float32', tf.initializers.ones(), undefined, false),
          // Keras keeps it for old saved models; nothing reads it.
          this.addWeight('count', [], 'float32', zeros, undefined, false),
        ];
      }
      this.built = true;
    }
    call(inputs: tfNs.Tensor | tfNs.Tensor[]) {
      return tf.tidy(() => {
        const x = tf.cast(single(inputs), 'float32');
        const kept = keptAxes(x.rank, this.cfg.axis as number[])!;
        const bshape = x.shape.map((d, i) => (kept.includes(i) ? d : 1));
        const stat = (v: tfNs.LayerVariable | undefined, given: unknown) => {
          if (v) return tf.reshape(v.read(), bshape);
          // A given value aligns with the last kept axes, as Keras' build() reshapes it.
          const t = tf.tensor(given as number | number[]);
          if (t.rank === 0) return t;
          return tf.reshape(t, x.shape.map((_, i) => (i === kept.at(-1) ? t.size : 1)));
        };
        const mean = stat(this.stats[0], this.cfg.mean);
        // backend.epsilon() = 1e-7 bounds the standard deviation from below.
        const std = tf.maximum(tf.sqrt(stat(this.stats[1], this.cfg.variance)), 1e-7);
        return this.cfg.invert === true ? tf.add(mean, tf.mul(x, std)) : tf.div(tf.sub(x, mean), std);
      });
    }
    getConfig() {
      return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
    }
  }
  return Normalization;
});

const statSize = (v: number | readonly number[] | null) => (v === null || typeof v === 'number' ? 1 : v.length);

/** layers.Normalization(): (x - mean) / sqrt(variance) per index of `axis`; mean and variance are weights set by adapt() or read from a file. */
export const Normalization = defineLayer({
  kind: 'Normalization',
  category: 'preprocessing',
  doc: 'Shifts and scales inputs by a fixed mean and variance: (x - mean) / sqrt(variance), one per index of `axis`. The statistics are non-trainable weights (from adapt() in Keras, or an imported file), or fixed in the config.',
  inputs: { min: 1, max: 1 },
  params: {
    axis: axisSpec,
    mean: statSpec('mean', -Infinity),
    variance: statSpec('variance', 0),
    invert: bool(false, { tfjs: 'invert', doc: 'Apply the inverse: x * sqrt(variance) + mean, turning normalized values back.' }),
  },
  infer([x], p) {
    const kept = keptAxes(x.length, p.axis);
    if (kept === null) return fail(`Normalization axis=${py(p.axis)} is out of range for an input of rank ${x.length} ${fmtShape(x)}`, 'invalid-param', 'axis');
    if (kept.some((d) => x[d] === null)) return fail(`Normalization needs known sizes on the kept axes ${py(p.axis)}, got ${fmtShape(x)}`);
    if ((p.mean === null) !== (p.variance === null)) return fail('Normalization needs mean and variance given together (or neither)', 'invalid-param', p.mean === null ? 'mean' : 'variance');
    if (p.mean !== null) {
      if (typeof p.mean !== typeof p.variance || statSize(p.mean) !== statSize(p.variance))
        return fail(`Normalization mean ${py(p.mean)} and variance ${py(p.variance)} must have the same shape`, 'invalid-param', 'variance');
      if (Array.isArray(p.mean)) {
        const last = kept.at(-1);
        if (last === undefined) return fail(`Normalization with axis=None needs a scalar mean, got ${py(p.mean)}`, 'invalid-param', 'mean');
        if (p.mean.length !== 1 && p.mean.length !== x[last])
          return fail(`Normalization mean has ${p.mean.length} values; axis ${last} of ${fmtShape(x)} has ${x[last]}`, 'invalid-param', 'mean');
      }
    }
    return ok([...x]);
  },
  weights([x], p) {
    if (p.mean !== null) return [];
    const kept = (keptAxes(x.length, p.axis) ?? []).map((d) => x[d] as number);
    return [w('mean', kept, false), w('variance', kept, false), w('count', [], false)];
  },
  tfjs: buildWith(normClass),
  flops: (_, [y]: Shape[]) => (perSample(y) === null ? null : 2 * (perSample(y) as number)),
  examples: [
    { inputs: [[null, 8]] },
    { inputs: [[null, 6, 6, 3]], params: { invert: true } },
    { inputs: [[null, 4, 5]], params: { axis: null } },
    { inputs: [[null, 4, 5, 3]], params: { axis: [1, -1] } },
    { inputs: [[null, 5, 5, 3]], params: { mean: [0.485, 0.456, 0.406], variance: [0.052, 0.05, 0.051] } },
    { inputs: [[null, 7]], params: { mean: 3, variance: 2, invert: true } },
  ],
});
