import { defineLayer, fail, needKnown, ok, w } from './kind';
import { macFlops } from './flops';
import { activation, bool, DOCS, initializer, int } from './params';
import { fmtShape } from '../engine/shape';

/** layers.Dense(units): activation(dot(x, kernel) + bias) on the last axis. */
export const Dense = defineLayer({
  kind: 'Dense',
  category: 'core',
  doc: 'Densely-connected layer: activation(dot(input, kernel) + bias) on the last axis.',
  inputs: { min: 1, max: 1 },
  params: {
    units: int({ default: 32, min: 1, tfjs: 'units', positional: true, doc: 'Dimensionality of the output space.' }),
    activation: activation('linear'),
    use_bias: bool(true, { tfjs: 'useBias', doc: DOCS.use_bias }),
    kernel_initializer: initializer('glorot_uniform', { tfjs: 'kernelInitializer', doc: DOCS.kernel_initializer }),
    bias_initializer: initializer('zeros', { tfjs: 'biasInitializer', doc: DOCS.bias_initializer }),
  },
  infer([x], p) {
    if (x.length < 2) return fail(`Dense needs an input of rank ≥ 2, got ${fmtShape(x)}`, 'rank');
    return needKnown('Dense', x, -1) ?? ok([...x.slice(0, -1), p.units]);
  },
  weights: ([x], p) => [w('kernel', [x.at(-1) as number, p.units]), ...(p.use_bias ? [w('bias', [p.units])] : [])],
  // out × in multiply-adds: each output element is a dot product over the last input axis.
  flops: ([x], [y], p) => macFlops(y, x.at(-1), p.use_bias),
  tfjs: 'dense',
  examples: [
    { inputs: [[null, 784]], params: { units: 64, activation: 'relu' } },
    { inputs: [[null, 64]], params: { units: 10 } },
    { inputs: [[null, 7, 3]], params: { units: 5, use_bias: false } },
    { inputs: [[null, 128]], params: { units: 1, activation: 'sigmoid', kernel_initializer: 'he_normal' } },
  ],
});
