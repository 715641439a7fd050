import { defineLayer } from './kind';
import { elementwiseMerge } from './merge';

/** layers.add([a, b, ...]): elementwise sum of inputs of one shape. */
export const Add = defineLayer({
  kind: 'Add',
  category: 'merging',
  doc: 'Elementwise sum of several inputs of one shape.',
  inputs: { min: 2, max: null },
  params: {},
  infer: (inputs) => elementwiseMerge('Add', inputs),
  weights: () => [],
  tfjs: 'add',
  examples: [
    { inputs: [[null, 9, 9, 64], [null, 9, 9, 64]] },
    { inputs: [[null, 32], [null, 32], [null, 32]] },
  ],
});
