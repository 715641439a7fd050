import { defineLayer } from './kind';
import { elementwiseKind } from './merge';

/** layers.average([a, b, ...]): elementwise mean of several inputs of one shape. */
export const Average = defineLayer({
  ...elementwiseKind('Average'),
  doc: 'Elementwise mean of several inputs of one shape.',
  tfjs: 'average',
  examples: [
    { inputs: [[null, 32], [null, 32]] },
    { inputs: [[null, 9, 9, 64], [null, 9, 9, 64], [null, 9, 9, 64]] },
    { inputs: [[null, null, 8], [null, 5, 8]] },
    { inputs: [[null, 1, 8], [null, 5, 1], [null, 8]], note: 'dims of 1 broadcast; shapes align on the right' },
  ],
});
