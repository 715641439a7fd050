import { defineLayer } from './kind';
import { elementwiseKind } from './merge';

/** layers.add([a, b, ...]): elementwise sum of inputs of one shape. */
export const Add = defineLayer({
  ...elementwiseKind('Add'),
  doc: 'Elementwise sum of several inputs of one shape.',
  tfjs: 'add',
  examples: [
    { inputs: [[null, 9, 9, 64], [null, 9, 9, 64]] },
    { inputs: [[null, 32], [null, 32], [null, 32]] },
  ],
});
