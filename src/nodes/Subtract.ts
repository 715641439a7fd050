import { defineLayer } from './kind';
import { elementwiseKind } from './merge';

/** layers.subtract([a, b]): a - b, elementwise, for exactly two inputs of one shape. */
export const Subtract = defineLayer({
  ...elementwiseKind('Subtract'),
  doc: 'Elementwise difference a - b of exactly two inputs of one shape.',
  inputs: { min: 2, max: 2, names: ['a', 'b'] },
  tfjs: { unsupported: 'tfjs 4.22 has no Subtract layer (tf.layers has add, multiply, average, maximum, minimum, concatenate, dot only)' },
  examples: [
    { inputs: [[null, 32], [null, 32]], tfjsUnsupported: true },
    { inputs: [[null, 4, 4, 3], [null, 4, 4, 3]], tfjsUnsupported: true },
    { inputs: [[null, null, 8], [null, 5, 8]], tfjsUnsupported: true },
    { inputs: [[null, 4, 1], [null, 4, 6]], tfjsUnsupported: true },
  ],
});
