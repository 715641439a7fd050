import { defineLayer, fail, ok } from './kind';
import { float, int, py, shape } from './params';
import { orNone } from './optional';
import { fmtShape } from '../engine/shape';

/** layers.Dropout(rate): zeroes a fraction `rate` of the inputs while training; identity at inference. */
export const Dropout = defineLayer({
  kind: 'Dropout',
  category: 'regularization',
  doc: 'While training, sets a fraction rate of the inputs to 0 and scales the rest by 1/(1 - rate).',
  inputs: { min: 1, max: 1 },
  params: {
    rate: float({ default: 0.5, min: 0, max: 1, tfjs: 'rate', positional: true, doc: 'Fraction of the inputs to drop, in [0, 1].' }),
    noise_shape: orNone(shape({ default: [], allowNone: true, tfjs: 'noiseShape', doc: 'Shape of the keep/drop mask, batch included; 1 shares a decision along that axis.' })),
    seed: int({ default: null, nullable: true, min: 0, tfjs: 'seed', doc: 'Integer seed for the random dropout mask; None for no fixed seed.' }),
  },
  infer([x], p) {
    const ns = p.noise_shape;
    if (ns !== null && (ns.length !== x.length || ns.some((d, i) => d !== null && d !== 1 && x[i] !== null && d !== x[i])))
      return fail(`Dropout noise_shape ${py(ns)} does not broadcast to the input ${fmtShape(x)}: it needs one entry per axis, each None, 1 or the input's size`, 'invalid-param', 'noise_shape');
    return ok(x);
  },
  weights: () => [],
  tfjs: 'dropout',
  examples: [
    { inputs: [[null, 256]], params: { rate: 0.5 } },
    { inputs: [[null, 64]], params: { rate: 0.2, seed: 42 } },
    { inputs: [[null, 10, 64]], params: { rate: 0.3, noise_shape: [null, 1, 64] } },
    { inputs: [[null, 8, 8, 3]], params: { rate: 0 } },
  ],
});
