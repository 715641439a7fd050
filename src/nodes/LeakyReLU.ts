import { defineLayer, ok } from './kind';
import { float } from './params';

/** layers.LeakyReLU(): x for x ≥ 0, negative_slope·x below. */
export const LeakyReLU = defineLayer({
  kind: 'LeakyReLU',
  category: 'activation',
  doc: 'Leaky rectified linear unit: x for x ≥ 0, negative_slope·x below.',
  inputs: { min: 1, max: 1 },
  params: {
    negative_slope: float({ default: 0.3, min: 0, tfjs: 'alpha', keras2Name: 'alpha', doc: 'Slope for negative inputs.' }),
  },
  infer: ([x]) => ok(x),
  weights: () => [],
  tfjs: 'leakyReLU',
  examples: [
    { inputs: [[null, 64]] },
    { inputs: [[null, 28, 28, 16]], params: { negative_slope: 0.2 } },
    { inputs: [[null, null, 8]], params: { negative_slope: 0.01 } },
  ],
});
