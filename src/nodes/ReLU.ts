import { defineLayer, ok } from './kind';
import { float } from './params';
import { orNone } from './optional';

/** layers.ReLU(): max(x, 0), optionally capped, leaky below, or with a threshold. */
export const ReLU = defineLayer({
  kind: 'ReLU',
  category: 'activation',
  doc: 'Rectified linear unit: x for x ≥ threshold, negative_slope·(x - threshold) below, capped at max_value.',
  inputs: { min: 1, max: 1 },
  params: {
    max_value: orNone(float({ default: 6, min: 0, tfjs: 'maxValue', doc: 'Largest output; None for no cap.' })),
    // tfjs 4.22's ReLU has only maxValue.
    negative_slope: float({ default: 0, min: 0, doc: 'Slope below the threshold.' }),
    threshold: float({ default: 0, min: 0, doc: 'Inputs below it are damped.' }),
  },
  infer: ([x]) => ok(x),
  weights: () => [],
  tfjs: 'reLU',
  examples: [
    { inputs: [[null, 64]] },
    { inputs: [[null, 28, 28, 16]], params: { max_value: 6 } },
    { inputs: [[null, null, 8]], params: { max_value: 1.5 } },
    { inputs: [[null, 32]], params: { negative_slope: 0.1 }, tfjsUnsupported: true },
    { inputs: [[null, 32]], params: { threshold: 0.5 }, tfjsUnsupported: true },
  ],
});
