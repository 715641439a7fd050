import { defineLayer, needRank, ok } from './kind';
import { int } from './params';

/** layers.UpSampling1D(size): repeats each step `size` times. */
export const UpSampling1D = defineLayer({
  kind: 'UpSampling1D',
  category: 'reshaping',
  doc: 'Repeats each step of a sequence size times: (batch, steps, features) → (batch, steps·size, features).',
  inputs: { min: 1, max: 1 },
  params: {
    size: int({ default: 2, min: 1, positional: true, doc: 'Upsampling factor.' }),
  },
  infer: ([x], p) => needRank('UpSampling1D', x, 3, '(batch, steps, features)') ?? ok([x[0], x[1] === null ? null : x[1] * p.size, x[2]]),
  weights: () => [],
  tfjs: { unsupported: 'tfjs 4.22 has no UpSampling1D layer' },
  examples: [
    { inputs: [[null, 10, 8]], tfjsUnsupported: true },
    { inputs: [[null, 25, 3]], params: { size: 4 }, tfjsUnsupported: true },
    { inputs: [[null, null, 16]], params: { size: 3 }, tfjsUnsupported: true },
  ],
});
