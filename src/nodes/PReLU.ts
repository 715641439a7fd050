import { defineLayer, fail, ok, w } from './kind';
import { initializer, py, type Spec } from './params';
import { fmtShape, type Shape } from '../engine/shape';

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** shared_axes: None or a tuple of axes (1-based, batch excluded) along which alpha is shared. */
const sharedAxes: Spec<readonly number[] | null> = {
  type: 'ints',
  default: null,
  tfjs: 'sharedAxes',
  doc: 'Axes along which alpha is shared (one value for the whole axis), e.g. (1, 2) for one alpha per channel of an image; None: one alpha per value.',
  check: (v) => (v === null || (Array.isArray(v) && v.length > 0 && v.every((a) => isInt(a) && a >= 1)) ? null : `must be None or a tuple of axes ≥ 1, got ${py(v)}`),
  toKeras: (v) => (v === null ? null : [...v]),
  fromKeras: (x) => (x === null ? null : isInt(x) ? [x] : Array.isArray(x) && x.every(isInt) ? x : undefined),
  toTfjs: (v) => (v === null ? null : [...v]),
  toPython: (v) => py(v),
};

const alphaShape = (x: Shape, shared: readonly number[] | null) => x.slice(1).map((d, i) => (shared?.includes(i + 1) ? 1 : (d as number)));

/** layers.PReLU(): x for x ≥ 0, alpha·x below, with alpha learned per value (or per shared group). */
export const PReLU = defineLayer({
  kind: 'PReLU',
  category: 'activation',
  doc: 'Parametric ReLU: x for x ≥ 0, alpha·x otherwise, with alpha a learned weight per value (or shared along shared_axes).',
  inputs: { min: 1, max: 1 },
  params: {
    alpha_initializer: initializer('zeros', { tfjs: 'alphaInitializer', doc: 'Initializer for the alpha weights.' }),
    shared_axes: sharedAxes,
  },
  infer([x], p) {
    const bad = p.shared_axes?.find((a) => a >= x.length);
    if (bad !== undefined) return fail(`PReLU shared_axes ${py(p.shared_axes)} names axis ${bad}, but the input ${fmtShape(x)} has axes 1..${x.length - 1}`, 'invalid-param', 'shared_axes');
    if (alphaShape(x, p.shared_axes).some((d) => d === null)) return fail(`PReLU needs known sizes on the axes it does not share, got ${fmtShape(x)}`);
    return ok([...x]);
  },
  weights: ([x], p) => [w('alpha', alphaShape(x, p.shared_axes))],
  flops: () => 0, // an elementwise activation: not counted (flops.ts), as ReLU and LeakyReLU
  tfjs: 'prelu',
  examples: [{ inputs: [[null, 8]] }, { inputs: [[null, 6, 6, 3]], params: { shared_axes: [1, 2] } }, { inputs: [[null, 4, 5]], params: { alpha_initializer: 'ones' } }],
});
