import { defineLayer, fail, ok } from './kind';
import { dataFormat } from './params';
import { numElements } from '../engine/shape';

/** layers.Flatten(): (batch, d1, d2, …) → (batch, d1·d2·…); None if any dim is unknown. */
export const Flatten = defineLayer({
  kind: 'Flatten',
  category: 'reshaping',
  doc: 'Flattens every axis but the batch into one: (batch, 28, 28, 1) → (batch, 784).',
  inputs: { min: 1, max: 1 },
  params: {
    // Only the element order changes with the data format, never the shape.
    data_format: dataFormat(),
  },
  infer([x]) {
    if (x.length < 1) return fail('Flatten needs an input with a batch dimension, got ()', 'rank');
    // Keras 3: a rank-1 input (batch,) becomes (batch, 1).
    return ok([x[0], numElements(x.slice(1))]);
  },
  weights: () => [],
  tfjs: 'flatten',
  // tfjs 4.22 refuses inputs of rank < 3 and unknown dims, which Keras 3 flattens to
  // (batch, d) and (batch, None); those cases are in kindsA.test.ts, not here.
  examples: [
    { inputs: [[null, 28, 28, 1]] },
    { inputs: [[null, 4, 4, 64]] },
    { inputs: [[null, 10, 7]] },
    { inputs: [[8, 3, 5, 5]], params: { data_format: 'channels_first' } },
  ],
});
