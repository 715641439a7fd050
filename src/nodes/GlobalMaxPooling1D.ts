import { defineLayer } from './kind';
import { globalPoolParams, inferGlobalPool } from './globalPooling';

/** layers.GlobalMaxPooling1D(): Max over all steps of a sequence: (batch, steps, channels) → (batch, channels). */
export const GlobalMaxPooling1D = defineLayer({
  kind: 'GlobalMaxPooling1D',
  category: 'pooling',
  doc: 'Max over all steps of a sequence: (batch, steps, channels) → (batch, channels).',
  inputs: { min: 1, max: 1 },
  params: globalPoolParams(1),
  infer: ([x], p) => inferGlobalPool('GlobalMaxPooling1D', 1, x, p),
  weights: () => [],
  tfjs: 'globalMaxPooling1d',
  examples: [
    { inputs: [[null, 100, 16]] },
    { inputs: [[null, null, 64]] },
    { inputs: [[null, 16, 100]], params: { data_format: 'channels_first' }, tfjsUnsupported: true },
    { inputs: [[null, 10, 8]], params: { keepdims: true }, tfjsUnsupported: true },
  ],
});
